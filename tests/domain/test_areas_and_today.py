"""Issue 11 items 2 and 3 in the domain: whom a notice concerns (areas read against the
registry's buildings; building slugs) and today's/tomorrow's outages, with the midnight at
which the home page's strip changes (so ``next-change`` includes it)."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from helpers import OUTAGE, at_shanghai, make_office

from hcomm_gen.app.states import next_changes
from hcomm_gen.domain.areas import building_slug, building_slugs, concerns, notice_buildings
from hcomm_gen.domain.today import day_outages, midnight_changes
from hcomm_gen.records.loader import load_records
from hcomm_gen.records.models import Building, Notice

SH = ZoneInfo("Asia/Shanghai")
at = at_shanghai
NAMES = ["1栋", "3栋", "5栋", "10栋"]


def _n(areas: list[str]) -> Notice:
    return Notice(id="N-x", kind="outage", title="t", published=at("2026-03-01 09:00"), areas=areas)


def test_a_notice_concerns_its_buildings_their_units_or_everyone():
    assert concerns(_n(["3栋2单元"]), "3栋", NAMES) and not concerns(_n(["3栋2单元"]), "5栋", NAMES)
    assert concerns(_n(["1栋", "3栋"]), "3栋", NAMES) and not concerns(_n(["1栋", "3栋"]), "10栋", NAMES)
    # 1栋 is not 10栋 (no prefix match), and 10栋 is not 1栋
    assert not concerns(_n(["10栋"]), "1栋", NAMES) and concerns(_n(["10栋"]), "10栋", NAMES)
    for everyone in (["全体业户"], ["全小区"], ["3栋", "全体业户"], [], ["地下车库公共区域"]):
        assert all(concerns(_n(everyone), b, NAMES) for b in NAMES), everyone
    assert notice_buildings(_n(["3栋1单元", "3栋2单元", "5栋"]), NAMES) == {"3栋", "5栋"}
    # a building the registry does not have makes it no building's (RECORD-REF reports it)
    assert notice_buildings(_n(["99栋"]), NAMES) is None


def test_building_slugs_are_ascii_stable_and_unique():
    assert building_slug("3栋") == "3" and building_slug("10栋") == "10" and building_slug("A幢") == "a"
    assert building_slug("东楼栋") == "b" + "东楼栋".encode().hex() == "be4b89ce6a5bce6a08b"
    slugs = building_slugs([Building(building=b, units=[]) for b in ("3栋", "3幢", "A幢")])
    assert slugs == {"3栋": "3", "3幢": "b" + "3幢".encode().hex(), "A幢": "a"}


def _office(tmp_path, *texts: str):
    files = {f"notices/2026/n{i}.yaml": t for i, t in enumerate(texts)}
    return load_records(make_office(tmp_path, files))


def test_today_and_tomorrow_by_hand(tmp_path):
    """OUTAGE: 1栋 water, 2026-03-05 09:00–17:00, published 03-01 09:00."""
    night = OUTAGE.replace("id: N-1", "id: N-2").replace("outage: water", "outage: power") \
        .replace("start: 2026-03-05 09:00", "start: 2026-03-04 22:00").replace("end: 2026-03-05 17:00",
                                                                              "end: 2026-03-05 06:00")
    rec = _office(tmp_path, OUTAGE, night)

    def lines(now):
        return [(d.day_word, d.notice.id, d.hours) for d in day_outages(rec.notices, at(now), SH)]

    assert lines("2026-03-02 12:00") == []  # the 4th is the day after tomorrow
    assert lines("2026-03-03 12:00") == [("明天", "N-2", "22:00 起")]  # the 5th: not yet
    assert lines("2026-03-04 12:00") == [("今天", "N-2", "22:00 起"), ("明天", "N-2", "至 06:00"),
                                         ("明天", "N-1", "09:00–17:00")]
    assert lines("2026-03-05 05:00") == [("今天", "N-2", "至 06:00"), ("今天", "N-1", "09:00–17:00")]
    # the night cut ended at 06:00 and is archived then (no expires): it leaves the strip
    assert lines("2026-03-05 08:00") == [("今天", "N-1", "09:00–17:00")]
    assert lines("2026-03-05 17:00") == []  # ended and archived at its end


def test_whole_days_open_ends_and_cancelled(tmp_path):
    long = OUTAGE.replace("start: 2026-03-05 09:00", "start: 2026-03-02 08:00") \
        .replace("end: 2026-03-05 17:00", "end: 2026-03-09")  # a date alone: to the end of the 9th
    open_end = OUTAGE.replace("id: N-1", "id: N-3").replace("kind: outage", "kind: emergency") \
        .replace("end: 2026-03-05 17:00\n", "")
    cancelled = OUTAGE.replace("id: N-1", "id: N-4") + "changes:\n  - {at: 2026-03-03 10:00, type: 取消, text: 不停了}\n"
    no_kind = OUTAGE.replace("id: N-1", "id: N-5").replace("kind: outage", "kind: works") \
        .replace("outage: water\n", "")
    rec = _office(tmp_path, long, open_end, cancelled, no_kind)
    got = [(d.day_word, d.notice.id, d.hours) for d in day_outages(rec.notices, at("2026-03-04 12:00"), SH)]
    assert got == [("今天", "N-1", "全天"), ("明天", "N-1", "全天"), ("明天", "N-3", "09:00 起，恢复时间待定")]
    got = [(d.day_word, d.notice.id, d.hours) for d in day_outages(rec.notices, at("2026-03-06 12:00"), SH)]
    # no end written: today only (it began yesterday), never a guessed 明天
    assert got == [("今天", "N-1", "全天"), ("今天", "N-3", "恢复时间待定"), ("明天", "N-1", "全天")]


def test_next_change_includes_the_midnight_at_which_the_strip_changes(tmp_path):
    rec = _office(tmp_path, OUTAGE)  # 1栋 water on 03-05 09:00–17:00
    # on the 2nd at noon nothing changes state before the cut starts on the 5th 09:00, but
    # from the 4th 00:00 the strip says 明天, and from the 5th 00:00 今天
    [c] = next_changes(rec, at("2026-03-02 12:00"))
    assert (c.at, c.notice.id, c.day, c.before, c.after) == (at("2026-03-04 00:00"), "N-1", True, "upcoming",
                                                             "upcoming")
    [c] = next_changes(rec, at("2026-03-04 00:00"))
    assert (c.at, c.day) == (at("2026-03-05 00:00"), True)
    # on the day, the start (09:00) comes first: a plain change of state
    [c] = next_changes(rec, at("2026-03-05 00:00"))
    assert (c.at, c.day, c.after) == (at("2026-03-05 09:00"), False, "in_effect")
    # asked in another zone: the midnights are the community's
    ny = at("2026-03-02 12:00").astimezone(ZoneInfo("America/New_York"))
    assert next_changes(rec, ny)[0].at == at("2026-03-04 00:00")
    # nothing to come: no midnight either
    assert midnight_changes(rec.notices, at("2026-03-05 18:00"), SH) == []
