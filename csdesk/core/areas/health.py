"""lib.health: doctor (schema, index against database, asset files), backups and counts."""

from __future__ import annotations

from pathlib import Path

from csdesk.core.areas._common import (
    DoctorReport,
    shipped_asset_files,
)
from csdesk.core.areas.base import Area
from csdesk.core.errors import Message
from csdesk.core.leftovers import clean_leftovers


class HealthArea(Area):
    cleaned_on_open: list[Message]
    """Leftovers of killed programs that :meth:`Library.open` removed (doctor reports them once)."""
    """Doctor (schema, index against database, asset files), backups and counts."""

    def doctor(self, *, repair: bool = True) -> DoctorReport:
        """Check the database, the index and the asset files; repair what can be repaired."""
        report = DoctorReport()
        schema_problems, schema_repaired = self._db.schema_problems(repair=repair)
        report.problems += schema_problems
        report.repaired += schema_repaired
        # what killed programs left in the home (half-built index folders, temporary export files)
        report.repaired += [*self.cleaned_on_open, *(clean_leftovers(self._lib.layout) if repair else [])]
        self.cleaned_on_open = []
        if self._lib.index.rebuilt_on_open:
            self._lib.index.rebuilt_on_open = False
            report.repaired.append(
                Message(
                    "搜索索引过期或损坏,打开时已重建",
                    "the search index was stale or damaged; rebuilt on opening",
                )
            )
        self._check_index(report, repair=repair)
        shipped = shipped_asset_files() if repair else {}
        for asset in self._lib.assets.all():
            state = self._lib.assets.store.verify(asset.sha256, asset.filename)
            name = f"{asset.folder}/{asset.title}({asset.filename})"
            source = shipped.get(asset.sha256)
            if state and source and self._lib.assets.store.restore(asset.sha256, asset.filename, source):
                report.repaired.append(
                    Message(
                        f"素材文件已从程序自带的演示素材恢复:{name}",
                        f"asset file restored from the demo: {name}",
                    )
                )
            elif state:
                word, en = ("缺失", "missing") if state == "missing" else ("已损坏", "damaged")
                report.problems.append(Message(f"素材文件{word}:{name}", f"asset file {en}: {name}"))
        stray = self._db.scalar(
            "SELECT COUNT(*) FROM entry_assets ea LEFT JOIN assets a ON a.id = ea.asset_id WHERE a.id IS NULL"
        )
        if stray:
            if repair:
                with self._db.transaction():
                    self._db.execute("DELETE FROM entry_assets WHERE asset_id NOT IN (SELECT id FROM assets)")
                report.repaired.append(
                    Message(f"清理了 {stray} 个失效的素材关联", f"removed {stray} links to missing assets")
                )
            else:
                report.problems.append(
                    Message(f"{stray} 个失效的素材关联", f"{stray} links to missing assets")
                )
        if (
            repair
        ):  # folder memberships and merged ids of assets that are gone (silent: nothing a person sees)
            with self._db.transaction():
                self._db.execute(
                    "DELETE FROM asset_memberships WHERE asset_id NOT IN (SELECT id FROM assets)"
                )
                self._db.execute("DELETE FROM asset_aliases WHERE asset_id NOT IN (SELECT id FROM assets)")
        self._lib.assets.doctor_orphan_files(report, repair=repair)
        # The database checks come last, so that what was just repaired is not also reported as a problem.
        report.problems.extend(self._db.integrity_problems())
        return report

    def _check_index(self, report: DoctorReport, *, repair: bool) -> None:
        """The index against the database: behind (logged edits not applied), damaged, or holding other entries
        than the database has (every live, enabled entry must be searchable; nothing else may be)."""
        index = self._lib.index
        if index.needs_rebuild(count=False):  # a count that disagrees is looked at id by id below
            if repair:
                index.rebuild()
                report.repaired.append(Message("搜索索引已重建", "the search index was rebuilt"))
            else:
                report.problems.append(Message("搜索索引过期或损坏", "the search index is stale or damaged"))
                return
        stale = index.stale_ids() or []
        if stale:
            if repair and index.catch_up(timeout=5.0):
                report.repaired.append(
                    Message(
                        f"搜索索引补上了 {len(stale)} 个条目的修改",
                        f"the search index caught up on {len(stale)} entries",
                    )
                )
            else:
                report.problems.append(
                    Message(
                        f"搜索索引还差 {len(stale)} 个条目的修改(索引正被另一个程序写入)",
                        f"the search index is behind on {len(stale)} entries (another program is writing it)",
                    )
                )
                return
        differences = index.check_against_database()
        if differences:
            missing = sum(1 for d in differences if d.startswith("missing:"))
            extra = sum(1 for d in differences if d.startswith("extra:"))
            text = Message(
                f"搜索索引与数据库不一致:{missing} 个条目搜不到,{extra} 个已删除的条目仍在索引里",
                f"the search index disagrees with the database: {missing} entries unsearchable, "
                f"{extra} deleted entries still indexed",
            )
            if repair:
                index.rebuild()
                report.repaired.append(
                    Message(f"{text};已重建索引", f"{text.english}; the index was rebuilt")
                )
            else:
                report.problems.append(text)

    def backup(self, reason: str = "manual", *, keep: int | None = None) -> Path:
        """Back up the database and its asset files into ``<home>/backups`` (see :mod:`csdesk.core.backups`)."""
        return self._lib.backups.create(reason, keep=keep).database

    def backups(self) -> list[Path]:
        """Backup databases, newest first (``lib.backups`` has the details)."""
        return [b.database for b in self._lib.backups.list()]

    def stats(self) -> dict[str, int]:
        tables = (
            "shops",
            "categories",
            "entries",
            "variants",
            "assets",
            "tags",
            "customers",
            "rules",
            "sops",
            "examples",
        )
        counts = {t: int(self._db.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in tables}
        counts["entries"] = self._lib.entries.count()
        counts["trash"] = int(
            self._db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NOT NULL") or 0
        )
        return counts
