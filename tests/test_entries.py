"""The real collection in practices/: valid, sourced and linked."""

from __future__ import annotations

from collections import Counter

import pytest

from scripts.entries.translation import translation_name
from scripts.entries.validate import validate
from tests.conftest import REPO

REVIEW_DUE = "is more than two years ago; please review the entry"
STATUS_OLD = "years ago; check whether the status still holds"


@pytest.fixture(scope="module")
def report():
    # Today's date, not a fixed one: an entry reviewed today must not be 'in the future'.
    return validate(REPO / "practices")


def test_every_entry_is_valid_without_warnings(report):
    # Time alone may add one problem per entry: two years after its last review, a warning
    # (which never fails the build) asks for another. Anything else is a mistake.
    # Likewise a status last reported more than three years ago, a year after its last check.
    def review_due(problem):
        due = (problem.field, problem.message.split("' ", 1)[-1])
        return not problem.is_error and (
            (due[0] == "last_reviewed" and problem.message.endswith(REVIEW_DUE))
            or (due[0] == "status_as_of" and STATUS_OLD in problem.message)
        )

    assert [p.format() for p in report.problems if not review_due(p)] == []


def test_every_entry_file_became_a_practice(report):
    files = sorted(
        p.stem
        for p in (REPO / "practices").glob("*.md")
        if p.name[0] != "_" and p.name != "README.md" and not translation_name(p)
    )
    assert [p.id for p in report.practices] == files
    assert len(files) >= 5


def test_the_collection_covers_enough_cases_and_regions(report):
    # Issue 7: a municipal officer needs real cases from their own region to compare.
    # Issue 16: at least 90 practices, two or more in every region, and the mission's core
    # (communities together, civil society with municipalities, national with local) well served.
    assert len(report.practices) >= 90
    regions = Counter(region for p in report.practices for region in p.regions)
    assert {region: regions[region] for region in report.taxonomy.ids("regions") if regions[region] < 2} == {}
    themes = Counter(theme for p in report.practices for theme in p.themes)
    assert themes["inter-ethnic-relations"] >= 20
    assert themes["civil-society-partnership"] >= 20
    assert themes["national-local-cooperation"] >= 25


def test_every_entry_has_a_source_with_a_web_address(report):
    for practice in report.practices:
        assert any(source.url for source in practice.sources), practice.id


# Seed entries that share a model or an exchange with others (the Pristina platform and
# the offices for communities share only a country: no link, by the content review).
SEEDS = {
    "kumanovo-community-action-team",
    "southeast-asia-national-local-cooperation-workshop",
}


def test_related_links_go_both_ways(report):
    by_id = {p.id: p for p in report.practices}
    for practice in report.practices:
        assert practice.related or practice.id not in SEEDS, f"{practice.id} links to no other practice"
        for other in practice.related:
            assert practice.id in by_id[other].related, f"{other} does not link back to {practice.id}"


def test_seed_practices_are_present(report):
    assert {p.id for p in report.practices} >= SEEDS


def test_alternate_place_names_are_kept(report):
    pristina = next(p for p in report.practices if p.id == "pristina-region-civil-society-platform")
    assert pristina.places[0].also == ("Prishtinë", "Prishtina", "Priština", "Приштина")


def test_every_removed_or_renamed_entry_id_is_kept(report):
    """Git history: an entry file that was deleted or renamed left its id as an alias or
    in practices/retired.yml, so no old link breaks and the id is never reused."""
    import subprocess

    result = subprocess.run(
        ["git", "log", "-M", "--diff-filter=DR", "--name-status", "--format=", "--", "practices/"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    gone = set()
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        old = parts[1] if parts and parts[0][:1] in "DR" and len(parts) > 1 else ""
        name = old.rsplit("/", 1)[-1]
        if old.startswith("practices/") and name.endswith(".md") and not name.startswith("_") and name != "README.md":
            gone.add(name.removesuffix(".md"))
    kept = {p.id for p in report.practices} | {a for p in report.practices for a in p.aliases}
    kept |= {r.id for r in report.retired}
    assert sorted(gone - kept) == []
