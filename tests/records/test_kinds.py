"""The record-kind table (issue 10): one entry per kind drives loading, IDs, schemas and as-of."""
from __future__ import annotations

from datetime import datetime

from helpers import VISIT, make_office

from hcomm_gen.domain.asof import as_of
from hcomm_gen.records.loader import FOLDERS, KINDS, RECORD_KINDS, Records, load_records


def test_every_kind_is_consistent():
    names = [k.name for k in RECORD_KINDS]
    assert len(names) == len(set(names))
    assert set(FOLDERS) == {"notices", "meetings", "cases", "suggestions", "visits", "visit-summaries"}
    assert set(KINDS) == set(names)
    empty = Records(root=None)  # type: ignore[arg-type]
    for kind in RECORD_KINDS:
        if kind.attr:
            assert kind.items(empty) == [] or kind.name == "community"
        if kind.id_label:
            assert "id" in kind.model.model_fields or kind.name == "households"
        for f in (kind.happened, *kind.pending, *kind.pending_lists):
            if f:
                assert f in kind.model.model_fields, (kind.name, f)


def test_ids_and_as_of_come_from_the_table(tmp_path):
    # a visit on 2026-03-05 19:30 whose feedback was given 2026-03-08: as of 03-06 it has
    # happened, its feedback not yet; as of 03-05 12:00 the visit itself had not happened
    text = VISIT + "feedback_needed: true\nfeedback: {time: 2026-03-08 10:00, text: 已回复}\n"
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": text})
    records = load_records(root)
    assert not [p for p in records.problems if p.severity == "error"], records.problems
    labels = {k.id_label: k.items(records) for k in RECORD_KINDS if k.id_label}
    assert [v.id for v in labels["visit"]] == ["V-1"]
    assert len(labels["household"]) == 10
    tz = records.tz
    mid = as_of(records, datetime(2026, 3, 6, 12, tzinfo=tz))
    assert [v.id for v in mid.visits] == ["V-1"] and mid.visits[0].feedback is None
    assert records.visits[0].feedback is not None  # the original is unchanged
    before = as_of(records, datetime(2026, 3, 5, 12, tzinfo=tz))
    assert before.visits == []
