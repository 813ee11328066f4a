"""The Jinja2 environment shared by pages and printed sheets.

Templates are looked up first in the office's own ``templates/`` folder (``--root DIR``),
then in hcomm's defaults ``hcomm_gen/defaults/templates/`` (:data:`DEFAULT_TEMPLATES`,
package data, so an installed wheel has them), file by file. Autoescaping is on for every
template, so text from records (a title like ``<script>``) is shown as text.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from hcomm_gen.domain.terms import NOTICE_KINDS, OUTAGE_KINDS, WEEKDAYS_ZH

#: hcomm's own templates and CSS (``site/…``, ``print/…``), shipped inside the package
#: (``[tool.setuptools.package-data]``); an office's ``templates/`` overrides them file by file
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[1] / "defaults" / "templates"


def zh_date(d: date | datetime | None, tz=None) -> str:
    """``2026年6月3日 周三`` (Chinese conventions)."""
    if d is None:
        return ""
    if isinstance(d, datetime) and tz is not None:
        d = d.astimezone(tz)
    return f"{d.year}年{d.month}月{d.day}日 {WEEKDAYS_ZH[d.weekday()]}"


def zh_datetime(dt: datetime | None, tz=None) -> str:
    """``2026年6月3日 周三 09:00`` in the community's time zone."""
    if dt is None:
        return ""
    if tz is not None:
        dt = dt.astimezone(tz)
    return f"{zh_date(dt)} {dt:%H:%M}"


def zh_month(year: int, month: int) -> str:
    """``2026年6月``."""
    return f"{year}年{month}月"


def zh_month_of(month: str) -> str:
    """``"2026-06"`` → ``2026年6月`` (a month as records write it)."""
    y, m = str(month).split("-")
    return zh_month(int(y), int(m))


def zh_day(d: date | datetime, tz=None) -> str:
    """``2026年6月3日`` without the weekday, as an office dates what it issues; an aware
    date-time is taken in ``tz``."""
    if isinstance(d, datetime) and tz is not None:
        d = d.astimezone(tz)
    return f"{d.year}年{d.month}月{d.day}日"


def hm(dt: datetime | None, tz=None) -> str:
    """``09:00`` in the community's time zone."""
    if dt is None:
        return ""
    return f"{(dt.astimezone(tz) if tz is not None else dt):%H:%M}"


def front_matter_title(text: str) -> Markup:
    """A record's text as a YAML front-matter ``title:`` value, HTML-escaped.

    MkDocs themes print ``page.title`` without escaping (in ``<title>``, the header and the
    search index), so a title like ``</title><script>…`` must be escaped before it reaches
    MkDocs; JSON quoting keeps YAML from reading ``: `` or ``#`` in it.
    """
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_text(text) -> str:
    """Record text made inert for a Markdown line (a heading or list item): every Markdown
    special character is backslash-escaped, so ``[x](javascript:…)``, ``![img](…)`` or an
    attribute list ``{: onmouseover=… }`` in a title shows as typed instead of becoming a link,
    an image or an attribute. ``<``, ``>`` and ``&`` are left to autoescape (entities; a
backslash before an entity would show)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def make_env(root: Path | None, tz) -> jinja2.Environment:
    """Jinja2 environment: office templates over the defaults; filters ``date``, ``datetime``,
    ``hm`` (time of day), ``kind`` and ``outage`` (Chinese labels), ``title_yaml`` (escaped
    front-matter title); global ``zh_month(year, month)``. Dates are always shown in ``tz``
    (the community's zone), never in the machine's ``TZ``."""
    paths = []
    if root is not None and (Path(root) / "templates").is_dir() and \
            (Path(root) / "templates").resolve() != DEFAULT_TEMPLATES:
        paths.append(str(Path(root) / "templates"))
    paths.append(str(DEFAULT_TEMPLATES))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(paths), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["date"] = lambda d: zh_date(d, tz)
    env.filters["datetime"] = lambda d: zh_datetime(d, tz)
    env.filters["kind"] = lambda k: NOTICE_KINDS.get(k, k)
    env.filters["outage"] = lambda k: OUTAGE_KINDS.get(k, k)
    env.filters["hm"] = lambda d: hm(d, tz)
    env.filters["title_yaml"] = front_matter_title
    env.filters["md"] = md_text
    env.globals["zh_month"] = zh_month
    return env
