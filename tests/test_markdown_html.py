"""The second lock: body Markdown becomes HTML with only allowed tags and safe links."""

from __future__ import annotations

import pytest

from scripts.site.markdown_html import render_markdown, sanitise


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Plain *text* and **bold**.", "<p>Plain <em>text</em> and <strong>bold</strong>.</p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("[site](https://example.org)", '<p><a href="https://example.org" rel="noopener">site</a></p>'),
        ("### Sub-heading", "<h3>Sub-heading</h3>"),
        ("Code `<b>x</b>` stays text", "<p>Code <code>&lt;b&gt;x&lt;/b&gt;</code> stays text</p>"),
        ("A & B < C", "<p>A &amp; B &lt; C</p>"),
        ("~~withdrawn~~ plan", "<p><del>withdrawn</del> plan</p>"),
        ("3. third\n4. fourth", '<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>'),
        (
            "| a | b |\n|:--|--:|\n| 1 | 2 |",
            '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n'
            '<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>',
        ),
        ("Hi <b onclick=x>there</b>", "<p>Hi there</p>"),
        ("[x](javascript:alert(1))", "<p><a>x</a></p>"),
    ],
)
def test_markdown_renders(markdown, html):
    assert render_markdown(markdown) == html


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ('<img src="https://tracker.example/x.png" onerror="alert(1)">', ""),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" JAVASCRIPT:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,hi">x</a>', "<a>x</a>"),
        ('<p onclick="alert(1)" style="color:red">x</p>', "<p>x</p>"),
        ("<iframe src=https://example.org></iframe>after", "after"),
        ("<style>body{}</style><em>kept</em>", "<em>kept</em>"),
        ("<p>unclosed <em>tags", "<p>unclosed <em>tags</em></p>"),
        ('<a href="mailto:info@example.org">mail</a>', '<a href="mailto:info@example.org">mail</a>'),
    ],
)
def test_sanitise_keeps_only_safe_markup(fragment, expected):
    assert sanitise(fragment) == expected


def test_attribute_lists_are_not_interpreted():
    assert render_markdown("Text {: onclick=alert(1) }") == "<p>Text {: onclick=alert(1) }</p>"
