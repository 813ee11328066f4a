"""The figures of one office (issue 13.3): hand-computed values on a small office, the same
overdue counts as ``hcomm status``, escalated opinions with their age and without household data."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

from helpers import COMMUNITY, OPEN_COMPLAINT, VISIT, make_office

from hcomm_gen.domain.office_figures import AREAS, REDACTED, office_figures, redact
from hcomm_gen.domain.privacy import registry_rooms
from hcomm_gen.domain.status import status
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 4, 10, 12, 0, tzinfo=SH)


def _complaint(n: int, received: str, responded: str) -> str:
    return (OPEN_COMPLAINT.replace("id: C-1", f"id: C-{n}").replace("received: 2026-03-01 10:00", f"received: {received}")
            + f"first_response: {responded}\n")


# three complaints in March 2026, answered after 2 h, 10 h and 30 h
CASES = {
    "cases/2026/c1.yaml": _complaint(1, "2026-03-01 10:00", "2026-03-01 12:00"),
    "cases/2026/c2.yaml": _complaint(2, "2026-03-02 10:00", "2026-03-02 20:00"),
    "cases/2026/c3.yaml": _complaint(3, "2026-03-03 10:00", "2026-03-04 16:00"),
}
OPINION = "1栋1单元0102王秀英说楼道需要更勤打扫，电话 138 1234 5678，管理处电话 0571-0000 0000"
VISIT_ESCALATED = VISIT.replace("text: 楼道需要更勤打扫", f"text: {OPINION}")
SUMMARY = """\
month: 2026-03
submitted: 2026-04-03
supervisor: 林主管
decisions:
  - {visit: V-1, opinion: 1, decision: 上报, note: 已上报公司（李阿姨家，1-1-0102）}
"""


def _office(tmp_path, community=COMMUNITY):
    return load_records(make_office(tmp_path, {**CASES, "visits/2026/2026-03/v1.yaml": VISIT_ESCALATED,
                                               "visit-summaries/2026/2026-03.yaml": SUMMARY}, community=community))


def test_cases_quota_and_escalated_opinion_by_hand(tmp_path):
    records = _office(tmp_path, COMMUNITY + "records_since: 2026-03-01\n")
    f = office_figures(records, NOW)
    p = f.public
    assert (p.community_id, p.community_name, str(p.period.records_since), p.period.first_month,
            p.period.months, p.period.this_month) == ("t", "测试小区", "2026-03-01", "2026-03", ("2026-03",), "2026-04")
    # 8 households occupied on 2026-03-01 (1-1-0101 moves in on 07-02, 1-2-0202 vacant): ≤300 →
    # 4 %, ceil(8 × 4 / 100) = 1 required; V-1 visited 1-1-0102
    [march] = p.quota
    assert (march.month, march.occupied, march.rate_percent, march.required, march.visited, march.met,
            march.complete) == ("2026-03", 8, 4, 1, 1, True, True)
    assert p.quota_this_month is not None and (p.quota_this_month.visited, p.quota_this_month.complete) == (0, False)
    assert p.occupied == 8
    # March: 3 complaints, 2 answered within 24 h (2 h, 10 h; 30 h late): 200/3 %, median 10 h
    by_month = {m.month: m for m in p.cases}
    m = by_month["2026-03"]
    assert (m.received, dict(m.by_kind), m.times_published, m.responded, m.within_24h) == (
        3, {"投诉": 3, "建议": 0, "问题": 0, "财产损坏": 0}, True, 3, 2)
    assert m.response_rate == Fraction(200, 3) and m.median_response_hours == Fraction(10)
    assert by_month["2026-04"].received == 0 and by_month["2026-04"].response_rate is None
    # the opinion escalated in the March summary: visited 2026-03-05, 36 days before 2026-04-10
    [e] = f.company.escalated
    assert (e.month, e.visit, str(e.visited_on), str(e.escalated_on), e.age_days, e.topic) == (
        "2026-03", "V-1", "2026-03-05", "2026-04-03", 36, "保洁")
    # room with the name after it, the mobile: gone; the office's own hotline stays
    assert e.text == f"{REDACTED}说楼道需要更勤打扫，电话 {REDACTED}，管理处电话 0571-0000 0000"
    assert e.note == f"已上报公司（{REDACTED}家，{REDACTED}）"


def test_overdue_by_area_counts_what_hcomm_status_lists(tmp_path):
    """Whatever ``hcomm status`` lists as of 2026-04-10 (the small office has no meetings on
    record and its complaints no progress report for 30 days: MEETING-MONTHLY and
    CASE-PROGRESS are overdue), counted by area and kind."""
    records = _office(tmp_path)
    f = office_figures(records, NOW)
    listed = Counter((i.kind, i.state) for i in status(records, NOW))
    for area, kinds in AREAS:
        [o] = [o for o in f.public.overdue if o.area == area]
        assert o.overdue == sum(listed[(k, "overdue")] for k in kinds)
        assert o.due == sum(listed[(k, "due")] for k in kinds)
        assert dict(o.by_kind) == {k: listed[(k, "overdue")] for k in kinds}
    assert sum(o.overdue for o in f.public.overdue) == sum(n for (k, s), n in listed.items() if s == "overdue") > 0


def test_the_example_on_8_december_names_the_november_summary_overdue(repo):
    records = load_records(repo)
    f = office_figures(records, datetime(2026, 12, 8, 9, 0, tzinfo=SH))
    visits = next(o for o in f.public.overdue if o.area == "visits")
    assert dict(visits.by_kind)["visit-summary"] == 1
    assert f.public.period.last_complete_month == "2026-11"
    # November complete now: 618 occupied on 11-01, 6 %, ceil(37.08) = 38 required
    nov = f.public.quota[-1]
    assert (nov.month, nov.occupied, nov.rate_percent, nov.required, nov.complete) == ("2026-11", 618, 6, 38, True)


def test_redact_keeps_areas_and_public_numbers():
    rooms = registry_rooms([])
    assert redact("3栋附近没有监控", rooms, set()) == "3栋附近没有监控"
    assert redact("请张先生回电 0571-8888 6666", rooms, {"057188886666"}) == f"请{REDACTED}回电 0571-8888 6666"
    assert redact("住 3-2-0301 的业户，手机13812345678", rooms, set()) == f"住 {REDACTED} 的业户，手机{REDACTED}"


def test_the_company_sees_every_months_response_the_public_a_month_of_three_cases_or_more(repo):
    """November 2026 of the example has one case, C-2026-010: received 11-24 21:30, first
    response 11-25 08:50 (11 h 20 min, within 24 h). summary.json withholds it (fewer than 3
    cases), the company's figures (internal) show 1 of 1."""
    f = office_figures(load_records(repo), datetime(2026, 12, 8, 9, 0, tzinfo=SH))
    public = next(c for c in f.public.cases if c.month == "2026-11")
    internal = next(c for c in f.company.cases if c.month == "2026-11")
    assert (public.received, public.times_published, public.responded, public.within_24h) == (1, False, None, None)
    assert (internal.received, internal.times_published, internal.responded, internal.within_24h) == (1, True, 1, 1)
    assert internal.response_rate == 100


def test_redact_hides_id_cards_mail_wechat_other_room_forms_and_a_name_after_the_owner():
    """The company report's 上报 opinions and director's notes (issue 13.4: no household data)."""
    text = ("业主王建国（身份证330106198001011234）要求 微信wxid_abc123 邮箱wang@qq.com 1102室 "
            "四栋二单元1101 3栋2单元 楼道灯")
    assert redact(text, set(), set()) == (f"业主{REDACTED}（身份证{REDACTED}）要求 微信{REDACTED} 邮箱{REDACTED} "
                                          f"{REDACTED} {REDACTED} 3栋2单元 楼道灯")
