"""Contributor Markdown to safe HTML.

The validator already refuses raw HTML and unsafe links, so nothing here should ever
have to act; it is the second lock. Markdown is rendered without attribute lists or
raw-HTML extensions, then every tag and attribute outside a short allowlist is dropped.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
VOID = {"br", "hr"}


_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


_BREAK = "<!--atlas-section-break-->"


def render_markdown(text: str) -> str:
    """Safe HTML for a section of an entry's body."""
    return render_sections([text])[0]


def render_sections(texts: list[str]) -> list[str]:
    """Safe HTML for each of several sections, converted in one pass (one reset, one parse)."""
    # A contributor cannot write the break marker: raw HTML, comments included, is refused.
    rendered = _MARKDOWN.reset().convert(f"\n\n{_BREAK}\n\n".join(texts))
    parts = rendered.split(_BREAK)
    if len(parts) != len(texts):  # the marker was swallowed (e.g. inside a code block)
        parts = [_MARKDOWN.reset().convert(text) for text in texts]
    return [sanitise(part.strip()) for part in parts]


def sanitise(fragment: str) -> str:
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    cleaner.close()
    return "".join(cleaner.out)


class _Cleaner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0  # inside <script> or <style>: drop the content too

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
            return
        if tag not in ALLOWED_TAGS or self.skipping:
            return
        kept = []
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()) or value is None:
                continue
            if name == "href" and not value.strip().lower().startswith(SAFE_SCHEMES):
                continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        if tag == "a" and any(k.startswith(' href="http') for k in kept):
            kept.append(' rel="noopener"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in self.open and not self.skipping:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))

    def close(self):
        super().close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
