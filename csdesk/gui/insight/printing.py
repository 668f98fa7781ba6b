"""HTML to PDF through Qt's own printing (QTextDocument on a QPdfWriter): no browser, works offscreen.

The command line calls this too (``csdesk report x.pdf``, ``csdesk cheatsheet x.pdf``): without a running
application one is made, offscreen when there is no display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from csdesk.core.errors import CsdeskError

_app: QApplication | None = None


def _ensure_app() -> None:
    """A QApplication (not a bare QGuiApplication: whatever comes later in the process may need widgets)."""
    global _app
    if QGuiApplication.instance() is None:
        if (
            not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")
            and sys.platform.startswith("linux")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication(["csdesk"])


def html_to_pdf(html: str, path: Path, *, landscape: bool = False) -> Path:
    """Print ``html`` to an A4 PDF at ``path`` (pages break between table rows)."""
    _ensure_app()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "ab"):
            pass  # a clear error for a folder we cannot write, before Qt fails silently
    except OSError as exc:
        raise CsdeskError(f"无法写入「{path}」:{exc}", f"Cannot write '{path}': {exc}") from exc
    writer = QPdfWriter(str(path))
    writer.setResolution(120)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle("csdesk")
    document = QTextDocument()
    document.setHtml(html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer  # flushes the file
    return path
