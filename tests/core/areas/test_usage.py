"""lib.usage — copy and search logs, masking, popularity."""

from __future__ import annotations

from csdesk.core.library import Change, Library
from csdesk.core.models import EntryDraft


def test_logs_mask_personal_data(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="好的"))
    empty_lib.usage.log_search("13812345678 的订单 123456789012345678 到哪了", hits=0, copied=False)
    empty_lib.log_copy(entry.id, query="单号 SF1234567890123 查一下")
    logged = empty_lib.usage.search_log()[0]["query"]
    assert "13812345678" not in logged and "123456789012345678" not in logged
    usage = empty_lib.database.one("SELECT query FROM usage_log")
    assert usage is not None and "SF1234567890123" not in usage[0]
    assert empty_lib.usage.counts() == {entry.id: 1}


def test_empty_query_lists_most_used(empty_lib: Library) -> None:
    _, b = empty_lib.entries.create_many([EntryDraft(reply="甲"), EntryDraft(reply="乙")])
    for _ in range(3):
        empty_lib.log_copy(b.id)
    assert empty_lib.search("")[0].entry_id == b.id


def test_copies_notify_usage(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="回复"))
    changes: list[Change] = []
    empty_lib.add_listener(changes.append)
    empty_lib.log_copy(entry.id)
    assert Change("usage", (entry.id,)) in changes
