"""Repeated shortcut codes in snippet tools' files: one entry with variants, never a refused file.

In Espanso a trigger that appears twice is normal (typing it offers a choice between the replies); 千牛 and
TextExpander files exported from several groups or merged by hand repeat codes too. csdesk keeps one entry per code
in a shop, so :func:`fold_repeated_codes` turns the rows sharing a code into one row (the first) whose other replies
become its variants (the agent picks one when copying, as Espanso would offer), and says so in one warning that lists
the codes. A repeated row with the very same reply adds nothing and is dropped; one with no reply is left out with a
note. The entry table and bundles are not folded: there a repeated code is a mistake the user should see.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from csdesk.formats.base import ImportRow, ParsedFile, first_line

FOLDED_FORMATS = frozenset(
    {"espanso", "qianniu-csv", "qianniu-xlsx", "textexpander", "textexpander-csv", "beeftext", "beeftext-csv"}
)
"""Formats of snippet tools, where a repeated code is an offered choice (or an accident of export), not an error."""

LISTED = 30
"""How many repeated codes the warning names before it says how many more there are."""

_TOOL_NAMES = {
    "espanso": "Espanso",
    "qianniu": "千牛",
    "textexpander": "TextExpander",
    "beeftext": "Beeftext",
}
_TOOL_NAMES_EN = {"qianniu": "Qianniu"}


def fold_repeated_codes(parsed: ParsedFile) -> int:
    """Fold rows of ``parsed`` that share a shortcut code (case-insensitive, within one shop) into the first such
    row, the others' replies becoming its variants; returns how many rows were folded away."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, row in enumerate(parsed.rows):
        code = str(row.fields.get("code") or "").strip().lower()
        if code:
            shop = str(row.fields.get("shop") or "").strip()
            groups.setdefault((shop, code), []).append(index)
    repeated = [indexes for indexes in groups.values() if len(indexes) > 1]
    if not repeated:
        return 0
    folded: set[int] = set()
    listed: list[tuple[str, int]] = []
    empty: list[ImportRow] = []
    for indexes in repeated:
        first = parsed.rows[indexes[0]]
        reply = str(first.fields.get("reply") or "")
        seen = {reply.strip()}
        variants: list[dict[str, Any]] = list(first.variants or [])
        for index in indexes[1:]:
            other = parsed.rows[index]
            folded.add(index)
            text = str(other.fields.get("reply") or "")
            if not text.strip():
                empty.append(other)
                continue
            if text.strip() in seen:
                continue
            seen.add(text.strip())
            title = str(other.fields.get("title") or "").strip()
            label = (
                title
                if title and title != str(first.fields.get("title") or "").strip()
                else first_line(text, 16)
            )
            variants.append({"label": label, "reply": text})
        if variants:
            first.variants = variants
        listed.append((str(first.fields.get("code") or "").strip(), len(indexes)))
    parsed.rows = [row for index, row in enumerate(parsed.rows) if index not in folded]
    _warn(parsed, listed, empty)
    return len(folded)


def _where(row: ImportRow, english: bool) -> str:
    if row.row is None:
        return row.path
    return f"row {row.row}" if english else f"第 {row.row} 行"


def _names(listed: Iterable[tuple[str, int]], english: bool) -> str:
    items = list(listed)
    shown = [f"{code} ({n} times)" if english else f"{code}({n} 次)" for code, n in items[:LISTED]]
    text = (", " if english else "、").join(shown)
    if len(items) > LISTED:
        rest = len(items) - LISTED
        text += f" … and {rest} more" if english else f"……另有 {rest} 个"
    return text


def _warn(parsed: ParsedFile, listed: list[tuple[str, int]], empty: list[ImportRow]) -> None:
    family = parsed.format.split("-")[0]
    tool = _TOOL_NAMES.get(family, family)
    tool_en = _TOOL_NAMES_EN.get(family, tool)
    parsed.warn(
        f"{len(listed)} 个快捷编码在文件里出现了不止一次({tool} 里同一编码可以有几种回复):每个编码导入为一个条目,"
        f"其余回复成为它的变体,复制时可以选择;内容完全相同的重复已略去。重复的编码:{_names(listed, False)}",
        f"{len(listed)} shortcut codes appear more than once in the file ({tool_en} allows several replies for one "
        "code): each code became one entry whose other replies are its variants, to choose from when copying; exact "
        f"repeats were dropped. Repeated codes: {_names(listed, True)}",
    )
    if empty:
        more = len(empty) - LISTED
        shown = "、".join(_where(r, False) for r in empty[:LISTED]) + (
            f"……另有 {more} 处" if more > 0 else ""
        )
        shown_en = ", ".join(_where(r, True) for r in empty[:LISTED]) + (
            f" … and {more} more" if more > 0 else ""
        )
        parsed.warn(
            f"{len(empty)} 处重复的编码没有回复内容,没有导入:{shown}",
            f"{len(empty)} repeats of a code have no reply and were not imported: {shown_en}",
        )
