# ruff: noqa: F811  (pytest fixtures imported from test_coaching are used as parameters)
"""Training pages through the widgets: the SOP walk-through (keys, progress, shop), flash cards, a drill, and a quiz
asking real customer messages from chat records once the supervisor switches that source on."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from csdesk.core import chatquiz, training
from csdesk.core.library import Library
from csdesk.gui.coaching.sopwalk import SopWalkPage
from csdesk.gui.coaching.training import DrillPage, FlashCardsPage, QuizPage
from csdesk.gui.mainwindow import MainWindow
from tests.core.test_chatquiz import chat_file
from tests.gui.clicks import click_check_box
from tests.gui.test_coaching import _chinese_ui, answer_right, open_coaching, window  # noqa: F401

FURNITURE = "木几家居旗舰店"


def select_shop(qtbot: Any, combo: Any, name: str) -> None:
    """Pick a shop the way a person does: focus the combo and press keys until it shows ``name``."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == name:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == name


def test_sop_walk_through_by_keys_with_progress_and_shop(window: MainWindow, qtbot: Any) -> None:
    lib = window.lib
    page = open_coaching(qtbot, window, "流程走查")
    walk = page.walk
    assert isinstance(walk, SopWalkPage)
    sops = [s for s in lib.sops.all() if s.steps]
    assert walk.list.count() == len(sops) and walk.overall.text() == f"已走完 0 / {len(sops)} 个流程"
    first = sops[0]
    walk.list.setFocus()
    assert walk.title.text() == first.name and walk.counter.text() == f"第 1 / {len(first.steps)} 步"
    step_entry = lib.get(first.steps[0].entry_id or "")
    assert (
        step_entry.title in walk.view.toPlainText() and first.steps[0].instruction in walk.view.toPlainText()
    )
    assert walk.progress.value() == 1 and walk.progress.maximum() == len(first.steps)
    qtbot.keyClick(walk.list, Qt.Key.Key_Right)
    assert walk.counter.text() == f"第 2 / {len(first.steps)} 步" and walk.progress.value() == 2
    qtbot.keyClick(walk.list, Qt.Key.Key_Left)
    assert walk.counter.text().startswith("第 1 /")
    qtbot.keyClick(walk.list, Qt.Key.Key_Left)  # never before the first step
    assert walk.counter.text().startswith("第 1 /") and not walk.prev_button.isEnabled()
    for _ in range(len(first.steps) - 1):
        qtbot.keyClick(walk.list, Qt.Key.Key_Return)
    assert walk.next_button.text().startswith("走完") and walk.list.currentRow() == 0
    qtbot.keyClick(walk.list, Qt.Key.Key_Return)  # the last step: walked, on to the next SOP
    assert walk.status.text() == f"✓ 已走完「{first.name}」。"
    assert walk.list.currentRow() == 1 and walk.title.text() == sops[1].name
    assert walk.overall.text() == f"已走完 1 / {len(sops)} 个流程" and walk.list.item(0).text().startswith(
        "✓"
    )
    assert walk.counter.text() == f"第 1 / {len(sops[1].steps)} 步"
    qtbot.keyClick(walk.list, Qt.Key.Key_Down)  # ↑/↓ pick another SOP
    assert walk.title.text() == sops[2].name
    # a step without a script shows what its instruction names (按质量问题流程 → that SOP)
    complaint = next(s for s in sops if s.name == "差评挽回")
    walk.list.setCurrentRow(sops.index(complaint))
    for _ in range(len(complaint.steps) - 2):
        qtbot.mouseClick(walk.next_button, Qt.MouseButton.LeftButton)
    assert "客户反映质量问题" in walk.view.toPlainText()
    # the shop filter: the furniture shop's SOPs plus the shared ones, not the other shops' own
    select_shop(qtbot, walk.shop, FURNITURE)
    names = [walk.list.item(i).text().strip(" ✓") for i in range(walk.list.count())]
    assert "家具安装遇到问题" in names and len(names) == len(lib.sops.all(shop=FURNITURE))
    # the walked SOP stays walked in a new page (kept in the library per agent)
    again = SopWalkPage(lib)
    qtbot.addWidget(again)
    assert again.overall.text() == f"已走完 1 / {len(sops)} 个流程"


def test_sop_walk_without_sops_says_so(tmp_path: Path, qtbot: Any) -> None:
    with Library.open(tmp_path / "empty", demo=False) as lib:
        walk = SopWalkPage(lib)
        qtbot.addWidget(walk)
        assert walk.list.count() == 0 and "这里没有流程" in walk.title.text()
        qtbot.mouseClick(walk.next_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
        assert not walk.next_button.isEnabled() and walk.counter.text() == ""


def test_flash_cards_turn_and_step_by_keys_and_filter(demo_lib: Library, qtbot: Any) -> None:
    cards = FlashCardsPage(demo_lib)
    qtbot.addWidget(cards)
    cards.show()
    total = len(cards.cards)
    assert cards.counter.text() == f"1 / {total}" and "想一想" in cards.back.toPlainText()
    first = cards.cards[0]
    focus = cards  # shown, the page has the focus: Space and ←/→ work at once
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    assert first.reply[:10] in cards.back.toPlainText()
    qtbot.keyClick(focus, Qt.Key.Key_Right)
    assert cards.counter.text() == f"2 / {total}" and "想一想" in cards.back.toPlainText()
    qtbot.keyClick(focus, Qt.Key.Key_Left)
    qtbot.keyClick(focus, Qt.Key.Key_Left)  # wraps to the last card
    assert cards.counter.text() == f"{total} / {total}"
    select_shop(qtbot, cards.shop, FURNITURE)
    assert 0 < len(cards.cards) < total
    assert {c.shop for c in cards.cards} <= {FURNITURE, "通用"}
    cards.category.setFocus()
    qtbot.keyClick(cards.category, Qt.Key.Key_Down)
    category = cards.category.currentText()
    assert cards.cards and all(c.category.split("/")[0] == category for c in cards.cards)


def test_drill_from_a_good_example_turn_by_turn(demo_lib: Library, qtbot: Any) -> None:
    page = DrillPage(demo_lib)
    qtbot.addWidget(page)
    page.show()
    example = next(i for i, d in enumerate(page.drills) if d.title.startswith("范例"))
    page.picker.setCurrentIndex(example)
    drill = page.drills[example]
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert drill.turns[0].customer[:8] in page.transcript.toPlainText()
    for turn in drill.turns:
        page.typed.setText(turn.expected_text)  # the standard reply, typed
        qtbot.keyClick(page.typed, Qt.Key.Key_Return)
    text = page.transcript.toPlainText()
    assert f"演练结束:{len(drill.turns)} / {len(drill.turns)} 轮接近标准回复" in text
    assert "好的范例" in text and not page.answer_button.isEnabled()


def test_quiz_asks_chat_messages_once_switched_on(demo_lib: Library, tmp_path: Path, qtbot: Any) -> None:
    chatquiz.keep(demo_lib, chatquiz.find_answered(demo_lib, [chat_file(demo_lib, tmp_path)]))
    kept = {q.entry_id: q.text for q in chatquiz.kept(demo_lib)}
    demo_lib.set_setting("agent_name", "新人")
    quiz = QuizPage(demo_lib)
    qtbot.addWidget(quiz)
    quiz.show()
    quiz.rng = random.Random(3)
    assert quiz.chat.text() == "聊天记录题(2 条)" and not quiz.chat.isChecked()
    quiz.count.setValue(200)
    quiz.time_limit.setValue(0)
    qtbot.mouseClick(quiz.chat, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(quiz.save_button, Qt.MouseButton.LeftButton)
    assert training.quiz_settings(demo_lib).chat_questions
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    asked: dict[str, str] = {}
    while quiz.run is not None and quiz.run.current is not None:
        question = quiz.run.current
        if question.entry_id in kept:
            asked[question.entry_id] = quiz.prompt.text()
            answer_right(qtbot, quiz, demo_lib)
        else:
            qtbot.mouseClick(quiz.skip_button, Qt.MouseButton.LeftButton)
    assert asked == kept  # the real customer messages were asked, with the entry that answered them
    result = training.quiz_results(demo_lib)[0]
    assert {i["prompt"] for i in result.items if i["correct"]} == set(kept.values())


def test_quiz_settings_and_ab_tests_need_supervisor_mode_once_a_pin_is_set(
    window: MainWindow, qtbot: Any
) -> None:
    """An agent cannot lower the pass mark (saving asks for the PIN; a quiz runs with the saved settings) nor start
    a test; the supervisor's PIN lets both through."""
    from csdesk.core import abtest, pin
    from csdesk.gui.manage.supervisor import PinDialog
    from tests.gui.test_coaching import on_modal

    lib = window.lib
    pin.set_pin(lib, "2468")
    lib.set_setting("editor_name", "主管")  # else unlocking asks the name first
    page = open_coaching(qtbot, window, "考核")
    quiz = page.quiz
    quiz.pass_mark.setValue(0)

    def cancel(dialog: Any) -> None:
        assert isinstance(dialog, PinDialog)
        dialog.reject()

    on_modal(qtbot, cancel)
    qtbot.mouseClick(quiz.save_button, Qt.MouseButton.LeftButton)
    assert training.quiz_settings(lib).pass_mark == 80 and quiz.pass_mark.value() == 80
    quiz.pass_mark.setValue(0)  # changed but not saved: the quiz still asks 80
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    assert quiz.run is not None and quiz.run.settings.pass_mark == 80 and "没有保存" in quiz.feedback.text()
    click = open_coaching(qtbot, window, "A/B 测试")
    on_modal(qtbot, cancel)
    qtbot.mouseClick(click.abtests.new_button, Qt.MouseButton.LeftButton)
    assert abtest.tests(lib) == []

    def unlock(dialog: Any) -> None:
        assert isinstance(dialog, PinDialog)
        dialog.findChild(QLineEdit).setText("2468")
        qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Return)

    open_coaching(qtbot, window, "考核")
    quiz.pass_mark.setValue(60)
    on_modal(qtbot, unlock)
    qtbot.mouseClick(quiz.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: training.quiz_settings(lib).pass_mark == 60)


def test_a_quiz_without_an_agent_name_asks_it_first(demo_lib: Library, qtbot: Any) -> None:
    """Results are kept per agent: a machine without a name asks it before the quiz (none given: no quiz)."""
    from PySide6.QtWidgets import QInputDialog

    from tests.gui.test_coaching import on_modal

    demo_lib.set_setting("agent_name", "")
    demo_lib.set_setting("editor_name", "")
    assert not demo_lib.agent
    quiz = QuizPage(demo_lib)
    qtbot.addWidget(quiz)
    quiz.show()

    def answer(name: str) -> Any:
        def fill(dialog: Any) -> None:
            assert isinstance(dialog, QInputDialog)
            dialog.setTextValue(name)
            dialog.accept()

        return fill

    on_modal(qtbot, answer("  "))
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    assert quiz.run is None and "名字" in quiz.feedback.text()
    on_modal(qtbot, answer("小林"))
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    assert quiz.run is not None and demo_lib.agent == "小林"
    while quiz.run is not None:
        qtbot.mouseClick(quiz.skip_button, Qt.MouseButton.LeftButton)
    assert training.quiz_results(demo_lib, agent="小林")[0].total == quiz.count.value()


def test_start_dialog_is_wide_enough_to_read_the_wordings(demo_lib: Library, qtbot: Any) -> None:
    """At 1920×1080 the dialog opened 340 px wide and cut each wording after a dozen characters."""
    from csdesk.gui.coaching.abtests import StartTestDialog

    entry = demo_lib.find("yh")
    assert entry is not None and entry.variants
    dialog = StartTestDialog(demo_lib, entry)
    qtbot.addWidget(dialog)
    assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance("中" * 60)
    assert dialog.arms.item(0).toolTip() == entry.reply
    assert dialog.arms.item(1).toolTip() == entry.variants[0].reply


def test_orders_csv_bad_file_says_why_and_changes_nothing(
    window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """导入订单 CSV with a file of the wrong shape: a message in Chinese, no outcome recorded; then the needed-sample
    line does not contradict a significant result."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from csdesk.core import abtest
    from tests.gui.test_coaching import SHOP, on_modal

    lib = window.lib
    entry = lib.find("cd", shop=SHOP)
    assert entry is not None
    test = abtest.start_test(lib, entry.id)
    lib.log_copy(entry.id, customer="小美")
    page = open_coaching(qtbot, window, "A/B 测试")
    qtbot.mouseClick(page.abtests.refresh_button, Qt.MouseButton.LeftButton)
    bad = tmp_path / "orders.csv"
    bad.write_text("客户昵称,时间,是否下单\n小美,昨天下午,是\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(bad), "")))
    shown: list[str] = []

    def read(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.text() + box.informativeText())
        box.accept()

    on_modal(qtbot, read)
    qtbot.mouseClick(page.abtests.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert "昨天下午" in shown[0] and "YYYY-MM-DD" in shown[0]
    assert abtest.results(lib, test).arms[0].marked + abtest.results(lib, test).arms[1].marked == 0
    rng = random.Random(4)
    for i in range(120):
        lib.log_copy(entry.id, customer=f"客{i}")
        pending = abtest.last_copy(lib)
        assert pending is not None
        abtest.mark_outcome(lib, pending.copy_id, rng.random() < (0.6 if pending.arm == "B" else 0.2))
    qtbot.mouseClick(page.abtests.refresh_button, Qt.MouseButton.LeftButton)
    assert "差异显著" in page.abtests.verdict.text()
    assert "才能下结论" not in page.abtests.needed.text()


def test_results_page_adds_the_team_agents_results(demo_lib: Library, tmp_path: Path, qtbot: Any) -> None:
    from csdesk.core import abtest
    from csdesk.gui.coaching.training import ResultsPage

    team = tmp_path / "team"
    with Library.open(tmp_path / "agent", agent="小王") as other:
        run = training.start_quiz(other, settings=training.QuizSettings(count=1), rng=random.Random(1))
        run.answer(None, 1)
        run.finish()
        abtest.sync_team(other, team)
    demo_lib.set_setting("team_folder", str(team))
    page = ResultsPage(demo_lib)
    qtbot.addWidget(page)
    page.show()
    assert page.table.rowCount() == 0
    click_check_box(qtbot, page.team_box)
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "小王"
    assert page.agent.findData("小王") >= 0
