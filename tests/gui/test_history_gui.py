# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""The history dialog through the workbench: every change listed per version, changed words marked, library text
shown as text, restore asks first (listing what it changes), cancel changes nothing, undo brings it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from csdesk.core.models import EntryDraft
from csdesk.gui.manage.history import HistoryDialog
from tests.gui.manage_helpers import answer_next_box, bench, lib, unlocked, when_modal  # noqa: F401


def _open_history(qtbot: Any, bench: Any, entry_id: str, drive: Any) -> None:
    """Select the entry, press 历史版本… in the editor and run ``drive`` on the dialog while it is open."""
    editor = bench.entries_page.editor

    def selected() -> bool:
        bench.entries_page.select_entry(entry_id)
        return editor.entry is not None and editor.entry.id == entry_id

    qtbot.waitUntil(selected)
    assert editor.history_button.isEnabled()
    ran: list[bool] = []

    def act(window: QWidget) -> bool:
        if not isinstance(window, HistoryDialog) or not window.isVisible():
            return False
        try:
            drive(window)
        finally:
            ran.append(True)
            window.close_button.click()
        return True

    when_modal(act)
    editor.history_button.click()
    assert ran == [True]


def test_history_lists_variant_example_asset_and_tag_changes_with_marked_words(
    qtbot: Any, unlocked: Any, lib: Any, tmp_path: Path
) -> None:
    entry = lib.create(EntryDraft(reply="亲,明天发货<b>哦</b>", title="发货时间"))
    lib.update(entry.id, reply="亲,今天下午发货<b>哦</b>")
    variant = lib.variants.add(entry.id, "大促期间48小时内发货", label="大促")
    lib.examples.add(entry.id, "good", "客户:几天到\n客服:今天发")
    source = tmp_path / "发货单.png"
    source.write_bytes(b"\x89PNG slip")
    lib.assets.link(entry.id, lib.assets.add(source, title="发货单示例").id)
    lib.entries.add_tags([entry.id], ["物流"])
    lib.variants.update(variant.id, reply="大促期间72小时内发货")
    seen: dict[str, Any] = {}

    def drive(dialog: HistoryDialog) -> None:
        model = dialog.model
        seen["summaries"] = [model.index(r, 4).data() for r in range(model.rowCount())]
        dialog.view.selectRow(0)
        seen["variant"] = dialog.diff.toHtml()
        dialog.view.selectRow(model.rowCount() - 2)  # the reply edit
        seen["reply_html"] = dialog.diff.toHtml()
        seen["reply_text"] = dialog.diff.toPlainText()

    _open_history(qtbot, unlocked, entry.id, drive)
    assert seen["summaries"] == [
        "变体 ~1",
        "标签",
        "素材 +1",
        "案例 +1",
        "变体 +1",
        "回复",
        "标题、回复、店铺",
    ]
    assert "字段没有变化" not in "".join(seen["summaries"])
    # only the changed words are marked; the library's <b> is text, never markup
    assert "line-through" in seen["reply_html"] and ">明</span>" in seen["reply_html"]
    assert ">今</span>" in seen["reply_html"] and ">下午</span>" in seen["reply_html"]
    assert "&lt;b&gt;" in seen["reply_html"] and "<b>哦" not in seen["reply_html"]
    assert "亲,今天下午发货<b>哦</b>" in seen["reply_text"]
    assert ">48</span>" in seen["variant"] and ">72</span>" in seen["variant"]


def test_restore_asks_first_listing_the_changes_cancel_keeps_and_undo_reverts(
    qtbot: Any, unlocked: Any, lib: Any
) -> None:
    entry = lib.create(EntryDraft(reply="亲,明天发货", title="发货时间", tags=["物流"]))
    lib.update(entry.id, reply="亲,今天发货")
    lib.variants.add(entry.id, "大促期间48小时内发货", label="大促")
    asked: list[list[str]] = []

    def cancel_then_restore(dialog: HistoryDialog) -> None:
        dialog.view.selectRow(2)  # version 1
        asked.append(answer_next_box(QMessageBox.StandardButton.Cancel))
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert lib.get(entry.id).reply == "亲,今天发货" and len(lib.entries.history(entry.id)) == 3
        asked.append(answer_next_box(QMessageBox.StandardButton.Yes))
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert dialog.model.rowCount() == 4 and "可撤销" in dialog.note.text()

    _open_history(qtbot, unlocked, entry.id, cancel_then_restore)
    text, details = asked[0]
    assert "恢复第 1 版会改动以下 2 处" in text
    assert "回复:亲,今天发货 → 亲,明天发货" in details and "变体「大促」:删除" in details
    restored = lib.get(entry.id)
    assert restored.reply == "亲,明天发货" and restored.variants == ()
    unlocked.undo_action.trigger()
    back = lib.get(entry.id)
    assert back.reply == "亲,今天发货" and [v.label for v in back.variants] == ["大促"]


def test_restoring_a_version_equal_to_now_says_so_and_asks_nothing(
    qtbot: Any, unlocked: Any, lib: Any
) -> None:
    entry = lib.create(EntryDraft(reply="亲,明天发货"))
    lib.update(entry.id, reply="亲,今天发货")
    lib.update(entry.id, reply="亲,明天发货")
    notes: list[str] = []

    def drive(dialog: HistoryDialog) -> None:
        dialog.view.selectRow(2)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        notes.append(dialog.note.text())

    _open_history(qtbot, unlocked, entry.id, drive)
    assert "与现在的内容相同" in notes[0] and len(lib.entries.history(entry.id)) == 3
