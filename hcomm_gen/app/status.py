"""``hcomm status`` as a library call: what is due and overdue as of a day or moment (the
open obligations, :mod:`hcomm_gen.domain.status`), and the director's one-page PDF of it
(:func:`write_status_pdf`)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hcomm_gen.app.checking import resolve_now
from hcomm_gen.app.visits import write_pdf
from hcomm_gen.core.errors import UsageError
from hcomm_gen.domain.status import StatusItem, status
from hcomm_gen.domain.status_page import status_page
from hcomm_gen.outputs.status import status_pdf
from hcomm_gen.records.loader import Records, load_records


@dataclass
class StatusReport:
    """The open obligations of an office as of ``now``.

    :ivar records: the records (as loaded; some files may not have loaded).
    :ivar now: the aware moment of the report.
    :ivar items: what is due, overdue or cannot be computed, overdue first.
    :ivar unreadable_files: how many record files could not be read or are malformed (the list
        may then be incomplete).
    """

    records: Records
    now: datetime
    items: list[StatusItem]
    unreadable_files: int


def status_as_of(root: Path, today: str | None) -> StatusReport:
    """The status of the office ``root`` as of ``today`` (a date means 00:00 of that day, a
    date-time that moment; ``None``: now). A record file that cannot be read does not stop it.

    :raises UsageError: ``today`` is not a date or date-time.
    """
    records = load_records(root)
    now = resolve_now(records, today, option="--today")
    files = len({p.pos.path for p in records.problems})  # one file can have several problems
    return StatusReport(records, now, status(records, now), files)


@dataclass
class StatusPdf:
    """The director's page written: its absolute ``path`` and number of ``pages``."""

    path: Path
    pages: int


def write_status_pdf(report: StatusReport, target: Path, root: Path | None = None) -> StatusPdf:
    """Write the director's page of ``report`` (:mod:`hcomm_gen.domain.status_page`,
    :mod:`hcomm_gen.outputs.status`) as PDF to ``target`` (relative to the current folder;
    ``root``: the office folder, for its own templates). The PDF is drawn in memory, then
    written to a temporary file beside ``target`` and renamed over it: on any error nothing is
    written and an existing ``target`` is left as it was.

    :raises OutputError: a character no installed font has, or the file cannot be written (exit 3).
    """
    page = status_page(report.records, report.now, report.items, report.unreadable_files)
    pages = 0

    def write(path: Path) -> None:
        nonlocal pages
        data, pages = status_pdf(page, report.records.tz, root, name=str(path))
        path = path.resolve()  # a symlink: its target gets the PDF, the link stays
        if path.exists() and not path.is_file():  # a FIFO, a device: never replaced
            raise UsageError(f"{path} 不是普通文件（是设备、管道之类），没有写入。请换一个文件名。",
                             f"{path} is not a regular file (a device, a pipe…); nothing was written. "
                             "Choose another file name.")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return StatusPdf(write_pdf(write, target), pages)
