"""Translations of entries: `practices/<id>.<language>.md` beside `practices/<id>.md`.

A translation gives the practice's title, summary and sections in one of the site's other
languages (those with a `taxonomy.<language>.yml`), says who translated it and when, and
is checked against its original: the same sections, and a warning when the original was
reviewed after the translation was made (it may be stale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.entries.body import Section, parse_body
from scripts.entries.load import Entry
from scripts.entries.problems import ERROR, WARNING, Problem
from scripts.entries.schema import INVALID, At, Context, Field, FullDate, Record, Text

TRANSLATION = Record(
    Field("title", Text(120), True, "The practice's title, translated.", "Тим за акција во заедницата во Куманово"),
    Field("summary", Text(400, min_len=50, one_line=False), True, "The summary, translated."),
    Field(
        "translated_by",
        Text(200),
        True,
        "Who translated it: an organisation or a role, never a private person's name alone.",
        "Practice Atlas editors (not yet reviewed by a native speaker)",
    ),
    Field(
        "translated",
        FullDate(),
        True,
        "The day it was translated, or last checked against the original.",
        "2026-12-04",
    ),
)

# practices/<id>.<language>.md: the language is two or three lower-case letters.
TRANSLATION_NAME = re.compile(r"^(?P<id>[^.]+)\.(?P<language>[a-z]{2,3})\.md$")


@dataclass(frozen=True)
class Translation:
    id: str  # the original's id
    language: str
    source_path: str
    title: str
    summary: str
    translated_by: str
    translated: str
    sections: tuple[Section, ...]
    stale: bool  # the original was reviewed after the translation was made


def translation_name(path: Path) -> tuple[str, str] | None:
    """(original id, language) for a translation's file name, else None."""
    match = TRANSLATION_NAME.match(path.name)
    return (match["id"], match["language"]) if match else None


def check_translation(
    entry: Entry, original: dict | None, original_sections: list[Section], languages: tuple[str, ...], ctx: Context
) -> Translation | None:
    """Check a translation against its original; its problems go to `entry.problems`."""
    entry_id, language = translation_name(entry.path)
    if language not in languages:
        shown = ", ".join(languages) or "none yet"
        message = f"'{language}' is not one of the site's languages ({shown}); name it <id>.<language>.md"
        entry.problem(1, "file", message)
        return None
    if original is None:
        entry.problem(1, "file", f"translates practices/{entry_id}.md, which does not exist (or is not valid)")
        return None
    if entry.data is None:
        return None

    def report(line: int, label: str, message: str, severity: str) -> None:
        entry.problems.append(Problem(entry.display, line, label, message, severity))

    cleaned = TRANSLATION.check(entry.data, At(report, entry.lines), ctx)
    sections, body_problems = parse_body(entry.body, entry.body_line)
    for problem in body_problems:
        entry.problem(problem.line, "body", problem.message, WARNING if problem.warning else ERROR)
    wanted = [s.key for s in original_sections]
    given = [s.key for s in sections]
    for section in original_sections:
        if section.key not in given:
            entry.problem(entry.body_line, "body", f"'## {section.title}' is in the original; translate it too")
    for section in sections:
        if section.key not in wanted:
            entry.problem(section.line, "body", f"'## {section.title}' is not in the original; remove it")
    if cleaned is INVALID or any(problem.is_error for problem in entry.problems):
        return None
    reviewed = original.get("last_reviewed")
    stale = bool(reviewed) and reviewed > cleaned["translated"]
    if stale:
        entry.problem(
            entry.lines(("translated",)),
            "translated",
            f"the original was reviewed on {reviewed}, after this translation ({cleaned['translated']}); "
            "compare them, update the translation and its date",
            WARNING,
        )
    return Translation(
        id=entry_id,
        language=language,
        source_path=entry.display,
        title=cleaned["title"],
        summary=cleaned["summary"],
        translated_by=cleaned["translated_by"],
        translated=cleaned["translated"],
        sections=tuple(sections),
        stale=stale,
    )
