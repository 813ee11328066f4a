"""CI and pre-commit (issue 12 item 7): the ``hcomm-check`` hook run by pre-commit itself on a
temporary office git repository, ``check --format github|gitlab``, and the CI templates that
``hcomm init`` copies (valid for GitHub's and GitLab's own schemas, as vendored by
check-jsonschema; Gitee Go: valid YAML with its required keys).

The hook: the shipped ``.pre-commit-hooks.yaml`` says ``language: python``, for which pre-commit
would pip-install hcomm and all its dependencies into an environment of its own (minutes). The
test runs the office's own config instead (``hcomm_gen/defaults/office/.pre-commit-config.yaml``,
what ``init`` writes): the same hook as ``repo: local``, ``language: system``, i.e. the hcomm
of this virtual environment; :func:`test_office_hook_is_the_shipped_hook` holds the two equal
(entry, files, pass_filenames, require_serial). pre-commit runs it from a real ``git commit``."""
from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import make_office

from hcomm_gen.app.office_init import ci_template_text
from hcomm_gen.cli import main
from hcomm_gen.core.problems import Position, Problem, format_problems

REPO = Path(__file__).resolve().parents[2]
OFFICE = REPO / "hcomm_gen/defaults/office"
BIN = Path(sys.executable).parent

SUGGESTION = "id: S-2026-001\nreceived: 2026-12-01 10:00\ntopic: 保洁\ntext: 楼道要多扫\n"
BROKEN = SUGGESTION.replace("received: 2026-12-01 10:00", "received: 2026年12月1日")


def test_office_hook_is_the_shipped_hook():
    shipped = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    office = yaml.safe_load((OFFICE / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = shipped
    (local,) = office["repos"][0]["hooks"]
    assert office["repos"][0]["repo"] == "local"
    assert hook["language"] == "python" and local["language"] == "system"
    for key in ("id", "entry", "files", "pass_filenames", "require_serial"):
        assert hook[key] == local[key], key
    assert hook["entry"] == "hcomm check --strict" and hook["files"] == r"^records/.*\.ya?ml$"
    # both valid for pre-commit itself (its own manifest and config schemas); ``system`` is kept
    # rather than its new name ``unsupported`` (pre-commit 4.4) so an older pre-commit reads it
    from pre_commit.clientlib import load_config, load_manifest
    assert load_manifest(str(REPO / ".pre-commit-hooks.yaml"))[0]["id"] == "hcomm-check"
    assert load_config(str(OFFICE / ".pre-commit-config.yaml"))["repos"][0]["hooks"][0]["id"] == "hcomm-check"


def _git(root: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_precommit_hook_on_an_office_repo(tmp_path):
    root = make_office(tmp_path)
    shutil.copy(OFFICE / ".pre-commit-config.yaml", root / ".pre-commit-config.yaml")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONPATH": str(REPO),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HOME": str(tmp_path),
           "GIT_AUTHOR_NAME": "客服", "GIT_AUTHOR_EMAIL": "kf@example.cn",
           "GIT_COMMITTER_NAME": "客服", "GIT_COMMITTER_EMAIL": "kf@example.cn", "GIT_CONFIG_NOSYSTEM": "1"}
    assert _git(root, "init", "-q", env=env).returncode == 0
    _git(root, "add", "-A", env=env)
    assert _git(root, "commit", "-q", "-m", "office", env=env).returncode == 0  # hook not yet installed
    run = subprocess.run([str(BIN / "pre-commit"), "install"], cwd=root, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    path = "records/suggestions/2026/2026-12-01-S-2026-001.yaml"
    (root / path).parent.mkdir(parents=True)

    (root / path).write_text(BROKEN, encoding="utf-8")
    _git(root, "add", path, env=env)
    bad = _git(root, "commit", "-m", "建议", env=env)
    assert bad.returncode != 0
    assert f"{path}:2:11: 错误 RECORD-FIELD" in bad.stdout + bad.stderr  # path:line:col of the date
    assert _git(root, "log", "--oneline", env=env).stdout.count("\n") == 1  # nothing committed

    (root / path).write_text(SUGGESTION, encoding="utf-8")
    _git(root, "add", path, env=env)
    good = _git(root, "commit", "-m", "建议", env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "hcomm check" in good.stdout + good.stderr and "Passed" in good.stdout + good.stderr


def test_check_github_annotations(tmp_path):
    root = make_office(tmp_path, {"suggestions/2026/s.yaml": BROKEN})
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--format", "github"])
    assert res.exit_code == 1
    (line,) = res.stdout.strip().splitlines()
    assert line.startswith("::error file=") and ",line=2,col=11,title=RECORD-FIELD (格式)::received" in line
    p = Problem("RECORD-FIELD", Position("records/a,b:c.yaml", 0, 0), "100%\n，", "x", "warning")
    assert format_problems([p], "github") == \
        "::warning file=records/a%2Cb%3Ac.yaml,title=RECORD-FIELD (格式)::100%25\\n，"


def test_check_gitlab_code_quality(tmp_path):
    root = make_office(tmp_path, {"suggestions/2026/s.yaml": BROKEN,
                                  "suggestions/2026/t.yaml": SUGGESTION.replace("S-2026-001", "S-2026-002")
                                  + "name: 张三\n"})
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--format", "gitlab"])
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    assert [(r["check_name"], r["location"]["lines"]["begin"], r["severity"]) for r in report] == [
        ("RECORD-FIELD", 2, "major"), ("SUGGESTION-ANONYMOUS", 5, report[1]["severity"])]
    first = report[0]
    assert first["location"]["path"].endswith("records/suggestions/2026/s.yaml")
    assert first["description"].startswith("RECORD-FIELD (格式): received:") and len(first["fingerprint"]) == 64
    assert report[1]["severity"] in ("major", "minor", "critical")
    again = json.loads(CliRunner().invoke(main, ["--root", str(root), "check", "--format", "gitlab"]).stdout)
    assert [r["fingerprint"] for r in again] == [r["fingerprint"] for r in report]  # stable
    assert len({r["fingerprint"] for r in report}) == len(report)


PIP = "hcomm @ git+https://gitee.com/某单位/hcomm.git@v0.1.0"


def _template(tmp_path: Path, name: str, spec: str) -> Path:
    """The CI template ``name`` as ``hcomm init --hcomm-pip SPEC`` writes it (``""``: as shipped)."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ci_template_text(name, (OFFICE / name).read_text(encoding="utf-8"), spec), encoding="utf-8")
    return path


@pytest.mark.parametrize("spec", ["", PIP])
@pytest.mark.parametrize("name, schema", [(".github/workflows/hcomm.yml", "github-workflows"),
                                          (".gitlab-ci.yml", "gitlab-ci")])
def test_ci_templates_validate_against_their_schemas(tmp_path, name, schema, spec):
    """check-jsonschema with its vendored schema (no network), as shipped and with a default
    HCOMM_PIP written in by init; then the same schema refuses a broken copy (not vacuous),
    read as YAML 1.2 like check-jsonschema does (``on:`` is a key)."""
    exe = BIN / "check-jsonschema"
    if not exe.exists():
        pytest.skip("check-jsonschema is not installed (test extra)")
    path = _template(tmp_path, name, spec)
    run = subprocess.run([str(exe), "--builtin-schema", f"vendor.{schema}", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    import jsonschema
    from ruamel.yaml import YAML
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    validator = jsonschema.Draft7Validator(json.loads(vendor.joinpath(f"{schema}.json").read_text(encoding="utf-8")))
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    # the default: GitHub's repository variable first, else the spec; GitLab's project variables
    # override the file's own variables; none without a spec (the pipeline stops with a message)
    if schema == "github-workflows":
        assert data["env"]["HCOMM_PIP"] == (f"${{{{ vars.HCOMM_PIP || '{spec}' }}}}" if spec else "${{ vars.HCOMM_PIP }}")
    else:
        assert data["variables"].get("HCOMM_PIP") == (spec or None)
    assert "请在" in path.read_text(encoding="utf-8") and "设置 HCOMM_PIP" in path.read_text(encoding="utf-8")
    if schema == "github-workflows":
        assert "hcomm check --format github" in json.dumps(data, ensure_ascii=False)
        del data["jobs"]["check"]["runs-on"]
    else:
        assert "hcomm check --format gitlab" in json.dumps(data, ensure_ascii=False)
        data["check"]["artifacts"]["reports"]["codequality"] = {"x": 1}
    assert list(validator.iter_errors(data))


@pytest.mark.parametrize("spec", ["", PIP])
def test_gitee_go_template(tmp_path, spec):
    data = yaml.safe_load(_template(tmp_path, ".workflow/hcomm.yml", spec).read_text(encoding="utf-8"))
    assert data["version"] == "1.0" and data["name"] and data["displayName"]
    assert data["triggers"]["push"]["branches"]["prefix"] == [""]
    (stage,) = data["stages"]
    steps = {s["name"]: s for s in stage["steps"]}
    for step in steps.values():
        assert step["step"] == "build@python" and step["pythonVersion"] == "3.11"
        assert {"name", "displayName", "commands"} <= set(step)
    assert "hcomm check" in steps["hcomm_check"]["commands"]
    build = steps["hcomm_build"]
    assert "hcomm build --no-pdf" in build["commands"] and build["artifacts"][0]["name"] == "BUILD_ARTIFACT"
    assert any('"${GITEE_BRANCH}" != "main"' in c for c in build["commands"])  # build on main only
    for step in steps.values():   # the default set before the install, the global parameter first
        defaults = [c for c in step["commands"] if "HCOMM_PIP:-" in c]
        assert defaults == ([f'export HCOMM_PIP="${{HCOMM_PIP:-{spec}}}"'] if spec else [])
        if spec:
            assert step["commands"].index(defaults[0]) < next(
                i for i, c in enumerate(step["commands"]) if c.startswith("python3 -m pip install"))
        # run by a shell: the default is the spec unless the parameter is set
        script = "; ".join(c for c in step["commands"] if c.startswith("export ")) + '; printf %s "$HCOMM_PIP"'
        for given, expected in (("", spec), ("hcomm==9", "hcomm==9")):
            out = subprocess.run(["sh", "-c", script], env={"PATH": os.environ["PATH"], "HCOMM_PIP": given},
                                 capture_output=True, text=True).stdout
            assert out == (expected if spec or given else "")


def test_a_pip_spec_with_quotes_is_refused_before_anything_is_written(tmp_path):
    res = CliRunner().invoke(main, ["init", str(tmp_path / "o"), "--yes", "--name", "x", "--buildings", "1",
                                    "--no-git", "--hcomm-pip", 'hcomm" ; rm -rf /'])
    assert res.exit_code == 2 and "不能有引号" in res.output and not (tmp_path / "o").exists()
