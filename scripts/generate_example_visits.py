#!/usr/bin/env python3
"""Generate the example household visits (业户访问) and monthly visit summaries.

Writes, for h小区, January to November 2026:
  records/visits/2026/2026-MM/YYYY-MM-DD-V-2026-MM-NNN.yaml   one file per visit
  records/visit-summaries/2026/2026-MM.yaml                    January to October

Deterministic: a fixed seed, and the households and cases are read from
records/households.yaml and records/cases/. Re-running rewrites the same files
(stale visit files of the generated months are removed first).

Rules followed (see ../../shared/PROCEDURE.md):
  VISIT-QUOTA       distinct non-return households per month >= ceil(occupied on the 1st x 6 %)
                    (500 < occupied <= 800), plus 2-5 to spare
  VISIT-APPOINTMENT door-to-door visits: appointment made before, visit at the appointed time
  VISIT-2200        door-to-door visits between 09:00 and 21:30
  VISIT-SUMMARY     the summary of month M is submitted by the 5th of month M+1
  VISIT-ESCALATE    a decision (采纳/不采纳/上报) for every opinion

Usage:  python3 scripts/generate_example_visits.py
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import shutil
from pathlib import Path

from example_common import load, occupied

ROOT = Path(__file__).resolve().parent.parent
REC = ROOT / "records"
SEED = 2026_0611
YEAR = 2026
MONTHS = range(1, 12)              # January .. November 2026
LAST_DAY = dt.date(2026, 11, 27)   # today is 2026-11-29: nothing after the 27th
NOW = dt.datetime(2026, 11, 28, 17, 0)
SUMMARY_MONTHS = range(1, 11)      # November's summary is due on 5 December

# Statutory holidays 2026 (国务院办公厅通知); no visits on these days.
HOLIDAYS = set()
for a, b in [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"),
             ("2026-04-04", "2026-04-06"), ("2026-05-01", "2026-05-05"),
             ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
             ("2026-10-01", "2026-10-07")]:
    d, e = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    while d <= e:
        HOLIDAYS.add(d)
        d += dt.timedelta(days=1)

# Summary submission dates: by the 5th of the next month; when the 1st-5th are
# holidays (May Day, National Day) the summary is handed in on the last working
# day of the month itself, and that month's visits end the day before.
SUBMITTED = {1: "2026-02-03", 2: "2026-03-03", 3: "2026-04-02", 4: "2026-04-30",
             5: "2026-06-03", 6: "2026-07-02", 7: "2026-08-04", 8: "2026-09-02",
             9: "2026-09-30", 10: "2026-11-04"}

NO_ELEVATOR = {"8栋", "9栋"}
TOP_FLOOR: dict[str, int] = {}     # filled from the registry
TOPICS = ["保安", "保洁", "绿化", "维修", "休闲/儿童游乐设施", "管理人员", "便民服务",
          "特殊困难和需求", "社区文化", "其他"]
TOPIC_WEIGHT = {"保安": 16, "保洁": 16, "绿化": 10, "维修": 16, "休闲/儿童游乐设施": 7,
                "管理人员": 9, "便民服务": 9, "特殊困难和需求": 4, "社区文化": 6, "其他": 7}

# Opinion bank: topic -> list of entries.
#   t: text ({b} building, {u} unit), d: decision, n: note for the summary,
#   f: feedback text when feedback is given (None: no feedback to give),
#   m: months the opinion fits (None: any),
#   need: "elev" (building with lifts) | "res" (住家 only) | "top" (top floor) |
#         "low" (floors 1-3 住家) | "below" (住家 below the top floor) | list of buildings / building+unit
A, N_, R = "采纳", "不采纳", "上报"
BANK: dict[str, list[dict]] = {
    "保安": [
        dict(t="晚上外来车辆进出较多，希望门岗加强来访车辆登记", d=A, n="门岗严格执行外来车辆登记，访客车辆限时停放",
             f="已要求门岗对外来车辆逐一登记，访客车辆22:00前驶离"),
        dict(t="快递、外卖人员随意进出单元门，担心安全", d=A, n="快递外卖统一在东门交接区交接，加强单元门禁巡查",
             f="已在东门设快递外卖交接区，秩序维护员加强单元门巡查"),
        dict(t="消防通道经常有车辆停放，希望加强管理", d=A, n="夜间增加巡查，对占用消防通道车辆张贴提醒单",
             f="已增加夜间巡查，占用消防通道的车辆当场劝离"),
        dict(t="{b}附近没有监控，希望增加监控探头", d=R, n="新增监控需使用公共收益或维修资金，已上报公司并提交业委会",
             f="已上报公司并提交业委会讨论，结果出来后告知"),
        dict(t="夜里经常看到保安巡逻，感觉很安心，表示满意", d=A, n="表扬意见，已在秩序维护部例会通报", f=None),
        dict(t="地下车库有几处灯不亮，晚上取车有点害怕", d=A, n="工程部已更换地下车库损坏灯具", need="res",
             f="已更换地下车库损坏灯具12盏，并加入每周巡检"),
        dict(t="门岗有时无人值守，访客直接就进来了", d=A, n="已对当班人员批评教育，秩序维护主管增加查岗",
             f="已对当班人员批评教育，吴队长每天不定时查岗"),
        dict(t="外卖电动车在小区里骑得太快，希望限速", d=A, n="主干道增设限速5公里标识，门岗提醒外卖人员推行",
             f="已在主干道设置限速标识和减速带"),
        dict(t="希望完全禁止外来车辆进入小区", d=N_, n="访客、救护、搬家等车辆有正常通行需求，无法全面禁止，已加强登记管理",
             f="已向业户说明无法全面禁止的原因，外来车辆严格登记限时"),
        dict(t="地面停车位太少，晚上回来经常找不到车位", d=A, n="10月地面车位重新规划划线，清理僵尸车，增设车位",
             f="已告知业户10月将重新规划地面车位"),
        dict(t="有几辆车长期停在地面车位不动，像是废弃车辆", d=A, n="已张贴挪车通知，联系车主处理",
             f="已联系车主，其中两辆已挪走"),
        dict(t="电动自行车停在楼道里，担心起火", d=A, n="秩序维护部开展楼道电动车清理，逐户劝导",
             f="已清理本单元楼道电动车并劝导相关住户"),
        dict(t="北门晚上关得太早，下班回来要绕到东门", d=N_, n="北门夜间22:00后关闭为安全管理需要，东门24小时开放，已向业户解释",
             f="已向业户解释北门关闭时间的原因"),
    ],
    "保洁": [
        dict(t="楼道垃圾有时到晚上还没清走，希望增加清运次数", d=A, n="增加午间清运一次",
             f="已通知保洁班组每天增加午间清运"),
        dict(t="{b}{u}电梯轿厢有异味，希望多消毒", d=A, n="电梯轿厢消毒由每日一次改为两次", need="elev",
             f="电梯轿厢已改为每日消毒两次"),
        dict(t="垃圾分类投放点周边卫生较差，有异味", d=A, n="投放点每日冲洗并喷洒除臭剂",
             f="已安排投放点每日冲洗，喷洒除臭剂"),
        dict(t="楼梯扶手灰比较多，保洁不够细致", d=A, n="要求保洁员每周擦拭扶手两次，主管抽查",
             f="已要求保洁员每周擦拭扶手两次"),
        dict(t="保洁阿姨很勤快，楼道一直很干净", d=A, n="表扬意见，已转达保洁班组", f=None),
        dict(t="地下车库地面积灰多，轮胎印很脏", d=A, n="地下车库每月冲洗一次，写入保洁合同", need="res",
             f="已安排本月冲洗地下车库，今后每月一次"),
        dict(t="大件垃圾和装修垃圾乱堆，希望定点堆放", d=A, n="北门设大件垃圾临时堆放点，每周二、五清运",
             f="已在北门设置大件垃圾堆放点，每周二、五清运"),
        dict(t="楼道里有人堆放纸箱杂物，影响通行", d=A, n="张贴清理通知并逐户劝导",
             f="已张贴清理通知，杂物已清理"),
        dict(t="下雨天单元大堂地面很滑，希望及时拖干并放提示牌", d=A, n="雨天大堂铺设防滑垫并放置小心地滑提示牌",
             f="已在单元大堂铺设防滑垫"),
        dict(t="希望取消垃圾定时定点投放，改为全天可以投放", d=N_, n="定时定点投放为街道统一要求，已在投放点设误时投放桶",
             f="已向业户解释，投放点旁已设误时投放桶"),
        dict(t="春节后垃圾特别多，垃圾桶满了没人清", d=A, n="节后一周每日增加一次清运", m=[2, 3],
             f="节后一周已每日增加一次清运"),
        dict(t="落叶季节道路上的落叶扫得不及时", d=A, n="秋冬季增加道路清扫频次", m=[10, 11],
             f="已要求保洁员秋冬季每日清扫两次"),
        dict(t="夏天垃圾桶周边苍蝇多，希望加强消杀", d=A, n="6至9月每月一次蚊蝇消杀，垃圾桶每日冲洗", m=[6, 7, 8, 9],
             f="已加强垃圾桶周边消杀和冲洗"),
        dict(t="高层楼道一天只打扫一次，下午就脏了", d=A, n="保洁合同续签时增加高层楼道清扫频次", need="elev",
             f="已告知业户明年起高层楼道每日清扫两次"),
    ],
    "绿化": [
        dict(t="{b}楼前的树太高，遮挡低层采光", d=A, n="列入高枝修剪计划", need="low",
             f="已安排绿化班组修剪"),
        dict(t="草坪上常有狗粪，希望加强文明养犬管理", d=A, n="增设文明养犬提示牌，保洁加强巡查",
             f="已增设文明养犬提示牌"),
        dict(t="绿化带被人踩出小路，希望补种", d=A, n="列入春季补植计划", m=[1, 2, 3, 4, 10, 11],
             f="已补种并设置护栏"),
        dict(t="希望中心花园多种一些开花的植物", d=A, n="春季补植月季、绣球等", m=[1, 2, 3, 4],
             f="已在中心花园补种月季和绣球"),
        dict(t="绿化喷药希望提前通知，家里有小孩", d=A, n="消杀和喷药作业提前一天张贴通知并在微信群发布",
             f="今后喷药作业均提前一天张贴通知"),
        dict(t="有住户在绿地上种菜，希望管理处处理", d=A, n="已上门劝导并恢复绿化",
             f="已劝导种菜住户清理，绿地已恢复"),
        dict(t="希望把部分绿地改成停车位", d=N_, n="改变绿地用途须业主共同决定且不符合规划，暂不采纳",
             f="已向业户说明绿地不能改作停车位的原因"),
        dict(t="绿化修剪时间太早，割草机声音吵人", d=A, n="绿化机械作业调整到8:30以后",
             f="已要求绿化机械作业在8:30以后进行"),
        dict(t="绿化养护做得不错，四季都有花看", d=A, n="表扬意见，已转达绿化班组", f=None),
        dict(t="台风后有树枝倒伏压在路边，希望尽快清理", d=A, n="台风后当天完成倒伏树木扶正和断枝清理", m=[7, 8, 9],
             f="已清理断枝并扶正倒伏树木"),
    ],
    "维修": [
        dict(t="{b}{u}楼道感应灯有几层不亮", d=A, n="已更换楼道感应灯",
             f="已更换不亮的感应灯"),
        dict(t="报修后等的时间比较长，希望提高维修及时性", d=A, n="实行报修30分钟内响应、维修后回访",
             f="已告知业户报修响应新规定"),
        dict(t="单元门禁经常刷不开", d=A, n="已更换门禁读卡器",
             f="已更换单元门禁读卡器"),
        dict(t="顶楼天花板雨天有水渍，怀疑屋面渗水", d=R, n="涉及屋面防水工程及专项维修资金，已上报公司并告知业委会",
             need="top", f="已上报公司，工程部已现场查看，待维修方案确定后告知"),
        dict(t="电梯运行时有异响，坐着不放心", d=A, n="已通知电梯维保单位检查", need="elev",
             f="维保单位已检查并调整导靴，异响消除"),
        dict(t="维修师傅上门很及时，修得也好", d=A, n="表扬意见，已在工程部通报", f=None),
        dict(t="单元防盗门闭门器坏了，门关不严", d=A, n="已更换闭门器",
             f="已更换单元门闭门器"),
        dict(t="希望管理处免费更换家里漏水的水龙头", d=N_, n="户内设施属业主专有部分，可提供有偿维修，已说明收费标准",
             f="已向业户说明户内维修收费标准"),
        dict(t="信报箱锁坏了", d=A, n="已更换信报箱锁",
             f="已更换信报箱锁"),
        dict(t="{b}外墙有瓷砖空鼓，担心掉下来", d=R, n="外墙维修需使用专项维修资金，已上报公司并提交业委会", m=[1, 2, 3],
             need=["2栋"], f="已上报，外墙维修计划于4月实施"),
        dict(t="外墙维修施工期间灰尘大，希望做好防护", d=A, n="要求施工单位洒水降尘并加强成品保护", m=[4, 5],
             need=["2栋"], f="已要求施工单位加强防护"),
        dict(t="楼道墙面有渗水发霉", d=A, n="工程部查看后修补",
             f="已查明原因并修补墙面"),
        dict(t="地下室排水沟有堵塞，雨天积水", d=A, n="已疏通排水沟",
             f="已疏通地下室排水沟"),
        dict(t="7栋的供水管老化，担心再爆管", d=A, n="7月已更换7栋北侧供水主管", m=[2, 3, 4, 5, 6],
             need=["7栋"], f="已告知业户7月将更换7栋供水主管"),
        dict(t="3栋2单元电梯更换施工期间上下楼不方便", d=A, n="楼梯平台放置座椅，提供搬运和代送服务", m=[11],
             need=["3栋2单元"], f="已告知业户可登记搬运和代送服务"),
    ],
    "休闲/儿童游乐设施": [
        dict(t="儿童滑梯有螺丝松动", d=A, n="已紧固并全面检查游乐设施", m=[1, 2, 3, 4, 5, 6, 7],
             f="已紧固松动螺丝并检查其他设施"),
        dict(t="希望增加几张休息长椅", d=A, n="已在中心花园增设长椅", f="已增设长椅"),
        dict(t="健身器材有几处生锈", d=A, n="已除锈刷漆", f="已对健身器材除锈刷漆"),
        dict(t="希望增设儿童沙池", d=N_, n="场地有限且沙池卫生难以保障，暂不采纳",
             f="已向业户说明原因"),
        dict(t="儿童游乐区地面软垫破损", d=A, n="列入8月儿童游乐区改造", m=[5, 6, 7],
             f="已告知业户8月将更换地垫"),
        dict(t="新的儿童游乐区很好，孩子很喜欢", d=A, n="表扬意见", m=[8, 9, 10, 11], f=None),
        dict(t="希望增加老年人下棋的桌椅", d=A, n="在会所南侧增设棋牌桌两套", f="已增设棋牌桌"),
        dict(t="篮球场晚上希望开放到21:30", d=N_, n="考虑低层业户休息，篮球场开放至20:30不变",
             f="已向业户说明开放时间的考虑"),
    ],
    "管理人员": [
        dict(t="管理处接电话态度很好，处理问题及时", d=A, n="表扬意见，已在例会通报", f=None),
        dict(t="希望物业接待日能见到管理处主任", d=A, n="接待日由主任或主管轮流坐班", f="已告知业户接待日安排"),
        dict(t="楼上夜间噪音大，希望管理处协调", d=A, n="已上门协调，双方约定22:00后保持安静", need="below",
             f="已上门协调，楼上住户表示会注意"),
        dict(t="希望公开公共收益的使用情况", d=A, n="公共收益在季度收支公示中单独列明", f="已告知业户可到管理处查阅明细"),
        dict(t="客服人员对业户的问题推诿，说不归他们管", d=A, n="已对客服人员进行首问负责制培训",
             f="已向业户致歉并说明改进措施"),
        dict(t="希望管理处人员佩戴工牌，方便辨认", d=A, n="要求全体员工上岗佩戴工牌", f=None),
        dict(t="对物业服务总体满意，没有其他意见", d=A, n="表扬意见，存档", f=None),
    ],
    "便民服务": [
        dict(t="希望再增加一组快递柜", d=A, n="已联系快递柜运营商，在北门增设一组", f="已告知业户北门将增设快递柜"),
        dict(t="希望管理处帮忙代收快递", d=N_, n="管理处场地有限，暂不代收快递，引导使用快递柜", f="已向业户解释"),
        dict(t="希望有磨刀、修伞这样的便民服务", d=A, n="每月第一个周六开展便民服务日", f="已告知业户便民服务日时间"),
        dict(t="5栋、6栋附近没有电动车充电的地方", d=R, n="新增充电设施需公司立项并征求业委会意见，已上报", m=[6, 7, 8],
             need=["5栋", "6栋"], f="已上报，正在选址"),
        dict(t="希望管理处提供家电维修有偿服务", d=A, n="与家电维修点合作，管理处登记转介", f="已告知业户登记方式"),
        dict(t="希望介绍靠谱的家政保洁", d=A, n="管理处推荐有资质的家政服务单位名单", f="已提供家政服务单位名单"),
        dict(t="新的充电区很方便", d=A, n="表扬意见", m=[11], f=None),
    ],
    "特殊困难和需求": [
        dict(t="家里老人行动不便，停水停电希望提前打电话告知", d=A, n="登记为重点关注户，停水停电时电话通知",
             f="已登记为重点关注户"),
        dict(t="家中独居老人，希望有人定期上门看看", d=A, n="列入每月关怀走访名单", f="已列入关怀走访名单"),
        dict(t="家里有坐轮椅的人，希望单元门口加无障碍坡道", d=R, n="无障碍改造需公司立项及专项资金，已上报", f="已上报公司"),
        dict(t="老人不会用手机，希望重要通知能送到家", d=A, n="重要通知纸质送达重点关注户", f="已登记，重要通知将送到家"),
        dict(t="孩子刚出生，希望楼上装修噪音能协调", d=A, n="已提醒装修户遵守装修时间规定", need="below", f="已上门提醒装修户"),
    ],
    "社区文化": [
        dict(t="元宵猜灯谜很热闹，希望每年都办", d=A, n="列入年度社区文化活动计划", m=[3, 4], f=None),
        dict(t="希望多办一些亲子活动", d=A, n="暑期举办亲子手工活动", f="已告知业户暑期活动安排"),
        dict(t="广场舞音响声音太大", d=A, n="已与舞蹈队约定音量和21:00结束", f="已与舞蹈队协调"),
        dict(t="希望开一个老年书法班", d=A, n="联系社区老年大学开设书法班", f="已告知业户报名方式"),
        dict(t="希望办一次邻里跳蚤市场", d=A, n="拟结合中秋游园会举办", f=None),
        dict(t="中秋游园会办得很好，孩子玩得很开心", d=A, n="表扬意见", m=[9, 10], f=None),
        dict(t="端午包粽子活动名额太少，没报上名", d=A, n="今后活动增加名额并分场次", m=[6, 7], f=None),
    ],
    "其他": [
        dict(t="通知张贴后希望同步发到微信群", d=A, n="所有通知同步发布微信群", f=None),
        dict(t="楼上空调冷凝水滴到我家阳台", d=A, n="已上门协调楼上住户加装冷凝水管", m=[6, 7, 8, 9], need="below",
             f="已协调楼上住户加装冷凝水管"),
        dict(t="小区里有人燃放烟花爆竹", d=A, n="加强禁放宣传和劝导", m=[1, 2, 3], f=None),
        dict(t="希望公布电梯年检情况", d=A, n="电梯使用标志张贴在轿厢内", need="elev", f=None),
        dict(t="有人在楼道里吸烟", d=A, n="楼道张贴禁烟标识", f=None),
        dict(t="希望小区开通访客线上预约登记", d=R, n="需公司统一开发，已上报", f="已上报公司"),
        dict(t="停车费调整的幅度有点大", d=N_, n="调整方案已经业主大会表决通过，已向业户解释", m=[11],
             f="已向业户解释表决结果和收益用途"),
    ],
}

BIZ_BANK = [
    dict(topic="保洁", t="商铺后巷垃圾清运不及时，夏天有异味", d=A, n="后巷垃圾每日增加一次清运",
         f="已安排后巷每日增加一次清运"),
    dict(topic="保安", t="晚上商铺关门后希望保安多巡逻几次", d=A, n="裙楼夜间增加巡更点", f="已增加裙楼巡更点"),
    dict(topic="维修", t="裙楼夏天用电负荷大，空调经常跳闸", d=A, n="8月对10栋配电柜扩容改造", m=[5, 6, 7, 8],
         f="已告知商户8月配电柜改造安排"),
    dict(topic="便民服务", t="希望给商户开具物业费电子发票", d=A, n="已开通电子发票", f="已开通电子发票"),
    dict(topic="其他", t="店招更换需要办什么手续", d=A, n="提供店招设置管理规定", f="已提供管理规定"),
    dict(topic="保安", t="裙楼门口顾客临时停车不方便", d=N_, n="门口为消防通道，不能设临停车位，已说明", f="已向商户解释"),
]

NEW_ARRIVAL = [
    dict(topic="便民服务", t="刚入住，希望了解装修管理规定和垃圾分类投放时间", d=A, n="已送达装修须知和垃圾分类指南",
         f="已送达装修须知和垃圾分类投放时间表"),
    dict(topic="其他", t="新入住，希望加入小区业主微信群", d=A, n="已邀请加入微信群", f="已邀请业户加入微信群"),
]

# Return visits (回访) following cases: case id -> list of
#   (days after the case's feedback/resolution, hh:mm, mode, topic-or-None, text, decision, note)
RETURNS = {
    "C-2026-001": [(9, "19:30", "电话", None, "吊顶渗水已停止，吊顶已修补好，对处理结果满意", A, "回访满意，结案"),
                   (24, "19:00", "上门", None, "吊顶修补后没有再渗水，希望管理处报修不要再拖", A, "已在工程部强调报修时限")],
    "C-2026-003": [(6, "10:00", "户外", None, "长椅装好后老人带孩子有地方坐了，希望再加个遮阳棚", A, "已列入儿童游乐区改造")],
    "C-2026-004": [(12, "19:30", "电话", "保安", "理解消防通道不能停车，现在停北门停车场，希望北门停车场晚上增加照明", A,
                    "北门停车场增设两盏路灯")],
    "C-2026-005": [(7, "19:00", "上门", None, "车修好了，对管理处的处理态度比较满意，希望道闸定期检查", A, "道闸纳入每周巡检")],
    "C-2026-006": [(8, "19:30", "电话", None, "垃圾桶现在每天都有清运和冲洗，比以前好多了", A, "回访满意，结案"),
                   (40, "10:30", "户外", None, "这个月垃圾清运一直很及时，希望保持", A, "保持每日冲洗和抽查")],
    "C-2026-008": [(5, "10:00", "电话", None, "空调支架换好后很牢固，感谢管理处及时提醒", A, "回访满意"),
                   (22, "19:00", "上门", "其他", "希望管理处把空调支架检查的经验推广到全小区", A, "秩序维护员巡查增加空调支架检查项")],
    "C-2026-007": [(5, "19:30", "电话", None, "新充电区已经在用了，希望晚上充电区照明再亮一点", A, "充电区增加照明")],
    "C-2026-009": [(10, "19:00", "上门", None, "这段时间电梯没有再出故障，希望保持每周维保", A, "维保频次执行至2027年1月")],
}

# One household is visited twice (not as a return visit) in this month.
TWICE_MONTH = 5


# ---------------------------------------------------------------- helpers


def parse_time(s: str) -> dt.datetime:
    return dt.datetime.strptime(s[:16], "%Y-%m-%d %H:%M")


def fmt(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def q(s: str, flow: bool = False) -> str:
    """A YAML scalar, plain when it is safe to leave it plain."""
    bad_start = tuple("-?:,[]{}#&*!|>'\"%@`")
    unsafe = s.startswith(bad_start) or ": " in s or " #" in s or s != s.strip()
    if flow and any(c in s for c in ",[]{}"):
        unsafe = True
    return json.dumps(s, ensure_ascii=False) if unsafe else s


def month_days(m: int) -> list[dt.date]:
    last = calendar.monthrange(YEAR, m)[1]
    days = [dt.date(YEAR, m, d) for d in range(1, last + 1)]
    end = LAST_DAY
    if m in SUBMITTED and dt.date.fromisoformat(SUBMITTED[m]).month == m:
        end = dt.date.fromisoformat(SUBMITTED[m]) - dt.timedelta(days=1)
    return [d for d in days if d not in HOLIDAYS and d <= end]


def hm(h: int, m: int) -> dt.time:
    return dt.time(h, m)


def visit_time(rng: random.Random, mode: str, day: dt.date, biz: bool) -> dt.time:
    weekend = day.weekday() >= 5
    if biz:
        return hm(rng.choice([10, 10, 14, 15, 16]), rng.choice([0, 30]))
    if mode == "上门":
        if weekend:
            return rng.choice([hm(9, 30), hm(10, 0), hm(10, 30), hm(11, 0), hm(14, 30), hm(15, 0),
                               hm(15, 30), hm(16, 0), hm(16, 30), hm(19, 0), hm(19, 30)])
        return rng.choice([hm(18, 30), hm(19, 0), hm(19, 0), hm(19, 30), hm(19, 30), hm(20, 0),
                           hm(20, 0), hm(20, 30), hm(21, 0)])
    if mode == "电话":
        return rng.choice([hm(10, 0), hm(10, 30), hm(14, 0), hm(15, 30), hm(16, 0), hm(19, 0),
                           hm(19, 30), hm(20, 0)]).replace(minute=rng.choice([0, 10, 20, 30, 40]))
    if mode == "办公室":
        if day.weekday() == 2:   # reception day (物业接待日) 09:00-11:30
            return hm(rng.choice([9, 10, 11]), rng.choice([0, 10, 20, 30]))
        return hm(rng.choice([9, 10, 14, 15, 16]), rng.choice([0, 20, 40]))
    if mode == "户外":
        return rng.choice([hm(8, 40), hm(9, 10), hm(9, 40), hm(10, 15), hm(16, 30), hm(18, 40),
                           hm(19, 10), hm(19, 40)])
    return hm(rng.choice([9, 10, 15, 19]), rng.choice([0, 30]))   # 其他


def pick_opinions(rng, h, m, biz, n):
    if biz:
        pool = [e for e in BIZ_BANK if not e.get("m") or m in e["m"]]
        es = rng.sample(pool, min(n, len(pool)))
        return [(e["topic"], e) for e in es]
    out, used = [], set()
    while len(out) < n:
        topics = [t for t in TOPICS if t not in used]
        topic = rng.choices(topics, weights=[TOPIC_WEIGHT[t] for t in topics])[0]
        cand = [e for e in BANK[topic] if fits(e, h, m)]
        if not cand:
            continue
        e = rng.choice(cand)
        used.add(topic)
        out.append((topic, e))
    return out


def fits(e, h, m):
    if e.get("m") and m not in e["m"]:
        return False
    need = e.get("need")
    if need == "elev" and h["building"] in NO_ELEVATOR:
        return False
    if need in ("res", "low", "below", "top") and h["type"] != "住家":
        return False
    floor, top = int(h["room"][:2]), TOP_FLOOR[h["building"]]
    if (need == "top" and floor != top) or (need == "low" and floor > 3) \
            or (need == "below" and floor >= top):
        return False
    if isinstance(need, list) and h["building"] not in need and h["building"] + h["unit"] not in need:
        return False
    return True


def render(e, h):
    return e["t"].format(b=h["building"], u=h["unit"])


# ---------------------------------------------------------------- main
def main() -> None:
    rng = random.Random(SEED)
    hh = load(REC / "households.yaml")["households"]
    by_id = {h["id"]: h for h in hh}
    for h in hh:
        TOP_FLOOR[h["building"]] = max(TOP_FLOOR.get(h["building"], 0), int(h["room"][:2]))
    community = load(REC / "community.yaml")
    staff = {s["name"] for s in community["staff"]}
    assert {"林主管", "周专员"} <= staff
    cases = {}
    for p in sorted((REC / "cases").rglob("*.yaml")):
        c = load(p)
        cases[c["id"]] = c

    order = [h["id"] for h in hh if h.get("occupied_since")]
    rng.shuffle(order)
    visited_year: set[str] = set()

    all_visits: dict[int, list[dict]] = {}
    for m in MONTHS:
        first = dt.date(YEAR, m, 1)
        last = dt.date(YEAR, m, calendar.monthrange(YEAR, m)[1])
        days = month_days(m)
        n1 = sum(occupied(h, first) for h in hh)
        quota = -(-n1 * 6 // 100)
        target = quota + rng.randint(2, 5)

        visits: list[dict] = []
        chosen: list[tuple[str, dt.date | None, str | None]] = []   # (household, min day, kind)
        # new arrivals of the month get a welcome visit
        for h in hh:
            s = h.get("occupied_since")
            if s and s.startswith(f"{YEAR}-{m:02d}"):
                chosen.append((h["id"], dt.date.fromisoformat(s) + dt.timedelta(days=3), "new"))
        fresh = [i for i in order if i not in visited_year]
        pool = [i for i in fresh if occupied(by_id[i], first) and occupied(by_id[i], last)]
        for i in pool:
            if len(chosen) >= target:
                break
            if i in {c[0] for c in chosen}:
                continue
            chosen.append((i, None, None))
        for i, _, _ in chosen:
            visited_year.add(i)

        for hid, min_day, kind in chosen:
            h = by_id[hid]
            biz = h["type"] == "企业"
            if kind == "new" or biz:
                mode = "上门"
            else:
                mode = rng.choices(["上门", "电话", "户外", "办公室", "其他"], [56, 20, 12, 10, 2])[0]
            ds = [d for d in days if (min_day is None or d >= min_day)]
            if biz:
                ds = [d for d in ds if d.weekday() < 5] or ds
            if mode == "办公室" and rng.random() < 0.8:
                ds = [d for d in ds if d.weekday() == 2] or ds
            day = rng.choice(ds)
            if kind == "new":
                ops = [(e["topic"], e) for e in NEW_ARRIVAL[: rng.choice([1, 2])]]
            else:
                ops = pick_opinions(rng, h, m, biz, 1 if rng.random() < 0.68 else 2)
            visits.append(make_visit(rng, h, mode, day, ops, biz))
            if kind == "new":
                visits[-1]["signature"] = "已签名"

        # one household visited twice in TWICE_MONTH (counts once, VISIT-NO-REPEAT)
        if m == TWICE_MONTH:
            v0 = next(v for v in visits if v["mode"] == "上门" and v["time"].day <= 15
                      and by_id[v["household"]]["type"] == "住家")
            h = by_id[v0["household"]]
            day = v0["time"].date() + dt.timedelta(days=9)
            while day in HOLIDAYS:
                day += dt.timedelta(days=1)
            e = dict(t="上次反映的问题已处理，另外希望单元门口的快递不要随地堆放", d=A,
                     n="快递统一放入快递柜或东门交接区", f=None)
            visits.append(make_visit(rng, h, "电话", day, [("便民服务", e)], False,
                                     fixed=dt.time(19, 20)))

        # return visits (回访) following cases
        for cid, specs in RETURNS.items():
            c = cases[cid]
            base = parse_time((c.get("feedback") or {}).get("time") or c["resolved"])
            for off, tm, mode, topic, text, dec, note in specs:
                day = base.date() + dt.timedelta(days=off)
                while day in HOLIDAYS:
                    day += dt.timedelta(days=1)
                if day.month != m:
                    continue
                h = by_id[c["household"]]
                assert occupied(h, day), (cid, day)
                e = dict(t=text, d=dec, n=note, f=None)
                v = make_visit(rng, h, mode, day, [(topic or c["topic"], e)], False,
                               fixed=dt.time.fromisoformat(tm))
                v["return_visit"] = True
                v["follows_case"] = cid
                v["visitor"] = "林主管"
                visits.append(v)

        visits.sort(key=lambda v: (v["time"], v["household"]))
        for k, v in enumerate(visits, 1):
            v["id"] = f"V-{YEAR}-{m:02d}-{k:03d}"
        all_visits[m] = visits
        distinct = len({v["household"] for v in visits if not v.get("return_visit")})
        print(f"{YEAR}-{m:02d}: occupied on 1st {n1}, quota {quota}, distinct {distinct}, "
              f"visits {len(visits)}, return {sum(1 for v in visits if v.get('return_visit'))}")

    write_visits(all_visits)
    write_summaries(rng, all_visits)


def make_visit(rng, h, mode, day, ops, biz, fixed: dt.time | None = None) -> dict:
    t = dt.datetime.combine(day, fixed or visit_time(rng, mode, day, biz))
    v = dict(household=h["id"], mode=mode, time=t,
             visitor="林主管" if (mode == "办公室" or rng.random() < 0.7) else "周专员",
             opinions=[dict(topic=topic, text=render(e, h), entry=e) for topic, e in ops])
    if mode == "上门":
        made_day = day - dt.timedelta(days=rng.choice([1, 1, 2, 2, 3, 4]))
        made = dt.datetime.combine(made_day, hm(rng.choice([9, 10, 11, 14, 15, 16, 17]),
                                                rng.choice([0, 10, 20, 30, 40, 50])))
        v["appointment"] = (made, t)
    v["topics"] = list(dict.fromkeys(o["topic"] for o in v["opinions"]))
    # VISIT-SIGNATURE: the household is asked to sign the record; a few decline
    v["signature"] = "拒绝签名" if (mode in ("上门", "户外") and rng.random() < 0.08) else "已签名"
    if mode == "电话":
        v["signature"] = "不适用"  # a phone visit cannot be signed
    fb = [o["entry"]["f"] for o in v["opinions"] if o["entry"].get("f")]
    v["feedback_needed"] = False
    if fb and rng.random() < 0.4:
        ft = dt.datetime.combine(day + dt.timedelta(days=rng.choice([1, 2, 2, 3, 5])),
                                 hm(rng.choice([10, 11, 14, 15, 16]), rng.choice([0, 30])))
        if ft <= NOW:
            v["feedback_needed"] = True
            v["feedback"] = (ft, fb[0])
    v["return_visit"] = False
    return v


def visit_yaml(v: dict) -> str:
    L = [f"id: {v['id']}", f"household: {v['household']}", f"visitor: {v['visitor']}",
         f"mode: {v['mode']}"]
    if "appointment" in v:
        made, for_ = v["appointment"]
        L += ["appointment:", f"  made: {fmt(made)}", f"  for: {fmt(for_)}"]
    L.append(f"time: {fmt(v['time'])}")
    L.append("topics: [" + ", ".join(q(t, flow=True) for t in v["topics"]) + "]")
    L.append("opinions:")
    for o in v["opinions"]:
        L += [f"  - topic: {q(o['topic'])}", f"    text: {q(o['text'])}"]
    L.append(f"signature: {v['signature']}")
    L.append(f"feedback_needed: {'true' if v['feedback_needed'] else 'false'}")
    if v.get("feedback"):
        ft, text = v["feedback"]
        L.append(f"feedback: {{time: {fmt(ft)}, text: {q(text, flow=True)}}}")
    L.append(f"return_visit: {'true' if v['return_visit'] else 'false'}")
    if v.get("follows_case"):
        L.append(f"follows_case: {v['follows_case']}")
    return "\n".join(L) + "\n"


def write_visits(all_visits):
    for m, visits in all_visits.items():
        d = REC / "visits" / str(YEAR) / f"{YEAR}-{m:02d}"
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        for v in visits:
            name = f"{v['time'].date().isoformat()}-{v['id']}.yaml"
            (d / name).write_text(visit_yaml(v), encoding="utf-8")


def write_summaries(rng, all_visits):
    d = REC / "visit-summaries" / str(YEAR)
    d.mkdir(parents=True, exist_ok=True)
    for m in SUMMARY_MONTHS:
        visits = all_visits[m]
        L = [f"month: {YEAR}-{m:02d}", f"submitted: {SUBMITTED[m]}", "supervisor: 林主管",
             "decisions:"]
        for v in visits:
            for k, o in enumerate(v["opinions"], 1):
                e = o["entry"]
                L.append(f"  - {{visit: {v['id']}, opinion: {k}, decision: {e['d']}, "
                         f"note: {q(e['n'], flow=True)}}}")
        (d / f"{YEAR}-{m:02d}.yaml").write_text("\n".join(L) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
