"""``hcomm init DIR``: a new office folder (:mod:`hcomm_gen.app.office_init`), asking in
Chinese for what no option gives (``--yes``: no questions, defaults for the rest).

Exit codes: 0 made, 2 usage (a non-empty folder without ``--force``, a bad building list).
"""
from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from hcomm_gen.app.office_init import (
    PLACEHOLDER_ADDRESS,
    PLACEHOLDER_HOTLINE,
    OfficeSettings,
    check_pip_spec,
    init_office,
    installed_pip_spec,
    parse_buildings,
    parse_units,
)
from hcomm_gen.cli.base import EXIT_OK, Ctx, main
from hcomm_gen.core.errors import UsageError
from hcomm_gen.records.types import DEFAULT_TZ


def _ask(ctx: Ctx, value, yes: bool, zh: str, en: str, default=None, required: bool = False):
    """``value`` when given; else the answer to a prompt (``zh``/``en``), or ``default`` with
    ``--yes`` (a required value missing with ``--yes`` is a usage error)."""
    if value is not None:
        return value
    if yes:
        if required:
            raise UsageError(f"用了 --yes 就不会提问：请同时给出{zh}。", f"With --yes nothing is asked: also give {en}.")
        return default
    return click.prompt(en if ctx.lang == "en" else zh, default=default, show_default=default not in (None, ""))


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--name", help="The community's name, e.g. 阳光小区.")
@click.option("--id", "id_", help="Short ASCII code of the community (default: from the name, or 'community').")
@click.option("--buildings", help="Buildings: a range 1-3, a list 1,2,5, or names 1栋,2幢.")
@click.option("--units", help="Units per building: one number (2) or one per building (2,2,3).")
@click.option("--office", help="The office's name (default: NAME管理处).")
@click.option("--address", help="The office's address.")
@click.option("--hotline", help="The office's hotline.")
@click.option("--site-url", help="The public address of the site, https://… (default: a placeholder to change).")
@click.option("--hcomm-pip", help="How CI installs hcomm (what follows pip install, e.g. 'hcomm @ git+https://…@v0.1.0'); "
              "written into the CI templates as the default of the variable HCOMM_PIP (default: where this hcomm "
              "was installed from, when pip recorded a web address).")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing: take the options and defaults.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty (replacing files of the same name).")
@click.option("--no-git", is_flag=True, help="Do not run git init.")
@click.option("--now", help="As of this day (records_since), e.g. '2026-12-04' (default: today).")
@click.pass_obj
def init_cmd(ctx: Ctx, folder: Path | None, name, id_, buildings, units, office, address, hotline, site_url,
             hcomm_pip, yes: bool, force: bool, no_git: bool, now: str | None) -> None:
    """Make a new office folder FOLDER (default: --root, the current folder): records/community.yaml
    with comments, the buildings, .gitignore, a README, editor and CI files; git init."""
    folder = ctx.root if folder is None else folder if folder.is_absolute() else Path.cwd() / folder
    try:
        today = date.fromisoformat(now.strip()[:10]) if now else datetime.now(DEFAULT_TZ).date()
    except ValueError:
        raise UsageError(f"--now 的日期不对：“{now}”，请写成 2026-12-04。", f"Bad --now '{now}': write 2026-12-04.") from None
    if folder.is_dir() and any(folder.iterdir()) and not force:  # before any question
        raise UsageError(f"文件夹 {folder} 不是空的。请换一个新文件夹，或加 --force 写入（会覆盖同名文件）。",
                         f"{folder} is not empty. Choose a new folder, or add --force (files of the same name are replaced).")
    name = _ask(ctx, name, yes, "小区名称（如 阳光小区）", "the community's name (--name)", required=True)
    text = _ask(ctx, buildings, yes, "楼栋（如 1-3 或 1,2,5）", "the buildings (--buildings, e.g. 1-3)", required=True)
    blist = parse_buildings(text)
    ulist = parse_units(_ask(ctx, units, yes, "每栋几个单元（如 2，或每栋一个数 2,2,3）",
                             "units per building (--units, e.g. 2 or 2,2,3)", default="1"), blist)
    office = _ask(ctx, office, yes, "管理处名称", "the office's name", default=f"{name.strip()}管理处")
    # Enter keeps the placeholder (named by hcomm check until filled) rather than asking again
    address = _ask(ctx, address, yes, "管理处地址（不知道就直接回车，以后在 community.yaml 里填）", "the office's address",
                   default=PLACEHOLDER_ADDRESS)
    hotline = _ask(ctx, hotline, yes, "服务热线", "the office's hotline", default=PLACEHOLDER_HOTLINE)
    settings = OfficeSettings(name=name, buildings=blist, units=ulist, today=today,
                              id=id_ or "", office=office, address=address, hotline=hotline)
    settings.site_url = _ask(ctx, site_url, yes, "网站地址（https:// 开头；还没有就先用这个，以后在 community.yaml 里改）",
                             "the site's address (https://…; keep this one until there is one)",
                             default=settings.site_url).strip() or settings.site_url
    settings.hcomm_pip = check_pip_spec(_ask(
        ctx, hcomm_pip, yes, "CI 安装 hcomm 的地址（pip install 后面的那一项；不知道就直接回车，以后在 CI 变量 HCOMM_PIP 里设置）",
        "how CI installs hcomm (what follows pip install; press Enter if unknown and set the CI variable HCOMM_PIP later)",
        default=installed_pip_spec()))
    res = init_office(folder, settings, force=force, git=not no_git)
    n_units = sum(len(u) for u in ulist)
    ctx.say(f"已建立办公室文件夹 {res.folder}（{len(blist)} 栋、{n_units} 个单元，{len(res.files)} 个文件"
            f"{'，已 git init' if res.git else ''}）。",
            f"Made the office folder {res.folder} ({len(blist)} buildings, {n_units} units, {len(res.files)} files"
            f"{', git init done' if res.git else ''}).")
    todo = [w for w, v in (("管理处地址 address", address == PLACEHOLDER_ADDRESS),
                           ("服务热线 hotline", hotline == PLACEHOLDER_HOTLINE)) if v]
    if todo:
        ctx.say(f"还没有写{'、'.join(todo)}：请在 records/community.yaml 里填写（现在是“请填写…”，会显示在通知上）。",
                f"Not given yet: {', '.join(todo)}: fill them in records/community.yaml (they show on notices).",
                err=True)
    if not settings.hcomm_pip:
        ctx.say("CI 还不知道从哪里安装 hcomm：推送到 GitHub、GitLab 或 Gitee 之前，请按 README.md 的“自动检查和生成（CI）”"
                "一节设置 CI 变量 HCOMM_PIP。",
                "CI does not know where to install hcomm from: before pushing to GitHub, GitLab or Gitee set the CI "
                "variable HCOMM_PIP as README.md says (section CI).", err=True)
    ctx.say(f"下一步：cd {res.folder}；1) 打开 records/community.yaml 按注释检查每一项；2) hcomm households import 业户登记表.xlsx；"
            "3) hcomm check。",
            f"Next: cd {res.folder}; 1) read records/community.yaml and its comments; 2) hcomm households import FILE.xlsx; "
            "3) hcomm check.")
    sys.exit(EXIT_OK)
