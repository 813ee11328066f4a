"""Household visit rules (P5.1–P5.4): VISIT-RECORD, VISIT-SIGNATURE, VISIT-FEEDBACK,
VISIT-MODE, VISIT-APPOINTMENT, VISIT-2200, VISIT-QUOTA (with VISIT-NO-REPEAT), VISIT-SUMMARY,
VISIT-ESCALATE, and the references of a visit (household, case) and of a summary's decisions.

Decisions where the procedure is vague (also in README.md, "Household visits"):

* VISIT-2200: 22:00–06:00 local time counts as "after 22:00"; a ``late_reason`` turns the
  error into a warning ("原则上").
* VISIT-APPOINTMENT: the appointment is made strictly before the visit, and the visit starts
  within ±30 minutes (:data:`APPOINTMENT_TOLERANCE`) of the appointed time.
* VISIT-FEEDBACK: feedback asked for is owed within 7 days of the visit
  (:data:`hcomm_gen.domain.visits.FEEDBACK_DAYS`); missing after that is an error, given
  later than that is a warning (naming the feedback's ``late_reason`` when written).
* VISIT-SUMMARY: the summary of month M is due on the 5th of M+1 (on the 5th is on time);
  submitted later is an error, a warning when the summary says why (``late_reason``).
* VISIT-SUMMARY: a month whose quota was missed (VISIT-QUOTA) needs the summary's
  ``explanation`` (情况说明: why, and what will change) once the summary is submitted or due.
* VISIT-ESCALATE: checked once the summary is submitted or due; a 上报 without a note is a
  warning (the procedure asks the escalation to be noted, "注明"). Besides the procedure's
  三 decisions, 知悉 (noted) is for an opinion that asks for nothing (praise): it counts as
  decided, apart from the others, and needs no follow-up; only 上报 goes to the company.

The deadlines of VISIT-FEEDBACK, VISIT-QUOTA and VISIT-SUMMARY are obligations
(:mod:`hcomm_gen.domain.obligations`, ``ctx.obligations``), the same ones ``hcomm status``
lists; these checks report the overdue and the late ones.

Every rule's passing and failing example is in ``tests/rules/examples.py`` (run by
``tests/rules/test_registry.py``); further cases in ``tests/rules/test_visits.py``, and
VISIT-PRIVACY (the built site and sheets hold no address, ID, name or phone) in
``tests/outputs/test_visit_privacy.py``.
"""
from __future__ import annotations

from datetime import date, time, timedelta

from hcomm_gen.core.registry import checks, rule
from hcomm_gen.domain.terms import DOOR_TO_DOOR, ESCALATED, NOT_APPLICABLE, PHONE, SIGNATURES, VISIT_MODES
from hcomm_gen.domain.visits import FEEDBACK_DAYS, month_of, summary_deadline
from hcomm_gen.records.models import Decision
from hcomm_gen.records.types import DECISION, did_you_mean
from hcomm_gen.rules.common import household_not_found, known_households
from hcomm_gen.rules.context import Context, error, fmt_dt, late_explained, warning

#: door-to-door visits from 22:00 until 06:00 count as "after 22:00" (P5.3.1, decision:
#: a visit at 01:00 is later than 22:00 of the evening before)
NIGHT_START, NIGHT_END = time(22, 0), time(6, 0)

#: VISIT-APPOINTMENT (P5.3.1) "按预约的时间上门": a door visit starting within ±30 minutes of the
#: appointed time is on time (both ends inclusive); 31 minutes early or late is not.
APPOINTMENT_TOLERANCE = timedelta(minutes=30)


def _given(rec, name: str) -> bool:
    return name in rec.model_fields_set


@rule("VISIT-RECORD", clause="P5.1.2", scope="visit", zh="每次访问须做好《业户访问记录》",
      en="every visit has a complete record",
      doc="visitor, household, time, mode, topics and opinions recorded; the household occupied on "
          "the visit date")
def check_record(v, ctx: Context):
    """VISIT-RECORD (P5.1.2): the 业户访问记录 names the visitor, the household, the time, the
    mode, the topics and the opinions (``opinions: []`` written out = the household had none);
    a return visit names the case it follows (an opinion's missing topic is TOPIC, P3). Warnings: an
    opinion's topic missing from ``topics``; a household not occupied on the visit day."""
    out = []
    fields = (
        ("household", "业户编号（household: 3-2-0301）", "the household (household: 3-2-0301)"),
        ("visitor", "访问人（visitor: 林主管）", "the visitor (visitor: 林主管)"),
        ("time", "访问时间（time: 2026-03-05 19:30）", "the time (time: 2026-03-05 19:30)"),
        ("mode", f"访问方式（mode: 上门；可选 {'、'.join(VISIT_MODES)}）",
         f"the mode (mode: one of {', '.join(VISIT_MODES)})"),
    )
    for name, zh, en in fields:
        if getattr(v, name) in (None, ""):
            out.append(error("VISIT-RECORD", v.pos("id"),
                             f"访问记录 {v.id} 缺少{zh}。《业户访问记录》必须写明访问人、业户、时间、方式、内容和意见。",
                             f"Visit {v.id} does not give {en}. A visit record names the visitor, "
                             "household, time, mode, topics and opinions."))
    if not v.topics:
        out.append(error("VISIT-RECORD", v.pos("topics") if _given(v, "topics") else v.pos("id"),
                         f"访问记录 {v.id} 没有写沟通内容（topics: [保洁, 维修]，按规程三的十类）。",
                         f"Visit {v.id} lists no topics (topics: [保洁, 维修], the ten topics of P3)."))
    if not _given(v, "opinions"):
        out.append(error("VISIT-RECORD", v.pos("id"),
                         f"访问记录 {v.id} 没有写业户的意见和建议（opinions:）。业户没有意见时写 opinions: []。",
                         f"Visit {v.id} records no opinions (opinions:). If the household had none, "
                         "write 'opinions: []'."))
    for i, o in enumerate(v.opinions, 1):
        # an opinion without a topic is reported as TOPIC (P3) by validate.common
        if o.topic and v.topics and o.topic not in v.topics:
            out.append(warning("VISIT-RECORD", v.pos("opinions", i - 1, "topic"),
                               f"第 {i} 条意见的分类“{o.topic}”不在 topics 里。请把它加进 topics。",
                               f"Opinion {i} is about '{o.topic}', which is not in topics; add it there."))
    if v.return_visit and not v.follows_case:
        out.append(error("VISIT-RECORD", v.pos("return_visit"),
                         "这是回访（return_visit: true），但没有写回访的是哪个问题。请加上 follows_case: C-2026-003。",
                         "This is a return visit but does not say which case it follows. "
                         "Add 'follows_case: C-2026-003'."))
    h = ctx.households.get(v.household) if v.household else None
    if h is not None and v.time is not None:
        day = ctx.local(v.time).date()
        if not h.occupied_on(day):
            out.append(warning("VISIT-RECORD", v.pos("household"),
                               f"按业户登记，{h.address}（{h.id}）在 {day} 没有入住。请核对业户编号或登记的入住/搬离日期。",
                               f"By the registry, {h.id} was not occupied on {day}. Check the household "
                               "ID or its move-in / move-out dates."))
    return out


@rule("VISIT-SIGNATURE", clause="P5.1.2", scope="visit", zh="记录须写明业户已签名或拒绝签名",
      en="the record says signed or refused",
      doc="已签名 or 拒绝签名 (a refusal is fine, a missing answer is not); 不适用 only for a phone visit")
def check_signature(v, ctx: Context):
    """VISIT-SIGNATURE (P5.1.2): 已签名 or 拒绝签名; missing is an error, refusal is fine.
    A phone visit (mode 电话) cannot be signed and writes 不适用 (decision); 不适用 for any
    other mode is an error."""
    if v.signature == NOT_APPLICABLE:
        if v.mode == PHONE:
            return []
        return [error("VISIT-SIGNATURE", v.pos("signature"),
                      f"只有电话访问可以写“不适用”，这次访问方式是“{v.mode}”。"
                      "请写 已签名 或 拒绝签名（业户拒绝签名不得强求，但要记下来）。",
                      f"Only a phone visit may say 不适用 (not applicable); this visit's mode is "
                      f"'{v.mode}'. Write 已签名 (signed) or 拒绝签名 (refused).")]
    if v.signature is None:
        return [error("VISIT-SIGNATURE", v.pos("signature") if "signature" in v.model_fields_set else v.pos("id"),
                      "访问记录没有写明业户是否签名。请加上 signature: 已签名 或 signature: 拒绝签名"
                      "（业户拒绝签名不得强求，但要记下来）。",
                      "The record does not say whether the household signed. Add 'signature: 已签名' "
                      "(signed) or 'signature: 拒绝签名' (refused).")]
    if v.signature not in SIGNATURES:
        return [error("VISIT-SIGNATURE", v.pos("signature"),
                      f"signature 写的是“{v.signature}”，只能写“已签名”或“拒绝签名”（电话访问写“不适用”）。",
                      f"signature is '{v.signature}'; write 已签名 (signed) or 拒绝签名 (refused); "
                      "a phone visit writes 不适用.")]
    return []


@rule("VISIT-2200", clause="P5.3.1", scope="visit", zh="原则上 22:00 后不上门访问",
      en="no door-to-door visit at or after 22:00",
      doc="no door-to-door visit at 22:00–06:00 local time; with `late_reason` a warning")
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


@rule("VISIT-MODE", clause="P5.2", scope="visit", zh="访问方式须为规程列明的六种之一",
      en="the mode is one of the six of P5.2", doc="one of 上门, 办公室, 户外, 问卷, 电话, 其他")
def check_mode(v, ctx: Context):
    """VISIT-MODE (P5.2): one of the six modes (a missing mode is VISIT-RECORD)."""
    if v.mode is not None and v.mode not in VISIT_MODES:
        close = did_you_mean(v.mode, VISIT_MODES)
        hint_zh, hint_en = (f"是不是“{close}”？", f" Did you mean '{close}'?") if close else ("", "")
        return [error("VISIT-MODE", v.pos("mode"),
                      f"访问方式“{v.mode}”不在规程列明的六种之内：{'、'.join(VISIT_MODES)}。{hint_zh}",
                      f"Mode '{v.mode}' is not one of {', '.join(VISIT_MODES)}.{hint_en}")]
    return []


@rule("VISIT-APPOINTMENT", clause="P5.3.1", scope="visit", zh="上门访问须事先预约并按预约时间上门",
      en="door-to-door visits are booked and kept on time",
      doc="a door-to-door visit was booked before, and starts within ±30 min of the booked time")
def check_appointment(v, ctx: Context):
    """VISIT-APPOINTMENT (P5.3.1): a door-to-door visit has an appointment (``made`` strictly
    before the visit, ``for`` the agreed time) and starts within :data:`APPOINTMENT_TOLERANCE`
    of the appointed time."""
    if v.mode != DOOR_TO_DOOR:
        return []
    a = v.appointment
    if a is None or (a.made is None and a.for_ is None):
        return [error("VISIT-APPOINTMENT", v.pos("mode"),
                      "上门访问必须事先与业户预约，记录里没有预约。请加上 "
                      "appointment: {made: 预约的时间, for: 约定上门的时间}。",
                      "A door-to-door visit needs an appointment made beforehand; the record has "
                      "none. Add 'appointment: {made: when it was made, for: the agreed time}'.")]
    out = []
    if a.made is None:
        out.append(error("VISIT-APPOINTMENT", v.pos("appointment"),
                         "预约没有写是什么时候约的。请加上 made: 2026-03-03 10:00。",
                         "The appointment does not say when it was made. Add 'made: 2026-03-03 10:00'."))
    if a.for_ is None:
        out.append(error("VISIT-APPOINTMENT", v.pos("appointment"),
                         "预约没有写约定的上门时间。请加上 for: 2026-03-05 19:30。",
                         "The appointment does not say the agreed time. Add 'for: 2026-03-05 19:30'."))
    if v.time is None:
        return out
    when = fmt_dt(v.time, ctx.tz)
    if a.made is not None and a.made >= v.time:
        out.append(error("VISIT-APPOINTMENT", v.pos("appointment", "made"),
                         f"预约时间 {fmt_dt(a.made, ctx.tz)} 不早于上门时间 {when}。上门访问必须事先预约。",
                         f"The appointment was made at {fmt_dt(a.made, ctx.tz)}, not before the visit "
                         f"at {when}. Door-to-door visits are booked beforehand."))
    if a.for_ is not None and abs(v.time - a.for_) > APPOINTMENT_TOLERANCE:
        diff = int(abs(v.time - a.for_).total_seconds() // 60)
        early = "提前" if v.time < a.for_ else "推迟"
        out.append(error("VISIT-APPOINTMENT", v.pos("time"),
                         f"约定 {fmt_dt(a.for_, ctx.tz)} 上门，实际 {when}，{early}了 {diff} 分钟"
                         "（允许前后 30 分钟）。请按约定时间上门；改约时把 for: 改成新约定的时间。",
                         f"Agreed for {fmt_dt(a.for_, ctx.tz)}, visited at {when}: {diff} minutes "
                         "off (±30 allowed). Keep the agreed time; if it was rebooked, put the new "
                         "time in 'for:'."))
    return out


@rule("VISIT-FEEDBACK", clause="P5.1.3", scope="visit", zh="要求反馈的须记录反馈情况",
      en="feedback asked for is recorded",
      doc="feedback asked for is recorded within 7 days (later: warning, naming the feedback's "
          "`late_reason` when written)")
def check_feedback(v, ctx: Context):
    """VISIT-FEEDBACK (P5.1.3): when feedback is asked for (``feedback_needed``), the feedback
    given is recorded within :data:`FEEDBACK_DAYS` days: missing after that is an error, given
    later a warning; feedback dated before the visit is an error."""
    if v.time is None:
        return []
    if v.feedback is not None:
        if v.feedback.time < v.time:
            return [error("VISIT-FEEDBACK", v.pos("feedback", "time"),
                          f"反馈时间 {fmt_dt(v.feedback.time, ctx.tz)} 早于访问时间 {fmt_dt(v.time, ctx.tz)}。请核对日期。",
                          f"Feedback at {fmt_dt(v.feedback.time, ctx.tz)} is before the visit "
                          f"({fmt_dt(v.time, ctx.tz)}). Check the dates.")]
    for ob in ctx.obligations_of("visit-feedback", v):
        if ob.done is not None and ob.is_late(ctx.tz):
            days = (ctx.local(ob.done_time).date() - ctx.local(v.time).date()).days
            if ob.explained:
                return [late_explained("VISIT-FEEDBACK", ob,
                                       f"访问后第 {days} 天才反馈，超过了 {FEEDBACK_DAYS} 天",
                                       f"Feedback given {days} days after the visit, later than "
                                       f"{FEEDBACK_DAYS} days")]
            return [warning("VISIT-FEEDBACK", ob.pos,
                            f"访问后第 {days} 天才反馈，超过了 {FEEDBACK_DAYS} 天。规程要求及时反馈；"
                            "确实晚了的，请在 feedback 里加上 late_reason: 写明原因。",
                            f"Feedback given {days} days after the visit, later than {FEEDBACK_DAYS} "
                            "days. The procedure asks for prompt feedback; if it was late, add "
                            "'late_reason:' to the feedback saying why.")]
        if ob.done is None and ob.is_overdue(ctx.now, ctx.tz):
            return [error("VISIT-FEEDBACK", ob.pos,
                          f"这次访问需要反馈（feedback_needed: true），访问已过 {FEEDBACK_DAYS} 天"
                          f"（{fmt_dt(ob.due_time, ctx.tz)} 前应反馈），还没有反馈记录。请把反馈情况记下："
                          "feedback: {time: 2026-03-08 10:00, text: 反馈的内容}。",
                          f"Feedback is needed and was due by {fmt_dt(ob.due_time, ctx.tz)} ({FEEDBACK_DAYS} days "
                          "after the visit); none is recorded. Add 'feedback: {time: …, text: …}'.")]
    return []


@checks("RECORD-REF", scope="visit")
def check_refs(v, ctx: Context):
    out = []
    known = known_households(ctx)
    if v.household is not None and known and v.household not in known:
        out.append(household_not_found(v, "household", v.household, known))
    if v.follows_case is not None and v.follows_case not in ctx.cases:
        out.append(error("RECORD-REF", v.pos("follows_case"),
                         f"回访的问题编号“{v.follows_case}”找不到。请核对 cases/ 里的编号。",
                         f"Case '{v.follows_case}' that this return visit follows does not exist."))
    return out


@rule("VISIT-QUOTA", clause="P5.1.1", zh="每月访问户数不低于已入住户数的规定比例",
      en="monthly distinct households visited meet the quota",
      doc="each complete month since the office's first day (`records_since` in community.yaml, "
          "default: the month of the earliest record), with or without visits: distinct households "
          "of the registry visited (return visits excluded) ≥ ceil(N × rate), N occupied on the "
          "1st; ≤300 → 4 %, 301–500 → 5 %, 501–800 → 6 %, >800 → 7 %")
def check_quota(ctx: Context):
    """VISIT-QUOTA (P5.1.1) for every complete month from the office's first day
    (``records_since``), with or without visits: the overdue ``VISIT-QUOTA`` obligations not
    met (:mod:`hcomm_gen.domain.obligations`)."""
    out = []
    for ob in ctx.obligations_for("VISIT-QUOTA"):
        if not ob.is_missed(ctx.now, ctx.tz):
            continue
        month, q = ob.ref, ob.detail
        out.append(error("VISIT-QUOTA", ob.pos,
                         f"{month} 只访问了 {q.visited} 户（不含回访、同户只计一次），"
                         f"1 日已入住 {q.occupied} 户，按 {q.rate_percent}% 至少应访问 {q.required} 户，"
                         f"还差 {q.required - q.visited} 户。",
                         f"{month}: {q.visited} distinct households visited (return visits excluded); "
                         f"{q.occupied} occupied on the 1st at {q.rate_percent}% requires {q.required}, "
                         f"{q.required - q.visited} short."))
    return out


@checks("RECORD-REF")
@rule("VISIT-ESCALATE", clause="P5.4.2", zh="主任须对每条意见作出采纳、不采纳或上报的决定",
      en="each opinion is adopted, not adopted or escalated",
      doc="every opinion of the month has 采纳 / 不采纳 / 上报, or 知悉 (noted: an opinion that asks "
          "for nothing, counted apart, no follow-up); 上报 without a note: warning")
@rule("VISIT-SUMMARY", clause="P5.4.1", zh="每月 5 日前提交上月访问业户总结",
      en="last month's visit summary is submitted by the 5th",
      doc="the summary of month M is submitted by the 5th of M+1 (from the office's first "
          "complete month, `records_since`, whether or not it has visits); submitted later is an "
          "error, a warning with `late_reason`; a month whose quota was missed needs `explanation` "
          "(情况说明: why, and what will change)")
def check_summaries(ctx: Context):
    """VISIT-SUMMARY (P5.4.1) and VISIT-ESCALATE (P5.4.2).

    * the summary of every complete month from the office's first day (``records_since``),
      with or without visits, exists and is submitted by the 5th of the next month, once that
      day has passed;
    * a summary submitted before the last visit of its month misses visits (warning);
    * once submitted or due, the summary of a month whose VISIT-QUOTA was missed has an
      ``explanation`` (情况说明);
    * each decision names a visit of that month (RECORD-REF; unknown visits and opinion
      numbers are reported by :mod:`.common`) and is
      采纳 / 不采纳 / 上报 / 知悉; once the summary is submitted or due, every opinion of the month's
      visits has exactly one decision; 上报 without a note is a warning.
    """
    out = []
    today = ctx.local(ctx.now).date()
    missed = {ob.ref: ob.detail for ob in ctx.obligations_for("VISIT-QUOTA") if ob.is_missed(ctx.now, ctx.tz)}
    for ob in ctx.obligations_for("VISIT-SUMMARY"):
        if not (ob.is_late(ctx.tz) or ob.is_missed(ctx.now, ctx.tz)):
            continue
        month, dl, s = ob.ref, f"{ob.due:%Y-%m-%d}", ob.record
        if s is None:
            out.append(error("VISIT-SUMMARY", ob.pos,
                             f"{month} 的访问业户总结最迟应在 {dl} 提交管理处主任，现在还没有记录。"
                             f"请建立 {ob.detail}（month、submitted、supervisor、"
                             f"{'explanation（情况说明：本月未达标）、' if month in missed else ''}decisions），"
                             f"可先用 hcomm visits summary --month {month} 生成草稿。",
                             f"The visit summary of {month} was due by {dl}; there is no record. "
                             f"Create {ob.detail} (draft it with "
                             f"'hcomm visits summary --month {month}')."))
        elif s.submitted is None:
            out.append(error("VISIT-SUMMARY", ob.pos,
                             f"{month} 的访问业户总结最迟应在 {dl} 提交，记录里没有提交日期。"
                             "提交后请加上 submitted: 日期。",
                             f"The visit summary of {month} was due by {dl} and has no "
                             "'submitted:' date. Add it once handed in."))
        elif ob.explained:
            out.append(late_explained(
                "VISIT-SUMMARY", ob,
                f"{month} 的访问业户总结 {s.submitted:%Y-%m-%d} 才提交，晚于规定的 {dl}（每月 5 日前提交上月总结）",
                f"The visit summary of {month} was submitted on {s.submitted:%Y-%m-%d}, "
                f"after the deadline {dl} (the 5th of the next month)"))
        else:
            out.append(error("VISIT-SUMMARY", ob.pos,
                             f"{month} 的访问业户总结 {s.submitted:%Y-%m-%d} 才提交，晚于规定的 {dl}"
                             f"（每月 5 日前提交上月总结）。请核对日期；确实晚交的，保留真实日期，"
                             "并加上 late_reason: 写明原因（记为警告）。",
                             f"The visit summary of {month} was submitted on {s.submitted:%Y-%m-%d}, "
                             f"after the deadline {dl} (the 5th of the next month). Check the date; if "
                             "it was late, keep the real date and add 'late_reason:' saying why (then "
                             "it is a warning)."))
    for s in ctx.records.visit_summaries:
        if s.month in missed and not (s.explanation or "").strip() and (
                s.submitted is not None or today > summary_deadline(s.month)):
            out.append(_no_explanation(s, missed[s.month]))
        out += _check_decisions(s, ctx, today, ctx.visits_by_month.get(s.month, []))
    return out


def _no_explanation(s, q):
    """VISIT-SUMMARY: the summary of a month whose quota ``q`` was missed has no
    ``explanation`` (情况说明)."""
    short = q.required - q.visited
    return error("VISIT-SUMMARY", s.pos("explanation") if _given(s, "explanation") else s.pos("month"),
                 f"{s.month} 访问未达标（访问 {q.visited} 户，应至少 {q.required} 户，差 {short} 户），"
                 "总结里没有情况说明。请加上 explanation:（情况说明），写明未达标的原因和改进措施，例如 "
                 "explanation: 本月两名客服请假，下月增加晚间上门访问。",
                 f"{s.month}: quota missed ({q.visited} visited, {q.required} required, {short} short) and "
                 "the summary has no explanation. Add 'explanation:' (情况说明) saying why and what will "
                 "change.")


def _check_decisions(s, ctx: Context, today: date, in_month: list):
    out = []
    if s.submitted is not None and in_month:
        last = max(ctx.local(v.time).date() for v in in_month)
        if s.submitted < last:
            out.append(warning("VISIT-SUMMARY", s.pos("submitted"),
                               f"总结 {s.submitted:%Y-%m-%d} 提交，但本月 {last:%Y-%m-%d} 还有访问，这些访问不在总结里。",
                               f"Submitted on {s.submitted:%Y-%m-%d}, but the month has visits up to "
                               f"{last:%Y-%m-%d} that the summary cannot include."))
    opinions = {(v.id, i): v for v in in_month for i in range(1, len(v.opinions) + 1)}
    seen: dict[tuple, Decision] = {}
    for d in s.decisions:
        v = ctx.visits.get(d.visit)
        if v is None or not 1 <= d.opinion <= len(v.opinions):
            continue  # RECORD-REF, reported by validate.common.check_refs
        if month_of(v, ctx.tz) != s.month:
            out.append(error("RECORD-REF", d.pos("visit"),
                             f"访问 {d.visit} 是 {month_of(v, ctx.tz)} 的，不属于 {s.month} 的总结。",
                             f"Visit {d.visit} is of {month_of(v, ctx.tz)}, not {s.month}."))
            continue
        if (d.visit, d.opinion) in seen:
            first = seen[(d.visit, d.opinion)].pos("visit")
            out.append(error("VISIT-ESCALATE", d.pos("visit"),
                             f"访问 {d.visit} 第 {d.opinion} 条意见有两个决定（第 {first.line} 行已有）。请只留一个。",
                             f"Opinion {d.opinion} of visit {d.visit} has two decisions (also line "
                             f"{first.line}). Keep one."))
            continue
        seen[(d.visit, d.opinion)] = d
        if d.decision not in DECISION.values:
            close = DECISION.closest(d.decision) if d.decision else None
            found = f"写的是“{d.decision}”" if d.decision else "没有写"
            hint_zh = f"是不是“{close.zh}”？" if close else ""
            hint_en = f" Did you mean {close.zh} ({close.en})?" if close else ""
            out.append(error("VISIT-ESCALATE", d.pos("decision") if d.decision else d.pos("visit"),
                             f"访问 {d.visit} 第 {d.opinion} 条意见的处理决定{found}。{hint_zh}"
                             f"请写 decision: 采纳、不采纳、上报（超出管理处权限，提交公司客户投诉中心）"
                             "或 知悉（无需处理的意见，如表扬）。",
                             f"The decision on opinion {d.opinion} of visit {d.visit} is "
                             f"{d.decision or 'missing'}.{hint_en} Write 采纳 (adopted), 不采纳 (not adopted), "
                             "上报 (escalated to the company's complaint centre) or 知悉 (noted: "
                             "nothing to do, e.g. praise)."))
        elif d.decision == ESCALATED and not (d.note or "").strip():
            out.append(warning("VISIT-ESCALATE", d.pos("decision"),
                               f"访问 {d.visit} 第 {d.opinion} 条意见上报公司，但没有注明原因。请加上 note: 说明。",
                               f"Opinion {d.opinion} of visit {d.visit} is escalated without a note; "
                               "add 'note:' saying why."))
    if s.submitted is None and today <= summary_deadline(s.month):
        return out  # a draft: undecided opinions are still being decided
    anchor = None  # looked up for the first opinion without a decision (it composes the file again)
    for (vid, i), v in sorted(opinions.items(), key=lambda kv: (kv[1].time, kv[0])):
        if (vid, i) not in seen:
            o = v.opinions[i - 1]
            if anchor is None:
                anchor = s.pos("decisions") if "decisions" in s.model_fields_set else s.pos("month")
            out.append(error("VISIT-ESCALATE", anchor,
                             f"访问 {vid}（{v.path}）第 {i} 条意见（{o.topic or '未分类'}：{o.text}）"
                             f"没有主任的处理决定。请在 decisions 里加上 "
                             f"{{visit: {vid}, opinion: {i}, decision: 采纳|不采纳|上报|知悉}}"
                             f"（或用 hcomm visits decisions --month {s.month} 导出表格填写后导入）。",
                             f"Opinion {i} of visit {vid} ({v.path}) has no decision by the director. "
                             f"Add {{visit: {vid}, opinion: {i}, decision: 采纳|不采纳|上报|知悉}} to decisions "
                             f"(or fill in the sheet of 'hcomm visits decisions --month {s.month}')."))
    return out
