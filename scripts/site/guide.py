"""CONTRIBUTING.md as the site's /contribute/ page: one text for the repository and the site.

The guide is the project's own text, not a contributor's entry, but it is still rendered
to HTML here (markdown-it-py, CommonMark with tables) with raw HTML left as text, so the
page is built like every other generated page. Links are made to work from the site:
- relative links point into the repository (they are relative to the repository root);
- links to the published site itself (`base_url...`) become relative, so the page works
  from any copy of the site, under a sub-path or on an intranet.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

from markdown_it import MarkdownIt

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^#", re.IGNORECASE)


def render_guide(text: str, base_url: str, repository: str, page_path: str) -> tuple[str, list[tuple]]:
    """(HTML, table of contents as (level, id, title, children)) for the guide.

    `repository` is the address files of the repository are read at ('…/blob/main/');
    `page_path` is the page's own folder in the site ('contribute/'), for relative links.
    """
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(text)
    toc: list[tuple] = []
    seen: set[str] = set()
    depth = page_path.count("/")
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            title = tokens[index + 1].content
            anchor = _unique(slug(title), seen)
            token.attrSet("id", anchor)
            level = int(token.tag[1])
            if level == 2:
                toc.append((2, anchor, title, []))
            elif level == 3 and toc:
                toc[-1][3].append((3, anchor, title, []))
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("href", _href(child.attrGet("href") or "", base_url, repository, depth))
    return md.renderer.render(tokens, md.options, {}), toc


def _href(target: str, base_url: str, repository: str, depth: int) -> str:
    if target.startswith(base_url):
        return "../" * depth + target.removeprefix(base_url)
    if _SCHEME.match(target):
        return target
    return urljoin(repository, target)


def slug(title: str) -> str:
    """Python-Markdown's heading ids, so anchors stay those MkDocs gave before."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _unique(anchor: str, seen: set[str]) -> str:
    candidate, number = anchor, 0
    while candidate in seen:
        number += 1
        candidate = f"{anchor}_{number}"
    seen.add(candidate)
    return candidate
