"""``hcomm company build``: the company's report over many offices (issue 13.4), a thin layer
over :mod:`hcomm_gen.app.company`.

Exit codes: 0 every office counted; 1 the report was written but at least one office could
not be counted (listed as 未能统计 in the report and on stderr); 2 usage (an argument that names
no office, a bad ``company.yaml`` or ``--now``, an ``--out`` folder holding other files);
3 the report could not be written (the previous one is untouched).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hcomm_gen.app.company import DEFAULT_OUT, build_company, company_of
from hcomm_gen.cli._output import closed_stdout_ok
from hcomm_gen.cli.base import EXIT_OK, EXIT_RECORDS, Ctx, main


@main.group()
def company() -> None:
    """The company's report over many offices (公司报告): quotas, 24 h response, surveys,
    escalated opinions."""


@company.command("build")
@click.argument("offices", nargs=-1, required=True, metavar="OFFICE…")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help=f"Folder of the report (site and PDF), replaced whole; default {DEFAULT_OUT}/ in the "
                   "current folder.")
@click.option("--now", help="As of this moment, e.g. '2026-12-08 12:00' (each office's time zone); default now.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="Offices computed at once (processes); default the number of CPUs.")
@click.option("--name", help="Company name shown on the report (default: name: of company.yaml, else 公司).")
@click.pass_obj
def build(ctx: Ctx, offices: tuple[str, ...], out: Path | None, now: str | None, jobs: int | None,
          name: str | None) -> None:
    """Write the company report comparing offices. OFFICE is an office folder (with records/),
    a built site folder or https:// address (its summary.json: public figures only), or a
    company.yaml listing offices. Exit 1 when an office could not be counted (the report
    lists it)."""
    result = build_company(company_of(offices, name), out, now, jobs)
    n, bad, public = len(result.offices), result.failed, result.public_only
    with closed_stdout_ok():
        ctx.say(f"公司报告：{result.out}（{n} 个管理处；网页 index.html，PDF {result.pdf.name}）",
                f"Company report: {result.out} ({n} offices; pages index.html, PDF {result.pdf.name})")
        if public:
            ctx.say(f"{len(public)} 个管理处只有公开数据（summary.json）：{'、'.join(o.name for o in public)}",
                    f"{len(public)} offices from summary.json (public figures only): "
                    f"{', '.join(o.name for o in public)}")
    for o in bad:
        zh, en = o.reason or ("", "")
        rules = "、".join(f"{r} {k}" for r, k in o.by_rule)
        ctx.say(f"未能统计：{o.name}（{o.source.where}）：{zh}{f'（{rules}）' if rules else ''}",
                f"Not counted: {o.name} ({o.source.where}): {en}{f' ({rules})' if rules else ''}", err=True)
    sys.exit(EXIT_RECORDS if bad else EXIT_OK)
