"""Placeholders in replies (``{客户昵称}``, ``{订单号}`` …): find them, warn about unknown ones, fill them in.

Only names in the placeholder registry — the built-ins below plus the ones a supervisor defines — are placeholders.
Any other text in braces (``{abc}``, ``{ }``, JSON pasted into a reply) is plain text and is copied unchanged, so a
reply can never break because it happens to contain a brace. Doubled braces (``{{客户昵称}}``) are literal too.
Full-width braces typed with a Chinese input method (``｛客户昵称｝``) work like ASCII ones.

Filling is a single pass: a value that itself contains ``{订单号}`` is inserted as it is, never expanded again.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime

from csdesk.core.errors import ValidationError
from csdesk.core.models import PlaceholderDef, RenderResult

__all__ = [
    "BUILTIN_PLACEHOLDERS",
    "default_values",
    "find_placeholders",
    "known_names",
    "render",
    "resolve_today",
    "today_text",
    "unknown_braces",
    "validate_placeholder_name",
]

BUILTIN_PLACEHOLDERS: tuple[PlaceholderDef, ...] = (
    PlaceholderDef("客户昵称", "买家在平台上的昵称", builtin=True),
    PlaceholderDef("订单号", "当前咨询的订单编号", builtin=True),
    PlaceholderDef("快递单号", "运单号,用于查询物流", builtin=True),
    PlaceholderDef("快递公司", "承运的快递公司,如顺丰、中通", builtin=True),
    PlaceholderDef("店铺名", "当前店铺的名称", builtin=True),
    PlaceholderDef("客服名", "客服自己的称呼或工号昵称", builtin=True),
    PlaceholderDef("日期", "某个日期(签收、发货……),复制时填写,可一键填今天", builtin=True),
    PlaceholderDef("今天", "今天的日期(年-月-日),自动填写", builtin=True),
    PlaceholderDef("时间", "现在的时间(时:分)", builtin=True),
    PlaceholderDef("商品名", "买家咨询或购买的商品", builtin=True),
    PlaceholderDef("尺码", "推荐或买家选择的尺码", builtin=True),
    PlaceholderDef("颜色", "买家选择的颜色或款式", builtin=True),
    PlaceholderDef("金额", "退款、补偿或差价的金额", builtin=True),
    PlaceholderDef("发货时间", "预计发货的日期或时段", builtin=True),
)

_MAX_NAME_LENGTH = 20
_OPEN = "{｛"
_CLOSE = "}｝"
# A brace pair with no brace or line break inside, not part of a doubled brace ({{…}} stays literal).
_BRACES = re.compile(r"(?<![{｛])[{｛]([^{}｛｝\r\n]{1,40})[}｝](?![}｝])")
# What a placeholder name looks like: letters (any script), digits, underscores — no spaces, quotes or colons.
_NAME_SHAPE = re.compile(r"\w+")


def known_names(custom: Iterable[PlaceholderDef | str] = ()) -> frozenset[str]:
    """The registry: built-in names plus the supervisor's own (definitions or bare names)."""
    names = {p.name for p in BUILTIN_PLACEHOLDERS}
    names.update(p if isinstance(p, str) else p.name for p in custom)
    return frozenset(names)


def validate_placeholder_name(name: str) -> str:
    """The name stripped, or :class:`ValidationError` when it cannot be a placeholder (for the registry editor)."""
    stripped = name.strip()
    if stripped.startswith(tuple(_OPEN)) and stripped.endswith(tuple(_CLOSE)):
        stripped = stripped[1:-1].strip()
    if not stripped:
        raise ValidationError("占位符名称不能为空", "A placeholder needs a name")
    if len(stripped) > _MAX_NAME_LENGTH:
        raise ValidationError(
            f"占位符名称「{stripped}」太长(最多 {_MAX_NAME_LENGTH} 个字)",
            f"Placeholder name '{stripped}' is too long (at most {_MAX_NAME_LENGTH} characters)",
        )
    if not _NAME_SHAPE.fullmatch(stripped):
        raise ValidationError(
            f"占位符名称「{stripped}」只能包含文字、字母、数字和下划线",
            f"Placeholder name '{stripped}' may only contain letters, digits and underscores",
        )
    return stripped


def _iter_braces(text: str) -> Iterable[tuple[int, int, str]]:
    for match in _BRACES.finditer(text):
        yield match.start(), match.end(), match.group(1).strip()  # { 订单号 } counts too


def find_placeholders(text: str, known: Collection[str]) -> list[tuple[int, int, str]]:
    """(start, end exclusive, name) of every registered placeholder in ``text``, in order."""
    return [(start, end, inner) for start, end, inner in _iter_braces(text) if inner in known]


def unknown_braces(text: str, known: Collection[str]) -> list[str]:
    """Brace texts shaped like a placeholder but not registered (``{订单编号}``), unique, in order — for a warning.

    JSON, spaces and other brace text that could not be meant as a placeholder are not reported.
    """
    found: dict[str, None] = {}
    for _start, _end, inner in _iter_braces(text):
        if inner not in known and _NAME_SHAPE.fullmatch(inner):
            found.setdefault(inner, None)
    return list(found)


def render(text: str, values: Mapping[str, str], known: Collection[str]) -> RenderResult:
    """Fill the registered placeholders of ``text`` from ``values``.

    A placeholder without a non-blank value stays as written (``{订单号}``) and its name is listed in ``missing``.
    ``spans`` marks every placeholder in the output, filled or not.
    """
    pieces: list[str] = []
    spans: list[tuple[int, int, str, bool]] = []
    missing: dict[str, None] = {}
    position = 0  # in text
    length = 0  # of the output so far
    for start, end, name in find_placeholders(text, known):
        before = text[position:start]
        pieces.append(before)
        length += len(before)
        value = values.get(name)
        filled = value is not None and value.strip() != ""
        piece = str(value) if filled else text[start:end]
        if not filled:
            missing.setdefault(name, None)
        pieces.append(piece)
        spans.append((length, length + len(piece), name, filled))
        length += len(piece)
        position = end
    pieces.append(text[position:])
    return RenderResult(text="".join(pieces), missing=tuple(missing), spans=tuple(spans))


TODAY = "今天"
"""The placeholder filled with today's date without asking."""
DATE = "日期"
"""A date the agent gives (签收、发货 …): asked like any value, today offered as a one-key choice."""
TODAY_WORDS = frozenset({"今天", "today", "今日"})
"""Values that mean "today's date" when given for {日期} (``csdesk copy --set 日期=今天``)."""


def today_text(now: datetime) -> str:
    return now.strftime("%Y-%m-%d")


def default_values(shop_name: str, agent_name: str, now: datetime) -> dict[str, str]:
    """Values the app always knows: 店铺名, 客服名, 今天 (YYYY-MM-DD) and 时间 (HH:MM).

    {日期} is not among them: replies use it for other dates too (仓库已经在{日期}签收, 预计在{日期}前发出), so it is
    asked; only {今天} says "today's date".
    """
    return {
        "店铺名": shop_name,
        "客服名": agent_name,
        TODAY: today_text(now),
        "时间": now.strftime("%H:%M"),
    }


def resolve_today(values: Mapping[str, str], now: datetime) -> dict[str, str]:
    """``values`` with {日期} given as 今天/today replaced by today's date (the one-key choice of the CLI)."""
    resolved = dict(values)
    if str(resolved.get(DATE, "")).strip().lower() in TODAY_WORDS:
        resolved[DATE] = today_text(now)
    return resolved
