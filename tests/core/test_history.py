"""An entry's history: every change of an entry makes a version; what a version changed, the words marked; restore
previews; histories carried by bundles and team updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.history import compare, marked, merged_versions, word_diff
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def _changes(lib: Library, entry_id: str, version: int | None = None):  # type: ignore[no-untyped-def]
    history = lib.entries.history(entry_id)
    index = 0 if version is None else next(i for i, v in enumerate(history) if v.version == version)
    older = history[index + 1].data if index + 1 < len(history) else None
    return compare(older, history[index].data)


def test_every_change_of_variants_examples_tags_and_assets_makes_a_version(
    empty_lib: Library, tmp_path: Path
) -> None:
    lib = empty_lib
    entry = lib.create(EntryDraft(reply="亲,S码有货的"))
    source = tmp_path / "尺码表.png"
    source.write_bytes(b"\x89PNG chart")
    asset = lib.assets.add(source, folder="尺码表", title="女装尺码表")

    variant = lib.variants.add(entry.id, "老客户您好,S码有货", label="老客")
    changes = _changes(lib, entry.id)
    assert [(p.part, p.kind, p.label) for p in changes.parts] == [("variants", "added", "老客")]
    assert changes.fields == []

    lib.variants.update(variant.id, reply="老客户您好,M码有货")
    changed = _changes(lib, entry.id).parts[0]
    assert (changed.part, changed.kind) == ("variants", "changed")
    assert marked(changed.fields[0].after_marked) == "老客户您好,{+M+}码有货"

    example = lib.examples.add(entry.id, "good", "客户:有S码吗\n客服:有的")
    assert [(p.part, p.kind) for p in _changes(lib, entry.id).parts] == [("examples", "added")]
    lib.examples.update(example.id, comment="直接回答")
    assert _changes(lib, entry.id).parts[0].fields[0].name == "comment"
    lib.examples.delete(example.id)
    assert [(p.part, p.kind) for p in _changes(lib, entry.id).parts] == [("examples", "removed")]

    lib.assets.link(entry.id, asset.id)
    assert [(p.part, p.kind, p.label) for p in _changes(lib, entry.id).parts] == [
        ("assets", "added", "女装尺码表")
    ]
    lib.entries.add_tags([entry.id], ["尺码"])
    tags = _changes(lib, entry.id).fields[0]
    assert (tags.name, tags.added, tags.removed) == ("tags", ("尺码",), ())
    lib.assets.delete(asset.id)  # the asset's link goes with it: a change of the entry, the asset still named
    assert [(p.part, p.kind, p.label) for p in _changes(lib, entry.id).parts] == [
        ("assets", "removed", "女装尺码表")
    ]
    lib.variants.delete(variant.id)
    assert [(p.part, p.kind) for p in _changes(lib, entry.id).parts] == [("variants", "removed")]
    history = lib.entries.history(entry.id)
    assert len(history) == 10 and all(v.changed_by == "测试员" and v.changed_at for v in history)
    assert all(not _changes(lib, entry.id, v.version).empty for v in history)


def test_changed_words_are_marked_not_whole_fields() -> None:
    before, after = word_diff("亲,这款明天发货,顺丰包邮", "亲,这款今天下午发货,顺丰包邮")
    assert marked(before) == "亲,这款[-明-]天发货,顺丰包邮"
    assert marked(after) == "亲,这款{+今+}天{+下午+}发货,顺丰包邮"
    # letters and digits are words: a changed size is one word, not scattered characters
    assert marked(word_diff("尺码 165cm 选 M", "尺码 170cm 选 M")[1]) == "尺码 {+170cm+} 选 M"
    changes = compare({"reply": "亲,明天发货", "tags": ["a"]}, {"reply": "亲,今天发货", "tags": ["a"]})
    assert [c.name for c in changes.fields] == ["reply"]


def test_parts_an_older_version_did_not_store_are_not_shown_as_added() -> None:
    older = {"reply": "回复", "asset_ids": [], "variants": []}  # written before examples were versioned
    newer = {"reply": "回复", "asset_ids": [], "asset_titles": {}, "variants": [], "examples": [
        {"id": 1, "kind": "good", "dialogue": "对话", "comment": ""}]}  # fmt: skip
    assert compare(older, newer).empty


def test_restore_preview_says_what_will_change_and_restore_brings_examples_back(empty_lib: Library) -> None:
    lib = empty_lib
    entry = lib.create(EntryDraft(reply="亲,明天发货", tags=["物流"]))
    lib.examples.add(entry.id, "good", "客户:几天到\n客服:明天发")
    saved = lib.entries.history(entry.id)[0].version
    lib.update(entry.id, reply="亲,今天发货", tags=["物流", "催发货"])
    lib.variants.add(entry.id, "大促期间48小时内发货", label="大促")
    lib.examples.delete(lib.get(entry.id).examples[0].id)

    preview = lib.entries.restore_preview(entry.id, saved)
    assert [c.name for c in preview.fields] == ["reply", "tags"]
    assert marked(preview.fields[0].after_marked) == "亲,{+明+}天发货"
    assert preview.fields[1].removed == ("催发货",)
    assert {(p.part, p.kind) for p in preview.parts} == {("variants", "removed"), ("examples", "added")}

    restored = lib.entries.restore_version(entry.id, saved)
    assert restored.reply == "亲,明天发货" and restored.variants == ()
    assert [x.dialogue for x in restored.examples] == ["客户:几天到\n客服:明天发"]
    assert lib.entries.restore_preview(entry.id, lib.entries.history(entry.id)[0].version).empty


def test_a_damaged_version_is_refused_with_a_message_and_changes_nothing(empty_lib: Library) -> None:
    lib = empty_lib
    entry = lib.create(EntryDraft(reply="第一版"))
    lib.update(entry.id, reply="第二版")
    lib.database.execute(
        "UPDATE entry_versions SET data = ? WHERE entry_id = ? AND version = 1",
        (json.dumps({"reply": "x", "variants": [{"id": "v", "reply": 5}]}), entry.id),
    )
    with pytest.raises(ValidationError) as caught:
        lib.entries.restore_version(entry.id, 1)
    assert "无法恢复" in caught.value.message and "cannot be restored" in caught.value.english
    assert lib.get(entry.id).reply == "第二版" and len(lib.entries.history(entry.id)) == 2


def test_merged_versions_count_each_version_once_in_time_order() -> None:
    a = ("create", "2026-01-01T00:00:00Z", "主管", {"reply": "1"})
    b = ("update", "2026-01-02T00:00:00Z", "主管", {"reply": "2"})
    mine = ("import", "2026-01-03T00:00:00Z", "小王", {"reply": "2"})
    assert merged_versions([mine], [a, b]) == [a, b, mine]
    assert merged_versions([a, b, mine], [a, b]) == [a, b, mine]
    # whole seconds tie: a version copied from the file goes after the library's own of the same second, and what
    # this import wrote stays last
    same = "2026-01-03T00:00:00Z"
    create, first_update = ("create", same, "主管", {"r": 1}), ("import", same, "小王", {"r": 1})
    edit, this_update = ("update", same, "主管", {"r": 2}), ("update", same, "小王", {"r": 2})
    assert merged_versions([create, first_update], [create, edit], [this_update]) == [
        create,
        first_update,
        edit,
        this_update,
    ]


def test_create_many_snapshots_hold_every_part(empty_lib: Library) -> None:
    entries = empty_lib.entries.create_many([EntryDraft(reply=f"回复{i}", tags=["t"]) for i in range(3)])
    data = empty_lib.entries.history(entries[0].id)[0].data
    assert data["reply"] == "回复0" and data["tags"] == ["t"]
    assert {"variants", "examples", "asset_ids", "asset_titles", "shop_name", "category_path"} <= set(data)


def test_create_many_ids_returns_the_new_ids_in_order(empty_lib: Library) -> None:
    """An import asks only for the ids: same rows, versions and index as create_many, no entries read back."""
    ids = empty_lib.entries.create_many_ids(
        [EntryDraft(reply=f"退货回复{i}", code=f"th{i}") for i in range(3)]
    )
    assert [e.code for e in empty_lib.entries.get_many(ids)] == ["th0", "th1", "th2"]
    assert all(empty_lib.entries.history(entry_id)[0].action == "create" for entry_id in ids)
    assert {hit.entry_id for hit in empty_lib.index.search("退货回复")} == set(ids)


def test_create_many_refuses_a_given_id_that_exists(empty_lib: Library) -> None:
    """Only an id given by the caller (a bundle's) is looked up; one that exists refuses the whole batch."""
    empty_lib.entries.create_many([EntryDraft(reply="在的", id="e-1")])
    with pytest.raises(ValidationError, match="已存在"):
        empty_lib.entries.create_many([EntryDraft(reply="新的"), EntryDraft(reply="重复", id="e-1")])
    assert empty_lib.entries.count() == 1
