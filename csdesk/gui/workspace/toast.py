"""A small non-modal "已复制" note that fades by itself and never takes the focus."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from csdesk.gui.workspace.windowing import bring_to_front, floating_flags


class Toast(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            floating_flags() | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setStyleSheet(
            "#toast { background: #212529; border-radius: 8px; }"
            "#toast QLabel { color: #f8f9fa; padding: 2px 4px; }"
            "#toast QPushButton { color: #a5d8ff; background: transparent; border: 1px solid #495057;"
            " border-radius: 4px; padding: 2px 8px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.label.setObjectName("toastText")
        layout.addWidget(self.label)
        self._buttons: list[QPushButton] = []
        self._layout = layout
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_message(
        self,
        text: str,
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
        *,
        anchor: QWidget | None = None,
        timeout_ms: int | None = None,
    ) -> None:
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        self.label.setText(text)
        for label, callback in actions:
            button = QPushButton(label)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(callback)
            button.clicked.connect(self.hide)
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.adjustSize()
        self.move(self._position(anchor))
        self.show()
        bring_to_front(self, activate=False)
        self._timer.start(timeout_ms or (6000 if actions else 1800))

    def _position(self, anchor: QWidget | None) -> QPoint:
        if anchor is not None and anchor.isVisible():
            window = anchor.window()
            geo = window.frameGeometry()
            return QPoint(geo.center().x() - self.width() // 2, geo.bottom() - self.height() - 48)
        pos = QCursor.pos()
        screen = QGuiApplication.screenAt(pos) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = min(max(area.left(), pos.x() - self.width() // 2), area.right() - self.width())
        y = min(pos.y() + 24, area.bottom() - self.height())
        return QPoint(x, y)
