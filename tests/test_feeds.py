"""Atom feeds parse, list the newest practices first, and take their dates from entries."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from scripts.entries.validate import validate
from scripts.site import feeds
from tests.conftest import REPO, write_test_collection

NS = {"a": "http://www.w3.org/2005/Atom"}
BASE_URL = "https://practice-atlas.example.org/"


@pytest.fixture(scope="module")
def practices(tmp_path_factory):
    root = tmp_path_factory.mktemp("collection") / "practices"
    write_test_collection(root)
    return validate(root).practices


def parse(path):
    feed = ET.parse(path).getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("a:title", "a:id", "a:updated", "a:author/a:name"):
        assert feed.find(required, NS) is not None, required
    assert feed.find("a:link[@rel='self']", NS) is not None
    return feed


def entries(feed):
    return [
        (
            e.find("a:id", NS).text,
            e.find("a:updated", NS).text,
            e.find("a:title", NS).text,
            e.find("a:summary", NS).text,
            e.find("a:link[@rel='alternate']", NS).get("href"),
        )
        for e in feed.findall("a:entry", NS)
    ]


def newest(practices) -> list:
    """What a feed of these practices lists: the newest reviewed, up to the feed's limit."""
    return sorted(practices, key=lambda p: (p.last_reviewed, p.id), reverse=True)[: feeds.MAX_ENTRIES]


def url(practice) -> str:
    return f"{BASE_URL}practices/{practice.id}/"


def test_main_feed_lists_the_newest_practices_newest_first(test_site, practices):
    feed = parse(test_site / "feed.xml")
    items = entries(feed)
    expected = newest(practices)
    assert len(items) == min(len(practices), feeds.MAX_ENTRIES)
    assert [i[0] for i in items] == [url(p) for p in expected]
    assert feed.find("a:updated", NS).text == f"{expected[0].last_reviewed.isoformat()}T00:00:00Z"
    for (entry_id, updated, title, summary, link), practice in zip(items, expected, strict=True):
        assert updated == f"{practice.last_reviewed.isoformat()}T00:00:00Z"
        assert (title, summary, link) == (practice.title, practice.summary, entry_id)


def test_a_feed_holds_at_most_its_limit_newest_first(practices):
    many = [replace(practices[0], id=f"practice-{n:03}") for n in range(feeds.MAX_ENTRIES + 5)]
    many[-1] = replace(many[-1], last_reviewed=max(p.last_reviewed for p in practices) + dt.timedelta(days=1))
    feed = ET.fromstring(feed_text(many))
    ids = [e.find("a:id", NS).text for e in feed.findall("a:entry", NS)]
    assert len(ids) == feeds.MAX_ENTRIES
    assert ids[0] == url(many[-1])


def test_empty_feed_is_still_valid():
    feed = ET.fromstring(feed_text([]))
    assert feed.find("a:updated", NS).text and feed.findall("a:entry", NS) == []


def feed_text(practices) -> str:
    taxonomy = validate(REPO / "practices").taxonomy
    return feeds.atom_feed(
        practices, taxonomy, title="Test", feed_url=f"{BASE_URL}feed.xml", page_url=BASE_URL, base_url=BASE_URL
    )


@pytest.mark.parametrize(
    ("folder", "term", "field"),
    [
        ("regions", "western-balkans", "regions"),
        ("regions", "eu", "regions"),
        ("themes", "national-local-cooperation", "themes"),
    ],
)
def test_region_and_theme_feeds_hold_only_their_practices(test_site, practices, folder, term, field):
    feed = parse(test_site / folder / term / "feed.xml")
    assert [i[0] for i in entries(feed)] == [url(p) for p in newest(p for p in practices if term in getattr(p, field))]
    page = (test_site / folder / term / "index.html").read_text(encoding="utf-8")
    # "alternate feed", not "alternate" alone: Material fetches a sitemap beside every link[rel=alternate].
    assert '<link rel="alternate feed" type="application/atom+xml"' in page and 'href="feed.xml"' in page


def test_every_region_and_theme_has_a_feed_even_when_empty(test_site, practices):
    taxonomy = validate(REPO / "practices").taxonomy
    for field in ("regions", "themes"):
        for term in taxonomy.terms(field):
            feed = parse(test_site / field / term.id / "feed.xml")
            expected = newest(p for p in practices if term.id in getattr(p, field))
            assert [i[0] for i in entries(feed)] == [url(p) for p in expected], term.id
