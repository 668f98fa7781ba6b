"""Showing errors: a user's mistake gets a message box in their language; a bug gets a traceback in the log."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from csdesk.core.errors import CsdeskError

log = logging.getLogger(__name__)


def ui_language() -> str:
    """``zh`` or ``en``: the language the UI currently speaks (set by app start-up from the settings)."""
    app = QCoreApplication.instance()
    lang = app.property("csdesk_language") if app is not None else None
    if isinstance(lang, str) and lang:
        return "en" if lang.startswith("en") else "zh"
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def error_text(exc: BaseException) -> str:
    if isinstance(exc, CsdeskError):
        text = exc.localized(ui_language())
        return f"{text}\n{exc.hint}" if exc.hint else text
    return (
        QCoreApplication.translate("Errors", "出现了意外错误,详情已写入日志:")
        + f"\n{type(exc).__name__}: {exc}"
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    if not isinstance(exc, CsdeskError):
        log.error("unexpected error", exc_info=exc)
    QMessageBox.warning(
        parent, title or QCoreApplication.translate("Errors", "csdesk"), plain_text(error_text(exc))
    )


def plain_text(text: str) -> str:
    """``text`` for a widget that guesses the format (QMessageBox): names from the library or a file (``<h1>``,
    ``<img src=…>`` in a title) are shown as typed, never rendered as HTML."""
    if "<" not in text and "&" not in text:
        return text
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"
