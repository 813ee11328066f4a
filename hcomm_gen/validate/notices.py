"""Notice rules (T2, P4): NOTICE-PEST, NOTICE-OUTAGE, NOTICE-LEAD and the per-kind content
rules. Lead times are in *days* (24 h), minimums per kind from ``notice_lead_days``."""
from __future__ import annotations

from datetime import timedelta

from ..load.models import Notice
from ..terms import NOTICE_KINDS
from .context import Context, error, fmt_dt


def _missing(rule, n: Notice, field: str, zh_what: str, en_what: str, example: str):
    return error(rule, n.pos(field) if getattr(n, field, None) not in (None, [], "") else n.pos("kind"),
                 f"{NOTICE_KINDS[n.kind]}通知缺少{zh_what}。请加上 {field}: {example}",
                 f"A {n.kind} notice needs {en_what}. Add '{field}: {example}'.")


def _starts_after_publication(rule, n: Notice, ctx: Context):
    if n.start is not None and n.start <= n.published:
        return [error(rule, n.pos("published"),
                      f"通知发布时间 {fmt_dt(n.published, ctx.tz)} 不早于开始时间 {fmt_dt(n.start, ctx.tz)}："
                      "规程要求事先通知。请在作业开始前发布通知。",
                      f"Published {fmt_dt(n.published, ctx.tz)}, not before the start "
                      f"{fmt_dt(n.start, ctx.tz)}: the procedure requires notice beforehand.")]
    return []


def check_pest(n: Notice, ctx: Context):
    """NOTICE-PEST (P4.1): start given, published before it, warning-sign locations listed."""
    out = []
    if n.start is None:
        out.append(_missing("NOTICE-PEST", n, "start", "作业开始时间", "a start time", "2026-12-05 09:00"))
    out += _starts_after_publication("NOTICE-PEST", n, ctx)
    if not n.warning_signs:
        out.append(error("NOTICE-PEST", n.pos("warning_signs") if "warning_signs" in n.model_fields_set
                         else n.pos("kind"),
                         "消杀作业须在作业处树立警示标示，记录里要写明位置。请加上 warning_signs: [3栋大堂, 中心花园]",
                         "Pest control needs warning signs at the work site; list where: "
                         "warning_signs: [3栋大堂, 中心花园]"))
    return out


def check_outage(n: Notice, ctx: Context):
    """NOTICE-OUTAGE (P4.2): notice sheet, affected areas, start and end, what to do,
    published before the cut."""
    out = []
    if n.outage not in ("water", "power", "gas", "elevator"):
        out.append(_missing("NOTICE-OUTAGE", n, "outage", "停什么（水、电、气、电梯）", "what is cut", "water"))
    if not n.areas:
        out.append(_missing("NOTICE-OUTAGE", n, "areas", "影响范围（楼栋/单元）", "the affected areas", "[3栋, 5栋2单元]"))
    if n.start is None:
        out.append(_missing("NOTICE-OUTAGE", n, "start", "开始时间", "a start time", "2026-12-03 09:00"))
    if n.end is None:
        out.append(_missing("NOTICE-OUTAGE", n, "end", "结束时间", "an end time", "2026-12-03 17:00"))
    if n.start is not None and n.end is not None and n.end <= n.start:
        out.append(error("NOTICE-OUTAGE", n.pos("end"),
                         f"结束时间 {fmt_dt(n.end, ctx.tz)} 不晚于开始时间 {fmt_dt(n.start, ctx.tz)}。请检查日期。",
                         f"End {fmt_dt(n.end, ctx.tz)} is not after start {fmt_dt(n.start, ctx.tz)}."))
    if not (n.actions or "").strip():
        out.append(_missing("NOTICE-OUTAGE", n, "actions", "业户应采取的措施（如提前储水）",
                            "what occupants should do", "请提前储备生活用水"))
    if "通知单" not in n.channels:
        out.append(error("NOTICE-OUTAGE", n.pos("channels") if n.channels else n.pos("kind"),
                         f"计划停水停电须以通知单告知业户，channels 里没有“通知单”（现在是：{'、'.join(n.channels) or '空'}）。"
                         "请在 channels 里加上 通知单。",
                         "Planned cuts must be announced by notice sheet; add 通知单 to channels."))
    out += _starts_after_publication("NOTICE-OUTAGE", n, ctx)
    return out


def check_lead(n: Notice, ctx: Context):
    """NOTICE-LEAD (T 时效性): ``start - published`` ≥ the kind's minimum, in days."""
    if n.start is None or n.start <= n.published:
        return []
    days = getattr(ctx.records.community.notice_lead_days, n.kind, None)
    if days is None:
        return []
    lead = n.start - n.published
    if lead < timedelta(days=days):
        hours = lead.total_seconds() / 3600
        return [error("NOTICE-LEAD", n.pos("published"),
                      f"{NOTICE_KINDS[n.kind]}通知只提前了 {hours:.0f} 小时发布，本小区要求至少提前 {days} 天"
                      f"（community.yaml 的 notice_lead_days.{n.kind}）。最晚应在 "
                      f"{fmt_dt(n.start - timedelta(days=days), ctx.tz)} 发布。",
                      f"This {n.kind} notice was published only {hours:.0f} h ahead; the minimum is {days} "
                      f"day(s). Publish by {fmt_dt(n.start - timedelta(days=days), ctx.tz)}.")]
    return []


KIND_CHECKS = {"pest_control": [check_pest], "outage": [check_outage]}


def check(ctx: Context):
    out = []
    for n in ctx.records.notices:
        for fn in KIND_CHECKS.get(n.kind, []):
            out += fn(n, ctx)
        out += check_lead(n, ctx)
    return out
