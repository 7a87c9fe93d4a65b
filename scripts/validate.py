"""Check practice entries and report every problem at once.

    python -m scripts.validate                    # every entry in practices/
    python -m scripts.validate practices/x.md     # these files, checked against the rest
    python -m scripts.validate --format github    # GitHub Actions annotations
    python -m scripts.validate --changed-since origin/main   # the entries a branch changed

Exit status: 1 when there is any error, 0 otherwise (warnings never fail).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

from scripts.entries.load import is_entry_name
from scripts.entries.validate import DEFAULT_ROOT, Report, summary_line, validate


def changed_entries(root: Path, since: str) -> list[Path] | None:
    """Entries added or changed since `since` (git), or None for all of them when a shared
    file (vocabularies, retired ids) changed: then every entry may be affected."""
    result = subprocess.run(
        # -z: names as they are, one per NUL; a name may hold a newline.
        ["git", "diff", "--name-only", "-z", "--diff-filter=ACMR", f"{since}...HEAD", "--", str(root)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip() or "git diff failed")
    changed = [Path(name) for name in result.stdout.split("\0") if name]
    if any(not is_entry_name(path) for path in changed if path.parent == root):
        return None
    return [path for path in changed if is_entry_name(path) and (path.exists() or path.is_symlink())]


def step_summary(report: Report) -> str:
    """The job summary (Markdown): the problems in one fenced code block, whose fence is
    longer than any run of backticks they quote, so no value becomes a link, an image or
    HTML. Each line is already free of control characters (Problem.format)."""
    text = "\n".join(p.format() for p in report.problems)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", text)), default=0))
    return f"### Practice entries: {summary_line(report)}\n\n{fence}text\n{text}\n{fence}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.validate", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="entry files or folders (default: all of practices/)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the collection folder (default: practices)")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    parser.add_argument("--changed-since", metavar="GIT-REF", help="check the entries changed since this commit")
    # For tests: date rules (reviews two years old, dates in the future) give one answer every day.
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    paths = args.paths or None
    if args.changed_since:
        try:
            paths = changed_entries(args.root, args.changed_since)
        except RuntimeError as exc:
            print(f"--changed-since {args.changed_since}: {exc}", file=sys.stderr)
            return 2
    report = validate(args.root, paths, today=args.today)
    for problem in report.problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    if report.problems:
        print(summary_line(report), file=sys.stderr)
    if args.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY") and report.problems:
        # GitHub shows only the first ten annotations of a step; the summary has them all.
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(step_summary(report))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
