"""The site in a real browser: headless Chromium (Debian's package) driven by Playwright.

The site is the test collection (tests/conftest.py: the real entries plus three test
entries, an alias and retired ids), served under a sub-path, /atlas/, as on GitHub Pages. Without /usr/bin/chromium these tests skip with
a message; in CI they must run.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import SURVEY_ENTRY, require_tool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
AXE_JS = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


@pytest.fixture(scope="module")
def server(test_site):
    require_tool(CHROMIUM, "chromium")
    # axe-core is served from the same origin, so the pages' policy allows it as it stands.
    tools = test_site.parent / "test-tools"
    tools.mkdir(exist_ok=True)
    shutil.copy(AXE_JS, tools / "axe.min.js")
    handler = functools.partial(_QuietHandler, directory=str(test_site.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{test_site.name}/"
    httpd.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every page reports each Content-Security-Policy violation to the test, on every navigation.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.atlasViolation([event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber].join(" "));
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    violations: list[str] = []
    context.expose_function("atlasViolation", lambda text: violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors
    assert violations == [], violations


def open_catalogue(page, server, query: str = "") -> None:
    page.goto(f"{server}practices/{query}")
    page.wait_for_selector("[data-atlas-catalogue][data-search-ready]")


def visible_ids(page) -> list[str]:
    """The cards on screen, in order. A card is visible by its layout, not by its `hidden`
    attribute alone: a stylesheet can override that attribute (and once did)."""
    ids = page.eval_on_selector_all(
        "[data-atlas-results] > [data-practice-id]",
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.practiceId)",
    )
    unhidden = page.eval_on_selector_all(
        "[data-atlas-results] > [data-practice-id]:not([hidden])", "els => els.map(e => e.dataset.practiceId)"
    )
    assert ids == unhidden, "cards marked hidden are still displayed, or the reverse"
    return ids


def result_count(page) -> int:
    return int(page.text_content("[data-result-count]"))


FACET_FIELDS = {"region": "regions", "country": "countries", "theme": "themes", "type": "types"}


def expected_ids(practices, **facets: list[str]) -> list[str]:
    """The ids the catalogue should show for these filters, in its title order: any value
    within a facet (OR), every facet (AND). Computed from the collection, not hard-coded."""
    from scripts.site.search_index import normalise

    def values(practice, facet: str) -> list[str]:
        if facet in FACET_FIELDS:
            return list(getattr(practice, FACET_FIELDS[facet]))
        return [getattr(practice, facet)]

    chosen = [p for p in practices if all(set(wanted) & set(values(p, f)) for f, wanted in facets.items())]
    return [p.id for p in sorted(chosen, key=lambda p: (normalise(p.title), p.id))]


def all_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-practice-id]", "els => els.map(e => e.dataset.practiceId)")


def test_catalogue_lists_everything_at_first(page, server, test_practices):
    open_catalogue(page, server)
    assert result_count(page) == len(all_ids(page)) == len(test_practices)
    assert len(visible_ids(page)) == len(test_practices)


def test_filter_by_region_with_the_controls(page, server, test_practices):
    open_catalogue(page, server)
    page.click("[data-facet=region] summary")
    page.check("input[name=region][value=southeast-asia]")
    expected = expected_ids(test_practices, region=["southeast-asia"])
    assert "southeast-asia-national-local-cooperation-workshop" in expected
    assert visible_ids(page) == expected
    assert result_count(page) == len(expected)
    assert "region=southeast-asia" in page.url
    # Counts beside the other facets now describe the filtered list.
    in_malaysia = len(expected_ids(test_practices, region=["southeast-asia"], country=["MY"]))
    assert in_malaysia > 0
    assert page.text_content("[data-facet=country] [data-count-for=MY]") == str(in_malaysia)
    assert page.text_content("[data-facet=country] [data-count-for=MK]") == "0"
    # Counts within the region facet stay those of the other filters (none), so OR is visible.
    balkans = sum("western-balkans" in p.regions for p in test_practices)
    assert page.text_content("[data-facet=region] [data-count-for=western-balkans]") == str(balkans)


def test_filter_with_the_keyboard(page, server, test_practices):
    open_catalogue(page, server)
    page.focus("[data-facet=theme] summary")
    page.keyboard.press("Enter")
    page.focus("input[name=theme][value=migration-and-integration]")
    page.keyboard.press("Space")
    expected = expected_ids(test_practices, theme=["migration-and-integration"])
    assert SURVEY_ENTRY in expected
    assert visible_ids(page) == expected


def test_filters_from_the_url(page, server, test_practices):
    from scripts.site.search_index import normalise

    open_catalogue(page, server, "?region=western-balkans&theme=inter-ethnic-relations")
    expected = sorted(
        (p for p in test_practices if "western-balkans" in p.regions and "inter-ethnic-relations" in p.themes),
        key=lambda p: (normalise(p.title), p.id),
    )
    assert "kosovo-municipal-offices-for-communities-and-returns" in [p.id for p in expected]
    assert visible_ids(page) == [p.id for p in expected]
    assert page.is_checked("input[name=region][value=western-balkans]")
    assert page.is_checked("input[name=theme][value=inter-ethnic-relations]")


def test_repeated_keys_are_or_and_facets_are_and(page, server, test_practices):
    either = expected_ids(test_practices, region=["southeast-asia", "eu"])
    assert set(either) > set(expected_ids(test_practices, region=["eu"]))
    open_catalogue(page, server, "?region=southeast-asia&region=eu")
    assert visible_ids(page) == either
    both = expected_ids(test_practices, region=["southeast-asia", "eu"], country=["BE"])
    assert SURVEY_ENTRY in both and len(both) < len(either)
    open_catalogue(page, server, "?region=southeast-asia&region=eu&country=BE")
    assert visible_ids(page) == both
    open_catalogue(page, server, "?status=completed&evidence=monitored")
    assert visible_ids(page) == expected_ids(test_practices, status=["completed"], evidence=["monitored"])


def test_keyword_search_typed_in_the_box(page, server):
    open_catalogue(page, server)
    page.click("input[name=q]")
    page.keyboard.type("survey")  # lunr.py alone would have indexed 'survei': no result
    page.wait_for_function("() => document.querySelector('[data-result-count]').textContent === '1'")
    assert visible_ids(page) == [SURVEY_ENTRY]
    page.wait_for_url(re.compile(r"q=survey"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Prishtine", ["pristina-region-civil-society-platform"]),
        ("Приштина", ["pristina-region-civil-society-platform"]),
        ("malaysia workshop", ["southeast-asia-national-local-cooperation-workshop"]),
        ("Tetov", ["kumanovo-tetovo-peer-learning"]),
        ("Otautahi", ["christchurch-multicultural-strategy"]),
        ("Malmo", ["malmo-violent-extremism-prevention-coordination"]),
        ("Solo", ["surakarta-integrated-team-preventing-violent-extremism"]),
        ("الموصل", ["iraq-ninewa-local-peace-committees"]),
        ("Mahanuwara", ["sri-lanka-inter-religious-and-reconciliation-committees"]),
    ],
)
def test_keyword_search_folds_accents_scripts_and_prefixes(page, server, query, expected):
    open_catalogue(page, server, f"?q={query}")
    assert visible_ids(page) == expected
    assert page.input_value("input[name=q]") == query


def test_search_and_filters_combine(page, server):
    open_catalogue(page, server, "?q=Kumanovo")
    assert sorted(visible_ids(page)) == ["kumanovo-community-action-team", "kumanovo-tetovo-peer-learning"]
    open_catalogue(page, server, "?q=Kumanovo&status=completed")
    assert visible_ids(page) == ["kumanovo-tetovo-peer-learning"]


def test_no_result_says_so(page, server):
    open_catalogue(page, server, "?q=zzzzqqq")
    assert result_count(page) == 0
    assert page.is_visible("[data-atlas-empty]")


def test_sort_by_title_and_newest(page, server):
    open_catalogue(page, server, "?sort=title")
    titles = page.eval_on_selector_all(
        "[data-practice-id]:not([hidden])",
        "els => els.map(e => AtlasSearch.normalise(e.querySelector('.atlas-card__title').textContent))",
    )
    assert titles == sorted(titles)
    page.select_option("select[name=sort]", "newest")
    assert "sort=newest" in page.url
    dates = page.eval_on_selector_all("[data-practice-id]:not([hidden])", "els => els.map(e => e.dataset.reviewed)")
    assert dates == sorted(dates, reverse=True)


def test_back_button_restores_the_previous_view(page, server, test_practices):
    open_catalogue(page, server)
    page.click("[data-facet=region] summary")
    page.check("input[name=region][value=eu]")
    page.click("[data-facet=status] summary")
    page.check("input[name=status][value=ongoing]")
    narrowed = expected_ids(test_practices, region=["eu"], status=["ongoing"])
    in_eu = expected_ids(test_practices, region=["eu"])
    assert len(narrowed) < len(in_eu)
    assert visible_ids(page) == narrowed
    page.go_back()
    page.wait_for_function(f"() => document.querySelector('[data-result-count]').textContent === '{len(in_eu)}'")
    assert visible_ids(page) == in_eu
    assert not page.is_checked("input[name=status][value=ongoing]")
    page.click("[data-atlas-clear]")
    assert result_count(page) == len(test_practices)
    assert page.url.endswith("/practices/")


def test_without_javascript_the_full_list_and_links_work(browser, server, test_practices):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}practices/?region=eu")
    assert len(page.query_selector_all("[data-practice-id]:not([hidden])")) == len(test_practices)
    assert not page.is_visible("[data-atlas-filters]")
    page.click("text=region")
    assert page.url == f"{server}regions/"
    page.click("a[href='western-balkans/']")
    assert len(page.query_selector_all("[data-practice-id]")) == sum(
        "western-balkans" in p.regions for p in test_practices
    )
    context.close()


def test_home_search_box_opens_the_filtered_catalogue(page, server):
    page.goto(server)
    page.fill("#home-q", "Chemonics")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-search-ready]")
    assert visible_ids(page) == ["kosovo-municipal-offices-for-communities-and-returns"]


def test_section_links_land_on_the_section(page, server):
    page.goto(f"{server}practices/kumanovo-community-action-team/#how-to-replicate")
    heading = page.locator("h2#how-to-replicate")
    assert heading.text_content().startswith("How to replicate")
    assert heading.is_visible()
    top = heading.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 300


PAGES = ["", "practices/", "practices/kumanovo-community-action-team/", "regions/western-balkans/", "themes/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_the_site(browser, server, path):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if path == "practices/":
        page.fill("input[name=q]", "youth")
    page.wait_for_timeout(300)
    context.close()
    assert requests and [r for r in requests if not r.startswith(server)] == []


@pytest.mark.parametrize(
    "path",
    [
        "",
        "practices/",
        "practices/?region=eu&q=survey",
        "practices/kumanovo-community-action-team/",
        "regions/western-balkans/",
    ],
)
def test_no_accessibility_violations(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(url=urljoin(server, "../test-tools/axe.min.js"))
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => v.id + ': ' + "
        "v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert violations == []


def test_phone_layout_has_no_sideways_scroll(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ("", "practices/", "practices/kosovo-municipal-offices-for-communities-and-returns/"):
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, path
    context.close()


def test_practice_prints_as_a_handout(page, server):
    page.goto(f"{server}practices/kumanovo-community-action-team/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.is_visible(selector), selector
    assert page.is_visible("h2#how-to-replicate")
    assert page.is_visible(".atlas-facts")
    assert page.is_visible(".atlas-figure__source")
    assert page.is_visible("text=Online, with sources and updates: https://practice-atlas.example.org/practices/")
    assert not page.is_visible(".atlas-cite")


def test_catalogue_query_does_not_open_materials_search(page, server):
    # Material opens its own search dialog for ?q= on any page that has it.
    open_catalogue(page, server, "?q=youth")
    assert page.query_selector("[data-md-component=search]") is None
    assert not page.is_visible(".md-header__button[for=__search]")
    assert "kumanovo-community-action-team" in visible_ids(page)  # 'youth' is a target group id
    assert "q=youth" in page.url


def test_old_link_with_a_section_lands_on_the_section(page, server):
    page.goto(f"{server}practices/old-dialogue-council/#how-to-replicate")
    page.wait_for_url(re.compile(r"/practices/other-practice/#how-to-replicate$"))
    assert page.locator("h1").text_content() == "Youth forum in Exampleville"
    top = page.locator("h2#how-to-replicate").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 300


def test_old_link_without_javascript_still_arrives(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}practices/closed-youth-forum/")
    page.wait_for_url(re.compile(r"/practices/base-entry/$"))
    assert page.locator("h1").text_content() == "Neighbourhood dialogue council in Exampleville"
    context.close()


def test_copy_controls_put_links_and_citation_on_the_clipboard(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}practices/base-entry/")
    page.click("[data-copy-link='#how-to-replicate']")
    clipboard = "navigator.clipboard.readText()"
    assert page.evaluate(clipboard) == "https://practice-atlas.example.org/practices/base-entry/#how-to-replicate"
    page.click(".atlas-cite summary")
    page.click("[data-copy-from=citation]")
    citation = page.evaluate(clipboard)
    assert citation.startswith(
        "Municipality of Exampleville. Neighbourhood dialogue council in Exampleville. "
        "Practice Atlas, 2026. https://practice-atlas.example.org/practices/base-entry/ (accessed "
    )
    assert re.search(r"\(accessed \d{1,2} [A-Z][a-z]+ 20\d\d\)\.$", citation)
    page.click("[data-copy-from=link]")
    assert page.evaluate(clipboard) == "https://practice-atlas.example.org/practices/base-entry/"
    context.close()


def test_filtered_view_link_is_copied_and_reopens_the_view(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}practices/?region=western-balkans&status=completed&q=Kumanovo")
    page.wait_for_selector("[data-search-ready]")
    page.click("[data-atlas-copy]")
    link = page.evaluate("navigator.clipboard.readText()")
    address, query = link.split("?")
    assert address == "https://practice-atlas.example.org/practices/"
    assert sorted(query.split("&")) == ["q=Kumanovo", "region=western-balkans", "status=completed"]
    # The same view, opened from the copied query string on this host:
    page.goto(server + "practices/" + link.split("/practices/", 1)[1])
    page.wait_for_selector("[data-search-ready]")
    assert visible_ids(page) == ["kumanovo-tetovo-peer-learning"]
    context.close()


def fill_suggestion_form(page):
    page.fill("[data-atlas-form] [data-field=title]", "Municipal safety council in Danilovgrad")
    page.fill(
        "[data-atlas-form] [data-field=summary]",
        "Danilovgrad runs a municipal council where police, schools and NGOs meet to plan local safety together.",
    )
    page.check("[data-field=regions] input[value=western-balkans]")
    page.select_option("[data-field=countries]", ["ME"])
    page.fill("[data-field=places] [data-field=name]", "Danilovgrad")
    page.fill("[data-field=places] [data-field=also]", "Даниловград")
    page.check("[data-field=themes] input[value=community-safety]")
    page.check("[data-field=types] input[value=multi-stakeholder-body]")
    page.select_option("[data-atlas-form] > .atlas-row > [data-field=status]", "ongoing")
    page.fill("[data-atlas-form] [data-field=started]", "2014")
    page.fill("[data-field=organisations] [data-field=name]", "Municipality of Danilovgrad")
    page.select_option("[data-field=organisations] [data-field=role]", "lead")
    page.click("[data-field=organisations] [data-add-item]")
    page.locator("[data-field=organisations] [data-item]").nth(1).locator("[data-field=name]").fill('OSCE "Mission"')
    page.locator("[data-field=organisations] [data-item]").nth(1).locator("[data-field=role]").select_option("support")
    page.select_option("[data-atlas-form] > .atlas-row > [data-field=evidence]", "described")
    page.fill("[data-field=sources] [data-field=title]", "Local safety councils: a review")
    page.fill("[data-field=sources] [data-field=publisher]", "OSCE")
    page.fill("[data-field=sources] [data-field=url]", "https://example.org/review")
    page.fill("[data-field=replication] [data-field=preconditions]", "A mayor's decision\nA coordinator")
    page.fill("[data-section=context]", "A town of 18,000 people.")
    page.fill("[data-section=what-was-done]", "The council met every month.")
    page.fill("[data-section=how-to-replicate]", "Start with a decision of the mayor.")


def test_suggestion_form_writes_a_valid_entry(browser, server, tmp_path):
    from scripts.entries.validate import validate
    from tests.conftest import REPO

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}contribute/new/")
    page.wait_for_selector("[data-atlas-form][data-ready]")
    fill_suggestion_form(page)
    assert page.input_value("[data-id]") == "municipal-safety-council-in-danilovgrad"
    page.click("text=Create the file")
    page.wait_for_selector("[data-output]:not([hidden])")
    text = page.input_value("[data-output-text]")
    assert page.text_content("[data-output-name]") == "practices/municipal-safety-council-in-danilovgrad.md"
    github = page.get_attribute("[data-github]", "href")
    assert github.startswith(
        "https://github.com/practice-atlas/practice-atlas/new/main/practices?filename="
        "municipal-safety-council-in-danilovgrad.md&value=---"
    )
    root = tmp_path / "practices"
    root.mkdir()
    (root / "taxonomy.yml").write_bytes((REPO / "practices" / "taxonomy.yml").read_bytes())
    (root / "municipal-safety-council-in-danilovgrad.md").write_text(text, encoding="utf-8")
    report = validate(root)
    assert [p.format() for p in report.problems] == []
    practice = report.practices[0]
    assert practice.places[0].also == ("Даниловград",)
    assert [o.name for o in practice.organisations] == ["Municipality of Danilovgrad", 'OSCE "Mission"']
    assert practice.replication.preconditions == ("A mayor's decision", "A coordinator")
    assert practice.section("results").text == "Not reported."
    context.close()


def test_suggestion_form_reports_missing_fields_and_keeps_input(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}contribute/new/")
    page.wait_for_selector("[data-atlas-form][data-ready]")
    page.fill("[data-atlas-form] [data-field=title]", "Half-finished entry")
    page.click("text=Create the file")
    problems = page.text_content("[data-problems]")
    for needed in ("Summary: required", "Regions: required", "Organisations: required", "Context: required"):
        assert needed in problems
    assert page.is_hidden("[data-output]")
    page.reload()
    page.wait_for_selector("[data-atlas-form][data-ready]")
    assert page.input_value("[data-atlas-form] [data-field=title]") == "Half-finished entry"
    assert page.input_value("[data-id]") == "half-finished-entry"
    context.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Tetovo", "kumanovo-tetovo-peer-learning"),  # title
        ("Chemonics", "kosovo-municipal-offices-for-communities-and-returns"),  # organisation
        ("Manila", "southeast-asia-national-local-cooperation-workshop"),  # place
        ("accountability", "pristina-region-civil-society-platform"),  # summary
    ],
)
def test_header_search_leads_to_the_practice(page, server, query, expected):
    """Site-wide search serves practices from the catalogue's prebuilt index: the header
    search's first line opens the catalogue with the query, which finds the practice."""
    page.goto(f"{server}themes/")
    page.click(".md-search__input")
    page.keyboard.type(query)
    link = page.locator("[data-atlas-practices-link]")
    link.wait_for(state="visible")
    assert query in link.text_content()
    link.click()
    page.wait_for_selector("[data-search-ready]")
    assert visible_ids(page)[0] == expected


def test_header_search_still_finds_other_pages(page, server):
    page.goto(server)
    page.click(".md-search__input")
    page.keyboard.type("licence")
    page.wait_for_selector(".md-search-result__item")
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href.split('?')[0])")
    assert any(link.endswith("/open-data/") for link in links)


@pytest.fixture(scope="module")
def many_server(server, test_site, tmp_path_factory):
    """A site of 230 synthetic practices, served beside the test site (at /many/)."""
    from benchmarks.synthetic import write_collection
    from tests.conftest import REPO, copy_project, mkdocs_build

    base = tmp_path_factory.mktemp("many")
    write_collection(base, 230, REPO / "practices" / "taxonomy.yml")
    project = copy_project(base / "project", base / "practices")
    result = mkdocs_build(project, test_site.parent / "many")
    assert result.returncode == 0, result.stderr
    return server.replace(f"/{test_site.name}/", "/many/")


def test_long_result_lists_show_the_first_results_then_all(page, many_server):
    open_catalogue(page, many_server)
    assert result_count(page) == 230
    assert len(visible_ids(page)) == 200
    assert page.text_content("[data-atlas-more]").split() == ["Show", "all", "230", "practices"]
    page.click("[data-atlas-more]")
    assert len(visible_ids(page)) == 230
    assert not page.is_visible("[data-atlas-more]")
    # The keyboard lands on the first newly shown result, not on the vanished button.
    focused = page.evaluate("document.activeElement.closest('[data-practice-id]').dataset.practiceId")
    assert focused == visible_ids(page)[200]
    # A new filter starts again from the first results.
    page.click("[data-facet=status] summary")
    shown = int(page.text_content("[data-facet=status] [data-count-for=ongoing]"))
    page.check("input[name=status][value=ongoing]")
    assert result_count(page) == shown
    assert len(visible_ids(page)) == min(shown, 200)
    assert page.is_visible("[data-atlas-more]") == (shown > 200)


PAGE_TYPES = [
    "",  # home
    "practices/",  # catalogue
    "practices/base-entry/",  # practice
    "regions/western-balkans/",
    "themes/social-cohesion/",
    "regions/",
    "contribute/",
    "contribute/new/",  # the form
    "contribute/fields/",
    "open-data/",
    "practices/old-dialogue-council/",  # a redirect
    "practices/withdrawn-pilot/",  # withdrawn
    "404.html",  # what static hosts serve for a missing page
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_runs_under_its_policy(page, server, path):
    # The page fixture fails the test on any policy violation or script error.
    page.goto(f"{server}{path}")
    page.wait_for_load_state("load")
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    if path == "":
        page.keyboard.press("/")  # the header search loads its index and worker
        page.keyboard.type("roma")
        page.wait_for_timeout(500)
    if path == "practices/":
        page.wait_for_selector("[data-atlas-catalogue][data-search-ready]")


def test_injected_script_is_blocked_by_the_policy(browser, server):
    # A last-lock check: had an event handler reached a page, the policy would stop it.
    # (Not the `page` fixture: this test causes the violation that fixture fails on.)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}practices/base-entry/")
    ran = page.evaluate(
        """() => new Promise(resolve => {
            window.atlasRan = false;
            document.addEventListener("securitypolicyviolation", () => resolve(window.atlasRan), { once: true });
            const img = document.createElement("img");
            img.setAttribute("onerror", "window.atlasRan = true");
            img.src = "data:,x";
            document.body.append(img);
        })"""
    )
    context.close()
    assert ran is False
