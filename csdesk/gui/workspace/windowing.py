"""Bringing a window to the front, where the platform can (offscreen/minimal platforms cannot raise)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_HEADLESS = ("offscreen", "minimal")


def bring_to_front(widget: QWidget, *, activate: bool = True) -> None:
    if QGuiApplication.platformName() in _HEADLESS:
        return
    widget.raise_()
    if activate:
        widget.activateWindow()


def on_top_hint() -> Qt.WindowType:
    """WindowStaysOnTopHint, except on headless platforms (which cannot stack windows and warn about it)."""
    if QGuiApplication.platformName() in _HEADLESS:
        return Qt.WindowType.Widget
    return Qt.WindowType.WindowStaysOnTopHint


def floating_flags() -> Qt.WindowType:
    """A frameless tool window above the others (headless platforms: a plain frameless window, see above)."""
    if QGuiApplication.platformName() in _HEADLESS:
        return Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
    return Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
