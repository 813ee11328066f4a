"""A changed notice's own page (issue 16), from the Markdown the page functions render (no
MkDocs run): which change the top speaks of, the history, and record text shown as typed.
The notice is ``helpers.OUTAGE``: published 03-01 09:00, water cut 03-05 09:00–17:00."""
from __future__ import annotations

from helpers import OUTAGE, make_office

from hcomm_gen.app.pipeline import resolve_now
from hcomm_gen.outputs.site import render_pages
from hcomm_gen.records.loader import load_records

EVIL = "<script>alert(1)</script>[电话](javascript:alert(2))"


def notice_page(tmp_path, changes: str, now: str = "2026-03-04 12:00") -> str:
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE + "changes:\n" + changes})
    records = load_records(root)
    assert records.problems == []
    return render_pages(records, resolve_now(records, now), root)["notices/N-1.md"]


def top(page: str) -> str:
    """The banner at the top of the page (the first ``hc-change`` block)."""
    return page.split('<div class="hc-change', 1)[1].split("</div>", 1)[0]


def test_a_correction_after_a_reschedule_keeps_the_reschedule_on_top(tmp_path):
    page = notice_page(tmp_path, f"""\
  - {{at: 2026-03-02 10:00, type: 改期, text: 推迟一天, start: 2026-03-06 09:00}}
  - {{at: 2026-03-03 10:00, type: 更正, text: '联系电话更正 {EVIL}'}}
""")
    banner = top(page)
    assert "已改期" in banner and "新时间：2026年3月6日 周五 09:00 至 17:00" in banner and "推迟一天" in banner
    assert "共 2 次变更" in banner
    history = page.split("## 变更记录", 1)[1]
    assert history.index("发布通知") < history.index("改期") < history.index("更正")
    assert "原时间 <s>2026年3月5日 周四 09:00 至 17:00</s> → 新时间 2026年3月6日 周五 09:00 至 17:00" in history
    # the correction changed no time: no old → new line of its own
    assert history.count("原时间") == 1
    # as typed: HTML and Markdown characters as character references (env.inert)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#91;电话&#93;(javascript:alert(2))" in history
    assert "<script>" not in page


def test_a_change_not_yet_made_is_not_shown(tmp_path):
    page = notice_page(tmp_path, "  - {at: 2026-03-04 12:01, type: 取消, text: 取消}\n")
    assert "hc-change" not in page and "变更记录" not in page


def test_a_cancellation_is_on_top_even_before_a_later_correction(tmp_path):
    page = notice_page(tmp_path, """\
  - {at: 2026-03-02 10:00, type: 取消, text: 水箱清洗取消，照常供水。}
  - {at: 2026-03-02 11:00, type: 更正, text: 取消原因是清洗设备未到货。}
""")
    banner = top(page)
    assert "已取消" in banner and "水箱清洗取消，照常供水。" in banner and "2026年3月2日 周一 10:00 发布" in banner
    assert "原定 <s>2026年3月5日 周四 09:00 至 17:00</s> 取消" in banner
    assert "<dt>原定时间</dt> <dd><s>2026年3月5日 周四 09:00 至 17:00</s>（已取消）</dd>" in page


def test_an_early_end_shows_the_actual_times(tmp_path):
    page = notice_page(tmp_path, "  - {at: 2026-03-05 15:10, type: 提前结束, text: 提前恢复供水, end: 2026-03-05 15:00}\n",
                       now="2026-03-05 16:00")
    assert "已提前结束" in top(page) and "实际：2026年3月5日 周四 09:00 至 15:00" in top(page)
