"""Dates and times written in a notice's text (NOTICE-BODY-TIMES, T2): how they are read and
which ones contradict start/end. Values worked out by hand from the module doc's decisions."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hcomm_gen.domain.written_times import contradictions, written_times

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 10)           # a Thursday


def at(day: int, hh: int, mm: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hh, mm, tzinfo=TZ)


def read(text):
    return [(w.text, w.first.day, w.first.minutes, w.last and (w.last.day, w.last.minutes), w.qualified)
            for w in written_times(text, DAY)]


@pytest.mark.parametrize("text, minutes", [
    ("17:00", 1020), ("17：00", 1020), ("下午5点", 1020), ("下午五点", 1020), ("17点30分", 1050),
    ("5点半", 330), ("下午5点半", 1050), ("晚上8点", 1200), ("中午12点", 720), ("中午1点", 780),
    ("上午九点整", 540), ("17时30分", 1050), ("凌晨2:30", 150), ("24:00", 1440),
])
def test_time_forms(text, minutes):
    [(_t, _d, got, _l, _q)] = read(f"停水至{text}恢复")[-1:]
    assert got == minutes


@pytest.mark.parametrize("text", ["请早一点储水", "注意以下3点：", "停水约24小时", "放水2至3分钟", "每日两次",
                                  "一时半会", "第3点", "25:00"])
def test_words_that_are_not_times(text):
    assert read(text) == []


def test_dates_weekdays_ranges_and_qualifiers():
    ws = written_times("2026年12月10日（周四）9:00至18:00停水，请于12月10日9:00前储水。", DAY)
    assert [(w.text, w.qualified) for w in ws] == [("2026年12月10日（周四）9:00至18:00", False),
                                                    ("12月10日9:00", True)]
    first, last = ws[0].first, ws[0].last
    assert (first.day, first.weekday, first.minutes, last.day, last.minutes) == (DAY, 3, 540, None, 1080)
    # the second date of a range gives only the day; 次日 moves the end to the next day
    assert read("将于2026年5月27日至29日修剪") == [
        ("2026年5月27日至29日", date(2026, 5, 27), None, (date(2026, 5, 29), None), False)]
    assert read("22:00至次日6:00") == [("22:00至次日6:00", DAY, 1320, (date(2026, 12, 11), 360), False)]
    # a year left out: the one nearest to the notice (12-10 → 1月1日 is 2027-01-01)
    assert read("1月1日（星期五）9:00")[0][1] == date(2027, 1, 1)
    assert read("2026-12-10 09:00")[0][1:3] == (DAY, 540)


START, END = at(10, 9), at(10, 18)   # 2026-12-10 09:00–18:00


def bad(texts, start=START, end=END):
    return [(c.written.field, c.written.text, c.what, c.value)
            for c in contradictions(texts, start, end, TZ)]


def test_body_says_17_00_while_end_is_18_00():
    assert bad({"body": "2026年12月10日（星期四）9:00至17:00停水。"}) == [
        ("body", "2026年12月10日（星期四）9:00至17:00", "end", "2026-12-10 17:00")]


def test_body_says_12_9_while_start_is_12_10():
    assert bad({"body": "管理处将于2026年12月9日（星期三）9:00至18:00停水。"}) == [
        ("body", "2026年12月9日（星期三）9:00至18:00", "outside", "2026-12-09 09:00")]


def test_wrong_weekday_and_a_moment_after_the_end():
    assert bad({"body": "12月10日（周三）停水，预计19:00恢复。"}) == [
        ("body", "12月10日（周三）", "weekday", "星期四"), ("body", "19:00", "outside", "2026-12-10 19:00")]


def test_moments_inside_the_period_and_deadlines_are_fine():
    texts = {"body": "2026年12月10日（星期四）9:00至12:00一期、12:00至18:00二期，其中11:00至12:00水压较低，"
                     "预计10:00恢复1栋。如提前完成将提前恢复。\n\n h小区管理处\n 2026年11月27日",
             "actions": "请于12月10日9:00前储水；12月16日前到管理处登记。今年冬至为12月22日。"}
    assert bad(texts) == []


def test_ranges_of_all_fields_together_span_the_period():
    # the body gives the whole period, actions a sub-period: fine; actions alone: not
    assert bad({"body": "9:00至18:00停水", "actions": "11:00至12:00请走楼梯"}) == []
    assert bad({"body": "停水", "actions": "11:00至12:00请走楼梯"}) == [
        ("actions", "11:00至12:00", "begin", "2026-12-10 11:00")]


def test_works_of_several_days_with_daily_hours():
    start, end = at(23, 8, 30, month=11), at(6, 17, 30)
    ok = "管理处将于2026年11月23日至12月6日维修，施工时间为每日8:30至12:00、13:30至17:30。"
    assert bad({"body": ok}, start, end) == []
    assert bad({"body": ok.replace("8:30至12:00", "8:00至12:00")}, start, end) == [
        ("body", "8:00至12:00", "outside", "08:00")]
    assert bad({"body": ok.replace("12月6日", "12月5日")}, start, end) == [
        ("body", "2026年11月23日至12月5日", "end", "2026-12-05")]
    # a date alone (no weekday, no time) and a range whose first date gives no year: not judged
    assert bad({"body": ok + "（11月16日至11月22日拆除旧设备）10月21日：东门"}, start, end) == []


def test_overnight_and_open_ended():
    assert bad({"body": "12月10日22:00至次日6:00停电"}, at(10, 22), at(11, 6)) == []
    # an incident without end: only "not before the start"
    assert bad({"body": "6:30发现爆管，7:00关阀"}, at(10, 6, 40), None) == [
        ("body", "6:30", "outside", "2026-12-10 06:30")]
