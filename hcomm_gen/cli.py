"""The ``hcomm`` command: a thin click layer over :mod:`hcomm_gen.pipeline`.

Exit codes (also in the README):

* 0 — success (``check``: no errors; with ``--strict``, no warnings either);
* 1 — records break a rule or cannot be read (nothing published);
* 2 — usage error (unknown option, bad ``--now``, missing folder, a ``check`` PATH that
  matches no file or folder);
* 3 — output could not be produced (missing font glyph, site engine failure);
* 4 — internal error of hcomm itself (a bug, not a problem of the records): a one-line
  message instead of a traceback (``HCOMM_DEBUG=1`` shows the traceback).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import pipeline
from .problems import format_problems

EXIT_OK, EXIT_RULES, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4


class _Group(click.Group):
    """A click group that turns an unexpected exception (a bug in hcomm) into a short
    message and exit code 4, so office staff never see a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("HCOMM_DEBUG"):
                raise
            click.echo(f"hcomm 内部错误（不是记录的问题）：{type(exc).__name__}: {exc}\n"
                       "请把这条信息和所用的命令发给维护人员；记录和已发布的网站都没有改动。"
                       "设置 HCOMM_DEBUG=1 再运行可看到详细信息。", err=True)
            sys.exit(EXIT_INTERNAL)


class Ctx:
    def __init__(self, root: Path, lang: str):
        self.root, self.lang = root, lang

    def say(self, zh: str, en: str, err: bool = False) -> None:
        click.echo(en if self.lang == "en" else zh, err=err)


def _root_ok(ctx: Ctx) -> None:
    if not (ctx.root / "records").is_dir():
        ctx.say(f"找不到记录文件夹：{ctx.root / 'records'}。请在办公室的文件夹里运行，或用 --root 指定。",
                f"No records folder at {ctx.root / 'records'}. Run inside the office folder or pass --root.",
                err=True)
        sys.exit(EXIT_USAGE)


def _run_check(ctx: Ctx, now):
    try:
        return pipeline.check(ctx.root, now)
    except ValueError as exc:
        ctx.say(f"--now 的时间不对：{exc}", f"Bad --now: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Office folder holding records/ (and optional templates/, mkdocs.yml).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of messages.")
@click.pass_context
def main(cctx: click.Context, root: Path, lang: str) -> None:
    """hcomm: check an office's communication records and publish the bulletin board.

    Exit codes: 0 ok, 1 rule or record errors, 2 usage error, 3 output could not be produced,
    4 internal error of hcomm.
    """
    cctx.obj = Ctx(root.resolve(), lang)


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
    ctx.say(f"找不到文件或文件夹：{text}。请检查路径和文件名（扩展名应为 .yaml）。",
            f"No such file or folder: {text}. Check the path and the file name (ending .yaml).",
            err=True)
    sys.exit(EXIT_USAGE)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--now", help="Check as of this moment, e.g. '2026-11-29 12:00' (community time zone).")
@click.pass_obj
def check(ctx: Ctx, paths, fmt: str, strict: bool, now: str | None) -> None:
    """Check every record (or only PATHS) against the procedure's rules."""
    _root_ok(ctx)
    wanted = [_existing_path(ctx, p) for p in paths]
    result = _run_check(ctx, now)
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
        ctx.say(f"检查了 {result.records.files} 个文件：{errors} 个错误，{warnings} 个警告。",
                f"Checked {result.records.files} files: {errors} errors, {warnings} warnings.", err=True)
    sys.exit(EXIT_RULES if errors or (strict and warnings) else EXIT_OK)


@main.command()
@click.option("--now", help="Build as of this moment, e.g. '2026-11-29 12:00' (community time zone).")
@click.option("--no-pdf", is_flag=True, help="Build the site only.")
@click.option("--no-site", is_flag=True, help="Render the printed sheets only.")
@click.pass_obj
def build(ctx: Ctx, now: str | None, no_pdf: bool, no_site: bool) -> None:
    """Check, then build the site into site/ and the notice sheets into print/."""
    from .commands._output import sheet_progress  # a bar only on a terminal, only if rendering

    _root_ok(ctx)
    try:
        result = pipeline.build(ctx.root, now, site=not no_site, prints=not no_pdf,
                                progress=sheet_progress(ctx.root))
    except ValueError as exc:
        ctx.say(f"--now 的时间不对：{exc}", f"Bad --now: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except pipeline.BuildError as exc:
        ctx.say(exc.zh, exc.en, err=True)
        sys.exit(EXIT_OUTPUT)
    if result.check.errors:
        click.echo(format_problems(result.check.problems, "text", ctx.lang), err=True)
        ctx.say(f"有 {len(result.check.errors)} 个错误，未发布。请先改正上面的错误。",
                f"{len(result.check.errors)} errors: nothing was published. Fix them first.", err=True)
        sys.exit(EXIT_RULES)
    if result.check.warnings:
        click.echo(format_problems(result.check.warnings, "text", ctx.lang), err=True)
    if result.site_dir:
        ctx.say(f"网站：{result.site_dir}（{result.pages} 页）", f"Site: {result.site_dir} ({result.pages} pages)")
    if result.print_dir:
        ctx.say(f"打印：{result.print_dir}（{len(result.pdfs)} 份张贴单：通知单、警示标示、调查结果等）",
                f"Print: {result.print_dir} ({len(result.pdfs)} sheets: notices, warning signs, survey results)")
    if result.not_yet_published and (result.site_dir or result.print_dir):
        _say_not_yet_published(ctx, result, site=not no_site, prints=not no_pdf)
    sys.exit(EXIT_OK)


def _say_not_yet_published(ctx: Ctx, result, site: bool, prints: bool) -> None:
    """One summary line naming the notices left out because their ``published`` time is later
    (ID and publication time in the community's zone)."""
    tz = result.check.records.tz
    items = [(n.id, f"{n.published.astimezone(tz):%Y-%m-%d %H:%M}") for n in result.not_yet_published]
    k = len(items)
    zh_items = "；".join(f"{i}，{t} 发布" for i, t in items)
    en_items = "; ".join(f"{i}, to be published {t}" for i, t in items)
    zh_left = "、".join(w for w, on in (("未上网", site), ("未打印", prints)) if on)
    en_left = " or ".join(w for w, on in (("put on the site", site), ("printed", prints)) if on)
    ctx.say(f"{k} 条通知尚未到发布时间（{zh_items}），本次{zh_left}",
            f"{k} notice{'s' if k != 1 else ''} not yet due for publication ({en_items}): "
            f"not {en_left} this time")


def register_commands() -> None:
    """Import the command modules (each adds its commands to :data:`main`)."""
    import importlib
    import pkgutil

    from . import commands
    for mod in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{mod.name}")


register_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
