"""Household visit rules (P5.1–P5.4): VISIT-SIGNATURE, VISIT-2200, VISIT-QUOTA, VISIT-MODE,
and the references of a visit (household, case)."""
from __future__ import annotations

from datetime import date, time

from ..compute.visits import month_of, month_quota
from ..problems import Position, rel
from ..terms import DOOR_TO_DOOR, SIGNATURES, VISIT_MODES
from .context import Context, error, fmt_dt, warning

#: door-to-door visits from 22:00 until 06:00 count as "after 22:00" (P5.3.1, decision:
#: a visit at 01:00 is later than 22:00 of the evening before)
NIGHT_START, NIGHT_END = time(22, 0), time(6, 0)


def check_signature(v, ctx: Context):
    """VISIT-SIGNATURE (P5.1.2): 已签名 or 拒绝签名; missing is an error, refusal is fine."""
    if v.signature is None:
        return [error("VISIT-SIGNATURE", v.pos("signature") if "signature" in v.model_fields_set else v.pos("id"),
                      "访问记录没有写明业户是否签名。请加上 signature: 已签名 或 signature: 拒绝签名"
                      "（业户拒绝签名不得强求，但要记下来）。",
                      "The record does not say whether the household signed. Add 'signature: 已签名' "
                      "(signed) or 'signature: 拒绝签名' (refused).")]
    if v.signature not in SIGNATURES:
        return [error("VISIT-SIGNATURE", v.pos("signature"),
                      f"signature 写的是“{v.signature}”，只能写“已签名”或“拒绝签名”。",
                      f"signature is '{v.signature}'; write 已签名 (signed) or 拒绝签名 (refused).")]
    return []


def check_2200(v, ctx: Context):
    """VISIT-2200 (P5.3.1): no door-to-door visit at or after 22:00 local time (until 06:00);
    with a written ``late_reason`` it is a warning instead of an error."""
    if v.mode != DOOR_TO_DOOR or v.time is None:
        return []
    t = ctx.local(v.time).time()
    if not (t >= NIGHT_START or t < NIGHT_END):
        return []
    when = fmt_dt(v.time, ctx.tz)
    if (v.late_reason or "").strip():
        return [warning("VISIT-2200", v.pos("time"),
                        f"上门访问时间 {when} 在 22:00 以后；已写明原因（{v.late_reason.strip()}），作为例外记录。",
                        f"Door-to-door visit at {when}, after 22:00; accepted as an exception with the "
                        f"reason given ({v.late_reason.strip()}).")]
    return [error("VISIT-2200", v.pos("time"),
                  f"上门访问时间是 {when}，规程规定原则上 22:00 以后不上门访问。请改约 22:00 以前；"
                  "确有特殊情况，请加上 late_reason: 写明原因。",
                  f"Door-to-door visit at {when}; the procedure says no door visits after 22:00. "
                  "Book an earlier time, or add 'late_reason:' with the written reason.")]


def check_mode(v, ctx: Context):
    """VISIT-MODE (P5.2): one of the six modes."""
    if v.mode is None:
        return [error("VISIT-MODE", v.pos("id"), f"访问记录缺少访问方式。请加上 mode: 上门（可选：{'、'.join(VISIT_MODES)}）。",
                      f"The visit has no mode. Add 'mode:' with one of {', '.join(VISIT_MODES)}.")]
    if v.mode not in VISIT_MODES:
        return [error("VISIT-MODE", v.pos("mode"), f"访问方式“{v.mode}”不在规程列明的六种之内：{'、'.join(VISIT_MODES)}。",
                      f"Mode '{v.mode}' is not one of {', '.join(VISIT_MODES)}.")]
    return []


def check_refs(v, ctx: Context):
    out = []
    if v.household is not None and ctx.households and v.household not in ctx.households:
        out.append(error("RECORD-REF", v.pos("household"),
                         f"业户“{v.household}”在 households.yaml 里找不到。请核对楼栋-单元-房号编号。",
                         f"Household '{v.household}' is not in households.yaml."))
    if v.follows_case is not None and v.follows_case not in ctx.cases:
        out.append(error("RECORD-REF", v.pos("follows_case"),
                         f"回访的问题编号“{v.follows_case}”找不到。请核对 cases/ 里的编号。",
                         f"Case '{v.follows_case}' that this return visit follows does not exist."))
    return out


def _months_between(first: str, last: str):
    y, m = (int(x) for x in first.split("-"))
    while f"{y:04d}-{m:02d}" <= last:
        yield f"{y:04d}-{m:02d}"
        m += 1
        if m > 12:
            y, m = y + 1, 1


def check_quota(ctx: Context):
    """VISIT-QUOTA (P5.1.1) for every complete month from the first month with visits."""
    months = sorted({mo for v in ctx.records.visits if (mo := month_of(v, ctx.tz))})
    if not months or not ctx.records.registry.households:
        return []
    now = ctx.local(ctx.now)
    first_of_this = date(now.year, now.month, 1)
    last_complete = f"{first_of_this.year - (first_of_this.month == 1):04d}-{(first_of_this.month - 2) % 12 + 1:02d}"
    out = []
    by_month = {}
    for v in sorted(ctx.records.visits, key=lambda v: v.path):
        by_month.setdefault(month_of(v, ctx.tz), v)
    summaries = {s.month: s for s in ctx.records.visit_summaries}
    root = ctx.records.root / "records" / "visits"
    for month in _months_between(months[0], last_complete):
        q = month_quota(month, ctx.records.registry.households, ctx.records.visits, ctx.tz)
        if q.met:
            continue
        anchor = summaries.get(month) or by_month.get(month)
        pos = anchor.pos("month" if month in summaries else "id") if anchor else Position(
            rel(root / month[:4] / month, ctx.records.root.cwd()), 0, 0)
        out.append(error("VISIT-QUOTA", pos,
                         f"{month} 只访问了 {q.visited} 户（不含回访、同户只计一次），"
                         f"1 日已入住 {q.occupied} 户，按 {q.rate_percent}% 至少应访问 {q.required} 户，"
                         f"还差 {q.required - q.visited} 户。",
                         f"{month}: {q.visited} distinct households visited (return visits excluded); "
                         f"{q.occupied} occupied on the 1st at {q.rate_percent}% requires {q.required}, "
                         f"{q.required - q.visited} short."))
    return out


def check(ctx: Context):
    out = []
    for v in ctx.records.visits:
        out += check_signature(v, ctx)
        out += check_2200(v, ctx)
        out += check_mode(v, ctx)
        out += check_refs(v, ctx)
    out += check_quota(ctx)
    return out
