"""Mask personal data in search queries before the search log stores them.

Agents often paste a phone number, an order number or a tracking number into the search box. The log (used to find
高频新问题) must not keep them, so :func:`mask_query` replaces them with a label such as ``[手机号]``. Short numbers
that describe the customer's need — 身高165, 体重110斤, 38码, 2件, 99元 — stay, because they are what the statistics
are about.

The passes run from the most specific pattern to the most general, each on the output of the one before, so a
tracking number is not half-eaten by the phone pattern and an ID card is not taken for an order number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["EMAIL", "ID_CARD", "ORDER", "PHONE", "TRACKING", "mask_query"]

PHONE = "[手机号]"
ORDER = "[订单号]"
TRACKING = "[快递单号]"
ID_CARD = "[证件号]"
EMAIL = "[邮箱]"

# Only what the patterns need: full-width digits, letters and ＠＋－．（）; Chinese punctuation stays as typed.
_FULL_WIDTH = {
    cp: cp - 0xFEE0
    for cp in (
        *range(0xFF10, 0xFF1A),
        *range(0xFF21, 0xFF3B),
        *range(0xFF41, 0xFF5B),
        *map(ord, "＠＋－．（）"),
    )
}

# No ASCII letter or digit right before / after: the match is a whole token, not part of a longer one.
_L = r"(?<![0-9A-Za-z])"
_R = r"(?![0-9A-Za-z])"

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Carrier prefix + digits: SF 顺丰, YT 圆通, ZTO 中通, STO 申通, YD/YUNDA 韵达, JD/JDV 京东, JT 极兔, EMS, DPK 德邦,
# LP 菜鸟.
_TRACKING_PREFIX_RE = re.compile(
    _L + r"(?:SF|YT|ZTO|STO|YD|YUNDA|JDV|JDX|JD|JT|EMS|DPK|LP)[0-9]{8,}" + _R, re.IGNORECASE
)
# 拼多多 orders: YYMMDD-15 digits.
_PDD_ORDER_RE = re.compile(_L + r"[0-9]{6}-[0-9]{15}" + _R)
_ID_CARD_RE = re.compile(_L + r"[0-9]{17}[0-9Xx]" + _R)
# Mobile: 1[3-9]x + 8 digits, spaces or dashes allowed between digits, optional +86 / 86 / 0086.
_MOBILE_RE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])")
# Landline: area code 0xx(x) + 7–8 digits, optional brackets and extension; 400/800 service numbers.
_LANDLINE_RE = re.compile(
    r"(?<![0-9])(?:\(0[0-9]{2,3}\)\s?|0[0-9]{2,3}[\s-]?)[2-9][0-9]{2,3}[\s-]?[0-9]{4}(?:\s?(?:转|ext\.?|-)\s?[0-9]{1,5})?(?![0-9])"
    r"|(?<![0-9])[48]00[\s-]?[0-9]{3}[\s-]?[0-9]{4}(?![0-9])",
    re.IGNORECASE,
)
# A token of 10+ letters and digits with at least 8 digits: EA123456789CN, LP00123456789012 (not iphone15promax).
_ALNUM_TOKEN_RE = re.compile(_L + r"[0-9A-Za-z]{10,}" + _R)
# Long digit runs (淘宝 18–19, 京东 12 …), also written in groups (1234 5678 9012 3456).
_LONG_DIGITS_RE = re.compile(_L + r"[0-9]{10,}" + _R)
_GROUPED_DIGITS_RE = re.compile(_L + r"[0-9]{3,6}(?:[\s-][0-9]{3,6}){2,}" + _R)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _is_id_card(number: str) -> bool:
    """An 18-character 居民身份证号: a plausible birth date and a correct check character."""
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def _id_or_keep(match: re.Match[str]) -> str:
    return ID_CARD if _is_id_card(match.group()) else match.group()


def _tracking_if_mostly_digits(match: re.Match[str]) -> str:
    token = match.group()
    digits = sum(ch.isdigit() for ch in token)
    if token.isdigit() or digits < 8:
        return token  # pure digits: an order number (next pass); few digits: a model name or a word
    return TRACKING


def _grouped_if_long(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group())
    return ORDER if digits >= 10 else match.group()


_PASSES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_EMAIL_RE, EMAIL),
    (_TRACKING_PREFIX_RE, TRACKING),
    (_PDD_ORDER_RE, ORDER),
    (_ID_CARD_RE, _id_or_keep),
    (_MOBILE_RE, PHONE),
    (_LANDLINE_RE, PHONE),
    (_ALNUM_TOKEN_RE, _tracking_if_mostly_digits),
    (_LONG_DIGITS_RE, ORDER),
    (_GROUPED_DIGITS_RE, _grouped_if_long),
)


def mask_query(text: str) -> str:
    """``text`` with phone, order, tracking and ID-card numbers and e-mail addresses replaced by labels.

    Full-width letters and digits are made half-width first (an input method may type ``１３８…``).
    """
    masked = text.translate(_FULL_WIDTH)
    for pattern, replacement in _PASSES:
        masked = pattern.sub(replacement, masked)
    return masked
