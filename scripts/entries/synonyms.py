"""The reviewed synonym list for search (practices/synonyms.yml), read and checked like
the vocabularies: every mistake as `file:line: field: message`.

Each group lists words or phrases that should find each other: an acronym and what it
stands for, other names of one place, words for one kind of body. Search uses the
groups at index and at query time (scripts/site/search_index.py).
"""

from __future__ import annotations

from pathlib import Path

from scripts.entries.load import YamlError, display_path, parse_yaml, read_text
from scripts.entries.problems import Problem, character_problem

MAX_TERM = 80


def load_synonyms(path: Path) -> tuple[tuple[tuple[str, ...], ...], list[Problem]]:
    """The groups as written, and every problem; a missing file means no synonyms."""
    shown = display_path(path)
    problems: list[Problem] = []

    def report(line: int, field: str, message: str) -> None:
        problems.append(Problem(shown, line, field, message))

    if path.is_symlink():
        report(1, "file", "is a symbolic link; it must be a plain file")
        return (), problems
    if not path.exists():
        return (), problems
    try:
        data, lines, issues = parse_yaml(read_text(path.read_bytes()))
    except OSError as exc:
        report(1, "file", f"cannot be read ({exc.strerror or exc})")
        return (), problems
    except YamlError as exc:
        report(exc.line, "file", exc.message)
        return (), problems
    for line, field, message in issues:
        report(line, field, message)
    if data is None:
        return (), problems
    if not isinstance(data, list):
        report(1, "file", "must be a list of groups, each written '- [word, other word, phrase]'")
        return (), problems

    groups: list[tuple[str, ...]] = []
    first_line: dict[tuple[str, ...], int] = {}
    for index, group in enumerate(data):
        label = f"synonyms[{index + 1}]"
        line = lines((index,))
        if not isinstance(group, list) or len(group) < 2:
            report(line, label, "a group lists at least two words or phrases: '- [CVE, countering violent extremism]'")
            continue
        terms: list[str] = []
        for position, term in enumerate(group):
            where = lines((index, position))
            if not isinstance(term, str) or not term.strip():
                report(where, label, "each item is a word or a phrase")
                continue
            term = term.strip()
            problem = _term_problem(term)
            if problem:
                report(where, label, f"'{term[:MAX_TERM]}' {problem}")
            elif term.casefold() in (t.casefold() for t in terms):
                report(where, label, f"'{term}' is listed twice in this group")
            else:
                terms.append(term)
        key = tuple(sorted(t.casefold() for t in terms))
        if key in first_line:
            report(line, label, f"the same group as on line {first_line[key]}; keep one")
        elif len(terms) >= 2:
            first_line[key] = line
            groups.append(tuple(terms))
    return tuple(groups), problems


def _term_problem(term: str) -> str | None:
    if len(term) > MAX_TERM:
        return f"is {len(term)} characters long; the limit is {MAX_TERM}"
    problem = character_problem(term)
    if problem:
        return problem
    if not any(character.isalnum() for character in term):
        return "has no letters or digits"
    return None
