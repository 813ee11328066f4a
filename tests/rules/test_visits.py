"""Issue 5: household visit figures and rules (P5.1–P5.4), values computed by hand."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from helpers import MEETING, VISIT, check_json, line_of, make_office
from helpers import found as found_lines

from hcomm_gen.cli import main
from hcomm_gen.domain.visits import month_quota, quota_rate_percent, required_visits, summary_deadline
from hcomm_gen.records.loader import load_records
from hcomm_gen.records.models import Household

# March visit of tests/office.py is on 2026-03-05 19:30; March is incomplete on the 20th,
# so neither VISIT-QUOTA nor VISIT-SUMMARY applies yet.
NOW = "2026-03-20 12:00"


#: the visit of March and March's owners' meeting: an office whose first month is March owes
#: both (MEETING-MONTHLY besides the visit rules)
MARCH = {"visits/2026/2026-03/v1.yaml": VISIT, "meetings/2026/m03.yaml": MEETING.format(m="03")}


def run_check(root, now=NOW, *args):
    code, problems = check_json(root, now, *args)
    assert code in (0, 1), problems
    return code, problems


def found(problems, rule):
    """``(severity, line)``: this file's tests list the severity first."""
    return [(severity, line) for line, severity in found_lines(problems, rule)]


# --- VISIT-QUOTA (P5.1.1) -------------------------------------------------------------------

@pytest.mark.parametrize("occupied, rate, required", [
    (1, 4, 1),        # ceil(0.04)
    (25, 4, 1),       # 25 × 4 % = 1 exactly
    (300, 4, 12),     # ≤300 → 4 %: 12 exactly
    (301, 5, 16),     # >300 → 5 %: 15.05 → 16
    (500, 5, 25),     # ≤500 → 5 %: 25 exactly
    (501, 6, 31),     # >500 → 6 %: 30.06 → 31
    (800, 6, 48),     # ≤800 → 6 %: 48 exactly
    (801, 7, 57),     # >800 ("800以上") → 7 %: 56.07 → 57
    (620, 6, 38),     # the example community: 37.2 → 38
])
def test_quota_boundaries(occupied, rate, required):
    assert quota_rate_percent(occupied) == rate
    assert required_visits(occupied) == required


def _households(n):
    return [Household(id=f"1-1-{i:04d}", building="1栋", unit="1单元", room=f"{i:04d}",
                      occupied_since=date(2020, 1, 1)) for i in range(n)]


@pytest.mark.parametrize("occupied, required", [(300, 12), (301, 16), (500, 25), (501, 31),
                                                (800, 48), (801, 57)])
def test_quota_from_registry(occupied, required):
    q = month_quota("2026-07", _households(occupied), [], None)
    assert (q.occupied, q.required, q.visited, q.met) == (occupied, required, 0, False)


def _visit(vid, household, when, **extra):
    text = VISIT.replace("id: V-1", f"id: {vid}").replace("household: 1-1-0102", f"household: {household}")
    text = text.replace("2026-03-05 19:30", when).replace("for: 2026-03-05", f"for: {when[:10]}")
    for k, v in extra.items():
        text += f"{k}: {v}\n"
    return text


def test_quota_counts_households_not_visits(tmp_path):
    """VISIT-NO-REPEAT: 1-1-0102 visited twice counts once; a return visit does not count;
    1-1-0101 moved in on 2026-07-02, so it is not in July's N but is in August's."""
    case = ("id: C-1\nkind: 投诉\nchannel: 电话\nreceived: 2026-06-20 10:00\nhousehold: 1-2-0101\n"
            "topic: 维修\nsummary: 水管漏水\n")
    root = make_office(tmp_path, {
        "visits/2026/2026-07/a.yaml": _visit("V-a", "1-1-0102", "2026-07-03 19:30"),
        "visits/2026/2026-07/b.yaml": _visit("V-b", "1-1-0102", "2026-07-20 19:30"),
        "visits/2026/2026-07/c.yaml": _visit("V-c", "1-2-0101", "2026-07-21 19:30",
                                             return_visit="true", follows_case="C-1"),
        "cases/2026/c1.yaml": case,
    })
    rec = load_records(root)
    assert not rec.problems
    july = month_quota("2026-07", rec.registry.households, rec.visits, rec.tz)
    # 10 households − 1 vacant (1-2-0202) − 1 moving in on the 2nd (1-1-0101) = 8
    assert (july.occupied, july.rate_percent, july.required) == (8, 4, 1)   # ceil(0.32)
    assert (july.visited, july.visits, july.return_visits, july.met) == (1, 3, 1, True)
    august = month_quota("2026-08", rec.registry.households, rec.visits, rec.tz)
    assert (august.occupied, august.visited) == (9, 0)


def test_quota_cli(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "quota", "--month", "2026-03"])
    assert res.exit_code == 0
    assert "1 日已入住 8 户，比例 4%，应访问 1 户；已访问 1 户" in res.output and "达标" in res.output
    bad = CliRunner().invoke(main, ["--root", str(root), "visits", "quota", "--month", "2026-13"])
    assert bad.exit_code == 2 and "2026-13" in bad.output


@pytest.mark.parametrize("month, now, expected", [
    # April 2026: 8 occupied on the 1st → 1 required; nobody visited
    ("2026-04", "2026-04-10 12:00", "进行中（目前 0 / 1 户，还差 1 户）"),
    ("2026-04", "2026-04-30 23:59", "进行中（目前 0 / 1 户，还差 1 户）"),
    ("2026-04", "2026-05-01 00:00", "未达标，差 1 户"),
    ("2026-03", "2026-03-20 12:00", "已达标（进行中，目前 1 / 1 户）"),
    ("2026-03", "2026-04-01 00:00", "：达标"),
    ("2026-05", "2026-04-10 12:00", "尚未开始"),
])
def test_quota_cli_current_month_is_in_progress(tmp_path, month, now, expected):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "quota", "--month", month, "--now", now])
    assert res.exit_code == 0, res.output
    assert expected in res.output
    if "未达标" not in expected:
        assert "未达标" not in res.output


def test_quota_cli_current_month_in_english_and_bad_now(tmp_path):
    root = make_office(tmp_path)
    res = CliRunner().invoke(main, ["--root", str(root), "--lang", "en", "visits", "quota", "--month",
                                    "2026-04", "--now", "2026-04-10 12:00"])
    assert "in progress (0 so far / 1 required, 1 to go)" in res.output and "not met" not in res.output
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "quota", "--month", "2026-04",
                                    "--now", "2026-04-31"])
    assert res.exit_code == 2


def test_quota_cli_example(repo):
    res = CliRunner().invoke(main, ["--root", str(repo), "visits", "quota", "--month", "2026-07"])
    assert res.exit_code == 0
    rec = load_records(repo)
    q = month_quota("2026-07", rec.registry.households, rec.visits, rec.tz)
    assert 500 < q.occupied <= 800 and q.rate_percent == 6 and q.met
    assert f"1 日已入住 {q.occupied} 户，比例 6%，应访问 {q.required} 户" in res.output


# --- VISIT-2200 and VISIT-SIGNATURE (P5.3.1, P5.1.2) ----------------------------------------

@pytest.mark.parametrize("clock, reason, expected", [
    ("21:59", None, []),
    ("22:00", None, [("error", 6)]),
    ("22:30", "业户白天上班，本人要求晚间来访", [("warning", 6)]),
    ("05:30", None, [("error", 6)]),        # before 06:00 still counts as after 22:00
])
def test_visit_2200(tmp_path, clock, reason, expected):
    text = VISIT.replace("19:30", clock)
    if reason:
        text += f"late_reason: {reason}\n"
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert found(problems, "VISIT-2200") == expected
    assert code == (1 if ("error", 6) in expected else 0)
    assert [p for p in problems if p["rule"] != "VISIT-2200"] == []


def test_visit_2200_only_door_to_door(tmp_path):
    text = VISIT.replace("19:30", "22:30").replace("mode: 上门", "mode: 电话")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    assert run_check(root) == (0, [])


@pytest.mark.parametrize("line, expected", [
    ("signature: 已签名", []),
    ("signature: 拒绝签名", []),
    ("", [("error", 1)]),                      # missing: reported at the record's id
    ("signature: 签了", [("error", 10)]),
])
def test_visit_signature(tmp_path, line, expected):
    text = VISIT.replace("signature: 已签名\n", f"{line}\n" if line else "")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert found(problems, "VISIT-SIGNATURE") == expected
    assert code == (1 if expected else 0)


@pytest.mark.parametrize("mode, expected", [
    ("电话", []),                 # a phone visit cannot be signed: 不适用 is right
    ("上门", [("error", 10)]),    # a door-to-door visit can: 不适用 is not an answer
])
def test_visit_signature_not_applicable_only_for_phone(tmp_path, mode, expected):
    text = VISIT.replace("signature: 已签名", "signature: 不适用").replace("mode: 上门", f"mode: {mode}")
    if mode == "电话":
        text = text.replace("appointment: {made: 2026-03-01 10:00, for: 2026-03-05 19:30}\n", "")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert found(problems, "VISIT-SIGNATURE") == expected
    assert code == (1 if expected else 0)


# --- VISIT-RECORD, VISIT-MODE (P5.1.2, P5.2) -----------------------------------------------

@pytest.mark.parametrize("remove", ["visitor: 林主管\n", "household: 1-1-0102\n",
                                    "time: 2026-03-05 19:30\n", "mode: 上门\n"])
def test_visit_record_fields(tmp_path, remove):
    text = VISIT.replace(remove, "")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert code == 1 and ("error", 1) in found(problems, "VISIT-RECORD")


def test_visit_record_topics_and_opinions(tmp_path):
    no_topics = VISIT.replace("topics: [保洁]\n", "")
    no_opinions = VISIT.replace("opinions:\n  - {topic: 保洁, text: 楼道需要更勤打扫}\n", "")
    none_said = VISIT.replace("opinions:\n  - {topic: 保洁, text: 楼道需要更勤打扫}\n", "opinions: []\n")
    untyped = VISIT.replace("{topic: 保洁, text:", "{text:")
    ret = VISIT + "return_visit: true\n"
    for text, expected in [(no_topics, [("error", 1)]), (no_opinions, [("error", 1)]),
                           (none_said, []), (untyped, []),
                           (ret, [("error", line_of(ret, "return_visit"))])]:
        root = make_office(tmp_path / str(abs(hash(text))), {"visits/2026/2026-03/v1.yaml": text})
        code, problems = run_check(root)
        assert found(problems, "VISIT-RECORD") == expected, text
        # an opinion without a topic is a TOPIC (P3) error of the common rules
        assert code == (1 if expected or text == untyped else 0)


def test_visit_record_household_not_occupied_is_a_warning(tmp_path):
    # 1-1-0101 moves in on 2026-07-02
    text = VISIT.replace("household: 1-1-0102", "household: 1-1-0101")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert code == 0 and found(problems, "VISIT-RECORD") == [("warning", 2)]


def test_visit_mode(tmp_path):
    text = VISIT.replace("mode: 上门", "mode: 微信")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert code == 1 and found(problems, "VISIT-MODE") == [("error", 4)]


# --- VISIT-APPOINTMENT (P5.3.1): made before, kept within ±30 minutes ------------------------

@pytest.mark.parametrize("appointment, expected", [
    ("{made: 2026-03-01 10:00, for: 2026-03-05 19:30}", []),
    ("{made: 2026-03-01 10:00, for: 2026-03-05 19:00}", []),            # 30 min late: fine
    ("{made: 2026-03-01 10:00, for: 2026-03-05 20:00}", []),            # 30 min early: fine
    ("{made: 2026-03-01 10:00, for: 2026-03-05 18:59}", [("error", 6)]),  # 31 min late
    ("{made: 2026-03-05 19:30, for: 2026-03-05 19:30}", [("error", 5)]),  # made on the doorstep
    ("{for: 2026-03-05 19:30}", [("error", 5)]),                        # when was it made?
])
def test_visit_appointment(tmp_path, appointment, expected):
    text = VISIT.replace("{made: 2026-03-01 10:00, for: 2026-03-05 19:30}", appointment)
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert found(problems, "VISIT-APPOINTMENT") == expected
    assert code == (1 if expected else 0)


def test_visit_appointment_missing_only_matters_for_door_visits(tmp_path):
    door = VISIT.replace("appointment: {made: 2026-03-01 10:00, for: 2026-03-05 19:30}\n", "")
    phone = door.replace("mode: 上门", "mode: 电话")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": door})
    code, problems = run_check(root)
    assert code == 1 and found(problems, "VISIT-APPOINTMENT") == [("error", 4)]
    root2 = make_office(tmp_path / "b", {"visits/2026/2026-03/v1.yaml": phone})
    assert run_check(root2) == (0, [])


# --- VISIT-FEEDBACK (P5.1.3): owed within 7 days --------------------------------------------

def test_visit_feedback(tmp_path):
    owed = VISIT + "feedback_needed: true\n"
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": owed})
    # visit 03-05 19:30 → due 03-12 19:30
    assert run_check(root, "2026-03-12 19:30") == (0, [])
    code, problems = run_check(root, "2026-03-12 19:31")
    assert code == 1 and found(problems, "VISIT-FEEDBACK") == [("error", line_of(owed, "feedback_needed"))]
    given = owed + "feedback: {time: 2026-03-08 10:00, text: 已通知保洁班组增加清扫}\n"
    root2 = make_office(tmp_path / "b", {"visits/2026/2026-03/v1.yaml": given})
    assert run_check(root2) == (0, [])
    late = owed + "feedback: {time: 2026-03-16 10:00, text: 已通知保洁班组}\n"
    root3 = make_office(tmp_path / "c", {"visits/2026/2026-03/v1.yaml": late})
    assert found(run_check(root3)[1], "VISIT-FEEDBACK") == [("warning", line_of(late, "feedback:"))]
    before = owed + "feedback: {time: 2026-03-04 10:00, text: 已通知}\n"
    root4 = make_office(tmp_path / "d", {"visits/2026/2026-03/v1.yaml": before})
    assert found(run_check(root4)[1], "VISIT-FEEDBACK") == [("error", line_of(before, "feedback:"))]


def test_feedback_owed_listed(tmp_path):
    from hcomm_gen.app.pipeline import resolve_now
    from hcomm_gen.domain.obligations import obligations
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT + "feedback_needed: true\n",
                                  "visits/2026/2026-03/v2.yaml": _visit("V-2", "1-1-0201", "2026-03-06 10:00")})
    rec = load_records(root)
    for when, overdue in (("2026-03-10 12:00", False), ("2026-03-13 12:00", True)):
        now = resolve_now(rec, when)
        owed = [o for o in obligations(rec, now) if o.rule == "VISIT-FEEDBACK" and o.is_open]
        assert [(o.ref, o.is_overdue(now, rec.tz)) for o in owed] == [("V-1", overdue)]


# --- VISIT-SUMMARY and VISIT-ESCALATE (P5.4) ------------------------------------------------

SUMMARY = """\
month: 2026-03
submitted: 2026-04-05
supervisor: 林主管
decisions:
  - {visit: V-1, opinion: 1, decision: 采纳, note: 楼道每日清扫两次}
"""


def test_summary_deadline_is_the_5th():
    assert summary_deadline("2026-03") == date(2026, 4, 5)
    assert summary_deadline("2026-12") == date(2027, 1, 5)


@pytest.mark.parametrize("submitted, expected", [
    ("2026-04-02", []),
    ("2026-04-05", []),                 # on the 5th: on time
    ("2026-04-06", [("error", 2)]),     # on the 6th: late
])
def test_summary_submitted(tmp_path, submitted, expected):
    text = SUMMARY.replace("2026-04-05", submitted)
    root = make_office(tmp_path, {**MARCH, "visit-summaries/2026/2026-03.yaml": text})
    code, problems = run_check(root, "2026-04-10 12:00")
    assert found(problems, "VISIT-SUMMARY") == expected
    assert code == (1 if expected else 0), problems


def test_summary_missing_after_the_5th(tmp_path):
    root = make_office(tmp_path, MARCH)
    assert run_check(root, "2026-04-05 23:59") == (0, [])
    code, problems = run_check(root, "2026-04-06 00:00")
    assert code == 1
    [p] = [p for p in problems if p["rule"] == "VISIT-SUMMARY"]
    assert p["path"].endswith("records/visit-summaries/2026/2026-03.yaml")
    assert "2026-03 的访问业户总结最迟应在 2026-04-05 提交" in p["message_zh"]


def test_summary_draft_without_submitted(tmp_path):
    draft = SUMMARY.replace("submitted: 2026-04-05\n", "")
    root = make_office(tmp_path, {**MARCH, "visit-summaries/2026/2026-03.yaml": draft})
    assert run_check(root, "2026-04-03 12:00") == (0, [])
    code, problems = run_check(root, "2026-04-06 12:00")
    assert code == 1 and found(problems, "VISIT-SUMMARY") == [("error", 1)]


@pytest.mark.parametrize("decisions, rule, expected", [
    ("decisions: []\n", "VISIT-ESCALATE", [("error", 4)]),                   # opinion undecided
    ("decisions:\n  - {visit: V-1, opinion: 1, decision: 再议}\n", "VISIT-ESCALATE", [("error", 5)]),
    ("decisions:\n  - {visit: V-1, opinion: 1, decision: 上报}\n", "VISIT-ESCALATE", [("warning", 5)]),
    ("decisions:\n  - {visit: V-1, opinion: 1, decision: 上报, note: 需公司立项}\n", "VISIT-ESCALATE", []),
    ("decisions:\n  - {visit: V-1, opinion: 1, decision: 不采纳, note: 已解释}\n", "VISIT-ESCALATE", []),
    ("decisions:\n  - {visit: V-1, opinion: 1, decision: 采纳}\n  - {visit: V-1, opinion: 2, decision: 采纳}\n",
     "RECORD-REF", [("error", 6)]),
    ("decisions:\n  - {visit: V-1, opinion: 1, decision: 采纳}\n  - {visit: V-9, opinion: 1, decision: 采纳}\n",
     "RECORD-REF", [("error", 6)]),
])
def test_summary_decisions(tmp_path, decisions, rule, expected):
    text = SUMMARY[:SUMMARY.index("decisions:")] + decisions
    root = make_office(tmp_path, {**MARCH, "visit-summaries/2026/2026-03.yaml": text})
    code, problems = run_check(root, "2026-04-10 12:00")
    assert found(problems, rule) == expected
    assert code == (1 if ("error", 4) in expected or ("error", 5) in expected or ("error", 6) in expected else 0)


def test_example_summaries_decide_every_opinion(repo):
    from hcomm_gen.domain.visits import month_summary
    rec = load_records(repo)
    for s in rec.visit_summaries:
        ms = month_summary(s.month, rec.registry.households, rec.visits, rec.visit_summaries, rec.tz)
        assert ms.opinions and ms.undecided == [], s.month


def test_example_household_visited_twice_counts_once(repo):
    """The example has a month where one household is visited twice (VISIT-NO-REPEAT)."""
    from collections import Counter
    rec = load_records(repo)
    twice = []
    for month in sorted({v.time.astimezone(rec.tz).strftime("%Y-%m") for v in rec.visits}):
        ordinary = [v.household for v in rec.visits
                    if v.time.astimezone(rec.tz).strftime("%Y-%m") == month and not v.return_visit]
        q = month_quota(month, rec.registry.households, rec.visits, rec.tz)
        assert q.visited == len(set(ordinary))
        twice += [(month, h) for h, n in Counter(ordinary).items() if n > 1]
    assert twice


def test_a_visit_to_an_unknown_household_does_not_count_for_the_quota(tmp_path):
    from helpers import VISIT

    from hcomm_gen.domain.visits import month_quota
    from hcomm_gen.records.loader import load_records
    ghost = VISIT.replace("id: V-1", "id: V-2").replace("household: 1-1-0102", "household: 9-9-0909")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT, "visits/2026/2026-03/v2.yaml": ghost})
    records = load_records(root)
    q = month_quota("2026-03", records.registry.households, records.visits, records.tz)
    assert (q.visited, q.visits) == (1, 2)


def test_summary_submitted_late_with_its_reason_is_a_warning(tmp_path):
    """Submitted on the 6th (due on the 5th): an error; with ``late_reason`` a warning at
    ``submitted`` (line 2) naming the reason; hcomm check then exits 0."""
    text = SUMMARY.replace("2026-04-05", "2026-04-06") + "late_reason: 主管4月1日至5日病假\n"
    root = make_office(tmp_path, {**MARCH, "visit-summaries/2026/2026-03.yaml": text})
    code, problems = run_check(root, "2026-04-10 12:00")
    assert found(problems, "VISIT-SUMMARY") == [("warning", 2)] and code == 0
    [p] = [p for p in problems if p["rule"] == "VISIT-SUMMARY"]
    assert "主管4月1日至5日病假" in p["message_zh"] and "逾期（已说明原因）" in p["message_zh"]
    root = make_office(tmp_path / "b", {"visits/2026/2026-03/v1.yaml": VISIT,
                                        "visit-summaries/2026/2026-03.yaml": SUMMARY.replace("2026-04-05", "2026-04-06")})
    [p] = [p for p in run_check(root, "2026-04-10 12:00")[1] if p["rule"] == "VISIT-SUMMARY"]
    assert p["severity"] == "error" and "late_reason:" in p["message_zh"]


def test_late_visit_feedback_names_its_reason(tmp_path):
    # visit 03-05 19:30, feedback 03-16 10:00: day 11, over 7
    late = (VISIT + "feedback_needed: true\n"
            "feedback: {time: 2026-03-16 10:00, text: 已通知保洁班组, late_reason: 业户外出，3月16日才回来}\n")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": late})
    [p] = [p for p in run_check(root)[1] if p["rule"] == "VISIT-FEEDBACK"]
    assert (p["severity"], p["line"]) == ("warning", line_of(late, "feedback:"))
    assert "第 11 天" in p["message_zh"] and "3月16日才回来" in p["message_zh"]


# --- 情况说明 (explanation) when the quota was missed; 知悉 (issue 13) -------------------------

def test_missed_quota_needs_an_explanation(tmp_path):
    # March: 8 households occupied on the 1st → 4 % → 1 required; no visit → missed
    text = "month: 2026-03\nsubmitted: 2026-04-03\nsupervisor: 林主管\ndecisions: []\n"
    march = {"meetings/2026/m03.yaml": MEETING.format(m="03")}
    root = make_office(tmp_path, {**march, "visit-summaries/2026/2026-03.yaml": text})
    code, problems = run_check(root, "2026-04-10 12:00")
    assert found(problems, "VISIT-SUMMARY") == [("error", 1)]
    [p] = [p for p in problems if p["rule"] == "VISIT-SUMMARY"]
    assert p["message_zh"] == ("2026-03 访问未达标（访问 0 户，应至少 1 户，差 1 户），总结里没有情况说明。"
                               "请加上 explanation:（情况说明），写明未达标的原因和改进措施，例如 "
                               "explanation: 本月两名客服请假，下月增加晚间上门访问。")
    explained = text.replace("decisions: []", "explanation: 客服主管休假两周，4 月补访。\ndecisions: []")
    (root / "records/visit-summaries/2026/2026-03.yaml").write_text(explained, encoding="utf-8")
    code, problems = run_check(root, "2026-04-10 12:00")
    assert found(problems, "VISIT-SUMMARY") == [] and found(problems, "VISIT-QUOTA") == [("error", 1)]


def test_summary_key_suggests_explanation(tmp_path):
    text = SUMMARY.replace("supervisor: 林主管\n", "supervisor: 林主管\nsummary: 本月正常\n")
    root = make_office(tmp_path, {**MARCH, "visit-summaries/2026/2026-03.yaml": text})
    code, problems = run_check(root, "2026-04-10 12:00")
    [p] = [p for p in problems if p["rule"] == "RECORD-FIELD"]
    assert (p["line"], p["message_zh"]) == (4, "不认识的字段“summary”（拼写错误？）。是不是“explanation”？")


@pytest.mark.parametrize("decision, expected", [
    ("知悉", []), ("noted", []), ("已阅", []),
    ("知晓", []), ("知悉了", [("error", 5)]),
])
def test_noted_is_a_decision(tmp_path, decision, expected):
    text = SUMMARY.replace("decision: 采纳, note: 楼道每日清扫两次", f"decision: {decision}")
    root = make_office(tmp_path, {**MARCH, "visit-summaries/2026/2026-03.yaml": text})
    code, problems = run_check(root, "2026-04-10 12:00")
    assert found(problems, "VISIT-ESCALATE") == expected
    if expected:
        [p] = [p for p in problems if p["rule"] == "VISIT-ESCALATE"]
        assert "是不是“知悉”？" in p["message_zh"]
