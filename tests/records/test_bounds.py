"""Issue 15: nothing a record file can contain makes loading slow, huge or wrongly located.

Items 2 (YAML alias bomb; depth and size bounds), 5 (values range-checked at load), 6 (control
and invisible characters) and 11 (true positions; values silently accepted), each with the
exact input quoted in the issue.
"""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from helpers import COMMUNITY, OUTAGE, make_office

from hcomm_gen.cli import main
from hcomm_gen.records.yamlsrc import MAX_DEPTH, MAX_FILE_BYTES, load_file, load_text

NOW = "2026-03-02 12:00"


def bomb() -> str:
    """The classic "billion laughs" in a notice: the 12 lines of an outage notice, then 9
    levels of 9 aliases (~1 KB; expanded, 9^9 = 387,420,489 values)."""
    text = OUTAGE + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    prev = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text + "warning_signs: *i\n"


def located(problems) -> list[tuple]:
    return [(p.rule, p.pos.line, p.pos.column) for p in problems]


def run_check(root, *args):
    return CliRunner().invoke(main, ["--root", str(root), "check", "--now", NOW, *args])


# --- item 2: the alias bomb, depth and size ------------------------------------------------

def test_alias_bomb_is_refused_at_its_first_alias_in_well_under_a_second(tmp_path):
    text = bomb()
    assert 600 < len(text.encode()) < 1024
    started = time.perf_counter()
    doc, problems = load_text(text, "n.yaml")
    assert time.perf_counter() - started < 0.1
    # line 14 is "b: &b [*a,*a,…]": the first alias, its '*' in column 8
    assert doc is None and located(problems) == [("YAML-SYNTAX", 14, 8)]
    assert "*a" in problems[0].zh and "写出来" in problems[0].zh and "write the content out" in problems[0].en


def test_hcomm_check_refuses_the_bomb_notice(tmp_path):
    root = make_office(tmp_path, {"notices/2026/bomb.yaml": bomb()})
    started = time.perf_counter()
    res = run_check(root)
    assert time.perf_counter() - started < 5  # the whole check; the bomb itself ran > 90 s
    assert res.exit_code == 1, res.output
    assert "notices/2026/bomb.yaml:14:8: 错误 YAML-SYNTAX" in res.output, res.output


def test_an_alias_loop_is_refused_where_the_alias_is():
    doc, problems = load_text("id: N-1\nchannels: &a [宣传栏, *a]\n", "n.yaml")
    assert doc is None and located(problems) == [("YAML-SYNTAX", 2, 20)]


def test_a_value_starting_with_star_is_answered_with_quotes():
    doc, problems = load_text("id: N-1\ntitle: *注意事项\n", "n.yaml")
    assert doc is None and located(problems) == [("YAML-SYNTAX", 2, 8)]
    assert "'*注意事项'" in problems[0].zh


@pytest.mark.parametrize("text, line, col", [
    # the top mapping is level 1: the 20th '[' opens level 21, in column 3 + 20
    ("a: " + "[" * 30 + "]" * 30 + "\n", 1, 3 + MAX_DEPTH),
    # line k ≥ 2 ("b:" indented k - 1) is the mapping of level k: level 21 is on line 21
    ("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 30)) + " " * 30 + "c: 1\n", MAX_DEPTH + 1, MAX_DEPTH + 1),
    # deeper than libyaml's own limit (1000): reported where libyaml stops
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1, 1003),
])
def test_nesting_deeper_than_the_limit_is_refused_where_it_passes_it(text, line, col):
    doc, problems = load_text(text, "n.yaml")
    assert doc is None and located(problems) == [("YAML-SYNTAX", line, col)], [p.en for p in problems]
    assert f"{MAX_DEPTH}" in problems[0].zh


def test_the_records_own_depth_is_fine():
    doc, problems = load_text("calendar:\n  2027:\n    holidays: [2027-01-01]\n", "c.yaml")
    assert problems == [] and doc.data == {"calendar": {"2027": {"holidays": ["2027-01-01"]}}}


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"body: |\n" + b"  x\n" * (MAX_FILE_BYTES // 4 + 1))
    doc, problems = load_file(path, "big.yaml")
    assert doc is None and located(problems) == [("YAML-SYNTAX", 1, 1)]
    assert "2,097,152" in problems[0].zh and "2,097,152" in problems[0].en
    # just under the limit loads
    path.write_bytes(b"body: |\n" + b"  x\n" * (MAX_FILE_BYTES // 4 - 4))
    doc, problems = load_file(path, "big.yaml")
    assert problems == [] and doc is not None
