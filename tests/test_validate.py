"""The validator as a contributor meets it: whole collections, files, the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.entries.validate import suggest_id
from scripts.validate import main
from tests.conftest import REPO, TODAY

REVIEW_DUE = "is more than two years ago; please review the entry"


def run_cli(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.validate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_valid_samples_have_no_problems(collection):
    collection.add_valid()
    report = collection.validate()
    assert report.problems == []
    assert [p.id for p in report.practices] == ["base-entry", "other-practice"]


def test_all_mistakes_in_all_files_are_reported_together(collection, base_entry):
    collection.add_valid()
    collection.add(
        "first.md",
        base_entry.replace("status: ongoing", "status: active").replace("countries: [MK]", "countries: [mk]"),
    )
    collection.add("second.md", base_entry.replace("evidence: monitored", "evidence: promising"))
    lines = collection.lines()
    assert [line.split(": ")[0] for line in lines] == [
        "practices/first.md:7",
        "practices/first.md:15",
        "practices/second.md:21",
    ]


def test_invalid_entries_are_not_built_into_the_model(collection, base_entry):
    collection.add_valid()
    collection.add("broken.md", base_entry.replace("status: ongoing", "status: active"))
    report = collection.validate()
    assert [p.id for p in report.practices] == ["base-entry", "other-practice"]
    assert report.errors


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Kumanovo_CAT.md",
            "practices/Kumanovo_CAT.md:1: id: the file name 'Kumanovo_CAT.md' is not a "
            "valid id; use lower-case letters, digits and hyphens, at most 80 characters, e.g. 'kumanovo-cat.md'",
        ),
        (
            "prishtinë-platform.md",
            "practices/prishtinë-platform.md:1: id: the file name "
            "'prishtinë-platform.md' is not a valid id; use lower-case letters, digits and hyphens, at most "
            "80 characters, e.g. 'prishtine-platform.md'",
        ),
    ],
)
def test_file_name_must_be_a_valid_id(collection, base_entry, name, message):
    collection.add(name, base_entry.replace("related: [other-practice]\n", ""))
    assert collection.lines(name) == [message]


def test_files_that_would_be_skipped_are_reported(collection, base_entry):
    collection.add_valid()
    collection.add("README.md", "# About this folder\n")
    collection.add("_draft.md", "not an entry")
    collection.add("upper-case.MD", base_entry)
    collection.add("long-suffix.markdown", base_entry)
    (collection.root / "nested").mkdir()
    collection.add("nested/entry.md", base_entry)
    assert collection.lines() == [
        "practices/long-suffix.markdown:1: file: is not read as an entry: name entry files '<id>.md' (lower-case .md)",
        "practices/nested:1: file: entries in sub-folders are not read; put each entry directly in practices/",
        "practices/upper-case.MD:1: file: is not read as an entry: name entry files '<id>.md' (lower-case .md)",
    ]


def test_alias_used_by_two_entries(collection, base_entry):
    collection.add_valid()
    with_alias = base_entry.replace("last_reviewed:", "aliases: [old-council]\nlast_reviewed:")
    collection.add("first.md", with_alias)
    collection.add("second.md", with_alias)
    assert collection.lines() == [
        "practices/second.md:32: aliases: 'old-council' is also an alias of practices/first.md",
    ]


def test_same_id_in_two_folders(collection, base_entry, tmp_path):
    collection.add_valid()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "base-entry.md").write_text(base_entry)
    report = collection.validate([Path("elsewhere/base-entry.md")])
    assert [p.format() for p in report.problems] == [
        "elsewhere/base-entry.md:1: id: 'base-entry' is also the id of practices/base-entry.md"
    ]


def test_given_paths_are_checked_against_the_whole_collection(collection, base_entry):
    collection.add_valid()
    collection.add("broken.md", base_entry.replace("status: ongoing", "status: active"))
    new = collection.add("new-entry.md", base_entry)  # relates to other-practice, which exists
    report = collection.validate([Path("practices/new-entry.md")])
    assert report.problems == []
    assert [p.id for p in report.practices] == ["new-entry"]
    assert new.exists()


def test_missing_optional_section_is_a_warning_only(collection, base_entry):
    collection.add_valid()
    collection.add("short.md", base_entry.replace("## Resources\n\nNot reported.\n\n", ""))
    report = collection.validate()
    assert report.errors == []
    assert [p.format() for p in report.warnings] == [
        "practices/short.md:33: body: warning: optional section '## Resources' is missing; "
        "add it and write 'Not reported.' if the sources say nothing"
    ]
    assert [p.id for p in report.practices] == ["base-entry", "other-practice", "short"]


def test_old_review_is_a_warning(collection, base_entry):
    collection.add_valid()
    collection.add("stale.md", base_entry.replace("last_reviewed: 2026-01-15", "last_reviewed: 2023-06-01"))
    assert collection.lines("stale.md") == [
        "practices/stale.md:32: last_reviewed: warning: '2023-06-01' is more than two years ago; "
        "please review the entry"
    ]


def test_old_status_is_a_warning_until_an_editor_checks_it(collection, base_entry):
    # A status last reported years ago asks an editor to look for a newer report; a review
    # within the year answers it (the page still says when the status was last reported).
    collection.add_valid()
    old = base_entry.replace("status_as_of: 2025", "status_as_of: 2019-07")
    collection.add("unchecked.md", old.replace("last_reviewed: 2026-01-15", "last_reviewed: 2025-06-01"))
    collection.add("checked.md", old.replace("last_reviewed: 2026-01-15", "last_reviewed: 2026-06-01"))
    assert collection.lines() == [
        "practices/unchecked.md:5: status_as_of: warning: '2019-07' is more than 3 years ago; check whether the "
        "status still holds, then set last_reviewed to the day you checked"
    ]


def test_broken_taxonomy_is_reported_alone(collection, base_entry):
    collection.add_valid()
    (collection.root / "taxonomy.yml").write_text("regions:\n  - id: Western Balkans\n    label: WB\n")
    lines = collection.lines()
    assert (
        "practices/taxonomy.yml:2: regions[1].id: 'Western Balkans' must be lower-case words joined by hyphens" in lines
    )
    assert "practices/taxonomy.yml:2: regions[1].description: is required and must be text" in lines
    assert "practices/taxonomy.yml:1: themes: a non-empty list of terms is required" in lines
    assert not any(line.startswith("practices/base-entry.md") for line in lines)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kumanovo CAT (2017)", "kumanovo-cat-2017"),
        ("Prishtinë — platform", "prishtine-platform"),
        ("Ōtautahi / Christchurch", "otautahi-christchurch"),
        ("???", "practice"),
    ],
)
def test_suggest_id(title, expected):
    assert suggest_id(title) == expected


def test_cli_on_the_repository_prints_nothing():
    result = run_cli()
    # Time alone may add lines: two years after an entry's last review, a warning (which
    # never fails) asks for another. Anything else is a mistake in the collection.
    # Likewise a status last reported more than three years ago: a true warning.
    due = [
        line
        for line in result.stdout.splitlines()
        if (": last_reviewed: warning: '" in line and REVIEW_DUE in line)
        or (": status_as_of: warning: '" in line and "check whether the status still holds" in line)
    ]
    assert (result.returncode, result.stdout.splitlines()) == (0, due)
    assert result.stderr.startswith("0 errors, ") if due else result.stderr == ""


def lone_entry(tmp_path: Path, name: str, text: str) -> None:
    """practices/<name> alone with the vocabularies; its link to a sample entry removed."""
    root = tmp_path / "practices"
    root.mkdir()
    (root / "taxonomy.yml").write_bytes((REPO / "practices" / "taxonomy.yml").read_bytes())
    (root / name).write_text(text.replace("related: [other-practice]\n", ""))


def test_cli_reports_and_fails(tmp_path, base_entry):
    lone_entry(tmp_path, "bad-entry.md", base_entry.replace("regions: [western-balkans]", "regions: [balkans]"))
    result = run_cli("--today", TODAY.isoformat(), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "practices/bad-entry.md:6: regions: 'balkans' is not a known region; did you mean 'western-balkans'?\n"
    )
    assert result.stderr == "1 error, 0 warnings in 1 file\n"


def test_cli_github_format_and_job_summary(tmp_path, base_entry):
    lone_entry(tmp_path, "bad-entry.md", base_entry.replace("status: ongoing", "status: active, really"))
    summary = tmp_path / "summary.md"
    summary.write_text("### An earlier step\n\n", encoding="utf-8")
    result = run_cli(
        "--format", "github", "--today", TODAY.isoformat(), cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 1
    assert result.stdout == (
        "::error file=practices/bad-entry.md,line=15,title=status::'active, really' is not a known status; "
        "use one of: planned, ongoing, completed, discontinued, unknown\n"
    )
    assert summary.read_text(encoding="utf-8") == (
        "### An earlier step\n\n"
        "### Practice entries: 1 error, 0 warnings in 1 file\n\n"
        "```text\n"
        "practices/bad-entry.md:15: status: 'active, really' is not a known status; "
        "use one of: planned, ongoing, completed, discontinued, unknown\n"
        "```\n"
    )


def test_cli_warnings_do_not_fail(tmp_path, base_entry):
    lone_entry(tmp_path, "stale.md", base_entry.replace("last_reviewed: 2026-01-15", "last_reviewed: 2020-01-15"))
    result = run_cli("--format", "github", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("::warning file=practices/stale.md,line=31,title=last_reviewed::")


def test_cli_missing_path(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["practices/no-such-entry.md"]) == 1
    assert capsys.readouterr().out == "practices/no-such-entry.md:1: file: no such file\n"


def test_cli_on_each_invalid_fixture_names_file_line_and_field():
    fixtures = sorted((REPO / "tests" / "fixtures" / "invalid").glob("*.md"))
    result = run_cli(*[str(p.relative_to(REPO)) for p in fixtures])
    assert result.returncode == 1
    named = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert named == {str(p.relative_to(REPO)) for p in fixtures}
    for line in result.stdout.splitlines():
        _path, number, rest = line.split(":", 2)
        assert int(number) >= 1
        assert rest.startswith(" ") and ": " in rest[1:]


RETIRED = """\
- id: old-council
  retired: 2026-03-01
  reason: Merged into the youth forum entry.
  replaced_by: other-practice
- id: closed-desk
  retired: 2026-04-01
  reason: The sources were withdrawn.
"""


def test_retired_ids_are_never_reused(collection, base_entry):
    collection.add_valid()
    collection.add("retired.yml", RETIRED)
    collection.add("closed-desk.md", base_entry)
    collection.add("renamed.md", base_entry.replace("last_reviewed:", "aliases: [old-council]\nlast_reviewed:"))
    assert collection.lines() == [
        "practices/closed-desk.md:1: id: 'closed-desk' was retired on 2026-04-01 (The sources were withdrawn.); "
        "ids are never reused, choose another",
        "practices/renamed.md:32: aliases: 'old-council' is a retired id; to send its old links here, "
        "set replaced_by in practices/retired.yml",
    ]


def test_retired_file_is_checked(collection):
    collection.add_valid()
    collection.add(
        "retired.yml",
        RETIRED.replace("replaced_by: other-practice", "replaced_by: gone-practice")
        + "- id: closed-desk\n  retired: 2026-05-01\n  reason: Again.\n- id: Bad Id\n  retired: 2026-13-01\n",
    )
    assert collection.lines() == [
        "practices/retired.yml:4: retired[1].replaced_by: 'gone-practice' is not a practice id; did you mean 'other-practice'?",
        "practices/retired.yml:8: retired: 'closed-desk' is listed twice",
        "practices/retired.yml:11: retired[4].id: 'Bad Id' is not a practice id (lower-case words joined by hyphens)",
        "practices/retired.yml:11: retired[4].reason: required field is missing",
        "practices/retired.yml:12: retired[4].retired: '2026-13-01' is not a real date",
    ]


def test_retired_ids_reach_the_report(collection):
    collection.add_valid()
    collection.add("retired.yml", RETIRED)
    report = collection.validate()
    assert report.problems == []
    assert [(r.id, r.replaced_by) for r in report.retired] == [("old-council", "other-practice"), ("closed-desk", None)]
