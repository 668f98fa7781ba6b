"""Files from strangers: what any reader may meet besides an honest mistake, turned into a message for the user.

Readers check what they expect (columns, types they know about, archive safety) and report it as rows with
problems. A hostile or damaged file can still make a parser fail in ways no reader foresees: nesting deep enough to
exhaust Python's recursion (JSON/YAML), a number as a list, a damaged deflate stream, broken XML inside a
workbook, an integer too large to convert. :func:`guarded_read` runs a reader and turns each of those into a
:class:`CsdeskError` that names the file and the problem, so the user never sees "internal error" and the library
is never touched (readers do not touch it; the import starts only after the file is read).

:func:`check_limits` then refuses a file whose fields, entries or total text exceed generous limits (see
:data:`MAX_FIELD_CHARS` …), before any matching, normalising or indexing starts: a 60-million-character field must
not tie up the app for minutes.
"""

from __future__ import annotations

import logging
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from csdesk.core.errors import CsdeskError
from csdesk.core.limits import MAX_ENTRY_CHARS, MAX_FIELD_CHARS  # the same limits as every edit
from csdesk.formats.base import COLUMN_LABELS_ZH, ParsedFile

log = logging.getLogger(__name__)

MAX_FILE_ROWS = 200_000
"""Entries in one file."""
MAX_FILE_CHARS = 50_000_000
"""All text of all entries in one file."""
MAX_NESTING = 200
"""Nesting depth of JSON/YAML a reader is allowed to meet (csdesk's own files need fewer than 10)."""


def _refuse(path: Path, zh: str, en: str) -> CsdeskError:
    return CsdeskError(
        f"无法导入「{path.name}」:{zh}。话术库没有任何改动。",
        f"Cannot import '{path.name}': {en}. The library is unchanged.",
    )


_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_DEEP_INDENT = re.compile(rb"\n[ \t]{%d,}\S" % (2 * MAX_NESTING))
_STRUCTURED = (".json", ".yml", ".yaml")


def check_nesting(path: Path, data: bytes) -> None:
    """Refuse JSON/YAML nested deeper than :data:`MAX_NESTING` before a parser spends seconds (PyYAML: 15 s for
    100,000 brackets) on the way to a RecursionError. Brackets inside strings count too: a real file never comes
    near the limit either way."""
    brackets = data.translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        depth = depth + 1 if byte in b"[{" else max(depth - 1, 0)
        if depth > deepest:
            deepest = depth
            if deepest > MAX_NESTING:
                break
    if deepest > MAX_NESTING or _DEEP_INDENT.search(data):
        raise _refuse(
            path,
            f"内容嵌套超过 {MAX_NESTING} 层(可能是损坏或恶意的文件)",
            f"its content is nested more than {MAX_NESTING} levels deep (a damaged or hostile file?)",
        )


def guarded_read(reader: Callable[[Path], ParsedFile], path: Path) -> ParsedFile:
    """``reader(path)`` with every failure a damaged or hostile file can cause as a clear CsdeskError."""
    try:
        if path.suffix.lower() in _STRUCTURED and path.is_file():
            from csdesk.formats.safety import check_file

            check_file(path)
            check_nesting(path, path.read_bytes())
        parsed = reader(path)
    except CsdeskError:
        raise
    except RecursionError as exc:
        raise _refuse(
            path,
            "内容嵌套层数太深(可能是损坏或恶意的文件)",
            "its content is nested too deeply (a damaged or hostile file?)",
        ) from exc
    except (zlib.error, zipfile.BadZipFile, EOFError, struct.error) as exc:
        raise _refuse(
            path, "压缩的数据已损坏,无法解压", "its compressed data is damaged and cannot be unpacked"
        ) from exc
    except NotImplementedError as exc:  # zipfile: "zip file version 6.4", an unknown compression method …
        raise _refuse(
            path,
            f"使用了不支持的压缩方式({exc})",
            f"it uses a compression method that is not supported ({exc})",
        ) from exc
    except ParseError as exc:
        raise _refuse(path, f"其中的 XML 已损坏({exc})", f"the XML inside it is damaged ({exc})") from exc
    except OverflowError as exc:
        raise _refuse(path, "含有大得无法处理的数字", "it holds a number too large to handle") from exc
    except MemoryError as exc:
        raise _refuse(path, "内容太大,内存不够", "its content is too large for the memory available") from exc
    except UnicodeError as exc:
        raise _refuse(
            path, "含有无法识别的文字编码", "it holds text in an encoding that cannot be read"
        ) from exc
    except (TypeError, AttributeError, LookupError, ValueError) as exc:
        # A value of a type the format does not allow where the reader did not check it (a number where a list
        # belongs …): the file is wrong, not csdesk; the traceback goes to the log for the maintainers.
        log.info("reading %s failed", path, exc_info=True)
        raise _refuse(
            path,
            "内容的结构不符合该格式(某个值的类型不对,例如该是列表的地方是数字)",
            "its structure does not fit the format (a value of the wrong type, e.g. a number where a list belongs)",
        ) from exc
    check_limits(parsed, path)
    return parsed


def _text_size(value: Any, depth: int = 0) -> int:
    """Characters of text in ``value`` (str, numbers as text, nested lists/dicts), bounded in depth."""
    if isinstance(value, str):
        return len(value)
    if value is None or isinstance(value, bool | int | float):
        return 0
    if depth > MAX_NESTING:
        return MAX_ENTRY_CHARS + 1
    if isinstance(value, dict):
        return sum(_text_size(k, depth + 1) + _text_size(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return sum(_text_size(v, depth + 1) for v in value)
    return 0


def _longest_field(fields: dict[str, Any]) -> tuple[str, int]:
    name, size = "", 0
    for key, value in fields.items():
        length = _text_size(value)
        if length > size:
            name, size = key, length
    return name, size


def _where(row: Any, language: str) -> str:
    if row.row is not None:
        return f"row {row.row}" if language == "en" else f"第 {row.row} 行"
    return row.path or ("an entry" if language == "en" else "某条目")


def check_limits(parsed: ParsedFile, path: Path) -> None:
    """Refuse ``parsed`` when a field, an entry or the whole file holds more text than the limits allow."""
    if len(parsed.rows) > MAX_FILE_ROWS:
        raise _refuse(
            path,
            f"有 {len(parsed.rows)} 条,超过每个文件 {MAX_FILE_ROWS} 条的上限,请拆成几个文件",
            f"it has {len(parsed.rows)} entries, over the limit of {MAX_FILE_ROWS} per file; split it",
        )
    total = 0
    for row in parsed.rows:
        own = _text_size(row.fields)
        # only a row holding more than a field's limit in all can have a field over it (one walk of most rows)
        name, longest = _longest_field(row.fields) if own > MAX_FIELD_CHARS else ("", 0)
        if longest > MAX_FIELD_CHARS:
            raise _refuse(
                path,
                f"{_where(row, 'zh')}的「{COLUMN_LABELS_ZH.get(name, name)}」有 {longest} 个字符,超过每个字段 {MAX_FIELD_CHARS} 个字符的上限",
                f"{_where(row, 'en')}: '{name}' has {longest} characters, over the limit of {MAX_FIELD_CHARS} "
                "per field",
            )
        size = own + _children_size((row.variants, row.examples))
        if size > MAX_ENTRY_CHARS:
            raise _refuse(
                path,
                f"{_where(row, 'zh')}的条目共有 {size} 个字符,超过每条 {MAX_ENTRY_CHARS} 个字符的上限",
                f"{_where(row, 'en')}: the entry has {size} characters, over the limit of {MAX_ENTRY_CHARS} "
                "per entry",
            )
        total += size
        if total > MAX_FILE_CHARS:
            raise _refuse(
                path,
                f"文字总量超过每个文件 {MAX_FILE_CHARS} 个字符的上限,请拆成几个文件",
                f"its text exceeds the limit of {MAX_FILE_CHARS} characters per file; split it",
            )


def _children_size(groups: Iterable[list[dict[str, Any]] | None]) -> int:
    size = 0
    for group in groups:
        for child in group or ():
            for key, value in child.items():
                length = _text_size(value)
                if length > MAX_FIELD_CHARS:
                    return MAX_ENTRY_CHARS + length  # reported as an oversize entry
                size += len(str(key)) + length
    return size
