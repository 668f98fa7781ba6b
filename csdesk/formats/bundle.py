"""The csdesk bundle (``.csdesk``): a whole library, or some shops of it, in one ZIP file.

Members: ``manifest.json`` (format name and version, created_at, csdesk version, sha256 of every other member),
``data.json`` (shops, categories, entries with variants/examples/asset links, tags, customers when asked for, rules,
built-in rule switches, SOPs, placeholders, and ``history``: each entry's newest versions with who and when) and
``assets/<sha256><ext>``. Importing a bundle into an empty library gives back the same library; ids of entries,
variants and assets are kept, and so is each entry's history (the import adds one version of its own on top).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import CsdeskError, NotFoundError, Problem, ValidationError
from csdesk.core.history import snapshot_problem, version_key
from csdesk.core.leftovers import atomic_output
from csdesk.core.models import SHARED_SHOP_NAME, Rule
from csdesk.formats.apply import normalize_shop
from csdesk.formats.base import (
    ENTRY_COLUMNS,
    ApplyContext,
    ExportOptions,
    ExportReport,
    Extras,
    ImportRow,
    ParsedFile,
    problem,
)
from csdesk.formats.safety import (
    MAX_ARCHIVE_EXPANDED,
    check_file,
    open_zip,
    read_member,
    unsafe_member_name,
)
from csdesk.formats.table import selected_entries, valid_birthday

if TYPE_CHECKING:
    from csdesk.core.library import Library

ORIGINS = ("personal", "team", "import", "demo", "library")
"""Where an entry came from (:data:`csdesk.core.models.Origin`): a bundle keeps it."""
FORMAT_NAME = "csdesk-bundle"
FORMAT_VERSION = 2
"""1: similar/tags as ``|`` strings, SOP steps as [instruction, entry id] pairs, no built-in rule switches."""
HISTORY_LIMIT = 50
"""How many of each entry's newest versions a bundle carries (older ones stay in the library that wrote it). A
bundle without ``history`` (older csdesk) imports as before: the entry's history starts with the import."""


def _csdesk_version() -> str:
    try:
        from importlib.metadata import version

        return version("csdesk")
    except Exception:
        return "0"


# ------------------------------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------------------------------
def bundle_data(
    lib: Library, options: ExportOptions, warnings: list[Problem] | None = None
) -> tuple[dict[str, Any], dict[str, Path]]:
    """The data.json content and the asset files (member name → stored file) for ``options``; what the export
    had to add or leave out is appended to ``warnings``."""
    entries = selected_entries(lib, options.shops)
    if options.exclude_personal:
        entries = [e for e in entries if e.origin != "personal"]
    all_shops = lib.shops.all()
    if options.shops:
        wanted = {lib.shops.get(None if n == SHARED_SHOP_NAME else n).id for n in options.shops}
        shops = [s for s in all_shops if s.id in wanted]
    else:
        shops = all_shops
    shop_ids = {s.id for s in shops}
    names = {s.id: s.name for s in all_shops}
    if warnings is None:
        warnings = []
    if options.shops:
        entries = _with_sop_links(lib, entries, shop_ids, options, warnings)
    categories = [
        {"shop": s.name, "path": c.path} for s in shops for c in lib.categories.all(s.id)
    ]  # parents first, siblings in order
    linked = {a for e in entries for a in e.asset_ids}
    assets = [a for a in lib.assets.all() if options.shops is None or a.id in linked]
    files: dict[str, Path] = {}
    asset_items = []
    for asset in assets:
        member = f"assets/{asset.sha256}{Path(asset.filename).suffix.lower()}"
        files[member] = lib.assets.path(asset)
        asset_items.append({
            "id": asset.id, "sha256": asset.sha256, "folder": asset.folder, "folders": list(asset.folders),
            "title": asset.title,
            "filename": asset.filename, "mime": asset.mime, "size": asset.size, "member": member,
        })  # fmt: skip
    groups = {g.id: g for g in lib.tags.groups()}
    tag_groups = [
        {"name": g.name, "color": g.color,
         "tags": [{"name": t.name, "color": t.color, "description": t.description} for t in lib.tags.all(g.id)]}
        for g in groups.values()
    ]  # fmt: skip

    def in_scope(shop_id: int | None) -> bool:
        return shop_id is None or shop_id in shop_ids

    data: dict[str, Any] = {
        "shops": [{"name": s.name, "platform": s.platform, "shared": s.is_shared} for s in shops],
        "categories": categories,
        "entries": [
            {
                "id": e.id, "shop": e.shop_name, "category": e.category_path, "title": e.title, "code": e.code,
                "question": e.question, "similar": list(e.similar), "scenario": e.scenario, "reply": e.reply,
                "guidance": e.guidance, "basis": e.basis, "tags": list(e.tags), "enabled": e.enabled,
                "sort_order": e.sort_order, "origin": e.origin, "origin_ref": e.origin_ref,
                "created_at": e.created_at, "created_by": e.created_by, "updated_at": e.updated_at,
                "variants": [
                    {"id": v.id, "label": v.label, "reply": v.reply, "target_tag": v.target_tag,
                     "ab_group": v.ab_group, "enabled": v.enabled}
                    for v in e.variants
                ],
                "examples": [{"kind": x.kind, "dialogue": x.dialogue, "comment": x.comment} for x in e.examples],
                "assets": list(e.asset_ids),
            }
            for e in entries
        ],
        "assets": asset_items,
        "asset_folders": lib.assets.folders(),
        "tag_groups": tag_groups,
        "rules": [
            {"pattern": r.pattern, "kind": r.kind, "severity": r.severity, "reason": r.reason,
             "suggestion": r.suggestion, "exceptions": list(r.exceptions), "source": r.source,
             "shop": names.get(r.shop_id) if r.shop_id is not None else None, "enabled": r.enabled}
            for r in lib.rules.all() if not r.builtin and in_scope(r.shop_id)
        ],
        "builtin_rules": [
            {"pattern": r.pattern, "kind": r.kind, "source": r.source, "enabled": r.enabled, "severity": r.severity,
             "shop": names.get(r.shop_id) if r.shop_id is not None else None}
            for r in lib.rules.all() if r.builtin
        ],
        "sops": [
            {"name": s.name, "shop": names.get(s.shop_id) if s.shop_id is not None else None,
             "description": s.description,
             "steps": [{"instruction": st.instruction, "entry": st.entry_id} for st in s.steps]}
            for s in lib.sops.all() if in_scope(s.shop_id)
        ],
        "placeholders": [{"name": p.name, "description": p.description} for p in lib.placeholders.all() if not p.builtin],
    }  # fmt: skip
    data["history"] = {
        entry_id: [
            {"version": v.version, "action": v.action, "changed_at": v.changed_at, "changed_by": v.changed_by,
             "data": v.data}
            for v in versions
        ]
        for entry_id, versions in lib.entries.histories([e.id for e in entries], newest=HISTORY_LIMIT).items()
    }  # fmt: skip
    if options.include_customers:
        data["customers"] = [
            {"nickname": c.nickname, "shop": names.get(c.shop_id) if c.shop_id is not None else None,
             "tags": list(c.tags), "notes": c.notes, "birthday": c.birthday, "after_sale": c.after_sale}
            for c in lib.customers.all() if in_scope(c.shop_id)
        ]  # fmt: skip
    return data, files


def _with_sop_links(
    lib: Library, entries: list[Any], shop_ids: set[int], options: ExportOptions, warnings: list[Problem]
) -> list[Any]:
    """The entries of the chosen shops plus the 通用 entries their SOPs' steps link to (else the link would be lost
    on import); a link to another shop's entry cannot travel and is a warning."""
    have = {e.id for e in entries}
    shared_id = lib.shops.get(None).id
    wanted: dict[str, str] = {}
    for sop in lib.sops.all():
        if sop.shop_id is not None and sop.shop_id not in shop_ids:
            continue
        for step in sop.steps:
            if step.entry_id and step.entry_id not in have:
                wanted.setdefault(step.entry_id, sop.name)
    extra, dropped = [], []
    for entry in lib.get_many(list(wanted)):
        if (
            entry.deleted_at is None
            and entry.shop_id in (shared_id, *shop_ids)
            and not (options.exclude_personal and entry.origin == "personal")
        ):
            extra.append(entry)
        else:
            dropped.append((wanted[entry.id], entry.title, entry.shop_name))
    if extra:
        titles = "、".join(e.title for e in extra[:10]) + ("……" if len(extra) > 10 else "")
        titles_en = ", ".join(f"'{e.title}'" for e in extra[:10]) + (" …" if len(extra) > 10 else "")
        warnings.append(
            problem(
                f"流程的步骤用到了 {len(extra)} 条「通用」条目,已一起导出:{titles}",
                f"SOP steps use {len(extra)} shared entries; they were exported too: {titles_en}",
            )
        )
    if dropped:
        warnings.append(
            problem(
                f"{len(dropped)} 个流程步骤关联的条目(别的店铺的、已删除的或个人条目)没有导出,导入后这些步骤不再关联条目:"
                + "、".join(f"「{sop}」→「{title}」({shop})" for sop, title, shop in dropped[:10]),
                f"{len(dropped)} SOP step(s) link to entries that were not exported (of another shop, deleted or "
                "personal); after an import those steps link to no entry: "
                + ", ".join(f"'{sop}' → '{title}' ({shop})" for sop, title, shop in dropped[:10]),
            )
        )
    return [*entries, *extra]


def write_bundle(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    warnings: list[Problem] = []
    data, files = bundle_data(lib, options, warnings)
    for warning in warnings:
        warning.file = warning.file or path.name
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    members = {"data.json": hashlib.sha256(payload).hexdigest()}
    with atomic_output(path) as tmp:  # noqa: SIM117 - the archive is closed before atomic_output syncs and renames it
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.json", payload)
            for member, source in files.items():
                if not source.is_file():
                    warnings.append(
                        problem(
                            f"素材文件缺失,未打包:{member}",
                            f"An asset file is missing and was not packed: {member}",
                            file=path.name,
                        )
                    )
                    continue
                digest = hashlib.sha256(source.read_bytes()).hexdigest()
                archive.write(source, member, compress_type=zipfile.ZIP_STORED)
                members[member] = digest
            manifest = {
                "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
                "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "csdesk_version": _csdesk_version(),
                "entries": len(data["entries"]), "members": members,
            }  # fmt: skip
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return ExportReport(path, len(data["entries"]), warnings)


# ------------------------------------------------------------------------------------------------------------------
# Import
# ------------------------------------------------------------------------------------------------------------------
class BundleTooNew(CsdeskError):
    """A bundle in a format version newer than this csdesk reads."""


def _refuse(path: Path, zh: str, en: str) -> CsdeskError:
    return CsdeskError(
        f"「{path.name}」{zh}。没有导入任何内容。", f"'{path.name}' {en}. Nothing was imported."
    )


def migrate_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 → 2: lists were ``|``-joined strings and SOP steps [instruction, entry id] pairs."""
    from csdesk.formats.base import split_list

    entries, sops = data.get("entries"), data.get("sops")
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            for key in ("similar", "tags"):
                if isinstance(entry.get(key), str):
                    entry[key] = split_list(entry[key])
    for sop in sops if isinstance(sops, list) else []:
        if isinstance(sop, dict) and isinstance(sop.get("steps"), list):
            sop["steps"] = [
                {"instruction": s[0], "entry": s[1] if len(s) > 1 else None}
                if isinstance(s, list) and s
                else s
                for s in sop["steps"]
            ]
    data.setdefault("builtin_rules", [])
    return data


MIGRATIONS = {1: migrate_v1}


def read_bundle(path: Path) -> ParsedFile:
    check_file(path, max_bytes=MAX_ARCHIVE_EXPANDED)
    parsed = ParsedFile("bundle", path.name)
    archive = open_zip(path, expected_zh="csdesk 话术包(.csdesk)", expected_en="a csdesk bundle (.csdesk)")
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names or "data.json" not in names:
            raise _refuse(
                path,
                "不是 csdesk 话术包(缺少 manifest.json 或 data.json)",
                "is not a csdesk bundle (manifest.json or data.json is missing)",
            )
        try:
            manifest = json.loads(read_member(archive, "manifest.json", path.name).decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise _refuse(path, "的清单 manifest.json 已损坏", "has a damaged manifest.json") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise _refuse(path, "不是 csdesk 话术包(清单格式不对)", "is not a csdesk bundle (wrong manifest)")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise _refuse(path, "的清单缺少格式版本", "has no format version")
        if version > FORMAT_VERSION:
            refused = _refuse(
                path,
                f"由更新版本的 csdesk({manifest.get('csdesk_version', '?')})创建(格式第 {version} 版,"
                f"本程序只认识到第 {FORMAT_VERSION} 版),请先升级 csdesk",
                f"was written by a newer csdesk (format {version}, this one reads up to {FORMAT_VERSION}); upgrade first",
            )
            raise BundleTooNew(refused.message, refused.english)
        members = manifest.get("members")
        if not isinstance(members, dict) or "data.json" not in members:
            raise _refuse(path, "的清单没有校验值", "has no checksums in its manifest")
        for name in names - {"manifest.json"}:
            if name.endswith("/"):
                continue
            if name not in members:
                raise _refuse(
                    path,
                    f"含有清单里没有的文件「{name}」(可能被改过)",
                    f"holds '{name}', which its manifest does not list (it may have been changed)",
                )
        for name in members:
            if not isinstance(name, str) or unsafe_member_name(name) or name not in names:
                raise _refuse(
                    path, f"缺少清单里列出的文件「{name}」", f"lacks '{name}' listed in its manifest"
                )
        raw = read_member(archive, "data.json", path.name)
        if hashlib.sha256(raw).hexdigest() != members["data.json"]:
            raise _refuse(
                path,
                "的 data.json 校验值不符(文件损坏或被改过)",
                "fails the data.json checksum (damaged or changed)",
            )
        for name in sorted(members):
            if name != "data.json" and _member_sha256(archive, name, path.name) != str(members[name]):
                raise _refuse(
                    path,
                    f"的「{name}」校验值不符(文件损坏或被改过)",
                    f"fails the checksum of '{name}' (damaged or changed)",
                )
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise _refuse(path, "的 data.json 不是有效的 JSON", "has an invalid data.json") from exc
        if not isinstance(data, dict):
            raise _refuse(path, "的 data.json 结构不对", "has a malformed data.json")
    for step in range(version, FORMAT_VERSION):
        data = MIGRATIONS[step](data)
    if version < FORMAT_VERSION:
        parsed.warn(
            f"这是旧版话术包(格式第 {version} 版),已自动转换。",
            f"This is an older bundle (format {version}); it was converted.",
        )
    _check_shapes(parsed, data)
    _rows_from_data(parsed, data)
    parsed.extras = BundleExtras(path, parsed, data, {k: str(v) for k, v in members.items()})
    return parsed


def _member_sha256(archive: zipfile.ZipFile, name: str, file: str) -> str:
    """The sha256 of a member, read in blocks and never past its declared size."""
    info = archive.getinfo(name)
    digest = hashlib.sha256()
    read = 0
    try:
        with archive.open(info) as handle:
            while block := handle.read(min(1 << 20, info.file_size + 1 - read)):
                read += len(block)
                digest.update(block)
                if read > info.file_size:
                    break
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise CsdeskError(
            f"「{file}」不安全或已损坏:「{name}」无法解压或校验失败。没有导入任何内容。",
            f"'{file}' is unsafe or damaged: '{name}' cannot be extracted. Nothing was imported.",
        ) from exc
    if read != info.file_size:
        raise CsdeskError(
            f"「{file}」不安全或已损坏:「{name}」的大小与记录不符。没有导入任何内容。",
            f"'{file}' is unsafe or damaged: '{name}' has the wrong size. Nothing was imported.",
        )
    return digest.hexdigest()


_KIND_ZH = {
    bool: "真假值",
    int: "数字",
    float: "数字",
    str: "文字",
    list: "列表",
    dict: "对象",
    type(None): "空值",
}
_KIND_EN = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "an object",
    type(None): "null",
}
_OBJECT, _TEXT = (dict, "对象", "objects"), (str, "文字", "texts")
_SHAPES: dict[str, dict[str, Any]] = {
    # top-level key → {sub-key: (item type, label) for lists, or "text"/"flag"/"number" for scalars}
    "shops": {"name": "text", "platform": "text"},
    "categories": {"shop": "text", "path": "text"},
    "entries": {
        **{k: "text" for k in ENTRY_COLUMNS if k not in ("similar", "tags")},
        "similar": _TEXT, "tags": _TEXT, "variants": _OBJECT, "examples": _OBJECT, "assets": _TEXT,
        "enabled": "flag", "sort_order": "number", "origin": "text", "origin_ref": "text", "created_at": "text",
        "created_by": "text",
    },
    "assets": {**{k: "text" for k in ("id", "sha256", "folder", "title", "filename", "member")}, "folders": _TEXT},
    "tag_groups": {"name": "text", "color": "text", "tags": _OBJECT},
    "placeholders": {"name": "text", "description": "text"},
    "customers": {
        "nickname": "text", "shop": "text", "tags": _TEXT, "notes": "text", "birthday": "text", "after_sale": "text",
    },
    "rules": {
        "pattern": "text", "kind": "text", "severity": "text", "reason": "text", "suggestion": "text",
        "exceptions": _TEXT, "source": "text", "shop": "text", "enabled": "flag",
    },
    "builtin_rules": {
        "pattern": "text", "kind": "text", "source": "text", "enabled": "flag", "severity": "text", "shop": "text",
    },
    "sops": {"name": "text", "shop": "text", "description": "text", "steps": _OBJECT},
}  # fmt: skip
_NESTED = {
    ("entries", "variants"): {"id": "text", "label": "text", "reply": "text", "target_tag": "text",
                              "ab_group": "text", "enabled": "flag"},
    ("entries", "examples"): {"kind": "text", "dialogue": "text", "comment": "text"},
    ("tag_groups", "tags"): {"name": "text", "color": "text", "description": "text"},
    ("sops", "steps"): {"instruction": "text", "entry": "text"},
}  # fmt: skip
_SCALARS = {
    "text": ((str,), "文字", "text"),
    "flag": ((bool,), "true 或 false", "true or false"),
    "number": ((int,), "整数", "a whole number"),
}
_ONE = {"objects": "an object", "texts": "text"}


def _kind(value: object, language: str = "zh") -> str:
    kinds = _KIND_EN if language == "en" else _KIND_ZH
    return kinds.get(type(value), type(value).__name__)


def _checked_list(
    parsed: ParsedFile, owner: dict[str, Any], key: str, where: str, shape: tuple[type, str, str]
) -> None:
    """``owner[key]`` as a list of ``shape`` items: anything else is an error at its path and is left out, so
    nothing later iterates a number or the characters of a text."""
    value = owner.get(key)
    if value is None:
        return
    item_type, label, label_en = shape
    if not isinstance(value, list):
        parsed.error(
            f"应是{label}的列表,却是{_kind(value)}。",
            f"Should be a list of {label_en}, but is {_kind(value, 'en')}.",
            path=f"{where}{key}",
        )
        owner[key] = []
        return
    kept = []
    for index, item in enumerate(value):
        if isinstance(item, item_type) and not (item_type is int and isinstance(item, bool)):
            kept.append(item)
        else:
            parsed.error(
                f"应是{label},却是{_kind(item)}。",
                f"Should be {_ONE[label_en]}, but is {_kind(item, 'en')}.",
                path=f"{where}{key}[{index}]",
            )
    owner[key] = kept


def _checked_object(parsed: ParsedFile, item: dict[str, Any], where: str, fields: dict[str, Any]) -> None:
    for key, shape in fields.items():
        if isinstance(shape, tuple):
            _checked_list(parsed, item, key, f"{where}.", shape)
            continue
        value = item.get(key)
        types, label, label_en = _SCALARS[shape]
        if value is None or (isinstance(value, types) and (bool in types or not isinstance(value, bool))):
            continue
        if shape == "text" and isinstance(value, int | float) and not isinstance(value, bool):
            continue  # a number where text is expected (a code 1234) reads as its digits
        parsed.error(
            f"应是{label},却是{_kind(value)}。",
            f"Should be {label_en}, but is {_kind(value, 'en')}.",
            path=f"{where}.{key}",
        )
        del item[key]


def _check_shapes(parsed: ParsedFile, data: dict[str, Any]) -> None:
    """Type-check data.json before anything reads it: every wrong type is an error with its JSON path."""
    for key, fields in _SHAPES.items():
        _checked_list(parsed, data, key, "", _OBJECT)
        for index, item in enumerate(data.get(key) or []):
            where = f"{key}[{index}]"
            _checked_object(parsed, item, where, fields)
            for (parent, child), nested in _NESTED.items():
                if parent == key:
                    for sub_index, sub in enumerate(item.get(child) or []):
                        _checked_object(parsed, sub, f"{where}.{child}[{sub_index}]", nested)
    _checked_list(parsed, data, "asset_folders", "", _TEXT)
    _check_history(parsed, data)


def _check_history(parsed: ParsedFile, data: dict[str, Any]) -> None:
    """``history``: entry id → versions, each with texts action/changed_at/changed_by and a snapshot a version can
    hold (one that could not be shown or restored refuses the file, as any other wrong type does)."""
    history = data.get("history")
    if history is None:
        return
    if not isinstance(history, dict):
        parsed.error(
            "应是对象(条目编号 → 版本列表)。",
            "Should be an object (entry id → list of versions).",
            path="history",
        )
        return
    for entry_id, versions in history.items():
        if not isinstance(versions, list):
            parsed.error("应是版本列表。", "Should be a list of versions.", path=f"history.{entry_id}")
            continue
        for index, version in enumerate(versions):
            where = f"history.{entry_id}[{index}]"
            if not isinstance(version, dict) or not all(
                isinstance(version.get(k), str) for k in ("action", "changed_at", "changed_by")
            ):
                parsed.error(
                    "历史版本应有文字的 action、changed_at 和 changed_by。",
                    "A version needs action, changed_at and changed_by as texts.",
                    path=where,
                )
                continue
            bad = snapshot_problem(version.get("data"))
            if bad is not None:
                parsed.error(
                    f"历史版本的内容有误(「{bad}」)。",
                    f"The version's content is wrong ('{bad}').",
                    path=f"{where}.data",
                )


def _list(parsed: ParsedFile, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list):
        parsed.error("应是列表。", "Should be a list.", path=key)
        return []
    items = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            items.append(item)
        else:
            parsed.error("应是对象。", "Should be an object.", path=f"{key}[{index}]")
    return items


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _rows_from_data(parsed: ParsedFile, data: dict[str, Any]) -> None:
    for item in _list(parsed, data, "shops"):
        name = normalize_shop(item.get("name"))
        if name != SHARED_SHOP_NAME:
            parsed.shops[name] = _text(item.get("platform"))
    for index, item in enumerate(_list(parsed, data, "categories")):
        if item.get("path"):
            parsed.categories.append((normalize_shop(item.get("shop")), _text(item["path"])))
        else:
            parsed.error("分类没有路径。", "The category has no path.", path=f"categories[{index}]")
    parsed.columns = frozenset(ENTRY_COLUMNS)
    for index, item in enumerate(_list(parsed, data, "entries")):
        where = f"entries[{index}]"
        fields: dict[str, Any] = {}
        for key in ENTRY_COLUMNS:
            value = item.get(key)
            if key in ("similar", "tags"):
                if value is not None and not isinstance(value, list):
                    parsed.error("应是文字列表。", "Should be a list of texts.", path=f"{where}.{key}")
                fields[key] = [str(v) for v in value] if isinstance(value, list) else []
            else:
                fields[key] = _text(value)
        fields["enabled"] = bool(item.get("enabled", True))
        if item.get("origin") in ORIGINS:
            fields["origin"] = item["origin"]
            fields["origin_ref"] = _text(item.get("origin_ref"))
        for key in ("created_at", "created_by"):
            if _text(item.get(key)).strip():
                fields[key] = _text(item[key]).strip()
        sort_order = item.get("sort_order", 0)
        fields["sort_order"] = sort_order if isinstance(sort_order, int) else 0
        variants = [v for v in item.get("variants") or [] if isinstance(v, dict)]
        for vindex, variant in enumerate(variants):
            if not _text(variant.get("reply")).strip():
                parsed.error(
                    "变体没有回复。", "The variant has no reply.", path=f"{where}.variants[{vindex}]"
                )
        examples = [x for x in item.get("examples") or [] if isinstance(x, dict)]
        for xindex, example in enumerate(examples):
            if example.get("kind") not in ("good", "bad") or not _text(example.get("dialogue")).strip():
                parsed.error(
                    "案例应有 good/bad 类型和对话。",
                    "An example needs a kind (good or bad) and a dialogue.",
                    path=f"{where}.examples[{xindex}]",
                )
        assets = [str(a) for a in item.get("assets") or []]
        parsed.rows.append(
            ImportRow(fields, path=where, variants=variants, examples=examples, asset_ids=assets)
        )


def limit_to_shop(parsed: ParsedFile, shop: str) -> None:
    """Keep only what belongs to ``shop`` (``import bundle --shop S``): its entries (and the 通用 entries its SOPs
    link to), categories, rules, customers and SOPs, and the assets those entries use. Library-wide content (tags,
    placeholders, asset folders) stays; built-in rule switches and rules for all shops are left out. A shop the
    bundle does not have is refused."""
    name = normalize_shop(shop)
    extras = parsed.extras
    assert isinstance(extras, BundleExtras)
    in_bundle = set(parsed.shops) | {normalize_shop(r.fields.get("shop")) for r in parsed.rows}
    if name not in in_bundle:
        listed = "、".join(sorted(in_bundle)) or "(没有店铺)"
        listed_en = ", ".join(sorted(in_bundle)) or "no shops"
        raise CsdeskError(
            f"话术包「{parsed.file}」里没有店铺「{name}」(有:{listed})。没有导入任何内容。",
            f"The bundle '{parsed.file}' has no shop '{name}' (it has: {listed_en}). Nothing was imported.",
        )

    def mine(value: object) -> bool:
        return normalize_shop(value) == name

    sops = [s for s in extras.sops if mine(s.get("shop"))]
    linked = {str(st.get("entry")) for s in sops for st in s.get("steps") or [] if st.get("entry")}
    rows = [
        r
        for r in parsed.rows
        if mine(r.fields.get("shop"))
        or (normalize_shop(r.fields.get("shop")) == SHARED_SHOP_NAME and str(r.fields.get("id")) in linked)
    ]
    left_out = len(parsed.rows) - len(rows)
    parsed.rows = rows
    parsed.shops = {k: v for k, v in parsed.shops.items() if k == name}
    parsed.categories = [(s, p) for s, p in parsed.categories if s == name]
    parsed.replace_scope = {name}
    used_assets = {a for r in rows for a in r.asset_ids or []}
    dropped_rules = len(extras.rules) - len(
        kept_rules := [r for r in extras.rules if mine(r.get("shop")) and r.get("shop")]
    )
    extras.rules = kept_rules
    extras.customers = [c for c in extras.customers if c.get("shop") and mine(c.get("shop"))]
    extras.sops = sops
    extras.assets = [a for a in extras.assets if _text(a.get("id")) in used_assets]
    extras.builtin_rules = []
    parsed.warn(
        f"只导入店铺「{name}」:其他店铺的 {left_out} 条条目、{dropped_rules} 条别的店铺或全店通用的规则,"
        "以及内置规则开关都没有导入。",
        f"Only the shop '{name}' is imported: {left_out} entries of other shops, {dropped_rules} rules of other "
        "shops or for all shops, and the built-in rule switches are left out.",
    )


def _builtin_rule_changes(
    lib: Library, current: Rule, item: dict[str, Any], *, create_shops: bool = True
) -> dict[str, Any]:
    """What a bundle's built-in rule record changes on the library's rule: enabled, severity, scope (shop).
    A field the record lacks (bundles before severity and shop travelled) leaves the rule as it is."""
    changes: dict[str, Any] = {}
    if "enabled" in item and current.enabled != bool(item["enabled"]):
        changes["enabled"] = bool(item["enabled"])
    severity = _text(item.get("severity")).strip()
    if severity and severity != current.severity:
        changes["severity"] = severity
    if "shop" in item:
        shop = item["shop"]
        if not shop or normalize_shop(str(shop)) == SHARED_SHOP_NAME:
            shop_id: int | None = None
        elif create_shops:
            shop_id = lib.shops.ensure(str(shop)).id
        else:
            found = next((s for s in lib.shops.all() if s.name == normalize_shop(str(shop))), None)
            shop_id = found.id if found is not None else -1
        if shop_id != current.shop_id:
            changes["shop_id"] = shop_id
    return changes


class BundleExtras(Extras):
    """Assets, tags, placeholders, customers, rules and SOPs of a bundle."""

    def __init__(self, path: Path, parsed: ParsedFile, data: dict[str, Any], members: dict[str, str]) -> None:
        super().__init__()
        self.path = path
        self.parsed = parsed
        self.data = data
        self.members = members
        self.assets = _list(parsed, data, "assets")
        self.tag_groups = _list(parsed, data, "tag_groups")
        self.placeholders = _list(parsed, data, "placeholders")
        self.customers = _list(parsed, data, "customers")
        self.rules = _list(parsed, data, "rules")
        self.builtin_rules = _list(parsed, data, "builtin_rules")
        self.sops = _list(parsed, data, "sops")
        history = data.get("history")
        self.history: dict[str, list[dict[str, Any]]] = history if isinstance(history, dict) else {}
        """Entry id in the file → its versions, oldest first (kept: the import joins them to the entry's history)."""
        self._version_mark = 0
        self._new_assets: list[dict[str, Any]] = []
        self._more_folders: list[tuple[str, list[str]]] = []
        """Assets the library holds (same id or content) and the bundle's folders each goes into as well."""
        self._written: list[Path] = []
        """Asset files this import stored that were not in the library's store before (removed on rollback)."""

    def _problem(self, message: str, english: str, where: str) -> Problem:
        return problem(message, english, file=self.parsed.file, path=where)

    def prepare(self, lib: Library) -> None:
        self._new_assets = []
        self._more_folders = []
        by_content = {a.sha256: a.id for a in reversed(lib.assets.all())}
        for asset in self.assets:
            asset_id = _text(asset.get("id"))
            folders = [_text(f) for f in asset.get("folders") or [asset.get("folder")] if _text(f).strip()]
            known = lib.assets.resolve(asset_id)
            try:
                lib.assets.get(known)
                self.asset_map[asset_id] = known
                self._more_folders.append((known, folders))
                continue
            except NotFoundError:
                pass
            same = by_content.get(_text(asset.get("sha256")))
            if same is not None:  # one file is one asset: the library's, now also in the bundle's folders
                self.asset_map[asset_id] = same
                self._more_folders.append((same, folders))
            else:
                self.asset_map[asset_id] = asset_id
                self._new_assets.append(asset)
                self._more_folders.append((asset_id, folders))

    def check(self, lib: Library, ctx: ApplyContext) -> tuple[dict[str, int], list[Problem], list[Problem]]:
        errors: list[Problem] = []
        warnings: list[Problem] = []
        for index, asset in enumerate(self.assets):
            member = _text(asset.get("member"))
            if member not in self.members or not member.startswith("assets/"):
                errors.append(
                    self._problem(
                        "素材文件不在话术包里。", "The asset file is not in the bundle.", f"assets[{index}]"
                    )
                )
            elif self.members[member] != asset.get("sha256"):
                errors.append(
                    self._problem(
                        "素材的校验值与清单不符。",
                        "The asset's checksum does not match the manifest.",
                        f"assets[{index}]",
                    )
                )
        known_assets = {_text(a.get("id")) for a in self.assets}
        for row in self.parsed.rows:
            for asset_id in row.asset_ids or []:
                if asset_id not in known_assets:
                    warnings.append(
                        self._problem(
                            f"引用了话术包里没有的素材「{asset_id}」,已忽略。",
                            f"Refers to the asset '{asset_id}', which is not in the bundle; ignored.",
                            row.path,
                        )
                    )
            if row.asset_ids:
                row.asset_ids = [a for a in row.asset_ids if a in known_assets]
        known_tags = {t.name for t in lib.tags.all()}
        new_tags = sum(
            1
            for g in self.tag_groups
            for t in g.get("tags") or []
            if isinstance(t, dict) and t.get("name") not in known_tags
        )
        placeholders = lib.placeholders.names()
        new_placeholders = sum(1 for p in self.placeholders if p.get("name") not in placeholders)
        rules, rule_errors = self._rule_objects(lib)
        errors.extend(rule_errors)
        existing = {(r.pattern, r.kind, r.shop_id) for r in lib.rules.all() if not r.builtin}
        new_rules = sum(1 for r, _shop in rules if (r.pattern, r.kind, r.shop_id) not in existing)
        builtin: dict[tuple[Any, ...], Rule] = {
            (r.pattern, r.kind, r.source): r for r in lib.rules.all() if r.builtin
        }
        switches = sum(
            1 for b in self.builtin_rules
            if (cur := builtin.get((b.get("pattern"), b.get("kind"), b.get("source"))))
            and _builtin_rule_changes(lib, cur, b, create_shops=False)
        )  # fmt: skip
        for index, item in enumerate(self.data.get("categories") or []):
            if _text(item.get("path")).strip():
                try:
                    lib.categories.split_path(_text(item["path"]))
                except ValidationError as exc:
                    errors.append(self._problem(exc.message, exc.english, f"categories[{index}].path"))
        for index, folder in enumerate(self.data.get("asset_folders") or []):
            if not folder.strip() or "/" in folder:
                errors.append(
                    self._problem(
                        f"素材文件夹名「{folder}」不能为空,也不能包含 /。",
                        f"The asset folder name '{folder}' must not be empty or contain /.",
                        f"asset_folders[{index}]",
                    )
                )
        for index, placeholder in enumerate(self.placeholders):
            name = _text(placeholder.get("name")).strip()
            if not name or any(ch in name for ch in "{}\n") or len(name) > 20:
                errors.append(
                    self._problem(
                        f"占位符名「{name}」不能为空、不能含花括号,且不超过 20 字。",
                        f"The placeholder name '{name}' must not be empty or contain braces, and has at most 20 "
                        "characters.",
                        f"placeholders[{index}].name",
                    )
                )
        customers = 0
        for index, customer in enumerate(self.customers):
            birthday = _text(customer.get("birthday")).strip()
            if birthday and not valid_birthday(birthday):
                errors.append(
                    self._problem(
                        f"生日「{birthday}」格式不对,应写成 1990-05-01 或 05-01。",
                        f"The birthday '{birthday}' is not a date; write it as 1990-05-01 or 05-01.",
                        f"customers[{index}].birthday",
                    )
                )
            if not _text(customer.get("nickname")).strip():
                errors.append(
                    self._problem("客户没有昵称。", "The customer has no nickname.", f"customers[{index}]")
                )
            elif (
                lib.customers.get(_text(customer["nickname"]), shop=self._existing(lib, customer.get("shop")))
                is None
            ):
                customers += 1
        current_sops = {(s.name, s.shop_id) for s in lib.sops.all()}
        sops = 0
        for index, sop in enumerate(self.sops):
            if not _text(sop.get("name")).strip():
                errors.append(self._problem("流程没有名字。", "The SOP has no name.", f"sops[{index}]"))
                continue
            shop_id = self._existing_id(lib, sop.get("shop"))
            if (sop["name"], shop_id) not in current_sops:
                sops += 1
        counts = {
            "assets": len(self._new_assets), "tags": new_tags, "placeholders": new_placeholders, "rules": new_rules,
            "builtin_rules": switches, "customers": customers, "sops": sops, "history": self._new_versions(lib),
        }  # fmt: skip
        return counts, errors, warnings

    def _new_versions(self, lib: Library) -> int:
        """How many versions of the file's history the library's entries do not have yet."""
        if not self.history:
            return 0
        have = {
            version_key(v.action, v.changed_at, v.changed_by, v.data)
            for versions in lib.entries.histories(list(self.history)).values()
            for v in versions
        }
        return sum(
            1
            for versions in self.history.values()
            for v in versions
            if version_key(v["action"], v["changed_at"], v["changed_by"], v["data"]) not in have
        )

    @staticmethod
    def _existing(lib: Library, shop: object) -> str | None:
        name = normalize_shop(shop)
        if name == SHARED_SHOP_NAME:
            return None
        try:
            return lib.shops.get(name).name
        except NotFoundError:
            return None

    @staticmethod
    def _existing_id(lib: Library, shop: object) -> int | None:
        name = normalize_shop(shop) if shop else SHARED_SHOP_NAME
        if name == SHARED_SHOP_NAME:
            return None
        try:
            return lib.shops.get(name).id
        except NotFoundError:
            return -1

    def _rule_objects(self, lib: Library) -> tuple[list[tuple[Rule, str]], list[Problem]]:
        from csdesk.core.rules import validate_rule

        result, errors = [], []
        for index, item in enumerate(self.rules):
            shop_name = _text(item.get("shop"))
            rule = Rule(
                id=None, pattern=_text(item.get("pattern")).strip(), severity=item.get("severity", "warn"),
                kind=item.get("kind", "word"), reason=_text(item.get("reason")), suggestion=_text(item.get("suggestion")),
                exceptions=tuple(str(x) for x in item.get("exceptions") or []), source=_text(item.get("source")) or "shop",
                shop_id=self._existing_id(lib, shop_name) if shop_name else None, enabled=bool(item.get("enabled", True)),
            )  # fmt: skip
            try:
                if rule.kind not in ("word", "regex"):
                    raise ValidationError(f"规则类型「{rule.kind}」无效。", f"Bad rule kind '{rule.kind}'.")
                validate_rule(rule)
            except ValidationError as exc:
                errors.append(self._problem(exc.message, exc.english, f"rules[{index}]"))
                continue
            result.append((rule, shop_name))
        return result, errors

    # -- writing ---------------------------------------------------------------------------------------------
    def before_entries(self, lib: Library, ctx: ApplyContext) -> None:
        self._version_mark = lib.entries.version_mark()
        for folder in self.data.get("asset_folders") or []:
            lib.assets.add_folder(folder)
        if self._new_assets:
            from csdesk.core.assetstore import AssetStore

            store = AssetStore(lib.layout.assets)
            with open_zip(self.path, expected_zh="csdesk 话术包", expected_en="a csdesk bundle") as archive:
                for asset in self._new_assets:
                    member = _text(asset.get("member"))
                    content = read_member(archive, member, self.path.name)
                    if hashlib.sha256(content).hexdigest() != asset.get("sha256"):
                        raise _refuse(
                            self.path, f"的素材「{member}」校验值不符", f"fails the checksum of '{member}'"
                        )
                    filename = _text(asset.get("filename")) or Path(member).name
                    target = store.path_for(_text(asset.get("sha256")), filename)
                    existed = target.exists()
                    lib.assets.add_bytes(
                        content, filename, folder=_text(asset.get("folder")), title=_text(asset.get("title")),
                        asset_id=_text(asset.get("id")),
                    )  # fmt: skip
                    if not existed and target.exists():
                        self._written.append(target)
        for asset_id, folders in self._more_folders:
            for folder in folders:
                if "/" not in folder:
                    lib.assets.add_to_folder(asset_id, folder)
        for group in self.tag_groups:
            if not _text(group.get("name")).strip():
                continue
            created = lib.tags.add_group(_text(group["name"]), _text(group.get("color")))
            for tag in group.get("tags") or []:
                if isinstance(tag, dict) and _text(tag.get("name")).strip():
                    lib.tags.add(_text(tag["name"]), group=created.id, color=_text(tag.get("color")),
                                description=_text(tag.get("description")))  # fmt: skip
        names = lib.placeholders.names()
        for placeholder in self.placeholders:
            name = _text(placeholder.get("name"))
            if name and name not in names:
                lib.placeholders.add(name, _text(placeholder.get("description")))

    def _join_histories(self, lib: Library, ctx: ApplyContext) -> None:
        """Each entry keeps the history (and so the authors) the file brought; the versions this import wrote for
        an entry (its fields, then one per variant, example and asset link) become one."""
        for index, entry_id in ctx.entry_ids.items():
            file_id = _text(self.parsed.rows[index].fields.get("id"))
            versions = self.history.get(entry_id, []) if file_id == entry_id else []
            lib.entries.merge_history(entry_id, versions, squash_after=self._version_mark)

    def discard(self, lib: Library) -> None:
        for path in self._written:
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # only when empty
        self._written = []

    def after_entries(self, lib: Library, ctx: ApplyContext) -> None:
        from dataclasses import replace

        self._join_histories(lib, ctx)
        skip = ctx.mode == "skip"
        for index, customer in enumerate(self.customers):
            shop = customer.get("shop")
            shop_ref = (
                None
                if not shop or normalize_shop(shop) == SHARED_SHOP_NAME
                else lib.shops.ensure(str(shop)).name
            )
            if skip and lib.customers.get(_text(customer["nickname"]), shop=shop_ref) is not None:
                continue
            try:
                lib.customers.save(
                    _text(customer["nickname"]), shop=shop_ref, tags=[str(t) for t in customer.get("tags") or []],
                    notes=_text(customer.get("notes")), birthday=_text(customer.get("birthday")),
                    after_sale=_text(customer.get("after_sale")),
                )  # fmt: skip
            except ValidationError as exc:
                raise CsdeskError(
                    f"customers[{index}]:{exc.message}", f"customers[{index}]: {exc.english}"
                ) from exc
        rules, _ = self._rule_objects(lib)
        existing = {(r.pattern, r.kind, r.shop_id): r for r in lib.rules.all() if not r.builtin}
        new_rules = []
        for rule, shop_name in rules:
            if rule.shop_id == -1:
                rule = replace(rule, shop_id=lib.shops.ensure(shop_name).id)
            current = existing.get((rule.pattern, rule.kind, rule.shop_id))
            if current is None:
                new_rules.append(rule)
            elif (
                not skip
                and current.id is not None
                and (
                    current.severity,
                    current.reason,
                    current.suggestion,
                    current.exceptions,
                    current.source,
                    current.enabled,
                )
                != (rule.severity, rule.reason, rule.suggestion, rule.exceptions, rule.source, rule.enabled)
            ):
                lib.rules.update(current.id, severity=rule.severity, reason=rule.reason, suggestion=rule.suggestion,
                                exceptions=rule.exceptions, source=rule.source, enabled=rule.enabled)  # fmt: skip
        if new_rules:
            lib.rules.add_many(new_rules)
        if not skip:
            builtin: dict[tuple[Any, ...], Rule] = {
                (r.pattern, r.kind, r.source): r for r in lib.rules.all() if r.builtin
            }
            for index, item in enumerate(self.builtin_rules):
                current = builtin.get((item.get("pattern"), item.get("kind"), item.get("source")))
                if current is None or current.id is None:
                    continue
                changes = _builtin_rule_changes(lib, current, item)
                if changes:
                    try:
                        lib.rules.update(current.id, **changes)
                    except ValidationError as exc:
                        raise CsdeskError(
                            f"builtin_rules[{index}]:{exc.message}", f"builtin_rules[{index}]: {exc.english}"
                        ) from exc
        current_sops = {(s.name, s.shop_id): s.id for s in lib.sops.all()}
        for sop in self.sops:
            if not _text(sop.get("name")).strip():
                continue
            shop = sop.get("shop")
            shop_id = (
                None
                if not shop or normalize_shop(shop) == SHARED_SHOP_NAME
                else lib.shops.ensure(str(shop)).id
            )
            sop_id = current_sops.get((_text(sop["name"]), shop_id))
            if sop_id is not None and skip:
                continue
            steps: list[tuple[str, str | None]] = []
            for step in sop.get("steps") or []:
                if not isinstance(step, dict) or not _text(step.get("instruction")).strip():
                    continue
                entry_id = step.get("entry") or None
                if entry_id is not None:
                    try:
                        lib.get(str(entry_id))
                    except NotFoundError:
                        entry_id = None
                steps.append((_text(step["instruction"]), entry_id))
            if sop_id is not None:
                old_sop = lib.sops.get(sop_id)
                if [
                    (s.instruction, s.entry_id) for s in old_sop.steps
                ] == steps and old_sop.description == _text(sop.get("description")):
                    continue
            lib.sops.save(
                _text(sop["name"]),
                steps,
                shop=shop_id,
                description=_text(sop.get("description")),
                sop_id=sop_id,
            )
