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
    from hcomm_gen import pipeline
    from hcomm_gen.render.pdf import html_to_pdf
    from hcomm_gen.render.sheets import all_sheets, due_views

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


SECTIONS = {"print": bench_print}


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
