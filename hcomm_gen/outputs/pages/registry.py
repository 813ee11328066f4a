"""Registry of the public site's pages: a page is a function registered with
``@page(path)`` that renders its template from a :class:`PageContext` built once per build.

The function returns the page's Markdown (``str``, written to ``path``) or, for a family of
pages (``notices/<ID>.md``, ``archive/<year>.md``, SVG charts), ``{path under docs/: text}``.
A page with ``nav`` (its title in the menu) is in the site's nav, ordered by ``nav_order``;
the others are listed by index pages only (the nav is copied into every page, so the site
would grow quadratically with every notice in it).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import cached_property
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from hcomm_gen.outputs.env import make_env
from hcomm_gen.outputs.feeds import ATOM, ICS, RSS
from hcomm_gen.outputs.views import (
    CANCELLED,
    ENDED,
    IN_EFFECT,
    UPCOMING,
    NoticeView,
    iso,
    listed,
    notice_views,
)
from hcomm_gen.records.loader import Records

#: the feeds every page may link to (template variable ``feeds``)
FEEDS = {"atom": ATOM, "rss": RSS, "ics": ICS}


def base_of(path: str) -> str:
    """Relative prefix from the page built from ``path`` (under docs/) to the site root, with
    directory URLs: ``index.md`` → ``""``, ``archive.md`` (``/archive/``) → ``../``,
    ``notices/N-1.md`` → ``../../``. Links inside HTML blocks are not rewritten by MkDocs, so
    templates write ``{{ base }}{{ v.url_path }}``."""
    depth = path.count("/") + (0 if path == "index.md" or path.endswith("/index.md") else 1)
    return "../" * depth


def live_data(now: datetime, tz: tzinfo, time_zone: str) -> Markup:
    """The hidden element (template variable ``live``) that tells the page script
    (``assets/states.js``) the build's moment (ISO 8601 with offset: a reader's clock earlier
    than that is wrong, and the build-time states stay) and the community's time zone (IANA
    name, for dates shown by the script): ``<div id="hc-live" hidden data-built=… data-tz=…>``."""
    return Markup(f'<div id="hc-live" hidden data-built="{escape(iso(now, tz))}" '
                  f'data-tz="{escape(time_zone)}"></div>')


@dataclass
class PageContext:
    """What every page function gets, computed once per build: ``records``, aware ``now``,
    the office folder ``root`` (its ``templates/`` override ours; ``None``: ours only), the
    community's zone ``tz``, the Jinja2 ``env``, the published notices' ``views`` (newest
    first) and ``common``, the template variables of every page (community, now, feeds)."""

    records: Records
    now: datetime
    root: Path | None
    tz: tzinfo
    env: jinja2.Environment
    views: list[NoticeView]
    common: dict = field(default_factory=dict)

    @classmethod
    def build(cls, records: Records, now: datetime, root: Path | None = None) -> PageContext:
        """The context of a build at aware ``now``."""
        tz = records.tz
        c = records.community
        return cls(records, now, root, tz, make_env(root, tz),
                   notice_views(records.notices, now, tz, c.notice_display_days),
                   {"community": c, "now": now, "feeds": FEEDS, "live": live_data(now, tz, c.time_zone)})

    @property
    def community(self):
        return self.records.community

    @cached_property
    def current(self) -> list[NoticeView]:
        """Notices in effect or upcoming: in effect first, then upcoming, each by start."""
        return listed(self.views, (IN_EFFECT, UPCOMING))

    @cached_property
    def ended(self) -> list[NoticeView]:
        """Notices ended or cancelled and not yet archived (still shown), by start."""
        return listed(self.views, (ENDED, CANCELLED))

    def render(self, template: str, **variables) -> str:
        """``template`` rendered with the common variables and ``variables``."""
        return self.env.get_template(template).render(**self.common, **variables)


@dataclass(frozen=True)
class Page:
    """A registered page: ``path`` (or the pattern of a family, e.g. ``notices/<ID>.md``),
    its function, its nav title (``None``: not in the nav) and place in the nav."""

    path: str
    fn: Callable[[PageContext], str | dict[str, str]]
    nav: str | None = None
    nav_order: int = 0

    def render(self, ctx: PageContext) -> dict[str, str]:
        """``{path: text}`` of this page (or family of pages)."""
        out = self.fn(ctx)
        return {self.path: out} if isinstance(out, str) else out


#: every registered page, in registration order
PAGES: list[Page] = []


def page(path: str, nav: str | None = None, nav_order: int = 0):
    """Register ``fn(ctx: PageContext) -> str | dict[str, str]`` as the page at ``path``
    (under docs/), or a family of pages when it returns a dict. ``nav``: its title in the
    site's menu, at ``nav_order`` (smaller first).

    :raises ValueError: ``path`` is already registered.
    """
    def register(fn):
        if any(p.path == path for p in PAGES):
            raise ValueError(f"page {path!r} registered twice")
        PAGES.append(Page(path, fn, nav, nav_order))
        return fn
    return register


def nav() -> list[dict[str, str]]:
    """The site's nav for MkDocs: ``[{title: path}]`` of the pages with a nav title."""
    return [{p.nav: p.path} for p in sorted(PAGES, key=lambda p: p.nav_order) if p.nav]


def render_all(ctx: PageContext) -> dict[str, str]:
    """Every registered page rendered in ``ctx``, merged into ``{path under docs/: text}``.

    :raises ValueError: two page functions made the same path.
    """
    pages: dict[str, str] = {}
    for p in PAGES:
        out = p.render(ctx)
        twice = pages.keys() & out.keys()
        if twice:
            raise ValueError(f"pages made twice: {sorted(twice)}")
        pages.update(out)
    return pages
