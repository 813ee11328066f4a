"""Turn a spreadsheet of returned questionnaires into the compact ``answers.yaml`` record
(``hcomm survey import``, issue 4).

Layout of the spreadsheet (``.xlsx``, ``.xls``, ``.ods`` — first sheet unless named — or
``.csv``, UTF-8 or GBK; read by :func:`hcomm_gen.records.spreadsheet.read_rows`):

* the first non-empty row is the header; every other non-empty row is one questionnaire;
* item columns are headed by the item's number: ``1``, ``第1题``, ``第1项``, ``Q1``, ``题1``
  (or by the item's exact text from ``round.yaml``);
* optional columns: ``建议`` (a written suggestion) and ``建议分类`` / ``分类`` (its P3 topic);
  ``编号`` / ``序号`` / ``问卷编号`` are ignored;
* a cell holds one answer: ``满意`` / ``基本满意`` / ``不满意`` (or ``满`` / ``基`` / ``不``);
  empty, ``空``, ``未选`` or a dash is blank. Spaces (also the full-width ``\u3000``) around
  the words and a trailing separator are dropped: ``满意 ``, ``基本满意、`` read as one tick.
  Several ticks as ``满意、不满意``, ``满意,基本满意``, ``满意 基本满意``, ``满/不`` or ``(满不)``
  (in a CSV a cell with a comma must be quoted, else it is two cells). Ticks are kept as
  ticked: two or more ticks, like a blank, are an abstention computed later (SURVEY-ABSTAIN).
  ``满基`` without brackets is ambiguous and refused;
* row length: in a ``.csv`` every row must have a cell for every item (an empty cell between
  commas is a blank; a row that ends before the last item column is an error, "short row").
  In a workbook (``.xlsx``, ``.xls``, ``.ods``) missing trailing cells cannot be told from
  empty ones, so they are blanks.
  In both, a non-empty cell in a column that is not an item, suggestion, topic or ignored
  column (no header, or beyond the header) is an error, and so is, in a ``.csv``, any cell
  beyond the header ("long row");
* a row whose cells are all empty is skipped (the CLI lists those between the header and the
  last questionnaire); write ``空`` in a returned questionnaire that is entirely blank;
* a row with only its number (in a ``序号`` / ``编号`` column: a template numbered 1–617 in
  advance) and no answer, suggestion or other cell is not a returned questionnaire: skipped
  and counted (``unanswered_rows``), so the return rate counts only the rows answered.

Every bad cell is reported with its row number and column letter as the spreadsheet shows
them; nothing is written while any cell is bad.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hcomm_gen.core.errors import UsageError
from hcomm_gen.domain.survey import BASIC, CHOICES, DISSATISFIED, SATISFIED, Ticks, format_answer
from hcomm_gen.records.loader import load_records
from hcomm_gen.records.models import SurveyRound
from hcomm_gen.records.spreadsheet import CellProblem, SheetReadError, column_letter, read_rows

__all__ = ["CellProblem", "ImportResult", "SheetReadError", "cell_ticks", "column_letter", "import_answers",
           "read_rows", "read_spreadsheet"]

WORDS = {"满意": SATISFIED, "基本满意": BASIC, "不满意": DISSATISFIED,
         SATISFIED: SATISFIED, BASIC: BASIC, DISSATISFIED: DISSATISFIED}
BLANK_WORDS = {"", "空", "未选", "-", "—", "－"}
_SEP = re.compile(r"[,，、/／;；|｜\s\u200b\ufeff]+")
_ITEM_HEAD = re.compile(r"^(?:第\s*)?(?:Q|q|题|项目|题目)?\s*(\d{1,3})\s*(?:题|项)?$")
SUGGESTION_HEADS = {"建议", "意见", "意见和建议", "意见建议", "书面建议", "建议内容"}
TOPIC_HEADS = {"建议分类", "分类", "建议类别", "类别", "主题", "沟通内容"}
IGNORED_HEADS = {"编号", "序号", "问卷编号", "份号", "No", "no", "NO"}


@dataclass
class ImportResult:
    """What :func:`import_answers` read: ``answers`` (one compact line per questionnaire),
    ``suggestions`` (``{"topic", "text"}`` dicts), ``problems`` (bad cells), the number of
    ``items``, questionnaire rows read (``rows``), the empty rows skipped between the header
    and the last questionnaire (``skipped``, their row numbers in ``skipped_rows``), and the
    rows with only a number (序号) and no answer, skipped as not returned
    (``unanswered_rows``)."""

    answers: list[str] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    items: int = 0
    rows: int = 0
    skipped: int = 0
    skipped_rows: list[int] = field(default_factory=list)
    unanswered_rows: list[int] = field(default_factory=list)


_TRIM = " \t\r\n\u3000\u00a0\u200b\ufeff"   # spaces incl. full-width / no-break / zero-width


def cell_ticks(value: str) -> Ticks:
    """One cell → the boxes ticked, in 满 基 不 order (see the module doc for the accepted
    spellings): ``"满意 "`` → ``("满",)``, ``"基本满意、"`` → ``("基",)``, ``"满意,基本满意"``
    → ``("满", "基")`` (two ticks: an abstention, SURVEY-ABSTAIN), ``""`` → ``()``.

    :raises ValueError: with ``(zh, en)`` as its args when the cell cannot be read.
    """
    t = value.strip(_TRIM)
    if t in BLANK_WORDS:
        return ()
    bracket = len(t) >= 2 and t[0] in "(（[【" and t[-1] in ")）]】"
    if bracket:
        t = t[1:-1].strip(_TRIM)
        if t in BLANK_WORDS:
            return ()
    ticks: list[str] = []
    for tok in (x for x in _SEP.split(t) if x):
        if tok in WORDS:
            ticks.append(WORDS[tok])
        elif bracket and all(c in CHOICES for c in tok):
            ticks.extend(tok)
        elif all(c in CHOICES for c in tok):
            raise ValueError(f"“{value}”写法不明确：一项请写“满意”“基本满意”“不满意”（或“满”“基”“不”），"
                             f"多选请写成 ({tok}) 或用顿号隔开，如“满意、不满意”。",
                             f"'{value}' is ambiguous: write one of 满意 / 基本满意 / 不满意, or several "
                             f"ticks as ({tok}) or separated, e.g. 满意、不满意.")
        else:
            raise ValueError(f"“{value}”不是答案。请写“满意”“基本满意”“不满意”或留空（未选），"
                             "多选写成“满意、不满意”。",
                             f"'{value}' is not an answer: write 满意, 基本满意, 不满意 or leave it empty; "
                             "several ticks as 满意、不满意.")
    if len(set(ticks)) != len(ticks):
        raise ValueError(f"“{value}”里同一项勾了两次。", f"'{value}' ticks the same box twice.")
    got = set(ticks)
    return tuple(c for c in CHOICES if c in got)


def _item_no(head: str, item_texts: Sequence[str]) -> int | None:
    m = _ITEM_HEAD.match(head)
    if m:
        return int(m.group(1))
    if head in item_texts:
        return list(item_texts).index(head) + 1
    return None


def import_answers(path: Path, n_items: int | None = None, item_texts: Sequence[str] = (),
                   sheet: str | None = None) -> ImportResult:
    """Read the questionnaires of ``path`` (see the module doc).

    :param n_items: number of items of the round (from ``round.yaml``); ``None``: as many as
        the header has, which must then be numbered 1…n without gaps.
    :param item_texts: the items' texts, so a column may be headed by its item's text.
    :returns: :class:`ImportResult`; its ``problems`` list every bad cell, short row (``.csv``
        only) and long row (never raises for a bad cell). A row with a problem gives no answer
        line.
    :raises SheetReadError: the file cannot be read or has no header row.
    """
    rows = read_rows(Path(path), sheet)
    is_csv = Path(path).suffix.lower() == ".csv"
    res = ImportResult()
    body = [(i, r) for i, r in rows if any(c for c in r)]
    if not body:
        raise SheetReadError("表格是空的：第一行应是表头（1、2、3……题号），下面每行一份问卷。",
                           "The spreadsheet is empty: a header row (item numbers) and one row per questionnaire.")
    head_row, header = body[0]
    cols = _read_header(head_row, header, item_texts, res)
    missing = _check_items(cols, head_row, header, n_items, res)
    data = []
    for rno, row in body[1:]:
        if _numbered_only(row, cols):
            res.unanswered_rows.append(rno)
        else:
            data.append((rno, row))
    last_data = data[-1][0] if data else head_row
    res.skipped_rows = [i for i, r in rows if i > head_row and i < last_data and not any(r)]
    res.skipped = len(res.skipped_rows)
    for rno, row in data:
        res.rows += 1
        _read_row(rno, row, cols, header, is_csv, not missing, res)
    return res


def _numbered_only(row: list[str], cols: _Columns) -> bool:
    """Whether ``row`` has text only in ignored columns (序号, 编号…): a numbered line of a
    template with no answer, no suggestion and no stray cell — not a returned questionnaire."""
    return all(not c for ci, c in enumerate(row) if ci not in cols.ignored)


@dataclass
class _Columns:
    """What the header row says: item number by column (0-based), the suggestion and topic
    columns, columns to ignore; after :func:`_check_items`, the item columns in item order."""

    items: dict[int, int] = field(default_factory=dict)
    suggestion: int | None = None
    topic: int | None = None
    ignored: set[int] = field(default_factory=set)
    order: list[tuple[int, int]] = field(default_factory=list)   # (item no, column)

    def known(self) -> set[int]:
        """Every column the header names (items, ignored, suggestion, topic)."""
        return set(self.items) | self.ignored | {c for c in (self.suggestion, self.topic) if c is not None}


def _read_header(head_row: int, header: list[str], item_texts: Sequence[str], res: ImportResult) -> _Columns:
    """The columns of the header row; a repeated item or an unknown heading is a problem."""
    cols = _Columns()
    for ci, head in enumerate(header):
        if not head:
            continue
        if head in IGNORED_HEADS:
            cols.ignored.add(ci)
            continue
        no = _item_no(head, item_texts)
        if no is not None:
            if no in cols.items.values():
                res.problems.append(CellProblem(head_row, ci + 1, head, f"第 {no} 题的列出现了两次。",
                                                f"Item {no} has two columns."))
            cols.items[ci] = no
        elif head in SUGGESTION_HEADS:
            cols.suggestion = ci
        elif head in TOPIC_HEADS:
            cols.topic = ci
        else:
            res.problems.append(CellProblem(
                head_row, ci + 1, head,
                f"表头“{head}”不认识。题目列的表头写题号（1、2、3 或 第1题），建议列写“建议”，其分类写“建议分类”。",
                f"Unknown header '{head}'. Head item columns by number (1, 2, 3), the suggestion column "
                "'建议' and its topic '建议分类'."))
    return cols


def _check_items(cols: _Columns, head_row: int, header: list[str], n_items: int | None,
                 res: ImportResult) -> list[int]:
    """Items missing from the header or beyond the round's ``n_items`` are problems; sets
    ``res.items`` and ``cols.order``. Returns the missing item numbers.

    :raises SheetReadError: the header has no item column at all.
    """
    nos = sorted(cols.items.values())
    n = n_items if n_items is not None else (max(nos) if nos else 0)
    missing = [k for k in range(1, n + 1) if k not in nos]
    extra = [k for k in nos if k > n]
    if not nos:
        raise SheetReadError(f"第 {head_row} 行（表头）里没有题号列。题目列的表头请写 1、2、3……（或 第1题）。",
                           f"Row {head_row} (the header) has no item columns; head them 1, 2, 3, ….")
    if missing:
        res.problems.append(CellProblem(head_row, 0, "", f"表头缺少第 {'、'.join(map(str, missing))} 题的列"
                                        f"（问卷共 {n} 题）。", f"The header lacks item(s) {missing} (of {n})."))
    for ci, no in cols.items.items():
        if no in extra:
            res.problems.append(CellProblem(head_row, ci + 1, header[ci],
                                            f"问卷只有 {n} 题，没有第 {no} 题。", f"There is no item {no} (of {n})."))
    res.items = n
    cols.order = sorted(((no, ci) for ci, no in cols.items.items() if no <= n))
    return missing


def _read_row(rno: int, row: list[str], cols: _Columns, header: list[str], is_csv: bool,
              complete_header: bool, res: ImportResult) -> None:
    """One questionnaire row: its answer line (when every cell reads and the header has every
    item), its suggestion, or its problems."""
    ok = _row_shape_ok(rno, row, cols, header, is_csv, res)
    ticks: list[Ticks] = []
    for no, ci in cols.order:
        value = row[ci] if ci < len(row) else ""
        try:
            ticks.append(cell_ticks(value))
        except ValueError as exc:
            zh, en = exc.args
            res.problems.append(CellProblem(rno, ci + 1, value, zh, en, no))
            ok = False
    if ok and complete_header:
        res.answers.append(format_answer(ticks))
    sugg_col, topic_col = cols.suggestion, cols.topic
    text = row[sugg_col] if sugg_col is not None and sugg_col < len(row) else ""
    if text:
        topic = row[topic_col] if topic_col is not None and topic_col < len(row) else ""
        res.suggestions.append({"topic": topic or None, "text": text})


def _row_shape_ok(rno: int, row: list[str], cols: _Columns, header: list[str], is_csv: bool,
                  res: ImportResult) -> bool:
    """A CSV row with too few cells, or any row with cells outside the header's columns, is a
    whole-row problem (``False``)."""
    ok = True
    order = cols.order
    if is_csv:
        present = sum(1 for _, ci in order if ci < len(row))
        if present < len(order):
            ok = False
            wanted = _item_range([no for no, _ in order])
            res.problems.append(CellProblem(
                rno, 0, ",".join(row),
                f"只有 {present} 个答案，应有 {len(order)} 个（{wanted[0]}）"
                "——缺的请留空格但保留逗号/单元格（如“满意,,不满意”：第 2 题未选）。",
                f"has only {present} answers, expected {len(order)} ({wanted[1]}) — leave a "
                "missing answer empty but keep its comma/cell (满意,,不满意: item 2 blank).",
                whole_row=True))
    known = cols.known()
    extra = [ci for ci in range(len(row)) if ci not in known
             and (row[ci] or (is_csv and ci >= len(header)))]
    if extra:
        ok = False
        letters = "、".join(column_letter(ci + 1) for ci in extra)
        letters_en = ", ".join(column_letter(ci + 1) for ci in extra)
        found = "、".join(f"“{row[ci]}”" for ci in extra if row[ci])
        res.problems.append(CellProblem(
            rno, 0, "|".join(row[ci] for ci in extra),
            f"多出 {len(extra)} 列（{letters} 列{'' if found else '，都是空的：行末多了逗号'}）"
            + (f"：{found}" if found else "")
            + f"。问卷共 {len(order)} 题，这些列在表头里不是题号，也不是“建议”“建议分类”列；"
            "请删去，或检查这一行的答案是否错了位"
            + ("（CSV 里一格写两个勾请用顿号“满意、不满意”或给整格加引号）。" if is_csv else "。"),
            f"has {len(extra)} extra column(s) ({letters_en}{'' if found else ', all empty: a trailing comma'})"
            + (f": {', '.join(row[ci] for ci in extra if row[ci])}" if found else "")
            + f". The questionnaire has {len(order)} items; these columns are headed by no item "
            "number, nor 建议/建议分类. Delete them, or check whether this row's answers are shifted"
            + (" (in a CSV write two ticks as 满意、不满意 or quote the cell)." if is_csv else "."),
            whole_row=True))
    return ok


def _item_range(nos: Sequence[int]) -> tuple[str, str]:
    """``[1, …, 12]`` → ``("第 1–12 题", "items 1–12")``; gaps listed: ``("第 1、3 题", …)``."""
    if not nos:
        return "没有题目", "no items"
    if len(nos) == 1:
        return f"第 {nos[0]} 题", f"item {nos[0]}"
    if list(nos) == list(range(nos[0], nos[-1] + 1)):
        return f"第 {nos[0]}–{nos[-1]} 题", f"items {nos[0]}–{nos[-1]}"
    return f"第 {'、'.join(map(str, nos))} 题", "items " + ", ".join(map(str, nos))


_PLAIN_UNSAFE = re.compile(r"[:#,\[\]{}\"'&*!|>%@`?\\\-\n\r\t]")


def _flow(text: str) -> str:
    """``text`` as a scalar inside a YAML flow mapping: plain when that reads back the same
    (most Chinese text), else double-quoted."""
    if (not text or text != text.strip() or _PLAIN_UNSAFE.search(text)
            or text.lower() in ("null", "~", "true", "false", "yes", "no")):
        return json.dumps(text, ensure_ascii=False)
    return text


def answers_yaml(result: ImportResult, source: str, keep_suggestions: Sequence[dict] = ()) -> str:
    """The compact ``answers.yaml`` text of ``result`` (docs/records.md): a comment saying
    where it came from, one line per questionnaire, then the suggestions (``keep_suggestions``
    when the spreadsheet had none)."""
    lines = [f"# 回收问卷 {len(result.answers)} 份，由 hcomm survey import 从 {source} 导入。",
             "# 每行一份，按题目顺序每题一个字符：满 满意，基 基本满意，不 不满意，空 未选；",
             "# 多选写在括号里，如 (满基)。",
             "answers:"]
    lines += [f"  - {a}" for a in result.answers]
    sugg = result.suggestions or list(keep_suggestions)
    if sugg:
        lines.append("suggestions:")
        for s in sugg:
            text = _flow(s["text"])
            if s.get("topic"):
                lines.append(f"  - {{topic: {_flow(s['topic'])}, text: {text}}}")
            else:
                lines.append(f"  - {{text: {text}}}")
    return "\n".join(lines) + "\n"


# --- the use case: which round, the import, the file written ---------------------------------

#: a round named in a file name: 2026-06, 2026_06, 2026.06, 2026年06
_ROUND_IN_NAME = re.compile(r"(20\d\d)[-_.年]?(0[1-9]|1[0-2])")


def guess_round(file: Path, root: Path) -> str | None:
    """The round a spreadsheet belongs to: ``YYYY-MM`` in its file name, else the only round
    of the office ``root`` without answers yet, else ``None``."""
    m = _ROUND_IN_NAME.search(file.stem)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    waiting = [p.parent.name for p in sorted((root / "records" / "surveys").glob("*/round.yaml"))
               if not (p.parent / "answers.yaml").exists()]
    return waiting[0] if len(waiting) == 1 else None


@dataclass
class ImportTarget:
    """Where a spreadsheet's answers go.

    :ivar round: ``"YYYY-MM"``.
    :ivar folder: ``records/surveys/ROUND`` of the office.
    :ivar target: the file written (``-``: standard output).
    :ivar record: the round's ``round.yaml`` record, ``None`` when there is none yet (the
        number of items is then the header's).
    """

    round: str
    folder: Path
    target: Path
    record: SurveyRound | None

    def refuse_overwrite(self, force: bool) -> None:
        """:raises UsageError: the target exists and ``force`` is not given."""
        if str(self.target) != "-" and self.target.exists() and not force:
            raise UsageError(f"{self.target} 已经存在。要用表格内容替换它，请加 --force。",
                             f"{self.target} exists. Add --force to replace it.")

    @property
    def n_items(self) -> int | None:
        """The round's number of items, ``None`` when unknown."""
        return len(self.record.items) if self.record is not None and self.record.items else None

    @property
    def item_texts(self) -> list[str]:
        """The items' texts (a column may be headed by its item's text)."""
        return [it.text for it in self.record.items] if self.record is not None else []


def import_target(root: Path, file: Path, round_: str | None, out: Path | None) -> ImportTarget:
    """Where ``file``'s answers go: ``round_`` (else :func:`guess_round`), into ``out`` (else
    the round's ``answers.yaml``).

    :raises UsageError: no round can be told.
    """
    round_ = round_ or guess_round(file, root)
    if not round_ or not re.fullmatch(r"\d{4}-\d{2}", round_):
        raise UsageError("请用 --round 2026-06 指明是哪一轮问卷调查。", "Name the round with --round 2026-06.")
    folder = root / "records" / "surveys" / round_
    target = out or folder / "answers.yaml"
    records = load_records(root)
    record = next((r for r in records.surveys if str(r.round) == round_), None)
    return ImportTarget(round_, folder, target, record)


@dataclass
class ImportOutcome:
    """A read spreadsheet: its :class:`ImportResult`, the ``answers.yaml`` text (empty while
    any cell is bad), the suggestions kept from the existing answers (when the sheet has no
    suggestion column), and the reading time in seconds."""

    result: ImportResult
    text: str = ""
    kept: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def read_spreadsheet(where: ImportTarget, file: Path, sheet: str | None = None) -> ImportOutcome:
    """Read ``file`` for the round of ``where``. Nothing is written; with bad cells the outcome
    has ``result.problems`` and no text.

    :raises SheetReadError: the file cannot be read at all.
    """
    t0 = time.perf_counter()
    res = import_answers(file, where.n_items, where.item_texts, sheet)
    outcome = ImportOutcome(res, seconds=time.perf_counter() - t0)
    if res.problems:
        return outcome
    rnd = where.record
    if not res.suggestions and rnd is not None and rnd.answers is not None and rnd.answers.suggestions:
        outcome.kept = [{"topic": sg.topic, "text": sg.text} for sg in rnd.answers.suggestions]
    outcome.text = answers_yaml(res, file.name, outcome.kept)
    return outcome


def write_answers(where: ImportTarget, outcome: ImportOutcome) -> None:
    """Write ``outcome.text`` to ``where.target`` (its folder made if needed); not for ``-``."""
    where.target.parent.mkdir(parents=True, exist_ok=True)
    where.target.write_text(outcome.text, encoding="utf-8")
