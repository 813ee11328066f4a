"""The benchmark corpus generator (scripts/corpus.py, issue 14.1) makes records that pass the
whole check: a small size here (the 2,000-household ten-year corpus is scripts/benchmark.py's)."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from hcomm_gen.app.pipeline import check

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import corpus  # noqa: E402

NOW = "2026-11-29 12:00"


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((root / "records").rglob("*.yaml")):
        h.update(str(p.relative_to(root)).encode() + p.read_bytes())
    return h.hexdigest()


def test_small_corpus_is_check_clean_and_deterministic(tmp_path):
    counts = corpus.generate(tmp_path / "a", households=50, years=1, now=NOW)
    # one year to November 2026: December 2025 … November 2026
    assert counts["households"] == 50
    assert counts["rounds"] == 2                  # 2025-12 and 2026-06 (2026-12 is after --now)
    assert counts["visit_summaries"] == 11        # every complete month; November's is due 5 December
    assert counts["notices"] == 46                # the example's notices of that year, none repeated
    assert counts["files"] == sum(1 for _ in (tmp_path / "a/records").rglob("*.yaml"))
    result = check(tmp_path / "a", NOW)
    assert [p.rule for p in result.problems] == []
    corpus.generate(tmp_path / "b", households=50, years=1, now=NOW)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
