"""hcomm_gen — checks a property-management office's communication records against the
h小区业户沟通工作规程 (see PROCEDURE.md for the rule IDs) and publishes the bulletin site,
printable sheets and internal reports.

The flow is visible in the sub-packages:

* :mod:`hcomm_gen.records`     — YAML files → typed records with source positions;
* :mod:`hcomm_gen.rules` — records → :class:`~hcomm_gen.core.problems.Problem` list (rule IDs);
* :mod:`hcomm_gen.domain`  — figures (notice state, visit quota, …) from valid records;
* :mod:`hcomm_gen.outputs`   — Markdown pages + MkDocs site, PDFs, reports.

:func:`hcomm_gen.app.pipeline.check` and :func:`hcomm_gen.app.pipeline.build` run the whole flow.
"""

__version__ = "0.1.0"
