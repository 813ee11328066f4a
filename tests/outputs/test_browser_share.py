"""Issue 11 item 1 in a real browser (Debian's /usr/bin/chromium driven by Playwright): a
notice page's 分享到微信群 box at 375 px. Its 复制文字 button puts the message on the
clipboard where the page is a secure context, and otherwise (plain http on the office's
server, an old WebView) selects the whole text for a long press."""
from __future__ import annotations

import pytest
from helpers import CHROMIUM, served

from hcomm_gen.app.share import share_notice

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed")
WATER = "N-2026-1127-water"


@needs_chromium
def test_copy_button_copies_or_selects_the_whole_message(example_build, browser, tmp_path):
    root, _result = example_build  # built as of 2026-11-29 12:00
    expected = share_notice(root, WATER, "2026-11-29 12:00", tmp_path).text
    assert expected.startswith("【计划停水】关于市政供水管网接驳施工停水的通知\n时间：12月10日（星期四）09:00–18:00\n")
    with served(root / "site") as url:
        ctx = browser.new_context(viewport={"width": 375, "height": 812}, permissions=["clipboard-read", "clipboard-write"])
        page = ctx.new_page()
        page.goto(f"{url}notices/{WATER}/")
        assert page.input_value("#hc-share-text") == expected  # the same text as `hcomm share`
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.click("#hc-share-copy")
        page.wait_for_function("document.getElementById('hc-share-status').textContent !== ''")
        assert page.inner_text("#hc-share-status") == "已复制，可以粘贴到微信群了。"
        assert page.evaluate("navigator.clipboard.readText()") == expected
        img = page.locator(".hc-share-picture img")
        assert img.evaluate("i => i.complete && i.naturalWidth") == 1080
        ctx.close()
        # no clipboard API (not a secure context): the whole text is selected
        ctx = browser.new_context(viewport={"width": 375, "height": 812})
        ctx.add_init_script("Object.defineProperty(window, 'isSecureContext', {value: false});")
        page = ctx.new_page()
        page.goto(f"{url}notices/{WATER}/")
        page.click("#hc-share-copy")
        page.wait_for_function("document.getElementById('hc-share-status').textContent !== ''")
        assert page.evaluate("[document.activeElement.id, document.activeElement.selectionStart, "
                             "document.activeElement.selectionEnd]") == ["hc-share-text", 0, len(expected)]
        assert page.inner_text("#hc-share-status") in ("已复制，可以粘贴到微信群了。",
                                                        "文字已全部选中：请长按选中的文字，再点“复制”。")
        ctx.close()
