"""What the security review sent: hostile entries, vocabularies and file names.

Each gives its exact problem line, never a traceback; nothing is published from it; and
nothing it quotes can split a report line, drive a terminal or become Markdown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.entries.problems import Problem, character_problem, escape_controls
from scripts.entries.validate import RESERVED_IDS, Report
from scripts.validate import main, step_summary
from tests.conftest import TODAY

TITLE = "title: Neighbourhood dialogue council in Exampleville"
SUMMARY_END = "early.\n"
HINT = "remove it (it is invisible and can break pages and feeds)"
PAYLOAD = "[More](https://example.org/){ tabindex=1 autofocus onfocus='alert(document.domain)' }"
NOT_A_NUMBER = "is not a number; write digits 0-9 and a point for decimals, like 41.99 or -12.5"
DEEP = (
    "front-matter: values are nested more than 20 levels deep; no field needs more than 4: "
    "look for a stray '[' or '{', or lines indented too far"
)


def title(text: str) -> tuple[str, str]:
    return TITLE, f"title: {text}"


def organisation_url(text: str) -> tuple[str, str]:
    return "    url: https://example.org/\n", f"    url: {text}\n"


CASES = {
    # 1. Text is text: YAML escapes, and characters written as they are.
    "title_escaped_c0": (
        title(r'"Neighbourhood\x01 council"'),
        [f"2: title: contains the control character U+0001 at position 14; {HINT}"],
    ),
    "title_escaped_null": (
        title(r'"Neighbourhood\0 council"'),
        [f"2: title: contains the control character U+0000 at position 14; {HINT}"],
    ),
    "title_escaped_noncharacter": (
        title(r'"Neighbourhood\uFFFE council"'),
        [f"2: title: contains the noncharacter U+FFFE at position 14; {HINT}"],
    ),
    "title_escaped_noncharacter_block": (
        title(r'"Neighbourhood\uFDD0 council"'),
        [f"2: title: contains the noncharacter U+FDD0 at position 14; {HINT}"],
    ),
    "title_escaped_last_noncharacter": (
        title(r'"Neighbourhood\U0010FFFF council"'),
        [f"2: title: contains the noncharacter U+10FFFF at position 14; {HINT}"],
    ),
    "title_escaped_escape": (
        title(r'"Neighbourhood\e[2J council"'),
        [f"2: title: contains the control character U+001B (escape) at position 14; {HINT}"],
    ),
    "title_escaped_next_line": (
        title(r'"Neighbourhood\N council"'),
        [f"2: title: contains the control character U+0085 at position 14; {HINT}"],
    ),
    "title_tab": (
        title(r'"Neighbourhood\tcouncil"'),
        [f"2: title: contains the control character U+0009 (tab) at position 14; {HINT}"],
    ),
    "title_raw_c1": (
        title("Neighbourhood\x9f council"),
        [f"2: title: contains the control character U+009F at position 14; {HINT}"],
    ),
    "title_lone_surrogate_escape": (
        title(r'"Neighbourhood\uD800 council"'),
        [
            "2: front-matter: YAML syntax error: found invalid Unicode character escape code "
            r"(a \u escape in double quotes must name a real character; write the character itself)"
        ],
    ),
    # A raw control character elsewhere makes the file be read without libyaml, whose
    # pure-Python twin turns '\uD800' into a lone surrogate: still refused, by name.
    "title_lone_surrogate_read_again": (
        title('"Neighbourhood\\uD800 council"  # \x01'),
        [f"2: title: contains the lone surrogate U+D800 at position 14; {HINT}"],
    ),
    "summary_raw_del": (
        (SUMMARY_END, f"early.\x7f{PAYLOAD}\n"),
        [f"3: summary: contains the control character U+007F at position 139; {HINT}"],
    ),
    "summary_raw_c1": (
        (SUMMARY_END, f"early.\x9f{PAYLOAD}\n"),
        [f"3: summary: contains the control character U+009F at position 139; {HINT}"],
    ),
    "summary_tab_is_text": ((SUMMARY_END, "early.\tAll agree.\n"), []),
    "url_control_character": (
        organisation_url(r'"https://exa\x01mple.org/"'),
        [f"20: organisations[1].url: contains the control character U+0001 at position 12; {HINT}"],
    ),
    "country_control_character": (
        ("countries: [MK]", r'countries: ["M\x7fK"]'),
        [f"7: countries: contains the control character U+007F at position 2; {HINT}"],
    ),
    "date_control_character": (
        ("started: 2019-04", r'started: "2019\x1b-04"'),
        [f"16: started: contains the control character U+001B (escape) at position 5; {HINT}"],
    ),
    # 2. ASCII digits only.
    "started_arabic_digits": (
        ("started: 2019-04", 'started: "٢٠١٧"'),
        ["16: started: '٢٠١٧' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (digits 0-9 only)"],
    ),
    "last_reviewed_arabic_digits": (
        ("last_reviewed: 2026-01-15", 'last_reviewed: "٢٠٢٥-٠١-٠١"'),
        ["32: last_reviewed: '٢٠٢٥-٠١-٠١' is not a date; write YYYY-MM-DD (digits 0-9 only)"],
    ),
    "last_reviewed_fullwidth_digits": (
        ("last_reviewed: 2026-01-15", "last_reviewed: ２０２６-０１-１５"),
        ["32: last_reviewed: '２０２６-０１-１５' is not a date; write YYYY-MM-DD (digits 0-9 only)"],
    ),
    "source_superscript": (
        ("    source: 1", '    source: "²"'),
        ["25: figures[1].source: '²' must be a whole number from 1 (digits 0-9 only)"],
    ),
    "source_zero": (("    source: 1", "    source: 00"), ["25: figures[1].source: '00' must be a whole number from 1"]),
    "source_underscore": (
        ("    source: 1", "    source: 1_0"),
        ["25: figures[1].source: '1_0' must be a whole number from 1"],
    ),
    "source_huge": (
        ("    source: 1", "    source: " + "9" * 5000),
        [
            f"25: figures[1].source: '{'9' * 5000}' is too large; give the position of the source in 'sources' (1 for the first)"
        ],
    ),
    "lat_arabic_digits": (("lat: 42.0", 'lat: "٤٢"'), [f"11: places[1].lat: '٤٢' {NOT_A_NUMBER}"]),
    "lat_nan": (("lat: 42.0", 'lat: " nan"'), [f"11: places[1].lat: 'nan' {NOT_A_NUMBER}"]),
    "lat_infinity": (("lat: 42.0", "lat: infinity"), [f"11: places[1].lat: 'infinity' {NOT_A_NUMBER}"]),
    "lat_underscore": (("lat: 42.0", "lat: 4_2"), [f"11: places[1].lat: '4_2' {NOT_A_NUMBER}"]),
    "lat_exponent": (("lat: 42.0", "lat: 4e1"), [f"11: places[1].lat: '4e1' {NOT_A_NUMBER}"]),
    "lat_hexadecimal": (("lat: 42.0", "lat: 0x2a"), [f"11: places[1].lat: '0x2a' {NOT_A_NUMBER}"]),
    # 3. A web address that cannot be parsed is a message.
    "url_invalid_ipv6": (
        organisation_url('"https://[x.y"'),
        [
            "20: organisations[1].url: 'https://[x.y' has no valid host name; '[' and ']' may only enclose an IPv6 address"
        ],
    ),
    "url_bracketed_name": (
        organisation_url('"https://[example.org]/"'),
        [
            "20: organisations[1].url: 'https://[example.org]/' has no valid host name; "
            "'[' and ']' may only enclose an IPv6 address"
        ],
    ),
    "url_port_too_large": (
        organisation_url("https://example.org:99999/"),
        [
            "20: organisations[1].url: 'https://example.org:99999/' has an invalid port number; "
            "leave it out or use one from 1 to 65535"
        ],
    ),
    "url_port_not_a_number": (
        organisation_url("https://example.org:http/"),
        [
            "20: organisations[1].url: 'https://example.org:http/' has an invalid port number; "
            "leave it out or use one from 1 to 65535"
        ],
    ),
    "url_quote_in_host": (
        organisation_url("'https://example.org\"onmouseover=alert(1)/'"),
        ["20: organisations[1].url: 'https://example.org\"onmouseover=alert(1)/' has no valid host name"],
    ),
    "url_ipv6_is_fine": (organisation_url('"https://[2001:db8::1]/"'), []),
    # 4. Nesting.
    "nested_500_flow": (title("[" * 500 + "]" * 500), [f"2: {DEEP}"]),
    "nested_100000_flow": (title("[" * 100_000 + "]" * 100_000), [f"2: {DEEP}"]),
    "nested_500_block": (
        title("\n" + "".join("  " * level + "a:\n" for level in range(1, 501)) + "  " * 501 + "x"),
        [f"22: {DEEP}"],  # line 2 holds 'title:', each 'a:' below it one more level
    ),
    "nested_100000_block": (title("\n  " + "- " * 100_000 + "x"), [f"3: {DEEP}"]),
    # 7. What a message quotes is shown escaped.
    "field_name_with_terminal_escapes": (
        ("status: ongoing\n", 'status: ongoing\n"\\e[2J\\e]0;owned\\a\\u009b31m": x\n'),
        [
            r"16: \x1b[2J\x1b]0;owned\x07\u009b31m: unknown field; the fields here are: title, summary, regions, "
            "countries, places, themes, types, status, status_as_of, started, ended, organisations, target_groups, evidence, "
            "figures, replication, related, sources, contact, aliases, last_reviewed"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_value_gives_exactly(collection, base_entry, case):
    (old, new), expected = CASES[case]
    assert old in base_entry
    collection.add_valid()
    collection.add("hostile.md", base_entry.replace(old, new, 1))
    report = collection.validate()
    assert [p.format() for p in report.problems] == [f"practices/hostile.md:{line}" for line in expected]
    assert ("hostile" in {p.id for p in report.practices}) == (not expected)


# 5. Names cannot take over pages.


@pytest.mark.parametrize("name", sorted(RESERVED_IDS))
def test_reserved_file_names_are_refused(collection, base_entry, name):
    collection.add_valid()
    collection.add(f"{name}.md", base_entry)
    report = collection.validate()
    assert [p.format() for p in report.problems] == [
        f"practices/{name}.md:1: id: '{name}' is reserved for a page the site itself builds "
        f"({RESERVED_IDS[name]}); choose another file name"
    ]
    assert name not in {p.id for p in report.practices}


def test_reserved_aliases_and_retired_ids_are_refused(collection, base_entry):
    collection.add_valid()
    collection.add("renamed.md", base_entry.replace("last_reviewed:", "aliases: [feed]\nlast_reviewed:"))
    collection.add("retired.yml", "- id: api\n  retired: 2026-03-01\n  reason: Never an entry.\n")
    assert collection.lines() == [
        "practices/renamed.md:32: aliases: 'feed' is reserved for a page the site itself builds (the news feed); "
        "no entry had this id, remove it",
        "practices/retired.yml:1: retired[1].id: 'api' is reserved for a page the site itself builds "
        "(the open data); no entry had this id, remove the record",
    ]


# 6. Symbolic links.

LINK = "file: is a symbolic link; entries must be plain files (copy the text instead)"


def test_symbolic_links_are_refused_and_never_published(collection, tmp_path):
    collection.add_valid()
    outside = tmp_path / "outside.md"
    outside.write_bytes((collection.root / "other-practice.md").read_bytes())
    (collection.root / "zz-dupe.md").symlink_to("base-entry.md")
    (collection.root / "zz-outside.md").symlink_to(outside)
    (collection.root / "zz-dangling.md").symlink_to("no-such-entry.md")
    report = collection.validate()
    assert [p.format() for p in report.problems] == [
        f"practices/zz-dangling.md:1: {LINK}",
        f"practices/zz-dupe.md:1: {LINK}",
        f"practices/zz-outside.md:1: {LINK}",
    ]
    # The entry a link points to keeps its own place: it is not replaced by the link.
    assert [(p.id, p.source_path) for p in report.practices] == [
        ("base-entry", "practices/base-entry.md"),
        ("other-practice", "practices/other-practice.md"),
    ]


def test_symbolic_link_given_on_the_command_line_is_refused(collection):
    collection.add_valid()
    (collection.root / "zz-dupe.md").symlink_to("base-entry.md")
    report = collection.validate([Path("practices/zz-dupe.md")])
    assert [p.format() for p in report.problems] == [f"practices/zz-dupe.md:1: {LINK}"]
    assert report.practices == []


@pytest.mark.parametrize("name", ["taxonomy.yml", "retired.yml"])
def test_symbolic_link_for_a_shared_file_is_refused(collection, tmp_path, name):
    collection.add_valid()
    shared = collection.root / name
    copy = tmp_path / f"copy-{name}"
    copy.write_bytes(shared.read_bytes() if shared.exists() else b"")
    shared.unlink(missing_ok=True)
    shared.symlink_to(copy)
    assert collection.lines() == [
        f"practices/{name}:1: file: is a symbolic link; it must be a plain file (copy the text instead)"
    ]


# 1. File names with control characters.


@pytest.mark.parametrize(
    ("name", "shown", "character"),
    [
        ("new\nline.md", r"new\nline.md", "U+000A (line break) at position 4"),
        ("red\x1b[31m.md", r"red\x1b[31m.md", "U+001B (escape) at position 4"),
        ("next\x85line.md", r"next\u0085line.md", "U+0085 at position 5"),
    ],
)
def test_file_name_with_a_control_character_stays_one_line_and_is_refused(
    collection, base_entry, name, shown, character
):
    collection.add_valid()
    collection.add(name, base_entry)
    report = collection.validate()
    assert [p.format() for p in report.problems] == [
        f"practices/{shown}:1: id: the file name contains the control character {character}; {HINT}"
    ]
    assert [p.id for p in report.practices] == ["base-entry", "other-practice"]


# 1. Vocabularies and retired ids are text too.


def test_taxonomy_text_with_control_characters_is_refused(collection):
    taxonomy = collection.root / "taxonomy.yml"
    lines = taxonomy.read_text(encoding="utf-8").split("\n")
    label = lines.index("    label: European Union") + 1
    description = lines.index("    description: Member states of the European Union.") + 1
    lines[label - 1] = "    label: European\x9b2J Union"  # written as it is
    lines[description - 1] = r'    description: "Member states\e[2J of the European Union."'
    taxonomy.write_text("\n".join(lines), encoding="utf-8")
    assert collection.lines() == [
        f"practices/taxonomy.yml:{label}: regions[2].label: contains the control character U+009B at position 9; {HINT}",
        f"practices/taxonomy.yml:{description}: regions[2].description: contains the control character U+001B "
        f"(escape) at position 14; {HINT}",
    ]


def test_retired_reason_with_a_control_character_is_refused(collection):
    collection.add_valid()
    collection.add("retired.yml", '- id: old-council\n  retired: 2026-03-01\n  reason: "Merged\\x07."\n')
    assert collection.lines() == [
        f"practices/retired.yml:3: retired[1].reason: contains the control character U+0007 at position 7; {HINT}"
    ]


# 7. Output: terminal, workflow commands, job summary.


def test_problem_lines_escape_control_characters():
    problem = Problem("practices/a\nb\x1b[2J.md", 3, "ti\x9btle", "quotes 'x\u2028y\u202e' and %0A, here")
    assert problem.format() == r"practices/a\nb\x1b[2J.md:3: ti\u009btle: quotes 'x\u2028y\u202e' and %0A, here"
    assert problem.format_github() == (
        r"::error file=practices/a\nb\x1b[2J.md,line=3,title=ti\u009btle::quotes 'x\u2028y\u202e' and %250A, here"
    )


@pytest.mark.parametrize("output", ["text", "github"])
def test_cli_output_holds_no_control_character(collection, base_entry, capsys, output):
    collection.add_valid()
    key = '"\\e[2J\\e]0;owned\\a\\u009b31m\\r\\u2028": x\n'
    collection.add("hostile.md", base_entry.replace("status: ongoing\n", f"status: ongoing\n{key}"))
    collection.add("evil\x1b[31m.md", base_entry)
    assert main(["--format", output, "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 2
    assert escape_controls(out.replace("\n", "")) == out.replace("\n", "")


def test_job_summary_quotes_problems_in_a_code_block_no_backticks_can_close(collection):
    message = "'```` ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> `a`' is not a known status"
    report = Report(taxonomy=None, problems=[Problem("practices/x.md", 15, "status", message)])
    assert step_summary(report) == (
        "### Practice entries: 1 error, 0 warnings in 1 file\n\n"
        "`````text\n"
        f"practices/x.md:15: status: {message}\n"
        "`````\n"
    )


# 8. Any text at all, in any field that holds text.


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: every character outside printable ASCII escaped."""
    out = []
    for character in text:
        code = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif 0x20 <= code < 0x7F:
            out.append(character)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def yaml_raw(text: str) -> str:
    """`text` written as it is, in single quotes: control characters reach the parser raw."""
    return "'" + text.replace("'", "''") + "'"


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(max_size=60), st.text(max_size=500), st.sampled_from([yaml_quoted, yaml_raw]))
def test_any_title_and_summary_is_accepted_as_text_or_reported_cleanly(collection, base_entry, title, summary, write):
    collection.add_valid()
    text = base_entry.replace(TITLE, f"title: {write(title)}")
    start, end = text.index("summary: >-\n"), text.index("regions:")
    collection.add("any-text.md", text[:start] + f"summary: {write(summary)}\n" + text[end:])
    report = collection.validate()
    for problem in report.problems:
        line = problem.format()
        assert escape_controls(line) == line
        assert len(line.splitlines()) == 1
    for practice in report.practices:
        assert character_problem(practice.title) is None
        assert character_problem(practice.summary, "\n\t") is None
