"""The repository keeps its promises: README's commands are what CI runs."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, re.S)


def test_readme_has_exactly_two_set_up_commands():
    commands = readme_commands()
    assert len(commands) == 2
    serve, test = commands
    assert "mkdocs serve" in serve
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_generated_output_is_ignored_and_the_code_is_not():
    # `site/` alone once ignored scripts/site/ too, and new modules there went uncommitted.
    paths = ["site/index.html", "scripts/site/build.py", "scripts/site/templates/practice.html"]
    result = subprocess.run(["git", "check-ignore", *paths], cwd=REPO, capture_output=True, text=True)
    assert result.stdout.split() == ["site/index.html"]
    assert not (REPO / "docs" / "practices").exists(), "generated pages must not be written into docs/"
