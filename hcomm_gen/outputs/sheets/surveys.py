"""The survey sheets on the notice board (P4.5 NOTICE-SURVEY-RESULT), one registered source
each: the results sheet (问卷调查结果, ``print/survey_result.html.j2``) of the round whose
result is current (the latest published) and, once announced, its improvement announcement
(整改公示, ``print/survey_announcement.html.j2``). Named ``surveys/<posting date>_survey_…_<round>.pdf``
under ``print/`` (a folder of their own, like the warning signs).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hcomm_gen.outputs.env import zh_day
from hcomm_gen.outputs.letter import qr_data_uri
from hcomm_gen.outputs.pdf import print_css
from hcomm_gen.outputs.sheets.model import Sheet
from hcomm_gen.outputs.sheets.registry import DueSheets, due_source
from hcomm_gen.outputs.survey import (
    PRINT_CHART,
    ChartGlyphError,
    RoundView,
    chart_build_error,
    pareto_svg,
    round_views,
    survey_env,
    svg_data_uri,
)

#: folder of the survey sheets under ``print/``
SURVEY_DIR = "surveys"


def current_view(records, now: datetime) -> RoundView | None:
    """The round whose results are on the notice board now (the latest published), or ``None``."""
    views = round_views(records, now)
    return views[-1] if views else None


def page_url(community, path: str) -> str:
    """Public address of a survey page (``surveys/2026-06.md`` → ``…/surveys/2026-06/``)."""
    return community.site_url.rstrip("/") + "/" + path[:-len(".md")] + "/"


def _render(records, root: Path | None, template: str, view: RoundView, page: str, **extra) -> str:
    url = page_url(records.community, page)
    return survey_env(records, root).get_template(template).render(
        community=records.community, v=view, s=view.stats, css=print_css(root), url=url,
        qr=qr_data_uri(url), **extra)


@due_source("print/survey_result.html.j2")
def survey_result(ctx: DueSheets, template: str) -> list[Sheet]:
    """The A4 results sheet of the current round (with its Pareto chart):
    ``surveys/2026-07-10_survey_result_2026-06.pdf``; none when no round is published.

    :raises hcomm_gen.core.errors.OutputError: a chart label has a character no font has.
    """
    view = current_view(ctx.records, ctx.now)
    if view is None:
        return []
    rnd, r = view.rnd, view.stats.round
    if rnd.analysis_done is None:  # (a current round is analysed; for the type checker)
        return []
    try:
        chart = svg_data_uri(pareto_svg(view.stats, PRINT_CHART, title=False))
    except ChartGlyphError as exc:
        raise chart_build_error(exc) from None
    html = _render(ctx.records, ctx.root, template, view, view.page, chart=chart,
                   issued=zh_day(rnd.analysis_done))
    return [Sheet("survey_result", f"survey-{r}", f"{SURVEY_DIR}/{rnd.analysis_done:%Y-%m-%d}_survey_result_{r}.pdf",
                  html, rnd.path, f"{view.title}业户满意度问卷调查结果")]


@due_source("print/survey_announcement.html.j2")
def survey_announcement(ctx: DueSheets, template: str) -> list[Sheet]:
    """The A4 整改公示 of the current round once announced:
    ``surveys/2026-07-15_survey_announcement_2026-06.pdf``."""
    view = current_view(ctx.records, ctx.now)
    if view is None or not view.announced:
        return []
    rnd, r = view.rnd, view.stats.round
    if rnd.announced is None:  # (announced implies a date; for the type checker)
        return []
    html = _render(ctx.records, ctx.root, template, view, view.announcement_page,
                   issued=zh_day(rnd.announced))
    return [Sheet("survey_announcement", f"survey-{r}",
                  f"{SURVEY_DIR}/{rnd.announced:%Y-%m-%d}_survey_announcement_{r}.pdf",
                  html, rnd.path, f"{view.title}满意度调查整改公示")]
