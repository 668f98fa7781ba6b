"""lib.assets: visual assets (size charts, install videos, reports), files stored once by content, folders.

One file is one asset, whatever folders it is in: adding the same content again (to another folder, under another
name) gives the asset that holds it and makes it a member of that folder too (``asset_memberships``, migration
0008). ``assets.folder`` is kept as the asset's first folder for older readers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        extra = [r[0] for r in self._db.all("SELECT DISTINCT folder FROM asset_memberships ORDER BY folder")]
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
            self._db.execute("UPDATE asset_memberships SET folder = ? WHERE folder = ?", (new, old))
        self._notify("assets")

    def remove_folder(self, name: str) -> None:
        """Remove an empty folder (one that still holds assets is refused: move or delete them first)."""
        name = name.strip()
        if self._db.one(
            "SELECT 1 FROM asset_memberships m JOIN assets a ON a.id = m.asset_id "
            "WHERE m.folder = ? AND a.deleted_at IS NULL",
            (name,),
        ):
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
        """Store a file as an asset. Content already stored returns that asset, now also in ``folder``."""
        return self.add_file(source, folder=folder, title=title)[0]

    def add_file(self, source: str | Path, *, folder: str = "", title: str = "") -> tuple[Asset, bool]:
        """Like :meth:`add`, also saying whether the asset is new (False: the library had this content already;
        it was put into ``folder`` too, and nothing was stored twice)."""
        path = Path(source)
        sha, size = self.store.put(path, max_bytes=self.max_bytes)
        before = self._by_content(sha)
        asset = self._register(sha, size, path.name, folder, title)
        return asset, before is None

    def add_bytes(
        self, data: bytes, filename: str, *, folder: str = "", title: str = "", asset_id: str | None = None
    ) -> Asset:
        if len(data) > self.max_bytes:
            raise ValidationError(
                f"文件「{filename}」超过素材大小上限。", f"'{filename}' is over the asset size limit."
            )
        sha, size = self.store.put_bytes(data, filename)
        return self._register(sha, size, filename, folder, title, asset_id=asset_id)

    def _by_content(self, sha: str) -> str | None:
        """The live asset that holds this content (the oldest, should there be several), or None."""
        return self._db.scalar(
            "SELECT id FROM assets WHERE sha256 = ? AND deleted_at IS NULL ORDER BY created_at, rowid LIMIT 1",
            (sha,),
        )

    def _register(
        self, sha: str, size: int, filename: str, folder: str, title: str, *, asset_id: str | None = None
    ) -> Asset:
        folder = folder.strip()
        existing = self._by_content(sha)
        if existing is not None and asset_id is None:
            if folder and folder not in self.get(existing).folders:
                self.add_to_folder(existing, folder)
            return self.get(existing)
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
            if folder:
                self._db.execute(
                    "INSERT OR IGNORE INTO asset_memberships(asset_id, folder) VALUES (?, ?)",
                    (new_id, folder),
                )
        self._notify("assets", [new_id])
        return self.get(new_id)

    def add_to_folder(self, asset_id: str, folder: str) -> None:
        """Make an asset a member of one more folder (it stays in the others)."""
        folder = folder.strip()
        if not folder or "/" in folder:
            raise ValidationError(
                "文件夹名不能为空,也不能包含 /。", "A folder name cannot be empty or contain '/'."
            )
        self.get(asset_id)
        with self._db.transaction():
            self._db.execute(
                "INSERT OR IGNORE INTO asset_folders(name, sort_order) VALUES (?, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders))",
                (folder,),
            )
            self._db.execute(
                "INSERT OR IGNORE INTO asset_memberships(asset_id, folder) VALUES (?, ?)", (asset_id, folder)
            )
            self._first_folder(asset_id)
        self._notify("assets", [asset_id])

    def remove_from_folder(self, asset_id: str, folder: str) -> None:
        """Take an asset out of one folder (it stays in the others, or becomes unfiled); the file is kept."""
        with self._db.transaction():
            self._db.execute(
                "DELETE FROM asset_memberships WHERE asset_id = ? AND folder = ?", (asset_id, folder.strip())
            )
            self._first_folder(asset_id)
        self._notify("assets", [asset_id])

    def _first_folder(self, asset_id: str) -> None:
        """Keep ``assets.folder`` (what older programs read) the asset's first folder."""
        self._db.execute(
            "UPDATE assets SET folder = COALESCE((SELECT m.folder FROM asset_memberships m WHERE m.asset_id = ? "
            "ORDER BY m.rowid LIMIT 1), '') WHERE id = ?",
            (asset_id, asset_id),
        )

    def resolve(self, asset_id: str) -> str:
        """The id an asset has now: an asset merged into another with the same content (migration 0008) is
        found under the id it was merged into."""
        new_id = self._db.scalar("SELECT asset_id FROM asset_aliases WHERE old_id = ?", (asset_id,))
        return str(new_id) if new_id else asset_id

    def _with_folders(self, rows: list[Any]) -> list[Asset]:
        assets = [asset_from_row(r) for r in rows]
        if not assets:
            return []
        folders: dict[str, list[str]] = {}
        ids = [a.id for a in assets]
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for r in self._db.all(
                f"SELECT asset_id, folder FROM asset_memberships WHERE asset_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY rowid",
                tuple(chunk),
            ):
                folders.setdefault(r[0], []).append(r[1])
        return [replace(a, folders=tuple(folders.get(a.id, ()))) for a in assets]

    def get(self, asset_id: str) -> Asset:
        row = self._db.one("SELECT * FROM assets WHERE id = ?", (asset_id,))
        if row is None:
            raise NotFoundError(f"找不到素材「{asset_id}」。", f"No asset '{asset_id}'.")
        return self._with_folders([row])[0]

    def all(self, folder: str | None = None) -> list[Asset]:
        """Live assets; with ``folder``, those in that folder ("" : the unfiled ones, in no folder)."""
        if folder is None:
            rows = self._db.all("SELECT * FROM assets WHERE deleted_at IS NULL ORDER BY folder, title")
        elif folder == "":
            rows = self._db.all(
                "SELECT * FROM assets a WHERE deleted_at IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM asset_memberships m WHERE m.asset_id = a.id) ORDER BY title"
            )
        else:
            rows = self._db.all(
                "SELECT a.* FROM assets a JOIN asset_memberships m ON m.asset_id = a.id "
                "WHERE a.deleted_at IS NULL AND m.folder = ? ORDER BY a.title",
                (folder,),
            )
        return self._with_folders(rows)

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

    def update(
        self,
        asset_id: str,
        *,
        title: str | None = None,
        folder: str | None = None,
        folders: Sequence[str] | None = None,
    ) -> Asset:
        """Rename an asset, or set its folders: ``folder`` moves it into that one folder alone ("" : unfiled),
        ``folders`` sets them all (undo of a move gives back what it had)."""
        current = self.get(asset_id)
        wanted = (
            None if folders is None and folder is None else list(folders if folders is not None else [folder])
        )
        with self._db.transaction():
            self._db.execute(
                "UPDATE assets SET title = ? WHERE id = ?",
                (current.title if title is None else title.strip(), asset_id),
            )
            if wanted is not None:
                self._db.execute("DELETE FROM asset_memberships WHERE asset_id = ?", (asset_id,))
                for name in dict.fromkeys(str(f).strip() for f in wanted):
                    if name:
                        self._db.execute(
                            "INSERT OR IGNORE INTO asset_folders(name, sort_order) VALUES (?, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders))",
                            (name,),
                        )
                        self._db.execute(
                            "INSERT INTO asset_memberships(asset_id, folder) VALUES (?, ?)", (asset_id, name)
                        )
                self._first_folder(asset_id)
        self._notify("assets", [asset_id])
        return self.get(asset_id)

    def link(self, entry_id: str, asset_id: str, *, position: int | None = None) -> None:
        """Link an asset to an entry, at the end of its assets or at ``position`` (0-based; undo puts a deleted
        asset back where it was). An id of an asset merged into another (same content) links the one it became."""
        self._lib.entries.get(entry_id)
        asset_id = self.resolve(asset_id)
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
        return self._with_folders(rows)

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
