"""An entry's saved versions: who changed what and when (fields, variants, examples, tags, assets), the changed
words marked, and "restore this version" (asks first, listing what it will change; undoable).

Library text is shown as text: every piece of it is escaped before it goes into the HTML of the diff."""

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
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.history import FieldChange, Segment, VersionChanges, compare
from csdesk.core.library import Library
from csdesk.core.models import EntryVersion
from csdesk.gui.errors import show_error
from csdesk.gui.manage.commands import CommandRunner
from csdesk.gui.manage.entry_commands import RestoreVersionCommand
from csdesk.gui.manage.entry_table import short_time
from csdesk.gui.models import Index, ObjectTableModel


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
        "label": QCoreApplication.translate("HistoryDialog", "名称"),
        "target_tag": QCoreApplication.translate("HistoryDialog", "针对的客户标签"),
        "ab_group": QCoreApplication.translate("HistoryDialog", "A/B 组"),
        "kind": QCoreApplication.translate("HistoryDialog", "类型"),
        "dialogue": QCoreApplication.translate("HistoryDialog", "对话"),
        "comment": QCoreApplication.translate("HistoryDialog", "点评"),
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


def part_name(part: str) -> str:
    return {
        "variants": QCoreApplication.translate("HistoryDialog", "变体"),
        "examples": QCoreApplication.translate("HistoryDialog", "案例"),
        "assets": QCoreApplication.translate("HistoryDialog", "素材"),
    }.get(part, part)


def kind_label(kind: str) -> str:
    return {
        "added": QCoreApplication.translate("HistoryDialog", "新增"),
        "removed": QCoreApplication.translate("HistoryDialog", "删除"),
        "changed": QCoreApplication.translate("HistoryDialog", "修改"),
        "reordered": QCoreApplication.translate("HistoryDialog", "调整顺序"),
    }.get(kind, kind)


def _value(change: FieldChange, text: str) -> str:
    """A whole value as shown: true/false in words, the rest as stored."""
    if change.name == "enabled":
        yes, no = (
            QCoreApplication.translate("HistoryDialog", "是"),
            QCoreApplication.translate("HistoryDialog", "否"),
        )
        return {"✓": yes, "✗": no}.get(text, text)
    if change.name == "kind":
        good = QCoreApplication.translate("HistoryDialog", "好案例")
        return {"good": good, "bad": QCoreApplication.translate("HistoryDialog", "坏案例")}.get(text, text)
    return text


def summary(changes: VersionChanges) -> str:
    """One line for the versions list: the fields it changed, then the parts (变体 +1 …)."""
    names = [field_label(c.name) for c in changes.fields]
    for part in ("variants", "examples", "assets"):
        items = changes.of(part)
        if not items:
            continue
        counts = []
        for kind, sign in (("added", "+"), ("removed", "−"), ("changed", "~")):
            n = sum(1 for p in items if p.kind == kind)
            if n:
                counts.append(f"{sign}{n}")
        names.append(f"{part_name(part)} {' '.join(counts)}".strip())
    return "、".join(names)


def change_lines(changes: VersionChanges) -> list[str]:
    """What changed, one plain-text line each (the restore confirmation lists these)."""
    lines = []
    for c in changes.fields:
        if c.added or c.removed:
            items = [f"+{v}" for v in c.added] + [f"−{v}" for v in c.removed]
            lines.append(f"{field_label(c.name)}:{' '.join(items)}")
        else:
            before, after = _value(c, c.before), _value(c, c.after)
            lines.append(f"{field_label(c.name)}:{_short(before)} → {_short(after)}")
    for p in changes.parts:
        label = f"「{p.label}」" if p.label else ""
        line = f"{part_name(p.part)}{label}:{kind_label(p.kind)}"
        if p.fields:
            line += "(" + "、".join(field_label(f.name) for f in p.fields) + ")"
        lines.append(line)
    return lines


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    if not flat:
        return QCoreApplication.translate("HistoryDialog", "(空)")
    return flat if len(flat) <= limit else flat[:limit] + "…"


_REMOVED = "background:#fbd3d0;color:#8a1c1c;text-decoration:line-through"
_ADDED = "background:#c9efcf;color:#1d5e26;font-weight:bold"


def marked_html(segments: tuple[Segment, ...], fallback: str) -> str:
    """Segments as HTML, the changed words marked; every piece of library text escaped (never read as HTML)."""
    if not segments:
        return _text_html(fallback)
    out = []
    for s in segments:
        text = _text_html(s.text)
        out.append(
            text
            if s.kind == "same"
            else f"<span style='{_REMOVED if s.kind == 'removed' else _ADDED}'>{text}</span>"
        )
    return "".join(out)


def _text_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def changes_html(changes: VersionChanges) -> str:
    """The changes of a version as HTML tables (fields, then variants, examples and assets)."""
    parts: list[str] = []
    if changes.fields:
        parts.append(_field_table(changes.fields))
    for part in ("variants", "examples", "assets"):
        items = changes.of(part)
        if not items:
            continue
        parts.append(f"<h4>{html.escape(part_name(part))}</h4><ul>")
        for p in items:
            label = html.escape(f"「{p.label}」") if p.label else ""
            parts.append(f"<li><b>{html.escape(kind_label(p.kind))}</b> {label}")
            if p.fields:
                parts.append(_field_table(p.fields))
            parts.append("</li>")
        parts.append("</ul>")
    if not parts:
        same = QCoreApplication.translate("HistoryDialog", "这一版与上一版内容相同(例如只是重新导入)。")
        parts.append(f"<p>{html.escape(same)}</p>")
    return "".join(parts)


def _field_table(fields: tuple[FieldChange, ...] | list[FieldChange]) -> str:
    heads = (
        QCoreApplication.translate("HistoryDialog", "字段"),
        QCoreApplication.translate("HistoryDialog", "之前"),
        QCoreApplication.translate("HistoryDialog", "之后"),
    )
    rows = [
        "<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>",
        "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in heads) + "</tr>",
    ]
    for c in fields:
        if c.added or c.removed:
            before = ", ".join(f"<span style='{_REMOVED}'>{_text_html(v)}</span>" for v in c.removed)
            after = ", ".join(f"<span style='{_ADDED}'>{_text_html(v)}</span>" for v in c.added)
        else:
            before = marked_html(c.before_marked, _value(c, c.before))
            after = marked_html(c.after_marked, _value(c, c.after))
        rows.append(
            f"<tr><td><b>{html.escape(field_label(c.name))}</b></td><td>{before}</td><td>{after}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


class VersionsModel(ObjectTableModel[EntryVersion]):
    COLUMNS = (
        QT_TRANSLATE_NOOP("HistoryDialog", "版本"),
        QT_TRANSLATE_NOOP("HistoryDialog", "时间"),
        QT_TRANSLATE_NOOP("HistoryDialog", "操作"),
        QT_TRANSLATE_NOOP("HistoryDialog", "修改人"),
        QT_TRANSLATE_NOOP("HistoryDialog", "改动"),
    )
    TR_CONTEXT = "HistoryDialog"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changes: list[VersionChanges] = []
        """What each version changed against the one before it (same order as the versions, newest first)."""

    @property
    def versions(self) -> list[EntryVersion]:
        return self._items

    def set_versions(self, versions: list[EntryVersion]) -> None:
        self.changes = [
            compare(versions[n + 1].data if n + 1 < len(versions) else None, v.data)
            for n, v in enumerate(versions)
        ]
        self.set_items(versions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        v = self.item_at(index)
        if v is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        changes = self.changes[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(change_lines(changes)) or None
        return [
            str(v.version),
            short_time(v.changed_at),
            action_label(v.action),
            v.changed_by or QCoreApplication.translate("HistoryDialog", "(未署名)"),
            summary(changes) or QCoreApplication.translate("HistoryDialog", "(内容相同)"),
        ][index.column()]


class HistoryDialog(QDialog):
    """Versions newest first, each with what it changed; the selected version's changes in full, the changed words
    marked; "restore this version" says what it will change and asks first (and can be undone)."""

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
        self.diff.setOpenLinks(False)
        splitter.addWidget(self.view)
        splitter.addWidget(self.diff)
        splitter.setSizes([420, 560])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.restore_button = QPushButton(self.tr("恢复此版本…"))
        self.close_button = QPushButton(self.tr("关闭"))
        row.addWidget(self.note, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.restore_button.clicked.connect(lambda _checked=False: self.restore_selected())
        self.close_button.clicked.connect(lambda _checked=False: self.accept())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_selected())
        self.resize(1000, 560)
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
        changes = self.model.changes[self.model.versions.index(version)]
        head = self.tr("第 %1 版 · %2 · %3 · %4").replace("%1", str(version.version))
        head = head.replace("%2", short_time(version.changed_at)).replace("%3", action_label(version.action))
        head = head.replace("%4", version.changed_by or self.tr("(未署名)"))
        self.diff.setHtml(f"<h3>{html.escape(head)}</h3>{changes_html(changes)}")

    def confirm_restore(self, version: EntryVersion, changes: VersionChanges) -> bool:
        """Ask before restoring, listing what the restore will change (plain text: it shows library text)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("恢复第 %1 版").replace("%1", str(version.version)))
        box.setTextFormat(Qt.TextFormat.PlainText)
        lines = change_lines(changes)
        box.setText(
            self.tr("恢复第 %1 版会改动以下 %2 处(之后可以撤销):")
            .replace("%1", str(version.version))
            .replace("%2", str(len(lines)))
        )
        box.setInformativeText("\n".join(f"· {line}" for line in lines[:20]))
        if len(lines) > 20:
            box.setDetailedText("\n".join(lines))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("恢复"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        version = self.selected()
        if version is None or not self.can_restore:
            return
        try:
            changes = self.lib.entries.restore_preview(self.entry_id, version.version)
        except CsdeskError as exc:
            show_error(self, exc)
            return
        if changes.empty:
            self.note.setText(
                self.tr("第 %1 版与现在的内容相同,无需恢复。").replace("%1", str(version.version))
            )
            return
        if not self.confirm_restore(version, changes):
            return
        if self.runner.push(RestoreVersionCommand(self.lib, self.lib.get(self.entry_id), version.version)):
            self.note.setText(self.tr("已恢复第 %1 版(可撤销)。").replace("%1", str(version.version)))
            self.reload()
