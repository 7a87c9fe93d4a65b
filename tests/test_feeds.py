"""Atom feeds parse, list the newest practices first, and take their dates from entries."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from scripts.entries.validate import validate
from tests.conftest import REPO, write_test_collection

NS = {"a": "http://www.w3.org/2005/Atom"}


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


def test_main_feed_lists_every_practice_newest_first(test_site, practices):
    feed = parse(test_site / "feed.xml")
    items = entries(feed)
    assert len(items) == len(practices)
    assert [i[1] for i in items] == sorted((i[1] for i in items), reverse=True)
    newest = max(p.last_reviewed for p in practices)
    assert feed.find("a:updated", NS).text == f"{newest.isoformat()}T00:00:00Z"
    survey = next(i for i in items if i[0].endswith("/migrant-survey-exampleville/"))
    assert survey[1] == "2026-11-01T00:00:00Z"
    assert survey[2] == "Newcomer survey and welcome desk in Exampleville"
    assert survey[3].startswith("A municipal dialogue council")
    assert survey[4] == survey[0] == "https://practice-atlas.example.org/practices/migrant-survey-exampleville/"


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
    ids = sorted(i[0].rstrip("/").rsplit("/", 1)[1] for i in entries(feed))
    assert ids == sorted(p.id for p in practices if term in getattr(p, field))
    page = (test_site / folder / term / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="feed.xml"' in page


def test_empty_landing_feed_is_still_valid(test_site, practices):
    taxonomy = validate(REPO / "practices").taxonomy
    unused = [
        (folder, term.id)
        for folder, field in (("regions", "regions"), ("themes", "themes"))
        for term in taxonomy.terms(field)
        if not any(term.id in getattr(p, field) for p in practices)
    ]
    assert unused, "every region and theme is used: this test needs a collection with an empty one"
    folder, term = unused[0]
    assert entries(parse(test_site / folder / term / "feed.xml")) == []
