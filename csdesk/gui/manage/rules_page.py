"""The supervisor's red-line page: forbidden words and patterns (广告法, 平台规则, the shop's own), a word-list import,
and a test box that shows what any text would hit.

Built-in rules (the 广告法 and platform sets shipped with csdesk) can be switched off but not deleted, so an update
never brings back a rule the supervisor removed on purpose and never loses one by accident.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.library import Library
from csdesk.core.models import Rule, RuleHit, Shop
from csdesk.core.rules import parse_word_list, validate_rule
from csdesk.gui.errors import error_text, show_error
from csdesk.gui.manage.commands import IdMap
from csdesk.gui.manage.page_support import (
    Index,
    LibraryCommand,
    LibraryRelay,
    fill_shop_combo,
    ok_cancel_buttons,
    push_edit,
    set_enabled,
    split_words,
    translate,
)
from csdesk.gui.models import ObjectTableModel

SOURCES = ("adlaw", "platform", "shop")
SEVERITY_COLORS = {"block": "#c0392b", "warn": "#d68910"}
HIGHLIGHT_COLORS = {"block": "#fadbd8", "warn": "#fdebd0"}


def source_label(source: str) -> str:
    return {
        "adlaw": translate("RulesPage", "广告法"),
        "platform": translate("RulesPage", "平台规则"),
        "shop": translate("RulesPage", "店铺"),
    }.get(source, source)


def severity_label(severity: str) -> str:
    return translate("RulesPage", "禁止") if severity == "block" else translate("RulesPage", "提醒")


def utf16_offset(text: str, index: int) -> int:
    """A code-point offset as Qt counts it (UTF-16 units): emoji before a hit must not shift the highlight."""
    return len(text[:index].encode("utf-16-le")) // 2


# ----------------------------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------------------------
class RuleTableModel(ObjectTableModel[Rule]):
    """All rules. Column 0 is a check box (enabled); toggling it asks the page through ``enabled_toggled``."""

    enabled_toggled = Signal(int, bool)
    COLUMNS = (
        QT_TRANSLATE_NOOP("RuleTableModel", "启用"),
        QT_TRANSLATE_NOOP("RuleTableModel", "禁用词 / 规则"),
        QT_TRANSLATE_NOOP("RuleTableModel", "级别"),
        QT_TRANSLATE_NOOP("RuleTableModel", "原因"),
        QT_TRANSLATE_NOOP("RuleTableModel", "建议用语"),
        QT_TRANSLATE_NOOP("RuleTableModel", "范围"),
        QT_TRANSLATE_NOOP("RuleTableModel", "来源"),
    )

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.editable = False
        self._shops: dict[int, str] = {}
        self.refresh()

    def refresh(self) -> None:
        self._shops = {s.id: s.name for s in self.lib.shops.all()}
        self.set_items(self.lib.rules.all())

    def rule(self, row: int) -> Rule:
        return self.item(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0 and self.editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def scope(self, rule: Rule) -> str:
        if rule.shop_id is None:
            return self.tr("全部店铺")
        return self._shops.get(rule.shop_id, self.tr("(已删除的店铺)"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rule, column = self.item_at(index), index.column()
        if rule is None:
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return self.tr("内置") if rule.builtin else ""
            if column == 1:
                text = rule.pattern if rule.kind == "word" else self.tr("正则:{0}").format(rule.pattern)
                if rule.exceptions and role == Qt.ItemDataRole.ToolTipRole:
                    text += "\n" + self.tr("例外:{0}").format("、".join(rule.exceptions))
                return text
            if column == 2:
                return severity_label(rule.severity)
            if column == 3:
                return rule.reason
            if column == 4:
                return rule.suggestion
            if column == 5:
                return self.scope(rule)
            if column == 6:
                return source_label(rule.source)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not rule.enabled:
                return QColor("#999999")
            if column == 2:
                return QColor(SEVERITY_COLORS.get(rule.severity, "#000000"))
        if role == Qt.ItemDataRole.UserRole:
            return rule.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not self.editable:
            return False
        rule = self.item(index.row())
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked
            if isinstance(value, (int, Qt.CheckState))
            else False
        )
        if rule.id is None or checked == rule.enabled:
            return False
        self.enabled_toggled.emit(rule.id, checked)
        return True


class RuleFilterProxy(QSortFilterProxyModel):
    """Filter by text (word, reason, suggestion) and by source."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.source = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_source(self, source: str) -> None:
        self.beginFilterChange()
        self.source = source
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RuleTableModel):
            return True
        rule = model.rule(source_row)
        if self.source and rule.source != self.source:
            return False
        if self.text:
            haystack = " ".join((rule.pattern, rule.reason, rule.suggestion, *rule.exceptions)).lower()
            return self.text in haystack
        return True


class HitModel(ObjectTableModel[RuleHit]):
    """The hits of the test text: the words, severity, reason, suggested wording."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("HitModel", "命中"),
        QT_TRANSLATE_NOOP("HitModel", "级别"),
        QT_TRANSLATE_NOOP("HitModel", "原因"),
        QT_TRANSLATE_NOOP("HitModel", "建议用语"),
        QT_TRANSLATE_NOOP("HitModel", "来源"),
    )

    def set_hits(self, hits: list[RuleHit]) -> None:
        self.set_items(hits)

    def hits(self) -> list[RuleHit]:
        return self.items()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit, column = self.item_at(index), index.column()
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                hit.text,
                severity_label(hit.severity),
                hit.reason,
                hit.suggestion,
                source_label(hit.source),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column in (0, 1):
            return QColor(SEVERITY_COLORS.get(hit.severity, "#000000"))
        return None


# ----------------------------------------------------------------------------------------------------------
# Dialogs
# ----------------------------------------------------------------------------------------------------------
def _scope_combo(parent: QWidget, shops: list[Shop], current: int | None) -> QComboBox:
    combo = QComboBox(parent)
    fill_shop_combo(combo, shops, translate("RulesPage", "全部店铺"), current)
    return combo


def _source_combo(parent: QWidget, current: str) -> QComboBox:
    combo = QComboBox(parent)
    for source in SOURCES:
        combo.addItem(source_label(source), source)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _severity_combo(parent: QWidget, current: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(translate("RulesPage", "提醒(可以继续复制)"), "warn")
    combo.addItem(translate("RulesPage", "禁止(复制前必须改掉)"), "block")
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class RuleDialog(QDialog):
    """Add or edit one rule. For a built-in rule only severity, scope and enabled can change."""

    def __init__(self, lib: Library, rule: Rule | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = rule or Rule(id=None, pattern="", source="shop")
        self.setWindowTitle(self.tr("新建规则") if rule is None else self.tr("编辑规则"))
        self.resize(520, 0)
        r = self.original
        self.pattern = QLineEdit(r.pattern, self)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("词语"), "word")
        self.kind.addItem(self.tr("正则表达式"), "regex")
        self.kind.setCurrentIndex(max(0, self.kind.findData(r.kind)))
        self.severity = _severity_combo(self, r.severity)
        self.reason = QPlainTextEdit(r.reason, self)
        self.reason.setFixedHeight(64)
        self.suggestion = QPlainTextEdit(r.suggestion, self)
        self.suggestion.setFixedHeight(64)
        self.exceptions = QLineEdit("、".join(r.exceptions), self)
        self.exceptions.setPlaceholderText(self.tr("包含该词但没问题的说法,用顿号分隔,例如:最近、最后"))
        self.scope = _scope_combo(self, lib.shops.all(), r.shop_id)
        self.source = _source_combo(self, r.source)
        self.enabled = QCheckBox(self.tr("启用"), self)
        self.enabled.setChecked(r.enabled)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("禁用词"), self.pattern)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("级别"), self.severity)
        form.addRow(self.tr("原因"), self.reason)
        form.addRow(self.tr("建议用语"), self.suggestion)
        form.addRow(self.tr("例外"), self.exceptions)
        form.addRow(self.tr("适用范围"), self.scope)
        form.addRow(self.tr("来源"), self.source)
        form.addRow("", self.enabled)
        if r.builtin:
            for widget in (
                self.pattern,
                self.kind,
                self.reason,
                self.suggestion,
                self.exceptions,
                self.source,
            ):
                widget.setEnabled(False)
            form.addRow("", QLabel(self.tr("内置规则只能调整级别、范围和启用状态。"), self))
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def rule(self) -> Rule:
        return replace(
            self.original,
            pattern=self.pattern.text().strip(),
            kind=self.kind.currentData(),
            severity=self.severity.currentData(),
            reason=self.reason.toPlainText().strip(),
            suggestion=self.suggestion.toPlainText().strip(),
            exceptions=tuple(split_words(self.exceptions.text())),
            shop_id=self.scope.currentData(),
            source=self.source.currentData(),
            enabled=self.enabled.isChecked(),
        )

    def accept(self) -> None:
        try:
            validate_rule(self.rule())
        except CsdeskError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()


class WordListDialog(QDialog):
    """Paste or load a word list; shows how many rules it makes, or the line with the first problem."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入禁用词表"))
        self.resize(640, 520)
        self.rules: list[Rule] = []
        help_text = QLabel(
            self.tr(
                "每行一个词,可以在后面用 Tab 或逗号加上:级别、原因、建议用语、例外(用顿号分隔)。"
                "以 re: 开头的是正则表达式;# 开头的行会被忽略。"
            ),
            self,
        )
        help_text.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("最好\t禁止\t广告法禁止绝对化用语\t口碑很好\n第一\t提醒\n秒杀"))
        self.load_button = QPushButton(self.tr("从文件载入…"), self)
        self.load_button.clicked.connect(self.choose_file)
        self.severity = _severity_combo(self, "warn")
        self.source = _source_combo(self, "shop")
        self.scope = _scope_combo(self, lib.shops.all(), None)
        options = QFormLayout()
        options.addRow(self.tr("未写级别时"), self.severity)
        options.addRow(self.tr("来源"), self.source)
        options.addRow(self.tr("适用范围"), self.scope)
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.preview.setWordWrap(True)
        self.buttons = ok_cancel_buttons(self, self.tr("导入"))
        top = QHBoxLayout()
        top.addWidget(help_text, 1)
        top.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addLayout(options)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self.update_preview)
        for combo in (self.severity, self.source, self.scope):
            combo.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.update_preview()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("载入词表"), "", self.tr("文本文件 (*.txt *.csv *.tsv);;所有文件 (*)")
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            show_error(
                self,
                ValidationError(f"无法读取「{path.name}」:{exc.strerror}", f"Cannot read '{path.name}'."),
            )
            return
        for encoding in ("utf-8-sig", "gb18030"):  # Chinese Windows saves GBK
            try:
                self.text.setPlainText(raw.decode(encoding))
                return
            except UnicodeDecodeError:
                continue
        show_error(
            self, ValidationError(f"「{path.name}」不是文本文件。", f"'{path.name}' is not a text file.")
        )

    def update_preview(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        text = self.text.toPlainText()
        try:
            rules = parse_word_list(
                text, severity=self.severity.currentData(), source=self.source.currentData()
            )
        except CsdeskError as exc:
            self.rules = []
            self.preview.setText(error_text(exc))
            self.preview.setStyleSheet("color: #c0392b;")
            ok.setEnabled(False)
            return
        shop_id = self.scope.currentData()
        self.rules = [replace(r, shop_id=shop_id) for r in rules]
        blocks = sum(1 for r in rules if r.severity == "block")
        if rules:
            self.preview.setText(
                self.tr("将添加 {0} 条规则(禁止 {1} 条,提醒 {2} 条)。").format(
                    len(rules), blocks, len(rules) - blocks
                )
            )
        else:
            self.preview.setText(
                self.tr("还没有可导入的词。") if not text.strip() else self.tr("没有可导入的词。")
            )
        self.preview.setStyleSheet("color: #1e8449;" if rules else "color: #666;")
        ok.setEnabled(bool(rules))


# ----------------------------------------------------------------------------------------------------------
# Commands
# ----------------------------------------------------------------------------------------------------------
class AddRulesCommand(LibraryCommand):
    def __init__(self, lib: Library, ids: IdMap, rules: list[Rule], text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self._rules = [replace(r, id=None, builtin=False) for r in rules]
        self._created: list[int] = []

    def apply(self) -> None:
        before = {r.id for r in self.lib.rules.all()}
        if len(self._rules) == 1:
            self.lib.rules.add(self._rules[0])
        else:
            self.lib.rules.add_many(self._rules)
        new_ids = sorted(int(r.id) for r in self.lib.rules.all() if r.id not in before and r.id is not None)
        for old, new in zip(self._created, new_ids, strict=False):
            self.ids.remap("rule", old, new)
        self._created = self._created or new_ids

    def revert(self) -> None:
        for rule_id in self._created:
            self.lib.rules.delete(self.ids.resolve("rule", rule_id))

    @property
    def created(self) -> list[int]:
        return [self.ids.resolve("rule", i) for i in self._created]


class UpdateRuleCommand(LibraryCommand):
    def __init__(self, lib: Library, ids: IdMap, old: Rule, new: Rule, text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self._id = old.id
        self._old, self._new = self._fields(old), self._fields(new)

    @staticmethod
    def _fields(rule: Rule) -> dict[str, Any]:
        return {
            "pattern": rule.pattern, "kind": rule.kind, "severity": rule.severity, "reason": rule.reason,
            "suggestion": rule.suggestion, "exceptions": rule.exceptions, "source": rule.source,
            "shop_id": rule.shop_id, "enabled": rule.enabled,
        }  # fmt: skip

    def apply(self) -> None:
        self.lib.rules.update(self.ids.resolve("rule", self._id), **self._new)

    def revert(self) -> None:
        self.lib.rules.update(self.ids.resolve("rule", self._id), **self._old)


class DeleteRulesCommand(LibraryCommand):
    def __init__(self, lib: Library, ids: IdMap, rules: list[Rule], text: str, widget: QWidget) -> None:
        super().__init__(text, widget)
        self.lib, self.ids = lib, ids
        self._rules = rules

    def apply(self) -> None:
        for rule in self._rules:
            self.lib.rules.delete(self.ids.resolve("rule", rule.id))

    def revert(self) -> None:
        for rule in self._rules:
            current = self.ids.resolve("rule", rule.id)
            new = self.lib.rules.add(replace(rule, id=None))
            self.ids.remap("rule", current, new.id)


# ----------------------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------------------
class RulesPage(QWidget):
    """The rule table with filters on top, the test box below."""

    def __init__(self, lib: Library, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.undo_stack = undo_stack
        self.editable = False
        self.ids = IdMap()
        self.model = RuleTableModel(lib, self)
        self.model.enabled_toggled.connect(self.set_rule_enabled)
        self.proxy = RuleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.hit_model = HitModel(self)
        self._build()
        self.relay = LibraryRelay(lib, self)
        self.relay.changed.connect(self._library_changed)
        self.set_editable(False)

    def _build(self) -> None:
        self.add_button = QPushButton(self.tr("新建规则…"), self)
        self.add_button.clicked.connect(self.add_rule_dialog)
        self.import_button = QPushButton(self.tr("导入词表…"), self)
        self.import_button.clicked.connect(self.import_word_list_dialog)
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.edit_button.clicked.connect(self.edit_current_dialog)
        self.toggle_button = QPushButton(self.tr("停用"), self)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.delete_button.clicked.connect(self.delete_selected)
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
        if not push_edit(self.undo_stack, self, command):
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
        return push_edit(self.undo_stack, self, command)

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
        return push_edit(self.undo_stack, self, UpdateRuleCommand(self.lib, self.ids, old, new, text, self))

    def set_rule_enabled(self, rule_id: int, enabled: bool) -> bool:
        if not self.editable:
            return False
        rule = self.lib.rules.get(rule_id)
        text = (self.tr("启用规则「{0}」") if enabled else self.tr("停用规则「{0}」")).format(rule.pattern)
        command = UpdateRuleCommand(self.lib, self.ids, rule, replace(rule, enabled=enabled), text, self)
        return push_edit(self.undo_stack, self, command)

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
        return push_edit(self.undo_stack, self, DeleteRulesCommand(self.lib, self.ids, deletable, text, self))

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
