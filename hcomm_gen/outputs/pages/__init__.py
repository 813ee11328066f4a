"""The public site's pages, one registered function each (:mod:`.registry`), by area:
notices (home, one page per notice, events/publicity/finance lists), archive, outages,
visits, cases, surveys and channels. Importing this package registers them all;
:func:`hcomm_gen.outputs.site.render_pages` runs them.

Adding a page is one function registered with ``@page(path)`` in one of these modules,
plus its template (CONTRIBUTING.md). The nav's order is the pages' ``nav_order``, not the
order of these imports.
"""
from __future__ import annotations

from hcomm_gen.outputs.pages import archive as _archive  # noqa: F401
from hcomm_gen.outputs.pages import buildings as _buildings  # noqa: F401
from hcomm_gen.outputs.pages import cases as _cases  # noqa: F401
from hcomm_gen.outputs.pages import channels as _channels  # noqa: F401
from hcomm_gen.outputs.pages import notices as _notices  # noqa: F401
from hcomm_gen.outputs.pages import outages as _outages  # noqa: F401
from hcomm_gen.outputs.pages import surveys as _surveys  # noqa: F401
from hcomm_gen.outputs.pages import visits as _visits  # noqa: F401
