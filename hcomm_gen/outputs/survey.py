"""Survey round outputs (P4.5 NOTICE-SURVEY-RESULT, P5.6, P5.7): charts, site pages, printed
sheets and the internal statistics table (问卷结果统计表).

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
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional

from hcomm_gen.core.errors import OutputError
from hcomm_gen.domain.survey import (PARETO_LIMIT, RETURN_MIN, RoundStats, compute_round,
                              frac_text, pct, published_rounds)
from hcomm_gen.domain.workdays import WorkCalendar
from hcomm_gen.outputs.env import make_env, zh_day, zh_month_of
from hcomm_gen.outputs.pdf import MissingGlyph, print_css

CJK_FONT = "Noto Sans CJK SC"
#: matplotlib settings of every chart (deterministic SVG, CJK labels as paths)
CHART_RC = {
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
#: folder of the survey sheets under ``print/``
SURVEY_DIR = "surveys"


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


def _as_build_error(exc: ChartGlyphError):
    return OutputError(exc.zh, exc.en)  # the build reports it and exits 3


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
        for x, r in zip(xs, rows):  # counts at the top inside tall bars, above short ones
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
        from matplotlib.patches import Patch
        from matplotlib.lines import Line2D
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
    rnd: object
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


def _env(records, root):
    env = make_env(root, records.tz)
    env.filters["pct"] = pct
    env.filters["pcts"] = pct_sign
    env.globals["RETURN_MIN"] = RETURN_MIN
    return env


# --- site ----------------------------------------------------------------------------------

def survey_pages(records, now: datetime, root: Optional[Path] = None) -> dict[str, str]:
    """Public survey pages ``{path under docs/: text}``: ``surveys.md`` (满意度调查: trend and
    every published round), per round ``surveys/ROUND.md`` (results, Pareto) and
    ``surveys/ROUND-announcement.md`` (整改公示, once announced), and the SVG charts
    ``surveys/trend.svg`` (when a round is published) and ``surveys/ROUND-pareto.svg``.

    :raises hcomm_gen.core.errors.OutputError: a chart label has a character no font has.
    """
    env = _env(records, root)
    views = round_views(records, now)
    common = {"community": records.community, "now": now}
    pages: dict[str, str] = {}
    try:  # no chart (and no matplotlib start-up) for a community without published rounds
        if views:
            pages["surveys/trend.svg"] = trend_svg([v.stats for v in views])
        for v in views:
            pages[f"surveys/{v.stats.round}-pareto.svg"] = site_pareto_svg(v.stats)
    except ChartGlyphError as exc:
        raise _as_build_error(exc) from None
    pages["surveys.md"] = env.get_template("site/survey_index.md.j2").render(
        **common, views=list(reversed(views)), has_rounds=bool(views))
    for v in views:
        pages[v.page] = env.get_template("site/survey_round.md.j2").render(**common, v=v, s=v.stats)
        if v.announced:
            pages[v.announcement_page] = env.get_template("site/survey_announcement.md.j2").render(
                **common, v=v, s=v.stats)
    return pages


# --- printed sheets --------------------------------------------------------------------------

def current_view(records, now: datetime) -> Optional[RoundView]:
    """The round whose results are on the notice board now (the latest published), or ``None``."""
    views = round_views(records, now)
    return views[-1] if views else None


def page_url(community, path: str) -> str:
    """Public address of a survey page (``surveys/2026-06.md`` → ``…/surveys/2026-06/``)."""
    return community.site_url.rstrip("/") + "/" + path[:-len(".md")] + "/"


def result_sheet_html(records, view: RoundView, root: Optional[Path] = None) -> str:
    """HTML of the A4 results sheet (问卷调查结果) for the notice board.

    :raises MissingGlyph: a chart label has a character no font has."""
    from hcomm_gen.outputs.sheets import qr_data_uri
    env = _env(records, root)
    url = page_url(records.community, view.page)
    return env.get_template("print/survey_result.html.j2").render(
        community=records.community, v=view, s=view.stats, css=print_css(root),
        chart=svg_data_uri(pareto_svg(view.stats, PRINT_CHART, title=False)), url=url, qr=qr_data_uri(url),
        issued=zh_day(view.rnd.analysis_done))


def announcement_sheet_html(records, view: RoundView, root: Optional[Path] = None) -> str:
    """HTML of the A4 improvement announcement (整改公示) for the notice board."""
    from hcomm_gen.outputs.sheets import qr_data_uri
    env = _env(records, root)
    url = page_url(records.community, view.announcement_page)
    return env.get_template("print/survey_announcement.html.j2").render(
        community=records.community, v=view, s=view.stats, css=print_css(root), url=url,
        qr=qr_data_uri(url), issued=zh_day(view.rnd.announced))


def survey_sheets(records, now: datetime, root: Optional[Path] = None) -> list:
    """The sheets of the round whose result is current at ``now`` (:func:`current_view`):
    its results sheet and, once announced, its 整改公示; as
    :class:`~hcomm_gen.outputs.sheets.Sheet` objects named
    ``surveys/2026-07-10_survey_result_2026-06.pdf`` and
    ``surveys/2026-07-15_survey_announcement_2026-06.pdf`` under ``print/`` (a folder of their
    own, like the warning signs; posting date first). Empty when no round is published.

    :raises MissingGlyph: a chart label has a character no font has.
    """
    from hcomm_gen.outputs.sheets import Sheet
    view = current_view(records, now)
    if view is None:
        return []
    rnd, r = view.rnd, view.stats.round
    out = [Sheet("survey_result", f"survey-{r}",
                 f"{SURVEY_DIR}/{rnd.analysis_done:%Y-%m-%d}_survey_result_{r}.pdf",
                 result_sheet_html(records, view, root), rnd.path, f"{view.title}业户满意度问卷调查结果")]
    if view.announced:
        out.append(Sheet("survey_announcement", f"survey-{r}",
                         f"{SURVEY_DIR}/{rnd.announced:%Y-%m-%d}_survey_announcement_{r}.pdf",
                         announcement_sheet_html(records, view, root), rnd.path,
                         f"{view.title}满意度调查整改公示"))
    return out


def due_survey_sheets(records, now: datetime, root: Optional[Path] = None) -> list:
    """The survey sheets due for posting at ``now`` (:func:`survey_sheets`), for ``hcomm
    build`` and ``hcomm print`` (through :func:`hcomm_gen.outputs.sheets.write_due_sheets`).

    :raises hcomm_gen.core.errors.OutputError: a chart label has a character no font has.
    """
    try:
        return survey_sheets(records, now, root)
    except ChartGlyphError as exc:
        raise _as_build_error(exc) from None


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


def report_csv(stats: RoundStats, records=None) -> str:
    """The statistics table as CSV text (write it with a UTF-8 BOM so spreadsheets read it)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in report_rows(stats, records):
        w.writerow(row)
    return buf.getvalue()


def report_html(records, stats: RoundStats, now: datetime, root: Optional[Path] = None) -> str:
    """HTML of the internal 问卷结果统计表 (for the director; SURVEY-ANALYSIS-30WD,
    SURVEY-ARCHIVE). Includes the written suggestions (anonymous) grouped by topic."""
    env = _env(records, root)
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


def write_report(records, rnd, now: datetime, out_dir: Path, root: Optional[Path] = None) -> tuple[Path, Path]:
    """Compute round ``rnd`` and write its statistics table as PDF and CSV into ``out_dir``
    (normally ``ROOT/internal``, never part of the public site). Returns ``(pdf, csv)``.

    :raises MissingGlyph: a character no installed font has (nothing written).
    """
    from hcomm_gen.outputs.pdf import html_to_pdf

    today = now.astimezone(records.tz).date() if isinstance(now, datetime) else now
    stats = compute_round(rnd, records.registry, _calendar(records), today)
    pdf_name, csv_name = report_files(stats.round)
    html = report_html(records, stats, now, root)
    html_to_pdf(html, out_dir / pdf_name)
    (out_dir / csv_name).write_text("\ufeff" + report_csv(stats, records), encoding="utf-8", newline="")
    return out_dir / pdf_name, out_dir / csv_name
