"""The closed vocabularies of the procedure (PROCEDURE.md glossary), with Chinese labels."""
from __future__ import annotations

#: CHANNEL (P2, plus T1's online channels, monthly meeting and reception day)
CHANNELS = ("板报", "宣传栏", "通知单", "标示", "电话", "面谈", "意见箱", "回访", "报刊",
            "社区文化活动", "信函", "调查问卷", "微信群", "app", "业主大会", "物业接待日")

#: TOPIC (P3): the ten topics of opinions, in the procedure's order
TOPICS = ("保安", "保洁", "绿化", "维修", "休闲/儿童游乐设施", "管理人员", "便民服务",
          "特殊困难和需求", "社区文化", "其他")

#: VISIT-MODE (P5.2)
VISIT_MODES = ("上门", "办公室", "户外", "问卷", "电话", "其他")
DOOR_TO_DOOR = "上门"

#: VISIT-SIGNATURE (P5.1.2)
SIGNED, REFUSED = "已签名", "拒绝签名"
SIGNATURES = (SIGNED, REFUSED)
#: a phone visit cannot be signed: its record says so (decision, VISIT-SIGNATURE)
NOT_APPLICABLE = "不适用"
PHONE = "电话"

#: VISIT-ESCALATE (P5.4.2): adopted / not adopted / escalated to the company's complaint centre,
#: and (decision, issue 13) noted: an opinion that asks for nothing (praise), counted apart and
#: needing no follow-up. The names each is also written as: :data:`hcomm_gen.records.types.DECISION`.
ADOPTED, NOT_ADOPTED, ESCALATED, NOTED = "采纳", "不采纳", "上报", "知悉"
DECISIONS = (ADOPTED, NOT_ADOPTED, ESCALATED, NOTED)

#: notice kinds → Chinese label (T2, P4)
NOTICE_KINDS = {
    "outage": "计划停水停电",
    "emergency": "突发事件",
    "pest_control": "消杀作业",
    "works": "维修施工",
    "event": "社区活动",
    "publicity": "宣传",
    "finance": "财务公示",
    "fee_change": "收费调整",
    "contract_change": "合同变更",
    "survey_result": "问卷调查结果",
}
OUTAGE_KINDS = {"water": "停水", "power": "停电", "gas": "停气", "elevator": "电梯停用"}

#: case kinds (T3, P4.7, P4.10, P4.12)
CASE_KINDS = ("投诉", "建议", "问题", "财产损坏")

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
