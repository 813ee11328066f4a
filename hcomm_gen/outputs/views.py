"""What pages and sheets show of a notice: state, label, time span, areas, paragraphs.

Public output only: nothing here reads visits or case details (VISIT-PRIVACY).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote

from markupsafe import Markup, escape

from hcomm_gen.domain.notices import (
    ARCHIVED,
    CANCEL,
    CANCELLED,
    END_EARLY,
    ENDED,
    IN_EFFECT,
    RESCHEDULE,
    UNPUBLISHED,
    UPCOMING,
    change_history,
    changes_made,
    current_notice,
    effective_end,
    notice_state,
    state_label,
    state_labels,
)
from hcomm_gen.domain.terms import NOTICE_KINDS, OUTAGE_KINDS
from hcomm_gen.outputs.env import zh_date
from hcomm_gen.records.models import Notice, NoticeChange


def paragraphs(text: str | None) -> list[str]:
    """Non-empty lines of ``text`` (each a paragraph)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def notice_path(notice_id: str) -> str:
    """Path of a notice's page under the site root, from its ID (never its title):
    ``notices/N-2026-1127-water/``."""
    return f"notices/{quote(notice_id, safe='-_.~')}/"


def is_midnight(d: datetime) -> bool:
    """A time of 00:00: a start or end written as a date alone."""
    return d.hour == 0 and d.minute == 0


def time_span(start: datetime | None, end: datetime | None, tz) -> str:
    """Start and end with weekdays, in the community's time zone, the same on the site, the
    feeds and the printed sheets: ``2026年12月3日 周四 08:30 至 12:30``,
    ``2026年11月23日 周一 08:30 至 2026年12月6日 周日 17:30``, ``2027年1月1日 周五 起`` (a start at
    00:00 is a date); an end at 00:00 is the whole previous day (``…至 2026年12月3日 周四``),
    and a single whole day is just that date."""
    if start is None:
        return ""
    s = start.astimezone(tz)
    s_txt = zh_date(s) if is_midnight(s) else f"{zh_date(s)} {s:%H:%M}"
    if end is None:
        return f"{s_txt} 起"
    e = end.astimezone(tz)
    if is_midnight(e):
        last = e - timedelta(days=1)
        if is_midnight(s) and last.date() <= s.date():
            return s_txt
        return f"{s_txt} 至 {zh_date(last)}"
    if e.date() == s.date() and not is_midnight(s):
        return f"{s_txt} 至 {e:%H:%M}"
    return f"{s_txt} 至 {zh_date(e)} {e:%H:%M}"


def notice_label(n: Notice) -> str:
    """The kind as occupants read it: ``计划停水``/``突发停电`` for a cut, ``维修施工·电梯停用``
    for works that stop a supply or the lift (``outage`` on a works notice), else the kind's
    name (terms.NOTICE_KINDS)."""
    if n.kind in ("outage", "emergency") and n.outage:
        prefix = "突发" if n.kind == "emergency" else "计划"
        return prefix + OUTAGE_KINDS[n.outage]
    if n.kind == "works" and n.outage:
        return f"{NOTICE_KINDS['works']}·{OUTAGE_KINDS[n.outage]}"
    return NOTICE_KINDS.get(n.kind, n.kind)


def is_outage(n: Notice) -> bool:
    """True when the notice belongs on the outages calendar (page and ``.ics``): a planned
    outage, an emergency, or works whose ``outage`` says what they stop (water, power, gas or
    the elevator, e.g. a lift replacement)."""
    return n.kind in ("outage", "emergency") or (n.kind == "works" and n.outage is not None)


#: what the top of a changed notice's page and its change sheet say, by the change that
#: decides it (see :attr:`NoticeView.change_label`)
CHANGE_LABELS = {CANCEL: "已取消", RESCHEDULE: "已改期", END_EARLY: "已提前结束", "更正": "已更正"}


#: the states whose labels a page gives its script (``data-labels``), in this order
LABELLED = (UPCOMING, IN_EFFECT, ENDED, CANCELLED, ARCHIVED)


def iso(d: datetime | None, tz) -> str:
    """``d`` as ISO 8601 with its offset in ``tz`` (``2026-12-03T08:30:00+08:00``), ``""``
    for ``None``: absolute moments the page script compares with the reader's clock."""
    return d.astimezone(tz).isoformat() if d is not None else ""


@dataclass
class ChangeRow:
    """One line of a notice's 变更记录: the change (``at``, ``type``, ``text``), and the time
    span before and after it (``old``/``new``, :func:`time_span`; equal when it changed no
    time)."""

    change: NoticeChange
    old: str
    new: str

    @property
    def moved(self) -> bool:
        """Whether the change moved the times (a 改期 or 提前结束 that applied)."""
        return self.old != self.new


@dataclass
class NoticeView:
    """A notice as shown at ``now`` (:func:`notice_view`): ``notice`` with its times as
    changed by then (:func:`~hcomm_gen.domain.notices.current_notice`), ``state`` one of
    domain.notices' states, ``original`` the notice as first published (``None``: the same
    as ``notice``), ``changes`` the changes made by ``now`` in the order of ``at``,
    ``display_days`` the community's ``notice_display_days`` (archive moment of a notice
    without end or expiry)."""

    notice: Notice
    state: str
    tz: object
    original: Notice | None = None
    changes: list[NoticeChange] = field(default_factory=list)
    display_days: int = 30

    @property
    def first(self) -> Notice:
        """The notice as first published."""
        return self.original if self.original is not None else self.notice

    @property
    def cancelled(self) -> bool:
        """A 取消 was made by the view's moment."""
        return any(c.type == CANCEL for c in self.changes)

    @property
    def last_change(self) -> NoticeChange | None:
        return self.changes[-1] if self.changes else None

    @property
    def updated(self) -> datetime:
        """When occupants were last told something of the notice: the last change's ``at``,
        else ``published`` (feeds' ``updated``, the calendar's ``DTSTAMP``)."""
        last = self.last_change
        return last.at if last is not None else self.notice.published

    @property
    def headline_change(self) -> NoticeChange | None:
        """The change the top of the page and the change sheet speak of: the (first) 取消,
        else the last 改期/提前结束, else the last change (a 更正); ``None`` without changes."""
        for types in ((CANCEL,), (RESCHEDULE, END_EARLY)):
            found = [c for c in self.changes if c.type in types]
            if found:
                return found[0] if types == (CANCEL,) else found[-1]
        return self.last_change

    @property
    def change_label(self) -> str:
        """What :attr:`headline_change` made of the notice: ``已取消``, ``已改期``,
        ``已提前结束`` or ``已更正``; ``""`` for a notice without changes."""
        c = self.headline_change
        return CHANGE_LABELS[c.type] if c is not None else ""

    @property
    def history(self) -> list[ChangeRow]:
        """The 变更记录, oldest first: each change with the time span before and after it."""
        made = {id(c) for c in self.changes}
        return [ChangeRow(c, time_span(b.start, b.end, self.tz), time_span(a.start, a.end, self.tz))
                for c, b, a in change_history(self.first) if id(c) in made]

    @property
    def state_zh(self) -> str:
        """The state as occupants read it (:func:`~hcomm_gen.domain.notices.state_label`):
        ``即将开始``, ``进行中``/``生效中``, ``已恢复供电``/``已结束``, ``已取消``, ``已归档``."""
        return state_label(self.notice, self.state)

    @property
    def state_data(self) -> Markup:
        """The HTML attributes by which the page script (``states.js``) recomputes the state
        with the reader's clock: ``data-notice``, ``data-kind``, ``data-state`` (at the build),
        then ``data-published``, ``data-start``, ``data-end``, ``data-expires`` (the archive
        moment) and ``data-cancelled`` (when a 取消 change was or will be made) as ISO 8601
        with offset (left out when the notice has none), and ``data-labels``: the labels of
        :data:`LABELLED` in that order, separated by spaces. Times are those of the notice as
        changed by the view's moment. An archived notice (a state it never leaves) gets the
        first three only."""
        n = self.notice
        if self.state == ARCHIVED:  # for good: nothing for the script to recompute
            return Markup(f'data-notice="{escape(n.id)}" data-kind="{escape(n.kind)}" data-state="{ARCHIVED}"')
        cancels = [c.at for c in changes_made(self.first) if c.type == CANCEL]
        labels = state_labels(n)
        attrs = {"notice": n.id, "kind": n.kind, "state": self.state,
                 "published": iso(n.published, self.tz), "start": iso(n.start, self.tz),
                 "end": iso(n.end, self.tz),
                 "expires": iso(effective_end(n, self.display_days), self.tz),
                 "cancelled": iso(cancels[0] if cancels else None, self.tz),
                 "labels": " ".join(labels[s] for s in LABELLED)}
        return Markup(" ".join(f'data-{k}="{escape(v)}"' for k, v in attrs.items() if v))

    @property
    def label(self) -> str:
        return notice_label(self.notice)

    @property
    def when(self) -> str:
        n = self.notice
        if n.start is not None:
            return time_span(n.start, n.end, self.tz)
        return f"发布于 {zh_date(n.published, self.tz)}"

    @property
    def areas(self) -> str:
        return "、".join(self.notice.areas)

    @property
    def url_path(self) -> Markup:
        """Path of the notice's page under the site root (stable: from the ID, never the
        title), e.g. ``notices/N-2026-1127-water/``; safe HTML as it is (percent-encoded,
        :func:`notice_path`), so templates insert it into ``href`` unchanged."""
        return Markup(notice_path(self.notice.id))

    @property
    def pinned(self) -> bool:
        """An emergency notice in effect: pinned on top of the home page (T2)."""
        return self.notice.kind == "emergency" and self.state == IN_EFFECT

    @property
    def action_paras(self):
        return paragraphs(self.notice.actions)

    @property
    def measure_paras(self):
        return paragraphs(self.notice.measures)


def notice_view(n: Notice, now: datetime, tz, display_days: int) -> NoticeView:
    """``n`` as shown at aware ``now``: its times as changed by then, its state, and the
    changes made by then (the original kept for the history)."""
    made = changes_made(n, now)
    return NoticeView(current_notice(n, now), notice_state(n, now, display_days), tz,
                      n if made else None, made, display_days)


def notice_views(notices: list[Notice], now: datetime, tz, display_days: int) -> list[NoticeView]:
    """Published notices as shown at ``now`` (:func:`notice_view`), newest publication first
    (ties by ID)."""
    views = [notice_view(n, now, tz, display_days) for n in notices]
    views = [v for v in views if v.state != UNPUBLISHED]
    views.sort(key=lambda v: (v.notice.published, v.notice.id), reverse=True)
    return views


def not_yet_published(notices: list[Notice], now: datetime) -> list[Notice]:
    """Notices whose ``published`` time is after aware ``now`` (state ``unpublished``): no
    page, feed entry or sheet until then (PROCEDURE.md Notices). Sorted by publication time,
    then ID, so a build can tell the office which notices it left out and until when."""
    return sorted((n for n in notices if n.published > now), key=lambda n: (n.published, n.id))


def by_start(views: list[NoticeView]) -> list[NoticeView]:
    """``views`` by start (publication when none), then ID."""
    return sorted(views, key=lambda v: (v.notice.start or v.notice.published, v.notice.id))


#: the order of the lists: in effect, then upcoming, then ended or cancelled (the page script
#: sorts the same way)
STATE_ORDER = {IN_EFFECT: 0, UPCOMING: 1, ENDED: 2, CANCELLED: 2, ARCHIVED: 3}


def listed(views: list[NoticeView], states: tuple[str, ...]) -> list[NoticeView]:
    """The views in one of ``states``, in list order: in effect (an emergency in effect
    pinned first), then upcoming, then ended or cancelled; each by start (publication when
    none), then ID."""
    return sorted((v for v in views if v.state in states),
                  key=lambda v: (STATE_ORDER[v.state], not v.pinned, v.notice.start or v.notice.published,
                                 v.notice.id))


__all__ = ["ChangeRow", "NoticeView", "notice_view",
           "notice_views", "not_yet_published", "by_start", "listed", "paragraphs", "time_span", "notice_label",
           "ARCHIVED", "CANCELLED", "ENDED", "IN_EFFECT", "UPCOMING", "effective_end"]
