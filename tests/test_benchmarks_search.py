"""The search benchmark (python -m benchmarks.search) runs end to end on a tiny synthetic
collection and reports every figure. Timings are only checked to be there: on a shared
machine they never fail a test. Skips without Chromium or Pagefind (`pip install -e '.[bench]'`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import search
from tests.test_search import JUDGED

FIGURES = ["before_kb", "after_kb", "all_queries_kb", "after_load_ms", "keystroke_ms", "query_ms"]


@pytest.fixture(scope="module")
def result() -> dict:
    if not Path(search.CHROMIUM).exists():
        pytest.skip(f"{search.CHROMIUM} is not installed; install Debian's 'chromium' package")
    if not search.pagefind_available():
        pytest.skip("Pagefind is not installed: pip install -e '.[bench]'")
    # 20 practices, one run, four judged queries: about half a minute.
    return search.measure(20, runs=1, queries=JUDGED[:4])


def test_every_figure_is_measured_for_both_searches(result):
    assert result["practices"] == 20
    for name in ("atlas", "pagefind"):
        figures = result[name]
        for key in FIGURES:
            assert figures[key] > 0, (name, key)
        assert figures["after_kb"] >= figures["before_kb"], name
        assert "recall" not in figures, "recall is for the real collection only"
    assert result["atlas"]["whole_query_ms"] >= result["atlas"]["typed_ms"] > 0


def test_bytes_come_from_the_files_the_page_asked_for(result):
    before, after = result["atlas"]["before_files"], result["atlas"]["after_files"]
    assert "practices/search-index.json" in before and "practices/index.html" in before
    assert "practices/search-body.json" in after and "practices/search-body.json" not in before
    assert "pagefind/pagefind.js" in result["pagefind"]["before_files"]


def test_the_table_has_a_row_for_each_search(result):
    lines = search.table([result]).splitlines()
    assert len(lines) == 4
    assert lines[2].startswith("| Practice Atlas (lunr) | 20 |") and lines[3].startswith("| Pagefind | 20 |")
    assert "n/a" not in lines[2] and "n/a" not in lines[3]
