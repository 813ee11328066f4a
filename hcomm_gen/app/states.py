"""When the published notices change state next (issue 16, states true between builds): the
moment a site built now goes out of date, for ``hcomm next-change``, the last line of
``hcomm build`` and the rebuilds of ``hcomm serve``; a timer (cron, systemd) rebuilds then."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hcomm_gen.app.checking import resolve_now
from hcomm_gen.domain.notices import StateChange, next_state_changes
from hcomm_gen.domain.today import midnight_changes
from hcomm_gen.records.loader import Records, load_records


def next_changes(records: Records, now: datetime) -> list[StateChange]:
    """What changes at the first moment after aware ``now`` at which a notice of ``records``
    is published, starts, ends, is cancelled, moves to the archive or has a change of its own
    taking effect (community ``notice_display_days``), or at which the home page's
    today/tomorrow strip changes (local midnight, :func:`hcomm_gen.domain.today.midnight_changes`:
    those items have ``day=True``); ``[]`` when nothing will. See
    :func:`hcomm_gen.domain.notices.next_state_changes`."""
    days = records.community.notice_display_days if records.has_community else 30
    changes = next_state_changes(records.notices, now, days)
    tz = records.tz
    midnight = midnight_changes(records.notices, now, tz, days, changes[0].at if changes else None)
    if not midnight or (changes and changes[0].at < midnight[0].at):
        return changes
    if changes and changes[0].at == midnight[0].at:  # both at midnight: one item per notice
        ids = {c.notice.id for c in changes}
        return changes + [c for c in midnight if c.notice.id not in ids]
    return midnight


@dataclass
class NextChange:
    """The next change of state of an office's notices as of ``now``.

    :ivar records: the records (as loaded; some files may not have loaded).
    :ivar now: the aware moment asked about.
    :ivar changes: one per notice changing at the first such moment (``[]``: none).
    :ivar unreadable_files: how many record files could not be read (their notices are not
        counted).
    """

    records: Records
    now: datetime
    changes: list[StateChange]
    unreadable_files: int

    @property
    def at(self) -> datetime | None:
        """The moment of the next change (aware), or ``None``."""
        return self.changes[0].at if self.changes else None


def next_change_as_of(root: Path, now: str | datetime | None) -> NextChange:
    """The next change of state of the notices of the office ``root`` after ``now`` (text in
    the community's time zone, as ``--now``; ``None``: the current time). A record file that
    cannot be read does not stop it (see ``unreadable_files``).

    :raises UsageError: ``now`` is not a date-time.
    """
    records = load_records(Path(root))
    when = resolve_now(records, now)
    files = len({p.pos.path for p in records.problems})
    return NextChange(records, when, next_changes(records, when), files)
