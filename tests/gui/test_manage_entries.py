# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""Entries, categories, shops, trash and history through the workbench widgets, with undo/redo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from csdesk.core.models import EntryDraft
from csdesk.gui.manage.categories import CategoryTreeModel
from csdesk.gui.manage.entry_editor import PLATFORM_REPLY_LIMITS, reply_limit
from csdesk.gui.manage.entry_table import EntryFilterProxy, EntryTableModel, FilterMode
from csdesk.gui.manage.history import HistoryDialog, VersionsModel
from csdesk.gui.manage.shops import ShopTableModel
from csdesk.gui.manage.trash import TrashModel
from tests.gui.manage_helpers import answer_next_box, bench, lib, unlocked  # noqa: F401


def select(bench: Any, entry_id: str) -> None:
    bench.entries_page.select_entry(entry_id)
    assert bench.entries_page.editor.entry is not None
    assert bench.entries_page.editor.entry.id == entry_id


def first_entry(lib: Any, **filters: Any) -> Any:
    return next(e for e in lib.entries.all() if all(getattr(e, k) == v for k, v in filters.items()))


# ----------------------------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------------------------
def test_models_pass_the_model_tester(qtmodeltester: Any, lib: Any) -> None:
    table = EntryTableModel(lib)
    qtmodeltester.check(table)
    proxy = EntryFilterProxy()
    proxy.setSourceModel(table)
    proxy.set_filter(FilterMode.TAG, "尺码")
    qtmodeltester.check(proxy)
    shop = lib.shops.get("栖木女装旗舰店")
    qtmodeltester.check(CategoryTreeModel(lib, shop.id))
    qtmodeltester.check(ShopTableModel(lib))
    lib.delete(lib.entries.all()[0].id)
    qtmodeltester.check(TrashModel(lib))
    versions = VersionsModel()
    versions.set_versions(lib.entries.history(lib.entries.all()[0].id))
    qtmodeltester.check(versions)


def test_filters(lib: Any) -> None:
    table = EntryTableModel(lib)
    proxy = EntryFilterProxy()
    proxy.setSourceModel(table)
    total = proxy.rowCount()
    entry = first_entry(lib, code="hy")
    proxy.set_filter(FilterMode.CODE, "HY")
    assert entry.id in {proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(proxy.rowCount())}
    lib.log_copy(entry.id)
    table.reload()
    proxy.set_filter(FilterMode.NEVER_USED, "")
    assert proxy.rowCount() == total - 1
    proxy.set_filter(FilterMode.USED_WITHIN, "7")
    assert proxy.rowCount() == 1
    proxy.set_filter(FilterMode.CATEGORY, "售前")
    assert 0 < proxy.rowCount() < total
    proxy.set_filter(FilterMode.ALL, "")
    proxy.set_shop(lib.shops.get("木几家居旗舰店").id)
    assert 0 < proxy.rowCount() < total
    proxy.sort(6, Qt.SortOrder.DescendingOrder)


# ----------------------------------------------------------------------------------------------------------
# Create, edit, delete, undo, redo, restore
# ----------------------------------------------------------------------------------------------------------
def test_create_edit_undo_redo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    bench = unlocked
    page = bench.entries_page
    editor = page.editor
    for name in ("发货", "测试"):  # existing entry tags: Enter on a 、-list of known tags adds them
        lib.entry_tags.create(name)
    page.start_new_entry()
    editor.title_edit.setText("测试:发货时间")
    editor.code_edit.setText("fhsj")
    editor.reply_edit.setPlainText("亲,{客户昵称},今天下单明天发货哦")
    editor.category_combo.setCurrentText("售前/新分类")
    editor.tag_picker.edit.setText("发货、测试")
    qtbot.keyClick(editor.tag_picker.edit, Qt.Key.Key_Return)
    editor.similar_edit.setPlainText("什么时候发货\n几天能发")
    assert editor.save()
    created = lib.find("fhsj", shop=lib.shops.shared.id)
    assert created.title == "测试:发货时间" and created.category_path == "售前/新分类"
    assert created.tags == ("发货", "测试") and created.similar == ("什么时候发货", "几天能发")
    assert created.origin == "library" and created.created_by == "小王"
    assert page.model.row_of(created.id) is not None
    assert editor.entry is not None and editor.entry.id == created.id

    editor.reply_edit.setPlainText("亲,今天下单后天发货哦")
    editor.enabled_box.setChecked(False)
    assert editor.save()
    assert lib.get(created.id).reply == "亲,今天下单后天发货哦" and not lib.get(created.id).enabled
    assert lib.get(created.id).updated_by == "小王"

    bench.undo_action.trigger()
    assert lib.get(created.id).reply.startswith("亲,{客户昵称}") and lib.get(created.id).enabled
    assert editor.reply_edit.toPlainText().startswith("亲,{客户昵称}")
    bench.undo_action.trigger()
    assert lib.get(created.id).deleted_at is not None  # undoing a create moves it to the trash
    assert page.model.row_of(created.id) is None
    bench.redo_action.trigger()
    assert lib.get(created.id).deleted_at is None
    bench.redo_action.trigger()
    assert lib.get(created.id).reply == "亲,今天下单后天发货哦"


def test_duplicate_code_is_refused_and_nothing_is_pushed(
    qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any
) -> None:
    shown: list[Exception] = []
    monkeypatch.setattr("csdesk.gui.errors.QMessageBox.warning", lambda *a, **k: shown.append(a[2]))
    bench = unlocked
    entry = first_entry(lib, code="hy")
    other = next(e for e in lib.entries.all() if e.shop_id == entry.shop_id and e.id != entry.id)
    select(bench, other.id)
    before = bench.undo_stack.count()
    bench.entries_page.editor.code_edit.setText("hy")
    assert bench.entries_page.editor.warning_list()[0][0] == "code"
    assert not bench.entries_page.editor.save()
    assert shown and "hy" in str(shown[0])
    assert bench.undo_stack.count() == before
    assert lib.get(other.id).code == other.code


def test_delete_to_trash_undo_and_restore(qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any) -> None:
    bench = unlocked
    entry = lib.entries.all()[3]
    select(bench, entry.id)
    bench.entries_page.editor.delete_button.click()
    assert lib.get(entry.id).deleted_at is not None
    assert entry.id in [e.id for e in bench.trash_page.model.entries]
    bench.undo_action.trigger()
    assert lib.get(entry.id).deleted_at is None
    assert not bench.trash_page.model.entries
    bench.redo_action.trigger()
    trash = bench.trash_page
    trash.view.selectRow(0)
    trash.restore_button.click()
    assert lib.get(entry.id).deleted_at is None
    bench.undo_action.trigger()  # undo the restore: back in the trash
    assert lib.get(entry.id).deleted_at is not None
    monkeypatch.setattr(
        "csdesk.gui.manage.trash.QMessageBox.warning", lambda *a, **k: trash._confirm.__func__ and 0x00004000
    )
    trash.empty_button.click()
    assert lib.entries.trash() == []


def test_undo_after_emptying_the_trash_says_the_entries_are_gone(
    qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any
) -> None:
    bench = unlocked
    shown: list[Any] = []
    monkeypatch.setattr("csdesk.gui.errors.show_error", lambda _w, exc, *a, **k: shown.append(exc))
    monkeypatch.setattr("csdesk.gui.manage.trash.QMessageBox.warning", lambda *a, **k: 0x00004000)  # Yes
    kept, purged = lib.entries.all()[3], lib.entries.all()[4]
    assert bench.entries_page.delete_entries([kept.id, purged.id])
    lib.entries.restore(kept.id)  # one of the two left the trash before it was emptied
    bench.trash_page.empty_button.click()
    assert lib.entries.trash() == [] and not lib.get_many([purged.id])
    index = bench.undo_stack.index()
    bench.undo_action.trigger()
    assert bench.undo_stack.index() == index  # the step did not happen, the stack says so
    assert len(shown) == 1 and "已彻底删除,无法撤销" in shown[0].message
    assert "cannot be undone" in shown[0].english
    assert lib.get(kept.id).deleted_at is None  # nothing half-done


def test_agent_edits_only_personal_entries(qtbot: Any, bench: Any, lib: Any) -> None:
    page = bench.entries_page
    library_entry = lib.entries.all()[0]
    select(bench, library_entry.id)
    assert page.editor.reply_edit.isReadOnly() and not page.editor.save_button.isEnabled()
    assert page.editor.readonly_note.isVisibleTo(page.editor)
    page.start_new_entry()
    page.editor.reply_edit.setPlainText("我自己的常用语")
    page.editor.code_edit.setText("wdcy")
    assert page.editor.save()
    mine = lib.find("wdcy", shop=lib.shops.shared.id)
    assert mine.origin == "personal"
    page.editor.reply_edit.setPlainText("我自己的常用语,改过")
    assert page.editor.save()
    assert lib.get(mine.id).reply.endswith("改过")
    bench.undo_action.trigger()  # personal edits undo without the PIN
    assert lib.get(mine.id).reply == "我自己的常用语"
    page.select_entries([library_entry.id, mine.id])
    assert not page.delete_button.isEnabled()
    assert not page.bulk_delete()


def test_undo_of_a_supervisor_edit_needs_the_pin(qtbot: Any, unlocked: Any, lib: Any) -> None:
    bench = unlocked
    entry = lib.entries.all()[1]
    select(bench, entry.id)
    bench.entries_page.editor.title_edit.setText("改过的标题")
    assert bench.entries_page.editor.save()
    bench.session.lock()
    asked: list[bool] = []
    bench.request_unlock = lambda: asked.append(True) or False  # type: ignore[method-assign]
    bench.undo_action.trigger()
    assert asked and lib.get(entry.id).title == "改过的标题"


def test_history_dialog_shows_diff_and_restores(qtbot: Any, unlocked: Any, lib: Any) -> None:
    bench = unlocked
    entry = lib.entries.all()[2]
    lib.update(entry.id, title="第二版标题")
    dialog = HistoryDialog(lib, bench.runner, entry.id, can_restore=True)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    assert "第二版标题" in dialog.diff.toPlainText() and entry.title in dialog.diff.toPlainText()
    assert not dialog.restore_button.isEnabled()  # the newest version is the current one
    dialog.view.selectRow(1)
    assert dialog.restore_button.isEnabled()
    answer_next_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert lib.get(entry.id).title == entry.title
    assert lib.entries.history(entry.id)[0].changed_by == "小王"
    bench.undo_action.trigger()
    assert lib.get(entry.id).title == "第二版标题"


def test_variants_examples_and_assets_are_undoable(qtbot: Any, unlocked: Any, lib: Any) -> None:
    bench = unlocked
    editor = bench.entries_page.editor
    entry = lib.entries.all()[5]
    select(bench, entry.id)
    from csdesk.gui.manage.commands import AddVariantCommand, AssetLinkCommand, ExampleCommand

    assert bench.runner.push(
        AddVariantCommand(lib, entry, {"reply": "送小样版回复", "label": "送小样", "target_tag": "犹豫型"})
    )
    assert [v.label for v in lib.get(entry.id).variants][-1] == "送小样"
    assert editor.variants_model.rowCount() == len(lib.get(entry.id).variants)
    variant = lib.get(entry.id).variants[-1]
    bench.undo_action.trigger()
    assert variant.id not in [v.id for v in lib.get(entry.id).variants]
    bench.redo_action.trigger()
    assert variant.id in [v.id for v in lib.get(entry.id).variants]
    editor.variants_view.selectRow(editor.variants_model.rowCount() - 1)
    editor.remove_variant()
    assert variant.id not in [v.id for v in lib.get(entry.id).variants]
    bench.undo_action.trigger()
    assert variant.id in [v.id for v in lib.get(entry.id).variants]

    assert bench.runner.push(
        ExampleCommand(
            lib, entry, None, None, {"kind": "bad", "dialogue": "客户:在吗\n客服:在", "comment": "太冷淡"}
        )
    )
    assert lib.get(entry.id).examples[-1].comment == "太冷淡"
    bench.undo_action.trigger()
    assert all(x.comment != "太冷淡" for x in lib.get(entry.id).examples)
    bench.redo_action.trigger()
    assert lib.get(entry.id).examples[-1].comment == "太冷淡"

    asset = lib.assets.all()[0]
    assert bench.runner.push(AssetLinkCommand(lib, lib.get(entry.id), asset.id, link=True))
    assert asset.id in lib.get(entry.id).asset_ids
    bench.undo_action.trigger()
    assert asset.id not in lib.get(entry.id).asset_ids


# ----------------------------------------------------------------------------------------------------------
# Editor warnings
# ----------------------------------------------------------------------------------------------------------
def test_editor_warnings_and_red_line_highlight(qtbot: Any, unlocked: Any, lib: Any) -> None:
    editor = unlocked.entries_page.editor
    shop = lib.shops.get("栖木女装旗舰店")
    unlocked.entries_page.start_new_entry()
    editor.shop_combo.setCurrentIndex(editor.shop_combo.findData(shop.id))
    editor.reply_edit.setPlainText("这款是全网最低价,请提供{订单编码}" + "好" * 440)
    editor.update_live()
    kinds = {kind for kind, _message in editor.warning_list()}
    assert {"length", "placeholder", "redline"} <= kinds
    assert "{订单编码}" in editor.warnings.text()
    hits = editor.highlighter.hits()
    assert any(h.text.startswith("全网最") and h.severity == "block" for h in hits)
    block = editor.reply_edit.document().firstBlock()
    formats = block.layout().formats()
    assert any(f.format.underlineStyle() != f.format.underlineStyle().NoUnderline for f in formats)
    position = editor.reply_edit.toPlainText().index("全网最") + 1
    hit = editor.reply_edit.hit_at_position(position)
    assert hit is not None and hit.reason
    assert editor.reply_edit.hit_at_position(0) is None
    editor.reply_edit.setPlainText("您好 {客户昵称}")
    editor.update_live()
    assert editor.warning_list() == []
    assert "客户昵称" in editor.preview.toPlainText()


def test_reply_limits_per_platform(lib: Any) -> None:
    assert PLATFORM_REPLY_LIMITS["淘宝"] == 430
    assert reply_limit(lib, lib.shops.get("木几家居旗舰店").id) == (500, "京东咚咚")
    assert reply_limit(lib, lib.shops.shared.id) == (430, "千牛")
    other = lib.shops.add("线下店", "其他")
    assert reply_limit(lib, other.id) is None


# ----------------------------------------------------------------------------------------------------------
# Categories and shops
# ----------------------------------------------------------------------------------------------------------
def _cat(lib: Any, shop_id: int, path: str) -> Any:
    return next(c for c in lib.categories.all(shop_id) if c.path == path)


def test_category_create_rename_drag_move_and_undo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    page = unlocked.categories_page
    shop = lib.shops.get("栖木女装旗舰店")
    page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
    assert page.create_category(child=False, name="活动")
    activity = _cat(lib, shop.id, "活动")
    assert page.current_id() == activity.id
    assert page.rename(name="大促活动")
    assert lib.categories.get(activity.id).name == "大促活动"
    unlocked.undo_action.trigger()
    assert lib.categories.get(activity.id).name == "活动"
    unlocked.redo_action.trigger()

    # drag 大促活动 under the first root category (drop onto the item)
    model = page.model
    target_id = next(c for c in model.kids[None] if c != activity.id)
    data = model.mimeData([model.index_of(activity.id)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(target_id))
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(activity.id))
    with qtbot.waitSignal(unlocked.undo_stack.indexChanged):
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(target_id))
    assert lib.categories.get(activity.id).parent_id == target_id
    unlocked.undo_action.trigger()
    assert lib.categories.get(activity.id).parent_id is None

    # reorder: drop at row 0 among the root categories
    data = page.model.mimeData([page.model.index_of(activity.id)])
    with qtbot.waitSignal(unlocked.undo_stack.indexChanged):
        page.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert page.model.kids[None][0] == activity.id


def test_category_merge_and_undo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    page = unlocked.categories_page
    shop = lib.shops.get("栖木女装旗舰店")
    page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
    cats = [c for c in lib.categories.all(shop.id) if c.parent_id is not None]
    counts = page.model.counts
    source = next(c for c in cats if counts.get(c.id))
    target = next(c for c in cats if c.id != source.id and c.parent_id == source.parent_id)
    moved = [e.id for e in lib.entries.all(shop=shop.id) if e.category_id == source.id]
    page.select(source.id)
    assert source.id in {c.id for c in page.merge_targets(target.id)}
    assert page.merge(target.id)
    assert all(lib.get(i).category_id == target.id for i in moved)
    assert source.path not in {c.path for c in lib.categories.all(shop.id)}
    unlocked.undo_action.trigger()
    rebuilt = _cat(lib, shop.id, source.path)
    assert all(lib.get(i).category_id == rebuilt.id for i in moved)
    unlocked.redo_action.trigger()
    assert all(lib.get(i).category_id == target.id for i in moved)


def test_empty_category_delete_and_undo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    page = unlocked.categories_page
    page.shop_combo.setCurrentIndex(0)
    assert page.create_category(child=False, name="临时")
    assert page.create_category(child=True, name="子级")
    page.select(_cat(lib, lib.shops.shared.id, "临时").id)
    assert page.delete()
    assert "临时" not in {c.path for c in lib.categories.all(None)}
    unlocked.undo_action.trigger()
    assert {"临时", "临时/子级"} <= {c.path for c in lib.categories.all(None)}


def test_shops_add_rename_platform_delete(qtbot: Any, unlocked: Any, lib: Any) -> None:
    page = unlocked.shops_page
    assert page.add("测试小店", "拼多多")
    shop = lib.shops.get("测试小店")
    assert shop.platform == "拼多多"
    page.view.selectRow(page.model.shops.index(shop))
    assert page.edit("测试大店", "抖店")
    assert lib.shops.get(shop.id).name == "测试大店" and lib.shops.get(shop.id).platform == "抖店"
    unlocked.undo_action.trigger()
    assert lib.shops.get(shop.id).name == "测试小店"
    unlocked.entries_page.reload_shops()
    assert unlocked.entries_page.shop_combo.findData(shop.id) >= 0
    page.view.selectRow([s.id for s in page.model.shops].index(shop.id))
    assert page.delete(confirmed=True)
    assert "测试小店" not in {s.name for s in lib.shops.all()}
    page.view.selectRow(0)
    assert not page.delete_button.isEnabled()  # 通用 cannot be deleted


def test_changes_from_elsewhere_show_up(qtbot: Any, unlocked: Any, lib: Any) -> None:
    created = lib.create(EntryDraft(reply="命令行加的条目", code="cli1"))
    unlocked.relay.flush()
    assert unlocked.entries_page.model.row_of(created.id) is not None


# ----------------------------------------------------------------------------------------------------------
# A big library: read in the background, sorted in the model, counted in SQL
# ----------------------------------------------------------------------------------------------------------
def test_sorting_reorders_the_model_and_keeps_the_selection(bench: Any, lib: Any) -> None:
    from csdesk.gui.manage.entry_table import Column

    page = bench.entries_page
    library_order = [page.model.entry(r).id for r in range(page.model.rowCount())]
    chosen = page.model.entry(3)
    page.select_entries([chosen.id])
    page.view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    keys = [page.proxy.index(r, Column.TITLE).data().casefold() for r in range(page.proxy.rowCount())]
    assert keys == sorted(keys)
    assert [e.id for e in page.selected_entries()] == [chosen.id]
    page.view.sortByColumn(Column.TITLE, Qt.SortOrder.DescendingOrder)
    keys = [page.proxy.index(r, Column.TITLE).data().casefold() for r in range(page.proxy.rowCount())]
    assert keys == sorted(keys, reverse=True)
    lib.log_copy(chosen.id)
    page.model.refresh_usage()
    page.view.sortByColumn(Column.USES, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1) == chosen.id
    assert [e.id for e in page.selected_entries()] == [chosen.id]
    page.proxy.sort(-1)  # unsorted: the library's order again
    assert [page.model.entry(r).id for r in range(page.model.rowCount())] == library_order


def test_a_big_library_is_read_in_the_background(
    qtbot: Any, lib: Any, settings: Any, monkeypatch: Any
) -> None:
    from csdesk.gui.manage.workbench import EntriesPage, ManageWorkbench

    monkeypatch.setattr(EntriesPage, "EAGER_LIMIT", 10)  # the demo library counts as big
    widget = ManageWorkbench(lib, settings)
    qtbot.addWidget(widget)
    page = widget.entries_page
    assert not page.model.loaded and page.model.rowCount() == 0
    widget.show()
    assert page.is_loading() and page.busy.isVisible()
    qtbot.waitUntil(lambda: page.model.loaded)
    assert page.model.rowCount() == lib.entries.count() and not page.busy.isVisible()
    page.filter_edit.setText("尺码")  # typed: waits for a pause over a big table
    assert page.proxy.text == ""
    qtbot.waitUntil(lambda: page.proxy.text == "尺码")
    assert 0 < page.proxy.rowCount() < page.model.rowCount()
    page.set_filter(FilterMode.ALL, "")  # asked for: at once
    assert page.proxy.rowCount() == page.model.rowCount()
    widget.shutdown()


def test_counts_come_from_sql(lib: Any) -> None:
    entries = lib.entries.all()
    by_shop: dict[int, int] = {}
    for e in entries:
        by_shop[e.shop_id] = by_shop.get(e.shop_id, 0) + 1
    assert lib.entries.counts(by="shop") == by_shop
    shop = entries[0].shop_id
    by_category: dict[int, int] = {}
    for e in lib.entries.all(shop=shop):
        if e.category_id is not None:
            by_category[e.category_id] = by_category.get(e.category_id, 0) + 1
    assert lib.entries.counts(by="category", shop=shop) == by_category
    assert set(lib.entries.tag_names()) == {t for e in entries for t in e.tags}
    assert [e.id for e in lib.entries.with_examples()] == [e.id for e in entries if e.examples]


def test_an_oversize_reply_is_refused_by_the_save_button_and_nothing_changes(
    qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any
) -> None:
    from PySide6.QtCore import Qt as _Qt

    from csdesk.core.limits import MAX_FIELD_CHARS

    shown: list[str] = []
    monkeypatch.setattr("csdesk.gui.errors.QMessageBox.warning", lambda *a, **k: shown.append(a[2]))
    entry = first_entry(lib, code="hy")
    select(unlocked, entry.id)
    editor = unlocked.entries_page.editor
    before = unlocked.undo_stack.count()
    generation = lib.index.generation
    editor.reply_edit.setPlainText("长" * (MAX_FIELD_CHARS + 1))
    qtbot.mouseClick(editor.save_button, _Qt.MouseButton.LeftButton)
    assert shown and "100,000" in shown[0] and ("回复" in shown[0] or "reply" in shown[0])
    assert lib.get(entry.id).reply == entry.reply
    assert unlocked.undo_stack.count() == before and lib.index.generation == generation
    editor.reply_edit.setPlainText("亲,在的")  # within the limit: saved as usual
    qtbot.mouseClick(editor.save_button, _Qt.MouseButton.LeftButton)
    assert lib.get(entry.id).reply == "亲,在的"
