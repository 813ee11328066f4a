"""Validate step: loaded records → problems, one module per area of the procedure.

Every rule is declared once, next to its check function (``@rule`` of
:mod:`hcomm_gen.core.registry`); :func:`validate` runs every registered check function, so
adding a rule is one decorated function in one rules module. Importing this package imports
every rule module (and, through them, the records and domain modules that declare the format
rules and formulas); :func:`catalogue` returns the full catalogue in docs order.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from hcomm_gen.core.problems import WARNING, Position, Problem, rel
from hcomm_gen.core.registry import CHECKS, RULES, Check, Rule, attach_checks
from hcomm_gen.records.loader import Records, mark_published, paused_gc
from hcomm_gen.rules import cases, common, notices, placeholders, privacy, surveys, visits  # noqa: F401  (they declare the rules)
from hcomm_gen.rules.context import Context

#: the modules that declare rules, imported here (for :func:`catalogue`)
DECLARING_MODULES = ("hcomm_gen.records.yamlsrc", "hcomm_gen.records.loader", "hcomm_gen.rules.context",
                     "hcomm_gen.rules.common", "hcomm_gen.rules.notices", "hcomm_gen.rules.cases",
                     "hcomm_gen.rules.visits", "hcomm_gen.rules.surveys", "hcomm_gen.rules.privacy",
                     "hcomm_gen.rules.placeholders",
                     "hcomm_gen.domain.visits",
                     "hcomm_gen.domain.survey")

#: docs sections (:attr:`Rule.area`) in docs order
AREAS = ("format", "channels", "notices", "cases", "visits", "surveys")

#: record kind of a check's scope → the records it runs on
_RECORDS: dict[str, Callable[[Context], list]] = {
    "notice": lambda ctx: ctx.records.notices,
    "case": lambda ctx: ctx.records.cases,
    "suggestion": lambda ctx: ctx.records.suggestions,
    "visit": lambda ctx: ctx.records.visits,
    "survey": lambda ctx: ctx.records.surveys,
}
#: every scope a check may be registered with
SCOPES = ("office", *_RECORDS)


def run_check(chk: Check, ctx: Context) -> list[Problem]:
    """The problems of one registered check (see :class:`~hcomm_gen.core.registry.Check` for
    the scopes). Raises ``ValueError`` for an unknown scope (a programming error)."""
    if chk.scope == "office":
        return list(chk.fn(ctx))
    if chk.scope not in _RECORDS:
        raise ValueError(f"{chk.name}: unknown scope {chk.scope!r} (one of {SCOPES})")
    out: list[Problem] = []
    for rec in _RECORDS[chk.scope](ctx):
        if not chk.kinds or getattr(rec, "kind", None) in chk.kinds:
            out.extend(chk.fn(rec, ctx))
    return out


def validate(records: Records, now: datetime) -> list[Problem]:
    """All rule problems of ``records`` as of aware ``now`` (load problems not included): every
    check function of the registry, in registration order.

    Rules that depend on time (deadlines, complete months) use ``now``. Each problem says
    whether its file's record kind is published (:func:`~hcomm_gen.records.loader.mark_published`),
    so that :attr:`~hcomm_gen.core.problems.Problem.blocks` can tell what stops publication.
    """
    stand_in = not records.has_community and records.stand_in_community is not None
    if stand_in:  # community.yaml is wrong only in fields about itself (its errors are reported)
        records = dataclasses.replace(records, loaded_community=records.stand_in_community)
    elif not records.has_community:
        return _not_checked(records)
    ctx = Context(records, now)
    out: list[Problem] = []
    with paused_gc():  # the records live to the end: collecting would walk them again and again
        for chk in CHECKS:
            out.extend(run_check(chk, ctx))
    if stand_in:  # what the rules say of the stand-in itself follows from its reported errors
        out = [p for p in out if not p.pos.path.replace("\\", "/").endswith("records/community.yaml")]
    return mark_published(out, records.root / "records")


def _not_checked(records: Records) -> list[Problem]:
    """The one warning saying the rules did not run because ``community.yaml`` exists but did
    not load (its errors are reported; every other record's fields, IDs and syntax are)."""
    path = records.root / "records" / "community.yaml"
    if not path.exists():
        return []
    return mark_published([Problem(
        "RECORD-FIELD", Position(rel(path, Path.cwd()), 1, 1),
        "因为 community.yaml 本身有错误（见本文件的错误），其他记录还没有按规程检查（各文件的格式已检查）。改正后请再运行 hcomm check。",
        "Because community.yaml has errors (reported for it), the other records were not yet checked against the "
        "procedure (the format of each file was). Run hcomm check again after correcting it.", WARNING)],
        records.root / "records")


def clause_key(clause: str) -> tuple:
    """Sort key of a clause: the tool's own (格式, 工作日) first, then P clauses by number
    (P4.2 < P4.10), then T clauses."""
    m = re.match(r"([PT])\s*(.*)", clause)
    if not m:
        return (0, ())
    nums = tuple(int(x) for x in re.findall(r"\d+", m.group(2)))
    return (1 if m.group(1) == "P" else 2, nums)


def catalogue() -> list[Rule]:
    """Every registered rule, in docs order: by :data:`AREAS`, then by clause (declaration
    order among equal clauses). Imports every declaring module first; raises ``KeyError``
    when a check is registered under an undeclared rule, ``ValueError`` for a rule of an
    unknown area."""
    import importlib
    for name in DECLARING_MODULES:
        importlib.import_module(name)
    attach_checks()
    order = list(RULES.values())
    for r in order:
        if r.area not in AREAS:
            raise ValueError(f"rule {r.id}: area {r.area!r} is not one of {AREAS}")
    return sorted(order, key=lambda r: (AREAS.index(r.area), clause_key(r.clause)))
