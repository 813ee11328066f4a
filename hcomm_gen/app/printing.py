"""``hcomm print``: check the records, then write the sheets due for posting into ``print/``
(P4.1, P4.2, P4.6; NOTICE-SURVEY-RESULT), atomically when all are printed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hcomm_gen.app.pipeline import CheckResult, check, glyph_problems
from hcomm_gen.app.publish import publish, work_dir
from hcomm_gen.core.problems import Problem
from hcomm_gen.outputs.sheets import (
    RenderStats,
    all_sheets,
    building_sheets,
    cache_dir,
    render_sheets,
    write_due_sheets,
)
from hcomm_gen.outputs.views import notice_view


@dataclass
class PrintResult:
    """Outcome of :func:`print_sheets`: the check, and what was rendered (``None`` when a
    problem blocks publication and nothing was printed); ``unknown`` lists IDs that match no
    notice."""

    check: CheckResult
    stats: RenderStats | None = None
    print_dir: Path | None = None
    unknown: list[str] = field(default_factory=list)
    #: PRINT-GLYPH errors of the sheets left out (the others were printed)
    sheet_problems: list[Problem] = field(default_factory=list)


def print_sheets(root: Path | str, now: datetime | str | None = None,
                 ids: list[str] | tuple[str, ...] = (), progress=None, buildings: bool = False) -> PrintResult:
    """``hcomm print``: check the records, then write sheets into ``root/print`` unless a
    problem blocks publication (:attr:`CheckResult.blocking`; other problems do not).

    Without ``ids``: every sheet due for posting at ``now`` and every building's lobby sheet; ``print/`` is built in a
    temporary folder and swapped in (sheets no longer due disappear). With ``ids``: the
    sheets of those notices (any state), written into ``print/`` beside the others. With
    ``buildings``: also (or, without ``ids``, only) the lobby sheet of every building
    (``print/buildings/<slug>.pdf``, :mod:`hcomm_gen.outputs.sheets.buildings`), beside the
    others in the same way.
    Unchanged sheets are copied from the cache, not rendered.

    A sheet with a character that no installed font has is left out (the others are
    printed) and named in ``sheet_problems`` (PRINT-GLYPH, at the record's line).
    :raises ValueError: bad ``now``.
    """
    root = Path(root).resolve()
    result = PrintResult(check(root, now))
    chk = result.check
    if chk.blocking:
        return result
    records = chk.records
    final = root / "print"
    if ids or buildings:
        by_id = {n.id: n for n in records.notices}
        result.unknown = [i for i in ids if i not in by_id]
        if result.unknown:
            return result
        views = [notice_view(by_id[i], chk.now, records.tz, records.community.notice_display_days)
                 for i in dict.fromkeys(ids)]
        sheets = all_sheets(records, views, root) + (building_sheets(records, root) if buildings else [])
        result.stats = render_sheets(sheets, final, cache_dir(root), progress)
    else:
        with work_dir(root) as work:
            out = work / "print"
            out.mkdir()
            result.stats = write_due_sheets(records, chk.now, root, out, progress)
            publish(root, work, ("print",))
        result.stats.files = [final / p.relative_to(out) for p in result.stats.files]
    result.print_dir = final
    result.sheet_problems = glyph_problems(records, result.stats.failed)
    return result
