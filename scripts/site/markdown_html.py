"""Contributor Markdown to safe HTML.

The validator already refuses raw HTML and unsafe links, so nothing here should ever
have to act; it is the second lock. Bodies are rendered by cmark-gfm, GitHub's own
renderer, so a contributor's preview on GitHub matches the page; in its default safe
mode it drops raw HTML and javascript:/data: links, and it knows no attribute lists.
Then nh3 (Ammonia, an HTML5 parser) keeps only a short allowlist of tags, attributes
and link targets.
"""

from __future__ import annotations

import functools

import cmarkgfm
import nh3

from scripts.entries.body import MARKUP_CHARACTERS, MAX_MARKUP

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
SAFE_SCHEMES = {"http", "https", "mailto"}


def _fragment_only(url: str) -> str | None:
    # A link within the page ('#how-to-replicate') is kept; other relative links would
    # point into the site's own folders and are dropped.
    return url if url.startswith("#") else None


CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},  # their text is code, never prose
    attributes={"*": set(), **ALLOWED_ATTRIBUTES},  # '*' empty: no lang or title on every tag
    url_schemes=SAFE_SCHEMES,
    url_relative=_fragment_only,
    link_rel="noopener",
    strip_comments=True,
)


@functools.lru_cache(maxsize=65536)  # each section appears on the page in every language
def render_markdown(text: str) -> str:
    """Safe HTML for a section of an entry's body."""
    if sum(text.count(character) for character in MARKUP_CHARACTERS) > MAX_MARKUP:
        # nh3's HTML parser slows with the square of the nesting depth: '>' * 985_000 would
        # take hours. The validator refuses such a body, so only a way around it gets here.
        raise ValueError(f"more than {MAX_MARKUP:,} Markdown markup characters; the validator refuses this text")
    # C, about twenty times faster than Python-Markdown: the largest share of a build.
    # Options 0 is cmark's safe mode: raw HTML becomes a comment, unsafe links lose href.
    return sanitise(cmarkgfm.github_flavored_markdown_to_html(text, options=0)).strip()


def sanitise(fragment: str) -> str:
    return CLEANER.clean(fragment)
