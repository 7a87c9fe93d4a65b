"""The Markdown body of an entry: its H2 sections, and the markup that must not reach a page.

Raw HTML is refused rather than cleaned: a contributor learns at once that it will not be
published, and nothing they wrote changes silently on the way to the page.

The body is judged on the CommonMark token stream (markdown-it-py), so code blocks are code
and a setext heading is a heading, as the renderer (cmark-gfm) sees them. Every check runs
in linear time: a body is at most 1 MB and comes from strangers.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from dataclasses import dataclass

import cmarkgfm
from markdown_it import MarkdownIt
from markdown_it.rules_core import inline
from markdown_it.rules_inline import autolink, html_inline, image, link
from markdown_it.token import Token

from scripts.entries.problems import closest


@dataclass(frozen=True)
class SectionSpec:
    key: str  # the stable anchor: /practices/<id>/#how-to-replicate
    title: str
    required: bool


SECTIONS = (
    SectionSpec("context", "Context", True),
    SectionSpec("what-was-done", "What was done", True),
    SectionSpec("how-to-replicate", "How to replicate", True),
    SectionSpec("who-was-involved", "Who was involved", False),
    SectionSpec("resources", "Resources", False),
    SectionSpec("results", "Results", False),
    SectionSpec("challenges-and-lessons", "Challenges and lessons", False),
)
BY_TITLE = {spec.title.casefold(): spec for spec in SECTIONS}
TITLES = tuple(BY_TITLE)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    line: int  # of the heading, in the file
    text: str  # Markdown under the heading


@dataclass(frozen=True)
class BodyProblem:
    line: int
    message: str
    warning: bool = False


# markdown-it-py is linear but pure Python: a line break or a character such as '[' costs it
# up to 70 µs, plain text a hundred times less; and nh3's HTML parser slows with the square of
# the nesting that each of these can open. Real entries hold about a hundred; this many still
# parse and render within a second, whatever they are.
MAX_MARKUP = 10_000
MARKUP_CHARACTERS = "\n!#$%&*+-:<=>@[\\]^_`{}~|"  # markdown-it's terminators, and '|' for tables
MARKUP = re.compile("[" + re.escape(MARKUP_CHARACTERS) + "]")
MAX_NESTING = 8  # block quotes and lists inside each other; real entries use two or three
# markdown-it stops descending at this token depth (a list costs two: list and item), which
# bounds its work on '>>>>…'; deep enough to count MAX_NESTING exactly and say how far past.
PARSER_NESTING = 60
# Inline, the depth bounds how far each '[' looks ahead for its ']': keep markdown-it's own.
INLINE_NESTING = 20
MAX_GROWTH = 10  # times the text: tables and lists stay well under; only tricks go over
MIN_GROWTH_CHECKED = 200_000  # characters of HTML: below this no page is too big to open

# Every pattern below runs in linear time on any input: no two unbounded repeats can
# match the same characters, so a failed match never retries a quadratic number of splits
# (SCHEME is only matched at the start of a target, never searched).
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>|<!--|<![A-Za-z\[]|<\?")
DANGEROUS_TAG = re.compile(
    r"<[\s/]*(script|iframe|object|embed|style|svg|math|img|form|input|button|link|meta|base|frame|frameset|template)\b",
    re.IGNORECASE,
)
EVENT_HANDLER = re.compile(r"\bon[a-z]{3,}\s*=", re.IGNORECASE)
# '{: onclick=… }' is an attribute list in other Markdown dialects; cmark-gfm prints it as
# text, but a contributor who writes one expects it to act.
ATTRIBUTE_LIST = re.compile(r"\{[^{}]*\}")
ALLOWED_SCHEMES = ("http", "https", "mailto")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
IMAGE_MESSAGE = "images are not allowed: a picture from another site would track readers; link to it"
CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open"}


def _positioned(rule):
    """An inline rule that notes where in its block's text each token it makes starts."""

    def positioned(state, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            for token in state.tokens[count:]:
                if token.nesting >= 0:  # a link's children keep their own; its close has none
                    token.meta.setdefault("pos", start)
        return found

    return positioned


def _parser() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        # definition tokens carry the line of '[1]: url'; store_labels marks reference links.
        {"maxNesting": PARSER_NESTING, "inline_definitions": True, "store_labels": True},
    ).enable(["table", "strikethrough"])
    # markdown-it would leave a javascript: link as plain text without a word; let every
    # link through as a token so that its target is judged here, with a message.
    md.validateLink = lambda url: True
    # Judge the target as written (entities decoded), not percent-encoded for output.
    md.normalizeLink = lambda url: url
    for name, rule in (("link", link), ("image", image), ("autolink", autolink), ("html_inline", html_inline)):
        md.inline.ruler.at(name, _positioned(rule))
    md.core.ruler.at("inline", _inline_nesting)
    return md


def _inline_nesting(state) -> None:
    """markdown-it's inline pass, with its default depth rather than the block depth."""
    options = state.md.options
    options["maxNesting"] = INLINE_NESTING
    try:
        inline(state)
    finally:
        options["maxNesting"] = PARSER_NESTING


PARSER = _parser()


def parse_body(body: str, first_line: int) -> tuple[list[Section], list[BodyProblem]]:
    """Split the body into its sections and list everything wrong with it."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")  # as markdown-it counts lines
    too_much = _check_markup(body, first_line)
    if too_much:
        return [], too_much
    lines = body.split("\n")
    tokens = PARSER.parse(body)
    problems: list[BodyProblem] = []
    headings: list[tuple[SectionSpec | None, int, int]] = []  # spec, heading line, first text line
    preamble_line = None
    in_section = False  # under any H2, even an unknown one: its text is not a preamble
    guessed: set[str] = set()  # sections a misspelt heading was taken for

    for index, token in enumerate(tokens):
        if token.level == 0 and token.map:  # a top-level block: may start a section
            start, end = token.map
            if token.type == "heading_open" and token.tag in ("h1", "h2"):
                text = " ".join(tokens[index + 1].content.split())
                spec = _heading(token.tag, text, first_line + start, problems, guessed)
                headings.append((spec, first_line + start, end))
                in_section = in_section or token.tag == "h2"
            elif not in_section and preamble_line is None:
                preamble_line = first_line + start
        problems.extend(_check_token(token, first_line))
    nesting = _check_nesting(tokens, first_line)
    problems.extend(nesting)

    sections = []
    for number, (spec, line, text_start) in enumerate(headings):
        text_end = headings[number + 1][1] - first_line if number + 1 < len(headings) else len(lines)
        if spec is not None:
            sections.append(Section(spec.key, spec.title, line, "\n".join(lines[text_start:text_end]).strip("\n")))
    if preamble_line is not None:
        problems.append(BodyProblem(preamble_line, "text before the first section; put it under '## Context'"))
    problems.extend(_check_order(sections, max(first_line - 1, 1), guessed))
    if not nesting:  # rendering deep nesting is what takes seconds; it is refused already
        blocks = [t.map for t in tokens if t.level == 0 and t.map and t.nesting >= 0]
        problems.extend(_check_growth(sections, lines, blocks, first_line))
    # One message per mistake and line: '<img>' ten times on a line is one problem.
    problems = sorted(dict.fromkeys(problems), key=lambda p: p.line)
    return sections, problems


def _check_markup(body: str, first_line: int) -> list[BodyProblem]:
    """Refuse, before parsing, a body with more markup than markdown-it reads in a second."""
    count = sum(body.count(character) for character in MARKUP_CHARACTERS)  # C speed
    if count <= MAX_MARKUP:
        return []
    past = next(itertools.islice(MARKUP.finditer(body), MAX_MARKUP, None))
    return [
        BodyProblem(
            first_line + body.count("\n", 0, past.start()),
            (
                f"has {count:,} line breaks and markup characters such as [ ] < > * _ `; "
                f"at most {MAX_MARKUP:,} are allowed, and this line passes the limit"
            ),
        )
    ]


def _heading(tag: str, text: str, line: int, problems: list[BodyProblem], guessed: set[str]) -> SectionSpec | None:
    """The section an H1 or H2 heading starts, or None with a problem."""
    if tag == "h1":
        problems.append(
            BodyProblem(
                line,
                (
                    f"'# {text}' is a top-level heading; the title comes from the front-matter, "
                    "so start sections with '## '"
                ),
            )
        )
        return None
    spec = BY_TITLE.get(text.rstrip(":").strip().casefold())
    if spec is None:
        guess = closest(text.casefold(), TITLES)
        if guess:
            guessed.add(BY_TITLE[guess].key)
        hint = (
            f"did you mean '## {BY_TITLE[guess].title}'?"
            if guess
            else "the sections are: " + ", ".join(s.title for s in SECTIONS)
        )
        problems.append(BodyProblem(line, f"'## {text}' is not a known section; {hint}"))
    return spec


def _check_token(token: Token, first_line: int) -> list[BodyProblem]:
    """Markup in one block token that must not reach a page."""
    if token.map is None:
        return []
    line = first_line + token.map[0]
    if token.type == "html_block":
        return _check_html(token.content, line)
    if token.type == "definition":  # '[1]: url', reported where the target is written
        return _check_target(token.meta["url"], line)
    if token.type == "fence" and token.map[1] - token.map[0] - token.content.count("\n") == 1:
        # A closed fence spans its content and two fence lines; an open one runs to the end.
        return [BodyProblem(line, f"a code block opened with {_short(token.markup, 12)} is never closed")]
    if token.type == "inline":
        return _check_inline(token, line)
    return []


def _check_inline(token: Token, line: int) -> list[BodyProblem]:
    problems: list[BodyProblem] = []
    newlines: list[int] | None = None
    anchor, breaks = 0, 0  # the last known position in the block's text, and line breaks since
    in_autolink = False
    raw_lines: set[int] = set()

    def at(pos: int | None) -> int:
        nonlocal newlines
        if newlines is None:
            newlines = [m.start() for m in re.finditer("\n", token.content)]
        if pos is None:
            return line + bisect.bisect_left(newlines, anchor) + breaks
        return line + bisect.bisect_left(newlines, pos)

    for child in token.children or ():
        pos = child.meta.get("pos")
        if pos is not None:
            anchor, breaks = pos, 0
        if child.type in ("softbreak", "hardbreak"):
            breaks += 1
        elif child.type == "html_inline":
            # '<span>…</span>' is two tokens: one message for plain raw HTML on a line.
            problems.extend(_check_html(child.content, at(pos), at(pos) not in raw_lines))
            raw_lines.add(at(pos))
        elif child.type == "image":
            problems.append(BodyProblem(at(pos), IMAGE_MESSAGE))
            if "label" not in child.meta:  # a reference's target is judged at its definition
                problems.extend(_check_target(str(child.attrs.get("src", "")), at(pos)))
        elif child.type == "link_open":
            in_autolink = child.markup == "autolink"
            if "label" not in child.meta:
                problems.extend(_check_target(str(child.attrs.get("href", "")), at(pos)))
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "text" and not in_autolink and "{" in child.content:
            for attributes in ATTRIBUTE_LIST.finditer(child.content):
                problems.extend(_event_handler(attributes.group(0), at(None)))
    return problems


def _check_html(fragment: str, line: int, plain: bool = True) -> list[BodyProblem]:
    """Raw HTML, from markdown-it's html_block or html_inline token; `plain`: report it even
    when no tag in it is dangerous."""
    problems = []
    dangerous = DANGEROUS_TAG.search(fragment)
    if dangerous:
        problems.append(
            BodyProblem(
                line + fragment.count("\n", 0, dangerous.start()),
                f"'<{dangerous.group(1).lower()}>' is not allowed: raw HTML never reaches the page",
            )
        )
    elif plain:
        tag = TAG.search(fragment) or re.search(r"<\S*", fragment)
        shown = tag.group(0) if tag else fragment.strip()
        start = tag.start() if tag else 0
        problems.append(
            BodyProblem(
                line + fragment.count("\n", 0, start),
                f"raw HTML is not allowed ('{_short(shown)}'); use Markdown instead",
            )
        )
    handler = EVENT_HANDLER.search(fragment)
    if handler:
        problems.extend(_event_handler(handler.group(0), line + fragment.count("\n", 0, handler.start())))
    return problems


def _event_handler(text: str, line: int) -> list[BodyProblem]:
    handler = EVENT_HANDLER.search(text)
    if not handler:
        return []
    name = re.sub(r"\s", "", handler.group(0))
    return [BodyProblem(line, f"event-handler attribute '{name}' is not allowed")]


def _check_target(target: str, number: int) -> list[BodyProblem]:
    # Browsers ignore control characters and white space inside a scheme, and Markdown
    # decodes entities: 'java&#115;cript:' and 'java\tscript:' are both javascript:.
    decoded = "".join(ch for ch in html.unescape(target) if ch.isprintable() and not ch.isspace())
    scheme = SCHEME.match(decoded)
    if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return [
            BodyProblem(
                number,
                (f"links starting with '{scheme.group(1).lower()}:' are not allowed; use https://, http:// or mailto:"),
            )
        ]
    return []


def _check_nesting(tokens: list[Token], first_line: int) -> list[BodyProblem]:
    """Block quotes and lists nested deeper than MAX_NESTING, once per top-level block."""
    problems = []
    depth, deepest, deepest_level, too_deep_line = 0, 0, 0, None
    for token in tokens:
        if token.type in CONTAINERS:
            depth += 1
            if depth > MAX_NESTING and too_deep_line is None:
                too_deep_line = first_line + token.map[0]
            deepest = max(deepest, depth)
        elif token.type in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            depth -= 1
        deepest_level = max(deepest_level, token.level)
        if depth == 0 and too_deep_line is not None:
            # At the parser's limit the rest was not read: the real depth may be greater.
            how_deep = f"at least {deepest}" if deepest_level >= PARSER_NESTING - 2 else str(deepest)
            problems.append(
                BodyProblem(
                    too_deep_line,
                    f"block quotes or lists are nested {how_deep} levels deep; at most {MAX_NESTING} are allowed",
                )
            )
            deepest, deepest_level, too_deep_line = 0, 0, None
    return problems


def _check_growth(sections: list[Section], lines: list[str], blocks: list, first_line: int) -> list[BodyProblem]:
    """A page many times bigger than its text, as the site's renderer would make it."""
    # cmark-gfm is C and linear: rendering a whole megabyte takes a few milliseconds.
    page = sum(len(_render(s.text)) for s in sections)
    text = sum(len(s.text) for s in sections)
    if page <= MIN_GROWTH_CHECKED or page <= MAX_GROWTH * text:
        return []
    # Point at the top-level block (a table, a list) that grows most.
    line, biggest = first_line, 0
    for start, end in blocks:
        size = len(_render("\n".join(lines[start:end])))
        if size > biggest:
            line, biggest = first_line + start, size
    return [
        BodyProblem(
            line,
            (
                f"would become {page / 1e6:.1f} MB of HTML from {max(1, round(text / 1e3))} KB of text; "
                f"at most {MAX_GROWTH} times the text is allowed (is there a table with many columns?)"
            ),
        )
    ]


def _render(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(text)


def _check_order(sections: list[Section], top_line: int, guessed: set[str]) -> list[BodyProblem]:
    problems = []
    order = [spec.key for spec in SECTIONS]
    first_line: dict[str, int] = {}
    previous = None
    for section in sections:
        if section.key in first_line:
            problems.append(
                BodyProblem(
                    section.line,
                    f"'## {section.title}' appears twice (first on line {first_line[section.key]})",
                )
            )
            continue
        first_line[section.key] = section.line
        if previous and order.index(section.key) < order.index(previous.key):
            problems.append(BodyProblem(section.line, f"'## {section.title}' must come before '## {previous.title}'"))
        previous = section
        if not section.text.strip():
            spec = next(s for s in SECTIONS if s.key == section.key)
            if spec.required:
                problems.append(BodyProblem(section.line, f"section '## {section.title}' is empty"))
    for spec in SECTIONS:
        if spec.key not in first_line and spec.key not in guessed:
            if spec.required:
                problems.append(BodyProblem(top_line, f"required section '## {spec.title}' is missing"))
            else:
                problems.append(
                    BodyProblem(
                        top_line,
                        f"optional section '## {spec.title}' is missing; "
                        "add it and write 'Not reported.' if the sources say nothing",
                        warning=True,
                    )
                )
    return problems


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
