"""What is due and overdue as of a moment (``hcomm status``): plain dataclasses, no printing.

Each *source* is a function ``source(records, now, calendar) -> list[StatusItem]``; the
sources of :data:`SOURCES` run in order and :func:`status` sorts their items (overdue first,
then by due time). Another area adds its items by appending a function to :data:`SOURCES`.

Items and the rule behind each (deadlines as in the rule modules and docs/rules.md):

* ``case-response`` (CASE-RESPONSE-24H, T3; CASE-FOUND, P4.7): a case with no response
  recorded, due 24 hours after receipt;
* ``case-progress`` (CASE-PROGRESS, T3): an open case's next progress report, due 30 days
  after the last one;
* ``case-feedback`` (CASE-VALID-FEEDBACK, CASE-PROPERTY, CASE-PROGRESS): a resolved case
  with no feedback recorded;
* ``visit-summary`` (VISIT-SUMMARY, P5.4.1): the summary of every complete month since the
  first visit that is not submitted, due on the 5th of the next month;
* ``visit-quota`` (VISIT-QUOTA, P5.1.1): every complete month since the first visit whose
  quota was missed (overdue), and this month's quota so far, due the month's last day;
* ``visit-feedback`` (VISIT-FEEDBACK, P5.1.3): feedback asked for during a visit, not given;
* ``survey`` (SURVEY-SCHEDULE, -COLLECT-15WD, -ANALYSIS-30WD, -ANNOUNCE-30WD): delivery in a
  survey month (this one, and every past one since the first round), then collection (15 working days), analysis and announcement (30 working days
  after delivery); a deadline in a year the calendar does not know is an ``unknown`` item
  that says how to declare the year (CALENDAR-YEAR);
* ``finance`` (NOTICE-FINANCE, P4.5): the statement of each ended period not posted yet, due
  by the end of the following month;
* ``meeting`` (MEETING-MONTHLY, T1): each month since the first meeting, this one included,
  with no owners' meeting recorded.

An item stays listed until it is dealt with (the record is added): every missing-deadline
error of ``hcomm check`` has a matching ``overdue`` item (``tests/test_status.py``). Things
done late (a late response, a summary submitted after the 5th) are not to-dos: only
``hcomm check`` reports them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable, Optional, Union

from hcomm_gen.records.loader import Records
from hcomm_gen.domain.workdays import WorkCalendar

OVERDUE, DUE, UNKNOWN = "overdue", "due", "unknown"
STATE_ZH = {OVERDUE: "逾期", DUE: "待办", UNKNOWN: "无法计算"}
STATE_EN = {OVERDUE: "overdue", DUE: "due", UNKNOWN: "cannot compute"}


@dataclass
class StatusItem:
    """One thing to do.

    :ivar kind: what it is (``case-response``, ``visit-summary``, … see module doc).
    :ivar rule: the rule ID behind it (e.g. ``CASE-RESPONSE-24H``).
    :ivar state: ``overdue`` (deadline passed), ``due`` (not yet) or ``unknown`` (the
        deadline cannot be computed: a calendar year is missing).
    :ivar due: the deadline: an aware ``datetime``, a ``date`` (that whole day is allowed)
        or ``None``.
    :ivar ref: the record or period concerned (``C-2026-010``, ``2026-11``, ``2026-Q3``).
    :ivar zh: one line in Chinese: what is owed and what to do.
    :ivar en: the same in English.
    :ivar path: the file concerned, if any.
    """

    kind: str
    rule: str
    state: str
    due: Optional[Union[datetime, date]]
    ref: str
    zh: str
    en: str
    path: str = ""

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def due_text(self, tz) -> str:
        """The deadline for display: ``2026-11-30 12:00`` or ``2026-12-05``; ``—`` if none."""
        if self.due is None:
            return "—"
        if isinstance(self.due, datetime):
            return self.due.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        return self.due.isoformat()


Source = Callable[[Records, datetime, WorkCalendar], list[StatusItem]]


def _state_for(due: Union[datetime, date], now: datetime, tz) -> str:
    """``overdue`` when ``now`` is past ``due`` (a date allows its whole day)."""
    if isinstance(due, datetime):
        return OVERDUE if now > due else DUE
    return OVERDUE if now.astimezone(tz).date() > due else DUE


def _fmt(dt: datetime, tz) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M")


# --- cases -----------------------------------------------------------------------------------

def case_items(records: Records, now: datetime, calendar: WorkCalendar) -> list[StatusItem]:
    """Open cases awaiting a first response or a progress report; resolved cases whose
    feedback is not recorded (CASE-RESPONSE-24H, CASE-FOUND, CASE-PROGRESS, CASE-VALID-FEEDBACK,
    CASE-PROPERTY)."""
    from hcomm_gen.domain.cases import PROGRESS_MAX_GAP_DAYS, first_response, last_report, response_due
    tz, out = records.tz, []
    for c in records.cases:
        if c.received > now:
            continue
        resp, _ = first_response(c)
        if resp is None:
            # also a resolved case: hcomm check reports the missing response until recorded
            due = response_due(c)
            rule = "CASE-FOUND" if c.kind == "问题" else "CASE-RESPONSE-24H"
            out.append(StatusItem(
                "case-response", rule, _state_for(due, now, tz), due, c.id,
                f"{c.id}（{c.kind}，{_fmt(c.received, tz)} 收到）还没有回应，应在 {_fmt(due, tz)} 前回应"
                f"{'业户' if c.kind != '问题' else '业户或业委会'}：{c.summary[:30]}",
                f"{c.id} ({c.kind}, received {_fmt(c.received, tz)}) has no response yet; respond by "
                f"{_fmt(due, tz)}.", c.path))
            if c.resolved is None:
                continue
        elif c.resolved is None:
            last = last_report(c)
            due = last + timedelta(days=PROGRESS_MAX_GAP_DAYS)
            out.append(StatusItem(
                "case-progress", "CASE-PROGRESS", _state_for(due, now, tz), due, c.id,
                f"{c.id}（{c.kind}）未解决，上次报告进展 {_fmt(last, tz)}；下次最迟 {_fmt(due, tz)}，"
                "解决后填写 resolved 和 feedback。",
                f"{c.id} ({c.kind}) is open; last progress report {_fmt(last, tz)}, next one by "
                f"{_fmt(due, tz)}; when resolved fill in resolved and feedback.", c.path))
            continue
        needs_feedback = ((c.kind == "投诉" and c.valid is True) or c.kind in ("建议", "财产损坏"))
        if needs_feedback and c.feedback is None and c.resolved <= now:
            rule = {"投诉": "CASE-VALID-FEEDBACK", "财产损坏": "CASE-PROPERTY"}.get(c.kind, "CASE-PROGRESS")
            out.append(StatusItem(
                "case-feedback", rule, OVERDUE, c.resolved, c.id,
                f"{c.id}（{c.kind}）{_fmt(c.resolved, tz)} 已解决，还没有记录告知业户处理结果。",
                f"{c.id} ({c.kind}) was resolved {_fmt(c.resolved, tz)}; the feedback to the occupant "
                "is not recorded.", c.path))
    return out


# --- visits ----------------------------------------------------------------------------------

def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def visit_items(records: Records, now: datetime, calendar: WorkCalendar) -> list[StatusItem]:
    """Visit summaries (VISIT-SUMMARY, due on the 5th of the next month), quotas (VISIT-QUOTA)
    and feedback owed (VISIT-FEEDBACK), for every month since the first month with visits:

    * the summary of each complete month not submitted yet
      (:func:`hcomm_gen.domain.visits.summaries_due`): ``overdue`` after the 5th, else
      ``due`` (a summary submitted late is done: ``hcomm check`` reports the lateness);
    * each complete month whose quota was missed (:func:`~hcomm_gen.domain.visits.month_quota`):
      ``overdue``, due on that month's last day — it stays listed, as ``hcomm check``
      reports it; this month's quota so far, when not met yet: ``due`` on its last day;
    * feedback asked for during a visit and not given
      (:func:`~hcomm_gen.domain.visits.feedback_owed`).
    """
    from hcomm_gen.domain import visits as cv
    tz, out = records.tz, []
    today = now.astimezone(tz).date()
    for s in cv.summaries_due(records.visits, records.visit_summaries, now, tz):
        if s.submitted is not None:
            continue
        path = f"visit-summaries/{s.month[:4]}/{s.month}.yaml"
        out.append(StatusItem(
            "visit-summary", "VISIT-SUMMARY", _state_for(s.deadline, now, tz), s.deadline, s.month,
            f"{s.month} 的访问业户总结应在 {s.deadline} 前提交管理处主任（{path}，写上 submitted）。",
            f"The {s.month} visit summary is due to the director by {s.deadline} ({path}, with "
            "'submitted:').", s.summary.path if s.summary else ""))
    households = records.registry.households
    if households:
        this = _month(today)
        by_month = cv.visits_by_month(records.visits, tz)
        past = list(cv.months_between(min(by_month), cv.last_complete_month(now, tz))) if by_month else []
        for month in past:
            q = cv.month_quota(month, households, by_month.get(month, []), tz)
            if q.met:
                continue
            end = cv.last_day(month)
            out.append(StatusItem(
                "visit-quota", "VISIT-QUOTA", OVERDUE, end, month,
                f"{month} 未达标：只访问了 {q.visited} 户（不含回访、同户只计一次），应至少 {q.required} 户"
                f"（{q.occupied} 户 × {q.rate_percent}%），差 {q.required - q.visited} 户。"
                "请在访问业户总结里说明原因和改进措施。",
                f"{month} quota missed: {q.visited} households visited (return visits excluded), "
                f"{q.required} required ({q.occupied} × {q.rate_percent}%), {q.required - q.visited} "
                "short. Explain why and what will change in the visit summary."))
        q = cv.month_quota(this, households, by_month.get(this, []), tz)
        if not q.met:
            end, left = cv.last_day(this), q.required - q.visited
            out.append(StatusItem(
                "visit-quota", "VISIT-QUOTA", DUE, end, this,
                f"{this} 已访问 {q.visited} 户（不含回访、同户只计一次），本月至少 {q.required} 户"
                f"（{q.occupied} 户 × {q.rate_percent}%），{end} 前还要访问 {left} 户。",
                f"{this}: {q.visited} households visited so far (return visits excluded); "
                f"{q.required} required ({q.occupied} × {q.rate_percent}%), {left} more by {end}."))
    for f in cv.feedback_owed(records.visits, now):
        out.append(StatusItem(
            "visit-feedback", "VISIT-FEEDBACK", OVERDUE if f.overdue else DUE, f.due, f.visit.id,
            f"访问 {f.visit.id}（{_fmt(f.visit.time, tz)}）业户要求反馈，还没有记录反馈；"
            f"最迟 {_fmt(f.due, tz)}。",
            f"Visit {f.visit.id} ({_fmt(f.visit.time, tz)}) asked for feedback, none recorded yet; "
            f"due {_fmt(f.due, tz)}.", f.visit.path))
    return out


# --- surveys ---------------------------------------------------------------------------------

SURVEY_EN = {"SURVEY-COLLECT-15WD": "collection", "SURVEY-ANALYSIS-30WD": "analysis (statistics table)",
             "SURVEY-ANNOUNCE-30WD": "announcement of measures"}


def survey_items(records: Records, now: datetime, calendar: WorkCalendar) -> list[StatusItem]:
    """SURVEY-SCHEDULE: a survey month without a round — this month (``due`` on its last
    day) and, from the first round on record, every survey month that is over (``overdue``,
    as ``hcomm check`` reports them until the round is recorded); for each round, the
    collection, analysis and announcement deadlines not yet met, counted in working days after
    delivery with :meth:`WorkCalendar.add_workdays`. A deadline in an unknown year is an
    ``unknown`` item naming the year to declare (never a guess, never an exception)."""
    from hcomm_gen.domain.visits import last_complete_month, last_day, months_between
    tz, out = records.tz, []
    today = now.astimezone(tz).date()
    months = records.community.survey_months if records.has_community else []
    this = _month(today)
    have = {str(r.round) for r in records.surveys} | {f"{r.delivered_on:%Y-%m}" for r in records.surveys}
    past = []
    if records.surveys:
        past = list(months_between(min(str(r.round) for r in records.surveys),
                                   last_complete_month(now, tz)))
    for month in [*past, this]:
        if int(month[5:]) not in months or month in have:
            continue
        end = last_day(month)
        out.append(StatusItem(
            "survey", "SURVEY-SCHEDULE", _state_for(end, now, tz), end, month,
            f"{month} 是问卷调查月：{'本月' if month == this else '当月'}要把问卷送到每个已入住业户家中"
            f"（surveys/{month}/round.yaml）" + ("。" if month == this else "，还没有这一轮的记录。"),
            f"{month} is a survey month: deliver the questionnaires to every occupied household "
            f"(surveys/{month}/round.yaml)" + ("." if month == this else "; no record of that round yet.")))
    from hcomm_gen.domain.survey import deadlines  # the 15 / 30 / 30 working days of P5.5.1, P5.6.6, P5.7.1
    for rnd in records.surveys:
        for dl in deadlines(calendar, rnd):
            if dl.done is not None:
                continue
            rule, label, n, due = dl.rule, dl.label, dl.workdays, dl.due
            if dl.error is not None:
                out.append(StatusItem(
                    "survey", "CALENDAR-YEAR", UNKNOWN, None, rnd.round,
                    f"{rnd.round} 问卷调查的{label}期限（{rnd.delivered_on} 送达后第 {n} 个工作日）无法计算：{dl.message_zh}",
                    f"The {SURVEY_EN[rule]} deadline of survey round {rnd.round} ({n} working days after "
                    f"{rnd.delivered_on}) cannot be computed: {dl.message_en}", rnd.path))
                continue
            out.append(StatusItem(
                "survey", rule, _state_for(due, now, tz), due, rnd.round,
                f"{rnd.round} 问卷调查：{label}应在 {due} 前完成（{rnd.delivered_on} 送达后第 {n} 个工作日）。",
                f"Survey round {rnd.round}: {SURVEY_EN[rule]} due by {due} ({n} working days after "
                f"delivery on {rnd.delivered_on}).", rnd.path))
    return out


# --- finance and meetings --------------------------------------------------------------------

def finance_items(records: Records, now: datetime, calendar: WorkCalendar) -> list[StatusItem]:
    """NOTICE-FINANCE: each ended period (from the first statement on record) whose statement
    is not posted, due by the end of the following month."""
    from hcomm_gen.domain.finance import Period, parse_period
    com = records.community
    if com is None or com.finance_period is None:
        return []
    kind, tz = com.finance_period, records.tz
    today = now.astimezone(tz).date()
    posted = {p for n in records.notices if n.kind == "finance" and n.period
              and n.published <= now and (p := parse_period(n.period, kind))}
    if posted:
        per = min(posted)
    elif records.notices:
        per = Period.containing(min(n.published.astimezone(tz).date() for n in records.notices), kind)
    else:
        return []
    out = []
    while per.last_day < today:
        if per not in posted:
            out.append(StatusItem(
                "finance", "NOTICE-FINANCE", _state_for(per.due, now, tz), per.due, per.label,
                f"{per.label}（{per.first_day} 至 {per.last_day}）的财务收支报表应在 {per.due} 前张贴到宣传栏。",
                f"The financial statement for {per.label} ({per.first_day} – {per.last_day}) is due "
                f"on the bulletin board by {per.due}."))
        per = per.next()
    return out


def meeting_items(records: Records, now: datetime, calendar: WorkCalendar) -> list[StatusItem]:
    """MEETING-MONTHLY: every month without an owners' meeting recorded (planned ones count),
    from the first month with a meeting: past months are ``overdue`` (due on their last day,
    as ``hcomm check`` reports them until a record is added), this month is ``due``."""
    from hcomm_gen.domain.visits import last_day, months_between
    tz = records.tz
    if not records.meetings:
        return []
    held = {m.date.astimezone(tz).strftime("%Y-%m") for m in records.meetings}
    this = _month(now.astimezone(tz).date())
    out = []
    for month in months_between(min(held), this):
        if month in held:
            continue
        end = last_day(month)
        if month == this:
            zh = f"{month} 还没有业主大会（恳谈会）记录：本月至少召开一次，{end} 前。"
            en = f"No owners' meeting is recorded in {month}; hold one by {end}."
        else:
            zh = (f"{month} 没有业主大会（恳谈会）记录（每月至少一次）。如已召开，请在 meetings/ "
                  "里补上会议记录。")
            en = (f"No owners' meeting is recorded in {month} (one a month is required). If it took "
                  "place, add its record under meetings/.")
        out.append(StatusItem("meeting", "MEETING-MONTHLY", _state_for(end, now, tz), end, month, zh, en))
    return out


#: the sources :func:`status` runs, in order; append a ``source(records, now, calendar)``
SOURCES: list[Source] = [case_items, visit_items, survey_items, finance_items, meeting_items]


def _sort_key(item: StatusItem, tz):
    order = {OVERDUE: 0, UNKNOWN: 1, DUE: 2}[item.state]
    if item.due is None:
        when = datetime.max.replace(tzinfo=tz)
    elif isinstance(item.due, datetime):
        when = item.due
    else:
        when = datetime.combine(item.due, time(23, 59, 59), tz)
    return (order, when, item.ref)


def status(records: Records, now: datetime, sources: list[Source] | None = None) -> list[StatusItem]:
    """Everything due or overdue as of aware ``now``: the items of every source of
    :data:`SOURCES`, overdue first, then unknown, then due; each group by deadline.
    Records dated after ``now`` had not happened yet (:func:`~hcomm_gen.domain.asof.as_of`)."""
    from hcomm_gen.domain.asof import as_of
    records = as_of(records, now)
    calendar = WorkCalendar.for_community(records.loaded_community)
    items: list[StatusItem] = []
    for source in sources or SOURCES:
        items += source(records, now, calendar)
    return sorted(items, key=lambda i: _sort_key(i, records.tz))
