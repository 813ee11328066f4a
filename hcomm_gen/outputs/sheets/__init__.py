"""Printed sheets for the notice board (P4.1, P4.2, P4.5, P4.6): every sheet comes from a
registered *source* (:mod:`.registry`) with its template, and goes through the
content-addressed cache (:mod:`.model`) so unchanged sheets are not rendered again.

* :mod:`.notices` — a notice's 通知单, 财务公示 and 警示标示 (text helpers: :mod:`.notice_text`);
* :mod:`.surveys` — the survey round's result and 整改公示 (NOTICE-SURVEY-RESULT);
* :mod:`.buildings` — each building's lobby sheet with its page's QR code (``print --buildings``).

Adding a sheet is one function registered with ``@notice_source(template)`` or
``@due_source(template)`` in one of those modules, plus its template (CONTRIBUTING.md).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hcomm_gen.domain.notices import CANCELLED, ENDED, IN_EFFECT, UPCOMING
from hcomm_gen.outputs.letter import (
    CLOSINGS,
    audience,
    greeting,
    issuer_names,
    letter_body,
    notice_url,
    qr_data_uri,
)
from hcomm_gen.outputs.sheets import buildings as _buildings  # noqa: F401  (registers the building sheet)
from hcomm_gen.outputs.sheets import notices as _notices  # noqa: F401  (registers the notice sources)
from hcomm_gen.outputs.sheets import surveys as _surveys  # noqa: F401  (registers the survey sources)
from hcomm_gen.outputs.sheets.model import (
    CACHE_DIR,
    CACHE_FORMAT,
    RenderStats,
    Sheet,
    SheetGlyphError,
    UnsafeSheetName,
    cache_dir,
    prune_cache,
    render_sheets,
    safe_target,
)
from hcomm_gen.outputs.sheets.notice_text import (
    finance_blocks,
    first_sentence,
    period_text,
    title_size,
)
from hcomm_gen.outputs.sheets.registry import building_sheets, due_sheets, notice_sheets
from hcomm_gen.outputs.views import NoticeView, notice_views
from hcomm_gen.records.loader import Records

__all__ = ["CACHE_DIR", "CACHE_FORMAT", "CLOSINGS", "RenderStats", "Sheet", "SheetGlyphError",
           "UnsafeSheetName", "all_sheets", "audience", "building_sheets", "cache_dir", "due_views", "finance_blocks",
           "first_sentence", "greeting", "issuer_names", "letter_body", "notice_url", "period_text",
           "prune_cache", "qr_data_uri", "render_sheets", "safe_target", "sheets_for", "title_size",
           "write_due_sheets"]


def sheets_for(records: Records, view: NoticeView, root: Path | None) -> list[Sheet]:
    """The sheets of one notice: its main sheet first, then its warning signs (if any)."""
    return notice_sheets(records, view, root)


def due_views(records: Records, now: datetime) -> list[NoticeView]:
    """Notices due for posting at ``now``: in effect, upcoming, ended and still up until their
    archive moment (the board says 已恢复供电 …), or cancelled and not yet archived (its 取消
    sheet is posted over the original); newest first."""
    return [v for v in notice_views(records.notices, now, records.tz,
                                    records.community.notice_display_days)
            if v.state in (IN_EFFECT, UPCOMING, ENDED, CANCELLED)]


def all_sheets(records: Records, views: list[NoticeView], root: Path | None) -> list[Sheet]:
    """The sheets of ``views``, in file-name order."""
    sheets = [s for v in views for s in sheets_for(records, v, root)]
    return sorted(sheets, key=lambda s: s.name)


def write_due_sheets(records: Records, now: datetime, root: Path, out_dir: Path,
                     progress=None) -> RenderStats:
    """Render every sheet due for posting at ``now`` (notices in effect, upcoming, ended and
    still up, or cancelled — their 取消 sheet —, and the current survey round's result and
    整改公示, NOTICE-SURVEY-RESULT) into ``out_dir`` through the cache of ``root``, then drop
    cache entries no longer due.
    Used by ``hcomm build`` and ``hcomm print``.

    A sheet with a character that no installed font has is left out and listed in ``failed``
    of the result (:func:`render_sheets`); the others are written.

    :raises hcomm_gen.core.errors.OutputError: a survey chart label has a character no font has.
    """
    # the buildings' lobby sheets are always among them (issue 11): a full print or build
    # replaces print/ and would otherwise drop the print/buildings/ of `hcomm print --buildings`
    sheets = (all_sheets(records, due_views(records, now), root) + due_sheets(records, now, root)
              + building_sheets(records, root))
    cache = cache_dir(root)
    stats = render_sheets(sheets, out_dir, cache, progress)
    prune_cache(cache, {s.key for s in sheets})
    return stats
