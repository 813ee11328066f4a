"""``hcomm status`` as a library call: what is due and overdue as of a day or moment (the
open obligations, :mod:`hcomm_gen.domain.status`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hcomm_gen.app.pipeline import resolve_now
from hcomm_gen.domain.status import StatusItem, status
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
