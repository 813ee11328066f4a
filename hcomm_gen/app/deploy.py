"""``hcomm publish TARGET``: copy the built ``site/`` to where the occupants read it — a folder
(a web server's root on the office machine, a NAS) or S3-compatible object storage (Aliyun
OSS, Tencent COS, MinIO) — copying only what changed (issue 12 item 8).

Not to be confused with :mod:`hcomm_gen.app.publish`, the build's own output transaction
(``site/`` and ``print/`` links into ``.hcomm-out/current``): this module reads the site that
transaction published and puts it elsewhere.

**A folder, as a link (default for a new target or one that is already a link).** TARGET
becomes a symbolic link to a complete copy, a *release* in ``.<name>.hcomm/`` beside it
(``/srv/www/hxq`` → ``.hxq.hcomm/r-20261204-081500-…``). A publish writes a new release (files
that did not change are hard links to the current release's, so it costs little), then
switches TARGET with ONE atomic rename of a new link over it. A web server following TARGET
(nginx and Apache do by default) serves the old site or the new one, never a mix, whenever
the publish is killed; an unfinished release is removed by the next publish. The previous
release is kept until then (roll back by pointing the link at it).

**A folder, in place (``--mode in-place``, or TARGET already a real folder with files).** For a NAS or
share without symbolic links, or a web root that must stay a real folder: each changed file
is written beside its place and renamed over it (every file is whole at every moment), new
and changed pages before the pages linking to them and the home page last, and the files
that are no longer in the site are removed last. A kill leaves the old home page and every
old page served (some pages may already be new) and never a link to a missing page; the
next publish completes it. Not atomic as a whole: prefer the link where the server allows it.

**S3-compatible object storage (``s3://bucket/prefix``).** With boto3: the objects under the
prefix are listed with their ETags (the MD5 of an object uploaded in one part, which hcomm
always does), only files whose MD5 differs are uploaded — each with its ``Content-Type``
(``text/html; charset=utf-8`` …) and ``Content-MD5`` — in the same order (assets, then pages
deepest first, then feeds, sitemaps and the search index, the home page last), and the stale
objects are deleted last. A kill leaves old and new pages mixed but every link pointing to an
object that exists; the next publish completes it. A second publish of an unchanged site
uploads nothing.

Errors: :class:`~hcomm_gen.core.errors.UsageError` (exit 2) for a target or option that
cannot work (no site built yet, a folder that is not a site, a bad ``s3://`` address, no
credentials); :class:`~hcomm_gen.core.errors.OutputError` (exit 3) when the target refuses
(network, permission, a bucket that does not exist) or the site changed during the publish.
"""
from __future__ import annotations

import base64
import filecmp
import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hcomm_gen.core.errors import OutputError, UsageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock between two publishes
    fcntl = None  # type: ignore[assignment]

#: called after each file written / uploaded: (relative path, action ``"copy"``/``"link"``/
#: ``"upload"``/``"remove"``)
Progress = Callable[[str, str], None]

#: Content-Type by suffix, where the platform's table is missing or lacks the charset
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8", ".xml": "application/xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon", ".pdf": "application/pdf",
    ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
    ".gz": "application/gzip", ".webmanifest": "application/manifest+json",
}
#: files a reader should re-check on every visit (they change with every notice)
NO_CACHE_SUFFIXES = (".html", ".xml", ".ics", ".json")


def content_type(rel: str) -> str:
    """The ``Content-Type`` to serve ``rel`` with: ``notices/x/index.html`` →
    ``text/html; charset=utf-8``; unknown suffixes ``application/octet-stream``."""
    suffix = os.path.splitext(rel)[1].lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    return mimetypes.guess_type(rel)[0] or "application/octet-stream"


def publish_order(rel: str) -> tuple[int, int, str]:
    """Sort key of the files of a publish, so a reader never follows a link to a page not yet
    there: assets (styles, scripts, pictures, PDFs) first, then the pages deepest first (a
    notice before the archive listing it), then feeds, calendars, sitemaps and the search
    index, the home page ``index.html`` last."""
    if rel == "index.html":
        return (3, 0, rel)
    if rel.endswith((".html", ".htm")):
        return (1, -rel.count("/"), rel)
    if rel.startswith("search/") or rel.endswith((".xml", ".ics", ".xml.gz")):
        return (2, 0, rel)
    return (0, 0, rel)


@dataclass
class SiteFile:
    """One file of the built site: ``rel`` (POSIX path inside the site), ``path`` (absolute),
    ``size`` in bytes."""

    rel: str
    path: Path
    size: int
    _md5: str | None = None

    @property
    def md5(self) -> str:
        """Lower-case hex MD5 of the content (what S3 gives as the ETag of a one-part upload)."""
        if self._md5 is None:
            h = hashlib.md5(usedforsecurity=False)
            with open(self.path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            self._md5 = h.hexdigest()
        return self._md5


@dataclass
class DeployReport:
    """What a publish did: ``target`` (as given), ``mode`` (``"link"``, ``"in-place"``,
    ``"s3"``), the files ``written`` (copied or uploaded, relative paths in the order written),
    how many were ``unchanged``, the stale files ``removed``, the bytes written, and a
    ``release`` folder (link mode) or ``None``."""

    target: str
    mode: str
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    bytes: int = 0
    release: Path | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether the target changed at all."""
        return bool(self.written or self.removed)


def built_site(root: Path, site: Path | None = None) -> Path:
    """The folder to publish: ``site`` or the office's ``site/``, resolved once (``site/`` is a
    link into ``.hcomm-out/current``; reading the generation it points to now keeps a build
    that finishes meanwhile from mixing two sites).

    :raises UsageError: no built site (no ``index.html``).
    """
    src = Path(site) if site is not None else Path(root) / "site"
    if not (src / "index.html").is_file():
        raise UsageError(f"{src} 里没有生成好的网站（缺 index.html）。请先运行 hcomm build。",
                         f"No built site in {src} (no index.html). Run hcomm build first.")
    return src.resolve()


def site_files(site: Path) -> list[SiteFile]:
    """Every file of ``site`` (links followed, hidden files too) in :func:`publish_order`."""
    files = []
    for dirpath, _dirs, names in os.walk(site, followlinks=True):
        for name in names:
            p = Path(dirpath) / name
            rel = p.relative_to(site).as_posix()
            files.append(SiteFile(rel, p, p.stat().st_size))
    files.sort(key=lambda f: publish_order(f.rel))
    return files


def _changed_during(site: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"发布过程中 {site} 被改动或删除了（多半是同时运行了 hcomm build）：{exc}。"
        "目标里仍是原来的网站（或已更新的部分页面）；请等生成结束后再运行一次 hcomm publish。",
        f"{site} changed or vanished during the publish (a build ran meanwhile?): {exc}. The target "
        "still serves the previous site (or some pages already new); run hcomm publish again after the build.")


# --- folders ---------------------------------------------------------------------------------

@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created) so two publishes to one target wait for
    each other."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def releases_dir(target: Path) -> Path:
    """The folder of the releases of a link target: ``/srv/www/hxq`` → ``/srv/www/.hxq.hcomm``."""
    return target.parent / f".{target.name}.hcomm"


def _links_work(folder: Path) -> bool:
    probe = folder / f".hcomm-probe-{os.getpid()}"
    try:
        os.symlink(".", probe)
        probe.unlink()
        return True
    except (OSError, NotImplementedError):
        return False


def _looks_like_site(folder: Path) -> bool:
    """An empty folder, or one with an ``index.html``: safe to replace by a site."""
    return not any(folder.iterdir()) or (folder / "index.html").is_file()


def _not_a_site(target: Path | str) -> UsageError:
    return UsageError(
        f"{target} 不是空文件夹，也不像网站（没有 index.html）：发布会删掉其中不属于网站的文件，因此没有动它。"
        "请指定网站专用的文件夹（空的或之前发布过的），确需如此请加 --force。",
        f"{target} is neither empty nor a site (no index.html): publishing would remove files that are "
        "not the site's, so it was left alone. Name the site's own folder (empty or published before), "
        "or add --force.")


def choose_mode(target: Path, mode: str = "auto") -> str:
    """``"link"`` or ``"in-place"`` for the folder ``target``: ``mode`` when given; else a link
    for a link, a folder not there yet or an empty one (where links can be made beside it), in
    place for a real folder with files (it was set up that way: a link replaces it only with
    ``--mode link``).

    :raises UsageError: ``mode="link"`` where links cannot be made.
    """
    if mode not in ("auto", "link", "in-place"):
        raise UsageError(f"未知的 --mode {mode}：用 auto、link 或 in-place。",
                         f"Unknown --mode {mode}: use auto, link or in-place.")
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    can_link = _links_work(parent)
    if mode == "link" and not can_link:
        raise UsageError(f"{parent} 里不能建立符号链接（Windows 无权限、网络共享或 NAS 不支持）。请用 --mode in-place。",
                         f"Symbolic links cannot be made in {parent} (Windows without the right, a share "
                         "or NAS without links). Use --mode in-place.")
    if mode != "auto":
        return mode
    if target.is_symlink() or not target.exists() or not any(target.iterdir()):
        return "link" if can_link else "in-place"
    return "in-place"


def deploy_folder(site: Path, target: Path, mode: str = "auto", force: bool = False,
                  progress: Progress | None = None) -> DeployReport:
    """Publish the built ``site`` folder to the folder ``target`` (module docstring: link or
    in place, chosen by :func:`choose_mode`). Returns what was done; an unchanged site
    changes nothing (link mode: no new release).

    :raises UsageError: a target that is not a site (without ``force``), overlaps the site
        (the office's ``site/`` itself, a folder inside it or holding it), a link impossible.
    :raises OutputError: the site changed during the publish.
    :raises OSError: the target refused a write (disk full, permission…: exit 3 by the CLI).
    """
    t0 = time.perf_counter()
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} 是一个文件，不是文件夹。", f"{target} is a file, not a folder.")
    real = Path(os.path.realpath(target))
    if real == site or site in real.parents or real in site.parents:
        raise UsageError(f"目标 {target} 与要发布的网站 {site} 重叠（是它、在它里面或包含它）：请指定网站以外的文件夹。",
                         f"The target {target} overlaps the site {site} (is it, is inside it or holds it): "
                         "name a folder outside it.")
    how = choose_mode(target, mode)
    if target.is_dir() and not target.is_symlink() and not force and not _looks_like_site(target):
        raise _not_a_site(target)
    files = site_files(site)
    try:
        if how == "link":
            report = _deploy_link(files, target, progress)
        else:
            report = _deploy_in_place(files, target.resolve(), progress)
    except FileNotFoundError as exc:
        if exc.filename and str(exc.filename).startswith(str(site)):
            raise _changed_during(site, exc) from None
        raise
    report.target, report.seconds = str(target), time.perf_counter() - t0
    return report


def _same(a: Path, b: Path) -> bool:
    try:
        return b.is_file() and not b.is_symlink() and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def _deploy_link(files: list[SiteFile], target: Path, progress: Progress | None) -> DeployReport:
    releases = releases_dir(target)
    releases.mkdir(exist_ok=True)
    releases.chmod(0o755)
    report = DeployReport(str(target), "link")
    with _locked(releases / ".lock"):
        current = Path(os.path.realpath(target)) if target.is_symlink() else None
        if current is not None and current.parent != releases:
            current = None  # a link made by hand elsewhere: replaced, never cleaned
        _clean_releases(target, releases, keep=current)
        new = Path(tempfile.mkdtemp(prefix=time.strftime("r-%Y%m%d-%H%M%S-"), dir=releases))
        new.chmod(0o755)  # mkdtemp makes it 0700: the web server must read it
        for f in files:
            dst = new / f.rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            old = current / f.rel if current is not None else None
            if old is not None and _same(f.path, old):
                try:
                    os.link(old, dst)
                except OSError:
                    shutil.copy2(old, dst)
                report.unchanged += 1
                if progress:
                    progress(f.rel, "link")
                continue
            shutil.copy2(f.path, dst)
            report.written.append(f.rel)
            report.bytes += f.size
            if progress:
                progress(f.rel, "copy")
        if current is not None:
            names = {f.rel for f in files}
            report.removed = sorted(p.relative_to(current).as_posix() for p in _walk_files(current)
                                    if p.relative_to(current).as_posix() not in names)
        if current is not None and not report.changed:
            shutil.rmtree(new, ignore_errors=True)  # nothing changed: the current release stays
            report.release = current
            return report
        _switch(target, releases, new)  # THE moment the new site is served
        report.release = new
    return report


def _switch(target: Path, releases: Path, new: Path) -> None:
    """Point ``target`` at ``new`` with one rename of a fresh link over it; a real folder
    there (``--mode link`` on a folder set up by hand) is first moved into ``releases``."""
    if target.exists() and not target.is_symlink():
        target.rename(releases / f"old-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    tmp = target.parent / f".{target.name}.hcomm-link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(new, target.parent), tmp)
    os.replace(tmp, target)


def _clean_releases(target: Path, releases: Path, keep: Path | None) -> None:
    """Remove what earlier publishes left: releases other than ``keep`` (unfinished ones of a
    killed publish, the one before the current) and stray temporary links beside them."""
    for p in releases.iterdir():
        if p.name == ".lock" or (keep is not None and p == keep):
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
    for p in target.parent.glob(f".{target.name}.hcomm-link-*"):
        p.unlink(missing_ok=True)


def _walk_files(folder: Path) -> Iterator[Path]:
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            yield Path(dirpath) / name


_TMP = re.compile(r"^\..*\.hcomm-tmp-\d+$")


def _deploy_in_place(files: list[SiteFile], target: Path, progress: Progress | None) -> DeployReport:
    report = DeployReport(str(target), "in-place")
    target.mkdir(parents=True, exist_ok=True)
    for f in files:
        dst = target / f.rel
        if _same(f.path, dst):
            report.unchanged += 1
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.is_dir() and not dst.is_symlink():
            shutil.rmtree(dst)
        tmp = dst.with_name(f".{dst.name}.hcomm-tmp-{os.getpid()}")
        shutil.copyfile(f.path, tmp)
        os.replace(tmp, dst)  # the file is whole before and after
        report.written.append(f.rel)
        report.bytes += f.size
        if progress:
            progress(f.rel, "copy")
    names = {f.rel for f in files}
    for p in sorted(_walk_files(target), key=lambda p: (-len(p.parts), str(p))):
        rel = p.relative_to(target).as_posix()
        if rel not in names:  # stale pages and leftovers of a killed publish: LAST
            p.unlink(missing_ok=True)
            if not _TMP.match(p.name):
                report.removed.append(rel)
                if progress:
                    progress(rel, "remove")
    for dirpath, _dirs, _names in sorted(os.walk(target), key=lambda w: -len(Path(w[0]).parts)):
        d = Path(dirpath)
        if d != target and not any(d.iterdir()):
            d.rmdir()
    return report


# --- S3-compatible object storage ------------------------------------------------------------

_S3_URL = re.compile(r"^s3://([a-z0-9][a-z0-9.\-]{1,61}[a-z0-9])(?:/(.*))?$")
#: the region told by an endpoint's host: Aliyun ``s3.oss-cn-hangzhou.aliyuncs.com`` /
#: ``oss-cn-hangzhou.aliyuncs.com`` → cn-hangzhou; Tencent ``cos.ap-guangzhou.myqcloud.com`` →
#: ap-guangzhou
_REGION_IN_HOST = (re.compile(r"(?:^|\.)oss-([a-z]+-[a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com"),
                   re.compile(r"(?:^|\.)cos\.([a-z]+-[a-z0-9-]+)\.myqcloud\.com"))


def parse_s3_url(url: str) -> tuple[str, str]:
    """``s3://bucket/some/prefix`` → ``("bucket", "some/prefix/")``; ``s3://bucket`` →
    ``("bucket", "")``.

    :raises UsageError: not an ``s3://`` address with a valid bucket name.
    """
    m = _S3_URL.match(url.strip())
    if not m:
        raise UsageError(f"“{url}”不是对象存储地址：请写 s3://存储桶名/前缀（如 s3://hxq-site 或 s3://hxq-site/board）。",
                         f"'{url}' is not an object-storage address: write s3://bucket/prefix "
                         "(e.g. s3://hxq-site or s3://hxq-site/board).")
    prefix = (m.group(2) or "").strip("/")
    return m.group(1), f"{prefix}/" if prefix else ""


def region_of(endpoint: str | None) -> str | None:
    """The region an Aliyun OSS or Tencent COS endpoint names (``None`` for others)."""
    if not endpoint:
        return None
    host = re.sub(r"^[a-z]+://", "", endpoint).split("/")[0].split(":")[0]
    for pattern in _REGION_IN_HOST:
        m = pattern.search(host)
        if m:
            return m.group(1)
    return None


@dataclass
class S3Settings:
    """Where and how to reach the object storage. Each ``None`` falls back to the environment:
    ``endpoint`` to ``HCOMM_S3_ENDPOINT`` (else boto's own ``AWS_ENDPOINT_URL_S3`` /
    ``AWS_ENDPOINT_URL`` / ``endpoint_url`` of the profile), ``region`` to ``HCOMM_S3_REGION``,
    the region the endpoint names (:func:`region_of`), boto's ``AWS_REGION`` or its profile,
    else ``us-east-1`` (MinIO's); ``profile`` to ``AWS_PROFILE``. The keys come from boto's
    chain: ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``, or ``~/.aws/credentials``.
    ``path_style``: ``http://host/bucket/key`` addresses (MinIO on a plain host name) instead
    of ``http://bucket.host/key`` (Aliyun and Tencent need the latter; an IP address always
    gets the former)."""

    endpoint: str | None = None
    region: str | None = None
    profile: str | None = None
    path_style: bool = False

    def client(self):
        """A boto3 S3 client for these settings (checksums only where the API requires them:
        OSS, COS and older MinIO refuse boto's newer default trailing checksums)."""
        import boto3
        from botocore.config import Config
        endpoint = self.endpoint or os.environ.get("HCOMM_S3_ENDPOINT") or None
        if endpoint is not None and not re.match(r"^https?://[^\s/]+", endpoint):
            raise UsageError(f"对象存储的服务地址“{endpoint}”不对：请写 https:// 开头的地址，"
                             "如 https://s3.oss-cn-hangzhou.aliyuncs.com（--endpoint 或 HCOMM_S3_ENDPOINT）。",
                             f"Storage endpoint '{endpoint}' is not an address: write https://…, e.g. "
                             "https://s3.oss-cn-hangzhou.aliyuncs.com (--endpoint or HCOMM_S3_ENDPOINT).")
        region = self.region or os.environ.get("HCOMM_S3_REGION") or region_of(endpoint)
        session = boto3.session.Session(profile_name=self.profile) if self.profile else boto3.session.Session()
        region = region or session.region_name or "us-east-1"
        config = Config(s3={"addressing_style": "path" if self.path_style else "auto"},
                        request_checksum_calculation="when_required",
                        response_checksum_validation="when_required",
                        retries={"max_attempts": 5, "mode": "standard"},
                        connect_timeout=10, read_timeout=60)
        return session.client("s3", endpoint_url=endpoint, region_name=region, config=config)


def remote_etags(client, bucket: str, prefix: str) -> dict[str, str]:
    """``{path under prefix: ETag}`` of the objects under ``prefix`` (ETag lower-case, without
    quotes; Aliyun gives it in upper case). Keys ending in ``/`` (folders made in a console)
    are left out."""
    out: dict[str, str] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            key = obj["Key"]
            if key.endswith("/"):
                continue
            out[key[len(prefix):]] = obj.get("ETag", "").strip('"').lower()
    return out


def deploy_s3(site: Path, url: str, settings: S3Settings | None = None, force: bool = False,
              all_files: bool = False, progress: Progress | None = None, client=None) -> DeployReport:
    """Publish the built ``site`` to ``url`` (``s3://bucket/prefix``), module docstring: only
    the files whose MD5 differs from the object's ETag (all with ``all_files``), in
    :func:`publish_order`, then the stale objects deleted.

    :param client: a boto3 S3 client (default: ``settings.client()``).
    :raises UsageError: bad address, no credentials, a prefix holding something that is not a
        site (objects but no ``index.html``; ``force`` publishes anyway).
    :raises OutputError: the storage refused or cannot be reached; the site changed meanwhile.
    """
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        NoCredentialsError,
        PartialCredentialsError,
        ProfileNotFound,
    )
    t0 = time.perf_counter()
    bucket, prefix = parse_s3_url(url)
    report = DeployReport(url, "s3")
    try:
        client = client or (settings or S3Settings()).client()
        remote = remote_etags(client, bucket, prefix)
        if remote and "index.html" not in remote and not force:
            raise _not_a_site(url)
        files = site_files(site)
        for f in files:
            if not all_files and remote.get(f.rel) == f.md5:
                report.unchanged += 1
                continue
            body = f.path.read_bytes()
            extra = {"CacheControl": "no-cache"} if f.rel.endswith(NO_CACHE_SUFFIXES) else {}
            client.put_object(Bucket=bucket, Key=prefix + f.rel, Body=body, ContentType=content_type(f.rel),
                              ContentMD5=base64.b64encode(bytes.fromhex(f.md5)).decode("ascii"), **extra)
            report.written.append(f.rel)
            report.bytes += len(body)
            if progress:
                progress(f.rel, "upload")
        names = {f.rel for f in files}
        for rel in sorted(set(remote) - names, key=publish_order):  # stale objects LAST
            client.delete_object(Bucket=bucket, Key=prefix + rel)
            report.removed.append(rel)
            if progress:
                progress(rel, "remove")
    except FileNotFoundError as exc:
        raise _changed_during(site, exc) from None
    except (NoCredentialsError, PartialCredentialsError):
        raise UsageError(
            "没有找到对象存储的访问密钥。请设置环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY"
            "（阿里云、腾讯云的 AccessKey 同样写在这里），或写进 ~/.aws/credentials 并用 --profile 指定。",
            "No access key for the object storage: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (Aliyun's "
            "and Tencent's keys too), or put them in ~/.aws/credentials and pass --profile.") from None
    except ProfileNotFound as exc:
        raise UsageError(f"~/.aws/credentials 和 ~/.aws/config 里没有名为“{exc.kwargs.get('profile')}”的配置（--profile）。",
                         f"No profile '{exc.kwargs.get('profile')}' in ~/.aws/credentials or ~/.aws/config "
                         "(--profile).") from None
    except ClientError as exc:
        err = exc.response.get("Error", {})
        raise _s3_refused(url, report, f"{err.get('Code', '?')}: {err.get('Message', '')}") from None
    except BotoCoreError as exc:  # cannot connect, bad endpoint, timeouts after retries
        raise _s3_refused(url, report, str(exc)) from None
    report.seconds = time.perf_counter() - t0
    return report


def _s3_refused(url: str, report: DeployReport, why: str) -> OutputError:
    if report.written:
        done_zh = (f"已上传 {len(report.written)} 个文件，首页和旧文件的删除尚未完成；"
                   "读者看到的仍是原来的首页（部分页面可能已是新的）")
        done_en = (f"{len(report.written)} files were uploaded, the home page and the removals are not done "
                   "yet; readers still see the previous home page (some pages may already be new)")
    else:
        done_zh, done_en = "没有上传任何文件，读者看到的仍是原来的网站", "nothing was uploaded; readers still see the previous site"
    return OutputError(
        f"对象存储 {url} 拒绝或无法连接：{why}。{done_zh}。"
        "请检查 --endpoint、存储桶名称、访问密钥的权限和网络，然后再运行一次。",
        f"The object storage {url} refused or cannot be reached: {why}. {done_en}. Check --endpoint, the "
        "bucket name, the key's rights and the network, then run again.")


#: ``scheme://`` at the start of a publish target
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def deploy(site: Path, target: str, settings: S3Settings | None = None, *, mode: str = "auto",
           force: bool = False, all_files: bool = False) -> DeployReport:
    """``hcomm publish TARGET``: :func:`deploy_s3` for ``s3://bucket/prefix`` (the scheme in any
    letter case), :func:`deploy_folder` for a path.

    :raises UsageError: another address (``oss://``, ``http://``…): only folders and s3:// are
        published to (Aliyun OSS, Tencent COS and MinIO all speak s3:// with an endpoint).
    """
    scheme = _SCHEME.match(target)
    if scheme is None:
        return deploy_folder(site, Path(target), mode=mode, force=force)
    if scheme.group(1).lower() != "s3":
        raise UsageError(f"不能发布到“{target}”：只支持文件夹（如 /var/www/hxq 或 \\\\nas\\www）和对象存储 "
                         "s3://存储桶名/前缀（阿里云 OSS、腾讯云 COS、MinIO 都用 s3:// 加 --endpoint）。",
                         f"Cannot publish to '{target}': only a folder or s3://bucket/prefix (Aliyun OSS, "
                         "Tencent COS and MinIO all use s3:// with --endpoint).")
    return deploy_s3(site, "s3://" + target[scheme.end():], settings, force=force, all_files=all_files)
