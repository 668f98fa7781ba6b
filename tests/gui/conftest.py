"""GUI fixtures: settings in a temporary ini file, no background thread left behind after a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from csdesk.gui.settings import Settings


@pytest.fixture(autouse=True)
def _qsettings_in_tmp(tmp_path: Path) -> None:
    """Any QSettings created without a file (the app's default) lands in tmp_path too, never in the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(tmp_path / "qsettings-system")
    )


@pytest.fixture
def settings(tmp_path: Path, qapp: QApplication) -> Iterator[Settings]:
    """A Settings registry backed by an ini file in tmp_path (never the user's real settings)."""
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield Settings(qs)
    qs.sync()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Let background work finish before any fixture closes the library it uses."""
    from csdesk.gui.workers import wait_for_all

    wait_for_all(10000)
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
    yield


@pytest.fixture(autouse=True)
def _no_threads_left(qapp: QApplication) -> Iterator[None]:
    yield
    from csdesk.gui.workers import wait_for_all

    assert wait_for_all(10000), "background tasks still running after the test"
    for widget in QApplication.topLevelWidgets():
        widget.close()
    qapp.processEvents()


@pytest.fixture(scope="session", autouse=True)
def _clear_clipboard_at_exit(qapp: QApplication) -> Iterator[None]:
    """The offscreen platform crashes at exit while the clipboard holds a QMimeData made in Python (PySide6 6.12).

    Real platforms (xcb, Windows) are fine; tests empty the clipboard before the interpreter shuts down.
    """
    yield
    QApplication.clipboard().clear()
    qapp.processEvents()
