"""Issue 11 item 1, "Done when": ``hcomm share N-2026-1127-water --now '2026-12-04 12:00' --out
DIR`` on a copy of the example community writes the WeChat message and a 1080-px-wide picture
whose QR code opens the notice. The picture is read with a real PNG decoder (Pillow) and the
QR code with zbar (``zbarimg``, scripts/setup.sh); the texts are written out by hand.

12月10日 2026 is a Thursday: 2026-01-01 is a Thursday and Dec 10 is day 334 + 10 = 344 of the
year, 343 days later = 49 weeks exactly.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from PIL import Image

from hcomm_gen.cli import main

NOW = "2026-12-04 12:00"
WATER = "N-2026-1127-water"
URL = "https://hxq.example.cn/notices/N-2026-1127-water/"
WATER_FILE = "notices/2026/2026-11-27-water-cut-municipal.yaml"
POWER_FILE = "notices/2026/2026-11-28-power-cut-1-3.yaml"

WATER_TEXT = """\
【计划停水】关于市政供水管网接驳施工停水的通知
时间：12月10日（星期四）09:00–18:00
范围：1栋、2栋、3栋、4栋
请您注意：
1. 请于12月10日9:00前储备足够的生活用水，停水期间关闭家中水龙头和热水器进水阀。
2. 恢复供水初期水质可能浑浊，请放水至清澈后再使用。
3. 行动不便、取水困难的住户，可提前到管理处登记，停水当天工作人员将送水上门。
联系电话：工程部 赵工 0571-8888 6611
详情：https://hxq.example.cn/notices/N-2026-1127-water/
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory, repo):
    """A copy of the example office (records only)."""
    root = tmp_path_factory.mktemp("share") / "office"
    shutil.copytree(repo / "records", root / "records")
    return root


def share(root, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "share", *args])


def qr_of(png) -> str:
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, timeout=30)
    return out.stdout.strip()


def test_done_when_water_cut_message_and_picture(office, tmp_path):
    res = share(office, WATER, "--now", NOW, "--out", str(tmp_path / "out"))
    assert res.exit_code == 0, res.output
    txt, png = tmp_path / "out" / f"{WATER}.txt", tmp_path / "out" / f"{WATER}.png"
    assert res.stdout.splitlines() == [str(txt), str(png)]
    text = txt.read_text(encoding="utf-8")
    assert text == WATER_TEXT
    assert "12月10日（星期四）" in text and URL in text and "0571-8888 6611" in text
    assert len(text.rstrip("\n")) == 265 <= 500
    assert not any(mark in text for mark in ("**", "# ", "](", "<"))  # plain text, no Markdown
    with Image.open(png) as im:
        im.load()
        assert im.format == "PNG" and im.width == 1080
        assert 1800 < im.height < 3000, im.height  # one phone screen and a bit: title, box, 3 items, QR
    assert qr_of(png) == URL


def test_message_follows_the_changes_made_by_now(tmp_path, repo):
    """Cancelled at 12-04 10:00 (issue 16's example): at 12:00 the message says 已取消 and the
    struck time; the power cut moved on 12-02 to Saturday 12-05 gives the new time."""
    root = tmp_path / "office"
    shutil.copytree(repo / "records", root / "records")
    for rel, change in ((WATER_FILE, "changes:\n  - at: 2026-12-04 10:00\n    type: 取消\n"
                         "    text: 管网接驳施工推迟，12月10日不停水。\n"),
                        (POWER_FILE, "changes:\n  - at: 2026-12-02 16:00\n    type: 改期\n"
                         "    text: 停电改到12月5日。\n    start: 2026-12-05 08:30\n    end: 2026-12-05 12:30\n")):
        p = root / "records" / rel
        p.write_text(p.read_text(encoding="utf-8") + change, encoding="utf-8")
    assert share(root, WATER, "--now", NOW, "--out", str(tmp_path)).exit_code == 0
    water = (tmp_path / f"{WATER}.txt").read_text(encoding="utf-8").splitlines()
    assert water[:4] == ["【已取消】【计划停水】关于市政供水管网接驳施工停水的通知",
                         "原定时间：12月10日（星期四）09:00–18:00（已取消）", "范围：1栋、2栋、3栋、4栋",
                         "已取消：管网接驳施工推迟，12月10日不停水。"]
    assert share(root, "N-2026-1128-power", "--now", NOW, "--out", str(tmp_path)).exit_code == 0
    power = (tmp_path / "N-2026-1128-power.txt").read_text(encoding="utf-8").splitlines()
    # 2026-12-05 is a Saturday (12-03 Thursday + 2)
    assert power[:3] == ["【已改期】【计划停电】关于供电部门检修1栋至3栋停电的通知",
                         "时间：12月5日（星期六）08:30–12:30", "范围：1栋、2栋、3栋"]
    # before the change was made, the first times
    assert share(root, "N-2026-1128-power", "--now", "2026-12-01 12:00", "--out", str(tmp_path)).exit_code == 0
    assert (tmp_path / "N-2026-1128-power.txt").read_text(encoding="utf-8").splitlines()[1] == \
        "时间：12月3日（星期四）08:30–12:30"


def test_unknown_id_is_a_usage_error_with_the_closest_ids(office, tmp_path):
    res = share(office, "N-2026-1127-watr", "--now", NOW, "--out", str(tmp_path))
    assert res.exit_code == 2
    assert res.stderr.startswith("没有编号为 N-2026-1127-watr 的通知。您是不是要找：N-2026-1127-water、")
    assert "用法：hcomm share 通知编号" in res.stderr
    assert list(tmp_path.iterdir()) == []
    res = CliRunner().invoke(main, ["--root", str(office), "--lang", "en", "share", "N-1127-water", "--now", NOW])
    assert res.exit_code == 2 and "Did you mean: N-2026-1127-water" in res.stderr


def test_a_notice_not_yet_published_is_written_with_a_note(office, tmp_path):
    """The power cut is published 2026-11-28 10:00: at 11-20 the office may prepare the
    message, and is told the link opens only after publication and a build."""
    res = share(office, "N-2026-1128-power", "--now", "2026-11-20 12:00", "--out", str(tmp_path))
    assert res.exit_code == 0
    assert (tmp_path / "N-2026-1128-power.txt").is_file()
    assert "这条通知 2026-11-28 10:00 才发布" in res.stderr and "hcomm build" in res.stderr


def test_a_problem_that_stops_publication_stops_sharing(tmp_path):
    """An outage whose end is not after its start would show wrong: the site is not built, so
    nothing is shared either (exit 1, the problem printed, no file)."""
    from helpers import OUTAGE, make_office

    root = make_office(tmp_path, {"notices/2026/n.yaml": OUTAGE.replace("end: 2026-03-05 17:00", "end: 2026-03-05 08:00")})
    res = share(root, "N-1", "--now", "2026-03-02 12:00", "--out", str(tmp_path / "out"))
    assert res.exit_code == 1
    assert "未生成分享内容" in res.stderr and "n.yaml:" in res.stderr
    assert not (tmp_path / "out").exists()
