"""The ``Library`` façade: the one door through which the GUI, the CLI and the formats reach a library.

It owns the SQLite database (the truth) and hands out one object per area of the library, each in its own module
under :mod:`csdesk.core.areas`: ``lib.shops``, ``lib.categories``, ``lib.entries``, ``lib.variants``,
``lib.examples``, ``lib.assets``, ``lib.tags``, ``lib.customers``, ``lib.rules``, ``lib.placeholders``,
``lib.sops``, ``lib.usage``, ``lib.index`` (search and the derived Whoosh index) and ``lib.health`` (doctor,
backups). The library itself keeps opening and closing, transactions, listeners, settings, and the few verbs every
caller uses (search, get, create, update, delete, render, check, log_copy).

Every change runs in one transaction, bumps the index generation, and updates the index in the same call. All
methods are safe to call from any thread (one connection behind a lock; the index has its own locking).
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from csdesk.core.answers import AnswerFinder
from csdesk.core.areas._common import (  # re-exported: other modules import these from here
    DEFAULT_ASSET_FOLDERS,
    KEEP,
    Change,
    DoctorReport,
    now_iso,
)
from csdesk.core.areas.assets import AssetsArea
from csdesk.core.areas.categories import CategoriesArea
from csdesk.core.areas.customers import CustomersArea
from csdesk.core.areas.entries import EntriesArea
from csdesk.core.areas.entry_tags import EntryTagsArea
from csdesk.core.areas.examples import ExamplesArea
from csdesk.core.areas.health import HealthArea
from csdesk.core.areas.index import IndexArea
from csdesk.core.areas.placeholders import PlaceholdersArea
from csdesk.core.areas.rules import RulesArea
from csdesk.core.areas.shops import ShopsArea
from csdesk.core.areas.sops import SopsArea
from csdesk.core.areas.tags import TagsArea
from csdesk.core.areas.usage import UsageArea
from csdesk.core.areas.variants import VariantsArea
from csdesk.core.backups import Backups
from csdesk.core.leftovers import clean_leftovers
from csdesk.core.models import (
    Entry,
    EntryDraft,
    RenderResult,
    RuleHit,
    SearchHit,
)
from csdesk.core.paths import HomeLayout
from csdesk.core.rules import builtin_rule_versions, load_builtin_rules
from csdesk.core.storage import Database

__all__ = ["KEEP", "Change", "CsdeskDeprecationWarning", "DoctorReport", "Library", "now_iso"]

log = logging.getLogger(__name__)


class CsdeskDeprecationWarning(DeprecationWarning):
    """A name csdesk still accepts for one release (the flat ``Library`` methods of 0.1)."""


_MOVED: dict[str, tuple[str, str]] = {
    "add_asset": ("assets", "add"),
    "add_asset_bytes": ("assets", "add_bytes"),
    "add_asset_folder": ("assets", "add_folder"),
    "add_example": ("examples", "add"),
    "add_placeholder": ("placeholders", "add"),
    "add_rule": ("rules", "add"),
    "add_rules": ("rules", "add_many"),
    "add_shop": ("shops", "add"),
    "add_tag": ("tags", "add"),
    "add_tag_group": ("tags", "add_group"),
    "add_tags": ("entries", "add_tags"),
    "add_variant": ("variants", "add"),
    "asset": ("assets", "get"),
    "asset_folder_position": ("assets", "folder_position"),
    "asset_folders": ("assets", "folders"),
    "asset_path": ("assets", "path"),
    "assets": ("assets", "all"),
    "backup": ("health", "backup"),
    "backups": ("health", "backups"),
    "categories": ("categories", "all"),
    "category": ("categories", "get"),
    "category_path": ("categories", "path"),
    "category_subtree": ("categories", "subtree"),
    "code_in_use": ("entries", "code_in_use"),
    "count_entries": ("entries", "count"),
    "create_many": ("entries", "create_many"),
    "customer": ("customers", "get"),
    "customer_by_id": ("customers", "by_id"),
    "customers": ("customers", "all"),
    "default_values": ("placeholders", "default_values"),
    "delete_asset": ("assets", "delete"),
    "delete_category": ("categories", "delete"),
    "delete_customer": ("customers", "delete"),
    "delete_example": ("examples", "delete"),
    "delete_many": ("entries", "delete_many"),
    "delete_placeholder": ("placeholders", "delete"),
    "delete_rule": ("rules", "delete"),
    "delete_shop": ("shops", "delete"),
    "delete_sop": ("sops", "delete"),
    "delete_tag": ("tags", "delete"),
    "delete_tag_group": ("tags", "delete_group"),
    "delete_variant": ("variants", "delete"),
    "doctor": ("health", "doctor"),
    "ensure_category": ("categories", "ensure"),
    "ensure_shop": ("shops", "ensure"),
    "entries": ("entries", "all"),
    "entries_using_asset": ("assets", "entries_using"),
    "entries_with_examples": ("entries", "with_examples"),
    "entry_counts": ("entries", "counts"),
    "entry_tag_names": ("entries", "tag_names"),
    "generation": ("index", "generation"),
    "history": ("entries", "history"),
    "index_is_current": ("index", "is_current"),
    "last_used": ("usage", "last_used"),
    "link_asset": ("assets", "link"),
    "log_search": ("usage", "log_search"),
    "max_asset_bytes": ("assets", "max_bytes"),
    "merge_category": ("categories", "merge"),
    "move_category": ("categories", "move"),
    "orphan_asset_files": ("assets", "orphan_files"),
    "placeholder_names": ("placeholders", "names"),
    "placeholders": ("placeholders", "all"),
    "purge": ("entries", "purge"),
    "rebuild_index": ("index", "rebuild"),
    "remove_asset_folder": ("assets", "remove_folder"),
    "remove_tags": ("entries", "remove_tags"),
    "rename_asset_folder": ("assets", "rename_folder"),
    "rename_category": ("categories", "rename"),
    "render_text": ("placeholders", "render_text"),
    "restore": ("entries", "restore"),
    "restore_version": ("entries", "restore_version"),
    "rule": ("rules", "get"),
    "rules": ("rules", "all"),
    "save_customer": ("customers", "save"),
    "save_sop": ("sops", "save"),
    "search_log": ("usage", "search_log"),
    "set_customer_tag": ("customers", "set_tag"),
    "shared_shop": ("shops", "shared"),
    "shop": ("shops", "get"),
    "shop_contents": ("shops", "contents"),
    "shops": ("shops", "all"),
    "sop": ("sops", "get"),
    "sops": ("sops", "all"),
    "split_category_path": ("categories", "split_path"),
    "stats": ("health", "stats"),
    "tag_groups": ("tags", "groups"),
    "tags": ("tags", "all"),
    "trash": ("entries", "trash"),
    "unlink_asset": ("assets", "unlink"),
    "unused_assets": ("assets", "unused"),
    "update_asset": ("assets", "update"),
    "update_customer": ("customers", "update"),
    "update_each": ("entries", "update_each"),
    "update_example": ("examples", "update"),
    "update_many": ("entries", "update_many"),
    "update_rule": ("rules", "update"),
    "update_shop": ("shops", "update"),
    "update_tag": ("tags", "update"),
    "update_tag_group": ("tags", "update_group"),
    "update_variant": ("variants", "update"),
    "usage_counts": ("usage", "counts"),
}


class Library:
    """A csdesk library in one home folder. Create with :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, layout: HomeLayout, database: Database, *, agent: str | None = None) -> None:
        self.layout = layout
        self.home = layout.root
        self._db = database
        self._agent_override = agent
        self._listeners: list[Callable[[Change], None]] = []
        self._closed = False
        self.shops = ShopsArea(self)
        self.categories = CategoriesArea(self)
        self.entries = EntriesArea(self)
        self.variants = VariantsArea(self)
        self.examples = ExamplesArea(self)
        self.assets = AssetsArea(self)
        self.tags = TagsArea(self)
        self.entry_tags = EntryTagsArea(self)  # 条目标签, apart from the customer tags above
        self.customers = CustomersArea(self)
        self.rules = RulesArea(self)
        self.placeholders = PlaceholdersArea(self)
        self.sops = SopsArea(self)
        self.usage = UsageArea(self)
        self.index = IndexArea(self)
        self.health = HealthArea(self)
        self.health.cleaned_on_open = []
        self.backups = Backups(self)  # backups of every kind, rotation, restore (csdesk.core.backups)
        # the meaning layer, learned phrasings and confidence (csdesk.core.answers)
        self.answers = AnswerFinder(self)

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
        (``lib.index.needs_rebuild()``, ``lib.index.rebuild()``).
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
            lib.health.cleaned_on_open = clean_leftovers(layout)
            created = lib._meta("initialised") is None
            if created:
                lib._initialise(demo=demo)
            else:
                lib.rules.upgrade_builtin()
            if build_index and lib.index.needs_rebuild():
                lib.index.rebuilt_on_open = not created
                lib.index.rebuild()
            elif build_index:
                lib.index.catch_up(timeout=1.0)  # what other programs left in the index log
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
        lib.index.rebuild()
        return lib

    def close(self) -> None:
        """Close the index (applying what it still can) and the database; a second call does nothing."""
        if self._closed:
            return
        self._closed = True
        self.answers.close()
        self.index.close()
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
            self.shops.ensure_shared()
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
                    self.rules._insert(rule)
                self.rules._set_builtin_versions(builtin_rule_versions())
                if demo:
                    from csdesk.core.demo import load_demo

                    self.index.dirty = True  # the demo's writes skip their per-call index updates
                    load_demo(self)
            self._set_meta("initialised", "1")

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
        """Who is making changes (recorded on entries and their history): the editor name, else the agent name."""
        return self._agent_override or str(
            self.setting("editor_name", "") or self.setting("agent_name", "") or ""
        )

    @property
    def agent_name(self) -> str:
        """The agent as customers see them ({客服名}) and as the usage log records them — never the editor name."""
        return self._agent_override or str(self.setting("agent_name", "") or "")

    @property
    def data_version(self) -> int:
        """Changes whenever another connection commits (PRAGMA data_version): lets the GUI notice the CLI's writes."""
        return int(self._db.scalar("PRAGMA data_version") or 0)

    @property
    def is_empty(self) -> bool:
        return not self._db.scalar("SELECT 1 FROM entries LIMIT 1")

    @property
    def database(self) -> Database:
        """The underlying database, for the formats and stats modules (same process, same lock)."""
        return self._db

    # ------------------------------------------------------------------------------------------------------
    # The verbs every caller uses (the rest lives in the areas)
    # ------------------------------------------------------------------------------------------------------
    def get(self, entry_id: str) -> Entry:
        """An entry by id (trashed ones too); NotFoundError when there is none."""
        return self.entries.get(entry_id)

    def get_many(self, entry_ids: Sequence[str]) -> list[Entry]:
        return self.entries.get_many(entry_ids)

    def find(self, ref: str, *, shop: str | int | None = None) -> Entry:
        """An entry by id, shortcut code or title (see :meth:`EntriesArea.find`)."""
        return self.entries.find(ref, shop=shop)

    def create(self, draft: EntryDraft, *, action: str = "create") -> Entry:
        return self.entries.create(draft, action=action)

    def update(self, entry_id: str, **changes: Any) -> Entry:
        return self.entries.update(entry_id, **changes)

    def delete(self, entry_id: str) -> None:
        """Move an entry to the trash (restorable)."""
        self.entries.delete(entry_id)

    def search(
        self,
        query: str,
        *,
        shop: str | int | None = None,
        tags: Collection[str] = (),
        limit: int = 20,
        category: int | Collection[int] | None = None,
        customer_tags: Collection[str] = (),
    ) -> list[SearchHit]:
        """Entries matching ``query``, best first (see :meth:`IndexArea.search`)."""
        return self.index.search(
            query, shop=shop, tags=tags, limit=limit, category=category, customer_tags=customer_tags
        )

    def render(self, *args: Any, **kwargs: Any) -> RenderResult:
        """An entry's reply with its placeholders filled (see :meth:`PlaceholdersArea.render`)."""
        return self.placeholders.render(*args, **kwargs)

    def check(self, text: str, *, shop: str | int | None = None) -> list[RuleHit]:
        """Red-line hits in ``text`` for ``shop`` (see :meth:`RulesArea.check`)."""
        return self.rules.check(text, shop=shop)

    def log_copy(self, entry_id: str, **kwargs: Any) -> None:
        """Record that an entry was copied (see :meth:`UsageArea.log_copy`)."""
        self.usage.log_copy(entry_id, **kwargs)

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            """The flat names of csdesk 0.1 (``lib.add_shop`` …) for one more release, with a warning.

            Hidden from type checkers, so csdesk's own code cannot use them by mistake.
            """
            moved = _MOVED.get(name)
            if moved is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            area, new = moved
            warnings.warn(
                f"Library.{name} is deprecated; use Library.{area}.{new}",
                CsdeskDeprecationWarning,
                stacklevel=2,
            )
            return getattr(getattr(self, area), new)
