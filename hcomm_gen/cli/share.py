"""``hcomm share ID [--out DIR] [--now T]``: a notice for the residents' WeChat group (issue 11
item 1): ``ID.txt``, the message to paste, and ``ID.png``, the picture for a phone.

A thin layer over :func:`hcomm_gen.app.share.share_notice`. Prints the two paths (stdout).
Exit codes: 0 written (a notice not yet published is written too, with a note on stderr that
its link opens only after publication), 1 a problem stops publication (nothing written, as
``hcomm build``), 2 usage (bad ``--now``, an ID that names no notice: the closest IDs are
suggested), 3 a character no installed font has.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hcomm_gen.app.share import share_notice
from hcomm_gen.cli._output import closed_stdout_ok
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok, stop_if_blocked
from hcomm_gen.core.errors import UsageError
from hcomm_gen.domain.notices import ARCHIVED
from hcomm_gen.records.types import fmt_dt


@main.command("share")
@click.argument("notice_id", metavar="ID")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for ID.txt and ID.png (default: share/ in the office folder).")
@click.option("--now", help="As of this moment, e.g. '2026-12-04 12:00' (community time zone); default: now.")
@click.pass_obj
def share(ctx: Ctx, notice_id: str, out: Path | None, now: str | None) -> None:
    """Write the notice ID for the WeChat group: ID.txt (the message to paste, at most 500
    characters) and ID.png (a 1080-px-wide picture with the QR code of its page)."""
    root_ok(ctx)
    result = share_notice(ctx.root, notice_id, now, out)
    stop_if_blocked(result.check, "未生成分享内容", "nothing was written")
    if result.unknown:
        close_zh = f"您是不是要找：{'、'.join(result.close)}？" if result.close else "编号见通知文件里的 id:。"
        close_en = f"Did you mean: {', '.join(result.close)}?" if result.close else "See the id: of a notice file."
        raise UsageError(f"没有编号为 {notice_id} 的通知。{close_zh}用法：hcomm share 通知编号 [--out 文件夹] [--now 时间]",
                         f"No notice with ID {notice_id}. {close_en} Usage: hcomm share ID [--out DIR] [--now T]")
    assert result.text_file is not None and result.png_file is not None and result.view is not None
    with closed_stdout_ok():
        click.echo(str(result.text_file))
        click.echo(str(result.png_file))
    n = result.view.notice
    if result.unpublished:
        when = fmt_dt(n.published, result.check.records.tz)
        ctx.say(f"注意：这条通知 {when} 才发布，在那之前网站上没有它，消息里的链接和二维码打不开。"
                "请在发布并重新生成网站（hcomm build）之后再发到微信群。",
                f"Note: this notice is published only at {when}; until then the site does not have it and the "
                "link and QR code do not open. Post it to the WeChat group after publication and a new hcomm build.",
                err=True)
    elif result.view.state == ARCHIVED:
        ctx.say("注意：这条通知已归档（不在公告栏上了），链接打开的是归档页面。",
                "Note: this notice is archived (no longer on the board); the link opens its archived page.", err=True)
    sys.exit(EXIT_OK)
