"""The supervisor's workbench: the "管理" page of the main window.

One frame hosts every management page (entries, categories, shops, trash here; assets, tags & customers, rules, SOPs
from ``*_page.py`` modules when they are present), one shared undo stack with 撤销/重做, and the supervisor lock.
Agents see everything read-only except their own personal entries; a PIN unlocks the rest until idle time locks it.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.library import Library
from csdesk.core.models import Entry
from csdesk.gui.manage.categories import CategoriesPage
from csdesk.gui.manage.commands import (
    BulkSetCommand,
    BulkTagsCommand,
    CommandRunner,
    DeleteEntriesCommand,
    LibraryRelay,
    set_edit_guard,
)
from csdesk.gui.manage.entry_editor import EntryEditor, split_tags
from csdesk.gui.manage.entry_table import (
    ENTRY_ID_ROLE,
    Column,
    EntryFilterProxy,
    EntryTableModel,
    FilterMode,
    filter_mode_labels,
)
from csdesk.gui.manage.history import HistoryDialog
from csdesk.gui.manage.page_support import fill_shop_combo, row_table
from csdesk.gui.manage.shops import ShopsPage
from csdesk.gui.manage.supervisor import AgentNameDialog, PinDialog, SupervisorSession
from csdesk.gui.manage.trash import TrashPage
from csdesk.gui.settings import Settings
from csdesk.gui.workers import run_in_thread

log = logging.getLogger(__name__)

OPTIONAL_PAGES: tuple[tuple[str, str, object], ...] = (
    ("csdesk.gui.manage.assets_page", "AssetsPage", QT_TRANSLATE_NOOP("ManageWorkbench", "素材")),
    ("csdesk.gui.manage.tags_page", "TagsPage", QT_TRANSLATE_NOOP("ManageWorkbench", "标签与客户")),
    ("csdesk.gui.manage.rules_page", "RulesPage", QT_TRANSLATE_NOOP("ManageWorkbench", "红线规则")),
    ("csdesk.gui.manage.sops_page", "SopsPage", QT_TRANSLATE_NOOP("ManageWorkbench", "流程与案例")),
    ("csdesk.gui.insight.page", "InsightPage", QT_TRANSLATE_NOOP("ManageWorkbench", "数据")),
)
"""Pages written separately; a module that is missing is simply not shown."""


class EntriesPage(QWidget):
    """The entry table (filter, sort, bulk actions) beside the editor of the current entry."""

    EAGER_LIMIT = 5000
    """Up to this many entries the table is read at once. A bigger library (100,000 entries take 3–5 s to read) is
    read in a worker the first time the page is shown, under a busy note, and the filter text waits for a pause in
    typing (each pass over 100,000 rows takes a few hundred ms)."""

    def __init__(
        self, lib: Library, runner: CommandRunner, session: SupervisorSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self.session = session
        self._loading = False
        self._reload_after_load = False
        self._changed_while_loading: set[str] = set()
        self._select_after_load: str | None = None
        self.model = EntryTableModel(lib, self, load=lib.entries.count() <= self.EAGER_LIMIT)
        self.proxy = EntryFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.shop_combo = QComboBox()
        self.filter_combo = QComboBox()
        for mode, label, _hint in filter_mode_labels():
            self.filter_combo.addItem(label, int(mode))
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("新建条目"))
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #666;")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy, no percentage
        self.busy.setMaximumWidth(160)
        self.busy.setFormat(self.tr("正在载入条目…"))
        self.busy.setTextVisible(True)
        self.busy.setVisible(False)
        top.addWidget(QLabel(self.tr("店铺:")))
        top.addWidget(self.shop_combo)
        top.addWidget(QLabel(self.tr("筛选:")))
        top.addWidget(self.filter_combo)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.busy)
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        bulk = QHBoxLayout()
        self.bulk_label = QLabel()
        self.move_button = QPushButton(self.tr("移动到分类…"))
        self.add_tags_button = QPushButton(self.tr("加标签…"))
        self.remove_tags_button = QPushButton(self.tr("去标签…"))
        self.enable_button = QPushButton(self.tr("启用"))
        self.disable_button = QPushButton(self.tr("停用"))
        self.delete_button = QPushButton(self.tr("删除"))
        bulk.addWidget(self.bulk_label)
        for button in (
            self.move_button, self.add_tags_button, self.remove_tags_button, self.enable_button,
            self.disable_button, self.delete_button,
        ):  # fmt: skip
            bulk.addWidget(button)
        bulk.addStretch(1)
        layout.addLayout(bulk)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.view = row_table(self.proxy, multi=True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.TITLE, 170), (Column.CODE, 64), (Column.CATEGORY, 100), (Column.SHOP, 96), (Column.TAGS, 100),
            (Column.ENABLED, 40), (Column.USES, 60), (Column.LAST_USED, 116), (Column.UPDATED, 116),
        ):  # fmt: skip
            self.view.setColumnWidth(column, width)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.editor = EntryEditor(
            lib, runner, can_edit=self.can_edit, is_supervisor=lambda: session.is_unlocked, parent=self
        )
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setCollapsible(0, False)
        self.editor.setMinimumWidth(380)
        self._user_sized = False
        self.splitter.splitterMoved.connect(lambda *_a: setattr(self, "_user_sized", True))
        layout.addWidget(self.splitter, 1)

        self.shop_combo.currentIndexChanged.connect(self._shop_changed)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(300)
        self._filter_timer.timeout.connect(self._filter_changed)
        self.filter_edit.textChanged.connect(self._filter_text_changed)
        self.new_button.clicked.connect(self.start_new_entry)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_bulk())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.move_button.clicked.connect(lambda: self.bulk_move())
        self.add_tags_button.clicked.connect(lambda: self.bulk_tags(add=True))
        self.remove_tags_button.clicked.connect(lambda: self.bulk_tags(add=False))
        self.enable_button.clicked.connect(lambda: self.bulk_enable(True))
        self.disable_button.clicked.connect(lambda: self.bulk_enable(False))
        self.delete_button.clicked.connect(self.bulk_delete)
        self.editor.saved.connect(self.select_entry)
        self.editor.delete_requested.connect(lambda entry_id: self.delete_entries([entry_id]))
        self.proxy.rowsInserted.connect(lambda *_a: self._update_count())
        self.proxy.rowsRemoved.connect(lambda *_a: self._update_count())
        self.proxy.modelReset.connect(self._update_count)
        self.reload_shops()
        self._filter_changed()

    # ------------------------------------------------------------------ loading a big library
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.model.loaded and not self._loading:
            self.load_in_background()

    def is_loading(self) -> bool:
        return self._loading

    def load_in_background(self) -> None:
        """Read the table in a worker; the page stays usable (empty, with a busy bar) meanwhile."""
        self._loading = True
        self.busy.setVisible(True)
        self.count_label.setVisible(False)
        lib = self.lib
        run_in_thread(lambda: EntryTableModel.fetch(lib), self._loaded, self._load_failed, owner=self)

    def _loaded(self, data: Any) -> None:
        self._loading = False
        if self._reload_after_load:  # shops or categories changed while reading: read again
            self._reload_after_load = False
            self._changed_while_loading.clear()
            self.load_in_background()
            return
        self.model.set_loaded(*data)
        changed, self._changed_while_loading = tuple(self._changed_while_loading), set()
        if changed:
            self.model.refresh(changed)
        self.busy.setVisible(False)
        self.count_label.setVisible(True)
        self._update_count()
        target, self._select_after_load = self._select_after_load, None
        if target is not None:
            self.select_entry(target)

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.busy.setVisible(False)
        self.count_label.setVisible(True)
        from csdesk.gui.errors import show_error

        show_error(self, exc)

    TABLE_SHARE = 0.62
    """The table's part of the splitter until the user drags it: enough for 标题 … 最近使用 at 1400 px."""

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            width = self.splitter.width() - self.splitter.handleWidth()
            table = max(int(width * self.TABLE_SHARE), width - max(self.editor.minimumWidth(), 1) * 3)
            table = min(table, width - self.editor.minimumWidth())
            self.splitter.setSizes([table, width - table])

    # ------------------------------------------------------------------ permissions
    def can_edit(self, entry: Entry | None) -> bool:
        if entry is not None and entry.origin == "team":  # the team's supervisor only (csdesk.core.teamguard)
            return self.session.team_unlocked
        return self.session.is_unlocked or entry is None or entry.origin == "personal"

    def apply_permissions(self) -> None:
        self.editor.apply_permissions()
        self._update_bulk()

    # ------------------------------------------------------------------ filters
    def reload_shops(self) -> None:
        fill_shop_combo(
            self.shop_combo,
            self.lib.shops.all(),
            self.tr("全部店铺"),
            self.shop_combo.currentData(),
            with_shared=True,
        )
        self._shop_changed()

    def _shop_changed(self) -> None:
        data = self.shop_combo.currentData()
        self.proxy.set_shop(None if data is None else int(data))
        self._update_count()

    def _filter_text_changed(self) -> None:
        if self.model.rowCount() > self.EAGER_LIMIT:
            self._filter_timer.start()
        else:
            self._filter_changed()

    def _filter_changed(self) -> None:
        self._filter_timer.stop()
        mode = FilterMode(int(self.filter_combo.currentData()))
        hint = next(h for m, _l, h in filter_mode_labels() if m == mode)
        self.filter_edit.setPlaceholderText(hint)
        self.proxy.set_filter(mode, self.filter_edit.text())
        self._update_count()

    def set_filter(self, mode: FilterMode, text: str = "") -> None:
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(int(mode)))
        self.filter_edit.setText(text)
        if self._filter_timer.isActive():
            self._filter_changed()  # asked for, not typed: at once

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%1 / %2 条")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(self.model.rowCount()))
        )

    # ------------------------------------------------------------------ selection
    def selected_entries(self) -> list[Entry]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.entry(r) for r in rows]

    def select_entries(self, entry_ids: Sequence[str]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        first = True
        for entry_id in entry_ids:
            row = self.model.row_of(entry_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if first:
                selection.setCurrentIndex(index, flags)
                first = False
            else:
                selection.select(index, flags)

    def select_entry(self, entry_id: str) -> None:
        if self._loading:
            self._select_after_load = entry_id
            return
        row = self.model.row_of(entry_id)
        if row is not None and not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.set_filter(FilterMode.ALL, "")
            self.shop_combo.setCurrentIndex(0)
        self.select_entries([entry_id])
        index = self.view.currentIndex()
        if index.isValid():
            self.view.scrollTo(index)

    def _current_changed(self, current: Any, previous: Any) -> None:
        entry_id = current.data(ENTRY_ID_ROLE) if current.isValid() else None
        if self.editor.entry is not None and self.editor.entry.id == entry_id:
            return
        if not self.editor.maybe_save():
            return
        self.editor.load(self.model.entry_by_id(entry_id) if entry_id else None)

    def start_new_entry(self) -> None:
        if not self.editor.maybe_save():
            return
        shop = self.shop_combo.currentData()
        self.view.selectionModel().clearSelection()
        self.editor.new_entry(int(shop) if shop is not None else self.lib.shops.shared.id, None)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.reply_edit.setFocus()

    def _update_bulk(self) -> None:
        entries = self.selected_entries()
        n = len(entries)
        allowed = bool(entries) and all(self.can_edit(e) for e in entries)
        self.bulk_label.setText(
            self.tr("已选 %1 条:").replace("%1", str(n)) if n else self.tr("选中多行可批量操作:")
        )
        for button in (
            self.move_button, self.add_tags_button, self.remove_tags_button, self.enable_button,
            self.disable_button, self.delete_button,
        ):  # fmt: skip
            button.setEnabled(allowed)
        self.new_button.setEnabled(True)

    def _context_menu(self, pos: Any) -> None:
        entries = self.selected_entries()
        if not entries:
            return
        menu = QMenu(self)
        allowed = all(self.can_edit(e) for e in entries)
        for text, slot in (
            (self.tr("移动到分类…"), lambda: self.bulk_move()),
            (self.tr("加标签…"), lambda: self.bulk_tags(add=True)),
            (self.tr("去标签…"), lambda: self.bulk_tags(add=False)),
            (self.tr("启用"), lambda: self.bulk_enable(True)),
            (self.tr("停用"), lambda: self.bulk_enable(False)),
            (self.tr("删除"), self.bulk_delete),
        ):
            action = menu.addAction(text)
            action.setEnabled(allowed)
            action.triggered.connect(slot)
        if len(entries) == 1:
            menu.addSeparator()
            history = menu.addAction(self.tr("历史版本…"))
            history.triggered.connect(lambda: self.editor.history_requested.emit(entries[0].id))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ bulk actions
    def _bulk_targets(self) -> list[Entry]:
        entries = self.selected_entries()
        return entries if entries and all(self.can_edit(e) for e in entries) else []

    def bulk_move(self, category: str | None = None) -> bool:
        entries = self._bulk_targets()
        if not entries:
            return False
        if category is None:
            shop_ids = {e.shop_id for e in entries}
            paths = sorted({c.path for s in shop_ids for c in self.lib.categories.all(s)})
            category, ok = QInputDialog.getItem(
                self,
                self.tr("移动到分类"),
                self.tr("把 %1 个条目移到分类(可输入新路径,如 售后/退款):").replace("%1", str(len(entries))),
                paths,
                0,
                True,
            )
            if not ok:
                return False
        text = (
            self.tr("移动 %1 个条目到「%2」").replace("%1", str(len(entries))).replace("%2", category or "—")
        )
        return self._push(
            BulkSetCommand(self.lib, entries, "category", category.strip() or None, text), entries
        )

    def bulk_tags(self, *, add: bool, tags: Sequence[str] | None = None) -> bool:
        entries = self._bulk_targets()
        if not entries:
            return False
        if tags is None:
            if add:
                text, ok = QInputDialog.getText(
                    self,
                    self.tr("加标签"),
                    self.tr("给 %1 个条目加上标签(用顿号分隔):").replace("%1", str(len(entries))),
                )
                tags = split_tags(text) if ok else ()
            else:
                present = list(dict.fromkeys(t for e in entries for t in e.tags))
                if not present:
                    return False
                choice, ok = QInputDialog.getItem(
                    self, self.tr("去标签"), self.tr("从所选条目去掉标签:"), present, 0, False
                )
                tags = (choice,) if ok else ()
        if not tags:
            return False
        return self._push(BulkTagsCommand(self.lib, entries, tags, add=add), entries)

    def bulk_enable(self, enabled: bool) -> bool:
        entries = self._bulk_targets()
        if not entries:
            return False
        text = (self.tr("启用 %1 个条目") if enabled else self.tr("停用 %1 个条目")).replace(
            "%1", str(len(entries))
        )
        return self._push(BulkSetCommand(self.lib, entries, "enabled", enabled, text), entries)

    def bulk_delete(self) -> bool:
        entries = self._bulk_targets()
        return self.delete_entries([e.id for e in entries]) if entries else False

    def delete_entries(self, entry_ids: Sequence[str]) -> bool:
        entries = [
            e for e in (self.model.entry_by_id(i) for i in entry_ids) if e is not None and self.can_edit(e)
        ]
        if not entries:
            return False
        if self.editor.entry is not None and self.editor.entry.id in entry_ids:
            self.editor.clear()
        return self.runner.push(DeleteEntriesCommand(self.lib, entries))

    def _push(self, command: QUndoCommand, entries: Sequence[Entry]) -> bool:
        ids = [e.id for e in entries]
        ok = self.runner.push(command)  # type: ignore[arg-type, unused-ignore]
        self.select_entries(ids)
        return ok

    # ------------------------------------------------------------------ library changes
    def entries_changed(self, ids: tuple[str, ...]) -> None:
        if self._loading:
            self._changed_while_loading.update(ids)
        self.model.refresh(ids)
        self._update_count()
        self.editor.reload_current()
        self._update_bulk()

    def structure_changed(self) -> None:
        """Shops or categories changed: category paths and shop names in every row may differ."""
        selected = [e.id for e in self.selected_entries()]
        if self._loading:
            self._reload_after_load = True
        elif self.model.loaded and self.model.rowCount() > self.EAGER_LIMIT:
            self.load_in_background()  # the old rows stay usable while it reads; the selection is not kept
        elif self.model.loaded:
            self.model.reload()
        self.reload_shops()
        self.select_entries(selected)
        self.editor.reload_current()


def _cleanup(relay: LibraryRelay, session: SupervisorSession) -> Any:
    def run(*_args: object) -> None:
        relay.close()
        session.shutdown()

    return run


class ManageWorkbench(QWidget):
    """The management frame. ``ManageWorkbench(lib, settings)``; embed it as the main window's 管理 page."""

    def __init__(self, lib: Library, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.relay = LibraryRelay(lib, self)
        self.session = SupervisorSession(lib, settings, self)
        self.runner = CommandRunner(lib, self.undo_stack, self.relay, self, allowed=self._allowed)
        self.runner.permission_needed.connect(self._permission_needed)
        self.runner.before_edit = self.ensure_agent_name
        set_edit_guard(self.undo_stack, self._allowed)  # the pages' push_edit asks the same question
        self._idle_draft: dict[str, Any] | None = None
        self._asked_agent_name = False

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.mode_label = QLabel()
        self.undo_action = QAction(self.tr("撤销"), self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = QAction(self.tr("重做"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_action.triggered.connect(self.runner.undo)
        self.redo_action.triggered.connect(self.runner.redo)
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button = QToolButton()
        self.redo_button.setDefaultAction(self.redo_action)
        self.lock_button = QPushButton()
        self.pin_button = QPushButton(self.tr("修改 PIN…"))
        self.publish_action = QAction(self.tr("发布到团队库…"), self)
        self.publish_action.setToolTip(
            self.tr("把话术库发布到团队话术库文件夹,客服的 csdesk 会自动更新(主管模式)")
        )
        self.publish_action.triggered.connect(self.publish_to_team)
        self.publish_button = QToolButton()
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setDefaultAction(self.publish_action)
        bar.addWidget(self.mode_label, 1)
        bar.addWidget(self.publish_button)
        bar.addSpacing(12)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.redo_button)
        bar.addSpacing(12)
        bar.addWidget(self.pin_button)
        bar.addWidget(self.lock_button)
        layout.addLayout(bar)

        body = QHBoxLayout()
        self.nav = QListWidget()
        self.nav.setFixedWidth(112)
        self.nav.setSpacing(2)
        self.pages = QStackedWidget()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)

        self.entries_page = EntriesPage(lib, self.runner, self.session, self)
        self.categories_page = CategoriesPage(lib, self.runner, self)
        self.shops_page = ShopsPage(lib, self.runner, self)
        self.trash_page = TrashPage(lib, self.runner, self)
        self.extra_pages: dict[str, QWidget] = {}
        self._add_page(self.tr("条目"), self.entries_page)
        self._add_page(self.tr("分类"), self.categories_page)
        self._add_page(self.tr("店铺"), self.shops_page)
        for module_name, class_name, label in OPTIONAL_PAGES:
            page = self._optional_page(module_name, class_name)
            if page is not None:
                self.extra_pages[class_name] = page
                self._add_page(self.tr(str(label)), page)
        self._add_page(self.tr("回收站"), self.trash_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count()))
        self.nav.setFixedWidth(max(112, widest + 40))  # 标签与客户 / "Tags & customers" on one line

        self.lock_button.clicked.connect(self.toggle_lock)
        self.pin_button.clicked.connect(self.change_pin)
        self.session.changed.connect(self._mode_changed)
        self.session.idle_locking.connect(self._idle_locking)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_undo())
        self.undo_stack.cleanChanged.connect(lambda _c: self._update_undo())
        self.relay.changed.connect(self._library_changed)
        self.entries_page.editor.history_requested.connect(self.show_history)
        self.trash_page.history_requested.connect(self.show_history)
        self.destroyed.connect(_cleanup(self.relay, self.session))
        self._mode_changed(False)
        self._update_undo()

    def shutdown(self) -> None:
        """Stop timers and listening to the library (call before closing the library)."""
        self.entries_page.editor._live.stop()
        self.relay.close()
        self.session.shutdown()

    # pages
    def _add_page(self, label: str, page: QWidget) -> None:
        self.pages.addWidget(page)
        self.nav.addItem(label)

    def _optional_page(self, module_name: str, class_name: str) -> QWidget | None:
        try:
            module = importlib.import_module(module_name)
            page_class = getattr(module, class_name)
        except (ImportError, AttributeError):
            return None
        try:
            page = page_class(self.lib, self.undo_stack, self)
        except Exception:
            log.exception("could not open the %s page", class_name)
            return None
        return page if isinstance(page, QWidget) else None

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    # supervisor mode
    def _allowed(self, command: QUndoCommand) -> bool:
        return self.session.is_unlocked or not getattr(command, "supervisor", True)

    def _permission_needed(self) -> None:
        self.request_unlock()

    def request_unlock(self, reason: str = "") -> bool:
        mode = "unlock" if self.session.has_pin() else "set"
        dialog = PinDialog(self.session, mode, self, reason=reason)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self.ensure_agent_name()
        return accepted

    def request_supervisor(self, reason: str = "") -> bool:
        """True in supervisor mode, else after the PIN was entered (File → 导入… asks this first)."""
        return self.session.is_unlocked or self.request_unlock(reason)

    def request_import(self) -> bool:
        """Importing changes the library (the replace mode trashes entries): it needs supervisor mode."""
        return self.request_supervisor(
            self.tr("导入会修改话术库(「替换」还会把条目移入回收站),需要主管模式。")
        )

    def ensure_agent_name(self) -> None:
        """No name yet: ask once per session, so entries record who changed them (更新人).

        The answer is the editor name, not {客服名}: a supervisor unlocking on an agent's machine must not make that
        machine's replies greet customers as "主管-林"."""
        if self.lib.agent or self._asked_agent_name:
            return
        self._asked_agent_name = True
        name = AgentNameDialog.ask(self)
        if name:
            self.lib.set_setting("editor_name", name)

    def toggle_lock(self) -> None:
        if self.session.is_unlocked:
            self.lock()
        else:
            self.request_unlock()

    def lock(self) -> bool:
        """Lock by hand. Unsaved library edits in the editor are saved or discarded first; Cancel keeps it open."""
        editor = self.entries_page.editor
        if editor.has_library_draft() and not editor.maybe_save():
            return False  # Cancel, or the save was refused (the message says why): stay unlocked
        self.session.lock()
        return True

    def _idle_locking(self) -> None:
        """Idle time is up: nobody is there to answer a question, so the draft is put aside, not lost."""
        self._keep_draft()

    def _keep_draft(self) -> None:
        editor = self.entries_page.editor
        if self._idle_draft is None and editor.has_library_draft():
            self._idle_draft = editor.take_draft()

    def _offer_idle_draft(self) -> None:
        draft, self._idle_draft = self._idle_draft, None
        if draft is None:
            return
        title = draft["values"].get("title") or self.tr("新条目")
        answer = QMessageBox.question(
            self,
            self.tr("恢复未保存的修改?"),
            self.tr(
                "主管模式锁定时,条目「%1」有未保存的修改,已为你保留。要恢复到编辑器里继续修改吗?"
            ).replace("%1", title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.show_page(self.entries_page)
        if draft.get("entry_id"):
            self.entries_page.select_entry(str(draft["entry_id"]))
        if not self.entries_page.editor.restore_draft(draft):
            QMessageBox.information(
                self, self.tr("无法恢复"), self.tr("这个条目已经被删除,未保存的修改无法恢复。")
            )

    def change_pin(self) -> None:
        PinDialog(self.session, "change", self).exec()

    def publish_dialog(self) -> QDialog | None:
        """The dialog that publishes to the team library, or None outside supervisor mode."""
        if not self.session.is_unlocked:
            return None
        from csdesk.gui.teamlibrary import PublishDialog

        return PublishDialog(self.lib, self)

    def publish_to_team(self) -> None:
        dialog = self.publish_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    def _mode_changed(self, unlocked: bool) -> None:
        if not unlocked:
            self._keep_draft()  # locked some other way (idle, another window): the editor is about to turn read-only
        if unlocked:
            self.mode_label.setText(self.tr("主管模式:可以修改话术库。空闲一段时间后自动锁定。"))
            self.lock_button.setText(self.tr("锁定"))
        elif self._idle_draft is not None:
            self.mode_label.setText(self.tr("已锁定:未保存的条目修改已保留,进入主管模式后可以恢复。"))
        else:
            self.mode_label.setText(self.tr("只读:修改话术库需要进入主管模式。个人条目可以随时新建和修改。"))
            self.lock_button.setText(
                self.tr("进入主管模式…") if self.session.has_pin() else self.tr("设置主管 PIN…")
            )
        self.pin_button.setVisible(unlocked)
        self.publish_action.setEnabled(unlocked)
        self.entries_page.apply_permissions()
        for page in (self.categories_page, self.shops_page, self.trash_page, *self.extra_pages.values()):
            setter = getattr(page, "set_editable", None)
            if setter is not None:
                setter(unlocked)
        if unlocked and self._idle_draft is not None:
            QTimer.singleShot(0, self._offer_idle_draft)  # after the PIN dialog has closed

    # undo / redo
    def _update_undo(self) -> None:
        if not shiboken6.isValid(self.undo_stack) or not shiboken6.isValid(self.undo_action):
            return  # the stack clears itself while the workbench is destroyed
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        undo_text, redo_text = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setToolTip(
            self.tr("撤销:%1 (Ctrl+Z)").replace("%1", undo_text) if undo_text else self.tr("撤销 (Ctrl+Z)")
        )
        self.redo_action.setToolTip(
            self.tr("重做:%1 (Ctrl+Shift+Z)").replace("%1", redo_text)
            if redo_text
            else self.tr("重做 (Ctrl+Shift+Z)")
        )

    # history
    def show_history(self, entry_id: str) -> None:
        try:
            entry = self.lib.get(entry_id)
        except Exception as exc:
            from csdesk.gui.errors import show_error

            show_error(self, exc)
            return
        dialog = HistoryDialog(
            self.lib, self.runner, entry_id, can_restore=self.entries_page.can_edit(entry), parent=self
        )
        dialog.exec()

    # library changes
    def _library_changed(self, kind: str, ids: tuple[str, ...]) -> None:
        if kind == "entries":
            self.entries_page.entries_changed(ids)
            self.trash_page.reload()
            self.categories_page.model.reload()
            self.categories_page.view.expandAll()
            self.shops_page.reload()
        elif kind in ("categories", "shops"):
            self.entries_page.structure_changed()
            self.categories_page.reload_shops() if kind == "shops" else self.categories_page.reload()
            self.shops_page.reload()
            self.trash_page.reload()
        elif kind == "tags":
            # renamed tags: the rows were refreshed through "entries"; the editor's tag list and lists follow
            self.entries_page.editor.tags_changed()
        elif kind == "rules":
            self.entries_page.editor.rules_changed()
        elif kind == "usage":
            self.entries_page.model.refresh_usage(ids)
        elif kind == "settings" and "supervisor_pin" in ids and not self.session.is_unlocked:
            self._mode_changed(False)
