# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""Managed entry tags in the workbench, through the widgets: the editor's picker (type, pick from the list, create a
new tag only on purpose), the bulk 加条目标签… dialog, and the 条目标签 tab (rename, merge, create, delete unused,
undo, read-only when locked)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui.manage.tag_picker import NEW_ROLE, TagPickDialog, TagPicker
from tests.gui.manage_helpers import bench, lib, unlocked  # noqa: F401

# offscreen: the completer's popup cannot raise itself or grab the keyboard (it still works)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _editor_on_tags(qtbot: Any, bench: Any, lib: Library) -> tuple[Any, TagPicker, str]:
    """The workbench shown, a library entry without 价格敏感型 open, its 标签与素材 tab in front."""
    entry = next(e for e in lib.entries.all() if e.origin != "personal" and "价格敏感型" not in e.tags)
    bench.show()
    bench.show_page(bench.entries_page)
    bench.entries_page.select_entry(entry.id)
    editor = bench.entries_page.editor
    editor.tabs.setCurrentIndex(
        next(i for i in range(editor.tabs.count()) if editor.tabs.tabText(i) == "标签与素材")
    )
    qtbot.waitUntil(editor.tag_picker.edit.isVisible)
    return editor, editor.tag_picker, entry.id


def _rows(picker: TagPicker) -> list[str]:
    return [picker.choices.index(r, 0).data() for r in range(picker.choices.rowCount())]


def _click_row(qtbot: Any, picker: TagPicker, row: int) -> None:
    popup = picker.completer.popup()
    index = popup.model().index(row, 0)
    popup.scrollTo(index)
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center())


def test_a_typo_is_not_a_new_tag_the_existing_one_is_picked_from_the_list(
    qtbot: Any, unlocked: Any, lib: Library
) -> None:
    editor, picker, entry_id = _editor_on_tags(qtbot, unlocked, lib)
    before = lib.get(entry_id).tags
    picker.edit.setText("价格敏感")  # the typo (Chinese cannot be typed key by key in a test)
    qtbot.waitUntil(picker.completer.popup().isVisible)
    assert _rows(picker)[0] == "价格敏感型" and _rows(picker)[-1] == "新建标签「价格敏感」"
    assert not picker.completer.popup().currentIndex().isValid()  # nothing preselected
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Return)  # Enter on the typo: nothing added, a hint
    assert picker.tags() == before
    assert picker.hint.isVisible() and "不是已有的条目标签" in picker.hint.text()
    qtbot.waitUntil(picker.completer.popup().isVisible)  # the list is offered again
    _click_row(qtbot, picker, 0)
    assert picker.tags() == (*before, "价格敏感型") and picker.edit.text() == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert lib.get(entry_id).tags == (*before, "价格敏感型")
    assert "价格敏感" not in lib.entry_tags.names()
    chip = next(c for c in picker.chips if c.property("tag") == "价格敏感型")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)  # the chip's ✕ takes it off again
    assert picker.tags() == before and editor.is_dirty()


def test_a_new_tag_only_through_its_own_choice_and_a_bad_name_is_refused(
    qtbot: Any, unlocked: Any, lib: Library
) -> None:
    editor, picker, entry_id = _editor_on_tags(qtbot, unlocked, lib)
    picker.edit.setText("大促专用")
    qtbot.waitUntil(picker.completer.popup().isVisible)
    assert _rows(picker) == ["新建标签「大促专用」"]
    popup = picker.completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert "大促专用" in picker.tags()
    assert any(c.text().startswith("✚ 大促专用") for c in picker.chips)  # marked as new until saved
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "大促专用" in lib.get(entry_id).tags and lib.entry_tags.exists("大促专用")

    before = picker.tags()
    picker.edit.setText("长" * 31)
    qtbot.waitUntil(picker.completer.popup().isVisible)
    assert picker.choices.index(picker.choices.rowCount() - 1, 0).data(NEW_ROLE) == "长" * 31
    _click_row(qtbot, picker, picker.choices.rowCount() - 1)
    assert picker.tags() == before and "30" in picker.hint.text()  # 最长 30 个字 / at most 30 characters


def test_bulk_add_goes_through_the_picker(qtbot: Any, unlocked: Any, lib: Library, monkeypatch: Any) -> None:
    page = unlocked.entries_page
    unlocked.show()
    unlocked.show_page(page)
    shop = lib.shops.get("栖木女装旗舰店")
    ids = [e.id for e in lib.entries.all(shop=shop.id) if "老客户" not in e.tags][:2]
    page.select_entries(ids)

    def pick(dialog: TagPickDialog) -> int:
        dialog.show()
        dialog.picker.edit.setText("老客户、乱打的")  # one known, one unknown: only the known one goes on
        qtbot.keyClick(dialog.picker.edit, Qt.Key.Key_Return)
        assert dialog.tags() == ("老客户",) and "乱打的" in dialog.picker.hint.text()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(TagPickDialog, "exec", pick)
    qtbot.mouseClick(page.add_tags_button, Qt.MouseButton.LeftButton)
    assert all("老客户" in lib.get(i).tags for i in ids)
    assert "乱打的" not in lib.entry_tags.names()
    from csdesk.gui.manage.entry_table import Column

    row = page.model.row_of(ids[0])
    tip = page.model.index(row, Column.TAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "、".join(lib.get(ids[0]).tags)  # the narrow column's whole text on hover


@pytest.fixture
def tab(qtbot: Any, unlocked: Any) -> Any:
    page = unlocked.extra_pages["TagsPage"]
    unlocked.show()
    unlocked.show_page(page)
    page.tabs.setCurrentWidget(page.entry_tags_tab)
    return page.entry_tags_tab


def _select(tab: Any, *names: str) -> None:
    tab.view.clearSelection()
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for name in names:
        row = tab.model.row_of(name)
        tab.view.selectionModel().select(tab.proxy.mapFromSource(tab.model.index(row, 0)), flags)


def _shown(tab: Any) -> dict[str, str]:
    """Name → the 条目数 column as the table shows it."""
    proxy = tab.proxy
    return {proxy.index(r, 0).data(): proxy.index(r, 1).data() for r in range(proxy.rowCount())}


def test_merge_button_folds_a_typo_into_the_right_tag_and_undo_takes_it_back(
    qtbot: Any, unlocked: Any, lib: Library, tab: Any, monkeypatch: Any
) -> None:
    typo = lib.create(EntryDraft(reply="亲,这款有满减", tags=("价格敏感",))).id
    qtbot.waitUntil(lambda: _shown(tab).get("价格敏感") == "1")  # the tab follows the library
    right = _shown(tab)["价格敏感型"]
    editor = unlocked.entries_page.editor
    _select(tab, "价格敏感")
    assert tab.merge_button.isEnabled() and not tab.delete_button.isEnabled()  # in use: merge, not delete
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("价格敏感型", True))
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    assert lib.get(typo).tags == ("价格敏感型",) and lib.get(typo).updated_by == "小王"
    shown = _shown(tab)
    assert "价格敏感" not in shown and shown["价格敏感型"] == str(int(right) + 1)
    assert "价格敏感" not in editor.tag_picker._names  # the editor's list follows
    unlocked.undo_action.trigger()
    assert lib.get(typo).tags == ("价格敏感",)
    qtbot.waitUntil(lambda: _shown(tab).get("价格敏感") == "1")
    unlocked.redo_action.trigger()
    assert lib.get(typo).tags == ("价格敏感型",)


def test_rename_new_and_delete_buttons(
    qtbot: Any, unlocked: Any, lib: Library, tab: Any, monkeypatch: Any
) -> None:
    carriers = [e.id for e in lib.entries.all() if "易售后" in e.tags]
    _select(tab, "易售后")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("售后风险", True))
    qtbot.mouseClick(tab.rename_button, Qt.MouseButton.LeftButton)
    assert all("售后风险" in lib.get(i).tags for i in carriers) and "易售后" not in lib.entry_tags.names()
    assert tab.selected_names() == ["售后风险"]
    # renaming onto an existing tag asks, then merges
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("老客户", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.rename_button, Qt.MouseButton.LeftButton)
    assert all("老客户" in lib.get(i).tags for i in carriers) and "售后风险" not in lib.entry_tags.names()
    unlocked.undo_action.trigger()
    unlocked.undo_action.trigger()
    assert all("易售后" in lib.get(i).tags for i in carriers)

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("预备标签", True))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert _shown(tab)["预备标签"] == "0" and tab.selected_names() == ["预备标签"]
    assert tab.delete_button.isEnabled()
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "预备标签" not in _shown(tab)
    unlocked.undo_action.trigger()
    qtbot.waitUntil(lambda: "预备标签" in _shown(tab))
    # a bad name: a message in both languages, nothing created
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: errors.append(text))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("尺码、颜色", True))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert errors and ("分隔符" in errors[0] or "separator" in errors[0])  # in the UI language
    assert "尺码、颜色" not in lib.entry_tags.names()


def test_locked_the_tab_only_reads(qtbot: Any, unlocked: Any, lib: Library, tab: Any) -> None:
    _select(tab, "老客户")
    assert tab.rename_button.isEnabled()
    qtbot.mouseClick(unlocked.lock_button, Qt.MouseButton.LeftButton)
    assert not any(
        b.isEnabled() for b in (tab.add_button, tab.rename_button, tab.merge_button, tab.delete_button)
    )
    assert not tab.merge_tags(["老客户"], "易售后") and "老客户" in lib.entry_tags.names()
