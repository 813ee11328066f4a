"""``hcomm serve`` (issue 6): builds, serves on localhost, rebuilds when a record changes."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

from helpers import OUTAGE, VISIT, make_office

from hcomm_gen.cli.base import Ctx
from hcomm_gen.cli.serve import _build


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def test_serve_rebuilds_when_a_record_changes(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-c", "from hcomm_gen.cli import main; main()", "--root", str(root), "--lang", "en",
                             "serve", "--port", "0", "--now", "2026-03-02 12:00", "--interval", "0.2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("Preview: "):
                url = line.split()[1]
        assert url and url.startswith("http://127.0.0.1:")
        assert "停水通知" in _get(url)
        (root / "records/notices/2026/n1.yaml").write_text(
            OUTAGE.replace("title: 停水通知", "title: 清洗水箱停水通知"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "清洗水箱停水通知" not in _get(url):
            time.sleep(0.2)
        assert "清洗水箱停水通知" in _get(url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_rebuilds_despite_a_lapse_and_keeps_the_old_site_on_a_blocking_problem(tmp_path, capsys):
    """As ``hcomm build``: a door visit at 22:30 (VISIT-2200) does not stop the preview; an
    outage ending before it starts does, and the previous site stays."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE,
                                  "visits/2026/2026-03/v1.yaml": VISIT.replace("19:30", "22:30")})
    ctx = Ctx(root, "en")
    result = _build(ctx, "2026-03-02 12:00")
    assert result is not None and result.site_dir is not None
    out = capsys.readouterr()
    assert "Site built" in out.out
    assert out.err.strip() == ("Published; 1 error and 0 warnings remain that do not stop publication: "
                               "see hcomm check or hcomm status.")
    before = (root / "site/index.html").read_bytes()
    (root / "records/notices/2026/n1.yaml").write_text(
        OUTAGE.replace("end: 2026-03-05 17:00", "end: 2026-03-05 08:00"), encoding="utf-8")
    result = _build(ctx, "2026-03-02 12:00")
    assert result is not None and result.site_dir is None
    err = capsys.readouterr().err.strip().splitlines()
    assert [ln.split(" ")[2] for ln in err[:-1]] == ["NOTICE-OUTAGE"]
    assert err[-1] == "1 error stops publication: the site was not updated (serving the previous one)."
    assert (root / "site/index.html").read_bytes() == before
