"""doctor(): repairs first, checks after; lost demo asset files come back; a damaged database is recovered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from csdesk.core.errors import HomeError, localized
from csdesk.core.library import Library
from csdesk.core.recovery import open_for_repair


def _raw(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "library.sqlite3")


def test_repaired_foreign_key_problem_is_not_reported(demo_home: Path) -> None:
    with Library.open(demo_home) as lib:
        linked = lib.database.scalar("SELECT COUNT(*) FROM entry_assets")
        assert linked
    raw = _raw(demo_home)
    raw.execute("DELETE FROM assets WHERE id IN (SELECT asset_id FROM entry_assets LIMIT 1)")  # FKs off here
    raw.commit()
    raw.close()
    with Library.open(demo_home) as lib:
        assert any("外键" in p for p in lib.database.integrity_problems())
        report = lib.health.doctor()
        assert report.ok, report.problems
        assert any("失效的素材关联" in line for line in report.repaired)
        assert lib.database.integrity_problems() == []


def test_doctor_restores_missing_demo_asset_files(demo_lib: Library) -> None:
    assets = demo_lib.assets.all()
    lost, damaged = demo_lib.assets.path(assets[0]), demo_lib.assets.path(assets[1])
    lost.unlink()
    damaged.write_bytes(b"not the image any more")
    report = demo_lib.health.doctor()
    assert report.ok, report.problems
    assert sum("素材文件已从程序自带的演示素材恢复" in line for line in report.repaired) == 2
    assert lost.is_file() and demo_lib.health.doctor().repaired == []
    assert demo_lib.health.doctor(repair=False).ok


def test_index_rebuilt_by_open_is_reported(demo_home: Path) -> None:
    for path in (demo_home / "index").rglob("*"):
        if path.is_file():
            path.write_bytes(b"")
    with Library.open(demo_home) as lib:  # open() rebuilds the broken index on its own
        assert lib.index.is_current()
        report = lib.health.doctor()
        assert report.ok
        assert any("打开时已重建" in line for line in report.repaired)
        assert lib.health.doctor().repaired == []


def test_doctor_lines_follow_the_language(demo_lib: Library) -> None:
    demo_lib.assets.path(demo_lib.assets.all()[0]).unlink()
    line = demo_lib.health.doctor().repaired[0]
    assert "素材" in localized(line, "zh")
    assert localized(line, "en").startswith("asset file restored")


def test_garbage_database_is_restored_from_the_newest_backup(demo_home: Path) -> None:
    with Library.open(demo_home) as lib:
        lib.health.backup("manual")
        entries = lib.entries.count()
    (demo_home / "library.sqlite3").write_bytes(b"garbage" * 1000)
    with pytest.raises(HomeError):
        Library.open(demo_home)
    lib, done = open_for_repair(demo_home)
    with lib:
        assert any("从备份恢复" in line for line in done)
        assert lib.entries.count() == entries and lib.search("尺码")
        assert lib.health.doctor().ok
    [broken] = demo_home.glob("library.sqlite3.broken-*")
    assert broken.read_bytes().startswith(b"garbage")


def test_damaged_pages_are_salvaged(demo_home: Path) -> None:
    """A damaged index page: the library still opens, but doctor dumps every readable row into a new file."""
    raw = _raw(demo_home)
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entry_tags_tag'").fetchone()[0]
    entries = raw.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    raw.close()
    with (demo_home / "library.sqlite3").open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * (page_size - 1))
    lib, done = open_for_repair(demo_home)
    with lib:
        assert any("抢救" in line for line in done), done
        assert lib.database.integrity_problems() == []
        assert lib.entries.count() == entries
        assert lib.search("尺码")
    assert list(demo_home.glob("library.sqlite3.broken-*"))


def test_nothing_to_recover_from_is_a_clear_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "library.sqlite3").write_bytes(b"garbage" * 1000)
    with pytest.raises(HomeError) as raised:
        open_for_repair(home)
    assert "没有可用的备份" in raised.value.message and "no usable backup" in raised.value.english
    assert (home / "library.sqlite3").read_bytes().startswith(b"garbage")  # left where it was


def test_schema_check_recreates_lost_tables_and_indexes(demo_home: Path) -> None:
    """doctor compares the schema with the migrations' (sqlite-utils introspection) and rebuilds what is gone."""
    raw = _raw(demo_home)
    raw.execute("DROP INDEX entries_code_unique")
    raw.execute("DROP TABLE examples")
    raw.execute("ALTER TABLE customers DROP COLUMN notes")
    raw.commit()
    raw.close()
    with Library.open(demo_home) as lib:
        report = lib.health.doctor()
        repaired = " ".join(report.repaired)
        assert "entries_code_unique" in repaired and "examples" in repaired
        assert any("customers" in p and "notes" in p for p in report.problems)  # a lost column is reported
        problems, fixed = lib.database.schema_problems(repair=True)
        assert fixed == [] and len(problems) == 1
        names = {r[0] for r in lib.database.all("SELECT name FROM sqlite_master")}
        assert {"entries_code_unique", "examples", "examples_entry"} <= names
