"""``hcomm status``: what is due and overdue as of a day, with deadlines computed by hand."""
from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from helpers import COMMUNITY, FINANCE_STATEMENT, OPEN_COMPLAINT, VISIT, make_office

from hcomm_gen.cli import main
from hcomm_gen.domain import status as st
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")

OPEN_CASE = OPEN_COMPLAINT

ROUND = """\
round: 2026-12
delivered_on: 2026-12-07
delivered: 8
units: [1栋1单元, 1栋2单元, 2栋1单元]
"""

FINANCE = FINANCE_STATEMENT


def items(root, when, kinds=None):
    records = load_records(root)
    now = datetime.fromisoformat(when).replace(tzinfo=SH)
    out = st.status(records, now)
    return [i for i in out if kinds is None or i.kind in kinds]


def brief(item):
    due = item.due.astimezone(SH).strftime("%Y-%m-%d %H:%M") if isinstance(item.due, datetime) else item.due
    return (item.kind, item.rule, item.state, due, item.ref)


def test_open_case_response_due_then_overdue(tmp_path):
    root = make_office(tmp_path, {"cases/2026/c1.yaml": OPEN_CASE})
    assert [brief(i) for i in items(root, "2026-03-01 20:00", {"case-response"})] == [
        ("case-response", "CASE-RESPONSE-24H", "due", "2026-03-02 10:00", "C-1")]
    assert [brief(i) for i in items(root, "2026-03-02 10:01", {"case-response"})] == [
        ("case-response", "CASE-RESPONSE-24H", "overdue", "2026-03-02 10:00", "C-1")]


def test_open_case_with_response_waits_for_progress(tmp_path):
    text = OPEN_CASE + "first_response: 2026-03-01 11:00\n"
    root = make_office(tmp_path, {"cases/2026/c1.yaml": text})
    assert [brief(i) for i in items(root, "2026-03-20 09:00", {"case-progress"})] == [
        ("case-progress", "CASE-PROGRESS", "due", "2026-03-31 11:00", "C-1")]


def test_resolved_valid_complaint_without_feedback(tmp_path):
    text = OPEN_CASE + "first_response: 2026-03-01 11:00\nresolved: 2026-03-03 16:00\n"
    root = make_office(tmp_path, {"cases/2026/c1.yaml": text})
    assert [brief(i) for i in items(root, "2026-03-04 09:00", {"case-feedback"})] == [
        ("case-feedback", "CASE-VALID-FEEDBACK", "overdue", "2026-03-03 16:00", "C-1")]


def test_visit_summary_due_on_the_5th(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    assert [brief(i) for i in items(root, "2026-04-05 18:00", {"visit-summary"})] == [
        ("visit-summary", "VISIT-SUMMARY", "due", date(2026, 4, 5), "2026-03")]
    assert [brief(i) for i in items(root, "2026-04-06 08:00", {"visit-summary"})] == [
        ("visit-summary", "VISIT-SUMMARY", "overdue", date(2026, 4, 5), "2026-03")]
    summary = "month: 2026-03\nsubmitted: 2026-04-03\nsupervisor: 林主管\n"
    root2 = make_office(tmp_path / "b", {"visits/2026/2026-03/v1.yaml": VISIT,
                                         "visit-summaries/2026/2026-03.yaml": summary})
    assert items(root2, "2026-04-06 08:00", {"visit-summary"}) == []


def test_visit_quota_so_far(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    # March: 8 occupied on 1 March → 4 % → ceil(0.32) = 1 required, 1 visited: nothing owed
    assert items(root, "2026-03-20 09:00", {"visit-quota"}) == []
    # April: none visited yet, 1 required by 30 April
    [q] = items(root, "2026-04-03 09:00", {"visit-quota"})
    assert brief(q) == ("visit-quota", "VISIT-QUOTA", "due", date(2026, 4, 30), "2026-04")
    assert "至少 1 户" in q.zh and "8 户 × 4%" in q.zh


def test_visit_feedback_owed(tmp_path):
    text = VISIT + "feedback_needed: true\n"
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    [f] = items(root, "2026-03-06 09:00", {"visit-feedback"})
    assert (f.rule, f.state, f.ref) == ("VISIT-FEEDBACK", "due", "V-1")
    [f] = items(root, "2026-05-01 09:00", {"visit-feedback"})
    assert f.state == "overdue"


def test_survey_deadlines_and_unknown_2027(tmp_path):
    root = make_office(tmp_path, {"surveys/2026-12/round.yaml": ROUND})
    got = [brief(i) for i in items(root, "2026-12-20 09:00", {"survey"})]
    # collection: 15 working days after Mon 7 Dec = Mon 28 Dec; analysis and announcement
    # (30 working days) fall in 2027, which the calendar library does not know
    assert got == [("survey", "CALENDAR-YEAR", "unknown", None, "2026-12"),
                   ("survey", "CALENDAR-YEAR", "unknown", None, "2026-12"),
                   ("survey", "SURVEY-COLLECT-15WD", "due", date(2026, 12, 28), "2026-12")]
    unknown = items(root, "2026-12-20 09:00", {"survey"})[0]
    assert "2027" in unknown.zh and "community.yaml" in unknown.zh and "2027" in unknown.en


def test_survey_deadlines_with_declared_2027(tmp_path):
    community = COMMUNITY + "calendar:\n  2027:\n    holidays: [2027-01-01]\n    workdays: []\n"
    root = make_office(tmp_path, {"surveys/2026-12/round.yaml": ROUND}, community=community)
    got = [brief(i) for i in items(root, "2026-12-29 09:00", {"survey"})]
    assert got == [("survey", "SURVEY-COLLECT-15WD", "overdue", date(2026, 12, 28), "2026-12"),
                   ("survey", "SURVEY-ANALYSIS-30WD", "due", date(2027, 1, 19), "2026-12"),
                   ("survey", "SURVEY-ANNOUNCE-30WD", "due", date(2027, 1, 19), "2026-12")]


def test_survey_month_without_a_round(tmp_path):
    root = make_office(tmp_path)
    assert [brief(i) for i in items(root, "2026-06-02 09:00", {"survey"})] == [
        ("survey", "SURVEY-SCHEDULE", "due", date(2026, 6, 30), "2026-06")]
    assert items(root, "2026-07-02 09:00", {"survey"}) == []


def test_periodic_financial_statement(tmp_path):
    root = make_office(tmp_path, {"notices/2026/fin.yaml": FINANCE},
                       community=COMMUNITY + "finance_period: quarterly\n")
    assert [brief(i) for i in items(root, "2026-04-20 09:00", {"finance"})] == [
        ("finance", "NOTICE-FINANCE", "due", date(2026, 4, 30), "2026-Q1")]
    assert [brief(i) for i in items(root, "2026-05-02 09:00", {"finance"})] == [
        ("finance", "NOTICE-FINANCE", "overdue", date(2026, 4, 30), "2026-Q1")]


def test_meeting_this_month(tmp_path):
    meeting = "id: M-1\ndate: 2026-03-14 19:00\n"
    root = make_office(tmp_path, {"meetings/2026/m.yaml": meeting})
    assert items(root, "2026-03-02 09:00", {"meeting"}) == []
    assert [brief(i) for i in items(root, "2026-04-02 09:00", {"meeting"})] == [
        ("meeting", "MEETING-MONTHLY", "due", date(2026, 4, 30), "2026-04")]


def test_overdue_listed_first(tmp_path):
    root = make_office(tmp_path, {"cases/2026/c1.yaml": OPEN_CASE, "visits/2026/2026-03/v1.yaml": VISIT})
    states = [i.state for i in items(root, "2026-04-03 09:00")]
    assert states == sorted(states, key=["overdue", "unknown", "due"].index) and states[0] == "overdue"


def test_a_late_act_with_its_reason_stays_listed_apart(tmp_path):
    """C-1 received 03-01 10:00, answered 03-02 16:00 (30 h) with its reason: listed last as
    late_explained with the 24-h deadline; C-2, as late without a reason, is check's error
    only; the open C-3 stays overdue. Due besides: the next progress reports of C-1 and C-2
    (04-01 16:00), March's visit quota and March's owners' meeting."""
    late = OPEN_CASE + "first_response: 2026-03-02 16:00\nresponse_late_reason: 业户手机关机\n"
    plain = OPEN_CASE.replace("C-1", "C-2") + "first_response: 2026-03-02 16:00\n"
    root = make_office(tmp_path, {"cases/2026/c1.yaml": late, "cases/2026/c2.yaml": plain,
                                  "cases/2026/c3.yaml": OPEN_CASE.replace("C-1", "C-3")})
    got = [brief(i) for i in items(root, "2026-03-03 09:00", {"case-response"})]
    assert got == [("case-response", "CASE-RESPONSE-24H", "overdue", "2026-03-02 10:00", "C-3"),
                   ("case-response", "CASE-RESPONSE-24H", "late_explained", "2026-03-02 10:00", "C-1")]
    [i] = [i for i in items(root, "2026-03-03 09:00") if i.state == "late_explained"]
    assert i.zh == "C-1（投诉）的首次回应 2026-03-02 16:00 才完成（期限 2026-03-02 10:00）；原因：业户手机关机"
    assert i.en == ("The first response to C-1 (投诉) was done 2026-03-02 16:00, after the deadline "
                    "2026-03-02 10:00; reason given: 业户手机关机")
    res = run(root, "status", "--today", "2026-03-03 09:00")
    assert res.exit_code == 0
    assert "1 项逾期，4 项待办，1 项逾期（已说明原因）。" in res.output.splitlines()[0]
    assert "逾期（已说明原因）  截止 2026-03-02 10:00  CASE-RESPONSE-24H (T3): C-1（投诉）的首次回应" in res.output
    res = run(root, "--lang", "en", "status", "--today", "2026-03-03 09:00")
    assert "1 overdue, 4 due, 1 late (reason given)." in res.output.splitlines()[0]
    # before the response was given (as of 03-02 12:00) it is simply overdue
    assert [brief(i)[2:] for i in items(root, "2026-03-02 12:00", {"case-response"})] == [
        ("overdue", "2026-03-02 10:00", "C-1"), ("overdue", "2026-03-02 10:00", "C-2"),
        ("overdue", "2026-03-02 10:00", "C-3")]


# --- the command -------------------------------------------------------------------------------

def run(root, *args):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def test_status_command_text_json_and_english(tmp_path):
    root = make_office(tmp_path, {"cases/2026/c1.yaml": OPEN_CASE})
    res = run(root, "status", "--today", "2026-03-03")
    assert res.exit_code == 0
    assert "1 项逾期" in res.output
    assert "逾期  截止 2026-03-02 10:00  CASE-RESPONSE-24H (T3): C-1" in res.output
    res = run(root, "--lang", "en", "status", "--today", "2026-03-03")
    assert "overdue  by 2026-03-02 10:00  CASE-RESPONSE-24H (T3): C-1" in res.output
    res = run(root, "status", "--today", "2026-03-01 12:00", "--format", "json")
    [item] = [i for i in json.loads(res.output) if i["kind"] == "case-response"]
    assert (item["state"], item["due"], item["clause"], item["ref"]) == ("due", "2026-03-02 10:00", "T3", "C-1")


def test_status_command_nothing_due_and_bad_date(tmp_path):
    root = make_office(tmp_path, households=None)  # no registry: no visit quota either
    res = run(root, "status", "--today", "2026-03-03")
    assert res.exit_code == 0 and "没有待办或逾期事项" in res.output
    assert run(root, "status", "--today", "2026-02-30").exit_code == 2
    assert run(tmp_path / "nowhere", "status").exit_code == 2


def test_status_on_the_example_community(repo):
    res = run(repo, "status", "--today", "2026-11-29 12:00", "--format", "json")
    assert res.exit_code == 0
    got = json.loads(res.output)
    # C-2026-010 is open; its last progress report was 2026-11-27 10:00
    assert {"kind": "case-progress", "ref": "C-2026-010", "due": "2026-12-27 10:00"}.items() <= \
        [i for i in got if i["ref"] == "C-2026-010"][0].items()


# --- the new-user report (deadlines: tests/domain/test_obligations.py) --------------------------

def test_example_community_in_january_2027_lists_all_check_errors(repo):
    """The new-user report: as of 2027-01-20 check has 5 errors; status lists each overdue."""
    from hcomm_gen.app.pipeline import check
    result = check(repo, "2027-01-20 00:00")
    overdue = {(i.rule, i.ref) for i in st.status(result.records, result.now) if i.state == st.OVERDUE}
    assert {("SURVEY-SCHEDULE", "2026-12"), ("VISIT-SUMMARY", "2026-11"), ("VISIT-SUMMARY", "2026-12"),
            ("VISIT-QUOTA", "2026-12"), ("CASE-PROGRESS", "C-2026-010")} <= overdue
    assert len(result.errors) == 5


def test_status_counts_unreadable_files_not_problems(tmp_path):
    # one case file with three problems (a date that does not exist, two misspelt fields)
    broken = ("id: C-1\nkind: 投诉\nchanel: 电话\nreceived: 2026-13-01 10:00\nhousehold: 1-1-0102\n"
              "topik: 维修\nsummary: 漏水\n")
    root = make_office(tmp_path, {"cases/2026/c1.yaml": broken})
    assert len(load_records(root).problems) == 3
    res = run(root, "status", "--today", "2026-03-03")
    assert res.exit_code == 0
    assert "有 1 个记录文件读不出来或格式不对" in res.output
    res = run(root, "--lang", "en", "status", "--today", "2026-03-03")
    assert "Note: 1 record file cannot be read or is malformed" in res.output


def test_missed_quota_names_the_explanation_field(repo):
    """Issue 13: a missed quota says where the reason goes: explanation (情况说明) of the summary."""
    from hcomm_gen.app.pipeline import check
    result = check(repo, "2027-01-20 00:00")
    [item] = [i for i in st.status(result.records, result.now) if (i.rule, i.ref) == ("VISIT-QUOTA", "2026-12")]
    assert item.zh.endswith("请在访问业户总结 visit-summaries/2026/2026-12.yaml 的 explanation（情况说明）"
                            "里写明原因和改进措施。")
