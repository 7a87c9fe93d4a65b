"""When each entry was first published and last changed, from the repository's history.

    history = read_history(Path("practices"))   # {"kumanovo-community-action-team.md": Dates(...)}

One `git log` over the whole folder, read once (not one call per file): for each file,
the commit that added it (following renames, as `git log --follow` would) and the newest
commit that touched it. The dates are commit dates, so two builds of one commit give the
same pages whatever the day.

Without history the build still works and pages fall back to `last_reviewed`: a copy
without .git, no git installed, a repository git will not read, a file not committed yet.
A shallow clone (CI checkouts fetch one commit by default) knows only part of the
history: the commits at its edge list every file as new, so they are ignored, and a file
whose adding commit is not in the clone has no known "added" date.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

_MARK = "\x1e"  # starts each commit's line in the log: no file name holds it
_FORMAT = f"{_MARK}%H %ct %cs %P"
# The log must not depend on anyone's git configuration: no colour, no signatures,
# the first commit's files listed, renames detected.
_LOG = (
    "-c", "core.quotePath=false",
    "-c", "log.showRoot=true",
    "-c", "log.showSignature=false",
    "-c", "color.ui=never",
    "-c", "diff.renameLimit=10000",
    "log", "--topo-order", "--no-color", f"--format={_FORMAT}",
    "--name-status", "-M", "--relative", "--", ".",
)  # fmt: skip


@dataclass(frozen=True)
class Commit:
    date: dt.date  # the commit date, as the committer's clock showed it
    time: int  # seconds since the epoch: orders commits of one day

    @property
    def stamp(self) -> str:
        """An ISO 8601 UTC time, which sorts as text (the catalogue's data-added/-changed)."""
        return dt.datetime.fromtimestamp(self.time, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Dates:
    """A file's first and last commit; None where the history does not say."""

    added: Commit | None = None
    changed: Commit | None = None


def read_history(root: Path, timeout: float = 120) -> dict[str, Dates]:
    """Every file in `root` (by its path relative to `root`) with its dates; {} without history."""
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):  # a build run from a git hook
        env.pop(name, None)
    try:
        shallow = _git(root, env, timeout, "rev-parse", "--is-shallow-repository")
        if shallow is None:
            return {}
        log = _git(root, env, timeout, *_LOG)
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        return {}
    return parse_log(log or "", shallow=shallow.strip() == "true")


def _git(root: Path, env: dict, timeout: float, *args: str) -> str | None:
    result = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=timeout,
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def parse_log(text: str, shallow: bool = False) -> dict[str, Dates]:
    """Read `git log --topo-order --format=<_FORMAT> --name-status -M`, newest commit first.

    Going back in time, a rename hands the older name's history to the file's current
    name, and a deletion ends it (an older file of the same name was another entry)."""
    added: dict[str, Commit] = {}
    changed: dict[str, Commit] = {}
    current: dict[str, str | None] = {}  # a name at this point in the past -> the file it is now
    commit: Commit | None = None
    edge = False
    for line in text.split("\n"):  # not splitlines(): it splits at the mark too
        if line.startswith(_MARK):
            _, time, date, *parents = line[1:].split(" ")
            commit = Commit(dt.date.fromisoformat(date), int(time))
            # A shallow clone's oldest commits have no parents: they list every file as new.
            edge = shallow and not [p for p in parents if p]
            continue
        fields = line.split("\t")
        if commit is None or edge or len(fields) < 2 or not fields[0]:
            continue
        status, path = fields[0][0], fields[-1]
        name = current.get(path, path)
        if name is None:
            continue
        if status == "D":  # older commits of this name were another file
            current[path] = None
            continue
        if name not in changed or commit.time > changed[name].time:
            changed[name] = commit
        if status == "A":
            added[name] = commit
            current[path] = None
        elif status == "R" and len(fields) == 3:
            current[fields[1]] = name
            current[path] = None
    return {name: Dates(added.get(name), last) for name, last in changed.items()}


@dataclass(frozen=True)
class EntryDates:
    """What pages show and sort by: the history's dates, else the entry's `last_reviewed`."""

    added: dt.date | None  # None where the history does not say
    changed: dt.date  # never before last_reviewed: a review not committed yet still counts
    added_stamp: str  # ISO 8601 UTC, sortable as text
    changed_stamp: str


def entry_dates(dates: Dates | None, last_reviewed: dt.date) -> EntryDates:
    dates = dates or Dates()
    reviewed = f"{last_reviewed.isoformat()}T00:00:00Z"
    last = dates.changed
    if last is None or last.date < last_reviewed:
        changed, changed_stamp = last_reviewed, reviewed
    else:
        changed, changed_stamp = last.date, last.stamp
    first = dates.added
    return EntryDates(
        added=first.date if first else None,
        changed=changed,
        added_stamp=first.stamp if first else reviewed,
        changed_stamp=changed_stamp,
    )
