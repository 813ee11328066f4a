"""The command line in Chinese by default, English with --lang en or HCOMM_LANG=en (issue 12
item 5): click's own messages and our help texts through the gettext catalogue
(hcomm_gen/cli/i18n.py), and every help text of the command tree translated."""
from __future__ import annotations

import gettext
import importlib.util
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hcomm_gen.cli import i18n, main
from hcomm_gen.cli.base import HcommGroup

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env or {"HCOMM_LANG": ""}, prog_name="hcomm")


def test_help_is_chinese_by_default_and_english_with_lang_en():
    zh = run("--help")
    assert zh.exit_code == 0
    assert zh.output.startswith("用法： hcomm [OPTIONS] COMMAND [ARGS]...")
    assert "选项:" in zh.output and "命令:" in zh.output
    assert "  -h, --help        显示这份说明并退出。\n" in zh.output
    assert "  check        按规程检查全部记录（或只检查 PATHS 指定的文件和文件夹）\n" in zh.output
    for args in (["--lang", "en", "--help"], ["--help", "--lang", "en"], ["--lang=en", "--help"]):
        en = run(*args)
        assert en.output.startswith("Usage: hcomm [OPTIONS] COMMAND [ARGS]..."), args
        assert "  -h, --help        Show this message and exit.\n" in en.output
        assert "  check        Check every record (or only PATHS) against the procedure's...\n" in en.output
    assert run("--help", env={"HCOMM_LANG": "en"}).output.startswith("Usage: hcomm")
    en_us = run("chek", env={"HCOMM_LANG": "en_US.UTF-8"})  # written like LANG
    assert en_us.stderr.splitlines()[-1] == "Error: No such command 'chek'. (Did you mean one of: 'check', 'schema'?)"
    # --lang wins over the environment variable
    assert run("--lang", "zh", "--help", env={"HCOMM_LANG": "en"}).output.startswith("用法：")


def test_a_command_help_and_its_options_are_translated():
    zh = run("check", "--help")
    assert "按规程检查全部记录" in zh.output
    assert re.search(r"--strict +有警告也算不通过（退出码 1）。", zh.output)
    en = run("--lang", "en", "check", "--help")
    assert re.search(r"--strict +Fail \(exit 1\) on warnings too\.", en.output)


def test_no_such_command_says_did_you_mean_in_chinese():
    zh = run("chek")
    assert zh.exit_code == 2
    assert zh.stderr.splitlines() == ["用法： hcomm [OPTIONS] COMMAND [ARGS]...",
                                      "输入 'hcomm --help' 查看说明。", "",
                                      "错误：没有命令 'chek'。 您是不是要输入 'check', 'schema'？"]
    en = run("--lang", "en", "chek")
    assert en.exit_code == 2
    assert en.stderr.splitlines()[-1] == "Error: No such command 'chek'. (Did you mean one of: 'check', 'schema'?)"


def test_unknown_option_missing_and_invalid_values():
    zh = run("check", "--bogus")
    assert zh.exit_code == 2
    assert zh.stderr.splitlines()[-1] == "错误：没有选项 '--bogus'。"
    assert run("--lang", "en", "check", "--bogus").stderr.splitlines()[-1] == "Error: No such option '--bogus'."
    assert run("visits", "plan").stderr.splitlines()[-1] == "错误：缺少选项 '--month'."
    assert run("--lang", "fr", "check").stderr.splitlines()[-1] == \
        "错误：'--lang' 的取值不对：'fr' 不是可选的值，请写其中之一：'zh', 'en'。"
    assert run("check", "--now").stderr.splitlines()[-1] == "错误：选项 '--now' 后面要写 1 个值。"


def test_an_untranslated_help_text_shows_as_written():
    """A command added without a catalogue entry still shows its (English) help."""
    grp = HcommGroup("demo")

    @grp.command()
    @click.option("--flag", is_flag=True, help="A flag nobody translated yet.")
    def hello(flag):
        """Say hello; nobody translated this either."""

    i18n.set_lang("zh")
    try:
        out = CliRunner().invoke(grp, ["--help"]).output
        assert "  hello  Say hello; nobody translated this either." in out
        assert out.startswith("用法：")
        sub = CliRunner().invoke(grp, ["hello", "--help"]).output
        assert "--flag  A flag nobody translated yet." in sub
    finally:
        i18n.set_lang("en")


def test_lang_of_args():
    assert i18n.lang_of_args(["--lang", "en", "check"], {}) == "en"
    assert i18n.lang_of_args(["check"], {"HCOMM_LANG": "en_US.UTF-8"}) == "en"
    assert i18n.lang_of_args(["check"], {}) == "zh"
    assert i18n.lang_of_args(["--", "--lang", "en"], {}) == "zh"


def _i18n_script():
    spec = importlib.util.spec_from_file_location("hcomm_i18n_script", ROOT / "scripts" / "i18n.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_message_of_the_command_line_has_a_chinese_translation():
    """Every help text of the command tree, every _() text of hcomm_gen/cli and click's own
    messages are translated in hcomm.po: a new string cannot go untranslated silently
    (README "Translating the command line" says how to add it)."""
    pytest.importorskip("babel")
    assert _i18n_script().missing() == []


def test_the_compiled_catalogue_matches_the_po_file():
    """hcomm.mo (what hcomm reads) was compiled from the current hcomm.po."""
    from babel.messages.pofile import read_po
    with (i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "hcomm.po").open("rb") as fh:
        po = read_po(fh)
    mo = gettext.translation(i18n.DOMAIN, str(i18n.LOCALE_DIR), ["zh"])
    for m in po:
        if not m.id or not m.string:
            continue
        if isinstance(m.id, tuple):
            assert mo.ngettext(m.id[0], m.id[1], 2) == m.string[0], m.id
        else:
            assert mo.gettext(m.id) == m.string, m.id


def test_chinese_help_is_wrapped_by_display_width():
    """A Chinese paragraph is wrapped at the terminal's width in columns (2 per character),
    never left as one line twice as wide; options stay aligned."""
    for args in (["--help"], ["visits", "plan", "--help"], ["survey", "import", "--help"], ["check", "--help"]):
        out = run(*args).output
        assert max(i18n.width(line) for line in out.splitlines()) <= 80, (args, out)
    plan = run("visits", "plan", "--help").output
    assert "  --pdf FILE             同时把空白的业户访问记录表（每户一页，内部用）写到这个\n" in plan
    assert "                         PDF；没有默认值" in plan
    assert "相同。\n                         [默认：0]\n" in plan  # no line ends with [
    assert i18n.wrap_wide("一二三四五，六七", 10) == ["一二三四", "五，六七"]  # no line starts with ，
    assert i18n.wrap_wide("一二三四（五）。六", 10) == ["一二三四", "（五）。六"]  # nor ends with （
    assert i18n.wrap_wide("zh 中文 en", 7, "", "  ") == ["zh 中文", "  en"]
