"""The asset page's files and folders: adding files (chosen, dropped, in a worker) and folder create/rename/remove."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QListView, QMenu, QPushButton

from csdesk.core.errors import ValidationError
from csdesk.gui.errors import show_error
from csdesk.gui.manage.assets_models import UNUSED_ASSETS as UNUSED_ASSETS
from csdesk.gui.manage.assets_models import AddAssetsCommand, FolderModel, ImportResult, import_files
from csdesk.gui.manage.page_base import ManagePage
from csdesk.gui.manage.page_support import push_call
from csdesk.gui.workers import run_in_thread


class AssetFiles(ManagePage):
    """Files in, folders made and changed; AssetsPage owns the models and widgets these use."""

    if TYPE_CHECKING:  # set up by the page class
        _importing: bool
        _scratch: Path
        add_button: QPushButton
        current_folder: Callable[[], str]

        folder_model: FolderModel
        folder_view: QListView
        import_finished: SignalInstance
        select_asset: Callable[[str], None]

        status: QLabel
        target_folder: Callable[[], str]

    # --- adding files ----------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if (
            self.editable
            and event.mimeData().hasUrls()
            and any(u.isLocalFile() for u in event.mimeData().urls())
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self.editable and event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self.editable:
            event.ignore()
            self.status.setText(self.tr("只读模式:请先进入主管模式再添加素材"))
            return
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    def choose_files(self) -> None:
        if not self.editable:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("添加素材"),
            "",
            self.tr(
                "图片、视频和 PDF (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.mp4 *.mov *.webm *.avi *.pdf);;所有文件 (*)"
            ),
        )
        if names:
            self.add_files([Path(n) for n in names])

    @staticmethod
    def _expand(paths: list[Path]) -> list[Path]:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
            else:
                files.append(path)
        return files

    def add_files(self, paths: list[Path], folder: str | None = None) -> None:
        """Add files in a worker (hashing and copying big videos takes a while); report when done."""
        if not self.editable or self._importing:
            return
        files = self._expand(paths)
        if not files:
            return
        target = self.target_folder() if folder is None else folder
        self._importing = True
        self.add_button.setEnabled(False)
        self.status.setText(self.tr("正在添加 {0} 个文件…").format(len(files)))
        run_in_thread(lambda: import_files(self.lib, files, target), self._import_done, self._import_failed)

    def _import_failed(self, exc: BaseException) -> None:
        self._importing = False
        self.status.setText("")
        self._update_buttons()
        show_error(self, exc)
        self.import_finished.emit(ImportResult(errors=[]))

    def _import_done(self, result: ImportResult) -> None:
        self._importing = False
        self._update_buttons()
        if result.added:
            text = (
                self.tr("添加素材「{0}」").format(result.added[0][0].title)
                if len(result.added) == 1
                else self.tr("添加 {0} 个素材").format(len(result.added))
            )
            command = AddAssetsCommand(self.lib, result.added, text, self, self._scratch)
            self.push(command)
        parts = []
        if result.added:
            parts.append(self.tr("已添加 {0} 个素材。").format(len(result.added)))
        for path, asset in result.linked:
            others = "、".join(f for f in asset.folders if f != result.folder) or self.tr("未归类")
            parts.append(
                self.tr("「{0}」与已有素材「{1}」({2})内容相同,已把它也放进「{3}」,没有另存一份。").format(
                    path.name, asset.title, others, result.folder
                )
            )
        if result.linked:
            linked_ids = [asset.id for _path, asset in result.linked]
            folder = result.folder
            push_call(
                self.undo_stack,
                self,
                self.tr("把 {0} 个已有素材放进「{1}」").format(len(linked_ids), folder),
                lambda: self._set_membership(linked_ids, folder, member=True),
                lambda: self._set_membership(linked_ids, folder, member=False),
            )
        for path, asset in result.duplicates:
            where = "、".join(asset.folders) or self.tr("未归类")
            parts.append(
                self.tr("「{0}」已存在(「{1}」,{2}),未重复保存。").format(path.name, asset.title, where)
            )
        if result.errors:
            parts.append(self.tr("{0} 个文件未添加。").format(len(result.errors)))
        self.status.setText(" ".join(parts))
        self.status.setStyleSheet(
            "color: #b9770e;" if result.duplicates or result.linked or result.errors else "color: #1e8449;"
        )
        if result.added:
            self._library_changed({"assets"})
            self.select_asset(result.added[-1][0].id)
        elif result.linked or result.duplicates:
            self._library_changed({"assets"})
            self.select_asset((result.linked or result.duplicates)[-1][1].id)
        if result.errors:
            message = "\n".join(e.message for e in result.errors)
            english = "\n".join(e.english for e in result.errors)
            show_error(self, ValidationError(message, english), self.tr("未能添加素材"))
        self.import_finished.emit(result)

    def _set_membership(self, asset_ids: list[str], folder: str, *, member: bool) -> None:
        """Put assets into ``folder`` or take them out of it (they stay in their other folders)."""
        for asset_id in asset_ids:
            if member:
                self.lib.assets.add_to_folder(asset_id, folder)
            else:
                self.lib.assets.remove_from_folder(asset_id, folder)

    # --- folder and asset edits --------------------------------------------------------------------------------
    def new_folder(self) -> None:
        if not self.editable:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("新建文件夹"), self.tr("文件夹名称(例如:尺码表、安装视频):")
        )
        if ok and name.strip():
            self.create_folder(name.strip())

    def create_folder(self, name: str) -> bool:
        """A new folder (undoable: undo removes it again). An existing name just selects that folder."""
        name = name.strip()
        if not self.editable:
            return False
        if name not in self.lib.assets.folders() and not push_call(
            self.undo_stack,
            self,
            self.tr("新建文件夹「{0}」").format(name),
            lambda: self.lib.assets.add_folder(name),
            lambda: self.lib.assets.remove_folder(name),
        ):
            return False
        self._show_folder(name)
        return True

    def _show_folder(self, name: str) -> None:
        self.folder_model.refresh()
        row = self.folder_model.row_of(name)
        if row >= 0:
            self.folder_view.setCurrentIndex(self.folder_model.index(row, 0))

    def current_real_folder(self) -> str | None:
        """The selected folder when it is a real one (not 全部素材 / 未归类 / 未使用)."""
        folder = self.current_folder()
        return folder if folder in self.folder_model.real_folders() else None

    def rename_folder(self, old: str, new: str) -> bool:
        """Rename a folder; its assets move with it (undoable)."""
        new = new.strip()
        if not self.editable or not new or new == old:
            return False
        if not push_call(
            self.undo_stack,
            self,
            self.tr("文件夹「{0}」改名为「{1}」").format(old, new),
            lambda: self.lib.assets.rename_folder(old, new),
            lambda: self.lib.assets.rename_folder(new, old),
        ):
            return False
        self._show_folder(new)
        return True

    def remove_folder(self, name: str) -> bool:
        """Remove an empty folder (undoable, back in its place); one with assets is refused with a message."""
        if not self.editable:
            return False
        position = self.lib.assets.folder_position(name)
        return push_call(
            self.undo_stack,
            self,
            self.tr("删除文件夹「{0}」").format(name),
            lambda: self.lib.assets.remove_folder(name),
            lambda: self.lib.assets.add_folder(name, position=position),
        )

    def _rename_folder_dialog(self) -> None:
        folder = self.current_real_folder()
        if folder is None or not self.editable:
            return
        name, ok = QInputDialog.getText(self, self.tr("文件夹改名"), self.tr("新的文件夹名称:"), text=folder)
        if ok:
            self.rename_folder(folder, name)

    def _remove_folder_confirm(self) -> None:
        folder = self.current_real_folder()
        if folder is None or not self.editable:
            return
        self.remove_folder(folder)

    def _folder_context_menu(self, pos: Any) -> None:
        index = self.folder_view.indexAt(pos)
        if index.isValid():
            self.folder_view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("新建文件夹…"), self.new_folder).setEnabled(self.editable)
        real = self.current_real_folder() is not None and self.editable
        menu.addAction(self.tr("文件夹改名…"), self._rename_folder_dialog).setEnabled(real)
        menu.addAction(self.tr("删除空文件夹"), self._remove_folder_confirm).setEnabled(real)
        menu.exec(self.folder_view.viewport().mapToGlobal(pos))
