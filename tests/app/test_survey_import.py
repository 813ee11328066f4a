"""`hcomm survey import` (spreadsheet → answers.yaml) and `hcomm survey report` (internal table)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SURVEY_ROUND as ROUND  # noqa: E402
from helpers import make_office
from openpyxl import Workbook

from hcomm_gen.app.survey_import import cell_ticks, column_letter, import_answers
from hcomm_gen.cli import main
from hcomm_gen.domain.survey import parse_answer


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
    # the round and its answers pass (the office's monthly obligations since June are another matter)
    r = CliRunner().invoke(main, ["--root", str(root), "check", "records/surveys/2026-06", "--now", "2026-11-29 12:00"])
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
    from hcomm_gen.app.survey_import import ImportResult, answers_yaml
    from hcomm_gen.records.loader import parse_record
    from hcomm_gen.records.models import SurveyAnswers
    from hcomm_gen.records.yamlsrc import load_text

    texts = ["希望增加快递柜", "null", "a, b", "#号楼", "说明: 见附件", " 前后空格 ", "'引号'", "- 列表"]
    res = ImportResult(answers=["满(满不)空"], suggestions=[{"topic": "其他", "text": t} for t in texts])
    src, probs = load_text(answers_yaml(res, "x.xlsx"), "answers.yaml")
    assert probs == []
    rec, probs = parse_record(SurveyAnswers, src, None)
    assert probs == []
    assert rec.answers == ["满(满不)空"]
    assert [s.text for s in rec.suggestions] == texts


# --- lenient spellings, short and long rows, empty rows (tester's report) ------------------

@pytest.mark.parametrize("cell, ticks", [
    ("满", ("满",)),                                   # the short form alone is one tick
    ("基本满意 不满意", ("基", "不")),                  # a space separates two ticks
    ("满意,基本满意", ("满", "基")),                    # a comma too (quoted in a CSV)
    ("基本满意、", ("基",)),                            # a trailing 、 is dropped
    ("满意，", ("满",)),
    ("满意 ", ("满",)), ("\u3000满意", ("满",)), ("不满意\u3000", ("不",)),   # full-width space
    ("基本满意\u00a0", ("基",)), ("\ufeff满意", ("满",)),
    ("（满 不）", ("满", "不")), ("\u3000", ()), ("空 ", ()),
])
def test_lenient_spellings_are_normalised(cell, ticks):
    assert cell_ticks(cell) == ticks


@pytest.mark.parametrize("cell", ["满基", "满 意", "满意。", "很满意"])
def test_spellings_still_refused(cell):
    with pytest.raises(ValueError):
        cell_ticks(cell)


def csv_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


HEAD12 = ",".join(str(k) for k in range(1, 13))
FULL12 = "满意,基本满意,不满意,,满,基,不,空,满意、不满意,满意 ,基本满意、,不满意\u3000"
# by hand: 满 基 不 空 满 基 不 空 (满不) 满 基 不
FULL12_ANSWER = "满基不空满基不空(满不)满基不"


def test_csv_short_and_long_rows_and_empty_row(tmp_path):
    f = csv_file(tmp_path / "s.csv", "\n".join([
        HEAD12,                                   # row 1
        FULL12,                                   # row 2: fine
        "满意,满意,满意",                          # row 3: 3 cells of 12
        ",,,,,,,,,,,",                            # row 4: 12 empty cells → skipped
        FULL12 + ",满意,很好",                     # row 5: 14 cells → M, N extra
        '满意,"满意,基本满意",' + ",".join(["满"] * 10),   # row 6: quoted comma = two ticks
        FULL12 + ",",                             # row 7: a trailing comma → M extra (empty)
        "",                                       # row 8: empty line at the end: not listed
    ]) + "\n")
    res = import_answers(f, 12)
    assert res.answers == [FULL12_ANSWER, "满(满基)" + "满" * 10]
    assert (res.rows, res.skipped, res.skipped_rows) == (5, 1, [4])
    msgs = [p.format() for p in res.problems]
    assert msgs[0] == ("第 3 行只有 3 个答案，应有 12 个（第 1–12 题）——缺的请留空格但保留逗号/单元格"
                       "（如“满意,,不满意”：第 2 题未选）。")
    assert msgs[1].startswith("第 5 行多出 2 列（M、N 列）：“满意”、“很好”。问卷共 12 题")
    assert msgs[2].startswith("第 7 行多出 1 列（M 列，都是空的：行末多了逗号）。")
    assert len(msgs) == 3
    en = res.problems[0].format("en")
    assert en.startswith("row 3 has only 3 answers, expected 12 (items 1–12)")
    assert res.problems[1].format("en").startswith("row 5 has 2 extra column(s) (M, N): 满意, 很好.")


def test_csv_unquoted_comma_is_two_cells_and_reported(tmp_path):
    # 满意,基本满意 unquoted in item 1 shifts the row: 4 cells under a 3-item header
    f = csv_file(tmp_path / "s.csv", "1,2,3\n满意,基本满意,不满意,满意\n")
    res = import_answers(f, 3)
    assert res.answers == []
    assert [p.format() for p in res.problems][0].startswith("第 2 行多出 1 列（D 列）：“满意”。")


def test_csv_short_row_counts_item_cells_only(tmp_path):
    # 编号 in A, items in B–D, 建议 in E: row 3 has 编号 and one answer → 1 of 3;
    # row 4 stops after the last item (no 建议 cell): fine, the suggestion is optional
    f = csv_file(tmp_path / "s.csv", "编号,1,2,3,建议\n1,满意,,不满意,多打扫\n2,满意\n3,基,基,基\n")
    res = import_answers(f, 3)
    assert res.answers == ["满空不", "基基基"]
    assert [p.format() for p in res.problems] == [
        "第 3 行只有 1 个答案，应有 3 个（第 1–3 题）——缺的请留空格但保留逗号/单元格（如“满意,,不满意”：第 2 题未选）。"]
    assert res.suggestions == [{"topic": None, "text": "多打扫"}]


def test_xlsx_trailing_empty_cells_are_blanks_but_stray_cells_are_reported(tmp_path):
    f = xlsx(tmp_path / "s.xlsx", [
        ["1", "2", "3", "建议"],                       # row 1; the sheet is 6 columns wide (row 6)
        ["满意"],                                      # row 2: B, C missing → blank, blank
        ["基本满意 不满意", "满意 ", "不满意\u3000"],    # row 3: two ticks, trailing spaces
        [None, None, None, None],                      # row 4: skipped
        ["满意", "满意", "满意", "楼道脏"],              # row 5
        ["满意", "满意", "满意", None, None, "满意"],    # row 6: F is right of the header
        ["满意", None, None, None, "  "],              # row 7: a space-only cell in E is empty
    ])
    res = import_answers(f, 3)
    assert res.answers == ["满空空", "(基不)满不", "满满满", "满空空"]
    assert res.skipped_rows == [4]
    assert [p.format() for p in res.problems] == [
        "第 6 行多出 1 列（F 列）：“满意”。问卷共 3 题，这些列在表头里不是题号，也不是“建议”“建议分类”列；"
        "请删去，或检查这一行的答案是否错了位。"]


def test_xlsx_fourteen_cells_under_twelve_items(tmp_path):
    f = xlsx(tmp_path / "s.xlsx", [list(range(1, 13)), ["满意"] * 14, ["满意"] * 12 + [None, None]])
    res = import_answers(f, 12)
    assert res.answers == ["满" * 12]
    assert [p.format() for p in res.problems][0].startswith("第 2 行多出 2 列（M、N 列）：“满意”、“满意”。")


def test_cli_summary_names_skipped_rows_and_row_problems(tmp_path):
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": ROUND})
    f = csv_file(tmp_path / "s.csv", "1,2,3\n满意,满意,满意\n,,\n基本满意 不满意,满意 ,基本满意、\n")
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f), "--round", "2026-06"])
    assert r.exit_code == 0, r.output
    assert "导入 2 份问卷（3 题）" in r.output and "跳过 1 个空行（第 3 行；" in r.output
    text = (root / "records/surveys/2026-06/answers.yaml").read_text(encoding="utf-8")
    assert "  - 满满满\n  - (基不)满基\n" in text
    f = csv_file(tmp_path / "t.csv", "1,2,3\n满意,满意\n满意,满意,满意,满意\n")
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f), "--round", "2026-06",
                                  "--force"])
    assert r.exit_code == 1
    assert "t.csv: 第 2 行只有 2 个答案，应有 3 个（第 1–3 题）" in r.output
    assert "t.csv: 第 3 行多出 1 列（D 列）" in r.output
    assert "有 2 处（单元格或整行）需要改正，未写入任何文件。" in r.output
    assert "  - 满满满\n" in (root / "records/surveys/2026-06/answers.yaml").read_text(encoding="utf-8")


def test_a_suggestion_on_two_lines_survives_import_and_yaml(tmp_path):
    """A quoted CSV cell with a line break keeps it, and the answers record reads back the same."""
    import yaml

    from hcomm_gen.app.survey_import import answers_yaml, import_answers
    f = tmp_path / "s.csv"
    f.write_text('1,2,建议\n满意,不满意,"电梯太慢\n希望更换"\n基本满意,满意,\n', encoding="utf-8")
    res = import_answers(f, 2)
    assert not res.problems and res.suggestions == [{"topic": None, "text": "电梯太慢\n希望更换"}]
    data = yaml.safe_load(answers_yaml(res, "s.csv"))
    assert data["suggestions"][0]["text"] == "电梯太慢\n希望更换"
    assert len(data["answers"]) == 2


def test_the_round_is_told_by_the_file_name_else_the_only_round_waiting(tmp_path):
    from hcomm_gen.app.survey_import import guess_round, import_target
    from hcomm_gen.core.errors import UsageError

    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": ROUND})
    assert guess_round(Path("2026年12问卷.xlsx"), root) == "2026-12"
    assert guess_round(Path("问卷.xlsx"), root) == "2026-06"  # the only round without answers
    where = import_target(root, Path("问卷.xlsx"), None, None)
    assert (where.round, where.n_items) == ("2026-06", 3)
    (root / "records/surveys/2026-06/answers.yaml").write_text("answers: []\n", encoding="utf-8")
    assert guess_round(Path("问卷.xlsx"), root) is None  # no round waits any more
    with pytest.raises(UsageError):
        where.refuse_overwrite(force=False)
    where.refuse_overwrite(force=True)


EXAMPLE_ROUND = Path(__file__).resolve().parents[2] / "records" / "surveys" / "2026-06" / "round.yaml"


def numbered_template(path: Path, answered: int, delivered: int, items: int) -> Path:
    """The office's template: 序号 1…``delivered`` filled in advance, answers typed into
    ``answered`` rows spread over it (row k answered when ⌊k·a/d⌋ steps up), the rest only
    numbered."""
    rows: list[list] = [["序号"] + [f"第{k}题" for k in range(1, items + 1)]]
    for k in range(1, delivered + 1):
        if k * answered // delivered != (k - 1) * answered // delivered:
            rows.append([k] + ["满意"] * (items - 1) + ["不满意"])
        else:
            rows.append([k] + [None] * items)
    return xlsx(path, rows)


def test_numbered_rows_without_answers_are_not_returned_questionnaires(tmp_path):
    """Issue 12: the example round (delivered 617, 12 items) from a template numbered 1–617 with
    answers in 350 rows. By hand (P5.6.2, SURVEY-PENALTY): return rate 350 / 617 = 56.726…%
    → 56.7 %; penalty 5 × (60 − 56.726…) = 16.369… → 16.4 points; not 617 returned, 100 %."""
    from hcomm_gen.app.survey_report import survey_round
    from hcomm_gen.domain.survey import compute_round, pct

    round_yaml = EXAMPLE_ROUND.read_text(encoding="utf-8")
    assert "delivered: 617" in round_yaml
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": round_yaml})
    f = numbered_template(tmp_path / "2026-06问卷.xlsx", 350, 617, 12)
    res = import_answers(f, 12)
    assert (len(res.answers), len(res.unanswered_rows), res.rows, res.skipped) == (350, 267, 350, 0)
    assert res.unanswered_rows[:3] == [2, 4, 6] and res.problems == []   # 序号 1, 3, 5 unanswered
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f)])
    assert r.exit_code == 0, r.output
    assert "导入 350 份问卷（12 题）" in r.output
    assert "另有 267 行只有序号、没有答案，不算回收的问卷，已跳过" in r.output
    stats = compute_round(survey_round(root, "2026-06", "2026-07-01 12:00").round)
    assert (stats.delivered, stats.returned) == (617, 350)
    assert (pct(stats.return_rate), pct(stats.penalty)) == ("56.7", "16.4")
    # every answer is 11 × 满意 + 1 × 不满意: raw 11/12 = 91.666…%, adjusted 91.67 − 16.37 = 75.3 %
    assert (pct(stats.overall.raw_rate), pct(stats.overall.adjusted_rate)) == ("91.7", "75.3")


def test_a_numbered_row_with_a_suggestion_or_a_blank_mark_is_a_questionnaire(tmp_path):
    f = xlsx(tmp_path / "s.xlsx", [
        ["序号", "1", "2", "建议"],
        [1, "满意", "满意", None],
        [2, None, None, "多打扫楼道"],       # returned: blank answers but a suggestion
        [3, "空", None, None],                # returned entirely blank, marked 空
        [4, None, None, None],                # not returned
        [5, None, None, None, "x"],           # a stray cell: reported, not skipped silently
    ])
    res = import_answers(f, 2)
    assert res.answers == ["满满", "空空", "空空"]
    assert res.unanswered_rows == [5]
    assert [(p.row, p.whole_row) for p in res.problems] == [(6, True)]


def xls(path: Path, rows: list[list], sheet: str = "问卷") -> Path:
    """An Excel 97–2003 ``.xls`` (BIFF8, as older Excel and WPS save), written by xlwt."""
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    wb.save(str(path))
    return path


def ods(path: Path, rows: list[list], sheet: str = "问卷") -> Path:
    """An OpenDocument spreadsheet (``.ods``, LibreOffice / WPS) written by hand: the zip with
    ``mimetype`` first and stored, ``content.xml`` with one ``table:table-row`` per row (an
    empty cell as an empty ``table:table-cell``; numbers as ``office:value-type="float"``)."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(v) -> str:
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


#: a sheet starting at row 2, column B (an empty first row and column), with a numbered row
#: without answers, an empty row, a bad cell and a stray cell
SHEET = [
    [],
    [None, "序号", "第1题", "第2题", "建议"],
    [None, 1, "满意", "不满意", "楼道多打扫"],
    [None, 2, "满意、不满意", "还行", None],
    [None, 3, None, None, None],
    [],
    [None, 4, "基本满意", "满意", None, "多一格"],
]


@pytest.mark.parametrize("write, suffix", [(xlsx, ".xlsx"), (xls, ".xls"), (ods, ".ods")])
def test_xls_and_ods_read_with_the_same_cell_messages_as_xlsx(tmp_path, write, suffix):
    f = write(tmp_path / f"s{suffix}", SHEET)
    res = import_answers(f, 2)
    assert [p.format() for p in res.problems] == [
        "第 4 行 D 列（第 2 题）：“还行”不是答案。请写“满意”“基本满意”“不满意”或留空（未选），多选写成“满意、不满意”。",
        "第 7 行多出 1 列（F 列）：“多一格”。问卷共 2 题，这些列在表头里不是题号，也不是“建议”“建议分类”列；"
        "请删去，或检查这一行的答案是否错了位。",
    ]
    assert res.answers == ["满不"]
    assert res.suggestions == [{"topic": None, "text": "楼道多打扫"}]
    assert (res.unanswered_rows, res.skipped_rows) == ([5], [6])


@pytest.mark.parametrize("write, suffix", [(xls, ".xls"), (ods, ".ods")])
def test_cli_imports_xls_and_ods_and_names_a_missing_sheet(tmp_path, write, suffix):
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": ROUND})
    f = write(tmp_path / f"2026-06{suffix}", [["序号", "1", "2", "3"], [1, "满意", "基本满意", "不满意"],
                                                [2, None, None, None]])
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f), "--sheet", "Sheet1"])
    assert r.exit_code == 1 and "表格里没有名为“Sheet1”的工作表。有：问卷。" in r.output
    r = CliRunner().invoke(main, ["--root", str(root), "survey", "import", str(f)])
    assert r.exit_code == 0, r.output
    assert "  - 满基不\n" in (root / "records/surveys/2026-06/answers.yaml").read_text(encoding="utf-8")
    assert "导入 1 份问卷（3 题）、0 条建议，另有 1 行只有序号" in r.output
