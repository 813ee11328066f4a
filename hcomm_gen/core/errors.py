"""The one error path: every error hcomm reports to a user is an :class:`HcommError` carrying
its message in Chinese (``zh``) and English (``en``) and the exit code it ends the command
with. The CLI has one handler (:func:`hcomm_gen.cli.base.run_command`) that prints the message
in the chosen language and exits with :attr:`HcommError.exit_code`; anything else that escapes
is a bug of hcomm (exit 4, one line, no traceback unless ``HCOMM_DEBUG=1``).

Exit codes (README, "Exit codes"):

* :data:`EXIT_OK` 0 — success;
* :data:`EXIT_RECORDS` 1 — records break a rule or cannot be read (``check``); for ``build``
  and ``print``, only a problem that stops publication (a record that would be published and
  cannot be shown correctly), and then nothing was published;
* :data:`EXIT_USAGE` 2 — usage error: unknown option, bad ``--now``, no ``records/`` folder, a
  path or ID that names nothing;
* :data:`EXIT_OUTPUT` 3 — output could not be produced (a character no font has, the site
  engine failed, or the machine refused to write: disk full, file too large, no permission,
  read-only folder, quota, name too long — :func:`environment_fault`); the previous ``site/``
  and ``print/`` are untouched;
* :data:`EXIT_INTERNAL` 4 — internal error of hcomm itself.
"""
from __future__ import annotations

import errno

EXIT_OK, EXIT_RECORDS, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4


class HcommError(Exception):
    """An error to report to the user: ``zh``/``en`` say what happened and how to fix it.

    :ivar exit_code: the command's exit code (class attribute, one of ``EXIT_*``).
    """

    exit_code: int = EXIT_INTERNAL

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.en if lang == "en" else self.zh


class RecordsError(HcommError):
    """Records cannot be read or break a rule so that nothing can be published (exit 1).

    :ivar problems: the problems behind it (``Problem`` objects), printed before the message.
    """

    exit_code = EXIT_RECORDS

    def __init__(self, zh: str, en: str, problems: list | None = None):
        super().__init__(zh, en)
        self.problems = list(problems or [])


class UsageError(HcommError):
    """The command was given something that names nothing or is malformed (exit 2), e.g. a
    bad ``--now``, a missing ``records/`` folder, an unknown notice ID."""

    exit_code = EXIT_USAGE


class OutputError(HcommError):
    """An output could not be produced (exit 3): a character no font has, the site engine
    failed, a sheet name outside ``print/``. What was published before is untouched."""

    exit_code = EXIT_OUTPUT


#: ``errno`` → (zh, en) cause: the faults of the machine, not of hcomm nor of the records
#: (disk full, file too large, no permission, read-only file system, quota, name too long)
ENVIRONMENT_ERRNOS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "the disk is full"),
    errno.EFBIG: ("文件太大", "the file is too large"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("操作不被允许（权限）", "operation not permitted"),
    errno.EROFS: ("文件夹是只读的", "the folder is read-only"),
    errno.EDQUOT: ("超出了磁盘配额", "the disk quota is exceeded"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    # a path given on the command line (--out, a publish target) that cannot be a folder here
    errno.ENOTDIR: ("路径中有一段是文件，不是文件夹", "a part of the path is a file, not a folder"),
    errno.EISDIR: ("这里已有一个同名的文件夹", "a folder of that name is in the way"),
    errno.EEXIST: ("这里已有一个同名的文件", "a file of that name is in the way"),
}


def environment_fault(exc: BaseException) -> OutputError | None:
    """The :class:`OutputError` (exit 3) for an ``OSError`` the machine raised while hcomm
    wrote or read its outputs or cache (``errno`` in :data:`ENVIRONMENT_ERRNOS`), naming the
    path and the cause in Chinese and English and how to fix it; ``None`` for any other
    exception (a bug stays a bug: exit 4). The CLI's one error handler and ``hcomm serve``
    call it."""
    if not isinstance(exc, OSError) or exc.errno not in ENVIRONMENT_ERRNOS:
        return None
    zh_cause, en_cause = ENVIRONMENT_ERRNOS[exc.errno]
    path = exc.filename if exc.filename is not None else "?"
    if exc.filename2 is not None:
        path = f"{path} → {exc.filename2}"
    return OutputError(
        f"无法写入 {path}：{zh_cause}（{exc.strerror}）。没有发布任何内容，之前的 site/ 和 print/ 没有改动。"
        "请腾出磁盘空间、检查这个文件夹的权限（当前账户要能写入）或换一个可写的文件夹，然后再运行一次。",
        f"Cannot write {path}: {en_cause} ({exc.strerror}). Nothing was published; the previous site/ "
        "and print/ are untouched. Free disk space, check the folder's permissions (this account must "
        "be able to write) or use a writable folder, then run again.")
