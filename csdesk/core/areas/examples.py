"""lib.examples: an entry's good and bad example dialogues. Each change is a change of the entry: it records a
version (who, when, what), so the history shows it and restoring a version brings the examples back."""

from __future__ import annotations

from csdesk.core import limits
from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.models import (
    Example,
)


class ExamplesArea(Area):
    """An entry's good and bad example dialogues."""

    def add(self, entry_id: str, kind: str, dialogue: str, comment: str = "") -> Example:
        if kind not in ("good", "bad"):
            raise ValidationError("案例类型只能是好案例或坏案例。", "An example is good or bad.")
        if not dialogue.strip():
            raise ValidationError("案例对话不能为空。", "An example needs a dialogue.")
        texts = {"dialogue": dialogue, "comment": comment}
        limits.check_fields(texts)
        self._lib.entries.get(entry_id)
        self._lib.entries.check_size(entry_id, limits.text_size(texts))
        with self._db.transaction():
            cur = self._db.execute(
                "INSERT INTO examples(entry_id, kind, dialogue, comment) VALUES (?, ?, ?, ?)",
                (entry_id, kind, dialogue, comment),
            )
            self._versioned(entry_id)
        self._notify("entries", [entry_id])
        return Example(int(cur.lastrowid or 0), entry_id, kind, dialogue, comment)  # type: ignore[arg-type]

    def update(self, example_id: int, *, dialogue: str | None = None, comment: str | None = None,
                       kind: str | None = None) -> None:  # fmt: skip
        row = self._db.one("SELECT * FROM examples WHERE id = ?", (example_id,))
        if row is None:
            raise NotFoundError("找不到这个案例。", "No such example.")
        new_kind = kind or row["kind"]
        if new_kind not in ("good", "bad"):
            raise ValidationError("案例类型只能是好案例或坏案例。", "An example is good or bad.")
        texts = {k: v for k, v in (("dialogue", dialogue), ("comment", comment)) if v is not None}
        if texts:
            limits.check_fields(texts)
            growth = limits.text_size(texts) - sum(len(row[k] or "") for k in texts)
            self._lib.entries.check_size(row["entry_id"], growth)
        with self._db.transaction():
            self._db.execute(
                "UPDATE examples SET dialogue = ?, comment = ?, kind = ? WHERE id = ?",
                (row["dialogue"] if dialogue is None else dialogue, row["comment"] if comment is None else comment,
                 new_kind, example_id),
            )  # fmt: skip
            self._versioned(row["entry_id"])
        self._notify("entries", [row["entry_id"]])

    def delete(self, example_id: int) -> None:
        row = self._db.one("SELECT entry_id FROM examples WHERE id = ?", (example_id,))
        with self._db.transaction():
            self._db.execute("DELETE FROM examples WHERE id = ?", (example_id,))
            if row:
                self._versioned(row[0])
        if row:
            self._notify("entries", [row[0]])

    def _versioned(self, entry_id: str) -> None:
        """Record the entry's change (who, when) and its new version, inside the caller's transaction."""
        self._lib.entries.touch([entry_id])
        self._lib.entries.record_version(entry_id, "update")
