"""``csdesk abtest`` and ``csdesk quiz`` end to end: output, JSON shapes and errors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.core import abtest, training
from csdesk.core.library import Library


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("CSDESK_HOME", raising=False)
    return tmp_path / "home"


def run(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


def test_abtest_start_list_show_end(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "abtest", "list") == 0
    assert "还没有" in capsys.readouterr().out
    assert run(home, "abtest", "start", "cd", "--split", "50/50", "--goal", "deal", "--json") == 0
    started = json.loads(capsys.readouterr().out)
    assert started["status"] == "running" and [a["key"] for a in started["result"]["arms"]] == ["A", "B"]
    with Library.open(home, agent="小李") as lib:
        entry = lib.get(started["entry_id"])
        rng = random.Random(5)
        for i in range(60):
            lib.log_copy(entry.id, customer=f"客{i}")
            pending = abtest.last_copy(lib)
            assert pending is not None
            abtest.mark_outcome(lib, pending.copy_id, rng.random() < (0.6 if pending.arm == "B" else 0.2))
    assert run(home, "abtest", "show", str(started["id"])) == 0
    out = capsys.readouterr().out
    assert "更好的把握" in out and "95%" in out
    assert run(home, "abtest", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == started["id"]
    assert run(home, "abtest", "end", str(started["id"]), "--promote", "b", "--json") == 0
    ended = json.loads(capsys.readouterr().out)
    assert ended["status"] == "ended" and ended["winner"] == "B"
    assert run(home, "abtest", "end", str(started["id"])) == 2
    assert "已经结束" in capsys.readouterr().err


def test_abtest_errors_exit_2(home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(home, "abtest", "show", "99") == 2
    assert "找不到" in capsys.readouterr().err
    assert run(home, "abtest", "start", "hy") == 2  # 欢迎语 has no variant
    assert "至少要两种说法" in capsys.readouterr().err
    assert run(home, "abtest", "start", "cd", "--split", "x") == 2
    assert "分流比例" in capsys.readouterr().err
    assert run(home, "abtest", "list", "--team") == 2
    assert "团队文件夹" in capsys.readouterr().err
    bad = tmp_path / "orders.csv"
    bad.write_text("a,b\n1,2\n", "utf-8")
    assert run(home, "abtest", "outcomes", str(bad)) == 2
    assert "三列" in capsys.readouterr().err


def test_quiz_results_and_settings(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "quiz", "results") == 0
    assert "还没有考核记录" in capsys.readouterr().out
    assert run(home, "quiz", "settings", "--count", "3", "--pass-mark", "60") == 0
    assert "题目 3 道" in capsys.readouterr().out
    assert run(home, "quiz", "settings", "--pass-mark", "150") == 2
    assert "及格线" in capsys.readouterr().err
    with Library.open(home, agent="小王") as lib:
        run_ = training.start_quiz(lib, rng=random.Random(3))
        for question in run_.questions:
            run_.answer(question.entry_id, 4.0)
        run_.finish()
    assert run(home, "quiz", "results", "--agent", "小王", "--json") == 0
    results = json.loads(capsys.readouterr().out)
    assert results[0]["agent"] == "小王" and results[0]["score"] == 100 and results[0]["total"] == 3
    assert run(home, "quiz", "results") == 0
    assert "小王" in capsys.readouterr().out and run(home, "quiz", "results", "--agent", "没有") == 0


def test_abtest_sync(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "abtest", "sync") == 2
    assert "团队文件夹" in capsys.readouterr().err
    assert run(home, "abtest", "sync", str(tmp_path / "team")) == 0
    assert "已同步" in capsys.readouterr().out
    assert (tmp_path / "team" / "abtests").is_dir()


def test_supervisor_commands_need_the_pin_once_one_is_set(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting or ending a test and changing the pass mark are the supervisor's: with a PIN set, an agent's
    command is refused (exit 2, nothing changed); reading, syncing and outcomes stay open."""
    from csdesk.core import pin

    monkeypatch.delenv("CSDESK_PIN", raising=False)
    with Library.open(home) as lib:
        pin.set_pin(lib, "2468")
    assert run(home, "quiz", "settings", "--pass-mark", "10") == 2
    assert "PIN" in capsys.readouterr().err
    assert run(home, "quiz", "settings") == 0  # reading
    assert "及格线 80%" in capsys.readouterr().out
    assert run(home, "abtest", "start", "cd") == 2
    assert run(home, "quiz", "chats", "--clear") == 2
    assert run(home, "abtest", "list") == 0 and run(home, "quiz", "results") == 0
    capsys.readouterr()
    with Library.open(home) as lib:
        assert abtest.tests(lib) == [] and training.quiz_settings(lib).pass_mark == 80
    monkeypatch.setenv("CSDESK_PIN", "2468")
    assert run(home, "abtest", "start", "cd", "--json") == 0
    test_id = json.loads(capsys.readouterr().out)["id"]
    assert run(home, "quiz", "settings", "--pass-mark", "90") == 0
    monkeypatch.delenv("CSDESK_PIN")
    assert run(home, "abtest", "end", str(test_id), "--promote", "B") == 2
    with Library.open(home) as lib:
        assert abtest.get_test(lib, test_id).status == "running"
        assert training.quiz_settings(lib).pass_mark == 90


def test_quiz_results_of_other_agents_reach_the_supervisor_through_the_team_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An agent's machine writes its quizzes with the A/B sync; the supervisor's results (--team), summary and
    weekly report add them; a file read twice counts once."""
    from csdesk.core.insight.period import Period
    from csdesk.core.insight.report import build_report

    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    team = tmp_path / "team"
    with Library.open(tmp_path / "agent", agent="小王") as lib:
        run_ = training.start_quiz(lib, settings=training.QuizSettings(count=2), rng=random.Random(1))
        for question in run_.questions:
            run_.answer(question.entry_id, 2.0)
        run_.finish()
        abtest.sync_team(lib, team)
        abtest.sync_team(lib, team)  # replaced, not added
    boss = tmp_path / "boss"
    with Library.open(boss, agent="主管") as lib:
        lib.set_setting("team_folder", str(team))
        assert training.quiz_results(lib) == []
        [theirs] = training.quiz_results(lib, team_folder=team)
        assert theirs.agent == "小王" and theirs.score == 100
        sections = {s.key: s for s in build_report(lib, Period.last_days(7)).sections}
        assert sections["quiz"].rows[0][:3] == ["小王", 1, 100]
    assert main(["--home", str(boss), "quiz", "results", "--team", "--json"]) == 0
    assert [r["agent"] for r in json.loads(capsys.readouterr().out)] == ["小王"]
