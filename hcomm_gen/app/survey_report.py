"""``hcomm survey report ROUND`` as library calls: the round with the problems of its own
records, then the internal 问卷结果统计表 (PDF and CSV; SURVEY-ANALYSIS-30WD, SURVEY-ARCHIVE)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hcomm_gen.app.pipeline import CheckResult, check
from hcomm_gen.core.errors import OutputError, UsageError
from hcomm_gen.core.problems import Problem
from hcomm_gen.outputs.pdf import MissingGlyph
from hcomm_gen.outputs.survey import write_report
from hcomm_gen.records.models import SurveyRound


@dataclass
class SurveyRoundCheck:
    """A survey round, the check it was found in, and the problems of its own folder (shown,
    but they do not stop the report)."""

    check: CheckResult
    round: SurveyRound
    problems: list[Problem]


def survey_round(root: Path, round_: str, now: str | None) -> SurveyRoundCheck:
    """The round ``round_`` (``"YYYY-MM"``) of the office ``root``, checked as of ``now``.

    :raises UsageError: no such round (the rounds on record are named), or a bad ``now``.
    """
    result = check(root, now)
    rnd = next((r for r in result.records.surveys if str(r.round) == round_), None)
    if rnd is None:
        have = "、".join(str(r.round) for r in result.records.surveys) or "无"
        raise UsageError(f"没有 {round_} 这一轮问卷调查（records/surveys/{round_}/round.yaml）。已有：{have}。",
                         f"No survey round {round_} (records/surveys/{round_}/round.yaml). Rounds: {have}.")
    folder = Path(rnd.path).resolve().parent
    mine = [p for p in result.problems if Path(p.pos.path).resolve().parent == folder]
    return SurveyRoundCheck(result, rnd, mine)


def write_survey_report(found: SurveyRoundCheck, out_dir: Path, root: Path) -> tuple[Path, Path]:
    """Write the 问卷结果统计表 of ``found.round`` into ``out_dir``: ``(pdf, csv)`` paths.

    :raises OutputError: a character no installed font has (nothing written).
    """
    try:
        return write_report(found.check.records, found.round, found.check.now, out_dir, root)
    except MissingGlyph as exc:  # the same exit 3, worded for the table
        raise OutputError(f"字“{exc.chars}”在已安装的字体里没有，统计表未生成。请改用常用字或安装含该字的字体。",
                          f"Characters '{exc.chars}' are in no installed font; the table was not written.") from None
