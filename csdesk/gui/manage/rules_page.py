"""The supervisor's red-line page: forbidden words and patterns (广告法, 平台规则, the shop's own), a word-list import,
and a test box that shows what any text would hit.

Built-in rules (the 广告法 and platform sets shipped with csdesk) can be switched off but not deleted, so an update
never brings back a rule the supervisor removed on purpose and never loses one by accident.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Rule, RuleHit
from csdesk.gui.errors import error_text
from csdesk.gui.manage.page_base import ManagePage
from csdesk.gui.manage.page_support import fill_shop_combo, set_enabled
from csdesk.gui.manage.rules_models import (
    HIGHLIGHT_COLORS,
    SEVERITY_COLORS,
    SOURCES,
    AddRulesCommand,
    DeleteRulesCommand,
    HitModel,
    RuleDialog,
    RuleFilterProxy,
    RuleTableModel,
    UpdateRuleCommand,
    WordListDialog,
    source_label,
)
from csdesk.gui.models import utf16_offset


# ----------------------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------------------
class RulesPage(ManagePage):
    """The rule table with filters on top, the test box below."""

    def __init__(self, lib: Library, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(lib, undo_stack, parent)
        self.model = RuleTableModel(lib, self)
        self.model.enabled_toggled.connect(self.set_rule_enabled)
        self.proxy = RuleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.hit_model = HitModel(self)
        self._build()
        self.listen()
        self.set_editable(False)

    def _build(self) -> None:
        self.add_button = self.button(self.tr("新建规则…"), self.add_rule_dialog)
        self.import_button = self.button(self.tr("导入词表…"), self.import_word_list_dialog)
        self.edit_button = self.button(self.tr("编辑…"), self.edit_current_dialog)
        self.toggle_button = self.button(self.tr("停用"), self.toggle_selected)
        self.delete_button = self.button(self.tr("删除"), self.delete_selected)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("筛选:词、原因或建议"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.source_filter = QComboBox(self)
        self.source_filter.addItem(self.tr("全部来源"), "")
        for source in SOURCES:
            self.source_filter.addItem(source_label(source), source)
        self.source_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_source(self.source_filter.currentData())
        )
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: #666;")
        toolbar = QHBoxLayout()
        for widget in (self.add_button, self.import_button):
            toolbar.addWidget(widget)
        toolbar.addSpacing(12)
        for widget in (self.edit_button, self.toggle_button, self.delete_button):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)
        toolbar.addWidget(self.count_label)
        toolbar.addWidget(self.source_filter)
        toolbar.addWidget(self.filter_edit)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((70, 190, 56, 360, 300, 130, 80)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_current_dialog())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.proxy.rowsInserted.connect(lambda *_: self._update_count())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        # test box
        test_box = QGroupBox(self.tr("检测一段话术"), self)
        self.test_shop = QComboBox(test_box)
        self._fill_test_shops()
        self.test_shop.currentIndexChanged.connect(lambda _i: self.run_test())
        self.test_input = QPlainTextEdit(test_box)
        self.test_input.setPlaceholderText(self.tr("粘贴或输入一段回复,立即标出会命中的禁用词"))
        self.test_result = QLabel(test_box)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.hit_view = QTableView(test_box)
        self.hit_view.setModel(self.hit_model)
        self.hit_view.verticalHeader().hide()
        self.hit_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hit_view.setWordWrap(True)
        self.hit_view.horizontalHeader().setStretchLastSection(True)
        self.hit_model.modelReset.connect(self.hit_view.resizeRowsToContents)
        for column, width in enumerate((90, 50, 280, 240)):
            self.hit_view.setColumnWidth(column, width)
        self.hit_view.selectionModel().currentRowChanged.connect(self._hit_selected)
        shop_row = QHBoxLayout()
        shop_row.addWidget(QLabel(self.tr("按店铺检测:"), test_box))
        shop_row.addWidget(self.test_shop)
        shop_row.addStretch(1)
        shop_row.addWidget(self.test_result)
        left = QVBoxLayout()
        left.addLayout(shop_row)
        left.addWidget(self.test_input, 1)
        test_layout = QHBoxLayout(test_box)
        test_layout.addLayout(left, 2)
        test_layout.addWidget(self.hit_view, 3)
        self._test_timer = QTimer(self, singleShot=True, interval=200)
        self._test_timer.timeout.connect(self.run_test)
        self.test_input.textChanged.connect(self._test_timer.start)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(test_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        self._update_count()

    def _fill_test_shops(self) -> None:
        fill_shop_combo(
            self.test_shop,
            self.lib.shops.all(),
            self.tr("通用(只用不限店铺的规则)"),
            self.test_shop.currentData(),
        )

    # --- state --------------------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.model.editable = editable
        self._update_buttons()

    def selected_rules(self) -> list[Rule]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rule(r) for r in rows]

    def select_rule(self, rule_id: int) -> None:
        row = self.model.row_of(rule_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 1))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        selected = self.selected_rules()
        set_enabled([self.add_button, self.import_button], self.editable)
        self.edit_button.setEnabled(self.editable and len(selected) == 1)
        self.toggle_button.setEnabled(self.editable and bool(selected))
        self.toggle_button.setText(
            self.tr("启用") if selected and not any(r.enabled for r in selected) else self.tr("停用")
        )
        deletable = [r for r in selected if not r.builtin]
        self.delete_button.setEnabled(self.editable and bool(deletable))
        self.delete_button.setToolTip(
            self.tr("内置规则不能删除,可以停用") if selected and not deletable else ""
        )

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        enabled = sum(1 for row in range(total) if self.model.rule(row).enabled)
        text = self.tr("{0} 条规则,{1} 条启用").format(total, enabled)
        if shown != total:
            text = self.tr("显示 {0} / ").format(shown) + text
        self.count_label.setText(text)

    def _library_changed(self, kinds: set[str]) -> None:
        if kinds & {"shops", "all"}:
            self._fill_test_shops()
        if not kinds & {"rules", "shops", "all"}:
            return
        selected = [r.id for r in self.selected_rules()]
        self.model.refresh()
        for rule_id in selected:
            if rule_id is not None:
                row = self.model.row_of(rule_id)
                if row >= 0:
                    self.table.selectionModel().select(
                        self.proxy.mapFromSource(self.model.index(row, 0)),
                        self.table.selectionModel().SelectionFlag.Select
                        | self.table.selectionModel().SelectionFlag.Rows,
                    )
        self._update_buttons()
        self.run_test()

    # --- edits ------------------------------------------------------------------------------------------------------
    def add_rule_dialog(self) -> None:
        if not self.editable:
            return
        dialog = RuleDialog(self.lib, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_rule(dialog.rule())
        dialog.deleteLater()

    def add_rule(self, rule: Rule) -> int | None:
        if not self.editable:
            return None
        command = AddRulesCommand(
            self.lib, self.ids, [rule], self.tr("新建规则「{0}」").format(rule.pattern), self
        )
        if not self.push(command):
            return None
        self.model.refresh()
        self.select_rule(command.created[0])
        return command.created[0]

    def import_word_list_dialog(self) -> None:
        if not self.editable:
            return
        dialog = WordListDialog(self.lib, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.rules:
            self.add_rules(dialog.rules)
        dialog.deleteLater()

    def add_rules(self, rules: list[Rule]) -> bool:
        if not self.editable or not rules:
            return False
        command = AddRulesCommand(
            self.lib, self.ids, rules, self.tr("导入 {0} 个禁用词").format(len(rules)), self
        )
        return self.push(command)

    def edit_current_dialog(self) -> None:
        selected = self.selected_rules()
        if not self.editable or len(selected) != 1:
            return
        dialog = RuleDialog(self.lib, selected[0], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.update_rule(selected[0], dialog.rule())
        dialog.deleteLater()

    def update_rule(self, old: Rule, new: Rule) -> bool:
        if not self.editable or old == new:
            return False
        text = self.tr("修改规则「{0}」").format(old.pattern)
        return self.push(UpdateRuleCommand(self.lib, self.ids, old, new, text, self))

    def set_rule_enabled(self, rule_id: int, enabled: bool) -> bool:
        if not self.editable:
            return False
        rule = self.lib.rules.get(rule_id)
        text = (self.tr("启用规则「{0}」") if enabled else self.tr("停用规则「{0}」")).format(rule.pattern)
        command = UpdateRuleCommand(self.lib, self.ids, rule, replace(rule, enabled=enabled), text, self)
        return self.push(command)

    def toggle_selected(self) -> None:
        selected = self.selected_rules()
        if not self.editable or not selected:
            return
        enable = not any(r.enabled for r in selected)
        self.undo_stack.beginMacro(
            self.tr("启用 {0} 条规则").format(len(selected))
            if enable
            else self.tr("停用 {0} 条规则").format(len(selected))
        )
        try:
            for rule in selected:
                if rule.id is not None and rule.enabled != enable:
                    self.set_rule_enabled(rule.id, enable)
        finally:
            self.undo_stack.endMacro()

    def delete_selected(self) -> bool:
        selected = self.selected_rules()
        if not self.editable or not selected:
            return False
        deletable = [r for r in selected if not r.builtin]
        if not deletable:
            QMessageBox.information(self, self.tr("删除规则"), self.tr("内置规则不能删除,可以把它停用。"))
            return False
        words = "、".join(r.pattern for r in deletable[:10]) + ("…" if len(deletable) > 10 else "")
        note = self.tr("\n(选中的内置规则不会删除,可以停用。)") if len(deletable) < len(selected) else ""
        answer = QMessageBox.question(
            self,
            self.tr("删除规则"),
            self.tr("删除 {0} 条规则?\n{1}").format(len(deletable), words) + note,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        text = self.tr("删除 {0} 条规则").format(len(deletable))
        return self.push(DeleteRulesCommand(self.lib, self.ids, deletable, text, self))

    # --- test box ------------------------------------------------------------------------------------------------
    def set_test_text(self, text: str) -> None:
        self.test_input.setPlainText(text)
        self.run_test()

    def run_test(self) -> list[RuleHit]:
        self._test_timer.stop()
        text = self.test_input.toPlainText()
        try:
            hits = self.lib.check(text, shop=self.test_shop.currentData()) if text.strip() else []
        except CsdeskError as exc:
            self.test_result.setText(error_text(exc))
            hits = []
        self.hit_model.set_hits(hits)
        selections = []
        for hit in hits:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(HIGHLIGHT_COLORS.get(hit.severity, "#fdebd0")))
            fmt.setForeground(QColor(SEVERITY_COLORS.get(hit.severity, "#000000")))
            fmt.setFontUnderline(True)
            cursor = QTextCursor(self.test_input.document())
            cursor.setPosition(utf16_offset(text, hit.start))
            cursor.setPosition(utf16_offset(text, hit.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.test_input.setExtraSelections(selections)
        if not text.strip():
            self.test_result.setText("")
        elif not hits:
            self.test_result.setText(self.tr("✓ 没有命中禁用词"))
            self.test_result.setStyleSheet("color: #1e8449;")
        else:
            blocks = sum(1 for h in hits if h.severity == "block")
            self.test_result.setText(
                self.tr("命中 {0} 处:禁止 {1},提醒 {2}").format(len(hits), blocks, len(hits) - blocks)
            )
            self.test_result.setStyleSheet(f"color: {SEVERITY_COLORS['block' if blocks else 'warn']};")
        return hits

    def _hit_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        hit = self.hit_model.hits()[current.row()]
        text = self.test_input.toPlainText()
        cursor = self.test_input.textCursor()
        cursor.setPosition(utf16_offset(text, hit.start))
        cursor.setPosition(utf16_offset(text, hit.end), QTextCursor.MoveMode.KeepAnchor)
        self.test_input.setTextCursor(cursor)
