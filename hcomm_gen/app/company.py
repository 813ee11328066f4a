"""``hcomm company build``: one report over many offices (issue 13.4; P5.4.2 complaint centre,
P5.7.2 quality department) as library calls.

**Which offices.** Each OFFICE is one of

* an office folder (an office root holding ``records/``): its records are read and its
  figures computed as its own build would (:mod:`hcomm_gen.domain.office_figures`), public and
  company-only parts;
* a built site folder (holding ``summary.json``) or an ``http(s)://`` address of a published
  site (``…/summary.json`` is read): the public part only (:data:`PUBLIC_ONLY_MISSING` says
  what the report then lacks for that office);
* a ``company.yaml`` (a file ending in ``.yaml``/``.yml``), which names the company and lists
  offices of the kinds above (:func:`read_company_yaml`; paths relative to the file).

**How.** The offices are computed in parallel by a process pool
(:class:`concurrent.futures.ProcessPoolExecutor`); a worker reads one office and returns only
its small :class:`OfficeOutcome` (figures, never records), so memory does not grow with the
records of N offices. An office whose records cannot be read (or whose summary cannot be
fetched) does not stop the others: it is reported as 未能统计 with its first problems (rule IDs
and counts, file positions; never a record's text).

**Output.** The report site and PDF are rendered into a fresh folder beside ``out`` and
swapped in by renames (:func:`hcomm_gen.app.publish.swap_in`): the old report or the new one,
never half of one. A folder ``out`` that exists, is not empty and is not an earlier company
report is refused (it would be replaced).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import repeat
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import yaml

from hcomm_gen.app.checking import resolve_now
from hcomm_gen.app.publish import swap_in
from hcomm_gen.core.errors import HcommError, OutputError, UsageError
from hcomm_gen.core.problems import ERROR
from hcomm_gen.core.registry import RULES
from hcomm_gen.domain import office_figures as of
from hcomm_gen.outputs.company import MARKER, render_company
from hcomm_gen.outputs.pdf import MissingGlyph
from hcomm_gen.outputs.summary import public_from_json
from hcomm_gen.records.loader import load_records

#: the default output folder (relative to the current folder)
DEFAULT_OUT = "company-site"
#: what a report lacks for an office read from its ``summary.json`` (built site or URL)
PUBLIC_ONLY_MISSING = ("上报意见及时长", "问卷统计表（各项目明细）", "公司统一编码的不满意项目")
#: problems listed per office that could not be counted
FIRST_PROBLEMS = 3
#: seconds to wait for a published site's summary.json
URL_TIMEOUT = 30

RECORDS, SITE, URL = "records", "site", "url"


@dataclass(frozen=True)
class OfficeSource:
    """One office of the report: ``kind`` is :data:`RECORDS` (an office folder with
    ``records/``), :data:`SITE` (a built site folder with ``summary.json``) or :data:`URL`
    (a published site); ``where`` the absolute folder path or the address; ``label`` the name
    shown instead of the community's own (``company.yaml``), if any."""

    kind: str
    where: str
    label: str | None = None


@dataclass
class Company:
    """The company's name and its offices, in the order given."""

    name: str
    offices: list[OfficeSource] = field(default_factory=list)


@dataclass(frozen=True)
class ProblemBrief:
    """One problem of an office that could not be counted, without its message text (which
    may quote a record): ``rule`` ID, its statement ``title`` (zh), ``where``
    (``records/…:line:col``)."""

    rule: str
    title: str
    where: str


@dataclass
class OfficeOutcome:
    """What a worker returns for one office: its ``figures``
    (:class:`~hcomm_gen.domain.office_figures.OfficeFigures`, or ``None`` when it could not be
    counted), whether they are the public part only (``public_only``: read from
    ``summary.json``), and for a failed office ``reason`` (zh, en), the ``problems`` counted
    by rule ID (``[(rule, count)]``) and the first :data:`FIRST_PROBLEMS` of them."""

    source: OfficeSource
    figures: of.OfficeFigures | None = None
    public_only: bool = False
    reason: tuple[str, str] | None = None
    #: the community's name when community.yaml could be read (a failed office too)
    community: str | None = None
    by_rule: list[tuple[str, int]] = field(default_factory=list)
    first: list[ProblemBrief] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.figures is None

    @property
    def name(self) -> str:
        """The label of ``company.yaml``, else the community's name, else the folder or address."""
        if self.source.label:
            return self.source.label
        if self.figures is not None:
            return self.figures.public.community_name
        if self.community:
            return self.community
        return self.source.where.rstrip("/").rsplit("/", 1)[-1] or self.source.where


@dataclass
class CompanyResult:
    """The report written: ``out`` (folder), ``pdf`` (file in it), every office's outcome in
    the order given, and the moment it is as of."""

    out: Path
    pdf: Path
    offices: list[OfficeOutcome]
    now: datetime

    @property
    def failed(self) -> list[OfficeOutcome]:
        return [o for o in self.offices if o.failed]

    @property
    def public_only(self) -> list[OfficeOutcome]:
        return [o for o in self.offices if not o.failed and o.public_only]


# --- which offices --------------------------------------------------------------------------

def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def classify(text: str, base: Path, label: str | None = None, origin: str = "") -> OfficeSource:
    """The :class:`OfficeSource` of ``text``: an address, else a folder (relative to ``base``)
    holding ``records/`` (an office) or ``summary.json`` (a built site).

    :param origin: where ``text`` was written (``company.yaml`` entry), for the message.
    :raises UsageError: a folder that is neither (exit 2).
    """
    if _is_url(text):
        return OfficeSource(URL, text, label)
    path = (base / Path(text).expanduser()).absolute()
    if (path / "records").is_dir():
        return OfficeSource(RECORDS, str(path), label)
    if (path / "summary.json").is_file():
        return OfficeSource(SITE, str(path), label)
    where = f"{origin}：" if origin else ""
    where_en = f"{origin}: " if origin else ""
    raise UsageError(f"{where}{path} 既不是管理处文件夹（里面没有 records/），也不是生成好的网站（里面没有 summary.json）。"
                     "请给出管理处文件夹、site/ 文件夹或网站地址。",
                     f"{where_en}{path} is neither an office folder (no records/) nor a built site "
                     "(no summary.json). Give an office folder, a site/ folder or a site address.")


def _entry(item: object, n: int, path: Path) -> OfficeSource:
    """Office number ``n`` (1-based) of ``company.yaml`` at ``path``."""
    origin = f"{path} 第 {n} 个管理处"
    if isinstance(item, str):
        return classify(item, path.parent, None, origin)
    if isinstance(item, dict):
        keys = [k for k in ("path", "site", "url") if k in item]
        label = item.get("label")
        unknown = set(item) - {"path", "site", "url", "label"}
        if len(keys) == 1 and not unknown and isinstance(item[keys[0]], str) and \
                (label is None or isinstance(label, str)):
            return classify(item[keys[0]], path.parent, label.strip() if label else None, origin)
    raise UsageError(f"{origin}写法不对：{item!r}。每一项写一个文件夹或地址，或写成 {{path: ../某小区, label: 某小区}}"
                     "（path / site / url 三者选一，label 可省略）。",
                     f"{path}, office {n}: cannot read {item!r}. Write a folder or address, or "
                     "{path: ../office, label: Name} (one of path / site / url; label optional).")


def read_company_yaml(path: Path) -> Company:
    """Read ``company.yaml`` (docs/company.md)::

        name: 某某物业服务有限公司        # the company (shown on every page)
        offices:                         # in the order shown
          - ../h小区                      # an office folder (with records/)
          - {path: ../阳光小区, label: 阳光小区（一期）}
          - {site: /srv/www/b小区}        # a built site folder (summary.json)
          - https://c.example.cn/        # a published site

    Relative paths are relative to the file's folder.

    :raises UsageError: the file cannot be read, is not YAML, has no ``offices`` list or an
        entry names no office (exit 2).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"读不出 {path}：{exc.strerror or exc}。", f"Cannot read {path}: {exc.strerror or exc}.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise UsageError(f"{path}{at}：不是有效的 YAML。请对照 docs/company.md 的例子改正。",
                         f"{path}{at}: not valid YAML. Compare with the example in docs/company.md.") from None
    offices = data.get("offices") if isinstance(data, dict) else None
    if not isinstance(offices, list) or not offices:
        raise UsageError(f"{path}：缺少 offices: 列表（要统计的管理处）。请对照 docs/company.md 的例子。",
                         f"{path}: no offices: list (the offices to report on). See docs/company.md.")
    name = data.get("name")
    return Company(name.strip() if isinstance(name, str) and name.strip() else "",
                   [_entry(item, n, path) for n, item in enumerate(offices, 1)])


def company_of(args: Iterable[str], name: str | None = None, cwd: Path | None = None) -> Company:
    """The company of the command line: each argument an office (:func:`classify`) or a
    ``company.yaml`` (:func:`read_company_yaml`, its offices in its order); ``name`` (``--name``)
    over the file's; default name ``公司``.

    :raises UsageError: no office, or an argument that names none (exit 2).
    """
    base = cwd or Path.cwd()
    company = Company("")
    for arg in args:
        p = base / arg
        if not _is_url(arg) and p.suffix.lower() in (".yaml", ".yml") and not p.is_dir():
            listed = read_company_yaml(p)
            company.name = company.name or listed.name
            company.offices += listed.offices
        else:
            company.offices.append(classify(arg, base))
    if not company.offices:
        raise UsageError("没有要统计的管理处：请给出管理处文件夹或 company.yaml。",
                         "No offices: give office folders or a company.yaml.")
    company.name = (name or "").strip() or company.name or "公司"
    return company


# --- one office (in a worker process) --------------------------------------------------------

def _failed(source: OfficeSource, zh: str, en: str) -> OfficeOutcome:
    return OfficeOutcome(source, reason=(zh, en))


def _from_records(source: OfficeSource, now: str | None) -> OfficeOutcome:
    root = Path(source.where)
    records = load_records(root)
    errors = [p for p in records.problems if p.severity == ERROR]
    if errors or not records.has_community:
        out = _failed(source, f"有 {len(errors)} 个记录文件的错误，数字会不准（请在该管理处运行 hcomm check 改正）。",
                      f"{len(errors)} record file errors would make the figures wrong (run hcomm check there).")
        out.by_rule = Counter(p.rule for p in errors).most_common()
        out.first = [ProblemBrief(p.rule, RULES[p.rule].zh if p.rule in RULES else "",
                                  f"{_relative(p.pos.path, root)}:{p.pos.line}:{p.pos.column}")
                     for p in errors[:FIRST_PROBLEMS]]
        if records.has_community:
            out.community = records.community.name
        else:
            out.reason = ("没有 records/community.yaml，或读不出。", "records/community.yaml is missing or unreadable.")
        return out
    when = resolve_now(records, now)
    return OfficeOutcome(source, of.office_figures(records, when))


def _relative(path: str, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return Path(path).name


def _summary_text(source: OfficeSource) -> str:
    if source.kind == SITE:
        return (Path(source.where) / "summary.json").read_text(encoding="utf-8")
    url = source.where.rstrip("/") + "/summary.json" if not source.where.endswith(".json") else source.where
    req = urllib.request.Request(url, headers={"User-Agent": "hcomm-company"})
    with urllib.request.urlopen(req, timeout=URL_TIMEOUT) as resp:  # noqa: S310 (http(s) only: _is_url)
        return resp.read().decode("utf-8")


def _from_summary(source: OfficeSource) -> OfficeOutcome:
    try:
        text = _summary_text(source)
    except (OSError, urllib.error.URLError, UnicodeDecodeError) as exc:
        why = f"HTTP {exc.code}" if isinstance(exc, urllib.error.HTTPError) else \
            getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
        return _failed(source, f"读不到 summary.json：{why}。", f"Cannot read summary.json: {why}.")
    try:
        figures = of.OfficeFigures(public_from_json(json.loads(text)), of.CompanyFigures((), ()))
    except (ValueError, KeyError, TypeError) as exc:
        return _failed(source, f"summary.json 的内容不对（{type(exc).__name__}），请用新版 hcomm 重新生成该网站。",
                       f"summary.json is not as expected ({type(exc).__name__}); rebuild that site with a current hcomm.")
    return OfficeOutcome(source, figures, public_only=True)


def office_outcome(source: OfficeSource, now: str | None) -> OfficeOutcome:
    """The figures of one office as of ``now`` (text as ``--now``, in the office's own time
    zone; ``None``: the current time). Runs in a worker process; never raises for the office's
    own faults (they make a failed :class:`OfficeOutcome`), so one office cannot stop the
    others. A ``--now`` that is not a date-time raises :class:`UsageError` (every office would
    fail alike)."""
    try:
        if source.kind == RECORDS:
            return _from_records(source, now)
        return _from_summary(source)
    except HcommError as exc:
        return _failed(source, exc.zh, exc.en)
    except Exception as exc:  # noqa: BLE001 - one office's fault (a bug of hcomm there) stops only it
        return _failed(source, f"统计时出错（{type(exc).__name__}），请在该管理处运行 hcomm check。",
                       f"Failed while computing ({type(exc).__name__}); run hcomm check in that office.")


# --- the report -------------------------------------------------------------------------------

def _check_now(now: str | None) -> datetime:
    """``--now`` as an aware moment for the report's heading (Asia/Shanghai unless an offset is
    given); each office reads the same text in its own time zone (:func:`office_outcome`).

    :raises UsageError: not a date-time (exit 2), before any office is read."""
    return resolve_now(SimpleNamespace(tz=ZoneInfo("Asia/Shanghai")), now)  # type: ignore[arg-type]


def _check_out(out: Path) -> None:
    """:raises UsageError: ``out`` exists and is a file, or a non-empty folder that is not a
    company report written by this command (it would be replaced)."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(f"{out} 已存在且不是文件夹，请用 --out 换一个文件夹。",
                         f"{out} exists and is not a folder; choose another with --out.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(f"{out} 里已有别的文件（不是公司报告），为免覆盖没有写入。请用 --out 换一个空文件夹。",
                         f"{out} holds other files (not a company report); nothing was written. "
                         "Choose an empty folder with --out.")


def _pool(jobs: int | None, offices: int) -> ProcessPoolExecutor | None:
    """The process pool of ``jobs`` workers (default: the number of CPUs), or ``None`` for one
    job or one office (then everything runs in this process)."""
    jobs = jobs or os.cpu_count() or 1
    return ProcessPoolExecutor(max_workers=jobs) if jobs > 1 and offices > 1 else None


def outcomes(company: Company, now: str | None, jobs: int | None = None,
             progress: Callable[[OfficeOutcome], None] | None = None,
             pool: ProcessPoolExecutor | None = None) -> list[OfficeOutcome]:
    """Every office's :class:`OfficeOutcome`, in the order given, computed by ``pool`` (or one
    of ``jobs`` processes, default the number of CPUs; ``1``: in this process, no pool).

    :param progress: called with each outcome as it arrives (in order).
    """
    if pool is None:
        own = _pool(jobs, len(company.offices))
        if own is None:
            return [_seen(office_outcome(o, now), progress) for o in company.offices]
        with own:
            return outcomes(company, now, progress=progress, pool=own)
    results = pool.map(office_outcome, company.offices, repeat(now), chunksize=1)
    return [_seen(o, progress) for o in results]


def _seen(outcome: OfficeOutcome, progress) -> OfficeOutcome:
    if progress is not None:
        progress(outcome)
    return outcome


def build_company(company: Company, out: Path | str | None = None, now: str | None = None,
                  jobs: int | None = None,
                  progress: Callable[[OfficeOutcome], None] | None = None) -> CompanyResult:
    """Compute every office (:func:`outcomes`) and write the company report (site and PDF)
    into ``out`` (default :data:`DEFAULT_OUT` in the current folder), all or nothing.

    :raises UsageError: ``now`` is not a date-time; ``out`` is not ours to replace (exit 2).
    :raises OutputError: the report cannot be written (a character no font has, a full disk;
        exit 3); the previous report is then untouched.
    """
    target = Path(out or DEFAULT_OUT).expanduser().absolute()
    when = _check_now(now)
    _check_out(target)
    pool = _pool(jobs, len(company.offices))
    with pool if pool is not None else nullcontext():
        return _build(company, target, now, when, pool, progress)


def _build(company: Company, target: Path, now: str | None, when: datetime, pool: ProcessPoolExecutor | None,
           progress: Callable[[OfficeOutcome], None] | None) -> CompanyResult:
    """:func:`build_company` with its pool (the offices, then the PDF's parts)."""
    results = outcomes(company, now, progress=progress, pool=pool) if pool else outcomes(company, now, 1, progress)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)  # mkdtemp's 0700 would hide the report from a web server
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}。请用 --out 换一个文件夹。",
                          f"Cannot write {target}: {exc.strerror or exc}. Choose another folder with --out.") from None
    try:
        pdf_name = render_company(company.name, results, when, tmp,
                                  partial(pool.map, chunksize=1) if pool is not None else map)
        swap_in(tmp, target)
    except MissingGlyph as exc:
        raise OutputError(f"报告里的字“{exc.chars}”在已安装的字体里没有，未生成 {target}。请安装含有该字的字体。",
                          f"Characters '{exc.chars}' are in no installed font; {target} was not written.") from None
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}。请用 --out 换一个文件夹。",
                          f"Cannot write {target}: {exc.strerror or exc}. Choose another folder with --out.") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return CompanyResult(target, target / pdf_name, results, when)
