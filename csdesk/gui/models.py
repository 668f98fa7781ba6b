"""The model scaffolding every list or table of objects in the GUI shares (rules, tags, shops, the trash …).

Subclasses write ``data()`` (a table model also declares ``COLUMNS``, marked with ``QT_TRANSLATE_NOOP`` under its
own class name); the row bookkeeping, counts and header lookup live here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeAlias, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

T = TypeVar("T")
Index: TypeAlias = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

if TYPE_CHECKING:
    _ModelBase: TypeAlias = QAbstractItemModel
else:  # a plain mixin at run time; the Qt model class comes after it in the bases
    _ModelBase = object


def utf16_offset(text: str, index: int) -> int:
    """A code-point offset as Qt counts positions (UTF-16 units): they differ after an emoji, and a highlight that
    ignored it would mark the wrong characters."""
    return len(text[:index].encode("utf-16-le")) // 2


class ObjectRows(Generic[T], _ModelBase):
    """One object per row: ``set_items``, ``item(row)``, ``item_at(index)``, ``row_of(id)`` and ``rowCount``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []

    def set_items(self, items: Iterable[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T:
        return self._items[row]

    def item_or_none(self, row: int) -> T | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def item_at(self, index: Index) -> T | None:
        """The object behind ``index``, or None for an invalid or stale index."""
        return self.item_or_none(index.row()) if index.isValid() else None

    def row_of(self, item_id: Any) -> int:
        """The row of the item whose ``id`` is ``item_id``; -1 when it is not shown."""
        return next((row for row, item in enumerate(self._items) if getattr(item, "id", None) == item_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)


class ObjectListModel(ObjectRows[T], QAbstractListModel):
    """A list of objects; subclasses write ``data()``."""


class ObjectTableModel(ObjectRows[T], QAbstractTableModel):
    """Rows of objects, one per item; columns named by ``COLUMNS``.

    Header texts are translated in ``TR_CONTEXT``: by default the name of the class that declares ``COLUMNS``,
    the same context ``self.tr`` and ``QT_TRANSLATE_NOOP("ThatClass", …)`` use, so translations stay where they are.
    """

    COLUMNS: ClassVar[tuple[object, ...]] = ()  # QT_TRANSLATE_NOOP(...) is typed as object
    TR_CONTEXT: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "COLUMNS" in cls.__dict__ and "TR_CONTEXT" not in cls.__dict__:
            cls.TR_CONTEXT = cls.__name__

    # Qt model API
    def header(self, section: int) -> str:
        return QCoreApplication.translate(self.TR_CONTEXT, str(self.COLUMNS[section]))

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.columnCount()
        ):
            return self.header(section)
        return None
