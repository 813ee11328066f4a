"""Public case figures count a response as the rules do (CASE-RESPONSE-24H, T3)."""
from __future__ import annotations

from helpers import make_office

from hcomm_gen.app.pipeline import resolve_now
from hcomm_gen.domain.case_figures import case_figures
from hcomm_gen.records.loader import load_records

CASE = """\
id: C-{n}
kind: 投诉
channel: 电话
received: 2026-03-0{n} 10:00
household: 1-1-0102
topic: 维修
summary: 水管漏水
valid: true
progress:
  - {{time: 2026-03-0{n} {h}:00, text: 已安排上门}}
"""


def test_a_progress_report_is_the_first_response(tmp_path):
    # three complaints answered only by a progress report after 2 h, 3 h and 30 h (the third
    # one late): the figures count 3 responded, 2 within 24 h, median 3 h
    files = {f"cases/2026/c{n}.yaml": CASE.format(n=n, h=h) for n, h in ((1, 12), (2, 13))}
    files["cases/2026/c3.yaml"] = CASE.format(n=3, h=10).replace("2026-03-03 10:00, text", "2026-03-04 16:00, text")
    root = make_office(tmp_path, files)
    records = load_records(root)
    figures = case_figures(records.cases, records.suggestions, resolve_now(records, "2026-04-10 12:00"), records.tz)
    march = next(m for m in figures.months if m.month == "2026-03")
    assert (march.received, march.responded, march.within_24h) == (3, 3, 2)
    assert march.median_response_hours == 3
