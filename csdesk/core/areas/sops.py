"""lib.sops: SOPs, named step lists per shop, each step optionally pointing at an entry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    Sop,
    SopStep,
)


class SopsArea(Area):
    """SOPs: named step lists per shop, each step optionally pointing at an entry."""

    def all(self, *, shop: str | int | None = "*") -> list[Sop]:
        if shop == "*":
            rows = self._db.all("SELECT * FROM sops ORDER BY sort_order, id")
        else:
            shop_id = self._lib.shops.get(shop).id
            rows = self._db.all(
                "SELECT * FROM sops WHERE shop_id IS NULL OR shop_id = ? OR shop_id = ? ORDER BY sort_order, id",
                (shop_id, self._lib.shops.shared.id),
            )
        return [self._from_row(r) for r in rows]

    def get(self, sop_id: int) -> Sop:
        row = self._db.one("SELECT * FROM sops WHERE id = ?", (sop_id,))
        if row is None:
            raise NotFoundError("找不到这个流程。", "No such SOP.")
        return self._from_row(row)

    def _from_row(self, row: Any) -> Sop:
        steps = tuple(
            SopStep(int(s["id"]), int(s["sop_id"]), int(s["position"]), s["instruction"], s["entry_id"])
            for s in self._db.all(
                "SELECT * FROM sop_steps WHERE sop_id = ? ORDER BY position, id", (row["id"],)
            )
        )
        return Sop(
            int(row["id"]), row["name"], row["shop_id"], row["description"], steps, int(row["sort_order"])
        )

    def save(
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
                self._lib.entries.get(entry_id)
        shop_id = self._lib.shops.get(shop).id if shop not in (None, "") else None
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
                self.get(sop_id)
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
        return self.get(sop_id)

    def delete(self, sop_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM sops WHERE id = ?", (sop_id,))
        self._notify("sops", [str(sop_id)])
