"""Beeftext combos: its JSON combo list (``combos`` and ``groups``) and its header-less CSV (keyword, snippet, name).

Beeftext variables csdesk can express become placeholders (``#{date}`` → ``{今天}``, ``#{time}`` → ``{时间}``,
``#{input:称呼}`` → ``{称呼}``); the rest (clipboard, scripts, keys, case changes …) stay in the text and are listed
as warnings, never dropped in silence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from csdesk.formats.base import ImportRow, ParsedFile
from csdesk.formats.safety import check_file, decode_text, expect_text
from csdesk.formats.tabular import read_expander_csv

_VARIABLE = re.compile(r"#\{([^{}]*)\}")


def convert_snippet(parsed: ParsedFile, text: str, where: dict[str, object]) -> str:
    """Beeftext variables → csdesk placeholders where possible; warnings for the rest."""
    unsupported: list[tuple[str, str]] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "date":
            return "{今天}"
        if name == "time":
            return "{时间}"
        if name == "cursor":
            unsupported.append(("#{cursor}(光标位置,已去掉)", "#{cursor} (cursor position, removed)"))
            return ""
        if name.startswith("input:") and name[6:].strip():
            field = name[6:].strip()
            unsupported.append(
                (
                    f"{match.group(0)}(改成了占位符 {{{field}}},复制时手动填写)",
                    f"{match.group(0)} (became the placeholder {{{field}}}, filled in when copying)",
                )
            )
            return "{" + field + "}"
        unsupported.append((match.group(0), f"{match.group(0)} (kept in the reply as it is)"))
        return match.group(0)

    result = _VARIABLE.sub(replace, text)
    if unsupported:
        parsed.warn(
            "csdesk 不支持这些 Beeftext 变量,原样保留在回复里:" + "、".join(zh for zh, _en in unsupported),
            "csdesk does not support these Beeftext variables: " + ", ".join(en for _zh, en in unsupported),
            **where,
        )
    return result


def read_beeftext_json(path: Path) -> ParsedFile:
    parsed = ParsedFile("beeftext", path.name)
    check_file(path)
    data = path.read_bytes()
    expect_text(path, data, "Beeftext 的 JSON 文件", "a Beeftext JSON file")
    text, _ = decode_text(data, path.name)
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        parsed.error(f"不是有效的 JSON:{exc}", f"Not valid JSON: {exc}")
        return parsed
    if not isinstance(document, dict) or not isinstance(document.get("combos"), list):
        parsed.error("不是 Beeftext 的文件(没有 combos 列表)。", "Not a Beeftext file (no combos list).")
        return parsed
    version = document.get("fileFormatVersion", 1)
    groups = {
        str(g.get("uuid")): str(g.get("name") or "").strip()
        for g in document.get("groups") or []
        if isinstance(g, dict)
    }
    parsed.columns = frozenset({"code", "title", "reply", "category"})
    for index, combo in enumerate(document["combos"]):
        where = f"combos[{index}]"
        if not isinstance(combo, dict):
            parsed.error("应是对象。", "Should be an object.", path=where)
            continue
        keyword = (
            combo.get("keyword", combo.get("comboText", ""))
            if isinstance(version, int) and version >= 2
            else combo.get("comboText", combo.get("keyword", ""))
        )
        snippet = combo.get("snippet", combo.get("substitutionText", ""))
        if combo.get("useHtml"):
            parsed.warn(
                "这是富文本(HTML)组合,只导入了文字,格式会丢失。",
                "A rich-text (HTML) combo: only its text was imported; the formatting is lost.",
                path=where,
            )
        reply = convert_snippet(parsed, str(snippet or ""), {"path": f"{where}.snippet"})
        fields = {
            "code": str(keyword or "").strip(),
            "title": str(combo.get("name") or "").strip(),
            "reply": reply,
            "category": groups.get(str(combo.get("group")), "").replace("/", "／"),
            "enabled": bool(combo.get("enabled", True)),
        }
        parsed.rows.append(ImportRow(fields, path=where))
    return parsed


def read_beeftext_csv(path: Path) -> ParsedFile:
    return read_expander_csv(path, "beeftext-csv", ("keyword", "snippet"), convert_snippet)
