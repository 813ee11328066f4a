"""The ``hcomm`` command: a thin click layer over the library (:mod:`hcomm_gen.app`).

:mod:`hcomm_gen.cli.base` holds the group and the shared helpers; each other module adds its
commands to :data:`main` when imported. The modules are imported when their command runs
(``main.lazy_commands`` below; ``--help`` imports them all), so that ``hcomm check`` starts
without what ``build`` needs (MkDocs, Jinja, WeasyPrint…). A new command module: one line
below, ``"command name": "module"``. Exit codes: see :mod:`hcomm_gen.cli.base`.
"""
from hcomm_gen.cli.base import load_commands, main

main.lazy_commands = {
    "build": "build",
    "check": "check",
    "company": "company",
    "households": "households",
    "init": "init",
    "new": "new",
    "next-change": "next_change",
    "print": "printing",
    "publish": "publish",
    "schema": "schema",
    "serve": "serve",
    "share": "share",
    "status": "status",
    "survey": "survey",
    "visits": "visits",
}

__all__ = ["load_commands", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
