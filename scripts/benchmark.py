"""Timings that are too slow for the test suite; prints figures. Each issue adds a section.

    .venv/bin/python scripts/benchmark.py            # every section
    .venv/bin/python scripts/benchmark.py print      # only the named sections

Sections work on a temporary copy of the example community in ``records/`` (as of
``--now``, default 2026-11-29 12:00) and never touch the working tree.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def example_copy(tmp: Path) -> Path:
    root = tmp / "office"
    root.mkdir()
    shutil.copytree(REPO / "records", root / "records")
    return root


def bench_print(now: str) -> None:
    """Issue 7: render time per sheet (cold and warm), PDF sizes, `hcomm print` cache runs."""
    from hcomm_gen.app import pipeline
    from hcomm_gen.outputs.pdf import html_to_pdf
    from hcomm_gen.outputs.sheets import all_sheets, due_views

    with tempfile.TemporaryDirectory() as tmp:
        root = example_copy(Path(tmp))
        chk = pipeline.check(root, now)
        sheets = all_sheets(chk.records, due_views(chk.records, chk.now), root)
        print(f"[print] {len(sheets)} sheets due at {now}")
        times, sizes = [], {}
        for i, s in enumerate(sheets):
            t0 = time.perf_counter()
            data = html_to_pdf(s.html)
            dt = time.perf_counter() - t0
            if i == 0:
                print(f"[print] first sheet (cold: WeasyPrint and fontconfig start-up): {dt:.2f} s")
            else:
                times.append(dt)
            sizes[s.name] = len(data)
        print(f"[print] render per sheet (warm): median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms")
        for name, size in sizes.items():
            print(f"[print]   {size / 1024:6.1f} KB  {name}")
        print(f"[print] sizes: max {max(sizes.values()) / 1024:.1f} KB, "
              f"total {sum(sizes.values()) / 1024:.0f} KB")

        hcomm = [str(REPO / ".venv/bin/hcomm"), "--root", str(root), "print", "--now", now]
        for label in ("first run (empty cache)", "second run (no change)"):
            t0 = time.perf_counter()
            out = subprocess.run(hcomm, capture_output=True, text=True)
            dt = time.perf_counter() - t0
            summary = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode
            print(f"[print] hcomm print, {label}: {dt:.2f} s — {summary}")
        notice = sorted((root / "records/notices").rglob("*.yaml"))[-1]
        notice.write_text(notice.read_text(encoding="utf-8").replace("title: ", "title: （更正）", 1),
                          encoding="utf-8")
        t0 = time.perf_counter()
        out = subprocess.run(hcomm, capture_output=True, text=True)
        print(f"[print] hcomm print, one record edited ({notice.name}): "
              f"{time.perf_counter() - t0:.2f} s — {out.stderr.strip().splitlines()[-1]}")


# --- site (issue 6) -------------------------------------------------------------------------

def _shift_years(text: str, delta: int) -> str:
    import re
    return re.sub(r"(?<!\d)(20[12]\d)(?!\d)", lambda m: str(int(m.group(1)) + delta), text)


def _shift_days(text: str, days: int) -> str:
    import re
    from datetime import date, timedelta
    return re.sub(r"(?<![\d-])(20\d\d)-(\d\d)-(\d\d)(?![\d-])",
                  lambda m: (date(*map(int, m.groups())) + timedelta(days=days)).isoformat(), text)


def generate_ten_years(root: Path, last_year: int = 2026, years: int = 10) -> dict[str, int]:
    """A ten-year community in ``root/records``: the example's community, registry, notices,
    meetings, cases, suggestions and survey rounds repeated for each year (dates and IDs moved
    to that year), plus a second copy of every outage, pest-control and works notice two weeks
    later (``…-b``), so each year has about twice the example's notices. Visits are left out
    (households moved in at different dates; the visits page shows monthly aggregates only).

    :returns: ``{folder: file count}``.
    """
    import re
    src = REPO / "records"
    rec = root / "records"
    rec.mkdir(parents=True)
    shutil.copy(src / "community.yaml", rec / "community.yaml")
    # everyone who lives there now moved in twelve years earlier than in the example (12: leap
    # years stay leap years, so 2月29日 still exists)
    hh = re.sub(r"occupied_since: (\d{4})", lambda m: f"occupied_since: {int(m.group(1)) - 12}",
                (src / "households.yaml").read_text(encoding="utf-8"))
    (rec / "households.yaml").write_text(hh, encoding="utf-8")
    counts: dict[str, int] = {}
    for year in range(last_year - years + 1, last_year + 1):
        delta = year - 2026
        for folder in ("notices", "meetings", "cases", "suggestions", "surveys"):
            for f in sorted((src / folder).rglob("*.yaml")):
                rel = f.relative_to(src)
                text = _shift_years(f.read_text(encoding="utf-8"), delta)
                out = rec / _shift_years(str(rel), delta)
                out.parent.mkdir(parents=True, exist_ok=True)
                if folder == "cases" and delta < 0 and "resolved:" not in text:
                    # a case still open in the example was closed long ago in earlier years
                    text += (f"resolved: {year}-12-20 10:00\n"
                             f"feedback: {{time: {year}-12-20 11:00, text: 已处理完毕，业户确认}}\n")
                out.write_text(text, encoding="utf-8")
                counts[folder] = counts.get(folder, 0) + 1
                if folder == "surveys" and delta < 0 and f"{year}-06" in str(out):
                    # SURVEY-SCHEDULE: the December round of earlier years (June's, half a year on)
                    dec = _shift_days(text, 183).replace(f"round: {year}-06", f"round: {year}-12")
                    out_dec = rec / str(out.relative_to(rec)).replace(f"{year}-06", f"{year}-12")
                    out_dec.parent.mkdir(parents=True, exist_ok=True)
                    out_dec.write_text(dec, encoding="utf-8")
                    counts[folder] += 1
                if folder == "notices" and any(f"kind: {k}" in text for k in ("outage\n", "pest_control", "works")):
                    import re
                    b = _shift_days(text, 14)
                    b = re.sub(r"^id: (.+)$", r"id: \1-b", b, count=1, flags=re.M)
                    (out.parent / (out.stem + "-b.yaml")).write_text(b, encoding="utf-8")
                    counts[folder] += 1
    # SURVEY-DISTRIBUTION: as many questionnaires as households occupied on the delivery day
    from hcomm_gen.records.loader import load_records
    records = load_records(root)
    for r in records.surveys:
        occupied = sum(h.occupied_on(r.delivered_on) for h in records.registry.households)
        f = Path(r.path)
        f.write_text(re.sub(r"^delivered: \d+$", f"delivered: {occupied}", f.read_text(encoding="utf-8"),
                            count=1, flags=re.M), encoding="utf-8")
    return counts


def _site_figures(site: Path) -> tuple[int, int, int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    index = site / "search/search_index.json"
    return (sum(p.stat().st_size for p in files), len(files), len(html),
            index.stat().st_size if index.exists() else 0)


def _build_site_timed(root: Path, now: str) -> None:
    from hcomm_gen.app import pipeline
    hcomm = [str(REPO / ".venv/bin/hcomm"), "--root", str(root), "build", "--no-pdf", "--now", now]
    t0 = time.perf_counter()
    out = subprocess.run(hcomm, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        print(f"[site]   hcomm build failed ({out.returncode}): {out.stderr.strip().splitlines()[-1:]}")
        chk = pipeline.check(root, now)
        rules = sorted({p.rule for p in chk.errors})
        print(f"[site]   {len(chk.errors)} record errors ({', '.join(rules[:8])}); timing the site "
              "part alone (render + MkDocs, no rule check)")
        from hcomm_gen.outputs.feeds import render_feeds
        from hcomm_gen.outputs.site import mkdocs_config, render_pages, run_mkdocs, write_docs
        t0 = time.perf_counter()
        work = root / ".bench"
        pages = render_pages(chk.records, chk.now, root)
        write_docs(pages, work / "docs", root, files=render_feeds(chk.records, chk.now))
        run_mkdocs(mkdocs_config(chk.records, root, work / "docs", root / "site"), work / "mkdocs.yml", chk.now)
        wall = time.perf_counter() - t0
    size, nfiles, nhtml, index = _site_figures(root / "site")
    print(f"[site]   build (site only, `hcomm build --no-pdf`, wall incl. start-up): {wall:.1f} s")
    print(f"[site]   site/: {size / 1e6:.1f} MB in {nfiles} files, {nhtml} HTML pages; "
          f"search index {index / 1e6:.2f} MB")
    biggest = sorted((p for p in (root / "site").rglob("*.html")), key=lambda p: p.stat().st_size)[-1]
    print(f"[site]   largest page: {biggest.relative_to(root / 'site')} {biggest.stat().st_size / 1024:.0f} KB")


def bench_site(now: str) -> None:
    """Issue 6: site size and build time for the example and for a generated ten-year community."""
    with tempfile.TemporaryDirectory() as tmp:
        root = example_copy(Path(tmp))
        n = len(list((root / "records/notices").rglob("*.yaml")))
        print(f"[site] example community ({n} notices) at {now}")
        _build_site_timed(root, now)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ten-years"
        counts = generate_ten_years(root)
        print(f"[site] generated ten-year community: {counts}")
        _build_site_timed(root, now)


# --- check (issue 3) ------------------------------------------------------------------------

def generate_many(root: Path, target: int = 5000) -> int:
    """The example community plus earlier years made from it: every dated record (notices,
    meetings, cases, suggestions, visits, visit summaries, survey rounds) copied with its
    years moved back by 1, 2, … (IDs contain the year, so they stay unique and references
    stay consistent) until ``records/`` holds at least ``target`` record files. Returns the
    number of record files."""
    src = REPO / "records"
    rec = root / "records"
    shutil.copytree(src, rec)
    pool = [f for folder in ("notices", "meetings", "cases", "suggestions", "visits",
                             "visit-summaries", "surveys")
            for f in sorted((src / folder).rglob("*.yaml"))]
    have = sum(1 for _ in rec.rglob("*.yaml"))
    k = 0
    while have < target:
        k += 1
        for f in pool:
            rel = f.relative_to(src)
            out = rec / _shift_years(str(rel), -k)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(_shift_years(f.read_text(encoding="utf-8"), -k), encoding="utf-8")
            have += 1
            if have >= target:
                break
    return have


def _time_check(root: Path, now: str, runs: int = 3) -> tuple[float, float, float, int, int, float]:
    """Best of ``runs``: (load s, validate s, total s, files, problems, CPU s) of the check
    (wall times; the CPU time is less sensitive to other processes on a busy machine)."""
    from hcomm_gen.app.pipeline import resolve_now
    from hcomm_gen.records.loader import load_records
    from hcomm_gen.rules import validate
    best = None
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        records = load_records(root)
        t1 = time.perf_counter()
        problems = list(records.problems) + validate(records, resolve_now(records, now))
        t2, c2 = time.perf_counter(), time.process_time()
        figures = (t1 - t0, t2 - t1, t2 - t0, records.files, len(problems), c2 - c0)
        if best is None or figures[2] < best[2]:
            best = figures
    return best


def bench_check(now: str) -> None:
    """Issue 3: `hcomm check` (load + every rule) per thousand records, on the example
    community and on a generated one of several thousand records; also the CLI wall time."""
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("example community", example_copy(Path(tmp)))]
        big = Path(tmp) / "big"
        n = generate_many(big, 6000)
        cases.append((f"generated ({n} files)", big))
        for label, root in cases:
            load, val, total, files, problems, cpu = _time_check(root, now)
            print(f"[check] {label}: {files} record files, {problems} problems; "
                  f"load {load:.2f} s + rules {val:.2f} s = {total:.2f} s "
                  f"→ {total / files * 1000:.3f} s per 1000 records (CPU {cpu / files * 1000:.3f} s)")
            from hcomm_gen.app.pipeline import resolve_now
            from hcomm_gen.records.loader import load_records
            from hcomm_gen.rules import CHECKS, run_check
            from hcomm_gen.rules.context import Context
            records = load_records(root)
            ctx = Context(records, resolve_now(records, now))
            by_module: dict[str, float] = {}
            for chk in CHECKS:  # every registered check, timed by the module that holds it
                c0 = time.process_time()
                run_check(chk, ctx)
                name = chk.fn.__module__.rsplit(".", 1)[-1]
                by_module[name] = by_module.get(name, 0.0) + time.process_time() - c0
            per = [f"{name} {secs:.2f}" for name, secs in by_module.items()]
            print(f"[check]   rules by module (CPU s): {', '.join(per)}")
            t0 = time.perf_counter()
            out = subprocess.run([str(REPO / ".venv/bin/hcomm"), "--root", str(root), "check",
                                  "--now", now], capture_output=True, text=True)
            wall = time.perf_counter() - t0
            print(f"[check]   `hcomm check` wall time incl. start-up: {wall:.2f} s "
                  f"({wall / files * 1000:.3f} s per 1000 records), exit {out.returncode}")


# --- survey import (issue 4) ----------------------------------------------------------------

def write_survey_sheet(path: Path, rows: int, items: int, seed: int = 4) -> Path:
    """A spreadsheet of ``rows`` returned questionnaires (one column per item, a suggestion
    column every tenth row), as staff would type it."""
    import random

    from openpyxl import Workbook
    rnd = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.append(["编号", *[f"第{k}题" for k in range(1, items + 1)], "建议", "建议分类"])
    choices = ["满意"] * 50 + ["基本满意"] * 40 + ["不满意"] * 6 + [None] * 2 + ["满意、基本满意"] * 2
    for i in range(1, rows + 1):
        sugg = ("希望加强夜间巡逻", "保安") if i % 10 == 0 else (None, None)
        ws.append([i, *[rnd.choice(choices) for _ in range(items)], *sugg])
    wb.save(path)
    return path


def bench_survey(now: str) -> None:
    """Issue 4: `hcomm survey import` of a 400-row spreadsheet (library call and whole CLI run),
    and the statistics of the example round."""
    from hcomm_gen.app.survey_import import import_answers
    from hcomm_gen.domain.survey import compute_round
    from hcomm_gen.records.loader import load_records

    with tempfile.TemporaryDirectory() as tmp:
        root = example_copy(Path(tmp))
        rnd_dir = root / "records/surveys/2026-06"
        items = 12
        for rows in (400, 2000):
            sheet = write_survey_sheet(Path(tmp) / f"2026-06_{rows}.xlsx", rows, items)
            t0 = time.perf_counter()
            res = import_answers(sheet, items)
            dt = time.perf_counter() - t0
            print(f"[survey] import_answers, {rows} rows × {items} items (.xlsx, "
                  f"{sheet.stat().st_size / 1024:.0f} KB): {dt:.2f} s — {len(res.answers)} questionnaires, "
                  f"{len(res.problems)} bad cells")
        sheet = Path(tmp) / "2026-06_400.xlsx"
        hcomm = [str(REPO / ".venv/bin/hcomm"), "--root", str(root), "survey", "import", str(sheet), "--force"]
        t0 = time.perf_counter()
        out = subprocess.run(hcomm, capture_output=True, text=True)
        print(f"[survey] hcomm survey import (400 rows, whole command incl. start-up and loading the "
              f"records): {time.perf_counter() - t0:.2f} s — exit {out.returncode}: "
              f"{out.stderr.strip().splitlines()[-1][:80]}")
        t0 = time.perf_counter()
        records = load_records(root)
        rnd = next(r for r in records.surveys if r.round == "2026-06")
        t1 = time.perf_counter()
        compute_round(rnd, records.registry)
        print(f"[survey] load records {t1 - t0:.2f} s; compute the 400-questionnaire round "
              f"{(time.perf_counter() - t1) * 1000:.0f} ms ({(rnd_dir / 'answers.yaml').stat().st_size / 1024:.0f} KB)")


SECTIONS = {"print": bench_print, "site": bench_site, "check": bench_check, "survey": bench_survey}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sections", nargs="*", help=f"sections to run (default: all): {', '.join(SECTIONS)}")
    ap.add_argument("--now", default="2026-11-29 12:00")
    args = ap.parse_args()
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {unknown}; known: {list(SECTIONS)}")
    for name in args.sections or SECTIONS:
        SECTIONS[name](args.now)


if __name__ == "__main__":
    main()
