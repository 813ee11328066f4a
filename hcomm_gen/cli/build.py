"""``hcomm build``: check, then the site into site/ and the sheets into print/.

Publishes unless a problem blocks publication (exit 1, the blocking problems printed, nothing
changed); other problems (deadlines, quotas, lead times…) are counted in one line (exit 0):
:func:`hcomm_gen.cli.base.stop_if_blocked`, :func:`~hcomm_gen.cli.base.say_remaining`."""
from __future__ import annotations

import sys

import click

from hcomm_gen.app import pipeline
from hcomm_gen.cli._output import (  # a bar only on a terminal, only if rendering
    next_change_line,
    sheet_progress,
    sheets_left_out,
)
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok, say_remaining, stop_if_blocked
from hcomm_gen.records.types import fmt_dt


@main.command()
@click.option("--now", help="Build as of this moment, e.g. '2026-11-29 12:00' (community time zone).")
@click.option("--no-pdf", is_flag=True, help="Build the site only.")
@click.option("--no-site", is_flag=True, help="Render the printed sheets only.")
@click.option("--engine", metavar="NAME",
              help="Site engine for this build: mkdocs or zensical (default: site_engine in community.yaml).")
@click.pass_obj
def build(ctx: Ctx, now: str | None, no_pdf: bool, no_site: bool, engine: str | None) -> None:
    """Check, then build the site into site/ and the notice sheets into print/. Only a record
    that would be published and cannot be shown correctly stops it (exit 1); other problems
    are counted in one line (see hcomm check, hcomm status)."""
    root_ok(ctx)
    result = pipeline.build(ctx.root, now, site=not no_site, prints=not no_pdf,
                            progress=sheet_progress(ctx.root), engine=engine, replay=True)
    stop_if_blocked(result.check)
    if result.site_dir and result.site_unchanged:
        ctx.say(f"网站：{result.site_dir}（{result.pages} 页）与已发布的相同，保持原样，没有重新生成",
                f"Site: {result.site_dir} ({result.pages} pages) is the same as the published one: "
                "left as it was, not built again")
    elif result.site_dir:
        ctx.say(f"网站：{result.site_dir}（{result.pages} 页）", f"Site: {result.site_dir} ({result.pages} pages)")
    if result.print_dir:
        ctx.say(f"打印：{result.print_dir}（{len(result.pdfs)} 份张贴单：通知单、警示标示、调查结果等）",
                f"Print: {result.print_dir} ({len(result.pdfs)} sheets: notices, warning signs, survey results)")
    if result.not_yet_published and (result.site_dir or result.print_dir):
        _say_not_yet_published(ctx, result, site=not no_site, prints=not no_pdf)
    click.echo(next_change_line(result.next_changes, result.tz, ctx.lang))
    say_remaining(ctx, result.check)
    if result.sheet_problems:
        assert result.print_stats is not None  # sheet problems come from the print run
        sheets_left_out(ctx, result.sheet_problems, len(result.print_stats.failed),
                        ("网站和其他张贴单已发布", "the site and the other sheets were published") if result.site_dir
                        else ("其他张贴单已生成", "the other sheets were written"))
    sys.exit(EXIT_OK)


def _say_not_yet_published(ctx: Ctx, result, site: bool, prints: bool) -> None:
    """One summary line naming the notices left out because their ``published`` time is later
    (ID and publication time in the community's zone)."""
    tz = result.tz
    items = [(n.id, fmt_dt(n.published, tz)) for n in result.not_yet_published]
    k = len(items)
    zh_items = "；".join(f"{i}，{t} 发布" for i, t in items)
    en_items = "; ".join(f"{i}, to be published {t}" for i, t in items)
    zh_left = "、".join(w for w, on in (("未上网", site), ("未打印", prints)) if on)
    en_left = " or ".join(w for w, on in (("put on the site", site), ("printed", prints)) if on)
    ctx.say(f"{k} 条通知尚未到发布时间（{zh_items}），本次{zh_left}",
            f"{k} notice{'s' if k != 1 else ''} not yet due for publication ({en_items}): "
            f"not {en_left} this time")
