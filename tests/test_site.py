"""The built site, read as files: pages, links, anchors, escaping, no third-party assets."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from scripts.entries.validate import validate
from tests.conftest import FIXTURES, REPO, copy_project, copy_vocabularies, mkdocs_build


class Page(HTMLParser):
    """The links, ids, assets and selected elements of one HTML file."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.nav_links: list[str] = []  # links inside <nav> elements (sidebar, tabs)
        self._nav_depth = 0
        self.feed(text)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav_depth -= 1

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "nav":
            self._nav_depth += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
            if self._nav_depth and "hreflang" not in attributes:  # the language switcher is not the nav
                self.nav_links.append(attributes["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attributes.get("src"):
            self.assets.append(attributes["src"])
        loaded = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
        if tag == "link" and attributes.get("href") and loaded & set((attributes.get("rel") or "").split()):
            self.assets.append(attributes["href"])

    def find(self, tag: str, **wanted) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def practices():
    return validate(REPO / "practices").practices


def read(site: Path, path: str) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


def test_every_practice_region_and_theme_has_a_page(site, practices):
    taxonomy = validate(REPO / "practices").taxonomy
    for practice in practices:
        page = read(site, f"practices/{practice.id}/index.html")
        assert page.find("div", **{"data-practice-id": practice.id})
    for folder, vocabulary in (("regions", "regions"), ("themes", "themes")):
        assert (site / folder / "index.html").exists()
        for term in taxonomy.ids(vocabulary):
            assert (site / folder / term / "index.html").exists()


def test_catalogue_follows_the_test_contract(site, practices):
    page = read(site, "practices/index.html")
    assert page.find("input", name="q")
    cards = [a["data-practice-id"] for t, a in page.tags if "data-practice-id" in a]
    assert sorted(cards) == sorted(p.id for p in practices)
    counters = [a for t, a in page.tags if "data-result-count" in a]
    assert len(counters) == 1 and counters[0]["data-result-count"] == str(len(practices))
    for key in ("region", "country", "theme", "type", "status", "evidence", "sort"):
        assert [a for t, a in page.tags if a.get("name") == key], key


def test_sections_have_stable_anchors(site):
    page = read(site, "practices/kumanovo-community-action-team/index.html")
    for anchor in (
        "context",
        "what-was-done",
        "how-to-replicate",
        "who-was-involved",
        "resources",
        "results",
        "challenges-and-lessons",
        "sources",
        "related",
    ):
        assert page.find("h2", id=anchor), anchor


@pytest.mark.parametrize(("folder", "field"), [("regions", "regions"), ("themes", "themes")])
def test_landing_pages_show_the_right_counts(site, practices, folder, field):
    used = {term for p in practices for term in getattr(p, field)}
    assert used
    for term in used:
        count = sum(term in getattr(p, field) for p in practices)
        page = read(site, f"{folder}/{term}/index.html")
        assert sorted(a["data-practice-id"] for t, a in page.tags if "data-practice-id" in a) == sorted(
            p.id for p in practices if term in getattr(p, field)
        )
        assert page.find("h2", id="practices")
        text = (site / f"{folder}/{term}/index.html").read_text(encoding="utf-8")
        assert re.search(rf'<h2 id="practices">{count} practices?', text), (folder, term)


def test_practices_are_not_in_the_navigation(site, practices):
    page = read(site, "contribute/fields/index.html")
    assert "../../regions/" in page.nav_links  # the navigation is there
    assert not [link for link in page.nav_links if any(p.id in link for p in practices)]


def test_every_page_links_the_navigation_to_the_same_pages(site, practices):
    # Pages outside the nav share one rendered nav per set of relative links
    # (scripts/mkdocs_hooks.py on_env): each must still point at the right pages.
    def targets(path: str) -> list[str]:
        url = "/" + path.removesuffix("index.html")
        return [urljoin(url, link) for link in read(site, path).nav_links if not link.startswith("#")]

    region = practices[0].regions[0]
    theme = practices[0].themes[0]
    expected = targets("contribute/fields/index.html")
    assert {"/", "/practices/", "/regions/", "/themes/", "/open-data/"} <= set(expected)
    for path in [
        f"practices/{practices[0].id}/index.html",
        f"practices/{practices[-1].id}/index.html",
        f"regions/{region}/index.html",
        f"themes/{theme}/index.html",
    ]:
        assert targets(path) == expected, path


def _internal_targets(site: Path):
    for path in sorted(site.rglob("*.html")):
        url = "/" + path.relative_to(site).as_posix()
        page = Page(path.read_text(encoding="utf-8"))
        for link in page.links + page.assets:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            yield url, link, urljoin(url, link)


def test_every_internal_link_and_anchor_resolves(site):
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    for page_url, link, target in _internal_targets(site):
        parts = urlsplit(target)
        file = site / unquote(parts.path).lstrip("/")
        if parts.path.endswith("/"):
            file = file / "index.html"
        if not file.exists():
            broken.append(f"{page_url}: {link}")
            continue
        if parts.fragment and file.suffix == ".html":
            if file not in ids_cache:
                ids_cache[file] = Page(file.read_text(encoding="utf-8")).ids
            if parts.fragment not in ids_cache[file]:
                broken.append(f"{page_url}: {link} (no anchor)")
    assert broken == []


def test_no_page_loads_anything_from_another_site(site):
    for path in site.rglob("*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        external = [a for a in page.assets if urlsplit(a).scheme or a.startswith("//")]
        assert external == [], path
    for path in site.rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
        assert "@import" not in text or "//" not in text, path


def test_search_index_is_served_with_lunr(site, practices):
    data = json.loads((site / "practices" / "search-index.json").read_text(encoding="utf-8"))
    index = data["index"]
    assert sorted(card[0] for card in data["practices"]) == sorted(p.id for p in practices)
    assert index["version"].startswith("2.3")
    assert index["pipeline"] == ["stemmer"]
    # Refs are card positions: one 'name' vector a practice, in the catalogue's order.
    assert sorted(ref for ref, _ in index["fieldVectors"] if ref.startswith("name/")) == sorted(
        f"name/{i}" for i in range(len(practices))
    )
    assert (site / "assets" / "atlas" / "lunr.js").exists()


def test_home_page_has_search_browse_and_newest(site, practices):
    page = read(site, "index.html")
    form = page.find("form", action="practices/")
    assert form and page.find("input", name="q")
    assert page.find("a", href="regions/western-balkans/")
    assert len([a for t, a in page.tags if "data-practice-id" in a]) == min(5, len(practices))


# -- untrusted text ---------------------------------------------------------------------

HOSTILE_SUMMARY = (
    "A summary with \"double quotes\", 'single quotes', an ampersand & more, and text that "
    "looks like {{ jinja }} and {% raw %} but is only words."
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A collection whose valid entry uses every character that could break out of HTML."""
    base = tmp_path_factory.mktemp("hostile")
    practices = base / "practices"
    practices.mkdir()
    copy_vocabularies(practices)
    entry = (FIXTURES / "valid" / "base-entry.md").read_text(encoding="utf-8")
    entry = entry.replace(
        "title: Neighbourhood dialogue council in Exampleville", 'title: "Council \'A\' & \\"B\\" in Exampleville"'
    )
    entry = re.sub(r"summary: >-\n(  .*\n)+", f"summary: '{HOSTILE_SUMMARY.replace(chr(39), chr(39) * 2)}'\n", entry)
    entry = entry.replace(
        "Not reported.",
        "Text with `<script>alert(1)</script>` in code and *emphasis*.\n\n"
        'A link [here](https://example.org/?a=1&b="2") and {: .big #id } stays text.',
    )
    entry = entry.replace("related: [other-practice]\n", "")
    (practices / "hostile-entry.md").write_text(entry, encoding="utf-8")
    assert validate(practices).errors == []
    project = copy_project(base / "project", practices)
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_front_matter_text_is_escaped_everywhere(hostile_site):
    text = (hostile_site / "practices" / "hostile-entry" / "index.html").read_text(encoding="utf-8")
    page = Page(text)
    assert page.find("meta", name="description") == [{"name": "description", "content": HOSTILE_SUMMARY}]
    h1 = re.search(r"<h1>(.*?)</h1>", text).group(1)
    assert "'" not in h1 and '"' not in h1 and "& " not in h1  # every character escaped in the source
    assert html.unescape(h1) == "Council 'A' & \"B\" in Exampleville"
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "{: .big #id } stays text" in text
    assert not page.find("p", id="id")
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    assert "<" not in title and ">" not in title


def test_hostile_entry_in_catalogue_is_escaped(hostile_site):
    page = Page((hostile_site / "practices" / "index.html").read_text(encoding="utf-8"))
    card = next(a for t, a in page.tags if a.get("data-practice-id") == "hostile-entry")
    assert card["data-status"] == "ongoing"
    text = (hostile_site / "practices" / "index.html").read_text(encoding="utf-8")
    assert "Council &#39;A&#39; &amp; &#34;B&#34; in Exampleville</a>" in text
    assert "Evidence: Monitored" in text
