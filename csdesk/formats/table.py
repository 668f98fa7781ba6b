"""The entry table (条目表): CSV and the XLSX workbook with sheets for entries, rules, tags, customers, SOPs and shops.

Header row in Chinese (编号, 店铺, 分类, 标题, 快捷编码, 问题, 相似问法, 场景, 回复, 回复思路, 依据, 标签) or English
(id, shop, category, title, code, question, similar, scenario, reply, guidance, basis, tags), in any order; several
similar questions or tags go on separate lines of a cell or are separated by ``|``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import NotFoundError, Problem, ValidationError
from csdesk.core.models import PLATFORMS, SHARED_SHOP_NAME, Entry, Rule
from csdesk.formats.apply import normalize_shop
from csdesk.formats.base import (
    COLUMN_LABELS_ZH,
    ENTRY_COLUMNS,
    ApplyContext,
    ExportOptions,
    ExportReport,
    Extras,
    ImportRow,
    ParsedFile,
    problem,
    sheet_prefix,
)
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

TABLE_COLUMNS = (*ENTRY_COLUMNS, "enabled", "sort_order")
"""The columns of the entry sheet csdesk writes: the entry table plus 启用 and 排序 (optional when reading)."""

ENTRY_ALIASES: dict[str, str] = {
    **{label: key for key, label in COLUMN_LABELS_ZH.items() if key in TABLE_COLUMNS},
    **{key: key for key in TABLE_COLUMNS},
    "sort": "sort_order", "order": "sort_order", "顺序": "sort_order", "是否启用": "enabled",
    "条目编号": "id", "uuid": "id", "店铺名": "shop", "分类路径": "category", "编码": "code", "快捷码": "code",
    "相似问题": "similar", "回复内容": "reply", "话术": "reply", "思路": "guidance",
}  # fmt: skip

ENTRY_NOTES = {
    "id": "csdesk 导出的条目编号。新条目留空;保留它可以在再次导入时更新同一条目。",
    "shop": "店铺名,留空表示「通用」(所有店铺都能搜到)。没有的店铺会自动新建。",
    "category": "分类路径,用 / 分层,例如:售前/尺码",
    "title": "列表里显示的标题;留空时用问题,或回复的开头。",
    "code": "快捷编码,例如 cm;同一店铺内不能重复。",
    "question": "顾客的问题(可选)。",
    "similar": "相似问法,一行一个,或用 | 分隔。",
    "scenario": "在什么情况下用这条回复(可选)。",
    "reply": "发给顾客的回复,可以用 {客户昵称}、{订单号} 等占位符。",
    "guidance": "回复思路:给客服看的提示,不会发给顾客。",
    "basis": "依据:规则、活动说明或数据来源。",
    "tags": "标签,一行一个,或用 | 分隔。",
    "enabled": "是 = 启用,否 = 停用(停用的条目搜不到)。留空 = 不改(新条目启用)。",
    "sort_order": "排序数字,小的排在前面。留空 = 不改(新条目为 0)。",
}

RULE_COLUMNS = (
    ("pattern", "词语或正则"), ("kind", "类型"), ("severity", "级别"), ("reason", "原因"), ("suggestion", "建议说法"),
    ("exceptions", "例外"), ("source", "来源"), ("shop", "店铺"), ("enabled", "启用"),
)  # fmt: skip
TAG_COLUMNS = (
    ("group", "标签组"), ("name", "标签"), ("color", "颜色"), ("description", "说明"), ("group_color", "标签组颜色"),
)  # fmt: skip
SHOP_COLUMNS = (("name", "店铺"), ("platform", "平台"))
CUSTOMER_COLUMNS = (
    ("shop", "店铺"), ("nickname", "昵称"), ("tags", "标签"), ("notes", "备注"), ("birthday", "生日"),
    ("after_sale", "售后记录"),
)  # fmt: skip
SOP_COLUMNS = (
    ("name", "流程"), ("shop", "店铺"), ("description", "流程说明"), ("position", "步骤"), ("instruction", "操作说明"),
    ("entry", "条目"),
)  # fmt: skip

SHEET_ENTRIES, SHEET_RULES, SHEET_TAGS, SHEET_CUSTOMERS, SHEET_SOPS, SHEET_SHOPS, SHEET_HELP = (
    "条目",
    "规则",
    "标签",
    "客户",
    "流程",
    "店铺",
    "说明",
)
_SHEET_ALIASES = {
    "条目": SHEET_ENTRIES, "entries": SHEET_ENTRIES, "话术": SHEET_ENTRIES,
    "规则": SHEET_RULES, "红线": SHEET_RULES, "禁用词": SHEET_RULES, "rules": SHEET_RULES,
    "标签": SHEET_TAGS, "tags": SHEET_TAGS,
    "客户": SHEET_CUSTOMERS, "customers": SHEET_CUSTOMERS,
    "流程": SHEET_SOPS, "sop": SHEET_SOPS, "sops": SHEET_SOPS,
    "店铺": SHEET_SHOPS, "shops": SHEET_SHOPS,
    "说明": SHEET_HELP, "instructions": SHEET_HELP, "help": SHEET_HELP,
}  # fmt: skip

_KIND = {"word": "词语", "regex": "正则"}
_SEVERITY = {"block": "拦截", "warn": "提醒"}
_SOURCE = {"adlaw": "广告法", "platform": "平台规则", "shop": "店铺"}
_YES = {"是", "y", "yes", "true", "1", "启用", "开", "✓", "√"}
_NO = {"否", "n", "no", "false", "0", "停用", "关", "禁用", ""}
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_EXTRA_ALIASES = {
    SHEET_TAGS: {"colour": "color", "group colour": "group_color", "group color": "group_color", "组颜色": "group_color"},
    SHEET_SHOPS: {"shop": "name", "店铺名": "name"},
}  # fmt: skip

HELP_TEXT = (
    "csdesk 话术库工作簿 / csdesk library workbook",
    "",
    "「条目」:每行一条话术。至少填「回复」或「问题」;「店铺」留空 = 通用;「分类」用 / 分层(售前/尺码);",
    "        「相似问法」「标签」一行一个或用 | 分隔;「编号」由 csdesk 填写,新条目留空。",
    "        「启用」填 是/否,「排序」填整数(小的在前);两列都可以不要,留空表示不改。",
    "「规则」:红线/禁用词。类型:词语或正则;级别:拦截或提醒;来源:广告法、平台规则或店铺;店铺留空 = 所有店铺。",
    "「标签」:客户标签,按标签组分组。「颜色」「标签组颜色」写成 #E4572E 这样的色值,留空 = 不改。",
    "「客户」:客户昵称、标签(一行一个或用 | 分隔)、备注、生日(1990-05-01 或 05-01)、售后记录。",
    "「流程」:每行一个步骤。同一流程名 + 店铺的行组成一个流程,按「步骤」排序;「条目」填快捷编码或编号(可选)。",
    f"「店铺」:每行一个店铺和它的平台({'、'.join(PLATFORMS)});平台留空 = 不改,没有的店铺会新建。",
    "",
    "导入:csdesk import 文件.xlsx [--shop 店铺] [--mode merge|replace|skip] [--dry-run]",
    "  merge   按编号、快捷编码、标题找到已有条目并只更新表里有的列(默认)",
    "  replace 表里提到的店铺中、表里没有的条目移入回收站",
    "  skip    已有的条目不动,只添加新的",
    "有错误的行会全部列出,整个文件不导入;提醒不影响导入。",
)


# ------------------------------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------------------------------
def parse_entry_records(parsed: ParsedFile, records: Sequence[Record], *, sheet: str = "") -> None:
    """Fill ``parsed`` with the entry rows of a table (header in row 1); ``sheet`` names the worksheet, if any."""
    zh, en = sheet_prefix(sheet), sheet_prefix(sheet, "en")
    if not records or not any(c.strip() for c in records[0][1]):
        parsed.error(
            f"{zh}第 1 行应是表头(标题、快捷编码、问题、回复……),但它是空的。",
            f"{en}row 1 should be the header (title, code, question, reply …) but it is empty.",
            row=1,
        )
        return
    mapping = map_header(parsed, records, ENTRY_ALIASES, sheet=sheet)
    fields = set(mapping.values())
    if not fields & {"reply", "question", "id", "code", "title"}:
        parsed.error(
            f"{zh}第 1 行没有「回复」「问题」「标题」「编号」或「快捷编码」列,不像条目表的表头。请对照模板(csdesk template)修改。",
            f"{en}row 1 has no reply, question, title, id or code column; "
            "it does not look like the header of an entry table. Compare it with the template (csdesk template).",
            row=1,
        )
        return
    parsed.columns = frozenset(fields)
    for number, values in records_as_dicts(records, mapping, parsed, sheet=sheet):
        row: dict[str, Any] = dict(values)
        _typed_cells(parsed, row, number, sheet)
        parsed.rows.append(ImportRow(row, row=number))


def _typed_cells(parsed: ParsedFile, row: dict[str, Any], number: int, sheet: str) -> None:
    """启用 and 排序 as bool and int; an empty cell carries nothing (the entry keeps its value)."""
    if "enabled" in row:
        text = str(row.pop("enabled")).strip()
        if text:
            flag = parse_flag(text)
            if flag is None:
                parsed.error(
                    f"{sheet_prefix(sheet)}「启用」应填 是 或 否,这里是「{text}」。",
                    f"{sheet_prefix(sheet, 'en')}enabled must be yes or no, not '{text}'.",
                    row=number,
                    column=COLUMN_LABELS_ZH["enabled"],
                )
            else:
                row["enabled"] = flag
    if "sort_order" in row:
        text = str(row.pop("sort_order")).strip()
        if text:
            try:
                value = float(text)
                if not value.is_integer():
                    raise ValueError(text)
                row["sort_order"] = int(value)
            except ValueError:
                parsed.error(
                    f"{sheet_prefix(sheet)}「排序」应是整数,这里是「{text}」。",
                    f"{sheet_prefix(sheet, 'en')}sort order must be a whole number, not '{text}'.",
                    row=number,
                    column=COLUMN_LABELS_ZH["sort_order"],
                )


def read_csv_table(path: Path) -> ParsedFile:
    parsed = ParsedFile("csv", path.name)
    records, _ = read_csv(path)
    parse_entry_records(parsed, records)
    return parsed


def read_workbook(path: Path) -> ParsedFile:
    parsed = ParsedFile("xlsx", path.name)
    workbook = open_workbook(path)
    try:
        sheets: dict[str, list[Record]] = {}
        first_other: str | None = None
        for sheet in workbook.worksheets:
            role = _SHEET_ALIASES.get(sheet.title.strip().lower())
            if role is None:
                if first_other is None:
                    first_other = sheet.title
                    sheets[f"?{sheet.title}"] = sheet_records(sheet)
                else:
                    parsed.warn(
                        f"忽略了工作表「{sheet.title}」(不认识的工作表名)。",
                        f"Ignored the worksheet '{sheet.title}' (unknown sheet name).",
                    )
                continue
            if role != SHEET_HELP and role not in sheets:
                sheets[role] = sheet_records(sheet)
    finally:
        workbook.close()
    if SHEET_ENTRIES in sheets:
        entries = sheets[SHEET_ENTRIES]
        if first_other is not None:
            parsed.warn(
                f"忽略了工作表「{first_other}」(不认识的工作表名)。",
                f"Ignored the worksheet '{first_other}' (unknown sheet name).",
            )
    elif first_other is not None:
        entries = sheets[f"?{first_other}"]
    else:
        entries = []
    if entries:
        parse_entry_records(
            parsed,
            entries,
            sheet=SHEET_ENTRIES if SHEET_ENTRIES in sheets else str(first_other),
        )
    elif not any(k in sheets for k in (SHEET_RULES, SHEET_TAGS, SHEET_CUSTOMERS, SHEET_SOPS, SHEET_SHOPS)):
        parsed.error(
            "工作簿里没有「条目」工作表,也没有别的可导入的工作表。",
            "The workbook has no entries sheet and no other sheet csdesk can import.",
        )
    extras = WorkbookExtras(parsed)
    extras.read(sheets)
    parsed.extras = extras
    return parsed


def _choice(value: str, table: dict[str, str], default: str) -> str | None:
    text = value.strip()
    if not text:
        return default
    for key, label in table.items():
        if text.lower() == key or text == label:
            return key
    if table is _SEVERITY and text in ("禁止", "阻止", "严重"):
        return "block"
    if table is _SOURCE and text in ("平台", "平台规则"):
        return "platform"
    return None


def parse_flag(value: str) -> bool | None:
    text = value.strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


class WorkbookExtras(Extras):
    """The 规则, 标签, 客户, 流程 and 店铺 sheets of a workbook."""

    def __init__(self, parsed: ParsedFile) -> None:
        super().__init__()
        self.parsed = parsed
        self.rules: list[tuple[int, dict[str, str]]] = []
        self.tags: list[tuple[int, dict[str, str]]] = []
        self.customers: list[tuple[int, dict[str, str]]] = []
        self.sops: list[tuple[int, dict[str, str]]] = []
        self.shops: list[tuple[int, dict[str, str]]] = []

    def read(self, sheets: dict[str, list[Record]]) -> None:
        for role, columns, target in (
            (SHEET_RULES, RULE_COLUMNS, self.rules),
            (SHEET_TAGS, TAG_COLUMNS, self.tags),
            (SHEET_CUSTOMERS, CUSTOMER_COLUMNS, self.customers),
            (SHEET_SOPS, SOP_COLUMNS, self.sops),
            (SHEET_SHOPS, SHOP_COLUMNS, self.shops),
        ):
            records = sheets.get(role)
            if not records:
                continue
            aliases = (
                {label: key for key, label in columns}
                | {key: key for key, _ in columns}
                | _EXTRA_ALIASES.get(role, {})
            )
            mapping = map_header(self.parsed, records, aliases, sheet=role)
            target.extend(
                records_as_dicts(records, mapping, self.parsed, file=f"{self.parsed.file}「{role}」")
            )
        for _row, values in self.shops:
            name = normalize_shop(values.get("name"))
            if values.get("name", "").strip() and name != SHARED_SHOP_NAME:
                # New shops are created by the import itself, with their platform; existing ones change in check().
                self.parsed.shops[name] = values.get("platform", "").strip()

    def _problem(self, sheet: str, row: int, column: str, message: str, english: str) -> Problem:
        return problem(message, english, row=row, column=column, file=f"{self.parsed.file}「{sheet}」")

    # -- validation ------------------------------------------------------------------------------------------
    def check(self, lib: Library, ctx: ApplyContext) -> tuple[dict[str, int], list[Problem], list[Problem]]:
        errors: list[Problem] = []
        warnings: list[Problem] = []
        counts = {"rules": 0, "tags": 0, "customers": 0, "sops": 0}
        self._rules: list[tuple[Rule, str]] = []
        existing_rules = {(r.pattern, r.kind, r.shop_id): r for r in lib.rules.all() if not r.builtin}
        for row, values in self.rules:
            rule, problems = self._rule(lib, row, values)
            errors.extend(problems)
            if rule is None:
                continue
            self._rules.append((rule, values.get("shop", "").strip()))
            current = existing_rules.get((rule.pattern, rule.kind, rule.shop_id))
            if current is None or (ctx.mode != "skip" and _rule_differs(current, rule)):
                counts["rules"] += 1
        known_tags = {t.name: t for t in lib.tags.all()}
        self._tag_colors: dict[int, str] = {}
        group_colors = {g.name: g.color for g in lib.tags.groups()}
        wanted_colors: dict[str, str] = {}
        for row, values in self.tags:
            colors_ok = True
            for key, column in (("color", "颜色"), ("group_color", "标签组颜色")):
                color = values.get(key, "").strip()
                if color and not _COLOR.fullmatch(color):
                    colors_ok = False
                    errors.append(
                        self._problem(
                            SHEET_TAGS,
                            row,
                            column,
                            f"「{column}」应写成 #E4572E 这样的色值(# 加 6 位十六进制),这里是「{color}」。",
                            f"The {'group colour' if key == 'group_color' else 'colour'} must be a colour like "
                            f"#E4572E (# and 6 hex digits), not '{color}'.",
                        )
                    )
            if not values.get("name", "").strip():
                errors.append(
                    self._problem(SHEET_TAGS, row, "标签", "标签名不能为空。", "The tag name is empty.")
                )
            elif values["name"].strip() not in known_tags:
                counts["tags"] += 1
            elif colors_ok and ctx.mode != "skip":
                tag = known_tags[values["name"].strip()]
                color = values.get("color", "").strip()
                if color and color.lower() != tag.color.lower():
                    self._tag_colors[tag.id] = color
                    counts["tags"] += 1
            group_color = values.get("group_color", "").strip()
            if colors_ok and group_color:
                wanted_colors[values.get("group", "").strip() or "未分组"] = group_color
        self._group_colors = {
            name: color
            for name, color in wanted_colors.items()
            if name not in group_colors
            or (ctx.mode != "skip" and group_colors[name].lower() != color.lower())
        }
        counts["tags"] += sum(1 for name in self._group_colors if name in group_colors)
        self._platforms: dict[str, str] = {}
        current_shops = {s.name: s for s in lib.shops.all()}
        for row, values in self.shops:
            name = values.get("name", "").strip()
            platform = values.get("platform", "").strip()
            if not name:
                errors.append(
                    self._problem(SHEET_SHOPS, row, "店铺", "店铺名不能为空。", "The shop name is empty.")
                )
                continue
            if platform and platform not in PLATFORMS:
                errors.append(
                    self._problem(
                        SHEET_SHOPS,
                        row,
                        "平台",
                        f"不认识的平台「{platform}」,请填 {'、'.join(PLATFORMS)} 之一。",
                        f"Unknown platform '{platform}'; use one of {', '.join(PLATFORMS)}.",
                    )
                )
                continue
            if name == SHARED_SHOP_NAME:
                continue
            known = current_shops.get(name)
            if known is not None and platform and ctx.mode != "skip" and known.platform != platform:
                self._platforms[name] = platform
        counts["shop_platforms"] = len(self._platforms)
        for row, values in self.customers:
            if not values.get("nickname", "").strip():
                errors.append(
                    self._problem(
                        SHEET_CUSTOMERS,
                        row,
                        "昵称",
                        "客户昵称不能为空。",
                        "The customer's nickname is empty.",
                    )
                )
            birthday = values.get("birthday", "").strip()
            if birthday and not valid_birthday(birthday):
                errors.append(
                    self._problem(
                        SHEET_CUSTOMERS,
                        row,
                        "生日",
                        f"生日「{birthday}」格式不对,请写成 1990-05-01 或 05-01。",
                        f"The birthday '{birthday}' is not a date; write it as 1990-05-01 or 05-01.",
                    )
                )
            if values.get("nickname", "").strip() and self._customer_differs(lib, values, ctx.mode):
                counts["customers"] += 1
        self._sops: dict[tuple[str, str], dict[str, Any]] = {}
        for row, values in self.sops:
            name = values.get("name", "").strip()
            instruction = values.get("instruction", "").strip()
            if not name:
                errors.append(
                    self._problem(SHEET_SOPS, row, "流程", "流程名不能为空。", "The SOP name is empty.")
                )
                continue
            if not instruction:
                errors.append(
                    self._problem(
                        SHEET_SOPS, row, "操作说明", "步骤没有操作说明。", "The step has no instruction."
                    )
                )
                continue
            position_text = values.get("position", "").strip()
            try:
                position = int(float(position_text)) if position_text else 10_000 + row
            except ValueError:
                errors.append(
                    self._problem(
                        SHEET_SOPS,
                        row,
                        "步骤",
                        f"步骤「{position_text}」应是数字。",
                        f"The step number '{position_text}' must be a number.",
                    )
                )
                continue
            shop = normalize_shop(values.get("shop"))
            sop = self._sops.setdefault((name, shop), {"description": "", "steps": []})
            sop["description"] = sop["description"] or values.get("description", "").strip()
            ref = values.get("entry", "").strip()
            if ref and not self._entry_known(lib, ref, shop):
                warnings.append(
                    self._problem(
                        SHEET_SOPS,
                        row,
                        "条目",
                        f"找不到编号或快捷编码为「{ref}」的条目,这一步将不关联条目。",
                        f"No entry has the id or code '{ref}'; this step will not be linked to an entry.",
                    )
                )
                ref = ""
            sop["steps"].append((position, row, instruction, ref))
        current_sops = {(s.name, s.shop_id): s for s in lib.sops.all()}
        for (name, shop), sop in self._sops.items():
            found_sop = current_sops.get((name, self._shop_id(lib, shop)))
            steps = [
                instruction for _p, _r, instruction, _ref in sorted(sop["steps"], key=lambda s: (s[0], s[1]))
            ]
            if found_sop is None or (
                ctx.mode != "skip"
                and (
                    [s.instruction for s in found_sop.steps] != steps
                    or found_sop.description != sop["description"]
                )
            ):
                counts["sops"] += 1
        return counts, errors, warnings

    @staticmethod
    def _shop_id(lib: Library, shop: str) -> int | None:
        if shop == SHARED_SHOP_NAME:
            return None
        try:
            return lib.shops.get(shop).id
        except NotFoundError:
            return -1

    def _customer_differs(self, lib: Library, values: dict[str, str], mode: str) -> bool:
        shop = values.get("shop", "").strip()
        shop_id = self._shop_id(lib, normalize_shop(shop))
        current = next(
            (c for c in lib.customers.all(query=values["nickname"].strip())
             if c.nickname == values["nickname"].strip() and c.shop_id == shop_id),
            None,
        )  # fmt: skip
        if current is None:
            return True
        if mode == "skip":
            return False
        return (list(current.tags), current.notes, current.birthday, current.after_sale) != (
            _split(values.get("tags", "")), values.get("notes", ""), values.get("birthday", "").strip(),
            values.get("after_sale", ""),
        )  # fmt: skip

    def _entry_known(self, lib: Library, ref: str, shop: str) -> bool:
        for row in self.parsed.rows:
            f = row.fields
            if str(f.get("id") or "").strip() == ref:
                return True
            if str(f.get("code") or "").strip().lower() == ref.lower() and normalize_shop(f.get("shop")) in (
                shop,
                SHARED_SHOP_NAME,
            ):
                return True
        try:
            lib.find(ref, shop=None if shop == SHARED_SHOP_NAME else self._existing_shop(lib, shop))
        except (NotFoundError, ValidationError):
            return False
        return True

    @staticmethod
    def _existing_shop(lib: Library, name: str) -> str | None:
        try:
            return lib.shops.get(name).name
        except NotFoundError:
            return None

    def _rule(self, lib: Library, row: int, values: dict[str, str]) -> tuple[Rule | None, list[Problem]]:
        from csdesk.core.rules import validate_rule

        problems = []
        kind = _choice(values.get("kind", ""), _KIND, "word")
        severity = _choice(values.get("severity", ""), _SEVERITY, "warn")
        source = _choice(values.get("source", ""), _SOURCE, "shop")
        enabled = parse_flag(values.get("enabled", "是") or "是")
        for value, column, ok in (
            (values.get("kind", ""), "类型", kind), (values.get("severity", ""), "级别", severity),
            (values.get("source", ""), "来源", source), (values.get("enabled", ""), "启用", enabled is not None),
        ):  # fmt: skip
            if ok is None or (ok is False and column == "启用"):
                problems.append(
                    self._problem(
                        SHEET_RULES, row, column, f"不认识的值「{value}」。", f"Unknown value '{value}'."
                    )
                )
        if problems:
            return None, problems
        shop_name = values.get("shop", "").strip()
        shop_id = None
        if shop_name and shop_name != SHARED_SHOP_NAME:
            try:
                shop_id = lib.shops.get(shop_name).id
            except NotFoundError:
                shop_id = -1  # created on import
        rule = Rule(
            id=None, pattern=values.get("pattern", "").strip(), severity=severity, kind=kind,  # type: ignore[arg-type]
            reason=values.get("reason", "").strip(), suggestion=values.get("suggestion", "").strip(),
            exceptions=tuple(_split(values.get("exceptions", ""))), source=str(source), shop_id=shop_id,
            enabled=bool(enabled),
        )  # fmt: skip
        try:
            validate_rule(rule)
        except ValidationError as exc:
            return None, [self._problem(SHEET_RULES, row, "词语或正则", exc.message, exc.english)]
        return rule, []

    # -- writing ---------------------------------------------------------------------------------------------
    def after_entries(self, lib: Library, ctx: ApplyContext) -> None:
        from dataclasses import replace

        skip = ctx.mode == "skip"
        existing = {(r.pattern, r.kind, r.shop_id): r for r in lib.rules.all() if not r.builtin}
        new_rules = []
        for rule, shop_name in getattr(self, "_rules", []):
            if rule.shop_id == -1:
                rule = replace(rule, shop_id=lib.shops.ensure(shop_name).id)
            current = existing.get((rule.pattern, rule.kind, rule.shop_id))
            if current is None:
                new_rules.append(rule)
            elif not skip and _rule_differs(current, rule) and current.id is not None:
                lib.rules.update(
                    current.id, severity=rule.severity, reason=rule.reason, suggestion=rule.suggestion,
                    exceptions=rule.exceptions, source=rule.source, enabled=rule.enabled,
                )  # fmt: skip
        if new_rules:
            lib.rules.add_many(new_rules)
        for name, platform in getattr(self, "_platforms", {}).items():
            lib.shops.update(name, platform=platform)
        for name, color in getattr(self, "_group_colors", {}).items():
            group = lib.tags.add_group(name, color)
            if group.color != color:
                lib.tags.update_group(group.id, color=color)
        for tag_id, color in getattr(self, "_tag_colors", {}).items():
            lib.tags.update(tag_id, color=color)
        for _row, values in self.tags:
            lib.tags.add(
                values["name"].strip(), group=values.get("group", "").strip() or "未分组",
                color=values.get("color", "").strip(), description=values.get("description", "").strip(),
            )  # fmt: skip
        for _row, values in self.customers:
            shop = values.get("shop", "").strip()
            shop_ref = None if not shop or shop == SHARED_SHOP_NAME else lib.shops.ensure(shop).name
            if not self._customer_differs(lib, values, ctx.mode):
                continue
            lib.customers.save(
                values["nickname"].strip(), shop=shop_ref, tags=_split(values.get("tags", "")),
                notes=values.get("notes", ""), birthday=values.get("birthday", "").strip(),
                after_sale=values.get("after_sale", ""),
            )  # fmt: skip
        current_sops = {(s.name, s.shop_id): s.id for s in lib.sops.all()}
        for (name, shop), sop in getattr(self, "_sops", {}).items():
            shop_obj = lib.shops.ensure(None if shop == SHARED_SHOP_NAME else shop)
            shop_id = None if shop == SHARED_SHOP_NAME else shop_obj.id
            sop_id = current_sops.get((name, shop_id))
            if sop_id is not None and skip:
                continue
            if sop_id is not None:
                old_sop = lib.sops.get(sop_id)
                wanted = [
                    instruction
                    for _p, _r, instruction, _ref in sorted(sop["steps"], key=lambda s: (s[0], s[1]))
                ]
                if [s.instruction for s in old_sop.steps] == wanted and old_sop.description == sop[
                    "description"
                ]:
                    continue
            steps = []
            for _position, _row, instruction, ref in sorted(sop["steps"], key=lambda s: (s[0], s[1])):
                entry_id = None
                if ref:
                    try:
                        entry_id = lib.find(ref, shop=None if shop == SHARED_SHOP_NAME else shop).id
                    except (NotFoundError, ValidationError):
                        entry_id = None
                steps.append((instruction, entry_id))
            lib.sops.save(name, steps, shop=shop_id, description=sop["description"], sop_id=sop_id)


def _rule_differs(current: Rule, new: Rule) -> bool:
    return (current.severity, current.reason, current.suggestion, tuple(current.exceptions), current.source, current.enabled) != (
        new.severity, new.reason, new.suggestion, tuple(new.exceptions), new.source, new.enabled,
    )  # fmt: skip


def _split(value: str) -> list[str]:
    from csdesk.formats.base import split_list

    return split_list(value)


def valid_birthday(text: str) -> bool:
    import datetime as dt

    for fmt in ("%Y-%m-%d", "%m-%d"):
        try:
            dt.datetime.strptime(text, fmt)
            return True
        except ValueError:
            continue
    return False


# ------------------------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------------------------
def selected_entries(lib: Library, shops: Sequence[str] | None) -> list[Entry]:
    if not shops:
        return lib.entries.all()
    result: list[Entry] = []
    for name in dict.fromkeys(shops):
        result.extend(lib.entries.all(shop=lib.shops.get(None if name == SHARED_SHOP_NAME else name).id))
    return result


def entry_cells(entry: Entry) -> list[str]:
    return [
        entry.id, entry.shop_name, entry.category_path, entry.title, entry.code, entry.question,
        "\n".join(entry.similar), entry.scenario, entry.reply, entry.guidance, entry.basis, "\n".join(entry.tags),
        "是" if entry.enabled else "否", str(entry.sort_order),
    ]  # fmt: skip


ENTRY_HEADER = [COLUMN_LABELS_ZH[c] for c in TABLE_COLUMNS]
ENTRY_WIDTHS = (10, 12, 14, 20, 10, 24, 24, 18, 48, 24, 18, 14, 6, 6)


def write_csv_table(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    entries = selected_entries(lib, options.shops)
    write_csv(path, [ENTRY_HEADER, *(entry_cells(e) for e in entries)])
    report = ExportReport(path, len(entries))
    if options.include_customers:
        report.warnings.append(
            problem(
                "CSV 只包含条目;客户等请导出为 .xlsx 工作簿或 .csdesk 文件包。",
                "A CSV holds entries only; export customers and the rest as an .xlsx workbook or a .csdesk bundle.",
                file=path.name,
            )
        )
    return report


def write_workbook(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    entries = selected_entries(lib, options.shops)
    warnings: list[Problem] = []
    workbook = new_workbook()
    notes = [ENTRY_NOTES[c] for c in TABLE_COLUMNS]
    add_sheet(workbook, SHEET_ENTRIES, ENTRY_HEADER, (entry_cells(e) for e in entries), file=path.name,
              warnings=warnings, widths=ENTRY_WIDTHS, notes=notes)  # fmt: skip
    shop_names = {s.id: s.name for s in lib.shops.all()}
    wanted_shop_ids = (
        None
        if not options.shops
        else {lib.shops.get(None if n == SHARED_SHOP_NAME else n).id for n in options.shops}
    )
    rules = [
        r
        for r in lib.rules.all()
        if not r.builtin and (wanted_shop_ids is None or r.shop_id is None or r.shop_id in wanted_shop_ids)
    ]
    add_sheet(workbook, SHEET_RULES, [label for _, label in RULE_COLUMNS], (
        [r.pattern, _KIND[r.kind], _SEVERITY[r.severity], r.reason, r.suggestion, "\n".join(r.exceptions),
         _SOURCE.get(r.source, r.source), shop_names.get(r.shop_id, "") if r.shop_id is not None else "",
         "是" if r.enabled else "否"]
        for r in rules
    ), file=path.name, warnings=warnings, widths=(16, 8, 8, 30, 30, 16, 10, 12, 6))  # fmt: skip
    groups = {g.id: g for g in lib.tags.groups()}
    add_sheet(workbook, SHEET_TAGS, [label for _, label in TAG_COLUMNS],
              ([groups[t.group_id].name if t.group_id in groups else "", t.name, t.color, t.description,
                groups[t.group_id].color if t.group_id in groups else ""] for t in lib.tags.all()),
              file=path.name, warnings=warnings, widths=(12, 14, 10, 40, 12))  # fmt: skip
    if options.include_customers:
        customers = [
            c
            for c in lib.customers.all()
            if wanted_shop_ids is None or c.shop_id is None or c.shop_id in wanted_shop_ids
        ]
        add_sheet(workbook, SHEET_CUSTOMERS, [label for _, label in CUSTOMER_COLUMNS], (
            [shop_names.get(c.shop_id, "") if c.shop_id is not None else "", c.nickname, "\n".join(c.tags), c.notes,
             c.birthday, c.after_sale]
            for c in customers
        ), file=path.name, warnings=warnings, widths=(12, 16, 16, 40, 12, 30))  # fmt: skip
    by_id = {e.id: e for e in lib.entries.all()}
    sop_rows = []
    for sop in lib.sops.all():
        if wanted_shop_ids is not None and sop.shop_id is not None and sop.shop_id not in wanted_shop_ids:
            continue
        for step in sop.steps:
            entry = by_id.get(step.entry_id or "")
            same_scope = entry is not None and (
                entry.shop_id == sop.shop_id or entry.shop_name == SHARED_SHOP_NAME
            )
            ref = (entry.code if entry.code and same_scope else entry.id) if entry else ""
            sop_rows.append([sop.name, shop_names.get(sop.shop_id, "") if sop.shop_id is not None else "",
                             sop.description if step.position == sop.steps[0].position else "", step.position,
                             step.instruction, ref])  # fmt: skip
    add_sheet(workbook, SHEET_SOPS, [label for _, label in SOP_COLUMNS], sop_rows, file=path.name, warnings=warnings,
              widths=(16, 12, 30, 6, 48, 12))  # fmt: skip
    shops = [
        s for s in lib.shops.all() if not s.is_shared and (wanted_shop_ids is None or s.id in wanted_shop_ids)
    ]
    add_sheet(workbook, SHEET_SHOPS, [label for _, label in SHOP_COLUMNS], ([s.name, s.platform] for s in shops),
              file=path.name, warnings=warnings, widths=(20, 10))  # fmt: skip
    _help_sheet(workbook, path.name, warnings)
    save_workbook(workbook, path)
    return ExportReport(path, len(entries), warnings)


def _help_sheet(workbook: Any, file: str, warnings: list[Problem]) -> None:
    sheet = add_sheet(workbook, SHEET_HELP, [HELP_TEXT[0]], ([line] for line in HELP_TEXT[1:]), file=file,
                      warnings=warnings, widths=(110,))  # fmt: skip
    sheet.freeze_panes = None


def write_template(path: Path) -> None:
    """An empty, annotated workbook (or a header-only CSV when ``path`` ends in .csv) to fill in by hand."""
    if path.suffix.lower() == ".csv":
        write_csv(path, [ENTRY_HEADER])
        return
    warnings: list[Problem] = []
    workbook = new_workbook()
    notes = [ENTRY_NOTES[c] for c in TABLE_COLUMNS]
    add_sheet(workbook, SHEET_ENTRIES, ENTRY_HEADER, [], file=path.name, warnings=warnings,
              widths=ENTRY_WIDTHS, notes=notes)  # fmt: skip
    add_sheet(workbook, SHEET_RULES, [label for _, label in RULE_COLUMNS], [], file=path.name, warnings=warnings,
              notes=("禁用的词,或正则表达式", "词语 或 正则", "拦截 或 提醒", "为什么不能说", "建议改成怎么说",
                     "包含禁用词但可以说的词,一行一个", "广告法 / 平台规则 / 店铺", "留空 = 所有店铺", "是 / 否"))  # fmt: skip
    add_sheet(workbook, SHEET_TAGS, [label for _, label in TAG_COLUMNS], [], file=path.name, warnings=warnings,
              notes=("标签组名", "标签名", "标签颜色,如 #E4572E(可选)", "这个标签什么意思", "标签组颜色,如 #E4572E(可选)"))  # fmt: skip
    add_sheet(workbook, SHEET_CUSTOMERS, [label for _, label in CUSTOMER_COLUMNS], [], file=path.name,
              warnings=warnings)  # fmt: skip
    add_sheet(workbook, SHEET_SOPS, [label for _, label in SOP_COLUMNS], [], file=path.name, warnings=warnings,
              notes=("流程名", "留空 = 通用", "这个流程什么时候用", "第几步(数字)", "这一步做什么", "快捷编码或编号(可选)"))  # fmt: skip
    add_sheet(workbook, SHEET_SHOPS, [label for _, label in SHOP_COLUMNS], [], file=path.name, warnings=warnings,
              notes=("店铺名", "、".join(PLATFORMS)))  # fmt: skip
    _help_sheet(workbook, path.name, warnings)
    save_workbook(workbook, path)
