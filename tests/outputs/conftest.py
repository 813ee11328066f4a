"""Fixtures of the real-browser tests (Debian's headless Chromium driven by Playwright)."""
from __future__ import annotations

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the test module."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
