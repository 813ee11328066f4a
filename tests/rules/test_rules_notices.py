"""Notice rules (T2, P4): each kind has a record that passes and one that fails with its rule
ID at the expected line. Lines are found with ``line_of`` in the literal record text."""
from __future__ import annotations

import pytest
from helpers import COMMUNITY, OUTAGE, PEST, check_json, found, in_files, line_of, make_office, problems_of

NOW = "2026-04-10 12:00"

EMERGENCY = """\
id: N-E
kind: emergency
outage: water
title: 关于1栋供水管爆管紧急停水的通知
published: 2026-03-05 07:20
start: 2026-03-05 06:40
end: 2026-03-05 15:30
areas: [1栋]
channels: [通知单, 微信群]
body: 1栋供水主管爆管，正在抢修。
measures: 已关闭1栋总进水阀门，在1栋大堂放置桶装水。
contact: {name: 工程部, phone: 0571-0000 0001}
"""

EVENT = """\
id: N-V
kind: event
title: 元宵猜灯谜活动
published: 2026-03-01 09:00
start: 2026-03-05 19:00
end: 2026-03-05 21:00
areas: [全体业户]
channels: [宣传栏, 微信群]
body: 欢迎参加。
"""

PUBLICITY = """\
id: N-P
kind: publicity
title: 冬季消防安全提示
published: 2026-03-01 09:00
areas: [全体业户]
channels: [宣传栏, 微信群]
body: 请勿在楼道堆放杂物。
"""

WORKS = """\
id: N-W
kind: works
title: 主干道路面修补施工
published: 2026-03-16 09:00
start: 2026-03-18 08:30
end: 2026-03-20 17:30
areas: [1栋]
channels: [通知单, 标示]
body: 半幅通行。
warning_signs: [1栋南侧路口]
"""

FEE = """\
id: N-F
kind: fee_change
title: 地面停车费调整
published: 2026-01-20 09:00
start: 2026-03-01 00:00
areas: [全体业户]
channels: [通知单, 宣传栏]
body: 自3月1日起调整。
"""

CONTRACT = """\
id: N-C
kind: contract_change
title: 保洁合同变更告知
published: 2026-02-20 09:00
start: 2026-03-01 00:00
areas: [全体业户]
channels: [宣传栏]
body: 楼道每日清扫两次。
"""

FINANCE = """\
id: N-FIN-{p}
kind: finance
title: {p} 收支公示
published: {pub}
period: {p}
areas: [全体业户]
channels: [宣传栏]
body: 收支情况如下。
"""

QUARTERLY = COMMUNITY + "finance_period: quarterly\n"


def check(root, now=NOW):
    return problems_of(root, now)


def run(tmp_path, text, name="notices/2026/n.yaml", now=NOW, community=COMMUNITY):
    return check(make_office(tmp_path, {name: text}, community=community), now)


GOOD = [("NOTICE-OUTAGE", OUTAGE), ("NOTICE-PEST", PEST), ("NOTICE-EMERGENCY", EMERGENCY),
        ("NOTICE-EVENT", EVENT), ("NOTICE-PUBLICITY", PUBLICITY), ("NOTICE-WORKS", WORKS),
        ("NOTICE-FEE", FEE), ("NOTICE-CONTRACT", CONTRACT)]


@pytest.mark.parametrize("rule, text", GOOD, ids=[g[0] for g in GOOD])
def test_good_notice_passes(tmp_path, rule, text):
    problems = run(tmp_path, text)
    assert [p.format() for p in problems if p.rule.startswith(("NOTICE", "CHANNEL", "RECORD"))] == []


BAD = [
    # NOTICE-EMERGENCY (T2): published 26 h after the incident began
    ("NOTICE-EMERGENCY", EMERGENCY.replace("published: 2026-03-05 07:20", "published: 2026-03-06 08:40"),
     "published:"),
    # … without the measures taken
    ("NOTICE-EMERGENCY", EMERGENCY.replace("measures: 已关闭1栋总进水阀门，在1栋大堂放置桶装水。\n", ""), "kind:"),
    # … without when it began
    ("NOTICE-EMERGENCY", EMERGENCY.replace("start: 2026-03-05 06:40\n", ""), "kind:"),
    # … without the affected areas
    ("NOTICE-EMERGENCY", EMERGENCY.replace("areas: [1栋]\n", ""), "kind:"),
    # NOTICE-EVENT (P4.3): posted after the event started
    ("NOTICE-EVENT", EVENT.replace("published: 2026-03-01 09:00", "published: 2026-03-05 20:00"), "published:"),
    ("NOTICE-EVENT", EVENT.replace("start: 2026-03-05 19:00\n", ""), "kind:"),
    ("NOTICE-EVENT", EVENT.replace("end: 2026-03-05 21:00", "end: 2026-03-05 18:00"), "end:"),
    # NOTICE-PUBLICITY (P4.4): not on the bulletin board
    ("NOTICE-PUBLICITY", PUBLICITY.replace("channels: [宣传栏, 微信群]", "channels: [微信群]"), "channels:"),
    # NOTICE-WORKS (P4.6): no start; signs without where they are; nothing says where
    ("NOTICE-WORKS", WORKS.replace("start: 2026-03-18 08:30\n", ""), "kind:"),
    ("NOTICE-WORKS", WORKS.replace("warning_signs: [1栋南侧路口]\n", ""), "channels:"),
    ("NOTICE-WORKS", WORKS.replace("warning_signs: [1栋南侧路口]\n", "").replace("areas: [1栋]\n", "")
     .replace("channels: [通知单, 标示]", "channels: [通知单]"), "kind:"),
    ("NOTICE-WORKS", WORKS.replace("published: 2026-03-16 09:00", "published: 2026-03-18 09:00"), "published:"),
    # NOTICE-FEE (T2): announced after it took effect; no effective date
    ("NOTICE-FEE", FEE.replace("published: 2026-01-20 09:00", "published: 2026-03-02 09:00"), "published:"),
    ("NOTICE-FEE", FEE.replace("start: 2026-03-01 00:00\n", ""), "kind:"),
    # NOTICE-CONTRACT (P4.9)
    ("NOTICE-CONTRACT", CONTRACT.replace("published: 2026-02-20 09:00", "published: 2026-03-03 09:00"),
     "published:"),
    ("NOTICE-CONTRACT", CONTRACT.replace("start: 2026-03-01 00:00\n", ""), "kind:"),
    # NOTICE-LEAD: a fee change 29 days ahead (30 required)
    ("NOTICE-LEAD", FEE.replace("published: 2026-01-20 09:00", "published: 2026-01-31 09:00"), "published:"),
    # CHANNEL (P2): no channel at all; a channel outside the list
    ("CHANNEL", PUBLICITY.replace("channels: [宣传栏, 微信群]\n", ""), "kind:"),
    ("CHANNEL", PUBLICITY.replace("channels: [宣传栏, 微信群]", "channels: [宣传栏, 传真]"), "channels:"),
    # RECORD-REF: an area not in the registry is named
    ("RECORD-REF", OUTAGE.replace("areas: [1栋]", "areas: [9栋]"), "areas:"),
]


@pytest.mark.parametrize("rule, text, needle", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_bad_notice_fails_at_line(tmp_path, rule, text, needle):
    problems = run(tmp_path, text)
    assert (line_of(text, needle), "error") in found(problems, rule), [p.format() for p in problems]


def test_emergency_exactly_24h_is_prompt(tmp_path):
    text = EMERGENCY.replace("published: 2026-03-05 07:20", "published: 2026-03-06 06:40")
    assert found(run(tmp_path, text), "NOTICE-EMERGENCY") == []


def test_area_message_names_the_missing_area(tmp_path):
    text = OUTAGE.replace("areas: [1栋]", "areas: [1栋3单元]")
    [p] = [p for p in run(tmp_path, text) if p.rule == "RECORD-REF"]
    assert "1栋3单元" in p.zh and "1栋3单元" in p.en and p.pos.column == 9


# --- NOTICE-FINANCE (P4.5): periodic, period from community finance_period ----------------------

def finance_office(tmp_path, periods):
    files = {f"notices/2026/fin-{p}.yaml": FINANCE.format(p=p, pub=pub) for p, pub in periods}
    return make_office(tmp_path, files, community=QUARTERLY)


def test_finance_every_period_posted_passes(tmp_path):
    root = finance_office(tmp_path, [("2025-Q4", "2026-01-12 09:00"), ("2026-Q1", "2026-04-13 09:00")])
    # as of 2026-07-31 the Q2 statement is not yet due (due by the end of July, inclusive)
    assert found(check(root, "2026-07-31 12:00"), "NOTICE-FINANCE") == []


def test_finance_missing_period_is_reported_at_finance_period(tmp_path):
    root = finance_office(tmp_path, [("2025-Q4", "2026-01-12 09:00"), ("2026-Q2", "2026-07-13 09:00")])
    problems = [p for p in check(root, "2026-08-01 12:00") if p.rule == "NOTICE-FINANCE"]
    # Q1 (due 2026-04-30) is missing; Q2 is posted
    assert [(p.pos.path.endswith("community.yaml"), p.pos.line) for p in problems] == [
        (True, line_of(QUARTERLY, "finance_period"))]
    assert "2026-Q1" in problems[0].zh and "2026-04-30" in problems[0].zh
    assert "2026-Q1" in problems[0].en


def test_finance_period_in_wrong_form(tmp_path):
    text = FINANCE.format(p="2026年第一季度", pub="2026-04-13 09:00")
    problems = run(tmp_path, text, community=QUARTERLY)
    assert (line_of(text, "period:"), "error") in found(problems, "NOTICE-FINANCE")
    assert "2026-Q1" in [p for p in problems if p.rule == "NOTICE-FINANCE"][0].zh


def test_finance_without_period_and_posted_early(tmp_path):
    text = FINANCE.format(p="2026-Q1", pub="2026-03-20 09:00")
    problems = run(tmp_path, text, community=QUARTERLY)
    assert (line_of(text, "published:"), "error") in found(problems, "NOTICE-FINANCE")
    no_period = text.replace("period: 2026-Q1\n", "")
    problems = run(tmp_path / "b", no_period, community=QUARTERLY)
    assert (line_of(no_period, "kind:"), "error") in found(problems, "NOTICE-FINANCE")


def test_finance_not_on_bulletin_board(tmp_path):
    text = FINANCE.format(p="2026-Q1", pub="2026-04-13 09:00").replace("[宣传栏]", "[微信群]")
    assert (line_of(text, "channels:"), "error") in found(run(tmp_path, text, community=QUARTERLY),
                                                          "NOTICE-FINANCE")


def test_finance_without_configured_period_is_a_warning(tmp_path):
    text = FINANCE.format(p="2026-Q1", pub="2026-04-13 09:00")
    assert found(run(tmp_path, text), "NOTICE-FINANCE") == [(1, "warning")]


def test_finance_monthly_and_half_yearly_forms():
    from datetime import date

    from hcomm_gen.domain.finance import Period, parse_period
    assert parse_period("2026-03", "monthly") == Period(2026, 3, "monthly")
    assert parse_period("2026-13", "monthly") is None
    h2 = parse_period("2026-H2", "half_yearly")
    assert (h2.first_day, h2.last_day, h2.due) == (date(2026, 7, 1), date(2026, 12, 31), date(2027, 1, 31))
    q4 = parse_period("2026-q4", "quarterly")
    assert (q4.label, q4.next().label) == ("2026-Q4", "2027-Q1")
    # which statements are owed by a day: tests/domain/test_obligations.py


# --- a date without the hour; expires before start (new-user test) ----------------------------

TIMED = [("NOTICE-OUTAGE", OUTAGE, "2026-03-05"), ("NOTICE-PEST", PEST, "2026-03-05"),
         ("NOTICE-WORKS", WORKS, "2026-03-18"), ("NOTICE-EVENT", EVENT, "2026-03-05")]


@pytest.mark.parametrize("rule, text, day", TIMED, ids=[t[0] for t in TIMED])
def test_start_written_as_a_date_alone_is_a_warning(tmp_path, rule, text, day):
    start = next(ln for ln in text.splitlines() if ln.startswith("start:"))
    bad = text.replace(start, f"start: {day}")
    problems = run(tmp_path, bad)
    assert found(problems, rule) == [(line_of(bad, "start:"), "warning")], [p.format() for p in problems]
    [p] = [p for p in problems if p.rule == rule]
    assert "只写了日期，没有写几点" in p.zh and f"{day} 09:00" in p.zh and "time of day" in p.en


def test_outage_end_written_as_a_date_alone_is_a_warning(tmp_path):
    bad = OUTAGE.replace("end: 2026-03-05 17:00", "end: 2026-03-05")
    problems = run(tmp_path, bad)
    assert found(problems, "NOTICE-OUTAGE") == [(line_of(bad, "end:"), "warning")]
    assert "停水停电通知须写明开始和结束时间" in [p for p in problems if p.rule == "NOTICE-OUTAGE"][0].zh


def test_a_fee_change_takes_effect_on_a_date_alone(tmp_path):
    # fee and contract changes take effect on a day: a date alone is right there
    problems = run(tmp_path, FEE.replace("start: 2026-03-01 00:00", "start: 2026-03-01"))
    assert [p.format() for p in problems if p.rule.startswith("NOTICE")] == []


def test_expires_before_start_names_both_dates(tmp_path):
    # expires 2026-03-04 means the end of 4 March: before the cut at 09:00 on the 5th
    bad = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-01 09:00\nexpires: 2026-03-04")
    problems = run(tmp_path, bad)
    assert found(problems, "RECORD-FIELD") == [(line_of(bad, "expires:"), "error")]
    [p] = [p for p in problems if p.rule == "RECORD-FIELD"]
    assert "2026-03-04" in p.zh and "2026-03-05 09:00" in p.zh and "2026-03-05 09:00" in p.en


def test_expires_on_the_day_of_the_cut_is_fine(tmp_path):
    ok = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-01 09:00\nexpires: 2026-03-05")
    assert found(run(tmp_path, ok), "RECORD-FIELD") == []


def test_full_width_comma_in_areas_is_one_problem(tmp_path):
    bad = OUTAGE.replace("areas: [1栋]", "areas: [1栋，2栋1单元]")
    problems = in_files(run(tmp_path, bad), "n.yaml")
    assert [(p.rule, p.pos.line, p.pos.column) for p in problems] == [
        ("YAML-SYNTAX", line_of(bad, "areas:"), 9)]
    assert "半角逗号" in problems[0].zh and "[1栋, 2栋1单元]" in problems[0].zh


def test_finance_period_with_a_year_zero_is_a_problem(tmp_path):
    community = open(make_office(tmp_path / "c", {}) / "records/community.yaml", encoding="utf-8").read()
    notice = OUTAGE.replace("kind: outage", "kind: finance").replace("outage: water\n", "") + "period: 0000-Q1\n"
    root = make_office(tmp_path, {"notices/2026/n1.yaml": notice},
                       community=community + "finance_period: quarterly\n")
    code, problems = check_json(root, "2026-04-10 12:00")
    assert code == 1
    # the year-0 period is named at its line (it used to crash); the notice also lacks 宣传栏 (line 8)
    assert line_of(notice, "period:") in [p["line"] for p in problems if p["rule"] == "NOTICE-FINANCE"]


def test_a_lead_time_just_short_of_a_day_is_not_rounded_to_it(tmp_path):
    """23 h 40 min is said as such, not "24 小时" next to "至少提前 1 天"."""
    text = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-04 09:20")
    code, problems = check_json(make_office(tmp_path, {"notices/2026/n1.yaml": text}), "2026-04-10 12:00")
    lead = [p["message_zh"] for p in problems if p["rule"] == "NOTICE-LEAD"]
    assert code == 1 and len(lead) == 1
    assert "只提前了 23 小时 40 分发布" in lead[0] and "24 小时" not in lead[0]


# --- FINANCE-TOTALS (P4.5): the lines add up to the stated totals ------------------------------

# income 1,000.00 + 200.50 + 0.25 = 1,200.75; expense 900.00 + 100.00 = 1,000.00;
# balance 1,200.75 − 1,000.00 = 200.75
STATEMENT = FINANCE.format(p="2026-Q1", pub="2026-04-13 09:00").replace("body: 收支情况如下。\n", """\
body: |
  现将收支情况公示如下：
  一、收入
    物业服务费　1,000.00 元
    停车费　200.50 元
    其他收入　0.25 元
    收入合计　1,200.75 元
  二、支出
    人员工资　900.00 元
    其中：社保　300.00 元
    保洁外包　100.00 元
    支出合计　1,000.00 元
  三、本季度结余　200.75 元
  特此公示。
""")


def totals(tmp_path, text):
    problems = run(tmp_path, text, now="2026-04-20 12:00", community=QUARTERLY)
    return [p for p in problems if p.rule == "FINANCE-TOTALS"]


def test_statement_that_adds_up_passes(tmp_path):
    assert totals(tmp_path, STATEMENT) == []


def test_income_total_off_by_one_fen_is_an_error_at_its_line_in_the_body(tmp_path):
    bad = STATEMENT.replace("收入合计　1,200.75 元", "收入合计　1,200.76 元")
    [p, bal] = totals(tmp_path, bad)
    assert (p.severity, p.pos.line, p.pos.column) == ("error", line_of(bad, "收入合计"), 5)
    assert "1,200.76" in p.zh and "1,200.75" in p.zh and "相差 0.01 元" in p.zh and "多写了" in p.zh
    assert "3 项之和" in p.zh and "difference of 0.01" in p.en
    # the balance is then judged against the stated income total: 1,200.76 − 1,000.00 = 200.76
    assert bal.pos.line == line_of(bad, "三、本季度结余") and "200.76" in bal.zh and "相差 0.01 元" in bal.zh


def test_a_line_changed_without_its_total_names_the_difference(tmp_path):
    # 人员工资 900 → 950: the lines give 1,050.00, the stated 支出合计 1,000.00 is 50.00 short
    bad = STATEMENT.replace("人员工资　900.00 元", "人员工资　950.00 元")
    [p] = totals(tmp_path, bad)
    assert p.pos.line == line_of(bad, "支出合计")
    assert "1,050.00" in p.zh and "相差 50.00 元（少写了 50.00 元）" in p.zh and "-50.00" in p.en


def test_balance_wrong_names_income_minus_expense(tmp_path):
    bad = STATEMENT.replace("本季度结余　200.75 元", "本季度结余　-200.75 元")
    [p] = totals(tmp_path, bad)
    assert p.pos.line == line_of(bad, "三、本季度结余")
    assert "收入合计 − 支出合计是 200.75 元" in p.zh and "相差 401.50 元" in p.zh


def test_opening_balance_and_wan_yuan(tmp_path):
    # 上期结余 1.5 万元 = 15,000.00; 期末结余 = 15,000.00 + 1,200.75 − 1,000.00 = 15,200.75
    text = STATEMENT.replace("  三、本季度结余　200.75 元\n",
                             "  三、结余\n    上期结余　1.5 万元\n    期末结余　15,200.75 元\n")
    assert totals(tmp_path, text) == []
    bad = text.replace("期末结余　15,200.75 元", "期末结余　15,200.00 元")
    [p] = totals(tmp_path / "b", bad)
    assert p.pos.line == line_of(bad, "期末结余") and "上期结余 + 收入合计 − 支出合计是 15,200.75 元" in p.zh


def test_subtotals_and_a_statement_without_amounts(tmp_path):
    text = STATEMENT.replace("    人员工资　900.00 元\n    其中：社保　300.00 元\n",
                             "    工资　600.00 元\n    社保　300.00 元\n    人工小计　900.00 元\n")
    assert totals(tmp_path, text) == []
    bad = text.replace("人工小计　900.00 元", "人工小计　800.00 元")
    assert [p.pos.line for p in totals(tmp_path / "b", bad)] == [line_of(bad, "人工小计")]
    assert totals(tmp_path / "c", FINANCE.format(p="2026-Q1", pub="2026-04-13 09:00")) == []


def test_the_example_statements_add_up(repo):
    from hcomm_gen.domain.finance import statement_lines, total_mismatches
    from hcomm_gen.records.loader import load_records
    statements = [n for n in load_records(repo).notices if n.kind == "finance"]
    assert len(statements) == 4
    for n in statements:
        lines = statement_lines(n.body)
        assert len(lines) == 17 and total_mismatches(lines) == [], n.id


# --- NOTICE-BODY-TIMES (T2): the text agrees with start/end ------------------------------------

# helpers.OUTAGE: 2026-03-05 (a Thursday) 09:00–17:00
TIMED = OUTAGE.replace("body: 清洗水箱。\n", """\
body: |
  尊敬的1栋各位业主/住户：
  管理处将于2026年3月5日（星期四）9:00至17:00清洗水箱，预计16:00恢复供水。
  特此通知。
  2026年3月1日
""").replace("actions: 请提前储水。\n", "actions: 请于3月5日9:00前储水。\n")


def body_times(tmp_path, text):
    return [p for p in run(tmp_path, text) if p.rule == "NOTICE-BODY-TIMES"]


def test_body_times_agreeing_with_start_and_end_pass(tmp_path):
    assert body_times(tmp_path, TIMED) == []


def test_body_saying_16_00_while_end_is_17_00_is_a_warning_at_the_line_in_the_body(tmp_path):
    bad = TIMED.replace("9:00至17:00", "9:00至16:00")
    [p] = body_times(tmp_path, bad)
    line = line_of(bad, "9:00至16:00")
    assert (p.severity, p.pos.line) == ("warning", line)
    assert bad.splitlines()[line - 1][p.pos.column - 1:].startswith("2026年3月5日")
    assert "“2026年3月5日（星期四）9:00至16:00”到 2026-03-05 16:00 结束" in p.zh
    assert "end（结束时间）是 2026-03-05 17:00" in p.zh and "while end is 2026-03-05 17:00" in p.en


def test_body_date_a_day_early_and_a_wrong_weekday(tmp_path):
    bad = TIMED.replace("2026年3月5日（星期四）", "2026年3月4日（星期三）")
    [p] = body_times(tmp_path, bad)
    assert p.pos.line == line_of(bad, "2026年3月4日")
    assert "（即 2026-03-04 09:00）不在通知的起止时间 2026-03-05 09:00 至 2026-03-05 17:00 之内" in p.zh
    wrong_day = TIMED.replace("（星期四）", "（周五）")
    [p] = body_times(tmp_path / "b", wrong_day)
    assert "那天是星期四" in p.zh and "that day is 星期四" in p.en


def test_actions_time_after_the_end_is_reported_in_actions(tmp_path):
    bad = TIMED.replace("actions: 请于3月5日9:00前储水。", "actions: 停水至下午6点，请提前储水。")
    [p] = body_times(tmp_path, bad)
    assert (p.pos.line, p.pos.column) == (line_of(bad, "actions:"), len("actions: 停水至") + 1)
    assert "actions 里写的“下午6点”（即 2026-03-05 18:00）不在通知的起止时间 2026-03-05 09:00 至 2026-03-05 17:00" in p.zh
