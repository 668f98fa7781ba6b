"""lib.usage: the copy and search logs (queries masked), for ranking and for the supervisor."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from csdesk.core import abtest
from csdesk.core.areas._common import (
    now_iso,
)
from csdesk.core.areas.base import Area
from csdesk.core.masking import mask_query

USAGE_LOGGING = "usage_logging"
"""Library setting: False stops recording copies and searches (csdesk.core.insight reads them)."""


class UsageArea(Area):
    """The copy and search logs: what agents copied and searched (queries masked), for ranking and the supervisor."""

    def popular_ids(
        self, shop_ids: list[int] | None, category_ids: list[int] | None, tags: Collection[str], limit: int
    ) -> list[str]:
        where: list[str] = ["e.deleted_at IS NULL", "e.enabled = 1"]
        params: list[object] = []
        if shop_ids is not None:
            where.append(f"e.shop_id IN ({','.join('?' * len(shop_ids))})")
            params.extend(shop_ids)
        if category_ids is not None:
            where.append(f"e.category_id IN ({','.join('?' * len(category_ids))})")
            params.extend(category_ids)
        for tag in tags:
            where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)")
            params.append(tag)
        sql = f"""SELECT e.id FROM entries e
                  LEFT JOIN (SELECT entry_id, COUNT(*) AS n, MAX(ts) AS last FROM usage_log GROUP BY entry_id) u
                         ON u.entry_id = e.id
                  WHERE {" AND ".join(where)}
                  ORDER BY COALESCE(u.n, 0) DESC, COALESCE(u.last, '') DESC, e.updated_at DESC, e.sort_order
                  LIMIT ?"""
        return [r[0] for r in self._db.all(sql, (*params, limit))]

    def log_copy(
        self,
        entry_id: str,
        *,
        query: str = "",
        shop: str | int | None = None,
        variant_id: str | None = None,
        customer: str = "",
        action: str = "copy",
        note: str = "",
    ) -> None:
        """Record that an entry was copied: ``action="override"`` for a block rule overridden (``note``: the reason),
        ``"warned"`` for a warning shown and copied anyway (``note``: the words), ``"copy"`` otherwise."""
        if action != "override" and self._lib.setting(USAGE_LOGGING, True) is False:
            return  # logging switched off; a red line overridden stays on record (the supervisor's audit)
        shop_id = self._lib.shops.get(shop).id if shop not in (None, "") else None
        variant_id = abtest.record_copy(self._lib, entry_id, shop, customer, variant_id)  # A/B tests
        self._db.execute(
            "INSERT INTO usage_log(ts, entry_id, variant_id, query, shop_id, customer, agent, action, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now_iso(),
                entry_id,
                variant_id,
                mask_query(query),
                shop_id,
                customer,
                self._lib.agent_name,
                action,
                note,
            ),
        )
        self._notify("usage", [entry_id])

    def log_search(self, query: str, *, hits: int, copied: bool, shop: str | int | None = None) -> None:
        """Record a finished search (found nothing, or nothing copied: the supervisor's 高频新问题)."""
        if not query.strip() or self._lib.setting(USAGE_LOGGING, True) is False:
            return
        shop_id = self._lib.shops.get(shop).id if shop not in (None, "") else None
        self._db.execute(
            "INSERT INTO search_log(ts, query, shop_id, hits, copied, agent) VALUES (?, ?, ?, ?, ?, ?)",
            (now_iso(), mask_query(query.strip()), shop_id, hits, int(copied), self._lib.agent_name),
        )

    def counts(self) -> dict[str, int]:
        return {
            r[0]: int(r[1])
            for r in self._db.all("SELECT entry_id, COUNT(*) FROM usage_log GROUP BY entry_id")
        }

    def last_used(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._db.all("SELECT entry_id, MAX(ts) FROM usage_log GROUP BY entry_id")}

    def search_log(self, *, only_failed: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        sql = (
            "SELECT * FROM search_log"
            + (" WHERE copied = 0" if only_failed else "")
            + " ORDER BY id DESC LIMIT ?"
        )
        return [dict(r) for r in self._db.all(sql, (limit,))]

    def counts_for(self, ids: list[str]) -> dict[str, int]:
        if len(ids) > 900:
            return self.counts()
        marks = ",".join("?" * len(ids))
        return {
            r[0]: int(r[1])
            for r in self._db.all(
                f"SELECT entry_id, COUNT(*) FROM usage_log WHERE entry_id IN ({marks}) GROUP BY entry_id",
                tuple(ids),
            )
        }
