"""A posted notice's changes (issue 16): the current times after 改期/提前结束 and the history
of old → new times, worked out by hand from the 12-03 power cut of the example community
(08:30–12:30, ``expires: 2026-12-04``, i.e. until 2026-12-05 00:00)."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from helpers import at_shanghai

from hcomm_gen.domain.notices import (
    CANCELLED,
    ENDED,
    UPCOMING,
    change_history,
    current_notice,
    is_cancelled,
    notice_state,
)
from hcomm_gen.records.models import Notice, NoticeChange

TZ = ZoneInfo("Asia/Shanghai")


t = at_shanghai


def power_cut(*changes: dict) -> Notice:
    return Notice(id="N-P", kind="outage", outage="power", title="停电", published=t("2026-11-28 10:00"),
                  start=t("2026-12-03 08:30"), end=t("2026-12-03 12:30"), expires=t("2026-12-05 00:00"),
                  changes=[NoticeChange(**c) for c in changes])


def times(n: Notice) -> tuple:
    return n.start, n.end, n.expires


def test_reschedule_moves_start_end_and_expires_by_the_same_two_days():
    n = power_cut({"at": t("2026-12-02 16:00"), "type": "改期", "text": "延期",
                   "start": t("2026-12-05 08:30"), "end": t("2026-12-05 12:30")})
    assert times(current_notice(n)) == (t("2026-12-05 08:30"), t("2026-12-05 12:30"), t("2026-12-07 00:00"))
    # before the change is made, the notice is as first published
    assert times(current_notice(n, t("2026-12-02 15:59"))) == times(n)
    assert notice_state(n, t("2026-12-04 12:00")) == UPCOMING          # not ENDED: it moved
    assert notice_state(n, t("2026-12-02 15:00"), 30) == UPCOMING


def test_a_new_start_alone_keeps_the_four_hours():
    n = power_cut({"at": t("2026-12-02 16:00"), "type": "改期", "start": t("2026-12-05 09:00")})
    # 08:30 → 09:00 on the 5th: +2 days 30 min; end 12:30 + that = 13:00 on the 5th
    assert times(current_notice(n)) == (t("2026-12-05 09:00"), t("2026-12-05 13:00"), t("2026-12-07 00:30"))


def test_end_early_sets_the_end_and_keeps_expires():
    n = power_cut({"at": t("2026-12-03 11:05"), "type": "提前结束", "end": t("2026-12-03 11:00")})
    assert times(current_notice(n)) == (t("2026-12-03 08:30"), t("2026-12-03 11:00"), t("2026-12-05 00:00"))
    assert notice_state(n, t("2026-12-03 11:30")) == ENDED


def test_cancel_keeps_the_times_and_the_notice_shown_until_it_expires():
    n = power_cut({"at": t("2026-12-01 09:00"), "type": "取消", "text": "检修取消"})
    assert times(current_notice(n)) == times(n)
    assert not is_cancelled(n, t("2026-12-01 08:59")) and is_cancelled(n, t("2026-12-01 09:00"))
    assert notice_state(n, t("2026-12-04 12:00")) == CANCELLED
    assert notice_state(n, t("2026-12-05 00:00")) == "archived"


def test_history_gives_old_and_new_times_of_each_change_in_order_of_at():
    # written out of order: the correction is dated after the reschedule
    n = power_cut({"at": t("2026-12-02 18:00"), "type": "提前结束", "end": t("2026-12-05 11:00")},
                  {"at": t("2026-12-02 16:00"), "type": "改期",
                   "start": t("2026-12-05 08:30"), "end": t("2026-12-05 12:30")})
    hist = change_history(n)
    assert [(c.type, (b.start, b.end), (a.start, a.end)) for c, b, a in hist] == [
        ("改期", (t("2026-12-03 08:30"), t("2026-12-03 12:30")), (t("2026-12-05 08:30"), t("2026-12-05 12:30"))),
        ("提前结束", (t("2026-12-05 08:30"), t("2026-12-05 12:30")), (t("2026-12-05 08:30"), t("2026-12-05 11:00"))),
    ]
    assert [c.type for c, _, _ in change_history(n, t("2026-12-02 17:00"))] == ["改期"]
    assert change_history(n, t("2026-12-02 15:00")) == []
