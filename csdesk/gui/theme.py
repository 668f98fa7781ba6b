"""Light, dark or system colours, and the font size, applied to the whole application."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

PREFERRED_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
)

_default_point_size: float | None = None


def apply_theme(app: QApplication, theme: str) -> None:
    """``light``, ``dark`` or ``system`` through QStyleHints (Fusion follows the colour scheme everywhere)."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    scheme = {
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
    }.get(theme, Qt.ColorScheme.Unknown)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(scheme)


def apply_font(app: QApplication, point_size: int) -> None:
    """A CJK-friendly family and the chosen size (0 keeps the platform's default size)."""
    global _default_point_size
    font = QFont(app.font())
    if _default_point_size is None:
        _default_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    families = [f for f in PREFERRED_FONTS]
    font.setFamilies([*families, *font.families()])
    font.setPointSizeF(float(point_size) if point_size > 0 else _default_point_size)
    app.setFont(font)
