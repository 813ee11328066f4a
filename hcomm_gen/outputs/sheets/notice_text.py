"""What a notice's printed sheets say besides its body: the facts box (when, where, whom,
contact), the time labels and the big words of warning signs, finance tables, short texts
for signs, and the title's size class. The letter frame (greeting, sign-off, issuer) is
:mod:`hcomm_gen.outputs.letter`, shared with the pages and feeds.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from hcomm_gen.domain.finance import AMOUNT_ROW, SECTION, TOTAL
from hcomm_gen.domain.terms import OUTAGE_KINDS
from hcomm_gen.outputs.env import zh_date, zh_datetime, zh_day
from hcomm_gen.outputs.letter import (
    CLOSINGS,
    audience,
    greeting,
    issuer_names,
    letter_body,
    notice_url,
    qr_data_uri,
)
from hcomm_gen.outputs.views import (
    NoticeView,
    is_midnight,
    notice_label,
    paragraphs,
    time_span,
)

#: label of the time row of the facts box
WHEN_LABELS = {"works": "施工时间", "pest_control": "作业时间", "event": "活动时间",
               "fee_change": "执行日期", "contract_change": "执行日期", "publicity": "宣传时间",
               "finance": "公示期"}
#: big words of a warning sign: (first line, second line, label of the place row)
SIGN_WORDS = {"pest_control": ("正在消杀", "请勿靠近", "作业位置"),
              "works": ("正在施工", "注意安全", "施工位置")}
SIGN_KINDS = tuple(SIGN_WORDS)
#: big words of the sign of works that stop something (``outage:`` on a works notice): the
#: stop itself is the first thing read, e.g. 电梯停用 / 请走楼梯 at a lift replacement
STOP_SIGN_WORDS = {"elevator": ("电梯停用", "请走楼梯"), "water": ("施工停水", "注意安全"),
                   "power": ("施工停电", "注意安全"), "gas": ("施工停气", "严禁明火")}
#: label of the areas row of the facts box, per kind (others: 通知对象)
AREA_LABELS = {"emergency": "影响范围", "works": "施工范围", "pest_control": "作业范围",
               "event": "参加对象"}

# one reading of a statement's lines for the check (FINANCE-TOTALS) and the printed table
_AMOUNT_ROW, _SECTION, _TOTAL = AMOUNT_ROW, SECTION, TOTAL


def _amount_row(m: re.Match) -> dict:
    item = m["item"].strip()
    amount = m["amount"].replace("−", "-")
    return {"item": item, "amount": amount, "unit": m["unit"],
            "total": bool(_TOTAL.search(item)), "negative": amount.startswith("-")}


def finance_blocks(paras: list[str]) -> list[dict]:
    """Split a finance body into blocks: ``{"type": "p", "text"}`` paragraphs and
    ``{"type": "table", "rows": [{"item", "amount", "unit", "section", "total"}]}``
    tables. A table row is a line ``item<spaces>amount 元`` (amount like ``-8,151.00``); a
    short line ``一、收入`` directly before such rows is a section header of the table."""
    blocks: list[dict] = []
    table: dict | None = None
    for i, line in enumerate(paras):
        m = _AMOUNT_ROW.match(line)
        is_section = not m and _SECTION.match(line) and i + 1 < len(paras) \
            and _AMOUNT_ROW.match(paras[i + 1])
        if not m and not is_section:
            table = None
            blocks.append({"type": "p", "text": line})
            continue
        if table is None:
            table = {"type": "table", "rows": []}
            blocks.append(table)
        table["rows"].append({"section": line} if is_section or m is None else _amount_row(m))
    return blocks


def _end_date(end: datetime, tz) -> str:
    """Date and weekday of the last day of a period ending at ``end`` (00:00 = the day before)."""
    e = end.astimezone(tz)
    return zh_date(e - timedelta(days=1) if is_midnight(e) else e)


def first_sentence(text: str | None, limit: int = 60) -> str:
    """The first sentence of ``text`` (up to 。！), cut at ；when longer than ``limit``; still
    longer than twice ``limit``, it ends in ``……（详见通知）`` (a sign has room for 3 lines)."""
    t = " ".join(paragraphs(text))
    t = re.sub(r"^\s*\d+[.、．]\s*", "", t)
    m = re.match(r"^(.+?[。！!])", t)
    s = m.group(1) if m else t
    if len(s) > limit and "；" in s:
        s = s.split("；")[0] + "。"
    if len(s) > 2 * limit:
        s = s[:2 * limit - 8] + "……（详见通知）"
    return s


def period_text(period: str | None) -> str:
    """``2026-Q3`` → ``2026年第三季度``; ``2026-H1`` → ``2026年上半年``; ``2026-07`` → ``2026年7月``."""
    if not period:
        return ""
    m = re.fullmatch(r"(\d{4})-?Q([1-4])", period.strip(), re.IGNORECASE)
    if m:
        return f"{m[1]}年第{'一二三四'[int(m[2]) - 1]}季度"
    m = re.fullmatch(r"(\d{4})-?H([12])", period.strip(), re.IGNORECASE)
    if m:
        return f"{m[1]}年{'上下'[int(m[2]) - 1]}半年"
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", period.strip())
    if m:
        return f"{m[1]}年{int(m[2])}月"
    return period


def title_size(title: str) -> str:
    """Size class of a sheet title so that a title of up to 24 characters fits on one line:
    ``""`` (26pt, up to 18 characters), ``"m"`` (22pt, up to 21), ``"s"`` (20pt, up to 24);
    longer titles wrap at 22pt. Latin letters and digits count as half a character."""
    width = sum(0.55 if ord(ch) < 0x2E80 else 1 for ch in title)
    if width <= 18:
        return ""
    if width <= 21:
        return "m"
    if width <= 24:
        return "s"
    return "m"


def _when_rows(n, tz) -> list[tuple[str, str, bool]]:
    """The period rows of the facts box: 所属期间 and 公示期 of a finance posting, else the
    time of the notice (label by kind, or by what an outage cuts)."""
    if n.kind == "finance":
        rows = [("所属期间", period_text(n.period), True)] if n.period else []
        span = f"{zh_date(n.published, tz)} 至 {_end_date(n.expires, tz)}" if n.expires else ""
        return rows + ([("公示期", span, False)] if span else [])
    if n.start is None:
        return []
    stop = OUTAGE_KINDS.get(n.outage or "", "")
    if n.kind == "works" and stop:   # works that stop the lift or a supply: that stop's time
        label = f"{stop}时间"
    else:
        label = WHEN_LABELS.get(n.kind) or (f"{stop}时间" if stop else "时间")
    return [(label, time_span(n.start, n.end, tz), True)]


def _area_label(n) -> str:
    if n.kind == "outage":
        stop = OUTAGE_KINDS.get(n.outage or "", "")
        return f"{stop}范围" if stop else "影响范围"
    return AREA_LABELS.get(n.kind, "通知对象")


def sign_words(n) -> tuple[str, str, str]:
    """The big words of a notice's warning sign and the label of its place row: by kind
    (:data:`SIGN_WORDS`), but works that stop the lift or a supply say that stop
    (:data:`STOP_SIGN_WORDS`: ``outage: elevator`` → 电梯停用 / 请走楼梯)."""
    big1, big2, place_label = SIGN_WORDS[n.kind]
    if n.outage in STOP_SIGN_WORDS:
        big1, big2 = STOP_SIGN_WORDS[n.outage]
    return big1, big2, place_label


def _contact_row(n, community) -> tuple[str, str, bool]:
    if n.contact is None:
        return ("联系电话", f"{community.office.hotline}（{community.office.name}）", True)
    if n.contact.phone:
        return ("联系电话", " ".join(x for x in (n.contact.phone, f"（{n.contact.name}）") if x), True)
    return ("联系电话", f"{n.contact.name}  {community.office.hotline}", True)


def _changed_when_rows(view: NoticeView) -> list[tuple[str, str, bool]]:
    """The time rows of a changed notice: a cancelled one's as ``原定…`` marked （已取消）; a
    rescheduled or early-ended one's current times, then ``原定时间`` as first published."""
    rows = _when_rows(view.notice, view.tz)
    if view.notice.kind == "finance" or view.notice.start is None:
        return rows
    if view.cancelled:
        return [(f"原定{label}", f"{value}（已取消）", big) for label, value, big in rows]
    old = time_span(view.first.start, view.first.end, view.tz)
    if old != time_span(view.notice.start, view.notice.end, view.tz):
        rows.append(("原定时间", old, False))
    return rows


def facts(view: NoticeView, community) -> list[tuple[str, str, bool]]:
    """Rows of the facts box of a notice's sheet: (label, value, big); a changed notice's
    times as changed, with the times first published (:func:`_changed_when_rows`)."""
    n = view.notice
    rows = _changed_when_rows(view) if view.changes else _when_rows(n, view.tz)
    if n.areas:
        rows.append((_area_label(n), audience(n.areas), True))
    if n.warning_signs and n.kind in SIGN_KINDS:
        rows.append(("警示位置", "、".join(s.hang_at for s in n.warning_signs), False))
    rows.append(_contact_row(n, community))
    return rows


def change_fields(view: NoticeView) -> dict | None:
    """What a changed notice's sheet says of the change (``None`` for an unchanged notice):
    ``word`` (取消 or 变更, the banner), ``label`` (已取消, 已改期…), ``cancelled``,
    ``text`` (the change's paragraphs), ``at`` (its date and time), ``published`` (the date
    of the original notice)."""
    hc = view.headline_change
    if hc is None:
        return None
    return {"word": "取消" if view.cancelled else "变更", "label": view.change_label,
            "cancelled": view.cancelled, "text": paragraphs(hc.text),
            "at": zh_datetime(hc.at, view.tz), "published": zh_day(view.notice.published, view.tz)}


_WEEKDAY = re.compile(r"周[一二三四五六日]")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def nowrap_chunks(value: str) -> list[str]:
    """The pieces of a facts-box value that must not break inside a line (printed as
    ``<span class="nw">``, joined by spaces): a date with its weekday and time, ``至`` with
    what follows, and for one day the hours together: ``2026年12月10日 周四 09:00 至 18:00`` →
    ``["2026年12月10日 周四", "09:00 至 18:00"]``; ``…周一 08:00 至 2026年12月20日 周日 18:00`` →
    ``["…周一 08:00", "至 2026年12月20日 周日 18:00"]``. A value without a weekday (areas, a
    phone) is one piece (it wraps as text). Joined with spaces they give ``value`` back."""
    if not _WEEKDAY.search(value):   # not a time (areas, a phone): wraps as text
        return [value]
    chunks: list[str] = []
    glue = False   # the next word joins the last chunk (after 至)
    for word in value.split(" "):
        if chunks and (glue or _WEEKDAY.fullmatch(word) or _CLOCK.match(word) or word == "起"):
            chunks[-1] += " " + word
        else:
            chunks.append(word)
        glue = word == "至"
    if len(chunks) == 2 and re.match(r"至 \d{1,2}:\d{2}", chunks[1]):   # one day: date, hours
        date_part, _, start = chunks[0].rpartition(" ")
        if date_part and _CLOCK.fullmatch(start):
            chunks = [date_part, f"{start} {chunks[1]}"]
    return chunks


def sheet_fields(community, view: NoticeView) -> dict:
    """The template variable ``s`` of every sheet of a notice: title, label, audience, the
    letter (greeting, paragraphs, sign-off), facts box, actions and measures, issuer and
    issue date (a changed notice's: the date of its change), hotline, the page's address
    and its QR code, ``change`` (:func:`change_fields`) and ``nowrap`` (:func:`nowrap_chunks`,
    for the large values of the facts box)."""
    c, n = community, view.notice
    paras, closing = letter_body(n.body, issuer_names(c))
    url = notice_url(c.site_url, n.id)
    change = change_fields(view)
    return {
        "title": n.title, "label": notice_label(n), "audience": audience(n.areas),
        "greeting": greeting(n.areas), "paras": paras,
        "closing": closing or CLOSINGS.get(n.kind), "facts": facts(view, c),
        "actions": paragraphs(n.actions), "measures": paragraphs(n.measures),
        "issuer": c.office.name, "issued": zh_day(view.updated, view.tz),
        "hotline": c.office.hotline, "url": url, "qr": qr_data_uri(url),
        "notice_id": n.id, "title_size": title_size(n.title), "change": change,
        "nowrap": nowrap_chunks,
    }
