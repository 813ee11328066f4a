"""Common rules: MEETING-MONTHLY, RECEPTION-DAY (T1), RECORD-ID, RECORD-REF (with the
missing ID named), TOPIC on visit opinions, CALENDAR-YEAR declarations."""
from __future__ import annotations

import pytest
from helpers import COMMUNITY, HOUSEHOLDS, MEETING, OUTAGE, VISIT, line_of, make_office, problems_of
from helpers import found as found_in

from hcomm_gen.app import pipeline

NOW = "2026-04-10 12:00"



def check(root, now=NOW):
    return problems_of(root, now)


def found(problems, rule):
    return found_in(problems, rule, with_file=True)


def meetings(*months):
    return {f"meetings/2026/2026-{m}-14.yaml": MEETING.format(m=m) for m in months}


def test_meeting_every_month_passes(tmp_path):
    # January to March complete and met; April (current month) is not yet complete
    assert found(check(make_office(tmp_path, meetings("01", "02", "03"))), "MEETING-MONTHLY") == []


def test_meeting_missing_month_fails_at_previous_meeting(tmp_path):
    problems = check(make_office(tmp_path, meetings("01", "03")))
    assert found(problems, "MEETING-MONTHLY") == [
        ("2026-01-14.yaml", line_of(MEETING, "date:"), "error")]
    [p] = [p for p in problems if p.rule == "MEETING-MONTHLY"]
    assert "2026-02" in p.zh and "M-01" in p.zh and "2026-02" in p.en


def test_meeting_current_month_not_yet_required(tmp_path):
    # as of 2026-04-10 a March meeting exists and April still has time
    assert found(check(make_office(tmp_path, meetings("03"))), "MEETING-MONTHLY") == []
    # as of 2026-05-01 April is complete and has none
    assert found(check(make_office(tmp_path / "b", meetings("03")), "2026-05-01 00:00"),
                 "MEETING-MONTHLY") == [("2026-03-14.yaml", 2, "error")]


def test_reception_day_missing(tmp_path):
    community = COMMUNITY.replace("reception_day: {weekday: 3, start: 09:00, end: 11:30}\n", "")
    problems = check(make_office(tmp_path, community=community))
    assert found(problems, "RECEPTION-DAY") == [("community.yaml", 1, "error")]


def test_reception_day_end_before_start(tmp_path):
    community = COMMUNITY.replace("end: 11:30", "end: 08:30")
    problems = check(make_office(tmp_path, community=community))
    assert found(problems, "RECEPTION-DAY") == [("community.yaml", line_of(community, "reception_day"), "error")]


def test_reception_day_times_22_30_and_09_30_are_both_times(tmp_path):
    community = COMMUNITY.replace("start: 09:00, end: 11:30", "start: 09:30, end: 22:30")
    result = pipeline.check(make_office(tmp_path, community=community), NOW)
    rd = result.records.community.reception_day
    assert (rd.start.isoformat(), rd.end.isoformat()) == ("09:30:00", "22:30:00")
    assert found(result.problems, "RECEPTION-DAY") == []


def test_duplicate_ids_across_files(tmp_path):
    root = make_office(tmp_path, meetings("01", "02", "03") | {
        "meetings/2026/2026-03-20.yaml": MEETING.format(m="03").replace("-14 19:00", "-20 19:00")})
    problems = check(root)
    assert found(problems, "RECORD-ID") == [("2026-03-20.yaml", 1, "error")]
    [p] = [p for p in problems if p.rule == "RECORD-ID"]
    assert "M-03" in p.zh and "2026-03-14.yaml" in p.zh


SUMMARY = """\
month: 2026-03
submitted: 2026-04-03
supervisor: 林主管
decisions:
  - {visit: V-1, opinion: 1, decision: 采纳, note: 已增加清扫}
"""


def test_summary_decision_refers_to_visit_and_opinion(tmp_path):
    good = {"visits/2026/2026-03/v1.yaml": VISIT, "visit-summaries/2026/2026-03.yaml": SUMMARY}
    assert found(check(make_office(tmp_path, good)), "RECORD-REF") == []
    bad = SUMMARY.replace("{visit: V-1, opinion: 1", "{visit: V-404, opinion: 1")
    problems = check(make_office(tmp_path / "b", {**good, "visit-summaries/2026/2026-03.yaml": bad}))
    assert found(problems, "RECORD-REF") == [("2026-03.yaml", line_of(bad, "V-404"), "error")]
    assert "V-404" in [p for p in problems if p.rule == "RECORD-REF"][0].zh
    bad2 = SUMMARY.replace("opinion: 1", "opinion: 2")
    problems = check(make_office(tmp_path / "c", {**good, "visit-summaries/2026/2026-03.yaml": bad2}))
    assert found(problems, "RECORD-REF") == [("2026-03.yaml", line_of(bad2, "opinion"), "error")]


def test_return_visit_names_the_missing_case(tmp_path):
    text = VISIT + "return_visit: true\nfollows_case: C-404\n"
    problems = check(make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text}))
    refs = [p for p in problems if p.rule == "RECORD-REF"]
    assert [(p.pos.line, "C-404" in p.zh, "C-404" in p.en) for p in refs] == [
        (line_of(text, "follows_case"), True, True)]


def test_visit_opinion_topic_outside_the_ten(tmp_path):
    text = VISIT.replace("- {topic: 保洁, text:", "- {topic: 卫生, text:")
    problems = check(make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text}))
    assert ("v1.yaml", line_of(text, "卫生"), "error") in found(problems, "TOPIC")
    text2 = VISIT.replace("- {topic: 保洁, text:", "- {text:")
    problems = check(make_office(tmp_path / "b", {"visits/2026/2026-03/v1.yaml": text2}))
    assert ("v1.yaml", line_of(text2, "- {text"), "error") in found(problems, "TOPIC")


def test_declared_calendar_year_checked(tmp_path):
    community = COMMUNITY + ("calendar:\n  2027:\n    holidays: [2027-01-01, 2026-12-31]\n"
                             "    workdays: [2027-01-01]\n")
    problems = check(make_office(tmp_path, community=community))
    assert found(problems, "CALENDAR-YEAR") == [
        ("community.yaml", line_of(community, "holidays"), "error"),
        ("community.yaml", line_of(community, "workdays"), "error")]
    good = COMMUNITY + "calendar:\n  2027:\n    holidays: [2027-01-01]\n    workdays: [2027-02-07]\n"
    assert found(check(make_office(tmp_path / "b", community=good)), "CALENDAR-YEAR") == []


# --- RECORD-ID: the form of an ID; a repeated ID is reported at the copy ------------------------

@pytest.mark.parametrize("bad_id", ["../../../../evil", "../../x", "N-2026/1130 停水", "N 1", "通知1"])
def test_id_with_slash_dot_space_or_chinese_is_refused(tmp_path, bad_id):
    text = OUTAGE.replace("id: N-1", f"id: '{bad_id}'")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    problems = check(root, "2026-03-02 12:00")
    assert found(problems, "RECORD-ID") == [("n1.yaml", 1, "error")], [p.format() for p in problems]
    [p] = [p for p in problems if p.rule == "RECORD-ID"]
    assert bad_id in p.zh and "N-2026-1130-water" in p.zh and "N-2026-1130-water" in p.en


def test_household_ids_like_3_2_0301_pass(tmp_path):
    households = HOUSEHOLDS.replace("{id: 1-1-0102,", "{id: 3-2-0301,")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE}, households=households)
    assert found(check(root, "2026-03-02 12:00"), "RECORD-ID") == []


def test_duplicate_id_is_reported_at_the_copy_not_the_original(tmp_path):
    # "n1 - 副本.yaml" sorts *before* "n1.yaml" character by character (" " < "."), yet it is
    # the copy Windows made: staff must be told to change the copy, not the published notice
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE,
                                  "notices/2026/n1 - 副本.yaml": OUTAGE})
    problems = check(root, "2026-03-02 12:00")
    assert found(problems, "RECORD-ID") == [("n1 - 副本.yaml", 1, "error")]
    [p] = [p for p in problems if p.rule == "RECORD-ID"]
    assert "N-1" in p.zh and "records/notices/2026/n1.yaml" in p.zh


def test_duplicate_id_later_path_is_reported(tmp_path):
    root = make_office(tmp_path, {"notices/2026/a.yaml": OUTAGE, "notices/2026/b.yaml": OUTAGE})
    assert found(check(root, "2026-03-02 12:00"), "RECORD-ID") == [("b.yaml", 1, "error")]


def test_printed_sheet_outside_the_print_folder_is_refused(tmp_path):
    # the second line of defence behind RECORD-ID: render_sheets never writes outside out_dir
    from hcomm_gen.outputs.sheets import Sheet, UnsafeSheetName, render_sheets
    out = tmp_path / "office" / "print"
    out.mkdir(parents=True)
    for name in ("../../evil.pdf", "../x.pdf", "/tmp/abs.pdf"):
        sheet = Sheet("notice", "../../x", name, "<html></html>", "records/notices/n.yaml", "停水")
        with pytest.raises(UnsafeSheetName) as exc:
            render_sheets([sheet], out, None)
        assert "../../x" in exc.value.zh and "字母、数字" in exc.value.zh
    assert list(tmp_path.rglob("*.pdf")) == []


# --- SITE-URL (issue 16: no more silent http://localhost:8000/) --------------------------------

NO_URL = COMMUNITY.replace("site_url: https://t.example.cn/\n", "")


def test_site_url_missing_is_an_error_at_the_community_id_saying_what_to_write(tmp_path):
    problems = check(make_office(tmp_path, community=NO_URL))
    assert found(problems, "SITE-URL") == [("community.yaml", 1, "error")]
    [p] = [p for p in problems if p.rule == "SITE-URL"]
    assert "site_url: https://" in p.zh and "site_url: https://" in p.en


def test_site_url_empty_is_reported_at_its_line(tmp_path):
    community = COMMUNITY.replace("site_url: https://t.example.cn/", "site_url:")
    assert found(check(make_office(tmp_path, community=community)), "SITE-URL") == [
        ("community.yaml", line_of(community, "site_url:"), "error")]


@pytest.mark.parametrize("url, says", [
    ("t.example.cn", "https://"),                   # no scheme
    ("ftp://t.example.cn/", "https://"),
    ("https:///notices/", "域名"),                    # no host
    ("http://localhost:8000/", "本机"),
    ("https://127.0.0.1/", "本机"),
    ("https://hxq/", "“hxq”不完整"),
    ("https://t.example.cn/a b/", "空格"),
    ("https://t.example.cn/?from=qr", "?"),
    ("https://t.example.cn:http/", "格式不对"),
])
def test_site_url_not_an_absolute_web_address_is_an_error_at_its_line(tmp_path, url, says):
    community = COMMUNITY.replace("site_url: https://t.example.cn/", f"site_url: '{url}'")
    problems = check(make_office(tmp_path, community=community))
    assert found(problems, "SITE-URL") == [("community.yaml", line_of(community, "site_url:"), "error")]
    [p] = [p for p in problems if p.rule == "SITE-URL"]
    assert says in p.zh and url in p.en


@pytest.mark.parametrize("url", ["https://t.example.cn/", "http://t.example.cn", "https://example.cn/hxq/",
                                 "https://t.example.cn:8443/"])
def test_site_url_absolute_https_or_http_passes(tmp_path, url):
    community = COMMUNITY.replace("site_url: https://t.example.cn/", f"site_url: {url}")
    assert found(check(make_office(tmp_path, community=community)), "SITE-URL") == []
