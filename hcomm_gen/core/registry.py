"""The rule registry: every rule is declared ONCE, next to the code that checks or computes it.

A rule is a :class:`Rule`: ``id`` (e.g. ``"VISIT-QUOTA"``), ``clause`` (the citation printed
with every problem, e.g. ``"P5.1.1"``), a one-line statement in Chinese and English, its
``kind``, ``doc`` (the "what is checked" text of docs/rules.md) and ``blocks``: whether its
errors stop publication (README, "What stops publication"). Kinds:

* ``"check"``: a rule of the procedure checked on the records (a rule module's check function
  raises it);
* ``"format"``: this tool's own record-format rules (``YAML-*``, ``RECORD-*``,
  ``CALENDAR-YEAR``), raised by the records layer or by a check function;
* ``"formula"``: arithmetic the procedure prescribes (``SURVEY-RATE`` …), computed by a domain
  function and declared next to it; never raised as a problem of its own.

How to declare:

* :func:`rule` decorates a check function: it declares the rule and registers the function
  as one of its checks (``scope`` says what the function is called with, see
  :class:`Check`). Stacked ``@rule`` decorators register one function under several rules;
* :func:`checks` registers a further function under rules declared elsewhere;
* :func:`declare` declares a rule that no check function raises (format rules of the records
  layer, formulas).

``RULES`` (``{id: Rule}``) and ``CHECKS`` (every registered check function, in registration
order) are filled when the declaring modules are imported; :func:`hcomm_gen.rules.catalogue`
imports them all. A second declaration of an ID raises :class:`DuplicateRule` at import.
This module imports nothing of hcomm_gen.

What stops publication (``blocks``, PROCEDURE.md "Decisions on publication and lateness"): a
breach of *when or whether the office acted* (deadlines, quotas, lead times, channels, warning
signs…) never stops ``hcomm build``/``hcomm print``; only a record that would be published
and cannot be shown correctly does. ``blocks`` is that flag per rule: ``True`` by default for
the format rules (an unreadable file, a missing or invalid field, an unknown reference, a bad
ID), ``False`` for the procedure's rules. A rule some of whose findings differ (a notice
without its times blocks, the same notice published late does not) says so in
``blocks_when`` and marks those problems itself (``Problem(block=…)``). Whether a problem
blocks is :attr:`hcomm_gen.core.problems.Problem.blocks` (also: only errors block, and only
in a record kind that is published).
"""
from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

#: the kinds of rule (see the module doc)
KINDS = ("check", "format", "formula")


class DuplicateRule(ValueError):
    """A rule ID declared twice (a programming error, raised at import)."""


@dataclass(eq=False)
class Check:
    """A registered check function.

    :ivar fn: the function.
    :ivar scope: what it is called with: ``"office"`` → ``fn(ctx)``; a record kind
        (``"notice"``, ``"case"``, ``"suggestion"``, ``"visit"``, ``"survey"``) →
        ``fn(record, ctx)`` for every record of that kind. The dispatch is :func:`hcomm_gen.rules.validate`.
    :ivar kinds: for scope ``"notice"``: only notices of these ``kind`` values (empty: all).
    :ivar rules: the rule IDs the function raises.
    """

    fn: Callable
    scope: str
    kinds: tuple[str, ...] = ()
    rules: list[str] = field(default_factory=list)
    scope_given: bool = field(default=False, repr=False)

    @property
    def name(self) -> str:
        """``module.function`` of the check (for the docs and messages)."""
        return f"{self.fn.__module__}.{self.fn.__qualname__}"


@dataclass(eq=False)
class Rule:
    """One rule (see the module doc).

    :ivar id: e.g. ``"VISIT-QUOTA"``.
    :ivar clause: e.g. ``"P5.1.1"`` (T = summary, P = detailed procedure of PROCEDURE.md).
    :ivar zh: / :ivar en: one-line statement.
    :ivar kind: ``"check"``, ``"format"`` or ``"formula"``.
    :ivar severity: the usual severity of its problems (``"error"`` or ``"warning"``; some
        findings of a rule may still be warnings, as its doc says).
    :ivar doc: what is checked (or computed), for docs/rules.md.
    :ivar area: the docs section (``"format"``, ``"channels"``, ``"notices"``, ``"cases"``,
        ``"visits"``, ``"surveys"``); by default the declaring module's last name part.
    :ivar module: the declaring module.
    :ivar checks: the check functions registered under it.
    :ivar blocks: its error problems stop publication (``hcomm build``, ``hcomm print``) when
        they concern a record that is published (see the module doc).
    :ivar blocks_when: for a rule whose findings differ from ``blocks``: which of them do the
        opposite, in words for docs/rules.md (e.g. "`start` missing; `end` not after `start`").
    """

    id: str
    clause: str
    zh: str
    en: str
    kind: str = "check"
    severity: str = "error"
    doc: str = ""
    area: str = ""
    module: str = ""
    checks: list[Check] = field(default_factory=list)
    blocks: bool = False
    blocks_when: str = ""


RULES: dict[str, Rule] = {}
CHECKS: list[Check] = []
_BY_FN: dict[Callable, Check] = {}

#: docs section of a declaring module (last part of its name) when ``area`` is not given
_MODULE_AREAS = {"yamlsrc": "format", "loader": "format", "context": "format", "common": "channels",
                 "notices": "notices", "cases": "cases", "visits": "visits", "surveys": "surveys",
                 "survey": "surveys"}


def _clean(text: str | None) -> str:
    return " ".join(inspect.cleandoc(text or "").split())


def _caller_module(depth: int = 2) -> str:
    return sys._getframe(depth).f_globals.get("__name__", "")


def declare(id: str, *, clause: str, zh: str, en: str, doc: str, kind: str = "format",
            severity: str = "error", area: str | None = None, module: str | None = None,
            blocks: bool | None = None, blocks_when: str = "") -> Rule:
    """Declare rule ``id`` and return it. Raises :class:`DuplicateRule` when ``id`` is
    declared already, ``ValueError`` for an unknown ``kind``. ``module`` defaults to the
    caller's module, ``area`` to the docs section of that module, ``blocks`` to whether the
    rule is a format rule (see the module doc)."""
    if kind not in KINDS:
        raise ValueError(f"rule {id}: kind {kind!r} is not one of {KINDS}")
    if id in RULES:
        raise DuplicateRule(f"rule {id} is declared twice: in {RULES[id].module} and "
                            f"{module or _caller_module()}")
    module = module or _caller_module()
    area = area or (kind == "format" and "format") or _MODULE_AREAS.get(module.rsplit(".", 1)[-1], module)
    r = Rule(id, clause, zh, en, kind=kind, severity=severity, doc=_clean(doc), area=area, module=module,
             blocks=kind == "format" if blocks is None else blocks, blocks_when=_clean(blocks_when))
    RULES[id] = r
    return r


def _register(fn: Callable, ids: tuple[str, ...], scope: str | None, kinds: tuple[str, ...]) -> Check:
    chk = _BY_FN.get(fn)
    if chk is None:
        chk = Check(fn, scope or "office", tuple(kinds), scope_given=scope is not None)
        _BY_FN[fn] = chk
        CHECKS.append(chk)
    else:
        if scope is not None and not chk.scope_given:
            chk.scope, chk.scope_given = scope, True
        elif scope is not None and scope != chk.scope:
            raise ValueError(f"{chk.name}: registered with scopes {chk.scope!r} and {scope!r}")
        if kinds and tuple(kinds) != chk.kinds:
            raise ValueError(f"{chk.name}: registered with kinds {chk.kinds} and {tuple(kinds)}")
    for rid in ids:
        if rid not in chk.rules:
            chk.rules.append(rid)
        if rid in RULES and chk not in RULES[rid].checks:
            RULES[rid].checks.append(chk)
    return chk


def rule(id: str, *, clause: str, zh: str, en: str, doc: str | None = None, kind: str = "check",
         severity: str = "error", scope: str | None = None, kinds: tuple[str, ...] = (),
         area: str | None = None, blocks: bool | None = None, blocks_when: str = ""):
    """Decorator: declare rule ``id`` (see :func:`declare`) and register the decorated function
    as its check, called per ``scope`` (see :class:`Check`; default ``"office"``). The docs
    text is ``doc``, else the function's docstring. Returns the function unchanged."""
    def deco(fn: Callable) -> Callable:
        declare(id, clause=clause, zh=zh, en=en, doc=doc if doc is not None else (fn.__doc__ or ""),
                kind=kind, severity=severity, area=area, module=fn.__module__, blocks=blocks,
                blocks_when=blocks_when)
        _register(fn, (id,), scope, kinds)
        return fn
    return deco


def checks(*ids: str, scope: str | None = None, kinds: tuple[str, ...] = ()):
    """Decorator: register the decorated function as a further check of the rules ``ids``,
    declared elsewhere (e.g. RECORD-FIELD in the records layer). Returns the function
    unchanged. That every ID is declared is checked by :func:`attach_checks`."""
    def deco(fn: Callable) -> Callable:
        _register(fn, ids, scope, kinds)
        return fn
    return deco


def attach_checks() -> None:
    """Link every registered check to its rules (a rule declared after a function registered
    under it with :func:`checks`). Raises ``KeyError`` naming a check whose rule ID is not
    declared."""
    for chk in CHECKS:
        for rid in chk.rules:
            if rid not in RULES:
                raise KeyError(f"{chk.name} is registered under undeclared rule {rid}")
            if chk not in RULES[rid].checks:
                RULES[rid].checks.append(chk)
