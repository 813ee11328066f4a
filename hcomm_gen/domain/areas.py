"""Whom a notice concerns: its ``areas`` read against the community's buildings and units
(the household registry, ``households.yaml``), for the building pages, their calendars and
lobby sheets (issue 11 item 2), and the home page's today/tomorrow strip (item 3).

An area is written ``3栋`` (a building), ``3栋2单元`` (a unit of it), ``全体业户`` (everyone;
also ``全体住户``, ``全小区``) or a public place (``地下车库公共区域``): RECORD-REF checks the
names against the registry. The general rule, whatever the buildings are called:

* a notice concerns a building when one of its areas is that building or one of its units,
  or is everyone;
* a notice none of whose areas names a building of the registry (no areas, or only public
  places) concerns everyone: a public place is shared by every building.

URL slugs of buildings (:func:`building_slugs`) are ASCII and stable: the building's name
without its ``栋``/``幢`` when that is ASCII letters and digits (``3栋`` → ``3``, ``A幢`` →
``a``), else the name's UTF-8 bytes in hex after ``b`` (``东楼栋`` → ``be4b89ce6a5bc``), so a
building keeps its address whatever the order of the registry.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from hcomm_gen.records.models import Building, Notice

#: the areas that mean the whole community (RECORD-REF accepts them)
ALL_HOUSEHOLDS = ("全体业户", "全体住户", "全小区")
#: an area naming a building (``b``) and perhaps one of its units (``u``): ``3栋``, ``3栋2单元``
AREA = re.compile(r"(?P<b>[^栋幢]+[栋幢])(?P<u>[^单元]+单元)?")
#: what a building's name ends with, left out of its slug
_SUFFIX = ("栋", "幢")
_ASCII = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def area_building(area: str) -> str | None:
    """The building an area names (``3栋2单元`` → ``3栋``, ``3栋`` → ``3栋``); ``None`` for
    everyone or a public place."""
    if area in ALL_HOUSEHOLDS:
        return None
    m = AREA.fullmatch(area.strip())
    return m.group("b") if m else None


def notice_buildings(notice: Notice, buildings: Iterable[str]) -> set[str] | None:
    """The buildings (names out of ``buildings``) ``notice`` concerns, or ``None`` when it
    concerns everyone (an area ``全体业户``…, or no area naming one of ``buildings``)."""
    names = set(buildings)
    if any(a.strip() in ALL_HOUSEHOLDS for a in notice.areas):
        return None
    named = {b for b in (area_building(a) for a in notice.areas) if b in names}
    return named or None


def concerns(notice: Notice, building: str, buildings: Iterable[str]) -> bool:
    """Whether ``notice`` concerns ``building`` (one of ``buildings``, the registry's names):
    it names the building or one of its units, or it concerns everyone (see the module)."""
    named = notice_buildings(notice, buildings)
    return named is None or building in named


def building_slug(name: str) -> str:
    """The ASCII address part of a building: ``3栋`` → ``3``, ``A幢`` → ``a``, ``东楼栋`` →
    ``be4b89ce6a5bce6a08b`` (``b`` and the UTF-8 bytes of the whole name in hex; a long name:
    ``h`` and 32 hex digits of its SHA-256, :func:`_hex_slug`)."""
    bare = name.strip()
    for suffix in _SUFFIX:
        if bare.endswith(suffix) and len(bare) > len(suffix):
            bare = bare[: -len(suffix)]
            break
    if _ASCII.fullmatch(bare) and len(bare) <= SLUG_MAX:
        return bare.lower()
    return _hex_slug(name)


#: the longest slug: it stands in file names (``calendar-<slug>.ics``, ``<slug>.pdf``)
SLUG_MAX = 40


def _hex_slug(name: str) -> str:
    """``b`` and the UTF-8 bytes of ``name`` in hex; a name longer than that allows
    (:data:`SLUG_MAX`) gets ``h`` and the first 32 hex digits of its SHA-256 instead, so that
    a long building name never makes a file name the machine refuses."""
    hexed = "b" + name.strip().encode("utf-8").hex()
    if len(hexed) <= SLUG_MAX:
        return hexed
    return "h" + hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:32]


def building_slugs(buildings: Iterable[Building]) -> dict[str, str]:
    """``{building name: slug}`` of the registry's buildings, in their order, slugs unique:
    a slug already taken (``3栋`` and ``3幢``) falls back to the hex form of the name."""
    out: dict[str, str] = {}
    for b in buildings:
        slug = building_slug(b.building)
        if slug in out.values():
            slug = _hex_slug(b.building)
        out.setdefault(b.building, slug)
    return out
