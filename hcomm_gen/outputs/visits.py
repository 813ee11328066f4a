"""Internal visit documents (VISIT-PRIVACY, P5.3.3: never part of the public build).

* the blank 业户访问记录 forms of a visit plan, one A4 page per planned household, with the
  signature box (P5.1.2);
* the monthly 访问业户总结 for the director (P5.4.1, P5.4.2): quota, visits by mode and by
  topic, every opinion with the director's decision, escalations listed separately.

Both are HTML from ``templates/print/visit_*.j2`` turned into PDF by
:func:`hcomm_gen.outputs.pdf.html_to_pdf` (raises :class:`~hcomm_gen.outputs.pdf.MissingGlyph`).
They are written under ``internal/`` by default (:data:`INTERNAL_DIR`), a folder the public
build never reads or copies (``site/`` is built from generated pages only, ``print/`` holds only
notice sheets).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hcomm_gen.domain.terms import TOPICS, VISIT_MODES
from hcomm_gen.domain.visit_plan import VisitPlan
from hcomm_gen.domain.visits import month_summary, parse_month, quota_state, rate_band_zh, summary_deadline
from hcomm_gen.outputs.env import make_env, zh_month_of
from hcomm_gen.outputs.pdf import html_to_pdf
from hcomm_gen.records.loader import Records

#: internal outputs, relative to the office folder (ignored by git, never published)
INTERNAL_DIR = "internal"


def _env(records: Records, root: Path | None):
    env = make_env(root, records.tz)
    env.filters["mmdd"] = lambda d: f"{d.astimezone(records.tz):%m-%d %H:%M}" if d else ""
    return env


def visit_forms_html(records: Records, plan: VisitPlan, root: Path | None = None) -> str:
    """HTML of the blank 业户访问记录 forms for ``plan``: one page per planned household."""
    c = records.community
    return _env(records, root).get_template("print/visit_form.html.j2").render(
        community=c, plan=plan, month_zh=zh_month_of(plan.month), modes=VISIT_MODES, topics=TOPICS,
        footer=f"{c.name} · 业户访问记录 · 内部记录 注意保密")


def summary_html(records: Records, month: str, root: Path | None = None,
                 now: datetime | None = None) -> str:
    """HTML of the 访问业户总结 of ``month`` (``"YYYY-MM"``) from the visit records and, if
    present, the month's summary record (the director's decisions). ``now`` (aware; default:
    the current time) decides whether the quota line reads 达标/未达标 (a complete month) or
    进行中 (a draft of the current month), as :func:`~hcomm_gen.domain.visits.quota_state`.

    :raises ValueError: ``month`` is not ``YYYY-MM``.
    """
    parse_month(month)
    c = records.community
    s = month_summary(month, records.registry.households, records.visits,
                      records.visit_summaries, records.tz)
    supervisor = (s.summary.supervisor if s.summary and s.summary.supervisor else
                  next((st.name for st in c.staff if st.role == "客户服务主管"), "　　　　"))
    state = quota_state(s.quota, now or datetime.now(records.tz), records.tz)
    return _env(records, root).get_template("print/visit_summary.html.j2").render(
        community=c, s=s, q=s.quota, quota_state=state, month_zh=zh_month_of(month), band="已入住 " + rate_band_zh(s.quota.occupied),
        supervisor=supervisor, deadline=summary_deadline(month),
        footer=f"{c.name} · 访问业户总结 {zh_month_of(month)} · 内部资料 不得公开")


def default_summary_path(root: Path, month: str) -> Path:
    """``root/internal/visit-summary-YYYY-MM.pdf``."""
    return Path(root) / INTERNAL_DIR / f"visit-summary-{month}.pdf"


def write_summary_pdf(records: Records, month: str, target: Path, root: Path | None = None,
                      now: datetime | None = None) -> Path:
    """Write the 访问业户总结 of ``month`` as PDF to ``target`` (``now`` as in
    :func:`summary_html`); returns ``target``.

    :raises MissingGlyph: a character of the records is in no installed font.
    """
    html_to_pdf(summary_html(records, month, root, now), Path(target))
    return Path(target)


def write_visit_forms_pdf(records: Records, plan: VisitPlan, target: Path,
                          root: Path | None = None) -> Path:
    """Write the blank visit forms of ``plan`` as PDF to ``target``; returns ``target``.

    :raises MissingGlyph: a character is in no installed font.
    """
    html_to_pdf(visit_forms_html(records, plan, root), Path(target))
    return Path(target)
