"""The csdesk command end to end: output, JSON shapes and every exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.core.errors import CsdeskError


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("CSDESK_HOME", raising=False)
    return tmp_path / "home"


def run(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


def test_search_json_shape(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "search", "尺码", "--json", "--limit", "3") == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 3
    for key in ("id", "shop", "category", "title", "code", "question", "reply", "score"):
        assert key in hits[0]
    assert hits[0]["score"] >= hits[-1]["score"]


def test_search_with_shop_and_no_hits(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "search", "尺码", "--shop", "小馋猫零食铺", "--json") == 0
    shops = {h["shop"] for h in json.loads(capsys.readouterr().out)}
    assert shops <= {"小馋猫零食铺", "通用"}
    assert run(home, "search", "zzzzqqqq") == 0
    assert "没有找到" in capsys.readouterr().out
    assert run(home, "search", "尺码", "--shop", "不存在的店") == 2
    assert "不存在的店" in capsys.readouterr().err


def test_home_env_and_no_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CSDESK_HOME", str(tmp_path / "envhome"))
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["--no-demo", "search", "尺码", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert (tmp_path / "envhome" / "library.sqlite3").exists()


def test_home_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    assert main(["--home", str(path), "search", "x"]) == 2
    err = capsys.readouterr().err
    assert "文件" in err and "Traceback" not in err


def test_show_by_code_and_id(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "show", "cm1", "--json") == 0
    entry = json.loads(capsys.readouterr().out)
    assert entry["code"] == "cm1"
    assert run(home, "show", entry["id"]) == 0
    assert "回复思路" in capsys.readouterr().out
    assert run(home, "show", "nosuchcode") == 2
    assert "nosuchcode" in capsys.readouterr().err


def test_copy_renders_and_refuses_missing(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    assert run(home, "copy", "cm1") == 2
    assert "尺码" in capsys.readouterr().err and copied == []
    assert run(home, "copy", "cm1", "--set", "尺码=M") == 0
    assert copied and "建议拍M" in copied[0] and "{" not in copied[0]
    assert run(home, "copy", "cm1", "--set", "broken") == 2


def test_copy_without_clipboard(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    assert run(home, "copy", "cm1", "--set", "尺码=M") == 2
    assert "剪贴板" in capsys.readouterr().err


def test_check_exit_codes_and_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "check", "最近几天就发货,放心") == 0
    assert "没有发现" in capsys.readouterr().out
    text = "这是全网最好的,加微信给你返现"
    assert run(home, "check", text, "--json") == 1
    hits = json.loads(capsys.readouterr().out)
    assert hits and {"start", "end", "text", "severity", "reason", "suggestion"} <= set(hits[0])
    for hit in hits:
        assert text[hit["start"] : hit["end"]] == hit["text"]


def test_check_stdin(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("保证不掉色"))
    assert run(home, "check", "-", "--json") in (0, 1)
    assert json.loads(capsys.readouterr().out)


def test_reindex_and_doctor(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "reindex") == 0
    assert "索引已重建" in capsys.readouterr().out
    assert run(home, "doctor") == 0
    assert "完好" in capsys.readouterr().out


def test_doctor_repairs_a_broken_index(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "search", "尺码") == 0
    for path in (home / "index").rglob("*"):
        if path.is_file():
            path.write_bytes(b"")
    assert run(home, "doctor") == 0
    out = capsys.readouterr().out
    assert "完好" in out


def test_doctor_fails_on_missing_asset(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.core.library import Library

    own = tmp_path / "own.pdf"
    own.write_bytes(b"%PDF-1.4 a shop's own report")
    with Library.open(home) as lib:
        # not a file csdesk ships, so doctor cannot bring it back
        lib.assets.path(lib.assets.add(own, folder="质检报告")).unlink()
    assert run(home, "doctor") == 2
    assert "缺失" in capsys.readouterr().err


def test_corrupt_database(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    (home / "library.sqlite3").write_bytes(b"garbage" * 1000)
    assert run(home, "search", "x") == 2
    err = capsys.readouterr().err
    assert "doctor" in err and "Traceback" not in err


def test_bad_arguments(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run(home, "search")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run(home, "import", "x.csv", "--mode", "nonsense")
    assert exc.value.code == 2
    assert run(home, "search", "x", "--limit", "0") == 2


def test_import_missing_file(home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(home, "import", str(tmp_path / "nope.csv")) == 2
    assert "不存在" in capsys.readouterr().err


def test_english_messages(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "en_US")
    assert run(home, "show", "nosuchcode") == 2
    assert "No entry" in capsys.readouterr().err


def test_subprocess_never_prints_a_traceback(tmp_path: Path) -> None:
    """The real console script path: an error is one clear line and exit code 2."""
    env = {**os.environ, "CSDESK_LANG": "zh_CN", "CSDESK_CONFIG_DIR": str(tmp_path / "cfg")}
    (tmp_path / "file").write_text("x")
    proc = subprocess.run(
        [sys.executable, "-m", "csdesk", "--home", str(tmp_path / "file"), "search", "x"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "文件" in proc.stderr


def test_team_publish_update_status(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "share"
    agent_home = tmp_path / "agent"
    assert run(home, "team", "publish", str(folder)) == 0
    assert "第 1 版" in capsys.readouterr().out
    assert main(["--home", str(agent_home), "--no-demo", "team", "status", str(folder)]) == 0
    assert "第 1 版" in capsys.readouterr().out
    assert main(["--home", str(agent_home), "team", "update", str(folder)]) == 0
    assert "已更新到第 1 版" in capsys.readouterr().out
    assert main(["--home", str(agent_home), "search", "尺码", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["--home", str(agent_home), "team", "update", str(folder)]) == 0
    assert "已是最新" in capsys.readouterr().out


def test_team_errors(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "team", "update") == 2
    assert "团队话术库文件夹" in capsys.readouterr().err
    assert run(home, "team", "update", str(tmp_path / "missing")) == 2
    assert "不存在" in capsys.readouterr().err
    folder = tmp_path / "share"
    assert run(home, "team", "publish", str(folder)) == 0
    (folder / "library.csdesk").write_bytes(b"half-copied")
    capsys.readouterr()
    assert main(["--home", str(tmp_path / "agent"), "--no-demo", "team", "update", str(folder)]) == 2
    assert "没有改动" in capsys.readouterr().err


def test_backup_and_import_leave_a_backup(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "backup") == 0
    assert "已备份" in capsys.readouterr().out
    assert len(list((home / "backups").glob("library-*.sqlite3"))) == 1
    table = tmp_path / "entries.csv"
    table.write_text('标题,回复\n新话术,"您好,这是新的回复"\n', encoding="utf-8-sig")
    assert run(home, "import", str(table), "--dry-run") == 0
    assert len(list((home / "backups").glob("library-*.sqlite3"))) == 1  # a dry run writes nothing
    assert run(home, "import", str(table)) == 0
    assert len(list((home / "backups").glob("library-*.sqlite3"))) == 2


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a subprocess: no display, no Qt platform, config and QSettings in tmp_path."""
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "CSDESK_HOME")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        CSDESK_LANG="zh_CN",
        CSDESK_CONFIG_DIR=str(tmp_path / "cfg"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_RUNTIME_DIR=str(tmp_path),
    )
    env.update(extra)
    return env


def test_no_demo_reaches_the_gui(tmp_path: Path) -> None:
    """`csdesk --no-demo` (the app) creates an empty library, like every subcommand does."""
    pytest.importorskip("PySide6")
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from csdesk.cli import main\n"
        "app = QApplication(sys.argv[:1])\n"
        "def quit_when_up():\n"
        "    from csdesk.gui.mainwindow import MainWindow\n"
        "    window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)\n"
        "    if window is None:\n"
        "        QTimer.singleShot(20, quit_when_up)\n"
        "        return\n"
        "    window.quit()\n"
        "QTimer.singleShot(0, quit_when_up)\n"
        "sys.exit(main(['--home', sys.argv[1], '--no-demo']))\n"
    )
    home_dir = tmp_path / "gui-home"
    proc = subprocess.run(
        [sys.executable, "-c", script, str(home_dir)],
        capture_output=True, text=True, encoding="utf-8", timeout=180,
        env=_clean_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    from csdesk.core.library import Library

    with Library.open(home_dir) as lib:
        assert lib.is_empty and [s.name for s in lib.shops.all()] == ["通用"]


def test_app_without_display_explains_and_exits_2(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the X11/Wayland check is Linux-only")
    proc = subprocess.run(
        [sys.executable, "-m", "csdesk", "--home", str(tmp_path / "h")],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=_clean_env(tmp_path),
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "图形界面" in proc.stderr and "DISPLAY" in proc.stderr
    assert "xcb" not in proc.stderr and "Traceback" not in proc.stderr
    english = subprocess.run(
        [sys.executable, "-m", "csdesk", "--home", str(tmp_path / "h")],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env=_clean_env(tmp_path, CSDESK_LANG="en"),
    )  # fmt: skip
    assert english.returncode == 2 and "No graphical display" in english.stderr


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    """`csdesk search 尺码 --json | head`: the reader closes the pipe; no 内部错误, no traceback."""
    for args in (["search", "尺码", "--json"], ["--help"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "csdesk", "--home", str(tmp_path / "h"), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_clean_env(tmp_path),
        )  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before the command writes anything: every write hits a closed pipe
        err = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=180) == 0, err
        assert err == "", err


def test_copy_without_clipboard_hints_in_chinese(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    monkeypatch.setattr(sys, "platform", "linux")
    assert run(home, "copy", "cm1", "--set", "尺码=M") == 2
    err = capsys.readouterr().err
    assert "请安装 xclip、xsel 或 wl-clipboard" in err
    assert "Pyperclip" not in err and "mechanism" not in err
    with pytest.raises(CsdeskError) as raised:  # --debug re-raises: pyperclip's own text is in the chain
        run(home, "--debug", "copy", "cm1", "--set", "尺码=M")
    assert isinstance(raised.value.__cause__, pyperclip.PyperclipException)


def test_spec_format_names_for_import_and_export(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixtures = Path(__file__).resolve().parent / "fixtures"
    for name in ("csdesk", "qianniu", "espanso", "xlsx", "csv"):
        suffix = {"csdesk": ".csdesk", "qianniu": ".xlsx", "espanso": ".yml", "xlsx": ".xlsx", "csv": ".csv"}[
            name
        ]
        target = tmp_path / f"out-{name}{suffix}"
        assert run(home, "export", str(target), "--format", name) == 0, capsys.readouterr().err
        assert target.exists()
    assert (
        run(home, "export", str(tmp_path / "q.txt"), "--format", "qianniu", "--shop", "栖木女装旗舰店") == 0
    )
    assert "快捷短语" in (tmp_path / "q.txt").read_bytes().decode("gb18030")
    other = tmp_path / "other"
    for file, name in (
        (tmp_path / "out-csdesk.csdesk", "csdesk"),
        (tmp_path / "out-qianniu.xlsx", "qianniu"),
        (tmp_path / "q.txt", "qianniu"),
        (fixtures / "beeftext_combos.json", "beeftext"),
        (fixtures / "beeftext_combos.csv", "beeftext"),
        (fixtures / "textexpander_group.textexpander", "textexpander"),
        (fixtures / "textexpander_snippets.csv", "textexpander"),
    ):
        assert (
            main(["--home", str(other), "--no-demo", "import", str(file), "--format", name, "--dry-run"]) == 0
        ), (
            file,
            capsys.readouterr().err,
        )
    assert run(home, "export", str(tmp_path / "x.json"), "--format", "beeftext") == 2
    err = capsys.readouterr().err
    assert "csdesk、xlsx、csv、qianniu、espanso" in err and "Traceback" not in err


def test_import_prints_every_row_that_matters(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "rows.csv"
    table.write_text(
        "标题,回复,快捷编码\n新一,回复一,\n" + "".join(f"批量{i},回复{i},\n" for i in range(30)), "utf-8"
    )
    assert main(["--home", str(home), "--no-demo", "import", str(table)]) == 0
    capsys.readouterr()
    table.write_text("标题,回复,快捷编码\n新一,改过的回复,\n另一条,回复,cm1x\n别的,回复二,cm1x\n", "utf-8")
    assert main(["--home", str(home), "--no-demo", "import", str(table), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert (
        "rows.csv 第 4 行 列「快捷编码」" in err
    )  # a duplicate code inside the file: rejected with its place
    table.write_text("标题,回复\n新一,改过的回复\n再一条,回复\n", "utf-8")
    assert main(["--home", str(home), "--no-demo", "import", str(table), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "[更新] rows.csv 第 2 行 「新一」(通用): 按标题匹配,更新:回复" in out
    assert "[新增] rows.csv 第 3 行 「再一条」(通用)" in out
    many = tmp_path / "many.csv"
    many.write_text("标题,回复\n" + "".join(f"多{i},回复多{i}\n" for i in range(25)), "utf-8")
    assert main(["--home", str(home), "--no-demo", "import", str(many)]) == 0
    out = capsys.readouterr().out
    assert out.count("[新增]") == 20 and "另有 5 条新增" in out


def test_import_conflicts_are_listed(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "codes.csv"
    table.write_text("标题,回复\n同名,回复甲\n同名,回复乙\n", "utf-8")
    assert main(["--home", str(home), "--no-demo", "import", str(table)]) == 0
    capsys.readouterr()
    table.write_text("标题,回复\n同名,回复丙\n", "utf-8")
    assert main(["--home", str(home), "--no-demo", "import", str(table)]) == 0
    out = capsys.readouterr().out
    assert (
        "[冲突,未处理] codes.csv 第 2 行 列「标题」 「同名」(通用): 店铺「通用」中有 2 条标题为「同名」"
        in out
    )


def test_team_update_reports_code_clashes(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "share"
    agent = tmp_path / "agent"
    assert run(home, "team", "publish", str(folder)) == 0
    table = tmp_path / "mine.csv"
    table.write_text("标题,回复,快捷编码\n我的欢迎,我自己的,hy\n", "utf-8")
    assert main(["--home", str(agent), "--no-demo", "import", str(table)]) == 0
    from csdesk.core.library import Library

    with Library.open(agent, demo=False) as lib:
        mine = lib.find("hy")
        lib.update(mine.id, origin="personal")
    capsys.readouterr()
    assert main(["--home", str(agent), "team", "update", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "已更新到第 1 版" in captured.out and "新增" in captured.out
    assert "快捷编码「hy」" in captured.err and "我的欢迎" in captured.err


def test_team_publish_then_update_in_the_same_library(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "share"
    assert run(home, "team", "publish", str(folder)) == 0
    capsys.readouterr()
    assert run(home, "search", "欢迎", "--json") == 0
    before = len(json.loads(capsys.readouterr().out))
    assert run(home, "team", "update", str(folder)) == 0
    assert "已是最新" in capsys.readouterr().out
    assert run(home, "search", "欢迎", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == before


def test_template_errors_are_clear(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "template", str(tmp_path / "nonexist" / "t.xlsx")) == 2
    err = capsys.readouterr().err
    assert "不存在" in err and "内部错误" not in err
    assert run(home, "template", str(tmp_path / "t.docx")) == 2
    assert ".xlsx" in capsys.readouterr().err and not (tmp_path / "t.docx").exists()
    assert run(home, "template", str(tmp_path / "t.xlsx")) == 0 and (tmp_path / "t.xlsx").exists()


def test_large_import_prints_progress(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import csdesk.cli as cli

    monkeypatch.setattr(cli, "_PROGRESS_FILE_BYTES", 1000)
    table = tmp_path / "big.csv"
    table.write_text("标题,回复\n" + "".join(f"条目{i},回复{i}\n" for i in range(500)), "utf-8")
    assert main(["--home", str(home), "--no-demo", "import", str(table)]) == 0
    err = capsys.readouterr().err
    assert "导入中 " in err and "/500" in err


def test_doctor_recovers_a_corrupt_database(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "backup") == 0
    (home / "library.sqlite3").write_bytes(b"garbage" * 1000)
    assert run(home, "search", "尺码") == 2
    assert "doctor" in capsys.readouterr().err
    assert run(home, "doctor") == 0
    out = capsys.readouterr().out
    assert "已从备份恢复" in out and "broken-" in out and "搜索索引" in out
    assert run(home, "search", "尺码", "--json") == 0
    assert json.loads(capsys.readouterr().out)


def test_doctor_without_backup_says_what_to_do(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    (home / "library.sqlite3").write_bytes(b"garbage" * 1000)
    assert run(home, "doctor") == 2
    err = capsys.readouterr().err
    assert "无法抢救" in err and "备份" in err and "Traceback" not in err


def test_doctor_lines_in_english(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(home, "info") == 0
    next((home / "assets").rglob("*.png")).unlink()
    monkeypatch.setenv("CSDESK_LANG", "en")
    capsys.readouterr()
    assert run(home, "doctor") == 0
    out = capsys.readouterr().out
    assert "repaired: asset file restored from the demo" in out and "healthy" in out
    assert "素材" not in out and "已修复" not in out


def test_unknown_shop_option_is_an_error_for_every_command(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "entries.csv"
    table.write_text("店铺,标题,回复\n文件里的新店,新话术,您好。这是新的回复\n", encoding="utf-8-sig")
    assert run(home, "import", str(table), "--shop", "不存在的店") == 2
    assert "不存在的店" in capsys.readouterr().err
    for args in (("check", "你好"), ("export", str(tmp_path / "x.csv")), ("show", "hy")):
        assert run(home, *args, "--shop", "不存在的店") == 2
        assert "不存在的店" in capsys.readouterr().err
    from csdesk.core.library import Library

    with Library.open(home) as lib:
        names = {s.name for s in lib.shops.all()}
    assert "不存在的店" not in names and "文件里的新店" not in names  # the refused import changed nothing
    assert run(home, "import", str(table)) == 0  # a shop named in the file is still created
    with Library.open(home) as lib:
        assert "文件里的新店" in {s.name for s in lib.shops.all()}


def test_empty_home_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", "", "search", "尺码"]) == 2
    assert "不能为空" in capsys.readouterr().err
    assert main(["--home", "  "]) == 2  # the app too: no window on some default home
    assert "不能为空" in capsys.readouterr().err


def test_config_sets_the_agent_name_for_copy(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    assert run(home, "copy", "hy", "--set", "店铺名=小店") == 2
    assert "config agent_name" in capsys.readouterr().err and copied == []
    assert run(home, "config", "agent_name", "小美") == 0
    assert run(home, "config", "agent_name") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "小美"
    assert run(home, "copy", "hy", "--set", "店铺名=小店") == 0
    assert copied and "小美" in copied[0]
    assert run(home, "config") == 0
    listing = capsys.readouterr().out
    assert "agent_name = 小美" in listing and "team_folder" in listing
    assert run(home, "config", "客服名", "") == 0  # cleared
    assert run(home, "config", "agent_name") == 0
    assert capsys.readouterr().out.splitlines()[-1] == ""
    assert run(home, "config", "no_such_key") == 2
    assert "agent_name" in capsys.readouterr().err
    assert run(home, "config", "max_asset_bytes", "lots") == 2


def test_argparse_texts_follow_the_language(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse
    import gettext

    for args in (["--help"], ["search", "--help"]):
        with pytest.raises(SystemExit) as exc:
            main(args)
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "用法:" in out and "选项:" in out and "显示帮助并退出" in out
        for english in ("usage:", "options:", "positional arguments", "show this help message"):
            assert english not in out
    for args, expected in (
        (["search", "x", "--limit", "abc"], "值 'abc' 无效(应为整数)"),
        (["import", "x.csv", "--mode", "nonsense"], "无效的选择 'nonsense'"),
        (["search"], "缺少必需的参数:query"),
    ):
        with pytest.raises(SystemExit) as exc:
            run(home, *args)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert expected in err and "invalid" not in err and "usage:" not in err, err
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]  # put back after parsing
    monkeypatch.setenv("CSDESK_LANG", "en")
    with pytest.raises(SystemExit):
        run(home, "search", "x", "--limit", "abc")
    err = capsys.readouterr().err
    assert "usage:" in err and "invalid int value: 'abc'" in err


def test_info_labels_follow_the_language(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(home, "info") == 0
    out = capsys.readouterr().out
    assert "话术: " in out and "店铺: " in out and "entries:" not in out
    monkeypatch.setenv("CSDESK_LANG", "en")
    assert run(home, "info") == 0
    out = capsys.readouterr().out
    assert "entries: " in out and "Home: " in out and "话术:" not in out


def test_import_error_locations_in_english(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "entries.csv"
    table.write_text("标题,回复\n新话术,您好,这是新的回复\n", encoding="utf-8-sig")  # unquoted comma: row 2
    monkeypatch.setenv("CSDESK_LANG", "en")
    assert run(home, "import", str(table)) == 2
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "entries.csv row 2 column" in err
    assert "第 2 行" not in err


def test_bundle_shop_option_may_name_a_shop_of_the_bundle(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "all.csdesk"
    assert run(home, "export", str(bundle)) == 0
    agent = tmp_path / "agent"
    assert main(["--home", str(agent), "--no-demo", "import", str(bundle), "--shop", "栖木女装旗舰店"]) == 0
    assert main(["--home", str(agent), "search", "尺码", "--shop", "栖木女装旗舰店", "--json"]) == 0
    capsys.readouterr()
    assert main(["--home", str(agent), "import", str(bundle), "--shop", "不存在的店"]) == 2
    assert "不存在的店" in capsys.readouterr().err


def test_doctor_removes_orphan_asset_files(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.core.library import Library

    assert run(home, "info") == 0
    orphan = home / "assets" / "ff" / ("f" * 64 + ".png")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"left by a crashed import")
    fresh = home / "assets" / "ee" / ("e" * 64 + ".png")
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_bytes(b"being stored right now")
    os.utime(orphan, (1_000_000_000, 1_000_000_000))
    with Library.open(home) as lib:
        assert lib.assets.orphan_files() == [orphan]
        report = lib.health.doctor(repair=False)
        assert any("没有被任何素材使用" in p for p in report.problems) and orphan.exists()
        kept = [lib.assets.path(a) for a in lib.assets.all()]
    capsys.readouterr()
    assert run(home, "doctor") == 0
    out = capsys.readouterr().out
    assert "删除了素材文件夹里 1 个没有被任何素材使用的文件" in out and "完好" in out
    assert not orphan.exists() and not orphan.parent.exists() and fresh.exists()
    assert kept and all(p.exists() for p in kept)


def test_a_text_argument_over_the_field_limit_is_refused_before_any_work(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.core.library import Library
    from csdesk.core.limits import MAX_FIELD_CHARS

    assert run(home, "config", "agent_name", "小美") == 0
    capsys.readouterr()
    huge = "a" * (MAX_FIELD_CHARS + 1)
    assert run(home, "config", "agent_name", huge) == 2
    err = capsys.readouterr().err
    assert "100,000" in err and "没有任何改动" in err
    assert run(home, "check", huge) == 2  # any command's text, before it is read
    assert run(home, "config", "agent_name") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "小美"
    with Library.open(home) as lib:
        hy = lib.entries.find("hy")
    assert run(home, "abtest", "start", "hy", "--name", huge) == 2
    with Library.open(home) as lib:
        assert lib.get(hy.id) == hy
