"""The asset page's models, file import and undo commands (the page itself is assets_page.py)."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from csdesk.core.assetstore import human_size
from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.library import Library
from csdesk.core.models import Asset, Entry
from csdesk.gui.manage.page_support import ROOT, Index, LibraryCommand
from csdesk.gui.manage.thumbnails import ThumbnailCache
from csdesk.gui.models import ObjectListModel

ALL_ASSETS = "\x00all"

log = logging.getLogger(__name__)


UNUSED_ASSETS = "\x00unused"


UNFILED = ""


ASSET_ID_ROLE = Qt.ItemDataRole.UserRole + 1


FOLDER_KEY_ROLE = Qt.ItemDataRole.UserRole + 2


# ----------------------------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------------------------
class FolderModel(QAbstractListModel):
    """全部素材, the folders (with counts), 未归类 when some assets have no folder, 未使用."""

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._rows: list[tuple[str, str, int]] = []
        self.refresh()

    def refresh(self) -> None:
        assets = self.lib.assets.all()
        counts: dict[str, int] = {}
        for asset in assets:
            for folder in asset.folders or (UNFILED,):  # an asset in two folders counts in both
                counts[folder] = counts.get(folder, 0) + 1
        rows = [(ALL_ASSETS, self.tr("全部素材"), len(assets))]
        rows += [(name, name, counts.get(name, 0)) for name in self.lib.assets.folders()]
        if counts.get(UNFILED):
            rows.append((UNFILED, self.tr("未归类"), counts[UNFILED]))
        rows.append((UNUSED_ASSETS, self.tr("未使用"), len(self.lib.assets.unused())))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def key(self, row: int) -> str:
        return self._rows[row][0]

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r[0] == key), -1)

    def real_folders(self) -> list[str]:
        return [key for key, _, _ in self._rows if not key.startswith("\x00") and key != UNFILED]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, label, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label}  ({count})"
        if role == FOLDER_KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.ToolTipRole and key == UNUSED_ASSETS:
            return self.tr("没有被任何条目关联的素材,可以考虑清理")
        return None


class AssetModel(ObjectListModel[Asset]):
    """The assets of one folder (or all / unused), with thumbnails. Title edits go through ``rename_requested``."""

    rename_requested = Signal(str, str)

    def __init__(self, lib: Library, thumbnails: ThumbnailCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.thumbnails = thumbnails
        self.editable = False
        self.folder = ALL_ASSETS
        self._link_counts: dict[str, int] = {}
        thumbnails.ready.connect(self._thumbnail_ready)

    def set_folder(self, folder: str) -> None:
        self.folder = folder
        self.refresh()

    def refresh(self) -> None:
        if self.folder == ALL_ASSETS:
            assets = self.lib.assets.all()
        elif self.folder == UNUSED_ASSETS:
            assets = self.lib.assets.unused()
        else:
            assets = self.lib.assets.all(self.folder)
        counts = {a.id: len(self.lib.assets.entries_using(a.id)) for a in assets}
        self.beginResetModel()
        self._items, self._link_counts = assets, counts
        self.endResetModel()

    def asset(self, row: int) -> Asset:
        return self.item(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        asset = self.item_at(index)
        if asset is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return asset.title
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnails.icon(asset, self.lib.assets.path(asset))
        if role == Qt.ItemDataRole.ToolTipRole:
            links = self._link_counts.get(asset.id, 0)
            linked = self.tr("关联 {0} 个条目").format(links) if links else self.tr("未关联条目")
            folder = "、".join(asset.folders) or self.tr("未归类")
            return f"{asset.title}\n{folder} · {human_size(asset.size)} · {linked}"
        if role == ASSET_ID_ROLE:
            return asset.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        title = str(value).strip()
        asset = self._items[index.row()]
        if not title or title == asset.title:
            return False
        self.rename_requested.emit(asset.id, title)
        return True

    def _thumbnail_ready(self, sha: str) -> None:
        for row, asset in enumerate(self._items):
            if asset.sha256 == sha:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class LinkedEntriesModel(ObjectListModel[Entry]):
    """The entries an asset is linked to."""

    def set_entries(self, entries: list[Entry]) -> None:
        self.set_items(entries)

    def entry(self, row: int) -> Entry:
        return self.item(row)

    def entries(self) -> list[Entry]:
        return self.items()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.item_at(index)
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entry.title}  ({entry.shop_name})" if entry.shop_name else entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.reply
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


# ----------------------------------------------------------------------------------------------------------
# Undo commands
# ----------------------------------------------------------------------------------------------------------
@dataclass
class ImportResult:
    added: list[tuple[Asset, Path]] = field(default_factory=list)
    duplicates: list[tuple[Path, Asset]] = field(default_factory=list)
    linked: list[tuple[Path, Asset]] = field(default_factory=list)
    """Files whose content the library had in other folders: that asset was put into ``folder`` too."""
    folder: str = ""
    errors: list[CsdeskError] = field(default_factory=list)


def import_files(lib: Library, paths: list[Path], folder: str) -> ImportResult:
    """Add files as assets (run in a worker): new ones, duplicates of stored ones, and user errors per file."""
    result = ImportResult(folder=folder)
    known = {a.id: a.folders for a in lib.assets.all()}
    for path in paths:
        try:
            asset, _new = lib.assets.add_file(path, folder=folder)
        except CsdeskError as exc:
            result.errors.append(exc)
            continue
        except OSError as exc:  # unreadable, vanished, disk full: this file fails, the others still go in
            reason = exc.strerror or str(exc)
            result.errors.append(
                ValidationError(f"「{path.name}」没有添加:{reason}", f"'{path.name}' was not added: {reason}")
            )
            continue
        if asset.id not in known:
            result.added.append((asset, path))
        elif folder and folder not in known[asset.id]:
            result.linked.append((path, asset))
        else:
            result.duplicates.append((path, asset))
        known[asset.id] = asset.folders
    return result


class AddAssetsCommand(LibraryCommand):
    """Files already added by a worker; undo deletes them, redo brings them back under the same ids.

    Undo keeps a copy of each stored file in the page's scratch folder first, so redo needs neither the original
    file (it may have been moved or deleted since) nor the asset store (undo may have removed the last copy).
    """

    def __init__(
        self, lib: Library, added: list[tuple[Asset, Path]], text: str, widget: QWidget, scratch: Path
    ) -> None:
        super().__init__(text, widget)
        self.lib = lib
        self._assets = [asset for asset, _path in added]
        self._scratch = scratch
        self._already_applied = True

    def _kept(self, asset: Asset) -> Path:
        return self._scratch / f"added-{asset.id}{Path(asset.filename).suffix}"

    def apply(self) -> None:
        if self._already_applied:
            self._already_applied = False
            return
        for asset in self._assets:
            self.lib.assets.add_bytes(
                self._kept(asset).read_bytes(), asset.filename, folder=asset.folder, title=asset.title,
                asset_id=asset.id,
            )  # fmt: skip

    def revert(self) -> None:
        for asset in self._assets:
            stored, kept = self.lib.assets.path(asset), self._kept(asset)
            if stored.exists() and not kept.exists():
                shutil.copyfile(stored, kept)
        for asset in self._assets:
            self.lib.assets.delete(asset.id)


class DeleteAssetsCommand(LibraryCommand):
    """Delete assets; a copy of each file is kept in a scratch folder so undo can bring it back with its links."""

    def __init__(self, lib: Library, asset_ids: list[str], scratch: Path, text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib = lib
        self._ids = asset_ids
        self._scratch = scratch
        self._saved: list[tuple[Asset, list[tuple[str, int | None]], Path]] = []

    def apply(self) -> None:
        saved = []
        for asset_id in self._ids:
            asset = self.lib.assets.get(asset_id)
            linked: list[tuple[str, int | None]] = []
            for entry_id in self.lib.assets.entries_using(asset_id):
                try:
                    order = list(self.lib.get(entry_id).asset_ids)
                except CsdeskError:
                    order = []
                linked.append((entry_id, order.index(asset_id) if asset_id in order else None))
            source = self.lib.assets.path(asset)
            keep = self._scratch / f"{asset.id}{source.suffix}"
            if source.exists() and not keep.exists():
                shutil.copyfile(source, keep)
            saved.append((asset, linked, keep))
        for asset, _, _ in saved:
            self.lib.assets.delete(asset.id)
        self._saved = saved

    def revert(self) -> None:
        for asset, _, keep in self._saved:
            data = keep.read_bytes()
            self.lib.assets.add_bytes(
                data, asset.filename, folder=asset.folder, title=asset.title, asset_id=asset.id
            )
        # every asset back first, then the links lowest position first, so each lands where it was
        links = sorted(
            (
                (entry_id, position, asset.id)
                for asset, linked, _ in self._saved
                for entry_id, position in linked
            ),
            key=lambda link: (link[0], link[1] if link[1] is not None else 1 << 30),
        )
        for entry_id, position, asset_id in links:
            try:
                self.lib.assets.link(entry_id, asset_id, position=position)
            except CsdeskError:
                log.info("entry %s is gone; not relinked", entry_id)
