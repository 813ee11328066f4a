"""Issue 15 item 10: site and print change together or not at all, and what a killed build
leaves is removed by the next one (``scripts/kill_builds.py`` kills real builds 20 times)."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest
from helpers import OUTAGE, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.outputs import site
from hcomm_gen.outputs.sheets import RenderStats

A, B = "2026-03-02 12:00", "2026-03-03 12:00"


class Killed(BaseException):
    """The build process dies here (nothing after it runs, no handler catches it)."""


@pytest.fixture
def fast(monkeypatch):
    """The engines replaced by one file each saying the build's moment, so the test is about
    the transaction alone."""
    def mkdocs(cfg, *args, **kwargs):
        site = pathlib.Path(cfg["site_dir"])
        site.mkdir(parents=True)
        (site / "index.html").write_text(str(args[1] if len(args) > 1 else ""), encoding="utf-8")

    def sheets(records, when, root, out_dir, progress=None):
        (out_dir / "sheet.pdf").write_text(str(when), encoding="utf-8")
        return RenderStats()
    monkeypatch.setattr(site, "run_mkdocs", mkdocs)  # what the default engine (outputs/engines/mkdocs.py) runs
    monkeypatch.setattr(pipeline, "write_due_sheets", sheets)


def _state(root):
    site, pdf = root / "site/index.html", root / "print/sheet.pdf"
    return (site.read_text(encoding="utf-8")[:16] if site.exists() else None,
            pdf.read_text(encoding="utf-8")[:16] if pdf.exists() else None)


def test_a_kill_at_any_rename_leaves_site_and_print_both_old_or_both_new(tmp_path, fast, monkeypatch):
    """Before: a kill between the two swaps left the new site with the old print."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    pipeline.build(root, A)
    old = _state(root)
    assert old == ("2026-03-02 12:00", "2026-03-02 12:00")
    real_rename, real_replace = os.rename, os.replace
    seen = set()
    for allowed in range(12):
        calls = [0]

        def counting(real, calls=calls, allowed=allowed):
            def step(src, dst, *args, **kwargs):
                calls[0] += 1
                if calls[0] > allowed:
                    raise Killed
                return real(src, dst, *args, **kwargs)
            return step
        monkeypatch.setattr(os, "rename", counting(real_rename))
        monkeypatch.setattr(os, "replace", counting(real_replace))
        try:
            pipeline.build(root, B)
        except Killed:
            pass
        monkeypatch.setattr(os, "rename", real_rename)
        monkeypatch.setattr(os, "replace", real_replace)
        state = _state(root)
        assert state in (old, ("2026-03-03 12:00", "2026-03-03 12:00")), (allowed, state)
        seen.add(state)
        pipeline.build(root, A)  # back to A, which also removes the leftovers
        assert _state(root) == old
    assert len(seen) == 2  # some kills came before the switch, some after


def test_the_next_build_removes_every_leftover_and_a_running_build_is_kept(tmp_path, fast):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    pipeline.build(root, A)
    (root / ".hcomm-build-dead/docs").mkdir(parents=True)
    (root / ".hcomm-build-dead/.lock").touch()
    (root / ".site.old-x1/assets").mkdir(parents=True)
    (root / ".print.old-x2").mkdir()
    (root / ".hcomm-out/g-unfinished/site").mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    tmp = root / f".hcomm-cache/print/.abc.pdf.{dead.stdout.strip()}.tmp"
    tmp.write_bytes(b"%PDF")
    with pipeline.work_dir(root) as running:  # another build, still running
        pipeline.build(root, B)
        assert running.is_dir()
    names = sorted(p.name for p in root.iterdir())
    assert names == [".hcomm-cache", ".hcomm-out", "print", "records", "site"]
    assert len([p for p in (root / ".hcomm-out").iterdir() if p.name.startswith("g-")]) == 1
    assert not tmp.exists()
    assert _state(root) == ("2026-03-03 12:00", "2026-03-03 12:00")


def test_site_and_print_are_links_usable_as_folders_and_a_site_only_build_keeps_print(tmp_path, fast):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    pipeline.build(root, A)
    assert os.readlink(root / "site") == ".hcomm-out/current/site"
    assert os.readlink(root / "print") == ".hcomm-out/current/print"
    pipeline.build(root, B, prints=False)
    assert _state(root) == ("2026-03-03 12:00", "2026-03-02 12:00")
    assert len([p for p in (root / ".hcomm-out").iterdir() if p.name.startswith("g-")]) == 1


def test_folders_of_an_older_hcomm_become_links_keeping_their_content(tmp_path, fast):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    (root / "print").mkdir()
    (root / "print/sheet.pdf").write_text("older print", encoding="utf-8")
    (root / "site").mkdir()
    pipeline.build(root, A, prints=False)
    assert (root / "print").is_symlink() and (root / "site").is_symlink()
    assert _state(root) == ("2026-03-02 12:00", "older print")
    assert sorted(p.name for p in root.iterdir()) == [".hcomm-cache", ".hcomm-out", "print", "records", "site"]
