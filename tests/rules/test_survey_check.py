"""`hcomm check` on survey rounds: SURVEY-* rules with positions, hand-checked.

The office of tests/office.py has 10 households; on 2026-06-08 eight are occupied
(1-1-0101 moves in on 2026-07-02, 1-2-0202 is vacant): 1栋1单元 3, 1栋2单元 3, 2栋1单元 2.
"""
from __future__ import annotations

from helpers import COMMUNITY, line_of, make_office

from hcomm_gen.app import pipeline

NOW = "2026-11-29 12:00"

# delivered Mon 2026-06-08. Working days after it: Jun 9–12 1–4, 15–18 5–8, [19 端午 Fri off],
# 22–26 9–13, 29 14, 30 15 → collection due Tue 2026-06-30; Jul 1–3 16–18, 6–10 19–23,
# 13–17 24–28, 20 29, 21 30 → analysis and announcement due Tue 2026-07-21.
from helpers import SURVEY_ROUND as ROUND  # noqa: E402

# 5 returned of 8 = 62.5 %. Dissatisfied: item 2 three, item 3 one → shares 75 %, 100 %:
# item 2 alone is main (75 % ≤ 80 %); item 3 is not (cumulative 100 %).
ANSWERS = """\
answers:
  - 满不满
  - 满不基
  - 基不不
  - 满满满
  - 满基满
suggestions:
  - {topic: 保洁, text: 楼道多打扫}
"""


def run(tmp_path, round_text=ROUND, answers=ANSWERS, now=NOW, **kw):
    files = {"surveys/2026-06/round.yaml": round_text}
    if answers is not None:
        files["surveys/2026-06/answers.yaml"] = answers
    root = make_office(tmp_path, files, **kw)
    return pipeline.check(root, now)


def survey_problems(res):
    return [p for p in res.problems if p.pos.path.endswith(("round.yaml", "answers.yaml", "community.yaml"))]


def test_a_round_that_follows_the_procedure_has_no_problems(tmp_path):
    assert survey_problems(run(tmp_path)) == []


def test_delivered_not_equal_to_occupied(tmp_path):
    # 7 delivered (5 returned = 71.4 %, no return problem) but 8 occupied on 2026-06-08
    res = run(tmp_path, ROUND.replace("delivered: 8", "delivered: 7"))
    (p,) = survey_problems(res)
    assert p.rule == "SURVEY-DISTRIBUTION" and p.severity == "error"
    assert p.pos.line == line_of(ROUND, "delivered: 8")
    assert "发放了 7 份" in p.zh and "已入住 8 户" in p.zh


def test_unit_missed_is_named(tmp_path):
    res = run(tmp_path, ROUND.replace("units: [1栋1单元, 1栋2单元, 2栋1单元]", "units: [1栋]"))
    (p,) = survey_problems(res)
    assert p.rule == "SURVEY-DISTRIBUTION" and "2栋1单元" in p.zh and "2栋1单元" in p.en
    assert p.pos.line == line_of(ROUND, "units:")


def test_announcement_late_and_main_item_without_measure(tmp_path):
    text = ROUND.replace("announced: 2026-07-21", "announced: 2026-07-22").replace(
        "  - {item: 2, measure: 楼道每日清扫两次, by: 2026-07-31}\n", "  - {item: 3, measure: 报修当天上门}\n")
    res = run(tmp_path, text)
    got = sorted((p.rule, p.pos.line) for p in survey_problems(res))
    assert got == [("SURVEY-ANNOUNCE-30WD", line_of(text, "no: 2")),
                   ("SURVEY-ANNOUNCE-30WD", line_of(text, "announced:"))]
    assert all(p.severity == "error" for p in res.problems)
    assert any("2026-07-21" in p.zh for p in res.problems)


def test_announcement_missing_only_after_its_deadline(tmp_path):
    text = ROUND.replace("announced: 2026-07-21\n", "")
    assert survey_problems(run(tmp_path / "a", text, now="2026-07-21 18:00")) == []
    res = run(tmp_path / "b", text, now="2026-07-22 09:00")
    (p,) = survey_problems(res)  # the main item (2) has its measure: only the date is missing
    assert p.rule == "SURVEY-ANNOUNCE-30WD" and "2026-07-21" in p.zh and "announced" in p.zh
    # without the measure as well, the main item is reported too
    res = run(tmp_path / "c", text.replace("measures:\n  - {item: 2, measure: 楼道每日清扫两次, by: 2026-07-31}\n", ""),
              now="2026-07-22 09:00")
    assert sorted(p.pos.line for p in survey_problems(res)) == [line_of(text, "delivered_on"),
                                                                 line_of(text, "no: 2")]


def test_analysis_late(tmp_path):
    res = run(tmp_path, ROUND.replace("analysis_done: 2026-07-21", "analysis_done: 2026-07-20").replace(
        "collection_end: 2026-06-30", "collection_end: 2026-07-01"))
    (p,) = survey_problems(res)
    assert p.rule == "SURVEY-COLLECT-15WD" and "2026-06-30" in p.zh


def test_return_below_60_percent_is_a_warning_with_the_penalty(tmp_path):
    # 4 of 8 returned = 50 % → penalty 5 × 10 = 50 points
    answers = "answers:\n  - 满不满\n  - 满不基\n  - 基不不\n  - 满满满\n"
    (p,) = survey_problems(run(tmp_path, answers=answers))
    assert (p.rule, p.severity) == ("SURVEY-RETURN-60", "warning")
    assert "50.0%" in p.zh and "50.0" in p.en


def test_bad_answer_character_reported_at_its_column(tmp_path):
    answers = ANSWERS.replace("  - 满不基\n", "  - 满x基\n")
    (p,) = survey_problems(run(tmp_path, answers=answers))
    assert p.rule == "RECORD-FIELD"
    assert (p.pos.line, p.pos.column) == (line_of(answers, "满x基"), 6)  # "  - 满x": x is column 6
    assert "第 2 份" in p.zh


def test_answer_with_wrong_number_of_items(tmp_path):
    answers = ANSWERS.replace("  - 满满满\n", "  - '满(满基)'\n")
    (p,) = survey_problems(run(tmp_path, answers=answers))
    assert p.rule == "RECORD-FIELD" and "2 个答案" in p.zh and "3 题" in p.zh


def test_round_outside_the_configured_months(tmp_path):
    text = ROUND.replace("round: 2026-06", "round: 2026-07").replace("delivered_on: 2026-06-08",
                                                                      "delivered_on: 2026-07-06")
    rules = {p.rule for p in survey_problems(run(tmp_path, text))}
    assert "SURVEY-SCHEDULE" in rules


def test_missing_december_round_after_december(tmp_path):
    assert survey_problems(run(tmp_path / "a", now="2026-12-31 12:00")) == []
    res = run(tmp_path / "b", now="2027-01-02 12:00",
              community=COMMUNITY + "calendar:\n  2027: {holidays: [2027-01-01]}\n")
    got = [p for p in survey_problems(res) if p.rule == "SURVEY-SCHEDULE"]
    assert len(got) == 1 and "2026-12" in got[0].zh


def test_deadline_in_unknown_year_is_a_calendar_problem_not_a_crash(tmp_path):
    # on 2026-12-07 nine households are occupied (1-1-0101 moved in in July)
    text = (ROUND.replace("round: 2026-06", "round: 2026-12").replace("delivered: 8", "delivered: 9")
            .replace("delivered_on: 2026-06-08", "delivered_on: 2026-12-07")
            .replace("collection_end: 2026-06-30", "collection_end: 2026-12-20")
            .replace("analysis_done: 2026-07-21\n", "").replace("announced: 2026-07-21\n", ""))
    files = {"surveys/2026-12/round.yaml": text}
    root = make_office(tmp_path, files)
    res = pipeline.check(root, "2026-12-29 12:00")
    rules = sorted(p.rule for p in res.problems)
    assert rules == ["CALENDAR-YEAR", "CALENDAR-YEAR"]
    assert "2027" in res.problems[0].zh


def test_analysis_done_without_answers(tmp_path):
    (p,) = survey_problems(run(tmp_path, answers=None))
    assert p.rule == "NOTICE-SURVEY-RESULT"


def test_a_late_step_with_its_reason_is_a_warning(tmp_path):
    """Collection ended Wed 07-01, one working day after its deadline (Tue 06-30): an error;
    with ``collection_late_reason`` a warning at ``collection_end``."""
    late = ROUND.replace("collection_end: 2026-06-30", "collection_end: 2026-07-01")
    text = late + "collection_late_reason: 两个单元的问卷箱钥匙遗失，延后一天开箱\n"
    (p,) = survey_problems(run(tmp_path, text))
    assert (p.rule, p.severity, p.pos.line) == ("SURVEY-COLLECT-15WD", "warning", line_of(text, "collection_end"))
    assert "钥匙遗失" in p.zh and "2026-06-30" in p.zh
    (p,) = survey_problems(run(tmp_path / "b", late))
    assert p.severity == "error" and "collection_late_reason:" in p.zh and "collection_late_reason:" in p.en
