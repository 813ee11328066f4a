"""Today's and tomorrow's outages (issue 11 item 3): the strip at the top of the home page
says, in the community's time zone, which supply stops when and where on the day of the
build's ``now`` and the next day (``今天 08:00–12:00 3栋 停水``).

An outage here is a notice with ``outage:`` (water, power, gas or the lift) of kind
``outage``, ``emergency`` or ``works``, with a start, not cancelled, published by ``now``; its
times are the current ones (after the changes made by ``now``). One that lasts over both days
is listed on each. The strip's content depends on the date, so it changes at midnight even
when no notice changes state: :func:`midnight_changes` says when a site built at ``now`` is
out of date for that reason (``hcomm next-change``, the last line of ``hcomm build``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from hcomm_gen.domain.notices import (
    ARCHIVED,
    CANCELLED,
    UNPUBLISHED,
    StateChange,
    current_notice,
    notice_state,
)
from hcomm_gen.records.models import Notice

#: the notice kinds that may stop a supply or the lift (with ``outage:``)
OUTAGE_NOTICE_KINDS = ("outage", "emergency", "works")
#: what the strip calls the build's day and the next
DAY_WORDS = ("今天", "明天")


@dataclass(frozen=True)
class DayOutage:
    """One line of the strip: ``notice`` (times as changed by ``now``) stops its supply on
    ``day``, ``offset`` days after the build's day (0 今天, 1 明天), during ``hours``:
    ``08:00–12:00``, ``08:00 起`` (goes on past midnight), ``至 12:00`` (began the day before),
    ``全天``, or ``08:00 起，恢复时间待定`` (no end written)."""

    offset: int
    day: date
    notice: Notice
    hours: str

    @property
    def day_word(self) -> str:
        """``今天`` or ``明天``."""
        return DAY_WORDS[self.offset]


def _midnight(d: date, tz: tzinfo) -> datetime:
    return datetime.combine(d, time(0), tzinfo=tz)


def _hours(start: datetime, end: datetime | None, day_start: datetime, day_end: datetime, tz) -> str:
    """The part of ``start``–``end`` within ``[day_start, day_end)`` as the strip says it."""
    s = start.astimezone(tz)
    if end is None:
        return f"{s:%H:%M} 起，恢复时间待定" if s >= day_start else "恢复时间待定"
    e = end.astimezone(tz)
    if s <= day_start and e >= day_end:
        return "全天"
    if s < day_start:
        return f"至 {e:%H:%M}"
    if e > day_end:
        return f"{s:%H:%M} 起"
    return f"{s:%H:%M}–{'24:00' if e == day_end else f'{e:%H:%M}'}"


def stops_supply(notice: Notice) -> bool:
    """A notice saying that water, power, gas or the lift stops (``outage:`` on an outage,
    an emergency or works)."""
    return notice.outage is not None and notice.kind in OUTAGE_NOTICE_KINDS


def day_outages(notices: list[Notice], now: datetime, tz: tzinfo, display_days: int = 30) -> list[DayOutage]:
    """The outages on the local day of aware ``now`` and the next (see the module), today's
    first, each day by start then ID. A notice not yet published, cancelled or archived at
    ``now`` is left out; one that has already ended today stays (its page says 已恢复供水)."""
    today = now.astimezone(tz).date()
    out = []
    for n in notices:
        if not stops_supply(n) or n.start is None:
            continue
        if notice_state(n, now, display_days) in (UNPUBLISHED, CANCELLED, ARCHIVED):
            continue
        cur = current_notice(n, now)
        if cur.start is None:  # (a start stays a start; for the type checker)
            continue
        for offset in (0, 1):
            day = today + timedelta(days=offset)
            day_start, day_end = _midnight(day, tz), _midnight(day + timedelta(days=1), tz)
            if cur.start >= day_end:
                continue
            if cur.end is None:
                if offset and cur.start < day_start:  # no end: tomorrow only when it starts then
                    continue
            elif cur.end <= day_start:
                continue
            out.append(DayOutage(offset, day, cur, _hours(cur.start, cur.end, day_start, day_end, tz)))
    out.sort(key=lambda d: (d.offset, d.notice.start or d.notice.published, d.notice.id))
    return out


def _strip_key(notices: list[Notice], at: datetime, tz, display_days: int) -> dict[str, set]:
    """``{notice ID: {(offset, hours)}}`` of the strip at ``at``."""
    key: dict[str, set] = {}
    for d in day_outages(notices, at, tz, display_days):
        key.setdefault(d.notice.id, set()).add((d.offset, d.hours))
    return key


def next_midnight(now: datetime, tz: tzinfo) -> datetime:
    """The first local midnight after aware ``now`` in ``tz``."""
    return _midnight(now.astimezone(tz).date() + timedelta(days=1), tz)


def midnight_changes(notices: list[Notice], now: datetime, tz: tzinfo, display_days: int = 30,
                     until: datetime | None = None) -> list[StateChange]:
    """What changes in the today/tomorrow strip at the first local midnight after ``now``
    (and not after ``until``, the next change of state: no state changes before it) at which
    the strip differs from the one before that midnight (an outage entering 明天, moving from
    明天 to 今天, leaving 今天), as :class:`~hcomm_gen.domain.notices.StateChange` items marked
    ``day=True`` (their states before and after: those at ``now`` and at that midnight), one
    per notice concerned in the order of ``notices``; ``[]`` when no midnight changes it
    (looked at for at most ten years without ``until``).

    E.g. a water cut on 3 March, asked on 1 March at noon: the strip changes at 2 March 00:00
    (明天), though no state changes until the cut starts.
    """
    limit = until if until is not None else now + timedelta(days=3660)
    prev = _strip_key(notices, now, tz, display_days)
    m = next_midnight(now, tz)
    while m <= limit:
        cur = _strip_key(notices, m, tz, display_days)
        if cur != prev:
            changed = {i for i in prev.keys() | cur.keys() if prev.get(i) != cur.get(i)}
            return [StateChange(m, n, notice_state(n, now, display_days), notice_state(n, m, display_days),
                                day=True) for n in notices if n.id in changed]
        prev, m = cur, next_midnight(m, tz)
    return []
