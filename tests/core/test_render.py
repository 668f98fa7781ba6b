"""Placeholders: only registered names are placeholders, everything else in braces is literal text."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.models import PlaceholderDef
from csdesk.core.render import (
    BUILTIN_PLACEHOLDERS,
    default_values,
    find_placeholders,
    known_names,
    render,
    unknown_braces,
    validate_placeholder_name,
)

KNOWN = known_names([PlaceholderDef("活动名", "本月活动"), "赠品"])


def test_builtin_registry() -> None:
    names = [p.name for p in BUILTIN_PLACEHOLDERS]
    for name in (
        "客户昵称",
        "订单号",
        "快递单号",
        "快递公司",
        "店铺名",
        "客服名",
        "日期",
        "时间",
        "商品名",
        "尺码",
    ):
        assert name in names
    assert len(names) == len(set(names))
    assert all(p.builtin and p.description for p in BUILTIN_PLACEHOLDERS)
    assert {"活动名", "赠品", "客户昵称"} <= KNOWN


def test_find_placeholders_only_known() -> None:
    text = "{客户昵称}您好,订单{订单号}已发出,{abc}与{ }不是占位符,赠品{赠品}"
    found = find_placeholders(text, KNOWN)
    assert [name for _s, _e, name in found] == ["客户昵称", "订单号", "赠品"]
    for start, end, name in found:
        assert text[start:end] == "{" + name + "}"


def test_find_placeholders_full_width_and_spaces() -> None:
    text = "亲｛客户昵称｝,单号{ 订单号 }"
    assert find_placeholders(text, KNOWN) == [(1, 7, "客户昵称"), (text.index("{ "), len(text), "订单号")]


def test_doubled_braces_and_json_are_literal() -> None:
    text = '{{客户昵称}} {"订单号": "123"} {订单号}}'
    assert find_placeholders(text, KNOWN) == []
    assert render(text, {"客户昵称": "小王", "订单号": "1"}, KNOWN).text == text


def test_unknown_braces() -> None:
    text = '{订单编号}和{abc}、{订单编号}、{ }、{"a": 1}、{客户昵称}、{客服 名}'
    assert unknown_braces(text, KNOWN) == ["订单编号", "abc"]
    assert unknown_braces("没有花括号", KNOWN) == []


def test_render_fills_values() -> None:
    result = render("{客户昵称}您好,我是{客服名}~", {"客户昵称": "小王", "客服名": "阿青"}, KNOWN)
    assert result.text == "小王您好,我是阿青~"
    assert result.missing == ()
    assert result.spans == ((0, 2, "客户昵称", True), (7, 9, "客服名", True))


def test_render_missing_in_order_unique_and_kept_in_text() -> None:
    text = "{订单号}的快递是{快递公司}{快递单号},再确认下{订单号},{客户昵称}"
    result = render(text, {"快递公司": "顺丰", "客户昵称": "  ", "快递单号": ""}, KNOWN)
    assert result.text == "{订单号}的快递是顺丰{快递单号},再确认下{订单号},{客户昵称}"
    assert result.missing == ("订单号", "快递单号", "客户昵称")
    for start, end, name, filled in result.spans:
        piece = result.text[start:end]
        assert piece == ("顺丰" if filled else "{" + name + "}")
    assert [s[3] for s in result.spans] == [False, True, False, False, False]


def test_render_value_with_braces_is_not_expanded() -> None:
    values = {"客户昵称": "{订单号}{小}", "订单号": "123"}
    result = render("{客户昵称}的订单{订单号}", values, KNOWN)
    assert result.text == "{订单号}{小}的订单123"
    assert result.spans == ((0, 8, "客户昵称", True), (11, 14, "订单号", True))
    assert result.missing == ()


def test_render_literal_braces_and_unknown_names_untouched() -> None:
    text = "尺码表{见图}:{S:160/84A} {abc} {客户昵称"
    result = render(text, {"abc": "x", "客户昵称": "小王"}, KNOWN)
    assert result.text == text
    assert result.spans == ()
    assert result.missing == ()


def test_render_offsets_with_emoji() -> None:
    result = render("🎉😊{客户昵称}👍{赠品}", {"客户昵称": "王🐱"}, KNOWN)
    assert result.text == "🎉😊王🐱👍{赠品}"
    assert result.spans == ((2, 4, "客户昵称", True), (5, 9, "赠品", False))
    assert result.missing == ("赠品",)


def test_render_unregistered_when_known_empty() -> None:
    assert render("{客户昵称}", {"客户昵称": "x"}, ()).text == "{客户昵称}"


def test_default_values() -> None:
    values = default_values("小熊童装", "阿青", datetime(2024, 3, 5, 9, 7))
    assert values == {"店铺名": "小熊童装", "客服名": "阿青", "今天": "2024-03-05", "时间": "09:07"}
    result = render("{店铺名}{客服名}为您服务,今天是{今天} {时间}", values, KNOWN)
    assert result.text == "小熊童装阿青为您服务,今天是2024-03-05 09:07"


def test_a_date_is_asked_and_today_is_a_one_word_choice() -> None:
    """{日期} also means other dates (仓库已经在{日期}签收): never filled with today unasked; {今天} is."""
    from csdesk.core.render import resolve_today

    now = datetime(2024, 3, 5, 9, 7)
    values = default_values("小熊童装", "阿青", now)
    result = render("仓库已经在{日期}签收,今天是{今天}", values, KNOWN)
    assert result.missing == ("日期",) and "2024-03-05" in result.text
    for word in ("今天", "today", " TODAY "):
        assert resolve_today({"日期": word}, now) == {"日期": "2024-03-05"}
    assert resolve_today({"日期": "3月1日"}, now) == {"日期": "3月1日"}


def test_validate_placeholder_name() -> None:
    assert validate_placeholder_name(" 活动名 ") == "活动名"
    assert validate_placeholder_name("{赠品}") == "赠品"
    for bad in ("", "  ", "客服 名", "a:b", "名" * 30, "{}"):
        with pytest.raises(ValidationError):
            validate_placeholder_name(bad)


def test_editor_name_and_agent_name_are_two_settings(tmp_path: Path) -> None:
    """The name a supervisor gives for change records never becomes {客服名}, nor the agent in the usage log."""
    from csdesk.core.library import Library
    from csdesk.core.models import EntryDraft

    with Library.open(tmp_path / "home", demo=False) as lib:
        lib.set_setting("editor_name", "主管-林")
        entry = lib.create(EntryDraft(reply="您好,我是{客服名}", code="hi"))
        assert entry.created_by == "主管-林"
        assert lib.render(entry).missing == ("客服名",)
        lib.set_setting("agent_name", "小美")
        assert lib.render(entry).text == "您好,我是小美"
        lib.log_copy(entry.id)
        assert lib.database.one("SELECT agent FROM usage_log")["agent"] == "小美"
        lib.update(entry.id, reply="您好")
        assert lib.get(entry.id).updated_by == "主管-林"
