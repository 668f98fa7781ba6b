"""Undo commands on entries: create, edit, delete, restore, bulk changes, versions, variants, examples, asset links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from csdesk.core.library import Library
from csdesk.core.models import Entry, EntryDraft, Variant
from csdesk.gui.manage.commands import LibraryCommand, _require_entries

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


def category_ids(lib: Library) -> set[int]:
    """Every category of every shop: taken before an edit that may create some (a new path typed in the editor)."""
    return {c.id for c in lib.categories.all("*")}


def remove_created_categories(lib: Library, created: Iterable[int]) -> None:
    """Undo's second half: delete the categories the edit created, deepest first, while they are still empty.

    One that meanwhile holds an entry or a sub-category somebody else made stays (that is their work now)."""
    from csdesk.core.errors import CsdeskError

    existing = {c.id: c for c in lib.categories.all("*")}
    for category in sorted((existing[i] for i in created if i in existing), key=lambda c: -c.path.count("/")):
        if any(c.parent_id == category.id for c in lib.categories.all("*")):
            continue
        try:
            lib.categories.delete(category.id)
        except CsdeskError:
            continue


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
        self.created_categories: set[int] = set()

    def apply(self) -> None:
        before = category_ids(self.lib)
        if self.entry_id is None:
            self.entry_id = self.lib.create(self.draft).id
        else:
            self.lib.entries.restore(self.entry_id)  # builds its category path again when undo removed it
        self.created_categories = category_ids(self.lib) - before

    def revert(self) -> None:
        assert self.entry_id is not None
        self.lib.delete(self.entry_id)
        remove_created_categories(self.lib, self.created_categories)


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
        before = category_ids(self.lib)
        self.lib.update(self.entry_id, **self.fields_for_update(self.after))
        self.created_categories = category_ids(self.lib) - before

    def revert(self) -> None:
        self.lib.update(self.entry_id, **self.fields_for_update(self.before))
        remove_created_categories(self.lib, getattr(self, "created_categories", ()))


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
            QCoreApplication.translate("ManageCommands", "添加条目标签「%1」")
            if add
            else QCoreApplication.translate("ManageCommands", "移除条目标签「%1」")
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
