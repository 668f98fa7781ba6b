"""Content-addressed storage of asset files under ``<home>/assets``.

A file is stored once, at ``assets/<first two hex digits>/<sha256><.ext>``, however many assets (titles, folders)
point to it; identical files added twice are stored once.
"""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
import tempfile
from pathlib import Path

from csdesk.core.errors import ValidationError

DEFAULT_MAX_ASSET_BYTES = 200 * 1024 * 1024
_EXTRA_TYPES = {".webp": "image/webp", ".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm"}


def guess_mime(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in _EXTRA_TYPES:
        return _EXTRA_TYPES[suffix]
    mime, _ = mimetypes.guess_type(filename)
    return mime or "application/octet-stream"


def human_size(size: int) -> str:
    """A byte count as people read it: B below 1 KB, KB below 1 MB, else MB with one decimal."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1048576:.1f} MB"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class AssetStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str, filename: str) -> Path:
        return self.root / sha256[:2] / (sha256 + Path(filename).suffix.lower())

    def put(self, source: Path, *, max_bytes: int = DEFAULT_MAX_ASSET_BYTES) -> tuple[str, int]:
        """Copy ``source`` into the store (once per content); returns (sha256, size)."""
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise ValidationError(
                f"无法读取文件「{source}」:{exc.strerror or exc}",
                f"Cannot read '{source}': {exc.strerror or exc}",
            ) from exc
        if not source.is_file():
            raise ValidationError(f"「{source}」不是文件。", f"'{source}' is not a file.")
        if size > max_bytes:
            raise ValidationError(
                f"文件「{source.name}」有 {human_size(size)},超过素材大小上限 {human_size(max_bytes)}。"
                "请压缩后再添加。",
                f"'{source.name}' is {human_size(size)}, over the {human_size(max_bytes)} asset limit.",
            )
        sha = sha256_of(source)
        target = self.path_for(sha, source.name)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with (
                tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp,
                source.open("rb") as src,
            ):
                shutil.copyfileobj(src, tmp)
            Path(tmp.name).replace(target)
        return sha, size

    def put_bytes(self, data: bytes, filename: str) -> tuple[str, int]:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha, filename)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(target.suffix + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
        return sha, len(data)

    def restore(self, sha256: str, filename: str, source: Path) -> bool:
        """Put ``source`` back as the stored file of (``sha256``, ``filename``) when its content has that hash."""
        if not source.is_file() or sha256_of(source) != sha256:
            return False
        target = self.path_for(sha256, filename)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
        return True

    def verify(self, sha256: str, filename: str) -> str | None:
        """None when the stored file is present and intact, else what is wrong."""
        path = self.path_for(sha256, filename)
        if not path.is_file():
            return "missing"
        if sha256_of(path) != sha256:
            return "damaged"
        return None
