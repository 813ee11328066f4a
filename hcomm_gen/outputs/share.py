"""A notice for the residents' WeChat group (issue 11 item 1; T1 names 微信群 as a channel): the
message to paste (:func:`share_text`) and a picture for a phone screen (:func:`share_png`).

**The message** is plain text (no Markdown, WeChat shows it as typed), at most
:data:`TEXT_LIMIT` characters: the kind and title, the times with the weekday
(``12月10日（星期四）09:00–18:00``), the areas, what to do (numbered), the contact phone and the
notice's address on the site. It shows the notice *as it is at the moment asked*
(:func:`~hcomm_gen.domain.notices.current_notice`): a rescheduled notice gives its new times, a
cancelled one says 已取消. A long notice loses its last words of what to do first (the address
says where to read all of it); the phone and the address are never cut.

**The picture** is 1080 px wide (a phone screen at 3×): an HTML page laid out by WeasyPrint on
a page :data:`PNG_WIDTH` CSS px wide and :data:`MAX_HEIGHT` tall, with the same fonts as the
printed sheets (the per-sheet CJK subset and the colour emoji font of ``print.css``), rendered
to a bitmap by PDFium (``pypdfium2``, wheels with PDFium inside: no poppler needed) and cut
at the end of the content. Type never shrinks: a longer notice gives a taller picture. The
time/area box comes first, the QR code of the notice's address last.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hcomm_gen.core.fonts import missing_glyphs
from hcomm_gen.domain.notices import CANCELLED, ENDED, IN_EFFECT, UPCOMING
from hcomm_gen.outputs.env import make_env
from hcomm_gen.outputs.letter import issuer_names, letter_body, notice_url, qr_data_uri
from hcomm_gen.outputs.pdf import MissingGlyph, fonts_version, render_pdf
from hcomm_gen.outputs.views import NoticeView, is_midnight, notice_path, notice_views, paragraphs

__all__ = ["MAX_HEIGHT", "PICTURE", "PNG_WIDTH", "SHARE_CACHE", "SHARED_STATES", "TEXT_LIMIT", "numbered_items",
           "page_share", "picture_path", "share_html", "share_pictures", "share_png", "share_png_cached",
           "share_text", "share_times", "shared", "site_description", "text_description"]

#: at most this many characters in the WeChat message (issue 11: ≈500)
TEXT_LIMIT = 500
#: width of the picture in pixels (a phone screen's width at 3×)
PNG_WIDTH = 1080
#: the tallest picture laid out (CSS px); a notice longer than that is cut there
MAX_HEIGHT = 16000
#: the states whose notices get a picture on the site (on the board: not archived)
SHARED_STATES = (UPCOMING, IN_EFFECT, ENDED, CANCELLED)
#: the cache of pictures under the office folder, keyed by the picture's HTML and the fonts
SHARE_CACHE = Path(".hcomm-cache") / "share"

WEEKDAYS_LONG = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
#: an item's own numbering or bullet, replaced by ours: ``1.``, ``1、``, ``(1)``, ``（一）``, ``①``, ``- ``…
#: (not a number that starts the text: ``9:00前…``, ``1.5米…``, ``12月…``)
_ITEM_MARK = re.compile(r"^\s*(?:[(（]\s*[0-9一二三四五六七八九十]+\s*[)）]|[0-9一二三四五六七八九十]+\s*(?:[.．](?!\d)|[、)）])"
                        r"|[①-⑳]|[-•·*+](?=\s))\s*")


def shared(view: NoticeView) -> bool:
    """Whether the site carries the notice's picture: it is on the board
    (:data:`SHARED_STATES`), not archived, and every character of its text is in an installed
    font (:func:`~hcomm_gen.core.fonts.missing_glyphs`; else no picture is made)."""
    if view.state not in SHARED_STATES:
        return False
    n = view.notice
    c = n.contact
    text = "".join([n.title, *n.areas, n.actions or "", n.body or "", c.name or "" if c else "", c.phone or "" if c else "",
                    *(ch.text or "" for ch in view.changes)])
    return not missing_glyphs(text)


def _day(d: datetime, year: int | None) -> str:
    y = "" if d.year == year else f"{d.year}年"
    return f"{y}{d.month}月{d.day}日（{WEEKDAYS_LONG[d.weekday()]}）"


def share_times(start: datetime | None, end: datetime | None, tz, year: int | None = None) -> str:
    """The times as a message says them, with the weekday, in ``tz``:
    ``12月10日（星期四）09:00–18:00``, ``11月16日（星期一）08:00 至 12月20日（星期日）18:00``,
    ``1月1日（星期五）起``; a date alone (00:00) is a whole day, an end at 00:00 the end of the
    previous day (as :func:`~hcomm_gen.outputs.views.time_span`). The year is written when it
    is not ``year`` (the year of the moment asked; ``None``: always); ``""`` without a start."""
    if start is None:
        return ""
    s = start.astimezone(tz)
    s_txt = _day(s, year) if is_midnight(s) else f"{_day(s, year)}{s:%H:%M}"
    if end is None:
        return f"{s_txt}起"
    e = end.astimezone(tz)
    if is_midnight(e):
        last = e - timedelta(days=1)
        if is_midnight(s) and last.date() <= s.date():
            return s_txt
        return f"{s_txt} 至 {_day(last, year)}"
    if e.date() == s.date() and not is_midnight(s):
        return f"{s_txt}–{e:%H:%M}"
    return f"{s_txt} 至 {_day(e, year)}{e:%H:%M}"


def numbered_items(text: str | None) -> list[str]:
    """The lines of ``actions`` (or measures) without their own numbering or bullet
    (``1.``, ``2、``, ``（3）``, ``-``…), empty lines dropped: the message numbers them itself."""
    return [item for item in (_ITEM_MARK.sub("", line, count=1).strip() for line in paragraphs(text)) if item]


def _cut(text: str, room: int) -> str:
    """``text`` cut to at most ``room`` characters, ending with ``…`` when cut."""
    if len(text) <= room:
        return text
    return text[:max(room - 1, 0)] + "…" if room > 0 else ""


def _year(now: datetime, tz: Any) -> int:
    """The year of ``now`` in the community's zone ``tz``."""
    return now.astimezone(tz).year


def _status_line(view: NoticeView) -> str:
    if view.cancelled:
        return "【已取消】"
    return f"【{view.change_label}】" if view.changes else ""


def _contact(view: NoticeView, community) -> str:
    c = view.notice.contact
    if c is not None and c.phone:
        return f"联系电话：{c.name} {c.phone}" if c.name else f"联系电话：{c.phone}"
    return f"联系电话：{community.office.name} {community.office.hotline}"


def text_description(view: NoticeView, limit: int = 120) -> str:
    """One line for a link card (``og:description``, ``<meta name="description">``): the state
    when changed, the times (with the year: the page stays in the archive), the areas, then
    the first thing to do (or the body's first paragraph; for a cancelled notice the
    cancellation's words), at most ``limit`` characters."""
    n = view.notice
    parts = [p for p in (_status_line(view).strip("【】"), share_times(n.start, n.end, view.tz),
                         "、".join(n.areas)) if p]
    hc = view.headline_change
    if view.cancelled:
        items = [hc.text] if hc is not None and hc.text else []
    else:
        items = numbered_items(n.actions) or letter_body(n.body)[0]
    line = "；".join(parts)
    if items:
        line = f"{line}。{items[0]}" if line else items[0]
    return _cut(line, limit)


def site_description(community) -> str:
    """The description of the site's other pages: ``h小区公告栏：停水停电、施工、活动、公示等通知，h小区管理处发布``."""
    return f"{community.name}公告栏：停水停电、施工、活动、公示等通知，{community.office.name}发布"


def share_text(view: NoticeView, community, now: datetime, limit: int = TEXT_LIMIT) -> str:
    """The WeChat group message of ``view`` (a notice as shown at ``now``): plain text, at most
    ``limit`` characters, lines:

    ``【已取消】`` / ``【已改期】`` (when changed) · ``【计划停水】title`` · ``时间：…`` (with weekday;
    ``原定时间：… 已取消``) · ``范围：…`` · the change's own words · ``请您注意：`` with numbered
    items (the ``actions``; without them ``内容：`` and the body's paragraphs; neither for a
    cancelled notice) · ``联系电话：…`` · ``详情：URL``.

    What is cut to fit: the title and the areas at 80 characters, the change's words at 100,
    then the items (the last ones first; a cut item ends with ``…`` and ``（详见链接）`` follows,
    the page has them all); never the phone or the address.
    """
    n, tz = view.notice, view.tz
    year = _year(now, tz)
    url = notice_url(community.site_url, n.id)
    head = [f"{_status_line(view)}【{view.label}】{_cut(n.title, 80)}"]
    times = share_times(n.start, n.end, tz, year)
    if times:
        head.append(f"原定时间：{times}（已取消）" if view.cancelled else f"时间：{times}")
    if n.areas:
        head.append(f"范围：{_cut('、'.join(n.areas), 80)}")
    hc = view.headline_change
    if hc is not None and hc.text:
        head.append(f"{view.change_label}：{_cut(hc.text, 100)}")
    items = numbered_items(n.actions)
    intro = "请您注意："
    if not items:
        items, intro = letter_body(n.body, issuer_names(community))[0], "内容："
    if view.cancelled:  # what to do before a cut that will not happen: not said again
        items = []
    tail = [_contact(view, community), f"详情：{url}"]
    fixed = len("\n".join(head + tail)) + 1
    room = limit - fixed
    body = _fit_items(items, intro, room, numbered=intro == "请您注意：")
    return "\n".join(head + body + tail)


def _fit_items(items: list[str], intro: str, room: int, numbered: bool) -> list[str]:
    """The lines of ``items`` under ``intro`` in at most ``room`` characters (newlines
    counted): whole items while they fit, then the next one cut, then ``（详见链接）``."""
    if not items:
        return []
    more = "（详见链接）"
    lines = [intro]
    used = len(intro) + 1
    for i, item in enumerate(items, 1):
        line = f"{i}. {item}" if numbered else item
        rest_after = i < len(items)
        need = len(line) + 1 + (len(more) + 1 if rest_after else 0)
        if used + need <= room:
            lines.append(line)
            used += len(line) + 1
            continue
        space = room - used - len(more) - 2
        if space >= 12:  # enough for a useful start of the item
            lines.append(_cut(line, space))
        lines.append(more)
        break
    return lines if len(lines) > 1 else []


#: the picture's file name beside a notice's page on the site (``notices/<ID>/share.png``)
PICTURE = "share.png"


def picture_path(notice_id: str) -> str:
    """Path of a notice's picture under the site root: ``notices/N-2026-1127-water/share.png``."""
    return notice_path(notice_id) + PICTURE


def page_share(view: NoticeView, community, now: datetime) -> dict:
    """What a notice's page says for sharing (template variable ``share``): ``text`` (the
    message of :func:`share_text`), ``rows`` (lines of its text box, as a phone wraps them), ``description`` (the
    link card's line, :func:`text_description`), and, when the site carries the picture
    (:func:`shared`), ``image`` (``share.png``, relative to the page) and ``image_url`` (its
    absolute address, for ``og:image``); else both ``""``."""
    text = share_text(view, community, now)
    on_site = shared(view)
    # rows: the lines as a 375-px phone wraps them (≈20 characters), at most 24
    rows = min(sum(-(-max(len(line), 1) // 20) for line in text.splitlines()), 24)
    return {"text": text, "rows": rows, "description": text_description(view),
            "image": PICTURE if on_site else "",
            "image_url": community.site_url.rstrip("/") + "/" + picture_path(view.notice.id) if on_site else ""}


def share_pictures(records, now: datetime, root: Path | None, progress=None) -> dict[str, bytes]:
    """The pictures the site carries at aware ``now``: ``{"notices/<ID>/share.png": PNG bytes}``
    for each notice on the board (:func:`shared`), through the cache ``root/.hcomm-cache/share``
    (:func:`share_png_cached`; entries no longer used are deleted). A notice whose text has a
    character no installed font has gets no picture (its page offers none: the sheet's
    PRINT-GLYPH error names the character).

    :param progress: optional ``(items, label) -> iterable`` for a progress bar.
    """
    c = records.community
    views = [v for v in notice_views(records.notices, now, records.tz, c.notice_display_days) if shared(v)]
    cache = Path(root) / SHARE_CACHE if root is not None else None
    out: dict[str, bytes] = {}
    keep: set[str] = set()
    for v in progress(views, "分享图片") if progress is not None else views:
        html = share_html(v, c, now, root)
        try:
            if cache is not None:
                data, key = share_png_cached(html, cache)
                keep.add(key)
            else:
                data = share_png(html)
        except MissingGlyph:
            continue
        out[picture_path(v.notice.id)] = data
    if cache is not None and cache.is_dir():
        for p in cache.glob("*.png"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)
    return out


#: characters of what-to-do items (or body paragraphs) the picture shows at most: about 7,000
#: px of large type, so the contact and the QR code always fit on the picture
#: (:data:`MAX_HEIGHT`); what is left out is on the notice's page, where the QR code leads
PICTURE_TEXT_LIMIT = 1200
#: the line that stands for what the picture leaves out
MORE_ON_PAGE = "……其余内容请扫码查看通知全文"


def _within(parts: list[str], limit: int = PICTURE_TEXT_LIMIT) -> list[str]:
    """``parts`` (items or paragraphs) as long as their characters stay within ``limit``; when
    some are left out, a part that is too long is cut with ``…`` and :data:`MORE_ON_PAGE` ends
    the list. Never empty when ``parts`` is not."""
    kept: list[str] = []
    used = 0
    for part in parts:
        if used + len(part) > limit:
            room = limit - used
            if room >= 40 or not kept:
                kept.append(part[:max(room, 40)] + "…")
            return kept + [MORE_ON_PAGE]
        kept.append(part)
        used += len(part)
    return kept


def share_html(view: NoticeView, community, now: datetime, root: Path | None = None) -> str:
    """The HTML of the picture (template ``share/picture.html.j2``, the office's own if it has
    one): state, kind and title, the time/area box, the change's words, what to do (not for a
    cancelled notice), the contact, and the QR code of the notice's address at the end."""
    n, tz = view.notice, view.tz
    url = notice_url(community.site_url, n.id)
    items = [] if view.cancelled else _within(numbered_items(n.actions))
    body = [] if view.cancelled else _within(letter_body(n.body, issuer_names(community))[0])
    env = make_env(root, tz)
    return env.get_template("share/picture.html.j2").render(
        v=view, n=n, community=community, url=url, qr=qr_data_uri(url),
        times=share_times(n.start, n.end, tz, _year(now, tz)),
        status=_status_line(view).strip("【】"), change=view.headline_change,
        items=items, body=[] if items else body, contact=_contact(view, community).split("：", 1)[1],
        width=PNG_WIDTH, max_height=MAX_HEIGHT)


def share_png(html: str) -> bytes:
    """Render the picture's ``html`` to PNG bytes, :data:`PNG_WIDTH` px wide and as tall as its
    content (the element ``id="hc-end"`` marks the end).

    :raises MissingGlyph: a character no installed font has (nothing is returned).
    """
    import pypdfium2 as pdfium
    from PIL import Image

    doc, pdf = render_pdf(html, name="share.png")
    page = doc.pages[0]
    end_y = page.anchors.get("hc-end", (0, page.height))[1]
    height = min(int(round(end_y)), int(page.height))
    scale = PNG_WIDTH / (page.width * 0.75)  # a CSS px is 0.75 pt in the PDF: 810 pt → 1080 pixels
    pdf_doc = pdfium.PdfDocument(pdf)
    try:
        pg = pdf_doc[0]
        cut_pt = (page.height - height) * 0.75
        image = pg.render(scale=scale, crop=(0, cut_pt, 0, 0)).to_pil().convert("RGB")
    finally:
        pdf_doc.close()
    # 256 colours (Pillow's fast octree): ~75 KB instead of ~390 KB for a phone on mobile data;
    # text, the QR code and emoji look the same
    image = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def share_png_cached(html: str, cache: Path) -> tuple[bytes, str]:
    """:func:`share_png` through the cache folder ``cache`` (created): the key is the SHA-256 of
    ``html`` and the fonts and renderers (:func:`~hcomm_gen.outputs.pdf.fonts_version`), so an
    unchanged notice is not rendered again; a cache entry is written by an atomic rename. A
    picture rendered by this process is kept in memory too (another office folder with the
    same notice, e.g. ``hcomm serve``'s rebuilds or the tests' copies of the example).

    :returns: (PNG bytes, cache key)."""
    key = hashlib.sha256((fonts_version() + "\n" + _pdfium_version() + "\n" + html).encode("utf-8")).hexdigest()
    path = cache / f"{key}.png"
    if key in _RENDERED:
        data = _RENDERED[key]
    elif path.is_file():
        return path.read_bytes(), key
    else:
        data = _RENDERED[key] = share_png(html)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".{key}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    tmp.replace(path)
    return data, key


#: the pictures rendered by this process, by cache key (see :func:`share_png_cached`)
_RENDERED: dict[str, bytes] = {}


def _pdfium_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return f"pypdfium2 {version('pypdfium2')}"
    except PackageNotFoundError:  # pragma: no cover
        return "pypdfium2 none"
