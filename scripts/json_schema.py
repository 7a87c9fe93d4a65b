"""The entry schema as JSON Schema, for editors and other tools.

    python -m scripts.json_schema > practice.schema.json

It describes front-matter values after validation (numbers as numbers, dates as text),
which is also the shape of each record in the open data.
"""

from __future__ import annotations

import json
import sys

from scripts.contribute.json_schema import practice_json_schema
from scripts.entries.taxonomy import repository_taxonomy


def main() -> int:
    taxonomy = repository_taxonomy()
    if taxonomy is None:
        return 1
    json.dump(practice_json_schema(taxonomy), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
