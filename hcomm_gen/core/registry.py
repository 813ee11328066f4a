"""The rule catalogue: every rule ID of PROCEDURE.md with its clause, plus the record-format
rules of this tool (YAML-*, RECORD-*), which are not procedure clauses.

``RULES[rule_id]`` is a :class:`Rule`; ``clause`` is the citation printed with every problem
(e.g. ``P5.1.1``), ``zh``/``en`` a one-line statement of the rule.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule: ``id`` (e.g. ``"VISIT-QUOTA"``), ``clause`` (e.g. ``"P5.1.1"``), statements."""

    id: str
    clause: str
    zh: str
    en: str


_TABLE = [
    # record format (this tool's own, not clauses of the procedure)
    ("YAML-SYNTAX", "格式", "文件必须是可读的 YAML", "the file must be readable YAML"),
    ("YAML-ENCODING", "格式", "文件必须用 UTF-8 编码保存", "the file must be saved as UTF-8"),
    ("YAML-DUPLICATE-KEY", "格式", "同一层里的键不能重复", "a key may appear once per mapping"),
    ("RECORD-FIELD", "格式", "字段名称和取值必须符合记录格式", "fields and values follow the record format"),
    ("RECORD-ID", "格式", "记录编号必须唯一，只用字母、数字、“-”和“_”",
     "record IDs are unique and use letters, digits, '-' and '_' only"),
    ("RECORD-REF", "格式", "引用的记录必须存在", "references between records resolve"),
    ("CALENDAR-YEAR", "工作日", "计算工作日期限须知道该年的法定节假日和调休安排",
     "working-day deadlines need the year's official holidays and make-up working days"),
    # channels and content
    ("CHANNEL", "P2", "沟通渠道须为规程列明的方式", "channels come from the closed list of P2/T1"),
    ("TOPIC", "P3", "意见须按十类沟通内容分类", "opinions are classified by the ten topics of P3"),
    ("MEETING-MONTHLY", "T1", "每月至少举办一次公开业主大会", "at least one owners' meeting per month"),
    ("RECEPTION-DAY", "T1", "公布物业接待日", "reception days are published"),
    # notices
    ("NOTICE-PEST", "P4.1", "消杀、喷洒药物须事先通知并在作业处树立警示标示",
     "pest control is announced beforehand, with warning signs at the site"),
    ("NOTICE-OUTAGE", "P4.2", "维修性停水停电须以通知单事先告知",
     "planned water/power cuts are announced beforehand by notice sheet"),
    ("NOTICE-EMERGENCY", "T2", "突发事件须及时发布并提供解决方案",
     "incidents are published promptly with the measures taken"),
    ("NOTICE-EVENT", "P4.3", "社区文化活动须在公共场所张贴通知", "events are posted before they happen"),
    ("NOTICE-PUBLICITY", "P4.4", "宣传内容张贴在宣传栏", "publicity is posted on the bulletin board"),
    ("NOTICE-FINANCE", "P4.5", "财务收支报表定期张贴公布", "financial statements are posted periodically"),
    ("NOTICE-SURVEY-RESULT", "P4.5", "问卷调查结果定期张贴公布", "survey results are posted"),
    ("NOTICE-WORKS", "P4.6", "影响正常生活或危及安全的维修安装须发通知或树立警示标示",
     "disruptive or dangerous works carry a notice or warning signs"),
    ("NOTICE-FEE", "T2", "费用调整须提前告知", "fee changes are announced before they take effect"),
    ("NOTICE-CONTRACT", "P4.9", "合同变更须及时通知顾客", "contract changes are notified"),
    ("NOTICE-LEAD", "T 时效性", "提前通知须满足该类通知的最短提前时间",
     "advance notices meet the minimum lead time of their kind"),
    # cases
    ("CASE-RESPONSE-24H", "T3", "业主提出问题后 24 小时内回应", "first response within 24 hours"),
    ("CASE-PROGRESS", "T3", "向业主报告进展直至问题解决", "progress is reported until resolved"),
    ("CASE-VALID-FEEDBACK", "P4.12", "有效投诉处理后须将结果知会顾客",
     "a valid complaint's outcome is fed back"),
    ("CASE-INVALID-EXPLAIN", "P4.13", "无效投诉须向顾客耐心解释", "an invalid complaint carries its explanation"),
    ("CASE-PROPERTY", "P4.10", "顾客财产丢失损坏须记录并报告顾客",
     "customer property lost or damaged is recorded and reported"),
    ("CASE-FOUND", "P4.7", "日常发现的问题须与业户或业委会沟通",
     "problems found by staff are communicated"),
    ("SUGGESTION-ANONYMOUS", "T4", "匿名建议不得带有任何身份信息", "an anonymous suggestion carries no identity"),
    # visits
    ("VISIT-QUOTA", "P5.1.1", "每月访问户数不低于已入住户数的规定比例",
     "monthly distinct households visited meet the quota"),
    ("VISIT-NO-REPEAT", "P5.1.1", "同月重复访问同一业户只计一次", "a household visited twice in a month counts once"),
    ("VISIT-RECORD", "P5.1.2", "每次访问须做好《业户访问记录》", "every visit has a complete record"),
    ("VISIT-SIGNATURE", "P5.1.2", "记录须写明业户已签名或拒绝签名",
     "the record says signed or refused"),
    ("VISIT-FEEDBACK", "P5.1.3", "要求反馈的须记录反馈情况", "feedback asked for is recorded"),
    ("VISIT-MODE", "P5.2", "访问方式须为规程列明的六种之一", "the mode is one of the six of P5.2"),
    ("VISIT-APPOINTMENT", "P5.3.1", "上门访问须事先预约并按预约时间上门",
     "door-to-door visits are booked and kept on time"),
    ("VISIT-2200", "P5.3.1", "原则上 22:00 后不上门访问", "no door-to-door visit at or after 22:00"),
    ("VISIT-PRIVACY", "P5.3.3", "业户隐私保密，不得出现在公开内容中",
     "no visit detail reaches a public output"),
    ("VISIT-SUMMARY", "P5.4.1", "每月 5 日前提交上月访问业户总结",
     "last month's visit summary is submitted by the 5th"),
    ("VISIT-ESCALATE", "P5.4.2", "主任须对每条意见作出采纳、不采纳或上报的决定",
     "each opinion is adopted, not adopted or escalated"),
    # surveys
    ("SURVEY-SCHEDULE", "P5.5.1", "每年 6 月、12 月发放问卷", "rounds in the configured months"),
    ("SURVEY-COLLECT-15WD", "P5.5.1", "15 个工作日内回收问卷", "collection within 15 working days"),
    ("SURVEY-DISTRIBUTION", "P5.5.2", "发放量为已入住户数且每个单元必须发到",
     "delivered = occupied households, every unit covered"),
    ("SURVEY-RETURN-60", "P5.5.3", "回收量不低于发放量的 60%", "returned ≥ 60 % of delivered"),
    ("SURVEY-RATE", "P5.6.1", "满意率按规程公式计算", "satisfaction rate formula"),
    ("SURVEY-PENALTY", "P5.6.2", "回收率每低 1 个百分点满意率降低 5 个百分点", "return-rate penalty"),
    ("SURVEY-ABSTAIN", "P5.6.3", "未选或多选按弃权处理", "blank or multiple ticks abstain"),
    ("SURVEY-PARETO", "P5.6.4", "累积百分率 80% 以内为主要改进事项", "main items by cumulative 80 %"),
    ("SURVEY-NEEDS", "P5.6.5", "分析业户建议，确定主要需求", "suggestions classified by topic"),
    ("SURVEY-ANALYSIS-30WD", "P5.6.6", "30 个工作日内完成统计分析", "analysis within 30 working days"),
    ("SURVEY-ANNOUNCE-30WD", "P5.7.1", "30 个工作日内公布整改措施", "announcement within 30 working days"),
    ("SURVEY-ARCHIVE", "P5.7.2", "统计表原件存档，复印件交品质管理部", "table archived, copy to quality dept."),
]

RULES: dict[str, Rule] = {r[0]: Rule(*r) for r in _TABLE}
