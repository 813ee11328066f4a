"""Issue 12 item 8: ``hcomm publish TARGET`` to a folder (a link switched atomically, or in
place) and to a real S3-compatible server (moto's, over HTTP on 127.0.0.1): only changed files,
pages before the home page, stale files last, and a kill leaves the old site served."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcomm_gen.app.deploy import (
    S3Settings,
    content_type,
    deploy_folder,
    deploy_s3,
    parse_s3_url,
    publish_order,
    region_of,
    releases_dir,
)
from hcomm_gen.cli import main
from hcomm_gen.core.errors import UsageError

#: two versions of a small site: the new one changes a notice and the home page, adds a
#: notice and drops one (stale), keeps the rest
OLD = {
    "index.html": "<a href='notices/a/'>a</a><a href='notices/b/'>b</a> 首页 旧",
    "notices/a/index.html": "停水通知 a",
    "notices/b/index.html": "停电通知 b（旧）",
    "notices/gone/index.html": "已删除的通知",
    "archive/index.html": "归档 旧",
    "assets/site.css": "body{}",
    "assets/states.js": "// js",
    "feed.xml": "<feed>旧</feed>",
    "calendar.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    "search/search_index.json": "{\"docs\": []}",
}
NEW = {**{k: v for k, v in OLD.items() if k != "notices/gone/index.html"},
       "index.html": "<a href='notices/a/'>a</a><a href='notices/b/'>b</a><a href='notices/c/'>c</a> 首页 新",
       "notices/b/index.html": "停电通知 b（已改期）",
       "notices/c/index.html": "新通知 c",
       "archive/index.html": "归档 新",
       "feed.xml": "<feed>新</feed>"}
CHANGED = {"index.html", "notices/b/index.html", "notices/c/index.html", "archive/index.html", "feed.xml"}


def make_site(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode("utf-8"))
    return folder


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links followed) with its text."""
    out = {}
    for dirpath, _dirs, names in os.walk(folder, followlinks=True):
        for name in names:
            p = Path(dirpath) / name
            out[p.relative_to(folder).as_posix()] = p.read_bytes().decode("utf-8")
    return out


def test_publish_order_puts_assets_first_pages_deepest_first_and_the_home_page_last():
    files = sorted(OLD, key=publish_order)
    assert files[:2] == ["assets/site.css", "assets/states.js"]
    assert files[-1] == "index.html"
    assert files.index("notices/a/index.html") < files.index("archive/index.html") < files.index("feed.xml")
    assert content_type("notices/a/index.html") == "text/html; charset=utf-8"
    assert content_type("calendar.ics") == "text/calendar; charset=utf-8"
    assert content_type("assets/states.js") == "text/javascript; charset=utf-8"


def test_s3_addresses_and_regions():
    assert parse_s3_url("s3://hxq-site") == ("hxq-site", "")
    assert parse_s3_url("s3://hxq-site/board/") == ("hxq-site", "board/")
    with pytest.raises(UsageError):
        parse_s3_url("s3://Bad_Bucket/x")
    assert region_of("https://s3.oss-cn-hangzhou.aliyuncs.com") == "cn-hangzhou"
    assert region_of("https://oss-cn-shanghai-internal.aliyuncs.com") == "cn-shanghai"
    assert region_of("https://cos.ap-guangzhou.myqcloud.com") == "ap-guangzhou"
    assert region_of("http://127.0.0.1:9000") is None


# --- folder, as a link -----------------------------------------------------------------------

def test_folder_link_mode_copies_only_changes_and_keeps_the_previous_release(tmp_path):
    target = tmp_path / "www" / "hxq"
    r1 = deploy_folder(make_site(tmp_path / "s1", OLD), target)
    assert (r1.mode, sorted(r1.written), r1.removed) == ("link", sorted(OLD), [])
    assert target.is_symlink() and tree(target) == OLD
    assert oct((target.resolve()).stat().st_mode & 0o777) == "0o755"   # the web server can read it
    again = deploy_folder(tmp_path / "s1", target)
    assert (again.written, again.removed, again.unchanged, again.changed) == ([], [], len(OLD), False)
    assert again.release == r1.release                                  # no new release at all
    r2 = deploy_folder(make_site(tmp_path / "s2", NEW), target)
    assert set(r2.written) == CHANGED and r2.removed == ["notices/gone/index.html"]
    assert r2.unchanged == len(NEW) - len(CHANGED)
    assert tree(target) == NEW
    unchanged = "notices/a/index.html"   # hard link to the previous release's file: no copy
    assert (r2.release / unchanged).stat().st_ino == (r1.release / unchanged).stat().st_ino
    assert sorted(p.name for p in releases_dir(target).iterdir()) == sorted([".lock", r1.release.name,
                                                                              r2.release.name])
    deploy_folder(make_site(tmp_path / "s3", {**NEW, "index.html": "三"}), target)
    assert not r1.release.exists()       # the release before the previous one is removed


KILLABLE = """
import sys, time
from pathlib import Path
from hcomm_gen.app.deploy import deploy_folder
def progress(rel, action):
    print(action, rel, flush=True)
    time.sleep(0.03)
deploy_folder(Path(sys.argv[1]), Path(sys.argv[2]), mode=sys.argv[3], progress=progress)
print("done", flush=True)
"""


def publish_killed_after(site: Path, target: Path, mode: str, lines: int) -> list[str]:
    """Run a publish in a child process and SIGKILL it once it has reported ``lines`` files
    (each report is followed by a short pause, so the kill lands mid-publish); returns what
    it reported."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, str(site), str(target), mode],
                            stdout=subprocess.PIPE, text=True, env=env)
    seen: list[str] = []
    assert proc.stdout is not None
    while len(seen) < lines:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    return seen


@pytest.mark.parametrize("lines", [1, 5, 9])
def test_a_kill_during_a_link_publish_leaves_the_whole_old_site_served(tmp_path, lines):
    """SIGKILL after the 1st, 5th and 9th of the 10 files (before the switch): the target
    is exactly the old site; the next publish finishes and removes the unfinished release."""
    target = tmp_path / "www" / "hxq"
    deploy_folder(make_site(tmp_path / "old", OLD), target)
    new = make_site(tmp_path / "new", NEW)
    seen = publish_killed_after(new, target, "link", lines)
    assert len(seen) == lines and "done" not in seen
    assert tree(target) == OLD
    assert len([p for p in releases_dir(target).iterdir() if p.is_dir()]) == 2   # the unfinished one
    deploy_folder(new, target)
    assert tree(target) == NEW
    assert len([p for p in releases_dir(target).iterdir() if p.is_dir()]) == 2   # previous + current


def test_a_kill_at_any_moment_of_a_link_publish_leaves_old_or_new_never_a_mix(tmp_path):
    """Killed early, right after the last of the 10 files (the switch follows within 30 ms: the
    kill lands just before or just after it) and after "done": fully old or fully new."""
    target = tmp_path / "www" / "hxq"
    new = make_site(tmp_path / "new", NEW)
    states = []
    for lines in (3, 10, 11):
        deploy_folder(make_site(tmp_path / f"old{lines}", {**OLD, "index.html": f"old {lines}"}), target)
        old = tree(target)
        publish_killed_after(new, target, "link", lines)
        got = tree(target)
        assert got in (old, NEW)
        states.append("new" if got == NEW else "old")
    assert states[0] == "old" and states[-1] == "new"   # 11 = after "done": the switch happened


# --- folder, in place ------------------------------------------------------------------------

def test_in_place_refuses_a_folder_that_is_not_a_site_and_removes_stale_files_last(tmp_path):
    docs = make_site(tmp_path / "docs", {"合同.docx": "x"})
    with pytest.raises(UsageError) as err:
        deploy_folder(make_site(tmp_path / "s1", OLD), docs)
    assert "不是空文件夹，也不像网站" in err.value.zh and tree(docs) == {"合同.docx": "x"}
    empty = tmp_path / "www" / "hxq"
    empty.mkdir(parents=True)                       # an empty folder made for the site: becomes a link
    assert deploy_folder(tmp_path / "s1", empty).mode == "link" and empty.is_symlink() and tree(empty) == OLD
    target = make_site(tmp_path / "nas" / "hxq", {"index.html": "手工放的旧首页"})   # a real site folder: in place
    events: list[tuple[str, str]] = []
    r1 = deploy_folder(tmp_path / "s1", target, progress=lambda rel, a: events.append((a, rel)))
    assert r1.mode == "in-place" and not target.is_symlink() and tree(target) == OLD
    assert events[-1] == ("copy", "index.html")
    events.clear()
    r2 = deploy_folder(make_site(tmp_path / "s2", NEW), target, progress=lambda rel, a: events.append((a, rel)))
    assert set(r2.written) == CHANGED and r2.removed == ["notices/gone/index.html"]
    assert events[-2:] == [("copy", "index.html"), ("remove", "notices/gone/index.html")]
    assert tree(target) == NEW and not (target / "notices/gone").exists()
    assert deploy_folder(tmp_path / "s2", target).written == []


def test_a_kill_during_an_in_place_publish_keeps_the_old_home_page_and_every_old_page(tmp_path):
    """In place is not atomic as a whole (documented): after a kill every file is whole (old or
    new), the home page is still the old one, nothing was removed; the next publish ends it."""
    target = tmp_path / "nas" / "hxq"
    deploy_folder(make_site(tmp_path / "old", OLD), target, mode="in-place")
    new = make_site(tmp_path / "new", NEW)
    seen = publish_killed_after(new, target, "in-place", 3)
    assert len(seen) == 3
    got = tree(target)
    assert got["index.html"] == OLD["index.html"]
    assert all(got.get(rel) in (OLD.get(rel), NEW.get(rel)) for rel in set(got) | set(OLD))
    assert set(OLD) <= set(got)                         # no old page removed yet
    deploy_folder(new, target)
    assert tree(target) == NEW                          # leftovers (temporary files) gone too


# --- S3-compatible object storage: a real server on 127.0.0.1 ----------------------------------

@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server over HTTP on a free port of 127.0.0.1 (the real S3 REST API)."""
    from moto.server import ThreadedMotoServer
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, monkeypatch):
    """A fresh bucket and a client for it; the keys in the environment as an office sets them."""
    import uuid
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    settings = S3Settings(endpoint=s3_server, region="us-east-1")
    client = settings.client()
    bucket = f"hxq-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return settings, client, bucket


class Counting:
    """A client recording the uploads and deletions in order (the server does the work)."""

    def __init__(self, client):
        self.client, self.calls = client, []

    def __getattr__(self, name):
        return getattr(self.client, name)

    def put_object(self, **kw):
        self.calls.append(("put", kw["Key"]))
        return self.client.put_object(**kw)

    def delete_object(self, **kw):
        self.calls.append(("delete", kw["Key"]))
        return self.client.delete_object(**kw)


def objects(client, bucket: str, prefix: str = "") -> dict[str, str]:
    out = {}
    for obj in client.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", []):
        body = client.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
        out[obj["Key"][len(prefix):]] = body.decode("utf-8")
    return out


def test_s3_uploads_changes_only_index_last_stale_last_and_nothing_the_second_time(tmp_path, s3):
    settings, client, bucket = s3
    url = f"s3://{bucket}/board"
    c = Counting(client)
    r1 = deploy_s3(make_site(tmp_path / "s1", OLD), url, client=c)
    assert len(r1.written) == len(OLD) and c.calls[-1] == ("put", "board/index.html")
    assert objects(client, bucket, "board/") == OLD
    head = client.head_object(Bucket=bucket, Key="board/notices/a/index.html")
    assert head["ContentType"] == "text/html; charset=utf-8" and head["CacheControl"] == "no-cache"
    assert client.head_object(Bucket=bucket, Key="board/calendar.ics")["ContentType"] == "text/calendar; charset=utf-8"
    c.calls.clear()
    r = deploy_s3(tmp_path / "s1", url, client=c)        # unchanged site: not one upload
    assert (c.calls, r.written, r.unchanged) == ([], [], len(OLD))
    r2 = deploy_s3(make_site(tmp_path / "s2", NEW), url, client=c)
    assert set(r2.written) == CHANGED and r2.removed == ["notices/gone/index.html"]
    assert c.calls[-2:] == [("put", "board/index.html"), ("delete", "board/notices/gone/index.html")]
    puts = [k for a, k in c.calls if a == "put"]
    assert puts.index("board/notices/c/index.html") < puts.index("board/archive/index.html")
    assert objects(client, bucket, "board/") == NEW
    c.calls.clear()
    deploy_s3(tmp_path / "s2", url, settings)              # a client of its own: still nothing to do
    assert deploy_s3(tmp_path / "s2", url, client=c).written == [] and c.calls == []


def test_s3_refuses_a_prefix_that_holds_something_else(tmp_path, s3):
    _settings, client, bucket = s3
    client.put_object(Bucket=bucket, Key="docs/合同.pdf", Body=b"x")
    with pytest.raises(UsageError):
        deploy_s3(make_site(tmp_path / "s", OLD), f"s3://{bucket}/docs", client=client)
    assert objects(client, bucket) == {"docs/合同.pdf": "x"}


def test_cli_publish_to_s3_with_the_endpoint_and_keys_from_the_environment(tmp_path, s3, s3_server):
    _settings, client, bucket = s3
    root = tmp_path / "office"
    make_site(root / "site", OLD)
    env = {"HCOMM_S3_ENDPOINT": s3_server, "HCOMM_S3_REGION": "us-east-1"}
    r = CliRunner().invoke(main, ["--root", str(root), "publish", f"s3://{bucket}"], env=env)
    assert r.exit_code == 0, r.output
    assert f"已发布到 s3://{bucket}：上传 {len(OLD)} 个文件" in r.output
    r = CliRunner().invoke(main, ["--root", str(root), "--lang", "en", "publish", f"s3://{bucket}"], env=env)
    assert r.exit_code == 0 and f"s3://{bucket} is up to date: nothing to publish ({len(OLD)} files unchanged)" in r.output
    r = CliRunner().invoke(main, ["--root", str(root), "publish", "s3://no-such-bucket-x"], env=env)
    assert r.exit_code == 3 and "NoSuchBucket" in r.output and "没有上传任何文件" in r.output


def test_cli_publish_without_a_built_site_says_to_build_first_and_never_onto_the_site_itself(tmp_path):
    r = CliRunner().invoke(main, ["--root", str(tmp_path), "publish", str(tmp_path / "www")])
    assert r.exit_code == 2 and "请先运行 hcomm build" in r.output
    make_site(tmp_path / "site", OLD)
    for target in ("site", "site/sub", "."):
        r = CliRunner().invoke(main, ["--root", str(tmp_path), "publish", str(tmp_path / target)])
        assert r.exit_code == 2 and "与要发布的网站" in r.output, target
    assert tree(tmp_path / "site") == OLD


class Killed(BaseException):
    """The publishing process dies here (no handler catches it)."""


def test_s3_publish_stopped_midway_keeps_the_old_home_page_and_every_old_page(tmp_path, s3):
    """Object storage cannot switch at once (documented): stopped after 3 uploads, the home
    page is the old one, no object was deleted, every object is a whole old or new file; the
    next publish completes it."""
    _settings, client, bucket = s3
    url = f"s3://{bucket}"
    deploy_s3(make_site(tmp_path / "old", OLD), url, client=client)

    class Dying(Counting):
        def put_object(self, **kw):
            if len(self.calls) == 3:
                raise Killed
            return super().put_object(**kw)
    with pytest.raises(Killed):
        deploy_s3(make_site(tmp_path / "new", NEW), url, client=Dying(client))
    got = objects(client, bucket)
    assert got["index.html"] == OLD["index.html"] and set(OLD) <= set(got)
    assert all(got[k] in (OLD.get(k), NEW.get(k)) for k in got)
    assert sum(got[k] != OLD.get(k) for k in got) == 3
    assert deploy_s3(tmp_path / "new", url, client=client).written == sorted(CHANGED, key=publish_order)[3:]
    assert objects(client, bucket) == NEW
