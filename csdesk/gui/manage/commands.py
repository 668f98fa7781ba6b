"""Undoable edits of the library, and the plumbing the workbench pages share.

Every edit a supervisor (or an agent, on their own entries) makes goes through a :class:`LibraryCommand` on the
workbench's one ``QUndoStack``: ``apply`` calls the Library API forward, ``revert`` backward, and each command keeps
what it needs (before/after field values, the trashed ids …) to do both.

A command runs once *before* it is pushed (:meth:`CommandRunner.push`): when the library refuses it (a duplicate
code, an empty reply) the user sees the message and nothing lands on the stack. Objects that come back under a new id
when re-created (a variant, a category, a shop) are followed through :class:`IdMap`, so later commands still find
them after an undo/redo round trip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from csdesk.core.errors import CsdeskError, NotFoundError, PermissionDeniedError, ValidationError
from csdesk.core.library import Change, Library
from csdesk.core.models import Entry, EntryDraft, Variant

log = logging.getLogger(__name__)

ENTRY_FIELDS = (
    "title", "code", "reply", "question", "similar", "scenario", "guidance", "basis", "tags", "enabled",
    "sort_order", "shop", "category",
)  # fmt: skip


def entry_fields(entry: Entry) -> dict[str, Any]:
    """The editable state of an entry, in the keyword form ``Library.update`` takes."""
    return {
        "title": entry.title, "code": entry.code, "reply": entry.reply, "question": entry.question,
        "similar": tuple(entry.similar), "scenario": entry.scenario, "guidance": entry.guidance,
        "basis": entry.basis, "tags": tuple(entry.tags), "enabled": entry.enabled, "sort_order": entry.sort_order,
        "shop": entry.shop_id, "category": entry.category_id,
    }  # fmt: skip


class IdMap:
    """Old id → current id, for objects that get a new id when an undo/redo re-creates them (a rule, a tag, a
    category …), so older commands on the stack still find them."""

    def __init__(self) -> None:
        self._map: dict[tuple[str, Any], Any] = {}

    def resolve(self, kind: str, value: Any) -> Any:
        seen = set()
        while (kind, value) in self._map and value not in seen:
            seen.add(value)
            value = self._map[(kind, value)]
        return value

    def remap(self, kind: str, old: Any, new: Any) -> None:
        if old != new:
            self._map[(kind, old)] = new


class AppliedCommand(QUndoCommand):
    """An edit that ran once (``apply``) before it was pushed, so the push's own ``redo`` is skipped.

    ``redo``/``undo`` call ``apply``/``revert``; a failure is kept in ``error`` and goes to :meth:`failed` (a Python
    exception must not cross into Qt). :class:`CommandRunner` then puts the stack index back, for every command
    kind, so the stack never claims a step that did not happen. Subclasses decide whether :meth:`failed` shows the
    message at once (the pages) or leaves it to the runner.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._skip_next = False
        self.error: BaseException | None = None

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def failed(self, exc: Exception) -> None:
        raise NotImplementedError

    def skip_next(self) -> None:
        self._skip_next = True

    def _run(self, fn: Callable[[], None]) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        self.error = None
        try:
            fn()
        except Exception as exc:
            self.error = exc
            self.failed(exc)

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)


class LibraryCommand(AppliedCommand):
    """Base of the runner's commands: subclasses implement ``apply`` and ``revert``; errors are kept in ``error``."""

    supervisor = True
    """Whether undoing/redoing needs supervisor mode (False for an agent's own entries)."""

    def __init__(self, lib: Library, text: str) -> None:
        super().__init__(text)
        self.lib = lib
        self.ids = IdMap()

    def failed(self, exc: Exception) -> None:
        pass  # kept in ``error``; the runner shows it

    # helpers
    def cat(self, category_id: int | None) -> int | None:
        return None if category_id is None else self.ids.resolve("category", category_id)

    def shop(self, shop_id: int) -> int:
        return int(self.ids.resolve("shop", shop_id))

    def fields_for_update(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "shop" in out:
            out["shop"] = self.shop(int(out["shop"]))
        if "category" in out:
            out["category"] = self.cat(out["category"])
        return out


# ----------------------------------------------------------------------------------------------------------
# Entries
# ----------------------------------------------------------------------------------------------------------
class CreateEntryCommand(LibraryCommand):
    """Create; undo moves the new entry to the trash, redo takes it out again (same id)."""

    def __init__(self, lib: Library, draft: EntryDraft) -> None:
        super().__init__(lib, QCoreApplication.translate("ManageCommands", "新建条目"))
        self.draft = draft
        self.supervisor = draft.origin != "personal"
        self.entry_id: str | None = None

    def apply(self) -> None:
        if self.entry_id is None:
            self.entry_id = self.lib.create(self.draft).id
        else:
            self.lib.entries.restore(self.entry_id)

    def revert(self) -> None:
        assert self.entry_id is not None
        self.lib.delete(self.entry_id)


class EditEntryCommand(LibraryCommand):
    """Change fields of one entry; stores the values before and after."""

    def __init__(self, lib: Library, entry: Entry, after: dict[str, Any], text: str = "") -> None:
        super().__init__(
            lib,
            text or QCoreApplication.translate("ManageCommands", "编辑条目「%1」").replace("%1", entry.title),
        )
        current = entry_fields(entry)
        self.entry_id = entry.id
        self.after = {k: v for k, v in after.items() if current.get(k) != v}
        if "shop" in self.after and "category" not in self.after:
            self.after["category"] = after.get("category", entry.category_id)
        self.before = {k: current[k] for k in self.after}
        self.supervisor = entry.origin != "personal"

    def is_empty(self) -> bool:
        return not self.after

    def apply(self) -> None:
        self.lib.update(self.entry_id, **self.fields_for_update(self.after))

    def revert(self) -> None:
        self.lib.update(self.entry_id, **self.fields_for_update(self.before))


class DeleteEntriesCommand(LibraryCommand):
    def __init__(self, lib: Library, entries: Sequence[Entry]) -> None:
        n = len(entries)
        text = (
            QCoreApplication.translate("ManageCommands", "删除「%1」").replace("%1", entries[0].title)
            if n == 1
            else QCoreApplication.translate("ManageCommands", "删除 %1 个条目").replace("%1", str(n))
        )
        super().__init__(lib, text)
        self.entry_ids = [e.id for e in entries]
        self.supervisor = any(e.origin != "personal" for e in entries)

    def apply(self) -> None:
        self.lib.entries.delete_many(self.entry_ids)

    def revert(self) -> None:
        _require_entries(self.lib, self)
        for entry_id in self.entry_ids:
            self.lib.entries.restore(entry_id)


class RestoreEntriesCommand(LibraryCommand):
    """Take entries out of the trash; undo puts them back."""

    def __init__(self, lib: Library, entry_ids: Sequence[str]) -> None:
        super().__init__(
            lib,
            QCoreApplication.translate("ManageCommands", "从回收站恢复 %1 个条目").replace(
                "%1", str(len(entry_ids))
            ),
        )
        self.entry_ids = list(entry_ids)

    def apply(self) -> None:
        _require_entries(self.lib, self)
        for entry_id in self.entry_ids:
            self.lib.entries.restore(entry_id)

    def revert(self) -> None:
        self.lib.entries.delete_many(self.entry_ids)


def _group_by(values: dict[str, Any]) -> dict[Any, list[str]]:
    groups: dict[Any, list[str]] = {}
    for entry_id, value in values.items():
        groups.setdefault(value, []).append(entry_id)
    return groups


class BulkSetCommand(LibraryCommand):
    """Set one field (``enabled``, ``category``) on many entries in one step."""

    def __init__(self, lib: Library, entries: Sequence[Entry], field: str, value: Any, text: str) -> None:
        super().__init__(lib, text)
        self.field = field
        self.value = value
        self.entry_ids = [e.id for e in entries]
        self.before = {e.id: entry_fields(e)[field] for e in entries}

    def _value(self, value: Any) -> Any:
        return self.cat(value) if self.field == "category" else value

    def apply(self) -> None:
        self.lib.entries.update_many(self.entry_ids, **{self.field: self._value(self.value)})

    def revert(self) -> None:
        for value, ids in _group_by(self.before).items():
            self.lib.entries.update_many(ids, **{self.field: self._value(value)})


class BulkTagsCommand(LibraryCommand):
    """Add or remove tags on many entries; undo puts back each entry's own tag list."""

    def __init__(self, lib: Library, entries: Sequence[Entry], tags: Iterable[str], *, add: bool) -> None:
        self.tags = [t.strip() for t in tags if t.strip()]
        joined = "、".join(self.tags)
        text = (
            QCoreApplication.translate("ManageCommands", "添加标签「%1」")
            if add
            else QCoreApplication.translate("ManageCommands", "移除标签「%1」")
        ).replace("%1", joined)
        super().__init__(lib, text)
        self.add = add
        self.entry_ids = [e.id for e in entries]
        self.before = {e.id: tuple(e.tags) for e in entries}

    def apply(self) -> None:
        if self.add:
            self.lib.entries.add_tags(self.entry_ids, self.tags)
        else:
            self.lib.entries.remove_tags(self.entry_ids, self.tags)

    def revert(self) -> None:
        for tags, ids in _group_by(self.before).items():
            self.lib.entries.update_many(ids, tags=tags)


class RestoreVersionCommand(LibraryCommand):
    def __init__(self, lib: Library, entry: Entry, version: int) -> None:
        super().__init__(
            lib,
            QCoreApplication.translate("ManageCommands", "恢复「%1」的第 %2 版")
            .replace("%1", entry.title)
            .replace("%2", str(version)),
        )
        self.entry_id = entry.id
        self.version = version
        history = lib.entries.history(entry.id)
        self.before_version = history[0].version if history else None
        """The version that describes the entry now: undo restores it (every field, links and variants too)."""
        self.before = entry_fields(entry)
        self.was_deleted = entry.deleted_at is not None
        self.supervisor = entry.origin != "personal"

    def apply(self) -> None:
        self.lib.entries.restore_version(self.entry_id, self.version)

    def revert(self) -> None:
        if self.before_version is not None:
            self.lib.entries.restore_version(self.entry_id, self.before_version)
        else:
            self.lib.update(self.entry_id, **self.fields_for_update(self.before))
        if self.was_deleted:
            self.lib.delete(self.entry_id)


# ----------------------------------------------------------------------------------------------------------
# Variants, examples, assets of one entry
# ----------------------------------------------------------------------------------------------------------
VARIANT_FIELDS = ("label", "reply", "target_tag", "ab_group", "enabled")


class AddVariantCommand(LibraryCommand):
    """Add a variant; redo after undo brings it back under the same id (A/B statistics follow the id)."""

    def __init__(self, lib: Library, entry: Entry, fields: dict[str, Any]) -> None:
        super().__init__(lib, QCoreApplication.translate("ManageCommands", "添加变体"))
        self.entry_id = entry.id
        self.fields = fields
        self.variant_id: str | None = None
        self.supervisor = entry.origin != "personal"

    def apply(self) -> None:
        self.variant_id = self.lib.variants.add(self.entry_id, variant_id=self.variant_id, **self.fields).id

    def revert(self) -> None:
        assert self.variant_id is not None
        self.lib.variants.delete(self.variant_id)


class EditVariantCommand(LibraryCommand):
    def __init__(self, lib: Library, entry: Entry, variant: Variant, after: dict[str, Any]) -> None:
        super().__init__(lib, QCoreApplication.translate("ManageCommands", "编辑变体"))
        self.variant_id = variant.id
        self.before = {k: getattr(variant, k) for k in after}
        self.after = after
        self.supervisor = entry.origin != "personal"

    def apply(self) -> None:
        self.lib.variants.update(self.variant_id, **self.after)

    def revert(self) -> None:
        self.lib.variants.update(self.variant_id, **self.before)


class DeleteVariantCommand(LibraryCommand):
    def __init__(self, lib: Library, entry: Entry, variant: Variant) -> None:
        super().__init__(lib, QCoreApplication.translate("ManageCommands", "删除变体"))
        self.entry_id = entry.id
        self.variant = variant
        self.supervisor = entry.origin != "personal"

    def apply(self) -> None:
        self.lib.variants.delete(self.variant.id)

    def revert(self) -> None:
        v = self.variant
        self.lib.variants.add(
            self.entry_id, v.reply, label=v.label, target_tag=v.target_tag, ab_group=v.ab_group, enabled=v.enabled,
            variant_id=v.id,
        )  # fmt: skip
        self.lib.variants.update(v.id, sort_order=v.sort_order)


class ExampleCommand(LibraryCommand):
    """Add (``before`` None), change, or delete (``after`` None) an example of an entry."""

    def __init__(
        self, lib: Library, entry: Entry, example_id: int | None, before: dict[str, str] | None,
        after: dict[str, str] | None,
    ) -> None:  # fmt: skip
        text = (
            QCoreApplication.translate("ManageCommands", "添加案例")
            if before is None
            else QCoreApplication.translate("ManageCommands", "删除案例")
            if after is None
            else QCoreApplication.translate("ManageCommands", "编辑案例")
        )
        super().__init__(lib, text)
        self.entry_id = entry.id
        self.example_id = example_id
        self.before = before
        self.after = after
        self.supervisor = entry.origin != "personal"

    def _set(self, state: dict[str, str] | None) -> None:
        current = None if self.example_id is None else self.ids.resolve("example", self.example_id)
        if state is None:
            if current is not None:
                self.lib.examples.delete(current)
        elif current is None or not any(x.id == current for x in self.lib.get(self.entry_id).examples):
            new = self.lib.examples.add(
                self.entry_id, state["kind"], state["dialogue"], state.get("comment", "")
            )
            if self.example_id is None:
                self.example_id = new.id
            else:
                self.ids.remap("example", current, new.id)
        else:
            self.lib.examples.update(current, **state)

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


class AssetLinkCommand(LibraryCommand):
    def __init__(self, lib: Library, entry: Entry, asset_id: str, *, link: bool, title: str = "") -> None:
        super().__init__(
            lib,
            (
                QCoreApplication.translate("ManageCommands", "关联素材「%1」")
                if link
                else QCoreApplication.translate("ManageCommands", "取消关联素材「%1」")
            ).replace("%1", title),
        )
        self.entry_id = entry.id
        self.asset_id = asset_id
        self.link = link
        self.supervisor = entry.origin != "personal"

    def _set(self, linked: bool) -> None:
        if linked:
            self.lib.assets.link(self.entry_id, self.asset_id)
        else:
            self.lib.assets.unlink(self.entry_id, self.asset_id)

    def apply(self) -> None:
        self._set(self.link)

    def revert(self) -> None:
        self._set(not self.link)


# ----------------------------------------------------------------------------------------------------------
# Categories
# ----------------------------------------------------------------------------------------------------------
def _position_among_siblings(lib: Library, category_id: int) -> tuple[int | None, int]:
    cat = lib.categories.get(category_id)
    siblings = [c.id for c in lib.categories.all(cat.shop_id) if c.parent_id == cat.parent_id]
    return cat.parent_id, siblings.index(category_id)


class CreateCategoryCommand(LibraryCommand):
    def __init__(self, lib: Library, shop_id: int, parent_id: int | None, name: str) -> None:
        super().__init__(
            lib, QCoreApplication.translate("ManageCommands", "新建分类「%1」").replace("%1", name)
        )
        self.shop_id = shop_id
        self.parent_id = parent_id
        self.name = name.strip()
        self.first_id: int | None = None

    def apply(self) -> None:
        parent = self.cat(self.parent_id)
        base = self.lib.categories.path(parent) if parent is not None else ""
        path = f"{base}/{self.name}" if base else self.name
        shop_id = self.shop(self.shop_id)
        if any(c.parent_id == parent and c.name == self.name for c in self.lib.categories.all(shop_id)):
            raise ValidationError(
                f"同一层级已有分类「{self.name}」。", f"A sibling category '{self.name}' already exists."
            )
        new_id = self.lib.categories.ensure(self.shop(self.shop_id), path)
        assert new_id is not None
        if self.first_id is None:
            self.first_id = new_id
        self.ids.remap("category", self.cat(self.first_id), new_id)

    def revert(self) -> None:
        assert self.first_id is not None
        self.lib.categories.delete(int(self.cat(self.first_id) or 0))


class RenameCategoryCommand(LibraryCommand):
    def __init__(self, lib: Library, category_id: int, old: str, new: str) -> None:
        super().__init__(
            lib, QCoreApplication.translate("ManageCommands", "分类改名为「%1」").replace("%1", new)
        )
        self.category_id, self.old, self.new = category_id, old, new

    def apply(self) -> None:
        self.lib.categories.rename(int(self.cat(self.category_id) or 0), self.new)

    def revert(self) -> None:
        self.lib.categories.rename(int(self.cat(self.category_id) or 0), self.old)


class MoveCategoryCommand(LibraryCommand):
    def __init__(self, lib: Library, category_id: int, new_parent: int | None, position: int | None) -> None:
        cat = lib.categories.get(category_id)
        super().__init__(
            lib, QCoreApplication.translate("ManageCommands", "移动分类「%1」").replace("%1", cat.name)
        )
        self.category_id = category_id
        self.old_parent, self.old_position = _position_among_siblings(lib, category_id)
        self.new_parent, self.new_position = new_parent, position

    def apply(self) -> None:
        self.lib.categories.move(
            int(self.cat(self.category_id) or 0), self.cat(self.new_parent), self.new_position
        )

    def revert(self) -> None:
        self.lib.categories.move(
            int(self.cat(self.category_id) or 0), self.cat(self.old_parent), self.old_position
        )


class _SubtreeSnapshot:
    """Enough of a category subtree to build it again: relative paths, entries per category, positions."""

    def __init__(self, lib: Library, category_id: int) -> None:
        cat = lib.categories.get(category_id)
        self.shop_id = cat.shop_id
        self.name = cat.name
        self.parent_id, self.position = _position_among_siblings(lib, category_id)
        subtree = set(lib.categories.subtree(category_id))
        self.relative: dict[int, str] = {}
        self.parents: dict[int, int | None] = {}
        for c in lib.categories.all(cat.shop_id):
            if c.id in subtree:
                self.relative[c.id] = c.path[len(cat.path) :].lstrip("/")
                self.parents[c.id] = c.parent_id
        self.entries: dict[str, int] = {
            e.id: int(e.category_id)
            for e in [*lib.entries.all(shop=cat.shop_id), *lib.entries.trash()]
            if e.category_id is not None and e.category_id in subtree
        }

    def rebuild(self, cmd: LibraryCommand) -> int:
        """Create the missing categories again (surviving ones are moved back) and return the new root id."""
        lib = cmd.lib
        parent = cmd.cat(self.parent_id)
        base = lib.categories.path(parent) if parent is not None else ""
        existing = {c.id for c in lib.categories.all(cmd.shop(self.shop_id))}
        root_old = next(k for k, v in self.relative.items() if v == "")
        new_ids: dict[int, int] = {}
        for old_id, rel in sorted(
            self.relative.items(), key=lambda item: item[1].count("/") if item[1] else -1
        ):
            current = cmd.cat(old_id)
            old_parent = self.parents[old_id]
            if old_id != root_old and current in existing and old_parent in new_ids:
                # survived a merge under another parent: move it back under its rebuilt parent
                if lib.categories.get(int(current or 0)).parent_id != new_ids[old_parent]:
                    lib.categories.move(int(current or 0), new_ids[old_parent])
                new_ids[old_id] = int(current or 0)
                continue
            path = "/".join(p for p in (base, self.name, rel) if p)
            new_id = lib.categories.ensure(cmd.shop(self.shop_id), path)
            assert new_id is not None
            new_ids[old_id] = new_id
            if current is not None and current != new_id:
                cmd.ids.remap("category", current, new_id)
        root = new_ids[root_old]
        lib.categories.move(root, parent, self.position)
        by_category: dict[int, list[str]] = {}
        for entry_id, old_category in self.entries.items():
            by_category.setdefault(new_ids.get(old_category, old_category), []).append(entry_id)
        for category_id, ids in by_category.items():
            moved = [e.id for e in lib.get_many(ids) if e.category_id != category_id]
            if moved:
                lib.entries.update_many(moved, category=category_id)
        return root


class MergeCategoryCommand(LibraryCommand):
    """Merge one category into another; undo builds the source again and moves its entries back."""

    def __init__(self, lib: Library, source_id: int, target_id: int) -> None:
        source, target = lib.categories.get(source_id), lib.categories.get(target_id)
        super().__init__(
            lib,
            QCoreApplication.translate("ManageCommands", "合并分类「%1」到「%2」")
            .replace("%1", source.path)
            .replace("%2", target.path),
        )
        self.source_id, self.target_id = source_id, target_id
        self.snapshot = _SubtreeSnapshot(lib, source_id)

    def apply(self) -> None:
        self.lib.categories.merge(int(self.cat(self.source_id) or 0), int(self.cat(self.target_id) or 0))

    def revert(self) -> None:
        self.snapshot.rebuild(self)


class DeleteCategoryCommand(LibraryCommand):
    """Delete an empty category (with its empty sub-categories); undo builds it again."""

    def __init__(self, lib: Library, category_id: int) -> None:
        cat = lib.categories.get(category_id)
        super().__init__(
            lib, QCoreApplication.translate("ManageCommands", "删除分类「%1」").replace("%1", cat.path)
        )
        self.category_id = category_id
        self.snapshot = _SubtreeSnapshot(lib, category_id)

    def apply(self) -> None:
        self.lib.categories.delete(int(self.cat(self.category_id) or 0))

    def revert(self) -> None:
        self.snapshot.rebuild(self)


# ----------------------------------------------------------------------------------------------------------
# Shops
# ----------------------------------------------------------------------------------------------------------
class AddShopCommand(LibraryCommand):
    def __init__(self, lib: Library, name: str, platform: str) -> None:
        super().__init__(
            lib, QCoreApplication.translate("ManageCommands", "添加店铺「%1」").replace("%1", name)
        )
        self.name, self.platform = name, platform
        self.first_id: int | None = None

    def apply(self) -> None:
        shop = self.lib.shops.add(self.name, self.platform)
        if self.first_id is None:
            self.first_id = shop.id
        self.ids.remap("shop", self.shop(self.first_id), shop.id)

    def revert(self) -> None:
        assert self.first_id is not None
        self.lib.shops.delete(self.shop(self.first_id))


class EditShopCommand(LibraryCommand):
    def __init__(self, lib: Library, shop_id: int, *, name: str, platform: str) -> None:
        current = lib.shops.get(shop_id)
        super().__init__(
            lib, QCoreApplication.translate("ManageCommands", "修改店铺「%1」").replace("%1", current.name)
        )
        self.shop_id = shop_id
        self.before = {"name": current.name, "platform": current.platform}
        self.after = {"name": name, "platform": platform}

    def apply(self) -> None:
        self.lib.shops.update(self.shop(self.shop_id), **self.after)

    def revert(self) -> None:
        self.lib.shops.update(self.shop(self.shop_id), **self.before)


class DeleteShopCommand(LibraryCommand):
    """Delete an empty shop (the library refuses one that still holds entries, SOPs, rules or customers); undo
    adds it again with its categories, and older commands follow the new ids."""

    def __init__(self, lib: Library, shop_id: int) -> None:
        shop = lib.shops.get(shop_id)
        super().__init__(
            lib, QCoreApplication.translate("ManageCommands", "删除店铺「%1」").replace("%1", shop.name)
        )
        self.shop_id = shop_id
        self.name, self.platform = shop.name, shop.platform
        self.categories = [(c.id, c.path) for c in lib.categories.all(shop_id)]  # parents first, in order

    def apply(self) -> None:
        self.lib.shops.delete(self.shop(self.shop_id))

    def revert(self) -> None:
        shop = self.lib.shops.add(self.name, self.platform)
        self.ids.remap("shop", self.shop(self.shop_id), shop.id)
        for old_id, path in self.categories:
            new_id = self.lib.categories.ensure(shop.id, path)
            if new_id is not None:
                self.ids.remap("category", self.cat(old_id), new_id)


# ----------------------------------------------------------------------------------------------------------
# Plumbing: the edit guard, change notifications and the runner
# ----------------------------------------------------------------------------------------------------------
_GUARD_ATTRIBUTE = "_csdesk_edit_guard"


def set_edit_guard(stack: QUndoStack, guard: Callable[[QUndoCommand], bool]) -> None:
    """Every new edit pushed onto ``stack`` (by the runner or a page's ``push_edit``) must pass ``guard``."""
    setattr(stack, _GUARD_ATTRIBUTE, guard)


def edit_allowed(stack: QUndoStack, command: QUndoCommand) -> bool:
    guard = getattr(stack, _GUARD_ATTRIBUTE, None)
    return True if guard is None else bool(guard(command))


def purged_entries(lib: Library, command: QUndoCommand) -> list[str]:
    """The entries ``command`` works on (``entry_id``/``entry_ids``) that no longer exist: purged from the trash."""
    ids = list(getattr(command, "entry_ids", None) or [])
    single = getattr(command, "entry_id", None)
    if isinstance(single, str):
        ids.append(single)
    if not ids:
        return []
    have = {e.id for e in lib.get_many(ids)}
    return [i for i in ids if i not in have]


def purged_error(count: int) -> NotFoundError:
    """What an undo/redo says when its entries were deleted for good (the trash was emptied) meanwhile."""
    return NotFoundError(
        f"已彻底删除,无法撤销:{count} 个条目已从回收站清除。",
        f"Deleted for good, cannot be undone: {count} entries were purged from the trash.",
    )


def _require_entries(lib: Library, command: QUndoCommand) -> None:
    """Refuse before changing anything when some of the command's entries were purged (no half-done undo)."""
    gone = purged_entries(lib, command)
    if gone:
        raise purged_error(len(gone))


def locked_error() -> PermissionDeniedError:
    """What a refused edit says: supervisor mode locked (by hand or after idle time) since the page was opened."""
    return PermissionDeniedError(
        "主管模式已锁定(空闲太久或已手动锁定),这次修改没有保存。请先进入主管模式再修改。",
        "Supervisor mode is locked (idle too long, or locked by hand); this change was not saved. "
        "Enter supervisor mode first.",
    )


class LibraryRelay(QObject):
    """Library change notifications, delivered on the GUI thread and coalesced (one per kind per event-loop turn).

    ``changed(kind, ids)``: ``ids`` is an empty tuple when everything of that kind may have changed.
    """

    changed = Signal(str, object)
    _raw = Signal(object)

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._pending: dict[str, set[str] | None] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        self._raw.connect(self._collect)
        lib.add_listener(self._listener)

    def _listener(self, change: Change) -> None:
        if shiboken6.isValid(self):
            self._raw.emit(change)  # queued when a worker thread wrote

    def _collect(self, change: Change) -> None:
        kinds = ("entries", "shops", "categories") if change.kind == "all" else (change.kind,)
        for kind in kinds:
            if not change.ids or change.kind == "all":
                self._pending[kind] = None
            else:
                known = self._pending.get(kind, set())
                if known is not None:
                    known.update(change.ids)
                    self._pending[kind] = known
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for kind, ids in pending.items():
            self.changed.emit(kind, tuple(sorted(ids)) if ids else ())

    def close(self) -> None:
        self.lib.remove_listener(self._listener)


class CommandRunner(QObject):
    """Pushes commands onto the shared stack and runs undo/redo, showing library errors instead of raising.

    ``allowed(command)`` says whether the command may be undone/redone now; when it returns False,
    ``permission_needed`` is emitted (the workbench asks for the supervisor PIN) and nothing happens.
    """

    permission_needed = Signal()

    def __init__(
        self, lib: Library, stack: QUndoStack, relay: LibraryRelay, widget: QWidget,
        allowed: Callable[[QUndoCommand], bool] = lambda _c: True,
    ) -> None:  # fmt: skip
        super().__init__(widget)
        self.lib = lib
        self.stack = stack
        self.relay = relay
        self.widget = widget
        self.allowed = allowed
        self.ids = IdMap()
        self.before_edit: Callable[[], None] | None = None
        """Called before an allowed edit runs (the workbench asks for the agent name the first time)."""

    def push(self, command: LibraryCommand) -> bool:
        """Run ``command`` now; on success put it on the stack (without running it twice)."""
        command.ids = self.ids
        if not self.allowed(command) or not edit_allowed(self.stack, command):
            self._show(locked_error())
            return False
        if self.before_edit is not None:
            self.before_edit()
        try:
            command.apply()
        except CsdeskError as exc:
            self._show(exc)
            self.relay.flush()
            return False
        command.skip_next()
        self.stack.push(command)
        self.relay.flush()
        return True

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        index = self.stack.index() - 1 if undo else self.stack.index()
        if index < 0 or index >= self.stack.count():
            return
        command = self.stack.command(index)
        if not self.allowed(command):
            self.permission_needed.emit()
            return
        if undo:
            self.stack.undo()
        else:
            self.stack.redo()
        error = getattr(command, "error", None)
        if isinstance(command, AppliedCommand) and error is not None:
            # put the stack index back without running the command again (the runner's and the pages' commands)
            command.error = None
            command.skip_next()
            if undo:
                self.stack.redo()
            else:
                self.stack.undo()
            if isinstance(error, NotFoundError) and (gone := purged_entries(self.lib, command)):
                error = purged_error(len(gone))
            if isinstance(command, LibraryCommand):
                self._show(error)  # a page command has shown its own message
        self.relay.flush()

    def _show(self, exc: BaseException) -> None:
        from csdesk.gui.errors import show_error

        if isinstance(exc, NotFoundError):
            log.info("undo/redo target is gone: %s", exc)
        show_error(self.widget, exc)
