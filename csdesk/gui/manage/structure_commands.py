"""Undo commands on the library's structure: categories (create, rename, move, merge, delete) and shops."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.gui.manage.commands import LibraryCommand


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
