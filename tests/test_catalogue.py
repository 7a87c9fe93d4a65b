"""The catalogue as a reader uses it: a bounded page at any size, every practice
reachable without JavaScript, filters in a panel on a phone, chosen filters as chips,
and nothing jumping on screen while it loads and filters."""

from __future__ import annotations

import re

from scripts.site.pages import PAGE_SIZE
from tests.browser import expected_ids, open_catalogue, result_count, visible_ids

# The layout shifts the reader did not cause (as Lighthouse counts them), summed.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 1000);
})"""


def test_the_page_holds_a_bounded_number_of_cards(browser, many_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{many_server}practices/")
    assert len(page.query_selector_all("[data-atlas-results] > [data-practice-id]")) == PAGE_SIZE
    context.close()


def test_without_javascript_every_practice_is_reachable_page_by_page(browser, many_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{many_server}practices/")
    assert not page.is_visible("[data-atlas-filters]")
    reached = page.eval_on_selector_all("[data-practice-id]", "els => els.map(e => e.dataset.practiceId)")
    while page.query_selector("a[rel=next]"):
        page.click("a[rel=next]")
        reached += page.eval_on_selector_all(
            ".atlas-plain-list a", "els => els.map(e => e.getAttribute('href').split('/').filter(Boolean).pop())"
        )
    assert re.search(r"/practices/page/3/$", page.url)
    assert len(reached) == len(set(reached)) == 230
    page.click("a[rel=prev]")
    assert page.url.endswith("/practices/page/2/")
    context.close()


def test_with_javascript_filters_reach_practices_beyond_the_first_page(page, many_server):
    open_catalogue(page, many_server, "?sort=title")
    assert result_count(page) == 230 and len(visible_ids(page)) == 200
    last = page.eval_on_selector_all("[data-atlas-results] > [data-practice-id]", "els => els.length")
    assert last == 200
    assert not page.is_visible("[data-atlas-pager]")


def test_on_a_phone_filters_open_in_a_panel_with_a_live_count(browser, server, test_practices):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_catalogue(page, server)
    assert not page.is_visible("[data-facet=region] summary")
    page.click("[data-atlas-toggle]")
    assert page.get_attribute("[data-atlas-toggle]", "aria-expanded") == "true"
    page.click("[data-facet=region] summary")
    page.check("input[name=region][value=eu]")
    in_eu = expected_ids(test_practices, region=["eu"])
    assert page.text_content("[data-atlas-show]") == f"Show {len(in_eu)} practices"
    page.click("[data-atlas-show]")
    assert not page.is_visible("[data-facet=region] summary")
    assert page.text_content("[data-atlas-toggle]") == "Filters (1)"
    assert visible_ids(page) == in_eu
    context.close()


def test_chosen_filters_are_chips_that_remove_them(page, server, test_practices):
    open_catalogue(page, server, "?region=eu&status=ongoing")
    chips = page.locator("[data-atlas-chips] button")
    assert chips.count() == 2
    assert chips.first.text_content().startswith("Region: ")
    chips.first.click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('region')")
    assert visible_ids(page) == expected_ids(test_practices, status=["ongoing"])
    assert page.locator("[data-atlas-chips] button").count() == 1


def test_options_that_would_give_nothing_are_hidden(page, server, test_practices):
    open_catalogue(page, server, "?region=southeast-asia")
    page.click("[data-facet=country] summary")
    countries = {c for p in test_practices if "southeast-asia" in p.regions for c in p.countries}
    shown = page.eval_on_selector_all(
        "[data-facet=country] input", "els => els.filter(e => e.closest('label').getClientRects().length).map(e => e.value)"
    )
    assert set(shown) == countries


def test_the_catalogue_does_not_jump_while_it_loads_and_filters(browser, server):
    for width in (1366, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for query in ("", "?region=western-balkans&theme=inter-ethnic-relations", "?q=youth"):
            open_catalogue(page, server, query)
            assert page.evaluate(LAYOUT_SHIFT) < 0.1, (width, query)
        context.close()
