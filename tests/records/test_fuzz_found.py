"""Crash classes the fuzz harness found (issue 15, ``scripts/fuzz.py``) outside the classes the
issue names, each with the input that crashed before its fix."""
from __future__ import annotations

import pytest
from helpers import COMMUNITY, check_json, make_office

NOW = "2026-11-29 12:00"


@pytest.mark.parametrize("zone", [
    "Asia",  # a folder of the zone database: IsADirectoryError (exit 4) before the fix
    "C-" + "9" * 300,  # longer than a file name: OSError "File name too long" (exit 4), fuzz input 2272
    "Asia/" + "x" * 300,
    "__init__.py",  # a file of the zone database that is not a zone
])
def test_a_time_zone_naming_no_zone_is_a_located_error_not_exit_4(tmp_path, zone):
    root = make_office(tmp_path, community=COMMUNITY.replace("Asia/Shanghai", zone))
    code, problems = check_json(root, NOW)
    assert code == 1
    tz = [(p["rule"], p["line"], p["column"]) for p in problems if "time_zone" in p["message_en"]]
    # COMMUNITY's third line is `time_zone: …`; the value starts at column 12
    assert tz == [("RECORD-FIELD", 3, 12)]
    assert [p["message_en"] for p in problems if "time_zone" in p["message_en"]] == [
        f"time_zone: '{zone}' is not a time zone; use Asia/Shanghai."]
