"""The agent's first team update in the app, on a home that already holds the demo: asked once whether the team
library replaces the untouched demo content; the publish dialog carries a change note."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from csdesk import team, teamupdate
from csdesk.core.library import Library
from csdesk.gui.teamlibrary import PublishDialog, TeamSync
from csdesk.gui.workspace.events import LibraryEvents


@pytest.fixture
def agent(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "agent", demo=True)
    yield lib
    lib.close()


def _answer(qtbot: Any, button_name: str, seen: list[str]) -> None:
    """Click ``button_name`` in the question box once it is up (the box is modal: the test answers from a timer)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, click)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, button_name), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, click)


@pytest.mark.parametrize(("button", "replaced"), [("replaceDemo", True), ("keepDemo", False)])
def test_first_update_asks_about_the_demo_once(
    agent: Library, qtbot: Any, tmp_path: Path, button: str, replaced: bool
) -> None:
    supervisor = Library.open(tmp_path / "supervisor", demo=True, agent="王主管")
    try:
        share = tmp_path / "share"
        team.publish(supervisor, share, note="统一话术")
        published = len(supervisor.entries.all())
    finally:
        supervisor.close()
    events = LibraryEvents(agent)
    sync = TeamSync(agent, events)
    texts: list[str] = []
    sync.updated.connect(lambda _v, text: texts.append(text))
    agent.set_setting("team_folder", str(share))  # the sync checks a new folder at once
    seen: list[str] = []
    _answer(qtbot, button, seen)
    qtbot.waitUntil(lambda: bool(texts), timeout=60000)
    assert seen and "演示内容" in seen[0]
    assert agent.setting(teamupdate.SETTING_DEMO) is replaced
    origins = {e.origin for e in agent.entries.all()}
    assert (origins == {"team"}) is replaced and (len(agent.entries.all()) == published) is replaced
    assert agent.find("bj").origin == "team"  # the team entry has the code either way
    assert "发布人:王主管" in texts[0] and "说明:统一话术" in texts[0]
    assert teamupdate.demo_question(agent) == 0  # never asked again
    sync.shutdown()


def test_publish_dialog_sends_the_change_note(qtbot: Any, tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "supervisor", demo=False, agent="王主管")
    try:
        dialog = PublishDialog(lib)
        qtbot.addWidget(dialog)
        dialog.folder_edit.setText(str(tmp_path / "share"))
        dialog.note_edit.setText("新增双十一话术")
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_End)
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.status_label.text() == "已发布第 1 版", timeout=10000)
        info = json.loads((tmp_path / "share" / team.VERSION_NAME).read_text(encoding="utf-8"))
        assert info["note"] == "新增双十一话术" and info["publisher"] == "王主管"
    finally:
        lib.close()
