"""A notice as a letter, the same on its page, in the feeds and on its printed sheet: the
body without the letter frame (:func:`letter_body`), the greeting and audience, the default
sign-off per kind (:data:`CLOSINGS`), and the notice's address with its QR code.

Body text: staff often paste a whole letter into ``body``. Pages and sheets print their own
greeting, sign-off (特此通知), office and date, so :func:`letter_body` drops a leading
greeting line (尊敬的…：) and trailing sign-off, office-name and date lines; a sign-off word
found there (特此告知, 特此公告…) replaces the kind's default (docs/records.md).
"""
from __future__ import annotations

import re

import segno

from hcomm_gen.outputs.views import notice_path, paragraphs

#: sign-off printed when the body has none (``None``: no sign-off line)
CLOSINGS = {"outage": "特此通知", "emergency": "特此通知", "pest_control": "特此通知",
            "works": "特此通知", "event": "特此通知", "fee_change": "特此公告",
            "contract_change": "特此告知", "finance": "特此公示", "publicity": None}

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


def notice_letter(community, notice) -> dict:
    """The letter frame of a notice page, the same as its printed sheet's
    (:mod:`hcomm_gen.outputs.sheets`): ``{"greeting": str, "paras": [str], "closing": str | None}``.

    The body's own greeting, sign-off, office and date lines are dropped by
    :func:`letter_body` (the page prints the greeting, the office and the date itself); a
    sign-off word found there (特此告知…) is kept, once, else the kind's default
    (:data:`CLOSINGS`, e.g. 特此通知; none for publicity).
    """
    paras, closing = letter_body(notice.body, issuer_names(community))
    return {"greeting": greeting(notice.areas), "paras": paras,
            "closing": closing or CLOSINGS.get(notice.kind)}


def notice_url(site_url: str, notice_id: str) -> str:
    """Address of the notice's page on the site: ``site_url`` + :func:`~.views.notice_path`
    (the QR code of the sheet, the feeds and the calendar all use it)."""
    return site_url.rstrip("/") + "/" + notice_path(notice_id)


def qr_data_uri(url: str) -> str:
    """QR code of ``url`` (segno, error correction M, 4-module quiet zone) as an SVG data URI."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4)
