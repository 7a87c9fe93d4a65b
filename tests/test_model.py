"""The model, the JSON records and the CSV columns are made from the schema: a field added
to it reaches all three with no other change."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from scripts.entries.body import parse_body
from scripts.entries.load import load_entry
from scripts.entries.model import Practice, Replication, build_practice, practice_class
from scripts.entries.problems import ERROR
from scripts.entries.schema import PRACTICE, At, Context, Field, Record, Text
from scripts.entries.taxonomy import load_taxonomy
from scripts.site.open_data import CSV_COLUMNS, practices_csv, practices_json
from tests.conftest import FIXTURES, REPO, TODAY

BASE_URL = "https://practice-atlas.example.org/"


def with_budget_notes(schema: Record) -> Record:
    """A copy of the schema with a `budget_note` on the practice and on its replication."""
    fields = dict(schema.fields)
    replication = fields["replication"].kind
    fields["replication"] = dataclasses.replace(
        fields["replication"], kind=Record(*replication.fields.values(), Field("budget_note", Text(200)))
    )
    fields["budget_note"] = Field("budget_note", Text(200), help="What the budget covered.")
    return Record(*fields.values(), rule=schema.rule, computed=schema.computed)


def practice(text: str, folder: Path, schema: Record = PRACTICE):
    """The practice in `text` (an entry file), checked against `schema` as validate does."""
    path = folder / "sample-entry.md"
    path.write_text(text, encoding="utf-8")
    entry = load_entry(path)
    taxonomy, _ = load_taxonomy(REPO / "practices" / "taxonomy.yml")
    errors = []

    def report(line: int, label: str, message: str, severity: str) -> None:
        if severity == ERROR:
            errors.append(f"{label}: {message}")

    cleaned = schema.check(entry.data, At(report, entry.lines), Context(taxonomy, TODAY))
    assert errors == []
    sections, _ = parse_body(entry.body, entry.body_line)
    cls = Practice if schema is PRACTICE else practice_class(schema)
    return build_practice(entry.id, "practices/sample-entry.md", cleaned, sections, cls)


@pytest.fixture
def base_text() -> str:
    return (FIXTURES / "valid" / "base-entry.md").read_text(encoding="utf-8")


def test_the_model_has_the_schema_fields_as_the_outputs_read_them(base_text, tmp_path):
    sample = practice(base_text, tmp_path)
    assert isinstance(sample, Practice)
    assert [f.name for f in dataclasses.fields(Practice)] == ["id", "source_path", *PRACTICE.fields, "sections"]
    assert sample.id == "sample-entry" and sample.source_path == "practices/sample-entry.md"
    assert sample.regions == ("western-balkans",) and sample.countries == ("MK",)
    assert sample.places[0].name == "Exampleville" and sample.places[0].also == ("Примерград", "Shembullqytet")
    assert (sample.places[0].lat, sample.places[0].lon) == (42.0, 21.4)
    assert sample.organisations[0].role == "lead" and sample.figures[0].source == 1
    assert sample.sources[0].date == "2021" and sample.started == "2019-04"  # partial dates as written
    assert sample.last_reviewed == dt.date(2026, 1, 15)  # a full date is a date
    # Left out: None, or () for a list; a record left out is None.
    assert sample.ended is None and sample.target_groups == () and sample.aliases == ()
    assert sample.replication is None and sample.contact is None
    assert sample.section("context").text.startswith("Tensions between two communities")
    assert sample.section("no-such-section") is None
    assert Replication() == Replication(cost=None, timeframe=None, preconditions=(), materials=())


def test_a_field_added_to_the_schema_reaches_model_json_and_csv(base_text, tmp_path):
    schema = with_budget_notes(PRACTICE)
    text = base_text.replace(
        "last_reviewed:",
        "replication:\n  cost: low\n  budget_note: Paid from the youth budget.\n"
        "budget_note: Covers meeting rooms only.\nlast_reviewed:",
    )
    sample = practice(text, tmp_path, schema)
    assert sample.budget_note == "Covers meeting rooms only."
    assert sample.replication.budget_note == "Paid from the youth budget."
    assert sample.replication.cost == "low"

    record = json.loads(practices_json([sample], BASE_URL, schema))["practices"][0]
    assert record["budget_note"] == "Covers meeting rooms only."
    assert record["replication"] == {"cost": "low", "budget_note": "Paid from the youth budget."}
    assert list(record)[-3:] == ["budget_note", "last_modified", "sections"]  # the schema's order

    rows = list(csv.DictReader(io.StringIO(practices_csv([sample], BASE_URL, schema).lstrip("\ufeff"))))
    # The replication's note keeps its name unless another column has it.
    assert rows[0]["budget_note"] == "Covers meeting rooms only."
    assert rows[0]["replication_budget_note"] == "Paid from the youth budget."
    assert rows[0]["cost"] == "low"
    assert [c for c in rows[0] if c not in CSV_COLUMNS] == ["replication_budget_note", "budget_note"]
