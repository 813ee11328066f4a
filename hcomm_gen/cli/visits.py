"""``hcomm visits quota|plan|summary``: the monthly visit quota, a visit plan with its blank
forms, and the 访问业户总结 for the director (P5.1–P5.4). A thin layer over
:mod:`hcomm_gen.app.visits` (it prints what those return); exit codes as for ``hcomm build`` (1 records unreadable,
2 usage, 3 PDF could not be produced).

Files: a relative ``--pdf`` / ``--out`` is relative to the current folder (as for any
command-line tool); without ``--out`` the summary goes to ``<root>/internal/``; the absolute
path written is printed. PDFs are written before anything is printed, so ``| head`` cannot
lose them, and a closed stdout ends a command quietly (exit 0)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from hcomm_gen.app.visits import visit_plan, visit_quota, visit_summary
from hcomm_gen.cli._output import closed_stdout_ok
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok
from hcomm_gen.domain.visits import quota_state

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _month(_ctx, _param, value: str) -> str:
    if value is None or not _MONTH.fullmatch(value.strip()):
        raise click.BadParameter(f"“{value}”不是月份，请写成 2026-07 / not a month, write it like 2026-07")
    return value.strip()


def _quota_state(q, now, tz) -> tuple[str, str]:
    """(zh, en) of the quota of ``q.month`` as of ``now``: met, missed (a complete month only),
    in progress (the current month: so far / required) or not started (a later month)."""
    state = quota_state(q, now, tz)
    if state == "in_progress":
        left = q.required - q.visited
        if left <= 0:  # as the site's visits page
            return (f"已达标（进行中，目前 {q.visited} / {q.required} 户）",
                    f"met (in progress, {q.visited} so far / {q.required} required)")
        return (f"进行中（目前 {q.visited} / {q.required} 户，还差 {left} 户）",
                f"in progress ({q.visited} so far / {q.required} required, {left} to go)")
    if state == "not_started":
        return "尚未开始", "not started yet"
    if state == "met":
        return "达标", "met"
    return f"未达标，差 {q.required - q.visited} 户", f"not met, {q.required - q.visited} short"


_NOW_HELP = "As of this moment, e.g. '2026-12-20 12:00' (community time zone); default now."
_PDF_HELP = ("A relative FILE is relative to the current folder (not to --root); the absolute "
             "path written is printed.")


@main.group()
def visits() -> None:
    """Household visits (业户访问, P5): monthly quota, visit plan, monthly summary."""


@visits.command()
@click.option("--month", required=True, callback=_month, help="Month, e.g. 2026-07.")
@click.option("--now", help=_NOW_HELP)
@click.pass_obj
def quota(ctx: Ctx, month: str, now: str | None) -> None:
    """Print the month's VISIT-QUOTA figure (P5.1.1): occupied households on the 1st, rate,
    required visits, distinct households visited (return visits excluded). The current
    month is 进行中 (in progress: so far / required); 未达标 (not met) is said only of a
    complete month."""
    root_ok(ctx)
    res = visit_quota(ctx.root, month, now)  # visits after --now had not happened yet
    q = res.quota
    state_zh, state_en = _quota_state(q, res.now, res.tz)
    with closed_stdout_ok():
        ctx.say(f"{month}：1 日已入住 {q.occupied} 户，比例 {q.rate_percent}%，应访问 {q.required} 户；"
                f"已访问 {q.visited} 户（不含回访，同户只计一次；共 {q.visits} 次，其中回访 {q.return_visits} 次）：{state_zh}。",
                f"{month}: {q.occupied} occupied on the 1st, rate {q.rate_percent}%, required {q.required}; "
                f"visited {q.visited} distinct households (return visits excluded; {q.visits} visits, "
                f"{q.return_visits} return visits): {state_en}.")
    sys.exit(EXIT_OK)


@visits.command()
@click.option("--month", required=True, callback=_month, help="Month to plan, e.g. 2026-12.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed for ties: the same seed gives the same plan.")
@click.option("--extra", type=click.IntRange(min=0), default=0, show_default=True,
              help="Spare households beyond the quota (for refusals).")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the blank 业户访问记录 forms (one page per household, internal) to "
                   "this PDF; no default (without --pdf no PDF is written). " + _PDF_HELP)
@click.pass_obj
def plan(ctx: Ctx, month: str, seed: int, extra: int, pdf: Path | None) -> None:
    """Propose the households to visit to meet the month's quota (VISIT-QUOTA, P5.1.1):
    occupied, not yet visited this month, longest unvisited first, spread over buildings
    and units."""
    root_ok(ctx)
    res = visit_plan(ctx.root, month, seed, extra, pdf)  # the PDF first: closing stdout cannot stop it
    p, written = res.plan, res.forms
    with closed_stdout_ok():
        _show_plan(ctx, month, seed, p)
    if not p.meets_quota:
        ctx.say(f"可访问的业户只有 {p.candidates} 户，不够完成本月指标。",
                f"Only {p.candidates} households are eligible: the quota cannot be met.", err=True)
    if pdf is not None:
        if written is None:
            ctx.say("本月指标已完成，没有要打印的访问记录表。", "The quota is met: no forms to print.", err=True)
        else:
            ctx.say(f"空白访问记录表：{written}（{len(p.rows)} 页，内部使用，注意保密）",
                    f"Blank visit forms: {written} ({len(p.rows)} pages, internal)", err=True)
    sys.exit(EXIT_OK)


def _show_plan(ctx: Ctx, month: str, seed: int, p) -> None:
    """The plan's heading line and table on stdout."""
    q = p.quota
    ctx.say(f"{month} 访问计划（seed {seed}）：1 日已入住 {q.occupied} 户，比例 {q.rate_percent}%，"
            f"应访问 {q.required} 户，本月已访问 {q.visited} 户，计划再访问 {len(p.rows)} 户。",
            f"Visit plan {month} (seed {seed}): {q.occupied} occupied, rate {q.rate_percent}%, "
            f"required {q.required}, visited so far {q.visited}, planned {len(p.rows)}.")
    if not p.rows:
        return
    head = ("序号", "业户编号", "地址", "类型", "上次访问") if ctx.lang == "zh" else \
        ("no.", "household", "address", "type", "last visit")
    never = "未访问" if ctx.lang == "zh" else "never"
    lines = [(str(r.number), r.household.id, r.household.address, r.household.type,
              f"{r.last_visit:%Y-%m-%d}" if r.last_visit else never) for r in p.rows]
    widths = [max(_w(x) for x in col) for col in zip(head, *lines, strict=True)]
    for row in (head, *lines):
        click.echo("  ".join(c + " " * (w - _w(c)) for c, w in zip(row, widths, strict=True)).rstrip())


@visits.command()
@click.option("--month", required=True, callback=_month, help="Month summarised, e.g. 2026-10.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="PDF to write; default <root>/internal/visit-summary-YYYY-MM.pdf (internal/ "
                   "of the office folder, never published). " + _PDF_HELP)
@click.option("--now", help=_NOW_HELP)
@click.pass_obj
def summary(ctx: Ctx, month: str, out: Path | None, now: str | None) -> None:
    """Draft the month's 访问业户总结 for the director as PDF (VISIT-SUMMARY, VISIT-ESCALATE,
    P5.4): quota, visits by mode and topic, opinions with the director's decisions,
    escalations listed separately."""
    root_ok(ctx)
    res = visit_summary(ctx.root, month, now, out)
    s, target = res.summary, res.pdf
    q = s.quota
    state_zh, state_en = _quota_state(q, res.now, res.tz)
    with closed_stdout_ok():
        ctx.say(f"访问业户总结 {month}：{target}（访问 {len(s.visits)} 次，{q.visited}/{q.required} 户，"
                f"{state_zh}；意见 {len(s.opinions)} 条，上报 {len(s.escalated)} 条，知悉 {len(s.noted)} 条，"
                f"待决定 {len(s.undecided)} 条）",
                f"Visit summary {month}: {target} ({len(s.visits)} visits, {q.visited}/{q.required} households, "
                f"{state_en}; {len(s.opinions)} opinions, {len(s.escalated)} escalated, {len(s.noted)} noted, "
                f"{len(s.undecided)} undecided)")
    sys.exit(EXIT_OK)


def _w(s: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


@visits.command()
@click.option("--month", required=True, callback=_month, help="Month whose opinions are decided, e.g. 2026-10.")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the month's opinions to this .xlsx, one row each, with a 决定 drop-down "
                   "(internal: it names households). " + _PDF_HELP)
@click.option("--import", "import_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="FILE", help="Read the edited sheet (.xlsx, .xls, .ods or .csv) and write its "
                                   "decisions into the month's visit summary record.")
@click.option("--sheet", help="Worksheet name (default: the first).")
@click.option("--now", help=_NOW_HELP)
@click.pass_obj
def decisions(ctx: Ctx, month: str, xlsx: Path | None, import_file: Path | None, sheet: str | None,
              now: str | None) -> None:
    """The director's decisions on the month's opinions (VISIT-ESCALATE, P5.4.2) through a
    spreadsheet: --xlsx writes it, --import writes the decisions (采纳, 不采纳, 上报, 知悉) into
    records/visit-summaries/. A bad cell is reported by row and column and nothing is written;
    after the import the month's checks are shown."""
    from hcomm_gen.app.visit_decisions import import_decisions, write_decisions_sheet
    from hcomm_gen.core.errors import RecordsError, UsageError
    from hcomm_gen.core.problems import format_problems
    from hcomm_gen.records.spreadsheet import sheet_title

    root_ok(ctx)
    if (xlsx is None) == (import_file is None):
        raise UsageError("请给出 --xlsx FILE（导出表格）或 --import FILE（导入决定），二者选一。",
                         "Give either --xlsx FILE (write the sheet) or --import FILE (read the decisions).")
    if xlsx is not None:
        target, n = write_decisions_sheet(ctx.root, month, xlsx, now)
        ctx.say(f"{month} 的意见 {n} 条 → {target}（内部资料，注意保密）。在“决定”一栏选 采纳 / 不采纳 / 上报 / 知悉，"
                f"上报的在“说明”里注明原因；然后运行 hcomm visits decisions --month {month} --import {target.name}",
                f"{n} opinions of {month} → {target} (internal). Choose a decision in 决定 (上报 with a reason in 说明), "
                f"then run hcomm visits decisions --month {month} --import {target.name}")
        sys.exit(EXIT_OK)
    assert import_file is not None
    res = import_decisions(ctx.root, month, import_file, now, sheet)
    if res.read.problems:
        title = sheet_title(import_file, sheet)
        where_zh = f"{import_file.name}（工作表“{title}”）" if title else import_file.name
        where_en = f"{import_file.name} (sheet '{title}')" if title else import_file.name
        for p in res.read.problems:
            click.echo(f"{where_en if ctx.lang == 'en' else where_zh}: {p.format(ctx.lang)}", err=True)
        raise RecordsError(f"有 {len(res.read.problems)} 个单元格需要改正，未写入任何文件（总结记录没有改动）。",
                           f"{len(res.read.problems)} cells need fixing; nothing was written (the summary is unchanged).")
    counts = {d: sum(x.decision == d for x in res.read.decisions) for d in ("采纳", "不采纳", "上报", "知悉")}
    ctx.say(f"{'新建' if res.created else '更新'} {res.path}：决定 {len(res.read.decisions)} 条（采纳 {counts['采纳']}、"
            f"不采纳 {counts['不采纳']}、上报 {counts['上报']}、知悉 {counts['知悉']}），其中新增或改动 {res.changed} 条。",
            f"{'Created' if res.created else 'Updated'} {res.path}: {len(res.read.decisions)} decisions (adopted "
            f"{counts['采纳']}, not adopted {counts['不采纳']}, escalated {counts['上报']}, noted {counts['知悉']}); "
            f"{res.changed} new or changed.")
    if res.problems:
        click.echo(format_problems(res.problems, "text", ctx.lang))
        errors = sum(p.severity == "error" for p in res.problems)
        ctx.say(f"{month} 的检查：{errors} 个错误，{len(res.problems) - errors} 个警告（见上）。",
                f"Checks of {month}: {errors} errors, {len(res.problems) - errors} warnings (above).")
        sys.exit(1 if errors else EXIT_OK)
    ctx.say(f"{month} 的检查（VISIT-SUMMARY、VISIT-ESCALATE、VISIT-QUOTA）：没有问题。",
            f"Checks of {month} (VISIT-SUMMARY, VISIT-ESCALATE, VISIT-QUOTA): no problems.")
    sys.exit(EXIT_OK)
