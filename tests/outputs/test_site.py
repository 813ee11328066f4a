"""Issue 6, the bulletin-board site without a browser: time and Chinese dates, pages, feeds,
reproducible builds whatever the machine's TZ, the empty community.

Browser checks (search, 375 px, injected script) are in test_browser_site.py.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from helpers import COMMUNITY, OUTAGE, PEST, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.domain.notices import ARCHIVED, IN_EFFECT, UPCOMING, notice_state
from hcomm_gen.outputs.env import front_matter_title, zh_date, zh_datetime
from hcomm_gen.outputs.site import base_of, render_pages
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"

EMERGENCY = """\
id: N-9
kind: emergency
outage: water
title: 3栋2单元爆管紧急停水
published: 2026-03-05 08:30
start: 2026-03-05 08:00
end: 2026-03-05 18:00
areas: [3栋2单元]
channels: [通知单]
body: 3栋2单元供水管爆裂。
actions: 请关闭水龙头。
measures: 已关闭总阀，抢修中。
contact: {name: 工程部}
"""

EVENT = """\
id: N-3
kind: event
title: 元宵猜灯谜
published: 2026-02-20 09:00
start: 2026-03-03 18:30
end: 2026-03-03 21:00
areas: [全体业户]
channels: [宣传栏]
body: 会所门前猜灯谜。
"""


# --- time and Chinese dates ----------------------------------------------------------------

def test_chinese_date_conventions_in_community_zone():
    utc = datetime(2026, 6, 3, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, a Wednesday
    assert zh_datetime(utc, SH) == "2026年6月3日 周三 09:00"
    assert zh_date(utc, SH) == "2026年6月3日 周三"
    # 20:00 UTC on 2 June is already 3 June in Shanghai
    assert zh_date(datetime(2026, 6, 2, 20, 0, tzinfo=UTC), SH) == "2026年6月3日 周三"


def test_notice_state_boundaries(tmp_path):
    """OUTAGE: published 03-01 09:00, start 03-05 09:00, end 03-05 17:00 (Shanghai)."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    [n] = load_records(root).notices
    at = lambda s: datetime.fromisoformat(s).replace(tzinfo=SH)  # noqa: E731
    assert notice_state(n, at("2026-03-05 08:59")) == UPCOMING
    assert notice_state(n, at("2026-03-05 09:00")) == IN_EFFECT
    assert notice_state(n, at("2026-03-05 16:59")) == IN_EFFECT
    assert notice_state(n, at("2026-03-05 17:00")) == ARCHIVED
    # the same instant given in New York time: 2026-03-05 09:00 Shanghai = 03-04 20:00 New York
    ny = datetime(2026, 3, 4, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    assert notice_state(n, ny) == IN_EFFECT


def test_home_pins_emergency_and_shows_areas(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE.replace("2026-03-05", "2026-03-06"),
                                  "notices/2026/n9.yaml": EMERGENCY, "notices/2026/n2.yaml": PEST})
    rec = load_records(root)
    pages = render_pages(rec, datetime(2026, 3, 5, 12, 0, tzinfo=SH), root)
    home = pages["index.md"]
    in_effect = home.split('id="hc-in-effect"')[1].split('id="hc-upcoming"')[0]
    # the emergency comes first although the pest control started earlier on the same day
    assert in_effect.index('data-notice="N-9"') < in_effect.index('data-notice="N-2"')
    assert 'data-pinned="N-9"' in home.split("## 正在生效")[0]  # the banner above everything
    assert "范围：3栋2单元" in home
    assert "2026年3月5日 周四 08:00 至 18:00" in home
    upcoming = home.split('id="hc-upcoming"')[1]
    assert 'data-notice="N-1"' in upcoming and "2026年3月6日 周五 09:00 至 17:00" in upcoming
    # stable URL from the ID
    assert "notices/N-9.md" in pages and 'href="notices/N-9/"' in home


def test_page_links_resolve(example_build):
    """Links inside HTML blocks are not rewritten by MkDocs: every relative link of every page
    (404.html excepted: it uses absolute paths) must reach a file of the site."""
    import re
    root, _ = example_build
    site = root / "site"
    bad = []
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a [^>]*href="([^"#?:]+)"', html):
            target = (page.parent / href).resolve()
            if not (target / "index.html" if target.is_dir() else target).exists():
                bad.append((str(page.relative_to(site)), href))
    assert bad == []


def test_base_of():
    assert base_of("index.md") == ""
    assert base_of("archive.md") == "../"
    assert base_of("notices/N-1.md") == "../../"
    assert base_of("archive/2026.md") == "../../"


def test_front_matter_title_is_escaped_and_quoted():
    assert front_matter_title('</title><script>alert(1)</script>: #x') == \
        '"&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;: &#35;x"'


def test_chinese_headings_get_readable_anchors(example_build):
    root, result = example_build
    year = max(n.published.astimezone(SH).year for n in result.check.records.notices
               if n.published < result.check.now - timedelta(days=120))
    html = (root / f"site/archive/{year}/index.html").read_text(encoding="utf-8")
    assert 'id="1月"' in html or 'id="2月"' in html
    assert 'id="_1"' not in html


# --- case figures: aggregates only ------------------------------------------------------------

CASE_A = """\
id: C-1
kind: 投诉
channel: 电话
received: 2026-03-02 10:00
household: 1-1-0102
topic: 维修
summary: 厨房漏水到楼下
valid: true
first_response: 2026-03-02 16:00
progress:
  - {time: 2026-03-02 16:00, text: 已安排上门}
resolved: 2026-03-04 10:00
feedback: {time: 2026-03-04 11:00, text: 已修好}
"""
CASE_B = """\
id: C-2
kind: 建议
channel: 意见箱
received: 2026-03-10 09:00
household: 1-2-0101
topic: 绿化
summary: 希望多种树
first_response: 2026-03-11 15:00
progress:
  - {time: 2026-03-11 15:00, text: 已转绿化班组}
"""


def _case(no: int, received: str, response: str | None, resolved: str | None = None) -> str:
    text = (f"id: C-J{no}\nkind: 投诉\nchannel: 电话\nreceived: {received}\nhousehold: 1-1-0102\n"
            f"topic: 保洁\nsummary: 楼道垃圾未清\n")
    if response:
        text += f"first_response: {response}\n"
    if resolved:
        text += f"resolved: {resolved}\n"
    return text


def test_case_figures_by_hand(tmp_path):
    """January: 3 cases, answered after 2 h, 30 h and 6 h (2 of 3 within 24 h, median 6 h),
    2 resolved (after 1 and 3 days: fewer than 3, so no median). February: no case, listed as 0.
    March: 2 cases (CASE_A answered after 6 h and resolved after 2 days, CASE_B after 30 h):
    fewer than 3, so none of their times is published."""
    from hcomm_gen.domain.case_figures import case_figures
    root = make_office(tmp_path, {
        "cases/2026/c1.yaml": CASE_A, "cases/2026/c2.yaml": CASE_B,
        "cases/2026/j1.yaml": _case(1, "2026-01-05 10:00", "2026-01-05 12:00", "2026-01-06 10:00"),
        "cases/2026/j2.yaml": _case(2, "2026-01-12 09:00", "2026-01-13 15:00", "2026-01-15 09:00"),
        "cases/2026/j3.yaml": _case(3, "2026-01-20 08:00", "2026-01-20 14:00")})
    rec = load_records(root)
    fig = case_figures(rec.cases, rec.suggestions, datetime(2026, 3, 31, tzinfo=SH), SH)
    mar, feb, jan = fig.months
    assert [m.month for m in fig.months] == ["2026-03", "2026-02", "2026-01"]
    assert (mar.received, mar.by_kind["投诉"], mar.by_kind["建议"]) == (2, 1, 1)
    assert (mar.times_published, mar.responded, mar.within_24h, mar.resolved) == (False, None, None, None)
    assert (mar.median_response_hours, mar.median_resolve_days) == (None, None)
    assert (feb.received, sum(feb.by_kind.values()), feb.responded, feb.resolved) == (0, 0, 0, 0)
    assert (jan.received, jan.responded, jan.within_24h, jan.median_response_hours) == (3, 3, 2, 6)
    assert (jan.resolved, jan.median_resolve_days, jan.resolve_withheld) == (2, None, True)
    assert fig.topics == [("保洁", 3), ("绿化", 1), ("维修", 1)]  # ties in the procedure's topic order (P3)
    page = render_pages(rec, datetime(2026, 3, 31, tzinfo=SH), root)["cases.md"]
    timing = page.split("## 回复与解决用时")[1].split("## 按内容分类")[0]
    rows = {re.sub(r"<[^>]+>", "", tr.split("</td>")[0]): [re.sub(r"<[^>]+>", "", c) for c in
                                                         re.findall(r"<td[^>]*>(.*?)</td>", tr)[1:]]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", timing) if "<td" in tr}
    assert rows == {"2026年3月": ["少于 3 件，不单独公布"],
                    "2026年2月": ["—", "—", "0", "—"],
                    "2026年1月": ["2/3", "6.0 小时", "2", "少于 3 件，不单独公布"]}
    # the counts table lists February with zeros
    counts = page.split("## 回复与解决用时")[0]
    assert '2026年2月</td><td data-label="合计">0</td>' in counts
    # nothing of March's two cases (6 h / 30 h, 2 days) appears anywhere
    for private in ("1-1-0102", "厨房漏水", "已安排上门", "C-1", "18.0", "2.0 天", "1/2", "0/1"):
        assert private not in page


# --- feeds --------------------------------------------------------------------------------

def test_feeds_of_a_small_office_by_hand(tmp_path):
    from icalendar import Calendar

    from hcomm_gen.outputs.feeds import render_feeds
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": PEST,
                                  "notices/2026/n3.yaml": EVENT})
    rec = load_records(root)
    now = datetime(2026, 3, 2, 12, 0, tzinfo=SH)
    files = render_feeds(rec, now)
    atom = ET.fromstring(files["feed.xml"])
    entries = atom.findall(f"{ATOM}entry")
    # newest first; ties (N-1 and N-2 both 03-01 09:00) by ID descending
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        "https://t.example.cn/notices/N-2/", "https://t.example.cn/notices/N-1/",
        "https://t.example.cn/notices/N-3/"]
    assert entries[1].find(f"{ATOM}published").text == "2026-03-01T09:00:00+08:00"
    assert atom.find(f"{ATOM}updated").text == "2026-03-01T09:00:00+08:00"
    rss = ET.fromstring(files["rss.xml"])
    assert [i.find("link").text for i in rss.iter("item")][0] == "https://t.example.cn/notices/N-2/"
    assert rss.find("channel/lastBuildDate").text == "Sun, 01 Mar 2026 09:00:00 +0800"
    cal = Calendar.from_ical(files["calendar.ics"])
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == ["N-1@t.example.cn", "N-3@t.example.cn"]  # outage and event, not pest
    start = events["N-1@t.example.cn"].decoded("dtstart")
    assert start == datetime(2026, 3, 5, 9, 0, tzinfo=SH) and str(start.tzinfo) == "Asia/Shanghai"
    assert "DTSTART;TZID=Asia/Shanghai:20260305T090000" in files["calendar.ics"].decode()
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert str(events["N-1@t.example.cn"]["location"]) == "1栋"


def test_example_feeds_parse_with_absolute_links(example_build):
    from icalendar import Calendar
    root, result = example_build
    rec, now = result.check.records, result.check.now
    site = root / "site"
    published = [n for n in rec.notices if n.published <= now]
    atom = ET.parse(site / "feed.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    assert len(entries) == len(published)
    for e in entries:
        assert e.find(f"{ATOM}link").get("href").startswith(rec.community.site_url)
    by_id = {n.id: n for n in published}
    for e in entries:  # dates from the records, not from git
        nid = e.find(f"{ATOM}id").text.rstrip("/").rsplit("/", 1)[1]
        assert datetime.fromisoformat(e.find(f"{ATOM}published").text) == by_id[nid].published
    rss = ET.parse(site / "rss.xml").getroot()
    assert all(i.find("link").text.startswith("https://") for i in rss.iter("item"))
    cal = Calendar.from_ical((site / "calendar.ics").read_bytes())
    evs = cal.walk("VEVENT")
    assert evs and all(str(e.decoded("dtstart").tzinfo) == "Asia/Shanghai" for e in evs)
    # the body's letter frame (greeting, 特此通知, office, date) is left out, as on the page
    power = next(e for e in evs if e.get("uid").startswith("N-2026-1128-power@"))
    desc = str(power.get("description"))
    assert "停电" in desc and "尊敬的" not in desc and "特此通知" not in desc and "2026年11月28日" not in desc
    summaries = [e.find(f"{ATOM}summary").text for e in entries]
    assert not any("特此通知" in (t or "") for t in summaries)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home and 'href="calendar.ics"' in home
    assert 'rel="alternate" type="application/atom+xml"' in home


# --- whole builds -------------------------------------------------------------------------

def _tree_digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_same_site_in_new_york_and_shanghai_and_byte_identical(tmp_path, repo):
    """Two builds of the example at the same --now, one with TZ=America/New_York and one with
    TZ=Asia/Shanghai (separate processes), give byte-identical site/ trees."""
    roots = []
    procs = []
    for tz in ("America/New_York", "Asia/Shanghai"):
        root = tmp_path / tz.replace("/", "_")
        root.mkdir()
        shutil.copytree(repo / "records", root / "records")
        env = dict(os.environ, TZ=tz)
        env.pop("SOURCE_DATE_EPOCH", None)
        procs.append(subprocess.Popen(
            [sys.executable, "-c", "from hcomm_gen.cli import main; main()", "--root", str(root), "build", "--no-pdf",
             "--now", "2026-11-29 12:00"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        roots.append(root)
    for p in procs:
        out, err = p.communicate(timeout=90)
        assert p.returncode == 0, err.decode()[-2000:]
    a, b = (_tree_digest(r / "site") for r in roots)
    assert a.keys() == b.keys() and len(a) > 50
    assert [k for k in a if a[k] != b[k]] == []
    # the sitemap date is the build's --now, not the day the test runs
    assert "<lastmod>2026-11-29</lastmod>" in (roots[0] / "site/sitemap.xml").read_text(encoding="utf-8")


def test_empty_community_builds_a_site_saying_no_notices(tmp_path):
    from icalendar import Calendar
    root = make_office(tmp_path, households=None)
    assert sorted(p.name for p in (root / "records").iterdir()) == ["community.yaml"]
    result = pipeline.build(root, "2026-03-02 12:00", prints=False)
    assert result.site_dir is not None, [p.format() for p in result.check.errors]
    html = (root / "site/index.html").read_text(encoding="utf-8")
    assert "目前还没有发布任何通知" in html and "目前没有正在生效的通知" in html
    assert ET.parse(root / "site/feed.xml").getroot().findall(f"{ATOM}entry") == []
    assert Calendar.from_ical((root / "site/calendar.ics").read_bytes()).walk("VEVENT") == []
    for page in ("archive", "outages", "events", "publicity", "finance", "cases", "channels"):
        assert (root / f"site/{page}/index.html").exists(), page


def test_office_mkdocs_yml_with_python_tags_is_kept(tmp_path):
    """An office's own mkdocs.yml may use MkDocs' !!python/name tags (e.g. a toc slugify)."""
    from hcomm_gen.outputs.site import mkdocs_config
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    (root / "mkdocs.yml").write_text(
        "theme: {name: material, language: zh}\nmarkdown_extensions:\n"
        "  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n", encoding="utf-8")
    cfg = mkdocs_config(load_records(root), root, tmp_path / "d", tmp_path / "s")
    assert cfg["markdown_extensions"][0]["toc"]["slugify"].tag.endswith("python/object/apply:pymdownx.slugs.slugify")
    result = pipeline.build(root, "2026-03-02 12:00", prints=False)
    assert result.site_dir is not None


def test_other_time_zone_is_named_on_outages_page(tmp_path):
    community = COMMUNITY.replace("Asia/Shanghai", "Asia/Urumqi")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE}, community=community)
    pages = render_pages(load_records(root), datetime(2026, 3, 2, 12, 0, tzinfo=SH), root)
    assert "Asia/Urumqi" in pages["outages.md"] and "北京时间" not in pages["outages.md"]


def test_time_span_chinese_conventions():
    from hcomm_gen.outputs.views import time_span
    d = lambda *a: datetime(*a, tzinfo=SH)  # noqa: E731
    assert time_span(d(2026, 12, 3, 8, 30), d(2026, 12, 3, 12, 30), SH) == "2026年12月3日 周四 08:30 至 12:30"
    assert time_span(d(2026, 11, 16, 8), d(2026, 12, 20, 18), SH) == \
        "2026年11月16日 周一 08:00 至 2026年12月20日 周日 18:00"
    assert time_span(d(2027, 1, 1), None, SH) == "2027年1月1日 周五 起"  # a fee change from a date
    assert time_span(d(2026, 12, 1), d(2026, 12, 4), SH) == "2026年12月1日 周二 至 2026年12月3日 周四"
    # the same instants given in UTC are shown in the community's time zone
    utc = UTC
    assert time_span(datetime(2026, 12, 3, 0, 30, tzinfo=utc), datetime(2026, 12, 3, 4, 30, tzinfo=utc), SH) == \
        "2026年12月3日 周四 08:30 至 12:30"


# --- the notice page's letter frame (new-user test: sign-off shown twice) -------------------

LETTER = OUTAGE.replace("body: 清洗水箱。\n", """\
body: |
  尊敬的1栋各位业主/住户：
  清洗水箱。
  特此告知。

  测试小区管理处
  2026年3月1日
""")


def test_notice_page_shows_greeting_sign_off_office_and_date_once(tmp_path):
    """A body pasted as a whole letter: the page drops its greeting, office and date lines
    (the page prints its own), keeps its sign-off word once, and agrees with the sheet."""
    from hcomm_gen.outputs.sheets import greeting, letter_body
    root = make_office(tmp_path, {"notices/2026/n1.yaml": LETTER})
    rec = load_records(root)
    page = render_pages(rec, datetime(2026, 3, 2, 12, 0, tzinfo=SH), root)["notices/N-1.md"]
    assert page.count("尊敬的") == 1 and "<p>尊敬的1栋各位业主/住户：</p>" not in page
    assert f'<p class="hc-greeting">{greeting(["1栋"])}</p>' in page
    assert page.count("特此") == 1 and '<p class="hc-closing">特此告知。</p>' in page
    assert page.count("测试小区管理处") == 1  # the issuer line under the text
    assert "<p>2026年3月1日</p>" not in page
    body = page.split('<div class="hc-body" markdown="0">')[1].split("</div>")[0]
    paras = [p.split(">", 1)[1] for p in body.split("</p>") if "<p" in p]
    assert paras[1:] == letter_body(rec.notices[0].body, ("测试小区管理处",))[0] == ["清洗水箱。"]
    # the sign-off comes after the text, before the issuer
    assert page.index("清洗水箱。") < page.index("特此告知。") < page.index('<p class="hc-issuer">')


def test_notice_page_without_sign_off_gets_the_sheets_default(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    page = render_pages(load_records(root), datetime(2026, 3, 2, 12, 0, tzinfo=SH), root)["notices/N-1.md"]
    assert '<p class="hc-closing">特此通知。</p>' in page and "<p>清洗水箱。</p>" in page


def test_example_power_cut_page_signs_off_once(example_build):
    """N-2026-1128-power's body ends 特此通知。/h小区管理处/2026年11月28日: each once on the page."""
    import re
    root, _ = example_build
    html = (root / "site/notices/N-2026-1128-power/index.html").read_text(encoding="utf-8")
    article = html.split("<article")[1].split("</article>")[0]
    text = re.sub(r"<[^>]+>", "\n", article)
    assert text.count("特此通知") == 1
    assert text.count("h小区管理处") == 1
    assert text.count("尊敬的") == 1
    assert not re.search(r"^\s*2026年11月28日\s*$", text, re.M)  # only 2026年11月28日 周六
    assert "2026年11月28日 周六" in text


def test_sitemap_date_is_the_community_day(tmp_path):
    """--now 2026-11-30 07:00 in Shanghai is 23:00 UTC on the 29th: the sitemap says the 30th."""
    import gzip
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    pipeline.build(root, "2026-11-30 07:00", prints=False)
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-11-30</lastmod>" in sitemap and "2026-11-29" not in sitemap
    assert gzip.decompress((root / "site/sitemap.xml.gz").read_bytes()).decode() == sitemap
    pipeline.build(root, "2026-11-30 23:59", prints=False)  # 15:59 UTC, the same day
    assert "<lastmod>2026-11-30</lastmod>" in (root / "site/sitemap.xml").read_text(encoding="utf-8")
    from hcomm_gen.outputs.site import local_epoch
    assert local_epoch(datetime(2026, 11, 30, 7, 0, tzinfo=SH)) == \
        int(datetime(2026, 11, 30, 7, 0, tzinfo=UTC).timestamp())


# --- works that stop a supply or the lift (outage: on a works notice) -----------------------

LIFT_WORKS = """\
id: N-L
kind: works
outage: elevator
title: 2栋1单元电梯更换施工
published: 2026-03-01 09:00
start: 2026-03-03 08:00
end: 2026-03-04 18:00
areas: [2栋1单元]
channels: [通知单]
body: 电梯整体更换，施工期间停止使用。
"""


def test_works_that_stop_the_lift_are_on_the_outages_calendar_and_ics(tmp_path):
    from icalendar import Calendar

    from hcomm_gen.outputs.feeds import render_feeds
    plain = LIFT_WORKS.replace("id: N-L", "id: N-P").replace("outage: elevator\n", "").replace(
        "2栋1单元电梯更换施工", "1栋路面修补")
    root = make_office(tmp_path, {"notices/2026/l.yaml": LIFT_WORKS, "notices/2026/p.yaml": plain})
    # no `actions` (NOTICE-OUTAGE would want them): the works are judged by NOTICE-WORKS only
    result = pipeline.check(root, "2026-03-02 12:00")
    assert [p.format() for p in result.problems if p.rule.startswith(("NOTICE", "RECORD"))] == []
    rec = result.records
    now = datetime(2026, 3, 2, 12, 0, tzinfo=SH)
    outages = render_pages(rec, now, root)["outages.md"]
    assert 'data-notice="N-L"' in outages and "维修施工·电梯停用" in outages
    assert "N-P" not in outages and "1栋路面修补" not in outages  # works that stop nothing
    # marked on both days of the works (3 and 4 March) as 停梯 (电梯停用 is too wide for a day)
    assert outages.count('href="../notices/N-L/" title="2栋1单元电梯更换施工">停梯</a>') == 2
    cal = Calendar.from_ical(render_feeds(rec, now)["calendar.ics"])
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == ["N-L@t.example.cn"]
    assert str(events["N-L@t.example.cn"]["summary"]) == "维修施工·电梯停用：2栋1单元电梯更换施工"
    assert events["N-L@t.example.cn"].decoded("dtend") == datetime(2026, 3, 4, 18, 0, tzinfo=SH)


def test_outage_rules_stay_with_kind_outage(tmp_path):
    """NOTICE-OUTAGE's requirements (what is cut, start, end, areas) are for kind outage: the
    same works record without ``outage``, ``end`` or ``actions`` raises no NOTICE-OUTAGE, and
    an outage notice without ``outage`` still does."""
    works = LIFT_WORKS.replace("outage: elevator\n", "").replace("end: 2026-03-04 18:00\n", "")
    cut = LIFT_WORKS.replace("kind: works", "kind: outage").replace("outage: elevator\n", "")
    root = make_office(tmp_path, {"notices/2026/w.yaml": works, "notices/2026/c.yaml": cut})
    problems = pipeline.check(root, "2026-03-02 12:00").problems
    outage = [str(p.pos.path) for p in problems if p.rule == "NOTICE-OUTAGE"]
    assert outage and all(f.endswith("c.yaml") for f in outage), outage
    assert not [p for p in problems if p.rule == "NOTICE-WORKS"]


def test_example_elevator_replacement_is_on_the_outages_calendar(example_build):
    root, result = example_build
    page = (root / "site/outages/index.html").read_text(encoding="utf-8")
    assert 'data-notice="N-2026-1112-elevator"' in page and "维修施工·电梯停用" in page
    ics = (root / "site/calendar.ics").read_bytes().decode()
    assert "UID:N-2026-1112-elevator@" in ics


def test_site_visits_page_counts_as_of_now(tmp_path):
    """A visit dated after --now has not happened yet: the site agrees with `visits quota`."""
    from helpers import VISIT

    from hcomm_gen.app import pipeline
    later = VISIT.replace("id: V-1", "id: V-2").replace("household: 1-1-0102", "household: 1-1-0201") \
        .replace("2026-03-05 19:30", "2026-03-25 19:30")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT, "visits/2026/2026-03/v2.yaml": later})
    pipeline.build(root, "2026-03-20 12:00", prints=False)
    html = (root / "site/visits/index.html").read_text(encoding="utf-8")
    assert '<td data-label="已访问户数">1</td>' in html
    pipeline.build(root, "2026-03-26 12:00", prints=False)
    html = (root / "site/visits/index.html").read_text(encoding="utf-8")
    assert '<td data-label="已访问户数">2</td>' in html


def test_a_long_outage_is_marked_in_every_month_it_covers(tmp_path):
    """An outage of half a year (a lift replacement) still shows on this month's calendar."""
    from hcomm_gen.app.pipeline import resolve_now
    from hcomm_gen.outputs.pages.outages import outage_months
    from hcomm_gen.outputs.views import notice_views
    from hcomm_gen.records.loader import load_records
    long = OUTAGE.replace("outage: water", "outage: elevator").replace(
        "published: 2026-03-01 09:00", "published: 2026-07-20 09:00").replace(
        "start: 2026-03-05 09:00", "start: 2026-08-01 08:00").replace("end: 2026-03-05 17:00", "end: 2027-01-31 18:00")
    records = load_records(make_office(tmp_path, {"notices/2026/n1.yaml": long}))
    now = resolve_now(records, "2026-11-29 12:00")
    months = outage_months(notice_views(records.notices, now, records.tz, 30), now, records.tz)
    november = next(m for m in months if (m["year"], m["month"]) == (2026, 11))
    marked = [day for week in november["weeks"] for day, views in week if day and views]
    assert marked == list(range(1, 31))   # every day of November
