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

import logging
import os
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import yaml

import hcomm_gen.outputs.pages  # noqa: F401  (registers every page)
from hcomm_gen.outputs.artefacts import ArtefactCache, key, template_cache
from hcomm_gen.outputs.env import DEFAULT_TEMPLATES, inert
from hcomm_gen.outputs.pages.registry import (
    FEEDS,
    PageContext,
    base_of,
    nav,
    render_all,
)
from hcomm_gen.outputs.search import SEARCH_WORDS, SEPARATOR, CjkSearch, write_search_words
from hcomm_gen.outputs.share import site_description
from hcomm_gen.records.loader import Records

__all__ = ["FEEDS", "NAV", "base_of", "config_text", "local_epoch", "mkdocs_config", "render_pages", "run_mkdocs",
           "write_docs"]

#: our MkDocs settings (package data); an office's own ``mkdocs.yml`` replaces the whole file
DEFAULT_MKDOCS = Path(__file__).resolve().parents[1] / "defaults" / "mkdocs.yml"
#: theme overrides (feed links in every page's <head>)
OVERRIDES = Path(__file__).resolve().parents[1] / "defaults" / "templates/site/overrides"

#: the site's menu ``[{title: path}]``: the registered pages with a nav title, by ``nav_order``
NAV = nav()
#: the stylesheet and the page script that recomputes notice states with the reader's clock
#: (``templates/site/``, copied into ``assets/``)
CSS, SCRIPT = "extra.css", "states.js"
#: the copy button of a notice page's 分享到微信群 box (``templates/site/``, copied into
#: ``assets/``; loaded by the notice pages only)
SHARE_SCRIPT = "share.js"


def render_pages(records: Records, now: datetime, root: Path | None = None) -> dict[str, str]:
    """All public pages as ``{path under docs/: markdown text}`` at aware ``now``: every page
    registered in :mod:`hcomm_gen.outputs.pages` (home, one page per published notice, the
    archive and one page per year, the outages calendar, events, publicity, finance, visits,
    cases, channels, the survey pages and charts), run on one context built once.

    Visits appear only as monthly aggregates (VISIT-PRIVACY, P5.3.3); cases and suggestions
    only as counts and response times (no ID, household or text).

    :raises hcomm_gen.core.errors.OutputError: a survey chart label has a character no font has.
    """
    return render_all(PageContext.build(records, now, root))


def mkdocs_config(records: Records, root: Path, docs_dir: Path, site_dir: Path) -> dict:
    """The MkDocs configuration: the office's ``mkdocs.yml`` if it has one, else ours, with
    the community's name and URL, the fixed nav, and the build folders filled in."""
    own = Path(root) / "mkdocs.yml"
    base_file = own if own.exists() else DEFAULT_MKDOCS
    cfg = yaml.load(base_file.read_text(encoding="utf-8"), Loader=_KeepTagsLoader) or {}
    c = records.community
    cfg.update({
        "site_name": cfg.get("site_name") or f"{c.name}公告栏",
        # the description of pages without their own (a notice's is its message's first line)
        "site_description": cfg.get("site_description") or site_description(c),
        "site_url": c.site_url,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "nav": nav(),
        "use_directory_urls": True,  # page links (base_of) and feed URLs rely on it
    })
    # the footer (overrides/partials/copyright.html): the office and its hotline, in Chinese
    extra = cfg.get("extra")
    cfg["extra"] = {**(extra if isinstance(extra, dict) else {}), "hcomm_office": {
        "name": c.office.name, "hotline": c.office.hotline, "tel": c.office.hotline.replace(" ", ""),
        "hours": c.office.hours or ""}}
    cfg.setdefault("not_in_nav", "/notices/*\n/archive/*\n/surveys/*\n/buildings/*")
    # the page script keeps notice states true between builds: an office's own mkdocs.yml
    # gets it too
    scripts = cfg.get("extra_javascript") or []
    if f"assets/{SCRIPT}" not in scripts:
        cfg["extra_javascript"] = [*scripts, f"assets/{SCRIPT}"]
    theme = cfg.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material" and "custom_dir" not in theme:
        theme["custom_dir"] = str(OVERRIDES)
    _configure_search(cfg, write_search_words(records, Path(docs_dir).parent / SEARCH_WORDS))
    return cfg


def _configure_search(cfg: dict, words: Path) -> None:
    """Give the search plugin (``search`` in ``plugins``, ours or the office's) the jieba user
    dictionary ``words`` (``jieba_dict_user``) and, unless the office set one, the
    :data:`~hcomm_gen.outputs.search.SEPARATOR` that splits what occupants type into the
    indexed words. A configuration without the search plugin is left alone."""
    plugins = cfg.get("plugins")
    if not isinstance(plugins, list):
        return
    for i, item in enumerate(plugins):
        if item == "search":
            plugins[i] = item = {"search": {}}
        if isinstance(item, dict) and "search" in item:
            opts = item["search"] if isinstance(item["search"], dict) else {}
            item["search"] = opts
            opts["jieba_dict_user"] = str(words)
            opts.setdefault("separator", SEPARATOR)


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
    """Write ``pages``, the stylesheet and the page scripts (``assets/extra.css``,
    ``assets/states.js`` and ``assets/share.js``: the office's ``templates/site/`` copy if it
    has one, else ours) and ``files`` (``{path: bytes}``, e.g. the feeds of
    :func:`hcomm_gen.outputs.feeds.render_feeds`, copied as they are) into ``docs_dir``."""
    for rel_path, text in pages.items():
        p = docs_dir / rel_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for rel_path, data in (files or {}).items():
        p = docs_dir / rel_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    (docs_dir / "assets").mkdir(parents=True, exist_ok=True)
    for name in (CSS, SCRIPT, SHARE_SCRIPT):
        own = Path(root) / "templates/site" / name if root is not None else None
        src = own if own is not None and own.exists() else DEFAULT_TEMPLATES / "site" / name
        (docs_dir / "assets" / name).write_bytes(src.read_bytes())


def _versions() -> str:
    """The releases of what turns pages into HTML (MkDocs, Markdown, its extensions, the
    theme, jieba) and of hcomm: a new one makes every cached page again."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("hcomm", "mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "jieba", "pygments"):
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def _file_digest(path) -> str:
    try:
        return key(Path(path).read_bytes()) if path else ""
    except OSError:
        return "?"


def config_text(config: dict) -> str:
    """The engine configuration ``config`` (of :func:`mkdocs_config`) as YAML text, keys
    sorted, without the build folders and with the work folder's path (the parent of
    ``docs_dir``, different every build) written ``<work>``: equal texts, equal sites."""
    keep = {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir")}
    text = yaml.dump(keep, Dumper=_KeepTagsDumper, allow_unicode=True, sort_keys=True)
    work = str(Path(config["docs_dir"]).parent) if config.get("docs_dir") else None
    return text.replace(work, "<work>") if work else text


def _engine_caches(config: dict, config_path: Path, cache: Path | None) -> dict:
    """The engine's caches for :func:`run_mkdocs` under the office's cache folder ``cache``
    (``root/.hcomm-cache``): ``{"pages": ArtefactCache, "search": ArtefactCache, "salt": str}``,
    ``salt`` being the hash of the configuration (the build's work folder left out: it
    differs every build), the releases (:func:`_versions`) and our search code; ``{}`` without
    a cache folder."""
    if cache is None:
        return {}
    salt = key(config_text(config), _versions(), _file_digest(Path(__file__).with_name("search.py")))
    root = Path(cache).parent
    return {"pages": ArtefactCache(root, "pages"), "search": ArtefactCache(root, "search"), "salt": salt}


@contextmanager
def _cached_render(page_class, caches: dict):
    """While MkDocs builds, read each page's Markdown → HTML (``content``, ``toc``, the title
    found in it, its anchors) from ``caches["pages"]`` when the same Markdown at the same
    address, among the same files, with the same configuration (``caches["salt"]``) was
    converted before; convert and store it otherwise. ``page_class`` is MkDocs' ``Page``
    (its ``render`` is wrapped for the ``with`` block only). Afterwards both caches are pruned.
    """
    pages = caches.get("pages")
    if pages is None:
        yield
        return
    salt, original = caches["salt"], page_class.render
    digests: dict[int, str] = {}

    def render(self, config, files):
        fd = digests.get(id(files))
        if fd is None:
            fd = digests[id(files)] = key(*sorted(f.src_uri for f in files))
        k = key("page", salt, fd, self.file.src_uri, self.url, self.markdown or "")
        hit = pages.get_object(k)
        if isinstance(hit, tuple) and len(hit) == 4 and isinstance(hit[0], str):
            self.content, self.toc, self._title_from_render, self.present_anchor_ids = hit
            return
        original(self, config, files)
        pages.put_object(k, (self.content, self.toc, self._title_from_render, self.present_anchor_ids))

    page_class.render = render
    try:
        yield
    finally:
        page_class.render = original
    pages.prune()
    if caches.get("search") is not None:
        caches["search"].prune()


#: the plugins whose page events :func:`_cached_page_output` knows to replay (search indexing,
#: ours): with any other plugin in the configuration every page is rendered by the theme
_KNOWN_PLUGINS = frozenset({"search", "material/search", "hcomm/cjk-search", "hcomm/template-cache"})


def _folder_digest(folder) -> str:
    """Path, size and modification time of every file under ``folder`` (``""`` when none)."""
    if not folder or not Path(folder).is_dir():
        return ""
    parts = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for f in sorted(filenames):
            st = (Path(dirpath) / f).stat()
            parts.append(f"{Path(dirpath, f).relative_to(folder)}:{st.st_size}:{st.st_mtime_ns}")
    return key(*parts)


@contextmanager
def _cached_page_output(build_module, utils, caches: dict, cfg):
    """While MkDocs builds, read each page's finished HTML (the theme's template rendered
    around it) from ``caches["pages"]`` when everything it is made from is the same: the
    configuration and releases (``caches["salt"]``), the theme's own templates
    (``custom_dir``), the build date (``SOURCE_DATE_EPOCH``), the menu, the list of pages,
    the page's address, HTML, table of contents, title, meta and neighbours. On a hit the
    page's ``on_page_context`` events still run (the search index gets its entries) and only
    the template rendering is skipped. ``build_module`` is ``mkdocs.commands.build`` (its
    ``_build_page`` is wrapped for the ``with`` block only), ``utils`` ``mkdocs.utils``.
    Nothing is cached when the configuration has a plugin not in :data:`_KNOWN_PLUGINS`."""
    pages = caches.get("pages")
    if pages is None or not set(cfg.plugins) <= _KNOWN_PLUGINS:
        yield
        return
    theme = cfg.theme
    base = key(caches["salt"], _folder_digest(getattr(theme, "custom_dir", None)),
               os.environ.get("SOURCE_DATE_EPOCH", ""))
    original = build_module._build_page
    memo: dict[int, str] = {}

    def nav_digest(nav) -> str:
        d = memo.get(id(nav))
        if d is None:
            def walk(items):
                return [(type(i).__name__, str(getattr(i, "title", "")), getattr(i, "url", None),
                         walk(getattr(i, "children", None) or [])) for i in items]
            d = memo[id(nav)] = key(repr(walk(nav.items)))
        return d

    def files_digest(files) -> str:
        d = memo.get(id(files))
        if d is None:
            d = memo[id(files)] = key(*[f.src_uri for f in files])
        return d

    def toc_of(items) -> list:
        return [(i.id, i.url, i.title, toc_of(i.children or [])) for i in items]

    def neighbour(p):
        return None if p is None else (p.url, str(p.title))

    def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if dirty or excluded:
            return original(page, config, doc_files, nav, env, dirty, excluded)
        k = key("html", base, nav_digest(nav), files_digest(doc_files), page.url, page.file.src_uri,
                page.content or "", repr(toc_of(page.toc or [])), str(page.title),
                repr(sorted(page.meta.items(), key=str)), neighbour(page.previous_page),
                neighbour(page.next_page), page.canonical_url, page.edit_url)
        hit = pages.get_bytes(k)
        if hit is not None and hit.strip():
            config._current_page = page
            page.active = True
            try:
                context = build_module.get_context(nav, doc_files, config, page)
                config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                utils.write_file(hit, page.file.abs_dest_path)
            finally:
                page.active = False
                config._current_page = None
            return
        original(page, config, doc_files, nav, env, dirty, excluded)
        try:
            pages.put_bytes(k, Path(page.file.abs_dest_path).read_bytes())
        except OSError:  # empty output is not written: nothing to keep
            pass

    build_module._build_page = build_page
    try:
        yield
    finally:
        build_module._build_page = original


class _TemplateCache:
    """A MkDocs plugin object (events only): gives the theme's Jinja2 environment the
    bytecode cache ``bcc`` (:func:`~hcomm_gen.outputs.artefacts.template_cache`)."""

    def __init__(self, bcc) -> None:
        self.bcc = bcc

    def on_env(self, env, config, files):
        """Set the cache before any template is loaded. Returns ``env``."""
        if self.bcc is not None and env.bytecode_cache is None:
            env.bytecode_cache = self.bcc
        return env


def run_mkdocs(config: dict, config_path: Path, build_time: datetime | None = None,
               cache: Path | None = None) -> None:
    """Run the MkDocs engine on ``config`` (written to ``config_path``; its ``site_name``,
    the community's name or the office's own, is escaped by :func:`~hcomm_gen.outputs.env.inert`
    before the theme sees it); ``build_time`` (the
    build's ``now``, aware, in the community's time zone) gives the date MkDocs writes into
    the sitemap (its local date), for reproducible output.

    :param cache: the office's cache folder (``root/.hcomm-cache``, created): the Chinese
        search's word segmenter (jieba) keeps its dictionary cache there (``jieba.cache``),
        not in the machine-wide temporary folder, which another account may own. A cache
        that cannot be written only makes the next build slower (jieba's message about it
        is silenced).
        The engine's own work that does not change is kept there too (:func:`_engine_caches`):
        the HTML of each page's Markdown (``pages/``) and each page's search-index entries,
        segmented (``search/``), under the hash of what they are made from; the site is the
        same bytes as without them.
    :raises RuntimeError: with MkDocs' message when the build fails.
    """
    from mkdocs import utils as mkdocs_utils
    from mkdocs.commands import build as build_module
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.pages import Page

    config_path.write_text(yaml.dump(config, Dumper=_KeepTagsDumper, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:  # jieba sets its logger to DEBUG when imported: import it first, then quieten it
        import jieba
        jieba.setLogLevel(logging.CRITICAL)  # its only message above DEBUG: a cache not written
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache)
    except ImportError:  # pragma: no cover - Chinese search then falls back to lunr's splitting
        pass
    caches = _engine_caches(config, config_path, cache)
    try:
        with _source_date_epoch(build_time), _cached_render(Page, caches):
            cfg = load_config(str(config_path))
            # the theme puts site_name into <title>, the header, aria-label and <link title>
            # as it is (and through `| e` elsewhere): it gets the name escaped, as Markup so
            # that `| e` does not escape it twice (issue 15)
            cfg["site_name"] = inert(cfg["site_name"])
            cfg["site_description"] = inert(cfg["site_description"] or "")  # <meta name="description">, og:
            # Chinese search: jieba gets the runs of Han characters with their digits (3栋), and
            # the index no zero-width spaces (hcomm_gen/outputs/search.py)
            search = cfg.plugins.get("material/search")
            if search is not None:
                # jieba starts (its dictionary, ~1 s) only when a page's entries are not cached
                user_dict = search.config.get("jieba_dict_user") or None
                if user_dict is not None:
                    search.config["jieba_dict_user"] = None
                cfg.plugins["hcomm/cjk-search"] = CjkSearch(  # type: ignore[assignment]
                    search, Path(user_dict) if user_dict else None, caches.get("search"),
                    caches.get("salt", "") + _file_digest(user_dict))
            if cache is not None:  # the theme's templates compiled once (.hcomm-cache/jinja)
                cfg.plugins["hcomm/template-cache"] = _TemplateCache(template_cache(Path(cache).parent))  # type: ignore[assignment]
            with _cached_page_output(build_module, mkdocs_utils, caches, cfg):
                build(cfg)
    except MkDocsException as exc:
        raise RuntimeError(f"MkDocs: {exc}") from exc
