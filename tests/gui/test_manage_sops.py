"""The supervisor's SOP & example page: create, reorder by drag, save (one undo step), examples, read-only."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from csdesk.core.library import Library
from csdesk.gui.manage import page_support, sops_page
from csdesk.gui.manage.page_support import EntryPickerDialog
from csdesk.gui.manage.sops_page import SopsPage, StepDraft, StepListModel
from tests.gui.manage_helpers import page_fixtures

lib, errors, page = page_fixtures(SopsPage, page_support, sops_page)


def instructions(model: StepListModel) -> list[str]:
    return [s.instruction for s in model.steps()]


def test_create_sop_with_entry_reorder_and_save(qtbot, page: SopsPage, lib: Library, monkeypatch) -> None:
    entry = lib.search("物流")[0].entry
    page.new_sop()
    page.name_edit.setText("客户要求改地址")
    page.add_step("核对订单状态")
    page.add_step("联系快递改派")
    page.add_step("告知客户结果")
    monkeypatch.setattr(EntryPickerDialog, "pick", staticmethod(lambda *a, **k: entry.id))
    page.step_view.setCurrentIndex(page.step_model.index(1, 0))
    page.pick_entry_for_current_step()
    assert page.step_model.step(1).entry_id == entry.id
    assert entry.title in page.step_model.data(page.step_model.index(1, 0))
    # drag the last step to the top (what the view does on an internal move)
    mime = page.step_model.mimeData([page.step_model.index(2, 0)])
    assert page.step_model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert instructions(page.step_model) == ["告知客户结果", "核对订单状态", "联系快递改派"]
    # and back down with moveRows
    assert page.step_model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert instructions(page.step_model) == ["核对订单状态", "联系快递改派", "告知客户结果"]
    page.step_view.setCurrentIndex(page.step_model.index(2, 0))
    page.move_current_step(-1)
    assert instructions(page.step_model) == ["核对订单状态", "告知客户结果", "联系快递改派"]
    assert page.dirty and page.save_button.isEnabled()
    assert page.save_current()
    saved = next(s for s in lib.sops.all() if s.name == "客户要求改地址")
    assert [(s.instruction, s.entry_id) for s in saved.steps] == [
        ("核对订单状态", None),
        ("告知客户结果", None),
        ("联系快递改派", entry.id),
    ]
    assert not page.dirty and page.current_sop_id() == saved.id
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert not any(s.name == "客户要求改地址" for s in lib.sops.all())
    page.undo_stack.redo()
    assert any(s.name == "客户要求改地址" for s in lib.sops.all())


def test_edit_existing_sop_and_undo(qtbot, page: SopsPage, lib: Library) -> None:
    sop = lib.sops.all()[0]
    page.load_sop(sop.id)
    page.step_model.moveRows(QModelIndex(), 0, 1, QModelIndex(), page.step_model.rowCount())
    page.step_model.removeRows(0, 1)
    assert page.save_current()
    changed = lib.sops.get(sop.id)
    assert len(changed.steps) == len(sop.steps) - 1
    assert changed.steps[-1].instruction == sop.steps[0].instruction
    page.undo_stack.undo()
    assert [(s.instruction, s.entry_id) for s in lib.sops.get(sop.id).steps] == [
        (s.instruction, s.entry_id) for s in sop.steps
    ]


def test_empty_step_name_refused(page: SopsPage, lib: Library, errors: list[str]) -> None:
    page.new_sop()
    page.name_edit.setText("")
    page.add_step("第一步")
    assert not page.save_current()
    assert errors and "流程名" in errors[-1]
    assert page.undo_stack.count() == 0 and page.dirty


def test_delete_sop_and_undo(page: SopsPage, lib: Library) -> None:
    sop = lib.sops.all()[0]
    assert page.delete_sop(sop.id)
    assert sop.id not in {s.id for s in lib.sops.all()}
    page.undo_stack.undo()
    assert any(s.name == sop.name and len(s.steps) == len(sop.steps) for s in lib.sops.all())


def test_undo_sop_delete_puts_the_sop_back_in_its_place(page: SopsPage, lib: Library) -> None:
    before = [s.name for s in lib.sops.all()]
    assert len(before) >= 2
    assert page.delete_sop(lib.sops.all()[0].id)
    page.undo_stack.undo()
    assert [s.name for s in lib.sops.all()] == before
    page.undo_stack.redo()
    page.undo_stack.undo()
    assert [s.name for s in lib.sops.all()] == before


def test_step_instruction_edit_in_place(page: SopsPage, lib: Library) -> None:
    page.load_sop(lib.sops.all()[0].id)
    index = page.step_model.index(0, 0)
    assert page.step_model.setData(index, "先道歉再核对")
    assert page.step_model.step(0).instruction == "先道歉再核对"
    assert page.dirty


def test_examples_add_edit_delete(qtbot, page: SopsPage, lib: Library, monkeypatch) -> None:
    entry = lib.search("尺码")[0].entry
    before = len(lib.get(entry.id).examples)
    example_id = page.add_example(entry.id, "bad", "客户:偏大吗?\n客服:不会的亲", "没有给出尺码建议")
    assert example_id is not None
    examples = lib.get(entry.id).examples
    assert len(examples) == before + 1
    assert page.current_example_entry() is not None and page.current_example_entry().id == entry.id
    assert page.example_model.rowCount() == before + 1
    example = next(x for x in examples if x.id == example_id)
    assert page.update_example(example, "good", example.dialogue, "改好了")
    assert next(x for x in lib.get(entry.id).examples if x.id == example_id).kind == "good"
    assert page.delete_example(lib.get(entry.id).examples[-1])
    assert len(lib.get(entry.id).examples) == before
    page.undo_stack.undo()  # delete
    assert any(x.comment == "改好了" for x in lib.get(entry.id).examples)
    page.undo_stack.undo()  # edit
    assert any(x.comment == "没有给出尺码建议" for x in lib.get(entry.id).examples)
    page.undo_stack.undo()  # add
    assert len(lib.get(entry.id).examples) == before


def test_empty_example_refused(page: SopsPage, lib: Library, errors: list[str]) -> None:
    entry = lib.search("尺码")[0].entry
    assert page.add_example(entry.id, "good", "  ") is None
    assert errors and page.undo_stack.count() == 0


def test_read_only_blocks_edits(page: SopsPage, lib: Library) -> None:
    page.set_editable(False)
    page.load_sop(lib.sops.all()[0].id)
    index = page.step_model.index(0, 0)
    assert not page.step_model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert not page.step_model.setData(index, "x")
    mime = page.step_model.mimeData([page.step_model.index(1, 0)])
    assert not page.step_model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not page.save_current()
    assert page.add_example(lib.search("尺码")[0].entry.id, "good", "对话") is None
    assert not page.new_sop_button.isEnabled() and not page.add_step_button.isEnabled()


def test_models(qtmodeltester, page: SopsPage, lib: Library) -> None:
    qtmodeltester.check(page.sop_model)
    page.load_sop(lib.sops.all()[0].id)
    qtmodeltester.check(page.step_model)
    qtmodeltester.check(page.entry_model)
    page.show_examples_of(page.entry_model.entry(0).id)
    qtmodeltester.check(page.example_model)
    standalone = StepListModel()
    standalone.set_steps([StepDraft("a"), StepDraft("b")])
    qtmodeltester.check(standalone)
