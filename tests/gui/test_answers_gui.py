# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""The workspace's 没有把握 state and the entry editor's 学到的问法, through the widgets.

The meaning layer runs for real with a tiny static model folder (fast and deterministic); the calibration is moved
to make every hit unsure, or every hit sure, to see both states.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from csdesk.core import answers
from csdesk.core.library import Library
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from tests.gui.manage_helpers import bench, lib, unlocked  # noqa: F401

SHOP = "栖木女装旗舰店"
MESSAGE = "衣服洗了一次就缩水了怎么办"


def tiny_model(folder: Path) -> Path:
    vocab = sorted(set("衣服洗了一次就缩水怎么办问题开线跳线孕妇小孩能吃吗发货退款尺码"))
    folder.mkdir()
    (folder / "csdesk-embedder.json").write_text(
        json.dumps({"kind": "static", "name": "tiny"}), encoding="utf-8"
    )
    (folder / "vocab.txt").write_text("\n".join(vocab), encoding="utf-8")
    np.save(folder / "vectors.npy", np.random.default_rng(3).normal(size=(len(vocab), 16)).astype(np.float32))
    return folder


@pytest.fixture
def meaning_window(
    tmp_path: Path, settings: Settings, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setenv("CSDESK_EMBEDDER", str(tiny_model(tmp_path / "model")))
    library = Library.open(tmp_path / "home", demo=True)
    assert library.answers.wait(60)
    settings.set("close_to_tray", False)
    settings.set("last_shop", SHOP)
    settings.set("check_before_copy", False)
    win = MainWindow(library, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.workspace.wait_idle())
    yield win
    win.shutdown()
    win.close()
    library.close()


def test_unsure_first_hit_is_not_offered_as_the_answer(
    meaning_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = meaning_window.workspace
    monkeypatch.setattr(answers, "_CAL_BIAS", -60.0)  # nothing is sure
    QGuiApplication.clipboard().setText("before")
    ws.search.setText(MESSAGE)
    qtbot.waitUntil(ws.wait_idle, timeout=5000)
    assert ws.result_model.hits()
    assert "没有把握" in ws.result_info.text()
    assert not ws.results.currentIndex().isValid()
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)  # Enter copies nothing until a row is picked
    assert QGuiApplication.clipboard().text() == "before"
    qtbot.keyClick(ws.search, Qt.Key.Key_Down)
    assert ws.results.currentIndex().row() == 0


def test_sure_first_hit_is_selected(
    meaning_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = meaning_window.workspace
    monkeypatch.setattr(answers, "_CAL_BIAS", 60.0)  # everything is sure
    ws.search.setText(MESSAGE)
    qtbot.waitUntil(ws.wait_idle, timeout=5000)
    assert "没有把握" not in ws.result_info.text()
    assert ws.results.currentIndex().row() == 0


def test_learned_phrasings_promote_and_delete_in_the_editor(qtbot: Any, unlocked: Any, lib: Any) -> None:
    entry = next(e for e in lib.entries.all() if e.code == "ss")
    lib.log_copy(entry.id, query="裙子洗完变小了", shop=SHOP)
    lib.log_copy(entry.id, query="裙子洗完变小了", shop=SHOP)
    lib.log_copy(entry.id, query="洗了以后短了一截", shop=SHOP)
    page = unlocked.entries_page
    page.select_entry(entry.id)
    box = page.editor.learned_box
    assert [box.list.item(i).text() for i in range(box.list.count())] == [
        "裙子洗完变小了  ×2",
        "洗了以后短了一截  ×1",
    ]
    assert not box.promote_button.isEnabled()
    box.list.setCurrentRow(0)
    qtbot.mouseClick(box.promote_button, Qt.MouseButton.LeftButton)
    assert "裙子洗完变小了" in lib.get(entry.id).similar
    assert "裙子洗完变小了" in page.editor.similar_edit.toPlainText()
    assert box.list.count() == 1
    box.list.setCurrentRow(0)
    qtbot.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    assert box.list.count() == 0
    assert lib.answers.learned.for_entry(entry.id) == []


def test_promoting_and_deleting_a_learned_phrasing_are_undone_and_redone(
    qtbot: Any, unlocked: Any, lib: Any
) -> None:
    """Both buttons go through the workbench's undo stack: 撤销 brings the phrasing back (with its count) and the
    similar questions as they were; 重做 does it again."""
    entry = next(e for e in lib.entries.all() if e.code == "ss")
    similar_before = lib.get(entry.id).similar
    for _ in range(3):
        lib.log_copy(entry.id, query="裙子洗完变小了", shop=SHOP)
    lib.log_copy(entry.id, query="洗了以后短了一截", shop=SHOP)
    page = unlocked.entries_page
    page.select_entry(entry.id)
    box = page.editor.learned_box

    def shown() -> list[str]:
        return [box.list.item(i).text() for i in range(box.list.count())]

    box.list.setCurrentRow(0)
    qtbot.mouseClick(box.promote_button, Qt.MouseButton.LeftButton)
    assert lib.get(entry.id).similar == (*similar_before, "裙子洗完变小了")
    assert shown() == ["洗了以后短了一截  ×1"]
    assert unlocked.undo_action.isEnabled()

    unlocked.undo_action.trigger()
    assert lib.get(entry.id).similar == similar_before
    assert shown() == ["裙子洗完变小了  ×3", "洗了以后短了一截  ×1"]
    assert "裙子洗完变小了" not in page.editor.similar_edit.toPlainText()

    unlocked.redo_action.trigger()
    assert lib.get(entry.id).similar == (*similar_before, "裙子洗完变小了")
    assert shown() == ["洗了以后短了一截  ×1"]

    box.list.setCurrentRow(0)
    qtbot.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    assert shown() == [] and lib.answers.learned.for_entry(entry.id) == []
    unlocked.undo_action.trigger()
    assert shown() == ["洗了以后短了一截  ×1"]
    assert [p.count for p in lib.answers.learned.for_entry(entry.id)] == [1]
    unlocked.undo_action.trigger()  # and the promotion before it
    assert shown() == ["裙子洗完变小了  ×3", "洗了以后短了一截  ×1"]
    assert lib.get(entry.id).similar == similar_before
