"""The category tree of one shop: create, rename, drag to move or reorder, merge, delete — all undoable.

The model carries category ids in its drag data (:data:`CATEGORY_MIME`); a drop does not change the tree itself but
asks for a move (``move_requested``), which the page turns into an undoable command. The tree then reloads from the
library, so what is shown is always what is stored.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.library import Library
from csdesk.core.models import Category
from csdesk.gui.manage.commands import CommandRunner
from csdesk.gui.manage.page_support import button_row, fill_shop_combo
from csdesk.gui.manage.structure_commands import (
    CreateCategoryCommand,
    DeleteCategoryCommand,
    MergeCategoryCommand,
    MoveCategoryCommand,
    RenameCategoryCommand,
)
from csdesk.gui.models import Index as _Index

CATEGORY_MIME = "application/x-csdesk-category-ids"
CATEGORY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_ROOT = QModelIndex()


class CategoryTreeModel(QAbstractItemModel):
    """Categories of one shop as a tree; column 0 the name, column 1 how many entries sit directly in it."""

    move_requested = Signal(int, object, object)
    """(category id, new parent id or None, position among the new siblings or None for the end)."""

    def __init__(self, lib: Library, shop_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.shop_id = shop_id
        self.nodes: dict[int, Category] = {}
        self.kids: dict[int | None, list[int]] = {}
        self.counts: dict[int, int] = {}
        self.editable = True
        self.reload()

    def set_shop(self, shop_id: int) -> None:
        self.shop_id = shop_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        cats = self.lib.categories.all(self.shop_id)
        self.nodes = {c.id: c for c in cats}
        self.kids = {None: []}
        for c in sorted(cats, key=lambda c: (c.sort_order, c.id)):
            parent = c.parent_id if c.parent_id in self.nodes else None
            self.kids.setdefault(parent, []).append(c.id)
        self.counts = self.lib.entries.counts(by="category", shop=self.shop_id)
        self.endResetModel()

    # helpers
    def category_id(self, index: _Index) -> int | None:
        return int(index.internalId()) if index.isValid() else None

    def _parent_of(self, category_id: int) -> int | None:
        parent = self.nodes[category_id].parent_id
        return parent if parent in self.nodes else None

    def index_of(self, category_id: int, column: int = 0) -> QModelIndex:
        if category_id not in self.nodes:
            return QModelIndex()
        row = self.kids[self._parent_of(category_id)].index(category_id)
        return self.createIndex(row, column, category_id)

    def subtree(self, category_id: int) -> set[int]:
        found, todo = set(), [category_id]
        while todo:
            current = todo.pop()
            found.add(current)
            todo.extend(self.kids.get(current, []))
        return found

    # structure
    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if column < 0 or column > 1 or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        siblings = self.kids.get(self.category_id(parent), [])
        if not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override, unused-ignore]
        if not index.isValid():
            return QModelIndex()
        category_id = self.category_id(index)
        if category_id not in self.nodes:
            return QModelIndex()
        parent = self._parent_of(category_id)
        return QModelIndex() if parent is None else self.index_of(parent)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.kids.get(self.category_id(parent), []))

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 2
        ):
            return [self.tr("分类"), self.tr("条目")][section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        category_id = self.category_id(index)
        if category_id is None or category_id not in self.nodes:
            return None
        cat = self.nodes[category_id]
        if role == Qt.ItemDataRole.DisplayRole:
            return cat.name if index.column() == 0 else str(self.counts.get(category_id, 0))
        if role == Qt.ItemDataRole.ToolTipRole:
            return cat.path
        if role == CATEGORY_ID_ROLE:
            return category_id
        return None

    # drag and drop
    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CATEGORY_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override, unused-ignore]
        ids = list(dict.fromkeys(self.category_id(i) for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(CATEGORY_MIME, json.dumps({"shop": self.shop_id, "ids": ids}).encode())
        return data

    def _decode(self, data: QMimeData) -> list[int]:
        if not data.hasFormat(CATEGORY_MIME):
            return []
        try:
            payload = json.loads(bytes(data.data(CATEGORY_MIME).data()).decode())
        except ValueError:
            return []
        if payload.get("shop") != self.shop_id:
            return []
        return [int(i) for i in payload.get("ids", []) if int(i) in self.nodes]

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.editable or action != Qt.DropAction.MoveAction:
            return False
        ids = self._decode(data)
        target = self.category_id(parent)
        return bool(ids) and all(target is None or target not in self.subtree(i) for i in ids)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.category_id(parent)
        position: int | None = None if row < 0 else row
        for category_id in self._decode(data):
            old_parent = self._parent_of(category_id)
            if position is not None and old_parent == target:
                old_row = self.kids[target].index(category_id)
                if old_row < position:
                    position -= 1
                if old_row == position:
                    continue
            self.move_requested.emit(category_id, target, position)
            if position is not None:
                position += 1
        return True

    def removeRows(self, row: int, count: int, parent: _Index = _ROOT) -> bool:
        return False  # a drop moves through the library; the view must not delete the dragged rows


class CategoriesPage(QWidget):
    def __init__(self, lib: Library, runner: CommandRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self._editable = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("店铺:")))
        self.shop_combo = QComboBox()
        top.addWidget(self.shop_combo, 1)
        layout.addLayout(top)
        self.model = CategoryTreeModel(lib, lib.shops.shared.id, self)
        self.model.move_requested.connect(self.request_move, Qt.ConnectionType.QueuedConnection)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.header().setStretchLastSection(False)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.view, 1)
        self.hint = QLabel(self.tr("拖动分类可以移到另一个分类下,或调整先后顺序。"))
        self.hint.setStyleSheet("color: #666;")
        layout.addWidget(self.hint)
        self.add_button = QPushButton(self.tr("新建分类…"))
        self.add_child_button = QPushButton(self.tr("新建子分类…"))
        self.rename_button = QPushButton(self.tr("改名…"))
        self.merge_button = QPushButton(self.tr("合并到…"))
        self.delete_button = QPushButton(self.tr("删除"))
        row = button_row(
            self.add_button, self.add_child_button, self.rename_button, self.merge_button, self.delete_button
        )
        layout.addLayout(row)
        self.add_button.clicked.connect(lambda: self.create_category(child=False))
        self.add_child_button.clicked.connect(lambda: self.create_category(child=True))
        # lambdas: clicked(bool) would otherwise arrive as the new name / the target id
        self.rename_button.clicked.connect(lambda: self.rename())
        self.merge_button.clicked.connect(lambda: self.merge())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.shop_combo.currentIndexChanged.connect(self._shop_changed)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.reload_shops()

    # state
    def reload_shops(self) -> None:
        fill_shop_combo(
            self.shop_combo, self.lib.shops.all(), None, self.shop_combo.currentData(), with_shared=True
        )
        self._shop_changed()

    def _shop_changed(self) -> None:
        shop_id = self.shop_combo.currentData()
        if shop_id is not None:
            self.model.set_shop(int(shop_id))
            self.view.expandAll()

    def reload(self) -> None:
        selected = self.current_id()
        self.model.reload()
        self.view.expandAll()
        if selected is not None:
            self.select(selected)

    def select(self, category_id: int) -> None:
        index = self.model.index_of(category_id)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.model.editable = editable
        self.hint.setVisible(editable)
        self._update_buttons()

    def current_id(self) -> int | None:
        return self.model.category_id(self.view.currentIndex())

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.add_button.setEnabled(self._editable)
        for button in (self.add_child_button, self.rename_button, self.merge_button, self.delete_button):
            button.setEnabled(self._editable and has)

    # actions
    def create_category(self, *, child: bool, name: str | None = None) -> bool:
        if not self._editable:
            return False
        parent_id = self.current_id() if child else None
        if child and parent_id is None:
            return False
        if name is None:
            title = self.tr("新建子分类") if child else self.tr("新建分类")
            name, ok = QInputDialog.getText(self, title, self.tr("分类名:"), QLineEdit.EchoMode.Normal, "")
            if not ok or not name.strip():
                return False
        command = CreateCategoryCommand(self.lib, self.model.shop_id, parent_id, name)
        if self.runner.push(command):
            self.reload()
            if command.first_id is not None:
                self.select(int(command.ids.resolve("category", command.first_id)))
            return True
        return False

    def rename(self, name: str | None = None) -> bool:
        category_id = self.current_id()
        if category_id is None or not self._editable:
            return False
        old = self.model.nodes[category_id].name
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("分类改名"), self.tr("新名称:"), QLineEdit.EchoMode.Normal, old
            )
            if not ok or name.strip() == old:
                return False
        return self.runner.push(RenameCategoryCommand(self.lib, category_id, old, name.strip()))

    def request_move(self, category_id: int, new_parent: int | None, position: int | None) -> None:
        if self._editable:
            self.runner.push(MoveCategoryCommand(self.lib, category_id, new_parent, position))
            self.reload()

    def merge_targets(self, category_id: int) -> list[Category]:
        excluded = self.model.subtree(category_id)
        return sorted((c for c in self.model.nodes.values() if c.id not in excluded), key=lambda c: c.path)

    def merge(self, target_id: int | None = None) -> bool:
        source_id = self.current_id()
        if source_id is None or not self._editable:
            return False
        source = self.model.nodes[source_id]
        if target_id is None:
            targets = self.merge_targets(source_id)
            if not targets:
                return False
            labels = [c.path for c in targets]
            label, ok = QInputDialog.getItem(
                self,
                self.tr("合并分类"),
                self.tr("把「%1」的条目和子分类并入:").replace("%1", source.path),
                labels,
                0,
                False,
            )
            if not ok:
                return False
            target_id = targets[labels.index(label)].id
        ok = self.runner.push(MergeCategoryCommand(self.lib, source_id, target_id))
        self.reload()
        if ok:
            self.select(target_id)
        return ok

    def delete(self) -> bool:
        category_id = self.current_id()
        if category_id is None or not self._editable:
            return False
        if self.model.counts.get(category_id) and not self._confirm_nonempty():
            return False
        ok = self.runner.push(DeleteCategoryCommand(self.lib, category_id))
        self.reload()
        return ok

    def _confirm_nonempty(self) -> bool:
        QMessageBox.information(
            self, self.tr("删除分类"), self.tr("分类下还有条目。请先把条目移到别的分类,或者用「合并到…」。")
        )
        return False
