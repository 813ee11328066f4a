"""``hcomm publish TARGET``: copy the built ``site/`` to a web server's folder or to
S3-compatible object storage, only what changed (:mod:`hcomm_gen.app.deploy`, issue 12 item 8).

Exit codes: 0 published (or nothing to do), 2 usage (no site built, a bad target, no keys),
3 the target refused (permission, network, bucket) or the site changed meanwhile.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from hcomm_gen.app.deploy import DeployReport, S3Settings, built_site, deploy
from hcomm_gen.cli.base import EXIT_OK, Ctx, main


@main.command("publish")
@click.argument("target")
@click.option("--site", "site", type=click.Path(file_okay=False, path_type=Path),
              help="The built site to publish (default: site/ of the office folder).")
@click.option("--mode", type=click.Choice(["auto", "link", "in-place"]), default="auto", show_default=True,
              help="Folder TARGET: 'link' makes TARGET a link switched atomically to a complete copy; "
                   "'in-place' updates the files of a real folder (NAS or share without links); "
                   "'auto': link for a new folder or a link, in place for an existing real folder.")
@click.option("--endpoint", metavar="URL",
              help="s3:// TARGET: the storage's endpoint, e.g. https://s3.oss-cn-hangzhou.aliyuncs.com, "
                   "https://cos.ap-guangzhou.myqcloud.com, http://127.0.0.1:9000 (default: $HCOMM_S3_ENDPOINT).")
@click.option("--region", help="s3:// TARGET: the region (default: $HCOMM_S3_REGION, else told by the endpoint).")
@click.option("--profile", help="s3:// TARGET: the profile of ~/.aws/credentials holding the keys.")
@click.option("--path-style", is_flag=True, help="s3:// TARGET: address buckets as host/bucket (MinIO).")
@click.option("--all", "all_files", is_flag=True, help="s3:// TARGET: upload every file, changed or not.")
@click.option("--force", is_flag=True, help="Publish into a folder or prefix that does not look like a site.")
@click.pass_obj
def publish(ctx: Ctx, target: str, site: Path | None, mode: str, endpoint: str | None, region: str | None,
            profile: str | None, path_style: bool, all_files: bool, force: bool) -> None:
    """Copy the built site/ to TARGET: a folder (a web server's root, a NAS) or
    s3://bucket/prefix (Aliyun OSS, Tencent COS, MinIO). Only changed files are written;
    pages go before the home page, and files no longer in the site are removed last.
    Keys for s3://: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or --profile)."""
    report = deploy(built_site(ctx.root, site), target, S3Settings(endpoint, region, profile, path_style),
                    mode=mode, force=force, all_files=all_files)
    _say_report(ctx, report)
    sys.exit(EXIT_OK)


def _say_report(ctx: Ctx, r: DeployReport) -> None:
    """One line: what was written, kept and removed, and how the target was updated."""
    if not r.changed:
        ctx.say(f"{r.target} 已是最新，没有需要发布的改动（{r.unchanged} 个文件未变）。",
                f"{r.target} is up to date: nothing to publish ({r.unchanged} files unchanged).")
        return
    how_zh = {"link": "，已一次性切换到新版本", "in-place": "，逐个文件更新", "s3": ""}[r.mode]
    how_en = {"link": ", switched to the new copy at once", "in-place": ", file by file", "s3": ""}[r.mode]
    verb_zh, verb_en = ("上传", "uploaded") if r.mode == "s3" else ("复制", "copied")
    ctx.say(f"已发布到 {r.target}：{verb_zh} {len(r.written)} 个文件（{r.bytes / 1024:.0f} KB），"
            f"{r.unchanged} 个未变，删除 {len(r.removed)} 个旧文件{how_zh}，用时 {r.seconds:.1f} 秒。",
            f"Published to {r.target}: {len(r.written)} files {verb_en} ({r.bytes / 1024:.0f} KB), "
            f"{r.unchanged} unchanged, {len(r.removed)} stale removed{how_en}, in {r.seconds:.1f} s.")
