"""Shared helpers: build a throw-away collection and validate it as a contributor would."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.validate import Report, validate

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TODAY = dt.date(2026, 11, 23)  # fixed, so date rules give the same answer every day


class Collection:
    """A practices/ folder in a temporary directory, validated from its parent folder."""

    def __init__(self, base: Path):
        self.base = base
        self.root = base / "practices"
        self.root.mkdir()
        shutil.copy(REPO / "practices" / "taxonomy.yml", self.root)

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
    shutil.copy(REPO / "mkdocs.yml", target)
    for folder in ("docs", "overrides", "scripts"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(practices or REPO / "practices", target / "practices")
    return target


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` run from the project folder, as a contributor would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
