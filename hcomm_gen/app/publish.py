"""One output transaction: ``site/`` and ``print/`` change together or not at all.

The published outputs live in a *generation* folder, ``.hcomm-out/<gen>/site`` and
``.hcomm-out/<gen>/print``; ``.hcomm-out/current`` is a symbolic link to the published
generation, and ``site`` and ``print`` in the office folder are fixed links to
``.hcomm-out/current/site`` and ``.hcomm-out/current/print``. A build renders into a work
folder (``.hcomm-build-*``), moves what it rendered into a new generation (an output it did
not render, e.g. ``print/`` for ``hcomm build --no-pdf``, is carried over from the current
generation as hard links), then publishes it with ONE atomic rename of the ``current`` link:
a reader (a web server, the office opening ``print/``) sees the old site with the old print
or the new site with the new print, never a mix, whatever moment the build is killed.

``site/`` and ``print/`` stay plain paths for a web server (nginx and Apache follow links by
default) and the office. Where links cannot be made (Windows without the right), each
output is swapped in by two renames as before (:func:`swap_in`): each folder is whole, but a
kill between the two swaps can leave the new site with the old print until the next build.

Leftovers of a killed build — its work folder ``.hcomm-build-*``, an old folder
``.site.old-*``/``.print.old-*``, a generation never published or no longer current, a
sheet's temporary ``.*.<pid>.tmp`` file in the cache — are removed by the next build
(:func:`clean_leftovers`). A build still running (``hcomm serve`` and ``hcomm build`` at the
same time) holds a lock on its work folder, so it is never taken for a leftover; publishing
and cleaning hold ``.hcomm-out/.lock``. The sheet cache ``.hcomm-cache/print`` needs no
transaction: it is keyed by content and each entry is written by an atomic rename.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: leftovers are then judged by age
    fcntl = None  # type: ignore[assignment]

#: the outputs published together
OUTPUTS = ("site", "print")
#: the folder of the generations, under the office folder
OUT_DIR = ".hcomm-out"
#: prefixes of the folders a killed build may leave in the office folder
LEFTOVER_PREFIXES = (".hcomm-build-", ".site.old-", ".print.old-")
#: a work folder without a lock (no fcntl) older than this is a leftover (seconds)
_STALE = 24 * 3600
_TMP = re.compile(r"^\..+\.(\d+)\.tmp$")
#: scripts/benchmark.py only: when set to a folder, a build's work folder (the generated pages
#: and the engine's configuration) is copied there before it is removed, paths in its top-level
#: ``*.yml`` rewritten to the copy, so that the engine alone can be timed on the same pages
KEEP_WORK_ENV = "HCOMM_KEEP_WORK"


@contextmanager
def _locked(path: Path, wait: bool = True) -> Iterator[bool]:
    """Hold an exclusive lock on the file ``path`` (created); yields whether it was taken
    (``wait=False``: ``False`` when another process or build holds it)."""
    if fcntl is None:  # pragma: no cover
        yield True
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


@contextmanager
def work_dir(root: Path) -> Iterator[Path]:
    """A work folder ``root/.hcomm-build-*`` (the same file system as the outputs, so
    publishing moves, never copies), locked while this build runs and removed afterwards
    whatever happens; the leftovers of killed builds are removed first
    (:func:`clean_leftovers`)."""
    clean_leftovers(root)
    work = Path(tempfile.mkdtemp(prefix=".hcomm-build-", dir=root))
    try:
        with _locked(work / ".lock"):
            yield work
    finally:
        if os.environ.get(KEEP_WORK_ENV) and work.is_dir():
            _keep_copy(work, Path(os.environ[KEEP_WORK_ENV]))
        # the lock file last: a build killed while removing its folder leaves a folder that
        # still has its (unheld) lock, which the next build removes
        for p in (work.iterdir() if work.is_dir() else ()):
            if p.name != ".lock":
                _remove(p)
        shutil.rmtree(work, ignore_errors=True)


def _keep_copy(work: Path, keep: Path) -> None:
    """Copy the work folder ``work`` to ``keep`` (replaced; :data:`KEEP_WORK_ENV`)."""
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(work, keep, ignore=shutil.ignore_patterns(".lock"), symlinks=True)
    for cfg in keep.glob("*.yml"):
        cfg.write_text(cfg.read_text(encoding="utf-8").replace(str(work), str(keep)), encoding="utf-8")


def swap_in(tmp: Path, final: Path) -> None:
    """Replace the folder ``final`` by the finished folder ``tmp`` (same file system) with two
    renames, so readers see the old or the new folder, never a half-written one (used where
    links cannot be made). The old folder gets a name of its own per call."""
    old = None
    if final.exists() or final.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
        old.rmdir()  # a fresh, unused name
        final.rename(old)
    tmp.rename(final)
    if old is not None:
        _remove(old)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _link(target: str, link: Path) -> None:
    """Make ``link`` a symbolic link to ``target``, atomically (a new link renamed over it)."""
    tmp = link.with_name(f".{link.name}.link-{os.getpid()}-{time.monotonic_ns()}")
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _carry(src: Path, dst: Path) -> None:
    """Copy the folder ``src`` to ``dst`` as hard links (every writer of the outputs
    replaces files by renaming, so a linked file never changes under the other folder);
    plain copies where the file system has no hard links."""
    def link_or_copy(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
    shutil.copytree(src, dst, symlinks=True, copy_function=link_or_copy)


def _links_work(out: Path) -> bool:
    try:
        _link(".", out / ".probe")
        (out / ".probe").unlink()
        return True
    except (OSError, NotImplementedError):
        return False


def publish(root: Path, work: Path, names: tuple[str, ...]) -> None:
    """Publish ``work/<name>`` for each of ``names`` (of :data:`OUTPUTS`) as ``root/<name>``,
    all in one atomic step (module docstring); the outputs not in ``names`` stay as they are.

    :raises OSError: the file system refused (disk full, read-only…): nothing was published.
    """
    root = Path(root)
    out = root / OUT_DIR
    out.mkdir(exist_ok=True)
    ignore = out / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# hcomm's published outputs (site/ and print/ link here)\n*\n", encoding="utf-8")
    if not _links_work(out):  # pragma: no cover - Windows without the right to make links
        for name in names:
            swap_in(work / name, root / name)
        return
    with _locked(out / ".lock"):
        current = out / "current"
        gen = Path(tempfile.mkdtemp(prefix=time.strftime("g-%Y%m%d-%H%M%S-"), dir=out))
        for name in OUTPUTS:
            if name in names:
                (work / name).rename(gen / name)
                continue
            previous = root / name
            if not previous.is_symlink() and previous.is_dir():  # an office built by an older hcomm
                _carry(previous, gen / name)
            elif (current / name).is_dir():
                _carry(current / name, gen / name)
        _link(gen.name, current)  # THE moment the new outputs are published
        for name in OUTPUTS:
            link, target = root / name, f"{OUT_DIR}/current/{name}"
            if link.is_symlink() and os.readlink(link) == target or not (gen / name).exists():
                continue
            if link.exists() or link.is_symlink():  # a real folder of an older hcomm: once
                old = Path(tempfile.mkdtemp(prefix=f".{name}.old-", dir=root))
                old.rmdir()
                link.rename(old)
            _link(target, link)
    clean_leftovers(root)


def clean_leftovers(root: Path) -> list[Path]:
    """Remove what killed builds left in the office folder ``root``: work folders
    ``.hcomm-build-*`` no build holds (:func:`work_dir`), old folders ``.site.old-*`` and
    ``.print.old-*``, the generations under ``.hcomm-out/`` other than the current one, stray
    temporary links, and the temporary ``.*.<pid>.tmp`` files of processes no longer running
    in the sheet cache and in ``print/``. Returns what was removed."""
    root = Path(root)
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for p in root.iterdir():
        if not p.name.startswith(LEFTOVER_PREFIXES) and not re.match(r"^\.(site|print)\.link-", p.name):
            continue
        if p.name.startswith(".hcomm-build-") and p.is_dir() and not p.is_symlink() and _running(p):
            continue
        _remove(p)
        removed.append(p)
    out = root / OUT_DIR
    if out.is_dir():
        with _locked(out / ".lock"):
            current = os.readlink(out / "current") if (out / "current").is_symlink() else None
            for p in out.iterdir():
                if p.name in (".lock", ".gitignore", "current") or p.name == current:
                    continue
                _remove(p)
                removed.append(p)
    for folder in (root / ".hcomm-cache" / "print", root / "print"):
        if folder.is_dir():
            for p in folder.glob(".*.tmp"):
                m = _TMP.match(p.name)
                if m and not _alive(int(m.group(1))):
                    p.unlink(missing_ok=True)
                    removed.append(p)
    return removed


def _running(work: Path) -> bool:
    """Whether a build is still running in the work folder ``work`` (it holds the lock)."""
    if fcntl is None:  # pragma: no cover
        return time.time() - work.stat().st_mtime < _STALE
    if not (work / ".lock").exists():
        return time.time() - work.stat().st_mtime < 10  # just made, not locked yet
    with _locked(work / ".lock", wait=False) as free:
        return not free


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True
