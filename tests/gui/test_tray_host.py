"""The tray icon with a real tray host: Xvfb + trayer (a small panel with a system tray), xdotool clicks.

Skipped where those programs are missing (``apt-get install xvfb trayer xdotool``), or the libraries of Qt's
X11 platform (:func:`tests.gui.system_needs.missing_xcb_packages`). The app runs in a child process
on the xcb platform (the offscreen platform has no system tray): closing the window with 关闭到托盘 hides it, a
click on the tray icon brings it back, the tray's 退出 ends the app.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.system_needs import missing_xcb_packages

pytestmark = [
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("Xvfb", "trayer", "xdotool"))
        or not sys.platform.startswith("linux"),
        reason="needs Xvfb, trayer and xdotool",
    ),
    pytest.mark.skipif(
        bool(missing_xcb_packages()),
        reason=f"Qt's X11 window needs apt-get install {' '.join(missing_xcb_packages())}",
    ),
]

CHILD = r"""
import subprocess, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from csdesk.core.library import Library
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings

def pump(until, seconds=8.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until():
            return True
        time.sleep(0.02)
    return False

temp = Path(sys.argv[1])
settings = Settings(QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat))
settings.set("close_to_tray", True)
lib = Library.open(temp / "home", demo=True)
window = MainWindow(lib, settings)
window.show()
assert pump(lambda: window.tray.icon is not None and window.tray.icon.geometry().width() > 0), "no tray icon"
print("AVAILABLE", window.tray.available, flush=True)
window.close()
assert pump(lambda: not window.isVisible()), "close did not hide to the tray"
print("HIDDEN", flush=True)
center = window.tray.icon.geometry().center()
subprocess.run(["xdotool", "mousemove", str(center.x()), str(center.y()), "click", "1"], check=True)
assert pump(window.isVisible), "a click on the tray icon did not bring the window back"
print("SHOWN", flush=True)
window.tray.quit_action.trigger()
pump(lambda: False, 0.3)
lib.close()
print("QUIT", flush=True)
"""


@pytest.fixture
def tray_display() -> Iterator[str]:
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert xvfb.stdout is not None
    display = ":" + xvfb.stdout.readline().strip()
    env = {**os.environ, "DISPLAY": display}
    trayer = subprocess.Popen(
        [
            "trayer",
            "--edge",
            "bottom",
            "--align",
            "right",
            "--widthtype",
            "pixel",
            "--width",
            "120",
            "--height",
            "32",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        yield display
    finally:
        trayer.terminate()
        trayer.wait(5)
        xvfb.terminate()
        xvfb.wait(5)


def test_tray_icon_hides_and_brings_back_the_window(tray_display: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPLAY": tray_display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "CSDESK_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], env=env, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert done.stdout.split() == ["AVAILABLE", "True", "HIDDEN", "SHOWN", "QUIT"]
