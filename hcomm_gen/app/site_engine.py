"""Which site engine a build uses (issue 14 item 3): ``hcomm build --engine NAME`` if given,
else community.yaml ``site_engine`` (default ``mkdocs``); the engines are
:mod:`hcomm_gen.outputs.engines`."""
from __future__ import annotations

from hcomm_gen.core.errors import OutputError, UsageError
from hcomm_gen.outputs.engines import ENGINES, Engine
from hcomm_gen.records.loader import Records
from hcomm_gen.records.types import SITE_ENGINE, did_you_mean

__all__ = ["chosen_engine"]


def chosen_engine(records: Records, name: str | None = None) -> Engine:
    """The engine named by ``name`` (the ``--engine`` option; any name community.yaml accepts,
    e.g. ``Zensical``, ``material``) or, when ``name`` is ``None``, by the community's
    ``site_engine``.

    :raises UsageError: ``name`` names no engine (the message lists them and the closest).
    :raises OutputError: the engine's package is not installed on this machine (the message
        says what to install, or how to go back to the default).
    """
    if name is not None:
        choice = SITE_ENGINE.find(name)
        if choice is None:
            close = did_you_mean(name, [c.value for c in SITE_ENGINE.choices])
            hint_zh, hint_en = (f"是不是“{close}”？", f" Did you mean '{close}'?") if close else ("", "")
            raise UsageError(f"--engine：没有名为“{name}”的网站引擎。{hint_zh}可选：{_listing('zh')}。",
                             f"--engine: no site engine named '{name}'.{hint_en} Choose one of: {_listing('en')}.")
        key, where_zh, where_en = choice.value, "--engine", "--engine"
    else:
        key = records.community.site_engine
        where_zh, where_en = "records/community.yaml 的 site_engine", "site_engine in records/community.yaml"
    engine = ENGINES[key]
    if not engine.available():
        raise OutputError(
            f"{where_zh} 选了网站引擎 {engine.title}，但这台电脑没有安装它，网站没有生成（原来的 site/ 没有改动）。"
            f"请运行 pip install \"hcomm[{engine.name}]\"（或 pip install {engine.package}）后再生成，"
            f"或改用默认的 mkdocs。",
            f"{where_en} chooses the site engine {engine.title}, which is not installed on this machine: the site "
            f"was not built (site/ is unchanged). Run pip install \"hcomm[{engine.name}]\" (or pip install "
            f"{engine.package}) and build again, or use the default, mkdocs.")
    return engine


def _listing(lang: str) -> str:
    names = [f"{e.name}（{e.title}{'，默认' if i == 0 else ''}）" if lang == "zh"
             else f"{e.name} ({e.title}{', the default' if i == 0 else ''})" for i, e in enumerate(ENGINES.values())]
    return ("、" if lang == "zh" else ", ").join(names)
