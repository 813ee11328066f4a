import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parents[1]
NOW = "2026-11-29 12:00"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    """The example community built once (site + PDFs) in a temp copy, as of 2026-11-29 12:00."""
    from hcomm_gen.app import pipeline
    root = tmp_path_factory.mktemp("example") / "office"
    root.mkdir()
    shutil.copytree(REPO / "records", root / "records")
    result = pipeline.build(root, NOW)
    assert not result.check.errors, [p.format() for p in result.check.errors]
    return root, result


@pytest.fixture(scope="session")
def warm_cache(example_build) -> Path:
    """The example's ``.hcomm-cache`` after its build (printed sheets, share pictures, charts,
    the search segmenter's dictionary): a test that builds the example again copies it with
    :func:`helpers.example_office`, so its build renders only what its changes touch. Tests of
    the caches themselves start empty instead."""
    return example_build[0] / ".hcomm-cache"
