"""Chinese working days (工作日), including make-up working days (调休).

Backed by the maintained ``chinesecalendar`` package. For a year that package does not know
yet, the community file may declare that year's holidays and make-up working days
(``calendar: {2027: {holidays: [...], workdays: [...]}}``); without a declaration the
calendar raises :class:`UnknownYear` — it never guesses.
"""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


class UnknownYear(Exception):
    """The official schedule of ``year`` is unknown to the library and not declared."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year

    def zh(self) -> str:
        return (f"{self.year} 年的法定节假日和调休安排还不知道（日历库未收录）。请在 records/community.yaml "
                f"的 calendar: 下按国务院办公厅通知写明 {self.year} 年的 holidays（放假日）和 "
                f"workdays（调休上班日）。")

    def en(self) -> str:
        return (f"The official holiday schedule of {self.year} is not known to the calendar library. "
                f"Declare its holidays and make-up working days under calendar: {self.year}: in "
                "records/community.yaml.")


class WorkCalendar:
    """Answers "is D a working day" for mainland China.

    :param declared: ``{year: (holidays, workdays)}`` — sets of dates declared by the
        community for years the library lacks; a declared year overrides the library.
    """

    def __init__(self, declared: dict[int, tuple[set, set]] | None = None):
        self.declared = declared or {}
        #: the library's answers so far (it validates every date against its whole table: slow
        #: over the ten years of working-day deadlines a company build computes per office)
        self._known: dict[date, bool] = {}

    @classmethod
    def for_community(cls, community) -> WorkCalendar:
        if community is None:
            return cls()
        return cls({int(y): (set(c.holidays), set(c.workdays)) for y, c in community.calendar.items()})

    def is_workday(self, day: date) -> bool:
        """True for a working day (make-up working days included, statutory holidays excluded).

        :raises UnknownYear: the year is neither in the library nor declared.
        """
        if day.year in self.declared:
            holidays, workdays = self.declared[day.year]
            if day in workdays:
                return True
            if day in holidays:
                return False
            return day.weekday() < 5
        known = self._known.get(day)
        if known is not None:
            return known
        try:
            known = self._known[day] = chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise UnknownYear(day.year) from None
        return known

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted).

        This is the deadline of "within ``n`` working days of ``start``" (PROCEDURE.md, Time).
        :raises UnknownYear: when the count runs into an unknown year.
        """
        day, left = start, n
        while left > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day
