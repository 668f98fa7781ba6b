"""Which format a file is in, from its name and a look at its first bytes or first row."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from csdesk.core.errors import CsdeskError
from csdesk.formats.safety import decode_text, read_head, unsafe_member_name

Unsure = tuple[str, str]

QIANNIU_HEADERS = {"快捷短语", "快捷编码", "快捷短语编码", "快捷短语分组"}
TE_HEADERS = {"abbreviation", "content", "label", "snippet"}
BEEFTEXT_HEADERS = {"keyword", "snippet", "name"}


def detect(path: Path) -> str | Unsure:
    if path.is_dir():
        if (path / "package.yml").exists() or (path / "_manifest.yml").exists() or any(path.glob("*.yml")):
            return "espanso"
        return (
            "这是一个文件夹,但里面没有 Espanso 包(package.yml)",
            "a folder without an Espanso package.yml",
        )
    suffix = path.suffix.lower()
    if suffix == ".csdesk":
        return "bundle"
    if suffix in (".yml", ".yaml"):
        return "espanso"
    if suffix in (".textexpander", ".plist"):
        return "textexpander"
    if suffix == ".json":
        return _json(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv(path)
    if suffix == ".zip":
        return _zip(path)
    if suffix == ".xls":
        return (
            "旧版 .xls 文件不能直接导入,请在 Excel 中另存为 .xlsx",
            "old .xls files are not supported; save as .xlsx",
        )
    return (f"不认识的扩展名「{suffix or '(无)'}」", f"unknown file extension '{suffix or '(none)'}'")


def _first_cells(path: Path) -> list[str] | None:
    import csv
    import io

    head = read_head(path, 64 * 1024)
    try:
        text, _ = decode_text(head, path.name)
    except CsdeskError:
        # A cut multi-byte character at the end of the sample: try again without the last bytes.
        try:
            text, _ = decode_text(head[: max(0, len(head) - 4)], path.name)
        except CsdeskError:
            return None
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=lambda d: (first.count(d), d == ","))
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return None


def _csv(path: Path) -> str | Unsure:
    from csdesk.formats.table import ENTRY_ALIASES
    from csdesk.formats.tabular import header_key, looks_like_header

    cells = _first_cells(path)
    if cells is None:
        return "csv"  # the reader explains the encoding problem
    keys = {header_key(c) for c in cells if c.strip()}
    if keys & QIANNIU_HEADERS and ("快捷短语" in keys or "快捷短语编码" in keys):
        return "qianniu-csv"
    entry_keys = {"回复", "reply", "问题", "question", "标题", "title", "编号", "id", "快捷编码", "code"}
    if looks_like_header(cells, ENTRY_ALIASES) >= 2 or keys & entry_keys:
        return "csv"
    if {"abbreviation", "content"} <= keys:
        return "textexpander-csv"
    if {"keyword", "snippet"} <= keys:
        return "beeftext-csv"
    if len(cells) in (2, 3):
        return (
            "没有表头的两三列 CSV 既可能是 TextExpander 也可能是 Beeftext 导出的",
            "a header-less CSV of two or three columns could be TextExpander or Beeftext",
        )
    return ("第一行不是认识的表头", "the first row is not a known header")


def _xlsx(path: Path) -> str | Unsure:
    try:
        from csdesk.formats.tabular import open_workbook

        workbook = open_workbook(path)
    except CsdeskError:
        return "xlsx"  # the reader reports what is wrong with the file
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        first = next(sheet.iter_rows(values_only=True, max_row=1), ()) if sheet is not None else ()
        names = {str(v).strip() for v in first if v is not None}
        titles = {ws.title for ws in workbook.worksheets}
    finally:
        workbook.close()
    if "条目" in titles:
        return "xlsx"
    if names & {"快捷短语", "快捷短语编码"}:
        return "qianniu-xlsx"
    return "xlsx"


def _json(path: Path) -> str | Unsure:
    try:
        head = read_head(path, 1 << 20)
        text, _ = decode_text(head, path.name)
    except CsdeskError:
        return "beeftext"
    if '"combos"' in text or '"groups"' in text:
        return "beeftext"
    try:
        data = json.loads(text)
    except ValueError:
        return ("不是认识的 JSON 文件", "not a known JSON file")
    if isinstance(data, dict) and "combos" in data:
        return "beeftext"
    return (
        "不是认识的 JSON 文件(Beeftext 的文件里应有 combos)",
        "not a known JSON file (Beeftext files have 'combos')",
    )


def _zip(path: Path) -> str | Unsure:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not unsafe_member_name(n)]
    except (zipfile.BadZipFile, OSError):
        return ("不是有效的 ZIP 压缩包", "not a valid ZIP archive")
    base = {Path(n).name for n in names}
    if {"manifest.json", "data.json"} <= base:
        return "bundle"
    if base & {"package.yml", "_manifest.yml"} or any(n.endswith((".yml", ".yaml")) for n in names):
        return "espanso"
    return ("压缩包里没有认识的内容", "the archive holds nothing csdesk knows")
