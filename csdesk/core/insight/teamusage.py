"""The team's usage without a server: each agent's csdesk writes a small usage file, the supervisor's reads them all.

A usage file (``<team folder>/usage/<agent>-<machine>-<last id>.csdesk-usage.json``) holds the copies and abandoned
searches logged on one machine since its previous file. What leaves the machine: time, entry id, variant, the shop's
name, the agent's name, the action, and the search query and override reason *masked* (phone, order and tracking
numbers become labels, as in the search log); never the customer's nickname.

Reading keeps each row's machine and its id there (``usage_log.source`` / ``source_id``, unique): a file read twice,
or two files with the same rows, count once. A library never reads its own rows back.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.leftovers import write_atomic
from csdesk.core.library import Library, now_iso
from csdesk.core.masking import mask_query

__all__ = ["SUFFIX", "UsageImport", "export_usage", "import_usage", "machine_id", "usage_folder"]

FORMAT = "csdesk-usage"
VERSION = 1
SUFFIX = ".csdesk-usage.json"
SETTING_MACHINE = "insight_machine"
SETTING_EXPORTED = "insight_exported"
"""``{"usage": last usage_log id written, "search": last search_log id written}``."""


@dataclass
class UsageImport:
    files: int = 0
    copies: int = 0
    searches: int = 0
    duplicates: int = 0
    """Rows already read from an earlier file (or the same file again)."""
    own: int = 0
    """Files this library wrote itself (skipped)."""


def machine_id(lib: Library) -> str:
    """This library's id in usage files (made once, kept in its settings)."""
    value = str(lib.setting(SETTING_MACHINE, "") or "")
    if not value:
        value = uuid.uuid4().hex[:12]
        lib.set_setting(SETTING_MACHINE, value)
    return value


def usage_folder(team_folder: Path) -> Path:
    return team_folder / "usage"


def _safe(name: str) -> str:
    return "".join(ch for ch in name if ch.isalnum() or ch in "-_")[:20] or "agent"


def export_usage(lib: Library, folder: Path) -> Path | None:
    """Write this machine's rows logged since its last usage file into ``folder``; None when there is nothing new.

    ``folder`` is the team folder (the file goes into its ``usage`` subfolder) or any folder (to hand over by other
    means).
    """
    if not folder.is_dir():
        raise CsdeskError(
            f"文件夹「{folder}」不存在或无法访问。",
            f"The folder '{folder}' does not exist or cannot be reached.",
        )
    done = lib.setting(SETTING_EXPORTED, {}) or {}
    last_usage, last_search = int(done.get("usage", 0)), int(done.get("search", 0))
    shops = {s.id: s.name for s in lib.shops.all()}
    usage = [
        [
            r["id"],
            r["ts"],
            r["entry_id"],
            r["variant_id"],
            mask_query(r["query"]),
            shops.get(r["shop_id"], ""),
            r["agent"],
            r["action"],
            mask_query(r["note"]),
        ]
        for r in lib.database.all(
            "SELECT * FROM usage_log WHERE source = '' AND id > ? ORDER BY id", (last_usage,)
        )
    ]
    searches = [
        [
            r["id"],
            r["ts"],
            mask_query(r["query"]),
            shops.get(r["shop_id"], ""),
            r["hits"],
            r["copied"],
            r["agent"],
        ]
        for r in lib.database.all(
            "SELECT * FROM search_log WHERE source = '' AND id > ? ORDER BY id", (last_search,)
        )
    ]
    if not usage and not searches:
        return None
    machine = machine_id(lib)
    target_folder = (
        usage_folder(folder) if (folder / "usage").is_dir() or _is_team_folder(lib, folder) else folder
    )
    try:
        target_folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CsdeskError(
            f"无法写入「{target_folder}」:{exc}", f"Cannot write to '{target_folder}': {exc}"
        ) from exc
    new_usage = usage[-1][0] if usage else last_usage
    new_search = searches[-1][0] if searches else last_search
    target = target_folder / f"{_safe(lib.agent)}-{machine}-{new_usage}-{new_search}{SUFFIX}"
    data = {
        "format": FORMAT,
        "version": VERSION,
        "source": machine,
        "agent": lib.agent,
        "exported_at": now_iso(),
        "usage": usage,
        "search": searches,
    }
    try:
        write_atomic(target, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        raise CsdeskError(f"无法写入「{target}」:{exc}", f"Cannot write '{target}': {exc}") from exc
    lib.set_setting(SETTING_EXPORTED, {"usage": new_usage, "search": new_search})
    return target


def _is_team_folder(lib: Library, folder: Path) -> bool:
    team = str(lib.setting("team_folder", "") or "")
    return bool(team) and Path(team).resolve() == folder.resolve()


def _bad(path: Path, zh: str, en: str) -> ValidationError:
    return ValidationError(
        f"使用记录文件「{path.name}」{zh},没有导入任何内容。",
        f"Usage file '{path.name}' {en}; nothing was imported.",
    )


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _bad(path, f"无法读取:{exc}", f"cannot be read: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad(path, "不是 csdesk 使用记录", "is not a csdesk usage file")
    if int(data.get("version", 0) or 0) > VERSION:
        raise _bad(path, "由更新版本的 csdesk 写入", "was written by a newer csdesk")
    usage, search = data.get("usage"), data.get("search")
    ok = (
        isinstance(data.get("source"), str)
        and data["source"]
        and isinstance(usage, list)
        and isinstance(search, list)
        and all(isinstance(r, list) and len(r) == 9 and isinstance(r[0], int) for r in usage)
        and all(isinstance(r, list) and len(r) == 7 and isinstance(r[0], int) for r in search)
    )
    if not ok:
        raise _bad(path, "内容不完整或已损坏", "is incomplete or damaged")
    return data


def _files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            inner = usage_folder(path) if usage_folder(path).is_dir() else path
            out.extend(sorted(inner.glob(f"*{SUFFIX}")))
        elif path.is_file():
            out.append(path)
        else:
            raise CsdeskError(f"找不到「{path}」。", f"'{path}' does not exist.")
    return out


def import_usage(lib: Library, paths: Iterable[Path]) -> UsageImport:
    """Read usage files (or every usage file in a folder / a team folder's ``usage``); all files are checked before
    anything is written, so one bad file changes nothing."""
    files = _files(paths)
    loaded = [(path, _load(path)) for path in files]
    mine = machine_id(lib)
    shops = {s.name: s.id for s in lib.shops.all()}
    result = UsageImport(files=len(files))
    db = lib.database
    with db.transaction():
        for _path, data in loaded:
            source = str(data["source"])
            if source == mine:
                result.own += 1
                continue
            for row in data["usage"]:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO usage_log(ts, entry_id, variant_id, query, shop_id, customer, agent, action,"
                    " note, source, source_id) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)",
                    (
                        str(row[1]),
                        str(row[2]),
                        row[3],
                        mask_query(str(row[4])),
                        shops.get(str(row[5])),
                        str(row[6]),
                        str(row[7]),
                        mask_query(str(row[8])),
                        source,
                        row[0],
                    ),
                )
                if cursor.rowcount:
                    result.copies += 1
                else:
                    result.duplicates += 1
            for row in data["search"]:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO search_log(ts, query, shop_id, hits, copied, agent, source, source_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        str(row[1]),
                        mask_query(str(row[2])),
                        shops.get(str(row[3])),
                        int(row[4]),
                        int(row[5]),
                        str(row[6]),
                        source,
                        row[0],
                    ),
                )
                if cursor.rowcount:
                    result.searches += 1
                else:
                    result.duplicates += 1
    return result
