"""Tests that need something of the operating system, not of csdesk, skip with the package to install.

``.ci/run`` installs these on Debian, so CI runs the tests for real; a newcomer's ``pytest`` on a bare machine
passes and says what is missing.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase


def require_cjk_font() -> None:
    """Chinese text, and the fullwidth forms (～) service replies use, come from the system's CJK font."""
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font installed (on Debian: apt-get install fonts-wqy-microhei)")


def require_qt_multimedia() -> None:
    """Playing a video needs Qt Multimedia, which loads only where the system's sound library is installed."""
    from csdesk.gui.workspace import videoplayer

    if not videoplayer.MULTIMEDIA:
        pytest.skip("Qt Multimedia cannot load here (on Debian: apt-get install libpulse0)")


XCB_LIBRARIES = {"libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
                 "libxcb-keysyms.so.1": "libxcb-keysyms1"}  # fmt: skip
"""What Qt's xcb platform (a real X11 window) loads beyond what the offscreen platform does, by Debian package."""


def missing_xcb_packages() -> list[str]:
    """The Debian packages whose libraries Qt's xcb platform would fail to load here (none off Linux)."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return []
    missing = []
    for library, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing
