"""The ready-to-fill entry template, written from the schema.

    python -m scripts.template > practices/_template.md

A test checks that the committed practices/_template.md equals this output.
"""

from __future__ import annotations

import sys

from scripts.contribute.template import render_template
from scripts.entries.taxonomy import repository_taxonomy


def main() -> int:
    taxonomy = repository_taxonomy()
    if taxonomy is None:
        return 1
    sys.stdout.write(render_template(taxonomy))
    return 0


if __name__ == "__main__":
    sys.exit(main())
