"""Fixtures for the workbench tests: a demo library in a temporary home and settings in a temporary ini file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from csdesk.core.library import Library
from csdesk.gui.settings import Settings

TEST_PIN = "246813"


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "home", demo=True)
    library.set_setting("agent_name", "小王")
    try:
        yield library
    finally:
        library.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def bench(qtbot: Any, lib: Library, settings: Settings) -> Iterator[Any]:
    from csdesk.gui.manage.workbench import ManageWorkbench

    widget = ManageWorkbench(lib, settings)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    yield widget
    widget.shutdown()


@pytest.fixture
def unlocked(bench: Any) -> Any:
    bench.session.set_initial_pin(TEST_PIN)
    assert bench.session.is_unlocked
    return bench
