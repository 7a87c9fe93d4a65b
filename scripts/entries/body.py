"""The Markdown body of an entry: its H2 sections, and the markup that must not reach a page.

Raw HTML is refused rather than cleaned: a contributor learns at once that it will not be
published, and nothing they wrote changes silently on the way to the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

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


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
EMAIL_AUTOLINK = re.compile(r"<[^\s<>@]+@[^\s<>@]+>")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>|<!--|<![A-Za-z\[]|<\?")
# Markdown opens an HTML block on a line that begins with a tag name, even an unclosed one.
TAG_START = re.compile(r"^\s*</?[A-Za-z][A-Za-z0-9\-]*(?:\s|/?>|$)")
DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|svg|math|img|form|input|button|link|meta|base|frame|frameset|template)\b",
    re.IGNORECASE,
)
EVENT_HANDLER = re.compile(r"\bon[a-z]{3,}\s*=", re.IGNORECASE)
IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
MARKUP_CHARACTERS = re.compile(r"[<\[\]=]")
ALLOWED_SCHEMES = ("http", "https", "mailto")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def parse_body(body: str, first_line: int) -> tuple[list[Section], list[BodyProblem]]:
    """Split the body into its sections and list everything wrong with it."""
    problems: list[BodyProblem] = []
    sections: list[Section] = []
    current: tuple[SectionSpec, int, list[str]] | None = None
    preamble_line = None
    in_section = False  # under any H2, even an unknown one: its text is not a preamble
    guessed: set[str] = set()  # sections a misspelt heading was taken for
    fence: str | None = None

    def close() -> None:
        if current:
            spec, line, lines = current
            sections.append(Section(spec.key, spec.title, line, "\n".join(lines).strip("\n")))

    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        fence_match = FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            if current:
                current[2].append(line)
            continue
        if fence_match:
            fence = fence_match.group(1)
        heading = ATX.match(line) if fence is None else None
        if heading and len(heading.group(1)) <= 2:
            close()
            current = None
            text = (heading.group(2) or "").strip()
            if len(heading.group(1)) == 1:
                problems.append(
                    BodyProblem(
                        number,
                        (
                            f"'# {text}' is a top-level heading; the title comes from the front-matter, "
                            "so start sections with '## '"
                        ),
                    )
                )
                continue
            spec = BY_TITLE.get(text.rstrip(":").strip().casefold())
            in_section = True
            if spec is None:
                guess = closest(text.casefold(), TITLES)
                if guess:
                    guessed.add(BY_TITLE[guess].key)
                hint = (
                    f"did you mean '## {BY_TITLE[guess].title}'?"
                    if guess
                    else "the sections are: " + ", ".join(s.title for s in SECTIONS)
                )
                problems.append(BodyProblem(number, f"'## {text}' is not a known section; {hint}"))
                continue
            current = (spec, number, [])
            continue
        problems.extend(check_line(line, number))
        if current:
            current[2].append(line)
        elif line.strip() and preamble_line is None and not in_section:
            preamble_line = number
    close()
    if fence is not None:
        problems.append(BodyProblem(first_line + body.count("\n"), "a code block opened with ``` is never closed"))
    if preamble_line is not None:
        problems.append(BodyProblem(preamble_line, "text before the first section; put it under '## Context'"))
    problems.extend(_check_order(sections, max(first_line - 1, 1), guessed))
    return sections, problems


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


def check_line(line: str, number: int) -> list[BodyProblem]:
    """Markup in one line of prose (outside code) that must not reach a page."""
    if not MARKUP_CHARACTERS.search(line):  # most lines: every pattern below needs one
        return []
    problems = []
    prose = CODE_SPAN.sub("", line)
    for target in AUTOLINK.findall(prose):
        problems.extend(_check_target(target, number))
    without_links = EMAIL_AUTOLINK.sub("", AUTOLINK.sub("", prose))
    dangerous = DANGEROUS_TAG.search(without_links)
    tag = TAG.search(without_links) or (TAG_START.match(without_links) and re.search(r"<\S*", without_links))
    if dangerous:
        problems.append(
            BodyProblem(number, f"'<{dangerous.group(1).lower()}>' is not allowed: raw HTML never reaches the page")
        )
    elif tag:
        problems.append(
            BodyProblem(number, f"raw HTML is not allowed ('{_short(tag.group(0))}'); use Markdown instead")
        )
    handler = EVENT_HANDLER.search(without_links)
    if handler:
        problems.append(
            BodyProblem(number, f"event-handler attribute '{handler.group(0).replace(' ', '')}' is not allowed")
        )
    if IMAGE.search(prose):
        problems.append(
            BodyProblem(number, "images are not allowed: a picture from another site would track readers; link to it")
        )
    for pattern in (INLINE_LINK, REFERENCE_LINK):
        for target in pattern.findall(prose):
            problems.extend(_check_target(target, number))
    return problems


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


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
