# ruff: noqa: F811  (pytest fixtures imported from test_workspace are used as parameters)
"""The gaps an auditor found running the real app, each proved through the widgets."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui import theme
from csdesk.gui.mainwindow import COMPACT_WIDTH, MainWindow
from csdesk.gui.settings import Settings
from csdesk.gui.workspace import windowing
from csdesk.gui.workspace.customer import CustomerPanel
from csdesk.gui.workspace.delegate import snippet_for
from csdesk.gui.workspace.dialogs import FillInDialog, RedLineDialog
from csdesk.gui.workspace.workspace import Workspace
from tests.gui.test_workspace import (  # noqa: F401
    SHOP,
    clipboard_text,
    on_modal,
    risky_entries,
    search,
    settle,
    window,
    ws,
)

SNACKS = "小馋猫零食铺"
HOME = "木几家居旗舰店"


def last_usage(lib: Library) -> Any:
    return lib.database.one("SELECT entry_id, query, action, note FROM usage_log ORDER BY id DESC LIMIT 1")


# -- 1. keys in the customer panel stay there ------------------------------------------------------------------
def test_enter_and_esc_in_customer_panel_do_not_reach_the_search(
    ws: Workspace, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    qtbot.waitUntil(ws.search.hasFocus)
    ws.customer_panel.set_nickname("晴天穿搭日记")  # (the detail fields are enabled with a nickname)
    search(qtbot, ws, "/cm2")
    QGuiApplication.clipboard().setText("sentinel")
    row = ws.results.currentIndex().row()
    for edit in (ws.customer_panel.nickname, ws.customer_panel.birthday):
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            qtbot.keyClick(edit, key)
        assert clipboard_text() == "sentinel"
        assert ws.search.text() == "/cm2"
        assert ws.results.currentIndex().row() == row
        assert edit.hasFocus()
    ws.customer_panel.birthday.clear()
    qtbot.keyClicks(ws.customer_panel.birthday, "03-08")
    assert ws.customer_panel.birthday.text() == "03-08" and ws.search.text() == "/cm2"


# -- 2. the fill-in form ---------------------------------------------------------------------------------------
def test_fill_in_enter_walks_the_empty_fields_and_accepts_only_when_full(
    ws: Workspace, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    demo_lib.create(EntryDraft(reply="订单{订单号}已改成{尺码}", title="测试两项", code="ttwo", shop=SHOP))
    search(qtbot, ws, "/ttwo")
    steps: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FillInDialog)
        order, size = dialog.edits["订单号"], dialog.edits["尺码"]
        qtbot.keyClick(order, Qt.Key.Key_Return)  # nothing typed yet: on to the next empty field, no copy
        assert dialog.isVisible() and dialog.focusWidget() is size
        qtbot.keyClick(size, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.focusWidget() is order
        order.setText("A123")
        qtbot.keyClick(order, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.focusWidget() is size
        dialog.copy_button.click()  # 复制 with a field still empty is refused too
        assert dialog.isVisible() and "尺码" in dialog.problem.text()
        size.setText("L码")
        qtbot.keyClick(size, Qt.Key.Key_Return)
        steps.append("done")

    on_modal(qtbot, fill)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert steps == ["done"]
    assert clipboard_text() == "订单A123已改成L码"


def test_copy_refused_when_a_placeholder_is_still_missing_after_the_form(
    ws: Workspace, settings: Settings, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set("check_before_copy", False)
    search(qtbot, ws, "/cm1")  # {尺码}
    monkeypatch.setattr(ws.copier, "ask_values", lambda *a, **k: {"尺码": ""})
    QGuiApplication.clipboard().setText("sentinel")
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel"
    toast = ws.copier.toast
    assert toast is not None and "{尺码}" in toast.label.text()


# -- 3 + 4. dialogs from the palette, focus back to the chat window ---------------------------------------------
@pytest.fixture
def platform_windows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The platform layer replaced: the chat window is 4242; the ids csdesk asks to activate are recorded."""
    activated: list[int] = []
    monkeypatch.setattr(windowing, "active_window", lambda: 4242)
    monkeypatch.setattr(windowing, "activate_window", lambda wid: activated.append(wid) or True)
    return activated


def palette_showing(window: MainWindow, settings: Settings, qtbot: Any, query: str) -> Any:
    """The palette summoned with ``query`` searched (no red-line check before copying)."""
    settings.set("check_before_copy", False)
    palette = window.palette_window
    palette.summon()
    palette.search.setText(query)
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    return palette


def test_palette_steps_aside_for_the_form_and_gives_focus_back(
    window: MainWindow, settings: Settings, qtbot: Any, platform_windows: list[int]
) -> None:
    palette = palette_showing(window, settings, qtbot, "/cm1")
    seen: list[bool] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FillInDialog)
        seen.append(palette.isVisible())  # the always-on-top palette must not cover the form
        dialog.edits["尺码"].setText("S码")
        qtbot.keyClick(dialog.edits["尺码"], Qt.Key.Key_Return)

    on_modal(qtbot, fill)
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert seen == [False]
    assert "S码" in clipboard_text()
    assert not palette.isVisible()
    assert platform_windows and set(platform_windows) == {4242}  # the chat window, not csdesk's main window


def test_palette_comes_back_when_the_form_is_cancelled(
    window: MainWindow, settings: Settings, qtbot: Any, platform_windows: list[int]
) -> None:
    palette = palette_showing(window, settings, qtbot, "/cm1")
    on_modal(qtbot, lambda d: d.reject())  # type: ignore[attr-defined]
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert palette.isVisible() and platform_windows == []
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    assert not palette.isVisible() and platform_windows == [4242]


def test_x11_active_window_falls_back_to_xdotool(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    calls: list[tuple[str, ...]] = []

    def xdotool(*args: str) -> str | None:
        calls.append(args)
        return "777" if args == ("getactivewindow",) else ""

    monkeypatch.setattr(windowing, "_x11_platform", lambda: True)
    monkeypatch.setattr(windowing, "_x11_active_window", lambda: 0)
    monkeypatch.setattr(windowing, "_x11_activate", lambda _wid: False)
    monkeypatch.setattr(windowing, "_xdotool", xdotool)
    foreground = windowing.ForegroundWindow()
    foreground.remember()
    assert foreground.window == 777
    assert foreground.restore()
    assert calls == [("getactivewindow",), ("windowactivate", "777")]
    monkeypatch.setattr(windowing, "_xdotool", lambda *a: None)  # neither libX11 nor xdotool: no harm done
    foreground.remember()
    assert foreground.window == 0 and not foreground.restore()


# -- 5. dark theme -----------------------------------------------------------------------------------------------
def test_dark_theme_sets_a_dark_palette_and_light_restores(qapp: QApplication) -> None:
    try:
        theme.apply_theme(qapp, "dark")
        probe = QWidget()
        palette = qapp.palette()
        assert palette.color(QPalette.ColorRole.Window).lightness() < 100
        assert palette.color(QPalette.ColorRole.Base).lightness() < 100
        assert palette.color(QPalette.ColorRole.Text).lightness() > 180
        assert probe.palette().color(QPalette.ColorRole.Window) == palette.color(QPalette.ColorRole.Window)
        assert theme.is_dark(probe)
    finally:
        theme.apply_theme(qapp, "light")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert qapp.palette().color(QPalette.ColorRole.Text).lightness() < 80
    assert not theme.is_dark(QWidget())


# -- 6. red lines ------------------------------------------------------------------------------------------------
@pytest.mark.usefixtures("risky_entries")
def test_block_dialog_enter_cancels_without_reason_and_overrides_with_one(
    ws: Workspace, demo_lib: Library, qtbot: Any
) -> None:
    search(qtbot, ws, "/tblock")
    QGuiApplication.clipboard().setText("sentinel")

    def empty_enter(dialog: QWidget) -> None:
        assert isinstance(dialog, RedLineDialog) and dialog.blocked
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    on_modal(qtbot, empty_enter)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel"

    def reason_enter(dialog: QWidget) -> None:
        assert isinstance(dialog, RedLineDialog)
        dialog.reason.setText("活动页写明了")
        assert dialog.copy_button.isDefault()
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    on_modal(qtbot, reason_enter)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "我们保证假一赔十"
    row = last_usage(demo_lib)
    assert (row["action"], row["note"]) == ("override", "活动页写明了")


@pytest.mark.usefixtures("risky_entries")
def test_warning_copied_anyway_is_logged_as_warned(ws: Workspace, demo_lib: Library, qtbot: Any) -> None:
    search(qtbot, ws, "/twarn")
    on_modal(qtbot, lambda d: d.copy_button.click())  # type: ignore[attr-defined]
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    row = last_usage(demo_lib)
    assert row["action"] == "warned" and "最好" in row["note"]


# -- 7 + 8. SOP view ---------------------------------------------------------------------------------------------
def test_sop_view_follows_the_shop(window: MainWindow, demo_lib: Library, qtbot: Any) -> None:
    view = window.sop_view
    names = lambda: [view.sop_model.sop(r).name for r in range(view.sop_model.rowCount())]  # noqa: E731
    window.tabs.setCurrentWidget(view)
    assert names() == [s.name for s in demo_lib.sops.all(shop=SHOP)]
    window.tabs.setCurrentWidget(window.workspace)
    ws = window.workspace
    ws.shop_combo.setCurrentIndex(ws.shop_model.row_of(HOME))
    window.tabs.setCurrentWidget(view)
    expected = [s.name for s in demo_lib.sops.all(shop=HOME)]
    assert "家具安装遇到问题" in expected
    assert names() == expected
    ws.step_shop(1)  # switched while the SOP tab shows (Ctrl+PgDn in the workspace, or another window)
    assert names() == [s.name for s in demo_lib.sops.all(shop=ws.shop)]


def test_sop_keys_work_after_switching_tabs_and_from_the_scenario_list(
    window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    view = window.sop_view
    window.tabs.setCurrentWidget(window.sop_view)
    qtbot.waitUntil(view.steps.hasFocus)
    sop = view.current_sop()
    assert sop is not None
    plain = [
        (i + 1, demo_lib.get(s.entry_id))
        for i, s in enumerate(sop.steps)
        if s.entry_id and not demo_lib.render(demo_lib.get(s.entry_id), shop=SHOP).missing
    ]
    first_n, first = plain[0]
    view.steps.setCurrentIndex(view.step_model.index(first_n - 1, 0))
    qtbot.keyClick(view.steps, Qt.Key.Key_Return)
    assert clipboard_text() == demo_lib.render(first, shop=SHOP).text
    qtbot.keyClick(view.steps, Qt.Key.Key_Left)
    assert view.sop_list.hasFocus()
    QGuiApplication.clipboard().setText("sentinel")
    n, entry = plain[-1]
    qtbot.keyClick(view.sop_list, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
    assert clipboard_text() == demo_lib.render(entry, shop=SHOP).text
    view.steps.setCurrentIndex(view.step_model.index(first_n - 1, 0))
    QGuiApplication.clipboard().setText("sentinel")
    qtbot.keyClick(view.sop_list, Qt.Key.Key_Return)
    assert clipboard_text() == demo_lib.render(first, shop=SHOP).text
    qtbot.keyClick(view.sop_list, Qt.Key.Key_Right)
    assert view.steps.hasFocus()


# -- 9 + 10. slim side panel, fonts, fitting the screen ----------------------------------------------------------
def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


@pytest.mark.qt_log_ignore("does not support raise")
def test_side_panel_is_slim_and_on_screen(window: MainWindow, settings: Settings, qtbot: Any) -> None:
    settings.set("always_on_top", True)
    area = window.screen().availableGeometry()
    assert window.minimumSizeHint().width() <= COMPACT_WIDTH
    assert window.width() <= COMPACT_WIDTH
    qtbot.waitUntil(lambda: _inside(window.frameGeometry(), area))
    panel = window.workspace.customer_panel
    assert not panel.details.isVisible() and panel.nickname.isVisible()
    settings.set("always_on_top", False)
    qtbot.mouseClick(
        panel.expand_button, Qt.MouseButton.LeftButton
    )  # folded until a customer is set (issue 14)
    assert panel.details.isVisible() and window.workspace.left.isVisible()
    qtbot.waitUntil(lambda: _inside(window.frameGeometry(), area))


def test_font_size_setting_reaches_the_search_box(window: MainWindow, settings: Settings, qtbot: Any) -> None:
    ws = window.workspace
    try:
        settings.set("font_size", 10)
        small = ws.search.font().pointSizeF()
        settings.set("font_size", 16)
        assert ws.search.font().pointSizeF() == pytest.approx(16 * 1.3, abs=0.2)
        assert ws.search.font().pointSizeF() > small
        assert window.palette_window.search.font().pointSizeF() == pytest.approx(16 * 1.3, abs=0.2)
        assert ws.preview.hint.font().pointSizeF() == pytest.approx(16 * 0.9, abs=0.2)
    finally:
        settings.set("font_size", 0)


def test_window_fits_the_screen_with_english_at_size_14(
    demo_lib: Library, settings: Settings, qtbot: Any, qapp: QApplication
) -> None:
    from csdesk.gui import i18n

    settings.set("close_to_tray", False)
    try:
        i18n.install("en")
        theme.apply_font(qapp, 14)
        win = MainWindow(demo_lib, settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(win.workspace.wait_idle)
        area = win.screen().availableGeometry()
        assert win.minimumSizeHint().width() <= area.width() // 2
        qtbot.waitUntil(lambda: _inside(win.frameGeometry(), area))
        win.shutdown()
    finally:
        theme.apply_font(qapp, 0)
        i18n.install("zh_CN")


# -- 11. tag chips wrap and stay visible -------------------------------------------------------------------------
def test_chip_host_grows_when_chips_wrap(demo_lib: Library, qtbot: Any) -> None:
    panel = CustomerPanel(demo_lib)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.mouseClick(
        panel.expand_button, Qt.MouseButton.LeftButton
    )  # folded until a customer is set (issue 14)
    host = max(panel.chip_hosts, key=lambda h: h.flow.count())
    assert host.flow.count() >= 3
    qtbot.waitUntil(lambda: host.width() > 700)
    one_line = host.height()
    panel.resize(200, 600)
    qtbot.waitUntil(lambda: host.width() < 200)
    qtbot.waitUntil(lambda: host.height() > one_line)
    for i in range(host.flow.count()):
        chip = host.flow.itemAt(i).widget()
        assert chip.geometry().bottom() < host.height()  # every wrapped chip inside its host, none cut off
        assert chip.geometry().right() < host.width() or chip.geometry().left() == 0


# -- 12. close-to-tray -------------------------------------------------------------------------------------------
def test_turning_off_close_to_tray_makes_closing_quit(
    window: MainWindow, settings: Settings, qapp: QApplication
) -> None:
    try:
        window.tray.available = True
        settings.set("close_to_tray", True)
        assert not qapp.quitOnLastWindowClosed()
        settings.set("close_to_tray", False)
        assert qapp.quitOnLastWindowClosed()
        settings.set("close_to_tray", True)
        assert not qapp.quitOnLastWindowClosed()
    finally:
        settings.set("close_to_tray", False)
        window.tray.available = False
        qapp.setQuitOnLastWindowClosed(True)


# -- 13. the reply comes first in the preview --------------------------------------------------------------------
def test_reply_keeps_room_beside_an_asset_and_guidance(ws: Workspace, qtbot: Any) -> None:
    window = ws.window()
    window.resize(1280, 800)
    search(qtbot, ws, "/cm2")  # a size chart image, guidance below
    qtbot.waitUntil(ws.preview.assets.isVisible)
    reply = ws.preview.reply
    lines = reply.height() / reply.fontMetrics().lineSpacing()
    assert lines >= 6
    assert not reply.verticalScrollBar().isVisible()
    assert reply.height() > ws.preview.notes.height()


# -- 14. a /code that does not exist -----------------------------------------------------------------------------
def test_unknown_code_says_so_and_enter_copies_no_guess(
    window: MainWindow, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    ws = window.workspace
    QGuiApplication.clipboard().setText("sentinel")
    search(qtbot, ws, "/cm9x")
    assert "无此编码" in ws.result_info.text()
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel"
    search(qtbot, ws, "/bzq")  # a code of another shop
    assert SNACKS in ws.result_info.text()
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel"
    search(qtbot, ws, "/cm")  # a code prefix is a code jump, not a guess: the top row is selected for Enter
    assert ws.results.currentIndex().row() == 0 and "无此编码" not in ws.result_info.text()

    QGuiApplication.clipboard().setText("sentinel")
    palette = window.palette_window
    palette.summon()
    palette.search.setText("/cm9x")
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    assert "无此编码" in palette.info.text()
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel" and palette.isVisible()
    palette.dismiss()


# -- 15. the search log ------------------------------------------------------------------------------------------
def test_search_log_marks_only_the_surface_that_copied(
    window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any, platform_windows: list[int]
) -> None:
    settings.set("check_before_copy", False)
    ws = window.workspace
    search(qtbot, ws, "yh")
    palette = window.palette_window
    palette.summon()
    palette.search.setText("/cm2")
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)  # copied from the palette …
    assert last_usage(demo_lib)["query"] == "/cm2"
    window.tabs.setCurrentWidget(window.sop_view)
    window.sop_view.copy_step(1)  # … and from the SOP view
    window.tabs.setCurrentWidget(ws)
    ws.clear_search()  # the workspace's "yh" was abandoned all the same
    rows = [r for r in demo_lib.usage.search_log() if r["query"] == "yh"]
    assert len(rows) == 1 and rows[0]["copied"] == 0


def test_palette_reopened_and_dismissed_logs_the_query_once(
    window: MainWindow, demo_lib: Library, qtbot: Any, platform_windows: list[int]
) -> None:
    palette = window.palette_window
    palette.summon()
    palette.search.setText("火星快递")
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    palette.summon()
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    assert palette.search.text() == "火星快递"
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    assert [r["query"] for r in demo_lib.usage.search_log()].count("火星快递") == 1


# -- 16. the small ones ------------------------------------------------------------------------------------------
def test_ctrl_page_keys_cycle_the_shop(ws: Workspace, settings: Settings, qtbot: Any) -> None:
    count = ws.shop_combo.count()
    start = ws.shop_combo.currentIndex()
    qtbot.keyClick(ws.search, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert ws.shop_combo.currentIndex() == (start + 1) % count
    assert settings.get("last_shop") == ws.shop
    qtbot.keyClick(ws.search, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(ws.search, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert ws.shop_combo.currentIndex() == (start - 1) % count
    assert "Ctrl+PgUp" in ws.preview.hint.text()


def test_agent_name_comes_from_the_setting(
    ws: Workspace, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    demo_lib.set_setting("agent_name", "")
    demo_lib.create(
        EntryDraft(reply="我是{客服名},{客户昵称}您好", title="测试客服名", code="tagent", shop=SHOP)
    )
    ws.customer_panel.set_nickname("阿花")
    search(qtbot, ws, "/tagent")

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FillInDialog) and list(dialog.edits) == ["客服名"]
        dialog.edits["客服名"].setText("小林")
        dialog.accept()

    on_modal(qtbot, fill)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "我是小林,阿花您好"
    assert demo_lib.setting("agent_name") == "小林"  # typed once, kept as the agent's name
    demo_lib.set_setting("agent_name", "小美")  # changed in the settings dialog
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "我是小美,阿花您好"  # the setting wins over anything remembered
    assert QApplication.activeModalWidget() is None


def test_language_note_sits_under_the_language(
    window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    from csdesk.gui.settingsdialog import SettingsDialog

    dialog = SettingsDialog(demo_lib, settings, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    note = dialog.language_note.geometry()
    language, theme_combo = dialog.choices["language"].geometry(), dialog.choices["theme"].geometry()
    assert language.bottom() < note.top() < theme_combo.top()
    dialog.reject()


def test_settings_has_ctrl_comma(window: MainWindow) -> None:
    assert QKeySequence("Ctrl+,") in window.settings_action.shortcuts()


def test_result_row_shows_the_variant_that_will_be_copied(
    ws: Workspace, demo_lib: Library, qtbot: Any
) -> None:
    entry = demo_lib.create(EntryDraft(reply="原来的说法", title="测试变体行", code="tvrow", shop=SHOP))
    variant = demo_lib.variants.add(entry.id, "B 组的说法", label="B", ab_group="B")
    search(qtbot, ws, "/tvrow")
    assert snippet_for(ws.result_model.hit(0))[0] == "原来的说法"  # type: ignore[arg-type]
    combo = ws.preview.variants
    combo.setCurrentIndex(combo.findData(variant.id))
    combo.activated.emit(combo.currentIndex())
    assert snippet_for(ws.result_model.hit(0))[0] == "B 组的说法"  # type: ignore[arg-type]
    search(qtbot, ws, "/tvro")  # the pick stays with the entry in the next results
    row = next(i for i, h in enumerate(ws.result_model.hits()) if h.entry_id == entry.id)
    assert snippet_for(ws.result_model.hit(row))[0] == "B 组的说法"  # type: ignore[arg-type]


def test_palette_asset_markers_follow_asset_edits(window: MainWindow, demo_lib: Library, qtbot: Any) -> None:
    image = next(a for a in demo_lib.assets.all() if a.kind == "image")
    copy = demo_lib.assets.add(demo_lib.assets.path(image), folder="测试", title="新图")
    palette = window.palette_window
    qtbot.waitUntil(lambda: palette.model.asset_kinds.get(copy.id) == "image")
    assert window.workspace.result_model.asset_kinds.get(copy.id) == "image"


def test_fill_in_dialog_alone_refuses_empty(qtbot: Any) -> None:
    dialog = FillInDialog(["订单号"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.edits["订单号"].setText("1")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
