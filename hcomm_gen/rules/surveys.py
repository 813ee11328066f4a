"""Survey round rules (P5.5–P5.7): SURVEY-SCHEDULE, SURVEY-COLLECT-15WD, SURVEY-DISTRIBUTION,
SURVEY-RETURN-60, SURVEY-ANALYSIS-30WD, SURVEY-ANNOUNCE-30WD, SURVEY-ARCHIVE,
NOTICE-SURVEY-RESULT, and the format of ``round.yaml``/``answers.yaml`` (RECORD-FIELD, TOPIC).

The arithmetic is in :mod:`hcomm_gen.domain.survey`; this module only compares its results
with the procedure. Decisions (also in docs/records.md):

* SURVEY-RETURN-60 below 60 % is a *warning*: the procedure's own consequence is the
  penalty (SURVEY-PENALTY), which is applied and published; a past round cannot be re-collected.
* Deadlines not yet due are not problems; a date recorded after its deadline, or a date still
  missing once the deadline has passed, is an error; a date after its deadline with the
  reason written (``collection_late_reason``, ``analysis_late_reason``,
  ``announcement_late_reason``) is a warning.
* A main improvement item without a measure is an error once the round is announced or the
  announcement deadline has passed.

The deadlines (SURVEY-SCHEDULE and the working-day ones) are the obligations of
:func:`hcomm_gen.domain.obligations.survey_obligations` (``ctx.obligations``), the same ones
``hcomm status`` lists.
"""
from __future__ import annotations

from hcomm_gen.core.problems import Position
from hcomm_gen.core.registry import checks, rule
from hcomm_gen.domain.obligations import SURVEY_DONE_FIELDS, SURVEY_REASON_FIELDS
from hcomm_gen.domain.survey import RETURN_MIN, AnswerError, compute_round, parse_answer, pct
from hcomm_gen.domain.terms import TOPICS
from hcomm_gen.records.models import SurveyRound
from hcomm_gen.rules.common import copy_order
from hcomm_gen.rules.context import Context, calendar_problem, error, late_explained, warning


def _answer_pos(ans, i: int, offset: int = 0) -> Position:
    """Position of character ``offset`` of answer line ``i`` (quotes skipped)."""
    p = ans.pos("answers", i)
    src = ans._src
    extra = 0
    if src is not None and 0 < p.line <= len(src.lines):
        text = src.lines[p.line - 1]
        if 0 < p.column <= len(text) and text[p.column - 1] in "'\"":
            extra = 1
    return Position(p.path, p.line, p.column + extra + offset)


@checks("RECORD-FIELD", "TOPIC", scope="survey")
def check_items(rnd, ctx: Context):
    """Items numbered 1, 2, … in questionnaire order, with P3 topics; a round has items."""
    out = []
    for k, it in enumerate(rnd.items, 1):
        if it.no != k:
            out.append(error("RECORD-FIELD", rnd.pos("items", k - 1, "no"),
                             f"第 {k} 个题目的编号是 {it.no}，应为 {k}：题目按问卷顺序从 1 开始连续编号，"
                             "答卷的每个字按这个顺序对应题目。",
                             f"Item {k} is numbered {it.no}; number items 1, 2, … in questionnaire order "
                             "(answer characters follow that order)."))
        if it.topic is not None and it.topic not in TOPICS:
            out.append(error("TOPIC", rnd.pos("items", k - 1, "topic"),
                             f"题目的沟通内容分类“{it.topic}”不在规程列明的范围内。可选：{'、'.join(TOPICS)}。",
                             f"Item topic '{it.topic}' is not one of the ten topics: {', '.join(TOPICS)}."))
    if not rnd.items:
        out.append(error("RECORD-FIELD", rnd.pos("round"),
                         "问卷没有题目。请在 items: 下按问卷顺序列出每一题（no、topic、text）。",
                         "The round has no items. List them under 'items:' in questionnaire order."))
    return out


@checks("RECORD-FIELD", "RECORD-REF", scope="survey")
def check_round_dates(rnd, ctx: Context):
    """The round's month is the delivery month and its folder's name; measures name existing
    items; delivery, collection and analysis dates in that order."""
    out = []
    if rnd.delivered_on.strftime("%Y-%m") != str(rnd.round):
        out.append(error("RECORD-FIELD", rnd.pos("delivered_on"),
                         f"round 写的是 {rnd.round}，但送达日期 delivered_on 是 {rnd.delivered_on}，不在同一个月。",
                         f"round is {rnd.round} but delivered_on is {rnd.delivered_on}, another month."))
    folder = rnd.path.replace("\\", "/").split("/")[-2:-1]
    if folder and folder[0] != str(rnd.round):
        out.append(warning("RECORD-FIELD", rnd.pos("round"),
                           f"文件夹名是 {folder[0]}，但 round 写的是 {rnd.round}。请让两者一致。",
                           f"The folder is {folder[0]} but round is {rnd.round}; make them agree."))
    nos = {it.no for it in rnd.items}
    for k, m in enumerate(rnd.measures):
        if m.item not in nos:
            out.append(error("RECORD-REF", rnd.pos("measures", k, "item"),
                             f"整改措施对应的题目 {m.item} 在 items 里没有。",
                             f"Measure for item {m.item}, which is not in items."))
    order = [("delivered_on", rnd.delivered_on, "送达"), ("collection_end", rnd.collection_end, "回收完毕"),
             ("analysis_done", rnd.analysis_done, "统计分析完成")]
    prev = None
    for key, value, label in order:
        if value is None:
            continue
        if prev is not None and value < prev[1]:
            out.append(error("RECORD-FIELD", rnd.pos(key),
                             f"{label}日期 {value} 早于{prev[2]}日期 {prev[1]}，请核对。",
                             f"{key} {value} is before {prev[0]} {prev[1]}; check the dates."))
        prev = (key, value, label)
    return out


@checks("RECORD-FIELD", "TOPIC", scope="survey")
def check_answers(rnd, ctx: Context):
    """The answers of a round: each line readable, one answer per item; suggestion topics of P3."""
    out: list = []
    ans = rnd.answers
    if ans is None:
        return out
    n = len(rnd.items)
    for i, line in enumerate(ans.answers):
        try:
            got = parse_answer(line)
        except AnswerError as exc:
            out.append(error("RECORD-FIELD", _answer_pos(ans, i, exc.offset),
                             f"第 {i + 1} 份问卷：{exc.zh}", f"Questionnaire {i + 1}: {exc.en}"))
            continue
        if n and len(got) != n:
            out.append(error("RECORD-FIELD", _answer_pos(ans, i),
                             f"第 {i + 1} 份问卷有 {len(got)} 个答案，问卷有 {n} 题。每题写一个字"
                             "（未选写“空”），多选写在括号里。",
                             f"Questionnaire {i + 1} has {len(got)} answers for {n} items. One character per "
                             "item (空 for blank), several ticks in brackets."))
    for k, sg in enumerate(ans.suggestions):
        if sg.topic is not None and sg.topic not in TOPICS:
            out.append(error("TOPIC", ans.pos("suggestions", k, "topic"),
                             f"建议的沟通内容分类“{sg.topic}”不在规程列明的范围内。可选：{'、'.join(TOPICS)}。",
                             f"Suggestion topic '{sg.topic}' is not one of the ten topics: {', '.join(TOPICS)}."))
    return out


def survey_stats(rnd, ctx: Context):
    """The round's :class:`~hcomm_gen.domain.survey.RoundStats` as of ``ctx.today``, computed
    once per check run (every survey check reads it)."""
    key = ("survey-stats", id(rnd))
    if key not in ctx.memo:
        ctx.memo[key] = compute_round(rnd, ctx.records.registry, ctx.calendar, ctx.today)
    return ctx.memo[key]


@checks("SURVEY-SCHEDULE", scope="survey")
def check_round_month(rnd, ctx: Context):
    """SURVEY-SCHEDULE (P5.5.1): a round is delivered in one of the community's survey months."""
    c = ctx.records.community
    if rnd.delivered_on.month in c.survey_months:
        return []
    months = "、".join(f"{m} 月" for m in c.survey_months)
    return [error("SURVEY-SCHEDULE", rnd.pos("delivered_on"),
                  f"问卷在 {rnd.delivered_on.month} 月送达；本小区规定在每年 {months} 发放问卷"
                  "（community.yaml 的 survey_months）。",
                  f"Delivered in month {rnd.delivered_on.month}; this community's rounds are in "
                  f"months {c.survey_months} (survey_months in community.yaml).")]


@checks("RECORD-REF")
@rule("SURVEY-DISTRIBUTION", scope="survey", clause="P5.5.2", zh="发放量为已入住户数且每个单元必须发到",
      en="delivered = occupied households, every unit covered",
      doc="`delivered` = households occupied on `delivered_on`; every unit with an occupied "
          "household is in `units` (missed units named; `3栋` covers the building)")
def check_distribution(rnd, ctx: Context):
    """SURVEY-DISTRIBUTION (P5.5.2): delivered = occupied households on the delivery day, every
    unit with an occupied household covered; units must be in the registry (RECORD-REF)."""
    out: list = []
    d = survey_stats(rnd, ctx).distribution
    if d is None or not ctx.records.registry.households:
        return out
    if d.delivered != d.occupied:
        out.append(error("SURVEY-DISTRIBUTION", rnd.pos("delivered"),
                         f"发放了 {d.delivered} 份问卷，送达日 {rnd.delivered_on} 已入住 {d.occupied} 户；"
                         "规程要求发放量等于已入住户数。",
                         f"{d.delivered} questionnaires delivered, but {d.occupied} households were occupied "
                         f"on {rnd.delivered_on}; delivered must equal occupied."))
    if d.missed_units:
        out.append(error("SURVEY-DISTRIBUTION", rnd.pos("units"),
                         f"这些单元有已入住业户却没有发到问卷：{'、'.join(d.missed_units)}。每个单元必须发到；"
                         "已发到的请补进 units。",
                         f"These units with occupied households got no questionnaires: "
                         f"{', '.join(d.missed_units)}. Every unit must be covered."))
    for name in d.unknown_units:
        k = list(rnd.units).index(name)
        out.append(error("RECORD-REF", rnd.pos("units", k),
                         f"单元“{name}”在业户登记里找不到。请写成“3栋2单元”（或整栋“3栋”），"
                         "与 households.yaml 一致。",
                         f"Unit '{name}' is not in the household registry. Write '3栋2单元' or '3栋'."))
    return out


@checks("RECORD-FIELD")
@rule("SURVEY-RETURN-60", scope="survey", clause="P5.5.3", severity="warning", zh="回收量不低于发放量的 60%",
      en="returned ≥ 60 % of delivered",
      doc="returned < 60 % of delivered is a **warning** (the penalty SURVEY-PENALTY is applied and "
          "published); returned more than delivered is RECORD-FIELD")
def check_return(rnd, ctx: Context):
    """SURVEY-RETURN-60 (P5.5.3): a return rate under 60 % once collection ended is a warning
    (the penalty applies); more returned than delivered is RECORD-FIELD."""
    ans = rnd.answers
    if ans is None:
        return []
    stats = survey_stats(rnd, ctx)
    if stats.returned > stats.delivered:
        return [error("RECORD-FIELD", ans.pos("answers"),
                      f"回收 {stats.returned} 份，比发放的 {stats.delivered} 份还多。请核对答卷和发放数。",
                      f"{stats.returned} questionnaires returned, more than the {stats.delivered} delivered.")]
    if not stats.return_ok and (rnd.collection_end is not None or rnd.analysis_done is not None):
        return [warning("SURVEY-RETURN-60", ans.pos("answers"),
                        f"回收 {stats.returned} 份 / 发放 {stats.delivered} 份 = {pct(stats.return_rate)}%，"
                        f"低于 {RETURN_MIN}%；按规程每低 1 个百分点满意率降低 5 个百分点，"
                        f"本轮所有满意率扣减 {pct(stats.penalty)} 个百分点。",
                        f"Return rate {stats.returned}/{stats.delivered} = {pct(stats.return_rate)} % is "
                        f"below 60 %; every satisfaction rate of the round is lowered by "
                        f"{pct(stats.penalty)} points (SURVEY-PENALTY).")]
    return []


@rule("NOTICE-SURVEY-RESULT", scope="survey", clause="P4.5", area="notices", zh="问卷调查结果定期张贴公布", en="survey results are posted",
      doc="a round whose analysis is done has its answers, so the result page and sheet are "
          "generated and posted (in `rules/surveys.py`)")
def check_result_posted(rnd, ctx: Context):
    """NOTICE-SURVEY-RESULT (P4.5): a round whose analysis is done has its answers, so its
    results can be computed and posted."""
    if rnd.answers is not None or rnd.analysis_done is None:
        return []
    return [error("NOTICE-SURVEY-RESULT", rnd.pos("analysis_done"),
                  "已写明统计分析完成，但没有答卷文件 answers.yaml，无法计算和张贴调查结果。"
                  "请把回收的问卷录入 answers.yaml（可用 hcomm survey import 从表格导入）。",
                  "analysis_done is set but there is no answers.yaml, so the results cannot be "
                  "computed and posted. Enter the questionnaires (hcomm survey import).")]


@checks("CALENDAR-YEAR")
@rule("SURVEY-ANALYSIS-30WD", scope="survey", clause="P5.6.6", zh="30 个工作日内完成统计分析", en="analysis within 30 working days",
      doc="`analysis_done` within 30 working days of delivery (a date after the deadline, or still "
          "missing once it has passed, is an error; after it with `analysis_late_reason`: warning; a "
          "year the calendar does not know is CALENDAR-YEAR)")
@rule("SURVEY-COLLECT-15WD", clause="P5.5.1", scope="survey", zh="15 个工作日内回收问卷",
      en="collection within 15 working days",
      doc="`collection_end` within 15 working days of `delivered_on` (调休 included): a date after "
          "the deadline, or still missing once it has passed, is an error (a date after it with "
          "`collection_late_reason`: warning); a year the calendar does not know is CALENDAR-YEAR")
def check_deadlines(rnd, ctx: Context):
    """SURVEY-COLLECT-15WD (P5.5.1), SURVEY-ANALYSIS-30WD (P5.6.6), SURVEY-ANNOUNCE-30WD
    (P5.7.1): the round's obligations (:mod:`hcomm_gen.domain.obligations`) done late, or
    still open past their due date; a year the calendar does not know is CALENDAR-YEAR."""
    out = []
    for ob in ctx.obligations_of("survey", rnd):
        dl, key = ob.detail, SURVEY_DONE_FIELDS[ob.rule]
        if ob.error is not None:  # no due date: the calendar does not know the year
            out.append(calendar_problem(ob.error, ob.pos, f"{dl.label}期限", f"{ob.rule} deadline"))
        elif ob.is_late_explained(ctx.tz):
            out.append(late_explained(
                ob.rule, ob,
                f"{dl.label}日期 {ob.done} 晚于期限 {ob.due}（送达日 {rnd.delivered_on} 后第 {dl.workdays} 个工作日）",
                f"{key} {ob.done} is after the deadline {ob.due} ({dl.workdays} working days "
                f"after delivery on {rnd.delivered_on})"))
        elif ob.is_late(ctx.tz):
            why = SURVEY_REASON_FIELDS[ob.rule]
            out.append(error(ob.rule, ob.pos,
                             f"{dl.label}日期 {ob.done} 晚于期限 {ob.due}（送达日 {rnd.delivered_on} 后第 "
                             f"{dl.workdays} 个工作日）。请核对日期；确实晚了的，保留真实日期，并加上 "
                             f"{why}: 写明原因（记为警告）。",
                             f"{key} {ob.done} is after the deadline {ob.due} ({dl.workdays} working days "
                             f"after delivery on {rnd.delivered_on}). Check the date; if it was late, keep "
                             f"the real date and add '{why}:' saying why (then it is a warning)."))
        elif ob.is_missed(ctx.now, ctx.tz):
            out.append(error(ob.rule, ob.pos,
                             f"{dl.label}的期限 {ob.due}（送达日后第 {dl.workdays} 个工作日）已过，记录里还没有 "
                             f"{key}。完成了请写上 {key}: 日期。",
                             f"The {key} deadline {ob.due} ({dl.workdays} working days after delivery) has "
                             f"passed and {key} is not recorded."))
    return out


@rule("SURVEY-ANNOUNCE-30WD", scope="survey", clause="P5.7.1", zh="30 个工作日内公布整改措施", en="announcement within 30 working days",
      doc="`announced` within 30 working days of delivery (a date after the deadline, or still "
          "missing once it has passed, is an error; after it with `announcement_late_reason`: "
          "warning); a main item without a measure is an error "
          "once `announced` is set or its deadline has passed; announced before `analysis_done`: "
          "warning")
def check_measures(rnd, ctx: Context):
    """SURVEY-ANNOUNCE-30WD (P5.7.1): once announced, or once the announcement is overdue,
    every main improvement item (SURVEY-PARETO) has a measure; announced before the analysis
    is a warning."""
    out = []
    announce_overdue = any(ob.rule == "SURVEY-ANNOUNCE-30WD" and ob.is_missed(ctx.now, ctx.tz)
                           for ob in ctx.obligations_of("survey", rnd))
    if rnd.answers is not None and (rnd.announced is not None or announce_overdue):
        stats = survey_stats(rnd, ctx)
        for item in stats.main_items:
            if not stats.measures_for(item.no):
                k = item.no - 1
                pos = rnd.pos("items", k) if 0 <= k < len(rnd.items) else rnd.pos("measures")
                out.append(error("SURVEY-ANNOUNCE-30WD", pos,
                                 f"第 {item.no} 题“{item.text}”是主要改进事项（不满意 {item.dissatisfied} 份），"
                                 "但整改公示里没有它的措施。请在 measures 里加上 {item: "
                                 f"{item.no}, measure: …, by: 日期}}。",
                                 f"Item {item.no} ('{item.text}') is a main improvement item but has no "
                                 f"measure. Add '{{item: {item.no}, measure: …, by: date}}' under measures."))
    if rnd.announced is not None and rnd.analysis_done is not None and rnd.announced < rnd.analysis_done:
        out.append(warning("SURVEY-ANNOUNCE-30WD", rnd.pos("announced"),
                           f"整改公示日期 {rnd.announced} 早于统计分析完成日期 {rnd.analysis_done}。请核对。",
                           f"announced {rnd.announced} is before analysis_done {rnd.analysis_done}."))
    return out


@rule("SURVEY-ARCHIVE", scope="survey", clause="P5.7.2", zh="统计表原件存档，复印件交品质管理部",
      en="table archived, copy to quality dept.",
      doc="the copy for 品质管理部 (`quality_copy`) is not dated before the statistics table "
          "(`analysis_done`)")
def check_archive(rnd, ctx: Context):
    """SURVEY-ARCHIVE (P5.7.2): the copy for 品质管理部 is not dated before the statistics table."""
    if rnd.quality_copy is not None and rnd.analysis_done is not None and rnd.quality_copy < rnd.analysis_done:
        return [error("SURVEY-ARCHIVE", rnd.pos("quality_copy"),
                      f"复印件交品质管理部的日期 {rnd.quality_copy} 早于统计表完成日期 {rnd.analysis_done}。",
                      f"quality_copy {rnd.quality_copy} is before analysis_done {rnd.analysis_done}.")]
    return []


@checks("RECORD-ID")
@rule("SURVEY-SCHEDULE", clause="P5.5.1", zh="每年 6 月、12 月发放问卷", en="rounds in the configured months",
      doc="delivery month in `survey_months` (community.yaml, default June and December); from the "
          "office's first complete month on (`records_since`), every configured month that is over "
          "has a round")
def check_schedule(ctx: Context):
    """SURVEY-SCHEDULE (P5.5.1): from the office's first complete month on
    (:func:`~hcomm_gen.domain.obligations.first_month`), every configured month that is over
    has a round."""
    rounds = ctx.records.surveys
    out = []
    for ob in ctx.obligations_for("SURVEY-SCHEDULE"):
        if ob.is_missed(ctx.now, ctx.tz):
            month = ob.ref
            out.append(error("SURVEY-SCHEDULE", ob.pos,
                             f"{month} 应发放问卷（survey_months），但 records/surveys/ 里没有这一轮"
                             f"（应有 records/surveys/{month}/round.yaml）。",
                             f"A survey round is due in {month} (survey_months) but records/surveys/{month}/"
                             "round.yaml does not exist."))
    seen: dict[str, SurveyRound] = {}
    for r in sorted(rounds, key=lambda r: copy_order(r, "round")):
        if str(r.round) in seen:
            out.append(error("RECORD-ID", r.pos("round"),
                             f"问卷调查 {r.round} 有两份记录（另一份：{seen[str(r.round)].path}）。",
                             f"Survey round {r.round} is recorded twice (also {seen[str(r.round)].path})."))
        seen[str(r.round)] = r
    return out


@rule("COMPANY-ITEMS", clause="格式", kind="format", severity="warning", blocks=False,
      zh="community.yaml 的 company_items 只写问卷里有的项目", en="company_items names existing survey items",
      doc="each key of `company_items` in `community.yaml` (the company's item code of a local "
          "survey item, for the company report) is the `text` of an item of some survey round, "
          "written exactly as in `round.yaml`; a text no round has maps nothing (a typo, or an item "
          "renamed): a **warning** at that key")
def check_company_items(ctx: Context):
    """COMPANY-ITEMS: every key of ``community.yaml`` ``company_items`` is the text of an item
    of some survey round (:mod:`hcomm_gen.domain.office_figures` looks codes up by item text)."""
    com = ctx.records.community
    if not com.company_items:
        return []
    texts = {it.text for r in ctx.records.surveys for it in r.items}
    out = []
    for text in com.company_items:
        if text in texts:
            continue
        known = "、".join(sorted(texts)[:12]) or "（还没有问卷调查记录）"
        known_en = ", ".join(sorted(texts)[:12]) or "(no survey round yet)"
        out.append(warning("COMPANY-ITEMS", com.pos("company_items", text, key=True),
                           f"company_items 里的项目“{text}”在任何一轮问卷的 items 里都没有，公司报告里它对应不上编号。"
                           f"请照 round.yaml 里 items 的 text 一字不差地写；现有的项目：{known}。",
                           f"company_items names the item '{text}', which no survey round's items has, so the "
                           f"company report maps nothing to it. Write the text exactly as in round.yaml items; "
                           f"the items are: {known_en}."))
    return out
