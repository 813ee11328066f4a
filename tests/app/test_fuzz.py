"""Issue 15, the fuzz property: whatever a record file contains, ``check`` answers with exit 0
or 1 and located problems (or a documented error of exit 1/2), never exit 4, never more than
10 s; ``build`` (site only) never exit 4 either. Inputs are real files of the example
community mutated by ``tests/fuzz_records.py`` (hostile scalars, keys dropped or duplicated,
lines and bytes inserted or deleted, truncation, other encodings); the long run of the same
inputs is ``scripts/fuzz.py``.

Bounded for the suite: derandomized (the same examples on every run, no example database),
a few hundred checks of ~30 ms and a handful of builds; each example under a 10 s watchdog
(and hypothesis's deadline)."""
from __future__ import annotations

from datetime import timedelta

import fuzz_records as fz
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

_OP = st.tuples(st.sampled_from(fz.OPS), st.integers(0, (1 << 16) - 1), st.integers(0, (1 << 16) - 1))
INPUTS = st.tuples(st.sampled_from(fz.SOURCES), st.lists(_OP, min_size=1, max_size=3))

_SETTINGS = dict(derandomize=True, database=None, deadline=timedelta(seconds=fz.TIME_LIMIT),
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=False,
                 phases=(Phase.explicit, Phase.generate, Phase.shrink))


def _put(src: str, key: str, value: str) -> tuple[str, list]:
    """The input putting ``value`` (one of ``fz.HOSTILE_SCALARS``) as the first ``key`` of ``src``."""
    return src, [("scalar", fz.value_index(src, key), fz.HOSTILE_SCALARS.index(value))]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The small office of ``fz.BASE``; each example writes its file and puts the original back."""
    return fz.make_base(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(scope="module")
def warm_office(office):
    """The same office, built once first (:func:`fz.warm_up`)."""
    fz.warm_up(office)
    return office


def _assert_holds(outcome: fz.Outcome, src: str, ops) -> None:
    assert outcome.status == "ok", (
        f"{outcome.status}: {outcome.key}\ninput: {fz.describe(src, ops)}\n{outcome.detail}")


@settings(max_examples=100, **_SETTINGS)
@given(INPUTS)
# the inputs: a date typed as a day count (all 5 crashes of its fuzz run), lead days
# that overflow a date
@example(_put("community.yaml", "fee_change", "20261208"))
@example(_put("community.yaml", "outage", "9999999999"))
def test_check_of_mutated_records_exits_0_or_1_with_located_problems(office, case):
    src, ops = case
    data = fz.apply_mutations((fz.RECORDS / src).read_bytes(), ops)
    _assert_holds(fz.run_one(office, src, data), src, ops)


@settings(max_examples=6, **_SETTINGS)
@given(INPUTS)
def test_site_build_of_mutated_records_never_exits_4(warm_office, case):
    src, ops = case
    data = fz.apply_mutations((fz.RECORDS / src).read_bytes(), ops)
    _assert_holds(fz.run_one(warm_office, src, data, build=True), src, ops)


def test_mutations_are_deterministic_and_hostile():
    """The same input gives the same bytes (a seed or an example is its own reproducer), and
    the ops do what they say on a file whose lines are known."""
    raw = b"id: N-1\ntitle: t\nareas: [1\xe6\xa0\x8b]\n"
    assert fz.apply_mutations(raw, [("scalar", 1, 13)]) == b"id: 20261208\ntitle: t\nareas: [1\xe6\xa0\x8b]\n"
    assert fz.apply_mutations(raw, [("drop_key", 1, 0)]) == b"id: N-1\n\nareas: [1\xe6\xa0\x8b]\n"
    assert fz.apply_mutations(raw, [("dup_key", 0, 0)]) == b"id: N-1\nid: N-1\ntitle: t\nareas: [1\xe6\xa0\x8b]\n"
    assert fz.apply_mutations(raw, [("delete_line", 1, 0)]) == b"id: N-1\nareas: [1\xe6\xa0\x8b]\n"
    assert fz.apply_mutations(raw, [("truncate", 4, 0)]) == b"id: "
    assert fz.apply_mutations(raw, [("insert_bytes", 2, 0)]) == b"id\x00: N-1\ntitle: t\nareas: [1\xe6\xa0\x8b]\n"
    form_feed = fz.HOSTILE_SCALARS.index("\x0c")
    assert fz.apply_mutations(raw, [("line_value", 1, form_feed)]) == b"id: N-1\ntitle: \x0c\nareas: [1\xe6\xa0\x8b]\n"
    twice = [fz.apply_mutations(raw, [("repeat", 0, 1), ("delete_bytes", 9, 3)]) for _ in range(2)]
    assert twice[0] == twice[1] == b"id: N-1\nt: t\nareas: [1\xe6\xa0\x8b]\n" + raw * 2
