"""Shared helpers: build a throw-away collection and validate it as a contributor would."""

from __future__ import annotations

import datetime as dt
import shutil
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
