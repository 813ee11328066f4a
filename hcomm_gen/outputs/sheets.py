"""Printed sheets for the notice board (P4.1, P4.2, P4.6): what each notice prints, and a
content-addressed cache so unchanged sheets are not rendered again.

Sheets of a notice (:func:`sheets_for`):

* the **notice sheet** (通知单, ``print/notice.html.j2``, A4 portrait) for every kind except
  ``finance``, whose main sheet is the **financial statement posting** (财务公示,
  ``print/finance.html.j2``; ``item　amount 元`` lines of the body become a table);
* one **warning sign** (警示标示, ``print/warning.html.j2``, A4 landscape, large type) per
  location in ``warning_signs`` of a ``pest_control`` or ``works`` notice (NOTICE-PEST).

Main sheets go to ``print/``, signs to ``print/signs/``; every file name starts with the date
of the notice's start (or publication) and says the kind, so ``ls`` lists them by date.

Body text: staff often paste a whole letter into ``body``. The sheet prints its own
greeting, sign-off (特此通知), office and date, so :func:`letter_body` drops a leading
greeting line (尊敬的…：) and trailing sign-off, office-name and date lines; a sign-off word
found there (特此告知, 特此公告…) replaces the kind's default (docs/records.md).

Cache (:func:`render_sheets`): a sheet's key is the SHA-256 of its full HTML (record text,
community data, templates and CSS, QR code are all in it) and :func:`~.pdf.fonts_version`;
the PDF is kept as ``.hcomm-cache/print/<key>.pdf`` under the office folder and copied, not
rendered, when the key is already there. A changed record changes its HTML, so it is always
rendered again; a no-change run renders nothing.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from hcomm_gen.core.errors import OutputError
from hcomm_gen.domain.notices import IN_EFFECT, UPCOMING
from hcomm_gen.records.loader import Records
from hcomm_gen.domain.terms import OUTAGE_KINDS
from hcomm_gen.outputs.env import make_env, zh_date, zh_day
from hcomm_gen.outputs.pdf import MissingGlyph, fonts_version, html_to_pdf
from hcomm_gen.outputs.views import NoticeView, is_midnight, notice_path, notice_label, notice_views, paragraphs, time_span

#: bump when the cache layout or the meaning of a key changes
CACHE_FORMAT = "hcomm-sheets-1"
CACHE_DIR = Path(".hcomm-cache") / "print"
SIGN_DIR = "signs"

#: sign-off printed when the body has none (``None``: no sign-off line)
CLOSINGS = {"outage": "特此通知", "emergency": "特此通知", "pest_control": "特此通知",
            "works": "特此通知", "event": "特此通知", "fee_change": "特此公告",
            "contract_change": "特此告知", "finance": "特此公示", "publicity": None}
#: label of the time row of the facts box
WHEN_LABELS = {"works": "施工时间", "pest_control": "作业时间", "event": "活动时间",
               "fee_change": "执行日期", "contract_change": "执行日期", "publicity": "宣传时间",
               "finance": "公示期"}
#: big words of a warning sign: (first line, second line, label of the place row)
SIGN_WORDS = {"pest_control": ("正在消杀", "请勿靠近", "作业位置"),
              "works": ("正在施工", "注意安全", "施工位置")}
SIGN_KINDS = tuple(SIGN_WORDS)

_GREETING = re.compile(r"^(尊敬的.{0,40}|(各位|全体|亲爱的).{0,30})[：:]$")
_CLOSING = re.compile(r"^特此(通知|通告|公告|公示|告知|说明|提醒|函告)[。！!.]?$")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^\d{4}-\d{1,2}-\d{1,2}$")
_ISSUER_LINE = re.compile(r"^\S{1,24}(管理处|物业服务中心|服务中心|物业管理有限公司|物业服务有限公司|物业公司)$")


def letter_body(text: str | None, issuer_names: tuple[str, ...] = ()) -> tuple[list[str], str | None]:
    """Paragraphs of a notice body without the letter frame the sheet prints itself.

    Drops a first line that is a greeting (``尊敬的各位业主/住户：``) and, from the end, lines
    that are a date (``2026年11月28日``), the issuer (one of ``issuer_names`` or a short name
    ending in 管理处/物业服务中心…) and one sign-off line (``特此通知。``).

    :returns: (paragraphs, sign-off word such as ``特此告知`` or ``None`` when there was none).
    """
    lines = paragraphs(text)
    if lines and _GREETING.match(lines[0]):
        lines = lines[1:]
    closing = None
    while lines:
        last = lines[-1]
        if _DATE_LINE.match(last) or last in issuer_names or _ISSUER_LINE.match(last):
            lines.pop()
            continue
        m = _CLOSING.match(last)
        if m:
            closing = "特此" + m.group(1)
            lines.pop()
        break
    return lines, closing


def issuer_names(community) -> tuple[str, ...]:
    """Names a body may be signed with (the office, the community, ``<community>管理处``),
    for :func:`letter_body`; the printed sheet and the notice page both use them."""
    c = community
    return tuple(x for x in (c.office.name, c.name, f"{c.name}管理处") if x)


_AMOUNT_ROW = re.compile(r"^(?P<item>.+?)[\s\u3000]+(?P<amount>[-−]?[\d,]+(?:\.\d+)?)\s*(?P<unit>万?元)$")
_SECTION = re.compile(r"^[一二三四五六七八九十]+[、.．]\S{1,20}$")
_TOTAL = re.compile(r"合计|小计|总计|结余|结存")


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
        if is_section:
            table["rows"].append({"section": line})
        else:
            item = m["item"].strip()
            amount = m["amount"].replace("−", "-")
            table["rows"].append({"item": item, "amount": amount, "unit": m["unit"],
                                  "total": bool(_TOTAL.search(item)),
                                  "negative": amount.startswith("-")})
    return blocks


def _end_date(end: datetime, tz) -> str:
    """Date and weekday of the last day of a period ending at ``end`` (00:00 = the day before)."""
    e = end.astimezone(tz)
    return zh_date(e - timedelta(days=1) if is_midnight(e) else e)


def notice_url(site_url: str, notice_id: str) -> str:
    """Address of the notice's page on the site: ``site_url`` + :func:`~.views.notice_path`
    (the QR code of the sheet, the feeds and the calendar all use it)."""
    return site_url.rstrip("/") + "/" + notice_path(notice_id)


def qr_data_uri(url: str) -> str:
    """QR code of ``url`` (segno, error correction M, 4-module quiet zone) as an SVG data URI."""
    import segno
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4)


def audience(areas: list[str]) -> str:
    """To whom: ``全体业户`` or ``1栋、3栋2单元全体业户``."""
    parts = [a for a in areas if a != "全体业户"]
    if not parts:
        return "全体业户"
    return "、".join(parts) + "全体业户"


def greeting(areas: list[str]) -> str:
    """``尊敬的各位业主、住户：`` or ``尊敬的3栋各位业主、住户：``."""
    parts = [a for a in areas if a != "全体业户"]
    return f"尊敬的{'、'.join(parts)}各位业主、住户："


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
    m = re.fullmatch(r"(\d{4})-?Q([1-4])", period.strip(), re.I)
    if m:
        return f"{m[1]}年第{'一二三四'[int(m[2]) - 1]}季度"
    m = re.fullmatch(r"(\d{4})-?H([12])", period.strip(), re.I)
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


@dataclass
class Sheet:
    """One printed sheet: ``kind`` is ``notice``, ``finance`` or ``warning``; ``name`` its
    file path under ``print/`` (``signs/…`` for warning signs); ``html`` the full document."""

    kind: str
    notice_id: str
    name: str
    html: str
    source: str = ""     # the record's file (for messages)
    title: str = ""

    @property
    def key(self) -> str:
        """Cache key: SHA-256 (hex) of the HTML, the fonts' identity and the cache format."""
        h = hashlib.sha256()
        for part in (CACHE_FORMAT, fonts_version(), self.html):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


def _date_prefix(view: NoticeView) -> str:
    n = view.notice
    return f"{(n.start or n.published).astimezone(view.tz):%Y-%m-%d}_{n.kind}_{n.id}"


def _facts(view: NoticeView, community) -> list[tuple[str, str, bool]]:
    """Rows of the facts box: (label, value, big)."""
    n, tz = view.notice, view.tz
    rows: list[tuple[str, str, bool]] = []
    outage = OUTAGE_KINDS.get(n.outage or "", "")
    if n.kind == "finance":
        if n.period:
            rows.append(("所属期间", period_text(n.period), True))
        span = f"{zh_date(n.published, tz)} 至 {_end_date(n.expires, tz)}" if n.expires else ""
        if span:
            rows.append(("公示期", span, False))
    elif n.start is not None:
        label = WHEN_LABELS.get(n.kind) or (f"{outage}时间" if outage else "时间")
        rows.append((label, time_span(n.start, n.end, tz), True))
    if n.areas:
        label = {"outage": f"{outage}范围" if outage else "影响范围", "emergency": "影响范围",
                 "works": "施工范围", "pest_control": "作业范围",
                 "event": "参加对象"}.get(n.kind, "通知对象")
        rows.append((label, audience(n.areas), True))
    if n.warning_signs and n.kind in SIGN_KINDS:
        rows.append(("警示位置", "、".join(n.warning_signs), False))
    if n.contact is not None:
        rows.append(("联系电话", " ".join(x for x in (n.contact.phone, f"（{n.contact.name}）") if x)
                     if n.contact.phone else f"{n.contact.name}  {community.office.hotline}", True))
    else:
        rows.append(("联系电话", f"{community.office.hotline}（{community.office.name}）", True))
    return rows


def _common(records: Records, view: NoticeView) -> dict:
    c, n = records.community, view.notice
    paras, closing = letter_body(n.body, issuer_names(c))
    url = notice_url(c.site_url, n.id)
    return {
        "title": n.title, "label": notice_label(n), "audience": audience(n.areas),
        "greeting": greeting(n.areas), "paras": paras,
        "closing": closing or CLOSINGS.get(n.kind), "facts": _facts(view, c),
        "actions": paragraphs(n.actions), "measures": paragraphs(n.measures),
        "issuer": c.office.name, "issued": zh_day(n.published, view.tz),
        "hotline": c.office.hotline, "url": url, "qr": qr_data_uri(url),
        "notice_id": n.id, "title_size": title_size(n.title),
    }


@functools.lru_cache(maxsize=8)
def _env(root: str | None, tz, has_templates: bool):
    """One Jinja2 environment per office, zone and presence of the office's ``templates/``,
    so templates compile once per process (its loader still notices edited files)."""
    return make_env(None if root is None else Path(root), tz)


def sheets_for(records: Records, view: NoticeView, root: Path | None) -> list[Sheet]:
    """The sheets of one notice: its main sheet first, then its warning signs (if any)."""
    env = _env(None if root is None else str(root), view.tz,
               root is not None and (Path(root) / "templates").is_dir())
    css = env.loader.get_source(env, "print/print.css")[0]
    n, c = view.notice, records.community
    s = _common(records, view)
    prefix = _date_prefix(view)
    out: list[Sheet] = []
    if n.kind == "finance":
        s["blocks"] = finance_blocks(s["paras"])
        s["period"] = period_text(n.period)
        html = env.get_template("print/finance.html.j2").render(community=c, n=n, v=view, s=s, css=css)
        out.append(Sheet("finance", n.id, f"{prefix}.pdf", html, n.path, n.title))
    else:
        html = env.get_template("print/notice.html.j2").render(community=c, n=n, v=view, s=s, css=css)
        out.append(Sheet("notice", n.id, f"{prefix}.pdf", html, n.path, n.title))
    if n.kind in SIGN_KINDS:
        big1, big2, place_label = SIGN_WORDS[n.kind]
        when_label = WHEN_LABELS.get(n.kind, "时间")
        tmpl = env.get_template("print/warning.html.j2")
        for i, place in enumerate(n.warning_signs, 1):
            sign = dict(s, big=(big1, big2), place=place, place_label=place_label,
                        when_label=when_label, when=time_span(n.start, n.end, view.tz),
                        advice=first_sentence(n.actions), number=i, count=len(n.warning_signs))
            html = tmpl.render(community=c, n=n, v=view, s=sign, css=css)
            out.append(Sheet("warning", n.id, f"{SIGN_DIR}/{prefix}_sign-{i}.pdf", html,
                             n.path, f"{n.title}（警示标示：{place}）"))
    return out


def due_views(records: Records, now: datetime) -> list[NoticeView]:
    """Notices due for posting at ``now``: in effect or upcoming (newest first)."""
    return [v for v in notice_views(records.notices, now, records.tz,
                                    records.community.notice_display_days)
            if v.state in (IN_EFFECT, UPCOMING)]


def all_sheets(records: Records, views: list[NoticeView], root: Path | None) -> list[Sheet]:
    """The sheets of ``views``, in file-name order."""
    sheets = [s for v in views for s in sheets_for(records, v, root)]
    return sorted(sheets, key=lambda s: s.name)


@dataclass
class RenderStats:
    """What :func:`render_sheets` did: file paths written, names rendered anew and reused
    from the cache, and rendering time per rendered sheet (seconds)."""

    files: list[Path] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


class SheetGlyphError(MissingGlyph):
    """:class:`MissingGlyph` for a given sheet (``sheet``); ``zh``/``en`` say what to do."""

    def __init__(self, exc: MissingGlyph, sheet: Sheet):
        super().__init__(exc.chars, exc.target)
        self.sheet = sheet
        self.zh = (f"{sheet.source}: 通知“{sheet.title}”里的字“{exc.chars}”在已安装的字体里都没有，"
                   "打印出来会是空方框，所以没有生成。请改用常用字，或安装含有该字的字体"
                   "（如 Debian 软件包 fonts-hanazono，收有扩展B区的生僻字）后再运行。")
        self.en = (f"{sheet.source}: characters '{exc.chars}' of \"{sheet.title}\" are in no "
                   "installed font and would print as empty boxes, so nothing was written. Use "
                   "common characters or install a font that has them (e.g. Debian fonts-hanazono "
                   "for CJK Extension B) and run again.")


class UnsafeSheetName(OutputError):
    """A sheet's file name would put it outside the output folder (``sheet``); ``zh``/``en``."""

    def __init__(self, sheet: Sheet, out_dir: Path):
        self.sheet = sheet
        zh = (f"{sheet.source}: 通知编号“{sheet.notice_id}”会把张贴单写到 {out_dir} 以外"
                   f"（{sheet.name}），所以没有生成。编号只能用字母、数字、“-”和“_”，请改正编号。")
        en = (f"{sheet.source}: notice ID '{sheet.notice_id}' would write a sheet outside "
                   f"{out_dir} ({sheet.name}), so nothing was written. Use letters, digits, '-' "
                   "and '_' only in IDs.")
        super().__init__(zh, en)


def safe_target(out_dir: Path, sheet: Sheet) -> Path:
    """``out_dir/<sheet.name>``, refused (:class:`UnsafeSheetName`) when it resolves outside
    ``out_dir`` (``..`` parts, an absolute name)."""
    base = out_dir.resolve()
    target = (base / sheet.name).resolve()
    if target == base or base not in target.parents:
        raise UnsafeSheetName(sheet, out_dir)
    return out_dir / sheet.name


def _atomic_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def cache_dir(root: Path) -> Path:
    """``root/.hcomm-cache/print`` (created, with a ``.gitignore`` so git ignores the cache)."""
    d = Path(root) / CACHE_DIR
    d.mkdir(parents=True, exist_ok=True)
    ign = d.parent / ".gitignore"
    if not ign.exists():
        ign.write_text("# hcomm's cache of rendered sheets: safe to delete\n*\n", encoding="utf-8")
    return d


def render_sheets(sheets: list[Sheet], out_dir: Path, cache: Path | None,
                  progress=None) -> RenderStats:
    """Write each sheet's PDF to ``out_dir/<sheet.name>``, from ``cache`` when its key is
    there, else rendered (and then stored in ``cache``).

    :param progress: optional callable ``(iterable, label) -> iterable`` (progress bar).
    :raises SheetGlyphError: a character of a sheet has no glyph (that sheet is not written).
    :raises UnsafeSheetName: a sheet's file would land outside ``out_dir`` (an ID such as
        ``../../x``; RECORD-ID refuses those first, this is the second line of defence).
    """
    stats = RenderStats()
    items = progress(sheets, "打印张贴单") if progress and len(sheets) > 1 else sheets
    for sheet in items:
        target = safe_target(Path(out_dir), sheet)
        key = sheet.key
        hit = cache / f"{key}.pdf" if cache is not None else None
        if hit is not None and hit.is_file():
            _atomic_copy(hit, target)
            stats.reused.append(sheet.name)
        else:
            t0 = time.perf_counter()
            try:
                data = html_to_pdf(sheet.html)
            except MissingGlyph as exc:
                raise SheetGlyphError(exc, sheet) from None
            stats.seconds[sheet.name] = time.perf_counter() - t0
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            if hit is not None:
                _atomic_copy(target, hit)
            stats.rendered.append(sheet.name)
        stats.files.append(target)
    return stats


def prune_cache(cache: Path, keep: set[str]) -> int:
    """Delete cached PDFs whose key is not in ``keep``; returns how many were deleted."""
    n = 0
    for p in Path(cache).glob("*.pdf"):
        if p.stem not in keep:
            p.unlink(missing_ok=True)
            n += 1
    return n


def write_due_sheets(records: Records, now: datetime, root: Path, out_dir: Path,
                     progress=None) -> RenderStats:
    """Render every sheet due for posting at ``now`` (notices in effect or upcoming, and the
    current survey round's result and 整改公示, NOTICE-SURVEY-RESULT) into ``out_dir`` through
    the cache of ``root``, then drop cache entries no longer due.
    Used by ``hcomm build`` and ``hcomm print``.

    :raises SheetGlyphError: see :func:`render_sheets`.
    :raises hcomm_gen.core.errors.OutputError: a survey chart label has a character no font has.
    """
    from hcomm_gen.outputs.survey import due_survey_sheets  # survey imports this module

    sheets = all_sheets(records, due_views(records, now), root) + due_survey_sheets(records, now, root)
    cache = cache_dir(root)
    stats = render_sheets(sheets, out_dir, cache, progress)
    prune_cache(cache, {s.key for s in sheets})
    return stats
