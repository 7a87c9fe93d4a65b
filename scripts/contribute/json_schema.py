"""The entry schema as JSON Schema, for editors and other tools.

    python -m scripts.json_schema > practice.schema.json

It describes front-matter values after validation (numbers as numbers, dates as text),
which is also the shape of each record in the open data.
"""

from __future__ import annotations

from scripts.entries.schema import PRACTICE
from scripts.entries.taxonomy import Taxonomy

SCHEMA_ID = "https://practice-atlas.example.org/schema/practice.schema.json"


def practice_json_schema(taxonomy: Taxonomy, schema_id: str = SCHEMA_ID) -> dict:
    schema = PRACTICE.json_schema(taxonomy)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": "Practice Atlas entry",
        "description": (
            "Front-matter of one practice entry (practices/<id>.md). The body holds the "
            "Markdown sections; the id is the file name."
        ),
        **schema,
    }
