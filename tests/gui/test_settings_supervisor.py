"""The supervisor settings in 设置…: the lock timeout and the copy check are shown to everyone, changeable only in
supervisor mode (the box's 进入主管模式… asks for the PIN), saved through the settings registry, and take effect."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from csdesk.core import redlines
from csdesk.core.library import Library
from csdesk.gui.manage.supervisor import PinDialog
from csdesk.gui.settings import Settings
from csdesk.gui.settingsdialog import SettingsDialog
from tests.gui.clicks import click_check_box
from tests.gui.manage_helpers import TEST_PIN, lib  # noqa: F401


@pytest.fixture
def window(lib: Library, settings: Settings, qtbot: Any) -> Iterator[Any]:  # noqa: F811
    from csdesk.gui.mainwindow import MainWindow

    settings.set("close_to_tray", False)
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    yield win
    win.shutdown()
    win.close()


def _save(qtbot: Any, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(
        box.button(QDialogButtonBox.StandardButton.Save) or box.buttons()[0], Qt.MouseButton.LeftButton
    )


def _open(window: Any, monkeypatch: pytest.MonkeyPatch, act: Any) -> list[SettingsDialog]:
    """File → 设置… as a person opens it; ``act(dialog)`` runs while it is open (instead of the modal loop)."""
    seen: list[SettingsDialog] = []

    def run(dialog: SettingsDialog) -> int:
        seen.append(dialog)
        dialog.show()
        act(dialog)
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", run)
    window.settings_action.trigger()
    return seen


def test_unlock_change_both_and_they_take_effect(
    qtbot: Any,
    window: Any,
    lib: Library,  # noqa: F811
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def give_pin(dialog: PinDialog) -> int:
        dialog.session.set_initial_pin(TEST_PIN)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(PinDialog, "exec", give_pin)

    def act(dialog: SettingsDialog) -> None:
        assert not dialog.idle_minutes.isEnabled() and not dialog.copy_check.isEnabled()
        assert dialog.unlock_button.isVisible()
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        assert dialog.idle_minutes.isEnabled() and dialog.copy_check.isEnabled()
        assert not dialog.unlock_button.isVisible()
        dialog.idle_minutes.setValue(25)
        click_check_box(qtbot, dialog.copy_check)  # on → off
        _save(qtbot, dialog)

    assert redlines.copy_checks_red_lines(lib)
    seen = _open(window, monkeypatch, act)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    assert settings.get("supervisor_idle_minutes") == 25
    assert window.manage.session.idle_interval_ms() == 25 * 60_000
    assert window.manage.session._idle.interval() == 25 * 60_000  # the running timer follows at once
    assert not redlines.copy_checks_red_lines(lib)  # what the copier and `csdesk copy` read
    assert settings.library_get(lib, redlines.COPY_CHECK_SETTING) is False


def test_locked_the_fields_are_read_only_and_nothing_changes(
    qtbot: Any,
    window: Any,
    lib: Library,  # noqa: F811
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(PinDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected.value))
    session = window.manage.session
    session.set_initial_pin(TEST_PIN)

    def act(dialog: SettingsDialog) -> None:
        assert dialog.idle_minutes.isEnabled()  # open while unlocked
        dialog.idle_minutes.setValue(3)
        dialog.copy_check.setChecked(False)
        session.lock()  # locked meanwhile (idle, or the lock button): the half-made change goes
        assert not dialog.idle_minutes.isEnabled() and not dialog.copy_check.isEnabled()
        assert dialog.idle_minutes.value() == 10 and dialog.copy_check.isChecked()
        assert "主管模式" in dialog.supervisor_note.text() or "supervisor" in dialog.supervisor_note.text()
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)  # the PIN is refused
        assert not dialog.copy_check.isEnabled()
        dialog.idle_minutes.setValue(3)  # even set from code while disabled: not saved
        _save(qtbot, dialog)

    _open(window, monkeypatch, act)
    assert settings.get("supervisor_idle_minutes") == 10
    assert redlines.copy_checks_red_lines(lib)
