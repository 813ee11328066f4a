"""The archive (全部通知): current notices and archived ones by year and month of
publication, and one page per year (``archive/<year>.md``, not in the nav)."""
from __future__ import annotations

from hcomm_gen.outputs.pages.registry import PageContext, base_of, page
from hcomm_gen.outputs.views import ARCHIVED


def archive_by_year(ctx: PageContext) -> list[tuple[int, list]]:
    """Archived notices as ``[(year, [(month, [views])])]``, newest year and month first."""
    archive: dict[int, dict[int, list]] = {}
    for v in ctx.views:
        if v.state == ARCHIVED:
            p = v.notice.published.astimezone(ctx.tz)
            archive.setdefault(p.year, {}).setdefault(p.month, []).append(v)
    return [(y, sorted(ms.items(), reverse=True)) for y, ms in sorted(archive.items(), reverse=True)]


@page("archive.md", nav="全部通知", nav_order=20)
def archive(ctx: PageContext) -> str:
    """全部通知: the notices in effect or upcoming, those ended or cancelled and still shown,
    then the archive by year and month."""
    return ctx.render("site/archive.md.j2", base=base_of("archive.md"), current=ctx.current,
                      ended=ctx.ended, archive=archive_by_year(ctx))


@page("archive/<year>.md")
def archive_years(ctx: PageContext) -> dict[str, str]:
    """One page per year of the archive."""
    return {f"archive/{year}.md": ctx.render("site/archive_year.md.j2", base="../../", year=year, months=months)
            for year, months in archive_by_year(ctx)}
