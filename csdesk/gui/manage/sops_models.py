"""The SOP page's models, undo commands and example dialog (the page itself is sops_page.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from csdesk.core.library import Library
from csdesk.core.models import Entry, Example, Sop
from csdesk.gui.manage.commands import IdMap
from csdesk.gui.manage.page_support import ROOT, Index, LibraryCommand, ok_cancel_buttons
from csdesk.gui.models import ObjectListModel, ObjectTableModel

STEP_MIME = "application/x-csdesk-sop-steps"


@dataclass(frozen=True)
class StepDraft:
    instruction: str
    entry_id: str | None = None
    entry_title: str = ""


# ----------------------------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------------------------
class SopListModel(ObjectListModel[Sop]):
    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._shops: dict[int, str] = {}
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._items = self.lib.sops.all()
        self._shops = {s.id: s.name for s in self.lib.shops.all()}
        self.endResetModel()

    def sop(self, row: int) -> Sop:
        return self.item(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        sop = self.item_at(index)
        if sop is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            shop = self._shops.get(sop.shop_id, "") if sop.shop_id is not None else ""
            suffix = f"  · {shop}" if shop else ""
            return self.tr("{0}({1} 步)").format(sop.name, len(sop.steps)) + suffix
        if role == Qt.ItemDataRole.ToolTipRole:
            return sop.description
        if role == Qt.ItemDataRole.UserRole:
            return sop.id
        return None


class StepListModel(ObjectListModel[StepDraft]):
    """The draft steps of the SOP being edited. Reordered by drag (internal move through ``moveRows``) or buttons;
    ``changed`` fires on every edit so the page can offer 保存."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editable = False

    def set_steps(self, steps: list[StepDraft]) -> None:
        self.set_items(steps)

    def steps(self) -> list[StepDraft]:
        return self.items()

    def step(self, row: int) -> StepDraft:
        return self.item(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not self.editable:
            return flags
        if index.isValid():
            return flags | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return flags | Qt.ItemFlag.ItemIsDropEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step = self.item_at(index)
        if step is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{index.row() + 1}. {step.instruction}"
            if step.entry_id:
                text += "\n      → " + self.tr("发送:{0}").format(step.entry_title or step.entry_id)
            return text
        if role == Qt.ItemDataRole.EditRole:
            return step.instruction
        if role == Qt.ItemDataRole.ToolTipRole:
            return step.instruction
        if role == Qt.ItemDataRole.UserRole:
            return step.entry_id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        text = str(value).strip()
        if not text:
            return False
        step = self._items[index.row()]
        self._items[index.row()] = StepDraft(text, step.entry_id, step.entry_title)
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def set_entry(self, row: int, entry_id: str | None, title: str = "") -> None:
        step = self._items[row]
        self._items[row] = StepDraft(step.instruction, entry_id, title)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
        self.changed.emit()

    def append(self, step: StepDraft, row: int | None = None) -> int:
        row = len(self._items) if row is None else max(0, min(row, len(self._items)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, step)
        self.endInsertRows()
        self._renumber()
        self.changed.emit()
        return row

    def removeRows(self, row: int, count: int, parent: Index = ROOT) -> bool:
        if parent.isValid() or row < 0 or count <= 0 or row + count > len(self._items):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._items[row : row + count]
        self.endRemoveRows()
        self._renumber()
        self.changed.emit()
        return True

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or count <= 0:
            return False
        if source_row < 0 or source_row + count > len(self._items):
            return False
        if not 0 <= destination_child <= len(self._items):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # onto itself: nothing to do (and beginMoveRows would refuse)
        if not self.beginMoveRows(
            QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child
        ):
            return False
        moving = self._items[source_row : source_row + count]
        del self._items[source_row : source_row + count]
        target = destination_child - count if destination_child > source_row else destination_child
        self._items[target:target] = moving
        self.endMoveRows()
        self._renumber()
        self.changed.emit()
        return True

    def _renumber(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))

    # drag and drop inside the list
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [STEP_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(STEP_MIME, QByteArray(json.dumps(rows).encode()))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self.editable and data.hasFormat(STEP_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged rows to ``row`` (or onto ``parent``'s row, or to the end)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            rows = [int(r) for r in json.loads(bytes(data.data(STEP_MIME).data()).decode())]
        except ValueError:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._items)
        # as QListView does it: move each dragged row in turn, following them with persistent indexes
        persistent = [
            QPersistentModelIndex(self.index(r, 0)) for r in sorted(set(rows)) if 0 <= r < len(self._items)
        ]
        target, moved = row, False
        for index in persistent:
            if target != index.row() and target != index.row() + 1:
                moved = self.moveRows(QModelIndex(), index.row(), 1, QModelIndex(), target) or moved
            else:
                moved = True
            target = index.row() + 1
        return moved


class EntriesWithExamplesModel(ObjectListModel[Entry]):
    """Entries that have examples, plus the one picked to add the first example to."""

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._extra: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        with_examples = self.lib.entries.with_examples()
        known = {e.id for e in with_examples}
        extra = [e for e in self.lib.get_many(self._extra) if e.id not in known]
        self.set_items(with_examples + extra)

    def include(self, entry_id: str) -> int:
        if entry_id not in self._extra:
            self._extra.append(entry_id)
        self.refresh()
        return self.row_of(entry_id)

    def entry(self, row: int) -> Entry:
        return self.item(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.item_at(index)
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            good = sum(1 for x in entry.examples if x.kind == "good")
            bad = len(entry.examples) - good
            return self.tr("{0}(好 {1} / 坏 {2})").format(entry.title, good, bad)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.shop_name} / {entry.category_path}\n{entry.reply}"
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


class ExampleModel(ObjectTableModel[Example]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("ExampleModel", "类型"),
        QT_TRANSLATE_NOOP("ExampleModel", "对话"),
        QT_TRANSLATE_NOOP("ExampleModel", "点评"),
    )

    def set_examples(self, examples: list[Example]) -> None:
        self.set_items(examples)

    def example(self, row: int) -> Example:
        return self.item(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        example, column = self.item_at(index), index.column()
        if example is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.tr("好案例") if example.kind == "good" else self.tr("坏案例")
            return example.dialogue if column == 1 else example.comment
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return example.dialogue if column == 1 else example.comment
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor("#1e8449" if example.kind == "good" else "#c0392b")
        if role == Qt.ItemDataRole.UserRole:
            return example.id
        return None


# ----------------------------------------------------------------------------------------------------------
# Commands
# ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SopState:
    name: str
    steps: tuple[tuple[str, str | None], ...]
    shop_id: int | None
    description: str
    sort_order: int | None = field(default=None, compare=False)
    """Where the SOP stood (undoing a delete puts it back there); None for the editor's state."""

    @staticmethod
    def of(sop: Sop) -> SopState:
        return SopState(
            sop.name,
            tuple((s.instruction, s.entry_id) for s in sop.steps),
            sop.shop_id,
            sop.description,
            sop.sort_order,
        )


class SaveSopCommand(LibraryCommand):
    """Create (``old`` None), change or delete (``new`` None) an SOP."""

    def __init__(
        self,
        lib: Library,
        ids: IdMap,
        sop_id: int | None,
        old: SopState | None,
        new: SopState | None,
        text: str,
        widget: QWidget,
    ) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self.sop_id = sop_id
        self._old, self._new = old, new

    def _become(self, state: SopState | None) -> None:
        current = self.ids.resolve("sop", self.sop_id) if self.sop_id is not None else None
        if state is None:
            if current is not None:
                self.lib.sops.delete(current)
            return
        exists = current is not None and any(s.id == current for s in self.lib.sops.all())
        sop = self.lib.sops.save(
            state.name,
            list(state.steps),
            shop=state.shop_id,
            description=state.description,
            sop_id=current if exists else None,
            sort_order=None if exists else state.sort_order,
        )
        if self.sop_id is None:
            self.sop_id = sop.id
        elif current is not None and sop.id != current:
            self.ids.remap("sop", current, sop.id)

    def apply(self) -> None:
        self._become(self._new)

    def revert(self) -> None:
        self._become(self._old)


class ExampleCommand(LibraryCommand):
    """Add (``old`` None), change, or delete (``new`` None) an example of an entry."""

    def __init__(
        self,
        lib: Library,
        ids: IdMap,
        entry_id: str,
        example_id: int | None,
        old: tuple[str, str, str] | None,
        new: tuple[str, str, str] | None,
        text: str,
        widget: QWidget,
    ) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self.entry_id, self.example_id = entry_id, example_id
        self._old, self._new = old, new

    def _become(self, before: tuple[str, str, str] | None, state: tuple[str, str, str] | None) -> None:
        current = self.ids.resolve("example", self.example_id) if self.example_id is not None else None
        if state is None:
            if current is not None:
                self.lib.examples.delete(current)
            return
        kind, dialogue, comment = state
        if before is None or current is None:
            example = self.lib.examples.add(self.entry_id, kind, dialogue, comment)
            if self.example_id is None:
                self.example_id = example.id
            elif current is not None:
                self.ids.remap("example", current, example.id)
            return
        self.lib.examples.update(current, kind=kind, dialogue=dialogue, comment=comment)

    def apply(self) -> None:
        self._become(self._old, self._new)

    def revert(self) -> None:
        self._become(self._new, self._old)


# ----------------------------------------------------------------------------------------------------------
# Dialogs
# ----------------------------------------------------------------------------------------------------------
class ExampleDialog(QDialog):
    def __init__(
        self, entry_title: str, example: Example | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建案例") if example is None else self.tr("编辑案例"))
        self.resize(560, 460)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("好案例(值得学习)"), "good")
        self.kind.addItem(self.tr("坏案例(要避免)"), "bad")
        self.kind.setCurrentIndex(max(0, self.kind.findData(example.kind if example else "good")))
        self.dialogue = QPlainTextEdit(example.dialogue if example else "", self)
        self.dialogue.setPlaceholderText(self.tr("客户:……\n客服:……"))
        self.comment = QPlainTextEdit(example.comment if example else "", self)
        self.comment.setPlaceholderText(self.tr("好在哪里 / 错在哪里,应该怎么说"))
        self.comment.setFixedHeight(90)
        form = QFormLayout()
        entry_label = QLabel(entry_title, self)
        entry_label.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("条目"), entry_label)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("对话"), self.dialogue)
        form.addRow(self.tr("点评"), self.comment)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str, str]:
        return (
            self.kind.currentData(),
            self.dialogue.toPlainText().strip(),
            self.comment.toPlainText().strip(),
        )
