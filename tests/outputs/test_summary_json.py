"""``site/summary.json`` (issue 13.3): valid against the shipped schema, the same figures as the
office's own pages, hand-checked on the example as of 2026-11-29 12:00, and no household data."""
from __future__ import annotations

import json
import re
from datetime import datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

import jsonschema
import yaml

from hcomm_gen.domain.office_figures import office_figures
from hcomm_gen.domain.privacy import PHONE_WRITTEN, ROOM_WRITTEN
from hcomm_gen.outputs.summary import SCHEMA_PATH, public_from_json, schema
from hcomm_gen.records.loader import load_records

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _summary(example_build):
    root, _ = example_build
    text = (root / "site" / "summary.json").read_text(encoding="utf-8")
    return root, text, json.loads(text)


def _cells(html: str) -> str:
    """The text of an HTML page with every tag as ``|``."""
    return re.sub(r"<[^>]*>", "|", html)


def test_summary_json_is_valid_against_the_shipped_schema(example_build):
    _, _, data = _summary(example_build)
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)
    assert SCHEMA_PATH.parent.name == "defaults" and (data["format"], data["version"]) == ("hcomm-summary", 1)
    # a wrong value is refused: the schema is not a blank cheque
    bad = json.loads(json.dumps(data))
    bad["visit_quota"]["this_month"]["rate_percent"] = 8
    assert not jsonschema.Draft202012Validator(schema()).is_valid(bad)


def test_november_quota_equals_the_visits_page_and_the_hand_count(example_build):
    root, _, data = _summary(example_build)
    nov = data["visit_quota"]["this_month"]
    # distinct households of November's visits up to now, return visits excluded, by hand
    seen = set()
    for f in sorted((root / "records" / "visits" / "2026" / "2026-11").glob("*.yaml")):
        v = yaml.safe_load(f.read_text(encoding="utf-8"))
        if not v.get("return_visit") and str(v["time"]) <= "2026-11-29 12:00":
            seen.add(v["household"])
    # 618 occupied on 11-01: the 501–800 band, 6 %: ceil(618 × 6 / 100) = ceil(37.08) = 38
    assert nov == {"month": "2026-11", "occupied": 618, "rate_percent": 6, "required": 38,
                   "visited": len(seen), "visits": 44, "met": True, "complete": False}
    assert len(seen) == 42
    page = _cells((root / "site" / "visits" / "index.html").read_text(encoding="utf-8"))
    assert "2026年11月||618||6%（501–800 户档）||38||42||已达标（进行中）" in page
    # every complete month of the period is listed, January to October
    assert [q["month"] for q in data["visit_quota"]["months"]] == [f"2026-{m:02d}" for m in range(1, 11)]
    assert data["period"]["months"] == [q["month"] for q in data["visit_quota"]["months"]]


def test_june_round_equals_the_surveys_page_and_the_hand_count(example_build):
    root, _, data = _summary(example_build)
    [june] = data["surveys"]
    answers = yaml.safe_load((root / "records" / "surveys" / "2026-06" / "answers.yaml").read_text(encoding="utf-8"))
    returned = len(answers["answers"])
    assert (june["round"], june["delivered"], june["returned"], returned) == ("2026-06", 617, 407, 407)
    # 407 / 617 = 65.96… % ≥ 60 %: no penalty
    assert june["return_rate"] == {"num": 40700, "den": 617, "display": "66.0"} and june["return_ok"] is True
    assert june["penalty"] == {"num": 0, "den": 1, "display": "0.0"}
    # all items pooled: 2669 满意 + 2093 基本满意 of 2669 + 2093 + 54 counted = 4762 / 4816 = 98.88 %
    assert Fraction(june["raw_satisfaction"]["num"], june["raw_satisfaction"]["den"]) == Fraction(100 * 4762, 4816)
    assert june["raw_satisfaction"]["display"] == june["adjusted_satisfaction"]["display"] == "98.9"
    # Pareto of the 54 dissatisfied answers: 22 (40.7 %), 14 (66.7 %), 7 (79.6 % ≤ 80 %) are the main items
    main = [(i["no"], i["dissatisfied"], i["cumulative"]["display"], i["company_code"]) for i in june["main_items"]]
    assert main == [(2, 22, "40.7", "A02"), (6, 14, "66.7", "D01"), (3, 7, "79.6", "B01")]
    page = _cells((root / "site" / "surveys" / "index.html").read_text(encoding="utf-8"))
    assert ("2026年6月||617||407||66.0%||98.9%||小区停车秩序与车辆管理、报修响应及维修及时性、楼道及公共区域清洁"
            in page)


def test_cases_carry_the_cases_page_suppression(example_build):
    root, _, data = _summary(example_build)
    nov = next(m for m in data["cases"] if m["month"] == "2026-11")
    # one complaint in November: fewer than 3, so no time figure, as the cases page says
    assert nov["received"] == 1 and nov["by_kind"] == {"投诉": 1, "建议": 0, "问题": 0, "财产损坏": 0}
    assert (nov["times_published"], nov["responded"], nov["response_rate"], nov["response_withheld"]) == (
        False, None, None, True)
    assert "2026年11月||少于 3 件，不单独公布" in _cells((root / "site" / "cases" / "index.html").read_text("utf-8"))


def test_summary_json_reads_back_into_the_office_figures(example_build):
    root, _, data = _summary(example_build)
    assert public_from_json(data) == office_figures(load_records(root), NOW).public


def test_no_household_data_and_no_company_part_in_summary_json(example_build):
    root, text, _ = _summary(example_build)
    registry = yaml.safe_load((root / "records" / "households.yaml").read_text(encoding="utf-8"))
    for h in registry["households"]:
        assert h["id"] not in text
        assert f"{h['building']}{h['unit']}{h['room']}" not in text
    assert not ROOM_WRITTEN.search(text) and not PHONE_WRITTEN.search(text)
    # nothing of the company's part: no escalated opinion, note or visit, no item table
    figures = office_figures(load_records(root), NOW).company
    assert figures.escalated and figures.tables
    for e in figures.escalated:
        assert e.visit not in text and e.text not in text and (e.note or "") not in text
    assert '"satisfied"' not in text and '"blank"' not in text
