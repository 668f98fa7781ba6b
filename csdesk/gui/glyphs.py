"""Which characters of a text no installed font can draw (a blank where ℃ should be).

Service replies use more than CJK ideographs: ℃, circled numbers ①②③, ×, the full-width tilde ～ and the emoji
customers paste. Qt draws each with the first font in the chain that has it (the app's CJK families, then
fontconfig's fallbacks); a character no font has is drawn as a blank or a box. ``csdesk`` logs such characters
once at start-up for the demo's replies, and the README names the fonts to install (WenQuanYi / Noto CJK for text,
Noto Color Emoji for emoji).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QTextLayout
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
    """True when the font Qt picks for ``char`` (the app's chain, then fallbacks) draws something: a font can claim a
    character and map it to an empty glyph (WenQuanYi Micro Hei's ℃), which Qt still picks."""
    font = QApplication.font() if QApplication.instance() is not None else QFont()
    layout = QTextLayout(char, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    for run in layout.glyphRuns():
        raw = run.rawFont()
        for glyph in run.glyphIndexes():
            if not glyph:
                return False
            colour = any(raw.fontTable(table).size() for table in ("CBDT", "sbix", "COLR"))  # colour emoji
            if not colour and raw.pathForGlyph(glyph).isEmpty():
                return False
    return bool(layout.glyphRuns()) or any(_metrics(f).inFontUcs4(ord(char)) for f in _families())


def missing_glyphs(text: str) -> str:
    """The characters of ``text`` (each once, spaces and controls skipped) that no installed font has."""
    seen: dict[str, None] = {}
    for char in text:
        if char.isspace() or char in seen or ord(char) < 0x20:
            continue
        if not has_glyph(char):
            seen[char] = None
    return "".join(seen)
