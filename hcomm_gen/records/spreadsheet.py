"""Read an office's spreadsheet into rows of cell text, and say which cell is wrong
(shared by ``hcomm survey import`` and ``hcomm households import``).

Formats: ``.xlsx`` / ``.xlsm`` (openpyxl), ``.xls`` (Excel 97–2003, WPS) and ``.ods``
(LibreOffice, WPS) via python-calamine, ``.csv`` in UTF-8 (with or without BOM) or GBK /
GB18030. Rows and columns are numbered as the spreadsheet program shows them (row 1, column
A), whatever empty rows or columns come first, so a message "第 5 行 C 列" points at the cell
the office sees.

Cell text: surrounding spaces dropped; a whole number stored as a float (``3.0``, as Excel
and WPS store every number) is ``"3"``; a date (or a date-time at midnight) is
``YYYY-MM-DD``; an empty cell is ``""``.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from hcomm_gen.core.errors import RecordsError

#: the file types :func:`read_rows` reads
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


class SheetReadError(RecordsError):
    """The file cannot be read at all (unknown type, unreadable, no such sheet, no header);
    ``zh``/``en``; exit 1 like any unreadable record."""


def column_letter(col: int) -> str:
    """1 → ``A``, 27 → ``AA`` (as spreadsheets label columns)."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class CellProblem:
    """A bad cell: ``row`` and ``col`` 1-based as the spreadsheet shows them (``col`` 0: the
    whole row), the ``value`` found, and the message in Chinese and English.

    :ivar item: the survey item of the column (shown as "（第 3 题）" / "(item 3)").
    :ivar heading: else the column's heading (shown as "（入住日期）"), e.g. for households.
    :ivar whole_row: a whole-row problem whose message continues the row number
        ("第 4 行只有 3 个答案…").
    """

    row: int
    col: int
    value: str
    zh: str
    en: str
    item: int | None = None
    whole_row: bool = False
    heading: str = ""

    @property
    def where_zh(self) -> str:
        what = f"（第 {self.item} 题）" if self.item else f"（{self.heading}）" if self.heading else ""
        return f"第 {self.row} 行 {column_letter(self.col)} 列{what}" if self.col else f"第 {self.row} 行"

    @property
    def where_en(self) -> str:
        what = f" (item {self.item})" if self.item else f" ({self.heading})" if self.heading else ""
        return f"row {self.row}, column {column_letter(self.col)}{what}" if self.col else f"row {self.row}"

    def format(self, lang: str = "zh") -> str:
        """``第 5 行 C 列（第 2 题）：…`` / ``row 5, column C (item 2): …``."""
        if self.whole_row:
            return f"row {self.row} {self.en}" if lang == "en" else f"第 {self.row} 行{self.zh}"
        if lang == "en":
            return f"{self.where_en}: {self.en}"
        return f"{self.where_zh}：{self.zh}"


def cell_text(v: object) -> str:
    """One cell's value (as openpyxl or calamine give it) → its text (module docstring)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date | time):
        return v.isoformat()
    return str(v).strip()


def read_rows(path: Path, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    """``[(row number, [cell text, …]), …]`` of a spreadsheet (every row, numbered as the
    spreadsheet shows them; the first cell of each list is column A).

    :param sheet: the worksheet's name (default: the first); not for ``.csv``.
    :raises SheetReadError: unknown file type, a file that cannot be opened, a missing sheet.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in (".xls", ".ods"):
        return _read_calamine(path, sheet)
    if suffix == ".csv":
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 decodes any byte string
            raise SheetReadError(f"{path.name} 的编码无法识别，请另存为 UTF-8。", f"{path.name}: unknown encoding.")
        return [(i, [c.strip() for c in row]) for i, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1)]
    raise SheetReadError(f"不认识的文件类型“{path.suffix}”：请用 .xlsx、.xls、.ods 或 .csv。",
                         f"Unknown file type '{path.suffix}': use .xlsx, .xls, .ods or .csv.")


def sheet_title(path: Path, sheet: str | None = None) -> str | None:
    """The worksheet :func:`read_rows` reads from ``path``: ``sheet`` when named, else the first
    sheet's name (``.xlsx``, ``.xls``, ``.ods``); ``None`` for a CSV or a file that cannot be
    opened (:func:`read_rows` says why). For messages: "业户登记表.xlsx（工作表“业户”）"."""
    suffix = Path(path).suffix.lower()
    if sheet is not None or suffix not in SHEET_SUFFIXES or suffix == ".csv":
        return sheet
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook
            wb = load_workbook(path, read_only=True)
            try:
                return wb.sheetnames[0] if wb.sheetnames else None
            finally:
                wb.close()
        from python_calamine import CalamineWorkbook
        book = CalamineWorkbook.from_path(str(path))
        try:
            return book.sheet_names[0] if book.sheet_names else None
        finally:
            book.close()
    except Exception:  # noqa: BLE001 - read_rows reports an unreadable file
        return None


def _no_sheet(sheet: str, names: list[str]) -> SheetReadError:
    return SheetReadError(f"表格里没有名为“{sheet}”的工作表。有：{'、'.join(names)}。",
                          f"No sheet '{sheet}'. Sheets: {', '.join(names)}.")


def _cannot_open(path: Path, exc: Exception) -> SheetReadError:
    return SheetReadError(f"无法打开表格文件 {path.name}：{exc}", f"Cannot open {path.name}: {exc}")


def _read_xlsx(path: Path, sheet: str | None) -> list[tuple[int, list[str]]]:
    try:
        from openpyxl import load_workbook
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _cannot_open(path, exc) from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise _no_sheet(sheet, wb.sheetnames)
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        return [(i, [cell_text(v) for v in row])
                for i, row in enumerate(ws.iter_rows(min_row=1, values_only=True), 1)]
    finally:
        wb.close()


def _read_calamine(path: Path, sheet: str | None) -> list[tuple[int, list[str]]]:
    """``.xls`` and ``.ods`` through python-calamine; ``skip_empty_area=False`` keeps the
    leading empty rows and columns, so row 1 / column A are the spreadsheet's."""
    from python_calamine import CalamineWorkbook
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine's errors for a damaged or mistyped file
        raise _cannot_open(path, exc) from None
    try:
        if sheet is not None and sheet not in wb.sheet_names:
            raise _no_sheet(sheet, wb.sheet_names)
        try:
            ws = wb.get_sheet_by_name(sheet) if sheet is not None else wb.get_sheet_by_index(0)
            data = ws.to_python(skip_empty_area=False)
        except Exception as exc:  # a damaged sheet
            raise _cannot_open(path, exc) from None
        return [(i, [cell_text(v) for v in row]) for i, row in enumerate(data, 1)]
    finally:
        wb.close()
