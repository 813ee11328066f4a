"""``hcomm visits quota|plan|summary`` as library calls (P5.1–P5.4): the records a visit
figure depends on, the month's quota as of a moment, a visit plan with its blank forms, and the
访问业户总结 PDF for the director. The CLI only prints what these return."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from hcomm_gen.app.checking import resolve_now
from hcomm_gen.core.errors import OutputError, RecordsError
from hcomm_gen.core.problems import ERROR
from hcomm_gen.domain.asof import as_of
from hcomm_gen.domain.visit_plan import VisitPlan, plan_visits
from hcomm_gen.domain.visits import MonthQuota, MonthSummary, month_quota, month_summary
from hcomm_gen.outputs.pdf import MissingGlyph
from hcomm_gen.outputs.visits import default_summary_path, write_summary_pdf, write_visit_forms_pdf
from hcomm_gen.records.loader import Records, load_records

#: the files every visit figure depends on (a problem in one stops the visit commands)
VISIT_FILES = ("community.yaml", "households.yaml", "/visits/", "/visit-summaries/")


def load_visit_records(root: Path) -> Records:
    """The records of the office ``root`` for a visit figure.

    :raises RecordsError: the community, registry, a visit or a visit summary cannot be read
        (exit 1; its ``problems`` are those files' errors), since every figure depends on them.
    """
    records = load_records(root)
    bad = [p for p in records.problems if p.severity == ERROR and
           any(k in p.pos.path.replace("\\", "/") for k in VISIT_FILES)]
    if bad or not records.has_community:
        raise RecordsError("访问记录或业户登记有读不出的文件，数字会不准。请先改正上面的问题（hcomm check）。",
                           "Some visit or registry files cannot be read, so the figures would be wrong. "
                           "Fix the problems above first (hcomm check).", problems=bad)
    return records


def write_pdf(write: Callable[[Path], object], target: Path) -> Path:
    """Write a PDF with ``write(path)`` to ``target`` (relative to the current folder).

    :returns: the absolute path written.
    :raises OutputError: a character no installed font has, or the file cannot be written (exit 3).
    """
    target = Path(target).expanduser().absolute()
    try:
        write(target)
    except MissingGlyph as exc:  # the same exit 3, worded for these PDFs
        raise OutputError(f"记录里的字“{exc.chars}”在已安装的字体里没有，打印出来会是空方框，未生成 {target}。"
                          "请安装含有该字的字体（如 fonts-noto-cjk-extra），或改用常用字。",
                          f"Characters '{exc.chars}' are in no installed font; {target} was not written. "
                          "Install a font that has them.") from None
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}。请换一个文件夹或文件名（--out / --pdf）。",
                          f"Cannot write {target}: {exc.strerror or exc}. Choose another folder or file name.") from None
    return target


@dataclass
class QuotaAsOf:
    """The quota of a month (VISIT-QUOTA, P5.1.1) as of ``now`` in the time zone ``tz``."""

    quota: MonthQuota
    now: datetime
    tz: tzinfo


def visit_quota(root: Path, month: str, now: str | None) -> QuotaAsOf:
    """The quota of ``month`` (``"YYYY-MM"``) as of ``now`` (visits dated later had not
    happened yet). :raises RecordsError, UsageError: see :func:`load_visit_records`,
    :func:`~hcomm_gen.app.pipeline.resolve_now`."""
    records = load_visit_records(root)
    when = resolve_now(records, now)
    records = as_of(records, when)
    return QuotaAsOf(month_quota(month, records.registry.households, records.visits, records.tz),
                     when, records.tz)


@dataclass
class PlanResult:
    """A visit plan and the PDF of its blank forms (``None`` when none was asked or the quota
    is met)."""

    plan: VisitPlan
    forms: Path | None = None


def visit_plan(root: Path, month: str, seed: int, extra: int, pdf: Path | None = None) -> PlanResult:
    """The households to visit in ``month`` to meet its quota (``extra`` spares; ``seed``
    breaks ties), and with ``pdf`` the blank 业户访问记录 forms, one page a household.

    :raises RecordsError: see :func:`load_visit_records`; :raises OutputError: see :func:`write_pdf`.
    """
    records = load_visit_records(root)
    plan = plan_visits(month, records.registry.households, records.visits, records.tz, seed, extra)
    result = PlanResult(plan)
    if pdf is not None and plan.rows:
        result.forms = write_pdf(lambda t: write_visit_forms_pdf(records, plan, t, root), pdf)
    return result


@dataclass
class SummaryResult:
    """The figures of a month's 访问业户总结, the PDF written, and the moment they are as of."""

    summary: MonthSummary
    pdf: Path
    now: datetime
    tz: tzinfo


def visit_summary(root: Path, month: str, now: str | None, out: Path | None = None) -> SummaryResult:
    """Draft the 访问业户总结 of ``month`` (VISIT-SUMMARY, VISIT-ESCALATE, P5.4) as of ``now``
    into ``out`` (default ``root/internal/visit-summary-YYYY-MM.pdf``).

    :raises RecordsError, UsageError, OutputError: as :func:`visit_quota` and :func:`write_pdf`.
    """
    records = load_visit_records(root)
    when = resolve_now(records, now)
    records = as_of(records, when)  # visits and decisions after now had not happened yet
    s = month_summary(month, records.registry.households, records.visits,
                      records.visit_summaries, records.tz)
    target = write_pdf(lambda t: write_summary_pdf(records, month, t, root, when),
                       out or default_summary_path(root, month))
    return SummaryResult(s, target, when, records.tz)
