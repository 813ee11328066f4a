"""沟通渠道: the office's hotline, reception day, feeds and the owners' meetings (the
coming ones and those of the last twelve months)."""
from __future__ import annotations

from datetime import timedelta

from hcomm_gen.domain.terms import WEEKDAYS_ZH
from hcomm_gen.outputs.pages.registry import PageContext, base_of, page


@page("channels.md", nav="沟通渠道", nav_order=100)
def channels(ctx: PageContext) -> str:
    """沟通渠道: coming meetings (soonest first), past ones of the last 366 days (newest
    first; older ones: the archive of minutes) and the reception day's weekday."""
    now, c = ctx.now, ctx.community
    meetings = sorted((m for m in ctx.records.meetings if m.date >= now - timedelta(days=366)),
                      key=lambda m: m.date, reverse=True)
    coming = sorted((m for m in meetings if m.date >= now), key=lambda m: m.date)
    meetings = [m for m in meetings if m.date < now]
    weekday = WEEKDAYS_ZH[c.reception_day.weekday - 1] if c.reception_day else ""
    return ctx.render("site/channels.md.j2", base=base_of("channels.md"), meetings=meetings,
                      coming=coming, weekday_zh=weekday)
