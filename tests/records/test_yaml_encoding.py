"""Files saved by Windows editors: UTF-8 with BOM loads; GBK/GB18030 and UTF-16 are rejected
with the re-save instructions (decision: not decoded silently, see hcomm_gen.records.yamlsrc)."""
from __future__ import annotations

from click.testing import CliRunner
from helpers import make_office

from hcomm_gen.cli import main
from hcomm_gen.records.yamlsrc import decode, load_file

TEXT = "id: N-1\ntitle: 关于清洗水箱临时停水的通知\n"


def test_utf8_with_bom_loads(tmp_path):
    p = tmp_path / "n.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    doc, problems = load_file(p, "n.yaml")
    assert problems == [] and doc.data == {"id": "N-1", "title": "关于清洗水箱临时停水的通知"}
    assert doc.positions[("title",)] == (2, 8)


def test_gbk_is_detected_with_resave_hint():
    raw = TEXT.encode("gbk")
    text, problems = decode(raw, "n.yaml")
    assert text is None
    [p] = problems
    assert (p.rule, p.pos.line) == ("YAML-ENCODING", 2)
    assert "GBK" in p.zh and "另存为" in p.zh and "UTF-8" in p.zh
    assert "GBK" in p.en and "Save as" in p.en


def test_gb18030_only_characters_are_named_too():
    raw = "id: N-1\ntitle: 𠮷\n".encode("gb18030")
    _, [p] = decode(raw, "n.yaml")
    assert p.rule == "YAML-ENCODING" and "GB18030" in p.zh


def test_utf16_is_named():
    _, [p] = decode(TEXT.encode("utf-16"), "n.yaml")
    assert p.rule == "YAML-ENCODING" and "UTF-16" in p.zh


def test_gbk_file_in_check_output(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n.yaml": TEXT.encode("gbk")})
    res = CliRunner().invoke(main, ["--root", str(root), "check", "--now", "2026-04-10 12:00"])
    assert res.exit_code == 1
    assert "records/notices/2026/n.yaml:2:" in res.output and "YAML-ENCODING (格式)" in res.output


def test_gbk_bytes_that_are_also_valid_utf8_are_caught():
    # "停水通知" in GBK is CD A3 CB AE CD A8 D6 AA: valid UTF-8 for 'ͣˮ֪ͨ' (Greek/Hebrew letters)
    raw = "id: N-9\ntitle: 停水通知\n".encode("gbk")
    assert "停" not in raw.decode("utf-8")  # decodes without error, as garbage
    text, [p] = decode(raw, "n.yaml")
    assert text is None and (p.rule, p.pos.line, p.pos.column) == ("YAML-ENCODING", 2, 8)
    assert "GBK" in p.zh and "另存为" in p.zh


def test_utf8_with_latin_signs_is_not_mistaken_for_gbk():
    for text in ("id: N-1\ntitle: 气温 −5 °C，注意防冻\n", "id: N-1\nnote: café × 2\n"):
        assert decode(text.encode("utf-8"), "n.yaml") == (text, [])
