"""The entry editor's parts: red-line highlighting, the reply box, tag completion, variant and example dialogs."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextBlockUserData, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QToolTip,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Example, RuleHit, Variant
from csdesk.gui.manage.page_support import ok_cancel_buttons, row_table
from csdesk.gui.models import Index as _Index
from csdesk.gui.models import ObjectTableModel, utf16_offset

_ROOT = QModelIndex()


# ----------------------------------------------------------------------------------------------------------
# Red lines while typing
# ----------------------------------------------------------------------------------------------------------
class _BlockHits(QTextBlockUserData):
    def __init__(self, hits: list[tuple[int, int, RuleHit]]) -> None:
        super().__init__()
        self.hits = hits
        """(start, end) in UTF-16 units within the block, and the hit."""


class RedLineHighlighter(QSyntaxHighlighter):
    """Underlines red-line hits (``Library.check``) block by block: red for block rules, orange for warnings."""

    def __init__(self, document: QTextDocument, lib: Library, shop: Callable[[], int | None]) -> None:
        super().__init__(document)
        self.lib = lib
        self.shop = shop
        self.block_format = QTextCharFormat()
        self.block_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.block_format.setUnderlineColor(QColor("#d0021b"))
        self.block_format.setBackground(QColor("#fde2e1"))
        self.block_format.setForeground(QColor("#b00018"))
        self.warn_format = QTextCharFormat()
        self.warn_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.warn_format.setUnderlineColor(QColor("#e67e22"))
        self.warn_format.setBackground(QColor("#fff1dc"))

    def highlightBlock(self, text: str) -> None:
        try:
            hits = self.lib.check(text, shop=self.shop()) if text.strip() else []
        except Exception:  # a broken rule must not break typing
            hits = []
        spans = []
        for hit in hits:
            start, end = utf16_offset(text, hit.start), utf16_offset(text, hit.end)
            self.setFormat(
                start, end - start, self.block_format if hit.severity == "block" else self.warn_format
            )
            spans.append((start, end, hit))
        self.setCurrentBlockUserData(_BlockHits(spans))

    def hits(self) -> list[RuleHit]:
        found: list[RuleHit] = []
        block = self.document().begin()
        while block.isValid():
            data = block.userData()
            if isinstance(data, _BlockHits):
                found.extend(h for _s, _e, h in data.hits)
            block = block.next()
        return found


def _tr_reply(text: str) -> str:
    return QCoreApplication.translate("ReplyEdit", text)


def hit_tooltip(hit: RuleHit) -> str:
    level = _tr_reply("禁止") if hit.severity == "block" else _tr_reply("注意")
    parts = [f"<b>{html.escape(level)}:「{html.escape(hit.text)}」</b>"]
    if hit.reason:
        parts.append(html.escape(hit.reason))
    if hit.suggestion:
        parts.append(_tr_reply("建议:") + html.escape(hit.suggestion))
    return "<p style='max-width: 360px'>" + "<br>".join(parts) + "</p>"


class ReplyEdit(QPlainTextEdit):
    """The reply text; hovering a red-line hit shows why it is flagged and what to say instead."""

    def hit_at_position(self, position: int) -> RuleHit | None:
        block = self.document().findBlock(position)
        data = block.userData()
        if not isinstance(data, _BlockHits):
            return None
        offset = position - block.position()
        return next((h for s, e, h in data.hits if s <= offset < e), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined, unused-ignore]
            cursor = self.cursorForPosition(pos - self.viewport().pos())
            hit = self.hit_at_position(cursor.position())
            if hit is not None:
                QToolTip.showText(event.globalPos(), hit_tooltip(hit), self)  # type: ignore[attr-defined, unused-ignore]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


# ----------------------------------------------------------------------------------------------------------
# Small models for the lists inside an entry
# ----------------------------------------------------------------------------------------------------------
class GetterTableModel(ObjectTableModel[Any]):
    """Rows of objects shown through one getter per column (variants, examples, linked assets)."""

    def __init__(
        self, headers: Sequence[str], getters: Sequence[Callable[[Any], str]], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._getters = list(getters)

    def header(self, section: int) -> str:
        return self._headers[section]

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.item_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._getters[index.column()](row)
            if role == Qt.ItemDataRole.DisplayRole:
                return text.replace("\n", " ⏎ ")[:80]
            return text
        return None


def _list_view(model: QAbstractTableModel) -> QTableView:
    view = row_table(model)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def split_tags(text: str) -> tuple[str, ...]:
    for sep in ("，", ",", ";", "；", "|"):
        text = text.replace(sep, "、")
    return tuple(dict.fromkeys(t.strip() for t in text.split("、") if t.strip()))


# ----------------------------------------------------------------------------------------------------------
# Dialogs for a variant and an example
# ----------------------------------------------------------------------------------------------------------
def confirm_red_line_save(parent: QWidget, hits: Sequence[RuleHit]) -> bool:
    """Ask before saving a reply with block-level red-line words; True to save anyway (the default is Cancel)."""
    words = "、".join(dict.fromkeys(h.text for h in hits if h.severity == "block"))
    answer = QMessageBox.warning(
        parent,
        QCoreApplication.translate("ReplyEdit", "回复含有禁止词"),
        QCoreApplication.translate(
            "ReplyEdit", "这条回复含有禁止发送的红线词:%1。\n客服复制时会被拦下。仍然保存吗?"
        ).replace("%1", words),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save


def block_hits(lib: Library, text: str, shop: int | str | None) -> list[RuleHit]:
    """The block-level red-line hits of ``text`` (none when a broken rule set cannot check)."""
    try:
        return [h for h in lib.check(text, shop=shop) if h.severity == "block"] if text.strip() else []
    except CsdeskError:
        return []


class VariantDialog(QDialog):
    def __init__(
        self,
        tags: Sequence[str],
        variant: Variant | None = None,
        parent: QWidget | None = None,
        *,
        lib: Library | None = None,
        shop: Callable[[], int | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._lib = lib
        self._shop = shop or (lambda: None)
        self.setWindowTitle(self.tr("编辑变体") if variant else self.tr("添加变体"))
        form = QFormLayout(self)
        self.label_edit = QLineEdit(variant.label if variant else "")
        self.label_edit.setPlaceholderText(self.tr("如:送小样版"))
        self.tag_combo = QComboBox()
        self.tag_combo.setEditable(True)
        self.tag_combo.addItems(["", *tags])
        self.tag_combo.setCurrentText(variant.target_tag if variant else "")
        self.group_edit = QLineEdit(variant.ab_group if variant else "")
        self.group_edit.setPlaceholderText(self.tr("同一组的变体轮流使用,用来比较哪种说法效果好"))
        self.reply_edit = ReplyEdit(variant.reply if variant else "")
        self.reply_edit.setObjectName("variantReply")
        # live red-line marking, as in the entry's own reply
        self.highlighter = RedLineHighlighter(self.reply_edit.document(), lib, self._shop) if lib else None
        self.enabled_box = QCheckBox(self.tr("启用"))
        self.enabled_box.setChecked(variant.enabled if variant else True)
        form.addRow(self.tr("名称:"), self.label_edit)
        form.addRow(self.tr("面向客户标签:"), self.tag_combo)
        form.addRow(self.tr("A/B 分组:"), self.group_edit)
        form.addRow(self.tr("回复:"), self.reply_edit)
        form.addRow("", self.enabled_box)
        buttons = ok_cancel_buttons(self, self.tr("确定"), self.tr("取消"))
        form.addRow(buttons)
        self.resize(460, 360)

    def accept(self) -> None:
        """A reply with block-level red-line words is saved only after the supervisor confirms it."""
        if self._lib is not None:
            hits = block_hits(self._lib, self.reply_edit.toPlainText(), self._shop())
            if hits and not confirm_red_line_save(self, hits):
                return
        super().accept()

    def values(self) -> dict[str, Any]:
        return {
            "label": self.label_edit.text().strip(),
            "reply": self.reply_edit.toPlainText(),
            "target_tag": self.tag_combo.currentText().strip(),
            "ab_group": self.group_edit.text().strip(),
            "enabled": self.enabled_box.isChecked(),
        }


class ExampleDialog(QDialog):
    def __init__(self, example: Example | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑案例") if example else self.tr("添加案例"))
        form = QFormLayout(self)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("好案例"), "good")
        self.kind_combo.addItem(self.tr("坏案例"), "bad")
        if example is not None and example.kind == "bad":
            self.kind_combo.setCurrentIndex(1)
        self.dialogue_edit = QPlainTextEdit(example.dialogue if example else "")
        self.dialogue_edit.setPlaceholderText(self.tr("客户:……\n客服:……"))
        self.comment_edit = QPlainTextEdit(example.comment if example else "")
        self.comment_edit.setMaximumHeight(80)
        form.addRow(self.tr("类型:"), self.kind_combo)
        form.addRow(self.tr("对话:"), self.dialogue_edit)
        form.addRow(self.tr("点评:"), self.comment_edit)
        buttons = ok_cancel_buttons(self, self.tr("确定"), self.tr("取消"))
        form.addRow(buttons)
        self.resize(460, 360)

    def values(self) -> dict[str, str]:
        return {
            "kind": str(self.kind_combo.currentData()),
            "dialogue": self.dialogue_edit.toPlainText(),
            "comment": self.comment_edit.toPlainText(),
        }
