"""lib.placeholders: placeholders ({客户昵称} …) and rendering a reply with them filled."""

from __future__ import annotations

from datetime import datetime

from csdesk.core import abtest
from csdesk.core import render as render_mod
from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    Entry,
    PlaceholderDef,
    RenderResult,
)


class PlaceholdersArea(Area):
    """Placeholders ({客户昵称} …) and rendering a reply with them filled."""

    def all(self) -> list[PlaceholderDef]:
        custom = [
            PlaceholderDef(r[0], r[1])
            for r in self._db.all("SELECT name, description FROM placeholders ORDER BY name")
        ]
        builtin_names = {p.name for p in render_mod.BUILTIN_PLACEHOLDERS}
        return list(render_mod.BUILTIN_PLACEHOLDERS) + [p for p in custom if p.name not in builtin_names]

    def names(self) -> set[str]:
        return {p.name for p in self.all()}

    def add(self, name: str, description: str = "") -> None:
        name = name.strip()
        if not name or any(ch in name for ch in "{}\n") or len(name) > 20:
            raise ValidationError("占位符名不能为空、不能含花括号,且不超过 20 字。", "Bad placeholder name.")
        with self._db.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO placeholders(name, description) VALUES (?, ?)", (name, description)
            )
        self._notify("placeholders")

    def delete(self, name: str) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM placeholders WHERE name = ?", (name,))
        self._notify("placeholders")

    def default_values(
        self, shop: str | int | None = None, *, when: datetime | None = None
    ) -> dict[str, str]:
        """Values csdesk knows without asking: 店铺名, 客服名, 今天, 时间 ({日期} is asked)."""
        shop_obj = self._lib.shops.get(shop)
        return render_mod.default_values(
            "" if shop_obj.is_shared else shop_obj.name, self._lib.agent_name, when or datetime.now()
        )

    def render(
        self,
        entry: Entry | str,
        values: dict[str, str] | None = None,
        *,
        shop: str | int | None = None,
        variant_id: str | None = None,
    ) -> RenderResult:
        """The reply (or a variant's) with placeholders filled from ``values`` and the shop/agent/date defaults."""
        if isinstance(entry, str):
            entry = self._lib.entries.get(entry)
        text = entry.reply
        variant_id = abtest.render_variant(
            self._lib, entry, shop, values, variant_id
        )  # a running A/B test picks
        if variant_id:
            if not any(v.id == variant_id for v in entry.variants):
                entry = self._lib.entries.get(entry.id)  # the caller's copy may predate the variant
            variant = next((v for v in entry.variants if v.id == variant_id), None)
            if variant is None:
                raise NotFoundError("找不到这个变体。", "No such variant.")
            text = variant.reply
        merged = self.default_values(shop if shop not in (None, "") else entry.shop_id)
        merged.update({k: v for k, v in (values or {}).items() if v is not None})
        return render_mod.render(text, merged, self.names())

    def render_text(
        self, text: str, values: dict[str, str] | None = None, *, shop: str | int | None = None
    ) -> RenderResult:
        merged = self.default_values(shop)
        merged.update(values or {})
        return render_mod.render(text, merged, self.names())
