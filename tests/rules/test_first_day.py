"""Obligations run from the office's first day (issue 16, item 7): every complete month since
``records_since`` (default: the 1st of the month of the earliest record) owes its visit
quota, visit summary and owners' meeting, whether or not it has records."""
from __future__ import annotations

from datetime import date

from helpers import COMMUNITY, MEETING, OUTAGE, make_office, problems_of

from hcomm_gen.domain.obligations import earliest_record_day, first_month, records_since
from hcomm_gen.records.loader import load_records

# 40 households in 1栋1单元, all occupied since 2020: 40 ≤ 300 → 4 %, ceil(1.6) = 2 a month
FORTY = "buildings:\n  - {building: 1栋, units: [1单元]}\nhouseholds:\n" + "".join(
    f"  - {{id: 1-1-{i:04d}, building: 1栋, unit: 1单元, room: '{i:04d}', occupied_since: 2020-01-01}}\n"
    for i in range(101, 141))


def office(tmp_path, since: str | None, files=None):
    community = COMMUNITY + (f"records_since: {since}\n" if since else "")
    return make_office(tmp_path, files or {}, community=community, households=FORTY)


def quota_months(problems) -> list[tuple[str, str]]:
    return [(p.en.split(":")[0], p.en.split(": ", 1)[1]) for p in problems if p.rule == "VISIT-QUOTA"]


def test_forty_households_no_visits_owe_march_april_and_may(tmp_path):
    """Checked 2026-06-10 from 2026-03-01: March, April and May are complete and missed (0 of
    2 each); June is not over."""
    root = office(tmp_path, "2026-03-01")
    problems = problems_of(root, "2026-06-10 12:00")
    short = ("0 distinct households visited (return visits excluded); 40 occupied on the 1st at "
             "4% requires 2, 2 short.")
    assert quota_months(problems) == [("2026-03", short), ("2026-04", short), ("2026-05", short)]
    [p] = [p for p in problems if p.rule == "VISIT-QUOTA" and p.en.startswith("2026-04")]
    assert p.pos.path.endswith("records/visits/2026/2026-04") and (p.pos.line, p.pos.column) == (1, 1)
    assert "2026-04 只访问了 0 户" in p.zh and "至少应访问 2 户" in p.zh
    assert not p.blocks
    # the visit summaries of March and April were due on 04-05 and 05-05; May's is due 06-05
    assert sorted(p.pos.path.rsplit("/", 1)[-1] for p in problems if p.rule == "VISIT-SUMMARY") == [
        "2026-03.yaml", "2026-04.yaml", "2026-05.yaml"]
    # no meeting at all: March, April, May, each at the meetings folder of 2026
    meetings = [p for p in problems if p.rule == "MEETING-MONTHLY"]
    assert [p.zh[:7] for p in meetings] == ["2026-03", "2026-04", "2026-05"]
    assert all(p.pos.path.endswith("records/meetings/2026") and "此前没有会议记录" in p.zh for p in meetings)


def test_a_start_in_mid_march_counts_from_april(tmp_path):
    root = office(tmp_path, "2026-03-15")
    assert [m for m, _ in quota_months(problems_of(root, "2026-06-10 12:00"))] == ["2026-04", "2026-05"]


def test_without_records_since_the_month_of_the_first_record_counts(tmp_path):
    """No records_since: the office began in the month of its first record (a notice published
    2026-03-01 09:00), so March, April, May count as before for the first visit's month."""
    root = office(tmp_path, None, {"notices/2026/n1.yaml": OUTAGE})
    rec = load_records(root)
    assert (earliest_record_day(rec), records_since(rec), first_month(rec)) == (
        date(2026, 3, 1), date(2026, 3, 1), "2026-03")
    assert [m for m, _ in quota_months(problems_of(root, "2026-06-10 12:00"))] == ["2026-03", "2026-04", "2026-05"]
    # an office without any record has no first day, and owes no month
    empty = load_records(office(tmp_path / "e", None))
    assert (records_since(empty), first_month(empty)) == (None, None)


def test_months_before_the_first_meeting_count_from_the_first_day(tmp_path):
    """records_since 2026-01-01, first meeting 2026-03-14 (then April): January and February
    are missing (at the meetings folder), and May, after the April meeting (at its date)."""
    root = office(tmp_path, "2026-01-01", {"meetings/2026/m03.yaml": MEETING.format(m="03"),
                                           "meetings/2026/m04.yaml": MEETING.format(m="04")})
    meetings = [p for p in problems_of(root, "2026-06-10 12:00") if p.rule == "MEETING-MONTHLY"]
    assert [(p.zh[:7], p.pos.path.rsplit("/", 1)[-1], p.pos.line) for p in meetings] == [
        ("2026-01", "2026", 1), ("2026-02", "2026", 1), ("2026-05", "m04.yaml", 2)]
    assert "M-04" in meetings[2].zh


def test_a_survey_month_since_the_first_day_owes_its_round(tmp_path):
    """From 2026-03-01, June is a survey month (survey_months default [6, 12]): by 2026-07-01
    its round is missing, though no round was ever recorded."""
    root = office(tmp_path, "2026-03-01")
    assert [p.zh[:7] for p in problems_of(root, "2026-06-30 12:00") if p.rule == "SURVEY-SCHEDULE"] == []
    assert [p.zh[:7] for p in problems_of(root, "2026-07-01 12:00") if p.rule == "SURVEY-SCHEDULE"] == ["2026-06"]
