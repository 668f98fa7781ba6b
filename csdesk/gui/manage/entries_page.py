"""The entry table (filter, sort, bulk actions) beside the editor of the current entry: the workbench's first page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.library import Library
from csdesk.core.models import Entry
from csdesk.gui.manage.commands import CommandRunner
from csdesk.gui.manage.entry_commands import BulkSetCommand, BulkTagsCommand, DeleteEntriesCommand
from csdesk.gui.manage.entry_editor import EntryEditor
from csdesk.gui.manage.entry_table import (
    ENTRY_ID_ROLE,
    Column,
    EntryFilterProxy,
    EntryTableModel,
    FilterMode,
    filter_mode_labels,
)
from csdesk.gui.manage.page_support import fill_shop_combo, fit_column, row_table
from csdesk.gui.manage.supervisor import SupervisorSession
from csdesk.gui.manage.tag_picker import TagPickDialog
from csdesk.gui.workers import run_in_thread


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
        self.add_tags_button = QPushButton(self.tr("加条目标签…"))
        self.remove_tags_button = QPushButton(self.tr("去条目标签…"))
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
        for column, sample, minimum in (
            (Column.TITLE, "", 160), (Column.CODE, "", 64), (Column.CATEGORY, "", 100), (Column.SHOP, "", 96),
            (Column.TAGS, "", 100), (Column.ENABLED, "", 40), (Column.USES, "9999", 56),
            (Column.LAST_USED, "2026-12-04 20:21", 0), (Column.UPDATED, "2026-12-04 20:21", 0),
        ):  # fmt: skip
            fit_column(
                self.view, column, sample, minimum
            )  # sized in the view's font: dates and headers never cut
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
            (self.tr("加条目标签…"), lambda: self.bulk_tags(add=True)),
            (self.tr("去条目标签…"), lambda: self.bulk_tags(add=False)),
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
                dialog = TagPickDialog(
                    self.lib.entry_tags.names(),
                    self.tr("给 %1 个条目加上条目标签(从已有的条目标签中选,或选「新建标签」):").replace(
                        "%1", str(len(entries))
                    ),
                    self,
                )
                tags = dialog.tags() if dialog.exec() == QDialog.DialogCode.Accepted else ()
                dialog.deleteLater()
            else:
                present = list(dict.fromkeys(t for e in entries for t in e.tags))
                if not present:
                    return False
                choice, ok = QInputDialog.getItem(
                    self, self.tr("去条目标签"), self.tr("从所选条目去掉条目标签:"), present, 0, False
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
