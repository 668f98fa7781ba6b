"""Which characters of a text no installed font can draw (a blank where ℃ should be).

Service replies use more than CJK ideographs: ℃, circled numbers ①②③, ×, the full-width tilde ～ and the emoji
customers paste. Qt draws each with the first font in the chain that has it (the app's CJK families, then
fontconfig's fallbacks); a character no font has is drawn as a blank or a box. ``csdesk`` logs such characters
once at start-up for the demo's replies, and the README names the fonts to install (WenQuanYi / Noto CJK for text,
Noto Color Emoji for emoji).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

SAMPLES = "30℃ ①②③ 2×3 ～ ＋ ￥ 😀👍🙏"
"""What the start-up check and the tests look at."""


@lru_cache(maxsize=256)
def _metrics(family: str) -> QFontMetrics:
    return QFontMetrics(QFont(family))


def _families() -> list[str]:
    app_families = list(QApplication.font().families()) if QApplication.instance() is not None else []
    installed = QFontDatabase.families()
    return [*[f for f in app_families if f in installed], *installed]


def has_glyph(char: str) -> bool:
    """True when some installed font can draw ``char`` (a font of the app's chain or a fallback)."""
    code = ord(char)
    return any(_metrics(family).inFontUcs4(code) for family in _families())


def missing_glyphs(text: str) -> str:
    """The characters of ``text`` (each once, spaces and controls skipped) that no installed font has."""
    seen: dict[str, None] = {}
    for char in text:
        if char.isspace() or char in seen or ord(char) < 0x20:
            continue
        if not has_glyph(char):
            seen[char] = None
    return "".join(seen)
