"""Records as they stood at --now / --today: what is dated later had not happened yet."""
from __future__ import annotations

from click.testing import CliRunner
from helpers import VISIT, make_office

from hcomm_gen.app.pipeline import resolve_now
from hcomm_gen.cli import main
from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.status import status
from hcomm_gen.records.loader import load_records

CASE = """\
id: C-1
kind: 投诉
channel: 电话
received: 2026-03-10 08:10
household: 1-1-0102
topic: 维修
summary: 电梯故障
valid: true
first_response: 2026-03-10 08:40
resolved: 2026-03-11 17:00
feedback: {time: 2026-03-11 18:00, text: 已修复}
"""
SUMMARY = """\
month: 2026-03
submitted: 2026-04-03
supervisor: 林主管
decisions:
  - {visit: V-1, opinion: 1, decision: 采纳}
"""


def office(tmp_path):
    return make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT, "cases/2026/c1.yaml": CASE,
                                  "visit-summaries/2026/2026-03.yaml": SUMMARY})


def test_as_of_drops_and_clears_what_came_later(tmp_path):
    records = load_records(office(tmp_path))
    early = as_of(records, resolve_now(records, "2026-03-05 19:00"))   # visit at 19:30
    assert early.visits == [] and early.cases == []
    mid = as_of(records, resolve_now(records, "2026-03-10 08:30"))     # received 08:10, answered 08:40
    (c,) = mid.cases
    assert (c.first_response, c.resolved, c.feedback) == (None, None, None)
    assert [v.id for v in mid.visits] == ["V-1"]
    assert mid.visit_summaries[0].submitted is None                    # submitted 04-03
    late = as_of(records, resolve_now(records, "2026-04-03 09:00"))
    assert str(late.visit_summaries[0].submitted) == "2026-04-03"
    assert records.cases[0].first_response is not None                 # the records are unchanged
    assert mid.cases[0].pos("summary").line == 7                       # positions kept


def test_status_as_of_a_past_moment(tmp_path):
    records = load_records(office(tmp_path))
    items = status(records, resolve_now(records, "2026-03-10 08:30"))
    assert [(i.rule, i.state, i.ref) for i in items if i.rule == "CASE-RESPONSE-24H"] == [
        ("CASE-RESPONSE-24H", "due", "C-1")]
    items = status(records, resolve_now(records, "2026-04-02 12:00"))
    assert [(i.rule, i.state) for i in items if i.rule == "VISIT-SUMMARY"] == [("VISIT-SUMMARY", "due")]
    assert not [i for i in status(records, resolve_now(records, "2026-04-04 12:00")) if i.rule == "VISIT-SUMMARY"]


def test_visits_quota_as_of(tmp_path):
    root = office(tmp_path)
    run = lambda now: CliRunner().invoke(main, ["--root", str(root), "visits", "quota", "--month", "2026-03",  # noqa: E731
                                               "--now", now]).output
    assert "已访问 0 户" in run("2026-03-05 19:00")   # the only visit is at 19:30
    assert "已访问 1 户" in run("2026-03-05 20:00")
