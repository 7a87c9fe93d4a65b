"""The real collection in practices/: valid, sourced and linked."""

from __future__ import annotations

import pytest

from scripts.validate import validate
from tests.conftest import REPO


@pytest.fixture(scope="module")
def report():
    return validate(REPO / "practices")


def test_every_entry_is_valid_without_warnings(report):
    assert [p.format() for p in report.problems] == []


def test_every_entry_file_became_a_practice(report):
    files = sorted(p.stem for p in (REPO / "practices").glob("*.md") if p.name[0] != "_" and p.name != "README.md")
    assert [p.id for p in report.practices] == files
    assert len(files) >= 5


def test_every_entry_has_a_source_with_a_web_address(report):
    for practice in report.practices:
        assert any(source.url for source in practice.sources), practice.id


def test_related_links_go_both_ways(report):
    by_id = {p.id: p for p in report.practices}
    for practice in report.practices:
        assert practice.related, f"{practice.id} links to no other practice"
        for other in practice.related:
            assert practice.id in by_id[other].related, f"{other} does not link back to {practice.id}"


def test_seed_practices_are_present(report):
    ids = {p.id for p in report.practices}
    assert {
        "kumanovo-community-action-team",
        "kumanovo-tetovo-peer-learning",
        "southeast-asia-national-local-cooperation-workshop",
        "pristina-region-civil-society-platform",
        "kosovo-municipal-offices-for-communities-and-returns",
    } <= ids


def test_alternate_place_names_are_kept(report):
    pristina = next(p for p in report.practices if p.id == "pristina-region-civil-society-platform")
    assert pristina.places[0].also == ("Prishtinë", "Prishtina", "Priština", "Приштина")
