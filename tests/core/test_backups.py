"""Backups: every kind can be restored, a restore can be undone, rotation keeps manual and daily/weekly ones."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.core.backups import KINDS, MANUAL, Backup, Backups, to_prune
from csdesk.core.errors import CsdeskError, NotFoundError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def _replies(lib: Library) -> set[str]:
    return {e.reply for e in lib.entries.all()}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_restores_database_assets_and_search(kind: str, tmp_path: Path) -> None:
    with Library.open(tmp_path / "home", demo=False) as lib:
        picture = tmp_path / "尺码表.png"
        picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        asset = lib.assets.add(picture, folder="图片")
        kept = lib.create(EntryDraft(reply="备份之前的回复 退货地址"))
        store = Backups(lib)
        backup = store.create(kind)
        assert backup.kind == kind and backup.assets.is_dir()
        lib.create(EntryDraft(reply="备份之后的回复 不该留下"))
        lib.update(kept.id, reply="改过的回复")
        stored = next(lib.layout.assets.rglob(f"{asset.sha256}*"))
        stored.unlink()  # the asset file is gone from the library

        restored, undo = store.restore(backup.id)

        assert restored.id == backup.id and undo.kind == "restore"
        assert _replies(lib) == {"备份之前的回复 退货地址"}
        assert stored.is_file()
        assert [h.entry_id for h in lib.search("退货地址")] == [kept.id]
        assert lib.search("不该留下") == []
        assert lib.health.doctor(repair=False).problems == []
        store.restore(undo.id)  # and the restore is undone
        assert _replies(lib) == {"改过的回复", "备份之后的回复 不该留下"}
    with Library.open(tmp_path / "home", demo=False) as again:
        assert _replies(again) == {"改过的回复", "备份之后的回复 不该留下"}


def test_restore_is_seen_by_another_program(tmp_path: Path) -> None:
    with (
        Library.open(tmp_path / "home", demo=False) as lib,
        Library.open(tmp_path / "home", demo=False) as other,
    ):
        lib.create(EntryDraft(reply="第一条"))
        backup = Backups(lib).create()
        other.create(EntryDraft(reply="第二条"))
        Backups(lib).restore(backup.id)
        assert _replies(other) == {"第一条"}


def test_damaged_or_unknown_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    with Library.open(tmp_path / "home", demo=False) as lib:
        lib.create(EntryDraft(reply="现在的回复"))
        store = Backups(lib)
        backup = store.create()
        backup.database.write_bytes(b"not a database at all" * 100)
        with pytest.raises(CsdeskError) as caught:
            store.restore(backup.id)
        assert backup.id in caught.value.message and "nothing was restored" in caught.value.english
        with pytest.raises(NotFoundError):
            store.restore("19990101")
        assert _replies(lib) == {"现在的回复"}


def _backup(when: datetime, kind: str) -> Backup:
    stamp = when.strftime("%Y%m%d-%H%M%S-%f")
    return Backup(f"{stamp}-{kind}", kind, when, Path(f"library-{stamp}-{kind}.sqlite3"))


def test_rotation_keeps_manual_last_ten_daily_and_weekly() -> None:
    now = datetime(2026, 12, 4, 12, 0)
    manual = [_backup(now - timedelta(days=300 + i), MANUAL) for i in range(3)]
    imports = [_backup(now - timedelta(minutes=i), "import") for i in range(25)]
    starts = [_backup(now - timedelta(hours=6 * i), "start") for i in range(4 * 60)]  # four a day for 60 days
    doomed = {b.id for b in to_prune([*manual, *imports, *starts], now)}
    assert not doomed & {b.id for b in manual}
    assert len([b for b in imports if b.id not in doomed]) == 10
    kept_starts = [b for b in starts if b.id not in doomed]
    days = {b.created.date() for b in kept_starts if now - b.created <= timedelta(days=7)}
    assert len(days) == 8  # today and the seven days before
    weeks = {b.created.isocalendar()[:2] for b in kept_starts}
    assert len(weeks) >= 5
    assert all(now - b.created <= timedelta(weeks=5) for b in kept_starts)


def test_rejected_imports_do_not_evict_manual_backups(tmp_path: Path) -> None:
    with Library.open(tmp_path / "home", demo=False) as lib:
        lib.health.backup("manual")
        lib.health.backup("manual")
        for _ in range(25):
            lib.health.backup("import")
        kinds = [b.kind for b in Backups(lib).list()]
        assert kinds.count(MANUAL) == 2 and kinds.count("import") == 10


def test_auto_backup_only_when_changed(tmp_path: Path) -> None:
    with Library.open(tmp_path / "home", demo=False) as lib:
        store = Backups(lib)
        assert store.auto("start") is not None
        assert store.auto("start") is None  # nothing changed since
        lib.create(EntryDraft(reply="新的回复"))
        assert store.auto("interval") is not None


def test_cli_backup_list_create_and_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "en")
    home = tmp_path / "home"
    assert main(["--home", str(home), "backup", "create"]) == 0
    capsys.readouterr()
    assert main(["--home", str(home), "backup", "list", "--json"]) == 0
    import json

    listed = json.loads(capsys.readouterr().out)
    assert [b["kind"] for b in listed] == [MANUAL]
    with Library.open(home) as lib:
        lib.create(EntryDraft(reply="恢复后不该有的回复"))
    assert main(["--home", str(home), "restore", listed[0]["id"]]) == 0
    out = capsys.readouterr().out
    assert "Restored the backup" in out and "undo: csdesk restore" in out
    with Library.open(home) as lib:
        assert "恢复后不该有的回复" not in _replies(lib)
    assert main(["--home", str(home), "restore", "nope"]) == 2
    assert "No backup 'nope'" in capsys.readouterr().err
    db = sqlite3.connect(home / "library.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
