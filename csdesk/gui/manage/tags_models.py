"""The tag page's models, customer dialog and undo commands (the page itself is tags_page.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractListModel, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import Customer, Tag, TagGroup
from csdesk.gui.manage.commands import IdMap
from csdesk.gui.manage.page_support import ROOT, Index, LibraryCommand, fill_shop_combo, ok_cancel_buttons
from csdesk.gui.models import ObjectListModel, ObjectTableModel

DEFAULT_GROUP_COLOR = "#2f80ed"


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color) if color and QColor(color).isValid() else QColor("#dddddd"))
    return QIcon(pixmap)


# ----------------------------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------------------------
class TagGroupModel(ObjectListModel[TagGroup]):
    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._counts: dict[int, int] = {}
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._items = self.lib.tags.groups()
        self._counts = {}
        for tag in self.lib.tags.all():
            self._counts[tag.group_id] = self._counts.get(tag.group_id, 0) + 1
        self.endResetModel()

    def group(self, row: int) -> TagGroup:
        return self.item(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        group = self.item_at(index)
        if group is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{group.name}  ({self._counts.get(group.id, 0)})"
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(group.color)
        if role == Qt.ItemDataRole.UserRole:
            return group.id
        return None


class TagModel(ObjectTableModel[Tag]):
    """The tags of one group: name (with colour), description, and how many customers carry it."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("TagModel", "客户标签"),
        QT_TRANSLATE_NOOP("TagModel", "说明"),
        QT_TRANSLATE_NOOP("TagModel", "客户数"),
    )

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.group_id: int | None = None
        self._usage: dict[str, int] = {}

    def set_group(self, group_id: int | None) -> None:
        self.group_id = group_id
        self.refresh()

    def refresh(self) -> None:
        tags = self.lib.tags.all(self.group_id) if self.group_id is not None else []
        usage: dict[str, int] = {}
        for customer in self.lib.customers.all():
            for tag in customer.tags:
                usage[tag] = usage.get(tag, 0) + 1
        self._usage = usage
        self.set_items(tags)

    def tag(self, row: int) -> Tag:
        return self.item(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        tag, column = self.item_at(index), index.column()
        if tag is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (tag.name, tag.description, str(self._usage.get(tag.name, 0)))[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return swatch(tag.color)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return tag.id
        return None


class CustomerModel(ObjectTableModel[Customer]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("CustomerModel", "昵称"),
        QT_TRANSLATE_NOOP("CustomerModel", "店铺"),
        QT_TRANSLATE_NOOP("CustomerModel", "客户标签"),
        QT_TRANSLATE_NOOP("CustomerModel", "生日"),
        QT_TRANSLATE_NOOP("CustomerModel", "售后记录"),
        QT_TRANSLATE_NOOP("CustomerModel", "备注"),
    )

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._shops: dict[int, str] = {}
        self.refresh()

    def refresh(self) -> None:
        self._shops = {s.id: s.name for s in self.lib.shops.all()}
        self.set_items(self.lib.customers.all())

    def customer(self, row: int) -> Customer:
        return self.item(row)

    def shop_name(self, shop_id: int | None) -> str:
        return self.tr("不限店铺") if shop_id is None else self._shops.get(shop_id, "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c, column = self.item_at(index), index.column()
        if c is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                c.nickname,
                self.shop_name(c.shop_id),
                "、".join(c.tags),
                c.birthday,
                c.after_sale,
                c.notes,
            )[column]
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        return None


class TagChecklistModel(QAbstractListModel):
    """Every defined tag (and any unknown tag the customer already has) with a check box."""

    def __init__(self, names: list[str], checked: set[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = names + [n for n in sorted(checked) if n not in names]
        self._checked = set(checked)

    def checked(self) -> list[str]:
        return [n for n in self._names if n in self._checked]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._names)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return (
            super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable
            if index.isValid()
            else super().flags(index)
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._names):
            return None
        name = self._names[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if name in self._checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        name = self._names[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(name)
        else:
            self._checked.discard(name)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


# ----------------------------------------------------------------------------------------------------------
# Customer dialog
# ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CustomerValues:
    nickname: str
    shop_id: int | None
    tags: tuple[str, ...]
    birthday: str
    after_sale: str
    notes: str

    @staticmethod
    def of(customer: Customer) -> CustomerValues:
        return CustomerValues(
            customer.nickname,
            customer.shop_id,
            customer.tags,
            customer.birthday,
            customer.after_sale,
            customer.notes,
        )


class CustomerDialog(QDialog):
    """Add or edit a customer; stays open (with the message) when the library refuses the values."""

    def __init__(
        self, lib: Library, customer: Customer | None, save: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("新建客户") if customer is None else self.tr("编辑客户"))
        self.resize(480, 560)
        self.nickname = QLineEdit(customer.nickname if customer else "", self)
        self.nickname.setPlaceholderText(self.tr("平台上的买家昵称"))
        self.shop = QComboBox(self)
        fill_shop_combo(
            self.shop, lib.shops.all(), self.tr("不限店铺"), customer.shop_id if customer else None
        )
        names = [t.name for t in lib.tags.all()]
        self.tags_model = TagChecklistModel(names, set(customer.tags if customer else ()), self)
        self.tags_view = QListView(self)
        self.tags_view.setModel(self.tags_model)
        self.tags_view.setFlow(QListView.Flow.LeftToRight)
        self.tags_view.setWrapping(True)
        self.tags_view.setSpacing(2)
        self.tags_view.setMinimumHeight(90)
        self.birthday = QLineEdit(customer.birthday if customer else "", self)
        self.birthday.setPlaceholderText(self.tr("例如 1990-05-01 或 05-01"))
        self.after_sale = QPlainTextEdit(customer.after_sale if customer else "", self)
        self.after_sale.setPlaceholderText(self.tr("退过货、投诉过、补发过……"))
        self.after_sale.setFixedHeight(70)
        self.notes = QPlainTextEdit(customer.notes if customer else "", self)
        self.notes.setPlaceholderText(self.tr("身高体重、常穿尺码、口味、忌口……"))
        form = QFormLayout()
        form.addRow(self.tr("昵称"), self.nickname)
        form.addRow(self.tr("店铺"), self.shop)
        form.addRow(self.tr("客户标签"), self.tags_view)
        form.addRow(self.tr("生日"), self.birthday)
        form.addRow(self.tr("售后记录"), self.after_sale)
        form.addRow(self.tr("备注"), self.notes)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> CustomerValues:
        return CustomerValues(
            self.nickname.text().strip(),
            self.shop.currentData(),
            tuple(self.tags_model.checked()),
            self.birthday.text().strip(),
            self.after_sale.toPlainText().strip(),
            self.notes.toPlainText().strip(),
        )

    def accept(self) -> None:
        if self._save(self.values()):
            super().accept()


# ----------------------------------------------------------------------------------------------------------
# Commands
# ----------------------------------------------------------------------------------------------------------
def _save(lib: Library, values: CustomerValues) -> int:
    customer = lib.customers.save(
        values.nickname,
        shop=values.shop_id,
        tags=values.tags,
        notes=values.notes,
        birthday=values.birthday,
        after_sale=values.after_sale,
    )
    return customer.id


def _find_customer(lib: Library, nickname: str, shop_id: int | None) -> Customer | None:
    return next(
        (c for c in lib.customers.all() if c.nickname == nickname.strip() and c.shop_id == shop_id), None
    )


class SaveCustomerCommand(LibraryCommand):
    """Create a customer (``old`` is None), or change one. A new nickname or shop makes it a new record in the
    library (it keys customers by shop + nickname), so the old record is replaced."""

    def __init__(
        self,
        lib: Library,
        ids: IdMap,
        customer_id: int | None,
        old: CustomerValues | None,
        new: CustomerValues,
        text: str,
        widget: QWidget,
    ) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self.customer_id = customer_id
        self._old, self._new = old, new

    def _check_free(self, values: CustomerValues, own: int | None) -> None:
        clash = _find_customer(self.lib, values.nickname, values.shop_id)
        if clash is not None and clash.id != own:
            raise ValidationError(
                f"这个店铺已经有客户「{values.nickname}」,请直接编辑那一位。",
                f"The shop already has a customer '{values.nickname}'; edit that one.",
            )

    def _move(self, source: CustomerValues | None, target: CustomerValues | None) -> None:
        current = self.ids.resolve("customer", self.customer_id) if self.customer_id is not None else None
        if target is None:  # undo of a creation
            if current is not None:
                self.lib.customers.delete(current)
            return
        if current is None:  # the creation itself
            self._check_free(target, None)
            self.customer_id = _save(self.lib, target)
            return
        if source is None:  # redo of a creation
            self._check_free(target, None)
            self.ids.remap("customer", current, _save(self.lib, target))
            return
        same_key = (source.nickname, source.shop_id) == (target.nickname, target.shop_id)
        self._check_free(target, current if same_key else None)
        new_id = _save(self.lib, target)
        if not same_key:
            self.lib.customers.delete(current)
            self.ids.remap("customer", current, new_id)

    def apply(self) -> None:
        self._move(self._old, self._new)

    def revert(self) -> None:
        self._move(self._new, self._old)


class DeleteCustomerCommand(LibraryCommand):
    def __init__(self, lib: Library, ids: IdMap, customer: Customer, text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self._id, self._values = customer.id, CustomerValues.of(customer)

    def apply(self) -> None:
        self.lib.customers.delete(self.ids.resolve("customer", self._id))

    def revert(self) -> None:
        self.ids.remap("customer", self.ids.resolve("customer", self._id), _save(self.lib, self._values))


class AddTagGroupCommand(LibraryCommand):
    def __init__(self, lib: Library, ids: IdMap, name: str, color: str, text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self.name, self.color = name.strip(), color
        self.group_id: int | None = None

    def apply(self) -> None:
        if any(g.name == self.name for g in self.lib.tags.groups()):
            raise ValidationError(f"标签组「{self.name}」已存在。", f"The tag group '{self.name}' exists.")
        group = self.lib.tags.add_group(self.name, self.color)
        if self.group_id is None:
            self.group_id = group.id
        else:
            self.ids.remap("group", self.ids.resolve("group", self.group_id), group.id)

    def revert(self) -> None:
        if self.group_id is not None:
            self.lib.tags.delete_group(self.ids.resolve("group", self.group_id))


class DeleteTagGroupCommand(LibraryCommand):
    """Delete a group with its tags (customers and entries keep the tag words); undo brings both back."""

    def __init__(self, lib: Library, ids: IdMap, group: TagGroup, text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self.group = group
        self.tags = lib.tags.all(group.id)

    def apply(self) -> None:
        self.lib.tags.delete_group(self.ids.resolve("group", self.group.id))

    def revert(self) -> None:
        group = self.lib.tags.add_group(self.group.name, self.group.color, sort_order=self.group.sort_order)
        self.ids.remap("group", self.ids.resolve("group", self.group.id), group.id)
        for tag in self.tags:
            new = self.lib.tags.add(tag.name, group=group.id, color=tag.color, description=tag.description)
            self.ids.remap("tag", self.ids.resolve("tag", tag.id), new.id)


class AddTagCommand(LibraryCommand):
    def __init__(
        self,
        lib: Library,
        ids: IdMap,
        group_id: int,
        name: str,
        color: str,
        description: str,
        text: str,
        w: QWidget,
    ) -> None:
        super().__init__(text, w)
        self.lib, self.ids = lib, ids
        self.group_id, self.name, self.color, self.description = group_id, name.strip(), color, description
        self.tag_id: int | None = None

    def apply(self) -> None:
        existing = next((t for t in self.lib.tags.all() if t.name == self.name), None)
        if existing is not None:
            group = next((g.name for g in self.lib.tags.groups() if g.id == existing.group_id), "")
            raise ValidationError(
                f"标签「{self.name}」已存在(在「{group}」组)。",
                f"The tag '{self.name}' exists (group '{group}').",
            )
        tag = self.lib.tags.add(
            self.name,
            group=self.ids.resolve("group", self.group_id),
            color=self.color,
            description=self.description,
        )
        if self.tag_id is None:
            self.tag_id = tag.id
        else:
            self.ids.remap("tag", self.ids.resolve("tag", self.tag_id), tag.id)

    def revert(self) -> None:
        if self.tag_id is not None:
            self.lib.tags.delete(self.ids.resolve("tag", self.tag_id))


class DeleteTagCommand(LibraryCommand):
    def __init__(self, lib: Library, ids: IdMap, tag: Tag, text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib, self.ids, self.tag = lib, ids, tag

    def apply(self) -> None:
        self.lib.tags.delete(self.ids.resolve("tag", self.tag.id))

    def revert(self) -> None:
        t = self.tag
        new = self.lib.tags.add(
            t.name, group=self.ids.resolve("group", t.group_id), color=t.color, description=t.description
        )
        self.ids.remap("tag", self.ids.resolve("tag", t.id), new.id)
