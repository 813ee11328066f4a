"""A notice at a moment: its current times after the changes made to it, and its state
(PROCEDURE.md Notices; issue 16: changes to a posted notice, states true between builds).

A posted notice is changed, never rewritten: each item of ``changes:`` (改期, 提前结束, 取消,
更正) takes effect at its ``at``. :func:`current_notice` gives the notice as occupants see it
at ``now`` (times following the changes made by then); :func:`notice_state` its state.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hcomm_gen.records.models import Notice, NoticeChange

UNPUBLISHED, UPCOMING, IN_EFFECT, ENDED, CANCELLED, ARCHIVED = (
    "unpublished", "upcoming", "in_effect", "ended", "cancelled", "archived")
#: the state names shown to occupants (see :func:`state_label` for the wording per notice)
STATE_ZH = {UNPUBLISHED: "未发布", UPCOMING: "即将开始", IN_EFFECT: "生效中", ENDED: "已结束",
            CANCELLED: "已取消", ARCHIVED: "已归档"}
#: the states in English (messages of ``--lang en``)
STATE_EN = {UNPUBLISHED: "not published", UPCOMING: "upcoming", IN_EFFECT: "in effect", ENDED: "ended",
            CANCELLED: "cancelled", ARCHIVED: "archived"}
#: the states in which a notice is on the notice board (printed sheets, home page lists)
SHOWN = (UPCOMING, IN_EFFECT, ENDED, CANCELLED)
#: kinds announcing something that happens (a cut, works, pest control, an event): it is
#: 进行中 while it lasts; the others (publicity, finance, fee or contract changes) are 生效中
HAPPENING_KINDS = ("outage", "emergency", "pest_control", "works", "event")
#: what an outage (or works stopping a supply or the lift) says once over: what came back
RESTORED_ZH = {"water": "已恢复供水", "power": "已恢复供电", "gas": "已恢复供气",
               "elevator": "电梯已恢复运行"}

RESCHEDULE, END_EARLY, CANCEL, CORRECTION = "改期", "提前结束", "取消", "更正"


def state_label(notice: Notice, state: str) -> str:
    """The state of ``notice`` as occupants read it, the one wording of pages, the page
    script and sheets (issue 16, states true between builds):

    * ``in_effect``: ``进行中`` for a kind in :data:`HAPPENING_KINDS`, else ``生效中``;
    * ``ended``: for an outage, an emergency or works with ``outage:``, what came back
      (:data:`RESTORED_ZH`: ``已恢复供电`` …), else ``已结束``;
    * the other states: :data:`STATE_ZH` (``即将开始``, ``已取消``, ``已归档``, ``未发布``).

    :raises KeyError: ``state`` is not one of this module's states.
    """
    if state == IN_EFFECT and notice.kind in HAPPENING_KINDS:
        return "进行中"
    if state == ENDED and notice.outage in RESTORED_ZH and notice.kind in ("outage", "emergency", "works"):
        return RESTORED_ZH[notice.outage]
    return STATE_ZH[state]


def state_labels(notice: Notice) -> dict[str, str]:
    """``{state: label}`` of ``notice`` for every state it can show (:data:`SHOWN` and
    ``archived``), see :func:`state_label`; given to the page script with the notice's times.
    A label never contains a space."""
    return {s: state_label(notice, s) for s in (*SHOWN, ARCHIVED)}


def changes_made(notice: Notice, now: datetime | None = None) -> list[NoticeChange]:
    """The notice's changes made by aware ``now`` (``at <= now``; all when ``now`` is
    ``None``), in the order of ``at`` (ties keep the order written)."""
    made = [c for c in notice.changes if now is None or c.at <= now]
    return sorted(made, key=lambda c: c.at)


def is_cancelled(notice: Notice, now: datetime | None = None) -> bool:
    """Whether a 取消 change was made by ``now`` (``None``: at any time)."""
    return any(c.type == CANCEL for c in changes_made(notice, now))


def current_notice(notice: Notice, now: datetime | None = None) -> Notice:
    """``notice`` with its times as changed by ``now`` (``None``: all changes).

    * 改期 sets ``start`` and/or ``end`` to the item's values (a new start alone keeps the
      duration); ``expires`` (when written)
      moves by as much as the end (or, without an end, the start) moved, so the notice stays
      up as long after the new times as after the old;
    * 提前结束 sets ``end`` (``expires`` stays: the board says it ended early until then);
    * 取消 and 更正 leave the times (see :func:`is_cancelled`).

    ``expires`` never ends up before the new ``end``. The notice itself is not changed; a
    copy is returned when any change applies (positions of the original are kept).
    """
    made = changes_made(notice, now)
    if not any(c.type in (RESCHEDULE, END_EARLY) for c in made):
        return notice
    start, end, expires = notice.start, notice.end, notice.expires
    for c in made:
        if c.type == RESCHEDULE:
            new_start = c.start if c.start is not None else start
            new_end: datetime | None
            if c.end is not None:
                new_end = c.end
            elif end is not None and start is not None and c.start is not None:
                new_end = end + (c.start - start)  # a new start alone keeps the duration
            else:
                new_end = end
            if new_end is not None and end is not None:
                moved = new_end - end
            elif new_start is not None and start is not None:
                moved = new_start - start
            else:
                moved = timedelta(0)
            start, end = new_start, new_end
            if expires is not None:
                expires = expires + moved
        elif c.type == END_EARLY and c.end is not None:
            end = c.end
    if expires is not None and end is not None and expires < end:
        expires = end
    return notice.model_copy(update={"start": start, "end": end, "expires": expires})


def change_history(notice: Notice, now: datetime | None = None) -> list[tuple[NoticeChange, Notice, Notice]]:
    """The changes made by ``now`` (``None``: all), in the order of ``at``, each with the
    notice just before and just after it: ``[(change, before, after), …]``. ``before`` of the
    first has the times as first published, ``after`` of the last those of
    :func:`current_notice` at ``now``; read their times only (their ``changes`` are the ones
    applied so far). What the notice's page and its change sheet show as 原时间 → 新时间."""
    made = changes_made(notice, now)
    versions = [current_notice(notice.model_copy(update={"changes": made[:i]})) for i in range(len(made) + 1)]
    return [(c, versions[i], versions[i + 1]) for i, c in enumerate(made)]


def effective_end(notice: Notice, display_days: int = 30) -> datetime:
    """When ``notice`` moves to the archive: ``expires`` if set, else ``end``, else
    ``display_days`` days (community ``notice_display_days``) after start or publication.
    Pass :func:`current_notice` to follow changes."""
    if notice.expires is not None:
        return notice.expires
    if notice.end is not None:
        return notice.end
    return (notice.start or notice.published) + timedelta(days=display_days)


def notice_state(notice: Notice, now: datetime, display_days: int = 30) -> str:
    """State of ``notice`` at aware ``now``, its changes made by then applied.

    * ``unpublished``: ``now < published`` (not shown anywhere yet);
    * ``cancelled``: a 取消 change made by ``now``; shown (已取消) until the archive moment;
    * ``upcoming``: published, ``now < start``;
    * ``in_effect``: ``start`` (or publication) ``<= now <`` ``end`` (or the archive moment
      when there is no end);
    * ``ended``: ``end <= now <`` ``expires`` (the cut or works are over, the notice still up);
    * ``archived``: from the archive moment (:func:`effective_end`) on. Archived notices
      stay on the site's archive.
    """
    if now < notice.published:
        return UNPUBLISHED
    cur = current_notice(notice, now)
    gone = effective_end(cur, display_days)
    if now >= gone:
        return ARCHIVED
    if is_cancelled(notice, now):
        return CANCELLED
    if cur.start is not None and now < cur.start:
        return UPCOMING
    if cur.end is not None and now >= cur.end:
        return ENDED
    return IN_EFFECT


def state_changes(notice: Notice, display_days: int = 30) -> list[datetime]:
    """Every moment at which :func:`notice_state` of ``notice`` may change: publication, each
    change's ``at``, and the start, end and archive moments of the notice as changed by each
    of those moments (aware datetimes, sorted, without repeats)."""
    moments = {notice.published}
    versions = [current_notice(notice, c.at) for c in notice.changes] + [notice, current_notice(notice)]
    moments.update(c.at for c in notice.changes)
    for v in versions:
        moments.update(m for m in (v.start, v.end, effective_end(v, display_days)) if m is not None)
    return sorted(moments)


def next_state_change(notices: list[Notice], now: datetime, display_days: int = 30) -> datetime | None:
    """The first moment after aware ``now`` at which the state of one of ``notices`` changes
    (see :func:`state_changes`), or ``None`` when none will."""
    later = [m for n in notices for m in state_changes(n, display_days) if m > now]
    return min(later, default=None)


@dataclass(frozen=True)
class StateChange:
    """``notice`` goes from state ``before`` to ``after`` at aware ``at``; ``before ==
    after`` when only a change of the notice (e.g. a 更正) takes effect then. ``day``: the
    change is the notice's place in the home page's today/tomorrow strip at midnight
    (:func:`hcomm_gen.domain.today.midnight_changes`), whatever its state does."""

    at: datetime
    notice: Notice
    before: str
    after: str
    day: bool = False


def next_state_changes(notices: list[Notice], now: datetime, display_days: int = 30) -> list[StateChange]:
    """What changes at the first moment after aware ``now`` at which a notice is published,
    starts, ends, is cancelled, moves to the archive or has a change of its own taking effect
    (so a site built at ``now`` is out of date from then): one :class:`StateChange` per notice
    concerned, in the order of ``notices``; ``[]`` when nothing will change.

    Unlike :func:`next_state_change`, a moment at which no state changes (the old start of a
    rescheduled notice, an end that is also the archive moment of a notice already past it)
    is skipped.
    """
    moments = sorted({m for n in notices for m in state_changes(n, display_days) if m > now})
    states = [notice_state(n, now, display_days) for n in notices]
    for m in moments:
        after = [notice_state(n, m, display_days) for n in notices]
        found = [StateChange(m, n, b, a) for n, b, a in zip(notices, states, after, strict=True)
                 if a != b or any(c.at == m for c in n.changes)]
        if found:
            return found
        states = after
    return []
