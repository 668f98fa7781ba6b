"""The trash: deleted entries wait here until restored or purged ("empty trash" asks first and cannot be undone)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Entry
from csdesk.gui.errors import show_error
from csdesk.gui.manage.commands import CommandRunner
from csdesk.gui.manage.entry_commands import RestoreEntriesCommand
from csdesk.gui.manage.entry_table import short_time
from csdesk.gui.manage.page_support import button_row, row_table
from csdesk.gui.models import Index, ObjectTableModel


class TrashModel(ObjectTableModel[Entry]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("TrashModel", "标题"),
        QT_TRANSLATE_NOOP("TrashModel", "店铺"),
        QT_TRANSLATE_NOOP("TrashModel", "分类"),
        QT_TRANSLATE_NOOP("TrashModel", "删除时间"),
        QT_TRANSLATE_NOOP("TrashModel", "删除人"),
    )

    def __init__(self, lib: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.reload()

    @property
    def entries(self) -> list[Entry]:
        return self._items

    def reload(self) -> None:
        self.set_items(sorted(self.lib.entries.trash(), key=lambda e: e.deleted_at or "", reverse=True))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        e = self.item_at(index)
        if e is None:
            return None
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [e.title, e.shop_name, e.category_path, short_time(e.deleted_at or ""), e.updated_by][
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return e.reply[:300]
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None


class TrashPage(QWidget):
    history_requested = Signal(str)

    def __init__(self, lib: Library, runner: CommandRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self.model = TrashModel(lib, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        layout.addWidget(self.info)
        self.view = row_table(self.proxy, multi=True)
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )  # the trash is small: fit the text
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        header.setStretchLastSection(False)
        layout.addWidget(self.view, 1)
        self.restore_button = QPushButton(self.tr("恢复所选"))
        self.history_button = QPushButton(self.tr("历史版本…"))
        self.purge_button = QPushButton(self.tr("彻底删除所选…"))
        self.empty_button = QPushButton(self.tr("清空回收站…"))
        row = button_row(self.restore_button, self.history_button)
        row.addWidget(self.purge_button)
        row.addWidget(self.empty_button)
        layout.addLayout(row)
        self.restore_button.clicked.connect(self.restore_selected)
        self.history_button.clicked.connect(self._history)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty_trash)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._editable = False
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        n = len(self.model.entries)
        self.info.setText(
            self.tr("回收站里有 %1 个条目。恢复后条目回到原来的店铺和分类。").replace("%1", str(n))
            if n
            else self.tr("回收站是空的。")
        )
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_buttons()

    def selected_ids(self) -> list[str]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.entries[r].id for r in rows]

    def _update_buttons(self) -> None:
        selected = bool(self.selected_ids())
        self.restore_button.setEnabled(self._editable and selected)
        self.purge_button.setEnabled(self._editable and selected)
        self.history_button.setEnabled(len(self.selected_ids()) == 1)
        self.empty_button.setEnabled(self._editable and bool(self.model.entries))

    def _history(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.history_requested.emit(ids[0])

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids and self._editable:
            self.runner.push(RestoreEntriesCommand(self.lib, ids))

    def purge_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not self._editable:
            return
        if self._confirm(
            self.tr("彻底删除 %1 个条目?删除后无法恢复,也不能撤销。").replace("%1", str(len(ids)))
        ):
            self._purge(ids)

    def empty_trash(self) -> None:
        n = len(self.model.entries)
        if not n or not self._editable:
            return
        if self._confirm(
            self.tr("清空回收站,彻底删除全部 %1 个条目?删除后无法恢复,也不能撤销。").replace("%1", str(n))
        ):
            self._purge(None)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("彻底删除"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _purge(self, ids: list[str] | None) -> None:
        try:
            self.lib.entries.purge(ids)
        except CsdeskError as exc:
            show_error(self, exc)
        self.runner.relay.flush()
        self.reload()
