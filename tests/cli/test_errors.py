"""One error path (issue 10): every error a user sees is an HcommError with its exit code,
decided in one place (hcomm_gen.core.errors); anything else is exit 4 without a traceback."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
from contextlib import contextmanager

import pytest
from click.testing import CliRunner
from helpers import OUTAGE, make_office

from hcomm_gen.app import pipeline
from hcomm_gen.cli import main
from hcomm_gen.core.errors import (
    EXIT_INTERNAL,
    EXIT_OUTPUT,
    EXIT_RECORDS,
    EXIT_USAGE,
    HcommError,
    OutputError,
    RecordsError,
    UsageError,
)
from hcomm_gen.outputs.pdf import MissingGlyph

NOW = "2026-03-02 12:00"


def run(root, *args, lang="zh"):
    return CliRunner().invoke(main, ["--root", str(root), "--lang", lang, *args])


@pytest.mark.parametrize("cls, code", [(RecordsError, 1), (UsageError, 2), (OutputError, 3),
                                       (HcommError, 4)])
def test_each_error_class_carries_its_exit_code(cls, code):
    assert cls("中", "en").exit_code == code
    assert cls("中", "en").message("en") == "en" and cls("中", "en").message() == "中"


def test_a_missing_glyph_is_an_output_error():
    assert issubclass(MissingGlyph, OutputError)
    assert MissingGlyph("𠀀", "x.pdf").exit_code == EXIT_OUTPUT


def test_bad_now_is_a_usage_error_in_both_languages(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    res = run(root, "build", "--now", "明天")
    assert res.exit_code == EXIT_USAGE
    assert "--now 的时间不对" in res.output
    res = run(root, "status", "--today", "明天", lang="en")
    assert res.exit_code == EXIT_USAGE
    assert "Bad --today" in res.output


def test_a_value_error_while_rendering_is_internal_not_a_bad_now(tmp_path, monkeypatch):
    """The bug of issue 10: a ValueError raised while rendering made `hcomm build` say
    "--now 的时间不对" and exit 2."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})

    def broken(*args, **kwargs):
        raise ValueError("something inside hcomm")
    monkeypatch.setattr(pipeline, "render_pages", broken)
    res = run(root, "build", "--now", NOW, "--no-pdf")
    assert res.exit_code == EXIT_INTERNAL
    assert "hcomm 内部错误" in res.output and "--now" not in res.output
    assert "Traceback" not in res.output
    assert not (root / "site").exists()


def test_an_output_error_while_rendering_exits_3_and_publishes_nothing(tmp_path, monkeypatch):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})

    def no_font(*args, **kwargs):
        raise MissingGlyph("𠀀", "site")
    monkeypatch.setattr(pipeline, "render_pages", no_font)
    res = run(root, "build", "--now", NOW, "--no-pdf")
    assert res.exit_code == EXIT_OUTPUT
    assert "𠀀" in res.output
    assert not (root / "site").exists()


def test_no_records_folder_and_unknown_notice_id_are_usage_errors(tmp_path):
    res = run(tmp_path, "check")
    assert res.exit_code == EXIT_USAGE and "找不到记录文件夹" in res.output
    root = make_office(tmp_path / "o", {"notices/2026/n1.yaml": OUTAGE})
    res = run(root, "print", "N-404", "--now", NOW)
    assert res.exit_code == EXIT_USAGE and "N-404" in res.output


def test_record_errors_exit_1_with_the_summary_last(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE.replace("areas: [1栋]\n", "")})
    res = run(root, "build", "--now", NOW, "--no-pdf")
    assert res.exit_code == EXIT_RECORDS
    assert "NOTICE-OUTAGE" in res.output
    assert res.output.strip().splitlines()[-1].endswith("未发布。请先改正上面的错误。")


def test_build_and_print_publish_despite_a_lapse_and_say_so_in_one_line(tmp_path):
    """A door visit at 22:30 (VISIT-2200) is the office's conduct: check exits 1, build and
    print publish (exit 0) and say in one line what remains (zh and en)."""
    from helpers import VISIT
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE,
                                  "visits/2026/2026-03/v1.yaml": VISIT.replace("19:30", "22:30")})
    res = run(root, "check", "--now", NOW)
    assert res.exit_code == EXIT_RECORDS and "VISIT-2200" in res.output
    res = run(root, "build", "--now", NOW, "--no-pdf")
    assert res.exit_code == 0, res.output
    assert (root / "site/notices/N-1/index.html").exists()
    assert "VISIT-2200" not in res.output
    assert res.output.strip().splitlines()[-1] == (
        "已发布；另有 1 个错误、0 个警告不妨碍发布，请用 hcomm check 或 hcomm status 查看。")
    res = run(root, "build", "--now", NOW, "--no-pdf", lang="en")
    assert res.exit_code == 0 and res.output.strip().splitlines()[-1] == (
        "Published; 1 error and 0 warnings remain that do not stop publication: see hcomm check "
        "or hcomm status.")
    res = run(root, "print", "--now", NOW)
    assert res.exit_code == 0, res.output
    assert len(list((root / "print").glob("*N-1*.pdf"))) == 1
    assert res.output.strip().splitlines()[-1].startswith("已发布；另有 1 个错误、0 个警告")


def test_a_blocking_problem_is_printed_alone_and_the_others_counted(tmp_path):
    from helpers import VISIT
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE.replace("areas: [1栋]\n", ""),
                                  "visits/2026/2026-03/v1.yaml": VISIT.replace("19:30", "22:30")})
    res = run(root, "print", "--now", NOW)
    assert res.exit_code == EXIT_RECORDS
    lines = res.output.strip().splitlines()
    assert [ln.split(" ")[2] for ln in lines[:-1]] == ["NOTICE-OUTAGE"]
    assert lines[-1] == ("有 1 个错误使记录无法正确发布（另有 1 个问题不妨碍发布，用 hcomm check 查看），"
                         "未打印。请先改正上面的错误。")
    assert not (root / "print").exists()
    res = run(root, "build", "--now", NOW, lang="en")
    assert res.exit_code == EXIT_RECORDS and res.output.strip().splitlines()[-1] == (
        "1 error stops publication: a record that would be published cannot be shown correctly "
        "(1 other problem does not stop publication: see hcomm check); nothing was published. "
        "Fix them first.")


def test_check_says_how_many_errors_stop_publication(tmp_path):
    """The outage without areas stops publication, the 22:30 visit does not; both are errors."""
    from helpers import VISIT
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE.replace("areas: [1栋]\n", ""),
                                  "visits/2026/2026-03/v1.yaml": VISIT.replace("19:30", "22:30")})
    res = run(root, "check", "--now", NOW)
    assert res.exit_code == EXIT_RECORDS
    assert res.output.strip().splitlines()[-1] == (
        "检查了 4 个文件：2 个错误（其中 1 个妨碍发布：hcomm build 不会发布），0 个警告。")
    (root / "records/notices/2026/n1.yaml").write_text(OUTAGE, encoding="utf-8")
    res = run(root, "check", "--now", NOW, lang="en")
    assert res.exit_code == EXIT_RECORDS
    assert res.output.strip().splitlines()[-1] == "Checked 4 files: 1 errors (none stops publication), 0 warnings."


# issue 15 item 9: a fault of the machine while writing the outputs is exit 3 with the path
# and the cause, not exit 4 ("send to the maintainer")
@pytest.mark.parametrize("code, zh, en", [
    (errno.ENOSPC, "磁盘已满", "the disk is full"),
    (errno.EFBIG, "文件太大", "the file is too large"),
    (errno.EACCES, "没有写入权限", "permission denied"),
    (errno.EROFS, "文件夹是只读的", "the folder is read-only"),
    (errno.EDQUOT, "超出了磁盘配额", "the disk quota is exceeded"),
])
def test_an_environment_fault_while_writing_exits_3_with_path_and_cause(tmp_path, monkeypatch, code, zh, en):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})

    def full(pages, docs_dir, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(docs_dir / "index.md"))
    monkeypatch.setattr(pipeline, "write_docs", full)
    for lang, cause in (("zh", zh), ("en", en)):
        res = run(root, "build", "--now", NOW, "--no-pdf", lang=lang)
        assert res.exit_code == EXIT_OUTPUT
        assert "docs/index.md" in res.output and cause in res.output and os.strerror(code) in res.output
        assert "内部错误" not in res.output and "internal error" not in res.output
    assert not (root / "site").exists()


def test_a_read_only_cache_folder_exits_3(tmp_path, monkeypatch):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})

    def read_only(root):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(root / ".hcomm-cache/print"))
    monkeypatch.setattr(pipeline, "cache_dir", read_only)
    res = run(root, "build", "--now", NOW, lang="en")
    assert res.exit_code == EXIT_OUTPUT
    assert res.output.startswith(f"Cannot write {root}/.hcomm-cache/print: the folder is read-only "
                                 "(Read-only file system). Nothing was published;")


@pytest.mark.parametrize("exc", [OSError(errno.ENOENT, "No such file or directory", "x"), KeyError("k")])
def test_other_errors_stay_internal(tmp_path, monkeypatch, exc):
    """Not every OSError is the machine's fault: a missing file is a bug (exit 4)."""
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})

    def broken(*args, **kwargs):
        raise exc
    monkeypatch.setattr(pipeline, "write_docs", broken)
    assert run(root, "build", "--now", NOW, "--no-pdf").exit_code == EXIT_INTERNAL


@contextmanager
def _tmpfs(where, options: str):
    """A real tmpfs mounted at ``where`` (root only; skips otherwise)."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small or read-only file system needs root")
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "none", str(where)], capture_output=True)
    if res.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_read_only_office_folder_exits_3(tmp_path):
    """A real read-only file system (tmpfs remounted read-only): exit 3 naming the folder."""
    with _tmpfs(tmp_path / "ro", "size=4m") as fs:
        root = make_office(fs, {"notices/2026/n1.yaml": OUTAGE})
        subprocess.run(["mount", "-o", "remount,ro", str(fs)], check=True)
        res = run(root, "build", "--now", NOW, "--no-pdf", lang="en")
        assert res.exit_code == EXIT_OUTPUT, res.output
        assert "the folder is read-only (Read-only file system)" in res.output
        assert str(root) in res.output


def test_a_full_disk_exits_3_and_leaves_nothing(tmp_path):
    """A real full disk (a 1 MB tmpfs: the records fit, the site does not)."""
    with _tmpfs(tmp_path / "full", "size=1m") as fs:
        root = make_office(fs, {"notices/2026/n1.yaml": OUTAGE})
        res = run(root, "build", "--now", NOW, "--no-pdf", lang="en")
        assert res.exit_code == EXIT_OUTPUT, res.output
        assert "the disk is full (No space left on device)" in res.output
        assert sorted(p.name for p in root.iterdir() if p.name != ".hcomm-cache") == ["records"]
