"""Survey round rules (P5.5–P5.7, SURVEY-*). (To be filled in.)"""
from __future__ import annotations

from .context import Context


def check(ctx: Context):
    return []
