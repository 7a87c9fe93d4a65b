"""Lighthouse scores of the pages readers open most, as a phone on a slow network gets them.

    python -m benchmarks.lighthouse                      # the real collection and 1,000 synthetic practices
    python -m benchmarks.lighthouse --sizes real --runs 3 --json lighthouse.json

For each collection it builds the site (with site_url set to the local server, as a
published site's canonical addresses name its own host), serves it gzip-compressed with
benchmarks/serve.py, and runs Lighthouse's mobile profile (simulated slow 4G and a
4x slower CPU) on the home page, the catalogue, a practice and a region page. It prints
the four category scores and the main metrics, and the audits that failed outside
performance.

Lighthouse is an npm package, never installed into the repository's tree by this
script: install it once outside the repository, or under benchmarks/node_modules
(git-ignored), and point LIGHTHOUSE at it if it is elsewhere:

    npm install --no-save --prefix ~/.cache/practice-atlas/lighthouse lighthouse@12.2.3

It drives Debian's Chromium (/usr/bin/chromium, or CHROME_PATH); it downloads no browser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.serve import start
from benchmarks.site import ENV, REPO, copy_sources, full_project

VERSION = "12.2.3"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")  # fmt: skip
CANDIDATES = [
    os.environ.get("LIGHTHOUSE", ""),
    str(REPO / "benchmarks" / "node_modules" / ".bin" / "lighthouse"),
    str(Path.home() / ".cache" / "practice-atlas" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"),
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
PAGES = {
    "home": "",
    "catalogue": "practices/",
    "practice": "practices/{practice}/",
    "region": "regions/western-balkans/",
}
LANGUAGE_TREES = ("sq/",)  # the same pages in Albanian: the translated trees are scored as English is
REAL_PRACTICE = "kumanovo-community-action-team"  # a full entry of the real collection


def lighthouse_command() -> str:
    for candidate in CANDIDATES:
        if candidate and Path(candidate).exists():
            return candidate
    found = shutil.which("lighthouse")
    if found:
        return found
    sys.exit(f"Lighthouse is not installed: npm install --no-save --prefix ~/.cache/practice-atlas/lighthouse "
             f"lighthouse@{VERSION} (or set LIGHTHOUSE to its bin/lighthouse)")  # fmt: skip


def project(folder: Path, size: str) -> Path:
    """A copy of the project: the real collection, or `size` synthetic practices."""
    if size == "real":
        return copy_sources(folder / "real", ("docs", "overrides", "scripts", "practices"))
    return full_project(folder, int(size))


def build(source: Path, site: Path, base_url: str) -> None:
    """`mkdocs build` with site_url set to where the site is served."""
    config = source / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = [f"site_url: {base_url}" if line.startswith("site_url:") else line for line in text.splitlines()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=source,
        env=ENV,
        check=True,
        capture_output=True,
    )


def audit(command: str, url: str, report: Path) -> dict:
    """One Lighthouse run: scores (0 to 100), metrics (ms; CLS unitless) and failed audits."""
    subprocess.run(
        [
            command,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=60000",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
        timeout=600,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    metrics = {name: data["audits"][key]["numericValue"] for key, name in METRICS.items()}
    failed = []
    for key in CATEGORIES[1:]:
        for ref in data["categories"][key]["auditRefs"]:
            result = data["audits"][ref["id"]]
            if ref.get("weight", 0) and result.get("score") is not None and result["score"] < 1:
                failed.append(f"{key}: {ref['id']} ({result['title']})")
    return {"scores": scores, "metrics": metrics, "failed": failed, "lighthouse": data["lighthouseVersion"]}


def median_of(runs: list[dict]) -> dict:
    """The median of each score and metric over runs; the failed audits of any run."""
    return {
        "scores": {k: statistics.median(r["scores"][k] for r in runs) for k in CATEGORIES},
        "metrics": {k: statistics.median(r["metrics"][k] for r in runs) for k in METRICS.values()},
        "failed": sorted({f for r in runs for f in r["failed"]}),
        "lighthouse": runs[0]["lighthouse"],
        "runs": len(runs),
    }


def measure(size: str, runs: int, command: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = project(folder, size)
        site = folder / "site"
        site.mkdir()
        server = start(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            build(source, site, base)
            practices = sorted(p.name for p in (site / "practices").iterdir() if (p / "index.html").exists())
            practice = REAL_PRACTICE if REAL_PRACTICE in practices else practices[0]
            rows = []
            pages = list(PAGES.items())
            pages += [(f"{name} ({tree[:-1]})", tree + path) for tree in LANGUAGE_TREES for name, path in PAGES.items()]
            for name, template in pages:
                path = template.format(practice=practice)
                results = [audit(command, base + path, folder / f"report-{name}-{n}.json") for n in range(runs)]
                rows.append({"collection": size, "page": name, "path": path, **median_of(results)})
                print(row(rows[-1]), flush=True)
            return rows
        finally:
            server.shutdown()


HEADER = ["collection", "page", "performance", "accessibility", "best practices", "SEO", "LCP", "TBT", "CLS"]


def row(result: dict) -> str:
    scores, metrics = result["scores"], result["metrics"]
    collection = "real" if result["collection"] == "real" else f"{int(result['collection']):,} synthetic"
    cells = [
        collection,
        f"{result['page']} (`{result['path'] or '/'}`)",
        *(f"{scores[key]:.0f}" for key in CATEGORIES),
        f"{metrics['LCP'] / 1000:.1f} s",
        f"{metrics['TBT']:.0f} ms",
        f"{metrics['CLS']:.3f}",
    ]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="*", default=["real", "1000"], help="'real' and/or numbers of practices")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs a page; the median is shown")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    command = lighthouse_command()
    version = subprocess.run([command, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    print(f"Lighthouse {version}, mobile profile (simulated), {args.runs} run(s) a page, {dt.date.today()}")
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    results = []
    for size in args.sizes:
        results += measure(size, args.runs, command)
    failed = sorted({f"{r['page']}: {f}" for r in results for f in r["failed"]})
    print("\nFailed audits outside performance:" if failed else "\nNo failed audit outside performance.")
    for line in failed:
        print(f"- {line}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
