"""Main-window tabs whose page is built when the tab is first opened (or the page is first asked for).

The supervisor workbench and the 测试与培训 page took more than half of the main window's construction, and an agent
may never open them: their tab holds a placeholder until then, so the agent's workspace is up sooner. A page that
fails to build shows a line instead of taking the workspace down with it.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QWidget

log = logging.getLogger(__name__)


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that resizes it: it fills the tab when there is room, scrolls when not."""
    area = QScrollArea()
    area.setObjectName(f"{page.objectName() or 'page'}Scroll")
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def installed(module: str) -> bool:
    """Whether a module a colleague ships separately is there (found without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


class LazyPage:
    """One tab of ``tabs``: a placeholder saying ``waiting`` until :meth:`page` builds the page with ``build``.

    The page sits in a scroll area: a wide page must not set the minimum width of the whole window (the side-panel
    mode is 480 px wide; a tab's minimum is the window's).
    """

    def __init__(
        self,
        tabs: QTabWidget,
        title: str,
        build: Callable[[], QWidget | None],
        *,
        name: str,
        waiting: str,
        failed: str,
    ) -> None:
        self._build = build
        self._failed_text = failed
        self._page: QWidget | None = None
        self.state = "pending"  # pending | built | failed
        placeholder = QLabel(waiting)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area = scrolling(placeholder)
        self.area.setObjectName(name)
        tabs.addTab(self.area, title)

    def built(self) -> QWidget | None:
        """The page if it has been built, without building it (a dialog asking after it must not cost a build)."""
        return self._page

    def page(self) -> QWidget | None:
        """The page, built now if it was not yet; None when it could not be built."""
        if self.state == "pending":
            self.state = "failed"
            try:
                page = self._build()
            except Exception:  # a colleague's page must not stop the agent's workspace from working
                log.exception("the page %s failed to open", self.area.objectName())
                page = None
            if page is None:
                failed = QLabel(self._failed_text)
                failed.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.area.setWidget(failed)
                return None
            self.state = "built"
            self._page = page
            self.area.setWidget(page)
        return self._page
