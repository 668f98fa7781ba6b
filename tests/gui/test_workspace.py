"""The agent's workspace: typing, moving, copying with Enter / Ctrl+n, placeholders, red lines, customers, SOPs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft, Rule
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from csdesk.gui.workspace.dialogs import FillInDialog, RedLineDialog
from csdesk.gui.workspace.workspace import Workspace

SHOP = "栖木女装旗舰店"


@pytest.fixture
def window(demo_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    settings.set("close_to_tray", False)
    settings.set("last_shop", SHOP)
    win = MainWindow(demo_lib, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.workspace.wait_idle())
    yield win
    win.shutdown()
    win.close()


@pytest.fixture
def ws(window: MainWindow) -> Workspace:
    return window.workspace


def settle(qtbot: Any, ws: Workspace) -> None:
    qtbot.waitUntil(ws.wait_idle, timeout=5000)


def search(qtbot: Any, ws: Workspace, text: str) -> None:
    ws.search.setText(text)
    settle(qtbot, ws)


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def on_modal(qtbot: Any, action: Callable[[QWidget], None]) -> list[QWidget]:
    """Run ``action`` on the next modal dialog as soon as it opens (the copy flow blocks in exec())."""
    seen: list[QWidget] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(modal)
        try:
            action(modal)
        except BaseException:
            if isinstance(modal, QDialog) and modal.isVisible():
                modal.reject()  # never leave the test hanging in exec()
            raise

    QTimer.singleShot(0, poll)
    return seen


def test_search_box_has_focus_and_shop_is_remembered(ws: Workspace, qtbot: Any) -> None:
    qtbot.waitUntil(ws.search.hasFocus)
    assert ws.shop == SHOP


def test_typing_pinyin_selects_top_result(ws: Workspace, qtbot: Any) -> None:
    qtbot.keyClicks(ws.search, "chima")
    settle(qtbot, ws)
    hits = ws.result_model.hits()
    assert hits and "尺码" in hits[0].entry.title
    assert ws.results.currentIndex().row() == 0
    assert ws.preview.entry is not None and ws.preview.entry.id == hits[0].entry_id


def test_arrows_move_and_enter_copies_rendered_reply(
    ws: Workspace, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    search(qtbot, ws, "尺码")
    hits = ws.result_model.hits()
    target = next(i for i, h in enumerate(hits) if i > 0 and not demo_lib.render(h.entry, shop=SHOP).missing)
    for _ in range(target):
        qtbot.keyClick(ws.search, Qt.Key.Key_Down)
    assert ws.results.currentIndex().row() == target
    assert ws.search.hasFocus()
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == demo_lib.render(hits[target].entry, shop=SHOP).text


def test_ctrl_3_copies_third_result_and_logs_query(
    ws: Workspace, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    search(qtbot, ws, "发货")
    hits = ws.result_model.hits()
    assert len(hits) >= 3
    third = hits[2]
    if demo_lib.render(third.entry, shop=SHOP).missing:
        on_modal(qtbot, lambda d: (_fill_all(d), d.accept()))  # type: ignore[func-returns-value]
    qtbot.keyClick(ws.search, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert ws.results.currentIndex().row() == 2
    assert third.entry.reply[:4] in clipboard_text() or clipboard_text()
    row = demo_lib.database.one("SELECT entry_id, query, action FROM usage_log ORDER BY id DESC LIMIT 1")
    assert (
        row is not None
        and row["entry_id"] == third.entry_id
        and row["query"] == "发货"
        and row["action"] == "copy"
    )


def _fill_all(dialog: QWidget) -> None:
    assert isinstance(dialog, FillInDialog)
    for name, edit in dialog.edits.items():
        edit.setText(f"<{name}>")


def test_code_jump_finds_exact_code(ws: Workspace, qtbot: Any) -> None:
    qtbot.keyClicks(ws.search, "/cm2")
    settle(qtbot, ws)
    assert ws.result_model.hits()[0].entry.code == "cm2"


def test_missing_placeholder_opens_form_and_is_remembered(
    ws: Workspace, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    ws.customer_panel.set_nickname("新来的顾客")
    search(qtbot, ws, "/cm1")  # 尺码推荐(连衣裙) has {尺码}
    entry = ws.result_model.hits()[0].entry
    assert "尺码" in demo_lib.render(entry, shop=SHOP).missing

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FillInDialog)
        dialog.edits["尺码"].setText("M码")
        qtbot.keyClick(dialog.edits["尺码"], Qt.Key.Key_Return)

    seen = on_modal(qtbot, fill)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert seen and "M码" in clipboard_text()
    # the value is remembered for this customer: the second copy asks nothing
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert "M码" in clipboard_text()
    assert QApplication.activeModalWidget() is None


def test_cancelled_form_copies_nothing(ws: Workspace, settings: Settings, qtbot: Any) -> None:
    settings.set("check_before_copy", False)
    search(qtbot, ws, "/cm1")
    QGuiApplication.clipboard().setText("sentinel")
    on_modal(qtbot, lambda d: d.reject())  # type: ignore[attr-defined]
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel"


@pytest.fixture
def risky_entries(demo_lib: Library) -> None:
    demo_lib.rules.add(
        Rule(None, "假一赔十", severity="block", reason="不能承诺", suggestion="说「支持正品验证」")
    )
    demo_lib.create(EntryDraft(reply="这款面料质量最好了,放心买", title="测试提醒", code="twarn", shop=SHOP))
    demo_lib.create(EntryDraft(reply="我们保证假一赔十", title="测试拦截", code="tblock", shop=SHOP))


@pytest.mark.usefixtures("risky_entries")
def test_warn_rule_shows_words_and_copies_anyway(ws: Workspace, demo_lib: Library, qtbot: Any) -> None:
    search(qtbot, ws, "/twarn")

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, RedLineDialog) and not dialog.blocked
        details = dialog.findChild(QWidget, "redLineDetails")
        assert "最好" in details.toPlainText()  # type: ignore[union-attr]
        dialog.copy_button.click()

    seen = on_modal(qtbot, confirm)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert seen and clipboard_text() == "这款面料质量最好了,放心买"


@pytest.mark.usefixtures("risky_entries")
def test_block_rule_needs_reason_and_logs_override(ws: Workspace, demo_lib: Library, qtbot: Any) -> None:
    search(qtbot, ws, "/tblock")
    QGuiApplication.clipboard().setText("sentinel")
    on_modal(qtbot, lambda d: d.reject())  # type: ignore[attr-defined]
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel"

    def override(dialog: QWidget) -> None:
        assert isinstance(dialog, RedLineDialog) and dialog.blocked
        assert not dialog.copy_button.isEnabled()
        dialog.reason.setText("主管同意,活动页有写")
        assert dialog.copy_button.isEnabled()
        dialog.copy_button.click()

    on_modal(qtbot, override)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "我们保证假一赔十"
    row = demo_lib.database.one("SELECT action, note FROM usage_log ORDER BY id DESC LIMIT 1")
    assert row is not None and (row["action"], row["note"]) == ("override", "主管同意,活动页有写")


def test_customer_tags_change_ranking_and_variant(ws: Workspace, demo_lib: Library, qtbot: Any) -> None:
    search(qtbot, ws, "尺码")
    plain = [h.entry.title for h in ws.result_model.hits()]
    ws.customer_panel.set_nickname("犹豫的小王")
    chip = ws.customer_panel.chip("犹豫型")
    assert chip is not None and chip.isEnabled()
    chip.click()  # creates the customer and tags them
    settle(qtbot, ws)
    customer = demo_lib.customers.get("犹豫的小王", shop=SHOP)
    assert customer is not None and "犹豫型" in customer.tags
    ranked = ws.result_model.hits()
    assert [h.entry.title for h in ranked] != plain
    assert ranked[0].variant_id is not None
    assert ws.preview.variants.currentData() == ranked[0].variant_id
    chip.click()  # one click removes it again
    assert "犹豫型" not in (demo_lib.customers.get("犹豫的小王", shop=SHOP) or customer).tags


def test_known_customer_shows_tags(ws: Workspace, qtbot: Any) -> None:
    ws.customer_panel.set_nickname("晴天穿搭日记")
    chip = ws.customer_panel.chip("品质关注型")
    assert chip is not None and chip.isChecked()
    assert "55kg" in ws.customer_panel.notes.toPlainText()
    assert not ws.customer_panel.create_button.isVisible()


def test_image_asset_goes_on_clipboard_as_image(ws: Workspace, settings: Settings, qtbot: Any) -> None:
    settings.set("check_before_copy", False)
    search(qtbot, ws, "/cm2")
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage() and mime.hasText()
    assert "阔腿裤" in mime.text() or mime.text()


def test_pdf_asset_goes_on_clipboard_as_file_url(
    ws: Workspace, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    pdf = next(a for a in demo_lib.assets.all() if a.kind == "pdf")
    entry = demo_lib.create(
        EntryDraft(reply="检测报告发您看一下", title="发检测报告", code="tpdf", shop=SHOP)
    )
    demo_lib.assets.link(entry.id, pdf.id)
    search(qtbot, ws, "/tpdf")
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasUrls() and mime.urls()[0].toLocalFile().endswith(".pdf")
    toast = ws.copier.toast
    assert toast is not None and toast.isVisible() and len(toast._buttons) == 2


def test_enter_while_ime_composing_does_not_copy(ws: Workspace, settings: Settings, qtbot: Any) -> None:
    settings.set("check_before_copy", False)
    search(qtbot, ws, "/cm2")
    QGuiApplication.clipboard().setText("sentinel")
    QApplication.sendEvent(ws.search, QInputMethodEvent("chi", []))
    assert ws.search.composing
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() == "sentinel"
    commit = QInputMethodEvent()
    commit.setCommitString("")
    QApplication.sendEvent(ws.search, commit)
    assert not ws.search.composing
    settle(qtbot, ws)
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert clipboard_text() != "sentinel"


def test_keys_typed_elsewhere_go_to_search_box(ws: Workspace, qtbot: Any) -> None:
    ws.search.clear()
    ws.category_tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    ws.category_tree.setFocus()
    qtbot.keyClicks(ws.category_tree, "cm")
    assert ws.search.text() == "cm"
    assert ws.search.hasFocus() or QApplication.focusWidget() is ws.search


def test_escape_clears_and_logs_abandoned_search(ws: Workspace, demo_lib: Library, qtbot: Any) -> None:
    search(qtbot, ws, "火星快递")
    qtbot.keyClick(ws.search, Qt.Key.Key_Escape)
    assert ws.search.text() == ""
    rows = demo_lib.usage.search_log()
    assert rows and rows[0]["query"] == "火星快递" and rows[0]["copied"] == 0


def test_category_filter(ws: Workspace, demo_lib: Library, qtbot: Any) -> None:
    model = ws.category_model
    index = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "售前")
    ws.category_tree.clicked.emit(index)
    settle(qtbot, ws)
    assert ws.result_model.hits()
    assert all(h.entry.category_path.startswith("售前") for h in ws.result_model.hits())


def test_switching_shop_is_remembered(ws: Workspace, settings: Settings, qtbot: Any) -> None:
    row = ws.shop_model.row_of("小馋猫零食铺")
    ws.shop_combo.setCurrentIndex(row)
    settle(qtbot, ws)
    assert settings.get("last_shop") == "小馋猫零食铺"
    assert all(h.entry.shop_name in ("小馋猫零食铺", "通用") for h in ws.result_model.hits())


def test_sop_steps_copy_with_keys(
    window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    view = window.sop_view
    window.tabs.setCurrentWidget(view)
    sop = view.current_sop()
    assert sop is not None and sop.steps
    n, entry = next(
        (i + 1, demo_lib.get(s.entry_id))
        for i, s in enumerate(sop.steps)
        if s.entry_id and not demo_lib.render(demo_lib.get(s.entry_id), shop=SHOP).missing
    )
    qtbot.keyClick(view.steps, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
    assert clipboard_text() == demo_lib.render(entry, shop=SHOP).text


def test_palette_copies_and_hides(
    window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    settings.set("check_before_copy", False)
    palette = window.palette_window
    palette.summon()
    qtbot.waitUntil(palette.isVisible)
    qtbot.keyClicks(palette.search, "/cm2")
    qtbot.waitUntil(lambda: not palette.controller.is_busy())
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert clipboard_text() == demo_lib.render(demo_lib.find("cm2", shop=SHOP), shop=SHOP).text
    palette.summon()
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    assert not palette.isVisible()


def test_variant_choice_is_copied(ws: Workspace, demo_lib: Library, settings: Settings, qtbot: Any) -> None:
    settings.set("check_before_copy", False)
    entry = demo_lib.create(EntryDraft(reply="原来的说法", title="测试变体", code="tvar", shop=SHOP))
    variant = demo_lib.variants.add(entry.id, "B 组的说法", label="B", ab_group="B")
    entry = demo_lib.get(entry.id)
    search(qtbot, ws, "/tvar")
    row = next(i for i, h in enumerate(ws.result_model.hits()) if h.entry_id == entry.id)
    ws.results.select_row(row)
    combo = ws.preview.variants
    combo.setCurrentIndex(combo.findData(variant.id))
    combo.activated.emit(combo.currentIndex())
    ws.copy_row(0)
    assert clipboard_text() == demo_lib.render(entry, shop=SHOP, variant_id=variant.id).text


@pytest.mark.qt_log_ignore("does not support raise")
def test_compact_mode(window: MainWindow, settings: Settings) -> None:
    settings.set("always_on_top", True)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.workspace.left.isVisible()
    settings.set("always_on_top", False)
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_settings_dialog_saves(window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any) -> None:
    from csdesk.gui.settingsdialog import SettingsDialog

    dialog = SettingsDialog(demo_lib, settings, parent=window)
    qtbot.addWidget(dialog)
    dialog.agent_name.setText("小美")
    dialog.choices["theme"].setCurrentIndex(dialog.choices["theme"].findData("dark"))
    dialog.font_size.setValue(12)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert demo_lib.setting("agent_name") == "小美"
    assert settings.get("theme") == "dark" and settings.get("font_size") == 12
    settings.set("theme", "light")
    settings.set("font_size", 0)
