"""``hcomm next-change [--now T] [--format text|json]``: the next moment at which the
published state of a notice changes (published, starts, ends, cancelled, archived), so a timer
can rebuild the site then (README: a cron line and a systemd timer).

A thin layer over :func:`hcomm_gen.app.states.next_change_as_of`. Text: the moment as ISO 8601
with offset on the first line (for scripts; no such line when nothing will change), then one
line in ``--lang``. Exit code 0 (information, not a check), 2 for a usage error.
"""
from __future__ import annotations

import json
import sys

import click

from hcomm_gen.app.states import next_change_as_of
from hcomm_gen.cli._output import closed_stdout_ok, next_change_line, say_unreadable
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok
from hcomm_gen.domain.notices import state_label


@main.command("next-change")
@click.option("--now", help="As of this moment, e.g. '2026-12-03 10:00' (community time zone); default: now.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def next_change(ctx: Ctx, now: str | None, fmt: str) -> None:
    """Print the next moment at which a notice changes state (so the site should be rebuilt)."""
    root_ok(ctx)
    res = next_change_as_of(ctx.root, now)
    tz = res.records.tz
    with closed_stdout_ok():
        if fmt == "json":
            click.echo(json.dumps({
                "now": res.now.astimezone(tz).isoformat(),
                "next": res.at.astimezone(tz).isoformat() if res.at else None,
                "changes": [{"id": c.notice.id, "title": c.notice.title, "from": c.before, "to": c.after,
                             "from_zh": state_label(c.notice, c.before), "to_zh": state_label(c.notice, c.after)}
                            for c in res.changes]}, ensure_ascii=False, indent=2))
        else:
            if res.at is not None:
                click.echo(res.at.astimezone(tz).isoformat())
            click.echo(next_change_line(res.changes, tz, ctx.lang))
    say_unreadable(ctx, res.unreadable_files, ("其中的通知没有算在内", "their notices are not counted"))
    sys.exit(EXIT_OK)
