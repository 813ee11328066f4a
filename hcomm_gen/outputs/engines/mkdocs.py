"""MkDocs + Material for MkDocs, the default engine: :func:`hcomm_gen.outputs.site.run_mkdocs`
(the only place that imports MkDocs; the Chinese search's jieba dictionary and
:class:`~hcomm_gen.outputs.search.CjkSearch` are its part) behind :class:`Engine`."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hcomm_gen.outputs import site

__all__ = ["MkDocsEngine"]


class MkDocsEngine:
    """MkDocs 1.x with the Material theme (``mkdocs<2``: MkDocs 2 cannot run Material, whose
    maintenance ends 2027-05-05; docs/engines.md). The configuration is written to
    ``mkdocs.yml`` next to ``docs_dir``."""

    name = "mkdocs"
    title = "MkDocs + Material"
    package = "mkdocs-material"

    def available(self) -> bool:
        """True when MkDocs and Material are installed (they are hcomm dependencies)."""
        return self.version() is not None

    def version(self) -> str | None:
        """``"mkdocs 1.6.1, mkdocs-material 9.7.0"``, or ``None`` when either is missing."""
        from importlib import metadata  # here: importing it costs check's start-up ~10 ms

        try:
            return f"mkdocs {metadata.version('mkdocs')}, mkdocs-material {metadata.version('mkdocs-material')}"
        except metadata.PackageNotFoundError:
            return None

    def build(self, config: dict, docs_dir: Path, site_dir: Path, build_time: datetime | None = None,
              cache: Path | None = None) -> None:
        """:func:`hcomm_gen.outputs.site.run_mkdocs` with ``config`` written to
        ``docs_dir/../mkdocs.yml``.

        :raises RuntimeError: with MkDocs' message when the build fails.
        """
        site.run_mkdocs(config, Path(docs_dir).parent / "mkdocs.yml", build_time, cache)
