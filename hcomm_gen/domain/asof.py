"""Records as they stood at a moment, for "as of" questions (``hcomm status --today``,
``hcomm visits quota --now``): what is dated after that moment had not happened yet.

:func:`as_of` returns a shallow copy of the records in which

* visits after ``now`` are left out, and feedback given after ``now`` is not given yet;
* a visit summary submitted after ``now``'s day is a draft (``submitted`` empty);
* cases and suggestions received after ``now`` are left out; a first response, progress
  report, resolution or feedback after ``now`` has not happened yet;
* survey rounds delivered after ``now``'s day are left out; a collection end, analysis or
  announcement dated after it has not happened yet.

Notices (their own state is computed from ``now``) and meetings (planned meetings count as
scheduled) are kept as they are. Positions of records are kept, so messages still point at
the right line.
"""
from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from hcomm_gen.records.loader import RECORD_KINDS, Records
from hcomm_gen.records.models import Entry


def _after(value, now: datetime, tz) -> bool:
    """Whether a date-time or date ``value`` lies after ``now`` (dates: after ``now``'s day)."""
    if value is None:
        return False
    if isinstance(value, datetime):
        return value > now
    return value > now.astimezone(tz).date()


def as_of(records: Records, now: datetime) -> Records:
    """A copy of ``records`` as they stood at aware ``now`` (see the module doc); ``records``
    itself is not changed. What is left out or emptied is said per kind by
    :data:`~hcomm_gen.records.loader.RECORD_KINDS` (``happened``, ``pending``, ``pending_lists``)."""
    tz = records.tz
    changes: dict[str, Any] = {}
    for kind in RECORD_KINDS:
        if kind.attr is None or "." in kind.attr or not (kind.happened or kind.pending or kind.pending_lists):
            continue
        kept = []
        for rec in getattr(records, kind.attr):
            if kind.happened and _after(getattr(rec, kind.happened), now, tz):
                continue
            update: dict[str, Any] = {f: None for f in kind.pending if _after(_when(getattr(rec, f)), now, tz)}
            for name in kind.pending_lists:
                entries = getattr(rec, name)
                later = [e for e in entries if not _after(e.time, now, tz)]
                if len(later) != len(entries):
                    update[name] = later
            kept.append(rec.model_copy(update=update) if update else rec)
        changes[kind.attr] = kept
    return dataclasses.replace(records, **changes)


def _when(value):
    """The time of a field value: an ``Entry``'s ``time``, else the value itself."""
    return value.time if isinstance(value, Entry) else value
