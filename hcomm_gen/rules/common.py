"""Rules common to all records: unique, well-formed IDs (RECORD-ID), references between records
(RECORD-REF), closed vocabularies (CHANNEL, P2/T1; TOPIC, P3), the monthly owners' meeting
(MEETING-MONTHLY, T1), the published reception day (RECEPTION-DAY, T1) and the community's
declared calendar years (CALENDAR-YEAR).

Interpretations (also in docs/rules.md):

* CHANNEL: every notice lists at least one channel and every case names its channel; a
  visit's channel is its mode (VISIT-MODE), so ``channel`` on a visit is optional.
* TOPIC: cases, suggestions and visit opinions must carry a topic (survey items and
  written suggestions are checked by :mod:`.surveys`).
* MEETING-MONTHLY: checked for every *complete* calendar month from the office's first day
  (``records_since``, default: the month of its earliest record) up to last month (the
  current month can still get its meeting), whether or not it has records; the months are
  the obligations of :func:`hcomm_gen.domain.obligations.meeting_obligations`.
* RECEPTION-DAY: the community file declares ``reception_day`` (weekday, start before end)
  so that the site can publish it.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from hcomm_gen.core.problems import Problem
from hcomm_gen.core.registry import checks, rule
from hcomm_gen.domain.areas import ALL_HOUSEHOLDS, AREA
from hcomm_gen.domain.terms import CHANNELS, TOPICS, WEEKDAYS_ZH
from hcomm_gen.records.loader import RECORD_KINDS
from hcomm_gen.records.models import Case, Suggestion, Visit, VisitSummary
from hcomm_gen.records.types import did_you_mean
from hcomm_gen.rules.context import Context, error

_AREA = AREA  # an area as a building and perhaps a unit: the one reading of domain.areas


def _ids(ctx: Context):
    """``(label, record)`` of every record that carries an ID (the kinds of
    :data:`~hcomm_gen.records.loader.RECORD_KINDS` with an ``id_label``)."""
    for kind in RECORD_KINDS:
        if kind.id_label:
            yield from ((kind.id_label, x) for x in kind.items(ctx.records))
    yield from ctx.records.untyped  # files that did not type but name an ID (their errors reported)


#: RECORD-ID: the form of a record ID. IDs become file names (print/) and web addresses
#: (notices/<id>/), so only ASCII letters, digits, ``-`` and ``_``, starting with a letter or
#: digit: no slash, dot, space or Chinese character
ID_FORM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
#: RECORD-ID: the longest ID, in characters: a file name holds at most 255 bytes, and the
#: printed sheets add the kind and a date to the ID
ID_MAX = 64
#: names Windows and editors give a copy of a file (``n1 - 副本.yaml``, ``n1 (2).yaml``)
_COPY_NAME = re.compile(r"副本|复件|拷贝|[ _-]copy\b|\bcopy of\b|[(（]\d+[)）]$", re.I)


def copy_order(rec, field: str = "id") -> tuple:
    """Sort key of records that say the same thing (one ID, one month), the *newer copy* last:
    a file or folder name marked as a copy (``2026-10 (2).yaml``, ``n1 - 副本.yaml``,
    ``surveys/2026-06 (2)/round.yaml``) comes last, then paths in order with the ending left
    off (so ``n1 - 副本.yaml`` sorts after ``n1.yaml``, and ``2026-10 (2)`` after
    ``2026-10``), then the line of ``field``."""
    name = rec.path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    folder = rec.path.rsplit("/", 2)[-2] if rec.path.count("/") >= 1 else ""
    marked = bool(_COPY_NAME.search(stem) or _COPY_NAME.search(folder))
    return (marked, rec.path[:len(rec.path) - len(name)] + stem, _FieldLine(rec, field))


@functools.total_ordering
class _FieldLine:
    """The line of ``field`` of ``rec`` as a sort key, looked up only when two keys tie before
    it (the same file): finding a line composes the file's YAML again, and sorting the visit
    summaries of ten years by :func:`copy_order` did it for every one of them."""

    def __init__(self, rec, field: str):
        self.rec, self.field = rec, field

    @functools.cached_property
    def line(self) -> int:
        return self.rec.pos(self.field).line

    def __eq__(self, other) -> bool:
        return isinstance(other, _FieldLine) and self.line == other.line

    def __lt__(self, other: _FieldLine) -> bool:
        return self.line < other.line

    __hash__ = None  # type: ignore[assignment]  # compared, never hashed


def _describe_id(value: str) -> tuple[str, str]:
    """What is wrong in an ID (zh, en), for the RECORD-ID message."""
    if "/" in value or "\\" in value:
        return "斜杠", "a slash"
    if any(ch.isspace() for ch in value):
        return "空格", "a space"
    if ".." in value or value.startswith("."):
        return "点“.”", "a dot"
    if any(ord(ch) > 0x7F for ch in value):
        return "中文或全角字符", "Chinese or full-width characters"
    return "不允许的字符", "characters that are not allowed"


@rule("RECORD-ID", clause="格式", kind="format",
      zh="记录编号必须唯一，只用字母、数字、“-”和“_”",
      en="record IDs are unique and use letters, digits, '-' and '_' only",
      doc="IDs of notices, meetings, cases, suggestions, visits and households are ASCII letters, "
          "digits, `-`, `_` (`^[A-Za-z0-9][A-Za-z0-9_-]*$`, at most 64 characters; they become file "
          "names and URLs); IDs are unique across all records, a repeat reported at the copy (file "
          "or folder name marked 副本/copy/(2), else the later path) naming the original; one visit "
          "summary per month and one survey round per month, the repeat reported at the copy "
          "alike. Behind it, printing refuses a sheet path outside `print/`")
def check_ids(ctx: Context):
    """RECORD-ID: every record ID (notices, meetings, cases, suggestions, visits, households)
    has the form :data:`ID_FORM`; IDs are unique across every kind, and a repeated ID is
    reported at the newer copy (:func:`copy_order`), naming the file that had it first; one
    visit summary per month."""
    out = []
    by_id: dict[str, list] = {}
    for _kind, rec in _ids(ctx):
        if len(rec.id) > ID_MAX:
            out.append(error("RECORD-ID", rec.pos("id"),
                             f"编号有 {len(rec.id)} 个字符，太长了：最多 {ID_MAX} 个（编号会用作文件名和网址）。"
                             "请改短，例如 N-2026-1130-water。",
                             f"The ID has {len(rec.id)} characters, too long: at most {ID_MAX} (IDs become "
                             "file names and web addresses). Shorten it, e.g. N-2026-1130-water."))
        elif not ID_FORM.fullmatch(rec.id):
            what_zh, what_en = _describe_id(rec.id)
            out.append(error("RECORD-ID", rec.pos("id"),
                             f"编号“{rec.id}”里有{what_zh}。编号会用作文件名和网址，只能用英文字母、"
                             "数字、“-”和“_”（以字母或数字开头），例如 N-2026-1130-water。请改正编号。",
                             f"ID '{rec.id}' contains {what_en}. IDs become file names and web "
                             "addresses: use letters, digits, '-' and '_' only (starting with a "
                             "letter or digit), e.g. N-2026-1130-water. Fix the ID."))
        by_id.setdefault(rec.id, []).append(rec)
    for rid, recs in by_id.items():
        if len(recs) < 2:
            continue
        recs = sorted(recs, key=copy_order)
        first = recs[0].pos("id")
        for rec in recs[1:]:
            out.append(error("RECORD-ID", rec.pos("id"),
                             f"编号“{rid}”重复：{first.path} 第 {first.line} 行已经用过。"
                             "如果这个文件是复制出来的副本，请删掉它或给它改用一个新编号。",
                             f"ID '{rid}' is used twice: already at {first.path}:{first.line}. If "
                             "this file is a copy, delete it or give this record a new ID."))
    seen_months: dict[str, VisitSummary] = {}
    for s in sorted(ctx.records.visit_summaries, key=lambda s: copy_order(s, "month")):
        if s.month in seen_months:
            first = seen_months[s.month].pos("month")
            out.append(error("RECORD-ID", s.pos("month"),
                             f"{s.month} 的访问业户总结有两份（另一份在 {first.path} 第 {first.line} 行）。"
                             "请合并成一份。",
                             f"There are two visit summaries for {s.month} (the other at "
                             f"{first.path}:{first.line}); merge them."))
        else:
            seen_months[s.month] = s
    return out


def _not_in_list(rule_id: str, rec, loc: tuple, value, allowed: tuple[str, ...], what_zh: str,
                 what_en: str) -> list:
    """A problem when ``value`` (given) is not one of ``allowed`` (the procedure's closed list)."""
    if value is None or value in allowed:
        return []
    close = did_you_mean(value, allowed)
    hint_zh, hint_en = (f"是不是“{close}”？", f" Did you mean '{close}'?") if close else ("", "")
    return [error(rule_id, rec.pos(*loc),
                  f"{what_zh}“{value}”不在规程列明的范围内。{hint_zh}请改成其中之一：{'、'.join(allowed)}。",
                  f"{what_en} '{value}' is not in the procedure's list.{hint_en} Write one of: "
                  f"{', '.join(allowed)}.")]


def household_hint(value: str, known) -> str | None:
    """The registered household ID that ``value`` most likely means, or ``None``: the same
    building-unit-room with the room written with fewer digits (``2-1-301`` → ``2-1-0301``),
    full-width or other dashes (``2－1－0301``), else the closest ID (:func:`did_you_mean`)."""
    text = re.sub(r"[\s]", "", str(value))
    parts = re.split(r"[-－—–_/]", text)
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        for width in sorted({len(k.rsplit("-", 1)[-1]) for k in known if "-" in k}, reverse=True):
            b, u, room = parts
            for guess in (f"{b}-{u}-{room.zfill(width)}", f"{int(b)}-{int(u)}-{room.zfill(width)}"):
                if guess in known:
                    return guess
    return did_you_mean(text, known, cutoff=0.8)


def household_not_found(rec, loc: str, value: str, known) -> Problem:
    """RECORD-REF: ``value`` (a household ID) is not in the registry ``known``."""
    close = household_hint(value, known)
    hint_zh, hint_en = (f"是不是“{close}”？", f" Did you mean '{close}'?") if close else ("", "")
    return error("RECORD-REF", rec.pos(loc),
                 f"业户“{value}”在 households.yaml 里找不到。{hint_zh}请核对楼栋-单元-房号编号（例如 5-2-1102）。",
                 f"Household '{value}' is not in households.yaml.{hint_en} Check the building-unit-room "
                 "ID (e.g. 5-2-1102).")


def _not_given(rule_id: str, rec, field_name: str, what_zh: str, what_en: str, example: str):
    """The problem of a record that does not name ``field_name`` (reported at its ``id``)."""
    return error(rule_id, rec.pos("id"),
                 f"记录没有写{what_zh}。请加上 {field_name}: {example}",
                 f"The record names no {what_en}. Add '{field_name}: {example}'.")


@rule("CHANNEL", clause="P2", zh="沟通渠道须为规程列明的方式", en="channels come from the closed list of P2/T1",
      doc="every notice lists ≥ 1 channel, every case names its channel, all from the closed list "
          "(P2 + T1 online channels, meeting, reception day)")
def check_channels(ctx: Context):
    """CHANNEL (P2, T1): notices, cases, suggestions and visits name their channels from the
    closed list of :data:`hcomm_gen.domain.terms.CHANNELS`."""
    out = []
    r = ctx.records
    for n in r.notices:
        if not n.channels:
            out.append(error("CHANNEL", n.pos("channels") if "channels" in n.model_fields_set else n.pos("kind"),
                             "通知没有写用什么渠道发布。请加上 channels: [通知单, 宣传栏, 微信群]"
                             f"（可选：{'、'.join(CHANNELS)}）。",
                             "The notice names no channel. Add 'channels: [通知单, 宣传栏, 微信群]' "
                             f"(allowed: {', '.join(CHANNELS)})."))
        for i, c in enumerate(n.channels):
            out += _not_in_list("CHANNEL", n, ("channels", i), c, CHANNELS, "沟通渠道", "Channel")
    for case in r.cases:
        if case.channel is None:
            out.append(_not_given("CHANNEL", case, "channel", "问题是通过什么渠道收到的", "channel", "电话"))
    received: list[Case | Suggestion | Visit] = [*r.cases, *r.suggestions, *r.visits]
    for rec in received:
        out += _not_in_list("CHANNEL", rec, ("channel",), rec.channel, CHANNELS, "沟通渠道", "Channel")
    return out


@rule("TOPIC", clause="P3", zh="意见须按十类沟通内容分类", en="opinions are classified by the ten topics of P3",
      doc="cases, suggestions and visit opinions carry one of the ten topics (survey items and "
          "written suggestions: `rules/surveys.py`)")
def check_topics(ctx: Context):
    """TOPIC (P3): cases, suggestions, visit topics and opinions are classified by one of the
    ten topics of :data:`hcomm_gen.domain.terms.TOPICS`."""
    out = []
    r = ctx.records
    classified: list[Case | Suggestion] = [*r.cases, *r.suggestions]
    for item in classified:
        if item.topic is None:
            out.append(_not_given("TOPIC", item, "topic", "沟通内容分类", "topic", f"维修（可选：{'、'.join(TOPICS)}）"))
        out += _not_in_list("TOPIC", item, ("topic",), item.topic, TOPICS, "沟通内容分类", "Topic")
    for v in r.visits:
        for i, t in enumerate(v.topics):
            out += _not_in_list("TOPIC", v, ("topics", i), t, TOPICS, "沟通内容分类", "Topic")
        for i, o in enumerate(v.opinions):
            if o.topic is None:
                out.append(error("TOPIC", v.pos("opinions", i),
                                 f"第 {i + 1} 条意见没有分类。请加上 topic: 保洁（可选：{'、'.join(TOPICS)}）。",
                                 f"Opinion {i + 1} has no topic. Add 'topic:' with one of {', '.join(TOPICS)}."))
            out += _not_in_list("TOPIC", v, ("opinions", i, "topic"), o.topic, TOPICS, "沟通内容分类", "Topic")
    return out  # survey items and written suggestions: rules/surveys.py


def _registry_for_refs(r) -> tuple:
    """``(registry, building names of untyped items)`` that references are checked against:
    the registry, or when ``households.yaml`` did not type, what of it did
    (:class:`~hcomm_gen.records.loader.RegistryRefs`)."""
    reg = r.registry
    if not (reg.buildings or reg.households) and r.registry_refs is not None:
        return r.registry_refs.registry, r.registry_refs.more_buildings
    return reg, set()


def known_households(ctx: Context) -> set[str]:
    """The household IDs a record may refer to: the registry's, or when ``households.yaml`` did
    not type, every ID written in it (typed or not: those items' errors are reported)."""
    key = ("known_households",)
    if key not in ctx.memo:
        refs = ctx.records.registry_refs
        ctx.memo[key] = (set(ctx.households) if ctx.households
                         else refs.household_ids if refs is not None else set())
    return ctx.memo[key]


def _households_in_buildings(registry, loose: set[str]) -> list[Problem]:
    """RECORD-REF: each household of ``registry`` is in a building of its ``buildings:`` list
    and in one of that building's units (at the household's ``building`` or ``unit``), when the
    list is written; ``loose``: names of buildings whose item did not type (any unit). The
    closest building or unit is named."""
    units = {b.building: list(b.units) for b in registry.buildings}
    if not units and not loose:
        return []
    out = []
    names = list(units)
    for h in registry.households:
        if h.building in loose:
            continue
        if h.building not in units:
            close = did_you_mean(h.building, names)
            hint_zh, hint_en = (f"是不是“{close}”？", f" Did you mean '{close}'?") if close else ("", "")
            out.append(error("RECORD-REF", h.pos("building"),
                             f"业户 {h.id} 的楼栋“{h.building}”不在 buildings 列表里（有：{'、'.join(names)}）。{hint_zh}"
                             "请改正楼栋，或在 households.yaml 的 buildings 里加上这一栋和它的单元。",
                             f"Household {h.id}: building '{h.building}' is not in the buildings list "
                             f"({', '.join(names)}).{hint_en} Correct the building, or add it and its units "
                             "under buildings in households.yaml."))
        elif h.unit not in units[h.building]:
            close = did_you_mean(h.unit, units[h.building])
            hint_zh, hint_en = (f"是不是“{close}”？", f" Did you mean '{close}'?") if close else ("", "")
            listed = units[h.building]
            out.append(error("RECORD-REF", h.pos("unit"),
                             f"业户 {h.id} 的单元“{h.unit}”不在 {h.building} 的单元列表里（有：{'、'.join(listed)}）。"
                             f"{hint_zh}请改正单元，或在 buildings 里给 {h.building} 加上这个单元。",
                             f"Household {h.id}: unit '{h.unit}' is not among the units of {h.building} "
                             f"({', '.join(listed)}).{hint_en} Correct the unit, or add it to {h.building} "
                             "under buildings."))
    return out


@checks("RECORD-REF")
def check_refs(ctx: Context):
    """RECORD-REF: notice areas → registry buildings/units; case household → registry;
    visit summary decisions → visits and their opinions. The missing ID is named."""
    out = []
    r = ctx.records
    registry, loose = _registry_for_refs(r)
    units = {(b.building, u) for b in registry.buildings for u in b.units}
    buildings = {b.building for b in registry.buildings}
    if buildings or loose:
        for n in r.notices:
            for i, area in enumerate(n.areas):
                if area in ALL_HOUSEHOLDS or "公共" in area or "区域" in area or "，" in area:
                    continue  # "，": a full-width comma in [ ], reported by the loader
                m = _AREA.fullmatch(area)
                ok = m and (m.group("b") in loose or m.group("b") in buildings and (
                    not m.group("u") or (m.group("b"), m.group("u")) in units))
                if not ok:
                    out.append(error("RECORD-REF", n.pos("areas", i),
                                     f"范围“{area}”在业户登记里找不到。请写成“3栋”“3栋2单元”或“全体业户”，"
                                     "楼栋和单元要与 households.yaml 一致。",
                                     f"Area '{area}' is not in the household registry. Write '3栋', "
                                     "'3栋2单元' or '全体业户' as in households.yaml."))
    out += _households_in_buildings(registry, loose)
    known = known_households(ctx)
    if known:
        for c in r.cases:
            if c.household is not None and c.household not in known:
                out.append(household_not_found(c, "household", c.household, known))
    for s in r.visit_summaries:
        for i, d in enumerate(s.decisions):
            v = ctx.visits.get(d.visit)
            if v is None:
                out.append(error("RECORD-REF", s.pos("decisions", i, "visit"),
                                 f"访问记录“{d.visit}”找不到。请核对 visits/ 里的编号。",
                                 f"Visit '{d.visit}' does not exist. Check the IDs in visits/."))
            elif not 1 <= d.opinion <= len(v.opinions):
                out.append(error("RECORD-REF", s.pos("decisions", i, "opinion"),
                                 f"访问记录 {d.visit} 只有 {len(v.opinions)} 条意见，没有第 {d.opinion} 条。"
                                 "请核对 opinion 的序号（从 1 开始）。",
                                 f"Visit {d.visit} has {len(v.opinions)} opinion(s), not number {d.opinion}. "
                                 "Opinions are numbered from 1."))
    return out


@rule("MEETING-MONTHLY", clause="T1", zh="每月至少举办一次公开业主大会", en="at least one owners' meeting per month",
      doc="at least one owners' meeting in every complete month since the office's first day "
          "(`records_since` in community.yaml, default: the month of the earliest record), "
          "whether or not it has records")
def check_meetings(ctx: Context):
    """MEETING-MONTHLY (T1): at least one public owners' meeting per calendar month: the
    overdue ``MEETING-MONTHLY`` obligations not done (every complete month from the office's
    first day). A missing month is reported at the ``date`` of the last meeting before it, or
    at the year's meetings folder when there is none before it."""
    out = []
    for ob in ctx.obligations_for("MEETING-MONTHLY"):
        if not ob.is_missed(ctx.now, ctx.tz):
            continue
        month, anchor = ob.ref, ob.record
        if anchor is not None:
            before_zh = f"上一次是 {ctx.local(anchor.date):%Y-%m-%d}（{anchor.id}）。"
            before_en = f"The previous one was {ctx.local(anchor.date):%Y-%m-%d} ({anchor.id}). "
        else:
            before_zh, before_en = "此前没有会议记录。", "There is no earlier meeting on record. "
        out.append(error("MEETING-MONTHLY", ob.pos,
                         f"{month} 没有召开业主大会（恳谈会）的记录；规程要求每月至少一次。{before_zh}"
                         "如已召开，请在 meetings/ 里补上会议记录。",
                         f"No owners' meeting is recorded in {month}; at least one a month is required. "
                         f"{before_en}If it took place, add its record under meetings/."))
    return out


@rule("RECEPTION-DAY", clause="T1", zh="公布物业接待日", en="reception days are published",
      blocks_when="the reception day ends before it starts (the site would show it so)",
      doc="`community.yaml` declares the reception day (weekday, start before end) so the site "
          "can publish it")
def check_reception_day(ctx: Context):
    """RECEPTION-DAY (T1): the community declares its reception day (物业接待日) so that it
    is published on the site: weekday 1–7 and ``start`` before ``end``."""
    com = ctx.records.community
    rd = com.reception_day
    if rd is None:
        return [error("RECEPTION-DAY", com.pos("id"),
                      "community.yaml 没有写物业接待日，网站上就无法公布。请加上："
                      "reception_day: {weekday: 3, start: 09:00, end: 11:30, place: 管理处一楼接待室}"
                      "（weekday：1 = 周一 … 7 = 周日）。",
                      "community.yaml declares no reception day, so the site cannot publish it. Add "
                      "'reception_day: {weekday: 3, start: 09:00, end: 11:30, place: …}' "
                      "(weekday 1 = Monday … 7 = Sunday).")]
    if rd.end <= rd.start:
        return [error("RECEPTION-DAY", rd.pos("end"),
                      f"物业接待日（{WEEKDAYS_ZH[rd.weekday - 1]}）结束时间 {rd.end:%H:%M} 不晚于开始时间 "
                      f"{rd.start:%H:%M}。请检查 start 和 end。",
                      f"The reception day ends at {rd.end:%H:%M}, not after its start {rd.start:%H:%M}. "
                      "Check start and end.", block=True)]
    return []


#: hosts that only the office's own computer reaches: a QR code to them is useless to occupants
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1")
_SITE_URL_EXAMPLE = "https://hxq.example.cn/"


def _site_url_fault(url: str) -> tuple[str, str] | None:
    """What is wrong with ``url`` as the published site's address (zh, en), or ``None``."""
    if any(ch.isspace() for ch in url.strip()):
        return "里面有空格", "it contains a space"
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return "格式不对", "it is malformed"
    if parts.scheme.lower() not in ("https", "http"):
        return "没有以 https:// 开头", "it does not start with https://"
    if not host:
        return "没有写网站的域名", "it names no host"
    if host in _LOCAL_HOSTS:
        return "指向本机（只有管理处这台电脑能打开）", "it points at this computer (localhost)"
    if "." not in host:
        return f"的域名“{host}”不完整", f"host '{host}' is not a full domain name"
    if parts.query or parts.fragment:
        return "带有“?”或“#”后面的部分", "it has a '?' query or '#' fragment"
    return None


@rule("SITE-URL", clause="格式", kind="format",
      zh="community.yaml 须写明网站的正式地址（https:// 开头）",
      en="community.yaml gives the site's public address (an absolute https:// URL)",
      doc="`site_url` is required in `community.yaml` (every QR code, feed and calendar link is "
          "built from it) and is an absolute `https://` (or `http://`) URL with a host name, not "
          "`localhost`, without spaces, `?` or `#`; missing, it is reported at the community's "
          "`id` (`hcomm serve` previews on this computer whatever `site_url` says)")
def check_site_url(ctx: Context):
    """SITE-URL: the community's ``site_url`` is given and is an absolute ``https://`` (or
    ``http://``) address with a host name (:func:`_site_url_fault`); the published site, its
    QR codes and feeds are built from it, so a wrong value puts wrong links on every sheet."""
    com = ctx.records.community
    url = com.site_url.strip()
    if not url:
        where = com.pos("site_url") if "site_url" in (com.raw() or {}) else com.pos("id", key=True)
        return [error("SITE-URL", where,
                      "community.yaml 没有写网站地址 site_url。张贴单上的二维码、订阅和日历链接都用它，"
                      f"请加上一行，例如 site_url: {_SITE_URL_EXAMPLE}（写本小区网站的实际地址）。",
                      "community.yaml gives no site_url. Every QR code, feed and calendar link is built "
                      f"from it: add a line such as 'site_url: {_SITE_URL_EXAMPLE}' (the site's real address).")]
    fault = _site_url_fault(url)
    if fault is None:
        return []
    return [error("SITE-URL", com.pos("site_url"),
                  f"site_url“{url}”{fault[0]}。请写网站的完整地址，以 https:// 开头，例如 "
                  f"site_url: {_SITE_URL_EXAMPLE}",
                  f"site_url '{url}': {fault[1]}. Write the site's full address starting with "
                  f"https://, e.g. 'site_url: {_SITE_URL_EXAMPLE}'.")]


@checks("CALENDAR-YEAR")
def check_calendar(ctx: Context):
    """CALENDAR-YEAR: dates declared under ``calendar: {YEAR: …}`` belong to that year and a
    day is not both a holiday and a make-up working day."""
    out = []
    com = ctx.records.community
    for year, cal in com.calendar.items():
        for field_name in ("holidays", "workdays"):
            for i, d in enumerate(getattr(cal, field_name)):
                if d.year != year:
                    out.append(error("CALENDAR-YEAR", com.pos("calendar", str(year), field_name, i),
                                     f"{d} 写在 calendar 的 {year} 年下面，年份不对。请移到 {d.year} 年下或改正日期。",
                                     f"{d} is declared under calendar year {year}. Move it or fix the date."))
        for i, d in enumerate(cal.workdays):
            if d in set(cal.holidays):
                out.append(error("CALENDAR-YEAR", com.pos("calendar", str(year), "workdays", i),
                                 f"{d} 既写成放假日（holidays）又写成调休上班日（workdays）。请删掉其中一个。",
                                 f"{d} is declared both a holiday and a make-up working day; keep one."))
    return out
