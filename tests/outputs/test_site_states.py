"""Issue 16, states true between builds, in the built site (no browser): an outage over while
its notice is still up reads 已恢复供电 and moves after the current and upcoming notices; a
cancelled one reads 已取消 and leaves 即将开始; every item carries its times for the page
script. The script itself, in a real browser: test_browser_states.py."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import OUTAGE, PEST, example_office, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.outputs.sheets import due_views
from hcomm_gen.outputs.site import render_pages
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")
POWER = "N-2026-1128-power"


def section(html: str, sid: str) -> str:
    """The HTML of the element ``id=sid`` (a list section: a ``<div>`` holding no other
    ``<div>`` than its list), from its opening tag to its closing ``</div>``."""
    start = html.rindex("<div", 0, html.index(f'id="{sid}"'))
    depth, pos = 0, start
    for m in re.finditer(r"<div\b|</div>", html[start:]):
        depth += 1 if m.group(0) == "<div" else -1
        if depth == 0:
            pos = start + m.end()
            break
    return html[start:pos]


def item(html: str, notice_id: str) -> str:
    """The opening tag and text of the card or list item of ``notice_id``."""
    m = re.search(rf'<(a|li) [^>]*data-notice="{notice_id}"[^>]*>.*?</\1>', html, re.S)
    assert m, notice_id
    return m.group(0)


@pytest.fixture(scope="module")
def site_13(tmp_path_factory, repo, warm_cache):
    """The example's site built at 2026-12-03 13:00, half an hour after the power cut ended."""
    root = example_office(tmp_path_factory.mktemp("states") / "office", warm_cache)
    result = pipeline.build(root, "2026-12-03 13:00", prints=False)
    assert result.site_dir, [p.format() for p in result.check.errors]
    return root / "site"


def test_at_13_the_power_cut_reads_ended_on_home_and_outages(site_13):
    home = (site_13 / "index.html").read_text(encoding="utf-8")
    # current first, then upcoming, then ended and cancelled
    assert home.index('id="hc-in-effect"') < home.index('id="hc-upcoming"') < home.index('id="hc-ended"')
    assert POWER not in section(home, "hc-in-effect") and POWER not in section(home, "hc-upcoming")
    ended = section(home, "hc-ended")
    assert re.search(r'id="hc-ended"[^>]*data-hc-hide-empty>', ended)  # shown (no hidden)
    card = item(ended, POWER)
    assert 'data-state="ended"' in card and '<span class="hc-state hc-state-ended">已恢复供电</span>' in card
    # the times for the script, absolute (with offset); expires: 2026-12-04 is the end of that day
    assert 'data-start="2026-12-03T08:30:00+08:00" data-end="2026-12-03T12:30:00+08:00" ' \
           'data-expires="2026-12-05T00:00:00+08:00"' in card
    assert 'data-labels="即将开始 进行中 已恢复供电 已取消 已归档"' in card
    assert '<div id="hc-live" hidden data-built="2026-12-03T13:00:00+08:00" data-tz="Asia/Shanghai">' in home
    assert '<script src="assets/states.js"></script>' in home

    outages = (site_13 / "outages/index.html").read_text(encoding="utf-8")
    assert POWER not in section(outages, "hc-current")
    li = item(section(outages, "hc-ended"), POWER)
    assert 'data-state="ended"' in li and ">已恢复供电</span>" in li
    # the lift works go on: 进行中 in the current list
    assert ">进行中</span>" in item(section(outages, "hc-current"), "N-2026-1112-elevator")

    archive = (site_13 / "archive/index.html").read_text(encoding="utf-8")
    assert ">已恢复供电</span>" in item(section(archive, "hc-ended"), POWER)
    page = (site_13 / f"notices/{POWER}/index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="hc-state hc-state-ended" data-notice="N-2026-1128-power"[^>]*>已恢复供电</span>',
                     page)
    assert (site_13 / "assets/states.js").stat().st_size < 10_000  # a few KB


def test_an_ended_notice_is_still_printed_until_its_expiry(repo):
    rec = load_records(repo)
    ids = lambda now: {v.notice.id for v in due_views(rec, now)}  # noqa: E731
    assert POWER in ids(datetime(2026, 12, 3, 13, 0, tzinfo=SH))
    assert POWER not in ids(datetime(2026, 12, 5, 0, 0, tzinfo=SH))


CANCELLED = OUTAGE + """\
changes:
  - {at: 2026-03-02 10:00, type: 取消, text: 水箱清洗改由供水公司安排，本次不停水。}
"""


def test_a_cancelled_notice_reads_cancelled_after_the_current_and_upcoming(tmp_path):
    """03-03 12:00: the water cut of 03-05 (N-1) was cancelled on 03-02; the pest control of
    03-05 (N-2) is upcoming; an event (N-3) ended on 03-03 at 11:00 and is up until 03-04."""
    event = PEST.replace("N-2", "N-3").replace("kind: pest_control", "kind: event") \
        .replace("2026-03-05 09:00", "2026-03-03 09:00").replace("2026-03-05 17:00", "2026-03-03 11:00") \
        .replace("warning_signs: [1栋大堂]\n", "") + "expires: 2026-03-04\n"
    root = make_office(tmp_path, {"notices/2026/n1.yaml": CANCELLED, "notices/2026/n2.yaml": PEST,
                                  "notices/2026/n3.yaml": event})
    pages = render_pages(load_records(root), datetime(2026, 3, 3, 12, 0, tzinfo=SH), root)
    home = pages["index.md"]
    assert "N-1" not in section(home, "hc-upcoming") and "N-1" not in section(home, "hc-in-effect")
    assert 'data-notice="N-2"' in section(home, "hc-upcoming")
    ended = section(home, "hc-ended")
    # by start: the event (03-03) before the cancelled cut (03-05)
    assert ended.index('data-notice="N-3"') < ended.index('data-notice="N-1"')
    cut = item(ended, "N-1")
    assert 'data-state="cancelled"' in cut and 'data-cancelled="2026-03-02T10:00:00+08:00"' in cut
    assert '<span class="hc-state hc-state-cancelled">已取消</span>' in cut
    assert '<span class="hc-state hc-state-ended">已结束</span>' in item(ended, "N-3")
    outages = pages["outages.md"]
    assert "N-1" not in section(outages, "hc-current")
    assert ">已取消</span>" in item(section(outages, "hc-ended"), "N-1")
    # nothing ended or cancelled: the section is there for the script, hidden
    pages = render_pages(load_records(root), datetime(2026, 3, 1, 12, 0, tzinfo=SH), root)
    assert re.search(r'id="hc-ended"[^>]*data-hc-hide-empty hidden>', pages["index.md"])
