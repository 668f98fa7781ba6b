"""lib.categories — categories: paths, moves, merges, renames."""

from __future__ import annotations

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_categories_move_merge_rename(empty_lib: Library) -> None:
    pre = empty_lib.categories.ensure(None, "售前")
    size = empty_lib.categories.ensure(None, "售前/尺码")
    after = empty_lib.categories.ensure(None, "售后")
    assert pre and size and after
    entry = empty_lib.create(EntryDraft(reply="尺码表请看详情页", category=size))
    empty_lib.categories.move(size, after)
    assert empty_lib.get(entry.id).category_path == "售后/尺码"
    assert [h.entry_id for h in empty_lib.search("尺码", category=after)] == [entry.id]
    assert empty_lib.search("尺码", category=pre) == []
    with pytest.raises(ValidationError):
        empty_lib.categories.move(after, size)  # under its own child
    empty_lib.categories.rename(size, "码数")
    assert empty_lib.get(entry.id).category_path == "售后/码数"
    empty_lib.categories.merge(after, pre)
    assert empty_lib.get(entry.id).category_path == "售前/码数"
    with pytest.raises(ValidationError):
        empty_lib.categories.delete(pre)  # not empty
