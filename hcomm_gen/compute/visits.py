"""Household visit figures: the monthly quota (VISIT-QUOTA, VISIT-NO-REPEAT, P5.1.1)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..load.models import Household, Visit

#: (upper bound of occupied households N, inclusive; rate in percent) — P5.1.1
RATE_BANDS = ((300, 4), (500, 5), (800, 6), (None, 7))


def quota_rate_percent(occupied: int) -> int:
    """VISIT-QUOTA rate in *percent* for ``occupied`` households: ≤300 → 4, 301–500 → 5,
    501–800 → 6, >800 → 7 (P5.1.1)."""
    for upper, rate in RATE_BANDS:
        if upper is None or occupied <= upper:
            return rate
    raise AssertionError("unreachable")


def required_visits(occupied: int) -> int:
    """ceil(occupied × rate / 100) in integer arithmetic (VISIT-QUOTA, P5.1.1)."""
    rate = quota_rate_percent(occupied)
    return -(-occupied * rate // 100)


def occupied_on(households: list[Household], day: date) -> list[Household]:
    """Households occupied on ``day`` (registry move-in / move-out dates, inclusive)."""
    return [h for h in households if h.occupied_on(day)]


def month_of(visit: Visit, tz) -> str | None:
    """``"YYYY-MM"`` of the visit time in the community's time zone."""
    if visit.time is None:
        return None
    return visit.time.astimezone(tz).strftime("%Y-%m")


@dataclass
class MonthQuota:
    """One month's quota figure. ``occupied`` on the 1st; ``rate_percent``; ``required``;
    ``visited`` = distinct households visited that month, return visits excluded."""

    month: str
    occupied: int
    rate_percent: int
    required: int
    visited: int
    visits: int
    return_visits: int

    @property
    def met(self) -> bool:
        return self.visited >= self.required


def month_quota(month: str, households: list[Household], visits: list[Visit], tz) -> MonthQuota:
    """VISIT-QUOTA for ``month`` (``"YYYY-MM"``), VISIT-NO-REPEAT applied (distinct households)."""
    y, m = (int(x) for x in month.split("-"))
    n = len(occupied_on(households, date(y, m, 1)))
    in_month = [v for v in visits if month_of(v, tz) == month]
    counted = {v.household for v in in_month if not v.return_visit and v.household}
    return MonthQuota(month, n, quota_rate_percent(n), required_visits(n), len(counted),
                      len(in_month), sum(1 for v in in_month if v.return_visit))
