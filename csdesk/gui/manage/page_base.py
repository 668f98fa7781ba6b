"""The scaffolding every list-plus-editor page of the workbench shares, so a page file holds only what is its own.

A page (素材, 标签与客户, 红线规则, 流程与案例) is a list (a model and a view) beside a form or a second list, buttons
that push undoable commands onto the workbench's one undo stack, and a supervisor guard: read-only until supervisor
mode unlocks. :class:`ManagePage` holds that state and the three places a page fills in:

- ``_editable_changed(editable)``: what besides the buttons turns read-only (models, text boxes);
- ``_update_buttons()``: which buttons make sense for the current selection (called after every change);
- ``_library_changed(kinds)``: reload after the library changed (``kinds``: "tags", "rules", "all" …), keeping the
  selection; called on the GUI thread for this window's edits, other windows' and outside changes alike.

Buttons come from :meth:`ManagePage.button`, which connects ``clicked`` without its ``checked`` flag: a slot with an
optional parameter (``rename(self, name=None)``) never receives ``False`` as the name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QSortFilterProxyModel
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from csdesk.core.library import Library
from csdesk.gui.manage.commands import IdMap
from csdesk.gui.manage.page_support import LibraryCommand, LibraryRelay, push_edit


def plain_button(
    text: str, slot: Callable[[], Any], parent: QWidget | None = None, tooltip: str = ""
) -> QPushButton:
    """A push button that calls ``slot()`` — never ``slot(checked)`` — when clicked."""
    button = QPushButton(text, parent)
    if tooltip:
        button.setToolTip(tooltip)
    button.clicked.connect(lambda *_checked: slot())
    return button


def pane(parent: QWidget, *items: QWidget | QLayout | str | tuple[QWidget, int]) -> QWidget:
    """A margin-less column: widgets, layouts (button rows), ``str`` for a caption, ``(widget, stretch)``."""
    widget = QWidget(parent)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        if isinstance(item, str):
            layout.addWidget(QLabel(item, widget))
        elif isinstance(item, tuple):
            layout.addWidget(item[0], item[1])
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return widget


def select_source_rows(
    view: QAbstractItemView, model: QAbstractItemModel, rows: list[int], *, column: int = 0
) -> None:
    """Select the ``rows`` of ``model`` (the source model) in ``view``, through its proxy when it has one."""
    selection = view.selectionModel()
    proxy = view.model()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        if row < 0:
            continue
        index = model.index(row, column)
        if isinstance(proxy, QSortFilterProxyModel) and proxy is not model:
            index = proxy.mapFromSource(index)
        selection.select(index, flags)


class ManagePage(QWidget):
    """Base of the workbench's list-plus-editor pages: library, undo stack, id map, supervisor guard, change relay.

    ``ManagePage(lib, undo_stack, parent)`` is the constructor the workbench calls for every optional page.
    Subclasses build their widgets, then call :meth:`listen` (start following library changes) and
    ``set_editable(False)``.
    """

    def __init__(self, lib: Library, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.undo_stack = undo_stack
        self.editable = False
        self.ids = IdMap()
        """New ids of rows an undo re-created (a deleted tag comes back with another id): ``ids.resolve``."""

    def listen(self) -> None:
        """Follow library changes (this window's, another window's, the CLI's): ``_library_changed(kinds)``."""
        self.relay = LibraryRelay(self.lib, self)
        self.relay.changed.connect(self._library_changed)

    # the supervisor guard
    def set_editable(self, editable: bool) -> None:
        """Supervisor mode on or off: the workbench calls this for every page."""
        self.editable = editable
        self._editable_changed(editable)
        self._update_buttons()

    def _editable_changed(self, editable: bool) -> None:
        """What turns read-only besides the buttons; nothing by default."""

    def _update_buttons(self) -> None:
        """Enable the buttons that make sense for the selection; the page fills this in."""

    def _library_changed(self, kinds: set[str]) -> None:
        """Reload what ``kinds`` touches; the page fills this in."""

    # commands on the undo stack
    def push(self, command: LibraryCommand) -> bool:
        """Apply ``command`` and put it on the undo stack; a refused edit shows its message. True when done."""
        return push_edit(self.undo_stack, self, command)

    def button(
        self, text: str, slot: Callable[[], Any], parent: QWidget | None = None, tooltip: str = ""
    ) -> QPushButton:
        """:func:`plain_button` with this page as the default parent."""
        return plain_button(text, slot, parent or self, tooltip)
