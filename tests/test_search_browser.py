"""Search in a real browser: the header search on every page lists practices from the
catalogue's index, the catalogue shows where a match is, and nothing found is no dead end."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests.browser import open_catalogue, visible_ids


def header_search(page, query: str) -> list[str]:
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.locator("[data-atlas-practices-results] a").first.wait_for(state="visible")
    return page.eval_on_selector_all(
        "[data-atlas-practices-results] a", "els => els.map(e => e.getAttribute('href').split('/').filter(Boolean).pop())"
    )


@pytest.mark.parametrize(("query", "pattern"), [("Kumanovo", r"kumanovo"), ("Elbasani", r"elbasan")])  # a name, another name
def test_header_search_on_a_practice_page_lists_practices(page, server, test_practices, query, pattern):
    page.goto(f"{server}practices/base-entry/")
    found = header_search(page, query)
    expected = [p.id for p in test_practices if re.search(pattern, p.id)]
    assert expected and set(expected) <= set(found)


def test_header_search_enter_opens_the_catalogue_for_the_query(page, server):
    page.goto(f"{server}regions/")
    header_search(page, "Kumanovo")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-search-ready]")
    assert page.input_value("input[name=q]") == "Kumanovo"
    assert visible_ids(page)[0].startswith("kumanovo")


def test_header_search_text_meets_contrast(page, server):
    page.goto(f"{server}themes/")
    header_search(page, "youth")
    page.add_script_tag(url=urljoin(server, "../test-tools/axe.min.js"))
    violations = page.evaluate(
        "async () => (await axe.run('.md-search', {runOnly: ['color-contrast']})).violations.map(v => v.id)"
    )
    assert violations == []


def test_a_match_in_a_section_shows_a_marked_snippet(page, server):
    open_catalogue(page, server, "?q=roma")
    snippet = page.locator("[data-practice-id^=elbasan] .atlas-card__snippet")
    snippet.wait_for(state="visible")
    assert page.text_content("[data-practice-id^=elbasan] .atlas-card__snippet mark").lower() == "roma"
    assert page.text_content("[data-practice-id^=elbasan] .atlas-card__section").rstrip(": ") in {
        "Context", "What was done", "How to replicate", "Who was involved", "Resources", "Results", "Challenges and lessons",
    }  # fmt: skip


def test_nothing_found_suggests_a_spelling_and_counts_each_word(page, server):
    open_catalogue(page, server, "?q=evalution%20roma")
    page.locator(".atlas-suggest a").wait_for(state="visible")
    assert page.text_content(".atlas-suggest a") == "evaluation roma"
    assert "roma (" in page.text_content("[data-atlas-help]")
    page.click(".atlas-suggest a")
    page.wait_for_selector("[data-search-ready]")
    assert page.input_value("input[name=q]") == "evaluation roma"


def test_filters_that_hide_every_match_are_one_click_away(page, server, test_practices):
    open_catalogue(page, server, "?q=roma&region=oceania")
    button = page.locator("[data-atlas-help] button")
    button.wait_for(state="visible")
    assert "without the filters" in button.text_content()
    button.click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('region')")
    assert [i for i in visible_ids(page) if i.startswith("elbasan")]
