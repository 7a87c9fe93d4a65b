"""The contributor field reference (Markdown), written from the schema and vocabularies."""

from __future__ import annotations

from scripts.entries.body import SECTIONS
from scripts.entries.schema import PRACTICE, ListOf, Record
from scripts.entries.taxonomy import VOCABULARIES, Taxonomy


def render_field_reference(taxonomy: Taxonomy) -> str:
    out = [
        "# Field reference",
        "",
        "Every practice is one Markdown file, `practices/<id>.md`: a front-matter block of",
        "fields between two `---` lines, then the text in sections. The file name is the",
        "permanent id. This page is generated from the same definition the validator uses.",
        "",
        "## Fields",
        "",
    ]
    out += _table(PRACTICE, taxonomy)
    for name, spec, record in _records(PRACTICE):
        out += ["", f"### `{name}`", "", spec.help, ""]
        out += _table(record, taxonomy)
    out += ["", "## Sections", "", "Write the text under these `##` headings, in this order:", ""]
    for section in SECTIONS:
        need = "required" if section.required else "optional"
        out.append(f"1. **{section.title}** ({need}), linkable as `#{section.key}`")
    out += ["", "Raw HTML, scripts and links other than `https://`, `http://` and `mailto:` are refused."]
    out += ["", "## Vocabularies", "", "The allowed ids, from `practices/taxonomy.yml`."]
    for key, noun in VOCABULARIES.items():
        out += ["", f"### {key.replace('_', ' ').capitalize()}", "", f"Used for {noun} values.", ""]
        out += ["| id | label | meaning |", "|---|---|---|"]
        out += [f"| `{t.id}` | {_cell(t.label)} | {_cell(t.description)} |" for t in taxonomy.terms(key)]
    return "\n".join(out) + "\n"


def _records(record: Record, prefix: str = ""):
    """(dotted name, field, record) for every nested record, depth first."""
    for spec in record.fields.values():
        inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(inner, Record):
            yield f"{prefix}{spec.name}", spec, inner
            yield from _records(inner, f"{prefix}{spec.name}.")


def _table(record: Record, taxonomy: Taxonomy) -> list[str]:
    rows = ["| field | required | what it is | how to write it |", "|---|---|---|---|"]
    for spec in record.fields.values():
        need = "yes" if spec.required else "no"
        how = spec.kind.describe(taxonomy)
        if spec.example:
            how += f"; e.g. `{spec.example}`"
        rows.append(f"| `{spec.name}` | {need} | {_cell(spec.help)} | {_cell(how)} |")
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
