"""Public aggregate figures of cases and anonymous suggestions (T3, T4; PROCEDURE.md "Public").

Only counts and response times leave this module: never a case's ID, household, summary,
progress notes or feedback, so nothing here identifies a household.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction
from statistics import median

from ..load.models import Case, Suggestion
from ..terms import CASE_KINDS, TOPICS

RESPONSE_LIMIT = timedelta(hours=24)  # CASE-RESPONSE-24H (T3)


@dataclass
class MonthFigures:
    """Cases received in one calendar month (community time zone).

    ``by_kind``: ``{kind: count}`` over :data:`~hcomm_gen.terms.CASE_KINDS` (zeros included);
    ``responded``: cases with a first response; ``within_24h``: of those, responded within
    24 hours of receipt; ``median_response_hours``: median hours to first response (``None``
    when none responded); ``resolved``: cases resolved; ``median_resolve_days``: median
    calendar days from receipt to resolution (``None`` when none resolved).
    """

    month: str  # "2026-03"
    received: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    responded: int = 0
    within_24h: int = 0
    median_response_hours: Fraction | None = None
    resolved: int = 0
    median_resolve_days: Fraction | None = None

    @property
    def within_24h_share(self) -> Fraction | None:
        """Share (fraction 0–1) of responded cases answered within 24 h."""
        return Fraction(self.within_24h, self.responded) if self.responded else None


@dataclass
class CaseFigures:
    months: list[MonthFigures]
    topics: list[tuple[str, int]]        # (topic, count), most frequent first
    suggestions_by_topic: list[tuple[str, int]]
    suggestions: int


def _median(values: list[Fraction]) -> Fraction | None:
    return Fraction(median(values)) if values else None


def case_figures(cases: list[Case], suggestions: list[Suggestion], now: datetime, tz) -> CaseFigures:
    """Monthly counts per kind, counts per topic and response times of cases received up to
    aware ``now``, plus suggestion-box counts per topic.

    Response time is ``first_response - received`` in hours (CASE-RESPONSE-24H); resolution
    time is ``resolved - received`` in calendar days. Months are newest first.
    """
    months: dict[str, list[Case]] = {}
    for c in cases:
        if c.received > now:
            continue
        months.setdefault(c.received.astimezone(tz).strftime("%Y-%m"), []).append(c)
    out = []
    for month in sorted(months, reverse=True):
        items = months[month]
        kinds = Counter(c.kind for c in items)
        resp = [Fraction(int((c.first_response - c.received).total_seconds()), 3600)
                for c in items if c.first_response is not None and c.first_response <= now]
        res = [Fraction(int((c.resolved - c.received).total_seconds()), 86400)
               for c in items if c.resolved is not None and c.resolved <= now]
        out.append(MonthFigures(
            month=month, received=len(items),
            by_kind={k: kinds.get(k, 0) for k in CASE_KINDS},
            responded=len(resp), within_24h=sum(r <= 24 for r in resp),
            median_response_hours=_median(resp), resolved=len(res),
            median_resolve_days=_median(res)))
    order = {t: i for i, t in enumerate(TOPICS)}

    def ranked(counter: Counter) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99), kv[0]))
    topics = Counter(c.topic or "其他" for c in cases if c.received <= now)
    sugg = [s for s in suggestions if s.received <= now]
    return CaseFigures(out, ranked(topics), ranked(Counter(s.topic or "其他" for s in sugg)), len(sugg))
