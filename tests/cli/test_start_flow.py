"""Issue 12 "Done when": from an empty folder, ``hcomm init``, ``hcomm households import`` of
a 72-row xlsx, ``hcomm new 停水`` (then filling the marked places), ``hcomm check``, ``hcomm
build`` and ``hcomm publish`` to a folder all succeed, in Chinese, with no file copied by hand;
the editor finds the schemas its settings name."""
from __future__ import annotations

import json
import re
from datetime import datetime

from click.testing import CliRunner
from openpyxl import Workbook

from hcomm_gen.cli import main

NOW = "2026-12-04 09:00"   # a Friday


def _registry_xlsx(path) -> int:
    """3 buildings × 2 units × 6 floors × 2 rooms = 72 households, as an office keeps them
    (a number column, names, rooms written 101, dates as date cells; every 9th vacant)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "业户登记"
    ws.append(["阳光小区业户登记表"])   # a title row above the header, as offices have it
    ws.append(["序号", "楼栋", "单元", "房号", "住家/企业", "入住日期", "迁出日期", "业主姓名", "联系电话"])
    n = 0
    for b in (1, 2, 3):
        for u in (1, 2):
            for floor in range(1, 7):
                for r in (1, 2):
                    n += 1
                    ws.append([n, f"{b}栋", f"{u}单元", f"{floor}0{r}", "企业" if n == 72 else "住家",
                               None if n % 9 == 0 else datetime(2019, 1 + n % 12, 1 + n % 28), None,
                               "张三", "13800000000"])
    wb.save(path)
    return n


def test_an_office_starts_from_an_empty_folder(tmp_path):
    runner = CliRunner()
    root = tmp_path / "阳光小区"

    def hcomm(*args):
        res = runner.invoke(main, ["--root", str(root), *args])
        assert res.exit_code == 0, (args, res.output)
        assert re.search(r"[\u4e00-\u9fff]", res.output), (args, res.output)   # Chinese
        return res

    hcomm("init", str(root), "--yes", "--name", "阳光小区", "--buildings", "1-3", "--units", "2",
          "--hotline", "0571-8765 4321", "--address", "阳光路8号", "--site-url", "https://yg.example.cn/",
          "--now", NOW)
    assert (root / "records" / "community.yaml").exists() and (root / ".gitignore").exists()
    for schema in json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]:
        assert (root / schema).is_file(), schema
    assert _registry_xlsx(tmp_path / "业户登记表.xlsx") == 72
    res = hcomm("households", "import", str(tmp_path / "业户登记表.xlsx"))
    assert "导入 72 户（3 栋、6 个单元；已入住 64 户" in res.output
    res = hcomm("new", "停水", "--now", NOW)
    path = root / res.stdout.splitlines()[0]
    assert path.name == "2026-12-04-water.yaml"
    # fill the marked places as staff would
    text = path.read_text(encoding="utf-8")
    assert text.count("# 请填写") >= 5
    # untouched, the template's title holds the board back (RECORD-PLACEHOLDER stops publication)
    res = runner.invoke(main, ["--root", str(root), "build", "--now", NOW])
    assert res.exit_code == 1 and "RECORD-PLACEHOLDER" in res.output and "title 还是模板里的" in res.output
    assert not (root / "site").exists()
    text = (text.replace("title: 关于临时停水的通知（请填写标题：写明楼栋和原因）", "title: 关于2栋水箱清洗临时停水的通知")
            .replace("areas: [全体业户]", "areas: [2栋]")
            .replace("因供水设施检修", "因2栋二次供水水箱清洗消毒"))
    path.write_text(text, encoding="utf-8")
    res = hcomm("check", "--now", NOW)
    assert "0 个错误，0 个警告" in res.output
    res = hcomm("build", "--now", NOW)
    assert "网站" in res.output and "打印" in res.output
    page = next((root / "site").rglob("N-2026-1204-water*/index.html"), None) or next(
        p for p in (root / "site").rglob("*.html") if "2栋水箱清洗" in p.read_text(encoding="utf-8"))
    assert "2026年12月7日" in page.read_text(encoding="utf-8") or "12月7日" in page.read_text(encoding="utf-8")
    assert list((root / "print").rglob("*.pdf"))
    www = tmp_path / "www"
    res = hcomm("publish", str(www))
    assert "已发布到" in res.output
    published = {p.relative_to(www) for p in www.rglob("*") if p.is_file()}
    assert published == {p.relative_to(root / "site") for p in (root / "site").rglob("*") if p.is_file()}
    assert page.relative_to(root / "site") in published
    assert "已是最新" in hcomm("publish", str(www)).output
