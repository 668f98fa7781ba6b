"""The search box: it keeps the focus while the agent moves in the result list and copies with the keyboard.

Up/Down/PageUp/PageDown move the selection (``move_requested``), Enter copies (``activated``), Ctrl+1…Ctrl+9
copy the n-th result (``copy_nth``), Esc clears (``escape_pressed``), Ctrl+E shows the examples
(``examples_requested``), Ctrl+P plays or pauses the install video (``video_requested``). While a Chinese input method is composing (non-empty preedit), Enter and Esc belong to
the input method and are never taken as commands.

A Ctrl/Alt key that reaches the box was not taken by Qt's shortcut map: that happens when the window is not the
active window for Qt (a session without a window manager, some remote desktops) — Alt+2 would then type "2".
:func:`dispatch_shortcut` runs the window's matching shortcut, action or menu mnemonic itself instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QInputMethodEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QKeySequenceEdit,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

PAGE = 8
"""Rows moved by PageUp/PageDown."""

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}

_EDIT_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.MoveToPreviousWord,
    QKeySequence.StandardKey.SelectNextWord,
    QKeySequence.StandardKey.SelectPreviousWord,
)
"""Keys the line edit itself uses: never re-dispatched as window shortcuts."""


def dispatch_shortcut(widget: QWidget, event: QKeyEvent) -> bool:
    """Run the shortcut of ``widget``'s window that ``event`` matches (a QShortcut, a QAction, a menu's Alt+letter);
    False when none does. For keys Qt's shortcut map did not take because the window was not active for Qt."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return False
    if any(event.matches(key) for key in _EDIT_KEYS):
        return False
    pressed = QKeySequence(event.keyCombination())
    window = widget.window()
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and any(
            k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
            for k in shortcut.keys()  # noqa: SIM118 (a Qt list, not a dict)
        ):
            shortcut.activated.emit()
            return True
    for action in window.findChildren(QAction):
        if action.isEnabled() and any(
            k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for k in action.shortcuts()
        ):
            action.trigger()
            return True
    if mods == Qt.KeyboardModifier.AltModifier and isinstance(window, QMainWindow):
        bar = window.menuBar()
        for action in bar.actions():
            if action.isVisible() and QKeySequence.mnemonic(action.text()).matches(pressed) == (
                QKeySequence.SequenceMatch.ExactMatch
            ):
                bar.setActiveAction(action)
                return True
    return False


class SearchBox(QLineEdit):
    move_requested = Signal(int)
    activated = Signal()
    copy_nth = Signal(int)
    escape_pressed = Signal()
    shop_step = Signal(int)
    """Ctrl+PageUp (-1) / Ctrl+PageDown (+1): the previous / next shop."""
    examples_requested = Signal()
    """Ctrl+E: show or fold the previewed entry's example dialogues."""
    video_requested = Signal()
    """Ctrl+P: play or pause the previewed entry's install video."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._composing = False
        self.setClearButtonEnabled(True)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)

    @property
    def composing(self) -> bool:
        """True while an input method shows uncommitted text (pinyin being typed)."""
        return self._composing

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def event(self, event: QEvent) -> bool:
        # Ctrl+digit must reach keyPressEvent even where a shortcut elsewhere would claim it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                self._is_copy_nth(event)
                or self._is_examples(event)
                or self._is_video(event)
                or (
                    event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
                    and not self._composing
                )
            )
        ):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _is_copy_nth(event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return mods == Qt.KeyboardModifier.ControlModifier and event.key() in _DIGITS

    @staticmethod
    def _is_examples(event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return mods == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_E

    @staticmethod
    def _is_video(event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return mods == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_P

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._composing:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                event.accept()  # belongs to the input method: neither a copy nor something for the parent
                return
            super().keyPressEvent(event)
            return
        if self._is_copy_nth(event):
            self.copy_nth.emit(_DIGITS[Qt.Key(key)])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        if self._is_examples(event):
            self.examples_requested.emit()
            return
        if self._is_video(event):
            self.video_requested.emit()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key in (
            Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown,
        ):
            self.shop_step.emit(-1 if key == Qt.Key.Key_PageUp else 1)
            return
        moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -PAGE, Qt.Key.Key_PageDown: PAGE}
        if key in moves:
            self.move_requested.emit(moves[Qt.Key(key)])
            return
        if dispatch_shortcut(self, event):
            return
        super().keyPressEvent(event)


def accepts_typing(widget: QObject | None) -> bool:
    """True for widgets where typed text belongs to the widget itself (editable text, spin boxes …)."""
    if isinstance(widget, QLineEdit | QKeySequenceEdit | QAbstractSpinBox):
        return True
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    parent = widget.parent() if isinstance(widget, QWidget) else None
    # the viewport of a text edit receives the keys of its editor
    return isinstance(parent, QTextEdit | QPlainTextEdit) and not parent.isReadOnly()


def typing_in(widget: QObject | None) -> bool:
    """True when ``widget`` or one of its ancestors takes typing (a key that an edit ignored travels up from it)."""
    while isinstance(widget, QWidget):
        if accepts_typing(widget):
            return True
        widget = widget.parentWidget()
    return False


class KeyForwarder(QObject):
    """Sends keystrokes typed on non-text widgets inside ``scope`` to ``target`` (the search box).

    Installed on the application: the agent can click a result or a category and keep typing. Nothing is forwarded
    while the focus is in a widget that takes typing (the customer panel's fields, the variant combo's editor …),
    nor from such a widget or its children: a key an edit ignored travels up to its parents and must stop there.
    """

    def __init__(self, scope: QWidget, target: SearchBox) -> None:
        super().__init__(scope)
        self._scope = scope
        self._target = target
        self._forwarding = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            self._forwarding
            or event.type() != QEvent.Type.KeyPress
            or obj is self._target
            or not isinstance(obj, QWidget)
        ):
            return False  # (_forwarding: a key the search box ignored travels up to its parents; let it)
        if not self._target.isVisible() or not (obj is self._scope or self._scope.isAncestorOf(obj)):
            return False
        if not isinstance(event, QKeyEvent) or typing_in(obj):
            return False
        focus = QApplication.focusWidget()
        if focus is not None and (obj is focus or obj.isAncestorOf(focus)) and typing_in(focus):
            return (
                False  # Enter, Esc or an arrow in the customer panel's fields belongs to them, not to copying
            )
            # (and a key the search box itself ignored is not sent back to it)
        key = event.key()
        text = event.text()
        printable = (
            bool(text)
            and text.isprintable()
            and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        )
        commands = {
            Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Up, Qt.Key.Key_Down,
            Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Backspace,
        }  # fmt: skip
        if not (printable or key in commands or SearchBox._is_copy_nth(event)):
            return False
        self._target.setFocus(Qt.FocusReason.OtherFocusReason)
        forwarded = QKeyEvent(event.type(), key, event.modifiers(), text, event.isAutoRepeat(), event.count())
        self._forwarding = True
        try:
            QApplication.sendEvent(self._target, forwarded)
        finally:
            self._forwarding = False
        return True
