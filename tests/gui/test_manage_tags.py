"""The supervisor's tags & customers page: groups, tags, rename everywhere, customers, undo, read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox

from csdesk.core.library import Library
from csdesk.gui.manage import page_support, tags_page
from csdesk.gui.manage.tags_page import CustomerDialog, CustomerValues, TagsPage
from tests.gui.manage_helpers import page_fixtures

lib, errors, page = page_fixtures(TagsPage, page_support, tags_page)


def group_names(lib: Library) -> list[str]:
    return [g.name for g in lib.tags.groups()]


def test_group_create_rename_color_delete_with_undo(qtbot, page: TagsPage, lib: Library) -> None:
    group_id = page.add_group("沟通风格")
    assert group_id is not None and "沟通风格" in group_names(lib)
    assert page.current_group() is not None and page.current_group().name == "沟通风格"
    tag_id = page.add_tag("爱砍价")
    assert tag_id is not None
    assert [t.name for t in lib.tags.all(group_id)] == ["爱砍价"]
    assert page.rename_group(group_id, "沟通方式")
    assert "沟通方式" in group_names(lib)
    assert page.set_group_color(group_id, "#ff0000")
    assert next(g for g in lib.tags.groups() if g.id == group_id).color == "#ff0000"
    assert page.delete_group(group_id)
    assert "沟通方式" not in group_names(lib)
    assert "爱砍价" not in {t.name for t in lib.tags.all()}
    page.undo_stack.undo()  # delete: group and its tag come back
    assert "沟通方式" in group_names(lib)
    assert "爱砍价" in {t.name for t in lib.tags.all()}
    page.undo_stack.undo()  # colour
    page.undo_stack.undo()  # rename
    assert "沟通风格" in group_names(lib)
    page.undo_stack.undo()  # tag
    page.undo_stack.undo()  # group
    assert "沟通风格" not in group_names(lib)
    for _ in range(5):
        page.undo_stack.redo()
    assert "沟通方式" not in group_names(lib)
    page.undo_stack.undo()
    assert next(g for g in lib.tags.groups() if g.name == "沟通方式").color == "#ff0000"


def test_undo_group_delete_puts_the_group_back_in_its_place(page: TagsPage, lib: Library) -> None:
    page.add_group("沟通风格")
    before = group_names(lib)
    assert len(before) >= 3
    first = lib.tags.groups()[0]
    assert page.delete_group(first.id)
    page.undo_stack.undo()
    assert group_names(lib) == before
    page.undo_stack.redo()
    page.undo_stack.undo()
    assert group_names(lib) == before


def test_duplicate_group_and_tag_are_refused(page: TagsPage, lib: Library, errors: list[str]) -> None:
    existing = lib.tags.groups()[0]
    assert page.add_group(existing.name) is None
    assert errors and "已存在" in errors[-1]
    assert page.add_tag(lib.tags.all()[0].name, existing.id) is None
    assert "已存在" in errors[-1]
    assert page.undo_stack.count() == 0


def test_tag_rename_renames_everywhere_and_undo(qtbot, page: TagsPage, lib: Library) -> None:
    tag = next(t for t in lib.tags.all() if t.name == "犹豫型")
    holders = [c.id for c in lib.customers.all() if "犹豫型" in c.tags]
    assert holders
    assert page.rename_tag(tag.id, "观望型")
    assert all("观望型" in lib.customers.by_id(i).tags for i in holders)
    page.undo_stack.undo()
    assert all("犹豫型" in lib.customers.by_id(i).tags for i in holders)


def test_tag_delete_and_undo_and_color(qtbot, page: TagsPage, lib: Library, monkeypatch) -> None:
    tag = lib.tags.all()[0]
    page.select_group(tag.group_id)
    page.select_tag(tag.id)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    page._tag_color_dialog()
    assert next(t for t in lib.tags.all() if t.id == tag.id).color == "#123456"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: page.current_tag() is not None)
    page._delete_tag_confirm()
    assert tag.name not in {t.name for t in lib.tags.all()}
    page.undo_stack.undo()
    back = next(t for t in lib.tags.all() if t.name == tag.name)
    assert back.color == "#123456" and back.group_id == tag.group_id and back.description == tag.description


def test_group_dialogs_use_input(qtbot, page: TagsPage, lib: Library, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("节日客户", True))
    page._add_group_dialog()
    assert "节日客户" in group_names(lib)


def test_customer_add_edit_delete(qtbot, page: TagsPage, lib: Library, errors: list[str]) -> None:
    shop = next(s for s in lib.shops.all() if not s.is_shared)
    values = CustomerValues("小白兔", shop.id, ("犹豫型",), "05-01", "", "身高160")
    assert page.save_customer(values)
    created = next(c for c in lib.customers.all() if c.nickname == "小白兔")
    assert created.tags == ("犹豫型",) and created.birthday == "05-01"
    qtbot.waitUntil(
        lambda: page.current_customer() is not None and page.current_customer().nickname == "小白兔"
    )
    # edit in place
    assert page.save_customer(
        CustomerValues("小白兔", shop.id, ("犹豫型", "老客户"), "05-01", "退过一次", "身高160"), created
    )
    assert lib.customers.by_id(created.id).after_sale == "退过一次"
    # rename (a new key in the library)
    edited = lib.customers.by_id(created.id)
    assert page.save_customer(
        CustomerValues("大白兔", shop.id, edited.tags, "05-01", "退过一次", "身高160"), edited
    )
    assert [c.nickname for c in lib.customers.all() if c.nickname.endswith("白兔")] == ["大白兔"]
    page.undo_stack.undo()
    assert [c.nickname for c in lib.customers.all() if c.nickname.endswith("白兔")] == ["小白兔"]
    page.undo_stack.undo()
    assert next(c for c in lib.customers.all() if c.nickname == "小白兔").after_sale == ""
    page.undo_stack.undo()
    assert not any(c.nickname == "小白兔" for c in lib.customers.all())
    page.undo_stack.redo()
    again = next(c for c in lib.customers.all() if c.nickname == "小白兔")
    assert page.delete_customer(again.id)
    assert not any(c.nickname == "小白兔" for c in lib.customers.all())
    page.undo_stack.undo()
    assert any(c.nickname == "小白兔" for c in lib.customers.all())


def test_bad_birthday_gives_message_and_keeps_dialog(
    qtbot, page: TagsPage, lib: Library, errors: list[str]
) -> None:
    before = len(lib.customers.all())
    dialog = CustomerDialog(lib, None, lambda v: page.save_customer(v), page)
    qtbot.addWidget(dialog)
    dialog.nickname.setText("新客户")
    dialog.birthday.setText("1990-13-45")
    dialog.accept()
    assert errors and "生日" in errors[-1]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert len(lib.customers.all()) == before and page.undo_stack.count() == 0
    dialog.birthday.setText("1990-12-05")
    index = dialog.tags_model.index(0, 0)
    dialog.tags_model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    dialog.accept()
    saved = next(c for c in lib.customers.all() if c.nickname == "新客户")
    assert saved.birthday == "1990-12-05" and saved.tags == (dialog.tags_model.checked()[0],)


def test_duplicate_customer_refused(page: TagsPage, lib: Library, errors: list[str]) -> None:
    existing = lib.customers.all()[0]
    assert not page.save_customer(CustomerValues(existing.nickname, existing.shop_id, (), "", "", ""))
    assert errors and "已经有客户" in errors[-1]


def test_customer_filter(page: TagsPage, lib: Library) -> None:
    total = page.customer_proxy.rowCount()
    page.customer_filter.setText("犹豫型")
    assert 0 < page.customer_proxy.rowCount() < total


def test_read_only_blocks_edits(page: TagsPage, lib: Library) -> None:
    page.set_editable(False)
    assert page.add_group("只读组") is None
    assert not page.save_customer(CustomerValues("只读客户", None, (), "", "", ""))
    assert not page.add_group_button.isEnabled() and not page.add_customer_button.isEnabled()
    assert "只读组" not in group_names(lib)


def test_models(qtmodeltester, page: TagsPage, lib: Library) -> None:
    qtmodeltester.check(page.group_model)
    qtmodeltester.check(page.tag_model)
    qtmodeltester.check(page.customer_model)
    qtmodeltester.check(page.customer_proxy)
    dialog = CustomerDialog(lib, lib.customers.all()[0], lambda v: True, page)
    qtmodeltester.check(dialog.tags_model)
