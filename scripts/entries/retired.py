"""Ids that were used and retired (practices/retired.yml): never reused, still answered.

When an entry is removed, its id (and any aliases) are recorded here, so an old link
keeps working: it redirects to `replaced_by`, or says the practice was withdrawn and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.entries.load import LINK_REFUSED, Lines, YamlError, display_path, parse_yaml, read_text
from scripts.entries.problems import ERROR, Problem
from scripts.entries.schema import INVALID, At, Context, Field, FullDate, PracticeId, Record, Text

RECORD = Record(
    Field("id", PracticeId(), True, "The id that must not be used again."),
    Field("retired", FullDate(), True, "When the entry was removed."),
    Field("reason", Text(300), True, "Why, in one line; shown to readers who follow an old link."),
    Field("replaced_by", PracticeId(), False, "The practice old links should lead to, if any."),
)


@dataclass(frozen=True)
class Retired:
    index: int  # position in retired.yml, for the line of a problem
    id: str
    retired: str
    reason: str
    replaced_by: str | None = None


def load_retired(path: Path, context: Context) -> tuple[list[Retired], list[Problem], Lines]:
    """The retired ids (each with its position in the file), problems, and the file's lines."""
    shown = display_path(path)
    if path.is_symlink():
        return [], [Problem(shown, 1, "file", LINK_REFUSED)], Lines()
    if not path.exists():
        return [], [], Lines()
    problems: list[Problem] = []
    try:
        data, lines, issues = parse_yaml(read_text(path.read_bytes()))
    except OSError as exc:  # a folder of that name, no permission
        return [], [Problem(shown, 1, "file", f"cannot be read ({exc.strerror or exc})")], Lines()
    except YamlError as exc:
        return [], [Problem(shown, exc.line, "file", exc.message)], Lines()
    problems += [Problem(shown, line, field, message) for line, field, message in issues]
    if data is None:
        return [], problems, lines

    def report(line: int, label: str, message: str, severity: str = ERROR) -> None:
        problems.append(Problem(shown, line, label, message, severity))

    at = At(report, lines, (), "retired")
    if not isinstance(data, list):
        at.error("must be a list of retired ids, each starting with '- id:'")
        return [], problems, lines
    records = []
    for index, item in enumerate(data):  # one by one, to keep each record's position
        cleaned = RECORD.check(item, at.item(index, own_label=True), context)
        if cleaned is not INVALID and {"id", "retired", "reason"} <= set(cleaned):
            records.append(Retired(index=index, **cleaned))
    return records, problems, lines
