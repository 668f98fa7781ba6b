"""An entry's saved versions: who changed what and when, a field diff, and "restore this version"."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.library import Library
from csdesk.core.models import EntryVersion
from csdesk.gui.manage.commands import CommandRunner
from csdesk.gui.manage.entry_commands import RestoreVersionCommand
from csdesk.gui.manage.entry_table import short_time
from csdesk.gui.models import Index, ObjectTableModel

DIFF_FIELDS = (
    "title", "code", "reply", "question", "similar", "scenario", "guidance", "basis", "tags", "enabled",
    "sort_order", "shop_name", "category_path", "asset_ids",
)  # fmt: skip


def field_label(name: str) -> str:
    return {
        "title": QCoreApplication.translate("HistoryDialog", "标题"),
        "code": QCoreApplication.translate("HistoryDialog", "快捷编码"),
        "reply": QCoreApplication.translate("HistoryDialog", "回复"),
        "question": QCoreApplication.translate("HistoryDialog", "问题"),
        "similar": QCoreApplication.translate("HistoryDialog", "相似问法"),
        "scenario": QCoreApplication.translate("HistoryDialog", "场景"),
        "guidance": QCoreApplication.translate("HistoryDialog", "回复思路"),
        "basis": QCoreApplication.translate("HistoryDialog", "依据"),
        "tags": QCoreApplication.translate("HistoryDialog", "标签"),
        "enabled": QCoreApplication.translate("HistoryDialog", "启用"),
        "sort_order": QCoreApplication.translate("HistoryDialog", "排序"),
        "shop_name": QCoreApplication.translate("HistoryDialog", "店铺"),
        "category_path": QCoreApplication.translate("HistoryDialog", "分类"),
        "asset_ids": QCoreApplication.translate("HistoryDialog", "素材"),
    }.get(name, name)


def action_label(action: str) -> str:
    return {
        "create": QCoreApplication.translate("HistoryDialog", "新建"),
        "update": QCoreApplication.translate("HistoryDialog", "修改"),
        "delete": QCoreApplication.translate("HistoryDialog", "删除"),
        "restore": QCoreApplication.translate("HistoryDialog", "恢复"),
        "import": QCoreApplication.translate("HistoryDialog", "导入"),
        "demo": QCoreApplication.translate("HistoryDialog", "示例"),
        "abtest": QCoreApplication.translate("HistoryDialog", "A/B 测试胜出"),
    }.get(action, action)


def _show(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("HistoryDialog", "是")
            if value
            else QCoreApplication.translate("HistoryDialog", "否")
        )
    return "" if value is None else str(value)


def version_diff(older: dict[str, Any] | None, newer: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field that differs; everything that is set, for the first version."""
    rows = []
    for name in DIFF_FIELDS:
        before = _show(older.get(name)) if older is not None else ""
        after = _show(newer.get(name))
        if before != after:
            rows.append((name, before, after))
    return rows


class VersionsModel(ObjectTableModel[EntryVersion]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("HistoryDialog", "版本"),
        QT_TRANSLATE_NOOP("HistoryDialog", "时间"),
        QT_TRANSLATE_NOOP("HistoryDialog", "操作"),
        QT_TRANSLATE_NOOP("HistoryDialog", "修改人"),
    )
    TR_CONTEXT = "HistoryDialog"

    @property
    def versions(self) -> list[EntryVersion]:
        return self._items

    def set_versions(self, versions: list[EntryVersion]) -> None:
        self.set_items(versions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        v = self.item_at(index)
        if v is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        v = self.versions[index.row()]
        return [
            str(v.version),
            short_time(v.changed_at),
            action_label(v.action),
            v.changed_by or QCoreApplication.translate("HistoryDialog", "(未署名)"),
        ][index.column()]


class HistoryDialog(QDialog):
    """Versions newest first; the diff shows what the selected version changed compared with the one before."""

    def __init__(
        self,
        lib: Library,
        runner: CommandRunner,
        entry_id: str,
        *,
        can_restore: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self.entry_id = entry_id
        self.can_restore = can_restore
        entry = lib.get(entry_id)
        self.setWindowTitle(self.tr("「%1」的历史版本").replace("%1", entry.title))
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = VersionsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.diff = QTextBrowser()
        splitter.addWidget(self.view)
        splitter.addWidget(self.diff)
        splitter.setSizes([300, 520])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.restore_button = QPushButton(self.tr("恢复此版本"))
        self.close_button = QPushButton(self.tr("关闭"))
        row.addWidget(self.note, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button.clicked.connect(self.accept)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_selected())
        self.resize(860, 520)
        self.reload()

    def reload(self) -> None:
        self.model.set_versions(self.lib.entries.history(self.entry_id))
        if self.model.rowCount():
            self.view.selectRow(0)
        self.show_selected()

    def selected(self) -> EntryVersion | None:
        index = self.view.currentIndex()
        return self.model.versions[index.row()] if index.isValid() else None

    def show_selected(self) -> None:
        version = self.selected()
        latest = self.model.versions[0].version if self.model.versions else None
        self.restore_button.setEnabled(self.can_restore and version is not None and version.version != latest)
        if not self.can_restore:
            self.note.setText(self.tr("恢复旧版本需要主管模式。"))
        if version is None:
            self.diff.clear()
            return
        row = self.model.versions.index(version)
        older = self.model.versions[row + 1].data if row + 1 < len(self.model.versions) else None
        rows = version_diff(older, version.data)
        head = self.tr("第 %1 版 · %2 · %3 · %4").replace("%1", str(version.version))
        head = head.replace("%2", short_time(version.changed_at)).replace("%3", action_label(version.action))
        head = head.replace("%4", version.changed_by or self.tr("(未署名)"))
        parts = [f"<h3>{html.escape(head)}</h3>"]
        if not rows:
            unchanged = self.tr("字段没有变化(可能改了变体、案例或状态)。")
            parts.append(f"<p>{html.escape(unchanged)}</p>")
        else:
            parts.append(
                "<table cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
            )
            field, before_label, after_label = self.tr("字段"), self.tr("之前"), self.tr("之后")
            parts.append(
                f"<tr><th>{html.escape(field)}</th><th>{html.escape(before_label)}</th>"
                f"<th>{html.escape(after_label)}</th></tr>"
            )
            for name, before, after in rows:
                parts.append(
                    f"<tr><td><b>{html.escape(field_label(name))}</b></td>"
                    f"<td style='background:#fdecea;color:#8a1c1c'>{html.escape(before)}</td>"
                    f"<td style='background:#e8f6ea;color:#1d5e26'>{html.escape(after)}</td></tr>"
                )
            parts.append("</table>")
        self.diff.setHtml("".join(parts))

    def restore_selected(self) -> None:
        version = self.selected()
        if version is None or not self.can_restore:
            return
        if self.runner.push(RestoreVersionCommand(self.lib, self.lib.get(self.entry_id), version.version)):
            self.reload()
