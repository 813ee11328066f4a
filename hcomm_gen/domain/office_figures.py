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

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.case_figures import MonthFigures, case_figures
from hcomm_gen.domain.obligations import DUE, OVERDUE, UNKNOWN, first_month, obligations, records_since
from hcomm_gen.domain.privacy import PERSON, PHONE, ROOM, SURNAMES, digits, find_private, registry_rooms
from hcomm_gen.domain.status import item as status_item
from hcomm_gen.domain.survey import ItemStats, compute_round, published_rounds
from hcomm_gen.domain.terms import CASE_KINDS
from hcomm_gen.domain.visits import (
    MonthQuota,
    first_day,
    last_complete_month,
    month_summary,
    months_between,
    occupied_on,
    visits_by_month,
)
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
    ``visited_on``: the visit's local date; ``escalated_on``: the day the summary was submitted
    (``None``: not submitted yet); ``age_days``: calendar days from ``visited_on`` to ``now``'s
    local date; ``topic``; ``text`` and ``note`` (the director's note, ``None`` if none) with
    household data replaced by :data:`REDACTED`."""

    month: str
    visit: str
    visited_on: date
    escalated_on: date | None
    age_days: int
    topic: str | None
    text: str
    note: str | None


@dataclass(frozen=True)
class CompanyFigures:
    """What only the company sees: ``tables`` of the published rounds (oldest first), the
    ``escalated`` opinions of every visit summary up to ``now`` (oldest first), and ``cases``:
    every month's case figures with the times of every month (no small-number suppression:
    the report is internal, and a community with one or two cases a month would otherwise show
    no 24 h response at all), oldest first."""

    tables: tuple[RoundTable, ...]
    escalated: tuple[EscalatedOpinion, ...]
    cases: tuple[CaseMonth, ...] = ()


@dataclass(frozen=True)
class OfficeFigures:
    """One office at ``now``: :attr:`public` goes into ``summary.json``, :attr:`company` only
    into the company report."""

    public: PublicFigures
    company: CompanyFigures


def _rate(part: int | None, whole: int | None) -> Fraction | None:
    return Fraction(100 * part, whole) if part is not None and whole else None


def _quota(q: MonthQuota, complete: bool) -> QuotaMonth:
    return QuotaMonth(q.month, q.occupied, q.rate_percent, q.required, q.visited, q.visits, q.met, complete)


def _case_month(m: MonthFigures) -> CaseMonth:
    return CaseMonth(m.month, m.received, tuple((k, m.by_kind.get(k, 0)) for k in CASE_KINDS),
                     m.times_published, m.responded, m.within_24h,
                     _rate(m.within_24h, m.responded) if m.times_published else None,
                     m.response_withheld, m.median_response_hours, m.resolved, m.median_resolve_days,
                     m.resolve_withheld)


def _item_row(st: ItemStats, codes: dict[str, str]) -> ItemRow:
    return ItemRow(st.no, st.text, st.topic, codes.get(st.text) if st.no else None, st.satisfied,
                   st.basic, st.dissatisfied, st.blank, st.multiple, st.raw_rate, st.adjusted_rate)


_CN = "一二三四五六七八九十百零〇两"
#: what else identifies a person in an opinion or a director's note, besides
#: :mod:`hcomm_gen.domain.privacy`'s rooms, phones and 王先生: an ID-card number, an e-mail
#: address, a WeChat ID, a room written NNNN室 or with Chinese numerals (四栋二单元1101), and
#: a full name written after 业主 / 业户 / 住户 / 租户 (业主王建国)
EXTRA_PRIVATE = tuple(re.compile(p) for p in (
    r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    r"wxid_[0-9A-Za-z_-]+|(?<=微信号)[:：]?\s*[A-Za-z][A-Za-z0-9_-]{4,}|(?<=微信)[:：]?\s*[A-Za-z][A-Za-z0-9_-]{4,}",
    r"(?<![0-9])\d{3,4}\s*室",
    rf"[0-9{_CN}]+\s*[栋幢号]楼?\s*[0-9{_CN}]+\s*单元\s*[0-9{_CN}]+(?:\s*室)?",
    rf"(?<=业主|业户|住户|租户)[{SURNAMES}][\u4e00-\u9fff]{{1,2}}(?=[，,。（(\s、]|$)",
))


def redact(text: str, rooms: set[tuple[str, str, str]], public_phones: set[str]) -> str:
    """``text`` with every occupant's phone number and registry room and the name written next
    to it (:func:`~hcomm_gen.domain.privacy.find_private`), every other room or household ID
    (:data:`~hcomm_gen.domain.privacy.ROOM`), mobile number (:data:`~hcomm_gen.domain.privacy.PHONE`)
    and person addressed by surname (王先生, 李阿姨: :data:`~hcomm_gen.domain.privacy.PERSON`),
    and what :data:`EXTRA_PRIVATE` names (ID cards, e-mail, WeChat IDs, other room forms, a
    name after 业主) replaced by :data:`REDACTED`. Public numbers (``public_phones``, digits
    only) stay."""
    spans = []
    for f in find_private(text, rooms, public_phones):
        # f.text is the number or room with the name written after (it starts there) or before it
        after = f.text.startswith(text[f.start:f.end])
        spans.append((f.start, f.start + len(f.text)) if after else (f.end - len(f.text), f.end))
    for pattern in (ROOM, PERSON, PHONE, *EXTRA_PRIVATE):
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)
                  if pattern is not PHONE or digits(m.group(0)) not in public_phones]
    out, at = [], 0
    for start, end in sorted(spans):
        if start >= at:
            out += [text[at:start], REDACTED]
        at = max(at, end)
    out.append(text[at:])
    return "".join(out)


def office_figures(records: Records, now: datetime, calendar: WorkCalendar | None = None) -> OfficeFigures:
    """The figures of the office of ``records`` as of aware ``now`` (see the module doc).

    :param records: a successful load (``records.community`` present).
    :param calendar: the work calendar (default: ``WorkCalendar.for_community``).
    :raises RecordsError: ``community.yaml`` did not load.
    """
    community = records.community
    tz = records.tz
    cal = calendar if calendar is not None else WorkCalendar.for_community(community)
    today = now.astimezone(tz).date()
    this = f"{today:%Y-%m}"
    # the records as hcomm status takes them (status.status): as they stood at now, notices posted
    at = as_of(records, now)
    at = dataclasses.replace(at, notices=[n for n in at.notices if n.published <= now])
    first = first_month(at)
    last = last_complete_month(now, tz)
    period = Period(now, today, records_since(at), first, last, this,
                    tuple(months_between(first, last)) if first else ())
    households = records.registry.households

    # obligations: once, for the overdue counts (as hcomm status) and the quota (VISIT-QUOTA)
    obs = obligations(at, now, cal)
    quota: list[QuotaMonth] = []
    quota_now: QuotaMonth | None = None
    counts: dict[str, Counter[str]] = {}
    for ob in obs:
        if ob.kind == "visit-quota":
            if ob.ref == this:
                quota_now = _quota(ob.detail, False)
            elif ob.ref <= last:
                quota.append(_quota(ob.detail, True))
        if ob.is_open or ob.is_late_explained(tz):
            si = status_item(ob, now, tz)
            counts.setdefault(si.kind, Counter())[si.state] += 1
    overdue = []
    for area, kinds in AREAS:
        total: Counter[str] = Counter()
        for kind in kinds:
            total += counts.get(kind, Counter())
        overdue.append(OverdueArea(area, total[OVERDUE], total[DUE], total[UNKNOWN],
                                   tuple((k, counts.get(k, Counter())[OVERDUE]) for k in kinds)))

    # cases: the cases page's figures (same inputs, same suppression)
    figs = case_figures(records.cases, records.suggestions, now, tz)
    cases = tuple(_case_month(m) for m in reversed(figs.months))
    all_times = case_figures(records.cases, records.suggestions, now, tz, min_cases=1)
    company_cases = tuple(_case_month(m) for m in reversed(all_times.months))

    # surveys: the published rounds as the survey pages compute them
    codes = dict(community.company_items)
    surveys, tables = [], []
    for rnd in published_rounds(records.surveys, now, tz):
        st = compute_round(rnd, None, cal, today)
        main = tuple(MainItem(r.rank, r.item.no, r.item.text, r.item.topic, r.item.dissatisfied,
                              r.share, r.cumulative, codes.get(r.item.text))
                     for r in st.pareto if r.main)
        surveys.append(SurveyFigures(st.round, st.delivered_on, st.delivered, st.returned,
                                     st.return_rate, st.return_ok, st.penalty, st.overall.raw_rate,
                                     st.overall.adjusted_rate, main))
        tables.append(RoundTable(st.round, st.penalty, tuple(_item_row(i, codes) for i in st.items),
                                 _item_row(st.overall, codes)))

    # escalated opinions (上报, P5.4.2): each summary's decisions, as the summary PDF reads them
    by_month = visits_by_month(at.visits, tz)
    public = {digits(p) for p in (community.office.hotline, community.office.complaint_hotline,
                                  *(s.phone for s in community.staff)) if p}
    rooms: set[tuple[str, str, str]] | None = None
    escalated = []
    for summary in sorted(at.visit_summaries, key=lambda s: s.month):
        if not any(d.decision == "上报" for d in summary.decisions):
            continue
        if rooms is None:
            rooms = registry_rooms(households)
        ms = month_summary(summary.month, households, by_month.get(summary.month, []), [summary], tz)
        for o in ms.escalated:
            visited = o.visit.time.astimezone(tz).date() if o.visit.time is not None else first_day(ms.month)
            escalated.append(EscalatedOpinion(
                ms.month, o.visit.id, visited, summary.submitted, (today - visited).days, o.topic,
                redact(o.text, rooms, public), redact(o.note, rooms, public) if o.note else None))

    pub = PublicFigures(community.id, community.name, period,
                        len(occupied_on(households, today)), tuple(quota), quota_now, cases,
                        tuple(surveys), tuple(overdue))
    return OfficeFigures(pub, CompanyFigures(tuple(tables), tuple(escalated), company_cases))
