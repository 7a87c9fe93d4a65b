"""The real MkDocs build: it publishes only a valid collection."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
        cwd=project,
    )


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    for folder in ("docs", "practices", "scripts"):
        shutil.copytree(REPO / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def test_build_is_strict_clean_and_has_the_field_reference(tmp_path):
    result = mkdocs_build(REPO, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "contribute" / "fields" / "index.html").read_text(encoding="utf-8")
    assert "western-balkans" in page and "last_reviewed" in page
    assert not (REPO / "docs" / "contribute").exists()


def test_build_refuses_an_invalid_entry(tmp_path):
    project = copy_project(tmp_path)
    entry = project / "practices" / "kumanovo-tetovo-peer-learning.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("status: completed", "status: finished"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "practices/kumanovo-tetovo-peer-learning.md:16: status: 'finished' is not a known status" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
