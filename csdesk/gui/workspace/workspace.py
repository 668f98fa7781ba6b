"""The agent's workspace (工作台): find a reply, copy it with one key, paste it into the chat.

Shop switcher and category tree on the left, the search box and the results in the middle, the preview and the
customer panel on the right. The search box keeps the focus: keys typed on other widgets are forwarded to it.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QSplitter,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.answers import is_unsure
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Change, Library
from csdesk.core.models import Customer, SearchHit
from csdesk.gui.coaching.outcome import OutcomeBar
from csdesk.gui.errors import error_text
from csdesk.gui.settings import Settings
from csdesk.gui.theme import follow_font
from csdesk.gui.workspace.copier import Copier, CopyRequest
from csdesk.gui.workspace.customer import CustomerPanel
from csdesk.gui.workspace.delegate import ResultDelegate
from csdesk.gui.workspace.events import LibraryEvents
from csdesk.gui.workspace.models import CategoryTreeModel, ResultListModel, ShopListModel
from csdesk.gui.workspace.preview import PreviewPane
from csdesk.gui.workspace.searchbox import KeyForwarder, SearchBox
from csdesk.gui.workspace.searcher import CodeLookup, SearchController

log = logging.getLogger(__name__)


def code_message(code: CodeLookup, lib: Library) -> str:
    """无此编码, or where the code is (another shop)."""
    if code.elsewhere:
        return (
            QCoreApplication.translate("Workspace", "当前店铺无此编码 /%1,它在店铺「%2」中")
            .replace("%1", code.code)
            .replace("%2", "、".join(code.elsewhere))
        )
    return QCoreApplication.translate("Workspace", "无此编码 /%1(下面是相近的结果,↓ 选中后再复制)").replace(
        "%1", code.code
    )


class ResultList(QListView):
    """The result list: rows painted by ResultDelegate, no focus of its own (the search box keeps it)."""

    def __init__(
        self, model: ResultListModel, delegate: ResultDelegate, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("results")
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.StyledPanel)

    def move_selection(self, delta: int) -> None:
        count = self.model().rowCount()
        if not count:
            return
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        self.select_row(max(0, min(count - 1, row + delta)))

    def select_row(self, row: int) -> None:
        index = self.model().index(row, 0)
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)


class Workspace(QWidget):
    status_message = Signal(str)
    shop_changed = Signal(object)
    """The shop name now in the switcher (None: none)."""

    def __init__(
        self,
        lib: Library,
        settings: Settings,
        copier: Copier,
        events: LibraryEvents,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self.lib = lib
        self.settings = settings
        self.copier = copier
        self._variant_choice: dict[str, str | None] = {}
        self._pending: int | None = None  # a copy asked for before the newest results arrived (0: selected)
        self._customer: Customer | None = None
        self._nickname = ""
        self._code: CodeLookup | None = None

        # -- left: shop and categories
        self.shop_model = ShopListModel(self)
        self.shop_combo = QComboBox()
        self.shop_combo.setObjectName("shopSwitcher")
        self.shop_combo.setModel(self.shop_model)
        self.shop_combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.shop_combo.setToolTip(
            self.tr("切换店铺(通用话术在每个店铺里都能搜到)· Ctrl+PgUp / Ctrl+PgDn 上一个 / 下一个店铺")
        )
        self.shop_combo.setMinimumContentsLength(8)
        self.shop_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category_model = CategoryTreeModel(self)
        self.category_tree = QTreeView()
        self.category_tree.setObjectName("categoryTree")
        self.category_tree.setModel(self.category_model)
        self.category_tree.setHeaderHidden(True)
        self.category_tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.category_tree.setUniformRowHeights(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        shop_label = QLabel(self.tr("店铺"))
        shop_label.setStyleSheet("font-weight: bold;")
        shop_label.setToolTip(self.tr("Ctrl+PgUp / Ctrl+PgDn 切换店铺"))
        left_layout.addWidget(shop_label)
        left_layout.addWidget(self.shop_combo)
        self._left_layout = left_layout
        category_label = QLabel(self.tr("分类"))
        category_label.setStyleSheet("font-weight: bold;")
        left_layout.addWidget(category_label)
        left_layout.addWidget(self.category_tree, 1)
        tag_label = QLabel(self.tr("条目标签"))
        tag_label.setStyleSheet("font-weight: bold;")
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.tag_filter.setToolTip(self.tr("只看带这个条目标签的话术(如 易售后、价格敏感型)"))
        self.tag_filter.setMinimumContentsLength(6)
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        left_layout.addWidget(tag_label)
        left_layout.addWidget(self.tag_filter)
        self.left = left

        # -- middle: search and results
        self.search = SearchBox()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("搜索话术:关键字 / 拼音首字母(cm = 尺码)/ /快捷编码"))
        self.search.setMinimumHeight(36)
        self.search.setStyleSheet("QLineEdit#searchBox { padding: 2px 8px; }")
        follow_font(self.search, 1.3)
        self.result_model = ResultListModel(self)
        self.delegate = ResultDelegate(self, asset_kinds=self.result_model.asset_kinds)
        self.results = ResultList(self.result_model, self.delegate)
        self.result_info = QLabel()
        self.result_info.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.result_info.setObjectName("resultInfo")
        self.result_info.setStyleSheet("color: palette(placeholder-text);")
        self.result_info.setWordWrap(True)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.results, 1)
        middle_layout.addWidget(self.result_info)
        self.outcome_bar = OutcomeBar(lib)  # A/B tests: mark the chat's outcome after a test copy
        middle_layout.addWidget(self.outcome_bar)
        copier.copied.connect(self.outcome_bar.copied)
        self._middle_layout = middle_layout
        self.middle = middle

        # -- right: preview and customer
        self.preview = PreviewPane(lib)
        self.customer_panel = CustomerPanel(lib)
        self.customer_panel.setObjectName("customerPanel")
        self.customer_scroll = QScrollArea()  # wrapped chips or a short window never hide a part of the panel
        self.customer_scroll.setObjectName("customerScroll")
        self.customer_scroll.setWidget(self.customer_panel)
        self.customer_scroll.setWidgetResizable(True)
        self.customer_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.customer_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.customer_scroll.setMinimumHeight(90)
        self.customer_panel.expanded_changed.connect(lambda _on: self._fit_customer())
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.preview)
        right.addWidget(self.customer_scroll)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        # The customer panel gets its whole height (tags and notes are what the agent reads there); the preview,
        # whose reply keeps at least five lines, takes the rest and every extra pixel when the window grows.
        right.setSizes([430, max(220, self.customer_panel.sizeHint().height())])
        self.right = right
        self._fit_customer()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([190, 520, 520])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        # -- behaviour
        self.controller = SearchController(lib, self)
        self.controller.results_ready.connect(self._show_results)
        self.controller.failed.connect(self._search_failed)
        self.search.textChanged.connect(self.controller.set_query)
        self.search.move_requested.connect(self.results.move_selection)
        self.search.activated.connect(lambda: self.copy_row(0))
        self.search.copy_nth.connect(self.copy_row)
        self.search.escape_pressed.connect(self.clear_search)
        self.search.shop_step.connect(self.step_shop)
        self.search.examples_requested.connect(self.preview.toggle_examples)
        self.search.video_requested.connect(self.preview.toggle_video)
        self.results.selectionModel().currentChanged.connect(self._current_changed)
        self.results.doubleClicked.connect(lambda index: self.copy_hit(self.result_model.hit(index.row())))
        self.shop_combo.currentIndexChanged.connect(self._shop_changed)
        self.category_tree.clicked.connect(self._category_clicked)
        self.tag_filter.activated.connect(self._tag_filter_chosen)
        self.preview.variant_chosen.connect(self._variant_chosen)
        self.preview.copy_asset_requested.connect(lambda asset: self.copier.copy_asset(asset, anchor=self))
        self.customer_panel.customer_changed.connect(self._customer_changed)
        events.changed.connect(self._library_changed)
        self._forwarder = KeyForwarder(self, self.search)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._forwarder)

        self._refresh_asset_kinds()
        self._load_tags()
        self._load_shops()
        self.controller.refresh()  # (not at once: the main window holds it until the window has painted)
        QTimer.singleShot(0, self.focus_search)

    # -- public --------------------------------------------------------------------------------------------
    @property
    def shop(self) -> str | None:
        shop = self.shop_model.shop(self.shop_combo.currentIndex())
        return shop.name if shop is not None else None

    @property
    def nickname(self) -> str:
        return self._nickname

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.selectAll()

    def set_query(self, text: str) -> None:
        self.search.setText(text)

    def wait_idle(self) -> bool:
        """True when no search is pending (tests)."""
        return not self.controller.is_busy()

    def current_hit(self) -> SearchHit | None:
        index = self.results.currentIndex()
        return self.result_model.hit(index.row()) if index.isValid() else None

    def clear_search(self) -> None:
        if self.search.text():
            self.controller.abandon()
            self.search.clear()
        self._pending = None

    def step_shop(self, delta: int) -> None:
        """The previous (-1) / next (+1) shop in the switcher, wrapping around (Ctrl+PgUp / Ctrl+PgDn)."""
        count = self.shop_combo.count()
        if count > 1:
            self.shop_combo.setCurrentIndex((self.shop_combo.currentIndex() + delta) % count)
            self.status_message.emit(self.tr("店铺:%1").replace("%1", self.shop_combo.currentText()))

    @property
    def compact(self) -> bool:
        return self.splitter.orientation() == Qt.Orientation.Vertical

    def set_compact(self, compact: bool) -> None:
        """Slim side-panel mode: one column (search, results, preview), no category column, only the customer's
        nickname and tags (no notes and fields), the 回复思路 pane folded away."""
        self.left.setVisible(not compact)
        # the shop selector moves above the search box: a side panel still switches shops
        if compact:
            self._middle_layout.insertWidget(0, self.shop_combo)
        else:
            self._left_layout.insertWidget(1, self.shop_combo)
        self.splitter.setOrientation(Qt.Orientation.Vertical if compact else Qt.Orientation.Horizontal)
        self.customer_panel.set_compact(compact)
        self.preview.set_compact(compact)
        self.delegate.one_line = compact
        self.results.doItemsLayout()
        if compact:
            self._fit_compact()
        else:
            self.results.setMinimumHeight(0)
            self.splitter.setSizes([190, 520, 520])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._fit_customer)  # the nickname line is taller or shorter now
            if self.compact:
                QTimer.singleShot(0, self, self._fit_compact)  # rows are taller or shorter now

    def compact_results_height(self, rows: int = 6) -> int:
        """The result list's height for ``rows`` whole rows at the current font (the side panel shows six)."""
        option = QStyleOptionViewItem()
        option.initFrom(self.results)
        row = self.delegate.sizeHint(option, self.result_model.index(0, 0)).height()
        return rows * row + 2 * self.results.frameWidth() + 2

    def _fit_compact(self) -> None:
        """Side panel: six whole results, the preview takes the rest."""
        self.results.setMinimumHeight(self.compact_results_height())
        middle = self.middle.minimumSizeHint().height()
        total = max(sum(self.splitter.sizes()), self.splitter.height(), middle + 200)
        self.splitter.setSizes([0, middle, max(1, total - middle)])

    # -- copying -------------------------------------------------------------------------------------------
    def copy_row(self, n: int) -> None:
        """Copy the n-th result (1-based); 0 copies the selected one. Waits for results still on their way."""
        if self.controller.is_busy():
            self._pending = n
            return
        if n == 0:
            hit = self.current_hit()
        else:
            hit = self.result_model.hit(n - 1)
            if hit is not None:
                self.results.select_row(n - 1)
        if hit is not None:
            self.copy_hit(hit)

    def copy_hit(self, hit: SearchHit | None) -> bool:
        if hit is None:
            return False
        request = CopyRequest(
            hit.entry,
            variant_id=self._variant_choice.get(hit.entry_id, hit.variant_id),
            query=self.controller.query,
            shop=self.shop,
            customer=self._nickname,
        )
        done = self.copier.copy(request, parent=self.window(), anchor=self)
        if done:
            self.controller.mark_copied()  # this surface's query only (not the palette's or the SOP view's)
            self.search.selectAll()
            self.status_message.emit(self.tr("已复制「%1」").replace("%1", hit.entry.title))
        self._update_preview()
        self.focus_search()
        return done

    # -- slots ---------------------------------------------------------------------------------------------
    def _show_results(self, hits: list[SearchHit], query: str, code: CodeLookup | None = None) -> None:
        self._code = code
        self.result_model.set_hits([self._with_choice(h) for h in hits])
        missing_code = code is not None and not code.usable
        unsure = bool(hits) and is_unsure(hits[0])
        if hits and not missing_code and not unsure:
            self.results.select_row(0)
        elif missing_code and code is not None:
            # nothing selected: Enter copies nothing until the agent picks a row (↓) or presses Ctrl+n
            self.preview.clear(code_message(code, self.lib))
        elif unsure:
            # 没有把握: no row is offered as the answer; Enter copies nothing until the agent picks one (↓)
            self.preview.clear(
                self.tr(
                    "没有把握:没有一条明显对得上「%1」。下面几条可能相关,请看清后用 ↓ 选中再复制。"
                ).replace("%1", query.strip())
            )
        else:
            self.preview.clear(
                self.tr("没有找到「%1」。换个说法,或试试拼音首字母。").replace("%1", query.strip())
            )
        if missing_code and code is not None:
            self.result_info.setText(code_message(code, self.lib))
        elif unsure:
            self.result_info.setText(self.tr("没有把握 · %1 条可能相关").replace("%1", str(len(hits))))
        elif query.strip():
            self.result_info.setText(self.tr("找到 %1 条").replace("%1", str(len(hits))))
        else:
            self.result_info.setText(self.tr("常用话术"))
        pending, self._pending = self._pending, None
        if pending is not None and not self.controller.is_busy():
            self.copy_row(pending)

    def _search_failed(self, exc: BaseException) -> None:
        self._pending = None
        self.result_model.set_hits([])
        self.preview.clear(error_text(exc))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_preview()

    def _update_preview(self) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        variant_id = self._variant_choice.get(hit.entry_id, hit.variant_id)
        request = CopyRequest(hit.entry, variant_id=variant_id, shop=self.shop, customer=self._nickname)
        try:
            result = self.copier.render(request)
        except CsdeskError as exc:
            self.preview.clear(error_text(exc))
            return
        self.preview.show_entry(hit.entry, variant_id, result)

    def _with_choice(self, hit: SearchHit) -> SearchHit:
        """The hit carrying the variant that will be copied (the agent's pick), so its row shows that text."""
        if hit.entry_id in self._variant_choice:
            return replace(hit, variant_id=self._variant_choice[hit.entry_id])
        return hit

    def _variant_chosen(self, variant_id: str | None) -> None:
        index = self.results.currentIndex()
        hit = self.current_hit()
        if hit is not None:
            self._variant_choice[hit.entry_id] = variant_id
            self.result_model.replace_hit(index.row(), replace(hit, variant_id=variant_id))
            self._update_preview()
        self.focus_search()

    def _shop_changed(self, row: int) -> None:
        shop = self.shop_model.shop(row)
        if shop is None:
            return
        self.settings.set("last_shop", shop.name)
        self._load_categories()
        self.customer_panel.set_shop(shop.name)
        self.controller.set_shop(shop.name)
        self.shop_changed.emit(shop.name)
        self.focus_search()

    def _category_clicked(self, index: QModelIndex) -> None:
        self.controller.set_category(self.category_model.category_ids(index))
        self.focus_search()

    def _tag_filter_chosen(self, row: int) -> None:
        tag = self.tag_filter.itemData(row)
        self.controller.set_tags((tag,) if tag else ())
        self.focus_search()

    def _customer_changed(self, customer: Customer | None, nickname: str) -> None:
        self._customer = customer
        self._nickname = nickname
        self.controller.set_customer_tags(self.customer_panel.active_tags())
        self._update_preview()

    def _fit_customer(self) -> None:
        """A folded customer panel keeps only its nickname line: the preview gets the rest of the column."""
        panel_height = self.customer_panel.sizeHint().height()
        if self.customer_panel.expanded:
            self.customer_scroll.setMinimumHeight(min(90, panel_height))
            self.customer_scroll.setMaximumHeight(16777215)
            total = sum(self.right.sizes()) or 650
            wanted = min(max(220, panel_height), int(total * 0.42))  # the guidance above keeps some lines
            self.right.setSizes([max(1, total - wanted), wanted])
        else:
            self.customer_scroll.setMinimumHeight(panel_height)
            self.customer_scroll.setMaximumHeight(panel_height)

    def _library_changed(self, change: Change) -> None:
        if change.kind in ("shops", "all"):
            self._load_shops()
        if change.kind in ("categories", "all"):
            self._load_categories()
        if change.kind in ("assets", "all"):
            self._refresh_asset_kinds()
        if change.kind in ("tags", "entries", "all"):
            self._load_tags()
        if change.kind in ("entries", "categories", "shops", "assets", "placeholders", "all"):
            self.controller.refresh()
        self.customer_panel.on_library_change(change)

    # -- loading -------------------------------------------------------------------------------------------
    def _refresh_asset_kinds(self) -> None:
        self.result_model.asset_kinds.clear()
        self.result_model.asset_kinds.update({a.id: a.kind for a in self.lib.assets.all()})

    def _load_shops(self) -> None:
        current = self.shop or self.settings.get("last_shop")
        shops = self.lib.shops.all()
        self.shop_combo.blockSignals(True)
        self.shop_model.set_shops(shops)
        row = self.shop_model.row_of(current) if current else -1
        if row < 0:  # first real shop, else the shared scope
            row = next((i for i, s in enumerate(shops) if not s.is_shared), 0)
        self.shop_combo.setCurrentIndex(row)
        self.shop_combo.blockSignals(False)
        shop = self.shop_model.shop(row)
        if shop is not None:
            self.controller.set_shop(shop.name)
            self.customer_panel.set_shop(shop.name)
        self._load_categories()
        self.shop_changed.emit(shop.name if shop is not None else None)

    def _load_tags(self) -> None:
        """The entry-tag filter's choices: all entries, or those carrying one entry tag (kept across reloads)."""
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("全部条目标签"), "")
        for (
            name
        ) in self.lib.entries.tag_names():  # entry tags on live entries (customer tags are not filters)
            self.tag_filter.addItem(name, name)
        row = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(0, row))
        self.tag_filter.blockSignals(False)
        if current and row < 0:
            self.controller.set_tags(())

    def _load_categories(self) -> None:
        shop = self.shop_model.shop(self.shop_combo.currentIndex())
        if shop is None:
            self.category_model.set_categories([])
            return
        own = self.lib.categories.all(shop.id)
        shared = [] if shop.is_shared else self.lib.categories.all(self.lib.shops.shared.id)
        self.category_model.set_categories(own, shared)
        self.category_tree.expandToDepth(0)
        self.category_tree.setCurrentIndex(self.category_model.index(0, 0))
        self.controller.set_category(None)

    def shutdown(self) -> None:
        """Log an abandoned search, stop searching and forwarding keys (the window is closing)."""
        self.controller.abandon()
        self.controller.stop()  # a search answer arriving after the library closed would render on a closed db
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._forwarder)
