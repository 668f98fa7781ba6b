"""The supervisor's red-line page: add, disable, delete, word-list import, the test box, read-only mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from csdesk.core.library import Library
from csdesk.core.models import Rule
from csdesk.gui.manage import page_support
from csdesk.gui.manage.rules_page import RulesPage, WordListDialog
from csdesk.gui.models import utf16_offset
from tests.gui.manage_helpers import page_fixtures

lib, errors, page = page_fixtures(RulesPage, page_support)


def test_add_rule_and_undo(qtbot, page: RulesPage, lib: Library) -> None:
    rule_id = page.add_rule(
        Rule(id=None, pattern="一抹就白", severity="block", reason="夸大功效", suggestion="按说明使用")
    )
    assert rule_id is not None
    assert lib.rules.get(rule_id).pattern == "一抹就白"
    assert [h.text for h in lib.check("这个一抹就白")] == ["一抹就白"]
    assert page.model.row_of(rule_id) >= 0
    page.undo_stack.undo()
    assert not any(r.pattern == "一抹就白" for r in lib.rules.all())
    page.undo_stack.redo()
    assert any(r.pattern == "一抹就白" for r in lib.rules.all())


def test_bad_regex_shows_error_and_adds_nothing(page: RulesPage, lib: Library, errors: list[str]) -> None:
    before = len(lib.rules.all())
    assert page.add_rule(Rule(id=None, pattern="(最", kind="regex")) is None
    assert errors and "正则表达式无效" in errors[0]
    assert len(lib.rules.all()) == before and page.undo_stack.count() == 0


def test_disable_builtin_by_check_box_but_not_delete(
    qtbot, page: RulesPage, lib: Library, monkeypatch
) -> None:
    builtin = next(r for r in lib.rules.all() if r.builtin and r.enabled)
    row = page.model.row_of(builtin.id)
    index = page.model.index(row, 0)
    assert page.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not lib.rules.get(builtin.id).enabled
    qtbot.waitUntil(
        lambda: (
            page.model.data(
                page.model.index(page.model.row_of(builtin.id), 0), Qt.ItemDataRole.CheckStateRole
            )
            == Qt.CheckState.Unchecked
        )
    )
    page.undo_stack.undo()
    assert lib.rules.get(builtin.id).enabled
    # delete is refused for built-in rules
    qtbot.waitUntil(lambda: page.model.rule(page.model.row_of(builtin.id)).enabled)
    page.select_rule(builtin.id)
    assert not page.delete_button.isEnabled()
    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: informed.append(a[2]))
    assert not page.delete_selected()
    assert informed and lib.rules.get(builtin.id)


def test_delete_own_rule_and_undo(qtbot, page: RulesPage, lib: Library, monkeypatch) -> None:
    own = next(r for r in lib.rules.all() if not r.builtin)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.select_rule(own.id)
    assert page.delete_selected()
    assert own.id not in {r.id for r in lib.rules.all()}
    page.undo_stack.undo()
    assert any(r.pattern == own.pattern and r.reason == own.reason for r in lib.rules.all())


def test_edit_rule(page: RulesPage, lib: Library) -> None:
    own = next(r for r in lib.rules.all() if not r.builtin)
    from dataclasses import replace

    assert page.update_rule(own, replace(own, severity="warn", suggestion="换个说法"))
    assert lib.rules.get(own.id).suggestion == "换个说法"
    page.undo_stack.undo()
    assert lib.rules.get(own.id) == own


def test_word_list_dialog_reports_error_line(qtbot, lib: Library) -> None:
    dialog = WordListDialog(lib)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.text.setPlainText("秒杀\t禁止\t制造紧迫感\n全网第一\t很严重\n")
    assert not ok.isEnabled()
    assert "第 2 行" in dialog.preview.text() or "Line 2" in dialog.preview.text()
    dialog.text.setPlainText("秒杀\t禁止\t制造紧迫感\n全网第一\t提醒\n# 注释\n秒杀\n")
    assert ok.isEnabled()
    assert "2" in dialog.preview.text()
    assert [r.pattern for r in dialog.rules] == ["秒杀", "全网第一"]


def test_word_list_load_gbk_file(qtbot, lib: Library, tmp_path: Path) -> None:
    dialog = WordListDialog(lib)
    qtbot.addWidget(dialog)
    path = tmp_path / "words.txt"
    path.write_bytes("史上最强\n万能\n".encode("gb18030"))
    dialog.load_file(path)
    assert [r.pattern for r in dialog.rules] == ["史上最强", "万能"]


def test_import_word_list_is_one_undo_step(page: RulesPage, lib: Library) -> None:
    from csdesk.core.rules import parse_word_list

    before = len(lib.rules.all())
    assert page.add_rules(parse_word_list("秒杀\n抢疯了\n"))
    assert len(lib.rules.all()) == before + 2
    page.undo_stack.undo()
    assert len(lib.rules.all()) == before


def test_test_box_shows_hits(qtbot, page: RulesPage, lib: Library) -> None:
    hits = page.set_test_text("😊这是全网最低价") or page.run_test()
    assert hits
    assert page.hit_model.rowCount() == len(hits)
    assert "命中" in page.test_result.text()
    selections = page.test_input.extraSelections()
    assert len(selections) == len(hits)
    first = min(hits, key=lambda h: h.start)
    cursor = min((s.cursor for s in selections), key=lambda c: c.selectionStart())
    assert cursor.selectionStart() == utf16_offset("😊这是全网最低价", first.start)
    assert cursor.selectedText() == first.text
    page.set_test_text("今天天气不错")
    assert page.hit_model.rowCount() == 0
    assert "没有命中" in page.test_result.text()


def test_read_only_blocks_edits(page: RulesPage, lib: Library) -> None:
    page.set_editable(False)
    before = len(lib.rules.all())
    assert page.add_rule(Rule(id=None, pattern="测试词")) is None
    assert not page.add_button.isEnabled() and not page.import_button.isEnabled()
    index = page.model.index(0, 0)
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not page.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(lib.rules.all()) == before


def test_filters(page: RulesPage) -> None:
    total = page.proxy.rowCount()
    page.source_filter.setCurrentIndex(page.source_filter.findData("adlaw"))
    assert 0 < page.proxy.rowCount() < total
    page.filter_edit.setText("最高级")
    assert page.proxy.rowCount() > 0


def test_models(qtmodeltester, page: RulesPage) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    page.set_test_text("全网最低价")
    qtmodeltester.check(page.hit_model)


def test_english_translation_covers_the_pages(qtbot, lib: Library) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from csdesk.gui.manage.assets_page import AssetsPage
    from csdesk.gui.manage.sops_page import SopsPage
    from csdesk.gui.manage.tags_page import TagsPage

    qm = Path(__file__).resolve().parents[2] / "resources" / "translations" / "manage_pages_en.qm"
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        rules = RulesPage(lib, QUndoStack())
        qtbot.addWidget(rules)
        assert rules.model.headerData(2, Qt.Orientation.Horizontal) == "Severity"
        assert rules.add_button.text() == "New rule…"
        tags = TagsPage(lib, QUndoStack())
        qtbot.addWidget(tags)
        assert tags.customer_model.headerData(0, Qt.Orientation.Horizontal) == "Nickname"
        assets = AssetsPage(lib, QUndoStack())
        qtbot.addWidget(assets)
        assert assets.add_button.text() == "Add files…"
        sops = SopsPage(lib, QUndoStack())
        qtbot.addWidget(sops)
        assert sops.save_button.text() == "Save SOP"
    finally:
        QCoreApplication.removeTranslator(translator)
