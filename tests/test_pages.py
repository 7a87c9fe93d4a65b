"""The core's pages and files, built without MkDocs: every page from a template, every
entry's text escaped, no markup from entries or vocabularies outside the sanitised bodies."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.contribute.field_reference import field_reference
from scripts.entries.taxonomy import Term, load_taxonomy
from scripts.site import csp
from scripts.site.build import InvalidEntries, SiteContent, build_site, output_path
from scripts.site.collection import Settings, Site
from scripts.site.i18n import LANGUAGES
from scripts.site.pages import landing_page
from scripts.site.templating import render
from tests.conftest import FIXTURES, REPO, write_test_collection

# Text that is valid in an entry but is markup, Markdown or attribute syntax elsewhere.
HOSTILE_TITLE = "Council 'A' & \"B\" {: onclick=alert(1) } Exampleville"
HOSTILE_SUMMARY = (
    "A council [More](javascript:alert(1)){ tabindex=1 autofocus onfocus='alert(document.domain)' } "
    "meets **monthly**; see [x](https://example.org/) & nothing else runs."
)
SETTINGS = Settings(
    base_url="https://practice-atlas.example.org/", repo_url="https://github.com/x/atlas", branch="main"
)


class Tags(HTMLParser):
    """Every start tag with its attributes, and every inline script."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _hostile_collection(base: Path) -> Path:
    root = base / "practices"
    write_test_collection(root)
    entry = (FIXTURES / "valid" / "base-entry.md").read_text(encoding="utf-8")
    entry = entry.replace(
        "title: Neighbourhood dialogue council in Exampleville", f"title: {json.dumps(HOSTILE_TITLE)}"
    ).replace("related: [other-practice]\n", "")
    head, _, rest = entry.partition("summary: >-\n")
    rest = rest.split("\n", 1)[1]  # drop the sample's summary line
    (root / "hostile-entry.md").write_text(f"{head}summary: {json.dumps(HOSTILE_SUMMARY)}\n{rest}", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> SiteContent:
    root = _hostile_collection(tmp_path_factory.mktemp("pages"))
    return build_site(root, (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"), SETTINGS)


def test_a_region_with_no_practice_says_so_plainly(content):
    # Every region of the real collection has practices: without East Asia's, it has none.
    site = Site([p for p in content.site.practices if "east-asia" not in p.regions], content.site.taxonomy)
    text = landing_page("region", "east-asia", site).html
    assert "has no practice under" in text
    assert "Search and filter" not in text and "0 practices" not in text
    assert 'href="../../contribute/new/"' in text


def test_every_generated_page_and_file_is_there(content):
    paths = {p.path for p in content.pages}
    ids = [p.id for p in content.site.practices]
    assert "hostile-entry" in ids
    assert {f"practices/{i}.md" for i in ids} <= paths
    assert {"practices/index.md", "regions/index.md", "themes/index.md", "contribute/index.md"} <= paths
    assert {"contribute/new.md", "contribute/fields.md", "practices/withdrawn-pilot.md"} <= paths
    assert {"api/practices.json", "api/practices.csv", "feed.xml", "practices/search-index.json", "_headers"} <= set(
        content.files
    )
    assert "practices/old-dialogue-council/index.html" in content.files  # an alias
    assert "practices/closed-youth-forum/index.html" in content.files  # retired, with a successor
    assert set(content.parts) == {"search", "browse", "newest", "editors", "map", "open-data-fields"}


def test_entry_text_never_becomes_markup(content):
    for page in content.pages:
        for tag, attrs in Tags(page.html).tags:
            assert not [name for name in attrs if name.startswith("on")], (page.path, tag, attrs)
            for name in ("href", "src", "action"):
                assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (page.path, attrs)
            assert tag not in ("img", "iframe", "object", "embed", "style"), (page.path, tag)
    page = next(p for p in content.pages if p.path == "practices/hostile-entry.md")
    assert page.title == HOSTILE_TITLE and page.description == HOSTILE_SUMMARY  # data, not text to re-read
    assert "Council &#39;A&#39; &amp; &#34;B&#34;" in page.html
    assert "{: onclick=alert(1) }" in page.html  # attribute-list syntax stays text
    assert "**monthly**" in page.html  # a summary is plain text, never Markdown


def test_inline_scripts_are_only_the_form_description(content):
    # and the catalogue's one line that holds a filtered view back until it is drawn
    catalogues = {language.prefix + "practices/index.md" for language in LANGUAGES}
    forms = {language.prefix + "contribute/new.md" for language in LANGUAGES}
    for page in content.pages:
        scripts = csp.inline_scripts(page.html)
        assert scripts == ([] if page.path not in catalogues else scripts[:1]), page.path
        assert all(len(script) < 200 for script in scripts)
        for tag, attrs in Tags(page.html).tags:
            if tag == "script" and "src" not in attrs and page.path not in catalogues:
                assert page.path in forms, page.path
                assert attrs == {"type": "application/json", "id": "atlas-form-schema"}


def test_form_description_cannot_end_its_script(content):
    page = next(p for p in content.pages if p.path == "contribute/new.md")
    data = page.html.split('<script type="application/json" id="atlas-form-schema">')[1].split("</script>")[0]
    assert "<" not in data  # tojson escapes <, > and & so no '</script>' inside
    assert any(f["name"] == "title" for f in json.loads(data)["fields"])


def test_practice_page_has_its_sections_in_its_table_of_contents(content):
    practice = next(p for p in content.site.practices if p.id == "base-entry")
    page = next(p for p in content.pages if p.path == "practices/base-entry.md")
    anchors = [entry[1] for entry in page.toc]
    # The facts first, then how to replicate, then the rest of the text in its order.
    keys = [s.key for s in practice.sections]
    keys.remove("how-to-replicate")
    assert anchors == ["at-a-glance", "what-it-takes", "how-to-replicate", *keys, "sources", "related"]
    for anchor in anchors:
        assert f'<h2 id="{anchor}">' in page.html
    assert page.meta["search"] == {"exclude": True} and page.meta["atlas_type"] == "article"
    assert page.edit_url == "https://github.com/x/atlas/edit/main/practices/base-entry.md"


def test_links_inside_pages_are_relative(content):
    # The site works from any folder: no page links to its own site by absolute address,
    # except the canonical addresses shown to be copied.
    for page in content.pages:
        for _, attrs in Tags(page.html).tags:
            href = attrs.get("href") or attrs.get("src") or ""
            assert not href.startswith(SETTINGS.base_url), (page.path, href)
            assert not href.startswith("/"), (page.path, href)


def test_guide_links_to_the_site_become_relative_and_repository_links_absolute(content):
    guide = next(p for p in content.pages if p.path == "contribute/index.md")
    assert 'href="../contribute/new/"' in guide.html and 'href="../contribute/fields/"' in guide.html
    assert 'href="https://github.com/x/atlas/blob/main/practices/_template.md"' in guide.html
    assert 'href="https://github.com/x/atlas/issues/new?template=suggest-practice.yml"' in guide.html
    assert ("writing-a-good-entry" in {e[1] for e in guide.toc}) and 'id="writing-a-good-entry"' in guide.html


ATOM_TITLE = "{http://www.w3.org/2005/Atom}title"


def test_feeds_are_well_formed_xml(content):
    feeds = [path for path in content.files if path.endswith("feed.xml")]
    assert len(feeds) > 2
    for path in feeds:
        root = ET.fromstring(content.files[path].encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    # The hostile title, in whichever feeds hold it (the main one keeps the newest only).
    titles = {t.text for path in feeds for t in ET.fromstring(content.files[path].encode()).iter(ATOM_TITLE)}
    assert HOSTILE_TITLE in titles


def test_redirect_pages_carry_a_policy_that_allows_only_their_script(content):
    page = content.files["practices/old-dialogue-council/index.html"]
    (script,) = csp.inline_scripts(page)
    assert script == 'location.replace("../other-practice/" + location.hash);'
    policy = page.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert f"script-src 'self' {csp.script_hash(script)};" in policy
    assert "unsafe-inline" not in policy
    assert page.index("Content-Security-Policy") < page.index("<script")


def test_vocabulary_text_is_escaped_on_the_field_reference(tmp_path):
    taxonomy, problems = load_taxonomy(REPO / "practices" / "taxonomy.yml")
    assert problems == []
    hostile = Term("western-balkans", 'Balkans <img src="x" onerror="alert(1)">', '<b onmouseover="x()">hi</b> | `c`')
    regions = (hostile, *taxonomy.terms("regions")[1:])
    taxonomy = dataclasses.replace(taxonomy, vocabularies={**taxonomy.vocabularies, "regions": regions})
    html = render("field_reference.html", **field_reference(taxonomy)["values"])
    assert "<img" not in html and "<b " not in html
    assert "Balkans &lt;img src=&#34;x&#34; onerror=&#34;alert(1)&#34;&gt;" in html


def test_a_generated_file_never_replaces_another():
    content = SiteContent(site=None)
    content.add_file("practices/x/index.html", "")
    with pytest.raises(ValueError, match="would replace"):
        content.add_file("practices/x/index.html", "")
    assert output_path("practices/index.md") == "practices/index.html"
    assert output_path("practices/x.md") == "practices/x/index.html"


def test_invalid_entries_stop_the_build(tmp_path):
    root = tmp_path / "practices"
    shutil.copytree(REPO / "practices", root)
    entry = root / "kumanovo-community-action-team.md"
    entry.write_text(re.sub(r"(?m)^status: .*$", "status: finished", entry.read_text(encoding="utf-8")))
    with pytest.raises(InvalidEntries) as caught:
        build_site(root, "", SETTINGS)
    assert any("status: 'finished' is not a known status" in p.format() for p in caught.value.problems)


# -- the practice page: facts, citation files, the handout's QR code --------------------


def _practice_page(content, practice_id: str):
    return next(p for p in content.pages if p.path == f"practices/{practice_id}.md")


def test_unknown_facts_are_one_line_that_asks_for_help(content):
    html = _practice_page(content, "base-entry").html
    practice = content.site.by_id["base-entry"]
    line = re.search(r'<p class="atlas-unknown">(.*?)</p>', html, re.DOTALL).group(1)
    assert line.startswith("Not yet known: ")
    asked = ["its cost", "how long it takes to set up", "what must be in place first", "documents to reuse"]
    assert [line.index(phrase) for phrase in asked] == sorted(line.index(phrase) for phrase in asked)
    assert "when it started" not in line  # it has a start date
    assert 'href="' + content.site.correction_url(practice).replace("&", "&amp;") + '"' in line
    assert "Not reported" not in html.split('<h2 id="how-to-replicate">')[0]
    # Known facts keep their rows: the status with the year its newest source reported it.
    assert re.search(r'<dt>Status</dt><dd>Ongoing <span class="atlas-muted">\(last reported [^)]+\)</span>', html)
    assert "<dt>When</dt><dd>Since April 2019</dd>" in html


def test_rows_appear_for_the_models_newer_fields(content):
    from scripts.entries.model import Practice, Replication, make
    from scripts.site.pages import practice_page

    newer = {"lead", "team", "budget", "legal_basis"}
    if not newer <= {f.name for f in dataclasses.fields(Replication)} or "status_as_of" not in {
        f.name for f in dataclasses.fields(Practice)
    }:
        pytest.skip("the model has no replication.lead, team, budget, legal_basis or status_as_of yet")
    replication = make(
        Replication,
        {
            "lead": "The mayor's office",
            "team": "A coordinator and the police",
            "cost": "high",
            "budget": [{"amount": 1500000, "currency": "EUR", "year": 2019, "covers": "three years", "source": 1}],
            "legal_basis": [{"title": "Law on local self-government", "url": "https://example.org/law", "year": 2002}],
        },
    )
    base = content.site.by_id["base-entry"]
    practice = dataclasses.replace(base, replication=replication, status_as_of="2025-03")
    html = practice_page(practice, content.site).html
    assert "<dt>Lead body</dt><dd>The mayor&#39;s office</dd>" in html
    assert "<dt>Team</dt><dd>A coordinator and the police</dd>" in html
    assert '<li>EUR 1,500,000 (2019): three years <a class="atlas-figure__source" href="#source-1">[1]</a></li>' in html
    assert '<a href="https://example.org/law" rel="noopener">Law on local self-government</a> (2002)' in html
    assert "(last reported March 2025)" in html
    line = re.search(r'<p class="atlas-unknown">(.*?)</p>', html, re.DOTALL).group(1)
    for known in ("the body that leads it", "the team it needs", "its cost", "its budget", "its legal basis"):
        assert known not in line
    # A cost band without the sum: the budget is asked for.
    banded = dataclasses.replace(practice, replication=make(Replication, {"cost": "low"}))
    line = re.search(r'<p class="atlas-unknown">(.*?)</p>', practice_page(banded, content.site).html).group(1)
    assert "its budget" in line and "its cost" not in line and "the body that leads it" in line


def test_citation_files_name_the_atlas_as_publisher_and_no_author(content):
    url = "https://practice-atlas.example.org/practices/base-entry/"
    ris = content.files["practices/base-entry/cite.ris"]
    assert ris.endswith("ER  - \r\n") and "\r\n" in ris
    fields = [tuple(line.split("  - ", 1)) for line in ris.split("\r\n") if line]
    assert fields[0] == ("TY", "ELEC")
    assert ("TI", "Neighbourhood dialogue council in Exampleville") in fields
    assert ("PB", "Practice Atlas") in fields and ("UR", url) in fields
    assert ("DA", "2026/01/15/") in fields and ("PY", "2026") in fields
    assert not [tag for tag, _ in fields if tag in ("AU", "A1", "A2", "Y2")]  # no author, no access date
    [item] = json.loads(content.files["practices/base-entry/cite.json"])
    assert item["type"] == "webpage" and item["publisher"] == "Practice Atlas" and item["URL"] == url
    assert item["issued"] == {"date-parts": [[2026, 1, 15]]}
    assert "author" not in item and "accessed" not in item
    page = _practice_page(content, "base-entry").html
    cite = "../../practices/base-entry/cite"  # one copy, linked from the page in every language
    assert f'href="{cite}.ris" download="base-entry.ris"' in page and f'href="{cite}.json"' in page
    albanian = next(p for p in content.pages if p.path == "sq/practices/base-entry.md").html
    assert f'href="../{cite}.ris" download="base-entry.ris"' in albanian


def test_handout_head_has_a_qr_code_of_the_permanent_address(content):
    import zxingcpp

    html = _practice_page(content, "base-entry").html
    head = html.split('<div class="atlas-print-only atlas-handout">')[1].split("</div>")[0]
    url = "https://practice-atlas.example.org/practices/base-entry/"
    assert "Practice Atlas" in head and "CC BY 4.0" in head and url in head
    size, path = re.search(r'<svg class="atlas-qr" viewBox="0 0 (\d+) \1".*? d="([^"]+)"', head).groups()
    # Draw the strokes as a scanner would see them, four pixels a module, and read the code.
    scale, side = 4, int(size)
    pixels = bytearray(b"\xff" * (side * scale) ** 2)
    x = 0
    for command, dx, dy, width in re.findall(r"([Mm])(\d+) (\d+)(?:\.5)?h(\d+)", path):
        if command == "M":
            x, y = int(dx), int(dy)
        else:
            x += int(dx)
        for row in range(y * scale, (y + 1) * scale):
            start = row * side * scale + x * scale
            pixels[start : start + int(width) * scale] = b"\x00" * (int(width) * scale)
        x += int(width)
    image = memoryview(bytes(pixels)).cast("B", (side * scale, side * scale))
    read = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode, is_pure=True)
    assert read is not None and read.text == url and read.ec_level == "M"
    albanian = next(p for p in content.pages if p.path == "sq/practices/base-entry.md").html
    assert "https://practice-atlas.example.org/sq/practices/base-entry/" in albanian.split("</svg>")[0]
