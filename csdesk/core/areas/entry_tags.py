"""lib.entry_tags: the managed entry tags (条目标签), apart from the customer tags of ``lib.tags``.

Entry tags were free text, so typos (价格敏感 / 价格敏感型) piled up. Now every name lives in ``entry_tag_names``
(database triggers register a name whatever path puts it on an entry: editor, import, team update, restore), the
editor picks names from this list, and a supervisor renames, merges and deletes them here. A rename or a merge
changes every entry that carries the tag (trashed ones too, so a restore brings back the new name) in one
transaction, records who and when on the entries (a new version each) and on the tag, and keeps search current.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from csdesk.core.areas._common import now_iso
from csdesk.core.areas.base import Area
from csdesk.core.errors import NotFoundError, ValidationError

SEPARATORS = ("、", ",", "，", ";", "；", "|", "\n")
"""Characters that split a typed tag list: a tag name cannot hold them."""
MAX_NAME = 30


@dataclass(frozen=True)
class EntryTagInfo:
    """One entry tag with its counts (live entries, entries in the trash) and who created or last changed it."""

    name: str
    entries: int = 0
    trashed: int = 0
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""
    updated_by: str = ""

    @property
    def unused(self) -> bool:
        return self.entries == 0 and self.trashed == 0


@dataclass(frozen=True)
class TagMerge:
    """What a merge (or a rename) did, enough to undo it exactly.

    ``had`` maps every source name to the entries that carried it; ``target_had`` lists the entries that already
    carried the target; ``created_target`` is True when the target name did not exist before (a rename).
    """

    sources: tuple[str, ...]
    target: str
    had: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    target_had: tuple[str, ...] = ()
    created_target: bool = False
    source_rows: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def entry_ids(self) -> list[str]:
        return sorted({e for ids in self.had.values() for e in ids})


def check_name(name: str) -> str:
    """The name stripped; ValidationError (zh+en) for an empty, too long or separator-holding one."""
    name = name.strip()
    if not name:
        raise ValidationError("条目标签名不能为空。", "An entry tag needs a name.")
    if len(name) > MAX_NAME:
        raise ValidationError(
            f"条目标签名最长 {MAX_NAME} 个字:「{name[:MAX_NAME]}…」。",
            f"An entry tag name has at most {MAX_NAME} characters: '{name[:MAX_NAME]}…'.",
        )
    bad = [s for s in SEPARATORS if s in name]
    if bad:
        shown = "、".join("换行" if s == "\n" else s for s in bad)
        raise ValidationError(
            f"条目标签名不能含有分隔符({shown}):「{name}」。",
            f"An entry tag name cannot hold a separator ({', '.join(repr(s) for s in bad)}): '{name}'.",
        )
    return name


class EntryTagsArea(Area):
    """The entry tags: list with counts, create, rename, merge, delete unused."""

    def names(self) -> list[str]:
        """Every entry tag name, sorted (what the editor's completer offers)."""
        return [r[0] for r in self._db.all("SELECT name FROM entry_tag_names ORDER BY name")]

    def exists(self, name: str) -> bool:
        return self._db.one("SELECT 1 FROM entry_tag_names WHERE name = ?", (name.strip(),)) is not None

    def all(self) -> list[EntryTagInfo]:
        """Every entry tag with its counts, sorted by name."""
        rows = self._db.all(
            "SELECT n.*, "
            "(SELECT COUNT(*) FROM entry_tags t JOIN entries e ON e.id = t.entry_id "
            " WHERE t.tag = n.name AND e.deleted_at IS NULL) AS live, "
            "(SELECT COUNT(*) FROM entry_tags t JOIN entries e ON e.id = t.entry_id "
            " WHERE t.tag = n.name AND e.deleted_at IS NOT NULL) AS trashed "
            "FROM entry_tag_names n ORDER BY n.name"
        )
        return [
            EntryTagInfo(
                r["name"],
                int(r["live"]),
                int(r["trashed"]),
                r["created_at"],
                r["created_by"],
                r["updated_at"],
                r["updated_by"],
            )
            for r in rows
        ]

    def info(self, name: str) -> EntryTagInfo:
        found = next((t for t in self.all() if t.name == name.strip()), None)
        if found is None:
            raise NotFoundError(f"没有条目标签「{name.strip()}」。", f"No entry tag '{name.strip()}'.")
        return found

    def create(self, name: str) -> str:
        """A new entry tag with no entries yet; ValidationError when it exists already (nothing changes)."""
        name = check_name(name)
        if self.exists(name):
            raise ValidationError(f"条目标签「{name}」已存在。", f"The entry tag '{name}' exists already.")
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO entry_tag_names(name, created_at, created_by) VALUES (?, ?, ?)",
                (name, now_iso(), self._lib.agent),
            )
        self._notify("tags")
        return name

    def rename(self, old: str, new: str) -> TagMerge:
        """Rename ``old`` to ``new`` on every entry. ``new`` must be free: joining an existing tag is a merge."""
        old, new = old.strip(), check_name(new)
        self._require(old)
        if new == old:
            raise ValidationError("新名称和原名称相同。", "The new name is the same as the old one.")
        if self.exists(new):
            raise ValidationError(
                f"条目标签「{new}」已存在:要把「{old}」并入它,请用「合并」。",
                f"The entry tag '{new}' exists: to fold '{old}' into it, merge them.",
            )
        return self._merge((old,), new, create_target=True)

    def merge(self, sources: Iterable[str], target: str) -> TagMerge:
        """Fold ``sources`` into the existing ``target``: each of their entries gets ``target``, the sources go."""
        target = target.strip()
        self._require(target)
        names = tuple(dict.fromkeys(s.strip() for s in sources if s.strip() and s.strip() != target))
        if not names:
            raise ValidationError(
                "请至少选择一个要并入的条目标签。", "Choose at least one entry tag to merge."
            )
        for name in names:
            self._require(name)
        return self._merge(names, target, create_target=False)

    def undo_merge(self, done: TagMerge) -> None:
        """Put back exactly what :meth:`merge` or :meth:`rename` changed (the sources, their entries, the target)."""
        stamp, who = now_iso(), self._lib.agent
        restored_target = set(done.target_had)
        touched = done.entry_ids
        with self._db.transaction():
            for name in done.sources:
                created_at, created_by = done.source_rows.get(name, (stamp, who))
                self._db.execute(
                    "INSERT OR IGNORE INTO entry_tag_names(name, created_at, created_by, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (name, created_at, created_by, stamp, who),
                )
                for entry_id in done.had.get(name, ()):
                    self._db.execute(
                        "INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)", (entry_id, name)
                    )
            for entry_id in touched:
                if entry_id not in restored_target:
                    self._db.execute(
                        "DELETE FROM entry_tags WHERE entry_id = ? AND tag = ?", (entry_id, done.target)
                    )
            if done.created_target:
                self._db.execute("DELETE FROM entry_tag_names WHERE name = ?", (done.target,))
            self._entries_changed(touched)
        self._after(touched)

    def delete(self, name: str) -> None:
        """Delete an unused entry tag; ValidationError (nothing changes) while any entry, even trashed, has it."""
        info = self.info(name)
        if not info.unused:
            raise ValidationError(
                f"条目标签「{info.name}」还用在 {info.entries} 个条目上(回收站中 {info.trashed} 个):"
                "先把它合并到别的标签,或从这些条目上去掉。",
                f"The entry tag '{info.name}' is still on {info.entries} entries ({info.trashed} in the trash): "
                "merge it into another tag or remove it from those entries first.",
            )
        with self._db.transaction():
            self._db.execute("DELETE FROM entry_tag_names WHERE name = ?", (info.name,))
        self._notify("tags")

    def restore(self, info: EntryTagInfo) -> None:
        """Put back a deleted unused tag with its creation record (undo of :meth:`delete`)."""
        with self._db.transaction():
            self._db.execute(
                "INSERT OR IGNORE INTO entry_tag_names(name, created_at, created_by, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?)",
                (info.name, info.created_at, info.created_by, info.updated_at, info.updated_by),
            )
        self._notify("tags")

    # ------------------------------------------------------------------ inside
    def _require(self, name: str) -> None:
        if not name or not self.exists(name):
            raise NotFoundError(f"没有条目标签「{name}」。", f"No entry tag '{name}'.")

    def _merge(self, sources: Sequence[str], target: str, *, create_target: bool) -> TagMerge:
        stamp, who = now_iso(), self._lib.agent
        marks = ",".join("?" * len(sources))
        with self._db.transaction():
            had: dict[str, tuple[str, ...]] = {
                name: tuple(
                    r[0]
                    for r in self._db.all(
                        "SELECT entry_id FROM entry_tags WHERE tag = ? ORDER BY entry_id", (name,)
                    )
                )
                for name in sources
            }
            target_had = tuple(
                r[0] for r in self._db.all("SELECT entry_id FROM entry_tags WHERE tag = ?", (target,))
            )
            source_rows = {
                r["name"]: (r["created_at"], r["created_by"])
                for r in self._db.all(
                    f"SELECT * FROM entry_tag_names WHERE name IN ({marks})", tuple(sources)
                )
            }
            if create_target:
                created_at, created_by = source_rows.get(sources[0], (stamp, who))
                self._db.execute(
                    "INSERT INTO entry_tag_names(name, created_at, created_by) VALUES (?, ?, ?)",
                    (target, created_at, created_by),
                )
            # an entry that has the target already keeps one row; the others' rows change name in place
            self._db.execute(
                f"DELETE FROM entry_tags WHERE tag IN ({marks}) AND entry_id IN "
                "(SELECT entry_id FROM entry_tags WHERE tag = ?)",
                (*sources, target),
            )
            for name in sources:
                self._db.execute(
                    "UPDATE OR IGNORE entry_tags SET tag = ? WHERE tag = ?", (target, name)
                )  # two sources on one entry: the second row is left, and removed just below
            self._db.execute(f"DELETE FROM entry_tags WHERE tag IN ({marks})", tuple(sources))
            self._db.execute(f"DELETE FROM entry_tag_names WHERE name IN ({marks})", tuple(sources))
            self._db.execute(
                "UPDATE entry_tag_names SET updated_at = ?, updated_by = ? WHERE name = ?",
                (stamp, who, target),
            )
            done = TagMerge(tuple(sources), target, had, target_had, create_target, source_rows)
            self._entries_changed(done.entry_ids)
        self._after(done.entry_ids)
        return done

    def _entries_changed(self, entry_ids: Sequence[str]) -> None:
        """Inside the transaction: who/when on each entry, a new version each, search told."""
        self._lib.entries.touch(entry_ids)
        for entry_id in entry_ids:
            self._lib.entries.record_version(entry_id, "update")
        self._lib.index.changed(list(entry_ids))

    def _after(self, entry_ids: Sequence[str]) -> None:
        if entry_ids:
            self._lib.index.catch_up()
        self._notify("tags")
        if entry_ids:
            self._notify("entries", entry_ids)
