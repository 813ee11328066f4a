"""``hcomm print [ID...] [--buildings]``: the printed sheets for the notice board (issue 7,
P4.1/P4.2/P4.6); ``--buildings``: each building's lobby sheet (issue 11).

A thin layer over :func:`hcomm_gen.app.printing.print_sheets`. Exit codes as ``hcomm build``:
0 printed (problems that do not stop publication are counted in one line), 1 a problem stops
publication (nothing printed) or a sheet was left out for a character no installed font has
(the others printed), 2 usage (bad ``--now``, an ID that names no notice). The progress bar
shows only on a terminal and only when a sheet is rendered (not all in the cache); a closed
stdout (``| head``) ends quietly.
"""
from __future__ import annotations

import sys
import time

import click

from hcomm_gen.app.printing import print_sheets
from hcomm_gen.cli._output import closed_stdout_ok, sheet_progress, sheets_left_out
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok, say_remaining, stop_if_blocked
from hcomm_gen.core.errors import UsageError


@main.command("print")
@click.argument("ids", nargs=-1)
@click.option("--now", help="As of this moment, e.g. '2026-11-29 12:00' (community time zone).")
@click.option("--buildings", is_flag=True,
              help="Print only each building's lobby sheet with the QR code of its page (print/buildings/; a full print includes them).")
@click.pass_obj
def print_cmd(ctx: Ctx, ids: tuple[str, ...], now: str | None, buildings: bool) -> None:
    """Render the sheets due for posting now (notices in effect, upcoming, ended or cancelled)
    into print/, and the current survey round's sheets, or only those of the notices IDS
    and/or, with --buildings, the lobby sheet of every building. Unchanged sheets are not
    rendered again."""
    root_ok(ctx)
    t0 = time.perf_counter()
    result = print_sheets(ctx.root, now, ids, progress=sheet_progress(ctx.root), buildings=buildings)
    chk = result.check
    stop_if_blocked(chk, "未打印", "nothing was printed")
    if result.unknown:   # a mistyped argument, not a record error: usage (README, exit codes)
        ids_txt = "、".join(result.unknown)
        raise UsageError(f"没有这些编号的通知：{ids_txt}（编号见通知文件里的 id:）。未打印。",
                         f"No notice with ID {', '.join(result.unknown)} (the id: of a notice file). Nothing printed.")
    st = result.stats
    assert st is not None  # set whenever the check passed and every ID names a notice
    with closed_stdout_ok():
        for f in st.files:
            click.echo(str(f.relative_to(ctx.root)) if f.is_relative_to(ctx.root) else str(f))
    secs = time.perf_counter() - t0
    # nothing rendered: said first, so that staff know the sheets on the board are current
    same_zh, same_en = ("打印稿没有变化，未重新生成：", "nothing changed, no sheet rendered again: ") \
        if st.files and not st.rendered and not st.failed else ("", "")
    ctx.say(f"打印：{result.print_dir}（{len(st.files)} 份；{same_zh}新生成 {len(st.rendered)} 份，"
            f"未改动沿用 {len(st.reused)} 份；用时 {secs:.1f} 秒）",
            f"Print: {result.print_dir} ({len(st.files)} sheets; {same_en}{len(st.rendered)} rendered, "
            f"{len(st.reused)} unchanged; {secs:.1f} s)", err=True)
    say_remaining(ctx, chk, err=True)
    if result.sheet_problems:
        sheets_left_out(ctx, result.sheet_problems, len(st.failed), ("其他张贴单已生成", "the other sheets were written"))
    sys.exit(EXIT_OK)
