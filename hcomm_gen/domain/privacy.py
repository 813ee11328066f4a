"""What identifies an occupant in a text: phone numbers, room addresses, personal names
(VISIT-PRIVACY P5.3.3, SUGGESTION-ANONYMOUS T4, PUBLIC-PRIVACY; PROCEDURE.md "Outputs":
never anyone's phone or name other than staff contact points).

The patterns are written once here and used by the rules (SUGGESTION-ANONYMOUS,
PUBLIC-PRIVACY) and by the test of the built outputs (VISIT-PRIVACY):

* :data:`PHONE` / :data:`ROOM`: a phone number or room written compactly (``13812345678``,
  ``0571-88886666``; ``3栋2单元0301``, ``3-2-0301``), any room, registry or not;
* :data:`PHONE_WRITTEN`: a phone number as people write it, with spaces or dashes
  (``138 1234 5678``, ``138-1234-5678``, ``0571-8888 6666``);
* :data:`ROOM_WRITTEN`: a room written with its numbers as groups ``b`` (building), ``u``
  (unit, optional) and ``r`` (room), for :func:`registry_rooms` / :func:`find_rooms`;
* :data:`SURNAMES`, :data:`PERSON` (王先生, 李阿姨), :data:`NAME_AFTER` / :data:`NAME_BEFORE`
  (a full name such as 王秀英 written right after or before a room or phone).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: the most common Chinese surnames (one character each)
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
            "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
            "郝龚邵万钱严覃武戴莫孔向汤")
_TITLES = "先生|女士|小姐|阿姨|师傅|大爷|大妈|奶奶|爷爷|老师|同学"
_HAN = "\u4e00-\u9fff"
#: a person named by surname and form of address: 王先生, 李阿姨, 张大爷
PERSON = re.compile(f"[{SURNAMES}][{_HAN}]?(?:{_TITLES})")

_MOBILE = r"1[3-9]\d{9}"
_MOBILE_WRITTEN = r"1[3-9]\d[ -]?\d{4}[ -]?\d{4}"
_LANDLINE = r"0\d{2,3}-?\d{7,8}"
_LANDLINE_WRITTEN = r"0\d{2,3}[ -]?\d{3,4}[ -]?\d{4}"
#: a mobile or landline number written without spaces (SUGGESTION-ANONYMOUS)
PHONE = re.compile(rf"(?<!\d)(?:{_MOBILE}|{_LANDLINE})(?!\d)")
#: a mobile (11 digits, 1[3-9]…) or landline with area code, spaces or dashes allowed
PHONE_WRITTEN = re.compile(rf"(?<!\d)(?:{_MOBILE_WRITTEN}|{_LANDLINE_WRITTEN})(?!\d)")
#: a room such as 3栋2单元0301(室) or a household ID 3-2-0301 (SUGGESTION-ANONYMOUS)
ROOM = re.compile(r"\d+\s*[栋幢]\s*\d*\s*单元?\s*\d{3,4}\s*室?|(?<!\d)\d{1,2}-\d{1,2}-\d{3,4}(?!\d)")
#: a room with its numbers: 4栋1单元0302, 4栋1单元302, 4栋0302(室), 4-1-0302
ROOM_WRITTEN = re.compile(r"(?<!\d)(?P<b>\d{1,3})\s*[栋幢]\s*(?:(?P<u>\d{1,2})\s*单元\s*)?(?P<r>\d{3,4})(?!\d)(?:\s*室)?"
                          r"|(?<!\d)(?P<b2>\d{1,3})-(?P<u2>\d{1,2})-(?P<r2>\d{3,4})(?!\d)")
_FULL_NAME = f"[{SURNAMES}](?:[{_HAN}]?(?:{_TITLES})|[{_HAN}]{{1,2}})"
_LINK = r"[ \t]*[，,、]?[ \t]*(?:[（(]?(?:联系电话|电话|手机|联系人)[)）]?)?[ \t]*[:：]?[ \t]*"
#: a name written right after a room or phone (``…0302王秀英``, ``… 电话：王秀英``)
NAME_AFTER = re.compile(rf"{_LINK}(?P<name>{_FULL_NAME})")
#: a name written right before a room or phone (``王秀英 13812345678``, ``王秀英电话：…``);
#: matched against the text before the room or phone
NAME_BEFORE = re.compile(rf"(?P<name>{_FULL_NAME}){_LINK}$")


def digits(text: str) -> str:
    """The digits of ``text`` (``"0571-8888 6666"`` → ``"057188886666"``)."""
    return re.sub(r"\D", "", text)


def _num(text: str) -> str:
    return text.lstrip("0") or "0"


def _number_of(name: str) -> str:
    """The number of a building or unit name (``"4栋"`` → ``"4"``; ``""`` when it has none)."""
    m = re.search(r"\d+", name)
    return _num(m.group(0)) if m else ""


def registry_rooms(households: Iterable) -> set[tuple[str, str, str]]:
    """The rooms of the registry's households as ``(building, unit, room)`` numbers without
    leading zeros (``4栋 1单元 0302`` → ``("4", "1", "302")``), each also as
    ``(building, "", room)`` (a room written without its unit, ``4栋0302``). ``households``:
    :class:`~hcomm_gen.records.models.Household` records (building, unit, room)."""
    out: set[tuple[str, str, str]] = set()
    for h in households:
        b, u, r = _number_of(h.building), _number_of(h.unit), _number_of(h.room)
        if b and r:
            out |= {(b, u, r), (b, "", r)}
    return out


@dataclass(frozen=True)
class Finding:
    """One thing in a text that identifies an occupant: ``what`` is ``"phone"`` or ``"room"``;
    ``start``/``end`` the character offsets of the number or room in the text; ``name`` a
    personal name written next to it (``""`` when none); ``text`` the whole matched text
    (name included), as written."""

    what: str
    start: int
    end: int
    name: str
    text: str


def _with_name(text: str, what: str, start: int, end: int) -> Finding:
    after = NAME_AFTER.match(text, end)
    before = NAME_BEFORE.search(text[max(0, start - 12):start])
    if after:
        return Finding(what, start, end, after.group("name"), text[start:after.end()])
    if before:
        at = start - len(before.group(0))
        return Finding(what, start, end, before.group("name"), text[at:end])
    return Finding(what, start, end, "", text[start:end])


def find_private(text: str, rooms: set[tuple[str, str, str]], public_phones: set[str]) -> Iterator[Finding]:
    """Every phone number and registry room in ``text``, in order, each with a personal name
    written next to it: phone numbers (:data:`PHONE_WRITTEN`) whose digits are not in
    ``public_phones`` (digits only, e.g. the office hotline) — a mobile always, a landline only
    with a name next to it (alone it is an organisation's line: a utility's hotline, a
    corrected contact number) —, rooms (:data:`ROOM_WRITTEN`)
    that are in ``rooms`` (:func:`registry_rooms`). An area alone (3栋, 3栋2单元) is no room."""
    found = []
    for m in PHONE_WRITTEN.finditer(text):
        number = digits(m.group(0))
        if number not in public_phones:
            f = _with_name(text, "phone", m.start(), m.end())
            if number.startswith("1") or f.name:  # a landline alone may be a utility's hotline
                found.append(f)
    for m in ROOM_WRITTEN.finditer(text):
        if m.group("b") is not None:
            key = (_num(m.group("b")), _num(m.group("u")) if m.group("u") else "", _num(m.group("r")))
        else:
            key = (_num(m.group("b2")), _num(m.group("u2")), _num(m.group("r2")))
        if key in rooms:
            found.append(_with_name(text, "room", m.start(), m.end()))
    yield from sorted(found, key=lambda f: f.start)
