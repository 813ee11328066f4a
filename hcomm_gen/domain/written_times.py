"""Dates and times written in a notice's text, read the way occupants read them, and the ones
that contradict the notice's own ``start``/``end`` (NOTICE-BODY-TIMES, T2).

What is read (Chinese forms as staff write them):

* dates ``2026年12月10日``, ``12月10日``, ``12月10号``, ``2026-12-10``; a weekday written with
  a date, ``（星期四）``, ``（周四）``, ``（元宵节，星期二）``; ``29日`` alone only as the end of a
  range (``5月27日至29日``);
* times ``17:00``, ``17：00``, ``17点``, ``17点30分``, ``5点半``, ``下午5点``, ``下午五点``,
  ``17时30分``; 下午/晚上/傍晚 add 12 hours to an hour before 12, 中午 to an hour before 11;
  ``24:00`` is the end of the day. A Chinese-numeral hour counts only with 上午/下午… before it
  or, written with 点, 半/分/整 after it (``早一点``, ``一时半会`` are no times);
* a range: two of those joined by 至, 到, -, –, —, ~, ～, with 次日/翌日 before the second
  (``22:00至次日6:00``);
* a date with a time after it (``12月10日（周四）9:00至18:00``, spaces or a closing bracket
  between) is one statement of a moment.

Which of them are judged (decisions, so that ordinary notices give no false alarm):

* **qualified** ones are skipped: followed by 前/之前/以前/为止/止/后/之后/以后 (a deadline
  such as ``请于9:00前储水`` or ``12月16日前报名``, or "after");
* a **date alone** is judged only with a weekday, a time, or as the first date of a range
  that gives its year (``2026年11月23日至12月6日``): a sign-off date (``2026年11月28日``), a
  registration deadline or a date mentioned in passing (``今年冬至为12月22日``,
  ``上半年（3月5日）``) is not a statement of the notice's period;
* every judged moment lies **within** ``start``–``end`` (both ends included): a date between
  their days; a date-time between them; a time alone on the day of a one-day notice, or, on
  a notice of several days, within the daily hours from ``start``'s to ``end``'s time of day
  (``每日8:30至17:30``). Without ``end`` only "not before ``start``" is judged. A time inside
  the period (``预计10:00恢复``) is fine;
* the **ranges** together span the period: the earliest beginning written equals ``start``
  and the latest end equals ``end`` (per kind of range: date-times, dates, daily hours), so
  ``9:00至17:00`` with ``end`` 18:00 is a contradiction while ``9:00至12:00、12:00至18:00``
  or a sub-period ``11:00至12:00`` beside ``9:00至12:00`` is not;
* a weekday that is not the weekday of its date is a contradiction of the text itself;
* a year left out is the year that puts the date nearest to ``start``.

The record's ``start``/``end`` as written are compared (a later 改期 change leaves the text
as first published). Nothing here raises for odd text: what cannot be read is not judged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

_CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_CN_NUM = "[零一二两三四五六七八九十]"
_PM = ("下午", "晚上", "傍晚", "晚间", "夜间")

TOKEN = re.compile(
    r"(?P<date>(?:(?P<y>\d{4})\s*年\s*)?(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号])"
    r"|(?P<iso>(?<!\d)(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d))"
    r"|(?P<dayonly>(?<!\d)(?P<dd>\d{1,2})\s*[日号])"
    r"|(?P<wd>[（(][^（()）]{0,12}?(?:星期|周|礼拜)(?P<wdc>[一二三四五六日天])[^（()）]{0,12}?[）)]"
    r"|(?:星期|礼拜)(?P<wdb>[一二三四五六日天]))"
    r"|(?P<time>(?P<pre>上午|下午|中午|晚上|傍晚|凌晨|早上|早晨|夜间|晚间)?\s*"
    r"(?:(?<!\d)(?P<h>\d{1,2})\s*[:：]\s*(?P<mi>\d{2})(?!\d)"
    rf"|(?<![\d第几])(?P<h2>\d{{1,2}}|{_CN_NUM}{{1,3}})\s*(?P<unit>点|时(?![间段候期刻]))"
    rf"(?:\s*(?P<mi2>\d{{1,2}}|{_CN_NUM}{{1,3}})\s*分|(?P<half>半))?(?P<sharp>整|钟)?))"
    r"|(?P<conn>至|到|—|–|－|-|~|～|〜)"
    r"|(?P<next>次日|翌日|第二天)")
_QUALIFIED = re.compile(r"\s*(?:之前|以前|前(?![往来])|为止|止|之后|以后|后(?!续))")


@dataclass(frozen=True)
class Stamp:
    """One date and/or time as written: ``begin``/``end`` offsets in the text; ``day`` (a
    date, its year given or inferred), ``year_given``, ``weekday`` written (0 = Monday),
    ``minutes`` after midnight (0–1440) and ``day_only`` (``29日`` alone)."""

    begin: int
    end: int
    day: date | None = None
    year_given: bool = False
    weekday: int | None = None
    minutes: int | None = None
    day_only: bool = False
    day_of_month: int = 0


@dataclass(frozen=True)
class Written:
    """A moment or a range written in the text: ``first`` and (a range) ``last``; ``text``
    as written; ``qualified`` when 前/后… follows it (not judged); ``field`` the record field
    it was read from (set by :func:`contradictions`)."""

    first: Stamp
    last: Stamp | None
    text: str
    qualified: bool
    field: str = ""

    @property
    def offset(self) -> int:
        return self.first.begin


@dataclass(frozen=True)
class Contradiction:
    """A written moment that contradicts the notice: ``written`` (the range or moment as
    found), ``what``: ``"outside"`` (not within start–end), ``"begin"`` (the earliest
    beginning written is not ``start``), ``"end"`` (the latest end written is not ``end``) or
    ``"weekday"`` (``value`` is the date's real weekday); ``value`` is what was read, e.g.
    ``2026-12-10 17:00``, ``12-09``, ``17:00``."""

    written: Written
    what: str
    value: str


def _cn_int(text: str) -> int | None:
    """``"5"`` → 5, ``"五"`` → 5, ``"十二"`` → 12, ``"二十"`` → 20, ``"三十五"`` → 35."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN.get(tens, -99) if tens else 1
        o = _CN.get(ones, -99) if ones else 0
        return t * 10 + o if t >= 0 and o >= 0 else None
    return _CN.get(text) if len(text) == 1 else None


def _minutes(m: re.Match, text: str) -> int | None:
    """Minutes after midnight of a ``time`` token, or ``None`` when it is not a time."""
    pre = m["pre"] or ""
    if m["h"] is not None:
        h, mi = int(m["h"]), int(m["mi"])
    else:
        h2, chinese = m["h2"], not m["h2"].isdigit()
        if chinese and not pre and (m["unit"] == "时" or not (m["mi2"] or m["half"] or m["sharp"])):
            return None                       # 早一点, 一时半会
        if not chinese and (text[max(0, m.start() - 3):m.start()].endswith(("以下", "下列", "如下"))
                            or text[m.end():m.end() + 1] in ("：", ":", "、")):
            return None                       # 以下3点：… (points of a list)
        hour = _cn_int(h2)
        mi_val = 30 if m["half"] else (_cn_int(m["mi2"]) if m["mi2"] else 0)
        if hour is None or mi_val is None:
            return None
        h, mi = hour, mi_val
    if pre in _PM and h < 12 or pre == "中午" and h < 11:
        h += 12
    if h > 24 or mi >= 60 or h == 24 and mi:
        return None
    return h * 60 + mi


def _nearest_year(month: int, day: int, near: date) -> date | None:
    best = None
    for y in (near.year - 1, near.year, near.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs(d - near) < abs(best - near):
            best = d
    return best


def _stamp_of(m: re.Match, text: str, near: date) -> Stamp | None:
    """The :class:`Stamp` of one date, day or time token (``None``: not one, or unreadable)."""
    kind = m.lastgroup
    if kind in ("date", "iso"):
        y, mo, d = (m["y"], m["m"], m["d"]) if kind == "date" else (m["iy"], m["im"], m["id"])
        try:
            day = date(int(y), int(mo), int(d)) if y else _nearest_year(int(mo), int(d), near)
        except ValueError:
            return None
        return None if day is None else Stamp(m.start(), m.end(), day, bool(y))
    if kind == "dayonly":
        return Stamp(m.start(), m.end(), day_only=True, day_of_month=int(m["dd"]))
    if kind == "time":
        minutes = _minutes(m, text)
        lead = len(m.group()) - len(m.group().lstrip())
        return None if minutes is None else Stamp(m.start() + lead, m.end(), minutes=minutes)
    return None


def _joined(text: str, a: int, b: int, brackets: bool = True) -> bool:
    """Only spaces (and, with ``brackets``, a closing bracket) between offsets ``a`` and ``b``."""
    return re.fullmatch(r"[\s）)]*" if brackets else r"\s*", text[a:b]) is not None


def _stamps(text: str, near: date) -> list[tuple[str, Stamp | None, re.Match]]:
    """Tokens of ``text`` merged into stamps: a date with the weekday and the time right
    after it is one stamp. Items: ``("stamp", stamp, match)`` or ``(kind, None, match)`` for
    connectors and 次日."""
    out: list[tuple[str, Stamp | None, re.Match]] = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup or ""
        prev = out[-1][1] if out and out[-1][0] == "stamp" else None
        if kind == "wd":
            if prev is not None and prev.day is not None and prev.minutes is None and _joined(text, prev.end, m.start()):
                wd = _WEEKDAY[m["wdc"] or m["wdb"]]
                out[-1] = ("stamp", replace(prev, end=m.end(), weekday=wd), out[-1][2])
            continue
        if kind in ("conn", "next"):
            out.append((kind, None, m))
            continue
        st = _stamp_of(m, text, near)
        if st is None:
            continue
        if (st.minutes is not None and prev is not None and prev.day is not None and prev.minutes is None
                and _joined(text, prev.end, st.begin)):
            out[-1] = ("stamp", replace(prev, end=st.end, minutes=st.minutes), out[-1][2])
            continue
        out.append(("stamp", st, m))
    return out


def _range_end(first: Stamp, last: Stamp, next_day: bool, first_day: date) -> tuple[Stamp, Stamp]:
    """Fill in the date the second half of a range leaves out (``5月27日至29日``,
    ``22:00至次日6:00``)."""
    if last.day_only:
        if first.day is None:
            return first, last
        try:
            last = replace(last, day=first.day.replace(day=last.day_of_month), day_only=False)
        except ValueError:
            return first, replace(last, day_only=True)
    if next_day:
        if first.day is None:
            first = replace(first, day=first_day)
        if last.day is None and first.day is not None:
            last = replace(last, day=first.day + timedelta(days=1))
    return first, last


def written_times(text: str | None, near: date) -> list[Written]:
    """Every moment and range written in ``text`` (see the module doc), in order; ``near``
    (the notice's start day) gives a date written without its year."""
    text = text or ""
    items = _stamps(text, near)
    out: list[Written] = []
    i = 0
    while i < len(items):
        kind, st, _m = items[i]
        if kind != "stamp" or st is None:
            i += 1
            continue
        first, last, j, next_day = st, None, i + 1, False
        if j < len(items) and items[j][0] == "conn" and _joined(text, st.end, items[j][2].start(), False):
            k = j + 1
            if k < len(items) and items[k][0] == "next":
                next_day, k = True, k + 1
            cand = items[k][1] if k < len(items) else None
            if cand is not None and _joined(text, items[k - 1][2].end(), cand.begin, False):
                first, last = _range_end(st, cand, next_day, near)
                j = k + 1
        i = j
        end = (last or first).end
        if first.day_only or last is not None and last.day_only:
            continue
        qualified = _QUALIFIED.match(text, end) is not None
        out.append(Written(first, last, text[first.begin:end].strip(), qualified))
    return out


# --- judging against start/end -----------------------------------------------------------

def _judged(w: Written) -> bool:
    """Whether ``w`` states the notice's period (module doc: a date alone only with a
    weekday or a time, or as the first date, with its year, of a range)."""
    if w.qualified:
        return False
    st = w.first
    if st.minutes is not None or st.weekday is not None:
        return True
    return w.last is not None and st.year_given


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class _Period:
    start: datetime
    end: datetime | None

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date | None:
        return None if self.end is None else (self.end - timedelta(microseconds=1)).date()

    @property
    def one_day(self) -> bool:
        return self.last_day == self.first_day

    def daily(self) -> tuple[int, int] | None:
        """Daily hours (minutes) of a period of several days, when its start's time of day
        is before its end's."""
        if self.end is None or self.one_day:
            return None
        a = self.start.hour * 60 + self.start.minute
        b = self.end.hour * 60 + self.end.minute or 1440
        return (a, b) if a < b else None


def _resolve(st: Stamp, per: _Period) -> tuple[str, object] | None:
    """What ``st`` says: ``("dt", datetime)``, ``("date", date)``, ``("daily", minutes)``
    or ``None`` (a time alone on a period of several days without daily hours)."""
    tz = per.start.tzinfo
    if st.day is not None and st.minutes is not None:
        return "dt", datetime(st.day.year, st.day.month, st.day.day, tzinfo=tz) + timedelta(minutes=st.minutes)
    if st.day is not None:
        return "date", st.day
    if st.minutes is None:
        return None
    if per.one_day or per.end is None:
        day = per.first_day
        return "dt", datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=st.minutes)
    return ("daily", st.minutes) if per.daily() else None


def _show(kind: str, value) -> str:
    if kind == "dt":
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == "date":
        return value.isoformat()
    return _clock(value)


def _inside(kind: str, value, per: _Period) -> bool:
    if kind == "dt":
        return per.start <= value and (per.end is None or value <= per.end)
    if kind == "date":
        return per.first_day <= value and (per.last_day is None or value <= per.last_day)
    lo, hi = per.daily() or (0, 1440)
    return lo <= value <= hi


def _bounds(kind: str, per: _Period):
    """The period's (beginning, end) in the terms of ``kind``."""
    if kind == "dt":
        return per.start, per.end
    if kind == "date":
        return per.first_day, per.last_day
    return per.daily() or (None, None)


def contradictions(texts: dict[str, str | None], start: datetime, end: datetime | None,
                   tz: tzinfo) -> list[Contradiction]:
    """The moments and ranges written in ``texts`` (``{field: text}``, e.g. ``body`` and
    ``actions``) that contradict a notice running from ``start`` to ``end`` (aware; ``end``
    may be ``None``), judged in the zone ``tz`` as the module doc says: a wrong weekday, a
    moment outside the period, and the earliest beginning and latest end of the ranges of
    all the texts together that differ from ``start``/``end``. At most one contradiction per
    moment or range, in field and text order."""
    per = _Period(start.astimezone(tz), None if end is None else end.astimezone(tz))
    found: dict[tuple[int, int], Contradiction] = {}
    spans: dict[str, list[tuple[tuple[int, int], Written, object, object]]] = {}
    for n, (name, text) in enumerate(texts.items()):
        for w in written_times(text, per.first_day):
            if _judged(w):
                key = (n, w.offset)
                for c in _moment_faults(w, name, per):
                    found.setdefault(key, c)
                ends = [_resolve(st, per) for st in (w.first, w.last) if st is not None]
                if len(ends) == 2 and ends[0] and ends[1] and ends[0][0] == ends[1][0]:
                    spans.setdefault(ends[0][0], []).append((key, replace(w, field=name), ends[0][1], ends[1][1]))
    for kind, items in spans.items():
        lo, hi = _bounds(kind, per)
        k0, w0, b0, _e = min(items, key=lambda x: x[2])   # type: ignore[arg-type,return-value]
        if lo is not None and b0 != lo:
            found.setdefault(k0, Contradiction(w0, "begin", _show(kind, b0)))
        k1, w1, _b, e1 = max(items, key=lambda x: x[3])   # type: ignore[arg-type,return-value]
        if hi is not None and e1 != hi:
            found.setdefault(k1, Contradiction(w1, "end", _show(kind, e1)))
    return [found[k] for k in sorted(found)]


def _moment_faults(w: Written, name: str, per: _Period) -> list[Contradiction]:
    """A wrong weekday of ``w``, or a moment of it outside the period."""
    w = replace(w, field=name)
    out = []
    for st in (w.first, w.last):
        if st is not None and st.weekday is not None and st.day is not None and st.weekday != st.day.weekday():
            out.append(Contradiction(w, "weekday", WEEKDAY_NAMES[st.day.weekday()]))
    for st in (w.first, w.last):
        r = _resolve(st, per) if st is not None else None
        if r is not None and not _inside(*r, per):
            out.append(Contradiction(w, "outside", _show(*r)))
    return out
