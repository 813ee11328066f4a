"""What every rule module receives: the records, ``now``, the time zone, the work calendar and
the obligations (every deadline, computed once: :mod:`hcomm_gen.domain.obligations`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from hcomm_gen.core.problems import ERROR, WARNING, Position, Problem
from hcomm_gen.core.registry import declare
from hcomm_gen.domain.obligations import Obligation, obligations
from hcomm_gen.domain.visits import visits_by_month
from hcomm_gen.domain.workdays import UnknownYear, WorkCalendar
from hcomm_gen.records.loader import Records
from hcomm_gen.records.types import fmt_dt

declare("CALENDAR-YEAR", clause="工作日", blocks=False, zh="计算工作日期限须知道该年的法定节假日和调休安排",
        en="working-day deadlines need the year's official holidays and make-up working days",
        doc="a working-day deadline that runs into a year the calendar library does not know "
            "(today: 2027) is reported, not guessed; the year is declared in `community.yaml` "
            "under `calendar:`; declared dates belong to their year and a day is not both holiday "
            "and working day")


@dataclass
class Context:
    """Input of every rule module's ``check(ctx)``.

    :ivar records: the loaded :class:`~hcomm_gen.records.loader.Records`.
    :ivar now: aware ``datetime``; time-dependent rules (deadlines not yet due) use it.
    :ivar tz: the community's ``ZoneInfo``.
    :ivar calendar: the :class:`~hcomm_gen.domain.workdays.WorkCalendar` (工作日).
    :ivar households, cases, visits: ``{id: record}`` look-ups.
    :ivar memo: values a check computes once per run and shares with others (e.g. a survey
        round's statistics), by a key of the check's choosing.
    :ivar obligations: every deadline of the records (:func:`~hcomm_gen.domain.obligations.obligations`),
        computed on first use, once per check.
    """

    records: Records
    now: datetime
    calendar: WorkCalendar = field(init=False)

    def __post_init__(self):
        self.tz = self.records.tz
        self.calendar = WorkCalendar.for_community(self.records.community)
        self.households = self.records.households_by_id()
        self.cases = {c.id: c for c in self.records.cases}
        self.visits = {v.id: v for v in self.records.visits}
        self.memo: dict[tuple, Any] = {}

    @cached_property
    def visits_by_month(self) -> dict[str, list]:
        """``{"YYYY-MM": [visit, …]}`` of the records' visits (computed once, on first use)."""
        return visits_by_month(self.records.visits, self.tz)

    @cached_property
    def obligations(self) -> list[Obligation]:
        """The obligations of the records as of ``now`` (computed once, on first use)."""
        return obligations(self.records, self.now, self.calendar)

    @cached_property
    def _obligations_by_record(self) -> dict[tuple[str, int], list[Obligation]]:
        index: dict[tuple[str, int], list[Obligation]] = {}
        for ob in self.obligations:
            if ob.record is not None:
                index.setdefault((ob.kind, id(ob.record)), []).append(ob)
        return index

    def obligations_of(self, kind: str, record) -> list[Obligation]:
        """The obligations of ``kind`` (``case-response``, ``visit-feedback``, ``survey``, …)
        that concern ``record`` itself (the same object, so two records with one ID stay
        apart), in the order of :attr:`obligations`."""
        return self._obligations_by_record.get((kind, id(record)), [])

    def obligations_for(self, rule: str) -> list[Obligation]:
        """The obligations of ``rule``, in the order of :attr:`obligations`."""
        return [ob for ob in self.obligations if ob.rule == rule]

    def local(self, dt: datetime) -> datetime:
        """``dt`` in the community's time zone."""
        return dt.astimezone(self.tz)

    @property
    def today(self) -> date:
        """The community's local date of ``now``."""
        return self.now.astimezone(self.tz).date()

    def workday_deadline(self, start: date, n: int, pos: Position,
                         what_zh: str = "期限", what_en: str = "deadline"
                         ) -> tuple[date | None, list[Problem]]:
        """The ``n``-th working day after ``start`` (PROCEDURE.md, Time), or ``None`` with a
        CALENDAR-YEAR problem at ``pos`` when the count runs into a year whose official
        holidays are neither known to the calendar library nor declared in community.yaml.
        Never raises for that case."""
        try:
            return self.calendar.add_workdays(start, n), []
        except UnknownYear as exc:
            return None, [calendar_problem(exc, pos, what_zh, what_en)]


def calendar_problem(exc: UnknownYear, pos: Position, what_zh: str = "期限",
                     what_en: str = "deadline") -> Problem:
    """CALENDAR-YEAR: a working-day count ran into an unknown year (an error: never guessed)."""
    return Problem("CALENDAR-YEAR", pos,
                   f"无法计算{what_zh}：{exc.zh()}",
                   f"Cannot compute the {what_en}: {exc.en()}", ERROR)


def error(rule: str, pos: Position, zh: str, en: str, *, block: bool | None = None) -> Problem:
    """An error :class:`Problem` (``hcomm check`` exits 1). It stops publication when its rule
    blocks (:attr:`~hcomm_gen.core.registry.Rule.blocks`), or when ``block`` says so for this
    finding (``True``/``False``; ``None``: as the rule says)."""
    return Problem(rule, pos, zh, en, ERROR, block=block)


def warning(rule: str, pos: Position, zh: str, en: str) -> Problem:
    """A warning :class:`Problem` (fails only with ``--strict``)."""
    return Problem(rule, pos, zh, en, WARNING)


def late_explained(rule: str, ob: Obligation, head_zh: str, head_en: str, *,
                   new_sentence: bool = False) -> Problem:
    """The warning for an act done late with its reason written (PROCEDURE.md "A late act is
    recorded truthfully"): ``head`` says what was late, then ``；已写明原因（…），记为逾期（已说明
    原因）。`` / ``; the reason is given (…): recorded as late (reason given).`` quoting
    :attr:`Obligation.reason_text`, at the obligation's position. ``new_sentence``: ``head``
    ends a sentence of its own (no ``；``, and ``The reason …``)."""
    tail_zh = f"已写明原因（{ob.reason_text}），记为逾期（已说明原因）。"
    tail_en = f"the reason is given ({ob.reason_text}): recorded as late (reason given)."
    if new_sentence:
        return warning(rule, ob.pos, head_zh + tail_zh, f"{head_en} {tail_en[0].upper()}{tail_en[1:]}")
    return warning(rule, ob.pos, f"{head_zh}；{tail_zh}", f"{head_en}; {tail_en}")


def fmt_duration(delta: timedelta) -> tuple[str, str]:
    """``(zh, en)`` of a duration, exact to the minute (never rounded up to look compliant or
    not): ``("23 小时 40 分", "23 h 40 min")``, ``("25 小时", "25 h")``."""
    minutes = int(delta // timedelta(minutes=1))
    h, m = divmod(minutes, 60)
    if m == 0:
        return f"{h} 小时", f"{h} h"
    return f"{h} 小时 {m} 分", f"{h} h {m} min"


__all__ = ["Context", "calendar_problem", "error", "fmt_dt", "fmt_duration", "warning"]
