"""lib.assets: visual assets (size charts, install videos, reports), files stored once by content, folders."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.core.areas._common import (
    DoctorReport,
    asset_from_row,
    now_iso,
)
from csdesk.core.areas.base import Area
from csdesk.core.assetstore import AssetStore

if TYPE_CHECKING:
    from csdesk.core.library import Library
from csdesk.core.assetstore import DEFAULT_MAX_ASSET_BYTES, guess_mime
from csdesk.core.errors import Message, NotFoundError, ValidationError
from csdesk.core.models import (
    Asset,
)


class AssetsArea(Area):
    """Visual assets (size charts, install videos, reports): files stored once by content, folders, links to entries."""

    def __init__(self, lib: Library) -> None:
        super().__init__(lib)
        self.store = AssetStore(lib.layout.assets)

    @property
    def max_bytes(self) -> int:
        return int(self._lib.setting("max_asset_bytes", DEFAULT_MAX_ASSET_BYTES))

    def folders(self) -> list[str]:
        folders = [r[0] for r in self._db.all("SELECT name FROM asset_folders ORDER BY sort_order, name")]
        extra = [
            r[0]
            for r in self._db.all("SELECT DISTINCT folder FROM assets WHERE folder != '' ORDER BY folder")
        ]
        return folders + [f for f in extra if f not in folders]

    def add_folder(self, name: str, *, position: int | None = None) -> None:
        """Add a folder (at the end, or with sort order ``position``: an undone removal puts it back in place)."""
        name = name.strip()
        if not name or "/" in name:
            raise ValidationError(
                "文件夹名不能为空,也不能包含 /。", "A folder name cannot be empty or contain '/'."
            )
        with self._db.transaction():
            order = (
                position
                if position is not None
                else self._db.scalar("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders")
            )
            self._db.execute(
                "INSERT OR IGNORE INTO asset_folders(name, sort_order) VALUES (?, ?)", (name, order)
            )
        self._notify("assets")

    def rename_folder(self, old: str, new: str) -> None:
        """Rename a folder; its assets move with it. Refused when ``new`` exists already (move the assets instead)."""
        old, new = old.strip(), new.strip()
        if not new or "/" in new:
            raise ValidationError(
                "文件夹名不能为空,也不能包含 /。", "A folder name cannot be empty or contain '/'."
            )
        if old not in self.folders():
            raise NotFoundError(f"没有文件夹「{old}」。", f"No folder '{old}'.")
        if new == old:
            return
        if new in self.folders():
            raise ValidationError(f"文件夹「{new}」已存在。", f"The folder '{new}' already exists.")
        with self._db.transaction():
            if self._db.one("SELECT 1 FROM asset_folders WHERE name = ?", (old,)):
                self._db.execute("UPDATE asset_folders SET name = ? WHERE name = ?", (new, old))
            else:
                order = self._db.scalar("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders")
                self._db.execute("INSERT INTO asset_folders(name, sort_order) VALUES (?, ?)", (new, order))
            self._db.execute("UPDATE assets SET folder = ? WHERE folder = ?", (new, old))
        self._notify("assets")

    def remove_folder(self, name: str) -> None:
        """Remove an empty folder (one that still holds assets is refused: move or delete them first)."""
        name = name.strip()
        if self._db.one("SELECT 1 FROM assets WHERE folder = ? AND deleted_at IS NULL", (name,)):
            raise ValidationError(
                f"文件夹「{name}」里还有素材,请先移走或删除这些素材。",
                f"The folder '{name}' still holds assets; move or delete them first.",
            )
        with self._db.transaction():
            self._db.execute("DELETE FROM asset_folders WHERE name = ?", (name,))
        self._notify("assets")

    def folder_position(self, name: str) -> int | None:
        """Where a folder stands among the folders (its sort order), or None for a folder without a row."""
        value = self._db.scalar("SELECT sort_order FROM asset_folders WHERE name = ?", (name.strip(),))
        return None if value is None else int(value)

    def add(self, source: str | Path, *, folder: str = "", title: str = "") -> Asset:
        """Store a file as an asset. The same content already stored in the same folder returns that asset."""
        path = Path(source)
        sha, size = self.store.put(path, max_bytes=self.max_bytes)
        return self._register(sha, size, path.name, folder, title)

    def add_bytes(
        self, data: bytes, filename: str, *, folder: str = "", title: str = "", asset_id: str | None = None
    ) -> Asset:
        if len(data) > self.max_bytes:
            raise ValidationError(
                f"文件「{filename}」超过素材大小上限。", f"'{filename}' is over the asset size limit."
            )
        sha, size = self.store.put_bytes(data, filename)
        return self._register(sha, size, filename, folder, title, asset_id=asset_id)

    def _register(
        self, sha: str, size: int, filename: str, folder: str, title: str, *, asset_id: str | None = None
    ) -> Asset:
        folder = folder.strip()
        existing = self._db.one(
            "SELECT * FROM assets WHERE sha256 = ? AND folder = ? AND deleted_at IS NULL", (sha, folder)
        )
        if existing and asset_id is None:
            return asset_from_row(existing)
        new_id = asset_id or str(uuid.uuid4())
        with self._db.transaction():
            if folder:
                self._db.execute(
                    "INSERT OR IGNORE INTO asset_folders(name, sort_order) VALUES (?, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders))",
                    (folder,),
                )
            self._db.execute(
                "INSERT INTO assets(id, sha256, folder, title, filename, mime, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new_id,
                    sha,
                    folder,
                    title.strip() or Path(filename).stem,
                    filename,
                    guess_mime(filename),
                    size,
                    now_iso(),
                ),
            )
        self._notify("assets", [new_id])
        return self.get(new_id)

    def get(self, asset_id: str) -> Asset:
        row = self._db.one("SELECT * FROM assets WHERE id = ?", (asset_id,))
        if row is None:
            raise NotFoundError(f"找不到素材「{asset_id}」。", f"No asset '{asset_id}'.")
        return asset_from_row(row)

    def all(self, folder: str | None = None) -> list[Asset]:
        if folder is None:
            rows = self._db.all("SELECT * FROM assets WHERE deleted_at IS NULL ORDER BY folder, title")
        else:
            rows = self._db.all(
                "SELECT * FROM assets WHERE deleted_at IS NULL AND folder = ? ORDER BY title", (folder,)
            )
        return [asset_from_row(r) for r in rows]

    def path(self, asset: Asset | str) -> Path:
        """Where the asset's file is stored (read-only: never write to it, it may be shared by several assets)."""
        if isinstance(asset, str):
            asset = self.get(asset)
        return self.store.path_for(asset.sha256, asset.filename)

    def orphan_files(self, *, min_age_seconds: float = 600) -> list[Path]:
        """Files under ``assets/`` that no asset row (in the trash included) stores — left by a crashed import, or
        a copy half-written when the power went. Files newer than ``min_age_seconds`` are left out: another csdesk
        on this home may be storing one right now, its row not yet committed."""
        root = self._lib.layout.assets
        if not root.is_dir():
            return []
        kept = {
            self.store.path_for(row["sha256"], row["filename"])
            for row in self._db.all("SELECT sha256, filename FROM assets")
        }
        cutoff = datetime.now().timestamp() - min_age_seconds
        return sorted(
            path
            for path in root.rglob("*")
            if path.is_file() and not path.is_symlink() and path not in kept and path.stat().st_mtime < cutoff
        )

    def doctor_orphan_files(self, report: DoctorReport, *, repair: bool) -> None:
        orphans = self.orphan_files()
        if not orphans:
            return
        size = sum(p.stat().st_size for p in orphans) / 1048576
        if not repair:
            report.problems.append(
                Message(
                    f"素材文件夹里有 {len(orphans)} 个没有被任何素材使用的文件({size:.1f} MB),运行 csdesk doctor 可删除",
                    f"{len(orphans)} file(s) in assets/ belong to no asset ({size:.1f} MB); csdesk doctor removes them",
                )
            )
            return
        for path in orphans:
            path.unlink(missing_ok=True)
            if path.parent != self._lib.layout.assets and not any(path.parent.iterdir()):
                path.parent.rmdir()
        report.repaired.append(
            Message(
                f"删除了素材文件夹里 {len(orphans)} 个没有被任何素材使用的文件({size:.1f} MB)",
                f"removed {len(orphans)} file(s) in assets/ that belong to no asset ({size:.1f} MB)",
            )
        )

    def update(self, asset_id: str, *, title: str | None = None, folder: str | None = None) -> Asset:
        current = self.get(asset_id)
        with self._db.transaction():
            self._db.execute(
                "UPDATE assets SET title = ?, folder = ? WHERE id = ?",
                (
                    current.title if title is None else title.strip(),
                    current.folder if folder is None else folder.strip(),
                    asset_id,
                ),
            )
        self._notify("assets", [asset_id])
        return self.get(asset_id)

    def link(self, entry_id: str, asset_id: str, *, position: int | None = None) -> None:
        """Link an asset to an entry, at the end of its assets or at ``position`` (0-based; undo puts a deleted
        asset back where it was)."""
        self._lib.entries.get(entry_id)
        self.get(asset_id)
        with self._db.transaction():
            if position is None:
                order = self._db.scalar(
                    "SELECT COALESCE(MAX(sort_order), -1) + 1 FROM entry_assets WHERE entry_id = ?",
                    (entry_id,),
                )
                self._db.execute(
                    "INSERT OR IGNORE INTO entry_assets(entry_id, asset_id, sort_order) VALUES (?, ?, ?)",
                    (entry_id, asset_id, order),
                )
            else:
                ids = [
                    r[0]
                    for r in self._db.all(
                        "SELECT asset_id FROM entry_assets WHERE entry_id = ? ORDER BY sort_order, rowid",
                        (entry_id,),
                    )
                    if r[0] != asset_id
                ]
                ids.insert(max(0, min(position, len(ids))), asset_id)
                self._db.execute("DELETE FROM entry_assets WHERE entry_id = ?", (entry_id,))
                for order, linked in enumerate(ids):
                    self._db.execute(
                        "INSERT INTO entry_assets(entry_id, asset_id, sort_order) VALUES (?, ?, ?)",
                        (entry_id, linked, order),
                    )
            self._lib.entries.touch([entry_id])
            self._lib.entries.record_version(entry_id, "update")
        self._notify("entries", [entry_id])

    def unlink(self, entry_id: str, asset_id: str) -> None:
        with self._db.transaction():
            self._db.execute(
                "DELETE FROM entry_assets WHERE entry_id = ? AND asset_id = ?", (entry_id, asset_id)
            )
            self._lib.entries.touch([entry_id])
            self._lib.entries.record_version(entry_id, "update")
        self._notify("entries", [entry_id])

    def unused(self) -> list[Asset]:
        rows = self._db.all(
            "SELECT * FROM assets a WHERE deleted_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM entry_assets ea JOIN entries e ON e.id = ea.entry_id WHERE ea.asset_id = a.id AND e.deleted_at IS NULL) "
            "ORDER BY folder, title"
        )
        return [asset_from_row(r) for r in rows]

    def entries_using(self, asset_id: str) -> list[str]:
        return [
            r[0] for r in self._db.all("SELECT entry_id FROM entry_assets WHERE asset_id = ?", (asset_id,))
        ]

    def delete(self, asset_id: str) -> None:
        """Remove an asset (unlinked from its entries). The stored file is kept while another asset shares it."""
        asset = self.get(asset_id)
        linked = self.entries_using(asset_id)
        with self._db.transaction():
            self._db.execute("DELETE FROM assets WHERE id = ?", (asset_id,))
            self._lib.entries.touch(linked)
            for entry_id in linked:
                self._lib.entries.record_version(entry_id, "update")  # the link went with the asset
        still_used = self._db.scalar("SELECT 1 FROM assets WHERE sha256 = ?", (asset.sha256,))
        if not still_used:
            self.store.path_for(asset.sha256, asset.filename).unlink(missing_ok=True)
        self._notify("assets", [asset_id])
        if linked:
            self._notify("entries", linked)
