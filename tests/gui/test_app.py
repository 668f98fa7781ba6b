"""Application start: single instance per home, the --toggle door, start-up with a stale index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from csdesk.core.library import Library
from csdesk.gui import app as app_module
from csdesk.gui.single_instance import InstanceServer, send_message, server_name


def test_server_name_is_stable_and_per_home(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_no_instance_running(tmp_path: Path, qapp: QApplication) -> None:
    assert send_message(tmp_path / "nobody", "show") is False
    assert app_module.toggle_running_instance(str(tmp_path / "nobody")) is False


def test_second_start_brings_first_forward(tmp_path: Path, qapp: QApplication, qtbot: Any) -> None:
    server = InstanceServer(tmp_path / "home")
    assert server.listen()
    received: list[str] = []
    server.message_received.connect(received.append)
    try:
        # main() finds the running instance, hands over and exits 0 without opening a library
        assert app_module.main(["csdesk"], home=str(tmp_path / "home")) == 0
        qtbot.waitUntil(lambda: received == ["show"])
    finally:
        server.close()
    assert not (tmp_path / "home" / "library.sqlite3").exists()


STARTUP_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from csdesk.gui import app as app_module
from csdesk.gui.mainwindow import MainWindow

qapp = QApplication(sys.argv[:1])
def check_and_quit():
    window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or window.progress.isVisible() or not window.lib.index.is_current():
        QTimer.singleShot(20, check_and_quit)
        return
    print("WINDOW", window.windowTitle(), window.count_label.text(), window.workspace.search.hasFocus(), flush=True)
    window.quit()
QTimer.singleShot(0, check_and_quit)
sys.exit(app_module.main(["csdesk"], home=sys.argv[1]))
"""


def test_main_opens_window_and_rebuilds_stale_index(tmp_path: Path) -> None:
    """The real start-up in a process of its own (app.exec() would end this test process's event loop)."""
    home = tmp_path / "home"
    Library.open(home, demo=True).close()
    shutil.rmtree(home / "index")  # start-up must notice and rebuild it in a worker
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),  # the app's own QSettings stay in tmp_path
        "CSDESK_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_SCRIPT, str(home)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "WINDOW csdesk" in done.stdout and "True" in done.stdout
