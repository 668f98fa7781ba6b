"""The palette: a compact, frameless, always-on-top search near the mouse, summoned by the global hotkey.

Enter copies and hides it, so the focus goes back to the chat window the agent came from; Esc hides it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from csdesk.core.library import Library
from csdesk.core.models import SearchHit
from csdesk.gui.workspace.copier import Copier, CopyRequest
from csdesk.gui.workspace.delegate import ResultDelegate
from csdesk.gui.workspace.models import ResultListModel
from csdesk.gui.workspace.searchbox import SearchBox
from csdesk.gui.workspace.searcher import SearchController
from csdesk.gui.workspace.windowing import bring_to_front, floating_flags
from csdesk.gui.workspace.workspace import ResultList


class _ForegroundWindow:
    """Remembers the window that was active before the palette showed, to give it the focus back (Windows)."""

    def __init__(self) -> None:
        self._hwnd = 0

    def remember(self) -> None:
        if sys.platform == "win32":
            import ctypes

            self._hwnd = int(ctypes.windll.user32.GetForegroundWindow())  # type: ignore[attr-defined]

    def restore(self) -> None:
        if sys.platform == "win32" and self._hwnd:
            import ctypes

            ctypes.windll.user32.SetForegroundWindow(self._hwnd)  # type: ignore[attr-defined]
        self._hwnd = 0


class Palette(QFrame):
    def __init__(
        self,
        lib: Library,
        copier: Copier,
        *,
        shop: Callable[[], str | None] = lambda: None,
        customer: Callable[[], tuple[str, tuple[str, ...]]] = lambda: ("", ()),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            parent,
            floating_flags(),
        )
        self.setObjectName("palette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#palette { border: 1px solid palette(highlight); border-radius: 6px; }")
        self._copier = copier
        self._shop = shop
        self._customer = customer
        self._foreground = _ForegroundWindow()
        self._pending: int | None = None

        self.search = SearchBox()
        self.search.setObjectName("paletteSearch")
        self.search.setPlaceholderText(self.tr("搜话术,Enter 复制,Esc 关闭"))
        self.search.setMinimumHeight(34)
        self.search.setStyleSheet("QLineEdit { font-size: 13pt; padding: 2px 6px; }")
        self.model = ResultListModel(self)
        self.model.asset_kinds.update({a.id: a.kind for a in lib.assets()})
        self.results = ResultList(self.model, ResultDelegate(self, asset_kinds=self.model.asset_kinds))
        self.results.setObjectName("paletteResults")
        self.info = QLabel()
        self.info.setStyleSheet("color: palette(placeholder-text); font-size: 9pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.info)
        self.resize(560, 420)

        self.controller = SearchController(lib, self, limit=30)
        self.controller.results_ready.connect(self._show_results)
        self.search.textChanged.connect(self.controller.set_query)
        self.search.move_requested.connect(self.results.move_selection)
        self.search.activated.connect(lambda: self.copy_row(0))
        self.search.copy_nth.connect(self.copy_row)
        self.search.escape_pressed.connect(self.dismiss)
        self.results.doubleClicked.connect(lambda index: self._copy(self.model.hit(index.row())))
        copier.copied.connect(lambda *_: self.controller.mark_copied())

    # -- showing -------------------------------------------------------------------------------------------
    def summon(self) -> None:
        """Show near the mouse (on the screen under it), with the search box focused and selected."""
        self._foreground.remember()
        self.controller.set_shop(self._shop())
        self.controller.set_customer_tags(self._customer()[1])
        self.move(self._place())
        self.show()
        bring_to_front(self)
        self.search.setFocus()
        self.search.selectAll()
        self.controller.refresh()

    def toggle(self) -> None:
        if self.isVisible():
            self.dismiss()
        else:
            self.summon()

    def dismiss(self) -> None:
        if self.search.text():
            self.controller.abandon()
        self.hide()
        self._foreground.restore()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.search.setFocus()

    def _place(self) -> QPoint:
        pos = QCursor.pos()
        screen = QGuiApplication.screenAt(pos) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = min(max(area.left(), pos.x() - self.width() // 2), area.right() - self.width())
        y = min(max(area.top(), pos.y() - 40), area.bottom() - self.height())
        return QPoint(x, y)

    # -- copying -------------------------------------------------------------------------------------------
    def _show_results(self, hits: list[SearchHit], query: str) -> None:
        self.model.set_hits(hits)
        if hits:
            self.results.select_row(0)
        self.info.setText(
            self.tr("找到 %1 条 · Ctrl+1…9 直接复制").replace("%1", str(len(hits)))
            if query.strip()
            else self.tr("常用话术 · 输入关键字、拼音首字母或 /编码")
        )
        pending, self._pending = self._pending, None
        if pending is not None and not self.controller.is_busy():
            self.copy_row(pending)

    def copy_row(self, n: int) -> None:
        if self.controller.is_busy():
            self._pending = n
            return
        index = self.results.currentIndex()
        hit = self.model.hit(index.row() if n == 0 and index.isValid() else n - 1)
        self._copy(hit)

    def _copy(self, hit: SearchHit | None) -> None:
        if hit is None:
            return
        nickname, _tags = self._customer()
        request = CopyRequest(
            hit.entry,
            variant_id=hit.variant_id,
            query=self.controller.query,
            shop=self._shop(),
            customer=nickname,
        )
        if self._copier.copy(request, parent=self, anchor=None):
            self.search.selectAll()
            self.hide()
            self._foreground.restore()
