"""The interface in Albanian, Macedonian and Serbian beside English: catalogues, vocabularies,
the four page trees, their alternates, and what a reader sees in each."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from scripts import translations
from scripts.entries.taxonomy import load_translation
from scripts.entries.validate import validate
from scripts.site import i18n
from scripts.site.describe import human_date
from tests.browser import axe_violations
from tests.conftest import REPO

TREES = [language.prefix for language in i18n.LANGUAGES]


# -- catalogues ------------------------------------------------------------------------


def test_every_shipped_language_has_every_string_and_compiles():
    assert translations.check() == []


def test_a_missing_fuzzy_or_marked_up_string_is_named(tmp_path, monkeypatch):
    shutil.copytree(i18n.LOCALES, tmp_path / "locales")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path / "locales")
    monkeypatch.setattr(i18n, "TEMPLATE", tmp_path / "locales" / "messages.pot")
    albanian = i18n.BY_CODE["sq"]
    path = i18n.catalogue_path(albanian)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(msgid "Sort by"\nmsgstr )"[^"\n]*"', r'\1""', text)
    text = re.sub(r'(msgid "Clear all"\n)', r"#, fuzzy\n\1", text)
    text = re.sub(r'(msgid "Filters"\nmsgstr )"[^"\n]*"', r'\1"<b>x</b>"', text)
    text = re.sub(r'(msgid "Since %\(date\)s"\nmsgstr )"[^"\n]*"', r'\1"Nga %(data)s"', text)
    path.write_text(text, encoding="utf-8")
    problems = "\n".join(i18n.catalogue_problems(albanian))
    assert "no translation for 'Sort by'" in problems
    assert "the translation of 'Clear all' is marked fuzzy" in problems
    assert "the translation of 'Filters' contains '<' or '>'" in problems
    assert "unknown named placeholder 'data'" in problems  # %(data)s for %(date)s: the page would break
    path.write_text('msgid "x"\nmsgstr "y"\ngarbage line\n', encoding="utf-8")
    assert "does not compile" in i18n.catalogue_problems(albanian)[0]


def test_plurals_follow_each_language():
    def count(language: str, number: int) -> str:
        with i18n.using(i18n.BY_CODE[language]):
            return i18n.ngettext("%(num)d practice", "%(num)d practices", number) % {"num": number}

    def noun(language: str, number: int) -> str:
        return count(language, number).replace(str(number), "").strip()

    assert (noun("en", 1), noun("en", 2)) == ("practice", "practices")
    assert noun("sq", 1) != noun("sq", 2)  # 1 praktikë, 2 praktika
    # Serbian: one (1, 21), few (2-4, 22-24), other (5-20, 0).
    assert len({noun("sr", 21), noun("sr", 3), noun("sr", 5)}) == 3
    assert noun("sr", 1) == noun("sr", 21) and noun("sr", 22) == noun("sr", 3)
    assert noun("mk", 1) != noun("mk", 5)


def test_dates_and_numbers_follow_each_language():
    with i18n.using(i18n.BY_CODE["sq"]):
        assert human_date("2017-04") == "prill 2017"
    with i18n.using(i18n.BY_CODE["mk"]):
        assert "април" in human_date("2017-04-18")
    assert human_date("2017-04-18") == "18 April 2017"


# -- vocabularies ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def report():
    return validate(REPO / "practices")


def test_every_term_has_a_label_and_description_in_every_language(report):
    assert sorted(report.translations) == sorted(language.code for language in i18n.TRANSLATED)
    for code, taxonomy in report.translations.items():
        for key, terms in report.taxonomy.vocabularies.items():
            translated = taxonomy.vocabularies[key]
            assert [t.id for t in translated] == [t.id for t in terms], (code, key)
            assert all(t.label and t.description for t in translated), (code, key)
        # Translated, not copied: most region labels differ from the English ones.
        pairs = zip(taxonomy.terms("regions"), report.taxonomy.terms("regions"), strict=True)
        same = [t.id for t, e in pairs if t.label == e.label]
        assert len(same) <= 2, (code, same)


def test_a_translation_with_a_missing_or_unknown_term_is_refused(report, tmp_path):
    text = (REPO / "practices" / "taxonomy.sq.yml").read_text(encoding="utf-8")
    text = text.replace("- id: western-balkans", "- id: balkans", 1)
    path = tmp_path / "taxonomy.sq.yml"
    path.write_text(text, encoding="utf-8")
    _, problems = load_translation(path, report.taxonomy)
    messages = [p.message for p in problems]
    assert "'western-balkans' has no translation; copy it from taxonomy.yml" in messages
    assert "'balkans' is not a term of taxonomy.yml; remove it or add it there" in messages


# -- the built site -----------------------------------------------------------------------


def _english_pages(site: Path) -> list[str]:
    others = {language.code for language in i18n.TRANSLATED}
    return sorted(
        str(path.relative_to(site))
        for path in site.rglob("index.html")
        if path.relative_to(site).parts[0] not in others and '<meta http-equiv="refresh"' not in path.read_text()
    )


def test_every_page_exists_in_every_language_and_declares_it(test_site):
    pages = _english_pages(test_site)
    assert len(pages) > 50
    for language in i18n.LANGUAGES:
        for path in pages:
            html = (test_site / language.prefix / path).read_text(encoding="utf-8")
            assert f'<html lang="{language.tag}"' in html, (language.code, path)


def test_every_page_links_its_alternates_and_the_sitemap_lists_them(test_site):
    html = (test_site / "sq" / "practices" / "base-entry" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert links == [
        ("en", "https://practice-atlas.example.org/practices/base-entry/"),
        ("sq", "https://practice-atlas.example.org/sq/practices/base-entry/"),
        ("mk", "https://practice-atlas.example.org/mk/practices/base-entry/"),
        ("sr-Latn", "https://practice-atlas.example.org/sr/practices/base-entry/"),
        ("x-default", "https://practice-atlas.example.org/practices/base-entry/"),
    ]
    sitemap = (test_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    assert len(entries) > 4 * 50
    for entry in entries:
        assert len(re.findall(r'<xhtml:link rel="alternate" hreflang=', entry)) == 5, entry


# Interface strings a reader meets on every kind of page: none may remain on a translated
# page outside the parts marked lang="en" (the entries, the field help, untranslated pages).
ENGLISH_INTERFACE = [
    "Home", "Practices", "Regions", "Themes", "Contribute", "Open data", "About", "All practices",
    "At a glance", "What it takes", "Where", "Who leads", "Status", "Evidence", "Sources",
    "Related practices", "Cite or share this practice", "Copy link", "Last changed", "Filters",
    "Filter by", "Sort by", "Relevance", "Newest first", "Clear all", "Copy link to this view",
    "Search practices", "Map of these practices", "Browse by", "none yet", "By region", "By theme",
    "Search the practices", "Suggest a practice", "Field reference", "How to contribute",
    "Western Balkans", "European Union", "Violent extremism prevention", "Table of contents",
    "Atom feed", "Made with", "Skip to content", "Not yet known", "Page 1 of", "Fields", "Sections",
    "Vocabularies", "Target groups", "Organisation roles", "Evidence levels", "Cost bands", "Kinds of document",
    "The values of the field", "Suggest a correction", "Search",
]  # fmt: skip

VISIBLE_INTERFACE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('script, style, template, [lang|="en"], [hidden]').forEach(e => e.remove());
  const attributes = [...body.querySelectorAll('[aria-label], [title], [placeholder]')]
    .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' '));
  return body.textContent + ' ' + attributes.join(' ') + ' ' + document.title;
}"""


@pytest.mark.parametrize("tree", ["sq/", "mk/", "sr/"])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "practices/",
        "practices/base-entry/",
        "regions/",
        "regions/western-balkans/",
        "themes/",
        "contribute/",
        "contribute/fields/",
        "contribute/new/",
        "about/",
        "open-data/",
    ],
)
def test_translated_pages_show_no_english_interface_text(page, server, tree, path):
    page.goto(server + tree + path)
    page.wait_for_load_state("networkidle")
    text = page.evaluate(VISIBLE_INTERFACE_TEXT)
    own = _own_words(tree.strip("/"))  # 'Status' is Serbian too
    left = [
        s for s in ENGLISH_INTERFACE if s not in own and re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text)
    ]
    assert left == [], (tree + path, left)


def _own_words(code: str) -> set[str]:
    """Every phrase that is also the language's own: its translations and labels."""
    from babel.messages.pofile import read_po

    with i18n.catalogue_path(i18n.BY_CODE[code]).open("rb") as handle:
        strings = [m.string for m in read_po(handle) if m.id]
    texts = [t for s in strings for t in (s if isinstance(s, (list, tuple)) else [s])]
    texts += [t.label for terms in validate(REPO / "practices").translations[code].vocabularies.values() for t in terms]
    return {s for s in ENGLISH_INTERFACE if any(re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", t) for t in texts)}


def test_a_reader_walks_the_atlas_in_albanian_and_switches_language(page, server, report):
    albanian = {t.id: t.label for t in report.translations["sq"].terms("regions")}
    page.goto(server + "sq/")
    assert page.get_attribute("html", "lang") == "sq"
    page.click(".md-tabs__link >> nth=1")  # Practices, in Albanian
    page.wait_for_selector("[data-atlas-catalogue][data-search-ready]")
    assert page.url.endswith("/sq/practices/")
    page.click("[data-facet=region] summary")
    page.click(f"[data-facet=region] label:has-text('{albanian['western-balkans']}')")
    page.wait_for_url(re.compile(r"region=western-balkans"))
    chip = page.inner_text("[data-atlas-chips]")
    assert albanian["western-balkans"] in chip
    page.click("[data-atlas-results] .atlas-card__title a >> nth=0")
    page.wait_for_load_state("domcontentloaded")
    assert "/sq/practices/" in page.url and page.get_attribute("html", "lang") == "sq"
    practice_path = page.url.split("/sq/", 1)[1]
    practice_id = practice_path.strip("/").split("/")[-1]
    if (practice_id, "sq") in report.entry_translations:  # its Albanian text, linking the original
        assert page.get_attribute(".atlas-practice h1", "lang") is None
        assert page.locator(".atlas-language-note a[hreflang=en]").count() == 1
    else:  # the entry, in English
        assert page.get_attribute(".atlas-practice h1", "lang") == "en"
    switcher = page.locator("nav.atlas-languages")
    assert switcher.locator("[aria-current=page]").inner_text() == "Shqip"
    switcher.get_by_text("Македонски").click()
    page.wait_for_url(re.compile(r"/mk/" + re.escape(practice_path) + "$"))
    assert page.get_attribute("html", "lang") == "mk"
    page.locator("nav.atlas-languages").get_by_text("Shqip").click()
    page.wait_for_url(re.compile(r"/sq/" + re.escape(practice_path) + "$"))
    assert page.get_attribute("html", "lang") == "sq"


@pytest.mark.parametrize("path", ["sq/", "sq/practices/", "mk/practices/base-entry/", "sr/regions/western-balkans/"])
def test_translated_pages_have_no_accessibility_violations(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page, server)
    assert violations == []


# -- translations of entries --------------------------------------------------------------


def _translation_collection(tmp_path: Path, name: str, text: str) -> Path:
    root = tmp_path / "practices"
    root.mkdir()
    for path in (REPO / "practices").glob("taxonomy*.yml"):
        shutil.copy(path, root)
    for path in (REPO / "tests" / "fixtures" / "valid").glob("*.md"):
        shutil.copy(path, root)
    (root / name).write_text(text, encoding="utf-8")
    return root


TRANSLATION = (REPO / "tests" / "fixtures" / "valid" / "base-entry.sq.md").read_text(encoding="utf-8")


def test_a_translation_is_read_beside_its_original(tmp_path):
    root = _translation_collection(
        tmp_path, "other-practice.mk.md", TRANSLATION.replace("## Resources\n", "## Budget\n")
    )
    report = validate(root)
    assert ("base-entry", "sq") in report.entry_translations
    lines = [p.format() for p in report.problems]
    assert any(
        "other-practice.mk.md:" in line and "'## Resources' is in the original" in line
        for line in lines
    ), lines
    assert ("other-practice", "mk") not in report.entry_translations


@pytest.mark.parametrize(
    "name, change, message",
    [
        ("base-entry.de.md", ("", ""), "'de' is not one of the site's languages (mk, sq, sr)"),
        ("no-such-entry.sq.md", ("", ""), "translates practices/no-such-entry.md, which does not exist"),
        (
            "base-entry.mk.md",
            ("translated: 2026-02-01", "translated: 2025-12-01"),
            "the original was reviewed on 2026-01-15",
        ),
        ("base-entry.mk.md", ("translated_by: ", "by: "), "translated_by"),
    ],
)
def test_a_wrong_translation_gets_a_precise_message(tmp_path, name, change, message):
    root = _translation_collection(tmp_path, name, TRANSLATION.replace(*change))
    lines = [p.format() for p in validate(root).problems if p.path.endswith(f"/{name}")]
    assert any(message in line for line in lines), lines


def test_a_translated_practice_shows_its_translation_and_links_the_original(test_site):
    albanian = (test_site / "sq" / "practices" / "base-entry" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Këshill dialogu i lagjes në Exampleville</h1>" in albanian  # no lang="en": it is Albanian
    assert 'href="../../../practices/base-entry/" hreflang="en"' in albanian
    assert "Practice Atlas (test translation, not reviewed by a native speaker)" in albanian
    macedonian = (test_site / "mk" / "practices" / "base-entry" / "index.html").read_text(encoding="utf-8")
    assert '<h1 lang="en">Neighbourhood dialogue council in Exampleville</h1>' in macedonian
    index = (test_site / "sq" / "practices" / "search-index.json").read_text(encoding="utf-8")
    assert "base-entry" in json.loads(index)["translated"] and "Këshill dialogu" in index
