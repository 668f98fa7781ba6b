"""Refresh the English translations from the GUI sources and compile them to ``.qm``.

Chinese is the source language. ``pyside6-lupdate`` collects every ``self.tr(...)`` / ``QCoreApplication.translate``
/ ``QT_TRANSLATE_NOOP`` string of csdesk/gui.

- ``csdesk_en.ts`` covers everything except ``manage/`` and ``importwizard``; it is rebuilt from the sources each
  time (existing translations kept). The labels of the settings registry are added by hand (they are declared as
  data, lupdate cannot see them).
- ``manage_en.ts``, ``manage_pages_en.ts`` and ``importwizard_en.ts`` belong to those modules (see ``MODULES``);
  they are only added to: a string their sources have and no ``.ts`` file knows yet is appended (as text, in the
  file's own layout), nothing is removed or reformatted. Fix an English wording there by hand; each .qm is
  recompiled on every run.

``--fill strings.json`` ({"context": {"中文": "English"}} or {"中文": "English"}) fills in new translations in
every file (new messages only in the module files). Unfinished messages are listed, and each .qm is compiled with ``pyside6-lrelease``.

    python resources/translations/update_translations.py [--fill new.json]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GUI = ROOT / "csdesk" / "gui"
TS = HERE / "csdesk_en.ts"
QM = HERE / "csdesk_en.qm"
EXCLUDED = ("manage", "importwizard", "insight", "coaching", "backupdialog")
MANAGE_PAGES = ("assets_page", "tags_page", "rules_page", "sops_page", "page_support", "thumbnails")
MODULES: dict[str, tuple[str, ...]] = {
    "importwizard_en.ts": ("importwizard.py",),
    "backupdialog_en.ts": ("backupdialog.py",),
    "insight_en.ts": tuple(str(p.relative_to(GUI)) for p in sorted((GUI / "insight").glob("*.py"))),
    "coaching_en.ts": tuple(str(p.relative_to(GUI)) for p in sorted((GUI / "coaching").glob("*.py"))),
    "manage_pages_en.ts": tuple(f"manage/{name}.py" for name in MANAGE_PAGES),
    "manage_en.ts": tuple(
        str(p.relative_to(GUI)) for p in sorted((GUI / "manage").glob("*.py")) if p.stem not in MANAGE_PAGES
    ),
}
"""The module translation files and the sources (relative to csdesk/gui) each one covers."""


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (pip install PySide6)")
    return found


def sources() -> list[Path]:
    files = []
    for path in sorted(GUI.rglob("*.py")):
        relative = path.relative_to(GUI)
        if relative.parts[0] in EXCLUDED or relative.stem in EXCLUDED:
            continue
        files.append(path)
    return files


def settings_labels() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from csdesk.gui.settings import OPTIONS

    labels: list[str] = []
    for option in OPTIONS:
        labels.append(option.label)
        labels.extend(label for _value, label in option.choices)
    return list(dict.fromkeys(labels))


def add_settings_context(tree: ET.ElementTree) -> None:
    root = tree.getroot()
    context = next((c for c in root.findall("context") if c.findtext("name") == "Settings"), None)
    if context is None:
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = "Settings"
    present = {m.findtext("source") for m in context.findall("message")}
    for label in settings_labels():
        if label not in present:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = label
            ET.SubElement(message, "translation", type="unfinished")


def fill(tree: ET.ElementTree, strings: dict[str, object]) -> int:
    filled = 0
    for context in tree.getroot().findall("context"):
        name = context.findtext("name") or ""
        scoped = strings.get(name)
        for message in context.findall("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            if translation is None or (translation.text and translation.get("type") != "unfinished"):
                continue
            english = scoped.get(source) if isinstance(scoped, dict) else None
            english = english or strings.get(source)
            if isinstance(english, str) and english:
                translation.text = english
                translation.attrib.pop("type", None)
                filled += 1
    return filled


def existing_translations() -> dict[str, object]:
    """{context: {source: english}} of the finished translations in the current .ts file."""
    if not TS.exists():
        return {}
    known: dict[str, object] = {}
    for context in ET.parse(TS).getroot().findall("context"):
        done = {
            message.findtext("source") or "": translation.text
            for message in context.findall("message")
            if (translation := message.find("translation")) is not None
            and translation.text
            and translation.get("type") is None
        }
        known[context.findtext("name") or ""] = done
    return known


def lupdate_messages(files: list[Path]) -> list[tuple[str, str]]:
    """(context, source) of every translatable string lupdate finds in ``files``, in order."""
    with tempfile.TemporaryDirectory() as folder:
        ts = Path(folder) / "scan.ts"
        subprocess.run(
            [_tool("pyside6-lupdate"), "-silent", "-locations", "none", *map(str, files), "-ts", str(ts)],
            check=True,
        )
        return [
            (context.findtext("name") or "", message.findtext("source") or "")
            for context in ET.parse(ts).getroot().findall("context")
            for message in context.findall("message")
        ]


def known_messages() -> set[tuple[str, str]]:
    """(context, source) of every message in every ``*_en.ts``."""
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for path in HERE.glob("*_en.ts")
        for context in ET.parse(path).getroot().findall("context")
        for message in context.findall("message")
    }


def english_for(strings: dict[str, object], context: str, source: str) -> str:
    scoped = strings.get(context)
    english = scoped.get(source) if isinstance(scoped, dict) else None
    english = english or strings.get(source)
    return english if isinstance(english, str) else ""


def insert_message(text: str, context: str, source: str, english: str) -> str:
    """``text`` (a .ts file) with one more message, inserted as text in the file's own layout (its authors' files
    are not reformatted: only the new lines show in a diff)."""
    indent = re.search(r"^([ \t]*)<message>", text, re.MULTILINE)
    step = indent.group(1) if indent and indent.group(1) else "  "
    inner = re.search(r"^([ \t]*)<source>", text, re.MULTILINE)
    deeper = inner.group(1) if inner else step * 2
    outer = re.search(r"^([ \t]*)<context>", text, re.MULTILINE)
    top = outer.group(1) if outer else ""
    state = "" if english else ' type="unfinished"'
    message = (
        f"{step}<message>\n{deeper}<source>{escape(source)}</source>\n"
        f"{deeper}<translation{state}>{escape(english)}</translation>\n{step}</message>\n"
    )
    name = f"<name>{escape(context)}</name>"
    at = text.find(name)
    if at >= 0:
        close = text.index("</context>", at)
        line_start = text.rindex("\n", 0, close) + 1
        return text[:line_start] + message + text[line_start:]
    close = text.rindex("</TS>")
    line_start = text.rindex("\n", 0, close) + 1
    block = f"{top}<context>\n{step}{name}\n{message}{top}</context>\n"
    return text[:line_start] + block + text[line_start:]


def update_module(
    name: str, relative_sources: tuple[str, ...], strings: dict[str, object]
) -> list[tuple[str, str]]:
    """Append what the module's sources have and no .ts knows (with English from ``strings`` when given), compile.
    Returns the unfinished messages."""
    path = HERE / name
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<TS version="2.1" language="en" sourcelanguage="zh_CN">\n</TS>\n'
    known = known_messages()
    added = 0
    for context_name, source in lupdate_messages([GUI / s for s in relative_sources]):
        if not context_name:
            print(f"no context (never translated at run time): {source!r} in {name} sources")
            continue
        if (context_name, source) in known:
            continue
        known.add((context_name, source))
        text = insert_message(text, context_name, source, english_for(strings, context_name, source))
        added += 1
    if added or not path.with_suffix(".qm").exists():
        print(f"{name}: {added} new messages")
        path.write_text(text, encoding="utf-8")
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(path), "-qm", str(path.with_suffix(".qm"))], check=True
    )
    return unfinished(ET.parse(path))


def unfinished(tree: ET.ElementTree) -> list[tuple[str, str]]:
    missing = []
    for context in tree.getroot().findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in ("unfinished",)
                or not (translation.text or "")
            ):
                if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                    continue
                missing.append((context.findtext("name") or "", message.findtext("source") or ""))
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, help="JSON file of new English translations")
    args = parser.parse_args()
    strings = json.loads(args.fill.read_text(encoding="utf-8")) if args.fill else {}
    known = existing_translations()  # lupdate drops what it cannot see (the settings labels); keep them
    subprocess.run(
        [_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "zh_CN",
         "-target-language", "en", *map(str, sources()), "-ts", str(TS)],
        check=True,
    )  # fmt: skip
    tree = ET.parse(TS)
    add_settings_context(tree)
    fill(tree, known)
    if strings:
        print(f"filled {fill(tree, strings)} translations in {TS.name}")
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    missing = unfinished(tree)
    for context, source in missing:
        print(f"untranslated: [{context}] {source}")
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    for name, relative_sources in MODULES.items():
        for context, source in update_module(name, relative_sources, strings):
            print(f"untranslated: [{context}] {source} ({name})")
            missing.append((context, source))
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
