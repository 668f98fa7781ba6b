"""The 测试与培训 tab and the workspace's outcome bar, through the widgets: a quiz end to end, a timed-out question,
the A/B test dialog (a bad split, then a good start), ending with a promotion, marking an outcome with F8."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QPushButton, QWidget

from csdesk.core import abtest, training
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui.coaching.abtests import StartTestDialog
from csdesk.gui.coaching.page import CoachingPage
from csdesk.gui.coaching.training import QuizPage
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.manage.page_support import EntryPickerDialog
from csdesk.gui.settings import Settings

SHOP = "栖木女装旗舰店"


@pytest.fixture(autouse=True)
def _chinese_ui(qapp: QApplication) -> Iterator[None]:
    """Messages from the core follow the UI language: Chinese here, whatever the machine's locale."""
    before = qapp.property("csdesk_language")
    qapp.setProperty("csdesk_language", "zh_CN")
    yield
    qapp.setProperty("csdesk_language", before)


@pytest.fixture
def window(demo_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    settings.set("close_to_tray", False)
    settings.set("last_shop", SHOP)
    demo_lib.set_setting("agent_name", "新人")  # quiz results are kept per agent (no name: the quiz asks it)
    win = MainWindow(demo_lib, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.workspace.wait_idle())
    yield win
    win.shutdown()
    win.close()


def click_tab(qtbot: Any, tabs: Any, text: str) -> None:
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == text)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def open_coaching(qtbot: Any, window: MainWindow, sub: str) -> CoachingPage:
    click_tab(qtbot, window.tabs, "测试与培训")
    page = window.coaching
    assert isinstance(page, CoachingPage)
    click_tab(qtbot, page, sub)
    return page


def on_modal(qtbot: Any, action: Callable[[QWidget], None]) -> list[QWidget]:
    """Run ``action`` on the next modal dialog as soon as it opens."""
    seen: list[QWidget] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal in seen:
            QTimer.singleShot(10, poll)
            return
        seen.append(modal)
        try:
            action(modal)
        except BaseException:
            if isinstance(modal, QDialog) and modal.isVisible():
                modal.reject()
            raise

    QTimer.singleShot(0, poll)
    return seen


def answer_right(qtbot: Any, quiz: QuizPage, lib: Library) -> None:
    """Find the expected reply the real way: type its title, move down to it, press Enter."""
    assert quiz.run is not None and quiz.run.current is not None
    expected = lib.get(quiz.run.current.entry_id)
    quiz.search.box.setText(expected.title)
    qtbot.waitUntil(lambda: quiz.search.model.rowCount() > 0)
    ids = [quiz.search.model.hit(r).entry_id for r in range(quiz.search.model.rowCount())]
    assert expected.id in ids
    for _ in range(ids.index(expected.id)):
        qtbot.keyClick(quiz.search.box, Qt.Key.Key_Down)
    assert quiz.search.chosen() == expected.id
    qtbot.keyClick(quiz.search.box, Qt.Key.Key_Return)


def test_quiz_end_to_end_with_retry_and_results(window: MainWindow, qtbot: Any) -> None:
    lib = window.lib
    page = open_coaching(qtbot, window, "考核")
    quiz = page.quiz
    quiz.rng = random.Random(16)
    quiz.count.setValue(3)
    quiz.pass_mark.setValue(80)
    quiz.time_limit.setValue(0)
    qtbot.mouseClick(quiz.save_button, Qt.MouseButton.LeftButton)
    assert training.quiz_settings(lib).count == 3
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    assert quiz.progress.text() == "第 1 / 3 题" and quiz.prompt.text()
    answer_right(qtbot, quiz, lib)
    assert quiz.feedback.text().startswith("✓")
    missed = quiz.run.current.entry_id if quiz.run and quiz.run.current else ""
    qtbot.mouseClick(quiz.skip_button, Qt.MouseButton.LeftButton)
    assert quiz.feedback.text().startswith("✗") and lib.get(missed).title in quiz.feedback.text()
    answer_right(qtbot, quiz, lib)
    assert "得分 67 分(2 / 3)" in quiz.summary.text() and "未通过" in quiz.summary.text()
    assert quiz.misses.rowCount() == 3
    miss_row = next(r for r in range(3) if quiz.misses.item(r, 0).text().startswith("✗"))
    assert lib.get(missed).title in quiz.misses.item(miss_row, 1).text()
    assert quiz.retry_button.isEnabled()
    qtbot.mouseClick(quiz.retry_button, Qt.MouseButton.LeftButton)
    assert quiz.progress.text() == "第 1 / 1 题" and quiz.run is not None
    assert quiz.run.current is not None and quiz.run.current.entry_id == missed
    answer_right(qtbot, quiz, lib)
    assert "得分 100 分" in quiz.summary.text() and "通过" in quiz.summary.text()
    stored = training.quiz_results(lib)
    assert [r.score for r in stored] == [100, 67]
    click_tab(qtbot, page, "考核成绩")
    assert page.results.table.rowCount() == 2


def test_quiz_question_times_out(demo_lib: Library, qtbot: Any) -> None:
    demo_lib.set_setting("agent_name", "新人")
    quiz = QuizPage(demo_lib)
    qtbot.addWidget(quiz)
    quiz.show()
    quiz.count.setValue(1)
    quiz.time_limit.setValue(1)
    qtbot.mouseClick(quiz.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: quiz.pages.currentIndex() == 2, timeout=4000)
    assert "超时" in quiz.feedback.text() and "得分 0 分" in quiz.summary.text()
    assert training.quiz_results(demo_lib)[0].items[0]["timed_out"]


def test_quiz_without_questions_says_why(tmp_path: Path, qtbot: Any) -> None:
    empty_lib = Library.open(tmp_path / "empty", demo=False)
    empty_lib.set_setting("agent_name", "新人")
    quiz = QuizPage(empty_lib)
    qtbot.addWidget(quiz)
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    assert "没有可出题的条目" in quiz.feedback.text() and quiz.pages.currentIndex() == 0
    empty_lib.close()


def test_start_a_test_in_the_dialog_end_it_and_promote(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = window.lib
    entry = lib.find("cd", shop=SHOP)
    page = open_coaching(qtbot, window, "A/B 测试")
    monkeypatch.setattr(EntryPickerDialog, "pick", staticmethod(lambda *_args, **_kw: entry.id))
    errors: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, StartTestDialog)
        dialog.split.setText("60/30/10")  # three numbers for two wordings: refused, the dialog stays open

        def dismiss(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            errors.append(box.text())
            box.accept()

        on_modal(qtbot, dismiss)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and abtest.tests(lib) == []
        dialog.split.setText("50/50")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    on_modal(qtbot, fill)
    qtbot.mouseClick(page.abtests.new_button, Qt.MouseButton.LeftButton)
    assert errors and "分流比例" in errors[0]
    [test] = abtest.tests(lib)
    assert page.abtests.tests.rowCount() == 1 and "还没有结果" in page.abtests.verdict.text()
    rng = random.Random(4)
    for i in range(80):
        lib.log_copy(entry.id, customer=f"客{i}")
        pending = abtest.last_copy(lib)
        assert pending is not None
        abtest.mark_outcome(lib, pending.copy_id, rng.random() < (0.7 if pending.arm == "B" else 0.2))
    qtbot.mouseClick(page.abtests.refresh_button, Qt.MouseButton.LeftButton)
    assert "B 比 A 更好的把握" in page.abtests.verdict.text()
    assert page.abtests.promote.currentData() == "B"

    def yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    on_modal(qtbot, yes)
    qtbot.mouseClick(page.abtests.end_button, Qt.MouseButton.LeftButton)
    ended = abtest.get_test(lib, test.id)
    assert ended.status == "ended" and ended.winner == "B"
    assert lib.get(entry.id).reply == entry.variants[0].reply
    assert not page.abtests.end_button.isEnabled()
    qtbot.waitUntil(window.workspace.wait_idle)  # the promotion re-ran the workspace's search: let it land
    qtbot.wait(100)


def test_outcome_bar_after_a_test_copy_and_f8(window: MainWindow, qtbot: Any) -> None:
    lib = window.lib
    ws = window.workspace
    made = lib.create(EntryDraft(reply="亲,48 小时内发货哦", title="发货时间", code="abfh", shop=SHOP))
    lib.variants.add(made.id, "亲,今天下单,明天就能发~", label="快发")
    entry = lib.get(made.id)
    test = abtest.start_test(lib, entry.id)
    bar = ws.outcome_bar
    assert not bar.isVisible()
    ws.search.setText("/abfh")
    qtbot.waitUntil(ws.wait_idle)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    qtbot.waitUntil(bar.isVisible)
    assert "A/B 测试" in bar.label.text() and "成交" in bar.label.text()
    copied = QApplication.clipboard().text()
    assert copied in (entry.reply, entry.variants[0].reply)
    assert ws.search.hasFocus()  # the bar never takes the focus: the next copy is one key away
    qtbot.keyClick(ws.search, Qt.Key.Key_F8)
    assert not bar.isVisible()
    counts = abtest.local_counts(lib, test)
    assert sum(c["successes"] for c in counts.values()) == 1
    # the next copy is offered again; the close button leaves it unmarked
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    qtbot.waitUntil(bar.isVisible)
    qtbot.mouseClick(bar.findChild(QPushButton, "abMissed"), Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    counts = abtest.local_counts(lib, test)
    assert sum(c["marked"] for c in counts.values()) == 2
    # a copy of an entry outside any test offers nothing
    lib.create(EntryDraft(reply="好的亲,马上为您查询~", code="abck", shop=SHOP))
    ws.search.setText("/abck")
    qtbot.waitUntil(ws.wait_idle)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert not bar.isVisible()
