"""Reading and writing rows of cells: CSV (any of the encodings Chinese Excel writes) and XLSX (read with calamine,
written with openpyxl).

Shared by the entry table, the 千牛 phrase files and the TextExpander/Beeftext CSV files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from csdesk.core.errors import CsdeskError, Problem
from csdesk.core.leftovers import atomic_output
from csdesk.formats.base import ImportRow, ParsedFile, problem, sheet_prefix
from csdesk.formats.safety import (
    check_file,
    decode_text,
    expect_text,
    guard_formula,
    open_zip,
    refuse_xml_declarations,
    unguard_formula,
    wrong_type,
)

Record = tuple[int, list[str]]
"""(row number as a spreadsheet shows it, cells)."""

_CSV_FIELD_LIMIT = 16 * 1024 * 1024
EXCEL_CELL_LIMIT = 32767
MAX_WORKBOOK_EXPANDED = 512 * 1024 * 1024
"""An .xlsx (at most 100 MB) whose members expand past this is refused before its XML is parsed."""


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_csv(path: Path, *, unguard: bool = True) -> tuple[list[Record], str]:
    """All records of a CSV file with their row numbers, and the encoding found."""
    check_file(path)
    data = path.read_bytes()
    expect_text(path, data, "CSV 表格", "a CSV file")
    text, encoding = decode_text(data, path.name)
    if text.startswith("\ufeff"):
        text = text[1:]
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=lambda d: (first.count(d), d == ","))
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[Record] = []
    try:
        for number, cells in enumerate(reader, 1):
            # Cells are taken exactly as written (a reply may start with a carriage return): only the guard
            # apostrophe csdesk adds in front of formula-like text is taken off.
            records.append((number, [unguard_formula(c) for c in cells] if unguard else cells))
    except csv.Error as exc:
        raise CsdeskError(
            f"「{path.name}」第 {reader.line_num} 行附近的 CSV 格式有误({exc})。没有导入任何内容。",
            f"'{path.name}' has broken CSV near line {reader.line_num} ({exc}). Nothing was imported.",
        ) from exc
    return records, encoding


def write_csv(
    path: Path, rows: Iterable[Sequence[str]], *, guard: bool = True, encoding: str = "utf-8-sig"
) -> None:
    """Write a CSV for Excel: UTF-8 with BOM, CRLF, formula-looking cells guarded with ``'``."""
    with atomic_output(path) as tmp, tmp.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in rows:
            writer.writerow([guard_formula(c) if guard else c for c in row])


# ------------------------------------------------------------------------------------------------------------------
# XLSX
# ------------------------------------------------------------------------------------------------------------------
def open_workbook(path: Path) -> Workbook:
    """A workbook's sheets to read (cached values), after checking it really is a safe .xlsx file."""
    check_file(path)
    with open_zip(
        path,
        expected_zh="Excel 工作簿(.xlsx)",
        expected_en="an Excel workbook (.xlsx)",
        max_expanded=MAX_WORKBOOK_EXPANDED,
    ) as archive:
        names = set(archive.namelist())
        refuse_xml_declarations(archive, path.name)
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise wrong_type(path, "Excel 工作簿(.xlsx)", "an Excel workbook (.xlsx)")
    try:
        return Workbook(path)
    except Exception as exc:  # calamine raises its own kinds (and Rust panics) for a damaged file
        raise CsdeskError(
            f"「{path.name}」无法作为 Excel 工作簿打开({type(exc).__name__})。请用 Excel 打开后另存为 .xlsx 再试。",
            f"'{path.name}' cannot be opened as an Excel workbook ({type(exc).__name__}). Re-save it as .xlsx.",
        ) from exc


class Sheet:
    """One worksheet, read whole on first use: its title and its rows from A1 (empty cells as "")."""

    def __init__(self, book: Any, title: str, path: Path) -> None:
        self.title = title
        self._book = book
        self._path = path

    def iter_rows(
        self, *, values_only: bool = True, max_row: int | None = None
    ) -> Iterator[tuple[object, ...]]:
        """The rows as openpyxl's ``iter_rows(values_only=True)`` gives them, numbered from row 1 (leading empty
        rows and columns included, so row numbers are the spreadsheet's). Texts arrive with the Office escapes
        (``_x000D_``) already decoded."""
        try:
            rows = self._book.get_sheet_by_name(self.title).to_python(skip_empty_area=False, nrows=max_row)
        except Exception as exc:
            raise CsdeskError(
                f"「{self._path.name}」的工作表「{self.title}」无法读取({type(exc).__name__})。"
                "请用 Excel 打开后另存为 .xlsx 再试。",
                f"The worksheet '{self.title}' of '{self._path.name}' cannot be read ({type(exc).__name__}). "
                "Re-save the file as .xlsx.",
            ) from exc
        return (tuple(row) for row in rows)


class Workbook:
    """An .xlsx read with calamine (Rust): a 100,000-row sheet in about a second, where openpyxl's read-only mode
    took 15 s. Only worksheets are listed (chart sheets hold no cells), hidden ones included, in file order."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        self._book = CalamineWorkbook.from_path(str(path))
        self.worksheets = [
            Sheet(self._book, meta.name, path)
            for meta in self._book.sheets_metadata
            if meta.typ == SheetTypeEnum.WorkSheet
        ]

    def close(self) -> None:
        self._book.close()


def cell_text(value: object) -> str:
    """A cell's value as csdesk keeps it (calamine has decoded the Office escapes, see :func:`decode_ooxml`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_OOXML_LITERAL = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def decode_ooxml(text: str) -> str:
    """A cell's text with the Office escapes (``_x000D_`` for a carriage return, which XML itself would turn into a
    line feed; ``_x005F_`` for a literal ``_``) decoded, as Excel and calamine read them."""
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def encode_ooxml(text: str) -> str:
    """The reverse of :func:`decode_ooxml`: a carriage return survives the XML, and ``_x0041_`` typed by someone
    stays those seven characters."""
    if "_x" in text:
        text = _OOXML_LITERAL.sub(r"_x005F_\1", text)
    return text.replace("\r", "_x000D_") if "\r" in text else text


def sheet_records(sheet: Sheet) -> list[Record]:
    records: list[Record] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
        records.append((number, [cell_text(v) for v in values]))
    return records


def new_workbook() -> Any:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    return workbook


def add_sheet(
    workbook: Any,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    file: str,
    warnings: list[Problem],
    widths: Sequence[int] = (),
    notes: Sequence[str] = (),
) -> Any:
    """A sheet with a bold frozen header row. Every string is stored as text: Excel never runs it as a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell, note in zip(sheet[1], notes, strict=False):
        if note:
            cell.comment = Comment(note, "csdesk", width=300, height=120)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths):
        sheet.column_dimensions[_column_letter(index)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, str):
                text = value
                if ILLEGAL_CHARACTERS_RE.search(text):
                    text = ILLEGAL_CHARACTERS_RE.sub("", text)
                    warnings.append(
                        problem(
                            "含有 Excel 不允许的控制字符,已去掉。",
                            "Control characters that Excel does not allow were removed.",
                            row=number,
                            column=header[column - 1],
                            file=file,
                        )
                    )
                if len(text) > EXCEL_CELL_LIMIT:
                    warnings.append(
                        problem(
                            f"超过 Excel 单元格上限 {EXCEL_CELL_LIMIT} 字,Excel 会截断显示。",
                            f"Longer than Excel's cell limit of {EXCEL_CELL_LIMIT} characters; Excel will cut it off.",
                            row=number,
                            column=header[column - 1],
                            file=file,
                        )
                    )
                cell.value = encode_ooxml(text)
                cell.data_type = "s"  # "=…" stays text: no formula ever runs
                if "\n" in text:
                    cell.alignment = wrap
            else:
                cell.value = value
    return sheet


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def save_workbook(workbook: Any, path: Path) -> None:
    with atomic_output(path) as tmp:
        workbook.save(tmp)


# ------------------------------------------------------------------------------------------------------------------
# Headers
# ------------------------------------------------------------------------------------------------------------------
def header_key(text: str) -> str:
    return text.replace("\ufeff", "").strip().strip("*＊").strip().lower().replace(" ", "").replace("_", "")


def map_header(
    parsed: ParsedFile,
    records: Sequence[Record],
    aliases: dict[str, str],
    *,
    sheet: str = "",
    warn_unknown: bool = True,
) -> dict[int, str]:
    """Column index → field name from the header row (row 1); unknown columns are reported as warnings.

    ``sheet`` names the worksheet in the messages (empty for a CSV)."""
    if not records:
        return {}
    number, header = records[0]
    mapping: dict[int, str] = {}
    lookup = {header_key(k): v for k, v in aliases.items()}
    zh, en = sheet_prefix(sheet), sheet_prefix(sheet, "en")
    for index, name in enumerate(header):
        if not name.strip():
            continue
        field = lookup.get(header_key(name))
        if field is None:
            if warn_unknown:
                parsed.warn(
                    f"{zh}不认识的列「{name.strip()}」,已忽略。",
                    f"{en}unknown column '{name.strip()}', ignored.",
                    row=number,
                    column=name.strip(),
                )
            continue
        if field in mapping.values():
            parsed.warn(
                f"{zh}列「{name.strip()}」重复出现,只用第一列。",
                f"{en}column '{name.strip()}' appears more than once; only the first one is used.",
                row=number,
                column=name.strip(),
            )
            continue
        mapping[index] = field
    return mapping


def column_letter(index: int) -> str:
    """The spreadsheet name of the 0-based column ``index`` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_extra_cells(
    parsed: ParsedFile,
    number: int,
    cells: Sequence[str],
    width: int,
    *,
    sheet: str = "",
    file: str = "",
    blank: frozenset[int] = frozenset(),
) -> None:
    """A row error when ``cells`` has non-empty cells at or past column ``width`` (0-based), or in a column whose
    header is blank (``blank``): no field takes them."""
    extra = [(i, c) for i, c in enumerate(cells) if (i >= width or i in blank) and c.strip()]
    if not extra:
        return
    index, text = extra[0]
    shown = text.strip() if len(text.strip()) <= 20 else text.strip()[:20] + "…"
    letter = column_letter(index)
    found = parsed.problem(
        f"{sheet_prefix(sheet)}第 {letter} 列没有表头,这一行在那里还有内容「{shown}」"
        f"(共 {len(extra)} 个多出的单元格),不知道该放进哪一列。常见原因:回复里有没加引号的英文逗号,"
        "把一段话拆成了几列。请给含逗号的单元格加上双引号,或改用中文逗号「，」,再导入。",
        f"{sheet_prefix(sheet, 'en')}column {letter} has no header, yet this row has '{shown}' there"
        f" ({len(extra)} extra cell(s)); csdesk cannot tell which column it belongs to. Usually a comma without"
        " quotes in a reply has split the text into several columns. Put that cell in double quotes, or use a"
        " full-width (Chinese) comma instead, and import again.",
        row=number,
        column=letter,
    )
    if file:
        found.file = file
    parsed.errors.append(found)


def records_as_dicts(
    records: Sequence[Record],
    mapping: dict[int, str],
    parsed: ParsedFile | None = None,
    *,
    sheet: str = "",
    file: str = "",
) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows (after the header) as field dicts; blank rows are skipped.

    A non-empty cell to the right of the last header column has nowhere to go: with ``parsed`` it is a row error
    (never dropped in silence). In a CSV the usual cause is an unquoted comma in a reply.
    """
    width = 0
    blank: frozenset[int] = frozenset()
    if records:
        header = records[0][1]
        width = max((i + 1 for i, c in enumerate(header) if c.strip()), default=0)
        blank = frozenset(i for i, c in enumerate(header[:width]) if not c.strip())
    for number, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue
        if parsed is not None:
            check_extra_cells(parsed, number, cells, width, sheet=sheet, file=file, blank=blank)
        yield number, {field: (cells[i] if i < len(cells) else "") for i, field in mapping.items()}


def looks_like_header(cells: Sequence[str], aliases: dict[str, str]) -> int:
    """How many cells of a first row are known column names."""
    lookup = {header_key(k) for k in aliases}
    return sum(1 for c in cells if c.strip() and header_key(c) in lookup)


def read_expander_csv(
    path: Path,
    kind: str,
    header: tuple[str, str],
    convert: Callable[[ParsedFile, str, dict[str, object]], str],
) -> ParsedFile:
    """Text expanders (Beeftext, TextExpander) export CSV as code, snippet, title with an optional header row named by
    ``header`` (its code and snippet column names); ``convert`` turns the tool's variables into placeholders."""
    parsed = ParsedFile(kind, path.name)
    records, _ = read_csv(path, unguard=False)
    if records and {header_key(c) for c in records[0][1]} >= set(header):
        records = records[1:]
    parsed.columns = frozenset({"code", "title", "reply"})
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue
        check_extra_cells(parsed, number, cells, 3)
        cells = [*cells, "", "", ""]
        reply = convert(parsed, cells[1], {"row": number, "column": header[1]})
        parsed.rows.append(
            ImportRow({"code": cells[0].strip(), "reply": reply, "title": cells[2].strip()}, row=number)
        )
    return parsed
