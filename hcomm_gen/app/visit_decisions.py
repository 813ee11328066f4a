"""``hcomm visits decisions --month M --xlsx FILE | --import FILE``: the director decides on the
month's opinions in a spreadsheet, and the decisions go into the month's 访问业户总结 record
(VISIT-ESCALATE, P5.4.2; issue 13).

The sheet (:func:`write_decisions_sheet`, internal: it names households) has one row per
opinion of the month's visits, in the order of the summary PDF: 访问编号, 意见序号, 访问日期,
业户 (as the PDF shows it), 分类, 意见和建议, 决定 (a drop-down of
:data:`~hcomm_gen.domain.terms.DECISIONS`, filled with the decision already recorded), 说明
(the note; 上报 is to be noted, "注明").

Import (:func:`read_decisions`, :func:`import_decisions`): the sheet is read by
:func:`hcomm_gen.records.spreadsheet.read_rows` (``.xlsx``, ``.xls``, ``.ods``, ``.csv``); the
header is the first row, within the first :data:`TITLE_ROWS`, with 访问编号 and 决定. Every bad
cell (an unknown visit, an opinion number the visit does not have, a missing or unknown
decision, a repeated opinion) is reported by row and column, and then nothing is written.
Otherwise the summary file ``records/visit-summaries/YYYY/YYYY-MM.yaml`` is edited in place:
a decision already written and unchanged keeps its line as written (comments included),
a changed one is rewritten on its line(s), new ones are added after the last; every other line
of the file stays. A file that does not exist is created (``submitted:`` left to fill in).
The new text is read back before it replaces the file (in one step, a temporary file renamed).
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hcomm_gen.app.checking import check, resolve_now
from hcomm_gen.app.visits import load_visit_records
from hcomm_gen.core.errors import OutputError, RecordsError, UsageError
from hcomm_gen.core.problems import Problem
from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.terms import DECISIONS
from hcomm_gen.domain.visits import MonthSummary, month_quota, month_summary, quota_state
from hcomm_gen.records.loader import Records
from hcomm_gen.records.spreadsheet import CellProblem, SheetReadError, read_rows
from hcomm_gen.records.types import DECISION, did_you_mean
from hcomm_gen.records.yamlsrc import load_file, load_text

#: the sheet's columns: key → heading written (and the headings accepted on import)
COLUMNS: dict[str, tuple[str, ...]] = {
    "visit": ("访问编号", "visit"),
    "opinion": ("意见序号", "序号", "opinion"),
    "date": ("访问日期", "date"),
    "household": ("业户", "household"),
    "topic": ("分类", "topic"),
    "text": ("意见和建议", "意见", "opinion text"),
    "decision": ("决定", "主任决定", "decision"),
    "note": ("说明（上报须注明原因）", "说明", "备注", "note"),
}
#: title rows the edited sheet may have above its header (passed over)
TITLE_ROWS = 5
#: the name of the sheet written
SHEET_NAME = "主任决定"


def _head_key(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _summary_path(root: Path, records: Records, month: str) -> Path:
    """The month's summary file: the record's own, else ``records/visit-summaries/YYYY/YYYY-MM.yaml``."""
    s = next((s for s in records.visit_summaries if s.month == month), None)
    if s is not None and s.path and s.path != "<memory>":
        p = Path(s.path)
        if p.is_absolute():
            return p
        # record paths are as the messages print them: relative to the current folder
        # (``--root office`` gives ``office/records/…``), not to the office
        return p.absolute() if p.exists() else Path(root) / p
    return Path(root) / "records" / "visit-summaries" / month[:4] / f"{month}.yaml"


def _month_summary(root: Path, month: str, now: str | None) -> tuple[Records, MonthSummary, datetime]:
    records = load_visit_records(root)
    when = resolve_now(records, now)
    records = as_of(records, when)
    return records, month_summary(month, records.registry.households, records.visits,
                                  records.visit_summaries, records.tz), when


# --- export ------------------------------------------------------------------------------

def write_decisions_sheet(root: Path, month: str, target: Path, now: str | None = None) -> tuple[Path, int]:
    """Write the opinions of ``month`` (``"YYYY-MM"``) as of ``now`` to the ``.xlsx`` ``target``
    (one row per opinion, module doc), with a drop-down of the four decisions in 决定.

    :returns: (absolute path written, number of opinions).
    :raises RecordsError: the visit records cannot be read; :raises UsageError: ``target`` is
        not ``.xlsx``; :raises OutputError: it cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    target = Path(target).expanduser().absolute()
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"--xlsx 的文件名要以 .xlsx 结尾（现在是“{target.name}”）。",
                         f"--xlsx needs a file name ending in .xlsx (not '{target.name}').")
    records, s, _ = _month_summary(root, month, now)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append([heads[0] for heads in COLUMNS.values()])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for o in s.opinions:
        day = f"{o.visit.time.astimezone(records.tz):%Y-%m-%d}" if o.visit.time else ""
        ws.append([o.visit.id, o.number, day, o.household.address if o.household else (o.visit.household or ""),
                   o.topic or "", o.text, o.decision if o.decision in DECISIONS else "", o.note or ""])
    last = max(2, len(s.opinions) + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="决定",
                        error="请从下拉列表选：采纳、不采纳、上报、知悉",
                        promptTitle="主任决定", prompt="采纳 / 不采纳 / 上报（须在说明里注明原因）/ 知悉（无需处理）",
                        showInputMessage=True)
    dv.add(f"G2:G{last}")
    ws.add_data_validation(dv)
    for col, width in zip("ABCDEFGH", (16, 9, 12, 16, 12, 50, 10, 40), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=8):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        wb.save(target)
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}。请换一个文件夹或文件名。",
                          f"Cannot write {target}: {exc.strerror or exc}. Choose another folder or file name.") from None
    return target, len(s.opinions)


# --- import ------------------------------------------------------------------------------

@dataclass
class SheetDecision:
    """One decision read from the sheet, at spreadsheet row ``row``."""

    row: int
    visit: str
    opinion: int
    decision: str
    note: str


@dataclass
class DecisionsRead:
    """What :func:`read_decisions` read: ``decisions`` in sheet order and the bad cells."""

    decisions: list[SheetDecision] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


def _find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]] | None:
    names = {_head_key(h): key for key, heads in COLUMNS.items() for h in heads}
    for rno, row in rows[:TITLE_ROWS + 1]:
        cols: dict[str, int] = {}
        for i, cell in enumerate(row):
            key = names.get(_head_key(cell))
            if key is not None and key not in cols:
                cols[key] = i
        if "visit" in cols and "decision" in cols:
            return rno, cols
    return None


class _Reader:
    """Reads the rows of the edited sheet (:func:`read_decisions`): one method per column."""

    def __init__(self, s: MonthSummary, visits_by_id: dict, tz, cols: dict[str, int], heads: dict[str, str]):
        self.s, self.visits_by_id, self.tz, self.cols, self.heads = s, visits_by_id, tz, cols, heads
        self.opinions = {o.visit.id: len(o.visit.opinions) for o in s.opinions}
        self.res = DecisionsRead()
        self.first: dict[tuple[str, int], int] = {}

    def cell(self, row: list[str], key: str) -> str:
        i = self.cols.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    def bad(self, rno: int, key: str, value: str, zh: str, en: str) -> None:
        self.res.problems.append(CellProblem(rno, self.cols[key] + 1, value, zh, en, heading=self.heads.get(key, "")))

    def visit(self, rno: int, vid: str) -> bool:
        """The visit ID is one of the month's visits with opinions."""
        if not vid:
            self.bad(rno, "visit", vid, "没有访问编号。请填上这条意见的访问编号（如 V-2026-10-001），或删去这一行。",
                     "no visit ID. Write the visit's ID (e.g. V-2026-10-001) or delete the row.")
            return False
        if vid in self.opinions:
            return True
        month = self.s.month
        other = self.visits_by_id.get(vid)
        if other is not None and other.time is not None:
            zh_why = f"这次访问是 {other.time.astimezone(self.tz):%Y-%m} 的，不属于 {month}"
            en_why = f"that visit is of {other.time.astimezone(self.tz):%Y-%m}, not {month}"
        elif other is not None:
            zh_why, en_why = f"这次访问没有意见，不属于 {month} 的意见", f"that visit has no opinions of {month}"
        else:
            close = did_you_mean(vid, self.opinions)
            zh_why = f"{month} 没有这次访问" + (f"。是不是“{close}”？" if close else "")
            en_why = f"{month} has no such visit" + (f". Did you mean {close}?" if close else "")
        self.bad(rno, "visit", vid, f"访问编号“{vid}”不对：{zh_why}。请改正访问编号，或删去这一行。",
                 f"visit ID '{vid}' is wrong: {en_why}. Correct it or delete the row.")
        return False

    def number(self, rno: int, vid: str, raw: str) -> int | None:
        """The opinion's number within the visit (1 without the column, for a one-opinion visit)."""
        count = self.opinions.get(vid)
        if "opinion" not in self.cols:
            if count is not None and count > 1:
                self.bad(rno, "visit", vid, f"访问 {vid} 有 {count} 条意见，表格里没有“意见序号”列，分不清是哪一条。"
                         "请用导出的表格填写（保留“意见序号”列）。",
                         f"visit {vid} has {count} opinions and the sheet has no 意见序号 column. Use the exported sheet.")
                return None
            return 1
        if not re.fullmatch(r"\d+", raw):
            self.bad(rno, "opinion", raw, f"意见序号“{raw}”不是数字。请写这次访问的第几条意见（1、2 …）。",
                     f"opinion number '{raw}' is not a number. Write 1, 2 … (the opinion of the visit).")
            return None
        n = int(raw)
        if count is not None and not 1 <= n <= count:
            self.bad(rno, "opinion", raw, f"访问 {vid} 只有 {count} 条意见，没有第 {n} 条。请改正意见序号。",
                     f"visit {vid} has {count} opinion(s), not number {n}. Correct the number.")
            return None
        return n

    def decision(self, rno: int, raw: str) -> str | None:
        """The decision's value (any name of :data:`DECISION`), or ``None`` (reported)."""
        if not raw:
            self.bad(rno, "decision", raw, f"没有填写决定。请从下拉列表选：{'、'.join(DECISIONS)}。",
                     f"no decision. Choose one of {', '.join(DECISIONS)} from the drop-down.")
            return None
        choice = DECISION.find(raw)
        if choice is not None:
            return choice.value
        close = DECISION.closest(raw)
        hint_zh = f"是不是“{close.zh}”？" if close else ""
        hint_en = f" Did you mean {close.zh} ({close.en})?" if close else ""
        self.bad(rno, "decision", raw,
                 f"“{raw}”不是可选的决定。{hint_zh}请从下拉列表选：采纳、不采纳、上报（超出管理处权限，"
                 "提交公司客户投诉中心）或 知悉（无需处理，如表扬）。",
                 f"'{raw}' is not a decision.{hint_en} Choose 采纳 (adopted), 不采纳 (not adopted), "
                 "上报 (escalated) or 知悉 (noted).")
        return None

    def row(self, rno: int, row: list[str]) -> None:
        """One data row: its decision, or its bad cells (every one of them)."""
        vid = self.cell(row, "visit")
        visit_ok = self.visit(rno, vid)
        n = self.number(rno, vid, self.cell(row, "opinion"))
        value = self.decision(rno, self.cell(row, "decision"))
        if not visit_ok or n is None or value is None:
            return
        if (vid, n) in self.first:
            self.bad(rno, "visit", vid, f"访问 {vid} 第 {n} 条意见在第 {self.first[(vid, n)]} 行已有决定。请删去重复的一行。",
                     f"opinion {n} of visit {vid} is decided on row {self.first[(vid, n)]} already. Delete the repeat.")
            return
        self.first[(vid, n)] = rno
        self.res.decisions.append(SheetDecision(rno, vid, n, value, self.cell(row, "note")))


def read_decisions(file: Path, s: MonthSummary, visits_by_id: dict, tz, sheet: str | None = None) -> DecisionsRead:
    """Read the edited sheet ``file`` against the month's summary figures ``s`` (its opinions)
    and every visit by ID (``visits_by_id``, to say "this visit is of another month"); ``tz``
    the community's time zone. Completely empty rows are passed over.

    :raises SheetReadError: the file cannot be read, or has no header with 访问编号 and 决定.
    """
    rows = read_rows(Path(file), sheet)
    found = _find_header(rows)
    if found is None:
        raise SheetReadError(f"{Path(file).name} 里找不到表头：第一行应有“访问编号”和“决定”两列"
                             f"（用 hcomm visits decisions --month {s.month} --xlsx 导出的表格）。",
                             f"{Path(file).name} has no header row with 访问编号 and 决定 "
                             f"(export it with 'hcomm visits decisions --month {s.month} --xlsx').")
    head_row, cols = found
    header = rows[head_row - 1][1]
    reader = _Reader(s, visits_by_id, tz, cols, {key: header[i] for key, i in cols.items()})
    for rno, row in rows:
        if rno > head_row and any(c.strip() for c in row):
            reader.row(rno, row)
    return reader.res


def _flow_scalar(text: str) -> str:
    """``text`` as a scalar inside a flow mapping ``{…}``: plain when safe, else double-quoted."""
    if text and not re.search(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|[,\[\]{}]|: |\s#|[\n\r\t]|:$|\s$""", text) \
            and text.lower() not in ("null", "~", "true", "false"):
        return text
    return json.dumps(text, ensure_ascii=False)


def decision_line(d: SheetDecision) -> str:
    """``{visit: V-1, opinion: 1, decision: 上报, note: …}`` (as the example summaries write it)."""
    parts = [f"visit: {_flow_scalar(d.visit)}", f"opinion: {d.opinion}", f"decision: {d.decision}"]
    if d.note:
        parts.append(f"note: {_flow_scalar(d.note)}")
    return "{" + ", ".join(parts) + "}"


def _is_filler(line: str) -> bool:
    s = line.strip()
    return not s or s.startswith("#")


def edited_summary_text(text: str, root_node, new: list[SheetDecision], month: str,
                        header: list[str]) -> str:
    """The summary file's ``text`` (parsed as ``root_node``, a YAML mapping node or ``None``)
    with the decisions ``new`` written in (module doc); ``header``: the lines of a file that
    does not exist yet (``text`` empty)."""
    if not text.strip():
        body = header + ["decisions:"] + [f"  - {decision_line(d)}" for d in new]
        return "\n".join(body) + "\n"
    lines = text.splitlines()
    wanted = {(d.visit, d.opinion): d for d in new}
    key_node = val_node = None
    for k, v in getattr(root_node, "value", []) or []:
        if getattr(k, "value", None) == "decisions":
            key_node, val_node = k, v
            break
    items = list(getattr(val_node, "value", []) or []) if val_node is not None else []
    block = bool(items) and all(lines[it.start_mark.line][:it.start_mark.column].strip() == "-" for it in items)
    if not block:  # no decisions yet, an empty or a flow list: the key's lines become a block
        kept = []
        for it in items:
            data = {getattr(a, "value", None): getattr(b, "value", None) for a, b in getattr(it, "value", [])}
            try:
                ref = (str(data.get("visit")), int(str(data.get("opinion") or 1)))
            except ValueError:
                ref = None
            if ref not in wanted:  # an item the sheet does not name stays, as written
                kept.append("  - " + text[it.start_mark.index:it.end_mark.index])
        block_lines = ["decisions:", *kept, *(f"  - {decision_line(d)}" for d in new)]
        if key_node is None:
            return text + ("" if text.endswith("\n") else "\n") + "\n".join(block_lines) + "\n"
        start, end = key_node.start_mark.line, _last_line(lines, val_node)
        return "\n".join(lines[:start] + block_lines + lines[end + 1:]) + "\n"
    out_lines = list(lines)
    done: set[tuple[str, int]] = set()
    spans = []
    for i, it in enumerate(items):
        start = it.start_mark.line
        end = items[i + 1].start_mark.line - 1 if i + 1 < len(items) else _last_line(lines, it)
        while end > start and _is_filler(lines[end]):
            end -= 1
        spans.append((start, end, it))
    for start, end, it in reversed(spans):
        data = _item_data(it)
        try:
            ref = (str(data.get("visit")), int(str(data.get("opinion") or 1)))
        except ValueError:
            continue
        d = wanted.get(ref)
        if d is None:
            continue
        done.add(ref)
        if (data.get("decision"), data.get("note") or "") == (d.decision, d.note):
            continue  # unchanged: the line stays as written
        prefix = lines[start][:it.start_mark.column]
        out_lines[start:end + 1] = [prefix + decision_line(d)]
    last_start, last_end, last_item = spans[-1]
    prefix = lines[last_start][:last_item.start_mark.column]
    added = [prefix + decision_line(d) for d in new if (d.visit, d.opinion) not in done]
    shift = len(out_lines) - len(lines)  # lines removed before the end of the last item
    at = last_end + 1 + shift
    out_lines[at:at] = added
    return "\n".join(out_lines) + "\n"


def _item_data(node) -> dict:
    """A decision item's scalars (``{"visit": "V-1", "opinion": "1", …}``)."""
    return {getattr(a, "value", None): getattr(b, "value", None) for a, b in getattr(node, "value", []) or []
            if isinstance(getattr(b, "value", None), str)}


def _last_line(lines: list[str], node) -> int:
    """The 0-based last line holding ``node`` (a block node's end mark may lie on the next key)."""
    end = node.end_mark.line if node.end_mark.column > 0 else node.end_mark.line - 1
    end = min(max(end, node.start_mark.line), len(lines) - 1)
    while end > node.start_mark.line and _is_filler(lines[end]):
        end -= 1
    return end


@dataclass
class ImportResult:
    """What :func:`import_decisions` did: ``read`` (the sheet), ``path`` written (``None`` when a
    cell was bad: nothing written), ``created`` (a new file), ``changed`` (decisions added or
    altered), the month's ``problems`` after writing (checks of the summary file and the
    month's quota) and the moment ``now`` checked as of."""

    read: DecisionsRead
    path: Path | None = None
    created: bool = False
    changed: int = 0
    problems: list[Problem] = field(default_factory=list)
    now: datetime | None = None


def import_decisions(root: Path, month: str, file: Path, now: str | None = None,
                     sheet: str | None = None) -> ImportResult:
    """Read the edited sheet ``file`` and write its decisions into the summary of ``month``,
    then check the office as of ``now`` (module doc). Nothing is written while a cell is bad
    (``result.read.problems``).

    :raises RecordsError: visit records or the summary file cannot be read; :raises
        SheetReadError: the sheet cannot be read; :raises OutputError: the file cannot be
        written; :raises UsageError: ``now`` is not a date-time.
    """
    records, s, when = _month_summary(root, month, now)
    if not s.opinions:
        raise UsageError(f"{month} 的访问没有意见，没有要决定的。", f"The visits of {month} have no opinions to decide.")
    res = ImportResult(read_decisions(file, s, {v.id: v for v in records.visits}, records.tz, sheet), now=when)
    if res.read.problems:
        return res
    path = _summary_path(root, records, month)
    existing = {(o.visit.id, o.number): (o.decision, o.note or "") for o in s.opinions if o.decision}
    res.changed = sum(existing.get((d.visit, d.opinion)) != (d.decision, d.note) for d in res.read.decisions)
    root_node, text = None, ""
    if path.exists():
        src, probs = load_file(path, str(path))
        if src is None:
            raise RecordsError(f"{path} 读不出来，请先用 hcomm check 改正，再导入。",
                               f"{path} cannot be read: fix it (hcomm check), then import.", probs)
        root_node, text = src.root, path.read_text(encoding="utf-8-sig")
    res.created = not text.strip()
    header = _new_header(records, month, file.name, when)
    new_text = edited_summary_text(text, root_node, res.read.decisions, month, header)
    _read_back(new_text, path, res.read.decisions)
    if new_text != text:
        _replace(path, new_text)
    res.path = path
    result = check(root, when)
    mine = path.resolve()
    res.problems = [p for p in result.problems
                    if _same(p.pos.path, root, mine) or (p.rule == "VISIT-QUOTA" and month in p.zh)]
    return res


def _same(shown: str, root: Path, mine: Path) -> bool:
    p = Path(shown)
    p = p if p.is_absolute() else Path(root) / p
    try:
        return p.resolve() == mine
    except OSError:
        return False


def _new_header(records: Records, month: str, source: str, now: datetime) -> list[str]:
    """The first lines of a summary file the import creates."""
    q = month_quota(month, records.registry.households, records.visits, records.tz)
    supervisor = next((st.name for st in records.community.staff if st.role == "客户服务主管"), "")
    lines = [f"# 访问业户总结 {month}（内部记录，不公开）：主任的决定由 hcomm visits decisions --import 从 {source} 写入。",
             f"month: {month}",
             "# 请填写：提交管理处主任的日期（每月 5 日前提交上月总结），如 submitted: 2026-12-03"]
    if supervisor:
        lines.append(f"supervisor: {supervisor}")
    if quota_state(q, now, records.tz) == "missed":
        lines += [f"# 请填写：本月访问未达标（访问 {q.visited} 户，应至少 {q.required} 户），写明原因和改进措施",
                  "explanation:"]
    return lines


def _read_back(text: str, path: Path, wanted: list[SheetDecision]) -> None:
    """Parse the new ``text`` and compare its decisions with ``wanted``.

    :raises OutputError: they differ (a bug: nothing is written)."""
    src, _ = load_text(text, str(path))
    data = getattr(src, "data", None)
    got = {}
    for d in (data or {}).get("decisions") or [] if isinstance(data, dict) else []:
        if isinstance(d, dict):
            got[(str(d.get("visit")), int(str(d.get("opinion") or 1)))] = (d.get("decision"), d.get("note") or "")
    if any(got.get((d.visit, d.opinion)) != (d.decision, d.note) for d in wanted):
        raise OutputError(f"写入 {path} 的内容读回来不一致，未写入。请把表格和该文件发给维护人员。",
                          f"The text for {path} did not read back as written; nothing was written.")


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step (a temporary file in the same folder, renamed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".summary-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{exc.strerror or exc}。", f"Cannot write {path}: {exc.strerror or exc}.") from None


__all__ = ["COLUMNS", "DecisionsRead", "ImportResult", "SheetDecision", "decision_line", "edited_summary_text",
           "import_decisions", "read_decisions", "write_decisions_sheet"]
