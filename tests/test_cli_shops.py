"""The command line, second pass: shops from the CLI, import into a new shop, help on every argument, copy by
variant number, and the hints a first-week user needs (--shop for {店铺名}, what an empty search lists)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from csdesk.cli import build_parser, main
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("CSDESK_HOME", raising=False)
    return tmp_path / "home"


def run(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


def _walk(parser: argparse.ArgumentParser, path: str = "csdesk") -> list[tuple[str, argparse.Action]]:
    found: list[tuple[str, argparse.Action]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, child in action.choices.items():
                found.append((f"{path} {name}", argparse.Action([name], name, help=helps.get(name))))
                found += _walk(child, f"{path} {name}")
        else:
            found.append((path, action))
    return found


@pytest.mark.parametrize("language", ["zh_CN", "en_US"])
def test_every_argument_of_every_subcommand_has_help(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    monkeypatch.setenv("CSDESK_LANG", language)
    actions = _walk(build_parser())
    missing = [
        f"{where}: {'/'.join(a.option_strings) or a.dest}"
        for where, a in actions
        if not (a.help or "").strip() or a.help == argparse.SUPPRESS
    ]
    assert missing == []
    names = {where for where, _a in actions}
    assert {"csdesk shop add", "csdesk import", "csdesk copy", "csdesk search", "csdesk check"} <= names


@pytest.mark.parametrize(("language", "words"), [("zh_CN", ("更新", "回收站", "只新增")),
                                                 ("en_US", ("updates", "trash", "only adds"))])  # fmt: skip
def test_import_help_explains_merge_replace_skip(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], language: str, words: tuple[str, ...]
) -> None:
    monkeypatch.setenv("CSDESK_LANG", language)
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    for word in ("merge", "replace", "skip", "--create-shop", *words):
        assert word in out


def test_shop_list_add_rename_platform_remove(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "shop", "list") == 0
    assert "栖木女装旗舰店\t天猫" in capsys.readouterr().out
    assert run(home, "shop", "add", "新开的店", "--platform", "拼多多") == 0
    assert "新开的店" in capsys.readouterr().out
    assert run(home, "shop", "platform", "新开的店", "抖店") == 0
    assert run(home, "shop", "rename", "新开的店", "二店") == 0
    capsys.readouterr()
    with Library.open(home) as lib:
        assert lib.shops.get("二店").platform == "抖店"
    assert run(home, "shop", "list") == 0
    assert "二店\t抖店\t0 条话术" in capsys.readouterr().out
    assert run(home, "shop", "remove", "二店") == 0
    assert "已删除" in capsys.readouterr().out
    with Library.open(home) as lib:
        assert "二店" not in [s.name for s in lib.shops.all()]


def test_shop_errors_are_clear_and_change_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "shop", "list") == 0
    before = capsys.readouterr().out
    assert run(home, "shop", "add", "栖木女装旗舰店") == 2
    assert "已存在" in capsys.readouterr().err
    assert run(home, "shop", "add", "  ") == 2
    assert "不能为空" in capsys.readouterr().err
    assert run(home, "shop", "rename", "通用", "公共") == 2
    assert "不能改名" in capsys.readouterr().err
    assert run(home, "shop", "rename", "没有的店", "x") == 2
    assert "没有名为「没有的店」的店铺" in capsys.readouterr().err
    assert run(home, "shop", "remove", "栖木女装旗舰店") == 2
    assert "还有" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:  # an action is required
        run(home, "shop")
    assert exited.value.code == 2
    capsys.readouterr()
    assert run(home, "shop", "list") == 0
    assert capsys.readouterr().out == before


def test_import_into_a_new_shop_needs_create_shop(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    espanso = str(FIXTURES / "espanso_package")
    assert run(home, "import", espanso, "--shop", "新店") == 2
    err = capsys.readouterr().err
    assert "--create-shop" in err and "新店" in err
    assert run(home, "import", espanso, "--shop", "新店", "--create-shop") == 0
    capsys.readouterr()
    with Library.open(home) as lib:
        assert lib.entries.all(shop="新店")
    assert (
        run(home, "import", str(FIXTURES / "qianniu_phrases_gbk.csv"), "--shop", "千牛店", "--create-shop")
        == 0
    )
    capsys.readouterr()
    with Library.open(home) as lib:
        assert lib.entries.all(shop="千牛店")


def test_create_shop_with_a_bad_file_creates_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02 not a table")
    assert run(home, "import", str(bad), "--shop", "坏文件店", "--create-shop") == 2
    assert run(home, "import", str(tmp_path / "missing.csv"), "--shop", "坏文件店", "--create-shop") == 2
    assert "不存在" in capsys.readouterr().err
    assert run(home, "import", str(FIXTURES / "espanso_package"), "--create-shop") == 2
    assert "--shop" in capsys.readouterr().err
    with Library.open(home) as lib:
        assert "坏文件店" not in [s.name for s in lib.shops.all()]


def test_copy_variant_by_number_name_or_id(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    with Library.open(home, demo=False) as lib:
        entry = lib.create(EntryDraft(reply="原话", title="变体测试", code="bt"))
        lib.variants.add(entry.id, "第一种说法", label="亲切")
        second = lib.variants.add(entry.id, "第二种说法", label="正式")
    assert run(home, "copy", "bt", "--variant", "1") == 0
    assert run(home, "copy", "bt", "--variant", "正式") == 0
    assert run(home, "copy", "bt", "--variant", second.id) == 0
    assert copied == ["第一种说法", "第二种说法", "第二种说法"]
    capsys.readouterr()
    assert run(home, "copy", "bt", "--variant", "3") == 2
    err = capsys.readouterr().err
    assert "没有变体「3」" in err and "1 亲切" in err and "2 正式" in err
    assert run(home, "show", "bt") == 0
    assert "变体 1 亲切" in capsys.readouterr().out


def test_copy_without_a_shop_suggests_the_shop_option(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    assert run(home, "copy", "hy", "--set", "客服名=小王") == 2
    err = capsys.readouterr().err
    assert "--shop" in err and "--set 店铺名" not in err and "栖木女装旗舰店" in err and copied == []
    assert run(home, "copy", "hy", "--shop", "栖木女装旗舰店", "--set", "客服名=小王") == 0
    assert copied and "栖木女装旗舰店" in copied[0]


def test_empty_search_says_it_lists_popular_entries(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(home, "search", "", "--limit", "3", "--json") == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 3 and "常用" in captured.err
    monkeypatch.setenv("CSDESK_LANG", "en_US")
    assert run(home, "search", "  ") == 0
    assert "popular entries" in capsys.readouterr().err
    assert run(home, "search", "尺码") == 0
    assert "popular" not in capsys.readouterr().err


def test_team_first_update_on_a_demo_home_from_the_cli(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supervisor, folder = tmp_path / "supervisor", tmp_path / "share"
    assert main(["--home", str(supervisor), "team", "publish", str(folder), "--note", "第一版团队话术"]) == 0
    with Library.open(home) as lib:  # the agent started once: demo content
        mine = lib.find("hy")
        lib.update(mine.id, reply="我改过的欢迎语")
    capsys.readouterr()
    assert (
        run(home, "team", "update", str(folder)) == 0
    )  # not a terminal: keeps the demo, says how to replace
    captured = capsys.readouterr()
    assert "--replace-demo" in captured.err
    assert "第一版团队话术" in captured.out and "新增" in captured.out
    assert "编码冲突「hy」" in captured.out and "csdesk team choose hy mine|team" in captured.out
    assert run(home, "team", "choose", "hy", "team") == 0
    assert "已记住" in capsys.readouterr().out
    with Library.open(home) as lib:
        assert lib.find("hy").origin == "team" and lib.find("bj").origin == "team"
        assert lib.get(mine.id).code == "" and lib.get(mine.id).reply == "我改过的欢迎语"
    assert run(home, "team", "choose", "nosuch", "mine") == 2
    assert "没有与团队条目冲突" in capsys.readouterr().err


def test_team_update_replace_demo_flag(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supervisor, folder = tmp_path / "supervisor", tmp_path / "share"
    assert main(["--home", str(supervisor), "team", "publish", str(folder)]) == 0
    with Library.open(supervisor) as lib:
        published = len(lib.entries.all())
    assert run(home, "team", "update", str(folder), "--replace-demo") == 0
    assert "移入回收站" in capsys.readouterr().out
    with Library.open(home) as lib:
        assert len(lib.entries.all()) == published and {e.origin for e in lib.entries.all()} == {"team"}


def test_import_progress_bar_on_a_terminal(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    table = tmp_path / "t.csv"
    table.write_text("标题,回复\n" + "".join(f"条目{i},回复{i}\n" for i in range(50)), "utf-8")
    assert main(["--home", str(home), "--no-demo", "import", str(table)]) == 0
    err = capsys.readouterr().err
    assert "[########################] 100% 50/50" in err
    assert err.index("100% 50/50") < err.index("正在更新搜索索引")  # then the index follows, said so
