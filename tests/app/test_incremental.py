"""Issue 14.2: builds that cost what changed. A build whose inputs and derived states are
unchanged does not run the site engine; a changed record does, and the site it makes with the
caches (charts, each page's HTML and search entries) is the same bytes as a build without them."""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from hcomm_gen.app import incremental, pipeline
from hcomm_gen.outputs import site, survey

NOW = "2026-11-29 12:00"


def _copy_office(src: Path, dst: Path) -> Path:
    """A copy of an office built before: records, caches, published outputs (links kept)."""
    dst.mkdir()
    for name in ("records", ".hcomm-cache", ".hcomm-out", "site", "print"):
        p = src / name
        if p.is_symlink():
            (dst / name).symlink_to(p.readlink())
        elif p.is_dir():
            shutil.copytree(p, dst / name, symlinks=True)
    return dst


def _engine_spy(monkeypatch) -> list:
    calls: list = []
    real = site.run_mkdocs  # what the default engine runs (outputs/engines/mkdocs.py)

    def spy(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(site, "run_mkdocs", spy)
    return calls


def _tree(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def _differing(a: Path, b: Path) -> list[str]:
    ta, tb = _tree(a), _tree(b)
    assert sorted(ta) == sorted(tb)
    return [k for k in ta if not filecmp.cmp(ta[k], tb[k], shallow=False)]


def test_noop_build_skips_engine_and_changed_record_rebuilds_the_same_bytes(example_build, tmp_path, monkeypatch):
    built, _ = example_build
    root = _copy_office(built, tmp_path / "office")
    generation = incremental.current_generation(root)
    calls = _engine_spy(monkeypatch)

    # the same records at the same now, then 30 s later (the same minute, no state changes)
    for now in (NOW, "2026-11-29 12:00:30"):
        result = pipeline.build(root, now, prints=False)
        assert result.site_unchanged and result.site_dir == root / "site"
        assert result.pages == 72
    assert calls == []
    assert incremental.current_generation(root) == generation  # site/ left as it was

    # a case's text is not on the site (counts only): rendered, same pages, no engine
    case = root / "records/cases/2026/2026-07-14-C-2026-006.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("异味严重", "异味很重"), encoding="utf-8")
    result = pipeline.build(root, NOW, prints=False)
    assert result.site_unchanged and calls == []

    # one notice changed: the engine runs; no chart is drawn again (past rounds: cache)
    notice = root / "records/notices/2026/2026-11-27-water-cut-municipal.yaml"
    text = notice.read_text(encoding="utf-8")
    assert "title: " in text
    notice.write_text(text.replace("title: ", "title: （更正）", 1), encoding="utf-8")

    def no_drawing(*_a, **_k):
        raise AssertionError("a chart was drawn again")

    with monkeypatch.context() as m:
        m.setattr(survey, "site_pareto_svg", no_drawing)
        m.setattr(survey, "trend_svg", no_drawing)
        result = pipeline.build(root, NOW, prints=False)
    assert not result.site_unchanged and len(calls) == 1
    assert "（更正）" in (root / "site/notices/N-2026-1127-water/index.html").read_text(encoding="utf-8")
    assert incremental.current_generation(root) != generation

    # the same records built with every cache entry and the state corrupt (a corrupt cache is
    # a miss): everything is made again, and it is the same bytes
    fresh = _copy_office(root, tmp_path / "fresh")
    for p in (fresh / ".hcomm-cache").rglob("*"):
        if p.is_file() and p.parent.name in ("charts", "pages", "search"):
            p.write_bytes(b"\x00garbage")
    (fresh / ".hcomm-cache/site-state.json").write_text("{not json", encoding="utf-8")
    result = pipeline.build(fresh, NOW, prints=False)
    assert not result.site_unchanged and len(calls) == 2
    assert _differing(root / "site", fresh / "site") == []

    # a later minute: the "按 … 的情况" lines change, so the site is to be built again
    state = incremental.load(root)
    inputs = incremental.inputs_digest(root)
    tz = result.check.records.tz
    assert incremental.unchanged_before_render(state, root, inputs, pipeline.resolve_now(
        result.check.records, "2026-11-29 12:00:59").astimezone(tz))
    assert not incremental.unchanged_before_render(state, root, inputs, pipeline.resolve_now(
        result.check.records, "2026-11-29 12:01"))


def test_state_window_ends_at_the_next_change(example_build):
    """valid_until: the next whole minute, unless a notice changes state or midnight comes
    first; the saved state of the example build says 2026-11-29 12:01 (+08:00)."""
    built, result = example_build
    state = incremental.load(built)
    assert state is not None and state["until"] == "2026-11-29T12:01:00+08:00"
    rec = result.check.records
    at = pipeline.resolve_now(rec, "2026-11-29 23:59:30")
    assert incremental.valid_until(rec, at).isoformat() == "2026-11-30T00:00:00+08:00"


def test_noop_build_says_so(example_build, tmp_path, monkeypatch):
    """`hcomm build --no-pdf` with nothing changed: exit 0, one line saying the site was left
    as it was (zh by default), the engine not run."""
    from click.testing import CliRunner

    from hcomm_gen.cli import main

    built, _ = example_build
    root = _copy_office(built, tmp_path / "office")
    calls = _engine_spy(monkeypatch)
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--no-pdf", "--now", NOW])
    assert res.exit_code == 0, res.output
    assert f"网站：{root}/site（72 页）与已发布的相同，保持原样，没有重新生成" in res.output
    assert calls == []


def test_a_noop_site_build_says_the_last_report_again_without_loading_the_records(example_build, tmp_path,
                                                                                   monkeypatch):
    """``hcomm build --no-pdf`` with the record files of the last build and ``now`` in its
    window does not load or check the records: it says the last build's lines again (the
    problems counted, the next change). A later minute, or a changed file, checks again."""
    from click.testing import CliRunner

    from hcomm_gen.cli import main

    built, _ = example_build
    root = _copy_office(built, tmp_path / "office")
    community = root / "records/community.yaml"
    # one warning that does not stop publication: COMPANY-ITEMS, a code for an item no round has
    text = community.read_text(encoding="utf-8")
    assert "\ncompany_items:\n" in text
    community.write_text(text.replace("\ncompany_items:\n", "\ncompany_items:\n  没有这一项: Z99\n"), encoding="utf-8")
    real, checks = pipeline.check, []

    def counted(*args, **kwargs):
        checks.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "check", counted)

    def build(now: str) -> list[str]:
        res = CliRunner().invoke(main, ["--root", str(root), "build", "--no-pdf", "--now", now])
        assert res.exit_code == 0, res.output
        return res.output.splitlines()

    first = build(NOW)      # community.yaml changed: checked (the pages are the same: no engine)
    assert len(checks) == 1
    assert first[0] == f"网站：{root}/site（72 页）与已发布的相同，保持原样，没有重新生成"
    assert first[1].startswith("下次状态变化：2026-12-02 00:00，N-2026-1128-power 首页“今天/明天”更新。")
    assert first[2] == "已发布；另有 0 个错误、1 个警告不妨碍发布，请用 hcomm check 或 hcomm status 查看。"
    again = build("2026-11-29 12:00:30")   # same files, same minute: replayed, not checked
    assert len(checks) == 1
    assert again == first
    build("2026-11-29 12:01")              # a later minute: checked again
    assert len(checks) == 2
    visit = next((root / "records/visits").rglob("*.yaml"))
    visit.write_text(visit.read_text(encoding="utf-8") + "# 备注\n", encoding="utf-8")
    build("2026-11-29 12:01")              # a file changed: checked again
    assert len(checks) == 3
    # a build with the sheets always checks (the report is only for a site-only build)
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", "2026-11-29 12:01"])
    assert res.exit_code == 0, res.output
    assert len(checks) == 4
