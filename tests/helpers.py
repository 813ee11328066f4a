"""What the tests share: small offices written into a temp folder (so each test knows its own
lines by heart), and the few ways tests run a check and pick its problems."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import socketserver
import textwrap
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from hcomm_gen.app import pipeline
from hcomm_gen.cli import main
from hcomm_gen.core.problems import Problem

REPO = Path(__file__).resolve().parents[1]

COMMUNITY = """\
id: t
name: 测试小区
time_zone: Asia/Shanghai
site_url: https://t.example.cn/
office:
  name: 测试小区管理处
  address: 测试路1号
  hotline: 0571-0000 0000
reception_day: {weekday: 3, start: 09:00, end: 11:30}
"""

# 10 households in 1栋 (2 units); 1-1-0101 moves in 2026-07-02; 1-2-0202 is vacant
HOUSEHOLDS = """\
buildings:
  - {building: 1栋, units: [1单元, 2单元]}
  - {building: 2栋, units: [1单元]}
households:
  - {id: 1-1-0101, building: 1栋, unit: 1单元, room: 0101, occupied_since: 2026-07-02}
  - {id: 1-1-0102, building: 1栋, unit: 1单元, room: 0102, occupied_since: 2020-01-01}
  - {id: 1-1-0201, building: 1栋, unit: 1单元, room: 0201, occupied_since: 2020-01-01}
  - {id: 1-1-0202, building: 1栋, unit: 1单元, room: 0202, occupied_since: 2020-01-01}
  - {id: 1-2-0101, building: 1栋, unit: 2单元, room: 0101, occupied_since: 2020-01-01}
  - {id: 1-2-0102, building: 1栋, unit: 2单元, room: 0102, occupied_since: 2020-01-01}
  - {id: 1-2-0201, building: 1栋, unit: 2单元, room: 0201, occupied_since: 2020-01-01}
  - {id: 1-2-0202, building: 1栋, unit: 2单元, room: 0202}
  - {id: 2-1-0101, building: 2栋, unit: 1单元, room: 0101, occupied_since: 2020-01-01, type: 企业}
  - {id: 2-1-0102, building: 2栋, unit: 1单元, room: 0102, occupied_since: 2020-01-01}
"""

VISIT = """\
id: V-1
household: 1-1-0102
visitor: 林主管
mode: 上门
appointment: {made: 2026-03-01 10:00, for: 2026-03-05 19:30}
time: 2026-03-05 19:30
topics: [保洁]
opinions:
  - {topic: 保洁, text: 楼道需要更勤打扫}
signature: 已签名
"""

OUTAGE = """\
id: N-1
kind: outage
outage: water
title: 停水通知
published: 2026-03-01 09:00
start: 2026-03-05 09:00
end: 2026-03-05 17:00
areas: [1栋]
channels: [通知单]
body: 清洗水箱。
actions: 请提前储水。
contact: {name: 工程部, phone: 0571-0000 0001}
"""

PEST = """\
id: N-2
kind: pest_control
title: 灭鼠通知
published: 2026-03-01 09:00
start: 2026-03-05 09:00
end: 2026-03-05 17:00
areas: [全体业户]
channels: [通知单, 标示]
body: 投放鼠药。
warning_signs: [1栋大堂]
contact: {name: 管理处}
"""


# a survey round of the small office above: delivered Mon 2026-06-08 to its 8 occupied
# households; working days after it: Jun 9–12 1–4, 15–18 5–8, [19 端午 Fri off], 22–26 9–13,
# 29 14, 30 15 → collection due Tue 2026-06-30; Jul 1–3 16–18, 6–10 19–23, 13–17 24–28,
# 20 29, 21 30 → analysis and announcement due Tue 2026-07-21.
SURVEY_ROUND = """\
round: 2026-06
delivered_on: 2026-06-08
delivered: 8
units: [1栋1单元, 1栋2单元, 2栋1单元]
collection_end: 2026-06-30
items:
  - {no: 1, topic: 保安, text: 门岗值守}
  - {no: 2, topic: 保洁, text: 楼道清洁}
  - {no: 3, topic: 维修, text: 报修响应}
analysis_done: 2026-07-21
measures:
  - {item: 2, measure: 楼道每日清扫两次, by: 2026-07-31}
announced: 2026-07-21
"""


# a complaint received 2026-03-01 10:00, not yet answered (CASE-RESPONSE-24H due 03-02 10:00)
OPEN_COMPLAINT = """\
id: C-1
kind: 投诉
channel: 电话
received: 2026-03-01 10:00
household: 1-1-0102
topic: 维修
summary: 卫生间吊顶渗水
valid: true
"""


# the 2025-Q4 financial statement, posted 2026-01-12 (NOTICE-FINANCE, quarterly)
FINANCE_STATEMENT = """\
id: N-FIN
kind: finance
title: 2025年第四季度收支公示
published: 2026-01-12 09:00
period: 2025-Q4
areas: [全体业户]
channels: [宣传栏]
body: 收支情况如下。
"""


# an owners' meeting on the 14th of month {m} (MEETING-MONTHLY): MEETING.format(m="03")
MEETING = """\
id: M-{m}
date: 2026-{m}-14 19:00
place: 会所二楼多功能厅
topics: [停车管理]
attendance: 30
"""


def make_office(tmp_path: Path, files: dict[str, str] | None = None, *, community: str = COMMUNITY,
                households: str | None = HOUSEHOLDS) -> Path:
    """Write an office folder under ``tmp_path``: community, registry and ``files``
    (``{path under records/: text}``). Returns the office root."""
    root = tmp_path / "office"
    rec = root / "records"
    rec.mkdir(parents=True)
    (rec / "community.yaml").write_text(community, encoding="utf-8")
    if households is not None:
        (rec / "households.yaml").write_text(households, encoding="utf-8")
    for rel, text in (files or {}).items():
        p = rec / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def example_office(dest: Path, warm_cache: Path | None = None) -> Path:
    """Copy the example's ``records/`` to ``dest/records`` (``dest`` is created) and, when
    given, the ``warm_cache`` folder (fixture of the same name) to ``dest/.hcomm-cache``.
    Returns ``dest``, the office root."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "records", dest / "records")
    if warm_cache is not None and warm_cache.is_dir():
        shutil.copytree(warm_cache, dest / ".hcomm-cache")
    return dest


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")


def problems_of(root: Path, now: str) -> list[Problem]:
    """Every problem (load and rules) of the office ``root`` as of ``now``, via the library."""
    return pipeline.check(root, now).problems


def in_files(problems: list, *suffixes: str) -> list:
    """The problems (``Problem`` objects or ``--format json`` dicts) whose file path ends with
    one of ``suffixes`` (``"cases/2026/c.yaml"``): what a test says of one record, leaving out
    the office's monthly obligations (quota, summary, meeting since its first day), which are
    reported at other files."""
    def path(p) -> str:
        return p["path"] if isinstance(p, dict) else p.pos.path
    return [p for p in problems if path(p).endswith(suffixes)]


def check_json(root: Path, now: str, *args: str) -> tuple[int, list[dict]]:
    """``hcomm check --format json`` of the office ``root`` as of ``now`` (plus ``args``):
    ``(exit code, problems as dicts)``."""
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", now, "--format", "json", *args])
    return res.exit_code, json.loads(res.output or "[]")


def found(problems: list, rule: str, *, with_file: bool = False) -> list[tuple]:
    """``(line, severity)`` of each problem of ``rule`` (``Problem`` objects or the dicts of
    ``--format json``), in order; ``with_file``: ``(file name, line, severity)``."""
    out = []
    for p in problems:
        if isinstance(p, dict):
            rule_id, path, line, severity = p["rule"], p["path"], p["line"], p["severity"]
        else:
            rule_id, path, line, severity = p.rule, p.pos.path, p.pos.line, p.severity
        if rule_id == rule:
            out.append((path.rsplit("/", 1)[-1], line, severity) if with_file else (line, severity))
    return out


# --- the real browser (tests/outputs/test_browser_*.py) ------------------------------------------

#: Debian's chromium, driven headless by Playwright (``browser`` fixture, tests/outputs/conftest.py)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextmanager
def served(folder: Path):
    """Serve ``folder`` (a built site) on 127.0.0.1 at a free port; yields the base URL
    ``http://127.0.0.1:PORT/``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def at_shanghai(text: str) -> datetime:
    """``2026-03-05 09:00`` (ISO date and time) as an aware moment in Asia/Shanghai, the
    example community's zone."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
