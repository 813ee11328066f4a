"""``hcomm init DIR``: a new office folder that passes ``hcomm check`` and builds (issue 12).

What is written (:func:`init_office`):

* ``records/community.yaml`` from ``hcomm_gen/defaults/init/community.yaml.j2`` (a Chinese
  comment on every field; ``records_since`` is the day of ``init``);
* ``records/households.yaml``: the buildings and units given, no households yet (``hcomm
  households import`` fills them);
* ``.gitignore`` (the outputs and caches of hcomm), ``README.md`` (daily use, in Chinese);
* every file under ``hcomm_gen/defaults/office/`` (editor settings, CI templates, pre-commit
  configuration: whatever is there, same layout; its own ``README.md`` excepted), the CI
  templates with the pip spec of hcomm (``--hcomm-pip``) as the default of their ``HCOMM_PIP``
  variable when one is given (:func:`ci_template_text`);
* the JSON Schemas the editor settings point to (``.hcomm/schema/``, by
  :func:`hcomm_gen.app.schema.install_editor_support`);
* ``git init`` when git is installed (never required), on the branch ``main`` that the CI
  templates build and publish from.

Nothing half-written: the folder is assembled in a temporary folder beside ``DIR`` and moved
into place only when complete.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2

from hcomm_gen.app.schema import install_editor_support
from hcomm_gen.core.errors import UsageError

DEFAULTS = Path(__file__).resolve().parents[1] / "defaults"
#: community.yaml, README.md and .gitignore templates of ``init``
INIT_TEMPLATES = DEFAULTS / "init"
#: files copied as they are into every new office folder (other helpers' editor/CI files)
OFFICE_FILES = DEFAULTS / "office"

#: what ``init --yes`` writes for an address and a hotline not given (staff fill them in)
PLACEHOLDER_ADDRESS, PLACEHOLDER_HOTLINE = "请填写管理处地址", "请填写服务热线"
_PLAIN_UNSAFE = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|: |\s#|[\n\r\t]|:$|\s$""")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def yaml_scalar(value: object) -> str:
    """``value`` as a YAML scalar in block context: plain when it reads back as the same text
    (the loader reads every scalar as text), else double-quoted (JSON escapes are YAML's)."""
    text = str(value)
    if not text or _PLAIN_UNSAFE.search(text) or text.lower() in ("null", "~"):
        return json.dumps(text, ensure_ascii=False)
    return text


def parse_buildings(text: str) -> list[str]:
    """The buildings given as ``1-3`` (a range), ``1,2,5`` (a list; also ``，``、``、``),
    both (``1-3,5``) or names (``1栋,2幢``): ``["1栋", "2栋", "3栋"]``. A number becomes
    ``N栋``; a name must end in 栋 or 幢 (the areas of notices name buildings so).

    :raises UsageError: an empty list, a bad range, a name that is no building, a repeat.
    """
    out: list[str] = []
    for part in (p.strip() for p in re.split(r"[,，、;；\s]+", text.strip()) if p.strip()):
        m = re.fullmatch(r"(\d+)\s*[-–~～至到]\s*(\d+)", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a > b or b - a > 200:
                raise UsageError(f"楼栋范围“{part}”不对：请写成 1-3（从小到大）。",
                                 f"Bad building range '{part}': write e.g. 1-3 (low to high).")
            out += [f"{n}栋" for n in range(a, b + 1)]
        elif part.isdigit():
            out.append(f"{int(part)}栋")
        elif part.endswith(("栋", "幢")) and len(part) > 1:
            out.append(part)
        elif re.fullmatch(r"\d+号楼", part):
            out.append(f"{int(part[:-2])}栋")
        else:
            raise UsageError(f"“{part}”不是楼栋：请写楼号，如 1-3 或 1,2,5（也可以写 1栋,2栋）。",
                             f"'{part}' is not a building: write numbers such as 1-3 or 1,2,5 (or 1栋,2栋).")
    if not out:
        raise UsageError("请写明楼栋，如 1-3 或 1,2,5。", "Name the buildings, e.g. 1-3 or 1,2,5.")
    seen: set[str] = set()
    for name in out:
        if name in seen:
            raise UsageError(f"楼栋“{name}”写了两次。", f"Building '{name}' is given twice.")
        seen.add(name)
    return out


def parse_units(text: str, buildings: list[str]) -> list[list[str]]:
    """Units per building: one number for every building (``2`` → 1单元, 2单元) or one number
    per building in order (``2,2,3``). Returns the unit names of each building.

    :raises UsageError: not numbers, a count of 0 or above 50, or as many counts as buildings.
    """
    parts = [p for p in re.split(r"[,，、;；\s]+", str(text).strip()) if p]
    if not parts or not all(p.isdigit() and 1 <= int(p) <= 50 for p in parts):
        raise UsageError(f"单元数“{text}”不对：请写每栋的单元数，如 2，或每栋一个数，如 2,2,3。",
                         f"Bad units '{text}': give the units per building, e.g. 2, or one per building, e.g. 2,2,3.")
    if len(parts) == 1:
        parts = parts * len(buildings)
    if len(parts) != len(buildings):
        raise UsageError(f"写了 {len(parts)} 个单元数，但有 {len(buildings)} 栋楼。请写一个数（每栋相同）或每栋一个。",
                         f"{len(parts)} unit counts for {len(buildings)} buildings: give one, or one per building.")
    return [[f"{k}单元" for k in range(1, int(p) + 1)] for p in parts]


@dataclass
class OfficeSettings:
    """What ``init`` asks: the community (``name``, ``id``), its ``buildings`` with their
    ``units`` (one list per building), the office's name, address, hotline and hours, the
    site's address, the reception day (weekday 1–7, HH:MM times, place), the director's and the
    supervisor's work names, ``today`` (``records_since``) and ``hcomm_pip``: how CI installs
    hcomm (a pip requirement, ``""``: not known yet, see :func:`check_pip_spec`)."""

    name: str
    buildings: list[str]
    units: list[list[str]]
    today: date
    id: str = ""
    office: str = ""
    address: str = PLACEHOLDER_ADDRESS
    hotline: str = PLACEHOLDER_HOTLINE
    complaint_hotline: str = ""
    hours: str = "每日 08:30–17:30"
    site_url: str = ""
    reception_weekday: int = 3
    reception_start: str = "09:00"
    reception_end: str = "11:30"
    reception_place: str = "管理处"
    director: str = "管理处主任"
    supervisor: str = "客服主管"
    hcomm_pip: str = ""

    def __post_init__(self) -> None:
        for label, value in (("小区名称", self.name), ("管理处名称", self.office), ("地址", self.address),
                             ("电话", self.hotline), ("投诉电话", self.complaint_hotline), ("办公时间", self.hours),
                             ("网站地址", self.site_url), ("接待地点", self.reception_place),
                             *(("楼栋", b) for b in self.buildings)):
            if "\n" in value or "\r" in value:
                raise UsageError(f"{label}“{value.splitlines()[0]}…”里有换行：请写在一行里。",
                                 f"{label}: '{value.splitlines()[0]}…' holds a line break: write it on one line.")
        self.name = self.name.strip()
        if not self.name:
            raise UsageError("请写小区名称（--name）。", "Give the community's name (--name).")
        if not self.id:
            ascii_part = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
            self.id = ascii_part or "community"
        if not _ID.fullmatch(self.id):
            raise UsageError(f"小区代号“{self.id}”只能用英文字母、数字、- 和 _，如 hxq。",
                             f"Community id '{self.id}': letters, digits, - and _ only, e.g. hxq.")
        self.office = self.office.strip() or f"{self.name}管理处"
        self.site_url = self.site_url.strip() or f"https://{self.id.lower()}.example.cn/"
        if not 1 <= int(self.reception_weekday) <= 7:
            raise UsageError("接待日星期几请写 1–7（1 = 周一）。", "Reception weekday: 1–7 (1 = Monday).")
        self.hcomm_pip = check_pip_spec(self.hcomm_pip)


#: characters a pip spec written into the CI templates may not hold (quotes and shell/YAML
#: expansions: the spec stands inside YAML strings, a GitHub expression and a shell word)
_PIP_UNSAFE = re.compile(r"""['"$`\\{}]|[\x00-\x1f]""")


def check_pip_spec(spec: str) -> str:
    """``spec`` (how CI installs hcomm: ``hcomm==0.1.0``, ``hcomm @ git+https://…@v1``, a wheel's
    address) stripped; ``""`` stays ``""`` (not known yet).

    :raises UsageError: quotes, ``$``, backquotes, backslashes, braces or control characters.
    """
    spec = (spec or "").strip()
    if _PIP_UNSAFE.search(spec):
        raise UsageError(f"hcomm 的安装地址“{spec}”里不能有引号、$、`、\\、{{ }} 或换行：请写 pip install 后面的那一项，"
                         "如 hcomm @ git+https://gitee.com/某单位/hcomm.git@v0.1.0。",
                         f"The hcomm pip spec '{spec}' may not hold quotes, $, `, \\, braces or line breaks: "
                         "write what follows pip install, e.g. hcomm @ git+https://example.org/hcomm.git@v0.1.0.")
    return spec


def installed_pip_spec() -> str:
    """The pip requirement that installs the hcomm running now, when pip recorded where it came
    from (PEP 610 ``direct_url.json``): a git checkout on a server (``hcomm @ git+URL@REVISION``)
    or a wheel or archive on a web server (``hcomm @ URL``); ``""`` otherwise (a package index,
    a local folder or file: nothing a CI runner could reach for sure)."""
    try:
        raw = importlib.metadata.distribution("hcomm").read_text("direct_url.json")
        info = json.loads(raw) if raw else {}
    except (importlib.metadata.PackageNotFoundError, ValueError, OSError):
        return ""
    url = str(info.get("url", "")) if isinstance(info, dict) else ""
    if not url.startswith(("https://", "http://")):
        return ""
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict):
        rev = vcs.get("requested_revision") or vcs.get("commit_id") or ""
        spec = f"hcomm @ {vcs.get('vcs', 'git')}+{url}" + (f"@{rev}" if rev else "")
    elif "archive_info" in info:
        spec = f"hcomm @ {url}"
    else:
        return ""
    try:
        return check_pip_spec(spec)
    except UsageError:
        return ""


def _github_pip(m: re.Match, spec: str) -> str:
    value = json.dumps(f"${{{{ vars.HCOMM_PIP || '{spec}' }}}}", ensure_ascii=False)
    return f"HCOMM_PIP: {value}  # 仓库变量 HCOMM_PIP 优先；没有时用 hcomm init 写入的这个"


def _gitlab_pip(m: re.Match, spec: str) -> str:
    return (f"variables:\n  HCOMM_PIP: {json.dumps(spec, ensure_ascii=False)}"
            "  # hcomm init 写入的默认值；Settings → CI/CD → Variables 里的 HCOMM_PIP 优先\n")


def _gitee_pip(m: re.Match, spec: str) -> str:
    command = json.dumps(f'export HCOMM_PIP="${{HCOMM_PIP:-{spec}}}"', ensure_ascii=False)
    return f"{m.group(0)}{m.group(1)}- {command}  # 全局参数 HCOMM_PIP 优先\n"


#: how each CI template of :data:`OFFICE_FILES` gets a default ``HCOMM_PIP`` (issue 12 item 7):
#: a pattern of the shipped file and its replacement for a spec. The CI variable still wins;
#: without it and without a default the pipelines stop with a message saying what to set.
PIP_DEFAULTS: dict[str, tuple[re.Pattern[str], Callable[[re.Match, str], str]]] = {
    ".github/workflows/hcomm.yml": (re.compile(r"HCOMM_PIP: \$\{\{ vars\.HCOMM_PIP \}\}"), _github_pip),
    ".gitlab-ci.yml": (re.compile(r"^variables:\n", re.M), _gitlab_pip),
    ".workflow/hcomm.yml": (re.compile(r"^( +)- export TZ=Asia/Shanghai\n", re.M), _gitee_pip),
}


def ci_template_text(relp: str, text: str, spec: str) -> str:
    """The office file ``relp`` (``text`` as shipped) with ``spec`` as the default value of
    the CI variable ``HCOMM_PIP`` (:data:`PIP_DEFAULTS`); ``text`` itself for another file or
    an empty ``spec``.

    :raises ValueError: the shipped template no longer has the place for the default.
    """
    if not spec or relp not in PIP_DEFAULTS:
        return text
    pattern, make = PIP_DEFAULTS[relp]
    out, n = pattern.subn(lambda m: make(m, spec), text)
    if not n:
        raise ValueError(f"{relp}: no place for the HCOMM_PIP default ({pattern.pattern})")
    return out


@dataclass
class InitResult:
    """The office folder made, the files written (relative paths), whether ``git init`` ran."""

    folder: Path
    files: list[str] = field(default_factory=list)
    git: bool = False


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(INIT_TEMPLATES)), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["yq"] = yaml_scalar
    return env


def community_yaml(s: OfficeSettings) -> str:
    """The text of ``records/community.yaml`` for ``s`` (Chinese comments on every field)."""
    return _env().get_template("community.yaml.j2").render({**vars(s), "today": s.today.isoformat()})


def households_yaml(s: OfficeSettings) -> str:
    """The text of an empty-but-valid ``records/households.yaml`` with the buildings of ``s``."""
    lines = [f"# {s.name} 业户登记：只登记楼栋、单元、房号、类型和入住/迁出日期，不登记姓名和电话。",
             "# 用 hcomm households import 业户登记表.xlsx 从表格导入业户（由 hcomm init 生成）。",
             "# 楼栋和单元：通知的 areas 只能写这里列出的楼栋（如 1栋）和单元（如 1栋2单元）。",
             "buildings:"]
    for b, units in zip(s.buildings, s.units, strict=True):
        lines.append(f"  - building: {yaml_scalar(b)}")
        lines.append(f"    units: [{', '.join(units)}]")
    lines += ["# 每户一行，如：",
              "# - {id: 1-1-0301, building: 1栋, unit: 1单元, room: 0301, type: 住家, occupied_since: 2019-05-01}",
              "households: []"]
    return "\n".join(lines) + "\n"


def office_files() -> list[Path]:
    """The files under :data:`OFFICE_FILES` to copy (relative paths; its README excepted)."""
    if not OFFICE_FILES.is_dir():
        return []
    out = []
    for path in sorted(OFFICE_FILES.rglob("*")):
        relp = path.relative_to(OFFICE_FILES)
        if path.is_file() and relp != Path("README.md") and "__pycache__" not in relp.parts:
            out.append(relp)
    return out


def _write_tree(tmp: Path, s: OfficeSettings, git: bool) -> list[str]:
    """Write every file of a new office into ``tmp``; returns their relative paths."""
    env = _env()
    files: dict[str, str | Path] = {
        "records/community.yaml": community_yaml(s),
        "records/households.yaml": households_yaml(s),
        ".gitignore": (INIT_TEMPLATES / "gitignore").read_text(encoding="utf-8"),
        "README.md": env.get_template("README.md.j2").render(name=s.name, office=s.office, git=git,
                                                                hcomm_pip=s.hcomm_pip) + "\n",
        "templates/records/README.md": ("# 本小区的记录模板\n\n"
                                        "把 hcomm 自带的模板（如 outage.yaml、pest_control.yaml）复制到这里再修改，"
                                        "hcomm new 就会用这里的版本。文件名：种类的中文名（停水.yaml）或英文名"
                                        "（water.yaml、outage.yaml）。\n"),
    }
    for relp in office_files():
        text = None
        if relp.as_posix() in PIP_DEFAULTS:
            text = ci_template_text(relp.as_posix(), (OFFICE_FILES / relp).read_text(encoding="utf-8"), s.hcomm_pip)
        files[relp.as_posix()] = OFFICE_FILES / relp if text is None else text
    for name in ("notices", "visits", "cases", "meetings", "surveys"):
        (tmp / "records" / name).mkdir(parents=True, exist_ok=True)
    for relp_text, content in files.items():
        target = tmp / relp_text
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
    schemas, _ = install_editor_support(tmp)   # the schemas .vscode/settings.json points to
    return sorted([*files, *(p.relative_to(tmp).as_posix() for p in schemas)])


def init_office(folder: Path, settings: OfficeSettings, *, force: bool = False, git: bool = True) -> InitResult:
    """Make the office folder ``folder`` for ``settings`` (see the module doc).

    :param force: write into a non-empty ``folder`` (the files ``init`` writes are replaced,
        others left alone).
    :param git: run ``git init`` when git is installed and ``folder`` is not in a repository.
    :raises UsageError: ``folder`` is a file, or not empty without ``force``.
    :returns: :class:`InitResult`.
    """
    folder = Path(folder).absolute()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 是一个文件，不是文件夹。", f"{folder} is a file, not a folder.")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UsageError(f"文件夹 {folder} 不是空的。请换一个新文件夹，或加 --force 写入（会覆盖同名文件）。",
                         f"{folder} is not empty. Choose a new folder, or add --force (files of the same name are replaced).")
    use_git = git and shutil.which("git") is not None
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.init-", dir=folder.parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o777 & ~mask)  # mkdtemp makes it private: the office folder is not
    try:
        files = _write_tree(tmp, settings, use_git)
        if not folder.exists():
            os.replace(tmp, folder)
        else:
            for relp in files + [p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_dir()]:
                src, dst = tmp / relp, folder / relp
                if src.is_dir():
                    dst.mkdir(parents=True, exist_ok=True)
                else:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(src, dst)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = InitResult(folder, files)
    if use_git and not (folder / ".git").exists():
        try:
            done = subprocess.run(["git", "init", "-q"], cwd=folder, capture_output=True, timeout=30)
            result.git = done.returncode == 0
            if result.git:  # Chinese file names shown as they are (not \344\270…) by git status
                subprocess.run(["git", "config", "core.quotepath", "false"], cwd=folder,
                               capture_output=True, timeout=30)
                # the branch the CI templates build on (git before 2.28, or its default, says master)
                subprocess.run(["git", "symbolic-ref", "HEAD", "refs/heads/main"], cwd=folder,
                               capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            result.git = False
    return result
