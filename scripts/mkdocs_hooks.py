"""MkDocs glue: validate the practices and add the generated pages to the build.

Only glue lives here; loading, validation and rendering are plain modules that know
nothing of MkDocs. Listed under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scripts.field_reference import render_field_reference
from scripts.validate import summary_line, validate


def on_files(files: Files, config) -> Files:
    # Runs once per build, before pages are read: the earliest point where generated
    # pages can join the build, and the place to stop before anything is published.
    root = Path(config.config_file_path).parent / "practices"
    report = validate(root)
    if report.errors:
        lines = "\n".join(p.format() for p in report.problems)
        raise PluginError(f"practice entries are invalid ({summary_line(report)}):\n{lines}")
    files.append(
        File.generated(config, "contribute/fields.md", content=render_field_reference(report.taxonomy))
    )
    return files
