"""学到的问法: the learned phrasings of the entry being edited, to promote to a similar question or delete.

The phrasings come from agents copying the entry after a search (:mod:`csdesk.core.learning`). Promoting writes the
phrasing into the entry's similar questions; when the editor holds unsaved changes it goes into the similar-questions
box instead (saved with the rest), so nothing typed is overwritten. Both buttons go through the workbench's undo
stack like every other edit (撤销 puts the phrasing back, and the similar questions as they were).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from csdesk.core.learning import LearnedPhrase
from csdesk.core.library import Library
from csdesk.core.models import Entry
from csdesk.gui.manage.commands import LibraryCommand

if TYPE_CHECKING:
    from csdesk.gui.manage.entry_editor import EntryEditor


class PromoteLearnedCommand(LibraryCommand):
    """A learned phrasing becomes a similar question of its entry; undo restores both."""

    def __init__(self, lib: Library, entry: Entry, phrase: LearnedPhrase) -> None:
        super().__init__(
            lib,
            QCoreApplication.translate("ManageCommands", "把「%1」设为相似问法").replace("%1", phrase.phrase),
        )
        self.phrase = phrase
        self.entry_id = entry.id
        self.similar_before = entry.similar
        self.supervisor = entry.origin != "personal"

    def apply(self) -> None:
        self.similar_before = self.lib.get(self.entry_id).similar
        self.lib.answers.learned.promote(self.phrase.id)

    def revert(self) -> None:
        self.lib.update(self.entry_id, similar=self.similar_before)
        self.phrase = replace(self.phrase, id=self.lib.answers.learned.restore(self.phrase))


class DeleteLearnedCommand(LibraryCommand):
    """A learned phrasing deleted (or moved into the editor's unsaved similar questions); undo puts it back."""

    def __init__(self, lib: Library, entry: Entry, phrase: LearnedPhrase) -> None:
        super().__init__(
            lib,
            QCoreApplication.translate("ManageCommands", "删除学到的问法「%1」").replace("%1", phrase.phrase),
        )
        self.phrase = phrase
        self.supervisor = entry.origin != "personal"

    def apply(self) -> None:
        self.lib.answers.learned.delete(self.phrase.id)

    def revert(self) -> None:
        self.phrase = replace(self.phrase, id=self.lib.answers.learned.restore(self.phrase))


class LearnedPhrasingsBox(QWidget):
    """List of learned phrasings (phrase ×count) with 设为相似问法 / 删除."""

    def __init__(self, editor: EntryEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._editable = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        self.list.setToolTip(self.tr("客服搜索后复制了这条话术时用的说法,按店铺计数"))
        buttons = QHBoxLayout()
        self.promote_button = QPushButton(self.tr("设为相似问法"))
        self.delete_button = QPushButton(self.tr("删除"))
        buttons.addWidget(self.promote_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.promote_button.clicked.connect(self._promote)
        self.delete_button.clicked.connect(self._delete)
        self.list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_buttons()

    def refresh(self) -> None:
        """Show the learned phrasings of the editor's entry (none for a new entry)."""
        self.list.clear()
        entry = self.editor.entry
        if entry is not None:
            for phrase in self.editor.lib.answers.learned.for_entry(entry.id):
                item = QListWidgetItem(f"{phrase.phrase}  ×{phrase.count}")
                item.setData(Qt.ItemDataRole.UserRole, phrase)
                self.list.addItem(item)
        self.setVisible(entry is not None)
        self._update_buttons()

    def _current(self) -> LearnedPhrase | None:
        item = self.list.currentItem()
        phrase = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return phrase if isinstance(phrase, LearnedPhrase) else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self._current() is not None and self._editable
        self.promote_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _promote(self) -> None:
        phrase, entry = self._current(), self.editor.entry
        if phrase is None or entry is None:
            return
        if self.editor.is_dirty():
            lines = self.editor.similar_edit.toPlainText().splitlines()
            if phrase.phrase not in lines:
                self.editor.similar_edit.setPlainText("\n".join([*lines, phrase.phrase]).strip("\n"))
            self.editor.runner.push(DeleteLearnedCommand(self.editor.lib, entry, phrase))
        elif self.editor.runner.push(PromoteLearnedCommand(self.editor.lib, entry, phrase)):
            self.editor.reload_current()
        self.refresh()

    def _delete(self) -> None:
        phrase, entry = self._current(), self.editor.entry
        if phrase is None or entry is None:
            return
        self.editor.runner.push(DeleteLearnedCommand(self.editor.lib, entry, phrase))
        self.refresh()
