"""The site engines behind one interface (issue 14 item 3; docs/engines.md).

:data:`ENGINES` maps the names of community.yaml ``site_engine`` and ``hcomm build --engine``
to the engines: ``mkdocs`` (MkDocs + Material for MkDocs, :data:`DEFAULT`) and ``zensical``.
Each is an :class:`~hcomm_gen.outputs.engines.base.Engine`: ``build(config, docs_dir,
site_dir, build_time, cache)``, ``available()``, ``version()`` and the ``package`` it needs.
Importing this package imports no engine; an engine's package is imported when it builds.
"""
from __future__ import annotations

from hcomm_gen.outputs.engines.base import Engine
from hcomm_gen.outputs.engines.mkdocs import MkDocsEngine
from hcomm_gen.outputs.engines.zensical import ZensicalEngine

__all__ = ["DEFAULT", "ENGINES", "Engine"]

#: the engines by name, the default first
ENGINES: dict[str, Engine] = {e.name: e for e in (MkDocsEngine(), ZensicalEngine())}
#: the engine of an office that names none
DEFAULT = "mkdocs"

