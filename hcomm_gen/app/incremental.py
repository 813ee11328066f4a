"""Whether the published site is still what a build now would make (issue 14: a build whose
inputs and derived states are unchanged does not run the site engine again).

After each build that publishes the site, :func:`save` writes the office's *site state*,
``root/.hcomm-cache/site-state.json``: the hash of the build's inputs (:func:`inputs_digest`:
every file under ``records/``, the office's ``mkdocs.yml`` and ``templates/``, and hcomm
itself), the ``now`` it was built as of, until when a site built then stays the same
(:func:`valid_until`), the hash of the pages handed to the engine (:func:`docs_digest`) and the
published generation (``.hcomm-out/current``). The next build leaves ``site/`` as it is when

1. the inputs hash is the same and its ``now`` is in ``[previous now, valid until)``: nothing
   is rendered (:func:`unchanged_before_render`); or
2. the pages it rendered hash the same as the published ones (a record changed that the site
   does not show, e.g. a visit's note): the engine does not run (:func:`unchanged_after_render`);

and in both cases only when ``site/`` is still the generation that state describes. The state
is never required: missing, unreadable or from another hcomm, the site is built.

What a page shows depends on ``now`` in these ways, all bounded by :func:`valid_until`: the
notices' states and the today/tomorrow strip (:func:`hcomm_gen.domain.notices.next_state_changes`,
the next local midnight), the sitemap's ``lastmod`` (the local date of ``now``), and the
"按 … 的情况" lines of the home, outages and building pages, which show ``now`` to the minute
(so a build in a later minute is not case 1; record times are whole minutes, so nothing else
changes within one). Case 2 holds whatever ``now`` is.

Case 1 without even loading the records (:func:`replay`, ``hcomm build --no-pdf``): with the
state, the build saves what ``hcomm build`` says afterwards (:class:`Report`: the problems,
the notices not yet published, the next change of state, in ``build-report.pickle``), keyed by
the record files' hash and the ``--engine`` given. A later build with the same files and
``now`` in the same ``[now, until)`` says it again and touches nothing: the problems are those
of the same records at a moment where no deadline, state or date shown can differ (record
times are whole minutes, and ``until`` is at most the next minute).
"""
from __future__ import annotations

import json
import os
import pickle
import stat
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic_core import PydanticCustomError

from hcomm_gen.core.problems import Problem
from hcomm_gen.domain.notices import StateChange, next_state_changes
from hcomm_gen.domain.today import next_midnight
from hcomm_gen.outputs.artefacts import CACHE_ROOT, key
from hcomm_gen.records.loader import Records
from hcomm_gen.records.models import Notice
from hcomm_gen.records.types import parse_datetime_in

__all__ = ["STATE_FILE", "SiteState", "docs_digest", "inputs_digest", "load", "save",
           "unchanged_after_render", "unchanged_before_render", "valid_until"]

#: the site state, in the office's cache folder
STATE_FILE = "site-state.json"
_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parents[1]


def _walk(folder: Path):
    """Every file under ``folder`` (sorted, hidden names skipped), as ``(relative path, path)``."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if not f.startswith("."):
                p = Path(dirpath) / f
                out.append((p.relative_to(folder).as_posix(), p))
    return out


def _code_digest() -> str:
    """hcomm's own code and package data (path, size and modification time of each file under
    ``hcomm_gen/``), with its release: an upgraded or edited hcomm builds the site again."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("hcomm")
    except PackageNotFoundError:  # pragma: no cover
        release = "-"
    parts = [release]
    for rel, p in _walk(_PACKAGE):
        if "__pycache__" in rel or rel.endswith((".pyc", ".mo~")):
            continue
        st = p.stat()
        parts.append(f"{rel}:{st.st_size}:{st.st_mtime_ns}")
    return key(*parts)


def files_digest(root: Path) -> str:
    """The hash of the files a site build reads: the contents of every file under
    ``root/records`` (hidden ones aside), of ``root/mkdocs.yml`` and of every file under
    ``root/templates``, and hcomm itself (:func:`_code_digest`)."""
    root = Path(root)
    parts: list[str | bytes] = [_code_digest()]
    for folder in ("records", "templates"):
        for rel, p in _walk(root / folder):
            try:  # a FIFO, a device, a broken link: never opened (the check reports it)
                data = p.read_bytes() if stat.S_ISREG(p.stat().st_mode) else b"\0not a regular file"
            except OSError:
                data = b"\0unreadable"
            parts += [f"{folder}/{rel}", data]
    own = root / "mkdocs.yml"
    if own.is_file():
        parts += ["mkdocs.yml", own.read_bytes()]
    return key(*parts)


def inputs_digest(root: Path, engine: str = "mkdocs", files: str | None = None) -> str:
    """The hash of everything a site build reads besides ``now``: :func:`files_digest` (or
    ``files``, already computed) and the site engine's name (``hcomm build --engine`` may
    differ from community.yaml's ``site_engine``)."""
    return key(files or files_digest(root), f"engine:{engine}")


def replay_key(files: str, engine_option: str | None) -> str:
    """The key of a :class:`Report`: the files' hash and the ``--engine`` given (``None``:
    community.yaml's, which the files' hash covers)."""
    return key(files, f"engine-option:{engine_option or ''}")


REPORT_FILE = "build-report.pickle"


@dataclass
class Report:
    """What ``hcomm build`` says after a site build, for :func:`replay`: the problems of the
    check (none blocking), the notices not yet published, the next change of state
    (:func:`hcomm_gen.app.states.next_changes`), the pages and the community's time zone key."""

    problems: list[Problem]
    not_yet_published: list[Notice]
    next_changes: list[StateChange]
    pages: int
    tz: str
    key: str = ""
    since: str = ""
    until: str = ""
    generation: str | None = field(default=None)


def save_report(root: Path, report: Report) -> None:
    """Write ``report`` beside the state, atomically; a cache that cannot be written, or a
    report that cannot be pickled, only means the next build checks again."""
    path = Path(root) / CACHE_ROOT / REPORT_FILE
    report.generation = current_generation(root)
    try:
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def replay(root: Path, now: datetime | str | None, files: str, engine_option: str | None
           ) -> tuple[Report, datetime] | None:
    """The saved :class:`Report` and the aware ``now`` when a build as of ``now`` would make
    the published site again without anything to say that differs (module docstring):
    the same :func:`replay_key`, ``now`` in the report's ``[since, until)``, ``site/`` still
    the generation it describes. ``None`` otherwise (no report, unreadable, another hcomm,
    ``now`` not a date-time: the build then loads, checks and reports as usual)."""
    path = Path(root) / CACHE_ROOT / REPORT_FILE
    try:
        report = pickle.loads(path.read_bytes())  # noqa: S301 (our own cache file, written by save_report)
        if not isinstance(report, Report) or report.key != replay_key(files, engine_option):
            return None
        if report.generation is None or report.generation != current_generation(root):
            return None
        tz = ZoneInfo(report.tz)
        if now is None:
            when = datetime.now(tz)
        elif isinstance(now, datetime):
            when = now if now.tzinfo else now.replace(tzinfo=tz)
        else:
            when = parse_datetime_in(now, tz)
        since, until = datetime.fromisoformat(report.since), datetime.fromisoformat(report.until)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
            KeyError, PydanticCustomError):
        return None
    return (report, when) if since <= when < until else None


def valid_until(records: Records, now: datetime) -> datetime:
    """The first moment after aware ``now`` at which a site built at ``now`` may differ from
    one built then (module docstring): the next change of state of a notice, the next local
    midnight (the today strip, the sitemap date, the month of the visits and cases tables), and
    the next whole minute (the "按 … 的情况" lines); in the community's zone."""
    tz = records.tz
    local = now.astimezone(tz)
    minute = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    bounds = [minute, next_midnight(local, tz)]
    days = records.community.notice_display_days if records.has_community else 30
    changes = next_state_changes(records.notices, now, days)
    if changes:
        bounds.append(changes[0].at)
    return min(bounds)


def docs_digest(docs: Path, config_text: str, build_time: datetime) -> str:
    """The hash of what the engine is handed: every file in the work folder ``docs`` (pages,
    feeds, pictures, assets), the configuration text (``config_text``, the work folder's path
    taken out) and the local date of ``build_time`` (the sitemap's ``lastmod``)."""
    parts: list[str | bytes] = [config_text, build_time.date().isoformat(), _code_digest()]
    for rel, p in _walk(docs):
        parts += [rel, p.read_bytes()]
    return key(*parts)


class SiteState(dict):
    """The saved site state (module docstring): keys ``inputs``, ``now``, ``until`` (ISO
    texts), ``docs``, ``generation``, ``pages``."""


def _state_path(root: Path) -> Path:
    return Path(root) / CACHE_ROOT / STATE_FILE


def current_generation(root: Path) -> str | None:
    """The published generation's name (``.hcomm-out/current``'s target) when ``root/site``
    is hcomm's link into it, else ``None``."""
    root = Path(root)
    cur = root / ".hcomm-out" / "current"
    site = root / "site"
    try:
        if not (cur.is_symlink() and site.is_symlink() and (cur / "site").is_dir()):
            return None
        return os.readlink(cur)
    except OSError:
        return None


def load(root: Path) -> SiteState | None:
    """The saved state, or ``None`` (none, unreadable, another format)."""
    try:
        data = json.loads(_state_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return None
    return SiteState(data)


def save(root: Path, **fields) -> None:
    """Write the state (``fields``, the published generation added) atomically; a cache
    folder that cannot be written only makes the next build do the work again."""
    path = _state_path(root)
    data = {"format": _FORMAT, **fields, "generation": current_generation(root)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def forget(root: Path) -> None:
    """Remove the saved state (the site is built next time)."""
    try:
        _state_path(root).unlink(missing_ok=True)
    except OSError:
        pass


def _published(state: SiteState | None, root: Path) -> bool:
    return state is not None and state.get("generation") is not None \
        and state.get("generation") == current_generation(root)


def unchanged_before_render(state: SiteState | None, root: Path, inputs: str, now: datetime) -> bool:
    """Case 1 of the module docstring: the same inputs and ``now`` (aware) in the saved
    ``[now, until)``, the site still published."""
    if not _published(state, root) or state is None or state.get("inputs") != inputs:
        return False
    try:
        since = datetime.fromisoformat(state["now"])
        until = datetime.fromisoformat(state["until"])
    except (KeyError, TypeError, ValueError):
        return False
    return since <= now < until


def unchanged_after_render(state: SiteState | None, root: Path, docs: str) -> bool:
    """Case 2 of the module docstring: the pages hash ``docs`` as the published ones."""
    return _published(state, root) and state is not None and state.get("docs") == docs
