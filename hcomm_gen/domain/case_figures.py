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

from hcomm_gen.domain.cases import RESPONSE_HOURS, first_response
from hcomm_gen.domain.terms import CASE_KINDS, TOPICS
from hcomm_gen.domain.visits import months_between
from hcomm_gen.records.models import Case, Suggestion

#: fewest cases behind a published time figure: with one or two, a neighbour who knows of a
#: complaint could read its own response or resolution time off the page
MIN_CASES_FOR_TIMES = 3


@dataclass
class MonthFigures:
    """Cases received in one calendar month (community time zone); a month without cases has
    ``received == 0`` and zeros by kind.

    ``by_kind``: ``{kind: count}`` over :data:`~hcomm_gen.domain.terms.CASE_KINDS` (zeros included).
    The time figures are ``None`` when withheld (``times_published`` false: fewer than
    :data:`MIN_CASES_FOR_TIMES` cases received that month, so they would describe one or two
    known cases): ``responded``: cases with a first response; ``within_24h``: of those,
    responded within 24 hours of receipt; ``median_response_hours``: median hours to first
    response; ``resolved``: cases resolved; ``median_resolve_days``: median calendar days from
    receipt to resolution. A median is also ``None`` when fewer than
    :data:`MIN_CASES_FOR_TIMES` cases are behind it (``response_withheld`` /
    ``resolve_withheld`` say so) or none at all.
    """

    month: str  # "2026-03"
    received: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    times_published: bool = False
    responded: int | None = None
    within_24h: int | None = None
    median_response_hours: Fraction | None = None
    resolved: int | None = None
    median_resolve_days: Fraction | None = None

    @property
    def response_withheld(self) -> bool:
        """True when the month's median response time is not published: fewer than
        :data:`MIN_CASES_FOR_TIMES` cases received, or 1–2 responded."""
        return self.received > 0 and (not self.times_published or 0 < (self.responded or 0) < MIN_CASES_FOR_TIMES)

    @property
    def resolve_withheld(self) -> bool:
        """True when the month's median resolution time is not published: fewer than
        :data:`MIN_CASES_FOR_TIMES` cases received, or 1–2 resolved."""
        return self.received > 0 and (not self.times_published or 0 < (self.resolved or 0) < MIN_CASES_FOR_TIMES)


@dataclass
class CaseFigures:
    months: list[MonthFigures]
    topics: list[tuple[str, int]]        # (topic, count), most frequent first
    suggestions_by_topic: list[tuple[str, int]]
    suggestions: int


def _median(values: list[Fraction]) -> Fraction | None:
    return Fraction(median(values)) if values else None


def case_figures(cases: list[Case], suggestions: list[Suggestion], now: datetime, tz,
                 min_cases: int = MIN_CASES_FOR_TIMES) -> CaseFigures:
    """Monthly counts per kind, counts per topic and response times of cases received up to
    aware ``now``, plus suggestion-box counts per topic (PROCEDURE.md "Public": aggregates that
    identify no household).

    Months run from the month of the first case to the month of ``now``, newest first; a month
    without cases is listed with zeros. Response time is ``first_response - received`` in hours
    (CASE-RESPONSE-24H); resolution time is ``resolved - received`` in calendar days. A month
    with fewer than :data:`MIN_CASES_FOR_TIMES` cases publishes no time figures, and a median
    from fewer than :data:`MIN_CASES_FOR_TIMES` cases is withheld (``None``).

    :param min_cases: the fewest cases a month (and a median) needs for its times; the public
        pages use :data:`MIN_CASES_FOR_TIMES`, the internal company report 1 (it shows every
        month's 24 h response).
    """
    months: dict[str, list[Case]] = {}
    for c in cases:
        if c.received > now:
            continue
        months.setdefault(c.received.astimezone(tz).strftime("%Y-%m"), []).append(c)
    out = []
    span = list(months_between(min(months), now.astimezone(tz).strftime("%Y-%m"))) if months else []
    for month in reversed(span):
        items = months.get(month, [])
        kinds: Counter[str] = Counter(c.kind for c in items)
        fig = MonthFigures(month=month, received=len(items),
                           by_kind={k: kinds.get(k, 0) for k in CASE_KINDS})
        out.append(fig)
        if not items:
            fig.times_published = True  # nothing to hide: 0 responded, 0 resolved
            fig.responded = fig.within_24h = fig.resolved = 0
            continue
        if len(items) < min_cases:
            continue  # times withheld: they would be those of one or two known cases
        # the first response as the rules count it (first_response, else the earliest progress
        # report or feedback); a response "before" receipt is a typo the check reports: left out
        resp = [Fraction((t - c.received) // timedelta(seconds=1), 3600)
                for c in items if (t := first_response(c)[0]) is not None and c.received <= t <= now]
        res = [Fraction((c.resolved - c.received) // timedelta(seconds=1), 86400)
               for c in items if c.resolved is not None and c.received <= c.resolved <= now]
        fig.times_published = True
        limit = Fraction(RESPONSE_HOURS)
        fig.responded, fig.within_24h, fig.resolved = len(resp), sum(r <= limit for r in resp), len(res)
        fig.median_response_hours = _median(resp) if len(resp) >= min_cases else None
        fig.median_resolve_days = _median(res) if len(res) >= min_cases else None
    order = {t: i for i, t in enumerate(TOPICS)}

    def ranked(counter: Counter) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99), kv[0]))
    topics = Counter(c.topic or "其他" for c in cases if c.received <= now)
    sugg = [s for s in suggestions if s.received <= now]
    return CaseFigures(out, ranked(topics), ranked(Counter(s.topic or "其他" for s in sugg)), len(sugg))
