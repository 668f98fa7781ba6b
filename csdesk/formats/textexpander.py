"""TextExpander snippets: the ``.textexpander`` group file (a property list) and the CSV (abbreviation, content,
label).

Plain and rich text snippets become entries (rich formatting is lost, with a warning); AppleScript, shell and
JavaScript snippets cannot be represented and are listed as warnings. Date macros for today become ``{今天}`` /
``{时间}``; fill-in fields become placeholders; the cursor, clipboard, keys, nested snippets and date math stay in the
text or are removed — always with a warning naming the snippet.
"""

from __future__ import annotations

import plistlib
import re
from pathlib import Path

from csdesk.formats.base import ImportRow, ParsedFile
from csdesk.formats.safety import check_file, read_head, wrong_type
from csdesk.formats.tabular import read_expander_csv

_TEXT_TYPES = {0: "plain", 1: "rich"}
_SCRIPT_TYPES = {2: "AppleScript", 3: "Shell", 5: "JavaScript"}
_FILL = re.compile(r"%fill(?:text|area):(?:name=)?([^%:;]+?)(?::[^%]*)?%")
_DATE = {"%Y-%m-%d": "{今天}", "%H:%M": "{时间}"}
_OTHER = re.compile(r"%(?:clipboard|\||key:[^%]*%|snippet:[^%]*%|fill\w*:[^%]*%|@[^%\s]*|[-+]?\d*[A-Za-z])")


def convert_content(parsed: ParsedFile, text: str, where: dict[str, object]) -> str:
    notes: list[tuple[str, str]] = []
    for macro, placeholder in _DATE.items():
        text = text.replace(macro, placeholder)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        note = f"{match.group(0)} → {{{name}}}"
        notes.append((note, note))
        return "{" + name + "}"

    text = _FILL.sub(fill, text)
    if "%|" in text:
        notes.append(("%|(光标位置,已去掉)", "%| (cursor position, removed)"))
        text = text.replace("%|", "")
    leftover = list(dict.fromkeys(m.group(0) for m in _OTHER.finditer(text)))
    if leftover:
        notes.append(("原样保留:" + "、".join(leftover), "kept as they are: " + ", ".join(leftover)))
    if notes:
        parsed.warn(
            "csdesk 不支持部分 TextExpander 宏:" + ";".join(zh for zh, _en in notes),
            "csdesk does not support some TextExpander macros: " + "; ".join(en for _zh, en in notes),
            **where,
        )
    return text


def read_textexpander_plist(path: Path) -> ParsedFile:
    parsed = ParsedFile("textexpander", path.name)
    check_file(path)
    head = read_head(path, 64)
    if not (head.startswith(b"bplist00") or b"<?xml" in head or b"<plist" in head):
        raise wrong_type(path, "TextExpander 文件(.textexpander)", "a TextExpander file")
    try:
        with path.open("rb") as handle:
            document = plistlib.load(handle)
    except Exception as exc:  # plistlib raises several kinds on damaged input
        parsed.error(
            f"不是有效的 TextExpander 文件:{type(exc).__name__}",
            f"Not a valid TextExpander file: {type(exc).__name__}",
        )
        return parsed
    snippets = document.get("snippetsTE2", document.get("snippets")) if isinstance(document, dict) else None
    if not isinstance(document, dict) or not isinstance(snippets, list):
        parsed.error(
            "不是 TextExpander 的片段文件(没有 snippetsTE2)。",
            "Not a TextExpander snippet file (no snippetsTE2).",
        )
        return parsed
    group = ""
    info = document.get("groupInfo")
    if isinstance(info, dict):
        group = str(info.get("groupName") or "").strip().replace("/", "／")
    parsed.columns = frozenset(
        {"code", "title", "reply", "category"} if group else {"code", "title", "reply"}
    )
    for index, snippet in enumerate(snippets):
        where = f"snippetsTE2[{index}]"
        if not isinstance(snippet, dict):
            parsed.error("应是字典。", "Should be a dictionary.", path=where)
            continue
        kind = snippet.get("snippetType", 0)
        label = str(snippet.get("label") or "").strip()
        if kind in _SCRIPT_TYPES or kind not in _TEXT_TYPES:
            name = label or snippet.get("abbreviation", "")
            parsed.warn(
                f"「{name}」是 {_SCRIPT_TYPES.get(kind, f'类型 {kind}')} 脚本片段,csdesk 无法表示,没有导入。",
                f"'{name}' is a {_SCRIPT_TYPES.get(kind, f'type {kind}')} script snippet; csdesk cannot express it, "
                "so it was not imported.",
                path=where,
            )
            continue
        if kind == 1:
            parsed.warn(
                "富文本片段:只导入了文字,格式会丢失。",
                "A rich-text snippet: only its text was imported; the formatting is lost.",
                path=where,
            )
        reply = convert_content(parsed, str(snippet.get("plainText") or ""), {"path": f"{where}.plainText"})
        fields = {"code": str(snippet.get("abbreviation") or "").strip(), "title": label, "reply": reply}
        if group:
            fields["category"] = group
        parsed.rows.append(ImportRow(fields, path=where))
    return parsed


def read_textexpander_csv(path: Path) -> ParsedFile:
    return read_expander_csv(path, "textexpander-csv", ("abbreviation", "content"), convert_content)
