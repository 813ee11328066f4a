"""Registry of printed-sheet *sources*: a source is a function registered with its template
that makes :class:`~hcomm_gen.outputs.sheets.model.Sheet` objects.

* :func:`notice_source` — sheets of one notice (its notice sheet, finance posting, warning
  signs): ``fn(ctx: NoticeSheets, template: str) -> list[Sheet]``, called for every notice
  due for posting (``hcomm build``/``hcomm print``) or asked for (``hcomm print ID…``); it
  returns ``[]`` for a notice it does not print.
* :func:`due_source` — sheets due at a moment that belong to no notice (the survey result
  and 整改公示, NOTICE-SURVEY-RESULT): ``fn(ctx: DueSheets, template: str) -> list[Sheet]``.

Sources run in registration order; :mod:`hcomm_gen.outputs.sheets` imports the modules that
register them.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jinja2
from markupsafe import Markup

from hcomm_gen.outputs.env import make_env
from hcomm_gen.outputs.sheets.model import Sheet
from hcomm_gen.outputs.sheets.notice_text import sheet_fields
from hcomm_gen.outputs.views import NoticeView
from hcomm_gen.records.loader import Records


@dataclass(frozen=True)
class Source:
    """A registered sheet source: its function, its template (under ``templates/``)."""

    fn: Callable[..., list[Sheet]]
    template: str

    def __call__(self, ctx) -> list[Sheet]:
        return self.fn(ctx, self.template)


#: sources of a notice's sheets, in registration order
NOTICE_SOURCES: list[Source] = []
#: sources of the sheets due at a moment that belong to no notice
DUE_SOURCES: list[Source] = []


def notice_source(template: str):
    """Register ``fn(ctx: NoticeSheets, template) -> list[Sheet]`` as a source of a notice's
    sheets, rendered from ``template`` (e.g. ``print/notice.html.j2``)."""
    def register(fn):
        NOTICE_SOURCES.append(Source(fn, template))
        return fn
    return register


def due_source(template: str):
    """Register ``fn(ctx: DueSheets, template) -> list[Sheet]`` as a source of the sheets
    due at ``ctx.now`` that belong to no notice, rendered from ``template``."""
    def register(fn):
        DUE_SOURCES.append(Source(fn, template))
        return fn
    return register


@functools.lru_cache(maxsize=8)
def _env(root: str | None, tz, has_templates: bool):
    """One Jinja2 environment per office, zone and presence of the office's ``templates/``,
    so templates compile once per process (its loader still notices edited files)."""
    return make_env(None if root is None else Path(root), tz)


def office_env(root: Path | None, tz) -> jinja2.Environment:
    """The (cached) Jinja2 environment of an office's sheets: its ``templates/`` over ours."""
    return _env(None if root is None else str(root), tz,
                root is not None and (Path(root) / "templates").is_dir())


def stylesheet(env: jinja2.Environment) -> Markup:
    """Text of ``print/print.css`` as ``env`` finds it (the office's own, else ours), as
    Markup: a stylesheet of the office's, not record text, inserted into ``<style>`` as it is
    (record text is escaped by :func:`hcomm_gen.outputs.env.inert`)."""
    assert env.loader is not None  # make_env always sets one
    return Markup(env.loader.get_source(env, "print/print.css")[0])


@dataclass
class NoticeSheets:
    """What a notice source gets: the records, the notice's view (state at ``now``), the
    Jinja2 environment, the print stylesheet (``css``) and ``fields``, the template variable
    ``s`` shared by all sheets of the notice (:func:`~.notice_text.sheet_fields`)."""

    records: Records
    view: NoticeView
    env: jinja2.Environment
    css: str
    fields: dict

    @classmethod
    def of(cls, records: Records, view: NoticeView, root: Path | None) -> NoticeSheets:
        """The context of ``view``'s sheets, templates from ``root/templates`` over ours."""
        env = office_env(root, view.tz)
        return cls(records, view, env, stylesheet(env), sheet_fields(records.community, view))

    @property
    def notice(self):
        return self.view.notice

    @property
    def prefix(self) -> str:
        """Start of the notice's file names: date of its start (or publication), kind, ID,
        e.g. ``2026-12-03_outage_N-2026-1127-water`` (``ls`` lists sheets by date)."""
        n = self.notice
        return f"{(n.start or n.published).astimezone(self.view.tz):%Y-%m-%d}_{n.kind}_{n.id}"

    @property
    def stem(self) -> str:
        """File name of the notice's main sheet without ``.pdf``: :attr:`prefix`, and for a
        changed notice ``_change-<k>`` (``_cancel-<k>`` when cancelled), ``k`` the number of
        changes made: each change gives a new file, the sheet to post over the old one, e.g.
        ``2026-12-10_outage_N-2026-1127-water_cancel-1``."""
        k = len(self.view.changes)
        if not k:
            return self.prefix
        return f"{self.prefix}_{'cancel' if self.view.cancelled else 'change'}-{k}"

    def render(self, template: str, s: dict) -> str:
        """HTML of ``template`` with ``community``, ``n`` (notice), ``v`` (view), ``s``, ``css``."""
        return self.env.get_template(template).render(
            community=self.records.community, n=self.notice, v=self.view, s=s, css=self.css)

    def sheet(self, kind: str, name: str, html: str, title: str | None = None) -> Sheet:
        """A sheet of this notice (its record file for messages; title: the notice's)."""
        n = self.notice
        return Sheet(kind, n.id, name, html, n.path, n.title if title is None else title)


@dataclass
class DueSheets:
    """What a due source gets: the records, aware ``now``, the office folder (``root``,
    whose ``templates/`` override ours; ``None``: ours only), and :meth:`render` for its
    template."""

    records: Records
    now: datetime
    root: Path | None

    def render(self, template: str, **variables) -> str:
        """HTML of ``template`` with ``community``, ``css`` (the print stylesheet) and
        ``variables``."""
        env = office_env(self.root, self.records.tz)
        return env.get_template(template).render(community=self.records.community, css=stylesheet(env),
                                                 **variables)


def notice_sheets(records: Records, view: NoticeView, root: Path | None) -> list[Sheet]:
    """The sheets of one notice from every notice source (main sheet first, then signs)."""
    ctx = NoticeSheets.of(records, view, root)
    return [s for source in NOTICE_SOURCES for s in source(ctx)]


def due_sheets(records: Records, now: datetime, root: Path | None) -> list[Sheet]:
    """The sheets of every due source at ``now``, in registration order."""
    ctx = DueSheets(records, now, root)
    return [s for source in DUE_SOURCES for s in source(ctx)]


#: sources of the building sheets (``hcomm print --buildings``), in registration order
BUILDING_SOURCES: list[Source] = []


def building_source(template: str):
    """Register ``fn(ctx: BuildingSheets, template) -> list[Sheet]`` as a source of the
    sheets of the community's buildings (printed when asked for: ``hcomm print
    --buildings``), rendered from ``template``."""
    def register(fn):
        BUILDING_SOURCES.append(Source(fn, template))
        return fn
    return register


@dataclass
class BuildingSheets:
    """What a building source gets: the records and the office folder (``root``, whose
    ``templates/`` override ours; ``None``: ours only), and :meth:`render`."""

    records: Records
    root: Path | None

    def render(self, template: str, **variables) -> str:
        """HTML of ``template`` with ``community``, ``css`` (the print stylesheet) and
        ``variables``."""
        env = office_env(self.root, self.records.tz)
        return env.get_template(template).render(community=self.records.community, css=stylesheet(env),
                                                 **variables)


def building_sheets(records: Records, root: Path | None) -> list[Sheet]:
    """The sheets of every building source, in registration order."""
    ctx = BuildingSheets(records, root)
    return [s for source in BUILDING_SOURCES for s in source(ctx)]
