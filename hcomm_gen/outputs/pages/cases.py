"""投诉建议统计: cases and suggestions only as counts and response times (no ID, household
or text)."""
from __future__ import annotations

from hcomm_gen.domain.case_figures import MIN_CASES_FOR_TIMES, case_figures
from hcomm_gen.outputs.pages.registry import PageContext, page


@page("cases.md", nav="投诉建议统计", nav_order=80)
def cases(ctx: PageContext) -> str:
    """投诉建议统计: the figures of :func:`~hcomm_gen.domain.case_figures.case_figures`."""
    return ctx.render("site/cases.md.j2",
                      figures=case_figures(ctx.records.cases, ctx.records.suggestions, ctx.now, ctx.tz),
                      min_cases=MIN_CASES_FOR_TIMES)
