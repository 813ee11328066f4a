"""The rule registry, over EVERY registered rule (no exemptions):

* a "check" or "format" rule passes on its example office and fails on the other one with its
  ID at the expected line (tests/rules/examples.py ``EXAMPLES``);
* a "formula" rule's domain function gives the hand-computed exact value (``FORMULAS``);
* every rule has its row in docs/rules.md, and docs/rules.md is what the registry generates;
* every rule ID of PROCEDURE.md's rule map is registered, with the same clause;
* the registry itself: a duplicate ID raises, every check has a known scope and declared rules.
"""
from __future__ import annotations

import re

import pytest
from examples import EXAMPLES, FORMULAS
from helpers import line_of, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.core import registry
from hcomm_gen.rules import SCOPES, catalogue
from hcomm_gen.rules import docs as rules_docs

CATALOGUE = catalogue()
CHECKED = [r.id for r in CATALOGUE if r.kind in ("check", "format")]
FORMULA = [r.id for r in CATALOGUE if r.kind == "formula"]


def test_every_rule_has_an_example_and_no_example_is_stale():
    assert sorted(EXAMPLES) == sorted(CHECKED), (
        f"rules without an example in tests/rules/examples.py: {sorted(set(CHECKED) - set(EXAMPLES))}; "
        f"examples of no registered check rule: {sorted(set(EXAMPLES) - set(CHECKED))}")
    assert sorted(FORMULAS) == sorted(FORMULA), (
        f"formulas without a hand-computed example: {sorted(set(FORMULA) - set(FORMULAS))}; "
        f"stale: {sorted(set(FORMULAS) - set(FORMULA))}")


def _office(tmp_path, ex, files, community):
    return make_office(tmp_path, {**ex.files, **files}, community=community, households=ex.households)


@pytest.mark.parametrize("rule_id", CHECKED)
def test_rule_passes_and_fails_at_the_expected_line(tmp_path, rule_id):
    ex = EXAMPLES.get(rule_id)
    assert ex is not None, f"{rule_id} has no example in tests/rules/examples.py"
    good = pipeline.check(_office(tmp_path / "good", ex, ex.good, ex.community), ex.now).problems
    assert [p.format() for p in good if p.rule == rule_id] == [], f"{rule_id}: the passing office fails"
    bad_community = ex.bad_community or ex.community
    bad = pipeline.check(_office(tmp_path / "bad", ex, ex.bad, bad_community), ex.now).problems
    path, where = ex.at
    text = bad_community if path == "community.yaml" else ex.bad[path]
    line = where if isinstance(where, int) else line_of(text, where)
    got = [(p.pos.path, p.pos.line) for p in bad if p.rule == rule_id]
    assert any(pp.replace("\\", "/").endswith(f"records/{path}") and ln == line for pp, ln in got), (
        f"{rule_id} expected at records/{path}:{line}, got {got}")


@pytest.mark.parametrize("rule_id", FORMULA)
def test_formula_gives_the_hand_computed_value(rule_id):
    compute, expected = FORMULAS[rule_id]
    assert compute() == expected


def test_formula_values_are_exact():
    """Rates are Fractions, never floats (a float 300/7 would not equal Fraction(300, 7))."""
    compute, expected = FORMULAS["SURVEY-RATE"]
    assert type(compute()) is type(expected) and compute() != 300 / 7


def test_docs_rules_md_is_generated_from_the_registry(repo):
    on_disk = (repo / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == rules_docs.render(), (
        f"docs/rules.md differs from the registry; regenerate it: {rules_docs.REGENERATE}")


@pytest.mark.parametrize("rule_id", [r.id for r in CATALOGUE])
def test_every_rule_has_a_docs_row_with_its_clause_and_text(repo, rule_id):
    table = (repo / "docs" / "rules.md").read_text(encoding="utf-8")
    [row] = [ln for ln in table.splitlines() if ln.startswith(f"| `{rule_id}` |")]
    r = registry.RULES[rule_id]
    assert f"| {r.clause} |" in row
    assert r.doc and r.doc.replace("|", "\\|") in row


def _procedure_map(repo):
    """``{rule ID: clause}`` of PROCEDURE.md: the table rows ``| `ID` | clause | … |`` and the
    list items ``- `ID` (clause): …``."""
    path = repo.parent / "shared" / "PROCEDURE.md"
    if not path.exists():
        pytest.skip(f"{path} not found (the project's shared folder)")
    text = path.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([A-Z0-9-]+)` \| ([^|]+?) \|", text, re.MULTILINE))
    items = dict(re.findall(r"^- `([A-Z0-9-]+)` \(([^)]+)\)", text, re.MULTILINE))
    return {**rows, **items}


def _norm(clause: str) -> str:
    return re.sub(r"[\"“”\s]", "", clause)


def test_procedure_rule_map_is_registered_with_its_clauses(repo):
    proc = _procedure_map(repo)
    assert len(proc) >= 45  # the map has 45 rule IDs today: a parse that finds none must fail
    missing = sorted(set(proc) - set(registry.RULES))
    assert missing == [], f"rules of PROCEDURE.md not registered: {missing}"
    wrong = {rid: (registry.RULES[rid].clause, c) for rid, c in proc.items()
             if _norm(registry.RULES[rid].clause) != _norm(c)}
    assert wrong == {}, f"clauses differing from PROCEDURE.md (registry, procedure): {wrong}"
    # the rules that are not in the procedure are this tool's record-format rules
    extra = sorted(r.id for r in CATALOGUE if r.id not in proc and r.kind != "format")
    assert extra == [], (f"rules not in PROCEDURE.md's rule map: {extra}. A rule of the procedure gets its ID "
                         "in the map first (shared folder); a rule of this tool's own is declared kind='format'.")


def test_every_check_has_a_known_scope_and_declared_rules():
    for chk in registry.CHECKS:
        assert chk.scope in SCOPES, chk.name
        assert chk.rules and all(rid in registry.RULES for rid in chk.rules), chk.name
    for r in CATALOGUE:
        assert (r.kind == "formula") == (not r.checks) or r.kind == "format", r.id


def test_a_duplicate_rule_id_raises_at_declaration():
    with pytest.raises(registry.DuplicateRule, match="NOTICE-LEAD"):
        registry.declare("NOTICE-LEAD", clause="T", zh="x", en="x", doc="x", kind="check")
    with pytest.raises(registry.DuplicateRule):
        @registry.rule("VISIT-QUOTA", clause="P5.1.1", zh="x", en="x")
        def again(ctx):  # pragma: no cover
            return []
    assert registry.RULES["NOTICE-LEAD"].clause == "T 时效性"
    assert all(chk.fn.__name__ != "again" for chk in registry.CHECKS)
