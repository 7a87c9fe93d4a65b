"""The site in a real browser: headless Chromium (Debian's package) driven by Playwright.

The site is the test collection (tests/conftest.py: the real entries plus three test
entries, an alias and retired ids), served under a sub-path, /atlas/, as on GitHub Pages.
The fixtures (server, browser, page, many_server) are in tests/browser.py.
"""

from __future__ import annotations

import re
import statistics

import pytest

from scripts.site.pages import PAGE_SIZE
from tests.browser import all_ids, axe_violations, expected_ids, open_catalogue, result_count, visible_ids
from tests.conftest import SURVEY_ENTRY, copy_vocabularies


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
    page.wait_for_selector("[data-atlas-catalogue][data-full-text-ready]")
    page.wait_for_function(
        f"() => document.querySelector('[data-atlas-results] > li')?.dataset.practiceId === '{SURVEY_ENTRY}'"
    )
    assert visible_ids(page)[0] == SURVEY_ENTRY  # named so in its title; others mention a survey
    page.wait_for_url(re.compile(r"q=survey"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Prishtine", ["pristina-region-civil-society-platform"]),
        ("Приштина", ["pristina-region-civil-society-platform"]),
        ("malaysia workshop", ["southeast-asia-national-local-cooperation-workshop"]),
        ("Kumanov", ["kumanovo-community-action-team"]),
        ("Otautahi", ["christchurch-multicultural-strategy"]),
        ("Malmo", ["malmo-violent-extremism-prevention-coordination"]),
        ("Solo", ["surakarta-integrated-team-preventing-violent-extremism"]),
        ("الموصل", ["iraq-ninewa-local-peace-committees"]),
        ("Mahanuwara", ["sri-lanka-inter-religious-and-reconciliation-committees"]),
    ],
)
def test_keyword_search_folds_accents_scripts_and_prefixes(page, server, query, expected):
    # The practice named so comes first; the full text may find others that mention it.
    open_catalogue(page, server, f"?q={query}")
    page.wait_for_selector("[data-atlas-catalogue][data-full-text-ready]")
    assert visible_ids(page)[: len(expected)] == expected
    assert page.input_value("input[name=q]") == query


def test_search_and_filters_combine(page, server, test_practices):
    open_catalogue(page, server, "?q=Kumanovo")
    page.wait_for_selector("[data-atlas-catalogue][data-full-text-ready]")
    found = visible_ids(page)
    named = sorted(p.id for p in test_practices if "Kumanovo" in p.title)
    assert sorted(found[: len(named)]) == named  # named so first, then those that mention it
    completed = {p.id for p in test_practices if p.status == "completed"}
    open_catalogue(page, server, "?q=Kumanovo&status=completed")
    page.wait_for_selector("[data-atlas-catalogue][data-full-text-ready]")
    assert visible_ids(page) == [i for i in found if i in completed]


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
    dates = page.eval_on_selector_all("[data-practice-id]:not([hidden])", "els => els.map(e => e.dataset.changed)")
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)


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
    # The catalogue's page holds the first PAGE_SIZE; /practices/page/2/… list the others.
    assert len(page.query_selector_all("[data-practice-id]:not([hidden])")) == min(len(test_practices), PAGE_SIZE)
    assert not page.is_visible("[data-atlas-filters]")
    if len(test_practices) > PAGE_SIZE:
        page.click("a[rel=next]")
        assert len(page.query_selector_all(".atlas-plain-list li")) == min(len(test_practices) - PAGE_SIZE, PAGE_SIZE)
        page.goto(f"{server}practices/?region=eu")
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
    violations = axe_violations(page, server)
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
    # One copy-link control per heading: its own ¶ link, which copies the full address.
    heading = page.locator("h2#how-to-replicate")
    assert heading.locator("a, button").count() == 1
    assert page.locator(".atlas-section-tools").count() == 0
    heading.locator("a.headerlink").click()
    clipboard = "navigator.clipboard.readText()"
    assert page.evaluate(clipboard) == "https://practice-atlas.example.org/practices/base-entry/#how-to-replicate"
    assert page.url.endswith("/practices/base-entry/#how-to-replicate")
    page.wait_for_function("() => document.querySelector('[role=status]')?.textContent === 'Link copied'")
    page.click(".atlas-cite summary")
    page.click("[data-copy-from=citation]")
    citation = page.evaluate(clipboard)
    # Practice Atlas publishes the entry; the municipality is its subject, not its author.
    assert citation.startswith(
        '"Neighbourhood dialogue council in Exampleville." Practice Atlas, last reviewed 15 January 2026. '
        "https://practice-atlas.example.org/practices/base-entry/ (accessed "
    )
    assert "Municipality of Exampleville" not in citation
    assert re.search(r"\(accessed \d{1,2} [A-Z][a-z]+ 20\d\d\)\.$", citation)
    page.click("[data-copy-from=link]")
    assert page.evaluate(clipboard) == "https://practice-atlas.example.org/practices/base-entry/"
    context.close()


def test_practice_page_leads_with_the_facts_and_what_it_takes(page, server):
    page.goto(f"{server}practices/kumanovo-community-action-team/")
    tops = page.evaluate(
        "() => ['at-a-glance', 'what-it-takes', 'how-to-replicate', 'context']"
        ".map(id => document.getElementById(id).getBoundingClientRect().top)"
    )
    assert tops == sorted(tops)
    glance = page.locator("section.atlas-glance").text_content()
    takes = page.locator("section.atlas-takes").text_content()
    assert "Who leads" in glance and "Municipality of Kumanovo" in glance
    assert "Lead body" in takes and "Time to set up" in takes
    page.click(".atlas-takes__more > summary")
    assert page.is_visible("text=Documents to reuse")
    # Unknown facts are one line that asks for help, not a row each: the sample entry
    # gives no cost, no lead body and no documents.
    page.goto(f"{server}practices/base-entry/")
    glance = page.locator("section.atlas-glance").text_content()
    takes = page.locator("section.atlas-takes").text_content()
    for unknown in ("Not reported", "Status unknown", "Cost not reported"):
        assert unknown not in glance + takes
    line = page.locator(".atlas-unknown")
    assert line.text_content().startswith("Not yet known: ")
    assert "its cost" in line.text_content() and "documents to reuse" in line.text_content()
    correction = line.locator("a").get_attribute("href")
    assert correction.startswith("https://github.com/practice-atlas/practice-atlas/issues/new?template=correction.yml")


def test_how_to_replicate_is_within_two_screens_on_a_phone(browser, server, test_practices):
    # For a typical practice (the median of the collection); the richest entries run longer.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    tops = []
    for practice in test_practices:
        page.goto(f"{server}practices/{practice.id}/")
        tops.append(page.evaluate("document.getElementById('how-to-replicate').getBoundingClientRect().top + scrollY"))
    assert statistics.median(tops) < 2 * 844, sorted(tops)
    page.goto(f"{server}practices/kumanovo-community-action-team/")
    # Nothing hovers on a phone: the heading's copy-link control shows anyway.
    assert page.locator("h2#how-to-replicate a.headerlink").evaluate("a => getComputedStyle(a).opacity") == "1"
    context.close()


def test_back_to_results_returns_to_the_catalogue_view(page, server):
    open_catalogue(page, server, "?q=Kumanovo&region=western-balkans")
    results = visible_ids(page)
    page.click("[data-practice-id=kumanovo-community-action-team] .atlas-card__title a")
    page.wait_for_url(re.compile(r"/practices/kumanovo-community-action-team/$"))
    back = page.locator("[data-atlas-back]")
    assert back.text_content() == "Back to results"
    # A related practice opened from there leads back to the same results.
    page.locator(".atlas-related a").first.click()
    page.wait_for_url(re.compile(r"/practices/[a-z0-9-]+/$"))
    assert back.text_content() == "Back to results"
    back.click()
    page.wait_for_selector("[data-atlas-catalogue][data-search-ready]")
    assert sorted(page.url.split("?")[1].split("&")) == ["q=Kumanovo", "region=western-balkans"]
    assert visible_ids(page) == results
    # Opened from elsewhere: the whole catalogue, as without JavaScript.
    page.goto(f"{server}practices/base-entry/")
    assert back.text_content() == "All practices"
    assert back.get_attribute("href") == "../../practices/"


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        ("practices/kumanovo-community-action-team/", "Practices"),
        ("practices/", "Practices"),
        ("regions/western-balkans/", "Regions"),
        ("themes/social-cohesion/", "Themes"),
    ],
)
def test_the_tab_of_the_section_is_active(page, server, path, tab):
    page.goto(server + path)
    assert [t.strip() for t in page.locator(".md-tabs__item--active").all_text_contents()] == [tab]


def test_filtered_view_link_is_copied_and_reopens_the_view(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}practices/?region=western-balkans&status=ongoing&q=Kumanovo")
    page.wait_for_selector("[data-search-ready]")
    before = visible_ids(page)
    assert before  # a view with results
    page.click("[data-atlas-copy]")
    link = page.evaluate("navigator.clipboard.readText()")
    address, query = link.split("?")
    assert address == "https://practice-atlas.example.org/practices/"
    assert sorted(query.split("&")) == ["q=Kumanovo", "region=western-balkans", "status=ongoing"]
    # The same view, opened from the copied query string on this host:
    page.goto(server + "practices/" + link.split("/practices/", 1)[1])
    page.wait_for_selector("[data-search-ready]")
    assert visible_ids(page) == before
    context.close()


def fill_quick_suggestion(page):
    """The form's first part: the title, the place, what was done and a source link."""
    page.fill("[data-atlas-form] [data-field=title]", "Municipal safety council in Danilovgrad")
    page.fill("[data-quick=place]", "Danilovgrad")
    page.fill("[data-section=what-was-done]", "The council met every month.")
    page.fill("[data-quick=source]", "https://example.org/review")


def fill_suggestion_form(page):
    fill_quick_suggestion(page)
    page.click("[data-full] > summary")
    page.fill(
        "[data-atlas-form] [data-field=summary]",
        "Danilovgrad runs a municipal council where police, schools and NGOs meet to plan local safety together.",
    )
    page.check("[data-field=regions] input[value=western-balkans]")
    page.select_option("[data-field=countries]", ["ME"])
    page.fill("[data-field=places] [data-field=also]", "Даниловград")
    page.fill("[data-field=places] [data-field=lat]", "42.55")
    page.fill("[data-field=places] [data-field=lon]", "19.1")
    page.check("[data-field=themes] input[value=community-safety]")
    page.check("[data-field=types] input[value=multi-stakeholder-body]")
    page.select_option("[data-full] > .atlas-row > [data-field=status]", "ongoing")
    page.fill("[data-field=status_as_of]", "2024")
    page.fill("[data-atlas-form] [data-field=started]", "2014")
    page.fill("[data-field=organisations] [data-field=name]", "Municipality of Danilovgrad")
    page.select_option("[data-field=organisations] [data-field=role]", "lead")
    page.click("[data-field=organisations] [data-add-item]")
    page.locator("[data-field=organisations] [data-item]").nth(1).locator("[data-field=name]").fill('OSCE "Mission"')
    page.locator("[data-field=organisations] [data-item]").nth(1).locator("[data-field=role]").select_option("support")
    page.select_option("[data-full] > .atlas-row > [data-field=evidence]", "described")
    page.fill("[data-field=sources] [data-field=title]", "Local safety councils: a review")
    page.fill("[data-field=sources] [data-field=publisher]", "OSCE")
    page.fill("[data-field=replication] [data-field=preconditions]", "A mayor's decision\nA coordinator")
    page.fill("[data-section=context]", "A town of 18,000 people.")
    page.fill("[data-section=how-to-replicate]", "Start with a decision of the mayor.")


def open_form(browser, server, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}contribute/new/")
    page.wait_for_selector("[data-atlas-form][data-ready]")
    return context, page, errors


def test_suggestion_form_writes_a_valid_entry(browser, server, tmp_path):
    from scripts.entries.validate import validate

    context, page, errors = open_form(browser, server)
    fill_suggestion_form(page)
    # The quick place and link are the entry's first place and source.
    assert page.input_value("[data-field=places] [data-field=name]") == "Danilovgrad"
    assert page.input_value("[data-field=sources] [data-field=url]") == "https://example.org/review"
    # The id is made from the title and shown, not asked.
    assert page.input_value("[data-id]") == "municipal-safety-council-in-danilovgrad"
    assert page.text_content("[data-id-preview]") == "municipal-safety-council-in-danilovgrad"
    assert page.is_hidden("[data-id]")
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
    copy_vocabularies(root)
    (root / "municipal-safety-council-in-danilovgrad.md").write_text(text, encoding="utf-8")
    report = validate(root)
    assert [p.format() for p in report.problems] == []
    practice = report.practices[0]
    assert practice.places[0].name == "Danilovgrad" and practice.places[0].also == ("Даниловград",)
    assert [o.name for o in practice.organisations] == ["Municipality of Danilovgrad", 'OSCE "Mission"']
    assert practice.sources[0].url == "https://example.org/review"
    assert practice.replication.preconditions == ("A mayor's decision", "A coordinator")
    assert practice.section("what-was-done").text == "The council met every month."
    assert practice.section("results").text == "Not reported."
    context.close()
    assert errors == []


def test_quick_suggestion_goes_to_the_editors(browser, server):
    from urllib.parse import parse_qs, urlsplit

    context, page, errors = open_form(browser, server)
    page.fill("[data-atlas-form] [data-field=title]", "Municipal safety council in Danilovgrad")
    page.click("text=Prepare the suggestion")
    problems = page.text_content('[data-problems="quick"]')
    for needed in ("Place: required", "What was done: required", "Link to a source: required"):
        assert needed in problems
    assert "Summary" not in problems  # the full entry is not asked for
    assert page.is_hidden("[data-quick-output]")
    fill_quick_suggestion(page)
    page.click("text=Prepare the suggestion")
    page.wait_for_selector("[data-quick-output]:not([hidden])")
    assert page.is_hidden('[data-problems="quick"]')
    text = page.input_value("[data-quick-text]")
    assert "Title: Municipal safety council in Danilovgrad" in text and "Place: Danilovgrad" in text
    assert "Source: https://example.org/review" in text and "The council met every month." in text
    mail = urlsplit(page.get_attribute("[data-mail]", "href"))
    assert (mail.scheme, mail.path) == ("mailto", "editors@practice-atlas.example.org")
    query = parse_qs(mail.query)
    assert query["subject"] == ["Practice suggestion: Municipal safety council in Danilovgrad"]
    assert query["body"] == [text]
    assert page.get_attribute("[data-issue]", "href").startswith(
        "https://github.com/practice-atlas/practice-atlas/issues/new?title=Practice%20suggestion"
    )
    context.close()
    assert errors == []


def test_suggestion_form_id_can_be_edited(browser, server):
    context, page, errors = open_form(browser, server)
    page.fill("[data-atlas-form] [data-field=title]", "Safety council in Danilovgrad")
    page.click("[data-full] > summary")
    page.click("[data-id-edit]")
    page.fill("[data-id]", "danilovgrad-safety-council")
    page.fill("[data-atlas-form] [data-field=title]", "Safety council in Danilovgrad, Montenegro")
    assert page.input_value("[data-id]") == "danilovgrad-safety-council"  # no longer follows the title
    assert page.text_content("[data-id-preview]") == "danilovgrad-safety-council"
    page.fill("[data-id]", "Not An Id")
    page.click("text=Create the file")
    assert "File name: lower-case letters" in page.text_content('[data-problems="file"]')
    context.close()
    assert errors == []


def test_suggestion_form_reports_missing_fields_and_keeps_input(browser, server):
    context, page, errors = open_form(browser, server)
    page.fill("[data-atlas-form] [data-field=title]", "Half-finished entry")
    page.click("[data-full] > summary")
    page.click("text=Create the file")
    problems = page.text_content('[data-problems="file"]')
    for needed in ("Summary: required", "Regions: required", "Organisations: required", "Context: required"):
        assert needed in problems
    assert page.is_hidden("[data-output]")
    page.reload()
    page.wait_for_selector("[data-atlas-form][data-ready]")
    assert page.input_value("[data-atlas-form] [data-field=title]") == "Half-finished entry"
    assert page.input_value("[data-id]") == "half-finished-entry"
    assert page.text_content("[data-id-preview]") == "half-finished-entry"
    assert page.eval_on_selector("[data-full]", "d => d.open")  # the full details stay open
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", [390, 1366])
def test_suggestion_form_fields_stay_in_their_column(browser, server, width):
    context, page, errors = open_form(browser, server, width)
    page.click("[data-full] > summary")
    misplaced = page.evaluate(
        """() => {
            const column = document.querySelector("[data-atlas-form]").getBoundingClientRect();
            const found = [];
            for (const field of document.querySelectorAll("[data-atlas-form] .atlas-row > :is(input, select, textarea)")) {
                if (!field.getClientRects().length) continue;
                const box = field.getBoundingClientRect();
                const label = document.querySelector(`label[for="${field.id}"]`);
                if (box.left < column.left - 0.5 || box.right > column.right + 0.5) found.push(field.id + " leaves the column");
                if (label && label.getBoundingClientRect().bottom > box.top + 0.5) found.push(field.id + " is beside its label");
            }
            return found;
        }"""
    )
    assert misplaced == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kumanovo", "kumanovo-community-action-team"),  # title
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
