"""The Content-Security-Policy every page carries: the last lock against injected script.

Static hosts such as GitHub Pages set no headers, so the policy travels in the page as a
`<meta http-equiv>`, placed first in <head> so that it governs everything after it.
Scripts and styles come only from the site itself; the inline scripts the theme needs
are allowed by the SHA-256 of their exact text, computed when the page is finished.
No 'unsafe-inline', so an event-handler attribute or a `javascript:` link never runs.
Hosts that do set headers get `_headers` (Netlify, Cloudflare Pages) with what a
meta policy cannot carry: `frame-ancestors`.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_EXTERNAL_OR_DATA = re.compile(r"""\ssrc\s*=|\stype\s*=\s*["']?(?!text/javascript|module)""", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.IGNORECASE)

BASE_POLICY = (
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme's icons are SVG data URLs in its CSS
    "font-src 'self'",
    "connect-src 'self'",  # the search index
    "worker-src 'self'",  # the theme's search worker
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
)
HEADERS = """# Response headers for hosts that read this file (Netlify, Cloudflare Pages). Each page
# also carries its own Content-Security-Policy in a <meta> tag; browsers apply both.
/*
  Content-Security-Policy: frame-ancestors 'none'; object-src 'none'; base-uri 'self'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
"""


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run."""
    return [m.group(2) for m in _SCRIPT.finditer(html) if not _EXTERNAL_OR_DATA.search(m.group(1) or "")]


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    hashes = sorted({script_hash(text) for text in inline_scripts(html)})
    return "; ".join((" ".join(("script-src 'self'", *hashes)), *BASE_POLICY))


def apply(html: str) -> str:
    """The page with its policy as the first element of <head> after the charset."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        raise ValueError("a page without <meta charset='utf-8'> cannot carry its policy first")
    return html[: match.end()] + tag + html[match.end() :]
