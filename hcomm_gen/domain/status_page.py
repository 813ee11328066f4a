"""The director's page of ``hcomm status --pdf`` (管理处主任): the same items as ``hcomm status``
(:func:`hcomm_gen.domain.status.status`), sorted into what the director reads, with the days
counted. Plain dataclasses, no HTML (that is :mod:`hcomm_gen.outputs.status`).

Sections of :class:`StatusPage`:

* ``overdue``: every ``overdue`` item, with the days it is overdue (:func:`overdue_span`);
* ``soon``: the ``due`` items whose deadline falls within :data:`SOON_DAYS` days of ``now``
  (a day deadline on or before today + 7; a moment deadline at most 7 × 24 hours away),
  with the days left (:func:`left_span`);
* ``unknown``: the items whose deadline cannot be computed (a calendar year is missing);
* ``cases``: the open cases (a case with an open ``case-response``, ``case-progress`` or
  ``case-feedback`` item), their age and next step (:data:`NEXT_STEP`);
* ``quota``: this month's visit quota so far (VISIT-QUOTA, P5.1.1).

**How days are counted** (each as the procedure counts that deadline):

* a deadline that is a *day* (the summary by the 5th, a month's last day, a statement by the
  end of the next month) allows that whole day: overdue by ``today − deadline`` calendar days
  (自然日; the day after the deadline is 1), left ``deadline − today`` (0: due today);
* a deadline in *working days* (the survey round's 15 / 30 working days,
  :data:`WORKDAY_RULES`; PROCEDURE.md Time) is counted in working days of the community's
  calendar: overdue by the working days after the deadline up to today, left by the working
  days after today up to the deadline;
* a deadline at a *moment* (a case's response within 24 hours, a progress report every 30
  days, a visit's feedback within 7 days, a resolved case's feedback owed at once) is counted
  by the time elapsed: whole days of 24 hours and the hours beyond.

A case's age is the time since it was received, in whole days of 24 hours.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.obligations import DUE, OVERDUE, UNKNOWN
from hcomm_gen.domain.status import StatusItem
from hcomm_gen.domain.visits import MonthQuota, last_day, month_quota
from hcomm_gen.domain.workdays import UnknownYear, WorkCalendar
from hcomm_gen.records.loader import Records

#: the window of 7天内到期, in days
SOON_DAYS = 7
#: rules whose deadline is counted in working days (PROCEDURE.md Time; P5.5.1, P5.6.6, P5.7.1)
WORKDAY_RULES = frozenset({"SURVEY-COLLECT-15WD", "SURVEY-ANALYSIS-30WD", "SURVEY-ANNOUNCE-30WD"})

CALENDAR, WORKDAYS, ELAPSED = "calendar", "workdays", "elapsed"


@dataclass(frozen=True)
class Span:
    """A number of days: ``days`` calendar days (``unit`` ``calendar``), working days
    (``workdays``), or whole 24-hour days plus ``hours`` (``elapsed``); ``days`` is ``None``
    when it cannot be counted (a calendar year is missing)."""

    days: int | None
    unit: str = CALENDAR
    hours: int = 0

    def zh(self) -> str:
        """``3 天``, ``2 个工作日``, ``13 天 2 小时``, ``5 小时``; ``—`` when unknown."""
        if self.days is None:
            return "—"
        if self.unit == WORKDAYS:
            return f"{self.days} 个工作日"
        if self.unit == ELAPSED:
            if self.days == 0:
                return f"{self.hours} 小时"
            return f"{self.days} 天" + (f" {self.hours} 小时" if self.hours else "")
        return f"{self.days} 天"

    def left_zh(self) -> str:
        """As :meth:`zh`, for the time left: ``今天到期`` when a day deadline is today."""
        return "今天到期" if self.unit != ELAPSED and self.days == 0 else self.zh()


@dataclass(frozen=True)
class Row:
    """One line of the page: ``title`` (Chinese, no rule ID or path), the deadline as text,
    the days (overdue or left), and what goes in the reference column: ``rule`` and ``path``
    (``""`` if none)."""

    title: str
    due: str
    span: Span
    rule: str
    path: str = ""


@dataclass(frozen=True)
class OpenCase:
    """An open case: ``id``, ``kind`` (投诉/建议/问题/财产损坏), ``received`` (aware), ``age``
    (elapsed since receipt), ``summary``, ``step`` (待回复/待处理/待回访), ``step_due`` (the next
    step's deadline as text), whether that deadline has passed, and its ``rule`` and ``path``."""

    id: str
    kind: str
    received: datetime
    age: Span
    summary: str
    step: str
    step_due: str
    overdue: bool
    rule: str
    path: str


@dataclass(frozen=True)
class QuotaSoFar:
    """This month's visit quota as of today: ``quota`` (required, visited, …), ``remaining``
    households (never below 0) and ``days_left`` in the month after today (calendar days; 0 on
    the last day)."""

    quota: MonthQuota
    remaining: int
    days_left: int
    last_day: date


@dataclass
class StatusPage:
    """Everything on the director's page (see the module doc); ``unreadable_files``: record
    files that could not be read (the lists may be incomplete)."""

    community: str
    office: str
    now: datetime
    overdue: list[Row] = field(default_factory=list)
    soon: list[Row] = field(default_factory=list)
    unknown: list[Row] = field(default_factory=list)
    cases: list[OpenCase] = field(default_factory=list)
    quota: QuotaSoFar | None = None
    unreadable_files: int = 0


# --- days --------------------------------------------------------------------------------------

def _workdays_between(after: date, upto: date, calendar: WorkCalendar) -> int | None:
    """Working days ``d`` with ``after < d <= upto``; ``None`` when a year is unknown."""
    n, day = 0, after
    try:
        while day < upto:
            day += timedelta(days=1)
            n += calendar.is_workday(day)
    except UnknownYear:
        return None
    return n


def _elapsed(delta: timedelta) -> Span:
    return Span(delta.days, ELAPSED, delta.seconds // 3600)


def _span(due, now: datetime, tz, calendar: WorkCalendar, workdays: bool, past: bool) -> Span:
    """From ``due`` to ``now`` (``past``) or from ``now`` to ``due``: elapsed time for a moment,
    working days for a working-day deadline, else calendar days (see the module doc)."""
    if isinstance(due, datetime):
        return _elapsed(now - due if past else due - now)
    if due is None:
        return Span(None)
    today = now.astimezone(tz).date()
    start, end = (due, today) if past else (today, due)
    if workdays:
        return Span(_workdays_between(start, end, calendar), WORKDAYS)
    return Span((end - start).days)


def overdue_span(item: StatusItem, now: datetime, tz, calendar: WorkCalendar) -> Span:
    """How long ``item`` (``overdue``) is overdue at aware ``now``: see the module doc."""
    return _span(item.due, now, tz, calendar, item.rule in WORKDAY_RULES, past=True)


def left_span(item: StatusItem, now: datetime, tz, calendar: WorkCalendar) -> Span:
    """How long is left before the deadline of ``item`` (``due``) at aware ``now``."""
    return _span(item.due, now, tz, calendar, item.rule in WORKDAY_RULES, past=False)


def is_soon(item: StatusItem, now: datetime, tz) -> bool:
    """Whether the deadline of ``item`` falls within :data:`SOON_DAYS` days of ``now``."""
    if isinstance(item.due, datetime):
        return item.due <= now + timedelta(days=SOON_DAYS)
    if item.due is None:
        return False
    return item.due <= now.astimezone(tz).date() + timedelta(days=SOON_DAYS)


# --- titles ------------------------------------------------------------------------------------

def title(item: StatusItem, now: datetime, tz) -> str:
    """What ``item`` is, in Chinese for the director: no rule ID, no file path."""
    ob = item.obligation
    rec = ob.record if ob is not None else None
    detail = ob.detail if ob is not None else None
    kind = item.kind
    if kind == "case-response" and rec is not None:
        return f"{rec.id}（{rec.kind}）首次回应业户（收到后 24 小时内）"
    if kind == "case-progress" and rec is not None:
        return f"{rec.id}（{rec.kind}）向业户报告处理进展（至少每 30 天一次）"
    if kind == "case-feedback" and rec is not None:
        return f"{rec.id}（{rec.kind}）已解决，把处理结果告知业户"
    if kind == "visit-summary":
        return f"访问业户总结 {item.ref}（提交管理处主任）"
    if kind == "visit-quota" and isinstance(detail, MonthQuota):
        q = detail
        if item.ref != f"{now.astimezone(tz):%Y-%m}":
            return f"{item.ref} 访问定额未达标：访问 {q.visited} 户，应访问 {q.required} 户，差 {q.required - q.visited} 户"
        return f"{item.ref} 访问定额：已访问 {q.visited} / {q.required} 户，还差 {q.required - q.visited} 户"
    if kind == "visit-feedback":
        return f"业户访问 {item.ref} 要求的反馈"
    if kind == "survey":
        if item.rule == "SURVEY-SCHEDULE":
            return f"{item.ref} 问卷调查：把问卷送到每个已入住业户家中"
        label = getattr(detail, "label", "")
        return f"{item.ref} 问卷调查：{label}"
    if kind == "finance":
        return f"{item.ref} 财务收支报表张贴到宣传栏"
    if kind == "meeting":
        return f"{item.ref} 业主大会（恳谈会），每月至少一次"
    return f"{item.ref}"


def office_path(path: str, root: Path) -> str:
    """``path`` (relative to the current folder, as messages give it) relative to the office
    folder ``root`` (``records/cases/…``), ``/``-separated; as given when outside it."""
    if not path:
        return ""
    try:
        return (Path.cwd() / path).resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError):
        return path


def reference_path(item: StatusItem, root: Path) -> str:
    """The file behind ``item`` for the reference column, relative to the office folder
    ``root``: the record's, or for a missing visit summary the file it belongs in; ``""`` if
    none."""
    ob = item.obligation
    path = item.path
    if not path and item.kind == "visit-summary" and ob is not None and isinstance(ob.detail, str):
        path = ob.detail
    return office_path(path, root)


# --- open cases -----------------------------------------------------------------------------------

#: per case obligation kind: the next step (下一步) it stands for; when a case has several open
#: (a resolved case never answered), the first in this order is shown
NEXT_STEP = {"case-response": "待回复", "case-feedback": "待回访", "case-progress": "待处理"}


def open_cases(items: list[StatusItem], now: datetime, tz, root: Path) -> list[OpenCase]:
    """The cases with an open case item (``overdue`` or ``due``), by receipt: their age at
    ``now`` and next step (:data:`NEXT_STEP`); files relative to the office folder ``root``."""
    by_case: dict[str, StatusItem] = {}
    order = list(NEXT_STEP)
    for i in items:
        if i.kind not in NEXT_STEP or i.state not in (OVERDUE, DUE) or i.obligation is None:
            continue
        best = by_case.get(i.ref)
        if best is None or order.index(i.kind) < order.index(best.kind):
            by_case[i.ref] = i
    out = []
    for i in by_case.values():
        c = i.obligation.record  # type: ignore[union-attr]
        out.append(OpenCase(c.id, c.kind, c.received, _elapsed(now - c.received), c.summary,
                            NEXT_STEP[i.kind], i.due_text(tz), i.state == OVERDUE, i.rule,
                            office_path(i.path, root)))
    return sorted(out, key=lambda c: (c.received, c.id))


# --- the page ------------------------------------------------------------------------------------

def quota_so_far(records: Records, now: datetime) -> QuotaSoFar | None:
    """This month's VISIT-QUOTA as of ``now`` (visits after ``now`` not counted); ``None``
    without a household registry."""
    if not records.registry.households:
        return None
    tz = records.tz
    today = now.astimezone(tz).date()
    month = f"{today:%Y-%m}"
    recs = as_of(records, now)
    q = month_quota(month, recs.registry.households, recs.visits, tz)
    end = last_day(month)
    return QuotaSoFar(q, max(0, q.required - q.visited), (end - today).days, end)


def status_page(records: Records, now: datetime, items: list[StatusItem],
                unreadable_files: int = 0) -> StatusPage:
    """The director's page of ``items`` (:func:`hcomm_gen.domain.status.status` of ``records``
    at aware ``now``)."""
    tz = records.tz
    calendar = WorkCalendar.for_community(records.loaded_community)
    if records.has_community:
        community, office = records.community.name, records.community.office.name
    else:
        community, office = records.root.name, ""
    page = StatusPage(community, office, now, unreadable_files=unreadable_files)
    for i in items:
        text = title(i, now, tz)
        if i.state == OVERDUE:
            page.overdue.append(Row(text, i.due_text(tz), overdue_span(i, now, tz, calendar), i.rule,
                                    reference_path(i, records.root)))
        elif i.state == DUE and is_soon(i, now, tz):
            page.soon.append(Row(text, i.due_text(tz), left_span(i, now, tz, calendar), i.rule,
                                 reference_path(i, records.root)))
        elif i.state == UNKNOWN:
            page.unknown.append(Row(text, "—", Span(None), i.rule, reference_path(i, records.root)))
    page.cases = open_cases(items, now, tz, records.root)
    page.quota = quota_so_far(records, now)
    return page
