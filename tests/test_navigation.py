"""What a reader finds: the tabs and footer, landing pages, the editors' contact, and no
request for a missing file on any page type.

The built test site (tests/conftest.py) is read as files; the browser tests reuse the
fixtures of tests/test_browser.py (Debian's Chromium; they skip without it, fail in CI).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.browser import axe_violations
from tests.conftest import REPO


class Links(HTMLParser):
    """Each link's address and text, and the text of elements of a class."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.tabs: list[str] = []
        self._href: str | None = None
        self._text: list[str] = []
        self._in_tabs = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav" and "md-tabs" in (attributes.get("class") or ""):
            self._in_tabs = 1
        elif tag == "nav" and self._in_tabs:
            self._in_tabs += 1
        if tag == "a":
            self._href, self._text = attributes.get("href"), []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            text = " ".join("".join(self._text).split())
            self.links.append((self._href, text))
            if self._in_tabs:
                self.tabs.append(text)
            self._href = None
        if tag == "nav" and self._in_tabs:
            self._in_tabs -= 1

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def editors() -> dict:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return config["extra"]["editors"]


# -- tabs and footer -------------------------------------------------------------------


def test_performance_is_not_a_tab_but_about_is(test_site):
    tabs = Links(read(test_site, "index.html")).tabs
    assert "About" in tabs and "Open data" in tabs
    assert "Performance" not in tabs
    assert (test_site / "performance" / "index.html").exists()


@pytest.mark.parametrize(
    "path", ["index.html", "regions/western-balkans/index.html", "practices/base-entry/index.html"]
)
def test_footer_links_about_and_performance(test_site, path):
    footer = read(test_site, path).split('<footer class="md-footer">', 1)[1]
    texts = {text: href for href, text in Links(footer).links}
    assert texts["About"].endswith("about/") and texts["Performance"].endswith("performance/")


def test_about_page_says_what_the_atlas_is_and_links_performance(test_site):
    text = read(test_site, "about/index.html")
    for heading in ("Who it is for", "How entries are checked", "Licence", "Contact"):
        assert heading in text
    assert 'href="../performance/"' in text
    assert "CC BY 4.0" in text


# -- regions and themes with no practice -----------------------------------------------


def empty_and_used(test_practices, field: str) -> tuple[set[str], set[str]]:
    from scripts.entries.taxonomy import load_taxonomy

    taxonomy, _ = load_taxonomy(REPO / "practices" / "taxonomy.yml")
    used = {term for p in test_practices for term in getattr(p, field)}
    return set(taxonomy.ids(field)) - used, used


@pytest.mark.parametrize("folder", ["regions", "themes"])
def test_terms_with_no_practice_are_named_but_not_linked(test_site, test_practices, folder):
    empty, used = empty_and_used(test_practices, folder)
    index = read(test_site, f"{folder}/index.html")
    home = read(test_site, "index.html")
    index_links = {href for href, _ in Links(index).links}
    home_links = {href for href, _ in Links(home).links}
    for term in used:
        assert f"{term}/" in index_links and f"{folder}/{term}/" in home_links, term
    for term in empty:
        assert f"{term}/" not in index_links and f"{folder}/{term}/" not in home_links, term
        assert (test_site / folder / term / "index.html").exists()  # links from elsewhere keep working
    assert index.count("none yet") == len(empty)


def test_a_region_page_lists_its_themes_with_counts(test_site, test_practices):
    text = read(test_site, "regions/western-balkans/index.html")
    listed = re.search(
        r'<h2 id="by-theme">.*?</h2>\s*<ul class="atlas-terms atlas-terms--columns">(.*?)</ul>', text, re.S
    )
    assert listed, "the themes are a list"
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="atlas-count">(\d+)', listed.group(1))
    in_region = [p for p in test_practices if "western-balkans" in p.regions]
    themes = {t for p in in_region for t in p.themes}
    assert len(items) == len(themes)
    for href, _, count in items:
        theme = href.rsplit("theme=", 1)[1]
        assert href.startswith("../../practices/?region=western-balkans&amp;theme=")
        assert int(count) == sum(theme in p.themes for p in in_region)


# -- the editors' contact --------------------------------------------------------------


@pytest.mark.parametrize("path", ["contribute/index.html", "contribute/new/index.html", "about/index.html"])
def test_the_editors_contact_is_where_the_guide_sends_people(test_site, path):
    email = editors()["email"]
    assert f'href="mailto:{email}"' in read(test_site, path)


def test_the_guide_names_the_configured_address():
    # CONTRIBUTING.md is also read on GitHub, where no configuration reaches it.
    assert f"<{editors()['email']}>" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_editors_contact_comes_from_the_settings(tmp_path):
    from scripts.build_pages import read_settings as settings_from

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: https://x.org/\nextra:\n  editors:\n    email: desk@x.org\n    name: the desk\n")
    settings = settings_from(config)
    assert (settings.editors_email, settings.editors_name) == ("desk@x.org", "the desk")
    config.write_text("site_url: https://x.org/\n")
    assert settings_from(config).editors_email == ""


# -- no request for a missing file -----------------------------------------------------

PAGE_TYPES = [
    "",  # home
    "practices/",  # catalogue
    "practices/base-entry/",  # practice
    "regions/western-balkans/",
    "regions/east-asia/",
    "themes/social-cohesion/",
    "regions/",
    "contribute/",
    "contribute/new/",  # the form
    "contribute/fields/",
    "open-data/",
    "about/",
    "performance/",
    "practices/old-dialogue-council/",  # a redirect
    "practices/withdrawn-pilot/",  # withdrawn
    "404.html",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_page_asks_for_a_missing_file(page, server, test_site, path):
    own = "/".join(server.split("/", 3)[:3]) + "/"  # the site's origin
    failed: list[str] = []
    requested: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url.startswith(own) else None)
    page.on("request", lambda r: requested.append(r.url))
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if path == "":
        page.keyboard.press("/")  # the header search loads its index and worker
        page.keyboard.type("roma")
    page.wait_for_timeout(300)
    if path == "404.html":
        # The 404 page is served at any missing address, so its assets are addressed from
        # site_url's path, the root; the test site is served under /atlas/. They must exist there.
        failed = [url for url in failed if not (test_site / url.removeprefix(own)).is_file()]
    assert failed == []
    # Material fetches sitemap.xml beside every link[rel=alternate]: the feeds are not that.
    assert [url for url in requested if url.endswith("sitemap.xml")] == []


@pytest.mark.parametrize(
    "path", ["about/", "regions/", "regions/east-asia/", "themes/social-cohesion/", "contribute/new/"]
)
def test_new_and_changed_pages_have_no_accessibility_violations(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if path == "contribute/new/":
        page.click("[data-full] > summary")  # the full details, open
        page.click("[data-id-edit]")
    violations = axe_violations(page, server)
    assert violations == []
