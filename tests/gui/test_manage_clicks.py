# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""The workbench's buttons and menu actions, fired the way a person fires them (the signal, never the slot).

A slot that takes an optional argument receives the signal's ``checked`` flag where it expects a name or an id
(分类 → 改名… once did nothing but print a traceback). These tests click the real buttons.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from tests.gui.manage_helpers import bench, lib, unlocked  # noqa: F401


def _cat(lib: Any, shop_id: int, path: str) -> Any:
    return next(c for c in lib.categories.all(shop_id) if c.path == path)


def test_category_rename_button_renames(qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any) -> None:
    page = unlocked.categories_page
    shop = lib.shops.get("栖木女装旗舰店")
    page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
    source = next(c for c in lib.categories.all(shop.id) if c.parent_id is None)
    page.select(source.id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("改过的名字", True))
    qtbot.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    assert lib.categories.get(source.id).name == "改过的名字"


def test_category_merge_button_merges(qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any) -> None:
    page = unlocked.categories_page
    shop = lib.shops.get("栖木女装旗舰店")
    page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
    cats = [c for c in lib.categories.all(shop.id) if c.parent_id is not None]
    source = next(c for c in cats if page.model.counts.get(c.id))
    target = next(c for c in cats if c.id != source.id and c.parent_id == source.parent_id)
    moved = [e.id for e in lib.entries.all(shop=shop.id) if e.category_id == source.id]
    page.select(source.id)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (target.path, True))
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert all(lib.get(i).category_id == target.id for i in moved)
    assert source.id not in {c.id for c in lib.categories.all(shop.id)}


@pytest.mark.parametrize("button", ["add_button", "add_child_button"])
def test_category_new_buttons_create(
    qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any, button: str
) -> None:
    page = unlocked.categories_page
    page.shop_combo.setCurrentIndex(0)
    page.select(next(c for c in lib.categories.all(None) if c.parent_id is None).id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("点出来的", True))
    qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)
    assert any(c.name == "点出来的" for c in lib.categories.all(None))


# ----------------------------------------------------------------------------------------------------------
# The class of bug, everywhere in the GUI: a button/action signal connected straight to a method with parameters
# ----------------------------------------------------------------------------------------------------------
_FLAG_SIGNALS = {"clicked", "triggered", "toggled"}


def _mis_wired(source: str) -> list[str]:
    """``x.clicked.connect(self.m)`` where ``m`` takes a parameter that is not the signal's own (checked / index)."""
    import ast

    found: list[str] = []
    for cls in (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef)):
        methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
        for node in ast.walk(cls):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            signal = node.func.value
            if node.func.attr != "connect" or not isinstance(signal, ast.Attribute) or not node.args:
                continue
            slot = node.args[0]
            if signal.attr not in _FLAG_SIGNALS or not isinstance(slot, ast.Attribute):
                continue
            if not (isinstance(slot.value, ast.Name) and slot.value.id == "self" and slot.attr in methods):
                continue
            params = methods[slot.attr].args.args[1:]
            if not params:
                continue
            first = params[0].annotation
            # an item view's clicked(QModelIndex) is meant to arrive; a button's clicked(bool) only as "checked: bool"
            meant = isinstance(first, ast.Name) and (first.id == "bool" or first.id.endswith("Index"))
            if not meant or methods[slot.attr].args.defaults:
                found.append(f"{cls.name}.{slot.attr} ← {signal.attr} (line {node.lineno})")
    return found


def test_no_button_signal_lands_in_a_parameter_meant_for_something_else() -> None:
    from pathlib import Path

    import csdesk.gui

    root = Path(csdesk.gui.__file__).parent
    bad = [
        f"{p.relative_to(root)}: {hit}"
        for p in sorted(root.rglob("*.py"))
        for hit in _mis_wired(p.read_text())
    ]
    assert not bad, "connect through a lambda (or a slot without parameters):\n" + "\n".join(bad)


def test_the_wiring_check_finds_the_old_category_bug() -> None:
    old = (
        "class P:\n"
        "    def __init__(self):\n"
        "        self.b.clicked.connect(self.rename)\n"
        "        self.b.toggled.connect(self.show_it)\n"
        "    def rename(self, name: str | None = None) -> bool: ...\n"
        "    def show_it(self, on: bool) -> None: ...\n"
    )
    assert _mis_wired(old) == ["P.rename ← clicked (line 3)"]


# ----------------------------------------------------------------------------------------------------------
# The sweep: every button and action of every workbench page, clicked with the dialogs answered yes and no
# ----------------------------------------------------------------------------------------------------------
class _Answers:
    """Stands in for every modal a click can open, answering ``yes`` (accept, first choice) or ``no`` (cancel)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp: Any, yes: bool) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QColor, QDesktopServices, QImage
        from PySide6.QtWidgets import QColorDialog, QDialog, QFileDialog, QMenu, QMessageBox

        self.yes = yes
        self.menus: list[QMenu] = []
        self.shown: list[str] = []
        image = tmp / "pic.png"
        QImage(8, 8, QImage.Format.Format_RGB32).save(str(image))
        text = tmp / "words.txt"
        text.write_text("测试\n", encoding="utf-8")
        button = QMessageBox.StandardButton

        def box(answer: Any) -> Any:
            def show(parent: Any, title: str, message: str, *a: Any, **k: Any) -> Any:
                self.shown.append(message)
                return answer

            return show

        monkeypatch.setattr(QMessageBox, "question", box(button.Yes if yes else button.No))
        for name in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, name, box(button.Ok))
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("点击测试", yes))
        monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("点击测试", yes))
        monkeypatch.setattr(
            QInputDialog,
            "getItem",
            lambda parent, title, label, items, *a, **k: (items[0] if items else "", yes),
        )
        monkeypatch.setattr(
            QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(image), str(text)] if yes else [], "")
        )
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(text) if yes else "", ""))
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp / "out.csv") if yes else "", "")
        )
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp) if yes else "")
        monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#c03030") if yes else QColor())
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: isinstance(url, QUrl))
        runs: dict[int, int] = {}

        def exec_dialog(dialog: QDialog) -> int:
            # accepted once (a dialog asked again in a loop is then cancelled), never shown
            runs[id(dialog)] = runs.get(id(dialog), 0) + 1
            accepted = yes and runs[id(dialog)] == 1
            code = QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected
            dialog.setResult(int(code.value))
            return int(code.value)

        monkeypatch.setattr(QDialog, "exec", exec_dialog)
        # QMenu.exec(pos) cannot be patched from Python (an overloaded static/instance method): a popup that opens
        # is noted and closed at once, and its actions are triggered afterwards as a person would pick them
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def close_popup() -> None:
            popup = QApplication.activePopupWidget()
            if isinstance(popup, QMenu):
                self.menus.append(popup)
                popup.close()

        self.popup_timer = QTimer()
        self.popup_timer.timeout.connect(close_popup)
        self.popup_timer.start(10)


def _pages(bench: Any) -> list[tuple[str, Any]]:
    return [(bench.nav.item(i).text(), bench.pages.widget(i)) for i in range(bench.pages.count())]


MUST_FIRE = {  # buttons on other tabs than the first, and ones added later: the sweep must reach them
    "标签与客户": ["新建条目标签…", "合并到…", "删除未用的", "新建客户…", "新建客户标签…"],
    "条目": ["加条目标签…", "action: 加条目标签…", "action: 去条目标签…"],
}
PAGE_LABELS = ["条目", "分类", "店铺", "素材", "标签与客户", "红线规则", "流程与案例", "回收站"]


def _select_something(page: Any) -> None:
    """Like a person about to press a button: the first row of every list on the page is selected."""
    import shiboken6
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QAbstractItemView

    for view in page.findChildren(QAbstractItemView):
        if not shiboken6.isValid(view):
            continue
        model = view.model()
        if model is None or not view.isVisibleTo(page) or model.rowCount() == 0:
            continue
        if view.currentIndex().isValid() and view.selectionModel().hasSelection():
            continue  # a row chosen already (a click may have cleared it: 新建条目 leaves no selection)
        flag = QItemSelectionModel.SelectionFlag
        view.selectionModel().setCurrentIndex(model.index(0, 0), flag.ClearAndSelect | flag.Rows)


def _fire_all(qtbot: Any, bench: Any, page: Any, answers: _Answers, pin: str) -> list[str]:
    """Click every enabled button and trigger every enabled action on ``page`` (menus included), on each of its
    tabs; returns their names."""
    import shiboken6
    from PySide6.QtWidgets import QTabWidget

    fired: list[str] = []
    done: set[int] = set()  # each button, action and menu once, whichever tab shows it
    alive = shiboken6.isValid  # dialogs a click opened are gone again, with their buttons and lists
    tab_widgets = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
    for tabs in tab_widgets:  # every tab of the page in turn (a hidden tab's buttons are not visible)
        for index in range(tabs.count()):
            if alive(tabs):
                tabs.setCurrentIndex(index)
                fired.extend(_fire_visible(qtbot, bench, page, answers, pin, done))
    if not tab_widgets:
        fired.extend(_fire_visible(qtbot, bench, page, answers, pin, done))
    return fired


def _fire_visible(
    qtbot: Any, bench: Any, page: Any, answers: _Answers, pin: str, done: set[int]
) -> list[str]:
    """:func:`_fire_all` for what is visible now (one tab of a page with tabs), skipping what is ``done``."""
    import shiboken6
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractItemView, QPushButton, QToolButton

    fired: list[str] = []

    def fire_menu_actions() -> None:
        while answers.menus:
            menu = answers.menus.pop(0)
            menu.aboutToShow.emit()
            for action in menu.actions():
                if action.isEnabled() and not action.isSeparator() and action.menu() is None:
                    fired.append("menu: " + action.text())
                    action.trigger()
                elif action.menu() is not None:
                    answers.menus.append(action.menu())

    def again() -> None:
        if not bench.session.is_unlocked:
            bench.session.unlock(pin)
        _select_something(page)

    alive = shiboken6.isValid
    for button in [*page.findChildren(QPushButton), *page.findChildren(QToolButton)]:
        again()
        if not alive(button) or not (button.isVisibleTo(page) and button.isEnabled()) or id(button) in done:
            continue
        done.add(id(button))
        if button.menu() is not None:  # a button with a menu opens it; a person then picks from it
            answers.menus.append(button.menu())
        else:
            fired.append(button.text() or button.toolTip() or button.objectName())
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        fire_menu_actions()
    for action in page.findChildren(QAction):
        again()
        if alive(action) and action.isEnabled() and action.isVisible() and not action.isSeparator():
            if id(action) in done:
                continue
            done.add(id(action))
            fired.append("action: " + action.text())
            action.trigger()
            fire_menu_actions()
    for view in page.findChildren(QAbstractItemView):  # right-click menus
        again()
        if not alive(view) or not view.isVisibleTo(page) or id(view) in done:
            continue
        done.add(id(view))
        if view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu:
            rect = view.visualRect(view.currentIndex()) if view.currentIndex().isValid() else view.rect()
            view.customContextMenuRequested.emit(rect.center())
            fire_menu_actions()
    return fired


@pytest.mark.qt_log_ignore(
    "This plugin does not support"
)  # offscreen: a right-click menu opens (and is closed)
@pytest.mark.parametrize("yes", [True, False], ids=["answer-yes", "answer-no"])
@pytest.mark.parametrize("label", PAGE_LABELS)
def test_every_button_and_action_of_the_page_can_be_fired(
    qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any, tmp_path: Any, caplog: Any, label: str, yes: bool
) -> None:
    import logging

    from tests.gui.manage_helpers import TEST_PIN

    caplog.set_level(logging.ERROR)
    answers = _Answers(monkeypatch, tmp_path, yes)
    pages = dict(_pages(unlocked))
    assert label in pages, f"no page {label}: {list(pages)}"
    page = pages[label]
    if label == "回收站":  # something to restore or purge
        for entry in lib.entries.all()[:3]:
            lib.delete(entry.id)
        qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    if label == "标签与客户":  # an unused entry tag first in the list: 删除未用的 has something to delete
        lib.entry_tags.create("0未用")
        qtbot.waitUntil(lambda: page.entry_tags_tab.model.row_of("0未用") >= 0)
    unlocked.show_page(page)
    unlocked.show()
    if label == "条目":  # the table fills in a worker thread: rows first, then the bulk buttons
        qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    fired = _fire_all(qtbot, unlocked, page, answers, TEST_PIN)
    assert len(fired) >= 2, fired
    missing = [name for name in MUST_FIRE.get(label, ()) if not any(f.startswith(name) for f in fired)]
    assert not missing, (missing, "; ".join(fired))
    bugs = [r for r in caplog.records if r.exc_info]
    assert not bugs, [r.getMessage() for r in bugs]


def test_the_workbench_frame_buttons_fire(
    qtbot: Any, unlocked: Any, monkeypatch: Any, tmp_path: Any, caplog: Any
) -> None:
    """撤销/重做, 发布到团队库…, 锁定, 修改 PIN… — the buttons above the pages."""
    import logging

    from tests.gui.manage_helpers import TEST_PIN

    caplog.set_level(logging.ERROR)
    answers = _Answers(monkeypatch, tmp_path, True)
    unlocked.show()
    unlocked.categories_page.create_category(child=False, name="撤销用")
    frame = [unlocked.undo_button, unlocked.redo_button, unlocked.publish_button, unlocked.pin_button]
    for button in frame:
        assert button.isEnabled() and button.isVisible(), button.toolTip()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(unlocked.lock_button, Qt.MouseButton.LeftButton)
    assert not unlocked.session.is_unlocked
    unlocked.session.unlock(TEST_PIN)
    assert not answers.menus
    assert not [r for r in caplog.records if r.exc_info]


# ----------------------------------------------------------------------------------------------------------
# Changes from outside (the CLI, another process): the open workbench follows
# ----------------------------------------------------------------------------------------------------------
def test_workbench_follows_a_change_made_by_another_process(qtbot: Any, unlocked: Any, lib: Any) -> None:
    from csdesk.core.library import Library
    from csdesk.core.models import EntryDraft

    shop = lib.shops.get("栖木女装旗舰店")
    page = unlocked.categories_page
    page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
    before = unlocked.entries_page.model.rowCount()
    other = Library.open(lib.home, demo=False, build_index=False)  # what `csdesk` on the command line opens
    try:
        category_id = other.categories.ensure(shop.id, "外部新建")
        other.create(EntryDraft(title="外部新建的条目", reply="命令行写入的回复", shop=shop.id))
    finally:
        other.close()
    assert unlocked.watch.check()  # the timer's poll, without waiting 1.5 s
    qtbot.waitUntil(lambda: unlocked.entries_page.model.rowCount() == before + 1)
    qtbot.waitUntil(lambda: category_id is not None and page.model.index_of(category_id).isValid())
    assert not unlocked.watch.check()  # nothing new since


def test_own_writes_are_not_taken_for_outside_changes(qtbot: Any, unlocked: Any, lib: Any) -> None:
    heard: list[Any] = []
    lib.add_listener(heard.append)
    unlocked.categories_page.create_category(child=False, name="自己建的")
    heard.clear()
    assert not unlocked.watch.check()
    assert not [c for c in heard if c.kind == "all"]
    lib.remove_listener(heard.append)


# ----------------------------------------------------------------------------------------------------------
# Undo takes back the categories an edit created
# ----------------------------------------------------------------------------------------------------------
def test_undo_of_a_new_entry_removes_the_categories_it_created(qtbot: Any, unlocked: Any, lib: Any) -> None:
    page = unlocked.entries_page
    editor = page.editor
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor.title_edit.setText("新分类里的条目")
    editor.reply_edit.setPlainText("亲,这是回复")
    editor.category_combo.setCurrentText("全新一级/全新二级")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    paths = {c.path for c in lib.categories.all(None)}
    assert {"全新一级", "全新一级/全新二级"} <= paths
    unlocked.undo_action.trigger()
    assert not {"全新一级", "全新一级/全新二级"} & {c.path for c in lib.categories.all(None)}
    unlocked.redo_action.trigger()
    entry = next(e for e in lib.entries.all() if e.title == "新分类里的条目")
    assert entry.category_path == "全新一级/全新二级"


def test_undo_of_a_move_to_a_new_category_removes_it(qtbot: Any, unlocked: Any, lib: Any) -> None:
    page = unlocked.entries_page
    editor = page.editor
    entry = next(e for e in lib.entries.all() if e.shop_id == lib.shops.shared.id)
    page.select_entry(entry.id)
    editor.category_combo.setCurrentText("临时归档")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert lib.get(entry.id).category_path == "临时归档"
    unlocked.undo_action.trigger()
    assert lib.get(entry.id).category_path == entry.category_path
    assert "临时归档" not in {c.path for c in lib.categories.all(None)}


# ----------------------------------------------------------------------------------------------------------
# A sorted table keeps new and changed rows where the sort puts them
# ----------------------------------------------------------------------------------------------------------
def test_new_and_changed_rows_take_their_sorted_place(qtbot: Any, unlocked: Any, lib: Any) -> None:
    from csdesk.core.models import EntryDraft
    from csdesk.gui.manage.entry_table import ENTRY_ID_ROLE, Column

    page = unlocked.entries_page
    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(Column.TITLE) + header.sectionSize(Column.TITLE) // 2
    from PySide6.QtCore import QPoint

    unlocked.show()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    proxy = page.view.model()

    def row_of(entry_id: str) -> int:
        return next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ENTRY_ID_ROLE) == entry_id)

    first_title = proxy.index(0, Column.TITLE).data()
    last = proxy.index(proxy.rowCount() - 1, 0).data(ENTRY_ID_ROLE)
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    edge = 0 if ascending else proxy.rowCount() - 1
    lib.update(last, title="0000 排在最前")
    qtbot.waitUntil(lambda: row_of(last) == edge)
    created = lib.create(EntryDraft(title="0001 新条目", reply="回复"))
    qtbot.waitUntil(
        lambda: created.id in {proxy.index(r, 0).data(ENTRY_ID_ROLE) for r in range(proxy.rowCount())}
    )
    assert abs(row_of(created.id) - edge) == 1, first_title


def test_dates_and_headers_fit_their_columns(qtbot: Any, bench: Any) -> None:
    from csdesk.gui.manage.entry_table import Column

    view = bench.entries_page.view
    metrics = view.fontMetrics()
    for column in (Column.LAST_USED, Column.UPDATED, Column.USES):
        header = str(view.model().headerData(column, Qt.Orientation.Horizontal))
        assert view.columnWidth(column) >= metrics.horizontalAdvance(header) + 20, (
            header
        )  # the sort arrow too
    for column in (Column.LAST_USED, Column.UPDATED):
        assert view.columnWidth(column) > metrics.horizontalAdvance("2026-12-04 20:21"), column


# ----------------------------------------------------------------------------------------------------------
# Adding several files: one that cannot be read is reported by name, the others still go in
# ----------------------------------------------------------------------------------------------------------
def test_several_files_one_unreadable_none_dropped_silently(
    qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from csdesk.core.areas.assets import AssetsArea

    files = []
    for n, color in enumerate((0xFF0000, 0x00FF00, 0x0000FF)):
        image = QImage(6 + n, 6, QImage.Format.Format_RGB32)
        image.fill(color)
        path = tmp_path / f"pic{n}.png"
        image.save(str(path))
        files.append(path)
    real = AssetsArea.add_file  # what the page calls (it says whether the content was new)

    def flaky(self: Any, path: Any, *a: Any, **k: Any) -> Any:
        if path.name == "pic1.png":
            raise PermissionError(13, "Permission denied", str(path))
        return real(self, path, *a, **k)

    monkeypatch.setattr(AssetsArea, "add_file", flaky)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in files], ""))
    page = unlocked.extra_pages["AssetsPage"]
    before = len(lib.assets.all())
    with qtbot.waitSignal(page.import_finished, timeout=10000):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert len(lib.assets.all()) == before + 2
    assert any("pic1.png" in text for text in shown), shown
