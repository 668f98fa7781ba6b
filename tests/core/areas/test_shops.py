"""lib.shops — shops."""

from __future__ import annotations

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_delete_shop_refuses_while_it_holds_entries(empty_lib: Library) -> None:
    """Deleting a shop never destroys entries outside the trash: live or trashed entries block it."""
    empty_lib.shops.add("临时店")
    entry = empty_lib.create(EntryDraft(reply="店里的发货规则", shop="临时店", category="售后/发货"))
    with pytest.raises(ValidationError, match="1 个条目"):
        empty_lib.shops.delete("临时店")
    empty_lib.delete(entry.id)
    with pytest.raises(ValidationError, match="回收站"):
        empty_lib.shops.delete("临时店")
    assert empty_lib.get(entry.id).shop_name == "临时店"
    empty_lib.entries.purge([entry.id])
    empty_lib.shops.delete("临时店")
    assert "临时店" not in [s.name for s in empty_lib.shops.all()]
    assert empty_lib.search("发货规则") == []
    with pytest.raises(ValidationError):
        empty_lib.shops.delete("通用")
