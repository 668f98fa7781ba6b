"""The supervisor's asset page: folders of images, videos and PDFs that entries link to (尺码表, 安装视频, 质检报告).

Files come in by drag-and-drop or a file dialog and are stored content-addressed by the library: the same file twice
is stored once. Hashing and copying big videos, and making thumbnails, run off the UI thread.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.assetstore import human_size
from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import Asset
from csdesk.gui.errors import show_error
from csdesk.gui.manage.assets_files import AssetFiles
from csdesk.gui.manage.assets_models import (
    ALL_ASSETS,
    UNFILED,
    AssetModel,
    DeleteAssetsCommand,
    FolderModel,
    LinkedEntriesModel,
)
from csdesk.gui.manage.assets_models import UNUSED_ASSETS as UNUSED_ASSETS
from csdesk.gui.manage.page_support import EntryPickerDialog, push_call, set_enabled
from csdesk.gui.manage.thumbnails import ThumbnailCache, load_scaled_image

log = logging.getLogger(__name__)


# ----------------------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------------------
class AssetsPage(AssetFiles):
    """Asset folders, an icon grid with thumbnails, and the selected asset's details and linked entries."""

    import_finished = Signal(object)
    """An :class:`ImportResult` after files were added (tests wait for it)."""

    def __init__(self, lib: Library, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(lib, undo_stack, parent)
        self._importing = False
        self._scratch = Path(tempfile.mkdtemp(prefix="csdesk-assets-undo-"))
        self.destroyed.connect(lambda *_, d=self._scratch: shutil.rmtree(d, ignore_errors=True))
        self.thumbnails = ThumbnailCache(parent=self)
        self.folder_model = FolderModel(lib, self)
        self.asset_model = AssetModel(lib, self.thumbnails, self)
        self.asset_model.rename_requested.connect(self.rename_asset)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.asset_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.linked_model = LinkedEntriesModel(self)
        self._build()
        self.listen()
        self.folder_view.setCurrentIndex(self.folder_model.index(0, 0))
        self.set_editable(False)

    # --- layout ----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.add_button = self.button(self.tr("添加文件…"), self.choose_files)
        self.new_folder_button = self.button(self.tr("新建文件夹…"), self.new_folder)
        self.rename_button = self.button(self.tr("重命名"), self._rename_current)
        self.move_button = QToolButton(self)
        self.move_button.setText(self.tr("移动到"))
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_menu = QMenu(self.move_button)
        self.move_menu.aboutToShow.connect(self._fill_move_menu)
        self.move_button.setMenu(self.move_menu)
        self.delete_button = self.button(self.tr("删除"), self.delete_selected)
        self.open_button = self.button(self.tr("打开"), self.open_selected)
        self.reveal_button = self.button(self.tr("在文件夹中显示"), self.reveal_selected)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("筛选素材名称"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(220)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        toolbar = QHBoxLayout()
        for widget in (self.add_button, self.new_folder_button):
            toolbar.addWidget(widget)
        toolbar.addSpacing(12)
        edit_widgets: tuple[QWidget, ...] = (self.rename_button, self.move_button, self.delete_button)
        for edit_widget in edit_widgets:
            toolbar.addWidget(edit_widget)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.open_button)
        toolbar.addWidget(self.reveal_button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.filter_edit)

        self.folder_view = QListView(self)
        self.folder_view.setModel(self.folder_model)
        self.folder_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.folder_view.selectionModel().currentChanged.connect(self._folder_changed)
        self.folder_view.setMinimumWidth(150)
        self.folder_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.folder_view.customContextMenuRequested.connect(self._folder_context_menu)
        self.folder_view.setToolTip(self.tr("右键:新建、改名或删除文件夹"))

        self.asset_view = QListView(self)
        self.asset_view.setViewMode(QListView.ViewMode.IconMode)
        self.asset_view.setMovement(QListView.Movement.Static)  # no internal moves: drops are the page's
        self.asset_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.asset_view.setIconSize(QSize(self.thumbnails.size, self.thumbnails.size))
        self.asset_view.setGridSize(QSize(self.thumbnails.size + 44, self.thumbnails.size + 52))
        self.asset_view.setWordWrap(True)
        self.asset_view.setUniformItemSizes(True)
        self.asset_view.setSpacing(6)
        self.asset_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.asset_view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.asset_view.setModel(self.proxy)
        self.asset_view.setAcceptDrops(False)
        self.asset_view.viewport().setAcceptDrops(False)
        self.asset_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.asset_view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.asset_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.asset_view.customContextMenuRequested.connect(self._context_menu)

        self.empty_hint = QLabel(self.tr("把图片、视频或 PDF 文件拖到这里,或点「添加文件…」"), self)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #888; padding: 6px;")

        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.asset_view, 1)
        center_layout.addWidget(self.empty_hint)

        # details
        details = QFrame(self)
        details.setFrameShape(QFrame.Shape.StyledPanel)
        details.setMinimumWidth(260)
        self.preview = QLabel(details)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(200)
        self.preview.setStyleSheet("background: #f4f6f7; border-radius: 4px;")
        self.title_label = QLabel(details)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.info_label = QLabel(details)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label.setStyleSheet("color: #555;")
        self.linked_label = QLabel(self.tr("关联的条目"), details)
        self.linked_view = QListView(details)
        self.linked_view.setModel(self.linked_model)
        self.linked_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.linked_view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.link_button = self.button(self.tr("关联到条目…"), self.link_selected, details)
        self.unlink_button = self.button(self.tr("取消关联"), self.unlink_current, details)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addWidget(self.unlink_button)
        details_layout = QVBoxLayout(details)
        details_layout.addWidget(self.preview)
        details_layout.addWidget(self.title_label)
        details_layout.addWidget(self.info_label)
        details_layout.addWidget(self.linked_label)
        details_layout.addWidget(self.linked_view, 1)
        details_layout.addLayout(link_row)
        self.details = details

        splitter = QSplitter(self)
        splitter.addWidget(self.folder_view)
        splitter.addWidget(center)
        splitter.addWidget(details)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 700, 300])
        splitter.setChildrenCollapsible(False)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.setAcceptDrops(True)

    # --- state -----------------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        """Read-only until supervisor mode unlocks: edit buttons off, drops refused, titles not editable."""
        self.editable = editable
        self.asset_model.editable = editable
        self.empty_hint.setVisible(editable and self.asset_model.rowCount() == 0)
        self._update_buttons()

    def current_folder(self) -> str:
        index = self.folder_view.currentIndex()
        return self.folder_model.key(index.row()) if index.isValid() else ALL_ASSETS

    def target_folder(self) -> str:
        """Where new files go: the selected folder, or none for 全部/未使用."""
        folder = self.current_folder()
        return UNFILED if folder.startswith("\x00") else folder

    def selected_assets(self) -> list[Asset]:
        rows = sorted(
            self.proxy.mapToSource(i).row() for i in self.asset_view.selectionModel().selectedIndexes()
        )
        return [self.asset_model.asset(r) for r in rows]

    def current_asset(self) -> Asset | None:
        selected = self.selected_assets()
        return selected[0] if len(selected) == 1 else None

    def select_asset(self, asset_id: str) -> None:
        row = self.asset_model.row_of(asset_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.asset_model.index(row, 0))
            self.asset_view.setCurrentIndex(index)
            self.asset_view.scrollTo(index)

    def _update_buttons(self) -> None:
        selected = self.selected_assets()
        one = len(selected) == 1
        set_enabled([self.add_button, self.new_folder_button], self.editable)
        set_enabled([self.move_button, self.delete_button], self.editable and bool(selected))
        set_enabled([self.rename_button, self.link_button], self.editable and one)
        self.unlink_button.setEnabled(self.editable and one and self.linked_view.currentIndex().isValid())
        set_enabled([self.open_button, self.reveal_button], one)

    def _folder_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.asset_model.set_folder(self.folder_model.key(current.row()))
            self.empty_hint.setVisible(self.editable and self.asset_model.rowCount() == 0)
            self._selection_changed()

    def _selection_changed(self) -> None:
        asset = self.current_asset()
        selected = self.selected_assets()
        if asset is None:
            self.preview.clear()
            self.title_label.setText(
                self.tr("已选 {0} 个素材").format(len(selected)) if selected else self.tr("未选择素材")
            )
            self.info_label.setText("")
            self.linked_model.set_entries([])
        else:
            path = self.lib.assets.path(asset)
            if asset.kind == "image" and path.exists():
                image = load_scaled_image(path, 240)
                self.preview.setPixmap(QPixmap.fromImage(image))
            else:
                self.preview.setPixmap(self.thumbnails.icon(asset, path).pixmap(96, 96))
            self.title_label.setText(asset.title)
            kind = {"image": self.tr("图片"), "video": self.tr("视频"), "pdf": self.tr("PDF 文档")}.get(
                asset.kind, self.tr("文件")
            )
            lines = [
                self.tr("文件夹:{0}").format("、".join(asset.folders) or self.tr("未归类")),
                self.tr("类型:{0} · {1}").format(kind, human_size(asset.size)),
                self.tr("原文件名:{0}").format(asset.filename),
                self.tr("添加时间:{0}").format(asset.created_at.replace("T", " ").rstrip("Z")),
            ]
            if not path.exists():
                lines.append(self.tr("⚠ 文件缺失,请重新添加"))
            self.info_label.setText("\n".join(lines))
            self.linked_model.set_entries(self.lib.get_many(self.lib.assets.entries_using(asset.id)))
        self.linked_label.setText(self.tr("关联的条目({0})").format(self.linked_model.rowCount()))
        self._update_buttons()

    def _library_changed(self, kinds: set[str]) -> None:
        if not kinds & {"assets", "entries", "all"}:
            return
        selected = [a.id for a in self.selected_assets()]
        folder = self.current_folder()
        self.folder_model.refresh()
        row = self.folder_model.row_of(folder)
        self.folder_view.setCurrentIndex(self.folder_model.index(max(row, 0), 0))
        self.asset_model.refresh()
        selection = self.asset_view.selectionModel()
        for asset_id in selected:
            row = self.asset_model.row_of(asset_id)
            if row >= 0:
                selection.select(
                    self.proxy.mapFromSource(self.asset_model.index(row, 0)),
                    selection.SelectionFlag.Select,
                )
        self.empty_hint.setVisible(self.editable and self.asset_model.rowCount() == 0)
        self._selection_changed()

    def rename_asset(self, asset_id: str, title: str) -> bool:
        if not self.editable:
            return False
        old = self.lib.assets.get(asset_id).title
        return push_call(
            self.undo_stack,
            self,
            self.tr("重命名素材「{0}」").format(old),
            lambda: self.lib.assets.update(asset_id, title=title),
            lambda: self.lib.assets.update(asset_id, title=old),
        )

    def _rename_current(self) -> None:
        index = self.asset_view.currentIndex()
        if self.editable and index.isValid():
            self.asset_view.edit(index)

    def _fill_move_menu(self) -> None:
        self.move_menu.clear()
        current = {a.folders for a in self.selected_assets()}
        for name in self.folder_model.real_folders():
            action = self.move_menu.addAction(name)
            action.setEnabled(current != {(name,)})
            action.triggered.connect(lambda _checked=False, n=name: self.move_selected_to(n))
        self.move_menu.addSeparator()
        self.move_menu.addAction(self.tr("新建文件夹…"), self._move_to_new_folder)

    def _move_to_new_folder(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("移动到新文件夹"), self.tr("文件夹名称:"))
        if ok and name.strip() and self.create_folder(name.strip()):
            self.move_selected_to(name.strip())

    def move_selected_to(self, folder: str) -> bool:
        moves = [(a.id, a.folders) for a in self.selected_assets() if a.folders != (folder,)]
        if not self.editable or not moves:
            return False

        def apply() -> None:
            for asset_id, _ in moves:
                self.lib.assets.update(asset_id, folder=folder)

        def revert() -> None:
            for asset_id, old in moves:
                self.lib.assets.update(asset_id, folders=old)

        return push_call(
            self.undo_stack,
            self,
            self.tr("移动 {0} 个素材到「{1}」").format(len(moves), folder),
            apply,
            revert,
        )

    def delete_selected(self) -> bool:
        assets = self.selected_assets()
        if not self.editable or not assets:
            return False
        lines = []
        for asset in assets:
            entries = self.lib.get_many(self.lib.assets.entries_using(asset.id))
            if entries:
                titles = "、".join(e.title for e in entries[:8]) + ("…" if len(entries) > 8 else "")
                lines.append(
                    self.tr("「{0}」被 {1} 个条目使用:{2}").format(asset.title, len(entries), titles)
                )
            else:
                lines.append(self.tr("「{0}」没有关联条目").format(asset.title))
        question = (
            self.tr("删除 {0} 个素材?它们会从关联的条目中移除。").format(len(assets))
            + "\n\n"
            + "\n".join(lines)
        )
        answer = QMessageBox.question(
            self,
            self.tr("删除素材"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        text = (
            self.tr("删除素材「{0}」").format(assets[0].title)
            if len(assets) == 1
            else self.tr("删除 {0} 个素材").format(len(assets))
        )
        command = DeleteAssetsCommand(self.lib, [a.id for a in assets], self._scratch, text, self)
        return self.push(command)

    # --- links ----------------------------------------------------------------------------------------------------
    def link_selected(self) -> bool:
        asset = self.current_asset()
        if not self.editable or asset is None:
            return False
        entry_id = EntryPickerDialog.pick(self.lib, self, self.tr("把「{0}」关联到条目").format(asset.title))
        if not entry_id:
            return False
        return self.link(asset.id, entry_id)

    def link(self, asset_id: str, entry_id: str) -> bool:
        if entry_id in self.lib.assets.entries_using(asset_id):
            self.status.setText(self.tr("这个条目已经关联了该素材。"))
            return False
        title = self.lib.get(entry_id).title
        return push_call(
            self.undo_stack,
            self,
            self.tr("关联素材到「{0}」").format(title),
            lambda: self.lib.assets.link(entry_id, asset_id),
            lambda: self.lib.assets.unlink(entry_id, asset_id),
        )

    def unlink_current(self) -> bool:
        asset = self.current_asset()
        index = self.linked_view.currentIndex()
        if not self.editable or asset is None or not index.isValid():
            return False
        entry = self.linked_model.entry(index.row())
        return push_call(
            self.undo_stack,
            self,
            self.tr("取消关联「{0}」").format(entry.title),
            lambda: self.lib.assets.unlink(entry.id, asset.id),
            lambda: self.lib.assets.link(entry.id, asset.id),
        )

    # --- open -----------------------------------------------------------------------------------------------------
    def open_selected(self) -> None:
        asset = self.current_asset()
        if asset is not None:
            path = self.lib.assets.path(asset)
            if not path.exists():
                show_error(
                    self,
                    ValidationError("素材文件缺失,请重新添加。", "The asset file is missing; add it again."),
                )
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def reveal_selected(self) -> None:
        asset = self.current_asset()
        if asset is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.lib.assets.path(asset).parent)))

    def _context_menu(self, pos: Any) -> None:
        if not self.asset_view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        one = self.current_asset() is not None
        items: list[tuple[str, Callable[[], object], bool] | None] = [
            (self.tr("打开"), self.open_selected, one),
            (self.tr("在文件夹中显示"), self.reveal_selected, one),
            None,
            (self.tr("重命名"), self._rename_current, self.editable and one),
            (self.tr("关联到条目…"), self.link_selected, self.editable and one),
            (self.tr("删除"), self.delete_selected, self.editable),
        ]
        for item in items:
            if item is None:
                menu.addSeparator()
                continue
            text, slot, enabled = item
            action = menu.addAction(text, slot)
            action.setEnabled(enabled)
        menu.exec(self.asset_view.viewport().mapToGlobal(pos))
