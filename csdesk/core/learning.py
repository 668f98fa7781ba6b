"""Learning from use: the searches agents followed by copying an entry, kept as learned phrasings (学到的问法).

When an agent copies an entry after a search, the query (masked as the search log masks it, by
:meth:`Library.log_copy`) is a way customers ask for that entry. :class:`LearnedPhrasings` listens to the library's
``usage`` changes and records the phrasing per entry and shop with a count; the meaning layer
(:mod:`csdesk.core.answers`) ranks the entry for later queries similar to it. A supervisor promotes one to a similar
question of the entry or deletes it (the entry editor). The phrasings travel with the team library: a publication
writes them beside the bundle (:func:`publish_learned`), an agent's update merges them (:func:`apply_learned`).

Table ``learned_phrasings`` (migration 0004).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import NotFoundError
from csdesk.core.textnorm import fold, is_han

if TYPE_CHECKING:
    from csdesk.core.library import Change, Library

__all__ = ["LearnedPhrase", "LearnedPhrasings", "apply_learned", "publish_learned", "worth_learning"]

log = logging.getLogger(__name__)

LEARNED_FILE = "learned.json"
"""Beside a team publication (the bundle): the supervisor's library's learned phrasings."""

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
    first_ts: str = ""


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
        self,
        entry_id: str,
        phrase: str,
        shop_id: int | None,
        *,
        ts: str = "",
        count: int = 1,
        merge: bool = False,
    ) -> bool:
        """Count ``phrase`` (already masked) as a way to ask for ``entry_id`` in ``shop_id``; False if not kept.

        ``merge``: keep the larger of the two counts instead of adding them (a team library's phrasings).
        """
        entry = self._db.all(
            "SELECT title, question, similar FROM entries WHERE id = ? AND deleted_at IS NULL", (entry_id,)
        )
        if not entry:
            return False
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
                "DO UPDATE SET count = "
                + ("MAX(count, excluded.count)" if merge else "count + excluded.count")
                + ", last_ts = MAX(last_ts, excluded.last_ts)",
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

    def restore(self, phrase: LearnedPhrase) -> int:
        """Put back a phrasing that was promoted or deleted (undo in the workbench), with its count and times;
        merged with the same phrasing learned again meanwhile. Returns its id (a new one: ids are not reused on
        purpose, another phrasing may have taken the old one)."""
        if (
            self._db.scalar("SELECT 1 FROM entries WHERE id = ? AND deleted_at IS NULL", (phrase.entry_id,))
            is None
        ):
            raise NotFoundError(
                f"学到的问法「{phrase.phrase}」的话术已不存在,无法恢复。",
                f"The entry of the learned phrasing '{phrase.phrase}' no longer exists; it cannot be restored.",
            )
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO learned_phrasings(entry_id, shop_id, phrase, count, first_ts, last_ts) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(entry_id, COALESCE(shop_id, 0), phrase) "
                "DO UPDATE SET count = count + excluded.count, first_ts = MIN(first_ts, excluded.first_ts), "
                "last_ts = MAX(last_ts, excluded.last_ts)",
                (
                    phrase.entry_id,
                    phrase.shop_id,
                    phrase.phrase,
                    phrase.count,
                    phrase.first_ts,
                    phrase.last_ts,
                ),
            )
            value = self._db.scalar(
                "SELECT id FROM learned_phrasings WHERE entry_id = ? AND COALESCE(shop_id, 0) = ? AND phrase = ?",
                (phrase.entry_id, phrase.shop_id or 0, phrase.phrase),
            )
        self.version += 1
        self.lib._notify("entries", [phrase.entry_id])
        return int(value)

    def _entry_of(self, phrase_id: int) -> str:
        value = self._db.scalar("SELECT entry_id FROM learned_phrasings WHERE id = ?", (phrase_id,))
        if value is None:
            raise NotFoundError(f"找不到学到的问法 #{phrase_id}。", f"No learned phrasing #{phrase_id}.")
        return str(value)

    # ------------------------------------------------------------------------------------------------ team library

    def export_rows(self) -> list[dict[str, Any]]:
        """Rows for the team library: the entry by shop name and code (or title: ids differ between libraries),
        the shop the phrasing was learned in (None: no shop), the phrase and its count."""
        shops = {s.id: s.name for s in self.lib.shops.all()}
        rows = self._db.all(
            "SELECT p.shop_id, p.phrase, p.count, e.shop_id AS entry_shop, e.code, e.title FROM learned_phrasings p "
            "JOIN entries e ON e.id = p.entry_id WHERE e.deleted_at IS NULL ORDER BY p.id"
        )
        return [
            {"entry_shop": shops.get(r["entry_shop"]), "code": r["code"], "title": r["title"],
             "shop": shops.get(r["shop_id"]) if r["shop_id"] is not None else None,
             "phrase": r["phrase"], "count": int(r["count"])}
            for r in rows
        ]  # fmt: skip

    def import_rows(self, rows: Iterable[Any]) -> int:
        """Merge the team's learned phrasings: a phrasing known here keeps the larger count (a team version
        re-applied does not count twice). Rows naming no entry of this library are skipped; returns how many
        were kept."""
        shops = {s.name: s.id for s in self.lib.shops.all()}
        kept = 0
        for row in rows:
            if not isinstance(row, dict):
                continue
            entry_shop = shops.get(str(row.get("entry_shop") or ""))
            code, title = str(row.get("code") or ""), str(row.get("title") or "")
            if entry_shop is None or not (code or title):
                continue
            found = self._db.scalar(
                "SELECT id FROM entries WHERE shop_id = ? AND deleted_at IS NULL AND "
                + ("lower(code) = lower(?)" if code else "title = ?")
                + " LIMIT 1",
                (entry_shop, code or title),
            )
            shop = row.get("shop")
            try:
                count = max(1, int(row.get("count", 1)))
            except (TypeError, ValueError):
                continue
            if found is not None and self.record(
                str(found),
                str(row.get("phrase") or ""),
                shops.get(shop) if shop else None,
                count=count,
                merge=True,
            ):
                kept += 1
        return kept


def publish_learned(lib: Library, folder: Path) -> None:
    """Write the library's learned phrasings beside a team publication (``learned.json``)."""
    from csdesk.core.leftovers import write_atomic

    rows = lib.answers.learned.export_rows()
    data = json.dumps({"format": "csdesk-learned/1", "rows": rows}, ensure_ascii=False)
    write_atomic(
        folder / LEARNED_FILE, data.encode("utf-8")
    )  # a locked temporary file a kill leaves is cleaned


def apply_learned(lib: Library, folder: Path) -> int:
    """Merge the learned phrasings published with a team version; a missing or damaged file changes nothing."""
    try:
        data = json.loads((folder / LEARNED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if (
        not isinstance(data, dict)
        or data.get("format") != "csdesk-learned/1"
        or not isinstance(data.get("rows"), list)
    ):
        log.warning("learned phrasings in %s ignored: unknown format", folder)
        return 0
    return lib.answers.learned.import_rows(data["rows"])


def _phrase(r: Any) -> LearnedPhrase:
    shop = r["shop_id"]
    return LearnedPhrase(int(r["id"]), r["entry_id"], None if shop is None else int(shop), r["phrase"],
                         int(r["count"]), r["last_ts"], r["first_ts"])  # fmt: skip
