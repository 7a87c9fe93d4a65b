"""Open data files in the built site hold every entry with the right values."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import jsonschema
import pytest

from scripts.contribute.json_schema import practice_json_schema
from scripts.entries.countries import COUNTRIES
from scripts.entries.model import Replication, make
from scripts.entries.schema import PRACTICE
from scripts.entries.validate import validate
from scripts.site.open_data import CSV_COLUMNS, _cell, practices_csv
from tests.conftest import SURVEY_ENTRY, write_test_collection


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    practices = tmp_path_factory.mktemp("collection") / "practices"
    write_test_collection(practices)
    return validate(practices)


def load(test_site, path):
    return (test_site / path).read_text(encoding="utf-8")


def test_json_holds_every_practice_with_its_values(test_site, report):
    data = json.loads(load(test_site, "api/practices.json"))
    assert data["count"] == len(report.practices) == len(data["practices"]) >= 8
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    records = {r["id"]: r for r in data["practices"]}
    assert sorted(records) == sorted(p.id for p in report.practices)
    for practice in report.practices:
        record = records[practice.id]
        assert record["url"] == f"https://practice-atlas.example.org/practices/{practice.id}/"
        assert record["title"] == practice.title
        assert record["summary"] == practice.summary
        assert record["regions"] == list(practice.regions)
        assert record["organisations"][0]["name"] == practice.organisations[0].name
        assert record["last_modified"] == record["last_reviewed"] == practice.last_reviewed.isoformat()
        assert list(record["sections"]) == [s.key for s in practice.sections]
        assert record["sections"]["context"] == practice.section("context").text


def test_json_keeps_non_latin_names_and_types(test_site):
    records = {r["id"]: r for r in json.loads(load(test_site, "api/practices.json"))["practices"]}
    base = records["base-entry"]  # tests/fixtures/valid/base-entry.md
    assert base["places"] == [
        {"name": "Exampleville", "also": ["Примерград", "Shembullqytet"], "lat": 42.0, "lon": 21.4}
    ]
    assert "Примерград" in load(test_site, "api/practices.json")  # readable, not \\u-escaped
    assert base["figures"][0]["source"] == 1
    assert base["started"] == "2019-04" and base["sources"][0]["date"] == "2021"
    assert records["other-practice"]["aliases"] == ["old-dialogue-council"]


def test_json_records_satisfy_the_published_schema(test_site):
    schema = json.loads(load(test_site, "schema/practice.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for record in json.loads(load(test_site, "api/practices.json"))["practices"]:
        entry = {k: v for k, v in record.items() if k in PRACTICE.fields}
        jsonschema.validate(entry, schema)


def test_published_schema_is_the_one_schema(test_site, report):
    published = json.loads(load(test_site, "schema/practice.schema.json"))
    assert published == practice_json_schema(
        report.taxonomy, "https://practice-atlas.example.org/schema/practice.schema.json"
    )


def test_csv_opens_cleanly_with_one_row_a_practice(test_site, report):
    raw = (test_site / "api" / "practices.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # so spreadsheet programs read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(report.practices)
    assert list(rows[0]) == CSV_COLUMNS
    by_id = {row["id"]: row for row in rows}
    base = by_id["base-entry"]  # tests/fixtures/valid/base-entry.md
    assert base["places"] == "Exampleville (Примерград, Shembullqytet)"
    assert base["country_names"] == "North Macedonia" and base["countries"] == "MK"
    assert base["organisations"] == "Municipality of Exampleville (lead)"
    assert base["figures"] == "Meetings held: 24"
    assert (
        base["sources"]
        == "Municipality of Exampleville — Annual report of the dialogue council — https://example.org/report — 2021"
    )
    assert base["started"] == "2019-04" and base["ended"] == "" and base["last_reviewed"] == "2026-01-15"
    assert by_id[SURVEY_ENTRY]["ended"] == "2021"


def test_csv_joins_lists_and_spreads_the_replication(report):
    base = next(p for p in report.practices if p.id == "base-entry")
    organisation = base.organisations[0]
    sample = replace(
        base,
        countries=("ID", "MY", "PH"),
        organisations=(organisation, replace(organisation, name="U.S. Department of State", role="funder")),
        replication=make(
            Replication,
            {
                "cost": "low",
                "preconditions": ["A mayor's decision", "A coordinator"],
                "materials": [{"title": "Handbook", "url": "https://example.org/handbook"}],
            },
        ),
        contact=None,
    )
    row = next(csv.DictReader(io.StringIO(practices_csv([sample], "https://example.org/").lstrip("\ufeff"))))
    assert row["countries"] == "ID; MY; PH"
    assert row["country_names"] == "; ".join(COUNTRIES[code] for code in ("ID", "MY", "PH"))
    assert row["organisations"] == "Municipality of Exampleville (lead); U.S. Department of State (funder)"
    assert (row["cost"], row["timeframe"]) == ("low", "")
    assert row["preconditions"] == "A mayor's decision; A coordinator"
    assert row["materials"] == "Handbook — https://example.org/handbook"
    assert row["contact"] == ""


@pytest.mark.parametrize(
    ("value", "cell"), [("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("-x", "'-x"), ("plain", "plain"), ("", "")]
)
def test_csv_cells_never_run_as_formulas(value, cell):
    assert _cell(value) == cell


def test_vocabularies_are_published(test_site, report):
    data = json.loads(load(test_site, "api/taxonomy.json"))
    for key, terms in report.taxonomy.vocabularies.items():
        assert [t["id"] for t in data["vocabularies"][key]] == [t.id for t in terms]
    first = data["vocabularies"]["regions"][0]
    assert {key: first[key] for key in ("id", "label", "description")} == {
        "id": "western-balkans",
        "label": "Western Balkans",
        "description": "Albania, Bosnia and Herzegovina, Kosovo, Montenegro, North Macedonia and Serbia.",
    }
    # Each term in every shipped language, as the /sq/, /mk/ and /sr/ pages show it.
    for code, translated in report.translations.items():
        assert first["translations"][code] == {
            "label": translated.terms("regions")[0].label,
            "description": translated.terms("regions")[0].description,
        }


def test_open_data_page_documents_every_field(test_site):
    text = load(test_site, "open-data/index.html")
    for name in [*PRACTICE.fields, "id", "url", "last_modified", "sections"]:
        assert f"<code>{name}</code>" in text, name
    assert "CC BY 4.0" in text
    footer = load(test_site, "practices/base-entry/index.html")
    assert 'href="../../open-data/"' in footer and 'href="../../feed.xml"' in footer
