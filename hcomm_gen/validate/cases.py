"""Case and suggestion rules (T3, T4, P4.7, P4.10, P4.12, P4.13). (To be filled in.)"""
from __future__ import annotations

from .context import Context


def check(ctx: Context):
    return []
