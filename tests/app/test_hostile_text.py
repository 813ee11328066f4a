"""Issue 15, items 1 and 7: nothing typed into a record becomes markup on the public site or in
its feeds. Every text reaches a page through one escaping (``outputs.env.inert``); the checks
read the built files as a browser and a feed reader would (HTML and XML parsers), never by
searching for strings in the source."""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from helpers import COMMUNITY, OUTAGE, example_office, make_office
from icalendar import Calendar

from hcomm_gen.app import pipeline
from hcomm_gen.outputs.engines import ENGINES

NAME = "h小区<script>alert(1)</script>"  # issue 15 item 1, as typed
HOTLINE = "0571-0000 0000 [点此](javascript:alert(2))"  # issue 15 item 7
IMG = "<img src=x onerror=alert(3)>"
IFRAME = "<iframe src=javascript:alert(4)></iframe>"
#: what a record may contain; each must arrive as text
HOSTILE = f"{IMG} [链接](javascript:alert(5)) ![图](https://evil.example/t.png) {{: onclick=alert(6) }} *强调* `代码`"


class Page(HTMLParser):
    """What a browser makes of a page: its elements (tag, attributes, text inside)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, list[str]]] = []
        self._open: list[list[str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        texts: list[str] = []
        self.elements.append((tag, dict(attrs), texts))
        if tag not in ("meta", "link", "img", "br", "input", "hr"):
            self._open.append(texts)

    def handle_endtag(self, tag):
        if self._open and tag not in ("meta", "link", "img", "br", "input", "hr"):
            self._open.pop()

    def handle_data(self, data):
        for texts in self._open:
            texts.append(data)

    def text_of(self, tag, **attrs) -> list[str]:
        return ["".join(t) for g, a, t in self.elements
                if g == tag and all(a.get(k) == v for k, v in attrs.items())]

    def live_from_records(self) -> list[str]:
        """Elements a record would have made: scripts running alert, images, frames, links to
        javascript:, any on… handler."""
        bad = []
        for tag, attrs, texts in self.elements:
            if tag == "script" and "alert" in "".join(texts):
                bad.append(f"<script>{''.join(texts)[:40]}")
            if tag in ("img", "iframe") and "evil" in str(attrs) + str(attrs.get("src")) or \
                    tag in ("img", "iframe") and attrs.get("src") in ("x", "javascript:alert(4)"):
                bad.append(f"<{tag} {attrs}>")
            if any((v or "").strip().lower().startswith("javascript:") for v in attrs.values()):
                bad.append(f"<{tag} {attrs}>")
            if any(k.startswith("on") for k in attrs):
                bad.append(f"<{tag} {attrs}>")
        return bad


def _pages(site):
    return sorted(site.rglob("*.html"))


#: every site engine (issue 14 item 3): the theme's own output is escaped too
ENGINE_PARAMS = [pytest.param(name, marks=pytest.mark.skipif(not e.available(), reason=f"{e.package} not installed"))
                 for name, e in ENGINES.items()]


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_the_community_name_reads_as_text_on_every_page(tmp_path, repo, engine, warm_cache):
    root = example_office(tmp_path / "office", warm_cache)
    community = root / "records/community.yaml"
    text = community.read_text(encoding="utf-8")
    assert "\nname: h小区\n" in text
    community.write_text(text.replace("\nname: h小区\n", f"\nname: {NAME}\n"), encoding="utf-8")
    result = pipeline.build(root, "2026-12-04 12:00", prints=False, engine=engine)
    assert not result.check.blocking, [p.format() for p in result.check.blocking]
    pages = _pages(root / "site")
    assert len(pages) > 40
    site_name = f"{NAME}公告栏"
    for path in pages:
        page = Page(path.read_text(encoding="utf-8"))
        assert page.live_from_records() == [], path
        if path.name != "index.html" or "assets" in path.parts:
            continue
        (title,) = page.text_of("title")
        assert title.endswith(site_name), (path, title)
        assert site_name in [a.get("aria-label") for _, a, _ in page.elements if "aria-label" in a], path
        assert site_name in [a.get("title") for t, a, _ in page.elements if t == "a"], path  # logo
        assert [a["title"] for t, a, _ in page.elements if t == "link" and a.get("rel") == "alternate"] == [
            f"{site_name}：通知", f"{site_name}：通知（RSS）"], path
        assert any(site_name == t.strip() for t in page.text_of("span", **{"class": "md-ellipsis"})), path
    home = Page((root / "site/index.html").read_text(encoding="utf-8"))
    assert f"{NAME}公告栏" in [h.strip() for h in home.text_of("h1")]


def _hostile_office(tmp_path):
    community = COMMUNITY.replace("name: 测试小区\n", f"name: '测试小区 {HOSTILE}'\n").replace(
        "  name: 测试小区管理处\n", f"  name: '测试小区管理处 {HOSTILE}'\n").replace(
        "  address: 测试路1号\n", f"  address: '测试路1号 {HOSTILE}'\n").replace(
        "  hotline: 0571-0000 0000\n", f"  hotline: '{HOTLINE}'\n  hours: '每日 {HOSTILE}'\n").replace(
        "end: 11:30}", f"end: 11:30, place: '接待室 {HOSTILE}'}}") + "survey_months: [3, 9]\n"
    notice = OUTAGE.replace("title: 停水通知", f"title: '停水 {HOSTILE}'").replace(
        "body: 清洗水箱。\n", f"body: |\n  {IMG}\n  {IFRAME}\n  - 列表\n  # 标题\n  [x](javascript:alert(7))\n  清洗水箱。\n")
    answers = "answers:\n" + "".join(f"  - {a}\n" for a in ["满不"] * 4 + ["不满"] * 2)
    rnd = ("round: 2026-03\ndelivered_on: 2026-03-02\ndelivered: 8\nunits: [1栋, 2栋]\n"
           f"collection_end: 2026-03-10\nitems:\n  - {{no: 1, topic: 保安, text: '门岗 {HOSTILE}'}}\n"
           "  - {no: 2, topic: 保洁, text: 楼道清洁}\nanalysis_done: 2026-03-12\n"
           f"measures:\n  - {{item: 2, measure: '{HOSTILE}'}}\n  - {{item: 1, measure: '- {HOSTILE}'}}\n"
           "announced: 2026-03-13\n")
    meeting = (f"id: M-03\ndate: 2026-03-20 19:00\nplace: '会所 {HOSTILE}'\ntitle: '三月业主大会 {HOSTILE}'\n"
               f"topics: ['停车 {HOSTILE}']\nattendance: 30\n")
    return make_office(tmp_path, {"notices/2026/n1.yaml": notice, "surveys/2026-03/round.yaml": rnd,
                                  "surveys/2026-03/answers.yaml": answers,
                                  "meetings/2026/2026-03-20.yaml": meeting}, community=community)


def test_no_record_text_becomes_markup_on_any_page(tmp_path):
    root = _hostile_office(tmp_path)
    assert "body: |\n  <img" in (root / "records/notices/2026/n1.yaml").read_text(encoding="utf-8")
    result = pipeline.build(root, "2026-03-14 12:00", prints=False)
    assert not result.check.blocking, [p.format() for p in result.check.blocking]
    seen = ""
    for path in _pages(root / "site"):
        text = path.read_text(encoding="utf-8")
        page = Page(text)
        assert page.live_from_records() == [], path
        # no Markdown made from record text: no emphasis, code, list or heading of ours
        assert not [t for t in page.text_of("em") + page.text_of("code") if "强调" in t or "代码" in t], path
        assert not [t for t in page.text_of("li") + page.text_of("h1") if t.strip() in ("列表", "标题")], path
        seen += "".join(t for _, _, ts in page.elements for t in ts)
    # ... and each text is there to read, as typed
    for typed in (HOTLINE, HOSTILE, IMG, IFRAME, f"测试小区管理处 {HOSTILE}", f"每日 {HOSTILE}"):
        assert typed in seen, typed
    announcement = Page((root / "site/surveys/2026-03-announcement/index.html").read_text(encoding="utf-8"))
    assert any(HOTLINE in t for t in announcement.text_of("p")), "the hotline on the 整改公示, as typed"


def test_feeds_carry_typed_markup_as_text(tmp_path):
    root = _hostile_office(tmp_path)
    pipeline.build(root, "2026-03-14 12:00", prints=False)
    # RSS: description is HTML (RSS practice): after the XML parser, one HTML unescape gives text
    rss = ET.parse(root / "site/rss.xml").getroot()
    (item,) = rss.iter("item")
    desc = item.find("description").text
    assert "&lt;img src=x onerror=alert(3)&gt;" in desc
    shown = Page(desc)
    assert shown.live_from_records() == [] and [t for t, _, _ in shown.elements] == ["br"] * desc.count("<br>")
    assert IMG in html.unescape(desc) and IFRAME in html.unescape(desc)
    assert item.find("title").text == f"停水 {HOSTILE}"  # text
    # Atom: the summary says it is HTML, and it is escaped HTML
    atom_ns = "{http://www.w3.org/2005/Atom}"
    (entry,) = ET.parse(root / "site/feed.xml").getroot().iter(f"{atom_ns}entry")
    summary = entry.find(f"{atom_ns}summary")
    assert summary.get("type") == "html" and summary.text == desc
    assert entry.find(f"{atom_ns}title").get("type") in (None, "text")
    # iCalendar: plain text, escaped by icalendar itself; read back exactly as typed
    (event,) = Calendar.from_ical((root / "site/calendar.ics").read_bytes()).walk("VEVENT")
    assert str(event["summary"]).endswith(f"停水 {HOSTILE}")
    assert f"{IMG}\n{IFRAME}\n- 列表\n# 标题\n[x](javascript:alert(7))" in str(event["description"])


def test_share_box_meta_tags_and_picture_carry_typed_markup_as_text(tmp_path):
    """Issue 11 item 1: the WeChat message in the notice page's text box, the link card's
    ``description``/``og:`` tags and the picture's HTML show record text as typed, through
    the same escaping (``outputs.env.inert``), and the attributes stay closed."""
    from hcomm_gen.app.pipeline import check
    from hcomm_gen.outputs.share import share_html
    from hcomm_gen.outputs.views import notice_view

    root = _hostile_office(tmp_path)
    path = root / "records/notices/2026/n1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "actions: 请提前储水。\n" in text
    path.write_text(text.replace("actions: 请提前储水。\n", f"actions: '请提前储水 \"> {HOSTILE}'\n"), encoding="utf-8")
    result = pipeline.build(root, "2026-03-03 12:00", prints=False)   # upcoming: it has a picture
    assert not result.check.blocking, [p.format() for p in result.check.blocking]
    page = Page((root / "site/notices/N-1/index.html").read_text(encoding="utf-8"))
    assert page.live_from_records() == []
    meta = {a.get("property") or a.get("name"): a.get("content") for t, a, _ in page.elements if t == "meta"}
    assert meta["og:title"] == f"停水 {HOSTILE}"
    typed_action = f'请提前储水 "> {HOSTILE}'
    assert meta["description"] == meta["og:description"] == f"2026年3月5日（星期四）09:00–17:00；1栋。{typed_action}"[:119] + "…"
    assert meta["og:image"] == "https://t.example.cn/notices/N-1/share.png"
    assert meta["og:site_name"] == f"测试小区 {HOSTILE}公告栏"
    (box,) = page.text_of("textarea")
    assert len(f"停水 {HOSTILE}") > 80  # a title longer than 80 characters is cut in the message
    assert f"【计划停水】{f'停水 {HOSTILE}'[:79]}…\n" in box and f"\n1. {typed_action}\n" in box
    assert (root / "site/notices/N-1/share.png").is_file()
    home = Page((root / "site/index.html").read_text(encoding="utf-8"))
    home_meta = {a.get("property") or a.get("name"): a.get("content") for t, a, _ in home.elements if t == "meta"}
    assert home_meta["description"] == f"测试小区 {HOSTILE}公告栏：停水停电、施工、活动、公示等通知，测试小区管理处 {HOSTILE}发布"
    # the picture's HTML (WeasyPrint would load an <img src=x> or a javascript: frame)
    chk = check(root, "2026-03-03 12:00")
    (n,) = chk.records.notices
    picture = Page(share_html(notice_view(n, chk.now, chk.records.tz, 30), chk.records.community, chk.now, root))
    assert picture.live_from_records() == []
    assert [a["src"][:22] for t, a, _ in picture.elements if t == "img"] == ["data:image/svg+xml;cha"]
    assert f"停水 {HOSTILE}" in picture.text_of("h1")
