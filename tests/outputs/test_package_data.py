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


def test_the_repository_top_points_at_the_defaults_not_a_copy(repo):
    """``templates/`` and ``mkdocs.yml`` at the top of the repository are links to the package's
    defaults (where a developer looks for them), never a second copy: a copy would be read as
    the example office's overrides and drift from what the wheel ships."""
    for name, target in (("templates", env.DEFAULT_TEMPLATES), ("mkdocs.yml", site.DEFAULT_MKDOCS)):
        top = repo / name
        assert top.is_symlink(), f"{name} at the top must be a link to {target}"
        assert top.resolve() == target.resolve()
