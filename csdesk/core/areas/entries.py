"""lib.entries: create and edit (also in bulk), tags, trash and purge, history, versions, shortcut codes."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from csdesk.core import limits, versions
from csdesk.core.areas._bulk import insert_new_entries
from csdesk.core.areas._common import (
    ENTRY_TEXT_FIELDS,
    check_code_shape,
    clean_list,
    first_line,
    looks_like_uuid,
    now_iso,
    variant_from_row,
)
from csdesk.core.areas.base import Area
from csdesk.core.errors import CsdeskError, NotFoundError, ValidationError
from csdesk.core.history import entry_snapshot, snapshot_problem
from csdesk.core.models import (
    Entry,
    EntryDraft,
    EntryVersion,
    Example,
    Shop,
    Variant,
)

_EDITABLE_FIELDS = frozenset(ENTRY_TEXT_FIELDS) | {
    "similar", "tags", "enabled", "sort_order", "category", "shop", "origin", "origin_ref",
}  # fmt: skip
"""What a bulk edit may change (``update_many`` and ``update_each``)."""


class EntriesArea(Area):
    """Entries: create, edit in bulk, tags, trash and purge, history and restoring a version, shortcut codes."""

    def get(self, entry_id: str) -> Entry:
        """The entry with this id (also when it is in the trash). Raises NotFoundError."""
        entries = self.load([entry_id])
        if not entries:
            raise NotFoundError(f"找不到条目「{entry_id}」。", f"No entry '{entry_id}'.")
        return entries[0]

    def get_many(self, entry_ids: Sequence[str]) -> list[Entry]:
        """Entries in the order asked; unknown ids are left out."""
        by_id = {e.id: e for e in self.load(entry_ids)}
        return [by_id[i] for i in entry_ids if i in by_id]

    def find(self, ref: str, *, shop: str | int | None = None) -> Entry:
        """An entry by id or by shortcut code (case-insensitive).

        A code that exists in several shops needs ``shop``; with a shop, its own code wins over 通用's.
        """
        ref = ref.strip()
        if looks_like_uuid(ref):
            entry = self.get(ref)
            if entry.deleted_at is None:
                return entry
        if shop is not None and shop != "":
            target = self._lib.shops.get(shop)
            for shop_id in dict.fromkeys((target.id, self._lib.shops.shared.id)):
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

    def all(
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
            params.append(self._lib.shops.get(shop).id)
        if category is not None:
            cats = self._lib.categories.subtree(category)
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
        return self.load([r[0] for r in rows])

    def count(self) -> int:
        return int(self._db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL") or 0)

    # Counts and names for the workbench's lists, in SQL: reading 100,000 entries to count them takes seconds.
    def counts(self, *, by: str = "shop", shop: str | int | None = "*") -> dict[int, int]:
        """Live entries per shop id (``by="shop"``) or per category id (``by="category"``, of ``shop``)."""
        column = {"shop": "shop_id", "category": "category_id"}[by]
        where, params = "deleted_at IS NULL", tuple[int, ...]()
        if shop != "*":
            where, params = where + " AND shop_id = ?", (self._lib.shops.get(shop).id,)
        sql = (
            f"SELECT {column}, COUNT(*) FROM entries WHERE {where} AND {column} IS NOT NULL GROUP BY {column}"
        )
        return {int(r[0]): int(r[1]) for r in self._db.all(sql, params)}

    def tag_names(self) -> list[str]:
        """Every tag on a live entry, by name (each distinct tag, then one live entry that has it: by index)."""
        sql = (
            "SELECT d.tag FROM (SELECT DISTINCT tag FROM entry_tags) d WHERE EXISTS (SELECT 1 FROM entry_tags t "
            "JOIN entries e ON e.id = t.entry_id WHERE t.tag = d.tag AND e.deleted_at IS NULL) ORDER BY d.tag"
        )
        return [r[0] for r in self._db.all(sql)]

    def with_examples(self) -> list[Entry]:
        """Live entries that have good or bad examples, in the order of :meth:`entries`."""
        rows = self._db.all(
            "SELECT e.id FROM entries e WHERE e.deleted_at IS NULL AND EXISTS "
            "(SELECT 1 FROM examples x WHERE x.entry_id = e.id) "
            "ORDER BY e.shop_id, e.category_id, e.sort_order, e.created_at"
        )
        return self.load([r[0] for r in rows])

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
        return self.get_many(self.create_many_ids(drafts, action=action, progress=progress))

    def create_many_ids(
        self,
        drafts: Sequence[EntryDraft],
        *,
        action: str = "create",
        progress: Callable[[int, int], bool] | None = None,
    ) -> list[str]:
        """:meth:`create_many` returning only the new ids, in the drafts' order: an import of 100,000 rows needs
        no entry objects back (reading them all again cost a tenth of its time and held them all in memory)."""
        for draft in drafts:  # every draft's size before anything is written
            limits.check_draft(draft)
        with self._db.transaction():
            ids = insert_new_entries(self, drafts, action=action, progress=progress)
            self._lib.index.changed(ids)
        self._lib.index.catch_up()
        self._notify("entries", ids)
        return ids

    def _snapshots(self, entries: Sequence[Entry]) -> list[dict[str, Any]]:
        """Version snapshots of ``entries``, their linked assets named (one query for all of them)."""
        linked = list({a for e in entries for a in e.asset_ids})
        titles: dict[str, str] = {}
        for start in range(0, len(linked), 900):
            chunk = linked[start : start + 900]
            rows = self._db.all(
                f"SELECT id, title FROM assets WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk)
            )
            titles.update((r[0], r[1]) for r in rows)
        return [entry_snapshot(e, titles) for e in entries]

    def update(self, entry_id: str, **changes: Any) -> Entry:
        """Change fields of an entry: any of title, code, reply, question, similar, scenario, guidance, basis, tags,
        enabled, sort_order, category (path or id), shop (name or id), origin."""
        self.update_many([entry_id], **changes)
        return self.get(entry_id)

    def update_many(self, entry_ids: Sequence[str], **changes: Any) -> None:
        """Apply the same changes to many entries in one transaction (bulk edit)."""
        allowed = _EDITABLE_FIELDS
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(f"unknown entry fields: {sorted(unknown)}")
        limits.check_fields(limits.sized(changes))
        with self._db.transaction():
            for entry_id in entry_ids:
                self.update_row(self.get(entry_id), changes)
            self._lib.index.changed(list(entry_ids))
        self._lib.index.catch_up()
        self._notify("entries", entry_ids)

    def update_each(
        self,
        changes_by_id: Mapping[str, Mapping[str, Any]],
        *,
        progress: Callable[[int, int], bool] | None = None,
    ) -> None:
        """Apply different changes to many entries in one transaction and one index write (file imports)."""
        allowed = _EDITABLE_FIELDS
        for changes in changes_by_id.values():
            unknown = set(changes) - allowed
            if unknown:
                raise TypeError(f"unknown entry fields: {sorted(unknown)}")
            limits.check_fields(limits.sized(changes))
        ids = list(changes_by_id)
        with self._db.transaction():
            for position, entry_id in enumerate(ids):
                self.update_row(self.get(entry_id), dict(changes_by_id[entry_id]))
                if progress and position % 200 == 0 and progress(position, len(ids)) is False:
                    raise CsdeskError("已取消。", "Cancelled.")
            self._lib.index.changed(ids)
        self._lib.index.catch_up()
        self._notify("entries", ids)

    def update_row(self, current: Entry, changes: dict[str, Any], *, action: str = "update") -> None:
        sized = limits.sized(changes)
        if sized:  # the entry's size with the new texts in place of the old ones
            limits.check_fields(sized)
            old = {name: getattr(current, name) for name in sized}
            self.check_size(current.id, limits.text_size(sized) - limits.text_size(old))
        shop = (
            self._lib.shops.get(changes["shop"])
            if "shop" in changes
            else self._lib.shops.get(current.shop_id)
        )
        if "category" in changes:
            category_id = self._resolve_category(shop, changes["category"])
        elif shop.id != current.shop_id:
            category_id = (
                self._lib.categories.ensure(shop.id, current.category_path) if current.category_path else None
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
            values["title"] = question or first_line(reply)
        code = values.get("code", current.code)
        if "code" in values or shop.id != current.shop_id:
            self.check_code(shop.id, code, current.id)
        if "similar" in changes:
            values["similar"] = json.dumps(clean_list(changes["similar"]), ensure_ascii=False)
        for name in ("enabled", "sort_order"):
            if name in changes:
                values[name] = int(changes[name])
        for name in ("origin", "origin_ref"):
            if name in changes:
                values[name] = str(changes[name])
        values.update(
            shop_id=shop.id, category_id=category_id, updated_at=now_iso(), updated_by=self._lib.agent
        )
        assignments = ", ".join(f"{k} = ?" for k in values)
        self._db.execute(f"UPDATE entries SET {assignments} WHERE id = ?", (*values.values(), current.id))
        if "tags" in changes:
            self._set_tags(current.id, changes["tags"])
        self.record_version(current.id, action)

    def text_size(self, entry_id: str) -> int:
        """Characters of an entry with everything it carries (fields, similar questions, tags, variants, examples),
        counted as :func:`csdesk.core.limits.text_size` counts them; one query."""
        return int(self._db.scalar(_TEXT_SIZE_SQL, {"id": entry_id}) or 0)

    def check_size(self, entry_id: str, growth: int) -> None:
        """Refuse a change that would make the entry hold more than :data:`csdesk.core.limits.MAX_ENTRY_CHARS`
        (``growth``: characters the change adds, negative when it removes; a shrinking change always passes)."""
        if growth > 0:
            limits.check_entry_size(self.text_size(entry_id) + growth)

    def touch(self, entry_ids: Iterable[str]) -> None:
        """Record who changed these entries and when (inside the caller's transaction)."""
        stamp, who = now_iso(), self._lib.agent
        for entry_id in entry_ids:
            self._db.execute(
                "UPDATE entries SET updated_at = ?, updated_by = ? WHERE id = ?", (stamp, who, entry_id)
            )

    def add_tags(self, entry_ids: Sequence[str], tags: Iterable[str]) -> None:
        tags = clean_list(tags)
        with self._db.transaction():
            for entry_id in entry_ids:
                for tag in tags:
                    self._db.execute(
                        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)", (entry_id, tag)
                    )
                self.touch([entry_id])
                self.record_version(entry_id, "update")
            self._lib.index.changed(list(entry_ids))
        self._lib.index.catch_up()
        self._notify("entries", entry_ids)

    def remove_tags(self, entry_ids: Sequence[str], tags: Iterable[str]) -> None:
        tags = clean_list(tags)
        with self._db.transaction():
            for entry_id in entry_ids:
                for tag in tags:
                    self._db.execute("DELETE FROM entry_tags WHERE entry_id = ? AND tag = ?", (entry_id, tag))
                self.touch([entry_id])
                self.record_version(entry_id, "update")
            self._lib.index.changed(list(entry_ids))
        self._lib.index.catch_up()
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
                    (stamp, stamp, self._lib.agent, entry_id),
                )
                self.record_version(entry_id, "delete")
            self._lib.index.changed(list(entry_ids))
        self._lib.index.catch_up()
        self._notify("entries", entry_ids)

    def restore(self, entry_id: str) -> Entry:
        """Take an entry out of the trash. A code taken meanwhile by another entry is cleared (and said so)."""
        entry = self.get(entry_id)
        with self._db.transaction():
            code = entry.code
            if code and self.code_owner(entry.shop_id, code, entry_id):
                code = ""
            category_id = entry.category_id
            if category_id is None and entry.deleted_at:
                # its category was deleted while it sat in the trash: build the path it had again
                path = self._path_when_trashed(entry_id)
                category_id = self._lib.categories.ensure(entry.shop_id, path) if path else None
            self._db.execute(
                "UPDATE entries SET deleted_at = NULL, code = ?, category_id = ?, updated_at = ?, updated_by = ? "
                "WHERE id = ?",
                (code, category_id, now_iso(), self._lib.agent, entry_id),
            )
            self.record_version(entry_id, "restore")
            self._lib.index.changed([entry_id])
        self._lib.index.catch_up()
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
        return self.all(deleted=True)

    def purge(self, entry_ids: Sequence[str] | None = None) -> int:
        """Delete entries from the trash for good (all of the trash when ``entry_ids`` is None)."""
        if entry_ids is None:
            entry_ids = [r[0] for r in self._db.all("SELECT id FROM entries WHERE deleted_at IS NOT NULL")]
        with self._db.transaction():
            for entry_id in entry_ids:
                self._db.execute("DELETE FROM entries WHERE id = ? AND deleted_at IS NOT NULL", (entry_id,))
            self._lib.index.changed(entry_ids)
        self._lib.index.catch_up()
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
        deleted), linked assets that still exist, and — for versions that stored them — the variants and the
        examples (a version written before examples were versioned leaves them as they are).
        A trashed entry is taken out of the trash; a code another entry took meanwhile is cleared, as in
        :meth:`restore`.
        """
        snapshot = next((v for v in self.history(entry_id) if v.version == version), None)
        if snapshot is None:
            raise NotFoundError(f"条目没有第 {version} 版。", f"The entry has no version {version}.")
        data: dict[str, Any] = dict(snapshot.data)
        bad = snapshot_problem(data)
        if bad is not None:
            raise ValidationError(
                f"第 {version} 版的数据不完整(「{bad}」),无法恢复。",
                f"Version {version} is damaged ('{bad}') and cannot be restored.",
            )
        entry = self.get(entry_id)
        changes: dict[str, Any] = {
            k: data[k] for k in (*ENTRY_TEXT_FIELDS, "similar", "tags", "enabled", "sort_order") if k in data
        }
        shop = self._snapshot_shop(data, entry)
        changes["shop"] = shop.id
        if "category_path" in data:
            changes["category"] = data["category_path"] or None
        code = str(changes.get("code", entry.code) or "")
        if entry.deleted_at and code and self.code_owner(shop.id, code, entry_id):
            changes["code"] = ""
        with self._db.transaction():
            if entry.deleted_at:
                self._db.execute("UPDATE entries SET deleted_at = NULL WHERE id = ?", (entry_id,))
            if "asset_ids" in data:
                live_assets = {r[0] for r in self._db.all("SELECT id FROM assets WHERE deleted_at IS NULL")}
                self._db.execute("DELETE FROM entry_assets WHERE entry_id = ?", (entry_id,))
                wanted = dict.fromkeys(self._lib.assets.resolve(a) for a in data["asset_ids"])
                for order, asset_id in enumerate(a for a in wanted if a in live_assets):
                    self._db.execute(
                        "INSERT OR IGNORE INTO entry_assets(entry_id, asset_id, sort_order) VALUES (?, ?, ?)",
                        (entry_id, asset_id, order),
                    )
            if "variants" in data:
                self._db.execute("DELETE FROM variants WHERE entry_id = ?", (entry_id,))
                for v in data["variants"]:
                    taken = self._db.one("SELECT 1 FROM variants WHERE id = ?", (v.get("id") or "",))
                    v = {**v, "id": str(uuid.uuid4()) if taken or not v.get("id") else v["id"]}
                    self._db.execute(
                        "INSERT INTO variants(id, entry_id, label, reply, target_tag, ab_group, enabled, sort_order) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (v["id"], entry_id, v.get("label", ""), v["reply"], v.get("target_tag", ""),
                         v.get("ab_group", ""), int(v.get("enabled", True)), int(v.get("sort_order", 0))),
                    )  # fmt: skip
            if "examples" in data:
                self._restore_examples(entry_id, data["examples"])
            self.update_row(self.load([entry_id])[0], changes, action="restore")
            self._lib.index.changed([entry_id])
        self._lib.index.catch_up()
        self._notify("entries", [entry_id])
        return self.get(entry_id)

    def _snapshot_shop(self, data: Mapping[str, Any], entry: Entry) -> Shop:
        """The shop a saved version was in: by id, else by name, else the entry's current shop."""
        for ref in (data.get("shop_id"), data.get("shop_name")):
            if ref in (None, ""):
                continue
            try:
                shop = self._lib.shops.get(int(ref) if isinstance(ref, int) else str(ref))
            except NotFoundError:
                continue
            if isinstance(ref, int) and data.get("shop_name") and shop.name != data.get("shop_name"):
                continue  # the id was reused by another shop; try the name
            return shop
        return self._lib.shops.get(entry.shop_id)

    def _resolve_category(self, shop: Shop, category: str | int | None) -> int | None:
        if category is None or category == "":
            return None
        if isinstance(category, int):
            cat = self._lib.categories.get(category)
            if cat.shop_id != shop.id:
                return self._lib.categories.ensure(shop.id, cat.path)
            return cat.id
        return self._lib.categories.ensure(shop.id, category)

    def code_owner(self, shop_id: int, code: str, exclude: str | None) -> str | None:
        row = self._db.one(
            "SELECT id FROM entries WHERE shop_id = ? AND lower(code) = lower(?) AND code != '' AND deleted_at IS NULL AND id != ?",
            (shop_id, code, exclude or ""),
        )
        return None if row is None else str(row[0])

    def check_code(self, shop_id: int, code: str, exclude: str | None) -> None:
        if not code:
            return
        check_code_shape(code)
        owner = self.code_owner(shop_id, code, exclude)
        if owner:
            title = self._db.scalar("SELECT title FROM entries WHERE id = ?", (owner,))
            raise ValidationError(
                f"快捷编码「{code}」在本店已被「{title}」使用。",
                f"The code '{code}' is already used by '{title}' in this shop.",
            )

    def code_in_use(self, shop: str | int | None, code: str, exclude: str | None = None) -> Entry | None:
        """The entry of ``shop`` already using ``code`` (editor warning), or None."""
        owner = self.code_owner(self._lib.shops.get(shop).id, code.strip(), exclude) if code.strip() else None
        return None if owner is None else self.get(owner)

    def _set_tags(self, entry_id: str, tags: Iterable[str], *, new: bool = False) -> None:
        """Replace the tags of ``entry_id`` (``new``: an entry inserted just now, which has none to delete)."""
        if not new:
            self._db.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
        for tag in clean_list(tags):
            self._db.execute("INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)", (entry_id, tag))

    def record_version(self, entry_id: str, action: str) -> None:
        """Save the entry as it is now as its next version (inside the caller's transaction): every change of an
        entry, its variants, examples, tags and asset links included, calls this."""
        entry = self.load([entry_id])[0]
        version = int(
            self._db.scalar(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM entry_versions WHERE entry_id = ?", (entry_id,)
            )
            or 1
        )
        data = self._snapshots([entry])[0]
        self._db.execute(
            "INSERT INTO entry_versions(entry_id, version, action, changed_at, changed_by, data) VALUES (?, ?, ?, ?, ?, ?)",
            (entry_id, version, action, now_iso(), self._lib.agent, json.dumps(data, ensure_ascii=False)),
        )

    # History beside the versions this area records: csdesk/core/versions.py (this module stays under 700 lines).
    histories = versions.histories
    merge_history = versions.merge_history
    version_mark = versions.version_mark
    restore_preview = versions.restore_preview
    _restore_examples = versions.restore_examples

    def load(self, entry_ids: Sequence[str]) -> list[Entry]:
        """Entries with their tags, variants, assets and examples, read in a handful of queries."""
        if not entry_ids:
            return []
        result: list[Entry] = []
        for start in range(0, len(entry_ids), 900):
            result.extend(self._load_chunk(list(entry_ids[start : start + 900])))
        return result

    def _load_chunk(self, ids: list[str]) -> list[Entry]:
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
            variants.setdefault(r["entry_id"], []).append(variant_from_row(r))
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
        paths = self._lib.categories.paths({r["category_id"] for r in rows if r["category_id"] is not None})
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


_TEXT_SIZE_SQL = (
    "SELECT "
    + " + ".join(f"LENGTH(COALESCE(e.{f}, ''))" for f in ENTRY_TEXT_FIELDS)
    + " + (SELECT COALESCE(SUM(LENGTH(value)), 0) FROM json_each(COALESCE(e.similar, '[]')))"
    " + (SELECT COALESCE(SUM(LENGTH(tag)), 0) FROM entry_tags WHERE entry_id = e.id)"
    " + (SELECT COALESCE(SUM(LENGTH(label) + LENGTH(reply) + LENGTH(target_tag) + LENGTH(ab_group)), 0)"
    "    FROM variants WHERE entry_id = e.id)"
    " + (SELECT COALESCE(SUM(LENGTH(dialogue) + LENGTH(comment)), 0) FROM examples WHERE entry_id = e.id)"
    " FROM entries e WHERE e.id = :id"
)
