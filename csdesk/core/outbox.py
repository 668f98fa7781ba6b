"""Files leave the library under their title, never under their content hash.

Assets are stored content-addressed (``assets/f1/f14a58….pdf``); a file URL to that path would reach the customer
as ``f14a58….pdf``. Before a file goes onto the clipboard it is copied into a fresh folder under the system's
temporary directory (``csdesk-outbox/<random>/``) with a safe file name made from its title (尺码表.png,
质检报告.pdf): characters no file system accepts, control characters and leading dots are replaced, the name is
shortened, and the stored file's extension kept. Folders older than a day are removed on the next copy (a chat
client may read the file long after the copy, so nothing is removed sooner). Qt-free.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from csdesk.core.models import Asset

__all__ = ["OUTBOX_NAME", "outgoing_copies", "safe_file_name"]

log = logging.getLogger(__name__)

OUTBOX_NAME = "csdesk-outbox"
_KEEP_SECONDS = 24 * 3600
_MAX_STEM = 60
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def safe_file_name(title: str, suffix: str, fallback: str = "附件") -> str:
    """``title`` + ``suffix`` as a file name every desktop system accepts (Windows' rules are the strictest)."""
    stem = unicodedata.normalize("NFC", title).strip()
    stem = _UNSAFE.sub("_", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .")
    if suffix and stem.lower().endswith(suffix.lower()):
        stem = stem[: -len(suffix)].rstrip(" .")  # the title already ends with the extension
    if not stem or stem.split(".")[0].lower() in _RESERVED:
        stem = f"{fallback}_{stem}" if stem else fallback
    stem = stem[:_MAX_STEM].rstrip(" .")
    clean_suffix = _UNSAFE.sub("", suffix)[:12]
    return stem + clean_suffix


def _clean_old(root: Path, now: float) -> None:
    try:
        folders = list(root.iterdir())
    except OSError:
        return
    for folder in folders:
        try:
            if folder.is_dir() and now - folder.stat().st_mtime > _KEEP_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def outgoing_copies(
    files: Sequence[tuple[Asset, Path]], *, root: Path | None = None, now: float | None = None
) -> list[tuple[Asset, Path]]:
    """Each (asset, stored path) as (asset, titled copy in a fresh outbox folder). A file that cannot be copied keeps
    its stored path (logged): the customer still gets the file, under the stored name."""
    if not files:
        return []
    base = root if root is not None else Path(tempfile.gettempdir()) / OUTBOX_NAME
    _clean_old(base, time.time() if now is None else now)
    try:
        base.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=base))
    except OSError:
        log.warning("no outbox folder under %s; files keep their stored names", base, exc_info=True)
        return list(files)
    result: list[tuple[Asset, Path]] = []
    used: set[str] = set()
    for asset, path in files:
        suffix = path.suffix or Path(asset.filename).suffix
        name = safe_file_name(asset.title or Path(asset.filename).stem, suffix)
        stem, number = name[: len(name) - len(suffix)] if suffix else name, 2
        while name.lower() in used:
            name = f"{stem} ({number}){suffix}"
            number += 1
        used.add(name.lower())
        target = folder / name
        try:
            shutil.copyfile(path, target)
        except OSError:
            log.warning("could not copy %s to the outbox", path, exc_info=True)
            result.append((asset, path))
            continue
        result.append((asset, target))
    return result
