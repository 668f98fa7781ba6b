"""GUI fixtures: settings in a temporary ini file, no background thread left behind after a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from csdesk.gui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path, qapp: QApplication) -> Iterator[Settings]:
    """A Settings registry backed by an ini file in tmp_path (never the user's real settings)."""
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield Settings(qs)
    qs.sync()


@pytest.fixture(autouse=True)
def _no_threads_left(qapp: QApplication) -> Iterator[None]:
    yield
    from csdesk.gui.workers import wait_for_all

    assert wait_for_all(10000), "background tasks still running after the test"
    for widget in QApplication.topLevelWidgets():
        widget.close()
    qapp.processEvents()
