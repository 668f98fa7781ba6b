"""Folding and pinyin: the keys that make 尺碼, ＡＢＣ and ``cm`` find what agents mean."""

from __future__ import annotations

import pytest

from csdesk.core import phonetic
from csdesk.core.textnorm import fold, is_han, runs


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＡＢＣ１２３", "abc123"),
        ("XL碼", "xl码"),
        ("尺碼偏大", "尺码偏大"),
        ("退貨運費", "退货运费"),
        ("你好　亲", "你好 亲"),
        ("①号", "1号"),
        ("ｶ", "カ"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize("raw", ["ß", "İstanbul", "㈱会社", "ﬁne", "😀尺碼", ""])
def test_fold_keeps_length(raw: str) -> None:
    assert len(fold(raw)) == len(raw)


def test_runs() -> None:
    text = fold("尺码ＸＬ,165cm 穿")
    assert [(k, text[s:e]) for k, s, e in runs(text)] == [
        ("han", "尺码"),
        ("word", "xl"),
        ("word", "165cm"),
        ("han", "穿"),
    ]


def test_is_han() -> None:
    assert is_han("码") and is_han("〇") and not is_han("a") and not is_han("，")


def test_readings_polyphones() -> None:
    assert phonetic.readings("重")[:2] == ("zhong", "chong")
    assert set(phonetic.readings("长")) >= {"chang", "zhang"}
    assert phonetic.readings("绿")[0] == "lv"
    assert phonetic.readings("a") == ()


def test_full_pinyin_and_initials() -> None:
    assert phonetic.full_pinyin("尺码") == "chima"
    assert phonetic.initials("尺码偏大") == "cmpd"
    assert phonetic.initials("XL码") == "XLm"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("chima", (("chi", "ma"), "")),
        ("chim", (("chi",), "m")),
        ("xianggang", (("xiang", "gang"), "")),
        ("zh", ((), "zh")),
        ("cm", None),
        ("abc1", None),
    ],
)
def test_split_pinyin(typed: str, expected: tuple[tuple[str, ...], str] | None) -> None:
    assert phonetic.split_pinyin(typed) == expected
