"""停水停电: the outages calendar (month grids) and the outages in effect or upcoming, then
those ended or cancelled and still shown (planned and emergency outages, works that stop a
supply or the lift: views.is_outage)."""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from hcomm_gen.outputs.pages.buildings import building_links
from hcomm_gen.outputs.pages.registry import PageContext, base_of, page
from hcomm_gen.outputs.views import by_start, is_outage


def _outage_days(outages, first: date, tz) -> dict[date, list]:
    """``{day: [views]}``: every day of each outage, from ``first`` on, for at most a year."""
    days: dict[date, list] = {}
    for v in outages:
        s = v.notice.start.astimezone(tz)
        e = (v.notice.end or v.notice.start).astimezone(tz)
        if e > s and e.hour == 0 and e.minute == 0:
            e -= timedelta(minutes=1)  # ends at midnight: the day before is the last one
        # marked from the first month shown (a long outage that began earlier still shows),
        # for at most a year of days (a typo such as an end in 2099 stays cheap)
        d, last = max(s.date(), first), min(e.date(), first + timedelta(days=366))
        while d <= last:
            days.setdefault(d, []).append(v)
            d += timedelta(days=1)
    return days


def outage_months(views, now: datetime, tz) -> list[dict]:
    """Month grids for the outages calendar: from the previous month to the month of the last
    upcoming outage, months without outages skipped (the current month always shown).

    Each: ``{"year", "month", "weeks": [[(day|0, [views]) ×7], …], "items": [views by start]}``;
    an outage spanning several days is marked on each day (community time zone).
    """
    outages = [v for v in views if is_outage(v.notice) and v.notice.start is not None]
    local_now = now.astimezone(tz)
    first = (local_now.replace(day=1) - timedelta(days=1)).date().replace(day=1)
    cur = (local_now.year, local_now.month)
    days = _outage_days(outages, first, tz)
    wanted = sorted({(d.year, d.month) for d in days} | {cur})
    out = []
    cal = calendar.Calendar(firstweekday=0)
    for y, m in wanted:
        weeks = [[(d, by_start(days.get(date(y, m, d), [])) if d else []) for d in week]
                 for week in cal.monthdayscalendar(y, m)]
        items = by_start(list({id(v): v for d, vs in days.items() if (d.year, d.month) == (y, m)
                               for v in vs}.values()))
        out.append({"year": y, "month": m, "weeks": weeks, "items": items,
                    "today": local_now.day if (y, m) == cur else 0})
    return out


@page("outages.md", nav="停水停电", nav_order=30)
def outages(ctx: PageContext) -> str:
    """停水停电: the outages in effect or upcoming, those ended or cancelled and still shown
    (已恢复供电…, 已取消), and the calendar."""
    return ctx.render("site/outages.md.j2", base=base_of("outages.md"),
                      months=outage_months(ctx.views, ctx.now, ctx.tz),
                      current=[v for v in ctx.current if is_outage(v.notice)],
                      ended=[v for v in ctx.ended if is_outage(v.notice)],
                      buildings=building_links(ctx.records))
