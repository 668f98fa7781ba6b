"""Interface language: Chinese is the source text; English comes from ``resources/translations/*_en.qm``.

Every ``*_en.qm`` file found is loaded (the workspace's own, and the ones colleagues ship for their modules), plus
Qt's own translations for standard buttons when available.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from csdesk.core.resources import resource_path

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def resolve_language(setting: str) -> str:
    """``zh_CN`` or ``en`` for a settings value (``system`` follows the system locale; Chinese by default)."""
    if setting in ("zh_CN", "en"):
        return setting
    locale = QLocale.system()
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage, QLocale.Language.Chinese):
        return "zh_CN"
    return "en"


def translation_files(language: str) -> list[str]:
    suffix = "en" if language == "en" else language
    try:
        folder = resource_path("translations")
    except FileNotFoundError:
        return []
    return sorted(str(p) for p in folder.glob(f"*_{suffix}.qm"))


def install(language: str) -> list[str]:
    """Install the translators for ``language`` (replacing earlier ones); returns the files loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return []
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    app.setProperty("csdesk_language", language)
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Chinese))
    loaded: list[str] = []
    if language == "zh_CN":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(translator)
            _installed.append(translator)
        return loaded
    for path in translation_files(language):
        translator = QTranslator(app)
        if translator.load(path):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(path)
        else:
            log.warning("could not load translation %s", path)
    return loaded
