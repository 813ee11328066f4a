"""Financial statements (P4.5): which period a statement covers and when it is due
(NOTICE-FINANCE), and whether its lines add up to its stated totals (FINANCE-TOTALS). The
statements owed are obligations (:func:`hcomm_gen.domain.obligations.finance_obligations`),
read by the rule (:mod:`hcomm_gen.rules.notices`) and by ``hcomm status``. Amounts are exact
``Decimal`` 元, never floats.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hcomm_gen.records.types import YEARS

#: per kind: (pattern of a period as written, example, Chinese name of the period)
PERIOD_FORMS = {
    "monthly": (re.compile(r"(\d{4})-(\d{1,2})"), "2026-01", "月"),
    "quarterly": (re.compile(r"(\d{4})-[Qq]([1-4])"), "2026-Q1", "季度"),
    "half_yearly": (re.compile(r"(\d{4})-[Hh]([12])"), "2026-H1", "半年"),
}
_MONTHS_PER = {"monthly": 1, "quarterly": 3, "half_yearly": 6}


@dataclass(frozen=True, order=True)
class Period:
    """One financial-statement period: ``year`` and ``index`` (month 1–12, quarter 1–4 or
    half 1–2) of ``kind`` (``monthly`` | ``quarterly`` | ``half_yearly``)."""

    year: int
    index: int
    kind: str

    @property
    def label(self) -> str:
        if self.kind == "monthly":
            return f"{self.year:04d}-{self.index:02d}"
        return f"{self.year:04d}-{'Q' if self.kind == 'quarterly' else 'H'}{self.index}"

    @property
    def first_day(self) -> date:
        return date(self.year, (self.index - 1) * _MONTHS_PER[self.kind] + 1, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def due(self) -> date:
        """Last day to post the statement: end of the month after the period (inclusive)."""
        nxt = self.last_day + timedelta(days=1)
        following = date(nxt.year + (nxt.month == 12), nxt.month % 12 + 1, 1)
        return following - timedelta(days=1)

    def next(self) -> Period:
        per_year = 12 // _MONTHS_PER[self.kind]
        if self.index == per_year:
            return Period(self.year + 1, 1, self.kind)
        return Period(self.year, self.index + 1, self.kind)

    @classmethod
    def containing(cls, day: date, kind: str) -> Period:
        return cls(day.year, (day.month - 1) // _MONTHS_PER[kind] + 1, kind)


def parse_period(text: str, kind: str) -> Period | None:
    """``"2026-Q1"`` (quarterly), ``"2026-01"`` (monthly), ``"2026-H1"`` (half-yearly) →
    :class:`Period`; ``None`` when ``text`` does not have the form of ``kind``."""
    pattern = PERIOD_FORMS[kind][0]
    m = pattern.fullmatch(text.strip())
    if not m:
        return None
    y, i = int(m.group(1)), int(m.group(2))
    if kind == "monthly" and not 1 <= i <= 12:
        return None
    if y not in YEARS:  # a typo such as 0000-Q1 (and no overflow in date arithmetic)
        return None
    return Period(y, i, kind)


# --- the statement's lines and totals (FINANCE-TOTALS, P4.5) ----------------------------------

#: a line ``项目　金额 元`` of a statement (amount like ``-8,151.00``, unit 元 or 万元); the
#: printed table (:func:`hcomm_gen.outputs.sheets.notice_text.finance_blocks`) reads the same
AMOUNT_ROW = re.compile(r"^(?P<item>.+?)[\s\u3000]+(?P<amount>[-−]?[\d,]*\d(?:\.\d+)?)\s*(?P<unit>万?元)$")
#: a short section heading such as ``一、收入`` (a table's section when amounts follow)
SECTION = re.compile(r"^[一二三四五六七八九十]+[、.．]\S{1,20}$")
#: words of a total line (printed bold)
TOTAL = re.compile(r"合计|小计|总计|结余|结存")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_BALANCE = re.compile(r"结余|结存")
_OPENING = re.compile(r"上期|期初|上年|上季度|上半年|上月|年初|月初")
_CLOSING = re.compile(r"期末|累计|滚存")
_BREAKDOWN = re.compile(r"^[（(]?(其中|含)")


@dataclass(frozen=True)
class Line:
    """One amount line of a statement: ``item`` as written, ``amount`` in 元 (exact
    ``Decimal``; 万元 converted), ``offset`` of the item's first character in the body and
    ``section`` (the heading it stands under, ``""`` before any)."""

    item: str
    amount: Decimal
    offset: int
    section: str

    @property
    def role(self) -> str:
        """``"opening"`` (上期结余…), ``"balance"`` (本期结余, 期末结余…), ``"subtotal"``
        (小计), ``"total"`` (合计, 总计), ``"breakdown"`` (其中…: part of the line above) or
        ``"item"``."""
        if _BALANCE.search(self.item):
            return "opening" if _OPENING.search(self.item) and not _CLOSING.search(self.item) else "balance"
        if "小计" in self.item:
            return "subtotal"
        if "合计" in self.item or "总计" in self.item:
            return "total"
        return "breakdown" if _BREAKDOWN.match(self.item) else "item"

    def side(self) -> str:
        """``"income"``, ``"expense"`` or ``""``: from the line's own words, else its section's."""
        for text in (self.item, self.section):
            if "收入" in text:
                return "income"
            if "支出" in text:
                return "expense"
        return ""


@dataclass(frozen=True)
class TotalMismatch:
    """A stated total that the lines do not add up to: ``line`` the total, ``expected`` what
    the lines give (元), ``parts`` how (e.g. ``"9 项之和"``/``"收入合计 − 支出合计"``,
    with the English), ``difference`` = stated − expected."""

    line: Line
    expected: Decimal
    parts_zh: str
    parts_en: str

    @property
    def difference(self) -> Decimal:
        return self.line.amount - self.expected


def _amount(text: str, unit: str) -> Decimal:
    value = Decimal(text.replace(",", "").replace("−", "-"))
    return value * 10000 if unit == "万元" else value


def statement_lines(body: str | None) -> list[Line]:
    """The amount lines of a finance statement's ``body``, in order, each with its section
    (a heading such as ``一、收入`` on its own line, or a numbered amount line such as
    ``三、本季度结余 -3,632.00 元`` that is its own section)."""
    out: list[Line] = []
    section, offset = "", 0
    for raw in (body or "").split("\n"):
        text = raw.strip(" \t\u3000")
        start = offset + raw.index(text) if text else offset
        offset += len(raw) + 1
        m = AMOUNT_ROW.match(text)
        if m is None:
            if SECTION.match(text):
                section = text
            continue
        item = m["item"].strip(" \u3000")
        if _NUMBERED.match(item):
            section = item
        out.append(Line(item, _amount(m["amount"], m["unit"]), start, section))
    return out


def _sum_check(line: Line, parts: list[Line]) -> list[TotalMismatch]:
    expected = sum((p.amount for p in parts), Decimal(0))
    if not parts or expected == line.amount:
        return []
    return [TotalMismatch(line, expected, f"上面 {len(parts)} 项之和", f"the sum of the {len(parts)} lines above")]


def _balance_check(balance: Line, income: Decimal, expense: Decimal, opening: Decimal | None) -> list[TotalMismatch]:
    simple = income - expense
    if balance.amount == simple or (opening is not None and balance.amount == opening + simple):
        return []
    if opening is not None and _CLOSING.search(balance.item):
        return [TotalMismatch(balance, opening + simple, "上期结余 + 收入合计 − 支出合计",
                              "opening balance + income − expense")]
    return [TotalMismatch(balance, simple, "收入合计 − 支出合计", "income − expense")]


def total_mismatches(lines: list[Line]) -> list[TotalMismatch]:
    """The totals of a statement that its lines do not add up to, exactly (``Decimal``):

    * a 小计 = the items since the section's start or the previous 小计;
    * a 合计/总计 = the items since the section's start or the previous 合计 (lines
      beginning 其中/含 are parts of the line above and not added);
    * a 结余/结存 = 收入合计 − 支出合计 (the stated totals, else the sum of the 收入 and 支出
      sections' items), or, with an opening balance line (上期结余 …), that plus the
      opening balance.
    """
    out: list[TotalMismatch] = []
    group: list[Line] = []       # items since the last 合计 (or section start)
    since_sub: list[Line] = []   # items since the last 小计
    sums = {"income": Decimal(0), "expense": Decimal(0)}
    stated: dict[str, Decimal] = {}
    opening: Decimal | None = None
    balances: list[Line] = []
    section = None
    for ln in lines:
        if ln.section != section:
            section, group, since_sub = ln.section, [], []
        role = ln.role
        if role == "item":
            group.append(ln)
            since_sub.append(ln)
            if ln.side():
                sums[ln.side()] += ln.amount
        elif role == "subtotal":
            out += _sum_check(ln, since_sub)
            since_sub = []
        elif role == "total":
            out += _sum_check(ln, group)
            if ln.side():
                stated.setdefault(ln.side(), ln.amount)
            group, since_sub = [], []
        elif role == "opening":
            opening = ln.amount
        elif role == "balance":
            balances.append(ln)
    income, expense = stated.get("income", sums["income"]), stated.get("expense", sums["expense"])
    if income or expense:
        for b in balances:
            out += _balance_check(b, income, expense, opening)
    return out
