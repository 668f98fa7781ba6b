# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""Red lines on every GUI path: the import wizard and team publish list hits before writing, the editor asks before
saving a block, the variant editor highlights live, the workspace preview marks hits, and the copy flow shows the
block before the fill-in form (whether copy checks is the library's supervisor setting)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from csdesk import team
from csdesk.core import redlines
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui.importwizard import ImportWizard
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.manage.entry_widgets import VariantDialog
from csdesk.gui.settings import Settings
from csdesk.gui.teamlibrary import PublishDialog
from csdesk.gui.workspace.dialogs import FillInDialog, RedLineDialog
from csdesk.gui.workspace.workspace import Workspace
from tests.gui.manage_helpers import bench, lib, unlocked  # noqa: F401

SHOP = "栖木女装旗舰店"


@pytest.fixture(autouse=True)
def _chinese_ui(qapp: Any) -> Iterator[None]:
    previous = qapp.property("csdesk_language")
    qapp.setProperty("csdesk_language", "zh")
    yield
    qapp.setProperty("csdesk_language", previous)


def on_modal(qtbot: Any, action: Callable[[QWidget], None]) -> list[QWidget]:
    """Run ``action`` on the next modal dialog as soon as it opens (exec() blocks the test)."""
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
                modal.reject()
            raise

    QTimer.singleShot(0, poll)
    return seen


def press(box: QWidget, button: QMessageBox.StandardButton, texts: list[str] | None = None) -> None:
    assert isinstance(box, QMessageBox)
    if texts is not None:
        texts.append(box.text())
    box.button(button).click()


# --- import wizard ---


def test_import_wizard_lists_red_lines_before_writing(qtbot: Any, tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "home", demo=False, agent="测试员")
    try:
        table = tmp_path / "in.csv"
        table.write_text('标题,回复\n普通,"您好"\n引流,"加 微 信 详聊"\n', encoding="utf-8-sig")
        wizard = ImportWizard(lib)
        qtbot.addWidget(wizard)
        wizard.path_edit.setText(str(table))
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_PREVIEW, timeout=10000)
        model = wizard.preview_model
        assert model.kinds()[0] == "红线·禁止"
        row = [model.index(0, c).data() for c in range(model.columnCount())]
        assert row[1] == "第 3 行" and row[3] == "引流" and "回复" in row[4] and "加 微 信" in row[4]
        assert "1 条含红线词" in wizard.preview_label.text()
        assert lib.is_empty  # the preview wrote nothing
    finally:
        lib.close()


# --- team publish ---


def test_publish_dialog_shows_red_lines_and_needs_a_second_click(qtbot: Any, tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "home", demo=False, agent="主管")
    try:
        lib.create(EntryDraft(reply="好评返现5元哦", title="返现"))
        dialog = PublishDialog(lib)
        qtbot.addWidget(dialog)
        share = tmp_path / "share"
        dialog.folder_edit.setText(str(share))
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
        assert not (share / team.BUNDLE_NAME).exists()  # nothing written yet
        assert dialog.red_lines.isVisibleTo(dialog) and "好评返现" in dialog.red_lines.toPlainText()
        assert (
            "「返现」" in dialog.red_lines.toPlainText() and "1 条话术含红线词" in dialog.status_label.text()
        )
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.status_label.text() == "已发布第 1 版", timeout=10000)
        info = json.loads((share / team.VERSION_NAME).read_text(encoding="utf-8"))
        assert info["version"] == 1
    finally:
        lib.close()


# --- the editor ---


def test_saving_a_reply_with_a_block_asks_first(qtbot: Any, unlocked: Any, lib: Library) -> None:
    editor = unlocked.entries_page.editor
    unlocked.entries_page.start_new_entry()
    editor.title_edit.setText("引流")
    editor.reply_edit.setPlainText("有问题加我微信")
    before = lib.entries.count()
    texts: list[str] = []
    on_modal(qtbot, lambda box: press(box, QMessageBox.StandardButton.Cancel, texts))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert texts and "加我微信" in texts[0]
    assert lib.entries.count() == before
    on_modal(qtbot, lambda box: press(box, QMessageBox.StandardButton.Save))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert lib.entries.count() == before + 1


def test_variant_dialog_highlights_live_and_asks_before_a_block(qtbot: Any, lib: Library) -> None:
    dialog = VariantDialog(["犹豫型"], None, None, lib=lib, shop=lambda: None)
    qtbot.addWidget(dialog)
    dialog.reply_edit.setPlainText("亲,全网最低价,再不抢就没了")
    assert dialog.highlighter is not None
    assert {h.text for h in dialog.highlighter.hits()} >= {"全网最低", "再不抢就没了"}
    dialog.show()
    seen = on_modal(qtbot, lambda box: press(box, QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(dialog.label_edit, Qt.Key.Key_Return)  # Enter = OK
    qtbot.waitUntil(lambda: bool(seen))
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    dialog.reply_edit.setPlainText("亲,现在下单有优惠")
    qtbot.keyClick(dialog.label_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


# --- the workspace ---


@pytest.fixture
def window(demo_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    demo_lib.create(
        EntryDraft(reply="{客户昵称}您好,有问题加我微信", title="引流测试", code="tyl", shop=SHOP)
    )
    settings.set("close_to_tray", False)
    settings.set("last_shop", SHOP)
    win = MainWindow(demo_lib, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.workspace.wait_idle())
    yield win
    win.shutdown()
    win.close()


def search(qtbot: Any, ws: Workspace, text: str) -> None:
    ws.search.setText(text)
    qtbot.waitUntil(ws.wait_idle, timeout=5000)


def test_the_block_comes_before_the_fill_in_form(window: MainWindow, qtbot: Any) -> None:
    ws = window.workspace
    search(qtbot, ws, "/tyl")
    QGuiApplication.clipboard().setText("sentinel")
    seen = on_modal(qtbot, lambda d: d.reject())  # type: ignore[attr-defined]
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert seen and isinstance(seen[0], RedLineDialog) and seen[0].blocked
    assert QGuiApplication.clipboard().text() == "sentinel"


def test_preview_marks_red_line_words(window: MainWindow, qtbot: Any) -> None:
    ws = window.workspace
    search(qtbot, ws, "/tyl")
    qtbot.waitUntil(lambda: ws.preview.entry is not None and ws.preview.entry.code == "tyl")
    markup = ws.preview.reply.toHtml()
    assert "#ffc9c9" in markup and "红线·禁止" in ws.preview.reply.toPlainText()


def test_copy_check_follows_the_library_setting_not_the_agent(
    window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    ws = window.workspace
    settings.set("check_before_copy", False)  # the agent's own switch does not lift a block
    search(qtbot, ws, "/tyl")
    seen = on_modal(qtbot, lambda d: d.reject())  # type: ignore[attr-defined]
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert seen and isinstance(seen[0], RedLineDialog)
    demo_lib.set_setting(redlines.COPY_CHECK_SETTING, False)  # the supervisor's does
    seen = on_modal(qtbot, lambda d: d.reject())  # type: ignore[attr-defined]
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    assert seen and isinstance(seen[0], FillInDialog)


# --- team entries answer to the team's PIN ---


def test_team_entries_stay_read_only_under_a_local_pin(qtbot: Any, tmp_path: Path) -> None:
    from csdesk.core import pin, teamguard
    from csdesk.gui.manage.workbench import ManageWorkbench

    share = tmp_path / "share"
    with Library.open(tmp_path / "supervisor", demo=False, agent="主管") as boss:
        pin.set_pin(boss, "9753")
        boss.create(EntryDraft(reply="团队的标准回复", title="团队条目", code="td1"))
        team.publish(boss, share)
    info = json.loads((share / team.VERSION_NAME).read_text(encoding="utf-8"))
    assert info["supervisor_pin"]["hash"] and "9753" not in json.dumps(info)  # a hash, never the PIN

    agent = Library.open(tmp_path / "agent", demo=False, agent="小美")
    try:
        team.apply_update(agent, share)
        assert teamguard.team_pin_required(agent)
        entry = agent.find("td1")
        assert entry.origin == "team"
        own = agent.create(EntryDraft(reply="我的话", title="个人", origin="personal"))
        settings = Settings(QSettings(str(tmp_path / "bench.ini"), QSettings.Format.IniFormat))
        bench = ManageWorkbench(agent, settings)
        qtbot.addWidget(bench)
        try:
            bench.session.set_initial_pin("1111")  # a fresh library: the agent makes themselves supervisor
            assert bench.session.is_unlocked and not bench.session.team_unlocked
            page = bench.entries_page
            assert not page.can_edit(entry) and page.can_edit(own)
            page.select_entry(entry.id)
            assert page.editor.reply_edit.isReadOnly() and not page.editor.save_button.isEnabled()
            assert "团队主管" in page.editor.readonly_note.text()
            bench.session.lock()
            assert not bench.session.unlock("0000").ok
            bench.session.throttle.reset()
            assert bench.session.unlock("9753").ok  # the team's PIN
            assert bench.session.team_unlocked and page.can_edit(entry)
        finally:
            bench.shutdown()
    finally:
        agent.close()


# --- files leave under their title ---


def test_copied_files_carry_their_titles(
    window: MainWindow, demo_lib: Library, settings: Settings, qtbot: Any
) -> None:
    from csdesk.core.outbox import safe_file_name

    ws = window.workspace
    settings.set("check_before_copy", False)
    pdf = next(a for a in demo_lib.assets.all() if a.kind == "pdf")
    image = next(a for a in demo_lib.assets.all() if a.kind == "image")
    entry = demo_lib.create(EntryDraft(reply="报告和尺码表发您", title="发文件", code="tfile", shop=SHOP))
    demo_lib.assets.link(entry.id, pdf.id)
    demo_lib.assets.link(entry.id, image.id)
    search(qtbot, ws, "/tfile")
    qtbot.keyClick(ws.search, Qt.Key.Key_Return)
    mime = QGuiApplication.clipboard().mimeData()
    names = [Path(url.toLocalFile()).name for url in mime.urls()]
    assert names == [
        safe_file_name(pdf.title, Path(pdf.filename).suffix or ".pdf"),
        safe_file_name(image.title, demo_lib.assets.path(image).suffix),
    ]
    assert mime.hasImage() and mime.text() == "报告和尺码表发您"
    assert not any(pdf.sha256[:12] in n or image.sha256[:12] in n for n in names)
