"""Quiz questions from imported chat records: which customer messages are kept, with which entry, and the quiz."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.core import chatquiz, training
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.library import Library


def chat_file(lib: Library, folder: Path) -> Path:
    """Four customers: one answered with the 发货时间 reply (placeholder filled), one with the address reply, one in
    the agent's own words, one with a library reply to a message that has nothing to do with it."""
    shipping = lib.find("fh")
    address = lib.find("gdz")
    assert shipping is not None and address is not None
    lines = [
        "2026-11-30 10:00:01 小美: 在吗",
        "2026-11-30 10:00:05 小美: 你们这个一般几天能发货呀",
        "2026-11-30 10:00:30 小馋猫零食铺:小林: " + shipping.reply.replace("{日期}", "12月2日"),
        "2026-11-30 10:01:00 阿强: 能便宜点吗 我电话13812345678",
        "2026-11-30 10:01:20 小馋猫零食铺:小林: 这个真不行哦,已经是最低了",
        "2026-11-30 10:02:00 大刘: 地址写错了 手机13912345678 还能改吗",
        "2026-11-30 10:02:30 小馋猫零食铺:小林: " + address.reply.replace("{快递公司}", "中通"),
        "2026-11-30 10:03:00 老王: 哈哈哈哈",
        "2026-11-30 10:03:30 小馋猫零食铺:小林: " + shipping.reply.replace("{日期}", "12月3日"),
    ]
    path = folder / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_only_messages_answered_with_a_library_reply_are_kept_with_that_entry(
    demo_lib: Library, tmp_path: Path
) -> None:
    found = chatquiz.find_answered(demo_lib, [chat_file(demo_lib, tmp_path)])
    by_text = {q.text: demo_lib.get(q.entry_id).code for q in found}
    # 在吗 and 你们这个… both came before the reply; the longer one, which the search ties to 发货时间, is kept
    assert by_text.pop("你们这个一般几天能发货呀") == "fh"
    # the phone number is masked; the address entry is known from the reply the agent sent
    ((masked, code),) = by_text.items()
    assert code == "gdz" and "13912345678" not in masked and "还能改吗" in masked
    # own words (能便宜点吗) and a reply the search does not tie to the message (哈哈哈哈) leave nothing
    assert not any("便宜" in q.text or "哈哈" in q.text for q in found)
    assert all(q.source == "chat.txt" for q in found)


def test_kept_once_listed_and_removed(demo_lib: Library, tmp_path: Path) -> None:
    path = chat_file(demo_lib, tmp_path)
    assert chatquiz.keep(demo_lib, chatquiz.find_answered(demo_lib, [path])) == 2
    assert chatquiz.keep(demo_lib, chatquiz.find_answered(demo_lib, [path])) == 0  # the same file again
    kept = chatquiz.kept(demo_lib)
    assert len(kept) == 2 and all(q.id and q.added_at for q in kept)
    with pytest.raises(NotFoundError):
        chatquiz.remove(demo_lib, [kept[0].id, 999])
    assert len(chatquiz.kept(demo_lib)) == 2  # an unknown id removes nothing
    assert chatquiz.remove(demo_lib, [kept[0].id]) == 1
    assert chatquiz.remove(demo_lib) == 1 and chatquiz.kept(demo_lib) == []


def test_quiz_asks_the_chat_messages_only_when_the_supervisor_switches_them_on(
    demo_lib: Library, tmp_path: Path
) -> None:
    chatquiz.keep(demo_lib, chatquiz.find_answered(demo_lib, [chat_file(demo_lib, tmp_path)]))
    kept = {q.entry_id: q.text for q in chatquiz.kept(demo_lib)}
    off = training.make_quiz(demo_lib, training.QuizSettings(count=200), rng=random.Random(1))
    assert not any(q.kind == "chat" for q in off)
    settings = training.save_quiz_settings(demo_lib, training.QuizSettings(count=200, chat_questions=True))
    assert training.quiz_settings(demo_lib).chat_questions
    on = training.make_quiz(demo_lib, settings, rng=random.Random(1))
    chat = {q.entry_id: q.prompt for q in on if q.kind == "chat"}
    assert chat == kept  # every entry with a kept message is asked with it
    run = training.start_quiz(demo_lib, settings=settings, rng=random.Random(1))
    for question in run.questions:
        run.answer(question.entry_id if question.kind == "chat" else None, 3)
    result = run.finish()
    assert {m["entry_id"] for m in result.items if m["correct"]} == set(kept)


def test_a_bad_switch_value_is_refused(demo_lib: Library) -> None:
    with pytest.raises(ValidationError) as caught:
        training.save_quiz_settings(demo_lib, training.QuizSettings(chat_questions="yes"))  # type: ignore[arg-type]
    assert "聊天记录题" in str(caught.value) and "chat records" in caught.value.english
    assert training.quiz_settings(demo_lib) == training.QuizSettings()


def test_cli_chats_import_quiz_then_quiz_chats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    home = tmp_path / "home"
    with Library.open(home, demo=True) as lib:
        path = chat_file(lib, tmp_path)
    assert main(["--home", str(home), "chats", "import", str(path), "--json"]) == 0
    assert "quiz_questions" not in json.loads(capsys.readouterr().out)  # nothing kept without --quiz
    assert main(["--home", str(home), "quiz", "chats"]) == 0
    assert "还没有聊天记录题" in capsys.readouterr().out
    assert main(["--home", str(home), "chats", "import", str(path), "--quiz"]) == 0
    assert "新留下 2 条" in capsys.readouterr().out
    assert main(["--home", str(home), "quiz", "chats", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {q["text"] for q in listed} >= {"你们这个一般几天能发货呀"}
    assert main(["--home", str(home), "quiz", "settings", "--chat", "on"]) == 0
    assert "聊天记录题 开" in capsys.readouterr().out
    assert main(["--home", str(home), "quiz", "chats", "--remove", "77"]) == 2
    assert "77" in capsys.readouterr().err
    assert main(["--home", str(home), "quiz", "chats", "--clear"]) == 0
    assert "已删除 2 道" in capsys.readouterr().out
