"""The company report (``hcomm company build``, issue 13.4): a few static HTML pages readable
on a phone, one PDF (A4 landscape) with the same sections, and the survey statistics tables
as CSV, from the offices' figures only (:mod:`.view`; no record, no household).

Pages (``templates/company/page.html.j2``, sections in ``_macros.html.j2``, shared with the
PDF ``report.html.j2``): 总览 ``index.html`` (every office, the offices not counted),
访问定额 ``quota.html`` (offices × months), 投诉响应 ``response.html`` (24 h response by month),
问卷满意率 ``surveys.html`` (return rate, raw and adjusted satisfaction side by side; trend),
不满意项目 ``pareto.html`` (company-wide Pareto by company item code), 上报意见
``escalated.html`` (for the complaint centre, P5.4.2) and 问卷统计表 ``quality.html`` (for the
quality department, P5.7.2).
"""
from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from hcomm_gen.domain.survey import frac_text, pct
from hcomm_gen.outputs.company.view import CompanyView, company_view
from hcomm_gen.outputs.env import DEFAULT_TEMPLATES, css_string, make_env, zh_month_of
from hcomm_gen.outputs.pdf import html_to_pdf
from hcomm_gen.outputs.survey import inert_cell, pct_sign

#: the file that marks a folder as a company report (``--out`` may replace such a folder only)
MARKER = ".hcomm-company"
#: the report as one PDF, and the statistics tables as CSV, in the output folder
PDF_NAME, CSV_NAME = "company-report.pdf", "survey-tables.csv"
#: the PDF's sections: (macro of _macros.html.j2, heading, offices — or for ``escalated``
#: opinions — per part; 0: one part)
PDF_SECTIONS = (
    ("overview", "一、各小区概况", 80),
    ("quota", "二、访问定额达标情况（按月）", 80),
    ("response", "三、投诉建议 24 小时内响应（按月）", 80),
    ("surveys", "四、问卷回收率与满意率（原始与扣减后并列）", 80),
    ("paretos", "五、全公司不满意项目排列", 0),
    ("escalated", "六、上报意见（公司客户投诉中心）", 300),
    ("quality", "七、问卷结果统计表（品质管理部）", 20),
)
#: (key, file, menu label, page title)
PAGES = (
    ("index", "index.html", "总览", "各小区概况"),
    ("quota", "quota.html", "访问定额", "访问定额达标情况（按月）"),
    ("response", "response.html", "投诉响应", "投诉建议 24 小时内响应（按月）"),
    ("surveys", "surveys.html", "问卷满意率", "问卷回收率与满意率"),
    ("pareto", "pareto.html", "不满意项目", "全公司不满意项目排列"),
    ("escalated", "escalated.html", "上报意见", "上报意见（公司客户投诉中心）"),
    ("quality", "quality.html", "问卷统计表", "问卷结果统计表（品质管理部）"),
)


def _env(view: CompanyView):
    env = make_env(None, view.now.tzinfo)
    env.filters["pct"] = pct
    env.filters["pcts"] = pct_sign
    env.filters["month"] = zh_month_of
    env.filters["css"] = css_string
    return env


def table_rows(view: CompanyView) -> list[list[str]]:
    """The survey statistics tables of every office not public-only, all rounds, as CSV rows
    (rates rounded, with the exact fraction beside)."""
    rows = [["小区", "调查轮次", "序号", "项目", "公司编码", "满意", "基本满意", "不满意", "弃权",
             "满意率(%)", "满意率精确值", "扣减后满意率(%)", "扣减后精确值"]]
    for o in view.counted:
        for t in o.tables:
            for it in [*t.items, t.overall]:
                rows.append([o.name, t.round, str(it.no) if it.no else "", it.text if it.no else "总体",
                             it.code or "", str(it.satisfied), str(it.basic), str(it.dissatisfied),
                             str(it.abstained), pct(it.raw), frac_text(it.raw), pct(it.adjusted),
                             frac_text(it.adjusted)])
    return rows


def _chunks(items: Sequence, size: int) -> list[Sequence]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [items]


def pdf_parts(view: CompanyView) -> Iterator[dict[str, Any]]:
    """The parts of the PDF, in order, as the variables of ``report.html.j2``: each section
    of :data:`PDF_SECTIONS` over at most its number of offices (or escalated opinions) per
    part, so that no part grows with the number of offices."""
    first = True
    for section, heading, size in PDF_SECTIONS:
        if section == "escalated":
            parts = [dataclasses.replace(view, escalated=list(rows)) for rows in _chunks(view.escalated, size)]
        elif size:
            parts = [dataclasses.replace(view, offices=list(chunk)) for chunk in _chunks(view.counted, size)]
        else:
            parts = [view]
        for n, part in enumerate(parts):
            yield {"whole": view, "c": part, "section": section, "heading": heading if n == 0 else None,
                   "first": first, "last": n == len(parts) - 1}
            first = False


def write_pdf(env, view: CompanyView, target: Path) -> None:
    """Lay the report out part by part (:func:`pdf_parts`; WeasyPrint holds a whole document
    in memory, so one document of hundreds of offices would grow with them) and join the
    parts into ``target`` with PDFium.

    :raises MissingGlyph: a character no installed font has (nothing written).
    """
    import pypdfium2 as pdfium

    template = env.get_template("company/report.html.j2")
    joined = pdfium.PdfDocument.new()
    try:
        for variables in pdf_parts(view):
            part = pdfium.PdfDocument(html_to_pdf(template.render(**variables)))
            try:
                joined.import_pages(part)
            finally:
                part.close()
        joined.save(str(target))
    finally:
        joined.close()


def render_company(name: str, outcomes: Sequence[Any], now: datetime, out: Path) -> str:
    """Write the report of the offices' ``outcomes`` (in the order given) as of ``now`` into
    the empty folder ``out``: the pages, ``company.css``, the PDF, the CSV and the marker.
    Returns the PDF's file name.

    :raises MissingGlyph: a character (an office or item name) no installed font has.
    :raises OSError: a file cannot be written.
    """
    view = company_view(name, outcomes, now)
    env = _env(view)
    pages = [(key, file, label) for key, file, label, _title in PAGES]
    page = env.get_template("company/page.html.j2")
    for key, file, _label, title in PAGES:
        (out / file).write_text(page.render(c=view, page=key, pages=pages, title=title, pdf=PDF_NAME,
                                            csv=CSV_NAME, last=True), encoding="utf-8")
    (out / "company.css").write_bytes((DEFAULT_TEMPLATES / "company" / "company.css").read_bytes())
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in table_rows(view):
        writer.writerow([inert_cell(c) for c in row])
    (out / CSV_NAME).write_text("\ufeff" + buf.getvalue(), encoding="utf-8", newline="")
    write_pdf(env, view, out / PDF_NAME)
    (out / MARKER).write_text("hcomm company build\n", encoding="utf-8")
    return PDF_NAME
