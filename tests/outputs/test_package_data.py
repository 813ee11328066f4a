"""hcomm's default templates, CSS and mkdocs.yml are package data (hcomm_gen/defaults/), so an
installed wheel has them; scripts/check_wheel.sh (in .ci/run) builds and installs the wheel
itself, this is the quick check that the declared patterns cover every file."""
import glob
import tomllib
from pathlib import Path

import hcomm_gen
from hcomm_gen.outputs import env, site

PACKAGE = Path(hcomm_gen.__file__).resolve().parent


def test_defaults_are_found_inside_the_package():
    for p in (env.DEFAULT_TEMPLATES, site.DEFAULT_MKDOCS, site.OVERRIDES):
        assert p.exists(), p
        assert p.is_relative_to(PACKAGE / "defaults"), p
    assert (env.DEFAULT_TEMPLATES / "site/index.md.j2").is_file()
    assert (env.DEFAULT_TEMPLATES / "print/print.css").is_file()


def test_every_default_file_is_declared_as_package_data(repo):
    patterns = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8")
                             )["tool"]["setuptools"]["package-data"]["hcomm_gen"]
    declared = {Path(f) for pat in patterns
                for f in glob.glob(pat, root_dir=PACKAGE, recursive=True)
                if (PACKAGE / f).is_file()}
    present = {p.relative_to(PACKAGE) for p in (PACKAGE / "defaults").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert present - declared == set()
    assert Path("defaults/templates/site/overrides/main.html") in declared


def test_the_repository_top_holds_no_copy_of_the_defaults(repo):
    """The example community (records/ at the top) uses the package's defaults; a second copy
    at the top would be read as office overrides and drift from the package's."""
    assert not (repo / "templates").exists()
    assert not (repo / "mkdocs.yml").exists()
