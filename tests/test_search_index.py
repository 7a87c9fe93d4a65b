"""The prebuilt index answers queries typed in the browser: Python and lunr.js agree."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from lunr.stemmer import porter_stemmer

from benchmarks.synthetic import write_collection
from scripts.entries.validate import validate
from scripts.site.search_index import build_index, normalise, stem
from tests.conftest import REPO, require_tool

LUNR_JS = Path(__import__("mkdocs").__file__).parent / "contrib/search/templates/search/lunr.js"
SEARCH_JS = REPO / "docs" / "assets" / "atlas" / "search.js"

NODE_SCRIPT = """
const lunr = require(process.argv[1]);
const atlas = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const index = input.index ? lunr.Index.load(input.index) : null;
console.log(JSON.stringify({
  stems: input.words.map(w => lunr.stemmer(new lunr.Token(w)).toString()),
  norms: input.texts.map(t => atlas.normalise(t)),
  stop: input.words.filter(w => lunr.stopWordFilter(w) === undefined),
  hits: index ? input.queries.map(q => (atlas.search(lunr, index, q) || []).map(h => h.ref)) : [],
}));
"""

# Words where lunr.py's own stemmer and lunr.js disagree, and some where they agree.
TRICKY = [
    "survey",
    "surveys",
    "day",
    "employ",
    "journey",
    "played",
    "key",
    "money",
    "policy",
    "community",
    "polarisation",
    "radicalised",
    "municipalities",
    "agreed",
    "hopping",
    "relational",
    "yelling",
    "sky",
    "controll",
    "generalization",
    "the",
    "and",
    "youth",
    "leaders",
]
TEXTS = [
    "Prishtinë",
    "Приштина",
    "Đakovica",
    "İstanbul",
    "women's",
    "Ōtautahi",
    "Medellín",
    "U.S.",
    "e-mail",
    "straße",
    "café",
    "naïve",
    "½",
    "x²",
    "طرابلس",
    "Kičevo",
    "Čair",
    "ŁÓDŹ",
    "Æsir",
    "  spaced\tout\n",
]


def node(payload: dict) -> dict:
    require_tool("node", "nodejs")
    result = subprocess.run(
        ["node", "-e", NODE_SCRIPT, str(LUNR_JS), str(SEARCH_JS)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def collection_words(tmp_path_factory):
    """Every word of the real entries and of synthetic ones, as the index sees them."""
    root = write_collection(tmp_path_factory.mktemp("synthetic"), 200, REPO / "practices" / "taxonomy.yml")
    words = set(TRICKY)
    for folder in (REPO / "practices", root):
        for path in folder.glob("*.md"):
            words.update(normalise(path.read_text(encoding="utf-8")).split())
    return sorted(words)


def test_stemmer_matches_lunr_js_on_every_word(collection_words):
    out = node({"words": collection_words, "texts": [], "queries": []})
    mismatches = [(w, js, stem(w)) for w, js in zip(collection_words, out["stems"], strict=True) if js != stem(w)]
    assert mismatches == []
    assert len(collection_words) > 1000


def test_lunr_py_alone_would_miss_these_words():
    # The reason for the port: with lunr.py's stemmer a browser query for 'survey' finds nothing.
    assert [porter_stemmer.stem(w) for w in ("survey", "day", "employ")] == ["survei", "dai", "emploi"]
    assert [stem(w) for w in ("survey", "day", "employ")] == ["survey", "day", "employ"]


def test_normalise_matches_the_browser():
    out = node({"words": [], "texts": TEXTS, "queries": []})
    assert out["norms"] == [normalise(t) for t in TEXTS]
    assert normalise("Prishtinë") == "prishtine"


def test_stop_words_match_the_browser():
    from lunr.stop_word_filter import WORDS

    out = node({"words": [*sorted(WORDS), "youth", "council"], "texts": [], "queries": []})
    assert sorted(out["stop"]) == sorted(WORDS)


@pytest.fixture(scope="module")
def practices():
    return validate(REPO / "practices").practices


@pytest.fixture(scope="module")
def index(practices):
    return build_index(practices, validate(REPO / "practices").taxonomy)


def ids(practices, hits):
    """Refs are positions in the list the index was built from."""
    return [[practices[int(ref)].id for ref in refs] for refs in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Prishtine", "pristina-region-civil-society-platform"),
        ("Приштина", "pristina-region-civil-society-platform"),
        ("priština", "pristina-region-civil-society-platform"),
        ("Tetova", "kumanovo-tetovo-peer-learning"),
        ("Malaysia", "southeast-asia-national-local-cooperation-workshop"),
        ("Chemonics", "kosovo-municipal-offices-for-communities-and-returns"),
        ("inter-ethnic", "kosovo-municipal-offices-for-communities-and-returns"),
        ("peer exchange", "kumanovo-tetovo-peer-learning"),
        ("North Macedonia action plan", "kumanovo-community-action-team"),
        ("workshops", "southeast-asia-national-local-cooperation-workshop"),
        ("polar", "kumanovo-community-action-team"),
    ],
)
def test_browser_queries_find_the_practice(practices, index, query, expected):
    hits = node({"words": [], "texts": [], "queries": [query], "index": index})["hits"]
    assert expected in ids(practices, hits)[0]


def test_browser_query_for_a_word_lunr_py_stems_differently():
    report = validate(REPO / "practices")
    practices = [
        replace(p, summary=p.summary + " A survey of every day journey.")
        if p.id == "kumanovo-tetovo-peer-learning"
        else p
        for p in report.practices
    ]
    index = build_index(practices, report.taxonomy)
    hits = node({"words": [], "texts": [], "queries": ["survey", "journey day", "the survey"], "index": index})["hits"]
    assert ids(practices, hits) == [["kumanovo-tetovo-peer-learning"]] * 3


def test_a_query_of_stop_words_only_is_no_query(index):
    assert node({"words": [], "texts": [], "queries": ["the and of"], "index": index})["hits"] == [[]]


def test_index_is_the_same_for_the_same_input(index):
    report = validate(REPO / "practices")
    again = build_index(report.practices, report.taxonomy)
    assert json.dumps(again, sort_keys=True) == json.dumps(index, sort_keys=True)
