"""Issue 11, item 4 and the accessibility check: the site's search finds what occupants type
(buildings, units, dates, kinds of stop) in Debian's Chromium, its index carries no invisible
characters, and the pages occupants use pass axe-core (no serious or critical violation).

The site is the example community built once for the session (``example_build``, as of
2026-11-29 12:00); axe-core is the copy that the ``axe-playwright-python`` test dependency
ships (``axe_playwright_python/axe.min.js``, axe-core 4.12, MPL-2.0).
"""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from helpers import CHROMIUM, make_office, served

from hcomm_gen.outputs.search import SEPARATOR, WORD_BREAK, search_words
from hcomm_gen.outputs.site import mkdocs_config
from hcomm_gen.records.loader import load_records

#: invisible format characters: soft hyphen, zero-width space/non-joiner/joiner, direction
#: marks and embeddings, word joiner and invisible operators, isolates, byte-order mark
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

POWER = "N-2026-1128-power"        # 关于供电部门检修1栋至3栋停电的通知, 2026-12-03, areas 1栋 2栋 3栋
ELEVATOR = "N-2026-1112-elevator"  # 关于3栋2单元电梯更换施工的通知, area 3栋2单元
POWER_10 = "N-2026-0824-power"     # 关于10栋配电柜改造临时停电的通知, area 10栋

browser_only = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed")


def test_search_words_of_the_example(example_build):
    words = search_words(example_build[1].check.records)
    assert len(words) == len(set(words))
    for w in ("1栋", "3栋", "10栋", "3栋2单元", "2单元", "8栋4单元", "12月", "12月3日", "2月29日", "2026年",
              "停电", "停水", "电梯停运", "消杀"):
        assert w in words, w
    assert not [w for w in words if re.search(r"\s", w) or not re.search(r"[\u4e00-\u9fff]", w)]
    assert words.index("3栋") < words.index("3栋2单元")  # the registry's order, buildings first


def test_search_plugin_gets_the_dictionary_and_separator(tmp_path):
    """An office's own mkdocs.yml naming the search plugin without options gets them too;
    a separator of its own is kept."""
    root = make_office(tmp_path)
    (root / "mkdocs.yml").write_text("theme: {name: material, language: zh}\nplugins:\n  - search\n",
                                     encoding="utf-8")
    work = tmp_path / "work"
    records = load_records(root)
    cfg = mkdocs_config(records, root, work / "docs", work / "site")
    words = work / "search-words.txt"
    assert cfg["plugins"] == [{"search": {"jieba_dict_user": str(words), "separator": SEPARATOR}}]
    assert words.read_text(encoding="utf-8").splitlines() == search_words(records)
    assert "12月3日" in search_words(records)
    (root / "mkdocs.yml").write_text("theme: {name: material}\nplugins:\n  - search: {separator: '[\\s]+'}\n",
                                     encoding="utf-8")
    cfg = mkdocs_config(records, root, work / "docs", work / "site")
    assert cfg["plugins"][0]["search"]["separator"] == "[\\s]+"


def _index(root) -> dict:
    return json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))


def test_index_holds_whole_words_and_no_invisible_characters(example_build):
    root, _ = example_build
    raw = (root / "site/search/search_index.json").read_text(encoding="utf-8")
    # Material writes the index with \u escapes: look at the characters they stand for
    assert not INVISIBLE.findall(json.dumps(json.loads(raw), ensure_ascii=False)), "invisible characters in the index"
    for html in (root / "site").rglob("*.html"):
        title = re.search(r"<title>(.*?)</title>", html.read_text(encoding="utf-8"), re.S).group(1)
        assert not INVISIBLE.search(title), html
    docs = {d["location"]: d for d in _index(root)["docs"]}
    power = docs[f"notices/{POWER}/"]
    assert power["title"].split(WORD_BREAK) == ["关于", "供电", "部门", "检修", "1栋", "至", "3栋", "停电", "的", "通知"]
    # the notice's kind and date, which Material shows under every result of the page
    assert power["tags"] == ["计划停电", "2026年12月3日 周四"]
    # the page's own entry has its text (time, areas, letter), not the back link
    assert power["text"].startswith("<p>计划<wbr/>停电 ")
    assert "12月3日" in power["text"].split(WORD_BREAK) or "<wbr/>12月3日" in power["text"]
    assert not [loc for loc, d in docs.items() if "全部<wbr/>通知" in d["text"] and "/notices/" in f"/{loc}"]
    elevator = docs[f"notices/{ELEVATOR}/"]
    assert "3栋2单元" in elevator["title"].split(WORD_BREAK)


def _results(page, query: str) -> list[tuple[str, str, str]]:
    """Type ``query`` into the search box; ``[(notice ID or page path, result text, result
    HTML)]`` of the results shown, best first."""
    page.fill("input.md-search__input", query)  # Chinese text arrives as an IME would insert it
    page.press("input.md-search__input", "End")  # Material searches on keyup
    page.wait_for_function("""q => {
        const m = document.querySelector('.md-search-result__meta');
        return document.querySelector('input.md-search__input').value === q && m &&
               /\\d/.test(m.textContent); }""", arg=query, timeout=15000)
    page.wait_for_timeout(150)
    items = page.eval_on_selector_all(".md-search-result__item", """els => els.map(e => [
        e.querySelector('a').getAttribute('href').split('?')[0], e.innerText, e.innerHTML])""")
    out = []
    for href, text, html in items:
        path = href.split("127.0.0.1", 1)[-1].split("/", 1)[-1]
        out.append((path.split("notices/")[1].strip("/") if "notices/" in path else path, text, html))
    return out


@browser_only
def test_search_finds_buildings_units_dates_and_kinds(example_build, browser):
    """3栋, 3栋停电 and 12月3日 find the 1–3栋 power cut (3栋停电 and 12月3日 first); 3栋2单元
    finds the lift works of that unit first; 1栋 does not find 10栋's notice nor 10栋 the
    1–3栋 one; results show the kind and date and no invisible character, and pass axe-core."""
    from axe_playwright_python.sync_playwright import Axe
    root, _ = example_build
    with served(root / "site") as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(url)
        page.click("label.md-header__button[for=__search]")  # the magnifier of a phone-sized page
        page.wait_for_function("""() => {
            const m = document.querySelector('.md-search-result__meta');
            return m && m.textContent.trim() && !m.textContent.includes('初始化'); }""", timeout=15000)
        found = {q: _results(page, q) for q in ("12月", "3栋", "3栋2单元", "1栋", "10栋", "12月3日", "3栋停电")}
        # the results as shown (found words, kind and date tags, count line) are readable too
        bad = _serious(Axe().run(page))
        page.close()
    assert bad == [], bad
    ids = {q: [r[0] for r in rs] for q, rs in found.items()}
    assert POWER in ids["3栋"] and ELEVATOR in ids["3栋"]
    assert ids["3栋停电"][0] == POWER
    assert ids["12月3日"][0] == POWER
    assert ids["3栋2单元"][0] == ELEVATOR
    assert POWER in ids["1栋"] and POWER_10 not in ids["1栋"]
    assert POWER_10 in ids["10栋"] and POWER not in ids["10栋"]
    assert POWER in ids["12月"] and "N-2026-1127-water" in ids["12月"]
    power = next(r for r in found["3栋停电"] if r[0] == POWER)
    assert "计划停电" in power[1] and "2026年12月3日 周四" in power[1]
    assert "全部通知" not in power[1]
    for rs in found.values():
        for _, text, html in rs:
            assert not INVISIBLE.search(text) and not INVISIBLE.search(html)


#: the pages occupants use; ``buildings/*/``: the first building page (``/buildings/<building>/``,
#: by name; 3栋's when there is one), skipped while the site has none
A11Y_PAGES = ["", f"notices/{POWER}/", "outages/", "buildings/*/", "surveys/"]


@pytest.fixture(scope="module")
def a11y_site(example_build, browser):
    """(site folder, base URL, one phone-sized page with axe-core at hand) for the module."""
    from axe_playwright_python.sync_playwright import Axe
    root, _ = example_build
    with served(root / "site") as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        yield root / "site", url, page, Axe()
        page.close()


def _serious(result) -> list[tuple]:
    """The serious and critical violations of an axe-core run: ``(impact, rule, help, first
    three targets)``."""
    return [(v["impact"], v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@browser_only
@pytest.mark.parametrize("path", A11Y_PAGES)
def test_page_passes_axe(a11y_site, path):
    site, url, page, axe = a11y_site
    if "*" in path:
        found = sorted(site.glob(f"{path}index.html"), key=lambda p: (p.parent.name != "3栋", p.parent.name))
        if not found:
            pytest.skip(f"the site has no {path} page")
        path = found[0].parent.relative_to(site).as_posix() + "/"
    assert (site / path / "index.html").exists(), path
    page.goto(url + quote(path))
    assert _serious(axe.run(page)) == []
    assert page.get_attribute("html", "lang") == "zh"
