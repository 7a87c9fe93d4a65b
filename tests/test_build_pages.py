"""`python -m scripts.build_pages DIR` writes what the MkDocs hook publishes, as plain files."""

from __future__ import annotations

import html as html_module
import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, break_status, copy_project, write_test_collection


@pytest.fixture(scope="module")
def written(tmp_path_factory, test_site):
    base = tmp_path_factory.mktemp("build-pages")
    write_test_collection(base / "practices")
    project = copy_project(base / "project", base / "practices")
    out = base / "out"
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build_pages", str(out), "--project", str(project)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_every_page_body_is_published_as_written(written, test_site):
    manifest = json.loads((written / "pages.json").read_text(encoding="utf-8"))
    assert len(manifest) > 50
    for page in manifest:
        body = (written / page["body"]).read_text(encoding="utf-8")
        stem = page["path"].removesuffix(".md")
        published = test_site / (f"{stem}.html" if stem.endswith("index") else f"{stem}/index.html")
        html = published.read_text(encoding="utf-8")
        assert body in html, page["path"]
        title = html_module.unescape(html.split("<title>")[1].split("</title>")[0])
        assert title.startswith(page["title"]), page["path"]


def test_every_data_file_is_published_byte_for_byte(written, test_site):
    bodies = {page["body"] for page in json.loads((written / "pages.json").read_text(encoding="utf-8"))}
    data = [
        path
        for path in written.rglob("*")
        if path.is_file()
        and path.name != "pages.json"
        and path.relative_to(written).parts[0] != "parts"
        and path.relative_to(written).as_posix() not in bodies
    ]
    assert {"api/practices.json", "feed.xml", "practices/old-dialogue-council/index.html"} <= {
        p.relative_to(written).as_posix() for p in data
    }
    for path in data:
        relative = path.relative_to(written)
        assert (test_site / relative).read_bytes() == path.read_bytes(), relative


def test_an_invalid_entry_is_listed_and_nothing_is_written(tmp_path):
    project = copy_project(tmp_path / "project")
    line = break_status(project / "practices" / "kumanovo-community-action-team.md")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build_pages", str(tmp_path / "out"), "--project", str(project)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"practices/kumanovo-community-action-team.md:{line}: status: 'finished' is not a known status" in result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
