"""The benchmark's synthetic entries stay valid, so its figures measure real work."""

from __future__ import annotations

from benchmarks.synthetic import write_collection
from scripts.entries.validate import validate
from tests.conftest import REPO


def test_synthetic_entries_are_valid(tmp_path):
    root = write_collection(tmp_path, 30, REPO / "practices" / "taxonomy.yml")
    report = validate(root)
    assert [p.format() for p in report.problems] == []
    assert len(report.practices) == 30
