"""Shops: add, rename, set the platform (it decides the reply length limit), delete with confirmation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import PLATFORMS, Shop
from csdesk.gui.errors import show_error
from csdesk.gui.manage.commands import CommandRunner
from csdesk.gui.manage.entry_editor import PLATFORM_REPLY_LIMITS
from csdesk.gui.manage.page_support import ok_cancel_buttons, row_table
from csdesk.gui.manage.structure_commands import AddShopCommand, DeleteShopCommand, EditShopCommand
from csdesk.gui.models import Index, ObjectTableModel


class ShopTableModel(ObjectTableModel[Shop]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("ShopTableModel", "店铺"),
        QT_TRANSLATE_NOOP("ShopTableModel", "平台"),
        QT_TRANSLATE_NOOP("ShopTableModel", "条目数"),
        QT_TRANSLATE_NOOP("ShopTableModel", "回复字数上限"),
    )

    def __init__(self, lib: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.counts: dict[int, int] = {}
        self.reload()

    @property
    def shops(self) -> list[Shop]:
        return self._items

    def reload(self) -> None:
        self.counts = self.lib.entries.counts(by="shop")
        self.set_items(self.lib.shops.all())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shop = self.item_at(index)
        if shop is None:
            return None
        shop = self.shops[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return shop.name + (self.tr("(所有店铺共用)") if shop.is_shared else "")
            if index.column() == 1:
                return shop.platform or "—"
            if index.column() == 2:
                return str(self.counts.get(shop.id, 0))
            limit = PLATFORM_REPLY_LIMITS.get(shop.platform)
            return str(limit) if limit else "—"
        if role == Qt.ItemDataRole.UserRole:
            return shop.id
        return None


class ShopDialog(QDialog):
    def __init__(self, shop: Shop | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改店铺") if shop else self.tr("添加店铺"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit(shop.name if shop else "")
        self.platform_combo = QComboBox()
        self.platform_combo.setEditable(True)
        self.platform_combo.addItems(PLATFORMS)
        self.platform_combo.setCurrentText(shop.platform if shop else PLATFORMS[0])
        if shop is not None and shop.is_shared:
            self.name_edit.setReadOnly(True)
        form.addRow(self.tr("店铺名:"), self.name_edit)
        form.addRow(self.tr("平台:"), self.platform_combo)
        buttons = ok_cancel_buttons(self, self.tr("确定"), self.tr("取消"))
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.name_edit.text().strip(), self.platform_combo.currentText().strip()


class ShopsPage(QWidget):
    def __init__(self, lib: Library, runner: CommandRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self._editable = False
        self.model = ShopTableModel(lib, self)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "一个话术库可以服务多家店铺;「通用」里的条目在每家店铺都能搜到。平台决定回复的字数上限。"
                )
            )
        )
        self.view = row_table(self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加店铺…"))
        self.edit_button = QPushButton(self.tr("改名 / 平台…"))
        self.delete_button = QPushButton(self.tr("删除店铺…"))
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def reload(self) -> None:
        self.model.reload()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_buttons()

    def current(self) -> Shop | None:
        index = self.view.currentIndex()
        return self.model.shops[index.row()] if index.isValid() else None

    def _update_buttons(self) -> None:
        shop = self.current()
        self.add_button.setEnabled(self._editable)
        self.edit_button.setEnabled(self._editable and shop is not None)
        self.delete_button.setEnabled(self._editable and shop is not None and not shop.is_shared)

    def add(self, name: str | None = None, platform: str = "") -> bool:
        if not self._editable:
            return False
        if name is None:
            dialog = ShopDialog(None, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            name, platform = dialog.values()
        return self.runner.push(AddShopCommand(self.lib, name, platform))

    def edit(self, name: str | None = None, platform: str | None = None) -> bool:
        shop = self.current()
        if shop is None or not self._editable:
            return False
        if name is None:
            dialog = ShopDialog(shop, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            name, platform = dialog.values()
        platform = shop.platform if platform is None else platform
        if (name, platform) == (shop.name, shop.platform):
            return False
        return self.runner.push(EditShopCommand(self.lib, shop.id, name=name, platform=platform))

    def delete(self, *, confirmed: bool = False) -> bool:
        """Delete the current shop (undoable). One that still holds entries — in the trash too —, SOPs, rules or
        customers is refused with what is left, so nothing is ever destroyed outside the trash."""
        shop = self.current()
        if shop is None or not self._editable or shop.is_shared:
            return False
        try:
            held = self.lib.shops.contents(shop.id)
        except CsdeskError as exc:
            show_error(self, exc)
            return False
        if not any(held.values()) and not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("删除店铺"),
                self.tr("删除店铺「%1」和它的空分类?可以撤销。").replace("%1", shop.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        # a shop with contents: the runner shows the library's reason (what is left in it)
        return self.runner.push(DeleteShopCommand(self.lib, shop.id))
