"""Issue 13.2: ``hcomm visits decisions --xlsx / --import`` on a copy of the example office:
the director's decisions (采纳 / 不采纳 / 上报 / 知悉) go from an edited sheet into the month's
visit summary; a bad cell is reported by row and column and nothing is written."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hcomm_gen.cli import main

NOW = "2026-12-08 12:00"
SUMMARY_10 = "records/visit-summaries/2026/2026-10.yaml"


@pytest.fixture
def office(repo, tmp_path):
    root = tmp_path / "office"
    shutil.copytree(repo / "records", root / "records")
    return root


def run(root, *args, lang="zh"):
    return CliRunner().invoke(main, ["--root", str(root), "--lang", lang, *args])


def export(root, month, target):
    res = run(root, "visits", "decisions", "--month", month, "--xlsx", str(target), "--now", NOW)
    assert res.exit_code == 0, res.output
    return load_workbook(target)


def test_export_rows_and_drop_down(office, tmp_path):
    wb = export(office, "2026-10", tmp_path / "d.xlsx")
    ws = wb.active
    assert [c.value for c in ws[1]] == ["访问编号", "意见序号", "访问日期", "业户", "分类", "意见和建议", "决定",
                                        "说明（上报须注明原因）"]
    # 42 visits in October with 65 opinions (the example summary decides 65)
    assert ws.max_row == 1 + 65
    assert [c.value for c in ws[2]] == ["V-2026-10-001", 1, "2026-10-08", "7栋1单元0602", "其他",
                                        "希望管理处把空调支架检查的经验推广到全小区", "采纳", "秩序维护员巡查增加空调支架检查项"]
    [dv] = ws.data_validations.dataValidation
    assert dv.formula1 == '"采纳,不采纳,上报,知悉"' and str(dv.sqref) == "G2:G66"


def test_import_edited_sheet_passes_summary_and_escalate(office, tmp_path):
    """November has no summary yet: export, decide every opinion, import; the summary is
    created, and with its submitted date added the month passes VISIT-SUMMARY and VISIT-ESCALATE."""
    target = tmp_path / "11.xlsx"
    ws_book = export(office, "2026-11", target)
    ws = ws_book.active
    n = ws.max_row - 1
    assert n == 58
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 7).value = "采纳"
    ws["G2"], ws["G3"], ws["H3"], ws["G4"] = "知悉", "上报", "需公司立项, 已上报", "不采纳"
    ws_book.save(target)
    res = run(office, "visits", "decisions", "--month", "2026-11", "--import", str(target), "--now", NOW)
    path = office / "records/visit-summaries/2026/2026-11.yaml"
    assert f"新建 {path}：决定 58 条（采纳 55、不采纳 1、上报 1、知悉 1），其中新增或改动 58 条。" in res.output
    assert "VISIT-SUMMARY" in res.output and "没有提交日期" in res.output and res.exit_code == 1
    text = path.read_text(encoding="utf-8")
    assert 'note: "需公司立项, 已上报"}' in text and text.startswith("# 访问业户总结 2026-11")
    path.write_text(text.replace("supervisor: 林主管\n", "supervisor: 林主管\nsubmitted: 2026-12-03\n"
                                 "explanation: 本月访问 42 户，达标。\n"), encoding="utf-8")
    res = run(office, "check", "--now", NOW, "--format", "json")
    problems = [p for p in __import__("json").loads(res.output)
                if p["rule"] in ("VISIT-SUMMARY", "VISIT-ESCALATE", "RECORD-REF", "RECORD-FIELD")]
    assert problems == [] and res.exit_code == 0, res.output
    # the summary PDF counts the four decisions apart
    pdf = tmp_path / "s.pdf"
    assert run(office, "visits", "summary", "--month", "2026-11", "--now", NOW, "--out", str(pdf)).exit_code == 0
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert "采纳55条，不采纳1条，上报公司1条；知悉1条（无需处理）" in text
    assert "情况说明本月访问42户，达标。" in text


def test_reimport_changes_only_the_edited_lines(office, tmp_path):
    before = (office / SUMMARY_10).read_text(encoding="utf-8")
    target = tmp_path / "10.xlsx"
    wb = export(office, "2026-10", target)
    res = run(office, "visits", "decisions", "--month", "2026-10", "--import", str(target), "--now", NOW)
    assert res.exit_code == 0 and "其中新增或改动 0 条" in res.output, res.output
    assert (office / SUMMARY_10).read_text(encoding="utf-8") == before  # comments and all
    wb.active["G2"] = "知悉"
    wb.save(target)
    res = run(office, "visits", "decisions", "--month", "2026-10", "--import", str(target), "--now", NOW)
    assert res.exit_code == 0 and "没有问题" in res.output, res.output
    after = (office / SUMMARY_10).read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before.splitlines(), after, strict=True) if a != b]
    assert changed == [("  - {visit: V-2026-10-001, opinion: 1, decision: 采纳, note: 秩序维护员巡查增加空调支架检查项}",
                        "  - {visit: V-2026-10-001, opinion: 1, decision: 知悉, note: 秩序维护员巡查增加空调支架检查项}")]


def test_bad_cells_are_reported_and_nothing_written(office, tmp_path):
    before = (office / SUMMARY_10).read_text(encoding="utf-8")
    target = tmp_path / "10.xlsx"
    wb = export(office, "2026-10", target)
    ws = wb.active
    ws["G3"], ws["A4"], ws["G5"], ws["B6"] = "采纳了", "V-2026-11-001", None, 7
    wb.save(target)
    res = run(office, "visits", "decisions", "--month", "2026-10", "--import", str(target), "--now", NOW)
    assert res.exit_code == 1
    lines = [ln for ln in res.output.splitlines() if ln.startswith("10.xlsx")]
    assert lines == [
        "10.xlsx（工作表“主任决定”）: 第 3 行 G 列（决定）：“采纳了”不是可选的决定。是不是“采纳”？请从下拉列表选："
        "采纳、不采纳、上报（超出管理处权限，提交公司客户投诉中心）或 知悉（无需处理，如表扬）。",
        "10.xlsx（工作表“主任决定”）: 第 4 行 A 列（访问编号）：访问编号“V-2026-11-001”不对：这次访问是 2026-11 的，"
        "不属于 2026-10。请改正访问编号，或删去这一行。",
        "10.xlsx（工作表“主任决定”）: 第 5 行 G 列（决定）：没有填写决定。请从下拉列表选：采纳、不采纳、上报、知悉。",
        "10.xlsx（工作表“主任决定”）: 第 6 行 B 列（意见序号）：访问 V-2026-10-003 只有 2 条意见，没有第 7 条。请改正意见序号。",
    ]
    assert "有 4 个单元格需要改正，未写入任何文件" in res.output
    assert (office / SUMMARY_10).read_text(encoding="utf-8") == before


def test_import_with_a_relative_root_updates_the_offices_own_summary(office, tmp_path, monkeypatch):
    """``hcomm --root office visits decisions --import`` from the folder above the office
    updates ``office/records/…/2026-10.yaml`` in place (record paths are relative to the
    current folder: it once wrote ``office/office/records/…`` and said it had worked)."""
    target = tmp_path / "10.xlsx"
    wb = export(office, "2026-10", target)
    wb.active["G2"] = "知悉"
    wb.save(target)
    monkeypatch.chdir(tmp_path)
    res = run("office", "visits", "decisions", "--month", "2026-10", "--import", "10.xlsx", "--now", NOW)
    assert res.exit_code == 0, res.output
    assert "decision: 知悉, note: 秩序维护员巡查增加空调支架检查项" in (office / SUMMARY_10).read_text(encoding="utf-8")
    assert not (office / "office").exists()
