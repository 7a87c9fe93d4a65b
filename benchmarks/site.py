"""Measurements of one synthetic collection: build, size, search in Node and in Chromium.

Used by `python -m benchmarks` (see benchmarks/__main__.py). Everything happens in a
temporary folder; nothing is written into the repository.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.synthetic import write_collection
from scripts.entries.validate import validate
from scripts.site.i18n import LANGUAGES

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = "/usr/bin/chromium"
LUNR_JS = REPO / "docs" / "assets" / "atlas" / "lunr.js"
QUERIES = ["youth", "dialogue council", "polarisation", "prevention plan", "Prishtine", "referral training",
           "volunteers", "mayor network", "returnees families", "hate"]  # fmt: skip
CATALOGUE_ASSETS = ["assets/atlas/lunr.js", "assets/atlas/fold.js", "assets/atlas/search.js", "assets/atlas/copy.js",
                    "assets/atlas/catalogue.js"]  # fmt: skip

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
  /sq/
  /mk/
  /sr/
"""

NODE_QUERY = """
const lunr = require(process.argv[1]);
require(process.argv[3].replace('practices/search-index.json', 'assets/atlas/fold.js'));  // before search.js
const atlas = require(process.argv[2]);
const fs = require('fs');
const queries = JSON.parse(process.argv[4]);
let start = process.hrtime.bigint();
const engine = new atlas.Engine(lunr, JSON.parse(fs.readFileSync(process.argv[3], 'utf8')));
engine.addBody(JSON.parse(fs.readFileSync(process.argv[3].replace('search-index.json', 'search-body.json'), 'utf8')));
const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
const times = [];
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    start = process.hrtime.bigint();
    engine.search(q);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({load_ms: loadMs, query_ms: times[Math.floor(times.length / 2)]}));
"""


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_time(action, runs: int) -> float:
    return statistics.median(seconds(action) for _ in range(runs))


def build(project: Path, site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env=ENV,
        check=True,
        capture_output=True,
    )


def copy_sources(target: Path, folders: tuple[str, ...] = ("docs", "overrides", "scripts")) -> Path:
    """A copy of the site's sources (configuration, guide, pages, theme, code) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, target)
    for name in folders:
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def full_project(folder: Path, count: int) -> Path:
    project = copy_sources(folder / "full")
    write_collection(project, count, REPO / "practices" / "taxonomy.yml")
    return project


def bare_project(folder: Path, practices: Path) -> Path:
    """The same entries as plain Material pages (title and body), no hook, out of the nav:
    one page per practice in each interface language, as many pages as the atlas builds."""
    project = folder / "bare"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BARE_CONFIG)
    (project / "docs" / "index.md").write_text("# Bare\n")
    for language in LANGUAGES:
        docs = project / "docs" / language.prefix / "practices"
        docs.mkdir(parents=True, exist_ok=True)
        for entry in practices.glob("practice-*.md"):
            _, front, body = entry.read_text(encoding="utf-8").split("---\n", 2)
            title = re.search(r'^title: "(.*)"$', front, re.M).group(1)
            (docs / entry.name).write_text(f"# {title}\n\n{body}", encoding="utf-8")
    return project


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def node_search(site: Path) -> dict | None:
    if not shutil.which("node"):
        return None
    result = subprocess.run(
        [
            "node",
            "-e",
            NODE_QUERY,
            str(LUNR_JS),
            str(REPO / "docs/assets/atlas/search.js"),
            str(site / "practices" / "search-index.json"),
            json.dumps(QUERIES),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browser_search(site: Path, runs: int) -> dict | None:
    """Milliseconds to the first result, by the page's own clock: the catalogue's (from
    navigation, and from the page having loaded), Material's header search (from
    navigation); and the largest JS heap seen."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.parent)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/"
    catalogue, after_load, material, heap = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}practices/?q=youth+dialogue", wait_until="commit")
            ready = page.wait_for_selector("[data-atlas-catalogue][data-search-ready]", timeout=120_000)
            catalogue.append(float(ready.get_attribute("data-search-ready")))
            loaded = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            after_load.append(catalogue[-1] - loaded)
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            heap.append(metrics["JSHeapUsedSize"] / 1e6)
            context.close()
            # A fresh page: Material opens its search for ?q=; its index holds the pages other
            # than practices, which are searched in the catalogue (measured above).
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}?q=licence", wait_until="commit")
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            material.append(page.evaluate("performance.now()"))
            context.close()
        browser.close()
    httpd.shutdown()
    return {
        "catalogue_ms": statistics.median(catalogue),
        "after_load_ms": statistics.median(after_load),
        "material_ms": statistics.median(material),
        "heap_mb": max(heap),
    }


def measure(count: int, runs: int) -> dict:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = full_project(folder, count)
        bare = bare_project(folder, project / "practices")
        validation = median_time(lambda: validate(project / "practices"), runs)
        # Full and bare builds alternate, and the ratio is the median of each pair's: on a
        # shared machine the load drifts over minutes, and blocks of runs measured it.
        pairs = [
            (
                seconds(lambda: build(project, folder / "www" / "site")),
                seconds(lambda: build(bare, folder / "bare-site")),
            )
            for _ in range(runs)
        ]
        full_s = statistics.median(full for full, _ in pairs)
        bare_s = statistics.median(bare_time for _, bare_time in pairs)
        ratio = statistics.median(full / bare_time for full, bare_time in pairs)
        site = folder / "www" / "site"
        pages = list(site.rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        index = site / "practices" / "search-index.json"
        fetched = [site / "practices" / "index.html", index, *(site / a for a in CATALOGUE_ASSETS)]
        material_index = site / "search" / "search_index.json"
        return {
            "entries": count,
            "validate_s": validation,
            "build_s": full_s,
            "bare_build_s": bare_s,
            "ratio": ratio,
            "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
            "largest_page": f"{largest.relative_to(site)} ({largest.stat().st_size / 1e3:.0f} kB)",
            "index_kb": index.stat().st_size / 1e3,
            "index_gzip_kb": gz(index) / 1e3,
            "catalogue_fetch_gzip_kb": sum(gz(p) for p in fetched) / 1e3,
            "material_index_gzip_kb": gz(material_index) / 1e3,
            "node": node_search(site),
            "browser": browser_search(site, max(runs, 5)),
        }
