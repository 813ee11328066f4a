"""``hcomm households import FILE``: the household registry (``records/households.yaml``)
from the spreadsheet an office already keeps (issue 12).

Layout (``.xlsx``, ``.xls`` or ``.ods`` — first sheet unless named — or ``.csv`` in UTF-8 or
GBK, read by the one spreadsheet reader :func:`hcomm_gen.records.spreadsheet.read_rows`, as
the survey import reads): the header is the first non-empty row with a 房号 column (up to
:data:`TITLE_ROWS` title rows above it are passed over), every non-empty row below it one
household. Columns, by their heading (variants accepted, see
:data:`HEADS`): 楼栋, 单元, 房号 (required; without 楼栋 and 单元 columns a 房号 is written
whole: ``2-1-301``, ``2栋1单元301室``), 住家/企业, 入住日期, 迁出日期 (optional).

Cells:

* 楼栋: ``2``, ``2栋``, ``2幢``, ``2号楼`` → ``2栋`` (a ``幢`` is kept);
* 单元: ``1``, ``1单元``, ``一单元`` → ``1单元``;
* 房号: ``301``, ``0301``, ``301室``, ``1102`` → four digits or more (``0301``), as the
  household ID ``2-1-0301`` (building number - unit number - room) of the registry;
* 住家/企业: 住家 (also 住宅, 居民, 住户, 自住, 出租, empty) or 企业 (also 商铺, 商户, 公司,
  办公, 商业);
* dates: ``2019-05-01``, ``2019/5/1``, ``2019.5.1``, ``2019年5月1日``, ``20190501`` or a date
  cell; an empty 入住日期 is a vacant unit; 迁出日期 not before 入住日期.

Buildings and units: when ``households.yaml`` already lists buildings (``hcomm init`` writes
them) every row's building and unit must be among them; otherwise the list is made from the
sheet. Every bad cell is reported (file, sheet, row, column, found, expected, how to fix) and
nothing is written while any is bad; the file is replaced in one step (a temporary file
renamed).
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from hcomm_gen.app.office_init import yaml_scalar
from hcomm_gen.core.errors import RecordsError, UsageError
from hcomm_gen.records.spreadsheet import CellProblem, SheetReadError, column_letter, read_rows, sheet_title
from hcomm_gen.records.yamlsrc import load_file

#: column → accepted headings (compared without spaces, case-insensitively)
HEADS: dict[str, tuple[str, ...]] = {
    "building": ("楼栋", "楼号", "栋", "楼栋号", "楼", "幢", "栋号", "楼宇", "building"),
    "unit": ("单元", "单元号", "unit"),
    "room": ("房号", "房间号", "室", "门牌号", "房屋号", "户号", "room"),
    "type": ("住家/企业", "住家企业", "类型", "性质", "房屋类型", "用途", "住户类型", "户型类别", "type"),
    "occupied_since": ("入住日期", "入住时间", "入伙日期", "入住", "occupied_since"),
    "moved_out": ("迁出日期", "迁出时间", "搬离日期", "搬出日期", "迁出", "moved_out"),
}
#: title rows an office's sheet may have above its header (passed over)
TITLE_ROWS = 5
_HEAD_ZH = {"building": "楼栋", "unit": "单元", "room": "房号", "type": "住家/企业",
            "occupied_since": "入住日期", "moved_out": "迁出日期"}
RESIDENTIAL = {"", "住家", "住宅", "居民", "住户", "自住", "出租", "民用", "家庭"}
ENTERPRISE = {"企业", "商铺", "商户", "公司", "办公", "商业", "单位"}
#: a room written whole in one cell: ``2-1-301``, ``2栋1单元301室``, ``2号楼1单元301``
_WHOLE_ROOM = re.compile(r"(?P<b>\d+)(?P<bs>栋|幢|号楼|[-－—])(?P<u>\d+)(?:单元|[-－—])(?P<r>\d+[A-Za-z]?)(?:室|号)?")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass
class ImportedHousehold:
    """One row read: the registry's fields (texts; dates as ``date``) and its row number."""

    row: int
    id: str
    building: str
    unit: str
    room: str
    type: str
    occupied_since: date | None
    moved_out: date | None


@dataclass
class HouseholdsResult:
    """What :func:`read_households` read: the ``households``, the ``buildings`` (name → unit
    names) written, bad cells (``problems``) and the rows read."""

    households: list[ImportedHousehold] = field(default_factory=list)
    buildings: dict[str, list[str]] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)
    rows: int = 0


def _key(head: str) -> str | None:
    h = re.sub(r"\s+", "", head).lower()
    for key, names in HEADS.items():
        if h in (n.lower() for n in names):
            return key
    return None


def building_name(text: str) -> str | None:
    """``2`` / ``2栋`` / ``2号楼`` / ``2号`` → ``2栋``; ``2幢`` kept; ``None`` when not a building."""
    t = text.strip().replace(" ", "")
    if re.fullmatch(r"\d+(\.0)?", t):
        return f"{int(float(t))}栋"
    m = re.fullmatch(r"(\d+)(?:号楼|号|栋|楼)", t)
    if m:
        return f"{int(m.group(1))}栋"
    if re.fullmatch(r"\d+幢", t):
        return f"{int(t[:-1])}幢"
    if re.fullmatch(r"[A-Za-z0-9]+[栋幢]", t):
        return t
    return None


def unit_name(text: str) -> str | None:
    """``1`` / ``1单元`` / ``一单元`` → ``1单元``; ``None`` when not a unit."""
    t = text.strip().replace(" ", "")
    t = t[:-2] if t.endswith("单元") else t
    if re.fullmatch(r"\d+(\.0)?", t):
        return f"{int(float(t))}单元"
    if t in _CN_DIGITS:
        return f"{_CN_DIGITS[t]}单元"
    return None


def room_number(text: str) -> str | None:
    """``301`` / ``301室`` / ``0301`` → ``0301`` (at least four digits, as the registry's IDs
    ``2-1-0301``); ``1102`` kept; a room with a letter (``301A``) kept upper-cased; ``None``
    when not a room number."""
    t = text.strip().replace(" ", "")
    t = re.sub(r"(室|号|房)$", "", t)
    if re.fullmatch(r"\d+(\.0)?", t):
        return f"{int(float(t)):04d}"
    if re.fullmatch(r"\d+[A-Za-z]", t):
        return f"{int(t[:-1]):04d}{t[-1].upper()}"
    return None


def parse_day(text: str) -> date | None:
    """A date cell as the office writes it (see the module doc); ``None`` for an empty cell.

    :raises ValueError: not a date.
    """
    t = text.strip()
    if not t:
        return None
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0{1,2}:00(?::00)?)?", t)
    if m is None:
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)
    if m is not None:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))  # ValueError: 2月30日
    if re.fullmatch(r"\d{5}(\.0)?", t):  # an Excel day number left without a date format
        return date(1899, 12, 30) + timedelta(days=int(float(t)))
    raise ValueError(t)


def _building_no(name: str) -> str:
    """The building's part of a household ID: its digits (``12栋`` → ``12``), else its ASCII."""
    digits = re.sub(r"\D", "", name)
    return digits or re.sub(r"[^A-Za-z0-9]", "", name) or name


def _unit_no(name: str) -> str:
    return re.sub(r"\D", "", name) or name


def _problem(res: HouseholdsResult, row: int, col: int, value: str, zh: str, en: str) -> None:
    """A bad cell (``col`` 1-based); its message names the column's field itself (楼栋“4栋”…),
    so no ``heading`` is added."""
    res.problems.append(CellProblem(row, col, value, zh, en))


def _unread(res: HouseholdsResult, rno: int, col: int, raw: str, what: tuple[str, str], expected: tuple[str, str]
            ) -> None:
    """A cell not understood (or empty): ``what`` (楼栋, building) and what to write there."""
    zh, en = what
    _problem(res, rno, col, raw,
             (f"{zh}“{raw}”看不懂" if raw else f"{zh}是空的") + f"：应写{expected[0]}。请改正这一格。",
             (f"{en} '{raw}' is not understood" if raw else f"the {en} is empty") + f": write {expected[1]}. Fix this cell.")


def read_households(path: Path, known: dict[str, list[str]] | None = None, sheet: str | None = None) -> HouseholdsResult:
    """Read the households of the spreadsheet ``path`` (see the module doc).

    :param known: the buildings already listed (name → units); empty or ``None``: made from
        the sheet.
    :returns: :class:`HouseholdsResult` (never raises for a bad cell).
    :raises SheetReadError: the file cannot be read, is empty, or lacks a required column.
    """
    rows = read_rows(Path(path), sheet)
    body = [(i, r) for i, r in rows if any(c for c in r)]
    if not body:
        raise SheetReadError("表格是空的：第一行应是表头（楼栋、单元、房号、住家/企业、入住日期、迁出日期），下面每行一户。",
                             "The spreadsheet is empty: a header row (楼栋, 单元, 房号, …) and one row per household.")
    # the header: the first row with a 房号 column among the first rows (a title row such as
    # "阳光小区业户登记表（2026年11月）" above it is passed over); none: the first row
    head_at = next((k for k, (_, r) in enumerate(body[:TITLE_ROWS + 1]) if any(_key(c) == "room" for c in r if c)), 0)
    head_row, header = body[head_at]
    res = HouseholdsResult()
    cols: dict[str, int] = {}
    for ci, head in enumerate(header):
        if not head:
            continue
        key = _key(head)
        if key is None:
            continue  # other columns of the office's sheet (姓名, 电话, 面积…) are not read
        if key in cols:
            _problem(res, head_row, ci + 1, head, f"“{_HEAD_ZH[key]}”列出现了两次（另一列在 "
                     f"{_col(cols[key])} 列）。请删去多余的一列。",
                     f"Column {_HEAD_ZH[key]} appears twice (also column {_col(cols[key])}). Delete one.")
        cols[key] = ci
    if "room" in cols and "building" not in cols and "unit" not in cols:
        cols["building"] = cols["unit"] = cols["room"]   # 房号 written whole: 2-1-301, 2栋1单元301室
    missing = [k for k in ("building", "unit", "room") if k not in cols]
    if missing:
        names = "、".join(_HEAD_ZH[k] for k in missing)
        raise SheetReadError(
            f"第 {head_row} 行（表头）里没有“{names}”列。表头应有：楼栋、单元、房号，可选 住家/企业、入住日期、迁出日期"
            f"（找到的表头：{'、'.join(h for h in header if h) or '无'}）。",
            f"Row {head_row} (the header) has no column {', '.join(missing)}. Head the columns 楼栋, 单元, 房号 "
            f"(optional 住家/企业, 入住日期, 迁出日期); found: {', '.join(h for h in header if h)}.")
    known = {b: list(u) for b, u in (known or {}).items()}
    fixed = bool(known)
    res.buildings = known
    first_row: dict[str, int] = {}
    for rno, row in body[head_at + 1:]:
        res.rows += 1
        _read_row(res, rno, row, cols, fixed, first_row)
    if not fixed:
        for units in res.buildings.values():
            units.sort(key=lambda u: (len(u), u))
    return res


def _col(ci: int) -> str:
    return column_letter(ci + 1)


def _cell(row: list[str], cols: dict[str, int], key: str) -> str:
    ci = cols.get(key)
    return row[ci].strip() if ci is not None and ci < len(row) else ""


def _place(res: HouseholdsResult, rno: int, row: list[str], cols: dict[str, int], fixed: bool
           ) -> tuple[str, str, str, str] | None:
    """The row's building, unit and room (normalised) and the room as written, or ``None``
    (its problems added to ``res``)."""
    ok = True
    raw_b, raw_u, raw_r = (_cell(row, cols, k) for k in ("building", "unit", "room"))
    if cols["building"] == cols["room"]:
        m = _WHOLE_ROOM.fullmatch(raw_r.replace(" ", ""))
        if m is None:
            _problem(res, rno, cols["room"] + 1, raw_r,
                     f"房号“{raw_r}”看不懂：表格没有楼栋、单元列时，房号要写全，如 2-1-301 或 2栋1单元301室。"
                     "请改正这一格（或加上“楼栋”“单元”两列）。",
                     f"room '{raw_r}' is not understood: without 楼栋 and 单元 columns write the whole address, "
                     "e.g. 2-1-301 or 2栋1单元301室. Fix the cell (or add the 楼栋 and 单元 columns).")
            return None
        raw_b, raw_u, raw_r = m.group("b") + (m.group("bs") if m.group("bs") == "幢" else ""), m.group("u"), m.group("r")
    b = building_name(raw_b)
    if b is None:
        ok = False
        _unread(res, rno, cols["building"] + 1, raw_b, ("楼栋", "building"),
                ("楼号，如 2 或 2栋（也可以 2号楼、2幢）", "the building number, e.g. 2 or 2栋"))
    elif fixed and b not in res.buildings:
        ok = False
        _problem(res, rno, cols["building"] + 1, raw_b,
                 f"楼栋“{b}”不在 records/households.yaml 的楼栋列表里（有：{'、'.join(res.buildings)}）。"
                 "请改正这一格；如果确实有这栋楼，先把它加到 households.yaml 的 buildings 里。",
                 f"building '{b}' is not among the buildings of records/households.yaml "
                 f"({', '.join(res.buildings)}). Fix the cell, or add the building there first.")
    u = unit_name(raw_u)
    if u is None:
        ok = False
        _unread(res, rno, cols["unit"] + 1, raw_u, ("单元", "unit"), ("单元号，如 1 或 1单元", "the unit number, e.g. 1 or 1单元"))
    elif b is not None and fixed and b in res.buildings and u not in res.buildings[b]:
        ok = False
        _problem(res, rno, cols["unit"] + 1, raw_u,
                 f"{b}没有“{u}”（households.yaml 里 {b} 有：{'、'.join(res.buildings[b])}）。"
                 "请改正这一格，或先在 households.yaml 里给这栋楼加上这个单元。",
                 f"{b} has no unit '{u}' (households.yaml lists {', '.join(res.buildings[b])}). "
                 "Fix the cell, or add the unit to the building there first.")
    r = room_number(raw_r)
    if r is None:
        ok = False
        _unread(res, rno, cols["room"] + 1, raw_r, ("房号", "room"), ("房间号，如 301 或 1102", "the room number, e.g. 301 or 1102"))
    if not ok or b is None or u is None or r is None:
        return None
    return b, u, r, raw_r


def _type_and_days(res: HouseholdsResult, rno: int, row: list[str], cols: dict[str, int]
                   ) -> tuple[str, date | None, date | None] | None:
    """The row's 住家/企业, move-in and move-out dates, or ``None`` (problems added to ``res``)."""
    ok = True
    raw_t = _cell(row, cols, "type")
    kind = "住家" if raw_t in RESIDENTIAL else "企业" if raw_t in ENTERPRISE else None
    if kind is None:
        ok = False
        _problem(res, rno, cols["type"] + 1, raw_t,
                 f"“{raw_t}”不是住家/企业：请写“住家”或“企业”（空着算住家）。",
                 f"'{raw_t}' is neither 住家 (residential) nor 企业 (enterprise): write one of them (empty: 住家).")
    days: dict[str, date | None] = {}
    for key in ("occupied_since", "moved_out"):
        raw = _cell(row, cols, key)
        try:
            days[key] = parse_day(raw)
        except ValueError:
            ok = False
            days[key] = None
            _problem(res, rno, cols[key] + 1, raw,
                     f"{_HEAD_ZH[key]}“{raw}”不是日期：请写成 2019-05-01（或 2019/5/1、2019年5月1日）"
                     + ("，空房留空。" if key == "occupied_since" else "，没有迁出留空。"),
                     f"{key} '{raw}' is not a date: write 2019-05-01 (or 2019/5/1)"
                     + (", empty for a vacant unit." if key == "occupied_since" else ", empty if still there."))
    since, out = days["occupied_since"], days["moved_out"]
    if since is not None and out is not None and out < since:
        ok = False
        _problem(res, rno, cols["moved_out"] + 1, _cell(row, cols, "moved_out"),
                 f"迁出日期 {out} 早于入住日期 {since}。请检查这两个日期（迁出应在入住之后）。",
                 f"moved out {out} before moving in {since}. Check both dates.")
    elif out is not None and since is None and not _cell(row, cols, "occupied_since"):
        ok = False
        _problem(res, rno, cols["moved_out"] + 1, _cell(row, cols, "moved_out"),
                 "有迁出日期却没有入住日期：请在“入住日期”列写上入住的日期（不知道确切日期就写大约的日期）。",
                 "a move-out date without a move-in date: write the move-in date (an approximate one if unknown).")
    if not ok or kind is None:
        return None
    return kind, since, out


def _read_row(res: HouseholdsResult, rno: int, row: list[str], cols: dict[str, int], fixed: bool,
              first_row: dict[str, int]) -> None:
    """One household row into ``res`` (its problems, or the household)."""
    place = _place(res, rno, row, cols, fixed)
    facts = _type_and_days(res, rno, row, cols)
    if place is None or facts is None:
        return
    (b, u, r, raw_r), (kind, since, out) = place, facts
    hid = f"{_building_no(b)}-{_unit_no(u)}-{r}"
    if hid in first_row:
        _problem(res, rno, cols["room"] + 1, raw_r,
                 f"{b}{u}{r}（{hid}）重复：第 {first_row[hid]} 行已经有这一户。请删去重复的一行或改正房号。",
                 f"{hid} repeats row {first_row[hid]}. Delete the repeated row or fix the room.")
        return
    first_row[hid] = rno
    if not fixed:
        units = res.buildings.setdefault(b, [])
        if u not in units:
            units.append(u)
    res.households.append(ImportedHousehold(rno, hid, b, u, r, kind, since, out))


def registry_yaml(res: HouseholdsResult, source: str, header: list[str]) -> str:
    """The text of ``records/households.yaml`` for ``res`` (``header``: the comment lines kept
    from the file it replaces), one flow mapping per household as in the example registry."""
    lines = list(header) or ["# 业户登记：只登记楼栋、单元、房号、类型和入住/迁出日期，不登记姓名和电话。"]
    lines.append(f"# 业户 {len(res.households)} 户，由 hcomm households import 从 {source} 导入；"
                 "未写 occupied_since 的为空置房。")
    lines.append("buildings:")
    for b, units in res.buildings.items():
        lines.append(f"  - building: {yaml_scalar(b)}")
        lines.append(f"    units: [{', '.join(units)}]")
    lines.append("households:" if res.households else "households: []")
    for h in res.households:
        parts = [f"id: {h.id}", f"building: {yaml_scalar(h.building)}", f"unit: {yaml_scalar(h.unit)}",
                 f"room: {h.room}", f"type: {h.type}"]
        if h.occupied_since:
            parts.append(f"occupied_since: {h.occupied_since.isoformat()}")
        if h.moved_out:
            parts.append(f"moved_out: {h.moved_out.isoformat()}")
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


@dataclass
class RegistryNow:
    """The office's ``records/households.yaml`` as it is: its buildings (name → units), how
    many households it lists, its leading comment lines (kept on import)."""

    path: Path
    buildings: dict[str, list[str]]
    households: int
    header: list[str]


def current_registry(root: Path) -> RegistryNow:
    """Read ``root/records/households.yaml`` (a missing file: nothing listed).

    :raises RecordsError: the file exists but cannot be read as YAML (fix it first).
    """
    path = Path(root) / "records" / "households.yaml"
    if not path.exists():
        return RegistryNow(path, {}, 0, [])
    src, probs = load_file(path, str(path))
    if src is None or not isinstance(src.data, (dict, type(None))):
        raise RecordsError("records/households.yaml 读不出来，请先用 hcomm check 查看并改正，再导入。",
                           "records/households.yaml cannot be read: run hcomm check, fix it, then import.", probs)
    data = src.data or {}
    buildings: dict[str, list[str]] = {}
    for b in data.get("buildings") or []:
        if isinstance(b, dict) and b.get("building"):
            buildings[str(b["building"])] = [str(u) for u in (b.get("units") or [])]
    households = data.get("households") or []
    header = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.startswith("#"):
            break
        if "hcomm households import" not in line:
            header.append(line)
    return RegistryNow(path, buildings, len(households) if isinstance(households, list) else 0, header)


def import_households(root: Path, file: Path, *, replace: bool = False, sheet: str | None = None
                      ) -> tuple[HouseholdsResult, RegistryNow]:
    """Read ``file`` against the office ``root``'s registry (nothing written).

    :raises UsageError: the registry already lists households and ``replace`` is false.
    :raises SheetReadError: the file cannot be read.
    """
    now = current_registry(root)
    if now.households and not replace:
        raise UsageError(f"records/households.yaml 里已经有 {now.households} 户。要用表格替换全部业户，请加 --replace。",
                         f"records/households.yaml already lists {now.households} households. "
                         "Add --replace to replace them all with the spreadsheet.")
    return read_households(file, now.buildings, sheet), now


def write_registry(now: RegistryNow, res: HouseholdsResult, source: str) -> Path:
    """Replace ``records/households.yaml`` with ``res`` in one step (a temporary file in the
    same folder, renamed over it). Returns the path."""
    text = registry_yaml(res, source, now.header)
    now.path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".households-", suffix=".tmp", dir=now.path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, now.path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return now.path


__all__ = ["HouseholdsResult", "ImportedHousehold", "RegistryNow", "building_name", "current_registry",
           "import_households", "parse_day", "read_households", "registry_yaml", "room_number",
           "sheet_title", "unit_name", "write_registry"]
