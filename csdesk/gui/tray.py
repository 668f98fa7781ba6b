"""The tray icon: keeps csdesk resident (on X11 the clipboard dies with its owner) and offers quick actions."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


class Tray(QObject):
    show_requested = Signal()
    palette_requested = Signal()
    on_top_toggled = Signal(bool)
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.menu = QMenu()
        self.show_action = QAction(self.tr("显示主窗口"), self)
        self.show_action.triggered.connect(self.show_requested)
        self.palette_action = QAction(self.tr("快速搜索"), self)
        self.palette_action.triggered.connect(self.palette_requested)
        self.on_top_action = QAction(self.tr("窗口置顶(侧边栏)"), self)
        self.on_top_action.setCheckable(True)
        self.on_top_action.toggled.connect(self.on_top_toggled)
        self.quit_action = QAction(self.tr("退出"), self)
        self.quit_action.triggered.connect(self.quit_requested)
        for action in (self.show_action, self.palette_action, self.on_top_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon: QSystemTrayIcon | None = None
        if self.available:
            self.icon = QSystemTrayIcon(icon, self)
            self.icon.setToolTip(self.tr("csdesk 客服话术"))
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.show()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        self.menu.deleteLater()
