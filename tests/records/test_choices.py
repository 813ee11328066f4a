"""Enumerations take their Chinese names, list both names, and answer a near miss with "did
you mean" (issue 12 item 3): records/types.py Choices, used by the loader and the rules."""
from __future__ import annotations

from helpers import line_of, make_office, problems_of

from hcomm_gen.app import pipeline
from hcomm_gen.records.types import NOTICE_KIND, OUTAGE, did_you_mean

NOW = "2026-11-21 10:00"
NOTICE = """\
id: N-2026-1125-water
kind: {kind}
title: 停水通知
published: 2026-11-20 09:00
start: 2026-11-25 09:00
end: 2026-11-25 12:00
areas: [1栋]
channels: [通知单]
actions: 请提前储水
contact: {{name: 王工, phone: 0571-1}}
"""
CASE = """\
id: C-2026-001
kind: {kind}
channel: {channel}
received: 2026-11-20 09:00
household: {household}
topic: 维修
summary: 漏水
"""


def _notice(tmp_path, kind: str, extra: str = ""):
    text = NOTICE.format(kind=kind) + extra
    root = make_office(tmp_path, {"notices/2026/n.yaml": text})
    result = pipeline.check(root, NOW)
    return result.records.notices, [p for p in result.problems if p.pos.path.endswith("n.yaml")], text


def test_kind_in_chinese_reads_as_an_outage_of_water(tmp_path):
    notices, probs, _ = _notice(tmp_path, "停水")
    [n] = notices
    assert (n.kind, n.outage) == ("outage", "water")
    assert probs == []


def test_each_chinese_kind_name_of_the_issue_is_read():
    """The names of issue 12 item 3 (the notice ones) and what each reads as."""
    read = {name: (NOTICE_KIND.read(name), dict(NOTICE_KIND.implied(name)).get("outage"))
            for name in ("停水", "停电", "停气", "电梯停用", "消杀", "施工", "活动", "宣传", "财务公示",
                         "收费调整", "合同变更", "突发")}
    assert read == {"停水": ("outage", "water"), "停电": ("outage", "power"), "停气": ("outage", "gas"),
                    "电梯停用": ("outage", "elevator"), "消杀": ("pest_control", None),
                    "施工": ("works", None), "活动": ("event", None), "宣传": ("publicity", None),
                    "财务公示": ("finance", None), "收费调整": ("fee_change", None),
                    "合同变更": ("contract_change", None), "突发": ("emergency", None)}
    assert NOTICE_KIND.read("outage") == "outage" and NOTICE_KIND.implied("outage") == ()
    assert OUTAGE.read(" 燃气 ") == "gas"


def test_a_written_outage_that_contradicts_the_kind_is_an_error_at_its_line(tmp_path):
    _, probs, text = _notice(tmp_path, "停水", "outage: power\n")
    [p] = probs
    assert (p.rule, p.pos.line) == ("RECORD-FIELD", line_of(text, "outage: power"))
    assert p.zh == ("outage: “power”与 kind: 停水 不一致（停水 表示 outage: water，即停水）。"
                    "请删掉这一行，或改正 kind。")
    # the same outage written twice is fine
    notices, probs, _ = _notice(tmp_path / "b", "停水", "outage: 水\n")
    assert probs == [] and notices[0].outage == "water"


def test_an_unknown_kind_lists_both_names_and_the_closest(tmp_path):
    _, probs, text = _notice(tmp_path, "停水通知")
    [p] = probs
    assert (p.rule, p.pos.line) == ("RECORD-FIELD", line_of(text, "kind:"))
    assert p.zh.startswith("kind: “停水通知”不是可选的值。是不是“停水”？请写其中之一：停水 (outage: water)、"
                           "停电 (outage: power)、停气 (outage: gas)、电梯停用 (outage: elevator)、")
    assert "突发 (emergency)、消杀 (pest_control)、施工 (works)" in p.zh
    assert p.en.startswith("kind: '停水通知' is not one of the choices. Did you mean '停水' (outage: water)?")


def test_case_kind_in_english_and_near_misses_of_channel_and_household(tmp_path):
    text = CASE.format(kind="complaint", channel="微信", household="2-1-102")
    root = make_office(tmp_path, {"cases/2026/c.yaml": text})
    result = pipeline.check(root, NOW)
    [case] = result.records.cases
    assert case.kind == "投诉"
    probs = {p.rule: p for p in result.problems if p.pos.path.endswith("c.yaml")}
    channel = probs["CHANNEL"]
    assert channel.pos.line == line_of(text, "channel:")
    assert channel.zh.startswith("沟通渠道“微信”不在规程列明的范围内。是不是“微信群”？请改成其中之一：板报、")
    assert "Did you mean '微信群'?" in channel.en
    ref = probs["RECORD-REF"]
    assert ref.pos.line == line_of(text, "household:")
    assert ref.zh == "业户“2-1-102”在 households.yaml 里找不到。是不是“2-1-0102”？请核对楼栋-单元-房号编号（例如 5-2-1102）。"


def test_a_visit_mode_near_miss(tmp_path):
    visit = """\
    id: V-2026-11-001
    household: 1-1-0102
    visitor: 李
    mode: 上门访问
    time: 2026-11-20 10:00
    topics: [维修]
    opinions: []
    signature: 已签名
    """
    probs = problems_of(make_office(tmp_path, {"visits/2026/v.yaml": visit}), NOW)
    [p] = [p for p in probs if p.rule == "VISIT-MODE"]
    assert p.zh == "访问方式“上门访问”不在规程列明的六种之内：上门、办公室、户外、问卷、电话、其他。是不是“上门”？"


def test_did_you_mean():
    assert did_you_mean("微信", ["微信群", "电话"]) == "微信群"
    assert did_you_mean("短信", ["微信群", "电话"]) is None


def test_docs_list_every_chinese_name():
    """docs/records.md "Chinese names of the choices" names every choice and accepted name."""
    from pathlib import Path

    from hcomm_gen.records import types as t
    docs = (Path(__file__).resolve().parents[2] / "docs" / "records.md").read_text(encoding="utf-8")
    table = docs.split("## Chinese names of the choices", 1)[1]
    for ch in (t.NOTICE_KIND, t.OUTAGE, t.CASE_KIND, t.CHANGE_TYPE, t.HOUSEHOLD_TYPE, t.FINANCE_PERIOD, t.DECISION):
        for c in ch.choices:
            assert f"| {c.zh} |" in table, c
            for name in c.names:
                assert name in table, (c, name)
