"""Issue 16, "Done when" (changes to a posted notice), on a copy of the example community
built at 2026-12-04 12:00 with two changes added to its YAML text:

* the 12-10 water cut (N-2026-1127-water, 09:00–18:00) is cancelled at 2026-12-04 10:00;
* the 12-03 power cut (N-2026-1128-power, 08:30–12:30, ``expires: 2026-12-04``) was moved
  at 2026-12-02 16:00 to Saturday 2026-12-05 08:30–12:30 (two days later: it now expires at
  the end of 12-06, so at 12-04 12:00 it is upcoming, not ended).

Everything is read from the built files: HTML, ``calendar.ics`` (icalendar), the Atom feed
(ElementTree) and the PDFs (pdftotext)."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import example_office
from icalendar import Calendar

from hcomm_gen.app import pipeline, printing
from hcomm_gen.outputs.feeds import render_feeds

NOW = "2026-12-04 12:00"
SH = ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"
WATER, POWER = "N-2026-1127-water", "N-2026-1128-power"
WATER_FILE = "notices/2026/2026-11-27-water-cut-municipal.yaml"
POWER_FILE = "notices/2026/2026-11-28-power-cut-1-3.yaml"
CANCEL = """\
changes:
  - at: 2026-12-04 10:00
    type: 取消
    text: 接自来水公司通知，文三路管网接驳施工推迟，12月10日不停水，届时正常供水。
"""
RESCHEDULE = """\
changes:
  - at: 2026-12-02 16:00
    type: 改期
    text: 供电部门调整检修计划，停电改到12月5日（星期六）8:30至12:30。
    start: 2026-12-05 08:30
    end: 2026-12-05 12:30
"""


@pytest.fixture(scope="module")
def changed(tmp_path_factory, repo, warm_cache):
    """The example office with both changes, built at :data:`NOW`: ``(root, build result)``."""
    root = example_office(tmp_path_factory.mktemp("changes") / "office", warm_cache)
    for rel, change in ((WATER_FILE, CANCEL), (POWER_FILE, RESCHEDULE)):
        path = root / "records" / rel
        assert "changes:" not in path.read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8") + change, encoding="utf-8")
    result = pipeline.build(root, NOW)
    assert not result.check.errors, [p.format() for p in result.check.errors]
    assert [p.format() for p in result.check.problems if p.rule == "NOTICE-CHANGE"] == []
    return root, result


def text_of(html: str) -> str:
    """The visible text of ``html``, tags removed and whitespace squashed to one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def page(root, notice_id: str) -> str:
    html = (root / f"site/notices/{notice_id}/index.html").read_text(encoding="utf-8")
    return text_of(html.split("<article", 1)[1].split("</article>", 1)[0])


def events(root) -> dict:
    cal = Calendar.from_ical((root / "site/calendar.ics").read_bytes())
    return {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


# --- the cancelled water cut --------------------------------------------------------------

def test_cancelled_water_cut_keeps_its_page_with_its_state_large_on_top(changed):
    root, _ = changed
    text = page(root, WATER)
    head = text.split("关于市政供水管网接驳施工停水的通知", 1)[1]
    # the state first, then the change's text and date, then the notice
    assert head.lstrip().startswith("已取消 原定 2026年12月10日 周四 09:00 至 18:00 取消 "
                                    "接自来水公司通知，文三路管网接驳施工推迟，12月10日不停水，届时正常供水。 "
                                    "2026年12月4日 周五 10:00 发布"), head[:200]
    assert "原定时间 2026年12月10日 周四 09:00 至 18:00 （已取消）" in text
    # the original text stays, and the history lists publication and cancellation
    assert "由市政管网直接供水的1栋、2栋、3栋、4栋将暂停供水" in text
    history = text.split("变更记录", 1)[1]
    assert history.strip().startswith("2026年11月27日 周五 15:00 发布通知 时间 2026年12月10日 周四 09:00 至 18:00 "
                                      "2026年12月4日 周五 10:00 取消 ：接自来水公司通知")


def test_cancelled_water_cut_leaves_upcoming_on_the_home_page(changed):
    root, _ = changed
    html = (root / "site/index.html").read_text(encoding="utf-8")
    upcoming = html.split('id="hc-upcoming"', 1)[1].split('id="hc-ended"', 1)[0]
    assert f'data-notice="{POWER}"' in upcoming          # the control: the moved power cut is there
    assert f'data-notice="{WATER}"' not in upcoming
    assert f'data-notice="{WATER}"' not in html.split('id="hc-in-effect"', 1)[1].split('id="hc-upcoming"', 1)[0]
    # shown after them, under 已结束和已取消, as 已取消
    ended = html.split('id="hc-ended"', 1)[1].split('id="hc-publicity"', 1)[0]
    assert re.search(rf'data-notice="{WATER}"[^>]*>\s*<span class="hc-tag">计划停水</span> '
                     r'<span class="hc-state hc-state-cancelled">已取消</span>', ended)


def test_cancelled_water_cut_event_is_cancelled_with_sequence_1(changed):
    root, _ = changed
    ev = events(root)[WATER]
    assert str(ev["status"]) == "CANCELLED"
    assert ev["sequence"] == 1
    # DTSTAMP: the cancellation, 2026-12-04 10:00 +08:00 = 02:00 UTC; the times stay
    assert ev.decoded("dtstamp") == datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    assert ev.decoded("dtstart") == datetime(2026, 12, 10, 9, 0, tzinfo=SH)
    assert str(ev["summary"]).startswith("【已取消】计划停水：")


def test_cancelled_water_cut_prints_a_cancel_sheet_instead_of_the_original(changed):
    root, result = changed
    names = sorted(p.name for p in (root / "print").glob(f"*{WATER}*"))
    assert names == [f"2026-12-10_outage_{WATER}_cancel-1.pdf"]
    text = pdf_text(root / "print" / names[0])
    for needle in ("取消", "已取消", "2026年12月4日周五10:00发布变更", "原通知2026年11月27日发布",
                   "原定停水时间2026年12月10日周四09:00至18:00（已取消）",
                   "接自来水公司通知，文三路管网接驳施工推迟，12月10日不停水，届时正常供水。"):
        assert needle in text, needle
    assert "将暂停供水" not in text        # the original text is not printed again
    assert text.endswith("2026年12月4日第1页/共1页")  # issued on the day of the change, one page


# --- the rescheduled power cut ------------------------------------------------------------

def test_rescheduled_power_cut_page_shows_the_new_times_and_the_history(changed):
    root, _ = changed
    text = page(root, POWER)
    head = text.split("关于供电部门检修1栋至3栋停电的通知", 1)[1]
    assert head.lstrip().startswith("已改期 新时间：2026年12月5日 周六 08:30 至 12:30 "
                                    "供电部门调整检修计划，停电改到12月5日（星期六）8:30至12:30。 "
                                    "2026年12月2日 周三 16:00 发布"), head[:200]
    assert "即将开始 时间 2026年12月5日 周六 08:30 至 12:30" in text
    history = text.split("变更记录", 1)[1]
    assert ("2026年12月2日 周三 16:00 改期 ：供电部门调整检修计划，停电改到12月5日（星期六）8:30至12:30。 "
            "原时间 2026年12月3日 周四 08:30 至 12:30 → 新时间 2026年12月5日 周六 08:30 至 12:30") in history


def test_rescheduled_power_cut_event_has_new_times_and_a_higher_sequence(changed):
    root, result = changed
    ev = events(root)[POWER]
    assert ev.decoded("dtstart") == datetime(2026, 12, 5, 8, 30, tzinfo=SH)
    assert ev.decoded("dtend") == datetime(2026, 12, 5, 12, 30, tzinfo=SH)
    assert ev["sequence"] == 1
    assert ev.decoded("dtstamp") == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)   # 16:00 +08:00
    assert str(ev["status"]) == "CONFIRMED"
    # the same records just before the change: the old times, no SEQUENCE (0), DTSTAMP = published
    before = render_feeds(result.check.records, datetime(2026, 12, 2, 15, 59, tzinfo=SH))["calendar.ics"]
    old = {str(e["uid"]).split("@")[0]: e for e in Calendar.from_ical(before).walk("VEVENT")}[POWER]
    assert old.decoded("dtstart") == datetime(2026, 12, 3, 8, 30, tzinfo=SH)
    assert "sequence" not in old
    assert old.decoded("dtstamp") == datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def test_feed_entries_are_updated_at_their_change(changed):
    root, _ = changed
    atom = ET.parse(root / "site/feed.xml").getroot()
    entries = {e.find(f"{ATOM}id").text.rstrip("/").rsplit("/", 1)[1]: e for e in atom.findall(f"{ATOM}entry")}
    power, water = entries[POWER], entries[WATER]
    assert power.find(f"{ATOM}updated").text == "2026-12-02T16:00:00+08:00"
    assert power.find(f"{ATOM}published").text == "2026-11-28T10:00:00+08:00"
    assert power.find(f"{ATOM}title").text == "【变更】关于供电部门检修1栋至3栋停电的通知"
    assert power.find(f"{ATOM}summary").text.startswith(
        "【变更】已改期：供电部门调整检修计划，停电改到12月5日（星期六）8:30至12:30。（2026年12月2日 周三 16:00 发布）<br>"
        "【计划停电】　2026年12月5日 周六 08:30 至 12:30")
    assert water.find(f"{ATOM}updated").text == "2026-12-04T10:00:00+08:00"
    assert water.find(f"{ATOM}title").text == "【已取消】关于市政供水管网接驳施工停水的通知"
    # the feed itself: updated at the newest change
    assert atom.find(f"{ATOM}updated").text == "2026-12-04T10:00:00+08:00"


def test_rescheduled_power_cut_prints_a_change_sheet_and_the_cache_reuses_it(changed):
    root, _ = changed
    names = sorted(p.name for p in (root / "print").glob(f"*{POWER}*"))
    assert names == [f"2026-12-05_outage_{POWER}_change-1.pdf"]
    text = pdf_text(root / "print" / names[0])
    for needle in ("变更", "已改期", "2026年12月2日周三16:00发布变更", "停电时间2026年12月5日周六08:30至12:30",
                   "原定时间2026年12月3日周四08:30至12:30", "供电部门调整检修计划，停电改到12月5日（星期六）8:30至12:30。",
                   "以下为2026年11月28日发布的原通知", "因小区1号开关站设备检修"):
        assert needle in text, needle
    assert text.endswith("2026年12月2日第1页/共1页")
    again = printing.print_sheets(root, NOW)
    assert again.stats is not None and again.stats.rendered == []
    assert {f"2026-12-05_outage_{POWER}_change-1.pdf", f"2026-12-10_outage_{WATER}_cancel-1.pdf"} <= set(again.stats.reused)
