"""lib.tags: customer tag groups and tags (the names and colours the customer panel offers).

Entry tags (条目标签) are another list, managed by ``lib.entry_tags``; a customer tag renamed here still renames
the entry tag of the same name, because search boosts entries whose tags match the customer's.
"""

from __future__ import annotations

from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    Tag,
    TagGroup,
)


class TagsArea(Area):
    """Customer tag groups and tags (the colours and names the customer panel offers)."""

    def groups(self) -> list[TagGroup]:
        return [
            TagGroup(int(r["id"]), r["name"], r["color"], int(r["sort_order"]))
            for r in self._db.all("SELECT * FROM tag_groups ORDER BY sort_order, id")
        ]

    def all(self, group_id: int | None = None) -> list[Tag]:
        sql, params = "SELECT * FROM tags", ()
        if group_id is not None:
            sql, params = "SELECT * FROM tags WHERE group_id = ?", (group_id,)  # type: ignore[assignment]
        return [
            Tag(int(r["id"]), int(r["group_id"]), r["name"], r["color"], r["description"])
            for r in self._db.all(sql + " ORDER BY group_id, id", params)
        ]

    def add_group(self, name: str, color: str = "", *, sort_order: int | None = None) -> TagGroup:
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

    def update_group(self, group_id: int, *, name: str | None = None, color: str | None = None) -> None:
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

    def delete_group(self, group_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM tag_groups WHERE id = ?", (group_id,))
        self._notify("tags")

    def add(self, name: str, *, group: str | int = "未分组", color: str = "", description: str = "") -> Tag:
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
        group_id = group if isinstance(group, int) else self.add_group(group).id
        with self._db.transaction():
            cur = self._db.execute(
                "INSERT INTO tags(group_id, name, color, description) VALUES (?, ?, ?, ?)",
                (group_id, name, color, description),
            )
        self._notify("tags")
        return Tag(int(cur.lastrowid or 0), group_id, name, color, description)

    def update(self, tag_id: int, *, name: str | None = None, color: str | None = None,
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
                if affected:  # the entry tag of the same name followed (a trigger registered the new name)
                    self._db.execute(
                        "DELETE FROM entry_tag_names WHERE name = ? AND NOT EXISTS "
                        "(SELECT 1 FROM entry_tags WHERE tag = ?)",
                        (old_name, old_name),
                    )
                self._db.execute("UPDATE customer_tags SET tag = ? WHERE tag = ?", (new_name, old_name))
                self._db.execute(
                    "UPDATE variants SET target_tag = ? WHERE target_tag = ?", (new_name, old_name)
                )
                self._lib.entries.touch(affected)
                for entry_id in affected:
                    self._lib.entries.record_version(entry_id, "update")
                self._lib.index.changed(affected)
        if renamed:
            self._lib.index.catch_up()
        self._notify("tags")
        if affected:
            self._notify("entries", affected)

    def delete(self, tag_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
        self._notify("tags")
