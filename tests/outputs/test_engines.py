"""Issue 14 item 3: the same tests of content for every site engine (MkDocs + Material, the
default, and Zensical), on the example community built once per engine for the session, as of
2026-11-29 12:00 (``NOW`` of tests/conftest.py): the home page's lists and today strip, a
notice page, the feeds and sitemap, every relative link, and the search in the real browser.

What the example shows at that moment, from its records: in effect the 2026 Q3 finance
posting (N-2026-1012-finance), the lift works of 3栋2单元 (11-16 08:00 to 12-20 18:00) and the
garage floor works (11-23 to 12-06); upcoming, by start, the 1–3栋 power cut (12-03), the pest
control (12-05), the municipal water cut (12-10), the 冬至 dumplings (12-20) and three things
of 2027-01-01 (parking fee, cleaning contract, New Year walk); the today strip has only the
lift of 3栋2单元 (全天, until 12月20日 18:00)."""
from __future__ import annotations

import gzip
import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import CHROMIUM, make_office, served
from icalendar import Calendar

from hcomm_gen.app import pipeline
from hcomm_gen.app.site_engine import chosen_engine
from hcomm_gen.core.errors import OutputError, UsageError
from hcomm_gen.outputs.engines import DEFAULT, ENGINES
from hcomm_gen.outputs.engines.zensical import source_relative
from hcomm_gen.records.types import SITE_ENGINE

NOW = "2026-11-29 12:00"  # the moment of the session's example_build (tests/conftest.py)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

ENGINE_PARAMS = [pytest.param(name, marks=pytest.mark.skipif(not e.available(), reason=f"{e.package} not installed"))
                 for name, e in ENGINES.items()]
browser_only = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed")


@pytest.fixture(scope="session", params=ENGINE_PARAMS)
def engine_site(request, tmp_path_factory):
    """``(engine name, site folder, build result)``: the example built by each engine (the
    default engine's is the session's ``example_build``)."""
    if request.param == DEFAULT:
        root, result = request.getfixturevalue("example_build")
    else:
        root = tmp_path_factory.mktemp(f"engine-{request.param}") / "office"
        root.mkdir()
        shutil.copytree(Path(__file__).resolve().parents[2] / "records", root / "records")
        result = pipeline.build(root, NOW, prints=False, engine=request.param)
    assert result.site_dir == root / "site"
    return request.param, root / "site", result


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    end = html.find('<div class="hc-section"', start + 1)
    return html[start:end if end > 0 else len(html)]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_engine_names_are_the_choices_of_community_yaml():
    assert tuple(ENGINES) == SITE_ENGINE.values == ("mkdocs", "zensical")
    assert DEFAULT == "mkdocs" and list(ENGINES)[0] == DEFAULT


def test_home_lists_the_current_notices_and_the_today_strip(engine_site):
    _, site, _ = engine_site
    home = _html(site, "")
    assert re.findall(r'data-notice="([^"]+)"', _section(home, "hc-in-effect")) == [
        "N-2026-1012-finance", "N-2026-1112-elevator", "N-2026-1121-garage"]
    assert re.findall(r'data-notice="([^"]+)"', _section(home, "hc-upcoming")) == [
        "N-2026-1128-power", "N-2026-1128-pest", "N-2026-1127-water", "N-2026-1126-dongzhi",
        "N-2026-1120-parkingfee", "N-2026-1125-contract", "N-2026-1127-newyear"]
    strip = home[home.index('<section class="hc-today"'):home.index("</section>")]
    assert _text(strip) == ("今明停水停电 今天是11月29日 周日 今明两天 全天，至 12月20日 18:00 3栋2单元 电梯停用 进行中 "
                            "今天和明天没有停水、停电、停气或电梯停用。")
    assert re.search(r"<title>\s*首页 - h小区公告栏\s*</title>", home)
    assert "h小区管理处 · 服务热线" in home and "Made with" not in home  # our footer, not the theme's


def test_notice_page_has_title_body_and_share_box(engine_site):
    _, site, _ = engine_site
    page = _html(site, "notices/N-2026-1127-water")
    assert re.search(r"<title>\s*关于市政供水管网接驳施工停水的通知 - h小区公告栏\s*</title>", page)
    assert re.search(r'<h1 id="[^"]*">关于市政供水管网接驳施工停水的通知</h1>', page)
    assert '<meta property="og:title" content="关于市政供水管网接驳施工停水的通知">' in page
    assert '<meta property="og:image" content="https://hxq.example.cn/notices/N-2026-1127-water/share.png">' in page
    body = _text(page[page.index('<div class="hc-body"'):])
    assert body.startswith("尊敬的1栋、2栋、3栋、4栋各位业主、住户：")
    (box,) = re.findall(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)
    assert box.startswith("【计划停水】关于市政供水管网接驳施工停水的通知\n")
    assert box.rstrip().endswith("https://hxq.example.cn/notices/N-2026-1127-water/")
    # the back link (outside the page text), the share picture and script, all reachable
    assert re.search(r'<p class="hc-back"><a href="../../archive/">← 全部通知</a></p>', page)
    for src in re.findall(r'<script src="([^"]*share\.js)"', page) + re.findall(r'<img[^>]* src="([^"]*share\.png)"', page):
        assert (site / "notices/N-2026-1127-water" / src).resolve().is_file(), src
    assert "md-tags" not in page  # the tags (kind, date) are for the search, shown once in the header


def test_feeds_and_sitemap(engine_site):
    _, site, result = engine_site
    records, now = result.check.records, result.check.now
    published = sorted(n.id for n in records.notices if n.published <= now)
    atom = ET.parse(site / "feed.xml").getroot()
    assert sorted(e.find(f"{ATOM}id").text.rstrip("/").rsplit("/", 1)[1] for e in atom.iter(f"{ATOM}entry")) == published
    rss = ET.parse(site / "rss.xml").getroot()
    assert len(list(rss.iter("item"))) == len(published)
    events = Calendar.from_ical((site / "calendar.ics").read_bytes()).walk("VEVENT")
    assert any(str(e["uid"]).startswith("N-2026-1127-water@") for e in events)
    home = _html(site, "")
    assert re.findall(r'<link rel="alternate" type="application/(?:atom|rss)\+xml" title="([^"]+)" href="([^"]+)"', home) == [
        ("h小区公告栏：通知", "https://hxq.example.cn/feed.xml"), ("h小区公告栏：通知（RSS）", "https://hxq.example.cn/rss.xml")]
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    urls = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text for u in sitemap.iter(f"{SITEMAP}url")}
    assert "https://hxq.example.cn/notices/N-2026-1127-water/" in urls
    assert set(urls.values()) == {"2026-11-29"}  # the build's day in Shanghai, not the clock's
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_every_relative_link_reaches_a_file(engine_site):
    """hcomm writes links inside HTML blocks relative to the page's address; MkDocs leaves them
    and the Zensical engine hands them over source-relative (outputs/engines/zensical.py):
    either way every relative href and src of every page reaches a file of the site."""
    _, site, _ = engine_site
    bad = []
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 60
    for page in pages:
        for link in RELATIVE_LINK.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / link).resolve()
            if not (target / "index.html" if target.is_dir() else target).exists():
                bad.append((str(page.relative_to(site)), link))
    assert bad == []


#: a relative href/src of a link, image, script or stylesheet (not an anchor, a scheme, /path)
RELATIVE_LINK = re.compile(r'<(?:a|img|script|link)\s[^>]*?\s(?:href|src)="([^"#?:/][^"#?:]*|\.\.?)["#?]')


def _search(page, engine: str, query: str) -> list[str]:
    """Type ``query`` into the engine's search box; the notice IDs and page paths of the
    results, best first."""
    page.click("label.md-header__button[for=__search]")  # the magnifier of a phone-sized page
    if engine == "mkdocs":
        page.fill("input.md-search__input", query)
        page.press("input.md-search__input", "End")  # Material searches on keyup
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        selector = ".md-search-result__item a"
    else:  # Zensical's search dialog (its own shadow DOM, which Playwright's selectors enter)
        page.keyboard.type(query)
        page.wait_for_selector("a[href*='?h=']", timeout=15000)
        selector = "a[href*='?h=']"
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    paths = [posixpath.normpath(h.split("127.0.0.1", 1)[-1].split("?")[0]).split("/", 2)[-1] for h in hrefs]
    return list(dict.fromkeys(p.removeprefix("notices/") for p in paths))


@browser_only
def test_search_finds_the_water_cuts(engine_site, browser):
    """停水 typed in the search box finds every notice of a water cut published by then, and no
    event."""
    engine, site, result = engine_site
    notices = [n for n in result.check.records.notices if n.published <= result.check.now]
    water = {n.id for n in notices if "停水" in n.title}
    assert water == {"N-2026-0127-burst", "N-2026-0302-water", "N-2026-0706-water", "N-2026-0907-water",
                     "N-2026-1127-water"}
    with served(site) as url:
        page = browser.new_page(viewport={"width": 375, "height": 3000})  # tall: every result drawn
        page.goto(url)
        found = _search(page, engine, "停水")
        page.close()
    assert water <= set(found), found
    assert not {n.id for n in notices if n.kind == "event"} & set(found)


@browser_only
def test_home_and_notice_pages_pass_axe(engine_site, browser):
    """No serious or critical axe-core violation on the home page and a notice page at 375 px
    (the MkDocs engine's other pages: test_browser_search.py)."""
    from axe_playwright_python.sync_playwright import Axe
    _, site, _ = engine_site
    bad = {}
    with served(site) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        for path in ("", "notices/N-2026-1128-power/"):
            page.goto(url + path)
            bad[path] = [(v["impact"], v["id"]) for v in Axe().run(page).response["violations"]
                         if v["impact"] in ("serious", "critical")]
        page.close()
    assert bad == {"": [], "notices/N-2026-1128-power/": []}


def test_source_relative_links_for_zensical():
    page = ('<p class="hc-back"><a href="../../archive/">← 全部通知</a></p>\n'
            '<a class="hc-card" href="../../notices/N-2/" data-x="../../y/">x</a> <img src="share.png" alt="">\n'
            '<a href="../..">首页</a> <a href="tel:0571-1">电话</a> <a href="#top">顶</a> '
            '<a href="https://a.example/x/">外</a> <a href="../../outages/#m12">月</a>\n'
            '[趋势](trend.svg) 写着 href="../../z/" 的文字\n')
    assert source_relative(page, "notices/N-1.md") == (
        '<p class="hc-back"><a href="../archive/">← 全部通知</a></p>\n'
        '<a class="hc-card" href="N-2/" data-x="../../y/">x</a> <img src="N-1/share.png" alt="">\n'
        '<a href="..">首页</a> <a href="tel:0571-1">电话</a> <a href="#top">顶</a> '
        '<a href="https://a.example/x/">外</a> <a href="../outages/#m12">月</a>\n'
        '[趋势](trend.svg) 写着 href="../../z/" 的文字\n')
    assert source_relative('<a href="../../notices/N-1/">', "archive/2026.md") == '<a href="../notices/N-1/">'
    assert source_relative('<a href="archive/">', "index.md") == '<a href="archive/">'
    assert source_relative('<a href="../notices/N-1/">', "archive.md") == '<a href="notices/N-1/">'


def test_an_unknown_engine_name_says_the_closest(tmp_path):
    root = make_office(tmp_path)
    records = pipeline.check(root, "2026-03-02 12:00").records
    assert chosen_engine(records) is ENGINES["mkdocs"]
    assert chosen_engine(records, "Zensical") is ENGINES["zensical"]
    assert chosen_engine(records, "material") is ENGINES["mkdocs"]
    with pytest.raises(UsageError) as e:
        chosen_engine(records, "zensicle")
    assert e.value.zh == ("--engine：没有名为“zensicle”的网站引擎。是不是“zensical”？"
                          "可选：mkdocs（MkDocs + Material，默认）、zensical（Zensical）。")
    assert "Did you mean 'zensical'?" in e.value.en


def test_site_engine_in_community_yaml(tmp_path):
    from helpers import COMMUNITY
    root = make_office(tmp_path, community=COMMUNITY + "site_engine: zensical\n")
    assert chosen_engine(pipeline.check(root, "2026-03-02 12:00").records) is ENGINES["zensical"]
    root = make_office(tmp_path / "b", community=COMMUNITY + "site_engine: zensicle\n")
    (problem,) = [p for p in pipeline.check(root, "2026-03-02 12:00").problems if "site_engine" in p.zh]
    assert problem.rule == "RECORD-FIELD" and problem.pos.line == COMMUNITY.count("\n") + 1
    assert "“zensicle”不是可选的值。是不是“Zensical”？" in problem.zh


def test_an_engine_not_installed_changes_nothing(tmp_path, monkeypatch):
    from helpers import COMMUNITY
    root = make_office(tmp_path, community=COMMUNITY + "site_engine: zensical\n")
    monkeypatch.setattr(type(ENGINES["zensical"]), "available", lambda self: False)
    with pytest.raises(OutputError) as e:
        pipeline.build(root, "2026-03-02 12:00", prints=False)
    assert e.value.zh.startswith("records/community.yaml 的 site_engine 选了网站引擎 Zensical，但这台电脑没有安装它，"
                                 "网站没有生成（原来的 site/ 没有改动）。请运行 pip install \"hcomm[zensical]\"")
    assert not (root / "site").exists() and not list(root.glob(".hcomm-build-*"))


@pytest.mark.skipif(not ENGINES["zensical"].available(), reason="zensical not installed")
def test_zensical_warnings_are_shown_and_a_failure_is_one_message(tmp_path, caplog):
    """The engine on its own: Zensical's warnings reach hcomm's log (as MkDocs' do), a failed
    build is a RuntimeError with Zensical's last line (the pipeline makes it 网站生成失败, exit 3)."""
    docs = tmp_path / "work/docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n[缺](nothere.md)\n", encoding="utf-8")
    config = {"site_name": "t", "site_url": "https://t.example/", "use_directory_urls": True,
              "docs_dir": str(docs), "site_dir": str(tmp_path / "work/site")}
    ENGINES["zensical"].build(config, docs, tmp_path / "work/site")
    assert (tmp_path / "work/site/index.html").is_file()
    assert "page does not exist" in caplog.text and "1 issue found" in caplog.text
    config["theme"] = {"name": "material", "custom_dir": str(tmp_path / "missing")}
    with pytest.raises(RuntimeError) as e:
        ENGINES["zensical"].build(config, docs, tmp_path / "work/site2")
    assert str(e.value).startswith("Zensical: ") and "missing" in str(e.value), e.value


def test_build_engine_option_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from hcomm_gen.cli import main
    root = make_office(tmp_path)
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--now", "2026-03-02 12:00", "--no-pdf",
                                    "--engine", "zensicle"])
    assert res.exit_code == 2
    assert "--engine：没有名为“zensicle”的网站引擎。是不是“zensical”？" in res.output
    assert not (root / "site").exists()
    res = CliRunner().invoke(main, ["--root", str(root), "build", "--help"])
    assert "--engine NAME" in res.output and "这一次生成用的网站引擎：mkdocs 或 zensical" in res.output
