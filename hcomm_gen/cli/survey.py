"""``hcomm survey import FILE`` and ``hcomm survey report ROUND`` (issue 4, P5.5–P5.7).

* ``import``: a spreadsheet (``.xlsx``/``.xls``/``.ods``/``.csv``, one row a questionnaire, one column an item)
  → ``records/surveys/ROUND/answers.yaml`` (:mod:`hcomm_gen.app.survey_import`). Bad cells
  are listed by row and column and nothing is written (exit 1).
* ``report``: the internal 问卷结果统计表 of a round as PDF and CSV into ``internal/`` (a
  folder the public build never copies) (:mod:`hcomm_gen.app.survey_report`).

Exit codes as the other commands: 0 ok, 1 bad cells / record errors, 2 usage, 3 a character
no font has.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hcomm_gen.app.survey_import import import_target, read_spreadsheet, write_answers
from hcomm_gen.app.survey_report import survey_round, write_survey_report
from hcomm_gen.cli.base import EXIT_OK, Ctx, main, root_ok
from hcomm_gen.core.errors import RecordsError
from hcomm_gen.core.problems import format_problems


@main.group("survey")
def survey() -> None:
    """Survey rounds (问卷调查): import the returned questionnaires, write the statistics table."""


@survey.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--round", "round_", metavar="YYYY-MM",
              help="The round (default: YYYY-MM in the file name, or the only round without answers).")
@click.option("--sheet", help="Worksheet name (default: the first).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of records/surveys/ROUND/answers.yaml ('-': standard output).")
@click.option("--force", is_flag=True, help="Replace an existing answers.yaml.")
@click.pass_obj
def import_cmd(ctx: Ctx, file: Path, round_: str | None, sheet: str | None, out: Path | None,
               force: bool) -> None:
    """Turn FILE (.xlsx, .xls, .ods or .csv: a header row of item numbers, then one row per
    returned questionnaire; optional columns 建议 and 建议分类) into the round's answers.yaml.

    \b
    Cells (表格里每题一格):
      满意 / 基本满意 / 不满意, or 满 / 基 / 不     one tick
      empty, 空, 未选, -                            blank (未选)
      满意、不满意  满意,基本满意  满意 基本满意  满/不  (满不)
                                                    two or more ticks
    Blank and two or more ticks are both abstentions (SURVEY-ABSTAIN, counted
    by hcomm check, not here). Spaces around a word (also full-width) and a
    trailing 、 are dropped: "满意 " and "基本满意、" are one tick. 满基 without
    brackets is refused as ambiguous. In a CSV, quote a cell with a comma.

    \b
    Rows (每行一份问卷):
      .csv   every row needs a cell for every item: 满意,,不满意 leaves
             item 2 blank; a row that stops early ("只有 3 个答案") or has
             cells beyond the header ("多出 2 列") is an error.
      .xlsx  missing trailing cells are blanks; a non-empty cell in a column
      .xls   that is no item, 建议, 建议分类 or 编号 column is an error.
      .ods
      A completely empty row is skipped (the summary lists it); write 空 in
      a questionnaire returned entirely blank. A row with only its 序号/编号
      and no answer is not a returned questionnaire: skipped and counted.
    """

    root_ok(ctx)
    where = import_target(ctx.root, file, round_, out)
    folder, target = where.folder, where.target
    if where.record is None:
        ctx.say(f"提示：没有找到 {folder / 'round.yaml'}，题目数按表头计算。",
                f"Note: no {folder / 'round.yaml'}; the number of items is taken from the header.", err=True)
    where.refuse_overwrite(force)
    outcome = read_spreadsheet(where, file, sheet)  # SheetReadError: exit 1
    res, keep, secs = outcome.result, outcome.kept, outcome.seconds
    if res.problems:
        for p in res.problems:
            click.echo(f"{file.name}: {p.format(ctx.lang)}", err=True)
        raise RecordsError(f"有 {len(res.problems)} 处（单元格或整行）需要改正，未写入任何文件。",
                           f"{len(res.problems)} cells or rows need fixing; nothing was written.")
    if keep:
        ctx.say(f"表格里没有“建议”列，保留原 answers.yaml 里的 {len(keep)} 条建议。",
                f"No suggestion column: keeping the {len(keep)} suggestions of the existing answers.yaml.",
                err=True)
    if str(target) == "-":
        click.echo(outcome.text, nl=False)
    else:
        write_answers(where, outcome)
    skipped_zh = skipped_en = ""
    if res.skipped_rows:
        shown = res.skipped_rows[:10]
        more_zh = f" 等 {len(res.skipped_rows)} 行" if len(res.skipped_rows) > 10 else ""
        more_en = f" … ({len(res.skipped_rows)} rows)" if len(res.skipped_rows) > 10 else ""
        skipped_zh = (f"，跳过 {len(res.skipped_rows)} 个空行（第 {'、'.join(map(str, shown))} 行{more_zh}；"
                      "整份空白的问卷请在该行写“空”）")
        skipped_en = (f", skipped {len(res.skipped_rows)} empty row(s) ({', '.join(map(str, shown))}{more_en}; "
                      "write 空 in a row for a questionnaire returned blank)")
    unanswered = len(res.unanswered_rows)
    if unanswered:
        skipped_zh += f"，另有 {unanswered} 行只有序号、没有答案，不算回收的问卷，已跳过"
        skipped_en += (f", and skipped {unanswered} numbered row(s) without any answer "
                       "(not returned questionnaires)")
    ctx.say(f"导入 {len(res.answers)} 份问卷（{res.items} 题）、{len(res.suggestions) or len(keep)} 条建议"
            f"{skipped_zh}，用时 {secs:.2f} 秒 → {target}。下一步：hcomm check {folder.relative_to(ctx.root)}",
            f"Imported {len(res.answers)} questionnaires ({res.items} items), "
            f"{len(res.suggestions) or len(keep)} suggestions{skipped_en} in {secs:.2f} s → {target}. "
            f"Next: hcomm check {folder.relative_to(ctx.root)}", err=True)
    sys.exit(EXIT_OK)


@survey.command("report")
@click.argument("round_", metavar="ROUND")
@click.option("--now", help="As of this moment (deadline states), e.g. '2026-11-29 12:00'.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PDF and CSV (default: internal/ of the office folder).")
@click.pass_obj
def report_cmd(ctx: Ctx, round_: str, now: str | None, out_dir: Path | None) -> None:
    """Write the internal statistics table (问卷结果统计表) of ROUND (e.g. 2026-06) as PDF and
    CSV into internal/. Problems of the round's records are shown but do not stop it."""
    root_ok(ctx)
    found = survey_round(ctx.root, round_, now)
    if found.problems:
        click.echo(format_problems(found.problems, "text", ctx.lang), err=True)
    if found.round.answers is None:
        ctx.say(f"{round_} 还没有答卷（answers.yaml），统计表只有发放和期限部分。",
                f"{round_} has no answers.yaml yet; the table has only distribution and deadlines.", err=True)
    pdf, csv_path = write_survey_report(found, out_dir or ctx.root / "internal", ctx.root)
    click.echo(str(pdf))
    click.echo(str(csv_path))
    ctx.say("问卷结果统计表为内部资料：原件由管理处保存，复印件交品质管理部；不要放进网站或宣传栏。",
            "The statistics table is internal: the office keeps the original, a copy goes to the "
            "quality department; never publish it.", err=True)
    sys.exit(EXIT_OK)
