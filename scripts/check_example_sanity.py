#!/usr/bin/env python3
"""Sanity checks for the example records of h小区 (records/).

Not the product's validator (that is hcomm's job): a quick check that the example data
satisfies the rules of ../shared/PROCEDURE.md that the examples are meant to show, as of
NOW = 2026-11-29 12:00 (Asia/Shanghai).

Usage:  python3 scripts/check_example_sanity.py [records-dir]
Exit status 0 when every check passes; the summary (counts per month, survey figures,
notices in effect / upcoming) is printed either way.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "records"
NOW = dt.datetime(2026, 11, 29, 12, 0)
YEAR = 2026

TOPICS = {"保安", "保洁", "绿化", "维修", "休闲/儿童游乐设施", "管理人员", "便民服务",
          "特殊困难和需求", "社区文化", "其他"}
CHANNELS = {"板报", "宣传栏", "通知单", "标示", "电话", "面谈", "意见箱", "回访", "报刊",
            "社区文化活动", "信函", "调查问卷", "微信群", "app"}
MODES = {"上门", "办公室", "户外", "问卷", "电话", "其他"}
KINDS = {"outage", "emergency", "pest_control", "works", "event", "publicity", "finance",
         "fee_change", "contract_change"}
ADVANCE = {"outage", "pest_control", "works", "event", "fee_change", "contract_change"}
MOBILE = re.compile(r"(?<![\d-])1[3-9]\d{9}(?!\d)")

errors: list[str] = []


def err(rule: str, msg: str) -> None:
    errors.append(f"{rule}: {msg}")


# ------------------------------------------------------------------ YAML loading
class StrictLoader(yaml.BaseLoader):
    """BaseLoader (every scalar is text) that refuses duplicate keys."""


def _mapping(loader, node, deep=False):
    seen = set()
    for k, _ in node.value:
        key = loader.construct_object(k, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", k.start_mark)
        seen.add(key)
    return yaml.BaseLoader.construct_mapping(loader, node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load(p: Path):
    text = p.read_text(encoding="utf-8-sig")
    try:
        yaml.safe_load(text)                       # must also parse with the default loader
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as e:
        err("YAML", f"{p.relative_to(REC)}: {e}")
        return None


def T(s: str) -> dt.datetime:
    return dt.datetime.strptime(s.strip()[:16], "%Y-%m-%d %H:%M")


def D(s: str) -> dt.date:
    return dt.date.fromisoformat(s.strip())


def rel(p: Path) -> str:
    return str(p.relative_to(REC))


# ------------------------------------------------------------------ working days (2026)
try:
    import chinese_calendar as _cc

    def is_workday(d: dt.date) -> bool:
        return _cc.is_workday(d)
except Exception:   # pragma: no cover - fallback table for 2026
    _HOL = {"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16", "2026-02-17",
            "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
            "2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03",
            "2026-05-04", "2026-05-05", "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25",
            "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
            "2026-10-05", "2026-10-06", "2026-10-07"}
    _WORK = {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}

    def is_workday(d: dt.date) -> bool:
        s = d.isoformat()
        return s in _WORK or (d.weekday() < 5 and s not in _HOL)


def nth_workday_after(d: dt.date, n: int) -> dt.date:
    k = 0
    while k < n:
        d += dt.timedelta(days=1)
        if is_workday(d):
            k += 1
    return d


# ------------------------------------------------------------------ checks
def check_all_yaml() -> None:
    for p in sorted(REC.rglob("*")):
        if p.is_file() and p.suffix != ".yaml":
            err("LAYOUT", f"non-YAML file {rel(p)}")
        if p.is_file() and p.suffix == ".yaml":
            text = p.read_text(encoding="utf-8-sig")
            if MOBILE.search(text):
                err("PRIVACY", f"{rel(p)} contains something that looks like a mobile number")


def check_community() -> dict:
    c = load(REC / "community.yaml")
    for k in ("id", "name", "time_zone", "site_url", "office", "reception_day", "staff",
              "notice_lead_days", "finance_period", "survey_months"):
        if k not in c:
            err("COMMUNITY", f"missing {k}")
    if "calendar" in c:
        err("COMMUNITY", "calendar block present")
    if c.get("finance_period") != "quarterly":
        err("COMMUNITY", "finance_period is not quarterly")
    return c


def occupied(h: dict, day: dt.date) -> bool:
    s = h.get("occupied_since")
    if not s or D(s) > day:
        return False
    o = h.get("moved_out")
    return not o or day <= D(o)


def check_households():
    reg = load(REC / "households.yaml")
    units = {(b["building"], u) for b in reg["buildings"] for u in b["units"]}
    hh = reg["households"]
    ids = Counter(h["id"] for h in hh)
    for i, n in ids.items():
        if n > 1:
            err("HOUSEHOLD", f"duplicate id {i}")
    for h in hh:
        exp = f"{h['building'][:-1]}-{h['unit'][:-2]}-{h['room']}"
        if h["id"] != exp:
            err("HOUSEHOLD", f"{h['id']}: id does not match address ({exp})")
        if (h["building"], h["unit"]) not in units:
            err("HOUSEHOLD", f"{h['id']}: unknown unit")
        if h["type"] not in ("住家", "企业"):
            err("HOUSEHOLD", f"{h['id']}: bad type")
        if not re.fullmatch(r"\d{4}", h["room"]):
            err("HOUSEHOLD", f"{h['id']}: room not 4 digits")
        if set(h) - {"id", "building", "unit", "room", "type", "occupied_since", "moved_out"}:
            err("HOUSEHOLD", f"{h['id']}: unexpected keys")
        if h.get("moved_out") and (not h.get("occupied_since") or D(h["moved_out"]) < D(h["occupied_since"])):
            err("HOUSEHOLD", f"{h['id']}: moved_out before occupied_since")
    occ = {}
    for m in range(1, 13):
        d = dt.date(YEAR, m, 1)
        occ[m] = sum(occupied(h, d) for h in hh)
        if not 500 < occ[m] <= 800:
            err("HOUSEHOLD", f"occupied on {d} is {occ[m]}, not in (500, 800]")
        if occ[m] >= 800:
            err("HOUSEHOLD", f"occupied on {d} is {occ[m]} (must be < 800)")
    if not any(h.get("occupied_since") == "2026-07-02" for h in hh):
        err("HOUSEHOLD", "no household moved in on 2026-07-02")
    moves = [h["id"] for h in hh if (h.get("occupied_since", "").startswith("2026")
                                     or h.get("moved_out", "").startswith("2026"))]
    if len(moves) < 3:
        err("HOUSEHOLD", "fewer than 3 households moving in/out during 2026")
    return reg, {h["id"]: h for h in hh}, occ, units


def check_notices(comm):
    lead = {k: int(v) for k, v in comm["notice_lead_days"].items()}
    seen = set()
    in_effect, upcoming, current_nostart = [], [], []
    periods = []
    kinds = Counter()
    files = sorted((REC / "notices").rglob("*.yaml"))
    for p in files:
        n = load(p)
        if n is None:
            continue
        f = rel(p)
        kinds[n.get("kind")] += 1
        for k in ("id", "kind", "title", "published", "areas", "channels", "body", "contact"):
            if k not in n:
                err("NOTICE", f"{f}: missing {k}")
        if n["id"] in seen:
            err("NOTICE", f"{f}: duplicate id {n['id']}")
        seen.add(n["id"])
        if not re.fullmatch(r"N-\d{4}-\d{4}-[a-z0-9]+", n["id"]):
            err("NOTICE", f"{f}: id format")
        kind = n["kind"]
        if kind not in KINDS:
            err("NOTICE", f"{f}: bad kind {kind}")
        pub = T(n["published"])
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.yaml", p.name) \
                or p.name[:10] != pub.date().isoformat() or p.parent.name != str(pub.year):
            err("NOTICE", f"{f}: file name/folder does not match published date")
        if n["id"][2:6] != str(pub.year) or n["id"][7:11] != pub.strftime("%m%d"):
            err("NOTICE", f"{f}: id date does not match published date")
        if pub > NOW:
            err("NOTICE", f"{f}: published in the future")
        for ch in n.get("channels", []):
            if ch not in CHANNELS:
                err("CHANNEL", f"{f}: unknown channel {ch}")
        c = n.get("contact") or {}
        if not c.get("name") or not c.get("phone"):
            err("NOTICE", f"{f}: contact needs name and phone")
        body = n.get("body", "")
        cn_date = f"{pub.year}年{pub.month}月{pub.day}日"
        if kind not in ("finance",) and "h小区管理处" not in body:
            err("NOTICE", f"{f}: body not signed by h小区管理处")
        if cn_date not in body:
            err("NOTICE", f"{f}: body signature date is not {cn_date}")
        start = T(n["start"]) if n.get("start") else None
        end = T(n["end"]) if n.get("end") else None
        if start and end and end <= start:
            err("NOTICE", f"{f}: end before start")
        if kind in ("outage", "emergency") and n.get("outage") not in ("water", "power", "gas", "elevator"):
            err("NOTICE", f"{f}: outage type missing")
        if kind in ADVANCE:
            if not start:
                err("NOTICE-LEAD", f"{f}: advance notice without start")
            elif start - pub < dt.timedelta(days=lead[kind]):
                err("NOTICE-LEAD", f"{f}: published {pub} only {start - pub} before {start} "
                                   f"(needs {lead[kind]} d)")
        if kind == "outage":
            for k in ("areas", "start", "end", "actions"):
                if not n.get(k):
                    err("NOTICE-OUTAGE", f"{f}: missing {k}")
        if kind in ("pest_control", "works") and not n.get("warning_signs"):
            err("NOTICE-PEST" if kind == "pest_control" else "NOTICE-WORKS", f"{f}: no warning_signs")
        if kind == "emergency":
            if not start or pub <= start:
                err("NOTICE-EMERGENCY", f"{f}: must be published after start")
            if not n.get("measures"):
                err("NOTICE-EMERGENCY", f"{f}: no measures")
        if kind == "finance":
            if not re.fullmatch(r"\d{4}-Q[1-4]", n.get("period", "")):
                err("NOTICE-FINANCE", f"{f}: bad period")
            else:
                periods.append(n["period"])
                y, q = int(n["period"][:4]), int(n["period"][-1])
                pend = dt.date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
                if pub.date() < pend:
                    err("NOTICE-FINANCE", f"{f}: published before the period ended")
        if kind == "publicity" and not (n.get("expires") or n.get("end")):
            err("NOTICE-PUBLICITY", f"{f}: publicity without end/expires")
        if start and end and start <= NOW < end:
            in_effect.append(n["id"])
        elif start and pub <= NOW < start:
            upcoming.append(n["id"])
        elif not start and pub <= NOW and (not n.get("expires") or NOW.date() < D(n["expires"])):
            current_nostart.append(n["id"])
    for per in ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"):
        if per not in periods:
            err("NOTICE-FINANCE", f"no statement for {per}")
    if len(in_effect) < 3:
        err("NOTICE", f"only {len(in_effect)} notices in effect at {NOW}")
    if len(upcoming) < 4:
        err("NOTICE", f"only {len(upcoming)} upcoming notices at {NOW}")
    return len(files), in_effect, upcoming, current_nostart, kinds


def check_meetings():
    months = Counter()
    upcoming = []
    for p in sorted((REC / "meetings").rglob("*.yaml")):
        m = load(p)
        if m is None:
            continue
        t = T(m["date"])
        if p.name[:10] != t.date().isoformat():
            err("MEETING", f"{rel(p)}: file name date")
        if not re.fullmatch(r"M-\d{4}-\d{2}", m["id"]):
            err("MEETING", f"{rel(p)}: id format")
        if t <= NOW:
            months[(t.year, t.month)] += 1
            if not m.get("minutes") or not m.get("attendance"):
                err("MEETING", f"{rel(p)}: past meeting without minutes/attendance")
        else:
            upcoming.append(m["id"])
    for mo in range(1, 12):
        if not months[(YEAR, mo)]:
            err("MEETING-MONTHLY", f"no meeting in {YEAR}-{mo:02d}")
    if not upcoming:
        err("MEETING-MONTHLY", "no upcoming December meeting")


def check_cases(hmap):
    cases = {}
    for p in sorted((REC / "cases").rglob("*.yaml")):
        c = load(p)
        if c is None:
            continue
        f = rel(p)
        cases[c["id"]] = c
        rec = T(c["received"])
        if p.name != f"{rec.date().isoformat()}-{c['id']}.yaml":
            err("CASE", f"{f}: file name")
        if c["kind"] not in ("投诉", "建议", "问题", "财产损坏"):
            err("CASE", f"{f}: bad kind")
        if c.get("channel") not in CHANNELS:
            err("CHANNEL", f"{f}: bad channel")
        if c.get("topic") not in TOPICS:
            err("TOPIC", f"{f}: bad topic")
        fr = T(c["first_response"])
        if not rec <= fr <= rec + dt.timedelta(hours=24):
            err("CASE-RESPONSE-24H", f"{f}: first response {fr} vs received {rec}")
        if "phone" in c or "name" in c:
            err("PRIVACY", f"{f}: name/phone in a case")
        if c.get("household"):
            h = hmap.get(c["household"])
            if not h or not occupied(h, rec.date()):
                err("CASE", f"{f}: household unknown or not occupied")
        last = rec
        for pr in c.get("progress", []):
            t = T(pr["time"])
            if t < last:
                err("CASE-PROGRESS", f"{f}: progress out of order")
            last = t
        if c.get("resolved") and T(c["resolved"]) < rec:
            err("CASE", f"{f}: resolved before received")
        if c["kind"] == "投诉":
            if c.get("valid") not in ("true", "false"):
                err("CASE", f"{f}: complaint without valid")
            if c.get("valid") == "true" and c.get("resolved") and not c.get("feedback"):
                err("CASE-VALID-FEEDBACK", f"{f}: resolved valid complaint without feedback")
            if c.get("valid") == "false" and not c.get("explanation"):
                err("CASE-INVALID-EXPLAIN", f"{f}: invalid complaint without explanation")
        if c["kind"] == "问题" and not any(("业委会" in pr["text"] or "业户" in pr["text"])
                                         for pr in c.get("progress", [])):
            err("CASE-FOUND", f"{f}: not communicated to household/业委会")
        if c["kind"] == "财产损坏" and not c.get("feedback"):
            err("CASE-PROPERTY", f"{f}: no report to the customer")
        if not c.get("resolved") and not c.get("progress"):
            err("CASE-PROGRESS", f"{f}: open case without progress")
    kinds = Counter(c["kind"] for c in cases.values())
    if not any(c["kind"] == "投诉" and c.get("valid") == "false" for c in cases.values()):
        err("CASE", "no invalid complaint")
    for k in ("投诉", "建议", "问题", "财产损坏"):
        if not kinds[k]:
            err("CASE", f"no case of kind {k}")
    return cases


def check_suggestions():
    n = 0
    for p in sorted((REC / "suggestions").rglob("*.yaml")):
        s = load(p)
        n += 1
        if s is None:
            continue
        if set(s) - {"id", "received", "channel", "topic", "text"}:
            err("SUGGESTION-ANONYMOUS", f"{rel(p)}: identifying keys {set(s) - {'id', 'received', 'channel', 'topic', 'text'}}")
        if s.get("channel") != "意见箱" or s.get("topic") not in TOPICS:
            err("SUGGESTION", f"{rel(p)}: channel/topic")
        if p.name != f"{s['received']}-{s['id']}.yaml":
            err("SUGGESTION", f"{rel(p)}: file name")
    return n


def check_visits(comm, hmap, occ, cases):
    staff = {s["name"] for s in comm["staff"]}
    by_month = defaultdict(list)
    ids = set()
    for p in sorted((REC / "visits").rglob("*.yaml")):
        v = load(p)
        if v is None:
            continue
        f = rel(p)
        t = T(v["time"])
        by_month[(t.year, t.month)].append(v)
        if v["id"] in ids:
            err("VISIT", f"{f}: duplicate id")
        ids.add(v["id"])
        if p.name != f"{t.date().isoformat()}-{v['id']}.yaml" or p.parent.name != t.strftime("%Y-%m") \
                or v["id"][2:9] != t.strftime("%Y-%m"):
            err("VISIT", f"{f}: file name / folder / id does not match the time")
        if t > NOW:
            err("VISIT", f"{f}: in the future")
        if v["visitor"] not in staff:
            err("VISIT-RECORD", f"{f}: visitor not in staff")
        h = hmap.get(v["household"])
        if not h or not occupied(h, t.date()):
            err("VISIT", f"{f}: household {v['household']} not occupied on {t.date()}")
        if v["mode"] not in MODES:
            err("VISIT-MODE", f"{f}: bad mode")
        if not v.get("topics") or set(v["topics"]) - TOPICS:
            err("TOPIC", f"{f}: bad topics")
        ops = v.get("opinions") or []
        if not 1 <= len(ops) <= 2:
            err("VISIT-RECORD", f"{f}: {len(ops)} opinions")
        for o in ops:
            if o["topic"] not in TOPICS or o["topic"] not in v["topics"] or not o.get("text"):
                err("TOPIC", f"{f}: opinion topic/text")
        if v.get("signature") not in ("已签名", "拒绝签名"):
            err("VISIT-SIGNATURE", f"{f}: signature missing")
        if v.get("feedback_needed") == "true":
            fb = v.get("feedback") or {}
            if not fb.get("time") or not fb.get("text") or not t < T(fb["time"]) <= NOW:
                err("VISIT-FEEDBACK", f"{f}: feedback missing or badly timed")
        if v["mode"] == "上门":
            a = v.get("appointment") or {}
            if not a.get("made") or not a.get("for"):
                err("VISIT-APPOINTMENT", f"{f}: no appointment")
            elif not T(a["made"]) < T(a["for"]) or T(a["for"]) != t:
                err("VISIT-APPOINTMENT", f"{f}: appointment not before / not at the visit time")
            if not dt.time(9, 0) <= t.time() <= dt.time(21, 30):
                err("VISIT-2200", f"{f}: door visit at {t.time()}")
        if v.get("return_visit") == "true":
            c = cases.get(v.get("follows_case", ""))
            if not c:
                err("VISIT", f"{f}: return visit follows unknown case")
            elif c.get("household") != v["household"] or T(c["received"]) >= t:
                err("VISIT", f"{f}: return visit household/time does not match the case")
        elif v.get("return_visit") != "false":
            err("VISIT", f"{f}: return_visit must be true or false")
    rows = []
    twice = 0
    for mo in range(1, 12):
        vs = by_month[(YEAR, mo)]
        nonret = [v["household"] for v in vs if v["return_visit"] == "false"]
        distinct = len(set(nonret))
        twice += len(nonret) - distinct
        n = occ[mo]
        rate = 4 if n <= 300 else 5 if n <= 500 else 6 if n <= 800 else 7
        quota = -(-n * rate // 100)
        if distinct < quota:
            err("VISIT-QUOTA", f"{YEAR}-{mo:02d}: {distinct} distinct < quota {quota}")
        if distinct > quota + 6:
            err("VISIT-QUOTA", f"{YEAR}-{mo:02d}: {distinct} distinct, far above quota {quota}")
        rows.append((mo, n, quota, distinct, len(vs), len(vs) - len(nonret)))
    if not twice:
        err("VISIT-NO-REPEAT", "no household visited twice in a month")
    return by_month, rows


def check_summaries(by_month):
    for mo in range(1, 11):
        p = REC / "visit-summaries" / str(YEAR) / f"{YEAR}-{mo:02d}.yaml"
        if not p.exists():
            err("VISIT-SUMMARY", f"missing {rel(p)}")
            continue
        s = load(p)
        due = dt.date(YEAR + (mo == 12), mo % 12 + 1, 5)
        sub = D(s["submitted"])
        vs = by_month[(YEAR, mo)]
        if sub > due:
            err("VISIT-SUMMARY", f"{rel(p)}: submitted {sub} after {due}")
        if vs and sub < max(T(v["time"]) for v in vs).date():
            err("VISIT-SUMMARY", f"{rel(p)}: submitted before the month's last visit")
        want = {(v["id"], k) for v in vs for k in range(1, len(v["opinions"]) + 1)}
        got = Counter((d["visit"], int(d["opinion"])) for d in s["decisions"])
        for key, n in got.items():
            if n > 1:
                err("VISIT-ESCALATE", f"{rel(p)}: duplicate decision {key}")
        if set(got) != want:
            err("VISIT-ESCALATE", f"{rel(p)}: decisions missing {sorted(want - set(got))[:5]} "
                                  f"extra {sorted(set(got) - want)[:5]}")
        for d in s["decisions"]:
            if d["decision"] not in ("采纳", "不采纳", "上报") or not d.get("note"):
                err("VISIT-ESCALATE", f"{rel(p)}: bad decision {d}")
    p = REC / "visit-summaries" / str(YEAR) / f"{YEAR}-11.yaml"
    if p.exists():
        err("VISIT-SUMMARY", "November summary present before it is due")


TOKEN = re.compile(r"\([满基不]{2,3}\)|[满基不空]")


def check_survey(reg, hmap, units):
    r = load(REC / "surveys" / "2026-06" / "round.yaml")
    a = load(REC / "surveys" / "2026-06" / "answers.yaml")
    don = D(r["delivered_on"])
    occ = sum(occupied(h, don) for h in hmap.values())
    if int(r["delivered"]) != occ:
        err("SURVEY-DISTRIBUTION", f"delivered {r['delivered']} != occupied {occ} on {don}")
    want_units = {b + u for b, u in units}
    if set(r["units"]) != want_units:
        err("SURVEY-DISTRIBUTION", f"units differ: {want_units ^ set(r['units'])}")
    if D(r["collection_end"]) > nth_workday_after(don, 15):
        err("SURVEY-COLLECT-15WD", f"collection_end after {nth_workday_after(don, 15)}")
    for k in ("analysis_done", "announced"):
        if D(r[k]) > nth_workday_after(don, 30):
            err("SURVEY-30WD", f"{k} after {nth_workday_after(don, 30)}")
    items = r["items"]
    if len(items) != 12 or [int(i["no"]) for i in items] != list(range(1, 13)):
        err("SURVEY", "items must be numbered 1..12")
    for i in items:
        if i["topic"] not in TOPICS:
            err("TOPIC", f"survey item {i['no']} topic")
    ans = a["answers"]
    returned = len(ans)
    if returned < 0.6 * int(r["delivered"]):
        err("SURVEY-RETURN-60", f"returned {returned}")
    dis = Counter()
    counts = defaultdict(Counter)
    for line in ans:
        toks = TOKEN.findall(line)
        if "".join(toks) != line or len(toks) != len(items):
            err("SURVEY", f"bad answer line {line}")
            continue
        for k, tk in enumerate(toks, 1):
            counts[k][tk if len(tk) == 1 else "弃"] += 1
            if tk == "不":
                dis[k] += 1
    total = sum(dis.values())
    order = sorted(dis, key=lambda k: (-dis[k], k))
    main, cum = [], Fraction(0)
    for k in order:
        cum += Fraction(dis[k], total)
        if cum <= Fraction(4, 5):
            main.append(k)
    if not main and order:
        main = [order[0]]
    measured = [int(m["item"]) for m in r.get("measures", [])]
    if sorted(measured) != sorted(main):
        err("SURVEY-PARETO", f"measures for {measured}, Pareto main items {main}")
    for s in a.get("suggestions", []):
        if s["topic"] not in TOPICS:
            err("SURVEY-NEEDS", f"suggestion topic {s['topic']}")
    return dict(delivered=int(r["delivered"]), returned=returned, main=main, dis=dict(dis),
                suggestions=len(a.get("suggestions", [])),
                collect_deadline=nth_workday_after(don, 15), wd30=nth_workday_after(don, 30))


def main() -> int:
    check_all_yaml()
    comm = check_community()
    reg, hmap, occ, units = check_households()
    n_notices, in_effect, upcoming, current, kinds = check_notices(comm)
    check_meetings()
    cases = check_cases(hmap)
    n_sugg = check_suggestions()
    by_month, rows = check_visits(comm, hmap, occ, cases)
    check_summaries(by_month)
    sv = check_survey(reg, hmap, units)

    print("files per folder:")
    for d in sorted({p.parent for p in REC.rglob("*.yaml")}):
        print(f"  {str(d.relative_to(REC)) or '.':32s} {len(list(d.glob('*.yaml')))}")
    print(f"households: {len(hmap)}; occupied on the 1st:",
          ", ".join(f"{m:02d}:{n}" for m, n in occ.items()))
    print("visits:  month  occupied  quota  distinct  visits  return")
    for mo, n, q, dcount, nv, nr in rows:
        print(f"         {YEAR}-{mo:02d}  {n:8d}  {q:5d}  {dcount:8d}  {nv:6d}  {nr:6d}")
    print(f"notices: {n_notices} ({dict(kinds)})")
    print(f"  in effect at {NOW}: {in_effect}")
    print(f"  upcoming at {NOW}: {upcoming}")
    print(f"  current without start (finance etc.): {current}")
    print(f"cases: {len(cases)}; anonymous suggestions: {n_sugg}")
    print(f"survey 2026-06: delivered {sv['delivered']}, returned {sv['returned']} "
          f"({sv['returned'] / sv['delivered']:.1%}), 不满意 per item {sv['dis']}, "
          f"main items {sv['main']}, suggestions {sv['suggestions']}; "
          f"15th working day {sv['collect_deadline']}, 30th working day {sv['wd30']}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
