"""What the supervisor pages share: undoable library edits, change notifications on the GUI thread, an entry picker.

An edit is applied once, *before* it goes on the undo stack: a :class:`CsdeskError` (a duplicate name, a bad
birthday …) is shown to the user and nothing is pushed, so the stack only ever holds edits that happened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Change, Library
from csdesk.core.models import SearchHit, Shop
from csdesk.gui.errors import show_error
from csdesk.gui.manage.commands import AppliedCommand, edit_allowed, locked_error
from csdesk.gui.models import Index, ObjectListModel

log = logging.getLogger(__name__)

ROOT = QModelIndex()


class LibraryRelay(QObject):
    """Turns library change callbacks (from any thread) into one queued ``changed(kinds)`` on the GUI thread.

    Several writes in a row (an import of 20 files) become one refresh.
    """

    changed = Signal(set)
    _poke = Signal(str)

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: set[str] = set()
        self._poke.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        relay = self

        def listener(change: Change) -> None:
            if shiboken6.isValid(relay):
                relay._poke.emit(change.kind)

        lib.add_listener(listener)
        self.destroyed.connect(lambda *_: lib.remove_listener(listener))

    def _collect(self, kind: str) -> None:
        if not self._pending:
            QTimer.singleShot(0, self._flush)
        self._pending.add(kind)

    def _flush(self) -> None:
        kinds, self._pending = self._pending, set()
        if kinds:
            self.changed.emit(kinds)


class LibraryCommand(AppliedCommand):
    """An undoable page edit: ``apply`` (already done once when pushed) and ``revert`` call the library API.

    A failure on undo/redo is shown at once (and kept in ``error``: the workbench's runner puts the stack index
    back). Subclasses keep whatever they need (new ids change when a deleted thing is created again).
    """

    def __init__(self, text: str, parent_widget: QWidget | None = None) -> None:
        super().__init__(text)
        self._parent_widget = parent_widget
        self.skip_next()  # push_edit has applied it already

    def failed(self, exc: Exception) -> None:
        if not isinstance(
            exc, CsdeskError
        ):  # a CsdeskError: the data changed under us (another window, the CLI)
            log.exception("undo/redo failed")
        show_error(self._parent_widget, exc)


class CallCommand(LibraryCommand):
    """An edit given as two callables, for the simple cases (rename: set new name / set old name)."""

    def __init__(
        self,
        text: str,
        apply: Callable[[], Any],
        revert: Callable[[], Any],
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent_widget)
        self._apply, self._revert = apply, revert

    def apply(self) -> None:
        self._apply()

    def revert(self) -> None:
        self._revert()


def push_edit(stack: QUndoStack, widget: QWidget | None, command: LibraryCommand) -> bool:
    """Apply ``command`` once; on success put it on the stack, on a user error show it. True when it happened.

    Refused (with a message) when the stack's edit guard says no: supervisor mode was locked meanwhile."""
    if not edit_allowed(stack, command):
        show_error(widget, locked_error())
        return False
    try:
        command.apply()
    except CsdeskError as exc:
        show_error(widget, exc)
        return False
    except Exception as exc:
        log.exception("edit failed")
        show_error(widget, exc)
        return False
    stack.push(command)
    return True


def push_call(
    stack: QUndoStack, widget: QWidget | None, text: str, apply: Callable[[], Any], revert: Callable[[], Any]
) -> bool:
    return push_edit(stack, widget, CallCommand(text, apply, revert, widget))


def ok_cancel_buttons(dialog: QDialog, ok: str | None = None, cancel: str | None = None) -> QDialogButtonBox:
    """OK and Cancel wired to ``dialog``'s accept/reject; ``ok``/``cancel`` relabel them (already translated)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok is not None:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    if cancel is not None:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def fill_shop_combo(
    combo: QComboBox,
    shops: Iterable[Shop],
    any_shop: str | None,
    current: int | None,
    *,
    with_shared: bool = False,
) -> None:
    """``any_shop`` (data None; no such item when None), then the shops (the shared one only ``with_shared``);
    ``current`` stays selected when it is still there. No signals while it fills."""
    was_blocked = combo.blockSignals(True)
    combo.clear()
    if any_shop is not None:
        combo.addItem(any_shop, None)
    for shop in shops:
        if with_shared or not shop.is_shared:
            combo.addItem(shop.name, shop.id)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(was_blocked)


def split_tab(tab: QWidget, left: QWidget, right: QWidget, sizes: tuple[int, int]) -> QWidget:
    """Fill ``tab`` with ``left`` | ``right`` in a splitter neither side collapses in; returns ``tab``."""
    splitter = QSplitter(tab)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    layout = QVBoxLayout(tab)
    layout.addWidget(splitter)
    return tab


def button_row(*widgets: QWidget) -> QHBoxLayout:
    """``widgets`` side by side on the left, then a stretch; whatever is added later sits on the right."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def row_table(model: QAbstractItemModel, parent: QWidget | None = None, *, multi: bool = False) -> QTableView:
    """A read-only table of ``model`` that selects whole rows (one, or several with ``multi``), no row numbers."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    return view


def fit_column(view: QTableView, column: int, sample: str, minimum: int = 0) -> None:
    """Make ``column`` wide enough for ``sample`` (the longest value it shows, e.g. a date) and for its header
    with the sort arrow, in the view's own font: "2026-12-0…" and "最近‹" are never cut, whatever the font size."""
    if not sample:  # a text column: the given width, the user widens it
        view.setColumnWidth(column, minimum)
        return
    metrics = view.fontMetrics()
    header = view.model().headerData(column, Qt.Orientation.Horizontal) if view.model() is not None else ""
    width = max(
        metrics.horizontalAdvance(sample) + 16, metrics.horizontalAdvance(str(header or "")) + 26, minimum
    )
    view.setColumnWidth(column, width)


def set_enabled(widgets: Iterable[QWidget], enabled: bool) -> None:
    for widget in widgets:
        widget.setEnabled(enabled)


def split_words(text: str) -> list[str]:
    """``a、b, c；d`` → [a, b, c, d]: how supervisors type lists of tags or exception words."""
    for sep in ("、", ",", "，", ";", "；", "|", "\n"):
        text = text.replace(sep, " ")
    return list(dict.fromkeys(word for word in text.split() if word))


# ----------------------------------------------------------------------------------------------------------
# Picking an entry by searching
# ----------------------------------------------------------------------------------------------------------
class SearchHitModel(ObjectListModel[SearchHit]):
    """Search results: the title, then its code, shop and category."""

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.set_items(hits)

    def hit(self, row: int) -> SearchHit:
        return self.item(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        entry = self._items[index.row()].entry
        if role == Qt.ItemDataRole.DisplayRole:
            where = " / ".join(p for p in (entry.shop_name, entry.category_path) if p)
            code = f"[{entry.code}] " if entry.code else ""
            return f"{code}{entry.title}    —  {where}" if where else f"{code}{entry.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.reply
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


class EntryPickerDialog(QDialog):
    """Find an entry by typing (title, code, pinyin initials — the library's own search) and pick it."""

    def __init__(self, lib: Library, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.lib = lib
        self.setWindowTitle(title or self.tr("选择条目"))
        self.resize(560, 420)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("输入标题、快捷编码或拼音首字母搜索"))
        self.query.setClearButtonEnabled(True)
        self.model = SearchHitModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.doubleClicked.connect(self.accept)
        self.hint = QLabel(self)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.run_search()

    def run_search(self) -> None:
        try:
            hits = self.lib.search(self.query.text(), limit=50)
        except CsdeskError as exc:
            self.hint.setText(str(exc))
            hits = []
        self.model.set_hits(hits)
        if hits:
            self.view.setCurrentIndex(self.model.index(0, 0))
            self.hint.setText("" if self.query.text().strip() else self.tr("常用条目;输入文字搜索全部条目"))
        elif self.query.text().strip():
            self.hint.setText(self.tr("没有找到匹配的条目"))

    def selected_entry_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.hit(index.row()).entry_id if index.isValid() else None

    @staticmethod
    def pick(lib: Library, parent: QWidget | None = None, title: str = "") -> str | None:
        """Show the dialog; the chosen entry's id, or None when cancelled. Tests patch this."""
        dialog = EntryPickerDialog(lib, parent, title=title)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.selected_entry_id()
            return None
        finally:
            dialog.deleteLater()


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
