"""Which characters the installed fonts can print (PRINT-GLYPH), asked of fontconfig once per
process: ``fc-list --format '%{charset}'`` lists the code points of every installed font
(~0.1 s for ~200 fonts), merged into sorted ranges and looked up by bisection, so
``hcomm check`` can warn about a character no font has before a sheet fails to print.

The printed sheets (WeasyPrint, through Pango and fontconfig) fall back to any installed font
for a character the stylesheet's families lack, so "some installed font has it" is what
printing needs. Characters that are never drawn on their own (variation selectors such as the
emoji selector U+FE0F, the zero-width joiner of emoji sequences, other format characters,
controls, whitespace) are not asked about. Without ``fc-list`` nothing is known and nothing is
reported (the sheet itself still fails with the character named). This module imports nothing
of hcomm_gen.
"""
from __future__ import annotations

import bisect
import functools
import shutil
import subprocess
import unicodedata


@functools.cache
def _ranges() -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """(starts, ends) of the merged code-point ranges of all installed fonts, or ``None``
    when fontconfig cannot be asked."""
    if not shutil.which("fc-list"):
        return None
    try:
        out = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True,
                             text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    spans = []
    for part in set(out.split()):   # fonts of one family share most ranges
        first, _, last = part.partition("-")
        try:
            spans.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in spans:
        if ends and lo <= ends[-1] + 1:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return tuple(starts), tuple(ends)


def drawn(ch: str) -> bool:
    """Whether ``ch`` (one character) needs a glyph of its own: not whitespace, a control, a
    format character (U+200D zero-width joiner …) or a variation selector (U+FE0F …)."""
    cp = ord(ch)
    if ch.isspace() or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return False
    return unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Zs")


def has_glyph(ch: str) -> bool | None:
    """Whether an installed font has ``ch``; ``None`` when fontconfig cannot tell."""
    table = _ranges()
    if table is None:
        return None
    starts, ends = table
    i = bisect.bisect_right(starts, ord(ch)) - 1
    return i >= 0 and ord(ch) <= ends[i]


#: the characters found printable (or never drawn), with the font table they were looked up
#: in: ``hcomm check`` asks about the same few thousand characters for thousands of notices
_printable: tuple[object, set[str]] = (None, set())


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of ``text`` (beyond ASCII, drawn on their own) that no installed
    font has, in order of first appearance; ``[]`` when fontconfig cannot tell."""
    global _printable
    table = _ranges()
    if table is None:
        return []
    if _printable[0] is not table:
        _printable = (table, set())
    fine = _printable[1]
    if fine.issuperset(text):
        return []
    out: list[str] = []
    for ch in dict.fromkeys(text):
        if ch in fine:
            continue
        if ord(ch) > 0x7E and drawn(ch) and has_glyph(ch) is False:
            out.append(ch)
        else:
            fine.add(ch)
    return out


def char_name(ch: str) -> str:
    """``U+E000“”`` style: the code point and the character itself (which may print as
    nothing, hence the code point)."""
    return f"U+{ord(ch):04X}“{ch}”"


def is_emoji(ch: str) -> bool:
    """Whether ``ch`` is in the main emoji blocks (pictographs, symbols, dingbats, flags)."""
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF
            or 0x1F1E6 <= cp <= 0x1F1FF)


def advice(ch: str) -> tuple[str, str]:
    """What to do about a character no installed font has, ``(zh, en)``, by its kind: an
    emoji (install the emoji font of ``scripts/setup.sh``), a private-use character (no font
    is meant to have it: replace it), a rare CJK character (a font with the CJK extensions),
    anything else."""
    cp = ord(ch)
    if is_emoji(ch):
        return ("这是表情符号：请运行 scripts/setup.sh 安装彩色表情字体（Debian 软件包 fonts-noto-color-emoji），"
                "或删掉这个符号",
                "it is an emoji: run scripts/setup.sh to install the emoji font (Debian "
                "fonts-noto-color-emoji), or remove it")
    if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
        return ("这是“私用区”字符（输入法或聊天软件的自造字、图标，复制过来后别的电脑没有），"
                "任何通用字体都没有它：请删掉或改成常用字",
                "it is a private-use character (a custom glyph of an input method or chat app); "
                "no ordinary font has it: delete it or write a common character")
    if 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3FFFF:
        return ("这是生僻字（CJK 扩展区）：请安装收有它的字体（例如 Debian 软件包 fonts-hanazono），"
                "或改用常用字",
                "it is a rare CJK character (extension block): install a font that has it (e.g. "
                "Debian fonts-hanazono) or write a common character")
    return ("请改用常用字，或安装含有这个字的字体",
            "write a common character instead, or install a font that has it")
