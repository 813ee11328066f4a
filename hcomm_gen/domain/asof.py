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

from hcomm_gen.records.models import Entry
from hcomm_gen.records.loader import Records


def _after(value, now: datetime, tz) -> bool:
    """Whether a date-time or date ``value`` lies after ``now`` (dates: after ``now``'s day)."""
    if value is None:
        return False
    if isinstance(value, datetime):
        return value > now
    return value > now.astimezone(tz).date()


def as_of(records: Records, now: datetime) -> Records:
    """A copy of ``records`` as they stood at aware ``now`` (see the module doc); ``records``
    itself is not changed."""
    tz = records.tz

    def unless_after(rec, *fields):
        gone = {f: None for f in fields if _after(_when(getattr(rec, f)), now, tz)}
        return rec.model_copy(update=gone) if gone else rec

    visits = [unless_after(v, "feedback") for v in records.visits if not _after(v.time, now, tz)]
    summaries = [unless_after(s, "submitted") for s in records.visit_summaries]
    cases = []
    for c in records.cases:
        if _after(c.received, now, tz):
            continue
        c = unless_after(c, "first_response", "resolved", "feedback")
        progress = [e for e in c.progress if not _after(e.time, now, tz)]
        cases.append(c if len(progress) == len(c.progress) else c.model_copy(update={"progress": progress}))
    suggestions = [s for s in records.suggestions if not _after(s.received, now, tz)]
    surveys = []
    for r in records.surveys:
        if _after(r.delivered_on, now, tz):
            continue
        surveys.append(unless_after(r, "collection_end", "analysis_done", "announced"))
    return dataclasses.replace(records, visits=visits, visit_summaries=summaries, cases=cases,
                               suggestions=suggestions, surveys=surveys)


def _when(value):
    """The time of a field value: an ``Entry``'s ``time``, else the value itself."""
    return value.time if isinstance(value, Entry) else value
