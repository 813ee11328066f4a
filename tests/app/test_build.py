"""Issue 2 end to end: the example community becomes a site and one PDF per current notice."""
from __future__ import annotations

import re
import subprocess

import yaml

from hcomm_gen.domain.notices import IN_EFFECT, UPCOMING
from hcomm_gen.outputs.views import notice_views


def current_views(result):
    rec = result.check.records
    return [v for v in notice_views(rec.notices, result.check.now, rec.tz,
                                    rec.community.notice_display_days) if v.state in (IN_EFFECT, UPCOMING)]


def test_home_lists_current_notices(example_build):
    root, result = example_build
    html = (root / "site/index.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html.lower()
    views = current_views(result)
    assert len([v for v in views if v.state == IN_EFFECT]) >= 3
    assert len([v for v in views if v.state == UPCOMING]) >= 3
    for v in views:
        if v.notice.kind != "publicity":
            assert v.notice.title in html, v.notice.title
    # an archived notice is not on the home page
    archived = [n for n in result.check.records.notices if n.id not in {v.notice.id for v in views}]
    assert archived and all(n.title not in html for n in archived if n.kind != "publicity")


def test_notice_pages_not_in_nav(example_build):
    root, result = example_build
    html = (root / "site/archive/index.html").read_text(encoding="utf-8")
    nav = html.split('class="md-nav')[1] if 'class="md-nav' in html else ""
    assert "notices/" not in nav.split("</nav>")[0]
    n = result.check.records.notices[0]
    assert (root / f"site/notices/{n.id}/index.html").exists()


def test_one_pdf_per_current_notice_with_title_and_embedded_cjk_font(example_build):
    root, result = example_build
    views = current_views(result)
    pdfs = sorted((root / "print").glob("*.pdf"))
    assert len(pdfs) == len(views)
    for v in views:
        [pdf] = [p for p in pdfs if p.name.endswith(f"_{v.notice.id}.pdf")]
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        squashed = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", v.notice.title) in squashed
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        cjk = [ln for ln in fonts.splitlines() if "CJK" in ln]
        assert cjk and all(" yes yes " in ln for ln in cjk), fonts


def test_no_visit_detail_on_site(example_build, repo):
    """VISIT-PRIVACY: no household address or opinion of any visit appears under site/."""
    root, result = example_build
    rec = result.check.records
    hh = rec.households_by_id()
    needles = set()
    for v in rec.visits:
        h = hh[v.household]
        needles |= {h.address, f"{h.building}{h.unit} {h.room}", h.id}
        needles |= {o.text for o in v.opinions if len(o.text) >= 6}
    assert len(needles) > 100
    blob = "\n".join(p.read_text(encoding="utf-8", errors="ignore")
                     for p in (root / "site").rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt", ".js", ".ics"))
    leaked = sorted(n for n in needles if n in blob)
    assert leaked == []


def test_build_refuses_on_blocking_errors_and_keeps_old_site(tmp_path):
    """A door visit at 22:30 (VISIT-2200, an error of the office's conduct) does not stop the
    build; an outage notice ending before it starts (would be published with impossible times)
    does, and the previous site stays as it was."""
    from helpers import OUTAGE, VISIT, make_office

    from hcomm_gen.app import pipeline
    late = VISIT.replace("19:30", "22:30")
    root = make_office(tmp_path, {"visits/2026/2026-03/v1.yaml": late, "notices/2026/n1.yaml": OUTAGE})
    ok = pipeline.build(root, "2026-03-02 12:00", prints=False)
    assert [p.rule for p in ok.check.errors] == ["VISIT-2200"] and ok.check.blocking == []
    assert ok.site_dir and (root / "site/index.html").exists()
    before = (root / "site/index.html").read_bytes()
    (root / "records/notices/2026/n1.yaml").write_text(
        OUTAGE.replace("end: 2026-03-05 17:00", "end: 2026-03-05 08:00"), encoding="utf-8")
    bad = pipeline.build(root, "2026-03-02 12:00", prints=False)
    assert bad.site_dir is None
    assert [(p.rule, p.pos.line) for p in bad.check.blocking] == [("NOTICE-OUTAGE", 7)]
    assert sorted(p.rule for p in bad.check.errors) == ["NOTICE-OUTAGE", "VISIT-2200"]
    assert (root / "site/index.html").read_bytes() == before
    assert not list(root.glob(".hcomm-build-*"))


def test_a_character_no_font_has_fails_its_sheet_alone(tmp_path):
    """Issue 16: U+E000 (private use: no font has it) in one notice's body costs that notice's
    sheet only: the site, the other notice's sheet and the notice's own warning sign are
    published, the error names U+E000, the file and the line, and the build exits 1."""
    from click.testing import CliRunner
    from helpers import OUTAGE, PEST, line_of, make_office

    from hcomm_gen.cli import main
    pest = PEST.replace("body: 投放鼠药。", "body: |\n  投放鼠药。\n  请注意\ue000安全。")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": pest})
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", "2026-03-02 12:00"])
    assert res.exit_code == 1, res.output
    line = line_of(pest, "请注意")
    assert f"records/notices/2026/n2.yaml:{line}:6: 错误 PRINT-GLYPH" in res.output
    assert "U+E000“\ue000”" in res.output and "print/2026-03-05_pest_control_N-2.pdf" in res.output
    assert "网站和其他张贴单已发布" in res.output
    assert sorted(str(p.relative_to(root / "print")) for p in (root / "print").rglob("*.pdf")) == [
        "2026-03-05_outage_N-1.pdf", "buildings/1.pdf", "buildings/2.pdf",
        "signs/2026-03-05_pest_control_N-2_sign-1.pdf"]
    assert (root / "site/notices/N-1/index.html").exists() and (root / "site/notices/N-2/index.html").exists()
    assert not list(root.glob(".hcomm-build-*"))
    # hcomm check warns before the build (fontconfig), at the same place
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", "2026-03-02 12:00"])
    assert f"n2.yaml:{line}:6: 警告 PRINT-GLYPH" in res.output and "私用区" in res.output


def test_other_office_templates_override_ours(tmp_path):
    from helpers import OUTAGE, make_office

    from hcomm_gen.app import pipeline
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    (root / "templates/site").mkdir(parents=True)
    (root / "templates/site/index.md.j2").write_text("# 我们自己的首页\n", encoding="utf-8")
    pipeline.build(root, "2026-03-02 12:00", prints=False)
    html = (root / "site/index.html").read_text(encoding="utf-8")
    assert "我们自己的首页" in html
    # the other pages still come from our templates
    assert "停水通知" in (root / "site/archive/index.html").read_text(encoding="utf-8")


def test_mkdocs_pinned_below_2(repo):
    deps = yaml.safe_load  # noqa: F841 - pyproject is TOML; read as text
    text = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert '"mkdocs>=1.6,<2"' in text


def test_build_names_notices_not_yet_published(tmp_path):
    """A notice published later today (09:00; build at 01:15) stays off the site and the print
    run, and the summary says so, with its ID and publication time (community zone)."""
    from click.testing import CliRunner
    from helpers import OUTAGE, PEST, make_office

    from hcomm_gen.app import pipeline
    from hcomm_gen.cli import main
    early = PEST.replace("published: 2026-03-01 09:00", "published: 2026-02-27 09:00")
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE, "notices/2026/n2.yaml": early})
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", "2026-03-01 01:15"])
    assert res.exit_code == 0, res.output
    assert "1 条通知尚未到发布时间（N-1，2026-03-01 09:00 发布），本次未上网、未打印" in res.output
    assert not list((root / "print").rglob("*N-1*"))
    assert not (root / "site/notices/N-1").exists() and (root / "site/notices/N-2").exists()
    result = pipeline.build(root, "2026-03-01 01:15", prints=False)
    assert [n.id for n in result.not_yet_published] == ["N-1"]
    res = CliRunner().invoke(main, ["--root", str(root), "--lang", "en", "build", "--now", "2026-03-01 01:15",
                                    "--no-pdf"])
    assert ("1 notice not yet due for publication (N-1, to be published 2026-03-01 09:00): "
            "not put on the site this time") in res.output
    # once its time has come there is nothing to say
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", "2026-03-01 09:00", "--no-pdf"])
    assert res.exit_code == 0 and "尚未到发布时间" not in res.output
    assert (root / "site/notices/N-1/index.html").exists()


def test_swap_in_replaces_the_folder_and_leaves_nothing_behind(tmp_path):
    from hcomm_gen.app.pipeline import swap_in
    final = tmp_path / "site"
    final.mkdir()
    (final / "a.html").write_text("old", encoding="utf-8")
    (tmp_path / "site.old").mkdir()          # a folder of someone else's is not touched
    for text in ("new", "newer"):
        tmp = tmp_path / "work"
        tmp.mkdir()
        (tmp / "a.html").write_text(text, encoding="utf-8")
        swap_in(tmp, final)
    assert (final / "a.html").read_text(encoding="utf-8") == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.old"]


def test_the_search_segmenters_cache_is_in_the_office_cache_folder(tmp_path):
    """Issue 15 item 12: jieba keeps its dictionary cache in ``.hcomm-cache/``, not in the
    machine-wide temporary folder (which another account may own). A process of its own, so
    jieba starts fresh."""
    import os
    import subprocess
    import sys

    from helpers import OUTAGE, make_office
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    machine_tmp = tmp_path / "machine-tmp"
    machine_tmp.mkdir()
    res = subprocess.run([sys.executable, "-c", "from hcomm_gen.cli import main; main()", "--root", str(root),
                          "build", "--now", "2026-03-02 12:00", "--no-pdf"],
                         env=dict(os.environ, TMPDIR=str(machine_tmp)), capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert (root / ".hcomm-cache/jieba.cache").is_file()
    assert list(machine_tmp.iterdir()) == []
