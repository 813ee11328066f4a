"""One run, every problem (issue 12 item 4): a syntax error in one file, an unknown field in
another, a repeated ID, a bad reference and a household in an unknown building are all
reported by ONE `hcomm check`, each at its line; problems of a broken community.yaml field
about the community itself do not hide the other records' rule problems."""
from __future__ import annotations

from click.testing import CliRunner
from helpers import HOUSEHOLDS, check_json, line_of, make_office

from hcomm_gen.cli import main

NOW = "2026-11-21 10:00"
NOTICE = """\
id: {id}
kind: outage
outage: water
title: 停水通知
published: 2026-11-20 09:00
start: 2026-11-25 09:00
end: 2026-11-25 12:00
areas: [{area}]
channels: [通知单]
actions: 请提前储水
contact: {{name: 王工, phone: 0571-1}}
"""
A = "id: N-A\nkind: outage\ntitle: [停水通知\n"                       # YAML syntax: no closing ]
B = NOTICE.format(id="N-B", area="1栋") + "colour: red\n"               # unknown field
C = NOTICE.format(id="N-B", area="2栋")                                 # the ID of B again
D = NOTICE.format(id="N-D", area="9栋")                                 # an area not in the registry
HH = HOUSEHOLDS + "  - {id: 7-1-0101, building: 7栋, unit: 1单元, room: 0101, occupied_since: 2020-01-01}\n"


def _office(tmp_path, **kw):
    return make_office(tmp_path, {"notices/2026/a.yaml": A, "notices/2026/b.yaml": B,
                                  "notices/2026/c.yaml": C, "notices/2026/d.yaml": D}, households=HH, **kw)


def test_one_check_reports_syntax_field_id_reference_and_building_together(tmp_path):
    root = _office(tmp_path)
    code, problems = check_json(root, NOW)
    assert code == 1
    got = sorted((p["path"].rsplit("/", 1)[-1], p["line"], p["rule"]) for p in problems)
    assert got == [("a.yaml", line_of(A, "title:"), "YAML-SYNTAX"),
                   ("b.yaml", line_of(B, "colour:"), "RECORD-FIELD"),
                   ("c.yaml", line_of(C, "id:"), "RECORD-ID"),
                   ("d.yaml", line_of(D, "areas:"), "RECORD-REF"),
                   ("households.yaml", line_of(HH, "7-1-0101"), "RECORD-REF")], got
    by_file = {p["path"].rsplit("/", 1)[-1]: p for p in problems}
    assert "b.yaml" in by_file["c.yaml"]["message"]           # the repeat names the file that had it first
    assert by_file["households.yaml"]["message"].startswith(
        "业户 7-1-0101 的楼栋“7栋”不在 buildings 列表里（有：1栋、2栋）。")
    # the text summary counts them in the same run
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", NOW])
    assert res.stderr.strip().endswith("5 个错误（其中 5 个妨碍发布：hcomm build 不会发布），0 个警告。")


def test_a_household_in_an_unknown_unit_is_an_error_at_its_line(tmp_path):
    hh = HOUSEHOLDS + "  - {id: 1-3-0101, building: 1栋, unit: 3单元, room: 0101}\n"
    code, problems = check_json(make_office(tmp_path, households=hh), NOW)
    [p] = [p for p in problems if p["path"].endswith("households.yaml")]
    assert (p["rule"], p["line"]) == ("RECORD-REF", line_of(hh, "1-3-0101"))
    assert p["message"] == ("业户 1-3-0101 的单元“3单元”不在 1栋 的单元列表里（有：1单元、2单元）。"
                            "请改正单元，或在 buildings 里给 1栋 加上这个单元。")  # 1单元 or 2单元: no guess


def test_a_community_wrong_only_about_itself_still_lets_the_rules_run(tmp_path):
    """A wrong reception day and a missing name: their errors, and the rules' problems of the
    other records in the same run."""
    from helpers import COMMUNITY
    community = COMMUNITY.replace("weekday: 3", "weekday: 9").replace("name: 测试小区\n", "")
    code, problems = check_json(_office(tmp_path, community=community), NOW)
    got = sorted((p["path"].rsplit("/", 1)[-1], p["rule"]) for p in problems)
    assert got == [("a.yaml", "YAML-SYNTAX"), ("b.yaml", "RECORD-FIELD"), ("c.yaml", "RECORD-ID"),
                   ("community.yaml", "RECORD-FIELD"), ("community.yaml", "RECORD-FIELD"),
                   ("d.yaml", "RECORD-REF"), ("households.yaml", "RECORD-REF")], got


def test_a_community_wrong_in_a_setting_says_the_rules_did_not_run(tmp_path):
    """A setting the rules depend on (the time zone's key mistyped): the rules wait, and one
    warning says so instead of a silent "0 rule problems"."""
    from helpers import COMMUNITY
    community = COMMUNITY.replace("time_zone:", "time_zon:")
    code, problems = check_json(_office(tmp_path, community=community), NOW)
    com = [(p["line"], p["severity"]) for p in problems if p["path"].endswith("community.yaml")]
    assert com == [(1, "warning"), (line_of(community, "time_zon:"), "error")]
    warn = next(p for p in problems if p["severity"] == "warning")
    assert warn["message"].startswith("因为 community.yaml 本身有错误")
    # the files are still read: syntax and fields of the others
    assert {p["path"].rsplit("/", 1)[-1] for p in problems} == {"community.yaml", "a.yaml", "b.yaml"}


def test_a_broken_household_line_still_lets_areas_and_references_be_checked(tmp_path):
    """households.yaml with one bad item (an unknown field): its error, and in the same run the
    bad area of D and a case naming an unknown household (the household of the broken line is
    still known: no second message for it)."""
    hh = HOUSEHOLDS.replace("{id: 1-1-0202,", "{colour: red, id: 1-1-0202,") + \
        "  - {id: 7-1-0101, building: 7栋, unit: 1单元, room: 0101}\n"
    case = ("id: C-2026-001\nkind: 投诉\nchannel: 电话\nreceived: 2026-11-20 09:00\nhousehold: {h}\n"
            "topic: 维修\nsummary: 漏水\nfirst_response: 2026-11-20 10:00\n")
    root = make_office(tmp_path, {"notices/2026/d.yaml": D, "cases/2026/c1.yaml": case.format(h="1-1-0202"),
                                  "cases/2026/c2.yaml": case.format(h="1-1-202").replace("C-2026-001", "C-2026-002")},
                       households=hh)
    code, problems = check_json(root, NOW)
    got = sorted((p["path"].rsplit("/", 1)[-1], p["line"], p["rule"]) for p in problems
                 if p["rule"] in ("RECORD-FIELD", "RECORD-REF"))
    assert got == [("c2.yaml", 5, "RECORD-REF"),
                   ("d.yaml", line_of(D, "areas:"), "RECORD-REF"),
                   ("households.yaml", line_of(hh, "colour"), "RECORD-FIELD"),
                   ("households.yaml", line_of(hh, "7-1-0101"), "RECORD-REF")], got
    c2 = next(p for p in problems if p["path"].endswith("c2.yaml") and p["rule"] == "RECORD-REF")
    assert "是不是“1-1-0202”？" in c2["message"]
