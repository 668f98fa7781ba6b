"""Text from the library is shown as typed everywhere: an entry titled ``<h1>…<img src=…>`` shows those characters,
it is never rendered as HTML (headings, links, images) in the workspace, the workbench pages or a message box."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui.errors import plain_text
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from tests.gui.workspace_helpers import shown_window

HTML = '<h1>大</h1><a href="http://x">链</a><img src="x.png"><b>粗</b>'
SHOP = f"店{HTML}"


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "home", demo=False)
    library.shops.add(SHOP, "taobao")
    library.create(
        EntryDraft(
            reply=f"回复{HTML}", title=f"标题{HTML}", shop=SHOP, category='<h1>类<img src="x.png"><b>粗',
            tags=(f"签{HTML}",), question=f"问{HTML}", guidance=f"思{HTML}", basis=f"据{HTML}", code="h1",
        )
    )  # fmt: skip
    yield library
    library.close()


@pytest.fixture
def window(lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    with shown_window(lib, settings, qtbot, SHOP, size=(1300, 850)) as win:
        yield win


def rendered(root: QWidget) -> list[str]:
    """Visible widgets that would render library text as HTML."""
    found = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if (
            label.isVisible()
            and ("<h1>" in text or "<img" in text)
            and label.textFormat() != Qt.TextFormat.PlainText
        ):
            found.append(f"QLabel {label.objectName() or type(label.parent()).__name__}: {text[:40]}")
    for edit in root.findChildren(QTextEdit):
        shown = edit.toPlainText()
        if edit.isVisible() and "大" in shown and "<h1>" not in shown:
            found.append(f"QTextEdit {edit.objectName() or type(edit.parent()).__name__}: {shown[:40]}")
    return found


def test_workspace_and_workbench_show_library_text_as_typed(window: MainWindow, qtbot: Any) -> None:
    ws = window.workspace
    ws.search.setText("标题")
    qtbot.waitUntil(ws.wait_idle, timeout=5000)
    qtbot.keyClick(ws.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "<h1>" in ws.preview.title.text(), timeout=5000)
    assert ws.preview.title.text().startswith("标题<h1>")
    assert rendered(window) == []
    manage = window.manage
    if manage is None:
        pytest.skip("the workbench is not installed")
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(bar.count() - 1).center())
    manage.session.set_initial_pin("246813")
    nav = manage.nav
    for row in range(nav.count()):
        rect = nav.visualItemRect(nav.item(row))
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.wait(50)
        page = manage.pages.currentWidget()
        view = getattr(page, "view", None) or getattr(page, "table", None)
        if view is not None and view.model() is not None and view.model().rowCount() > 0:
            index = view.model().index(0, 0)
            view.scrollTo(index)
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
            qtbot.wait(50)
        assert rendered(window) == [], f"page {nav.item(row).text()}"


def test_message_boxes_escape_library_text() -> None:
    error = ValidationError(f"快捷编码已被「标题{HTML}」使用")
    shown = plain_text(str(error))
    assert "<h1>" not in shown and "&lt;h1&gt;" in shown
    assert plain_text("没有尖括号的普通消息") == "没有尖括号的普通消息"
