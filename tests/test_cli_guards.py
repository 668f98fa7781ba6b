"""Guard rails on the command line: copy refuses red-line blocks, import and team publish list red-line hits, and
commands that change the library need the supervisor PIN once one is set."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.core import pin
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("CSDESK_HOME", raising=False)
    monkeypatch.delenv("CSDESK_PIN", raising=False)
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        lib.create(EntryDraft(reply="亲,有问题加我微信聊,好评返现5元", title="站外", code="wx1"))
        lib.create(EntryDraft(reply="您好{客户昵称},全网最低价", title="带占位符", code="zd1"))
        lib.create(EntryDraft(reply="您好,马上为您处理", title="正常", code="ok1"))
    return home


@pytest.fixture
def clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    return copied


def run(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


def usage(home: Path) -> list[tuple[str, str]]:
    with Library.open(home) as lib:
        return [
            (r["action"], r["note"])
            for r in lib.database.all("SELECT action, note FROM usage_log ORDER BY id")
        ]


# --- copy ---


def test_copy_refuses_a_block_and_lists_the_hits(
    home: Path, clipboard: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "copy", "wx1") == 1
    err = capsys.readouterr().err
    assert "加我微信" in err and "好评返现" in err and "--override" in err
    assert clipboard == [] and usage(home) == []


def test_copy_with_override_copies_and_logs_the_reason(
    home: Path, clipboard: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "copy", "wx1", "--override", "主管同意发给老客户") == 0
    assert clipboard and "微信" in clipboard[0]
    assert usage(home) == [("override", "主管同意发给老客户")]
    assert run(home, "copy", "wx1", "--override", "   ") == 1  # a blank reason is no reason


def test_copy_block_comes_before_the_missing_values(
    home: Path, clipboard: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "copy", "zd1") == 1
    assert "全网最低" in capsys.readouterr().err
    assert run(home, "copy", "zd1", "--override", "测试") == 2  # then the missing {客户昵称}
    assert "客户昵称" in capsys.readouterr().err


def test_copy_of_a_clean_reply_is_logged_as_a_copy(home: Path, clipboard: list[str]) -> None:
    assert run(home, "copy", "ok1") == 0
    assert usage(home) == [("copy", "")]


def test_whether_copy_checks_is_a_supervisor_setting(
    home: Path, clipboard: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(home) as lib:
        pin.set_pin(lib, "2468")
    assert run(home, "config", "copy_checks_red_lines", "0") == 2  # an agent cannot switch it off
    assert "PIN" in capsys.readouterr().err
    assert run(home, "copy", "wx1") == 1
    monkeypatch.setenv("CSDESK_PIN", "2468")
    assert run(home, "config", "copy_checks_red_lines", "0") == 0
    assert run(home, "copy", "wx1") == 0 and clipboard
    assert run(home, "config", "copy_checks_red_lines", "maybe") == 2
    assert "1/0" in capsys.readouterr().err


# --- import and team publish ---


def red_csv(tmp_path: Path) -> Path:
    table = tmp_path / "rows.csv"
    table.write_text(
        '标题,回复\n普通,"您好,已为您备注"\n引流,"加 微 信 详聊"\n夸大,"这款是国家级工艺,销量第一"\n',
        encoding="utf-8-sig",
    )
    return table


def test_import_dry_run_lists_red_lines_and_counts_them(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "import", str(red_csv(tmp_path)), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "2 条含红线词" in out
    lines = [line for line in out.splitlines() if "[红线]" in line]
    assert any("第 3 行" in x and "「引流」" in x and "回复" in x and "加 微 信" in x for x in lines), lines
    assert any("第 4 行" in x and "国家级" in x and "规则 国家级" in x for x in lines), lines
    assert any("第 4 行" in x and "销量第一" in x for x in lines), lines
    assert not any("「普通」" in x for x in lines)
    with Library.open(home) as lib:
        assert lib.entries.count() == 3  # nothing written


def test_import_lists_red_lines_before_writing_and_a_terminal_may_decline(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import sys

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    asked: list[str] = []

    def answer(prompt: str = "") -> str:
        with Library.open(home) as lib:
            asked.append(f"{prompt} entries={lib.entries.count()}")  # nothing written while asking
        return "n"

    monkeypatch.setattr(builtins, "input", answer)
    assert run(home, "import", str(red_csv(tmp_path))) == 2
    captured = capsys.readouterr()
    assert asked and "entries=3" in asked[0]
    assert "[红线]" in captured.out and "已取消" in captured.err
    with Library.open(home) as lib:
        assert lib.entries.count() == 3
    monkeypatch.setattr(builtins, "input", lambda prompt="": "y")
    assert run(home, "import", str(red_csv(tmp_path))) == 0
    out = capsys.readouterr().out
    assert out.index("[红线]") < out.index("新增")


def test_import_report_counts_red_lines_in_english(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "en")
    assert run(home, "import", str(red_csv(tmp_path))) == 0
    out = capsys.readouterr().out
    assert "2 with red-line words" in out and "[red line] row 3 '引流'" in out


def test_team_publish_lists_red_lines_before_publishing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "team"
    assert run(home, "team", "publish", str(folder)) == 0
    out = capsys.readouterr().out
    assert "「站外」" in out and "加我微信" in out and "「带占位符」" in out
    assert "2 条话术含红线词" in out
    assert out.index("[红线]") < out.index("已发布")


# --- the supervisor PIN ---


@pytest.fixture
def locked(home: Path) -> Path:
    with Library.open(home) as lib:
        pin.set_pin(lib, "1357")
    return home


def test_import_needs_the_pin_and_changes_nothing_without_it(
    locked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = red_csv(tmp_path)
    assert run(locked, "import", str(table)) == 2
    assert "PIN" in capsys.readouterr().err
    assert run(locked, "import", str(table), "--dry-run") == 0  # a preview changes nothing: open
    monkeypatch.setenv("CSDESK_PIN", "0000")
    assert run(locked, "import", str(table)) == 2
    err = capsys.readouterr().err
    assert "不正确" in err and "1 秒" in err
    with Library.open(locked) as lib:
        assert lib.entries.count() == 3
    assert run(locked, "import", str(table)) == 2  # the wait holds, as in the GUI: not even checked
    assert "过多" in capsys.readouterr().err


def test_the_right_pin_from_the_environment_unlocks(
    locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSDESK_PIN", "1357")
    assert run(locked, "import", str(red_csv(tmp_path))) == 0
    with Library.open(locked) as lib:
        assert lib.entries.count() == 6


def test_team_publish_and_supervisor_settings_need_the_pin(
    locked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(locked, "team", "publish", str(tmp_path / "team")) == 2
    assert not (tmp_path / "team" / "library.csdesk").exists()
    assert run(locked, "config", "team_folder", str(tmp_path)) == 2
    assert run(locked, "config", "max_asset_bytes", "100") == 2
    capsys.readouterr()
    # reading and the agent's own name stay open
    assert run(locked, "config", "agent_name", "小美") == 0
    assert run(locked, "config") == 0
    assert run(locked, "search", "处理") == 0
    assert run(locked, "show", "ok1") == 0
    assert run(locked, "check", "您好") == 0
    assert run(locked, "export", str(tmp_path / "out.xlsx")) == 0
    assert run(locked, "info") == 0
    assert run(locked, "team", "status", str(tmp_path)) == 0


def test_shop_commands_need_the_pin_and_listing_does_not(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(locked, "shop", "list") == 0  # reading stays open
    assert run(locked, "shop", "add", "新开的店") == 2
    assert "PIN" in capsys.readouterr().err
    with Library.open(locked) as lib:
        assert "新开的店" not in [s.name for s in lib.shops.all()]
    monkeypatch.setenv("CSDESK_PIN", "1357")
    assert run(locked, "shop", "add", "新开的店", "--platform", "淘宝") == 0
    with Library.open(locked) as lib:
        assert lib.shops.get("新开的店").platform == "淘宝"


def test_the_prompt_asks_on_a_terminal(locked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass
    import sys

    asked: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return "1357"

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert run(locked, "config", "max_asset_bytes", "5000000") == 0
    assert asked and "PIN" in asked[0]


# --- what reaches the customer ---


def test_a_date_is_asked_and_today_is_one_word(
    home: Path, clipboard: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    with Library.open(home) as lib:
        lib.create(EntryDraft(reply="仓库已经在{日期}签收,今天({今天})会退款", title="签收", code="qs1"))
    assert run(home, "copy", "qs1") == 2  # {日期} is not filled with today unasked
    err = capsys.readouterr().err
    assert "日期" in err and "--set 日期=今天" in err
    assert run(home, "copy", "qs1", "--set", "日期=今天") == 0
    today = date.today().isoformat()
    assert clipboard[-1] == f"仓库已经在{today}签收,今天({today})会退款"
    assert run(home, "copy", "qs1", "--set", "日期=3月1日") == 0
    assert clipboard[-1].startswith("仓库已经在3月1日签收")


def test_editor_name_is_its_own_setting(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "config", "editor_name", "主管-林") == 0
    assert run(home, "config", "agent_name") == 0
    assert capsys.readouterr().out.strip().endswith("")  # agent_name untouched
    with Library.open(home) as lib:
        assert lib.setting("agent_name") is None and lib.agent == "主管-林"


# --- 千牛 CSV export ---


@pytest.fixture
def two_shops(home: Path) -> Path:
    with Library.open(home) as lib:
        lib.shops.add("甲店", "淘宝")
        lib.shops.add("乙店", "天猫")
        lib.create(EntryDraft(reply="{客户昵称}您好,欢迎来{店铺名}😊", code="hy", shop="甲店", title="欢迎"))
        lib.create(EntryDraft(reply="乙店的话 • 含 CO₂ 检测", code="yd", shop="乙店", title="乙"))
    return home


def test_qianniu_csv_is_one_strict_gbk_file_per_shop(
    two_shops: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "qn.csv"
    assert run(two_shops, "export", str(target), "--format", "qianniu") == 0
    captured = capsys.readouterr()
    first, second = tmp_path / "qn-甲店.csv", tmp_path / "qn-乙店.csv"
    assert str(first) in captured.out and str(second) in captured.out and not target.exists()
    a = first.read_bytes().decode("gbk")  # a strict GBK reader
    b = second.read_bytes().decode("gbk")
    assert "欢迎来甲店" in a and "乙店的话" not in a and "wx1" in a  # 通用 entries go into every file
    assert "乙店的话 · 含 CO2 检测" in b and "欢迎来" not in b
    assert "😊" not in a
    err = captured.err
    assert "😊" in err and "₂" in err and "•" in err  # the replaced characters are listed
    assert "{客户昵称}" in err and "「欢迎」" in err  # placeholders 千牛 cannot fill are named


def test_qianniu_csv_for_one_shop(two_shops: Path, tmp_path: Path) -> None:
    target = tmp_path / "jia.csv"
    assert run(two_shops, "export", str(target), "--format", "qianniu", "--shop", "甲店") == 0
    assert target.exists() and "欢迎来甲店" in target.read_bytes().decode("gbk")
    assert not (tmp_path / "jia-乙店.csv").exists()
