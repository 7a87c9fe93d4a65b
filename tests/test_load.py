"""The loader: values reach the validator exactly as written, with their lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.entries.load import YamlError, load_entry, parse_yaml, split_front_matter


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


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.binary(max_size=400))
def test_no_bytes_crash_the_loader(tmp_path, raw):
    path = tmp_path / "fuzz.md"
    path.write_bytes(raw)
    entry = load_entry(path)
    assert entry.data is not None or entry.problems


yaml_like = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?~0\\")), max_size=120)


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(yaml_like)
def test_no_front_matter_crashes_the_loader(tmp_path, front):
    path = tmp_path / "fuzz.md"
    path.write_text(f"---\n{front}\n---\n\n## Context\n", encoding="utf-8")
    entry = load_entry(path)
    assert entry.data is not None or entry.problems
    for problem in entry.problems:
        assert 1 <= problem.line <= front.count("\n") + 3


def test_display_path_is_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "practices").mkdir()
    path = tmp_path / "practices" / "x.md"
    path.write_text("---\ntitle: x\n---\n")
    assert load_entry(path).display == "practices/x.md"
    assert load_entry(Path("practices/x.md")).display == "practices/x.md"
