"""lib.shops: shops and the shared scope 通用 (its entries show in every shop's search)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csdesk.core.areas._common import (
    now_iso,
    shop_from_row,
)
from csdesk.core.areas.base import Area

if TYPE_CHECKING:
    from csdesk.core.library import Library
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    SHARED_SHOP_NAME,
    Shop,
)


class ShopsArea(Area):
    """Shops and the shared scope 通用 (entries of 通用 show in every shop's search)."""

    def __init__(self, lib: Library) -> None:
        super().__init__(lib)
        self._shared_id: int | None = None

    def ensure_shared(self) -> int:
        row = self._db.one("SELECT id FROM shops WHERE is_shared = 1")
        if row:
            return int(row[0])
        cur = self._db.execute(
            "INSERT INTO shops(name, platform, is_shared, sort_order, created_at) VALUES (?, '', 1, -1, ?)",
            (SHARED_SHOP_NAME, now_iso()),
        )
        return int(cur.lastrowid or 0)

    @property
    def shared(self) -> Shop:
        row = self._db.one("SELECT * FROM shops WHERE is_shared = 1")
        if row is None:
            with self._db.transaction():
                self.ensure_shared()
            row = self._db.one("SELECT * FROM shops WHERE is_shared = 1")
        assert row is not None
        return shop_from_row(row)

    def all(self) -> list[Shop]:
        """All shops, the shared scope 通用 first."""
        return [
            shop_from_row(r)
            for r in self._db.all("SELECT * FROM shops ORDER BY is_shared DESC, sort_order, id")
        ]

    def get(self, ref: str | int | Shop | None) -> Shop:
        """A shop by name or id; ``None`` or ``""`` is the shared scope. Raises NotFoundError for an unknown one."""
        if isinstance(ref, Shop):
            return ref
        if ref is None or ref == "":
            return self.shared
        if isinstance(ref, int):
            row = self._db.one("SELECT * FROM shops WHERE id = ?", (ref,))
        else:
            row = self._db.one("SELECT * FROM shops WHERE name = ?", (ref.strip(),))
        if row is None:
            names = "、".join(s.name for s in self.all())
            raise NotFoundError(
                f"没有名为「{ref}」的店铺。现有店铺:{names}", f"No shop named '{ref}'. Shops: {names}"
            )
        return shop_from_row(row)

    def add(self, name: str, platform: str = "") -> Shop:
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
        return self.get(int(cur.lastrowid or 0))

    def ensure(self, name: str | None, platform: str = "") -> Shop:
        """The shop with this name, created when missing (import files name shops freely)."""
        if not name or not name.strip() or name.strip() == SHARED_SHOP_NAME:
            return self.shared
        try:
            return self.get(name.strip())
        except NotFoundError:
            return self.add(name, platform)

    def update(self, shop: str | int, *, name: str | None = None, platform: str | None = None) -> Shop:
        current = self.get(shop)
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
            self._lib.index.changed()
        self._notify("shops")
        return self.get(current.id)

    def contents(self, shop: str | int) -> dict[str, int]:
        """What still belongs to a shop: ``entries`` (live), ``trashed``, ``sops``, ``rules``, ``customers``."""
        shop_id = self.get(shop).id
        count = lambda sql: int(self._db.scalar(sql, (shop_id,)) or 0)  # noqa: E731
        return {
            "entries": count("SELECT COUNT(*) FROM entries WHERE shop_id = ? AND deleted_at IS NULL"),
            "trashed": count("SELECT COUNT(*) FROM entries WHERE shop_id = ? AND deleted_at IS NOT NULL"),
            "sops": count("SELECT COUNT(*) FROM sops WHERE shop_id = ?"),
            "rules": count("SELECT COUNT(*) FROM rules WHERE shop_id = ?"),
            "customers": count("SELECT COUNT(*) FROM customers WHERE shop_id = ?"),
        }

    def delete(self, shop: str | int) -> None:
        """Delete a shop that holds nothing any more (its empty categories go with it).

        A shop with entries (in the trash too), SOPs, rules or customers is refused: deleting it would destroy them
        for good, outside the trash. Move or delete them first.
        """
        current = self.get(shop)
        if current.is_shared:
            raise ValidationError("通用范围不能删除。", "The shared scope cannot be deleted.")
        held = self.contents(current.id)
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
            self._lib.index.changed()
        self._notify("shops")
