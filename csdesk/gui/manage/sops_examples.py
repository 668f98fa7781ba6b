"""The 案例 tab of the SOP page: entries with examples, and their good and bad dialogues (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import ValidationError
from csdesk.core.models import Entry, Example
from csdesk.gui.errors import show_error
from csdesk.gui.manage.page_base import ManagePage
from csdesk.gui.manage.page_support import EntryPickerDialog, button_row, row_table, split_tab
from csdesk.gui.manage.sops_models import (
    EntriesWithExamplesModel,
    ExampleCommand,
    ExampleDialog,
    ExampleModel,
)

# ----------------------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------------------


class ExamplesTab(ManagePage):
    """The examples tab; SopsPage builds it beside the SOP tab and owns the models it uses."""

    if TYPE_CHECKING:  # set up by the page class
        entry_model: EntriesWithExamplesModel
        example_model: ExampleModel

    def _build_example_tab(self) -> QWidget:
        tab = QWidget(self)
        self.entry_view = QListView(tab)
        self.entry_view.setModel(self.entry_model)
        self.entry_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entry_view.selectionModel().currentChanged.connect(lambda *_: self._entry_changed())
        self.pick_example_entry_button = self.button(self.tr("选择其他条目…"), self._pick_example_entry, tab)
        left = QWidget(tab)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("有案例的条目"), left))
        left_layout.addWidget(self.entry_view, 1)
        left_layout.addWidget(self.pick_example_entry_button)

        self.example_title = QLabel(tab)
        self.example_title.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.example_title.setWordWrap(True)
        self.example_view = row_table(self.example_model, tab)
        self.example_view.setWordWrap(True)
        self.example_view.setColumnWidth(0, 70)
        self.example_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.example_view.setColumnWidth(2, 260)
        self.example_view.doubleClicked.connect(lambda _i: self._edit_example_dialog())
        self.example_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.example_model.modelReset.connect(self.example_view.resizeRowsToContents)
        self.add_example_button = self.button(self.tr("新建案例…"), self._add_example_dialog, tab)
        self.edit_example_button = self.button(self.tr("编辑…"), self._edit_example_dialog, tab)
        self.delete_example_button = self.button(self.tr("删除"), self._delete_example_confirm, tab)
        buttons = button_row(self.add_example_button, self.edit_example_button, self.delete_example_button)
        right = QWidget(tab)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.example_title)
        right_layout.addWidget(self.example_view, 1)
        right_layout.addLayout(buttons)
        return split_tab(tab, left, right, (300, 700))

    # --- examples -------------------------------------------------------------------------------------------------
    def current_example_entry(self) -> Entry | None:
        index = self.entry_view.currentIndex()
        return self.entry_model.entry(index.row()) if index.isValid() else None

    def current_example(self) -> Example | None:
        rows = self.example_view.selectionModel().selectedRows()
        return self.example_model.example(rows[0].row()) if rows else None

    def show_examples_of(self, entry_id: str) -> None:
        row = self.entry_model.include(entry_id)
        if row >= 0:
            self.entry_view.setCurrentIndex(self.entry_model.index(row, 0))
        self._entry_changed()

    def _entry_changed(self) -> None:
        entry = self.current_example_entry()
        if entry is None:
            self.example_model.set_examples([])
            self.example_title.setText(self.tr("选择一个条目查看它的案例"))
        else:
            fresh = self.lib.get(entry.id)
            self.example_model.set_examples(list(fresh.examples))
            self.example_title.setText(
                self.tr("「{0}」的案例 — {1}").format(
                    fresh.title, " / ".join(p for p in (fresh.shop_name, fresh.category_path) if p)
                )
            )
        self._update_buttons()

    def _pick_example_entry(self) -> None:
        if not self.editable:
            return
        entry_id = EntryPickerDialog.pick(self.lib, self, self.tr("给哪个条目添加案例"))
        if entry_id:
            self.show_examples_of(entry_id)

    def add_example(self, entry_id: str, kind: str, dialogue: str, comment: str = "") -> int | None:
        if not self.editable:
            return None
        command = ExampleCommand(
            self.lib, self.ids, entry_id, None, None, (kind, dialogue, comment), self.tr("新建案例"), self
        )
        if not self.push(command):
            return None
        self.show_examples_of(entry_id)
        return command.example_id

    def update_example(self, example: Example, kind: str, dialogue: str, comment: str) -> bool:
        if not self.editable:
            return False
        old = (example.kind, example.dialogue, example.comment)
        new = (kind, dialogue, comment)
        if old == new:
            return False
        if not dialogue.strip():
            show_error(self, ValidationError("案例对话不能为空。", "An example needs a dialogue."))
            return False
        command = ExampleCommand(
            self.lib, self.ids, example.entry_id, example.id, old, new, self.tr("修改案例"), self
        )
        return self.push(command)

    def delete_example(self, example: Example) -> bool:
        if not self.editable:
            return False
        command = ExampleCommand(
            self.lib,
            self.ids,
            example.entry_id,
            example.id,
            (example.kind, example.dialogue, example.comment),
            None,
            self.tr("删除案例"),
            self,
        )
        return self.push(command)

    def _add_example_dialog(self) -> None:
        entry = self.current_example_entry()
        if not self.editable or entry is None:
            return
        dialog = ExampleDialog(entry.title, None, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.add_example(entry.id, *dialog.values()) is not None:
                break
        dialog.deleteLater()

    def _edit_example_dialog(self) -> None:
        example = self.current_example()
        entry = self.current_example_entry()
        if not self.editable or example is None or entry is None:
            return
        dialog = ExampleDialog(entry.title, example, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.update_example(example, *dialog.values())
        dialog.deleteLater()

    def _delete_example_confirm(self) -> None:
        example = self.current_example()
        if example is None:
            return
        answer = QMessageBox.question(self, self.tr("删除案例"), self.tr("删除这个案例?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_example(example)
