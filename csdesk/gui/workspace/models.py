"""Qt item models over core objects (shops, categories, search hits, SOPs, assets, customers).

The data stays in the core's frozen dataclasses; the models only expose them to views. Custom roles hand the
objects themselves to delegates and controllers (``ObjectRole``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QIcon, QPixmap

from csdesk.core.models import Asset, Category, Customer, Entry, SearchHit, Shop, Sop, SopStep
from csdesk.gui.models import Index as _AnyIndex
from csdesk.gui.models import ObjectListModel

ObjectRole = Qt.ItemDataRole.UserRole + 1
"""The core object behind a row (Shop, Category, SearchHit, Sop, SopStep, Asset, Customer)."""
KeyRole = Qt.ItemDataRole.UserRole + 2
"""The number key (1–9) a result row carries, or 0."""
EntryRole = Qt.ItemDataRole.UserRole + 3
"""The entry of a result or SOP step row (None for a step without one)."""

_INVALID = QModelIndex()


class ShopListModel(ObjectListModel[Shop]):
    """The shops of the library, the shared scope 通用 first."""

    def set_shops(self, shops: Sequence[Shop]) -> None:
        self.set_items(shops)

    def shop(self, row: int) -> Shop | None:
        return self.item_or_none(row)

    def row_of(self, name: str) -> int:  # shops are found by name here, not by id
        return next((i for i, s in enumerate(self._items) if s.name == name), -1)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shop = self.item_at(index)
        if shop is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if shop.is_shared:
                return QCoreApplication.translate("WorkspaceModels", "通用(所有店铺)")
            return f"{shop.name} · {shop.platform}" if shop.platform else shop.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return shop.name
        if role == ObjectRole:
            return shop
        return None


@dataclass(eq=False)
class _CategoryNode:
    category: Category | None
    label: str
    parent: _CategoryNode | None = None
    children: list[_CategoryNode] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    """Every category at this path: the shop's own and the shared scope's (a search filters on all of them)."""
    own: bool = False
    shared: bool = False

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class CategoryTreeModel(QAbstractItemModel):
    """One category tree for a shop: its own categories and the shared scope's merged by path, under an "all" row.

    售后/质量问题 of the shop and 售后/质量问题 of 通用 are one row, and filtering on it finds both shops' replies
    (agents think in topics, not in scopes); a path only the shared scope has carries a mark.
    ``category_ids(index)`` is what a search filters on (None for "all").
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _CategoryNode(None, "")

    def set_categories(self, own: Sequence[Category], shared: Sequence[Category] = ()) -> None:
        self.beginResetModel()
        self._root = _CategoryNode(None, "")
        self._root.children.append(
            _CategoryNode(None, QCoreApplication.translate("WorkspaceModels", "全部分类"), self._root)
        )
        by_path: dict[str, _CategoryNode] = {}
        for group, is_shared in ((own, False), (shared, True)):
            for category in sorted(group, key=lambda c: c.path.count("/")):  # parents before children
                path = category.path or category.name
                node = by_path.get(path)
                if node is None:
                    parent_path = path.rpartition("/")[0]
                    parent = by_path.get(parent_path, self._root) if parent_path else self._root
                    node = _CategoryNode(category, category.name, parent)
                    parent.children.append(node)
                    by_path[path] = node
                node.ids.append(category.id)
                if is_shared:
                    node.shared = True
                else:
                    node.own = True
        mark = QCoreApplication.translate("WorkspaceModels", "(通用)")
        for node in by_path.values():
            if node.shared and not node.own:
                node.label = node.label + mark
        self.endResetModel()

    def category_ids(self, index: _AnyIndex) -> tuple[int, ...] | None:
        """The categories a click on ``index`` filters on (the shop's and the shared scope's); None for "all"."""
        node = self._node(index)
        return tuple(node.ids) if node is not None and node.ids else None

    def category_id(self, index: _AnyIndex) -> int | None:
        node = self._node(index)
        return node.category.id if node is not None and node.category is not None else None

    def index_of(self, category_id: int | None) -> QModelIndex:
        def walk(node: _CategoryNode) -> _CategoryNode | None:
            for child in node.children:
                if (category_id in child.ids) if category_id is not None else child.category is None:
                    return child
                found = walk(child)
                if found is not None:
                    return found
            return None

        node = walk(self._root)
        return self.createIndex(node.row(), 0, node) if node is not None else QModelIndex()

    def index_of_path(self, path: str) -> QModelIndex:
        """The row of a category path (``售后/质量问题``), or an invalid index."""
        node = self._root
        for part in path.split("/"):
            found = next(
                (c for c in node.children if c.category is not None and c.category.name == part), None
            )
            if found is None:
                return QModelIndex()
            node = found
        return self.createIndex(node.row(), 0, node)

    def _node(self, index: _AnyIndex) -> _CategoryNode | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _CategoryNode) else None

    def index(self, row: int, column: int, parent: _AnyIndex = _INVALID) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        parent_node = self._node(parent) if parent.isValid() else self._root
        if parent_node is None or row >= len(parent_node.children):
            return QModelIndex()
        return self.createIndex(row, 0, parent_node.children[row])

    def parent(self, index: _AnyIndex = _INVALID) -> QModelIndex:  # type: ignore[override, unused-ignore]
        node = self._node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row(), 0, node.parent)

    def rowCount(self, parent: _AnyIndex = _INVALID) -> int:
        if parent.column() > 0:
            return 0
        node = self._node(parent) if parent.isValid() else self._root
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: _AnyIndex = _INVALID) -> int:
        return 1

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            if node.category is None:
                return node.label
            if node.shared and node.own:
                return QCoreApplication.translate("WorkspaceModels", "%1(本店与通用的话术)").replace(
                    "%1", node.category.path
                )
            if node.shared:
                return QCoreApplication.translate("WorkspaceModels", "%1(通用话术)").replace(
                    "%1", node.category.path
                )
            return node.category.path
        if role == ObjectRole:
            return node.category
        return None


class ResultListModel(ObjectListModel[SearchHit]):
    """Search hits, best first. The first nine rows carry their number key (Ctrl+1 … Ctrl+9)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.asset_kinds: dict[str, str] = {}
        """Asset id → kind (image/video/pdf/file), filled by the owner so rows can show markers."""

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.set_items(hits)

    def hits(self) -> list[SearchHit]:
        return self.items()

    def hit(self, row: int) -> SearchHit | None:
        return self.item_or_none(row)

    def replace_hit(self, row: int, hit: SearchHit) -> None:
        """Swap one row's hit (the same entry with another variant picked) and repaint it."""
        if 0 <= row < len(self._items):
            self._items[row] = hit
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.item_at(index)
        if hit is None:
            return None
        entry = hit.entry
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.reply
        if role == ObjectRole:
            return hit
        if role == EntryRole:
            return entry
        if role == KeyRole:
            return index.row() + 1 if index.row() < 9 else 0
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.title} {entry.code} {entry.category_path}"
        return None


class SopListModel(ObjectListModel[Sop]):
    def set_sops(self, sops: Sequence[Sop]) -> None:
        self.set_items(sops)

    def sop(self, row: int) -> Sop | None:
        return self.item_or_none(row)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        sop = self.item_at(index)
        if sop is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return sop.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return sop.description or sop.name
        if role == ObjectRole:
            return sop
        return None


class SopStepModel(ObjectListModel[tuple[SopStep, Entry | None]]):
    """The steps of one SOP in order, each with its entry (or None)."""

    def set_steps(self, steps: Sequence[tuple[SopStep, Entry | None]]) -> None:
        self.set_items(steps)

    def step(self, row: int) -> tuple[SopStep, Entry | None] | None:
        return self.item_or_none(row)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.item_at(index)
        if row is None:
            return None
        step, entry = row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{step.position}. {step.instruction}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.reply if entry else step.instruction
        if role == ObjectRole:
            return step
        if role == EntryRole:
            return entry
        if role == KeyRole:
            return index.row() + 1 if index.row() < 9 else 0
        return None


class AssetListModel(ObjectListModel[Asset]):
    """The assets linked to the previewed entry, with thumbnails supplied later by the owner."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thumbs: dict[str, QPixmap] = {}
        self._fallback: dict[str, QIcon] = {}

    def set_assets(self, assets: Sequence[Asset]) -> None:
        self.set_items(assets)

    def set_fallback_icons(self, icons: dict[str, QIcon]) -> None:
        self._fallback = icons

    def set_thumbnail(self, asset_id: str, pixmap: QPixmap) -> None:
        self._thumbs[asset_id] = pixmap
        for row, asset in enumerate(self._items):
            if asset.id == asset_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, asset_id: str) -> bool:
        return asset_id in self._thumbs

    def asset(self, row: int) -> Asset | None:
        return self.item_or_none(row)

    def assets(self) -> list[Asset]:
        return self.items()

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        asset = self.item_at(index)
        if asset is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return asset.title or asset.filename
        if role == Qt.ItemDataRole.DecorationRole:
            thumb = self._thumbs.get(asset.id)
            if thumb is not None:
                return thumb
            return self._fallback.get(asset.kind) or self._fallback.get("file")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{asset.title}\n{asset.folder} · {asset.filename}"
        if role == ObjectRole:
            return asset
        return None


class CustomerListModel(ObjectListModel[Customer]):
    """Known customers' nicknames, for the customer panel's completer."""

    def set_customers(self, customers: Sequence[Customer]) -> None:
        self.set_items(customers)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        customer = self.item_at(index)
        if customer is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return customer.nickname
        if role == Qt.ItemDataRole.ToolTipRole:
            return "、".join(customer.tags) or customer.nickname
        if role == ObjectRole:
            return customer
        return None
