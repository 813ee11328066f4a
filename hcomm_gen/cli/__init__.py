"""The ``hcomm`` command: a thin click layer over the library (:mod:`hcomm_gen.app`).

:mod:`hcomm_gen.cli.base` holds the group and the shared helpers; each other module adds its
commands to :data:`main` when imported. Exit codes: see :mod:`hcomm_gen.cli.base`.
"""
from hcomm_gen.cli import (  # noqa: F401  (registers the commands)
    build,
    check,
    company,
    households,
    init,
    new,
    next_change,
    printing,
    publish,
    schema,
    serve,
    share,
    status,
    survey,
    visits,
)
from hcomm_gen.cli.base import main

__all__ = ["main"]

if __name__ == "__main__":  # pragma: no cover
    main()
