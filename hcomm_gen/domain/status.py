"""What is due and overdue as of a moment (``hcomm status``): plain dataclasses, no printing.

The deadlines are not computed here: :func:`status` takes the *open* obligations (not done)
of :func:`hcomm_gen.domain.obligations.obligations`, the same ones ``hcomm check`` reports
from, and turns each into a :class:`StatusItem`: its state (``overdue``, ``due``, or
``unknown`` when a calendar year is missing, CALENDAR-YEAR) and one line in Chinese and
English saying what is owed and what to do (:data:`TODO`, one function per kind). Items are
sorted overdue first, then unknown, then due; each group by deadline.

Kinds (rules and deadlines in :mod:`hcomm_gen.domain.obligations`): ``case-response``,
``case-progress``, ``case-feedback``, ``visit-summary``, ``visit-quota`` (every complete
month whose quota was missed stays listed as ``overdue``, as ``hcomm check`` reports it;
this month's quota so far is ``due``), ``visit-feedback``, ``survey`` (SURVEY-SCHEDULE and
the working-day deadlines of a round; a deadline in an unknown year is an ``unknown`` item
under CALENDAR-YEAR that says how to declare the year), ``finance`` and ``meeting``.

The records are taken as they stood at ``now`` (:func:`~hcomm_gen.domain.asof.as_of`; a
notice published after ``now`` is not posted yet). An item stays listed until it is dealt
with (the record is added), so every missing-deadline error of ``hcomm check`` has a
matching ``overdue`` item. Things done late (a late response, a summary submitted after the
5th) are not to-dos: ``hcomm check`` reports them, and when the record says why
(``late_reason`` and the like) they stay listed here in a state of their own,
``late_explained`` (逾期（已说明原因）), counted apart and listed last (:data:`LATE`).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.obligations import (
    DUE,
    LATE_EXPLAINED,
    OVERDUE,
    UNKNOWN,
    Obligation,
    Source,
    obligations,
)
from hcomm_gen.domain.workdays import WorkCalendar
from hcomm_gen.records.loader import Records
from hcomm_gen.records.types import fmt_dt

STATE_ZH = {OVERDUE: "逾期", DUE: "待办", UNKNOWN: "无法计算", LATE_EXPLAINED: "逾期（已说明原因）"}
STATE_EN = {OVERDUE: "overdue", DUE: "due", UNKNOWN: "cannot compute", LATE_EXPLAINED: "late (reason given)"}


@dataclass
class StatusItem:
    """One thing to do.

    :ivar kind: what it is (``case-response``, ``visit-summary``, … see module doc).
    :ivar rule: the rule ID behind it (e.g. ``CASE-RESPONSE-24H``).
    :ivar state: ``overdue`` (deadline passed), ``due`` (not yet), ``unknown`` (the
        deadline cannot be computed: a calendar year is missing) or ``late_explained`` (done
        after the deadline, the reason written in the record).
    :ivar due: the deadline: an aware ``datetime``, a ``date`` (that whole day is allowed)
        or ``None``.
    :ivar ref: the record or period concerned (``C-2026-010``, ``2026-11``, ``2026-Q3``).
    :ivar zh: one line in Chinese: what is owed and what to do.
    :ivar en: the same in English.
    :ivar path: the file concerned, if any.
    :ivar obligation: the :class:`~hcomm_gen.domain.obligations.Obligation` it lists (its
        record and detail, for the director's page, :mod:`hcomm_gen.domain.status_page`).
    """

    kind: str
    rule: str
    state: str
    due: datetime | date | None
    ref: str
    zh: str
    en: str
    path: str = ""
    obligation: Obligation | None = dataclasses.field(default=None, repr=False, compare=False)

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def due_text(self, tz) -> str:
        """The deadline for display: ``2026-11-30 12:00`` or ``2026-12-05``; ``—`` if none."""
        if self.due is None:
            return "—"
        if isinstance(self.due, datetime):
            return fmt_dt(self.due, tz)
        return self.due.isoformat()


# --- one line per kind: what is owed and what to do -------------------------------------------

Todo = Callable[[Obligation, datetime, Any], tuple[str, str]]


def _case_response(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    c, due = ob.record, ob.due_time
    zh = (f"{c.id}（{c.kind}，{fmt_dt(c.received, tz)} 收到）还没有回应，应在 {fmt_dt(due, tz)} 前回应"
          f"{'业户' if c.kind != '问题' else '业户或业委会'}：{c.summary[:30]}")
    en = (f"{c.id} ({c.kind}, received {fmt_dt(c.received, tz)}) has no response yet; respond by "
          f"{fmt_dt(due, tz)}.")
    return zh, en


def _case_progress(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    c, last, due = ob.record, ob.since_time, ob.due_time
    zh = (f"{c.id}（{c.kind}）未解决，上次报告进展 {fmt_dt(last, tz)}；下次最迟 {fmt_dt(due, tz)}，"
          "解决后填写 resolved 和 feedback。")
    en = (f"{c.id} ({c.kind}) is open; last progress report {fmt_dt(last, tz)}, next one by "
          f"{fmt_dt(due, tz)}; when resolved fill in resolved and feedback.")
    return zh, en


def _case_feedback(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    c = ob.record
    zh = f"{c.id}（{c.kind}）{fmt_dt(c.resolved, tz)} 已解决，还没有记录告知业户处理结果。"
    en = (f"{c.id} ({c.kind}) was resolved {fmt_dt(c.resolved, tz)}; the feedback to the occupant "
          "is not recorded.")
    return zh, en


def _visit_summary(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    month, due = ob.ref, ob.due
    path = f"visit-summaries/{month[:4]}/{month}.yaml"
    zh = f"{month} 的访问业户总结应在 {due} 前提交管理处主任（{path}，写上 submitted）。"
    en = (f"The {month} visit summary is due to the director by {due} ({path}, with "
          "'submitted:').")
    return zh, en


def _visit_quota(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    month, q, end = ob.ref, ob.detail, ob.due
    if month != f"{now.astimezone(tz):%Y-%m}":
        zh = (f"{month} 未达标：只访问了 {q.visited} 户（不含回访、同户只计一次），应至少 {q.required} 户"
              f"（{q.occupied} 户 × {q.rate_percent}%），差 {q.required - q.visited} 户。"
              f"请在访问业户总结 visit-summaries/{month[:4]}/{month}.yaml 的 explanation（情况说明）"
              "里写明原因和改进措施。")
        en = (f"{month} quota missed: {q.visited} households visited (return visits excluded), "
              f"{q.required} required ({q.occupied} × {q.rate_percent}%), {q.required - q.visited} "
              f"short. Write why and what will change in 'explanation:' of the visit summary "
              f"visit-summaries/{month[:4]}/{month}.yaml.")
        return zh, en
    left = q.required - q.visited
    zh = (f"{month} 已访问 {q.visited} 户（不含回访、同户只计一次），本月至少 {q.required} 户"
          f"（{q.occupied} 户 × {q.rate_percent}%），{end} 前还要访问 {left} 户。")
    en = (f"{month}: {q.visited} households visited so far (return visits excluded); "
          f"{q.required} required ({q.occupied} × {q.rate_percent}%), {left} more by {end}.")
    return zh, en


def _visit_feedback(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    v, due = ob.record, ob.due_time
    zh = f"访问 {v.id}（{fmt_dt(v.time, tz)}）业户要求反馈，还没有记录反馈；最迟 {fmt_dt(due, tz)}。"
    en = (f"Visit {v.id} ({fmt_dt(v.time, tz)}) asked for feedback, none recorded yet; "
          f"due {fmt_dt(due, tz)}.")
    return zh, en


SURVEY_EN = {"SURVEY-COLLECT-15WD": "collection", "SURVEY-ANALYSIS-30WD": "analysis (statistics table)",
             "SURVEY-ANNOUNCE-30WD": "announcement of measures"}


def _survey(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    if ob.rule == "SURVEY-SCHEDULE":
        month = ob.ref
        this = month == f"{now.astimezone(tz):%Y-%m}"
        zh = (f"{month} 是问卷调查月：{'本月' if this else '当月'}要把问卷送到每个已入住业户家中"
              f"（surveys/{month}/round.yaml）" + ("。" if this else "，还没有这一轮的记录。"))
        en = (f"{month} is a survey month: deliver the questionnaires to every occupied household "
              f"(surveys/{month}/round.yaml)" + ("." if this else "; no record of that round yet."))
        return zh, en
    rnd, dl = ob.record, ob.detail
    if ob.due is None:
        zh = (f"{rnd.round} 问卷调查的{dl.label}期限（{rnd.delivered_on} 送达后第 {dl.workdays} 个工作日）"
              f"无法计算：{dl.message_zh}")
        en = (f"The {SURVEY_EN[ob.rule]} deadline of survey round {rnd.round} ({dl.workdays} working "
              f"days after {rnd.delivered_on}) cannot be computed: {dl.message_en}")
        return zh, en
    zh = (f"{rnd.round} 问卷调查：{dl.label}应在 {ob.due} 前完成（{rnd.delivered_on} 送达后第 {dl.workdays} "
          "个工作日）。")
    en = (f"Survey round {rnd.round}: {SURVEY_EN[ob.rule]} due by {ob.due} ({dl.workdays} working days "
          f"after delivery on {rnd.delivered_on}).")
    return zh, en


def _finance(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    per = ob.detail
    zh = f"{per.label}（{per.first_day} 至 {per.last_day}）的财务收支报表应在 {per.due} 前张贴到宣传栏。"
    en = (f"The financial statement for {per.label} ({per.first_day} – {per.last_day}) is due "
          f"on the bulletin board by {per.due}.")
    return zh, en


def _meeting(ob: Obligation, now: datetime, tz) -> tuple[str, str]:
    month, end = ob.ref, ob.due
    if month == f"{now.astimezone(tz):%Y-%m}":
        zh = f"{month} 还没有业主大会（恳谈会）记录：本月至少召开一次，{end} 前。"
        en = f"No owners' meeting is recorded in {month}; hold one by {end}."
        return zh, en
    zh = (f"{month} 没有业主大会（恳谈会）记录（每月至少一次）。如已召开，请在 meetings/ "
          "里补上会议记录。")
    en = (f"No owners' meeting is recorded in {month} (one a month is required). If it took "
          "place, add its record under meetings/.")
    return zh, en


#: per obligation kind: ``todo(obligation, now, tz) -> (zh, en)``, the line ``hcomm status``
#: shows for an open obligation; a new kind of obligation adds its function here
TODO: dict[str, Todo] = {
    "case-response": _case_response, "case-progress": _case_progress,
    "case-feedback": _case_feedback, "visit-summary": _visit_summary, "visit-quota": _visit_quota,
    "visit-feedback": _visit_feedback, "survey": _survey, "finance": _finance, "meeting": _meeting,
}


def _when(value, tz) -> str:
    return fmt_dt(value, tz) if isinstance(value, datetime) else f"{value}"


#: per obligation kind: ``(zh, en)`` naming what was done late, from the obligation
LATE: dict[str, Callable[[Obligation], tuple[str, str]]] = {
    "case-response": lambda ob: (f"{ob.ref}（{ob.record.kind}）的首次回应",
                                 f"the first response to {ob.ref} ({ob.record.kind})"),
    "case-feedback": lambda ob: (f"{ob.ref}（{ob.record.kind}）处理结果的反馈",
                                 f"the feedback on {ob.ref} ({ob.record.kind})"),
    "visit-feedback": lambda ob: (f"访问 {ob.ref} 的反馈", f"the feedback of visit {ob.ref}"),
    "visit-summary": lambda ob: (f"{ob.ref} 的访问业户总结", f"the {ob.ref} visit summary"),
    "survey": lambda ob: (f"{ob.ref} 问卷调查的{ob.detail.label}",
                          f"the {SURVEY_EN.get(ob.rule, ob.rule)} of survey round {ob.ref}"),
}


def _late(ob: Obligation, tz) -> tuple[str, str]:
    """The line of an obligation done late with its reason: what, when done, the deadline,
    the reason."""
    what_zh, what_en = LATE[ob.kind](ob)
    done, limit, reason = _when(ob.done, tz), _when(ob.late_limit, tz), ob.reason_text
    return (f"{what_zh} {done} 才完成（期限 {limit}）；原因：{reason}",
            f"{what_en[:1].upper()}{what_en[1:]} was done {done}, after the deadline {limit}; "
            f"reason given: {reason}")


def item(ob: Obligation, now: datetime, tz) -> StatusItem:
    """The :class:`StatusItem` of the open obligation ``ob`` as of aware ``now``, or of one
    done late with its reason: its state (:meth:`Obligation.state`) and its line (:data:`TODO`,
    or :func:`_late`); a deadline that cannot be computed is listed under CALENDAR-YEAR."""
    state = ob.state(now, tz)
    if state == LATE_EXPLAINED:
        zh, en = _late(ob, tz)
        return StatusItem(ob.kind, ob.rule, state, ob.late_limit, ob.ref, zh, en, ob.path, ob)
    zh, en = TODO[ob.kind](ob, now, tz)
    return StatusItem(ob.kind, "CALENDAR-YEAR" if state == UNKNOWN else ob.rule, state, ob.due,
                      ob.ref, zh, en, ob.path, ob)


def _sort_key(item: StatusItem, tz):
    order = {OVERDUE: 0, UNKNOWN: 1, DUE: 2, LATE_EXPLAINED: 3}[item.state]
    if item.due is None:
        when = datetime.max.replace(tzinfo=tz)
    elif isinstance(item.due, datetime):
        when = item.due
    else:
        when = datetime.combine(item.due, time(23, 59, 59), tz)
    return (order, when, item.ref)


def status(records: Records, now: datetime, sources: list[Source] | None = None) -> list[StatusItem]:
    """Everything due or overdue as of aware ``now``: one :class:`StatusItem` per open
    obligation of :func:`~hcomm_gen.domain.obligations.obligations` (``sources``: its
    sources, default all), and per obligation done late with its reason written
    (``late_explained``); overdue first, then unknown, then due, then late with reason; each
    group by deadline.
    Records dated after ``now`` had not happened yet (:func:`~hcomm_gen.domain.asof.as_of`),
    and a notice published after ``now`` is not posted yet."""
    records = as_of(records, now)
    records = dataclasses.replace(records, notices=[n for n in records.notices if n.published <= now])
    calendar = WorkCalendar.for_community(records.loaded_community)
    items = [item(ob, now, records.tz) for ob in obligations(records, now, calendar, sources)
             if ob.is_open or ob.is_late_explained(records.tz)]
    return sorted(items, key=lambda i: _sort_key(i, records.tz))
