"""The 条目标签 tab of the 标签与客户 page: the entry tags with their counts, renamed, merged, created, deleted.

Entry tags (条目标签) label entries; customer tags (客户标签, the tab beside it) describe customers. Typos such as
价格敏感 / 价格敏感型 are folded here: select the wrong ones, 合并到… the right one, and every entry follows in one
undoable step (``lib.entry_tags``). Only unused tags can be deleted; a tag still on entries is merged instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from csdesk.core.areas.entry_tags import EntryTagInfo, TagMerge
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.gui.errors import show_error
from csdesk.gui.manage.page_base import plain_button, select_source_rows
from csdesk.gui.manage.page_support import button_row, fit_column, push_call, row_table, set_enabled
from csdesk.gui.models import Index, ObjectTableModel

if TYPE_CHECKING:
    from csdesk.gui.manage.page_base import ManagePage

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _stamp(who: str, when: str) -> str:
    """``小王 2026-12-04`` (either part may be missing)."""
    return " ".join(p for p in (who, when[:10]) if p)


class EntryTagModel(ObjectTableModel[EntryTagInfo]):
    """Every entry tag: name, live entries, entries in the trash, who created it, who last renamed/merged it."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("EntryTagModel", "条目标签"),
        QT_TRANSLATE_NOOP("EntryTagModel", "条目数"),
        QT_TRANSLATE_NOOP("EntryTagModel", "回收站中"),
        QT_TRANSLATE_NOOP("EntryTagModel", "创建"),
        QT_TRANSLATE_NOOP("EntryTagModel", "最近改名或合并"),
    )

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib

    def refresh(self) -> None:
        self.set_items(self.lib.entry_tags.all())

    def row_of(self, item_id: Any) -> int:
        return next((row for row, t in enumerate(self._items) if t.name == item_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        tag, column = self.item_at(index), index.column()
        if tag is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                tag.name,
                str(tag.entries),
                str(tag.trashed),
                _stamp(tag.created_by, tag.created_at),
                _stamp(tag.updated_by, tag.updated_at),
            )[column]
        if role == SORT_ROLE:
            return (tag.name, tag.entries, tag.trashed, tag.created_at, tag.updated_at)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return tag.name
        return None


class EntryTagsTab(QWidget):
    """The tab's list and buttons; every edit goes onto the page's undo stack (supervisor mode only)."""

    def __init__(self, page: ManagePage) -> None:
        super().__init__(page)
        self.page = page
        self.lib = page.lib
        self.model = EntryTagModel(self.lib, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("筛选条目标签……"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(220)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = row_table(self.proxy, self, multi=True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.view.doubleClicked.connect(lambda _i: self._rename_dialog())
        self.add_button = plain_button(self.tr("新建条目标签…"), self._add_dialog, self)
        # made before rename/merge (shown after them): the sweep test reaches it before a merge uses the row up
        self.delete_button = plain_button(
            self.tr("删除未用的"),
            self._delete_confirm,
            self,
            self.tr("只能删除没有任何条目(含回收站)使用的标签"),
        )
        self.rename_button = plain_button(
            self.tr("重命名…"), self._rename_dialog, self, self.tr("用这个条目标签的条目会一起改名")
        )
        self.merge_button = plain_button(
            self.tr("合并到…"),
            self._merge_dialog,
            self,
            self.tr("把选中的条目标签并入另一个:这些条目都改用那个标签(例如「价格敏感」并入「价格敏感型」)"),
        )
        self.note = QLabel(
            self.tr(
                "条目标签给条目分类归档;客户标签(上一个标签页)描述客户。两者同名时,搜索会优先给该类客户的条目。"
            ),
            self,
        )
        self.note.setWordWrap(True)
        top = button_row(self.add_button, self.rename_button, self.merge_button, self.delete_button)
        top.addWidget(self.filter_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self.refresh()

    # --- state ------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list, keeping the selected names selected."""
        chosen = self.selected_names()
        self.model.refresh()
        fit_column(self.view, 0, "", 180)
        for column, sample in ((1, "99999"), (2, "99999"), (3, "管理员 2026-12-04")):
            fit_column(self.view, column, sample)
        self.select_names(chosen)
        self.update_buttons()

    def selected_names(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [str(self.proxy.mapToSource(i).data(Qt.ItemDataRole.UserRole)) for i in rows]

    def select_names(self, names: list[str]) -> None:
        self.view.clearSelection()
        select_source_rows(self.view, self.model, [self.model.row_of(n) for n in names])

    def update_buttons(self) -> None:
        editable, names = self.page.editable, self.selected_names()
        infos = [t for t in self.model.items() if t.name in names]
        self.add_button.setEnabled(editable)
        self.rename_button.setEnabled(editable and len(names) == 1)
        set_enabled([self.merge_button], editable and bool(names) and len(names) < self.model.rowCount())
        self.delete_button.setEnabled(editable and bool(infos) and all(t.unused for t in infos))

    # --- edits (each one undoable) ----------------------------------------------------------------------------
    def create_tag(self, name: str) -> bool:
        if not self.page.editable:
            return False
        made: list[str] = []
        ok = push_call(
            self.page.undo_stack,
            self,
            self.tr("新建条目标签「{0}」").format(name.strip()),
            lambda: made.append(self.lib.entry_tags.create(name)),
            lambda: self.lib.entry_tags.delete(made[-1]),
        )
        if ok:
            self.refresh()
            self.select_names(made[-1:])
        return ok

    def rename_tag(self, old: str, new: str) -> bool:
        """Rename ``old``; when ``new`` is an existing tag, ask to merge into it instead."""
        if not self.page.editable or new.strip() == old:
            return False
        if self.lib.entry_tags.exists(new):
            answer = QMessageBox.question(
                self,
                self.tr("合并条目标签"),
                self.tr(
                    "条目标签「{0}」已存在。把「{1}」合并到「{0}」吗?用「{1}」的条目都会改用「{0}」。"
                ).format(new.strip(), old),
            )
            return answer == QMessageBox.StandardButton.Yes and self.merge_tags([old], new.strip())
        return self._push_merge(
            self.tr("条目标签「{0}」改名为「{1}」").format(old, new.strip()),
            lambda: self.lib.entry_tags.rename(old, new),
        )

    def merge_tags(self, sources: list[str], target: str) -> bool:
        if not self.page.editable:
            return False
        return self._push_merge(
            self.tr("把条目标签「{0}」合并到「{1}」").format("、".join(sources), target),
            lambda: self.lib.entry_tags.merge(sources, target),
        )

    def delete_tags(self, names: list[str]) -> bool:
        if not self.page.editable or not names:
            return False
        try:
            infos = [self.lib.entry_tags.info(n) for n in names]
        except CsdeskError as exc:
            show_error(self, exc)
            return False

        def apply() -> None:
            for info in infos:
                self.lib.entry_tags.delete(info.name)

        def revert() -> None:
            for info in infos:
                self.lib.entry_tags.restore(info)

        ok = push_call(
            self.page.undo_stack, self, self.tr("删除条目标签「{0}」").format("、".join(names)), apply, revert
        )
        if ok:
            self.refresh()
        return ok

    def _push_merge(self, text: str, run: Any) -> bool:
        done: list[TagMerge] = []
        ok = push_call(
            self.page.undo_stack,
            self,
            text,
            lambda: done.append(run()),
            lambda: self.lib.entry_tags.undo_merge(done[-1]),
        )
        if ok:
            self.refresh()
            self.select_names([done[-1].target])
        return ok

    # --- dialogs ---------------------------------------------------------------------------------------------
    def _add_dialog(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("新建条目标签"), self.tr("条目标签名(例如:尺码、大促、易售后):")
        )
        if ok and name.strip():
            self.create_tag(name)

    def _rename_dialog(self) -> None:
        names = self.selected_names()
        if len(names) != 1:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("重命名条目标签"),
            self.tr("新名称(用「{0}」的条目会一起改;填已有的标签名则合并到它):").format(names[0]),
            text=names[0],
        )
        if ok and name.strip():
            self.rename_tag(names[0], name)

    def _merge_dialog(self) -> None:
        sources = self.selected_names()
        targets = [t.name for t in self.model.items() if t.name not in sources]
        if not sources or not targets:
            return
        target, ok = QInputDialog.getItem(
            self,
            self.tr("合并条目标签"),
            self.tr("把「{0}」合并到:").format("、".join(sources)),
            targets,
            0,
            False,
        )
        if ok and target:
            self.merge_tags(sources, target)

    def _delete_confirm(self) -> None:
        names = self.selected_names()
        if not names:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除条目标签"),
            self.tr("删除没有条目使用的条目标签「{0}」?").format("、".join(names)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_tags(names)
