"""The public bulletin-board site: Markdown pages from Jinja2 templates, then MkDocs.

Page generation (:func:`render_pages`) is independent of the engine: it returns
``{relative_path: markdown}``; :func:`run_mkdocs` turns a written docs folder plus a config
into HTML and is the only place that imports MkDocs (engine run last).

Individual notices are *not* in the nav (the nav is copied into every page, so the site would
grow quadratically); index pages list them instead.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

import yaml

from ..compute.visits import month_of, month_quota
from ..load.records import Records
from ..terms import WEEKDAYS_ZH
from .env import make_env
from .views import ARCHIVED, IN_EFFECT, UPCOMING, by_start, notice_views

DEFAULT_MKDOCS = Path(__file__).resolve().parents[2] / "mkdocs.yml"

NAV = [
    {"首页": "index.md"},
    {"全部通知": "archive.md"},
    {"社区活动": "events.md"},
    {"宣传栏": "publicity.md"},
    {"财务公示": "finance.md"},
    {"访问业户统计": "visits.md"},
    {"沟通渠道": "channels.md"},
]


def _visit_quotas(records: Records, now: datetime):
    tz = records.tz
    months = sorted({m for v in records.visits if (m := month_of(v, tz))})
    current = now.astimezone(tz).strftime("%Y-%m")
    out = []
    for month in months:
        if month > current:
            continue
        q = month_quota(month, records.registry.households, records.visits, tz)
        q.partial = month == current
        out.append(q)
    return out


def render_pages(records: Records, now: datetime, root: Path | None = None) -> dict[str, str]:
    """All public pages as ``{path under docs/: markdown text}`` at aware ``now``.

    Visits appear only as monthly aggregates (VISIT-PRIVACY, P5.3.3); cases and suggestions
    not at all.
    """
    c = records.community
    tz = records.tz
    env = make_env(root, tz)
    views = notice_views(records.notices, now, tz, c.notice_display_days)
    current = [v for v in views if v.state in (IN_EFFECT, UPCOMING)]
    in_effect = by_start([v for v in views if v.state == IN_EFFECT and v.notice.kind != "publicity"])
    upcoming = by_start([v for v in views if v.state == UPCOMING])
    pinned = [v for v in in_effect if v.notice.kind == "emergency"]
    publicity = [v for v in views if v.notice.kind == "publicity" and v.state == IN_EFFECT][:5]
    common = {"community": c, "now": now}
    pages: dict[str, str] = {}
    pages["index.md"] = env.get_template("site/index.md.j2").render(
        **common, in_effect=in_effect, upcoming=upcoming, pinned=pinned, publicity=publicity)
    for v in views:
        pages[f"notices/{v.notice.id}.md"] = env.get_template("site/notice.md.j2").render(
            **common, n=v.notice, v=v)
    archive: dict[int, dict[int, list]] = {}
    for v in views:
        if v.state == ARCHIVED:
            p = v.notice.published.astimezone(tz)
            archive.setdefault(p.year, {}).setdefault(p.month, []).append(v)
    archive_list = [(y, sorted(ms.items(), reverse=True)) for y, ms in sorted(archive.items(), reverse=True)]
    pages["archive.md"] = env.get_template("site/archive.md.j2").render(
        **common, current=by_start(current), archive=archive_list)
    lists = {
        "events.md": ("社区活动", ["event"], "暂无社区活动。", "社区文化活动由管理处张贴海报通知（规程 四、3）。"),
        "publicity.md": ("宣传栏", ["publicity"], "暂无宣传内容。", "消防知识、法律法规和注意事项（规程 四、4）。"),
        "finance.md": ("财务公示", ["finance"], "暂无财务收支报表。", "财务收支报表定期张贴公布（规程 四、5）。"),
    }
    for path, (title, kinds, empty, intro) in lists.items():
        items = [v for v in views if v.notice.kind in kinds]
        pages[path] = env.get_template("site/kind_list.md.j2").render(
            **common, title=title, items=items, empty=empty, intro=intro)
    topics = Counter(o.topic for v in records.visits for o in v.opinions if o.topic)
    pages["visits.md"] = env.get_template("site/visits.md.j2").render(
        **common, quotas=_visit_quotas(records, now), topics=topics.most_common())
    meetings = sorted(records.meetings, key=lambda m: m.date, reverse=True)
    weekday = WEEKDAYS_ZH[c.reception_day.weekday - 1] if c.reception_day else ""
    pages["channels.md"] = env.get_template("site/channels.md.j2").render(
        **common, meetings=meetings, weekday_zh=weekday)
    return pages


def mkdocs_config(records: Records, root: Path, docs_dir: Path, site_dir: Path) -> dict:
    """The MkDocs configuration: the office's ``mkdocs.yml`` if it has one, else ours, with
    the community's name and URL, the fixed nav, and the build folders filled in."""
    own = Path(root) / "mkdocs.yml"
    base_file = own if own.exists() else DEFAULT_MKDOCS
    cfg = yaml.safe_load(base_file.read_text(encoding="utf-8")) or {}
    c = records.community
    cfg.update({
        "site_name": cfg.get("site_name") or f"{c.name}公告栏",
        "site_url": c.site_url,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "nav": NAV,
    })
    cfg.setdefault("not_in_nav", "/notices/*")
    return cfg


def write_docs(pages: dict[str, str], docs_dir: Path, root: Path | None) -> None:
    """Write ``pages`` and the stylesheet into ``docs_dir``."""
    from .env import DEFAULT_TEMPLATES
    for rel_path, text in pages.items():
        p = docs_dir / rel_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    css = None
    if root is not None and (Path(root) / "templates/site/extra.css").exists():
        css = Path(root) / "templates/site/extra.css"
    css = css or DEFAULT_TEMPLATES / "site/extra.css"
    (docs_dir / "assets").mkdir(parents=True, exist_ok=True)
    (docs_dir / "assets/extra.css").write_bytes(css.read_bytes())


def run_mkdocs(config: dict, config_path: Path) -> None:
    """Run the MkDocs engine on ``config`` (written to ``config_path``).

    :raises RuntimeError: with MkDocs' message when the build fails.
    """
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    try:
        cfg = load_config(str(config_path))
        build(cfg)
    except MkDocsException as exc:
        raise RuntimeError(f"MkDocs: {exc}") from exc
