"""Subscription feeds of the public site: Atom and RSS of every notice (feedgen) and an
iCalendar file of outages and events (icalendar) that a phone calendar can subscribe to.

Everything here is deterministic for the same records and ``now``: dates come from the
records (``published``, ``start``, ``end``), never from the clock or from git history, and
items are sorted. Links are absolute, from the community's ``site_url``.

Files (relative to the site root): :data:`ATOM` , :data:`RSS`, :data:`ICS`.
"""
from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event
from markupsafe import Markup, escape

from hcomm_gen.domain.areas import building_slugs, concerns
from hcomm_gen.outputs.env import zh_datetime
from hcomm_gen.outputs.letter import issuer_names, letter_body
from hcomm_gen.outputs.letter import notice_url as sheet_url
from hcomm_gen.outputs.views import NoticeView, is_outage, notice_views, paragraphs
from hcomm_gen.records.loader import Records

ATOM, RSS, ICS = "feed.xml", "rss.xml", "calendar.ics"

#: notice kinds that go into the calendar: outages (planned and emergency) and events; works
#: with an ``outage`` (what they stop, e.g. the elevator) go in too (views.is_outage)
CALENDAR_KINDS = ("outage", "emergency", "event")


def site_base(records: Records) -> str:
    """``site_url`` with exactly one trailing slash."""
    return records.community.site_url.rstrip("/") + "/"


def notice_url(records: Records, v: NoticeView) -> str:
    """Absolute URL of a notice's page, e.g. ``https://hxq.example.cn/notices/N-1/`` (the
    same address as the QR code of its sheet)."""
    return sheet_url(records.community.site_url, v.notice.id)


def _body(records: Records, notice) -> list[str]:
    """The body's paragraphs without its letter frame (greeting, sign-off, office, date),
    as on the page and the sheet (:func:`hcomm_gen.outputs.letter.letter_body`)."""
    return letter_body(notice.body, issuer_names(records.community))[0]


def change_tag(v: NoticeView) -> str:
    """``【已取消】`` for a cancelled notice, ``【变更】`` for one with other changes, else ``""``
    (the start of a feed entry's title and summary)."""
    if not v.changes:
        return ""
    return "【已取消】" if v.cancelled else "【变更】"


def _change_line(records: Records, v: NoticeView) -> str:
    """``【已取消】<text>（2026年12月4日 周五 10:00 发布）``: the change the entry is about."""
    hc = v.headline_change
    if hc is None:
        return ""
    text = " ".join(paragraphs(hc.text)) or v.change_label
    label = "" if v.cancelled or not v.changes else f"{v.change_label}："
    return f"{change_tag(v)}{label}{text}（{zh_datetime(hc.at, records.tz)} 发布）"


def _summary(records: Records, v: NoticeView) -> str:
    parts = [f"【{v.label}】", v.when]
    if v.areas:
        parts.append(f"范围：{v.areas}")
    text = "　".join(p for p in parts if p)
    body = _body(records, v.notice)
    change = _change_line(records, v)
    return (change + "\n" if change else "") + text + ("\n" + "\n".join(body) if body else "")


def summary_html(text: str) -> str:
    """A feed entry's summary as feeds carry it: HTML (RSS readers render every
    ``description`` as HTML; Atom says ``type="html"``): each line of ``text`` HTML-escaped,
    lines joined by ``<br>``, so a typed ``<img src=x onerror=…>`` reads as text in a feed
    reader. feedgen then escapes the whole once more for XML."""
    return str(Markup("<br>").join(escape(line) for line in text.split("\n")))


def _published_views(records: Records, now: datetime) -> list[NoticeView]:
    """Notices published by ``now``, newest first (ties by ID)."""
    c = records.community
    return notice_views(records.notices, now, records.tz, c.notice_display_days)


def atom_and_rss(records: Records, now: datetime) -> tuple[bytes, bytes]:
    """The Atom and RSS 2.0 feeds of every notice published by aware ``now``.

    :returns: ``(atom_bytes, rss_bytes)``, UTF-8 XML. Titles are text; summaries are
        escaped HTML (:func:`summary_html`, Atom ``type="html"``). Each entry is published at the
        notice's ``published`` time and updated at its last change made by ``now`` (else
        ``published``); a changed notice's title and summary start with 【已取消】 or 【变更】
        and the summary says the change. The feed's ``updated``/``lastBuildDate`` is the
        newest entry update (``now`` when there are no notices), so two builds at the same
        ``now`` are identical.
    """
    c = records.community
    base = site_base(records)
    views = _published_views(records, now)
    fg = FeedGenerator()
    fg.id(base)
    fg.title(f"{c.name}公告栏")
    fg.subtitle(f"{c.office.name}发布的通知与公告")
    fg.author({"name": c.office.name})
    fg.link(href=base, rel="alternate")
    fg.link(href=urljoin(base, ATOM), rel="self")
    fg.language("zh-CN")
    fg.generator("hcomm")
    newest = max((v.updated for v in views), default=now)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    # feedgen prepends by default; add oldest first so the output is newest first
    for v in reversed(views):
        n = v.notice
        url = notice_url(records, v)
        fe = fg.add_entry()
        fe.id(url)
        fe.guid(url, permalink=True)
        fe.title(change_tag(v) + n.title)
        fe.link(href=url)
        fe.published(n.published)
        fe.updated(v.updated)
        fe.category(term=n.kind, label=v.label)
        fe.author({"name": c.office.name})
        fe.summary(summary_html(_summary(records, v)), type="html")
    return fg.atom_str(pretty=True), fg.rss_str(pretty=True)


def building_calendar(slug: str) -> str:
    """File of a building's outages calendar under the site root, from its slug
    (:func:`hcomm_gen.domain.areas.building_slugs`): ``calendar-3.ics``."""
    return f"calendar-{slug}.ics"


def webcal_url(records: Records, path: str) -> str:
    """The subscription address of a calendar file under the site root: ``webcal://`` and
    the site's host (a phone opens it in its calendar app and keeps it up to date), e.g.
    ``webcal://hxq.example.cn/calendar-3.ics``."""
    base = site_base(records)
    return "webcal://" + base.split("://", 1)[-1] + path


def calendar_ics(records: Records, now: datetime, building: str | None = None) -> bytes:
    """iCalendar (RFC 5545) of outages (planned and emergency, and works that stop water,
    power, gas or the elevator) and events with a start time,
    published by aware ``now``; times carry the community's ``TZID`` (e.g. ``Asia/Shanghai``)
    with its ``VTIMEZONE``. Times are the current ones (after the changes made by ``now``).
    ``DTSTAMP`` is the notice's last change made by ``now``, else its publication time (UTC);
    a changed notice's event has ``SEQUENCE`` = the number of its changes made by ``now`` (so
    subscribed calendars replace the old version) and, when cancelled, ``STATUS:CANCELLED``
    (kept in the file: a phone removes or strikes through the event it already has).

    :param building: a building's name (``3栋``): only the outages that concern it (its
        name or one of its units in ``areas``, or everyone:
        :func:`hcomm_gen.domain.areas.concerns`), no events; the calendar's name says the
        building.
    :returns: the ``.ics`` bytes (CRLF line ends, as the standard wants).
    """
    c = records.community
    tz = records.tz
    host = urlsplit(site_base(records)).hostname or c.id
    cal = Calendar()
    cal.add("prodid", f"-//hcomm//{c.id}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{c.name} 停水停电与社区活动" if building is None else f"{c.name} {building} 停水停电")
    cal.add("x-wr-timezone", c.time_zone)
    views = [v for v in _published_views(records, now)
             if (v.notice.kind in CALENDAR_KINDS or is_outage(v.notice)) and v.notice.start is not None]
    if building is not None:
        names = [b.building for b in records.registry.buildings]
        views = [v for v in views if is_outage(v.notice) and concerns(v.notice, building, names)]
    views.sort(key=lambda v: (v.notice.start, v.notice.id))
    for v in views:
        n = v.notice
        if n.start is None:  # (filtered above; for the type checker)
            continue
        ev = Event()
        ev.add("uid", f"{n.id}@{host}")
        ev.add("dtstamp", v.updated.astimezone(UTC))
        if v.changes:
            ev.add("sequence", len(v.changes))
        ev.add("dtstart", n.start.astimezone(tz))
        if n.end is not None and n.end > n.start:
            ev.add("dtend", n.end.astimezone(tz))
        ev.add("summary", (f"【{v.change_label}】" if v.changes else "") + f"{v.label}：{n.title}")
        if v.areas:
            ev.add("location", v.areas)
        change = _change_line(records, v)
        desc = ([change] if change else []) + _body(records, n) + paragraphs(n.actions) + paragraphs(n.measures)
        ev.add("description", "\n".join(desc + [notice_url(records, v)]))
        ev.add("url", notice_url(records, v))
        ev.add("categories", [v.label])
        ev.add("status", "CANCELLED" if v.cancelled else "CONFIRMED")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def render_feeds(records: Records, now: datetime) -> dict[str, bytes]:
    """All feed files as ``{path under the site root: bytes}``: Atom, RSS, the calendar,
    and one outages calendar per building of the registry (:func:`building_calendar`)."""
    atom, rss = atom_and_rss(records, now)
    files = {ATOM: atom, RSS: rss, ICS: calendar_ics(records, now)}
    for name, slug in building_slugs(records.registry.buildings).items():
        files[building_calendar(slug)] = calendar_ics(records, now, name)
    return files
