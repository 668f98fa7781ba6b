"""Library writes the supervisor workbench relies on: full version restore, who/when on every edit, a tag rename
the search follows at once, trashed entries keeping their category, asset folders, copy notifications."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.library import Change, Library
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
    lib.examples.add(entry.id, "good", "客户:有S码吗\n客服:有的", "直接回答")
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
    assert restored.examples == ()  # examples are not versioned: restoring leaves them as they are
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


def test_tag_rename_is_searchable_at_once_and_notifies_entries(empty_lib: Library) -> None:
    lib = empty_lib
    tag = lib.tags.add("犹豫型")
    entry = lib.create(EntryDraft(reply="亲,现在下单有优惠哦", tags=["犹豫型"]))
    other = lib.create(EntryDraft(reply="另一个", tags=["观望型", "犹豫型"]))
    changes: list[Change] = []
    lib.add_listener(changes.append)
    lib.tags.update(tag.id, name="观望型")
    assert lib.index.is_current() and not lib.index.dirty  # no rebuild due: the entries were indexed now
    assert {h.entry_id for h in lib.search("优惠", tags=["观望型"])} == {entry.id}
    assert lib.get(other.id).tags == ("观望型",)
    assert any(c.kind == "entries" and set(c.ids) == {entry.id, other.id} for c in changes)


def test_restoring_an_entry_rebuilds_its_deleted_category(empty_lib: Library) -> None:
    lib = empty_lib
    entry = lib.create(EntryDraft(reply="退款说明", category="售后/退款"))
    lib.delete(entry.id)
    lib.categories.delete(next(c.id for c in lib.categories.all() if c.path == "售后/退款"))
    assert lib.get(entry.id).category_id is None
    restored = lib.entries.restore(entry.id)
    assert restored.category_path == "售后/退款"


def test_asset_folders_rename_and_remove(empty_lib: Library, tmp_path: Path) -> None:
    lib = empty_lib
    lib.assets.add_folder("质检")
    source = tmp_path / "r.pdf"
    source.write_bytes(b"%PDF")
    asset = lib.assets.add(source, folder="质检")
    lib.assets.rename_folder("质检", "质检报告2")
    assert "质检报告2" in lib.assets.folders() and "质检" not in lib.assets.folders()
    assert lib.assets.get(asset.id).folder == "质检报告2"
    with pytest.raises(ValidationError):
        lib.assets.remove_folder("质检报告2")
    lib.assets.update(asset.id, folder="")
    position = lib.assets.folder_position("质检报告2")
    lib.assets.remove_folder("质检报告2")
    assert "质检报告2" not in lib.assets.folders()
    lib.assets.add_folder("质检报告2", position=position)
    assert lib.assets.folder_position("质检报告2") == position


def test_copies_notify_usage(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="回复"))
    changes: list[Change] = []
    empty_lib.add_listener(changes.append)
    empty_lib.log_copy(entry.id)
    assert Change("usage", (entry.id,)) in changes
