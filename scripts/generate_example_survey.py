#!/usr/bin/env python3
"""Generate the example June 2026 survey round (问卷调查) of h小区.

Writes records/surveys/2026-06/round.yaml and answers.yaml. Deterministic (seeded).

  delivered   = households occupied on the delivery date (SURVEY-DISTRIBUTION), read from
                records/households.yaml; every unit of every building is listed
  returned    = 66 % of delivered (SURVEY-RETURN-60)
  dissatisfied answers are concentrated on three items (停车秩序, 维修及时性, 楼道保洁) so that
  the Pareto rule (SURVEY-PARETO, cumulative share <= 80 %) selects exactly those three,
  and round.yaml carries a measure for each of them
  a few blanks and multi-ticks (abstentions, SURVEY-ABSTAIN)

Usage:  python3 scripts/generate_example_survey.py
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from example_common import load, occupied

ROOT = Path(__file__).resolve().parent.parent
REC = ROOT / "records"
OUT = REC / "surveys" / "2026-06"
SEED = 20260608
DELIVERED_ON = dt.date(2026, 6, 8)
RETURN_RATE = 0.66

ITEMS = [
    (1, "保安", "门岗值守与来访人员登记"),
    (2, "保安", "小区停车秩序与车辆管理"),
    (3, "保洁", "楼道及公共区域清洁"),
    (4, "保洁", "垃圾分类与清运"),
    (5, "绿化", "绿化养护与修剪"),
    (6, "维修", "报修响应及维修及时性"),
    (7, "维修", "维修人员技能与服务态度"),
    (8, "休闲/儿童游乐设施", "休闲设施与儿童游乐设施"),
    (9, "管理人员", "管理人员服务态度与协调处理"),
    (10, "便民服务", "便民服务项目"),
    (11, "社区文化", "社区文化活动"),
    (12, "其他", "通知公告的及时性与信息公开"),
]
# exact number of single-tick 不满意 answers per item
DISSATISFIED = {1: 1, 2: 22, 3: 7, 4: 2, 5: 1, 6: 14, 7: 1, 8: 2, 9: 1, 10: 1, 11: 1, 12: 1}
# share of 满意 among the satisfied answers, per item
SATISFIED_SHARE = {1: .62, 2: .38, 3: .50, 4: .55, 5: .64, 6: .45, 7: .60, 8: .52, 9: .66,
                   10: .56, 11: .63, 12: .58}
BLANK_RATE = 0.012
MULTI = ["(满基)", "(满基)", "(满基)", "(基不)"]
N_MULTI = 9

MEASURES = [
    (2, "10月对地面停车位重新规划划线，清理占用消防通道车位并增设访客临时车位；夜间增加一次停车巡查，访客车辆限时停放", "2026-10-31"),
    (6, "报修实行30分钟内响应、一般维修24小时内完成，维修完成后由客服回访；工程部增加一名维修工", "2026-07-31"),
    (3, "高层楼道清扫由每日一次增加为两次，电梯轿厢每日消毒两次，保洁主管每日抽查并在楼栋公示责任保洁员", "2026-08-31"),
]

SUGGESTIONS = [
    ("保安", "晚上地面车位不够，希望重新规划停车位"),
    ("保安", "消防通道经常停车，希望加强夜间管理"),
    ("保安", "外来车辆太多，希望访客车辆限时停放"),
    ("保安", "希望清理长期不动的僵尸车"),
    ("保安", "外卖电动车车速太快，希望限速"),
    ("保安", "希望地面停车位和访客车位分开标识"),
    ("保安", "地下车库有几处监控看不清，希望更换"),
    ("维修", "报修后等待时间太长，希望报修当天能上门"),
    ("维修", "希望维修完成后能回访一下"),
    ("维修", "楼道感应灯坏了好几天才修"),
    ("维修", "希望公布报修电话和维修师傅值班表"),
    ("维修", "单元门禁经常坏，希望更换质量好一点的"),
    ("保洁", "高层楼道下午就脏了，希望一天打扫两次"),
    ("保洁", "电梯里有异味，希望多消毒"),
    ("保洁", "楼道里的杂物希望定期清理"),
    ("保洁", "垃圾投放点夏天有异味"),
    ("便民服务", "希望增加快递柜"),
    ("便民服务", "希望在5栋、6栋附近增加电动车充电桩"),
    ("便民服务", "希望定期有磨刀、修伞等便民服务"),
    ("休闲/儿童游乐设施", "儿童游乐区地垫破了，希望更换"),
    ("休闲/儿童游乐设施", "希望儿童游乐区加个遮阳棚"),
    ("绿化", "低层采光被树挡住了，希望修剪"),
    ("绿化", "草坪上狗粪多，希望加强文明养犬管理"),
    ("社区文化", "希望多组织一些亲子活动"),
    ("其他", "希望通知能同时发到微信群"),
]




def main() -> None:
    rng = random.Random(SEED)
    reg = load(REC / "households.yaml")
    delivered = sum(occupied(h, DELIVERED_ON) for h in reg["households"])
    units = [b["building"] + u for b in reg["buildings"] for u in b["units"]]
    returned = round(delivered * RETURN_RATE)
    n = len(ITEMS)

    grid: list[list[str | None]] = [[None] * n for _ in range(returned)]
    cells = [(r, c) for r in range(returned) for c in range(n)]
    # abstentions first: blanks and multi-ticks
    special = rng.sample(cells, round(len(cells) * BLANK_RATE) + N_MULTI)
    for k, (r, c) in enumerate(special):
        grid[r][c] = MULTI[k % len(MULTI)] if k < N_MULTI else "空"
    # exact dissatisfied counts
    for no, cnt in DISSATISFIED.items():
        c = no - 1
        rows = [r for r in range(returned) if grid[r][c] is None]
        for r in rng.sample(rows, cnt):
            grid[r][c] = "不"
    for r in range(returned):
        for c in range(n):
            if grid[r][c] is None:
                grid[r][c] = "满" if rng.random() < SATISFIED_SHARE[c + 1] else "基"

    OUT.mkdir(parents=True, exist_ok=True)
    L = [
        "# 2026年6月业户满意度问卷调查（示例数据，由 scripts/generate_example_survey.py 生成）",
        "round: 2026-06",
        f"delivered_on: {DELIVERED_ON.isoformat()}",
        f"delivered: {delivered}",
        "units: [" + ", ".join(units) + "]",
        "collection_end: 2026-06-24",
        "items:",
    ]
    L += [f"  - {{no: {no}, topic: {t}, text: {x}}}" for no, t, x in ITEMS]
    L.append("analysis_done: 2026-07-10")
    L.append("measures:")
    L += [f"  - {{item: {i}, measure: {m}, by: {by}}}" for i, m, by in MEASURES]
    L.append("announced: 2026-07-15")
    (OUT / "round.yaml").write_text("\n".join(L) + "\n", encoding="utf-8")

    A = ["# 回收问卷：每行一份，按题目顺序每题一个字符：满 满意，基 基本满意，不 不满意，空 未选；",
         "# 多选用括号，如 (满基)。",
         "answers:"]
    A += ["  - " + "".join(row) for row in grid]
    A.append("suggestions:")
    A += [f"  - {{topic: {t}, text: {x}}}" for t, x in SUGGESTIONS]
    (OUT / "answers.yaml").write_text("\n".join(A) + "\n", encoding="utf-8")
    print(f"delivered {delivered}, returned {returned} ({returned / delivered:.1%}), "
          f"units {len(units)}")


if __name__ == "__main__":
    main()
