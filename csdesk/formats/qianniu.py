"""千牛 (Qianniu / Taobao) quick phrases: 快捷编码, 快捷短语, 快捷短语分组 (older files: 快捷短语编码).

千牛 exports CSV in GBK with ``&#13;`` for a line break and ``&#44;`` for a comma inside a phrase; it also takes
XLSX. An empty group is 未分组. 千牛 cuts codes longer than 4 characters, phrases longer than 430 and group names
longer than 10: the export says which entries are affected.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.core.errors import Problem
from csdesk.formats.base import ExportOptions, ExportReport, ImportRow, ParsedFile, problem
from csdesk.formats.table import selected_entries
from csdesk.formats.tabular import (
    Record,
    add_sheet,
    map_header,
    new_workbook,
    open_workbook,
    read_csv,
    records_as_dicts,
    save_workbook,
    sheet_records,
    write_csv,
)

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.models import Entry

ALIASES = {
    "快捷编码": "code",
    "快捷短语编码": "code",
    "快捷短语": "reply",
    "快捷短语分组": "category",
    "分组": "category",
}
HEADER = ["快捷编码", "快捷短语", "快捷短语分组"]
UNGROUPED = "未分组"
MAX_CODE, MAX_PHRASE, MAX_GROUP = 4, 430, 10


def decode_phrase(text: str) -> str:
    return (
        text.replace("&#13;&#10;", "\n").replace("&#13;", "\n").replace("&#10;", "\n").replace("&#44;", ",")
    )


def encode_phrase(text: str) -> str:
    return text.replace("\n", "&#13;").replace(",", "&#44;")


def _parse(parsed: ParsedFile, records: list[Record], *, entities: bool) -> None:
    if not records:
        parsed.error("文件是空的。", "The file is empty.")
        return
    mapping = map_header(parsed, records, ALIASES)
    if "reply" not in mapping.values():
        parsed.error(
            "第 1 行没有「快捷短语」列,不像千牛导出的快捷短语文件。",
            "Row 1 has no phrase column (快捷短语 in Qianniu's files); this does not look like quick phrases exported by Qianniu.",
            row=1,
        )
        return
    parsed.columns = frozenset({"code", "reply", "category"})
    for number, values in records_as_dicts(records, mapping, parsed):
        reply = decode_phrase(values.get("reply", "")) if entities else values.get("reply", "")
        group = values.get("category", "").strip() or UNGROUPED
        parsed.rows.append(
            ImportRow({"code": values.get("code", "").strip(), "reply": reply, "category": group}, row=number)
        )


def read_qianniu_csv(path: Path) -> ParsedFile:
    parsed = ParsedFile("qianniu-csv", path.name)
    records, _encoding = read_csv(path)
    _parse(parsed, records, entities=True)
    return parsed


def read_qianniu_xlsx(path: Path) -> ParsedFile:
    parsed = ParsedFile("qianniu-xlsx", path.name)
    workbook = open_workbook(path)
    try:
        records = sheet_records(workbook.worksheets[0]) if workbook.worksheets else []
    finally:
        workbook.close()
    _parse(parsed, records, entities=True)
    return parsed


def _rows(entries: list[Entry], file: str, warnings: list[Problem]) -> list[list[str]]:
    rows = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(entries, 2):
        group = entry.category_path or UNGROUPED
        if len(entry.code) > MAX_CODE:
            warnings.append(
                problem(
                    f"快捷编码「{entry.code}」超过 {MAX_CODE} 个字符,千牛会截断。",
                    f"The code '{entry.code}' is longer than {MAX_CODE} characters; Qianniu will cut it.",
                    row=number,
                    column="快捷编码",
                    file=file,
                )
            )
        if len(entry.reply) > MAX_PHRASE:
            warnings.append(
                problem(
                    f"「{entry.title}」有 {len(entry.reply)} 字,超过 {MAX_PHRASE} 字,千牛会截断。",
                    f"'{entry.title}' has {len(entry.reply)} characters, over {MAX_PHRASE}; Qianniu will cut it.",
                    row=number,
                    column="快捷短语",
                    file=file,
                )
            )
        if len(group) > MAX_GROUP:
            warnings.append(
                problem(
                    f"分组名「{group}」超过 {MAX_GROUP} 个字,千牛会截断。",
                    f"The group name '{group}' is longer than {MAX_GROUP} characters; Qianniu will cut it.",
                    row=number,
                    column="快捷短语分组",
                    file=file,
                )
            )
        if entry.code and entry.code.lower() in seen and seen[entry.code.lower()] != entry.shop_name:
            warnings.append(
                problem(
                    f"快捷编码「{entry.code}」在多个店铺中都有;千牛一次只导入一个店铺的短语。",
                    f"The code '{entry.code}' is in several shops; Qianniu imports the phrases of one shop at a time.",
                    row=number,
                    column="快捷编码",
                    file=file,
                )
            )
        seen.setdefault(entry.code.lower(), entry.shop_name)
        rows.append([entry.code, entry.reply, group])
    return rows  # fmt: skip


def _lost_columns(entries: list[Entry], file: str) -> list[Problem]:
    if any(e.question or e.similar or e.guidance or e.variants or e.asset_ids for e in entries):
        return [
            problem(
                "千牛快捷短语只有编码、短语和分组:问题、相似问法、回复思路、变体和素材不会导出。",
                "Qianniu quick phrases have only a code, a phrase and a group: questions, similar questions, "
                "guidance, variants and assets are not exported.",
                file=file,
            )
        ]
    return []


def write_qianniu_csv(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    entries = selected_entries(lib, options.shops)
    warnings = _lost_columns(entries, path.name)
    rows = _rows(entries, path.name, warnings)
    for number, row in enumerate(rows, 2):
        if row[1].startswith(("=", "+", "-", "@")):
            warnings.append(
                problem(
                    "短语以 = + - @ 开头,为防止 Excel 当成公式,前面加了 '。",
                    "The phrase starts with = + - or @; a ' was put in front so that Excel does not run it as a formula.",
                    row=number,
                    column="快捷短语",
                    file=path.name,
                )
            )
        try:
            row[1].encode("gbk")
        except UnicodeEncodeError:
            warnings.append(
                problem(
                    "短语含有 GBK 以外的字符(如表情),千牛可能显示为乱码。",
                    "The phrase has characters outside GBK (such as emoji); Qianniu may show them garbled.",
                    row=number,
                    column="快捷短语",
                    file=path.name,
                )
            )
    write_csv(path, [HEADER, *([c, encode_phrase(r), g] for c, r, g in rows)], encoding="gb18030")
    return ExportReport(path, len(entries), warnings)


def write_qianniu_xlsx(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    entries = selected_entries(lib, options.shops)
    warnings = _lost_columns(entries, path.name)
    rows = _rows(entries, path.name, warnings)
    workbook = new_workbook()
    add_sheet(workbook, "快捷短语", HEADER, rows, file=path.name, warnings=warnings, widths=(10, 60, 14))
    save_workbook(workbook, path)
    return ExportReport(path, len(entries), warnings)
