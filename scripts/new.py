"""Start a new practice entry from the template.

    python -m scripts.new "Municipal safety council in Danilovgrad" --region western-balkans \\
        --country ME --theme community-safety --type multi-stakeholder-body --status ongoing \\
        --organisation "Municipality of Danilovgrad:lead" \\
        --source "Report title|Publisher|https://example.org/report"

Writes practices/<id>.md (id from the title, or --id) with every field commented with
its allowed values, then lists what is still to fill in. Refuses an id that is taken,
a former id of another entry, retired, or reserved for a page the site builds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.contribute.template import render_template
from scripts.entries import gazetteer
from scripts.entries.slug import slugify
from scripts.entries.taxonomy import KEBAB
from scripts.entries.validate import DEFAULT_ROOT, MAX_ID_LENGTH, RESERVED_IDS, reserved, validate


def _organisation(text: str) -> dict:
    name, _, role = text.rpartition(":")
    if not name:  # no role given
        return {"name": text.strip(), "role": "lead"}
    return {"name": name.strip(), "role": role.strip()}


def _place(name: str, countries: tuple[str, ...]) -> dict:
    """A place with GeoNames' coordinates, so no contributor has to look them up."""
    found = gazetteer.suggest([name], countries)
    if found is None:
        print(f"No coordinates found for {name!r}: fill in lat and lon.")
        return {"name": name}
    print(
        f"{name}: GeoNames has {found.name} ({found.country}) at {found.lat}, {found.lon}; check it is the place meant."
    )
    return {"name": name, "lat": str(found.lat), "lon": str(found.lon)}


def _source(text: str) -> dict:
    parts = [p.strip() for p in text.split("|")]
    source = {"title": parts[0]}
    for key, value in zip(("publisher", "url", "date"), parts[1:], strict=False):
        if value:
            source[key] = value
    return source


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scripts.new", description=__doc__.split("\n")[0])
    p.add_argument("title", help="what was done and where")
    p.add_argument("--id", help="the permanent id, if not the one made from the title")
    p.add_argument("--summary")
    for flag in ("region", "country", "theme", "type", "target-group"):
        p.add_argument(f"--{flag}", action="append", default=[], help="repeat for several")
    p.add_argument("--status")
    p.add_argument("--evidence")
    p.add_argument("--status-as-of", help="the year (or YYYY-MM) a source last showed the status")
    p.add_argument("--started")
    p.add_argument(
        "--place",
        action="append",
        default=[],
        metavar="NAME",
        help="a city or area; its coordinates are looked up in GeoNames (offline); repeat for several",
    )
    p.add_argument(
        "--organisation",
        action="append",
        default=[],
        metavar="NAME:ROLE",
        help="role is lead, partner, funder or support; repeat for several",
    )
    p.add_argument("--source", action="append", default=[], metavar="TITLE|PUBLISHER|URL|DATE")
    p.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=argparse.SUPPRESS)
    p.add_argument("--date", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    entry_id = args.id or slugify(args.title, MAX_ID_LENGTH)
    if args.id and not KEBAB.fullmatch(args.id):
        print(f"'{args.id}' is not a valid id: use lower-case letters, digits and hyphens.")
        return 2
    if not entry_id:
        print(f"Cannot make an id from {args.title!r}; give one with --id (lower-case words joined by hyphens).")
        return 2
    if entry_id in RESERVED_IDS:
        print(f"{reserved(entry_id)}. {'Choose another --id' if args.id else 'Give another id with --id'}.")
        return 2
    report = validate(args.root)
    aliases = {alias: p.id for p in report.practices for alias in p.aliases}
    retired = {r.id: r for r in report.retired}
    path = args.root / f"{entry_id}.md"
    if path.exists() or path.is_symlink():  # writing through a link would write elsewhere
        print(f"{path} already exists: the id '{entry_id}' is taken. Choose another title or --id.")
        return 2
    if entry_id in aliases:
        print(f"'{entry_id}' is a former id of '{aliases[entry_id]}' and cannot be reused. Use --id.")
        return 2
    if entry_id in retired:
        print(f"'{entry_id}' was retired on {retired[entry_id].retired} and is never reused. Use --id.")
        return 2

    values: dict = {"title": args.title}
    for name, given in (
        ("summary", args.summary),
        ("status", args.status),
        ("evidence", args.evidence),
        ("status_as_of", args.status_as_of),
        ("started", args.started),
    ):
        if given:
            values[name] = given
    for name, given in (
        ("regions", args.region),
        ("countries", args.country),
        ("themes", args.theme),
        ("types", args.type),
        ("target_groups", args.target_group),
    ):
        if given:
            values[name] = given
    if args.place:
        values["places"] = [_place(name, tuple(args.country)) for name in args.place]
    if args.organisation:
        values["organisations"] = [_organisation(o) for o in args.organisation]
    if args.source:
        values["sources"] = [_source(s) for s in args.source]
    values["last_reviewed"] = (args.date or dt.date.today()).isoformat()

    path.write_text(render_template(report.taxonomy, values), encoding="utf-8")
    print(f"Wrote {path}.")
    remaining = validate(args.root, [path], today=args.date)
    if remaining.problems:
        print("Still to do (fill these in, or delete optional fields you cannot source):")
        for problem in remaining.problems:
            print(f"  {problem.format()}")
    print(f"Check it again with: python -m scripts.validate {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
