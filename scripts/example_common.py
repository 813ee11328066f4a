"""Helpers shared by the scripts that generate the example community's records."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml


def load(p: Path):
    """A record file as plain data, every scalar as text (YAML's BaseLoader)."""
    with open(p, encoding="utf-8-sig") as fh:
        return yaml.load(fh, Loader=yaml.BaseLoader)


def occupied(h: dict, day: dt.date) -> bool:
    """Whether household ``h`` (a registry row) is occupied on ``day`` (both ends inclusive)."""
    s = h.get("occupied_since")
    if not s or dt.date.fromisoformat(s) > day:
        return False
    o = h.get("moved_out")
    return not o or day <= dt.date.fromisoformat(o)
