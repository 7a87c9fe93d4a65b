"""GitHub issue forms for suggesting a practice and asking for a correction, from the schema.

    python -m scripts.issue_forms      # rewrites .github/ISSUE_TEMPLATE/*.yml

A test checks that the committed forms equal this output, so their choices follow the
vocabularies.
"""

from __future__ import annotations

import sys

from scripts.contribute.issue_forms import FOLDER, forms
from scripts.entries.taxonomy import repository_taxonomy


def main() -> int:
    taxonomy = repository_taxonomy()
    if taxonomy is None:
        return 1
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, text in forms(taxonomy).items():
        (FOLDER / name).write_text(text, encoding="utf-8")
        print(f"wrote {FOLDER / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
