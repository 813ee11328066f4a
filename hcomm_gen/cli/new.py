"""``hcomm new KIND``: a pre-filled record with the next free ID, dated file name and times
that meet the lead time (:mod:`hcomm_gen.app.new_record`). Prints the path of the new file
on stdout (the hint on stderr). Exit codes: 0 written, 2 usage (unknown kind, bad --now)."""
from __future__ import annotations

import re
import sys

import click

from hcomm_gen.app.new_record import NEW_KINDS, new_record, write_new
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok

_KINDS_HELP = ", ".join(f"{k.zh} ({k.key})" for k in NEW_KINDS)


@main.command("new")
@click.argument("kind", metavar="KIND")
@click.option("--title", help="The notice's title (default: a generic one to change).")
@click.option("--areas", help="Buildings or units concerned, e.g. '3栋,5栋2单元' (default: 全体业户).")
@click.option("--household", help="The household of a visit or case, e.g. 1-1-0301.")
@click.option("--now", help="As of this moment, e.g. '2026-11-29 12:00' (community time zone).")
@click.pass_obj
def new_cmd(ctx: Ctx, kind: str, title: str | None, areas: str | None, household: str | None,
            now: str | None) -> None:
    """Write a new record of KIND, pre-filled, and print its path; then fill the places
    marked '# 请填写' and run hcomm check.

    KIND is one of: """
    root_ok(ctx)
    area_list = [a for a in re.split(r"[,，、\s]+", areas) if a] if areas else None
    rec = new_record(ctx.root, kind, now, title=title, areas=area_list, household=household)
    path = write_new(rec)
    shown = path.relative_to(ctx.root) if path.is_relative_to(ctx.root) else path
    click.echo(str(shown))
    ctx.say(f"已新建 {rec.id}（模板 {rec.template}）。请打开 {shown}，把标有“# 请填写”的地方改成实际内容，"
            "然后运行 hcomm check。",
            f"Made {rec.id} (template {rec.template}). Open {shown}, fill in the places marked '# 请填写', "
            "then run hcomm check.", err=True)
    sys.exit(EXIT_OK)


new_cmd.help = (new_cmd.help or "") + _KINDS_HELP + "."
