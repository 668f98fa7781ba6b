"""The search-index documents of entries, read straight from SQLite: a few queries per 900 entries.

The library (``lib.index``: updates, imports, rebuilds, the overlay) and the index build's helper process
(:mod:`csdesk.core.indexbuild`) both read documents here, so an entry gets the same document whichever process
writes it. Reading full :class:`Entry` objects for this (variants, examples, assets, version-ready fields) cost a
tenth of a 100,000-row import; a document needs only the searchable texts, the filters and the usage count.

``query(sql, params)`` runs one statement and returns its rows as sequences: the library passes its own
``Database.all``; the helper process, a read-only connection of its own.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from typing import Any

from csdesk.core.search import IndexDoc

Query = Callable[[str, tuple[Any, ...]], Sequence[Sequence[Any]]]

CHUNK = 900
"""Entries per query (SQLite's historical limit on bound parameters is 999)."""

_ENTRY_COLUMNS = (
    "id, shop_id, category_id, title, code, question, similar, scenario, reply, guidance, enabled"
)


def category_parents(query: Query) -> dict[int, int | None]:
    """Each category's parent, for the category chains of the documents (read once per batch of documents)."""
    return {int(r[0]): r[1] for r in query("SELECT id, parent_id FROM categories", ())}


def load_docs(
    query: Query, entry_ids: Sequence[str], parents: dict[int, int | None] | None = None
) -> list[IndexDoc]:
    """The documents of the live (not deleted) entries among ``entry_ids``, in that order; disabled entries
    included (``enabled`` False: the index writer leaves them out)."""
    if parents is None:
        parents = category_parents(query)
    docs: list[IndexDoc] = []
    for start in range(0, len(entry_ids), CHUNK):
        docs.extend(_load_chunk(query, list(entry_ids[start : start + CHUNK]), parents))
    return docs


def _load_chunk(query: Query, ids: list[str], parents: dict[int, int | None]) -> list[IndexDoc]:
    marks = ",".join("?" * len(ids))
    params = tuple(ids)
    rows = {
        r[0]: r
        for r in query(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE deleted_at IS NULL AND id IN ({marks})", params
        )
    }
    tags: dict[str, list[str]] = {}
    for entry_id, tag in query(
        f"SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ({marks}) ORDER BY rowid", params
    ):
        tags.setdefault(entry_id, []).append(tag)
    # variants aimed at a customer tag make their entry findable by that tag too
    for entry_id, tag in query(
        f"SELECT entry_id, target_tag FROM variants WHERE entry_id IN ({marks}) AND target_tag != '' "
        "ORDER BY sort_order, rowid",
        params,
    ):
        tags.setdefault(entry_id, []).append(tag)
    counts = {
        r[0]: int(r[1])
        for r in query(
            f"SELECT entry_id, COUNT(*) FROM usage_log WHERE entry_id IN ({marks}) GROUP BY entry_id", params
        )
    }
    docs: list[IndexDoc] = []
    for entry_id in ids:
        row = rows.get(entry_id)
        if row is None:
            continue
        chain: list[int] = []
        current = row[2]
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        docs.append(
            IndexDoc(
                entry_id=entry_id, shop_id=int(row[1]), category_ids=tuple(chain), title=row[3], code=row[4],
                question=row[5], similar=tuple(json.loads(row[6] or "[]")), scenario=row[7], reply=row[8],
                guidance=row[9], tags=tuple(dict.fromkeys(tags.get(entry_id, ()))), enabled=bool(row[10]),
                popularity=math.log1p(counts.get(entry_id, 0)),
            )
        )  # fmt: skip
    return docs
