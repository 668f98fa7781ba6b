"""The supervisor's tag and customer page: customer tags, entry tags (entry_tags_tab.py), customers.

Customer tags (客户标签) describe customers (价格敏感型, 犹豫型, 梨形身材 …) and aim entry variants at them; they live in coloured groups.
Renaming a tag renames it everywhere (entries, customers, variants) — the library does that in one transaction.
The customer tab lists what agents have recorded: nickname, shop, tags, birthday, after-sale marks, notes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.library import Library
from csdesk.core.models import Customer, Tag, TagGroup
from csdesk.gui.errors import show_error
from csdesk.gui.manage.entry_tags_tab import EntryTagsTab
from csdesk.gui.manage.page_base import ManagePage
from csdesk.gui.manage.page_support import button_row, push_call, push_edit, row_table, set_enabled, split_tab
from csdesk.gui.manage.tags_models import (
    DEFAULT_GROUP_COLOR,
    AddTagCommand,
    AddTagGroupCommand,
    CustomerDialog,
    CustomerModel,
    CustomerValues,
    DeleteCustomerCommand,
    DeleteTagCommand,
    DeleteTagGroupCommand,
    SaveCustomerCommand,
    TagGroupModel,
    TagModel,
)


# ----------------------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------------------
class TagsPage(ManagePage):
    """Two tabs: tag groups and tags; customers."""

    def __init__(self, lib: Library, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(lib, undo_stack, parent)
        self.group_model = TagGroupModel(lib, self)
        self.tag_model = TagModel(lib, self)
        self.customer_model = CustomerModel(lib, self)
        self.customer_proxy = QSortFilterProxyModel(self)
        self.customer_proxy.setSourceModel(self.customer_model)
        self.customer_proxy.setFilterKeyColumn(-1)
        self.customer_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_tags_tab(), self.tr("客户标签"))
        self.entry_tags_tab = EntryTagsTab(self)
        self.tabs.addTab(self.entry_tags_tab, self.tr("条目标签"))
        self.tabs.addTab(self._build_customers_tab(), self.tr("客户"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.listen()
        if self.group_model.rowCount():
            self.group_view.setCurrentIndex(self.group_model.index(0, 0))
        self.set_editable(False)

    # --- layout ------------------------------------------------------------------------------------------------
    def _build_tags_tab(self) -> QWidget:
        tab = QWidget(self)
        self.group_view = QListView(tab)
        self.group_view.setModel(self.group_model)
        self.group_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.group_view.selectionModel().currentChanged.connect(self._group_changed)
        self.add_group_button = self.button(self.tr("新建组…"), self._add_group_dialog, tab)
        self.rename_group_button = self.button(self.tr("重命名…"), self._rename_group_dialog, tab)
        self.group_color_button = self.button(self.tr("颜色…"), self._group_color_dialog, tab)
        self.delete_group_button = self.button(self.tr("删除组"), self._delete_group_confirm, tab)
        group_buttons = QHBoxLayout()
        for b in (
            self.add_group_button,
            self.rename_group_button,
            self.group_color_button,
            self.delete_group_button,
        ):
            group_buttons.addWidget(b)
        left = QWidget(tab)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("客户标签组"), left))
        left_layout.addWidget(self.group_view, 1)
        left_layout.addLayout(group_buttons)

        self.tag_view = row_table(self.tag_model, tab)
        self.tag_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tag_view.setColumnWidth(0, 160)
        self.tag_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_tag_button = self.button(self.tr("新建客户标签…"), self._add_tag_dialog, tab)
        self.rename_tag_button = self.button(
            self.tr("重命名…"),
            self._rename_tag_dialog,
            tab,
            self.tr("条目、客户和变体里的这个标签会一起改名"),
        )
        self.tag_color_button = self.button(self.tr("颜色…"), self._tag_color_dialog, tab)
        self.tag_description_button = self.button(self.tr("说明…"), self._tag_description_dialog, tab)
        self.delete_tag_button = self.button(self.tr("删除"), self._delete_tag_confirm, tab)
        tag_buttons = button_row(
            self.add_tag_button,
            self.rename_tag_button,
            self.tag_color_button,
            self.tag_description_button,
            self.delete_tag_button,
        )
        right = QWidget(tab)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.tags_title = QLabel(right)
        self.tags_title.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        right_layout.addWidget(self.tags_title)
        right_layout.addWidget(self.tag_view, 1)
        right_layout.addLayout(tag_buttons)

        return split_tab(tab, left, right, (300, 700))

    def _build_customers_tab(self) -> QWidget:
        tab = QWidget(self)
        self.customer_filter = QLineEdit(tab)
        self.customer_filter.setPlaceholderText(self.tr("筛选:昵称、客户标签、备注……"))
        self.customer_filter.setClearButtonEnabled(True)
        self.customer_filter.setMinimumWidth(260)
        self.customer_filter.textChanged.connect(self.customer_proxy.setFilterFixedString)
        self.add_customer_button = self.button(
            self.tr("新建客户…"), lambda: self.open_customer_dialog(None), tab
        )
        self.edit_customer_button = self.button(self.tr("编辑…"), self._edit_current_customer, tab)
        self.delete_customer_button = self.button(self.tr("删除"), self._delete_customer_confirm, tab)
        top = button_row(self.add_customer_button, self.edit_customer_button, self.delete_customer_button)
        top.addWidget(self.customer_filter)
        self.customer_view = row_table(self.customer_proxy, tab)
        self.customer_view.setSortingEnabled(True)
        self.customer_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.customer_view.setAlternatingRowColors(True)
        for column, width in enumerate((140, 130, 200, 90, 220)):
            self.customer_view.setColumnWidth(column, width)
        self.customer_view.horizontalHeader().setStretchLastSection(True)
        self.customer_view.doubleClicked.connect(lambda _i: self._edit_current_customer())
        self.customer_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.customer_view, 1)
        return tab

    # --- state --------------------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._update_buttons()

    def current_group(self) -> TagGroup | None:
        index = self.group_view.currentIndex()
        return self.group_model.group(index.row()) if index.isValid() else None

    def current_tag(self) -> Tag | None:
        rows = self.tag_view.selectionModel().selectedRows()
        return self.tag_model.tag(rows[0].row()) if rows else None

    def current_customer(self) -> Customer | None:
        rows = self.customer_view.selectionModel().selectedRows()
        return self.customer_model.customer(self.customer_proxy.mapToSource(rows[0]).row()) if rows else None

    def select_group(self, group_id: int) -> None:
        row = self.group_model.row_of(group_id)
        if row >= 0:
            self.group_view.setCurrentIndex(self.group_model.index(row, 0))

    def select_tag(self, tag_id: int) -> None:
        row = self.tag_model.row_of(tag_id)
        if row >= 0:
            self.tag_view.selectRow(row)

    def select_customer(self, customer_id: int) -> None:
        row = self.customer_model.row_of(customer_id)
        if row >= 0:
            index = self.customer_proxy.mapFromSource(self.customer_model.index(row, 0))
            self.customer_view.selectRow(index.row())

    def _update_buttons(self) -> None:
        e = self.editable
        group, tag, customer = self.current_group(), self.current_tag(), self.current_customer()
        set_enabled([self.add_group_button, self.add_customer_button], e)
        set_enabled(
            [self.rename_group_button, self.group_color_button, self.delete_group_button], e and bool(group)
        )
        self.add_tag_button.setEnabled(e and group is not None)
        set_enabled(
            [
                self.rename_tag_button,
                self.tag_color_button,
                self.tag_description_button,
                self.delete_tag_button,
            ],
            e and tag is not None,
        )
        set_enabled([self.edit_customer_button, self.delete_customer_button], e and customer is not None)
        self.entry_tags_tab.update_buttons()

    def _group_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        group = self.group_model.group(current.row()) if current.isValid() else None
        self.tag_model.set_group(group.id if group else None)
        self.tags_title.setText(
            self.tr("「{0}」组的客户标签").format(group.name) if group else self.tr("请选择标签组")
        )
        self._update_buttons()

    def _library_changed(self, kinds: set[str]) -> None:
        if kinds & {"tags", "entries", "all"}:
            self.entry_tags_tab.refresh()
        if kinds & {"tags", "customers", "all"}:
            group, tag = self.current_group(), self.current_tag()
            self.group_model.refresh()
            if group is not None:
                self.select_group(self.ids.resolve("group", group.id))
            elif self.group_model.rowCount():
                self.group_view.setCurrentIndex(self.group_model.index(0, 0))
            current = self.current_group()
            self.tag_model.set_group(current.id if current else None)
            if tag is not None:
                self.select_tag(self.ids.resolve("tag", tag.id))
        if kinds & {"customers", "shops", "tags", "all"}:
            customer = self.current_customer()
            self.customer_model.refresh()
            if customer is not None:
                self.select_customer(self.ids.resolve("customer", customer.id))
        self._update_buttons()

    # --- tag groups -------------------------------------------------------------------------------------------
    def add_group(self, name: str, color: str = DEFAULT_GROUP_COLOR) -> int | None:
        if not self.editable:
            return None
        if not name.strip():
            show_error(self, ValidationError("标签组名不能为空。", "A tag group needs a name."))
            return None
        command = AddTagGroupCommand(
            self.lib, self.ids, name, color, self.tr("新建标签组「{0}」").format(name), self
        )
        if not self.push(command) or command.group_id is None:
            return None
        self._library_changed({"tags"})
        self.select_group(command.group_id)
        return command.group_id

    def rename_group(self, group_id: int, name: str) -> bool:
        group = next(g for g in self.lib.tags.groups() if g.id == group_id)
        if not self.editable or name.strip() == group.name:
            return False
        return push_call(
            self.undo_stack,
            self,
            self.tr("重命名标签组「{0}」").format(group.name),
            lambda: self.lib.tags.update_group(self.ids.resolve("group", group_id), name=name),
            lambda: self.lib.tags.update_group(self.ids.resolve("group", group_id), name=group.name),
        )

    def set_group_color(self, group_id: int, color: str) -> bool:
        group = next(g for g in self.lib.tags.groups() if g.id == group_id)
        if not self.editable or color == group.color:
            return False
        return push_call(
            self.undo_stack,
            self,
            self.tr("修改标签组「{0}」的颜色").format(group.name),
            lambda: self.lib.tags.update_group(self.ids.resolve("group", group_id), color=color),
            lambda: self.lib.tags.update_group(self.ids.resolve("group", group_id), color=group.color),
        )

    def delete_group(self, group_id: int) -> bool:
        group = next(g for g in self.lib.tags.groups() if g.id == group_id)
        if not self.editable:
            return False
        command = DeleteTagGroupCommand(
            self.lib, self.ids, group, self.tr("删除标签组「{0}」").format(group.name), self
        )
        return self.push(command)

    def _add_group_dialog(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("新建标签组"), self.tr("组名(例如:客户类型、身材体型):")
        )
        if ok and name.strip():
            self.add_group(name.strip())

    def _rename_group_dialog(self) -> None:
        group = self.current_group()
        if group is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("重命名标签组"), self.tr("新组名:"), text=group.name)
        if ok and name.strip():
            self.rename_group(group.id, name.strip())

    def _group_color_dialog(self) -> None:
        group = self.current_group()
        if group is None:
            return
        color = QColorDialog.getColor(QColor(group.color or DEFAULT_GROUP_COLOR), self, self.tr("标签组颜色"))
        if color.isValid():
            self.set_group_color(group.id, color.name())

    def _delete_group_confirm(self) -> None:
        group = self.current_group()
        if group is None:
            return
        tags = self.lib.tags.all(group.id)
        text = self.tr("删除标签组「{0}」和其中的 {1} 个标签?\n客户和条目上已有的标签文字会保留。").format(
            group.name, len(tags)
        )
        answer = QMessageBox.question(self, self.tr("删除标签组"), text)
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_group(group.id)

    # --- tags ------------------------------------------------------------------------------------------------------
    def add_tag(
        self, name: str, group_id: int | None = None, color: str = "", description: str = ""
    ) -> int | None:
        group = self.current_group() if group_id is None else None
        gid = group_id if group_id is not None else (group.id if group else None)
        if not self.editable or gid is None:
            return None
        if not name.strip():
            show_error(self, ValidationError("标签名不能为空。", "A tag needs a name."))
            return None
        command = AddTagCommand(
            self.lib, self.ids, gid, name, color, description, self.tr("新建标签「{0}」").format(name), self
        )
        if not self.push(command) or command.tag_id is None:
            return None
        self._library_changed({"tags"})
        self.select_tag(command.tag_id)
        return command.tag_id

    def _tag(self, tag_id: int) -> Tag:
        return next(t for t in self.lib.tags.all() if t.id == tag_id)

    def rename_tag(self, tag_id: int, name: str) -> bool:
        tag = self._tag(tag_id)
        if not self.editable or name.strip() == tag.name:
            return False
        return push_call(
            self.undo_stack,
            self,
            self.tr("标签「{0}」改名为「{1}」").format(tag.name, name.strip()),
            lambda: self.lib.tags.update(self.ids.resolve("tag", tag_id), name=name),
            lambda: self.lib.tags.update(self.ids.resolve("tag", tag_id), name=tag.name),
        )

    def update_tag_fields(
        self, tag_id: int, *, color: str | None = None, description: str | None = None
    ) -> bool:
        tag = self._tag(tag_id)
        if not self.editable:
            return False
        return push_call(
            self.undo_stack,
            self,
            self.tr("修改标签「{0}」").format(tag.name),
            lambda: self.lib.tags.update(
                self.ids.resolve("tag", tag_id), color=color, description=description
            ),
            lambda: self.lib.tags.update(
                self.ids.resolve("tag", tag_id), color=tag.color, description=tag.description
            ),
        )

    def delete_tag(self, tag_id: int) -> bool:
        if not self.editable:
            return False
        tag = self._tag(tag_id)
        command = DeleteTagCommand(self.lib, self.ids, tag, self.tr("删除标签「{0}」").format(tag.name), self)
        return self.push(command)

    def _add_tag_dialog(self) -> None:
        group = self.current_group()
        if group is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("新建标签"), self.tr("在「{0}」组中新建标签:").format(group.name)
        )
        if ok and name.strip():
            self.add_tag(name.strip(), group.id, group.color)

    def _rename_tag_dialog(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("重命名标签"), self.tr("新名称(条目、客户和变体里会一起改):"), text=tag.name
        )
        if ok and name.strip():
            self.rename_tag(tag.id, name.strip())

    def _tag_color_dialog(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        color = QColorDialog.getColor(QColor(tag.color or DEFAULT_GROUP_COLOR), self, self.tr("标签颜色"))
        if color.isValid() and color.name() != tag.color:
            self.update_tag_fields(tag.id, color=color.name())

    def _tag_description_dialog(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("标签说明"), self.tr("这类客户的特点和应对方式:"), tag.description
        )
        if ok and text.strip() != tag.description:
            self.update_tag_fields(tag.id, description=text.strip())

    def _delete_tag_confirm(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除标签"),
            self.tr("删除标签「{0}」?客户和条目上已有的这个标签文字会保留。").format(tag.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_tag(tag.id)

    # --- customers ---------------------------------------------------------------------------------------------
    def save_customer(self, values: CustomerValues, customer: Customer | None = None) -> bool:
        """Create (``customer`` None) or change a customer; False (with the message shown) when refused."""
        if not self.editable:
            return False
        old = CustomerValues.of(customer) if customer else None
        if old == values:
            return True
        text = (
            self.tr("新建客户「{0}」").format(values.nickname)
            if customer is None
            else self.tr("修改客户「{0}」").format(customer.nickname)
        )
        command = SaveCustomerCommand(
            self.lib, self.ids, customer.id if customer else None, old, values, text, self
        )
        if not self.push(command):
            return False
        self._library_changed({"customers"})
        if command.customer_id is not None:
            self.select_customer(self.ids.resolve("customer", command.customer_id))
        return True

    def open_customer_dialog(self, customer: Customer | None) -> None:
        if not self.editable:
            return
        dialog = CustomerDialog(self.lib, customer, lambda values: self.save_customer(values, customer), self)
        dialog.exec()
        dialog.deleteLater()

    def _edit_current_customer(self) -> None:
        customer = self.current_customer()
        if customer is not None:
            self.open_customer_dialog(customer)

    def delete_customer(self, customer_id: int) -> bool:
        if not self.editable:
            return False
        try:
            customer = self.lib.customers.by_id(customer_id)
        except CsdeskError as exc:
            show_error(self, exc)
            return False
        text = self.tr("删除客户「{0}」").format(customer.nickname)
        return push_edit(
            self.undo_stack, self, DeleteCustomerCommand(self.lib, self.ids, customer, text, self)
        )

    def _delete_customer_confirm(self) -> None:
        customer = self.current_customer()
        if customer is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除客户"), self.tr("删除客户「{0}」的档案?").format(customer.nickname)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_customer(customer.id)
