"""lib.tags — customer tags."""

from __future__ import annotations

from csdesk.core.library import Change, Library
from csdesk.core.models import EntryDraft


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
