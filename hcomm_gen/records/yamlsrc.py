"""Read one YAML file the way office staff mean it.

Every scalar is kept as *text* with its line and column; no YAML 1.1 implicit typing is
applied (so ``22:30`` stays ``"22:30"``, not 1350; ``0301`` stays ``"0301"``, not 193; ``no``
stays ``"no"``), and the typed model in :mod:`hcomm_gen.records.models` does every conversion.
An empty plain value (``key:``, ``~``, ``null``) becomes ``None``.

Also caught here, each as a :class:`~hcomm_gen.core.problems.Problem` with line and column:
duplicate keys, tabs and full-width spaces (U+3000) in indentation, full-width colons used as
key separators, full-width commas separating the items of a ``[ ]`` list, unquoted values
containing ``": "``, values that start with ``#`` (read as a comment), non-UTF-8 files
(GBK/GB18030 is recognised and the message says how to re-save), empty files and files whose
top level is not a mapping. A UTF-8 BOM is accepted.

Bounded, so that no file can make loading slow or huge (issue 15): a record file is at most
:data:`MAX_FILE_BYTES` (2 MiB: the example's registry of 650 households is 68 KB, so room for
some 20,000 households; a notice is 1–2 KB) and nests at most :data:`MAX_DEPTH` levels (20;
the deepest record, ``calendar: {2027: {holidays: [...]}}``, uses 4); aliases (``*name``) are
refused where they are written: records have no use for anchors and aliases, and nine levels
of nine aliases (the "billion laughs") would expand a 1 KB file into 387 million values.
Control characters and invisible format characters (:data:`_BAD_CHARS`: U+000B, U+000C, U+0007,
U+001B, U+0000, U+2028, U+200B, U+FEFF inside the text, U+FFFE …, as pasted from Word or
WeChat) are refused at their line and column, naming the code point; tabs, newlines and the
zero-width joiner of emoji sequences (U+200D) are fine.

Decision on GBK: such a file is *rejected* with instructions to re-save it as UTF-8, not
decoded silently: the file stays in git, where a GBK file shows as garbage in every diff and
web view, so the fix belongs in the file.
"""
from __future__ import annotations

import operator
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hcomm_gen.core.problems import ERROR, Position, Problem
from hcomm_gen.core.registry import declare

# the record-format rules raised here (this tool's own, not clauses of the procedure)
declare("YAML-SYNTAX", clause="格式", zh="文件必须是可读的 YAML", en="the file must be readable YAML",
        doc="the file is YAML whose top level is a mapping: no tab or U+3000 indentation, no "
            "full-width colon `：` or colon without space as separator, no unquoted value "
            "containing `: `, no value starting with `#` (read as a comment; reported once, not "
            "again as an empty field), no full-width comma `，` between the items of a `[ ]` list, "
            "not empty or comments only, not a list, one document; an unclosed quote is reported "
            "where it opens; no control or invisible character (U+0000–U+001F but tab, "
            "newline and the CR of a CRLF line end, U+007F–U+009F, U+00AD, U+200B, U+2028, U+2029, U+FEFF, U+FFFE …), each "
            "reported at its line and column with its code point; no alias (`*name`: write the "
            "value out); at most 2 MiB per file and 20 levels of nesting")
declare("YAML-ENCODING", clause="格式", zh="文件必须用 UTF-8 编码保存", en="the file must be saved as UTF-8",
        doc="UTF-8 (a BOM is fine); GBK/GB18030 and UTF-16 are rejected with how to re-save as UTF-8")
declare("YAML-DUPLICATE-KEY", clause="格式", zh="同一层里的键不能重复", en="a key may appear once per mapping",
        doc="a key appears once per mapping (the first line is named)")

#: the C parser where PyYAML has it (~10x faster, the same marks), else the Python one
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"

#: largest record file read, in bytes (2 MiB: ~20,000 households in households.yaml)
MAX_FILE_BYTES = 2 * 1024 * 1024
#: deepest nesting of lists and mappings in a record file (the records need 4)
MAX_DEPTH = 20


class _Loader(_BaseLoader):
    """Composes nodes without YAML 1.1 implicit typing: every plain scalar is tagged as text
    (the tags are not used anyway, and skipping the resolver's regular expressions makes
    loading about a quarter faster)."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    # the path resolvers (unused: no tag depends on where a node is) are called twice per
    # node; C functions that ignore their arguments save a tenth of composing
    descend_resolver = staticmethod(operator.is_)   # (parent, index) → ignored
    ascend_resolver = staticmethod(tuple)            # () → ignored

Loc = tuple  # a path into the data: ("opinions", 0, "text")


@dataclass
class SourceDoc:
    """A parsed file: ``data`` (dict/list/str/None tree), its ``text``, positions of values and keys.

    ``positions[loc]`` and ``key_positions[loc]`` are ``(line, column)``, 1-based, for every
    location ``loc`` (a tuple of keys and list indexes) of ``data``. They are computed the
    first time a position is asked for, from the YAML nodes (:attr:`root`), which are composed
    again from ``text`` then: most files have no problem, and a loaded community keeps only
    its data and text, not the nodes (with their two marks each, the nodes of 18,000 files
    took ~500 MB and made every garbage collection walk them).
    """

    path: str
    data: object
    text: str = ""
    #: lines where the loader already explained an empty value (``title: #…`` read as a
    #: comment), so the typed model does not report the same mistake again
    reported_lines: set = field(default_factory=set)
    _root: object = field(default=None, repr=False)
    _lines: list | None = field(default=None, repr=False)
    _positions: dict | None = field(default=None, repr=False)
    _key_positions: dict | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        """The lines of :attr:`text` (split at ``\n`` only; computed once, when first asked)."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    @property
    def root(self):
        """The YAML node of the file (composed again from :attr:`text` when asked; ``None`` for
        a document without a node). Not kept: :meth:`_index` drops it after use."""
        if self._root is None and self.text:
            try:
                self._root = yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError:  # pragma: no cover - the text composed once already
                return None
        return self._root

    @property
    def positions(self) -> dict:
        if self._positions is None:
            self._index()
        assert self._positions is not None  # set by _index
        return self._positions

    @property
    def key_positions(self) -> dict:
        if self._key_positions is None:
            self._index()
        assert self._key_positions is not None  # set by _index
        return self._key_positions

    def _index(self) -> None:
        values: dict = {}
        keys: dict = {}

        path: set[int] = set()  # collections on the way down (an alias loop is not followed)

        def walk(node, loc):
            values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
            if id(node) in path:
                return
            if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
                path.add(id(node))
                try:
                    walk_children(node, loc)
                finally:
                    path.discard(id(node))

        def walk_children(node, loc):
            if isinstance(node, yaml.SequenceNode):
                for i, item in enumerate(node.value):
                    walk(item, loc + (i,))
            elif isinstance(node, yaml.MappingNode):
                for knode, vnode in node.value:
                    if not isinstance(knode, yaml.ScalarNode) or loc + (knode.value,) in keys:
                        continue  # reported by the builder; the first occurrence counts
                    keys[loc + (knode.value,)] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
                    walk(vnode, loc + (knode.value,))

        root = self.root
        if root is not None:
            walk(root, ())
        self._positions, self._key_positions = values, keys
        self._root = None  # the index holds what is needed of the nodes

    def pos(self, loc: Loc = (), key: bool = False) -> Position:
        """Position of the value at ``loc`` (or of its key); falls back to the nearest parent."""
        table = self.key_positions if key else self.positions
        loc = tuple(loc)
        while loc:
            if loc in table:
                return Position(self.path, *table[loc])
            if not key and loc in self.key_positions:
                return Position(self.path, *self.key_positions[loc])
            loc = loc[:-1]
        return Position(self.path, *self.positions.get((), (1, 1)))

    def value_at(self, loc: Loc):
        """The data at ``loc`` (text, list, mapping or ``None``; ``None`` when absent)."""
        value = self.data
        for part in loc:
            try:
                value = value[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def text_pos(self, loc: Loc, offset: int) -> Position:
        """Position in the file of the character at ``offset`` of the text value at ``loc``
        (e.g. a time written on the 3rd line of a ``body: |`` block): exact for a literal
        block (``|``) and a one-line value; for a folded (``>``) or wrapped value, the first
        line from the value's start that contains the text of that line of the value. Falls
        back to the value's own position (:meth:`pos`)."""
        base = self.pos(loc)
        value = self.value_at(loc)
        if not isinstance(value, str) or not 0 <= offset <= len(value) or base.line < 1:
            return base
        k = value.count("\n", 0, offset)                 # line of the value
        col = offset - (value.rfind("\n", 0, offset) + 1)  # column in that line, 0-based
        src = self.lines[base.line - 1] if base.line <= len(self.lines) else ""
        mark = src[base.column - 1:base.column]
        if mark == "|":
            return self._literal_pos(base, k, col)
        quote = 1 if mark in ("'", '"') else 0
        if k == 0 and mark != ">" and base.column + quote + col <= len(src):
            return Position(self.path, base.line, base.column + quote + col)
        # folded or wrapped: the words from ``offset`` on, up to a space or the line's end
        needle = re.split(r"[\s]", value[offset:offset + 8], maxsplit=1)[0]
        for i in range(base.line - 1, len(self.lines)) if needle else ():
            at = self.lines[i].find(needle)
            if at >= 0:
                return Position(self.path, i + 1, at + 1)
        return base

    def _literal_pos(self, base: Position, k: int, col: int) -> Position:
        """Line ``k`` (0-based), column ``col`` of a ``|`` block whose indicator is at ``base``:
        the block's lines follow the indicator's line one for one, indented alike."""
        line = base.line + 1 + k
        indent = 0
        for src in self.lines[base.line:]:
            if src.strip():
                indent = len(src) - len(src.lstrip(" "))
                break
        return Position(self.path, line, indent + col + 1)

    def find_text(self, needle: str, loc: Loc = ()) -> Position | None:
        """Position of the first occurrence of ``needle`` in the text values under ``loc``
        (in the order of the file's keys and list items), or ``None``."""
        def walk(value, where):
            if isinstance(value, str):
                at = value.find(needle)
                return None if at < 0 else self.text_pos(where, at)
            items = value.items() if isinstance(value, dict) else (
                enumerate(value) if isinstance(value, list) else ())
            for key, item in items:
                found = walk(item, where + (key,))
                if found is not None:
                    return found
            return None
        return walk(self.value_at(tuple(loc)), tuple(loc))


def _p(rule, path, line, col, zh, en) -> Problem:
    return Problem(rule, Position(path, line, col), zh, en, ERROR)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes → text. UTF-8 (with or without BOM) only; GBK/GB18030 and UTF-16 are named."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [_p("YAML-SYNTAX", path, 1, 1,
                         f"文件太大：超过了一个记录文件的上限 {MAX_FILE_BYTES:,} 字节（2 MB）。"
                         "它可能不是记录文件：请检查它的内容，或把它移出 records/。",
                         f"The file is too large: more than the {MAX_FILE_BYTES:,} bytes (2 MB) a record "
                         "file may hold. It may not be a record: check its content or move it out of "
                         "records/.")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_p("YAML-ENCODING", path, 1, 1,
                         "文件是 UTF-16 编码。请用记事本打开，选择“另存为”，编码选“UTF-8”后保存。",
                         "The file is UTF-16. Open it in Notepad, 'Save as', choose encoding 'UTF-8'.")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
            zh = ("文件是 GBK/GB18030（ANSI）编码，不是 UTF-8。请用记事本打开，选择“另存为”，"
                  "编码选“UTF-8”后保存，再提交。")
            en = ("The file is encoded as GBK/GB18030 ('ANSI'), not UTF-8. Open it in Notepad, "
                  "'Save as', choose encoding 'UTF-8', save and commit again.")
        except UnicodeDecodeError:
            zh = "文件不是 UTF-8 编码。请用文本编辑器另存为 UTF-8。"
            en = "The file is not UTF-8. Re-save it as UTF-8 in your text editor."
        return None, [_p("YAML-ENCODING", path, line, col, zh, en)]
    if _looks_like_gbk(text, raw):
        i = next(i for i, ch in enumerate(text) if ord(ch) > 0x7F)
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        return None, [_p("YAML-ENCODING", path, line, col,
                         "文件看起来是 GBK/GB18030（ANSI）编码：按 UTF-8 读出来是乱码"
                         f"（“{text[i:i + 6]}”）。请用记事本打开，选择“另存为”，编码选“UTF-8”后保存，再提交。",
                         "The file looks GBK/GB18030-encoded ('ANSI'): read as UTF-8 it is garbage "
                         f"('{text[i:i + 6]}'). Open it in Notepad, 'Save as', choose encoding "
                         "'UTF-8', save and commit again.")]
    return text, []


_BEYOND_2BYTE = re.compile("[^\x00-\u07ff]")


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _looks_like_gbk(text: str, raw: bytes) -> bool:
    """GBK bytes that happen to be valid UTF-8 (e.g. 停水通知 → 'ͣˮ֪ͨ'): the UTF-8 reading has
    nothing beyond U+07FF (no Chinese, no full-width punctuation) and mostly letters of
    U+0100–U+07FF (Latin Extended, Greek, Cyrillic, Hebrew …), while the GB18030 reading is
    Chinese. Record files are written in Chinese, so this is a
    GBK file, not a UTF-8 one."""
    if text.isascii() or _BEYOND_2BYTE.search(text):  # CJK, punctuation such as “” or −: real UTF-8
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    # GBK lead bytes of Chinese characters (0xB0–0xF7) read as UTF-8 give U+0100–U+07FF;
    # Latin-1 signs a Chinese office writes (° × · é) are below U+0100
    beyond_latin1 = sum(ord(ch) > 0xFF for ch in wide)
    if beyond_latin1 < 2 or beyond_latin1 * 2 < len(wide):
        return False
    try:
        gbk = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return sum(_is_cjk(ch) for ch in gbk) >= len(wide) // 2


_COMMENT_VALUE = re.compile(r":[ \t]+#\S")
_FLOW_COMMENT = re.compile(r"[\[{,][ \t]*(?:[^\s#:,\[\]{}]+:[ \t]+)?(#)")
_NO_SPACE_COLON = re.compile(r"\s*[^\s:#'\"-][^:]*:[^\s/:]")


def _first_line_matching(lines: list[str], pattern: re.Pattern, upto: int):
    """(line, column) 1-based of the first match of ``pattern`` (group 1) in ``lines[:upto]``
    that lies inside an unclosed ``[`` or ``{`` of its line (a ``#`` YAML reads as a comment)."""
    for i, src in enumerate(lines[:upto], 1):
        m = pattern.search(src)
        if m:
            before = src[:m.start(1)]
            if before.count("[") > before.count("]") or before.count("{") > before.count("}"):
                return i, m.start(1) + 1
    return None


_BAD_INDENT = re.compile(r"^[ \t\u3000]*[\t\u3000]", re.M)


def _scan_indentation(text: str, path: str) -> list[Problem]:
    if not _BAD_INDENT.search(text):
        return []
    out = []
    for i, line in enumerate(text.split("\n"), 1):
        lead = line[:len(line) - len(line.lstrip(" \t\u3000"))]
        if "\t" in lead and line.strip():
            out.append(_p("YAML-SYNTAX", path, i, lead.index("\t") + 1,
                          "缩进里有制表符（Tab）。YAML 只能用空格缩进：请把这一行开头的 Tab 换成空格。",
                          "A tab is used for indentation. YAML indents with spaces only: "
                          "replace the tab at the start of this line with spaces."))
        elif "\u3000" in lead and line.strip("\u3000 \t"):
            out.append(_p("YAML-SYNTAX", path, i, lead.index("\u3000") + 1,
                          "缩进里有全角空格（　）。请切换到半角输入，用普通空格缩进。",
                          "A full-width space (U+3000) is used for indentation. "
                          "Switch to half-width input and indent with normal spaces."))
    return out


#: characters a record may not contain: C0 controls but tab, newline and carriage return;
#: DEL and the C1 controls; the soft hyphen; invisible format characters (zero-width space,
#: non-joiner, direction marks and overrides, word joiner, a BOM inside the text …; not the
#: zero-width joiner U+200D of emoji sequences); the line and paragraph separators (YAML reads
#: them as line breaks, so every later line would be misnumbered) and the noncharacters
#: U+FDD0–U+FDEF, U+FFFE, U+FFFF. None can be seen in an editor, most are not allowed in XML
#: (the site's feeds, the PDF) and all break search and IDs.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200c"
                        "\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufdd0-\ufdef"
                        "\ufff9-\ufffb\ufffe\uffff]"
                        # a carriage return alone (not the CR of a CRLF line end): YAML counts it
                        # as a line break that no line number of the file shows (found by the fuzz run)
                        "|\r(?!\n|$)")

#: names of the characters of :data:`_BAD_CHARS` that ``unicodedata`` does not name
#: (controls), and a Chinese word for the common ones
_CHAR_NAMES = {
    0x00: ("NULL", "空字符"), 0x07: ("BELL", "响铃控制符"), 0x08: ("BACKSPACE", "退格控制符"),
    0x0B: ("LINE TABULATION", "竖向制表符"), 0x0D: ("CARRIAGE RETURN", "单独的回车符"), 0x0C: ("FORM FEED", "换页符"),
    0x1B: ("ESCAPE", "转义控制符"), 0x7F: ("DELETE", "删除控制符"),
    0x85: ("NEXT LINE", "换行控制符"),
}
_CHAR_ZH = {0x00AD: "软连字符", 0x200B: "零宽空格", 0x200C: "零宽不连字", 0x2028: "行分隔符",
            0x2029: "段落分隔符", 0xFEFF: "零宽不换行空格（BOM）", 0x2060: "零宽连接符",
            0xFFFE: "非字符", 0xFFFF: "非字符"}


def char_name(ch: str) -> tuple[str, str]:
    """``(English, Chinese)`` description of a character of :data:`_BAD_CHARS`, with its code
    point: ``("U+2028 LINE SEPARATOR", "U+2028 LINE SEPARATOR（行分隔符）")``."""
    import unicodedata
    cp = ord(ch)
    en, zh = _CHAR_NAMES.get(cp, (unicodedata.name(ch, ""), _CHAR_ZH.get(cp, "")))
    if not en:
        en = "noncharacter" if 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE else "control character"
    zh = zh or ("控制字符" if unicodedata.category(ch) == "Cc" else "看不见的格式字符")
    code = f"U+{cp:04X} {en}"
    return code, f"{code}（{zh}）"


def _scan_characters(text: str, path: str) -> list[Problem]:
    """YAML-SYNTAX problems for the characters of :data:`_BAD_CHARS` in ``text``: one per line
    (the first such character of the line, at its true line and column in code points, with
    how many more the line has), at most 10 lines (then one problem says how many more)."""
    if not _BAD_CHARS.search(text):
        return []
    out: list[Problem] = []
    lines = text.split("\n")
    bad_lines = [(i, ln) for i, ln in enumerate(lines, 1) if _BAD_CHARS.search(ln)]
    for i, ln in bad_lines[:10]:
        found = _BAD_CHARS.findall(ln)
        at = _BAD_CHARS.search(ln)
        assert at is not None  # the line was selected for it
        code_en, code_zh = char_name(found[0])
        more_zh = f"这一行还有 {len(found) - 1} 个这样的字符。" if len(found) > 1 else ""
        more_en = f" The line has {len(found) - 1} more such characters." if len(found) > 1 else ""
        out.append(_p("YAML-SYNTAX", path, i, at.start() + 1,
                      f"这里有一个看不见的字符 {code_zh}，通常是从 Word 或微信粘贴带来的；网站、搜索和打印都"
                      f"不能使用它。{more_zh}请在编辑器里删掉这一行的这个位置（或删掉这一行的空白再重新输入）。",
                      f"There is an invisible character here, {code_en}, usually pasted from Word or "
                      f"WeChat; the site, search and print cannot use it.{more_en} Delete it in your "
                      "editor (or delete the blanks of this line and type them again)."))
    if len(bad_lines) > 10:
        i = bad_lines[10][0]
        rest = len(bad_lines) - 10
        out.append(_p("YAML-SYNTAX", path, i, 1,
                      f"从这一行起还有 {rest} 行有看不见的控制字符。这个文件可能不是文本文件，或是从别处整段粘贴的："
                      "请重新输入这些行。",
                      f"{rest} more lines from here hold invisible control characters. The file may not be "
                      "text, or was pasted whole from elsewhere: type these lines again."))
    return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of the character at ``offset`` of ``text`` (lines split at
    ``\\n`` only, as :attr:`SourceDoc.lines`)."""
    offset = max(0, min(offset, len(text)))
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _too_deep(path: str, line: int, col: int) -> Problem:
    return _p("YAML-SYNTAX", path, line, col,
              f"这里的列表或映射嵌套太深（超过 {MAX_DEPTH} 层；记录最多用到 4 层）。请检查缩进和括号，"
              "把内容按记录格式写平。",
              f"Lists and mappings are nested too deep here (more than {MAX_DEPTH} levels; records use "
              "at most 4). Check the indentation and brackets and write the record in its plain form.")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    if exc.context_mark and "simple key" in (exc.context or ""):
        # the scanner reports the line after the culprit; the key started at context_mark
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = (exc.problem or "").strip()
    flow_hash = _first_line_matching(lines, _FLOW_COMMENT, upto=line)
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        # the scanner reports where the text ran out (often the end of the file); the
        # culprit is the quote that opened the value
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        src = lines[line - 1] if 0 < line <= len(lines) else ""
        quote = src[col - 1:col] or "\""
        zh = (f"这一行的值以引号 {quote} 开头，但后面没有配对的 {quote}，YAML 把后面的行都读进了这个值"
              f"（{problem}）。请在值的末尾补上 {quote}，或删掉开头的 {quote}。")
        en = (f"The value on this line opens a quote {quote} that is never closed, so YAML reads the "
              f"following lines into it ({problem}). Add the closing {quote} at the end of the value, "
              f"or delete the opening one.")
    elif "exceeded maximum nesting depth" in problem:
        return _too_deep(path, line, col)
    elif "undefined alias" in problem or (exc.context or "").startswith(
            ("while scanning an alias", "while scanning an anchor")):
        if exc.context_mark is not None:
            line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
            src = lines[line - 1] if 0 < line <= len(lines) else ""
        sign = src[col - 1:col] if src[col - 1:col] in ("*", "&") else "*"
        word = src[col - 1:].split(" #")[0].strip().rstrip(",]}") or sign
        what_zh, what_en = ("别名（引用）", "an alias (a reference)") if sign == "*" else ("锚点", "an anchor")
        zh = (f"值“{word}”以“{sign}”开头，YAML 把它读成了{what_zh}。请给整个值加上引号，例如 '{word}'。")
        en = (f"The value '{word}' starts with '{sign}', which YAML reads as {what_en}. Put the "
              f"whole value in quotes, e.g. '{word}'.")
    elif "another document" in problem:
        zh = ("文件里出现了第二个“---”：一个文件只能写一条记录。请删掉“---”，"
              "或把第二条记录放进另一个文件。")
        en = ("A second '---' starts another document: one file holds one record. Delete the "
              "'---' or move the second record to its own file.")
    elif flow_hash is not None:
        line = flow_hash[0]
        col = flow_hash[1]
        zh = ("方括号或花括号里的值以“#”开头，YAML 把“#”后面当成了注释，括号就没有闭合。"
              "请给这个值加上引号，例如 [\"#3\"]。")
        en = ("A value inside brackets starts with '#', so YAML reads the rest of the line as a "
              "comment and the bracket is never closed. Quote it, e.g. [\"#3\"].")
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        close = "]" if "']'" in problem else "}"
        opened = "[" if close == "]" else "{"
        ctx_mark = exc.context_mark
        if ctx_mark is not None:
            line, col = ctx_mark.line + 1, ctx_mark.column + 1
        zh = (f"这里的“{opened}”没有配对的“{close}”：列表或映射要在同一行写完，例如 [3栋, 5栋2单元]。"
              f"请补上“{close}”，或检查中间是否有中文逗号、引号。")
        en = (f"The '{opened}' here has no matching '{close}'. Close it on the same line, e.g. "
              "[3栋, 5栋2单元], and check for full-width commas or stray quotes.")
    elif "mapping values are not allowed" in problem:
        zh = ("这一行的值里含有“: ”（冒号加空格），YAML 会把它当成新的键。"
              "请给整个值加上引号，例如：title: \"通知: 停水\"。")
        en = ("The value on this line contains ': ' (colon and space), which YAML reads as a new "
              "key. Put the whole value in quotes, e.g. title: \"通知: 停水\".")
    elif "\t" in src[:col] or "'\\t'" in problem:
        zh = "这里有制表符（Tab）。YAML 只能用空格缩进：请把 Tab 换成空格。"
        en = "There is a tab here. YAML indents with spaces only: replace the tab with spaces."
    elif ":\u3000" in src:
        col = src.index(":\u3000") + 2
        zh = ("冒号后面用了全角空格（　）。键和值之间要用半角冒号加一个普通空格，例如 title: 停水通知。")
        en = ("A full-width space (U+3000) follows the colon. Separate key and value with a colon "
              "and a normal space, e.g. title: 停水通知.")
    elif _NO_SPACE_COLON.match(src) and "could not find expected ':'" in problem:
        zh = (f"这一行“{src.strip()}”的冒号后面没有空格，YAML 不把它当成“键: 值”。"
              "请在冒号后面加一个空格，例如 title: 停水通知。")
        en = (f"The colon on this line ('{src.strip()}') is not followed by a space, so YAML does "
              "not read a 'key: value'. Add a space after the colon, e.g. title: 停水通知.")
    elif "：" in src:
        zh = ("这一行用了全角冒号“：”。键和值之间要用半角冒号加空格，例如 title: 停水通知。"
              f"（YAML 报告：{problem}）")
        en = ("This line uses a full-width colon '：'. Separate key and value with a half-width "
              f"colon and a space, e.g. title: 停水通知. (YAML says: {problem})")
    else:
        zh = f"YAML 格式错误：{problem}。请检查这一行和上一行的缩进、冒号和引号。"
        en = f"YAML syntax error: {problem}. Check indentation, colons and quotes here and above."
    return _p("YAML-SYNTAX", path, line, col, zh, en)


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Builder:
    def __init__(self, doc: SourceDoc, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self.seen: set[int] = set()  # every node built (one met again came through an alias)
        #: an alias is written ``*name``: without a ``*`` in the file no node can come twice,
        #: and the nodes are not tracked (a million set operations on ten years of files)
        self.track = "*" in doc.text
        self.depth = 0
        #: an alias or too deep a nesting was found: the data is incomplete, the file refused
        self.refused = False

    def build(self, node):
        """``node`` → plain data (text, ``None``, lists, dicts); problems collected.

        Bounded: a node met a second time came through an alias (``*name``), which is
        reported where it is written and not followed, so no file expands beyond its own
        size (nine levels of nine aliases would make 387 million values) and an alias loop
        (``a: &x [1, *x]``) ends; nesting deeper than :data:`MAX_DEPTH` is reported, not
        followed. Either sets :attr:`refused`."""
        if self.refused:
            return None
        if self.track:
            if id(node) in self.seen:
                self._alias_found()
                return None
            self.seen.add(id(node))
        cls = node.__class__
        if cls is yaml.ScalarNode:
            return self._build_scalar(node)
        if self.depth >= MAX_DEPTH:
            self.refused = True
            self.problems.append(_too_deep(self.doc.path, node.start_mark.line + 1,
                                           node.start_mark.column + 1))
            return None
        self.depth += 1
        try:
            return self._build_collection(node, cls)
        finally:
            self.depth -= 1

    def _alias_found(self) -> None:
        """Report the first alias of the file at its ``*`` (found again with the event parser,
        since the composed nodes keep no trace of where an alias was written)."""
        self.refused = True
        line, col, name = 1, 1, ""
        try:
            for event in yaml.parse(self.doc.text, Loader=_BaseLoader):
                if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    name = event.anchor or ""
                    break
        except yaml.YAMLError:  # pragma: no cover - the text composed without error
            pass
        self.problems.append(_p(
            "YAML-SYNTAX", self.doc.path, line, col,
            f"这里用了别名“*{name}”（引用前面用“&{name}”标记的内容）。记录里不用锚点和别名（& 和 *）："
            "请把内容直接写出来；如果“*”是值的一部分，请给整个值加上引号。",
            f"An alias '*{name}' (a reference to content marked '&{name}') is used here. Records use no "
            "anchors or aliases (& and *): write the content out; if the '*' belongs to the value, "
            "quote the whole value."))

    def _build_scalar(self, node):
        value = node.value
        if not node.style and value in _NULLS:
            if value == "":
                self._check_comment_value(node)
            return None
        if node.style == '"' and _BAD_CHARS.search(value):
            self._escaped_bad_char(node, _BAD_CHARS.search(value).group())
        return value

    def _escaped_bad_char(self, node, ch: str) -> None:
        """A double-quoted value whose escape sequence (``"a\x0bb"``, ``"\u2028"``) makes a
        character of :data:`_BAD_CHARS`: the text itself is clean (see
        :func:`_scan_characters`), so it is reported at the value, naming the code point."""
        self.refused = True
        code_en, code_zh = char_name(ch)
        self.problems.append(_p(
            "YAML-SYNTAX", self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1,
            f"这个带引号的值里的转义写法（“\\x”“\\u”之类）得到一个看不见的字符 {code_zh}；网站、搜索和打印都"
            "不能使用它。请删掉这个转义写法，直接写出要的文字。",
            f"An escape in this quoted value (like \\x or \\u) makes an invisible character, {code_en}; "
            "the site, search and print cannot use it. Remove the escape and write the text itself."))

    def _build_collection(self, node, cls):
        if cls is yaml.SequenceNode:
            build = self.build
            if node.flow_style:
                self._check_flow_commas(node)
            return [build(item) for item in node.value]
        out: dict = {}
        first_keys: dict = {}
        for knode, vnode in node.value:
            if knode.__class__ is not yaml.ScalarNode:
                self.problems.append(_p("YAML-SYNTAX", self.doc.path, knode.start_mark.line + 1,
                                        knode.start_mark.column + 1, "键必须是简单的文字。",
                                        "A key must be plain text."))
                continue
            key = knode.value
            if key in out:
                first = first_keys[key].start_mark.line + 1
                self.problems.append(_p(
                    "YAML-DUPLICATE-KEY", self.doc.path, knode.start_mark.line + 1,
                    knode.start_mark.column + 1,
                    f"键“{key}”在第 {first} 行已经出现过，同一层里不能写两次。请删掉其中一个。",
                    f"Key '{key}' already appears on line {first}; a key may appear once per "
                    "mapping. Delete one of them."))
                continue
            if "：" in key:
                self.problems.append(_p(
                    "YAML-SYNTAX", self.doc.path, knode.start_mark.line + 1, knode.start_mark.column + 1,
                    f"“{key}”里有全角冒号“：”。键和值之间要用半角冒号加空格，例如 title: 停水通知。",
                    f"'{key}' contains a full-width colon '：'. Separate key and value with a "
                    "half-width colon and a space, e.g. title: 停水通知."))
            first_keys[key] = knode
            out[key] = self.build(vnode)
        return out

    def _check_flow_commas(self, node) -> None:
        """A full-width comma inside ``[ ]`` (``[3栋，5栋2单元]``): YAML separates items with
        the half-width ``,`` only, so the two values were read as one item."""
        for item in node.value:
            if item.__class__ is yaml.ScalarNode and not item.style and "，" in item.value:
                fixed = ", ".join(part.strip() for x in node.value if x.__class__ is yaml.ScalarNode
                                  for part in x.value.split("，"))
                self.problems.append(_p(
                    "YAML-SYNTAX", self.doc.path, item.start_mark.line + 1, item.start_mark.column + 1,
                    f"方括号列表里用了中文逗号“，”：“{item.value}”被读成了一项。列表的各项要用半角逗号"
                    f"“,”隔开，请改成 [{fixed}]。",
                    f"A full-width comma '，' inside [ ]: '{item.value}' is read as one item. Separate "
                    f"list items with a half-width comma ',': write [{fixed}]."))

    def _check_comment_value(self, node) -> None:
        line_no = node.start_mark.line
        if line_no < len(self.doc.lines):
            src = self.doc.lines[line_no]
            m = _COMMENT_VALUE.search(src)
            if m:
                col = m.start() + src[m.start():].index("#") + 1
                self.doc.reported_lines.add(line_no + 1)
                self.problems.append(_p(
                    "YAML-SYNTAX", self.doc.path, line_no + 1, col,
                    f"值以“#”开头，YAML 把“{src[col - 1:].strip()}”当成了注释，这个值就成了空的。"
                    f"请加引号，例如 '{src[col - 1:].strip()}'。",
                    f"The value starts with '#', so YAML reads '{src[col - 1:].strip()}' as a "
                    f"comment and the value is empty. Quote it: '{src[col - 1:].strip()}'."))


def load_text(text: str, path: str) -> tuple[SourceDoc | None, list[Problem]]:
    """Parse YAML text into a :class:`SourceDoc` whose top level is a mapping.

    :returns: ``(doc, problems)``; ``doc`` is ``None`` when the file cannot be used at all.
    Never raises for bad input.
    """
    problems = _scan_characters(text, path) or _scan_indentation(text, path)
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, path)]
    except yaml.reader.ReaderError as exc:  # a character the scan above let through
        line, col = _line_col(text, exc.position)
        return None, [_p("YAML-SYNTAX", path, line, col,
                         f"这里有 YAML 不接受的字符 U+{exc.character:04X}（{exc.reason}）。请删掉它。",
                         f"YAML does not accept the character U+{exc.character:04X} here ({exc.reason}). "
                         "Delete it.")]
    except RecursionError:  # the pure-Python parser, nested deeper than it can follow
        return None, [_too_deep(path, 1, 1)]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        said = " ".join(str(exc).split())  # a message is one line
        return None, [_p("YAML-SYNTAX", path, 1, 1, f"YAML 格式错误：{said}。请检查这个文件的格式。",
                         f"YAML error: {said}. Check the file's format.")]
    if node is None:
        return None, [_p("YAML-SYNTAX", path, 1, 1,
                         "文件是空的（或只有注释）。请按记录格式填写内容，或删除这个文件。",
                         "The file is empty (or only comments). Fill it in or delete it.")]
    doc = SourceDoc(path, None, text=text, _root=node)
    builder = _Builder(doc, problems)
    data = builder.build(node)
    if builder.refused:
        return None, problems  # an alias or too deep: the tree is not expanded
    if not isinstance(node, yaml.MappingNode):
        found = "列表" if isinstance(node, yaml.SequenceNode) else "一段文字"
        found_en = "a list" if isinstance(node, yaml.SequenceNode) else "a single text"
        line, col = doc.positions[()]
        if isinstance(data, str) and "：" in data:
            zh = ("整个文件被读成了一段文字，因为用了全角冒号“：”。键和值之间要用半角冒号加空格，"
                  "例如 title: 停水通知。")
            en = ("The whole file reads as one text because it uses full-width colons '：'. "
                  "Separate keys and values with a half-width colon and a space.")
        elif isinstance(data, str) and ":\u3000" in data:
            zh = ("整个文件被读成了一段文字，因为冒号后面用了全角空格（　）。请在冒号后面用普通空格，"
                  "例如 title: 停水通知。")
            en = ("The whole file reads as one text because a full-width space (U+3000) follows "
                  "the colon. Use a normal space after the colon, e.g. title: 停水通知.")
        elif isinstance(data, str) and ":" in data:
            zh = ("整个文件被读成了一段文字，因为冒号后面没有空格。键和值之间要用冒号加空格，"
                  "例如 title: 停水通知。")
            en = ("The whole file reads as one text because no space follows the colon. Write "
                  "'key: value' with a space, e.g. title: 停水通知.")
        elif isinstance(data, str):
            zh = "文件最外层应该是“键: 值”的映射，实际只是一段文字。请按记录格式写成 id: …、title: … 这样的行。"
            en = "The top level must be a mapping of 'key: value', found a single text."
        else:
            zh = f"文件最外层应该是“键: 值”的映射，实际是{found}。请去掉开头的“- ”。"
            en = (f"The top level must be a mapping of 'key: value', found {found_en}. "
                  "Remove the leading '- '.")
        problems.append(_p("YAML-SYNTAX", path, line, col, zh, en))
        return None, problems
    doc.data = data
    doc._root = None  # composed again from the text if a position is asked for (SourceDoc)
    return doc, problems


def load_file(path: Path, shown: str) -> tuple[SourceDoc | None, list[Problem]]:
    """Read and parse ``path``; ``shown`` is the path printed in messages. Only a regular file
    is opened (``stat`` first: a named pipe, a device or a socket is a YAML-SYNTAX error, never
    a wait); one that cannot be read (permissions) is a YAML-SYNTAX error saying how to fix it."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, [_p("YAML-SYNTAX", shown, 1, 1,
                             "这不是普通文件（命名管道、设备或套接字），不会被打开读取。请删掉它或移出 records/。",
                             "This is not a regular file (a named pipe, a device or a socket): it is not "
                             "opened. Delete it or move it out of records/.")]
        with path.open("rb") as fh:
            # as many bytes as the file has (asking for 2 MiB each time made every read
            # allocate and free 2 MiB: a third of the reading time of 18,000 files), one more
            # to see a file that grew since; never more than MAX_FILE_BYTES + 1 (decode()
            # refuses a bigger file)
            want = min(st.st_size, MAX_FILE_BYTES) + 1
            raw = fh.read(want)
            if len(raw) == want and want <= MAX_FILE_BYTES:
                raw += fh.read(MAX_FILE_BYTES + 1 - want)
    except OSError as exc:
        return None, [_p("YAML-SYNTAX", shown, 1, 1,
                         f"无法读取文件：{exc.strerror}。请让运行 hcomm 的账户能读取它（“属性 → 安全”或 chmod）。",
                         f"Cannot read the file: {exc.strerror}. Let the account running hcomm read it "
                         "(Properties → Security, or chmod).")]
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    return load_text(text, shown)
