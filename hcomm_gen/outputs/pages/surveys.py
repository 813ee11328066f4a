"""满意度调查 (P5.6, P5.7): ``surveys.md`` (the trend and every published round), per round
``surveys/ROUND.md`` (results, Pareto chart) and ``surveys/ROUND-announcement.md`` (整改公示,
once announced), and the SVG charts ``surveys/trend.svg`` (when a round is published) and
``surveys/ROUND-pareto.svg``. Only counts and rates: nothing that could identify who answered.
"""
from __future__ import annotations

from hcomm_gen.outputs.artefacts import ArtefactCache
from hcomm_gen.outputs.pages.registry import PageContext, page
from hcomm_gen.outputs.survey import (
    ChartGlyphError,
    cached_site_charts,
    chart_build_error,
    round_views,
    survey_env,
)


@page("surveys.md", nav="满意度调查", nav_order=90)
def survey_pages(ctx: PageContext) -> dict[str, str]:
    """The survey pages and charts ``{path under docs/: text}`` (see the module).

    :raises hcomm_gen.core.errors.OutputError: a chart label has a character no font has.
    """
    records, now = ctx.records, ctx.now
    env = survey_env(records, ctx.root)
    views = round_views(records, now)
    common = {"community": records.community, "now": now}
    pages: dict[str, str] = {}
    try:  # no chart (and no matplotlib start-up) for a community without published rounds
        # drawn once per input (past rounds never change): root/.hcomm-cache/charts
        cache = ArtefactCache(ctx.root, "charts")
        pages.update(cached_site_charts(views, cache))
        cache.prune()
    except ChartGlyphError as exc:
        raise chart_build_error(exc) from None
    pages["surveys.md"] = env.get_template("site/survey_index.md.j2").render(
        **common, views=list(reversed(views)), has_rounds=bool(views))
    for v in views:
        pages[v.page] = env.get_template("site/survey_round.md.j2").render(**common, v=v, s=v.stats)
        if v.announced:
            pages[v.announcement_page] = env.get_template("site/survey_announcement.md.j2").render(
                **common, v=v, s=v.stats)
    return pages
