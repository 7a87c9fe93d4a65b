"""Old links keep working: a redirect page for each former id, a notice for each withdrawn one.

A redirect is a plain HTML file that works on any static host: a meta refresh (no
JavaScript needed), a canonical link for search engines, and a script that carries the
#section anchor along where JavaScript runs.
"""

from __future__ import annotations

import json

from scripts.entries.model import Practice
from scripts.site.render import esc, human_date, page
from scripts.entries.retired import Retired


def redirect_html(target: str, canonical: str, title: str) -> str:
    """A page that sends the browser to `target` (relative), keeping the #anchor."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {esc(title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{esc(canonical)}">
<meta http-equiv="refresh" content="0; url={esc(target)}">
<script>location.replace({json.dumps(target)} + location.hash);</script>
</head>
<body>
<p>This practice has a new address: <a href="{esc(target)}">{esc(title)}</a>.</p>
</body>
</html>
"""


def redirects(practices: list[Practice], retired: list[Retired], base_url: str) -> dict[str, str]:
    """Output path -> HTML, for every alias and every retired id that has a replacement."""
    by_id = {p.id: p for p in practices}
    pages = {}
    moves = [(alias, p) for p in practices for alias in p.aliases]
    moves += [(r.id, by_id[r.replaced_by]) for r in retired if r.replaced_by in by_id]
    for old, practice in moves:
        pages[f"practices/{old}/index.html"] = redirect_html(
            f"../{practice.id}/", f"{base_url}practices/{practice.id}/", practice.title
        )
    return pages


def withdrawn_page(record: Retired) -> str:
    """/practices/<id>/ for a removed practice with no successor: say so, and why."""
    body = (
        "# This practice was withdrawn\n\n"
        f'<p class="atlas-summary">The entry <code>{esc(record.id)}</code> was removed on '
        f"{esc(human_date(record.retired))}: {esc(record.reason)}</p>\n\n"
        '<p><a class="md-button" href="../">Browse all practices</a></p>\n'
    )
    meta = {"title": "Practice withdrawn", "description": f"The practice {record.id} was withdrawn."}
    return page(meta, body)
