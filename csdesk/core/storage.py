"""The SQLite database of a library: connection settings, versioned migrations and transactions.

Migrations are the numbered ``db/migrations/NNNN_name.sql`` files; ``PRAGMA user_version`` records the last one
applied. Each migration runs in its own transaction, so a failure leaves the database at the previous version; the
version is read again once the write lock is held, so two processes opening a new library at once apply each
migration exactly once (the second waits up to ``BUSY_TIMEOUT_S`` for the first).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import HomeError, LibraryLockedError, Message
from csdesk.core.resources import migrations_dir

if TYPE_CHECKING:
    import sqlite_utils

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
BUSY_TIMEOUT_S = 10.0


def available_migrations() -> list[tuple[int, Path]]:
    found = []
    for path in migrations_dir().iterdir():
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def schema_version_supported() -> int:
    return available_migrations()[-1][0]


class Database:
    """One connection shared by all threads of a process, guarded by a re-entrant lock.

    Reads and writes are short; a lock is simpler and faster here than a connection per thread. ``transaction()``
    takes SQLite's write lock up front (``BEGIN IMMEDIATE``) so two processes never deadlock on an upgrade.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = path
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if str(path) != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise HomeError(
                f"无法打开话术库数据库「{path}」:{exc}。可以运行 csdesk doctor 检查,或从 backups 文件夹恢复。",
                f"Cannot open the library database '{path}': {exc}. Run 'csdesk doctor' or restore a backup.",
            ) from exc
        self.conn = conn
        self._introspection: sqlite_utils.Database | None = None
        self.lock = threading.RLock()
        self._depth = 0
        self._pending: list[Callable[[bool], None]] = []

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for schema introspection (``csdesk doctor``): imported on first
        use, since sqlite-utils (with click, dateutil, pluggy) was a fifth of the app's start-up imports."""
        if self._introspection is None:
            import sqlite_utils

            self._introspection = sqlite_utils.Database(self.conn)
        return self._introspection

    # -- queries -------------------------------------------------------------------------------------------
    def execute(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> sqlite3.Cursor:
        with self.lock:
            return self.conn.execute(sql, params)

    def all(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> sqlite3.Row | None:
        with self.lock:
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def scalar(self, sql: str, params: tuple[object, ...] | dict[str, object] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: commit at the end of the block, roll back on any exception. Nested calls join the outer."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise LibraryLockedError(
                        "话术库正被另一个程序写入,请稍后再试。",
                        "The library is being written by another program; try again shortly.",
                    ) from exc
                raise
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._depth = 0
                self._finish(committed=False)
                raise
            else:
                self.conn.execute("COMMIT")
                self._depth = 0
                self._finish(committed=True)
            finally:
                self._depth = 0

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def after_transaction(self, callback: Callable[[bool], None]) -> None:
        """Run ``callback(committed)`` once the outermost transaction ends (at once when there is none)."""
        if self._depth:
            self._pending.append(callback)
        else:
            callback(True)

    def _finish(self, *, committed: bool) -> None:
        pending, self._pending = self._pending, []
        for callback in pending:
            callback(committed)

    def backup_to(self, target: Path) -> None:
        """Copy the whole database to ``target`` (consistent, through SQLite's online backup)."""
        with self.lock:
            dest = sqlite3.connect(str(target))
            try:
                self.conn.backup(dest)
            finally:
                dest.close()

    # -- schema --------------------------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version") or 0)

    def migrate(self) -> list[int]:
        """Apply every migration newer than the database; returns the versions applied."""
        current = self.user_version
        newest = schema_version_supported()
        if current > newest:
            raise HomeError(
                f"这个话术库由更新版本的 csdesk 创建(数据库版本 {current},本程序支持到 {newest}),请先升级 csdesk。",
                f"This library was written by a newer csdesk (schema {current}, this one knows up to {newest}). "
                "Upgrade csdesk first.",
            )
        applied = []
        for version, path in available_migrations():
            if version <= current:
                continue
            script = path.read_text(encoding="utf-8")
            with self.transaction():
                # Another process may have applied it while we waited for the write lock: read the version again
                # under the lock, or two first opens both run 0001 (and one fails on "table meta already exists").
                current = self.user_version
                if version <= current:
                    continue
                for statement in _split_sql(script):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version}")
            applied.append(version)
        return applied

    def schema_problems(self, *, repair: bool = False) -> tuple[list[Message], list[Message]]:
        """(problems, repaired): the live schema against the one the migrations build, table by table.

        Introspection through sqlite-utils (``table_names``, ``columns_dict``, ``indexes``, ``triggers_dict``) on
        both databases. With ``repair`` a missing table, index or trigger is created again from the reference
        schema (an empty table is better than queries failing); a missing column is only reported.
        """
        reference = Database(":memory:")
        try:
            reference.migrate()
            with self.lock:
                problems, todo = _schema_differences(reference.db, self.db)
                if not repair or not todo:
                    return problems + [message for _, message in todo], []
                with self.transaction():
                    for sql, _message in todo:  # tables come first in todo
                        self.conn.execute(sql)
        finally:
            reference.close()
        repaired = [
            Message(f"{m}(已按数据库结构重建)", f"{m.english} (created again from the schema)")
            for _, m in todo
        ]
        return problems, repaired

    def integrity_problems(self) -> list[Message]:
        """SQLite's integrity check and foreign-key check, one line per problem (Chinese, with English)."""
        rows = self.all("PRAGMA integrity_check")
        problems = [Message(f"数据库:{r[0]}", f"database: {r[0]}") for r in rows if str(r[0]) != "ok"]
        problems += [
            Message(
                f"数据库外键失效:{r['table']} 表第 {r['rowid']} 行引用的 {r['parent']} 记录不存在",
                f"database foreign key: {r['table']} row {r['rowid']} → missing {r['parent']}",
            )
            for r in self.all("PRAGMA foreign_key_check")
        ]
        return problems


def _schema_differences(
    ref: sqlite_utils.Database, live: sqlite_utils.Database
) -> tuple[list[Message], list[tuple[str, Message]]]:
    """What ``live`` lacks of ``ref``: (columns, reported only; [(CREATE statement, message)] to run, tables first)."""
    problems: list[Message] = []
    tables: list[tuple[str, Message]] = []
    others: list[tuple[str, Message]] = []
    live_tables = set(live.table_names())
    for name in ref.table_names():
        ref_table = ref.table(name)
        live_indexes: set[str] = set()  # a missing table gets its indexes back too
        if name not in live_tables:
            message = Message(f"数据库缺少表 {name}", f"the database has no table {name}")
            tables.append((ref_table.schema, message))
        else:
            live_table = live.table(name)
            missing = [c for c in ref_table.columns_dict if c not in live_table.columns_dict]
            if missing:
                problems.append(
                    Message(
                        f"数据库表 {name} 缺少列:{'、'.join(missing)}",
                        f"database table {name} lacks the columns {', '.join(missing)}",
                    )
                )
            live_indexes = {index.name for index in live_table.indexes}
        for index in ref_table.indexes:
            if index.origin == "c" and index.name not in live_indexes:  # "c": made by CREATE INDEX
                row = ref.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [index.name]
                )
                message = Message(f"数据库缺少索引 {index.name}", f"the database has no index {index.name}")
                others.append((row.fetchone()[0], message))
    live_triggers = live.triggers_dict
    for name, sql in ref.triggers_dict.items():
        if name not in live_triggers:
            others.append((sql, Message(f"数据库缺少触发器 {name}", f"the database has no trigger {name}")))
    return problems, tables + others


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows where each one ends)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
