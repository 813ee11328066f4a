"""The printed sheet and its content-addressed cache: a :class:`Sheet` is a file name and
its full HTML; :func:`render_sheets` writes each one's PDF, rendered only when not cached.

Cache: a sheet's key is the SHA-256 of its full HTML (record text, community data,
templates and CSS, QR code are all in it) and :func:`~hcomm_gen.outputs.pdf.fonts_version`;
the PDF is kept as ``.hcomm-cache/print/<key>.pdf`` under the office folder and copied, not
rendered, when the key is already there. A changed record changes its HTML, so it is always
rendered again; a no-change run renders nothing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from hcomm_gen.core.errors import OutputError
from hcomm_gen.core.fonts import advice, char_name
from hcomm_gen.outputs.pdf import MissingGlyph, fonts_version, html_to_pdf

#: bump when the cache layout or the meaning of a key changes
CACHE_FORMAT = "hcomm-sheets-1"
CACHE_DIR = Path(".hcomm-cache") / "print"


@dataclass
class Sheet:
    """One printed sheet: ``kind`` is ``notice``, ``finance``, ``warning``, ``survey_result``
    or ``survey_announcement``; ``name`` its file path under ``print/`` (``signs/…`` for
    warning signs, ``surveys/…`` for survey sheets); ``html`` the full document."""

    kind: str
    notice_id: str
    name: str
    html: str
    source: str = ""     # the record's file (for messages)
    title: str = ""

    @property
    def key(self) -> str:
        """Cache key: SHA-256 (hex) of the HTML, the fonts' identity and the cache format."""
        h = hashlib.sha256()
        for part in (CACHE_FORMAT, fonts_version(), self.html):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


@dataclass
class RenderStats:
    """What :func:`render_sheets` did: file paths written, names rendered anew and reused
    from the cache, rendering time per rendered sheet (seconds), and the sheets that failed
    (:class:`SheetGlyphError`, each naming its sheet and characters)."""

    files: list[Path] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    #: sheets not written because a character of theirs is in no installed font
    failed: list[SheetGlyphError] = field(default_factory=list)


class SheetGlyphError(MissingGlyph):
    """:class:`MissingGlyph` for a given sheet (``sheet``); ``zh``/``en`` name the characters
    (``U+XXXX“x”``, :func:`hcomm_gen.core.fonts.char_name`) and say what to do
    (:func:`hcomm_gen.core.fonts.advice`, by the first character's kind)."""

    def __init__(self, exc: MissingGlyph, sheet: Sheet):
        super().__init__(exc.chars, exc.target)
        self.sheet = sheet
        names = "、".join(char_name(ch) for ch in exc.chars)
        todo_zh, todo_en = advice(exc.chars[0]) if exc.chars else ("", "")
        self.zh = (f"{sheet.source}: 通知“{sheet.title}”里的字 {names} 在已安装的字体里都没有，"
                   f"打印出来会是空方框，所以张贴单 {sheet.name} 没有生成。{todo_zh}。")
        self.en = (f"{sheet.source}: character(s) {', '.join(char_name(ch) for ch in exc.chars)} of "
                   f"\"{sheet.title}\" are in no installed font and would print as empty boxes, so "
                   f"sheet {sheet.name} was not written; {todo_en}.")


class UnsafeSheetName(OutputError):
    """A sheet's file name would put it outside the output folder (``sheet``); ``zh``/``en``.
    An :class:`~hcomm_gen.core.errors.OutputError` (exit 3)."""

    def __init__(self, sheet: Sheet, out_dir: Path):
        self.sheet = sheet
        super().__init__(
            f"{sheet.source}: 通知编号“{sheet.notice_id}”会把张贴单写到 {out_dir} 以外"
            f"（{sheet.name}），所以没有生成。编号只能用字母、数字、“-”和“_”，请改正编号。",
            f"{sheet.source}: notice ID '{sheet.notice_id}' would write a sheet outside "
            f"{out_dir} ({sheet.name}), so nothing was written. Use letters, digits, '-' "
            "and '_' only in IDs.")


def safe_target(out_dir: Path, sheet: Sheet) -> Path:
    """``out_dir/<sheet.name>``, refused (:class:`UnsafeSheetName`) when it resolves outside
    ``out_dir`` (``..`` parts, an absolute name)."""
    base = out_dir.resolve()
    target = (base / sheet.name).resolve()
    if target == base or base not in target.parents:
        raise UnsafeSheetName(sheet, out_dir)
    return out_dir / sheet.name


def _atomic_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def cache_dir(root: Path) -> Path:
    """``root/.hcomm-cache/print`` (created, with a ``.gitignore`` so git ignores the cache)."""
    d = Path(root) / CACHE_DIR
    d.mkdir(parents=True, exist_ok=True)
    ign = d.parent / ".gitignore"
    if not ign.exists():
        ign.write_text("# hcomm's cache of rendered sheets: safe to delete\n*\n", encoding="utf-8")
    return d


def _render_one(sheet: Sheet, target: Path, hit: Path | None, stats: RenderStats) -> None:
    """Render ``sheet`` to ``target`` (atomically), store it as ``hit`` in the cache."""
    t0 = time.perf_counter()
    try:
        data = html_to_pdf(sheet.html)
    except MissingGlyph as exc:
        raise SheetGlyphError(exc, sheet) from None
    stats.seconds[sheet.name] = time.perf_counter() - t0
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    if hit is not None:
        _atomic_copy(target, hit)
    stats.rendered.append(sheet.name)


def render_sheets(sheets: list[Sheet], out_dir: Path, cache: Path | None,
                  progress=None) -> RenderStats:
    """Write each sheet's PDF to ``out_dir/<sheet.name>``, from ``cache`` when its key is
    there, else rendered (and then stored in ``cache``). A sheet with a character that no
    installed font has is not written and is listed in ``failed`` of the result; the other
    sheets are written all the same (PRINT-GLYPH: one bad character costs one sheet).

    :param progress: optional callable ``(iterable, label) -> iterable`` (progress bar).
    :raises UnsafeSheetName: a sheet's file would land outside ``out_dir`` (an ID such as
        ``../../x``; RECORD-ID refuses those first, this is the second line of defence).
    """
    stats = RenderStats()
    items = progress(sheets, "打印张贴单") if progress and len(sheets) > 1 else sheets
    for sheet in items:
        target = safe_target(Path(out_dir), sheet)
        key = sheet.key
        hit = cache / f"{key}.pdf" if cache is not None else None
        if hit is not None and hit.is_file():
            _atomic_copy(hit, target)
            stats.reused.append(sheet.name)
        else:
            try:
                _render_one(sheet, target, hit, stats)
            except SheetGlyphError as exc:
                stats.failed.append(exc)
                continue
        stats.files.append(target)
    return stats


def prune_cache(cache: Path, keep: set[str]) -> int:
    """Delete cached PDFs whose key is not in ``keep``; returns how many were deleted."""
    n = 0
    for p in Path(cache).glob("*.pdf"):
        if p.stem not in keep:
            p.unlink(missing_ok=True)
            n += 1
    return n
