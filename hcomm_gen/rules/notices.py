"""Notice rules (T2, P4): one check per notice kind, NOTICE-LEAD and the periodic
NOTICE-FINANCE. Lead times are in *days* (24 h), minimums per kind from ``notice_lead_days``.

Interpretations (also in docs/rules.md):

* "beforehand" (事先) means ``published`` strictly before ``start``;
* NOTICE-EMERGENCY: "promptly" (及时) = published no later than
  :data:`EMERGENCY_PROMPT_HOURS` hours after the incident's ``start``;
* NOTICE-OUTAGE/PEST/WORKS/EVENT: ``start`` and ``end`` written as a date alone (no hour)
  is a warning (:func:`check_times_given`);
* ``expires`` earlier than ``start`` is an error (RECORD-FIELD, :func:`check_expires`), judged
  on the notice as changed (its ``changes:`` moved ``expires`` with the times);
* NOTICE-CHANGE (this tool's rule on ``changes:``, :func:`check_changes`): a change is dated
  after publication, a 改期 gives new times, a 提前结束 its end, the times after a change
  keep the end after the start.
* NOTICE-FINANCE: a period's statement is due by the end of the month after the period ends
  (a Q3 statement by 31 October); every period from the first statement on record (or the
  period of the office's first day, ``records_since``, if earlier) up to the last one already
  due must have a statement.
"""
from __future__ import annotations

from datetime import timedelta

from hcomm_gen.core.fonts import advice, char_name, missing_glyphs
from hcomm_gen.core.registry import checks, rule
from hcomm_gen.domain.finance import PERIOD_FORMS, Period, parse_period, statement_lines, total_mismatches
from hcomm_gen.domain.notices import CANCEL, END_EARLY, RESCHEDULE, change_history, current_notice
from hcomm_gen.domain.terms import NOTICE_KINDS
from hcomm_gen.domain.written_times import contradictions
from hcomm_gen.records.models import Notice
from hcomm_gen.records.types import has_time_of_day
from hcomm_gen.rules.context import Context, error, fmt_dt, fmt_duration, warning

#: NOTICE-EMERGENCY (T2 "及时发布"): an incident notice is published within this many hours
#: of the incident's start
EMERGENCY_PROMPT_HOURS = 24
#: P4.4 / P4.5: publicity and financial statements are posted on the bulletin board
BULLETIN_BOARD = "宣传栏"


def _missing(rule, n: Notice, field: str, zh_what: str, en_what: str, example: str,
             block: bool | None = None):
    """A notice without ``field``; ``block=True`` when the notice would be published without
    what it announces (its times, what is cut, where), so that it stops publication."""
    return error(rule, n.pos(field) if getattr(n, field, None) not in (None, [], "") else n.pos("kind"),
                 f"{NOTICE_KINDS[n.kind]}通知缺少{zh_what}。请加上 {field}: {example}",
                 f"A {n.kind} notice needs {en_what}. Add '{field}: {example}'.", block=block)


def _starts_after_publication(rule, n: Notice, ctx: Context):
    if n.start is not None and n.start <= n.published:
        return [error(rule, n.pos("published"),
                      f"通知发布时间 {fmt_dt(n.published, ctx.tz)} 不早于开始时间 {fmt_dt(n.start, ctx.tz)}："
                      f"规程要求事先通知。请在开始（{fmt_dt(n.start, ctx.tz)}）之前发布通知，或核对这两个时间。",
                      f"Published {fmt_dt(n.published, ctx.tz)}, not before the start "
                      f"{fmt_dt(n.start, ctx.tz)}: the procedure requires notice beforehand. "
                      "Publish it before the start, or check both times.")]
    return []


@rule("NOTICE-PEST", clause="P4.1", scope="notice", kinds=("pest_control",),
      zh="消杀、喷洒药物须事先通知并在作业处树立警示标示",
      en="pest control is announced beforehand, with warning signs at the site",
      blocks_when="`start` missing",
      doc="start given, published before it, warning-sign locations listed; `start`/`end` written "
          "as a date alone: warning")
def check_pest(n: Notice, ctx: Context):
    """NOTICE-PEST (P4.1): start given, published before it, warning-sign locations listed."""
    out = []
    if n.start is None:
        out.append(_missing("NOTICE-PEST", n, "start", "作业开始时间", "a start time", "2026-12-05 09:00",
                            block=True))
    out += _starts_after_publication("NOTICE-PEST", n, ctx)
    if not n.warning_signs:
        out.append(error("NOTICE-PEST", n.pos("warning_signs") if "warning_signs" in n.model_fields_set
                         else n.pos("kind"),
                         "消杀作业须在作业处树立警示标示，记录里要写明位置。请加上 warning_signs: [3栋大堂, 中心花园]",
                         "Pest control needs warning signs at the work site; list where: "
                         "warning_signs: [3栋大堂, 中心花园]"))
    return out


@rule("NOTICE-OUTAGE", clause="P4.2", scope="notice", kinds=("outage",),
      zh="维修性停水停电须以通知单事先告知", en="planned water/power cuts are announced beforehand by notice sheet",
      blocks_when="`outage`, `areas`, `start` or `end` missing; `end` not after `start`",
      doc="what is cut, areas, start and end (end after start), what occupants should do, channel "
          "通知单, published before the cut; `start`/`end` written as a date alone (no hour): warning")
def check_outage(n: Notice, ctx: Context):
    """NOTICE-OUTAGE (P4.2): notice sheet, affected areas, start and end, what to do,
    published before the cut. Kind ``outage`` only (``kinds`` of its ``@rule``): works that name what
    they stop (``outage: elevator``) are judged by NOTICE-WORKS alone."""
    out = []
    if n.outage not in ("water", "power", "gas", "elevator"):
        out.append(_missing("NOTICE-OUTAGE", n, "outage", "停什么（水、电、气、电梯）", "what is cut", "water",
                            block=True))
    if not n.areas:
        out.append(_missing("NOTICE-OUTAGE", n, "areas", "影响范围（楼栋/单元）", "the affected areas",
                            "[3栋, 5栋2单元]", block=True))
    if n.start is None:
        out.append(_missing("NOTICE-OUTAGE", n, "start", "开始时间", "a start time", "2026-12-03 09:00",
                            block=True))
    if n.end is None:
        out.append(_missing("NOTICE-OUTAGE", n, "end", "结束时间", "an end time", "2026-12-03 17:00",
                            block=True))
    if n.start is not None and n.end is not None and n.end <= n.start:
        out.append(error("NOTICE-OUTAGE", n.pos("end"),
                         f"结束时间 {fmt_dt(n.end, ctx.tz)} 不晚于开始时间 {fmt_dt(n.start, ctx.tz)}。请检查日期。",
                         f"End {fmt_dt(n.end, ctx.tz)} is not after start {fmt_dt(n.start, ctx.tz)}.",
                         block=True))
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


@rule("NOTICE-LEAD", clause="T 时效性", scope="notice",
      zh="提前通知须满足该类通知的最短提前时间", en="advance notices meet the minimum lead time of their kind",
      doc="`start − published` ≥ the kind's minimum in days (`notice_lead_days`: outage 1, "
          "pest_control 1, works 1, event 3, fee_change 30, contract_change 7)")
def check_lead(n: Notice, ctx: Context):
    """NOTICE-LEAD (T 时效性): ``start - published`` ≥ the kind's minimum, in days."""
    if n.start is None or n.start <= n.published:
        return []
    days = getattr(ctx.records.community.notice_lead_days, n.kind, None)
    if days is None:
        return []
    lead = n.start - n.published
    if lead < timedelta(days=days):
        lead_zh, lead_en = fmt_duration(lead)
        return [error("NOTICE-LEAD", n.pos("published"),
                      f"{NOTICE_KINDS[n.kind]}通知只提前了 {lead_zh}发布，本小区要求至少提前 {days} 天"
                      f"（community.yaml 的 notice_lead_days.{n.kind}）。最晚应在 "
                      f"{fmt_dt(n.start - timedelta(days=days), ctx.tz)} 发布：请核对发布时间，"
                      "或推迟开始时间。",
                      f"This {n.kind} notice was published only {lead_en} ahead; the minimum is {days} "
                      f"day(s). Publish by {fmt_dt(n.start - timedelta(days=days), ctx.tz)}.")]
    return []


def _end_after_start(rule, n: Notice, ctx: Context):
    """``end`` after ``start``; otherwise the notice would show impossible times (blocks)."""
    if n.start is not None and n.end is not None and n.end <= n.start:
        return [error(rule, n.pos("end"),
                      f"结束时间 {fmt_dt(n.end, ctx.tz)} 不晚于开始时间 {fmt_dt(n.start, ctx.tz)}。请检查日期和时间。",
                      f"End {fmt_dt(n.end, ctx.tz)} is not after start {fmt_dt(n.start, ctx.tz)}. "
                      "Check the dates and times.", block=True)]
    return []


def _on_board(rule, n: Notice, clause_zh: str):
    if BULLETIN_BOARD in n.channels:
        return []
    return [error(rule, n.pos("channels") if n.channels else n.pos("kind"),
                  f"{clause_zh}要张贴在宣传栏上，channels 里没有“宣传栏”（现在是：{'、'.join(n.channels) or '空'}）。"
                  "请在 channels 里加上 宣传栏。",
                  f"This {n.kind} notice must be posted on the bulletin board (宣传栏); channels are "
                  f"[{', '.join(n.channels)}]. Add 宣传栏 to channels.")]


@rule("NOTICE-EMERGENCY", clause="T2", scope="notice", kinds=("emergency",),
      zh="突发事件须及时发布并提供解决方案", en="incidents are published promptly with the measures taken",
      blocks_when="`end` not after `start` (an incident notice goes out with what is known)",
      doc="start (when it began) given, published within 24 h of it, affected areas, measures taken")
def check_emergency(n: Notice, ctx: Context):
    """NOTICE-EMERGENCY (T2): an incident (unplanned cut, burst pipe …) is published within
    :data:`EMERGENCY_PROMPT_HOURS` hours of its ``start`` (when it began), names the affected
    ``areas`` and says what was done (``measures``: the solution or measures taken)."""
    out = []
    if n.start is None:
        out.append(_missing("NOTICE-EMERGENCY", n, "start", "事件发生时间", "the time the incident began",
                            "2026-01-27 06:40"))
    elif n.published - n.start > timedelta(hours=EMERGENCY_PROMPT_HOURS):
        late = n.published - n.start
        late_zh, late_en = fmt_duration(late)
        out.append(error("NOTICE-EMERGENCY", n.pos("published"),
                         f"突发事件 {fmt_dt(n.start, ctx.tz)} 发生，通知 {fmt_dt(n.published, ctx.tz)} 才发布，"
                         f"晚了 {late_zh}；规程要求及时发布（本工具按 {EMERGENCY_PROMPT_HOURS} 小时内）。"
                         "请核对发布时间；如确实发布晚了，请在 body 里说明原因并改进值班发布流程。",
                         f"The incident began {fmt_dt(n.start, ctx.tz)} but the notice was published "
                         f"{fmt_dt(n.published, ctx.tz)}, {late_en} later; it must be published promptly "
                         f"(within {EMERGENCY_PROMPT_HOURS} h). Check the publication time."))
    if not n.areas:
        out.append(_missing("NOTICE-EMERGENCY", n, "areas", "影响范围（楼栋/单元）", "the affected areas",
                            "[7栋]"))
    if not (n.measures or "").strip():
        out.append(_missing("NOTICE-EMERGENCY", n, "measures", "已采取的解决方案或措施",
                            "the solution or measures taken", "|（换行写明已采取的措施）"))
    out += _end_after_start("NOTICE-EMERGENCY", n, ctx)
    return out


def _advance(rule, n: Notice, ctx: Context, what_zh: str, what_en: str, example: str):
    """``start`` given (else the notice says nothing of when: blocks), ``end`` after it,
    published before it (a late notice does not block: better late than not at all)."""
    if n.start is None:
        return [_missing(rule, n, "start", what_zh, what_en, example, block=True)]
    return _starts_after_publication(rule, n, ctx) + _end_after_start(rule, n, ctx)


@rule("NOTICE-EVENT", clause="P4.3", scope="notice", kinds=("event",),
      zh="社区文化活动须在公共场所张贴通知", en="events are posted before they happen",
      blocks_when="`start` missing; `end` not after `start`",
      doc="start given, published before it, end after start; `start`/`end` as a date alone: warning")
def check_event(n: Notice, ctx: Context):
    """NOTICE-EVENT (P4.3): an event notice gives the event's ``start`` and is published
    (posted in public places) before it."""
    return _advance("NOTICE-EVENT", n, ctx, "活动开始时间", "the event's start time", "2026-12-20 09:00")


@rule("NOTICE-PUBLICITY", clause="P4.4", scope="notice", kinds=("publicity",),
      zh="宣传内容张贴在宣传栏", en="publicity is posted on the bulletin board",
      doc="posted on the bulletin board (channel 宣传栏)")
def check_publicity(n: Notice, ctx: Context):
    """NOTICE-PUBLICITY (P4.4): fire-safety knowledge, laws, reminders are posted on the
    bulletin board: ``channels`` include 宣传栏."""
    return _on_board("NOTICE-PUBLICITY", n, "宣传内容（消防知识、法律法规、注意事项）")


@rule("NOTICE-WORKS", clause="P4.6", scope="notice", kinds=("works",),
      zh="影响正常生活或危及安全的维修安装须发通知或树立警示标示",
      en="disruptive or dangerous works carry a notice or warning signs",
      blocks_when="`start` missing; `end` not after `start`; neither `areas` nor `warning_signs` (where)",
      doc="start given and published before it (`start`/`end` as a date alone: warning); where "
          "(areas or warning signs); with channel 标示 the signs' places are listed")
def check_works(n: Notice, ctx: Context):
    """NOTICE-WORKS (P4.6): disruptive or dangerous works: ``start`` given and published
    before it, where it happens (``areas`` or ``warning_signs``); a notice posted as signs
    (channel 标示) lists where the signs are (``warning_signs``)."""
    out = _advance("NOTICE-WORKS", n, ctx, "施工开始时间", "the start of the works", "2026-12-03 08:30")
    if not n.areas and not n.warning_signs:
        out.append(error("NOTICE-WORKS", n.pos("kind"),
                         "维修施工通知没有写影响范围，也没有写警示标示位置。请加上 areas: [3栋] "
                         "或 warning_signs: [3栋与4栋之间主干道]。",
                         "The works notice names neither the affected areas nor where warning signs "
                         "are placed. Add 'areas: [3栋]' or 'warning_signs: [...]'.", block=True))
    elif "标示" in n.channels and not n.warning_signs:
        out.append(error("NOTICE-WORKS", n.pos("channels"),
                         "channels 里有“标示”，但没有写警示标示放在哪里。请加上 warning_signs: [施工路段入口]。",
                         "Channels include signs (标示) but not where they are: add 'warning_signs: [...]'."))
    return out


@rule("NOTICE-FEE", clause="T2", scope="notice", kinds=("fee_change",),
      zh="费用调整须提前告知", en="fee changes are announced before they take effect",
      blocks_when="`start` (the date it takes effect) missing; `end` not after `start`",
      doc="effective date (`start`) given, published before it")
def check_fee(n: Notice, ctx: Context):
    """NOTICE-FEE (T2): a fee change gives the date it takes effect (``start``) and is
    published before it (the minimum lead is NOTICE-LEAD's ``fee_change``)."""
    return _advance("NOTICE-FEE", n, ctx, "新收费标准的生效日期", "the date the change takes effect",
                    "2027-01-01")


@rule("NOTICE-CONTRACT", clause="P4.9", scope="notice", kinds=("contract_change",),
      zh="合同变更须及时通知顾客", en="contract changes are notified",
      blocks_when="`start` (the date it takes effect) missing; `end` not after `start`",
      doc="effective date (`start`) given, published before it")
def check_contract(n: Notice, ctx: Context):
    """NOTICE-CONTRACT (P4.9): a service-contract change gives the date it takes effect
    (``start``) and is published before it."""
    return _advance("NOTICE-CONTRACT", n, ctx, "合同变更的生效日期", "the date the change takes effect",
                    "2027-01-01")


# --- NOTICE-FINANCE -----------------------------------------------------------------------

@rule("NOTICE-FINANCE", clause="P4.5", zh="财务收支报表定期张贴公布", en="financial statements are posted periodically",
      doc="`period` in the form of `finance_period` (`2026-01` / `2026-Q1` / `2026-H1`), posted on "
          "the bulletin board after the period ends; **no period missing**: from the first "
          "statement on record or the period of the office's first day (`records_since`), "
          "whichever is earlier, each period whose due date (end of the following month) has "
          "passed has a statement, reported at `finance_period` in community.yaml; a duplicate "
          "period is a warning; statements without a configured `finance_period` are a warning")
def check_finance(ctx: Context):
    """NOTICE-FINANCE (P4.5): each statement names its ``period`` in the form of the
    community's ``finance_period``, is posted on the bulletin board after the period ends,
    and no period is missing: every period from the first statement on record (or the
    office's first day) whose due date (end of the following month) has passed has a statement (the overdue obligations of
    :func:`hcomm_gen.domain.obligations.finance_obligations`)."""
    com = ctx.records.community
    kind = com.finance_period
    statements = [n for n in ctx.records.notices if n.kind == "finance"]
    out = []
    for n in statements:
        out += _on_board("NOTICE-FINANCE", n, "财务收支报表")
    if kind is None:
        if statements:
            out.append(warning("NOTICE-FINANCE", com.pos("id", key=True),
                               "有财务收支公示，但 community.yaml 没有写公示周期，无法检查是否漏了哪一期。"
                               "请加上 finance_period: quarterly（或 monthly、half_yearly）。",
                               "There are financial statements but community.yaml sets no period, so "
                               "missing periods cannot be checked. Add 'finance_period: quarterly' "
                               "(or monthly, half_yearly)."))
        return out
    _form, example, unit = PERIOD_FORMS[kind][:3]
    seen: dict[Period, Notice] = {}
    for n in statements:
        if n.period is None or not n.period.strip():
            out.append(_missing("NOTICE-FINANCE", n, "period", f"公示的期间（本小区按{unit}公示）",
                                "the period of the statement", example))
            continue
        per = parse_period(n.period, kind)
        if per is None:
            out.append(error("NOTICE-FINANCE", n.pos("period"),
                             f"period 写的是“{n.period}”，本小区按{unit}公示（finance_period: {kind}），"
                             f"应写成 {example} 的形式。",
                             f"period is '{n.period}'; the community posts {kind} statements, so write "
                             f"it like {example}."))
            continue
        if ctx.local(n.published).date() <= per.last_day:
            out.append(error("NOTICE-FINANCE", n.pos("published"),
                             f"{per.label} 的收支报表 {fmt_dt(n.published, ctx.tz)} 就发布了，但这一期到 "
                             f"{per.last_day} 才结束。请核对 period 或发布时间。",
                             f"The {per.label} statement is published {fmt_dt(n.published, ctx.tz)}, before "
                             f"the period ends on {per.last_day}. Check period or published."))
        if per in seen:
            first = seen[per].pos("period")
            out.append(warning("NOTICE-FINANCE", n.pos("period"),
                               f"{per.label} 的收支报表已经在 {first.path} 第 {first.line} 行公示过。"
                               "如是更正，请在 body 里说明；否则请核对 period。",
                               f"The {per.label} statement is already posted at {first.path}:{first.line}. "
                               "If this is a correction say so in the body; otherwise check period."))
        seen.setdefault(per, n)
    for ob in ctx.obligations_for("NOTICE-FINANCE"):
        if ob.is_missed(ctx.now, ctx.tz):
            per = ob.detail
            out.append(error("NOTICE-FINANCE", ob.pos,
                             f"缺少 {per.label}（{per.first_day} 至 {per.last_day}）的财务收支公示，"
                             f"应在 {per.due} 前张贴。请补发这一期的公示（notices/ 里 kind: finance，"
                             f"period: {per.label}）。",
                             f"The financial statement for {per.label} ({per.first_day} – {per.last_day}) "
                             f"is missing; it was due by {per.due}. Post it (a kind: finance notice with "
                             f"period: {per.label})."))
    return out


def _yuan(amount) -> str:
    """``Decimal`` 元 as printed on a statement: ``-3,632.00``."""
    return f"{amount:,.2f}"


@rule("FINANCE-TOTALS", clause="P4.5", kind="format", area="notices", scope="notice", kinds=("finance",),
      zh="财务收支公示的各项金额须与所列合计、结余相符",
      en="a financial statement's lines add up to its stated totals",
      doc="in a `finance` body, each line `项目　金额 元` counts (万元 converted; exact decimal "
          "arithmetic, never floats): a 小计 equals the items since the section heading (`一、收入`) "
          "or the previous 小计, a 合计/总计 the items since the heading or the previous 合计 "
          "(lines starting 其中/含 are parts of the line above, not added); a 结余/结存 equals "
          "收入合计 − 支出合计, or that plus an opening balance line (上期结余, 期初结存 …); a total "
          "that differs is an error at its line in the body, naming both amounts and the difference")
def check_finance_totals(n: Notice, ctx: Context):
    """FINANCE-TOTALS (P4.5): the totals posted in a ``finance`` body are what its lines add
    up to (:func:`hcomm_gen.domain.finance.total_mismatches`, exact ``Decimal``); each
    mismatch is reported at the total's line inside the body."""
    out = []
    for mm in total_mismatches(statement_lines(n.body)):
        ln = mm.line
        diff = mm.difference
        out.append(error("FINANCE-TOTALS", n.text_pos("body", offset=ln.offset),
                         f"“{ln.item}”写的是 {_yuan(ln.amount)} 元，但{mm.parts_zh}是 {_yuan(mm.expected)} 元，"
                         f"相差 {_yuan(diff)} 元（多写了 {_yuan(diff)} 元）。请核对各项金额和合计。"
                         if diff > 0 else
                         f"“{ln.item}”写的是 {_yuan(ln.amount)} 元，但{mm.parts_zh}是 {_yuan(mm.expected)} 元，"
                         f"相差 {_yuan(-diff)} 元（少写了 {_yuan(-diff)} 元）。请核对各项金额和合计。",
                         f"'{ln.item}' states {_yuan(ln.amount)} yuan but {mm.parts_en} is "
                         f"{_yuan(mm.expected)} yuan: a difference of {_yuan(diff)} yuan. Check the "
                         "amounts and the total."))
    return out


#: the notice kinds whose ``start``/``end`` are the times of what is announced (the cut, the
#: works, the event, the incident), judged by NOTICE-BODY-TIMES, and the fields read
BODY_TIMES_KINDS = ("outage", "emergency", "pest_control", "works", "event")
BODY_TIMES_FIELDS = ("body", "actions", "measures")
_FAULTS = {
    "outside": ("（即 {value}）不在通知的起止时间 {period} 之内", "({value}) is not within the notice's times {period}"),
    "begin": ("从 {value} 开始，而 start（开始时间）是 {start}", "begins at {value} while start is {start}"),
    "end": ("到 {value} 结束，而 end（结束时间）是 {end}", "ends at {value} while end is {end}"),
    "weekday": ("里的星期与日期不符（那天是{value}）", "gives the wrong weekday (that day is {value})"),
}


@rule("NOTICE-BODY-TIMES", clause="T2", kind="format", blocks=False, area="notices", scope="notice",
      kinds=BODY_TIMES_KINDS, severity="warning",
      zh="通知正文里写的日期和时间须与通知的开始、结束时间一致",
      en="dates and times written in a notice's text agree with its start and end",
      doc="outage, emergency, pest-control, works and event notices: the dates and times written in "
          "`body`, `actions` and `measures` (`2026年12月10日（周四）`, `9:00至18:00`, `17：00`, "
          "`下午5点`, `17点30分`, `5月27日至29日`, `22:00至次日6:00`) lie within `start`–`end` (a "
          "time alone: on the notice's day, or within the daily hours of a notice of several days), "
          "the ranges written begin at `start` and end at `end` (earliest and latest of them; a "
          "sub-period is fine), and a weekday written with a date is that date's; a warning at the "
          "line inside the text, naming both values. Not judged: moments followed by 前/后/为止 "
          "(deadlines such as `9:00前储水`), a date alone without weekday or time (sign-off dates, "
          "registration deadlines), a date range whose first date gives no year. The rules of "
          "reading are in `domain/written_times.py`")
def check_body_times(n: Notice, ctx: Context):
    """NOTICE-BODY-TIMES (T2 明确沟通内容): what the text of the notice says about when
    contradicts neither its ``start``/``end`` nor itself
    (:func:`hcomm_gen.domain.written_times.contradictions`); one warning per contradicting
    moment or range, at its line inside the text, naming what is written and the record's
    value. The record's own ``start``/``end`` are compared (a 改期 change leaves the first
    text as it was)."""
    if n.start is None:
        return []
    texts = {name: getattr(n, name) for name in BODY_TIMES_FIELDS}
    start, end = fmt_dt(n.start, ctx.tz), fmt_dt(n.end, ctx.tz) if n.end is not None else "（未写）"
    period = f"{start} 至 {end}" if n.end is not None else f"{start} 起"
    out = []
    for c in contradictions(texts, n.start, n.end, ctx.tz):
        w = c.written
        zh, en = _FAULTS[c.what]
        values = {"value": c.value, "start": start, "end": end, "period": period}
        values_en = dict(values, period=period.replace(" 至 ", " to ").replace(" 起", " on"))
        out.append(warning("NOTICE-BODY-TIMES", n.text_pos(w.field, offset=w.offset),
                           f"{w.field} 里写的“{w.text}”{zh.format(**values)}。通知上的时间要前后一致："
                           "请核对正文和 start/end，改成同一个时间。",
                           f"'{w.text}' in {w.field} {en.format(**values_en)}. "
                           "The notice must say one time: check the text and start/end and make them agree."))
    return out


def _texts(value):
    """Every text of a record's data as written (mappings and lists walked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


@rule("PRINT-GLYPH", clause="格式", kind="format", blocks=False, area="notices", scope="notice", severity="warning",
      zh="张贴单上的每个字都要有已安装的字体能印出来",
      en="every character of a printed sheet is in an installed font",
      doc="`hcomm check` warns about a character of a notice that no installed font has (asked of "
          "fontconfig once per run; emoji print with `fonts-noto-color-emoji` of "
          "`scripts/setup.sh`), naming it as `U+XXXX` and where it is written; `hcomm build` and "
          "`hcomm print` then leave out that notice's sheet alone (an error naming the "
          "character, file and line; exit 1) and publish the site and the other sheets")
def check_glyphs(n: Notice, ctx: Context):
    """PRINT-GLYPH: the characters of a notice (every text of its record) that no installed
    font has (:func:`hcomm_gen.core.fonts.missing_glyphs`), one warning per character at the
    first place it is written, with what to do (:func:`hcomm_gen.core.fonts.advice`)."""
    out = []
    for ch in missing_glyphs("".join(_texts(n.raw()))):
        todo_zh, todo_en = advice(ch)
        out.append(warning("PRINT-GLYPH", n.find_text(ch) or n.pos("id"),
                           f"字 {char_name(ch)} 在已安装的字体里都没有，打印时这份通知的张贴单会缺字、"
                           f"无法生成（网站和其他张贴单不受影响）。{todo_zh}。",
                           f"Character {char_name(ch)} is in no installed font: this notice's sheet "
                           f"cannot be printed (the site and other sheets are not affected); {todo_en}."))
    return out


#: kinds whose ``start``/``end`` must name a time of day (a date alone reads as 00:00), with
#: their rule and how the notice is named in the message
TIMED_KINDS = {"outage": ("NOTICE-OUTAGE", "停水停电", "an outage"),
               "pest_control": ("NOTICE-PEST", "消杀作业", "a pest-control"),
               "works": ("NOTICE-WORKS", "维修施工", "a works"),
               "event": ("NOTICE-EVENT", "社区活动", "an event")}


@checks("NOTICE-OUTAGE", "NOTICE-PEST", "NOTICE-WORKS", "NOTICE-EVENT", scope="notice",
        kinds=tuple(TIMED_KINDS))
def check_times_given(n: Notice, ctx: Context):
    """NOTICE-OUTAGE, NOTICE-PEST, NOTICE-WORKS, NOTICE-EVENT: a ``start`` or ``end`` written
    as a date alone (``2026-12-08``, read as 00:00 or, for ``end``, the end of the day) gets a
    warning: occupants need the hour to prepare. Judged on the text as written
    (:meth:`~hcomm_gen.records.models.Record.raw`), so the typed value is unchanged."""
    if n.kind not in TIMED_KINDS:
        return []
    rule, what_zh, what_en = TIMED_KINDS[n.kind]
    out = []
    for name in ("start", "end"):
        text = n.raw(name)
        if getattr(n, name) is None or not isinstance(text, str) or has_time_of_day(text):
            continue
        day = text.strip()
        read_as = "当天 00:00" if name == "start" else "当天结束，即次日 00:00"
        read_en = "00:00 of that day" if name == "start" else "the end of that day"
        example = "09:00" if name == "start" else "17:00"
        out.append(warning(rule, n.pos(name),
                           f"{name}: “{day}”只写了日期，没有写几点；{what_zh}通知须写明开始和结束时间"
                           f"（只写日期会被当成{read_as}）。请写成 {day} {example} 这样的形式。",
                           f"{name}: '{day}' is a date without a time of day; {what_en} notice must "
                           f"give the start and end times (a date alone reads as {read_en}). Write it "
                           f"like {day} {example}."))
    return out


@checks("RECORD-FIELD", scope="notice")
def check_expires(n: Notice, ctx: Context):
    """RECORD-FIELD: ``expires`` is not earlier than ``start`` (otherwise the notice would go
    to the archive before the cut, works or event it announces), neither as first published
    nor as changed by its ``changes:`` (:func:`~hcomm_gen.domain.notices.current_notice`: a
    改期 moves ``expires`` with the times, so a postponement past the written ``expires`` is
    fine). Dates as written, or as changed."""
    cur = current_notice(n)
    for version in (n, cur):
        if version.expires is not None and version.start is not None and version.expires < version.start:
            break
    else:
        return []
    if version is n:
        exp = (n.raw("expires") or fmt_dt(version.expires, ctx.tz)).strip()
        start = (n.raw("start") or fmt_dt(version.start, ctx.tz)).strip()
        after_zh = after_en = ""
    else:
        exp, start = fmt_dt(version.expires, ctx.tz), fmt_dt(version.start, ctx.tz)
        after_zh, after_en = "（按 changes 变更后的时间）", " (as changed by changes:)"
    return [error("RECORD-FIELD", n.pos("expires"),
                  f"expires（下架时间）{exp} 早于 start（开始时间）{start}{after_zh}：通知会在开始之前就撤下、"
                  f"进入归档。请把 expires 改到 {start} 之后（例如结束以后），或核对这两个日期。",
                  f"expires {exp} is earlier than start {start}{after_en}: the notice would be archived "
                  f"before it begins. Set expires after {start} (e.g. after the end), or check both dates.")]


#: the fields of a change each type uses (others are an error: they would silently not apply)
CHANGE_FIELDS = {RESCHEDULE: ("start", "end"), END_EARLY: ("end",)}


@rule("NOTICE-CHANGE", clause="T2", kind="format", area="notices", scope="notice",
      zh="已发布的通知只能变更（改期、提前结束、取消、更正），变更须写明时间和内容",
      en="a posted notice is changed, never rewritten: each change says when and what",
      doc="each item of `changes:` is dated (`at`) after `published`; a 改期 gives `start` and/or "
          "`end`, a 提前结束 its `end` (earlier than the end it replaces); 取消 and 更正 give no "
          "times; after each change the end is after the start; no 改期 or 提前结束 follows a "
          "取消; a change without `text` (what occupants are told): warning")
def check_changes(n: Notice, ctx: Context):
    """NOTICE-CHANGE (PROCEDURE.md "A posted notice is changed, never deleted"; T2): the
    items of ``changes:`` can be shown truthfully. Each error is at the item's field (a
    missing field: the item's first line)."""
    out = []
    tz = ctx.tz
    cancelled_at = None
    for c, before, after in change_history(n):
        if c.at < n.published:
            out.append(error("NOTICE-CHANGE", c.pos("at"),
                             f"变更时间 at {fmt_dt(c.at, tz)} 早于通知的发布时间 {fmt_dt(n.published, tz)}："
                             f"通知发布以后才能变更。请把 at 改成这次{c.type}实际告知业户的时间"
                             f"（{fmt_dt(n.published, tz)} 之后），或核对 published。",
                             f"The change's at {fmt_dt(c.at, tz)} is before the notice's published "
                             f"{fmt_dt(n.published, tz)}: a notice is changed only after it is posted. Set "
                             "at to when occupants were told of the change, or check published."))
        if not (c.text or "").strip():
            out.append(warning("NOTICE-CHANGE", c.pos(),
                               f"这条“{c.type}”没有写 text：通知页和变更张贴单上业户只看到“{c.type}”，"
                               "不知道原因和要做什么。请加上 text:，例如 text: 因供电部门调整检修计划，停电改到12月5日。",
                               f"This {c.type} change has no text: the page and the change sheet would say "
                               "only the type. Add 'text:' saying what changed and why."))
        if cancelled_at is not None and c.type in (RESCHEDULE, END_EARLY):
            out.append(error("NOTICE-CHANGE", c.pos("type"),
                             f"通知已在 {fmt_dt(cancelled_at, tz)} 取消，之后又有一条“{c.type}”：取消的通知"
                             "一直显示“已取消”，新的时间不会生效。如果停水停电或活动又要进行，请另发一条新通知；"
                             "否则请删去这一条。",
                             f"The notice was cancelled at {fmt_dt(cancelled_at, tz)}; a later {c.type} "
                             "would not show (a cancelled notice stays cancelled). Publish a new notice "
                             "instead, or remove this change."))
        if c.type == CANCEL and cancelled_at is None:
            cancelled_at = c.at
        used = CHANGE_FIELDS.get(c.type, ())
        for name in ("start", "end"):
            if getattr(c, name) is not None and name not in used:
                fix_zh = "要改时间请把 type 写成 改期" if c.type != END_EARLY else "提前结束只写 end；要改开始时间请用 改期"
                out.append(error("NOTICE-CHANGE", c.pos(name),
                                 f"“{c.type}”不用 {name}，这一条里的 {name}: {fmt_dt(getattr(c, name), tz)} "
                                 f"不会生效。{fix_zh}；否则请删去 {name}。",
                                 f"A {c.type} change takes no {name}; its {name} "
                                 f"{fmt_dt(getattr(c, name), tz)} would not apply. Use type 改期 to change "
                                 f"the times, or remove {name}."))
        if c.type == RESCHEDULE and c.start is None and c.end is None:
            out.append(error("NOTICE-CHANGE", c.pos(),
                             "改期没有写新的时间：这一条变更里既没有 start 也没有 end。请写上改到的时间，"
                             "例如 start: 2026-12-05 08:30 和 end: 2026-12-05 12:30；如果是取消，请把 type 写成 取消。",
                             "A 改期 (reschedule) gives no new time: the change has neither start nor end. "
                             "Add the new times, e.g. 'start: 2026-12-05 08:30' and 'end: 2026-12-05 12:30'; "
                             "if the notice is called off, use 'type: 取消'."))
        if c.type == END_EARLY and c.end is None:
            out.append(error("NOTICE-CHANGE", c.pos(),
                             "提前结束没有写实际结束的时间。请加上 end:（实际结束、恢复的时间），"
                             "例如 end: 2026-12-03 11:00。",
                             "A 提前结束 (early end) gives no end. Add 'end:' with when it actually "
                             "ended, e.g. 'end: 2026-12-03 11:00'."))
        elif c.type == END_EARLY and before.end is not None and c.end is not None and c.end > before.end:
            out.append(error("NOTICE-CHANGE", c.pos("end"),
                             f"提前结束的 end {fmt_dt(c.end, tz)} 晚于原定的结束时间 {fmt_dt(before.end, tz)}："
                             "提前结束只能提前。要延长请把 type 写成 改期；否则请核对 end。",
                             f"The early end {fmt_dt(c.end, tz)} is later than the end it replaces "
                             f"{fmt_dt(before.end, tz)}. To extend, use type 改期; otherwise check end."))
        if (c.type in CHANGE_FIELDS and after.start is not None and after.end is not None
                and after.end <= after.start and (c.start is not None or c.end is not None)):
            field = "end" if c.end is not None else "start"
            out.append(error("NOTICE-CHANGE", c.pos(field),
                             f"这次{c.type}之后，结束时间 {fmt_dt(after.end, tz)} 不晚于开始时间 "
                             f"{fmt_dt(after.start, tz)}：结束必须晚于开始。请核对这一条变更的 start 和 end。",
                             f"After this {c.type} the end {fmt_dt(after.end, tz)} is not after the start "
                             f"{fmt_dt(after.start, tz)}; the end must be after the start. Check this "
                             "change's start and end."))
    return out
