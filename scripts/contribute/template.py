"""The ready-to-fill entry template, written from the schema.

    python -m scripts.template > practices/_template.md

A test checks that the committed practices/_template.md equals this output.
"""

from __future__ import annotations

import json

from scripts.entries.body import SECTIONS
from scripts.entries.schema import PRACTICE, Field, ListOf, Record
from scripts.entries.taxonomy import Taxonomy

HEADER = """\
# A practice entry. Save a copy as practices/<id>.md: the file name is the permanent
# id, lower-case words joined by hyphens (kumanovo-community-action-team.md).
# Fill in every REQUIRED field. Delete an optional field that no source supports:
# never guess. Check it with: python -m scripts.validate practices/<id>.md
# Below the closing line, write under each heading; the first three are required.
# Where the sources say nothing for a section, write "Not reported."
"""


def render_template(taxonomy: Taxonomy, values: dict | None = None) -> str:
    """The template; `values` fills top-level fields (scalars, lists, lists of records)."""
    values = values or {}
    lines = ["---", *HEADER.rstrip("\n").split("\n"), ""]
    for spec in PRACTICE.fields.values():
        if spec.name in values:
            lines.append(f"# {_comment(spec, taxonomy)}")
            lines.extend(_filled(spec.name, values[spec.name]))
        else:
            lines.extend(_field_lines(spec, taxonomy, indent=""))
    lines.append("---")
    for section in SECTIONS:
        lines.extend(["", f"## {section.title}", ""])
    return "\n".join(lines) + "\n"


def _scalar(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML one


def _filled(name: str, value) -> list[str]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{name}:"]
        for item in value:
            for index, (key, sub) in enumerate(item.items()):
                lines.append(f"{'  - ' if index == 0 else '    '}{key}: {_scalar(sub)}")
        return lines
    if isinstance(value, list):
        return [f"{name}: [{', '.join(_scalar(v) for v in value)}]"]
    return [f"{name}: {_scalar(value)}"]


def _comment(spec: Field, taxonomy: Taxonomy) -> str:
    need = "REQUIRED" if spec.required else "optional"
    text = f"{need}. {spec.help} {spec.kind.describe(taxonomy)[0].upper()}{spec.kind.describe(taxonomy)[1:]}."
    if spec.example:
        text += f" Example: {spec.example}"
    return text.replace("`", "'")


def _field_lines(spec: Field, taxonomy: Taxonomy, indent: str) -> list[str]:
    lines = [f"{indent}# {_comment(spec, taxonomy)}"]
    kind = spec.kind
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        lines.append(f"{indent}{spec.name}:")
        for index, sub in enumerate(kind.item.fields.values()):
            prefix = f"{indent}  - " if index == 0 else f"{indent}    "
            inner = _field_lines(sub, taxonomy, indent + "    ")
            lines.append(f"{indent}    {inner[0].lstrip()}")
            lines.append(prefix + inner[1].lstrip())
            lines.extend(inner[2:])
    elif isinstance(kind, Record):
        lines.append(f"{indent}{spec.name}:")
        for sub in kind.fields.values():
            lines.extend(_field_lines(sub, taxonomy, indent + "  "))
    elif isinstance(kind, ListOf):
        lines.append(f"{indent}{spec.name}: []")
    else:
        lines.append(f"{indent}{spec.name}:")
    return lines
