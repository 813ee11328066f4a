"""What stops publication (issue 16, item 1): a breach of when or whether the office acted
never does; only a record that would be published and cannot be shown correctly does."""
from __future__ import annotations

import pytest
from helpers import OUTAGE, PEST, VISIT, make_office, problems_of

from hcomm_gen.app import pipeline
from hcomm_gen.core.problems import ERROR, WARNING, Position, Problem
from hcomm_gen.core.registry import RULES
from hcomm_gen.records.loader import kind_of_file
from hcomm_gen.rules import catalogue


def test_format_rules_block_and_the_office_s_conduct_never_does():
    catalogue()
    blocking = {r.id for r in RULES.values() if r.blocks}
    assert blocking == {"YAML-SYNTAX", "YAML-ENCODING", "YAML-DUPLICATE-KEY", "RECORD-FIELD",
                        "RECORD-REF", "RECORD-ID",
                        # a changed notice, a statement's figures and every link of the site
                        # would be published wrong
                        "NOTICE-CHANGE", "FINANCE-TOTALS", "SITE-URL",
                        # an occupant's phone, room or name would be published
                        "PUBLIC-PRIVACY",
                        # a template's 请填写 (an untouched `hcomm new` notice) would be published
                        "RECORD-PLACEHOLDER"}
    # a body's times (a warning) and a character no font has (that sheet alone is left out)
    assert not RULES["NOTICE-BODY-TIMES"].blocks and not RULES["PRINT-GLYPH"].blocks
    # the rules whose findings differ name which ones block
    partly = {r.id for r in RULES.values() if r.blocks_when}
    assert partly == {"NOTICE-PEST", "NOTICE-OUTAGE", "NOTICE-EMERGENCY", "NOTICE-EVENT",
                      "NOTICE-WORKS", "NOTICE-FEE", "NOTICE-CONTRACT", "RECEPTION-DAY"}


def test_a_problem_blocks_when_an_error_of_a_blocking_rule_in_a_published_record():
    pos = Position("records/notices/2026/n1.yaml", 3, 1)
    assert Problem("RECORD-FIELD", pos, "z", "e", ERROR).blocks
    assert not Problem("RECORD-FIELD", pos, "z", "e", WARNING).blocks
    assert not Problem("RECORD-FIELD", pos, "z", "e", ERROR, published_record=False).blocks
    assert not Problem("NOTICE-LEAD", pos, "z", "e", ERROR).blocks
    assert Problem("NOTICE-OUTAGE", pos, "z", "e", ERROR, block=True).blocks
    assert not Problem("RECORD-REF", pos, "z", "e", ERROR, block=False).blocks


def test_kind_of_a_file_by_its_folder(tmp_path):
    base = tmp_path / "records"
    names = {p: (k.name if k else None, k.published if k else None) for p in (
        "community.yaml", "households.yaml", "notices/2026/n.yaml", "meetings/2026/m.yaml",
        "cases/2026/c.yaml", "suggestions/2026/s.yaml", "visits/2026/2026-03/v.yaml",
        "visit-summaries/2026/2026-03.yaml", "surveys/2026-06/round.yaml",
        "surveys/2026-06/answers.yaml", "other.yaml") for k in [kind_of_file(base / p, base)]}
    assert names == {
        "community.yaml": ("community", True), "households.yaml": ("households", True),
        "notices/2026/n.yaml": ("notices", True), "meetings/2026/m.yaml": ("meetings", True),
        "cases/2026/c.yaml": ("cases", False), "suggestions/2026/s.yaml": ("suggestions", False),
        "visits/2026/2026-03/v.yaml": ("visits", False),
        "visit-summaries/2026/2026-03.yaml": ("visit-summaries", False),
        "surveys/2026-06/round.yaml": ("survey-round", True),
        "surveys/2026-06/answers.yaml": ("survey-answers", True), "other.yaml": (None, None)}
    assert kind_of_file(tmp_path / "elsewhere.yaml", base) is None


def _found(problems):
    return sorted((p.rule, p.pos.path.rsplit("/", 1)[-1], p.pos.line, p.blocks) for p in problems)


def test_an_outage_without_what_is_cut_blocks_its_late_publication_does_not(tmp_path):
    """Line 3 (``outage:``) removed: NOTICE-OUTAGE at ``kind`` (line 2) blocks; published
    2026-03-05 09:30, after the 09:00 start: NOTICE-OUTAGE at ``published`` (line 4) does not."""
    text = OUTAGE.replace("outage: water\n", "").replace("published: 2026-03-01 09:00",
                                                         "published: 2026-03-05 09:30")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    assert _found(problems_of(root, "2026-03-05 10:00")) == [
        ("NOTICE-OUTAGE", "n1.yaml", 2, True), ("NOTICE-OUTAGE", "n1.yaml", 4, False)]


def test_an_unreadable_visit_does_not_block_an_unreadable_notice_does(tmp_path):
    bad = "id: X\ntitle: 停水通知\nbody: [未闭合\n"  # line 3: the list is never closed
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT,
                                  "visits/2026/2026-03/v2.yaml": bad})
    chk = pipeline.check(root, "2026-03-20 12:00")
    assert _found(chk.problems) == [("YAML-SYNTAX", "v2.yaml", 3, False)]
    assert chk.errors and chk.blocking == []
    root = make_office(tmp_path / "b", {"notices/2026/n2.yaml": bad})
    chk = pipeline.check(root, "2026-03-20 12:00")
    assert _found(chk.problems) == [("YAML-SYNTAX", "n2.yaml", 3, True)]
    assert chk.blocking == chk.errors


def test_a_notice_area_not_in_the_registry_blocks_a_case_household_does_not(tmp_path):
    case = ("id: C-1\nkind: 建议\nchannel: 电话\nreceived: 2026-03-01 10:00\nhousehold: 9-9-0909\n"
            "topic: 维修\nsummary: 路灯不亮\nfirst_response: 2026-03-01 11:00\n")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE.replace("[1栋]", "[9栋]"),
                                  "cases/2026/c1.yaml": case})
    assert _found(problems_of(root, "2026-03-02 12:00")) == [
        ("RECORD-REF", "c1.yaml", 5, False), ("RECORD-REF", "n1.yaml", 8, True)]


def _as(kind: str, text: str = OUTAGE) -> str:
    return text.replace("kind: outage", f"kind: {kind}").replace("outage: water\n", "")


@pytest.mark.parametrize("rule, text, blocking", [
    # what the notice announces is missing or impossible: blocks
    ("NOTICE-EVENT", _as("event").replace("start: 2026-03-05 09:00\n", ""), [True]),
    ("NOTICE-PEST", PEST.replace("start: 2026-03-05 09:00\n", ""), [True]),
    ("NOTICE-FEE", _as("fee_change").replace("start: 2026-03-05 09:00\n", ""), [True]),
    ("NOTICE-CONTRACT", _as("contract_change").replace("end: 2026-03-05 17:00", "end: 2026-03-05 08:00"), [True]),
    ("NOTICE-EMERGENCY", _as("emergency").replace("published: 2026-03-01 09:00", "published: 2026-03-05 10:00")
     .replace("end: 2026-03-05 17:00", "end: 2026-03-05 08:00") + "measures: 已关闭总阀\n", [True]),
    ("NOTICE-WORKS", _as("works").replace("areas: [1栋]\n", ""), [True]),
    # the office's conduct: warning signs, channels, what to do, measures taken, timing
    ("NOTICE-PEST", PEST.replace("warning_signs: [1栋大堂]\n", ""), [False]),
    ("NOTICE-OUTAGE", OUTAGE.replace("actions: 请提前储水。\n", "").replace("[通知单]", "[微信群]"), [False, False]),
    ("NOTICE-EMERGENCY", _as("emergency").replace("published: 2026-03-01 09:00", "published: 2026-03-07 10:00"),
     [False, False]),
])
def test_notice_findings_that_stop_publication(tmp_path, rule, text, blocking):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": text})
    got = [p.blocks for p in problems_of(root, "2026-03-02 12:00") if p.rule == rule]
    assert got == blocking


def test_a_reception_day_ending_before_it_starts_blocks_a_missing_one_does_not(tmp_path):
    from helpers import COMMUNITY
    bad = make_office(tmp_path, community=COMMUNITY.replace("end: 11:30", "end: 08:30"))
    assert [p.blocks for p in problems_of(bad, "2026-03-02 12:00") if p.rule == "RECEPTION-DAY"] == [True]
    none = make_office(tmp_path / "b", community=COMMUNITY.replace(
        "reception_day: {weekday: 3, start: 09:00, end: 11:30}\n", ""))
    assert [p.blocks for p in problems_of(none, "2026-03-02 12:00") if p.rule == "RECEPTION-DAY"] == [False]
