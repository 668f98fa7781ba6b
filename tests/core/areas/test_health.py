"""lib.health — doctor and backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_doctor_reports_missing_asset_file(empty_lib: Library, tmp_path: Path) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4 test")
    asset = empty_lib.assets.add(source, folder="质检报告")
    empty_lib.assets.path(asset).unlink()
    report = empty_lib.health.doctor()
    assert not report.ok and any("缺失" in p for p in report.problems)


def test_backup_is_a_working_copy_and_old_ones_are_pruned(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="备份里的话术"))
    path = empty_lib.health.backup("test")
    assert path.parent == empty_lib.layout.backups and path.exists()
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT reply FROM entries WHERE id = ?", (entry.id,)).fetchone() == ("备份里的话术",)
    copy.close()
    for _ in range(4):
        empty_lib.health.backup("again", keep=3)
    names = [p.name for p in empty_lib.health.backups()]
    assert len([n for n in names if n.endswith("-again.sqlite3")]) == 3  # each kind is pruned on its own
    assert len([n for n in names if n.endswith("-test.sqlite3")]) == 1
