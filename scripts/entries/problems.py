"""What the validator reports: one problem per mistake, with file, line and field."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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
        return f"{self.path}:{self.line}: {self.field}: {warning}{self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the message shows on the line in the diff."""
        title = _escape_property(self.field)
        body = _escape_data(self.message)
        return f"::{self.severity} file={_escape_property(self.path)},line={self.line},title={title}::{body}"


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
