"""A posted notice changed by ``changes:`` and its state at a moment (issue 16, items 3 and 4):
:func:`current_notice`, :func:`notice_state`, :func:`next_state_change`, hand-computed.

The notice is helpers.OUTAGE: published 2026-03-01 09:00, water cut 2026-03-05 09:00–17:00
(Shanghai), no ``expires`` (so it is archived at its end).
"""
from __future__ import annotations

from zoneinfo import ZoneInfo

from helpers import OUTAGE, at_shanghai, make_office

from hcomm_gen.domain.notices import (
    ARCHIVED,
    CANCELLED,
    ENDED,
    IN_EFFECT,
    UNPUBLISHED,
    UPCOMING,
    current_notice,
    is_cancelled,
    next_state_change,
    notice_state,
    state_changes,
)
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")


at = at_shanghai


def notice(tmp_path, extra: str = ""):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE + extra})
    records = load_records(root)
    assert not records.problems, records.problems
    [n] = records.notices
    return n


def test_expires_later_than_end_gives_ended_between(tmp_path):
    n = notice(tmp_path, "expires: 2026-03-06\n")  # a date alone: the end of 03-06
    assert notice_state(n, at("2026-03-05 16:59")) == IN_EFFECT
    assert notice_state(n, at("2026-03-05 17:00")) == ENDED
    assert notice_state(n, at("2026-03-06 23:59")) == ENDED
    assert notice_state(n, at("2026-03-07 00:00")) == ARCHIVED
    assert notice_state(n, at("2026-03-01 08:59")) == UNPUBLISHED


def test_reschedule_moves_times_and_expires_from_the_change_on(tmp_path):
    n = notice(tmp_path, "expires: 2026-03-06\n"
                         "changes:\n"
                         "  - {at: 2026-03-03 10:00, type: 改期, start: 2026-03-12 09:00, end: 2026-03-12 15:00,"
                         " text: 供水公司要求改期}\n")
    # before the change is made the notice reads as written
    assert current_notice(n, at("2026-03-03 09:59")).start == at("2026-03-05 09:00")
    cur = current_notice(n, at("2026-03-03 10:00"))
    assert (cur.start, cur.end) == (at("2026-03-12 09:00"), at("2026-03-12 15:00"))
    # the end moved 03-05 17:00 → 03-12 15:00 (6 days 22 h); expires 03-07 00:00 moves as much
    assert cur.expires == at("2026-03-13 22:00")
    assert n.start == at("2026-03-05 09:00")  # the record itself is not changed
    assert notice_state(n, at("2026-03-05 10:00")) == UPCOMING  # the old time no longer applies
    assert notice_state(n, at("2026-03-12 10:00")) == IN_EFFECT
    assert notice_state(n, at("2026-03-12 15:00")) == ENDED


def test_new_start_alone_keeps_the_duration(tmp_path):
    n = notice(tmp_path, "changes:\n  - {at: 2026-03-03 10:00, type: 改期, start: 2026-03-06 08:00, text: 推迟一天}\n")
    cur = current_notice(n)
    assert (cur.start, cur.end) == (at("2026-03-06 08:00"), at("2026-03-06 16:00"))  # 8 h as before


def test_end_early_keeps_expires(tmp_path):
    n = notice(tmp_path, "expires: 2026-03-06\n"
                         "changes:\n  - {at: 2026-03-05 14:10, type: 提前结束, end: 2026-03-05 14:00, text: 已提前恢复供水}\n")
    cur = current_notice(n)
    assert (cur.end, cur.expires) == (at("2026-03-05 14:00"), at("2026-03-07 00:00"))
    # the end moved back to 14:00 only once the change was made at 14:10
    assert notice_state(n, at("2026-03-05 14:05")) == IN_EFFECT
    assert notice_state(n, at("2026-03-05 14:10")) == ENDED


def test_cancelled_stays_shown_until_its_archive_moment(tmp_path):
    n = notice(tmp_path, "changes:\n  - {at: 2026-03-04 16:00, type: 取消, text: 水箱检测合格，取消清洗}\n")
    assert notice_state(n, at("2026-03-04 15:59")) == UPCOMING
    assert not is_cancelled(n, at("2026-03-04 15:59"))
    assert notice_state(n, at("2026-03-04 16:00")) == CANCELLED
    assert notice_state(n, at("2026-03-05 10:00")) == CANCELLED  # not 生效中
    assert notice_state(n, at("2026-03-05 17:00")) == ARCHIVED


def test_next_state_change_counts_changes_and_changed_times(tmp_path):
    n = notice(tmp_path, "changes:\n  - {at: 2026-03-03 10:00, type: 改期, start: 2026-03-12 09:00,"
                         " end: 2026-03-12 15:00, text: 改期}\n")
    assert state_changes(n) == [at("2026-03-01 09:00"), at("2026-03-03 10:00"), at("2026-03-05 09:00"),
                                at("2026-03-05 17:00"), at("2026-03-12 09:00"), at("2026-03-12 15:00")]
    assert next_state_change([n], at("2026-03-02 00:00")) == at("2026-03-03 10:00")
    # after the change the old start (03-05 09:00) is a moment that may no longer change
    # anything; a rebuild then is harmless, and the next real change (03-12 09:00) follows
    assert next_state_change([n], at("2026-03-06 00:00")) == at("2026-03-12 09:00")
    assert next_state_change([n], at("2026-03-12 15:00")) is None
