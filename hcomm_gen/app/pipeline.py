"""The whole flow, load → validate → compute → render, as library calls.

:func:`check` loads and validates; :func:`build` checks, refuses to publish when a problem
blocks publication (:attr:`CheckResult.blocking`: a record that would be published and cannot
be shown correctly; README, "What stops publication"), and writes ``site/`` and ``print/``
in one transaction (built in a work folder, then published together by one atomic switch:
:mod:`hcomm_gen.app.publish`), so a failed or killed build never leaves a half-written site
nor a new site with the old print. Other problems (a deadline missed, a quota, a lead time…) are reported by
``hcomm check`` and ``hcomm status`` and never hold the board back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from hcomm_gen.app import incremental
from hcomm_gen.app.checking import CheckResult, check, resolve_now  # noqa: F401 (re-exported)
from hcomm_gen.app.publish import publish, swap_in, work_dir  # noqa: F401 (swap_in, work_dir: re-exported)
from hcomm_gen.app.site_engine import chosen_engine
from hcomm_gen.app.states import next_changes
from hcomm_gen.core.errors import OutputError
from hcomm_gen.core.fonts import advice, char_name
from hcomm_gen.core.problems import ERROR, Position, Problem
from hcomm_gen.outputs.feeds import render_feeds
from hcomm_gen.outputs.share import share_pictures
from hcomm_gen.outputs.sheets import RenderStats, Sheet, SheetGlyphError, cache_dir, write_due_sheets
from hcomm_gen.outputs.site import config_text, mkdocs_config, render_pages, write_docs
from hcomm_gen.outputs.summary import SUMMARY, summary_json
from hcomm_gen.outputs.views import not_yet_published
from hcomm_gen.records.loader import Records
from hcomm_gen.records.models import Notice


@dataclass
class BuildResult:
    check: CheckResult
    site_dir: Path | None = None
    print_dir: Path | None = None
    pages: int = 0
    pdfs: list[Path] = field(default_factory=list)
    print_stats: RenderStats | None = None  #: rendered / reused sheets
    #: notices whose ``published`` time is still to come (later than ``now``), by publication
    #: time: left off the site and print this time (see :func:`render.views.not_yet_published`)
    not_yet_published: list[Notice] = field(default_factory=list)
    #: the site was left as it was: a build now would make the same site (same inputs and
    #: derived states, or the same pages), so the engine did not run (:mod:`.incremental`)
    site_unchanged: bool = False
    #: the site was left as it was without loading the records: the same record files and
    #: ``now`` in the window of the last build, whose check and report are said again
    #: (:func:`hcomm_gen.app.incremental.replay`; ``check.records`` is then ``None``)
    replayed: bool = False
    #: the next change of state of the notices after ``now`` (:func:`hcomm_gen.app.states.next_changes`)
    next_changes: list = field(default_factory=list)
    #: the community's time zone
    tz: tzinfo | None = None
    #: PRINT-GLYPH errors of the sheets left out (a character no installed font has); the
    #: site and the other sheets were published (:func:`glyph_problems`)
    sheet_problems: list[Problem] = field(default_factory=list)


def _glyph_position(records: Records, sheet: Sheet, ch: str) -> Position:
    """Where ``ch`` is written: in the sheet's own record (by its file), else in community.yaml
    (office name, hotline …), else the record file's first line."""
    own = [r for r in (*records.notices, *records.surveys) if r.path == sheet.source]
    for rec in [*own, records.community] if records.has_community else own:
        found = rec.find_text(ch)
        if found is not None:
            return found
    return Position(sheet.source, 1, 1)


def glyph_problems(records: Records, failed: list[SheetGlyphError]) -> list[Problem]:
    """PRINT-GLYPH errors, one per sheet left out and character (``U+XXXX“x”``) that no
    installed font has, at the line of the record where the character is written, saying
    what to do (:func:`hcomm_gen.core.fonts.advice`)."""
    out = []
    for exc in failed:
        sheet = exc.sheet
        for ch in dict.fromkeys(exc.chars):
            todo_zh, todo_en = advice(ch)
            out.append(Problem(
                "PRINT-GLYPH", _glyph_position(records, sheet, ch),
                f"张贴单 print/{sheet.name}（“{sheet.title}”）没有生成：字 {char_name(ch)} 在已安装的字体里都没有，"
                f"印出来会是空方框。{todo_zh}，然后再运行一次。",
                f"Sheet print/{sheet.name} (\"{sheet.title}\") was not written: character {char_name(ch)} is in "
                f"no installed font and would print as an empty box; {todo_en}, then run again.", ERROR))
    return out


def build(root: Path | str, now: datetime | str | None = None, *, site: bool = True,
          prints: bool = True, progress=None, engine: str | None = None, replay: bool = False) -> BuildResult:
    """Check, then render the public site into ``root/site`` and the sheets of notices due for
    posting (in effect, upcoming, or ended and still up) into ``root/print``.

    :param progress: optional callable ``(iterable, label) -> iterable`` for a progress bar.
    :param engine: the site engine's name (``hcomm build --engine``); ``None``: community.yaml
        ``site_engine`` (:func:`hcomm_gen.app.site_engine.chosen_engine`).
    :param replay: for a site-only build (``prints=False``): when the record files are those
        of the last build and ``now`` is in its window, return its report again without
        loading the records (``replayed``, ``check.records`` ``None``; :func:`.incremental.replay`).
    :returns: :class:`BuildResult`; when a problem blocks publication
        (:attr:`CheckResult.blocking`) nothing is written and ``site_dir`` is ``None``; other
        problems do not stop it. ``not_yet_published`` lists the notices left out because
        their ``published`` time is after ``now``.
    :raises UsageError: ``now`` is not a date-time; ``engine`` names no engine.
    :raises OutputError: the chosen engine is not installed; rendering failed (a survey chart
        character no font has, the site engine, a sheet name outside ``print/``); the previous
        ``site/`` and ``print/`` are untouched. A sheet with a character that no installed font has is left out alone: the
        site and the other sheets are published and ``sheet_problems`` names it (PRINT-GLYPH).
    """
    root = Path(root).resolve()
    files = incremental.files_digest(root) if site else ""
    if replay and site and not prints:
        again = incremental.replay(root, now, files, engine)
        if again is not None:
            report, when = again
            return BuildResult(CheckResult(None, when, list(report.problems)),  # type: ignore[arg-type]
                               site_dir=root / "site", pages=report.pages, replayed=True, site_unchanged=True,
                               not_yet_published=list(report.not_yet_published),
                               next_changes=list(report.next_changes), tz=ZoneInfo(report.tz))
    result = BuildResult(check(root, now))
    if result.check.blocking:
        return result
    records, when = result.check.records, result.check.now
    result.not_yet_published = not_yet_published(records.notices, when)
    result.tz, result.next_changes = records.tz, next_changes(records, when)
    # the engine first: a missing one changes nothing; its name is an input (--engine)
    site_engine = chosen_engine(records, engine) if site else None
    state = incremental.load(root) if site else None
    inputs = incremental.inputs_digest(root, site_engine.name, files) if site_engine else ""
    if site and incremental.unchanged_before_render(state, root, inputs, when):
        # same inputs, same derived states: site/ stays as it is, nothing rendered
        assert state is not None
        result.site_unchanged, result.pages = True, int(state.get("pages", 0))
        site = False
    if not site and not prints:
        if result.site_unchanged:
            result.site_dir = root / "site"
            _remember(root, result, files, engine)
        return result
    with work_dir(root) as work:
        site, docs = _build_site(root, work, result, state, site_engine) if site and site_engine else (False, "")
        if prints:
            # every sheet due (notice sheets, warning signs, finance postings, survey results),
            # unchanged ones copied from the cache in root/.hcomm-cache/print
            (work / "print").mkdir(exist_ok=True)
            stats = write_due_sheets(records, when, root, work / "print", progress)
            result.pdfs = [root / "print" / p.relative_to(work / "print") for p in stats.files]
            result.print_stats = stats
            result.sheet_problems = glyph_problems(records, stats.failed)
        # site and print together, in one atomic step (hcomm_gen.app.publish); a site left as
        # it is is carried into the new generation
        names = tuple(name for name, on in (("site", site), ("print", prints)) if on)
        published = incremental.current_generation(root)
        if names:
            publish(root, work, names)
        if docs:  # rendered (and built, or the same pages as published): the state of this build
            incremental.save(root, inputs=inputs, now=when.isoformat(),
                             until=incremental.valid_until(records, when).isoformat(), docs=docs,
                             pages=result.pages)
        elif state is not None and result.site_unchanged and published == state.get("generation"):
            # the same site, carried into the new generation with the print
            incremental.save(root, **{k: v for k, v in state.items() if k not in ("format", "generation")})
        elif names:  # --no-site: the published site moved to a new generation without a state
            incremental.forget(root)
        if site or result.site_unchanged:
            result.site_dir = root / "site"
        if prints:
            result.print_dir = root / "print"
    if result.site_dir is not None:
        _remember(root, result, files, engine)
    return result


def _remember(root: Path, result: BuildResult, files: str, engine: str | None) -> None:
    """Save what this build says (:class:`hcomm_gen.app.incremental.Report`) for a later build
    with the same files in the same window (:func:`hcomm_gen.app.incremental.replay`)."""
    records, when = result.check.records, result.check.now
    zone = getattr(records.tz, "key", None)
    if zone is None:  # a fixed offset has no name to save: the next build checks again
        return
    incremental.save_report(root, incremental.Report(
        list(result.check.problems), list(result.not_yet_published), list(result.next_changes), result.pages,
        zone, incremental.replay_key(files, engine), when.isoformat(),
        incremental.valid_until(records, when).isoformat()))


def _build_site(root: Path, work: Path, result: BuildResult, state, site_engine) -> tuple[bool, str]:
    """Render the pages into ``work/docs`` and, unless they hash as the published ones
    (:func:`hcomm_gen.app.incremental.unchanged_after_render`: ``result.site_unchanged``), run
    ``site_engine`` (:mod:`hcomm_gen.outputs.engines`) into ``work/site``. Returns (whether ``work/site`` was built, the pages' hash).

    :raises OutputError: the engine failed.
    """
    records, when = result.check.records, result.check.now
    pages = render_pages(records, when, root)
    # the feeds, and the WeChat pictures of the notices on the board (cached by content)
    files = {**render_feeds(records, when), **share_pictures(records, when, root)}
    files[SUMMARY] = summary_json(records, when)  # the public figures (docs/summary-json.md)
    write_docs(pages, work / "docs", root, files=files)
    cfg = mkdocs_config(records, root, work / "docs", work / "site")
    result.pages = len(pages)
    docs = incremental.docs_digest(work / "docs", _config_text(cfg, work), when.astimezone(records.tz))
    if incremental.unchanged_after_render(state, root, docs):
        # the pages are the published ones (a change the site does not show)
        result.site_unchanged = True
        return False, docs
    try:
        site_engine.build(cfg, work / "docs", work / "site", when.astimezone(records.tz), cache_dir(root).parent)
    except RuntimeError as exc:
        raise OutputError(f"网站生成失败：{exc}", f"Site build failed: {exc}") from None
    return True, docs


def _config_text(cfg: dict, work: Path) -> str:
    """The engine's configuration as text (:func:`~hcomm_gen.outputs.site.config_text`: the
    work folder's path taken out, it differs every build), with the search words it names (a
    file in the work folder)."""
    from hcomm_gen.outputs.search import SEARCH_WORDS

    words = work / SEARCH_WORDS
    return config_text(cfg) + (words.read_text(encoding="utf-8") if words.is_file() else "")
