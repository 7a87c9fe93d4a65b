"""The prebuilt index answers queries typed in the browser: Python and lunr.js agree."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace

import pytest
from lunr.stemmer import porter_stemmer

from benchmarks.synthetic import write_collection
from scripts.entries.slug import fold_script
from scripts.entries.validate import validate
from scripts.site.search_index import build_index, normalise, stem
from tests.conftest import FIXTURES, REPO, TODAY, copy_vocabularies, require_tool

LUNR_JS = REPO / "docs" / "assets" / "atlas" / "lunr.js"
SEARCH_JS = REPO / "docs" / "assets" / "atlas" / "search.js"

NODE_SCRIPT = """
const lunr = require(process.argv[1]);
const atlas = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const engine = input.index ? new atlas.Engine(lunr, input.index) : null;
console.log(JSON.stringify({
  stems: input.words.map(w => lunr.stemmer(new lunr.Token(w)).toString()),
  norms: input.texts.map(t => atlas.normalise(t)),
  stop: input.words.filter(w => lunr.stopWordFilter(w) === undefined),
  hits: engine ? input.queries.map(q => (engine.search(q) || []).map(h => String(h.position))) : [],
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
        # fold.js first, as the pages load it: search.js folds with its table.
        ["node", "-e", fold_script() + NODE_SCRIPT, str(LUNR_JS), str(SEARCH_JS)],
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
def report(tmp_path_factory):
    """The two sample entries (tests/fixtures/valid), which share their words."""
    root = tmp_path_factory.mktemp("fixtures") / "practices"
    root.mkdir()
    copy_vocabularies(root)
    for path in (FIXTURES / "valid").glob("*.md"):
        shutil.copy(path, root)
    return validate(root, today=TODAY)


@pytest.fixture(scope="module")
def practices(report):
    """The sample entries and one made here with the words the queries below look for:
    each of those words is in this entry alone."""
    base = next(p for p in report.practices if p.id == "base-entry")
    target = replace(
        base,
        id="peer-workshops-pristina",
        title="Peer workshops against polarisation",
        summary="Young people of two towns meet for inter-ethnic exchange and write joint action plans.",
        places=(replace(base.places[0], name="Pristina", also=("Prishtinë", "Priština", "Приштина")),),
        countries=("XK", "MY"),
        organisations=(replace(base.organisations[0], name="Chemonics International"),),
    )
    return [*report.practices, target]


@pytest.fixture(scope="module")
def index(practices, report):
    return build_index(practices, report.taxonomy)


def ids(practices, hits):
    """Refs are positions in the list the index was built from."""
    return [sorted(practices[int(ref)].id for ref in refs) for refs in hits]


@pytest.mark.parametrize(
    "query",
    [
        "Prishtine",  # accents, either way
        "priština",
        "Приштина",  # another script
        "Malaysia",  # a country's name, from its code
        "Chemonics",  # an organisation
        "inter-ethnic",  # a compound, written either way
        "interethnic",
        "workshop",  # the stem of 'workshops'
        "polar",  # the start of a word still being typed
        "Kosovo action plan",  # every word, each in another field
    ],
)
def test_browser_queries_find_the_practice(practices, index, query):
    hits = node({"words": [], "texts": [], "queries": [query], "index": index})["hits"]
    assert ids(practices, hits) == [["peer-workshops-pristina"]]


def test_browser_queries_find_every_practice_with_the_words(report, practices, index):
    # Both sample entries are in Exampleville (Примерград) and have a dialogue council.
    queries = ["Exampleville", "Примерград", "dialogue council", "Exampleville polarisation"]
    hits = node({"words": [], "texts": [], "queries": queries, "index": index})["hits"]
    samples = sorted(p.id for p in report.practices)
    assert ids(practices, hits) == [samples, samples, samples, []]


def test_browser_query_for_a_word_lunr_py_stems_differently(report):
    practices = [
        replace(p, summary=p.summary + " A survey of every day journey.") if p.id == "other-practice" else p
        for p in report.practices
    ]
    index = build_index(practices, report.taxonomy)
    hits = node({"words": [], "texts": [], "queries": ["survey", "journey day", "the survey"], "index": index})["hits"]
    assert ids(practices, hits) == [["other-practice"]] * 3


def test_a_query_of_stop_words_only_is_no_query(index):
    assert node({"words": [], "texts": [], "queries": ["the and of"], "index": index})["hits"] == [[]]


def test_index_is_the_same_for_the_same_input(practices, index, report):
    again = build_index(practices, report.taxonomy)
    assert json.dumps(again, sort_keys=True) == json.dumps(index, sort_keys=True)
