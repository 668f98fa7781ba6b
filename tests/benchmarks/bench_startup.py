"""Start-up: process start → the workspace's search box has the focus (it takes keystrokes), median of N runs.

    DISPLAY=:14 python tests/benchmarks/bench_startup.py [--runs 5] [--home /tmp/bench-startup]

Each run is a fresh ``python`` process started by this script (the clock starts just before ``Popen``, so the
interpreter and every import count). The child runs ``csdesk.gui.app.main`` with the demo library (created once
before the runs; ``--first`` measures the very first start too, demo creation included, in an empty home) and
prints ``FOCUS`` when the search box receives the focus, then quits. The reference, measured in the same session:
a bare PySide6 process that shows a QMainWindow with one focused QLineEdit (PySide6's own floor here).
Without DISPLAY the offscreen platform is used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.FocusIn and obj.objectName() == "searchBox":
            print("FOCUS", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication(sys.argv[:1])
probe = Probe()
app.installEventFilter(probe)
from csdesk.gui import app as app_module
sys.exit(app_module.main(["csdesk"], home=sys.argv[1]))
"""

FLOOR = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.FocusIn and obj.objectName() == "searchBox":
            print("FOCUS", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication(sys.argv[:1])
probe = Probe()
app.installEventFilter(probe)
window = QMainWindow()
edit = QLineEdit()
edit.setObjectName("searchBox")
window.setCentralWidget(edit)
window.resize(1280, 720)
window.show()
edit.setFocus()
sys.exit(app.exec())
"""


def run_once(code: str, args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    elapsed = float("nan")
    for line in child.stdout:
        if line.startswith("FOCUS"):
            elapsed = time.perf_counter() - start
            break
    child.wait(60)  # (a child that never focuses is stopped by the timeout: nan)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", type=Path, default=Path(tempfile.mkdtemp(prefix="bench-startup-")) / "home")
    parser.add_argument("--first", action="store_true", help="also time the first start (demo creation)")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="bench-startup-env-"))
    env = {**os.environ, "XDG_CONFIG_HOME": str(temp / "xdg"), "CSDESK_CONFIG_DIR": str(temp / "config")}
    env.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    if args.first:
        first = run_once(CHILD, [str(temp / "first-home")], env)
        print(f"first start (demo creation): {first:.2f} s")
    from csdesk.core.library import Library

    Library.open(args.home, demo=True).close()
    floor = [run_once(FLOOR, [], env) for _ in range(args.runs)]
    app = [run_once(CHILD, [str(args.home)], env) for _ in range(args.runs)]
    print(f"platform {env['QT_QPA_PLATFORM']}, {args.runs} runs each")
    print(f"PySide6 floor (window + focused line edit): median {statistics.median(floor):.2f} s  {floor}")
    print(f"csdesk, demo library: median {statistics.median(app):.2f} s  {[round(t, 2) for t in app]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
