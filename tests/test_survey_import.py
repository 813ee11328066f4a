"""`hcomm survey import` (spreadsheet → answers.yaml) and `hcomm survey report` (internal table)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from office import make_office
from openpyxl import Workbook

from hcomm_gen.cli import main
from hcomm_gen.compute.survey import parse_answer
from hcomm_gen.load.survey_import import cell_ticks, column_letter, import_answers

from office import SURVEY_ROUND as ROUND  # noqa: E402


def xlsx(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("cell, ticks", [
    ("满意", ("满",)), ("基本满意", ("基",)), ("不满意", ("不",)), ("不", ("不",)),
    ("", ()), ("空", ()), ("未选", ()),
    ("满意、不满意", ("满", "不")), ("基本满意,满意", ("满", "基")), ("满/不", ("满", "不")),
    ("(满不)", ("满", "不")), ("（满基不）", ("满", "基", "不")), ("满意 基本满意", ("满", "基")),
])
def test_cell_spellings(cell, ticks):
    assert cell_ticks(cell) == ticks


@pytest.mark.parametrize("cell", ["很好", "不满", "满意满意", "满意、满意", "3"])
def test_bad_cells(cell):
    with pytest.raises(ValueError):
        cell_ticks(cell)


def test_column_letters():
    assert [column_letter(c) for c in (1, 3, 26, 27, 52)] == ["A", "C", "Z", "AA", "AZ"]


def test_import_xlsx_keeps_ticks_and_suggestions(tmp_path):
    f = xlsx(tmp_path / "s.xlsx", [
        ["编号", "第1题", "第2题", "第3题", "建议", "建议分类"],
        [1, "满意", "不满意", "基本满意", "楼道多打扫", "保洁"],
        [2, "满意、不满意", None, "满意", None, None],
        [None, None, None, None, None, None],          # an empty row is skipped
        [3, "基本满意", "基本满意", "不满意", "希望加快报修", None],
    ])
    res = import_answers(f, 3)
    assert res.problems == []
    assert res.answers == ["满不基", "(满不)空满", "基基不"]
    assert [parse_answer(a) for a in res.answers][1] == [("满", "不"), (), ("满",)]
    assert res.suggestions == [{"topic": "保洁", "text": "楼道多打扫"}, {"topic": None, "text": "希望加快报修"}]
    assert (res.rows, res.skipped) == (3, 1)


def test_bad_cells_reported_by_row_and_column(tmp_path):
    f = xlsx(tmp_path / "s.xlsx", [
        ["1", "2", "3"],
        ["满意", "满意", "满意"],
        ["满意", "很好", "满意"],
        ["不满", "满意", "满意"],
    ])
    res = import_answers(f, 3)
    got = [(p.row, column_letter(p.col), p.item, p.value) for p in res.problems]
    assert got == [(3, "B", 2, "很好"), (4, "A", 1, "不满")]
    assert res.problems[0].format() .startswith("第 3 行 B 列（第 2 题）：")
    assert res.problems[0].format("en").startswith("row 3, column B (item 2): ")


def test_header_problems(tmp_path):
    f = xlsx(tmp_path / "s.xlsx", [["1", "3", "4", "备注"], ["满意", "满意", "满意", ""]])
    msgs = [p.format() for p in import_answers(f, 3).problems]
    assert any("表头“备注”" in m and "D 列" in m for m in msgs)
    assert any("缺少第 2 题" in m for m in msgs)
    assert any("没有第 4 题" in m and "C 列" in m for m in msgs)


def test_csv_in_gbk(tmp_path):
    f = tmp_path / "s.csv"
    with f.open("w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["1", "2"])
        w.writerow(["满意", "不满意"])
        w.writerow(["", "(满基)"])
    assert import_answers(f, 2).answers == ["满不", "空(满基)"]


def test_cli_import_writes_the_record_that_check_reads(tmp_path):
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": ROUND})
    rows = [["1", "2", "3", "建议", "建议分类"]]
    rows += [["满意", "不满意", "满意", None, None]] * 3 + [["满意", "满意", "基本满意", "希望多打扫: 楼道", "保洁"]] * 2
    f = xlsx(tmp_path / "2026-06问卷.xlsx", rows)
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f)])
    assert r.exit_code == 0, r.output
    text = (root / "records/surveys/2026-06/answers.yaml").read_text(encoding="utf-8")
    assert "  - 满不满\n" in text and '"希望多打扫: 楼道"' in text
    r = CliRunner().invoke(main, ["--root", str(root), "check", "--now", "2026-11-29 12:00"])
    assert r.exit_code == 0, r.output
    # a second import refuses to overwrite without --force
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f)])
    assert r.exit_code == 2


def test_cli_import_bad_cells_write_nothing(tmp_path):
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": ROUND})
    f = xlsx(tmp_path / "x.xlsx", [["1", "2", "3"], ["满意", "还行", "满意"]])
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f), "--round", "2026-06"])
    assert r.exit_code == 1
    assert "第 2 行 B 列（第 2 题）" in r.output
    assert not (root / "records/surveys/2026-06/answers.yaml").exists()


def test_cli_report_writes_pdf_and_csv_into_internal(tmp_path):
    answers = "answers:\n  - 满不满\n  - 满不基\n  - 基不不\n  - 满满满\n  - 满基满\n"
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": ROUND,
                                  "surveys/2026-06/answers.yaml": answers})
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "report", "2026-06",
                                  "--now", "2026-11-29 12:00"])
    assert r.exit_code == 0, r.output
    pdf = root / "internal/问卷结果统计表_2026-06.pdf"
    csv_text = (root / "internal/问卷结果统计表_2026-06.csv").read_text(encoding="utf-8-sig")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    # 5 of 8 returned = 62.5 %; item 2: 1 满 1 基 3 不 → 2/5 = 40 %;
    # overall: item 1 满4 基1, item 2 满1 基1 不3, item 3 满3 基1 不1 → 满8 基3 不4 → 11/15 = 220/3 %
    assert "回收率(%),62.5,125/2" in csv_text
    assert "2,楼道清洁,保洁,1,1,3,0,0,0,40.0,40,40.0,40" in csv_text
    assert ",总体（全部项目答案合计）,,8,3,4,0,0,0,73.3,220/3,73.3,220/3" in csv_text
    # Pareto: item 2 (3 of 4 = 75 %) main, item 3 (cumulative 100 %) not
    assert "1,2,楼道清洁,3,75.0,75,75.0,75,是" in csv_text
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "report", "2026-12"])
    assert r.exit_code == 2


def test_written_record_reads_back_the_same(tmp_path):
    from hcomm_gen.load.models import SurveyAnswers
    from hcomm_gen.load.records import parse_record
    from hcomm_gen.load.survey_import import ImportResult, answers_yaml
    from hcomm_gen.load.yamlsrc import load_text

    texts = ["希望增加快递柜", "null", "a, b", "#号楼", "说明: 见附件", " 前后空格 ", "'引号'", "- 列表"]
    res = ImportResult(answers=["满(满不)空"], suggestions=[{"topic": "其他", "text": t} for t in texts])
    src, probs = load_text(answers_yaml(res, "x.xlsx"), "answers.yaml")
    assert probs == []
    rec, probs = parse_record(SurveyAnswers, src, None)
    assert probs == []
    assert rec.answers == ["满(满不)空"]
    assert [s.text for s in rec.suggestions] == texts
