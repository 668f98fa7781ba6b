"""lib.variants — variants aimed at customer tags."""

from __future__ import annotations

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_variant_aimed_at_customer_tag(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="这款可以放心拍。", title="放心拍"))
    variant = empty_lib.variants.add(
        entry.id, "这款可以放心拍,下单送试吃装。", label="犹豫型", target_tag="犹豫型"
    )
    hit = empty_lib.search("放心拍", customer_tags=["犹豫型"])[0]
    assert hit.variant_id == variant.id
    assert empty_lib.render(entry, variant_id=variant.id).text.endswith("试吃装。")
    assert empty_lib.search("放心拍")[0].variant_id is None
