"""Issue 5: the 访问业户总结 PDF (VISIT-SUMMARY, VISIT-ESCALATE, P5.4) and VISIT-FEEDBACK in
``hcomm status``."""
from __future__ import annotations

import re
import subprocess

from click.testing import CliRunner
from helpers import VISIT, make_office

from hcomm_gen.cli import main
from hcomm_gen.domain.visits import month_summary
from hcomm_gen.records.loader import load_records


def squash(text: str) -> str:
    """``text`` without white space (pdftotext breaks lines anywhere)."""
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return squash(out)


def test_summary_figures_small_office(tmp_path):
    two = VISIT.replace("id: V-1", "id: V-2").replace("1-1-0102", "1-2-0101").replace(
        "mode: 上门", "mode: 电话").replace("appointment: {made: 2026-03-01 10:00, for: 2026-03-05 19:30}\n", "").replace(
        "topics: [保洁]", "topics: [保洁, 绿化]").replace(
        "  - {topic: 保洁, text: 楼道需要更勤打扫}", "  - {topic: 保洁, text: 垃圾桶太少}\n  - {topic: 绿化, text: 希望加装围栏防止踩踏}")
    summary = ("month: 2026-03\nsubmitted: 2026-04-03\nsupervisor: 林主管\ndecisions:\n"
               "  - {visit: V-1, opinion: 1, decision: 采纳, note: 楼道每日清扫两次}\n"
               "  - {visit: V-2, opinion: 2, decision: 上报, note: 需动用公共收益}\n")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT, "visits/2026/2026-03/v2.yaml": two,
                                  "visit-summaries/2026/2026-03.yaml": summary})
    rec = load_records(root)
    s = month_summary("2026-03", rec.registry.households, rec.visits, rec.visit_summaries, rec.tz)
    assert dict(s.by_mode) == {"上门": 1, "办公室": 0, "户外": 0, "问卷": 0, "电话": 1, "其他": 0}
    topics = {t: (nv, no) for t, nv, no in s.by_topic}
    assert topics["保洁"] == (2, 2) and topics["绿化"] == (1, 1) and len(topics) == 10
    assert [(o.visit.id, o.number, o.decision) for o in s.opinions] == [
        ("V-1", 1, "采纳"), ("V-2", 1, None), ("V-2", 2, "上报")]
    assert [(o.visit.id, o.number) for o in s.escalated] == [("V-2", 2)]
    assert [(o.visit.id, o.number) for o in s.undecided] == [("V-2", 1)]
    assert s.decisions == {"采纳": 1, "不采纳": 0, "上报": 1, "知悉": 0}
    assert (s.quota.required, s.quota.visited, s.quota.met) == (1, 2, True)
    # the undecided opinion is an error once submitted (VISIT-ESCALATE)
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", "2026-04-03 12:00"])
    assert res.exit_code == 1 and "VISIT-ESCALATE" in res.output and "V-2" in res.output


def test_summary_pdf_of_example_goes_to_internal(repo, tmp_path):
    # write into a temp copy's internal/ so the working tree stays clean
    import shutil
    root = tmp_path / "office"
    shutil.copytree(repo / "records", root / "records")
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "summary", "--month", "2026-10"])
    assert res.exit_code == 0, res.output
    pdf = root / "internal" / "visit-summary-2026-10.pdf"
    assert pdf.exists() and str(pdf) in res.output
    rec = load_records(root)
    s = month_summary("2026-10", rec.registry.households, rec.visits, rec.visit_summaries, rec.tz)
    text = pdf_text(pdf)
    assert "访问业户总结" in text and "2026年10月" in text and "内部资料不得公开" in text
    assert f"实际访问户数{s.quota.visited}户" in text and ("达标" in text)
    for mode, n in s.by_mode:
        assert f"{mode}{n}" in text
    # the escalation section lists exactly the 上报 opinions, after the full opinion table
    tail = text.split("提交公司客户投诉中心的问题")[1]
    assert s.escalated and all(re.sub(r"\s+", "", o.text) in tail for o in s.escalated)
    assert tail.count("V-2026-10-") == len(s.escalated)
    assert not (root / "site").exists()


def test_summary_draft_when_no_record(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    out = tmp_path / "draft.pdf"
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "summary", "--month", "2026-03",
                                    "--out", str(out)])
    assert res.exit_code == 0 and "待决定 1 条" in res.output
    text = pdf_text(out)
    assert "草稿" in text and "本月没有上报公司的问题" in text and "楼道需要更勤打扫" in text


def test_feedback_owed_in_status(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT + "feedback_needed: true\n"})
    res = CliRunner().invoke(main, ["--root", str(root), "status", "--today", "2026-03-10 12:00"])
    assert res.exit_code in (0, 1), res.output
    assert "V-1" in res.output and "反馈" in res.output


def test_summary_of_the_current_month_is_in_progress(tmp_path):
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    out = tmp_path / "april.pdf"
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "summary", "--month", "2026-04",
                                    "--out", str(out), "--now", "2026-04-10 12:00"])
    assert res.exit_code == 0, res.output
    assert "0/1 户，进行中" in res.output and "未达标" not in res.output
    sheet = pdf_text(out)
    assert squash("进行中（目前 0 / 1 户，还差 1 户）") in sheet and "未达标" not in sheet
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "summary", "--month", "2026-04",
                                    "--out", str(out), "--now", "2026-05-02 12:00"])
    assert "0/1 户，未达标，差 1 户" in res.output
    assert squash("未达标，差 1 户") in pdf_text(out)


def test_relative_pdf_paths_are_relative_to_the_current_folder(tmp_path, monkeypatch):
    """Decision: an explicit --out / --pdf is relative to the current folder (like any shell
    tool), the default summary goes to <root>/internal/; the absolute path is printed."""
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT})
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    run = lambda *a: CliRunner().invoke(main, ["--root", str(root), "visits", *a])  # noqa: E731
    res = run("summary", "--month", "2026-03", "--out", "internal/s.pdf")
    assert res.exit_code == 0, res.output
    assert (here / "internal/s.pdf").is_file() and not (root / "internal/s.pdf").exists()
    assert str(here / "internal/s.pdf") in res.output
    res = run("plan", "--month", "2026-04", "--pdf", "internal/plan.pdf")
    assert res.exit_code == 0, res.output
    assert (here / "internal/plan.pdf").is_file() and str(here / "internal/plan.pdf") in res.output
    res = run("summary", "--month", "2026-03")
    assert (root / "internal/visit-summary-2026-03.pdf").is_file()
    assert str(root / "internal/visit-summary-2026-03.pdf") in res.output
    # the defaults and the rule are in --help (English: --lang en; Chinese by default)
    en = lambda *a: CliRunner().invoke(main, ["--lang", "en", "visits", *a])  # noqa: E731
    helps = en("summary", "--help").output + en("plan", "--help").output
    zh = " ".join(run("summary", "--help").output.split())
    assert "默认 <root>/internal/visit-summary-YYYY-MM.pdf" in zh
    squashed = " ".join(helps.split())
    assert "default <root>/internal/visit-summary-YYYY-MM.pdf" in squashed
    assert squashed.count("relative to the current folder") == 2
