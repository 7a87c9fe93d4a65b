"""Open data: every practice as JSON and as a flat CSV, and the vocabularies as JSON.

Values are the validated ones, as contributors wrote them; `id`, `url`, `last_modified`
and `sections` are computed. Nothing depends on the build clock, so two builds of the
same entries give the same files.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from scripts.entries.body import SECTIONS
from scripts.entries.countries import COUNTRIES
from scripts.entries.model import Practice
from scripts.entries.schema import PRACTICE, ListOf, Record
from scripts.entries.taxonomy import Taxonomy

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
COMPUTED_FIELDS = {
    "id": "The permanent id: the entry's file name. It never changes meaning; former ids redirect.",
    "url": "The practice's page.",
    "last_modified": "The date the entry was last reviewed against its sources (YYYY-MM-DD).",
    "sections": "The text, in Markdown, by section: " + ", ".join(f"`{s.key}`" for s in SECTIONS) + ".",
}
CSV_COLUMNS = [
    "id", "url", "title", "summary", "regions", "countries", "country_names", "places", "themes", "types",
    "status", "started", "ended", "organisations", "target_groups", "evidence", "figures", "cost", "timeframe",
    "preconditions", "related", "sources", "contact", "aliases", "last_reviewed",
]  # fmt: skip
LIST_SEPARATOR = "; "


def practice_record(practice: Practice, base_url: str) -> dict:
    """One practice as open data: the schema's fields in the schema's order, plus computed ones."""
    record = {"id": practice.id, "url": f"{base_url}practices/{practice.id}/"}
    for name in PRACTICE.fields:
        value = getattr(practice, name, None)
        if value in (None, (), [], {}):
            continue
        record[name] = _plain(value)
    record["last_reviewed"] = practice.last_reviewed.isoformat()
    record["last_modified"] = practice.last_reviewed.isoformat()
    record["sections"] = {section.key: section.text for section in practice.sections}
    return record


def _plain(value):
    """Tuples to lists and empty optional values dropped, as the entry had them."""
    if dataclasses.is_dataclass(value):  # as dataclasses.asdict, without its deep copies
        value = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, (), [])}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def practices_json(practices: list[Practice], base_url: str) -> str:
    """The collection, one practice a line: readable, and written by json's C encoder,
    which indented output never uses (five times slower at 5,000 practices)."""
    head = {
        "title": "Practice Atlas: all practices",
        "licence": LICENCE,
        "schema": f"{base_url}schema/practice.schema.json",
        "count": len(practices),
    }
    records = [
        json.dumps(practice_record(p, base_url), ensure_ascii=False) for p in sorted(practices, key=lambda p: p.id)
    ]
    opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # without the closing "\n}"
    listed = "[\n" + ",\n".join(records) + "\n ]" if records else "[]"
    return f'{opening},\n "practices": {listed}\n}}\n'


def taxonomy_json(taxonomy: Taxonomy) -> str:
    data = {
        "licence": LICENCE,
        "vocabularies": {
            key: [dataclasses.asdict(term) for term in terms] for key, terms in taxonomy.vocabularies.items()
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def practices_csv(practices: list[Practice], base_url: str) -> str:
    """One row a practice, lists joined with '; '. UTF-8 with a byte-order mark, so that
    spreadsheet programs read Cyrillic, Arabic and accents correctly."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for practice in sorted(practices, key=lambda p: p.id):
        row = _csv_row(practice, base_url)
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return "\ufeff" + out.getvalue()


def _csv_row(p: Practice, base_url: str) -> dict[str, str]:
    join = LIST_SEPARATOR.join
    replication = p.replication
    contact = p.contact
    return {
        "id": p.id,
        "url": f"{base_url}practices/{p.id}/",
        "title": p.title,
        "summary": p.summary,
        "regions": join(p.regions),
        "countries": join(p.countries),
        "country_names": join(COUNTRIES[c] for c in p.countries),
        "places": join(place.name + (f" ({', '.join(place.also)})" if place.also else "") for place in p.places),
        "themes": join(p.themes),
        "types": join(p.types),
        "status": p.status,
        "started": p.started or "",
        "ended": p.ended or "",
        "organisations": join(f"{o.name} ({o.role})" for o in p.organisations),
        "target_groups": join(p.target_groups),
        "evidence": p.evidence,
        "figures": join(f"{f.label}: {f.value}" for f in p.figures),
        "cost": (replication and replication.cost) or "",
        "timeframe": (replication and replication.timeframe) or "",
        "preconditions": join(replication.preconditions) if replication else "",
        "related": join(p.related),
        "sources": join(" — ".join(x for x in (s.publisher, s.title, s.url, s.date) if x) for s in p.sources),
        "contact": " — ".join(x for x in (contact.organisation, contact.url, contact.email) if x) if contact else "",
        "aliases": join(p.aliases),
        "last_reviewed": p.last_reviewed.isoformat(),
    }


def _cell(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs; entry text
    # comes from pull requests, so such a cell is prefixed with an apostrophe.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def fields_table() -> str:
    """Markdown table of the JSON fields, for the Open data page."""
    rows = ["| field | required | what it is |", "|---|---|---|"]
    for name, text in list(COMPUTED_FIELDS.items())[:2]:
        rows.append(f"| `{name}` | always | {text} |")
    for name, spec in PRACTICE.fields.items():
        need = "yes" if spec.required else "no"
        kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        inner = f" Fields: {', '.join(f'`{n}`' for n in kind.fields)}." if isinstance(kind, Record) else ""
        rows.append(f"| `{name}` | {need} | {spec.help}{inner} |")
    for name, text in list(COMPUTED_FIELDS.items())[2:]:
        rows.append(f"| `{name}` | always | {text} |")
    return "\n".join(rows)
