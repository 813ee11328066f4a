"""Issue 15: nothing a record file can contain makes loading slow, huge or wrongly located.

Items 2 (YAML alias bomb; depth and size bounds), 5 (values range-checked at load), 6 (control
and invisible characters) and 11 (true positions; values silently accepted), each with the
exact input quoted in the issue.
"""
from __future__ import annotations

import time
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from helpers import COMMUNITY, OUTAGE, check_json, found, in_files, make_office

from hcomm_gen.cli import main
from hcomm_gen.records.loader import parse_record
from hcomm_gen.records.models import Community, Notice, Record, Registry
from hcomm_gen.records.yamlsrc import MAX_DEPTH, MAX_FILE_BYTES, load_file, load_text

SH = ZoneInfo("Asia/Shanghai")

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


# --- item 5: values refused at load, never a crash later ------------------------------------

@pytest.mark.parametrize("extra, line, col, words", [
    ("notice_lead_days: {outage: 9999999999}\n", 10, 28, ("9999999999", "0–365")),
    ("notice_lead_days: {fee_change: 20261208}\n", 10, 32, ("20261208", "2026-12-08", "0–365")),
])
def test_lead_days_out_of_range_are_located_errors_not_a_crash(tmp_path, extra, line, col, words):
    root = make_office(tmp_path, community=COMMUNITY + extra)
    code, problems = check_json(root, NOW)
    assert code == 1
    bad = [(p["rule"], p["line"], p["column"]) for p in problems
           if p["path"].endswith("community.yaml") and p["severity"] == "error"]
    assert bad == [("RECORD-FIELD", line, col)]
    msg = next(p for p in problems if p["path"].endswith("community.yaml") and p["severity"] == "error")["message"]
    assert all(w in msg for w in words), msg


def test_a_302_character_id_is_refused_by_check_not_by_the_file_system(tmp_path):
    long_id = "N-" + "x" * 300
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE.replace("id: N-1", f"id: {long_id}")})
    code, problems = check_json(root, NOW)
    assert code == 1
    assert found(in_files(problems, "n1.yaml"), "RECORD-ID") == [(1, "error")]
    msg = next(p["message"] for p in problems if p["rule"] == "RECORD-ID")
    assert "302" in msg and "64" in msg
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", NOW])
    assert res.exit_code == 1 and "内部错误" not in res.output, res.output
    # 64 characters is fine
    root = make_office(tmp_path / "b", {"notices/2026/n1.yaml": OUTAGE.replace("id: N-1", "id: N-" + "x" * 62)})
    assert found(in_files(check_json(root, NOW)[1], "n1.yaml"), "RECORD-ID") == []


def test_a_date_typed_as_a_number_is_answered_with_the_right_form():
    doc, problems = load_text(OUTAGE.replace("published: 2026-03-01 09:00", "published: 20260305"), "n.yaml")
    rec, problems = parse_record(Notice, doc, SH)
    assert located(problems) == [("RECORD-FIELD", 5, 12)] and "2026-03-05" in problems[0].zh


@pytest.mark.parametrize("field, value, line, col, words", [
    ("notice_display_days", "-30", 10, 22, ("-30", "1–3650")),
    ("survey_months", "[6, 13]", 10, 20, ("survey_months 第 2 项", "13", "1–12")),
    ("notice_display_days", "0", 10, 22, ("1–3650",)),
])
def test_community_numbers_out_of_range(field, value, line, col, words):
    doc, _ = load_text(COMMUNITY + f"{field}: {value}\n", "community.yaml")
    rec, problems = parse_record(Community, doc, SH)
    assert rec is None and located(problems) == [("RECORD-FIELD", line, col)]
    assert all(w in problems[0].zh for w in words), problems[0].zh


def test_every_whole_number_of_the_records_is_bounded():
    """No field of any record is an unbounded whole number (:data:`~hcomm_gen.records.types.Int`)."""
    from hcomm_gen.records.loader import KINDS
    from hcomm_gen.records.types import Int

    def models(cls, seen):
        if cls in seen:
            return
        seen.add(cls)
        for info in cls.model_fields.values():
            for arg in (info.annotation, *getattr(info.annotation, "__args__", ())):
                for inner in (arg, *getattr(arg, "__args__", ())):
                    if isinstance(inner, type) and issubclass(inner, Record):
                        models(inner, seen)
    seen: set = set()
    for cls in KINDS.values():
        models(cls, seen)
    unbounded = [f"{cls.__name__}.{name}" for cls in seen for name, info in cls.model_fields.items()
                 if info.annotation == Int or Int in getattr(info.annotation, "__args__", ())]
    assert unbounded == []
    assert len(seen) > 20


def test_calendar_year_out_of_range_is_reported_at_the_year():
    doc, _ = load_text(COMMUNITY + "calendar:\n  1999:\n    holidays: [2027-01-01]\n", "community.yaml")
    rec, problems = parse_record(Community, doc, SH)
    assert located(problems) == [("RECORD-FIELD", 11, 3)]
    assert problems[0].zh.startswith("calendar: 1999") and "2000–2100" in problems[0].zh


# --- item 6: control and invisible characters -----------------------------------------------

@pytest.mark.parametrize("char, name", [
    ("\x0b", "U+000B LINE TABULATION"), ("\x0c", "U+000C FORM FEED"), ("\a", "U+0007 BELL"),
    ("\x1b", "U+001B ESCAPE"), ("\ufffe", "U+FFFE"), ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
])
def test_a_pasted_control_character_is_refused_at_its_line_and_column(tmp_path, char, name):
    # the title is line 4: "title: 停水" is 9 characters, the character is column 10
    text = OUTAGE.replace("title: 停水通知", f"title: 停水{char}通知")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    code, problems = check_json(root, NOW)
    assert code == 1
    mine = [(p["rule"], p["line"], p["column"]) for p in in_files(problems, "n1.yaml")]
    assert mine == [("YAML-SYNTAX", 4, 10)]
    msg = in_files(problems, "n1.yaml")[0]["message"]
    assert name in msg and "删掉" in msg, msg
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", NOW])
    assert res.exit_code == 1 and "XML" not in res.output and "内部错误" not in res.output, res.output


@pytest.mark.parametrize("escape, name", [("\\x0b", "U+000B LINE TABULATION"),
                                          ("\\u2028", "U+2028 LINE SEPARATOR")])
def test_an_escape_making_a_control_character_is_refused_at_the_value(tmp_path, escape, name):
    # found by the fuzz run: `expires: "a\x0bb"` (a double-quoted escape) quoted the character raw
    # in a message; line 5 is `start:`, whose value starts at column 8
    text = OUTAGE.replace("start: 2026-03-05 09:00", f'start: "a{escape}b"')
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    code, problems = check_json(root, NOW)
    mine = in_files(problems, "n1.yaml")
    assert code == 1 and [(p["rule"], p["line"], p["column"]) for p in mine] == [("YAML-SYNTAX", 6, 8)]
    assert name in mine[0]["message"] and "\n" not in mine[0]["message"]


def test_a_later_line_keeps_its_number_after_a_line_separator():
    doc, problems = load_text("id: N-1\ntitle: 停水\u2028通知\nbody: 说明\x0c\n", "n.yaml")
    assert located(problems) == [("YAML-SYNTAX", 2, 10), ("YAML-SYNTAX", 3, 9)]


def test_tabs_newlines_and_emoji_joiners_stay_fine():
    doc, problems = load_text("id: N-1\r\nbody: |\r\n  停水\t通知 👨\u200d👩\u200d👧\r\n", "n.yaml")
    assert problems == [] and doc.data["body"].startswith("停水\t通知")


# --- item 11: true positions; values no longer accepted silently -----------------------------

def test_a_nul_byte_on_line_14_is_reported_on_line_14(tmp_path):
    text = OUTAGE + "measures: 关闭总阀\n" + "period: 一天\x00\n"  # lines 13, 14
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    code, problems = check_json(root, NOW)
    mine = [(p["rule"], p["line"], p["column"]) for p in in_files(problems, "n1.yaml")]
    assert code == 1 and mine == [("YAML-SYNTAX", 14, 11)]
    assert "U+0000 NULL" in in_files(problems, "n1.yaml")[0]["message"]


def test_an_unclosed_quote_on_line_4_is_reported_where_it_opens():
    text = OUTAGE.replace("title: 停水通知", 'title: "停水通知') + "measures: a\n" * 6  # 18 lines
    assert text.count("\n") == 18
    doc, problems = load_text(text, "n.yaml")
    assert located(problems) == [("YAML-SYNTAX", 4, 8)]
    assert "引号" in problems[0].zh and "quote" in problems[0].en


def test_a_copy_of_a_visit_summary_is_reported_at_the_copy(tmp_path):
    summary = "month: 2026-10\nsubmitted: 2026-11-03\nsupervisor: 林主管\n"
    root = make_office(tmp_path, {"visit-summaries/2026/2026-10.yaml": summary,
                                  "visit-summaries/2026/2026-10 (2).yaml": summary})
    code, problems = check_json(root, "2026-11-04 12:00")
    assert found(problems, "RECORD-ID", with_file=True) == [("2026-10 (2).yaml", 1, "error")]
    msg = next(p["message"] for p in problems if p["rule"] == "RECORD-ID")
    assert "visit-summaries/2026/2026-10.yaml" in msg


def test_a_copy_of_a_survey_round_folder_is_reported_at_the_copy(tmp_path):
    from helpers import SURVEY_ROUND
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": SURVEY_ROUND,
                                  "surveys/2026-06 (2)/round.yaml": SURVEY_ROUND})
    problems = [p for p in check_json(root, "2026-07-22 12:00")[1] if p["rule"] == "RECORD-ID"]
    assert [p["path"].rsplit("/", 2)[-2] for p in problems] == ["2026-06 (2)"]


def test_moved_out_before_occupied_since_is_reported_at_moved_out():
    text = ("households:\n"
            "  - id: 1-1-0101\n    building: 1栋\n    unit: 1单元\n    room: 0101\n"
            "    occupied_since: 2026-07-02\n    moved_out: 2026-03-01\n")
    doc, _ = load_text(text, "households.yaml")
    rec, problems = parse_record(Registry, doc, SH)
    assert located(problems) == [("RECORD-FIELD", 7, 16)]
    assert "2026-03-01" in problems[0].zh and "2026-07-02" in problems[0].zh
    assert "occupied_since" in problems[0].zh
    # the same day, or no moved_out, is fine
    doc, _ = load_text(text.replace("2026-03-01", "2026-07-02"), "households.yaml")
    assert parse_record(Registry, doc, SH)[1] == []


def test_records_notices_as_a_file_is_an_error_at_that_path(tmp_path):
    root = make_office(tmp_path, {"notices": OUTAGE})
    code, problems = check_json(root, NOW)
    assert code == 1
    assert [(p["rule"], p["line"], p["severity"]) for p in in_files(problems, "records/notices")] == [
        ("RECORD-FIELD", 1, "error")]
    msg = in_files(problems, "records/notices")[0]["message"]
    assert "必须是文件夹" in msg


def test_a_key_spanning_lines_is_quoted_on_one_line(tmp_path):
    # found by the fuzz run: a line `? x` inserted before a block made a key of many lines,
    # and the unknown-field message quoted it with its line breaks
    text = OUTAGE + "? |\n  x 第一行\n  第二行\n: 1\n"
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    code, problems = check_json(root, NOW)
    [p] = in_files(problems, "n1.yaml")
    assert (code, p["rule"], p["line"]) == (1, "RECORD-FIELD", 13)
    assert "x 第一行\\n第二行" in p["message"] and "\n" not in p["message"]


def test_a_lone_carriage_return_is_refused_where_it_is(tmp_path):
    # found by the fuzz run: a stray CR byte in a line made YAML count a line break that no
    # line number of the file shows, so a problem below it was reported past the file's end
    text = OUTAGE.replace("outage: water\n", "outage: wa\rter\n")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    code, problems = check_json(root, NOW)
    [p] = in_files(problems, "n1.yaml")
    assert (code, p["rule"], p["line"], p["column"]) == (1, "YAML-SYNTAX", 3, 11)
    assert "U+000D CARRIAGE RETURN" in p["message"]
    # the CR of a CRLF line end is fine
    root2 = make_office(tmp_path / "crlf", {"notices/2026/n1.yaml": OUTAGE.replace("\n", "\r\n")})
    assert in_files(check_json(root2, NOW)[1], "n1.yaml") == []
