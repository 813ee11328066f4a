"""Case timeline (T3): when a case was first answered, when that was due, the latest report.

Shared by the case obligations (:func:`hcomm_gen.domain.obligations.case_obligations`, read by
the rules of :mod:`hcomm_gen.rules.cases` and by ``hcomm status``) and the public case figures
(:mod:`.case_figures`), so all count a response the same way.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from hcomm_gen.records.models import Case

#: CASE-RESPONSE-24H / CASE-FOUND: hours from receipt to the first response
RESPONSE_HOURS = 24
#: CASE-PROGRESS: an open case gets a progress report at least every this many days
PROGRESS_MAX_GAP_DAYS = 30
#: CASE-VALID-FEEDBACK (P4.12 "及时"): a valid complaint's outcome is fed back within this many
#: days of its resolution; later is late (a warning)
FEEDBACK_DAYS = 7


def first_response(c: Case) -> tuple[datetime | None, tuple[str | int, ...]]:
    """The first response to case ``c`` and its field location: ``first_response``, else the
    earliest progress report or feedback; ``(None, ())`` when there is none."""
    if c.first_response is not None:
        return c.first_response, ("first_response",)
    cands: list[tuple[datetime, tuple[str | int, ...]]] = [
        (e.time, ("progress", i, "time")) for i, e in enumerate(c.progress)]
    if c.feedback is not None:
        cands.append((c.feedback.time, ("feedback", "time")))
    return min(cands, key=lambda x: x[0]) if cands else (None, ())


def response_reason(c: Case) -> str | None:
    """The written reason why the first response of ``c`` was late: ``response_late_reason``,
    else the ``late_reason`` of the progress report or feedback that was the first response;
    ``None`` when none is written (blank text counts as none)."""
    reasons = [c.response_late_reason]
    if c.first_response is None:
        _resp, loc = first_response(c)
        if loc[:1] == ("progress",):
            reasons.append(c.progress[int(loc[1])].late_reason)
        elif loc[:1] == ("feedback",) and c.feedback is not None:
            reasons.append(c.feedback.late_reason)
    return next((r.strip() for r in reasons if r and r.strip()), None)


def response_due(c: Case) -> datetime:
    """When the first response is due: ``received`` + 24 hours (T3)."""
    return c.received + timedelta(hours=RESPONSE_HOURS)


def last_report(c: Case) -> datetime | None:
    """The latest report to the occupant (first response, progress, feedback), or ``None``."""
    times = [t for t in [c.first_response, *(e.time for e in c.progress),
                         c.feedback.time if c.feedback else None] if t is not None]
    return max(times) if times else None
