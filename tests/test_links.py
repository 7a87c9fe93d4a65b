"""Links that last: redirects for former ids, notices for withdrawn ones, previews, sitemap
dates from the entries, and builds that do not depend on the day they run."""

from __future__ import annotations

import filecmp
import re
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO, copy_project, mkdocs_build, write_test_collection
from tests.test_site import Page


def test_alias_redirects_to_the_current_page(test_site):
    text = (test_site / "practices" / "old-dialogue-council" / "index.html").read_text(encoding="utf-8")
    page = Page(text)
    assert page.find("meta", **{"http-equiv": "refresh", "content": "0; url=../other-practice/"})
    assert page.find("link", rel="canonical", href="https://practice-atlas.example.org/practices/other-practice/")
    assert 'location.replace("../other-practice/" + location.hash)' in text
    assert page.find("a", href="../other-practice/")


def test_retired_id_with_a_successor_redirects(test_site):
    page = Page((test_site / "practices" / "closed-youth-forum" / "index.html").read_text(encoding="utf-8"))
    assert page.find("meta", **{"http-equiv": "refresh", "content": "0; url=../base-entry/"})


def test_withdrawn_id_says_why(test_site):
    text = (test_site / "practices" / "withdrawn-pilot" / "index.html").read_text(encoding="utf-8")
    assert "This practice was withdrawn" in text
    assert "Its only source was withdrawn by the publisher." in text
    assert "1 June 2026" in text


PAGES = [
    "index.html",
    "practices/index.html",
    "practices/base-entry/index.html",
    "regions/eu/index.html",
    "themes/index.html",
    "open-data/index.html",
    "contribute/fields/index.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_previews_well(test_site, path):
    page = Page((test_site / path).read_text(encoding="utf-8"))
    url = "https://practice-atlas.example.org/" + path.removesuffix("index.html")
    assert page.find("link", rel="canonical", href=url)
    assert page.find("meta", property="og:url", content=url)
    assert page.find("meta", property="og:site_name", content="Practice Atlas")
    for name in ("og:title", "og:description"):
        assert page.find("meta", property=name)[0]["content"].strip(), name
    assert page.find("meta", name="twitter:card", content="summary")
    assert page.find("meta", name="description")[0]["content"].strip()
    assert page.find("link", rel="alternate feed", type="application/atom+xml")


def test_practice_preview_uses_the_entry(test_site):
    page = Page((test_site / "practices" / "migrant-survey-exampleville" / "index.html").read_text(encoding="utf-8"))
    assert page.find("meta", property="og:title", content="Newcomer survey and welcome desk in Exampleville")
    assert page.find("meta", property="og:type", content="article")
    description = page.find("meta", property="og:description")[0]["content"]
    assert description.startswith("A municipal dialogue council brings residents")


def test_practice_page_offers_a_citation_and_section_links(test_site):
    text = (test_site / "practices" / "base-entry" / "index.html").read_text(encoding="utf-8")
    assert (
        "&#34;Neighbourhood dialogue council in Exampleville.&#34; Practice Atlas, last reviewed 15 January 2026. "
        "https://practice-atlas.example.org/practices/base-entry/"
    ) in text
    for key in ("context", "what-was-done", "how-to-replicate"):
        assert f'data-copy-link="#{key}"' in text


def test_sitemap_dates_come_from_the_entries(test_site, test_practices):
    tree = ET.parse(test_site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {u.find("s:loc", ns).text: u.find("s:lastmod", ns).text for u in tree.findall("s:url", ns)}
    assert lastmod["https://practice-atlas.example.org/practices/base-entry/"] == "2026-01-15"
    assert lastmod["https://practice-atlas.example.org/practices/migrant-survey-exampleville/"] == "2026-11-01"
    # A landing page changes when its newest entry does.
    newest_in_eu = max(p.last_reviewed for p in test_practices if "eu" in p.regions)
    assert lastmod["https://practice-atlas.example.org/regions/eu/"] == newest_in_eu.isoformat()
    assert "https://practice-atlas.example.org/practices/old-dialogue-council/" not in lastmod


def test_two_builds_on_different_days_are_byte_identical(tmp_path):
    """The build clock never reaches the output (SOURCE_DATE_EPOCH stands in for the day)."""
    write_test_collection(tmp_path / "practices")
    project = copy_project(tmp_path / "project", tmp_path / "practices")
    sites = []
    for day, epoch in (("one", "1767225600"), ("two", "1798761600")):  # 2026-01-01, 2027-01-01
        site = tmp_path / day
        result = mkdocs_build(project, site, {"SOURCE_DATE_EPOCH": epoch})
        assert result.returncode == 0, result.stderr
        sites.append(site)
    assert _differences(filecmp.dircmp(*sites)) == []


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = comparison.left_only + comparison.right_only + comparison.funny_files
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    found += mismatch + errors
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
ISO_DATE = re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")
LONG_DATE = re.compile(rf"\b([0-3]?\d)\s+({'|'.join(MONTHS)})\s+((?:19|20)\d\d)\b")  # as pages show dates


def dates(text: str) -> set[str]:
    """The full dates in a text, as YYYY-MM-DD."""
    found = set(ISO_DATE.findall(text))
    found.update(f"{year}-{MONTHS.index(month) + 1:02}-{int(day):02}" for day, month, year in LONG_DATE.findall(text))
    return found


def test_every_date_on_the_site_comes_from_its_sources(test_site, tmp_path):
    """A date pinned in the configuration, a template or the code goes stale, and so does
    the build day's: every date the site shows must be one that its sources hold (the
    entries and retired ids, or a hand-written page that gives its own date)."""
    write_test_collection(tmp_path / "practices")  # what test_site was built from
    sources = [*(tmp_path / "practices").iterdir(), *(REPO / "docs").glob("*.md"), REPO / "CONTRIBUTING.md"]
    known = set().union(*(dates(path.read_text(encoding="utf-8")) for path in sources))
    shown = {}
    for path in test_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".ris", ".txt", ".js"):
            for day in dates(path.read_text(encoding="utf-8")) - known:
                shown.setdefault(day, str(path.relative_to(test_site)))
    assert shown == {}
    # Dates as pages write them are read too: the withdrawn id's, from retired.yml.
    assert "2026-06-01" in dates((test_site / "practices" / "withdrawn-pilot" / "index.html").read_text("utf-8"))
