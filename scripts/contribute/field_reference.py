"""The contributor field reference (/contribute/fields/), written from the schema and vocabularies.

This module gathers the rows; scripts/site/templates/field_reference.html presents them.
"""

from __future__ import annotations

from scripts.entries.body import SECTIONS
from scripts.entries.schema import PRACTICE, ListOf, Record
from scripts.entries.taxonomy import VOCABULARIES, Taxonomy


def field_reference(taxonomy: Taxonomy) -> dict:
    """Everything templates/field_reference.html shows, and its table of contents."""
    records = [
        {"name": name, "anchor": name.replace(".", "-"), "help": spec.help, "rows": _rows(record, taxonomy)}
        for name, spec, record in _records(PRACTICE)
    ]
    vocabularies = [
        {"anchor": key.replace("_", "-"), "title": key.replace("_", " ").capitalize(), "noun": noun,
         "terms": taxonomy.terms(key)}
        for key, noun in VOCABULARIES.items()
    ]  # fmt: skip
    toc = [
        (2, "fields", "Fields", [(3, r["anchor"], r["name"], []) for r in records]),
        (2, "sections", "Sections", []),
        (2, "vocabularies", "Vocabularies", [(3, v["anchor"], v["title"], []) for v in vocabularies]),
    ]
    values = {
        "fields": _rows(PRACTICE, taxonomy),
        "records": records,
        "sections": SECTIONS,
        "vocabularies": vocabularies,
    }
    return {"values": values, "toc": toc}


def _records(record: Record, prefix: str = ""):
    """(dotted name, field, record) for every nested record, depth first."""
    for spec in record.fields.values():
        inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(inner, Record):
            yield f"{prefix}{spec.name}", spec, inner
            yield from _records(inner, f"{prefix}{spec.name}.")


def _rows(record: Record, taxonomy: Taxonomy) -> list[dict]:
    rows = []
    for spec in record.fields.values():
        how = spec.kind.describe(taxonomy)
        if spec.example:
            how += f"; e.g. `{spec.example}`"
        rows.append({"name": spec.name, "required": spec.required, "help": spec.help, "how": how})
    return rows
