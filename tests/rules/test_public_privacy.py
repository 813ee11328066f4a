"""Issue 15, item 8: PUBLIC-PRIVACY (PROCEDURE.md "Outputs"): no occupant's phone, room or
name in a published text; the patterns are those of SUGGESTION-ANONYMOUS
(hcomm_gen.domain.privacy)."""
from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner
from helpers import COMMUNITY, HOUSEHOLDS, MEETING, OUTAGE, SURVEY_ROUND, line_of, make_office, problems_of

from hcomm_gen.cli import main
from hcomm_gen.core.errors import EXIT_RECORDS
from hcomm_gen.core.registry import RULES
from hcomm_gen.domain.privacy import PHONE, ROOM, digits, find_private, registry_rooms
from hcomm_gen.rules import cases

NOW = "2026-03-02 12:00"
N = "notices/2026/n1.yaml"
#: the issue's exact line
ISSUE_BODY = "请联系4栋1单元0302王秀英，电话13812345678"
#: the small office plus 4栋1单元0302 (occupied)
HOUSEHOLDS_4 = (HOUSEHOLDS.replace("  - {building: 2栋, units: [1单元]}\n",
                                   "  - {building: 2栋, units: [1单元]}\n  - {building: 4栋, units: [1单元]}\n")
                + "  - {id: 4-1-0302, building: 4栋, unit: 1单元, room: 0302, occupied_since: 2020-01-01}\n")


def _privacy(tmp_path, files, community=COMMUNITY):
    root = make_office(tmp_path, files, community=community, households=HOUSEHOLDS_4)
    return [p for p in problems_of(root, NOW) if p.rule == "PUBLIC-PRIVACY"]


def test_the_issue_s_body_line_is_two_errors_at_the_room_and_the_phone(tmp_path):
    text = OUTAGE.replace("body: 清洗水箱。", f"body: {ISSUE_BODY}")
    found = _privacy(tmp_path, {N: text})
    line = line_of(text, "body:")
    # "body: " is 6 characters; the room starts at offset 3 of the value, the phone at 18
    assert [(p.pos.path.rsplit("/", 1)[-1], p.pos.line, p.pos.column, p.severity, p.blocks) for p in found] == [
        ("n1.yaml", line, 10, "error", True), ("n1.yaml", line, 25, "error", True)]
    room, phone = found
    assert "body" in room.zh and "“4栋1单元0302王秀英”" in room.zh and "姓名“王秀英”" in room.zh
    assert "房号" in room.zh and "相关住户" in room.zh and "服务电话" in room.zh
    assert "“王秀英，电话13812345678”" in phone.zh and "电话号码" in phone.zh
    assert "'4栋1单元0302王秀英'" in room.en and "the name '王秀英'" in room.en and "room" in room.en
    assert "\n" not in room.zh + room.en + phone.zh + phone.en


def test_in_a_block_scalar_the_finding_is_at_its_own_line_and_column(tmp_path):
    text = OUTAGE.replace("body: 清洗水箱。", f"body: |\n  清洗水箱。\n  {ISSUE_BODY}\n")
    found = _privacy(tmp_path, {N: text})
    line = line_of(text, ISSUE_BODY)
    assert [(p.pos.line, p.pos.column) for p in found] == [(line, 6), (line, 21)]


def test_the_build_refuses_to_publish_and_leaves_the_previous_site(tmp_path):
    root = make_office(tmp_path, {N: OUTAGE}, households=HOUSEHOLDS_4)
    run = ["--root", str(root), "build", "--now", NOW, "--no-pdf"]
    assert CliRunner().invoke(main, run).exit_code == 0

    def site():
        return {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted((root / "site").rglob("*")) if p.is_file()}
    before = site()
    (root / "records" / N).write_text(OUTAGE.replace("body: 清洗水箱。", f"body: {ISSUE_BODY}"), encoding="utf-8")
    res = CliRunner().invoke(main, run)
    assert res.exit_code == EXIT_RECORDS
    assert res.output.count("PUBLIC-PRIVACY") == 2 and "13812345678" in res.output
    assert site() == before


@pytest.mark.parametrize("field, written, shown", [
    ("actions", "请4-1-0302住户配合。", "actions: 4-1-0302"),
    ("actions", "请4栋1单元302室王先生配合。", "actions: 4栋1单元302室王先生"),
    ("actions", "4栋0302已停水。", "actions: 4栋0302"),
    ("actions", "有事找张伟 138 1234 5678。", "actions: 张伟 138 1234 5678"),
    ("actions", "手机：138-1234-5678", "actions: 138-1234-5678"),
    ("actions", "或打0571-6123 4567李建国。", "actions: 0571-6123 4567李建国"),
])
def test_each_written_form_is_found_and_named(tmp_path, field, written, shown):
    text = OUTAGE.replace("actions: 请提前储水。", f"actions: {written}")
    found = _privacy(tmp_path, {N: text})
    name, match = shown.split(": ", 1)
    assert len(found) == 1 and found[0].pos.line == line_of(text, "actions:")
    assert f"公开内容 {name} 里" in found[0].zh and f"“{match}”" in found[0].zh


def test_public_numbers_areas_and_rooms_not_in_the_registry_are_fine(tmp_path):
    """The office's and staff's numbers (any spacing), a utility's landline with no name next
    to it, areas, a room the registry does not have and a date are no finding."""
    community = COMMUNITY.replace("  hotline: 0571-0000 0000\n", "  hotline: 0571-0000 0000\n  complaint_hotline: 0571-0000 0009\n") \
        + "staff:\n  - {role: 客服主管, name: 林主管, phone: 138 0000 0001}\n"
    body = ("3栋2单元、4栋1单元部分住户停水；请拨服务电话057100000000、投诉电话 0571-0000-0009、"
            "林主管13800000001或工程部 0571-0000 0001、自来水公司热线 0571-8765 4321；4栋1单元0303无此户，2026-03-05 09:00 开始。")
    assert _privacy(tmp_path, {N: OUTAGE.replace("body: 清洗水箱。", f"body: {body}")}, community) == []


def test_every_published_field_of_notices_meetings_and_surveys_is_read(tmp_path):
    notice = OUTAGE + ("warning_signs: [1栋大堂, 4栋1单元0302门口]\n"
                       "changes:\n  - at: 2026-03-01 10:00\n    type: 更正\n    text: 联系人改为13912345678。\n")
    meeting = MEETING.format(m="02").replace("topics: [停车管理]", "topics: [停车管理, 4-1-0302漏水]")
    rnd = SURVEY_ROUND.replace("measure: 楼道每日清扫两次", "measure: 回访4栋1单元0302")
    found = _privacy(tmp_path, {N: notice, "meetings/2026/m.yaml": meeting, "surveys/2026-06/round.yaml": rnd})
    where = sorted((p.pos.path.rsplit("/", 1)[-1], p.pos.line, p.zh.split(" ")[1]) for p in found)
    assert where == [("m.yaml", line_of(meeting, "topics:"), "topics[2]"),
                     ("n1.yaml", line_of(notice, "warning_signs:"), "warning_signs[2]"),
                     ("n1.yaml", line_of(notice, "text: 联系人"), "changes[1].text"),
                     ("round.yaml", line_of(rnd, "measure: 回访"), "measures[1].measure")]


def test_a_sign_written_as_a_mapping_is_read_in_both_places(tmp_path):
    """Issue 11: a warning sign's hang_at and work_at (a mapping item) are published texts too."""
    notice = OUTAGE + ("warning_signs:\n  - 1栋大堂\n"
                       "  - {hang_at: 1栋大堂, work_at: 4栋1单元0302门口}\n")
    found = _privacy(tmp_path, {N: notice})
    assert [(p.pos.line, p.zh.split(" ")[1]) for p in found] == [
        (line_of(notice, "work_at:"), "warning_signs[2].work_at")]


def test_the_patterns_are_shared_with_suggestion_anonymous():
    assert cases.PHONE is PHONE and cases.ROOM is ROOM
    assert RULES["PUBLIC-PRIVACY"].kind == "format" and RULES["PUBLIC-PRIVACY"].blocks


def test_registry_rooms_and_find_private_by_hand():
    class H:
        building, unit, room = "4栋", "1单元", "0302"
    rooms = registry_rooms([H()])
    assert rooms == {("4", "1", "302"), ("4", "", "302")}
    assert digits("0571-8888 6666") == "057188886666"
    got = [(f.what, f.start, f.end, f.name, f.text) for f in find_private(ISSUE_BODY, rooms, set())]
    assert got == [("room", 3, 12, "王秀英", "4栋1单元0302王秀英"),
                   ("phone", 18, 29, "王秀英", "王秀英，电话13812345678")]
    assert list(find_private("3栋2单元、4栋1单元，4栋1单元0303", rooms, set())) == []
