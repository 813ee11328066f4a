"""Timings that are too slow for the test suite; prints figures. Each issue adds a section.

    .venv/bin/python scripts/benchmark.py                   # every section but company
    .venv/bin/python scripts/benchmark.py figures           # only the named sections
    .venv/bin/python scripts/benchmark.py company --sizes 10,50
    .venv/bin/python scripts/benchmark.py figures --households 500 --years 2   # a smaller corpus

Sections work on two corpora, as of ``--now`` (default 2026-11-29 12:00), and never touch the
working tree:

* ``example``: a copy of the example community in ``records/``;
* ``big``: the generated community of scripts/corpus.py, by default 2,000 households with ten
  years of records (~16,000 visits, ~1,900 notices, 20 survey rounds, ~18,700 files), check-clean;
  generated once (a few seconds) and cached under ``$TMPDIR/hcomm-bench-corpus/``, keyed by
  its parameters and the generators' source.

Sections: ``figures`` (issue 14 "Done when": every figure beside its anchor, both engines),
``print`` (issue 7), ``site`` (issue 6), ``check`` (issue 3), ``survey`` (issue 4) and
``company`` (issue 13.5: ``hcomm company build`` over N = 10, 50, 200, 500 generated offices;
long, so only when named). Commands are timed as whole processes (wall clock, and CPU time and
peak resident memory of the process and the children it waited for, from ``wait4``). On a busy
machine compare the ratios within one run, and prefer the CPU figures.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import corpus as corpus_mod  # noqa: E402

#: hcomm from this working tree, whatever the venv has installed
HCOMM = [sys.executable, "-c", "import sys; from hcomm_gen.cli import main; sys.argv[0] = 'hcomm'; sys.exit(main())"]
#: the anchor of `hcomm check`: the same files parsed by PyYAML's C loader, as a whole process
PARSE = ("import pathlib, sys, yaml\n"
         "for p in sorted(pathlib.Path(sys.argv[1], 'records').rglob('*.yaml')):\n"
         "    with open(p, 'rb') as f:\n"
         "        yaml.load(f, Loader=yaml.CSafeLoader)\n")
HUGO_S_PER_PAGE = 0.001     # Hugo builds ~1 ms a page
MKDOCS_SLOW_S_PER_PAGE = 0.16   # MkDocs users call 0.16 s a page (at 3,400 pages) slow


@dataclass
class Run:
    """One finished process: wall seconds, CPU seconds (user + system, with the children it
    waited for), peak resident memory in MB (the largest single process), exit code, output."""
    wall: float
    cpu: float
    rss_mb: float
    rc: int
    out: str
    err: str

    def last(self) -> str:
        lines = (self.err + self.out).strip().splitlines()
        return lines[-1][:160] if lines else ""


def run(cmd: list[str], extra_env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` to the end with ``PYTHONPATH`` at this working tree; time it with ``wait4``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
           "NO_MKDOCS_2_WARNING": "1", "HCOMM_LANG": "zh", **(extra_env or {})}
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=fo, stderr=fe, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, p.returncode,
                   fo.read().decode("utf-8", "replace"), fe.read().decode("utf-8", "replace"))


def hcomm(root: Path, *args: str, extra_env: dict[str, str] | None = None) -> Run:
    return run([*HCOMM, "--root", str(root), *args], extra_env)


# --- the corpora ----------------------------------------------------------------------------

@dataclass
class Corpus:
    label: str
    template: Path          # office folder holding records/ (never written)
    counts: dict[str, int]

    def describe(self) -> str:
        c = self.counts
        return (f"{c.get('files', 0)} record files, {c.get('households', 0)} households "
                f"({c.get('occupied', 0)} occupied), {c.get('visits', 0)} visits, "
                f"{c.get('visit_summaries', 0)} visit summaries, {c.get('notices', 0)} notices, "
                f"{c.get('rounds', 0)} survey rounds ({c.get('questionnaires', 0)} questionnaires), "
                f"{c.get('cases', 0)} cases, {c.get('meetings', 0)} meetings")

    def office(self, dest: Path) -> Path:
        """A fresh office folder at ``dest`` with this corpus's records (hard links where the
        file system allows: write a record only after unlinking it, see :func:`edit_record`)."""
        shutil.rmtree(dest, ignore_errors=True)
        corpus_mod.link_copy(self.template, dest)
        return dest


def _count_example() -> dict[str, int]:
    rec = REPO / "records"

    def n(folder: str) -> int:
        return sum(1 for _ in (rec / folder).rglob("*.yaml"))
    import yaml
    hh = yaml.safe_load((rec / "households.yaml").read_text(encoding="utf-8"))["households"]
    return {"files": sum(1 for _ in rec.rglob("*.yaml")), "households": len(hh),
            "occupied": sum(1 for h in hh if h.get("occupied_since") and not h.get("moved_out")),
            "visits": n("visits"), "visit_summaries": n("visit-summaries"), "notices": n("notices"),
            "rounds": len(list((rec / "surveys").glob("*/round.yaml"))), "cases": n("cases"),
            "meetings": n("meetings")}


_CORPORA: dict[tuple, list[Corpus]] = {}


def corpora(args: argparse.Namespace) -> list[Corpus]:
    """The example and the big corpus (generated or taken from the cache), described once."""
    key = (args.households, args.years, args.now)
    if key not in _CORPORA:
        t0 = time.perf_counter()
        root, counts = corpus_mod.corpus(args.households, args.years, args.now)
        dt = time.perf_counter() - t0
        found = [Corpus("example", REPO, _count_example()),
                 Corpus("big", root, counts)]
        for c in found:
            print(f"[corpus] {c.label}: {c.describe()}")
        print(f"[corpus] big = scripts/corpus.py, {args.households} households, {args.years} years to "
              f"{args.now}: {root} ({dt:.1f} s, generated or read from the cache)")
        _CORPORA[key] = found
    return _CORPORA[key]


def edit_record(path: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` once in the record ``path`` (a hard link is broken first)."""
    text = path.read_text(encoding="utf-8")
    path.unlink()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def last_notice(root: Path, now: str) -> Path:
    """The last notice file published before ``now`` (by file name: its date)."""
    day = now[:10]
    return sorted(p for p in (root / "records/notices").rglob("*.yaml") if p.name[:10] <= day)[-1]


# --- figures (issue 14 "Done when") ---------------------------------------------------------

def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("PASS" if ok else "MISS")


def figure(corpus: str, name: str, value: str, anchor: str, ratio: float | None, ok: bool | None) -> None:
    """One figure line: corpus, name, value, anchor/target, ratio, PASS/MISS."""
    r = f"{ratio:6.2f}×" if ratio is not None else "      —"
    print(f"[figures] {corpus:<7} {name:<44} {value:>17}  {anchor:<44} {r}  {_verdict(ok)}")


def engine_option() -> bool:
    """Whether this hcomm has ``hcomm build --engine`` (issue 14.3)."""
    return "--engine" in run([*HCOMM, "build", "--help"]).out


def _bare_engine(engine: str, keep: Path) -> list[str] | None:
    """The command building the kept pages with the engine alone (no hcomm), or None."""
    if engine == "mkdocs" and (keep / "mkdocs.yml").is_file():
        return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(keep / "mkdocs.yml")]
    cfg = keep / "zensical-mkdocs.yml"
    if engine == "zensical" and cfg.is_file():
        return [sys.executable, "-m", "zensical", "build", "--config-file", str(cfg)]
    return None


def _best(fn, repeat: int) -> Run:
    runs = [fn() for _ in range(repeat)]
    return min(runs, key=lambda r: r.wall)


def bench_figures(args: argparse.Namespace) -> None:
    """Issue 14 "Done when": from one run, on the example and the big corpus, each figure
    beside its anchor: full `hcomm build --no-pdf` vs the bare engine build of the very pages
    it generated (≤ 1.2×), no-op rebuild (≤ 10 % of full), one notice changed (≤ 1.0× the bare
    engine), `hcomm check` vs the C-loader parse (≤ 1.5×) and its peak memory (< 500 MB),
    `hcomm print` with nothing changed (0 sheets rendered); the build figures for each engine."""
    now = args.now
    print("[figures] builds: `hcomm build --no-pdf --now T` as whole processes; the bare engine build runs "
          "`mkdocs build` (or `zensical build`) on the pages and config that build wrote "
          f"(HCOMM_KEEP_WORK). Wall seconds (CPU seconds); best of {args.repeat}.")
    print(f"[figures] {'corpus':<7} {'figure':<44} {'value':>17}  {'anchor / target':<44} {'ratio':>7}  verdict")
    has_engine = engine_option()
    for c in corpora(args):
        with tempfile.TemporaryDirectory(prefix="hcomm-bench-") as tmp:
            tmp = Path(tmp)
            for engine in args.engines:
                if engine != "mkdocs" and not has_engine:
                    print(f"[figures] {c.label:<7} engine {engine}: SKIPPED — this hcomm has no `hcomm build --engine` "
                          "(issue 14.3 not merged yet)")
                    continue
                _build_figures(c, engine, tmp, now, args.repeat, has_engine)
            _check_figures(c, tmp, now, args.repeat)
            _print_figures(c, tmp, now)


def _build_figures(c: Corpus, engine: str, tmp: Path, now: str, repeat: int, has_engine: bool) -> None:
    keep = tmp / f"keep-{engine}"
    opt = ["--engine", engine] if has_engine else []
    name = f"[{engine}]"

    def full() -> Run:
        root = c.office(tmp / f"office-{engine}")
        return hcomm(root, "build", "--no-pdf", "--now", now, *opt, extra_env={"HCOMM_KEEP_WORK": str(keep)})
    f = _best(full, repeat)
    root = tmp / f"office-{engine}"
    if f.rc != 0:
        print(f"[figures] {c.label:<7} {name} hcomm build failed (exit {f.rc}): {f.last()}")
        return
    bare_cmd = _bare_engine(engine, keep)
    if bare_cmd is None:
        print(f"[figures] {c.label:<7} {name} SKIPPED — no {engine} configuration kept in {keep} "
              "(hcomm_gen/app/publish.py HCOMM_KEEP_WORK)")
        return
    pages = sum(1 for _ in (keep / ("docs-zensical" if engine == "zensical" else "docs")).rglob("*.md"))
    html = sum(1 for _ in (root / "site").rglob("*.html"))
    shutil.rmtree(keep / "site", ignore_errors=True)
    bare = _best(lambda: run(bare_cmd), repeat)
    if bare.rc != 0:
        print(f"[figures] {c.label:<7} {name} bare engine build failed (exit {bare.rc}): {bare.last()}")
        return
    noop = _best(lambda: hcomm(root, "build", "--no-pdf", "--now", now, *opt), repeat)

    def one_change() -> Run:
        notice = last_notice(root, now)
        edit_record(notice, "title: ", "title: （更正）")
        return hcomm(root, "build", "--no-pdf", "--now", now, *opt)
    one = _best(one_change, repeat)
    print(f"[figures] {c.label:<7} {name} {pages} generated pages → {html} HTML pages; peak memory of the full build "
          f"{f.rss_mb:.0f} MB")
    figure(c.label, f"{name} full hcomm build --no-pdf", f"{f.wall:.1f} s ({f.cpu:.1f})",
           f"≤ 1.2 × bare {engine} build {bare.wall:.1f} s ({bare.cpu:.1f})", f.wall / bare.wall,
           f.wall <= 1.2 * bare.wall)
    figure(c.label, f"{name}   same, CPU", f"{f.cpu:.1f} s", f"≤ 1.2 × bare CPU {bare.cpu:.1f} s",
           f.cpu / bare.cpu, f.cpu <= 1.2 * bare.cpu)
    figure(c.label, f"{name} no-op rebuild (same records, --now)", f"{noop.wall:.2f} s ({noop.cpu:.1f})",
           f"≤ 10 % of full {f.wall:.1f} s", noop.wall / f.wall, noop.wall <= 0.10 * f.wall)
    figure(c.label, f"{name} one notice changed", f"{one.wall:.1f} s ({one.cpu:.1f})",
           f"≤ 1.0 × bare {engine} build {bare.wall:.1f} s", one.wall / bare.wall, one.wall <= bare.wall)
    per_page = f.wall / max(pages, 1)
    figure(c.label, f"{name} full build per page", f"{per_page * 1000:.0f} ms",
           "Hugo ~1 ms/page", per_page / HUGO_S_PER_PAGE, None)
    figure(c.label, f"{name} full build per page", f"{per_page * 1000:.0f} ms",
           "MkDocs 'slow' 160 ms/page (3,400 pages)", per_page / MKDOCS_SLOW_S_PER_PAGE,
           per_page < MKDOCS_SLOW_S_PER_PAGE)
    figure(c.label, f"{name} bare engine per page", f"{bare.wall / max(pages, 1) * 1000:.0f} ms",
           "Hugo ~1 ms/page", bare.wall / max(pages, 1) / HUGO_S_PER_PAGE, None)


def _check_figures(c: Corpus, tmp: Path, now: str, repeat: int) -> None:
    root = c.office(tmp / "office-check")
    chk = _best(lambda: hcomm(root, "check", "--now", now), repeat)
    parse = _best(lambda: run([sys.executable, "-c", PARSE, str(root)]), repeat)
    figure(c.label, "hcomm check (whole process)", f"{chk.wall:.2f} s ({chk.cpu:.2f})",
           f"≤ 1.5 × C-loader parse {parse.wall:.2f} s ({parse.cpu:.2f})", chk.wall / parse.wall,
           chk.wall <= 1.5 * parse.wall)
    figure(c.label, "  same, CPU", f"{chk.cpu:.2f} s", f"≤ 1.5 × parse CPU {parse.cpu:.2f} s",
           chk.cpu / parse.cpu, chk.cpu <= 1.5 * parse.cpu)
    figure(c.label, "hcomm check peak memory", f"{chk.rss_mb:.0f} MB", "< 500 MB", chk.rss_mb / 500,
           chk.rss_mb < 500)
    print(f"[figures] {c.label:<7} check: exit {chk.rc}, {chk.last()}; parse peak memory {parse.rss_mb:.0f} MB")


_RENDERED = re.compile(r"新生成 (\d+) 份|(\d+) rendered")


def _print_figures(c: Corpus, tmp: Path, now: str) -> None:
    root = c.office(tmp / "office-print")
    first = hcomm(root, "print", "--now", now)
    second = hcomm(root, "print", "--now", now)
    m = _RENDERED.search(second.err + second.out)
    rendered = int(next(g for g in m.groups() if g)) if m else None
    print(f"[figures] {c.label:<7} hcomm print, first run: {first.wall:.1f} s — {first.last()}")
    figure(c.label, "hcomm print no-op: sheets rendered",
           "?" if rendered is None else str(rendered), f"0 (run took {second.wall:.1f} s)", None,
           None if rendered is None else rendered == 0)


# --- print (issue 7) ------------------------------------------------------------------------

def bench_print(args: argparse.Namespace) -> None:
    """Issue 7: render time per sheet (cold and warm), PDF sizes, `hcomm print` cache runs."""
    from hcomm_gen.app import pipeline
    from hcomm_gen.outputs.pdf import html_to_pdf
    from hcomm_gen.outputs.sheets import all_sheets, due_views

    now = args.now
    for c in corpora(args):
        with tempfile.TemporaryDirectory() as tmp:
            root = c.office(Path(tmp) / "office")
            chk = pipeline.check(root, now)
            sheets = all_sheets(chk.records, due_views(chk.records, chk.now), root)
            print(f"[print] {c.label}: {len(sheets)} sheets due at {now}")
            times, sizes = [], {}
            for i, s in enumerate(sheets):
                t0 = time.perf_counter()
                data = html_to_pdf(s.html)
                dt = time.perf_counter() - t0
                if i == 0:
                    print(f"[print] {c.label}: first sheet (cold: WeasyPrint and fontconfig start-up): {dt:.2f} s")
                else:
                    times.append(dt)
                sizes[s.name] = len(data)
            if times:
                print(f"[print] {c.label}: render per sheet (warm): median {statistics.median(times) * 1000:.0f} ms, "
                      f"max {max(times) * 1000:.0f} ms")
            if c.label == "example":
                for name, size in sizes.items():
                    print(f"[print]   {size / 1024:6.1f} KB  {name}")
            if sizes:
                print(f"[print] {c.label}: sizes: max {max(sizes.values()) / 1024:.1f} KB, "
                      f"total {sum(sizes.values()) / 1024:.0f} KB")
            for label in ("first run (empty cache)", "second run (no change)"):
                r = hcomm(root, "print", "--now", now)
                print(f"[print] {c.label}: hcomm print, {label}: {r.wall:.2f} s — {r.last() or r.rc}")
            notice = last_notice(root, now)
            edit_record(notice, "title: ", "title: （更正）")
            r = hcomm(root, "print", "--now", now)
            print(f"[print] {c.label}: hcomm print, one record edited ({notice.name}): {r.wall:.2f} s — {r.last()}")


# --- site (issue 6) -------------------------------------------------------------------------

def _site_figures(site: Path) -> tuple[int, int, int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    index = site / "search/search_index.json"
    return (sum(p.stat().st_size for p in files), len(files), len(html),
            index.stat().st_size if index.exists() else 0)


def bench_site(args: argparse.Namespace) -> None:
    """Issue 6: site size and build time for the example and the big corpus."""
    for c in corpora(args):
        with tempfile.TemporaryDirectory() as tmp:
            root = c.office(Path(tmp) / "office")
            r = hcomm(root, "build", "--no-pdf", "--now", args.now)
            if r.rc != 0:
                print(f"[site] {c.label}: hcomm build failed ({r.rc}): {r.last()}")
                continue
            size, nfiles, nhtml, index = _site_figures(root / "site")
            print(f"[site] {c.label}: build (site only, `hcomm build --no-pdf`, wall incl. start-up): "
                  f"{r.wall:.1f} s (CPU {r.cpu:.1f} s, peak {r.rss_mb:.0f} MB) — {r.last()}")
            print(f"[site] {c.label}: site/: {size / 1e6:.1f} MB in {nfiles} files, {nhtml} HTML pages; "
                  f"search index {index / 1e6:.2f} MB")
            biggest = sorted((p for p in (root / "site").rglob("*.html")), key=lambda p: p.stat().st_size)[-1]
            print(f"[site] {c.label}: largest page: {biggest.relative_to(root / 'site')} "
                  f"{biggest.stat().st_size / 1024:.0f} KB")


# --- check (issue 3) ------------------------------------------------------------------------

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


def bench_check(args: argparse.Namespace) -> None:
    """Issue 3: `hcomm check` (load + every rule) per thousand records, on the example and
    the big corpus; rules by module; the CLI wall time."""
    from hcomm_gen.app.pipeline import resolve_now
    from hcomm_gen.records.loader import load_records
    from hcomm_gen.rules import CHECKS, run_check
    from hcomm_gen.rules.context import Context
    now = args.now
    for c in corpora(args):
        root = c.template
        load, val, total, files, problems, cpu = _time_check(root, now, args.repeat)
        print(f"[check] {c.label}: {files} record files, {problems} problems; "
              f"load {load:.2f} s + rules {val:.2f} s = {total:.2f} s "
              f"→ {total / files * 1000:.3f} s per 1000 records (CPU {cpu / files * 1000:.3f} s)")
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
        r = hcomm(root, "check", "--now", now)
        print(f"[check]   `hcomm check` wall time incl. start-up: {r.wall:.2f} s "
              f"({r.wall / files * 1000:.3f} s per 1000 records), CPU {r.cpu:.2f} s, peak {r.rss_mb:.0f} MB, "
              f"exit {r.rc}: {r.last()}")


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


def bench_survey(args: argparse.Namespace) -> None:
    """Issue 4: `hcomm survey import` of a spreadsheet (library call and whole CLI run) into
    the June 2026 round of the example (400 rows) and of the big corpus (1,300 rows), and the
    statistics of that round."""
    from hcomm_gen.app.survey_import import import_answers
    from hcomm_gen.domain.survey import compute_round
    from hcomm_gen.records.loader import load_records

    items = 12
    with tempfile.TemporaryDirectory() as tmp:
        for rows in (400, 2000):
            sheet = write_survey_sheet(Path(tmp) / f"2026-06_{rows}.xlsx", rows, items)
            t0 = time.perf_counter()
            res = import_answers(sheet, items)
            dt = time.perf_counter() - t0
            print(f"[survey] import_answers, {rows} rows × {items} items (.xlsx, "
                  f"{sheet.stat().st_size / 1024:.0f} KB): {dt:.2f} s — {len(res.answers)} questionnaires, "
                  f"{len(res.problems)} bad cells")
        for c, rows in zip(corpora(args), (400, 1300), strict=True):
            root = c.office(Path(tmp) / f"office-{c.label}")
            answers = root / "records/surveys/2026-06/answers.yaml"
            if answers.exists():
                edit_record(answers, "", "")    # the import rewrites it: break the hard link
            sheet = write_survey_sheet(Path(tmp) / f"2026-06_{c.label}.xlsx", rows, items)
            r = hcomm(root, "survey", "import", str(sheet), "--force")
            print(f"[survey] {c.label}: hcomm survey import ({rows} rows, whole command incl. start-up and "
                  f"loading the records): {r.wall:.2f} s — exit {r.rc}: {r.last()[:80]}")
            t0 = time.perf_counter()
            records = load_records(root)
            rnd = next(x for x in records.surveys if x.round == "2026-06")
            t1 = time.perf_counter()
            compute_round(rnd, records.registry)
            print(f"[survey] {c.label}: load records {t1 - t0:.2f} s; compute the {rows}-questionnaire round "
                  f"{(time.perf_counter() - t1) * 1000:.0f} ms ({answers.stat().st_size / 1024:.0f} KB)")


# --- company (issue 13.5) -------------------------------------------------------------------

#: the distinct office sizes generated; office i is a copy of COMPANY_SIZES[i % 4]
COMPANY_SIZES = (200, 500, 1000, 2000)


def make_offices(dest: Path, n: int, args: argparse.Namespace, have: int = 0) -> list[Path]:
    """Offices ``office-000`` … in ``dest`` (the first ``have`` already there): office i is the
    generated community of ``COMPANY_SIZES[i % 4]`` households (ten years) as hard links, with
    its own ``community.yaml`` (id ``c000``…, name 第N小区)."""
    templates = [corpus_mod.corpus(h, args.years, args.now)[0] for h in COMPANY_SIZES]
    offices = []
    for i in range(n):
        office = dest / f"office-{i:03d}"
        offices.append(office)
        if i < have:
            continue
        corpus_mod.link_copy(templates[i % len(templates)], office)
        com = office / "records/community.yaml"
        text = com.read_text(encoding="utf-8")
        text = re.sub(r"^id: .+$", f"id: c{i:03d}", text, count=1, flags=re.M)
        text = re.sub(r"^name: .+$", f"name: 第{i + 1}小区", text, count=1, flags=re.M)
        com.write_text(text, encoding="utf-8")
    return offices


def bench_company(args: argparse.Namespace) -> None:
    """Issue 13.5: `hcomm company build` over N generated offices (sizes 200–2,000 households,
    ten years each), time and peak memory, per-office cost; target 500 offices < 30 min on 2
    cores with memory flat in N."""
    sizes = [int(x) for x in args.sizes.split(",")]
    if "company" not in run([*HCOMM, "--help"]).out:
        print("[company] SKIPPED — this hcomm has no `hcomm company` command (issue 13.4 not merged)")
        return
    print(f"[company] offices: sizes {', '.join(map(str, COMPANY_SIZES))} households in turn, {args.years} years each "
          "(each size generated once by scripts/corpus.py, the offices are hard-linked copies of it with their "
          "own community.yaml id and name)")
    for h in COMPANY_SIZES:
        root, counts = corpus_mod.corpus(h, args.years, args.now)
        print(f"[company]   {h} households: {counts['files']} files, {counts['visits']} visits, "
              f"{counts['notices']} notices, {counts['rounds']} rounds")
    jobs = args.jobs or os.cpu_count() or 1
    print(f"[company] hcomm company build OFFICE… --now '{args.now}' --jobs {jobs}  (wall s; CPU s of the command "
          "and its workers; peak memory = largest single process, the main one or one worker)")
    with tempfile.TemporaryDirectory(prefix="hcomm-bench-company-") as tmp:
        tmp = Path(tmp)
        have = 0
        for n in sorted(sizes):
            t0 = time.perf_counter()
            offices = make_offices(tmp / "offices", n, args, have)
            made = time.perf_counter() - t0
            have = n
            r = run([*HCOMM, "company", "build", *map(str, offices), "--out", str(tmp / f"report-{n}"),
                     "--now", args.now, "--jobs", str(jobs)])
            per = r.wall / n
            print(f"[company] N = {n:4d}: {r.wall:7.1f} s wall ({per:5.2f} s per office), CPU {r.cpu:7.1f} s "
                  f"({r.cpu / n:5.2f} s per office), peak {r.rss_mb:5.0f} MB, exit {r.rc} "
                  f"[offices made in {made:.1f} s] — {r.last()[:100]}")
            print(f"[company]          → 500 offices at this rate: {per * 500 / 60:.1f} min "
                  f"(target < 30 min on 2 cores) {_verdict(per * 500 < 1800)}")


SECTIONS = {"figures": bench_figures, "print": bench_print, "site": bench_site, "check": bench_check,
            "survey": bench_survey, "company": bench_company}
#: sections run when none is named (company takes long: only when named)
DEFAULT_SECTIONS = ("figures", "print", "site", "check", "survey")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sections", nargs="*",
                    help=f"sections to run (default: {', '.join(DEFAULT_SECTIONS)}); also: company")
    ap.add_argument("--now", default=corpus_mod.DEFAULT_NOW)
    ap.add_argument("--households", type=int, default=2000, help="households of the big corpus (default 2000)")
    ap.add_argument("--years", type=int, default=10, help="years of records of the generated corpora (default 10)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each timed command, the best kept (default 1)")
    ap.add_argument("--engines", default="mkdocs,zensical", help="site engines of the figures section")
    ap.add_argument("--sizes", default="10,50,200,500", help="company section: numbers of offices (default 10,50,200,500)")
    ap.add_argument("--jobs", type=int, default=None, help="company section: hcomm company build --jobs (default: CPUs)")
    args = ap.parse_args()
    args.engines = [e for e in args.engines.split(",") if e]
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {unknown}; known: {list(SECTIONS)}")
    print(f"[bench] {time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}, python {sys.version.split()[0]}, --now {args.now}")
    for name in args.sections or DEFAULT_SECTIONS:
        SECTIONS[name](args)


if __name__ == "__main__":
    main()
