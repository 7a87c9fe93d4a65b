"""Atom feeds of new and updated practices: the whole atlas, and one per region and theme.

An entry's date is when it last changed (the repository's history, else `last_reviewed`),
and a feed's is its newest entry's: the build clock never enters, so two builds of the
same commit give the same feeds.
The document is templates/feed.xml, autoescaped like every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from scripts.entries.model import Practice
from scripts.entries.taxonomy import Taxonomy
from scripts.site.templating import render

MAX_ENTRIES = 50  # a feed tells what is new; the catalogue and the open data hold the rest


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    practices: list[Practice],
    taxonomy: Taxonomy,
    *,
    title: str,
    feed_url: str,
    page_url: str,
    base_url: str,
    changed: Callable[[Practice], str] | None = None,
) -> str:
    """An Atom document of the newest practices, newest first. `changed` gives a practice's
    last change as an ISO 8601 UTC time (default: its last_reviewed day)."""
    changed = changed or (lambda p: _stamp(p.last_reviewed))
    newest = sorted(practices, key=lambda p: (changed(p), p.id), reverse=True)[:MAX_ENTRIES]
    entries = [
        {
            "practice": p,
            "url": f"{base_url}practices/{p.id}/",
            "updated": changed(p),
            "themes": [(t, taxonomy.label("themes", t)) for t in p.themes],
        }
        for p in newest
    ]
    updated = max((entry["updated"] for entry in entries), default="2000-01-01T00:00:00Z")
    return render("feed.xml", title=title, feed_url=feed_url, page_url=page_url, updated=updated, entries=entries)
