"""What the company report shows, per office and company-wide, taken from each office's
:class:`~hcomm_gen.domain.office_figures.OfficeFigures` (never from records: the report sees
aggregates and the company-only extracts only).

Rates stay exact (:class:`~fractions.Fraction`, percent) until the templates round them
(:func:`hcomm_gen.domain.survey.pct`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from typing import Any

from hcomm_gen.domain import office_figures as of
from hcomm_gen.domain.survey import ItemStats, ParetoRow, pareto

#: the months of the grids (quota, cases) and of the escalated opinions: the last twelve
MONTHS_SHOWN = 12
#: the survey rounds shown side by side and in the trend: the last four (two years)
ROUNDS_SHOWN = 4
#: quota cell states of the months grid
MET, MISSED, IN_PROGRESS, NONE = "met", "missed", "in_progress", "none"


@dataclass
class QuotaCell:
    """One office-month of the grid: ``visited`` of ``required`` distinct households
    (VISIT-QUOTA, P5.1.1), ``state`` one of :data:`MET`, :data:`MISSED`, :data:`IN_PROGRESS`."""

    month: str
    visited: int
    required: int
    state: str


@dataclass
class CaseCell:
    """Cases of one office-month (the office's cases page): ``received``, and when the times
    are published (``withheld`` false: at least MIN_CASES_FOR_TIMES cases) ``within_24h`` of
    ``responded`` (CASE-RESPONSE-24H)."""

    month: str
    received: int
    responded: int | None
    within_24h: int | None
    withheld: bool

    @property
    def rate(self) -> Fraction | None:
        return Fraction(100 * self.within_24h, self.responded) if self.responded and self.within_24h is not None \
            else None


@dataclass
class RoundRow:
    """One survey round of an office: delivered, returned, return rate, penalty points and
    the overall satisfaction raw and adjusted (percent, exact; ``None``: no rate)."""

    round: str
    delivered: int
    returned: int
    return_rate: Fraction | None
    penalty: Fraction
    raw: Fraction | None
    adjusted: Fraction | None
    main_items: list[str] = field(default_factory=list)


@dataclass
class ItemRow:
    """One line of an office's survey statistics table (问卷结果统计表, P5.6, P5.7.2)."""

    no: int
    code: str | None
    text: str
    satisfied: int
    basic: int
    dissatisfied: int
    abstained: int
    raw: Fraction | None
    adjusted: Fraction | None


@dataclass
class SurveyTable:
    """The statistics table of one round of one office: ``items`` and the pooled ``overall``."""

    round: str
    items: list[ItemRow]
    overall: ItemRow


@dataclass
class Escalated:
    """One opinion escalated (上报) to the complaint centre (VISIT-ESCALATE, P5.4.2): the
    office, the visit month and ID (no household in it), the visit's date, the day the summary
    escalating it was submitted (``None``: not yet), topic, text and the director's note (household
    data already replaced, :func:`hcomm_gen.domain.office_figures.redact`), and ``age_days``:
    calendar days since the visit as of the report."""

    office: str
    month: str
    visit: str
    visited_on: date
    escalated_on: date | None
    topic: str | None
    text: str
    note: str | None
    age_days: int


@dataclass
class OfficeView:
    """One office of the report. ``failed``: not counted (``reason`` zh, ``by_rule``,
    ``first``); ``public_only``: from summary.json (no escalated opinions, no survey tables,
    no company item codes)."""

    name: str
    where: str
    failed: bool = False
    public_only: bool = False
    reason: str = ""
    by_rule: list[tuple[str, int]] = field(default_factory=list)
    first: list[Any] = field(default_factory=list)
    community_id: str = ""
    occupied: int | None = None
    quota: dict[str, QuotaCell] = field(default_factory=dict)
    cases: dict[str, CaseCell] = field(default_factory=dict)
    rounds: list[RoundRow] = field(default_factory=list)
    tables: list[SurveyTable] = field(default_factory=list)
    escalated: list[Escalated] = field(default_factory=list)
    #: company item code → dissatisfied answers, per round (``{round: {code: count}}``)
    dissatisfied: dict[str, dict[str, int]] = field(default_factory=dict)
    #: company item code → its label (the company's item text as the office maps it)
    code_labels: dict[str, str] = field(default_factory=dict)

    def quota_in(self, months: Sequence[str]) -> tuple[int, int]:
        """``(months met, complete months)`` of the quota among ``months``."""
        cells = [c for m in months if (c := self.quota.get(m)) and c.state in (MET, MISSED)]
        return sum(1 for c in cells if c.state == MET), len(cells)

    def cases_in(self, months: Sequence[str]) -> int:
        """Cases received in ``months``."""
        return sum(c.received for m in months if (c := self.cases.get(m)))

    def response_in(self, months: Sequence[str]) -> tuple[int, int, int]:
        """``(within_24h, responded, withheld cases)`` summed over ``months``: the months
        whose times are published, and the cases of the months withheld."""
        within = responded = withheld = 0
        for m in months:
            c = self.cases.get(m)
            if c is None:
                continue
            if c.withheld:
                withheld += c.received
            else:
                within += c.within_24h or 0
                responded += c.responded or 0
        return within, responded, withheld

    @property
    def latest(self) -> RoundRow | None:
        return self.rounds[-1] if self.rounds else None


@dataclass
class CompanyPareto:
    """The company-wide Pareto (SURVEY-PARETO, P5.6.4) of one round over the offices that map
    their items to company codes: ``rows`` (``row.item.text`` is the code's label,
    ``row.item.topic`` the code), the offices pooled, and those left out (no codes)."""

    round: str
    rows: list[ParetoRow]
    offices: list[str]
    left_out: list[str]


@dataclass
class CompanyView:
    """The whole report: company ``name``, the moment ``now``, every office in the order
    given, the ``months`` of the grid and the survey ``rounds`` (oldest first), the Pareto per
    round and every escalated opinion (oldest first)."""

    name: str
    now: datetime
    offices: list[OfficeView]
    months: list[str]
    rounds: list[str]
    paretos: list[CompanyPareto]
    escalated: list[Escalated]

    @property
    def counted(self) -> list[OfficeView]:
        return [o for o in self.offices if not o.failed]

    @property
    def failed(self) -> list[OfficeView]:
        return [o for o in self.offices if o.failed]

    @property
    def public_only(self) -> list[OfficeView]:
        return [o for o in self.offices if not o.failed and o.public_only]


def company_pareto(round_: str, offices: Sequence[OfficeView]) -> CompanyPareto:
    """SURVEY-PARETO (P5.6.4) over the dissatisfied answers of ``round_`` of every office
    whose statistics table maps items to company codes (``community.yaml``
    ``company_items``), pooled by code; items without a code are left out, offices without
    any code are named in ``left_out``. Ties keep the codes' sorted order."""
    totals: dict[str, int] = {}
    labels: dict[str, str] = {}
    pooled, left_out = [], []
    for o in offices:
        table = next((t for t in o.tables if t.round == round_), None)
        if o.failed or table is None:
            continue
        coded = [it for it in table.items if it.code]
        if not coded:
            left_out.append(o.name)
            continue
        pooled.append(o.name)
        for it in coded:
            assert it.code is not None
            totals[it.code] = totals.get(it.code, 0) + it.dissatisfied
            labels.setdefault(it.code, it.text)
    stats = [ItemStats(i, labels[c], c, dissatisfied=totals[c]) for i, c in enumerate(sorted(totals), 1)]
    return CompanyPareto(round_, pareto(stats), pooled, left_out)


def _item(row: of.ItemRow) -> ItemRow:
    return ItemRow(row.no, row.company_code, row.text, row.satisfied, row.basic, row.dissatisfied,
                   row.blank + row.multiple, row.raw_rate, row.adjusted_rate)


def office_view(outcome: Any) -> OfficeView:
    """The view of one office from its outcome (:class:`hcomm_gen.app.company.OfficeOutcome`:
    ``name``, ``source``, ``figures``, ``public_only``, ``failed``, ``reason``, ``by_rule``,
    ``first``)."""
    view = OfficeView(outcome.name, outcome.source.where, failed=outcome.failed,
                      public_only=outcome.public_only, by_rule=list(outcome.by_rule), first=list(outcome.first))
    if outcome.failed:
        view.reason = (outcome.reason or ("", ""))[0]
        return view
    f: of.OfficeFigures = outcome.figures
    p = f.public
    view.community_id, view.occupied = p.community_id, p.occupied
    for q in p.quota:
        view.quota[q.month] = QuotaCell(q.month, q.visited, q.required, MET if q.met else MISSED)
    if p.quota_this_month is not None:
        q = p.quota_this_month
        view.quota[q.month] = QuotaCell(q.month, q.visited, q.required, IN_PROGRESS)
    # the company's own figures (every month's times) when the office's records were read;
    # an office read from its summary.json has the public ones, small months withheld
    internal = f.company.cases if f.company is not None and not outcome.public_only else ()
    for c in internal or p.cases:
        view.cases[c.month] = CaseCell(c.month, c.received, c.responded, c.within_24h,
                                       c.received > 0 and not c.times_published)
    view.rounds = [RoundRow(s.round, s.delivered, s.returned, s.return_rate, s.penalty, s.raw_satisfaction,
                            s.adjusted_satisfaction, [m.text for m in s.main_items]) for s in p.surveys]
    if f.company is not None and not outcome.public_only:
        view.tables = [SurveyTable(t.round, [_item(i) for i in t.items], _item(t.overall))
                       for t in f.company.tables]
        view.escalated = [Escalated(view.name, e.month, e.visit, e.visited_on, e.escalated_on, e.topic,
                                    e.text, e.note, e.age_days) for e in f.company.escalated]
    return view


def company_view(name: str, outcomes: Sequence[Any], now: datetime) -> CompanyView:
    """The whole report over ``outcomes`` (in the order given): the grid's months are the
    last :data:`MONTHS_SHOWN` months any office has a quota for; the rounds shown the last
    :data:`ROUNDS_SHOWN` published by any office; escalated opinions of the months shown,
    oldest first."""
    offices = [office_view(o) for o in outcomes]
    months = sorted({m for o in offices for m in o.quota} | {m for o in offices for m in o.cases})
    months = months[-MONTHS_SHOWN:]
    rounds = sorted({r.round for o in offices for r in o.rounds})[-ROUNDS_SHOWN:]
    first = months[0] if months else ""
    escalated = sorted((e for o in offices for e in o.escalated if e.month >= first),
                       key=lambda e: (-e.age_days, e.office, e.visit, e.month))
    return CompanyView(name, now, offices, months, rounds,
                       [company_pareto(r, offices) for r in rounds], escalated)
