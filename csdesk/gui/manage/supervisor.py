"""Supervisor mode: a PIN unlocks editing of the shared library; idle time locks it again.

Agents see the library read-only (their own personal entries aside). The PIN is set on first use, stored only as a
salted slow hash (:mod:`csdesk.core.pin`), and wrong attempts are slowed down exponentially — the count and the
wait are kept in the library, so restarting does not reset them; the dialog shows the wait and counts down, nothing
sleeps on the UI thread. Any key or mouse input anywhere in the app
restarts the idle timer (setting ``supervisor_idle_minutes``; 0 never locks).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from csdesk.core import pin as pin_mod
from csdesk.core import teamguard
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.pin import AttemptResult, PinThrottle
from csdesk.gui.errors import error_text
from csdesk.gui.settings import Settings

_ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class SupervisorSession(QObject):
    """Whether supervisor mode is on. ``unlocked``/``locked`` fire on every change; ``changed(bool)`` too.

    ``idle_locking`` fires just before the idle timer locks (still unlocked), so unsaved work can be put aside.
    """

    unlocked = Signal()
    locked = Signal()
    changed = Signal(bool)
    idle_locking = Signal()

    def __init__(
        self, lib: Library, settings: Settings | None = None, parent: QObject | None = None, *,
        clock: Callable[[], float] = time.time,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.lib = lib
        self.settings = settings
        self.throttle = PinThrottle(clock, store=lib)  # wall clock: the wait survives a restart
        self._unlocked = False
        self._team_unlocked = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._idle_override_ms: int | None = None
        self._filter_installed = False
        if settings is not None:
            settings.changed.connect(self._setting_changed)

    # state
    @property
    def is_unlocked(self) -> bool:
        return self._unlocked

    def has_pin(self) -> bool:
        return pin_mod.has_pin(self.lib)

    def idle_interval_ms(self) -> int:
        if self._idle_override_ms is not None:
            return self._idle_override_ms
        minutes = int(self.settings.get("supervisor_idle_minutes")) if self.settings is not None else 10
        return max(0, minutes) * 60_000

    def set_idle_interval_ms(self, ms: int | None) -> None:
        """Override the idle time (tests, or a caller with its own preference); None goes back to the setting."""
        self._idle_override_ms = ms
        self._restart_idle()

    # PIN
    def set_initial_pin(self, new_pin: str) -> None:
        """Set the first PIN and unlock. Raises ValidationError/PermissionDeniedError (a PIN already exists)."""
        pin_mod.set_pin(self.lib, new_pin, old_pin=None)
        self._team_unlocked = teamguard.check_team_pin(self.lib, new_pin)
        self._set_unlocked(True)

    @property
    def team_unlocked(self) -> bool:
        """Whether team entries may be edited: unlocked with the team's PIN, or the team published none."""
        return self._unlocked and (self._team_unlocked or not teamguard.team_pin_required(self.lib))

    def unlock(self, pin: str) -> AttemptResult:
        """The library's PIN unlocks supervisor mode; the team's PIN (see csdesk.core.teamguard) unlocks it with the
        team entries too."""
        team_pin = False

        def check() -> bool:
            nonlocal team_pin
            team_pin = teamguard.check_team_pin(self.lib, pin)
            return team_pin or pin_mod.check_pin(self.lib, pin)

        result = self.throttle.attempt(check)
        if result.ok:
            self._team_unlocked = team_pin
            self._set_unlocked(True)
        return result

    def change_pin(self, old_pin: str, new_pin: str) -> AttemptResult:
        """Change the PIN; a wrong old PIN counts as a wrong attempt."""
        pin_mod.validate_pin(new_pin)
        result = self.throttle.attempt(lambda: pin_mod.check_pin(self.lib, old_pin))
        if result.ok:
            pin_mod.set_pin(self.lib, new_pin, old_pin=old_pin)
        return result

    def lock(self) -> None:
        self._team_unlocked = False
        self._set_unlocked(False)

    # internals
    def _set_unlocked(self, value: bool) -> None:
        if value == self._unlocked:
            self._restart_idle()
            return
        self._unlocked = value
        app = QGuiApplication.instance()
        if value:
            if app is not None and not self._filter_installed:
                app.installEventFilter(self)
                self._filter_installed = True
            self._restart_idle()
            self.unlocked.emit()
        else:
            self._idle.stop()
            if app is not None and self._filter_installed:
                app.removeEventFilter(self)
                self._filter_installed = False
            self.locked.emit()
        self.changed.emit(value)

    def _restart_idle(self) -> None:
        interval = self.idle_interval_ms()
        if self._unlocked and interval > 0:
            self._idle.start(interval)
        else:
            self._idle.stop()

    def _on_idle(self) -> None:
        if self._unlocked:
            self.idle_locking.emit()
        self.lock()

    def _setting_changed(self, key: str) -> None:
        if key == "supervisor_idle_minutes":
            self._restart_idle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._unlocked and event.type() in _ACTIVITY_EVENTS and self._idle.isActive():
            self._idle.start()
        return False

    def shutdown(self) -> None:
        if not shiboken6.isValid(self):
            return
        self._idle.stop()
        app = QGuiApplication.instance()
        if app is not None and self._filter_installed:
            app.removeEventFilter(self)
            self._filter_installed = False


class AgentNameDialog(QDialog):
    """Asks who is making changes, once, when no agent name is set: entries record it as 更新人."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("你的名字"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr("修改话术库时,每个条目会记下是谁改的。请输入你的名字(以后可以在「设置」里修改)。")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(40)
        self.name_edit.setPlaceholderText(self.tr("如:主管-林"))
        layout.addWidget(self.name_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("以后再说"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.name_edit.text().strip())
        )

    def name(self) -> str:
        return self.name_edit.text().strip()

    @staticmethod
    def ask(parent: QWidget | None = None) -> str:
        """Show the dialog; the name typed, or "" when put off. Tests patch this."""
        dialog = AgentNameDialog(parent)
        try:
            return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else ""
        finally:
            dialog.deleteLater()


class PinDialog(QDialog):
    """Set, enter or change the supervisor PIN. ``mode`` is ``set``, ``unlock`` or ``change``."""

    def __init__(
        self, session: SupervisorSession, mode: str, parent: QWidget | None = None, *, reason: str = ""
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.mode = mode
        self.setWindowTitle(
            {
                "set": self.tr("设置主管 PIN"),
                "unlock": self.tr("进入主管模式"),
                "change": self.tr("修改主管 PIN"),
            }[mode]
        )
        layout = QVBoxLayout(self)
        if reason:
            why = QLabel(reason)
            why.setWordWrap(True)
            why.setStyleSheet("font-weight: bold;")
            layout.addWidget(why)
        intro = {
            "set": self.tr(
                "第一次使用主管模式,请设置一个 4–12 位数字的 PIN。\n只有知道 PIN 的人才能修改话术库。"
            ),
            "unlock": self.tr("输入主管 PIN 以修改话术库。"),
            "change": self.tr("输入原 PIN 和新的 PIN(4–12 位数字)。"),
        }[mode]
        layout.addWidget(QLabel(intro))
        form = QFormLayout()
        self.old_edit = self._pin_edit()
        self.new_edit = self._pin_edit()
        self.confirm_edit = self._pin_edit()
        if mode == "unlock":
            form.addRow(self.tr("PIN:"), self.old_edit)
        if mode == "change":
            form.addRow(self.tr("原 PIN:"), self.old_edit)
        if mode in ("set", "change"):
            form.addRow(self.tr("新 PIN:"), self.new_edit)
            form.addRow(self.tr("再输一次:"), self.confirm_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("解锁") if mode == "unlock" else self.tr("确定")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._tick()

    def _pin_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(pin_mod.PIN_MAX_DIGITS)
        edit.setInputMethodHints(edit.inputMethodHints())
        return edit

    def _tick(self) -> None:
        wait = self.session.throttle.remaining()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if wait > 0 and self.mode != "set":
            ok.setEnabled(False)
            self.message.setText(self.tr("PIN 错误。请等 %1 秒后再试。").replace("%1", str(math.ceil(wait))))
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            ok.setEnabled(True)
            if self._countdown.isActive():
                self._countdown.stop()
                self.message.setText(self.tr("可以再试一次。"))

    def submit(self) -> None:
        try:
            if self.mode in ("set", "change"):
                new = self.new_edit.text()
                pin_mod.validate_pin(new)
                if new != self.confirm_edit.text():
                    self.message.setText(self.tr("两次输入的新 PIN 不一致。"))
                    return
            if self.mode == "set":
                self.session.set_initial_pin(self.new_edit.text())
                self.accept()
                return
            if self.mode == "unlock":
                result = self.session.unlock(self.old_edit.text())
            else:
                result = self.session.change_pin(self.old_edit.text(), self.new_edit.text())
        except CsdeskError as exc:
            self.message.setText(error_text(exc))
            return
        if result.ok:
            self.accept()
            return
        self.old_edit.clear()
        self.old_edit.setFocus()
        self._tick()
