"""The first start's progress window: a new home's library (schema, built-in rules, the demo content) is created
behind a small window with a busy bar, so the agent sees at once that csdesk is starting.

A home that already has its library opens in a few milliseconds and shows no such window. The library is created
in a worker while the window's event loop keeps the bar moving; its errors reach the caller as they would from
``Library.open``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from csdesk.core.paths import HomeLayout
from csdesk.gui.workers import run_in_thread
from csdesk.gui.workspace.windowing import bring_to_front

if TYPE_CHECKING:
    from csdesk.core.library import Library


def is_new_home(home: Path) -> bool:
    """Whether opening ``home`` will create its library (no database file yet)."""
    return not HomeLayout(Path(home)).database.exists()


class StartupSplash(QFrame):
    """A frameless window in the middle of the screen: the app's name, what it is doing, a busy bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("startupSplash")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setWindowTitle(self.tr("csdesk 客服话术"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel(self.tr("csdesk 客服话术"))
        title.setStyleSheet("font-weight: bold;")
        self.message = QLabel(self.tr("第一次启动:正在创建话术库和演示内容…"))
        self.message.setObjectName("splashMessage")
        self.message.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("splashProgress")
        self.bar.setRange(0, 0)  # busy: the demo is one transaction, with no steps worth counting
        self.bar.setTextVisible(False)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        self.resize(420, self.sizeHint().height())

    def show_centered(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center().x() - self.width() // 2, area.center().y() - self.height() // 2)
        self.show()
        bring_to_front(self, activate=False)


def open_library(home: Path, *, demo: bool) -> Library:
    """``Library.open(home, demo=demo, build_index=False)``; a new home's library is created behind a
    :class:`StartupSplash` (the search index is built later, with the main window's progress bar)."""
    from csdesk.core.library import Library

    if not is_new_home(home):
        return Library.open(home, demo=demo, build_index=False)
    splash = StartupSplash()
    splash.show_centered()
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def done(lib: object) -> None:
        outcome["lib"] = lib
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    run_in_thread(lambda: Library.open(home, demo=demo, build_index=False), done, failed)
    loop.exec()
    splash.close()
    splash.deleteLater()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    lib = outcome["lib"]
    assert isinstance(lib, Library)
    return lib
