"""Survey arithmetic (P5.5–P5.7) on small rounds computed by hand.

Every expected number below is worked out in the comment next to it from PROCEDURE.md:
SURVEY-RATE (P5.6.1), SURVEY-PENALTY (P5.6.2), SURVEY-ABSTAIN (P5.6.3), SURVEY-PARETO (P5.6.4),
SURVEY-NEEDS (P5.6.5), the working-day deadlines (P5.5.1, P5.6.6, P5.7.1) and
SURVEY-DISTRIBUTION (P5.5.2).
"""
from __future__ import annotations

from datetime import date
from fractions import Fraction
from types import SimpleNamespace as NS

import pytest

from hcomm_gen.domain.survey import (
    AnswerError,
    ItemStats,
    compute_round,
    deadlines,
    distribution,
    format_answer,
    needs,
    pareto,
    parse_answer,
    pct,
)
from hcomm_gen.domain.workdays import WorkCalendar
from hcomm_gen.records.models import Registry, SurveyAnswers, SurveyRound


def make_round(items: int, lines: list[str], delivered: int, *, delivered_on="2026-06-08",
               suggestions=(), **extra) -> SurveyRound:
    rnd = SurveyRound.model_validate({
        "round": delivered_on[:7], "delivered_on": delivered_on, "delivered": str(delivered),
        "items": [{"no": str(k), "topic": "保洁", "text": f"第{k}题"} for k in range(1, items + 1)],
        **extra})
    rnd._answers = SurveyAnswers.model_validate({"answers": lines, "suggestions": list(suggestions)})
    return rnd


# --- reading answers (SURVEY-ABSTAIN keeps ticks as ticked) ---------------------------------

def test_parse_answer_single_blank_and_multiple_ticks():
    assert parse_answer("满基不空(满不)（满基不）") == [
        ("满",), ("基",), ("不",), (), ("满", "不"), ("满", "基", "不")]
    assert parse_answer("满满 基不") == [("满",), ("满",), ("基",), ("不",)]
    # ticks are stored in box order whatever order they were typed
    assert parse_answer("(不满)") == [("满", "不")]
    assert format_answer(parse_answer("满空(基不)")) == "满空(基不)"


@pytest.mark.parametrize("text, offset", [("满x基", 1), ("满(满", 1), ("满()", 1), ("(满满)", 2),
                                          ("(满空)", 2), ("满)", 1)])
def test_parse_answer_errors_name_the_character(text, offset):
    with pytest.raises(AnswerError) as exc:
        parse_answer(text)
    assert exc.value.offset == offset


# --- SURVEY-RATE, SURVEY-PENALTY -------------------------------------------------------------

def test_return_rate_exactly_60_percent_has_no_penalty():
    # 6 returned of 10 delivered = 60 % exactly → penalty 0.
    # item 1: 3 满, 1 基, 2 不 → (3+1)/(3+1+2) = 4/6 = 66.66…% → shown 66.7
    rnd = make_round(1, ["满", "满", "满", "基", "不", "不"], delivered=10)
    s = compute_round(rnd)
    assert s.return_rate == Fraction(60)
    assert s.return_ok
    assert s.penalty == 0
    assert s.items[0].raw_rate == Fraction(200, 3)
    assert s.items[0].adjusted_rate == Fraction(200, 3)
    assert pct(s.items[0].adjusted_rate) == "66.7"


def test_return_rate_57_5_percent_costs_12_5_points_on_every_rate():
    # 23 returned of 40 = 57.5 % → 2.5 points short → penalty 5 × 2.5 = 12.5 points.
    # item 1: 15 满 5 基 3 不 → 20/23 = 86.956…%; adjusted 2000/23 − 25/2 = 3425/46 = 74.456…% → 74.5
    # item 2: 10 满 10 基 2 不 1 空 → 20/22 = 90.909…%; adjusted 1000/11 − 25/2 = 1725/22 = 78.409…% → 78.4
    # overall (pooled): 25 满 15 基 5 不 → 40/45 = 88.888…%; adjusted 800/9 − 25/2 = 1375/18 → 76.4
    item1 = ["满"] * 15 + ["基"] * 5 + ["不"] * 3
    item2 = ["满"] * 10 + ["基"] * 10 + ["不"] * 2 + ["空"]
    rnd = make_round(2, [a + b for a, b in zip(item1, item2, strict=True)], delivered=40)
    s = compute_round(rnd)
    assert s.return_rate == Fraction(115, 2) and pct(s.return_rate) == "57.5"
    assert not s.return_ok
    assert s.penalty == Fraction(25, 2)
    a, b = s.items
    assert (a.raw_rate, a.adjusted_rate) == (Fraction(2000, 23), Fraction(3425, 46))
    assert (pct(a.raw_rate), pct(a.adjusted_rate)) == ("87.0", "74.5")
    assert (b.raw_rate, b.adjusted_rate) == (Fraction(1000, 11), Fraction(1725, 22))
    assert (pct(b.raw_rate), pct(b.adjusted_rate)) == ("90.9", "78.4")
    assert b.blank == 1 and b.abstained == 1
    o = s.overall
    assert (o.satisfied, o.basic, o.dissatisfied, o.abstained) == (25, 15, 5, 1)
    assert (o.raw_rate, o.adjusted_rate) == (Fraction(800, 9), Fraction(1375, 18))
    assert pct(o.adjusted_rate) == "76.4"


def test_penalty_below_zero_is_clamped_to_zero():
    # 5 of 10 returned = 50 % → 10 points short → penalty 50 points.
    # item: 2 满 3 不 → raw 40 %; 40 − 50 = −10 → adjusted max(0, −10) = 0
    rnd = make_round(1, ["满", "满", "不", "不", "不"], delivered=10)
    s = compute_round(rnd)
    assert s.penalty == 50
    assert s.items[0].raw_rate == 40
    assert s.items[0].adjusted_rate == 0
    assert pct(s.items[0].adjusted_rate) == "0.0"


# --- SURVEY-ABSTAIN ----------------------------------------------------------------------------

def test_item_where_every_answer_abstains_has_no_rate():
    # item 2: blank, blank, (满不), (满基不) → 4 abstentions, nothing counted → no rate ("—"),
    # and it adds nothing to the pooled overall: overall = item 1 = 2 满 1 基 1 不 → 75 %.
    rnd = make_round(2, ["满空", "满空", "基(满不)", "不(满基不)"], delivered=4)
    s = compute_round(rnd)
    it = s.items[1]
    assert (it.blank, it.multiple, it.abstained, it.counted) == (2, 2, 4, 0)
    assert it.raw_rate is None and it.adjusted_rate is None
    assert pct(it.raw_rate) == "—"
    assert s.overall.raw_rate == 75
    assert s.overall.abstained == 4


def test_multiple_ticks_abstain_and_are_left_out_of_the_counts():
    # 满, 基, (满基), (基不), 不 → counted 满1 基1 不1 → 2/3 = 66.7 %; 2 multiple ticks abstain
    rnd = make_round(1, ["满", "基", "(满基)", "(基不)", "不"], delivered=5)
    it = compute_round(rnd).items[0]
    assert (it.satisfied, it.basic, it.dissatisfied, it.multiple, it.blank) == (1, 1, 1, 2, 0)
    assert it.raw_rate == Fraction(200, 3)


# --- SURVEY-PARETO -----------------------------------------------------------------------------

def _stats(*dissatisfied: int) -> list[ItemStats]:
    return [ItemStats(k, f"第{k}题", dissatisfied=d) for k, d in enumerate(dissatisfied, 1)]


def test_pareto_cumulative_share_exactly_80_percent_is_a_main_item():
    # dissatisfied 8, 3, 1, 1, 1, 1 of 15 → cumulative 8/15 = 53.3 %, 11/15 = 73.3 %,
    # 12/15 = 80 % exactly, then 86.7, 93.3, 100. Item 3 sits exactly at 80 % → main;
    # items 4–6 (tied with item 3, later in the questionnaire) are not.
    rows = pareto(_stats(8, 3, 1, 1, 1, 1))
    assert [r.item.no for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.cumulative for r in rows] == [Fraction(160, 3), Fraction(220, 3), 80,
                                            Fraction(260, 3), Fraction(280, 3), 100]
    assert [r.main for r in rows] == [True, True, True, False, False, False]
    # the float trap the exact fractions avoid: summed as float percentages item 3 would be out
    assert 100 * 8 / 15 + 100 * 3 / 15 + 100 * 1 / 15 == 80.00000000000001


def test_pareto_first_item_alone_above_80_percent_is_the_one_main_item():
    # 9 of 10 = 90 % > 80 % → item 2 alone is main; item 1 (10 %) is not
    rows = pareto(_stats(1, 9))
    assert [(r.item.no, r.share, r.main) for r in rows] == [(2, 90, True), (1, 10, False)]


def test_pareto_ties_keep_questionnaire_order():
    # dissatisfied: item1 2, item2 4, item3 2, item4 2 (total 10)
    # order: item2 (4), then the tied items in questionnaire order 1, 3, 4
    # cumulative 40, 60, 80, 100 → main items 2, 1, 3; item 4 (tied with them) is not
    rows = pareto(_stats(2, 4, 2, 2))
    assert [r.item.no for r in rows] == [2, 1, 3, 4]
    assert [r.rank for r in rows] == [1, 2, 3, 4]
    assert [r.item.no for r in rows if r.main] == [2, 1, 3]


def test_pareto_shares_in_thirds_stay_exact():
    # 1, 1, 1 of 3 → cumulative 100/3, 200/3, 100 → first two main
    rows = pareto(_stats(1, 1, 1))
    assert [r.cumulative for r in rows] == [Fraction(100, 3), Fraction(200, 3), 100]
    assert [r.main for r in rows] == [True, True, False]


def test_pareto_without_dissatisfied_answers_has_no_main_items():
    assert not any(r.main for r in pareto(_stats(0, 0)))
    # an item with 0 dissatisfied is never main even when the cumulative stays ≤ 80 %
    rows = pareto(_stats(3, 1, 0))  # 75, 100, 100
    assert [r.main for r in rows] == [True, False, False]


# --- SURVEY-NEEDS ------------------------------------------------------------------------------

def test_needs_counts_suggestions_by_topic():
    sug = [NS(topic="维修"), NS(topic="保安"), NS(topic="维修"), NS(topic=None), NS(topic="保安"),
           NS(topic="绿化")]
    # 维修 2 and 保安 2 tie → P3 order (保安 before 维修); no topic counts as 其他
    assert needs(sug) == [("保安", 2), ("维修", 2), ("绿化", 1), ("其他", 1)]


# --- deadlines (working days, 调休 included) ----------------------------------------------------

def test_deadlines_of_a_delivery_before_national_day_2026():
    # Official 2026 schedule (国办发明电〔2025〕…): 中秋节 Sep 25 (Fri)–27 off; 国庆节 Oct 1–7 off;
    # Sep 20 (Sun) and Oct 10 (Sat) are make-up working days.
    # Delivered Fri 2026-09-18; counting working days after it:
    #   Sep 20 (Sun, 调休) 1, 21 2, 22 3, 23 4, 24 5, [25–27 中秋], 28 6, 29 7, 30 8,
    #   [Oct 1–7 国庆], Oct 8 9, 9 10, 10 (Sat, 调休) 11, 12 12, 13 13, 14 14, 15 15
    #   → collection due Thu 2026-10-15;
    #   Oct 16 16, 19–23 17–21, 26–30 22–26, Nov 2 27, 3 28, 4 29, 5 30 → analysis/announcement
    #   due Thu 2026-11-05.
    rnd = NS(delivered_on=date(2026, 9, 18), collection_end=date(2026, 10, 15),
             analysis_done=date(2026, 11, 6), announced=None)
    col, ana, ann = deadlines(WorkCalendar(), rnd, today=date(2026, 11, 29))
    assert col.due == date(2026, 10, 15) and col.state == "met"
    assert ana.due == date(2026, 11, 5) and ana.state == "late"
    assert ann.due == date(2026, 11, 5) and ann.state == "missing"
    # the analysis done a day late with its reason written: 逾期（已说明原因）
    explained = NS(**vars(rnd), analysis_late_reason="统计人员病假")
    _, ana_r, _ = deadlines(WorkCalendar(), explained, today=date(2026, 11, 29))
    assert (ana_r.state, ana_r.state_zh, ana_r.reason) == ("late_explained", "逾期（已说明原因）", "统计人员病假")
    # Delivered Mon 2026-09-28: Sep 29 1, 30 2, Oct 8 3, 9 4, 10 (Sat) 5, 12–16 6–10, 19–23 11–15
    #   → collection due Fri 2026-10-23; Oct 26–30 16–20, Nov 2–6 21–25, 9–13 26–30 → Fri 2026-11-13
    rnd2 = NS(delivered_on=date(2026, 9, 28), collection_end=None, analysis_done=None, announced=None)
    col2, ana2, _ = deadlines(WorkCalendar(), rnd2, today=date(2026, 10, 20))
    assert (col2.due, ana2.due) == (date(2026, 10, 23), date(2026, 11, 13))
    assert col2.state == "open"


def test_deadline_in_an_unknown_year_is_reported_not_raised():
    # 2026-12-07 + 30 working days runs into 2027, which no calendar knows here
    rnd = NS(delivered_on=date(2026, 12, 7), collection_end=None, analysis_done=None, announced=None)
    col, ana, ann = deadlines(WorkCalendar({}), rnd)
    assert col.due == date(2026, 12, 28)  # Dec 8–11 1–4, 14–18 5–9, 21–25 10–14, 28 15
    assert ana.state == "unknown" and "2027" in ana.message_zh


# --- SURVEY-DISTRIBUTION -----------------------------------------------------------------------

REG = Registry.model_validate({
    "buildings": [{"building": "1栋", "units": ["1单元", "2单元"]},
                  {"building": "2栋", "units": ["1单元", "2单元"]}],
    "households": [
        {"id": "1-1-0101", "building": "1栋", "unit": "1单元", "room": "0101", "occupied_since": "2020-01-01"},
        {"id": "1-1-0102", "building": "1栋", "unit": "1单元", "room": "0102", "occupied_since": "2026-06-09"},
        {"id": "1-2-0101", "building": "1栋", "unit": "2单元", "room": "0101", "occupied_since": "2020-01-01",
         "moved_out": "2026-06-08"},
        {"id": "2-1-0101", "building": "2栋", "unit": "1单元", "room": "0101", "occupied_since": "2020-01-01"},
        {"id": "2-2-0101", "building": "2栋", "unit": "2单元", "room": "0101"},
    ]})


def test_delivered_differs_from_occupied_on_the_delivery_date():
    # on 2026-06-08: 1-1-0101 occupied, 1-1-0102 not yet (moves in on the 9th), 1-2-0101 still
    # occupied (moved_out is inclusive), 2-1-0101 occupied, 2-2-0101 vacant → 3 occupied
    rnd = make_round(1, [], delivered=4, units=["1栋", "2栋1单元"])
    d = distribution(REG, rnd)
    assert d.occupied == 3 and d.delivered == 4 and not d.ok
    # 2栋2单元 has nobody occupied, so it is not required
    assert d.required_units == ["1栋1单元", "1栋2单元", "2栋1单元"]
    assert d.missed_units == []


def test_a_unit_missed_is_named():
    rnd = make_round(1, [], delivered=3, units=["1栋1单元", "2栋1单元", "9栋1单元"])
    d = distribution(REG, rnd)
    assert d.occupied == 3
    assert d.missed_units == ["1栋2单元"]
    assert d.unknown_units == ["9栋1单元"]
    assert not d.ok
