"""Old links keep working: a redirect page for each former id.

A redirect is a plain HTML file that works on any static host: a meta refresh (no
JavaScript needed), a canonical link for search engines, and a script that carries the
#section anchor along where JavaScript runs (allowed by its hash in the page's policy).
"""

from __future__ import annotations

from scripts.entries.model import Practice
from scripts.entries.retired import Retired
from scripts.site import csp
from scripts.site.templating import render


def redirect_html(target: str, canonical: str, title: str) -> str:
    """A page that sends the browser to `target` (relative), keeping the #anchor."""
    return csp.apply(render("redirect.html", target=target, canonical=canonical, title=title))


def redirects(practices: list[Practice], retired: list[Retired], base_url: str) -> dict[str, str]:
    """Output path -> HTML, for every alias and every retired id that has a replacement."""
    by_id = {p.id: p for p in practices}
    moves = [(alias, p) for p in practices for alias in p.aliases]
    moves += [(r.id, by_id[r.replaced_by]) for r in retired if r.replaced_by in by_id]
    return {
        f"practices/{old}/index.html": redirect_html(
            f"../{practice.id}/", f"{base_url}practices/{practice.id}/", practice.title
        )
        for old, practice in moves
    }
