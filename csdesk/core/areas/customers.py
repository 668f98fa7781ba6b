"""lib.customers: customers per shop (nickname, tags, notes, birthday, after-sale marks)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from csdesk.core.areas._common import (
    KEEP,
    _Keep,
    checked_customer_fields,
    clean_list,
    now_iso,
)
from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    Customer,
)


class CustomersArea(Area):
    """Customers per shop: nickname, tags, notes, birthday, after-sale marks."""

    def all(self, *, shop: str | int | None = "*", query: str = "") -> list[Customer]:
        where: list[str] = []
        params: list[object] = []
        if shop != "*":
            where.append("(c.shop_id = ? OR c.shop_id IS NULL)")
            params.append(
                self._lib.shops.get(shop).id if shop not in (None, "") else self._lib.shops.shared.id
            )
        if query.strip():
            where.append("c.nickname LIKE ?")
            params.append(f"%{query.strip()}%")
        sql = (
            "SELECT c.* FROM customers c"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY c.updated_at DESC, c.id"
        )
        return [self._from_row(r) for r in self._db.all(sql, tuple(params))]

    def get(self, nickname: str, *, shop: str | int | None = None) -> Customer | None:
        """The customer with this nickname in ``shop`` (or known library-wide), or None."""
        nickname = nickname.strip()
        if not nickname:
            return None
        shop_id = self._lib.shops.get(shop).id if shop not in (None, "") else None
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
        return None if row is None else self._from_row(row)

    def by_id(self, customer_id: int) -> Customer:
        row = self._db.one("SELECT * FROM customers WHERE id = ?", (customer_id,))
        if row is None:
            raise NotFoundError("找不到这位客户。", "No such customer.")
        return self._from_row(row)

    def save(
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
        nickname = checked_customer_fields(nickname, birthday)
        shop_id = self._lib.shops.get(shop).id if shop not in (None, "") else None
        existing = self._db.one(
            "SELECT id FROM customers WHERE COALESCE(shop_id, 0) = ? AND nickname = ?",
            (shop_id or 0, nickname),
        )
        if existing is not None:
            return self.update(
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
            self._replace_tags(customer_id, tags or ())
        self._notify("customers", [str(customer_id)])
        return self.by_id(customer_id)

    def _replace_tags(self, customer_id: int, tags: Iterable[str]) -> None:
        self._db.execute("DELETE FROM customer_tags WHERE customer_id = ?", (customer_id,))
        for tag in clean_list(tags):
            self._db.execute("INSERT INTO customer_tags(customer_id, tag) VALUES (?, ?)", (customer_id, tag))

    def update(
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
        current = self.by_id(customer_id)
        new_nick = checked_customer_fields(current.nickname if nickname is None else nickname, birthday)
        if isinstance(shop, _Keep):
            shop_id = current.shop_id
        else:
            shop_id = self._lib.shops.get(shop).id if shop not in (None, "") else None
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
                self._replace_tags(customer_id, tags)
        self._notify("customers", [str(customer_id)])
        return self.by_id(customer_id)

    def set_tag(self, customer_id: int, tag: str, present: bool) -> Customer:
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
        return self.by_id(customer_id)

    def delete(self, customer_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
        self._notify("customers", [str(customer_id)])

    def _from_row(self, row: Any) -> Customer:
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
