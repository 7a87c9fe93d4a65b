"""Practice Atlas benchmark: python -m benchmarks [N ...] [--runs R] [--json FILE]

For each N (default 100, 1000 and 5000) it generates N valid synthetic entries in a
temporary folder and prints one row of medians over R runs (default 3). See
docs/performance.md for what each column means and the figures measured here.
Lighthouse's scores of the main pages: python -m benchmarks.lighthouse.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from benchmarks.site import measure

COLUMNS = [
    ("entries", "{entries}"),
    ("validate s", "{validate_s:.2f}"),
    ("build s", "{build_s:.1f}"),
    ("bare s", "{bare_build_s:.1f}"),
    ("ratio", "{ratio:.2f}"),
    ("site MB", "{site_mb:.0f}"),
    ("index gz kB", "{index_gzip_kb:.0f}"),
    ("catalogue fetch gz kB", "{catalogue_fetch_gzip_kb:.0f}"),
    ("Material index gz kB", "{material_index_gzip_kb:.0f}"),
]


def row(result: dict) -> list[str]:
    cells = [fmt.format(**result) for _, fmt in COLUMNS]
    node, browser = result["node"], result["browser"]
    cells += [f"{node['load_ms']:.0f}", f"{node['query_ms']:.2f}"] if node else ["n/a", "n/a"]
    if browser:
        cells += [
            f"{browser['catalogue_ms']:.0f}",
            f"{browser['after_load_ms']:.0f}",
            f"{browser['material_ms']:.0f}",
            f"{browser['heap_mb']:.0f}",
        ]
    else:
        cells += ["n/a"] * 4
    return [*cells, result["largest_page"]]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    header = [name for name, _ in COLUMNS] + [
        "lunr.js load ms",
        "query ms",
        "catalogue first result ms",
        "… after page load ms",
        "Material first result ms",
        "JS heap MB",
        "largest page",
    ]
    print(f"Python {platform.python_version()} on {platform.machine()}, {args.runs} runs, medians")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    results = []
    for size in args.sizes:
        result = measure(size, args.runs)
        results.append(result)
        print("| " + " | ".join(row(result)) + " |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
