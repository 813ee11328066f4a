"""The director's page of ``hcomm status --pdf`` (管理处主任): HTML from the template
``print/status.html.j2`` (an office may override it under ``templates/``), drawn to PDF by
:func:`hcomm_gen.outputs.pdf.render_pdf` (fonts subset, a missing glyph refused).

The page is built from a :class:`~hcomm_gen.domain.status_page.StatusPage`. Rule IDs, clauses
and file paths are written only in the cells of class ``ref`` (the 参考 column, 8 pt grey):
:func:`reference` makes their text; the body names things in Chinese. Long lists flow onto
further A4 pages with their table headers repeated; the totals are at the top of page 1.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hcomm_gen.core.registry import RULES
from hcomm_gen.domain.status_page import SOON_DAYS, StatusPage
from hcomm_gen.outputs.env import make_env, zh_month_of
from hcomm_gen.outputs.pdf import render_pdf
from hcomm_gen.records.types import fmt_dt


def reference(rule: str, path: str) -> str:
    """The reference column's text: ``VISIT-SUMMARY · P5.4.1 · records/…/2026-11.yaml``
    (the clause when the rule is known, the file when there is one)."""
    known = RULES.get(rule)
    parts = [rule] + ([known.clause] if known is not None else []) + ([path] if path else [])
    return " · ".join(parts)


def status_html(page: StatusPage, tz, root: Path | None = None) -> str:
    """HTML of the director's page (``tz``: the community's time zone, for the times shown)."""
    env = make_env(root, tz)
    env.filters["when"] = lambda d: fmt_dt(d, tz)
    today = page.now.astimezone(tz).date()
    footer = f"{page.community} · 待办与逾期事项 {fmt_dt(page.now, tz)} · 内部资料 不得公开"
    return env.get_template("print/status.html.j2").render(
        page=page, when=fmt_dt(page.now, tz), soon_until=(today + timedelta(days=SOON_DAYS)).isoformat(),
        month_zh=zh_month_of(f"{today:%Y-%m}"), ref=reference, footer=footer)


def status_pdf(page: StatusPage, tz, root: Path | None = None, name: str = "<memory>") -> tuple[bytes, int]:
    """The director's page as PDF: ``(bytes, number of pages)``. Nothing is written.

    :raises MissingGlyph: a character of the records is in no installed font (``name``: the
        file meant, for the message).
    """
    doc, data = render_pdf(status_html(page, tz, root), name=name)
    return data, len(doc.pages)
