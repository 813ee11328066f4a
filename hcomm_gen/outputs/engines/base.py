"""The interface every site engine has (issue 14 item 3): what turns the Markdown pages hcomm
generated (:func:`hcomm_gen.outputs.site.render_pages`, written by
:func:`~hcomm_gen.outputs.site.write_docs`) and the MkDocs-style configuration
(:func:`~hcomm_gen.outputs.site.mkdocs_config`) into the HTML site."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

__all__ = ["Engine"]


@runtime_checkable
class Engine(Protocol):
    """A site engine.

    :ivar name: the name community.yaml ``site_engine`` and ``hcomm build --engine`` use
        (``"mkdocs"``).
    :ivar title: the name shown to people (``"MkDocs + Material"``).
    :ivar package: what ``pip install`` needs for it (``"zensical"``), named in the message
        when it is missing.
    """

    name: str
    title: str
    package: str

    def available(self) -> bool:
        """True when the engine's package can be imported on this machine."""
        ...

    def version(self) -> str | None:
        """The installed version of the engine (``"1.6.1"``), or ``None`` when not installed."""
        ...

    def build(self, config: dict, docs_dir: Path, site_dir: Path, build_time: datetime | None = None,
              cache: Path | None = None) -> None:
        """Build the site into ``site_dir`` (created) from the pages in ``docs_dir`` and
        ``config`` (the dictionary of :func:`hcomm_gen.outputs.site.mkdocs_config`, whose
        ``docs_dir``/``site_dir`` name the same folders). The engine may write its own files
        (its configuration file, a staging folder) next to ``site_dir``, never into
        ``docs_dir``.

        :param build_time: the build's ``now``, aware, in the community's time zone: the date
            of the sitemap (reproducible output).
        :param cache: the office's cache folder (``root/.hcomm-cache``).
        :raises RuntimeError: with the engine's own message when the build fails.
        """
        ...
