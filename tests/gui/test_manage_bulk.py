# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""Bulk work in the entry table: each action on many selected rows is one undoable step."""

from __future__ import annotations

from typing import Any

from tests.gui.manage_helpers import bench, lib, unlocked  # noqa: F401


def pick(bench: Any, lib: Any, n: int = 3) -> list[Any]:
    shop = lib.shops.get("栖木女装旗舰店")
    entries = [e for e in lib.entries.all(shop=shop.id)][:n]
    bench.entries_page.select_entries([e.id for e in entries])
    assert {e.id for e in bench.entries_page.selected_entries()} == {e.id for e in entries}
    return entries


def test_bulk_move_to_category_and_undo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    entries = pick(unlocked, lib)
    before = {e.id: e.category_id for e in entries}
    count = unlocked.undo_stack.count()
    assert unlocked.entries_page.bulk_move("售后/批量测试")
    assert unlocked.undo_stack.count() == count + 1
    assert {lib.get(e.id).category_path for e in entries} == {"售后/批量测试"}
    assert {e.id for e in unlocked.entries_page.selected_entries()} == set(before)  # selection kept
    unlocked.undo_action.trigger()
    assert {e.id: lib.get(e.id).category_id for e in entries} == before
    unlocked.redo_action.trigger()
    assert {lib.get(e.id).category_path for e in entries} == {"售后/批量测试"}


def test_bulk_tags_add_remove_and_undo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    entries = pick(unlocked, lib)
    before = {e.id: e.tags for e in entries}
    assert unlocked.entries_page.bulk_tags(add=True, tags=["大促", "新品"])
    assert all({"大促", "新品"} <= set(lib.get(e.id).tags) for e in entries)
    assert unlocked.entries_page.bulk_tags(add=False, tags=["新品"])
    assert all("新品" not in lib.get(e.id).tags and "大促" in lib.get(e.id).tags for e in entries)
    unlocked.undo_action.trigger()
    assert all("新品" in lib.get(e.id).tags for e in entries)
    unlocked.undo_action.trigger()
    assert {e.id: lib.get(e.id).tags for e in entries} == before


def test_bulk_enable_disable_and_undo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    entries = pick(unlocked, lib, 4)
    assert unlocked.entries_page.disable_button.isEnabled()
    unlocked.entries_page.disable_button.click()
    assert not any(lib.get(e.id).enabled for e in entries)
    unlocked.undo_action.trigger()
    assert all(lib.get(e.id).enabled for e in entries)
    unlocked.redo_action.trigger()
    unlocked.entries_page.select_entries([e.id for e in entries])
    unlocked.entries_page.enable_button.click()
    assert all(lib.get(e.id).enabled for e in entries)


def test_bulk_delete_and_undo(qtbot: Any, unlocked: Any, lib: Any) -> None:
    entries = pick(unlocked, lib, 5)
    rows = unlocked.entries_page.model.rowCount()
    unlocked.entries_page.delete_button.click()
    assert all(lib.get(e.id).deleted_at for e in entries)
    assert unlocked.entries_page.model.rowCount() == rows - 5
    assert len(unlocked.trash_page.model.entries) == 5
    assert unlocked.undo_stack.undoText().endswith("5 个条目")
    unlocked.undo_action.trigger()
    assert not any(lib.get(e.id).deleted_at for e in entries)
    assert unlocked.entries_page.model.rowCount() == rows


def test_bulk_actions_need_supervisor_mode(qtbot: Any, bench: Any, lib: Any) -> None:
    pick(bench, lib)
    page = bench.entries_page
    assert not page.move_button.isEnabled() and not page.delete_button.isEnabled()
    assert not page.bulk_enable(False)
    assert all(e.enabled for e in lib.entries.all())
