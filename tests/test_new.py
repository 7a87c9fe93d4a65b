"""The scaffold: `python -m scripts.new` writes an entry that validates once filled in."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from scripts.entries.validate import validate
from scripts.new import main
from tests.conftest import TEST_RETIRED, TODAY

FLAGS = [
    "--region", "western-balkans", "--country", "ME", "--theme", "community-safety", "--theme", "polarisation",
    "--type", "multi-stakeholder-body", "--status", "ongoing", "--status-as-of", "2024", "--evidence", "described", "--started", "2014",
    "--organisation", "Municipality of Danilovgrad:lead", "--organisation", "OSCE Mission to Montenegro:support",
    "--source", "Local safety councils in Montenegro|OSCE|https://example.org/report|2019",
    "--date", TODAY.isoformat(),
]  # fmt: skip


def fill(text: str) -> str:
    """What a contributor does next: the summary, the body, and deleting unused optional fields."""
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    data["summary"] = "Danilovgrad runs a municipal council where police, schools and NGOs meet to plan local safety."
    data = {
        k: v
        for k, v in data.items()
        if v not in (None, [], {}) and k not in ("places", "figures", "replication", "contact")
    }
    body = body.replace("## Context\n", "## Context\n\nA town of 18,000 people.\n")
    body = body.replace("## What was done\n", "## What was done\n\nThe council met monthly.\n")
    body = body.replace("## How to replicate\n", "## How to replicate\n\nStart with a mandate from the mayor.\n")
    for section in ("Who was involved", "Resources", "Results", "Challenges and lessons"):
        body = body.replace(f"## {section}\n", f"## {section}\n\nNot reported.\n")
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def test_scaffold_with_flags_validates_once_filled(collection, capsys):
    collection.add_valid()
    assert main(["Municipal safety council in Danilovgrad", *FLAGS]) == 0
    path = collection.root / "municipal-safety-council-in-danilovgrad.md"
    out = capsys.readouterr().out
    assert out.startswith("Wrote practices/municipal-safety-council-in-danilovgrad.md.")
    assert "practices/municipal-safety-council-in-danilovgrad.md:12: summary: is empty; it is required" in out
    text = path.read_text(encoding="utf-8")
    assert 'regions: ["western-balkans"]' in text and 'last_reviewed: "2026-11-23"' in text
    assert "# REQUIRED. What kind of practice it is." in text  # every field still explained
    path.write_text(fill(text), encoding="utf-8")
    report = collection.validate([path])
    assert [p.format() for p in report.problems] == []
    practice = report.practices[0]
    assert practice.organisations[1].role == "support"
    assert practice.sources[0].date == "2019" and practice.started == "2014"


def test_scaffold_without_flags_lists_what_is_missing(collection, capsys):
    assert main(["Приштина — CSO platform", "--date", TODAY.isoformat()]) == 0
    assert (collection.root / "prishtina-cso-platform.md").exists()
    out = capsys.readouterr().out
    for field in ("summary", "regions", "countries", "themes", "types", "status", "evidence"):
        assert f": {field}: is empty; it is required" in out


@pytest.mark.parametrize(
    ("title", "extra", "message"),
    [
        ("Base entry", [], "practices/base-entry.md already exists: the id 'base-entry' is taken."),
        ("Old dialogue council", [], "'old-dialogue-council' is a former id of 'other-practice' and cannot be reused."),
        ("Withdrawn pilot", [], "'withdrawn-pilot' was retired on 2026-06-01 and is never reused."),
        ("طرابلس", [], "Cannot make an id from 'طرابلس'; give one with --id"),
        (
            "Anything",
            ["--id", "Not_Valid"],
            "'Not_Valid' is not a valid id: use lower-case letters, digits and hyphens.",
        ),
        ("Anything", ["--id", "ok-id\n"], "'ok-id\n' is not a valid id: use lower-case letters, digits and hyphens."),
        # Ids the site's own pages use: the entry would take over the catalogue or the feed.
        (
            "Index",
            [],
            "'index' is reserved for a page the site itself builds (the catalogue). Give another id with --id.",
        ),
        (
            "Anything",
            ["--id", "feed"],
            "'feed' is reserved for a page the site itself builds (the news feed). Choose another --id.",
        ),
    ],
)
def test_scaffold_refuses_taken_former_retired_and_reserved_ids(collection, capsys, base_entry, title, extra, message):
    collection.add_valid()
    other = collection.root / "other-practice.md"
    other.write_text(other.read_text().replace("last_reviewed:", "aliases: [old-dialogue-council]\nlast_reviewed:"))
    collection.add("retired.yml", TEST_RETIRED.replace("closed-youth-forum", "closed-forum"))
    before = sorted(p.name for p in collection.root.iterdir())
    assert main([title, *extra]) == 2
    assert message in capsys.readouterr().out
    assert sorted(p.name for p in collection.root.iterdir()) == before


def test_scaffold_id_option(collection):
    assert (
        main(["طرابلس youth network", "--id", "tripoli-youth-network", "--date", dt.date(2026, 1, 1).isoformat()]) == 0
    )
    assert validate(collection.root, [collection.root / "tripoli-youth-network.md"]).problems
