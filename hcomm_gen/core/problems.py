"""Problems found while loading or validating records, and how they are printed.

A :class:`Problem` names a rule ID from :mod:`hcomm_gen.core.registry`, a file position (1-based line
and column) and a message in Chinese and English. Printing formats:

* ``text``: ``path:line:col: severity RULE-ID (clause): message``
* ``json``: a list of objects (``blocks_publication``: :attr:`Problem.blocks`)
* ``github``: GitHub Actions workflow commands, one annotation per problem
  (``::error file=…,line=…,col=…,title=RULE (clause)::message``), shown on the commit and the
  changed lines of a pull request
* ``gitlab``: a GitLab Code Quality report (JSON list: ``description``, ``check_name``,
  ``fingerprint``, ``severity``, ``location.path``, ``location.lines.begin``), shown in merge
  requests when the CI job declares it as ``artifacts:reports:codequality``
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from hcomm_gen.core.registry import RULES

ERROR = "error"
WARNING = "warning"


#: line breaks and other control characters, which a one-line message must not carry raw
_BREAKS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one line: each line break or other control character (as quoted from a
    record) written as its escape, ``\\n``, ``\\x0b``, ``\\u2028``."""
    return _BREAKS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Position:
    """A place in a record file: ``path`` (as given), ``line`` and ``column`` 1-based (0 = unknown)."""

    path: str
    line: int = 0
    column: int = 0


@dataclass
class Problem:
    """One finding.

    :param rule: a rule ID (key of :data:`hcomm_gen.core.registry.RULES`).
    :param pos: where it is.
    :param zh: the message in Chinese: what was found, what was expected, how to fix.
    :param en: the same in English.
    :param severity: ``"error"`` (``hcomm check`` exits 1) or ``"warning"``.
    :param block: whether this problem stops publication, when it differs from its rule's
        :attr:`~hcomm_gen.core.registry.Rule.blocks` (e.g. the one finding of a notice rule
        that would show the notice wrong); ``None``: as the rule says.
    :param published_record: whether the file it is about holds a record kind that reaches the
        public site or sheets; set from the file's kind by the records layer
        (:func:`hcomm_gen.records.loader.mark_published`). A problem in a record that is never
        published (a visit, a case…) never stops publication.
    """

    rule: str
    pos: Position
    zh: str
    en: str
    severity: str = ERROR
    extra: dict = field(default_factory=dict)
    block: bool | None = None
    published_record: bool = True

    def __post_init__(self) -> None:
        if self.rule not in RULES:  # a programming error, not bad input
            raise KeyError(f"unknown rule id {self.rule}")
        # a message is one line whatever a record quoted into it (a key spanning lines, a
        # control character): breaks and controls are shown as escapes (\n, \x0b, \u2028)
        self.zh, self.en = one_line(self.zh), one_line(self.en)

    @property
    def clause(self) -> str:
        return RULES[self.rule].clause

    @property
    def blocks(self) -> bool:
        """Whether this problem stops ``hcomm build`` and ``hcomm print`` (README, "What stops
        publication"): an error, in a published record kind (:attr:`published_record`), of a
        rule that blocks (:attr:`block` when given, else the rule's ``blocks``). Warnings and
        breaches of when or whether the office acted never do."""
        if self.severity != ERROR or not self.published_record:
            return False
        return RULES[self.rule].blocks if self.block is None else self.block

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def format(self, lang: str = "zh") -> str:
        sev = self.severity if lang == "en" else {"error": "错误", "warning": "警告"}[self.severity]
        return (f"{self.pos.path}:{self.pos.line}:{self.pos.column}: {sev} "
                f"{self.rule} ({self.clause}): {self.message(lang)}")


def sort_key(p: Problem):
    return (p.pos.path, p.pos.line, p.pos.column, p.rule)


def _gh_data(text: str) -> str:
    """A GitHub workflow command's message, escaped (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    """A GitHub workflow command's property value (file, title), escaped (also ``:`` and ``,``,
    which end a property)."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(problems: list[Problem], lang: str = "zh") -> str:
    """``problems`` (sorted) as GitHub Actions annotations, one line each: ``::error`` or
    ``::warning`` with the file, line and column (left out when unknown, 0) and the rule as
    title."""
    out = []
    for p in problems:
        kind = "error" if p.severity == ERROR else "warning"
        props = [f"file={_gh_property(p.pos.path)}"]
        if p.pos.line:
            props.append(f"line={p.pos.line}")
            if p.pos.column:
                props.append(f"col={p.pos.column}")
        props.append(f"title={_gh_property(f'{p.rule} ({p.clause})')}")
        out.append(f"::{kind} {','.join(props)}::{_gh_data(p.message(lang))}")
    return "\n".join(out)


def gitlab_code_quality(problems: list[Problem], lang: str = "zh") -> str:
    """``problems`` (sorted) as a GitLab Code Quality report (JSON). Severity: ``critical`` for
    an error that stops publication (:attr:`Problem.blocks`), ``major`` for another error,
    ``minor`` for a warning. The fingerprint (stable across runs, so GitLab can tell new
    problems from fixed ones) is the SHA-256 of rule, path and English message, numbered when
    the same finding occurs twice in a file; line 1 stands for an unknown line."""
    seen: dict[str, int] = {}
    out = []
    for p in problems:
        key = "\0".join((p.rule, p.pos.path, p.en))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        severity = "minor" if p.severity != ERROR else "critical" if p.blocks else "major"
        out.append({"description": f"{p.rule} ({p.clause}): {p.message(lang)}", "check_name": p.rule,
                    "fingerprint": fingerprint, "severity": severity,
                    "location": {"path": p.pos.path, "lines": {"begin": max(p.pos.line, 1)}}})
    return json.dumps(out, ensure_ascii=False, indent=2)


#: the output formats of :func:`format_problems` (``hcomm check --format``)
FORMATS = ("text", "json", "github", "gitlab")


def format_problems(problems: list[Problem], fmt: str = "text", lang: str = "zh") -> str:
    """Render problems in one of :data:`FORMATS` (see module doc). Sorted by position."""
    ps = sorted(problems, key=sort_key)
    if fmt == "json":
        return json.dumps([{
            "path": p.pos.path, "line": p.pos.line, "column": p.pos.column,
            "severity": p.severity, "rule": p.rule, "clause": p.clause, "blocks_publication": p.blocks,
            "message": p.message(lang), "message_zh": p.zh, "message_en": p.en,
        } for p in ps], ensure_ascii=False, indent=2)
    if fmt == "github":
        return github_annotations(ps, lang)
    if fmt == "gitlab":
        return gitlab_code_quality(ps, lang)
    return "\n".join(p.format(lang) for p in ps)


def rel(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes (for messages), else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
