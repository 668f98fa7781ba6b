"""The palette: a compact, frameless, always-on-top search near the mouse, summoned by the global hotkey.

Enter copies and hides it, so the focus goes back to the chat window the agent came from; Esc hides it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from csdesk.core.library import Change, Library
from csdesk.core.models import SHARED_SHOP_NAME, SearchHit
from csdesk.gui.theme import follow_font
from csdesk.gui.workspace.copier import Copier, CopyRequest
from csdesk.gui.workspace.delegate import ResultDelegate
from csdesk.gui.workspace.events import LibraryEvents
from csdesk.gui.workspace.models import ResultListModel
from csdesk.gui.workspace.searchbox import SearchBox
from csdesk.gui.workspace.searcher import CodeLookup, SearchController
from csdesk.gui.workspace.windowing import ForegroundWindow, bring_to_front, floating_flags
from csdesk.gui.workspace.workspace import ResultList, code_message


class Palette(QFrame):
    def __init__(
        self,
        lib: Library,
        copier: Copier,
        *,
        shop: Callable[[], str | None] = lambda: None,
        customer: Callable[[], tuple[str, tuple[str, ...]]] = lambda: ("", ()),
        events: LibraryEvents | None = None,
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
        self._lib = lib
        self._foreground = ForegroundWindow()
        self._pending: int | None = None
        self._in_dialog = False
        self._code: CodeLookup | None = None
        self._shown_shop: str | None = None
        """The shop the palette's query and results belong to: another shop starts with an empty query."""

        self.shop_label = QLabel()
        self.shop_label.setObjectName("paletteShop")
        self.shop_label.setStyleSheet("color: palette(placeholder-text);")
        follow_font(self.shop_label, 0.9)
        self.search = SearchBox()
        self.search.setObjectName("paletteSearch")
        self.search.setPlaceholderText(self.tr("搜话术,Enter 复制,Esc 关闭"))
        self.search.setMinimumHeight(34)
        self.search.setStyleSheet("QLineEdit { padding: 2px 6px; }")
        follow_font(self.search, 1.3)
        self.model = ResultListModel(self)
        self._refresh_asset_kinds()
        self.results = ResultList(self.model, ResultDelegate(self, asset_kinds=self.model.asset_kinds))
        self.results.setObjectName("paletteResults")
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.info.setObjectName("paletteInfo")
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color: palette(placeholder-text);")
        follow_font(self.info, 0.9)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.shop_label)
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
        if events is not None:
            events.changed.connect(self._library_changed)

    # -- showing -------------------------------------------------------------------------------------------
    def summon(self) -> None:
        """Show near the mouse (on the screen under it), with the search box focused and selected."""
        self._foreground.remember()
        self._follow(self._shop())
        self.controller.set_customer_tags(self._customer()[1])
        self.move(self._place())
        self.show()
        bring_to_front(self)
        self.search.setFocus()
        self.search.selectAll()
        self.controller.refresh()

    def follow_shop(self, shop: str | None) -> None:
        """The main window switched shops: an open palette switches too (a closed one does when summoned)."""
        if self.isVisible():
            self._follow(shop)

    def _follow(self, shop: str | None) -> None:
        if shop != self._shown_shop:
            # the last query was for another shop ("找到 0 条" there means nothing here): start empty
            self._shown_shop = shop
            self.search.clear()
            self.controller.set_shop(shop)
        name = self.tr("通用") if shop in (None, SHARED_SHOP_NAME) else shop
        self.shop_label.setText(self.tr("店铺:%1").replace("%1", name or ""))

    def toggle(self) -> None:
        if self.isVisible():
            self.dismiss()
        else:
            self.summon()

    def dismiss(self) -> None:
        if self.search.text():
            self.controller.abandon()
        self.hide()
        self._give_focus_back()

    def _give_focus_back(self) -> None:
        """Back to the window the agent came from (the chat client), not to csdesk's main window: asked now, and
        once more shortly after, when the window manager handed the focus to one of our windows meanwhile."""
        if not self._foreground.restore():
            return

        def again() -> None:
            if not self.isVisible() and QGuiApplication.focusWindow() is not None:
                self._foreground.restore()

        QTimer.singleShot(150, self, again)  # (bound to the palette: never runs after it is gone)

    def _around_dialog(self, opening: bool) -> None:
        """The fill-in and red-line dialogs open in front: the always-on-top palette steps aside meanwhile."""
        self._in_dialog = opening
        if opening:
            self.hide()

    def _library_changed(self, change: Change) -> None:
        if change.kind in ("assets", "entries", "all"):
            self._refresh_asset_kinds()
            self.results.viewport().update()
        if self.isVisible() and change.kind in ("entries", "shops", "assets", "placeholders", "all"):
            self.controller.refresh()

    def _refresh_asset_kinds(self) -> None:
        self.model.asset_kinds.clear()
        self.model.asset_kinds.update({a.id: a.kind for a in self._lib.assets.all()})

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
    def _show_results(self, hits: list[SearchHit], query: str, code: CodeLookup | None = None) -> None:
        self.model.set_hits(hits)
        self._code = code
        if hits and (code is None or code.usable):
            self.results.select_row(
                0
            )  # a /code that does not exist selects nothing: Enter must not copy a guess
        if code is not None and not code.usable:
            self.info.setText(code_message(code, self._lib))
        else:
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
        if n == 0 and not index.isValid():
            return  # nothing selected (a /code that does not exist): Enter copies nothing
        hit = self.model.hit(index.row() if n == 0 else n - 1)
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
        done = self._copier.copy(request, parent=self, anchor=None, around_dialog=self._around_dialog)
        if done:
            self.controller.mark_copied()
            self.search.selectAll()
            self.hide()
            self._give_focus_back()
        elif not self.isVisible():  # a dialog was cancelled: the palette comes back for another try
            self.show()
            bring_to_front(self)
            self.search.setFocus()
