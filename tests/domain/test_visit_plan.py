"""Issue 5: the monthly visit plan (VISIT-QUOTA, P5.1.1) and its blank visit forms."""
from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest
from click.testing import CliRunner
from helpers import VISIT, make_office

from hcomm_gen.cli import main
from hcomm_gen.domain.visit_plan import plan_visits
from hcomm_gen.domain.visits import first_day, last_day
from hcomm_gen.records.loader import load_records


@pytest.fixture(scope="module")
def example(repo):
    return load_records(repo)


def test_example_plan_meets_quota_without_repeats(example):
    rec = example
    p = plan_visits("2026-12", rec.registry.households, rec.visits, rec.tz, seed=7)
    q = p.quota
    assert 500 < q.occupied <= 800 and q.required == -(-q.occupied * 6 // 100)
    assert q.visited == 0 and len(p.rows) == q.required and p.meets_quota
    ids = [r.household.id for r in p.rows]
    assert len(set(ids)) == len(ids)
    # only households occupied the whole month
    assert all(r.household.occupied_on(first_day("2026-12")) and r.household.occupied_on(last_day("2026-12"))
               for r in p.rows)
    # spread: buildings differ by at most one planned household
    per_building = Counter(r.household.building for r in p.rows)
    assert len(per_building) == len(rec.registry.buildings)
    assert max(per_building.values()) - min(per_building.values()) <= 1
    # and over the units (28 units, 38 households: one or two each)
    per_unit = Counter((r.household.building, r.household.unit) for r in p.rows)
    assert len(per_unit) == sum(len(b.units) for b in rec.registry.buildings)
    assert max(per_unit.values()) - min(per_unit.values()) <= 1


def test_example_plan_is_reproducible(example):
    rec = example
    a = plan_visits("2026-12", rec.registry.households, rec.visits, rec.tz, seed=7)
    b = plan_visits("2026-12", rec.registry.households, rec.visits, rec.tz, seed=7)
    c = plan_visits("2026-12", rec.registry.households, rec.visits, rec.tz, seed=8)
    ids = lambda p: [r.household.id for r in p.rows]  # noqa: E731
    assert ids(a) == ids(b)
    assert ids(a) != ids(c) and len(ids(c)) == len(ids(a))


def test_example_plan_prefers_longest_unvisited(example):
    rec = example
    p = plan_visits("2026-12", rec.registry.households, rec.visits, rec.tz, seed=1)
    visited = {v.household for v in rec.visits}
    never = [h for h in rec.registry.households if h.occupied_on(first_day("2026-12"))
             and h.occupied_on(last_day("2026-12")) and h.id not in visited]
    assert len(never) >= len(p.rows)   # enough never-visited households: only those are planned
    assert all(r.last_visit is None for r in p.rows)


def test_example_plan_skips_households_visited_this_month(example):
    rec = example
    p = plan_visits("2026-11", rec.registry.households, rec.visits, rec.tz, seed=1, extra=20)
    nov = {v.household for v in rec.visits if v.time.astimezone(rec.tz).strftime("%Y-%m") == "2026-11"}
    assert len(p.rows) == max(0, p.quota.required - p.quota.visited) + 20
    assert not nov & {r.household.id for r in p.rows}


def test_small_office_order(tmp_path):
    """8 occupied on 2026-03-01 (1-1-0101 moves in on 07-02, 1-2-0202 vacant): 4 % → 1
    required. January visits 1-1-0201, February visits 1-2-0101, March already 1-1-0102.
    With 5 spares, the 6 proposed are the never-visited households (4: 1-1-0202, 1-2-0102,
    1-2-0201, 2-1-0101, 2-1-0102 → 5 of them), then January's before February's."""
    def v(vid, hh, when):
        return (VISIT.replace("id: V-1", f"id: {vid}").replace("1-1-0102", hh)
                .replace("2026-03-05", when).replace("2026-03-01", when[:8] + "01"))
    root = make_office(tmp_path, {
        "visits/2026/2026-01/a.yaml": v("V-a", "1-1-0201", "2026-01-05"),
        "visits/2026/2026-02/b.yaml": v("V-b", "1-2-0101", "2026-02-05"),
        "visits/2026/2026-03/c.yaml": v("V-c", "1-1-0102", "2026-03-05"),
    })
    rec = load_records(root)
    assert not rec.problems
    p = plan_visits("2026-03", rec.registry.households, rec.visits, rec.tz, seed=0, extra=6)
    assert (p.quota.occupied, p.quota.required, p.quota.visited, p.needed) == (8, 1, 1, 0)
    got = {r.household.id: r.last_visit for r in p.rows}
    assert set(got) == {"1-1-0202", "1-2-0102", "1-2-0201", "2-1-0101", "2-1-0102", "1-1-0201"}
    assert got["1-1-0201"].strftime("%Y-%m-%d") == "2026-01-05"
    p7 = plan_visits("2026-03", rec.registry.households, rec.visits, rec.tz, seed=0, extra=7)
    assert {r.household.id for r in p7.rows} - set(got) == {"1-2-0101"}   # February's last
    assert p7.candidates == 7   # 1-1-0102 visited in March, 1-1-0101 not yet in, 1-2-0202 vacant


def test_plan_cli_table_and_forms_pdf(tmp_path):
    root = make_office(tmp_path, {})
    pdf = tmp_path / "forms.pdf"
    args = ["--root", str(root), "visits", "plan", "--month", "2026-03", "--seed", "3", "--extra", "1",
            "--pdf", str(pdf)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "应访问 1 户，本月已访问 0 户，计划再访问 2 户" in res.output
    rows = [ln for ln in res.output.splitlines() if re.match(r"\d+\s+\d-\d-\d{4}\s", ln)]
    assert len(rows) == 2
    again = CliRunner().invoke(main, args[:-2])
    assert [ln for ln in again.output.splitlines() if re.match(r"\d+\s", ln)] == rows
    from pypdf import PdfReader
    assert len(PdfReader(str(pdf)).pages) == 2
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    squashed = re.sub(r"\s+", "", text)
    assert squashed.count("业户访问记录") >= 2 and "业户签名" in squashed and "拒绝签名" in squashed
    for ln in rows:
        hid = ln.split()[1]
        assert hid in squashed


def run_with_closed_stdout(*args, cwd=None):
    """Run the hcomm command with a stdout pipe whose reader is already gone (as after
    ``| head``): every write fails with a broken pipe."""
    import os
    import sys
    from pathlib import Path
    exe = Path(sys.executable).with_name("hcomm")
    r, w = os.pipe()
    os.close(r)
    try:
        return subprocess.run([str(exe), *args], stdout=w, stderr=subprocess.PIPE, text=True,
                              cwd=cwd, timeout=120, check=False)
    finally:
        os.close(w)


def test_plan_into_a_closed_pipe_writes_the_pdf_and_ends_quietly(tmp_path):
    root = make_office(tmp_path, {})
    pdf = tmp_path / "forms.pdf"
    res = run_with_closed_stdout("--root", str(root), "visits", "plan", "--month", "2026-03",
                                 "--extra", "3", "--pdf", str(pdf))
    assert (res.returncode, res.stderr) == (0, "")
    from pypdf import PdfReader
    assert len(PdfReader(str(pdf)).pages) == 4
    for cmd in (["visits", "quota", "--month", "2026-03"], ["status", "--today", "2026-04-03"],
                ["status", "--today", "2026-04-03", "--format", "json"]):
        res = run_with_closed_stdout("--root", str(root), *cmd)
        assert (res.returncode, res.stderr) == (0, ""), cmd
