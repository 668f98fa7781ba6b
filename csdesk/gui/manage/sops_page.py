"""The supervisor's SOP and example page.

An SOP (流程) is an ordered list of steps — an instruction for the agent and, optionally, the entry to send at that
step (客户说没收到货 → 查物流 → 催件 → 补发). Steps are edited as a draft (drag to reorder, pick entries by
searching) and saved with one ``save_sop``, which is one undo step. Examples (案例) are good or bad dialogues with
a comment, attached to an entry, for training new agents.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.library import Library
from csdesk.gui.manage.page_support import (
    EntryPickerDialog,
    button_row,
    fill_shop_combo,
    set_enabled,
    split_tab,
)
from csdesk.gui.manage.sops_examples import ExamplesTab
from csdesk.gui.manage.sops_models import (
    EntriesWithExamplesModel,
    ExampleModel,
    SaveSopCommand,
    SopListModel,
    SopState,
    StepDraft,
    StepListModel,
)


# ----------------------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------------------
class SopsPage(ExamplesTab):
    """Two tabs: SOPs (list + step editor) and examples (entries with examples + their examples)."""

    def __init__(self, lib: Library, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(lib, undo_stack, parent)
        self.dirty = False
        self._loaded_sop: int | None = None
        self._loading = False
        self.sop_model = SopListModel(lib, self)
        self.step_model = StepListModel(self)
        self.step_model.changed.connect(self._mark_dirty)
        self.entry_model = EntriesWithExamplesModel(lib, self)
        self.example_model = ExampleModel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_sop_tab(), self.tr("流程 SOP"))
        self.tabs.addTab(self._build_example_tab(), self.tr("案例"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.listen()
        if self.sop_model.rowCount():
            self.sop_view.setCurrentIndex(self.sop_model.index(0, 0))
        else:
            self.load_sop(None)
        if self.entry_model.rowCount():
            self.entry_view.setCurrentIndex(self.entry_model.index(0, 0))
        self.set_editable(False)

    # --- layout -------------------------------------------------------------------------------------------------
    def _build_sop_tab(self) -> QWidget:
        tab = QWidget(self)
        self.sop_view = QListView(tab)
        self.sop_view.setModel(self.sop_model)
        self.sop_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sop_view.selectionModel().currentChanged.connect(self._sop_changed)
        self.new_sop_button = self.button(self.tr("新建流程"), self.new_sop, tab)
        self.delete_sop_button = self.button(self.tr("删除流程"), self._delete_sop_confirm, tab)
        left = QWidget(tab)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.sop_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_sop_button)
        row.addWidget(self.delete_sop_button)
        left_layout.addLayout(row)

        self.name_edit = QLineEdit(tab)
        self.name_edit.setPlaceholderText(self.tr("例如:客户说没收到货"))
        self.shop_combo = QComboBox(tab)
        self._fill_shops()
        self.description_edit = QPlainTextEdit(tab)
        self.description_edit.setFixedHeight(54)
        self.description_edit.setPlaceholderText(self.tr("什么情况下用这个流程"))
        self.name_edit.textEdited.connect(lambda _t: self._mark_dirty())
        self.shop_combo.currentIndexChanged.connect(lambda _i: self._mark_dirty())
        self.description_edit.textChanged.connect(self._mark_dirty)
        self.step_view = QListView(tab)
        self.step_view.setModel(self.step_model)
        self.step_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.step_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.step_view.setDragEnabled(True)
        self.step_view.setAcceptDrops(True)
        self.step_view.setDropIndicatorShown(True)
        self.step_view.setAlternatingRowColors(True)
        self.step_view.setSpacing(2)
        self.step_view.setWordWrap(True)
        self.step_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.step_view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.add_step_button = self.button(self.tr("添加步骤"), self._add_step_clicked, tab)
        self.pick_entry_button = self.button(self.tr("选择条目…"), self.pick_entry_for_current_step, tab)
        self.clear_entry_button = self.button(self.tr("不发送条目"), self._clear_entry, tab)
        self.up_button = self.button(self.tr("上移"), lambda: self.move_current_step(-1), tab)
        self.down_button = self.button(self.tr("下移"), lambda: self.move_current_step(1), tab)
        self.remove_step_button = self.button(self.tr("删除步骤"), self._remove_step, tab)
        self.save_button = QPushButton(self.tr("保存流程"), tab)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_current)
        self.discard_button = self.button(self.tr("放弃修改"), lambda: self.load_sop(self._loaded_sop), tab)
        step_buttons = button_row(
            self.add_step_button,
            self.pick_entry_button,
            self.clear_entry_button,
            self.up_button,
            self.down_button,
            self.remove_step_button,
        )
        save_row = QHBoxLayout()
        self.dirty_label = QLabel(tab)
        self.dirty_label.setStyleSheet("color: #b9770e;")
        save_row.addWidget(self.dirty_label, 1)
        save_row.addWidget(self.discard_button)
        save_row.addWidget(self.save_button)

        form = QFormLayout()
        form.addRow(self.tr("流程名称"), self.name_edit)
        form.addRow(self.tr("适用店铺"), self.shop_combo)
        form.addRow(self.tr("说明"), self.description_edit)
        hint = QLabel(self.tr("步骤(拖动或用上移/下移调整顺序,双击修改说明):"), tab)
        right = QWidget(tab)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        right_layout.addWidget(hint)
        right_layout.addWidget(self.step_view, 1)
        right_layout.addLayout(step_buttons)
        right_layout.addLayout(save_row)

        return split_tab(tab, left, right, (280, 720))

    def _fill_shops(self) -> None:
        fill_shop_combo(
            self.shop_combo, self.lib.shops.all(), self.tr("所有店铺"), self.shop_combo.currentData()
        )

    # --- state --------------------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.step_model.editable = editable
        for widget in (self.name_edit, self.description_edit):
            widget.setReadOnly(not editable)
        self.shop_combo.setEnabled(editable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        e = self.editable
        step = self.step_view.currentIndex()
        has_step = step.isValid()
        set_enabled([self.new_sop_button, self.add_step_button], e)
        self.delete_sop_button.setEnabled(e and self._loaded_sop is not None)
        set_enabled([self.pick_entry_button, self.remove_step_button], e and has_step)
        self.clear_entry_button.setEnabled(
            e and has_step and bool(self.step_model.step(step.row()).entry_id if has_step else False)
        )
        self.up_button.setEnabled(e and has_step and step.row() > 0)
        self.down_button.setEnabled(e and has_step and step.row() < self.step_model.rowCount() - 1)
        set_enabled([self.save_button, self.discard_button], e and self.dirty)
        self.dirty_label.setText(self.tr("有未保存的修改") if self.dirty else "")
        has_entry = self.current_example_entry() is not None
        has_example = self.current_example() is not None
        set_enabled([self.add_example_button], e and has_entry)
        set_enabled([self.edit_example_button, self.delete_example_button], e and has_example)
        self.pick_example_entry_button.setEnabled(e)

    def _mark_dirty(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._update_buttons()

    def current_sop_id(self) -> int | None:
        return self._loaded_sop

    def _confirm_discard(self) -> bool:
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("未保存的修改"),
            self.tr("当前流程有未保存的修改,要放弃吗?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _sop_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading:
            return
        sop_id = self.sop_model.sop(current.row()).id if current.isValid() else None
        if sop_id == self._loaded_sop:
            return
        if not self._confirm_discard():
            self._loading = True
            self.sop_view.setCurrentIndex(previous)
            self._loading = False
            return
        self.load_sop(sop_id)

    def load_sop(self, sop_id: int | None) -> None:
        """Show an SOP in the editor (None: a new, empty one), dropping any draft."""
        self._loading = True
        try:
            sop = (
                next((s for s in self.lib.sops.all() if s.id == sop_id), None) if sop_id is not None else None
            )
            self._loaded_sop = sop.id if sop else None
            self.name_edit.setText(sop.name if sop else "")
            self.shop_combo.setCurrentIndex(max(0, self.shop_combo.findData(sop.shop_id if sop else None)))
            self.description_edit.setPlainText(sop.description if sop else "")
            entry_ids = [s.entry_id for s in sop.steps if s.entry_id] if sop else []
            titles = {e.id: e.title for e in self.lib.get_many(entry_ids)}
            steps = [
                StepDraft(s.instruction, s.entry_id, titles.get(s.entry_id or "", ""))
                for s in (sop.steps if sop else ())
            ]
            self.step_model.set_steps(steps)
            self.dirty = False
        finally:
            self._loading = False
        self._update_buttons()

    def state(self) -> SopState:
        return SopState(
            self.name_edit.text().strip(),
            tuple((s.instruction, s.entry_id) for s in self.step_model.steps()),
            self.shop_combo.currentData(),
            self.description_edit.toPlainText().strip(),
        )

    def _library_changed(self, kinds: set[str]) -> None:
        if kinds & {"shops", "all"}:
            self._fill_shops()
        if kinds & {"sops", "shops", "all"}:
            self._loading = True
            self.sop_model.refresh()
            if self._loaded_sop is not None:
                self._loaded_sop = self.ids.resolve("sop", self._loaded_sop)
                row = self.sop_model.row_of(self._loaded_sop) if self._loaded_sop is not None else -1
                if row >= 0:
                    self.sop_view.setCurrentIndex(self.sop_model.index(row, 0))
            self._loading = False
            if self._loaded_sop is not None and self.sop_model.row_of(self._loaded_sop) < 0:
                self.dirty = False
                self.load_sop(None)
            elif not self.dirty:
                self.load_sop(self._loaded_sop)
        if kinds & {"entries", "all"}:
            entry = self.current_example_entry()
            self.entry_model.refresh()
            if entry is not None:
                row = self.entry_model.row_of(entry.id)
                if row >= 0:
                    self.entry_view.setCurrentIndex(self.entry_model.index(row, 0))
            self._entry_changed()
        self._update_buttons()

    # --- SOP editing --------------------------------------------------------------------------------------------
    def new_sop(self) -> None:
        if not self.editable or not self._confirm_discard():
            return
        self._loading = True
        self.sop_view.clearSelection()
        self.sop_view.setCurrentIndex(QModelIndex())
        self._loading = False
        self.load_sop(None)
        self.name_edit.setFocus()

    def add_step(self, instruction: str, entry_id: str | None = None) -> int:
        title = ""
        if entry_id:
            title = self.lib.get(entry_id).title
        current = self.step_view.currentIndex()
        row = self.step_model.append(
            StepDraft(instruction, entry_id, title), current.row() + 1 if current.isValid() else None
        )
        self.step_view.setCurrentIndex(self.step_model.index(row, 0))
        return row

    def _add_step_clicked(self) -> None:
        if not self.editable:
            return
        row = self.add_step(self.tr("新步骤"))
        self.step_view.edit(self.step_model.index(row, 0))

    def pick_entry_for_current_step(self) -> None:
        index = self.step_view.currentIndex()
        if not self.editable or not index.isValid():
            return
        entry_id = EntryPickerDialog.pick(self.lib, self, self.tr("这一步发送哪个条目"))
        if entry_id:
            self.step_model.set_entry(index.row(), entry_id, self.lib.get(entry_id).title)
            self._update_buttons()

    def _clear_entry(self) -> None:
        index = self.step_view.currentIndex()
        if self.editable and index.isValid():
            self.step_model.set_entry(index.row(), None)
            self._update_buttons()

    def move_current_step(self, delta: int) -> None:
        index = self.step_view.currentIndex()
        if not self.editable or not index.isValid():
            return
        row = index.row()
        target = row + delta
        if not 0 <= target < self.step_model.rowCount():
            return
        self.step_model.moveRows(QModelIndex(), row, 1, QModelIndex(), target + 1 if delta > 0 else target)
        self.step_view.setCurrentIndex(self.step_model.index(target, 0))
        self._update_buttons()

    def _remove_step(self) -> None:
        index = self.step_view.currentIndex()
        if self.editable and index.isValid():
            self.step_model.removeRows(index.row(), 1)
            self._update_buttons()

    def save_current(self) -> bool:
        """Save the draft with ``save_sop`` (one undo step); a refused draft shows the message and stays."""
        if not self.editable:
            return False
        new = self.state()
        old = None
        if self._loaded_sop is not None:
            current = next((s for s in self.lib.sops.all() if s.id == self._loaded_sop), None)
            old = SopState.of(current) if current else None
        text = (
            self.tr("新建流程「{0}」").format(new.name)
            if old is None
            else self.tr("修改流程「{0}」").format(new.name)
        )
        command = SaveSopCommand(self.lib, self.ids, self._loaded_sop, old, new, text, self)
        if not self.push(command):
            return False
        self.dirty = False
        self._loaded_sop = command.sop_id
        self._library_changed({"sops"})
        return True

    def delete_sop(self, sop_id: int) -> bool:
        if not self.editable:
            return False
        sop = next((s for s in self.lib.sops.all() if s.id == sop_id), None)
        if sop is None:
            return False
        command = SaveSopCommand(
            self.lib,
            self.ids,
            sop_id,
            SopState.of(sop),
            None,
            self.tr("删除流程「{0}」").format(sop.name),
            self,
        )
        if not self.push(command):
            return False
        self.dirty = False
        self._library_changed({"sops"})
        return True

    def _delete_sop_confirm(self) -> None:
        if self._loaded_sop is None:
            return
        sop = next((s for s in self.lib.sops.all() if s.id == self._loaded_sop), None)
        if sop is None:
            return
        answer = QMessageBox.question(self, self.tr("删除流程"), self.tr("删除流程「{0}」?").format(sop.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_sop(sop.id)
