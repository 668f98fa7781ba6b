"""The Library door: opening homes, the schema, the common verbs (create, get, update, search), transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from csdesk.core.errors import HomeError, NotFoundError, ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_new_home_gets_demo_and_empty_home_does_not(tmp_path: Path) -> None:
    with Library.open(tmp_path / "demo") as lib:
        stats = lib.health.stats()
        assert stats["entries"] >= 80
        assert stats["shops"] >= 3  # two shops plus 通用
        assert stats["customers"] >= 3 and stats["sops"] >= 1 and stats["assets"] >= 2
        assert any(s.is_shared and s.name == "通用" for s in lib.shops.all())
    with Library.open(tmp_path / "empty", demo=False) as lib:
        assert lib.health.stats()["entries"] == 0
        assert lib.rules.all(), "built-in red-line rules come with every library"


def test_home_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "afile"
    path.write_text("x")
    with pytest.raises(HomeError, match="文件"):
        Library.open(path)


def test_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "library.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(HomeError, match="无法打开"):
        Library.open(home)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Library.open(home, demo=False).close()
    conn = sqlite3.connect(home / "library.sqlite3")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(HomeError, match="更新版本"):
        Library.open(home)


def test_schema_settings(empty_lib: Library) -> None:
    db = empty_lib.database
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.user_version >= 1


def test_create_get_update_and_search(empty_lib: Library) -> None:
    empty_lib.shops.add("测试店", "淘宝")
    entry = empty_lib.create(
        EntryDraft(
            reply="亲,这款面料是棉麻混纺,透气不闷热。",
            question="这个是什么面料?",
            similar=("材质是什么", "是纯棉的吗"),
            shop="测试店",
            category="售前/材质",
            code="cz1",
            tags=("品质关注型",),
        )
    )
    assert entry.title == "这个是什么面料?"  # title defaults to the question
    assert entry.category_path == "售前/材质" and entry.shop_name == "测试店"
    assert entry.created_by == "测试员"
    assert empty_lib.get(entry.id) == entry
    assert [h.entry_id for h in empty_lib.search("面料")] == [entry.id]
    updated = empty_lib.update(entry.id, reply="亲,这款是莫代尔面料,柔软垂顺。")
    assert updated.reply.startswith("亲,这款是莫代尔")
    assert [h.entry_id for h in empty_lib.search("莫代尔")] == [entry.id]
    assert empty_lib.search("棉麻") == []


def test_title_defaults_to_reply_start(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="在的亲,有什么可以帮您?\n第二行"))
    assert entry.title == "在的亲,有什么可以帮您?"


def test_validation(empty_lib: Library) -> None:
    with pytest.raises(NotFoundError):
        empty_lib.create(EntryDraft(reply="a", shop="没有的店"))
    empty_lib.shops.add("店A")
    empty_lib.shops.add("店B")
    with pytest.raises(ValidationError):
        empty_lib.create(EntryDraft(reply="  "))
    empty_lib.create(EntryDraft(reply="a", code="hi", shop="店A"))
    with pytest.raises(ValidationError, match="已被"):
        empty_lib.create(EntryDraft(reply="b", code="HI", shop="店A"))
    # the same code in another shop is fine
    empty_lib.create(EntryDraft(reply="b", code="hi", shop="店B"))
    with pytest.raises(ValidationError):
        empty_lib.create(EntryDraft(reply="c", category="售前//尺码"))
    with pytest.raises(NotFoundError):
        empty_lib.get("00000000-0000-0000-0000-000000000000")


def test_failed_bulk_create_changes_nothing(empty_lib: Library) -> None:
    drafts = [
        EntryDraft(reply="一", code="x1"),
        EntryDraft(reply="二", code="x2"),
        EntryDraft(reply="三", code="x1"),
    ]
    with pytest.raises(ValidationError):
        empty_lib.entries.create_many(drafts)
    assert empty_lib.entries.count() == 0
    assert empty_lib.categories.all() == []


def test_demo_search_quality(demo_lib: Library) -> None:
    """The searches an agent makes on the first day find the obvious entry."""
    top = demo_lib.search("尺码", limit=5)
    assert top and all("尺码" in (h.entry.title + h.entry.reply + h.entry.question) for h in top[:3])
    assert demo_lib.search("cm1")[0].entry.code == "cm1"
    assert demo_lib.search("chima")
    pasted = demo_lib.search("你好,我身高165体重110斤,穿什么码合适啊", limit=3)
    assert pasted and "尺码" in pasted[0].entry.title


def test_rolled_back_outer_transaction_leaves_index_untouched(empty_lib: Library) -> None:
    """Writes inside a caller's transaction reach the index only when it commits (imports rely on this)."""
    kept = empty_lib.create(EntryDraft(reply="保留的发票说明"))
    with pytest.raises(RuntimeError), empty_lib.database.transaction():
        empty_lib.create(EntryDraft(reply="回滚的发票说明"))
        empty_lib.update(kept.id, reply="改过又回滚的发票说明")
        raise RuntimeError("import failed")
    assert empty_lib.index.is_current()
    assert [h.entry.reply for h in empty_lib.search("发票")] == ["保留的发票说明"]
    with empty_lib.database.transaction():
        added = empty_lib.create(EntryDraft(reply="提交的发票说明"))
    assert [h.entry_id for h in empty_lib.search("提交")] == [added.id]
    assert empty_lib.index.is_current()
