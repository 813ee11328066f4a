"""Issue 13.1: ``hcomm status --pdf FILE``, the director's A4 page (hcomm_gen.domain.status_page,
hcomm_gen.outputs.status). Values computed by hand; the PDF read back with pdftotext."""
from __future__ import annotations

import re
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from helpers import OPEN_COMPLAINT, make_office

import hcomm_gen.rules  # noqa: F401  (declares every rule: RULES is complete)
from hcomm_gen.app.status import status_as_of
from hcomm_gen.cli import main
from hcomm_gen.core.registry import RULES
from hcomm_gen.domain.status import status
from hcomm_gen.domain.status_page import Span, status_page
from hcomm_gen.outputs.status import status_html
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")


def run(root, *args):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def pdf_text(path, *pages: int) -> str:
    """pdftotext of ``path`` (``pages``: first and last page) without white space."""
    rng = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    out = subprocess.run(["pdftotext", "-layout", *rng, str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def row(path, needle: str, *pages: int) -> str:
    """The first line of the laid-out text (pdftotext -layout) holding ``needle``, without
    white space: one table row (a cell's wrapped lines go below it)."""
    rng = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    out = subprocess.run(["pdftotext", "-layout", *rng, str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return next(line for line in (re.sub(r"\s+", "", ln) for ln in out.splitlines()) if needle in line)


def page_count(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_example_at_2026_12_08_is_one_page_with_the_overdue_november_summary(repo, tmp_path):
    pdf = tmp_path / "st.pdf"
    res = run(repo, "status", "--today", "2026-12-08", "--pdf", str(pdf))
    assert res.exit_code == 0, res.output
    assert "VISIT-SUMMARY (P5.4.1)" in res.output  # the terminal list is still printed
    assert f"{pdf}（1 页" in res.output
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert "截至2026-12-0800:00" in text and "h小区管理处" in text
    assert "逾期1项" in text and "7天内到期0项" in text and "未结案件1件" in text
    # due the 5th (that whole day allowed): 12-08 − 12-05 = 3 calendar days overdue
    assert row(pdf, "访问业户总结2026-11").startswith("1访问业户总结2026-11（提交管理处主任）2026-12-053天VISIT-SUMMARY")
    # C-2026-010 received 2026-11-24 21:30: 13 days 2 h 30 min by 12-08 00:00; last progress
    # report 11-27 10:00, the next one due 30 days later
    assert row(pdf, "C-2026-010").startswith("C-2026-0102026-11-2413天2小时近期夜间")
    assert "待处理" in text and "最迟2026-12-2710:00" in text
    # 619 occupied on 12-01 × 6% = 37.14 → 38; none visited; 31 − 8 = 23 days left after today
    assert row(pdf, "38户").startswith("38户0户38户23天（不含今天，至")
    assert "1日已入住619户×6%=应访问38户" in text


def _body_and_refs(html: str) -> tuple[str, str]:
    """(text outside the 参考 cells, text inside them) of the page's HTML."""
    html = re.sub(r"<(style|title)>.*?</\1>", "", html, flags=re.S)
    refs = re.findall(r'<t[dh] class="ref">(.*?)</t[dh]>', html, flags=re.S)
    body = re.sub(r'<t[dh] class="ref">.*?</t[dh]>', "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body), " ".join(refs)


def test_rule_ids_and_paths_only_in_the_reference_column(repo, tmp_path):
    files = {f"cases/2026/c{k}.yaml": OPEN_COMPLAINT.replace("C-1", f"C-{k}") for k in (1, 2)}
    root = make_office(tmp_path, files)
    for office, today in ((repo, "2026-12-08"), (root, "2026-03-03")):
        report = status_as_of(office, today)
        page = status_page(report.records, report.now, report.items)
        body, refs = _body_and_refs(status_html(page, report.records.tz))
        ids = re.compile("|".join(sorted(map(re.escape, RULES), key=len, reverse=True)))
        assert ids.search(refs) and ".yaml" in refs  # the references are there …
        assert not ids.search(body), ids.search(body)  # … and nowhere else
        assert ".yaml" not in body and "records/" not in body
    # and in the PDF: every word naming a rule lies in the right-hand 参考 column
    pdf = tmp_path / "st.pdf"
    assert run(root, "status", "--today", "2026-03-03", "--pdf", str(pdf)).exit_code == 0
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    column = min(float(x) for x, w in words if w == "参考")
    named = [(float(x), w) for x, w in words if any(r in w for r in ("CASE-RESPONSE-24H", "VISIT-QUOTA"))]
    assert len(named) >= 3 and all(x >= column - 0.5 for x, _w in named), (column, named)


def test_long_lists_flow_onto_page_two_with_totals_on_page_one(tmp_path):
    # ten complaints received 01:00 … 10:00 on 2026-03-01, none answered: each response was
    # due 24 h later, so at 2026-03-03 00:00 the first is 23 h overdue and the last 14 h
    files = {f"cases/2026/c{k:02d}.yaml": OPEN_COMPLAINT.replace("C-1", f"C-{k:02d}").replace(
        "10:00", f"{k:02d}:00") for k in range(1, 11)}
    root = make_office(tmp_path, files)
    pdf = tmp_path / "st.pdf"
    res = run(root, "status", "--today", "2026-03-03", "--pdf", str(pdf), "--format", "json")
    assert res.exit_code == 0, res.output
    assert page_count(pdf) == 2
    first, second = pdf_text(pdf, 1), pdf_text(pdf, 2)
    assert "逾期10项" in first and "未结案件10件" in first and "逾期10项" not in second
    assert row(pdf, "C-01（投诉）", 1).startswith("1C-01（投诉）首次回应业户（收到后24小时2026-03-0201:0023小时")
    assert row(pdf, "C-10（投诉）", 1).startswith("10C-10（投诉）首次回应业户（收到后24小时2026-03-0210:0014小时")
    # the open-cases table continues on page 2 under its repeated header
    assert second.startswith("案件收到已过事由下一步参考")
    assert row(pdf, "C-10", 2).startswith("C-102026-03-011天14小时卫生间吊顶渗水待回复（已逾期）")


def test_survey_deadlines_count_working_days(tmp_path):
    # delivered Mon 2026-11-30: the 15th working day after is Mon 2026-12-21 (no holiday in
    # December 2026); at 12-15 four working days are left (16, 17, 18, 21; six calendar
    # days), at 12-28 it is five working days overdue (22–25, 28; seven calendar days)
    rnd = "round: 2026-12\ndelivered_on: 2026-11-30\ndelivered: 8\nunits: [1栋1单元, 1栋2单元, 2栋1单元]\n"
    records = load_records(make_office(tmp_path, {"surveys/2026-12/round.yaml": rnd}))

    def page(when):
        now = datetime.fromisoformat(when).replace(tzinfo=SH)
        return status_page(records, now, status(records, now))
    soon = [r for r in page("2026-12-15 00:00").soon if r.rule == "SURVEY-COLLECT-15WD"]
    assert [(r.title, r.due, r.span.zh()) for r in soon] == [("2026-12 问卷调查：问卷回收", "2026-12-21", "4 个工作日")]
    late = page("2026-12-28 00:00")
    [row] = [r for r in late.overdue if r.rule == "SURVEY-COLLECT-15WD"]
    assert row.span == Span(5, "workdays")
    [summary] = [r for r in late.overdue if r.rule == "VISIT-SUMMARY"]
    assert (summary.due, summary.span.zh()) == ("2026-12-05", "23 天")  # calendar days
    assert Span(0).left_zh() == "今天到期"


def test_pdf_not_written_on_a_missing_glyph(tmp_path):
    # U+E000 (private use) is in no font: exit 3, the old file is left as it was, no temporary
    root = make_office(tmp_path, {"cases/2026/c1.yaml": OPEN_COMPLAINT.replace("卫生间", "卫生间\ue000")})
    pdf = tmp_path / "out" / "st.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"old")
    res = run(root, "status", "--today", "2026-03-03", "--pdf", str(pdf))
    assert res.exit_code == 3 and "\ue000" in res.output
    assert "C-1" not in res.output  # nothing printed after a failed PDF
    assert pdf.read_bytes() == b"old" and sorted(p.name for p in pdf.parent.iterdir()) == ["st.pdf"]


def test_a_pipe_is_never_replaced_and_a_link_gets_the_pdf_in_its_target(tmp_path):
    import os

    root = make_office(tmp_path, {})
    os.mkfifo(tmp_path / "ff")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "real.pdf")
    res = CliRunner().invoke(main, ["--root", str(root), "status", "--today", "2026-12-08", "--pdf", str(tmp_path / "ff")])
    assert res.exit_code == 2 and "不是普通文件" in res.output, res.output
    assert (tmp_path / "ff").is_fifo()
    res = CliRunner().invoke(main, ["--root", str(root), "status", "--today", "2026-12-08",
                                    "--pdf", str(tmp_path / "link.pdf")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "link.pdf").is_symlink() and (tmp_path / "real.pdf").read_bytes()[:5] == b"%PDF-"
