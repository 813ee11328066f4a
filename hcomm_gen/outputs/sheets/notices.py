"""The sheets of a notice (P4.1, P4.2, P4.6), one registered source each:

* the **notice sheet** (通知单, ``print/notice.html.j2``, A4 portrait) for every kind except
  ``finance``;
* the **financial statement posting** (财务公示, ``print/finance.html.j2``) of a ``finance``
  notice: ``item　amount 元`` lines of the body become a table;
* one **warning sign** (警示标示, ``print/warning.html.j2``, A4 landscape, large type) per
  item of ``warning_signs`` of a ``pest_control`` or ``works`` notice (NOTICE-PEST): the place
  of the work (``work_at``) in large type, where it hangs (``hang_at``) in the footer when
  that is elsewhere; works that stop the lift or a supply say so (电梯停用, from ``outage:``).

Main sheets go to ``print/``, signs to ``print/signs/``; every file name starts with the date
of the notice's start (or publication) and says the kind, so ``ls`` lists them by date. A
changed notice's sheets (issue 16) say the change (banner 变更/取消, its text and date, the
times as changed) and carry ``_change-<k>``/``_cancel-<k>`` in their names: a new sheet to post.
"""
from __future__ import annotations

from hcomm_gen.outputs.sheets.model import Sheet
from hcomm_gen.outputs.sheets.notice_text import (
    SIGN_KINDS,
    WHEN_LABELS,
    finance_blocks,
    first_sentence,
    period_text,
    sign_words,
)
from hcomm_gen.outputs.sheets.registry import NoticeSheets, notice_source
from hcomm_gen.outputs.views import time_span

#: folder of the warning signs under ``print/``
SIGN_DIR = "signs"


@notice_source("print/notice.html.j2")
def notice_sheet(ctx: NoticeSheets, template: str) -> list[Sheet]:
    """The 通知单 of every notice but a finance posting: ``print/<stem>.pdf`` (a changed
    notice's sheet says the change: ``print/<prefix>_change-<k>.pdf``, see
    :attr:`~.registry.NoticeSheets.stem`)."""
    if ctx.notice.kind == "finance":
        return []
    return [ctx.sheet("notice", f"{ctx.stem}.pdf", ctx.render(template, ctx.fields))]


@notice_source("print/finance.html.j2")
def finance_posting(ctx: NoticeSheets, template: str) -> list[Sheet]:
    """The 财务公示 of a ``finance`` notice: its body's amounts as tables, its period."""
    n = ctx.notice
    if n.kind != "finance":
        return []
    s = dict(ctx.fields, blocks=finance_blocks(ctx.fields["paras"]), period=period_text(n.period))
    return [ctx.sheet("finance", f"{ctx.stem}.pdf", ctx.render(template, s))]


@notice_source("print/warning.html.j2")
def warning_signs(ctx: NoticeSheets, template: str) -> list[Sheet]:
    """The 警示标示 of a pest-control or works notice, one per place in ``warning_signs``
    (NOTICE-PEST): ``print/signs/<stem>_sign-<i>.pdf``; none for a cancelled notice."""
    n, view = ctx.notice, ctx.view
    if n.kind not in SIGN_KINDS or view.cancelled:
        return []
    big1, big2, place_label = sign_words(n)
    when_label = WHEN_LABELS.get(n.kind, "时间")
    out = []
    for i, sign_at in enumerate(n.warning_signs, 1):
        # the place of the work in large type; where the sign hangs, when elsewhere, in
        # the footer (for whoever puts it up: 张贴位置)
        sign = dict(ctx.fields, big=(big1, big2), place=sign_at.work_place, place_label=place_label,
                    hang_at=sign_at.hang_at if sign_at.elsewhere else "",
                    when_label=when_label, when=time_span(n.start, n.end, view.tz),
                    advice=first_sentence(n.actions), number=i, count=len(n.warning_signs))
        out.append(ctx.sheet("warning", f"{SIGN_DIR}/{ctx.stem}_sign-{i}.pdf",
                             ctx.render(template, sign), f"{n.title}（警示标示：{sign_at.hang_at}）"))
    return out
