"""Library files: import and export in every format csdesk reads or writes, behind one registry.

``FORMATS`` maps a format name (what ``--format`` takes) to its :class:`FormatSpec`; :func:`detect_format` picks one
from a file's name and content; :func:`import_file` and :func:`export_file` are what the CLI and the GUI call.
Format modules are imported only when used, so opening the app does not pay for openpyxl or YAML.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import CsdeskError
from csdesk.formats.base import (
    ExportOptions,
    ExportReport,
    FormatSpec,
    ImportCancelled,
    ImportReport,
    ParsedFile,
    RowOutcome,
)
from csdesk.formats.repeats import FOLDED_FORMATS, fold_repeated_codes

if TYPE_CHECKING:
    from csdesk.core.library import Library

__all__ = [
    "FORMATS",
    "ExportReport",
    "FormatSpec",
    "ImportCancelled",
    "ImportReport",
    "RowOutcome",
    "detect_format",
    "export_file",
    "import_file",
    "read_file",
    "resolve_format",
    "write_template",
]


def _lazy(module: str, attr: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"csdesk.formats.{module}"), attr)(*args, **kwargs)

    call.__name__ = attr
    return call


def _spec(
    name: str, zh: str, en: str, exts: tuple[str, ...], module: str, reader: str | None, writer: str | None
) -> FormatSpec:
    return FormatSpec(
        name=name, label_zh=zh, label_en=en, extensions=exts, can_import=reader is not None,
        can_export=writer is not None, reader=_lazy(module, reader) if reader else None,
        writer=_lazy(module, writer) if writer else None,
    )  # fmt: skip


FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (
        _spec("xlsx", "话术表格(Excel 工作簿)", "Entry workbook (Excel)", (".xlsx", ".xlsm"), "table", "read_workbook", "write_workbook"),
        _spec("csv", "话术表格(CSV)", "Entry table (CSV)", (".csv", ".txt", ".tsv"), "table", "read_csv_table", "write_csv_table"),
        _spec("bundle", "csdesk 话术包", "csdesk bundle", (".csdesk",), "bundle", "read_bundle", "write_bundle"),
        _spec("qianniu-csv", "千牛快捷短语(CSV)", "Qianniu quick phrases (CSV)", (".csv",), "qianniu", "read_qianniu_csv", "write_qianniu_csv"),
        _spec("qianniu-xlsx", "千牛快捷短语(Excel)", "Qianniu quick phrases (Excel)", (".xlsx",), "qianniu", "read_qianniu_xlsx", "write_qianniu_xlsx"),
        _spec("espanso", "Espanso 匹配文件 / 包", "Espanso match file / package", (".yml", ".yaml", ".zip"), "espanso", "read_espanso", "write_espanso"),
        _spec("beeftext", "Beeftext(JSON)", "Beeftext (JSON)", (".json",), "beeftext", "read_beeftext_json", None),
        _spec("beeftext-csv", "Beeftext(CSV)", "Beeftext (CSV)", (".csv",), "beeftext", "read_beeftext_csv", None),
        _spec("textexpander", "TextExpander(.textexpander)", "TextExpander (.textexpander)", (".textexpander", ".plist"), "textexpander", "read_textexpander_plist", None),
        _spec("textexpander-csv", "TextExpander(CSV)", "TextExpander (CSV)", (".csv",), "textexpander", "read_textexpander_csv", None),
    )
}  # fmt: skip

_EXPORT_BY_EXTENSION = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".csdesk": "bundle",
    ".yml": "espanso",
    ".yaml": "espanso",
}


IMPORT_NAMES = ("csdesk", "xlsx", "csv", "qianniu", "espanso", "beeftext", "textexpander")
EXPORT_NAMES = ("csdesk", "xlsx", "csv", "qianniu", "espanso")
"""The format names users type (``--format``); the registry's own names (``bundle``, ``qianniu-csv`` …) work too."""


def _names(*, exporting: bool = False) -> str:
    return "、".join(EXPORT_NAMES if exporting else IMPORT_NAMES)


def resolve_format(name: str, path: Path, *, exporting: bool = False) -> str:
    """The registry name for a ``--format`` name: ``csdesk`` is the bundle; ``qianniu``, ``beeftext`` and
    ``textexpander`` pick their CSV, XLSX, JSON or plist variant from the file's extension (and, when importing,
    its first bytes)."""
    from csdesk.formats.safety import read_head

    key = name.strip().lower()
    suffix = Path(path).suffix.lower()
    head = b""
    if not exporting and Path(path).is_file():
        with contextlib.suppress(OSError):
            head = read_head(Path(path), 64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if key == "csdesk":
        return "bundle"
    if key == "qianniu":
        zipped = head.startswith(b"PK\x03\x04")
        return "qianniu-xlsx" if suffix in (".xlsx", ".xlsm") or zipped else "qianniu-csv"
    if key == "beeftext":
        return "beeftext" if suffix == ".json" or head.startswith((b"{", b"[")) else "beeftext-csv"
    if key == "textexpander":
        plist = head.startswith((b"bplist", b"<?xml", b"<plist", b"<!DOCTYPE plist"))
        return "textexpander" if suffix in (".textexpander", ".plist") or plist else "textexpander-csv"
    return key


def _ask_for_format(path: Path, why_zh: str, why_en: str) -> CsdeskError:
    names = _names()
    return CsdeskError(
        f"无法确定「{path.name}」的格式:{why_zh}。请用 --format 指定格式(可选:{names})。",
        f"Cannot tell the format of '{path.name}': {why_en}. Name it with --format (one of: {names}).",
    )


def detect_format(path: Path) -> str:
    """The format name for importing ``path``; raises CsdeskError when unknown or ambiguous."""
    from csdesk.formats import detect

    path = Path(path)
    if not path.exists():
        raise CsdeskError(f"找不到文件「{path}」。", f"The file '{path}' does not exist.")
    found = detect.detect(path)
    if isinstance(found, tuple):
        raise _ask_for_format(path, *found)
    return found


def read_file(path: Path, *, format: str | None = None) -> ParsedFile:
    """Read a file into rows without touching any library (what a preview needs before choosing a shop).

    A damaged or hostile file (nesting too deep, wrong types, broken compression or XML, fields over the size
    limits …) is refused with a CsdeskError naming the file (:mod:`csdesk.formats.hostile`).
    """
    from csdesk.formats.hostile import guarded_read

    return guarded_read(lambda p: _read_file(p, format=format), Path(path))


def _read_file(path: Path, *, format: str | None = None) -> ParsedFile:
    name = resolve_format(format, path) if format else detect_format(path)
    spec = FORMATS.get(name)
    if spec is None or spec.reader is None:
        raise CsdeskError(
            f"不能从「{name}」格式导入。可以导入的格式:{_names()}。",
            f"Cannot import the format '{name}'. Importable: {_names()}.",
        )
    if not path.exists():
        raise CsdeskError(f"找不到文件「{path}」。", f"The file '{path}' does not exist.")
    parsed = spec.reader(path)
    parsed.format = name
    if name in FOLDED_FORMATS:
        fold_repeated_codes(parsed)  # a snippet tool's repeated code is a choice of replies, not an error
    return parsed


def import_file(
    lib: Library,
    path: Path,
    *,
    format: str | None = None,
    shop: str | None = None,
    mode: str = "merge",
    dry_run: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    before_write: Callable[[ImportReport], bool] | None = None,
) -> ImportReport:
    """Import ``path`` into ``lib``: all or nothing; ImportRejected lists every row that cannot become an entry.

    ``before_write(report)`` sees the planned report (its red-line findings included) before anything is written;
    False cancels (ImportCancelled).

    ``shop`` is the shop for rows that name none (formats without a shop column: every row); for a bundle, which
    names a shop on every row, it is the one shop to import (nothing else of the bundle is); ``mode`` is
    ``merge``, ``replace`` or ``skip``; ``dry_run`` reports what would happen and changes nothing; ``progress(done,
    total)`` may return False to cancel (ImportCancelled, nothing left behind). Once everything is written,
    ``progress(0, 0)`` says the search index is being brought up to date (no count; too late to cancel).
    """
    from csdesk.formats.apply import run_import

    parsed = read_file(path, format=format)
    if shop and parsed.format == "bundle":
        from csdesk.formats.bundle import limit_to_shop

        limit_to_shop(parsed, shop)
    if not dry_run:
        lib.health.backup("import")
    # indexed once the file's rows and the plan are let go (a quarter of a big import's peak memory)
    with lib.index.postponed():
        report = run_import(
            lib, parsed, shop=shop, mode=mode, dry_run=dry_run, progress=progress, before_write=before_write
        )
        del parsed
        if progress is not None and not dry_run and (report.added or report.updated or report.removed):
            # written; the search index follows (no count, no cancelling: 15 s for 100,000 rows)
            progress(0, 0)
    return report


def export_file(
    lib: Library,
    path: Path,
    *,
    format: str | None = None,
    shops: Sequence[str] | None = None,
    include_customers: bool = False,
) -> ExportReport:
    """Write the entries of ``shops`` (all when None) to ``path`` in ``format`` (from the extension when None)."""
    path = Path(path)
    name = (
        resolve_format(format, path, exporting=True)
        if format
        else _EXPORT_BY_EXTENSION.get(path.suffix.lower())
    )
    if name is None:
        raise CsdeskError(
            f"无法从文件名「{path.name}」判断导出格式,请用 --format 指定(可选:{_names(exporting=True)})。",
            f"Cannot tell the export format from '{path.name}'; name it with --format "
            f"({_names(exporting=True)}).",
        )
    spec = FORMATS.get(name)
    if spec is None or spec.writer is None:
        raise CsdeskError(
            f"不能导出为「{name}」格式。可以导出的格式:{_names(exporting=True)}。",
            f"Cannot export to '{name}'. Exportable: {_names(exporting=True)}.",
        )
    if not path.parent.is_dir():
        raise CsdeskError(f"文件夹「{path.parent}」不存在。", f"The folder '{path.parent}' does not exist.")
    for shop in shops or ():
        lib.shops.get(None if shop == "通用" else shop)  # NotFoundError names the shops that exist
    from csdesk.core.leftovers import clean_export_folder, remember_export_folder

    # What an earlier, killed export left there goes; the folder is noted so the next open cleans up after this one.
    clean_export_folder(path.parent)
    remember_export_folder(lib.layout, path.parent)
    try:
        return spec.writer(
            lib,
            path,
            ExportOptions(shops=list(shops) if shops else None, include_customers=include_customers),
        )
    except PermissionError as exc:
        raise CsdeskError(
            f"无法写入「{path}」:文件被占用或没有权限(如果它在 Excel 中打开着,请先关闭)。",
            f"Cannot write '{path}': it is locked or not writable (close it in Excel first).",
        ) from exc


def write_template(path: Path) -> None:
    """An empty annotated workbook to fill in (``csdesk template FILE``); a header-only CSV for ``.csv``."""
    from csdesk.formats.table import write_template as write

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise CsdeskError(
            f"模板只能是 Excel 工作簿(.xlsx)或 CSV(.csv),「{path.name}」的扩展名不对。请改成例如 模板.xlsx。",
            f"A template is an Excel workbook (.xlsx) or a CSV (.csv); '{path.name}' has another extension. "
            "Use e.g. template.xlsx.",
        )
    if not path.parent.is_dir():
        raise CsdeskError(f"文件夹「{path.parent}」不存在。", f"The folder '{path.parent}' does not exist.")
    try:
        write(path)
    except PermissionError as exc:
        raise CsdeskError(
            f"无法写入「{path}」:文件被占用或没有权限(如果它在 Excel 中打开着,请先关闭)。",
            f"Cannot write '{path}': it is locked or not writable (close it in Excel first).",
        ) from exc
