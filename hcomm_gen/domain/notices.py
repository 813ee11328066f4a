"""Notice state at a moment: upcoming, in effect, archived (PROCEDURE.md Notices)."""
from __future__ import annotations

from datetime import datetime, timedelta

from hcomm_gen.records.models import Notice

UNPUBLISHED, UPCOMING, IN_EFFECT, ARCHIVED = "unpublished", "upcoming", "in_effect", "archived"
STATE_ZH = {UNPUBLISHED: "未发布", UPCOMING: "即将开始", IN_EFFECT: "生效中", ARCHIVED: "已归档"}


def effective_end(notice: Notice, display_days: int = 30) -> datetime:
    """When ``notice`` moves to the archive: ``expires`` if set, else ``end``, else
    ``display_days`` days (community ``notice_display_days``) after start or publication."""
    if notice.expires is not None:
        return notice.expires
    if notice.end is not None:
        return notice.end
    return (notice.start or notice.published) + timedelta(days=display_days)


def notice_state(notice: Notice, now: datetime, display_days: int = 30) -> str:
    """State of ``notice`` at aware ``now``.

    * ``unpublished``: ``now < published`` (not shown anywhere yet);
    * ``upcoming``: published, ``now < start``;
    * ``in_effect``: ``start`` (or publication) ``<= now <`` end (see :func:`effective_end`);
    * ``archived``: afterwards. Archived notices stay on the site's archive.
    """
    if now < notice.published:
        return UNPUBLISHED
    if notice.start is not None and now < notice.start:
        return UPCOMING
    if now >= effective_end(notice, display_days):
        return ARCHIVED
    return IN_EFFECT
