"""访问业户统计: visits as monthly aggregates only (VISIT-PRIVACY, P5.3.3): the quota of each
month and the topics by year; never a household, a name or a note."""
from __future__ import annotations

from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.visits import (
    month_quota,
    quota_state,
    topic_counts_by_year,
    visits_by_month,
)
from hcomm_gen.outputs.pages.registry import PageContext, page


def visit_quotas(records, now):
    """The quota of every month with visits up to ``now``, as of ``now`` (visits dated later
    have not happened yet, as in ``hcomm visits quota``); ``q.partial`` for the current month."""
    tz = records.tz
    by_month = visits_by_month(as_of(records, now).visits, tz)
    out = []
    for month in sorted(by_month):
        q = month_quota(month, records.registry.households, by_month[month], tz)
        q.partial = quota_state(q, now, tz) == "in_progress"
        out.append(q)
    return out


@page("visits.md", nav="访问业户统计", nav_order=70)
def visits(ctx: PageContext) -> str:
    """访问业户统计: quotas per month and topics per year (aggregates only, P5.3.3)."""
    return ctx.render("site/visits.md.j2", quotas=visit_quotas(ctx.records, ctx.now),
                      topics_by_year=topic_counts_by_year(ctx.records.visits, ctx.now, ctx.tz))
