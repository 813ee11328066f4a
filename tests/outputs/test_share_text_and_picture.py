"""Issue 11 item 1: the WeChat message and picture of a notice (:mod:`hcomm_gen.outputs.share`)
and what the site carries of them (share box, ``share.png``, ``og:`` and ``description``
meta tags). Weekdays by hand: 2026-01-01 and 2026-12-03 are Thursdays."""
from __future__ import annotations

import io
import subprocess
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from helpers import OUTAGE, at_shanghai, make_office
from PIL import Image

from hcomm_gen.app.pipeline import check
from hcomm_gen.outputs.share import (
    MAX_HEIGHT,
    MORE_ON_PAGE,
    TEXT_LIMIT,
    numbered_items,
    share_html,
    share_png,
    share_text,
    share_times,
)
from hcomm_gen.outputs.views import notice_view

SH = ZoneInfo("Asia/Shanghai")


def test_times_with_weekday_as_a_message_writes_them():
    t = at_shanghai
    assert share_times(t("2026-12-10 09:00"), t("2026-12-10 18:00"), SH, 2026) == "12月10日（星期四）09:00–18:00"
    # Mon 11-16 (12-03 Thu − 17 days) to Sun 12-20 (12-17 Thu + 3)
    assert share_times(t("2026-11-16 08:00"), t("2026-12-20 18:00"), SH, 2026) == \
        "11月16日（星期一）08:00 至 12月20日（星期日）18:00"
    # 2027-01-01: 365 days after a Thursday, a Friday; another year is written
    assert share_times(t("2027-01-01 00:00"), None, SH, 2026) == "2027年1月1日（星期五）起"
    assert share_times(t("2026-12-10 00:00"), t("2026-12-11 00:00"), SH, 2026) == "12月10日（星期四）"
    assert share_times(t("2026-12-10 00:00"), t("2026-12-13 00:00"), SH, 2026) == "12月10日（星期四） 至 12月12日（星期六）"
    assert share_times(t("2026-12-10 09:00"), t("2026-12-10 18:00"), SH) == "2026年12月10日（星期四）09:00–18:00"
    # in the community's zone, whatever the zone of the value: 2026-12-10 01:00 UTC is 09:00 in Shanghai
    assert share_times(datetime(2026, 12, 10, 1, 0, tzinfo=ZoneInfo("UTC")), None, SH, 2026) == "12月10日（星期四）09:00起"
    assert share_times(None, None, SH, 2026) == ""


def test_items_lose_their_own_numbering_only():
    text = "1. 甲\n2、乙\n（3）丙\n- 丁\n④ 戊\n一、己\n9:00前关闭阀门\n1.5米以上的车辆绕行\n12月10日停水\n\n"
    assert numbered_items(text) == ["甲", "乙", "丙", "丁", "戊", "己", "9:00前关闭阀门", "1.5米以上的车辆绕行", "12月10日停水"]


LONG_ACTIONS = "".join(f"  {i}. 第{i}条：请各位住户提前储备生活用水，关闭热水器进水阀，停水期间注意家中水龙头处于关闭状态。\n"
                       for i in range(1, 15))


def _view(tmp_path, notice: str, now: str = "2026-03-02 12:00"):
    root = make_office(tmp_path, {"notices/2026/n.yaml": notice})
    chk = check(root, now)
    (n,) = chk.records.notices
    return root, chk, notice_view(n, chk.now, chk.records.tz, 30)


def test_a_long_notice_is_cut_in_its_items_never_in_phone_or_address(tmp_path):
    long = OUTAGE.replace("actions: 请提前储水。\n", "actions: |\n" + LONG_ACTIONS)
    _root, chk, view = _view(tmp_path, long)
    text = share_text(view, chk.records.community, chk.now)
    assert len(LONG_ACTIONS) > 600 and len(text) <= TEXT_LIMIT
    lines = text.splitlines()
    assert lines[:4] == ["【计划停水】停水通知", "时间：3月5日（星期四）09:00–17:00", "范围：1栋", "请您注意："]
    assert lines[-3:] == ["（详见链接）", "联系电话：工程部 0571-0000 0001", "详情：https://t.example.cn/notices/N-1/"]
    assert lines[4] == "1. 第1条：请各位住户提前储备生活用水，关闭热水器进水阀，停水期间注意家中水龙头处于关闭状态。"
    items = lines[4:-3]
    assert 5 <= len(items) < 14 and items[-1].endswith("…")  # whole items, then one cut
    # a short notice: everything, no cut
    _root, chk, short = _view(tmp_path / "s", OUTAGE)
    assert share_text(short, chk.records.community, chk.now).splitlines() == [
        "【计划停水】停水通知", "时间：3月5日（星期四）09:00–17:00", "范围：1栋", "请您注意：", "1. 请提前储水。",
        "联系电话：工程部 0571-0000 0001", "详情：https://t.example.cn/notices/N-1/"]


def _png(tmp_path, notice: str):
    root, chk, view = _view(tmp_path, notice)
    data = share_png(share_html(view, chk.records.community, chk.now, root))
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        return data, im.format, im.size


def test_a_longer_notice_makes_a_taller_picture_of_the_same_width(tmp_path):
    short, fmt, (w1, h1) = _png(tmp_path / "a", OUTAGE)
    _long, _fmt, (w2, h2) = _png(tmp_path / "b", OUTAGE.replace("actions: 请提前储水。\n", "actions: |\n" + LONG_ACTIONS))
    assert fmt == "PNG" and w1 == w2 == 1080
    # 14 items of ~45 characters at 46 px, ≈22 characters a line: 3 lines of 69 px each, more than 2,500 px
    assert h2 - h1 > 2500, (h1, h2)
    png = tmp_path / "short.png"
    png.write_bytes(short)
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, timeout=30)
    assert out.stdout.strip() == "https://t.example.cn/notices/N-1/"


class _Meta(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content")


def test_example_notice_pages_carry_link_card_tags_and_the_picture(example_build):
    root, _result = example_build   # as of 2026-11-29 12:00: the 12-10 water cut is upcoming
    site = root / "site"
    page = _Meta((site / "notices/N-2026-1127-water/index.html").read_text(encoding="utf-8"))
    m = page.meta
    assert m["og:title"] == "关于市政供水管网接驳施工停水的通知"
    assert m["og:url"] == "https://hxq.example.cn/notices/N-2026-1127-water/"
    assert m["og:image"] == "https://hxq.example.cn/notices/N-2026-1127-water/share.png"
    assert m["og:type"] == "article" and m["og:site_name"] == "h小区公告栏"
    assert m["description"] == m["og:description"] == (
        "2026年12月10日（星期四）09:00–18:00；1栋、2栋、3栋、4栋。"
        "请于12月10日9:00前储备足够的生活用水，停水期间关闭家中水龙头和热水器进水阀。")
    with Image.open(site / "notices/N-2026-1127-water/share.png") as im:
        assert im.width == 1080
    assert ("a", {"class": "md-button hc-share-download", "href": "share.png",
                  "download": "N-2026-1127-water.png"}) in page.tags
    # an archived notice (the 01-14 power cut): its text to copy, no picture
    old = _Meta((site / "notices/N-2026-0114-power/index.html").read_text(encoding="utf-8"))
    assert "og:image" not in old.meta and not (site / "notices/N-2026-0114-power/share.png").exists()
    assert any(t == "textarea" for t, _ in old.tags)
    assert not any(a.get("href") == "share.png" for _, a in old.tags)
    # other pages: the site's description
    for path in ("index.html", "outages/index.html", "archive/index.html"):
        other = _Meta((site / path).read_text(encoding="utf-8")).meta
        assert other["description"] == other["og:description"] == \
            "h小区公告栏：停水停电、施工、活动、公示等通知，h小区管理处发布", path
        assert "og:image" not in other
    assert _Meta((site / "index.html").read_text(encoding="utf-8")).meta["og:title"] == "h小区公告栏"
    pictures = sorted(p.parent.name for p in site.glob("notices/*/share.png"))
    assert "N-2026-1127-water" in pictures and "N-2026-1128-power" in pictures and len(pictures) < 20


def test_a_very_long_notice_keeps_the_contact_and_qr_code_on_its_picture(tmp_path):
    # 60 items of ~45 characters (~2,700): the picture shows items up to 1,200 characters, then
    # the line that sends the reader to the page, then the contact and the QR code (which once
    # fell off the 16,000-px page, silently)
    many = "".join(f"  {i}. 第{i}条：请各位住户提前储备生活用水，关闭热水器进水阀，注意家中水龙头处于关闭状态。\n"
                   for i in range(1, 61))
    notice = OUTAGE.replace("actions: 请提前储水。\n", "actions: |\n" + many)
    root, chk, view = _view(tmp_path, notice)
    html = share_html(view, chk.records.community, chk.now, root)
    # items 1–9 are 41 characters, 10–60 are 42: 9 × 41 + 19 × 42 = 1,167 ≤ 1,200, one more is 1,209
    assert MORE_ON_PAGE in html and "第28条" in html and "第29条" not in html
    data, _fmt, (width, height) = _png(tmp_path / "p", notice)
    assert width == 1080 and height < MAX_HEIGHT
    png = tmp_path / "long.png"
    png.write_bytes(data)
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, timeout=30)
    assert out.stdout.strip() == "https://t.example.cn/notices/N-1/"
