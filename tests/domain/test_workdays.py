"""Working days (工作日) around National Day 2026 and a deadline running into 2027.

Hand counts (PROCEDURE.md, Time: the N-th working day after D, D not counted). 2026: Mid-Autumn
25–27 Sep and National Day 1–7 Oct are holidays; Sunday 20 Sep and Saturday 10 Oct are make-up
working days (调休).
"""
from __future__ import annotations

from datetime import date, datetime

import pytest
from helpers import COMMUNITY, line_of, make_office

from hcomm_gen.core.problems import Position
from hcomm_gen.domain.workdays import UnknownYear, WorkCalendar
from hcomm_gen.records.loader import load_records
from hcomm_gen.rules.context import Context

CAL = WorkCalendar()
DECLARED_2027 = WorkCalendar({2027: ({date(2027, 1, 1)}, set())})


@pytest.mark.parametrize("day, work", [
    (date(2026, 9, 19), False),   # Saturday
    (date(2026, 9, 20), True),    # Sunday, make-up working day
    (date(2026, 9, 25), False),   # Mid-Autumn (Friday)
    (date(2026, 10, 1), False),
    (date(2026, 10, 7), False),
    (date(2026, 10, 8), True),
    (date(2026, 10, 10), True),   # Saturday, make-up working day
    (date(2026, 10, 11), False),  # Sunday
])
def test_national_day_2026(day, work):
    assert CAL.is_workday(day) is work


@pytest.mark.parametrize("start, n, deadline", [
    (date(2026, 9, 18), 1, date(2026, 9, 20)),    # Friday → the make-up Sunday
    (date(2026, 9, 30), 1, date(2026, 10, 8)),    # across the whole holiday
    (date(2026, 9, 30), 3, date(2026, 10, 10)),   # 8, 9, then the make-up Saturday
    # 20,21,22,23,24 | 28,29,30 | 8,9,10 | 12,13,14,15 → 15th is 15 Oct (a rule-based
    # calendar without make-up days would say 19 Oct)
    (date(2026, 9, 18), 15, date(2026, 10, 15)),
    (date(2026, 12, 7), 15, date(2026, 12, 28)),  # a December survey's collection stays in 2026
])
def test_add_workdays_around_national_day(start, n, deadline):
    assert CAL.add_workdays(start, n) == deadline


def test_deadline_into_2027_is_not_guessed():
    with pytest.raises(UnknownYear) as exc:
        CAL.add_workdays(date(2026, 12, 15), 15)
    assert exc.value.year == 2027
    assert "2027" in exc.value.zh() and "community.yaml" in exc.value.zh() and "calendar" in exc.value.en()


def test_declared_2027_computes():
    # 16,17,18 | 21–25 | 28–31 = 12; 1 Jan holiday, 2–3 weekend; 4, 5, 6 → 6 Jan 2027
    assert DECLARED_2027.add_workdays(date(2026, 12, 15), 15) == date(2027, 1, 6)
    # 30 working days after 7 Dec 2026: 28 Dec is the 15th; 29,30,31 = 18; Jan 4–8 = 23,
    # 11–15 = 28, 18, 19 → 19 Jan 2027
    assert DECLARED_2027.add_workdays(date(2026, 12, 7), 30) == date(2027, 1, 19)


def test_declared_make_up_day_counts():
    cal = WorkCalendar({2027: (set(), {date(2027, 2, 7)})})  # a Sunday declared a working day
    assert cal.is_workday(date(2027, 2, 7)) and not cal.is_workday(date(2027, 2, 6))


def test_context_turns_unknown_year_into_a_calendar_problem(tmp_path):
    root = make_office(tmp_path)
    ctx = Context(load_records(root), datetime(2026, 12, 20, 12, 0).astimezone())
    pos = Position("records/surveys/2026-12/round.yaml", 2, 15)
    due, problems = ctx.workday_deadline(date(2026, 12, 15), 15, pos, "问卷回收期限", "collection deadline")
    assert due is None
    [p] = problems
    assert (p.rule, p.pos, p.severity) == ("CALENDAR-YEAR", pos, "error")
    assert "问卷回收期限" in p.zh and "2027" in p.zh and "collection deadline" in p.en


def test_community_calendar_declaration_is_used(tmp_path):
    community = COMMUNITY + "calendar:\n  2027:\n    holidays: [2027-01-01]\n    workdays: []\n"
    root = make_office(tmp_path, community=community)
    ctx = Context(load_records(root), datetime(2026, 12, 20, 12, 0).astimezone())
    assert ctx.workday_deadline(date(2026, 12, 15), 15, Position("x"))[0] == date(2027, 1, 6)
    assert line_of(community, "2027") == 11
