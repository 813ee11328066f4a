"""Issue 16, "Done when" (items 1 and 2): a copy of the example office at 2026-12-08 12:00,
three days after the November visit summary was due (2026-12-05) and not written, with a
complaint answered after 30 hours whose reason is recorded. The board goes out anyway: the
12-10 water cut is on the site and among the sheets; ``hcomm check`` still exits 1 naming the
summary, and the late answer is a warning."""
from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import example_office, line_of

from hcomm_gen.cli import main

NOW = "2026-12-08 12:00"
WATER = "N-2026-1127-water"

# received Tue 2026-12-01 09:00, first response Wed 2026-12-02 15:00: 30 h (due 12-02 09:00)
LATE_ANSWER = """\
id: C-2026-011
kind: 投诉
channel: 电话
received: 2026-12-01 09:00
household: 4-1-0302
topic: 维修
summary: 4栋1单元楼道灯不亮
valid: true
first_response: 2026-12-02 15:00
response_late_reason: 12月1日全体电工在7栋抢修配电箱，次日才回电业户
"""


def test_the_example_publishes_despite_an_overdue_summary(tmp_path, repo, warm_cache):
    root = example_office(tmp_path / "office", warm_cache)
    case = root / "records/cases/2026/2026-12-01-C-2026-011.yaml"
    case.write_text(LATE_ANSWER, encoding="utf-8")

    def run(*args):
        return CliRunner().invoke(main, ["--root", str(root), *args])

    res = run("build", "--now", NOW)
    assert res.exit_code == 0, res.output
    assert res.output.strip().splitlines()[-1] == (
        "已发布；另有 1 个错误、1 个警告不妨碍发布，请用 hcomm check 或 hcomm status 查看。")
    page = (root / f"site/notices/{WATER}/index.html").read_text(encoding="utf-8")
    assert "关于市政供水管网接驳施工停水的通知" in page
    assert f"notices/{WATER}/" in (root / "site/index.html").read_text(encoding="utf-8")
    assert [p.name for p in (root / "print").glob(f"*{WATER}*")] == [f"2026-12-10_outage_{WATER}.pdf"]

    res = run("check", "--now", NOW, "--format", "json")
    assert res.exit_code == 1
    got = [(p["rule"], p["severity"], p["path"].split("records/")[-1], p["line"], p["blocks_publication"])
           for p in json.loads(res.output)]
    assert got == [
        ("CASE-RESPONSE-24H", "warning", "cases/2026/2026-12-01-C-2026-011.yaml",
         line_of(LATE_ANSWER, "first_response:"), False),
        ("VISIT-SUMMARY", "error", "visit-summaries/2026/2026-11.yaml", 1, False)]
    [summary] = [p for p in json.loads(res.output) if p["rule"] == "VISIT-SUMMARY"]
    assert "2026-11 的访问业户总结最迟应在 2026-12-05 提交" in summary["message_zh"]

    # without its reason the late answer is an error again (and still does not stop the board)
    case.write_text(LATE_ANSWER.replace("response_late_reason", "# response_late_reason"), encoding="utf-8")
    res = run("check", "--now", NOW, "--format", "json")
    assert [(p["rule"], p["severity"]) for p in json.loads(res.output)] == [
        ("CASE-RESPONSE-24H", "error"), ("VISIT-SUMMARY", "error")]
    res = run("build", "--now", NOW, "--no-pdf")
    assert res.exit_code == 0 and "另有 2 个错误、0 个警告不妨碍发布" in res.output
