"""The long fuzz run of issue 15: check (and now and then build) mutated example records.

    .venv/bin/python scripts/fuzz.py --count 20000 --jobs 2 --out /tmp/fuzz-out

Each input is a real file of ``records/`` with 1–3 mutations (hostile scalars, dropped or
duplicated keys, inserted or deleted lines and bytes, truncation, other encodings; see
``tests/fuzz_records.py``), drawn from ``--seed`` and its number, written into a small office
and checked in-process by ``--jobs`` worker processes; one input in ``--build-every`` is also
built (site only, no PDFs). The property: exit 0 or 1 (check may say 2; build may say 3) with
every problem located, never exit 4, never more than ``--time-limit`` seconds. A worker
stops an input at the limit with a signal (a hang); one that does not answer 20 s later is
killed and replaced (also a hang).

Prints the counts (ok, crashes, hangs, unlocated problems), the time taken and each distinct
crash class with its first input; under ``--out`` each class gets a folder with the office
that reproduces it (``office/``) and ``README.txt`` (the input, the command, the traceback).
Exit status: 0 when there was no crash, hang or unlocated problem, else 1.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import wait
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import fuzz_records as fz  # noqa: E402 - after the path above

#: bytes of address space per worker: an input that needs more is a crash (MemoryError),
#: not a machine brought down
MEMORY_LIMIT = 3 << 30
#: seconds past the time limit after which a worker that does not answer is killed
GRACE = 20.0


def input_of(seed: int, n: int) -> tuple[str, list[tuple[str, int, int]]]:
    """Input number ``n`` of the run seeded ``seed`` (the same on every machine)."""
    return fz.random_input(random.Random(f"{seed}:{n}"))


def _worker(conn, seed: int, limit: float, build_every: int, tmp: str) -> None:
    """Answer each input number received on ``conn`` with its :class:`fz.Outcome` fields,
    working in an office of its own in a new folder under ``tmp``."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is for the parent
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass
    root = fz.make_base(Path(tempfile.mkdtemp(dir=tmp)))
    if build_every > 0:
        fz.warm_up(root)
    originals = {src: (fz.RECORDS / src).read_bytes() for src in set(fz.SOURCES)}
    while True:
        n = conn.recv()
        if n is None:
            return
        src, ops = input_of(seed, n)
        data = fz.apply_mutations(originals[src], ops)
        build = build_every > 0 and n % build_every == 0
        out = fz.run_one(root, src, data, build=build, limit=limit)
        shutil.rmtree(root / "site", ignore_errors=True)
        conn.send((n, out.status, out.key, out.detail, out.seconds, out.stage))


class _Slot:
    """One worker process, its pipe and the input it is working on (``None`` when idle)."""

    def __init__(self, seed: int, limit: float, build_every: int, tmp: str):
        self.args = (seed, limit, build_every, tmp)
        self.start()

    def start(self) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.Process(target=_worker, args=(child, *self.args), daemon=True)
        self.proc.start()
        child.close()
        self.n: int | None = None
        self.since = 0.0

    def give(self, n: int) -> None:
        self.n, self.since = n, time.monotonic()
        self.conn.send(n)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()


def _slug(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", key).strip("-")[:80]


def save_reproducer(out: Path, k: int, key: str, seed: int, n: int, detail: str, stage: str) -> Path:
    """Write the office reproducing input ``n`` and a README.txt into ``out/NN-class/``."""
    src, ops = input_of(seed, n)
    folder = out / f"{k:02d}-{_slug(key)}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    root = fz.make_base(folder)
    target = root / "records" / src
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(fz.apply_mutations((fz.RECORDS / src).read_bytes(), ops))
    cmd = (f"hcomm --root {root} check --now '{fz.NOW}'" if stage == "check"
           else f"hcomm --root {root} build --no-pdf --now '{fz.NOW}'")
    (folder / "README.txt").write_text(
        f"class: {key}\ninput: --seed {seed} number {n}\n{fz.describe(src, ops)}\n"
        f"mutated file: office/records/{src}\nreproduce: {cmd}\n\n{detail}\n", encoding="utf-8")
    return folder


def run(count: int, jobs: int, seed: int, limit: float, build_every: int, out: Path) -> int:
    """Run inputs ``0 .. count-1`` over ``jobs`` workers; print the figures; returns the
    number of inputs that broke the property."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hcomm-fuzz-") as tmp:
        return _run(count, jobs, seed, limit, build_every, out, tmp)


class _Tally:
    """The counts of a run and the inputs of each class; saves a reproducer per new class."""

    def __init__(self, count: int, seed: int, out: Path):
        self.count, self.seed, self.out = count, seed, out
        self.status: Counter[str] = Counter()
        self.classes: dict[str, list[int]] = {}
        self.done = self.builds = 0
        self.t0 = time.monotonic()

    def add(self, n: int, st: str, key: str, detail: str, stage: str) -> None:
        self.done += 1
        self.builds += stage == "build"
        self.status[st] += 1
        if st != "ok":
            first = key not in self.classes
            self.classes.setdefault(key, []).append(n)
            if first:
                folder = save_reproducer(self.out, len(self.classes), key, self.seed, n, detail, stage)
                print(f"  new class {len(self.classes)}: {key}  → {folder}", flush=True)
        if self.done % 1000 == 0:
            st = self.status
            print(f"  {self.done}/{self.count} inputs, {time.monotonic() - self.t0:.0f} s: crashes {st['crash']}, "
                  f"hangs {st['hang']}, unlocated {st['unlocated']}", flush=True)

    def report(self, jobs: int) -> int:
        took = time.monotonic() - self.t0
        st = self.status
        print(f"{self.done} inputs ({self.builds} also built) in {took:.0f} s over {jobs} processes "
              f"({took / max(self.done, 1) * jobs * 1000:.0f} ms per input): ok {st['ok']}, "
              f"crashes {st['crash']}, hangs {st['hang']}, unlocated problems {st['unlocated']}")
        for i, (key, ns) in enumerate(self.classes.items(), 1):
            src, ops = input_of(self.seed, ns[0])
            print(f"  {i:2d}. {key}: {len(ns)} input(s); first (number {ns[0]}): {fz.describe(src, ops)}")
        return sum(v for k, v in st.items() if k != "ok")


def _answer(s: _Slot, ready: list, limit: float) -> tuple | None:
    """The answer of slot ``s`` as ``(n, status, key, detail, stage)``, a hang when it has not
    answered ``GRACE`` seconds after the limit (it is then replaced), or ``None`` (working)."""
    if s.conn in ready:
        try:
            n, st, key, detail, _secs, stage = s.conn.recv()
            return n, st, key, detail, stage
        except EOFError:  # the worker died (the memory limit, a signal …): replace it
            s.kill()
            n = s.n
            s.start()
            return n, "crash", "worker died", "the worker process ended", "check"
    if time.monotonic() - s.since > limit + GRACE:
        s.kill()
        n = s.n
        s.start()
        return n, "hang", f"hang (> {limit:g} s, no answer)", "", "check"
    return None


def _run(count: int, jobs: int, seed: int, limit: float, build_every: int, out: Path, tmp: str) -> int:
    slots = [_Slot(seed, limit, build_every, tmp) for _ in range(jobs)]
    todo = iter(range(count))
    tally = _Tally(count, seed, out)
    for s in slots:
        n = next(todo, None)
        if n is not None:
            s.give(n)
    while any(s.n is not None for s in slots):
        ready = wait([s.conn for s in slots if s.n is not None], timeout=1.0)
        for s in slots:
            got = _answer(s, ready, limit) if s.n is not None else None
            if got is None:
                continue
            tally.add(*got)
            nxt = next(todo, None)
            if nxt is None:
                s.n = None
            else:
                s.give(nxt)
    for s in slots:
        s.conn.send(None)
        s.proc.join(timeout=10)
        if s.proc.is_alive():
            s.kill()
    return tally.report(jobs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=20000, help="inputs to run (default 20000)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--seed", type=int, default=15, help="seed of the inputs (default 15)")
    ap.add_argument("--time-limit", type=float, default=fz.TIME_LIMIT,
                    help=f"seconds per input before it counts as a hang (default {fz.TIME_LIMIT:g})")
    ap.add_argument("--build-every", type=int, default=50,
                    help="also build the site (no PDFs) of one input in N (default 50; 0: never)")
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"),
                    help="folder for the reproducers, one per crash class (default ./fuzz-out)")
    args = ap.parse_args(argv)
    # stopped with kill (SIGTERM, or SIGINT where a background job ignores it): end like
    # Ctrl-C, so the temporary offices are removed and the workers stopped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    bad = run(args.count, args.jobs, args.seed, args.time_limit, args.build_every, args.out)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
