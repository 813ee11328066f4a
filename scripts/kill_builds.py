"""Kill ``hcomm build`` at random moments and check the output transaction (issue 15 item 10).

On a copy of the example community, two reference builds give the fingerprints of the
outputs as of two moments, A and B (the site differs, and so do the sheets due for posting).
Then, KILLS times, a build as of the other moment is started and killed (SIGKILL) after a
random delay; after each kill, ``site/`` and ``print/`` must be both A or both B (their
fingerprints: every file's path and bytes). Finally a normal build must leave no leftovers:
no ``.hcomm-build-*``, ``.site.old-*``, ``.print.old-*``, one generation under
``.hcomm-out/``, no temporary file in the cache.

    PYTHONPATH=$PWD python scripts/kill_builds.py [--kills 20] [--seed 1] [--keep DIR]

Exit 0 when every check held (prints one line per kill and a summary), 1 otherwise.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MOMENTS = {"A": "2026-11-29 12:00", "B": "2026-12-08 12:00"}


def fingerprint(folder: Path) -> str | None:
    """SHA-256 over every file's path and bytes under ``folder`` (``None``: no folder)."""
    if not folder.is_dir():
        return None
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def state(root: Path) -> tuple[str | None, str | None]:
    return fingerprint(root / "site"), fingerprint(root / "print")


def hcomm(root: Path, now: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from hcomm_gen.cli import main; main()", "--root", str(root),
                             "build", "--now", now], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def build(root: Path, now: str) -> float:
    t0 = time.perf_counter()
    proc = hcomm(root, now)
    _, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"build as of {now} failed ({proc.returncode}): {err.decode(errors='replace')}")
    return time.perf_counter() - t0


def leftovers(root: Path) -> list[str]:
    """What a finished build must not leave behind."""
    out = [p.name for p in root.iterdir() if p.name.startswith((".hcomm-build-", ".site.old-", ".print.old-"))]
    gens = [p.name for p in (root / ".hcomm-out").iterdir()
            if p.name not in (".lock", ".gitignore", "current")]
    if len(gens) != 1:
        out += [f".hcomm-out/{g}" for g in gens]
    out += [str(p.relative_to(root)) for p in (root / ".hcomm-cache").rglob("*.tmp")]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temporary one")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = args.keep or Path(tempfile.mkdtemp(prefix="hcomm-kill-"))
    root = base / "office"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copytree(REPO / "records", root / "records")
    try:
        refs = {}
        durations = {}
        for name, now in MOMENTS.items():  # each twice: the second one is the cached speed
            build(root, now)
            durations[name] = build(root, now)
            refs[name] = state(root)
        assert refs["A"] != refs["B"] and refs["A"][1] != refs["B"][1], "A and B must differ in site and print"
        longest = max(durations.values()) * 1.3
        print(f"reference builds: {', '.join(f'{k} {d:.1f} s' for k, d in durations.items())}; every other kill "
              "near the end of the build (where it publishes)")
        failures = 0
        current = "B"
        for i in range(1, args.kills + 1):
            target = "A" if current == "B" else "B"
            # odd kills anywhere, even ones around the moment the build publishes
            delay = rng.uniform(0.2, longest) if i % 2 else rng.uniform(0.8, 1.1) * durations[target]
            proc = hcomm(root, MOMENTS[target])
            time.sleep(delay)
            finished = proc.poll() is not None
            if not finished:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            now_state = state(root)
            which = next((k for k, v in refs.items() if v == now_state), None)
            left = [p.name for p in root.iterdir() if p.name.startswith((".hcomm-build-", ".site.old-", ".print.old-"))]
            ok = which is not None
            failures += not ok
            print(f"kill {i:2}: after {delay:4.1f} s ({'finished' if finished else 'killed'}) building {target}: "
                  f"site and print are {which or 'MIXED/BROKEN'}; leftovers {len(left)}")
            if which is not None:
                # the machine's speed varies: move the "near the end" window towards the
                # moment of publication (killed before it: later; finished: earlier)
                if i % 2 == 0:
                    durations[target] *= 0.9 if finished else 1.0 if which == target else 1.1
                current = which
        build(root, MOMENTS["A"])
        rest = leftovers(root)
        final_ok = state(root) == refs["A"] and not rest
        print(f"after a normal build: {'both A, no leftovers' if final_ok else f'state/leftovers wrong: {rest}'}")
        print(f"{args.kills} kills: {args.kills - failures} consistent, {failures} mixed or broken")
        return 0 if failures == 0 and final_ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
