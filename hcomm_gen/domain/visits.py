"""Household visit figures (P5.1–P5.4): the monthly quota (VISIT-QUOTA, VISIT-NO-REPEAT,
P5.1.1), the feedback deadline (VISIT-FEEDBACK, P5.1.3), the summary deadline (VISIT-SUMMARY,
P5.4.1) and the figures of the monthly visit summary (访问业户总结, VISIT-ESCALATE, P5.4.2).
What is owed by when is computed from these in :mod:`hcomm_gen.domain.obligations`.

Months are ``"YYYY-MM"`` strings; times are aware datetimes, read in the community's time
zone ``tz``. Nothing here prints or raises for bad records: the rules in
:mod:`hcomm_gen.rules.visits` report those.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from hcomm_gen.core.registry import declare
from hcomm_gen.domain.terms import DECISIONS, ESCALATED, NOTED, TOPICS, VISIT_MODES
from hcomm_gen.records.models import Decision, Household, Visit, VisitSummary

#: VISIT-FEEDBACK (P5.1.3) says only "及时" (promptly). Decision: feedback asked for is owed
#: within 7 calendar *days* of the visit; after that ``hcomm check`` reports it as an error.
FEEDBACK_DAYS = 7

#: VISIT-SUMMARY (P5.4.1) "每月5日前": the summary of month M is due on the 5th of month M+1
#: (submitted on the 5th is on time, on the 6th is late).
SUMMARY_DAY = 5

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
    t = visit.time.astimezone(tz)
    return f"{t.year:04d}-{t.month:02d}"  # strftime("%Y-%m"), three times as fast


def visits_by_month(visits: list[Visit], tz) -> dict[str, list[Visit]]:
    """``{"YYYY-MM": [visits of that month]}`` (community time zone), computed once so that
    rules over many months do not re-scan every visit per month."""
    out: dict[str, list[Visit]] = {}
    for v in visits:
        month = month_of(v, tz)
        if month is not None:
            out.setdefault(month, []).append(v)
    return out


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

    @property
    def band_short(self) -> str:
        """The P5.1.1 band of ``occupied``, short: ``≤300`` / ``301–500`` / ``501–800`` / ``>800``."""
        n = self.occupied
        return "≤300" if n <= 300 else "301–500" if n <= 500 else "501–800" if n <= 800 else ">800"


def quota_state(q: MonthQuota, now: datetime, tz) -> str:
    """Where the quota of ``q.month`` stands as of aware ``now`` (community time zone ``tz``):
    ``"in_progress"`` for the month ``now`` falls in (so far ``q.visited`` of ``q.required``,
    whether met yet or not — as the site's 进行中), ``"not_started"`` for a later month, and
    for a complete month ``"met"`` or ``"missed"`` (VISIT-QUOTA, P5.1.1: only a complete
    month can miss its quota)."""
    this = f"{now.astimezone(tz):%Y-%m}"
    if q.month == this:
        return "in_progress"
    if q.month > this:
        return "not_started"
    return "met" if q.met else "missed"


def rate_band_zh(occupied: int) -> str:
    """The P5.1.1 band of ``occupied`` households: ``"300 户及以下"``, ``"300 户以上至 500 户"``,
    ``"500 户以上至 800 户"`` or ``"800 户以上"``."""
    if occupied <= 300:
        return "300 户及以下"
    if occupied <= 500:
        return "300 户以上至 500 户"
    if occupied <= 800:
        return "500 户以上至 800 户"
    return "800 户以上"


declare("VISIT-NO-REPEAT", kind="formula", clause="P5.1.1", zh="同月重复访问同一业户只计一次",
        en="a household visited twice in a month counts once",
        doc="`month_quota`: a household visited twice in a month counts once towards VISIT-QUOTA "
            "(a count, not an error)")


def month_quota(month: str, households: list[Household], visits: list[Visit], tz) -> MonthQuota:
    """VISIT-QUOTA for ``month`` (``"YYYY-MM"``), VISIT-NO-REPEAT applied (distinct households).
    Only households of the registry count: a visit to an unknown household ID (a typo, which
    the check reports as RECORD-REF) does not make the quota look met."""
    n = len(occupied_on(households, first_day(month)))
    known = {h.id for h in households}
    in_month = [v for v in visits if month_of(v, tz) == month]
    counted = {v.household for v in in_month if not v.return_visit and v.household in known}
    return MonthQuota(month, n, quota_rate_percent(n), required_visits(n), len(counted),
                      len(in_month), sum(1 for v in in_month if v.return_visit))


# --- months --------------------------------------------------------------------------------

def parse_month(month: str) -> tuple[int, int]:
    """``"2026-07"`` → ``(2026, 7)``.

    :raises ValueError: not ``YYYY-MM`` with a month 1–12.
    """
    try:
        y, m = (int(x) for x in month.split("-"))
    except (ValueError, AttributeError):
        raise ValueError(f"not a month: {month!r} (write it like 2026-07)") from None
    if not 1 <= m <= 12 or y < 1:
        raise ValueError(f"not a month: {month!r} (write it like 2026-07)")
    return y, m


def first_day(month: str) -> date:
    """The 1st of ``month``."""
    y, m = parse_month(month)
    return date(y, m, 1)


def next_month(month: str) -> str:
    """The month after ``month`` (``"2026-12"`` → ``"2027-01"``)."""
    y, m = parse_month(month)
    return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"


def last_day(month: str) -> date:
    """The last day of ``month``."""
    return first_day(next_month(month)) - timedelta(days=1)


def months_between(first: str, last: str):
    """Every month from ``first`` to ``last``, both included (empty if ``last < first``)."""
    month = first
    while month <= last:
        yield month
        month = next_month(month)


def last_complete_month(now: datetime, tz) -> str:
    """The month before the one ``now`` falls in (community time zone)."""
    today = now.astimezone(tz).date()
    prev = date(today.year, today.month, 1) - timedelta(days=1)
    return f"{prev:%Y-%m}"


# --- feedback (VISIT-FEEDBACK, P5.1.3) -------------------------------------------------------

def feedback_due(visit: Visit) -> datetime | None:
    """When the feedback of ``visit`` is due: visit time + :data:`FEEDBACK_DAYS` days; ``None``
    when no feedback is asked for or the visit has no time."""
    if not visit.feedback_needed or visit.time is None:
        return None
    return visit.time + timedelta(days=FEEDBACK_DAYS)


# --- summary deadline (VISIT-SUMMARY, P5.4.1) ------------------------------------------------

def summary_deadline(month: str) -> date:
    """The day the 访问业户总结 of ``month`` is due: the 5th of the next month (inclusive)."""
    return first_day(next_month(month)).replace(day=SUMMARY_DAY)


@dataclass
class SummaryDue:
    """The summary of ``month``: ``deadline`` (date, inclusive) and the record if any; its
    ``submitted`` date if any. Whether it is overdue or late is the VISIT-SUMMARY obligation's
    to say (:func:`hcomm_gen.domain.obligations.visit_summary_obligations`)."""

    month: str
    deadline: date
    summary: VisitSummary | None

    @property
    def submitted(self) -> date | None:
        return self.summary.submitted if self.summary else None


def summaries_due(visits: list[Visit], summaries: list[VisitSummary], now: datetime,
                  tz, first: str | None = None) -> list[SummaryDue]:
    """VISIT-SUMMARY for every complete month from ``first`` (``"YYYY-MM"``: the office's
    first complete month, whether or not it has visits; ``None``: the first month with
    visits) up to the month before ``now``: each month's deadline (:func:`summary_deadline`)
    and its summary record."""
    if first is None:
        months = sorted({mo for v in visits if (mo := month_of(v, tz))})
        if not months:
            return []
        first = months[0]
    by_month = {s.month: s for s in summaries}
    return [SummaryDue(month, summary_deadline(month), by_month.get(month))
            for month in months_between(first, last_complete_month(now, tz))]


# --- the monthly summary (访问业户总结, P5.4) ---------------------------------------------------

@dataclass
class OpinionRow:
    """One opinion of a visit with the director's decision (VISIT-ESCALATE): ``number`` is
    1-based within the visit; ``decision`` is 采纳 / 不采纳 / 上报 / 知悉 or ``None`` (not decided)."""

    visit: Visit
    number: int
    topic: str | None
    text: str
    household: Household | None
    decision: str | None = None
    note: str | None = None


@dataclass
class MonthSummary:
    """Everything the 访问业户总结 of ``month`` shows.

    ``quota``: :class:`MonthQuota`; ``by_mode``: ``[(mode, visits)]`` in P5.2 order (all six);
    ``by_topic``: ``[(topic, visits touching it, opinions)]`` in P3 order (all ten);
    ``opinions``: every opinion with its decision; ``escalated``: those marked 上报 (the
    only ones the company follows up); ``noted``: those marked 知悉 (nothing to do);
    ``decisions``: ``{decision: count}``; ``undecided``: opinions without a decision.
    """

    month: str
    quota: MonthQuota
    visits: list[Visit]
    by_mode: list[tuple[str, int]]
    by_topic: list[tuple[str, int, int]]
    opinions: list[OpinionRow]
    summary: VisitSummary | None
    decisions: dict[str, int] = field(default_factory=dict)

    @property
    def escalated(self) -> list[OpinionRow]:
        return [o for o in self.opinions if o.decision == ESCALATED]

    @property
    def noted(self) -> list[OpinionRow]:
        """Opinions marked 知悉 (noted: praise and the like, no follow-up), counted apart."""
        return [o for o in self.opinions if o.decision == NOTED]

    @property
    def undecided(self) -> list[OpinionRow]:
        return [o for o in self.opinions if o.decision not in DECISIONS]

    @property
    def signed(self) -> int:
        return sum(1 for v in self.visits if v.signature == "已签名")

    @property
    def refused(self) -> int:
        return sum(1 for v in self.visits if v.signature == "拒绝签名")

    @property
    def not_applicable(self) -> int:
        """Phone visits, which cannot be signed (signature 不适用)."""
        return sum(1 for v in self.visits if v.signature == "不适用")

    @property
    def feedback_asked(self) -> int:
        return sum(1 for v in self.visits if v.feedback_needed)

    @property
    def feedback_given(self) -> int:
        return sum(1 for v in self.visits if v.feedback_needed and v.feedback is not None)


def month_summary(month: str, households: list[Household], visits: list[Visit],
                  summaries: list[VisitSummary], tz) -> MonthSummary:
    """The figures of the 访问业户总结 of ``month`` (P5.4.1) with the director's decisions from
    the month's summary record, if any (P5.4.2). Visits are ordered by time."""
    in_month = sorted((v for v in visits if month_of(v, tz) == month),
                      key=lambda v: (v.time, v.id))
    hh = {h.id: h for h in households}
    summary = next((s for s in summaries if s.month == month), None)
    decided: dict[tuple[str, int], Decision] = {}
    if summary is not None:
        for decision in summary.decisions:
            decided.setdefault((decision.visit, decision.opinion), decision)
    modes = Counter(v.mode for v in in_month)
    visit_topics = Counter(t for v in in_month for t in dict.fromkeys(v.topics))
    opinion_topics = Counter(o.topic for v in in_month for o in v.opinions)
    rows = []
    for v in in_month:
        for i, o in enumerate(v.opinions, 1):
            d = decided.get((v.id, i))
            rows.append(OpinionRow(v, i, o.topic, o.text, hh.get(v.household or ""),
                                   d.decision if d else None, d.note if d else None))
    return MonthSummary(
        month=month,
        quota=month_quota(month, households, visits, tz),
        visits=in_month,
        by_mode=[(m, modes.get(m, 0)) for m in VISIT_MODES],
        by_topic=[(t, visit_topics.get(t, 0), opinion_topics.get(t, 0)) for t in TOPICS],
        opinions=rows,
        summary=summary,
        decisions={d: sum(1 for r in rows if r.decision == d) for d in DECISIONS},
    )


def last_visited(visits: list[Visit], before: datetime) -> dict[str, datetime]:
    """Household id → time of its latest visit before ``before`` (any visit, return visits
    included: the household was seen)."""
    out: dict[str, datetime] = {}
    for v in visits:
        if v.household and v.time is not None and v.time < before:
            if v.household not in out or v.time > out[v.household]:
                out[v.household] = v.time
    return out


declare("VISIT-PRIVACY", kind="formula", clause="P5.3.3", zh="业户隐私保密，不得出现在公开内容中",
        en="no visit detail reaches a public output",
        doc="`topic_counts_by_year`: nothing of a visit, case or suggestion reaches site/ or print/; "
            "the site shows visit opinions only as counts by topic per year (built outputs: "
            "`tests/outputs/test_visit_privacy.py`)")


def topic_counts_by_year(visits: list[Visit], now: datetime, tz) -> list[tuple[str, list[tuple[str, int]]]]:
    """Public aggregate (VISIT-PRIVACY, P5.3.3): opinions counted by topic (P3 order, all ten)
    per year, for visits made by ``now``: ``[(year, [(topic, count), …]), …]``, newest year
    first."""
    by_year: dict[str, Counter] = {}
    for v in visits:
        if v.time is None or v.time > now:
            continue
        year = f"{v.time.astimezone(tz):%Y}"
        by_year.setdefault(year, Counter()).update(o.topic for o in v.opinions if o.topic)
    return [(y, [(t, c.get(t, 0)) for t in TOPICS]) for y, c in sorted(by_year.items(), reverse=True)]
