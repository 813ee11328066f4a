"""NOTICE-CHANGE: the items of a notice's ``changes:`` (issue 16) can be shown truthfully, and
RECORD-FIELD's ``expires`` before ``start`` judges the notice as changed. The notice is the
small water cut ``helpers.OUTAGE``: published 03-01 09:00, cut 03-05 09:00–17:00."""
from __future__ import annotations

import pytest
from helpers import OUTAGE, found, in_files, line_of, make_office, problems_of

NOW = "2026-04-10 12:00"


def run(tmp_path, changes: str, notice: str = OUTAGE):
    text = notice + "changes:\n" + changes
    # the notice's own problems (not the test office's monthly obligations since March)
    return text, in_files(problems_of(make_office(tmp_path, {"notices/2026/n1.yaml": text}), NOW), "n1.yaml")


def test_good_changes_pass(tmp_path):
    _, problems = run(tmp_path, """\
  - {at: 2026-03-02 10:00, type: 改期, text: 推迟一天, start: 2026-03-06 09:00, end: 2026-03-06 17:00}
  - {at: 2026-03-06 15:00, type: 提前结束, text: 提前恢复供水, end: 2026-03-06 15:00}
  - {at: 2026-03-06 16:00, type: 更正, text: 联系电话更正为 0571-0000 0002}
""")
    assert [p.format() for p in problems] == []


def test_a_cancellation_then_a_correction_passes(tmp_path):
    _, problems = run(tmp_path, """\
  - {at: 2026-03-02 10:00, type: 取消, text: 水箱清洗取消}
  - {at: 2026-03-02 11:00, type: 更正, text: 取消原因是设备未到货}
""")
    assert [p.format() for p in problems] == []


def test_a_change_before_publication_is_an_error_at_its_at(tmp_path):
    text, problems = run(tmp_path, "  - {at: 2026-02-28 18:00, type: 取消, text: 取消}\n")
    assert found(problems, "NOTICE-CHANGE") == [(line_of(text, "- {at: 2026-02-28"), "error")]
    [p] = [p for p in problems if p.rule == "NOTICE-CHANGE"]
    assert p.pos.column == len("  - {at: ") + 1
    assert "2026-02-28 18:00" in p.zh and "2026-03-01 09:00" in p.zh and "2026-03-01 09:00" in p.en


@pytest.mark.parametrize("changes, needle, zh_word", [
    # 改期 without start or end: at the item's first line
    ("  - at: 2026-03-02 10:00\n    type: 改期\n    text: 推迟\n", "- at:", "改期没有写新的时间"),
    # 提前结束 without end
    ("  - at: 2026-03-05 15:00\n    type: 提前结束\n    text: 提前恢复\n", "- at:", "提前结束没有写"),
    # the new end before the new start: at the item's end
    ("  - at: 2026-03-02 10:00\n    type: 改期\n    text: 推迟\n    start: 2026-03-06 09:00\n"
     "    end: 2026-03-06 08:00\n", "end: 2026-03-06 08:00", "不晚于开始时间 2026-03-06 09:00"),
    # an early end at the start of the cut
    ("  - {at: 2026-03-05 09:30, type: 提前结束, text: 未停水, end: 2026-03-05 09:00}\n", "- {at:", "不晚于开始时间"),
    # an "early" end later than the end: an extension is a 改期
    ("  - at: 2026-03-05 16:00\n    type: 提前结束\n    text: 延长\n    end: 2026-03-05 19:00\n",
     "end: 2026-03-05 19:00", "晚于原定的结束时间 2026-03-05 17:00"),
    # a cancellation with a time that would not apply
    ("  - at: 2026-03-02 10:00\n    type: 取消\n    text: 取消\n    start: 2026-03-06 09:00\n",
     "start: 2026-03-06", "不会生效"),
    # a reschedule after the cancellation
    ("  - {at: 2026-03-02 10:00, type: 取消, text: 取消}\n"
     "  - {at: 2026-03-03 10:00, type: 改期, text: 又要停, start: 2026-03-07 09:00}\n",
     "type: 改期", "另发一条新通知"),
])
def test_a_change_that_cannot_be_shown_is_an_error_at_its_line(tmp_path, changes, needle, zh_word):
    text, problems = run(tmp_path, changes)
    assert found(problems, "NOTICE-CHANGE") == [(line_of(text, needle), "error")]
    [p] = [p for p in problems if p.rule == "NOTICE-CHANGE"]
    assert zh_word in p.zh and p.en and "\n" not in p.zh + p.en


def test_a_change_without_text_is_a_warning(tmp_path):
    text, problems = run(tmp_path, "  - {at: 2026-03-02 10:00, type: 取消}\n")
    assert found(problems, "NOTICE-CHANGE") == [(line_of(text, "- {at:"), "warning")]


def test_expires_judged_on_the_rescheduled_notice(tmp_path):
    # expires 2026-03-05 (end of that day) precedes a cut moved to 03-08 09:00–17:00 as
    # written, but moves with it: the end moved 3 days, so expires is the end of 03-08
    notice = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-01 09:00\nexpires: 2026-03-05")
    _, problems = run(tmp_path, "  - {at: 2026-03-02 10:00, type: 改期, text: 推迟, start: 2026-03-08 09:00}\n",
                      notice)
    assert [p.format() for p in problems] == []


def test_expires_before_start_as_first_published_stays_an_error_after_a_reschedule(tmp_path):
    # expires 2026-03-04 (end of that day) before the cut at 03-05 09:00: the notice was
    # archived before it began; a later 改期 does not make the record as published right
    notice = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-01 09:00\nexpires: 2026-03-04")
    text, problems = run(tmp_path, "  - {at: 2026-03-02 10:00, type: 改期, text: 推迟, start: 2026-03-06 09:00}\n",
                         notice)
    assert found(problems, "RECORD-FIELD") == [(line_of(text, "expires:"), "error")]
    [p] = [p for p in problems if p.rule == "RECORD-FIELD"]
    assert "expires（下架时间）2026-03-04 早于 start（开始时间）2026-03-05 09:00" in p.zh
