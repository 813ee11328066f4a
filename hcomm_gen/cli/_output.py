"""Terminal output shared by the commands that print lists and render files (``status``,
``visits``, ``print``, ``build``, ``next-change``): a closed stdout, the progress bar and the
line saying the next change of state of the notices.

Not a command module: it registers nothing on :data:`hcomm_gen.cli.base.main`.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from hcomm_gen.cli.i18n import gettext as _
from hcomm_gen.core.errors import RecordsError
from hcomm_gen.core.problems import Problem, format_problems
from hcomm_gen.domain.notices import STATE_EN, state_label
from hcomm_gen.outputs.sheets import CACHE_DIR
from hcomm_gen.records.types import fmt_dt


def _silence_stdout() -> None:
    """Point file descriptor 1 at ``os.devnull`` so that the interpreter's final flush of a
    closed pipe does not print "Exception ignored … BrokenPipeError" (Python docs, "Note on
    SIGPIPE" in the :mod:`signal` module)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests' captured output): nothing to silence


def _flush_stdout() -> bool:
    """Flush stdout; ``False`` when the reader has gone (broken pipe)."""
    try:
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        _silence_stdout()
        return False
    except (OSError, ValueError):
        return True


@contextmanager
def closed_stdout_ok() -> Iterator[None]:
    """Wrap a command's printing so that ``hcomm … | head`` ends quietly.

    When the reader of stdout goes away (``BrokenPipeError`` while writing or flushing), the
    command stops at once with exit code 0 and no message: the reader took what it wanted.
    Files the command wrote before printing (PDFs) are complete, so commands write them first.
    An exit with another code (``sys.exit``) keeps its code.
    """
    try:
        yield
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except SystemExit:
        if not _flush_stdout():
            sys.exit(0)
        raise
    if not _flush_stdout():
        sys.exit(0)


def progress_bar(items: Iterable, label: str, *, only_if=None) -> Iterable:
    """``click.progressbar`` over ``items`` on stderr — only when stderr is a terminal and
    there is something to do.

    Off a terminal (a log file, a pipe, cron) click would print ``label`` once as a stray
    line, so ``items`` are returned unchanged. ``only_if(items) -> bool`` says whether there is
    work (e.g. a sheet not in the cache); when it is false the bar is not shown either.

    :param items: a sized iterable (a list).
    :returns: an iterable over the same items, in order.
    """
    items = list(items)
    if not items or not _stderr_is_tty() or (only_if is not None and not only_if(items)):
        return items
    return _bar(items, label)


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _bar(items: list, label: str):
    with click.progressbar(items, label=label, file=sys.stderr) as bar:
        yield from bar


def sheet_progress(root: Path):
    """The progress callback ``(items, label) -> iterable`` of ``hcomm print`` and
    ``hcomm build`` for the sheets of ``root``: a bar only on a terminal and only when a
    sheet is not in the print cache (``root/.hcomm-cache/print``, see
    :func:`hcomm_gen.outputs.sheets.render_sheets`), i.e. when something is rendered."""
    cache = Path(root) / CACHE_DIR

    def to_render(sheets: list) -> bool:
        return any(not (cache / f"{getattr(s, 'key', '')}.pdf").is_file() for s in sheets)

    def progress(items, label):  # the label of the library is Chinese: ours is in --lang
        return progress_bar(items, _("Printing the sheets"), only_if=to_render)
    return progress


def sheets_left_out(ctx, problems: list[Problem], sheets: int, done: tuple[str, str]) -> None:
    """Print the PRINT-GLYPH errors of the ``sheets`` sheets left out for a character no
    installed font has, and end with exit 1 (:class:`RecordsError`), saying what was
    published all the same (``done``: zh, en)."""
    click.echo(format_problems(problems, "text", ctx.lang), err=True)
    raise RecordsError(f"有 {sheets} 份张贴单因缺字没有生成（见上）；{done[0]}。请改正后再运行一次。",
                       f"{sheets} sheet(s) not written for a character no font has (see above); "
                       f"{done[1]}. Fix it and run again.")


def next_change_line(changes: list, tz, lang: str) -> str:
    """One line saying the next change of state of the notices (``changes``: the
    :class:`~hcomm_gen.domain.notices.StateChange` items of one moment, ``[]``: none), in
    ``lang``, the moment in the community's zone ``tz``, at most three notices named:
    ``下次状态变化：2026-12-03 12:30，N-2026-1128-power 进行中 → 已恢复供电。到时请重新生成（hcomm build）。``"""
    if not changes:
        return ("No notice will change state (nothing to publish, start, end or archive)." if lang == "en"
                else "没有通知会再改变状态（没有待发布、开始、结束或归档的通知）。")
    when = fmt_dt(changes[0].at, tz)
    shown, more = changes[:3], len(changes) - 3
    if lang == "en":
        items = "; ".join(f"{c.notice.id} {STATE_EN[c.before]} → {STATE_EN[c.after]}" if c.before != c.after
                          else f"{c.notice.id} moves in the home page's today/tomorrow strip" if c.day
                          else f"{c.notice.id} changed" for c in shown)
        tail = f" and {more} more" if more > 0 else ""
        return f"Next state change: {when}, {items}{tail}. Rebuild then (hcomm build)."
    items = "；".join(f"{c.notice.id} {state_label(c.notice, c.before)} → {state_label(c.notice, c.after)}"
                     if c.before != c.after else f"{c.notice.id} 首页“今天/明天”更新" if c.day
                     else f"{c.notice.id} 有变更生效" for c in shown)
    tail = f" 等 {len(changes)} 条" if more > 0 else ""
    return f"下次状态变化：{when}，{items}{tail}。到时请重新生成（hcomm build）。"


def say_unreadable(ctx, files: int, consequence: tuple[str, str]) -> None:
    """A note on stderr that ``files`` record files (> 0) could not be read, so the answer
    above may miss something (``consequence``: zh, en, e.g. "上面的清单可能不全"), and to run
    ``hcomm check``. Nothing when ``files`` is 0."""
    if not files:
        return
    ctx.say(f"注意：有 {files} 个记录文件读不出来或格式不对，{consequence[0]}。请运行 hcomm check。",
            f"Note: {files} record file{'s' if files != 1 else ''} cannot be read or "
            f"{'are' if files != 1 else 'is'} malformed; {consequence[1]}. Run hcomm check.", err=True)
