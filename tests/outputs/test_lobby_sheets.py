"""Issue 11 item 5: sheets readable from 2 m in the lobby, measured in the PDF.

Font sizes are read from the PDF with pypdf (the text matrix times the font size of each
drawn run). Before issue 11 the notice sheet's time/area values were 17 pt (labels 13 pt) and
请您注意 14 pt, measured the same way on ``2026-12-10_outage_N-2026-1127-water.pdf`` of the example
community: the values must now be at least twice that (34 pt), the actions at least 18 pt.
"""
from __future__ import annotations

import math
import re
import subprocess
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import COMMUNITY, make_office
from pypdf import PdfReader

from hcomm_gen.app.pipeline import resolve_now
from hcomm_gen.domain.notices import notice_state
from hcomm_gen.outputs.sheets import render_sheets, sheets_for
from hcomm_gen.outputs.sheets.notice_text import nowrap_chunks
from hcomm_gen.outputs.site import render_pages
from hcomm_gen.outputs.views import NoticeView
from hcomm_gen.records.loader import load_records

NOW = "2026-03-02 12:00"
#: the old sizes (pt), measured in the example community's water-cut sheet before issue 11
OLD_BOX_PT, OLD_ACTIONS_PT = 17.0, 14.0


def notice(id, kind, title, extra):
    return f"id: {id}\nkind: {kind}\ntitle: {title}\npublished: 2026-03-01 09:00\n" + textwrap.dedent(extra)


WATER = notice("N-out", "outage", "关于1栋停水的通知", """\
    outage: water
    start: 2026-03-05 09:00
    end: 2026-03-05 17:00
    areas: [1栋]
    channels: [通知单]
    body: |
      因清洗二次供水水箱，1栋暂停供水。恢复供水初期水质可能浑浊，请放水至清澈后再使用。
      如施工时间有变化，管理处将第一时间在微信群通知。
    actions: |
      1. 请于3月5日9:00前储备足够的生活用水，停水期间关闭家中水龙头和热水器进水阀。
      2. 行动不便、取水困难的住户，可提前到管理处登记，停水当天工作人员将送水上门。
    contact: {name: 工程部 赵工, phone: 0571-0000 0001}
    """)

LIFT = notice("N-lift", "works", "关于1栋2单元电梯更换施工的通知", """\
    outage: elevator
    start: 2026-03-09 08:00
    end: 2026-03-20 18:00
    areas: [1栋2单元]
    channels: [通知单, 标示]
    body: 1栋2单元电梯整体更换，施工期间本单元电梯停止使用。
    actions: 施工期间请走楼梯上下。
    warning_signs:
      - {hang_at: 1栋2单元大堂, work_at: 1栋2单元电梯}
    contact: {name: 工程部, phone: 0571-0000 0003}
    """)

PEST = notice("N-pest", "pest_control", "关于公共区域灭鼠的通知", """\
    start: 2026-03-05 09:00
    end: 2026-03-05 16:00
    areas: [全体业户]
    channels: [通知单, 标示]
    body: 在地下车库投放封闭式毒饵站。
    actions: 请看管好儿童和宠物，切勿触碰毒饵站。
    warning_signs:
      - {hang_at: 1栋大堂, work_at: 地下车库A区}
      - 2栋北侧绿地
    contact: {name: 环境部, phone: 0571-0000 0004}
    """)

LONG_ACTIONS = "\n".join(f"{i}. 第{i:02d}条：请各位住户在施工期间注意安全，看管好儿童，不要在施工区域逗留，"
                         "发现异常请及时联系管理处。" for i in range(1, 19))
LONG = WATER.replace("id: N-out", "id: N-long").replace(
    "actions: |\n  1. 请于3月5日9:00前储备足够的生活用水，停水期间关闭家中水龙头和热水器进水阀。\n"
    "  2. 行动不便、取水困难的住户，可提前到管理处登记，停水当天工作人员将送水上门。\n",
    "actions: |\n" + textwrap.indent(LONG_ACTIONS, "  ") + "\n")


def runs(pdf: Path, page: int = 0) -> list[tuple[float, str]]:
    """``(font size in pt, text)`` of each text run drawn on ``page``: the font size times
    the vertical scale of the text and transformation matrices."""
    out: list[tuple[float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            out.append((round(size * scale, 2), text.strip()))
    PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return out


def size_of(pdf: Path, needle: str, page: int = 0) -> float:
    """The size of the run that contains ``needle`` (the largest, if several)."""
    sizes = [s for s, t in runs(pdf, page) if needle in t]
    assert sizes, (needle, runs(pdf, page))
    return max(sizes)


def pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The sheets of the four notices, rendered once: ``{sheet name: pdf}``."""
    tmp = tmp_path_factory.mktemp("lobby")
    root = make_office(tmp, {"notices/2026/w.yaml": WATER, "notices/2026/l.yaml": LIFT,
                             "notices/2026/p.yaml": PEST, "notices/2026/x.yaml": LONG})
    rec = load_records(root)
    when = resolve_now(rec, NOW)
    sheets = [s for n in rec.notices for s in sheets_for(rec, NoticeView(n, notice_state(n, when, 30), rec.tz), root)]
    stats = render_sheets(sheets, root / "print", None)
    assert stats.failed == []
    return {s.name: pdf for s, pdf in zip(sheets, stats.files, strict=True)}


def test_box_is_twice_the_old_size_and_actions_at_least_18pt(printed):
    pdf = printed["2026-03-05_outage_N-out.pdf"]
    assert pages(pdf) == 1
    time_pt, area_pt = size_of(pdf, "2026年3月5日 周四"), size_of(pdf, "1栋全体业户")
    assert time_pt >= 2 * OLD_BOX_PT and area_pt >= 2 * OLD_BOX_PT, (time_pt, area_pt)
    assert size_of(pdf, "09:00 至 17:00") == time_pt          # the hours as large as the date
    assert size_of(pdf, "储备足够的生活用水") >= 18 > OLD_ACTIONS_PT
    assert size_of(pdf, "请您注意") >= 18


def test_the_page_is_filled(printed):
    """A short notice is printed at a larger step: its last line (the issue date under the
    office's name) lies in the bottom fifth of the page, not above a blank third."""
    pdf = printed["2026-03-05_outage_N-out.pdf"]
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', bbox).group(1))
    words = re.findall(r'yMax="([\d.]+)">([^<]*)<', bbox)
    last = max(float(y) for y, w in words if not w.startswith("第") and w not in ("页", "/", "共"))
    assert last > 0.8 * height, (last, height)
    # a short notice gets more than the minimum: the box above 34 pt
    assert size_of(pdf, "1栋全体业户") > 34


def test_a_long_notice_flows_to_page_2_and_is_never_smaller(printed):
    pdf = printed["2026-03-05_outage_N-long.pdf"]
    assert pages(pdf) == 2
    assert size_of(pdf, "1栋全体业户") == 34                  # the smallest step, not smaller
    first_actions = [s for s, t in runs(pdf) + runs(pdf, 1) if "请各位住户" in t]
    assert first_actions and min(first_actions) >= 18
    whole = text(pdf)
    assert all(f"第{i:02d}条" in whole for i in range(1, 19))   # nothing cut


def test_lift_works_say_elevator_stopped_on_sheet_and_sign(printed):
    sheet = text(printed["2026-03-09_works_N-lift.pdf"])
    assert "维修施工·电梯停用" in sheet and "电梯停用时间" in sheet
    # a span over two days, kept whole per date, stays inside the page (16 mm = 45 pt margins):
    # the larger steps where "至 2026年3月20日 周五 18:00" would run off the edge are passed over
    bbox = subprocess.run(["pdftotext", "-bbox", str(printed["2026-03-09_works_N-lift.pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)) <= 595.3 - 45 + 1
    sign_pdf = printed["signs/2026-03-09_works_N-lift_sign-1.pdf"]
    sign = text(sign_pdf)
    assert "电梯停用请走楼梯" in sign and "正在施工" not in sign and "注意安全" not in sign
    assert size_of(sign_pdf, "电梯停用") >= 90                     # the big words, as before
    assert "施工位置1栋2单元电梯" in sign and "张贴位置：1栋2单元大堂" in sign


def test_pest_sign_shows_where_the_work_is_and_where_it_hangs(printed):
    first, second = (printed[f"signs/2026-03-05_pest_control_N-pest_sign-{i}.pdf"] for i in (1, 2))
    one = text(first)
    assert "正在消杀请勿靠近" in one
    assert "作业位置地下车库A区" in one and "1栋大堂" not in one.split("作业时间")[0]
    assert "张贴位置：1栋大堂" in one
    assert size_of(first, "地下车库A区") >= 26 > size_of(first, "张贴位置")
    two = text(second)                       # a plain text item: the sign stands at the work
    assert "作业位置2栋北侧绿地" in two and "张贴位置" not in two
    # the notice sheet lists where the signs hang
    assert "警示位置1栋大堂、2栋北侧绿地" in text(printed["2026-03-05_pest_control_N-pest.pdf"])


def test_the_notice_page_lists_where_signs_hang_and_the_work_when_elsewhere(tmp_path):
    rec = load_records(make_office(tmp_path, {"notices/2026/p.yaml": PEST}))
    page = render_pages(rec, datetime(2026, 3, 2, 12, tzinfo=ZoneInfo("Asia/Shanghai")),
                        tmp_path / "office")["notices/N-pest.md"]
    assert "<li>1栋大堂（作业位置：地下车库A区）</li>" in page and "<li>2栋北侧绿地</li>" in page


def test_suggestion_box_place_comes_from_community_yaml(tmp_path):
    tz = ZoneInfo("Asia/Shanghai")
    own = COMMUNITY.replace("  hotline: 0571-0000 0000\n", "  hotline: 0571-0000 0000\n  suggestion_box: 东门岗亭旁\n")
    rec = load_records(make_office(tmp_path / "a", community=own))
    page = render_pages(rec, datetime(2026, 3, 5, 12, tzinfo=tz), tmp_path / "a" / "office")["channels.md"]
    assert "意见箱</dt><dd>设在东门岗亭旁，可匿名投递建议" in page and "管理处门口" not in page
    rec = load_records(make_office(tmp_path / "b"))                 # not written: no place named
    page = render_pages(rec, datetime(2026, 3, 5, 12, tzinfo=tz), tmp_path / "b" / "office")["channels.md"]
    assert "意见箱</dt><dd>可匿名投递建议" in page and "设在" not in page


def test_nowrap_chunks_keep_a_date_whole_and_the_hours_of_one_day_together():
    assert nowrap_chunks("2026年12月10日 周四 09:00 至 18:00") == ["2026年12月10日 周四", "09:00 至 18:00"]
    assert nowrap_chunks("2026年11月16日 周一 08:00 至 2026年12月20日 周日 18:00") == [
        "2026年11月16日 周一 08:00", "至 2026年12月20日 周日 18:00"]
    assert nowrap_chunks("2027年1月1日 周五 起") == ["2027年1月1日 周五 起"]
    assert nowrap_chunks("0571-8888 6611 （工程部 赵工）") == ["0571-8888 6611 （工程部 赵工）"]
