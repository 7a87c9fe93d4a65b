"""Build time, size and search speed of the site: python -m benchmarks.site [N ...] [--runs R]

For each N (default 100 and 1000) it writes N synthetic entries to a temporary folder and
measures, each as the median of R runs:
- the full build against a bare Material build of the same pages (no hook, pages out of
  the nav), and their ratio;
- site size, the largest page, and the catalogue's search data (raw and gzip);
- in headless Chromium, time from navigation to the catalogue's first search result.
Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.synthetic import write_collection

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = "/usr/bin/chromium"
QUERY = "youth dialogue"

BARE_CONFIG = """site_name: Bare
site_url: https://example.org/
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
not_in_nav: |
  /practices/*.md
"""


def timed_build(project: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env=ENV,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def full_project(folder: Path, count: int) -> Path:
    project = folder / "full"
    project.mkdir()
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, project)
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    write_collection(project, count, REPO / "practices" / "taxonomy.yml")
    return project


def bare_project(folder: Path, practices: Path) -> Path:
    """The same entries as plain Material pages: title and body, no hook."""
    project = folder / "bare"
    docs = project / "docs" / "practices"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BARE_CONFIG)
    (project / "docs" / "index.md").write_text("# Bare\n")
    for entry in practices.glob("practice-*.md"):
        _, front, body = entry.read_text(encoding="utf-8").split("---\n", 2)
        title = re.search(r'^title: "(.*)"$', front, re.M).group(1)
        (docs / entry.name).write_text(f"# {title}\n\n{body}", encoding="utf-8")
    return project


def first_result_ms(site: Path, runs: int) -> float | None:
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/practices/?q={QUERY}"
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url, wait_until="commit")
            ready = page.wait_for_selector("[data-atlas-catalogue][data-search-ready]")
            times.append(float(ready.get_attribute("data-search-ready")))  # the page's own clock
            context.close()
        browser.close()
    httpd.shutdown()
    return statistics.median(times)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def measure(count: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = full_project(folder, count)
        bare = bare_project(folder, project / "practices")
        full_times = [timed_build(project, folder / "site") for _ in range(runs)]
        bare_times = [timed_build(bare, folder / "bare-site") for _ in range(runs)]
        site = folder / "site"
        pages = list(site.rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        index = site / "practices" / "search-index.json"
        catalogue = site / "practices" / "index.html"
        return {
            "entries": count,
            "build_s": statistics.median(full_times),
            "bare_build_s": statistics.median(bare_times),
            "ratio": statistics.median(full_times) / statistics.median(bare_times),
            "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
            "largest_page": f"{largest.relative_to(site)} ({largest.stat().st_size / 1e3:.0f} kB)",
            "index_kb": index.stat().st_size / 1e3,
            "index_gzip_kb": gz(index) / 1e3,
            "catalogue_gzip_kb": gz(catalogue) / 1e3,
            "first_result_ms": first_result_ms(site, max(runs, 5)),
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.site")
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    rows = [measure(n, args.runs) for n in args.sizes]
    header = (
        "entries",
        "build s",
        "bare s",
        "ratio",
        "site MB",
        "index kB",
        "index gz kB",
        "catalogue gz kB",
        "first result ms",
        "largest page",
    )
    print(" | ".join(header))
    for r in rows:
        first = f"{r['first_result_ms']:.0f}" if r["first_result_ms"] is not None else "n/a (no chromium)"
        print(
            f"{r['entries']} | {r['build_s']:.2f} | {r['bare_build_s']:.2f} | {r['ratio']:.2f} | "
            f"{r['site_mb']:.1f} | {r['index_kb']:.0f} | {r['index_gzip_kb']:.0f} | {r['catalogue_gzip_kb']:.0f} | "
            f"{first} | {r['largest_page']}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
