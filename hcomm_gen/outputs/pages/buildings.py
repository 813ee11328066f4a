"""楼栋通知 (issue 11 item 2): one page per building of the registry,
``buildings/<slug>.md`` (``/buildings/3/``, slug: :func:`hcomm_gen.domain.areas.building_slugs`),
with the notices for that building or one of its units and those for everyone
(:func:`hcomm_gen.domain.areas.concerns`): the building's today/tomorrow outages first, then
as on the home page the notices in effect, upcoming, ended or cancelled and still shown, and
the publicity in effect, then the past year's archived ones; and its own outages calendar
(``calendar-<slug>.ics``). The index ``buildings.md`` lists the buildings (in the nav)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from hcomm_gen.domain.areas import building_slugs, concerns
from hcomm_gen.outputs.feeds import building_calendar, webcal_url
from hcomm_gen.outputs.pages.registry import PageContext, base_of, page
from hcomm_gen.outputs.pages.today import today_strip
from hcomm_gen.outputs.views import ARCHIVED, CANCELLED, ENDED, IN_EFFECT, UPCOMING, NoticeView, listed

#: how far back a building page lists archived notices (older ones: the archive)
PAST_DAYS = 366


@dataclass(frozen=True)
class BuildingLink:
    """A building as pages link to it: ``name`` (``3栋``), ``slug`` (``3``), ``units``
    (``1单元、2单元``), ``path`` (``buildings/3/``, under the site root) and ``calendar``
    (``calendar-3.ics``)."""

    name: str
    slug: str
    units: str

    @property
    def path(self) -> str:
        return f"buildings/{self.slug}/"

    @property
    def calendar(self) -> str:
        return building_calendar(self.slug)


def building_links(records) -> list[BuildingLink]:
    """The registry's buildings in its order, as :class:`BuildingLink`."""
    slugs = building_slugs(records.registry.buildings)
    return [BuildingLink(b.building, slugs[b.building], "、".join(b.units))
            for b in records.registry.buildings if slugs.get(b.building)]


def building_views(ctx: PageContext, name: str) -> list[NoticeView]:
    """The published notices (views, newest first) that concern building ``name``."""
    names = [b.building for b in ctx.records.registry.buildings]
    return [v for v in ctx.views if concerns(v.notice, name, names)]


@page("buildings.md", nav="楼栋通知", nav_order=25)
def buildings_index(ctx: PageContext) -> str:
    """楼栋通知: a link to each building's page and its calendar."""
    return ctx.render("site/buildings.md.j2", base=base_of("buildings.md"),
                      buildings=building_links(ctx.records))


@page("buildings/<slug>.md")
def building_pages(ctx: PageContext) -> dict[str, str]:
    """One page per building (see the module)."""
    out = {}
    since = ctx.now - timedelta(days=PAST_DAYS)
    for b in building_links(ctx.records):
        path = f"buildings/{b.slug}.md"
        views = building_views(ctx, b.name)
        past = [v for v in views if v.state == ARCHIVED and v.notice.published >= since]
        out[path] = ctx.render(
            "site/building.md.j2", base=base_of(path), b=b, strip=today_strip(ctx, b.name),
            in_effect=listed([v for v in views if v.notice.kind != "publicity"], (IN_EFFECT,)),
            upcoming=listed(views, (UPCOMING,)), ended=listed(views, (ENDED, CANCELLED)),
            publicity=[v for v in views if v.notice.kind == "publicity" and v.state == IN_EFFECT],
            past=past, webcal=webcal_url(ctx.records, b.calendar))
    return out
