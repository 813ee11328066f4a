"""One office's figures at a moment (issue 13.3/13.4): what ``site/summary.json`` publishes and
what the company report (``hcomm company build``) reads of each office.

:func:`office_figures` computes, from the records as they stood at ``now``
(:func:`~hcomm_gen.domain.asof.as_of`), with the office's own domain functions (nothing is
recomputed differently from the office's pages and reports):

* :class:`PublicFigures` (:attr:`OfficeFigures.public`): aggregates only, published in
  ``site/summary.json`` (docs/summary-json.md): the community, the period, occupied
  households, the visit quota of every complete month and of this month so far
  (:func:`~hcomm_gen.domain.visits.month_quota`, VISIT-QUOTA P5.1.1), the 24 h response and
  case counts per month with the cases page's small-number suppression
  (:func:`~hcomm_gen.domain.case_figures.case_figures`, MIN_CASES_FOR_TIMES), the survey
  rounds published as of ``now`` (:func:`~hcomm_gen.domain.survey.compute_round`,
  :func:`~hcomm_gen.domain.survey.published_rounds`: return rate, raw and adjusted
  satisfaction, penalty, main improvement items of SURVEY-PARETO) and the overdue
  obligations counted by area (:func:`~hcomm_gen.domain.status.status`);
* :class:`CompanyFigures` (:attr:`OfficeFigures.company`): for the company only, never in
  ``summary.json``: each published round's statistics table (问卷结果统计表, for the quality
  department, P5.7.2) with the company item codes of ``community.yaml`` ``company_items``,
  and the opinions escalated (上报) to the complaint centre (P5.4.2) with their age.

Household data (PROCEDURE.md "Outputs", :mod:`hcomm_gen.domain.privacy`) is carried by
neither: no household ID, building/unit/room, phone or name. An escalated opinion's text and
the director's note are carried with every phone number, registry room and personal name
(:func:`~hcomm_gen.domain.privacy.find_private`, :data:`~hcomm_gen.domain.privacy.PERSON`,
:data:`~hcomm_gen.domain.privacy.ROOM`) replaced by :data:`REDACTED`.

Values are exact: counts ``int``, rates ``Fraction`` in *percent* (``Fraction(183, 2)`` is
91.5 %), ``None`` where there is no figure (nothing counted, or withheld); months are
``"YYYY-MM"`` strings, days ``date``, moments aware ``datetime``. Every class is frozen and
holds tuples, so figures can be shared between threads/processes and pickled.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from hcomm_gen.domain.workdays import WorkCalendar
from hcomm_gen.records.loader import Records

#: what replaces a phone number, room or personal name in an escalated opinion's text
REDACTED = "〔已隐去〕"

#: the areas of the overdue counts, in this order, and the obligation kinds of each
#: (:mod:`hcomm_gen.domain.obligations`; ``hcomm status`` kinds)
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cases", ("case-response", "case-progress", "case-feedback")),
    ("visits", ("visit-summary", "visit-quota", "visit-feedback")),
    ("surveys", ("survey",)),
    ("finance", ("finance",)),
    ("meetings", ("meeting",)),
)


# --- public (summary.json) -------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """What the figures cover. ``now``: the moment (aware); ``today``: its local date;
    ``records_since``: the office's first day (``community.yaml`` ``records_since``, else the
    1st of the month of the earliest record; ``None`` with no records at all);
    ``first_month``: the first complete month owing obligations
    (:func:`~hcomm_gen.domain.obligations.first_month`); ``last_complete_month``: the month
    before ``now``'s; ``months``: every complete month from ``first_month`` to
    ``last_complete_month`` (empty when none), oldest first; ``this_month``: ``now``'s month."""

    now: datetime
    today: date
    records_since: date | None
    first_month: str | None
    last_complete_month: str
    this_month: str
    months: tuple[str, ...]


@dataclass(frozen=True)
class QuotaMonth:
    """VISIT-QUOTA of one month (P5.1.1, :class:`~hcomm_gen.domain.visits.MonthQuota`):
    ``occupied`` households on the 1st, ``rate_percent`` (4–7), ``required`` visits,
    ``visited`` distinct households (return visits excluded, VISIT-NO-REPEAT), ``visits``
    (all, return visits included), ``met`` (visited ≥ required), ``complete`` (False for
    this month so far: then ``met`` says whether it is met *yet*)."""

    month: str
    occupied: int
    rate_percent: int
    required: int
    visited: int
    visits: int
    met: bool
    complete: bool


@dataclass(frozen=True)
class CaseMonth:
    """Cases received in one month (:class:`~hcomm_gen.domain.case_figures.MonthFigures`, the
    cases page's figures and suppression). ``by_kind``: ``((kind, count), …)`` in the order of
    CASE_KINDS (投诉, 建议, 问题, 财产损坏), zeros included. ``times_published``: False when
    fewer than MIN_CASES_FOR_TIMES cases were received (then ``responded``, ``within_24h``,
    ``resolved``, ``response_rate`` and the medians are ``None``). ``response_rate``:
    100 × within_24h / responded (CASE-RESPONSE-24H), ``None`` when withheld or none
    responded. Medians: hours / calendar days, ``None`` when withheld (``response_withheld``
    / ``resolve_withheld``) or nothing to take the median of."""

    month: str
    received: int
    by_kind: tuple[tuple[str, int], ...]
    times_published: bool
    responded: int | None
    within_24h: int | None
    response_rate: Fraction | None
    response_withheld: bool
    median_response_hours: Fraction | None
    resolved: int | None
    median_resolve_days: Fraction | None
    resolve_withheld: bool


@dataclass(frozen=True)
class MainItem:
    """A main improvement item of a round (主要改进事项, SURVEY-PARETO P5.6.4): ``rank`` in
    the Pareto table, questionnaire ``no``, ``text``, ``topic``, ``dissatisfied`` answers,
    ``share`` and ``cumulative`` percent of all dissatisfied answers, and the company item
    code (``community.yaml`` ``company_items``, keyed by the item's text; ``None`` unmapped)."""

    rank: int
    no: int
    text: str
    topic: str | None
    dissatisfied: int
    share: Fraction
    cumulative: Fraction
    company_code: str | None


@dataclass(frozen=True)
class SurveyFigures:
    """One survey round whose results are published as of ``now`` (NOTICE-SURVEY-RESULT).
    ``return_rate`` percent (SURVEY-RETURN-60: ``return_ok``), ``penalty`` percentage points
    (SURVEY-PENALTY), ``raw_satisfaction`` / ``adjusted_satisfaction``: the overall rate (all
    items' answers pooled, SURVEY-RATE) before and after the penalty; ``main_items``."""

    round: str
    delivered_on: date
    delivered: int
    returned: int
    return_rate: Fraction | None
    return_ok: bool
    penalty: Fraction
    raw_satisfaction: Fraction | None
    adjusted_satisfaction: Fraction | None
    main_items: tuple[MainItem, ...]


@dataclass(frozen=True)
class OverdueArea:
    """Open obligations of one area as ``hcomm status`` lists them at ``now``: ``overdue``
    (deadline passed, not done), ``due`` (not yet due), ``unknown`` (deadline not computable,
    CALENDAR-YEAR); ``by_kind``: ``((kind, overdue), …)`` of the area's kinds (:data:`AREAS`)."""

    area: str
    overdue: int
    due: int
    unknown: int
    by_kind: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class PublicFigures:
    """The aggregates of ``site/summary.json``. ``occupied``: households occupied on
    ``now``'s day; ``quota``: every complete month of the period, oldest first;
    ``quota_this_month``: this month so far (``None`` before the office's first day);
    ``cases``: per month from the first case to ``now``'s month, oldest first; ``surveys``:
    published rounds, oldest first; ``overdue``: one per area of :data:`AREAS`, in order."""

    community_id: str
    community_name: str
    period: Period
    occupied: int
    quota: tuple[QuotaMonth, ...]
    quota_this_month: QuotaMonth | None
    cases: tuple[CaseMonth, ...]
    surveys: tuple[SurveyFigures, ...]
    overdue: tuple[OverdueArea, ...]


# --- company only ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemRow:
    """One line of a round's statistics table (问卷结果统计表, :class:`~hcomm_gen.domain.survey.ItemStats`):
    questionnaire ``no`` (0 for the pooled overall line), ``text``, ``topic``, the company
    item ``company_code`` (``None`` unmapped), questionnaire counts ``satisfied`` / ``basic`` /
    ``dissatisfied`` / ``blank`` / ``multiple`` (blank and multiple abstain, SURVEY-ABSTAIN),
    ``raw_rate`` / ``adjusted_rate`` percent (``None``: nothing counted)."""

    no: int
    text: str
    topic: str | None
    company_code: str | None
    satisfied: int
    basic: int
    dissatisfied: int
    blank: int
    multiple: int
    raw_rate: Fraction | None
    adjusted_rate: Fraction | None


@dataclass(frozen=True)
class RoundTable:
    """The statistics table of one published round for the quality department (P5.7.2):
    ``items`` in questionnaire order, ``overall`` the pooled line, ``penalty`` points."""

    round: str
    penalty: Fraction
    items: tuple[ItemRow, ...]
    overall: ItemRow


@dataclass(frozen=True)
class EscalatedOpinion:
    """An opinion the director escalated (上报) to the company's complaint centre (P5.4.2) in
    the visit summary of ``month``. ``visit``: the visit record's ID (no household in it);
    ``visited_on``: the visit's local date; ``age_days``: calendar days from ``visited_on`` to
    ``now``'s local date; ``topic``; ``text`` and ``note`` (the director's note, ``None`` if
    none) with household data replaced by :data:`REDACTED`."""

    month: str
    visit: str
    visited_on: date
    age_days: int
    topic: str | None
    text: str
    note: str | None


@dataclass(frozen=True)
class CompanyFigures:
    """What only the company sees: ``tables`` of the published rounds (oldest first) and the
    ``escalated`` opinions of every visit summary up to ``now`` (oldest first)."""

    tables: tuple[RoundTable, ...]
    escalated: tuple[EscalatedOpinion, ...]


@dataclass(frozen=True)
class OfficeFigures:
    """One office at ``now``: :attr:`public` goes into ``summary.json``, :attr:`company` only
    into the company report."""

    public: PublicFigures
    company: CompanyFigures


def office_figures(records: Records, now: datetime, calendar: WorkCalendar | None = None) -> OfficeFigures:
    """The figures of the office of ``records`` as of aware ``now`` (see the module doc).

    :param records: a successful load (``records.community`` present).
    :param calendar: the work calendar (default: ``WorkCalendar.for_community``).
    :raises RecordsError: ``community.yaml`` did not load.
    """
    raise NotImplementedError("office_figures: interface only, implementation follows")
