"""The JSON Schema is generated from the pydantic models (one source of truth) and agrees with
them on the example community: every record file, read as text, validates."""
from __future__ import annotations

import json

import pytest

from hcomm_gen.records.loader import FOLDERS, KINDS, record_schemas, write_schemas
from hcomm_gen.records.yamlsrc import load_file

jsonschema = pytest.importorskip("jsonschema")


def kind_of(path, base):
    rel = path.relative_to(base)
    if rel.parts[0] == "surveys":
        return "survey-answers" if rel.stem == "answers" else "survey-round"
    if len(rel.parts) == 1:
        return rel.stem
    return rel.parts[0]


def test_every_kind_has_a_closed_schema():
    schemas = record_schemas()
    assert set(schemas) == set(KINDS) >= set(FOLDERS) | {"community", "households"}
    for kind, schema in schemas.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False, kind
    assert "for" in schemas["visits"]["$defs"]["Appointment"]["properties"]  # aliases are used


def test_example_records_validate(repo):
    schemas = {k: jsonschema.Draft202012Validator(s) for k, s in record_schemas().items()}
    base = repo / "records"
    checked = 0
    for path in sorted(base.rglob("*.yaml")):
        kind = kind_of(path, base)
        if kind not in schemas:
            continue
        doc, problems = load_file(path, str(path))
        assert problems == [] and doc is not None, path
        errors = [e.message for e in schemas[kind].iter_errors(doc.data)]
        assert errors == [], (path, errors[:3])
        checked += 1
    assert checked > 100


def test_schema_refuses_what_the_model_refuses():
    v = jsonschema.Draft202012Validator(record_schemas()["cases"])
    good = {"id": "C-1", "kind": "投诉", "received": "2026-03-01 10:00", "summary": "漏水", "valid": "no"}
    assert list(v.iter_errors(good)) == []
    assert list(v.iter_errors({**good, "recieved": "2026-03-01"}))          # a typo
    assert list(v.iter_errors({**good, "received": "2026年3月1日"}))         # not a date-time
    assert list(v.iter_errors({**good, "kind": "表扬"}))                     # not a case kind


def test_write_schemas(tmp_path):
    paths = write_schemas(tmp_path)
    assert {p.name for p in paths} == {f"{k}.schema.json" for k in KINDS}
    assert json.loads((tmp_path / "notices.schema.json").read_text(encoding="utf-8"))["title"] == "Notice"
