"""The vocabularies in practices/taxonomy.yml: regions, themes, types and the rest."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.entries.load import LINK_REFUSED, YamlError, display_path, label_for, parse_yaml, read_text
from scripts.entries.problems import Problem, character_problem

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Vocabulary key in taxonomy.yml -> how one term is named in messages.
VOCABULARIES = {
    "regions": "region",
    "themes": "theme",
    "types": "practice type",
    "target_groups": "target group",
    "roles": "organisation role",
    "statuses": "status",
    "evidence": "evidence level",
    "costs": "cost band",
    "material_kinds": "kind of document",
}
TERM_FIELDS = ("id", "label", "description")


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Taxonomy:
    """Every vocabulary, each an ordered tuple of terms."""

    vocabularies: dict[str, tuple[Term, ...]]

    def ids(self, vocabulary: str) -> tuple[str, ...]:
        return tuple(term.id for term in self.vocabularies.get(vocabulary, ()))

    def terms(self, vocabulary: str) -> tuple[Term, ...]:
        return self.vocabularies.get(vocabulary, ())

    def term(self, vocabulary: str, term_id: str) -> Term:
        return next(t for t in self.vocabularies[vocabulary] if t.id == term_id)

    def label(self, vocabulary: str, term_id: str) -> str:
        return self.term(vocabulary, term_id).label


def repository_taxonomy() -> Taxonomy | None:
    """practices/taxonomy.yml for the command-line generators; its problems go to stderr."""
    taxonomy, problems = load_taxonomy(Path("practices/taxonomy.yml"))
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    return None if problems else taxonomy


def load_taxonomy(path: Path) -> tuple[Taxonomy, list[Problem]]:
    """Read and check the vocabularies file; problems name its lines like an entry's."""
    shown = display_path(path)
    problems: list[Problem] = []

    def report(line: int, field: str, message: str) -> None:
        problems.append(Problem(shown, line, field, message))

    if path.is_symlink():
        report(1, "file", LINK_REFUSED)
        return Taxonomy({}), problems
    try:
        data, lines, issues = parse_yaml(read_text(path.read_bytes()))
    except OSError as exc:
        report(1, "file", f"cannot be read ({exc.strerror or exc})")
        return Taxonomy({}), problems
    except YamlError as exc:
        report(exc.line, "file", exc.message)
        return Taxonomy({}), problems
    for line, field, message in issues:
        report(line, field, message)
    if not isinstance(data, dict):
        report(1, "file", "must be a set of vocabularies (regions:, themes:, ...)")
        return Taxonomy({}), problems

    vocabularies: dict[str, tuple[Term, ...]] = {}
    for key in data:
        if key not in VOCABULARIES:
            report(lines((key,)), key, f"unknown vocabulary; the vocabularies are {', '.join(VOCABULARIES)}")
    for key in VOCABULARIES:
        items = data.get(key)
        if not isinstance(items, list) or not items:
            report(lines((key,)) if key in data else 1, key, "a non-empty list of terms is required")
            continue
        terms: list[Term] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            where = (key, index)
            if not isinstance(item, dict):
                report(lines(where), label_for(where), "each term needs id, label and description")
                continue
            for name in item:
                if name not in TERM_FIELDS:
                    report(
                        lines((*where, name)),
                        label_for((*where, name)),
                        "unknown field; a term has id, label and description",
                    )
            values = {}
            for name in TERM_FIELDS:
                value = item.get(name)
                problem = "is required and must be text" if not isinstance(value, str) or not value.strip() else None
                # Labels and descriptions reach every page and feed, like an entry's text.
                problem = problem or character_problem(value, "\n")
                if problem:
                    report(lines((*where, name)), label_for((*where, name)), problem)
                values[name] = value.strip() if not problem else ""
            term_id = values["id"]
            if term_id and not KEBAB.fullmatch(term_id):
                report(
                    lines((*where, "id")),
                    label_for((*where, "id")),
                    f"'{term_id}' must be lower-case words joined by hyphens",
                )
            if term_id and term_id in seen:
                report(lines((*where, "id")), label_for((*where, "id")), f"'{term_id}' is listed twice")
            seen.add(term_id)
            terms.append(Term(**values))
        vocabularies[key] = tuple(terms)
    return Taxonomy(vocabularies), problems


def translation_paths(root: Path) -> dict[str, Path]:
    """practices/taxonomy.<language>.yml files: the vocabularies' labels in other languages."""
    return {path.name.split(".")[1]: path for path in sorted(root.glob("taxonomy.*.yml"))}


def load_translation(path: Path, english: Taxonomy) -> tuple[Taxonomy, list[Problem]]:
    """A translation of the vocabularies: the same ids as taxonomy.yml, each with its label and
    description in the file's language, checked like the English ones. The result keeps the
    English order and ids, so filters and addresses are the same in every language."""
    translated, problems = load_taxonomy(path)
    shown = display_path(path)
    vocabularies: dict[str, tuple[Term, ...]] = {}
    for key, terms in english.vocabularies.items():
        given = {term.id: term for term in translated.vocabularies.get(key, ())}
        for term in terms:
            if term.id not in given:
                problems.append(Problem(shown, 1, key, f"'{term.id}' has no translation; copy it from taxonomy.yml"))
        for term_id in given:
            if term_id not in {t.id for t in terms}:
                problems.append(
                    Problem(shown, 1, key, f"'{term_id}' is not a term of taxonomy.yml; remove it or add it there")
                )
        vocabularies[key] = tuple(given.get(term.id, term) for term in terms)
    return Taxonomy(vocabularies), problems
