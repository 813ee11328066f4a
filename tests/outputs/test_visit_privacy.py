"""Issue 5: VISIT-PRIVACY (P5.3.3) and SUGGESTION-ANONYMOUS (T4).

The public outputs (``site/`` and the notice sheets in ``print/``) show visits only as monthly
aggregates: no household address or ID, name or phone from any visit, case or suggestion
record. Internal outputs (``internal/``) are never copied into the site."""
from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

from click.testing import CliRunner
from helpers import VISIT, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.cli import main
from hcomm_gen.domain.privacy import PERSON, PHONE_WRITTEN

#: the identity patterns of the rules (hcomm_gen.domain.privacy): names (surname + 先生/阿姨/…)
#: and phone numbers as written (spaces and dashes allowed)
NAME, PHONE = PERSON, PHONE_WRITTEN


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)


def identity_needles(records) -> set[str]:
    """Every household address (``3栋2单元0301``, ``3栋2单元 0301``, ``3栋2单元0301室``) and ID
    (``3-2-0301``), every person's name (surname + 先生/阿姨/…) and phone number that appears in
    a visit, case or suggestion record; staff contact points (community file) are public and
    left out."""
    hh = records.households_by_id()
    c = records.community
    public = {s.name for s in c.staff} | {s.phone for s in c.staff if s.phone} | {
        c.office.hotline, c.office.complaint_hotline}
    needles: set[str] = set()
    for rec in [*records.visits, *records.cases, *records.suggestions]:
        ids = {rec.household} if getattr(rec, "household", None) else set()
        for text in _strings(rec.model_dump(mode="json", by_alias=True)):
            ids |= set(re.findall(r"\b\d{1,2}-\d-\d{4}\b", text)) & set(hh)
            needles |= {m.group(0) for m in NAME.finditer(text)}
            needles |= {m.group(0) for m in PHONE.finditer(text)}
        for field in ("name", "phone"):
            if getattr(rec, field, None):
                needles.add(getattr(rec, field))
        for hid in ids:
            needles.add(hid)
            if hid in hh:
                h = hh[hid]
                needles |= {h.address, f"{h.building}{h.unit} {h.room}", f"{h.address}室"}
    return needles - public


def public_text(root: Path) -> str:
    """Every file under site/ (gzip unpacked, binary as UTF-8 with errors ignored) and the text
    of every sheet under print/."""
    parts = []
    for p in sorted((root / "site").rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            if p.suffix == ".gz":
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="ignore")
            parts.append(text)
            if p.suffix == ".json":  # the search index escapes non-ASCII as \\uXXXX
                try:
                    parts.append(json.dumps(json.loads(text), ensure_ascii=False))
                except ValueError:
                    pass
    for p in sorted((root / "print").glob("*.pdf")) if (root / "print").exists() else []:
        parts.append(subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True,
                                    check=True).stdout)
    return "\n".join(parts)


def leaks(needles: set[str], blob: str) -> list[str]:
    """The needles found in ``blob`` (one pass of one alternation, longest needle first: any
    leak is found, though a needle inside a longer found one is not listed separately)."""
    pattern = re.compile("|".join(map(re.escape, sorted(needles, key=len, reverse=True))))
    return sorted(set(pattern.findall(blob)))


def test_leak_scan_finds_each_form():
    needles = {"3-2-0301", "3栋2单元0301", "王阿姨", "13812345678"}
    blob = "…3-2-0301… <td>王阿姨</td> tel:13812345678"
    assert leaks(needles, blob) == sorted(needles - {"3栋2单元0301"})
    assert leaks(needles, "3栋2单元 0302 3-2-03011") == ["3-2-0301"] and leaks(needles, "3栋") == []


def test_example_site_shows_no_household_identity(example_build):
    root, result = example_build
    rec = result.check.records
    needles = identity_needles(rec)
    assert len(needles) > 300          # ~450 visits, the cases' households
    assert {"3-2-0301", "3栋2单元0301"} & needles or any(n.endswith("单元0301") for n in needles)
    blob = public_text(root)
    assert len(blob) > 100_000 and "访问业户统计" in blob
    assert leaks(needles, blob) == []


def test_names_phones_and_internal_outputs_stay_out_of_the_site(tmp_path):
    text = VISIT.replace("楼道需要更勤打扫", "王阿姨说楼道需要更勤打扫，有事打她电话13812345678")
    case = ("id: C-1\nkind: 投诉\nchannel: 电话\nreceived: 2026-03-02 10:00\nhousehold: 2-1-0102\n"
            "topic: 维修\nsummary: 李先生反映卫生间漏水，联系电话 0571-8765 4321\n"
            "first_response: 2026-03-02 11:00\nvalid: true\n")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text, "cases/2026/c1.yaml": case})
    res = CliRunner().invoke(main, ["--root", str(root), "visits", "summary", "--month", "2026-03"])
    assert res.exit_code == 0, res.output
    internal = root / "internal" / "visit-summary-2026-03.pdf"
    assert internal.exists() and "王阿姨" in subprocess.run(
        ["pdftotext", str(internal), "-"], capture_output=True, text=True).stdout
    result = pipeline.build(root, "2026-03-20 12:00", prints=False)
    assert result.site_dir, [p.format() for p in result.check.errors]
    rec = result.check.records
    needles = identity_needles(rec)
    assert {"王阿姨", "13812345678", "李先生", "0571-8765 4321", "1-1-0102", "1栋1单元0102",
            "2-1-0102", "2栋1单元0102"} <= needles
    blob = public_text(root)
    assert leaks(needles, blob) == []
    assert not [p for p in (root / "site").rglob("*") if "internal" in p.name or p.suffix == ".pdf"]
    # the visits page shows the month's aggregate: 8 occupied, 4 %, 1 required, 1 visited
    page = (root / "site" / "visits" / "index.html").read_text(encoding="utf-8")
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", page)]
    i = cells.index("2026年3月")
    assert cells[i:i + 6] == ["2026年3月", "8", "4%（≤300 户档）", "1", "1", "已达标（进行中）"]
    assert internal.exists()


def test_internal_is_git_ignored(repo):
    assert "/internal/" in (repo / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_anonymous_suggestion_carries_no_identity(tmp_path):
    good = "id: S-1\nreceived: 2026-03-10\nchannel: 意见箱\ntopic: 绿化\ntext: 希望增加几张长椅\n"
    root = make_office(tmp_path, {"suggestions/2026/s1.yaml": good})
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", "2026-03-20 12:00"])
    assert res.exit_code == 0, res.output
    for extra in ("household: 1-1-0102\n", "name: 王先生\n", "phone: 13812345678\n"):
        root = make_office(tmp_path / str(len(extra)) / extra[:4], {"suggestions/2026/s1.yaml": good + extra})
        res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", "2026-03-20 12:00",
                                        "--format", "json"])
        assert res.exit_code == 1
        assert [(p["rule"], p["line"]) for p in json.loads(res.output)] == [("SUGGESTION-ANONYMOUS", 6)]
