"""One folding table: ids and search words in Python, and the same in the browser."""

from __future__ import annotations

import json
import subprocess

import pytest

from scripts.entries.slug import LETTERS, fold, fold_script, slugify
from scripts.site.search_index import normalise
from tests.conftest import REPO, require_tool

SEARCH_JS = REPO / "docs" / "assets" / "atlas" / "search.js"

EXAMPLES = [
    "Приштина — CSO platform",
    "Prishtinë",
    "Priština",
    "Đakovica",
    "Ђаковица",
    "Straße",
    "Ōtautahi",
    "Malmö",
    "الموصل",
    "ΟΔΟΣ ΑΘΗΝΩΝ",
    "и\u0306",  # й typed as и and a combining breve
    "ﬁnance ½ x²",
    "  spaced\tout\n",
]
# Where Unicode decomposition and the table fold letters: Latin, Greek, Cyrillic and
# Arabic; Latin and Greek with more marks; letter-like symbols, numbers and ligatures;
# full-width forms.
RANGES = [(0x0000, 0x0500), (0x0600, 0x0700), (0x1E00, 0x2000), (0x2000, 0x2190), (0xFB00, 0xFB50), (0xFF00, 0xFFF0)]

NODE_SCRIPT = """
const search = require(process.argv[1]);
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
const fold = globalThis.AtlasFold;
process.stdout.write(JSON.stringify(texts.map((t) => [fold.fold(t), search.normalise(t), fold.slug(t)])));
"""


def texts() -> list[str]:
    chars = [chr(code) for start, end in RANGES for code in range(start, end)]
    return chars + [letter.upper() for letter in LETTERS] + EXAMPLES


def browser(inputs: list[str]) -> list[list[str]]:
    """[fold, normalise, slug] of each input, by fold.js and search.js in Node."""
    require_tool("node", "nodejs")
    result = subprocess.run(
        ["node", "-e", fold_script() + NODE_SCRIPT, str(SEARCH_JS)],  # fold.js first, as on the pages
        input=json.dumps(inputs),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


def test_browser_folds_every_character_as_python_does():
    inputs = texts()
    python = [[fold(text), normalise(text), slugify(text)] for text in inputs]
    mismatches = [
        (text, f"U+{ord(text[0]):04X}", js, py)
        for text, js, py in zip(inputs, browser(inputs), python, strict=True)
        if js != py
    ]
    assert mismatches == []
    assert len(inputs) > 2000


@pytest.mark.parametrize(
    ("text", "words", "slug"),
    [
        ("Приштина — CSO platform", "prishtina cso platform", "prishtina-cso-platform"),
        ("Prishtinë", "prishtine", "prishtine"),
        ("Priština", "pristina", "pristina"),
        ("Đakovica", "djakovica", "djakovica"),
        ("Ђаковица", "djakovica", "djakovica"),  # the two scripts of one name meet
        ("Straße", "strasse", "strasse"),
        ("Ōtautahi", "otautahi", "otautahi"),
        ("Malmö", "malmo", "malmo"),
        ("الموصل", "الموصل", ""),  # searchable as written; no letters for an id
        ("и\u0306", "y", "y"),
    ],
)
def test_search_words_and_ids_fold_alike(text, words, slug):
    assert normalise(text) == words
    assert slugify(text) == slug
