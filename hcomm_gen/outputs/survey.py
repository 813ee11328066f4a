"""Survey round outputs (P4.5 NOTICE-SURVEY-RESULT, P5.6, P5.7): charts, the computed
rounds as pages and sheets show them (:class:`RoundView`) and the internal statistics table
(问卷结果统计表). The site pages register in :mod:`hcomm_gen.outputs.pages.surveys`, the
printed sheets in :mod:`hcomm_gen.outputs.sheets.surveys`.

* Public (site, notice board): results per round with a Pareto chart, the satisfaction trend
  across rounds, the improvement announcement (整改公示). Only counts and rates: no answer
  line, no suggestion text, nothing that could identify who answered.
* Internal (:func:`write_report`, into ``internal/``, which the public build never copies):
  the statistics table as PDF and CSV, with the suggestion texts for the director.

Charts are matplotlib SVG with Chinese labels in Noto Sans CJK SC, drawn as paths (no font
needed to view them). They are deterministic: fixed ``svg.hashsalt``, no date in the metadata.
A label character that no font has raises :class:`~hcomm_gen.outputs.pdf.MissingGlyph`.
"""
from __future__ import annotations

import base64
import csv
import io
import math
import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hcomm_gen.core.errors import OutputError
from hcomm_gen.domain.survey import (
    PARETO_LIMIT,
    RETURN_MIN,
    RoundStats,
    compute_round,
    frac_text,
    pct,
    published_rounds,
)
from hcomm_gen.domain.workdays import WorkCalendar
from hcomm_gen.outputs.artefacts import ArtefactCache, key
from hcomm_gen.outputs.env import make_env, zh_month_of
from hcomm_gen.outputs.pdf import MissingGlyph, html_to_pdf, print_css
from hcomm_gen.records.models import SurveyRound

CJK_FONT = "Noto Sans CJK SC"
#: matplotlib settings of every chart (deterministic SVG, CJK labels as paths)
CHART_RC: Any = {  # matplotlib's rcParams keys (typed there as literals)
    "font.family": [CJK_FONT],
    "axes.unicode_minus": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "hcomm-survey",
    "text.parse_math": False,  # item texts are shown as typed: "$5" is not TeX
    "font.size": 10,
}
MAIN_COLOR, OTHER_COLOR, LINE_COLOR = "#c62828", "#90a4ae", "#00695c"
#: figure size (inches) of the Pareto chart on the printed results sheet (shown ~108 mm wide)
PRINT_CHART = (5.4, 3.2)
#: figure size (inches) and font size (pt) of the site's charts: shown 100 % of the text column
#: (343 px on a 375 px phone, at most SITE_CHART_MAX_PX), a 4.4 in (317 pt) figure keeps 11 pt
#: labels at about 12 px on the phone and 17 px at the widest
SITE_PARETO, SITE_TREND, SITE_FONT = (4.4, 3.4), (4.4, 3.0), 11
SITE_CHART_MAX_PX = 480


# --- charts --------------------------------------------------------------------------------

def _svg(fig) -> str:
    """The figure as deterministic SVG text; missing glyphs raise MissingGlyph."""
    import matplotlib

    buf = io.StringIO()
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with matplotlib.rc_context(CHART_RC):
            fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    missing = "".join(sorted({_glyph_of(str(w.message)) for w in seen
                              if "missing from font" in str(w.message)}))
    if missing:
        raise ChartGlyphError(missing)
    return buf.getvalue()


class ChartGlyphError(MissingGlyph):
    """A chart label has characters (``chars``) that no installed font has; ``zh``/``en``."""

    def __init__(self, chars: str):
        super().__init__(chars, "chart")
        self.zh = (f"图表里的字“{chars}”在已安装的字体里没有，会显示成方框，所以没有生成。请把调查题目改用常用字，"
                   f"或安装含有该字的字体（{CJK_FONT}：Debian 软件包 fonts-noto-cjk）。")
        self.en = (f"Characters '{chars}' of a chart label are in no installed font and would show as "
                   f"boxes. Use common characters or install a font that has them ({CJK_FONT}: fonts-noto-cjk).")


def chart_build_error(exc: ChartGlyphError) -> OutputError:
    """The build's error for a chart glyph missing from the fonts (``hcomm build`` exits 3)."""
    return OutputError(exc.zh, exc.en)


def _glyph_of(msg: str) -> str:
    # matplotlib: "Glyph 28385 (\N{CJK UNIFIED IDEOGRAPH-6EE1}) missing from font(s) DejaVu Sans."
    try:
        return chr(int(msg.split()[1]))
    except (IndexError, ValueError):
        return "?"


def _figure(width: float, height: float):
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(CHART_RC):
        fig = Figure(figsize=(width, height))
    return fig


def _short(text: str, n: int = 9) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def pareto_svg(stats: RoundStats, size: tuple[float, float] = (7.5, 4.2), title: bool = True,
               fontsize: float = 9, legend_above: bool = False) -> str:
    """SURVEY-PARETO chart: dissatisfied count per item (bars, main items in red), cumulative
    share (line, right axis, percent) and the 80 % line. Items without dissatisfied answers
    are left out of the chart (they are in the table).

    :param size: figure (width, height) in inches; the printed sheets use a smaller figure so
        that its 9 pt labels stay legible when scaled into the page.
    :param title: draw the chart's title and label bars with the item texts; without it (the
        sheets and the site, which have their own heading and the table next to the chart)
        bars carry item numbers.
    :param fontsize: points of the bar counts, tick labels and legend (axis titles +1).
    :param legend_above: the legend in one row above the plot (narrow site chart) instead of
        inside it on the right.
    """
    import matplotlib

    rows = [r for r in stats.pareto if r.item.dissatisfied > 0]
    with matplotlib.rc_context({**CHART_RC, "font.size": fontsize + 1}):
        fig = _figure(*size)
        ax = fig.add_subplot()
        if not rows:
            ax.text(0.5, 0.5, "本轮没有不满意答案", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return _svg(fig)
        xs = list(range(len(rows)))
        labels = [f"{r.item.no}. {_short(r.item.text)}" if title else str(r.item.no) for r in rows]
        ax.bar(xs, [r.item.dissatisfied for r in rows],
               color=[MAIN_COLOR if r.main else OTHER_COLOR for r in rows], width=0.65)
        top = max(r.item.dissatisfied for r in rows)
        for x, r in zip(xs, rows, strict=True):  # counts at the top inside tall bars, above short ones
            inside = r.item.dissatisfied >= top * 0.3
            ax.text(x, r.item.dissatisfied - (top * 0.03 if inside else 0), str(r.item.dissatisfied),
                    ha="center", va="top" if inside else "bottom", fontsize=fontsize,
                    color="white" if inside else "black", fontweight="bold" if inside else "normal")
        ax.set_ylim(0, top * 1.12)
        if title:
            ax.set_xticks(xs, labels, rotation=40, ha="right", fontsize=fontsize)
        else:
            ax.set_xticks(xs, labels, fontsize=fontsize + 1)
            ax.set_xlabel("题号（按不满意答案数排列）")
        ax.set_ylabel("不满意答案数（份）")
        ax.spines["top"].set_visible(False)
        ax2 = ax.twinx()
        cum = [float(r.cumulative) for r in rows]  # drawing only; the rule uses exact fractions
        ax2.plot(xs, cum, color=LINE_COLOR, marker="o", markersize=4, linewidth=1.6)
        ax2.axhline(float(PARETO_LIMIT), color=LINE_COLOR, linestyle="--", linewidth=1)
        ax2.text(xs[-1] + 0.4, float(PARETO_LIMIT), "80%", color=LINE_COLOR, va="bottom", ha="right",
                 fontsize=fontsize)
        ax2.set_ylim(0, 105)
        ax2.set_ylabel("累积百分率（%）")
        ax2.spines["top"].set_visible(False)
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        handles = [Patch(color=MAIN_COLOR, label="主要改进事项"), Patch(color=OTHER_COLOR, label="其他项目"),
                   Line2D([0], [0], color=LINE_COLOR, marker="o", label="累积百分率")]
        if legend_above:
            ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3,
                      fontsize=fontsize, frameon=False, handlelength=1.2, columnspacing=1.0,
                      handletextpad=0.4, borderaxespad=0.2)
        else:
            ax.legend(handles=handles, loc="center right", fontsize=fontsize, frameon=False)
        if title:
            ax.set_title(f"{zh_month_of(stats.round)}问卷 不满意项目排列图（帕累托图）", fontsize=fontsize + 2)
        return _svg(fig)


def site_pareto_svg(stats: RoundStats) -> str:
    """The Pareto chart of the site's round page, readable on a 375 px phone: bars numbered by
    item (the table under the chart names them), :data:`SITE_FONT` pt labels on a
    :data:`SITE_PARETO` figure, the legend above the plot, no title (the page has its heading)."""
    return pareto_svg(stats, SITE_PARETO, title=False, fontsize=SITE_FONT, legend_above=True)


#: what the charts' pictures depend on besides their data: this module's drawing code and the
#: matplotlib release (a change of either draws every chart again)
def _chart_code() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        mpl = version("matplotlib")
    except PackageNotFoundError:  # pragma: no cover
        mpl = "?"
    return key(Path(__file__).read_bytes(), mpl, CJK_FONT)


def _pareto_inputs(stats: RoundStats) -> tuple:
    """Everything :func:`site_pareto_svg` draws from ``stats`` (the chart's cache key)."""
    return tuple((r.item.no, r.item.text, r.item.dissatisfied, r.main, r.cumulative) for r in stats.pareto)


def _trend_inputs(series: list[RoundStats]) -> tuple:
    """Everything :func:`trend_svg` draws from ``series`` (the chart's cache key)."""
    return tuple((s.round, s.overall.adjusted_rate, s.overall.raw_rate, s.penalty) for s in series)


def cached_site_charts(views: list, cache: ArtefactCache) -> dict[str, str]:
    """The site's charts ``{path under docs/: SVG}``: ``surveys/trend.svg`` (when a round is
    published) and one ``surveys/ROUND-pareto.svg`` per published round, each read from
    ``cache`` (kind ``charts``) when one with the same inputs (:func:`_pareto_inputs`,
    :func:`_trend_inputs`, the drawing code) was drawn before, else drawn and stored (a past
    round's chart is drawn once). A cached entry that is not an SVG is drawn again.

    :param views: the :class:`RoundView` of the published rounds, oldest first.
    :raises ChartGlyphError: a label character no font has (never cached).
    """
    code = _chart_code()
    charts: dict[str, str] = {}

    def chart(path: str, inputs: tuple, draw) -> None:
        k = key("chart", path.rsplit("/", 1)[-1] if path.endswith("trend.svg") else "pareto", code, inputs)
        svg = cache.get_text(k)
        if svg is None or not svg.lstrip().startswith("<?xml") or not svg.rstrip().endswith("</svg>"):
            svg = draw()
            cache.put_text(k, svg)
        charts[path] = svg

    if views:
        series = [v.stats for v in views]
        chart("surveys/trend.svg", _trend_inputs(series), lambda: trend_svg(series))
    for v in views:
        chart(f"surveys/{v.stats.round}-pareto.svg", _pareto_inputs(v.stats), lambda s=v.stats: site_pareto_svg(s))
    return charts


def _trend_label(rnd: str, short: bool) -> str:
    """``2026-06`` → ``2026年6月``, or ``26年6月`` when ``short``."""
    label = zh_month_of(rnd)
    return label[2:] if short else label


def trend_svg(series: list[RoundStats]) -> str:
    """Overall satisfaction (pooled answers of all items) per round: published (adjusted)
    and calculated (raw) rates, percent; the y axis ends at 100 %.

    Sized for the site's survey page on a phone (:data:`SITE_TREND`, :data:`SITE_FONT` pt): no
    title (the page has its heading); rounds named ``2026年6月`` (``26年6月`` from five rounds
    on, at most six named); the rate written at each point, only at the last one from five
    rounds on; a legend only when a penalty makes the raw rate a second line."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context({**CHART_RC, "font.size": SITE_FONT}):
        fig = _figure(*SITE_TREND)
        ax = fig.add_subplot()
        if not series:
            ax.text(0.5, 0.5, "暂无调查结果", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return _svg(fig)
        xs = list(range(len(series)))
        # a round without usable answers has no rate: a gap in the line, not a 0 % point
        adj = [math.nan if s.overall.adjusted_rate is None else float(s.overall.adjusted_rate) for s in series]
        raw = [math.nan if s.overall.raw_rate is None else float(s.overall.raw_rate) for s in series]
        penalty = any(s.penalty for s in series)
        if penalty:
            ax.plot(xs, raw, color=OTHER_COLOR, marker="s", linestyle=":", label="扣减前", clip_on=False)
        ax.plot(xs, adj, color=LINE_COLOR, marker="o", linewidth=2, label="公布值", clip_on=False)
        many = len(series) > 4
        labelled = [len(series) - 1] if many else range(len(series))
        for x in labelled:
            s = series[x]
            if s.overall.adjusted_rate is None:
                continue
            ax.annotate(f"{pct(s.overall.adjusted_rate)}%", (x, adj[x]), textcoords="offset points",
                        xytext=(0, -8 if adj[x] > 96 else 7), va="top" if adj[x] > 96 else "bottom",
                        ha="center", fontsize=SITE_FONT)
        step = -(-len(series) // 6)  # at most six round names under the axis, the last always
        ticks = [x for x in xs if (len(xs) - 1 - x) % step == 0]
        ax.set_xticks(ticks, [_trend_label(series[x].round, many) for x in ticks],
                      rotation=30 if len(ticks) > 3 else 0, ha="right" if len(ticks) > 3 else "center")
        low = min((v for v in adj + raw if not math.isnan(v)), default=80.0)
        ax.set_ylim(max(0, min(80, low - 5)), 100)
        ax.set_xlim(-0.5, max(len(series) - 0.5, 1.5))
        ax.set_ylabel("满意率（%）")
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        ax.grid(axis="y", linewidth=0.5, alpha=0.5)
        ax.spines["top"].set_visible(False)
        ax.spines["right"].set_visible(False)
        if penalty:
            ax.legend(loc="lower left", fontsize=SITE_FONT, frameon=False)
        return _svg(fig)


def svg_data_uri(svg: str) -> str:
    """``data:image/svg+xml;base64,…`` for embedding a chart in a printed sheet."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# --- shared view ---------------------------------------------------------------------------

@dataclass
class RoundView:
    """A computed round with what the templates need: ``stats`` (RoundStats), ``rnd`` (the
    record), ``title`` (2026年6月), page paths, and whether the announcement is out."""

    stats: RoundStats
    rnd: SurveyRound
    title: str
    announced: bool

    @property
    def page(self) -> str:
        return f"surveys/{self.stats.round}.md"

    @property
    def announcement_page(self) -> str:
        return f"surveys/{self.stats.round}-announcement.md"

    @property
    def main_rows(self):
        return [r for r in self.stats.pareto if r.main]

    @property
    def other_measures(self):
        main = {r.item.no for r in self.main_rows}
        items = {i.no: i for i in self.stats.items}
        return [(items.get(m.item), m) for m in self.stats.measures if m.item not in main]


def _calendar(records) -> WorkCalendar:
    return WorkCalendar.for_community(records.community)


def round_views(records, now: datetime) -> list[RoundView]:
    """Published rounds (analysis done by today, answers entered), oldest first."""
    tz = records.tz
    today = now.astimezone(tz).date() if isinstance(now, datetime) else now
    cal = _calendar(records)
    out = []
    for rnd in published_rounds(records.surveys, now, tz):
        st = compute_round(rnd, records.registry, cal, today)
        out.append(RoundView(st, rnd, zh_month_of(st.round),
                             rnd.announced is not None and rnd.announced <= today))
    return out


def pct_sign(value) -> str:
    """``91.5%``, or ``—`` when there is no rate (no sign after a dash)."""
    return "—" if value is None else f"{pct(value)}%"


def survey_env(records, root: Path | None):
    """The Jinja2 environment of the survey pages and sheets: :func:`~.env.make_env` with the
    filters ``pct`` (``91.5``) and ``pcts`` (``91.5%`` or ``—``) and the global ``RETURN_MIN``."""
    env = make_env(root, records.tz)
    env.filters["pct"] = pct
    env.filters["pcts"] = pct_sign
    env.globals["RETURN_MIN"] = RETURN_MIN
    return env


# --- internal statistics table ----------------------------------------------------------------

def report_rows(stats: RoundStats, records=None) -> list[list[str]]:
    """The 问卷结果统计表 as CSV rows (sections separated by an empty row). Rates are shown
    rounded to 1 decimal, with the exact value (a fraction such as ``3425/46``) beside it."""
    s = stats
    rows: list[list[str]] = []
    community = records.community.name if records is not None and records.has_community else ""
    rows += [["问卷结果统计表", community, f"{zh_month_of(s.round)}问卷调查"], []]
    rows += [["项目", "数值", "精确值", "说明"],
             ["送达日期", str(s.delivered_on), "", ""],
             ["发放份数", str(s.delivered), "", "送达日已入住户数（SURVEY-DISTRIBUTION）"]]
    if s.distribution is not None:
        rows.append(["送达日已入住户数", str(s.distribution.occupied), "",
                     "一致" if s.distribution.occupied == s.delivered else "不一致"])
        rows.append(["未发到的单元", "、".join(s.distribution.missed_units) or "无", "", ""])
    rows += [["回收份数", str(s.returned), "", ""],
             ["回收率(%)", pct(s.return_rate), frac_text(s.return_rate),
              f"{'不低于' if s.return_ok else '低于'} {RETURN_MIN}%（SURVEY-RETURN-60）"],
             ["满意率扣减(百分点)", pct(s.penalty), frac_text(s.penalty),
              "扣减 = 5 × (60 − 回收率%)，回收率不低于60%时为0（SURVEY-PENALTY）"], []]
    rows.append(["序号", "项目", "分类", "满意", "基本满意", "不满意", "未选", "多选", "弃权合计",
                 "满意率(%)", "满意率精确值", "扣减后满意率(%)", "扣减后精确值"])
    for it in [*s.items, s.overall]:
        rows.append([str(it.no) if it.no else "", it.text, it.topic or "", str(it.satisfied),
                     str(it.basic), str(it.dissatisfied), str(it.blank), str(it.multiple),
                     str(it.abstained), pct(it.raw_rate), frac_text(it.raw_rate),
                     pct(it.adjusted_rate), frac_text(it.adjusted_rate)])
    rows.append(["", "满意率 = (满意 + 基本满意) / (满意 + 基本满意 + 不满意) × 100%；未选或多选按弃权处理，不计入；"
                     "总体 = 全部项目的答案合计后按同一公式计算。"])
    rows += [[], ["排列", "序号", "项目", "不满意", "占全部不满意(%)", "占比精确值", "累积百分率(%)",
                  "累积精确值", "主要改进事项"]]
    for r in s.pareto:
        rows.append([str(r.rank), str(r.item.no), r.item.text, str(r.item.dissatisfied), pct(r.share),
                     frac_text(r.share), pct(r.cumulative), frac_text(r.cumulative), "是" if r.main else ""])
    rows.append(["", "按不满意数排序，相同时按问卷顺序；累积百分率不超过80%的为主要改进事项，"
                     "第一项单独超过80%时仅第一项（SURVEY-PARETO）。"])
    rows += [[], ["主要改进事项", "序号", "整改措施", "完成时间"]]
    for it in s.main_items:
        ms = s.measures_for(it.no)
        if not ms:
            rows.append([it.text, str(it.no), "（未定措施）", ""])
        for m in ms:
            rows.append([it.text, str(it.no), m.measure, str(m.by or "")])
    rows += [[], ["建议分类", "条数"]]
    rows += [[t, str(n)] for t, n in s.needs]
    rows += [[], ["期限", "规则", "工作日", "期限日", "完成日期", "情况"]]
    for d in s.deadlines:
        rows.append([d.label, d.rule, str(d.workdays), str(d.due or ""), str(d.done or ""),
                     d.state_zh + (f"：{d.message_zh}" if d.message_zh else "")])
    return rows


def inert_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: a text starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (a formula to Excel and WPS, e.g. a suggestion's
    topic ``=1+1``) gets a leading ``'``; numbers (``-16.4``, ``56.7%``) are left as they are."""
    if text and text[0] in "=+-@\t\r" and not re.fullmatch(r"[+-]?\d+(\.\d+)?%?", text):
        return "'" + text
    return text


def report_csv(stats: RoundStats, records=None) -> str:
    """The statistics table as CSV text (write it with a UTF-8 BOM so spreadsheets read it);
    every cell through :func:`inert_cell`."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in report_rows(stats, records):
        w.writerow([inert_cell(c) for c in row])
    return buf.getvalue()


def report_html(records, stats: RoundStats, now: datetime, root: Path | None = None) -> str:
    """HTML of the internal 问卷结果统计表 (for the director; SURVEY-ANALYSIS-30WD,
    SURVEY-ARCHIVE). Includes the written suggestions (anonymous) grouped by topic."""
    env = survey_env(records, root)
    rnd = stats.record
    sugg: dict[str, list[str]] = {}
    if rnd is not None and rnd.answers is not None:
        for sg in rnd.answers.suggestions:
            sugg.setdefault(sg.topic or "其他", []).append(sg.text)
    staff = {st.role: st.name for st in records.community.staff}
    return env.get_template("print/survey_report.html.j2").render(
        community=records.community, s=stats, rnd=rnd, title=zh_month_of(stats.round),
        css=print_css(root), chart=svg_data_uri(pareto_svg(stats)), suggestions=sugg,
        supervisor=staff.get("客户服务主管", ""), director=staff.get("管理处主任", ""), now=now)


def report_files(round_: str) -> tuple[str, str]:
    """``(pdf, csv)`` file names of a round's statistics table in ``internal/``."""
    return f"问卷结果统计表_{round_}.pdf", f"问卷结果统计表_{round_}.csv"


def write_report(records, rnd, now: datetime, out_dir: Path, root: Path | None = None) -> tuple[Path, Path]:
    """Compute round ``rnd`` and write its statistics table as PDF and CSV into ``out_dir``
    (normally ``ROOT/internal``, never part of the public site). Returns ``(pdf, csv)``.

    :raises MissingGlyph: a character no installed font has (nothing written).
    """
    today = now.astimezone(records.tz).date() if isinstance(now, datetime) else now
    stats = compute_round(rnd, records.registry, _calendar(records), today)
    pdf_name, csv_name = report_files(stats.round)
    html = report_html(records, stats, now, root)
    html_to_pdf(html, out_dir / pdf_name)
    (out_dir / csv_name).write_text("\ufeff" + report_csv(stats, records), encoding="utf-8", newline="")
    return out_dir / pdf_name, out_dir / csv_name
