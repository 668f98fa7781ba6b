"""The rule page's models, dialogs and undo commands (the page itself is rules_page.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
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
    fill_shop_combo,
    ok_cancel_buttons,
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
