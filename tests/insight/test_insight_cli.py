"""csdesk stats / gaps / chats import / usage / report / cheatsheet on the synthetic week (conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from csdesk.cli import build_parser, main
from csdesk.core.library import Library

WEEK = ["--since", "2026-05-04", "--until", "2026-05-10"]


def run(lib: Library, *args: str) -> int:
    return main(["--home", str(lib.home), *args])


def test_stats_json_and_text(week_lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(week_lib, "stats", *WEEK, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["copies"] == 12 and data["totals"]["overrides"] == 2
    assert data["top_entries"][0]["title"] == "尺码推荐"
    assert [a["agent"] for a in data["per_agent"]] == ["张三", "李四"]
    assert run(week_lib, "stats", *WEEK, "--shop", "乙店") == 0
    out = capsys.readouterr().out
    assert "复制 4 次" in out and "面料材质" in out and "越过红线 2" in out


def test_gaps(week_lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(week_lib, "gaps", *WEEK, "--json") == 0
    gaps = json.loads(capsys.readouterr().out)["gaps"]
    assert [(g["label"], g["count"]) for g in gaps] == [("发新疆吗", 6), ("起球吗", 2)]
    assert run(week_lib, "gaps", *WEEK) == 0
    out = capsys.readouterr().out
    assert "1. 发新疆吗  ×6" in out and "新疆能发吗×2" in out


def test_chats_import(week_lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "2026-05-04 10:00:01 顾客甲: 发新疆吗\n2026-05-04 10:00:30 阿珍: 可以发,补 15 元\n"
        "2026-05-04 11:00:00 顾客乙: 新疆能发吗\n2026-05-04 11:00:20 阿珍: 可以发,补 15 元\n",
        encoding="utf-8",
    )
    saved = tmp_path / "summary.json"
    assert run(week_lib, "chats", "import", str(chat), "--agent", "阿珍", "--save", str(saved)) == 0
    out = capsys.readouterr().out
    assert "发新疆吗  ×2" in out and "可以发,补 15 元" in out
    kept = saved.read_text(encoding="utf-8")
    assert "顾客甲" not in kept and json.loads(kept)["groups"][0]["count"] == 2
    assert run(week_lib, "chats", "import", str(tmp_path / "none.txt")) == 2
    assert "none.txt" in capsys.readouterr().err


def test_usage_export_and_import(
    week_lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    assert run(week_lib, "usage", "export", str(team)) == 0
    assert "csdesk-usage.json" in capsys.readouterr().out
    boss = Library.open(tmp_path / "boss", demo=False)
    boss.close()
    assert main(["--home", str(tmp_path / "boss"), "usage", "import", str(team)]) == 0
    assert "复制 17 条、搜索 9 条" in capsys.readouterr().out
    assert main(["--home", str(tmp_path / "boss"), "usage", "import", str(team)]) == 0
    assert "已读过的 26 条不重复计算" in capsys.readouterr().out
    assert main(["--home", str(tmp_path / "boss"), "usage", "import"]) == 2
    assert "团队文件夹" in capsys.readouterr().err


def test_report_and_cheatsheet_files(
    week_lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx, html, pdf = tmp_path / "r.xlsx", tmp_path / "r.html", tmp_path / "r.pdf"
    for path in (xlsx, html, pdf):
        assert run(week_lib, "report", str(path), *WEEK) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "客服话术周报" in values and "发新疆吗" in values and "面料材质" in values and 12 in values
    text = html.read_text(encoding="utf-8")
    assert "高频新问题" in text and "新疆能发吗" in text
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    sheet_pdf = tmp_path / "c.pdf"
    assert run(week_lib, "cheatsheet", str(sheet_pdf), "--shop", "甲店") == 0
    assert sheet_pdf.read_bytes().startswith(b"%PDF")
    assert run(week_lib, "cheatsheet", str(tmp_path / "c.html"), "--shop", "甲店") == 0
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "尺码推荐" in page and "七天无理由退换" in page and "面料材质" not in page  # 乙店's entry
    capsys.readouterr()
    assert run(week_lib, "report", str(tmp_path / "r.docx")) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert run(week_lib, "cheatsheet", str(tmp_path / "c.pdf"), "--shop", "丙店") == 2
    assert "丙店" in capsys.readouterr().err


def test_bad_dates_and_switch(week_lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(week_lib, "stats", "--since", "上周") == 2
    assert "2026-05-01" in capsys.readouterr().err
    assert run(week_lib, "stats", "--since", "2026-05-10", "--until", "2026-05-01") == 2
    assert "早于" in capsys.readouterr().err
    assert run(week_lib, "config", "usage_logging", "maybe") == 2
    assert "on 或 off" in capsys.readouterr().err
    assert run(week_lib, "config", "usage_logging", "off") == 0
    assert week_lib.setting("usage_logging") is False


def test_every_insight_argument_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in ("stats", "gaps", "chats", "usage", "report", "cheatsheet"):
        command = sub.choices[name]  # type: ignore[index]
        for action in command._actions:
            assert action.help, f"{name} {action.dest}"
