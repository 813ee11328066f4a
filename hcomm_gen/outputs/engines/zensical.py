"""Zensical (https://zensical.org, by the authors of Material for MkDocs; 0.x) behind
:class:`~hcomm_gen.outputs.engines.base.Engine`: it reads the same MkDocs-style configuration
(:func:`hcomm_gen.outputs.site.mkdocs_config`) and the same generated pages, with four
differences that this module makes up for, so that both engines publish the same content:

* **Links in HTML.** hcomm writes the links inside its HTML blocks relative to the page's
  *address* (:func:`hcomm_gen.outputs.pages.registry.base_of`: ``notices/N-1/`` links to
  ``../../archive/``), which MkDocs leaves alone. Zensical reads every relative link of a page,
  HTML included, as relative to the page's *source file* (``notices/N-1.md``) and rewrites it
  for the address. :func:`source_relative` turns the ``href``/``src`` of each tag of a page
  that is not an index page into the source-relative form (``../archive/``), in a staging
  copy of the pages (``docs-zensical/`` next to the site folder; the pages folder itself is
  not touched); Markdown links (``[趋势](surveys/trend.svg)``) already are source-relative.
* **Templates.** Zensical's theme is its own (Minijinja templates, not Jinja2): hcomm's
  additions to it are in ``defaults/templates/site/overrides-zensical/`` (feed links, the
  WeChat card's ``og:`` tags, the back link of a notice, the Chinese footer and 404 page, the
  sitemap with its date), used in place of the Material ones.
* **Escaping.** Zensical reads the configuration from a file, so the site name cannot reach
  the theme as already-escaped markup (MkDocs gets :func:`~hcomm_gen.outputs.env.inert`'s
  ``Markup``): the name and description are written escaped, and the two places of the theme
  that escape the name again (the logo's ``title``) print it as it is
  (``overrides-zensical/partials/header.html`` and ``nav.html``).
* **Sitemap date.** Zensical's sitemap has no ``<lastmod>``; ours has the build's day in the
  community's zone (the date MkDocs takes from ``SOURCE_DATE_EPOCH``), and
  ``sitemap.xml.gz`` is written as MkDocs writes it (gzip time: :func:`local_epoch`).

Chinese search: Zensical ignores the search plugin's ``jieba_dict_user`` (jieba is a MkDocs
plugin feature; :class:`~hcomm_gen.outputs.search.CjkSearch` does not run); its search
(``search.json``) segments Chinese in the browser with ``Intl.Segmenter`` (the browser's own
dictionary) and honours hcomm's :data:`~hcomm_gen.outputs.search.SEPARATOR` (docs/engines.md).

Zensical runs in a child process (``python -m zensical build``): its engine is Rust and a
failure there is a panic that must not take hcomm with it; its progress lines are not shown.
"""
from __future__ import annotations

import copy
import gzip
import importlib.util
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import yaml

from hcomm_gen.outputs.env import inert
from hcomm_gen.outputs.site import OVERRIDES, _KeepTagsDumper, local_epoch

__all__ = ["OVERRIDES_ZENSICAL", "STAGING", "ZensicalEngine", "source_relative", "stage_docs"]

#: hcomm's additions to Zensical's theme (its ``custom_dir``)
OVERRIDES_ZENSICAL = OVERRIDES.parent / "overrides-zensical"
#: the staging copy of the pages, next to the site folder
STAGING = "docs-zensical"
#: the configuration file written for Zensical, next to the site folder
CONFIG_FILE = "zensical-mkdocs.yml"

#: an HTML tag (record text never makes one: ``<`` is escaped by ``inert``)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
#: a link attribute of a tag
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
#: an address that is not relative: a scheme (``https:``, ``tel:``, ``data:``), ``//host``,
#: ``/path``, ``#anchor``, ``?query`` or empty
_NOT_RELATIVE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#|\?|$)")


def _is_index(rel_path: str) -> bool:
    """True for a section's index page (its address is its folder), as MkDocs and Zensical
    read ``index.md`` and ``README.md``."""
    return posixpath.basename(rel_path) in ("index.md", "README.md")


def source_relative(text: str, rel_path: str) -> str:
    """``text`` (a page's Markdown, path ``rel_path`` under the pages folder, ``/``-separated)
    with the relative ``href``/``src`` of every HTML tag made relative to the page's source
    folder instead of its address: for ``notices/N-1.md`` (address ``notices/N-1/``),
    ``../../archive/`` → ``../archive/``, ``share.png`` → ``N-1/share.png``, ``../..`` → ``..``.
    Anchors, queries, absolute and scheme addresses (``https:``, ``tel:``) are kept; Markdown
    links are not touched; an index page is returned unchanged (its source folder is its
    address)."""
    if _is_index(rel_path):
        return text
    url_dir = posixpath.splitext(rel_path)[0]
    src_dir = posixpath.dirname(rel_path) or "."

    def fix(url: str) -> str:
        if _NOT_RELATIVE.match(url):
            return url
        cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
        path, rest = url[:cut], url[cut:]
        target = posixpath.normpath(posixpath.join(url_dir, path))
        new = posixpath.relpath(target, src_dir)
        if path.endswith("/") and not new.endswith("/"):
            new += "/"
        return new + rest

    return _TAG.sub(lambda t: _LINK.sub(lambda m: m.group(1) + fix(m.group(2)) + m.group(3), t.group(0)), text)


def stage_docs(docs_dir: Path, stage: Path) -> None:
    """Copy the pages folder ``docs_dir`` to ``stage`` (emptied first) for Zensical: each page
    through :func:`source_relative`, every other file linked (a copy where links cannot be
    made)."""
    docs_dir, stage = Path(docs_dir), Path(stage)
    if stage.exists():
        shutil.rmtree(stage)
    for src in sorted(docs_dir.rglob("*")):
        rel = src.relative_to(docs_dir)
        dst = stage / rel
        if src.is_dir():
            dst.mkdir(parents=True, exist_ok=True)
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.suffix == ".md" and not _is_index(rel.as_posix()):
            dst.write_text(source_relative(src.read_text(encoding="utf-8"), rel.as_posix()), encoding="utf-8")
            continue
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)


def zensical_config(config: dict, base: Path, site_dir: Path, build_time: datetime | None) -> dict:
    """The configuration for Zensical from the MkDocs one: the staged pages and the site
    folder relative to ``base`` (Zensical wants both inside the configuration's folder), our
    Zensical templates in place of the Material ones, the site name and description escaped,
    the sitemap date (``extra.hcomm_lastmod``, the local day of ``build_time``)."""
    cfg = copy.deepcopy(config)
    cfg["docs_dir"] = STAGING
    cfg["site_dir"] = os.path.relpath(site_dir, base)
    theme = cfg.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") == str(OVERRIDES):
        theme["custom_dir"] = str(OVERRIDES_ZENSICAL)
    if isinstance(theme, dict):  # Material's look (teal header, hcomm's extra.css), unless set
        theme.setdefault("variant", "classic")
    cfg["site_name"] = str(inert(cfg.get("site_name") or ""))
    cfg["site_description"] = str(inert(cfg.get("site_description") or ""))
    extra = cfg.get("extra")
    extra = extra if isinstance(extra, dict) else {}
    if build_time is not None:
        extra = {**extra, "hcomm_lastmod": build_time.date().isoformat()}
    cfg["extra"] = extra
    return cfg


#: the colour codes of Zensical's messages
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _keep_cache(base: Path, cache: Path | None) -> None:
    """Point Zensical's cache folder (``base/.cache``) at ``cache/zensical`` (created); no
    ``cache``, or one that cannot be made, leaves Zensical its own folder for this build."""
    if cache is None:
        return
    try:
        target = Path(cache) / "zensical"
        target.mkdir(parents=True, exist_ok=True)
        link = base / ".cache"
        if not link.exists() and not link.is_symlink():
            link.symlink_to(target.resolve(), target_is_directory=True)
    except OSError:
        pass


def _last_line(text: str) -> str:
    text = _ANSI.sub("", text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


class ZensicalEngine:
    """Zensical 0.x (pip package ``zensical``, an optional extra of hcomm:
    ``pip install 'hcomm[zensical]'``)."""

    name = "zensical"
    title = "Zensical"
    package = "zensical"

    def available(self) -> bool:
        """True when the ``zensical`` package is installed."""
        return importlib.util.find_spec("zensical") is not None

    def version(self) -> str | None:
        """``"zensical 0.0.73"``, or ``None`` when not installed."""
        from importlib import metadata  # here: importing it costs check's start-up ~10 ms

        try:
            return f"zensical {metadata.version('zensical')}"
        except metadata.PackageNotFoundError:
            return None

    def build(self, config: dict, docs_dir: Path, site_dir: Path, build_time: datetime | None = None,
              cache: Path | None = None) -> None:
        """Stage the pages (:func:`stage_docs`) and run ``zensical build`` on
        :func:`zensical_config` written to ``zensical-mkdocs.yml`` next to ``site_dir``; then
        ``sitemap.xml.gz``. Zensical keeps its own cache (each page's rendering, by content)
        in ``.cache`` next to its configuration, in the build's work folder: with ``cache``
        (the office's ``.hcomm-cache``) that folder is ``cache/zensical``, kept from build to
        build, so an unchanged page is not rendered again.

        :raises RuntimeError: with Zensical's last message when the build fails.
        """
        site_dir = Path(site_dir).resolve()
        base = site_dir.parent
        stage_docs(Path(docs_dir), base / STAGING)
        _keep_cache(base, cache)
        path = base / CONFIG_FILE
        path.write_text(yaml.dump(zensical_config(config, base, site_dir, build_time), Dumper=_KeepTagsDumper,
                                  allow_unicode=True, sort_keys=False), encoding="utf-8")
        env = dict(os.environ)
        if build_time is not None:
            env["SOURCE_DATE_EPOCH"] = str(local_epoch(build_time))
        run = subprocess.run([sys.executable, "-m", "zensical", "build", "--config-file", str(path)],
                             cwd=base, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace")
        if run.returncode != 0 or not (site_dir / "index.html").exists():
            raise RuntimeError(f"Zensical: {_last_line(run.stderr) or _last_line(run.stdout) or run.returncode}")
        issues = _ANSI.sub("", run.stderr).strip()
        if re.search(r"\b\d+ issues? found", issues):  # its warnings ("page does not exist" …), shown as MkDocs' are
            logging.getLogger("hcomm.zensical").warning("Zensical: %s", issues)
        sitemap = site_dir / "sitemap.xml"
        if sitemap.exists():
            with open(site_dir / "sitemap.xml.gz", "wb") as raw, \
                    gzip.GzipFile("sitemap.xml", "wb", fileobj=raw,
                                  mtime=local_epoch(build_time) if build_time is not None else None) as gz:
                gz.write(sitemap.read_bytes())
