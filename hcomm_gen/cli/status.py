"""``hcomm status [--today DATE] [--format text|json] [--pdf FILE]``: what is due and overdue.

A thin layer over :func:`hcomm_gen.app.status.status_as_of`. ``--pdf FILE`` also writes the
director's A4 page (:func:`hcomm_gen.app.status.write_status_pdf`) before anything is printed;
the list is still printed in ``--format`` (text or JSON, on stdout) and the path written goes
to stderr, so ``--format json --pdf st.pdf > st.json`` gives both. A PDF that cannot be
written (a missing glyph, a folder not writable) is exit 3 and nothing is printed. ``--today`` takes a date
(``2026-12-20``, meaning 00:00 of that day) or a date-time (``2026-12-20 09:00``), in the
community's time zone; an explicit offset is honoured. Exit code 0 (the list is information,
not a check), 2 for a usage error; a reader that closes the output early (``| head``) ends
it quietly with 0.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from hcomm_gen.app.status import status_as_of, write_status_pdf
from hcomm_gen.cli._output import closed_stdout_ok, say_unreadable
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok
from hcomm_gen.core.registry import RULES
from hcomm_gen.domain.status import LATE_EXPLAINED, OVERDUE, STATE_EN, STATE_ZH
from hcomm_gen.records.types import fmt_dt


@main.command("status")
@click.option("--today", "today", help="As of this day or moment, e.g. 2026-12-20 (community time zone).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the director's one-page A4 PDF (overdue items, items due within 7 "
                   "days, open cases, this month's visit quota) to FILE, relative to the current "
                   "folder; the list is still printed.")
@click.pass_obj
def status_command(ctx: Ctx, today: str | None, fmt: str, pdf: Path | None) -> None:
    """List what is due and overdue: case responses, visit summary and quota, survey
    deadlines, financial statements, visit feedback, the monthly meeting."""
    root_ok(ctx)
    report = status_as_of(ctx.root, today)
    written = write_status_pdf(report, pdf, ctx.root) if pdf is not None else None  # before stdout
    with closed_stdout_ok():
        _show(ctx, report.records, report.now, report.items, fmt)
    if written is not None:
        ctx.say(f"主任用的待办与逾期一览：{written.path}（{written.pages} 页，内部资料）",
                f"The director's page: {written.path} ({written.pages} pages, internal)", err=True)
    say_unreadable(ctx, report.unreadable_files, ("上面的清单可能不全", "this list may be incomplete"))
    sys.exit(EXIT_OK)


def _show(ctx: Ctx, records, now, items, fmt: str) -> None:
    """Print ``items`` as JSON or as text lines."""
    tz = records.tz
    if fmt == "json":
        click.echo(json.dumps([{
            "kind": i.kind, "rule": i.rule, "clause": RULES[i.rule].clause, "state": i.state,
            "due": i.due_text(tz) if i.due is not None else None, "ref": i.ref, "path": i.path,
            "message": i.message(ctx.lang), "message_zh": i.zh, "message_en": i.en,
        } for i in items], ensure_ascii=False, indent=2))
        return
    name = records.community.name if records.has_community else ctx.root.name
    when = fmt_dt(now, tz)
    if not items:
        ctx.say(f"{name}：截至 {when}，没有待办或逾期事项。", f"{name}: nothing due or overdue as of {when}.")
        return
    overdue = sum(i.state == OVERDUE for i in items)
    late = sum(i.state == LATE_EXPLAINED for i in items)
    due = len(items) - overdue - late
    late_zh = f"，{late} 项逾期（已说明原因）" if late else ""
    late_en = f", {late} late (reason given)" if late else ""
    ctx.say(f"{name}：截至 {when}，{overdue} 项逾期，{due} 项待办{late_zh}。",
            f"{name}: as of {when}, {overdue} overdue, {due} due{late_en}.")
    states = STATE_EN if ctx.lang == "en" else STATE_ZH
    label = "by" if ctx.lang == "en" else "截止"
    for i in items:
        click.echo(f"{states[i.state]}  {label} {i.due_text(tz)}  {i.rule} ({RULES[i.rule].clause}): "
                   f"{i.message(ctx.lang)}")
