# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""The workbench's safety nets: the import behind the PIN, locking never loses a draft or lets an edit through,
shop delete undoable and never destructive, failed page undo/redo, live usage/tags/rules, who is editing, layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft, Rule
from csdesk.gui import i18n
from csdesk.gui.manage import entry_editor as editor_module
from csdesk.gui.manage import page_support
from csdesk.gui.manage import workbench as workbench_module
from csdesk.gui.manage.commands import EditEntryCommand
from csdesk.gui.manage.entry_table import ENTRY_ID_ROLE, Column, FilterMode
from csdesk.gui.manage.page_support import CallCommand, push_edit
from csdesk.gui.manage.supervisor import AgentNameDialog, PinDialog
from csdesk.gui.settings import Settings
from tests.gui.manage_helpers import TEST_PIN, bench, lib, unlocked  # noqa: F401


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages show_error would have put in a message box (the runner's and the pages')."""
    messages: list[str] = []
    monkeypatch.setattr("csdesk.gui.errors.QMessageBox.warning", lambda *a, **k: messages.append(str(a[2])))
    monkeypatch.setattr(page_support, "show_error", lambda parent, exc, title="": messages.append(str(exc)))
    return messages


def said(message: str, chinese: str, english: str) -> bool:
    """The message in whichever language the test run shows errors in."""
    return chinese in message or english in message


def library_entry(lib: Library) -> Any:
    return next(e for e in lib.entries.all() if e.origin != "personal")


def open_in_editor(bench: Any, entry_id: str) -> Any:
    bench.entries_page.select_entry(entry_id)
    editor = bench.entries_page.editor
    assert editor.entry is not None and editor.entry.id == entry_id
    return editor


# ----------------------------------------------------------------------------------------------------------
# 2. File → 导入… needs supervisor mode
# ----------------------------------------------------------------------------------------------------------
@pytest.fixture
def window(lib: Library, settings: Settings, qtbot: Any) -> Iterator[Any]:
    from csdesk.gui.mainwindow import MainWindow

    settings.set("close_to_tray", False)
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    yield win
    win.shutdown()
    win.close()


def test_import_menu_asks_for_the_pin_first(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Any] = []
    monkeypatch.setattr(window, "_run_dialog", lambda cls: opened.append(cls))
    asked: list[str] = []

    def refuse(dialog: PinDialog) -> int:
        asked.append(dialog.mode)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(PinDialog, "exec", refuse)
    bench = window.manage
    assert window.import_action is not None and not bench.session.is_unlocked
    window.import_action.trigger()
    assert asked == ["set"] and opened == []  # locked and no PIN given: no wizard, nothing imported

    def accept(dialog: PinDialog) -> int:
        asked.append(dialog.mode)
        dialog.session.set_initial_pin(TEST_PIN)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PinDialog, "exec", accept)
    window.import_action.trigger()
    assert len(opened) == 1 and bench.session.is_unlocked
    window.import_action.trigger()  # already unlocked: no second question
    assert len(opened) == 2 and asked == ["set", "set"]


# ----------------------------------------------------------------------------------------------------------
# 3. Shops: delete is undoable and never destroys entries
# ----------------------------------------------------------------------------------------------------------
def test_shop_with_entries_is_not_deleted(unlocked: Any, lib: Library, shown: list[str]) -> None:
    page = unlocked.shops_page
    assert page.add("临时店", "淘宝")
    shop = lib.shops.get("临时店")
    entry = lib.create(EntryDraft(reply="临时店的回复", shop=shop.id, category="售后/退货"))
    lib.delete(entry.id)  # even a trashed entry keeps the shop
    page.reload()
    page.view.selectRow([s.id for s in page.model.shops].index(shop.id))
    before = unlocked.undo_stack.count()
    assert not page.delete(confirmed=True)
    assert shown and said(shown[-1], "回收站", "trash") and "临时店" in shown[-1]
    assert lib.get(entry.id).shop_id == shop.id and unlocked.undo_stack.count() == before


def test_shop_delete_undo_brings_shop_and_categories_back(
    qtbot: Any, unlocked: Any, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = unlocked.shops_page
    assert page.add("空店", "京东")
    shop = lib.shops.get("空店")
    lib.categories.ensure(shop.id, "售前/尺码")
    lib.categories.ensure(shop.id, "售后")
    page.reload()
    page.view.selectRow([s.id for s in page.model.shops].index(shop.id))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert page.delete()
    assert "空店" not in [s.name for s in lib.shops.all()]
    unlocked.undo_action.trigger()
    back = lib.shops.get("空店")
    assert back.platform == "京东"
    assert {c.path for c in lib.categories.all(back.id)} == {"售前", "售前/尺码", "售后"}
    unlocked.redo_action.trigger()
    assert "空店" not in [s.name for s in lib.shops.all()]
    unlocked.undo_action.trigger()
    unlocked.undo_action.trigger()  # the older "add" command still finds the re-created shop
    assert "空店" not in [s.name for s in lib.shops.all()]


# ----------------------------------------------------------------------------------------------------------
# 4. Locking never loses the editor's unsaved changes
# ----------------------------------------------------------------------------------------------------------
def test_manual_lock_asks_to_save(unlocked: Any, lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = library_entry(lib)
    editor = open_in_editor(unlocked, entry.id)
    editor.reply_edit.setPlainText("锁定前改的回复")
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(editor_module.QMessageBox, "question", lambda *a, **k: answers[0])
    unlocked.toggle_lock()
    assert unlocked.session.is_unlocked and editor.is_dirty()  # Cancel: still unlocked, still editing
    answers[0] = QMessageBox.StandardButton.Save
    unlocked.toggle_lock()
    assert not unlocked.session.is_unlocked
    assert lib.get(entry.id).reply == "锁定前改的回复"


def test_manual_lock_discard_really_discards(
    unlocked: Any, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = library_entry(lib)
    editor = open_in_editor(unlocked, entry.id)
    editor.reply_edit.setPlainText("不要了的修改")
    monkeypatch.setattr(
        editor_module.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard
    )
    assert unlocked.lock()
    assert editor.reply_edit.toPlainText() == entry.reply and unlocked._idle_draft is None
    assert lib.get(entry.id).reply == entry.reply


def test_a_refused_save_keeps_supervisor_mode(
    unlocked: Any, lib: Library, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = library_entry(lib)
    taken = next(e for e in lib.entries.all() if e.shop_id == entry.shop_id and e.code and e.id != entry.id)
    editor = open_in_editor(unlocked, entry.id)
    editor.code_edit.setText(taken.code)
    monkeypatch.setattr(
        editor_module.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save
    )
    assert not unlocked.lock()
    assert unlocked.session.is_unlocked and editor.is_dirty() and shown


def test_any_lock_keeps_the_draft(unlocked: Any, lib: Library) -> None:
    """Locked without the workbench asking (another window, a PIN reset): the draft is still put aside."""
    entry = library_entry(lib)
    editor = open_in_editor(unlocked, entry.id)
    editor.title_edit.setText("别处锁定前的标题")
    unlocked.session.lock()
    assert unlocked._idle_draft is not None and unlocked._idle_draft["values"]["title"] == "别处锁定前的标题"
    assert not editor.is_dirty()


def test_idle_lock_keeps_the_draft_and_offers_it_after_unlock(
    qtbot: Any, unlocked: Any, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = library_entry(lib)
    editor = open_in_editor(unlocked, entry.id)
    editor.reply_edit.setPlainText("空闲时没保存的回复")
    unlocked.session.set_idle_interval_ms(30)
    with qtbot.waitSignal(unlocked.session.locked, timeout=3000):
        pass
    assert lib.get(entry.id).reply == entry.reply  # nothing saved behind the supervisor's back
    assert not editor.is_dirty() and editor.reply_edit.toPlainText() == entry.reply
    assert "保留" in unlocked.mode_label.text()
    offered: list[str] = []

    def yes(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        offered.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(workbench_module.QMessageBox, "question", yes)
    unlocked.session.set_idle_interval_ms(0)
    assert unlocked.session.unlock(TEST_PIN).ok
    qtbot.waitUntil(lambda: bool(offered), timeout=3000)
    assert editor.entry.id == entry.id and editor.reply_edit.toPlainText() == "空闲时没保存的回复"
    assert editor.is_dirty() and editor.save()
    assert lib.get(entry.id).reply == "空闲时没保存的回复"


def test_new_entry_draft_is_kept_on_idle_lock(qtbot: Any, unlocked: Any, lib: Library) -> None:
    unlocked.entries_page.start_new_entry()
    editor = unlocked.entries_page.editor
    editor.reply_edit.setPlainText("还没保存的新条目")
    unlocked.session.set_idle_interval_ms(30)
    with qtbot.waitSignal(unlocked.session.locked, timeout=3000):
        pass
    assert unlocked._idle_draft is not None and unlocked._idle_draft["values"]["reply"] == "还没保存的新条目"
    assert not editor.reply_edit.toPlainText()  # not silently saved as a personal entry either


# ----------------------------------------------------------------------------------------------------------
# 8. Edits after the lock are refused
# ----------------------------------------------------------------------------------------------------------
def test_edits_after_the_lock_are_refused(unlocked: Any, lib: Library, shown: list[str]) -> None:
    entry = library_entry(lib)
    unlocked.session.lock()  # e.g. the idle timer, while a dialog was open
    before = unlocked.undo_stack.count()
    assert not unlocked.runner.push(EditEntryCommand(lib, entry, {"reply": "锁定后改的"}))
    assert lib.get(entry.id).reply == entry.reply
    assert shown and said(shown[-1], "锁定", "locked")
    ran: list[bool] = []
    command = CallCommand("页面的修改", lambda: ran.append(True), lambda: None)
    assert not push_edit(unlocked.undo_stack, unlocked, command)
    assert ran == [] and said(shown[-1], "锁定", "locked") and unlocked.undo_stack.count() == before
    personal = lib.create(EntryDraft(reply="我的个人条目", origin="personal"))
    assert unlocked.runner.push(EditEntryCommand(lib, personal, {"reply": "个人条目随时能改"}))


# ----------------------------------------------------------------------------------------------------------
# 9. Usage filters follow copies
# ----------------------------------------------------------------------------------------------------------
def test_never_used_filter_follows_copies(bench: Any, lib: Library) -> None:
    page = bench.entries_page
    page.set_filter(FilterMode.NEVER_USED)
    unused = next(
        e for e in lib.entries.all() if not page.model.uses(e.id) and page.model.row_of(e.id) is not None
    )
    page.select_entry(unused.id)  # shows it (resets the shop filter) …
    page.set_filter(FilterMode.NEVER_USED)
    visible = lambda: {page.proxy.index(r, 0).data(ENTRY_ID_ROLE) for r in range(page.proxy.rowCount())}  # noqa: E731
    assert unused.id in visible()
    lib.log_copy(unused.id, query="别处复制")  # copied in the workspace
    bench.relay.flush()
    assert unused.id not in visible()
    page.set_filter(FilterMode.USED_WITHIN, "1")
    assert unused.id in visible()
    row = page.model.row_of(unused.id)
    assert page.model.index(row, Column.USES).data() == "1"


# ----------------------------------------------------------------------------------------------------------
# 10. Tag renames and new rules reach the entries page
# ----------------------------------------------------------------------------------------------------------
def test_tag_rename_updates_the_entries_page(unlocked: Any, lib: Library) -> None:
    tag = lib.tags.all()[0]
    entry = lib.create(EntryDraft(reply="带标签的条目", tags=[tag.name]))
    unlocked.relay.flush()
    editor = open_in_editor(unlocked, entry.id)
    tags_page = unlocked.extra_pages["TagsPage"]
    assert tags_page.rename_tag(tag.id, "改名后的标签")
    unlocked.relay.flush()
    row = unlocked.entries_page.model.row_of(entry.id)
    assert "改名后的标签" in unlocked.entries_page.model.index(row, Column.TAGS).data()
    assert "改名后的标签" in editor.tag_picker.tags()
    assert "改名后的标签" in editor.tag_picker._names
    assert {h.entry_id for h in lib.search("带标签的条目", tags=["改名后的标签"])}


def test_new_rule_highlights_the_open_editor(unlocked: Any, lib: Library) -> None:
    entry = library_entry(lib)
    editor = open_in_editor(unlocked, entry.id)
    editor.reply_edit.setPlainText("这款是绝版的设计")
    editor.update_live()
    assert not any(h.text == "绝版" for h in editor.highlighter.hits())
    rules_page = unlocked.extra_pages["RulesPage"]
    assert rules_page.add_rule(Rule(None, "绝版", severity="block", reason="绝对化用语")) is not None
    unlocked.relay.flush()
    assert any(h.text == "绝版" for h in editor.highlighter.hits())
    assert any(kind == "redline" for kind, _m in editor.warning_list())


# ----------------------------------------------------------------------------------------------------------
# 11. A page command that fails on undo/redo leaves the stack where it was
# ----------------------------------------------------------------------------------------------------------
def test_failed_page_undo_keeps_the_stack_index(unlocked: Any, lib: Library, shown: list[str]) -> None:
    tags_page = unlocked.extra_pages["TagsPage"]
    tag = lib.tags.all()[0]
    assert tags_page.rename_tag(tag.id, "要失败的改名")
    lib.tags.delete(tag.id)  # gone behind the page's back (another window, the CLI)
    index = unlocked.undo_stack.index()
    unlocked.runner.undo()
    assert unlocked.undo_stack.index() == index  # not moved: the rename was not undone
    assert shown  # and the user was told why
    assert unlocked.undo_stack.canUndo()


# ----------------------------------------------------------------------------------------------------------
# 6. Who is editing
# ----------------------------------------------------------------------------------------------------------
def nameless_workbench(qtbot: Any, lib: Library, settings: Settings) -> Any:
    """A workbench over a library with no agent name set yet."""
    from csdesk.gui.manage.workbench import ManageWorkbench

    lib.set_setting("agent_name", "")
    widget = ManageWorkbench(lib, settings)
    qtbot.addWidget(widget)
    return widget


def test_first_unlock_asks_for_the_agent_name(
    qtbot: Any, lib: Library, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = nameless_workbench(qtbot, lib, settings)
    asked: list[bool] = []
    monkeypatch.setattr(
        AgentNameDialog, "ask", staticmethod(lambda parent=None: asked.append(True) or "主管-林")
    )

    def accept(dialog: PinDialog) -> int:
        dialog.session.set_initial_pin(TEST_PIN)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PinDialog, "exec", accept)
    assert widget.request_unlock()
    assert asked == [True] and lib.setting("editor_name") == "主管-林" and lib.agent == "主管-林"
    # the editor's name is not the agent's: replies do not greet customers as 主管-林
    assert not lib.setting("agent_name") and lib.placeholders.render_text("我是{客服名}").missing == (
        "客服名",
    )
    entry = library_entry(lib)
    assert widget.runner.push(EditEntryCommand(lib, entry, {"reply": "主管改的"}))
    assert lib.get(entry.id).updated_by == "主管-林"
    widget.shutdown()


def test_agent_name_asked_once_before_the_first_edit(
    qtbot: Any, lib: Library, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = nameless_workbench(qtbot, lib, settings)
    asked: list[bool] = []
    monkeypatch.setattr(AgentNameDialog, "ask", staticmethod(lambda parent=None: asked.append(True) or ""))
    personal = lib.create(EntryDraft(reply="个人条目", origin="personal"))
    assert widget.runner.push(EditEntryCommand(lib, personal, {"reply": "改一下"}))
    assert widget.runner.push(EditEntryCommand(lib, lib.get(personal.id), {"reply": "再改一下"}))
    assert asked == [True]  # put off once: not asked again this session
    widget.shutdown()


def test_agent_name_dialog_needs_a_name(qtbot: Any) -> None:
    dialog = AgentNameDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.name_edit.setText("  小林 ")
    assert ok.isEnabled() and dialog.name() == "小林"


# ----------------------------------------------------------------------------------------------------------
# 14. Small things
# ----------------------------------------------------------------------------------------------------------
def test_new_empty_entry_is_not_changed(bench: Any) -> None:
    bench.entries_page.start_new_entry()
    editor = bench.entries_page.editor
    assert not editor.is_dirty() and not editor.discard_button.isEnabled()
    editor.order_spin.setValue(3)
    assert editor.is_dirty() and editor.discard_button.isEnabled()


def test_table_columns_fit_beside_the_editor_at_1400(qtbot: Any, bench: Any) -> None:
    bench.resize(1400, 900)
    bench.show()
    qtbot.waitExposed(bench)
    view = bench.entries_page.view
    QApplication.processEvents()
    right = view.columnViewportPosition(Column.LAST_USED) + view.columnWidth(Column.LAST_USED)
    assert right <= view.viewport().width(), (right, view.viewport().width())
    assert bench.entries_page.editor.width() >= bench.entries_page.editor.minimumWidth()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    i18n.install("en")
    try:
        yield
    finally:
        i18n.install("zh_CN")


def test_english_labels_and_navigation_width(
    english: None, qtbot: Any, lib: Library, settings: Settings
) -> None:
    from csdesk.gui.manage.thumbnails import kind_pixmap
    from csdesk.gui.manage.workbench import ManageWorkbench

    assert QCoreApplication.translate("EntriesPage", "启用") == "Enable"
    assert QCoreApplication.translate("Thumbnails", "视频") == "Video"
    widget = ManageWorkbench(lib, settings)
    qtbot.addWidget(widget)
    assert widget.entries_page.enable_button.text() == "Enable"
    metrics = widget.nav.fontMetrics()
    labels = [widget.nav.item(i).text() for i in range(widget.nav.count())]
    assert "Tags & customers" in labels
    assert all(metrics.horizontalAdvance(text) + 24 <= widget.nav.width() for text in labels)
    assert not kind_pixmap("video").isNull()
    widget.shutdown()


def test_video_thumbnail_label_goes_through_tr(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    from csdesk.gui.manage import thumbnails

    asked: list[tuple[str, str]] = []
    real = QCoreApplication.translate
    monkeypatch.setattr(
        thumbnails.QCoreApplication,
        "translate",
        staticmethod(lambda context, text, *a: asked.append((context, text)) or real(context, text)),
    )
    thumbnails.kind_pixmap("video", ".mp4", 64)
    assert ("Thumbnails", "视频") in asked


# ----------------------------------------------------------------------------------------------------------
# 5. Restoring a version, and undoing that, covers every field
# ----------------------------------------------------------------------------------------------------------
def test_restore_version_and_its_undo_cover_every_field(unlocked: Any, lib: Library) -> None:
    from csdesk.gui.manage.commands import RestoreVersionCommand

    entry = lib.create(EntryDraft(reply="第一版回复", category="售前/老分类", sort_order=5))
    first = lib.entries.history(entry.id)[0].version
    asset = lib.assets.all()[0]
    lib.update(entry.id, reply="第二版回复", category="售后/新分类", sort_order=9)
    lib.assets.link(entry.id, asset.id)
    lib.variants.add(entry.id, "第二版的变体")
    current = lib.get(entry.id)
    assert unlocked.runner.push(RestoreVersionCommand(lib, current, first))
    restored = lib.get(entry.id)
    assert (restored.reply, restored.category_path, restored.sort_order) == ("第一版回复", "售前/老分类", 5)
    assert restored.asset_ids == () and restored.variants == ()
    unlocked.undo_action.trigger()
    back = lib.get(entry.id)
    assert (back.reply, back.category_path, back.sort_order) == ("第二版回复", "售后/新分类", 9)
    assert back.asset_ids == (asset.id,) and [v.reply for v in back.variants] == ["第二版的变体"]
    unlocked.redo_action.trigger()
    assert lib.get(entry.id).reply == "第一版回复"
