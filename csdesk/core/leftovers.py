"""What a killed csdesk leaves behind, and writing files so that a kill leaves as little as possible.

A program killed in the middle of a long operation cannot clean up after itself: a rebuild leaves its half-built
``.index.building-*`` folder beside the index, a swap its ``.index.old-*``, an export its hidden temporary file in
the user's export folder. :func:`clean_leftovers` removes them when a library opens and when ``csdesk doctor`` runs.

Something that is still being written must not be taken for a leftover: another program sharing the home may be
rebuilding the index right now. Every writer holds an exclusive ``flock`` while it writes (Whoosh holds one on the
``*_WRITELOCK`` file of the index it builds; :func:`atomic_output` holds one on its temporary file), and the kernel
drops it when the process dies. So a leftover is one whose lock can be taken, and (for index folders, where Whoosh
lets go of its lock for a moment between segments) that nothing has touched for :data:`STALE_AFTER_S` seconds.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from csdesk.core.errors import Message
from csdesk.core.paths import HomeLayout

log = logging.getLogger(__name__)

STALE_AFTER_S = 5.0
"""An index folder untouched this long while its writer lock is free belongs to no living program."""
NO_LOCKS_STALE_AFTER_S = 3600.0
"""Where ``flock`` does not exist (Windows): a temporary file older than this is a leftover."""
EXPORT_TMP_PREFIX = ".csdesk-"
EXPORT_TMP_SUFFIX = ".tmp"
_EXPORT_FOLDERS_FILE = "export-folders.json"
_REMEMBERED_FOLDERS = 20

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Hold an exclusive flock on ``path`` (created if missing) while the caller writes it, so that cleaning after
    killed programs can tell it from a leftover."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _lock_is_free(path: Path) -> bool:
    """True when no living process holds an exclusive flock on ``path`` (False when it cannot be told)."""
    if fcntl is None:  # pragma: no cover - Windows
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return not path.exists()
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def _newest_change(folder: Path) -> float:
    newest = 0.0
    with contextlib.suppress(OSError):
        newest = folder.stat().st_mtime
        for item in folder.iterdir():
            with contextlib.suppress(OSError):
                newest = max(newest, item.stat().st_mtime)
    return newest


def _stale_index_folder(folder: Path, stale_after: float) -> bool:
    if time.time() - _newest_change(folder) < stale_after:
        return False
    if fcntl is None:  # pragma: no cover - Windows
        return time.time() - _newest_change(folder) > NO_LOCKS_STALE_AFTER_S
    return all(_lock_is_free(lock) for lock in folder.glob("*WRITELOCK"))


def _stale_tmp_file(path: Path) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        with contextlib.suppress(OSError):
            return time.time() - path.stat().st_mtime > NO_LOCKS_STALE_AFTER_S
        return False
    return _lock_is_free(path)


def clean_index_leftovers(layout: HomeLayout, *, stale_after: float | None = None) -> list[Path]:
    """Remove half-built (``.index.building-*``) and swapped-out (``.index.old-*``) index folders of dead programs."""
    limit = STALE_AFTER_S if stale_after is None else stale_after
    parent = layout.index.parent
    removed: list[Path] = []
    for pattern in (f".{layout.index.name}.building-*", f".{layout.index.name}.old-*"):
        for folder in parent.glob(pattern):
            if folder.is_dir() and _stale_index_folder(folder, limit):
                shutil.rmtree(folder, ignore_errors=True)
                if not folder.exists():
                    removed.append(folder)
    return removed


def clean_export_folder(folder: Path) -> list[Path]:
    """Remove the temporary files of exports into ``folder`` whose writer died."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{EXPORT_TMP_PREFIX}*{EXPORT_TMP_SUFFIX}"):
            if path.is_file() and not path.is_symlink() and _stale_tmp_file(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


OLD_TEAM_TMP = (".library.*.csdesk.tmp", ".learned.json.tmp")
"""Temporary files of team publications by csdesk before this one wrote them through :func:`atomic_output` (unlocked:
a leftover when older than :data:`NO_LOCKS_STALE_AFTER_S`)."""


def clean_team_folder(folder: Path) -> list[Path]:
    """Remove what killed publishers left in a team folder: :func:`clean_export_folder`'s temporary files, and the
    unlocked ones of older csdesk versions once they are old enough that nobody can still be writing them."""
    removed = clean_export_folder(folder)
    with contextlib.suppress(OSError):
        for pattern in OLD_TEAM_TMP:
            for path in folder.glob(pattern):
                with contextlib.suppress(OSError):
                    if path.is_file() and time.time() - path.stat().st_mtime > NO_LOCKS_STALE_AFTER_S:
                        path.unlink()
                        removed.append(path)
    return removed


def clean_backup_leftovers(layout: HomeLayout) -> list[Path]:
    """Remove half-written backups (``.library-*.sqlite3.partial``, locked while written; see
    :mod:`csdesk.core.backups`) and asset folders whose backup database is gone."""
    removed: list[Path] = []
    folder = layout.backups
    for partial in folder.glob(".library-*.sqlite3.partial"):
        if _stale_tmp_file(partial):
            with contextlib.suppress(OSError):
                partial.unlink()
                removed.append(partial)
    for journal in folder.glob(".library-*.sqlite3.partial-*"):
        if not journal.with_name(journal.name.rsplit("-", 1)[0]).exists():
            with contextlib.suppress(OSError):
                journal.unlink()
                removed.append(journal)
    for assets in folder.glob("library-*.assets"):
        database = assets.with_name(assets.name[: -len(".assets")] + ".sqlite3")
        if not database.exists() and not assets.with_name(f".{database.name}.partial").exists():
            shutil.rmtree(assets, ignore_errors=True)
            removed.append(assets)
    return removed


def _folders_file(layout: HomeLayout) -> Path:
    return layout.root / _EXPORT_FOLDERS_FILE


def export_folders(layout: HomeLayout) -> list[Path]:
    """Folders this library exported into lately (newest first): where a killed export may have left a file."""
    try:
        names = json.loads(_folders_file(layout).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(n) for n in names if isinstance(n, str)] if isinstance(names, list) else []


def remember_export_folder(layout: HomeLayout, folder: Path) -> None:
    """Note ``folder`` (before an export writes there) so that the next open can clean up after a kill."""
    folder = Path(folder).resolve()
    folders = [folder, *(f for f in export_folders(layout) if f != folder)][:_REMEMBERED_FOLDERS]
    with contextlib.suppress(OSError):
        write_atomic(
            _folders_file(layout), json.dumps([str(f) for f in folders], ensure_ascii=False).encode()
        )


def clean_leftovers(layout: HomeLayout, *, stale_after: float | None = None) -> list[Message]:
    """Clean after killed programs (index folders, export temporary files); what was removed, for the doctor."""
    done: list[Message] = []
    index = clean_index_leftovers(layout, stale_after=stale_after)
    if index:
        done.append(
            Message(
                f"清理了 {len(index)} 个中断的搜索索引临时文件夹",
                f"removed {len(index)} leftover search index folder(s) of an interrupted rebuild",
            )
        )
    backups = clean_backup_leftovers(layout)
    if backups:
        done.append(
            Message(
                f"清理了 {len(backups)} 个中断的备份留下的文件",
                f"removed {len(backups)} file(s) left by interrupted backups",
            )
        )
    files: list[Path] = []
    for folder in export_folders(layout):  # export folders and team folders published to
        files += clean_team_folder(folder)
    if files:
        done.append(
            Message(
                f"清理了 {len(files)} 个中断的导出或团队发布留下的临时文件",
                f"removed {len(files)} temporary file(s) left by interrupted exports or team publications",
            )
        )
    for message in done:
        log.info("%s", message.english)
    return done


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path, *, default_mode: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` to write the whole file to; on success it is synced to disk and renamed
    into place (then the folder is synced), on failure removed.

    The temporary file is hidden (``.csdesk-<name>-*.tmp``) and locked while it is written, so a program killed
    meanwhile leaves a file :func:`clean_export_folder` recognises as a leftover, and a reader never sees half a
    file under the real name; the fsync before the rename keeps a power cut from leaving an empty file there.
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(
        prefix=f"{EXPORT_TMP_PREFIX}{path.name}-", suffix=EXPORT_TMP_SUFFIX, dir=path.parent
    )
    tmp = Path(name)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield tmp
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if default_mode and os.name == "posix":
            mask = os.umask(0o022)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through :func:`atomic_output`."""
    with atomic_output(path) as tmp:
        tmp.write_bytes(data)
