"""Issue 2 rules: each broken record gives exit 1 and the right rule ID at the right line."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import MEETING, OUTAGE, PEST, VISIT, check_json, line_of, make_office

from hcomm_gen.cli import main

# the 5th: March is complete (VISIT-QUOTA applies) and its visit summary is not overdue yet
# (VISIT-SUMMARY, P5.4.1: due on the 5th of the next month; tested in test_visits.py)
NOW = "2026-04-05 12:00"


def run_check(root, *args):
    return check_json(root, NOW, *args)


#: the owners' meeting of March: the offices below begin in March (their first record), so
#: March owes its meeting (MEETING-MONTHLY) besides its visit quota
MARCH_MEETING = {"meetings/2026/m03.yaml": MEETING.format(m="03")}


def codes(problems):
    return {(p["rule"], p["line"]) for p in problems}


def test_good_records_pass(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": PEST,
                                  "visits/2026/2026-03/v1.yaml": VISIT, **MARCH_MEETING})
    code, problems = run_check(root)
    # March visited 1 of 8 occupied → 4 % → ceil(0.32) = 1 required: met
    assert (code, problems) == (0, [])


@pytest.mark.parametrize("rule, text, needle", [
    # pest control without warning signs
    ("NOTICE-PEST", PEST.replace("warning_signs: [1栋大堂]\n", ""), "kind:"),
    # pest control announced after it started
    ("NOTICE-PEST", PEST.replace("published: 2026-03-01 09:00", "published: 2026-03-05 10:00"), "published:"),
])
def test_notice_pest(tmp_path, rule, text, needle):
    root = make_office(tmp_path, {"notices/2026/n2.yaml": text})
    code, problems = run_check(root)
    assert code == 1
    assert (rule, line_of(text, needle)) in codes(problems)


@pytest.mark.parametrize("mutate, needle", [
    (lambda t: t.replace("areas: [1栋]\n", ""), "kind:"),
    (lambda t: t.replace("actions: 请提前储水。\n", ""), "kind:"),
    (lambda t: t.replace("channels: [通知单]", "channels: [微信群]"), "channels:"),
    (lambda t: t.replace("end: 2026-03-05 17:00", "end: 2026-03-05 08:00"), "end:"),
])
def test_notice_outage(tmp_path, mutate, needle):
    text = mutate(OUTAGE)
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    code, problems = run_check(root)
    assert code == 1
    assert ("NOTICE-OUTAGE", line_of(text, needle)) in codes(problems)


def test_notice_lead(tmp_path):
    # published 2026-03-04 20:00 for a 09:00 cut next day: 13 h < 1 day
    text = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-04 20:00")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    code, problems = run_check(root)
    assert code == 1
    found = [p for p in problems if p["rule"] == "NOTICE-LEAD"]
    assert [(p["line"], p["column"]) for p in found] == [(5, 12)]
    assert "13 小时" in found[0]["message_zh"] and "2026-03-04 09:00" in found[0]["message_zh"]


def test_notice_lead_exactly_one_day_is_fine(tmp_path):
    text = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-04 09:00")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text, "visits/2026/2026-03/v1.yaml": VISIT,
                                  **MARCH_MEETING})
    assert run_check(root) == (0, [])


def test_visit_signature_missing_is_error_refused_is_fine(tmp_path):
    missing = VISIT.replace("signature: 已签名\n", "")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": missing})
    code, problems = run_check(root)
    assert code == 1 and ("VISIT-SIGNATURE", 1) in codes(problems)
    refused = VISIT.replace("signature: 已签名", "signature: 拒绝签名")
    root2 = make_office(tmp_path / "b", {"visits/2026/2026-03/v1.yaml": refused, **MARCH_MEETING})
    assert run_check(root2) == (0, [])


def test_visit_signature_yaml_no_is_not_a_signature(tmp_path):
    text = VISIT.replace("signature: 已签名", "signature: no")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    code, problems = run_check(root)
    assert code == 1 and ("VISIT-SIGNATURE", line_of(text, "signature")) in codes(problems)


@pytest.mark.parametrize("clock, expected", [
    ("21:59", None),
    ("22:00", "error"),
    ("22:30", "error"),
])
def test_visit_2200(tmp_path, clock, expected):
    text = VISIT.replace("19:30", clock)
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text, **MARCH_MEETING})
    code, problems = run_check(root)
    found = [p for p in problems if p["rule"] == "VISIT-2200"]
    if expected is None:
        assert (code, found) == (0, [])
    else:
        assert code == 1
        assert [(p["severity"], p["line"]) for p in found] == [("error", line_of(text, "time:"))]
        assert f"2026-03-05 {clock}" in found[0]["message_zh"]


def test_visit_2230_with_reason_is_a_warning(tmp_path):
    text = VISIT.replace("19:30", "22:30") + "late_reason: 业户白天上班，本人要求晚间来访\n"
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text, **MARCH_MEETING})
    code, problems = run_check(root)
    assert code == 0
    assert [(p["rule"], p["severity"]) for p in problems] == [("VISIT-2200", "warning")]
    code, _ = run_check(root, "--strict")
    assert code == 1


def test_visit_quota_short_month(tmp_path):
    # visits in January only; February (complete by 2026-04-05) has none: 8 occupied on
    # 2026-02-01 → 4 % → ceil(0.32) = 1 required, 0 visited
    jan = VISIT.replace("2026-03", "2026-01")
    root = make_office(tmp_path, {"visits/2026/2026-01/v1.yaml": jan})
    code, problems = run_check(root)
    assert code == 1
    quota = [p for p in problems if p["rule"] == "VISIT-QUOTA"]
    assert len(quota) == 2  # February and March are both complete months with 0 visits
    assert "2026-02 只访问了 0 户" in quota[0]["message_zh"]
    assert "至少应访问 1 户" in quota[0]["message_zh"]


def test_visit_quota_return_visit_does_not_count(tmp_path):
    case = """\
    id: C-1
    kind: 投诉
    channel: 电话
    received: 2026-02-20 10:00
    household: 1-1-0102
    topic: 维修
    summary: 水管漏水
    valid: true
    first_response: 2026-02-20 11:00
    """
    ret = VISIT.replace("signature: 已签名", "signature: 已签名\nreturn_visit: true\nfollows_case: C-1")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": ret, "cases/2026/c1.yaml": case})
    code, problems = run_check(root)
    assert code == 1
    # March: its only visit is a return visit, 0 of 1 required; February (the office's first
    # month, from the case received on 02-20) has no visit at all
    assert [p["message_en"].split(" (")[0] for p in problems if p["rule"] == "VISIT-QUOTA"] == [
        "2026-02: 0 distinct households visited", "2026-03: 0 distinct households visited"]


def test_text_output_format(tmp_path):
    text = VISIT.replace("19:30", "22:00")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", NOW])
    assert res.exit_code == 1
    line = [ln for ln in res.output.splitlines() if "VISIT-2200" in ln][0]
    # time: is line 6; the value starts at column 7
    assert line.endswith("写明原因。")
    assert "records/visits/2026/2026-03/v1.yaml:6:7: 错误 VISIT-2200 (P5.3.1): 上门访问时间是 2026-03-05 22:00" in line


def test_usage_errors_exit_2(tmp_path):
    root = make_office(tmp_path, {})
    assert CliRunner().invoke(main, ["--root", str(root), "check", "--bogus"]).exit_code == 2
    assert CliRunner().invoke(main, ["--root", str(root), "check", "--now", "昨天"]).exit_code == 2
    assert CliRunner().invoke(main, ["--root", str(tmp_path / "nowhere"), "check"]).exit_code == 2


def test_example_community_is_clean(repo):
    res = CliRunner().invoke(main, ["--root", str(repo), "check", "--now", "2026-11-29 12:00"])
    assert res.exit_code == 0, res.output


def test_a_bug_in_hcomm_is_one_line_and_exit_4(tmp_path, monkeypatch):
    from hcomm_gen.app import checking

    def broken(*a, **k):
        raise KeyError("boom")
    monkeypatch.setattr(checking, "check", broken)
    root = make_office(tmp_path, {})
    res = CliRunner().invoke(main, ["--root", str(root), "check"])
    assert res.exit_code == 4
    assert "hcomm 内部错误" in res.output and "Traceback" not in res.output


# --- new-user test: PATHS that match nothing, unread files, answers without a round ------------

BROKEN = PEST.replace("warning_signs: [1栋大堂]\n", "")


@pytest.mark.parametrize("path", ["zz.yml", "records/nope.yaml", "records\\notices\\2026\\zz.yaml"])
def test_check_path_that_matches_nothing_is_a_usage_error(tmp_path, path):
    root = make_office(tmp_path, {"notices/2026/n2.yaml": BROKEN})
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", NOW, path])
    assert res.exit_code == 2, res.output
    assert f"找不到文件或文件夹：{path}" in res.output


def test_check_windows_path_is_read_with_slashes(tmp_path, monkeypatch):
    root = make_office(tmp_path, {"notices/2026/n2.yaml": BROKEN})
    monkeypatch.chdir(root)
    code, problems = run_check(root, "records\\notices\\2026\\n2.yaml")
    assert code == 1 and ("NOTICE-PEST", line_of(BROKEN, "kind:")) in codes(problems)


def test_check_path_relative_to_the_office_folder(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n2.yaml": BROKEN})
    code, problems = run_check(root, "records/notices/2026/n2.yaml")
    assert code == 1 and ("NOTICE-PEST", line_of(BROKEN, "kind:")) in codes(problems)


def test_files_with_other_endings_are_warned_about(tmp_path):
    root = make_office(tmp_path, {"notices/2026/a.yaml.txt": OUTAGE, "notices/2026/b.yml.txt": OUTAGE,
                                  "notices/2026/c.txt": OUTAGE, "notices/2026/.hidden": "x",
                                  "README.md": "# 记录\n", "notice/2026/d.yaml": OUTAGE})
    code, problems = run_check(root)
    assert code == 0
    got = {(p["path"].rsplit("/", 1)[-1], p["line"], p["column"], p["severity"], p["rule"]) for p in problems}
    assert got == {(n, 1, 1, "warning", "RECORD-FIELD") for n in ("a.yaml.txt", "b.yml.txt", "c.txt", "d.yaml")}
    msgs = {p["path"].rsplit("/", 1)[-1]: p["message_zh"] for p in problems}
    assert all(msgs[n].startswith("这个文件不会被读取：扩展名应为 .yaml") for n in ("a.yaml.txt", "b.yml.txt", "c.txt"))
    assert "a.yaml" in msgs["a.yaml.txt"] and "b.yml" in msgs["b.yml.txt"] and "c.yaml" in msgs["c.txt"]
    assert "“notices”" in msgs["d.yaml"]


def test_answers_without_a_round_is_an_error(tmp_path):
    root = make_office(tmp_path, {"surveys/2026-12/answers.yaml": "answers: [满满满]\n"})
    code, problems = run_check(root)
    assert code == 1
    assert [(p["rule"], p["path"].rsplit("/", 3)[-3:], p["line"], p["column"]) for p in problems] == [
        ("RECORD-REF", ["surveys", "2026-12", "answers.yaml"], 1, 1)]
    assert "有答卷 answers.yaml 但没有 round.yaml" in problems[0]["message_zh"]


def test_a_missing_file_is_reported_at_line_1_column_1(tmp_path):
    root = make_office(tmp_path)
    (root / "records" / "community.yaml").unlink()
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", NOW])
    assert res.exit_code == 1
    assert "records/community.yaml:1:1: 错误 RECORD-FIELD" in res.output, res.output


def check_as_of(root, now="2026-04-10 12:00"):
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", now, "--format", "json"])
    return res


@pytest.mark.parametrize("rel, text, line", [
    ("visit-summaries/2026/2026-01.yaml", "month: 0000-01\nsubmitted: 2026-02-03\n", 1),
    ("visit-summaries/2026/2026-02.yaml", "month: 9999-12\nsubmitted: 2026-02-03\n", 1),
    ("notices/2026/n1.yaml", OUTAGE.replace("end: 2026-03-05 17:00", "end: 2026-03-05 17:00\nexpires: 9999-12-31"), 8),
    ("notices/2026/n2.yaml", "channels: &a [宣传栏, *a]\n", 1),
])
def test_no_traceback(tmp_path, rel, text, line):
    res = check_as_of(make_office(tmp_path, {rel: text}))
    assert res.exit_code == 1, res.output
    assert "内部错误" not in res.output and "Traceback" not in res.output
    assert f'"line": {line}' in res.output
