"""Obligations (domain/obligations.py): every deadline computed once, with due dates worked
out by hand here (24 hours, 30 days, the 5th of the next month, a month's last day, the end
of the month after a period, 15 / 30 Chinese working days)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import COMMUNITY, FINANCE_STATEMENT, OPEN_COMPLAINT, SURVEY_ROUND, VISIT, line_of, make_office

from hcomm_gen.domain import status as st
from hcomm_gen.domain.obligations import DUE, OVERDUE, UNKNOWN, Obligation, obligations
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")

CASE = OPEN_COMPLAINT

FOUND = """\
id: C-2
kind: 问题
channel: 巡查
received: 2026-05-10 08:00
topic: 安全
summary: 2栋消防通道堆放杂物
communicated_to: 业委会
"""

FINANCE = FINANCE_STATEMENT


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def obs(root, when: str, rule: str | None = None, kind: str | None = None) -> list[Obligation]:
    out = obligations(load_records(root), at(when))
    return [o for o in out if (rule is None or o.rule == rule) and (kind is None or o.kind == kind)]


# --- cases -------------------------------------------------------------------------------------

def test_case_response_due_24_hours_after_receipt(tmp_path):
    root = make_office(tmp_path, {"cases/2026/c1.yaml": CASE, "cases/2026/c2.yaml": FOUND})
    resp, found = obs(root, "2026-03-01 20:00", kind="case-response")
    assert (resp.rule, resp.ref, resp.due, resp.done) == ("CASE-RESPONSE-24H", "C-1", at("2026-03-02 10:00"), None)
    assert (found.rule, found.due) == ("CASE-FOUND", at("2026-05-11 08:00"))
    assert resp.pos.line == line_of(CASE, "received:")
    assert resp.state(at("2026-03-02 10:00"), SH) == DUE       # at the 24th hour: still on time
    assert resp.state(at("2026-03-02 10:01"), SH) == OVERDUE


def test_case_response_done_by_the_first_report_late(tmp_path):
    text = CASE + "progress:\n  - {time: 2026-03-02 11:30, text: 已派维修}\n"
    root = make_office(tmp_path, {"cases/2026/c1.yaml": text})
    [resp] = obs(root, "2026-03-10 09:00", kind="case-response")
    assert resp.done == at("2026-03-02 11:30") and not resp.is_open
    assert resp.is_late(SH)
    assert resp.pos.line == line_of(text, "- {time: 2026-03-02 11:30")


def test_case_progress_due_30_days_after_the_last_report(tmp_path):
    text = CASE + "first_response: 2026-03-01 11:00\n"
    root = make_office(tmp_path, {"cases/2026/c1.yaml": text})
    [prog] = obs(root, "2026-03-20 09:00", kind="case-progress")
    assert (prog.rule, prog.since, prog.due, prog.done) == (
        "CASE-PROGRESS", at("2026-03-01 11:00"), at("2026-03-31 11:00"), None)
    assert not prog.is_overdue(at("2026-03-31 11:00"), SH)
    assert prog.is_overdue(at("2026-03-31 11:01"), SH)


@pytest.mark.parametrize("kind, rule", [
    ("投诉", "CASE-VALID-FEEDBACK"), ("财产损坏", "CASE-PROPERTY"), ("建议", "CASE-PROGRESS")])
def test_case_feedback_owed_at_once_when_resolved(tmp_path, kind, rule):
    text = CASE.replace("投诉", kind) + "first_response: 2026-03-01 11:00\nresolved: 2026-03-03 16:00\n"
    root = make_office(tmp_path, {"cases/2026/c1.yaml": text})
    [fb] = obs(root, "2026-03-03 16:00", kind="case-feedback")
    assert (fb.rule, fb.due, fb.done, fb.at_once) == (rule, at("2026-03-03 16:00"), None, True)
    assert fb.state(at("2026-03-03 16:00"), SH) == OVERDUE
    assert obs(root, "2026-03-03 16:00", kind="case-progress") == []   # resolved: no next report


def test_invalid_complaint_owes_no_feedback(tmp_path):
    text = (CASE.replace("valid: true", "valid: false\nexplanation: 非物业责任")
            + "first_response: 2026-03-01 11:00\nresolved: 2026-03-03 16:00\n")
    root = make_office(tmp_path, {"cases/2026/c1.yaml": text})
    assert obs(root, "2026-03-10 09:00", kind="case-feedback") == []


# --- visits ------------------------------------------------------------------------------------

def test_visit_summary_due_on_the_5th_of_the_next_month(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    [s] = obs(root, "2026-04-02 09:00", "VISIT-SUMMARY")
    assert (s.ref, s.due, s.done, s.record) == ("2026-03", date(2026, 4, 5), None, None)
    assert s.pos.path.endswith("visit-summaries/2026/2026-03.yaml")
    assert not s.is_overdue(at("2026-04-05 23:59"), SH)     # the 5th is allowed all day
    assert s.is_overdue(at("2026-04-06 00:00"), SH)
    # December's summary is due on 5 January of the next year
    root2 = make_office(tmp_path / "dec", {"visits/2026/2026-12/v1.yaml": VISIT.replace("2026-03", "2026-12")})
    [dec] = obs(root2, "2027-01-02 09:00", "VISIT-SUMMARY")
    assert (dec.ref, dec.due) == ("2026-12", date(2027, 1, 5))


def test_visit_summary_submitted_late(tmp_path):
    summary = "month: 2026-03\nsubmitted: 2026-04-06\nsupervisor: 林主管\n"
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT,
                                  "visit-summaries/2026/2026-03.yaml": summary})
    [s] = obs(root, "2026-04-10 09:00", "VISIT-SUMMARY")
    assert s.done == date(2026, 4, 6) and s.is_late(SH)
    assert s.pos.line == line_of(summary, "submitted:")


def test_visit_quota_due_on_the_months_last_day(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    march, april = obs(root, "2026-04-03 09:00", "VISIT-QUOTA")
    # March: 8 occupied on the 1st → 4 % → 1 required; met by the visit of 5 March
    assert (march.ref, march.due, march.done) == ("2026-03", date(2026, 3, 31), at("2026-03-05 19:30"))
    assert march.detail.required == 1
    # April (this month): none yet, due 30 April
    assert (april.ref, april.due, april.done, april.state(at("2026-04-03 09:00"), SH)) == (
        "2026-04", date(2026, 4, 30), None, DUE)


def test_visit_quota_missed_month_stays_overdue(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    quota = obs(root, "2026-06-02 09:00", "VISIT-QUOTA")
    assert [(o.ref, o.is_open, o.state(at("2026-06-02 09:00"), SH)) for o in quota] == [
        ("2026-03", False, OVERDUE), ("2026-04", True, OVERDUE), ("2026-05", True, OVERDUE),
        ("2026-06", True, DUE)]


def test_visit_feedback_due_7_days_after_the_visit(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT + "feedback_needed: true\n"})
    [f] = obs(root, "2026-03-06 09:00", "VISIT-FEEDBACK")
    assert (f.ref, f.since, f.due, f.done) == ("V-1", at("2026-03-05 19:30"), at("2026-03-12 19:30"), None)
    late = VISIT + "feedback_needed: true\nfeedback: {time: 2026-03-13 10:00, text: 已修好}\n"
    root2 = make_office(tmp_path / "late", {"visits/2026/2026-03/v1.yaml": late})
    [f2] = obs(root2, "2026-03-20 09:00", "VISIT-FEEDBACK")
    assert f2.done == at("2026-03-13 10:00") and f2.is_late(SH)


def test_no_feedback_asked_no_obligation(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    assert obs(root, "2026-05-01 09:00", "VISIT-FEEDBACK") == []


# --- surveys: Chinese working days -------------------------------------------------------------

def test_survey_deadlines_in_working_days_with_the_dragon_boat_festival(tmp_path):
    # delivered Mon 2026-06-08; 19 June (端午) is a holiday: 15th working day Tue 30 June,
    # 30th Tue 21 July (counted in tests/helpers.py next to SURVEY_ROUND)
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": SURVEY_ROUND})
    got = [(o.rule, o.due, o.done) for o in obs(root, "2026-08-01 09:00", kind="survey")
           if o.rule != "SURVEY-SCHEDULE"]
    assert got == [("SURVEY-COLLECT-15WD", date(2026, 6, 30), date(2026, 6, 30)),
                   ("SURVEY-ANALYSIS-30WD", date(2026, 7, 21), date(2026, 7, 21)),
                   ("SURVEY-ANNOUNCE-30WD", date(2026, 7, 21), date(2026, 7, 21))]


def test_survey_collection_over_mid_autumn_and_national_day(tmp_path):
    # delivered Fri 2026-09-18. Working days after it: Sun 20 Sep (调休) 1, 21–24 2–5,
    # [Fri 25 中秋 off], 28–30 6–8, [1–7 Oct 国庆 off], Thu 8 9, Fri 9 10, Sat 10 (调休) 11,
    # Mon 12 12, 13 13, 14 14, Thu 15 Oct 15 → collection due 2026-10-15
    rnd = SURVEY_ROUND.replace("2026-06-08", "2026-09-18").replace("round: 2026-06", "round: 2026-09")
    root = make_office(tmp_path, {"surveys/2026-09/round.yaml": rnd},
                       community=COMMUNITY + "survey_months: [9]\n")
    [col] = obs(root, "2026-09-20 09:00", "SURVEY-COLLECT-15WD")
    assert col.due == date(2026, 10, 15)


DEC_ROUND = """\
round: 2026-12
delivered_on: 2026-12-07
delivered: 8
units: [1栋1单元, 1栋2单元, 2栋1单元]
"""


def test_survey_deadline_in_an_unknown_year(tmp_path):
    # collection: 15 working days after Mon 7 Dec = Mon 28 Dec; analysis and announcement
    # (30 working days) fall in 2027, which the calendar library does not know
    root = make_office(tmp_path, {"surveys/2026-12/round.yaml": DEC_ROUND})
    col, ana, ann = [o for o in obs(root, "2026-12-20 09:00", kind="survey") if o.rule != "SURVEY-SCHEDULE"]
    assert col.due == date(2026, 12, 28) and col.error is None
    assert ana.due is None and ana.error.year == 2027 and ana.state(at("2026-12-20 09:00"), SH) == UNKNOWN
    assert ann.due is None and ann.error.year == 2027


def test_survey_deadline_with_a_declared_year(tmp_path):
    # 2027 declared with 1 January off: Dec 29–31 16–18, Jan 4–8 19–23, 11–15 24–28, 18 29,
    # Tue 19 January 30
    community = COMMUNITY + "calendar:\n  2027:\n    holidays: [2027-01-01]\n    workdays: []\n"
    root = make_office(tmp_path, {"surveys/2026-12/round.yaml": DEC_ROUND}, community=community)
    [ana] = obs(root, "2026-12-20 09:00", "SURVEY-ANALYSIS-30WD")
    assert ana.due == date(2027, 1, 19)


def test_survey_schedule_due_on_the_survey_months_last_day(tmp_path):
    root = make_office(tmp_path)   # survey months June and December
    [june] = obs(root, "2026-06-02 09:00", "SURVEY-SCHEDULE")
    assert (june.ref, june.due, june.done) == ("2026-06", date(2026, 6, 30), None)
    assert obs(root, "2026-07-02 09:00", "SURVEY-SCHEDULE") == []   # no round yet: only this month
    root2 = make_office(tmp_path / "r", {"surveys/2026-06/round.yaml": SURVEY_ROUND})
    assert [(o.ref, o.done) for o in obs(root2, "2027-01-06 09:00", "SURVEY-SCHEDULE")] == [
        ("2026-06", date(2026, 6, 8)), ("2026-12", None)]


# --- financial statements and meetings ---------------------------------------------------------

def test_financial_statement_due_by_the_end_of_the_following_month(tmp_path):
    root = make_office(tmp_path, {"notices/2026/fin.yaml": FINANCE},
                       community=COMMUNITY + "finance_period: quarterly\n")
    got = [(o.ref, o.due, o.done) for o in obs(root, "2026-07-02 09:00", "NOTICE-FINANCE")]
    # 2025-Q4 posted 12 January; Q1 due 30 April; Q2 ended 30 June, due 31 July
    assert got == [("2025-Q4", date(2026, 1, 31), at("2026-01-12 09:00")),
                   ("2026-Q1", date(2026, 4, 30), None), ("2026-Q2", date(2026, 7, 31), None)]


def test_financial_statements_overdue_by_a_day(tmp_path):
    # as of 2026-05-01: Q4 2025 (due 31 Jan, posted) and Q1 2026 (due 30 Apr) are owed; Q2
    # has not ended
    root = make_office(tmp_path, {"notices/2026/fin.yaml": FINANCE},
                       community=COMMUNITY + "finance_period: quarterly\n")
    got = [(o.ref, o.is_open, o.is_overdue(at("2026-05-01 00:00"), SH))
           for o in obs(root, "2026-05-01 00:00", "NOTICE-FINANCE")]
    assert got == [("2025-Q4", False, True), ("2026-Q1", True, True)]


def test_no_finance_period_no_obligation(tmp_path):
    root = make_office(tmp_path, {"notices/2026/fin.yaml": FINANCE})
    assert obs(root, "2026-07-02 09:00", "NOTICE-FINANCE") == []


def test_monthly_meeting_due_on_the_months_last_day(tmp_path):
    root = make_office(tmp_path, {"meetings/2026/m.yaml": "id: M-1\ndate: 2026-03-14 19:00\n"})
    got = [(o.ref, o.due, o.done) for o in obs(root, "2026-05-02 09:00", "MEETING-MONTHLY")]
    assert got == [("2026-03", date(2026, 3, 31), at("2026-03-14 19:00")),
                   ("2026-04", date(2026, 4, 30), None), ("2026-05", date(2026, 5, 31), None)]


# --- one office behind on everything: what is overdue and open, as of three days ----------------

LATE_ROUND = """\
round: 2026-06
delivered_on: 2026-06-08
delivered: 8
units: [1栋1单元, 1栋2单元, 2栋1单元]
"""

BEHIND = {
    # 1 visit in March 2026 (quota 1 of 8 occupied: met); feedback asked for, never given
    "visits/2026/2026-03/v1.yaml": VISIT + "feedback_needed: true\n",
    "cases/2026/c1.yaml": CASE,                      # no response at all
    "cases/2026/c2.yaml": FOUND,
    "meetings/2026/m.yaml": "id: M-1\ndate: 2026-03-14 19:00\n",   # March only
    "notices/2026/fin.yaml": FINANCE,                # 2025-Q4 posted; 2026-Q1… never
    "surveys/2026-06/round.yaml": LATE_ROUND,
}


@pytest.mark.parametrize("when, expected", [
    # The office's first day is 2026-01-01: its earliest record is the statement posted on
    # 2026-01-12 (no records_since). 2026-07-02: summaries of 01–05 missing (5; June's is due
    # 07-05); quota missed 01, 02, 04–06 (5: 8 occupied on the 1st → 1 required; March met);
    # feedback (due 03-12); no meeting 01, 02, 04–06 (5); 2026-Q1 statement (due 04-30);
    # collection (due 06-30); both cases' first response (due 03-02 10:00 and 05-11 08:00)
    ("2026-07-02 09:00", {"VISIT-SUMMARY": 5, "VISIT-QUOTA": 5, "VISIT-FEEDBACK": 1,
                          "MEETING-MONTHLY": 5, "NOTICE-FINANCE": 1, "SURVEY-COLLECT-15WD": 1,
                          "CASE-RESPONSE-24H": 1, "CASE-FOUND": 1}),
    # 2026-12-31: summaries 01–11 (11), quota and meetings 01, 02, 04–11 (10 each); + analysis
    # and announcement (07-21); Q2, Q3 statements (07-31, 10-31); December is not over yet
    ("2026-12-31 09:00", {"VISIT-SUMMARY": 11, "VISIT-QUOTA": 10, "VISIT-FEEDBACK": 1,
                          "MEETING-MONTHLY": 10, "NOTICE-FINANCE": 3, "SURVEY-COLLECT-15WD": 1,
                          "SURVEY-ANALYSIS-30WD": 1, "SURVEY-ANNOUNCE-30WD": 1,
                          "CASE-RESPONSE-24H": 1, "CASE-FOUND": 1}),
    # 2027-01-06: the 2026-12 survey round is missed; the 2026-12 summary was due 01-05 (12);
    # quota and meetings 01, 02, 04–12 (11 each); Q4 is due 01-31
    ("2027-01-06 09:00", {"VISIT-SUMMARY": 12, "VISIT-QUOTA": 11, "VISIT-FEEDBACK": 1,
                          "MEETING-MONTHLY": 11, "NOTICE-FINANCE": 3, "SURVEY-SCHEDULE": 1,
                          "SURVEY-COLLECT-15WD": 1, "SURVEY-ANALYSIS-30WD": 1,
                          "SURVEY-ANNOUNCE-30WD": 1, "CASE-RESPONSE-24H": 1, "CASE-FOUND": 1}),
])
def test_overdue_obligations_of_an_office_behind(tmp_path, when, expected):
    root = make_office(tmp_path, BEHIND, community=COMMUNITY + "finance_period: quarterly\n")
    got: dict[str, int] = {}
    for o in obs(root, when):
        if o.is_open and o.is_overdue(at(when), SH):
            got[o.rule] = got.get(o.rule, 0) + 1
    assert got == expected


def test_check_and_status_read_the_same_obligations(tmp_path):
    """What check reports as a missed deadline is an overdue status item, from one obligation."""
    from hcomm_gen.app.pipeline import check
    root = make_office(tmp_path, BEHIND, community=COMMUNITY + "finance_period: quarterly\n")
    result = check(root, "2027-01-06 09:00")
    overdue = {(i.rule, i.ref) for i in st.status(result.records, result.now) if i.state == OVERDUE}
    owed = {(o.rule, o.ref) for o in obligations(result.records, result.now)
            if o.is_open and o.is_overdue(result.now, SH)}
    assert owed == overdue
    missed = [p for p in result.errors if p.rule in {r for r, _ in owed}]
    assert len(missed) == len(owed)


# --- sources -----------------------------------------------------------------------------------

def test_sources_can_be_extended(tmp_path):
    root = make_office(tmp_path)
    def extra(records, now, cal):
        return [Obligation("MEETING-MONTHLY", "meeting", "2026-02", date(2026, 2, 28))]
    records, now = load_records(root), at("2026-03-02 09:00")
    assert [o.ref for o in obligations(records, now, sources=[extra])] == ["2026-02"]
    [item] = st.status(records, now, sources=[extra])
    assert (item.kind, item.rule, item.state, item.ref) == ("meeting", "MEETING-MONTHLY", OVERDUE, "2026-02")
    assert "2026-02 没有业主大会" in item.zh
