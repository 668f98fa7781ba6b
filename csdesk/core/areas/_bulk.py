"""Writing thousands of new entries in one go (file imports, team updates, ``create_many``).

Each new entry needs its row, its tags and its first version. Written one statement at a time (and version 1 built
by reading every entry back), an import of 100,000 rows issued some 700,000 statements and spent 14 s here. This
module checks every draft as :meth:`EntriesArea.create` does, builds the rows and the version snapshots from the
drafts themselves, and writes them in chunks with ``executemany``: the same rows, a fraction of the time.

It works inside the caller's transaction and raises the same :class:`ValidationError` as a single create would.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from csdesk.core.areas._common import check_code_shape, clean_list, first_line, now_iso
from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.models import EntryDraft, Shop

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.storage import Database


class EntriesLike(Protocol):
    """What this module uses of ``lib.entries`` (an area module never imports another)."""

    @property
    def _db(self) -> Database: ...

    @property
    def _lib(self) -> Library: ...

    def _resolve_category(self, shop: Shop, category: str | int | None) -> int | None: ...


CHUNK = 2000
"""Drafts checked and written per round (progress is reported after each)."""

_BULK_CACHE_KB = 32 * 1024
"""SQLite page cache while writing many entries (a 100,000-row import gains nothing from more)."""

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""SQLite's ``lower()``, which shortcut codes are compared with, folds ASCII letters only."""

_INSERT_ENTRY = (
    "INSERT INTO entries(id, shop_id, category_id, title, code, reply, question, similar, scenario, guidance, basis, "
    "enabled, sort_order, origin, origin_ref, created_at, created_by, updated_at, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class _Codes:
    """The live shortcut codes of each shop (read once per shop), plus those of the drafts written so far."""

    def __init__(self, area: EntriesLike) -> None:
        self._area = area
        self._by_shop: dict[int, dict[str, tuple[str, str]]] = {}

    def claim(self, shop_id: int, code: str, entry_id: str, title: str) -> None:
        """Note ``code`` as ``entry_id``'s; ValidationError when another entry of the shop has it."""
        check_code_shape(code)
        codes = self._by_shop.get(shop_id)
        if codes is None:
            rows = self._area._db.all(
                "SELECT code, id, title FROM entries WHERE shop_id = ? AND code != '' AND deleted_at IS NULL",
                (shop_id,),
            )
            codes = self._by_shop[shop_id] = {}
            for row in rows:
                codes.setdefault(str(row[0]).translate(_ASCII_LOWER), (str(row[1]), str(row[2])))
        key = code.translate(_ASCII_LOWER)
        owner = codes.get(key)
        if owner is not None and owner[0] != entry_id:
            raise ValidationError(
                f"快捷编码「{code}」在本店已被「{owner[1]}」使用。",
                f"The code '{code}' is already used by '{owner[1]}' in this shop.",
            )
        codes[key] = (entry_id, title)


def insert_new_entries(
    area: EntriesLike,
    drafts: Sequence[EntryDraft],
    *,
    action: str,
    progress: Callable[[int, int], bool] | None = None,
) -> list[str]:
    """Insert ``drafts`` (already size-checked) with their tags and version 1; their ids in the drafts' order.

    Inside the caller's transaction. Raises ValidationError for the first draft that cannot be an entry (an empty
    reply and question, a code or id already taken), and CsdeskError("已取消") when ``progress`` returns False.
    """
    db = area._db
    ids: list[str] = []
    # Random ids land all over the entries' indexes: with SQLite's default 2 MB page cache, 100,000 inserts spent a
    # third of their time re-reading pages. A bigger cache for this write only (memory is taken only as used).
    cache = db.scalar("PRAGMA cache_size")
    db.execute(f"PRAGMA cache_size = {min(int(cache or 0), -_BULK_CACHE_KB)}")
    try:
        _insert_chunks(area, drafts, ids, action=action, progress=progress)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache or -2000)}")
    return ids


def _insert_chunks(
    area: EntriesLike,
    drafts: Sequence[EntryDraft],
    ids: list[str],
    *,
    action: str,
    progress: Callable[[int, int], bool] | None,
) -> None:
    db, lib = area._db, area._lib
    shops: dict[object, Shop] = {}
    categories: dict[tuple[int, object], int | None] = {}
    codes = _Codes(area)
    stamp, who = now_iso(), lib.agent
    for start in range(0, len(drafts), CHUNK):
        chunk = drafts[start : start + CHUNK]
        _refuse_taken_ids(area, chunk)
        rows: list[tuple[Any, ...]] = []
        tags: list[tuple[str, str]] = []
        snapshots: list[dict[str, Any]] = []
        for draft in chunk:
            shop = shops.get(draft.shop)
            if shop is None:
                shop = shops[draft.shop] = lib.shops.get(draft.shop)
            key = (shop.id, draft.category)
            if key not in categories:
                categories[key] = area._resolve_category(shop, draft.category)
            category_id = categories[key]
            reply, question = draft.reply.strip("\n"), draft.question.strip()
            if not reply.strip() and not question:
                raise ValidationError("条目至少要有回复或问题。", "An entry needs a reply or a question.")
            title = draft.title.strip() or question or first_line(reply)
            entry_id = draft.id or str(uuid.uuid4())
            code = draft.code.strip()
            if code:
                codes.claim(shop.id, code, entry_id, title)
            similar = clean_list(draft.similar)
            entry_tags = clean_list(draft.tags)
            scenario, guidance, basis = draft.scenario.strip(), draft.guidance.strip(), draft.basis.strip()
            rows.append(
                (
                    entry_id, shop.id, category_id, title, code, reply, question,
                    json.dumps(similar, ensure_ascii=False), scenario, guidance, basis, int(draft.enabled),
                    draft.sort_order, draft.origin, draft.origin_ref, stamp, who, stamp, who,
                )
            )  # fmt: skip
            tags.extend((entry_id, tag) for tag in entry_tags)
            snapshots.append(
                {
                    "id": entry_id, "shop_id": shop.id, "category_id": category_id, "title": title, "reply": reply,
                    "code": code, "question": question, "similar": similar, "scenario": scenario,
                    "guidance": guidance, "basis": basis, "tags": entry_tags, "enabled": bool(draft.enabled),
                    "sort_order": draft.sort_order, "origin": draft.origin, "origin_ref": draft.origin_ref,
                    "created_at": stamp, "created_by": who, "updated_at": stamp, "updated_by": who,
                    "deleted_at": None, "shop_name": shop.name, "category_path": category_id,
                    "variants": [], "asset_ids": [], "asset_titles": {}, "examples": [],
                }
            )  # fmt: skip
            ids.append(entry_id)
        paths = lib.categories.paths({s["category_id"] for s in snapshots if s["category_id"] is not None})
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        versions = []
        for snapshot in snapshots:
            category = snapshot["category_path"]
            snapshot["category_path"] = "" if category is None else paths.get(category, "")
            versions.append((snapshot["id"], 1, action, stamp, who, dumps(snapshot)))
        with db.lock:
            db.conn.executemany(_INSERT_ENTRY, rows)
            db.conn.executemany("INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)", tags)
            db.conn.executemany(
                "INSERT INTO entry_versions(entry_id, version, action, changed_at, changed_by, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                versions,
            )
        if progress and progress(start + len(chunk), len(drafts)) is False:
            raise CsdeskError("已取消。", "Cancelled.")


def _refuse_taken_ids(area: EntriesLike, drafts: Sequence[EntryDraft]) -> None:
    """ValidationError when a draft brings an id (a bundle, a team update) that an entry already has, or that an
    earlier draft of the batch brings."""
    wanted = [d.id for d in drafts if d.id]
    seen: set[str] = set()
    for entry_id in wanted:
        if entry_id in seen:
            raise ValidationError(
                f"条目编号「{entry_id}」已存在。", f"The entry id '{entry_id}' already exists."
            )
        seen.add(entry_id)
    for start in range(0, len(wanted), 900):
        part = wanted[start : start + 900]
        row = area._db.one(
            f"SELECT id FROM entries WHERE id IN ({','.join('?' * len(part))}) LIMIT 1", tuple(part)
        )
        if row is not None:
            raise ValidationError(f"条目编号「{row[0]}」已存在。", f"The entry id '{row[0]}' already exists.")
