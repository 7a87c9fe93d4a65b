"""A practice printed for a council meeting: a handout of at most two pages, A4 or US Letter,
that says where it comes from on its first page and prints nothing that only works on screen.

Chromium prints the PDFs (page.pdf); what is on the first page is read from the print
layout in the browser, so no PDF tool is needed. Served and skipped as tests/test_browser.py.
"""

from __future__ import annotations

import pytest

URL = "https://practice-atlas.example.org/practices/{}/"
TYPICAL = ["base-entry", "denver-bias-motivated-crime-response"]  # a short entry and a middling real one
# The printable area of each paper at the handout's margins (docs/assets/atlas/atlas.css
# @page: 12 mm top and bottom, 14 mm left and right), in CSS pixels (96 to the inch).
PAPER = {"A4": (210, 297), "Letter": (215.9, 279.4)}
MARGINS = (14, 12)


def _printable(paper: str) -> tuple[int, int]:
    width, height = PAPER[paper]
    return int((width - 2 * MARGINS[0]) * 96 / 25.4), int((height - 2 * MARGINS[1]) * 96 / 25.4)


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("practice", TYPICAL)
def test_a_typical_practice_prints_on_at_most_two_pages(page, server, practice, paper):
    page.goto(f"{server}practices/{practice}/")
    page.wait_for_load_state("load")
    pdf = page.pdf(format=paper)
    assert 1 <= _pages(pdf) <= 2


@pytest.mark.parametrize("paper", PAPER)
def test_every_practice_prints_on_at_most_three_pages(page, server, test_practices, paper):
    # Entries with a dozen sources and more take a third page (their sources, with addresses).
    sample = sorted(p.id for p in test_practices)[::7]
    counts = []
    for practice in sample:
        page.goto(f"{server}practices/{practice}/")
        page.wait_for_load_state("load")
        counts.append(_pages(page.pdf(format=paper)))
    assert max(counts) <= 3, dict(zip(sample, counts, strict=True))


@pytest.mark.parametrize("paper", PAPER)
def test_the_first_page_names_the_site_the_licence_and_the_address(page, server, paper):
    practice = "kumanovo-community-action-team"
    width, height = _printable(paper)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}practices/{practice}/")
    page.emulate_media(media="print")
    head = page.locator(".atlas-handout")
    assert head.is_visible()
    text = " ".join(head.text_content().split())
    assert "Practice Atlas" in text and "CC BY 4.0" in text and URL.format(practice) in text
    assert head.locator("svg.atlas-qr path").count() == 1
    box = head.bounding_box()
    assert box["y"] + box["height"] < height  # on the first page
    # First on the page, then the title, the summary and the facts, in that order.
    tops = page.evaluate(
        """() => ['.atlas-handout', 'h1', '.atlas-summary', '#at-a-glance', '#what-it-takes', '#how-to-replicate']
            .map(s => document.querySelector(s).getBoundingClientRect().top)"""
    )
    assert tops == sorted(tops)
    assert tops[4] < height  # "What it takes" starts on the first page
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.is_visible(selector), selector


def test_nothing_only_for_the_screen_is_printed(page, server):
    page.goto(f"{server}practices/kumanovo-community-action-team/")
    page.emulate_media(media="print")
    visible_links = page.eval_on_selector_all(
        "a[href]", "els => els.filter(e => e.getClientRects().length > 0).map(e => e.href)"
    )
    assert visible_links  # the sources and related practices are printed
    assert not [h for h in visible_links if "/issues/new" in h or "/edit/" in h]  # no correction or edit link
    for selector in (".atlas-cite", ".atlas-back", ".atlas-improve", ".md-content__button", ".md-search"):
        assert not page.is_visible(selector), selector
    # The facts gathered as unknown stay, without their request for help.
    assert page.is_visible(".atlas-unknown")
    assert page.locator(".atlas-unknown").inner_text().startswith("Not yet known: ")


def test_printed_addresses_are_where_they_matter(page, server):
    page.goto(f"{server}practices/kumanovo-community-action-team/")
    page.emulate_media(media="print")

    def after(selector: str) -> list[str]:
        return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e, '::after').content)")

    related = after(".atlas-related a")
    assert related and all(c.startswith('" (https://practice-atlas.example.org/practices/') for c in related)
    # Each source and the contact print their own address (read from the page itself).
    hrefs = page.eval_on_selector_all(".atlas-sources a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and after(".atlas-sources a") == [f'" ({href})"' for href in hrefs]
    contact = page.get_attribute(".atlas-contact a", "href")
    assert after(".atlas-contact a") == [f'" ({contact})"']
    assert set(after(".atlas-text a")) <= {"none"}  # body text keeps its words
    # No heading is left alone at the foot of a page.
    assert set(page.eval_on_selector_all("h2", "els => els.map(e => getComputedStyle(e).breakAfter)")) == {"avoid"}
