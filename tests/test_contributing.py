"""Every path in for contributors: guide, issue forms, pull-request checks, workflows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.contribute.issue_forms import FOLDER, forms
from scripts.entries.validate import validate
from tests.conftest import REPO, break_status, copy_project, mkdocs_build
from tests.test_repository import readme_commands

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.fixture(scope="module")
def taxonomy():
    return validate(REPO / "practices").taxonomy


def test_issue_forms_are_generated_from_the_schema(taxonomy):
    for name, text in forms(taxonomy).items():
        assert (REPO / FOLDER / name).read_text(encoding="utf-8") == text, "run: python -m scripts.issue_forms"


def test_issue_forms_follow_the_vocabularies(taxonomy):
    form = yaml.safe_load((REPO / FOLDER / "suggest-practice.yml").read_text(encoding="utf-8"))
    fields = {f.get("id"): f for f in form["body"]}
    for field, vocabulary in (
        ("regions", "regions"),
        ("themes", "themes"),
        ("types", "types"),
        ("status", "statuses"),
        ("evidence", "evidence"),
    ):
        options = fields[field]["attributes"]["options"]
        assert [re.search(r"\(([^()]+)\)$", o).group(1) for o in options] == list(taxonomy.ids(vocabulary))
    for required in ("title", "summary", "regions", "sources", "context", "what-was-done", "how-to-replicate"):
        assert fields[required]["validations"]["required"] is True
    correction = yaml.safe_load((REPO / FOLDER / "correction.yml").read_text(encoding="utf-8"))
    assert correction["body"][0]["id"] == "practice"  # prefilled from ?practice=<id>


def test_github_files_satisfy_their_schemas():
    issue_forms = [str(REPO / FOLDER / n) for n in ("suggest-practice.yml", "correction.yml")]
    for schema, files in (
        ("vendor.github-workflows", [str(p) for p in WORKFLOWS]),
        ("vendor.github-issue-forms", issue_forms),
    ):
        result = subprocess.run(
            [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *files], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_lint_clean():
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--config", str(REPO / ".github" / "zizmor.yml"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def run_steps():
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                if "run" in step:
                    yield workflow.name, step["run"].strip(), step.get("env", {})


def test_workflows_do_what_the_issue_asks():
    pr = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    assert "pull_request" in pr[True]  # YAML 1.1 reads the key 'on' as True
    steps = [s.get("run", s.get("uses", "")) for s in pr["jobs"]["check"]["steps"]]
    assert any("--format github" in s and "--changed-since" in s for s in steps)
    assert any(s.endswith("mkdocs build --strict") for s in steps)
    assert "bash .ci/run" in steps
    assert any(s.startswith("actions/upload-artifact") for s in steps)
    publish = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())
    assert publish[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for job in publish["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_every_workflow_command_exists_and_succeeds_here(tmp_path):
    """Each `run:` is known here and exercised; a new command fails until it is."""
    serve, test = readme_commands()
    checked = set()
    for name, command, env in run_steps():
        if command.startswith("git config --global --add safe.directory"):
            checked.add(command)  # the CI container's own set-up
        elif command in (test.split(" && .venv/bin/python -m pytest")[0], serve.split(" && .venv/bin/mkdocs")[0]):
            checked.add(command)  # README's set-up, which .ci/run runs on every submission
        elif command == "bash .ci/run":
            assert test in (REPO / ".ci" / "run").read_text()
            checked.add(command)
        elif "scripts.validate --changed-since" in command:
            _run_changed_since(tmp_path, command, env)
            checked.add(command)
        elif command == ".venv/bin/mkdocs build --strict":
            project = copy_project(tmp_path / f"build-{len(checked)}")
            result = mkdocs_build(project, project / "site")
            assert result.returncode == 0, result.stderr
            checked.add(command)
        else:
            pytest.fail(f"{name}: no test exercises the command {command!r}")
    assert len(checked) >= 5


def _run_changed_since(tmp_path: Path, command: str, env: dict):
    """In a throw-away repository: main, then a branch that breaks one entry."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "practices", repo / "practices")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "main"], cwd=repo, check=True)
    subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=repo, check=True)
    subprocess.run(["git", "checkout", "-qb", "change"], cwd=repo, check=True)
    line = break_status(repo / "practices" / "kumanovo-community-action-team.md", "done")
    subprocess.run([*git, "commit", "-qam", "change"], cwd=repo, check=True)
    shell = command.replace(".venv/bin/python", sys.executable)
    result = subprocess.run(
        ["bash", "-c", shell], cwd=repo, capture_output=True, text=True, env={**os.environ, **{k: "main" for k in env}}
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        f"::error file=practices/kumanovo-community-action-team.md,line={line},title=status::'done' is not a known status; "
        "use one of: planned, ongoing, completed, discontinued, unknown\n"
    )
    # A change to the vocabularies checks every entry; here all are valid.
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    subprocess.run(["git", "checkout", "-qb", "vocab"], cwd=repo, check=True)
    taxonomy = repo / "practices" / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text() + "\n")
    subprocess.run([*git, "commit", "-qam", "vocab"], cwd=repo, check=True)
    result = subprocess.run(
        ["bash", "-c", shell], cwd=repo, capture_output=True, text=True, env={**os.environ, **{k: "main" for k in env}}
    )
    # Every entry is checked and all are valid; true warnings (a status last reported more
    # than three years ago) are annotations, not failures.
    assert result.returncode == 0
    assert all("title=status_as_of::" in line for line in result.stdout.splitlines())


def test_pre_commit_hooks_run_here():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"validate-practices", "ruff"}
    for hook in hooks.values():
        command = hook["entry"].replace(".venv/bin/", f"{BIN}/")
        result = subprocess.run(command.split(), cwd=REPO, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_template_has_the_reviewer_checklist():
    text = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", text, re.M)) >= 8
    for topic in ("source", "copied", "private person", "endanger", "evidence", "retired", "related"):
        assert topic in text


def test_contributing_guide_is_on_the_site(test_site):
    text = (test_site / "contribute" / "index.html").read_text(encoding="utf-8")
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for heading in re.findall(r"^## (.+)$", guide, re.M):
        assert heading in text
    assert 'href="https://github.com/practice-atlas/practice-atlas/blob/main/practices/_template.md"' in text
    assert 'href="https://github.com/practice-atlas/practice-atlas/issues/new?template=suggest-practice.yml"' in text
    assert 'href="new/"' in text and 'href="fields/"' in text


def test_practice_pages_link_to_their_source_file_and_a_correction_form(test_site):
    text = (test_site / "practices" / "base-entry" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/practice-atlas/practice-atlas/edit/main/practices/base-entry.md"' in text
    assert (
        'href="https://github.com/practice-atlas/practice-atlas/issues/new?template=correction.yml&amp;'
        'title=Correction%3A+base-entry&amp;practice=base-entry"'
    ) in text
