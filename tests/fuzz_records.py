"""Mutated example records for the fuzz harness (issue 15): what the in-suite property
(``tests/app/test_fuzz.py``, hypothesis) and the long run (``scripts/fuzz.py``) share.

An input is one real file of the example community in ``records/`` and a list of at most a
few mutations, each ``(op, a, b)``: ``op`` names what is done (:data:`OPS`), ``a`` picks where
(a scalar, a key, a line, a byte: taken modulo their count) and ``b`` picks with what (a
hostile value, line or byte string: modulo the list's length). :func:`apply_mutations` is a
pure function of the original bytes and the list, so a seed or a hypothesis example is its
own reproducer.

The mutated file replaces its original in a small office (:data:`BASE`: the community, the
registry, the survey round, an outage and a fee-change notice and one record of each other
kind, 11 files, checked in ~30 ms),
and :func:`run_one` checks it in-process (``hcomm_gen.app.pipeline.check`` as of :data:`NOW`)
under a watchdog. The property (:func:`violations`): check returns a result whose every
problem is located (a path under ``records/``, line and column ≥ 1, inside the mutated file
when it is that file) with a one-line message in both languages; it raises nothing but the
documented :class:`~hcomm_gen.core.errors.HcommError` of exit 1 or 2 (exit 4 otherwise), and
takes at most :data:`TIME_LIMIT` seconds. ``build`` (site only) may also end in exit 3 (the
site engine, a character no font has), never in exit 4.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "records"
NOW = "2026-11-29 12:00"
#: seconds one input may take (check, or check and build) before it counts as a hang
TIME_LIMIT = 10.0

#: the files of the small office every input is checked in (relative to records/)
BASE = (
    "community.yaml",
    "households.yaml",
    "surveys/2026-06/round.yaml",
    "surveys/2026-06/answers.yaml",
    "notices/2026/2026-11-27-water-cut-municipal.yaml",
    "notices/2026/2026-11-20-ground-parking-fee.yaml",
    "cases/2026/2026-11-24-C-2026-010.yaml",
    "visits/2026/2026-11/2026-11-01-V-2026-11-001.yaml",
    "visit-summaries/2026/2026-10.yaml",
    "meetings/2026/2026-11-14-owners-meeting.yaml",
    "suggestions/2026/2026-10-12-S-2026-003.yaml",
)


def _sources() -> tuple[str, ...]:
    """Every file of records/ to mutate, weighted by kind rather than by count (there are
    500 visits and one community.yaml): notices three times, community.yaml twice, every
    other kind (households, cases, visits, visit summaries, meetings, suggestions, survey
    round, survey answers) once, each kind's share spread over its files."""
    files = sorted(p.relative_to(RECORDS).as_posix() for p in RECORDS.rglob("*.yaml"))
    by_kind: dict[str, list[str]] = {}
    for f in files:
        kind = f.split("/")[0] if "/" in f else f
        if kind == "surveys":
            kind = "survey-answers" if f.endswith("answers.yaml") else "survey-round"
        by_kind.setdefault(kind, []).append(f)
    weight = {"notices": 3, "community.yaml": 2}
    out: list[str] = []
    for kind, names in sorted(by_kind.items()):
        share = 24 * weight.get(kind, 1)
        out.extend(names[i * len(names) // share] for i in range(share))
    return tuple(out)


#: the files an input starts from (a file may appear several times: see :func:`_sources`)
SOURCES = _sources()

#: hostile scalar values, as YAML source text put in place of a scalar
HOSTILE_SCALARS = (
    "9999999999", "99999999999999999999999999999", "-1", "-30", "0", "-0", "1e309", ".inf", "-.inf",
    ".nan", "0x7fffffffffffffff", "0o777", "1_000", "20261208", "2026-13-45", "2026-02-30",
    "0001-01-01", "9999-12-31", "9999-12-31 23:59", "0000-00-00", "1900-01-01 00:00", "24:00",
    "25:61", "2026-12-08T25:00", "2026-12-08 09:00+14:00", "2026-12-08 09:00 +99:00", "12/08/2026",
    "''", '""', "~", "null", "yes", "no", "true", "[]", "{}", "[1, 2]", "{a: 1}", "[[[[[[]]]]]]",
    '"\\x0c"', '"a\\x0bb"', '"\\a\\e"', '"\\uFFFE"', '"line\\u2028break"', '"zero\\u200bwidth"', '"\\0"',
    '"\\x1b[31mred"', '"tab\\there"', '"new\\nline"', '"\\r"', "\u200b", "\u2028", "\x0c", "\x00",
    "\ufeff", "\ufffe", "😀🏠", "𠀀𪚥", "\u202e反转", "<script>alert(1)</script>",
    "'[点此](javascript:alert(2))'", '"<img src=x onerror=alert(1)>"', "'{{ 7*7 }}'", "'{% raw %}'",
    "'</title><script>x</script>'", "x" * 5000, "长" * 3000, "C-" + "9" * 300, "N-" + "a" * 300,
    "'../../etc/passwd'", "'/'", "'a/b'", "'CON'", "'.'", "'..'", "'# not a comment'",
    "'key: value'", "*undefined", "&a value", "!!binary aGk=", "!!python/object/apply:os.system ['true']",
    "!custom x", "'%'", "'@x'", "'`x`'", "|\n  block\n", ">-\n  folded\n", "- item", "? complex",
    "'4栋1单元0302 张三 13800138000'", "：全角", "'   '", "\t", "a" * 200 + ":", "0571-8888 6666",
    "1栋", "全体业户", "outage", "V-2026-11-001", "C-2026-010", "N-2026-1127-water", "2026-06",
)

#: hostile lines, inserted before a line (indented like it, except the last few)
HOSTILE_LINES = (
    "foo: bar", "- x", ": ", "---", "...", "%YAML 1.1", "loop: &a [*a]", "bomb: &b [&c [1, 1], *c, *c]",
    "\t- tab", "[", "{", "'", '"', "key: 'unclosed", "? x", "<<: {a: 1}", "<<: *nothing",
    "id: duplicate", "title: 重复的标题", "body: |", "  - nested", "\x0c", "\x00", "\u2028",
    "# a comment", "", "   ", "key:value", "键：值", "!!map", "&anchor", "*alias", "@", "`",
    "%TAG ! tag:example.com,2000:", "--- !!set", "x: !!timestamp 2026-12-08",
)

#: hostile byte strings inserted into the file
HOSTILE_BYTES = (
    b"\x00", b"\xff", b"\xe4", b"\xe4\xb8", b"\r", b"\r\n", b"\x1b", b"\t", b'"', b"'", b":", b": ",
    b"#", b"{", b"}", b"[", b"]", b"&", b"*", b"!", b"|", b">", b"%", b"@", b"`", b"-", b"\n-",
    b"\n", b"\xef\xbb\xbf", b"\xc2\x85", b"\xe2\x80\xa8", b"\x0b", b"\x7f", b"\xed\xa0\x80",
)

#: whole-file encodings tried by the ``reencode`` op
ENCODINGS = ("utf-16", "gbk", "utf-8-sig", "big5", "utf-32", "latin-1", "gb18030")

#: the ``repeat`` op stops adding copies at this size (bytes): a 1 MB record file must load in
#: time or be refused, larger ones only slow the run down
REPEAT_MAX = 1 << 20

OPS = ("scalar", "scalar", "scalar", "drop_key", "dup_key", "line_value", "insert_line",
       "delete_line", "dup_line", "insert_bytes", "delete_bytes", "truncate", "reencode", "repeat")


def _nodes(text: str) -> tuple[list[yaml.ScalarNode], list[tuple[yaml.Node, yaml.Node, bool]]]:
    """The scalar nodes and the (key, value, flow) pairs of ``text``; empty when it does not
    parse."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, RecursionError):
        return [], []
    scalars: list[yaml.ScalarNode] = []
    pairs: list[tuple[yaml.Node, yaml.Node, bool]] = []
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            scalars.append(node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                pairs.append((k, v, bool(node.flow_style)))
                stack.extend((k, v))
    scalars.sort(key=lambda n: n.start_mark.index)
    pairs.sort(key=lambda kv: kv[0].start_mark.index)
    return scalars, pairs


def value_index(src: str, key: str) -> int:
    """The ``a`` of a ``scalar`` op that replaces the value of the first ``key`` of the
    example file ``src`` (relative to records/), for explicit examples."""
    scalars, pairs = _nodes((RECORDS / src).read_text(encoding="utf-8"))
    value = next(v for k, v, _ in pairs if k.value == key)
    return scalars.index(value)


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _scalar(text: str, a: int, b: int) -> str:
    scalars, _ = _nodes(text)
    if not scalars:
        return _line_value(text, a, b)
    node = scalars[a % len(scalars)]
    return _splice(text, node.start_mark.index, node.end_mark.index, HOSTILE_SCALARS[b % len(HOSTILE_SCALARS)])


def _drop_key(text: str, a: int, b: int) -> str:
    _, pairs = _nodes(text)
    if not pairs:
        return _delete_line(text, a, b)
    k, v, flow = pairs[a % len(pairs)]
    start, end = k.start_mark.index, v.end_mark.index
    if flow:
        rest = text[end:]
        end += len(rest) - len(rest.lstrip(" ,")) if rest.lstrip(" ").startswith(",") else 0
    return _splice(text, start, end, "")


def _dup_key(text: str, a: int, b: int) -> str:
    _, pairs = _nodes(text)
    if not pairs:
        return _dup_line(text, a, b)
    k, v, flow = pairs[a % len(pairs)]
    start, end = k.start_mark.index, v.end_mark.index
    span = text[start:end]
    if flow:
        return _splice(text, end, end, ", " + span)
    indent = " " * k.start_mark.column
    if span.endswith("\n") or v.end_mark.column == 0:
        return _splice(text, end, end, indent + span.rstrip("\n") + "\n")
    return _splice(text, end, end, "\n" + indent + span)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _line_value(text: str, a: int, b: int) -> str:
    """Replace the text after the first ``: `` of a line (the whole line when there is none)
    by a hostile scalar, raw: control characters are not escaped."""
    lines = _lines(text)
    i = a % len(lines)
    head, sep, _ = lines[i].partition(": ")
    value = HOSTILE_SCALARS[b % len(HOSTILE_SCALARS)]
    lines[i] = head + sep + value if sep else value
    return "\n".join(lines)


def _insert_line(text: str, a: int, b: int) -> str:
    lines = _lines(text)
    i = a % (len(lines) + 1)
    new = HOSTILE_LINES[b % len(HOSTILE_LINES)]
    if i < len(lines) and b % 3:
        new = lines[i][:len(lines[i]) - len(lines[i].lstrip(" "))] + new
    return "\n".join(lines[:i] + [new] + lines[i:])


def _delete_line(text: str, a: int, b: int) -> str:
    lines = _lines(text)
    i = a % len(lines)
    return "\n".join(lines[:i] + lines[i + 1 + b % 3:])


def _dup_line(text: str, a: int, b: int) -> str:
    lines = _lines(text)
    i = a % len(lines)
    return "\n".join(lines[:i + 1] + [lines[i]] * (1 + b % 3) + lines[i + 1:])


_TEXT_OPS = {"scalar": _scalar, "drop_key": _drop_key, "dup_key": _dup_key, "line_value": _line_value,
             "insert_line": _insert_line, "delete_line": _delete_line, "dup_line": _dup_line}


def apply_mutations(raw: bytes, ops: list[tuple[str, int, int]] | tuple) -> bytes:
    """``raw`` (a file's bytes) with each ``(op, a, b)`` of ``ops`` applied in turn
    (:data:`OPS`; see the module doc). Text ops read the bytes as UTF-8 (undecodable bytes
    kept as they are); a deterministic function of its arguments."""
    for op, a, b in ops:
        if op in _TEXT_OPS:
            text = raw.decode("utf-8", "surrogateescape")
            raw = _TEXT_OPS[op](text, a, b).encode("utf-8", "surrogateescape")
        elif op == "insert_bytes":
            i = a % (len(raw) + 1)
            raw = raw[:i] + HOSTILE_BYTES[b % len(HOSTILE_BYTES)] + raw[i:]
        elif op == "delete_bytes":
            i = a % (len(raw) + 1)
            raw = raw[:i] + raw[i + 1 + b % 8:]
        elif op == "truncate":
            raw = raw[:a % (len(raw) + 1)]
        elif op == "reencode":
            text = raw.decode("utf-8", "replace")
            raw = text.encode(ENCODINGS[b % len(ENCODINGS)], "replace")
        elif op == "repeat":  # 2–20 copies, but at most REPEAT_MAX bytes (at least 2 copies)
            raw = raw * max(2, min(2 + b % 19, REPEAT_MAX // max(len(raw), 1)))
        else:
            raise ValueError(f"unknown op {op}")
    return raw


def random_input(rng: random.Random) -> tuple[str, list[tuple[str, int, int]]]:
    """One input drawn from ``rng``: a source file (of :data:`SOURCES`) and 1–3 mutations."""
    src = rng.choice(SOURCES)
    n = rng.choice((1, 1, 1, 2, 3))
    return src, [(rng.choice(OPS), rng.randrange(1 << 16), rng.randrange(1 << 16)) for _ in range(n)]


def make_base(folder: Path) -> Path:
    """Write the small office of :data:`BASE` into ``folder/office`` (created); returns its root."""
    root = Path(folder) / "office"
    for rel in BASE:
        dest = root / "records" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RECORDS / rel, dest)
    return root


def warm_up(root: Path) -> None:
    """Build the unmutated office ``root`` once (site only) and remove the site: the first
    build of a process loads the site engine and the search dictionary (seconds on a busy
    machine), which is no input's doing and must not count against its time limit."""
    from hcomm_gen.app import pipeline

    pipeline.build(root, NOW, prints=False)
    shutil.rmtree(root / "site", ignore_errors=True)


class Hang(BaseException):
    """Raised by the watchdog in the checked code after :data:`TIME_LIMIT` seconds (a
    ``BaseException``, so no ``except Exception`` of hcomm swallows it)."""


@dataclass
class Outcome:
    """What one input did.

    :ivar status: ``"ok"``, ``"crash"`` (an exception that would be exit 4), ``"hang"``
        (over the time limit) or ``"unlocated"`` (a problem without a true position).
    :ivar key: the crash class (exception type and the innermost hcomm frame, or the rule
        and what is wrong with its position); empty when ``ok``.
    :ivar detail: the traceback or the problem as printed.
    :ivar seconds: wall-clock time taken.
    :ivar exit_code: the exit code the CLI would end with (0, 1, 2, 3 or 4).
    """

    status: str
    key: str = ""
    detail: str = ""
    seconds: float = 0.0
    exit_code: int = 0
    stage: str = "check"
    problems: int = field(default=0)


def _where(tb) -> str:
    """``path:line function`` of the innermost frame of a traceback inside hcomm_gen (else
    the innermost frame)."""
    frames = traceback.extract_tb(tb)
    own = [f for f in frames if "hcomm_gen" in f.filename]
    f = (own or frames)[-1]
    name = f.filename
    if "hcomm_gen" in name:
        name = "hcomm_gen" + name.split("hcomm_gen", 1)[1]
    else:
        name = os.path.basename(name)
    return f"{name}:{f.lineno} {f.name}"


def violations(result, root: Path, changed: str, data: bytes) -> list[tuple[str, str]]:
    """The problems of the check ``result`` that are not located: ``[(key, problem as
    printed)]``. Located: a path at or under ``root/records``; line and column ≥ 1; in the
    changed file (``changed``, relative to records/, holding ``data``), a line that exists
    (at most one past the last, where YAML reports the end of the file); both messages
    non-empty and one line."""
    records = os.path.realpath(root / "records")
    target = os.path.realpath(root / "records" / changed)
    n_lines = data.count(b"\n") + 1
    out = []
    for p in result.problems:
        where = os.path.realpath(os.path.join(os.getcwd(), p.pos.path)) if p.pos.path else ""
        if not where or not (where == records or where.startswith(records + os.sep)):
            out.append((f"unlocated {p.rule}: path outside records/", p.format("en")))
        elif p.pos.line < 1 or p.pos.column < 1:
            out.append((f"unlocated {p.rule}: line or column < 1", p.format("en")))
        elif where == target and p.pos.line > n_lines + 1:
            out.append((f"unlocated {p.rule}: line past the end of the file", p.format("en")))
        elif not p.zh.strip() or not p.en.strip():
            out.append((f"unlocated {p.rule}: empty message", p.format("en")))
        elif any(c in msg for msg in (p.zh, p.en) for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
            out.append(("unlocated: a message spans lines (a line break or control character quoted raw)",
                        p.format("en")))
    return out


class _Watchdog:
    """Raise :class:`Hang` in the main thread after ``limit`` seconds (SIGALRM); does nothing
    outside the main thread (the caller then only measures the time)."""

    def __init__(self, limit: float):
        self.limit = limit
        self.armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def _fire(self, signum, frame):
        raise Hang(f"over {self.limit:g} s")

    def __enter__(self):
        if self.armed:
            self.old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.limit)
        return self

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def run_one(root: Path, changed: str, data: bytes, build: bool = False,
            limit: float = TIME_LIMIT) -> Outcome:
    """Write ``data`` as ``root/records/changed``, check the office in-process (and build its
    site, without PDFs, when ``build``), put the original file back, and say what happened
    (:class:`Outcome`). Allowed: a result (exit 0 or 1) whose problems are all located, a
    :class:`~hcomm_gen.core.errors.HcommError` of exit 1 or 2 (and 3 for build). Anything
    else is a crash, a hang (over ``limit`` seconds) or an unlocated problem."""
    from hcomm_gen.app import pipeline
    from hcomm_gen.core.errors import HcommError

    path = root / "records" / changed
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stage = "check"
    t0 = time.perf_counter()
    try:
        with _Watchdog(limit):
            try:
                result = pipeline.check(root, NOW)
                bad = violations(result, root, changed, data)
                if bad:
                    return Outcome("unlocated", bad[0][0], "\n".join(b for _, b in bad[:5]),
                                   time.perf_counter() - t0, 1, stage, len(result.problems))
                code = 1 if result.errors else 0
                if build:
                    stage = "build"
                    built = pipeline.build(root, NOW, prints=False)
                    code = 1 if built.check.blocking else 0
                return Outcome("ok", seconds=time.perf_counter() - t0, exit_code=code, stage=stage,
                               problems=len(result.problems))
            except HcommError as exc:
                allowed = (1, 2, 3) if stage == "build" else (1, 2)
                if exc.exit_code in allowed:
                    return Outcome("ok", seconds=time.perf_counter() - t0, exit_code=exc.exit_code, stage=stage)
                return Outcome("crash", f"{type(exc).__name__} (exit {exc.exit_code}) at {_where(exc.__traceback__)}",
                               "".join(traceback.format_exception(exc)), time.perf_counter() - t0, exc.exit_code, stage)
            except Exception as exc:  # noqa: BLE001 - what the CLI would answer with exit 4
                return Outcome("crash", f"{type(exc).__name__} at {_where(exc.__traceback__)}",
                               "".join(traceback.format_exception(exc)), time.perf_counter() - t0, 4, stage)
    except Hang as exc:
        return Outcome("hang", f"hang (> {limit:g} s) in {stage}",
                       f"stopped at {_where(exc.__traceback__)}\n" + "".join(traceback.format_exception(exc)),
                       time.perf_counter() - t0, 4, stage)
    finally:
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(original)


def describe(src: str, ops) -> str:
    """One line naming an input: the source file and its mutations, what each put in."""
    parts = []
    for op, a, b in ops:
        what = {"scalar": HOSTILE_SCALARS, "line_value": HOSTILE_SCALARS, "insert_line": HOSTILE_LINES,
                "insert_bytes": HOSTILE_BYTES, "reencode": ENCODINGS}.get(op)
        parts.append(f"({op!r}, {a}, {b})" + (f" = {what[b % len(what)]!r}"[:80] if what else ""))
    return f"{src} with [{', '.join(parts)}]"
