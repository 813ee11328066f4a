"""Issue 15, items 1 and 7: no text of a record reaches a page, a feed or an occupant's browser
as markup. The example community is built with a hostile text (a Markdown link to
``javascript:``, a ``<script>``, an ``<img onerror>``, an emphasis) in every community field and
every text field of a notice, a meeting and a survey measure; then every built page is parsed
and every feed description rendered as its format says, and no element, attribute or link
comes from the records. The text must still read as typed."""
from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from hcomm_gen.app import pipeline

# the inputs: the community name of item 1 and the hotline link of item 7
NAME = "h小区<script>alert(1)</script>"
LINK = "[点此](javascript:alert(2))"
EVIL = f"{LINK}<script>alert(3)</script><img src=x onerror=alert(4)>*重要*"
NOW = "2026-12-04 12:00"


def _hostile_office(root: Path, repo: Path) -> None:
    shutil.copytree(repo / "records", root / "records")
    rec = root / "records"
    com = rec / "community.yaml"
    text = com.read_text(encoding="utf-8")
    text = text.replace("name: h小区\n", f"name: '{NAME}'\n", 1)
    text = text.replace("hotline: 0571-8888 6666", f"hotline: '0571-8888 6666 {LINK}'")
    for field in ("address", "hours", "place"):
        text = re.sub(rf"^(\s+{field}: )(.*)$", lambda m: f"{m.group(1)}'{m.group(2)} {EVIL}'", text,
                      count=1, flags=re.M)
    text = text.replace("name: h小区管理处", f"name: 'h小区管理处{EVIL}'")
    com.write_text(text, encoding="utf-8")
    # a publicity notice in effect with hostile text in every text field
    (rec / "notices/2026/2026-12-01-hostile.yaml").write_text(yaml.safe_dump({
        "id": "N-2026-1201-hostile", "kind": "publicity", "title": f"冬季防火{EVIL}",
        "published": "2026-12-01 09:00", "areas": ["全体业户"], "channels": ["宣传栏"],
        "body": f"正文{EVIL}\n第二段{LINK}", "actions": f"1. 做法{EVIL}",
        "period": f"冬季{EVIL}",
    }, allow_unicode=True), encoding="utf-8")
    meeting = sorted((rec / "meetings/2026").glob("*.yaml"))[-1]
    mt = meeting.read_text(encoding="utf-8")
    mt = re.sub(r"^place: (.*)$", lambda m: f"place: '{m.group(1)}{EVIL}'", mt, count=1, flags=re.M)
    meeting.write_text(mt, encoding="utf-8")


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _markup_from_records(page: str) -> list[str]:
    """What of the hostile texts became markup in ``page`` (HTML)."""
    p = _Tags()
    p.feed(page)
    found = []
    for tag, attrs in p.tags:
        for k, v in attrs.items():
            if k.startswith("on") or (v or "").strip().lower().startswith("javascript:"):
                found.append(f"<{tag} {k}={v!r}>")
        if tag == "img" and attrs.get("src") == "x":
            found.append("<img src=x>")
    found += [f"<script>{s[:40]}" for s in p.scripts if "alert(" in s]
    if "<em>重要</em>" in page:  # Markdown emphasis typed in a record
        found.append("<em>重要</em>")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, repo):
    root = tmp_path_factory.mktemp("hostile") / "office"
    _hostile_office(root, repo)
    result = pipeline.build(root, NOW, prints=False)
    assert result.site_dir, [p.format() for p in result.check.blocking]
    return root / "site"


def test_no_page_carries_markup_from_a_record(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    bad = {str(p.relative_to(hostile_site)): f for p in pages if (f := _markup_from_records(p.read_text("utf-8")))}
    assert bad == {}


def test_the_community_name_reads_as_typed_in_title_header_label_and_link(hostile_site):
    page = (hostile_site / "index.html").read_text("utf-8")
    p = _Tags()
    p.feed(page)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html.unescape(title) == f"首页 - {NAME}公告栏"
    labels = [a.get("aria-label") for t, a in p.tags if a.get("aria-label") and "h小区" in a.get("aria-label")]
    assert labels and all(NAME in label for label in labels)
    links = [a["title"] for t, a in p.tags if t == "link" and a.get("title")]
    assert links and all(t.startswith(NAME) for t in links)
    assert "<script>alert(1)</script>" not in page  # only ever as text (&lt;script&gt;)


def test_markdown_in_a_community_field_shows_as_typed(hostile_site):
    # item 7: the hotline of the improvement announcement page (整改公示)
    ann = next(hostile_site.glob("surveys/*/announcement/index.html"), None) or \
        next(p for p in hostile_site.rglob("*.html") if "整改公示" in p.read_text("utf-8") and "电话" in p.read_text("utf-8"))
    text = ann.read_text("utf-8")
    assert 'href="javascript:' not in text
    assert "[点此](javascript:alert(2))" in html.unescape(re.sub(r"<[^>]+>", "", text))


def _descriptions(root: ET.Element) -> list[str]:
    return [d.text or "" for d in root.iter("description")]


def test_rss_descriptions_render_typed_markup_as_text(hostile_site):
    root = ET.parse(hostile_site / "rss.xml").getroot()
    descs = [d for d in _descriptions(root) if "冬季防火" in d or "正文" in d]
    assert descs
    for d in descs:
        # an RSS reader renders the description as HTML: the typed tags must stay text
        assert _markup_from_records(d) == [], d
        assert "<img" not in d and "<script" not in d
        assert "<img src=x" in html.unescape(d)


def test_atom_entries_render_typed_markup_as_text(hostile_site):
    A = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(hostile_site / "feed.xml").getroot()
    for e in root.iter(A + "entry"):
        for el in (e.find(A + "summary"), e.find(A + "content"), e.find(A + "title")):
            if el is None or not el.text:
                continue
            if el.get("type") == "html":
                assert _markup_from_records(el.text) == [], el.text
                assert "<img" not in el.text and "<script" not in el.text
