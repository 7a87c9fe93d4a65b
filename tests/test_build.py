"""The real MkDocs build: it publishes only a valid collection."""

from __future__ import annotations

from tests.conftest import REPO, break_status, copy_project, mkdocs_build


def test_build_refuses_an_invalid_entry(tmp_path):
    project = copy_project(tmp_path / "project")
    line = break_status(project / "practices" / "kumanovo-community-action-team.md")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"practices/kumanovo-community-action-team.md:{line}: status: 'finished' is not a known status" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_build_writes_nothing_into_the_sources(tmp_path):
    before = sorted(p.relative_to(REPO) for p in (REPO / "docs").rglob("*"))
    result = mkdocs_build(REPO, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(REPO) for p in (REPO / "docs").rglob("*")) == before


def test_a_generated_page_never_replaces_a_hand_written_one(tmp_path):
    # An entry named index.md once replaced the catalogue with only a DeprecationWarning;
    # the validator refuses such ids, and the hook refuses any generated file that would
    # take the address of a file in docs/.
    project = copy_project(tmp_path / "project")
    (project / "docs" / "practices").mkdir()
    (project / "docs" / "practices" / "index.md").write_text("# Mine\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "the generated practices/index.md would replace docs/practices/index.md" in result.stderr
    assert "Traceback" not in result.stderr
