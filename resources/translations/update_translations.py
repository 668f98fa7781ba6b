"""Refresh ``csdesk_en.ts`` from the GUI sources and compile it to ``csdesk_en.qm``.

Chinese is the source language. ``pyside6-lupdate`` collects every ``self.tr(...)`` / ``QCoreApplication.translate``
string of csdesk/gui (except ``manage/`` and ``importwizard``, which ship their own ``*_en.ts``); the labels of the
settings registry are added by hand (they are declared as data, lupdate cannot see them). Existing English
translations are kept; ``--fill strings.json`` ({"context": {"中文": "English"}} or {"中文": "English"}) fills in
new ones. Unfinished messages are listed, and the .qm is compiled with ``pyside6-lrelease``.

    python resources/translations/update_translations.py [--fill new.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GUI = ROOT / "csdesk" / "gui"
TS = HERE / "csdesk_en.ts"
QM = HERE / "csdesk_en.qm"
EXCLUDED = ("manage", "importwizard")


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
    known = existing_translations()  # lupdate drops what it cannot see (the settings labels); keep them
    subprocess.run(
        [_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "zh_CN",
         "-target-language", "en", *map(str, sources()), "-ts", str(TS)],
        check=True,
    )  # fmt: skip
    tree = ET.parse(TS)
    add_settings_context(tree)
    fill(tree, known)
    if args.fill:
        print(f"filled {fill(tree, json.loads(args.fill.read_text(encoding='utf-8')))} translations")
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    missing = unfinished(tree)
    for context, source in missing:
        print(f"untranslated: [{context}] {source}")
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
