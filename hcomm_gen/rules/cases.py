"""Case and suggestion rules (T3, T4, P4.7, P4.10, P4.12, P4.13).

A case (:class:`~hcomm_gen.records.models.Case`) is raised by an occupant (``投诉`` complaint,
``建议`` suggestion, ``财产损坏`` property damage) or found by staff (``问题``).

Interpretations (also in docs/rules.md):

* the *first response* is ``first_response`` or, if that is empty, the earliest progress
  report or feedback; it is due within 24 hours of ``received`` (CASE-RESPONSE-24H for the
  occupant's kinds and property damage; CASE-FOUND for problems found by staff). An open
  case with no response is an error only once the 24 hours have passed (``ctx.now``);
  before that it is listed by ``hcomm status``;
* CASE-PROGRESS: reports are dated between receipt and now, in order; an open case has a
  report in the last :data:`PROGRESS_MAX_GAP_DAYS` days; a resolved suggestion (建议) records
  the feedback given (complaints, property damage and found problems have their own rules);
* CASE-VALID-FEEDBACK: a complaint says ``valid: true|false``; a resolved valid complaint has
  ``feedback``; feedback more than :data:`FEEDBACK_DAYS` days after resolution is a warning.
* a first response done late is an error, or a warning when the case says why
  (``response_late_reason``, or ``late_reason`` on the progress report or feedback that was
  the first response): the real time is kept, with its reason (PROCEDURE.md "A late act is
  recorded truthfully"); late feedback says why in the feedback's ``late_reason``.

The deadlines (first response, next progress report, feedback once resolved) are the
obligations of :func:`hcomm_gen.domain.obligations.case_obligations` (``ctx.obligations``),
the same ones ``hcomm status`` lists; these checks report the overdue and the late ones.
"""
from __future__ import annotations

from hcomm_gen.core.registry import rule
from hcomm_gen.domain.cases import FEEDBACK_DAYS, PROGRESS_MAX_GAP_DAYS, RESPONSE_HOURS
from hcomm_gen.domain.obligations import Obligation
from hcomm_gen.domain.privacy import PHONE, ROOM
from hcomm_gen.records.models import Case, Suggestion
from hcomm_gen.rules.context import Context, error, fmt_dt, fmt_duration, late_explained, warning

OCCUPANT_KINDS = ("投诉", "建议", "财产损坏")


def _response(rule: str, c: Case, ctx: Context, who_zh: str, who_en: str):
    """The first-response obligation of ``c`` (``case-response``): an error when it is
    overdue and not done, when it is dated before receipt, or when it was done late without a
    written reason (with one: a warning)."""
    tz, out = ctx.tz, []
    for ob in ctx.obligations_of("case-response", c):
        due = ob.due_time
        if ob.done is None:
            if ob.is_overdue(ctx.now, tz):
                out.append(error(rule, ob.pos,
                                 f"{c.kind} {fmt_dt(c.received, tz)} 收到，到现在（{fmt_dt(ctx.now, tz)}）还没有回应记录；"
                                 f"应在 {RESPONSE_HOURS} 小时内（{fmt_dt(due, tz)} 前）{who_zh}。"
                                 "如已回应，请加上 first_response: 回应时间；否则请立即联系。",
                                 f"Received {fmt_dt(c.received, tz)}, still no response recorded at "
                                 f"{fmt_dt(ctx.now, tz)}; {who_en} within {RESPONSE_HOURS} h (by {fmt_dt(due, tz)}). "
                                 "If done, add 'first_response: TIME'; otherwise respond now."))
            continue
        resp = ob.done_time
        if resp < c.received:
            out.append(error(rule, ob.pos,
                             f"回应时间 {fmt_dt(resp, tz)} 早于收到时间 {fmt_dt(c.received, tz)}。请核对这两个时间。",
                             f"The response {fmt_dt(resp, tz)} is before receipt {fmt_dt(c.received, tz)}. "
                             "Check both times."))
        elif ob.is_late_explained(tz):
            took_zh, took_en = fmt_duration(resp - c.received)
            out.append(late_explained(
                rule, ob,
                f"{fmt_dt(c.received, tz)} 收到，{fmt_dt(resp, tz)} 才回应，用了 {took_zh}，"
                f"超过 {RESPONSE_HOURS} 小时（应在 {fmt_dt(due, tz)} 前）",
                f"Received {fmt_dt(c.received, tz)}, first response {fmt_dt(resp, tz)}: "
                f"{took_en}, over {RESPONSE_HOURS} h (due by {fmt_dt(due, tz)})"))
        elif ob.is_late(tz):
            took_zh, took_en = fmt_duration(resp - c.received)
            out.append(error(rule, ob.pos,
                             f"{fmt_dt(c.received, tz)} 收到，{fmt_dt(resp, tz)} 才回应，用了 {took_zh}；"
                             f"应在 {RESPONSE_HOURS} 小时内（{fmt_dt(due, tz)} 前）{who_zh}。请核对时间；"
                             "确实超时的，保留真实时间，并加上 response_late_reason: 写明原因（记为警告）。",
                             f"Received {fmt_dt(c.received, tz)}, first response {fmt_dt(resp, tz)}: {took_en}; "
                             f"{who_en} within {RESPONSE_HOURS} h (by {fmt_dt(due, tz)}). Check the times; if it "
                             "was late, keep the real time and add 'response_late_reason:' saying why (then "
                             "it is a warning)."))
    return out


@rule("CASE-RESPONSE-24H", clause="T3", scope="case", zh="业主提出问题后 24 小时内回应",
      en="first response within 24 hours",
      doc="complaint, suggestion, property damage: first response ≤ 24 h after `received` (exactly "
          "24 h is on time), not before it; no response at all is an error once 24 h have passed at "
          "`--now`; a late response is an error, a warning with `response_late_reason` (or "
          "`late_reason` on the progress report or feedback that was the first response)")
def check_response(c: Case, ctx: Context):
    """CASE-RESPONSE-24H (T3): an occupant's complaint, suggestion or property damage gets a
    first response within 24 hours of ``received``."""
    if c.kind not in OCCUPANT_KINDS:
        return []
    return _response("CASE-RESPONSE-24H", c, ctx, "回应业户", "the occupant gets a first response")


@rule("CASE-PROGRESS", clause="T3", scope="case", zh="向业主报告进展直至问题解决",
      en="progress is reported until resolved",
      doc="reports dated after receipt and in order; resolved after receipt; an open case has a "
          "report in the last 30 days; a resolved suggestion (建议) records its feedback")
def check_progress(c: Case, ctx: Context):
    """CASE-PROGRESS (T3): reports dated after receipt and in order; resolution after
    receipt; an open case reported on at least every :data:`PROGRESS_MAX_GAP_DAYS` days; a
    resolved suggestion records the feedback."""
    tz, out = ctx.tz, []
    prev = None
    for i, e in enumerate(c.progress):
        if e.time < c.received:
            out.append(error("CASE-PROGRESS", c.pos("progress", i, "time"),
                             f"第 {i + 1} 条进展 {fmt_dt(e.time, tz)} 早于收到时间 {fmt_dt(c.received, tz)}。请核对日期。",
                             f"Progress report {i + 1} ({fmt_dt(e.time, tz)}) is before receipt "
                             f"({fmt_dt(c.received, tz)}). Check the date."))
        elif prev is not None and e.time < prev:
            out.append(error("CASE-PROGRESS", c.pos("progress", i, "time"),
                             f"第 {i + 1} 条进展 {fmt_dt(e.time, tz)} 早于上一条 {fmt_dt(prev, tz)}。"
                             "请按时间先后排列，并核对日期。",
                             f"Progress report {i + 1} ({fmt_dt(e.time, tz)}) is earlier than the one "
                             f"before ({fmt_dt(prev, tz)}). Keep them in order and check the dates."))
        prev = e.time
    if c.resolved is not None and c.resolved < c.received:
        out.append(error("CASE-PROGRESS", c.pos("resolved"),
                         f"解决时间 {fmt_dt(c.resolved, tz)} 早于收到时间 {fmt_dt(c.received, tz)}。请核对日期。",
                         f"Resolved {fmt_dt(c.resolved, tz)} is before receipt {fmt_dt(c.received, tz)}. "
                         "Check the dates."))
    for ob in ctx.obligations_of("case-progress", c):
        if ob.is_overdue(ctx.now, tz):
            last = ob.since_time
            days = (ctx.now - last).days
            out.append(error("CASE-PROGRESS", ob.pos,
                             f"问题还没有解决，最近一次向{'业户' if c.household else '相关方'}报告进展是 "
                             f"{fmt_dt(last, tz)}，已经 {days} 天；规程要求报告进展直至问题解决"
                             f"（本工具按至少每 {PROGRESS_MAX_GAP_DAYS} 天一次）。请联系并在 progress 里记下，"
                             "已解决的请填 resolved 和 feedback。",
                             f"The case is open and the last progress report was {fmt_dt(last, tz)}, {days} "
                             f"days ago; report progress until it is resolved (at least every "
                             f"{PROGRESS_MAX_GAP_DAYS} days). Record a report in progress, or fill in "
                             "resolved and feedback."))
    for ob in ctx.obligations_of("case-feedback", c):
        if ob.rule == "CASE-PROGRESS" and ob.is_missed(ctx.now, tz):
            out.append(error("CASE-PROGRESS", ob.pos,
                             "建议已处理完（有 resolved），但没有记录把结果告诉了业户。请加上 "
                             "feedback: {time: …, text: 告知业户的处理结果}。",
                             "The suggestion is resolved but no feedback to the occupant is recorded. "
                             "Add 'feedback: {time: …, text: …}'."))
    return out


@rule("CASE-INVALID-EXPLAIN", clause="P4.13", scope="case", zh="无效投诉须向顾客耐心解释",
      en="an invalid complaint carries its explanation", doc="an invalid complaint carries `explanation`")
@rule("CASE-VALID-FEEDBACK", clause="P4.12", scope="case", zh="有效投诉处理后须将结果知会顾客",
      en="a valid complaint's outcome is fed back",
      doc="a complaint says `valid: true/false`; a resolved valid complaint has `feedback`, not "
          "before receipt; feedback > 7 days after resolution is a warning (naming the "
          "feedback's `late_reason` when written)")
def check_complaint(c: Case, ctx: Context):
    """CASE-VALID-FEEDBACK (P4.12) and CASE-INVALID-EXPLAIN (P4.13) for complaints."""
    if c.kind != "投诉":
        return []
    tz = ctx.tz
    if c.valid is None:
        return [error("CASE-VALID-FEEDBACK", c.pos("kind"),
                      "投诉没有写是否有效。请加上 valid: true（有效投诉，处理后把结果告知业户）"
                      "或 valid: false（无效投诉，写明向业户所作的解释 explanation）。",
                      "The complaint does not say whether it is valid. Add 'valid: true' (handled, "
                      "outcome fed back) or 'valid: false' (with the explanation given).")]
    if c.valid is False:
        if not (c.explanation or "").strip():
            return [error("CASE-INVALID-EXPLAIN", c.pos("valid"),
                          "无效投诉要记录向业户所作的解释。请加上 explanation: 写明向业户解释了什么。",
                          "An invalid complaint needs the explanation given to the customer. Add "
                          "'explanation:' with what was explained.")]
        return []
    out = []
    for ob in ctx.obligations_of("case-feedback", c):
        if ob.is_missed(ctx.now, tz):
            out.append(error("CASE-VALID-FEEDBACK", ob.pos,
                             f"有效投诉 {fmt_dt(ob.due_time, tz)} 已处理完，但没有记录把处理结果告知业户。"
                             "请加上 feedback: {time: …, text: 告知业户的处理结果}。",
                             f"The valid complaint was resolved {fmt_dt(ob.due_time, tz)} but no feedback to "
                             "the customer is recorded. Add 'feedback: {time: …, text: …}'."))
    if c.feedback is not None:
        if c.feedback.time < c.received:
            out.append(error("CASE-VALID-FEEDBACK", c.pos("feedback", "time"),
                             f"反馈时间 {fmt_dt(c.feedback.time, tz)} 早于收到投诉的时间 {fmt_dt(c.received, tz)}。"
                             "请核对日期。",
                             f"Feedback {fmt_dt(c.feedback.time, tz)} is before receipt "
                             f"{fmt_dt(c.received, tz)}. Check the date."))
        else:
            for ob in ctx.obligations_of("case-feedback", c):
                if ob.is_late(tz):
                    out.append(_late_feedback(ob, c, ctx))
    return out


def _late_feedback(ob: Obligation, c: Case, ctx: Context):
    """CASE-VALID-FEEDBACK: feedback more than :data:`FEEDBACK_DAYS` days after resolution, a
    warning naming its ``late_reason`` if written, else saying to write one."""
    tz = ctx.tz
    days = (ob.done_time - ob.since_time).days
    head_zh = (f"投诉 {fmt_dt(ob.since_time, tz)} 处理完，{days} 天后才告知业户；规程要求及时知会"
               f"（本工具按 {FEEDBACK_DAYS} 天内）。")
    head_en = (f"Resolved {fmt_dt(ob.since_time, tz)}, but the customer was told {days} days later; "
               f"feedback is due promptly (within {FEEDBACK_DAYS} days).")
    if ob.explained:
        return late_explained("CASE-VALID-FEEDBACK", ob, head_zh, head_en, new_sentence=True)
    return warning("CASE-VALID-FEEDBACK", ob.pos,
                   f"{head_zh}请核对反馈时间；确实晚了的，请在 feedback 里加上 late_reason: 写明原因。",
                   f"{head_en} Check the feedback time; if it was late, add 'late_reason:' to the "
                   "feedback saying why.")


@rule("CASE-PROPERTY", clause="P4.10", scope="case", zh="顾客财产丢失损坏须记录并报告顾客",
      en="customer property lost or damaged is recorded and reported",
      doc="property damage names the household; once resolved, what was reported (`feedback`)")
def check_property(c: Case, ctx: Context):
    """CASE-PROPERTY (P4.10): damage to customer property names the customer (``household``)
    and, once resolved, records what was reported to them (``feedback``)."""
    if c.kind != "财产损坏":
        return []
    out = []
    if c.household is None:
        out.append(error("CASE-PROPERTY", c.pos("kind"),
                         "财产损坏记录没有写是哪一户的财产。请加上 household: 楼栋-单元-房号（例如 6-2-0801）。",
                         "The property-damage record does not name whose property it is. Add "
                         "'household: 6-2-0801'."))
    for ob in ctx.obligations_of("case-feedback", c):
        if ob.is_missed(ctx.now, ctx.tz):
            out.append(error("CASE-PROPERTY", ob.pos,
                             "财产损坏已处理完，但没有记录向业户报告的情况。请加上 feedback: {time: …, text: 向业户报告的内容}。",
                             "The property damage is resolved but what was reported to the customer is not "
                             "recorded. Add 'feedback: {time: …, text: …}'."))
    return out


@rule("CASE-FOUND", clause="P4.7", scope="case", zh="日常发现的问题须与业户或业委会沟通",
      en="problems found by staff are communicated",
      doc="a problem found by staff names the household or `communicated_to` (e.g. 业委会), and is "
          "communicated within 24 h")
def check_found(c: Case, ctx: Context):
    """CASE-FOUND (P4.7): a problem found by staff names whom it was communicated to (the
    ``household``, or ``communicated_to``: e.g. 业委会) and is communicated within 24 hours."""
    if c.kind != "问题":
        return []
    out = []
    if c.household is None and not (c.communicated_to or "").strip():
        out.append(error("CASE-FOUND", c.pos("kind"),
                         "管理处发现的问题要与业户或业委会沟通，记录里没有写和谁沟通。请加上 household: 楼栋-单元-房号，"
                         "或 communicated_to: 业委会。",
                         "A problem found by staff is communicated to the household or the owners' "
                         "committee; the record names neither. Add 'household: …' or "
                         "'communicated_to: 业委会'."))
    out += _response("CASE-FOUND", c, ctx, "与业户或业委会沟通", "it is communicated")
    return out


@rule("SUGGESTION-ANONYMOUS", clause="T4", scope="suggestion", zh="匿名建议不得带有任何身份信息",
      en="an anonymous suggestion carries no identity",
      doc="no `household`, `name`, `phone`, and no phone number or room written in the text")
def check_suggestion(s: Suggestion, ctx: Context):
    """SUGGESTION-ANONYMOUS (T4): no household, name or phone, and none written in the text
    (a mobile or landline number, a room such as 3栋2单元0301 or 3-2-0301)."""
    out = []
    for field_name, zh in (("household", "业户"), ("name", "姓名"), ("phone", "电话")):
        if getattr(s, field_name):
            out.append(error("SUGGESTION-ANONYMOUS", s.pos(field_name),
                             f"匿名建议不能记录{zh}（{field_name}）。请删掉这一行：意见箱的建议一律匿名保存。",
                             f"An anonymous suggestion must not record a {field_name}. Delete this line: "
                             "suggestion-box entries are kept anonymous."))
    for pattern, zh, en in ((PHONE, "电话号码", "phone number"), (ROOM, "房号", "room")):
        m = pattern.search(s.text)
        if m:
            out.append(error("SUGGESTION-ANONYMOUS", s.pos("text"),
                             f"匿名建议的内容里有{zh}“{m.group(0)}”，会暴露提建议的人。请在 text 里删掉它"
                             "（需要联系的，由管理处另行处理，不写进记录）。",
                             f"The suggestion text contains a {en} ('{m.group(0)}') that identifies its "
                             "author. Remove it from the text."))
    return out
