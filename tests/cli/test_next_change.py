"""Issue 16: ``hcomm next-change`` prints the next moment at which a notice changes state (a
timer rebuilds the site then) and ``hcomm build`` says it in one line."""
from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import OUTAGE, make_office

from hcomm_gen.cli import main


def run(root, *args, lang="zh"):
    return CliRunner().invoke(main, ["--root", str(root), "--lang", lang, *args])


def test_next_change_of_the_example_at_10_is_12_30(repo):
    """Hand-checked in tests/domain/test_notice_states.py: the power cut of 2026-12-03
    (08:30–12:30) ends at 12:30, the first change after 10:00."""
    res = run(repo, "next-change", "--now", "2026-12-03 10:00")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [
        "2026-12-03T12:30:00+08:00",
        "下次状态变化：2026-12-03 12:30，N-2026-1128-power 进行中 → 已恢复供电。到时请重新生成（hcomm build）。"]
    en = run(repo, "next-change", "--now", "2026-12-03 10:00", lang="en")
    assert en.output.splitlines()[1] == ("Next state change: 2026-12-03 12:30, N-2026-1128-power in effect → ended. "
                                         "Rebuild then (hcomm build).")
    js = json.loads(run(repo, "next-change", "--now", "2026-12-03 10:00", "--format", "json").output)
    assert js["now"] == "2026-12-03T10:00:00+08:00" and js["next"] == "2026-12-03T12:30:00+08:00"
    assert js["changes"] == [{"id": "N-2026-1128-power", "title": "关于供电部门检修1栋至3栋停电的通知",
                              "from": "in_effect", "to": "ended", "from_zh": "进行中", "to_zh": "已恢复供电"}]


def test_no_next_change_and_a_bad_now(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    res = run(root, "next-change", "--now", "2026-03-05 17:00")  # ended without expiry: archived
    assert res.exit_code == 0
    assert res.output.splitlines() == ["没有通知会再改变状态（没有待发布、开始、结束或归档的通知）。"]
    assert json.loads(run(root, "next-change", "--now", "2026-03-05 17:00", "--format", "json").output)["next"] is None
    bad = run(root, "next-change", "--now", "3月5日")
    assert bad.exit_code == 2 and "--now 的时间不对" in bad.output


def test_build_says_the_next_change(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    res = run(root, "build", "--no-pdf", "--now", "2026-03-05 10:00")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1] == "下次状态变化：2026-03-05 17:00，N-1 进行中 → 已归档。到时请重新生成（hcomm build）。"
