"""``hcomm share``: a notice for the residents' WeChat group (issue 11 item 1): the message to
paste (``ID.txt``) and the picture for a phone (``ID.png``), as the notice is at ``now``
(:mod:`hcomm_gen.outputs.share`)."""
from __future__ import annotations

import difflib
import errno
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hcomm_gen.app.pipeline import CheckResult, check
from hcomm_gen.domain.notices import UNPUBLISHED
from hcomm_gen.outputs.share import share_html, share_png, share_text
from hcomm_gen.outputs.views import NoticeView, notice_view


@dataclass
class ShareResult:
    """Outcome of :func:`share_notice`: the check; when it went through, the notice's ``view``
    at ``now`` and the files written (``text_file``, ``png_file``). ``unknown``: the ID names
    no notice (then ``close`` lists the IDs most like it, best first); nothing is written
    when a problem blocks publication (:attr:`CheckResult.blocking`)."""

    check: CheckResult
    view: NoticeView | None = None
    text: str = ""
    text_file: Path | None = None
    png_file: Path | None = None
    unknown: bool = False
    close: list[str] = field(default_factory=list)

    @property
    def unpublished(self) -> bool:
        """The notice's ``published`` time is after ``now``: its page is not on the site yet,
        so the link in the message opens only after publication and the next build."""
        return self.view is not None and self.view.state == UNPUBLISHED


def close_ids(wanted: str, ids: list[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``ids`` most like ``wanted`` (difflib, ratio ≥ 0.6; an ID containing
    ``wanted``, or contained in it, counts too), best first."""
    found = difflib.get_close_matches(wanted, ids, n=n, cutoff=0.6)
    found += [i for i in ids if wanted and (wanted in i or i in wanted) and i not in found]
    return found[:n]


def share_notice(root: Path | str, notice_id: str, now: datetime | str | None = None,
                 out: Path | str | None = None) -> ShareResult:
    """Check the records as of ``now``, then write ``<out>/<ID>.txt`` (the WeChat message,
    UTF-8) and ``<out>/<ID>.png`` (the picture) of the notice ``notice_id`` as it is at
    ``now`` (its changes made by then applied). ``out`` defaults to ``root/share``.

    Nothing is written when a problem blocks publication (the site would not be published,
    the link would show an old page or none) or the ID names no notice. A notice not yet
    published is shared all the same (the office may prepare the message), see
    :attr:`ShareResult.unpublished`.

    :raises UsageError: ``now`` is not a date-time.
    :raises MissingGlyph: a character of the notice no installed font has (no file written).
    """
    root = Path(root).resolve()
    result = ShareResult(check(root, now))
    chk = result.check
    if chk.blocking:
        return result
    records = chk.records
    by_id = {n.id: n for n in records.notices}
    if notice_id not in by_id:
        result.unknown = True
        result.close = close_ids(notice_id, sorted(by_id))
        return result
    c = records.community
    view = notice_view(by_id[notice_id], chk.now, records.tz, c.notice_display_days)
    text = share_text(view, c, chk.now)
    png = share_png(share_html(view, c, chk.now, root))
    folder = Path(out) if out is not None else root / "share"
    folder.mkdir(parents=True, exist_ok=True)
    result.view, result.text = view, text
    result.text_file = folder / f"{notice_id}.txt"
    result.png_file = folder / f"{notice_id}.png"
    # both or neither: each is written beside its place, then both are renamed into it
    txt_tmp = folder / f".{notice_id}.txt.tmp"
    png_tmp = folder / f".{notice_id}.png.tmp"
    try:
        txt_tmp.write_text(text + "\n", encoding="utf-8")
        png_tmp.write_bytes(png)
        for place in (result.text_file, result.png_file):
            if place.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(place))
        os.replace(png_tmp, result.png_file)
        os.replace(txt_tmp, result.text_file)
    finally:
        txt_tmp.unlink(missing_ok=True)
        png_tmp.unlink(missing_ok=True)
    return result
