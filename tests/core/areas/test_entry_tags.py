"""lib.entry_tags — managed entry tags (条目标签): counts, create, rename, merge, undo, delete unused."""

from __future__ import annotations

import pytest

from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.library import Change, Library
from csdesk.core.models import EntryDraft


def _lib_with_typos(lib: Library) -> tuple[str, str, str]:
    a = lib.create(EntryDraft(reply="亲,这款现在有优惠", tags=("价格敏感型",))).id
    b = lib.create(EntryDraft(reply="亲,满减活动进行中", tags=("价格敏感",))).id
    c = lib.create(EntryDraft(reply="亲,领券更划算", tags=("价格敏感", "价格敏感型", "优惠"))).id
    return a, b, c


def test_every_path_that_tags_an_entry_registers_the_name_with_counts(empty_lib: Library) -> None:
    lib = empty_lib
    a, b, c = _lib_with_typos(lib)
    lib.entries.add_tags([a], ["新品"])
    lib.update(b, tags=("价格敏感", "尺码"))
    lib.delete(c)
    counts = {t.name: (t.entries, t.trashed) for t in lib.entry_tags.all()}
    assert counts == {
        "价格敏感": (1, 1), "价格敏感型": (1, 1), "优惠": (0, 1), "新品": (1, 0), "尺码": (1, 0),
    }  # fmt: skip
    assert lib.entry_tags.names() == sorted(counts)
    assert lib.entry_tags.info("新品").created_by == "测试员"


def test_a_created_tag_is_listed_unused_and_bad_names_change_nothing(empty_lib: Library) -> None:
    lib = empty_lib
    assert lib.entry_tags.create(" 活动 ") == "活动"
    info = lib.entry_tags.info("活动")
    assert (info.entries, info.unused, info.created_by) == (0, True, "测试员")
    for bad, words in (("", "不能为空"), ("尺码、颜色", "分隔符"), ("a,b", "分隔符"), ("长" * 31, "最长"),
                       ("活动", "已存在")):  # fmt: skip
        with pytest.raises(ValidationError) as caught:
            lib.entry_tags.create(bad)
        assert words in caught.value.message and caught.value.english
    assert lib.entry_tags.names() == ["活动"]


def test_merge_moves_every_entry_in_one_step_records_who_and_undoes_exactly(empty_lib: Library) -> None:
    lib = empty_lib
    a, b, c = _lib_with_typos(lib)
    lib.delete(b)  # a trashed entry follows too, so restoring it brings back the good name
    versions = {e: len(lib.entries.history(e)) for e in (a, b, c)}
    changes: list[Change] = []
    lib.add_listener(changes.append)
    done = lib.entry_tags.merge(["价格敏感"], "价格敏感型")
    assert lib.get(b).tags == ("价格敏感型",)
    assert lib.get(c).tags == ("价格敏感型", "优惠")
    assert "价格敏感" not in lib.entry_tags.names()
    info = lib.entry_tags.info("价格敏感型")
    assert (info.entries, info.trashed, info.updated_by) == (2, 1, "测试员") and info.updated_at
    assert {e: len(lib.entries.history(e)) for e in (a, b, c)} == {a: versions[a], b: versions[b] + 1,
                                                                  c: versions[c] + 1}  # fmt: skip
    assert lib.get(c).updated_by == "测试员"
    assert {h.entry_id for h in lib.search("领券", tags=["价格敏感型"])} == {c}
    assert any(ch.kind == "entries" and set(ch.ids) == {b, c} for ch in changes)
    assert any(ch.kind == "tags" for ch in changes)

    lib.entry_tags.undo_merge(done)
    assert lib.get(b).tags == ("价格敏感",)
    assert set(lib.get(c).tags) == {"价格敏感", "价格敏感型", "优惠"}
    assert lib.get(a).tags == ("价格敏感型",)
    assert {h.entry_id for h in lib.search("领券", tags=["价格敏感"])} == {c}


def test_rename_moves_every_entry_refuses_an_existing_name_and_undoes(empty_lib: Library) -> None:
    lib = empty_lib
    _a, _b, c = _lib_with_typos(lib)
    with pytest.raises(ValidationError) as caught:
        lib.entry_tags.rename("价格敏感", "价格敏感型")
    assert "合并" in caught.value.message and "merge" in caught.value.english
    with pytest.raises(NotFoundError):
        lib.entry_tags.rename("没有这个", "新名")
    with pytest.raises(ValidationError):
        lib.entry_tags.rename("优惠", "优、惠")
    assert lib.get(c).tags == ("价格敏感", "价格敏感型", "优惠")  # nothing changed by the refusals
    done = lib.entry_tags.rename("优惠", "促销")
    assert lib.get(c).tags == ("价格敏感", "价格敏感型", "促销")
    assert "优惠" not in lib.entry_tags.names() and lib.entry_tags.exists("促销")
    lib.entry_tags.undo_merge(done)
    assert lib.get(c).tags == ("价格敏感", "价格敏感型", "优惠")
    assert not lib.entry_tags.exists("促销")


def test_merging_two_sources_on_one_entry_leaves_one_target(empty_lib: Library) -> None:
    lib = empty_lib
    e = lib.create(EntryDraft(reply="回复", tags=("甲", "乙"))).id
    lib.entry_tags.create("丙")
    done = lib.entry_tags.merge(["甲", "乙"], "丙")
    assert lib.get(e).tags == ("丙",)
    lib.entry_tags.undo_merge(done)
    assert set(lib.get(e).tags) == {"甲", "乙"} and lib.entry_tags.exists("丙")
    with pytest.raises(ValidationError):
        lib.entry_tags.merge(["丙"], "丙")


def test_only_an_unused_tag_can_be_deleted_and_restored(empty_lib: Library) -> None:
    lib = empty_lib
    _a, _b, c = _lib_with_typos(lib)
    lib.delete(c)
    with pytest.raises(ValidationError) as caught:
        lib.entry_tags.delete("优惠")  # only on a trashed entry: still refused, the entry could come back
    assert "回收站中 1 个" in caught.value.message and "1 in the trash" in caught.value.english
    lib.entry_tags.create("活动")
    info = lib.entry_tags.info("活动")
    lib.entry_tags.delete("活动")
    assert not lib.entry_tags.exists("活动")
    lib.entry_tags.restore(info)
    assert lib.entry_tags.info("活动") == info


def test_a_customer_tag_rename_takes_the_entry_tag_of_that_name_along(empty_lib: Library) -> None:
    lib = empty_lib
    tag = lib.tags.add("犹豫型")
    lib.create(EntryDraft(reply="亲,现在下单有优惠哦", tags=("犹豫型",)))
    lib.tags.update(tag.id, name="观望型")
    assert lib.entry_tags.names() == ["观望型"]
