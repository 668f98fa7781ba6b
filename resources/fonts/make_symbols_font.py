"""Maintainer script: build ``csdesk-symbols.ttf``, the few symbols the common CJK fonts draw blank.

WenQuanYi Micro Hei (the usual CJK font on Linux desktops) maps ℃ (U+2103) to an empty glyph: Qt picks it because
it claims the character, and the preview showed "30  时". This subset of DejaVu Sans (free licence, see
https://dejavu-fonts.github.io/License.html) holds only such symbols under its own family name, and the app puts it
first in its font chain (csdesk.gui.theme): every other character still comes from the CJK font.

    pip install fonttools && python resources/fonts/make_symbols_font.py [/path/to/DejaVuSans.ttf]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SYMBOLS = "℃℉"
FAMILY = "csdesk Symbols"
HERE = Path(__file__).resolve().parent


def main() -> int:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font = TTFont(str(source))
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in SYMBOLS])
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "")
    out = HERE / "csdesk-symbols.ttf"
    font.save(str(out))
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
