"""lib.variants: an entry's variants, other wordings aimed at a customer tag or an A/B group."""

from __future__ import annotations

import uuid
from typing import Any

from csdesk.core import limits
from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    Variant,
)


class VariantsArea(Area):
    """An entry's variants: other wordings, aimed at a customer tag or an A/B group."""

    def add(
        self,
        entry_id: str,
        reply: str,
        *,
        label: str = "",
        target_tag: str = "",
        ab_group: str = "",
        enabled: bool = True,
        variant_id: str | None = None,
    ) -> Variant:
        """Add a variant; ``variant_id`` keeps the id a library file carried (bundle import)."""
        if not reply.strip():
            raise ValidationError("变体的回复不能为空。", "A variant needs a reply.")
        texts = {"label": label, "reply": reply, "target_tag": target_tag, "ab_group": ab_group}
        limits.check_fields(texts)
        self._lib.entries.get(entry_id)
        self._lib.entries.check_size(entry_id, limits.text_size(texts))
        variant_id = variant_id or str(uuid.uuid4())
        with self._db.transaction():
            order = self._db.scalar(
                "SELECT COALESCE(MAX(sort_order), -1) + 1 FROM variants WHERE entry_id = ?", (entry_id,)
            )
            self._db.execute(
                "INSERT INTO variants(id, entry_id, label, reply, target_tag, ab_group, enabled, sort_order) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    variant_id,
                    entry_id,
                    label.strip(),
                    reply,
                    target_tag.strip(),
                    ab_group.strip(),
                    int(enabled),
                    order,
                ),
            )
            self._lib.entries.touch([entry_id])
            self._lib.entries.record_version(entry_id, "update")
            self._lib.index.changed([entry_id])
        self._lib.index.catch_up()
        self._notify("entries", [entry_id])
        return next(v for v in self._lib.entries.get(entry_id).variants if v.id == variant_id)

    def update(self, variant_id: str, **changes: Any) -> None:
        row = self._db.one("SELECT entry_id FROM variants WHERE id = ?", (variant_id,))
        if row is None:
            raise NotFoundError("找不到这个变体。", "No such variant.")
        allowed = {"label", "reply", "target_tag", "ab_group", "enabled", "sort_order"}
        values = {
            k: (int(v) if k in ("enabled", "sort_order") else str(v))
            for k, v in changes.items()
            if k in allowed
        }
        if "reply" in values and not str(values["reply"]).strip():
            raise ValidationError("变体的回复不能为空。", "A variant needs a reply.")
        if not values:
            return
        texts = {k: v for k, v in values.items() if k in ("label", "reply", "target_tag", "ab_group")}
        if texts:
            limits.check_fields(texts)
            old = self._db.one(f"SELECT {', '.join(texts)} FROM variants WHERE id = ?", (variant_id,))
            was: dict[str, object] = {k: old[k] for k in texts} if old is not None else {}
            growth = limits.text_size(texts) - limits.text_size(was)
            self._lib.entries.check_size(row[0], growth)
        with self._db.transaction():
            self._db.execute(
                f"UPDATE variants SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                (*values.values(), variant_id),
            )
            self._lib.entries.touch([row[0]])
            self._lib.entries.record_version(row[0], "update")
            self._lib.index.changed([row[0]])
        self._lib.index.catch_up()
        self._notify("entries", [row[0]])

    def delete(self, variant_id: str) -> None:
        row = self._db.one("SELECT entry_id FROM variants WHERE id = ?", (variant_id,))
        if row is None:
            return
        with self._db.transaction():
            self._db.execute("DELETE FROM variants WHERE id = ?", (variant_id,))
            self._lib.entries.touch([row[0]])
            self._lib.entries.record_version(row[0], "update")
            self._lib.index.changed([row[0]])
        self._lib.index.catch_up()
        self._notify("entries", [row[0]])
