"""Reading untrusted files: size limits, file-type sniffing, text decoding, archives and spreadsheet cells.

Every function here raises :class:`CsdeskError` with a Chinese and an English message that says what is wrong
and what to do; none of them touches the library.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

from csdesk.core.errors import CsdeskError

MAX_TABLE_BYTES = 100 * 1024 * 1024
"""Spreadsheets, CSV, JSON, YAML and plist files."""
MAX_ARCHIVE_EXPANDED = 2 * 1024 * 1024 * 1024
MAX_ARCHIVE_RATIO = 100
MAX_ARCHIVE_MEMBERS = 100_000
_RATIO_FLOOR = 1024 * 1024
"""Members smaller than this may compress as well as they like (a page of repeated text does)."""

_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"%PDF", "PDF 文件", "a PDF file"),
    (b"PK\x03\x04", "ZIP 压缩包", "a ZIP archive"),
    (b"PK\x05\x06", "空的 ZIP 压缩包", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Excel(.xls)或 Word 文件", "an old Excel (.xls) or Word file"),
    (b"\x1f\x8b", "GZIP 压缩文件", "a gzip file"),
    (b"Rar!", "RAR 压缩包", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive"),
    (b"bplist00", "二进制 plist 文件", "a binary plist"),
    (b"MZ\x90\x00", "Windows 程序", "a Windows program"),
    (b"\x7fELF", "程序文件", "a program"),
    (b"RIFF", "音视频文件", "a media file"),
    (b"\x00\x00\x00", "视频或二进制文件", "a video or binary file"),
)


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def use_default_mode(path: Path) -> None:
    """Give a file made by :func:`tempfile.mkstemp` (mode 0600) the mode an ordinary new file gets (0666 minus the
    umask), before it is renamed into place: a bundle on a shared drive must be readable by the team."""
    if os.name == "posix":
        os.chmod(path, 0o666 & ~_umask())


def describe_bytes(head: bytes) -> tuple[str, str] | None:
    """What the first bytes of a file say it is (zh, en), or None for unknown / text."""
    for magic, zh, en in _MAGIC:
        if head.startswith(magic):
            return zh, en
    return None


def read_head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def check_file(path: Path, *, max_bytes: int | None = None) -> int:
    """The size of a readable regular file, or a clear error (missing, a folder, too big)."""
    if max_bytes is None:
        max_bytes = MAX_TABLE_BYTES
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise CsdeskError(f"找不到文件「{path}」。", f"The file '{path}' does not exist.") from exc
    except OSError as exc:
        raise CsdeskError(
            f"无法读取文件「{path}」:{exc.strerror or exc}", f"Cannot read '{path}': {exc.strerror or exc}"
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise CsdeskError(f"「{path}」不是普通文件。", f"'{path}' is not a regular file.")
    if info.st_size > max_bytes:
        raise CsdeskError(
            f"文件「{path.name}」有 {info.st_size / 1048576:.0f} MB,超过 {max_bytes / 1048576:.0f} MB 的上限,"
            "不像是话术表。请检查是否选错了文件,或拆成几个小文件再导入。",
            f"'{path.name}' is {info.st_size / 1048576:.0f} MB, over the {max_bytes / 1048576:.0f} MB limit: too "
            "big for a table of replies. Check that it is the right file, or split it into smaller files and import "
            "those.",
        )
    return info.st_size


def wrong_type(path: Path, expected_zh: str, expected_en: str, head: bytes | None = None) -> CsdeskError:
    """The error for a file whose content does not match its name."""
    found = describe_bytes(head if head is not None else read_head(path))
    what_zh, what_en = found if found else ("别的类型的文件", "something else")
    old_excel = bool(found and ".xls" in found[0])
    hint_zh = ",请在 Excel 里另存为 .xlsx 后再导入" if old_excel else ""
    hint_en = "; save it as .xlsx in Excel and import that" if old_excel else ""
    return CsdeskError(
        f"「{path.name}」不是{expected_zh},看起来是{what_zh}{hint_zh}。没有导入任何内容。",
        f"'{path.name}' is not {expected_en}; it looks like {what_en}{hint_en}. Nothing was imported.",
    )


def expect_text(path: Path, data: bytes, expected_zh: str, expected_en: str) -> None:
    """Refuse binary content behind a text extension (.csv, .json, .yml)."""
    head = data[:4096]
    if describe_bytes(head) or (
        b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    ):
        raise wrong_type(path, expected_zh, expected_en, head)


# --------------------------------------------------------------------------------------------------------------
# Text encodings
# --------------------------------------------------------------------------------------------------------------
def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030; returns (text, encoding).

    Chinese Excel on Windows saves CSV as GBK. A file in any other encoding (Big5, Shift-JIS, Latin-1 …) is refused
    with a clear message rather than decoded into plausible-looking garbage.
    """
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[3:].decode("utf-8"), "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError as exc:
        raise _undecodable(file, exc.start) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise _undecodable(file, exc.start, _guess(data)) from exc
    if not _looks_like_simplified_chinese(text):
        raise _undecodable(file, None, _guess(data))
    return text, "gb18030"


def _looks_like_simplified_chinese(text: str) -> bool:
    """GBK-decoded text whose non-ASCII characters are mostly common (GB2312) ones: really GBK, not Big5 etc."""
    others = [ch for ch in text if ord(ch) > 127]
    if not others:
        return True
    common = 0
    for ch in others:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common / len(others) >= 0.9


def _guess(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - optional helper
        return ""
    best = from_bytes(data[:200_000]).best()
    return "" if best is None else str(best.encoding)


def _undecodable(file: str, offset: int | None, guess: str = "") -> CsdeskError:
    where_zh = f"(第 {offset} 个字节附近)" if offset is not None else ""
    where_en = f" (near byte {offset})" if offset is not None else ""
    guess_zh = f",可能是 {guess} 编码" if guess else ""
    guess_en = f"; it may be {guess}" if guess else ""
    return CsdeskError(
        f"无法识别「{file}」的文字编码{where_zh}:它不是 UTF-8,也不是 GBK/GB18030{guess_zh}。"
        "请在 Excel 或记事本里另存为「CSV UTF-8」后再导入。没有导入任何内容。",
        f"Cannot read the text of '{file}'{where_en}: it is neither UTF-8 nor GBK/GB18030{guess_en}. "
        "Save it as 'CSV UTF-8' and import again. Nothing was imported.",
    )


# --------------------------------------------------------------------------------------------------------------
# Archives
# --------------------------------------------------------------------------------------------------------------
def _bad_archive(name: str, zh: str, en: str) -> CsdeskError:
    return CsdeskError(
        f"「{name}」不安全或已损坏:{zh}。没有导入任何内容。",
        f"'{name}' is unsafe or damaged: {en}. Nothing was imported.",
    )


def _size_text(size: int) -> str:
    return f"{size / 1073741824:.0f} GB" if size >= 1073741824 else f"{size / 1048576:.0f} MB"


def unsafe_member_name(name: str) -> bool:
    """A member path that would land outside the target folder (``../``, absolute, ``C:``, UNC)."""
    if not name or "\x00" in name:
        return True
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        return True
    return any(part == ".." for part in PurePosixPath(normalized).parts)


def open_zip(
    path: Path,
    *,
    expected_zh: str,
    expected_en: str,
    max_expanded: int = MAX_ARCHIVE_EXPANDED,
    max_ratio: int = MAX_ARCHIVE_RATIO,
) -> zipfile.ZipFile:
    """Open a ZIP after checking every member: safe names, no links, no encryption, bounded size and ratio."""
    head = read_head(path, 8)
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise wrong_type(path, expected_zh, expected_en, read_head(path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _bad_archive(path.name, "压缩包结构损坏", "the archive structure is damaged") from exc
    try:
        check_zip_members(archive, path.name, max_expanded=max_expanded, max_ratio=max_ratio)
    except BaseException:
        archive.close()
        raise
    return archive


def check_zip_members(
    archive: zipfile.ZipFile,
    name: str,
    *,
    max_expanded: int = MAX_ARCHIVE_EXPANDED,
    max_ratio: int = MAX_ARCHIVE_RATIO,
) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise _bad_archive(
            name, f"文件数超过 {MAX_ARCHIVE_MEMBERS}", f"it holds more than {MAX_ARCHIVE_MEMBERS} files"
        )
    total = 0
    for info in infos:
        if unsafe_member_name(info.filename):
            raise _bad_archive(
                name,
                f"其中的文件路径「{info.filename}」指向压缩包之外",
                f"the path '{info.filename}' inside it points outside the archive",
            )
        mode = (info.external_attr >> 16) & 0o170000
        if mode == stat.S_IFLNK:
            raise _bad_archive(
                name, f"其中的「{info.filename}」是符号链接", f"'{info.filename}' is a symbolic link"
            )
        if info.flag_bits & 0x1:
            raise _bad_archive(name, f"其中的「{info.filename}」已加密", f"'{info.filename}' is encrypted")
        total += info.file_size
        if total > max_expanded:
            size = _size_text(max_expanded)
            raise _bad_archive(name, f"解压后超过 {size}", f"it expands past {size}")
        if info.file_size > _RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            raise _bad_archive(
                name,
                f"「{info.filename}」的压缩比超过 {max_ratio} 倍(疑似压缩炸弹)",
                f"'{info.filename}' expands more than {max_ratio}× (a zip bomb?)",
            )


def read_member(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, never more than its declared size (a lying header cannot blow up memory)."""
    info = member if isinstance(member, zipfile.ZipInfo) else archive.getinfo(member)
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _bad_archive(
            name, f"「{info.filename}」无法解压或校验失败", f"'{info.filename}' cannot be extracted"
        ) from exc
    if len(data) != info.file_size:
        raise _bad_archive(
            name, f"「{info.filename}」的大小与记录不符", f"'{info.filename}' has the wrong size"
        )
    return data


def refuse_xml_declarations(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an Office file whose XML parts declare a DTD or entities (XXE, "billion laughs").

    Excel never writes a ``<!DOCTYPE``; a part that has one was made to attack the parser (an external entity that
    reads a local file, entities that expand to gigabytes). The prolog is at the start of a part, so its first
    64 KB are enough to look at; nothing is parsed or expanded.
    """
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as handle:
                head = handle.read(65536)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise _bad_archive(
                name, f"「{info.filename}」无法解压或校验失败", f"'{info.filename}' cannot be extracted"
            ) from exc
        upper = head.upper()
        if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
            raise _bad_archive(
                name,
                f"其中的「{info.filename}」含有 DTD/实体声明(XXE 或实体炸弹,Excel 不会写出这种内容)",
                f"'{info.filename}' declares a DTD or entities (XXE or an entity bomb; Excel never writes these)",
            )


# --------------------------------------------------------------------------------------------------------------
# Spreadsheet cells
# --------------------------------------------------------------------------------------------------------------
_ALWAYS_FORMULA = ("=", "@")
_MAYBE_FORMULA = ("+", "-", "\t", "\r")
_FORMULA_MATERIAL = re.compile(r"[A-Za-z(!|:$&\"'=@\[\]{}]")
"""What a formula needs besides numbers and operators: a function or cell name, a call, DDE (``|``), a string."""


def _needs_guard(value: str) -> bool:
    """Whether a spreadsheet could run ``value`` as a formula that does something.

    ``=`` and ``@`` always start one. ``+``, ``-``, a tab or a carriage return start one only when a function name, a
    reference or a DDE call follows (``-cmd|' /c calc'!A0``, ``+SUM(A1)``); ``-``, ``+86 138 0000 0000``, ``-5`` or
    ``- 亲,在的`` cannot do anything and stay as they are, so other tools do not show a stray apostrophe.
    """
    if value.startswith(_ALWAYS_FORMULA):
        return True
    if value.startswith(_MAYBE_FORMULA):
        return bool(_FORMULA_MATERIAL.search(value, 1))
    return value.startswith("'") and _needs_guard(value[1:])


def guard_formula(value: str) -> str:
    """Prefix a CSV cell that Excel would run as a formula with ``'`` (reversed by :func:`unguard_formula`)."""
    return "'" + value if _needs_guard(value) else value


def unguard_formula(value: str) -> str:
    return value[1:] if value.startswith("'") and _needs_guard(value[1:]) else value
