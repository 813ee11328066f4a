"""The ``hcomm`` group and what every command shares: a thin click layer over :mod:`hcomm_gen.app`.

Errors take one path: a command raises :class:`~hcomm_gen.core.errors.HcommError` (or lets one
from the library pass); :class:`_Group` prints its message in the chosen language and exits
with its code. Any other exception is a bug of hcomm: one line, exit 4. Exit codes (also in the
README, defined in :mod:`hcomm_gen.core.errors`):

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

from hcomm_gen.core.errors import EXIT_INTERNAL, EXIT_OK, EXIT_RECORDS, EXIT_USAGE, HcommError, RecordsError, UsageError
from hcomm_gen.core.problems import format_problems

__all__ = ["EXIT_OK", "EXIT_RECORDS", "EXIT_USAGE", "Ctx", "main", "root_ok"]



class _Group(click.Group):
    """The one error handler: an :class:`~hcomm_gen.core.errors.HcommError` is printed (in
    ``--lang``) on stderr and ends the command with its exit code; an unexpected exception
    (a bug in hcomm) becomes a short message and exit code 4, so office staff never see a
    traceback."""

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
            if os.environ.get("HCOMM_DEBUG"):
                raise
            click.echo(f"hcomm 内部错误（不是记录的问题）：{type(exc).__name__}: {exc}\n"
                       "请把这条信息和所用的命令发给维护人员；记录和已发布的网站都没有改动。"
                       "设置 HCOMM_DEBUG=1 再运行可看到详细信息。", err=True)
            sys.exit(EXIT_INTERNAL)


class Ctx:
    """What every command gets: the office folder ``root`` (absolute) and the message
    language ``lang`` (``"zh"`` or ``"en"``)."""

    def __init__(self, root: Path, lang: str):
        self.root, self.lang = root, lang

    def say(self, zh: str, en: str, err: bool = False) -> None:
        """Print ``zh`` or ``en`` (by ``lang``) on stdout, or stderr with ``err``."""
        click.echo(en if self.lang == "en" else zh, err=err)


def root_ok(ctx: Ctx) -> None:
    """:raises UsageError: the office folder has no ``records/`` folder."""
    if not (ctx.root / "records").is_dir():
        raise UsageError(f"找不到记录文件夹：{ctx.root / 'records'}。请在办公室的文件夹里运行，或用 --root 指定。",
                         f"No records folder at {ctx.root / 'records'}. Run inside the office folder or pass --root.")





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
