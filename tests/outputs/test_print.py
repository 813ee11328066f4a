"""Issue 7: printed sheets (通知单, 警示标示, 财务公示) — content, QR code, long text, fonts, cache.

Weekdays computed by hand from the calendar: 2026-03-01 is a Sunday, so 03-05 Thu, 03-09 Mon,
03-14 Sat, 03-20 Fri, 04-01 Wed, 04-13 Mon, 04-30 Thu.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from helpers import OUTAGE, PEST, make_office

from hcomm_gen.app.pipeline import resolve_now
from hcomm_gen.domain.notices import notice_state
from hcomm_gen.outputs.sheets import SheetGlyphError, finance_blocks, letter_body, render_sheets, sheets_for
from hcomm_gen.outputs.views import NoticeView
from hcomm_gen.outputs.views import time_span as span_text
from hcomm_gen.records.loader import load_records

NOW = "2026-03-02 12:00"
OFFICE = "测试小区管理处"
SITE = "https://t.example.cn/"


def notice(id, kind, title, extra):
    return f"id: {id}\nkind: {kind}\ntitle: {title}\npublished: 2026-03-01 09:00\n" + \
        textwrap.dedent(extra)


KINDS = {
    # id: (record text, expected time text, expected area text, contact phone)
    "N-out": (notice("N-out", "outage", "关于1栋停水的通知", """\
        outage: water
        start: 2026-03-05 09:00
        end: 2026-03-05 17:00
        areas: [1栋]
        body: |
          尊敬的1栋各位业主/住户：
          因清洗二次供水水箱，1栋暂停供水。
          特此通知。

          测试小区管理处
          2026年3月1日
        actions: 请提前储水。
        contact: {name: 工程部 赵工, phone: 0571-0000 0001}
        """), "2026年3月5日 周四 09:00 至 17:00", "1栋全体业户", "0571-0000 0001"),
    "N-emg": (notice("N-emg", "emergency", "关于2栋突发停电的通知", """\
        outage: power
        start: 2026-03-05 06:40
        end: 2026-03-05 12:00
        areas: [2栋]
        body: 2栋配电柜故障，已紧急抢修。
        measures: 已调派抢修人员。
        contact: {name: 工程部, phone: 0571-0000 0002}
        """), "2026年3月5日 周四 06:40 至 12:00", "2栋全体业户", "0571-0000 0002"),
    "N-wrk": (notice("N-wrk", "works", "关于外墙维修施工的通知", """\
        start: 2026-03-09 08:00
        end: 2026-03-20 18:00
        areas: [1栋2单元]
        body: 外墙瓷砖脱落，搭设吊篮维修。
        actions: 请关好窗户。
        warning_signs: [1栋2单元大堂, 1栋北侧绿地]
        contact: {name: 工程部, phone: 0571-0000 0003}
        """), "2026年3月9日 周一 08:00 至 2026年3月20日 周五 18:00", "1栋2单元全体业户",
        "0571-0000 0003"),
    "N-pest": (notice("N-pest", "pest_control", "关于公共区域灭鼠的通知", """\
        start: 2026-03-05 09:00
        end: 2026-03-05 16:00
        areas: [全体业户]
        body: 投放封闭式毒饵站。
        actions: 请看管好儿童和宠物，切勿触碰毒饵站。
        warning_signs: [地下车库入口及A区、B区各电梯厅、东门及北门垃圾分类投放点、10栋商铺后巷]
        contact: {name: 环境部, phone: 0571-0000 0004}
        """), "2026年3月5日 周四 09:00 至 16:00", "全体业户", "0571-0000 0004"),
    "N-evt": (notice("N-evt", "event", "元宵猜灯谜活动通知", """\
        start: 2026-03-14 09:00
        end: 2026-03-14 11:00
        areas: [全体业户]
        body: 在中心花园举办猜灯谜活动。
        contact: {name: 客服中心, phone: 0571-0000 0005}
        """), "2026年3月14日 周六 09:00 至 11:00", "全体业户", "0571-0000 0005"),
    "N-fee": (notice("N-fee", "fee_change", "关于地面停车费调整的公告", """\
        start: 2026-04-01 00:00
        areas: [全体业户]
        body: 经业主大会表决通过，地面停车费调整。
        contact: {name: 管理处, phone: 0571-0000 0006}
        """), "2026年4月1日 周三 起", "全体业户", "0571-0000 0006"),
    "N-con": (notice("N-con", "contract_change", "关于保洁合同变更的告知", """\
        start: 2026-04-01 00:00
        areas: [全体业户]
        body: 保洁服务内容变更如下。
        contact: {name: 环境部, phone: 0571-0000 0007}
        """), "2026年4月1日 周三 起", "全体业户", "0571-0000 0007"),
    "N-pub": (notice("N-pub", "publicity", "春季防火安全宣传", """\
        start: 2026-03-09 09:00
        end: 2026-03-20 18:00
        areas: [全体业户]
        body: 春季风大物燥，请注意用火用电安全。
        contact: {name: 秩序维护部, phone: 0571-0000 0008}
        """), "2026年3月9日 周一 09:00 至 2026年3月20日 周五 18:00", "全体业户", "0571-0000 0008"),
    "N-fin": (notice("N-fin", "finance", "测试小区2026年第一季度收支公示", """\
        period: 2026-Q1
        expires: 2026-04-30
        areas: [全体业户]
        body: |
          尊敬的各位业主/住户：
          现将第一季度收支情况公示如下：
          一、收入
            物业服务费　100,000.00 元
            收入合计　100,000.00 元
          二、支出
            人员工资　108,000.00 元
            支出合计　108,000.00 元
          三、本季度结余　-8,000.00 元
          如有疑问，可到管理处查阅明细账目。
          特此公示。
        contact: {name: 财务, phone: 0571-0000 0009}
        """).replace("published: 2026-03-01 09:00", "published: 2026-04-13 09:00"),
        "2026年4月13日 周一 至 2026年4月30日 周四", "全体业户", "0571-0000 0009"),
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftext(pdf: Path, page: int | None = None, mode: str = "-raw") -> str:
    """Text of ``pdf`` (``-raw``: in drawing order, so a wrapped table cell stays whole)."""
    args = ["pdftotext", mode] + (["-f", str(page), "-l", str(page)] if page else [])
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def qr_of(pdf: Path, tmp: Path) -> list[str]:
    """Every QR code on page 1, decoded with zbarimg from a 150 dpi PNG."""
    png = tmp / (pdf.stem + "-qr")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(png)], check=True)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png) + ".png"], capture_output=True, text=True)
    return out.stdout.split()


def inside_page(pdf: Path, margin: float = 20) -> bool:
    """Every word of every page lies inside the page, ``margin`` pt from the side edges."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    ok = True
    for m in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', bbox, re.S):
        width = float(m.group(1))
        xs = [float(x) for x in re.findall(r'xMax="([\d.]+)"', m.group(2))]
        mins = [float(x) for x in re.findall(r'xMin="([\d.]+)"', m.group(2))]
        ok &= bool(xs) and max(xs) <= width - margin and min(mins) >= margin
    return ok


def views_of(root: Path, now: str = NOW) -> dict[str, NoticeView]:
    rec = load_records(root)
    when = resolve_now(rec, now)
    return rec, {n.id: NoticeView(n, notice_state(n, when, 30), rec.tz) for n in rec.notices}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every kind's sheets rendered once (no cache): {id: [(sheet, pdf path)]}."""
    tmp = tmp_path_factory.mktemp("kinds")
    root = make_office(tmp, {f"notices/2026/{i}.yaml": text for i, (text, *_) in KINDS.items()})
    rec, views = views_of(root)
    out = {}
    for i in KINDS:
        sheets = sheets_for(rec, views[i], root)
        stats = render_sheets(sheets, root / "print", None)
        out[i] = list(zip(sheets, stats.files, strict=True))
    return tmp, out


@pytest.mark.parametrize("nid", list(KINDS))
def test_each_kind_has_title_time_area_contact_office_and_qr(rendered, nid):
    tmp, out = rendered
    _text, when, area, phone = KINDS[nid]
    title = re.search(r"title: (.*)", KINDS[nid][0]).group(1)
    for sheet, pdf in out[nid]:
        text = squash(pdftext(pdf))
        assert squash(title) in text, sheet.name
        assert squash(when) in text, (sheet.name, when)
        assert squash(phone) in text
        assert OFFICE in text
        if sheet.kind == "warning":
            assert pages(pdf) == 1
        else:
            assert squash(area) in text
        assert qr_of(pdf, tmp) == [f"{SITE}notices/{nid}/"], sheet.name
        assert inside_page(pdf), sheet.name
        # a one-page sheet stays small: the CJK font is embedded, subset (and compact)
        if pages(pdf) == 1:
            assert pdf.stat().st_size < 200_000, (sheet.name, pdf.stat().st_size)


def test_sheet_kinds_names_and_sign_content(rendered):
    _tmp, out = rendered
    kinds = {nid: [s.kind for s, _ in sheets] for nid, sheets in out.items()}
    assert kinds["N-fin"] == ["finance"]
    assert kinds["N-out"] == ["notice"]
    assert kinds["N-wrk"] == ["notice", "warning", "warning"]   # one sign per location
    assert kinds["N-pest"] == ["notice", "warning"]
    names = [s.name for s, _ in out["N-wrk"]]
    assert names == ["2026-03-09_works_N-wrk.pdf", "signs/2026-03-09_works_N-wrk_sign-1.pdf",
                     "signs/2026-03-09_works_N-wrk_sign-2.pdf"]
    sign1, sign2 = (squash(pdftext(p)) for _, p in out["N-wrk"][1:])
    assert "正在施工注意安全" in sign1 and "1栋2单元大堂" in sign1 and "1栋北侧绿地" not in sign1
    assert "1栋北侧绿地" in sign2
    pest = squash(pdftext(out["N-pest"][1][1]))
    assert "正在消杀请勿靠近" in pest and "切勿触碰毒饵站" in pest
    assert "地下车库入口及A区、B区各电梯厅、东门及北门垃圾分类投放点、10栋商铺后巷" in pest
    # landscape: wider than high
    info = subprocess.run(["pdfinfo", str(out["N-pest"][1][1])], capture_output=True, text=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert w > h


def test_greeting_and_sign_off_printed_once(rendered):
    _tmp, out = rendered
    text = squash(pdftext(out["N-out"][0][1]))
    assert text.count("尊敬的") == 1 and "尊敬的1栋各位业主、住户：" in text
    assert text.count("特此通知") == 1
    assert text.count("2026年3月1日") == 1        # the issue date, under the office name
    assert "（盖章）" in text


def test_finance_statement_table(rendered):
    _tmp, out = rendered
    text = pdftext(out["N-fin"][0][1], mode="-layout")
    assert re.search(r"物业服务费\s+100,000\.00", text)
    assert re.search(r"本季度结余\s+-8,000\.00", text)
    assert "2026年第一季度" in text and "特此公示" in text


def test_letter_body_strips_frame_only():
    body = "尊敬的各位业主/住户：\n第一段。\n特此通知！\n\nh小区管理处\n2026年11月28日\n"
    assert letter_body(body, ("h小区管理处",)) == (["第一段。"], "特此通知")
    assert letter_body("第一段。\n特此告知。", ()) == (["第一段。"], "特此告知")
    # a body without a letter frame is kept whole
    assert letter_body("尊敬的业主关心的问题如下。\n请于3月5日前报名。", ()) == \
        (["尊敬的业主关心的问题如下。", "请于3月5日前报名。"], None)


def test_finance_blocks():
    blocks = finance_blocks(["如下：", "一、收入", "物业费　1,000.00 元", "收入合计 1,000.00 元", "说明。"])
    assert [b["type"] for b in blocks] == ["p", "table", "p"]
    rows = blocks[1]["rows"]
    assert rows[0] == {"section": "一、收入"}
    assert rows[1]["amount"] == "1,000.00" and not rows[1]["total"] and rows[2]["total"]


def test_span_text_weekdays():
    from datetime import datetime
    from zoneinfo import ZoneInfo
    tz = ZoneInfo("Asia/Shanghai")
    d = lambda *a: datetime(*a, tzinfo=tz)  # noqa: E731
    assert span_text(d(2026, 12, 3, 8, 30), d(2026, 12, 3, 12, 30), tz) == "2026年12月3日 周四 08:30 至 12:30"
    assert span_text(d(2027, 1, 1), None, tz) == "2027年1月1日 周五 起"
    # an end at 00:00 is the whole previous day
    assert span_text(d(2026, 11, 9, 9), d(2027, 2, 28), tz) == "2026年11月9日 周一 09:00 至 2027年2月27日 周六"


LONG_TITLE = "关于" + "小区东区地下车库及各楼栋公共区域消防设施设备年度全面检测维护保养" * 2 + "的通知"


def test_long_body_flows_onto_pages_with_title_and_page_numbers(tmp_path):
    sentences = [f"第{i:03d}句，小区公共区域设施维修保养的详细说明文字。" for i in range(1, 131)]
    body = "\n".join("".join(sentences[i:i + 10]) for i in range(0, 130, 10))
    assert len(body) >= 3000
    text = OUTAGE.replace("body: 清洗水箱。", "body: |\n" + textwrap.indent(body, "  "))
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    rec, views = views_of(root)
    [sheet] = sheets_for(rec, views["N-1"], root)
    [pdf] = render_sheets([sheet], tmp_path / "out", None).files
    n = pages(pdf)
    assert n >= 2
    whole = squash(pdftext(pdf))
    assert all(f"第{i:03d}句" in whole for i in range(1, 131))     # nothing cut
    for p in range(1, n + 1):
        page = squash(pdftext(pdf, p))
        assert "停水通知" in page, p                                   # the title on each page
        assert f"第{p}页/共{n}页" in page


def test_very_long_title_wraps_inside_the_page(tmp_path):
    text = OUTAGE.replace("title: 停水通知", f"title: {LONG_TITLE}")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    rec, views = views_of(root)
    [pdf] = render_sheets(sheets_for(rec, views["N-1"], root), tmp_path / "out", None).files
    assert squash(LONG_TITLE) in squash(pdftext(pdf, 1))
    assert inside_page(pdf, margin=30)       # inside the side margins (16 mm = 45 pt)


@pytest.mark.skipif(subprocess.run(["fc-list", ":charset=2a6a5"], capture_output=True,
                                   text=True).stdout.strip() != "",
                    reason="a font with U+2A6A5 is installed (e.g. fonts-hanazono)")
def test_rare_character_fails_its_sheet_alone_with_it_named(tmp_path):
    text = OUTAGE.replace("title: 停水通知", "title: 停水通知（联系人 王𪚥）")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text, "notices/2026/n2.yaml": PEST})
    rec, views = views_of(root)
    sheets = sheets_for(rec, views["N-1"], root) + sheets_for(rec, views["N-2"], root)
    stats = render_sheets(sheets, tmp_path / "out", None)
    [exc] = stats.failed
    assert isinstance(exc, SheetGlyphError) and exc.chars == "𪚥" and exc.sheet.notice_id == "N-1"
    assert "U+2A6A5“𪚥”" in exc.zh and "n1.yaml" in exc.zh and "fonts-hanazono" in exc.zh and "U+2A6A5" in exc.en
    # the pest-control notice's sheet and sign are written; the outage's sheet is not
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.pdf")) == [
        "2026-03-05_pest_control_N-2.pdf", "signs/2026-03-05_pest_control_N-2_sign-1.pdf"]
    assert [p.name for p in stats.files] == ["2026-03-05_pest_control_N-2.pdf", "2026-03-05_pest_control_N-2_sign-1.pdf"]


EMOJI_TITLE = "🔥消防宣传周：⚠️💧停水通知"


def test_emoji_title_prints_in_colour_and_digits_stay_in_the_text_font(tmp_path):
    """Issue 16: an emoji copied from WeChat into a title prints (Noto Color Emoji, installed by
    scripts/setup.sh) instead of failing the sheet; only emoji use that font, not the digits of
    the times (it has 0-9 as keycap bases)."""
    text = OUTAGE.replace("title: 停水通知", f"title: {EMOJI_TITLE}")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text, "notices/2026/n2.yaml": PEST})
    rec, views = views_of(root)
    stats = render_sheets(sheets_for(rec, views["N-1"], root) + sheets_for(rec, views["N-2"], root)[:1],
                          tmp_path / "out", None)
    assert stats.failed == []
    emoji_pdf, plain_pdf = stats.files
    assert "消防宣传周：" in pdftext(emoji_pdf, 1) and "停水通知" in pdftext(emoji_pdf, 1)
    # (the time in the box: date and weekday on one line, the hours on the next)
    assert "2026年3月5日 周四\n09:00 至 17:00" in pdftext(emoji_pdf, 1)

    def fonts(pdf):
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        return [ln.split()[0].split("+", 1)[-1] for ln in out.splitlines()[2:]]
    assert any("Color-Emoji" in f for f in fonts(emoji_pdf)), fonts(emoji_pdf)
    assert not any("Emoji" in f for f in fonts(plain_pdf)), fonts(plain_pdf)   # digits, times: CJK font


# --- hcomm print: selection, cache --------------------------------------------------------------

def run_print(root, *args):
    from click.testing import CliRunner

    from hcomm_gen.cli import main
    return CliRunner().invoke(main, ["--root", str(root), "print", "--now", NOW, *args])


def test_print_cache_second_run_renders_nothing_and_an_edit_renders_that_record(tmp_path):
    from hcomm_gen.app.printing import print_sheets
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": PEST})
    first = print_sheets(root, NOW)
    assert not first.check.errors, [p.format() for p in first.check.errors]
    names = ["2026-03-05_outage_N-1.pdf", "2026-03-05_pest_control_N-2.pdf",
             "signs/2026-03-05_pest_control_N-2_sign-1.pdf"]
    lobby = ["buildings/1.pdf", "buildings/2.pdf"]    # each building's lobby sheet, always printed
    assert first.stats.rendered == names + lobby
    before = {n: (root / "print" / n).read_bytes() for n in names}

    from hcomm_gen.outputs.sheets import model

    def no_render(html):  # the renderer must not be reached when nothing changed
        raise AssertionError("a sheet was rendered although nothing changed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(model, "html_to_pdf", no_render)
        res = run_print(root)
    assert res.exit_code == 0, res.output
    assert "（5 份；打印稿没有变化，未重新生成：新生成 0 份，未改动沿用 5 份；用时" in res.output
    assert {n: (root / "print" / n).read_bytes() for n in names} == before

    p = root / "records/notices/2026/n2.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("灭鼠通知", "灭鼠灭蟑通知"), encoding="utf-8")
    third = print_sheets(root, NOW)
    assert third.stats.rendered == names[1:]          # exactly the edited record's sheets
    assert third.stats.reused == names[:1] + lobby
    assert "灭鼠灭蟑通知" in pdftext(root / "print" / names[2])
    # a change the sign does not show (the body) renders the notice sheet only
    p.write_text(p.read_text(encoding="utf-8").replace("投放鼠药。", "投放鼠药和蟑螂胶饵。"),
                 encoding="utf-8")
    assert print_sheets(root, NOW).stats.rendered == names[1:2]
    assert "蟑螂胶饵" in pdftext(root / "print" / names[1])

    # build reuses the same cache
    from hcomm_gen.app import pipeline
    built = pipeline.build(root, NOW, site=False)
    assert built.print_stats.rendered == [] and len(built.pdfs) == 5


def test_print_leaves_out_the_sheet_with_a_character_no_font_has(tmp_path):
    bad = OUTAGE.replace("title: 停水通知", "title: 停水通知\ue000")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": bad, "notices/2026/n2.yaml": PEST})
    res = run_print(root)
    assert res.exit_code == 1
    assert f"n1.yaml:{bad.splitlines().index('title: 停水通知' + chr(0xE000)) + 1}:12: 错误 PRINT-GLYPH" in res.output
    assert "U+E000" in res.output and "其他张贴单已生成" in res.output
    assert sorted(p.name for p in (root / "print").rglob("*.pdf")) == [
        "1.pdf", "2.pdf", "2026-03-05_pest_control_N-2.pdf", "2026-03-05_pest_control_N-2_sign-1.pdf"]
    res = run_print(root, "N-1")                      # asked for by ID: the same, nothing written
    assert res.exit_code == 1 and "U+E000" in res.output


def test_font_coverage_from_fontconfig():
    from hcomm_gen.core.fonts import advice, drawn, has_glyph, missing_glyphs
    assert has_glyph("停") is True and has_glyph("🔥") is True and has_glyph("\ue000") is False
    # U+FE0F (emoji presentation) and U+200D (joiner) are never drawn on their own
    assert not drawn("\ufe0f") and not drawn("\u200d") and drawn("⚠")
    assert missing_glyphs("⚠️停水\ue000🔥\ue000 a") == ["\ue000"]
    assert "fonts-noto-color-emoji" in advice("🔥")[0] and "私用区" in advice("\ue000")[0]
    assert "fonts-hanazono" in advice("𪚥")[0] and "fonts-hanazono" in advice("𪚥")[1]


def test_print_chosen_ids_and_unknown_id(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": PEST})
    res = run_print(root, "N-1")
    assert res.exit_code == 0, res.output
    files = sorted(str(p.relative_to(root / "print")) for p in (root / "print").rglob("*.pdf"))
    assert files == ["2026-03-05_outage_N-1.pdf"]
    res = run_print(root, "N-9")   # a mistyped ID on the command line is a usage error
    assert res.exit_code == 2 and "N-9" in res.output
    # the full run replaces print/ with what is due; stale files disappear
    (root / "print/old.pdf").write_bytes(b"%PDF-1.4")
    assert run_print(root).exit_code == 0
    assert not (root / "print/old.pdf").exists()
    assert (root / ".hcomm-cache/.gitignore").exists()
    shutil.rmtree(root / ".hcomm-cache")


def test_no_progress_label_off_a_terminal(tmp_path):
    """Off a terminal (CliRunner's stderr, a log file) neither print nor build shows the
    progress bar's label, rendered or not."""
    from click.testing import CliRunner

    from hcomm_gen.cli import main
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": PEST})
    for _ in range(2):   # first renders 3 sheets, then all come from the cache
        res = run_print(root)
        assert res.exit_code == 0, res.output
        assert "打印张贴单" not in res.output
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", NOW, "--no-site"])
    assert res.exit_code == 0, res.output
    assert "打印张贴单" not in res.output


def test_progress_bar_only_on_a_terminal_and_when_a_sheet_is_rendered(tmp_path, monkeypatch):
    from hcomm_gen.cli import _output
    from hcomm_gen.outputs.sheets import CACHE_DIR

    class S:
        def __init__(self, key):
            self.key = key
    sheets = [S("a"), S("b")]
    progress = _output.sheet_progress(tmp_path)
    monkeypatch.setattr(_output, "_stderr_is_tty", lambda: False)
    assert progress(sheets, "打印张贴单") == sheets          # not a terminal: no bar
    monkeypatch.setattr(_output, "_stderr_is_tty", lambda: True)
    bar = progress(sheets, "打印张贴单")
    assert bar != sheets and list(bar) == sheets            # a sheet to render: the bar
    cache = tmp_path / CACHE_DIR
    cache.mkdir(parents=True)
    for k in "ab":
        (cache / f"{k}.pdf").write_bytes(b"%PDF-1.4")
    assert progress(sheets, "打印张贴单") == sheets          # all cached: nothing to render
    assert progress([], "打印张贴单") == []


def test_site_and_sheet_show_the_same_time_span(tmp_path):
    """One implementation: a single whole day (start and end given as the same date) reads
    "2026年12月1日 周二" on the page (NoticeView.when) and on the sheet alike."""
    from hcomm_gen.app.pipeline import resolve_now
    from hcomm_gen.outputs.views import notice_views
    from hcomm_gen.records.loader import load_records
    works = OUTAGE.replace("kind: outage", "kind: works").replace("outage: water\n", "").replace(
        "start: 2026-03-05 09:00", "start: 2026-03-05").replace("end: 2026-03-05 17:00", "end: 2026-03-05")
    records = load_records(make_office(tmp_path, {"notices/2026/n1.yaml": works}))
    (view,) = notice_views(records.notices, resolve_now(records, "2026-03-02 12:00"), records.tz, 30)
    assert view.when == "2026年3月5日 周四"


def test_a_due_source_renders_an_office_template_with_community_and_css(tmp_path):
    """DueSheets.render (CONTRIBUTING, "Add a printed sheet"): the office's own template wins,
    and it gets the community, the print stylesheet and the source's variables."""
    from datetime import datetime

    from hcomm_gen.outputs.env import DEFAULT_TEMPLATES
    from hcomm_gen.outputs.sheets.registry import DueSheets
    from hcomm_gen.records.loader import load_records

    root = make_office(tmp_path)
    (root / "templates/print").mkdir(parents=True)
    (root / "templates/print/x.html.j2").write_text("{{ community.name }}|{{ css[:20] }}|{{ a }}", encoding="utf-8")
    records = load_records(root)
    html = DueSheets(records, datetime(2026, 3, 2, 12, tzinfo=records.tz), root).render("print/x.html.j2", a=1)
    css = (DEFAULT_TEMPLATES / "print/print.css").read_text(encoding="utf-8")
    assert html == f"测试小区|{css[:20]}|1"
