"""Search against its budgets, beside Pagefind: python -m benchmarks.search [N ...] [--runs R] [--json FILE]

For each size (default: the real collection, `real`, then 1,000 and 5,000 synthetic
practices) it builds the site in a temporary folder, indexes the same practice pages with
Pagefind (https://pagefind.app, the reference: `pip install -e '.[test,bench]'`), opens
both in headless Chromium and prints one Markdown table of medians over R runs (default 3):

- bytes before the first result: every file the catalogue page requested until its first
  results were on screen (opened with ?q=youth+dialogue), the full-text files aside; for
  Pagefind, every file its first query fetched (its results are full text);
- bytes after the full text: the same page once its full-text results and snippets were
  on screen; bytes for all the judged queries of tests/test_search.py, one reader typing
  them one after the other (each file counted once, as a browser caches it);
- first result after load: data-search-ready minus domContentLoadedEventEnd (budget
  400 ms); for Pagefind, from import('pagefind.js') on a loaded page to its first query's
  ten results with their data;
- full-text results after the first keystroke: the catalogue opened without a query, the
  query typed into its box, until data-full-text-ready (budget 1.5 s at 5,000), and until
  the whole query's full-text results were painted (after the page's 150 ms pause in
  typing); for Pagefind the same cold first query as above (it loads on first use);
- one query with the engine loaded: median over the judged queries, search only;
- recall@10 over the judged queries, for the real collection only (the judgements are
  regular expressions over the real entries' text).

Bytes are gzip sizes (level 6, as a web server sends text) of the files on disk behind
every response URL the browser recorded; files already compressed (Pagefind's) count as
they are. The figures are written to build/search-benchmark.json (or --json FILE). The
Pagefind test page has no Content-Security-Policy: the site's policy blocks Pagefind's
WebAssembly, so Pagefind runs on a blank page of the same origin, without a UI.
See docs/performance.md, "Search against its budgets, beside Pagefind".
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import os
import platform
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
from urllib.parse import unquote, urlencode, urlsplit

from benchmarks.site import ENV, REPO, copy_sources

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
QUERY = "youth dialogue"  # the query the budgets are measured with
BUDGETS = {"before_kb_at_1000": 300, "after_load_ms": 400, "keystroke_ms_at_5000": 1500}
# Fetched for the full text, not for the first result (the page starts them at once when
# it opens with a query): the body index, the text shards for snippets, did-you-mean.
FULL_TEXT = re.compile(r"practices/(search-body\.json|search-text/|search-words\.json)")
# Pagefind reads each practice's <article>, without what is not the practice's own text:
# the print header, the back link, dates, the citation box and the related practices.
PAGEFIND_GLOB = "practices/*/index.html"
PAGEFIND_EXCLUDE = (".atlas-handout, .atlas-back, .atlas-dates, .atlas-cite, #related, .atlas-related, "
                    ".atlas-reviewed, .atlas-improve, .headerlink")  # fmt: skip
PAGEFIND_PAGE = "pagefind-bench.html"  # written into the temporary site only
ALREADY_COMPRESSED = {".woff", ".woff2", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico", ".gz"}
CARDS = "[data-atlas-results] > [data-practice-id]"
READY = "[data-atlas-catalogue][data-search-ready]"
FULL_READY = "[data-atlas-catalogue][data-full-text-ready]"
TIMEOUT = 180_000  # ms; at 5,000 practices the first index alone is megabytes of JSON

PAGEFIND_QUERY = """async (query) => {
  const start = performance.now();
  if (!window.pagefind) window.pagefind = await import('./pagefind/pagefind.js');
  const search = await window.pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return {ms: performance.now() - start, urls: data.map((d) => d.url)};
}"""
ATLAS_QUERIES = """async (queries) => {
  const engine = new window.AtlasSearch.Engine(window.lunr, await window.AtlasIndexData);
  const body = await fetch('search-body.json').then((r) => r.json());
  engine.addBody(body);
  return queries.map((query) => {
    const start = performance.now();
    engine.search(query);
    return performance.now() - start;
  });
}"""


# -- the collections and the site ---------------------------------------------------------


def project(folder: Path, size: int | None) -> Path:
    """A copy of the site's sources with the real practices (size None) or `size` synthetic ones."""
    target = copy_sources(folder / "project")
    if size is None:
        shutil.copytree(REPO / "practices", target / "practices")
    else:
        from benchmarks.synthetic import write_collection

        root = write_collection(target, size, REPO / "practices" / "taxonomy.yml")
        if (REPO / "practices" / "synonyms.yml").exists():  # the site ships it: so does the index
            shutil.copy(REPO / "practices" / "synonyms.yml", root)
    return target


def build(source: Path, site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                            cwd=source, env=ENV, capture_output=True, text=True)  # fmt: skip
    if result.returncode:
        raise RuntimeError(f"the site did not build:\n{result.stderr[-3000:]}")


def pagefind_available() -> bool:
    try:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    except OSError:
        return False
    return result.returncode == 0


def pagefind_version() -> str:
    result = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True)
    return result.stdout.strip() or "pagefind ?"


def pagefind_index(site: Path) -> float:
    """Index the practice pages of `site` into site/pagefind/; seconds taken."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", PAGEFIND_GLOB,
         "--root-selector", "article", "--exclude-selectors", PAGEFIND_EXCLUDE, "--silent"],
        check=True, capture_output=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    (site / PAGEFIND_PAGE).write_text('<!doctype html>\n<meta charset="utf-8">\n<title>Pagefind</title>\n')
    return seconds


# -- what the browser fetched -------------------------------------------------------------


@functools.cache
def sent_bytes(path: Path) -> int:
    """What a server with gzip sends for this file."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b" or path.suffix in ALREADY_COMPRESSED:
        return len(data)
    return len(gzip.compress(data, compresslevel=6))


class Fetches:
    """Every response URL of a browser context, and the requests still open."""

    def __init__(self, context, site: Path, base: str):
        self.site, self.base = site, base
        self.urls: list[str] = []
        self.open: set = set()
        context.on("request", lambda request: self.open.add(request))
        context.on("response", lambda response: self.urls.append(response.url))
        context.on("requestfinished", self._done)
        context.on("requestfailed", self._done)

    def _done(self, request) -> None:
        while request is not None:
            self.open.discard(request)
            request = request.redirected_from

    def settle(self, page, limit_s: float = 15) -> None:
        """Wait until no request has been open for 100 ms (the page's events arrive meanwhile)."""
        end, quiet = time.monotonic() + limit_s, 0
        while time.monotonic() < end and quiet < 2:
            page.wait_for_timeout(50)
            quiet = quiet + 1 if not self.open else 0

    def files(self, urls: list[str] | None = None) -> dict[str, int]:
        """Relative path -> bytes sent, each file once."""
        out = {}
        for url in self.urls if urls is None else urls:
            if not url.startswith(self.base):
                continue
            relative = unquote(urlsplit(url).path)[len(urlsplit(self.base).path) :]
            path = self.site / relative
            if relative == "" or relative.endswith("/"):
                path = path / "index.html"
            if path.is_file():
                out[str(path.relative_to(self.site))] = sent_bytes(path)
        return out


def kb(files: dict[str, int]) -> float:
    return sum(files.values()) / 1e3


# -- in Chromium ----------------------------------------------------------------------------


class Server:
    """The folder holding the site, served on 127.0.0.1 (plain files: sizes are computed)."""

    def __init__(self, site: Path):
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site.parent)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/{site.name}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def visible_ids(page, limit: int = 10) -> list[str]:
    """The first cards on screen, in order (as tests/test_browser.py reads them)."""
    ids = page.eval_on_selector_all(
        CARDS, "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.practiceId)"
    )
    return ids[:limit]


def atlas_opened_with_query(browser, site: Path, base: str) -> dict:
    """The catalogue opened with ?q=: bytes and time to the first results, then to the full text."""
    context = browser.new_context()
    fetches = Fetches(context, site, base)
    page = context.new_page()
    page.goto(f"{base}practices/?{urlencode({'q': QUERY})}", wait_until="commit", timeout=TIMEOUT)
    ready = float(page.wait_for_selector(READY, timeout=TIMEOUT).get_attribute("data-search-ready"))
    before = [url for url in fetches.urls if not FULL_TEXT.search(url)]
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    page.wait_for_selector(FULL_READY, timeout=TIMEOUT)
    fetches.settle(page)
    result = {"before": fetches.files(before), "after": fetches.files(), "after_load_ms": ready - loaded,
              "from_navigation_ms": ready}  # fmt: skip
    context.close()
    return result


def atlas_first_keystroke(browser, site: Path, base: str, queries: list[str]) -> dict:
    """The catalogue opened without a query, then the query typed: ms to the full-text
    results on screen; then each query's search time with both indexes loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}practices/", wait_until="commit", timeout=TIMEOUT)
    page.wait_for_selector(READY, timeout=TIMEOUT)
    page.focus("input[name=q]")
    start = page.evaluate("performance.now()")
    page.keyboard.type(QUERY)
    typed = page.evaluate("performance.now()")
    ready = float(page.wait_for_selector(FULL_READY, timeout=TIMEOUT).get_attribute("data-full-text-ready"))
    # The whole query's results follow the pause after the last key (the page then writes
    # the query into its address): a frame after that, they are on screen.
    page.wait_for_function("(q) => new URLSearchParams(location.search).get('q') === q", arg=QUERY, timeout=TIMEOUT)
    painted = page.evaluate("new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()))))")
    times = page.evaluate(ATLAS_QUERIES, queries)
    context.close()
    # typed_ms: how long typing the whole query took (the full text can arrive before its end);
    # whole_query_ms: until the full-text results of the whole query were painted.
    return {"keystroke_ms": ready - start, "typed_ms": typed - start, "whole_query_ms": max(ready, painted) - start,
            "query_ms": statistics.median(times)}  # fmt: skip


def atlas_all_queries(browser, site: Path, base: str, queries: list[str]) -> dict:
    """Each judged query opened in the catalogue: its first ten cards once the full text
    is on screen, and every file fetched over all of them (each once, as cached)."""
    context = browser.new_context()
    fetches = Fetches(context, site, base)
    page = context.new_page()
    top = {}
    for query in queries:
        page.goto(f"{base}practices/?{urlencode({'q': query})}", wait_until="commit", timeout=TIMEOUT)
        page.wait_for_selector(FULL_READY, timeout=TIMEOUT)
        fetches.settle(page)
        top[query] = visible_ids(page)
    context.close()
    return {"top": top, "all": fetches.files()}


def pagefind_queries(browser, site: Path, base: str, queries: list[str]) -> dict:
    """Pagefind on a blank page: the first query, cold (bytes and ms), then each judged query."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + PAGEFIND_PAGE, timeout=TIMEOUT)
    fetches = Fetches(context, site, base)  # the blank page itself is not counted
    first = page.evaluate(PAGEFIND_QUERY, QUERY)
    fetches.settle(page)
    first_files = fetches.files()
    times, top = [], {}
    for query in queries:
        out = page.evaluate(PAGEFIND_QUERY, query)
        times.append(out["ms"])
        top[query] = [match.group(1) for url in out["urls"] if (match := re.search(r"practices/([^/]+)/", url))]
    fetches.settle(page)
    all_files = fetches.files()
    context.close()
    return {"first": first_files, "first_ms": first["ms"], "query_ms": statistics.median(times), "top": top,
            "all": all_files}  # fmt: skip


# -- recall ----------------------------------------------------------------------------------


def judged() -> list[tuple[str, list[str]]]:
    from tests.test_search import JUDGED

    return JUDGED


def real_texts(practices: Path = REPO / "practices") -> dict[str, str]:
    """Each real practice's whole text as a reader could search it (as tests/test_search.py)."""
    from scripts.entries.validate import validate

    report = validate(practices)
    tax = report.taxonomy

    def text(p) -> str:
        vocabularies = (("themes", p.themes), ("types", p.types), ("regions", p.regions),
                        ("target_groups", p.target_groups))  # fmt: skip
        labels = [tax.label(v, t) for v, ts in vocabularies for t in ts]
        places = [n for place in p.places for n in (place.name, *place.also)]
        return "\n".join([p.title, p.summary, *places, *(o.name for o in p.organisations), *labels,
                          *(s.text for s in p.sections)])  # fmt: skip

    return {p.id: text(p) for p in report.practices}


def recall(top: dict[str, list[str]], judgements, texts: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Mean recall@10, and each query's: found among the first ten / min(10, expected)."""
    each = {}
    for query, patterns in judgements:
        expected = {i for i, text in texts.items() if all(re.search(p, text, re.I) for p in patterns)}
        if expected:
            each[query] = len(set(top.get(query, [])[:10]) & expected) / min(10, len(expected))
    return sum(each.values()) / len(each), each


# -- one size --------------------------------------------------------------------------------


def measure(size: int | None, runs: int, queries: list[tuple[str, list[str]]] | None = None,
            pagefind: bool = True) -> dict:  # fmt: skip
    """The figures for the real collection (size None) or `size` synthetic practices:
    medians over `runs` fresh browser contexts; recall for the real collection only."""
    from playwright.sync_api import sync_playwright

    judgements = judged() if queries is None else queries
    words = [query for query, _ in judgements]
    with tempfile.TemporaryDirectory(prefix="atlas-search-") as tmp:
        folder = Path(tmp)
        source = project(folder, size)
        site = folder / "www" / "site"
        build_s = _seconds(lambda: build(source, site))
        count = len(list((source / "practices").glob("*.md"))) - (source / "practices" / "_template.md").exists()
        pagefind_s = pagefind_index(site) if pagefind else None
        server = Server(site)
        atlas_runs, keystroke_runs, pagefind_runs = [], [], []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(runs):  # interleaved, so that drift on a shared machine hits both
                    atlas_runs.append(atlas_opened_with_query(browser, site, server.base))
                    keystroke_runs.append(atlas_first_keystroke(browser, site, server.base, words))
                    if pagefind:
                        pagefind_runs.append(pagefind_queries(browser, site, server.base, words))
                every = atlas_all_queries(browser, site, server.base, words)
                chromium = browser.version
                browser.close()
        finally:
            server.close()
        sent_bytes.cache_clear()
        bundle = site / "pagefind"
        bundle_kb = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 1e3 if pagefind else None
        texts = real_texts(source / "practices") if size is None else None  # the entries that were built
    first = atlas_runs[len(atlas_runs) // 2]  # the files of one run, for what weighs most
    atlas = {
        "before_kb": _median(atlas_runs, lambda r: kb(r["before"])),
        "after_kb": _median(atlas_runs, lambda r: kb(r["after"])),
        "all_queries_kb": kb(every["all"]),
        "after_load_ms": _median(atlas_runs, lambda r: r["after_load_ms"]),
        "from_navigation_ms": _median(atlas_runs, lambda r: r["from_navigation_ms"]),
        "keystroke_ms": _median(keystroke_runs, lambda r: r["keystroke_ms"]),
        "typed_ms": _median(keystroke_runs, lambda r: r["typed_ms"]),
        "whole_query_ms": _median(keystroke_runs, lambda r: r["whole_query_ms"]),
        "query_ms": _median(keystroke_runs, lambda r: r["query_ms"]),
        "before_files": _heaviest(first["before"]),
        "after_files": _heaviest({k: v for k, v in first["after"].items() if k not in first["before"]}),
    }
    result = {"practices": count, "size": "real" if size is None else size, "runs": runs, "build_s": build_s,
              "chromium": chromium, "atlas": atlas, "pagefind": None}  # fmt: skip
    if texts is not None:
        atlas["recall"], atlas["recall_each"] = recall(every["top"], judgements, texts)
    if pagefind:
        first_pf = pagefind_runs[len(pagefind_runs) // 2]
        result["pagefind"] = {
            "index_s": pagefind_s,
            "before_kb": _median(pagefind_runs, lambda r: kb(r["first"])),
            "after_kb": _median(pagefind_runs, lambda r: kb(r["first"])),
            "all_queries_kb": _median(pagefind_runs, lambda r: kb(r["all"])),
            "after_load_ms": _median(pagefind_runs, lambda r: r["first_ms"]),
            "keystroke_ms": _median(pagefind_runs, lambda r: r["first_ms"]),
            "query_ms": _median(pagefind_runs, lambda r: r["query_ms"]),
            "before_files": _heaviest(first_pf["first"]),
            "bundle_kb": bundle_kb,
        }
        if texts is not None:
            result["pagefind"]["recall"], result["pagefind"]["recall_each"] = recall(first_pf["top"], judgements, texts)
    return result


def _seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _median(runs: list[dict], value) -> float:
    return statistics.median(value(run) for run in runs)


def _heaviest(files: dict[str, int], count: int = 8) -> dict[str, float]:
    """The heaviest files, kB sent, largest first (the rest summed)."""
    ordered = sorted(files.items(), key=lambda item: -item[1])
    out = {name: round(size / 1e3, 1) for name, size in ordered[:count]}
    if len(ordered) > count:
        out[f"{len(ordered) - count} other files"] = round(sum(size for _, size in ordered[count:]) / 1e3, 1)
    return out


# -- the table -------------------------------------------------------------------------------

HEADER = ["search", "practices", "before first result (kB gz)", "after full text (kB gz)",
          "all judged queries (kB gz)", "first result after load (ms)",
          "full-text results after first keystroke (ms)", "… of the whole query (ms)", "one query, engine loaded (ms)",
          "recall@10 (real collection)"]  # fmt: skip


def rows(result: dict) -> list[list[str]]:
    practices = f"{result['practices']:,}" + (" (real)" if result["size"] == "real" else "")
    out = []
    for name, key in (("Practice Atlas (lunr)", "atlas"), ("Pagefind", "pagefind")):
        figures = result[key]
        if figures is None:
            out.append([name, practices, *["n/a"] * (len(HEADER) - 2)])
            continue
        out.append([
            name,
            practices,
            f"{figures['before_kb']:.0f}",
            f"{figures['after_kb']:.0f}",
            f"{figures['all_queries_kb']:.0f}",
            f"{figures['after_load_ms']:.0f}",
            f"{figures['keystroke_ms']:.0f}",
            f"{figures.get('whole_query_ms', figures['keystroke_ms']):.0f}",
            f"{figures['query_ms']:.1f}",
            f"{figures['recall']:.3f}" if "recall" in figures else "–",
        ])  # fmt: skip
    return out


def table(results: list[dict]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for result in results for row in rows(result)]
    return "\n".join(lines)


def verdicts(results: list[dict]) -> list[str]:
    """The issue's budgets against our figures."""
    out = []
    for result in results:
        atlas, size = result["atlas"], result["size"]
        label = "the real collection" if size == "real" else f"{size:,}"
        ok = atlas["after_load_ms"] <= BUDGETS["after_load_ms"]
        out.append(f"first result within {BUDGETS['after_load_ms']} ms of load at {label}: "
                   f"{atlas['after_load_ms']:.0f} ms, {'met' if ok else 'NOT met'}")  # fmt: skip
        if size == 1000:
            ok = atlas["before_kb"] <= BUDGETS["before_kb_at_1000"]
            out.append(f"at most {BUDGETS['before_kb_at_1000']} kB gzip before the first result at 1,000: "
                       f"{atlas['before_kb']:.0f} kB, {'met' if ok else 'NOT met'}")  # fmt: skip
        if size == 5000:
            ok = atlas["keystroke_ms"] <= BUDGETS["keystroke_ms_at_5000"]
            out.append(f"full-text results within {BUDGETS['keystroke_ms_at_5000']} ms of the first keystroke at "
                       f"5,000: {atlas['keystroke_ms']:.0f} ms, {'met' if ok else 'NOT met'}")  # fmt: skip
    return out


def parse_size(text: str) -> int | None:
    if text == "real":
        return None
    size = int(text.replace(",", "").replace("_", ""))
    if size < 1:
        raise argparse.ArgumentTypeError("a size is 'real' or a number of synthetic practices")
    return size


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=parse_size, default=[None, 1000, 5000],
                        help="'real' (the collection in practices/) or a number of synthetic practices")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=REPO / "build" / "search-benchmark.json",
                        help="where to write the figures (default: build/search-benchmark.json)")  # fmt: skip
    parser.add_argument("--no-pagefind", action="store_true", help="measure our search only")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium package", file=sys.stderr)
        return 2
    pagefind = not args.no_pagefind and pagefind_available()
    if not args.no_pagefind and not pagefind:
        print("Pagefind is missing (pip install -e '.[bench]'): measuring our search only", file=sys.stderr)
    machine = (f"{dt.date.today().isoformat()}, Python {platform.python_version()} on {platform.machine()}, "
               f"{os.cpu_count()} cores, {pagefind_version() if pagefind else 'no Pagefind'}, "
               f"{args.runs} runs, medians")  # fmt: skip
    print(machine, flush=True)
    print("\n".join(table([]).splitlines()[:2]), flush=True)
    results = []
    for size in args.sizes:
        results.append(measure(size, args.runs, pagefind=pagefind))
        print("\n".join(table(results[-1:]).splitlines()[2:]), flush=True)
    print(f"Chromium {results[0]['chromium']}")
    for line in verdicts(results):
        print(f"- {line}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine, "table": table(results), "budgets": verdicts(results),
                                     "results": results}, indent=2, ensure_ascii=False))  # fmt: skip
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
