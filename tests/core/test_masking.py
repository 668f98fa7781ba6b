"""Search-log masking: personal numbers become labels, short numbers that describe the need stay."""

from __future__ import annotations

import pytest

from csdesk.core.masking import mask_query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # mobile phones
        ("13812345678", "[手机号]"),
        ("电话13812345678退款", "电话[手机号]退款"),
        ("+86 138 1234 5678", "[手机号]"),
        ("+86-13812345678", "[手机号]"),
        ("8613812345678", "[手机号]"),
        ("138-1234-5678改地址", "[手机号]改地址"),
        ("１３８１２３４５６７８", "[手机号]"),
        # landlines
        ("010-62345678", "[手机号]"),
        ("(0571)88886666", "[手机号]"),
        ("0755 2345 6789转123 打不通", "[手机号] 打不通"),
        # order numbers
        ("订单3612345678901234567查物流", "订单[订单号]查物流"),
        ("单号123456789012345678", "单号[订单号]"),  # 18 digits, not a valid ID number
        ("京东301234567890", "京东[订单号]"),
        ("拼多多240101-123456789012345退款", "拼多多[订单号]退款"),
        ("1234567890", "[订单号]"),
        # tracking numbers
        ("SF1234567890123到哪了", "[快递单号]到哪了"),
        ("yt1234567890123", "[快递单号]"),
        ("JT0001234567890 ZTO78901234567", "[快递单号] [快递单号]"),
        ("EA123456789CN", "[快递单号]"),
        # ID cards and e-mail
        ("身份证11010519491231002X", "身份证[证件号]"),
        ("11010519491231002x", "[证件号]"),
        ("发票发到abc.d-e@qq.com谢谢", "发票发到[邮箱]谢谢"),
        ("123456789@qq.com", "[邮箱]"),
        # mixed
        ("13812345678 订单3612345678901234567", "[手机号] 订单[订单号]"),
    ],
)
def test_masks_personal_data(query: str, expected: str) -> None:
    assert mask_query(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "身高165体重110斤穿什么码",
        "38码偏大吗",
        "买2件包邮吗",
        "165/84A",
        "iphone15promax手机壳",
        "XL2024新款",
        "2024-05-01发货",
        "价格1299.00",
        "12:30前下单",
        "宝宝3岁90cm",
        "退款99元",
        "身高165 体重110 38码",
        "尺码表",
        "",
    ],
)
def test_keeps_short_numbers_and_plain_text(query: str) -> None:
    assert mask_query(query) == query


def test_chinese_punctuation_kept() -> None:
    assert mask_query("亲，13812345678，能改吗？") == "亲，[手机号]，能改吗？"
