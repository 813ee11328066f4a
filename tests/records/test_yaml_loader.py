"""YAML as staff really write it: every case of issue 3, with the literal file text.

The loader keeps every scalar as text with its position; the typed models convert. Each case
either gives the value the staff meant or a message in plain words at the right line/column.
"""
from __future__ import annotations

import os
import time as time_mod
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import PEST, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.records.loader import parse_record
from hcomm_gen.records.models import Case, Contact, Household, Notice, ReceptionDay
from hcomm_gen.records.yamlsrc import load_text

SH = ZoneInfo("Asia/Shanghai")


def load(text):
    doc, problems = load_text(text, "t.yaml")
    return doc, [(p.rule, p.pos.line, p.pos.column) for p in problems], problems


def typed(cls, text):
    doc, probs = load_text(text, "t.yaml")
    assert probs == [], [p.zh for p in probs]
    return parse_record(cls, doc, SH)


# --- scalars stay text; the model converts -----------------------------------------------------

def test_22_30_and_09_30_are_the_same_kind_of_value():
    doc, problems, _ = load("start: 09:30\nend: 22:30\nweekday: 3\n")
    assert problems == [] and doc.data == {"start": "09:30", "end": "22:30", "weekday": "3"}
    rd, probs = typed(ReceptionDay, "weekday: 3\nstart: 09:30\nend: 22:30\n")
    assert probs == [] and (rd.start, rd.end) == (time(9, 30), time(22, 30))


def test_time_of_day_where_a_date_time_is_needed_is_reported():
    # YAML 1.1 would read 22:30 as 1350 and a datetime field might accept it silently
    text = "id: C-1\nkind: 投诉\nreceived: 22:30\nsummary: 漏水\n"
    rec, probs = typed(Case, text)
    assert rec is None
    assert [(p.rule, p.pos.line, p.pos.column) for p in probs] == [("RECORD-FIELD", 3, 11)]
    assert "22:30" in probs[0].zh and "2026-03-05 09:00" in probs[0].zh


def test_rooms_0301_and_0308_are_text():
    text = ("households:\n"
            "  - {id: 1-1-0301, building: 1栋, unit: 1单元, room: 0301}\n"
            "  - {id: 1-1-0308, building: 1栋, unit: 1单元, room: 0308}\n")
    doc, problems, _ = load(text)
    assert problems == []
    rooms = [h["room"] for h in doc.data["households"]]
    assert rooms == ["0301", "0308"]
    h, probs = typed(Household, "id: 1-1-0301\nbuilding: 1栋\nunit: 1单元\nroom: 0301\n")
    assert h.room == "0301"


@pytest.mark.parametrize("word, meant", [("no", False), ("on", True), ("off", False), ("yes", True),
                                         ("是", True), ("否", False)])
def test_yes_no_words_stay_text_until_a_yes_no_field(word, meant):
    doc, problems, _ = load(f"signed: {word}\n")
    assert doc.data == {"signed": word}
    case, probs = typed(Case, f"id: C-1\nkind: 投诉\nreceived: 2026-03-01 10:00\nsummary: 漏水\nvalid: {word}\n")
    assert probs == [] and case.valid is meant


def test_phone_and_zip_are_text():
    doc, problems, _ = load("phone: 13800000000\nzip: 010020\n")
    assert problems == [] and doc.data == {"phone": "13800000000", "zip": "010020"}
    contact, probs = typed(Contact, "name: 工程部\nphone: 13800000000\n")
    assert contact.phone == "13800000000"
    # an unknown field is an error, with the field named
    contact, probs = typed(Contact, "name: 工程部\nzip: 010020\n")
    assert [(p.rule, p.pos.line, p.pos.column) for p in probs] == [("RECORD-FIELD", 2, 1)]
    assert "zip" in probs[0].zh


def test_value_starting_with_hash_is_a_comment_and_reported():
    doc, problems, probs = load("房号: #3\n")
    assert problems == [("YAML-SYNTAX", 1, 5)]
    assert "#3" in probs[0].zh and "引号" in probs[0].zh and "Quote" in probs[0].en


def test_hash_inside_brackets_is_reported_on_its_line():
    _, problems, probs = load("id: a\nareas: [#3栋]\n")
    assert problems == [("YAML-SYNTAX", 2, 9)] and "引号" in probs[0].zh


@pytest.mark.parametrize("written, right", [
    ("20260305", "2026-03-05"),
    ("2026年6月3日", "2026-06-03"),
    ("2026/6/3", "2026-06-03"),
])
def test_dates_written_other_ways_say_how_to_write_them(written, right):
    text = f"id: 1-1-0301\nbuilding: 1栋\nunit: 1单元\nroom: 0301\noccupied_since: {written}\n"
    h, probs = typed(Household, text)
    assert h is None and [(p.rule, p.pos.line, p.pos.column) for p in probs] == [("RECORD-FIELD", 5, 17)]
    assert right in probs[0].zh and right in probs[0].en


def test_impossible_date():
    text = "id: 1-1-0301\nbuilding: 1栋\nunit: 1单元\nroom: 0301\noccupied_since: 2026-02-30\n"
    h, probs = typed(Household, text)
    assert [(p.rule, p.pos.line) for p in probs] == [("RECORD-FIELD", 5)]
    assert "2026-02-30" in probs[0].zh and "不存在" in probs[0].zh and "does not exist" in probs[0].en


def test_impossible_date_time():
    text = "id: C-1\nkind: 投诉\nreceived: 2026-02-30 10:00\nsummary: 漏水\n"
    _, probs = typed(Case, text)
    assert [(p.rule, p.pos.line, p.pos.column) for p in probs] == [("RECORD-FIELD", 3, 11)]
    assert "不存在" in probs[0].zh


# --- the file's shape --------------------------------------------------------------------------

def test_tab_in_indentation():
    _, problems, probs = load("office:\n\tname: 管理处\n")
    assert problems == [("YAML-SYNTAX", 2, 1)] and "Tab" in probs[0].zh and "tab" in probs[0].en


def test_full_width_space_as_indentation():
    _, problems, probs = load("office:\n\u3000\u3000name: 管理处\n")
    assert problems == [("YAML-SYNTAX", 2, 1)] and "全角空格" in probs[0].zh


def test_full_width_colon_whole_file():
    _, problems, probs = load("标题：停水通知\n")
    assert problems == [("YAML-SYNTAX", 1, 1)] and "全角冒号" in probs[0].zh and "full-width" in probs[0].en


def test_full_width_colon_in_a_mapping():
    _, problems, probs = load("id: N-1\n标题：停水通知\nbody: 清洗水箱\n")
    assert problems == [("YAML-SYNTAX", 2, 1)] and "全角冒号" in probs[0].zh


def test_colon_space_inside_an_unquoted_value():
    text = "id: N-1\ntitle: 通知: 明天停水\n"
    _, problems, probs = load(text)
    assert problems == [("YAML-SYNTAX", 2, 10)]
    assert "引号" in probs[0].zh and "quotes" in probs[0].en
    doc, problems, _ = load('id: N-1\ntitle: "通知: 明天停水"\n')
    assert problems == [] and doc.data["title"] == "通知: 明天停水"


def test_colon_without_space():
    _, problems, probs = load("id: N-1\ntitle:停水通知\nbody: x\n")
    assert problems == [("YAML-SYNTAX", 2, 1)] and "空格" in probs[0].zh


def test_duplicate_keys():
    doc, problems, probs = load("id: N-1\ntitle: 停水\ntitle: 停电\n")
    assert problems == [("YAML-DUPLICATE-KEY", 3, 1)]
    assert "第 2 行" in probs[0].zh and "line 2" in probs[0].en


def test_duplicate_keys_nested():
    _, problems, _ = load("contact:\n  name: 甲\n  name: 乙\n")
    assert problems == [("YAML-DUPLICATE-KEY", 3, 3)]


@pytest.mark.parametrize("text", ["", "\n\n", "# 停水通知\n# 待填写\n"], ids=["empty", "blank", "comments"])
def test_empty_and_comment_only_files(text):
    doc, problems, probs = load(text)
    assert doc is None and problems == [("YAML-SYNTAX", 1, 1)] and "空的" in probs[0].zh


def test_top_level_list():
    doc, problems, probs = load("- id: N-1\n  title: 停水\n")
    assert doc is None and problems == [("YAML-SYNTAX", 1, 1)]
    assert "列表" in probs[0].zh and "list" in probs[0].en


def test_two_documents_in_one_file():
    _, problems, probs = load("id: N-1\n---\nid: N-2\n")
    assert problems == [("YAML-SYNTAX", 2, 1)] and "---" in probs[0].zh


# --- time zones --------------------------------------------------------------------------------

@pytest.fixture
def new_york():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time_mod.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time_mod.tzset()


def test_naive_date_times_are_community_time_whatever_the_machine_tz(new_york):
    assert time_mod.localtime(0).tm_hour == 19  # the process really is in New York
    text = "id: C-1\nkind: 投诉\nreceived: 2026-03-05 09:00\nsummary: 漏水\n"
    case, probs = typed(Case, text)
    assert case.received == datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
    assert case.received.astimezone(SH).strftime("%H:%M") == "09:00"


def test_explicit_offset_is_honoured(new_york):
    for written, utc_hour in (("2026-03-05 09:00+00:00", 9), ("2026-03-05T09:00+0800", 1),
                              ("2026-03-05 09:00Z", 9)):
        case, probs = typed(Case, f"id: C-1\nkind: 投诉\nreceived: {written}\nsummary: 漏水\n")
        assert probs == [] and case.received.astimezone(UTC).hour == utc_hour, written


def test_check_now_is_community_time(new_york, tmp_path):
    root = make_office(tmp_path)
    result = pipeline.check(root, "2026-03-05 09:00")
    assert result.now.utcoffset() == timedelta(hours=8) and result.now.hour == 9
    assert pipeline.check(root, "2026-03-05 09:00-05:00").now.astimezone(UTC).hour == 14


def test_date_alone_as_end_means_end_of_day():
    n, probs = typed(Notice, "id: N-1\nkind: outage\ntitle: 停水\npublished: 2026-03-01 09:00\n"
                             "end: 2026-03-05\nexpires: 2026-03-06\n")
    assert n.end == datetime(2026, 3, 6, 0, 0, tzinfo=SH) and n.expires.date() == date(2026, 3, 7)


# --- one bad file never stops the others -------------------------------------------------------

def test_unreadable_files_do_not_stop_the_others(tmp_path):
    bad_pest = PEST.replace("warning_signs: [1栋大堂]\n", "")
    root = make_office(tmp_path, {
        "notices/2026/a-gbk.yaml": "id: N-9\ntitle: 停水通知\n".encode("gbk"),
        "notices/2026/b-dup.yaml": "id: N-8\nid: N-7\n",
        "notices/2026/c-empty.yaml": "",
        "notices/2026/d-tab.yaml": "id: N-6\ncontact:\n\tname: 甲\n",
        "notices/2026/e-pest.yaml": bad_pest,
        "cases/2026/f-date.yaml": "id: C-1\nkind: 投诉\nreceived: 2026-02-30 10:00\nsummary: 漏水\n",
    })
    result = pipeline.check(root, "2026-04-10 12:00")
    got = {(p.pos.path.rsplit("/", 1)[-1], p.rule) for p in result.problems}
    assert {("a-gbk.yaml", "YAML-ENCODING"), ("b-dup.yaml", "YAML-DUPLICATE-KEY"),
            ("c-empty.yaml", "YAML-SYNTAX"), ("d-tab.yaml", "YAML-SYNTAX"),
            ("e-pest.yaml", "NOTICE-PEST"), ("f-date.yaml", "RECORD-FIELD")} <= got
    assert [n.id for n in result.records.notices] == ["N-2"]


def test_unclosed_bracket_points_at_the_bracket():
    _, problems, probs = load("id: N-1\nareas: [3栋, 5栋\nbody: 停水\n")
    assert problems == [("YAML-SYNTAX", 2, 8)] and "]" in probs[0].zh and "']'" in probs[0].en


def test_comment_after_a_closed_list_is_not_blamed():
    _, problems, probs = load("title: 停水, #备注\nareas: [1栋\n")
    assert problems[0][1] == 2 and "没有配对" in probs[0].zh


# --- new-user test: dates with a time, commas, empty items, choices, '#' values ----------------

@pytest.mark.parametrize("written, right", [
    ("2026年12月8日 09:00", "2026-12-08 09:00"),
    ("2026/12/8 9:00", "2026-12-08 09:00"),
    ("2026年12月8日9:30", "2026-12-08 09:30"),
])
def test_date_times_written_other_ways_keep_the_time(written, right):
    text = f"id: C-1\nkind: 投诉\nreceived: {written}\nsummary: 漏水\n"
    rec, probs = typed(Case, text)
    assert rec is None and [(p.rule, p.pos.line) for p in probs] == [("RECORD-FIELD", 3)]
    assert f"请写成 {right}。" in probs[0].zh and right in probs[0].en


def test_date_time_keeps_whether_a_time_was_written():
    from hcomm_gen.records.types import has_time_of_day
    rec, probs = typed(Notice, "id: N-1\nkind: outage\ntitle: 停水\npublished: 2026-03-01 09:00\n"
                               "start: 2026-03-05\nend: 2026-03-05 17:00\n")
    assert probs == []
    assert rec.start == datetime(2026, 3, 5, 0, 0, tzinfo=SH)  # the typed value is unchanged
    assert (rec.raw("start"), rec.raw("end")) == ("2026-03-05", "2026-03-05 17:00")
    assert not has_time_of_day(rec.raw("start")) and has_time_of_day(rec.raw("end"))


def test_full_width_comma_in_a_bracket_list_is_reported():
    _, problems, probs = load("id: a\nareas: [3栋，5栋2单元]\n")
    assert problems == [("YAML-SYNTAX", 2, 9)]
    assert "半角逗号" in probs[0].zh and "[3栋, 5栋2单元]" in probs[0].zh and "half-width" in probs[0].en


def test_full_width_comma_in_quoted_or_block_text_is_fine():
    _, problems, _ = load("id: a\nareas: ['3栋，5栋']\nbody: 停水，请储水。\ntopics:\n  - 保洁，绿化\n")
    assert problems == []


def test_empty_list_item_is_named_by_list_and_number(tmp_path):
    text = PEST.replace("warning_signs: [1栋大堂]", "warning_signs:\n  - ")
    problems = pipeline.check(make_office(tmp_path, {"notices/2026/n.yaml": text}), "2026-03-02 12:00").problems
    [p] = [p for p in problems if p.rule == "RECORD-FIELD"]
    assert p.zh.startswith("warning_signs 第 1 项: ") and "空" in p.zh, p.zh
    assert p.en.startswith("warning_signs item 1: "), p.en


def test_choices_are_listed_the_chinese_way(tmp_path):
    text = ("id: N-1\nkind: outage\noutage: waterx\ntitle: 停水\npublished: 2026-03-01 09:00\n")
    _, probs = typed(Notice, text)
    [p] = probs
    # both names of each choice (issue 12 item 3), the Chinese way, and the near miss named
    assert p.zh == ("outage: “waterx”不是可选的值。是不是“停水”？请写其中之一："
                    "停水 (water)、停电 (power)、停气 (gas)、电梯停用 (elevator)。"), p.zh
    assert p.en == ("outage: 'waterx' is not one of the choices. Did you mean '停水' (water)? Write one of: "
                    "停水 (water), 停电 (power), 停气 (gas), 电梯停用 (elevator)."), p.en


def test_hash_value_of_a_required_field_is_one_problem(tmp_path):
    text = PEST.replace("title: 灭鼠通知", "title: #3栋停水通知")
    problems = pipeline.check(make_office(tmp_path, {"notices/2026/n.yaml": text}), "2026-03-02 12:00").problems
    assert [(p.rule, p.pos.line) for p in problems] == [("YAML-SYNTAX", 3)], [p.format() for p in problems]


# --- positions inside a text value (issue 16: a time in the body, a total, a character) ------

TEXTS = """\
id: N-9
body: |
  第一行

  第三行 17:00 结束
    缩进的一行 合计
title: "引号里 🔥"
plain: 一行 ⚠ 文字
folded: >
  折叠的第一行
  折叠的第二行 X
"""


def _at(doc, loc, needle):
    value = doc.value_at(loc)
    return doc.text_pos(loc, value.index(needle))


def test_text_pos_gives_the_line_and_column_inside_a_literal_block():
    doc, problems = load_text(TEXTS, "n.yaml")
    assert problems == []
    p = _at(doc, ("body",), "17:00")
    assert (p.line, p.column) == (5, 7)            # "  第三行 17:00": 2 spaces + 4 characters
    p = _at(doc, ("body",), "合计")
    assert (p.line, p.column) == (6, 11)           # 4 spaces (2 of them its own) + 6 characters
    assert doc.lines[p.line - 1][p.column - 1:p.column + 1] == "合计"


def test_text_pos_of_one_line_quoted_plain_and_folded_values():
    doc, _ = load_text(TEXTS, "n.yaml")
    for loc, needle in ((("title",), "🔥"), (("plain",), "⚠"), (("folded",), "X")):
        p = _at(doc, loc, needle)
        assert doc.lines[p.line - 1][p.column - 1] == needle, (loc, p)
    assert _at(doc, ("folded",), "X").line == 11


def test_find_text_walks_the_record_in_file_order():
    doc, _ = load_text(TEXTS, "n.yaml")
    p = doc.find_text("⚠")
    assert (p.path, p.line, doc.lines[p.line - 1][p.column - 1]) == ("n.yaml", 8, "⚠")
    assert doc.find_text("不存在") is None
