"""Lint and types are part of the tests (issue 10): ruff (with the complexity limit of
pyproject.toml) and mypy at the level documented there must report nothing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mypy import api as mypy_api

REPO = Path(__file__).resolve().parents[1]


def test_ruff_reports_nothing():
    res = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "hcomm_gen", "tests", "scripts"],
                         cwd=REPO, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy_reports_nothing():
    out, err, code = mypy_api.run(["--config-file", str(REPO / "pyproject.toml"), "--cache-dir", "/dev/null",
                                   str(REPO / "hcomm_gen")])
    assert code == 0, out + err
