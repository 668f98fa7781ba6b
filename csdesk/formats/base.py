"""What every format shares: the registry record, the reports, the rows a reader produces and the errors it raises.

A reader turns a file into a :class:`ParsedFile` (rows plus the problems it found) without touching the library;
:mod:`csdesk.formats.apply` decides what each row does to the library (add, update, skip …) and writes it in one
transaction. Keeping the two apart makes the dry run (preview) and the real import show the same plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import CsdeskError, Problem, localized
from csdesk.core.redlines import RedLineFinding

if TYPE_CHECKING:
    from csdesk.core.library import Library

ENTRY_COLUMNS = (
    "id", "shop", "category", "title", "code", "question", "similar", "scenario", "reply", "guidance", "basis", "tags",
)  # fmt: skip
"""The columns of the entry table, in the order csdesk writes them."""

COLUMN_LABELS_ZH = {
    "id": "编号", "shop": "店铺", "category": "分类", "title": "标题", "code": "快捷编码", "question": "问题",
    "similar": "相似问法", "scenario": "场景", "reply": "回复", "guidance": "回复思路", "basis": "依据", "tags": "标签",
    "enabled": "启用", "sort_order": "排序",
}  # fmt: skip

ROW_FIELDS = frozenset(ENTRY_COLUMNS) | {
    "enabled",
    "sort_order",
    "origin",
    "origin_ref",
    "created_at",
    "created_by",
}
"""What an :class:`ImportRow` may carry in ``fields``."""


class ImportCancelled(CsdeskError):
    """The user cancelled a running import; the library is as it was before."""

    def __init__(self) -> None:
        super().__init__(
            "导入已取消,话术库没有任何改动。", "The import was cancelled; the library is unchanged."
        )


@dataclass(frozen=True)
class ExportOptions:
    shops: Sequence[str] | None = None
    include_customers: bool = False
    exclude_personal: bool = False
    """Leave out agents' own entries (origin ``personal``): the team library publishes only shared content."""


@dataclass(frozen=True)
class FormatSpec:
    """One interchange format: its name (for ``--format``), labels, file name endings and what it can do."""

    name: str
    label_zh: str
    label_en: str
    extensions: tuple[str, ...]
    can_import: bool
    can_export: bool
    reader: Callable[[Path], ParsedFile] | None = field(default=None, repr=False, compare=False)
    writer: Callable[[Library, Path, ExportOptions], ExportReport] | None = field(
        default=None, repr=False, compare=False
    )
    exact_columns: bool = False
    """The file carries full entries (``merge`` may update every column it has)."""


@dataclass
class RowOutcome:
    """What one row of the file did (or would do, in a dry run)."""

    row: int | None
    title: str
    shop: str
    entry_id: str | None
    detail: str = ""
    """What happened, for the user: a :class:`Message` (Chinese, with ``english``) or empty."""
    path: str = ""
    """Location in a structured file (``matches[3]``) when there are no rows."""
    column: str = ""
    """The column the detail is about (``快捷编码`` for a code clash), when there is one."""

    def location(self, language: str = "zh") -> str:
        english = language.startswith("en")
        where = (f"row {self.row}" if english else f"第 {self.row} 行") if self.row is not None else self.path
        if self.column:
            column = f"column '{self.column}'" if english else f"列「{self.column}」"
            where = f"{where} {column}" if where else column
        return where

    def localized_detail(self, language: str = "zh") -> str:
        """:attr:`detail` in ``language`` (``zh`` or ``en``)."""
        return localized(self.detail, language)


@dataclass
class ImportReport:
    format: str
    added: list[RowOutcome] = field(default_factory=list)
    updated: list[RowOutcome] = field(default_factory=list)
    unchanged: list[RowOutcome] = field(default_factory=list)
    skipped: list[RowOutcome] = field(default_factory=list)
    conflicting: list[RowOutcome] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    removed: list[RowOutcome] = field(default_factory=list)
    """Entries ``replace`` moved to the trash (restorable)."""
    extras: dict[str, int] = field(default_factory=dict)
    """Other things the file brought: ``rules``, ``tags``, ``customers``, ``sops``, ``assets``, ``placeholders``,
    ``shops`` (new shops), ``shop_platforms`` (shops whose platform changes) — counts of what was (or would be) added or changed."""
    file: str = ""
    red_lines: list[RedLineFinding] = field(default_factory=list)
    """Red-line hits in the replies and variants of the entries added or updated, found before anything is written."""

    @property
    def red_line_entries(self) -> int:
        """How many entries have at least one red-line hit."""
        return len({(f.row, f.path, f.title, f.shop) for f in self.red_lines})

    @property
    def changed(self) -> int:
        return len(self.added) + len(self.updated) + len(self.removed) + sum(self.extras.values())

    def summary_zh(self) -> str:
        head = f"「{self.file}」" if self.file else ""
        parts = [
            f"新增 {len(self.added)} 条",
            f"更新 {len(self.updated)} 条",
            f"未变 {len(self.unchanged)} 条",
        ]
        if self.skipped:
            parts.append(f"跳过 {len(self.skipped)} 条")
        if self.removed:
            parts.append(f"移入回收站 {len(self.removed)} 条")
        if self.conflicting:
            parts.append(f"有冲突未处理 {len(self.conflicting)} 条")
        text = f"{head}{'预览:' if self.dry_run else ''}条目{'将' if self.dry_run else '已'}" + "、".join(
            parts
        )
        extra = [f"{_EXTRA_ZH[k]} {v} 项" for k, v in self.extras.items() if v and k in _EXTRA_ZH]
        if extra:
            text += ";另有" + "、".join(extra)
        if self.red_lines:
            blocks = sum(1 for f in self.red_lines if f.severity == "block")
            text += (
                f";{self.red_line_entries} 条含红线词({blocks} 处禁止、{len(self.red_lines) - blocks} 处提醒)"
            )
        if self.warnings:
            text += f";{len(self.warnings)} 条提醒请查看"
        return text + "。"

    def summary_en(self) -> str:
        head = f"{self.file}: " if self.file else ""
        verb = "Preview: would " if self.dry_run else ""
        if self.dry_run:
            text = f"{head}{verb}add {len(self.added)}, update {len(self.updated)}, leave {len(self.unchanged)} unchanged"
        else:
            text = (
                f"{head}Added {len(self.added)}, updated {len(self.updated)}, {len(self.unchanged)} unchanged"
            )
        if self.skipped:
            text += f", skip {len(self.skipped)}" if self.dry_run else f", skipped {len(self.skipped)}"
        if self.removed:
            text += (
                f", move {len(self.removed)} to the trash"
                if self.dry_run
                else f", moved {len(self.removed)} to the trash"
            )
        if self.conflicting:
            text += f", {len(self.conflicting)} in conflict (left alone)"
        text += " entries"
        extra = [f"{v} {_EXTRA_EN[k]}" for k, v in self.extras.items() if v and k in _EXTRA_EN]
        if extra:
            text += "; also " + ", ".join(extra)
        if self.red_lines:
            blocks = sum(1 for f in self.red_lines if f.severity == "block")
            text += f"; {self.red_line_entries} with red-line words ({blocks} block, {len(self.red_lines) - blocks} warn)"
        if self.warnings:
            text += f"; {len(self.warnings)} warning(s) to read"
        return text + "."


_EXTRA_ZH = {
    "shops": "新店铺", "shop_platforms": "店铺平台", "rules": "红线规则", "builtin_rules": "内置规则开关", "tags": "标签", "customers": "客户",
    "sops": "流程", "assets": "素材", "placeholders": "占位符", "variants": "变体", "examples": "案例",
    "history": "保留的历史版本",
}  # fmt: skip
_EXTRA_EN = {
    "shops": "new shop(s)", "shop_platforms": "shop platform(s)", "rules": "rule(s)", "builtin_rules": "built-in rule switch(es)", "tags": "tag(s)",
    "customers": "customer(s)", "sops": "SOP(s)", "assets": "asset(s)", "placeholders": "placeholder(s)",
    "variants": "variant(s)", "examples": "example(s)", "history": "earlier version(s) of entry history kept",
}  # fmt: skip


@dataclass
class ExportReport:
    path: Path
    entries: int
    warnings: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    """Every file written when an export splits into several (the 千牛 CSV: one file per shop); else empty."""


@dataclass
class ImportRow:
    """One entry as a file describes it. ``fields`` holds only what the file has (keys from :data:`ROW_FIELDS`)."""

    fields: dict[str, Any]
    row: int | None = None
    path: str = ""
    variants: list[dict[str, Any]] | None = None
    examples: list[dict[str, Any]] | None = None
    asset_ids: list[str] | None = None

    def problem(self, message: str, english: str, file: str, column: str = "") -> Problem:
        """A problem at this row (or path) of ``file``."""
        return problem(message, english, row=self.row, column=column, file=file, path=self.path)


@dataclass
class ApplyContext:
    """What the extras of a file (rules, SOPs, assets …) need to know while they are written."""

    mode: str
    dry_run: bool
    origin: str
    origin_ref: str
    entry_ids: dict[int, str] = field(default_factory=dict)
    """Index of the row in ``ParsedFile.rows`` → id of the entry it became or matched."""
    shops_in_scope: set[str] = field(default_factory=set)


class Extras:
    """Content of a file besides entries (rules, tags, customers, SOPs, assets …). Subclasses override the hooks."""

    asset_map: dict[str, str]
    """Asset id in the file → asset id in the library (set by :meth:`prepare`)."""

    def __init__(self) -> None:
        self.asset_map = {}

    def prepare(self, lib: Library) -> None:
        """Look at the library before rows are matched (e.g. which assets it already has)."""

    def check(self, lib: Library, ctx: ApplyContext) -> tuple[dict[str, int], list[Problem], list[Problem]]:
        """(counts of what would change, errors, warnings), without writing."""
        return {}, [], []

    def before_entries(self, lib: Library, ctx: ApplyContext) -> None:
        """Write what entries refer to (assets, tags) — inside the import's transaction."""

    def after_entries(self, lib: Library, ctx: ApplyContext) -> None:
        """Write what refers to entries (SOP steps) — inside the import's transaction."""

    def discard(self, lib: Library) -> None:
        """The import failed or was cancelled and its transaction rolled back: remove what was written outside the
        database (asset files new to the library)."""


@dataclass
class ParsedFile:
    """A file read into rows, before anything is decided about the library."""

    format: str
    file: str
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    columns: frozenset[str] = frozenset()
    """The entry columns the file has: ``merge`` updates only these."""
    shops: dict[str, str] = field(default_factory=dict)
    """Shops the file defines (name → platform), created even when they hold no entries."""
    categories: list[tuple[str, str]] = field(default_factory=list)
    """(shop, path) of categories to create even when empty, in order (bundles keep the tree)."""
    extras: Extras | None = None
    """Content besides entries (rules, tags, customers, SOPs, assets …)."""
    replace_scope: set[str] | None = None
    """Shops ``replace`` empties; default: the shops the rows name."""

    def problem(
        self, message: str, english: str, *, row: int | None = None, column: str = "", path: str = ""
    ) -> Problem:
        """A problem in this file: ``message`` in Chinese, ``english`` its English version."""
        return problem(message, english, row=row, column=column, file=self.file, path=path)

    def error(self, message: str, english: str, **where: Any) -> None:
        self.errors.append(self.problem(message, english, **where))

    def warn(self, message: str, english: str, **where: Any) -> None:
        self.warnings.append(self.problem(message, english, **where))


def problem(
    message: str,
    english: str,
    *,
    row: int | None = None,
    column: str = "",
    file: str = "",
    path: str = "",
) -> Problem:
    """A :class:`Problem` in both languages: ``message`` in Chinese, ``english`` its English version.

    Every problem the formats report (row errors, warnings, export notes) is built here or through
    :meth:`ParsedFile.problem`, so the CLI and the GUI can show it in the user's language.
    """
    return Problem(message, row=row, column=column, file=file, path=path, english=english)


def sheet_prefix(sheet: str, language: str = "zh") -> str:
    """How a message names the worksheet it is about: ``工作表「条目」`` / ``Sheet '条目': ``; empty for none."""
    if not sheet:
        return ""
    return f"Sheet '{sheet}': " if language.startswith("en") else f"工作表「{sheet}」"


def split_list(value: object) -> list[str]:
    """Several similar questions or tags in one cell: one per line or separated by ``|``."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value]
    else:
        items = str(value).replace("｜", "|").replace("|", "\n").splitlines()
    return list(dict.fromkeys(v.strip() for v in items if v and v.strip()))


def first_line(text: str, limit: int = 30) -> str:
    """The default title from a reply (same rule as the library)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[:limit] + "…"
