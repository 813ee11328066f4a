"""Inputs that used to crash hcomm (a traceback) give a problem with its position instead."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import OUTAGE, make_office

from hcomm_gen.cli import main


def check(root, now="2026-04-10 12:00"):
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", now, "--format", "json"])
    return res


@pytest.mark.parametrize("rel, text, line", [
    ("visit-summaries/2026/2026-01.yaml", "month: 0000-01\nsubmitted: 2026-02-03\n", 1),
    ("visit-summaries/2026/2026-02.yaml", "month: 9999-12\nsubmitted: 2026-02-03\n", 1),
    ("notices/2026/n1.yaml", OUTAGE.replace("end: 2026-03-05 17:00", "end: 2026-03-05 17:00\nexpires: 9999-12-31"), 8),
    ("notices/2026/n2.yaml", "channels: &a [宣传栏, *a]\n", 1),
])
def test_no_traceback(tmp_path, rel, text, line):
    res = check(make_office(tmp_path, {rel: text}))
    assert res.exit_code == 1, res.output
    assert "内部错误" not in res.output and "Traceback" not in res.output
    assert f'"line": {line}' in res.output


def test_finance_period_with_a_year_zero_is_a_problem(tmp_path):
    community = open(make_office(tmp_path / "c", {}) / "records/community.yaml", encoding="utf-8").read()
    notice = OUTAGE.replace("kind: outage", "kind: finance").replace("outage: water\n", "") + "period: 0000-Q1\n"
    root = make_office(tmp_path, {"notices/2026/n1.yaml": notice},
                       community=community + "finance_period: quarterly\n")
    res = check(root)
    assert res.exit_code == 1 and "内部错误" not in res.output
    assert '"rule": "NOTICE-FINANCE"' in res.output


def test_survey_without_answers_and_with_a_dollar_in_an_item(tmp_path):
    """A round whose answers are all empty shows "—" (no "—%"), and its trend point is a gap;
    an item text with "$" is drawn as typed, not parsed as TeX (it crashed the report)."""
    from hcomm_gen.app import pipeline
    rnd = ("round: 2026-06\ndelivered_on: 2026-06-08\ndelivered: 8\nunits: [1栋, 2栋]\n"
           "collection_end: 2026-06-19\nitems:\n  - {no: 1, topic: 保安, text: '$\\bad$门岗'}\n"
           "analysis_done: 2026-07-10\n")
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": rnd, "surveys/2026-06/answers.yaml": "answers: []\n"})
    result = pipeline.build(root, "2026-07-15 12:00")
    assert not result.check.errors, [p.format() for p in result.check.errors]
    page = (root / "site/surveys/index.html").read_text(encoding="utf-8")
    assert "—%" not in page and "—" in page
    (root / "records/surveys/2026-06/answers.yaml").write_text("answers:\n  - 不\n  - 满\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["--root", str(root), "survey", "report", "2026-06", "--now", "2026-07-15 12:00"])
    assert res.exit_code == 0, res.output


def test_a_visit_to_an_unknown_household_does_not_count_for_the_quota(tmp_path):
    from helpers import VISIT

    from hcomm_gen.domain.visits import month_quota
    from hcomm_gen.records.loader import load_records
    ghost = VISIT.replace("id: V-1", "id: V-2").replace("household: 1-1-0102", "household: 9-9-0909")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT, "visits/2026/2026-03/v2.yaml": ghost})
    records = load_records(root)
    q = month_quota("2026-03", records.registry.households, records.visits, records.tz)
    assert (q.visited, q.visits) == (1, 2)


def test_site_visits_page_counts_as_of_now(tmp_path):
    """A visit dated after --now has not happened yet: the site agrees with `visits quota`."""
    from helpers import VISIT

    from hcomm_gen.app import pipeline
    later = VISIT.replace("id: V-1", "id: V-2").replace("household: 1-1-0102", "household: 1-1-0201") \
        .replace("2026-03-05 19:30", "2026-03-25 19:30")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": VISIT, "visits/2026/2026-03/v2.yaml": later})
    pipeline.build(root, "2026-03-20 12:00", prints=False)
    html = (root / "site/visits/index.html").read_text(encoding="utf-8")
    assert '<td data-label="已访问户数">1</td>' in html
    pipeline.build(root, "2026-03-26 12:00", prints=False)
    html = (root / "site/visits/index.html").read_text(encoding="utf-8")
    assert '<td data-label="已访问户数">2</td>' in html


def test_a_long_outage_is_marked_in_every_month_it_covers(tmp_path):
    """An outage of half a year (a lift replacement) still shows on this month's calendar."""
    from hcomm_gen.app.pipeline import resolve_now
    from hcomm_gen.outputs.pages.outages import outage_months
    from hcomm_gen.outputs.views import notice_views
    from hcomm_gen.records.loader import load_records
    long = OUTAGE.replace("outage: water", "outage: elevator").replace(
        "published: 2026-03-01 09:00", "published: 2026-07-20 09:00").replace(
        "start: 2026-03-05 09:00", "start: 2026-08-01 08:00").replace("end: 2026-03-05 17:00", "end: 2027-01-31 18:00")
    records = load_records(make_office(tmp_path, {"notices/2026/n1.yaml": long}))
    now = resolve_now(records, "2026-11-29 12:00")
    months = outage_months(notice_views(records.notices, now, records.tz, 30), now, records.tz)
    november = next(m for m in months if (m["year"], m["month"]) == (2026, 11))
    marked = [day for week in november["weeks"] for day, views in week if day and views]
    assert marked == list(range(1, 31))   # every day of November


def test_site_and_sheet_show_the_same_time_span(tmp_path):
    """One implementation: a single whole day (start and end given as the same date) reads
    "2026年12月1日 周二" on the page (NoticeView.when) and on the sheet alike."""
    from hcomm_gen.app.pipeline import resolve_now
    from hcomm_gen.outputs.views import notice_views
    from hcomm_gen.records.loader import load_records
    works = OUTAGE.replace("kind: outage", "kind: works").replace("outage: water\n", "").replace(
        "start: 2026-03-05 09:00", "start: 2026-03-05").replace("end: 2026-03-05 17:00", "end: 2026-03-05")
    records = load_records(make_office(tmp_path, {"notices/2026/n1.yaml": works}))
    (view,) = notice_views(records.notices, resolve_now(records, "2026-03-02 12:00"), records.tz, 30)
    assert view.when == "2026年3月5日 周四"


def test_a_suggestion_on_two_lines_survives_import_and_yaml(tmp_path):
    """A quoted CSV cell with a line break keeps it, and the answers record reads back the same."""
    import yaml

    from hcomm_gen.app.survey_import import answers_yaml, import_answers
    f = tmp_path / "s.csv"
    f.write_text('1,2,建议\n满意,不满意,"电梯太慢\n希望更换"\n基本满意,满意,\n', encoding="utf-8")
    res = import_answers(f, 2)
    assert not res.problems and res.suggestions == [{"topic": None, "text": "电梯太慢\n希望更换"}]
    data = yaml.safe_load(answers_yaml(res, "s.csv"))
    assert data["suggestions"][0]["text"] == "电梯太慢\n希望更换"
    assert len(data["answers"]) == 2


def test_a_lead_time_just_short_of_a_day_is_not_rounded_to_it(tmp_path):
    """23 h 40 min is said as such, not "24 小时" next to "至少提前 1 天"."""
    text = OUTAGE.replace("published: 2026-03-01 09:00", "published: 2026-03-04 09:20")
    res = check(make_office(tmp_path, {"notices/2026/n1.yaml": text}))
    assert res.exit_code == 1
    assert "只提前了 23 小时 40 分发布" in res.output and "24 小时" not in res.output


def test_swap_in_replaces_the_folder_and_leaves_nothing_behind(tmp_path):
    from hcomm_gen.app.pipeline import swap_in
    final = tmp_path / "site"
    final.mkdir()
    (final / "a.html").write_text("old", encoding="utf-8")
    (tmp_path / "site.old").mkdir()          # a folder of someone else's is not touched
    for text in ("new", "newer"):
        tmp = tmp_path / "work"
        tmp.mkdir()
        (tmp / "a.html").write_text(text, encoding="utf-8")
        swap_in(tmp, final)
    assert (final / "a.html").read_text(encoding="utf-8") == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.old"]
