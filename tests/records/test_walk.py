"""Issue 15 item 3: nothing under ``records/`` is dropped silently. An unreadable folder or
file, a link leading outside ``records/`` and a named pipe / device / socket are errors at
``path:1:1`` that stop publication, and nothing of the kind is ever opened (no hang)."""
from __future__ import annotations

import errno
import os
import pathlib
import signal
import socket
import stat

import pytest
from click.testing import CliRunner
from helpers import OUTAGE, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.cli import main

NOW = "2026-03-02 12:00"


@pytest.fixture
def unreadable(monkeypatch):
    """Make a folder or file unreadable by this account: ``chmod 000``, and, when the tests
    run as root (whom permissions do not stop, and no other account can run this Python),
    the same ``PermissionError`` the system gives another account, raised by ``os.scandir``
    and ``Path.open`` for that path."""
    made: list[pathlib.Path] = []
    real_scandir, real_open = os.scandir, pathlib.Path.open

    def denied(path) -> bool:
        return any(os.path.abspath(os.fspath(path)) == str(p) for p in made)

    def scandir(path="."):
        if denied(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_scandir(path)

    def open_(self, *args, **kwargs):
        if denied(self):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    def make(path: pathlib.Path) -> None:
        made.append(path.absolute())
        path.chmod(0)
        if os.geteuid() == 0:
            monkeypatch.setattr(os, "scandir", scandir)
            monkeypatch.setattr(pathlib.Path, "open", open_)

    yield make
    for p in made:
        p.chmod(0o755)


def _errors(root, now=NOW):
    return [(p.pos.path.split("records/", 1)[1], p.pos.line, p.pos.column, p.rule, p.blocks)
            for p in pipeline.check(root, now).problems if p.severity == "error"]


class Hung(Exception):
    """The code under test blocked (not an ``OSError``, so no reader catches it)."""


def _no_hang(seconds: int = 20):
    """Fail (instead of waiting forever) when the code under test blocks."""
    def alarm(*_):
        raise Hung("a named pipe was opened")
    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)


def test_an_unreadable_notices_year_folder_is_an_error_and_the_site_stays(tmp_path, unreadable, monkeypatch):
    """The issue's input: records/notices/2026 not readable by the account. Before: check said
    0 errors and build replaced the site with one without notices."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    monkeypatch.chdir(root)
    assert CliRunner().invoke(main, ["build", "--now", NOW, "--no-pdf"]).exit_code == 0
    before = (root / "site/index.html").read_bytes()
    assert "停水通知".encode() in before

    unreadable(root / "records/notices/2026")
    assert _errors(root) == [("notices/2026", 1, 1, "RECORD-FIELD", True)]
    res = CliRunner().invoke(main, ["--lang", "en", "check", "--now", NOW])
    assert res.exit_code == 1
    assert ("records/notices/2026:1:1: error RECORD-FIELD (格式): Cannot read this folder "
            "(Permission denied): its records were not checked and cannot be published.") in res.output
    res = CliRunner().invoke(main, ["build", "--now", NOW, "--no-pdf"])
    assert res.exit_code == 1
    assert "无法读取这个文件夹（Permission denied）" in res.output
    assert (root / "site/index.html").read_bytes() == before


def test_an_unreadable_record_file_is_an_error(tmp_path, unreadable):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    unreadable(root / "records/notices/2026/n1.yaml")
    assert _errors(root) == [("notices/2026/n1.yaml", 1, 1, "YAML-SYNTAX", True)]


def test_a_folder_linked_from_outside_records_is_an_error_not_skipped(tmp_path):
    """The issue's input: a symlinked folder pointing outside records/ (was skipped silently)."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    outside = tmp_path / "elsewhere/2027"
    outside.mkdir(parents=True)
    (outside / "n2.yaml").write_text(OUTAGE, encoding="utf-8")
    (root / "records/notices/2027").symlink_to(outside)
    (root / "records/notices/2026/n3.yaml").symlink_to(tmp_path / "elsewhere/2027/n2.yaml")
    assert _errors(root) == [("notices/2026/n3.yaml", 1, 1, "RECORD-FIELD", True),
                             ("notices/2027", 1, 1, "RECORD-FIELD", True)]
    problem = next(p for p in pipeline.check(root, NOW).problems if p.pos.path.endswith("2027"))
    assert problem.en == (f"This is a link pointing outside records/ (to '{outside}'): it is not read. Copy "
                          "the files it points to here instead of the link, or delete the link.")


def test_a_link_inside_records_is_followed_and_a_loop_is_an_error(tmp_path):
    """Decision: a link whose target is inside records/ is read (under the link's name), once."""
    root = make_office(tmp_path, {".store/2026/n1.yaml": OUTAGE})
    (root / "records/notices").mkdir()
    (root / "records/notices/2026").symlink_to("../.store/2026")
    (root / "records/notices/again").symlink_to(".")
    result = pipeline.check(root, NOW)
    assert [n.id for n in result.records.notices] == ["N-1"]
    assert [n.path.split("records/", 1)[1] for n in result.records.notices] == ["notices/2026/n1.yaml"]
    assert _errors(root) == [("notices/again", 1, 1, "RECORD-FIELD", True)]


def test_a_broken_link_is_an_error(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    (root / "records/notices/2026/gone.yaml").symlink_to("nothing-here.yaml")
    assert _errors(root) == [("notices/2026/gone.yaml", 1, 1, "RECORD-FIELD", True)]


def test_a_fifo_named_yaml_is_an_error_and_never_opened(tmp_path):
    """The issue's input: a FIFO named .yaml (hung check and build)."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    os.mkfifo(root / "records/notices/2026/n2.yaml")
    os.mkfifo(root / "records/community2.yml")
    _no_hang()
    try:
        assert _errors(root) == [("community2.yml", 1, 1, "RECORD-FIELD", True),
                                 ("notices/2026/n2.yaml", 1, 1, "RECORD-FIELD", True)]
        res = CliRunner().invoke(main, ["--root", str(root), "--lang", "en", "build", "--now", NOW, "--no-pdf"])
    finally:
        signal.alarm(0)
    assert res.exit_code == 1
    assert ("records/notices/2026/n2.yaml:1:1: error RECORD-FIELD (格式): This is not a regular file but "
            "a named pipe (FIFO): it is not opened.") in res.output
    assert not (root / "site").exists()


def test_a_socket_in_a_records_folder_and_community_as_fifo(tmp_path):
    root = make_office(tmp_path, {})
    (root / "records/community.yaml").unlink()
    os.mkfifo(root / "records/community.yaml")
    sock = socket.socket(socket.AF_UNIX)
    (root / "records/visits").mkdir()
    try:
        sock.bind(str(root / "records/visits/v.yaml"))
        _no_hang()
        try:
            errors = _errors(root)
        finally:
            signal.alarm(0)
    finally:
        sock.close()
    assert errors == [("community.yaml", 1, 1, "RECORD-FIELD", True),
                      ("visits/v.yaml", 1, 1, "RECORD-FIELD", False)]  # visits are never published
    assert stat.S_ISFIFO(os.stat(root / "records/community.yaml").st_mode)


def test_load_file_never_opens_a_fifo(tmp_path):
    """The reader itself checks before opening (``hcomm check PATH`` or a file that became a
    pipe after the walk)."""
    from hcomm_gen.records.yamlsrc import load_file
    os.mkfifo(tmp_path / "x.yaml")
    _no_hang()
    try:
        src, problems = load_file(tmp_path / "x.yaml", "x.yaml")
    finally:
        signal.alarm(0)
    assert src is None
    assert [(p.rule, p.pos.line, p.pos.column) for p in problems] == [("YAML-SYNTAX", 1, 1)]
