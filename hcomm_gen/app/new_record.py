"""``hcomm new KIND``: a pre-filled record from a template (issue 12).

The record gets the next free ID of its kind (notices ``N-YYYY-MMDD-slug``, cases
``C-YYYY-NNN``, visits ``V-YYYY-MM-NNN``, meetings ``M-YYYY-MM``; a survey round is its
folder ``surveys/YYYY-MM/``), a file name starting with its date (so a folder sorts by date),
times that meet the community's minimum lead time (``notice_lead_days``, in days; cuts,
pest control and works start at 09:00 on a working day, :mod:`hcomm_gen.domain.workdays`),
and Chinese comments ``# 请填写：…`` above every value the staff must write. As written, the
record passes ``hcomm check`` (the values are plausible placeholders), except a visit or a
case without ``--household``: its ``household:`` stays empty and the check names that line.

Templates are Jinja texts (no escaping: the output is YAML; text values go through the
``yq`` filter, :func:`~hcomm_gen.app.office_init.yaml_scalar`). An office's own
``templates/records/`` overrides hcomm's (``hcomm_gen/defaults/templates/records/``): for
停水 the names tried are ``停水.yaml``, ``water.yaml``, ``outage.yaml``, first in the office's
folder, then in hcomm's (:func:`template_names`).
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import jinja2

from hcomm_gen.app.checking import resolve_now
from hcomm_gen.app.office_init import yaml_scalar
from hcomm_gen.core.errors import UsageError
from hcomm_gen.domain.terms import OUTAGE_KINDS, WEEKDAYS_ZH
from hcomm_gen.domain.workdays import UnknownYear, WorkCalendar
from hcomm_gen.records.loader import Records, load_records

DEFAULT_RECORD_TEMPLATES = Path(__file__).resolve().parents[1] / "defaults" / "templates" / "records"


@dataclass(frozen=True)
class NewKind:
    """One kind ``hcomm new`` makes.

    :ivar key: the English name (also a template name); :ivar zh: the Chinese name;
    :ivar record: ``notice``, ``case``, ``visit``, ``meeting`` or ``survey``;
    :ivar base: the default template (``outage`` for the four cuts, ``case`` for 投诉/建议);
    :ivar notice_kind: / :ivar outage: / :ivar case_kind: what the record says it is;
    :ivar slug: the end of a notice's ID and file name (``water``).
    """

    key: str
    zh: str
    record: str
    base: str
    notice_kind: str | None = None
    outage: str | None = None
    case_kind: str | None = None
    slug: str = ""


def _notice(key: str, zh: str, kind: str, slug: str, outage: str | None = None) -> NewKind:
    return NewKind(key, zh, "notice", "outage" if outage else kind, kind, outage, slug=slug)


#: every kind of ``hcomm new``, in the order help lists them
NEW_KINDS: tuple[NewKind, ...] = (
    _notice("water", "停水", "outage", "water", "water"),
    _notice("power", "停电", "outage", "power", "power"),
    _notice("gas", "停气", "outage", "gas", "gas"),
    _notice("elevator", "电梯停用", "outage", "elevator", "elevator"),
    _notice("pest_control", "消杀", "pest_control", "pest"),
    _notice("works", "施工", "works", "works"),
    _notice("event", "活动", "event", "event"),
    _notice("publicity", "宣传", "publicity", "publicity"),
    _notice("finance", "财务公示", "finance", "finance"),
    _notice("fee_change", "收费调整", "fee_change", "fee"),
    _notice("contract_change", "合同变更", "contract_change", "contract"),
    _notice("emergency", "突发", "emergency", "emergency"),
    NewKind("visit", "访问", "visit", "visit"),
    NewKind("complaint", "投诉", "case", "case", case_kind="投诉"),
    NewKind("suggestion", "建议", "case", "case", case_kind="建议"),
    NewKind("meeting", "会议", "meeting", "meeting"),
    NewKind("survey", "问卷", "survey", "survey"),
)
#: other names accepted for a kind
ALIASES = {"outage": "water", "停水通知": "water", "停电通知": "power", "电梯": "elevator", "停梯": "elevator",
           "灭鼠": "pest_control", "消杀通知": "pest_control", "维修施工": "works", "突发事件": "emergency",
           "业户访问": "visit", "恳谈会": "meeting", "业主恳谈会": "meeting", "问卷调查": "survey",
           "pest": "pest_control", "fee": "fee_change", "contract": "contract_change",
           # pinyin, for a keyboard without a Chinese input method
           "tingshui": "water", "tingdian": "power", "tingqi": "gas", "dianti": "elevator",
           "diantitingyong": "elevator", "xiaosha": "pest_control", "shigong": "works", "huodong": "event",
           "xuanchuan": "publicity", "caiwu": "finance", "caiwugongshi": "finance",
           "shoufeitiaozheng": "fee_change", "hetongbiangeng": "contract_change", "tufa": "emergency",
           "fangwen": "visit", "tousu": "complaint", "jianyi": "suggestion", "huiyi": "meeting",
           "wenjuan": "survey"}
_BY_NAME = {k.key: k for k in NEW_KINDS} | {k.zh: k for k in NEW_KINDS}


def kind_named(name: str) -> NewKind:
    """The kind called ``name`` (Chinese, English or an alias).

    :raises UsageError: no such kind; the message lists them all (both names) and the
        closest one.
    """
    n = name.strip()
    found = _BY_NAME.get(n) or _BY_NAME.get(n.lower()) or _BY_NAME.get(ALIASES.get(n, ALIASES.get(n.lower(), "")))
    if found is not None:
        return found
    names = list(_BY_NAME) + list(ALIASES)
    close = difflib.get_close_matches(n, names, n=1, cutoff=0.5)
    hint = _BY_NAME.get(close[0]) or _BY_NAME[ALIASES[close[0]]] if close else None
    listing = "、".join(f"{k.zh}（{k.key}）" for k in NEW_KINDS)
    raise UsageError(f"没有“{n}”这种记录。{f'是不是“{hint.zh}”？' if hint else ''}可以新建：{listing}。",
                     f"No record kind '{n}'. {f'Did you mean {hint.key} ({hint.zh})? ' if hint else ''}"
                     f"Kinds: {', '.join(f'{k.key} ({k.zh})' for k in NEW_KINDS)}.")


def template_names(kind: NewKind) -> list[str]:
    """The template file names tried for ``kind``, in order (each first in the office's
    ``templates/records/``, then in hcomm's)."""
    names = [f"{kind.zh}.yaml", f"{kind.key}.yaml", f"{kind.base}.yaml"]
    return list(dict.fromkeys(names))


def _env(root: Path) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(root / "templates" / "records")),
                                  jinja2.FileSystemLoader(str(DEFAULT_RECORD_TEMPLATES))])
    env = jinja2.Environment(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    env.filters["yq"] = yaml_scalar
    return env


# --- times ---------------------------------------------------------------------------------

def _fmt(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M")


def zh_day(d: date) -> str:
    """``2026年12月5日（周六）``."""
    return f"{d.year}年{d.month}月{d.day}日（{WEEKDAYS_ZH[d.weekday()]}）"


def _hm(dt: datetime) -> str:
    return f"{dt.hour}:{dt.minute:02d}"


def first_slot(earliest: datetime, at: time, calendar: WorkCalendar | None) -> datetime:
    """The first moment at the time of day ``at`` not before ``earliest``, on a working day
    when ``calendar`` is given (any day when the year is not in the calendar)."""
    day = earliest.date()
    for _ in range(60):
        moment = datetime.combine(day, at, tzinfo=earliest.tzinfo)
        if moment >= earliest:
            try:
                if calendar is None or calendar.is_workday(day):
                    return moment
            except UnknownYear:
                return moment
        day += timedelta(days=1)
    return datetime.combine(earliest.date() + timedelta(days=1), at, tzinfo=earliest.tzinfo)


def _first_of_month_after(d: date) -> date:
    return d if d.day == 1 else (d.replace(day=1) + timedelta(days=32)).replace(day=1)


def previous_period(day: date, period: str | None) -> tuple[str, str, str, int]:
    """The last complete finance period before ``day`` for ``finance_period``: ``(period as
    written, period in Chinese, help text, days until the next statement)``."""
    if period == "monthly":
        last = day.replace(day=1) - timedelta(days=1)
        return f"{last:%Y-%m}", f"{last.year}年{last.month}月", "按月：2026-01", 31
    if period == "half_yearly":
        h = 1 if day.month <= 6 else 2
        y, h = (day.year - 1, 2) if h == 1 else (day.year, 1)
        return f"{y}-H{h}", f"{y}年{'上' if h == 1 else '下'}半年", "按半年：2026-H1", 183
    q = (day.month - 1) // 3 + 1
    y, q = (day.year - 1, 4) if q == 1 else (day.year, q - 1)
    return f"{y}-Q{q}", f"{y}年第{'一二三四'[q - 1]}季度", "按季度：2026-Q1", 92


# --- IDs -----------------------------------------------------------------------------------

_ID_LINE = re.compile(r"^id:\s*['\"]?([A-Za-z0-9_-]+)", re.M)


def used_ids(root: Path) -> set[str]:
    """Every ``id:`` written at the top level of a file under ``records/`` (read as text, so
    a file that does not load still keeps its ID), and the households' IDs."""
    out: set[str] = set()
    for path in (Path(root) / "records").rglob("*.y*ml"):
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        out.update(_ID_LINE.findall(text))
        if path.name == "households.yaml":
            out.update(re.findall(r"\bid:\s*([A-Za-z0-9_-]+)", text))
    return out


def next_number(used: set[str], prefix: str, width: int = 3) -> str:
    """``prefix`` + the next free number after the highest used (``C-2026-`` → ``C-2026-011``)."""
    pat = re.compile(re.escape(prefix) + r"(\d+)$")
    nums = [int(m.group(1)) for u in used if (m := pat.match(u))]
    return f"{prefix}{(max(nums, default=0) + 1):0{width}d}"


def free_id(used: set[str], base: str) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free."""
    if base not in used:
        return base
    k = 2
    while f"{base}-{k}" in used:
        k += 1
    return f"{base}-{k}"


# --- the record ----------------------------------------------------------------------------

@dataclass
class NewRecord:
    """What ``new`` writes: the file (absolute), its text, the record's ID (a survey: the
    round), the template used."""

    path: Path
    text: str
    id: str
    template: str


def _staff(records: Records, *roles: str) -> str | None:
    for s in records.community.staff:
        if s.role in roles:
            return s.name
    return None


def _areas(areas: list[str] | None) -> str:
    return "[" + ", ".join(yaml_scalar(a) for a in (areas or ["全体业户"])) + "]"


def _notice_values(kind: NewKind, records: Records, now: datetime, used: set[str]) -> tuple[dict, Path]:
    com = records.community
    calendar = WorkCalendar.for_community(com)
    nid = free_id(used, f"N-{now:%Y-%m%d}-{kind.slug}")
    lead = getattr(com.notice_lead_days, kind.notice_kind or "", 0) or 0
    earliest = now + timedelta(days=lead)
    v: dict = {"lead_days": lead, "expires": ""}
    what = {"water": "暂停供水", "power": "暂停供电", "gas": "暂停供气", "elevator": "停用电梯"}.get(kind.outage or "", "")
    if kind.notice_kind in ("outage", "pest_control", "works", "event"):
        at, hours = {"outage": (time(9), 4), "pest_control": (time(9), 8), "works": (time(9), 8),
                     "event": (time(9, 30), 2)}[kind.notice_kind]
        start = first_slot(earliest, at, None if kind.notice_kind == "event" else calendar)
        end = start + timedelta(hours=hours)
        v.update(start=_fmt(start), end=_fmt(end), expires=(end.date() + timedelta(days=1)).isoformat(),
                 when_zh=f"{zh_day(start.date())}{_hm(start)}至{_hm(end)}")
    elif kind.notice_kind in ("fee_change", "contract_change"):
        day = (earliest + timedelta(days=1)).date() if earliest.time() != time(0) else earliest.date()
        if kind.notice_kind == "fee_change":
            day = _first_of_month_after(day)
        v.update(start=day.isoformat(), expires=(day + timedelta(days=30)).isoformat(),
                 start_zh=f"{day.year}年{day.month}月{day.day}日")
    elif kind.notice_kind == "emergency":
        v.update(start=_fmt(now), expires=(now.date() + timedelta(days=3)).isoformat())
    elif kind.notice_kind == "publicity":
        v.update(expires=(now.date() + timedelta(days=30)).isoformat())
    elif kind.notice_kind == "finance":
        period, period_zh, period_help, days = previous_period(now.date(), com.finance_period)
        v.update(period=period, period_zh=period_zh, period_help=period_help,
                 expires=(now.date() + timedelta(days=days)).isoformat())
    label = f"临时{OUTAGE_KINDS[kind.outage]}" if kind.outage and kind.outage != "elevator" else "电梯停用"
    titles = {"outage": f"关于{label}的通知", "pest_control": "关于开展消杀工作的通知",
              "works": "关于维修施工的通知", "event": "社区活动通知", "publicity": "温馨提示",
              "finance": f"{com.name}{v.get('period_zh', '')}物业服务收支情况公示",
              "fee_change": "关于调整收费标准的公告", "contract_change": "关于服务合同变更的通知",
              "emergency": "关于突发事件的紧急通知"}
    reasons = {"water": "供水设施检修", "power": "供电设施检修", "gas": "燃气管道检修", "elevator": "电梯维护保养"}
    actions = {"water": "请提前储备生活用水，停水期间关闭家中水龙头；恢复供水后先放水数分钟再使用。",
               "power": "请提前做好准备，停电期间关闭家用电器电源，注意冰箱食品保存；恢复供电后再逐一打开电器。",
               "gas": "停气期间请关闭燃气总阀；恢复供气后如闻到异味，请立即开窗并拨打管理处电话。",
               "elevator": "停用期间请走楼梯，行动不便的业户如需帮助请联系管理处。"}
    v.update(id=nid, kind=kind.notice_kind, outage=kind.outage or "", what=what or "", label=kind.zh,
             # the title says it is not written yet: RECORD-PLACEHOLDER holds the notice back
             # until staff write it (an untouched 关于临时停水的通知 would reach every occupant)
             title=f"{titles.get(kind.notice_kind or '', kind.zh)}（请填写标题：写明楼栋和原因）", published=_fmt(now),
             reason=reasons.get(kind.outage or "", ""), actions=actions.get(kind.outage or "", ""),
             contact_name=_staff(records, "客户服务主管", "客服专员") or com.office.name,
             date_zh=f"{now.year}年{now.month}月{now.day}日")
    path = Path("notices") / f"{now:%Y}" / f"{now:%Y-%m-%d}-{nid[len(f'N-{now:%Y-%m%d}-'):]}.yaml"
    return v, path


def new_record(root: Path, kind_name: str, now: datetime | str | None = None, *, title: str | None = None,
               areas: list[str] | None = None, household: str | None = None) -> NewRecord:
    """Make (not write) the record of ``kind_name`` for the office ``root`` at ``now`` (a
    date-time, or text like ``2026-12-04 09:00`` in the community's time zone; default: the
    current moment).

    :raises UsageError: unknown kind; a bad ``now``; ``community.yaml`` does not load; a
        survey round of this month exists already.
    :returns: :class:`NewRecord` (write it with :func:`write_new`).
    """
    kind = kind_named(kind_name)
    records = load_records(Path(root))
    if not records.has_community:
        raise UsageError("records/community.yaml 读不出来，无法新建记录。请先运行 hcomm check 并改正。",
                         "records/community.yaml cannot be read, so no record can be made: run hcomm check first.")
    tz = records.tz
    now = resolve_now(records, now).astimezone(tz).replace(second=0, microsecond=0)
    used = used_ids(root)
    com = records.community
    v: dict = {"community": com.name, "office": com.office.name, "hotline": com.office.hotline,
               "areas": _areas(areas), "household": household or ""}
    if kind.record == "notice":
        values, relp = _notice_values(kind, records, now, used)
        v.update(values)
    elif kind.record == "case":
        cid = next_number(used, f"C-{now:%Y}-")
        v.update(id=cid, case_kind=kind.case_kind, received=_fmt(now),
                 response_due=_fmt(now + timedelta(hours=24)))
        relp = Path("cases") / f"{now:%Y}" / f"{now:%Y-%m-%d}-{cid}.yaml"
    elif kind.record == "visit":
        vid = next_number(used, f"V-{now:%Y-%m}-")
        v.update(id=vid, time=_fmt(now), appointment_made=_fmt(now - timedelta(days=1)),
                 visitor=_staff(records, "客户服务主管", "客服专员") or "客服主管")
        relp = Path("visits") / f"{now:%Y}" / f"{now:%Y-%m}" / f"{now:%Y-%m-%d}-{vid}.yaml"
    elif kind.record == "meeting":
        mid = free_id(used, f"M-{now:%Y-%m}")
        v.update(id=mid, date=_fmt(now), title=f"{now.month}月业主恳谈会")
        relp = Path("meetings") / f"{now:%Y}" / f"{now:%Y-%m-%d}-{mid}.yaml"
    else:
        v.update(_survey_values(records, now))
        relp = Path("surveys") / f"{now:%Y-%m}" / "round.yaml"
        if (Path(root) / "records" / relp).exists():
            raise UsageError(f"{now:%Y-%m} 这一轮问卷调查已经有了：records/{relp.as_posix()}。",
                             f"The survey round {now:%Y-%m} exists already: records/{relp.as_posix()}.")
    if title:
        v["title"] = title
    v.setdefault("title", "")
    env = _env(Path(root))
    try:
        template = env.select_template(template_names(kind))
        text = template.render(v)
    except jinja2.TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or getattr(exc, 'name', None) or ''}"
        line = getattr(exc, "lineno", None)
        at = f"{where}:{line}" if where and line else where or "templates/records/"
        names = "、".join(sorted(v))
        raise UsageError(f"记录模板 {at} 有错误：{exc}。模板里可用的名字：{names}。",
                         f"Record template {at}: {exc}. Names a template may use: {', '.join(sorted(v))}.") from None
    return NewRecord(Path(root) / "records" / relp, text if text.endswith("\n") else text + "\n",
                     str(v.get("id") or v.get("round")), template.name or "")


def _survey_values(records: Records, now: datetime) -> dict:
    """The round of ``now``'s month: delivered today to the households occupied today, every
    unit with one; the working-day deadlines (SURVEY-COLLECT-15WD, SURVEY-ANALYSIS-30WD)."""
    today = now.date()
    occupied = [h for h in records.registry.households if h.occupied_on(today)]
    units = list(dict.fromkeys(h.unit_name for h in occupied)) or [
        f"{b.building}{u}" for b in records.registry.buildings for u in b.units]
    calendar = WorkCalendar.for_community(records.community)
    try:
        collect_due = calendar.add_workdays(today, 15).isoformat()
        analysis_due = calendar.add_workdays(today, 30).isoformat()
    except UnknownYear as exc:
        collect_due = analysis_due = f"（{exc.year} 年的节假日未知，请在 community.yaml 的 calendar 里写明）"
    return {"round": f"{today:%Y-%m}", "round_zh": f"{today.year}年{today.month}月", "delivered_on": today.isoformat(),
            "delivered": len(occupied), "units": "[" + ", ".join(units) + "]",
            "collect_due": collect_due, "analysis_due": analysis_due}


def write_new(rec: NewRecord) -> Path:
    """Write ``rec`` to its file, never over an existing one (folders made as needed).

    :raises UsageError: the file exists.
    """
    rec.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(rec.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise UsageError(f"{rec.path} 已经存在，没有覆盖它。", f"{rec.path} exists; not replaced.") from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(rec.text)
    return rec.path
