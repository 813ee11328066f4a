"""``hcomm serve``: preview the bulletin-board site on localhost while staff edit records.

Builds the site (as ``hcomm build --no-pdf``), serves ``site/`` over HTTP on 127.0.0.1, and
rebuilds when a file under ``records/`` or ``templates/``, or ``mkdocs.yml``, changes (checked
every ``--interval`` seconds by comparing sizes and modification times: a few thousand
``stat`` calls, and it also works on shared folders where change notifications do not), and
when a notice changes state (becomes in effect or archived) if ``--now`` is not given.
A build stopped by a problem that blocks publication (as ``hcomm build``) prints those problems
and keeps serving the previous site; other problems are counted in one line.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
import urllib.parse
from datetime import datetime

import click

from hcomm_gen.app import pipeline
from hcomm_gen.app.preview import next_state_change, snapshot
from hcomm_gen.cli.base import Ctx, main, root_ok, say_remaining
from hcomm_gen.core.errors import HcommError, RecordsError, UsageError, environment_fault
from hcomm_gen.core.problems import format_problems


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the files of ``site/``: never a folder listing (a folder without ``index.html``
    is 404), and a URL that names no file (a NUL byte ``/%00/…``, a path the system refuses)
    is 400 or 404, never a traceback."""

    def log_message(self, fmt, *args):  # one short line per request on stderr
        sys.stderr.write("  " + (fmt % args) + "\n")

    def list_directory(self, path):  # noqa: ARG002 - never list a folder
        self.send_error(404, "Not found")
        return None

    def send_head(self):
        if "\x00" in urllib.parse.unquote(self.path):
            self.send_error(400, "Bad request")
            return None
        try:
            return super().send_head()
        except (OSError, ValueError):  # a name too long, a bad character…
            self.send_error(404, "Not found")
            return None


def _build(ctx: Ctx, now: str | None) -> pipeline.BuildResult | None:
    """One (re)build of the preview, as ``hcomm build --no-pdf``: prints what happened and
    returns the result, or ``None`` when nothing was published. NEVER raises (but Ctrl-C):
    a blocking problem prints the problems, an :class:`OutputError` or an environment fault
    (:func:`~hcomm_gen.core.errors.environment_fault`) its message, any other exception (a bug)
    one line; the previous site stays served and the records keep being watched."""
    t0 = time.perf_counter()
    try:
        result = pipeline.build(ctx.root, now, prints=False)
    except HcommError as exc:  # keep serving the previous site
        if isinstance(exc, RecordsError) and exc.problems:
            click.echo(format_problems(exc.problems, "text", ctx.lang), err=True)
        ctx.say(exc.zh, exc.en, err=True)
        return None
    except Exception as exc:  # noqa: BLE001 - serve survives every bad edit
        fault = environment_fault(exc)
        if fault is not None:
            ctx.say(fault.zh, fault.en, err=True)
        else:
            ctx.say(f"网站未更新（仍显示上一次的版本）：hcomm 内部错误 {type(exc).__name__}: {exc}。"
                    "请把这条信息发给维护人员；改动记录后会再试一次。",
                    f"The site was not updated (serving the previous one): internal error of hcomm "
                    f"{type(exc).__name__}: {exc}. Send this line to the maintainer; the next edit "
                    "retries.", err=True)
        return None
    blocking = result.check.blocking
    if blocking:
        click.echo(format_problems(blocking, "text", ctx.lang), err=True)
        ctx.say(f"有 {len(blocking)} 个错误使记录无法正确发布，网站未更新（仍显示上一次的版本）。",
                f"{len(blocking)} error{' stops' if len(blocking) == 1 else 's stop'} publication: the "
                "site was not updated (serving the previous one).", err=True)
        return result
    ctx.say(f"已生成网站（{result.pages} 页，{time.perf_counter() - t0:.1f} 秒）",
            f"Site built ({result.pages} pages, {time.perf_counter() - t0:.1f} s)")
    say_remaining(ctx, result.check, err=True)
    return result


def _snapshot(ctx: Ctx, previous: dict | None = None) -> dict:
    """:func:`snapshot` of the office, or ``previous`` (no rebuild) when the folders cannot be
    listed at this moment (a one-line message; the loop keeps watching)."""
    try:
        return snapshot(ctx.root)
    except Exception as exc:  # noqa: BLE001 - serve survives every bad edit
        ctx.say(f"无法查看记录文件夹：{exc}", f"Cannot look at the records: {exc}", err=True)
        return previous if previous is not None else {}


def _next_change(result: pipeline.BuildResult | None, now: str | None) -> datetime | None:
    """When to rebuild for a notice changing state (``None``: with ``--now``, after a failed
    build, or when it cannot be computed)."""
    if result is None or now is not None or result.check.blocking:
        return None
    try:
        return next_state_change(result)
    except Exception:  # noqa: BLE001 - the next edit rebuilds anyway
        return None


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free port).")
@click.option("--now", help="Build as of this moment, e.g. '2026-11-29 12:00' (community time zone); "
                            "default: the current time, rebuilt when a notice changes state.")
@click.option("--interval", default=1.0, show_default=True, type=float,
              help="Seconds between checks for changed records.")
@click.pass_obj
def serve(ctx: Ctx, host: str, port: int, now: str | None, interval: float) -> None:
    """Build the site, serve it on http://HOST:PORT/ and rebuild when records change (Ctrl-C stops)."""
    root_ok(ctx)
    if now is not None:  # a bad --now: UsageError (parsed in the default time zone if the
        pipeline.resolve_now(pipeline.Records(root=ctx.root), now)  # records do not load)
    seen = _snapshot(ctx)  # before the first build: an edit made meanwhile triggers a rebuild
    result = _build(ctx, now)
    site = ctx.root / "site"
    site.mkdir(exist_ok=True)
    handler = functools.partial(_Handler, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise UsageError(f"无法在 {host}:{port} 上提供网页：{exc.strerror}。请用 --port 换一个端口。",
                         f"Cannot serve on {host}:{port}: {exc.strerror}. Try another --port.") from None
    server.daemon_threads = True
    url = f"http://{host}:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ctx.say(f"预览：{url}（修改记录后自动更新；按 Ctrl-C 停止）",
            f"Preview: {url} (rebuilt when records change; Ctrl-C stops)")
    sys.stdout.flush()
    due = _next_change(result, now)
    try:
        while True:
            time.sleep(interval)
            current = _snapshot(ctx, seen)
            changed = sorted(k for k in current.keys() | seen.keys() if current.get(k) != seen.get(k))
            clock = due is not None and datetime.now(due.tzinfo) >= due
            if not changed and not clock:
                continue
            seen = current
            if changed:
                more = f" …（共 {len(changed)} 个）" if len(changed) > 3 else ""
                ctx.say(f"记录有改动：{'、'.join(changed[:3])}{more}，重新生成…",
                        f"Changed: {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''}; rebuilding…")
            else:
                ctx.say("有通知到了开始或结束时间，重新生成…", "A notice changed state; rebuilding…")
            result = _build(ctx, now)
            due = _next_change(result, now)
            sys.stdout.flush()
    except KeyboardInterrupt:
        ctx.say("已停止。", "Stopped.")
    finally:
        server.shutdown()
        server.server_close()
