"""Record text is shown as typed: Markdown in a title, an item or a measure never becomes a
link, an image or an attribute on the public site (and HTML never becomes markup)."""
from __future__ import annotations

import html as html_module

from helpers import COMMUNITY, OUTAGE, make_office

from hcomm_gen.app import pipeline

EVIL = "冬季防火 [点此查看](javascript:alert(1)) {: onmouseover=alert(2) } ![img](https://evil.example/t.png)"


def test_markdown_in_record_text_is_inert(tmp_path):
    notice = OUTAGE.replace("title: 停水通知", f"title: '{EVIL}'")
    answers = "answers:\n" + "".join(f"  - {a}\n" for a in ["满不"] * 4 + ["不满"] * 2)
    rnd = ("round: 2026-03\ndelivered_on: 2026-03-02\ndelivered: 8\nunits: [1栋, 2栋]\n"
           "collection_end: 2026-03-10\nitems:\n  - {no: 1, topic: 保安, text: '门岗 [x](javascript:alert(3))'}\n"
           "  - {no: 2, topic: 保洁, text: 楼道清洁}\nanalysis_done: 2026-03-12\n"
           f"measures:\n  - {{item: 2, measure: '{EVIL}'}}\n  - {{item: 1, measure: 门岗增加一人}}\n"
           "announced: 2026-03-13\n")
    community_months = "survey_months: [3, 9]\n"
    root = make_office(tmp_path, {"notices/2026/n1.yaml": notice, "surveys/2026-03/round.yaml": rnd,
                                  "surveys/2026-03/answers.yaml": answers},
                       community=COMMUNITY + community_months)
    result = pipeline.build(root, "2026-03-14 12:00", prints=False)
    assert not result.check.errors, [p.format() for p in result.check.errors]
    for page in (root / "site/notices/N-1/index.html", root / "site/surveys/2026-03-announcement/index.html"):
        html = page.read_text(encoding="utf-8")
        assert 'href="javascript' not in html, page
        assert 'onmouseover="' not in html, page
        assert '<img src="https://evil' not in html, page
    html = (root / "site/notices/N-1/index.html").read_text(encoding="utf-8")
    text = html_module.unescape(html)  # as typed, once the page's character references are read
    assert "[点此查看](javascript:alert(1))" in text and "{: onmouseover=alert(2) }" in text
