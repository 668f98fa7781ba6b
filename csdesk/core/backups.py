"""Backups of a library: taken, kept, listed and restored.

A backup is the database copied through SQLite's online backup API (consistent while other programs write) plus the
asset files it refers to, hard-linked where the file system allows (assets are content-addressed and never
rewritten in place, so a link costs nothing and stays correct) and copied otherwise::

    backups/library-20261204-193700-123456-manual.sqlite3
    backups/library-20261204-193700-123456-manual.assets/ab/ab12….png

The id of a backup is the part between ``library-`` and ``.sqlite3``; its kind is the last word of the id:

``manual``   asked for (``csdesk backup create``, the GUI): never removed automatically.
``start``    when a program opens a library that changed since the newest backup.
``interval`` while the library keeps changing (every :data:`DEFAULT_INTERVAL_S` in the GUI).
``import``, ``team``  before an import or a team update.
``restore``  the state a restore replaced, so that every restore can be undone.

Each automatic kind is pruned on its own (:func:`to_prune`): its newest :data:`KEEP_LAST`, plus the newest of each of
the last :data:`KEEP_DAYS` days and of each of the last :data:`KEEP_WEEKS` weeks. So twenty-five rejected imports
cannot push out a manual backup or last week's start-up one.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.core.errors import CsdeskError, NotFoundError
from csdesk.core.leftovers import writing

if TYPE_CHECKING:
    from csdesk.core.library import Library

log = logging.getLogger(__name__)

KEEP_LAST = 10
KEEP_DAYS = 7
KEEP_WEEKS = 5
DEFAULT_INTERVAL_S = 30 * 60
"""How often a GUI that stays open backs up a library that keeps changing."""
MANUAL = "manual"
KINDS = (MANUAL, "start", "interval", "import", "team", "restore")
_STAMP = "%Y%m%d-%H%M%S-%f"
_PREFIX = "library-"
_SUFFIX = ".sqlite3"
_ASSETS_SUFFIX = ".assets"

KIND_LABELS = {
    MANUAL: ("手动", "manual"), "start": ("启动时", "at start"), "interval": ("定时", "scheduled"),
    "import": ("导入前", "before an import"), "team": ("团队更新前", "before a team update"),
    "restore": ("恢复前", "before a restore"),
}  # fmt: skip


@dataclass(frozen=True)
class Backup:
    """One backup in ``<home>/backups``."""

    id: str
    kind: str
    created: datetime
    database: Path

    @property
    def assets(self) -> Path:
        return self.database.with_name(self.database.name[: -len(_SUFFIX)] + _ASSETS_SUFFIX)

    @property
    def size(self) -> int:
        with contextlib.suppress(OSError):
            return self.database.stat().st_size
        return 0

    def label(self, language: str = "zh") -> str:
        zh, en = KIND_LABELS.get(self.kind, (self.kind, self.kind))
        return en if language.startswith("en") else zh


def _parse(path: Path) -> Backup | None:
    name = path.name
    if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
        return None
    backup_id = name[len(_PREFIX) : -len(_SUFFIX)]
    parts = backup_id.split("-", 3)
    if len(parts) < 3:
        return None
    try:
        created = datetime.strptime("-".join(parts[:3]), _STAMP)
    except ValueError:
        try:
            created = datetime.strptime("-".join(parts[:2]), "%Y%m%d-%H%M%S")
        except ValueError:
            return None
        kind = "-".join(parts[2:])
    else:
        kind = parts[3] if len(parts) > 3 else MANUAL
    return Backup(backup_id, kind or MANUAL, created, path)


def to_prune(backups: list[Backup], now: datetime, *, keep_last: int = KEEP_LAST) -> list[Backup]:
    """The backups rotation removes: per automatic kind, all but the newest ``keep_last``, the newest of each of the
    last :data:`KEEP_DAYS` days and the newest of each of the last :data:`KEEP_WEEKS` weeks. Manual ones stay."""
    doomed: list[Backup] = []
    by_kind: dict[str, list[Backup]] = {}
    for backup in backups:
        by_kind.setdefault(backup.kind, []).append(backup)
    for kind, group in by_kind.items():
        if kind == MANUAL:
            continue
        group.sort(key=lambda b: b.created, reverse=True)
        keep = {b.id for b in group[:keep_last]}
        days: set[object] = set()
        weeks: set[object] = set()
        for backup in group:
            age = now - backup.created
            day = backup.created.date()
            week = backup.created.isocalendar()[:2]
            if age <= timedelta(days=KEEP_DAYS) and day not in days:
                days.add(day)
                keep.add(backup.id)
            if age <= timedelta(weeks=KEEP_WEEKS) and week not in weeks:
                weeks.add(week)
                keep.add(backup.id)
        doomed += [b for b in group if b.id not in keep]
    return doomed


class Backups:
    """The backups of one open library."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.folder = lib.layout.backups

    # -- listing ---------------------------------------------------------------------------------------------
    def list(self) -> list[Backup]:
        """Every backup, newest first."""
        found = [b for b in map(_parse, self.folder.glob(f"{_PREFIX}*{_SUFFIX}")) if b is not None]
        return sorted(found, key=lambda b: (b.created, b.id), reverse=True)

    def get(self, backup_id: str) -> Backup:
        """The backup with ``backup_id`` (or a unique start of it; ``latest`` is the newest)."""
        backups = self.list()
        if backup_id == "latest" and backups:
            return backups[0]
        exact = [b for b in backups if b.id == backup_id]
        found = exact or [b for b in backups if b.id.startswith(backup_id)]
        if len(found) != 1:
            raise NotFoundError(
                f"没有编号为「{backup_id}」的备份{'(有多个以它开头)' if found else ''}。"
                "用 csdesk backup list 查看有哪些备份。",
                f"No backup '{backup_id}'{' (several start with it)' if found else ''}. "
                "See them with: csdesk backup list.",
            )
        return found[0]

    # -- taking ----------------------------------------------------------------------------------------------
    def changed_since_last(self) -> bool:
        """True when the database was written after the newest backup was taken (or there is none)."""
        backups = self.list()
        if not backups:
            return True
        newest = backups[0].created.timestamp()
        database = self.lib.layout.database
        written = 0.0
        for path in (database, Path(f"{database}-wal")):
            with contextlib.suppress(OSError):
                written = max(written, path.stat().st_mtime)
        return written > newest

    def auto(self, kind: str) -> Backup | None:
        """A backup of ``kind`` (``start``, ``interval``) when the library changed since the newest one; failures
        are logged, not raised (an automatic backup must never stop the app)."""
        try:
            if not self.changed_since_last():
                return None
            return self.create(kind)
        except CsdeskError:
            log.warning("automatic %s backup failed", kind, exc_info=True)
            return None

    def create(self, kind: str = MANUAL, *, keep: int | None = None) -> Backup:
        """Back up the database and its asset files now, then prune the kind (``keep``: its newest to keep)."""
        safe = "".join(ch for ch in kind if ch.isalnum() or ch in "_")[:20] or MANUAL
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime(_STAMP)
        target = self.folder / f"{_PREFIX}{stamp}-{safe}{_SUFFIX}"
        partial = target.with_name(f".{target.name}.partial")
        backup = Backup(f"{stamp}-{safe}", safe, datetime.strptime(stamp, _STAMP), target)
        try:
            partial.unlink(missing_ok=True)
            with writing(partial):
                self.lib.database.backup_to(partial)
                self._link_assets(partial, backup.assets)
                os.replace(partial, target)  # the database last: a backup is listed only once it is whole
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            shutil.rmtree(backup.assets, ignore_errors=True)
            raise CsdeskError(
                f"无法在「{self.folder}」写入备份:{exc}",
                f"Cannot write a backup to '{self.folder}': {exc}",
            ) from exc
        self.prune(keep_last=KEEP_LAST if keep is None else keep, only=safe)
        return backup

    def _link_assets(self, database: Path, target: Path) -> None:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT DISTINCT sha256, filename FROM assets").fetchall()
        finally:
            conn.close()
        store = self.lib.layout.assets
        for sha256, filename in rows:
            relative = Path(sha256[:2]) / (sha256 + Path(filename).suffix.lower())
            source = store / relative
            if not source.is_file():
                continue  # reported by doctor; the backup holds what exists
            _link_or_copy(source, target / relative)

    def prune(self, *, keep_last: int = KEEP_LAST, only: str | None = None) -> builtins.list[Backup]:
        """Apply the rotation (to ``only`` one kind when given); returns what was removed."""
        backups = [b for b in self.list() if only is None or b.kind == only]
        doomed = to_prune(backups, datetime.now(), keep_last=keep_last)
        for backup in doomed:
            backup.database.unlink(missing_ok=True)
            shutil.rmtree(backup.assets, ignore_errors=True)
        return doomed

    # -- restoring -------------------------------------------------------------------------------------------
    def restore(self, backup_id: str) -> tuple[Backup, Backup]:
        """Replace the library's content by the backup ``backup_id``; returns (restored, undo) where ``undo`` is a
        ``restore`` backup of the state just replaced (restore it to undo this).

        The pages are copied into the live database in one step of SQLite's backup API, under its write lock: other
        programs see the old library or the restored one, never a mix, and a kill leaves one or the other. Asset
        files the backup holds are put back first (the store never overwrites a file). The search index is rebuilt.
        """
        backup = self.get(backup_id)
        check = _check_backup(backup, self.lib.database.user_version)
        if check:
            raise CsdeskError(
                f"备份「{backup.id}」已损坏或不是 csdesk 话术库({check}),没有恢复,话术库没有改动。",
                f"The backup '{backup.id}' is damaged or not a csdesk library ({check}); nothing was restored.",
            )
        undo = self.create("restore")
        lib = self.lib
        generation = lib.index.generation
        self._put_back_assets(backup)
        source = sqlite3.connect(f"file:{backup.database}?mode=ro", uri=True)
        try:
            with lib.database.lock:
                source.backup(lib.database.conn)
        except sqlite3.Error as exc:
            raise CsdeskError(
                f"无法从备份「{backup.id}」恢复:{exc}。话术库没有改动。",
                f"Cannot restore the backup '{backup.id}': {exc}. The library is unchanged.",
            ) from exc
        finally:
            source.close()
        lib.database.migrate()  # a backup from before an upgrade
        # The restored database carries the generation of its day; one above both tells every program (and its
        # index) that the content changed.
        with lib.database.transaction():
            restored = int(lib.database.scalar("SELECT value FROM meta WHERE key = 'index_generation'") or 0)
            lib.database.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('index_generation', ?)",
                (str(max(restored, generation) + 1),),
            )
        lib.shops._shared_id = None
        lib.index.rebuild()
        lib.rules._changed()
        lib._notify("all")
        return backup, undo

    def _put_back_assets(self, backup: Backup) -> None:
        if not backup.assets.is_dir():
            return
        store = self.lib.layout.assets
        for source in backup.assets.rglob("*"):
            if source.is_file():
                target = store / source.relative_to(backup.assets)
                if not target.is_file():
                    _link_or_copy(source, target)


def _check_backup(backup: Backup, newest_schema: int) -> str:
    """Empty when ``backup`` is an intact csdesk database this program can read, else what is wrong."""
    try:
        conn = sqlite3.connect(f"file:{backup.database}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return "integrity check failed"
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version <= 0:
                return "no csdesk schema"
            if version > newest_schema:
                return f"made by a newer csdesk (schema {version})"
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return ""


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        return
    except OSError:
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
