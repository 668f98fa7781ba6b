"""The main window at the agents' laptop size, opened on one shop, for the workspace tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from csdesk.core.library import Library
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings


@contextlib.contextmanager
def shown_window(
    lib: Library, settings: Settings, qtbot: Any, shop: str, size: tuple[int, int] = (1366, 740)
) -> Iterator[MainWindow]:
    """A shown main window on ``shop`` (1366×740 unless ``size`` says otherwise; closing quits, no tray), its first
    search settled; shut down after."""
    settings.set("close_to_tray", False)
    settings.set("last_shop", shop)
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitUntil(lambda: win.workspace.wait_idle())
    try:
        yield win
    finally:
        win.shutdown()
        win.close()
