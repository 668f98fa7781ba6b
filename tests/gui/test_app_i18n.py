"""Every visible string of csdesk/gui has an English translation in one of resources/translations/*_en.qm.

Every file under csdesk/gui is scanned (the workspace, the workbench under ``manage/``, the import wizard …) and each
(context, source) is looked up in all the ``*_en.qm`` files, as the app loads them all. A string lupdate finds
without a context would never be translated at run time: use ``self.tr`` in a class or
``QCoreApplication.translate("Context", "…")`` with literal arguments.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from csdesk.core.resources import resource_path
from csdesk.gui import i18n
from csdesk.gui.settings import OPTIONS

GUI = Path(__file__).resolve().parents[2] / "csdesk" / "gui"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def scanned_files() -> list[str]:
    return [str(p) for p in sorted(GUI.rglob("*.py"))]


def source_strings(tmp_path: Path) -> list[tuple[str, str]]:
    ts = tmp_path / "all.ts"
    subprocess.run(
        [str(LUPDATE), "-silent", "-locations", "none", *scanned_files(), "-ts", str(ts)], check=True
    )
    found = [
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(ts).getroot().findall("context")
        for message in context.findall("message")
    ]
    for option in OPTIONS:  # declared as data: lupdate cannot see them
        found.append(("Settings", option.label))
        found.extend(("Settings", label) for _value, label in option.choices)
    return found


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed next to the interpreter")
def test_every_gui_string_has_an_english_translation(tmp_path: Path, qapp: QApplication) -> None:
    translators = []
    for path in sorted(resource_path("translations").glob("*_en.qm")):
        translator = QTranslator()
        assert translator.load(str(path)), path
        translators.append(translator)
    assert translators
    missing = [
        f"[{context or 'NO CONTEXT'}] {source}"
        for context, source in source_strings(tmp_path)
        if not context or not any(t.translate(context, source) for t in translators)
    ]
    assert not missing, "untranslated (run resources/translations/update_translations.py):\n" + "\n".join(
        missing
    )


F_STRING_TR = re.compile(r"""\bf["'][^"']*\{[^{}]*\b(?:tr|translate)\(""")


def test_no_translation_call_inside_an_f_string() -> None:
    """lupdate cannot see into f-strings: such a string is never in a .ts file, so never translated."""
    found = [
        f"{path.relative_to(GUI)}:{number}: {line.strip()}"
        for path in sorted(GUI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if F_STRING_TR.search(line)
    ]
    assert not found, "call tr() before the f-string:\n" + "\n".join(found)


def test_language_switch_loads_english(qapp: QApplication) -> None:
    try:
        loaded = i18n.install("en")
        assert any(p.endswith("csdesk_en.qm") for p in loaded)
        assert QApplication.translate("Workspace", "店铺") == "Shop"
    finally:
        i18n.install("zh_CN")
    assert QApplication.translate("Workspace", "店铺") == "店铺"


def test_resolve_language() -> None:
    assert i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("zh_CN") == "zh_CN"
    assert i18n.resolve_language("system") in ("en", "zh_CN")


def test_translation_files_hold_one_source_and_translation_per_message() -> None:
    """A merge of two .ts files once left a message with two sources: lrelease kept the last and the first string
    silently lost its English. Each message has one source and one translation, and a (context, source) once."""
    bad: list[str] = []
    for path in sorted(resource_path("translations").glob("*.ts")):
        seen: set[tuple[str, str]] = set()
        for context in ET.parse(path).getroot().findall("context"):
            name = context.findtext("name") or ""
            for message in context.findall("message"):
                sources = [s.text or "" for s in message.findall("source")]
                if len(sources) != 1 or len(message.findall("translation")) != 1:
                    bad.append(f"{path.name} [{name}] {sources}")
                    continue
                if (name, sources[0]) in seen:
                    bad.append(f"{path.name} [{name}] twice: {sources[0]}")
                seen.add((name, sources[0]))
    assert not bad, "\n".join(bad)
