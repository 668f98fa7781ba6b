"""Light, dark or system colours, and the font size, applied to the whole application.

Colours: an explicit Fusion palette. ``QStyleHints.setColorScheme`` is asked too, but the xcb platform ignores it,
so the dark theme is a dark QPalette of its own; light is Fusion's standard palette; system follows the platform's
colour-scheme hint where there is one (light otherwise) and follows it when it changes.

Fonts: widgets that are bigger or smaller than the body text (the search box, titles, hints) call
:func:`follow_font` with a scale instead of hard-coding a point size in a style sheet, so the font size setting
reaches them too.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

PREFERRED_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
)

SYMBOLS_FAMILY = "csdesk Symbols"
"""resources/fonts/csdesk-symbols.ttf: ℃ and ℉, which WenQuanYi Micro Hei maps to an empty glyph (first in the chain)."""
_symbols_loaded: bool | None = None

_default_point_size: float | None = None
_theme = "system"
_following_scheme = False


def dark_palette() -> QPalette:
    """A dark Fusion palette (all colour groups; disabled text dimmed)."""
    palette = QPalette()
    window, base, text = QColor("#2b2d31"), QColor("#1e1f22"), QColor("#e8e8e8")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#313338"),
        QPalette.ColorRole.ToolTipBase: QColor("#3a3c42"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9a9ca3"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#383a40"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#4a4d55"),
        QPalette.ColorRole.Midlight: QColor("#40434a"),
        QPalette.ColorRole.Mid: QColor("#5c5f66"),
        QPalette.ColorRole.Dark: QColor("#1a1b1e"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: QColor("#4c8dff"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#74a7ff"),
        QPalette.ColorRole.LinkVisited: QColor("#b197fc"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    disabled = QColor("#7b7e85")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.HighlightedText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#3a3c42"))
    return palette


def _system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else Qt.ColorScheme.Unknown
    return scheme == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """``light``, ``dark`` or ``system``: Fusion with an explicit palette (see the module docstring)."""
    global _theme, _following_scheme
    _theme = theme
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(
            {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
        )
    dark = theme == "dark" or (theme not in ("light", "dark") and _system_is_dark())
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    restyle(app)
    if not _following_scheme and hasattr(hints, "colorSchemeChanged"):
        _following_scheme = True
        hints.colorSchemeChanged.connect(lambda _scheme: _scheme_changed(app))


def _scheme_changed(app: QApplication) -> None:
    if _theme not in ("light", "dark"):
        apply_theme(app, _theme)


def is_dark(widget: QWidget | None = None) -> bool:
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def apply_font(app: QApplication, point_size: int) -> None:
    """A CJK-friendly family and the chosen size (0 keeps the platform's default size)."""
    global _default_point_size
    font = QFont(app.font())
    if _default_point_size is None:
        _default_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    families = [*([SYMBOLS_FAMILY] if _load_symbols_font() else []), *PREFERRED_FONTS]
    font.setFamilies([*families, *dict.fromkeys(f for f in font.families() if f not in families)])
    font.setPointSizeF(float(point_size) if point_size > 0 else _default_point_size)
    app.setFont(font)
    restyle(app)


def restyle(app: QApplication) -> None:
    """Re-apply every widget's style sheet after a theme or font change.

    A style sheet's ``palette(base)`` is resolved when the sheet is set, and a sheet with a font property (``font-
    weight: bold``) pins the font it resolved then: without this the preview, the SOP list, the guidance pane kept
    their light colours in the dark theme, and labels and chips their old size, until a restart."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def _load_symbols_font() -> bool:
    """Register the app's small symbols font once (False when it is missing or cannot load)."""
    global _symbols_loaded
    if _symbols_loaded is None:
        from PySide6.QtGui import QFontDatabase

        from csdesk.core.resources import resource_path

        try:
            path = resource_path("fonts/csdesk-symbols.ttf")
        except FileNotFoundError:
            path = None
        _symbols_loaded = path is not None and QFontDatabase.addApplicationFont(str(path)) >= 0
    return bool(_symbols_loaded)


def body_point_size() -> float:
    size = QApplication.font().pointSizeF()
    return size if size > 0 else 10.0


class _FontFollower(QObject):
    """Keeps one widget's font at ``scale`` × the application font.

    Qt sends ApplicationFontChange to the application and its windows only, and a child with an explicit size never
    gets a FontChange: a watcher on the application re-applies every follower.
    """

    def __init__(self, widget: QWidget, scale: float, bold: bool | None) -> None:
        super().__init__(widget)
        self._widget = widget
        self.scale = scale
        self._bold = bold
        self.apply()

    def apply(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(round(body_point_size() * self.scale, 1))
        if self._bold is not None:
            font.setBold(self._bold)
        self._widget.setFont(font)


class _AppFontWatcher(QObject):
    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.followers: weakref.WeakSet[_FontFollower] = weakref.WeakSet()
        # the application's fontChanged signal, not an event filter on the application: such a filter is called
        # in Python for every event of every widget (thousands before the window first shows)
        app.fontChanged.connect(self._font_changed)

    def _font_changed(self, _font: QFont) -> None:
        for follower in list(self.followers):
            if shiboken6.isValid(follower):
                follower.apply()
            else:
                self.followers.discard(follower)


_watcher: _AppFontWatcher | None = None


def follow_font(widget: QWidget, scale: float = 1.0, *, bold: bool | None = None) -> None:
    """Give ``widget`` a font ``scale`` times the application's (the font size setting), now and after changes.

    The scales are relative to a 10 pt body text: 1.3 for the search box (13 pt), 0.9 for hints (9 pt) …
    """
    global _watcher
    app = QApplication.instance()
    if isinstance(app, QGuiApplication) and (_watcher is None or not shiboken6.isValid(_watcher)):
        _watcher = _AppFontWatcher(app)
    # findChild, not children(): wrapping a QLineEdit's private child for children() made PySide create ~180 enum
    # types, a quarter of a second at start-up
    existing = widget.findChild(_FontFollower, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(existing, _FontFollower):
        existing.scale = scale
        existing.apply()
        return
    follower = _FontFollower(widget, scale, bold)
    if _watcher is not None:
        _watcher.followers.add(follower)
