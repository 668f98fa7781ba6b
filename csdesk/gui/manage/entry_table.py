"""The entries as a table for bulk work: a model over the library's live entries and a filtering proxy.

The model keeps every live entry of every shop; the proxy narrows it to one shop and to what the filter combo and
text ask for. Library change notifications update rows in place (by id), so a bulk edit keeps the selection.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any, TypeAlias

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from csdesk.core.library import Library
from csdesk.core.models import Entry
from csdesk.gui.models import ObjectTableModel

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index: TypeAlias = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    CODE = 1
    CATEGORY = 2
    SHOP = 3
    TAGS = 4
    ENABLED = 5
    USES = 6
    LAST_USED = 7
    UPDATED = 8
    UPDATED_BY = 9


def short_time(stamp: str) -> str:
    """``2026-03-01T08:30:00Z`` → local ``2026-03-01 16:30``; empty stays empty."""
    if not stamp:
        return ""
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).astimezone()
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M")


class EntryTableModel(ObjectTableModel[Entry]):
    COLUMNS = (  # in Column's order
        QT_TRANSLATE_NOOP("EntryTableModel", "标题"),
        QT_TRANSLATE_NOOP("EntryTableModel", "快捷编码"),
        QT_TRANSLATE_NOOP("EntryTableModel", "分类"),
        QT_TRANSLATE_NOOP("EntryTableModel", "店铺"),
        QT_TRANSLATE_NOOP("EntryTableModel", "标签"),
        QT_TRANSLATE_NOOP("EntryTableModel", "启用"),
        QT_TRANSLATE_NOOP("EntryTableModel", "使用次数"),
        QT_TRANSLATE_NOOP("EntryTableModel", "最近使用"),
        QT_TRANSLATE_NOOP("EntryTableModel", "更新时间"),
        QT_TRANSLATE_NOOP("EntryTableModel", "更新人"),
    )

    def __init__(self, lib: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._row_of: dict[str, int] = {}
        self._uses: dict[str, int] = {}
        self._last: dict[str, str] = {}
        self.reload()

    # loading
    def reload(self) -> None:
        self.beginResetModel()
        self._items = self.lib.entries(shop="*")
        self._load_usage()
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of = {e.id: row for row, e in enumerate(self._items)}

    def _load_usage(self) -> None:
        self._uses = self.lib.usage_counts()
        self._last = self.lib.last_used()

    def refresh_usage(self, ids: tuple[str, ...] | list[str] = ()) -> None:
        """Entries were copied (a ``usage`` change): read the counts and last-used times again and repaint those
        rows (all rows without ``ids``), so the 最近用过 / 从未使用 filters and sorting follow at once."""
        self._load_usage()
        rows = (
            sorted(r for r in (self._row_of.get(i) for i in ids) if r is not None)
            if ids
            else range(len(self._items))
        )
        for row in rows:
            self.dataChanged.emit(self.index(row, Column.USES), self.index(row, Column.LAST_USED))

    def refresh(self, ids: tuple[str, ...] | list[str] = ()) -> None:
        """Bring the rows of ``ids`` up to date (insert, update or remove); no ids: reload everything.
        Use counts are read again either way (a copy in another window or the CLI changes them)."""
        if not ids:
            self.reload()
            return
        self._load_usage()
        fresh = {e.id: e for e in self.lib.get_many(list(ids))}
        for entry_id in ids:
            entry = fresh.get(entry_id)
            row = self._row_of.get(entry_id)
            live = entry is not None and entry.deleted_at is None
            if row is not None and live:
                assert entry is not None
                self._items[row] = entry
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            elif row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self._reindex()
                self.endRemoveRows()
            elif live:
                assert entry is not None
                position = len(self._items)
                self.beginInsertRows(QModelIndex(), position, position)
                self._items.append(entry)
                self._row_of[entry.id] = position
                self.endInsertRows()

    # access
    def entry(self, row: int) -> Entry:
        return self.item(row)

    def entry_by_id(self, entry_id: str) -> Entry | None:
        row = self._row_of.get(entry_id)
        return None if row is None else self._items[row]

    def row_of(self, entry_id: str) -> int | None:  # type: ignore[override]  # None, not -1: callers test "is None"
        return self._row_of.get(entry_id)

    def uses(self, entry_id: str) -> int:
        return self._uses.get(entry_id, 0)

    def last_used(self, entry_id: str) -> str:
        return self._last.get(entry_id, "")

    # Qt model API
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.item_at(index)
        if entry is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == SORT_ROLE:
            return self._sort_key(entry, column)
        if role == ENTRY_ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            return entry.reply[:300]
        if role == Qt.ItemDataRole.ForegroundRole and not entry.enabled:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.USES, Column.ENABLED):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, entry: Entry, column: Column) -> str:
        if column == Column.TITLE:
            return entry.title
        if column == Column.CODE:
            return entry.code
        if column == Column.CATEGORY:
            return entry.category_path
        if column == Column.SHOP:
            return entry.shop_name
        if column == Column.TAGS:
            return "、".join(entry.tags)
        if column == Column.ENABLED:
            return "✓" if entry.enabled else "—"
        if column == Column.USES:
            return str(self.uses(entry.id))
        if column == Column.LAST_USED:
            return short_time(self.last_used(entry.id)) or QCoreApplication.translate(
                "EntryTableModel", "从未"
            )
        if column == Column.UPDATED:
            return short_time(entry.updated_at)
        return entry.updated_by

    def _sort_key(self, entry: Entry, column: Column) -> Any:
        if column == Column.USES:
            return self.uses(entry.id)
        if column == Column.ENABLED:
            return int(entry.enabled)
        if column == Column.LAST_USED:
            return self.last_used(entry.id)
        if column == Column.UPDATED:
            return entry.updated_at
        return self._display(entry, column).casefold()


class FilterMode(IntEnum):
    ALL = 0
    CATEGORY = 1
    TAG = 2
    CODE = 3
    USED_WITHIN = 4
    NEVER_USED = 5
    DISABLED = 6


def filter_mode_labels() -> list[tuple[FilterMode, str, str]]:
    """(mode, combo label, placeholder text for the text field)."""
    return [
        (
            FilterMode.ALL,
            QCoreApplication.translate("EntryTableModel", "全部字段"),
            QCoreApplication.translate("EntryTableModel", "筛选标题、编码、分类、标签、回复…"),
        ),
        (
            FilterMode.CATEGORY,
            QCoreApplication.translate("EntryTableModel", "按分类"),
            QCoreApplication.translate("EntryTableModel", "分类路径包含…(如 售后/退款)"),
        ),
        (
            FilterMode.TAG,
            QCoreApplication.translate("EntryTableModel", "按标签"),
            QCoreApplication.translate("EntryTableModel", "标签名…"),
        ),
        (
            FilterMode.CODE,
            QCoreApplication.translate("EntryTableModel", "按快捷编码"),
            QCoreApplication.translate("EntryTableModel", "编码开头…"),
        ),
        (
            FilterMode.USED_WITHIN,
            QCoreApplication.translate("EntryTableModel", "最近用过"),
            QCoreApplication.translate("EntryTableModel", "天数(默认 30)"),
        ),
        (
            FilterMode.NEVER_USED,
            QCoreApplication.translate("EntryTableModel", "从未使用"),
            QCoreApplication.translate("EntryTableModel", "再按文字筛选…"),
        ),
        (
            FilterMode.DISABLED,
            QCoreApplication.translate("EntryTableModel", "已停用"),
            QCoreApplication.translate("EntryTableModel", "再按文字筛选…"),
        ),
    ]


class EntryFilterProxy(QSortFilterProxyModel):
    """Shop + filter mode + text over :class:`EntryTableModel`; sorts by :data:`SORT_ROLE`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.shop_id: int | None = None
        self.category_ids: set[int] | None = None
        self.mode = FilterMode.ALL
        self.text = ""

    def set_shop(self, shop_id: int | None) -> None:
        self.beginFilterChange()
        self.shop_id = shop_id
        self.endFilterChange()

    def set_categories(self, category_ids: set[int] | None) -> None:
        self.beginFilterChange()
        self.category_ids = category_ids
        self.endFilterChange()

    def set_filter(self, mode: FilterMode, text: str) -> None:
        self.beginFilterChange()
        self.mode = mode
        self.text = text.strip().casefold()
        self.endFilterChange()

    def source(self) -> EntryTableModel:
        model = self.sourceModel()
        assert isinstance(model, EntryTableModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.source()
        entry = model.entry(source_row)
        if self.shop_id is not None and entry.shop_id != self.shop_id:
            return False
        if self.category_ids is not None and entry.category_id not in self.category_ids:
            return False
        text, mode = self.text, self.mode
        if mode == FilterMode.CATEGORY:
            return text in entry.category_path.casefold()
        if mode == FilterMode.TAG:
            return not text or any(text in t.casefold() for t in entry.tags)
        if mode == FilterMode.CODE:
            return bool(entry.code) and entry.code.casefold().startswith(text)
        if mode == FilterMode.USED_WITHIN:
            days = int(text) if text.isdigit() else 30
            last = model.last_used(entry.id)
            cutoff = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
            return bool(last) and last >= cutoff
        if mode == FilterMode.NEVER_USED and model.uses(entry.id):
            return False
        if mode == FilterMode.DISABLED and entry.enabled:
            return False
        if not text:
            return True
        haystack = " ".join(
            (entry.title, entry.code, entry.category_path, " ".join(entry.tags), entry.reply, entry.question)
        ).casefold()
        return text in haystack
