"""Financial-statement periods (NOTICE-FINANCE, P4.5): which period a statement covers and
when it is due. The statements owed are obligations
(:func:`hcomm_gen.domain.obligations.finance_obligations`), read by the rule
(:mod:`hcomm_gen.rules.notices`) and by ``hcomm status``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from hcomm_gen.records.types import YEARS

#: per kind: (pattern of a period as written, example, Chinese name of the period)
PERIOD_FORMS = {
    "monthly": (re.compile(r"(\d{4})-(\d{1,2})"), "2026-01", "月"),
    "quarterly": (re.compile(r"(\d{4})-[Qq]([1-4])"), "2026-Q1", "季度"),
    "half_yearly": (re.compile(r"(\d{4})-[Hh]([12])"), "2026-H1", "半年"),
}
_MONTHS_PER = {"monthly": 1, "quarterly": 3, "half_yearly": 6}


@dataclass(frozen=True, order=True)
class Period:
    """One financial-statement period: ``year`` and ``index`` (month 1–12, quarter 1–4 or
    half 1–2) of ``kind`` (``monthly`` | ``quarterly`` | ``half_yearly``)."""

    year: int
    index: int
    kind: str

    @property
    def label(self) -> str:
        if self.kind == "monthly":
            return f"{self.year:04d}-{self.index:02d}"
        return f"{self.year:04d}-{'Q' if self.kind == 'quarterly' else 'H'}{self.index}"

    @property
    def first_day(self) -> date:
        return date(self.year, (self.index - 1) * _MONTHS_PER[self.kind] + 1, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def due(self) -> date:
        """Last day to post the statement: end of the month after the period (inclusive)."""
        nxt = self.last_day + timedelta(days=1)
        following = date(nxt.year + (nxt.month == 12), nxt.month % 12 + 1, 1)
        return following - timedelta(days=1)

    def next(self) -> Period:
        per_year = 12 // _MONTHS_PER[self.kind]
        if self.index == per_year:
            return Period(self.year + 1, 1, self.kind)
        return Period(self.year, self.index + 1, self.kind)

    @classmethod
    def containing(cls, day: date, kind: str) -> Period:
        return cls(day.year, (day.month - 1) // _MONTHS_PER[kind] + 1, kind)


def parse_period(text: str, kind: str) -> Period | None:
    """``"2026-Q1"`` (quarterly), ``"2026-01"`` (monthly), ``"2026-H1"`` (half-yearly) →
    :class:`Period`; ``None`` when ``text`` does not have the form of ``kind``."""
    pattern = PERIOD_FORMS[kind][0]
    m = pattern.fullmatch(text.strip())
    if not m:
        return None
    y, i = int(m.group(1)), int(m.group(2))
    if kind == "monthly" and not 1 <= i <= 12:
        return None
    if y not in YEARS:  # a typo such as 0000-Q1 (and no overflow in date arithmetic)
        return None
    return Period(y, i, kind)
