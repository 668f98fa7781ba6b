"""Chat records in each accepted shape: customers' questions grouped, agents' replies as drafts, the library's answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.insight.chats import AGENT_NAMES_SETTING, analyse_chats, read_chat_file
from csdesk.core.library import Library

TEXT = """2026-05-04 10:00:01 tb_小美: 亲，发新疆吗？
2026-05-04 10:00:30 甲店:阿珍: 亲，新疆可以发的，需补运费 15 元哦
2026-05-04 10:01:00 tb_小美: 好的
订单号 123456789012345678 帮我备注一下
2026-05-04 11:00:00 大白兔: 新疆能发吗
2026-05-04 11:00:20 阿珍: 亲，新疆可以发的，需补运费 15 元哦
2026-05-04 11:02:00 大白兔: 会不会起球
2026-05-04 11:02:40 阿珍: 不会起球的亲，面料是精梳棉
2026-05-04 12:00:00 路人甲: 这个会起球吗
2026-05-04 12:00:00 路人甲: [表情]
"""

HEADER_STYLE = """tb_小美 2026-05-05 09:00:00
亲，新疆包邮吗

甲店:阿珍 2026-05-05 09:00:40
新疆不包邮的亲，补 15 元运费
"""


def test_plain_text_lines_and_continuations(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(TEXT, encoding="utf-8")
    messages = read_chat_file(path)
    assert len(messages) == 9
    assert messages[0].speaker == "tb_小美" and messages[0].text == "亲，发新疆吗？"
    assert messages[2].text == "好的\n订单号 123456789012345678 帮我备注一下"


def test_header_style_and_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "qianniu.txt"
    path.write_bytes(HEADER_STYLE.encode("gb18030"))
    messages = read_chat_file(path)
    assert [(m.speaker, m.text) for m in messages] == [
        ("tb_小美", "亲，新疆包邮吗"),
        ("甲店:阿珍", "新疆不包邮的亲，补 15 元运费"),
    ]


def test_csv_and_xlsx_with_a_role_column(tmp_path: Path, week_lib: Library) -> None:
    rows = [
        ["时间", "发送人", "内容", "角色"],
        ["2026-05-04 10:00", "小王", "发新疆吗", "顾客"],
        ["2026-05-04 10:01", "小李", "可以发，补 15 元", "客服"],
        ["2026-05-04 10:02", "小张", "新疆能发吗？", "顾客"],
        ["2026-05-04 10:03", "小李", "可以发，补 15 元", "客服"],
    ]
    csv_path = tmp_path / "chat.csv"
    csv_path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8-sig")
    book = Workbook()
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    xlsx_path = tmp_path / "chat.xlsx"
    book.save(xlsx_path)
    for path in (csv_path, xlsx_path):
        result = analyse_chats(week_lib, [path])
        assert (result.customer_messages, result.agent_messages) == (2, 2)
        assert result.agents == ["小李"]
        group = result.groups[0]
        assert group.count == 2 and group.replies == [("可以发，补 15 元", 2)]


def test_analysis_groups_counts_and_drafts(tmp_path: Path, week_lib: Library) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(HEADER_STYLE, encoding="utf-8")
    week_lib.set_setting(AGENT_NAMES_SETTING, ["阿珍"])
    result = analyse_chats(week_lib, [tmp_path / "a.txt", tmp_path / "b.txt"])
    assert result.files == 2 and result.messages == 11
    assert result.customers == 3  # tb_小美, 大白兔, 路人甲
    assert result.agents == ["甲店:阿珍", "阿珍"]
    labels = {g.label: g for g in result.groups}
    xinjiang = labels["亲，发新疆吗？"]
    assert xinjiang.count == 3
    assert xinjiang.replies[0] == ("亲，新疆可以发的，需补运费 15 元哦", 2)
    pilling = next(g for g in result.groups if "会不会起球" in dict(g.wordings))
    assert pilling.count == 2 and pilling.replies == [("不会起球的亲，面料是精梳棉", 1)]
    dumped = str(result.as_dict())
    assert "123456789012345678" not in dumped and "tb_小美" not in dumped and "大白兔" not in dumped


def test_the_library_answer_for_a_question(tmp_path: Path, week_lib: Library) -> None:
    (tmp_path / "a.txt").write_text(
        "2026-05-04 10:00:00 顾客甲: 面料材质?\n2026-05-04 10:01:00 顾客乙: 面料材质是什么\n",
        encoding="utf-8",
    )
    group = analyse_chats(week_lib, [tmp_path / "a.txt"]).groups[0]
    assert group.suggestion is not None and group.suggestion.title == "面料材质" and group.suggestion.answers


def test_bad_files_say_what_is_accepted(tmp_path: Path, week_lib: Library) -> None:
    with pytest.raises(CsdeskError) as missing:
        read_chat_file(tmp_path / "none.txt")
    assert "none.txt" in missing.value.message and "none.txt" in missing.value.english
    (tmp_path / "notes.txt").write_text("今天天气不错\n没有时间也没有名字\n", encoding="utf-8")
    with pytest.raises(ValidationError) as shapeless:
        analyse_chats(week_lib, [tmp_path / "notes.txt"])
    assert "时间 名字: 内容" in shapeless.value.message and "time name: text" in shapeless.value.english
    (tmp_path / "cols.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValidationError) as columns:
        read_chat_file(tmp_path / "cols.csv")
    assert "发送人" in columns.value.message and "speaker" in columns.value.english
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError) as broken:
        read_chat_file(tmp_path / "broken.xlsx")
    assert "Excel" in broken.value.message and "Excel" in broken.value.english
