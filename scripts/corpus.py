"""The benchmark corpus (issue 14.1, 13.5): a community of N households with ten years of records.

    from corpus import corpus
    root = corpus(households=2000, years=10)     # cached under the temp dir, keyed by parameters
    hcomm --root ROOT check --now '2026-11-29 12:00'

Deterministic (seeded), importable, a few seconds for 2,000 households. The period is the
``years`` × 12 months ending in the month of ``now`` (default 2016-12 … 2026-11), and
``community.yaml`` says ``records_since:`` its first day, so every month of the period owes a
visit quota, a visit summary, an owners' meeting and every quarter a statement.

What is generated, and from what:

* ``households.yaml``: ``households`` rooms in buildings laid out like the example's
  (:data:`generate_example_households.LAYOUT`, ten buildings per block, building 10 of each
  block with two floors let to enterprises); ~1 % vacant, ~88 % occupied before the period,
  the rest move in during it, ~3 % of those move out.
* visits and visit summaries: :mod:`generate_example_visits`'s opinion bank, times, modes,
  appointments, signatures and feedback (its ``make_visit``/``visit_yaml``), a month's quota
  by VISIT-QUOTA's rate (4/5/6/7 % by occupied households) plus 4–10, households not yet
  visited that year, welcome visits for new arrivals; no visit on a statutory holiday
  (``chinese_calendar``); each month's summary by the 5th of the next month (or the last
  working day of the month when the 1st–5th are a holiday), one decision per opinion.
* survey rounds each June and December (delivered on the 8th, as the example's):
  :mod:`generate_example_survey`'s items, measures and suggestions; delivered = occupied
  households on the day, returned 66 %, dissatisfied answers chosen so that the Pareto rule
  selects the same three items the measures are for (their share ≈ 76 %).
* notices, meetings, cases and suggestions: the example's, year by year (dates and IDs moved to
  that year; weekdays written in the text recomputed), cases on households of this registry;
  larger communities post more notices: outage, pest-control, works, event and publicity
  notices repeated 1–4 weeks later (``-k``; dates in the text moved too) — about 200 a year at
  2,000 households, the example's 46 at 500 or fewer.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import generate_example_households as gh  # noqa: E402
import generate_example_survey as gs  # noqa: E402
import generate_example_visits as gv  # noqa: E402

#: bump when the output changes (part of the cache key, with the generators' source hash)
VERSION = 1
DEFAULT_NOW = "2026-11-29 12:00"
EXAMPLE = REPO / "records"
WEEKDAYS = "一二三四五六日"


# --- dates ---------------------------------------------------------------------------------

def _is_holiday(day: dt.date) -> bool:
    """A statutory holiday (not a plain weekend) by ``chinese_calendar``; False for unknown years."""
    import chinese_calendar
    try:
        on, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return False
    return bool(on and name)


def _months(first: dt.date, last: dt.date):
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _shift_years(text: str, delta: int) -> str:
    return re.sub(r"(?<!\d)(20[12]\d)(?!\d)", lambda m: str(int(m.group(1)) + delta), text)


_ISO = re.compile(r"(?<![\d-])(20\d\d)-(\d\d)-(\d\d)(?![\d-])")
_CN = re.compile(r"(?:(20\d\d)年)?(\d{1,2})月(\d{1,2})日")
_CN_WD = re.compile(r"(?:(20\d\d)年)?(\d{1,2})月(\d{1,2})日(\s*[（(][^（()）]{0,12}?)(星期|周)([一二三四五六日天])"
                    r"((?:[，,、][^（()）]{0,12})?[)）])")


def _shift_days(text: str, days: int, year: int) -> str:
    """Every ISO date and every Chinese date (``YYYY年M月D日``, ``M月D日`` of ``year``) moved by ``days``."""
    def iso(m):
        return (dt.date(*map(int, m.groups())) + dt.timedelta(days=days)).isoformat()

    def cn(m):
        y = int(m.group(1)) if m.group(1) else year
        try:
            d = dt.date(y, int(m.group(2)), int(m.group(3))) + dt.timedelta(days=days)
        except ValueError:
            return m.group(0)
        return (f"{d.year}年" if m.group(1) else "") + f"{d.month}月{d.day}日"
    return _CN.sub(cn, _ISO.sub(iso, text))


def _fix_weekdays(text: str, year: int) -> str:
    """``M月D日（星期X）`` with X recomputed for the date (the year written, else ``year``)."""
    def fix(m):
        y = int(m.group(1)) if m.group(1) else year
        try:
            d = dt.date(y, int(m.group(2)), int(m.group(3)))
        except ValueError:
            return m.group(0)
        return (m.group(0)[: m.start(4) - m.start(0)] + m.group(4) + m.group(5)
                + WEEKDAYS[d.weekday()] + m.group(7))
    return _CN_WD.sub(fix, text)


# --- households ----------------------------------------------------------------------------

def _rooms(n: int) -> list[dict]:
    """``n`` rooms: blocks of the example's ten buildings (nine towers/walk-ups and the
    商住楼 whose first two floors are enterprises), numbered on (11栋, 12栋, …). Fewer rooms
    than one block (650): the ten buildings with all their units (the example's notices name
    them), rooms taken floor by floor from each unit in turn."""
    if n < len(_block()):
        units: dict[tuple[str, str], list[dict]] = {}
        for r in _block():
            units.setdefault((r["building"], r["unit"]), []).append(r)
        out: list[dict] = []
        for level in range(max(len(rs) for rs in units.values())):
            out += [rs[level] for rs in units.values() if level < len(rs)]
        return out[:n]
    return _block(n)


def _block(n: int = 0) -> list[dict]:
    """Whole blocks of rooms until there are ``n`` (one block when ``n`` is 0), cut at ``n``."""
    k, out = 0, []
    n = n or 1
    while len(out) < n:
        for i, spec in enumerate([*gh.LAYOUT, gh.PODIUM]):
            k += 1
            b = f"{k}栋"
            units, floors, per = spec[1], spec[2], spec[3]
            podium = spec[4:] if i == len(gh.LAYOUT) else (0, 0)
            for u in range(1, units + 1):
                for f in range(1, floors + 1):
                    biz = f <= podium[0]
                    for r in range(1, (podium[1] if biz else per) + 1):
                        out.append(dict(id=f"{k}-{u}-{f:02d}{r:02d}", building=b, unit=f"{u}单元",
                                        room=f"{f:02d}{r:02d}", type="企业" if biz else "住家",
                                        walkup=floors <= 6))
    return out if n == 1 else out[:n]


def _households(rng: random.Random, n: int, start: dt.date, last: dt.date) -> list[dict]:
    hs = _rooms(n)
    span = (last - start).days
    for h in hs:
        x = rng.random()
        if x < 0.01:
            continue                                    # vacant
        if x < 0.90:
            since = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange((start - dt.date(2010, 1, 1)).days))
        else:
            since = start + dt.timedelta(days=rng.randrange(span - 30))
        h["occupied_since"] = since.isoformat()
        if since < start and rng.random() < 0.03:
            h["moved_out"] = (start + dt.timedelta(days=rng.randrange(span - 30))).isoformat()
    return hs


def _households_yaml(hs: list[dict], name: str) -> str:
    lines = [f"# {name} 业户登记（基准测试数据，由 scripts/corpus.py 生成）", "buildings:"]
    units: dict[str, list[str]] = {}
    for h in hs:
        us = units.setdefault(h["building"], [])
        if h["unit"] not in us:
            us.append(h["unit"])
    for b, us in units.items():
        lines += [f"  - building: {b}", f"    units: [{', '.join(us)}]"]
    lines.append("households:")
    for h in hs:
        parts = [f"id: {h['id']}", f"building: {h['building']}", f"unit: {h['unit']}",
                 f"room: {h['room']}", f"type: {h['type']}"]
        parts += [f"{k}: {h[k]}" for k in ("occupied_since", "moved_out") if k in h]
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def _occupied(h: dict, day: dt.date) -> bool:
    s = h.get("occupied_since")
    if not s or dt.date.fromisoformat(s) > day:
        return False
    o = h.get("moved_out")
    return not o or day <= dt.date.fromisoformat(o)


# --- visits --------------------------------------------------------------------------------

def _rate(n: int) -> int:
    """VISIT-QUOTA (P5.1.1): the monthly rate in % by occupied households on the 1st."""
    return 4 if n <= 300 else 5 if n <= 500 else 6 if n <= 800 else 7


def _summary_day(y: int, m: int) -> dt.date:
    """When month (y, m)'s visit summary is handed in: the first of the 1st–5th of the next month
    that is not a statutory holiday, else the last such day of the month itself."""
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    for d in range(1, 6):
        if not _is_holiday(dt.date(ny, nm, d)):
            return dt.date(ny, nm, d)
    d = dt.date(ny, nm, 1) - dt.timedelta(days=1)
    while _is_holiday(d):
        d -= dt.timedelta(days=1)
    return d


def _choose(rng: random.Random, hs: list[dict], by_id: dict[str, dict], order: list[str], seen: set[str],
            y: int, m: int, days: list[dt.date]) -> list[tuple[str, dt.date | None, str | None]]:
    """The households visited in month (y, m): new arrivals (a welcome visit three days after
    moving in), then households not yet visited this year (``seen``), up to the quota + 4–10."""
    first, last = dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    n1 = sum(_occupied(h, first) for h in hs)
    target = -(-n1 * _rate(n1) // 100) + rng.randint(4, 10)
    chosen: list[tuple[str, dt.date | None, str | None]] = []
    for h in hs:
        s = h.get("occupied_since")
        if s and s.startswith(f"{y}-{m:02d}") and dt.date.fromisoformat(s) + dt.timedelta(days=3) <= days[-1]:
            chosen.append((h["id"], dt.date.fromisoformat(s) + dt.timedelta(days=3), "new"))
    have = {c[0] for c in chosen}
    for pool in ([i for i in order if i not in seen], order):   # repeats only when all were seen
        for i in pool:
            if len(chosen) >= target:
                break
            if i not in have and _occupied(by_id[i], first) and _occupied(by_id[i], last):
                chosen.append((i, None, None))
                have.add(i)
    seen |= have
    return chosen


def _visit(rng: random.Random, h: dict, m: int, days: list[dt.date], min_day: dt.date | None,
           kind: str | None) -> dict:
    """One visit to household ``h`` on one of ``days`` (generate_example_visits.make_visit)."""
    biz = h["type"] == "企业"
    mode = "上门" if kind == "new" or biz else rng.choices(
        ["上门", "电话", "户外", "办公室", "其他"], [56, 20, 12, 10, 2])[0]
    ds = [d for d in days if min_day is None or d >= min_day] or days[-1:]
    if biz:
        ds = [d for d in ds if d.weekday() < 5] or ds
    if mode == "办公室" and rng.random() < 0.8:
        ds = [d for d in ds if d.weekday() == 2] or ds
    day = rng.choice(ds)
    if kind == "new":
        ops = [(e["topic"], e) for e in gv.NEW_ARRIVAL[: rng.choice([1, 2])]]
    else:
        ops = gv.pick_opinions(rng, h, m, biz, 1 if rng.random() < 0.68 else 2)
    v = gv.make_visit(rng, h, mode, day, ops, biz)
    if kind == "new":
        v["signature"] = "已签名"
    return v


def _write_summary(rec: Path, y: int, m: int, submitted: dt.date, visits: list[dict]) -> None:
    """Month (y, m)'s visit summary: one decision per opinion (the opinion bank's)."""
    lines = [f"month: {y}-{m:02d}", f"submitted: {submitted.isoformat()}", "supervisor: 林主管", "decisions:"]
    for v in visits:
        for k, o in enumerate(v["opinions"], 1):
            e = o["entry"]
            lines.append(f"  - {{visit: {v['id']}, opinion: {k}, decision: {e['d']}, "
                         f"note: {gv.q(e['n'], flow=True)}}}")
    out = rec / "visit-summaries" / str(y)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{y}-{m:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_visits(rec: Path, rng: random.Random, hs: list[dict], start: dt.date, now: dt.datetime) -> tuple[int, int]:
    """Visits and visit summaries of every month from ``start`` to ``now``'s month; returns
    (visits, summaries)."""
    by_id = {h["id"]: h for h in hs}
    gv.TOP_FLOOR.clear()
    for h in hs:
        gv.TOP_FLOOR[h["building"]] = max(gv.TOP_FLOOR.get(h["building"], 0), int(h["room"][:2]))
    gv.NO_ELEVATOR.clear()
    gv.NO_ELEVATOR.update(h["building"] for h in hs if h["walkup"])
    gv.NOW = now - dt.timedelta(hours=2)
    last_day = (now - dt.timedelta(days=2)).date()
    order = [h["id"] for h in hs if h.get("occupied_since")]
    n_visits = n_summaries = 0
    seen: set[str] = set()
    year = None
    for y, m in _months(start, now.date()):
        if y != year:
            year, seen = y, set()
            rng.shuffle(order)
        first = dt.date(y, m, 1)
        last = dt.date(y, m, calendar.monthrange(y, m)[1])
        submitted = _summary_day(y, m) if last < now.date() else None
        end = min(last, last_day, submitted - dt.timedelta(days=1) if submitted else last)
        days = [first + dt.timedelta(days=k) for k in range((end - first).days + 1)]
        days = [d for d in days if not _is_holiday(d)] or days
        visits = [_visit(rng, by_id[hid], m, days, min_day, kind)
                  for hid, min_day, kind in _choose(rng, hs, by_id, order, seen, y, m, days)]
        visits.sort(key=lambda v: (v["time"], v["household"]))
        folder = rec / "visits" / str(y) / f"{y}-{m:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for k, v in enumerate(visits, 1):
            v["id"] = f"V-{y}-{m:02d}-{k:03d}"
            (folder / f"{v['time'].date().isoformat()}-{v['id']}.yaml").write_text(gv.visit_yaml(v), encoding="utf-8")
        n_visits += len(visits)
        if submitted is not None and submitted <= now.date():
            _write_summary(rec, y, m, submitted, visits)
            n_summaries += 1
    return n_visits, n_summaries


# --- surveys -------------------------------------------------------------------------------

def _pareto(counts: dict[int, int]) -> set[int]:
    """SURVEY-PARETO (P5.6.4): the main improvement items of ``{item: dissatisfied}``."""
    from fractions import Fraction
    total = sum(counts.values())
    order = sorted(counts, key=lambda no: (-counts[no], no))
    main, cum = set(), Fraction(0)
    for no in order:
        cum += Fraction(counts[no], total)
        if cum > Fraction(4, 5):
            break
        main.add(no)
    return main or {order[0]}


def _dissatisfied(returned: int) -> dict[int, int]:
    """Dissatisfied answers per item: the example's three main items (2, 6, 3) scaled to the
    round, the other nine about a third of them with item 4 the largest, adjusted until
    SURVEY-PARETO (:func:`_pareto`) selects exactly items 2, 6, 3 (their measures)."""
    s = max(returned / 406, 0.3)
    main = {2: max(4, round(22 * s)), 6: max(3, round(14 * s)), 3: max(2, round(7 * s))}
    others = [1, 5, 7, 8, 9, 10, 11, 12]
    while True:
        rest = -(-sum(main.values()) * 32 // 100)
        out = {**main, 4: min(max(1, rest * 4 // 10), main[3] - 1)}
        left = max(0, rest - out[4])
        for k, no in enumerate(others):
            out[no] = min(out[4], left // len(others) + (1 if k < left % len(others) else 0))
        got = _pareto(out)
        if got == {2, 6, 3}:
            return out
        if len(got) > 3:        # the others too close to the main three: make the three larger
            main = {no: n + max(1, n // 5) for no, n in main.items()}
        else:                   # the three above 80 %: more answers on item 4
            main = {no: n + 1 for no, n in main.items()}
            main[3] += 1


def _write_round(rec: Path, rng: random.Random, hs: list[dict], units: list[str], delivered_on: dt.date) -> int:
    """One survey round delivered on ``delivered_on`` (the example's dates moved with it);
    returns the questionnaires returned."""
    rnd = f"{delivered_on.year}-{delivered_on.month:02d}"
    delivered = sum(_occupied(h, delivered_on) for h in hs)
    returned = round(delivered * gs.RETURN_RATE)
    n = len(gs.ITEMS)
    grid: list[list[str | None]] = [[None] * n for _ in range(returned)]
    cells = [(r, c) for r in range(returned) for c in range(n)]
    for k, (r, c) in enumerate(rng.sample(cells, round(len(cells) * gs.BLANK_RATE) + gs.N_MULTI)):
        grid[r][c] = gs.MULTI[k % len(gs.MULTI)] if k < gs.N_MULTI else "空"
    for no, cnt in _dissatisfied(returned).items():
        rows = [r for r in range(returned) if grid[r][no - 1] is None]
        for r in rng.sample(rows, min(cnt, len(rows))):
            grid[r][no - 1] = "不"
    for r in range(returned):
        for c in range(n):
            if grid[r][c] is None:
                grid[r][c] = "满" if rng.random() < gs.SATISFIED_SHARE[c + 1] else "基"

    def day(offset: int) -> str:
        return (delivered_on + dt.timedelta(days=offset)).isoformat()
    base = gs.DELIVERED_ON
    out = rec / "surveys" / rnd
    out.mkdir(parents=True, exist_ok=True)
    lines = [f"round: {rnd}", f"delivered_on: {delivered_on.isoformat()}", f"delivered: {delivered}",
             "units: [" + ", ".join(units) + "]", f"collection_end: {day(16)}", "items:"]
    lines += [f"  - {{no: {no}, topic: {t}, text: {x}}}" for no, t, x in gs.ITEMS]
    lines += [f"analysis_done: {day(32)}", "measures:"]
    lines += [f"  - {{item: {i}, measure: {m}, by: {day((dt.date.fromisoformat(by) - base).days)}}}"
              for i, m, by in gs.MEASURES]
    lines.append(f"announced: {day(37)}")
    (out / "round.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers = ["answers:", *("  - " + "".join(row) for row in grid), "suggestions:"]
    answers += [f"  - {{topic: {t}, text: {x}}}" for t, x in gs.SUGGESTIONS]
    (out / "answers.yaml").write_text("\n".join(answers) + "\n", encoding="utf-8")
    return returned


# --- the example's other records, year by year ----------------------------------------------

_DATED = re.compile(r"(20\d\d)-(\d\d)-(\d\d)")
REPEATED_KINDS = ("outage", "pest_control", "works", "event", "publicity")


def _copy_dated(rec: Path, hs: list[dict], start: dt.date, now: dt.datetime, years: int,
                notice_repeats: int) -> dict[str, int]:
    counts = {"notices": 0, "meetings": 0, "cases": 0, "suggestions": 0}
    stable = [h["id"] for h in hs if h.get("occupied_since") and "moved_out" not in h
              and dt.date.fromisoformat(h["occupied_since"]) < start]
    ex_year = now.year
    for folder in counts:
        for f in sorted((EXAMPLE / folder).rglob("*.yaml")):
            src = f.read_text(encoding="utf-8")
            for delta in range(-years, 1):
                year = ex_year + delta
                name = _shift_years(f.name, delta)
                m = _DATED.match(name)
                if m is None or dt.date(*map(int, m.groups())) < start:
                    continue
                text = _fix_weekdays(_shift_years(src, delta), year)
                if folder == "cases":
                    hid = stable[int(hashlib.md5(f"{f.name}{year}".encode()).hexdigest(), 16) % len(stable)]
                    text = re.sub(r"^household: .+$", f"household: {hid}", text, count=1, flags=re.M)
                    if delta < 0 and "resolved:" not in text:
                        text += (f"resolved: {year}-12-20 10:00\n"
                                 f"feedback: {{time: {year}-12-20 11:00, text: 已处理完毕，业户确认}}\n")
                out = rec / folder / str(year) / name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
                counts[folder] += 1
                if folder != "notices" or not re.search(rf"^kind: ({'|'.join(REPEATED_KINDS)})$", text, re.M) \
                        or re.search(r"至\d{1,2}日", text):   # a range "M月D日至D日" is not moved
                    continue
                for k in range(1, notice_repeats + 1):
                    d0 = dt.date(*map(int, m.groups()))
                    d = d0 + dt.timedelta(days=7 * k)
                    if d.year != d0.year or d >= now.date():
                        continue
                    b = _shift_days(text, 7 * k, year)
                    b = re.sub(r"^id: (.+)$", rf"id: \1-{k}", b, count=1, flags=re.M)
                    (out.parent / f"{d.isoformat()}{name[10:-5]}-{k}.yaml").write_text(b, encoding="utf-8")
                    counts[folder] += 1
    return counts


# --- the corpus ----------------------------------------------------------------------------

def generate(root: Path, households: int = 2000, years: int = 10, now: str = DEFAULT_NOW,
             seed: int = 14, community_id: str = "bench", name: str | None = None) -> dict[str, int]:
    """Write a community of ``households`` households with ``years`` years of records into
    ``root/records`` (created; must not exist). Deterministic for the same arguments.

    :returns: counts: ``files``, ``households`` (registered), ``occupied`` (on ``now``),
        ``visits``, ``visit_summaries``, ``notices``, ``meetings``, ``cases``, ``suggestions``,
        ``rounds``, ``questionnaires`` (returned, all rounds).
    """
    rng = random.Random(f"{seed}-{households}-{years}")
    t_now = dt.datetime.strptime(now, "%Y-%m-%d %H:%M")
    y, m = t_now.year, t_now.month - (years * 12 - 1)
    while m < 1:
        y, m = y - 1, m + 12
    start = dt.date(y, m, 1)
    name = name or f"基准{households}户小区"
    rec = root / "records"
    rec.mkdir(parents=True)
    com = (EXAMPLE / "community.yaml").read_text(encoding="utf-8")
    com = re.sub(r"^id: .+$", f"id: {community_id}", com, count=1, flags=re.M)
    com = re.sub(r"^name: .+$", f"name: {name}", com, count=1, flags=re.M)
    com = re.sub(r"^records_since: .+$", f"records_since: {start.isoformat()}", com, count=1, flags=re.M)
    com = com.replace("h小区", name)
    (rec / "community.yaml").write_text(com, encoding="utf-8")
    hs = _households(rng, households, start, t_now.date())
    (rec / "households.yaml").write_text(_households_yaml(hs, name), encoding="utf-8")
    counts = {"households": len(hs), "occupied": sum(_occupied(h, t_now.date()) for h in hs)}
    counts["visits"], counts["visit_summaries"] = _write_visits(rec, rng, hs, start, t_now)
    units = list(dict.fromkeys(h["building"] + h["unit"] for h in hs))
    counts["rounds"] = counts["questionnaires"] = 0
    for yy, mm in _months(start, t_now.date()):
        if mm in (6, 12) and dt.date(yy, mm, 8) < t_now.date():
            counts["questionnaires"] += _write_round(rec, rng, hs, units, dt.date(yy, mm, 8))
            counts["rounds"] += 1
    repeats = max(0, min(4, round((households - 500) / 375)))
    counts.update(_copy_dated(rec, hs, start, t_now, years, repeats))
    counts["files"] = sum(1 for _ in rec.rglob("*.yaml"))
    return counts


def _source_hash() -> str:
    h = hashlib.sha256()
    for p in (Path(__file__), Path(gh.__file__), Path(gv.__file__), Path(gs.__file__)):
        h.update(p.read_bytes())
    for p in sorted(EXAMPLE.rglob("*.yaml")):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "hcomm-bench-corpus"


def corpus(households: int = 2000, years: int = 10, now: str = DEFAULT_NOW, seed: int = 14,
           community_id: str = "bench", name: str | None = None) -> tuple[Path, dict[str, int]]:
    """The generated office folder for these parameters, generated once and kept under
    :func:`cache_dir` (key: the parameters and a hash of the generators and the example's
    records). Callers must not write into ``records/`` (copy it first to change records).

    :returns: (office root holding ``records/``, counts as :func:`generate` returns them).
    """
    import json
    key = f"v{VERSION}-{_source_hash()}-h{households}-y{years}-{now.replace(' ', 'T').replace(':', '')}-s{seed}-{community_id}"
    root = cache_dir() / key
    if (root / "counts.json").is_file():
        return root, json.loads((root / "counts.json").read_text())
    root.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=key + ".", dir=root.parent))
    counts = generate(tmp, households, years, now, seed, community_id, name)
    (tmp / "counts.json").write_text(json.dumps(counts))
    try:
        tmp.rename(root)
    except OSError:             # another process made it meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
    return root, counts


def link_copy(src: Path, dst: Path) -> None:
    """``dst/records`` as hard links of ``src/records`` (``cp -al``; copies where links fail),
    ``community.yaml`` a real copy so it can be rewritten."""
    dst.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["cp", "-al", str(src / "records"), str(dst / "records")], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(src / "records", dst / "records", copy_function=_link_or_copy, dirs_exist_ok=True)
    com = dst / "records/community.yaml"
    text = com.read_text(encoding="utf-8")
    com.unlink()
    com.write_text(text, encoding="utf-8")


def _link_or_copy(a: str, b: str) -> None:
    try:
        os.link(a, b)
    except OSError:
        shutil.copy2(a, b)


if __name__ == "__main__":
    import argparse
    import time
    ap = argparse.ArgumentParser(description="Generate the benchmark corpus into a folder.")
    ap.add_argument("out", type=Path)
    ap.add_argument("--households", type=int, default=2000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--now", default=DEFAULT_NOW)
    a = ap.parse_args()
    t0 = time.perf_counter()
    print(generate(a.out, a.households, a.years, a.now), f"{time.perf_counter() - t0:.1f} s")
