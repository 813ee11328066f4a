"""Messages and output formats: every problem says what was found, what was expected and
how to fix it, in Chinese and (``--lang en``) English; ``--format json`` and ``github``;
``--strict``. (That every rule has its docs row and examples: test_registry.py.)"""
from __future__ import annotations

import json
import re

import test_rules_cases as cases_t
import test_rules_notices as notices_t
from click.testing import CliRunner
from helpers import COMMUNITY, PEST, VISIT, line_of, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.cli import main

NOW = "2026-04-10 12:00"
CJK = re.compile(r"[\u4e00-\u9fff]")
FIX_ZH = ("请", "应", "要")
FIX_EN = re.compile(r"\b(Add|Check|Write|Delete|Remove|Publish|Put|Give|Fix|Respond|Record|Move|"
                    r"Keep|Merge|merge|Hold|Quote|Separate|Open|Use|Replace|Switch|Fill|Post|post|"
                    r"add|check|write|delete|remove|publish|respond|record|tell|must|needs?|is due|"
                    r"Opinions are numbered|Did you mean)\b")


def all_bad_problems(tmp_path):
    out = []
    for i, (rule, text, _needle) in enumerate(notices_t.BAD):
        root = make_office(tmp_path / f"n{i}", {"notices/2026/n.yaml": text})
        out += [p for p in pipeline.check(root, NOW).problems if p.rule == rule]
    for i, (rule, text, _needle) in enumerate(cases_t.BAD):
        root = make_office(tmp_path / f"c{i}", {"cases/2026/c.yaml": text})
        out += [p for p in pipeline.check(root, NOW).problems if p.rule == rule]
    return out


def test_every_message_has_found_expected_and_fix_in_both_languages(tmp_path):
    problems = all_bad_problems(tmp_path)
    assert len(problems) >= len(notices_t.BAD) + len(cases_t.BAD)
    for p in problems:
        assert CJK.search(p.zh), p.zh
        assert any(w in p.zh for w in FIX_ZH), p.zh
        assert p.en != p.zh and re.search(r"[A-Za-z]{3,}", p.en), p.en
        assert FIX_EN.search(p.en), p.en
        # the English text is English: Chinese only inside quoted values or examples
        assert len(CJK.findall(p.en)) < len(p.en) / 2, p.en


def test_lang_en_prints_english(tmp_path):
    text = PEST.replace("warning_signs: [1栋大堂]\n", "")
    root = make_office(tmp_path, {"notices/2026/n.yaml": text})
    res = CliRunner().invoke(main, ["--root", str(root), "--lang", "en", "check", "--now", NOW])
    assert res.exit_code == 1
    line = [ln for ln in res.output.splitlines() if "NOTICE-PEST" in ln][0]
    assert f"records/notices/2026/n.yaml:{line_of(text, 'kind:')}:7: error NOTICE-PEST (P4.1): " in line
    assert "warning signs" in line
    assert "Checked" in res.output and "errors" in res.output


def test_json_format(tmp_path):
    text = PEST.replace("warning_signs: [1栋大堂]\n", "")
    root = make_office(tmp_path, {"notices/2026/n.yaml": text})
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", NOW, "--format", "json",
                                    str(root / "records/notices")])
    assert res.exit_code == 1
    [p] = json.loads(res.output)
    assert p["path"].endswith("records/notices/2026/n.yaml")
    assert {k: p[k] for k in ("line", "column", "severity", "rule", "clause")} == {
        "line": 2, "column": 7, "severity": "error",
        "rule": "NOTICE-PEST", "clause": "P4.1"}
    assert p["message"] == p["message_zh"] and "警示标示" in p["message_zh"] and "warning signs" in p["message_en"]


def test_github_format_errors_and_warnings(tmp_path):
    late = VISIT.replace("19:30", "22:30") + "late_reason: 业户本人要求晚间来访\n"
    bad = PEST.replace("warning_signs: [1栋大堂]\n", "")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": late, "notices/2026/n.yaml": bad})
    res = CliRunner().invoke(main, ["--root", str(root), "--lang", "en", "check", "--now", NOW,
                                    "--format", "github", str(root / "records/notices"),
                                    str(root / "records/visits")])
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("::error file=") and \
        "records/notices/2026/n.yaml,line=2,col=7,title=NOTICE-PEST (P4.1)::Pest control" in lines[0]
    warn = [ln for ln in lines if ln.startswith("::warning")]
    assert warn and "title=VISIT-2200 (P5.3.1)::" in warn[0]


def test_github_format_escapes_newlines(tmp_path):
    from hcomm_gen.core.problems import Position, Problem, format_problems
    p = Problem("RECEPTION-DAY", Position("a.yaml", 1, 1), "第一行\n第二行 100%", "x")
    # a message is one line from the start (issue 15: a record quoted into it cannot break it)
    assert p.zh == "第一行\\n第二行 100%"
    assert format_problems([p], "github") == \
        "::error file=a.yaml,line=1,col=1,title=RECEPTION-DAY (T1)::第一行\\n第二行 100%25"


def test_strict_fails_on_warnings_only(tmp_path):
    text = notices_t.FINANCE.format(p="2026-Q1", pub="2026-04-13 09:00")
    root = make_office(tmp_path, {"notices/2026/n.yaml": text})  # no finance_period: a warning
    args = ["--root", str(root), "check", "--now", "2026-04-20 12:00"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0 and "警告 NOTICE-FINANCE (P4.5)" in res.output
    assert CliRunner().invoke(main, [*args, "--strict"]).exit_code == 1


def test_every_message_is_one_line(tmp_path):
    """A message is one line (``path:line:col: …``): editors, CI annotations and grep read one
    problem per line. Loader, record-format and rule messages of a set of broken records."""
    problems = all_bad_problems(tmp_path)
    community = COMMUNITY.replace("reception_day: {weekday: 3, start: 09:00, end: 11:30}\n", "")
    visit = VISIT.replace("appointment: {made: 2026-03-01 10:00, for: 2026-03-05 19:30}\n", "")
    root = make_office(tmp_path / "all", {
        "visits/2026/2026-03/v1.yaml": visit,
        "visits/2026/2026-03/v2.yaml": VISIT.replace("id: V-1", "id: V-1/2").replace("signature: 已签名\n", ""),
        "notices/2026/a.yaml": PEST.replace("title: 灭鼠通知", "title: #3栋").replace(
            "warning_signs: [1栋大堂]", "warning_signs:\n  - "),
        "notices/2026/b.yaml": PEST.replace("id: N-2", "id: N-3").replace("areas: [全体业户]", "areas: [1栋，2栋]")
        .replace("start: 2026-03-05 09:00", "start: 2026-03-05").replace("end: 2026-03-05 17:00", "end: 2026/3/5 9:00"),
        "notices/2026/c.yaml": PEST.replace("id: N-2", "id: N-4").replace("kind: pest_control", "kind: pest"),
        "notices/2026/d.yaml.txt": PEST,
        "surveys/2026-12/answers.yaml": "answers: []\n",
        "cases/2026/c.yaml": "id: C-1\nkind: 投诉\nreceived: 2026年3月1日 9:00\nsummary: 漏水\n",
    }, community=community)
    problems += pipeline.check(root, "2026-05-20 12:00").problems
    rules = {p.rule for p in problems}
    assert {"RECEPTION-DAY", "VISIT-APPOINTMENT", "VISIT-SUMMARY", "RECORD-ID", "RECORD-FIELD",
            "RECORD-REF", "YAML-SYNTAX"} <= rules, rules
    for p in problems:
        assert "\n" not in p.zh and "\n" not in p.en, p.format()
        assert p.pos.line >= 1 and p.pos.column >= 1, p.format()
