"""The examples of docs/records.md are valid records when pasted (issue 12: placeholders such
as ``[2027-01-01, ...]`` in a pasted example became errors): the first YAML block of every
kind's section loads with its model without a problem."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hcomm_gen.records.loader import parse_record
from hcomm_gen.records.models import (
    Case,
    Community,
    Meeting,
    Notice,
    Registry,
    Suggestion,
    SurveyAnswers,
    SurveyRound,
    Visit,
    VisitSummary,
)
from hcomm_gen.records.types import DEFAULT_TZ
from hcomm_gen.records.yamlsrc import load_file

DOC = Path(__file__).resolve().parents[2] / "docs" / "records.md"
#: section heading (start) → the models of its YAML blocks, in order (None: a fragment)
SECTIONS = {"community.yaml": [Community], "households.yaml": [Registry], "Notice": [Notice],
            "Visit": [Visit], "Case": [Case, None], "Anonymous suggestion": [Suggestion],
            "Owners' meeting": [Meeting], "Monthly visit summary": [VisitSummary],
            "Survey round": [SurveyRound, SurveyAnswers]}


def _blocks() -> list[tuple[str, int, str, type]]:
    out = []
    for section in re.split(r"^## ", DOC.read_text(encoding="utf-8"), flags=re.M)[1:]:
        title = section.splitlines()[0]
        models = next((m for name, m in SECTIONS.items() if title.startswith(name)), None)
        if models is None:
            continue
        blocks = re.findall(r"```yaml\n(.*?)```", section.split("\n### ")[0], flags=re.S)
        for i, (text, model) in enumerate(zip(blocks, models, strict=False)):
            if model is not None:
                out.append((title, i, text, model))
    return out


def test_every_kind_has_an_example():
    assert {m for *_, m in _blocks()} == {m for ms in SECTIONS.values() for m in ms if m}


@pytest.mark.parametrize("title, i, text, model", _blocks(), ids=lambda v: v if isinstance(v, str) else None)
def test_a_pasted_example_is_a_valid_record(tmp_path, title, i, text, model):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    src, problems = load_file(path, "x.yaml")
    assert problems == [] and src is not None
    rec, problems = parse_record(model, src, DEFAULT_TZ)
    assert [p.format() for p in problems] == []
    assert rec is not None
