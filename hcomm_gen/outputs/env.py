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
from markupsafe import Markup

from hcomm_gen.domain.terms import NOTICE_KINDS, OUTAGE_KINDS, WEEKDAYS_ZH
from hcomm_gen.outputs.artefacts import template_cache

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


#: characters that start Markdown (or HTML) syntax anywhere in a line: HTML's own ``& < > " '``,
#: backslash escapes, code, emphasis (``*``; ``_`` unless inside a word, where Markdown
#: ignores it: ``in_effect``), links and images (``[ ] !``), attribute lists ``{: }``,
#: headings and closing ``#``, tables and strike-through
_INERT_ANYWHERE = re.compile(r"""[&<>"'\\`*{}\[\]#!|~]|(?<!\w)_|_(?!\w)""")
#: what starts a block only at the beginning of a line: list items (``- ``, ``+ ``,
#: ``1. ``), rules and setext headings (a line of ``-`` or ``=``)
_INERT_LINE_START = re.compile(r"(^|\n)([ \t]*)(?:([-+])(?=[ \t])|([-=])(?=[-= \t]*(?:\n|$))|(\d+)\.(?=\s|$))")


#: HTML's own characters as markupsafe writes them; the rest as numeric references
_HTML_REFS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}


def _ref(ch: str) -> str:
    return _HTML_REFS.get(ch) or f"&#{ord(ch)};"


def inert(text) -> Markup:
    """THE escaping of every text that reaches a page or a sheet (the Jinja ``finalize`` of
    :func:`make_env`, so no template can forget it; also the filters ``md`` and ``e``, the
    site name given to the MkDocs theme and the front-matter title).

    The text is returned as HTML that shows it exactly as typed, wherever it is inserted: in
    HTML (element text or a quoted attribute) *and* in Markdown (a heading, a list item, a
    paragraph, a link text). HTML's special characters and every character that starts
    Markdown syntax are written as numeric character references (``[`` → ``&#91;``), which
    HTML shows as the character and Markdown passes through untouched, so
    ``[x](javascript:…)``, ``![img](…)``, ``{: onmouseover=… }``, ``<script>`` or a line
    starting with ``- `` / ``1. `` / ``# `` never become a link, an image, an attribute,
    markup, a list or a heading. Markup (already escaped, e.g. built by code) is returned
    unchanged.

    :param text: any value; ``None`` gives ``""``.
    :returns: the escaped text as :class:`markupsafe.Markup`.
    """
    if hasattr(text, "__html__"):
        return Markup(text)
    if text is None:
        return Markup("")
    s = _INERT_ANYWHERE.sub(lambda m: _ref(m.group()), str(text))
    s = _INERT_LINE_START.sub(
        lambda m: m.group(1) + m.group(2) + (_ref(m.group(3) or m.group(4)) if m.group(3) or m.group(4)
                                             else m.group(5) + _ref(".")), s)
    return Markup(s)


def css_string(text) -> Markup:
    """A text inside a quoted CSS string (``content: "…"`` in a ``<style>`` element), where
    HTML entities are not decoded: every character other than a letter, digit, space or
    non-ASCII one is written as a CSS escape (``<`` → ``\\3c ``), so it cannot close the string
    or the ``<style>`` element."""
    return Markup("".join(ch if ch.isalnum() or ch == " " or ord(ch) > 127 else f"\\{ord(ch):x} "
                          for ch in str(text)))


def front_matter_title(text: str) -> Markup:
    """A record's text as a YAML front-matter ``title:`` value, escaped by :func:`inert`.

    MkDocs themes print ``page.title`` without escaping (in ``<title>``, the header and the
    search index), so a title like ``</title><script>…`` must be escaped before it reaches
    MkDocs; JSON quoting keeps YAML from reading ``: `` or ``#`` in it.
    """
    return Markup(json.dumps(str(inert(text)), ensure_ascii=False))


def md_text(text) -> Markup:
    """Record text made inert for a Markdown line (the ``md`` filter, kept for templates that
    name it): the same escaping as every other text, :func:`inert`."""
    return inert(text)


def _finalize(context, value):
    """Every ``{{ … }}`` goes through :func:`inert` (:func:`css_string` in a ``.css.j2``
    template)."""
    if hasattr(value, "__html__"):
        return value
    if (context.name or "").endswith(".css.j2"):
        return css_string("" if value is None else value)
    return inert(value)


def _join(value, d: str = "", attribute=None):
    """The ``join`` filter: each item escaped by :func:`inert` (Jinja's own would use a
    plain HTML escape and mark the result safe, leaving Markdown live)."""
    items = [getattr(v, attribute) if attribute else v for v in value]
    return Markup(inert(d)).join(inert(v) for v in items)


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
                             lstrip_blocks=True, keep_trailing_newline=True,
                             finalize=jinja2.pass_context(_finalize),
                             bytecode_cache=template_cache(root))  # compiled once: .hcomm-cache/jinja
    env.filters["date"] = lambda d: zh_date(d, tz)
    env.filters["datetime"] = lambda d: zh_datetime(d, tz)
    env.filters["kind"] = lambda k: NOTICE_KINDS.get(k, k)
    env.filters["outage"] = lambda k: OUTAGE_KINDS.get(k, k)
    env.filters["hm"] = lambda d: hm(d, tz)
    env.filters["title_yaml"] = front_matter_title
    env.filters["md"] = md_text
    env.filters["e"] = env.filters["escape"] = inert
    env.filters["join"] = _join
    env.globals["zh_month"] = zh_month
    return env
