"""Migration 0008 (one asset in several folders) on a library written by the previous schema (0005): the same file
stored twice as two assets becomes one asset in both folders; links, versions and bundles that name the merged id
still find it; nothing else changes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from csdesk.core.library import Library
from csdesk.core.storage import _split_sql, available_migrations

SHA = "a" * 64


def _library_at_0005(home: Path) -> None:
    home.mkdir(parents=True)
    conn = sqlite3.connect(home / "library.sqlite3")
    for version, path in available_migrations():
        if version <= 5:
            for statement in _split_sql(path.read_text(encoding="utf-8")):
                conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO shops(id, name, is_shared) VALUES (1, '通用', 1)")
    conn.executemany(
        "INSERT INTO assets(id, sha256, folder, title, filename, mime, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("old", SHA, "尺码表", "女装尺码表", "chart.png", "image/png", 3, "2026-01-01T00:00:00Z"),
            ("dup", SHA, "质检报告", "同一张图", "copy.png", "image/png", 3, "2026-02-01T00:00:00Z"),
            ("other", "b" * 64, "", "无文件夹", "x.pdf", "application/pdf", 3, "2026-01-01T00:00:00Z"),
        ],
    )
    conn.execute(
        "INSERT INTO entries(id, shop_id, title, reply, created_at, updated_at) VALUES ('e1', 1, '尺码', '发您尺码表', '', '')"
    )
    conn.execute("INSERT INTO entry_assets(entry_id, asset_id, sort_order) VALUES ('e1', 'dup', 0)")
    snapshot = {"reply": "发您尺码表", "asset_ids": ["dup"], "shop_name": "通用", "title": "尺码"}
    conn.execute(
        "INSERT INTO entry_versions(entry_id, version, action, changed_at, changed_by, data) "
        "VALUES ('e1', 1, 'create', '2026-02-01T00:00:00Z', '主管', ?)",
        (json.dumps(snapshot, ensure_ascii=False),),
    )
    conn.commit()
    conn.close()


def test_a_0005_library_migrates_duplicates_into_one_asset_in_both_folders(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _library_at_0005(home)
    lib = Library.open(home, demo=False, agent="测试员")
    try:
        assert lib.database.user_version >= 6
        assets = {a.id: a for a in lib.assets.all()}
        assert set(assets) == {"old", "other"}
        assert assets["old"].folders == ("尺码表", "质检报告") and assets["old"].title == "女装尺码表"
        assert assets["other"].folders == () and assets["other"].folder == ""
        assert lib.get("e1").asset_ids == ("old",)  # the link followed the merge
        assert lib.assets.resolve("dup") == "old"
        lib.update("e1", reply="改过的回复")
        restored = lib.entries.restore_version("e1", 1)  # a version naming the merged id finds the asset
        assert restored.reply == "发您尺码表" and restored.asset_ids == ("old",)
        lib.assets.link("e1", "dup")  # so does a link by the old id (a bundle, a team update)
        assert lib.get("e1").asset_ids == ("old",)
        assert [a.id for a in lib.assets.all("质检报告")] == ["old"]
        assert lib.database.schema_problems()[0] == []  # the live schema is the one the migrations build
    finally:
        lib.close()
