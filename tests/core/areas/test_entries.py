"""lib.entries — entries: create and edit, trash, history and restoring versions, codes, bulk tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def _age(lib: Library, entry_id: str) -> None:
    """Pretend someone else changed the entry long ago."""
    lib._db.execute(
        "UPDATE entries SET updated_at = '2000-01-01T00:00:00Z', updated_by = '旧人' WHERE id = ?",
        (entry_id,),
    )


def _stamped(lib: Library, entry_id: str) -> bool:
    entry = lib.get(entry_id)
    return entry.updated_by == "测试员" and entry.updated_at > "2000-01-01T00:00:00Z"


def test_find_by_code_across_shops(empty_lib: Library) -> None:
    empty_lib.shops.add("店A")
    empty_lib.shops.add("店B")
    a = empty_lib.create(EntryDraft(reply="A", code="fh", shop="店A"))
    b = empty_lib.create(EntryDraft(reply="B", code="fh", shop="店B"))
    shared = empty_lib.create(EntryDraft(reply="通用", code="hi"))
    with pytest.raises(ValidationError, match="--shop"):
        empty_lib.find("fh")
    assert empty_lib.find("FH", shop="店A").id == a.id
    assert empty_lib.find("fh", shop="店B").id == b.id
    assert empty_lib.find("hi", shop="店A").id == shared.id  # 通用 is part of every shop
    assert empty_lib.find(a.id).id == a.id
    with pytest.raises(NotFoundError):
        empty_lib.find("nope", shop="店A")


def test_trash_restore_and_purge(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="退货地址请看订单详情", code="th"))
    empty_lib.delete(entry.id)
    assert empty_lib.entries.count() == 0
    assert [e.id for e in empty_lib.entries.trash()] == [entry.id]
    assert empty_lib.search("退货") == []
    # the code is free again while the entry is in the trash
    other = empty_lib.create(EntryDraft(reply="另一条", code="th"))
    restored = empty_lib.entries.restore(entry.id)
    assert restored.deleted_at is None and restored.code == ""  # its code was taken meanwhile
    assert [h.entry_id for h in empty_lib.search("退货")] == [entry.id]
    empty_lib.delete(other.id)
    assert empty_lib.entries.purge() == 1
    with pytest.raises(NotFoundError):
        empty_lib.get(other.id)


def test_history_and_restore_version(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="第一版", category="售后"))
    empty_lib.update(entry.id, reply="第二版", category="售后/物流")
    history = empty_lib.entries.history(entry.id)
    assert [v.action for v in history] == ["update", "create"]
    assert history[0].changed_by == "测试员"
    restored = empty_lib.entries.restore_version(entry.id, 1)
    assert restored.reply == "第一版" and restored.category_path == "售后"
    assert len(empty_lib.entries.history(entry.id)) == 3


def test_bulk_tags_and_enable(empty_lib: Library) -> None:
    ids = [e.id for e in empty_lib.entries.create_many([EntryDraft(reply=f"回复{i}") for i in range(3)])]
    empty_lib.entries.add_tags(ids[:2], ["老客户"])
    assert [e.id for e in empty_lib.entries.all(tag="老客户")] == ids[:2]
    empty_lib.entries.remove_tags(ids[:1], ["老客户"])
    assert [e.id for e in empty_lib.entries.all(tag="老客户")] == ids[1:2]
    empty_lib.entries.update_many(ids, enabled=False)
    assert empty_lib.search("回复") == []


def test_restore_version_brings_back_every_field_in_one_version(empty_lib: Library, tmp_path: Path) -> None:
    lib = empty_lib
    lib.shops.add("甲店", "淘宝")
    lib.shops.add("乙店", "京东")
    source = tmp_path / "chart.png"
    source.write_bytes(b"\x89PNG fake")
    asset = lib.assets.add(source, folder="尺码表")
    entry = lib.create(
        EntryDraft(
            reply="原来的回复", shop="甲店", category="售前/尺码", code="cm", sort_order=7, tags=["尺码"]
        )
    )
    lib.assets.link(entry.id, asset.id)
    variant = lib.variants.add(entry.id, "老客户的说法", label="老客", target_tag="老客户")
    example = lib.examples.add(entry.id, "good", "客户:有S码吗\n客服:有的", "直接回答")
    saved = lib.entries.history(entry.id)[0].version

    lib.update(entry.id, reply="新的回复", shop="乙店", category="售后/其他", sort_order=1, tags=["售后"])
    lib.assets.unlink(entry.id, asset.id)
    lib.variants.delete(variant.id)
    lib.examples.delete(lib.get(entry.id).examples[0].id)
    lib.categories.delete(next(c.id for c in lib.categories.all("甲店") if c.path == "售前/尺码"))
    before = len(lib.entries.history(entry.id))

    restored = lib.entries.restore_version(entry.id, saved)

    assert restored.reply == "原来的回复" and restored.code == "cm" and restored.sort_order == 7
    assert restored.shop_name == "甲店" and restored.category_path == "售前/尺码"  # category built again
    assert restored.tags == ("尺码",)
    assert restored.asset_ids == (asset.id,)
    assert [(v.id, v.reply, v.target_tag) for v in restored.variants] == [
        (variant.id, "老客户的说法", "老客户")
    ]
    assert restored.examples == (example,)  # examples are versioned: they come back under their old id
    assert len(lib.entries.history(entry.id)) == before + 1  # one transaction, one new version
    assert lib.entries.history(entry.id)[0].action == "restore"
    assert [h.entry_id for h in lib.search("原来的回复", shop="甲店")] == [entry.id]


def test_restore_version_of_a_trashed_entry_is_one_step(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="第一版", code="v1"))
    empty_lib.update(entry.id, reply="第二版")
    empty_lib.delete(entry.id)
    restored = empty_lib.entries.restore_version(entry.id, 1)
    assert restored.deleted_at is None and restored.reply == "第一版" and restored.code == "v1"


def test_restore_version_failure_changes_nothing(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="第一版", code="dup"))
    empty_lib.update(entry.id, code="mine", sort_order=3)
    empty_lib.create(EntryDraft(reply="别人", code="dup"))  # takes the old code
    with pytest.raises(ValidationError):
        empty_lib.entries.restore_version(entry.id, 1)
    after = empty_lib.get(entry.id)
    assert (after.code, after.sort_order) == ("mine", 3)


def test_edits_beside_the_row_record_who_and_when(empty_lib: Library, tmp_path: Path) -> None:
    lib = empty_lib
    entry = lib.create(EntryDraft(reply="回复"))
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4")
    asset = lib.assets.add(source)
    lib.tags.add("犹豫型")
    steps = [
        lambda: lib.entries.add_tags([entry.id], ["甲"]),
        lambda: lib.entries.remove_tags([entry.id], ["甲"]),
        lambda: lib.variants.add(entry.id, "变体"),
        lambda: lib.variants.update(lib.get(entry.id).variants[0].id, reply="变体2"),
        lambda: lib.variants.delete(lib.get(entry.id).variants[0].id),
        lambda: lib.assets.link(entry.id, asset.id),
        lambda: lib.assets.unlink(entry.id, asset.id),
        lambda: lib.entries.add_tags([entry.id], ["犹豫型"]),
        lambda: lib.tags.update(next(t.id for t in lib.tags.all() if t.name == "犹豫型"), name="观望型"),
    ]
    for step in steps:
        _age(lib, entry.id)
        step()
        assert _stamped(lib, entry.id), step


def test_restoring_an_entry_rebuilds_its_deleted_category(empty_lib: Library) -> None:
    lib = empty_lib
    entry = lib.create(EntryDraft(reply="退款说明", category="售后/退款"))
    lib.delete(entry.id)
    lib.categories.delete(next(c.id for c in lib.categories.all() if c.path == "售后/退款"))
    assert lib.get(entry.id).category_id is None
    restored = lib.entries.restore(entry.id)
    assert restored.category_path == "售后/退款"
