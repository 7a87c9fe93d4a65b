"""Shared helpers: build a throw-away collection and validate it as a contributor would."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.entries.validate import Report, validate

pytest_plugins = ["tests.browser"]  # the browser fixtures, for every test file

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
def copy_vocabularies(folder: Path) -> None:
    """practices/taxonomy.yml and its translations (taxonomy.<language>.yml) into `folder`."""
    for path in (REPO / "practices").glob("taxonomy*.yml"):
        shutil.copy(path, folder / path.name)


TODAY = dt.date(2026, 11, 23)  # fixed, so date rules give the same answer every day


class Collection:
    """A practices/ folder in a temporary directory, validated from its parent folder."""

    def __init__(self, base: Path):
        self.base = base
        self.root = base / "practices"
        self.root.mkdir()
        copy_vocabularies(self.root)

    def add(self, name: str, text: str | bytes) -> Path:
        path = self.root / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_valid(self) -> None:
        """The two valid sample entries, which relate to each other."""
        for path in sorted((FIXTURES / "valid").glob("*.md")):
            shutil.copy(path, self.root)

    def validate(self, paths: list[Path] | None = None) -> Report:
        return validate(Path("practices"), paths, today=TODAY)

    def lines(self, name: str | None = None) -> list[str]:
        """Formatted problems, of one file if named."""
        report = self.validate()
        return [p.format() for p in report.problems if name is None or p.path == f"practices/{name}"]


@pytest.fixture
def collection(tmp_path, monkeypatch) -> Collection:
    monkeypatch.chdir(tmp_path)  # messages then name files as 'practices/<id>.md'
    return Collection(tmp_path)


@pytest.fixture(scope="session")
def base_entry() -> str:
    return (FIXTURES / "valid" / "base-entry.md").read_text(encoding="utf-8")


def copy_project(target: Path, practices: Path | None = None) -> Path:
    """A copy of the site's sources in `target`, optionally with another practices folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, target)
    for folder in ("docs", "overrides", "scripts"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(practices or REPO / "practices", target / "practices")
    return target


def mkdocs_build(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` run from the project folder, as a contributor would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=900,
    )


def require_tool(path: str, package: str) -> None:
    """Skip on a laptop without the tool; in CI a missing tool is a failure, not a skip."""
    if shutil.which(path):
        return
    message = f"{path} is not installed; install Debian's '{package}' package to run this test"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


SURVEY_ENTRY = "migrant-survey-exampleville"
TEST_RETIRED = """\
- id: closed-youth-forum
  retired: 2026-05-01
  reason: Merged into the neighbourhood dialogue council entry.
  replaced_by: base-entry
- id: withdrawn-pilot
  retired: 2026-06-01
  reason: Its only source was withdrawn by the publisher.
"""


def write_test_collection(practices: Path) -> None:
    """The real entries plus three test entries, a former id and two retired ids."""
    shutil.copytree(REPO / "practices", practices)
    for path in (FIXTURES / "valid").glob("*.md"):
        shutil.copy(path, practices)
    other = practices / "other-practice.md"
    other.write_text(other.read_text().replace("last_reviewed:", "aliases: [old-dialogue-council]\nlast_reviewed:"))
    base = (FIXTURES / "valid" / "base-entry.md").read_text(encoding="utf-8")
    survey = (
        base.replace(
            "title: Neighbourhood dialogue council in Exampleville",
            "title: Newcomer survey and welcome desk in Exampleville",
        )
        .replace("regions: [western-balkans]", "regions: [eu]")
        .replace("countries: [MK]", "countries: [BE]")
        .replace("themes: [social-cohesion, community-safety]", "themes: [migration-and-integration]")
        .replace("status: ongoing", "status: completed")
        .replace("started: 2019-04", "started: 2019-04\nended: 2021")
        .replace("related: [other-practice]\n", "")
        .replace("last_reviewed: 2026-01-15", "last_reviewed: 2026-11-01")
        .replace(
            "together every month to settle tensions between communities early.",
            "together after a yearly survey of newcomers to settle tensions early.",
        )
    )
    (practices / f"{SURVEY_ENTRY}.md").write_text(survey, encoding="utf-8")
    (practices / "retired.yml").write_text(TEST_RETIRED, encoding="utf-8")


@pytest.fixture(scope="session")
def test_site(tmp_path_factory) -> Path:
    """The test collection built with the real configuration into <tmp>/www/atlas."""
    base = tmp_path_factory.mktemp("test-site")
    write_test_collection(base / "practices")
    project = copy_project(base / "project", base / "practices")
    site = base / "www" / "atlas"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def test_practices(tmp_path_factory) -> list:
    """The test collection's practices, validated: counts in tests follow the collection."""
    root = tmp_path_factory.mktemp("test-practices") / "practices"
    write_test_collection(root)
    return validate(root).practices


def break_status(entry: Path, wrong: str = "finished") -> int:
    """Write an unknown status into a real entry; return the line the validator names."""
    lines = entry.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[number] = f"status: {wrong}"
    entry.write_text("\n".join(lines), encoding="utf-8")
    return number + 1
