"""Survey round arithmetic (问卷调查, PROCEDURE.md P5.5–P5.7).

Everything here is exact: counts are ``int``, rates, shares and percentages are
:class:`fractions.Fraction` **in percent** (``Fraction(115, 2)`` is 57.5 %). Rounding happens
only for display, in :func:`pct` (1 decimal, half up — 四舍五入).

* :func:`parse_answer` reads one questionnaire line of ``answers.yaml`` (满 基 不 空, several
  ticks in brackets such as ``(满不)``) — ticks are kept as ticked, abstentions are computed
  (SURVEY-ABSTAIN, P5.6.3);
* :func:`satisfaction_rate` is SURVEY-RATE (P5.6.1), :func:`penalty_points` and
  :func:`adjusted_rate` SURVEY-PENALTY (P5.6.2);
* :func:`pareto` is SURVEY-PARETO (P5.6.4), :func:`needs` SURVEY-NEEDS (P5.6.5);
* :func:`deadlines` gives the working-day deadlines of SURVEY-COLLECT-15WD,
  SURVEY-ANALYSIS-30WD and SURVEY-ANNOUNCE-30WD;
* :func:`distribution` is SURVEY-DISTRIBUTION (P5.5.2);
* :func:`compute_round` puts it all together for one round: a :class:`RoundStats`.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction

from hcomm_gen.core.registry import declare
from hcomm_gen.domain.terms import TOPICS
from hcomm_gen.domain.workdays import UnknownYear, WorkCalendar
from hcomm_gen.records.models import SurveyRound

SATISFIED, BASIC, DISSATISFIED, BLANK = "满", "基", "不", "空"
#: the three boxes of every item, in the questionnaire's order
CHOICES = (SATISFIED, BASIC, DISSATISFIED)

RETURN_MIN = Fraction(60)          #: SURVEY-RETURN-60: minimum return rate, percent
PENALTY_PER_POINT = 5              #: SURVEY-PENALTY: rate points lost per return point short
PARETO_LIMIT = Fraction(80)        #: SURVEY-PARETO: cumulative share limit, percent
COLLECT_WD = 15                    #: SURVEY-COLLECT-15WD, working days after delivery
ANALYSIS_WD = 30                   #: SURVEY-ANALYSIS-30WD, working days after delivery
ANNOUNCE_WD = 30                   #: SURVEY-ANNOUNCE-30WD, working days after delivery

_OPEN, _CLOSE = "(（", ")）"

#: one item's answer: the boxes ticked, in CHOICES order; () is blank
Ticks = tuple


class AnswerError(ValueError):
    """A questionnaire line that cannot be read.

    :param offset: 0-based index of the bad character in the line.
    :param zh: / :param en: what was found and what is expected.
    """

    def __init__(self, offset: int, zh: str, en: str):
        super().__init__(en)
        self.offset, self.zh, self.en = offset, zh, en


def _ticks(chars: Iterable[str]) -> Ticks:
    got = set(chars)
    return tuple(c for c in CHOICES if c in got)


def parse_answer(text: str) -> list[Ticks]:
    """One line of ``answers.yaml`` → one :data:`Ticks` per item, in item order.

    ``满``/``基``/``不`` is one tick, ``空`` a blank item (``()``), ``(满不)`` several ticks
    (full-width brackets allowed). Spaces are ignored, so ``满满基不 满基`` may be grouped.

    :raises AnswerError: an unknown character, an unclosed or empty bracket, a box ticked
        twice in one bracket, or ``空`` inside a bracket (with the offending offset).
    """
    out: list[Ticks] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in CHOICES:
            out.append((ch,))
        elif ch == BLANK:
            out.append(())
        elif ch in _OPEN:
            j = i + 1
            inner: list[str] = []
            while j < n and text[j] not in _CLOSE:
                c = text[j]
                if c.isspace():
                    j += 1
                    continue
                if c not in CHOICES:
                    raise AnswerError(j, f"括号里的“{c}”不是可勾选的答案；括号里只能写 满、基、不 中的两个或三个。",
                                      f"'{c}' inside brackets is not a box; write two or three of 满 基 不.")
                if c in inner:
                    raise AnswerError(j, f"括号里“{c}”写了两次。",
                                      f"'{c}' is written twice inside the brackets.")
                inner.append(c)
                j += 1
            if j >= n:
                raise AnswerError(i, "括号没有闭合：多选要写成 (满不) 这样，前后都有括号。",
                                  "Unclosed bracket: write several ticks like (满不).")
            if not inner:
                raise AnswerError(i, "括号里是空的。未选的题目请写“空”。",
                                  "Empty brackets. Write 空 for an item left blank.")
            out.append(_ticks(inner))
            i = j
        elif ch in _CLOSE:
            raise AnswerError(i, "多了一个右括号。", "A closing bracket without an opening one.")
        else:
            raise AnswerError(i, f"“{ch}”不是答案。每题写一个字：满（满意）、基（基本满意）、不（不满意）、空（未选），"
                                 "多选写成 (满不)。",
                              f"'{ch}' is not an answer. One character per item: 满 基 不 空, several "
                              "ticks in brackets like (满不).")
        i += 1
    return out


def format_answer(answers: Sequence[Ticks]) -> str:
    """Inverse of :func:`parse_answer`: ``[("满",), (), ("满", "不")]`` → ``满空(满不)``."""
    out = []
    for t in answers:
        if not t:
            out.append(BLANK)
        elif len(t) == 1:
            out.append(t[0])
        else:
            out.append("(" + "".join(t) + ")")
    return "".join(out)


# --- rates ---------------------------------------------------------------------------------

declare("SURVEY-RATE", kind="formula", clause="P5.6.1", zh="满意率按规程公式计算", en="satisfaction rate formula",
        doc="`satisfaction_rate`: (满意 + 基本满意) / (满意 + 基本满意 + 不满意) × 100 %, exact, per item "
            "and pooled overall; an item with every answer abstaining has no rate (—), not 0 %")


def satisfaction_rate(satisfied: int, basic: int, dissatisfied: int) -> Fraction | None:
    """SURVEY-RATE (P5.6.1): (满意 + 基本满意) / (满意 + 基本满意 + 不满意) × 100, in percent.

    Abstentions are not passed in (SURVEY-ABSTAIN). ``None`` when nothing was counted
    (every answer abstained): there is no rate, not 0 %.
    """
    counted = satisfied + basic + dissatisfied
    if counted == 0:
        return None
    return Fraction(100 * (satisfied + basic), counted)


def return_rate(returned: int, delivered: int) -> Fraction | None:
    """Return rate = returned / delivered × 100, in percent (exact); ``None`` if none delivered."""
    if delivered <= 0:
        return None
    return Fraction(100 * returned, delivered)


declare("SURVEY-PENALTY", kind="formula", clause="P5.6.2", zh="回收率每低 1 个百分点满意率降低 5 个百分点",
        en="return-rate penalty",
        doc="`penalty_points`, `adjusted_rate`: return rate below 60 %: adjusted = max(0, raw − 5 × "
            "(60 − return %)), linear in the shortfall, shown beside the raw rate; never below 0")


def penalty_points(rate: Fraction | None) -> Fraction:
    """SURVEY-PENALTY (P5.6.2): percentage points taken off every satisfaction rate:
    5 × (60 − return %) when the return rate is below 60 %, else 0. Linear in the shortfall
    (57.5 % → 12.5 points)."""
    if rate is None or rate >= RETURN_MIN:
        return Fraction(0)
    return PENALTY_PER_POINT * (RETURN_MIN - rate)


def adjusted_rate(raw: Fraction | None, penalty: Fraction) -> Fraction | None:
    """SURVEY-PENALTY: adjusted = max(0, raw − penalty), percent; ``None`` stays ``None``."""
    if raw is None:
        return None
    return max(Fraction(0), raw - penalty)


def pct(value: Fraction | int | None, decimals: int = 1) -> str:
    """Display form of an exact percentage: 1 decimal, half up (``Fraction(183, 2)`` → ``91.5``);
    ``None`` → ``—``. The only place where rates are rounded."""
    if value is None:
        return "—"
    scale = 10 ** decimals
    n = math.floor(Fraction(value) * scale + Fraction(1, 2))
    whole, frac = divmod(n, scale)
    return f"{whole}.{frac:0{decimals}d}" if decimals else str(whole)


def frac_text(value: Fraction | None) -> str:
    """Exact value as text for the CSV: ``115/2``, ``60``; ``None`` → empty."""
    if value is None:
        return ""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


# --- per item ------------------------------------------------------------------------------

declare("SURVEY-ABSTAIN", kind="formula", clause="P5.6.3", zh="未选或多选按弃权处理", en="blank or multiple ticks abstain",
        doc="`item_stats`: an item left blank or with two or more ticks is an abstention, left out "
            "of that item's counts and rate")


@dataclass
class ItemStats:
    """Counts of one item (or of the pooled answers, ``no == 0``).

    Counts are questionnaires; ``blank`` and ``multiple`` together are the abstentions
    (SURVEY-ABSTAIN), left out of the rate. Rates are percent (Fraction) or ``None``.
    """

    no: int
    text: str
    topic: str | None = None
    satisfied: int = 0
    basic: int = 0
    dissatisfied: int = 0
    blank: int = 0
    multiple: int = 0
    penalty: Fraction = Fraction(0)

    @property
    def abstained(self) -> int:
        return self.blank + self.multiple

    @property
    def counted(self) -> int:
        return self.satisfied + self.basic + self.dissatisfied

    @property
    def total(self) -> int:
        return self.counted + self.abstained

    @property
    def raw_rate(self) -> Fraction | None:
        return satisfaction_rate(self.satisfied, self.basic, self.dissatisfied)

    @property
    def adjusted_rate(self) -> Fraction | None:
        return adjusted_rate(self.raw_rate, self.penalty)

    def add(self, ticks: Ticks) -> None:
        """Count one questionnaire's answer to this item."""
        if not ticks:
            self.blank += 1
        elif len(ticks) > 1:
            self.multiple += 1
        elif ticks[0] == SATISFIED:
            self.satisfied += 1
        elif ticks[0] == BASIC:
            self.basic += 1
        else:
            self.dissatisfied += 1


def item_stats(items: Sequence, answers: Sequence[Sequence[Ticks]], penalty: Fraction = Fraction(0)
               ) -> tuple[list[ItemStats], ItemStats]:
    """Per-item counts and the pooled "overall" counts (all items' answers added together —
    the definition of the overall rate used on every table).

    :param items: objects with ``no``, ``text``, ``topic`` (questionnaire order).
    :param answers: one list of :data:`Ticks` per questionnaire, ``len(items)`` long (shorter
        lines count the missing items as blank; extra answers are ignored — the validator
        reports both).
    :param penalty: SURVEY-PENALTY points applied to every rate.
    """
    stats = [ItemStats(it.no, it.text, it.topic, penalty=penalty) for it in items]
    for q in answers:
        for k, st in enumerate(stats):
            st.add(q[k] if k < len(q) else ())
    overall = ItemStats(0, "总体（全部项目答案合计）", None, penalty=penalty)
    for st in stats:
        overall.satisfied += st.satisfied
        overall.basic += st.basic
        overall.dissatisfied += st.dissatisfied
        overall.blank += st.blank
        overall.multiple += st.multiple
    return stats, overall


# --- Pareto --------------------------------------------------------------------------------

@dataclass
class ParetoRow:
    """One line of the Pareto table: ``share`` and ``cumulative`` are exact percent of all
    dissatisfied answers; ``main`` marks a main improvement item (主要改进事项)."""

    rank: int
    item: ItemStats
    share: Fraction
    cumulative: Fraction
    main: bool


declare("SURVEY-PARETO", kind="formula", clause="P5.6.4", zh="累积百分率 80% 以内为主要改进事项",
        en="main items by cumulative 80 %",
        doc="`pareto`: items by dissatisfied count (ties: questionnaire order); exact cumulative "
            "shares of all dissatisfied answers; ≤ 80 % are the main items, the first item alone if "
            "it exceeds 80 %; an item with no dissatisfied answer is never a main item")


def pareto(stats: Sequence[ItemStats]) -> list[ParetoRow]:
    """SURVEY-PARETO (P5.6.4).

    Items ordered by dissatisfied count, most first; ties keep questionnaire order (the
    order of ``stats``; the sort is stable). Share = item's dissatisfied / all dissatisfied,
    cumulated down the list, exact. Main items: those with cumulative share ≤ 80 % (an item
    exactly at 80 % is one); if the first item alone exceeds 80 %, it alone is main. Items
    without any dissatisfied answer are never main items. No dissatisfied answers at all → no
    main items (and shares 0).
    """
    ordered = sorted(stats, key=lambda s: -s.dissatisfied)
    total = sum(s.dissatisfied for s in ordered)
    rows: list[ParetoRow] = []
    cum = Fraction(0)
    for rank, st in enumerate(ordered, 1):
        share = Fraction(100 * st.dissatisfied, total) if total else Fraction(0)
        cum += share
        main = st.dissatisfied > 0 and (cum <= PARETO_LIMIT or rank == 1)
        rows.append(ParetoRow(rank, st, share, cum, main))
    return rows


# --- needs ---------------------------------------------------------------------------------

declare("SURVEY-NEEDS", kind="formula", clause="P5.6.5", zh="分析业户建议，确定主要需求",
        en="suggestions classified by topic",
        doc="`needs`: written suggestions counted by topic, most first (ties in the order of P3; "
            "no topic counts under 其他)")


def needs(suggestions: Iterable) -> list[tuple[str, int]]:
    """SURVEY-NEEDS (P5.6.5): written suggestions counted by topic, most first; ties in the
    order of the ten topics of P3; suggestions without a topic count under 其他.

    :param suggestions: objects with a ``topic`` attribute.
    :returns: ``[(topic, count), …]``.
    """
    counts = Counter((s.topic or "其他") for s in suggestions)
    order = {t: i for i, t in enumerate(TOPICS)}
    return sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0]))


# --- deadlines -----------------------------------------------------------------------------

@dataclass
class Deadline:
    """One deadline: ``due`` (the N-th working day after delivery, ``None`` if the calendar
    does not know the year), the recorded ``done`` date, the written ``reason`` for doing it
    late (if any), and ``state``: ``met``, ``late``, ``late_explained`` (late, with the
    reason), ``missing`` (not done and due has passed), ``open`` (not done, not yet due) or
    ``unknown`` (calendar year unknown; ``error`` is the :class:`UnknownYear`,
    ``message_zh``/``message_en`` say why)."""

    rule: str
    label: str
    workdays: int
    due: date | None
    done: date | None
    today: date | None = None
    error: UnknownYear | None = None
    reason: str | None = None

    @property
    def message_zh(self) -> str:
        return self.error.zh() if self.error else ""

    @property
    def message_en(self) -> str:
        return self.error.en() if self.error else ""

    @property
    def state(self) -> str:
        if self.due is None:
            return "unknown"
        if self.done is not None:
            if self.done <= self.due:
                return "met"
            return "late_explained" if (self.reason or "").strip() else "late"
        if self.today is not None and self.today > self.due:
            return "missing"
        return "open"

    @property
    def state_zh(self) -> str:
        return {"met": "按期完成", "late": "逾期完成", "late_explained": "逾期（已说明原因）",
                "missing": "逾期未完成", "open": "未到期", "unknown": "无法计算"}[self.state]


def deadlines(calendar: WorkCalendar, rnd, today: date | None = None) -> list[Deadline]:
    """The three deadlines of a round, counted in working days from ``rnd.delivered_on``
    (PROCEDURE.md Time: the N-th working day after D, D not counted; 调休 included):
    collection (SURVEY-COLLECT-15WD, 15), analysis (SURVEY-ANALYSIS-30WD, 30) and
    announcement (SURVEY-ANNOUNCE-30WD, 30).

    Never raises: a year the calendar does not know gives ``due=None`` with the message of
    :class:`~hcomm_gen.domain.workdays.UnknownYear`.
    """
    def why(name: str):  # the reason written for a late step (a round without the field: none)
        return getattr(rnd, name, None)

    spec = [("SURVEY-COLLECT-15WD", "问卷回收", COLLECT_WD, rnd.collection_end, why("collection_late_reason")),
            ("SURVEY-ANALYSIS-30WD", "统计分析（问卷结果统计表）", ANALYSIS_WD, rnd.analysis_done,
             why("analysis_late_reason")),
            ("SURVEY-ANNOUNCE-30WD", "整改措施公示", ANNOUNCE_WD, rnd.announced, why("announcement_late_reason"))]
    out = []
    for rule, label, n, done, reason in spec:
        try:
            due = calendar.add_workdays(rnd.delivered_on, n)
            out.append(Deadline(rule, label, n, due, done, today, reason=reason))
        except UnknownYear as exc:
            out.append(Deadline(rule, label, n, None, done, today, exc, reason=reason))
    return out


# --- distribution --------------------------------------------------------------------------

@dataclass
class Distribution:
    """SURVEY-DISTRIBUTION (P5.5.2) on the delivery date: ``occupied`` households,
    questionnaires ``delivered``, the registry units with occupied households
    (``required_units``, names like ``3栋2单元``), those not covered (``missed_units``) and
    listed units the registry does not have (``unknown_units``)."""

    occupied: int
    delivered: int
    required_units: list[str]
    missed_units: list[str]
    unknown_units: list[str]

    @property
    def ok(self) -> bool:
        return self.occupied == self.delivered and not self.missed_units


def registry_units(registry) -> list[str]:
    """Every unit of the registry as ``楼栋单元`` (``3栋2单元``), buildings' order first, then
    any unit that only appears on a household."""
    names = [f"{b.building}{u}" for b in registry.buildings for u in b.units]
    for h in registry.households:
        if h.unit_name not in names:
            names.append(h.unit_name)
    return names


def distribution(registry, rnd) -> Distribution:
    """SURVEY-DISTRIBUTION for round ``rnd`` against the household ``registry``.

    A unit is required when at least one of its households is occupied on the delivery date.
    ``rnd.units`` may name a unit (``3栋2单元``) or a whole building (``3栋``).
    """
    day = rnd.delivered_on
    occupied_hh = [h for h in registry.households if h.occupied_on(day)]
    occupied_units = {h.unit_name for h in occupied_hh}
    units = registry_units(registry)
    required = [u for u in units if u in occupied_units]
    buildings = {b.building: [f"{b.building}{u}" for u in b.units] for b in registry.buildings}
    covered: set[str] = set()
    unknown: list[str] = []
    for name in rnd.units:
        if name in units:
            covered.add(name)
        elif name in buildings:
            covered.update(buildings[name])
        else:
            unknown.append(name)
    missed = [u for u in required if u not in covered]
    return Distribution(len(occupied_hh), rnd.delivered, required, missed, unknown)


# --- the whole round -----------------------------------------------------------------------

@dataclass
class RoundStats:
    """Everything computed for one survey round (the 问卷结果统计表).

    ``return_rate`` and ``penalty`` are percent / percentage points (Fraction);
    ``items``/``overall`` per :func:`item_stats`; ``pareto`` per :func:`pareto`;
    ``needs`` per :func:`needs`; ``deadlines`` per :func:`deadlines`.
    """

    round: str
    delivered_on: date
    delivered: int
    returned: int
    return_rate: Fraction | None
    penalty: Fraction
    items: list[ItemStats]
    overall: ItemStats
    pareto: list[ParetoRow]
    needs: list[tuple[str, int]]
    deadlines: list[Deadline]
    distribution: Distribution | None
    measures: list = field(default_factory=list)
    record: SurveyRound | None = None

    @property
    def return_ok(self) -> bool:
        """SURVEY-RETURN-60: returned ≥ 60 % of delivered."""
        return self.return_rate is not None and self.return_rate >= RETURN_MIN

    @property
    def main_items(self) -> list[ItemStats]:
        return [r.item for r in self.pareto if r.main]

    def measures_for(self, no: int) -> list:
        return [m for m in self.measures if m.item == no]


def parse_answers(lines: Sequence[str]) -> list[list[Ticks]]:
    """Parse every line, skipping lines that cannot be read (the validator reports those)."""
    out = []
    for line in lines:
        try:
            out.append(parse_answer(line))
        except AnswerError:
            continue
    return out


def compute_round(rnd, registry=None, calendar: WorkCalendar | None = None,
                  today: date | None = None) -> RoundStats:
    """The statistics of survey round ``rnd`` (a :class:`~hcomm_gen.records.models.SurveyRound`
    with its answers attached, or any object with the same attributes).

    :param registry: household registry for SURVEY-DISTRIBUTION (``None``: not computed).
    :param calendar: work calendar for the deadlines (default: the library's, no declarations).
    :param today: local date for the deadline states (``missing`` vs ``open``).
    """
    ans = rnd.answers
    lines = list(ans.answers) if ans is not None else []
    suggestions = list(ans.suggestions) if ans is not None else []
    parsed = parse_answers(lines)
    returned = len(lines)
    rate = return_rate(returned, rnd.delivered)
    pen = penalty_points(rate)
    items, overall = item_stats(rnd.items, parsed, pen)
    return RoundStats(
        round=str(rnd.round), delivered_on=rnd.delivered_on, delivered=rnd.delivered,
        returned=returned, return_rate=rate, penalty=pen, items=items, overall=overall,
        pareto=pareto(items), needs=needs(suggestions),
        deadlines=deadlines(calendar or WorkCalendar(), rnd, today),
        distribution=distribution(registry, rnd) if registry is not None else None,
        measures=list(rnd.measures), record=rnd)


def local_today(now: datetime | date | None, tz=None) -> date | None:
    if now is None:
        return None
    if isinstance(now, datetime):
        return (now.astimezone(tz) if tz is not None else now).date()
    return now


def published_rounds(rounds: Iterable, now: datetime | date, tz=None) -> list:
    """Rounds whose results are published as of ``now`` (NOTICE-SURVEY-RESULT): answers
    attached and the analysis done on or before today. Sorted by round (oldest first)."""
    today = local_today(now, tz)
    return sorted((r for r in rounds if r.answers is not None and r.analysis_done is not None
                   and r.analysis_done <= today), key=lambda r: str(r.round))
