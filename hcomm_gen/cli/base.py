"""The ``hcomm`` group and what every command shares: a thin click layer over :mod:`hcomm_gen.app`.

Errors take one path: a command raises :class:`~hcomm_gen.core.errors.HcommError` (or lets one
from the library pass); :class:`_Group` prints its message in the chosen language and exits
with its code. Any other exception is a bug of hcomm: one line, exit 4. Exit codes (also in the
README, defined in :mod:`hcomm_gen.core.errors`):

* 0 — success. ``check``: no errors (with ``--strict``, no warnings either). ``build``,
  ``print``: published, even when problems remain that do not stop publication (a deadline
  missed, a quota, a lead time…): one line says how many (:func:`say_remaining`);
* 1 — ``check``: a record breaks a rule or cannot be read. ``build``, ``print``: a problem
  stops publication (a record that would be published cannot be shown correctly,
  :attr:`~hcomm_gen.app.pipeline.CheckResult.blocking`); nothing was published, the previous
  ``site/`` and ``print/`` are untouched (:func:`stop_if_blocked`);
* 2 — usage error (unknown option, bad ``--now``, missing folder, a ``check`` PATH that
  matches no file or folder);
* 3 — output could not be produced (missing font glyph, site engine failure, or the machine
  refused a write: disk full, file too large, no permission, read-only, quota —
  :func:`~hcomm_gen.core.errors.environment_fault`);
* 4 — internal error of hcomm itself (a bug, not a problem of the records): a one-line
  message instead of a traceback (``HCOMM_DEBUG=1`` shows the traceback).
"""
from __future__ import annotations

import atexit
import gc
import importlib
import inspect
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from hcomm_gen.cli import i18n
from hcomm_gen.core.errors import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_RECORDS,
    EXIT_USAGE,
    HcommError,
    RecordsError,
    UsageError,
    environment_fault,
)
from hcomm_gen.core.problems import ERROR, format_problems

__all__ = ["EXIT_OK", "EXIT_RECORDS", "EXIT_USAGE", "Ctx", "collector_off_till_exit", "load_commands", "main", "office_above", "root_ok",
           "say_remaining", "stop_if_blocked"]


@contextmanager
def _swapped(obj, attr: str, value) -> Iterator[None]:
    """``obj.attr`` is ``value`` inside the block, restored after it."""
    old = getattr(obj, attr)
    setattr(obj, attr, value)
    try:
        yield
    finally:
        setattr(obj, attr, old)


#: the help of click's ``--help`` option (its message ID in the catalogue)
_HELP_HELP = "Show this message and exit."


class HelpFormatter(click.HelpFormatter):
    """click's help formatter, wrapping a text that holds Chinese by display width
    (:func:`hcomm_gen.cli.i18n.wrap_paragraphs`) and aligning the option list by columns;
    English texts are wrapped by click as before."""

    def write_text(self, text: str) -> None:
        if not i18n.has_wide(text):
            return super().write_text(text)
        self.write(i18n.wrap_paragraphs(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not any(i18n.has_wide(f + s) for f, s in rows):
            return super().write_dl(rows, col_max, col_spacing)
        first_col = min(max((i18n.width(f) for f, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if i18n.width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - i18n.width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = i18n.wrap_paragraphs(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")


class _Context(click.Context):
    formatter_class = HelpFormatter


class _Translated(click.Command):
    """A command whose help is shown in the language of ``--lang`` (:mod:`hcomm_gen.cli.i18n`):
    the docstring, the short help in the list of commands and each option's ``help=`` are
    looked up in the catalogue when the help is formatted (the language is known only then);
    a text without a translation is shown as written. Chinese is wrapped by display width
    (:class:`HelpFormatter`)."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = i18n.gettext(_HELP_HELP)  # click translated it once, when it made it
        return opt

    def get_short_help_str(self, limit: int = 45) -> str:
        own = self.short_help or self.help
        text = i18n.translate_help(own)
        if text and text is not own and i18n.current() == "zh":  # the first Chinese sentence
            first = inspect.cleandoc(text).split("\n\n")[0].replace("\n", "")
            return first.split("。")[0].strip()
        with _swapped(self, "short_help", None), _swapped(self, "help", text):
            return super().get_short_help_str(limit)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _swapped(self, "help", i18n.translate_help(self.help)):
            super().format_help_text(ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]
        olds = [p.help for p in params]
        try:
            for p in params:
                p.help = i18n.translate_help(p.help)
            super().format_options(ctx, formatter)
        finally:
            for p, old in zip(params, olds, strict=True):
                p.help = old


class HcommCommand(_Translated):
    """Every ``hcomm`` command (``@main.command()`` makes one): its help in ``--lang``."""


class HcommGroup(_Translated, click.Group):
    """A group of ``hcomm`` commands (``hcomm survey``, ``hcomm visits``): its help and its
    list of commands in ``--lang``; its commands and subgroups are of these classes too."""

    command_class = HcommCommand


HcommGroup.group_class = HcommGroup


class _Group(HcommGroup):
    """The one error handler: an :class:`~hcomm_gen.core.errors.HcommError` is printed (in
    ``--lang``) on stderr and ends the command with its exit code; an unexpected exception
    (a bug in hcomm) becomes a short message and exit code 4, so office staff never see a
    traceback."""

    def main(self, args=None, *rest, **kwargs):
        """Run ``hcomm``: the language (``--lang``, ``HCOMM_LANG``) is chosen before click parses
        the command line, so that ``--help`` and usage errors are in it
        (:func:`hcomm_gen.cli.i18n.lang_of_args`)."""
        i18n.set_lang(i18n.lang_of_args(sys.argv[1:] if args is None else list(args)))
        self.own_process = args is None  # the command line, not a test runner (CliRunner)
        return super().main(args, *rest, **kwargs)

    #: whether this run is the process itself (``hcomm …`` on the command line, :meth:`main`
    #: without arguments), which ends with the command (:func:`collector_off_till_exit`)
    own_process = False
    #: command name → the module of :mod:`hcomm_gen.cli` that adds it (``hcomm_gen/cli/__init__.py``
    #: fills it): imported when that command runs, or when the list of commands is needed
    #: (``--help``, a mistyped name), so ``hcomm check`` never imports what ``build`` needs
    lazy_commands: dict[str, str] = {}

    def get_command(self, ctx: click.Context, cmd_name: str):
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            importlib.import_module(f"hcomm_gen.cli.{self.lazy_commands[cmd_name]}")
        elif cmd_name not in self.commands:  # a typo: click suggests from self.commands, all of them
            load_commands(self)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_commands(self)
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except HcommError as exc:
            lang = getattr(ctx.obj, "lang", "zh")
            if isinstance(exc, RecordsError) and exc.problems:
                click.echo(format_problems(exc.problems, "text", lang), err=True)
            click.echo(exc.message(lang), err=True)
            sys.exit(exc.exit_code)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            fault = environment_fault(exc)  # disk full, read-only, no permission…: exit 3
            if fault is not None:
                click.echo(fault.message(getattr(ctx.obj, "lang", "zh")), err=True)
                sys.exit(fault.exit_code)
            if os.environ.get("HCOMM_DEBUG"):
                raise
            click.echo(f"hcomm 内部错误（不是记录的问题）：{type(exc).__name__}: {exc}\n"
                       "请把这条信息和所用的命令发给维护人员；记录和已发布的网站都没有改动。"
                       "设置 HCOMM_DEBUG=1 再运行可看到详细信息。", err=True)
            sys.exit(EXIT_INTERNAL)


def collector_off_till_exit() -> None:
    """For a command that builds a large heap that lives to its end and then exits (``hcomm
    check``): when hcomm runs as its own process, the cyclic garbage collector is switched off
    and, at exit, everything is frozen (``gc.freeze``), so the interpreter's last collection
    does not walk it: a check of 18,000 files spent ~1 s of CPU on collections that free
    nothing (the records have no reference cycles; memory is freed by reference counting).
    Under a test runner (click's ``CliRunner``, :meth:`_Group.main` with arguments) nothing
    changes."""
    if main.own_process and gc.isenabled():
        gc.disable()
        atexit.register(gc.freeze)


def load_commands(group: _Group) -> _Group:
    """Import the module of every command of ``group`` (:attr:`_Group.lazy_commands`), so that
    ``group.commands`` is complete (help, the message catalogue: ``scripts/i18n.py``); returns
    ``group``."""
    for module in dict.fromkeys(group.lazy_commands.values()):
        importlib.import_module(f"hcomm_gen.cli.{module}")
    return group


class Ctx:
    """What every command gets: the office folder ``root`` (absolute) and the message
    language ``lang`` (``"zh"`` or ``"en"``)."""

    def __init__(self, root: Path, lang: str):
        self.root, self.lang = root, lang

    def say(self, zh: str, en: str, err: bool = False) -> None:
        """Print ``zh`` or ``en`` (by ``lang``) on stdout, or stderr with ``err``."""
        click.echo(en if self.lang == "en" else zh, err=err)


def office_above(folder: Path) -> Path:
    """The office folder a command run in ``folder`` without ``--root`` works on: ``folder``
    itself, or the nearest folder above it holding ``records/community.yaml`` when ``folder``
    has no ``records/`` (run from ``records/notices/`` like git from a subfolder); else
    ``folder`` (:func:`root_ok` then says what is missing)."""
    if (folder / "records").is_dir():
        return folder
    return next((p for p in folder.parents if (p / "records" / "community.yaml").is_file()), folder)


def root_ok(ctx: Ctx) -> None:
    """:raises UsageError: the office folder has no ``records/`` folder."""
    if not (ctx.root / "records").is_dir():
        raise UsageError(f"找不到记录文件夹：{ctx.root / 'records'}。请在办公室的文件夹里运行，或用 --root 指定。",
                         f"No records folder at {ctx.root / 'records'}. Run inside the office folder or pass --root.")


def _n(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def stop_if_blocked(check, not_done_zh: str = "未发布", not_done_en: str = "nothing was published") -> None:
    """The publication gate of ``build`` and ``print`` (exit 1): when a problem of ``check``
    (a :class:`~hcomm_gen.app.pipeline.CheckResult`) blocks publication, raise
    :class:`~hcomm_gen.core.errors.RecordsError` carrying the blocking problems (printed
    before its message, which counts the others). Otherwise return.

    :param not_done_zh: / :param not_done_en: what did not happen (``未打印`` / ``nothing was printed``).
    """
    blocking = check.blocking
    if not blocking:
        return
    others = len(check.problems) - len(blocking)
    more_zh = f"（另有 {others} 个问题不妨碍发布，用 hcomm check 查看）" if others else ""
    more_en = (f" ({_n(others, 'other problem')} {'does' if others == 1 else 'do'} not stop "
               "publication: see hcomm check)") if others else ""
    stop = "stops" if len(blocking) == 1 else "stop"
    raise RecordsError(f"有 {len(blocking)} 个错误使记录无法正确发布{more_zh}，{not_done_zh}。请先改正上面的错误。",
                       f"{_n(len(blocking), 'error')} {stop} publication: a record that would be published "
                       f"cannot be shown correctly{more_en}; {not_done_en}. Fix them first.", blocking)


def say_remaining(ctx: Ctx, check, err: bool = False) -> None:
    """After a publication: ONE line saying how many problems of ``check`` remain (none of
    them blocks publication) and where to see them; nothing when there are none."""
    if not check.problems:
        return
    errors = sum(p.severity == ERROR for p in check.problems)
    warnings = len(check.problems) - errors
    ctx.say(f"已发布；另有 {errors} 个错误、{warnings} 个警告不妨碍发布，请用 hcomm check 或 hcomm status 查看。",
            f"Published; {_n(errors, 'error')} and {_n(warnings, 'warning')} remain that do not stop "
            "publication: see hcomm check or hcomm status.", err=err)


class _LangChoice(click.Choice):
    """``zh`` or ``en``, also written as a locale (``zh_CN.UTF-8``, ``en_US``: HCOMM_LANG may be
    set like LANG) (:func:`hcomm_gen.cli.i18n.normal_lang`)."""

    def convert(self, value, param, ctx):
        lang = i18n.normal_lang(value) if isinstance(value, str) else None
        if lang is None and ctx is not None and param is not None \
                and ctx.get_parameter_source(param.name) == click.core.ParameterSource.ENVIRONMENT:
            return i18n.LANGS[0]  # HCOMM_LANG set for another program (fr_FR, C…): Chinese, not an error
        return super().convert(lang or value, param, ctx)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Office folder holding records/ (and optional templates/, mkdocs.yml).")
@click.option("--lang", type=_LangChoice(i18n.LANGS), default=i18n.LANGS[0], show_default=True,
              envvar=i18n.ENV, help="Language of messages and help: zh (中文) or en (English); "
              "default: the environment variable HCOMM_LANG, else zh.")
@click.pass_context
def main(cctx: click.Context, root: Path, lang: str) -> None:
    """hcomm: check an office's communication records and publish the bulletin board.

    Exit codes: 0 ok (build/print: published, problems that do not stop publication are
    counted in one line), 1 rule or record errors (build/print: only those that stop
    publication), 2 usage error, 3 output could not be produced, 4 internal error of hcomm.
    """
    i18n.set_lang(lang)
    root = root.resolve()
    if cctx.get_parameter_source("root") == click.core.ParameterSource.DEFAULT and cctx.invoked_subcommand != "init":
        root = office_above(root)
    cctx.obj = Ctx(root, lang)
