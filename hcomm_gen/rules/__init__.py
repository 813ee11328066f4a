"""Validate step: loaded records → problems, one module per area of the procedure.

:func:`validate` runs every rule module; each module exposes ``check(ctx) -> list[Problem]``.
"""
from __future__ import annotations

from datetime import datetime

from hcomm_gen.records.loader import Records
from hcomm_gen.core.problems import Problem
from hcomm_gen.rules import cases, common, notices, surveys, visits
from hcomm_gen.rules.context import Context

MODULES = [common, notices, visits, cases, surveys]


def validate(records: Records, now: datetime) -> list[Problem]:
    """All rule problems of ``records`` as of aware ``now`` (load problems not included).

    Rules that depend on time (deadlines, complete months) use ``now``.
    """
    if not records.has_community:
        return []
    ctx = Context(records, now)
    out: list[Problem] = []
    for module in MODULES:
        out.extend(module.check(ctx))
    return out
