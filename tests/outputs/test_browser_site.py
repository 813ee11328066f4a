"""Issue 6 in a real browser: Debian's headless Chromium (/usr/bin/chromium) driven by
Playwright (never a downloaded browser) loads the built example site from a local
http.server on 127.0.0.1.

The site is built once per module: the example records plus two injected notices (an
emergency water cut in effect, and a publicity notice titled ``<script>alert(1)</script>…``).
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import CHROMIUM, example_office, served

from hcomm_gen.app import pipeline
from hcomm_gen.domain.notices import IN_EFFECT, UPCOMING
from hcomm_gen.outputs.views import notice_views

NOW = "2026-11-29 12:00"
XSS_TITLE = "<script>alert(1)</script>冬季用电安全提示"

INJECTED = {
    "notices/2026/2026-11-29-burst-3-2.yaml": """\
id: N-2026-1129-burst
kind: emergency
outage: water
title: 关于3栋2单元供水管爆裂紧急停水抢修的通知
published: 2026-11-29 08:30
start: 2026-11-29 08:00
end: 2026-11-29 18:00
areas: [3栋2单元]
channels: [通知单, 微信群]
body: |
  今晨8时许，3栋2单元管井内供水立管爆裂，管理处已关闭该单元进水阀门，3栋2单元暂停供水。
actions: |
  请关闭家中水龙头，恢复供水后先放水片刻再使用。
measures: |
  工程部已到场抢修，预计18:00前恢复供水；3栋2单元大堂放置桶装饮用水供住户领取。
contact: {name: 工程部 赵工, phone: 0571-8888 6611}
""",
    "notices/2026/2026-11-28-xss.yaml": f"""\
id: N-2026-1128-xss
kind: publicity
title: '{XSS_TITLE}'
published: 2026-11-28 09:00
areas: [全体业户]
channels: [宣传栏]
body: |
  冬季请勿私拉电线。<img src=x onerror=alert(2)>
""",
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory, repo, warm_cache):
    """(root, BuildResult, base URL) of the example plus the injected notices, served locally."""
    root = example_office(tmp_path_factory.mktemp("browser") / "office", warm_cache)
    for rel, text in INJECTED.items():
        (root / "records" / rel).write_text(text, encoding="utf-8")
    result = pipeline.build(root, NOW, prints=False)
    assert result.site_dir, [p.format() for p in result.check.errors]
    with served(root / "site") as url:
        yield root, result, url


def _new_page(browser, **kw):
    """A page whose clock reads the build's moment: the page script (assets/states.js)
    recomputes the notices' states with the reader's clock, and these tests check the site
    as of ``NOW`` whatever the machine's date (test_browser_states.py moves the clock). Not
    for the search: with a frozen clock Material's search never shows its results."""
    page = browser.new_page(**kw)
    page.clock.set_fixed_time(datetime.fromisoformat(NOW).replace(tzinfo=ZoneInfo("Asia/Shanghai")))
    return page


def _views(result):
    rec = result.check.records
    return notice_views(rec.notices, result.check.now, rec.tz, rec.community.notice_display_days)


def test_home_lists_exactly_the_notices_in_effect(built, browser, tmp_path_factory):
    root, result, url = built
    views = _views(result)
    in_effect = {v.notice.id for v in views if v.state == IN_EFFECT}
    upcoming = {v.notice.id for v in views if v.state == UPCOMING}
    assert "N-2026-1129-burst" in in_effect and len(in_effect) >= 4 and upcoming
    page = _new_page(browser, viewport={"width": 1280, "height": 1400})
    page.goto(url)
    cards = page.eval_on_selector_all(
        ".hc-card", "els => els.map(e => [e.dataset.notice, e.dataset.state])")
    shown_in_effect = {n for n, s in cards if s == IN_EFFECT}
    assert shown_in_effect == in_effect
    assert {n for n, s in cards if s == UPCOMING} == upcoming
    # the emergency is pinned: banner on top and first card of the in-effect list
    assert page.get_attribute(".hc-pinned-banner", "data-pinned") == "N-2026-1129-burst"
    assert page.eval_on_selector("#hc-in-effect .hc-card", "e => e.dataset.notice") == "N-2026-1129-burst"
    assert "范围：3栋2单元" in page.inner_text("#hc-in-effect")
    shots = tmp_path_factory.mktemp("shots")
    page.wait_for_timeout(600)  # Material fades the tabs in
    page.screenshot(path=str(shots / "home-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / "home-375.png"), full_page=True)
    page.close()


def _search(page, url: str, query: str) -> list[str]:
    page.goto(url)
    page.click("input.md-search__input")
    # a query typed before the search worker has loaded the index is dropped: wait until the
    # result box no longer says 正在初始化搜索引擎 (initialising)
    page.wait_for_function("""() => {
        const m = document.querySelector('.md-search-result__meta');
        return m && m.textContent.trim() && !m.textContent.includes('初始化'); }""", timeout=15000)
    page.fill("input.md-search__input", query)  # Chinese text arrives as an IME would insert it
    page.press("input.md-search__input", "End")  # Material searches on keyup, as when a person types
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                     "els => els.map(e => e.getAttribute('href'))")


def test_chinese_search_finds_water_cuts_and_pest_control(built, browser):
    root, result, url = built
    views = _views(result)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    hrefs = _search(page, url, "停水")
    found = {h.split("/notices/")[1].split("/")[0] for h in hrefs if "/notices/" in h}
    water = {v.notice.id for v in views if "停水" in v.notice.title}
    assert {"N-2026-1129-burst", "N-2026-1127-water"} <= water
    assert water <= found
    assert not any(v.notice.kind == "event" and v.notice.id in found for v in views)
    hrefs = _search(page, url, "消杀")
    found = {h.split("/notices/")[1].split("/")[0] for h in hrefs if "/notices/" in h}
    pest = {v.notice.id for v in views if "消杀" in v.notice.title}
    assert pest and pest <= found
    assert all(v.notice.kind == "pest_control" for v in views if v.notice.id in found)
    page.close()


def test_no_horizontal_scroll_at_375_px(built, browser):
    root, result, url = built
    page = _new_page(browser, viewport={"width": 375, "height": 800})
    wide = {}
    for path in ("", "outages/", "cases/", "channels/", "notices/N-2026-1129-burst/", "visits/", "surveys/",
                 "surveys/2026-06/", "surveys/2026-06-announcement/", "archive/"):
        page.goto(url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[path] = width
    assert wide == {}
    page.close()


def test_injected_script_title_shows_as_text(built, browser):
    root, result, url = built
    page = _new_page(browser)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + "notices/N-2026-1128-xss/")
    assert page.inner_text("article h1") == XSS_TITLE
    assert XSS_TITLE in page.title()
    page.goto(url)
    assert XSS_TITLE in page.inner_text("#hc-publicity")
    page.wait_for_timeout(200)
    assert dialogs == []
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
    assert not any("alert(1)" in s for s in scripts)
    page.close()


def test_print_stylesheet_hides_menus(built, browser):
    root, result, url = built
    page = browser.new_page()
    page.goto(url + "notices/N-2026-1127-water/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer', '.hc-back']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    [n] = [n for n in result.check.records.notices if n.id == "N-2026-1127-water"]
    assert page.inner_text("article h1") == n.title
    page.close()


#: every scroll box around a table: our wrapper and Material's (added by its script)
_TABLE_BOXES = """() => [...document.querySelectorAll('.hc-table, .hc-table .md-typeset__scrollwrap')]
    .map(e => [e.className, e.scrollWidth, e.clientWidth, e.querySelector('table').offsetWidth])"""


#: per stacked table (.hc-stack): [heading above it, table width, column width, header shown,
#: display of the first row, widest cell, and cells whose column name (data-label) is missing]
_STACKS = """() => [...document.querySelectorAll('.hc-stack')].map(box => {
    const t = box.querySelector('table'), col = document.querySelector('article').clientWidth;
    const cells = [...t.querySelectorAll('tbody td')];
    let h = box.previousElementSibling; while (h && !/^H[23]$/.test(h.tagName)) h = h.previousElementSibling;
    return [h ? h.textContent.trim() : '', t.offsetWidth, col,
            t.querySelector('thead').offsetHeight > 2, getComputedStyle(t.querySelector('tbody tr')).display,
            Math.max(...cells.map(c => c.getBoundingClientRect().right)) - t.getBoundingClientRect().left,
            cells.filter(c => !c.dataset.label).length]; })"""


def test_tables_scroll_only_when_wider_than_the_column(built, browser, tmp_path_factory):
    """New-user test: at 1280 px the tables of the visits, cases and survey pages fit their
    column, so no box around them may scroll sideways (a scrollbar showed under each: Material's
    wrapper reaches .8rem past the column and our wrapper clipped it), and the wide ones are
    ordinary tables (header row shown). At 375 px nothing scrolls sideways either: the wide
    tables (visits per month, 历次调查, 各项满意率, the Pareto table) show each
    row as a card, every cell named by its column (data-label), none wider than the column."""
    root, result, url = built
    rounds = sorted(p.parent.name for p in (root / "site/surveys").glob("*/index.html")
                    if not p.parent.name.endswith("announcement"))
    assert rounds, "the example has a survey round"
    paths = ["visits/", "cases/", "surveys/"] + [f"surveys/{r}/" for r in rounds]
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    scrolling, seen, stacks = {}, 0, {}
    for path in paths:
        page.goto(url + path)
        page.wait_for_selector(".hc-table .md-typeset__scrollwrap")
        boxes = page.evaluate(_TABLE_BOXES)
        seen += len(boxes)
        scrolling[path] = [b for b in boxes if b[1] > b[2]]
        stacks[path] = page.evaluate(_STACKS)
        assert all(s[3] and s[4] == "table-row" and s[6] == 0 for s in stacks[path]), stacks[path]
    assert seen >= 2 * 8 and all(v == [] for v in scrolling.values()), scrolling
    headings = {s[0] for v in stacks.values() for s in v}
    assert {"每月访问情况", "历次调查", "各项满意率", "不满意项目排列图"} <= headings
    shots = tmp_path_factory.mktemp("shots375")
    page.set_viewport_size({"width": 375, "height": 800})
    for path in paths:
        page.goto(url + path)
        page.wait_for_selector(".hc-table .md-typeset__scrollwrap")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        boxes = page.evaluate(_TABLE_BOXES)
        # no box scrolls sideways and no table (stacked or not) is wider than its box
        assert all(b[1] <= b[2] and b[3] <= b[2] for b in boxes), (path, boxes)
        for head, width, col, thead, row, widest, unnamed in page.evaluate(_STACKS):
            assert width <= col and widest <= col + 1, (path, head, width, widest, col)
            assert not thead and row == "block" and unnamed == 0, (path, head)
        page.screenshot(path=str(shots / (path.strip("/").replace("/", "-") + ".png")), full_page=True)
    # a card names each figure: November's reads 应访问户数 38, 已访问户数 42, 已达标（进行中）
    page.goto(url + "visits/")
    card = page.eval_on_selector(".hc-stack tbody tr", """tr => [...tr.cells].map(c => [
        getComputedStyle(c, '::before').content.replace(/^"|"$/g, ''), c.textContent])""")
    assert card[0] == ["none", "2026年11月"]
    assert card[3:] == [["应访问户数", "38"], ["已访问户数", "42"], ["是否达标", "已达标（进行中）"]]
    page.close()


#: [class, text colour, background colour] of each grey metadata text (dates, areas, notes),
#: the background being that of the nearest element that paints one (white at the top)
_META_COLOURS = """() => [...document.querySelectorAll('.hc-when, .hc-areas, .hc-asof, .hc-state, .hc-empty')]
    .map(e => { let b = e, bg = 'rgb(255, 255, 255)';
        while (b) { const c = getComputedStyle(b).backgroundColor;
            if (c && c !== 'transparent' && !/, 0\\)$/.test(c)) { bg = c; break; } b = b.parentElement; }
        return [e.className, getComputedStyle(e).color, bg]; })"""


def _rgba(css: str) -> tuple[float, ...]:
    parts = [float(x) for x in css[css.index("(") + 1:-1].split(",")]
    return tuple(parts[:3]) + ((parts[3],) if len(parts) == 4 else (1.0,))


def _contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of CSS colour ``fg`` (alpha blended) over opaque ``bg``."""
    *f, a = _rgba(fg)
    b = _rgba(bg)[:3]
    mixed = [a * x + (1 - a) * y for x, y in zip(f, b, strict=True)]

    def lum(rgb):
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(mixed), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_grey_metadata_meets_wcag_aa(built, browser):
    """Dates and areas on the home page and the archive were black at 54 %: 4.59:1 on white and
    4.52:1 on the pinned card's pink, on the very edge of WCAG AA (4.5:1 for small text) and
    hard to read for the elderly. Now at least 6.5:1 wherever they stand (7.0:1 on white, 6.5:1 on the pink), well above AA."""
    old = "rgba(0, 0, 0, 0.54)"
    assert 4.5 < _contrast(old, "rgb(255, 245, 245)") < _contrast(old, "rgb(255, 255, 255)") < 4.6
    root, result, url = built
    page = _new_page(browser, viewport={"width": 375, "height": 800})
    low = []
    for path in ("", "archive/", "archive/2026/", "outages/"):
        page.goto(url + path)
        shown = page.evaluate(_META_COLOURS)
        assert shown, path
        low += [(path, *s, round(_contrast(s[1], s[2]), 2)) for s in shown if _contrast(s[1], s[2]) < 6.5]
    assert low == []
    page.close()


def test_an_emergency_over_after_the_build_is_unpinned_and_archived_by_the_page_script(built, browser):
    """The burst pipe (08:00–18:00, no ``expires``: archived at its end), pinned at the 12:00
    build, read at 18:30: the page script hides the red banner and the card (archived), the
    other notices in effect stay."""
    root, result, url = built
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.clock.set_fixed_time(datetime(2026, 11, 29, 18, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    page.goto(url)
    assert not page.is_visible(".hc-pinned-banner")
    # its card and its line in the today/tomorrow strip (issue 11)
    assert page.locator('[data-notice="N-2026-1129-burst"]').evaluate_all(
        "els => els.map(e => [e.dataset.state, e.offsetParent === null])") == [["archived", True]] * 2
    assert page.locator("#hc-in-effect .hc-card:visible").count() >= 3
    page.close()
