"""Scalar types of the record format: text in, typed value out, with a Chinese message.

Each ``Annotated`` type below converts the *text* the loader keeps (see :mod:`.yamlsrc`).
Naive date-times are in the community's time zone, passed as validation context
``{"tz": ZoneInfo}``; an explicit offset (``+08:00``) is honoured.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Annotated, NoReturn
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

DEFAULT_TZ = ZoneInfo("Asia/Shanghai")

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
                 r"\s*(Z|[+-]\d{2}:?\d{2})?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_SLASH_DATE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _err(zh: str, en: str) -> PydanticCustomError:
    return PydanticCustomError("hcomm", zh, {"en": en})


def _not_text(v, what_zh: str, what_en: str, example: str):
    if not isinstance(v, str):
        kind = "列表" if isinstance(v, list) else "映射" if isinstance(v, dict) else "空值"
        kind_en = ("a list" if isinstance(v, list) else "a mapping" if isinstance(v, dict)
                   else "nothing (an empty value)" if v is None else f"a {type(v).__name__}")
        raise _err(f"应为{what_zh}（例如 {example}），实际是{kind}。",
                   f"Expected {what_en} (e.g. {example}), found {kind_en}.")


_CLOCK = re.compile(r"(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?")
#: a time of day written in a value (``09:00``, ``9：00``): see :func:`has_time_of_day`
_HAS_CLOCK = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}")


def has_time_of_day(text) -> bool:
    """Whether the text of a date-time value names a time of day (``2026-12-08 09:00``) or is
    a date alone (``2026-12-08``, which the typed value reads as 00:00). Rules that need the
    hour (NOTICE-OUTAGE …) ask this of the text as written (``Record.raw``)."""
    return isinstance(text, str) and bool(_HAS_CLOCK.search(text))


def _date_parts(s: str, example: str, with_time: bool = False) -> NoReturn:
    """Raise the message for a date written another way (2026年6月3日, 2026/6/3, 20260603),
    giving the right form; with ``with_time`` (a date-time field) a time written after the
    date (``9:00``) is kept in the suggestion (``2026-06-03 09:00``)."""
    for pattern, how in ((_CN_DATE, "2026年6月3日"), (_SLASH_DATE, "2026/6/3"),
                         (_COMPACT_DATE, "20260603")):
        m = pattern.match(s)
        if not m:
            continue
        rest = s[m.end():].strip(" \tT")
        if rest and not with_time:
            continue
        clock = _CLOCK.fullmatch(rest) if rest else None
        y, mo, d = (int(x) for x in m.groups())
        right = f"{y:04d}-{mo:02d}-{d:02d}"
        if clock is not None:
            hh, mm, ss = clock.groups()
            right += f" {int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
        elif rest:  # 上午, 9点 …: the hour cannot be read, show the form
            raise _err(f"时间“{s}”的写法不对（像 {how} 这样的写法不能用）。请写成 {right} 09:00 "
                       "这样的形式：日期后空一格，写 24 小时制的时刻。",
                       f"Date-time '{s}' is written the wrong way. Write it like {right} 09:00 "
                       "(the date, a space, the time on a 24-hour clock).")
        raise _err(f"日期“{s}”的写法不对（像 {how} 这样的写法不能用）。请写成 {right}。",
                   f"Date '{s}' is written the wrong way. Write it as {right}.")
    raise _err(f"“{s}”不是日期。请写成 {example} 的形式。", f"'{s}' is not a date. Write it like {example}.")


#: years a record may name; outside them a date is a typo (and 9999-12-31 "end of day" would
#: overflow)
YEARS = range(1900, 2200)


def _check_year(y: int, s: str) -> None:
    if y not in YEARS:
        raise _err(f"“{s}”的年份 {y} 不对（应在 {YEARS.start}–{YEARS.stop - 1} 之间）。请检查是否打错。",
                   f"'{s}': year {y} is not plausible (expected {YEARS.start}–{YEARS.stop - 1}). "
                   "Check for a typo.")


def _make_date(y: int, mo: int, d: int, s: str) -> date:
    _check_year(y, s)
    try:
        return date(y, mo, d)
    except ValueError:
        raise _err(f"日期“{s}”不存在（{y}年{mo}月没有{d}日）。请检查月和日。",
                   f"Date '{s}' does not exist (no day {d} in {y}-{mo:02d}). Check month and day.") from None


def parse_date(v) -> date:
    """``"2026-03-05"`` → ``date``. Raises PydanticCustomError with a Chinese message."""
    if isinstance(v, date) and not isinstance(v, datetime):
        return v
    _not_text(v, "日期", "a date", "2026-03-05")
    s = v.strip()
    m = _DATE.fullmatch(s)
    if not m:
        _date_parts(s, "2026-03-05")  # raises, saying how to write it
    y, mo, d = (int(x) for x in m.groups())
    return _make_date(y, mo, d, s)


def _tz(info: ValidationInfo | None):
    ctx = info.context if info is not None and info.context else {}
    return ctx.get("tz", DEFAULT_TZ)


def _parse_dt(v, zone: tzinfo, *, end_of_day: bool) -> datetime:
    if isinstance(v, datetime):
        return v if v.tzinfo else v.replace(tzinfo=zone)
    _not_text(v, "时间", "a date-time", "2026-03-05 09:00")
    s = v.strip()
    m = _DT.fullmatch(s)
    if not m:
        head = re.split(r"[ T]", s, maxsplit=1)[0]
        if not _DATE.fullmatch(head):
            _date_parts(s, "2026-03-05 09:00", with_time=True)
        raise _err(f"“{s}”不是时间。请写成 2026-03-05 09:00 的形式（24 小时制）。",
                   f"'{s}' is not a date-time. Write it like 2026-03-05 09:00 (24-hour clock).")
    y, mo, d, hh, mm, ss, off = m.groups()
    day = _make_date(int(y), int(mo), int(d), s)
    if hh is None:
        t = time(0, 0)
        if end_of_day:
            day += timedelta(days=1)
    else:
        if int(hh) > 23 or int(mm) > 59 or (ss and int(ss) > 59):
            raise _err(f"时间“{s}”不存在（小时 0–23，分钟 0–59）。",
                       f"Time '{s}' does not exist (hours 0–23, minutes 0–59).")
        t = time(int(hh), int(mm), int(ss or 0))
    tz: tzinfo
    if off:
        if off == "Z":
            tz = UTC
        else:
            sign = 1 if off[0] == "+" else -1
            digits = off[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    else:
        tz = zone
    return datetime.combine(day, t).replace(tzinfo=tz)


def parse_datetime(v, info: ValidationInfo | None = None) -> datetime:
    """``"2026-03-05 09:00"`` → aware ``datetime`` (community time zone unless an offset is given).
    A date alone means 00:00 of that day."""
    return _parse_dt(v, _tz(info), end_of_day=False)


def fmt_dt(dt: datetime, tz: tzinfo) -> str:
    """An aware ``dt`` as staff write it, in the time zone ``tz``: ``2026-03-05 09:00`` (the
    form :func:`parse_datetime` reads; messages, status lines, summaries)."""
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def parse_datetime_in(text: str, zone: tzinfo) -> datetime:
    """``"2026-03-05 09:00"`` → aware ``datetime`` in ``zone`` unless the text gives an offset;
    a date alone means 00:00 of that day (as :func:`parse_datetime`, outside a record).

    :raises PydanticCustomError: not a date-time; ``message()`` is Chinese, ``context['en']``
        English.
    """
    return _parse_dt(text, zone, end_of_day=False)


def parse_end_datetime(v, info: ValidationInfo | None = None) -> datetime:
    """Like :func:`parse_datetime`, but a date alone means the *end* of that day (next 00:00)."""
    return _parse_dt(v, _tz(info), end_of_day=True)


def parse_time(v) -> time:
    """``"09:00"`` → ``time``."""
    if isinstance(v, time):
        return v
    _not_text(v, "时刻", "a time of day", "09:00")
    m = _TIME.fullmatch(v.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise _err(f"“{v}”不是时刻。请写成 09:00 的形式（24 小时制）。",
                   f"'{v}' is not a time of day. Write it like 09:00 (24-hour clock).")
    return time(int(m.group(1)), int(m.group(2)))


def parse_month(v) -> str:
    """``"2026-1"`` / ``"2026-01"`` → ``"2026-01"``."""
    _not_text(v, "月份", "a month", "2026-01")
    m = _MONTH.fullmatch(v.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise _err(f"“{v}”不是月份。请写成 2026-01 的形式。", f"'{v}' is not a month. Write it like 2026-01.")
    _check_year(int(m.group(1)), v)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


_TRUE = {"true", "yes", "on", "y", "1", "是", "有", "对"}
_FALSE = {"false", "no", "off", "n", "0", "否", "无", "不"}


def parse_bool(v) -> bool:
    """``是/否``, ``true/false``, ``yes/no``, ``on/off`` → ``bool``."""
    if isinstance(v, bool):
        return v
    _not_text(v, "是或否", "yes or no", "true")
    s = v.strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise _err(f"“{v}”不是“是/否”。请写 true（是）或 false（否）。", f"'{v}' is not yes/no. Write true or false.")


def parse_text(v) -> str:
    """Any scalar text; lists and mappings are refused."""
    _not_text(v, "文字", "text", "停水通知")
    return v


def parse_line(v) -> str:
    """Text of one line: a name or a title (the community's and a building's name, a unit, an
    area, a notice's title), shown in headings, file names, calendar entries and QR sheets,
    where a line break cannot stand. ``"h小区\\n二期"`` is refused."""
    text = parse_text(v)
    if "\n" in text or "\r" in text:
        shown = text.replace("\r", "").replace("\n", "⏎")
        raise _err(f"“{shown}”里有换行：名称和标题只能写一行。请删去换行（⏎ 处），写在同一行里。",
                   f"'{shown}' holds a line break: names and titles are one line. Remove the break (at ⏎).")
    return text


def parse_int(v) -> int:
    """``"618"`` → 618."""
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    _not_text(v, "整数", "a whole number", "618")
    s = v.strip()
    if not re.fullmatch(r"[+-]?\d+", s):
        raise _err(f"“{v}”不是整数。请只写阿拉伯数字，例如 618。", f"'{v}' is not a whole number, e.g. 618.")
    return int(s)


# JSON Schema of each type *as an editor reads the YAML*: editors (the VS Code YAML extension,
# yaml-language-server) read YAML 1.2 (core schema), where ``true`` is a boolean, ``12`` and
# ``0301`` integers (301), ``2026-12-03`` and ``09:00`` strings (no timestamp type) and an empty
# value, ``~`` or ``null`` is null. The loader reads every scalar as text and converts it, so
# each schema accepts both: the YAML 1.2 value and the text (a quoted "12"). ``hcomm schema``
# (:mod:`hcomm_gen.app.schema`) adds the Chinese titles and descriptions.
_WS = r"\s*"


def _any_case(words) -> str:
    """A regular expression (ECMA-262, as JSON Schema uses) matching any of ``words`` in any
    letter case, with blanks around (as :func:`parse_bool` strips and lowercases)."""
    def one(w: str) -> str:
        return "".join(f"[{c}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c) for c in w)
    return f"^{_WS}({'|'.join(one(w) for w in sorted(words))}){_WS}$"


_S_DATE = {"type": "string", "pattern": rf"^{_WS}\d{{4}}-\d{{1,2}}-\d{{1,2}}{_WS}$",
           "examples": ["2026-03-05"], "description": "日期，写成 2026-03-05"}
_S_DT = {"type": "string",
         "pattern": rf"^{_WS}\d{{4}}-\d{{1,2}}-\d{{1,2}}([ T]+\d{{1,2}}:\d{{2}}(:\d{{2}})?)?"
                    rf"\s*(Z|[+-]\d{{2}}:?\d{{2}})?{_WS}$",
         "examples": ["2026-03-05 09:00", "2026-03-05"],
         "description": "时间，写成 2026-03-05 09:00（24 小时制，小区时区；只写日期表示当天 0 点）"}
_S_TIME = {"type": "string", "pattern": rf"^{_WS}\d{{1,2}}:\d{{2}}(:\d{{2}})?{_WS}$", "examples": ["09:00"],
           "description": "时刻，写成 09:00（24 小时制）"}
_S_MONTH = {"type": "string", "pattern": rf"^{_WS}\d{{4}}-\d{{1,2}}{_WS}$", "examples": ["2026-01"],
            "description": "月份，写成 2026-01"}
_S_BOOL = {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]},
                     {"type": "string", "pattern": _any_case(_TRUE | _FALSE)}],
           "examples": [True, False], "description": "是/否：写 true（是）或 false（否）"}
_S_INT_TEXT = {"type": "string", "pattern": rf"^{_WS}[+-]?\d+{_WS}$"}
_S_INT = {"anyOf": [{"type": "integer"}, _S_INT_TEXT], "description": "整数，例如 618"}
#: any scalar: YAML 1.2 reads ``12`` as a number and ``true`` as a boolean, the loader as text
_S_TEXT = {"type": ["string", "number", "boolean"]}

Date = Annotated[date, BeforeValidator(parse_date), WithJsonSchema(_S_DATE)]
DateTime = Annotated[datetime, BeforeValidator(parse_datetime), WithJsonSchema(_S_DT)]
EndDateTime = Annotated[datetime, BeforeValidator(parse_end_datetime), WithJsonSchema(_S_DT)]
TimeOfDay = Annotated[time, BeforeValidator(parse_time), WithJsonSchema(_S_TIME)]
Month = Annotated[str, BeforeValidator(parse_month), WithJsonSchema(_S_MONTH)]
Bool = Annotated[bool, BeforeValidator(parse_bool), WithJsonSchema(_S_BOOL)]
Text = Annotated[str, BeforeValidator(parse_text), WithJsonSchema(_S_TEXT)]
#: text of one line (names, titles): :func:`parse_line`
Line = Annotated[str, BeforeValidator(parse_line), WithJsonSchema(_S_TEXT)]
Int = Annotated[int, BeforeValidator(parse_int), WithJsonSchema(_S_INT)]


def _as_compact_date(v: int) -> str | None:
    """``20261208`` → ``"2026-12-08"`` when the number is a date typed without dashes."""
    m = _COMPACT_DATE.fullmatch(str(v))
    if m is None:
        return None
    try:
        return date(*(int(x) for x in m.groups())).isoformat()
    except ValueError:
        return None


def _check_range(lo: int, hi: int, unit_zh: str, unit_en: str):
    """An ``AfterValidator``: the whole number is from ``lo`` to ``hi`` inclusive; else a
    PydanticCustomError naming the value and the range (``unit_zh``/``unit_en`` after it)."""
    def check(v: int) -> int:
        if lo <= v <= hi:
            return v
        as_date = _as_compact_date(v)
        hint_zh = f"，像是把日期 {as_date} 写成了数字，但这里要写的不是日期" if as_date else ""
        hint_en = f"; it looks like the date {as_date} typed as a number, but this is not a date" if as_date else ""
        raise _err(f"{v} 超出了允许的范围{hint_zh}：应在 {lo}–{hi}{unit_zh and ' ' + unit_zh}之间。请改正这个数。",
                   f"{v} is out of range{hint_en}: expected {lo}–{hi}{unit_en and ' ' + unit_en}. "
                   "Correct the number.")
    return check


def _range_schema(lo: int, hi: int, unit_zh: str) -> WithJsonSchema:
    """The JSON Schema of a whole number from ``lo`` to ``hi`` (a YAML 1.2 integer, or its text)."""
    return WithJsonSchema({"anyOf": [{"type": "integer", "minimum": lo, "maximum": hi}, _S_INT_TEXT],
                           "description": f"整数 {lo}–{hi}{unit_zh}"})


# Whole numbers (:data:`Int`) within bounds, checked at load so that no value later overflows a
# date or a day count (issue 15): out of range, the message gives the value and the range
# (and says when the number is a date typed without dashes, ``20261208``).
#: NOTICE-LEAD: days between publication and start, 0–365
LeadDays = Annotated[int, BeforeValidator(parse_int), AfterValidator(_check_range(0, 365, "天", "days")),
                     _range_schema(0, 365, " 天")]
#: days a notice stays on the board, 1–3650
DisplayDays = Annotated[int, BeforeValidator(parse_int), AfterValidator(_check_range(1, 3650, "天", "days")),
                        _range_schema(1, 3650, " 天")]
#: a month of the year, 1–12 (survey_months)
MonthNo = Annotated[int, BeforeValidator(parse_int), AfterValidator(_check_range(1, 12, "月", "")),
                    _range_schema(1, 12, " 月")]
#: a weekday, 1 = Monday … 7 = Sunday
Weekday = Annotated[int, BeforeValidator(parse_int), AfterValidator(_check_range(1, 7, "", "")),
                    _range_schema(1, 7, "（1 = 周一 … 7 = 周日）")]
#: a calendar year of holidays, 2000–2100
Year = Annotated[int, BeforeValidator(parse_int), AfterValidator(_check_range(2000, 2100, "年", "")),
                 _range_schema(2000, 2100, " 年")]
#: a count of people or questionnaires, 0–100,000
Count = Annotated[int, BeforeValidator(parse_int), AfterValidator(_check_range(0, 100_000, "", "")),
                  _range_schema(0, 100_000, "")]
#: the number of an item or an opinion (1, 2, …), 1–999
Number = Annotated[int, BeforeValidator(parse_int), AfterValidator(_check_range(1, 999, "", "")),
                   _range_schema(1, 999, "")]


# --- enumerations: the value stored, its Chinese name and the other names accepted ----------
#
# A record may name a choice by its value (``kind: outage``), its Chinese name (``kind: 停水``)
# or another accepted name (``kind: 停水停电``); a name may also imply another field
# (``kind: 停水`` reads as ``kind: outage`` + ``outage: water``). Messages list every choice
# with both names (``停水 (outage: water)``) and answer a near miss with "did you mean"
# (:func:`did_you_mean`). Each enumeration's names are listed once, here.

@dataclass(frozen=True)
class Choice:
    """One choice of an enumeration.

    :ivar value: what the record holds after loading (``"outage"``, ``"投诉"``).
    :ivar zh: its Chinese name, shown first in messages (``"停水"``).
    :ivar en: its English name in messages (default: ``value``; ``"outage: water"``).
    :ivar names: other names accepted for it (Chinese or English, compared without case and
        surrounding spaces).
    :ivar implies: other fields this name sets when they are not written
        (``(("outage", "water"),)``).
    """

    value: str
    zh: str
    en: str = ""
    names: tuple[str, ...] = ()
    implies: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """``停水 (outage: water)``; the Chinese name alone when it is the value."""
        en = self.en or self.value
        return self.zh if en == self.zh else f"{self.zh} ({en})"


def _key(text: str) -> str:
    return text.strip().replace("\u3000", "").lower()


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


#: the longest value :func:`did_you_mean` compares, in characters
_NEAR_MAX = 40


def did_you_mean(value: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to ``value`` (:func:`difflib.get_close_matches`, ``cutoff`` 0–1), or
    ``None``: ``微信`` → ``微信群``; ``None`` too when two candidates are equally close (no
    guess), and for a value or candidate over 40 characters. A candidate that contains ``value`` or is contained in it
    (``停水通知`` → ``停水``) counts as close too when nothing closer is found."""
    text = value.strip()
    if len(text) > _NEAR_MAX:  # a long text is no near miss of a name (and difflib is quadratic)
        return None
    cands = [c for c in dict.fromkeys(candidates) if len(c) <= _NEAR_MAX]
    close = difflib.get_close_matches(text, cands, n=2, cutoff=cutoff)
    if close:
        if len(close) == 2 and _ratio(text, close[0]) == _ratio(text, close[1]):
            return None  # as close to two (3单元 → 1单元 or 2单元?): no guess
        return close[0]
    if len(text) >= 2:
        inside = [c for c in cands if len(c) >= 2 and (c in text or text in c)]
        if inside:
            return min(inside, key=lambda c: abs(len(c) - len(text)))
    return None


class Choices:
    """An enumeration of a field (``kind`` of a notice …): :meth:`read` turns any accepted name
    into the value; an unknown name is a ``PydanticCustomError`` listing the choices with both
    names and the closest one ("did you mean")."""

    def __init__(self, field: str, choices: Sequence[Choice]):
        self.field = field
        self.choices = tuple(choices)
        self._by_name: dict[str, Choice] = {}
        for c in self.choices:  # the value first: "outage" is the kind, not 停水's implication
            self._by_name.setdefault(_key(c.value), c)
        for c in self.choices:
            for name in (c.zh, c.en, *c.names):
                if name:
                    self._by_name.setdefault(_key(name), c)

    @property
    def values(self) -> tuple[str, ...]:
        """The distinct values, in order."""
        return tuple(dict.fromkeys(c.value for c in self.choices))

    def find(self, text) -> Choice | None:
        """The choice named by ``text`` (any accepted name), or ``None``."""
        return self._by_name.get(_key(text)) if isinstance(text, str) else None

    def listing(self, sep: str = "、") -> str:
        """Every choice with both names: ``停水 (outage: water)、停电 (outage: power)…``."""
        return sep.join(c.label for c in self.choices)

    def closest(self, text: str) -> Choice | None:
        """The choice whose name is closest to ``text`` (:func:`did_you_mean`), or ``None``."""
        names = {n: c for c in self.choices for n in (c.zh, *c.names, c.en or c.value, c.value) if n}
        hit = did_you_mean(text, names)
        return names[hit] if hit is not None else None

    def unknown(self, text) -> PydanticCustomError:
        """The error for ``text``, which names no choice."""
        close = self.closest(text) if isinstance(text, str) else None
        hint_zh = f"是不是“{close.zh}”？" if close else ""
        hint_en = f" Did you mean '{close.zh}' ({close.en or close.value})?" if close else ""
        shown = (f"“{text}”" if isinstance(text, str) else "列表" if isinstance(text, list)
                 else "映射" if isinstance(text, dict) else f"“{text}”")
        return _err(f"{shown}不是可选的值。{hint_zh}请写其中之一：{self.listing()}。",
                    f"'{text}' is not one of the choices.{hint_en} Write one of: {self.listing(', ')}.")

    def read(self, v):
        """A ``BeforeValidator``: a name → the value; ``None`` passes unchanged (a required
        field reports it missing); a list or a mapping is refused like an unknown name."""
        if v is None:
            return v
        if not isinstance(v, str):
            raise self.unknown(v)
        if isinstance(v, _Clash):
            c = self.find(v.implied)
            zh = c.zh if c else v.implied
            raise _err(f"“{v}”与 {v.field_name}: {v.by} 不一致（{v.by} 表示 {self.field}: {v.implied}，即{zh}）。"
                       f"请删掉这一行，或改正 {v.field_name}。",
                       f"'{v}' contradicts {v.field_name}: {v.by} (which means {self.field} {v.implied}). "
                       f"Delete this line or correct {v.field_name}.")
        c = self.find(v)
        if c is None:
            raise self.unknown(v)
        return c.value

    def json_schema(self) -> dict:
        """The JSON Schema of the field: every accepted name (values, Chinese names, other
        names), described with both names of each choice."""
        names = [n for c in self.choices for n in (c.value, c.zh, *c.names) if n]
        return {"type": "string", "enum": list(dict.fromkeys(names)),
                "description": f"{self.field}: {self.listing()}"}

    def implied(self, v) -> tuple[tuple[str, str], ...]:
        """The fields the name ``v`` sets (``停水`` → ``(("outage", "water"),)``)."""
        c = self._by_name.get(_key(v)) if isinstance(v, str) else None
        if c is None or _key(v) == _key(c.value):
            return ()
        return c.implies


#: what an outage cuts (``outage:`` of a notice)
OUTAGE = Choices("outage", (
    Choice("water", "停水", names=("水", "供水")),
    Choice("power", "停电", names=("电", "供电")),
    Choice("gas", "停气", names=("气", "燃气", "天然气", "供气")),
    Choice("elevator", "电梯停用", names=("电梯", "电梯停运")),
))

#: the kinds of notice (T2, P4): ``停水`` is an outage of water
NOTICE_KIND = Choices("kind", (
    *(Choice("outage", c.zh, f"outage: {c.value}", names=(f"计划{c.zh}",), implies=(("outage", c.value),))
      for c in OUTAGE.choices),
    Choice("outage", "计划停水停电", "outage", names=("停水停电", "计划停电停水")),
    Choice("emergency", "突发", names=("突发事件", "紧急", "紧急通知")),
    Choice("pest_control", "消杀", names=("消杀作业", "灭鼠", "灭蟑", "消毒")),
    Choice("works", "施工", names=("维修施工", "维修", "施工通知")),
    Choice("event", "活动", names=("社区活动",)),
    Choice("publicity", "宣传", names=("宣传通知",)),
    Choice("finance", "财务公示", names=("收支公示",)),
    Choice("fee_change", "收费调整", names=("调价", "收费标准调整")),
    Choice("contract_change", "合同变更", names=("合同", "服务合同变更")),
))

#: the kinds of case (T3, P4.7, P4.10, P4.12)
CASE_KIND = Choices("kind", (
    Choice("投诉", "投诉", "complaint"),
    Choice("建议", "建议", "suggestion"),
    Choice("问题", "问题", "problem", names=("issue",)),
    Choice("财产损坏", "财产损坏", "property damage", names=("damage", "损坏")),
))

#: the types of change to a posted notice (NOTICE-CHANGE)
CHANGE_TYPE = Choices("type", (
    Choice("改期", "改期", "reschedule", names=("延期", "postpone")),
    Choice("提前结束", "提前结束", "end early", names=("提前恢复", "ended early")),
    Choice("取消", "取消", "cancel", names=("cancelled", "作废")),
    Choice("更正", "更正", "correction", names=("correct", "改正", "勘误")),
))

#: a household's type (住家 / 企业)
HOUSEHOLD_TYPE = Choices("type", (
    Choice("住家", "住家", "residence", names=("住宅", "居民", "home")),
    Choice("企业", "企业", "business", names=("商户", "公司", "company")),
))

#: the director's decision on a visit opinion (VISIT-ESCALATE, P5.4.2; 知悉 for an opinion that
#: asks for nothing, e.g. praise: counted apart, no follow-up). The values are
#: :data:`hcomm_gen.domain.terms.DECISIONS`.
DECISION = Choices("decision", (
    Choice("采纳", "采纳", "adopted", names=("adopt", "同意", "已采纳")),
    Choice("不采纳", "不采纳", "not adopted", names=("reject", "rejected", "不同意", "未采纳")),
    Choice("上报", "上报", "escalated", names=("escalate", "上报公司", "报公司")),
    Choice("知悉", "知悉", "noted", names=("已知悉", "知晓", "已阅", "阅知", "无需处理")),
))


def read_decision(v):
    """A ``BeforeValidator`` of a summary's ``decision``: a name of :data:`DECISION`
    (``adopted``, ``已阅``) → its value (``采纳``, ``知悉``); anything else passes unchanged, so
    that VISIT-ESCALATE reports it under its rule ID (with :meth:`Choices.unknown`'s message)."""
    c = DECISION.find(v)
    return c.value if c is not None else v


#: how often the financial statement is published (``finance_period`` of community.yaml)
FINANCE_PERIOD = Choices("finance_period", (
    Choice("monthly", "每月", names=("按月", "月度")),
    Choice("quarterly", "每季度", names=("按季", "按季度", "季度")),
    Choice("half_yearly", "每半年", names=("半年", "按半年", "半年度")),
))

#: the site engine of community.yaml ``site_engine`` (issue 14 item 3): the names of the
#: engines of :mod:`hcomm_gen.outputs.engines` (a test keeps the two lists the same)
SITE_ENGINE = Choices("site_engine", (
    Choice("mkdocs", "MkDocs", en="MkDocs + Material", names=("material", "mkdocs-material")),
    Choice("zensical", "Zensical"),
))


class _Clash(str):
    """A written value that contradicts the one a name of another field implies
    (``kind: 停水`` with ``outage: power``): :meth:`Choices.read` reports it at its line."""

    by: str = ""
    field_name: str = ""
    implied: str = ""


def apply_implied(data, field: str, choices: Choices, others: dict[str, Choices]):
    """A model's ``mode="before"`` step: the fields the name written in ``field`` implies
    (``kind: 停水`` → ``outage: water``) are set where not written; a written one that says
    otherwise is reported at its line (``outage: power`` with ``kind: 停水``). ``others``: the
    :class:`Choices` of each implied field. Returns ``data`` (a new mapping when changed)."""
    if not isinstance(data, dict):
        return data
    implied = choices.implied(data.get(field))
    if not implied:
        return data
    data = dict(data)
    for name, value in implied:
        given = data.get(name)
        if given is None or (isinstance(given, str) and not given.strip()):
            data[name] = value
            continue
        found = others[name].find(given)
        if found is None or found.value != value:
            clash = _Clash(given)
            clash.by, clash.field_name, clash.implied = str(data.get(field)), field, value
            data[name] = clash
    return data
