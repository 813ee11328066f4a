"""Rules common to all records: unique IDs (RECORD-ID), references (RECORD-REF),
closed vocabularies (CHANNEL, P2; TOPIC, P3), areas of notices against the registry."""
from __future__ import annotations

import re

from ..terms import CHANNELS, TOPICS
from .context import Context, error

_AREA = re.compile(r"(?P<b>[^栋幢]+[栋幢])(?P<u>[^单元]+单元)?")
ALL_HOUSEHOLDS = ("全体业户", "全体住户", "全小区")


def _ids(ctx: Context):
    r = ctx.records
    for kind, items in (("notice", r.notices), ("meeting", r.meetings), ("case", r.cases),
                        ("suggestion", r.suggestions), ("visit", r.visits),
                        ("household", r.registry.households)):
        yield from ((kind, x) for x in items)


def check(ctx: Context):
    out = []
    seen: dict[str, object] = {}
    for _kind, rec in _ids(ctx):
        if rec.id in seen:
            first = seen[rec.id].pos("id")
            out.append(error("RECORD-ID", rec.pos("id"),
                             f"编号“{rec.id}”重复：{first.path} 第 {first.line} 行已经用过。请改用一个新编号。",
                             f"ID '{rec.id}' is used twice: already at {first.path}:{first.line}. "
                             "Give this record a new ID."))
        else:
            seen[rec.id] = rec
    seen_months: dict[str, object] = {}
    for s in ctx.records.visit_summaries:
        if s.month in seen_months:
            out.append(error("RECORD-ID", s.pos("month"), f"{s.month} 的访问业户总结有两份。请合并成一份。",
                             f"There are two visit summaries for {s.month}; merge them."))
        seen_months[s.month] = s

    def vocab(rule, rec, loc, value, allowed, what_zh, what_en):
        if value is not None and value not in allowed:
            out.append(error(rule, rec.pos(*loc),
                             f"{what_zh}“{value}”不在规程列明的范围内。可选：{'、'.join(allowed)}。",
                             f"{what_en} '{value}' is not in the procedure's list: {', '.join(allowed)}."))

    r = ctx.records
    for rec in [*r.notices, *r.cases, *r.suggestions, *r.visits]:
        chans = getattr(rec, "channels", None)
        if chans is not None:
            for i, c in enumerate(chans):
                vocab("CHANNEL", rec, ("channels", i), c, CHANNELS, "沟通渠道", "Channel")
        if getattr(rec, "channel", None) is not None:
            vocab("CHANNEL", rec, ("channel",), rec.channel, CHANNELS, "沟通渠道", "Channel")
    for rec in [*r.cases, *r.suggestions]:
        vocab("TOPIC", rec, ("topic",), rec.topic, TOPICS, "沟通内容分类", "Topic")
    for v in r.visits:
        for i, t in enumerate(v.topics):
            vocab("TOPIC", v, ("topics", i), t, TOPICS, "沟通内容分类", "Topic")
        for i, o in enumerate(v.opinions):
            vocab("TOPIC", v, ("opinions", i, "topic"), o.topic, TOPICS, "沟通内容分类", "Topic")

    # areas of notices must name buildings / units of the registry
    units = {(b.building, u) for b in r.registry.buildings for u in b.units}
    buildings = {b.building for b in r.registry.buildings}
    if buildings:
        for n in r.notices:
            for i, area in enumerate(n.areas):
                if area in ALL_HOUSEHOLDS or "公共" in area or "区域" in area:
                    continue
                m = _AREA.fullmatch(area)
                ok = m and m.group("b") in buildings and (
                    not m.group("u") or (m.group("b"), m.group("u")) in units)
                if not ok:
                    out.append(error("RECORD-REF", n.pos("areas", i),
                                     f"范围“{area}”在业户登记里找不到。请写成“3栋”“3栋2单元”或“全体业户”，"
                                     "楼栋和单元要与 households.yaml 一致。",
                                     f"Area '{area}' is not in the household registry. Write '3栋', "
                                     "'3栋2单元' or '全体业户' as in households.yaml."))
    return out
