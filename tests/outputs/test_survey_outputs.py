"""The June 2026 round of the example community through `hcomm build`: public pages, charts,
printed sheets; and what must never reach them (answers, suggestion texts)."""
from __future__ import annotations

import re

from click.testing import CliRunner
from helpers import make_office

from hcomm_gen.cli import main
from hcomm_gen.domain.survey import compute_round, pct
from hcomm_gen.outputs.survey import CHART_RC, pareto_svg, site_pareto_svg, trend_svg
from hcomm_gen.records.loader import load_records


def test_example_round_pages_and_sheets(example_build):
    root, result = example_build
    site = root / "site"
    page = (site / "surveys/2026-06/index.html").read_text(encoding="utf-8")
    assert "2026年6月业户满意度调查结果" in page
    assert "总体（全部项目答案合计）" in page
    assert '2026-06-pareto.svg' in page
    ann = (site / "surveys/2026-06-announcement/index.html").read_text(encoding="utf-8")
    assert "整改公示" in ann and "小区停车秩序与车辆管理" in ann and "2026年10月31日" in ann
    index = (site / "surveys/index.html").read_text(encoding="utf-8")
    assert "trend.svg" in index and "满意度调查" in index
    assert (site / "surveys/trend.svg").exists() and (site / "surveys/2026-06-pareto.svg").exists()
    names = sorted(p.name for p in (root / "print/surveys").glob("*.pdf"))
    assert names == ["2026-07-10_survey_result_2026-06.pdf", "2026-07-15_survey_announcement_2026-06.pdf"]
    assert not list((root / "print").glob("*survey*.pdf"))  # the notice board's main folder: notices
    # the internal table is never part of the public outputs
    assert not list(site.rglob("*统计表*")) and not list((root / "print").rglob("*统计表*"))


def test_hcomm_print_keeps_the_survey_sheets_and_caches_them(example_build):
    """`hcomm print` rebuilds print/ whole: the survey sheets are due too (NOTICE-SURVEY-RESULT),
    and a second run renders nothing."""
    from hcomm_gen.app.printing import print_sheets
    root, _ = example_build
    first = print_sheets(root, "2026-11-29 12:00")
    names = sorted(p.name for p in (root / "print/surveys").glob("*.pdf"))
    assert names == ["2026-07-10_survey_result_2026-06.pdf", "2026-07-15_survey_announcement_2026-06.pdf"]
    again = print_sheets(root, "2026-11-29 12:00")
    assert again.stats.rendered == [] and len(again.stats.reused) == len(first.stats.files)


def test_public_pages_carry_no_answer_line_and_no_suggestion_text(example_build, repo):
    root, _ = example_build
    records = load_records(repo)
    rnd = next(r for r in records.surveys if r.round == "2026-06")
    texts = [s.text for s in rnd.answers.suggestions]
    lines = set(rnd.answers.answers)
    public = "".join(p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html"))
    assert not [t for t in texts if t in public]
    assert not [a for a in lines if re.search(re.escape(a), public)]


def test_example_figures_match_the_records(repo):
    records = load_records(repo)
    rnd = next(r for r in records.surveys if r.round == "2026-06")
    s = compute_round(rnd, records.registry)
    # delivered = occupied on 2026-06-08; returned 407 of 617 = 66.0 %, no penalty
    assert (s.delivered, s.returned, pct(s.return_rate), s.penalty) == (617, 407, "66.0", 0)
    assert s.distribution.occupied == 617 and s.distribution.missed_units == []
    # the three items the example concentrates dissatisfaction on are the main ones
    assert [it.no for it in s.main_items] == [2, 6, 3]
    assert {m.item for m in rnd.measures} >= {2, 6, 3}


def test_charts_are_deterministic_and_draw_chinese_as_paths(repo):
    records = load_records(repo)
    s = compute_round(records.surveys[0], records.registry)
    a, b = pareto_svg(s), pareto_svg(s)
    assert a == b
    assert "<dc:date>" not in a
    assert "<text" not in a  # svg.fonttype = path: glyphs are outlines, no font needed
    assert CHART_RC["font.family"] == ["Noto Sans CJK SC"]
    assert trend_svg([s]) == trend_svg([s])
    site = site_pareto_svg(s)
    assert site == site_pareto_svg(s) and "<text" not in site and "<dc:date>" not in site


def _figures(monkeypatch):
    """Capture the matplotlib figures the chart functions make instead of writing SVG."""
    from hcomm_gen.outputs import survey
    figs = []
    monkeypatch.setattr(survey, "_svg", lambda fig: figs.append(fig) or "")
    return figs


def _series(n: int, penalty_at: int = -1):
    """``n`` half-yearly rounds from 2023-06 with overall rates 88.0 %, 89.3 %, … (+1.3 each)."""
    from fractions import Fraction
    from types import SimpleNamespace as NS
    out = []
    for i in range(n):
        y, m = 2023 + i // 2, 6 if i % 2 == 0 else 12
        rate = Fraction(880 + 13 * i, 10)
        out.append(NS(round=f"{y}-{m:02d}", overall=NS(adjusted_rate=rate, raw_rate=rate),
                      penalty=Fraction(5) if i == penalty_at else 0))
    return out


def test_site_charts_are_readable_on_a_phone(repo, monkeypatch):
    """Issue: at 375 px (a 343 px text column) the charts' labels were ~5 px. The site charts
    have labels of at least 11 pt on a figure (SVG, after the tight crop) no wider than 343 pt,
    so shown 343 px wide a label is at least 11 px (it was 9 × 343 / 516 ≈ 6 px); the Pareto bars carry item numbers (the table below
    names them), the trend names at most six rounds and its y axis ends at 100 %."""
    from hcomm_gen.outputs.survey import SITE_FONT
    records = load_records(repo)
    s = compute_round(records.surveys[0], records.registry)
    for svg in (site_pareto_svg(s), trend_svg([s])):
        width_pt = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg).group(1))
        assert SITE_FONT * 343 / width_pt >= 11, width_pt
    figs = _figures(monkeypatch)
    site_pareto_svg(s)
    [ax, ax2] = figs[-1].axes
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == [str(r.item.no) for r in s.pareto if r.item.dissatisfied > 0][:len(ticks)]
    assert ticks[:3] == ["2", "6", "3"] and ax.get_title() == ""
    assert min(t.get_fontsize() for t in ax.get_xticklabels() + ax.get_yticklabels()) >= SITE_FONT
    trend_svg(_series(8, penalty_at=3))
    ax = figs[-1].axes[0]
    assert ax.get_ylim()[1] == 100 and ax.get_title() == ""
    names = [t.get_text() for t in ax.get_xticklabels()]
    assert names == ["23年12月", "24年12月", "25年12月", "26年12月"]  # every other, the last kept
    assert [t.get_text() for t in ax.texts] == ["97.1%"]  # 88.0 + 7 × 1.3: the last point only
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["扣减前", "公布值"]
    trend_svg(_series(2))
    ax = figs[-1].axes[0]
    assert ax.get_ylim()[1] == 100 and ax.get_legend() is None
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023年6月", "2023年12月"]
    assert [t.get_text() for t in ax.texts] == ["88.0%", "89.3%"]


def test_a_chart_label_no_font_has_is_an_error_not_boxes():
    import pytest

    from hcomm_gen.domain.survey import ItemStats, RoundStats, pareto
    from hcomm_gen.outputs.survey import ChartGlyphError

    items = [ItemStats(1, "门岗\ue000值守", dissatisfied=2)]  # U+E000: private use, in no font
    st = RoundStats("2026-06", None, 1, 1, None, 0, items, items[0], pareto(items), [], [], None)
    with pytest.raises(ChartGlyphError) as exc:
        pareto_svg(st)
    assert "\ue000" in exc.value.chars and "fonts-noto-cjk" in exc.value.zh


def test_penalty_round_page_shows_raw_and_adjusted_rates(tmp_path):
    """23 of 40 returned (57.5 %) → 12.5 points off (see test_survey_compute): item 1 raw
    87.0 %, published 74.5 %; the 整改公示 is not published before `announced`."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from helpers import make_office

    from hcomm_gen.outputs.site import render_pages

    item1 = ["满"] * 15 + ["基"] * 5 + ["不"] * 3
    item2 = ["满"] * 10 + ["基"] * 10 + ["不"] * 2 + ["空"]
    answers = "answers:\n" + "".join(f"  - {a}{b}\n" for a, b in zip(item1, item2, strict=True))
    rnd = ("round: 2026-06\ndelivered_on: 2026-06-08\ndelivered: 40\nunits: [1栋, 2栋]\n"
           "collection_end: 2026-06-30\nitems:\n  - {no: 1, topic: 保安, text: 门岗值守}\n"
           "  - {no: 2, topic: 保洁, text: 楼道清洁}\nanalysis_done: 2026-07-10\n"
           "measures:\n  - {item: 1, measure: 门岗增加一人}\nannounced: 2026-07-20\n")
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": rnd, "surveys/2026-06/answers.yaml": answers})
    records = load_records(root)
    tz = ZoneInfo("Asia/Shanghai")
    pages = render_pages(records, datetime(2026, 7, 15, 12, tzinfo=tz))
    page = pages["surveys/2026-06.md"]
    assert "扣减 12.5 个百分点" in page and "57.5%" in page
    assert ('<td data-label="满意率（计算值）">87.0%</td>'
            '<td data-label="满意率（扣减后，公布值）">74.5%</td>') in page   # item 1: raw, adjusted
    assert ('<td data-label="满意率（计算值）">88.9%</td>'
            '<td data-label="满意率（扣减后，公布值）"><strong>76.4%</strong></td>') in page  # overall
    assert "surveys/2026-06-announcement.md" not in pages    # announced on 07-20, not yet
    assert "surveys/2026-06-announcement.md" in render_pages(records, datetime(2026, 7, 20, 9, tzinfo=tz))
    # before analysis_done nothing of the round is public
    early = render_pages(records, datetime(2026, 7, 9, 12, tzinfo=tz))
    assert {p for p in early if p.startswith("surveys")} == {"surveys.md"} and "暂无已公布的调查结果" in early["surveys.md"]


def test_survey_without_answers_and_with_a_dollar_in_an_item(tmp_path):
    """A round whose answers are all empty shows "—" (no "—%"), and its trend point is a gap;
    an item text with "$" is drawn as typed, not parsed as TeX (it crashed the report)."""
    from hcomm_gen.app import pipeline
    rnd = ("round: 2026-06\ndelivered_on: 2026-06-08\ndelivered: 8\nunits: [1栋, 2栋]\n"
           "collection_end: 2026-06-19\nitems:\n  - {no: 1, topic: 保安, text: '$\\bad$门岗'}\n"
           "analysis_done: 2026-07-10\n")
    root = make_office(tmp_path, {"surveys/2026-06/round.yaml": rnd, "surveys/2026-06/answers.yaml": "answers: []\n"})
    result = pipeline.build(root, "2026-07-15 12:00")
    # the round has no error (June's meeting, visits and summary are owed: they do not stop the build)
    assert not [p for p in result.check.errors if "/surveys/" in p.pos.path], result.check.errors
    assert result.site_dir is not None
    page = (root / "site/surveys/index.html").read_text(encoding="utf-8")
    assert "—%" not in page and "—" in page
    (root / "records/surveys/2026-06/answers.yaml").write_text("answers:\n  - 不\n  - 满\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["--root", str(root), "survey", "report", "2026-06", "--now", "2026-07-15 12:00"])
    assert res.exit_code == 0, res.output
