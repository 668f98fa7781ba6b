"""The restore dialog (File → 备份与恢复…, supervisor mode) and the automatic backups of a running app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from csdesk.core.backups import Backups
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui import backupdialog
from csdesk.gui.backupdialog import BackupDialog, BackupScheduler
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "home", demo=False)
    library.create(EntryDraft(reply="备份里就有的回复"))
    yield library
    library.close()


@pytest.fixture
def window(lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    settings.set("close_to_tray", False)
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()
    win.close()


def _answer_next_box(button: QMessageBox.StandardButton) -> None:
    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_dialog_backs_up_and_restores(window: MainWindow, lib: Library, qtbot: Any) -> None:
    if window.manage is not None:
        window.manage.session.set_initial_pin("246813")  # supervisor mode
    opened: list[BackupDialog] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BackupDialog):
            QTimer.singleShot(10, drive)
            return
        opened.append(dialog)
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: dialog.table.rowCount() == 1 and dialog.create_button.isEnabled(), timeout=10000
        )
        lib.create(EntryDraft(reply="备份之后才有的回复"))
        rect = dialog.table.visualItemRect(dialog.table.item(0, 0))
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        _answer_next_box(QMessageBox.StandardButton.Yes)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: dialog.table.rowCount() == 2 and dialog.create_button.isEnabled(), timeout=15000
        )
        dialog.reject()

    QTimer.singleShot(0, drive)
    window.backup_action.trigger()
    assert opened
    assert {e.reply for e in lib.entries.all()} == {"备份里就有的回复"}
    kinds = sorted(b.kind for b in Backups(lib).list())
    assert kinds == ["manual", "restore"]


def test_scheduler_backs_up_at_start_only_when_changed(
    lib: Library, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backupdialog, "START_DELAY_MS", 0)
    scheduler = BackupScheduler(lib, interval_s=3600)
    qtbot.waitUntil(lambda: len(Backups(lib).list()) == 1 and not scheduler._busy, timeout=10000)
    assert Backups(lib).list()[0].kind == "start"
    scheduler.run("interval")  # nothing changed since: no new backup
    qtbot.waitUntil(lambda: not scheduler._busy, timeout=10000)
    assert len(Backups(lib).list()) == 1
    scheduler.timer.stop()
    scheduler.deleteLater()
