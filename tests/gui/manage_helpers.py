"""Fixtures for the workbench tests: a demo library in a temporary home, the workbench, one page on its own.

``settings`` (an ini file in tmp_path) comes from ``tests/gui/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

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


def page_fixtures(
    page_class: Callable[[Library, QUndoStack], QWidget],
    *error_modules: ModuleType,
    size: tuple[int, int] | None = None,
) -> tuple[Any, Any, Any]:
    """``lib, errors, page = page_fixtures(SopsPage, page_support, sops_page)``: the fixtures of a page test.

    ``lib``: the demo library in tmp_path; ``errors``: the messages ``show_error`` would have shown, caught in each
    of ``error_modules``; ``page``: the page on its own undo stack, editable.
    """

    @pytest.fixture
    def lib(tmp_path: Path) -> Iterator[Library]:
        library = Library.open(tmp_path / "home", demo=True)
        yield library
        library.close()

    @pytest.fixture
    def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
        shown: list[str] = []
        import sys

        # the named modules, and every workbench module that shows errors (a page's parts live in several files)
        managed = [
            m for n, m in list(sys.modules.items()) if n.startswith("csdesk.gui.manage.") and m is not None
        ]
        for module in {m for m in (*error_modules, *managed) if hasattr(m, "show_error")}:
            monkeypatch.setattr(module, "show_error", lambda parent, exc, title="": shown.append(str(exc)))
        return shown

    @pytest.fixture
    def page(qtbot: Any, lib: Library, errors: list[str]) -> QWidget:
        widget = page_class(lib, QUndoStack())
        qtbot.addWidget(widget)
        if size is not None:
            widget.resize(*size)
        widget.set_editable(True)  # type: ignore[attr-defined]
        return widget

    return lib, errors, page


def when_modal(act: Callable[[QWidget], bool]) -> None:
    """Run ``act`` on the next modal window once it is open (it returns False to keep waiting), as a person
    answering a dialog would; ``exec()`` blocks the test's own call until the window closes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll() -> None:
        window = QApplication.activeModalWidget()
        if window is None or not act(window):
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def answer_next_box(button: Any) -> list[str]:
    """Press ``button`` in the next message box; returns a list that receives the box's text and informative text."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def press(window: QWidget) -> bool:
        if not isinstance(window, QMessageBox):
            return False
        seen.extend([window.text(), window.informativeText()])
        window.button(button).click()
        return True

    when_modal(press)
    return seen
