"""Obligations: every deadline of the procedure, computed once from the records.

An :class:`Obligation` is one thing the office owes by a deadline: a case's first response,
a month's visit summary, a survey round's collection… It names its rule, the record or
period it concerns, its deadline (``due``) and when it was done (``done``, or ``None``).
:func:`obligations` runs the sources of :data:`SOURCES` in order; each source is a function
``source(records, now, calendar) -> list[Obligation]``, one per deadline (or family of
deadlines). The same obligations feed both readers:

* ``hcomm status`` (:mod:`hcomm_gen.domain.status`) lists the *open* ones (not done) with
  their state: ``overdue``, ``due`` or ``unknown`` (the calendar year is missing), and the ones
  done late with a written reason (``late_explained``, 逾期（已说明原因）);
* ``hcomm check`` (:mod:`hcomm_gen.rules`, through ``Context.obligations``) reports the
  overdue ones not done and, where the rule says so, the ones done late: an error, or a
  warning when the record says why (``reason``; PROCEDURE.md "A late act is recorded
  truthfully").

Sources, their kind and the rule behind each:

* :func:`case_obligations`: ``case-response`` (CASE-RESPONSE-24H, T3; CASE-FOUND, P4.7), due
  24 hours after receipt; ``case-progress`` (CASE-PROGRESS, T3), an open case's next progress
  report, due 30 days after the last report; ``case-feedback`` (CASE-VALID-FEEDBACK,
  CASE-PROPERTY, CASE-PROGRESS for a suggestion), owed at once when the case is resolved;
* :func:`visit_summary_obligations`: ``visit-summary`` (VISIT-SUMMARY, P5.4.1), every complete
  month since the office's first day (:func:`first_month`), due on the 5th of the next month;
* :func:`visit_quota_obligations`: ``visit-quota`` (VISIT-QUOTA, P5.1.1), every complete month
  since the office's first day and this month, due on the month's last day, done when the
  quota is met;
* :func:`visit_feedback_obligations`: ``visit-feedback`` (VISIT-FEEDBACK, P5.1.3), 7 days
  after a visit that asked for feedback;
* :func:`survey_obligations`: ``survey`` (SURVEY-SCHEDULE, P5.5.1), a round in each survey
  month (this one and every past one since the office's first day), due on the month's last day;
  SURVEY-COLLECT-15WD, SURVEY-ANALYSIS-30WD, SURVEY-ANNOUNCE-30WD: 15 / 30 / 30 working days
  after delivery (``due`` is ``None`` and ``error`` says which year to declare when the
  calendar does not know the year, CALENDAR-YEAR);
* :func:`finance_obligations`: ``finance`` (NOTICE-FINANCE, P4.5), the statement of each
  ended period from the first one on record or the office's first day, due by the end of the
  following month;
* :func:`meeting_obligations`: ``meeting`` (MEETING-MONTHLY, T1), an owners' meeting in every
  complete month since the office's first day, this month included, due on the month's last day.

The office's first day (PROCEDURE.md "Obligations run from the office's first day") is
:func:`records_since`: ``records_since`` in ``community.yaml``, else the 1st of the month of
the earliest record. A month counts when it is complete from that day on (:func:`first_month`:
a start on 2026-03-15 counts from April), whether or not it has records.

Obligations are computed from the records as given: ``hcomm status`` passes the records as
they stood at ``now`` (:func:`hcomm_gen.domain.asof.as_of`), ``hcomm check`` all of them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from hcomm_gen.core.problems import Position, rel
from hcomm_gen.domain.cases import (
    FEEDBACK_DAYS,
    PROGRESS_MAX_GAP_DAYS,
    first_response,
    last_report,
    response_due,
    response_reason,
)
from hcomm_gen.domain.finance import Period, parse_period
from hcomm_gen.domain.survey import deadlines
from hcomm_gen.domain.visits import (
    feedback_due,
    first_day,
    last_complete_month,
    last_day,
    month_quota,
    months_between,
    next_month,
    summaries_due,
    visits_by_month,
)
from hcomm_gen.domain.workdays import UnknownYear, WorkCalendar
from hcomm_gen.records.loader import Records

OVERDUE, DUE, UNKNOWN = "overdue", "due", "unknown"
#: done after the deadline, with the reason written in the record (逾期（已说明原因）)
LATE_EXPLAINED = "late_explained"

When = datetime | date


@dataclass(frozen=True)
class Obligation:
    """One deadline of the procedure for one record or period.

    :ivar rule: the rule ID (``CASE-RESPONSE-24H``, ``VISIT-SUMMARY``, …).
    :ivar kind: the family, as ``hcomm status`` names it (``case-response``, ``visit-summary``,
        ``visit-quota``, ``visit-feedback``, ``survey``, ``finance``, ``meeting``, …).
    :ivar ref: the record or period concerned (``C-2026-010``, ``2026-11``, ``2026-Q3``).
    :ivar due: the deadline: an aware ``datetime``, or a ``date`` meaning that whole day is
        allowed; ``None`` when it cannot be computed (``error`` says why).
    :ivar done: when it was done (aware ``datetime`` or ``date``), or ``None`` (open).
    :ivar at: where ``hcomm check`` reports a problem with it (missing: the record or
        setting that owes it; done late: the field recording when it was done): a
        :class:`Position`, or a function giving it (:func:`_at`: a record's position is only
        looked up for the obligations reported, see :attr:`pos`).
    :ivar path: the record file concerned, for ``hcomm status`` (``""`` if none).
    :ivar since: when the clock started (receipt, last report, visit, delivery), if any.
    :ivar record: the record concerned (a case, visit, survey round, summary, meeting), if any.
    :ivar detail: what the messages need besides: the :class:`~hcomm_gen.domain.visits.MonthQuota`,
        the :class:`~hcomm_gen.domain.finance.Period`, the survey
        :class:`~hcomm_gen.domain.survey.Deadline`, the month's record path…
    :ivar error: the :class:`~hcomm_gen.domain.workdays.UnknownYear` when ``due`` is ``None``.
    :ivar at_once: owed from the moment it arises (``due`` is that moment), so overdue as soon
        as it is open, whatever ``now`` (a resolved case's feedback).
    :ivar late_after: for an ``at_once`` obligation: done after this moment is late (a valid
        complaint's feedback, 7 days after resolution); ``None``: its lateness is not judged.
    :ivar reason: the written reason why it was done late (``late_reason`` and the like of the
        record), or ``None``.
    """

    rule: str
    kind: str
    ref: Any
    due: When | None
    done: When | None = None
    at: Position | Callable[[], Position] = Position("")
    path: str = ""
    since: When | None = None
    record: Any = None
    detail: Any = None
    error: UnknownYear | None = None
    at_once: bool = False
    late_after: When | None = None
    reason: str | None = None

    @property
    def pos(self) -> Position:
        """Where ``hcomm check`` reports a problem with it (:attr:`at`, looked up now if it is
        a function: finding a field's line means composing its file's YAML again, which only
        the few obligations reported need)."""
        at = self.at
        return at if isinstance(at, Position) else at()

    @property
    def due_time(self) -> datetime:
        """``due`` of an obligation due at a moment (a case's response, a visit's feedback).

        :raises TypeError: ``due`` is a day or unknown."""
        return _moment(self.due, "due")

    @property
    def done_time(self) -> datetime:
        """``done`` of an obligation done at a moment.

        :raises TypeError: ``done`` is a day or not recorded."""
        return _moment(self.done, "done")

    @property
    def since_time(self) -> datetime:
        """``since`` of an obligation whose clock started at a moment.

        :raises TypeError: ``since`` is a day or not given."""
        return _moment(self.since, "since")

    @property
    def is_open(self) -> bool:
        """Not done yet."""
        return self.done is None

    def is_overdue(self, now: datetime, tz) -> bool:
        """Whether aware ``now`` is past ``due`` (a ``date`` allows its whole day, in the
        community's time zone ``tz``); ``False`` when ``due`` is unknown."""
        if self.due is None:
            return False
        if self.at_once:
            return True
        if isinstance(self.due, datetime):
            return now > self.due
        return now.astimezone(tz).date() > self.due

    def is_missed(self, now: datetime, tz) -> bool:
        """Still owed and past ``due`` at aware ``now`` (:attr:`is_open` and :meth:`is_overdue`):
        what ``hcomm check`` reports as missing."""
        return self.is_open and self.is_overdue(now, tz)

    @property
    def late_limit(self) -> When | None:
        """The moment or day after which doing it is late: ``due``, or ``late_after`` for an
        ``at_once`` obligation."""
        return self.late_after if self.at_once else self.due

    def is_late(self, tz) -> bool:
        """Done, and after :attr:`late_limit` (a ``datetime`` done against a ``date`` compares
        its local day)."""
        limit = self.late_limit
        if self.done is None or limit is None:
            return False
        done = self.done
        if isinstance(done, datetime) and not isinstance(limit, datetime):
            done = done.astimezone(tz).date()
        return done > limit

    @property
    def reason_text(self) -> str:
        """The written reason for lateness on one line (spaces and line breaks collapsed;
        ``""`` when none), as messages quote it."""
        return " ".join((self.reason or "").split())

    @property
    def explained(self) -> bool:
        """A reason for lateness is written (not blank)."""
        return bool(self.reason_text)

    def is_late_explained(self, tz) -> bool:
        """Done late (:meth:`is_late`) with the reason written: a warning of ``hcomm check``,
        listed by ``hcomm status`` as 逾期（已说明原因）."""
        return self.explained and self.is_late(tz)

    def state(self, now: datetime, tz) -> str:
        """``late_explained`` (:meth:`is_late_explained`); else ``unknown`` (no ``due``),
        ``overdue`` (:meth:`is_overdue`) or ``due``."""
        if self.is_late_explained(tz):
            return LATE_EXPLAINED
        if self.due is None:
            return UNKNOWN
        return OVERDUE if self.is_overdue(now, tz) else DUE


def _moment(value: When | None, name: str) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"Obligation.{name} is {value!r}, not a moment")
    return value


def _at(record, *loc) -> Callable[[], Position]:
    """The position of field ``loc`` of ``record``, looked up when asked (:attr:`Obligation.pos`)."""
    return partial(record.pos, *loc)


Source = Callable[[Records, datetime, WorkCalendar], list[Obligation]]


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


# --- the office's first day ------------------------------------------------------------------

def earliest_record_day(records: Records) -> date | None:
    """The earliest local day of any record of the office's work: a notice's publication, a
    meeting, a case or suggestion received, a visit, the month of a visit summary, a survey
    delivery (the registry's move-in dates are not records of the office's work); ``None``
    when there is none."""
    tz = records.tz
    moments = [n.published for n in records.notices] + [m.date for m in records.meetings]
    moments += [c.received for c in records.cases] + [s.received for s in records.suggestions]
    moments += [v.time for v in records.visits if v.time is not None]
    days = [t.astimezone(tz).date() for t in moments]
    days += [first_day(s.month) for s in records.visit_summaries]
    days += [r.delivered_on for r in records.surveys]
    return min(days, default=None)


def records_since(records: Records) -> date | None:
    """The office's first day of record keeping: ``records_since`` of ``community.yaml``
    (管理处开始用本系统记录的日期), else the 1st of the month of :func:`earliest_record_day` (a
    month with a record is a month the office kept records); ``None`` without either."""
    com = records.loaded_community
    if com is not None and com.records_since is not None:
        return com.records_since
    day = earliest_record_day(records)
    return day.replace(day=1) if day is not None else None


def first_month(records: Records) -> str | None:
    """The first month whose monthly obligations count (``"YYYY-MM"``): the month of
    :func:`records_since` when that is its 1st, else the next one (only *complete* months
    count: a start on 2026-03-15 counts from 2026-04); ``None`` when there is no start."""
    start = records_since(records)
    if start is None:
        return None
    return _month(start) if start.day == 1 else next_month(_month(start))


# --- cases (T3, P4.7, P4.10, P4.12) ----------------------------------------------------------

#: the kinds whose resolution is reported back to the occupant, and the rule that asks it
FEEDBACK_RULES = {"投诉": "CASE-VALID-FEEDBACK", "财产损坏": "CASE-PROPERTY", "建议": "CASE-PROGRESS"}


def case_obligations(records: Records, now: datetime, calendar: WorkCalendar) -> list[Obligation]:
    """Per case, in record order: ``case-response`` (CASE-FOUND for a problem found by staff,
    else CASE-RESPONSE-24H), due ``received`` + 24 h, done at the first response
    (:func:`~hcomm_gen.domain.cases.first_response`); for an open case with a response,
    ``case-progress`` (CASE-PROGRESS), due 30 days after the last report, never done (the
    next one is always owed); for a resolved valid complaint, suggestion or property damage,
    ``case-feedback`` (:data:`FEEDBACK_RULES`), owed at once from ``resolved``, done when the
    feedback is recorded (late after :data:`~hcomm_gen.domain.cases.FEEDBACK_DAYS` days for a
    complaint; not judged for the others). ``reason``: the response's
    (:func:`~hcomm_gen.domain.cases.response_reason`) and the feedback's ``late_reason``."""
    out = []
    for c in records.cases:
        resp, loc = first_response(c)
        out.append(Obligation(
            "CASE-FOUND" if c.kind == "问题" else "CASE-RESPONSE-24H", "case-response", c.id,
            response_due(c), resp, _at(c, *loc) if resp is not None else _at(c, "received"),
            c.path, c.received, c, reason=response_reason(c)))
        if c.resolved is None:
            last = last_report(c)
            if last is not None:
                out.append(Obligation("CASE-PROGRESS", "case-progress", c.id,
                                      last + timedelta(days=PROGRESS_MAX_GAP_DAYS), None,
                                      _at(c, "id"), c.path, last, c))
            continue
        if (c.kind == "投诉" and c.valid is True) or c.kind in ("建议", "财产损坏"):
            fb = c.feedback
            out.append(Obligation(
                FEEDBACK_RULES[c.kind], "case-feedback", c.id, c.resolved,
                fb.time if fb is not None else None,
                _at(c, "feedback", "time") if fb is not None else _at(c, "resolved"),
                c.path, c.resolved, c, at_once=True,
                late_after=c.resolved + timedelta(days=FEEDBACK_DAYS) if c.kind == "投诉" else None,
                reason=fb.late_reason if fb is not None else None))
    return out


# --- visits (P5.1, P5.4) ---------------------------------------------------------------------

def summary_file(records: Records, month: str) -> str:
    """The file the 访问业户总结 of ``month`` belongs in, relative to the working folder:
    ``records/visit-summaries/YYYY/YYYY-MM.yaml``."""
    path = records.root / "records" / "visit-summaries" / month[:4] / f"{month}.yaml"
    return rel(path, Path.cwd())


def visit_summary_obligations(records: Records, now: datetime, calendar: WorkCalendar) -> list[Obligation]:
    """VISIT-SUMMARY (P5.4.1): for every complete month from the office's first day
    (:func:`first_month`; whether or not it has visits;
    :func:`~hcomm_gen.domain.visits.summaries_due`), the summary, due on the 5th of the next
    month (a date), done on its ``submitted`` date. ``record`` is the summary record or
    ``None``; ``detail`` its file (:func:`summary_file`); ``reason`` its ``late_reason``."""
    out = []
    first = first_month(records)
    if first is None:
        return []
    for s in summaries_due(records.visits, records.visit_summaries, now, records.tz, first):
        rec = s.summary
        file = summary_file(records, s.month)
        pos: Position | Callable[[], Position]
        if rec is None:
            pos = Position(file, 1, 1)
        else:
            pos = _at(rec, "submitted") if rec.submitted is not None else _at(rec, "month")
        out.append(Obligation("VISIT-SUMMARY", "visit-summary", s.month, s.deadline, s.submitted,
                              pos, rec.path if rec else "", None, rec, file,
                              reason=rec.late_reason if rec else None))
    return out


def _quota_met_on(month_visits: list, known: set, required: int) -> datetime | None:
    """When the ``required``-th distinct household of the month was visited (return visits
    and unknown households not counted); ``None`` when that never happened or nothing is
    required."""
    seen: set = set()
    for v in sorted(month_visits, key=lambda v: v.time):
        if not v.return_visit and v.household in known:
            seen.add(v.household)
            if len(seen) >= required:
                return v.time
    return None


def visit_quota_obligations(records: Records, now: datetime, calendar: WorkCalendar) -> list[Obligation]:
    """VISIT-QUOTA (P5.1.1), only with a household registry: every complete month from the
    office's first day (:func:`first_month`), whether or not it has visits, then this month
    (even with no visit yet; not when the office's first day is later in it), due on the
    month's last day (a date); done at the visit that reached the required number of distinct
    households (:func:`~hcomm_gen.domain.visits.month_quota`, ``detail``; the 1st of the month
    when none is required). ``pos`` is the month's summary, else its first visit file, else
    its visits folder."""
    households = records.registry.households
    if not households:
        return []
    tz = records.tz
    by_month = visits_by_month(records.visits, tz)
    this = _month(now.astimezone(tz).date())
    first = first_month(records)
    months = list(months_between(first, last_complete_month(now, tz))) if first else []
    if first is None or this >= first:
        months.append(this)
    first_file = {m: min(vs, key=lambda v: v.path) for m, vs in by_month.items()}
    summaries = {s.month: s for s in records.visit_summaries}
    root = records.root / "records" / "visits"
    known = {h.id for h in households}
    out = []
    for month in months:
        in_month = by_month.get(month, [])
        q = month_quota(month, households, in_month, tz)
        anchor = summaries.get(month) or first_file.get(month)
        pos = _at(anchor, "month" if month in summaries else "id") if anchor else Position(
            rel(root / month[:4] / month, records.root.cwd()), 1, 1)
        done = (_quota_met_on(in_month, known, q.required) or first_day(month)) if q.met else None
        out.append(Obligation("VISIT-QUOTA", "visit-quota", month, last_day(month), done, pos,
                              detail=q))
    return out


def visit_feedback_obligations(records: Records, now: datetime, calendar: WorkCalendar) -> list[Obligation]:
    """VISIT-FEEDBACK (P5.1.3): every visit that asked for feedback, due 7 days after the
    visit (:func:`~hcomm_gen.domain.visits.feedback_due`), done when the feedback is
    recorded (``reason``: its ``late_reason``); by due time."""
    out = []
    for v in records.visits:
        due = feedback_due(v)
        if due is None:
            continue
        fb = v.feedback
        out.append(Obligation("VISIT-FEEDBACK", "visit-feedback", v.id, due,
                              fb.time if fb is not None else None,
                              _at(v, "feedback", "time") if fb is not None else _at(v, "feedback_needed"),
                              v.path, v.time, v, reason=fb.late_reason if fb is not None else None))
    return sorted(out, key=lambda o: (o.due, o.ref))


# --- surveys (P5.5–P5.7) ---------------------------------------------------------------------

#: the field of ``round.yaml`` that records each survey deadline as done
SURVEY_DONE_FIELDS = {"SURVEY-COLLECT-15WD": "collection_end", "SURVEY-ANALYSIS-30WD": "analysis_done",
                      "SURVEY-ANNOUNCE-30WD": "announced"}
#: the field of ``round.yaml`` that says why a survey step was done late
SURVEY_REASON_FIELDS = {"SURVEY-COLLECT-15WD": "collection_late_reason",
                        "SURVEY-ANALYSIS-30WD": "analysis_late_reason",
                        "SURVEY-ANNOUNCE-30WD": "announcement_late_reason"}


def survey_obligations(records: Records, now: datetime, calendar: WorkCalendar) -> list[Obligation]:
    """SURVEY-SCHEDULE (P5.5.1): a round in every survey month (``survey_months``) from the
    office's first day (:func:`first_month`) up to last month, and in this month; due on the
    month's last day,
    done on the delivery date of the round of that month (by ``round`` or ``delivered_on``).
    Then per round the working-day deadlines of :func:`~hcomm_gen.domain.survey.deadlines`
    (SURVEY-COLLECT-15WD, SURVEY-ANALYSIS-30WD, SURVEY-ANNOUNCE-30WD; ``detail`` is the
    :class:`~hcomm_gen.domain.survey.Deadline`), done on the date of
    :data:`SURVEY_DONE_FIELDS` (``reason``: the field of :data:`SURVEY_REASON_FIELDS`); ``due``
    ``None`` with ``error`` for a year the calendar does not know (never a guess, never an
    exception)."""
    tz, com = records.tz, records.community
    survey_months = com.survey_months if com else []
    this = _month(now.astimezone(tz).date())
    first = first_month(records)
    past = list(months_between(first, last_complete_month(now, tz))) if first else []
    out = []
    for month in [*past, this]:
        if int(month[5:]) not in survey_months:
            continue
        done = min((r.delivered_on for r in records.surveys
                    if str(r.round) == month or f"{r.delivered_on:%Y-%m}" == month), default=None)
        out.append(Obligation("SURVEY-SCHEDULE", "survey", month, last_day(month), done,
                              _at(com, "survey_months") if com else Position("")))
    for rnd in records.surveys:
        for dl in deadlines(calendar, rnd):
            key = SURVEY_DONE_FIELDS[dl.rule]
            out.append(Obligation(dl.rule, "survey", rnd.round, dl.due, dl.done,
                                  _at(rnd, key) if dl.done is not None else _at(rnd, "delivered_on"),
                                  rnd.path, rnd.delivered_on, rnd, dl, dl.error,
                                  reason=dl.reason))
    return out


# --- financial statements (P4.5) -------------------------------------------------------------

def finance_obligations(records: Records, now: datetime, calendar: WorkCalendar) -> list[Obligation]:
    """NOTICE-FINANCE (P4.5), when the community sets ``finance_period``: the statement of
    every ended period, from the first period with a statement on record or the period of the
    office's first day (:func:`records_since`), whichever is earlier, due by the end of the
    following month (``Period.due``, a date), done
    when the first statement of that period (``kind: finance``, ``period``) is published.
    ``detail`` is the :class:`~hcomm_gen.domain.finance.Period`."""
    com = records.community
    if com is None or com.finance_period is None:
        return []
    kind, tz = com.finance_period, records.tz
    today = now.astimezone(tz).date()
    posted: dict[Period, datetime] = {}
    for n in records.notices:
        if n.kind == "finance" and (per := parse_period(n.period or "", kind)):
            posted[per] = min(posted[per], n.published) if per in posted else n.published
    start = records_since(records)
    firsts = list(posted) + ([Period.containing(start, kind)] if start is not None else [])
    if not firsts:
        return []
    per = min(firsts)
    out = []
    while per.last_day < today:
        out.append(Obligation("NOTICE-FINANCE", "finance", per.label, per.due, posted.get(per),
                              _at(com, "finance_period"), detail=per))
        per = per.next()
    return out


# --- owners' meetings (T1) -------------------------------------------------------------------

def meeting_obligations(records: Records, now: datetime, calendar: WorkCalendar) -> list[Obligation]:
    """MEETING-MONTHLY (T1): a meeting in every complete month from the office's first day
    (:func:`first_month`), whether or not it has meetings, up to this month, due on the
    month's last day, done at the month's first meeting (planned ones count). ``record`` is
    the last meeting of an earlier month: ``pos`` is its ``date``; with none before, ``record``
    is ``None`` and ``pos`` the month's meetings folder (``records/meetings/YYYY``)."""
    tz = records.tz
    first = first_month(records)
    if first is None:
        return []
    meetings = sorted(records.meetings, key=lambda m: m.date)
    by_month: dict[str, datetime] = {}
    for m in meetings:
        by_month.setdefault(m.date.astimezone(tz).strftime("%Y-%m"), m.date)
    folder = records.root / "records" / "meetings"
    out = []
    for month in months_between(first, _month(now.astimezone(tz).date())):
        before = [m for m in meetings if m.date.astimezone(tz).strftime("%Y-%m") < month]
        anchor = before[-1] if before else None
        pos = _at(anchor, "date") if anchor else Position(rel(folder / month[:4], records.root.cwd()), 1, 1)
        out.append(Obligation("MEETING-MONTHLY", "meeting", month, last_day(month),
                              by_month.get(month), pos, record=anchor))
    return out


#: the sources :func:`obligations` runs, in order; a new deadline appends its source here
SOURCES: list[Source] = [case_obligations, visit_summary_obligations, visit_quota_obligations,
                         visit_feedback_obligations, survey_obligations, finance_obligations,
                         meeting_obligations]


def obligations(records: Records, now: datetime, calendar: WorkCalendar | None = None,
                sources: list[Source] | None = None) -> list[Obligation]:
    """Every obligation of ``records`` as of aware ``now``: the obligations of each source of
    ``sources`` (default :data:`SOURCES`), in that order. ``calendar`` is the working-day
    calendar (default: the community's, :meth:`WorkCalendar.for_community`)."""
    if calendar is None:
        calendar = WorkCalendar.for_community(records.community)
    out: list[Obligation] = []
    for source in SOURCES if sources is None else sources:
        out += source(records, now, calendar)
    return out
