"""lib.categories: one category tree per shop (paths like 售后/质量问题), moves, merges, renames."""

from __future__ import annotations

from collections.abc import Sequence

from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    Category,
)


class CategoriesArea(Area):
    """Category trees, one per shop: paths like 售后/质量问题, moves and merges that keep entries' index current."""

    def all(self, shop: str | int | None = None) -> list[Category]:
        """Categories of one shop (or of all shops when ``shop`` is ``"*"``), parents before children."""
        if shop == "*":
            rows = self._db.all("SELECT * FROM categories ORDER BY shop_id, sort_order, id")
        else:
            rows = self._db.all(
                "SELECT * FROM categories WHERE shop_id = ? ORDER BY sort_order, id",
                (self._lib.shops.get(shop).id,),
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

    def get(self, category_id: int) -> Category:
        row = self._db.one("SELECT shop_id FROM categories WHERE id = ?", (category_id,))
        if row is None:
            raise NotFoundError(f"分类 {category_id} 不存在。", f"Category {category_id} does not exist.")
        return next(c for c in self.all(int(row[0])) if c.id == category_id)

    def path(self, category_id: int | None) -> str:
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

    def subtree(self, category_id: int) -> list[int]:
        rows = self._db.all(
            """WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
               SELECT id FROM sub""",
            (category_id,),
        )
        return [int(r[0]) for r in rows]

    @staticmethod
    def split_path(path: str) -> list[str]:
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

    def ensure(self, shop: str | int | None, path: str) -> int | None:
        """The id of the category at ``path`` in ``shop``, creating missing levels; None for an empty path."""
        shop_id = self._lib.shops.get(shop).id
        parts = self.split_path(path)
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

    def rename(self, category_id: int, name: str) -> None:
        name = name.strip()
        if not name or "/" in name:
            raise ValidationError(
                "分类名不能为空,也不能包含 /。", "A category name cannot be empty or contain '/'."
            )
        cat = self.get(category_id)
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
            self._lib.index.changed(self.entry_ids_in(self.subtree(category_id)))
        self._lib.index.catch_up()
        self._notify("categories")

    def move(self, category_id: int, new_parent_id: int | None, position: int | None = None) -> None:
        """Move a category under another parent (same shop) and/or to a position among its siblings."""
        cat = self.get(category_id)
        if new_parent_id is not None:
            parent = self.get(new_parent_id)
            if parent.shop_id != cat.shop_id:
                raise ValidationError("分类只能在同一店铺内移动。", "Categories move only within one shop.")
            if new_parent_id in self.subtree(category_id):
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
            self._lib.index.changed(self.entry_ids_in(self.subtree(category_id)))
        self._lib.index.catch_up()
        self._notify("categories")

    def merge(self, source_id: int, target_id: int) -> None:
        """Move everything in ``source`` (entries, sub-categories) into ``target`` and delete ``source``."""
        source, target = self.get(source_id), self.get(target_id)
        if source.shop_id != target.shop_id:
            raise ValidationError("只能合并同一店铺的分类。", "Only categories of one shop can be merged.")
        if target_id in self.subtree(source_id):
            raise ValidationError("不能合并到自己的子分类。", "Cannot merge a category into its own child.")
        affected = self.entry_ids_in(self.subtree(source_id))
        with self._db.transaction():
            self._db.execute(
                "UPDATE entries SET category_id = ? WHERE category_id = ?", (target_id, source_id)
            )
            for child in self._db.all("SELECT id, name FROM categories WHERE parent_id = ?", (source_id,)):
                twin = self._db.one(
                    "SELECT id FROM categories WHERE parent_id = ? AND name = ?", (target_id, child["name"])
                )
                if twin:
                    self.merge(int(child["id"]), int(twin[0]))
                else:
                    self._db.execute(
                        "UPDATE categories SET parent_id = ? WHERE id = ?", (target_id, child["id"])
                    )
            self._db.execute("DELETE FROM categories WHERE id = ?", (source_id,))
            self._lib.index.changed(affected)
        self._lib.index.catch_up()
        self._notify("categories")

    def delete(self, category_id: int) -> None:
        """Delete an empty category (its sub-categories must be empty too)."""
        subtree = self.subtree(category_id)
        if self.entry_ids_in(subtree, include_deleted=False):
            raise ValidationError(
                "分类下还有条目,请先移走或删除这些条目。",
                "The category still holds entries; move or delete them first.",
            )
        with self._db.transaction():
            self._db.execute("DELETE FROM categories WHERE id = ?", (category_id,))
        self._notify("categories")

    def entry_ids_in(self, category_ids: Sequence[int], *, include_deleted: bool = True) -> list[str]:
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

    def paths(self, category_ids: set[int]) -> dict[int, str]:
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
