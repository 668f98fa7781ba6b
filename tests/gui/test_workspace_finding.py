"""Finding, second pass (issue 14): one category tree per shop, the tag filter, tag chips without a nickname,
the palette following the main window's shop, ``csdesk --toggle`` finding an instance started with ``--home``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from csdesk.core.library import Library
from csdesk.gui import app as app_module
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from csdesk.gui.single_instance import InstanceServer, registry_dir
from csdesk.gui.workspace.workspace import Workspace
from tests.gui.workspace_helpers import shown_window

SHOP = "栖木女装旗舰店"


@pytest.fixture
def window(demo_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    with shown_window(demo_lib, settings, qtbot, SHOP) as win:
        yield win


@pytest.fixture
def ws(window: MainWindow) -> Workspace:
    return window.workspace


def settle(qtbot: Any, ws: Workspace) -> None:
    qtbot.waitUntil(ws.wait_idle, timeout=5000)


def click_row(qtbot: Any, view: Any, index: Any) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def choose(qtbot: Any, combo: Any, row: int) -> None:
    """Pick a row of a combo box as a person does: open the popup, click the row."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    click_row(qtbot, view, view.model().index(row, 0))
    qtbot.waitUntil(lambda: not view.isVisible())


def top_labels(ws: Workspace) -> list[str]:
    model = ws.category_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_category_tree_merges_shared_scope_by_path(ws: Workspace, demo_lib: Library, qtbot: Any) -> None:
    labels = top_labels(ws)
    assert labels[0] == "全部分类"
    assert "售后" in labels and not any("(通用)" in label and "售后" in label for label in labels)
    assert len(labels) == 1 + 5  # 售前 售中 售后 投诉 老客维护, once each
    # a path only the shared scope has keeps a mark
    after_sale = ws.category_model.index_of_path("售中")
    children = [
        ws.category_model.index(r, 0, after_sale).data()
        for r in range(ws.category_model.rowCount(after_sale))
    ]
    assert "改地址(通用)" in children and "催发货" in children

    quality = ws.category_model.index_of_path("售后/质量问题")
    assert quality.isValid()
    ws.category_tree.expandAll()
    click_row(qtbot, ws.category_tree, quality)
    settle(qtbot, ws)
    hits = ws.result_model.hits()
    shops = {h.entry.shop_name for h in hits}
    assert {SHOP, "通用"} <= shops, shops  # the shared 质量问题 replies are not hidden
    assert all(h.entry.category_path.startswith("售后/质量问题") for h in hits)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_tag_filter_limits_results(ws: Workspace, qtbot: Any) -> None:
    combo = ws.tag_filter
    assert combo.itemText(0) == "全部条目标签"
    row = combo.findData("易售后")
    assert row > 0
    choose(qtbot, combo, row)
    assert combo.currentData() == "易售后"
    settle(qtbot, ws)
    hits = ws.result_model.hits()
    assert hits and all("易售后" in h.entry.tags for h in hits)
    choose(qtbot, combo, 0)
    settle(qtbot, ws)
    assert any("易售后" not in h.entry.tags for h in ws.result_model.hits())


def test_customer_panel_folded_until_customer_and_chips_work_without_nickname(
    ws: Workspace, demo_lib: Library, qtbot: Any
) -> None:
    panel = ws.customer_panel
    assert not panel.expanded
    assert ws.customer_scroll.height() <= panel.sizeHint().height() + 4
    assert ws.preview.height() > 400  # the preview gets the column
    qtbot.mouseClick(panel.expand_button, Qt.MouseButton.LeftButton)
    assert panel.expanded
    chip = panel.chip("价格敏感型")
    assert chip is not None and chip.isEnabled()
    customers_before = len(demo_lib.customers.all())
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert chip.isChecked()
    assert ws.controller.customer_tags == ("价格敏感型",)
    assert len(demo_lib.customers.all()) == customers_before  # no nickname: nothing saved
    qtbot.mouseClick(panel.expand_button, Qt.MouseButton.LeftButton)
    assert not panel.expanded
    # a nickname opens the panel by itself
    panel.nickname.setText("小王同学")
    qtbot.waitUntil(lambda: panel.expanded)  # looked up once typing pauses


@pytest.mark.qt_log_ignore("does not support raise")
def test_palette_follows_main_window_shop_and_opens_empty_for_another_shop(
    window: MainWindow, qtbot: Any
) -> None:
    ws = window.workspace
    palette = window.palette_window
    window.palette_action.trigger()
    qtbot.waitUntil(palette.isVisible)
    assert SHOP in palette.shop_label.text()
    palette.search.setText("尺码")
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    # same shop: the query comes back selected (typing replaces it)
    window.palette_action.trigger()
    assert palette.search.text() == "尺码" and palette.search.selectedText() == "尺码"
    # the main window switches shop while the palette is open: the palette follows, empty
    qtbot.keyClick(ws.search, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert ws.shop != SHOP
    assert palette.search.text() == ""
    assert ws.shop is not None and ws.shop in palette.shop_label.text()
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    assert palette.controller.shop == ws.shop
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)


def test_toggle_finds_an_instance_started_with_home(
    tmp_path: Path, qapp: QApplication, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir()
    server = InstanceServer(tmp_path / "elsewhere")
    assert server.listen()
    assert any(registry_dir().iterdir())
    received: list[str] = []
    server.message_received.connect(received.append)
    try:
        assert app_module.toggle_running_instance(None) is True  # CSDESK_HOME points to another home
        qtbot.waitUntil(lambda: received == ["toggle"])
    finally:
        server.close()
    assert not any(registry_dir().iterdir())  # the note goes with the instance
    assert app_module.toggle_running_instance(None) is False
    message = app_module.not_running_message(None)
    assert "--home" in message and str(app_module.resolve_home(None)) in message


def test_toggle_message_names_the_home(tmp_path: Path, qapp: QApplication) -> None:
    assert str(tmp_path / "x") in app_module.not_running_message(str(tmp_path / "x"))
