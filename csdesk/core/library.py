"""The ``Library`` façade: the one door through which the GUI, the CLI and the formats reach a library.

It owns the SQLite database (the truth) and the Whoosh index (derived). Every change runs in one transaction, bumps
the index generation, and updates the index in the same call; an index that is missing, corrupt or of another
generation is rebuilt. All methods are safe to call from any thread (one connection behind a lock; the index
has its own locking).
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from csdesk.core import render as render_mod
from csdesk.core.assetstore import DEFAULT_MAX_ASSET_BYTES, AssetStore, guess_mime
from csdesk.core.errors import CsdeskError, LibraryLockedError, Message, NotFoundError, ValidationError
from csdesk.core.masking import mask_query
from csdesk.core.models import (
    SHARED_SHOP_NAME,
    Asset,
    Category,
    Customer,
    Entry,
    EntryDraft,
    EntryVersion,
    Example,
    PlaceholderDef,
    RenderResult,
    Rule,
    RuleHit,
    SearchHit,
    Shop,
    Sop,
    SopStep,
    Tag,
    TagGroup,
    Variant,
)
from csdesk.core.paths import HomeLayout
from csdesk.core.rules import RuleChecker, builtin_rule_versions, load_builtin_rules
from csdesk.core.search import IndexDoc, IndexUnavailableError, SearchIndex, highlight_spans
from csdesk.core.storage import Database

log = logging.getLogger(__name__)

DEFAULT_ASSET_FOLDERS = ("尺码表", "安装视频", "质检报告")
ENTRY_TEXT_FIELDS = ("title", "code", "reply", "question", "scenario", "guidance", "basis")
_HIGHLIGHT_FIELDS = ("title", "code", "question", "reply")
_INDEX_LOCK_WAIT_S = 0.5
"""How long an edit waits for another program's index writer before its index update is queued and retried."""


class _Keep:
    """Type of :data:`KEEP`: "leave this field as it is" where None is a meaningful value."""


KEEP = _Keep()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Change:
    """What a write changed, for listeners (the GUI refreshes its models from it)."""

    kind: str
    """``entries``, ``shops``, ``categories``, ``assets``, ``tags``, ``customers``, ``rules``, ``sops``, ``settings``,
    ``placeholders``, ``usage`` (an entry was copied: use counts and last-used times) or ``all``."""
    ids: tuple[str, ...] = ()


@dataclass
class DoctorReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Library:
    """A csdesk library in one home folder. Create with :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, layout: HomeLayout, database: Database, *, agent: str | None = None) -> None:
        self.layout = layout
        self.home = layout.root
        self._db = database
        self._index = SearchIndex(layout.index)
        self._assets = AssetStore(layout.assets)
        self._agent_override = agent
        self._listeners: list[Callable[[Change], None]] = []
        self._checker: RuleChecker | None = None
        self._checker_lock = threading.Lock()
        self._index_lock = threading.RLock()
        self._index_dirty = False
        self._index_pending: dict[str, None] = {}  # entry ids whose index update met another writer's lock
        self._index_retry: threading.Timer | None = None
        self._shared_shop_id: int | None = None
        self._index_rebuilt_on_open = False  # reported by doctor() as a repair

    # ------------------------------------------------------------------------------------------------------
    # Opening and closing
    # ------------------------------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        home: str | Path,
        *,
        demo: bool = True,
        agent: str | None = None,
        build_index: bool = True,
    ) -> Library:
        """Open the library in ``home``, creating it (with the demo content unless ``demo=False``) when new.

        ``build_index=False`` skips a needed index rebuild so the GUI can run it in a worker with progress
        (:meth:`index_is_current`, :meth:`rebuild_index`).
        """
        layout = HomeLayout(Path(home))
        layout.prepare()
        database = Database(layout.database)
        try:
            database.migrate()
        except BaseException:
            database.close()
            raise
        lib = cls(layout, database, agent=agent)
        try:
            created = lib._meta("initialised") is None
            if created:
                lib._initialise(demo=demo)
            else:
                lib._upgrade_builtin_rules()
            if build_index and not lib.index_is_current():
                lib._index_rebuilt_on_open = not created
                lib.rebuild_index()
        except BaseException:
            lib.close()
            raise
        return lib

    @classmethod
    def open_memory(cls, home: str | Path, *, demo: bool = False) -> Library:
        """A library whose database lives in memory (tests); index and assets still go under ``home``."""
        layout = HomeLayout(Path(home))
        layout.prepare()
        database = Database(":memory:")
        database.migrate()
        lib = cls(layout, database)
        lib._initialise(demo=demo)
        lib.rebuild_index()
        return lib

    def close(self) -> None:
        self._stop_index_retry()
        self._index.close()
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _initialise(self, *, demo: bool) -> None:
        """Fill a new library: shared scope, asset folders, built-in rules, the demo; ``initialised`` set last.

        One transaction, so an interrupted start leaves nothing half-made behind (the next open starts over) and
        a second process opening the same new home waits for the write lock, then finds the library initialised.
        The search index is written once, after the commit (the caller rebuilds it).
        """
        with self._db.transaction():
            if self._meta("initialised") is not None:
                return  # another process initialised it while we waited for the lock
            # A library that already has content but no mark (a meta row lost, or a start interrupted by an
            # older csdesk that committed step by step) is kept as it is: no demo or built-in rules on top of it.
            has_content = bool(
                self._db.scalar("SELECT 1 FROM shops WHERE is_shared = 0 LIMIT 1")
                or self._db.scalar("SELECT 1 FROM entries LIMIT 1")
                or self._db.scalar("SELECT 1 FROM rules LIMIT 1")
            )
            self._ensure_shared_shop()
            for position, name in enumerate(DEFAULT_ASSET_FOLDERS):
                self._db.execute(
                    "INSERT OR IGNORE INTO asset_folders(name, sort_order) VALUES (?, ?)", (name, position)
                )
            if self._meta("created_at") is None:
                self._set_meta("created_at", now_iso())
            if has_content:
                log.warning("library %s had content but no 'initialised' mark; kept as it is", self.home)
            else:
                for rule in load_builtin_rules():
                    self._insert_rule(rule)
                self._set_builtin_rule_versions(builtin_rule_versions())
                if demo:
                    from csdesk.core.demo import load_demo

                    self._index_dirty = True  # the demo's writes skip their per-call index updates
                    load_demo(self)
            self._set_meta("initialised", "1")

    # ------------------------------------------------------------------------------------------------------
    # Listeners, meta, settings
    # ------------------------------------------------------------------------------------------------------
    def add_listener(self, callback: Callable[[Change], None]) -> None:
        """Call ``callback(change)`` after every committed write (from the writing thread)."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[Change], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _notify(self, kind: str, ids: Iterable[str] = ()) -> None:
        change = Change(kind, tuple(ids))
        for callback in list(self._listeners):
            try:
                callback(change)
            except Exception:  # a broken listener must not undo a committed write
                log.exception("library listener failed")

    def notify_outside_change(self) -> None:
        """Another process changed the library (``data_version`` moved): listeners reload everything."""
        self._notify("all")

    def _meta(self, key: str) -> str | None:
        value = self._db.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def setting(self, key: str, default: Any = None) -> Any:
        """A library setting (``agent_name``, ``team_folder`` …) or ``default``."""
        raw = self._db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        if raw is None:
            return default
        try:
            return json.loads(str(raw))
        except ValueError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
            (key, json.dumps(value, ensure_ascii=False)),
        )
        self._notify("settings", (key,))

    @property
    def agent(self) -> str:
        """Who is making changes (recorded on entries and in the usage log)."""
        return self._agent_override or str(self.setting("agent_name", "") or "")

    @property
    def data_version(self) -> int:
        """Changes whenever another connection commits (PRAGMA data_version): lets the GUI notice the CLI's writes."""
        return int(self._db.scalar("PRAGMA data_version") or 0)

    @property
    def is_empty(self) -> bool:
        return not self._db.scalar("SELECT 1 FROM entries LIMIT 1")

    # ------------------------------------------------------------------------------------------------------
    # Shops
    # ------------------------------------------------------------------------------------------------------
    def _ensure_shared_shop(self) -> int:
        row = self._db.one("SELECT id FROM shops WHERE is_shared = 1")
        if row:
            return int(row[0])
        cur = self._db.execute(
            "INSERT INTO shops(name, platform, is_shared, sort_order, created_at) VALUES (?, '', 1, -1, ?)",
            (SHARED_SHOP_NAME, now_iso()),
        )
        return int(cur.lastrowid or 0)

    @property
    def shared_shop(self) -> Shop:
        row = self._db.one("SELECT * FROM shops WHERE is_shared = 1")
        if row is None:
            with self._db.transaction():
                self._ensure_shared_shop()
            row = self._db.one("SELECT * FROM shops WHERE is_shared = 1")
        assert row is not None
        return _shop(row)

    def shops(self) -> list[Shop]:
        """All shops, the shared scope 通用 first."""
        return [_shop(r) for r in self._db.all("SELECT * FROM shops ORDER BY is_shared DESC, sort_order, id")]

    def shop(self, ref: str | int | Shop | None) -> Shop:
        """A shop by name or id; ``None`` or ``""`` is the shared scope. Raises NotFoundError for an unknown one."""
        if isinstance(ref, Shop):
            return ref
        if ref is None or ref == "":
            return self.shared_shop
        if isinstance(ref, int):
            row = self._db.one("SELECT * FROM shops WHERE id = ?", (ref,))
        else:
            row = self._db.one("SELECT * FROM shops WHERE name = ?", (ref.strip(),))
        if row is None:
            names = "、".join(s.name for s in self.shops())
            raise NotFoundError(
                f"没有名为「{ref}」的店铺。现有店铺:{names}", f"No shop named '{ref}'. Shops: {names}"
            )
        return _shop(row)

    def add_shop(self, name: str, platform: str = "") -> Shop:
        name = name.strip()
        if not name:
            raise ValidationError("店铺名不能为空。", "A shop needs a name.")
        if self._db.one("SELECT 1 FROM shops WHERE name = ?", (name,)):
            raise ValidationError(f"店铺「{name}」已存在。", f"The shop '{name}' already exists.")
        with self._db.transaction():
            order = int(self._db.scalar("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM shops") or 0)
            cur = self._db.execute(
                "INSERT INTO shops(name, platform, sort_order, created_at) VALUES (?, ?, ?, ?)",
                (name, platform.strip(), order, now_iso()),
            )
        self._notify("shops")
        return self.shop(int(cur.lastrowid or 0))

    def ensure_shop(self, name: str | None, platform: str = "") -> Shop:
        """The shop with this name, created when missing (import files name shops freely)."""
        if not name or not name.strip() or name.strip() == SHARED_SHOP_NAME:
            return self.shared_shop
        try:
            return self.shop(name.strip())
        except NotFoundError:
            return self.add_shop(name, platform)

    def update_shop(self, shop: str | int, *, name: str | None = None, platform: str | None = None) -> Shop:
        current = self.shop(shop)
        new_name = current.name if name is None else name.strip()
        if not new_name:
            raise ValidationError("店铺名不能为空。", "A shop needs a name.")
        if current.is_shared and new_name != current.name:
            raise ValidationError("通用范围不能改名。", "The shared scope cannot be renamed.")
        clash = self._db.one("SELECT id FROM shops WHERE name = ? AND id != ?", (new_name, current.id))
        if clash:
            raise ValidationError(f"店铺「{new_name}」已存在。", f"The shop '{new_name}' already exists.")
        with self._db.transaction():
            self._db.execute(
                "UPDATE shops SET name = ?, platform = ? WHERE id = ?",
                (new_name, current.platform if platform is None else platform, current.id),
            )
            self._bump_generation()
        self._notify("shops")
        return self.shop(current.id)

    def shop_contents(self, shop: str | int) -> dict[str, int]:
        """What still belongs to a shop: ``entries`` (live), ``trashed``, ``sops``, ``rules``, ``customers``."""
        shop_id = self.shop(shop).id
        count = lambda sql: int(self._db.scalar(sql, (shop_id,)) or 0)  # noqa: E731
        return {
            "entries": count("SELECT COUNT(*) FROM entries WHERE shop_id = ? AND deleted_at IS NULL"),
            "trashed": count("SELECT COUNT(*) FROM entries WHERE shop_id = ? AND deleted_at IS NOT NULL"),
            "sops": count("SELECT COUNT(*) FROM sops WHERE shop_id = ?"),
            "rules": count("SELECT COUNT(*) FROM rules WHERE shop_id = ?"),
            "customers": count("SELECT COUNT(*) FROM customers WHERE shop_id = ?"),
        }

    def delete_shop(self, shop: str | int) -> None:
        """Delete a shop that holds nothing any more (its empty categories go with it).

        A shop with entries (in the trash too), SOPs, rules or customers is refused: deleting it would destroy them
        for good, outside the trash. Move or delete them first.
        """
        current = self.shop(shop)
        if current.is_shared:
            raise ValidationError("通用范围不能删除。", "The shared scope cannot be deleted.")
        held = self.shop_contents(current.id)
        if any(held.values()):
            zh_names = {"entries": "个条目", "trashed": "个回收站里的条目", "sops": "个流程", "rules": "条红线规则",
                        "customers": "个客户"}  # fmt: skip
            en_names = {"entries": "entries", "trashed": "entries in the trash", "sops": "SOPs", "rules": "rules",
                        "customers": "customers"}  # fmt: skip
            zh = "、".join(f"{n} {zh_names[k]}" for k, n in held.items() if n)
            en = ", ".join(f"{n} {en_names[k]}" for k, n in held.items() if n)
            raise ValidationError(
                f"店铺「{current.name}」里还有 {zh}。请先把它们移到别的店铺或删除(回收站里的要彻底删除),再删除店铺。",
                f"The shop '{current.name}' still holds {en}. Move them to another shop or delete them "
                "(purge the trashed ones) before deleting the shop.",
            )
        with self._db.transaction():
            self._db.execute("DELETE FROM shops WHERE id = ?", (current.id,))
            self._bump_generation()
        self._notify("shops")

    # ------------------------------------------------------------------------------------------------------
    # Categories
    # ------------------------------------------------------------------------------------------------------
    def categories(self, shop: str | int | None = None) -> list[Category]:
        """Categories of one shop (or of all shops when ``shop`` is ``"*"``), parents before children."""
        if shop == "*":
            rows = self._db.all("SELECT * FROM categories ORDER BY shop_id, sort_order, id")
        else:
            rows = self._db.all(
                "SELECT * FROM categories WHERE shop_id = ? ORDER BY sort_order, id", (self.shop(shop).id,)
            )
        by_id = {int(r["id"]): r for r in rows}
        paths: dict[int, str] = {}

        def path_of(cid: int) -> str:
            if cid not in paths:
                row = by_id[cid]
                parent = row["parent_id"]
                paths[cid] = (
                    row["name"]
                    if parent is None or parent not in by_id
                    else path_of(parent) + "/" + row["name"]
                )
            return paths[cid]

        cats = [
            Category(
                int(r["id"]),
                int(r["shop_id"]),
                r["parent_id"],
                r["name"],
                int(r["sort_order"]),
                path_of(int(r["id"])),
            )
            for r in rows
        ]
        return sorted(cats, key=lambda c: (c.path.count("/"), c.sort_order, c.id))

    def category(self, category_id: int) -> Category:
        row = self._db.one("SELECT shop_id FROM categories WHERE id = ?", (category_id,))
        if row is None:
            raise NotFoundError(f"分类 {category_id} 不存在。", f"Category {category_id} does not exist.")
        return next(c for c in self.categories(int(row[0])) if c.id == category_id)

    def category_path(self, category_id: int | None) -> str:
        if category_id is None:
            return ""
        parts = []
        current: int | None = category_id
        while current is not None:
            row = self._db.one("SELECT parent_id, name FROM categories WHERE id = ?", (current,))
            if row is None:
                break
            parts.append(row["name"])
            current = row["parent_id"]
        return "/".join(reversed(parts))

    def category_subtree(self, category_id: int) -> list[int]:
        rows = self._db.all(
            """WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
               SELECT id FROM sub""",
            (category_id,),
        )
        return [int(r[0]) for r in rows]

    @staticmethod
    def split_category_path(path: str) -> list[str]:
        """``售前/尺码`` → [售前, 尺码]; raises ValidationError for empty parts (``售前//尺码``)."""
        cleaned = path.strip().replace("\\", "/").replace(">", "/").strip("/")
        if not cleaned:
            return []
        parts = [p.strip() for p in cleaned.split("/")]
        if any(not p for p in parts):
            raise ValidationError(
                f"分类路径「{path}」中有空的层级。", f"The category path '{path}' has an empty level."
            )
        if any(len(p) > 40 for p in parts):
            raise ValidationError(f"分类路径「{path}」中有过长的名称。", f"A level of '{path}' is too long.")
        return parts

    def ensure_category(self, shop: str | int | None, path: str) -> int | None:
        """The id of the category at ``path`` in ``shop``, creating missing levels; None for an empty path."""
        shop_id = self.shop(shop).id
        parts = self.split_category_path(path)
        if not parts:
            return None
        parent: int | None = None
        created = False
        with self._db.transaction():
            for name in parts:
                row = self._db.one(
                    "SELECT id FROM categories WHERE shop_id = ? AND COALESCE(parent_id, 0) = ? AND name = ?",
                    (shop_id, parent or 0, name),
                )
                if row:
                    parent = int(row[0])
                    continue
                order = self._db.scalar(
                    "SELECT COALESCE(MAX(sort_order), -1) + 1 FROM categories WHERE shop_id = ? AND COALESCE(parent_id, 0) = ?",
                    (shop_id, parent or 0),
                )
                cur = self._db.execute(
                    "INSERT INTO categories(shop_id, parent_id, name, sort_order) VALUES (?, ?, ?, ?)",
                    (shop_id, parent, name, order),
                )
                parent = int(cur.lastrowid or 0)
                created = True
        if created:
            self._notify("categories")
        return parent

    def rename_category(self, category_id: int, name: str) -> None:
        name = name.strip()
        if not name or "/" in name:
            raise ValidationError(
                "分类名不能为空,也不能包含 /。", "A category name cannot be empty or contain '/'."
            )
        cat = self.category(category_id)
        clash = self._db.one(
            "SELECT 1 FROM categories WHERE shop_id = ? AND COALESCE(parent_id, 0) = ? AND name = ? AND id != ?",
            (cat.shop_id, cat.parent_id or 0, name, category_id),
        )
        if clash:
            raise ValidationError(
                f"同一层级已有分类「{name}」。", f"A sibling category '{name}' already exists."
            )
        with self._db.transaction():
            self._db.execute("UPDATE categories SET name = ? WHERE id = ?", (name, category_id))
            generation = self._bump_generation()
        self._reindex_entries(self._entry_ids_in_categories(self.category_subtree(category_id)), generation)
        self._notify("categories")

    def move_category(self, category_id: int, new_parent_id: int | None, position: int | None = None) -> None:
        """Move a category under another parent (same shop) and/or to a position among its siblings."""
        cat = self.category(category_id)
        if new_parent_id is not None:
            parent = self.category(new_parent_id)
            if parent.shop_id != cat.shop_id:
                raise ValidationError("分类只能在同一店铺内移动。", "Categories move only within one shop.")
            if new_parent_id in self.category_subtree(category_id):
                raise ValidationError(
                    "不能把分类移到它自己的子分类下。", "A category cannot move under itself."
                )
        clash = self._db.one(
            "SELECT 1 FROM categories WHERE shop_id = ? AND COALESCE(parent_id, 0) = ? AND name = ? AND id != ?",
            (cat.shop_id, new_parent_id or 0, cat.name, category_id),
        )
        if clash:
            raise ValidationError(
                f"目标位置已有同名分类「{cat.name}」,可以改用合并。",
                f"A category '{cat.name}' exists there; merge instead.",
            )
        with self._db.transaction():
            siblings = [
                int(r[0])
                for r in self._db.all(
                    "SELECT id FROM categories WHERE shop_id = ? AND COALESCE(parent_id, 0) = ? AND id != ? ORDER BY sort_order, id",
                    (cat.shop_id, new_parent_id or 0, category_id),
                )
            ]
            index = len(siblings) if position is None else max(0, min(position, len(siblings)))
            siblings.insert(index, category_id)
            self._db.execute("UPDATE categories SET parent_id = ? WHERE id = ?", (new_parent_id, category_id))
            for order, cid in enumerate(siblings):
                self._db.execute("UPDATE categories SET sort_order = ? WHERE id = ?", (order, cid))
            generation = self._bump_generation()
        self._reindex_entries(self._entry_ids_in_categories(self.category_subtree(category_id)), generation)
        self._notify("categories")

    def merge_category(self, source_id: int, target_id: int) -> None:
        """Move everything in ``source`` (entries, sub-categories) into ``target`` and delete ``source``."""
        source, target = self.category(source_id), self.category(target_id)
        if source.shop_id != target.shop_id:
            raise ValidationError("只能合并同一店铺的分类。", "Only categories of one shop can be merged.")
        if target_id in self.category_subtree(source_id):
            raise ValidationError("不能合并到自己的子分类。", "Cannot merge a category into its own child.")
        affected = self._entry_ids_in_categories(self.category_subtree(source_id))
        with self._db.transaction():
            self._db.execute(
                "UPDATE entries SET category_id = ? WHERE category_id = ?", (target_id, source_id)
            )
            for child in self._db.all("SELECT id, name FROM categories WHERE parent_id = ?", (source_id,)):
                twin = self._db.one(
                    "SELECT id FROM categories WHERE parent_id = ? AND name = ?", (target_id, child["name"])
                )
                if twin:
                    self.merge_category(int(child["id"]), int(twin[0]))
                else:
                    self._db.execute(
                        "UPDATE categories SET parent_id = ? WHERE id = ?", (target_id, child["id"])
                    )
            self._db.execute("DELETE FROM categories WHERE id = ?", (source_id,))
            generation = self._bump_generation()
        self._reindex_entries(affected, generation)
        self._notify("categories")

    def delete_category(self, category_id: int) -> None:
        """Delete an empty category (its sub-categories must be empty too)."""
        subtree = self.category_subtree(category_id)
        if self._entry_ids_in_categories(subtree, include_deleted=False):
            raise ValidationError(
                "分类下还有条目,请先移走或删除这些条目。",
                "The category still holds entries; move or delete them first.",
            )
        with self._db.transaction():
            self._db.execute("DELETE FROM categories WHERE id = ?", (category_id,))
        self._notify("categories")

    def _entry_ids_in_categories(
        self, category_ids: Sequence[int], *, include_deleted: bool = True
    ) -> list[str]:
        if not category_ids:
            return []
        marks = ",".join("?" * len(category_ids))
        extra = "" if include_deleted else " AND deleted_at IS NULL"
        return [
            r[0]
            for r in self._db.all(
                f"SELECT id FROM entries WHERE category_id IN ({marks}){extra}", tuple(category_ids)
            )
        ]

    # ------------------------------------------------------------------------------------------------------
    # Entries
    # ------------------------------------------------------------------------------------------------------
    def get(self, entry_id: str) -> Entry:
        """The entry with this id (also when it is in the trash). Raises NotFoundError."""
        entries = self._load_entries([entry_id])
        if not entries:
            raise NotFoundError(f"找不到条目「{entry_id}」。", f"No entry '{entry_id}'.")
        return entries[0]

    def get_many(self, entry_ids: Sequence[str]) -> list[Entry]:
        """Entries in the order asked; unknown ids are left out."""
        by_id = {e.id: e for e in self._load_entries(entry_ids)}
        return [by_id[i] for i in entry_ids if i in by_id]

    def find(self, ref: str, *, shop: str | int | None = None) -> Entry:
        """An entry by id or by shortcut code (case-insensitive).

        A code that exists in several shops needs ``shop``; with a shop, its own code wins over 通用's.
        """
        ref = ref.strip()
        if _looks_like_uuid(ref):
            entry = self.get(ref)
            if entry.deleted_at is None:
                return entry
        if shop is not None and shop != "":
            target = self.shop(shop)
            for shop_id in dict.fromkeys((target.id, self.shared_shop.id)):
                row = self._db.one(
                    "SELECT id FROM entries WHERE shop_id = ? AND lower(code) = lower(?) AND code != '' AND deleted_at IS NULL",
                    (shop_id, ref),
                )
                if row:
                    return self.get(row[0])
            raise NotFoundError(
                f"店铺「{target.name}」里没有快捷编码为「{ref}」的条目。",
                f"No entry with code '{ref}' in '{target.name}'.",
            )
        rows = self._db.all(
            "SELECT e.id, s.name FROM entries e JOIN shops s ON s.id = e.shop_id "
            "WHERE lower(e.code) = lower(?) AND e.deleted_at IS NULL",
            (ref,),
        )
        if not rows:
            raise NotFoundError(
                f"没有编号或快捷编码为「{ref}」的条目。", f"No entry with id or code '{ref}'."
            )
        if len(rows) > 1:
            names = "、".join(r[1] for r in rows)
            raise ValidationError(
                f"快捷编码「{ref}」在多个店铺中都有({names}),请用 --shop 指定店铺。",
                f"The code '{ref}' exists in several shops ({names}); name one with --shop.",
            )
        return self.get(rows[0][0])

    def entries(
        self,
        *,
        shop: str | int | None = "*",
        category: int | None = None,
        include_disabled: bool = True,
        deleted: bool = False,
        tag: str | None = None,
    ) -> list[Entry]:
        """Entries for lists and exports. ``shop="*"`` means every shop; ``deleted=True`` lists the trash."""
        where: list[str] = ["e.deleted_at IS NOT NULL" if deleted else "e.deleted_at IS NULL"]
        params: list[object] = []
        if shop != "*":
            where.append("e.shop_id = ?")
            params.append(self.shop(shop).id)
        if category is not None:
            cats = self.category_subtree(category)
            where.append(f"e.category_id IN ({','.join('?' * len(cats))})")
            params.extend(cats)
        if not include_disabled:
            where.append("e.enabled = 1")
        if tag:
            where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)")
            params.append(tag)
        rows = self._db.all(
            f"SELECT e.id FROM entries e WHERE {' AND '.join(where)} ORDER BY e.shop_id, e.category_id, e.sort_order, e.created_at",
            tuple(params),
        )
        return self._load_entries([r[0] for r in rows])

    def count_entries(self) -> int:
        return int(self._db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL") or 0)

    # Counts and names for the workbench's lists, in SQL: reading 100,000 entries to count them takes seconds.
    def entry_counts(self, *, by: str = "shop", shop: str | int | None = "*") -> dict[int, int]:
        """Live entries per shop id (``by="shop"``) or per category id (``by="category"``, of ``shop``)."""
        column = {"shop": "shop_id", "category": "category_id"}[by]
        where, params = "deleted_at IS NULL", tuple[int, ...]()
        if shop != "*":
            where, params = where + " AND shop_id = ?", (self.shop(shop).id,)
        sql = (
            f"SELECT {column}, COUNT(*) FROM entries WHERE {where} AND {column} IS NOT NULL GROUP BY {column}"
        )
        return {int(r[0]): int(r[1]) for r in self._db.all(sql, params)}

    def entry_tag_names(self) -> list[str]:
        """Every tag on a live entry, by name (each distinct tag, then one live entry that has it: by index)."""
        sql = (
            "SELECT d.tag FROM (SELECT DISTINCT tag FROM entry_tags) d WHERE EXISTS (SELECT 1 FROM entry_tags t "
            "JOIN entries e ON e.id = t.entry_id WHERE t.tag = d.tag AND e.deleted_at IS NULL) ORDER BY d.tag"
        )
        return [r[0] for r in self._db.all(sql)]

    def entries_with_examples(self) -> list[Entry]:
        """Live entries that have good or bad examples, in the order of :meth:`entries`."""
        rows = self._db.all(
            "SELECT e.id FROM entries e WHERE e.deleted_at IS NULL AND EXISTS "
            "(SELECT 1 FROM examples x WHERE x.entry_id = e.id) "
            "ORDER BY e.shop_id, e.category_id, e.sort_order, e.created_at"
        )
        return self._load_entries([r[0] for r in rows])

    def create(self, draft: EntryDraft, *, action: str = "create") -> Entry:
        """Create an entry. Raises ValidationError for an empty reply/question or a duplicate code."""
        return self.create_many([draft], action=action)[0]

    def create_many(
        self,
        drafts: Sequence[EntryDraft],
        *,
        action: str = "create",
        progress: Callable[[int, int], bool] | None = None,
    ) -> list[Entry]:
        """Create many entries in one transaction (all or nothing) and index them in one write."""
        ids: list[str] = []
        shops: dict[object, Shop] = {}
        categories: dict[tuple[int, object], int | None] = {}
        with self._db.transaction():
            for position, draft in enumerate(drafts):
                ids.append(self._insert_entry(draft, shops=shops, categories=categories))
                if progress and position % 200 == 0 and progress(position, len(drafts)) is False:
                    raise CsdeskError("已取消。", "Cancelled.")
            self._record_first_versions(ids, action)
            generation = self._bump_generation()
        self._reindex_entries(ids, generation)
        self._notify("entries", ids)
        return self.get_many(ids)

    def _insert_entry(
        self,
        draft: EntryDraft,
        *,
        shops: dict[object, Shop],
        categories: dict[tuple[int, object], int | None],
    ) -> str:
        """Insert one entry row with its tags (no version yet); ``shops``/``categories`` cache lookups for a batch."""
        shop = shops.get(draft.shop)
        if shop is None:
            shop = shops[draft.shop] = self.shop(draft.shop)
        key = (shop.id, draft.category)
        if key not in categories:
            categories[key] = self._resolve_category(shop, draft.category)
        category_id = categories[key]
        reply, question = draft.reply.strip("\n"), draft.question.strip()
        if not reply.strip() and not question:
            raise ValidationError("条目至少要有回复或问题。", "An entry needs a reply or a question.")
        title = draft.title.strip() or question or _first_line(reply)
        code = draft.code.strip()
        self._check_code(shop.id, code, None)
        entry_id = draft.id or str(uuid.uuid4())
        if self._db.one("SELECT 1 FROM entries WHERE id = ?", (entry_id,)):
            raise ValidationError(
                f"条目编号「{entry_id}」已存在。", f"The entry id '{entry_id}' already exists."
            )
        stamp, who = now_iso(), self.agent
        self._db.execute(
            """INSERT INTO entries(id, shop_id, category_id, title, code, reply, question, similar, scenario, guidance,
                   basis, enabled, sort_order, origin, origin_ref, created_at, created_by, updated_at, updated_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                entry_id, shop.id, category_id, title, code, reply, question,
                json.dumps(_clean_list(draft.similar), ensure_ascii=False), draft.scenario.strip(),
                draft.guidance.strip(), draft.basis.strip(), int(draft.enabled), draft.sort_order,
                draft.origin, draft.origin_ref, stamp, who, stamp, who,
            ),
        )  # fmt: skip
        self._set_tags(entry_id, draft.tags)
        return entry_id

    def _record_first_versions(self, entry_ids: Sequence[str], action: str) -> None:
        """Version 1 of new entries, written in bulk (an import of thousands must not read each one back alone)."""
        stamp, who = now_iso(), self.agent
        for start in range(0, len(entry_ids), 900):
            rows = [
                (entry.id, 1, action, stamp, who, json.dumps(_snapshot(entry), ensure_ascii=False))
                for entry in self._load_entry_chunk(list(entry_ids[start : start + 900]))
            ]
            with self._db.lock:
                self._db.conn.executemany(
                    "INSERT INTO entry_versions(entry_id, version, action, changed_at, changed_by, data) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )

    def update(self, entry_id: str, **changes: Any) -> Entry:
        """Change fields of an entry: any of title, code, reply, question, similar, scenario, guidance, basis, tags,
        enabled, sort_order, category (path or id), shop (name or id), origin."""
        self.update_many([entry_id], **changes)
        return self.get(entry_id)

    def update_many(self, entry_ids: Sequence[str], **changes: Any) -> None:
        """Apply the same changes to many entries in one transaction (bulk edit)."""
        allowed = set(ENTRY_TEXT_FIELDS) | {
            "similar",
            "tags",
            "enabled",
            "sort_order",
            "category",
            "shop",
            "origin",
            "origin_ref",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(f"unknown entry fields: {sorted(unknown)}")
        with self._db.transaction():
            for entry_id in entry_ids:
                self._update_entry_row(self.get(entry_id), changes)
            generation = self._bump_generation()
        self._reindex_entries(list(entry_ids), generation)
        self._notify("entries", entry_ids)

    def update_each(
        self,
        changes_by_id: Mapping[str, Mapping[str, Any]],
        *,
        progress: Callable[[int, int], bool] | None = None,
    ) -> None:
        """Apply different changes to many entries in one transaction and one index write (file imports)."""
        allowed = set(ENTRY_TEXT_FIELDS) | {
            "similar",
            "tags",
            "enabled",
            "sort_order",
            "category",
            "shop",
            "origin",
            "origin_ref",
        }
        for changes in changes_by_id.values():
            unknown = set(changes) - allowed
            if unknown:
                raise TypeError(f"unknown entry fields: {sorted(unknown)}")
        ids = list(changes_by_id)
        with self._db.transaction():
            for position, entry_id in enumerate(ids):
                self._update_entry_row(self.get(entry_id), dict(changes_by_id[entry_id]))
                if progress and position % 200 == 0 and progress(position, len(ids)) is False:
                    raise CsdeskError("已取消。", "Cancelled.")
            generation = self._bump_generation()
        self._reindex_entries(ids, generation)
        self._notify("entries", ids)

    def _update_entry_row(self, current: Entry, changes: dict[str, Any], *, action: str = "update") -> None:
        shop = self.shop(changes["shop"]) if "shop" in changes else self.shop(current.shop_id)
        if "category" in changes:
            category_id = self._resolve_category(shop, changes["category"])
        elif shop.id != current.shop_id:
            category_id = (
                self.ensure_category(shop.id, current.category_path) if current.category_path else None
            )
        else:
            category_id = current.category_id
        values: dict[str, Any] = {}
        for name in ENTRY_TEXT_FIELDS:
            if name in changes:
                values[name] = (
                    str(changes[name] or "").strip()
                    if name != "reply"
                    else str(changes[name] or "").strip("\n")
                )
        reply = values.get("reply", current.reply)
        question = values.get("question", current.question)
        if not reply.strip() and not question.strip():
            raise ValidationError("条目至少要有回复或问题。", "An entry needs a reply or a question.")
        if "title" in values and not values["title"]:
            values["title"] = question or _first_line(reply)
        code = values.get("code", current.code)
        if "code" in values or shop.id != current.shop_id:
            self._check_code(shop.id, code, current.id)
        if "similar" in changes:
            values["similar"] = json.dumps(_clean_list(changes["similar"]), ensure_ascii=False)
        for name in ("enabled", "sort_order"):
            if name in changes:
                values[name] = int(changes[name])
        for name in ("origin", "origin_ref"):
            if name in changes:
                values[name] = str(changes[name])
        values.update(shop_id=shop.id, category_id=category_id, updated_at=now_iso(), updated_by=self.agent)
        assignments = ", ".join(f"{k} = ?" for k in values)
        self._db.execute(f"UPDATE entries SET {assignments} WHERE id = ?", (*values.values(), current.id))
        if "tags" in changes:
            self._set_tags(current.id, changes["tags"])
        self._record_version(current.id, action)

    def _touch(self, entry_ids: Iterable[str]) -> None:
        """Record who changed these entries and when (inside the caller's transaction)."""
        stamp, who = now_iso(), self.agent
        for entry_id in entry_ids:
            self._db.execute(
                "UPDATE entries SET updated_at = ?, updated_by = ? WHERE id = ?", (stamp, who, entry_id)
            )

    def add_tags(self, entry_ids: Sequence[str], tags: Iterable[str]) -> None:
        tags = _clean_list(tags)
        with self._db.transaction():
            for entry_id in entry_ids:
                for tag in tags:
                    self._db.execute(
                        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)", (entry_id, tag)
                    )
                self._touch([entry_id])
                self._record_version(entry_id, "update")
            generation = self._bump_generation()
        self._reindex_entries(list(entry_ids), generation)
        self._notify("entries", entry_ids)

    def remove_tags(self, entry_ids: Sequence[str], tags: Iterable[str]) -> None:
        tags = _clean_list(tags)
        with self._db.transaction():
            for entry_id in entry_ids:
                for tag in tags:
                    self._db.execute("DELETE FROM entry_tags WHERE entry_id = ? AND tag = ?", (entry_id, tag))
                self._touch([entry_id])
                self._record_version(entry_id, "update")
            generation = self._bump_generation()
        self._reindex_entries(list(entry_ids), generation)
        self._notify("entries", entry_ids)

    def delete(self, entry_id: str) -> None:
        """Move an entry to the trash (restorable)."""
        self.delete_many([entry_id])

    def delete_many(self, entry_ids: Sequence[str]) -> None:
        stamp = now_iso()
        with self._db.transaction():
            for entry_id in entry_ids:
                self.get(entry_id)
                self._db.execute(
                    "UPDATE entries SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                    (stamp, stamp, self.agent, entry_id),
                )
                self._record_version(entry_id, "delete")
            generation = self._bump_generation()
        self._update_index([], list(entry_ids), generation)
        self._notify("entries", entry_ids)

    def restore(self, entry_id: str) -> Entry:
        """Take an entry out of the trash. A code taken meanwhile by another entry is cleared (and said so)."""
        entry = self.get(entry_id)
        with self._db.transaction():
            code = entry.code
            if code and self._code_owner(entry.shop_id, code, entry_id):
                code = ""
            category_id = entry.category_id
            if category_id is None and entry.deleted_at:
                # its category was deleted while it sat in the trash: build the path it had again
                path = self._path_when_trashed(entry_id)
                category_id = self.ensure_category(entry.shop_id, path) if path else None
            self._db.execute(
                "UPDATE entries SET deleted_at = NULL, code = ?, category_id = ?, updated_at = ?, updated_by = ? "
                "WHERE id = ?",
                (code, category_id, now_iso(), self.agent, entry_id),
            )
            self._record_version(entry_id, "restore")
            generation = self._bump_generation()
        self._reindex_entries([entry_id], generation)
        self._notify("entries", [entry_id])
        return self.get(entry_id)

    def _path_when_trashed(self, entry_id: str) -> str:
        """The category path saved with the entry's latest ``delete`` version ("" when it had none)."""
        raw = self._db.scalar(
            "SELECT data FROM entry_versions WHERE entry_id = ? AND action = 'delete' ORDER BY version DESC LIMIT 1",
            (entry_id,),
        )
        try:
            return str(json.loads(str(raw)).get("category_path") or "") if raw else ""
        except ValueError:
            return ""

    def trash(self) -> list[Entry]:
        return self.entries(deleted=True)

    def purge(self, entry_ids: Sequence[str] | None = None) -> int:
        """Delete entries from the trash for good (all of the trash when ``entry_ids`` is None)."""
        if entry_ids is None:
            entry_ids = [r[0] for r in self._db.all("SELECT id FROM entries WHERE deleted_at IS NOT NULL")]
        with self._db.transaction():
            for entry_id in entry_ids:
                self._db.execute("DELETE FROM entries WHERE id = ? AND deleted_at IS NOT NULL", (entry_id,))
            self._bump_generation(index_follows=True)
        self._notify("entries", entry_ids)
        return len(entry_ids)

    def history(self, entry_id: str) -> list[EntryVersion]:
        """Saved versions of an entry, newest first."""
        return [
            EntryVersion(
                int(r["id"]), r["entry_id"], int(r["version"]), r["action"], r["changed_at"], r["changed_by"],
                json.loads(r["data"]),
            )
            for r in self._db.all(
                "SELECT * FROM entry_versions WHERE entry_id = ? ORDER BY version DESC", (entry_id,)
            )
        ]  # fmt: skip

    def restore_version(self, entry_id: str, version: int) -> Entry:
        """Bring an entry back to the state saved as ``version``, in one transaction (recorded as a new version).

        Everything the snapshot holds comes back: the text fields, similar questions, tags, enabled, sort order,
        shop (by id, else by name; the current shop when it is gone), category (created again when it was
        deleted), linked assets that still exist, and — for versions that stored them — the variants.
        A trashed entry is taken out of the trash; a code another entry took meanwhile is cleared, as in
        :meth:`restore`.
        """
        snapshot = next((v for v in self.history(entry_id) if v.version == version), None)
        if snapshot is None:
            raise NotFoundError(f"条目没有第 {version} 版。", f"The entry has no version {version}.")
        data: dict[str, Any] = dict(snapshot.data)
        entry = self.get(entry_id)
        changes: dict[str, Any] = {
            k: data[k] for k in (*ENTRY_TEXT_FIELDS, "similar", "tags", "enabled", "sort_order") if k in data
        }
        shop = self._snapshot_shop(data, entry)
        changes["shop"] = shop.id
        if "category_path" in data:
            changes["category"] = data["category_path"] or None
        code = str(changes.get("code", entry.code) or "")
        if entry.deleted_at and code and self._code_owner(shop.id, code, entry_id):
            changes["code"] = ""
        with self._db.transaction():
            if entry.deleted_at:
                self._db.execute("UPDATE entries SET deleted_at = NULL WHERE id = ?", (entry_id,))
            if "asset_ids" in data:
                live_assets = {r[0] for r in self._db.all("SELECT id FROM assets WHERE deleted_at IS NULL")}
                self._db.execute("DELETE FROM entry_assets WHERE entry_id = ?", (entry_id,))
                for order, asset_id in enumerate(a for a in data["asset_ids"] if a in live_assets):
                    self._db.execute(
                        "INSERT OR IGNORE INTO entry_assets(entry_id, asset_id, sort_order) VALUES (?, ?, ?)",
                        (entry_id, asset_id, order),
                    )
            if "variants" in data:
                self._db.execute("DELETE FROM variants WHERE entry_id = ?", (entry_id,))
                for v in data["variants"]:
                    self._db.execute(
                        "INSERT INTO variants(id, entry_id, label, reply, target_tag, ab_group, enabled, sort_order) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (v["id"], entry_id, v.get("label", ""), v["reply"], v.get("target_tag", ""),
                         v.get("ab_group", ""), int(v.get("enabled", True)), int(v.get("sort_order", 0))),
                    )  # fmt: skip
            self._update_entry_row(self._load_entries([entry_id])[0], changes, action="restore")
            generation = self._bump_generation()
        self._reindex_entries([entry_id], generation)
        self._notify("entries", [entry_id])
        return self.get(entry_id)

    def _snapshot_shop(self, data: Mapping[str, Any], entry: Entry) -> Shop:
        """The shop a saved version was in: by id, else by name, else the entry's current shop."""
        for ref in (data.get("shop_id"), data.get("shop_name")):
            if ref in (None, ""):
                continue
            try:
                shop = self.shop(int(ref) if isinstance(ref, int) else str(ref))
            except NotFoundError:
                continue
            if isinstance(ref, int) and data.get("shop_name") and shop.name != data.get("shop_name"):
                continue  # the id was reused by another shop; try the name
            return shop
        return self.shop(entry.shop_id)

    def _resolve_category(self, shop: Shop, category: str | int | None) -> int | None:
        if category is None or category == "":
            return None
        if isinstance(category, int):
            cat = self.category(category)
            if cat.shop_id != shop.id:
                return self.ensure_category(shop.id, cat.path)
            return cat.id
        return self.ensure_category(shop.id, category)

    def _code_owner(self, shop_id: int, code: str, exclude: str | None) -> str | None:
        row = self._db.one(
            "SELECT id FROM entries WHERE shop_id = ? AND lower(code) = lower(?) AND code != '' AND deleted_at IS NULL AND id != ?",
            (shop_id, code, exclude or ""),
        )
        return None if row is None else str(row[0])

    def _check_code(self, shop_id: int, code: str, exclude: str | None) -> None:
        if not code:
            return
        if any(ch.isspace() for ch in code) or len(code) > 32:
            raise ValidationError(
                f"快捷编码「{code}」不能含空格,且不超过 32 个字符。",
                f"The code '{code}' must have no spaces, 32 chars max.",
            )
        owner = self._code_owner(shop_id, code, exclude)
        if owner:
            title = self._db.scalar("SELECT title FROM entries WHERE id = ?", (owner,))
            raise ValidationError(
                f"快捷编码「{code}」在本店已被「{title}」使用。",
                f"The code '{code}' is already used by '{title}' in this shop.",
            )

    def code_in_use(self, shop: str | int | None, code: str, exclude: str | None = None) -> Entry | None:
        """The entry of ``shop`` already using ``code`` (editor warning), or None."""
        owner = self._code_owner(self.shop(shop).id, code.strip(), exclude) if code.strip() else None
        return None if owner is None else self.get(owner)

    def _set_tags(self, entry_id: str, tags: Iterable[str]) -> None:
        self._db.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
        for tag in _clean_list(tags):
            self._db.execute("INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)", (entry_id, tag))

    def _record_version(self, entry_id: str, action: str) -> None:
        entry = self._load_entries([entry_id])[0]
        version = int(
            self._db.scalar(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM entry_versions WHERE entry_id = ?", (entry_id,)
            )
            or 1
        )
        data = _snapshot(entry)
        self._db.execute(
            "INSERT INTO entry_versions(entry_id, version, action, changed_at, changed_by, data) VALUES (?, ?, ?, ?, ?, ?)",
            (entry_id, version, action, now_iso(), self.agent, json.dumps(data, ensure_ascii=False)),
        )

    def _load_entries(self, entry_ids: Sequence[str]) -> list[Entry]:
        """Entries with their tags, variants, assets and examples, read in a handful of queries."""
        if not entry_ids:
            return []
        result: list[Entry] = []
        for start in range(0, len(entry_ids), 900):
            result.extend(self._load_entry_chunk(list(entry_ids[start : start + 900])))
        return result

    def _load_entry_chunk(self, ids: list[str]) -> list[Entry]:
        marks = ",".join("?" * len(ids))
        params = tuple(ids)
        rows = self._db.all(
            f"SELECT e.*, s.name AS shop_name FROM entries e JOIN shops s ON s.id = e.shop_id WHERE e.id IN ({marks})",
            params,
        )
        tags: dict[str, list[str]] = {}
        for r in self._db.all(
            f"SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ({marks}) ORDER BY rowid", params
        ):
            tags.setdefault(r[0], []).append(r[1])
        variants: dict[str, list[Variant]] = {}
        for r in self._db.all(
            f"SELECT * FROM variants WHERE entry_id IN ({marks}) ORDER BY sort_order, rowid", params
        ):
            variants.setdefault(r["entry_id"], []).append(_variant(r))
        assets: dict[str, list[str]] = {}
        for r in self._db.all(
            f"SELECT ea.entry_id, ea.asset_id FROM entry_assets ea JOIN assets a ON a.id = ea.asset_id "
            f"WHERE ea.entry_id IN ({marks}) AND a.deleted_at IS NULL ORDER BY ea.sort_order",
            params,
        ):
            assets.setdefault(r[0], []).append(r[1])
        examples: dict[str, list[Example]] = {}
        for r in self._db.all(f"SELECT * FROM examples WHERE entry_id IN ({marks}) ORDER BY id", params):
            examples.setdefault(r["entry_id"], []).append(
                Example(int(r["id"]), r["entry_id"], r["kind"], r["dialogue"], r["comment"])
            )
        paths = self._category_paths({r["category_id"] for r in rows if r["category_id"] is not None})
        by_id = {
            r["id"]: Entry(
                id=r["id"], shop_id=int(r["shop_id"]), category_id=r["category_id"], title=r["title"], reply=r["reply"],
                code=r["code"], question=r["question"], similar=tuple(json.loads(r["similar"] or "[]")),
                scenario=r["scenario"], guidance=r["guidance"], basis=r["basis"], tags=tuple(tags.get(r["id"], ())),
                enabled=bool(r["enabled"]), sort_order=int(r["sort_order"]), origin=r["origin"],
                origin_ref=r["origin_ref"], created_at=r["created_at"], created_by=r["created_by"],
                updated_at=r["updated_at"], updated_by=r["updated_by"], deleted_at=r["deleted_at"],
                shop_name=r["shop_name"], category_path=paths.get(r["category_id"], ""),
                variants=tuple(variants.get(r["id"], ())), asset_ids=tuple(assets.get(r["id"], ())),
                examples=tuple(examples.get(r["id"], ())),
            )
            for r in rows
        }  # fmt: skip
        return [by_id[i] for i in ids if i in by_id]

    def _category_paths(self, category_ids: set[int]) -> dict[int, str]:
        if not category_ids:
            return {}
        rows = self._db.all("SELECT id, parent_id, name FROM categories")
        parent = {int(r[0]): r[1] for r in rows}
        name = {int(r[0]): r[2] for r in rows}
        paths: dict[int, str] = {}
        for cid in category_ids:
            parts, current = [], cid
            while current is not None and current in name:
                parts.append(name[current])
                current = parent[current]
            paths[cid] = "/".join(reversed(parts))
        return paths

    # ------------------------------------------------------------------------------------------------------
    # Variants and examples
    # ------------------------------------------------------------------------------------------------------
    def add_variant(
        self,
        entry_id: str,
        reply: str,
        *,
        label: str = "",
        target_tag: str = "",
        ab_group: str = "",
        enabled: bool = True,
        variant_id: str | None = None,
    ) -> Variant:
        """Add a variant; ``variant_id`` keeps the id a library file carried (bundle import)."""
        if not reply.strip():
            raise ValidationError("变体的回复不能为空。", "A variant needs a reply.")
        self.get(entry_id)
        variant_id = variant_id or str(uuid.uuid4())
        with self._db.transaction():
            order = self._db.scalar(
                "SELECT COALESCE(MAX(sort_order), -1) + 1 FROM variants WHERE entry_id = ?", (entry_id,)
            )
            self._db.execute(
                "INSERT INTO variants(id, entry_id, label, reply, target_tag, ab_group, enabled, sort_order) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    variant_id,
                    entry_id,
                    label.strip(),
                    reply,
                    target_tag.strip(),
                    ab_group.strip(),
                    int(enabled),
                    order,
                ),
            )
            self._touch([entry_id])
            self._record_version(entry_id, "update")
            generation = self._bump_generation()
        self._reindex_entries([entry_id], generation)
        self._notify("entries", [entry_id])
        return next(v for v in self.get(entry_id).variants if v.id == variant_id)

    def update_variant(self, variant_id: str, **changes: Any) -> None:
        row = self._db.one("SELECT entry_id FROM variants WHERE id = ?", (variant_id,))
        if row is None:
            raise NotFoundError("找不到这个变体。", "No such variant.")
        allowed = {"label", "reply", "target_tag", "ab_group", "enabled", "sort_order"}
        values = {
            k: (int(v) if k in ("enabled", "sort_order") else str(v))
            for k, v in changes.items()
            if k in allowed
        }
        if "reply" in values and not str(values["reply"]).strip():
            raise ValidationError("变体的回复不能为空。", "A variant needs a reply.")
        if not values:
            return
        with self._db.transaction():
            self._db.execute(
                f"UPDATE variants SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                (*values.values(), variant_id),
            )
            self._touch([row[0]])
            self._record_version(row[0], "update")
            generation = self._bump_generation()
        self._reindex_entries([row[0]], generation)
        self._notify("entries", [row[0]])

    def delete_variant(self, variant_id: str) -> None:
        row = self._db.one("SELECT entry_id FROM variants WHERE id = ?", (variant_id,))
        if row is None:
            return
        with self._db.transaction():
            self._db.execute("DELETE FROM variants WHERE id = ?", (variant_id,))
            self._touch([row[0]])
            self._record_version(row[0], "update")
            generation = self._bump_generation()
        self._reindex_entries([row[0]], generation)
        self._notify("entries", [row[0]])

    def add_example(self, entry_id: str, kind: str, dialogue: str, comment: str = "") -> Example:
        if kind not in ("good", "bad"):
            raise ValidationError("案例类型只能是好案例或坏案例。", "An example is good or bad.")
        if not dialogue.strip():
            raise ValidationError("案例对话不能为空。", "An example needs a dialogue.")
        self.get(entry_id)
        with self._db.transaction():
            cur = self._db.execute(
                "INSERT INTO examples(entry_id, kind, dialogue, comment) VALUES (?, ?, ?, ?)",
                (entry_id, kind, dialogue, comment),
            )
        self._notify("entries", [entry_id])
        return Example(int(cur.lastrowid or 0), entry_id, kind, dialogue, comment)  # type: ignore[arg-type]

    def update_example(self, example_id: int, *, dialogue: str | None = None, comment: str | None = None,
                       kind: str | None = None) -> None:  # fmt: skip
        row = self._db.one("SELECT * FROM examples WHERE id = ?", (example_id,))
        if row is None:
            raise NotFoundError("找不到这个案例。", "No such example.")
        new_kind = kind or row["kind"]
        if new_kind not in ("good", "bad"):
            raise ValidationError("案例类型只能是好案例或坏案例。", "An example is good or bad.")
        with self._db.transaction():
            self._db.execute(
                "UPDATE examples SET dialogue = ?, comment = ?, kind = ? WHERE id = ?",
                (row["dialogue"] if dialogue is None else dialogue, row["comment"] if comment is None else comment,
                 new_kind, example_id),
            )  # fmt: skip
        self._notify("entries", [row["entry_id"]])

    def delete_example(self, example_id: int) -> None:
        row = self._db.one("SELECT entry_id FROM examples WHERE id = ?", (example_id,))
        with self._db.transaction():
            self._db.execute("DELETE FROM examples WHERE id = ?", (example_id,))
        if row:
            self._notify("entries", [row[0]])

    # ------------------------------------------------------------------------------------------------------
    # Assets
    # ------------------------------------------------------------------------------------------------------
    @property
    def max_asset_bytes(self) -> int:
        return int(self.setting("max_asset_bytes", DEFAULT_MAX_ASSET_BYTES))

    def asset_folders(self) -> list[str]:
        folders = [r[0] for r in self._db.all("SELECT name FROM asset_folders ORDER BY sort_order, name")]
        extra = [
            r[0]
            for r in self._db.all("SELECT DISTINCT folder FROM assets WHERE folder != '' ORDER BY folder")
        ]
        return folders + [f for f in extra if f not in folders]

    def add_asset_folder(self, name: str, *, position: int | None = None) -> None:
        """Add a folder (at the end, or with sort order ``position``: an undone removal puts it back in place)."""
        name = name.strip()
        if not name or "/" in name:
            raise ValidationError(
                "文件夹名不能为空,也不能包含 /。", "A folder name cannot be empty or contain '/'."
            )
        with self._db.transaction():
            order = (
                position
                if position is not None
                else self._db.scalar("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders")
            )
            self._db.execute(
                "INSERT OR IGNORE INTO asset_folders(name, sort_order) VALUES (?, ?)", (name, order)
            )
        self._notify("assets")

    def rename_asset_folder(self, old: str, new: str) -> None:
        """Rename a folder; its assets move with it. Refused when ``new`` exists already (move the assets instead)."""
        old, new = old.strip(), new.strip()
        if not new or "/" in new:
            raise ValidationError(
                "文件夹名不能为空,也不能包含 /。", "A folder name cannot be empty or contain '/'."
            )
        if old not in self.asset_folders():
            raise NotFoundError(f"没有文件夹「{old}」。", f"No folder '{old}'.")
        if new == old:
            return
        if new in self.asset_folders():
            raise ValidationError(f"文件夹「{new}」已存在。", f"The folder '{new}' already exists.")
        with self._db.transaction():
            if self._db.one("SELECT 1 FROM asset_folders WHERE name = ?", (old,)):
                self._db.execute("UPDATE asset_folders SET name = ? WHERE name = ?", (new, old))
            else:
                order = self._db.scalar("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders")
                self._db.execute("INSERT INTO asset_folders(name, sort_order) VALUES (?, ?)", (new, order))
            self._db.execute("UPDATE assets SET folder = ? WHERE folder = ?", (new, old))
        self._notify("assets")

    def remove_asset_folder(self, name: str) -> None:
        """Remove an empty folder (one that still holds assets is refused: move or delete them first)."""
        name = name.strip()
        if self._db.one("SELECT 1 FROM assets WHERE folder = ? AND deleted_at IS NULL", (name,)):
            raise ValidationError(
                f"文件夹「{name}」里还有素材,请先移走或删除这些素材。",
                f"The folder '{name}' still holds assets; move or delete them first.",
            )
        with self._db.transaction():
            self._db.execute("DELETE FROM asset_folders WHERE name = ?", (name,))
        self._notify("assets")

    def asset_folder_position(self, name: str) -> int | None:
        """Where a folder stands among the folders (its sort order), or None for a folder without a row."""
        value = self._db.scalar("SELECT sort_order FROM asset_folders WHERE name = ?", (name.strip(),))
        return None if value is None else int(value)

    def add_asset(self, source: str | Path, *, folder: str = "", title: str = "") -> Asset:
        """Store a file as an asset. The same content already stored in the same folder returns that asset."""
        path = Path(source)
        sha, size = self._assets.put(path, max_bytes=self.max_asset_bytes)
        return self._register_asset(sha, size, path.name, folder, title)

    def add_asset_bytes(
        self, data: bytes, filename: str, *, folder: str = "", title: str = "", asset_id: str | None = None
    ) -> Asset:
        if len(data) > self.max_asset_bytes:
            raise ValidationError(
                f"文件「{filename}」超过素材大小上限。", f"'{filename}' is over the asset size limit."
            )
        sha, size = self._assets.put_bytes(data, filename)
        return self._register_asset(sha, size, filename, folder, title, asset_id=asset_id)

    def _register_asset(
        self, sha: str, size: int, filename: str, folder: str, title: str, *, asset_id: str | None = None
    ) -> Asset:
        folder = folder.strip()
        existing = self._db.one(
            "SELECT * FROM assets WHERE sha256 = ? AND folder = ? AND deleted_at IS NULL", (sha, folder)
        )
        if existing and asset_id is None:
            return _asset(existing)
        new_id = asset_id or str(uuid.uuid4())
        with self._db.transaction():
            if folder:
                self._db.execute(
                    "INSERT OR IGNORE INTO asset_folders(name, sort_order) VALUES (?, (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM asset_folders))",
                    (folder,),
                )
            self._db.execute(
                "INSERT INTO assets(id, sha256, folder, title, filename, mime, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new_id,
                    sha,
                    folder,
                    title.strip() or Path(filename).stem,
                    filename,
                    guess_mime(filename),
                    size,
                    now_iso(),
                ),
            )
        self._notify("assets", [new_id])
        return self.asset(new_id)

    def asset(self, asset_id: str) -> Asset:
        row = self._db.one("SELECT * FROM assets WHERE id = ?", (asset_id,))
        if row is None:
            raise NotFoundError(f"找不到素材「{asset_id}」。", f"No asset '{asset_id}'.")
        return _asset(row)

    def assets(self, folder: str | None = None) -> list[Asset]:
        if folder is None:
            rows = self._db.all("SELECT * FROM assets WHERE deleted_at IS NULL ORDER BY folder, title")
        else:
            rows = self._db.all(
                "SELECT * FROM assets WHERE deleted_at IS NULL AND folder = ? ORDER BY title", (folder,)
            )
        return [_asset(r) for r in rows]

    def asset_path(self, asset: Asset | str) -> Path:
        """Where the asset's file is stored (read-only: never write to it, it may be shared by several assets)."""
        if isinstance(asset, str):
            asset = self.asset(asset)
        return self._assets.path_for(asset.sha256, asset.filename)

    def orphan_asset_files(self, *, min_age_seconds: float = 600) -> list[Path]:
        """Files under ``assets/`` that no asset row (in the trash included) stores — left by a crashed import, or
        a copy half-written when the power went. Files newer than ``min_age_seconds`` are left out: another csdesk
        on this home may be storing one right now, its row not yet committed."""
        root = self.layout.assets
        if not root.is_dir():
            return []
        kept = {
            self._assets.path_for(row["sha256"], row["filename"])
            for row in self._db.all("SELECT sha256, filename FROM assets")
        }
        cutoff = datetime.now().timestamp() - min_age_seconds
        return sorted(
            path
            for path in root.rglob("*")
            if path.is_file() and not path.is_symlink() and path not in kept and path.stat().st_mtime < cutoff
        )

    def _doctor_orphan_asset_files(self, report: DoctorReport, *, repair: bool) -> None:
        orphans = self.orphan_asset_files()
        if not orphans:
            return
        size = sum(p.stat().st_size for p in orphans) / 1048576
        if not repair:
            report.problems.append(
                Message(
                    f"素材文件夹里有 {len(orphans)} 个没有被任何素材使用的文件({size:.1f} MB),运行 csdesk doctor 可删除",
                    f"{len(orphans)} file(s) in assets/ belong to no asset ({size:.1f} MB); csdesk doctor removes them",
                )
            )
            return
        for path in orphans:
            path.unlink(missing_ok=True)
            if path.parent != self.layout.assets and not any(path.parent.iterdir()):
                path.parent.rmdir()
        report.repaired.append(
            Message(
                f"删除了素材文件夹里 {len(orphans)} 个没有被任何素材使用的文件({size:.1f} MB)",
                f"removed {len(orphans)} file(s) in assets/ that belong to no asset ({size:.1f} MB)",
            )
        )

    def update_asset(self, asset_id: str, *, title: str | None = None, folder: str | None = None) -> Asset:
        current = self.asset(asset_id)
        with self._db.transaction():
            self._db.execute(
                "UPDATE assets SET title = ?, folder = ? WHERE id = ?",
                (
                    current.title if title is None else title.strip(),
                    current.folder if folder is None else folder.strip(),
                    asset_id,
                ),
            )
        self._notify("assets", [asset_id])
        return self.asset(asset_id)

    def link_asset(self, entry_id: str, asset_id: str, *, position: int | None = None) -> None:
        """Link an asset to an entry, at the end of its assets or at ``position`` (0-based; undo puts a deleted
        asset back where it was)."""
        self.get(entry_id)
        self.asset(asset_id)
        with self._db.transaction():
            if position is None:
                order = self._db.scalar(
                    "SELECT COALESCE(MAX(sort_order), -1) + 1 FROM entry_assets WHERE entry_id = ?",
                    (entry_id,),
                )
                self._db.execute(
                    "INSERT OR IGNORE INTO entry_assets(entry_id, asset_id, sort_order) VALUES (?, ?, ?)",
                    (entry_id, asset_id, order),
                )
            else:
                ids = [
                    r[0]
                    for r in self._db.all(
                        "SELECT asset_id FROM entry_assets WHERE entry_id = ? ORDER BY sort_order, rowid",
                        (entry_id,),
                    )
                    if r[0] != asset_id
                ]
                ids.insert(max(0, min(position, len(ids))), asset_id)
                self._db.execute("DELETE FROM entry_assets WHERE entry_id = ?", (entry_id,))
                for order, linked in enumerate(ids):
                    self._db.execute(
                        "INSERT INTO entry_assets(entry_id, asset_id, sort_order) VALUES (?, ?, ?)",
                        (entry_id, linked, order),
                    )
            self._touch([entry_id])
            self._record_version(entry_id, "update")
        self._notify("entries", [entry_id])

    def unlink_asset(self, entry_id: str, asset_id: str) -> None:
        with self._db.transaction():
            self._db.execute(
                "DELETE FROM entry_assets WHERE entry_id = ? AND asset_id = ?", (entry_id, asset_id)
            )
            self._touch([entry_id])
            self._record_version(entry_id, "update")
        self._notify("entries", [entry_id])

    def unused_assets(self) -> list[Asset]:
        rows = self._db.all(
            "SELECT * FROM assets a WHERE deleted_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM entry_assets ea JOIN entries e ON e.id = ea.entry_id WHERE ea.asset_id = a.id AND e.deleted_at IS NULL) "
            "ORDER BY folder, title"
        )
        return [_asset(r) for r in rows]

    def entries_using_asset(self, asset_id: str) -> list[str]:
        return [
            r[0] for r in self._db.all("SELECT entry_id FROM entry_assets WHERE asset_id = ?", (asset_id,))
        ]

    def delete_asset(self, asset_id: str) -> None:
        """Remove an asset (unlinked from its entries). The stored file is kept while another asset shares it."""
        asset = self.asset(asset_id)
        linked = self.entries_using_asset(asset_id)
        with self._db.transaction():
            self._db.execute("DELETE FROM assets WHERE id = ?", (asset_id,))
        still_used = self._db.scalar("SELECT 1 FROM assets WHERE sha256 = ?", (asset.sha256,))
        if not still_used:
            self._assets.path_for(asset.sha256, asset.filename).unlink(missing_ok=True)
        self._notify("assets", [asset_id])
        if linked:
            self._notify("entries", linked)

    # ------------------------------------------------------------------------------------------------------
    # Tags and customers
    # ------------------------------------------------------------------------------------------------------
    def tag_groups(self) -> list[TagGroup]:
        return [
            TagGroup(int(r["id"]), r["name"], r["color"], int(r["sort_order"]))
            for r in self._db.all("SELECT * FROM tag_groups ORDER BY sort_order, id")
        ]

    def tags(self, group_id: int | None = None) -> list[Tag]:
        sql, params = "SELECT * FROM tags", ()
        if group_id is not None:
            sql, params = "SELECT * FROM tags WHERE group_id = ?", (group_id,)  # type: ignore[assignment]
        return [
            Tag(int(r["id"]), int(r["group_id"]), r["name"], r["color"], r["description"])
            for r in self._db.all(sql + " ORDER BY group_id, id", params)
        ]

    def add_tag_group(self, name: str, color: str = "", *, sort_order: int | None = None) -> TagGroup:
        """A new tag group, last or at ``sort_order`` (undoing a delete puts the group back in its place)."""
        name = name.strip()
        if not name:
            raise ValidationError("标签组名不能为空。", "A tag group needs a name.")
        existing = self._db.one("SELECT * FROM tag_groups WHERE name = ?", (name,))
        if existing:
            return TagGroup(
                int(existing["id"]), existing["name"], existing["color"], int(existing["sort_order"])
            )
        with self._db.transaction():
            order = (
                sort_order
                if sort_order is not None
                else self._db.scalar("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM tag_groups")
            )
            cur = self._db.execute(
                "INSERT INTO tag_groups(name, color, sort_order) VALUES (?, ?, ?)", (name, color, order)
            )
        self._notify("tags")
        return TagGroup(int(cur.lastrowid or 0), name, color, int(order or 0))

    def update_tag_group(self, group_id: int, *, name: str | None = None, color: str | None = None) -> None:
        row = self._db.one("SELECT * FROM tag_groups WHERE id = ?", (group_id,))
        if row is None:
            raise NotFoundError("找不到标签组。", "No such tag group.")
        new_name = row["name"] if name is None else name.strip()
        if not new_name:
            raise ValidationError("标签组名不能为空。", "A tag group needs a name.")
        if self._db.one("SELECT 1 FROM tag_groups WHERE name = ? AND id != ?", (new_name, group_id)):
            raise ValidationError(f"标签组「{new_name}」已存在。", f"The tag group '{new_name}' exists.")
        with self._db.transaction():
            self._db.execute(
                "UPDATE tag_groups SET name = ?, color = ? WHERE id = ?",
                (new_name, row["color"] if color is None else color, group_id),
            )
        self._notify("tags")

    def delete_tag_group(self, group_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM tag_groups WHERE id = ?", (group_id,))
        self._notify("tags")

    def add_tag(
        self, name: str, *, group: str | int = "未分组", color: str = "", description: str = ""
    ) -> Tag:
        name = name.strip()
        if not name:
            raise ValidationError("标签名不能为空。", "A tag needs a name.")
        existing = self._db.one("SELECT * FROM tags WHERE name = ?", (name,))
        if existing:
            return Tag(
                int(existing["id"]),
                int(existing["group_id"]),
                existing["name"],
                existing["color"],
                existing["description"],
            )
        group_id = group if isinstance(group, int) else self.add_tag_group(group).id
        with self._db.transaction():
            cur = self._db.execute(
                "INSERT INTO tags(group_id, name, color, description) VALUES (?, ?, ?, ?)",
                (group_id, name, color, description),
            )
        self._notify("tags")
        return Tag(int(cur.lastrowid or 0), group_id, name, color, description)

    def update_tag(self, tag_id: int, *, name: str | None = None, color: str | None = None,
                   group_id: int | None = None, description: str | None = None) -> None:  # fmt: skip
        row = self._db.one("SELECT * FROM tags WHERE id = ?", (tag_id,))
        if row is None:
            raise NotFoundError("找不到标签。", "No such tag.")
        new_name = row["name"] if name is None else name.strip()
        if not new_name:
            raise ValidationError("标签名不能为空。", "A tag needs a name.")
        if self._db.one("SELECT 1 FROM tags WHERE name = ? AND id != ?", (new_name, tag_id)):
            raise ValidationError(f"标签「{new_name}」已存在。", f"The tag '{new_name}' exists.")
        renamed = new_name != row["name"]
        affected: list[str] = []
        generation = 0
        with self._db.transaction():
            self._db.execute(
                "UPDATE tags SET name = ?, color = ?, group_id = ?, description = ? WHERE id = ?",
                (new_name, row["color"] if color is None else color, row["group_id"] if group_id is None else group_id,
                 row["description"] if description is None else description, tag_id),
            )  # fmt: skip
            if renamed:
                old_name = row["name"]
                affected = sorted(
                    {r[0] for r in self._db.all("SELECT entry_id FROM entry_tags WHERE tag = ?", (old_name,))}
                    | {
                        r[0]
                        for r in self._db.all(
                            "SELECT entry_id FROM variants WHERE target_tag = ?", (old_name,)
                        )
                    }
                )
                # an entry that already had the new tag keeps one of the two rows
                self._db.execute(
                    "DELETE FROM entry_tags WHERE tag = ? AND entry_id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)",
                    (old_name, new_name),
                )
                self._db.execute("UPDATE entry_tags SET tag = ? WHERE tag = ?", (new_name, old_name))
                self._db.execute("UPDATE customer_tags SET tag = ? WHERE tag = ?", (new_name, old_name))
                self._db.execute(
                    "UPDATE variants SET target_tag = ? WHERE target_tag = ?", (new_name, old_name)
                )
                self._touch(affected)
                for entry_id in affected:
                    self._record_version(entry_id, "update")
                generation = self._bump_generation()
        if renamed:
            self._reindex_entries(affected, generation)
        self._notify("tags")
        if affected:
            self._notify("entries", affected)

    def delete_tag(self, tag_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
        self._notify("tags")

    def customers(self, *, shop: str | int | None = "*", query: str = "") -> list[Customer]:
        where: list[str] = []
        params: list[object] = []
        if shop != "*":
            where.append("(c.shop_id = ? OR c.shop_id IS NULL)")
            params.append(self.shop(shop).id if shop not in (None, "") else self.shared_shop.id)
        if query.strip():
            where.append("c.nickname LIKE ?")
            params.append(f"%{query.strip()}%")
        sql = (
            "SELECT c.* FROM customers c"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY c.updated_at DESC, c.id"
        )
        return [self._customer(r) for r in self._db.all(sql, tuple(params))]

    def customer(self, nickname: str, *, shop: str | int | None = None) -> Customer | None:
        """The customer with this nickname in ``shop`` (or known library-wide), or None."""
        nickname = nickname.strip()
        if not nickname:
            return None
        shop_id = self.shop(shop).id if shop not in (None, "") else None
        row = None
        if shop_id is not None:
            row = self._db.one(
                "SELECT * FROM customers WHERE shop_id = ? AND nickname = ?", (shop_id, nickname)
            )
        if row is None:
            row = self._db.one(
                "SELECT * FROM customers WHERE nickname = ? ORDER BY shop_id IS NOT NULL, id LIMIT 1",
                (nickname,),
            )
        return None if row is None else self._customer(row)

    def customer_by_id(self, customer_id: int) -> Customer:
        row = self._db.one("SELECT * FROM customers WHERE id = ?", (customer_id,))
        if row is None:
            raise NotFoundError("找不到这位客户。", "No such customer.")
        return self._customer(row)

    def save_customer(
        self,
        nickname: str,
        *,
        shop: str | int | None = None,
        tags: Iterable[str] | None = None,
        notes: str | None = None,
        birthday: str | None = None,
        after_sale: str | None = None,
    ) -> Customer:
        """Create or update a customer (by shop + nickname); fields left None keep their value."""
        nickname = _checked_customer_fields(nickname, birthday)
        shop_id = self.shop(shop).id if shop not in (None, "") else None
        existing = self._db.one(
            "SELECT id FROM customers WHERE COALESCE(shop_id, 0) = ? AND nickname = ?",
            (shop_id or 0, nickname),
        )
        if existing is not None:
            return self.update_customer(
                int(existing[0]), tags=tags, notes=notes, birthday=birthday, after_sale=after_sale
            )
        stamp = now_iso()
        with self._db.transaction():
            cur = self._db.execute(
                "INSERT INTO customers(shop_id, nickname, notes, birthday, after_sale, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (shop_id, nickname, notes or "", birthday or "", after_sale or "", stamp, stamp),
            )
            customer_id = int(cur.lastrowid or 0)
            self._replace_customer_tags(customer_id, tags or ())
        self._notify("customers", [str(customer_id)])
        return self.customer_by_id(customer_id)

    def _replace_customer_tags(self, customer_id: int, tags: Iterable[str]) -> None:
        self._db.execute("DELETE FROM customer_tags WHERE customer_id = ?", (customer_id,))
        for tag in _clean_list(tags):
            self._db.execute("INSERT INTO customer_tags(customer_id, tag) VALUES (?, ?)", (customer_id, tag))

    def update_customer(
        self,
        customer_id: int,
        *,
        nickname: str | None = None,
        shop: str | int | _Keep | None = KEEP,
        tags: Iterable[str] | None = None,
        notes: str | None = None,
        birthday: str | None = None,
        after_sale: str | None = None,
    ) -> Customer:
        """Change a customer in place, keeping its id (rename, move to another shop); None or KEEP keeps a field."""
        current = self.customer_by_id(customer_id)
        new_nick = _checked_customer_fields(current.nickname if nickname is None else nickname, birthday)
        if isinstance(shop, _Keep):
            shop_id = current.shop_id
        else:
            shop_id = self.shop(shop).id if shop not in (None, "") else None
        clash = self._db.one(
            "SELECT 1 FROM customers WHERE COALESCE(shop_id, 0) = ? AND nickname = ? AND id != ?",
            (shop_id or 0, new_nick, customer_id),
        )
        if clash:
            raise ValidationError(f"客户「{new_nick}」已存在。", f"The customer '{new_nick}' already exists.")
        with self._db.transaction():
            self._db.execute(
                "UPDATE customers SET nickname = ?, shop_id = ?, notes = ?, birthday = ?, after_sale = ?, updated_at = ? "
                "WHERE id = ?",
                (new_nick, shop_id, current.notes if notes is None else notes,
                 current.birthday if birthday is None else birthday,
                 current.after_sale if after_sale is None else after_sale, now_iso(), customer_id),
            )  # fmt: skip
            if tags is not None:
                self._replace_customer_tags(customer_id, tags)
        self._notify("customers", [str(customer_id)])
        return self.customer_by_id(customer_id)

    def set_customer_tag(self, customer_id: int, tag: str, present: bool) -> Customer:
        """Add or remove one tag of a customer (the customer panel's one-click chips)."""
        with self._db.transaction():
            if present:
                self._db.execute(
                    "INSERT OR IGNORE INTO customer_tags(customer_id, tag) VALUES (?, ?)", (customer_id, tag)
                )
            else:
                self._db.execute(
                    "DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?", (customer_id, tag)
                )
            self._db.execute("UPDATE customers SET updated_at = ? WHERE id = ?", (now_iso(), customer_id))
        self._notify("customers", [str(customer_id)])
        return self.customer_by_id(customer_id)

    def delete_customer(self, customer_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
        self._notify("customers", [str(customer_id)])

    def _customer(self, row: Any) -> Customer:
        tags = tuple(
            r[0]
            for r in self._db.all(
                "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY rowid", (row["id"],)
            )
        )
        return Customer(
            int(row["id"]), row["nickname"], row["shop_id"], tags, row["notes"], row["birthday"], row["after_sale"],
            row["updated_at"],
        )  # fmt: skip

    # ------------------------------------------------------------------------------------------------------
    # Rules (red lines)
    # ------------------------------------------------------------------------------------------------------
    def rules(self, *, include_disabled: bool = True) -> list[Rule]:
        sql = (
            "SELECT * FROM rules"
            + ("" if include_disabled else " WHERE enabled = 1")
            + " ORDER BY builtin, id"
        )
        return [_rule(r) for r in self._db.all(sql)]

    def rule(self, rule_id: int) -> Rule:
        row = self._db.one("SELECT * FROM rules WHERE id = ?", (rule_id,))
        if row is None:
            raise NotFoundError(f"找不到规则 {rule_id}。", f"No rule {rule_id}.")
        return _rule(row)

    def add_rule(self, rule: Rule) -> Rule:
        from csdesk.core.rules import validate_rule

        validate_rule(rule)
        with self._db.transaction():
            rule_id = self._insert_rule(rule)
        self._rules_changed()
        return self.rule(rule_id)

    def add_rules(self, rules: Sequence[Rule]) -> int:
        """Add many rules at once (a pasted word list); all or nothing."""
        from csdesk.core.rules import validate_rule

        for rule in rules:
            validate_rule(rule)
        with self._db.transaction():
            for rule in rules:
                self._insert_rule(rule)
        self._rules_changed()
        return len(rules)

    def update_rule(self, rule_id: int, **changes: Any) -> Rule:
        from csdesk.core.rules import validate_rule

        current = self.rule(rule_id)
        if "exceptions" in changes:
            changes["exceptions"] = tuple(_clean_list(changes["exceptions"]))
        updated = Rule(**{**asdict(current), **changes})
        validate_rule(updated)
        with self._db.transaction():
            self._db.execute(
                "UPDATE rules SET pattern = ?, kind = ?, severity = ?, reason = ?, suggestion = ?, exceptions = ?, "
                "source = ?, shop_id = ?, enabled = ? WHERE id = ?",
                (updated.pattern, updated.kind, updated.severity, updated.reason, updated.suggestion,
                 json.dumps(list(updated.exceptions), ensure_ascii=False), updated.source, updated.shop_id,
                 int(updated.enabled), rule_id),
            )  # fmt: skip
        self._rules_changed()
        return self.rule(rule_id)

    def delete_rule(self, rule_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM rules WHERE id = ?", (rule_id,))
        self._rules_changed()

    def _insert_rule(self, rule: Rule) -> int:
        cur = self._db.execute(
            "INSERT INTO rules(pattern, kind, severity, reason, suggestion, exceptions, source, shop_id, enabled, builtin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rule.pattern, rule.kind, rule.severity, rule.reason, rule.suggestion,
             json.dumps(list(rule.exceptions), ensure_ascii=False), rule.source, rule.shop_id, int(rule.enabled),
             int(rule.builtin)),
        )  # fmt: skip
        return int(cur.lastrowid or 0)

    def _set_builtin_rule_versions(self, versions: Mapping[str, int]) -> None:
        for source, version in versions.items():
            self._set_meta(f"rules_version.{source}", str(version))

    def _upgrade_builtin_rules(self) -> None:
        """Add the built-in rules that a newer csdesk ships to a library made with older rule files.

        The library remembers the version of each rule file it holds (meta ``rules_version.<source>``; none means
        version 1). When a shipped file is newer, its rules whose pattern the library lacks are added; rules already
        there stay as the supervisor left them (switched off, reworded), and none is removed.
        """
        shipped = builtin_rule_versions()
        stale = {
            source: version
            for source, version in shipped.items()
            if int(self._meta(f"rules_version.{source}") or 1) < version
        }
        if not stale:
            return
        with self._db.transaction():
            held = {
                (row["source"], row["pattern"])
                for row in self._db.all("SELECT source, pattern FROM rules WHERE builtin = 1")
            }
            added = 0
            for rule in load_builtin_rules():
                if rule.source in stale and (rule.source, rule.pattern) not in held:
                    self._insert_rule(rule)
                    added += 1
            self._set_builtin_rule_versions(stale)
        log.info("built-in rules upgraded (%s): %d added", ", ".join(sorted(stale)), added)
        self._rules_changed()

    def _rules_changed(self) -> None:
        with self._checker_lock:
            self._checker = None
        self._notify("rules")

    def check(self, text: str, *, shop: str | int | None = None) -> list[RuleHit]:
        """Red-line hits in ``text`` for ``shop`` (library-wide rules always apply)."""
        with self._checker_lock:
            if self._checker is None:
                self._checker = RuleChecker(self.rules(include_disabled=False))
            checker = self._checker
        shop_id = self.shop(shop).id if shop not in (None, "") else None
        return checker.check(text, shop_id=shop_id)

    # ------------------------------------------------------------------------------------------------------
    # Placeholders and rendering
    # ------------------------------------------------------------------------------------------------------
    def placeholders(self) -> list[PlaceholderDef]:
        custom = [
            PlaceholderDef(r[0], r[1])
            for r in self._db.all("SELECT name, description FROM placeholders ORDER BY name")
        ]
        builtin_names = {p.name for p in render_mod.BUILTIN_PLACEHOLDERS}
        return list(render_mod.BUILTIN_PLACEHOLDERS) + [p for p in custom if p.name not in builtin_names]

    def placeholder_names(self) -> set[str]:
        return {p.name for p in self.placeholders()}

    def add_placeholder(self, name: str, description: str = "") -> None:
        name = name.strip()
        if not name or any(ch in name for ch in "{}\n") or len(name) > 20:
            raise ValidationError("占位符名不能为空、不能含花括号,且不超过 20 字。", "Bad placeholder name.")
        with self._db.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO placeholders(name, description) VALUES (?, ?)", (name, description)
            )
        self._notify("placeholders")

    def delete_placeholder(self, name: str) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM placeholders WHERE name = ?", (name,))
        self._notify("placeholders")

    def default_values(
        self, shop: str | int | None = None, *, when: datetime | None = None
    ) -> dict[str, str]:
        """Values csdesk knows without asking: 店铺名, 客服名, 日期, 时间."""
        shop_obj = self.shop(shop)
        return render_mod.default_values(
            "" if shop_obj.is_shared else shop_obj.name, self.agent, when or datetime.now()
        )

    def render(
        self,
        entry: Entry | str,
        values: dict[str, str] | None = None,
        *,
        shop: str | int | None = None,
        variant_id: str | None = None,
    ) -> RenderResult:
        """The reply (or a variant's) with placeholders filled from ``values`` and the shop/agent/date defaults."""
        if isinstance(entry, str):
            entry = self.get(entry)
        text = entry.reply
        if variant_id:
            if not any(v.id == variant_id for v in entry.variants):
                entry = self.get(entry.id)  # the caller's copy may predate the variant
            variant = next((v for v in entry.variants if v.id == variant_id), None)
            if variant is None:
                raise NotFoundError("找不到这个变体。", "No such variant.")
            text = variant.reply
        merged = self.default_values(shop if shop not in (None, "") else entry.shop_id)
        merged.update({k: v for k, v in (values or {}).items() if v is not None})
        return render_mod.render(text, merged, self.placeholder_names())

    def render_text(
        self, text: str, values: dict[str, str] | None = None, *, shop: str | int | None = None
    ) -> RenderResult:
        merged = self.default_values(shop)
        merged.update(values or {})
        return render_mod.render(text, merged, self.placeholder_names())

    # ------------------------------------------------------------------------------------------------------
    # SOPs
    # ------------------------------------------------------------------------------------------------------
    def sops(self, *, shop: str | int | None = "*") -> list[Sop]:
        if shop == "*":
            rows = self._db.all("SELECT * FROM sops ORDER BY sort_order, id")
        else:
            shop_id = self.shop(shop).id
            rows = self._db.all(
                "SELECT * FROM sops WHERE shop_id IS NULL OR shop_id = ? OR shop_id = ? ORDER BY sort_order, id",
                (shop_id, self.shared_shop.id),
            )
        return [self._sop(r) for r in rows]

    def sop(self, sop_id: int) -> Sop:
        row = self._db.one("SELECT * FROM sops WHERE id = ?", (sop_id,))
        if row is None:
            raise NotFoundError("找不到这个流程。", "No such SOP.")
        return self._sop(row)

    def _sop(self, row: Any) -> Sop:
        steps = tuple(
            SopStep(int(s["id"]), int(s["sop_id"]), int(s["position"]), s["instruction"], s["entry_id"])
            for s in self._db.all(
                "SELECT * FROM sop_steps WHERE sop_id = ? ORDER BY position, id", (row["id"],)
            )
        )
        return Sop(
            int(row["id"]), row["name"], row["shop_id"], row["description"], steps, int(row["sort_order"])
        )

    def save_sop(
        self,
        name: str,
        steps: Sequence[tuple[str, str | None]],
        *,
        shop: str | int | None = None,
        description: str = "",
        sop_id: int | None = None,
        sort_order: int | None = None,
    ) -> Sop:
        """Create or replace an SOP: ``steps`` are (instruction, entry id or None) in order. A new SOP goes last
        or at ``sort_order`` (undoing a delete puts it back in its place); a replaced one keeps its place."""
        name = name.strip()
        if not name:
            raise ValidationError("流程名不能为空。", "An SOP needs a name.")
        for position, (instruction, entry_id) in enumerate(steps, 1):
            if not instruction.strip():
                raise ValidationError(f"第 {position} 步没有说明。", f"Step {position} has no instruction.")
            if entry_id:
                self.get(entry_id)
        shop_id = self.shop(shop).id if shop not in (None, "") else None
        with self._db.transaction():
            if sop_id is None:
                order = (
                    sort_order
                    if sort_order is not None
                    else self._db.scalar("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM sops")
                )
                cur = self._db.execute(
                    "INSERT INTO sops(shop_id, name, description, sort_order) VALUES (?, ?, ?, ?)",
                    (shop_id, name, description, order),
                )
                sop_id = int(cur.lastrowid or 0)
            else:
                self.sop(sop_id)
                self._db.execute(
                    "UPDATE sops SET shop_id = ?, name = ?, description = ? WHERE id = ?",
                    (shop_id, name, description, sop_id),
                )
                self._db.execute("DELETE FROM sop_steps WHERE sop_id = ?", (sop_id,))
            for position, (instruction, entry_id) in enumerate(steps, 1):
                self._db.execute(
                    "INSERT INTO sop_steps(sop_id, position, instruction, entry_id) VALUES (?, ?, ?, ?)",
                    (sop_id, position, instruction.strip(), entry_id or None),
                )
        self._notify("sops", [str(sop_id)])
        return self.sop(sop_id)

    def delete_sop(self, sop_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM sops WHERE id = ?", (sop_id,))
        self._notify("sops", [str(sop_id)])

    # ------------------------------------------------------------------------------------------------------
    # Search
    # ------------------------------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        shop: str | int | None = None,
        tags: Collection[str] = (),
        limit: int = 20,
        category: int | None = None,
        customer_tags: Collection[str] = (),
    ) -> list[SearchHit]:
        """Entries matching ``query``, best first. Safe to call from a worker thread.

        ``shop`` restricts to that shop plus the shared 通用 scope; ``category`` to a category subtree; ``tags`` to
        entries carrying all of them; ``customer_tags`` ranks entries and variants aimed at those tags first.
        An empty query lists the most used, then most recently updated entries.
        """
        shop_ids: list[int] | None = None
        if shop not in (None, ""):
            target = self.shop(shop)
            shop_ids = sorted({target.id, self.shared_shop.id})
        category_ids = self.category_subtree(category) if category is not None else None
        if not query.strip():
            ids = self._popular_ids(shop_ids, category_ids, tags, limit)
            scored = [(entry_id, 0.0) for entry_id in ids]
        else:
            self._ensure_index_fresh()
            try:
                hits = self._index.search(
                    query,
                    shop_ids=shop_ids,
                    category_ids=category_ids,
                    tags=tags,
                    boost_tags=customer_tags,
                    limit=limit,
                )
            except IndexUnavailableError:
                log.warning("search index unreadable; rebuilding it", exc_info=True)
                self.rebuild_index()
                hits = self._index.search(
                    query,
                    shop_ids=shop_ids,
                    category_ids=category_ids,
                    tags=tags,
                    boost_tags=customer_tags,
                    limit=limit,
                )
            scored = [(h.entry_id, h.score) for h in hits]
        entries = {e.id: e for e in self.get_many([entry_id for entry_id, _ in scored])}
        result = []
        for entry_id, score in scored:
            entry = entries.get(entry_id)
            if entry is None or entry.deleted_at is not None:
                continue
            highlights = {}
            if query.strip():
                for name in _HIGHLIGHT_FIELDS:
                    spans = highlight_spans(query, getattr(entry, name))
                    if spans:
                        highlights[name] = spans
            variant = _variant_for(entry, customer_tags)
            result.append(SearchHit(entry_id, score, entry, highlights, variant.id if variant else None))
        return result

    def _popular_ids(
        self, shop_ids: list[int] | None, category_ids: list[int] | None, tags: Collection[str], limit: int
    ) -> list[str]:
        where: list[str] = ["e.deleted_at IS NULL", "e.enabled = 1"]
        params: list[object] = []
        if shop_ids is not None:
            where.append(f"e.shop_id IN ({','.join('?' * len(shop_ids))})")
            params.extend(shop_ids)
        if category_ids is not None:
            where.append(f"e.category_id IN ({','.join('?' * len(category_ids))})")
            params.extend(category_ids)
        for tag in tags:
            where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)")
            params.append(tag)
        sql = f"""SELECT e.id FROM entries e
                  LEFT JOIN (SELECT entry_id, COUNT(*) AS n, MAX(ts) AS last FROM usage_log GROUP BY entry_id) u
                         ON u.entry_id = e.id
                  WHERE {" AND ".join(where)}
                  ORDER BY COALESCE(u.n, 0) DESC, COALESCE(u.last, '') DESC, e.updated_at DESC, e.sort_order
                  LIMIT ?"""
        return [r[0] for r in self._db.all(sql, (*params, limit))]

    # ------------------------------------------------------------------------------------------------------
    # Usage and search logs
    # ------------------------------------------------------------------------------------------------------
    def log_copy(
        self,
        entry_id: str,
        *,
        query: str = "",
        shop: str | int | None = None,
        variant_id: str | None = None,
        customer: str = "",
        action: str = "copy",
        note: str = "",
    ) -> None:
        """Record that an entry was copied: ``action="override"`` for a block rule overridden (``note``: the reason),
        ``"warned"`` for a warning shown and copied anyway (``note``: the words), ``"copy"`` otherwise."""
        shop_id = self.shop(shop).id if shop not in (None, "") else None
        self._db.execute(
            "INSERT INTO usage_log(ts, entry_id, variant_id, query, shop_id, customer, agent, action, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), entry_id, variant_id, mask_query(query), shop_id, customer, self.agent, action, note),
        )
        self._notify("usage", [entry_id])

    def log_search(self, query: str, *, hits: int, copied: bool, shop: str | int | None = None) -> None:
        """Record a finished search (found nothing, or nothing copied: the supervisor's 高频新问题)."""
        if not query.strip():
            return
        shop_id = self.shop(shop).id if shop not in (None, "") else None
        self._db.execute(
            "INSERT INTO search_log(ts, query, shop_id, hits, copied, agent) VALUES (?, ?, ?, ?, ?, ?)",
            (now_iso(), mask_query(query.strip()), shop_id, hits, int(copied), self.agent),
        )

    def usage_counts(self) -> dict[str, int]:
        return {
            r[0]: int(r[1])
            for r in self._db.all("SELECT entry_id, COUNT(*) FROM usage_log GROUP BY entry_id")
        }

    def last_used(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._db.all("SELECT entry_id, MAX(ts) FROM usage_log GROUP BY entry_id")}

    def search_log(self, *, only_failed: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        sql = (
            "SELECT * FROM search_log"
            + (" WHERE copied = 0" if only_failed else "")
            + " ORDER BY id DESC LIMIT ?"
        )
        return [dict(r) for r in self._db.all(sql, (limit,))]

    # ------------------------------------------------------------------------------------------------------
    # Index maintenance
    # ------------------------------------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        return int(self._meta("index_generation") or 0)

    def _bump_generation(self, *, index_follows: bool = False) -> int:
        """Advance the generation inside the current transaction; ``index_follows`` marks the index for a rebuild."""
        generation = self.generation + 1
        self._set_meta("index_generation", str(generation))
        if index_follows:
            self._index_dirty = True
        return generation

    def index_is_current(self) -> bool:
        return self._index.generation == self.generation and self._index.is_usable()

    def _ensure_index_fresh(self) -> None:
        if self._index_pending:
            self._retry_index_updates()
        if self._index_dirty or self._index.generation != self.generation:
            with self._index_lock:
                if self._index_dirty:
                    self.rebuild_index()
                elif self._index_pending and self._index.generation is not None:
                    pass  # behind by the queued edits only: searched as it is until the writer lock is free
                elif not self.index_is_current():
                    self.rebuild_index()

    def rebuild_index(self, progress: Callable[[int, int], bool] | None = None) -> bool:
        """Rebuild the search index from the database; ``progress(done, total)`` may return False to cancel."""
        with self._index_lock:
            generation = self.generation
            total = int(self._db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL") or 0)
            done = self._index.rebuild(
                self._iter_index_docs(), generation=generation, total=total, progress=progress
            )
            if done:
                self._index_dirty = False
                self._index_pending.clear()
            return done

    def _reindex_entries(self, entry_ids: Sequence[str], generation: int) -> None:
        live = [e for e in self.get_many(list(entry_ids)) if e.deleted_at is None]
        gone = sorted(set(entry_ids) - {e.id for e in live})
        self._update_index(self._docs_for(live), gone, generation)

    def _update_index(self, docs: Sequence[IndexDoc], deletes: Sequence[str], generation: int) -> None:
        if self._db.in_transaction:
            # Inside a caller's transaction (an import): the index follows only once it commits, so a rollback
            # never leaves the index describing rows that do not exist.
            def follow(committed: bool) -> None:
                if committed:
                    self._update_index(docs, deletes, self.generation)

            self._db.after_transaction(follow)
            return
        if self._index_dirty:
            return  # a rebuild is due anyway
        try:
            with self._index_lock:
                if self._index_pending:  # earlier edits still wait for the writer lock: this one joins them
                    self._index_pending.update(dict.fromkeys([*(d.entry_id for d in docs), *deletes]))
                    self._retry_index_updates()
                    return
                self._index.update(docs, deletes, generation=generation, timeout=_INDEX_LOCK_WAIT_S)
        except LibraryLockedError:
            log.warning("search index busy (another program is writing it); the update is queued")
            with self._index_lock:
                self._index_pending.update(dict.fromkeys([*(d.entry_id for d in docs), *deletes]))
            self._schedule_index_retry()
        except Exception:
            log.exception("search index update failed; it will be rebuilt before the next search")
            self._index_dirty = True

    def _retry_index_updates(self, timeout: float = 0.0, *, reschedule: bool = True) -> bool:
        """Index the queued entries as they are now in the database; False while the writer lock is still held.

        An edit whose index update met another program's writer lock is not lost and does not cost a rebuild:
        its entry id waits here and is indexed incrementally by the next edit, the next search or a timer.
        """
        with self._index_lock:
            ids = list(self._index_pending)
            if not ids or self._index_dirty:
                return True
            live = [e for e in self.get_many(ids) if e.deleted_at is None]
            gone = sorted(set(ids) - {e.id for e in live})
            try:
                self._index.update(self._docs_for(live), gone, generation=self.generation, timeout=timeout)
            except LibraryLockedError:
                if reschedule:
                    self._schedule_index_retry()
                return False
            except Exception:
                log.exception("search index update failed; it will be rebuilt before the next search")
                self._index_dirty = True
            for entry_id in ids:
                self._index_pending.pop(entry_id, None)
            return True

    def _schedule_index_retry(self, delay: float = 0.5) -> None:
        with self._index_lock:
            if self._index_retry is not None and self._index_retry.is_alive():
                return
            timer = threading.Timer(delay, self._retry_index_later, args=(delay,))
            timer.daemon = True
            self._index_retry = timer
            timer.start()

    def _retry_index_later(self, delay: float) -> None:
        with self._index_lock:
            self._index_retry = None
            try:
                done = self._retry_index_updates(timeout=0.1, reschedule=False)
            except Exception:
                log.warning("retrying the queued search index update failed", exc_info=True)
                return
            if not done:
                self._schedule_index_retry(min(delay * 2, 5.0))

    def _stop_index_retry(self) -> None:
        """On close: no more timer, and one last try (the index would otherwise be rebuilt on the next open)."""
        with self._index_lock:
            timer, self._index_retry = self._index_retry, None
        if timer is not None:
            timer.cancel()
            if timer is not threading.current_thread():
                timer.join()
        if self._index_pending:
            try:
                if not self._retry_index_updates(timeout=1.0, reschedule=False):
                    log.warning("search index still busy on close; it will be rebuilt on the next open")
            except Exception:
                log.warning("search index update on close failed", exc_info=True)

    def _iter_index_docs(self, batch: int = 2000) -> Iterator[IndexDoc]:
        ids = [r[0] for r in self._db.all("SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY rowid")]
        for start in range(0, len(ids), batch):
            yield from self._docs_for(self._load_entries(ids[start : start + batch]))

    def _docs_for(self, entries: Sequence[Entry]) -> list[IndexDoc]:
        if not entries:
            return []
        parents = {int(r[0]): r[1] for r in self._db.all("SELECT id, parent_id FROM categories")}
        counts = self._usage_counts_for([e.id for e in entries])
        docs = []
        for entry in entries:
            chain: list[int] = []
            current = entry.category_id
            while current is not None and current not in chain:
                chain.append(current)
                current = parents.get(current)
            tags = tuple(
                dict.fromkeys([*entry.tags, *(v.target_tag for v in entry.variants if v.target_tag)])
            )
            docs.append(
                IndexDoc(
                    entry_id=entry.id, shop_id=entry.shop_id, category_ids=tuple(chain), title=entry.title,
                    code=entry.code, question=entry.question, similar=entry.similar, scenario=entry.scenario,
                    reply=entry.reply, guidance=entry.guidance, tags=tags, enabled=entry.enabled,
                    popularity=math.log1p(counts.get(entry.id, 0)),
                )
            )  # fmt: skip
        return docs

    def _usage_counts_for(self, ids: list[str]) -> dict[str, int]:
        if len(ids) > 900:
            return self.usage_counts()
        marks = ",".join("?" * len(ids))
        return {
            r[0]: int(r[1])
            for r in self._db.all(
                f"SELECT entry_id, COUNT(*) FROM usage_log WHERE entry_id IN ({marks}) GROUP BY entry_id",
                tuple(ids),
            )
        }

    # ------------------------------------------------------------------------------------------------------
    # Health
    # ------------------------------------------------------------------------------------------------------
    def doctor(self, *, repair: bool = True) -> DoctorReport:
        """Check the database, the index and the asset files; repair what can be repaired."""
        report = DoctorReport()
        schema_problems, schema_repaired = self._db.schema_problems(repair=repair)
        report.problems += schema_problems
        report.repaired += schema_repaired
        if self._index_rebuilt_on_open:
            self._index_rebuilt_on_open = False
            report.repaired.append(
                Message(
                    "搜索索引过期或损坏,打开时已重建",
                    "the search index was stale or damaged; rebuilt on opening",
                )
            )
        if not self.index_is_current():
            if repair:
                self.rebuild_index()
                report.repaired.append(Message("搜索索引已重建", "the search index was rebuilt"))
            else:
                report.problems.append(Message("搜索索引过期或损坏", "the search index is stale or damaged"))
        shipped = _shipped_asset_files() if repair else {}
        for asset in self.assets():
            state = self._assets.verify(asset.sha256, asset.filename)
            name = f"{asset.folder}/{asset.title}({asset.filename})"
            source = shipped.get(asset.sha256)
            if state and source and self._assets.restore(asset.sha256, asset.filename, source):
                report.repaired.append(
                    Message(
                        f"素材文件已从程序自带的演示素材恢复:{name}",
                        f"asset file restored from the demo: {name}",
                    )
                )
            elif state:
                word, en = ("缺失", "missing") if state == "missing" else ("已损坏", "damaged")
                report.problems.append(Message(f"素材文件{word}:{name}", f"asset file {en}: {name}"))
        stray = self._db.scalar(
            "SELECT COUNT(*) FROM entry_assets ea LEFT JOIN assets a ON a.id = ea.asset_id WHERE a.id IS NULL"
        )
        if stray:
            if repair:
                with self._db.transaction():
                    self._db.execute("DELETE FROM entry_assets WHERE asset_id NOT IN (SELECT id FROM assets)")
                report.repaired.append(
                    Message(f"清理了 {stray} 个失效的素材关联", f"removed {stray} links to missing assets")
                )
            else:
                report.problems.append(
                    Message(f"{stray} 个失效的素材关联", f"{stray} links to missing assets")
                )
        self._doctor_orphan_asset_files(report, repair=repair)
        # The database checks come last, so that what was just repaired is not also reported as a problem.
        report.problems.extend(self._db.integrity_problems())
        return report

    def backup(self, reason: str = "manual", *, keep: int = 20) -> Path:
        """Copy the database into ``<home>/backups`` (before an import or a team update); the newest ``keep``
        copies are kept. Assets need no copy: they are content-addressed and never overwritten."""
        self.layout.backups.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        safe_reason = "".join(ch for ch in reason if ch.isalnum() or ch in "-_")[:20] or "manual"
        target = self.layout.backups / f"library-{stamp}-{safe_reason}.sqlite3"
        try:
            self._db.backup_to(target)
        except (OSError, sqlite3.Error) as exc:
            target.unlink(missing_ok=True)
            raise CsdeskError(
                f"无法在「{self.layout.backups}」写入备份:{exc}",
                f"Cannot write a backup to '{self.layout.backups}': {exc}",
            ) from exc
        for old in self.backups()[keep:]:
            old.unlink(missing_ok=True)
        return target

    def backups(self) -> list[Path]:
        """Backup files, newest first."""
        return sorted(self.layout.backups.glob("library-*.sqlite3"), reverse=True)

    def stats(self) -> dict[str, int]:
        tables = (
            "shops",
            "categories",
            "entries",
            "variants",
            "assets",
            "tags",
            "customers",
            "rules",
            "sops",
            "examples",
        )
        counts = {t: int(self._db.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in tables}
        counts["entries"] = self.count_entries()
        counts["trash"] = int(
            self._db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NOT NULL") or 0
        )
        return counts

    @property
    def database(self) -> Database:
        """The underlying database, for the formats and stats modules (same process, same lock)."""
        return self._db


# ----------------------------------------------------------------------------------------------------------
# Row helpers
# ----------------------------------------------------------------------------------------------------------
def _shipped_asset_files() -> dict[str, Path]:
    """The asset files that ship with csdesk (the demo's), by content hash: doctor() restores lost copies."""
    from csdesk.core.assetstore import sha256_of
    from csdesk.core.resources import resource_path

    try:
        folder = resource_path("demo/assets")
        return {sha256_of(p): p for p in sorted(folder.iterdir()) if p.is_file()}
    except OSError:
        return {}


def _shop(row: Any) -> Shop:
    return Shop(int(row["id"]), row["name"], row["platform"], bool(row["is_shared"]), int(row["sort_order"]))


def _variant(row: Any) -> Variant:
    return Variant(
        row["id"], row["entry_id"], row["label"], row["reply"], row["target_tag"], row["ab_group"],
        bool(row["enabled"]), int(row["sort_order"]),
    )  # fmt: skip


def _asset(row: Any) -> Asset:
    return Asset(
        row["id"], row["sha256"], row["folder"], row["title"], row["filename"], row["mime"], int(row["size"]),
        row["created_at"], row["deleted_at"],
    )  # fmt: skip


def _rule(row: Any) -> Rule:
    return Rule(
        id=int(row["id"]), pattern=row["pattern"], severity=row["severity"], kind=row["kind"], reason=row["reason"],
        suggestion=row["suggestion"], exceptions=tuple(json.loads(row["exceptions"] or "[]")), source=row["source"],
        shop_id=row["shop_id"], enabled=bool(row["enabled"]), builtin=bool(row["builtin"]),
    )  # fmt: skip


def _snapshot(entry: Entry) -> dict[str, Any]:
    """What an entry version stores: every field and its variants (their changes make versions too); not the
    examples, which are training material kept beside the entry and changed without a version."""
    data = asdict(entry)
    data["variants"] = [{k: v for k, v in x.items() if k != "entry_id"} for x in data["variants"]]
    del data["examples"]
    return data


def _variant_for(entry: Entry, customer_tags: Collection[str]) -> Variant | None:
    if not customer_tags:
        return None
    wanted = set(customer_tags)
    return next((v for v in entry.variants if v.enabled and v.target_tag and v.target_tag in wanted), None)


def _clean_list(values: Iterable[str] | str) -> list[str]:
    if isinstance(values, str):
        values = values.replace("|", "\n").splitlines()
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _first_line(text: str, limit: int = 30) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[:limit] + "…"


def _looks_like_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _checked_customer_fields(nickname: str, birthday: str | None) -> str:
    """The stripped nickname; ValidationError for an empty nickname or a birthday csdesk cannot read."""
    nickname = nickname.strip()
    if not nickname:
        raise ValidationError("客户昵称不能为空。", "A customer needs a nickname.")
    if birthday and not _valid_date(birthday):
        raise ValidationError(
            f"生日「{birthday}」格式不对,请写成 1990-05-01 或 05-01。", f"Bad birthday '{birthday}'."
        )
    return nickname


def _valid_date(text: str) -> bool:
    for fmt in ("%Y-%m-%d", "%m-%d"):
        try:
            datetime.strptime(text.strip(), fmt)
            return True
        except ValueError:
            continue
    return False
