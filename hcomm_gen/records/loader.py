"""Load a community's ``records/`` folder into typed records, collecting every problem.

:func:`load_records` never raises for bad input: a file that cannot be read or typed is
reported (with line and column) and left out, and every other file is still loaded.
"""
from __future__ import annotations

import difflib
import gc
import os
import re
import stat
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ValidationError

from hcomm_gen.core.errors import RecordsError
from hcomm_gen.core.problems import ERROR, WARNING, Position, Problem, rel
from hcomm_gen.core.registry import declare
from hcomm_gen.records.models import (
    Building,
    Case,
    Community,
    Household,
    Meeting,
    Notice,
    Record,
    Registry,
    Suggestion,
    SurveyAnswers,
    SurveyRound,
    Visit,
    VisitSummary,
)
from hcomm_gen.records.types import DEFAULT_TZ
from hcomm_gen.records.yamlsrc import SourceDoc, load_file

# the record-format rules raised here (this tool's own, not clauses of the procedure); the
# rules layer checks them further (hcomm_gen.rules: notices.check_expires, surveys, common)
declare("RECORD-FIELD", clause="格式", zh="字段名称和取值必须符合记录格式",
        en="fields and values follow the record format",
        doc="known fields only (a typo is named, with the closest field); values convert: dates "
            "`2026-03-05`, date-times `2026-03-05 09:00` (community time zone unless an offset is "
            "written), times `09:00`, yes/no, whole numbers (a date written another way is answered "
            "with the right form, keeping the time in a date-time field); a list item is named by "
            "list and number (`warning_signs 第 1 项`); a field with fixed choices also takes their Chinese "
            "names (`kind: 停水` = `kind: outage` + `outage: water`, a written `outage:` saying otherwise is "
            "an error; docs/records.md lists the names), and a value that is none of them is answered "
            "with every choice under both names (`停水 (outage: water)`) and the closest one; a notice's "
            "`expires` is not earlier than its `start` (both named); files "
            "under `records/` that are not read (other endings, `.yaml` outside a record folder) "
            "are a warning; a missing `community.yaml` or records folder is reported at `path:1:1`, "
            "and so are, as errors, a record folder saved as a file (`records/notices`), a folder or "
            "file under `records/` this account cannot read, a link leading outside `records/` (or "
            "nowhere, or back to a folder already read; a link inside `records/` is followed) and a "
            "named pipe, device or socket (never opened); whole "
            "numbers are range-checked (lead days 0–365, display days 1–3650, months 1–12, "
            "weekday 1–7, calendar years 2000–2100, counts 0–100,000, numbers 1–999; a date typed "
            "as a number is named); a household's `moved_out` is not before its `occupied_since`")
declare("RECORD-REF", clause="格式", zh="引用的记录必须存在", en="references between records resolve",
        doc="references resolve, naming the missing ID: notice areas → registry buildings/units; "
            "each registry household → a building of its `buildings:` list and one of that building's "
            "units (at the household's line, the closest named); "
            "case household → registry; visit summary decision → visit and opinion number; "
            "return visit → case (`rules/visits.py`); a survey `answers.yaml` → its `round.yaml` "
            "in the same folder")

def zone(name: str) -> ZoneInfo | None:
    """The time zone named ``name`` (``community.yaml`` ``time_zone``, e.g. ``Asia/Shanghai``),
    or ``None`` when it names none: unknown, malformed (``/x``, ``..``), a folder of the zone
    database (``Asia``), a name too long for a file name, or a file that is not a zone.
    Never raises."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: the one place that says where its files are, which model types
    them, where the loaded records go, whether they carry an ID, and how they stand at an
    earlier moment (``hcomm status --today``, ``--now``). Loading, the JSON schemas, RECORD-ID
    and :func:`hcomm_gen.domain.asof.as_of` all read :data:`RECORD_KINDS`.

    :ivar name: the kind's name (JSON schema file ``NAME.schema.json``).
    :ivar model: the pydantic model of one file.
    :ivar folder: folder under ``records/`` with one file per record (folders by year below
        it), or ``None`` for a kind loaded otherwise (``community.yaml``, survey rounds).
    :ivar attr: where :class:`Records` keeps the loaded records (``"notices"``, or a dotted
        path such as ``"registry.households"`` for the households of the registry file);
        ``None`` for a kind kept inside another (survey answers inside their round).
    :ivar id_label: the records carry an ``id`` (RECORD-ID: its form, unique across kinds);
        the label names the kind (``"notice"``), ``None`` if no ID.
    :ivar happened: the field dating the record: a record dated after ``now`` had not
        happened yet and is left out as of ``now`` (a date counts from the day after).
    :ivar pending: fields dated after ``now`` are "not yet" (empty) as of ``now``.
    :ivar pending_lists: list fields of dated entries (``time``) whose later entries are left out.
    :ivar published: what the records of this kind say reaches the public site or the printed
        sheets (the notices, the meetings listed, the survey results, the community's contact
        points, the registry's buildings and occupied households behind the areas and the
        published quotas). The details of cases, suggestions and visits, and the visit
        summaries, never do (VISIT-PRIVACY; they reach public pages only as counts): a problem
        in such a file never stops publication (:func:`mark_published`).
    """

    name: str
    model: type[Record]
    folder: str | None = None
    attr: str | None = None
    id_label: str | None = None
    happened: str | None = None
    pending: tuple[str, ...] = ()
    pending_lists: tuple[str, ...] = ()
    published: bool = True

    def items(self, records: Records) -> list:
        """The loaded records of this kind in ``records`` (``[]`` when :attr:`attr` is ``None``)."""
        if self.attr is None:
            return []
        value: object = records
        for part in self.attr.split("."):
            value = getattr(value, part)
        return value if isinstance(value, list) else [value] if value is not None else []


#: every record kind, in the order they are loaded
RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("community", Community, attr="loaded_community"),
    RecordKind("households", Registry, attr="registry.households", id_label="household"),
    RecordKind("notices", Notice, "notices", "notices", "notice"),
    RecordKind("meetings", Meeting, "meetings", "meetings", "meeting"),
    RecordKind("cases", Case, "cases", "cases", "case", happened="received",
               pending=("first_response", "resolved", "feedback"), pending_lists=("progress",),
               published=False),
    RecordKind("suggestions", Suggestion, "suggestions", "suggestions", "suggestion", happened="received",
               published=False),
    RecordKind("visits", Visit, "visits", "visits", "visit", happened="time", pending=("feedback",),
               published=False),
    RecordKind("visit-summaries", VisitSummary, "visit-summaries", "visit_summaries",
               pending=("submitted",), published=False),
    RecordKind("survey-round", SurveyRound, attr="surveys", happened="delivered_on",
               pending=("collection_end", "analysis_done", "announced")),
    RecordKind("survey-answers", SurveyAnswers),
)

#: the file directly under records/ of the kinds kept in one file
KIND_FILES = {"community.yaml": "community", "households.yaml": "households"}
_BY_NAME = {k.name: k for k in RECORD_KINDS}
_BY_FOLDER = {k.folder: k for k in RECORD_KINDS if k.folder}


def kind_of_file(path: str | Path, records_dir: Path) -> RecordKind | None:
    """The record kind of the file ``path`` (as printed in a problem: relative to the current
    folder, or absolute) under the records folder ``records_dir``: by its folder
    (``visits/…`` → visits; ``surveys/ROUND/answers.yaml`` → survey answers, any other file of
    a survey folder → the round) or its name (``community.yaml``, ``households.yaml``);
    ``None`` for a path outside ``records_dir`` or of no kind."""
    absolute = os.path.abspath(os.path.join(os.getcwd(), os.fspath(path)))
    base = os.path.abspath(records_dir)
    if not absolute.startswith(base + os.sep):
        return None
    parts = absolute[len(base) + 1:].split(os.sep)
    if len(parts) == 1:
        name = KIND_FILES.get(parts[0])
        return _BY_NAME[name] if name else None
    if parts[0] == "surveys":
        stem = parts[-1].rsplit(".", 1)[0]
        return _BY_NAME["survey-answers" if stem == "answers" else "survey-round"]
    return _BY_FOLDER.get(parts[0])


def mark_published(problems: list[Problem], records_dir: Path) -> list[Problem]:
    """Set :attr:`~hcomm_gen.core.problems.Problem.published_record` of each problem from the
    kind of its file (:func:`kind_of_file`, :attr:`RecordKind.published`; a file of no kind
    counts as published, so a missing ``records/`` folder still stops the build). Returns
    ``problems`` (changed in place)."""
    base = Path(records_dir).resolve()
    seen: dict[str, bool] = {}
    for p in problems:
        if p.pos.path not in seen:
            kind = kind_of_file(p.pos.path, base)
            seen[p.pos.path] = kind is None or kind.published
        p.published_record = seen[p.pos.path]
    return problems


#: folder under records/ → record class (the kinds with one file per record in a folder)
FOLDERS: dict[str, type[Record]] = {k.folder: k.model for k in RECORD_KINDS if k.folder}

#: every record kind → its model (the JSON schemas: :mod:`hcomm_gen.app.schema`)
KINDS: dict[str, type[Record]] = {k.name: k.model for k in RECORD_KINDS}


class Untyped(Record):
    """What is kept of a record file that did not type: its written ``id`` (text) and its
    source (for positions). Only RECORD-ID looks at it (:attr:`Records.untyped`)."""

    id: str


@dataclass
class Records:
    """Everything loaded from one ``records/`` folder. Lists are sorted by file path.

    ``community`` is the community file's record; it is there whenever loading succeeded
    (no errors). Code that may run on a failed load asks :attr:`has_community` first.
    """

    root: Path
    loaded_community: Community | None = None
    registry: Registry = field(default_factory=Registry)
    notices: list[Notice] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    visit_summaries: list[VisitSummary] = field(default_factory=list)
    surveys: list[SurveyRound] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    #: ``(ID label, record)`` of the record files that did not type (their RECORD-FIELD errors
    #: are in :attr:`problems`) but name a text ``id``: an :class:`Untyped` keeping only it, so
    #: that RECORD-ID still sees a repeated ID in the same run (issue 12: one run, every problem)
    untyped: list[tuple[str, Record]] = field(default_factory=list)
    #: when ``community.yaml`` did not type only because of fields that say something about the
    #: community itself (:data:`COMMUNITY_OWN`), the community typed without them: the rules
    #: check the other records against it in the same run (``None`` otherwise)
    stand_in_community: Community | None = None
    #: when ``households.yaml`` did not type: what of it can still be referred to (its typed
    #: buildings and households, and the names and IDs written in the items that did not type),
    #: so that areas and household references are checked in the same run (``None`` otherwise)
    registry_refs: RegistryRefs | None = None

    @property
    def has_community(self) -> bool:
        """Whether ``records/community.yaml`` loaded."""
        return self.loaded_community is not None

    @property
    def community(self) -> Community:
        """The community (``records/community.yaml``).

        :raises RecordsError: it did not load (missing or unreadable; the load problems say
            why): never the case once loading succeeded.
        """
        if self.loaded_community is None:
            raise RecordsError("缺少小区文件 records/community.yaml，或它读不出来。请先运行 hcomm check 并改正。",
                               "records/community.yaml is missing or unreadable. Run hcomm check and fix it.")
        return self.loaded_community

    @property
    def tz(self) -> tzinfo:
        """The community's time zone (``ZoneInfo``); Asia/Shanghai until the community loads."""
        if self.loaded_community is None:
            return DEFAULT_TZ
        return zone(self.loaded_community.time_zone) or DEFAULT_TZ

    def households_by_id(self) -> dict[str, Household]:
        """``{household ID: household}`` of the registry."""
        return {h.id: h for h in self.registry.households}

    def by_folder(self) -> dict[str, list[Record]]:
        """``{folder under records/: the list its records are loaded into}`` (:data:`FOLDERS`)."""
        return {k.folder: getattr(self, k.attr) for k in RECORD_KINDS if k.folder and k.attr}


_NESTED: dict[type, list[tuple[str, str]]] = {}


def _nested_fields(cls: type[BaseModel]) -> list[tuple[str, str]]:
    """``(attribute, key)`` of the fields of ``cls`` that may hold records (cached)."""
    if cls not in _NESTED:
        _NESTED[cls] = [(name, info.alias or name) for name, info in cls.model_fields.items()
                        if _model_in(info.annotation) is not None]
    return _NESTED[cls]


def _attach(model: BaseModel, src: SourceDoc, loc: tuple) -> None:
    """Give ``model`` and every nested record its source and location (for positions)."""
    if isinstance(model, Record):
        private = model.__pydantic_private__
        if private is not None:  # set in place: pydantic's __setattr__ is slow
            private["_src"], private["_loc"] = src, loc
        else:
            model._src, model._loc = src, loc
    for name, key in _nested_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _attach(value, src, loc + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _attach(item, src, loc + (key, i))
        elif isinstance(value, dict):
            for k, item in value.items():
                if isinstance(item, BaseModel):
                    _attach(item, src, loc + (key, str(k)))


def _describe(value) -> str:
    if value is None:
        return "空"
    if isinstance(value, (list, dict)):
        return "列表" if isinstance(value, list) else "映射"
    return f"“{value}”"


def _model_at(cls: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    """The model of the mapping at ``loc`` (the one that holds a bad key), or ``None``."""
    for part in loc:
        if isinstance(part, int) or cls is None:
            continue
        info = cls.model_fields.get(part) or next(
            (f for f in cls.model_fields.values() if f.alias == part), None)
        if info is None:
            return None
        cls = _model_in(info.annotation)
    return cls


def _field_names(cls: type[BaseModel], loc: tuple) -> list[str]:
    """Field names valid at ``loc`` (the mapping that holds the bad key)."""
    model = _model_at(cls, loc)
    return [f.alias or n for n, f in model.model_fields.items()] if model else []


def _field_hint(cls: type[BaseModel], loc: tuple, name: str) -> str | None:
    """The field meant by the unknown key ``name`` at ``loc`` when the model names it in its
    ``field_hints`` (``summary`` → ``explanation`` of a visit summary), else ``None``."""
    hints = getattr(_model_at(cls, loc), "field_hints", None) or {}
    return hints.get(name.strip().lower(), hints.get(name.strip()))


def _model_in(ann):
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _model_in(arg)
        if found:
            return found
    return None


def _field_label(loc: tuple) -> tuple[str, str]:
    """How a location is named in messages (zh, en): the field (``title``), or for a list item
    the list and the item's 1-based number (``warning_signs 第 1 项`` / ``warning_signs item 1``)."""
    if not loc:
        return "", ""
    if isinstance(loc[-1], int):
        parent = next((str(p) for p in reversed(loc[:-1]) if not isinstance(p, int)), "")
        return f"{parent} 第 {loc[-1] + 1} 项", f"{parent} item {loc[-1] + 1}"
    return str(loc[-1]), str(loc[-1])


def pydantic_problems(exc: ValidationError, src: SourceDoc, cls: type[BaseModel],
                      base: tuple = ()) -> list[Problem]:
    """Map pydantic errors to RECORD-FIELD problems at the right line and column."""
    out = []
    for err in exc.errors(include_url=False):
        loc = base + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(
            ("function-", "literal[", "int", "str", "list[", "dict[", "lax-", "json-"))))
        etype, value = err["type"], err.get("input")
        key_error = bool(loc) and loc[-1] == "[key]"  # a mapping's key (a calendar year)
        if key_error:
            loc = loc[:-1]
        if value is None and etype != "missing" and src.pos(loc).line in src.reported_lines:
            continue  # an empty value the loader explained already (``title: #3栋…``)
        field_name, field_en = _field_label(loc)
        if etype == "missing":
            pos = src.pos(loc[:-1])
            zh = f"缺少必填字段“{field_name}”。请加上一行 {field_name}: …"
            en = f"Required field '{field_name}' is missing. Add a line '{field_name}: …'."
        elif etype == "extra_forbidden":
            pos = src.pos(loc, key=True)
            names = _field_names(cls, loc[len(base):-1])
            hinted = _field_hint(cls, loc[len(base):-1], field_name)
            close = [hinted] if hinted else difflib.get_close_matches(field_name, names, n=1)
            if field_name.strip() != field_name or field_name.startswith("\u3000"):
                hint_zh, hint_en = "字段名前后有空格或全角空格，请删掉。", "The key has stray spaces; remove them."
            elif close:
                hint_zh, hint_en = f"是不是“{close[0]}”？", f"Did you mean '{close[0]}'?"
            else:
                hint_zh = f"可用的字段：{'、'.join(names)}。" if names else ""
                hint_en = f"Allowed fields: {', '.join(names)}." if names else ""
            zh = f"不认识的字段“{field_name}”（拼写错误？）。{hint_zh}"
            en = f"Unknown field '{field_name}' (a typo?). {hint_en}"
        elif etype == "hcomm":
            pos = src.pos(loc, key=key_error)
            if key_error:
                field_name = field_en = str(loc[-2]) if len(loc) > 1 else field_name
            zh = f"{field_name}: {err['msg']}"
            en = f"{field_en}: {err.get('ctx', {}).get('en', err['msg'])}"
            if value is None and loc and isinstance(loc[-1], int):
                zh += "这一项是空的：请填上内容，或删掉这一行“- ”。"
                en += " The item is empty: fill it in or delete the '- ' line."
        elif etype == "literal_error":
            pos = src.pos(loc)
            expected = err.get("ctx", {}).get("expected", "")
            choices = re.findall(r"'([^']*)'", expected)
            expected_zh = "、".join(f"“{c}”" for c in choices) if choices else expected
            zh = f"{field_name}: {_describe(value)}不是可选的值。请改成其中之一：{expected_zh}。"
            en = f"{field_en}: {value!r} is not one of the allowed values. Write one of {expected}."
        elif etype in ("model_type", "dict_type", "model_attributes_type"):
            pos = src.pos(loc)
            zh = f"{field_name}: 这里应该是“键: 值”的映射，实际是{_describe(value)}。"
            en = f"{field_en}: expected a mapping of 'key: value', found {value!r}."
        elif etype == "list_type":
            pos = src.pos(loc)
            zh = f"{field_name}: 这里应该是列表（每项一行，以“- ”开头，或写成 [甲, 乙]），实际是{_describe(value)}。"
            en = f"{field_en}: expected a list ('- ' items or [a, b]), found {value!r}."
        else:
            pos = src.pos(loc)
            zh = f"{field_name}: 取值{_describe(value)}不对（{err['msg']}）。"
            en = f"{field_en}: bad value {value!r} ({err['msg']})."
        out.append(Problem("RECORD-FIELD", pos, zh, en, ERROR))
    return out


def parse_record(cls: type[Record], src: SourceDoc, tz) -> tuple[Record | None, list[Problem]]:
    """Type one parsed file as ``cls``. Returns ``(record or None, problems)``."""
    try:
        rec = cls.model_validate(src.data, context={"tz": tz})
    except ValidationError as exc:
        return None, pydantic_problems(exc, src, cls)
    _attach(rec, src, ())
    return rec, []


@dataclass
class RegistryRefs:
    """What a ``households.yaml`` that did not type still says for references (RECORD-REF):
    ``registry`` holds the items that typed (each at its own line), ``more_buildings`` the
    building names and ``more_ids`` the household IDs written in the items that did not (their
    errors are reported; a reference to them is not reported again)."""

    registry: Registry
    more_buildings: set[str] = field(default_factory=set)
    more_ids: set[str] = field(default_factory=set)

    @property
    def buildings(self) -> set[str]:
        """Every building name, typed or not."""
        return {b.building for b in self.registry.buildings} | self.more_buildings

    @property
    def household_ids(self) -> set[str]:
        """Every household ID, typed or not."""
        return {h.id for h in self.registry.households} | self.more_ids


def registry_refs(src: SourceDoc, tz) -> RegistryRefs | None:
    """The buildings and households of a registry file that did not type as a whole, typed
    one item at a time (:class:`RegistryRefs`); ``None`` when the file is not a mapping."""
    data = src.data
    if not isinstance(data, dict):
        return None
    out = RegistryRefs(Registry.model_construct(buildings=[], households=[]))
    lists: tuple[tuple[str, type[Record], list, str], ...] = (
        ("buildings", Building, out.registry.buildings, "building"),
        ("households", Household, out.registry.households, "id"))
    for key, cls, keep, name in lists:
        items = data.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                rec = cls.model_validate(item, context={"tz": tz})
            except ValidationError:
                raw = item.get(name) if isinstance(item, dict) else None
                if isinstance(raw, str) and raw.strip():
                    (out.more_buildings if key == "buildings" else out.more_ids).add(raw.strip())
                continue
            _attach(rec, src, (key, i))
            keep.append(rec)
    return out


#: fields of ``community.yaml`` that say something about the community alone, never about how
#: the other records are checked (not the office's phones either: PUBLIC-PRIVACY treats them as
#: public): when only these are wrong, the rules still run (:func:`stand_in_community`)
COMMUNITY_OWN = {"id": "community", "name": "", "site_url": "", "reception_day": None}


def stand_in_community(src: SourceDoc, tz) -> Community | None:
    """``community.yaml`` typed without the fields of :data:`COMMUNITY_OWN` that are wrong
    (replaced by a neutral value), so that one run reports the community's errors *and* checks
    every other record (issue 12: one run, every problem); ``None`` when another field is
    wrong too (the rules then wait for the file to be corrected)."""
    data = src.data
    if not isinstance(data, dict):
        return None
    try:
        Community.model_validate(data, context={"tz": tz})
    except ValidationError as exc:
        bad = {str(err["loc"][0]) if err["loc"] else "" for err in exc.errors(include_url=False)}
    else:  # pragma: no cover - it typed: not a stand-in
        return None
    if not bad <= set(COMMUNITY_OWN):
        return None
    fixed = {k: v for k, v in data.items() if k not in bad}
    fixed.update({k: COMMUNITY_OWN[k] for k in bad if COMMUNITY_OWN[k] is not None})
    try:
        rec = Community.model_validate(fixed, context={"tz": tz})
    except ValidationError:
        return None
    _attach(rec, src, ())
    return rec


@dataclass
class _Walk:
    """What :func:`walk_records` found under ``records/``: the regular files that may be read
    (``files``, sorted, as paths under ``records/``: a link kept under its own name), the
    paths refused (``refused``: never opened) and the RECORD-FIELD errors saying why."""

    files: list[Path] = field(default_factory=list)
    refused: set[Path] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def _kind_of_entry(st_mode: int) -> tuple[str, str]:
    """(zh, en) name of a non-regular file type."""
    if stat.S_ISFIFO(st_mode):
        return "命名管道（FIFO）", "a named pipe (FIFO)"
    if stat.S_ISSOCK(st_mode):
        return "套接字（socket）", "a socket"
    if stat.S_ISCHR(st_mode) or stat.S_ISBLK(st_mode):
        return "设备文件", "a device file"
    return "特殊文件", "a special file"


def _plain_mode(entry: os.DirEntry) -> int:
    """``stat.S_IFREG`` or ``stat.S_IFDIR`` for a regular file or folder that is not a link
    (nor a Windows junction), from the directory listing (no ``stat`` call per file on most
    systems); ``0`` for anything else (to be ``stat``'ed). :raises OSError: as ``DirEntry``."""
    if entry.is_symlink() or getattr(entry, "is_junction", lambda: False)():
        return 0
    if entry.is_file(follow_symlinks=False):
        return stat.S_IFREG
    return stat.S_IFDIR if entry.is_dir(follow_symlinks=False) else 0


def walk_records(base: Path, shown) -> _Walk:
    """Every entry under the records folder ``base`` (names starting with ``.`` are left
    alone: hidden files are not records), never silently skipping one that might hold a
    record. Each of these is a RECORD-FIELD error at ``path:1:1`` saying how to fix it, and
    the entry is not read (it stops publication when its folder's records are published,
    :func:`mark_published`):

    * a folder or file this account cannot read (permissions), or that vanished;
    * a symbolic link (or Windows junction) leading outside ``records/``, or that leads
      nowhere; a link whose target is inside ``records/`` is followed (the target's records
      are read under the link's name) — unless it leads back to a folder already read (a loop);
    * anything that is not a regular file or folder (a named pipe, a device, a socket): it
      is never opened, so a FIFO named ``x.yaml`` cannot make check or build wait forever.

    Types come from ``lstat`` (``os.scandir``); nothing is opened here.

    :param shown: ``Path → str``, how a path is printed in messages.
    """
    out = _Walk()
    real_base = os.path.realpath(base)
    seen_dirs = {real_base}

    def refuse(path: Path, zh: str, en: str) -> None:
        out.refused.add(path)
        out.problems.append(Problem("RECORD-FIELD", Position(shown(path), 1, 1), zh, en, ERROR))

    def unreadable(path: Path, what_zh: str, what_en: str, exc: OSError) -> None:
        refuse(path, f"无法读取这个{what_zh}（{exc.strerror}），里面的记录都没有被检查，也不能发布。"
                     "请让运行 hcomm 的账户能读取它（在“属性 → 安全”或用 chmod 给它读取权限），或把它移出 records/。",
               f"Cannot read this {what_en} ({exc.strerror}): its records were not checked and cannot be "
               "published. Let the account running hcomm read it (Properties → Security, or chmod), or "
               "move it out of records/.")

    def visit(folder: Path) -> None:
        seen_dirs.add(os.path.realpath(folder))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            unreadable(folder, "文件夹", "folder", exc)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                mode = _plain_mode(entry) or entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                unreadable(path, "文件", "file", exc)
                continue
            if stat.S_ISLNK(mode) or getattr(entry, "is_junction", lambda: False)():
                target = os.path.realpath(path)
                if target != real_base and not target.startswith(real_base + os.sep):
                    refuse(path, f"这是一个链接（快捷方式），指向 records/ 以外的“{os.readlink(path)}”，不会被读取。"
                                 "请把那里的文件复制到这里（代替链接），或删掉这个链接。",
                           f"This is a link pointing outside records/ (to '{os.readlink(path)}'): it is not "
                           "read. Copy the files it points to here instead of the link, or delete the link.")
                    continue
                try:
                    mode = os.stat(path).st_mode
                except OSError as exc:
                    refuse(path, f"这个链接指向的“{os.readlink(path)}”不存在或读不出来（{exc.strerror}）。"
                                 "请删掉这个链接，或改正它指向的位置。",
                           f"This link points to '{os.readlink(path)}', which does not exist or cannot be "
                           f"read ({exc.strerror}). Delete the link or correct its target.")
                    continue
                if stat.S_ISDIR(mode):
                    if target in seen_dirs:
                        refuse(path, "这个链接指回一个已经读过的文件夹（循环），不会再读一次。请删掉这个链接。",
                               "This link leads back to a folder already read (a loop): it is not read "
                               "again. Delete the link.")
                        continue
                    seen_dirs.add(target)
            if stat.S_ISDIR(mode):
                visit(path)
            elif stat.S_ISREG(mode):
                out.files.append(path)
            else:
                zh_kind, en_kind = _kind_of_entry(mode)
                refuse(path, f"这不是普通文件，而是{zh_kind}，不会被打开读取。records/ 里只放记录文件：请删掉它或移出 records/。",
                       f"This is not a regular file but {en_kind}: it is not opened. records/ holds record "
                       "files only: delete it or move it out of records/.")

    visit(Path(base))
    out.files.sort()
    return out


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector for the ``with`` block (as it was before, after).

    Loading and checking make hundreds of thousands of objects that live to the end of the
    run: each full collection walks all of them, and the collector runs one every time the
    heap has grown by a quarter, so a check of 18,000 files spent more time collecting than
    checking (3x the rules' time). Records form no reference cycles; memory is freed by
    reference counting as usual, and what cycles a step leaves are collected afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_records(root: Path, only: Iterable[Path] | None = None) -> Records:
    """Load ``root/records``. ``root`` is the office folder (the one holding ``records/``).

    :param only: if given, type-check just these files (the community file and the registry
        are always loaded, since other records need them).
    :returns: :class:`Records`; its ``problems`` list every load problem (never raises).

    The cyclic garbage collector is paused while loading (:func:`paused_gc`).
    """
    with paused_gc():
        return _load_records(root, only)


def _load_records(root: Path, only: Iterable[Path] | None = None) -> Records:
    root = Path(root)
    base = root / "records"
    out = Records(root=root)
    if not base.is_dir():
        out.problems.append(Problem("RECORD-FIELD", Position(rel(base, Path.cwd()), 1, 1),
                                    f"找不到记录文件夹 {base}。", f"No records folder at {base}.", ERROR))
        return out
    loader = _Loader(base, out, None if only is None else {Path(p).resolve() for p in only})
    walked = walk_records(base, loader.shown)
    loader.walked = walked
    out.problems.extend(walked.problems)
    loader.community()
    loader.registry()
    loader.folders()
    loader.surveys()
    out.problems.extend(_unread_files(base, walked.files, loader.shown))
    mark_published(out.problems, base)
    return out


class _Loader:
    """Reads the files of one ``records/`` folder (``base``) into ``out``, problems included;
    ``selected``: the only files to type-check (``None``: all)."""

    def __init__(self, base: Path, out: Records, selected: set[Path] | None):
        self.base, self.out, self.selected = base, out, selected
        self.base_text = str(base)
        self.base_shown = rel(base, Path.cwd())
        #: the entries under records/ (:func:`walk_records`); only its files are read
        self.walked = _Walk()
        self._files: dict[str, list[Path]] | None = None
        #: the parsed source of the file :meth:`read` read last (``None``: not parsed)
        self.last_src: SourceDoc | None = None

    def files_in(self, folder: str) -> list[Path]:
        """The record files (``.yaml``/``.yml``, sorted) of the walk under ``records/folder``."""
        if self._files is None:
            self._files = {}
            cut = len(self.base_text) + 1
            for p in self.walked.files:  # all under base (walk_records); strings: no Path parsing
                text = str(p)
                if text.lower().endswith(_YAML_ENDINGS):
                    parts = text[cut:].split(os.sep)
                    if len(parts) > 1:
                        self._files.setdefault(parts[0], []).append(p)
        return self._files.get(folder, [])

    def shown(self, p: Path) -> str:
        """``p`` as printed in messages: relative to the current folder (``rel``), computed
        from the records folder's once instead of resolving every file."""
        text = str(p)
        if text.startswith(self.base_text + os.sep):
            return self.base_shown + "/" + text[len(self.base_text) + 1:].replace(os.sep, "/")
        return rel(p, Path.cwd())

    def read(self, path: Path, cls: type[Record], id_label: str | None = None) -> Record | None:
        """One file typed as ``cls``, or ``None`` (its problems added to ``out``). With
        ``id_label``, a file that does not type but names a text ``id`` is kept in
        :attr:`Records.untyped` under that label."""
        out = self.out
        if path in self.walked.refused:
            return None  # not a regular file, unreadable, or a link leaving records/: reported
        src, probs = load_file(path, self.shown(path))
        self.last_src = src
        out.problems.extend(probs)
        out.files += 1
        if src is None:
            return None
        rec, probs = parse_record(cls, src, out.tz)
        out.problems.extend(probs)
        if rec is None and id_label is not None and isinstance(src.data, dict) \
                and isinstance(src.data.get("id"), str) and src.data["id"].strip():
            kept = Untyped.model_construct(id=src.data["id"])
            kept._src, kept._loc = src, ()
            out.untyped.append((id_label, kept))
        return rec

    def community(self) -> None:
        """``community.yaml``: required; its time zone must exist."""
        out, cpath = self.out, self.base / "community.yaml"
        if not cpath.exists() and cpath not in self.walked.refused:
            out.problems.append(Problem("RECORD-FIELD", Position(self.shown(cpath), 1, 1),
                                        "缺少小区文件 records/community.yaml（小区名称、时区、管理处等）。",
                                        "Missing records/community.yaml (community name, time zone, office).",
                                        ERROR))
            return
        community = self.read(cpath, Community)
        if not isinstance(community, Community):
            if self.last_src is not None:
                out.stand_in_community = stand_in_community(self.last_src, out.tz)
            return
        out.loaded_community = community
        if zone(community.time_zone) is None:
            out.problems.append(Problem(
                "RECORD-FIELD", community.pos("time_zone"),
                f"time_zone: “{community.time_zone}”不是时区名称。请写 Asia/Shanghai。",
                f"time_zone: '{community.time_zone}' is not a time zone; use Asia/Shanghai.",
                ERROR))

    def registry(self) -> None:
        """``households.yaml`` (optional)."""
        rpath = self.base / "households.yaml"
        if rpath.exists() or rpath in self.walked.refused:
            registry = self.read(rpath, Registry)
            self.out.registry = registry if isinstance(registry, Registry) else Registry()
            if not isinstance(registry, Registry) and self.last_src is not None:
                self.out.registry_refs = registry_refs(self.last_src, self.out.tz)

    def folders(self) -> None:
        """Every record folder of :data:`FOLDERS`, one record per file."""
        lists = self.out.by_folder()
        labels = {k.folder: k.id_label for k in RECORD_KINDS if k.folder}
        for folder, cls in FOLDERS.items():
            for path in self.files_in(folder):
                if self.selected is not None and path.resolve() not in self.selected:
                    continue
                rec = self.read(path, cls, labels.get(folder))
                if rec is not None:
                    lists[folder].append(rec)

    def surveys(self) -> None:
        """``surveys/ROUND/round.yaml`` with its ``answers.yaml``; answers without a round are
        a RECORD-REF problem."""
        out, selected = self.out, self.selected
        by_round: dict[str, dict[str, Path]] = {}
        for p in self.files_in("surveys"):
            parts = p.relative_to(self.base / "surveys").parts
            if len(parts) == 2:
                by_round.setdefault(parts[0], {})[parts[1]] = p
        for name in sorted(by_round):
            files = by_round[name]
            rpath = files.get("round.yaml") or files.get("round.yml")
            apath = files.get("answers.yaml") or files.get("answers.yml")
            if rpath is None:
                if apath is not None:
                    out.problems.append(Problem(
                        "RECORD-REF", Position(self.shown(apath), 1, 1),
                        f"有答卷 {apath.name} 但没有 round.yaml：这些答卷不属于任何一轮调查，不会被统计。"
                        f"请在同一文件夹（surveys/{name}/）里建立 round.yaml（round、delivered_on、"
                        "delivered、items），或把答卷移到它那一轮的文件夹里。",
                        f"There is {apath.name} but no round.yaml: the answers belong to no survey round and "
                        f"are not counted. Add round.yaml (round, delivered_on, delivered, items) to "
                        f"surveys/{name}/, or move the answers to their round's folder.", ERROR))
                continue
            if selected is not None and rpath.resolve() not in selected and not any(
                    s.parent == rpath.resolve().parent for s in selected):
                continue
            rnd = self.read(rpath, SurveyRound)
            if not isinstance(rnd, SurveyRound):
                continue
            if apath is not None:
                answers = self.read(apath, SurveyAnswers)
                rnd._answers = answers if isinstance(answers, SurveyAnswers) else None
            out.surveys.append(rnd)


#: files directly under records/ that are read (or documentation)
_TOP_FILES = {"community.yaml", "households.yaml", "README.md"}
_YAML_ENDINGS = (".yaml", ".yml")
_SPREADSHEETS = (".xlsx", ".xls", ".csv")


def _unread_files(base: Path, files: list[Path], shown) -> list[Problem]:
    """RECORD-FIELD warnings for the ``files`` under ``base`` (records/; the regular files of
    :func:`walk_records`) that no loader reads: a record saved with another ending (Notepad's
    ``x.yaml.txt``), a ``.yaml`` file directly under records/ or in a folder that is not a
    record folder. ``README.md`` and dotfiles (and dot-folders) are left alone."""
    out = []
    read_folders = set(FOLDERS) | {"surveys"}
    cut = len(str(base)) + 1
    for path in files:  # all under base (walk_records): split as text, no Path parsing
        parts = str(path)[cut:].split(os.sep)
        name = parts[-1]
        if name == "README.md":
            continue
        lower = name.lower()
        if lower.endswith(_YAML_ENDINGS) and len(parts) > 1 and parts[0] in read_folders:
            continue  # a record file in a record folder: read
        relp = path.relative_to(base)
        if len(relp.parts) == 1 and name in read_folders:  # records/notices saved as a file
            out.append(Problem(
                "RECORD-FIELD", Position(shown(path), 1, 1),
                f"records/{name} 是一个文件，但它必须是文件夹（{name}/2026/… 里每条记录一个 .yaml 文件）；"
                f"现在这一类记录一条也没有读到。请把这个文件改名或移走，再建立文件夹 {name}。",
                f"records/{name} is a file, but it must be a folder ({name}/2026/…, one .yaml file per "
                f"record); none of these records was read. Rename or move the file, then create the "
                f"folder {name}.", ERROR))
            continue
        if not name.lower().endswith(_YAML_ENDINGS):
            lower = name.lower()
            if relp.parts[0] == "surveys" and lower.endswith(_SPREADSHEETS):
                continue  # the spreadsheet answers.yaml was imported from (hcomm survey import)
            if ".yaml" in lower or ".yml" in lower or lower.endswith(".txt") or "." not in name:
                stem = name
                while "." in stem and not stem.lower().endswith(_YAML_ENDINGS):
                    stem = stem.rsplit(".", 1)[0]
                right = stem if stem.lower().endswith(_YAML_ENDINGS) else f"{stem}.yaml"
                zh = (f"这个文件不会被读取：扩展名应为 .yaml（现在是“{name}”）。请改名为 {right}"
                      "（在资源管理器里勾选“查看 → 文件扩展名”才能看到完整的名字）。")
                en = (f"This file is not read: the ending should be .yaml (it is '{name}'). Rename "
                      f"it to {right} (tick 'View → File name extensions' in Explorer to see the "
                      "full name).")
            else:
                zh = (f"这个文件不会被读取：扩展名应为 .yaml（现在是“{name}”）。records/ 里只放记录，"
                      "请把它移出 records/ 文件夹。")
                en = (f"This file is not read: the ending should be .yaml (it is '{name}'). "
                      "records/ holds records only: move it out of records/.")
        elif len(relp.parts) == 1:
            if name in _TOP_FILES:
                continue
            zh = f"不知道“{name}”是什么记录：记录应放在 notices/、visits/ 等文件夹里。请移到对应的文件夹。"
            en = f"Unknown record file '{name}': records go in notices/, visits/, … . Move it there."
        elif relp.parts[0] not in read_folders:
            close = difflib.get_close_matches(relp.parts[0], sorted(read_folders), n=1)
            hint_zh = f"是不是“{close[0]}”？" if close else f"可用的文件夹：{'、'.join(sorted(read_folders))}。"
            hint_en = f"Did you mean '{close[0]}'?" if close else \
                f"Record folders: {', '.join(sorted(read_folders))}."
            zh = f"这个文件不会被读取：文件夹“{relp.parts[0]}”不是记录文件夹。{hint_zh}请移到正确的文件夹。"
            en = f"This file is not read: '{relp.parts[0]}' is not a record folder. {hint_en} Move it there."
        else:
            continue
        out.append(Problem("RECORD-FIELD", Position(shown(path), 1, 1), zh, en, WARNING))
    return out
