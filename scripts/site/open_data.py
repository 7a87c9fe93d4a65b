"""Open data: every practice as JSON and as a flat CSV, and the vocabularies as JSON.

Values are the validated ones, as contributors wrote them; `id`, `url`, `last_modified`
and `sections` are computed. Nothing depends on the build clock, so two builds of the
same entries give the same files.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
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
LIST_SEPARATOR = "; "
PART_SEPARATOR = " — "
# Records whose fields are separate questions a reader sorts or filters by (the cost band,
# the time to set up): each of their fields is a column. Any other record is one cell.
OWN_COLUMNS = {"replication"}
# Columns computed from a field, placed after it.
COMPUTED_COLUMNS = {"countries": "country_names"}
# How one item of a column's list reads, where not as it is (a record: its values, in the
# schema's order, joined by ' — '). These summarise: a field added to one of these
# records is in the JSON, not in the CSV.
ITEM_TEXT = {
    "country_names": COUNTRIES.__getitem__,
    "places": lambda place: place.name + (f" ({', '.join(place.also)})" if place.also else ""),
    "organisations": lambda organisation: f"{organisation.name} ({organisation.role})",
    "figures": lambda figure: f"{figure.label}: {figure.value}",
    # As a citation reads: the publisher first.
    "sources": lambda source: _parts((source.publisher, source.title, source.url, source.date)),
}


def practice_record(practice: Practice, base_url: str, schema: Record = PRACTICE) -> dict:
    """One practice as open data: the schema's fields in the schema's order, plus computed ones."""
    record = {"id": practice.id, "url": f"{base_url}practices/{practice.id}/"}
    for name in schema.fields:
        value = getattr(practice, name, None)
        if value in (None, (), [], {}):
            continue
        record[name] = _plain(value)
    record["last_modified"] = practice.last_reviewed.isoformat()
    record["sections"] = {section.key: section.text for section in practice.sections}
    return record


def _plain(value):
    """Tuples to lists, dates as written (YYYY-MM-DD) and empty optional values dropped, as
    the entry had them."""
    if dataclasses.is_dataclass(value):  # as dataclasses.asdict, without its deep copies
        value = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, (), [])}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def practices_json(practices: list[Practice], base_url: str, schema: Record = PRACTICE) -> str:
    """The collection, one practice a line: readable, and written by json's C encoder,
    which indented output never uses (five times slower at 5,000 practices)."""
    head = {
        "title": "Practice Atlas: all practices",
        "licence": LICENCE,
        "schema": f"{base_url}schema/practice.schema.json",
        "count": len(practices),
    }
    records = [
        json.dumps(practice_record(p, base_url, schema), ensure_ascii=False)
        for p in sorted(practices, key=lambda p: p.id)
    ]
    opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # without the closing "\n}"
    listed = "[\n" + ",\n".join(records) + "\n ]" if records else "[]"
    return f'{opening},\n "practices": {listed}\n}}\n'


def taxonomy_json(taxonomy: Taxonomy, translations: dict[str, Taxonomy] | None = None) -> str:
    """The vocabularies, each term with its label and description in every shipped language."""
    translations = translations or {}

    def term_data(key: str, index: int, term) -> dict:
        data = dataclasses.asdict(term)
        if translations:
            data["translations"] = {
                code: {
                    "label": other.vocabularies[key][index].label,
                    "description": other.vocabularies[key][index].description,
                }
                for code, other in sorted(translations.items())
            }
        return data

    data = {
        "licence": LICENCE,
        "vocabularies": {
            key: [term_data(key, index, term) for index, term in enumerate(terms)]
            for key, terms in taxonomy.vocabularies.items()
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def csv_columns(schema: Record = PRACTICE) -> list[tuple[str, tuple[str, ...]]]:
    """(column, where its value is on a practice), after `id` and `url`: the schema's fields
    in its order. A field of a record in OWN_COLUMNS keeps its own name ('cost'), prefixed
    with the record's ('replication_cost') only if another column has that name."""
    taken = {"id", "url", *schema.fields, *COMPUTED_COLUMNS.values()}
    columns = []
    for name, spec in schema.fields.items():
        if name in OWN_COLUMNS:
            columns += [(part if part not in taken else f"{name}_{part}", (name, part)) for part in spec.kind.fields]
        else:
            columns.append((name, (name,)))
        if name in COMPUTED_COLUMNS:
            columns.append((COMPUTED_COLUMNS[name], (name,)))
    return columns


CSV_COLUMNS = ["id", "url", *(column for column, _ in csv_columns())]


def practices_csv(practices: list[Practice], base_url: str, schema: Record = PRACTICE) -> str:
    """One row a practice, lists joined with '; '. UTF-8 with a byte-order mark, so that
    spreadsheet programs read Cyrillic, Arabic and accents correctly."""
    columns = csv_columns(schema)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "url", *(column for column, _ in columns)])
    for p in sorted(practices, key=lambda p: p.id):
        cells = [_cell_text(column, _at(p, path)) for column, path in columns]
        writer.writerow([_cell(text) for text in (p.id, f"{base_url}practices/{p.id}/", *cells)])
    return "\ufeff" + out.getvalue()


def _at(practice: Practice, path: tuple[str, ...]):
    value = practice
    for name in path:
        value = getattr(value, name, None)  # None when the entry has no such record
    return value


def _cell_text(column: str, value) -> str:
    if isinstance(value, tuple):
        item = ITEM_TEXT.get(column, _text)
        return LIST_SEPARATOR.join(item(v) for v in value)
    return _text(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(_text(v) for v in value)
    if dataclasses.is_dataclass(value):
        return _parts(getattr(value, field.name) for field in dataclasses.fields(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _parts(values) -> str:
    return PART_SEPARATOR.join(text for text in map(_text, values) if text)


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
