"""Atom feeds of new and updated practices: the whole atlas, and one per region and theme.

An entry's date is its `last_reviewed` date, and a feed's is its newest entry's: the
build clock never enters, so two builds of the same entries give the same feeds.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from scripts.entries.model import Practice
from scripts.entries.taxonomy import Taxonomy

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50  # a feed tells what is new; the catalogue and the open data hold the rest


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    practices: list[Practice], taxonomy: Taxonomy, *, title: str, feed_url: str, page_url: str, base_url: str
) -> str:
    """An Atom document of the newest practices, newest first."""
    newest = sorted(practices, key=lambda p: (p.last_reviewed, p.id), reverse=True)[:MAX_ENTRIES]
    updated = _stamp(newest[0].last_reviewed) if newest else "2000-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="en">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(feed_url)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(page_url)}/>',
        f"  <updated>{updated}</updated>",
        "  <author><name>Practice Atlas</name></author>",
    ]
    for practice in newest:
        url = f"{base_url}practices/{practice.id}/"
        lines += [
            "  <entry>",
            f"    <title>{escape(practice.title)}</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"    <updated>{_stamp(practice.last_reviewed)}</updated>",
            f"    <summary>{escape(practice.summary)}</summary>",
        ]
        lines += [
            f"    <category term={quoteattr(t)} label={quoteattr(taxonomy.label('themes', t))}/>"
            for t in practice.themes
        ]
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
