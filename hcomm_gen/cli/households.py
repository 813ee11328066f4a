"""``hcomm households import FILE``: the household registry from a spreadsheet
(:mod:`hcomm_gen.app.households_import`). Bad cells are listed (file, sheet, row, column) and
nothing is written (exit 1); a registry that already lists households needs ``--replace``
(exit 2 without it)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hcomm_gen.app.households_import import import_households, sheet_title, write_registry
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok
from hcomm_gen.core.errors import RecordsError


@main.group("households")
def households() -> None:
    """The household registry (业户登记, records/households.yaml)."""


@households.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sheet", help="Worksheet name (default: the first).")
@click.option("--replace", is_flag=True, help="Replace the households already registered.")
@click.pass_obj
def import_cmd(ctx: Ctx, file: Path, sheet: str | None, replace: bool) -> None:
    """Read FILE (.xlsx, .xls, .ods or .csv: a header row 楼栋, 单元, 房号, 住家/企业, 入住日期, 迁出日期,
    then one row per household) into records/households.yaml. Rooms become four digits
    (301 → 0301, ID 2-1-0301); an empty 入住日期 is a vacant unit."""
    root_ok(ctx)
    res, now = import_households(ctx.root, file, replace=replace, sheet=sheet)
    if res.problems:
        title = sheet_title(file, sheet)
        where_zh = f"{file.name}（工作表“{title}”）" if title else file.name
        where_en = f"{file.name} (sheet '{title}')" if title else file.name
        for p in res.problems:
            click.echo(f"{where_en if ctx.lang == 'en' else where_zh}: {p.format(ctx.lang)}", err=True)
        raise RecordsError(f"有 {len(res.problems)} 个单元格需要改正，未写入任何文件（records/households.yaml 没有改动）。",
                           f"{len(res.problems)} cells need fixing; nothing was written (records/households.yaml unchanged).")
    path = write_registry(now, res, file.name)
    occupied = sum(h.occupied_since is not None and h.moved_out is None for h in res.households)
    units = sum(len(u) for u in res.buildings.values())
    ctx.say(f"导入 {len(res.households)} 户（{len(res.buildings)} 栋、{units} 个单元；已入住 {occupied} 户，"
            f"空置或已迁出 {len(res.households) - occupied} 户）→ {path}。下一步：hcomm check",
            f"Imported {len(res.households)} households ({len(res.buildings)} buildings, {units} units; "
            f"{occupied} occupied, {len(res.households) - occupied} vacant or moved out) → {path}. Next: hcomm check")
    sys.exit(EXIT_OK)
