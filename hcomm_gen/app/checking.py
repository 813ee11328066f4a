"""Load and validate: ``hcomm check`` as a library call (:func:`check`), and ``--now`` read
as a moment of the community (:func:`resolve_now`).

Kept apart from :mod:`hcomm_gen.app.pipeline` (which re-exports both) so that checking
imports nothing of what building needs (the site engine, the templates, the feeds, the PDF
renderer): ``hcomm check`` starts in the time of the records layer and the rules
(``tests/cli/test_check_imports.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pydantic_core import PydanticCustomError

from hcomm_gen.core.errors import UsageError
from hcomm_gen.core.problems import ERROR, WARNING, Problem
from hcomm_gen.records.loader import Records, load_records, paused_gc
from hcomm_gen.records.types import parse_datetime_in
from hcomm_gen.rules import validate


@dataclass
class CheckResult:
    """The loaded records, the aware moment ``now`` they were checked as of, and every
    problem (load and rules)."""

    records: Records
    now: datetime
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity ``error`` (``hcomm check`` exits 1)."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def blocking(self) -> list[Problem]:
        """The problems that stop publication (:attr:`Problem.blocks`): ``hcomm build`` and
        ``hcomm print`` publish nothing while there is one."""
        return [p for p in self.problems if p.blocks]

    @property
    def warnings(self) -> list[Problem]:
        """The problems of severity ``warning``."""
        return [p for p in self.problems if p.severity == WARNING]


def resolve_now(records: Records, now: datetime | str | None, option: str = "--now") -> datetime:
    """``now`` as an aware datetime: text like ``2026-11-29 12:00`` is in the community's time
    zone (an explicit offset is honoured); ``None`` is the current time.

    :param option: the command-line option that gave ``now``, named in the message.
    :raises UsageError: text that is not a date-time (exit 2), e.g.
        ``--now 的时间不对：…`` / ``Bad --now: …``.
    """
    if now is None:
        return datetime.now(records.tz)
    if isinstance(now, datetime):
        return now if now.tzinfo else now.replace(tzinfo=records.tz)
    try:
        return parse_datetime_in(now, records.tz)
    except PydanticCustomError as exc:
        text = f"{exc.message()} / {(exc.context or {}).get('en', '')}"
        what = "日期" if option == "--today" else "时间"
        raise UsageError(f"{option} 的{what}不对：{text}", f"Bad {option}: {text}") from None


def check(root: Path | str, now: datetime | str | None = None) -> CheckResult:
    """Load ``root/records`` and validate every rule as of ``now`` (default: the current time).

    :raises UsageError: ``now`` is not a date-time.
    """
    with paused_gc():  # one pause for both steps (see paused_gc)
        records = load_records(Path(root))
        when = resolve_now(records, now)
        problems = list(records.problems) + validate(records, when)
    return CheckResult(records, when, problems)
