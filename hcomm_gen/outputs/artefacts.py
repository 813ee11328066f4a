"""A cache of derived artefacts keyed by the hash of their inputs (issue 14: builds that cost
what changed).

What a build derives from records that did not change — a past survey round's Pareto chart,
the HTML of a page whose Markdown did not change, the search-index entries of a page whose HTML
did not change — is kept in the office's cache folder ``root/.hcomm-cache/<kind>/`` under the
SHA-256 of everything it was made from (:func:`key`), and read back instead of made again.

The cache is never required: a missing, unreadable or corrupt entry is a miss and the artefact
is made again (each entry carries the SHA-256 of its content, checked when read). Two builds may run at once: every entry is written
to a temporary file of its own (``.<key>.<pid>.tmp``) and renamed into place, so a reader sees a
whole entry or none. It is bounded: :meth:`ArtefactCache.prune` removes the entries of a kind
not used by this build beyond the newest :data:`KEEP` (by modification time; a hit touches the
entry), and leftover temporary files of dead processes.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path
from typing import Any

__all__ = ["CACHE_ROOT", "KEEP", "ArtefactCache", "key"]

#: the office's cache folder (shared with the sheet cache ``print/`` and jieba's dictionary)
CACHE_ROOT = ".hcomm-cache"
#: entries of a kind kept beyond those used by the current build (the oldest go first)
KEEP = 2000
#: every entry starts with this and the SHA-256 of what follows: a damaged entry is a miss
_MAGIC = b"hcomm-artefact-1\n"


def key(*parts: Any) -> str:
    """The SHA-256 (hex) of ``parts``: ``str``/``bytes`` as they are, anything else by its
    ``repr`` (callers pass plain data: numbers, strings, tuples, Fractions, dates), each part
    length-prefixed so that ``("ab", "c")`` and ``("a", "bc")`` differ."""
    h = hashlib.sha256()
    for p in parts:
        data = p if isinstance(p, bytes) else (p if isinstance(p, str) else repr(p)).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class ArtefactCache:
    """The cached artefacts of one kind (``root/.hcomm-cache/<kind>``), or no cache at all
    (``root=None``: every :meth:`get` misses, :meth:`put` does nothing).

    :ivar hits: keys read back by this object; :ivar misses: keys asked for and not found.
    """

    def __init__(self, root: Path | None, kind: str):
        self.folder = Path(root) / CACHE_ROOT / kind if root is not None else None
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def _path(self, k: str) -> Path:
        assert self.folder is not None
        return self.folder / k

    def get_bytes(self, k: str) -> bytes | None:
        """The entry ``k``, or ``None`` (no cache, absent, unreadable)."""
        self.used.add(k)
        if self.folder is None:
            return None
        p = self._path(k)
        try:
            stored = p.read_bytes()
        except OSError:
            self.misses += 1
            return None
        data = stored[len(_MAGIC) + 32:]
        if stored[:len(_MAGIC)] != _MAGIC or hashlib.sha256(data).digest() != stored[len(_MAGIC):len(_MAGIC) + 32]:
            self.misses += 1  # written by something else, truncated or damaged: made again
            return None
        try:
            os.utime(p)  # recently used: pruned last
        except OSError:
            pass
        self.hits += 1
        return data

    def put_bytes(self, k: str, data: bytes) -> None:
        """Store ``data`` as entry ``k`` atomically; a cache that cannot be written is left
        alone (the next build makes the artefact again)."""
        self.used.add(k)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ign = self.folder.parent / ".gitignore"
            if not ign.exists():
                ign.write_text("# hcomm's caches: safe to delete\n*\n", encoding="utf-8")
            tmp = self.folder / f".{k}.{os.getpid()}.tmp"
            tmp.write_bytes(_MAGIC + hashlib.sha256(data).digest() + data)
            os.replace(tmp, self._path(k))
        except OSError:
            pass

    def get_text(self, k: str) -> str | None:
        """The entry ``k`` as UTF-8 text, or ``None`` (also when it is not valid UTF-8)."""
        data = self.get_bytes(k)
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put_text(self, k: str, text: str) -> None:
        """Store ``text`` (UTF-8) as entry ``k``."""
        self.put_bytes(k, text.encode("utf-8"))

    def get_object(self, k: str) -> Any:
        """The pickled entry ``k`` (written by :meth:`put_object` of this hcomm), or ``None``
        when absent or unreadable."""
        data = self.get_bytes(k)
        if data is None:
            return None
        try:
            return pickle.loads(data)  # noqa: S301 - our own cache folder, written by put_object
        except Exception:  # corrupt or from another version: a miss
            return None

    def put_object(self, k: str, value: Any) -> None:
        """Store ``value`` pickled as entry ``k``."""
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # not picklable: not cached
            return
        self.put_bytes(k, data)

    def prune(self, keep: int = KEEP) -> int:
        """Remove the entries not used by this object beyond the newest ``keep``, and
        temporary files older than an hour. Returns how many were removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        old: list[tuple[float, Path]] = []
        now = time.time()
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return 0
        for e in entries:
            try:
                mtime = e.stat().st_mtime
            except OSError:
                continue
            if e.name.startswith("."):
                if e.name.endswith(".tmp") and now - mtime > 3600:
                    Path(e.path).unlink(missing_ok=True)
                    removed += 1
                continue
            if e.name not in self.used:
                old.append((mtime, Path(e.path)))
        old.sort(reverse=True)
        for _, p in old[keep:]:
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
        return removed


def template_cache(root: Path | None):
    """A Jinja2 bytecode cache in ``root/.hcomm-cache/jinja`` (``None`` without ``root``):
    compiled templates (ours and the site theme's) are kept there, keyed by the template's
    name and file and checked against its source, so a build does not compile unchanged
    templates again. Written atomically by Jinja2; an entry that cannot be read or written is
    compiled again (never an error)."""
    if root is None:
        return None
    import jinja2

    class _Cache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable or corrupt: compiled again
                bucket.reset()

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except Exception:  # a cache that cannot be written: compiled next time too
                pass

    folder = Path(root) / CACHE_ROOT / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Cache(str(folder))
