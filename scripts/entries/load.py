"""Read practice files: front-matter and body, with the line of every key and heading.

YAML is composed into nodes and turned into plain values by hand, not constructed by
PyYAML: its constructors would turn `NO` (Norway) into False, `2017-04-01` into a date and
`010` into 8, and let a repeated key silently win. Here every scalar reaches the validator
as the text the contributor wrote (an empty value as None); the schema decides its type.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.entries.problems import ERROR, Problem

try:  # libyaml is about ten times faster; the pure-Python parser gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader

MAX_BYTES = 1_000_000
NULL_TAG = "tag:yaml.org,2002:null"
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
Path_ = tuple[str | int, ...]
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class _Loader(_BaseLoader):
    """Every value stays the text written, so a plain scalar needs only one question
    answered: is it empty (null)? PyYAML's resolver tries a dozen patterns on each one,
    a fifth of the time of loading an entry."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return NULL_TAG if _NULL.match(value) else "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)


@dataclass
class Lines:
    """The line (1-based, in the file) where each value starts, keyed by its path."""

    at: dict[Path_, int] = field(default_factory=dict)

    def __call__(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.at and path:
            path = path[:-1]
        return self.at.get(path, 1)


@dataclass
class Entry:
    """One practice file as read: values and lines, body, and what stopped the reading."""

    path: Path
    display: str
    id: str
    data: dict | None = None
    lines: Lines = field(default_factory=Lines)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, field_name: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.display, line, field_name, message, severity))


class YamlError(Exception):
    """A YAML text that cannot be read, with the file line and a friendly message."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def display_path(path: Path) -> str:
    """The path as a contributor sees it: relative to the working directory when inside it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def is_entry_name(path: Path) -> bool:
    """Files in practices/ named README.md or starting with `_` are not entries."""
    return path.suffix == ".md" and path.name != "README.md" and not path.name.startswith("_")


def read_text(raw: bytes) -> str:
    """Decode a file the way a contributor's editor may have saved it (BOM, CRLF)."""
    if b"\x00" in raw:
        raise YamlError(1, "the file holds binary data, not text; save the entry as plain UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        raise YamlError(line, f"the file is not UTF-8 text (byte 0x{byte:02x}); save it with UTF-8 encoding") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load_entry(path: Path) -> Entry:
    """Read one entry. Problems that stop the reading are kept on the entry, never raised."""
    entry = Entry(path=path, display=display_path(path), id=path.stem)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            entry.problem(1, "file", f"the file is {size / 1e6:.1f} MB; an entry may be at most 1 MB")
            return entry
        text = read_text(path.read_bytes())
    except YamlError as exc:
        entry.problem(exc.line, "file", exc.message)
        return entry
    except OSError as exc:
        entry.problem(1, "file", f"cannot be read ({exc.strerror or exc})")
        return entry
    try:
        front, front_line, entry.body, entry.body_line = split_front_matter(text)
        data, entry.lines, issues = parse_yaml(front, front_line)
    except YamlError as exc:
        entry.problem(exc.line, "front-matter", exc.message)
        return entry
    for line, name, message in issues:
        entry.problem(line, name, message)
    if not isinstance(data, dict):
        kind = "is empty" if data is None else f"is a {type_name(data)}"
        entry.problem(
            front_line,
            "front-matter",
            f"{kind}; it must hold 'field: value' lines (see practices/_template.md)",
        )
        return entry
    entry.data = data
    return entry


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split into (front-matter, its first line, body, the body's first line)."""
    lines = text.split("\n")
    if not text.strip():
        raise YamlError(1, "the file is empty; start from practices/_template.md")
    if lines[0].rstrip() != "---":
        if lines[0].strip() == "" and any(line.rstrip() == "---" for line in lines):
            raise YamlError(1, "the first line must be '---'; remove the blank lines above it")
        raise YamlError(1, "the file must start with a line '---', then the fields, then another '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, 2, body, index + 2
    raise YamlError(1, "the front-matter opened on line 1 is never closed with a line '---'")


def parse_yaml(text: str, first_line: int = 1) -> tuple[object, Lines, list[tuple]]:
    """Compose YAML into plain values (str, None, list, dict) and the line of each value.

    Returns (value, lines, issues); issues are (line, field, message) for things that
    could be read but are not allowed (repeated keys, anchors, custom tags).
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(*_explain(exc, first_line)) from None
    except yaml.YAMLError as exc:  # errors without a position
        raise YamlError(first_line, f"cannot be read as YAML ({exc})") from None
    lines = Lines()
    issues: list[tuple] = []
    if node is None:
        return None, lines, issues
    value = _Converter(first_line, lines, issues).convert(node, ())
    return value, lines, issues


def type_name(value: object) -> str:
    """How a value's shape is named in messages."""
    if isinstance(value, dict):
        return "set of 'key: value' lines"
    if isinstance(value, list):
        return "list"
    return "text"


class _Converter:
    def __init__(self, first_line: int, lines: Lines, issues: list[tuple]):
        self.offset = first_line
        self.lines = lines
        self.issues = issues
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def convert(self, node: yaml.Node, path: Path_) -> object:
        if path:  # the top level has no line of its own: a missing field is reported on line 1
            self.lines.at.setdefault(path, self.line(node))
        if id(node) in self.seen:  # an alias: the same node reached twice
            self.issues.append(
                (
                    self.lines(path),
                    label_for(path),
                    "YAML anchors and aliases (&, *) are not allowed; write the value out",
                )
            )
            return None
        self.seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            self.issues.append(
                (self.line(node), label_for(path), f"the YAML tag '{node.tag}' is not allowed; remove it")
            )
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == NULL_TAG else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.mapping(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict[str, object] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = self.line(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
                self.issues.append((line, label_for(path), "a field name must be a plain word"))
                continue
            key = key_node.value
            if key in first_seen:
                self.issues.append(
                    (
                        line,
                        label_for((*path, key)),
                        f"appears twice (first on line {first_seen[key]}); keep one",
                    )
                )
                continue
            first_seen[key] = line
            self.lines.at[(*path, key)] = line  # the key's line, even for a block value below it
            result[key] = self.convert(value_node, (*path, key))
        return result


def label_for(path: Path_) -> str:
    """`organisations[2].role` for path ('organisations', 1, 'role'): 1-based, as people count."""
    text = ""
    if not path:
        return "front-matter"
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text


def _explain(exc: yaml.MarkedYAMLError, first_line: int) -> tuple[int, str]:
    """Turn PyYAML's parser wording into advice a non-programmer can act on."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line if mark else 0) + first_line
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "\t" in problem or "tab" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "a value that contains ': ' must be put in quotes"
    elif "found character '@'" in problem or "found character '`'" in problem:
        hint = "a value starting with @ or ` must be put in quotes"
    elif "could not find expected ':'" in problem:
        hint = "each line needs 'field: value'; check the line above for a missing colon or quote"
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        hint = "check the indentation: items of one list or fields of one item line up"
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        hint = "a list in [ ] or a set in { } is not closed, or an item with ': ' needs quotes"
    elif "found unexpected end of stream" in problem or "end of the stream" in problem:
        hint = "a quote is opened and never closed"
    elif "found undefined alias" in problem or "found duplicate anchor" in problem:
        hint = "YAML anchors and aliases (&, *) are not allowed"
    else:
        hint = "check quotes, colons and indentation"
    detail = problem or context or "invalid YAML"
    return line, f"YAML syntax error: {detail} ({hint})"
