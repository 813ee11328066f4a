"""The home page's today/tomorrow strip (issue 11 item 3): the outages of the build's day and
the next (:func:`hcomm_gen.domain.today.day_outages`), one line each, as the strip shows them:
``今天 08:00–12:00 3栋 停水``. No page of its own: the home page renders it first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hcomm_gen.domain.areas import ALL_HOUSEHOLDS, concerns
from hcomm_gen.domain.terms import OUTAGE_KINDS, WEEKDAYS_ZH
from hcomm_gen.domain.today import DayOutage, day_outages
from hcomm_gen.outputs.pages.registry import PageContext
from hcomm_gen.outputs.views import NoticeView


@dataclass(frozen=True)
class StripLine:
    """One line of the strip: ``day_word`` (今天/明天/今明两天), ``hours`` (``08:00–12:00``…),
    ``where`` (the areas, ``全小区`` for everyone), ``what`` (停水, 停电, 停气, 电梯停用) and the
    notice's ``view`` (its link and state for the page script)."""

    day_word: str
    day: date
    hours: str
    where: str
    what: str
    view: NoticeView


def where_of(areas: list[str]) -> str:
    """The areas as the strip names them: ``3栋``, ``1栋、2栋、3栋``; ``全小区`` when one of
    them is everyone or there are none."""
    if not areas or any(a in ALL_HOUSEHOLDS for a in areas):
        return "全小区"
    return "、".join(areas)


def _both_days(today: str, tomorrow: str, end: datetime | None, tz) -> tuple[str, str]:
    """The day word and hours of an outage on both days: ``今明两天``, ``全天，至 12月20日
    18:00`` when it lasts both whole days, else ``今天`` and ``22:00 起；明天 至 06:00``."""
    if today == tomorrow == "全天":
        if end is None:
            return "今明两天", "全天，恢复时间待定"
        e = end.astimezone(tz)
        if e.hour == 0 and e.minute == 0:
            last = e - timedelta(days=1)
            return "今明两天", f"全天，至 {last.month}月{last.day}日"
        return "今明两天", f"全天，至 {e.month}月{e.day}日 {e:%H:%M}"
    return "今天", f"{today}；明天 {tomorrow}"


def today_strip(ctx: PageContext, building: str | None = None) -> dict:
    """The template variables of the strip: ``lines`` (:class:`StripLine`; today's first,
    those beginning on their day before those going on from an earlier day, then by start;
    an outage on both days is one line) and ``today`` (``12月4日 周四``).

    :param building: only the outages that concern this building (its name or one of its
        units in ``areas``, or everyone: :func:`hcomm_gen.domain.areas.concerns`).
    """
    by_id = {v.notice.id: v for v in ctx.views}
    c = ctx.community
    names = [b.building for b in ctx.records.registry.buildings]
    days: dict[str, list[DayOutage]] = {}
    for d in day_outages(ctx.records.notices, ctx.now, ctx.tz, c.notice_display_days):
        if building is None or concerns(d.notice, building, names):
            days.setdefault(d.notice.id, []).append(d)
    lines: list[tuple] = []
    for ds in days.values():
        n, v = ds[0].notice, by_id.get(ds[0].notice.id)
        if v is None or n.outage is None:
            continue
        word, hours = ds[0].day_word, ds[0].hours
        if len(ds) == 2:  # on both days: one line
            word, hours = _both_days(ds[0].hours, ds[1].hours, n.end, ctx.tz)
        began = (n.start or n.published).astimezone(ctx.tz).date() < ds[0].day
        lines.append((ds[0].offset, began, n.start or n.published, n.id,
                      StripLine(word, ds[0].day, hours, where_of(n.areas), OUTAGE_KINDS[n.outage], v)))
    today = ctx.now.astimezone(ctx.tz).date()
    return {"lines": [line[-1] for line in sorted(lines, key=lambda x: x[:4])],
            "today": f"{today.month}月{today.day}日 {WEEKDAYS_ZH[today.weekday()]}"}
