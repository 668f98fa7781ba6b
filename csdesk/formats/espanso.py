"""Espanso match files and packages (YAML).

A match file has ``matches:`` with ``trigger``/``triggers`` (or ``regex``), ``replace`` (or ``form``, ``html``,
``markdown``, ``image_path``), ``label`` and ``vars``; a package is a folder or ZIP with ``_manifest.yml``,
``package.yml`` and maybe more match files. A trigger's leading ``:`` is the Espanso habit, not part of the code.

What csdesk expresses: echo variables (their text), dates for today (``{今天}``/``{时间}``), form fields (as
placeholders the agent fills in). What it cannot — shell/script/clipboard variables, regex triggers, date offsets,
choice lists, images, the ``$|$`` cursor — is reported as a warning with the file and match, and the text keeps
``{{name}}`` so nothing disappears silently.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from csdesk.core.errors import CsdeskError, Problem
from csdesk.core.leftovers import write_atomic
from csdesk.formats.base import ExportOptions, ExportReport, ImportRow, ParsedFile, problem
from csdesk.formats.safety import (
    MAX_TABLE_BYTES,
    check_file,
    decode_text,
    expect_text,
    open_zip,
    read_member,
)
from csdesk.formats.table import selected_entries

if TYPE_CHECKING:
    from csdesk.core.library import Library

_VAR = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")
_FORM_FIELD = re.compile(r"\[\[\s*([\w.-]+)\s*\]\]")
_DATE_FORMATS = {"%Y-%m-%d": "{今天}", "%Y/%m/%d": "{今天}", "%H:%M": "{时间}", "%H:%M:%S": "{时间}"}
_IGNORED_FILES = {"_manifest.yml", "_manifest.yaml"}
_MAX_FILES = 500
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: ten times faster on a 31,000-trigger package, and as safe."""


def read_espanso(path: Path) -> ParsedFile:
    parsed = ParsedFile("espanso", path.name)
    sources: list[tuple[str, bytes]] = []
    if path.is_dir():
        total = 0
        for file in sorted(path.rglob("*")):
            if file.is_symlink():
                parsed.warn("跳过了符号链接。", "Skipped a symbolic link.", path=str(file.relative_to(path)))
                continue
            if (
                file.suffix.lower() in (".yml", ".yaml")
                and file.is_file()
                and file.name not in _IGNORED_FILES
            ):
                total += check_file(file)
                if total > MAX_TABLE_BYTES or len(sources) >= _MAX_FILES:
                    raise CsdeskError(
                        "Espanso 包太大,不像是话术包。",
                        "The Espanso package is too large to be a set of replies.",
                    )
                sources.append((file.relative_to(path).as_posix(), file.read_bytes()))
    elif path.suffix.lower() == ".zip":
        check_file(path)
        with open_zip(path, expected_zh="Espanso 包(.zip)", expected_en="an Espanso package (.zip)",
                      max_expanded=MAX_TABLE_BYTES) as archive:  # fmt: skip
            for info in archive.infolist():
                name = info.filename
                if (
                    name.lower().endswith((".yml", ".yaml"))
                    and PurePosixPath(name).name not in _IGNORED_FILES
                ):
                    sources.append((name, read_member(archive, info, path.name)))
    else:
        check_file(path)
        sources.append((path.name, path.read_bytes()))
    if not sources:
        parsed.error("没有找到 Espanso 匹配文件(.yml)。", "No Espanso match file (.yml) was found.")
        return parsed
    parsed.columns = frozenset({"code", "title", "reply"} | ({"category"} if len(sources) > 1 else set()))
    for name, data in sources:
        _read_source(parsed, path, name, data, category=len(sources) > 1)
    return parsed


def _read_source(parsed: ParsedFile, root: Path, name: str, data: bytes, *, category: bool) -> None:
    expect_text(root, data, "Espanso 的 YAML 文件", "an Espanso YAML file")
    text, _ = decode_text(data, name)
    try:
        document = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"(第 {mark.line + 1} 行)" if mark is not None else ""
        where_en = f" on line {mark.line + 1}" if mark is not None else ""
        detail = getattr(exc, "problem", exc)
        parsed.error(f"YAML 格式有误{where}:{detail}", f"Broken YAML{where_en}: {detail}", path=name)
        return
    if document is None:
        return
    if not isinstance(document, dict):
        parsed.error(
            "顶层应是键值(matches: …)。", "The top level should be a mapping (matches: …).", path=name
        )
        return
    if document.get("imports"):
        parsed.warn(
            "文件里的 imports 不会被跟随导入,请把那些文件也一起导入。",
            "The files named under imports are not followed; import them too.",
            path=f"{name}:imports",
        )
    global_vars = {v.get("name"): v for v in document.get("global_vars") or [] if isinstance(v, dict)}
    matches = document.get("matches") or []
    if not isinstance(matches, list):
        parsed.error("matches 应是列表。", "matches should be a list.", path=f"{name}:matches")
        return
    stem = PurePosixPath(name).stem
    group = "" if not category or stem in ("base", "package", "default") else stem.replace("/", "／")
    for index, match in enumerate(matches):
        where = f"{name}:matches[{index}]"
        if not isinstance(match, dict):
            parsed.error("应是键值。", "Should be a mapping.", path=where)
            continue
        row = _match_row(parsed, match, where, global_vars)
        if row is not None:
            if group:
                row.fields["category"] = group
            parsed.rows.append(row)


_LOSSY_OPTIONS = {
    "propagate_case": (
        "propagate_case(按触发词大小写改写回复)",
        "propagate_case (reply follows the trigger's case)",
    ),
    "uppercase_style": ("uppercase_style(大写方式)", "uppercase_style (how to capitalise)"),
    "word": ("word(只在整词处触发)", "word (trigger on whole words only)"),
    "left_word": ("left_word(只在词首触发)", "left_word (trigger at the start of a word)"),
    "right_word": ("right_word(只在词尾触发)", "right_word (trigger at the end of a word)"),
    "paragraph": ("paragraph(按段落插入)", "paragraph (insert as a paragraph)"),
    "force_clipboard": (
        "force_clipboard(强制用剪贴板粘贴)",
        "force_clipboard (always paste via the clipboard)",
    ),
    "force_mode": ("force_mode(指定插入方式)", "force_mode (fixed insertion method)"),
    "passive_only": ("passive_only(只被动触发)", "passive_only (passive trigger only)"),
    "search_terms": ("search_terms(搜索关键词)", "search_terms (search keywords)"),
}


def _scalar(value: object) -> bool:
    """Text, a number or a true/false: what a YAML scalar reads as (a list or a mapping is not)."""
    return isinstance(value, str | int | float | bool)


def _match_row(
    parsed: ParsedFile, match: dict[str, Any], where: str, global_vars: dict[Any, Any]
) -> ImportRow | None:
    triggers = match.get("triggers") or ([match["trigger"]] if match.get("trigger") else [])
    if not isinstance(triggers, list):
        triggers = [triggers]
    if any(not _scalar(t) for t in triggers):
        parsed.error(
            "trigger/triggers 应是文字(或文字列表),这里是别的结构。",
            "trigger/triggers should be text (or a list of texts), but is something else.",
            path=where,
        )
        return None
    triggers = [str(t) for t in triggers]
    for key in ("label", *(k for k in ("replace", "form", "markdown", "html") if k in match)):
        if match.get(key) is not None and not _scalar(match[key]):
            is_list = isinstance(match[key], list)
            parsed.error(
                f"{key} 应是文字,这里是{'列表' if is_list else '键值'}。",
                f"{key} should be text, but is {'a list' if is_list else 'a mapping'}.",
                path=where,
            )
            return None
    lossy = [texts for key, texts in _LOSSY_OPTIONS.items() if match.get(key)]
    if lossy:
        parsed.warn(
            "csdesk 无法表示这些 Espanso 选项,已忽略:" + "、".join(zh for zh, _en in lossy),
            "csdesk cannot express these Espanso options; they were ignored: "
            + ", ".join(en for _zh, en in lossy),
            path=where,
        )
    if match.get("regex"):
        parsed.warn(
            f"正则触发词「{match['regex']}」csdesk 无法表示,条目没有快捷编码。",
            f"csdesk cannot express the regex trigger '{match['regex']}'; the entry has no code.",
            path=where,
        )
    if len(triggers) > 1:
        parsed.warn(
            f"有多个触发词,只用了第一个;其余未导入:{'、'.join(triggers[1:])}",
            f"Several triggers: only the first one is used; not imported: {', '.join(triggers[1:])}",
            path=where,
        )
    code = triggers[0] if triggers else ""
    if code.startswith(":"):
        code = code[1:]
    if any(ch.isspace() for ch in code):
        parsed.warn(
            f"触发词「{code}」含空格,去掉了空格。",
            f"The trigger '{code}' had spaces; they were removed.",
            path=where,
        )
        code = "".join(code.split())
    if match.get("image_path"):
        parsed.warn(
            "图片片段 csdesk 无法导入(请把图片作为素材添加),已跳过。",
            "csdesk cannot import an image snippet (add the image as an asset); skipped.",
            path=where,
        )
        return None
    if "replace" in match:
        text = str(match.get("replace") or "")
    elif "form" in match:
        text = _FORM_FIELD.sub(lambda m: "{" + m.group(1) + "}", str(match.get("form") or ""))
        parsed.warn(
            "表单(form)改成了占位符,复制时手动填写;下拉选项等控件未导入。",
            "The form became placeholders to fill in when copying; choice lists and other controls were not imported.",
            path=where,
        )
    elif "markdown" in match:
        text = str(match.get("markdown") or "")
        parsed.warn(
            "Markdown 片段按原文导入,粗体、链接等标记会出现在回复里。",
            "The Markdown snippet was imported as it is: bold, link and other marks appear in the reply.",
            path=where,
        )
    elif "html" in match:
        text = str(match.get("html") or "")
        parsed.warn(
            "HTML 片段按原文导入,格式标签会出现在回复里。",
            "The HTML snippet was imported as it is: its tags appear in the reply.",
            path=where,
        )
    else:
        parsed.error(
            "没有 replace、form 或 markdown,不知道要导入什么。",
            "No replace, form or markdown: nothing to import.",
            path=where,
        )
        return None
    text = _convert_vars(parsed, text, match.get("vars") or [], global_vars, where)
    if "$|$" in text:
        parsed.warn(
            "光标标记 $|$ 已去掉(csdesk 不控制光标位置)。",
            "The cursor mark $|$ was removed (csdesk does not place the cursor).",
            path=where,
        )
        text = text.replace("$|$", "")
    return ImportRow(
        {"code": code, "title": str(match.get("label") or "").strip(), "reply": text}, path=where
    )


def _convert_vars(parsed: ParsedFile, text: str, local: Any, global_vars: dict[Any, Any], where: str) -> str:
    defined = dict(global_vars)
    if isinstance(local, list):
        defined.update({v.get("name"): v for v in local if isinstance(v, dict)})
    unsupported: list[tuple[str, str]] = []

    def replace(found: re.Match[str]) -> str:
        name = found.group(1)
        base = name.split(".")[0]
        var = defined.get(base)
        if var is None:
            unsupported.append((f"{{{{{name}}}}}(未定义)", f"{{{{{name}}}}} (not defined)"))
            return found.group(0)
        kind = str(var.get("type", ""))
        params = var.get("params") or {}
        if not isinstance(params, dict):
            params = {}
        if kind == "echo" and "echo" in params:
            return str(params["echo"])
        if kind == "date" and not params.get("offset") and str(params.get("format")) in _DATE_FORMATS:
            return _DATE_FORMATS[str(params["format"])]
        if kind == "form":
            field = name.split(".", 1)[1] if "." in name else name
            note = f"{{{{{name}}}}} → {{{field}}}"
            unsupported.append((note, note))
            return "{" + field + "}"
        unsupported.append(
            (f"{{{{{name}}}}}({kind or '未知'} 变量)", f"{{{{{name}}}}} ({kind or 'unknown'} variable)")
        )
        return found.group(0)

    result = _VAR.sub(replace, text)
    if unsupported:
        parsed.warn(
            "csdesk 不支持这些 Espanso 变量,保留在回复里或改成了占位符:"
            + "、".join(zh for zh, _en in unsupported),
            "csdesk does not support these Espanso variables; they stay in the reply or became placeholders: "
            + ", ".join(en for _zh, en in unsupported),
            path=where,
        )
    return result


# ------------------------------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def write_espanso(lib: Library, path: Path, options: ExportOptions) -> ExportReport:
    entries = selected_entries(lib, options.shops)
    warnings: list[Problem] = []
    matches = []
    without_code = [e for e in entries if not e.code]
    if without_code:
        titles = "、".join(e.title for e in without_code[:10]) + ("……" if len(without_code) > 10 else "")
        titles_en = ", ".join(f"'{e.title}'" for e in without_code[:10]) + (
            " …" if len(without_code) > 10 else ""
        )
        warnings.append(
            problem(
                f"{len(without_code)} 条没有快捷编码的条目无法成为 Espanso 触发词,未导出:{titles}",
                f"{len(without_code)} entries without a code cannot become Espanso triggers and were not "
                f"exported: {titles_en}",
                file=path.name,
            )
        )
    seen: set[str] = set()
    placeholders = 0
    for entry in entries:
        if not entry.code:
            continue
        trigger = ":" + entry.code
        if trigger.lower() in seen:
            warnings.append(
                problem(
                    f"触发词「{trigger}」在多个店铺中重复,Espanso 只会用其中一个。",
                    f"The trigger '{trigger}' is in several shops; Espanso will use only one of them.",
                    file=path.name,
                )
            )
        seen.add(trigger.lower())
        if "{" in entry.reply or "｛" in entry.reply:
            placeholders += 1
        matches.append({"trigger": trigger, "replace": entry.reply, "label": entry.title})
    if placeholders:
        warnings.append(
            problem(
                f"{placeholders} 条回复含 {{占位符}},Espanso 不会替换它们,展开后需手动修改。",
                f"{placeholders} replies contain {{placeholders}}; Espanso does not fill them in, so edit them "
                "by hand after expanding.",
                file=path.name,
            )
        )
    header = "# csdesk 导出的 Espanso 匹配文件 / Espanso matches exported by csdesk\n"
    body = yaml.dump({"matches": matches}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    write_atomic(path, (header + body).encode("utf-8"))
    return ExportReport(path, len(matches), warnings)
