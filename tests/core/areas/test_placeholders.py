"""lib.placeholders — placeholders and rendering."""

from __future__ import annotations

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_render_fills_defaults_and_reports_missing(empty_lib: Library) -> None:
    empty_lib.shops.add("小馋猫零食铺", "淘宝")
    empty_lib.set_setting("agent_name", "小圆")
    entry = empty_lib.create(
        EntryDraft(
            reply="{客户昵称}您好,我是{店铺名}的{客服名},订单{订单号}已发出 {不是占位符}", shop="小馋猫零食铺"
        )
    )
    result = empty_lib.render(entry, {"客户昵称": "阿花"})
    assert result.text.startswith("阿花您好,我是小馋猫零食铺的测试员,订单{订单号}已发出 {不是占位符}")
    assert result.missing == ("订单号",)
    empty_lib.placeholders.add("会员等级")
    assert "会员等级" in empty_lib.placeholders.names()
    # without an explicit agent, the library setting names the agent
    with Library.open(empty_lib.home) as other:
        assert "小圆" in other.render(entry.id).text
