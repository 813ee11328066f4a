"""The public bulletin-board site: Markdown pages from Jinja2 templates, then MkDocs.

Page generation (:func:`render_pages`) is independent of the engine: it returns
``{relative_path: markdown}``; :func:`run_mkdocs` turns a written docs folder plus a config
into HTML and is the only place that imports MkDocs (engine run last).

Individual notices (``notices/<ID>/``) and the yearly archive pages are *not* in the nav (the
nav is copied into every page, so the site would grow quadratically); index pages list them.
Links written inside HTML blocks are relative (:func:`base_of`), since MkDocs does not
rewrite them. Everything is computed for the build's ``now`` in the community's time zone,
and the build is reproducible: the same records and ``now`` give the same bytes.
"""
from __future__ import annotations

import calendar
import os
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

from hcomm_gen.domain.case_figures import MIN_CASES_FOR_TIMES, case_figures
from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.visits import month_quota, quota_state, topic_counts_by_year, visits_by_month
from hcomm_gen.records.loader import Records
from hcomm_gen.domain.terms import WEEKDAYS_ZH
from hcomm_gen.outputs.env import make_env
from hcomm_gen.outputs.feeds import ATOM, ICS, RSS
from hcomm_gen.outputs.views import ARCHIVED, IN_EFFECT, UPCOMING, by_start, is_outage, notice_views

#: our MkDocs settings (package data); an office's own ``mkdocs.yml`` replaces the whole file
DEFAULT_MKDOCS = Path(__file__).resolve().parents[1] / "defaults" / "mkdocs.yml"
#: theme overrides (feed links in every page's <head>)
OVERRIDES = Path(__file__).resolve().parents[1] / "defaults" / "templates/site/overrides"
#: notice kinds on the outages calendar; works with an ``outage`` are there too (views.is_outage)
FEEDS = {"atom": ATOM, "rss": RSS, "ics": ICS}

NAV = [
    {"首页": "index.md"},
    {"全部通知": "archive.md"},
    {"停水停电": "outages.md"},
    {"社区活动": "events.md"},
    {"宣传栏": "publicity.md"},
    {"财务公示": "finance.md"},
    {"访问业户统计": "visits.md"},
    {"投诉建议统计": "cases.md"},
    {"满意度调查": "surveys.md"},
    {"沟通渠道": "channels.md"},
]


def _visit_quotas(records: Records, now: datetime):
    """The quota of every month with visits up to ``now``, as of ``now`` (visits dated later
    have not happened yet, as in ``hcomm visits quota``); ``q.partial`` for the current month."""
    tz = records.tz
    by_month = visits_by_month(as_of(records, now).visits, tz)
    out = []
    for month in sorted(by_month):
        q = month_quota(month, records.registry.households, by_month[month], tz)
        q.partial = quota_state(q, now, tz) == "in_progress"
        out.append(q)
    return out


def base_of(path: str) -> str:
    """Relative prefix from the page built from ``path`` (under docs/) to the site root, with
    directory URLs: ``index.md`` → ``""``, ``archive.md`` (``/archive/``) → ``../``,
    ``notices/N-1.md`` → ``../../``. Links inside HTML blocks are not rewritten by MkDocs, so
    templates write ``{{ base }}{{ v.url_path }}``."""
    depth = path.count("/") + (0 if path == "index.md" or path.endswith("/index.md") else 1)
    return "../" * depth


def notice_letter(community, notice) -> dict:
    """The letter frame of a notice page, the same as its printed sheet's
    (:mod:`hcomm_gen.outputs.sheets`): ``{"greeting": str, "paras": [str], "closing": str | None}``.

    The body's own greeting, sign-off, office and date lines are dropped by
    :func:`~hcomm_gen.outputs.sheets.letter_body` (the page prints the greeting, the office and
    the date itself); a sign-off word found there (特此告知…) is kept, once, else the kind's
    default (``CLOSINGS``, e.g. 特此通知; none for publicity).
    """
    from hcomm_gen.outputs.sheets import CLOSINGS, greeting, issuer_names, letter_body
    paras, closing = letter_body(notice.body, issuer_names(community))
    return {"greeting": greeting(notice.areas), "paras": paras,
            "closing": closing or CLOSINGS.get(notice.kind)}


def render_pages(records: Records, now: datetime, root: Path | None = None) -> dict[str, str]:
    """All public pages as ``{path under docs/: markdown text}`` at aware ``now``: home,
    one page per published notice, the archive (and one page per year), the outages calendar,
    events, publicity, finance, visits, cases, channels (and the survey pages).

    Visits appear only as monthly aggregates (VISIT-PRIVACY, P5.3.3); cases and suggestions
    only as counts and response times (no ID, household or text).
    """
    c = records.community
    tz = records.tz
    env = make_env(root, tz)
    views = notice_views(records.notices, now, tz, c.notice_display_days)
    current = [v for v in views if v.state in (IN_EFFECT, UPCOMING)]
    in_effect = by_start([v for v in views if v.state == IN_EFFECT and v.notice.kind != "publicity"])
    # an emergency in effect is pinned on top (T2)
    pinned = [v for v in in_effect if v.pinned]
    in_effect = pinned + [v for v in in_effect if not v.pinned]
    upcoming = by_start([v for v in views if v.state == UPCOMING])
    # latest publicity: every one in effect, else the three newest
    publicity = [v for v in views if v.notice.kind == "publicity" and v.state == IN_EFFECT] or \
        [v for v in views if v.notice.kind == "publicity"][:3]
    common = {"community": c, "now": now, "feeds": FEEDS}
    pages: dict[str, str] = {}
    pages["index.md"] = env.get_template("site/index.md.j2").render(
        **common, base=base_of("index.md"), in_effect=in_effect, upcoming=upcoming, pinned=pinned,
        publicity=publicity, any_notice=bool(views))
    notice_tpl = env.get_template("site/notice.md.j2")
    for v in views:
        pages[f"notices/{v.notice.id}.md"] = notice_tpl.render(
            **common, base="../../", n=v.notice, v=v, letter=notice_letter(c, v.notice))
    # archive by year (one page per year, out of the nav) and month of publication
    archive: dict[int, dict[int, list]] = {}
    for v in views:
        if v.state == ARCHIVED:
            p = v.notice.published.astimezone(tz)
            archive.setdefault(p.year, {}).setdefault(p.month, []).append(v)
    archive_list = [(y, sorted(ms.items(), reverse=True)) for y, ms in sorted(archive.items(), reverse=True)]
    pages["archive.md"] = env.get_template("site/archive.md.j2").render(
        **common, base=base_of("archive.md"), current=by_start(current), archive=archive_list)
    year_tpl = env.get_template("site/archive_year.md.j2")
    for year, months in archive_list:
        pages[f"archive/{year}.md"] = year_tpl.render(**common, base="../../", year=year, months=months)
    pages["outages.md"] = env.get_template("site/outages.md.j2").render(
        **common, base=base_of("outages.md"), months=_outage_months(views, now, tz), current=[
            v for v in by_start(current) if is_outage(v.notice)])
    pages["cases.md"] = env.get_template("site/cases.md.j2").render(
        **common, figures=case_figures(records.cases, records.suggestions, now, tz),
        min_cases=MIN_CASES_FOR_TIMES)
    lists = {
        "events.md": ("社区活动", ["event"], "暂无社区活动。", "社区文化活动由管理处张贴海报通知（规程 四、3）。"),
        "publicity.md": ("宣传栏", ["publicity"], "暂无宣传内容。", "消防知识、法律法规和注意事项（规程 四、4）。"),
        "finance.md": ("财务公示", ["finance"], "暂无财务收支报表。", "财务收支报表定期张贴公布（规程 四、5）。"),
    }
    for path, (title, kinds, empty, intro) in lists.items():
        items = [v for v in views if v.notice.kind in kinds]
        pages[path] = env.get_template("site/kind_list.md.j2").render(
            **common, base=base_of(path), title=title, items=items, empty=empty, intro=intro)
    pages["visits.md"] = env.get_template("site/visits.md.j2").render(  # aggregates only (P5.3.3)
        **common, quotas=_visit_quotas(records, now),
        topics_by_year=topic_counts_by_year(records.visits, now, tz))
    # the coming meetings and those of the last twelve months (older ones: the archive of minutes)
    meetings = sorted((m for m in records.meetings if m.date >= now - timedelta(days=366)),
                      key=lambda m: m.date, reverse=True)
    coming = sorted((m for m in meetings if m.date >= now), key=lambda m: m.date)
    meetings = [m for m in meetings if m.date < now]
    weekday = WEEKDAYS_ZH[c.reception_day.weekday - 1] if c.reception_day else ""
    pages["channels.md"] = env.get_template("site/channels.md.j2").render(
        **common, base=base_of("channels.md"), meetings=meetings, coming=coming,
        weekday_zh=weekday)
    from hcomm_gen.outputs.survey import survey_pages  # survey results, Pareto and trend charts, 整改公示 (issue 4)
    pages.update(survey_pages(records, now, root))
    return pages


def _outage_months(views, now: datetime, tz) -> list[dict]:
    """Month grids for the outages calendar: from the previous month to the month of the last
    upcoming outage, months without outages skipped (the current month always shown).

    Each: ``{"year", "month", "weeks": [[(day|0, [views]) ×7], …], "items": [views by start]}``;
    an outage spanning several days is marked on each day (community time zone).
    """
    outages = [v for v in views if is_outage(v.notice) and v.notice.start is not None]
    local_now = now.astimezone(tz)
    first = (local_now.replace(day=1) - timedelta(days=1)).date().replace(day=1)
    cur = (local_now.year, local_now.month)
    days: dict[date, list] = {}
    for v in outages:
        s = v.notice.start.astimezone(tz)
        e = (v.notice.end or v.notice.start).astimezone(tz)
        if e > s and e.hour == 0 and e.minute == 0:
            e -= timedelta(minutes=1)  # ends at midnight: the day before is the last one
        # marked from the first month shown (a long outage that began earlier still shows),
        # for at most a year of days (a typo such as an end in 2099 stays cheap)
        d, last = max(s.date(), first), min(e.date(), first + timedelta(days=366))
        while d <= last:
            days.setdefault(d, []).append(v)
            d += timedelta(days=1)
    wanted = sorted({(d.year, d.month) for d in days} | {cur})
    out = []
    cal = calendar.Calendar(firstweekday=0)
    for y, m in wanted:
        weeks = [[(d, by_start(days.get(date(y, m, d), [])) if d else []) for d in week]
                 for week in cal.monthdayscalendar(y, m)]
        items = by_start({id(v): v for d, vs in days.items() if (d.year, d.month) == (y, m)
                          for v in vs}.values())
        out.append({"year": y, "month": m, "weeks": weeks, "items": items,
                    "today": local_now.day if (y, m) == cur else 0})
    return out


def mkdocs_config(records: Records, root: Path, docs_dir: Path, site_dir: Path) -> dict:
    """The MkDocs configuration: the office's ``mkdocs.yml`` if it has one, else ours, with
    the community's name and URL, the fixed nav, and the build folders filled in."""
    own = Path(root) / "mkdocs.yml"
    base_file = own if own.exists() else DEFAULT_MKDOCS
    cfg = yaml.load(base_file.read_text(encoding="utf-8"), Loader=_KeepTagsLoader) or {}
    c = records.community
    cfg.update({
        "site_name": cfg.get("site_name") or f"{c.name}公告栏",
        "site_url": c.site_url,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "nav": NAV,
        "use_directory_urls": True,  # page links (base_of) and feed URLs rely on it
    })
    cfg.setdefault("not_in_nav", "/notices/*\n/archive/*\n/surveys/*")
    theme = cfg.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material" and "custom_dir" not in theme:
        theme["custom_dir"] = str(OVERRIDES)
    return cfg


class _Tagged:
    """A ``!!python/…`` YAML value (e.g. the toc ``slugify`` function) kept as written, for
    MkDocs' own loader to resolve."""

    def __init__(self, tag: str, node_kind: str, value):
        self.tag, self.node_kind, self.value = tag, node_kind, value


class _KeepTagsLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader, suffix, node):
    tag = "tag:yaml.org,2002:python/" + suffix
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(tag, "scalar", loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(tag, "sequence", loader.construct_sequence(node, deep=True))
    return _Tagged(tag, "mapping", loader.construct_mapping(node, deep=True))


_KeepTagsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _KeepTagsDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, t: _Tagged):
    return getattr(dumper, f"represent_{t.node_kind}")(t.tag, t.value)


_KeepTagsDumper.add_representer(_Tagged, _represent_tagged)


def local_epoch(when: datetime) -> int:
    """Seconds since 1970 of ``when``'s wall-clock time read as UTC: MkDocs takes the sitemap
    date (``lastmod``) as the UTC day of ``SOURCE_DATE_EPOCH``, so this makes it the local
    day of ``when``. E.g. 2026-11-30 07:00 +08:00 (23:00 UTC on the 29th) → 2026-11-30 07:00 UTC.

    :param when: aware datetime in the community's time zone (naive: taken as UTC).
    """
    offset = when.utcoffset() or timedelta(0)
    return int(when.timestamp() + offset.total_seconds())


@contextmanager
def _source_date_epoch(when: datetime | None):
    """Set ``SOURCE_DATE_EPOCH`` (seconds) while MkDocs runs, so the sitemap's ``lastmod`` and
    the gzip header of ``sitemap.xml.gz`` come from the build's ``--now`` (its date in the
    community's zone, :func:`local_epoch`), not the clock."""
    if when is None:
        yield
        return
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(local_epoch(when))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def write_docs(pages: dict[str, str], docs_dir: Path, root: Path | None,
               files: dict[str, bytes] | None = None) -> None:
    """Write ``pages``, the stylesheet and ``files`` (``{path: bytes}``, e.g. the feeds of
    :func:`hcomm_gen.outputs.feeds.render_feeds`, copied as they are) into ``docs_dir``."""
    from hcomm_gen.outputs.env import DEFAULT_TEMPLATES
    for rel_path, text in pages.items():
        p = docs_dir / rel_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for rel_path, data in (files or {}).items():
        p = docs_dir / rel_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    css = None
    if root is not None and (Path(root) / "templates/site/extra.css").exists():
        css = Path(root) / "templates/site/extra.css"
    css = css or DEFAULT_TEMPLATES / "site/extra.css"
    (docs_dir / "assets").mkdir(parents=True, exist_ok=True)
    (docs_dir / "assets/extra.css").write_bytes(css.read_bytes())


def run_mkdocs(config: dict, config_path: Path, build_time: datetime | None = None) -> None:
    """Run the MkDocs engine on ``config`` (written to ``config_path``); ``build_time`` (the
    build's ``now``, aware, in the community's time zone) gives the date MkDocs writes into
    the sitemap (its local date), for reproducible output.

    :raises RuntimeError: with MkDocs' message when the build fails.
    """
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path.write_text(yaml.dump(config, Dumper=_KeepTagsDumper, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:  # jieba sets its logger to DEBUG when imported: import it first, then quieten it
        import jieba
        jieba.setLogLevel(logging.WARNING)
    except ImportError:  # pragma: no cover - Chinese search then falls back to lunr's splitting
        pass
    try:
        with _source_date_epoch(build_time):
            cfg = load_config(str(config_path))
            build(cfg)
    except MkDocsException as exc:
        raise RuntimeError(f"MkDocs: {exc}") from exc
