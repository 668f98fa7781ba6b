"""The Qt binding itself: guards against a PySide6 release that would crash the app in long sessions."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit


def test_void_qt_calls_keep_none_alive(qapp: QApplication, qtbot: Any) -> None:
    """PySide6 6.12.0 drops a reference to ``None`` on every call that returns nothing.

    On Python 3.11 that kills the process ("none_dealloc") after a few thousand ``setText`` calls — a few hundred
    rows clicked through in the workbench. pyproject.toml keeps that release out; this test fails if it comes back.
    """
    line, label, combo = QLineEdit(), QLabel(), QComboBox()
    for widget in (line, label, combo):
        qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for i in range(1000):
        line.setText(str(i))
        label.setText(str(i))
        combo.addItem(str(i))
        line.setEnabled(bool(i % 2))
    combo.clear()
    # A handful of references may come and go with Python's own bookkeeping; a leak is one per call (4000 here).
    assert abs(sys.getrefcount(None) - before) < 100
