"""Issue 16, states true between builds: the wording of each state (one place:
domain.notices.state_label) and the next moment at which a notice changes state."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from helpers import OUTAGE, at_shanghai, make_office

from hcomm_gen.domain.notices import (
    ARCHIVED,
    CANCELLED,
    ENDED,
    IN_EFFECT,
    UPCOMING,
    next_state_change,
    next_state_changes,
    state_label,
    state_labels,
)
from hcomm_gen.records.loader import load_records

SH = ZoneInfo("Asia/Shanghai")


at = at_shanghai


def _notice(tmp_path, text: str):
    [n] = load_records(make_office(tmp_path, {"notices/2026/n.yaml": text})).notices
    return n


def test_state_labels_say_what_came_back_and_whether_it_happens_or_applies(tmp_path):
    water = OUTAGE  # kind outage, outage water
    cases = {
        water: {UPCOMING: "即将开始", IN_EFFECT: "进行中", ENDED: "已恢复供水", CANCELLED: "已取消",
                ARCHIVED: "已归档"},
        water.replace("outage: water", "outage: power"): {ENDED: "已恢复供电"},
        water.replace("outage: water", "outage: gas"): {ENDED: "已恢复供气"},
        water.replace("kind: outage", "kind: emergency"): {IN_EFFECT: "进行中", ENDED: "已恢复供水"},
        water.replace("kind: outage", "kind: works").replace("outage: water", "outage: elevator"):
            {IN_EFFECT: "进行中", ENDED: "电梯已恢复运行"},
        water.replace("kind: outage", "kind: works").replace("outage: water\n", ""):
            {IN_EFFECT: "进行中", ENDED: "已结束"},
        water.replace("kind: outage", "kind: event").replace("outage: water\n", ""):
            {IN_EFFECT: "进行中", ENDED: "已结束"},
        # a publicity notice has a start too, but it applies rather than happens: 生效中
        water.replace("kind: outage", "kind: publicity").replace("outage: water\n", ""):
            {IN_EFFECT: "生效中", ENDED: "已结束", UPCOMING: "即将开始"},
        water.replace("kind: outage", "kind: fee_change").replace("outage: water\n", ""):
            {IN_EFFECT: "生效中", CANCELLED: "已取消"},
    }
    for i, (text, want) in enumerate(cases.items()):
        d = tmp_path / str(i)
        d.mkdir()
        n = _notice(d, text)
        assert {s: state_label(n, s) for s in want} == want, n.kind
        assert " " not in "".join(state_labels(n).values())


def test_next_change_of_the_example_at_10_is_the_end_of_the_power_cut(repo):
    """By hand from records/notices: at 2026-12-03 10:00 the power cut N-2026-1128-power
    (08:30–12:30) is in effect; nothing else happens before 12:30 (pest control starts 12-05
    09:00, the garage works end 12-06 17:30, no notice is still to be published). At 12:30 it
    ends; then it stays up (已恢复供电) until its expiry, the end of 2026-12-04."""
    notices = load_records(repo).notices
    [c] = next_state_changes(notices, at("2026-12-03 10:00"))
    assert (c.at, c.notice.id, c.before, c.after) == (at("2026-12-03 12:30"), "N-2026-1128-power", IN_EFFECT, ENDED)
    [c] = next_state_changes(notices, at("2026-12-03 12:30"))
    assert (c.at, c.notice.id, c.before, c.after) == (at("2026-12-05 00:00"), "N-2026-1128-power", ENDED, ARCHIVED)


RESCHEDULED = OUTAGE + """\
changes:
  - {at: 2026-03-02 10:00, type: 改期, text: 改到3月6日, start: 2026-03-06 09:00, end: 2026-03-06 17:00}
  - {at: 2026-03-05 12:00, type: 取消, text: 不停水了}
"""


def test_a_moment_at_which_nothing_changes_is_skipped(tmp_path):
    """The old start (03-05 09:00) of a notice moved to 03-06 changes nothing: the first
    change after 03-03 is the cancellation at 03-05 12:00 (upcoming → cancelled), then the
    archive moment, the new end 03-06 17:00 (no expiry written)."""
    n = _notice(tmp_path, RESCHEDULED)
    assert next_state_change([n], at("2026-03-03 12:00")) == at("2026-03-05 09:00")  # may change
    [c] = next_state_changes([n], at("2026-03-03 12:00"))
    assert (c.at, c.before, c.after) == (at("2026-03-05 12:00"), UPCOMING, CANCELLED)
    [c] = next_state_changes([n], at("2026-03-05 12:00"))
    assert (c.at, c.before, c.after) == (at("2026-03-06 17:00"), CANCELLED, ARCHIVED)
    assert next_state_changes([n], at("2026-03-06 17:00")) == []
