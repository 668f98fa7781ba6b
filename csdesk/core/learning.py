"""Learning from use: the searches agents followed by copying an entry, kept as learned phrasings (学到的问法).

When an agent copies an entry after a search, the query (masked as the search log masks it, by
:meth:`Library.log_copy`) is a way customers ask for that entry. :class:`LearnedPhrasings` listens to the library's
``usage`` changes and records the phrasing per entry and shop with a count; the meaning layer
(:mod:`csdesk.core.answers`) ranks the entry for later queries similar to it. A supervisor promotes one to a similar
question of the entry or deletes it (the entry editor). The phrasings travel with the team bundle
(:func:`export_rows` / :func:`import_rows`).

Table ``learned_phrasings`` (migration 0002).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import NotFoundError
from csdesk.core.textnorm import fold, is_han

if TYPE_CHECKING:
    from csdesk.core.library import Change, Library

__all__ = ["LearnedPhrase", "LearnedPhrasings", "worth_learning"]

log = logging.getLogger(__name__)

MIN_HAN = 2
"""A query with fewer Chinese characters (a code, pinyin, one word typed to find an entry) is not a phrasing."""


@dataclass(frozen=True)
class LearnedPhrase:
    id: int
    entry_id: str
    shop_id: int | None
    phrase: str
    count: int
    last_ts: str


def worth_learning(query: str, entry_texts: Iterable[str] = ()) -> bool:
    """Whether a copied-after query says how a customer asks: enough Chinese, and not already an entry text."""
    q = query.strip()
    if sum(1 for ch in q if is_han(ch)) < MIN_HAN or ("*" in q and len(q.replace("*", "")) < MIN_HAN):
        return False
    folded = fold(q)
    return all(fold(t).strip() != folded for t in entry_texts)


class LearnedPhrasings:
    """The learned phrasings of one library (see the module docstring)."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self._db = lib._db
        self.version = 0
        """Bumped on every change: the meaning layer re-embeds the phrasings when it moves."""
        self._lock = threading.Lock()
        lib.add_listener(self._on_change)

    def close(self) -> None:
        self.lib.remove_listener(self._on_change)

    # ------------------------------------------------------------------------------------------------ recording

    def _on_change(self, change: Change) -> None:
        if change.kind != "usage":
            return
        for entry_id in change.ids:
            row = self._db.all(
                "SELECT query, shop_id, action, ts FROM usage_log WHERE entry_id = ? ORDER BY id DESC LIMIT 1",
                (entry_id,),
            )
            if row and row[0]["action"] in ("copy", "warned", "override") and row[0]["query"]:
                self.record(entry_id, row[0]["query"], row[0]["shop_id"], ts=row[0]["ts"])

    def record(
        self, entry_id: str, phrase: str, shop_id: int | None, *, ts: str = "", count: int = 1
    ) -> bool:
        """Count ``phrase`` (already masked) as a way to ask for ``entry_id`` in ``shop_id``; False if not kept."""
        entry = self._db.all(
            "SELECT title, question, similar FROM entries WHERE id = ? AND deleted_at IS NULL", (entry_id,)
        )
        if not entry:
            return False
        import json

        try:
            similar = [s for s in json.loads(entry[0]["similar"] or "[]") if isinstance(s, str)]
        except ValueError:
            similar = []
        phrase = " ".join(phrase.split())
        if not worth_learning(phrase, [entry[0]["title"], entry[0]["question"], *similar]):
            return False
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO learned_phrasings(entry_id, shop_id, phrase, count, first_ts, last_ts) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(entry_id, COALESCE(shop_id, 0), phrase) "
                "DO UPDATE SET count = count + excluded.count, last_ts = MAX(last_ts, excluded.last_ts)",
                (entry_id, shop_id, phrase, count, ts, ts),
            )
        self.version += 1
        return True

    # ------------------------------------------------------------------------------------------------ reading

    def for_entry(self, entry_id: str) -> list[LearnedPhrase]:
        """An entry's learned phrasings, most frequent first (the entry editor's 学到的问法)."""
        rows = self._db.all(
            "SELECT * FROM learned_phrasings WHERE entry_id = ? ORDER BY count DESC, last_ts DESC, id",
            (entry_id,),
        )
        return [_phrase(r) for r in rows]

    def all(self) -> list[LearnedPhrase]:
        """Every learned phrasing of live entries."""
        rows = self._db.all(
            "SELECT p.* FROM learned_phrasings p JOIN entries e ON e.id = p.entry_id "
            "WHERE e.deleted_at IS NULL AND e.enabled = 1 ORDER BY p.id"
        )
        return [_phrase(r) for r in rows]

    # ------------------------------------------------------------------------------------------------ supervising

    def delete(self, phrase_id: int) -> None:
        entry_id = self._entry_of(phrase_id)
        with self._db.transaction():
            self._db.execute("DELETE FROM learned_phrasings WHERE id = ?", (phrase_id,))
        self.version += 1
        self.lib._notify("entries", [entry_id])

    def promote(self, phrase_id: int) -> None:
        """Make the phrasing a similar question (相似问法) of its entry and drop it from the learned ones."""
        row = self._db.all("SELECT entry_id, phrase FROM learned_phrasings WHERE id = ?", (phrase_id,))
        if not row:
            raise NotFoundError(f"找不到学到的问法 #{phrase_id}。", f"No learned phrasing #{phrase_id}.")
        entry = self.lib.get(row[0]["entry_id"])
        similar = tuple(dict.fromkeys([*entry.similar, row[0]["phrase"]]))
        self.lib.update(entry.id, similar=similar)
        with self._db.transaction():
            self._db.execute("DELETE FROM learned_phrasings WHERE id = ?", (phrase_id,))
        self.version += 1

    def _entry_of(self, phrase_id: int) -> str:
        value = self._db.scalar("SELECT entry_id FROM learned_phrasings WHERE id = ?", (phrase_id,))
        if value is None:
            raise NotFoundError(f"找不到学到的问法 #{phrase_id}。", f"No learned phrasing #{phrase_id}.")
        return str(value)

    # ------------------------------------------------------------------------------------------------ team bundle

    def export_rows(self, entry_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Rows for a team bundle: entry id, shop name (None: shared), phrase, count."""
        shops = {s.id: s.name for s in self.lib.shops()}
        wanted = None if entry_ids is None else set(entry_ids)
        return [
            {"entry_id": p.entry_id, "shop": shops.get(p.shop_id) if p.shop_id is not None else None,
             "phrase": p.phrase, "count": p.count}
            for p in self.all()
            if wanted is None or p.entry_id in wanted
        ]  # fmt: skip

    def import_rows(self, rows: Iterable[dict[str, Any]]) -> int:
        """Merge a bundle's learned phrasings (counts add up per shop); returns how many were kept."""
        shops = {s.name: s.id for s in self.lib.shops()}
        kept = 0
        for row in rows:
            shop = row.get("shop")
            shop_id = shops.get(shop) if shop else None
            try:
                count = max(1, int(row.get("count", 1)))
            except (TypeError, ValueError):
                continue
            if self.record(str(row.get("entry_id", "")), str(row.get("phrase", "")), shop_id, count=count):
                kept += 1
        return kept


def _phrase(r: Any) -> LearnedPhrase:
    shop = r["shop_id"]
    return LearnedPhrase(int(r["id"]), r["entry_id"], None if shop is None else int(shop), r["phrase"],
                         int(r["count"]), r["last_ts"])  # fmt: skip
