"""Printable A4 sheets with WeasyPrint.

Every PDF embeds a subset CJK font. WeasyPrint draws an empty box for a character that no
font has and only logs a ``.notdef`` warning; :func:`html_to_pdf` turns that warning into
:class:`MissingGlyph`, naming the characters, so a sheet with boxes is never written.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from pathlib import Path

from ..load.records import Records
from .env import make_env
from .views import NoticeView


class MissingGlyph(Exception):
    """No installed font has these characters (``chars``, a string); the sheet was not written."""

    def __init__(self, chars: str, target: str):
        super().__init__(chars)
        self.chars, self.target = chars, target


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if ".notdef" in msg:
            m = re.search(r'"(.*)"', msg)
            self.missing.append(m.group(1) if m else msg)


@contextmanager
def _capture_notdef():
    log = logging.getLogger("weasyprint")
    handler = _Collect()
    log.addHandler(handler)
    try:
        yield handler
    finally:
        log.removeHandler(handler)


def html_to_pdf(html: str, target: Path, base_url: str | None = None) -> None:
    """Render ``html`` (must declare ``<meta charset="utf-8">``) to the PDF ``target``.

    :raises MissingGlyph: a character has no glyph in any font (nothing is written).
    """
    from weasyprint import HTML

    with _capture_notdef() as seen:  # glyphs are looked up while the PDF is drawn
        data = HTML(string=html, base_url=base_url, encoding="utf-8").write_pdf()
    if seen.missing:
        chars = "".join(sorted(set("".join(seen.missing))))
        raise MissingGlyph(chars, str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def print_css(root: Path | None) -> str:
    env = make_env(root, None)
    return env.loader.get_source(env, "print/print.css")[0]


def notice_sheet_html(records: Records, view: NoticeView, root: Path | None) -> str:
    """HTML of the notice sheet (通知单) for ``view``."""
    env = make_env(root, records.tz)
    return env.get_template("print/notice.html.j2").render(
        community=records.community, n=view.notice, v=view, css=print_css(root))


def sheet_filename(view: NoticeView) -> str:
    """``2026-12-03_outage_N-2026-1201-power.pdf``: sorts by date and says the kind."""
    when = (view.notice.start or view.notice.published).astimezone(view.tz)
    return f"{when:%Y-%m-%d}_{view.notice.kind}_{view.notice.id}.pdf"
