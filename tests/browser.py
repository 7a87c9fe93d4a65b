"""Browser fixtures for every browser test: the test site served under a sub-path, Debian's
Chromium driven by Playwright, a page that fails its test on any script error or
Content-Security-Policy violation, and helpers that read the catalogue. Loaded for the
whole suite by tests/conftest.py, so test files use the fixtures without importing them.
Without /usr/bin/chromium these tests skip with a message; in CI they must run.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import require_tool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
AXE_JS = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


@pytest.fixture(scope="module")
def server(test_site):
    require_tool(CHROMIUM, "chromium")
    # axe-core is served from the same origin, so the pages' policy allows it as it stands.
    tools = test_site.parent / "test-tools"
    tools.mkdir(exist_ok=True)
    shutil.copy(AXE_JS, tools / "axe.min.js")
    handler = functools.partial(_QuietHandler, directory=str(test_site.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{test_site.name}/"
    httpd.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every page reports each Content-Security-Policy violation to the test, on every navigation.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.atlasViolation([event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber].join(" "));
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    violations: list[str] = []
    context.expose_function("atlasViolation", lambda text: violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors
    assert violations == [], violations


def axe_violations(page, server) -> list[str]:
    """axe-core's violations on the open page, one line each: rule and the elements."""
    from urllib.parse import urljoin

    page.add_script_tag(url=urljoin(server, "../test-tools/axe.min.js"))
    return page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => v.id + ': ' + "
        "v.nodes.map(n => n.target.join(' ')).join(', '))"
    )


def open_catalogue(page, server, query: str = "") -> None:
    page.goto(f"{server}practices/{query}")
    page.wait_for_selector("[data-atlas-catalogue][data-search-ready]")


def visible_ids(page) -> list[str]:
    """The cards on screen, in order. A card is visible by its layout, not by its `hidden`
    attribute alone: a stylesheet can override that attribute (and once did)."""
    ids = page.eval_on_selector_all(
        "[data-atlas-results] > [data-practice-id]",
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.practiceId)",
    )
    unhidden = page.eval_on_selector_all(
        "[data-atlas-results] > [data-practice-id]:not([hidden])", "els => els.map(e => e.dataset.practiceId)"
    )
    assert ids == unhidden, "cards marked hidden are still displayed, or the reverse"
    return ids


def result_count(page) -> int:
    return int(page.text_content("[data-result-count]"))


FACET_FIELDS = {"region": "regions", "country": "countries", "theme": "themes", "type": "types"}


def expected_ids(practices, **facets: list[str]) -> list[str]:
    """The ids the catalogue should show for these filters, in its title order: any value
    within a facet (OR), every facet (AND). Computed from the collection, not hard-coded."""
    from scripts.site.search_index import normalise

    def values(practice, facet: str) -> list[str]:
        if facet in FACET_FIELDS:
            return list(getattr(practice, FACET_FIELDS[facet]))
        return [getattr(practice, facet)]

    chosen = [p for p in practices if all(set(wanted) & set(values(p, f)) for f, wanted in facets.items())]
    return [p.id for p in sorted(chosen, key=lambda p: (normalise(p.title), p.id))]


def all_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-practice-id]", "els => els.map(e => e.dataset.practiceId)")


@pytest.fixture(scope="module")
def many_server(server, test_site, tmp_path_factory):
    """A site of 230 synthetic practices, served beside the test site (at /many/)."""
    from benchmarks.synthetic import write_collection
    from tests.conftest import REPO, copy_project, mkdocs_build

    base = tmp_path_factory.mktemp("many")
    write_collection(base, 230, REPO / "practices" / "taxonomy.yml")
    project = copy_project(base / "project", base / "practices")
    result = mkdocs_build(project, test_site.parent / "many")
    assert result.returncode == 0, result.stderr
    return server.replace(f"/{test_site.name}/", "/many/")
