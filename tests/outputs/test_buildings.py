"""Issue 11 items 2 and 3 on the built site: a page and a calendar per building, the lobby
sheet (``hcomm print --buildings``), the home page's today/tomorrow strip first, and public
pages without clause numbers or English interface text."""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

from click.testing import CliRunner
from helpers import OUTAGE, PEST, at_shanghai, make_office
from icalendar import Calendar

from hcomm_gen.cli import main
from hcomm_gen.outputs.letter import qr_data_uri
from hcomm_gen.outputs.sheets import building_sheets
from hcomm_gen.outputs.site import render_pages
from hcomm_gen.records.loader import load_records

HOST = "hxq.example.cn"


def _uids(path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_example_building_pages_list_their_notices_and_everyones(example_build):
    root, _ = example_build  # as of 2026-11-29 12:00
    site = root / "site"
    b3 = (site / "buildings/3/index.html").read_text(encoding="utf-8")
    b5 = (site / "buildings/5/index.html").read_text(encoding="utf-8")
    # the 1–3栋 power cut (upcoming, 12-03) is on 3栋's page, not on 5栋's
    assert 'href="../../notices/N-2026-1128-power/"' in b3
    assert "N-2026-1128-power" not in b5
    # the 5栋-only power cut of January (archived, within the past year) is on 5栋's page only
    assert 'href="../../notices/N-2026-0114-power/"' in b5 and "N-2026-0114-power" not in b3
    # 3栋2单元's lift replacement: 3栋 only; the community-wide pest control: both
    assert "N-2026-1112-elevator" in b3 and "N-2026-1112-elevator" not in b5
    assert "N-2026-1128-pest" in b3 and "N-2026-1128-pest" in b5
    assert "<h1" in b3 and "3栋 住户通知" in b3
    # its own calendar, to subscribe (webcal) or download
    assert f'href="webcal://{HOST}/calendar-3.ics"' in b3 and 'href="../../calendar-3.ics"' in b3
    # linked from the home page, the outages page and the index
    assert 'href="buildings/3/"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="../buildings/3/"' in (site / "outages/index.html").read_text(encoding="utf-8")
    index = (site / "buildings/index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="\.\./buildings/(\w+)/"', index) == [str(i) for i in range(1, 11)]


def test_example_building_calendars_hold_only_their_outages(example_build):
    root, _ = example_build
    site = root / "site"
    b3, b5, everything = _uids(site / "calendar-3.ics"), _uids(site / "calendar-5.ics"), _uids(site / "calendar.ics")
    assert set(b3) == {f"{i}@{HOST}" for i in ("N-2026-1112-elevator", "N-2026-1127-water", "N-2026-1128-power")}
    assert set(b5) == {f"{i}@{HOST}" for i in ("N-2026-0114-power", "N-2026-0302-water", "N-2026-0907-water")}
    # each event as in the main calendar (times, SEQUENCE, STATUS, DTSTAMP)
    for uid, ev in {**b3, **b5}.items():
        assert ev.to_ical() == everything[uid].to_ical()
    cal = Calendar.from_ical((site / "calendar-3.ics").read_bytes())
    assert str(cal["x-wr-calname"]) == "h小区 3栋 停水停电"


def test_example_home_opens_with_today_and_tomorrow(example_build):
    root, _ = example_build
    home = (root / "site/index.html").read_text(encoding="utf-8")
    strip = home.split('<section class="hc-today"')[1].split("</section>")[0]
    text = re.sub(r"<[^>]+>", "", strip)
    assert "今天是11月29日 周日" in text
    assert "今明两天 全天，至 12月20日 18:00 3栋2单元 电梯停用" in text
    # before the page's title and the lists
    assert home.index('class="hc-today"') < home.index("<h1") < home.index('id="hc-in-effect"')
    b5 = (root / "site/buildings/5/index.html").read_text(encoding="utf-8")
    assert '<p class="hc-today-calm">今天和明天本楼没有停水、停电、停气或电梯停用。</p>' in b5
    assert '<p class="hc-today-calm" hidden>' in home  # there are lines: hidden, for the page script


def _small(tmp_path):
    two = OUTAGE.replace("id: N-1", "id: N-3").replace("outage: water", "outage: power") \
        .replace("areas: [1栋]", "areas: [2栋]").replace("start: 2026-03-05 09:00", "start: 2026-03-06 08:00") \
        .replace("end: 2026-03-05 17:00", "end: 2026-03-06 12:00")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": PEST,
                                  "notices/2026/n3.yaml": two})
    return root, load_records(root)


def test_small_office_pages_and_strip_by_hand(tmp_path):
    """N-1: 1栋 water 03-05 09:00–17:00; N-3: 2栋 power 03-06 08:00–12:00; N-2: everyone's
    pest control 03-05 09:00–17:00."""
    root, rec = _small(tmp_path)
    pages = render_pages(rec, at_shanghai("2026-03-04 12:00"), root)
    b1, b2 = pages["buildings/1.md"], pages["buildings/2.md"]
    assert 'data-notice="N-1"' in b1 and 'data-notice="N-3"' not in b1 and 'data-notice="N-2"' in b1
    assert 'data-notice="N-3"' in b2 and 'data-notice="N-1"' not in b2 and 'data-notice="N-2"' in b2
    strip = re.sub(r"<[^>]+>", "", pages["index.md"].split("</section>")[0])
    assert "明天 09:00–17:00 1栋 停水" in strip and "2栋" not in strip  # N-3 is the day after tomorrow
    assert "灭鼠" not in strip  # pest control stops no supply
    pages = render_pages(rec, at_shanghai("2026-03-05 12:00"), root)
    strip = re.sub(r"<[^>]+>", "", pages["index.md"].split("</section>")[0])
    assert "今天 09:00–17:00 1栋 停水" in strip and "明天 08:00–12:00 2栋 停电" in strip
    assert strip.index("今天") < strip.index("明天")
    b2_strip = re.sub(r"<[^>]+>", "", pages["buildings/2.md"].split("</section>")[0])
    assert "明天 08:00–12:00 2栋 停电" in b2_strip and "1栋" not in b2_strip
    # nothing today or tomorrow: one calm line
    pages = render_pages(rec, at_shanghai("2026-03-02 12:00"), root)
    assert '<p class="hc-today-calm">今天和明天没有停水、停电、停气或电梯停用。</p>' in pages["index.md"]


def test_print_buildings_writes_a_lobby_sheet_per_building(tmp_path):
    root, rec = _small(tmp_path)
    res = CliRunner().invoke(main, ["--root", str(root), "print", "--buildings", "--now", "2026-03-04 12:00"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (root / "print/buildings").iterdir()) == ["1.pdf", "2.pdf"]
    text = subprocess.run(["pdftotext", "-layout", str(root / "print/buildings/2.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for want in ("2栋 住户通知", "扫码查看本楼停水停电等通知", "https://t.example.cn/buildings/2/",
                 "测试小区管理处 服务电话：0571-0000 0000"):
        assert want in text, want
    sheets = {s.name: s for s in building_sheets(rec, root)}
    assert qr_data_uri("https://t.example.cn/buildings/2/") in sheets["buildings/2.pdf"].html


class _Visible(HTMLParser):
    """The text a reader sees or hears: text outside scripts and styles, and the labels
    read aloud or shown on hover."""

    def __init__(self):
        super().__init__()
        self.skip, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self.skip += 1
        self.parts += [v for k, v in attrs if k in ("aria-label", "title", "placeholder", "alt") and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


#: clause numbers of the procedure: 规程 四、5; （五、1、1）; 五、5～7; P5.3.3; T3
CLAUSE = re.compile(r"规程\s*[一二三四五六七八九十]|[一二三四五六七八九十]、\d|\bP\d+(\.\d+)+|\bT[1-4]\b")
#: feed formats named as such (通知 Atom · RSS; 日历文件（.ics）)
LATIN_OK = {"Atom", "RSS", "ics"}


def test_public_pages_have_no_clause_numbers_nor_english_interface(example_build, repo):
    root, _ = example_build
    record_text = " ".join(p.read_text(encoding="utf-8") for p in (repo / "records").rglob("*.yaml"))
    found_clauses, english = {}, {}
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        p = _Visible()
        p.feed(page.read_text(encoding="utf-8"))
        text = " ".join(p.parts)
        rel = str(page.relative_to(root / "site"))
        if CLAUSE.search(text):
            found_clauses[rel] = CLAUSE.search(text).group(0)
        # a Latin word no record writes is interface text (addresses shown as text, such as
        # the notice's link in the WeChat message, are not)
        shown = re.sub(r"https?://\S+", " ", text)
        words = {w for w in re.findall(r"[A-Za-z]{3,}", shown) if w not in LATIN_OK and w not in record_text}
        if words:
            english[rel] = sorted(words)
    assert found_clauses == {}
    assert english == {}
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "Made with" not in home and "Material for MkDocs" not in home
    assert 'h小区管理处 · 服务热线 <a href="tel:0571-88886666">0571-8888 6666</a>' in home
    assert "找不到这个页面" in (root / "site/404.html").read_text(encoding="utf-8")
