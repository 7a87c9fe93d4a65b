"""The contributor field reference (/contribute/fields/), written from the schema and vocabularies.

This module gathers the rows; scripts/site/templates/field_reference.html presents them.
"""

from __future__ import annotations

from scripts.entries.body import SECTIONS
from scripts.entries.schema import PRACTICE, ListOf, Record, Term
from scripts.entries.taxonomy import VOCABULARIES, Taxonomy
from scripts.site.i18n import N_, _

# The vocabularies' headings, in the page's language (the ids stay as written in the files).
TITLES = {
    "regions": N_("Regions"),
    "themes": N_("Themes"),
    "types": N_("Types of practice"),
    "target_groups": N_("Target groups"),
    "roles": N_("Organisation roles"),
    "statuses": N_("Statuses"),
    "evidence": N_("Evidence levels"),
    "costs": N_("Cost bands"),
    "material_kinds": N_("Kinds of document"),
}


def field_reference(taxonomy: Taxonomy) -> dict:
    """Everything templates/field_reference.html shows, and its table of contents."""
    records = [
        {"name": name, "anchor": name.replace(".", "-"), "help": spec.help, "rows": _rows(record, taxonomy)}
        for name, spec, record in _records(PRACTICE)
    ]
    fields = _term_fields(PRACTICE)
    vocabularies = [
        {"anchor": key.replace("_", "-"), "title": _(TITLES[key]), "fields": fields.get(key, []),
         "terms": taxonomy.terms(key)}
        for key in VOCABULARIES
    ]  # fmt: skip
    toc = [
        (2, "fields", _("Fields"), [(3, r["anchor"], r["name"], []) for r in records]),
        (2, "sections", _("Sections"), []),
        (2, "vocabularies", _("Vocabularies"), [(3, v["anchor"], v["title"], []) for v in vocabularies]),
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


def _term_fields(record: Record) -> dict[str, list[str]]:
    """vocabulary -> the dotted names of the fields whose values are its ids."""
    found: dict[str, list[str]] = {}
    nested = [(f"{name}.", inner) for name, _spec, inner in _records(record)]
    for prefix, each in [("", record), *nested]:
        for spec in each.fields.values():
            kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
            if isinstance(kind, Term):
                found.setdefault(kind.vocabulary, []).append(f"{prefix}{spec.name}")
    return found


def _rows(record: Record, taxonomy: Taxonomy) -> list[dict]:
    rows = []
    for spec in record.fields.values():
        how = spec.kind.describe(taxonomy)
        if spec.example:
            how += f"; e.g. `{spec.example}`"
        rows.append({"name": spec.name, "required": spec.required, "help": spec.help, "how": how})
    return rows
