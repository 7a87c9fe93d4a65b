"""Check practice entries and report every problem at once (the command is scripts/validate.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from scripts.entries.body import parse_body
from scripts.entries.load import Entry, Lines, display_path, is_entry_name, load_entry
from scripts.entries.model import Practice, build_practice
from scripts.entries.problems import ERROR, WARNING, Problem, character_problem, did_you_mean
from scripts.entries.retired import Retired, load_retired
from scripts.entries.schema import INVALID, PRACTICE, At, Context
from scripts.entries.slug import slugify
from scripts.entries.synonyms import load_synonyms
from scripts.entries.taxonomy import KEBAB, Taxonomy, load_taxonomy, load_translation, translation_paths
from scripts.entries.translation import Translation, check_translation, translation_name

DEFAULT_ROOT = Path("practices")
MAX_ID_LENGTH = 80
# Names the build writes, or may write, beside or above practices/<id>/: an entry, alias
# or retired id with one of them would take over that page or file. Each says what it is.
RESERVED_IDS = {
    "index": "the catalogue",
    "page": "the catalogue's pages",
    "search": "search",
    "search-index": "the search index",
    "search-body": "the search index",
    "search-text": "the search index",
    "search-words": "the search index",
    "feed": "the news feed",
    "api": "the open data",
    "schema": "the open data schema",
    "open-data": "the open data page",
    "practices": "the practices section",
    "regions": "the region pages",
    "themes": "the theme pages",
    "contribute": "the contributor guide",
    "new": "the suggestion form",
    "fields": "the field reference",
    "about": "the About page",
    "assets": "the site's styles and scripts",
    "sitemap": "the site map",
    "404": "the page for addresses that do not exist",
}


@dataclass
class Report:
    taxonomy: Taxonomy
    problems: list[Problem] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    retired: list[Retired] = field(default_factory=list)
    synonyms: tuple[tuple[str, ...], ...] = ()  # practices/synonyms.yml, for search
    translations: dict[str, Taxonomy] = field(default_factory=dict)  # taxonomy.<language>.yml
    entry_translations: dict[tuple[str, str], Translation] = field(default_factory=dict)  # (id, language)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


@dataclass
class Checked:
    """An entry after the per-file checks."""

    entry: Entry
    cleaned: dict | None = None
    sections: list = field(default_factory=list)


def validate(root: Path = DEFAULT_ROOT, paths: list[Path] | None = None, today: dt.date | None = None) -> Report:
    """Validate the collection in `root`; report on `paths` only, if given.

    Cross-entry rules (unique ids, aliases, related) always see the whole collection.
    """
    taxonomy, problems = load_taxonomy(root / "taxonomy.yml")
    report = Report(taxonomy, problems)
    if problems:  # without sound vocabularies every entry would drown in false errors
        report.problems.sort(key=_position)
        return report
    context = Context(taxonomy, today or dt.date.today())
    retired_path = root / "retired.yml"
    report.retired, problems, retired_lines = load_retired(retired_path, context)
    report.problems.extend(problems)
    report.synonyms, problems = load_synonyms(root / "synonyms.yml")
    report.problems.extend(problems)
    for language, path in translation_paths(root).items():
        report.translations[language], problems = load_translation(path, taxonomy)
        report.problems.extend(problems)

    collection, stray = collect(root)
    report.problems.extend(stray)
    wanted: set[Path] | None = None
    if paths is not None:
        wanted = set()
        for path in paths:
            if path.is_dir():
                found, stray = collect(path)
                report.problems.extend(stray)
                wanted.update(_key(p) for p in found)
                collection.extend(found)
            elif path.is_file() or path.is_symlink():  # a link is refused when loaded
                wanted.add(_key(path))
                collection.append(path)
            else:
                report.problems.append(Problem(display_path(path), 1, "file", "no such file"))
    unique = {_key(p): p for p in collection}
    translated = {key: path for key, path in unique.items() if translation_name(path)}
    unique = {key: path for key, path in unique.items() if key not in translated}

    checked = [check_entry(load_entry(path), context) for path in unique.values()]
    for item in checked:
        report.problems.extend(item.entry.problems)
    report.problems.extend(cross_check(checked))
    report.problems.extend(check_retired(checked, report.retired, display_path(retired_path), retired_lines))
    originals = {c.entry.id: c for c in checked if c.cleaned is not None}
    languages = tuple(sorted(report.translations))
    for path in translated.values():
        entry = load_entry(path)
        original = originals.get(translation_name(path)[0])
        result = check_translation(
            entry, original and original.cleaned, original.sections if original else [], languages, context
        )
        report.problems.extend(entry.problems)
        if result is not None and not any(p.is_error for p in entry.problems):
            report.entry_translations[(result.id, result.language)] = result

    if wanted is not None:
        shown = {display_path(p) for p in wanted} | {display_path(p) for p in paths or ()}
        report.problems = [p for p in report.problems if p.path in shown]
    report.problems.sort(key=_position)
    failed = {p.path for p in report.problems if p.is_error}
    report.practices = sorted(
        (
            build_practice(c.entry.id, c.entry.display, c.cleaned, c.sections)
            for c in checked
            if c.cleaned is not None
            and c.entry.display not in failed
            and (wanted is None or _key(c.entry.path) in wanted)
        ),
        key=lambda p: p.id,
    )
    return report


def _key(path: Path) -> Path:
    """One file however its path is written, but a symbolic link stays itself: resolving
    it would let a link to another entry take that entry's place."""
    return path.parent.resolve() / path.name


def _position(problem: Problem) -> tuple[str, int]:
    # Stable sort: problems on one line keep the order the checks found them in.
    return problem.path, problem.line


def collect(root: Path) -> tuple[list[Path], list[Problem]]:
    """Entry files in a folder, and a problem for each file that looks like an entry but
    would not be read as one (so nothing is dropped silently)."""
    entries, problems = [], []
    if not root.is_dir():
        return entries, [Problem(display_path(root), 1, "file", "no such folder")]
    for path in sorted(root.iterdir()):
        if is_entry_name(path) and (path.is_file() or path.is_symlink()):  # links, even dangling, are refused
            entries.append(path)
        elif path.is_file() and path.suffix.lower() in (".md", ".markdown") and path.suffix != ".md":
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    "file",
                    ("is not read as an entry: name entry files '<id>.md' (lower-case .md)"),
                )
            )
        elif path.is_dir() and any(path.rglob("*.md")):
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    "file",
                    ("entries in sub-folders are not read; put each entry directly in practices/"),
                )
            )
    return entries, problems


def check_entry(entry: Entry, context: Context) -> Checked:
    """Per-file checks: id, front-matter against the schema, body sections and markup."""
    result = Checked(entry)
    name_problem = character_problem(entry.path.name)
    if name_problem:
        entry.problem(1, "id", f"the file name {name_problem}")
    elif not KEBAB.fullmatch(entry.id) or len(entry.id) > MAX_ID_LENGTH:
        entry.problem(
            1,
            "id",
            (
                f"the file name '{entry.path.name}' is not a valid id; use lower-case letters, digits "
                f"and hyphens, at most {MAX_ID_LENGTH} characters, e.g. '{suggest_id(entry.id)}.md'"
            ),
        )
    elif entry.id in RESERVED_IDS:
        entry.problem(1, "id", f"{reserved(entry.id)}; choose another file name")
    if entry.data is None:
        return result

    def report(line: int, label: str, message: str, severity: str) -> None:
        entry.problems.append(Problem(entry.display, line, label, message, severity))

    written = entry.data.get("countries")
    context.countries = tuple(c for c in written if isinstance(c, str)) if isinstance(written, list) else ()
    cleaned = PRACTICE.check(entry.data, At(report, entry.lines), context)
    result.cleaned = cleaned if cleaned is not INVALID else None
    sections, body_problems = parse_body(entry.body, entry.body_line)
    result.sections = sections
    for problem in body_problems:
        entry.problem(problem.line, "body", problem.message, WARNING if problem.warning else ERROR)
    return result


def cross_check(checked: list[Checked]) -> list[Problem]:
    """Rules across entries: unique ids, aliases that never clash, related ids that exist."""
    problems: list[Problem] = []
    owner: dict[str, Entry] = {}
    for item in checked:
        first = owner.setdefault(item.entry.id, item.entry)
        if first is not item.entry:
            problems.append(
                Problem(item.entry.display, 1, "id", f"'{item.entry.id}' is also the id of {first.display}")
            )

    alias_owner: dict[str, Entry] = {}
    for item in checked:
        for index, alias in _listed(item.entry, "aliases"):
            line = item.entry.lines(("aliases", index))
            if alias == item.entry.id:
                problems.append(Problem(item.entry.display, line, "aliases", f"'{alias}' is this entry's own id"))
            elif alias in RESERVED_IDS:
                message = f"{reserved(alias)}; no entry had this id, remove it"
                problems.append(Problem(item.entry.display, line, "aliases", message))
            elif alias in owner:
                problems.append(
                    Problem(
                        item.entry.display,
                        line,
                        "aliases",
                        (f"'{alias}' is the id of {owner[alias].display}; an alias is a former id that no entry uses"),
                    )
                )
            elif alias in alias_owner and alias_owner[alias] is not item.entry:
                problems.append(
                    Problem(
                        item.entry.display,
                        line,
                        "aliases",
                        (f"'{alias}' is also an alias of {alias_owner[alias].display}"),
                    )
                )
            alias_owner.setdefault(alias, item.entry)

    for item in checked:
        for index, target in _listed(item.entry, "related"):
            line = item.entry.lines(("related", index))
            if target == item.entry.id:
                message = "an entry cannot be related to itself"
            elif target in owner:
                continue
            elif target in alias_owner:
                current = alias_owner[target].id
                message = f"'{target}' is a former id of '{current}'; link to '{current}'"
            else:
                message = f"'{target}' is not a practice id{did_you_mean(target, tuple(owner))}"
            problems.append(Problem(item.entry.display, line, "related", message))
    return problems


def check_retired(checked: list[Checked], retired: list[Retired], shown: str, lines: Lines) -> list[Problem]:
    """A retired id is never an entry's id or alias again; a replacement must exist."""
    problems: list[Problem] = []
    by_id: dict[str, Retired] = {}
    for record in retired:
        if record.id in by_id:
            problems.append(Problem(shown, lines((record.index, "id")), "retired", f"'{record.id}' is listed twice"))
        elif record.id in RESERVED_IDS:
            message = f"{reserved(record.id)}; no entry had this id, remove the record"
            problems.append(Problem(shown, lines((record.index, "id")), f"retired[{record.index + 1}].id", message))
        by_id[record.id] = record
    ids = {item.entry.id for item in checked}
    aliases = {alias for item in checked for _, alias in _listed(item.entry, "aliases")}
    for item in checked:
        entry = item.entry
        if entry.id in by_id:
            record = by_id[entry.id]
            problems.append(
                Problem(
                    entry.display,
                    1,
                    "id",
                    (
                        f"'{entry.id}' was retired on {record.retired} ({record.reason}); "
                        "ids are never reused, choose another"
                    ),
                )
            )
        for index, alias in _listed(entry, "aliases"):
            if alias in by_id:
                problems.append(
                    Problem(
                        entry.display,
                        entry.lines(("aliases", index)),
                        "aliases",
                        (f"'{alias}' is a retired id; to send its old links here, set replaced_by in {shown}"),
                    )
                )
    for record in retired:
        target = record.replaced_by
        if target and target not in ids:
            hint = " (it is an alias; use the current id)" if target in aliases else did_you_mean(target, tuple(ids))
            problems.append(
                Problem(
                    shown,
                    lines((record.index, "replaced_by")),
                    f"retired[{record.index + 1}].replaced_by",
                    f"'{target}' is not a practice id{hint}",
                )
            )
    return problems


def _listed(entry: Entry, key: str) -> list[tuple[int, str]]:
    values = (entry.data or {}).get(key)
    if not isinstance(values, list):
        return []
    return [(i, v.strip()) for i, v in enumerate(values) if isinstance(v, str) and KEBAB.fullmatch(v.strip())]


def reserved(name: str) -> str:
    """Why an id cannot be used: `'index' is reserved for ... (the catalogue)`."""
    return f"'{name}' is reserved for a page the site itself builds ({RESERVED_IDS[name]})"


def suggest_id(text: str) -> str:
    """A valid id from any name: 'Kumanovo CAT (2017)' -> 'kumanovo-cat-2017'."""
    return slugify(text, MAX_ID_LENGTH) or "practice"


def summary_line(report: Report) -> str:
    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'s' * (count != 1)}"

    files = len({p.path for p in report.problems})
    errors, warnings = plural(len(report.errors), "error"), plural(len(report.warnings), "warning")
    return f"{errors}, {warnings} in {plural(files, 'file')}"
