"""An entry's history beyond recording it: many entries' versions at once, histories joined from other libraries
(bundles, team updates), what restoring a version would change, examples put back.

Functions of :class:`~csdesk.core.areas.entries.EntriesArea` (bound there as its methods: ``lib.entries.histories``
…), kept in a module of their own so the area module stays short.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import NotFoundError
from csdesk.core.history import VersionChanges, compare, merged_versions
from csdesk.core.models import EntryVersion

if TYPE_CHECKING:
    from csdesk.core.areas.entries import EntriesArea


def restore_preview(self: EntriesArea, entry_id: str, version: int) -> VersionChanges:
    """What restoring ``version`` would change in the entry as it is now (the confirmation lists it)."""
    saved = next((v for v in self.history(entry_id) if v.version == version), None)
    if saved is None:
        raise NotFoundError(f"条目没有第 {version} 版。", f"The entry has no version {version}.")
    current = self._snapshots([self.get(entry_id)])[0]
    return compare(current, saved.data)


def histories(
    self: EntriesArea, entry_ids: Sequence[str], *, newest: int | None = None
) -> dict[str, list[EntryVersion]]:
    """Versions of many entries, oldest first, read in a few queries (bundle export); ``newest`` keeps only the
    last so many of each."""
    result: dict[str, list[EntryVersion]] = {}
    for start in range(0, len(entry_ids), 900):
        chunk = list(entry_ids[start : start + 900])
        for r in self._db.all(
            f"SELECT * FROM entry_versions WHERE entry_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY entry_id, version",
            tuple(chunk),
        ):
            result.setdefault(r["entry_id"], []).append(
                EntryVersion(int(r["id"]), r["entry_id"], int(r["version"]), r["action"], r["changed_at"],
                             r["changed_by"], json.loads(r["data"]))
            )  # fmt: skip
    if newest is not None:
        result = {k: v[-newest:] for k, v in result.items()}
    return result


def merge_history(
    self: EntriesArea,
    entry_id: str,
    versions: Sequence[Mapping[str, Any]],
    *,
    squash_after: int | None = None,
) -> int:
    """Join versions copied from another library (a bundle, a team update) into this entry's history.

    Each version is a mapping with ``action``, ``changed_at``, ``changed_by`` and ``data``. Versions the entry
    already has count once; the others take their place by time, and the whole history is numbered again from
    1. ``squash_after`` (a version row id): the versions written after it (one import writes one for the entry,
    one per variant, example and asset link it adds) become one, the newest state under the first one's action.
    Returns how many versions were added. Runs inside the caller's transaction when there is one.
    """
    incoming = [
        (str(v.get("action") or "update"), str(v.get("changed_at") or ""), str(v.get("changed_by") or ""),
         dict(v["data"]))
        for v in versions if isinstance(v, Mapping) and isinstance(v.get("data"), Mapping)
    ]  # fmt: skip
    if not incoming and (
        squash_after is None
        or int(
            self._db.scalar(
                "SELECT COUNT(*) FROM entry_versions WHERE entry_id = ? AND id > ?", (entry_id, squash_after)
            )
            or 0
        )
        < 2
    ):
        return 0  # nothing to join, nothing to squash: no need to read the history (a bundle of thousands)
    own = list(reversed(self.history(entry_id)))
    fresh = [v for v in own if squash_after is not None and v.id > squash_after]
    local = [(v.action, v.changed_at, v.changed_by, v.data) for v in own if v not in fresh]
    squashed = (
        [(fresh[0].action, fresh[-1].changed_at, fresh[-1].changed_by, fresh[-1].data)] if fresh else []
    )
    merged = merged_versions(local, incoming, squashed)
    if len(merged) == len(local) + len(squashed) and len(fresh) < 2:
        return 0
    with self._db.transaction():
        self._db.execute("DELETE FROM entry_versions WHERE entry_id = ?", (entry_id,))
        with self._db.lock:
            self._db.conn.executemany(
                "INSERT INTO entry_versions(entry_id, version, action, changed_at, changed_by, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (entry_id, number, action, at, by, json.dumps(data, ensure_ascii=False))
                    for number, (action, at, by, data) in enumerate(merged, start=1)
                ],
            )
    return len(merged) - len(local) - len(squashed)


def version_mark(self: EntriesArea) -> int:
    """The newest version row's id: :meth:`merge_history` squashes the versions written after it."""
    return int(self._db.scalar("SELECT COALESCE(MAX(id), 0) FROM entry_versions") or 0)


def restore_examples(self: EntriesArea, entry_id: str, examples: Sequence[Mapping[str, Any]]) -> None:
    """Put back the examples a version saved, under their old ids where no other example took them."""
    self._db.execute("DELETE FROM examples WHERE entry_id = ?", (entry_id,))
    for x in examples:
        if x.get("kind") not in ("good", "bad") or not str(x.get("dialogue") or "").strip():
            continue
        example_id = x.get("id") if isinstance(x.get("id"), int) else None
        if example_id is not None and self._db.one("SELECT 1 FROM examples WHERE id = ?", (example_id,)):
            example_id = None
        self._db.execute(
            "INSERT INTO examples(id, entry_id, kind, dialogue, comment) VALUES (?, ?, ?, ?, ?)",
            (example_id, entry_id, x["kind"], str(x["dialogue"]), str(x.get("comment") or "")),
        )
