"""What every rule module receives: the records, ``now``, the time zone, the work calendar."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..compute.workdays import WorkCalendar
from ..load.records import Records
from ..problems import ERROR, WARNING, Position, Problem


@dataclass
class Context:
    records: Records
    now: datetime
    calendar: WorkCalendar = field(init=False)

    def __post_init__(self):
        self.tz = self.records.tz
        self.calendar = WorkCalendar.for_community(self.records.community)
        self.households = self.records.households_by_id()
        self.cases = {c.id: c for c in self.records.cases}
        self.visits = {v.id: v for v in self.records.visits}

    def local(self, dt: datetime) -> datetime:
        return dt.astimezone(self.tz)


def error(rule: str, pos: Position, zh: str, en: str) -> Problem:
    return Problem(rule, pos, zh, en, ERROR)


def warning(rule: str, pos: Position, zh: str, en: str) -> Problem:
    return Problem(rule, pos, zh, en, WARNING)


def fmt_dt(dt: datetime, tz) -> str:
    """``2026-03-05 09:00`` in the community's time zone (for messages)."""
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M")
