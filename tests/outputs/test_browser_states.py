"""Issue 16, states true between builds, in a real browser (Debian's /usr/bin/chromium driven
by Playwright, as test_browser_site.py): the example built at 2026-12-03 10:00, while the
power cut of 08:30–12:30 is on, read with the browser's clock later than the build. The page
script (assets/states.js) relabels the card 已恢复供电 and moves it after the current and
upcoming notices; without JavaScript the build-time state shows."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import CHROMIUM, example_office, served

from hcomm_gen.app import pipeline

SH = ZoneInfo("Asia/Shanghai")
POWER = "N-2026-1128-power"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory, repo, warm_cache):
    """(site folder, base URL) of the example built at 2026-12-03 10:00, served locally."""
    root = example_office(tmp_path_factory.mktemp("states-browser") / "office", warm_cache)
    result = pipeline.build(root, "2026-12-03 10:00", prints=False)
    assert result.site_dir, [p.format() for p in result.check.errors]
    with served(root / "site") as url:
        yield root / "site", url


def test_built_at_10_the_power_cut_reads_in_progress(built):
    site, _ = built
    home = (site / "index.html").read_text(encoding="utf-8")
    current = home[home.index('id="hc-in-effect"'):home.index('id="hc-upcoming"')]
    card = re.search(rf'<a [^>]*data-notice="{POWER}"[^>]*>.*?</a>', current, re.S).group(0)
    assert 'data-state="in_effect"' in card and '<span class="hc-state hc-state-in_effect">进行中</span>' in card
    assert re.search(r'id="hc-ended"[^>]*data-hc-hide-empty hidden>', home)  # nothing ended yet
    outages = (site / "outages/index.html").read_text(encoding="utf-8")
    current = outages[outages.index('id="hc-current"'):outages.index('id="hc-ended"')]
    assert re.search(rf'<li [^>]*data-notice="{POWER}"[^>]*data-state="in_effect".*?>进行中</span>', current)


#: where the power cut stands: [its section, its label, data-state, the section's place among
#: the visible lists, the visible lists in page order, the as-of line]
_WHERE = """id => {
    const el = document.querySelector(`[data-hc-states] [data-notice="${id}"]:not([hidden])`);
    const shown = [...document.querySelectorAll('[data-hc-states]')].filter(s => !s.hidden).map(s => s.id);
    const sec = el && el.closest('[data-hc-states]');
    return [sec && sec.id, el && el.querySelector('.hc-state').textContent, el && el.dataset.state,
            shown.indexOf(sec && sec.id), shown, document.querySelector('.hc-asof').textContent]; }"""


@needs_chromium
def test_at_13_the_script_shows_the_power_cut_ended(built, browser):
    """The site built at 10:00, read at 13:00 (Shanghai): after the script ran the card reads
    已恢复供电 in the ended list, after 正在生效 and 即将开始, on home and outages."""
    _, url = built
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.clock.set_fixed_time(datetime(2026, 12, 3, 13, 0, tzinfo=SH))
    page.goto(url)
    sec, label, state, place, shown, asof = page.evaluate(_WHERE, POWER)
    assert (sec, label, state) == ("hc-ended", "已恢复供电", "ended")
    assert shown[:3] == ["hc-in-effect", "hc-upcoming", "hc-ended"] and place == 2
    assert "以下为 2026年12月3日 周四 10:00 的公告情况，状态已更新至 2026年12月3日 周四 13:00。" in asof
    assert page.eval_on_selector("#hc-in-effect", f"s => !s.querySelector('[data-notice=\"{POWER}\"]')")
    page.goto(url + "outages/")
    sec, label, state, place, shown, _ = page.evaluate(_WHERE, POWER)
    assert (sec, label, state, shown, place) == ("hc-ended", "已恢复供电", "ended", ["hc-current", "hc-ended"], 1)
    page.goto(url + f"notices/{POWER}/")
    assert page.inner_text(".hc-meta .hc-state") == "已恢复供电"
    page.close()


@needs_chromium
def test_without_javascript_the_build_time_state_shows(built, browser):
    _, url = built
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.clock.set_fixed_time(datetime(2026, 12, 3, 13, 0, tzinfo=SH))
    page.goto(url)
    assert page.inner_text(f'#hc-in-effect [data-notice="{POWER}"] .hc-state') == "进行中"
    assert not page.is_visible("#hc-ended")
    ctx.close()


@needs_chromium
def test_the_script_relabels_every_minute_in_the_community_time_zone(built, browser):
    """A reader in New York keeps the page open from 12:29:30 Shanghai: within the minute after
    12:30 the card moves to the ended list. The next morning (09:00 in Shanghai, still the 3rd
    in New York) the calendar marks the 4th as today: the community's day, not the reader's."""
    _, url = built
    ctx = browser.new_context(timezone_id="America/New_York")
    page = ctx.new_page()
    page.clock.install(time=datetime(2026, 12, 3, 12, 29, 30, tzinfo=SH))
    page.goto(url)
    assert page.evaluate(_WHERE, POWER)[:3] == ["hc-in-effect", "进行中", "in_effect"]
    page.clock.run_for(90_000)
    assert page.evaluate(_WHERE, POWER)[:3] == ["hc-ended", "已恢复供电", "ended"]
    page.clock.pause_at(datetime(2026, 12, 4, 9, 0, tzinfo=SH))
    page.goto(url + "outages/")
    assert page.evaluate(_WHERE, POWER)[:3] == ["hc-ended", "已恢复供电", "ended"]
    assert page.eval_on_selector_all("td.hc-today", "els => els.map(e => e.dataset.date)") == ["2026-12-04"]
    assert "状态已更新至 2026年12月4日 周五 09:00" in page.inner_text(".hc-asof")
    ctx.close()
