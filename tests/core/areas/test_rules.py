"""lib.rules — red-line rules and their shop scope."""

from __future__ import annotations

from csdesk.core.library import Library
from csdesk.core.models import Rule


def test_rules_check_with_shop_scope(empty_lib: Library) -> None:
    shop = empty_lib.shops.add("女装店")
    empty_lib.rules.add(
        Rule(None, "不起球", severity="warn", reason="无法保证", suggestion="不易起球", shop_id=shop.id)
    )
    assert empty_lib.check("这件绝不起球") == [] or all(
        h.text != "不起球" for h in empty_lib.check("这件不起球")
    )
    hits = empty_lib.check("这件不起球", shop="女装店")
    assert any(h.text == "不起球" and h.severity == "warn" for h in hits)
    assert any(h.severity == "block" for h in empty_lib.check("全网最低价"))
    assert empty_lib.check("最近几天发货") == []
