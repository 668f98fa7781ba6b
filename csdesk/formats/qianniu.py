"""千牛 (Qianniu / Taobao) quick phrases: 快捷编码, 快捷短语, 快捷短语分组 (older files: 快捷短语编码).

千牛 exports CSV in GBK with ``&#13;`` for a line break and ``&#44;`` for a comma inside a phrase; it also takes
XLSX. An empty group is 未分组. 千牛 cuts codes longer than 4 characters, phrases longer than 430 and group names
longer than 10: the export says which entries are affected.

The CSV export is what a strict 千牛 import reads: one shop per file (千牛 imports the phrases of one shop; with
several shops and no ``--shop`` csdesk writes ``name-店铺.csv`` for each, the 通用 entries in every one), GBK
proper — a character GBK cannot hold (emoji, some dashes) is replaced by its plain form where one exists, else
left out, and every one is listed — and placeholders: 千牛 fills no csdesk placeholder, so those known when the
file is written (:data:`EXPORT_FILLS`: 店铺名) are filled, and each phrase that still holds one ({客户昵称}, {订单号} …)
is named in a warning, because it would reach the customer with its braces.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.core.errors import Problem
from csdesk.core.models import SHARED_SHOP_NAME
from csdesk.core.render import find_placeholders
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


EXPORT_FILLS = ("店铺名",)
"""Placeholders the 千牛 export fills itself, with what is known when the file is written (the file's shop)."""
_GBK_STAND_INS = {
    "•": "·",
    "‧": "·",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "≈": "约",
    "✔": "√",
    "✓": "√",
    "✕": "×",
    "✗": "×",
}


def gbk_safe(text: str) -> tuple[str, list[str]]:
    """``text`` with every character GBK cannot hold replaced (NFKC form or a stand-in) or left out; the characters."""
    try:
        text.encode("gbk")
        return text, []
    except UnicodeEncodeError:
        pass
    out: list[str] = []
    bad: dict[str, None] = {}
    for ch in text:
        try:
            ch.encode("gbk")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            bad.setdefault(ch, None)
        for candidate in (_GBK_STAND_INS.get(ch, ""), unicodedata.normalize("NFKC", ch)):
            try:
                if candidate and candidate != ch:
                    candidate.encode("gbk")
                    out.append(candidate)
                    break
            except UnicodeEncodeError:
                continue
    return "".join(out), list(bad)


def _shop_files(lib: Library, path: Path, options: ExportOptions) -> list[tuple[str, Path]]:
    """(shop name, file) for each file to write: one per shop (千牛 imports one shop at a time)."""
    if options.shops:
        names = [n for n in dict.fromkeys(options.shops) if n != SHARED_SHOP_NAME] or [SHARED_SHOP_NAME]
    else:
        names = [s.name for s in lib.shops.all() if not s.is_shared] or [SHARED_SHOP_NAME]
    if len(names) == 1:
        return [(names[0], path)]
    unsafe = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
    return [(n, path.with_name(f"{path.stem}-{unsafe.sub('_', n)}{path.suffix}")) for n in names]


def write_qianniu_csv(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    """One GBK CSV per shop (see the module note); the report's ``files`` lists them when there are several."""
    files = _shop_files(lib, path, options)
    warnings: list[Problem] = []
    total = 0
    for shop, target in files:
        scope = [shop] if shop == SHARED_SHOP_NAME else [shop, SHARED_SHOP_NAME]
        total += _write_one_csv(lib, target, selected_entries(lib, scope), shop, warnings)
    written = [target for _shop, target in files]
    return ExportReport(written[0], total, warnings, files=written if len(written) > 1 else [])


def _write_one_csv(lib: Library, path: Path, entries: list[Entry], shop: str, warnings: list[Problem]) -> int:
    warnings.extend(_lost_columns(entries, path.name))
    rows = _rows(entries, path.name, warnings)
    known = lib.placeholders.names()
    fills = {"店铺名": "" if shop == SHARED_SHOP_NAME else shop}
    for number, (row, entry) in enumerate(zip(rows, entries, strict=True), 2):
        left: list[str] = []
        phrase = row[1]
        for start, end, name in reversed(find_placeholders(phrase, known)):
            if name in EXPORT_FILLS and fills.get(name):
                phrase = phrase[:start] + fills[name] + phrase[end:]
            else:
                left.insert(0, name)
        row[1] = phrase
        if left:
            names = "、".join(f"{{{n}}}" for n in dict.fromkeys(left))
            warnings.append(
                problem(
                    f"「{entry.title}」含有千牛不会填写的占位符 {names}:发送前请在千牛里手动改掉,否则客户会看到花括号。",
                    f"'{entry.title}' has placeholders Qianniu does not fill ({names}): edit them in Qianniu before "
                    "sending, or the customer sees the braces.",
                    row=number,
                    column="快捷短语",
                    file=path.name,
                )
            )
        for column, (label, label_en) in enumerate(
            (("快捷编码", "code"), ("快捷短语", "phrase"), ("快捷短语分组", "group"))
        ):
            row[column], bad = gbk_safe(row[column])
            if bad:
                chars = " ".join(bad)
                warnings.append(
                    problem(
                        f"GBK 不能表示这些字符,已替换为相近的字或去掉:{chars}",
                        f"GBK cannot hold these characters in the {label_en}; replaced by a plain form or left out: {chars}",
                        row=number,
                        column=label,
                        file=path.name,
                    )
                )
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
    write_csv(path, [HEADER, *([c, encode_phrase(r), g] for c, r, g in rows)], encoding="gbk")
    return len(entries)


def write_qianniu_xlsx(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    entries = selected_entries(lib, options.shops)
    warnings = _lost_columns(entries, path.name)
    rows = _rows(entries, path.name, warnings)
    workbook = new_workbook()
    add_sheet(workbook, "快捷短语", HEADER, rows, file=path.name, warnings=warnings, widths=(10, 60, 14))
    save_workbook(workbook, path)
    return ExportReport(path, len(entries), warnings)
