"""``hcomm check [PATHS…]``: every record against the procedure's rules.

Exit 1 on any error (with ``--strict`` on any warning too), whether or not it stops
publication; the summary line says how many errors stop publication (``hcomm build`` then
publishes nothing) and how many do not."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hcomm_gen.app import checking
from hcomm_gen.cli.base import EXIT_OK, EXIT_RECORDS, Ctx, collector_off_till_exit, main, root_ok
from hcomm_gen.core.errors import UsageError
from hcomm_gen.core.problems import FORMATS, format_problems


def _existing_path(ctx: Ctx, given: Path) -> Path:
    """A PATHS argument of ``check`` as an absolute path: as given (from the current folder),
    else under the office folder (``--root``); a Windows path (``records\\notices\\x.yaml``)
    is read with ``/``. A path that matches nothing is a usage error (exit 2), not "0 errors"."""
    text = str(given)
    tries = [text] + ([text.replace("\\", "/")] if "\\" in text else [])
    for t in tries:
        for p in (Path(t), ctx.root / t):
            if p.exists():
                return p.resolve()
    raise UsageError(f"找不到文件或文件夹：{text}。请检查路径和文件名（扩展名应为 .yaml）。",
                     f"No such file or folder: {text}. Check the path and the file name (ending .yaml).")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="github: GitHub Actions annotations; gitlab: GitLab Code Quality report (JSON).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--now", help="Check as of this moment, e.g. '2026-11-29 12:00' (community time zone).")
@click.pass_obj
def check(ctx: Ctx, paths, fmt: str, strict: bool, now: str | None) -> None:
    """Check every record (or only PATHS) against the procedure's rules."""
    root_ok(ctx)
    wanted = [_existing_path(ctx, p) for p in paths]
    collector_off_till_exit()
    result = checking.check(ctx.root, now)  # a bad --now: UsageError
    problems = result.problems
    if paths:
        def selected(prob) -> bool:
            p = Path(prob.pos.path).resolve()
            return any(p == w or w in p.parents for w in wanted)
        problems = [p for p in problems if selected(p)]
    out = format_problems(problems, fmt, ctx.lang)
    if out:
        click.echo(out)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt == "text":
        blocking = sum(p.blocks for p in problems)
        if blocking:
            how_zh = f"（其中 {blocking} 个妨碍发布：hcomm build 不会发布）"
            how_en = f" ({blocking} stop{'s' if blocking == 1 else ''} publication: hcomm build will not publish)"
        elif errors:
            how_zh, how_en = "（都不妨碍发布）", " (none stops publication)"
        else:
            how_zh = how_en = ""
        ctx.say(f"检查了 {result.records.files} 个文件：{errors} 个错误{how_zh}，{warnings} 个警告。",
                f"Checked {result.records.files} files: {errors} errors{how_en}, {warnings} warnings.", err=True)
    sys.exit(EXIT_RECORDS if errors or (strict and warnings) else EXIT_OK)
