#!/usr/bin/env python3
"""Generate records/households.yaml for the example community h小区 (hxq).

Deterministic (seeded). Layout: 10 buildings, 2-4 units each; 1栋-7栋 are
小高层/高层 residential towers, 8栋/9栋 six-storey walk-ups, 10栋 a 商住楼
whose 1-2 floors (商业裙楼) are let to enterprises.

A handful of households move in or out during 2026 (see MOVES below).

Usage:  python3 scripts/generate_example_households.py
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "records" / "households.yaml"
SEED = 20260101

# building -> (units, floors, rooms per floor per unit)
LAYOUT = [
    ("1栋", 2, 12, 2),
    ("2栋", 2, 12, 2),
    ("3栋", 3, 11, 2),
    ("4栋", 3, 11, 2),
    ("5栋", 3, 18, 2),
    ("6栋", 2, 18, 2),
    ("7栋", 3, 11, 2),
    ("8栋", 4, 6, 2),
    ("9栋", 4, 6, 2),
]
# 10栋: 2 units; floors 1-2 商业 (4 rooms per floor, 企业), floors 3-18 住宅 (2 rooms)
PODIUM = ("10栋", 2, 18, 2, 2, 4)

# Fixed moves during (or just before) 2026: id -> (occupied_since, moved_out)
MOVES = {
    "4-2-0701": ("2026-03-15", None),        # 新业户入住
    "6-1-1502": ("2026-07-02", None),        # 新业户入住（7月2日办理入住）
    "2-2-1101": ("2026-10-18", None),        # 新业户入住
    "9-3-0502": ("2026-11-20", None),        # 新业户入住
    "7-3-0402": ("2017-04-01", "2026-05-31"),  # 搬离（房屋出售，新业主尚未入住）
    "10-1-0103": ("2018-09-01", "2026-08-31"),  # 企业退租
    "3-1-0902": ("2016-05-01", "2025-09-30"),  # 2025年已搬离
}
VACANT_RESIDENTIAL = 26
VACANT_ENTERPRISE = 2


def rooms():
    for b, units, floors, per in LAYOUT:
        bno = b[:-1]
        for u in range(1, units + 1):
            for f in range(1, floors + 1):
                for r in range(1, per + 1):
                    room = f"{f:02d}{r:02d}"
                    yield dict(id=f"{bno}-{u}-{room}", building=b, unit=f"{u}单元",
                               room=room, type="住家")
    b, units, floors, per, podium_floors, podium_per = PODIUM
    bno = b[:-1]
    for u in range(1, units + 1):
        for f in range(1, floors + 1):
            biz = f <= podium_floors
            for r in range(1, (podium_per if biz else per) + 1):
                room = f"{f:02d}{r:02d}"
                yield dict(id=f"{bno}-{u}-{room}", building=b, unit=f"{u}单元",
                           room=room, type="企业" if biz else "住家")


def random_since(rng: random.Random, enterprise: bool) -> dt.date:
    # 小区2015年下半年交付；大部分业户2015-2017年入住
    if enterprise:
        start, end = dt.date(2016, 3, 1), dt.date(2024, 6, 1)
    elif rng.random() < 0.7:
        start, end = dt.date(2015, 7, 1), dt.date(2017, 12, 31)
    else:
        start, end = dt.date(2018, 1, 1), dt.date(2025, 12, 20)
    d = start + dt.timedelta(days=rng.randrange((end - start).days))
    return d


def main() -> None:
    rng = random.Random(SEED)
    hs = list(rooms())
    free = [h for h in hs if h["id"] not in MOVES]
    res = [h["id"] for h in free if h["type"] == "住家"]
    ent = [h["id"] for h in free if h["type"] == "企业"]
    vacant = set(rng.sample(res, VACANT_RESIDENTIAL)) | set(rng.sample(ent, VACANT_ENTERPRISE))
    for h in hs:
        if h["id"] in MOVES:
            since, out = MOVES[h["id"]]
            h["occupied_since"] = since
            if out:
                h["moved_out"] = out
        elif h["id"] not in vacant:
            h["occupied_since"] = random_since(rng, h["type"] == "企业").isoformat()

    lines = [
        "# h小区 业户登记（示例数据，由 scripts/generate_example_households.py 生成）",
        "# 只登记房号、类型与入住/搬离日期；不登记姓名和电话。",
        "# 未写 occupied_since 的为空置房。",
        "buildings:",
    ]
    units_by_b: dict[str, list[str]] = {}
    for h in hs:
        units_by_b.setdefault(h["building"], [])
        if h["unit"] not in units_by_b[h["building"]]:
            units_by_b[h["building"]].append(h["unit"])
    for b, us in units_by_b.items():
        lines.append(f"  - building: {b}")
        lines.append(f"    units: [{', '.join(us)}]")
    lines.append("households:")
    for h in hs:
        parts = [f"id: {h['id']}", f"building: {h['building']}", f"unit: {h['unit']}",
                 f"room: {h['room']}", f"type: {h['type']}"]
        if "occupied_since" in h:
            parts.append(f"occupied_since: {h['occupied_since']}")
        if "moved_out" in h:
            parts.append(f"moved_out: {h['moved_out']}")
        lines.append("  - {" + ", ".join(parts) + "}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(hs)} households, {len(vacant)} vacant")


if __name__ == "__main__":
    main()
