"""Reading and keys, second pass (issue 14): the reply's room, examples on demand, the side panel at fonts 14/16,
shortcuts that work when Qt's shortcut map is bypassed, Qt's own dialogs in Chinese, glyph coverage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from csdesk.core.library import Library
from csdesk.gui import i18n
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from csdesk.gui.theme import apply_font
from csdesk.gui.workspace.workspace import Workspace
from tests.gui.system_needs import require_cjk_font, require_qt_multimedia
from tests.gui.workspace_helpers import shown_window

SHOP = "木几家居旗舰店"


@pytest.fixture
def window(demo_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    with shown_window(demo_lib, settings, qtbot, SHOP) as win:
        yield win


def settle(qtbot: Any, ws: Workspace) -> None:
    qtbot.waitUntil(ws.wait_idle, timeout=5000)


def search(qtbot: Any, ws: Workspace, text: str) -> None:
    ws.search.setText(text)
    settle(qtbot, ws)


def test_examples_on_demand_with_key_and_button(window: MainWindow, demo_lib: Library, qtbot: Any) -> None:
    ws = window.workspace
    entry = next(e for e in demo_lib.entries.all() if e.examples and e.code and e.shop_name in (SHOP, "通用"))
    search(qtbot, ws, "/" + entry.code)
    preview = ws.preview
    assert preview.entry is not None and preview.entry.id == entry.id
    assert preview.examples_button.isVisible() and not preview.examples.isVisible()
    assert entry.examples[0].dialogue[:6] not in preview.notes.toPlainText()
    qtbot.keyClick(ws.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert preview.examples.isVisible()
    assert entry.examples[0].dialogue[:6] in preview.examples.toPlainText()
    assert ws.search.text() == "/" + entry.code  # the key typed nothing
    qtbot.mouseClick(preview.examples_button, Qt.MouseButton.LeftButton)
    assert not preview.examples.isVisible()


def test_reply_gets_the_room_it_needs_with_image_and_guidance(window: MainWindow, qtbot: Any) -> None:
    ws = window.workspace
    search(qtbot, ws, "/az")  # an install picture and guidance
    qtbot.waitUntil(ws.preview.assets.isVisible)
    qtbot.wait(50)
    reply = ws.preview.reply
    assert not reply.verticalScrollBar().isVisible()
    assert reply.height() >= reply.document().size().height()  # the whole reply, no scrolling
    # the guidance is not cut either: it shows whole, or (where the font's glyphs are wide, as Droid Sans Fallback's)
    # it has its full share of the pane, 45 %, and scrolls
    notes = ws.preview.notes
    share = int(sum(ws.preview.split.sizes()) * 0.45)
    assert not notes.verticalScrollBar().isVisible() or notes.height() >= share - 1
    assert not ws.customer_panel.expanded  # no customer: the panel is only its nickname line


def _window_rect(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


@pytest.mark.qt_log_ignore("does not support raise")
@pytest.mark.parametrize("font", [14, 16])
# many results; an entry with a picture, a video and variants
@pytest.mark.parametrize("query", ["退", "/az"])
def test_side_panel_keeps_shop_selector_and_six_results_nothing_overlapping(
    font: int, query: str, window: MainWindow, settings: Settings, qtbot: Any, qapp: QApplication
) -> None:
    ws = window.workspace
    before = QApplication.font().pointSizeF()
    try:
        settings.set("font_size", font)
        if query == "/az":  # a video playing when the panel is asked for must not widen it
            require_qt_multimedia()
            search(qtbot, ws, query)
            video = ws.preview.video
            assert video is not None
            qtbot.mouseClick(video.play_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: video.player is not None and video.player.position() > 0, timeout=10000)
        window.on_top_action.trigger()
        qtbot.waitUntil(lambda: window.width() <= 480)
        search(qtbot, ws, query)
        qtbot.wait(100)
        assert ws.shop_combo.isVisible()
        assert ws.search.geometry().top() > ws.shop_combo.geometry().bottom()
        if query == "退":
            assert len(ws.result_model.hits()) >= 6
        row_height = ws.results.sizeHintForRow(0)
        assert ws.results.viewport().height() >= 6 * row_height  # room for six whole rows
        preview = ws.preview
        if query == "/az":
            assert preview.assets.isVisible() and preview.video is not None and preview.video.isVisible()
        parts = {
            "shop": ws.shop_combo,
            "search": ws.search,
            "results": ws.results,
            "count": ws.result_info,
            "title": preview.title,
            "variants": preview.variants,
            "reply": preview.reply,
            "assets": preview.assets,
            "video": preview.video,
            "notes": preview.notes,
            "customer": ws.customer_scroll,
        }
        shown = {
            name: _window_rect(w, window) for name, w in parts.items() if w is not None and w.isVisible()
        }
        inside = window.rect()
        for name, rect in shown.items():
            assert rect.height() > 0 and inside.contains(rect), (name, rect, inside)
        nickname = ws.customer_panel.nickname
        assert ws.customer_scroll.viewport().height() >= nickname.height()  # the nickname line is not clipped
        names = sorted(shown)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                assert not shown[a].intersects(shown[b]), (a, shown[a], b, shown[b])
        # the reply shows two whole lines at least (it is set at 150 % line height)
        assert preview.reply.viewport().height() >= 2 * 1.5 * preview.reply.fontMetrics().lineSpacing()
        # the panel asks no more height than a 768-pixel screen has besides a title bar
        assert window.minimumSizeHint().height() <= 768 - 32
        # the status bar is folded away; its messages show as a toast (here: the next shop, Ctrl+PgDn)
        assert not window.statusBar().isVisible()
        qtbot.keyClick(ws.search, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        toast = window._panel_toast
        assert toast is not None and toast.isVisible() and "店铺" in toast.label.text()
        window.on_top_action.trigger()
        assert not ws.compact and ws.left.isVisible()
        assert window.statusBar().isVisible()  # folded in the side panel only
    finally:
        apply_font(qapp, int(before))


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_alt_digit_and_ctrl_comma_work_when_the_shortcut_map_is_bypassed(
    window: MainWindow, qtbot: Any
) -> None:
    """Without a window manager Qt may not consider the window active: the key then reaches the search box."""
    ws = window.workspace
    ws.search.setText("")
    opened: list[str] = []

    def close_modal() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, close_modal)
            return
        opened.append(type(modal).__name__)
        modal.close()

    # qtbot.keyClick sends the event to the widget: the application's shortcut map does not see it
    qtbot.keyClick(ws.search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.sop_view
    assert ws.search.text() == ""
    window.tabs.setCurrentWidget(ws)
    QTimer.singleShot(0, close_modal)
    qtbot.keyClick(ws.search, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["SettingsDialog"]
    qtbot.keyClick(ws.search, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert window.menuBar().activeAction() is not None
    assert ws.search.text() == ""


def test_qt_dialogs_are_translated(qapp: QApplication) -> None:
    try:
        i18n.install("zh_CN")
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    finally:
        i18n.install("zh_CN")


@pytest.mark.parametrize("text", ["30℃", "①②③", "2×3", "～", "×"])
def test_service_glyphs_have_a_font(text: str, qapp: QApplication) -> None:
    """The app's font chain (its symbols font first, then the CJK fonts, then fontconfig's fallbacks) draws what
    service replies use — WenQuanYi Micro Hei alone maps ℃ to an empty glyph."""
    from csdesk.gui.glyphs import missing_glyphs

    if any(ord(char) >= 0xFF00 for char in text):  # fullwidth forms: the CJK font's
        require_cjk_font()
    before = QApplication.font().pointSizeF()
    apply_font(qapp, 12)
    try:
        assert "csdesk Symbols" in QApplication.font().families()
        assert missing_glyphs(text) == ""
    finally:
        apply_font(qapp, int(before))


@pytest.mark.parametrize("text", ["😀😂🙏", "👍👌❤🌹", "🎉💰🤔😭"])
def test_pasted_emoji_have_a_font(text: str, qapp: QApplication) -> None:
    """Emoji customers paste draw with an emoji font where one is installed (the README asks for
    fonts-noto-color-emoji); where none is, the start-up check names them instead of drawing blanks silently."""
    from PySide6.QtGui import QFontDatabase

    from csdesk.gui.glyphs import missing_glyphs

    if not any("emoji" in family.lower() for family in QFontDatabase.families()):
        pytest.skip("no emoji font installed (apt-get install fonts-noto-color-emoji)")
    assert missing_glyphs(text) == ""


def test_preview_and_result_list_draw_service_glyphs_with_the_app_font_chain(
    window: MainWindow, demo_lib: Library, qtbot: Any
) -> None:
    """The preview and the result rows use the app's font chain (its symbols font first), so ℃ ①②③ × ～ drawn there
    are the glyphs the tests above check, not a blank from WenQuanYi alone."""
    from csdesk.core.models import EntryDraft
    from csdesk.gui.glyphs import missing_glyphs

    require_cjk_font()
    text = "洗涤水温不超过30℃,步骤①②③,尺寸60×40cm～🙏"
    demo_lib.create(EntryDraft(reply=text, title="字形 30℃ ①②③", code="tglyph", shop=SHOP))
    ws = window.workspace
    search(qtbot, ws, "/tglyph")
    assert ws.preview.reply.toPlainText().startswith(text)
    for widget in (ws.preview.reply, ws.preview.title, ws.results):
        assert widget.font().families()[0] == "csdesk Symbols", widget.objectName()
    assert missing_glyphs("30℃①②③×～") == ""


def test_missing_glyph_report_names_the_characters(qapp: QApplication) -> None:
    from csdesk.gui.glyphs import missing_glyphs

    assert QFontMetrics(QApplication.font()).inFont("A")
    assert missing_glyphs("\U000e0100") == "\U000e0100"  # a variation selector no font draws alone


def test_dark_theme_and_font_apply_everywhere_at_once(
    window: MainWindow, settings: Settings, qtbot: Any, qapp: QApplication
) -> None:
    from csdesk.gui.theme import apply_theme

    ws = window.workspace
    search(qtbot, ws, "/az")
    notes = ws.preview.notes
    before_font = QApplication.font().pointSizeF()
    try:
        settings.set("theme", "dark")
        qtbot.wait(20)
        for widget in (notes, ws.preview.reply, window.sop_view.sop_list):
            image = widget.grab().toImage()
            color = image.pixelColor(image.width() // 2, image.height() - 4)
            assert color.lightness() < 110, (widget.objectName(), color.name())
        settings.set("font_size", 16)
        qtbot.wait(20)
        ws.customer_panel.set_expanded(True)
        chip = ws.customer_panel.chip("老客户")
        assert chip is not None and chip.font().pointSizeF() == pytest.approx(16, abs=0.5)
        labels = ws.customer_panel._group_labels  # 客户类型 … not cut at a big font
        qtbot.waitUntil(
            lambda: all(lb.width() >= lb.fontMetrics().horizontalAdvance(lb.text()) for lb in labels)
        )
        settings.set("font_size", 0)  # back to the default size
        qtbot.wait(20)
        assert chip.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF(), abs=0.5)
    finally:
        apply_theme(qapp, "light")
        apply_font(qapp, int(before_font))


def test_sop_step_without_script_links_to_the_sop_it_names(window: MainWindow, qtbot: Any) -> None:
    view = window.sop_view
    qtbot.keyClick(window.workspace.search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is view
    names = [s.name for s in view.sop_model.items()]
    view.sop_list.setCurrentIndex(view.sop_model.index(names.index("差评挽回"), 0))
    sop = view.current_sop()
    assert sop is not None
    row = next(i for i, s in enumerate(sop.steps) if "质量问题流程" in s.instruction)
    index = view.step_model.index(row, 0)
    qtbot.mouseClick(
        view.steps.viewport(), Qt.MouseButton.LeftButton, pos=view.steps.visualRect(index).center()
    )
    reply = view.preview.reply
    assert "流程「客户反映质量问题」" in reply.toPlainText()
    cursor = reply.document().find("客户反映质量问题」")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 2)
    qtbot.mouseClick(reply.viewport(), Qt.MouseButton.LeftButton, pos=reply.cursorRect(cursor).center())
    current = view.current_sop()
    assert current is not None and current.name == "客户反映质量问题"


def test_step_links_find_codes_titles_and_flows(demo_lib: Library) -> None:
    from csdesk.gui.workspace.steplinks import step_links

    links = step_links(demo_lib, "先发 /az 的图解,不行就用「七天无理由退货」,再按质量问题流程处理", shop=SHOP)
    assert [e.code for e in links.entries][:1] == ["az"]
    assert "七天无理由退货" in [e.title for e in links.entries]
    assert [s.name for s in links.sops] == ["客户反映质量问题"]
    assert not step_links(demo_lib, "核对订单号", shop=SHOP)


def test_workbench_is_built_when_its_tab_is_first_opened(window: MainWindow, qtbot: Any) -> None:
    page = window._manage_page
    assert page is not None and page.state == "pending"  # not built at start-up
    qtbot.keyClick(window.workspace.search, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "管理"
    assert page.state == "built" and window.manage is not None
    assert page.area.widget() is window.manage
