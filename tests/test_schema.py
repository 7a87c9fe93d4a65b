"""Everything derived from the one schema agrees with the validator."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml
from markupsafe import escape

from scripts.contribute.field_reference import field_reference
from scripts.contribute.json_schema import practice_json_schema
from scripts.contribute.template import render_template
from scripts.entries.body import SECTIONS
from scripts.entries.load import load_entry
from scripts.entries.schema import PRACTICE, ListOf, Record
from scripts.entries.translation import translation_name
from scripts.entries.validate import validate
from scripts.site.templating import render
from tests.conftest import REPO, TODAY


@pytest.fixture(scope="module")
def report():
    return validate(REPO / "practices", today=TODAY)


@pytest.fixture(scope="module")
def json_schema(report):
    schema = practice_json_schema(report.taxonomy)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def cleaned_front_matter(path, taxonomy):
    """The validator's cleaned values for one file, as JSON would carry them. Checked as of
    today: an entry reviewed today would be 'in the future' on a fixed date."""
    from scripts.entries.validate import Context, check_entry

    return check_entry(load_entry(path), Context(taxonomy, dt.date.today())).cleaned


def test_real_entries_satisfy_the_json_schema(report, json_schema):
    paths = sorted(p for p in (REPO / "practices").glob("*.md") if not p.name.startswith("_") and not translation_name(p))
    assert paths
    for path in paths:
        jsonschema.validate(cleaned_front_matter(path, report.taxonomy), json_schema)


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("regions", ["balkans"]),
        (
            "themes",
            [
                "polarisation",
                "social-cohesion",
                "community-safety",
                "youth-engagement",
                "migration-and-integration",
            ],
        ),
        ("countries", ["mk"]),
        ("status", "active"),
        ("last_reviewed", "2026-01"),
        ("title", "x" * 121),
        ("summary", "too short"),
        ("budget", "1000"),
        ("sources", []),
        # Digits of other scripts: Python's \\d matches them; the schema's patterns must not.
        ("started", "٢٠١٧"),
        ("last_reviewed", "٢٠٢٥-٠١-٠١"),
    ],
)
def test_json_schema_refuses_what_the_validator_refuses(report, json_schema, change, value):
    good = cleaned_front_matter(REPO / "tests" / "fixtures" / "valid" / "base-entry.md", report.taxonomy)
    jsonschema.validate(good, json_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, change: value}, json_schema)


def test_json_schema_lists_every_field_and_term(report, json_schema):
    assert list(json_schema["properties"]) == list(PRACTICE.fields)
    assert json_schema["properties"]["regions"]["items"]["enum"] == list(report.taxonomy.ids("regions"))
    assert set(json_schema["required"]) == {n for n, f in PRACTICE.fields.items() if f.required}


def test_json_schema_command_prints_the_schema(json_schema):
    result = subprocess.run(
        [sys.executable, "-m", "scripts.json_schema"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == json_schema


def test_committed_template_is_the_generated_one(report):
    committed = (REPO / "practices" / "_template.md").read_text(encoding="utf-8")
    assert committed == render_template(report.taxonomy), "run: python -m scripts.template > practices/_template.md"


def _keys(kind, prefix=""):
    """Dotted names of every field in a record, nested records included."""
    for name, spec in kind.fields.items():
        yield prefix + name
        inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(inner, Record):
            yield from _keys(inner, f"{prefix}{name}.")


def _template_keys(value, prefix=""):
    for name, item in value.items():
        yield prefix + name
        inner = item[0] if isinstance(item, list) and item else item
        if isinstance(inner, dict):
            yield from _template_keys(inner, f"{prefix}{name}.")


def test_template_has_every_field_and_section_in_order(report):
    text = render_template(report.taxonomy)
    front = text.split("---\n")[1]
    assert list(_template_keys(yaml.safe_load(front))) == list(_keys(PRACTICE))
    assert re.findall(r"^## (.+)$", text, re.M) == [s.title for s in SECTIONS]


def test_unfilled_template_asks_for_exactly_the_required_fields(collection, report):
    collection.add("new-practice.md", render_template(report.taxonomy))
    fields = {p.field for p in collection.validate().errors}
    required = {name for name, spec in PRACTICE.fields.items() if spec.required}
    nested = {
        "places[1].name",
        "places[1]",  # lat and lon, in one message with a suggestion
        "places[1].population.value",
        "places[1].population.year",
        "organisations[1].name",
        "organisations[1].role",
        "figures[1].label",
        "figures[1].value",
        "replication.materials[1].title",
        "replication.materials[1].url",
        "replication.budget[1].amount",
        "replication.budget[1].currency",
        "replication.legal_basis[1].title",
        "sources[1].title",
        "sources[1].publisher",
        "contact.organisation",
        "contact",
        "body",
    }
    assert fields == (required - {"organisations", "sources"}) | nested


def test_field_reference_covers_every_field_and_term(report):
    page = render("field_reference.html", **field_reference(report.taxonomy)["values"])
    for name in _keys(PRACTICE):
        assert f"<td><code>{escape(name.split('.')[-1])}</code></td>" in page
    for terms in report.taxonomy.vocabularies.values():
        for term in terms:
            assert f"<tr><td><code>{escape(term.id)}</code></td><td>{escape(term.label)}</td>" in page
    for section in SECTIONS:
        assert f"<strong>{escape(section.title)}</strong>" in page
