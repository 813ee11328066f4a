"""One example per registered rule, keyed by rule ID (run by tests/rules/test_registry.py).

* ``EXAMPLES[ID]`` (kinds "check" and "format"): a small office (tests/helpers.py make_office)
  where the rule passes, and one where it fails with ID at the expected line of the expected
  file, as of ``now``;
* ``FORMULAS[ID]`` (kind "formula"): the domain function on a hand-computed input, and the
  exact value worked out by hand from PROCEDURE.md.

The small office (helpers.HOUSEHOLDS): 10 households, 8 occupied from 2020 until 2026-07-01
(1-1-0101 moves in 2026-07-02, 1-2-0202 vacant).
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

from helpers import (
    COMMUNITY,
    HOUSEHOLDS,
    MEETING,
    OUTAGE,
    PEST,
    SURVEY_ROUND,
    VISIT,
    make_office,
)
from test_rules_cases import ANON, COMPLAINT, FOUND, INVALID, PROPERTY, SUGGESTION_CASE
from test_rules_notices import (
    CONTRACT,
    EMERGENCY,
    EVENT,
    FEE,
    FINANCE,
    PUBLICITY,
    STATEMENT,
    TIMED,
    WORKS,
)

from hcomm_gen.domain.survey import (
    ItemStats,
    adjusted_rate,
    item_stats,
    needs,
    pareto,
    penalty_points,
    satisfaction_rate,
)
from hcomm_gen.domain.terms import TOPICS
from hcomm_gen.domain.visits import month_quota, topic_counts_by_year
from hcomm_gen.records.loader import load_records

Text = str | bytes


@dataclass(frozen=True)
class Example:
    """A passing and a failing office for one rule.

    :ivar now: ``--now`` of both checks (community time).
    :ivar good: / :ivar bad: ``{path under records/: text}``.
    :ivar at: ``(path under records/ of the failing office, needle)``: the rule is reported on
        the first line of that file's text containing ``needle`` (an ``int``: that line).
    :ivar community: community.yaml of both offices; ``bad_community`` of the failing one.
    """

    now: str
    good: dict[str, Text]
    bad: dict[str, Text]
    at: tuple[str, str | int]
    community: str = COMMUNITY
    bad_community: str | None = None
    households: str | None = HOUSEHOLDS
    files: dict[str, Text] = field(default_factory=dict)  # in both offices


NOW = "2026-04-10 12:00"
N, C, S = "notices/2026/n.yaml", "cases/2026/c.yaml", "suggestions/2026/s.yaml"
V, VS = "visits/2026/2026-03/v1.yaml", "visit-summaries/2026/2026-03.yaml"
R, A = "surveys/2026-06/round.yaml", "surveys/2026-06/answers.yaml"
SURVEY_NOW = "2026-11-29 12:00"

# a change to the OUTAGE notice (03-05 09:00–17:00), {times}: its new start/end lines
CHANGE = """\
changes:
  - at: 2026-03-03 10:00
    type: 改期
    text: 水箱清洗推迟一天。
{times}"""
QUARTERLY = COMMUNITY + "finance_period: quarterly\n"
CALENDAR_2027 = COMMUNITY + "calendar:\n  2027:\n    holidays: [2027-01-01]\n    workdays: [2027-02-07]\n"
SUMMARY = """\
month: 2026-03
submitted: 2026-04-05
supervisor: 林主管
decisions:
  - {visit: V-1, opinion: 1, decision: 采纳, note: 楼道每日清扫两次}
"""
# 5 questionnaires returned of 8 delivered = 62.5 % (≥ 60 %)
ANSWERS = """\
answers:
  - 满不满
  - 满不基
  - 基不不
  - 满满满
  - 满基满
"""
# 4 of 8 = 50 % < 60 %
ANSWERS_4 = ANSWERS.replace("  - 满基满\n", "")
SURVEY = {R: SURVEY_ROUND, A: ANSWERS}


def survey(round_text: str = SURVEY_ROUND, answers: str | None = ANSWERS) -> dict[str, str]:
    return {R: round_text, **({A: answers} if answers is not None else {})}


def notice(text: str) -> dict[str, str]:
    return {N: text}


def drop(text: str, line: str) -> str:
    """``text`` without the line starting with ``line``."""
    out = [ln for ln in text.splitlines(keepends=True) if not ln.startswith(line)]
    assert len(out) == len(text.splitlines()) - 1, line
    return "".join(out)


EXAMPLES: dict[str, Example] = {
    # --- record format
    "YAML-SYNTAX": Example(NOW, notice(PEST), notice(PEST.replace("title: 灭鼠通知", "title：灭鼠通知")),
                           (N, "title：")),
    # GBK bytes: the first byte that is not UTF-8 is 灭 on line 3 (title)
    "YAML-ENCODING": Example(NOW, {N: PEST.encode("utf-8-sig")}, {N: PEST.encode("gbk")}, (N, 3)),
    "YAML-DUPLICATE-KEY": Example(NOW, notice(PEST), notice(PEST + "title: 第二个标题\n"),
                                  (N, "title: 第二个标题")),
    "RECORD-FIELD": Example(NOW, notice(PEST),
                            notice(PEST.replace("start: 2026-03-05 09:00", "start: 2026/3/5 9:00")),
                            (N, "start:")),
    "RECORD-REF": Example(NOW, {C: COMPLAINT}, {C: COMPLAINT.replace("household: 1-1-0102", "household: 9-9-0909")},
                          (C, "household:")),
    "RECORD-ID": Example(NOW, notice(PEST), notice(PEST.replace("id: N-2", "id: N/2")), (N, "id:")),
    # 2026-12-31 declared under 2027
    "CALENDAR-YEAR": Example(NOW, {}, {}, ("community.yaml", "holidays"), community=CALENDAR_2027,
                             bad_community=CALENDAR_2027.replace("[2027-01-01]", "[2026-12-31]")),
    # an occupant's room (1栋1单元0102 is in the registry), name and mobile in a notice's body
    "PUBLIC-PRIVACY": Example(NOW, notice(OUTAGE.replace("body: 清洗水箱。", "body: 清洗水箱，3栋2单元部分住户请联系管理处。")),
                              notice(OUTAGE.replace("body: 清洗水箱。", "body: 请联系1栋1单元0102王秀英，电话13812345678")),
                              (N, "body:")),
    # --- channels and content
    "CHANNEL": Example(NOW, notice(PEST), notice(PEST.replace("[通知单, 标示]", "[通知单, 广播]")),
                       (N, "channels:")),
    "TOPIC": Example(NOW, {C: COMPLAINT}, {C: COMPLAINT.replace("topic: 维修", "topic: 水电")}, (C, "topic:")),
    # complete months Jan–Mar 2026 as of 2026-04-10: February has none, reported at January's
    "MEETING-MONTHLY": Example(
        NOW, {f"meetings/2026/2026-{m}-14.yaml": MEETING.format(m=m) for m in ("01", "02", "03")},
        {f"meetings/2026/2026-{m}-14.yaml": MEETING.format(m=m) for m in ("01", "03")},
        ("meetings/2026/2026-01-14.yaml", "date:")),
    # site_url missing: reported at the community's id (line 1)
    "SITE-URL": Example(NOW, {}, {}, ("community.yaml", 1),
                        bad_community=COMMUNITY.replace("site_url: https://t.example.cn/\n", "")),
    # a notice made by hcomm new whose body was not filled in (and the office's hotline of init --yes)
    "RECORD-PLACEHOLDER": Example(NOW, notice(OUTAGE), notice(OUTAGE.replace("body: 清洗水箱。", "body: 请填写原因。")),
                                  (N, "body:")),
    "RECEPTION-DAY": Example(NOW, {}, {}, ("community.yaml", "reception_day"),
                             bad_community=COMMUNITY.replace("end: 11:30", "end: 08:30")),
    # --- notices
    "NOTICE-PEST": Example(NOW, notice(PEST), notice(drop(PEST, "warning_signs:")), (N, "kind:")),
    "NOTICE-OUTAGE": Example(NOW, notice(OUTAGE), notice(drop(OUTAGE, "actions:")), (N, "kind:")),
    # began 03-05 06:40; published 03-06 07:21 = 24 h 41 min later (> 24 h)
    "NOTICE-EMERGENCY": Example(NOW, notice(EMERGENCY),
                                notice(EMERGENCY.replace("published: 2026-03-05 07:20", "published: 2026-03-06 07:21")),
                                (N, "published:")),
    # published at the very start: not before it
    "NOTICE-EVENT": Example(NOW, notice(EVENT),
                            notice(EVENT.replace("published: 2026-03-01 09:00", "published: 2026-03-05 19:00")),
                            (N, "published:")),
    "NOTICE-PUBLICITY": Example(NOW, notice(PUBLICITY), notice(PUBLICITY.replace("[宣传栏, 微信群]", "[微信群]")),
                                (N, "channels:")),
    # quarterly: Q2 (Apr–Jun) is due by 2026-07-31; as of 2026-08-10 Q1 and Q2 are due, Q3 not
    "NOTICE-FINANCE": Example(
        "2026-08-10 12:00",
        {"notices/2026/q1.yaml": FINANCE.format(p="2026-Q1", pub="2026-04-13 09:00"),
         "notices/2026/q2.yaml": FINANCE.format(p="2026-Q2", pub="2026-07-10 09:00")},
        {"notices/2026/q1.yaml": FINANCE.format(p="2026-Q1", pub="2026-04-13 09:00")},
        ("community.yaml", "finance_period"), community=QUARTERLY),
    # 收入合计 stated 1,200.76, the three lines give 1,200.75
    "FINANCE-TOTALS": Example("2026-04-20 12:00", notice(STATEMENT),
                              notice(STATEMENT.replace("收入合计　1,200.75 元", "收入合计　1,200.76 元")),
                              (N, "收入合计"), community=QUARTERLY),
    "NOTICE-SURVEY-RESULT": Example(SURVEY_NOW, survey(), survey(answers=None), (R, "analysis_done:")),
    "NOTICE-WORKS": Example(NOW, notice(WORKS), notice(drop(drop(WORKS, "areas:"), "warning_signs:")), (N, "kind:")),
    "NOTICE-FEE": Example(NOW, notice(FEE), notice(drop(FEE, "start:")), (N, "kind:")),
    "NOTICE-CONTRACT": Example(NOW, notice(CONTRACT), notice(drop(CONTRACT, "start:")), (N, "kind:")),
    # 2026-03-05 09:00–17:00; the body says 9:00至16:00 (on its 3rd line, inside the block)
    "NOTICE-BODY-TIMES": Example(NOW, notice(TIMED), notice(TIMED.replace("9:00至17:00", "9:00至16:00")),
                                 (N, "9:00至16:00")),
    # U+E000 (private use) is in no installed font: a warning where it is written
    "PRINT-GLYPH": Example(NOW, notice(PEST), notice(PEST.replace("title: 灭鼠通知", "title: 灭鼠通知\ue000")),
                           (N, "title:")),
    # a 改期 of the 03-05 water cut that gives no new time: reported at the item's first line
    "NOTICE-CHANGE": Example(NOW, notice(OUTAGE + CHANGE.format(times="    start: 2026-03-06 09:00\n")),
                             notice(OUTAGE + CHANGE.format(times="")), (N, "- at: 2026-03-03 10:00")),
    # outage minimum 1 day: published 03-04 10:00 for 03-05 09:00 = 23 h
    "NOTICE-LEAD": Example(NOW, notice(OUTAGE),
                           notice(OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-04 10:00")),
                           (N, "published:")),
    # --- cases
    # received 03-01 10:00; response 03-02 10:01 = 24 h 1 min
    "CASE-RESPONSE-24H": Example(NOW, {C: COMPLAINT},
                                 {C: COMPLAINT.replace("first_response: 2026-03-01 11:00",
                                                       "first_response: 2026-03-02 10:01")},
                                 (C, "first_response:")),
    "CASE-PROGRESS": Example(NOW, {C: SUGGESTION_CASE}, {C: drop(SUGGESTION_CASE, "feedback:")}, (C, "resolved:")),
    "CASE-VALID-FEEDBACK": Example(NOW, {C: COMPLAINT}, {C: drop(COMPLAINT, "feedback:")}, (C, "resolved:")),
    "CASE-INVALID-EXPLAIN": Example(NOW, {C: INVALID}, {C: drop(INVALID, "explanation:")}, (C, "valid:")),
    "CASE-PROPERTY": Example(NOW, {C: PROPERTY}, {C: drop(PROPERTY, "household:")}, (C, "kind:")),
    "CASE-FOUND": Example(NOW, {C: FOUND}, {C: drop(FOUND, "communicated_to:")}, (C, "kind:")),
    "SUGGESTION-ANONYMOUS": Example(NOW, {S: ANON}, {S: ANON + "phone: 13800000000\n"}, (S, "phone:")),
    # --- visits
    # 8 occupied on 2026-03-01 (≤ 300 → 4 %): ceil(8 × 4 %) = ceil(0.32) = 1 household; a return
    # visit does not count, so the bad March has 0 of 1 (reported at its first visit file)
    "VISIT-QUOTA": Example(NOW, {V: VISIT},
                           {V: VISIT + "return_visit: true\nfollows_case: C-1\n", C: COMPLAINT}, (V, "id:")),
    "VISIT-RECORD": Example(NOW, {V: VISIT}, {V: drop(VISIT, "visitor:")}, (V, "id:")),
    "VISIT-SIGNATURE": Example(NOW, {V: VISIT}, {V: drop(VISIT, "signature:")}, (V, "id:")),
    # visit 03-05 19:30, feedback due within 7 days (03-12 19:30); none by 04-10
    "VISIT-FEEDBACK": Example(
        NOW, {V: VISIT + "feedback_needed: true\nfeedback: {time: 2026-03-08 10:00, text: 已增加清扫}\n"},
        {V: VISIT + "feedback_needed: true\n"}, (V, "feedback_needed:")),
    "VISIT-MODE": Example(NOW, {V: VISIT}, {V: VISIT.replace("mode: 上门", "mode: 微信")}, (V, "mode:")),
    # booked for 19:30, visited 20:01: 31 minutes late (±30 allowed)
    "VISIT-APPOINTMENT": Example(NOW, {V: VISIT}, {V: VISIT.replace("time: 2026-03-05 19:30", "time: 2026-03-05 20:01")},
                                 (V, "time:")),
    "VISIT-2200": Example(NOW, {V: VISIT}, {V: VISIT.replace("19:30", "22:00")}, (V, "time:")),
    # the summary of 2026-03 is due by 2026-04-05
    "VISIT-SUMMARY": Example(NOW, {V: VISIT, VS: SUMMARY},
                             {V: VISIT, VS: SUMMARY.replace("submitted: 2026-04-05", "submitted: 2026-04-06")},
                             (VS, "submitted:")),
    "VISIT-ESCALATE": Example(NOW, {V: VISIT, VS: SUMMARY},
                              {V: VISIT, VS: SUMMARY.replace("decision: 采纳", "decision: 再议")}, (VS, "decision:")),
    # --- surveys (delivered Mon 2026-06-08: collection due 2026-06-30, analysis and
    # announcement due 2026-07-21, see helpers.SURVEY_ROUND)
    "SURVEY-SCHEDULE": Example(
        SURVEY_NOW, survey(),
        {"surveys/2026-05/round.yaml": SURVEY_ROUND.replace("2026-06", "2026-05")},
        ("surveys/2026-05/round.yaml", "delivered_on:")),
    "SURVEY-COLLECT-15WD": Example(SURVEY_NOW, survey(),
                                   survey(SURVEY_ROUND.replace("collection_end: 2026-06-30", "collection_end: 2026-07-01")),
                                   (R, "collection_end:")),
    # 8 occupied on 2026-06-08
    "SURVEY-DISTRIBUTION": Example(SURVEY_NOW, survey(), survey(SURVEY_ROUND.replace("delivered: 8", "delivered: 7")),
                                   (R, "delivered: 7")),
    # reported at the first questionnaire line
    "SURVEY-RETURN-60": Example(SURVEY_NOW, survey(), survey(answers=ANSWERS_4), (A, "- 满不满")),
    "SURVEY-ANALYSIS-30WD": Example(SURVEY_NOW, survey(),
                                    survey(SURVEY_ROUND.replace("analysis_done: 2026-07-21", "analysis_done: 2026-07-22")),
                                    (R, "analysis_done:")),
    "SURVEY-ANNOUNCE-30WD": Example(SURVEY_NOW, survey(),
                                    survey(SURVEY_ROUND.replace("announced: 2026-07-21", "announced: 2026-07-22")),
                                    (R, "announced:")),
    # company_items keyed by item text: 楼道清洁 is an item of the round, 楼道保洁 none
    "COMPANY-ITEMS": Example(SURVEY_NOW, survey(), survey(), ("community.yaml", "楼道保洁"),
                             community=COMMUNITY + "company_items:\n  楼道清洁: Q-03\n",
                             bad_community=COMMUNITY + "company_items:\n  楼道清洁: Q-03\n  楼道保洁: Q-04\n"),
    "SURVEY-ARCHIVE": Example(SURVEY_NOW, survey(SURVEY_ROUND + "quality_copy: 2026-07-21\n"),
                              survey(SURVEY_ROUND + "quality_copy: 2026-07-20\n"), (R, "quality_copy:")),
}


# --- formulas: (the domain function on a hand-computed input, the exact value by hand) -------

def _stats(*dissatisfied: int) -> list[ItemStats]:
    return [ItemStats(no, f"第{no}题", dissatisfied=d) for no, d in enumerate(dissatisfied, 1)]


def _pareto():
    # dissatisfied 2, 5, 2, 1 (total 10) → order 2, 1, 3, 4 (ties: questionnaire order);
    # shares 50, 20, 20, 10 %; cumulative 50, 70, 90, 100 → items 2 and 1 are main (≤ 80 %)
    return [(r.item.no, r.cumulative, r.main) for r in pareto(_stats(2, 5, 2, 1))]


def _abstain():
    # one item, four questionnaires: 满, blank, 满+不 (two ticks), 不 → counted 2 (满 1, 不 1),
    # abstained 2 (blank 1, multiple 1); rate = 1 / 2 × 100 = 50 %
    [st], _overall = item_stats([ItemStats(1, "门岗值守")], [[("满",)], [()], [("满", "不")], [("不",)]])
    return st.counted, st.abstained, st.raw_rate


def _visits(files: dict[str, str]):
    with tempfile.TemporaryDirectory() as tmp:
        return load_records(make_office(Path(tmp), files))


def _no_repeat():
    # three March visits: 1-1-0102 twice, 1-2-0101 once → 2 households, 3 visits
    twice = VISIT.replace("id: V-1", "id: V-2").replace("2026-03-05 19:30", "2026-03-20 19:00")
    other = VISIT.replace("id: V-1", "id: V-3").replace("household: 1-1-0102", "household: 1-2-0101")
    recs = _visits({V: VISIT, "visits/2026/2026-03/v2.yaml": twice, "visits/2026/2026-03/v3.yaml": other})
    q = month_quota("2026-03", recs.registry.households, recs.visits, recs.tz)
    return q.visited, q.visits


def _privacy():
    # the public figure of the one visit: its opinion counted under 保洁, nothing else
    recs = _visits({V: VISIT})
    now = datetime(2026, 4, 10, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    return topic_counts_by_year(recs.visits, now, recs.tz)


FORMULAS: dict[str, tuple[Callable[[], object], object]] = {
    # (2 + 1) / (2 + 1 + 4) × 100 = 300/7 %
    "SURVEY-RATE": (lambda: satisfaction_rate(2, 1, 4), Fraction(300, 7)),
    # return 57.5 % → 5 × (60 − 57.5) = 12.5 points; 80 − 12.5 = 67.5; 10 − 12.5 → 0 (never below)
    "SURVEY-PENALTY": (lambda: (penalty_points(Fraction(115, 2)), adjusted_rate(Fraction(80), Fraction(25, 2)),
                                adjusted_rate(Fraction(10), Fraction(25, 2)), penalty_points(Fraction(60))),
                       (Fraction(25, 2), Fraction(135, 2), Fraction(0), Fraction(0))),
    "SURVEY-ABSTAIN": (_abstain, (2, 2, Fraction(50))),
    "SURVEY-PARETO": (_pareto, [(2, Fraction(50), True), (1, Fraction(70), True), (3, Fraction(90), False),
                                (4, Fraction(100), False)]),
    # 保洁 twice; 绿化 and (no topic →) 其他 once each, in P3 order
    "SURVEY-NEEDS": (lambda: needs([type("S", (), {"topic": t})() for t in ("保洁", "绿化", "保洁", None)]),
                     [("保洁", 2), ("绿化", 1), ("其他", 1)]),
    "VISIT-NO-REPEAT": (_no_repeat, (2, 3)),
    "VISIT-PRIVACY": (_privacy, [("2026", [(t, 1 if t == "保洁" else 0) for t in TOPICS])]),
}
