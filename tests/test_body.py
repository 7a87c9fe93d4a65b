"""The body judged on the CommonMark token stream: sections, markup, line numbers, and bounds
on the work and on the page that any body, however hostile, can cause."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.entries import body
from scripts.entries.body import MARKUP, MAX_MARKUP, parse_body
from scripts.site.markdown_html import render_markdown

FIRST = 10  # the body's first line in the file
REQUIRED = "## Context\n\nA town.\n\n## What was done\n\nA council.\n\n## How to replicate\n\nMeet.\n"
OPTIONAL = "\n## Who was involved\n\nAll.\n\n## Resources\n\nNone.\n\n## Results\n\nSome.\n\n## Challenges and lessons\n\nFew.\n"


def problems(text: str) -> list[str]:
    return [f"{p.line}: {p.message}" for p in parse_body(text, FIRST)[1] if not p.warning]


def line_of(text: str, needle: str) -> int:
    """The file line of the first line of `text` holding `needle`."""
    return FIRST + text[: text.index(needle)].count("\n")


def cpu_seconds(function, *args):
    """CPU time of this process only: other work on the machine does not count."""
    start = time.process_time()
    result = function(*args)
    return time.process_time() - start, result


def test_valid_body_has_sections_with_their_markdown():
    text = REQUIRED + OPTIONAL.replace("None.", "- [a report](https://example.org)\n- *two*")
    sections, found = parse_body(text, FIRST)
    assert found == []
    assert [s.key for s in sections] == [spec.key for spec in body.SECTIONS]
    resources = sections[4]
    assert resources.line == line_of(text, "## Resources")
    assert resources.text == "- [a report](https://example.org)\n- *two*"


def test_indented_code_holding_html_is_code():
    assert problems(REQUIRED + OPTIONAL + "\n    <div>an example</div>\n") == []


def test_fenced_code_holding_a_script_is_code():
    assert problems(REQUIRED + OPTIONAL + "\n```html\n<script>alert(1)</script>\n```\n") == []
    assert problems(REQUIRED + OPTIONAL + "\n~~~\n<img src=x onerror=alert(1)>\n~~~\n") == []


def test_inline_code_holding_html_is_code():
    assert problems(REQUIRED + OPTIONAL + "\nWrite `<script>` and ``<b onclick=x>`` as code.\n") == []


def test_setext_heading_is_a_section():
    text = "## Context\n\nA town.\n\nWhat was done\n----\n\nA council.\n\n## How to replicate\n\nMeet.\n" + OPTIONAL
    sections, found = parse_body(text, FIRST)
    assert found == []
    done = sections[1]
    assert (done.key, done.line, done.text) == ("what-was-done", line_of(text, "What was done"), "A council.")


def test_setext_top_level_heading_is_refused():
    text = "Dialogue council\n================\n\n" + REQUIRED + OPTIONAL
    assert problems(text) == [
        f"{FIRST}: '# Dialogue council' is a top-level heading; the title comes from the front-matter, "
        "so start sections with '## '"
    ]


def test_line_of_text_under_a_paragraph_is_a_heading_as_the_renderer_sees_it():
    text = REQUIRED + "\nNotes\n---\n" + OPTIONAL
    assert problems(text) == [
        f"{line_of(text, 'Notes')}: '## Notes' is not a known section; the sections are: Context, What was done, "
        "How to replicate, Who was involved, Resources, Results, Challenges and lessons"
    ]


def test_heading_inside_a_block_quote_does_not_start_a_section():
    sections, found = parse_body(REQUIRED.replace("Meet.", "> ## Context\n> quoted") + OPTIONAL, FIRST)
    assert [s.key for s in sections][:3] == ["context", "what-was-done", "how-to-replicate"]
    assert found == []


def test_block_quotes_nested_forty_deep_are_refused():
    text = REQUIRED + OPTIONAL + "\n" + ">" * 40 + " deep\n"
    assert problems(text) == [
        f"{line_of(text, '>>>')}: block quotes or lists are nested 40 levels deep; at most 8 are allowed"
    ]


def test_lists_nested_nine_deep_are_refused_eight_are_not():
    def nested(depth):
        return "".join("  " * level + "- item\n" for level in range(depth))

    assert problems(REQUIRED + OPTIONAL + "\n" + nested(8)) == []
    text = REQUIRED + OPTIONAL + "\n" + nested(9)
    assert problems(text) == [
        f"{line_of(text, '                - item')}: block quotes or lists are nested 9 levels deep; at most 8 are allowed"
    ]


def test_nesting_past_what_the_parser_reads_says_at_least():
    found = problems(REQUIRED + OPTIONAL + "\n" + "> " * 200 + "deep\n")
    assert len(found) == 1
    assert re.fullmatch(
        r"\d+: block quotes or lists are nested at least \d+ levels deep; at most 8 are allowed", found[0]
    )


def test_reference_link_to_javascript_is_refused_where_the_target_is_written():
    text = REQUIRED + OPTIONAL + "\nSee [x][1] and [again][1].\n\n[1]: javascript:alert(1)\n"
    assert problems(text) == [
        f"{line_of(text, '[1]:')}: links starting with 'javascript:' are not allowed; use https://, http:// or mailto:"
    ]


@pytest.mark.parametrize(
    "link",
    [
        "[a](javascript:alert(1))",
        "[a](JavaScript:alert(1))",
        "[a](java&#115;cript:alert(1))",
        "[a](java&Tab;script:alert(1))",
        "[a](<java script:alert(1)>)",
        "<javascript:alert(1)>",
        '[a](javascript:alert(1) "title")',
    ],
)
def test_obfuscated_javascript_links_are_refused(link):
    text = REQUIRED + OPTIONAL + f"\nSee {link}.\n"
    assert problems(text) == [
        f"{line_of(text, 'See ')}: links starting with 'javascript:' are not allowed; use https://, http:// or mailto:"
    ]


@pytest.mark.parametrize(
    "link", ["[a](https://example.org)", "[a](#results)", "<https://example.org/?onload=1>", "<info@example.org>"]
)
def test_safe_links_pass(link):
    assert problems(REQUIRED + OPTIONAL + f"\nSee {link}.\n") == []


def test_line_numbers_are_exact_inside_blocks():
    paragraph = "First line,\nsecond with `a code\nspan` and\nfourth <b>bold</b> and <i>it</i>\nfifth ![p](https://x.org/p.png)\n"
    html_block = "<div>\nplain\n<script>alert(1)</script>\n</div>\n"
    list_and_table = "- one\n- two [a](data:text/html,x)\n\n| a | b |\n|---|---|\n| 1 | [b](vbscript:x) |\n"
    attributes = "Styled\ntext {: onclick=alert(1) }\n"
    text = REQUIRED + "\n" + paragraph + "\n" + html_block + "\n" + list_and_table + "\n" + attributes + OPTIONAL
    assert problems(text) == [
        f"{line_of(text, 'fourth')}: raw HTML is not allowed ('<b>'); use Markdown instead",
        f"{line_of(text, 'fifth')}: images are not allowed: a picture from another site would track readers; link to it",
        f"{line_of(text, '<script>')}: '<script>' is not allowed: raw HTML never reaches the page",
        f"{line_of(text, '- two')}: links starting with 'data:' are not allowed; use https://, http:// or mailto:",
        f"{line_of(text, '| 1 |')}: links starting with 'vbscript:' are not allowed; use https://, http:// or mailto:",
        f"{line_of(text, 'text {:')}: event-handler attribute 'onclick=' is not allowed",
    ]


def test_unclosed_fence_is_reported_where_it_opens():
    text = REQUIRED + OPTIONAL + "\n~~~~\ncode\n"
    assert problems(text) == [f"{line_of(text, '~~~~')}: a code block opened with ~~~~ is never closed"]


def test_table_that_grows_many_times_its_text_is_refused():
    table = "|" + "a|" * 400 + "\n|" + "-|" * 400 + "\n" + "x\n" * 60
    text = REQUIRED + OPTIONAL + "\n" + table
    assert problems(text) == [
        f"{line_of(text, '|a|')}: would become 0.2 MB of HTML from 2 KB of text; at most 10 times the text "
        "is allowed (is there a table with many columns?)"
    ]


def test_long_ordinary_body_is_not_refused_for_size():
    paragraph = "A council of residents met every month and published its minutes. " * 10 + "\n\n"
    text = REQUIRED + OPTIONAL.replace("None.", paragraph * 300 + "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 500)
    seconds, (_, found) = cpu_seconds(parse_body, text, FIRST)
    assert found == []
    assert seconds < 5


# Inputs that have made Markdown parsers or their regexes slow: long runs of openers without
# closers, deep nesting, tables that are filled in, entity and escape runs.
ADVERSARIAL = {
    "image_open": "![",
    "bracket_open": "[",
    "bracket_close": "]",
    "star": "*",
    "underscore": "_",
    "star_a": "*a",
    "star_underscore": "*_a",
    "backtick": "`",
    "code_span_open": "`a",
    "lt": "<",
    "lt_a": "<a",
    "lt_a_space": "<a ",
    "tag_attributes": "<a b='",
    "comment_open": "<!--",
    "cdata_open": "<![CDATA[",
    "quote": ">",
    "quote_space": "> ",
    "list": "- ",
    "ordered_list": "1. ",
    "link_paren": "[a](",
    "link_paren_nested": "(",
    "link_label": "[a][",
    "reference_use": "[a] ",
    "entity_number": "&#",
    "entity_name": "&amp;",
    "ampersand": "&",
    "backslash": "\\",
    "tilde": "~",
    "strike": "~~a",
    "www": "www.",
    "email": "a@",
    "url": "http://a",
    "pipe": "|",
    "event_handler": "onabc ",
    "attribute_list": "{: ",
    "bang": "!",
    "line_quote": ">\n",
    "heading": "## Results\n",
    "short_lines": "a\n",
    "links": "[a](b) ",
    "dangerous_spaces": "<     ",
}
MEGABYTE = 985_000  # an entry file may be 1 MB; its front-matter takes the rest


def adversarial(unit: str, size: int) -> str:
    return REQUIRED + OPTIONAL + "\n" + unit * (size // len(unit)) + "\n"


def under_budget(unit: str) -> str:
    """As much of `unit` as still passes the markup budget: the most that reaches the parser."""
    per_unit = max(1, len(MARKUP.findall(unit)))
    spare = MAX_MARKUP - len(MARKUP.findall(REQUIRED + OPTIONAL)) - 10
    return adversarial(unit, min(MEGABYTE, spare // per_unit * len(unit)))


@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
@pytest.mark.parametrize("shape", ["megabyte", "under_budget"])
def test_hostile_body_is_judged_and_rendered_in_bounded_time(unit, shape):
    text = adversarial(unit, MEGABYTE) if shape == "megabyte" else under_budget(unit)
    seconds, (sections, _) = cpu_seconds(parse_body, text, FIRST)
    assert seconds < 5
    # The build renders the sections of an accepted entry; render them all the same.
    seconds, _ = cpu_seconds(lambda: [render_markdown(s.text) for s in sections])
    assert seconds < 5


def test_megabyte_of_image_openers_is_refused_at_once():
    text = REQUIRED + OPTIONAL + "\n" + "![" * 495_000 + "\n"
    seconds, found = cpu_seconds(problems, text)
    assert seconds < 1
    assert found == [
        f"{line_of(text, '![![')}: has {len(MARKUP.findall(text)):,} line breaks and markup characters such as "
        "[ ] < > * _ `; at most 10,000 are allowed, and this line passes the limit"
    ]


def test_megabyte_of_quote_markers_is_refused_at_once():
    """Rendered, it would be a 26 MB page that a browser takes a minute to open."""
    text = REQUIRED + OPTIONAL + "\n" + ">" * 985_000
    seconds, found = cpu_seconds(problems, text)
    assert seconds < 1
    assert found == [
        f"{line_of(text, '>>>')}: has {len(MARKUP.findall(text)):,} line breaks and markup characters such as "
        "[ ] < > * _ `; at most 10,000 are allowed, and this line passes the limit"
    ]


def test_markup_budget_points_at_the_line_that_passes_it():
    text = REQUIRED + OPTIONAL + "\n" + "*a* " * 2_000 + "\n\n" + "*b* " * 5_000 + "\n"
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"{line_of(text, '*b*')}: has {len(MARKUP.findall(text)):,} line breaks")


# Every regex left in the validator, fed the strings most likely to make it backtrack.
REGEX_INPUTS = [
    "<" * MEGABYTE,
    "<a" + " " * MEGABYTE,
    "<a " + "b " * (MEGABYTE // 2),
    "<a" * (MEGABYTE // 2),
    "</" + "a" * MEGABYTE,
    "<" + " " * MEGABYTE + "/" + " " * MEGABYTE,
    "< / " * (MEGABYTE // 4),
    "on" + "a" * MEGABYTE + " " * MEGABYTE,
    "onabc" * (MEGABYTE // 5),
    "{" * MEGABYTE,
    "{:" + " " * MEGABYTE,
    "a" * MEGABYTE + ":",
    "a" * MEGABYTE,
]


@pytest.mark.parametrize("name", ["TAG", "DANGEROUS_TAG", "EVENT_HANDLER", "ATTRIBUTE_LIST", "SCHEME", "MARKUP"])
def test_every_regex_is_linear(name):
    """A megabyte takes a regex well under a second when it is linear, and minutes when not."""
    pattern = getattr(body, name)
    # SCHEME is only ever matched at the start of a link target.
    run = pattern.match if name == "SCHEME" else lambda text: sum(1 for _ in pattern.finditer(text))
    for text in REGEX_INPUTS:
        seconds, _ = cpu_seconds(run, text)
        assert seconds < 2, text[:20]


PIECES = [
    *"#>-*_`[]()!<>&;:/\\|~ \n\tax1.=\"'",
    "## ",
    "\n\n",
    "    ",
    "```",
    "<div>",
    "[1]: ",
    "javascript:",
    "===",
    "---",
]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(extra=MARKDOWNISH)
def test_any_body_gives_lines_inside_it_and_sections_from_its_own_text(extra):
    text = REQUIRED + OPTIONAL + extra
    sections, found = parse_body(text, FIRST)
    last = FIRST + text.count("\n")
    assert all(FIRST - 1 <= p.line <= last for p in found)
    for section in sections:
        assert section.text in text
        assert FIRST <= section.line <= last
        html = render_markdown(section.text).lower()
        assert "<div" not in html and "<script" not in html and 'href="javascript' not in html
