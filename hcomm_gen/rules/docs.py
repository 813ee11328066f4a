"""docs/rules.md, generated from the rule registry (:func:`hcomm_gen.rules.catalogue`).

``python -m hcomm_gen.rules.docs`` rewrites docs/rules.md; ``--check`` only compares and exits
1 when the file differs (``tests/rules/test_registry.py`` does the same). Every row comes from
a rule's declaration (``@rule``/``declare``: ID, clause, ``doc``); the fixed text around the
tables (intro, section titles, interpretations) is here.
"""
from __future__ import annotations

import sys
from pathlib import Path

from hcomm_gen.core.registry import Rule
from hcomm_gen.rules import AREAS, catalogue

#: docs/rules.md of this repository
DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
REGENERATE = "python -m hcomm_gen.rules.docs"

INTRO = """\
# Rules checked by `hcomm check` (规则一览)

<!-- Generated from the rule registry by `python -m hcomm_gen.rules.docs`; do not edit by hand:
     change a rule's declaration (`@rule`/`declare` next to its check) and regenerate. -->

Every problem is printed as `path:line:col: 错误|警告 RULE-ID (clause): message`; the message
says what was found, what was expected and how to fix it (Chinese, or English with
`--lang en`). A message is one line, and positions are 1-based (a problem about a file or
folder that is missing is printed at `path:1:1`; `test_rules_messages.py::test_every_message_is_one_line`).
The rule IDs and clauses are those of the procedure map `PROCEDURE.md` in the
project's shared folder (T = the summary "模板", P = the detailed procedure "范文"); the
record-format rules (`YAML-*`, `RECORD-*`, `CALENDAR-YEAR`, `SITE-URL`, `PRINT-GLYPH`, and
`NOTICE-CHANGE` on a notice's `changes:`) and the checks that published content agrees with
itself (`NOTICE-BODY-TIMES`, `FINANCE-TOTALS`, cited with the clause they serve) belong to this
tool.

Time-dependent rules are judged as of `--now` (default: the current time, in the community's
time zone): a deadline that has not passed yet is not an error; `hcomm status` lists it.

**What stops publication** (column "stops publication"; README, "What stops publication").
`hcomm check` exits 1 on any error. `hcomm build`, `hcomm print` and `hcomm serve` publish
anyway, and say in one line how many problems remain, unless an error *stops publication*:
only a record that would be published and cannot be shown correctly does (an unreadable file,
a missing or invalid field, an unknown area or reference, a bad ID, a notice without its times
or ending before it starts). A breach of *when or whether the office acted* (lead times, the
24 h response, progress, feedback, visit summaries and quotas, survey deadlines, channels,
warning signs) never does: occupants must be told in time whatever the office's paperwork.
"yes" applies to the records that are published — the community file, the household
registry, notices, meetings and survey rounds; a problem in a case, a suggestion, a visit or a
visit summary (never published, only counted) never stops publication. Warnings never do.

"Declared in" is the module where the rule is declared, next to the code that checks it (or,
for a formula, computes it). "Passes / fails" names the rule's example in
`tests/rules/examples.py`, run by `tests/rules/test_registry.py`: `EXAMPLES[ID]` is an office
where the rule passes and one where it fails with that ID at the expected line;
`FORMULAS[ID]` is a hand-computed value of the formula.
"""

#: section title of each area, with an optional paragraph under it
SECTIONS = {
    "format": ("Record format", ""),
    "channels": ("Channels and content (T1, T2, P2, P3)", ""),
    "notices": ("Notices (T2, P4)", ""),
    "cases": ("Cases and suggestions (T3, T4, P4.7, P4.10–P4.13)", ""),
    "visits": ("Household visits (P5.1–P5.4)", ""),
    "surveys": ("Survey rounds (P5.5–P5.7)",
                "The arithmetic is in `hcomm_gen/domain/survey.py` (exact fractions, rounded only "
                "for display); the checks compare its results with the procedure."),
}

INTERPRETATIONS = """\
## Interpretations where the procedure is vague

* **Beforehand (事先, 提前)**: `published` strictly before `start`; the minimum lead per kind
  is NOTICE-LEAD's community configuration.
* **Promptly (及时) for incidents**, NOTICE-EMERGENCY: within 24 hours of the incident's
  start (`EMERGENCY_PROMPT_HOURS` in `rules/notices.py`). The same 24 hours as T3's
  response time, so one figure covers "timely" throughout.
* **Periodic (定期) financial statements**, NOTICE-FINANCE: the period is the community's
  `finance_period`; a period's statement is due by the end of the following month (a Q3
  statement by 31 October); the check starts at the first statement on record or at the
  period of the office's first day (`records_since`), whichever is earlier, so an office that
  starts using the tool is not blamed for years before it.
* **A posted notice is changed, never deleted** (PROCEDURE.md's decision; T2): a postponement,
  early end, cancellation or correction is an item of the notice's `changes:` (NOTICE-CHANGE).
  The notice's times follow the changes made by `--now` (a 改期 moves `expires` by as much as
  the end moved), and the other notice rules judge the times as first published, except
  `expires` before `start` (RECORD-FIELD), judged as changed.
* **Works (P4.6)** "a notice *or* warning signs": the record is the notice; it must say where
  (areas or sign locations) and, when posted as signs only, where the signs are.
* **Contract changes (P4.9)** "及时通知": published before the change takes effect (with
  NOTICE-LEAD's 7 days by default).
* **First response (T3)**: `first_response`, or, if that is empty, the earliest progress report
  or feedback. T3 speaks of occupants' issues, so it applies to complaints, suggestions and
  property damage; problems found by staff have the same 24 hours under CASE-FOUND.
* **A late act is recorded truthfully** (PROCEDURE.md): a first response, feedback, visit
  summary or survey step done after its deadline keeps its real time; with its written reason
  (`response_late_reason`, `late_reason`, `collection_late_reason`…; docs/records.md) the
  lateness is a warning under the same rule and `hcomm status` lists it as 逾期（已说明原因）;
  without, an error (late feedback: a warning, as before). Never a false time.
* **Progress until resolved (T3)**: no cadence is given; an open case must have had a report
  in the last 30 days (`PROGRESS_MAX_GAP_DAYS`). Past gaps of resolved cases are not judged.
* **Feedback "及时" (P4.12)**: missing feedback on a resolved valid complaint is an error;
  feedback more than 7 days after resolution is a warning (the outcome was told, late).
* **Anonymous (T4)**: besides the fields, the text is scanned for mobile/landline numbers and
  rooms (`3栋2单元0301`, `3-2-0301`): a suggestion-box note that names its author is not
  anonymous any more.
* **The office's first day**: the monthly obligations (VISIT-QUOTA, VISIT-SUMMARY,
  MEETING-MONTHLY, SURVEY-SCHEDULE's months, NOTICE-FINANCE's periods) run from
  `records_since` in `community.yaml` (the day the office began keeping its records with
  hcomm), by default the 1st of the month of its earliest record (a notice published, a
  meeting, a case or suggestion received, a visit, a summary's month, a survey delivery). A
  month counts when it is complete from that day (from 2026-03-15, April is the first),
  whether or not it has records: a month without visits misses its quota.
* **Monthly meeting (T1)**: complete months only, from the office's first day; a
  future-dated (planned) meeting counts for its month in `hcomm status`; a missing month is
  reported at the last meeting before it, or at the year's `meetings/` folder when there is
  none before it.
* **Reception day (T1)** "published on the site": the community declares it; the site shows
  it.
* **Channels**: a visit's channel is its mode (VISIT-MODE), so visits need no `channel`.
* **Working days**: `chinesecalendar` (knows 调休) for known years; a year it lacks must be
  declared in `community.yaml` (`calendar: {2027: {holidays: […], workdays: […]}}`), else
  CALENDAR-YEAR — never a guess by weekday rules.
* **Times written in a notice's text** (NOTICE-BODY-TIMES, a warning): only statements of
  when are judged — a time, a date with a weekday or a time, a date range whose first date
  gives the year; deadlines (`9:00前`, `12月16日前报名`), sign-off dates and dates mentioned in
  passing are not. A moment inside `start`–`end` is fine; the ranges written together must
  begin at `start` and end at `end` (so `9:00至17:00` with `end` 18:00 is reported, a
  sub-period beside the whole period is not). The reading rules are in
  `domain/written_times.py`.
* **Statement totals** (FINANCE-TOTALS): exact decimal arithmetic; a 结余 is judged against
  the *stated* 收入合计 and 支出合计 (so a wrong income total also shows in the balance), with
  an opening balance line (上期结余 …) added when one is given.
* **GBK files** are rejected with re-save instructions rather than decoded: the file lives in
  git, where a GBK file shows as garbage in every diff and web view, so the fix belongs in the
  file. GBK bytes that happen to be valid UTF-8 (`停水通知` → `ͣˮ֪ͨ`) are caught too: a UTF-8
  reading with nothing beyond U+07FF, mostly letters of U+0100–U+07FF, whose GB18030 reading
  is Chinese.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _example(r: Rule) -> str:
    table = "FORMULAS" if r.kind == "formula" else "EXAMPLES"
    return f'`{table}["{r.id}"]`'


def _blocks(r: Rule) -> str:
    """The "stops publication" cell: ``yes`` / ``no``, and the findings that differ."""
    if r.kind == "formula":
        return "—"
    word = "yes" if r.blocks else "no"
    if r.blocks_when:
        return f"{word}; {'no' if r.blocks else 'yes'} when: {r.blocks_when}"
    return word


def _declared_in(r: Rule) -> str:
    return "`" + r.module.removeprefix("hcomm_gen.").replace(".", "/") + ".py`"


def render() -> str:
    """The text of docs/rules.md for the current registry (``str``, ends with a newline)."""
    rules = catalogue()
    parts = [INTRO]
    for area in AREAS:
        title, para = SECTIONS[area]
        parts.append(f"## {title}\n")
        if para:
            parts.append(para + "\n")
        rows = ["| rule | clause | what is checked | stops publication | declared in | passes / fails |",
                "|---|---|---|---|---|---|"]
        for r in rules:
            if r.area == area:
                what = ("formula: " if r.kind == "formula" else "") + r.doc
                rows.append(f"| `{r.id}` | {r.clause} | {_cell(what)} | {_cell(_blocks(r))} | "
                            f"{_declared_in(r)} | {_example(r)} |")
        parts.append("\n".join(rows) + "\n")
    parts.append(INTERPRETATIONS)
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Write docs/rules.md (or, with ``--check``, return 1 if it is not up to date)."""
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{DOC_PATH} is out of date; run: {REGENERATE}", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
