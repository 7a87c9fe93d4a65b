"""Read practice files: front-matter and body, with the line of every key and heading.

YAML is parsed into events and turned into plain values by hand, not constructed by
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
from frontmatter.default_handlers import BaseHandler, JSONHandler

from scripts.entries.problems import ERROR, Problem, escape_controls

try:  # libyaml is about ten times faster than the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_BYTES = 1_000_000
# A link could publish another entry's text, or read and quote a file outside the repository.
LINK_REFUSED = "is a symbolic link; it must be a plain file (copy the text instead)"
# No field needs more than 4 levels (replication.materials[1].title); a file nested far
# deeper is a mistake or an attack, and is refused before it costs anything.
MAX_DEPTH = 20
NULL_TAG = "tag:yaml.org,2002:null"
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
Path_ = tuple[str | int, ...]
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class _LenientLoader(yaml.SafeLoader):
    """The pure-Python parser, minus its refusal of control characters: used only when
    libyaml refuses one, so that the schema can name the field it sits in and where."""

    def check_printable(self, data):
        pass


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
    """The path as a contributor sees it: relative to the working directory when inside it.
    A control character in a name is shown escaped, so it cannot split a report line."""
    try:
        shown = Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive on Windows
        shown = path.as_posix()
    return escape_controls(shown)


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
    if path.is_symlink():
        entry.problem(1, "file", "is a symbolic link; entries must be plain files (copy the text instead)")
        return entry
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


# Front-matter in the other formats static generators read (python-frontmatter's handlers):
# recognised only to say so; entries are YAML.
_OTHER_FORMATS = {
    "TOML ('+++' lines)": BaseHandler(fm_boundary=re.compile(r"^\+{3,}\s*$", re.MULTILINE)),
    "JSON": JSONHandler(),
}


def _other_format(text: str) -> str | None:
    return next((name for name, handler in _OTHER_FORMATS.items() if handler.detect(text)), None)


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split into (front-matter, its first line, body, the body's first line)."""
    lines = text.split("\n")
    if not text.strip():
        raise YamlError(1, "the file is empty; start from practices/_template.md")
    if lines[0].rstrip() != "---":
        if lines[0].strip() == "" and any(line.rstrip() == "---" for line in lines):
            raise YamlError(1, "the first line must be '---'; remove the blank lines above it")
        other = _other_format(text)
        if other:
            raise YamlError(1, f"the front-matter is written in {other}; write it as YAML between two '---' lines")
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
        try:
            return _Composer(first_line).compose(_Loader(text))
        except yaml.reader.ReaderError:  # a control character written as it is, not escaped
            return _Composer(first_line).compose(_LenientLoader(text))
    except yaml.MarkedYAMLError as exc:
        raise YamlError(*_explain(exc, first_line)) from None
    except yaml.YAMLError as exc:  # errors without a position
        raise YamlError(first_line, f"cannot be read as YAML ({str(exc).splitlines()[0]})") from None


def type_name(value: object) -> str:
    """How a value's shape is named in messages."""
    if isinstance(value, dict):
        return "set of 'key: value' lines"
    if isinstance(value, list):
        return "list"
    return "text"


_KEY = object()  # an open mapping waits for a key
_SKIP = object()  # ... or for the value of a refused key, which is dropped
_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_NODES = (yaml.ScalarEvent, yaml.AliasEvent, *_STARTS)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_ALIAS = "YAML anchors and aliases (&, *) are not allowed; write the value out"
_SECOND = "YAML syntax error: a second document starts here; remove the '---' or '...' line"


class _Open:
    """A list or mapping whose end has not been read yet."""

    __slots__ = ("first_seen", "key", "path", "value")

    def __init__(self, path: Path_, value: list | dict | None):
        self.path = path
        self.value = value  # None: dropped (a refused key, or inside one)
        self.key: object = _KEY  # mappings: the key whose value comes next
        self.first_seen: dict[str, int] = {}


class _Composer:
    """Plain values from the parser's events, built in one loop with its own stack: no
    recursion, so no nesting can exhaust Python's stack (PyYAML's composer would)."""

    def __init__(self, first_line: int):
        self.offset = first_line
        self.lines = Lines()
        self.issues: list[tuple] = []

    def compose(self, loader) -> tuple[object, Lines, list[tuple]]:
        """Read all of `loader` (a PyYAML loader made from the text), then release it."""
        try:
            return self.read(loader.get_event)
        finally:
            loader.dispose()

    def read(self, next_event) -> tuple[object, Lines, list[tuple]]:
        root: object = None
        stack: list[_Open] = []
        documents = 0
        while True:
            event = next_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent:
                break
            if kind in _ENDS:
                stack.pop()
                continue
            line = event.start_mark.line + self.offset
            if kind not in _NODES:
                documents += kind is yaml.DocumentStartEvent
                if documents > 1:
                    raise YamlError(line, _SECOND)
                continue
            parent = stack[-1] if stack else None
            if parent is None:
                path = ()
            elif parent.value is None:
                path = None
            elif isinstance(parent.value, list):
                path = (*parent.path, len(parent.value))
            elif parent.key is _KEY:
                parent.key = self.key(parent, event, line)
                path = None
            elif parent.key is _SKIP:
                parent.key, path = _KEY, None
            else:
                parent.key, path = _KEY, (*parent.path, parent.key)
            value = None if path is None else self.value(event, path, line)
            if kind in _STARTS:
                if len(stack) == MAX_DEPTH:
                    raise YamlError(line, too_deep())
                stack.append(_Open(path or (), value))
            if path is None:
                continue
            if parent is None:
                root = value
            elif isinstance(parent.value, list):
                parent.value.append(value)
            else:
                parent.value[path[-1]] = value
        return root, self.lines, self.issues

    def key(self, mapping: _Open, event: yaml.Event, line: int) -> object:
        """Read a key: the name its value goes under, or _SKIP to drop that value."""
        if type(event) is not yaml.ScalarEvent or _tag(event) == NULL_TAG:
            self.issues.append((line, label_for(mapping.path), "a field name must be a plain word"))
            return _SKIP
        name = event.value
        if name in mapping.first_seen:
            message = f"appears twice (first on line {mapping.first_seen[name]}); keep one"
            self.issues.append((line, label_for((*mapping.path, name)), message))
            return _SKIP
        mapping.first_seen[name] = line
        self.lines.at[(*mapping.path, name)] = line  # the key's line, even for a block value below it
        return name

    def value(self, event: yaml.Event, path: Path_, line: int) -> object:
        """The value an event starts at `path`: text, None, or an empty list or dict."""
        if path:  # the top level has no line of its own: a missing field is reported on line 1
            self.lines.at.setdefault(path, line)
        if type(event) is yaml.AliasEvent:
            self.issues.append((self.lines(path), label_for(path), _ALIAS))
            return None
        tag = _tag(event)
        if tag not in PLAIN_TAGS:
            self.issues.append((line, label_for(path), f"the YAML tag '{tag}' is not allowed; remove it"))
        if type(event) is yaml.ScalarEvent:
            return None if tag == NULL_TAG else event.value
        return [] if type(event) is yaml.SequenceStartEvent else {}


def _tag(event: yaml.Event) -> str:
    """The tag PyYAML's resolver would give. Every value stays the text written, so a plain
    scalar needs only one question answered: is it empty (null)?"""
    if event.tag not in (None, "!"):
        return event.tag
    if type(event) is yaml.SequenceStartEvent:
        return "tag:yaml.org,2002:seq"
    if type(event) is yaml.MappingStartEvent:
        return "tag:yaml.org,2002:map"
    return NULL_TAG if event.implicit[0] and _NULL.fullmatch(event.value) else "tag:yaml.org,2002:str"


def too_deep() -> str:
    return (
        f"values are nested more than {MAX_DEPTH} levels deep; no field needs more than 4: "
        "look for a stray '[' or '{', or lines indented too far"
    )


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
    if "maximum nesting depth" in problem:  # libyaml's own limit, far above MAX_DEPTH
        return line, too_deep()
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
    elif "invalid Unicode character escape" in problem:
        hint = "a \\u escape in double quotes must name a real character; write the character itself"
    elif "escape" in problem:
        hint = "a \\ in double quotes starts an escape such as \\n; write \\\\ for a backslash, or use single quotes"
    else:
        hint = "check quotes, colons and indentation"
    detail = problem or context or "invalid YAML"
    return line, f"YAML syntax error: {detail} ({hint})"
