"""What the validator reports: one problem per mistake, with file, line and field."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
_NAMED = {"\t": "tab", "\n": "line break", "\r": "carriage return", "\x1b": "escape"}
# Fit for text, but in a report they would break its lines or reorder what a reader sees.
_LAYOUT = "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _kind_of(character: str) -> str | None:
    """What makes a character unfit for text: invisible controls that can break pages,
    feeds and terminals (C0 but for tab and newline, which callers allow where text may
    hold them; DEL; C1), noncharacters, and lone surrogates (from a YAML escape)."""
    code = ord(character)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "control character"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "noncharacter"
    if 0xD800 <= code <= 0xDFFF:
        return "lone surrogate"
    return None


def character_problem(text: str, allowed: str = "") -> str | None:
    """The message for the first unfit character in `text` (those in `allowed` are fit),
    or None. The one check every value, vocabulary and file name goes through."""
    for position, character in enumerate(text, 1):
        kind = _kind_of(character)
        if kind and character not in allowed:
            name = f" ({_NAMED[character]})" if character in _NAMED else ""
            return (
                f"contains the {kind} U+{ord(character):04X}{name} at position {position}; "
                "remove it (it is invisible and can break pages and feeds)"
            )
    return None


def escape_controls(text: str) -> str:
    """`text` with every unfit character, line separator and direction override written
    as an escape (\\x1b, \\u009b): a report line stays one line and no quoted value can
    drive the terminal. Messages quote what contributors wrote."""
    if all(" " <= c < "\x7f" for c in text):  # the usual case, checked fast
        return text
    out = []
    for character in text:
        code = ord(character)
        if character in "\n\t\r":
            out.append(repr(character)[1:-1])
        elif code < 0x80 and _kind_of(character):
            out.append(f"\\x{code:02x}")
        elif _kind_of(character) or character in _LAYOUT:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(character)
    return "".join(out)


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. Sorting by (path, line, field, message) gives a stable report order."""

    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """`practices/x.md:12: regions: 'balkans' is not a known region; ...`"""
        warning = "warning: " if self.severity == WARNING else ""
        path, field, message = map(escape_controls, (self.path, self.field, self.message))
        return f"{path}:{self.line}: {field}: {warning}{message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the message shows on the line in the diff."""
        path, field, message = map(escape_controls, (self.path, self.field, self.message))
        where = f"file={_escape_property(path)},line={self.line},title={_escape_property(field)}"
        return f"::{self.severity} {where}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice a typo most likely meant: close spelling, or the word inside a longer id."""
    if not word:
        return None
    folded = word.strip().lower().replace(" ", "-").replace("_", "-")
    if folded in choices:
        return folded
    match = difflib.get_close_matches(folded, choices, n=1, cutoff=0.6)
    if match:
        return match[0]
    containing = [c for c in choices if len(folded) >= 3 and (folded in c or c in folded)]
    return containing[0] if len(containing) == 1 else None


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`; did you mean 'x'?` or an empty string."""
    guess = closest(word, choices)
    return f"; did you mean '{guess}'?" if guess else ""
