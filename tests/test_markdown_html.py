"""The second lock: body Markdown becomes HTML with only allowed tags and safe links."""

from __future__ import annotations

import time

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
        # nh3 adds rel="noopener" to every link, even one whose unsafe href it dropped.
        ("[x](javascript:alert(1))", '<p><a rel="noopener">x</a></p>'),
        ("[x](java&#115;cript:alert(1))", '<p><a rel="noopener">x</a></p>'),
        ("[in page](#results)", '<p><a href="#results" rel="noopener">in page</a></p>'),
        ("[folder](../other-practice/)", '<p><a rel="noopener">folder</a></p>'),
        ("#### Four", "<h4>Four</h4>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("```python\nx = '<b>'\n```", "<pre><code>x = '&lt;b&gt;'\n</code></pre>"),
        ("<div>raw</div>\n\ntext <b>x</b>", "<p>text x</p>"),
        ("<!-- note -->\n\ntext", "<p>text</p>"),
        ("- [ ] task", "<ul>\n<li> task</li>\n</ul>"),
    ],
)
def test_markdown_renders(markdown, html):
    assert render_markdown(markdown) == html


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ('<img src="https://tracker.example/x.png" onerror="alert(1)">', ""),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<a href=" JAVASCRIPT:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="data:text/html,hi">x</a>', '<a rel="noopener">x</a>'),
        ('<a href="//evil.example/x">x</a>', '<a rel="noopener">x</a>'),
        ('<h2 id="x">h</h2><p lang="en" title="t">y</p>', "h<p>y</p>"),
        ('<p onclick="alert(1)" style="color:red">x</p>', "<p>x</p>"),
        ("<iframe src=https://example.org></iframe>after", "after"),
        ("<style>body{}</style><em>kept</em>", "<em>kept</em>"),
        ("<p>unclosed <em>tags", "<p>unclosed <em>tags</em></p>"),
        ('<a href="mailto:info@example.org">mail</a>', '<a href="mailto:info@example.org" rel="noopener">mail</a>'),
        ("<p>a<!-- hidden -->b</p>", "<p>ab</p>"),
    ],
)
def test_sanitise_keeps_only_safe_markup(fragment, expected):
    assert sanitise(fragment) == expected


def test_attribute_lists_are_not_interpreted():
    assert render_markdown("Text {: onclick=alert(1) }") == "<p>Text {: onclick=alert(1) }</p>"


def test_h2_cannot_reach_a_section():
    """'## X' starts a section, so the validator never lets one into a section's text; if
    one came all the same, its words stay and the heading goes."""
    assert render_markdown("## Inside") == "Inside"


def test_text_the_validator_refuses_for_its_markup_is_not_rendered():
    """Rendered, a megabyte of '>' is a million nested block quotes that nh3 would take
    hours to parse; the validator refuses it, and the renderer will not try."""
    start = time.process_time()
    with pytest.raises(ValueError, match="Markdown markup characters"):
        render_markdown(">" * 985_000)
    assert time.process_time() - start < 1


def test_deepest_nesting_the_budget_allows_renders_within_a_second():
    start = time.process_time()
    html = render_markdown(">" * 9_900)
    assert time.process_time() - start < 1
    assert html.count("<blockquote>") == 9_900
