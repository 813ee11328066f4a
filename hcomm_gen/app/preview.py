"""What ``hcomm serve`` needs to know to rebuild the preview: which files changed, and the next
moment a notice changes state (the CLI serves the site and loops)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hcomm_gen.app import pipeline
from hcomm_gen.app.states import next_changes

#: the folders of an office whose files are watched (and ``mkdocs.yml``)
WATCHED = ("records", "templates")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """``{relative path: (size, mtime_ns)}`` of every watched file of the office ``root``."""
    out = {}
    paths = [root / "mkdocs.yml"]
    for d in WATCHED:
        if (root / d).is_dir():
            paths += [p for p in (root / d).rglob("*") if p.is_file()]
    for p in paths:
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


def next_state_change(result: pipeline.BuildResult) -> datetime | None:
    """The next moment after the build's ``now`` when a notice is published, starts, ends,
    is changed or moves to the archive (so the served site would show a different state),
    or ``None``. See :func:`hcomm_gen.app.states.next_changes`."""
    changes = next_changes(result.check.records, result.check.now)
    return changes[0].at if changes else None
