"""Bringing back a library whose database cannot be opened (``csdesk doctor``).

A damaged ``library.sqlite3`` is first salvaged: every row SQLite can still read is dumped into a new database
(``iterdump``, the Python side of the sqlite3 shell's ``.dump``/``.recover``); the copy is used only when the dump
ran to the end and the result passes SQLite's integrity check. Otherwise the newest backup in ``backups/`` that is
itself intact takes its place. Either way the broken file (with its ``-wal``/``-shm``) is kept beside it as
``library.sqlite3.broken-<time>``, and the search index is rebuilt by the caller. When neither works the broken file
stays where it is and the error says what to do.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.core.errors import HomeError, Message
from csdesk.core.paths import HomeLayout

if TYPE_CHECKING:
    from csdesk.core.library import Library

log = logging.getLogger(__name__)

_SIDE_FILES = ("-wal", "-shm")


def is_database_damage(exc: BaseException) -> bool:
    """True for "file is not a database", "database disk image is malformed" and the like (also wrapped in a
    HomeError); False for a busy or unreachable file, a newer schema, a folder that is not writable."""
    for error in (exc, exc.__cause__):
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
            return True
    return False


def recover_database(layout: HomeLayout) -> list[Message]:
    """Replace the damaged database of ``layout`` by a salvaged copy or the newest intact backup.

    Returns what was done (for the doctor's report); raises HomeError when there is nothing to recover from.
    """
    database = layout.database
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = database.with_name(f"{database.name}.recovering-{stamp}")
    candidate.unlink(missing_ok=True)
    done: list[Message] = []
    rows = _salvage(database, candidate)
    if rows is not None:
        done.append(
            Message(
                f"数据库已损坏,已抢救出 {rows} 行数据到新的数据库",
                f"the database was damaged; {rows} rows were salvaged into a new database",
            )
        )
    else:
        backup = _newest_intact_backup(layout)
        if backup is None:
            candidate.unlink(missing_ok=True)
            raise HomeError(
                f"话术库数据库「{database}」已损坏,无法抢救,backups 文件夹里也没有可用的备份。"
                "损坏的文件保持原样;可以把它交给技术人员,或移走它后重新打开 csdesk 新建话术库。",
                f"The library database '{database}' is damaged, cannot be salvaged, and backups/ holds no "
                "usable backup. The damaged file is left where it is; hand it to someone technical, or move it "
                "away and start csdesk again to create a new library.",
            )
        _copy_database(backup, candidate)
        done.append(
            Message(
                f"数据库已损坏,已从备份恢复:{backup.name}(备份之后的改动已丢失)",
                f"the database was damaged; restored from the backup {backup.name} (changes made after it are lost)",
            )
        )
    aside = database.with_name(f"{database.name}.broken-{stamp}")
    for suffix in ("", *_SIDE_FILES):
        source = Path(f"{database}{suffix}")
        if source.exists():
            source.replace(Path(f"{aside}{suffix}"))
    candidate.replace(database)
    done.append(
        Message(f"损坏的数据库已另存为 {aside.name}", f"the damaged database was kept as {aside.name}")
    )
    return done


def _salvage(source: Path, target: Path) -> int | None:
    """Dump every row of ``source`` into a new database at ``target``; the number of rows, or None on failure."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    dest: sqlite3.Connection | None = None
    try:
        version = int(src.execute("PRAGMA user_version").fetchone()[0])
        dest = sqlite3.connect(str(target), isolation_level=None)
        dest.execute("BEGIN")
        rows = 0
        for statement in src.iterdump():
            if statement in ("BEGIN TRANSACTION;", "COMMIT;"):
                continue
            dest.execute(statement)
            rows += statement.startswith("INSERT INTO")
        dest.execute(f"PRAGMA user_version = {version}")
        dest.execute("COMMIT")
        if version == 0 or dest.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("salvaged copy is not a csdesk library")
        if dest.execute("PRAGMA foreign_key_check").fetchone() is not None:
            log.warning("salvaged database has foreign-key problems; doctor will report them")
        return rows
    except (sqlite3.Error, ValueError) as exc:
        log.info("salvage of %s failed: %s", source, exc)
        if dest is not None:
            dest.close()
            dest = None
        target.unlink(missing_ok=True)
        return None
    finally:
        src.close()
        if dest is not None:
            dest.close()


def _newest_intact_backup(layout: HomeLayout) -> Path | None:
    for backup in sorted(layout.backups.glob("library-*.sqlite3"), reverse=True):
        try:
            conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
            try:
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                ok = ok and int(conn.execute("PRAGMA user_version").fetchone()[0]) > 0
            finally:
                conn.close()
        except sqlite3.Error:
            ok = False
        if ok:
            return backup
        log.warning("backup %s is not usable", backup)
    return None


def _copy_database(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(str(target))
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
    with contextlib.suppress(OSError):
        for suffix in _SIDE_FILES:
            Path(f"{target}{suffix}").unlink(missing_ok=True)


def open_for_repair(home: Path, *, demo: bool = True) -> tuple[Library, list[Message]]:
    """Open the library in ``home`` for ``doctor``: a damaged database is recovered first (see the module doc).

    Returns the library (its index not built yet unless recovered) and what the recovery did.
    """
    from csdesk.core.library import Library

    try:
        lib = Library.open(home, demo=demo, build_index=False)
    except (HomeError, sqlite3.DatabaseError) as exc:
        if not is_database_damage(exc):
            raise
        log.warning("library database in %s is damaged (%s); recovering", home, exc)
    else:
        try:
            intact = lib.database.scalar("PRAGMA integrity_check") == "ok"
        except sqlite3.DatabaseError as exc:
            if not is_database_damage(exc):
                lib.close()
                raise
            intact = False
        if intact:
            return lib, []
        lib.close()  # it opens, but pages are damaged: salvage what can be read, or go back to a backup
        log.warning("library database in %s fails the integrity check; recovering", home)
    done = recover_database(HomeLayout(Path(home)))
    lib = Library.open(home, demo=False, build_index=False)
    try:
        lib.index.rebuild()
    except BaseException:
        lib.close()
        raise
    done.append(
        Message("搜索索引已按恢复后的数据库重建", "the search index was rebuilt from the recovered database")
    )
    return lib, done
