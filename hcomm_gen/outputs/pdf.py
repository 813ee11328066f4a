"""Printable A4 sheets with WeasyPrint: small PDFs with an embedded, subset CJK font.

**Why sheets were ~330 KB.** WeasyPrint subsets fonts with HarfBuzz but *keeps glyph IDs*
(``RETAIN_GIDS``): every glyph up to the highest one used stays in the font as an empty
slot. Noto Sans CJK has ~65,000 glyphs and Chinese characters sit near the end, so each
embedded face still carried its full ``hmtx``/``vmtx`` metrics and a CFF index of ~63,000
empty glyphs: ~150 KB per face, Regular and Bold both embedded. (No DejaVu was embedded;
the options ``full_fonts``/``hinting``/``optimize_images`` do not touch this.)

**Fix.** Before rendering, :func:`html_to_pdf` cuts each CJK face (Regular and Bold of
``Noto Sans CJK SC``, found with fontconfig) down to the characters of this very sheet with
HarfBuzz (``uharfbuzz``; a few ms), with *compact* glyph IDs, and gives it to WeasyPrint as
``@font-face`` family :data:`SHEET_FAMILY` (a ``data:`` URL; nothing is written to disk).
WeasyPrint then subsets that small font again. A one-page notice is ~40 KB instead of 310 KB.

**Emoji and rare characters.** ``print.css`` lists fallback families after the subset face:
full Noto Sans/Serif CJK, then ``hcomm Emoji`` = ``Noto Color Emoji`` for the emoji blocks
only (an ``@font-face`` with ``unicode-range``: that font also has the digits, which must stay
in the text font; Debian ``fonts-noto-color-emoji``, installed by ``scripts/setup.sh``: an
emoji copied from WeChat into a title, 🔥 ⚠️ 💧, prints in colour), then HanaMinA/HanaMinB
of ``fonts-hanazono`` (rare CJK Extension B characters such as 𪚥, for an office that needs
them). Pango also falls back to any other installed font.

**Missing glyphs.** WeasyPrint draws an empty box for a character that no font has and only
logs a ``.notdef`` warning; :func:`html_to_pdf` turns that warning into :class:`MissingGlyph`,
naming the characters, so a sheet with boxes is never written. The build leaves out that sheet
alone (:func:`hcomm_gen.outputs.sheets.render_sheets`), and ``hcomm check`` warns beforehand
(PRINT-GLYPH, :mod:`hcomm_gen.core.fonts`).
"""
from __future__ import annotations

import base64
import functools
import logging
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

from hcomm_gen.core.errors import OutputError
from hcomm_gen.core.fonts import drawn
from hcomm_gen.outputs.env import make_env

#: CSS family name of the per-sheet subset of the CJK font (``print.css`` uses it first).
SHEET_FAMILY = "hcomm Sheet CJK"
#: fontconfig patterns of the faces subset per sheet: (pattern, CSS weight)
SHEET_FACES = (("Noto Sans CJK SC:style=Regular", 400), ("Noto Sans CJK SC:style=Bold", 700))
#: further faces that draw sheets (fallbacks of ``print.css``), part of :func:`fonts_version`
FALLBACK_FACES = ("Noto Color Emoji",)


class MissingGlyph(OutputError):
    """No installed font has these characters (``chars``, a string); ``target`` (a file name)
    was not written. An :class:`~hcomm_gen.core.errors.OutputError` (exit 3)."""

    def __init__(self, chars: str, target: str):
        super().__init__(
            f"字“{chars}”在已安装的字体里没有，打印出来会是空方框，所以没有生成 {target}。"
            "请改用常用字，或安装含有该字的字体后再运行。",
            f"Characters '{chars}' are in no installed font and would print as empty boxes, so "
            f"{target} was not written. Use common characters or install a font that has them.")
        self.chars, self.target = chars, target


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if ".notdef" in msg:
            m = re.search(r'"(.*)"', msg)
            self.missing.append(m.group(1) if m else msg)


@contextmanager
def _capture_notdef():
    log = logging.getLogger("weasyprint")
    handler = _Collect()
    log.addHandler(handler)
    try:
        yield handler
    finally:
        log.removeHandler(handler)


@functools.cache
def _face_file(pattern: str) -> tuple[str, int] | None:
    """(font file, face index in a .ttc) that fontconfig picks for ``pattern``, or ``None``
    when the family itself is not installed (fontconfig would substitute another)."""
    if not shutil.which("fc-match"):
        return None
    family = pattern.split(":")[0]
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\t")
    if len(parts) != 3 or family not in parts[0].split(","):
        return None
    return parts[1], int(parts[2] or 0)


@functools.cache
def _hb_face(path: str, index: int):
    import uharfbuzz as hb
    return hb.Face(hb.Blob.from_file_path(path), index)


@functools.cache
def fonts_version() -> str:
    """Identity of the fonts and engines that draw a sheet (part of the sheet cache key):
    each face's file, index, size and modification time, WeasyPrint's and uharfbuzz's
    versions. Changes when a font package or the renderer is upgraded."""
    from importlib.metadata import PackageNotFoundError, version
    parts = []
    for dist in ("weasyprint", "pydyf", "uharfbuzz"):  # metadata only: importing is slow
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:  # pragma: no cover - then fonts are not pre-subset
            parts.append(f"{dist} none")
    for pattern in [p for p, _weight in SHEET_FACES] + list(FALLBACK_FACES):
        found = _face_file(pattern)
        if found:
            st = Path(found[0]).stat()
            parts.append(f"{found[0]}:{found[1]}:{st.st_size}:{st.st_mtime_ns}")
        else:
            parts.append(f"{pattern}: none")
    return "\n".join(parts)


def subset_font_css(text: str) -> str:
    """``@font-face`` rules declaring :data:`SHEET_FAMILY` as the CJK faces cut down to the
    characters of ``text`` (plus printable ASCII), embedded as ``data:`` URLs. Empty when
    the faces or ``uharfbuzz`` are missing (then WeasyPrint uses the full system font)."""
    try:
        import uharfbuzz as hb
    except ImportError:  # pragma: no cover
        return ""
    codepoints = {ord(c) for c in text if ord(c) >= 0x20} | set(range(0x20, 0x7F))
    rules = []
    for pattern, weight in SHEET_FACES:
        found = _face_file(pattern)
        if not found:
            continue
        inp = hb.SubsetInput()
        for cp in codepoints:
            inp.unicode_set.add(cp)
        data = hb.subset(_hb_face(*found), inp).blob.data
        if not data:
            continue
        url = "data:font/otf;base64," + base64.b64encode(data).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{SHEET_FAMILY}"; font-weight: {weight}; '
                     f'src: url("{url}"); }}')
    return "\n".join(rules)


#: ``<meta name="hcomm-fit" content="fit-l fit-m fit-s">``: the size steps of a sheet, largest first
_FIT_META = re.compile(r'<meta name="hcomm-fit" content="([^"]*)">')


def fit_steps(html: str) -> list[str]:
    """The size steps a sheet declares (``<meta name="hcomm-fit" content="fit-l fit-m">``,
    largest first; classes its stylesheet gives to ``<html>``), or ``[]``."""
    m = _FIT_META.search(html)
    return m.group(1).split() if m else []


def with_step(html: str, step: str) -> str:
    """``html`` with class ``step`` on its ``<html>`` element (:func:`fit_steps`)."""
    return re.sub(r"<html\b", f'<html class="{step}"', html, count=1)


def fits(doc) -> bool:
    """Whether a laid-out WeasyPrint document is one page and no text runs past the right
    edge of its page area (a line that cannot wrap: a date kept whole in large type). Reads
    WeasyPrint's box tree (``Page._page_box``, not a public API: checked by the tests of
    tests/outputs/test_lobby_sheets.py for the pinned WeasyPrint)."""
    from weasyprint.formatting_structure.boxes import TextBox

    if len(doc.pages) != 1:
        return False
    page = doc.pages[0]._page_box
    right = page.content_box_x() + page.width + 0.5
    return all(b.position_x + b.width <= right for b in page.descendants() if isinstance(b, TextBox))


def _layout(html: str, base_url: str | None, sheets, font_config):
    """The laid-out document of ``html``: with size steps (:func:`fit_steps`), at the
    largest step that fits one page (:func:`fits`), else at the smallest (which then flows
    onto more pages); otherwise as it is."""
    from weasyprint import HTML

    def render(text):
        return HTML(string=text, base_url=base_url, encoding="utf-8").render(
            stylesheets=sheets, font_config=font_config)
    steps = fit_steps(html)
    if not steps:
        return render(html)
    for step in steps:
        doc = render(with_step(html, step))
        if fits(doc):
            return doc
    return doc


def render_pdf(html: str, base_url: str | None = None, name: str = "<memory>"):
    """Lay ``html`` out and draw it as PDF: ``(document, PDF bytes)`` (the WeasyPrint document,
    for its pages and anchors). The CJK font is subset to the document's characters first (see
    the module docstring); size steps are taken as :func:`_layout` says.

    :raises MissingGlyph: a character has no glyph in any font (``name`` says which output).
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    faces = subset_font_css(html)
    sheets = [CSS(string=faces, font_config=font_config)] if faces else []
    with _capture_notdef() as seen:  # glyphs are looked up while the PDF is drawn
        doc = _layout(html, base_url, sheets, font_config)
        data = doc.write_pdf()
    # characters never drawn on their own (U+FE0F after an emoji …) print as nothing anyway
    chars = "".join(sorted(ch for ch in set("".join(seen.missing)) if drawn(ch)))
    if chars:
        raise MissingGlyph(chars, name)
    return doc, data


def html_to_pdf(html: str, target: Path | None = None, base_url: str | None = None) -> bytes:
    """Render ``html`` (must declare ``<meta charset="utf-8">``) to PDF bytes, written to
    ``target`` too when given (:func:`render_pdf`). A sheet that declares size steps
    (:func:`fit_steps`) is laid out at the largest step that fits one A4 page; a text too long
    even for the smallest flows onto further pages at that smallest size (never smaller:
    readable from the lobby).

    :raises MissingGlyph: a character has no glyph in any font (nothing is written).
    """
    _doc, data = render_pdf(html, base_url, str(target or "<memory>"))
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return data


def print_css(root: Path | None) -> str:
    """Text of ``print/print.css`` (the office's own, else ours)."""
    env = make_env(root, None)
    assert env.loader is not None  # make_env always sets one
    return env.loader.get_source(env, "print/print.css")[0]
