"""The monthly visit plan (访问计划): which households to visit to meet VISIT-QUOTA (P5.1.1).

:func:`plan_visits` proposes, for one month, as many households as are still missing from the
quota (required − distinct households already visited that month, return visits excluded):

* only households occupied on the 1st and on the last day of the month (a household moving
  out mid-month is not proposed);
* none visited that month already (any visit, return visits included — VISIT-NO-REPEAT);
* households not visited for the longest time first: never visited, then by the month of the
  last visit (older first);
* within the same month of last visit, spread across buildings, then across units: each pick
  goes to the building (then unit) with the fewest picks so far;
* remaining ties are broken by a random order drawn from ``seed``, so the same records and the
  same seed give the same plan, and another seed gives another equally good plan.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time

from hcomm_gen.domain.visits import MonthQuota, first_day, last_day, last_visited, month_of, month_quota
from hcomm_gen.records.models import Household, Visit


@dataclass
class PlanRow:
    """One proposed household: ``last_visit`` is the local time of its latest visit before
    the month (``None``: never visited in the records)."""

    number: int
    household: Household
    last_visit: datetime | None


@dataclass
class VisitPlan:
    """The plan for ``month``: ``quota`` as of the records, ``already`` = households visited
    that month so far (any visit), ``rows`` the proposals (``len(rows)`` =
    max(0, required − counted visits)), ``seed`` used, ``candidates`` = eligible households."""

    month: str
    quota: MonthQuota
    seed: int
    rows: list[PlanRow] = field(default_factory=list)
    candidates: int = 0

    @property
    def needed(self) -> int:
        """Households still to visit to meet the quota (0 when it is met)."""
        return max(0, self.quota.required - self.quota.visited)

    @property
    def meets_quota(self) -> bool:
        """Whether visiting every proposed household meets the quota."""
        return self.quota.visited + len(self.rows) >= self.quota.required


def plan_visits(month: str, households: list[Household], visits: list[Visit], tz,
                seed: int = 0, extra: int = 0) -> VisitPlan:
    """Propose the households to visit in ``month`` (``"YYYY-MM"``) to meet VISIT-QUOTA.

    :param seed: random seed for the tie-break order (same seed, same plan).
    :param extra: households to propose beyond the quota (spares for refusals), default 0.
    :returns: :class:`VisitPlan`; fewer rows than needed only if there are not enough eligible
        households (then :attr:`VisitPlan.meets_quota` is false).
    :raises ValueError: ``month`` is not ``YYYY-MM``.
    """
    first, last = first_day(month), last_day(month)
    quota = month_quota(month, households, visits, tz)
    seen_this_month = {v.household for v in visits if month_of(v, tz) == month and v.household}
    start = datetime.combine(first, time(0, 0), tzinfo=tz)
    last_seen = last_visited(visits, start)
    eligible = [h for h in households
                if h.occupied_on(first) and h.occupied_on(last) and h.id not in seen_this_month]
    eligible.sort(key=lambda h: h.id)
    rng = random.Random(seed)
    rng.shuffle(eligible)
    tie = {h.id: i for i, h in enumerate(eligible)}

    def age(h: Household) -> str:  # "" (never) sorts before any "YYYY-MM"
        t = last_seen.get(h.id)
        return "" if t is None else f"{t.astimezone(tz):%Y-%m}"

    want = max(0, quota.required - quota.visited) + max(0, extra)
    per_building: dict[str, int] = {}
    per_unit: dict[tuple[str, str], int] = {}
    pool = list(eligible)
    rows: list[PlanRow] = []
    while pool and len(rows) < want:
        best = min(pool, key=lambda h: (age(h), per_building.get(h.building, 0),
                                        per_unit.get((h.building, h.unit), 0), tie[h.id]))
        pool.remove(best)
        per_building[best.building] = per_building.get(best.building, 0) + 1
        per_unit[(best.building, best.unit)] = per_unit.get((best.building, best.unit), 0) + 1
        t = last_seen.get(best.id)
        rows.append(PlanRow(len(rows) + 1, best, t.astimezone(tz) if t else None))
    rows.sort(key=lambda r: (_building_no(r.household.building), r.household.unit, r.household.room))
    for i, r in enumerate(rows, 1):
        r.number = i
    return VisitPlan(month, quota, seed, rows, len(eligible))


def _building_no(name: str):
    digits = "".join(c for c in name if c.isdigit())
    return (int(digits) if digits else 10**9, name)
