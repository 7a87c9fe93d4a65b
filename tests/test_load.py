"""The loader: values reach the validator exactly as written, with their lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.entries.load import YamlError, display_path, load_entry, parse_yaml, split_front_matter


def test_scalars_stay_as_written():
    # PyYAML's own constructors would give False, a date, 8, True and 1000.0 here.
    data, _, issues = parse_yaml("a: NO\nb: 2017-04-01\nc: 010\nd: yes\ne: 1e3\nf: ~\ng:\n")
    assert data == {"a": "NO", "b": "2017-04-01", "c": "010", "d": "yes", "e": "1e3", "f": None, "g": None}
    assert issues == []


def test_lines_of_keys_items_and_nested_fields():
    text = "title: x\nregions:\n  - a\n  - b\norganisations:\n  - name: n\n    role: lead\n"
    _, lines, _ = parse_yaml(text, first_line=2)
    assert lines(("title",)) == 2
    assert lines(("regions",)) == 3
    assert lines(("regions", 1)) == 5
    assert lines(("organisations", 0, "role")) == 8
    assert lines(("organisations", 0, "missing")) == 7  # falls back to the item
    assert lines(()) == 1  # a missing top-level field is reported on line 1


def test_block_value_is_reported_on_its_key_line():
    _, lines, _ = parse_yaml("summary: >-\n  folded\n  text\nnext: 1\n")
    assert lines(("summary",)) == 1


def test_repeated_key_is_reported_and_first_value_kept():
    data, _, issues = parse_yaml("title: one\nstatus: x\ntitle: two\n", first_line=2)
    assert data["title"] == "one"
    assert issues == [(4, "title", "appears twice (first on line 2); keep one")]


def test_anchor_and_alias_are_refused():
    data, _, issues = parse_yaml("a: &x [1, 2]\nb: *x\n")
    assert data["a"] == ["1", "2"]
    assert data["b"] is None
    assert issues == [(2, "b", "YAML anchors and aliases (&, *) are not allowed; write the value out")]


def test_many_aliases_do_not_expand():
    # A 'billion laughs' document must not blow up memory or time.
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    data, _, issues = parse_yaml(text)
    assert len(issues) == 8 * 9  # every alias is refused, none is expanded
    assert isinstance(data, dict)


def test_yaml_error_gives_file_line_and_advice():
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: ok\nsummary: a: b\n", first_line=2)
    assert caught.value.line == 3
    assert "must be put in quotes" in caught.value.message


def test_split_front_matter_lines():
    front, front_line, body, body_line = split_front_matter("---\na: 1\n---\n\n## Context\n")
    assert (front, front_line, body_line) == ("a: 1", 2, 4)
    assert body == "\n## Context\n"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty; start from practices/_template.md"),
        (b"   \n\n", "the file is empty; start from practices/_template.md"),
        (b"\x00\x01\x02binary", "the file holds binary data, not text; save the entry as plain UTF-8 text"),
        (
            b"---\ntitle: caf\xe9\n---\n",
            "the file is not UTF-8 text (byte 0xe9); save it with UTF-8 encoding",
        ),
    ],
)
def test_unreadable_files_give_one_clear_problem(tmp_path, raw, message):
    path = tmp_path / "entry.md"
    path.write_bytes(raw)
    entry = load_entry(path)
    assert entry.data is None
    assert [p.message for p in entry.problems] == [message]


def test_bom_and_crlf_are_read_with_the_right_lines(tmp_path):
    path = tmp_path / "entry.md"
    path.write_bytes("\ufeff---\r\ntitle: Prishtinë\r\nstatus: ongoing\r\n---\r\n\r\n## Context\r\n".encode())
    entry = load_entry(path)
    assert entry.problems == []
    assert entry.data == {"title": "Prishtinë", "status": "ongoing"}
    assert entry.lines(("status",)) == 3
    assert entry.body_line == 5


def test_large_file_is_refused_without_parsing(tmp_path):
    path = tmp_path / "entry.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + b"a" * 10_000_000)
    entry = load_entry(path)
    assert [p.message for p in entry.problems] == ["the file is 10.0 MB; an entry may be at most 1 MB"]


def paths_in(value: object, path: tuple = ()):
    """Every path to a value inside `value`: ('places', 0, 'name'), ..."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield (*path, key)
        yield from paths_in(item, (*path, key))


def assert_read_as_written(entry, line_count: int) -> None:
    """What a loaded entry promises: each problem is one line on a line of the file, and
    each value has the line it was written on, and nothing else has a line."""
    for problem in entry.problems:
        assert 1 <= problem.line <= line_count
        assert "\n" not in problem.format()
    if entry.data is not None:
        assert isinstance(entry.data, dict)
        assert set(entry.lines.at) == set(paths_in(entry.data))
        assert all(2 <= line <= line_count for line in entry.lines.at.values())


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.one_of(st.binary(max_size=400), st.binary(max_size=400).map(lambda raw: b"---\n" + raw + b"\n---\n")))
def test_any_bytes_give_values_with_their_lines_or_the_exact_problem(tmp_path, raw):
    path = tmp_path / "fuzz.md"
    path.write_bytes(raw)
    entry = load_entry(path)
    found = [(p.line, p.field, p.message) for p in entry.problems]
    if b"\x00" in raw:
        assert found == [(1, "file", "the file holds binary data, not text; save the entry as plain UTF-8 text")]
        return
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it with UTF-8 encoding"
        assert found == [(line, "file", message)]
        return
    if not text.strip():
        assert found == [(1, "front-matter", "the file is empty; start from practices/_template.md")]
    elif text.split("\n")[0].rstrip() != "---":
        assert len(found) == 1 and found[0][:2] == (1, "front-matter")
    assert_read_as_written(entry, text.count("\n") + 1)


yaml_like = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?~0\\")), max_size=120)


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(yaml_like)
def test_any_front_matter_gives_values_with_their_lines_or_problems(tmp_path, front):
    path = tmp_path / "fuzz.md"
    path.write_text(f"---\n{front}\n---\n\n## Context\n", encoding="utf-8")
    entry = load_entry(path)
    assert entry.data is not None or entry.problems
    assert_read_as_written(entry, front.count("\n") + 3)


def nested(levels: int, style: str) -> str:
    """YAML with `levels` lists or mappings inside each other, under 'title'."""
    if style == "flow list":
        return "title: " + "[" * levels + "x" + "]" * levels + "\n"
    if style == "flow mapping":
        return "title: " + "{a: " * levels + "x" + "}" * levels + "\n"
    if style == "block list":  # one line: '- - - x' nests without growing the indentation
        return "title:\n  " + "- " * levels + "x\n"
    return "title:\n" + "".join("  " * depth + "a:\n" for depth in range(1, levels + 1)) + "  " * levels + "  x\n"


DEEP = (
    "values are nested more than 20 levels deep; no field needs more than 4: "
    "look for a stray '[' or '{', or lines indented too far"
)


@pytest.mark.parametrize(
    ("levels", "style", "line"),
    [
        (500, "flow list", 1),
        (100_000, "flow list", 1),
        (100_000, "flow mapping", 1),
        (500, "block list", 2),
        (100_000, "block list", 2),
        (500, "block mapping", 21),  # the mapping opened by the 20th 'a:' is the 21st level
    ],
)
def test_deep_nesting_is_refused_at_its_line(levels, style, line):
    with pytest.raises(YamlError) as caught:
        parse_yaml(nested(levels, style))
    assert (caught.value.line, caught.value.message) == (line, DEEP)


def test_nesting_up_to_the_limit_is_read():
    data, _, issues = parse_yaml(nested(19, "flow list"))  # 19 lists in the top-level mapping: 20 levels
    value = data["title"]
    for _ in range(19):
        (value,) = value
    assert value == "x"
    assert issues == []


def test_deeply_nested_entry_gives_one_problem(tmp_path):
    path = tmp_path / "entry.md"
    path.write_text("---\n" + nested(100_000, "flow list") + "---\n", encoding="utf-8")
    entry = load_entry(path)
    assert [(p.line, p.field, p.message) for p in entry.problems] == [(2, "front-matter", DEEP)]


def test_control_characters_written_as_they_are_reach_the_schema():
    # libyaml refuses the whole file; read again, the schema can name the field and position.
    data, lines, issues = parse_yaml("title: a\x7fb\nsummary: c\x9fd\nregions: [e\x01]\n")
    assert data == {"title": "a\x7fb", "summary": "c\x9fd", "regions": ["e\x01"]}
    assert (lines(("summary",)), lines(("regions", 0)), issues) == (2, 3, [])


def test_escaped_lone_surrogate_is_a_syntax_error_with_advice():
    with pytest.raises(YamlError) as caught:
        parse_yaml('title: ok\nsummary: "\\uD800"\n', first_line=2)
    assert (caught.value.line, caught.value.message) == (
        3,
        "YAML syntax error: found invalid Unicode character escape code "
        "(a \\u escape in double quotes must name a real character; write the character itself)",
    )


def test_second_document_is_refused():
    with pytest.raises(YamlError) as caught:
        parse_yaml("regions: []\n--- \nthemes: []\n", first_line=2)
    assert (caught.value.line, caught.value.message) == (
        3,
        "YAML syntax error: a second document starts here; remove the '---' or '...' line",
    )


def test_undefined_alias_is_refused_like_any_alias():
    data, _, issues = parse_yaml("a: ok\nb: *nowhere\n")
    assert data == {"a": "ok", "b": None}
    assert issues == [(2, "b", "YAML anchors and aliases (&, *) are not allowed; write the value out")]


def test_key_that_is_not_a_word_is_refused_with_its_value():
    data, lines, issues = parse_yaml("? [a, b]\n: dropped\n~: also dropped\nc: kept\n")
    assert data == {"c": "kept"}
    assert dict(lines.at) == {("c",): 4}
    assert issues == [
        (1, "front-matter", "a field name must be a plain word"),
        (3, "front-matter", "a field name must be a plain word"),
    ]


def test_symbolic_link_is_refused_and_never_read(tmp_path):
    target = tmp_path / "secret.md"
    target.write_text("---\ntitle: from elsewhere\n---\n", encoding="utf-8")
    link = tmp_path / "entry.md"
    link.symlink_to(target)
    entry = load_entry(link)
    assert entry.data is None
    assert [(p.line, p.field, p.message) for p in entry.problems] == [
        (1, "file", "is a symbolic link; entries must be plain files (copy the text instead)")
    ]


def test_display_path_escapes_control_characters():
    assert display_path(Path("practices/a\nb\x1b[2J\u0085.md")) == "practices/a\\nb\\x1b[2J\\u0085.md"


def test_display_path_is_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "practices").mkdir()
    path = tmp_path / "practices" / "x.md"
    path.write_text("---\ntitle: x\n---\n")
    assert load_entry(path).display == "practices/x.md"
    assert load_entry(Path("practices/x.md")).display == "practices/x.md"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('+++\ntitle = "x"\n+++\n\n## Context\n', "the front-matter is written in TOML ('+++' lines); write it as YAML between two '---' lines"),
        ('{\n"title": "x"\n}\n\n## Context\n', "the front-matter is written in JSON; write it as YAML between two '---' lines"),
    ],
)
def test_front_matter_in_another_format_is_named(text, message):
    # Other generators read TOML and JSON front-matter; python-frontmatter recognises them.
    with pytest.raises(YamlError) as caught:
        split_front_matter(text)
    assert (caught.value.line, caught.value.message) == (1, message)
