"""``hcomm check`` starts without what only ``build`` and ``print`` need (issue 14.4): the site
engine, templates, feeds, charts, PDF, spreadsheets, S3 and search segmentation are never
imported by a check (``hcomm_gen.cli`` imports a command's module when it runs;
``hcomm_gen.app.checking`` imports the records and the rules only)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import make_office

ROOT = Path(__file__).resolve().parents[2]

#: top-level packages that ``hcomm check`` must not import
BUILD_ONLY = ("mkdocs", "material", "zensical", "jinja2", "markdown", "pymdownx", "weasyprint", "pydyf",
              "matplotlib", "numpy", "jieba", "boto3", "botocore", "openpyxl", "xlrd", "odf",
              "pypdfium2", "PIL", "babel", "segno", "icalendar", "feedgen", "fontTools", "playwright")

RUN = """
import sys
from hcomm_gen.cli import main
sys.argv = ["hcomm", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv_build_only))
print("LOADED", ",".join(loaded))
sys.exit(code)
"""


def test_check_imports_nothing_that_only_build_needs(tmp_path):
    root = make_office(tmp_path, {})
    code = RUN.replace("sys.argv_build_only", repr(BUILD_ONLY))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    res = subprocess.run([sys.executable, "-c", code, "--root", str(root), "check", "--now", "2026-03-05 12:00"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "LOADED \n" in res.stdout, res.stdout   # none of BUILD_ONLY
    assert "检查了" in res.stderr                    # the check itself ran
