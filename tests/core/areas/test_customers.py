"""lib.customers — customers: tags, boost, identity across edits."""

from __future__ import annotations

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_customers_and_tag_boost(empty_lib: Library) -> None:
    plain = empty_lib.create(EntryDraft(reply="这款连衣裙有现货,今天下单明天发。", title="现货发货"))
    aimed = empty_lib.create(
        EntryDraft(reply="这款连衣裙有现货,下单还送小样哦。", title="现货加赠", tags=("犹豫型",))
    )
    customer = empty_lib.customers.save(
        "小美", tags=["犹豫型"], notes="身高165 平时穿M", birthday="1995-03-08"
    )
    assert empty_lib.customers.get("小美") == customer
    boosted = empty_lib.search("连衣裙现货", customer_tags=customer.tags)
    assert boosted[0].entry_id == aimed.id
    assert {h.entry_id for h in boosted} == {plain.id, aimed.id}
    with pytest.raises(ValidationError, match="生日"):
        empty_lib.customers.save("小美", birthday="3月8日")
    updated = empty_lib.customers.set_tag(customer.id, "老客户", True)
    assert set(updated.tags) == {"犹豫型", "老客户"}


def test_update_customer_keeps_id(empty_lib: Library) -> None:
    shop = empty_lib.shops.add("女装店")
    customer = empty_lib.customers.save("小美", tags=["犹豫型"])
    renamed = empty_lib.customers.update(customer.id, nickname="小美美", shop=shop.id, notes="穿M")
    assert renamed.id == customer.id and renamed.nickname == "小美美" and renamed.shop_id == shop.id
    assert renamed.tags == ("犹豫型",) and renamed.notes == "穿M"
    other = empty_lib.customers.save("阿花", shop="女装店")
    with pytest.raises(ValidationError, match="已存在"):
        empty_lib.customers.update(other.id, nickname="小美美")
    with pytest.raises(ValidationError, match="生日"):
        empty_lib.customers.update(other.id, birthday="明天")
    assert empty_lib.customers.by_id(other.id).nickname == "阿花"
