"""Search that finds what readers type: full text, one spelling, synonyms, and help when
nothing matches. Queries run through the browser's own code (lunr.js + search.js in
Node) over the search files a real build writes; expectations come from the entries' text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.build_pages import write
from scripts.entries.synonyms import load_synonyms
from scripts.entries.validate import validate
from scripts.site.build import build_site
from scripts.site.collection import Settings
from scripts.site.search_index import words
from scripts.site.spelling import respell
from tests.conftest import REPO, require_tool
from tests.search_harness import run

SETTINGS = Settings(base_url="https://practice-atlas.example.org/")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    require_tool("node", "nodejs")
    folder = tmp_path_factory.mktemp("search")
    write(build_site(REPO / "practices", (REPO / "CONTRIBUTING.md").read_text("utf-8"), SETTINGS), folder)
    return folder


@pytest.fixture(scope="module")
def practices():
    return validate(REPO / "practices").practices


@pytest.fixture(scope="module")
def texts(practices) -> dict[str, str]:
    """Each practice's whole text as a reader could search it."""
    report = validate(REPO / "practices")
    tax = report.taxonomy

    def text(p) -> str:
        vocabularies = (("themes", p.themes), ("types", p.types), ("regions", p.regions), ("target_groups", p.target_groups))
        labels = [tax.label(v, t) for v, ts in vocabularies for t in ts]
        places = [n for place in p.places for n in (place.name, *place.also)]
        return "\n".join([p.title, p.summary, *places, *(o.name for o in p.organisations), *labels, *(s.text for s in p.sections)])

    return {p.id: text(p) for p in practices}


# -- one form for every spelling -------------------------------------------------------

WORD_TEXTS = [
    "Inter-ethnic dialogue", "interethnic", "anti-rumour", "Anti‑rumor agents", "co-operation", "cooperation",
    "P/CVE", "CVE", "PVE", "CSOs", "Prishtinë", "Priština", "Pristina", "Приштина", "Cox's Bazar",
    "Cox’s Bazar", "neighbourhoods", "neighborhood", "radicalization", "radicalisation", "organizations",
    "deradicalisation", "defence", "defense", "centre", "center", "programme", "program", "counselling",
    "counseling", "judgement", "enrollment", "dialogue", "catalog", "Straße", "Ōtautahi", "Đakovica",
    "U.S.", "e-mail", "x²", "½", "الموصل", "  spaced\tout\n", "four hours", "your behaviour", "size",
]  # fmt: skip


def test_python_and_browser_read_text_alike(built, texts):
    sample = WORD_TEXTS + [line for text in texts.values() for line in text.splitlines() if line.strip()][:400]
    out = run(built, texts=sample)["words"]
    for text in sample:
        assert out[text] == [words(text), words(text, parts=True)], text


@pytest.mark.parametrize(
    "variants",
    [
        ("radicalisation", "radicalization"),
        ("deradicalisation", "deradicalization"),
        ("neighbourhood", "neighborhood"),
        ("organisation", "organization"),
        ("inter-ethnic", "interethnic"),
        ("anti-rumour", "antirumour", "anti-rumor"),
        ("co-operation", "cooperation"),
        ("Prishtinë", "Priština", "Pristina", "Приштина"),
        ("defence", "defense"),
        ("centre", "center"),
        ("programme", "program"),
        ("counselling", "counseling"),
        ("behaviour", "behavior"),
        ("dialogue", "dialog"),
    ],
)
def test_every_spelling_finds_the_same_practices(built, variants):
    results = run(built, queries=list(variants))["results"]
    first = sorted(results[variants[0]])
    for variant in variants[1:]:
        assert sorted(results[variant]) == first, (variants[0], variant)


def test_spelling_rules_leave_other_words_alone():
    assert [respell(w) for w in ("four", "hour", "your", "tour", "our", "pour")] == ["four", "hour", "your", "tour", "our", "pour"]
    assert respell("neighbourhoods") == respell("neighborhoods")


# -- synonyms -----------------------------------------------------------------------------


def test_acronyms_find_what_they_stand_for(built, texts):
    results = run(built, queries=["CVE", "countering violent extremism", "PVE", "P/CVE", "CSO"])["results"]
    writes_pcve = {i for i, t in texts.items() if "P/CVE" in t}
    assert writes_pcve and writes_pcve <= set(results["CVE"]) and writes_pcve <= set(results["PVE"])
    spelt_out = {i for i, t in texts.items() if re.search(r"countering violent extremism", t, re.I)}
    assert spelt_out <= set(results["CVE"])
    assert {i for i, t in texts.items() if re.search(r"\bCVE\b", t)} <= set(results["countering violent extremism"])
    assert {i for i, t in texts.items() if re.search(r"civil[- ]society organi[sz]ation", t, re.I)} <= set(results["CSO"])


def test_the_synonym_list_is_valid_and_reviewed():
    groups, problems = load_synonyms(REPO / "practices" / "synonyms.yml")
    assert problems == []
    assert len(groups) >= 20
    assert ("CVE", "countering violent extremism", "P/CVE") in groups


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- [CVE]\n", "practices/synonyms.yml:1: synonyms[1]: a group lists at least two words or phrases: '- [CVE, countering violent extremism]'"),
        ("- [CVE, cve]\n", "practices/synonyms.yml:1: synonyms[1]: 'cve' is listed twice in this group"),
        ('- [CVE, "\\x1b[31mred"]\n', "practices/synonyms.yml:1: synonyms[1]: '\\x1b[31mred' contains the control character U+001B (escape) at position 1; remove it (it is invisible and can break pages and feeds)"),
        ("- [a, b]\n- [B, A]\n", "practices/synonyms.yml:2: synonyms[2]: the same group as on line 1; keep one"),
        ("- [a, '--']\n", "practices/synonyms.yml:1: synonyms[1]: '--' has no letters or digits"),
        ("cve: pve\n", "practices/synonyms.yml:1: file: must be a list of groups, each written '- [word, other word, phrase]'"),
    ],
)
def test_a_mistake_in_the_synonym_list_is_one_line(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "synonyms.yml").write_text(text, encoding="utf-8")
    _, problems = load_synonyms(Path("practices/synonyms.yml"))
    assert [p.format() for p in problems] == [expected]


# -- judged queries: recall at 10 -------------------------------------------------------

# (query, pattern every expected practice's text matches; several patterns must all match)
JUDGED = [
    # words found in the text of the entries, often only deep in a section
    ("mayor", [r"\bmayors?\b"]),
    ("budget", [r"\bbudget"]),
    ("evaluation", [r"\bevaluations?\b"]),
    ("Roma", [r"\bRoma\b"]),
    ("foreign fighters", [r"\bforeign (terrorist )?fighters\b"]),
    ("volunteers", [r"\bvolunteers?\b"]),
    ("households", [r"\bhouseholds?\b"]),
    ("helpline", [r"\bhelp ?lines?\b"]),
    ("mentoring", [r"\bmentor"]),
    ("police", [r"\bpolice\b"]),
    ("teachers", [r"\bteachers?\b"]),
    ("memorandum", [r"\bmemorandum\b"]),
    ("immigrants", [r"\bimmigrants?\b"]),
    ("refugees", [r"\brefugees?\b"]),
    ("women", [r"\bwom[ae]n\b"]),
    ("prison", [r"\bprisons?\b"]),
    ("training", [r"\btrain"]),
    ("funding", [r"\bfund"]),
    ("online", [r"\bonline\b"]),
    # spellings
    ("radicalization", [r"\bradicali[sz]ation\b"]),
    ("neighborhood", [r"\bneighbou?rhoods?\b"]),
    ("interethnic", [r"\binter-?ethnic\b"]),
    ("anti-rumor", [r"\banti-?rumou?r"]),
    ("deradicalization", [r"\bderadicali[sz]ation\b"]),
    ("organization", [r"\borgani[sz]ations?\b"]),
    ("cooperation", [r"\bco-?operation\b"]),
    ("dialog", [r"\bdialog(ue)?s?\b"]),
    # places, in other scripts and spellings
    ("Prishtinë", [r"Prishtin|Pri[sš]tina|Приштина"]),
    ("Приштина", [r"Prishtin|Pri[sš]tina|Приштина"]),
    ("Kumanovo", [r"Kumanovo|Куманово"]),
    ("Gnjilane", [r"Gjilan|Gnjilane"]),
    ("Malmö", [r"Malm[öo]"]),
    ("Medellin", [r"Medell[íi]n"]),
    ("Solo", [r"\bSolo\b|Surakarta"]),
    ("Christchurch", [r"Christchurch|Ōtautahi"]),
    ("Tetovo", [r"Tetov[oa]"]),
    # organisations
    ("Strong Cities Network", [r"Strong Cities"]),
    ("UNDP", [r"\bUNDP\b|United Nations Development Programme"]),
    ("OSCE", [r"\bOSCE\b|Organi[sz]ation for Security and Co-?operation"]),
    ("USAID", [r"\bUSAID\b|United States Agency for International Development"]),
    ("Chemonics", [r"Chemonics"]),
    # acronyms as written
    ("CVE", [r"\bP?/?CVE\b|countering violent extremism"]),
    ("PVE", [r"\bP/?C?VE\b|P/CVE|preventing violent extremism|prevention of violent extremism"]),
    # two words
    ("youth dialogue", [r"\byouth\b|young people", r"\bdialog"]),
    ("action plan", [r"\baction plans?\b"]),
    ("referral mechanism", [r"\breferral\b", r"\bmechanisms?\b"]),
    ("national strategy", [r"\bnational\b", r"\bstrateg"]),
]


def test_judged_queries_find_what_the_entries_say(built, texts):
    results = run(built, queries=[q for q, _ in JUDGED])["results"]
    recalls = {}
    for query, patterns in JUDGED:
        expected = {i for i, text in texts.items() if all(re.search(p, text, re.I) for p in patterns)}
        assert expected, f"no entry matches the judgement for {query!r}: fix the judgement"
        top = set(results[query][:10])
        recalls[query] = len(top & expected) / min(10, len(expected))
    average = sum(recalls.values()) / len(recalls)
    print(f"recall@10 over {len(recalls)} judged queries: {average:.3f}")
    weak = {q: round(r, 2) for q, r in recalls.items() if r < 0.9}
    assert len(JUDGED) >= 40
    assert average >= 0.9, weak


# -- when nothing matches ------------------------------------------------------------------


def test_a_misspelt_word_gets_a_suggestion_from_the_index(built):
    out = run(built, queries=["evalution", "kumanvo", "radicalisaton dialogue"])
    assert out["results"]["evalution"] == []
    assert out["suggestions"]["evalution"] == ["evaluation"]
    assert out["suggestions"]["kumanvo"] == ["kumanovo"]
    assert out["suggestions"]["radicalisaton dialogue"][0] == "radicalisation"


def test_each_word_says_how_many_practices_it_finds_alone(built, texts):
    out = run(built, queries=["roma evalution"])
    counts = {c["word"]: c["count"] for c in out["counts"]["roma evalution"]}
    assert counts["evalution"] == 0 and counts["roma"] >= 1
    assert out["results"]["roma evalution"] == []


def test_a_match_deep_in_a_section_comes_with_a_marked_snippet(built, texts):
    out = run(built, queries=["Roma"])
    snippet = out["snippets"]["Roma"]
    assert re.search(r"\bRoma\b", texts[snippet["id"]])
    assert snippet["section"] in {"Context", "What was done", "How to replicate", "Who was involved", "Resources", "Results", "Challenges and lessons"}
    marked = [text for text, is_match in snippet["pieces"] if is_match]
    assert marked and all(re.search(r"Roma", text) for text in marked)


def test_title_matches_rank_above_matches_deep_in_a_section(built, practices):
    out = run(built, queries=["Kumanovo"])["results"]["Kumanovo"]
    titled = [p.id for p in practices if "Kumanovo" in p.title]
    assert titled and set(out[: len(titled)]) == set(titled)


def test_the_validator_checks_the_synonym_list(collection):
    collection.add_valid()
    collection.add("synonyms.yml", "- [CVE, countering violent extremism]\n- [PVE]\n")
    assert collection.lines("synonyms.yml") == [
        "practices/synonyms.yml:2: synonyms[2]: a group lists at least two words or phrases: '- [CVE, countering violent extremism]'"
    ]
