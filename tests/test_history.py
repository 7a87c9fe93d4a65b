"""First-published and last-changed dates from the repository's history: one `git log` for
the whole folder, renames followed, and a build that still works without history."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.site.build import build_site
from scripts.site.collection import Settings
from scripts.site.history import parse_log, read_history
from tests.conftest import FIXTURES, copy_vocabularies, require_tool

SETTINGS = Settings(base_url="https://practice-atlas.example.org/", repo_url="https://github.com/x/atlas")
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,  # nobody's settings (signing, hooks, names) reach the test repository
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


class Repository:
    """A git repository in a temporary folder, committed at fixed dates."""

    def __init__(self, path: Path):
        require_tool("git", "git")
        self.path = path
        self.root = path / "practices"
        self.root.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.path, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
        )
        return result.stdout

    def commit(self, day: str, message: str = "change") -> None:
        stamp = f"{day}T12:00:00+00:00"
        subprocess.run(
            ["git", "add", "-A"], cwd=self.path, env={**os.environ, **GIT_ENV}, check=True, capture_output=True
        )
        subprocess.run(
            ["git", "commit", "-q", "-m", message],
            cwd=self.path,
            env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
            check=True,
            capture_output=True,
        )

    def write(self, name: str, text: str) -> None:
        (self.root / name).write_text(text, encoding="utf-8")


def _dates(history, name):
    entry = history[name]
    return (entry.added and entry.added.date.isoformat(), entry.changed.date.isoformat())


@pytest.fixture
def repository(tmp_path) -> Repository:
    return Repository(tmp_path / "repo")


def test_first_and_last_commit_of_each_file(repository):
    repository.write("a.md", "one")
    repository.write("old-c.md", "three")
    repository.commit("2024-01-10")
    repository.write("b.md", "two")
    repository.commit("2024-02-01")
    repository.write("a.md", "one, changed")
    repository.commit("2024-03-05")
    repository.git("mv", "practices/old-c.md", "practices/c.md")  # an id renamed: its history follows
    repository.commit("2024-04-01")
    repository.write("d.md", "added later")
    (repository.path / "outside.md").write_text("not in the folder")
    repository.commit("2024-05-01")
    repository.write("e.md", "never committed")

    history = read_history(repository.root)
    assert _dates(history, "a.md") == ("2024-01-10", "2024-03-05")
    assert _dates(history, "b.md") == ("2024-02-01", "2024-02-01")
    assert _dates(history, "c.md") == ("2024-01-10", "2024-04-01")
    assert _dates(history, "d.md") == ("2024-05-01", "2024-05-01")
    assert "e.md" not in history and "outside.md" not in history and "../outside.md" not in history
    assert history["a.md"].changed.stamp == "2024-03-05T12:00:00Z"


def test_a_file_deleted_and_added_again_starts_again(repository):
    repository.write("x.md", "first")
    repository.commit("2023-01-01")
    (repository.root / "x.md").unlink()
    repository.write("y.md", "keeps the folder")
    repository.commit("2023-06-01")
    repository.write("x.md", "second")
    repository.commit("2024-06-01")
    assert _dates(read_history(repository.root), "x.md") == ("2024-06-01", "2024-06-01")


def test_without_history_there_are_no_dates(repository, tmp_path, monkeypatch):
    repository.write("a.md", "one")
    repository.commit("2024-01-10")
    copy = tmp_path / "copy" / "practices"
    shutil.copytree(repository.root, copy)  # a copy without .git
    assert read_history(copy) == {}
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))  # git missing
    assert read_history(repository.root) == {}


def test_a_shallow_clone_knows_only_what_it_holds(repository, tmp_path):
    repository.write("a.md", "one")
    repository.write("b.md", "two")
    repository.commit("2024-01-10")
    repository.write("z.md", "the clone's oldest commit")
    repository.commit("2024-01-20")
    repository.write("a.md", "one, changed")
    repository.commit("2024-02-01")
    repository.write("c.md", "three")
    repository.commit("2024-03-01")
    clone = tmp_path / "clone"
    repository.git("clone", "-q", "--depth", "3", f"file://{repository.path}", str(clone))
    history = read_history(clone / "practices")
    # The clone's oldest commit lists every file as new: it says nothing, and is ignored.
    assert "b.md" not in history and "z.md" not in history
    assert _dates(history, "a.md") == (None, "2024-02-01")
    assert _dates(history, "c.md") == ("2024-03-01", "2024-03-01")


def test_the_log_is_read_whatever_the_order_of_renames():
    mark = "\x1e"
    log = (
        f"{mark}c3 1717243200 2024-06-01 c2\n\nM\tnew.md\n"
        f"{mark}c2 1704067200 2024-01-01 c1\n\nR100\told.md\tnew.md\n"
        f"{mark}c1 1672531200 2023-01-01\n\nA\told.md\n"
    )
    history = parse_log(log)
    assert _dates(history, "new.md") == ("2023-01-01", "2024-06-01")
    assert "old.md" not in history


def _collection(repository: Repository) -> None:
    copy_vocabularies(repository.root)
    for path in sorted((FIXTURES / "valid").glob("*.md")):
        shutil.copy(path, repository.root)


def test_pages_feeds_and_lists_take_their_dates_from_the_history(repository, tmp_path):
    _collection(repository)
    entry = repository.root / "base-entry.md"
    repository.commit("2026-02-01")  # both entries are published
    entry.write_text(entry.read_text(encoding="utf-8").replace("meets every month", "meets every week"))
    repository.commit("2026-03-10")  # and one is changed later
    content = build_site(repository.root, "", SETTINGS)
    site = content.site
    base, other = site.by_id["base-entry"], site.by_id["other-practice"]
    assert site.dates(base).added == dt.date(2026, 2, 1) and site.dates(base).changed == dt.date(2026, 3, 10)
    page = content.page_for("practices/base-entry.md")
    assert page.date == "2026-03-10"  # the sitemap's lastmod
    assert "Added 1 February 2026 · Last changed 10 March 2026" in page.html
    assert [p.id for p in site.newest(2)] == ["base-entry", "other-practice"]
    assert 'data-added="2026-02-01T12:00:00Z" data-changed="2026-03-10T12:00:00Z"' in content.parts["newest"]
    assert site.dates(other).changed == max(dt.date(2026, 2, 1), other.last_reviewed)

    # The same commit built again gives the same pages; a copy without .git still builds,
    # with last_reviewed for every date.
    again = build_site(repository.root, "", SETTINGS)
    assert [p.html for p in again.pages] == [p.html for p in content.pages] and again.files == content.files
    copy = tmp_path / "copy" / "practices"
    shutil.copytree(repository.root, copy)
    plain = build_site(copy, "", SETTINGS)
    page = plain.page_for("practices/base-entry.md")
    assert page.date == base.last_reviewed.isoformat()
    assert "Added" not in page.html.split('class="atlas-dates">')[1].split("</p>")[0]
    assert plain.site.dates(base).added_stamp == f"{base.last_reviewed.isoformat()}T00:00:00Z"
