"""What a tester found on the new commands of issues 11 and 12 (share, publish, init, the
building pages, HCOMM_LANG, the survey CSV): each is now a located message or a usage error,
never exit 4 (internal error) nor a site that cannot be built."""
from __future__ import annotations

from click.testing import CliRunner

from hcomm_gen.cli import main
from hcomm_gen.outputs.survey import inert_cell
from tests.helpers import COMMUNITY, HOUSEHOLDS, OUTAGE, line_of, make_office

NOW = "2026-03-02 12:00"


def run(root, *args, env=None):
    return CliRunner().invoke(main, ["--root", str(root), *args], env=env)


def test_a_line_break_in_a_name_or_title_is_an_error_at_its_line_not_a_failed_build(tmp_path):
    # "h小区\n二期" once passed check and made every build fail (exit 4) in the calendar's name
    community = COMMUNITY.replace("name: 测试小区\n", 'name: "测试小区\\n二期"\n')
    households = HOUSEHOLDS.replace("{building: 2栋, units: [1单元]}", '{building: "2栋\\n北", units: [1单元]}')
    notice = OUTAGE.replace("title: 停水通知", 'title: "停水通知\\n    缩进"')
    root = make_office(tmp_path, {"notices/2026/n1.yaml": notice}, community=community, households=households)
    res = run(root, "check", "--now", NOW)
    assert res.exit_code == 1, res.output
    assert f"community.yaml:{line_of(community, 'name:')}:7: 错误 RECORD-FIELD" in res.output
    assert "“测试小区⏎二期”里有换行：名称和标题只能写一行" in res.output
    assert f"households.yaml:{line_of(households, '2栋')}:" in res.output and "“2栋⏎北”里有换行" in res.output
    assert f"n1.yaml:{line_of(notice, 'title:')}:8: 错误 RECORD-FIELD" in res.output
    res = run(root, "build", "--now", NOW, "--no-pdf")
    assert res.exit_code == 1 and "内部错误" not in res.output


def test_init_refuses_a_name_with_a_line_break_and_writes_nothing(tmp_path):
    res = CliRunner().invoke(main, ["init", str(tmp_path / "o"), "--name", "阳光\n第二行", "--buildings", "1-2",
                                    "--units", "1", "--yes", "--no-git"])
    assert res.exit_code == 2 and "小区名称“阳光…”里有换行" in res.output
    assert not (tmp_path / "o").exists()


def test_an_out_folder_that_cannot_be_made_is_exit_3_and_nothing_is_written(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    res = run(root, "share", "N-1", "--now", NOW, "--out", str(tmp_path / "afile/sub"))
    assert res.exit_code == 3, res.output
    assert "路径中有一段是文件，不是文件夹" in res.output and "内部错误" not in res.output
    res = run(root, "schema", "--out", str(tmp_path / "afile/sub"))
    assert res.exit_code == 3 and "内部错误" not in res.output
    # a folder where the picture goes: exit 3, and not the text alone (both or neither)
    (tmp_path / "sh/N-1.png").mkdir(parents=True)
    res = run(root, "share", "N-1", "--now", NOW, "--out", str(tmp_path / "sh"))
    assert res.exit_code == 3 and "这里已有一个同名的文件夹" in res.output, res.output
    assert sorted(p.name for p in (tmp_path / "sh").iterdir()) == ["N-1.png"]


def test_publish_refuses_other_addresses_and_a_bad_endpoint_without_writing(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    assert run(root, "build", "--now", NOW, "--no-pdf").exit_code == 0
    for target in ("oss://bucket/p", "http://x/y", "ftp://x"):
        res = run(root, "publish", target)
        assert res.exit_code == 2 and "只支持文件夹" in res.output, (target, res.output)
    assert not (root / "oss:").exists() and not (root / "http:").exists()
    res = run(root, "publish", "S3://bucket/p", "--endpoint", "not a url",
              env={"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"})
    assert res.exit_code == 2 and "对象存储的服务地址“not a url”不对" in res.output, res.output


def test_hcomm_lang_set_for_another_program_falls_back_to_chinese(tmp_path):
    root = make_office(tmp_path, {"notices/2026/n1.yaml": OUTAGE})
    for value in ("xx", "fr_FR.UTF-8", "C"):
        res = run(root, "check", "--now", NOW, env={"HCOMM_LANG": value})
        assert res.exit_code == 0 and "检查了" in res.output, (value, res.output)
    assert run(root, "--lang", "xx", "check").exit_code == 2  # written on the command line: refused


def test_survey_csv_cells_never_run_as_formulas():
    assert inert_cell("=1+1") == "'=1+1"
    assert inert_cell("@SUM(A1)") == "'@SUM(A1)"
    assert inert_cell("+86 138") == "'+86 138"
    assert [inert_cell(c) for c in ("-16.4", "56.7%", "350", "保洁", "")] == ["-16.4", "56.7%", "350", "保洁", ""]


def test_a_long_building_name_gets_a_short_address():
    # 41 Han characters once made a 247-character slug: calendar-<slug>.ics was refused by the
    # file system (exit 3) and the whole site could not be published
    from hcomm_gen.domain.areas import building_slug
    long_a, long_b = "雅" * 40 + "楼", "雅" * 40 + "阁"
    assert building_slug("3栋") == "3" and building_slug("东楼栋") == "be4b89ce6a5bce6a08b"
    assert len(building_slug(long_a)) == 33 and building_slug(long_a).startswith("h")
    assert building_slug(long_a) != building_slug(long_b)
    assert building_slug("A" * 50).startswith("h") and len(building_slug("A" * 50)) == 33
