"""``hcomm company build`` over three offices (issue 13, "Done when"): two renamed copies of the
example community and a small office written here, plus one whose records cannot be read.

Each community's figures in the company report equal those of its own reports at the same
``--now`` (the example's: ``hcomm visits quota`` and the survey statistics table; the small
office's: computed by hand below), and no household ID, address, room or phone of any
office's ``households.yaml`` (nor the phone written in an escalated opinion) is in any output
file (the PDF through ``pdftotext``).
"""
from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcomm_gen.app.company import company_of, read_company_yaml
from hcomm_gen.app.pipeline import resolve_now
from hcomm_gen.app.visits import visit_quota
from hcomm_gen.cli import main
from hcomm_gen.core.errors import UsageError
from hcomm_gen.domain.survey import compute_round, pct
from hcomm_gen.outputs.summary import summary_json
from hcomm_gen.records.loader import load_records
from tests.helpers import COMMUNITY, HOUSEHOLDS, SURVEY_ROUND, served

EXAMPLE = Path(__file__).resolve().parents[2] / "records"
NOW = "2026-12-08 12:00"
#: a phone number written in the escalated opinion of the small office (must not be output)
PHONE = "13812345678"

SMALL_COMMUNITY = COMMUNITY.replace("id: t", "id: small").replace("name: 测试小区", "name: 小园小区") + """\
records_since: 2026-10-01
company_items: {门岗值守: A01, 楼道清洁: B01, 报修响应: D01}  # the example's codes
"""

# 2026-11: two distinct households visited (9 occupied on the 1st: 4 % → 1 required: met);
# 2026-10: none (0/1: missed)
VISITS = {
    "visits/2026/2026-11-10-V-S-1.yaml": """\
        id: V-S-1
        household: 1-1-0102
        visitor: 林主管
        mode: 上门
        appointment: {made: 2026-11-05 10:00, for: 2026-11-10 19:30}
        time: 2026-11-10 19:30
        topics: [维修]
        opinions:
          - {topic: 维修, text: 1栋1单元0102 业户反映电梯老旧，希望公司统一更换，电话13812345678}
        signature: 已签名
        """,
    "visits/2026/2026-11-12-V-S-2.yaml": """\
        id: V-S-2
        household: 2-1-0101
        visitor: 林主管
        mode: 电话
        time: 2026-11-12 10:00
        topics: [保洁]
        opinions:
          - {topic: 保洁, text: 楼道干净}
        signature: 不适用
        """,
    "visit-summaries/2026/2026-11.yaml": """\
        month: 2026-11
        submitted: 2026-12-03
        supervisor: 林主管
        decisions:
          - {visit: V-S-1, opinion: 1, decision: 上报, note: 需公司统一更换}
          - {visit: V-S-2, opinion: 1, decision: 采纳, note: 保持}
        """,
}
# three cases in 2026-11 (times published): responses after 5 h, 11 h and 48 h → 2 of 3 in 24 h
CASE = """\
    id: C-S-{n}
    kind: 投诉
    channel: 电话
    received: 2026-11-{day} 08:00
    household: 1-1-0201
    topic: 维修
    summary: 报修
    valid: true
    first_response: {resp}
    """
CASES = {f"cases/2026/2026-11-{day}-C-S-{n}.yaml": CASE.format(n=n, day=day, resp=resp)
         for n, day, resp in ((1, "02", "2026-11-02 13:00"), (2, "05", "2026-11-05 19:00"),
                              (3, "20", "2026-11-22 08:00"))}
# 4 of 8 returned (50 %: penalty 5 × 10 = 50 points). Item 1 门岗值守 满满基不: 3/4 = 75 %;
# item 2 楼道清洁 满基基满: 100 %; item 3 报修响应 不不满空: 1/3; overall 满5 基3 不3 (1 blank):
# 8/11 = 72.7 %, adjusted 8/11 − 50 = 250/11 = 22.7 %
ANSWERS = "answers:\n  - 满满不\n  - 满基不\n  - 基基满\n  - 不满空\n"


def _example_copy(tmp: Path, cid: str, name: str) -> Path:
    root = tmp / cid
    shutil.copytree(EXAMPLE, root / "records")
    c = root / "records" / "community.yaml"
    text = c.read_text(encoding="utf-8").replace("id: hxq", f"id: {cid}").replace("name: h小区", f"name: {name}", 1)
    c.write_text(text, encoding="utf-8")
    return root


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / "records" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")


def _small(tmp: Path, folder: str) -> Path:
    root = tmp / folder
    _write(root, {"community.yaml": SMALL_COMMUNITY, "households.yaml": HOUSEHOLDS, **VISITS, **CASES,
                  "surveys/2026-06/round.yaml": SURVEY_ROUND, "surveys/2026-06/answers.yaml": ANSWERS})
    return root


@pytest.fixture(scope="module")
def company(tmp_path_factory):
    """The three offices, a broken fourth, a company.yaml naming them, and the report built
    once: ``(offices, out, result)``."""
    tmp = tmp_path_factory.mktemp("company")
    a = _example_copy(tmp, "east", "东苑小区")
    b = _example_copy(tmp, "west", "西苑小区")
    small = _small(tmp, "small")
    broken = _small(tmp, "broken")
    (broken / "records" / "community.yaml").write_text(
        SMALL_COMMUNITY.replace("name: 小园小区", "name: 坏小区"), encoding="utf-8")
    (broken / "records" / "visits" / "2026" / "2026-11-12-V-S-2.yaml").write_text("id: [V-S-2\n", encoding="utf-8")
    # the small office's built site (its summary.json), as a folder and as a published address
    (tmp / "small-site").mkdir()
    (tmp / "small-site" / "summary.json").write_bytes(
        summary_json(load_records(small), resolve_now(load_records(small), NOW)))
    with served(tmp / "small-site") as url:
        (tmp / "company.yaml").write_text(textwrap.dedent(f"""\
            name: 示例物业服务有限公司
            offices:
              - east
              - {{path: west, label: 西苑小区（二期）}}
              - small
              - broken
              - {{site: small-site, label: 小园网站}}
              - {{url: "{url}", label: 小园网址}}
              - {{url: "{url}gone/", label: 失联网址}}
            """), encoding="utf-8")
        out = tmp / "report"
        res = CliRunner().invoke(main, ["company", "build", str(tmp / "company.yaml"), "--out", str(out),
                                        "--now", NOW, "--jobs", "2"])
    return {"east": a, "west": b, "small": small, "broken": broken}, out, res


def _rows(page: Path) -> dict[str, list[str]]:
    """The rows of the tables of ``page``: first cell (tags stripped) → the other cells."""
    out: dict[str, list[str]] = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", page.read_text(encoding="utf-8"), re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)]
        if cells:
            out.setdefault(cells[0], cells[1:])
    return out


def test_exit_and_files(company):
    _offices, out, res = company
    assert res.exit_code == 1, res.output  # the broken office was not counted
    assert "未能统计：坏小区" in res.output
    assert "未能统计：失联网址" in res.output and "读不到 summary.json：HTTP 404。" in res.output
    assert "2 个管理处只有公开数据（summary.json）：小园网站、小园网址" in res.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [".hcomm-company", "company-report.pdf", "company.css", "escalated.html", "index.html",
                     "pareto.html", "quality.html", "quota.html", "response.html", "survey-tables.csv",
                     "surveys.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "示例物业服务有限公司" in index and "未能统计（2 个管理处）" in index
    # the broken office's first problem: rule ID and position, never the record's text
    assert "YAML-SYNTAX" in index
    assert "records/visits/2026/2026-11-12-V-S-2.yaml:1:" in index
    assert "[V-S-2" not in index


def test_quota_grid_equals_each_offices_own_quota(company):
    offices, out, _res = company
    rows = _rows(out / "quota.html")
    months = rows["小区"]
    for name, root in (("东苑小区", offices["east"]), ("西苑小区（二期）", offices["west"])):
        for month in ("2026-06", "2026-11"):
            q = visit_quota(root, month, NOW).quota  # `hcomm visits quota --month M --now NOW`
            mark = "✓" if q.visited >= q.required else "✗"
            assert rows[name][months.index(month)] == f"{mark} {q.visited}/{q.required}"
    # by hand: 2026-10 no visit of 1 required; 2026-11 two households of 1; 2026-12 in progress
    small = rows["小园小区"]
    assert small[months.index("2026-10")] == "✗ 0/1"
    assert small[months.index("2026-11")] == "✓ 2/1"
    assert small[months.index("2026-12")] == "0/1…"
    assert small[months.index("2026-09")] == "—"
    # the same office read from its summary.json (site folder, address): the same figures
    assert rows["小园网站 仅公开数据"] == rows["小园网址 仅公开数据"] == small
    assert "坏小区" not in rows


def test_response_and_surveys_equal_the_offices_reports(company):
    offices, out, _res = company
    rows = _rows(out / "response.html")
    nov = rows["小区"].index("2026-11")
    assert rows["小园小区"][nov] == "3 件 2/3"  # by hand: 5 h, 11 h, 48 h
    # the example's one case in November, C-2026-010: received 11-24 21:30, answered 11-25
    # 08:50 (11 h 20 min). The public cases page withholds a month of one case; the company
    # report is internal and shows it
    assert rows["东苑小区"][nov] == "1 件 1/1"
    surveys = _rows(out / "surveys.html")
    # by hand: 4 of 8 returned, 50 %, penalty 50 points, 72.7 % raw, 22.7 % adjusted
    assert surveys["小园小区"] == ["8", "4", "50.0%", "50.0", "72.7%", "22.7%", "报修响应"]
    assert surveys["小园网站 仅公开数据"] == surveys["小园网址 仅公开数据"] == surveys["小园小区"]
    assert rows["小园网站 仅公开数据"] == rows["小园小区"]
    records = load_records(offices["east"])
    st = compute_round(records.surveys[0])  # the office's own 问卷结果统计表 (hcomm survey report)
    assert surveys["东苑小区"][:6] == [str(st.delivered), str(st.returned), f"{pct(st.return_rate)}%",
                                    pct(st.penalty), f"{pct(st.overall.raw_rate)}%",
                                    f"{pct(st.overall.adjusted_rate)}%"]
    assert surveys["西苑小区（二期）"] == surveys["东苑小区"]
    table = list(csv.reader((out / "survey-tables.csv").read_text(encoding="utf-8-sig").splitlines()))
    small = [r for r in table if r[0] == "小园小区"]
    assert small[2][:10] == ["小园小区", "2026-06", "3", "报修响应", "D01", "1", "0", "2", "1", "33.3"]
    assert small[3][3:13] == ["总体", "", "5", "3", "3", "1", "72.7", "800/11", "22.7", "250/11"]
    east = {r[3]: r for r in table if r[0] == "东苑小区"}
    for it in st.items:
        assert east[it.text][5:8] == [str(it.satisfied), str(it.basic), str(it.dissatisfied)]


def test_company_pareto_pools_offices_by_code(company):
    offices, out, _res = company
    records = load_records(offices["east"])
    codes = dict(records.community.company_items)  # the example maps all twelve items
    st = compute_round(records.surveys[0])
    dis = {codes[i.text]: i.dissatisfied for i in st.items}
    assert len(dis) == 12
    small = {"A01": 1, "B01": 0, "D01": 2}  # by hand, from ANSWERS
    rows = _rows(out / "pareto.html")
    got = {cells[0]: int(cells[1]) for name, cells in rows.items() if name != "公司项目"}
    assert got == {code: 2 * dis[code] + small.get(code, 0) for code in dis}


def test_escalated_with_age_and_redacted(company):
    _offices, out, _res = company
    page = (out / "escalated.html").read_text(encoding="utf-8")
    cards = [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", page, re.S)
             if "小园" in li]
    assert len(cards) == 1  # not the public-only copies: summary.json has no escalated opinions
    # visited 2026-11-10, report as of 2026-12-08: 28 days; escalated in the summary of 12-03
    text = re.sub(r"\s+", " ", cards[0])
    assert "小园小区 已过 28 天" in text and "访问 2026-11-10 · V-S-1 · 上报 2026-12-03" in text
    assert "维修 〔已隐去〕业户反映电梯老旧，希望公司统一更换，电话〔已隐去〕" in text and "主任批示：需公司统一更换" in text
    assert "1栋1单元0102" not in text and PHONE not in text


def _private(offices: dict[str, Path]) -> tuple[set[str], set[str]]:
    """(every household ID and address, and the phone of the opinion; every room number)."""
    found, rooms = {PHONE}, set()
    for root in offices.values():
        for h in load_records(root).registry.households:
            found |= {h.id, h.address}
            rooms.add(h.room)
    return found, rooms


def test_no_household_data_in_any_output(company):
    offices, out, _res = company
    private, rooms = _private(offices)
    assert "1栋1单元0102" in private and "3-2-0301" in private and "0102" in rooms
    texts = {}
    for p in out.rglob("*"):
        if p.suffix == ".pdf":
            texts[p.name] = subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True,
                                           text=True, check=True).stdout
        elif p.is_file():
            texts[p.name] = html.unescape(p.read_text(encoding="utf-8"))
    assert "小园小区" in texts["company-report.pdf"]
    for name, text in texts.items():
        flat = re.sub(r"\s+", "", text)
        assert not [x for x in private if x in flat], name
        assert not [r for r in rooms if re.search(rf"(?<!\d){r}(?!\d)", text)], name


def test_company_yaml_and_arguments(tmp_path):
    small = _small(tmp_path, "s")
    (tmp_path / "c.yaml").write_text("offices:\n  - {path: s, label: 一号}\n  - https://x.example.cn/\n",
                                     encoding="utf-8")
    c = read_company_yaml(tmp_path / "c.yaml")
    assert [(o.kind, o.label) for o in c.offices] == [("records", "一号"), ("url", None)]
    assert c.offices[0].where == str(small)
    assert company_of([str(small)], cwd=tmp_path).name == "公司"
    (tmp_path / "bad.yaml").write_text("offices:\n  - {path: s, lable: x}\n", encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        read_company_yaml(tmp_path / "bad.yaml")
    assert "第 1 个管理处" in exc.value.zh
    with pytest.raises(UsageError):
        company_of([str(tmp_path / "nothing")], cwd=tmp_path)


def test_refuses_to_replace_a_folder_that_is_not_a_report(tmp_path):
    small = _small(tmp_path, "s")
    other = tmp_path / "docs"
    other.mkdir()
    (other / "keep.txt").write_text("x", encoding="utf-8")
    res = CliRunner().invoke(main, ["company", "build", str(small), "--out", str(other), "--now", NOW])
    assert res.exit_code == 2 and (other / "keep.txt").exists()


def test_all_or_nothing(tmp_path, monkeypatch):
    """A report that fails half-way (a full disk) leaves the previous report whole and no
    work folder behind (exit 3)."""
    import hcomm_gen.app.company as app

    small = _small(tmp_path, "s")
    out = tmp_path / "out"
    out.mkdir()
    (out / app.MARKER).write_text("", encoding="utf-8")
    (out / "index.html").write_text("old", encoding="utf-8")

    def full_disk(name, outcomes, now, folder, pdf_map=map):
        (folder / "index.html").write_text("new", encoding="utf-8")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(app, "render_company", full_disk)
    res = CliRunner().invoke(main, ["company", "build", str(small), "--out", str(out), "--now", NOW])
    assert res.exit_code == 3 and "No space left on device" in res.output
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "s"]
