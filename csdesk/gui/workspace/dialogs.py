"""Small dialogs of the copy flow: fill in missing placeholders, confirm a red-line hit."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.models import PlaceholderDef, RuleHit
from csdesk.core.render import DATE


class FillInDialog(QDialog):
    """One line edit per missing placeholder. Enter moves to the next empty field; once every field is filled, Enter
    (or 复制) confirms. Nothing is accepted while a field is empty: a raw {占位符} must never reach the customer."""

    def __init__(
        self,
        names: Sequence[str],
        *,
        prefill: dict[str, str] | None = None,
        descriptions: Sequence[PlaceholderDef] = (),
        preview: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("补全回复内容"))
        self.setObjectName("fillInDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("这条回复还缺少以下内容,填好后再复制:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if preview:
            sample = QLabel(preview)
            sample.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
            sample.setWordWrap(True)
            sample.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            sample.setStyleSheet("color: palette(placeholder-text);")
            sample.setMaximumWidth(460)
            layout.addWidget(sample)
        form = QFormLayout()
        described = {p.name: p.description for p in descriptions}
        self.edits: dict[str, QLineEdit] = {}
        self.today = date.today().isoformat()
        self.today_button: QPushButton | None = None
        for name in names:
            edit = QLineEdit((prefill or {}).get(name, ""))
            edit.setObjectName(f"fill_{name}")
            edit.setPlaceholderText(described.get(name, ""))
            edit.setMinimumWidth(260)
            edit.textChanged.connect(self._update_state)
            if name == DATE:
                # {日期} is asked (it may be a delivery or signing date); today is one key away: Enter on the empty
                # field, or the button
                edit.setPlaceholderText(self.tr("回车 = 今天 %1").replace("%1", self.today))
                self.today_button = QPushButton(self.tr("今天 %1").replace("%1", self.today))
                self.today_button.setObjectName("fillToday")
                self.today_button.setAutoDefault(False)
                self.today_button.clicked.connect(lambda _checked=False, e=edit: self._fill_today(e))
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(self.today_button)
                form.addRow(f"{name}:", row)
            else:
                form.addRow(f"{name}:", edit)
            self.edits[name] = edit
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.problem.setObjectName("fillInProblem")
        self.problem.setStyleSheet("color: #c92a2a;")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.copy_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.copy_button.setText(self.tr("复制"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.setDefault(False)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_state()
        first_empty = next((e for e in self.edits.values() if not e.text().strip()), None)
        (first_empty or next(iter(self.edits.values()))).setFocus()

    def empty_fields(self) -> list[QLineEdit]:
        return [e for e in self.edits.values() if not e.text().strip()]

    def _update_state(self) -> None:
        if not self.empty_fields():
            self.problem.setVisible(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter is ours, never the default button's: it walks the empty fields and confirms only when all are filled
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
                return
            self.next_or_accept()
            return
        super().keyPressEvent(event)

    def _fill_today(self, edit: QLineEdit) -> None:
        edit.setText(self.today)
        edit.setFocus()

    def next_or_accept(self) -> None:
        date_edit = self.edits.get(DATE)
        if date_edit is not None and self.focusWidget() is date_edit and not date_edit.text().strip():
            date_edit.setText(self.today)  # the one-key choice: Enter on the empty date means today
        edits = list(self.edits.values())
        empties = self.empty_fields()
        if not empties:
            self.accept()
            return
        current = self.focusWidget()
        at = edits.index(current) if current in edits else -1
        # the next empty field after the current one, wrapping around
        following = [e for e in edits[at + 1 :] + edits[: at + 1] if e in empties]
        following[0].setFocus()
        following[0].selectAll()

    def accept(self) -> None:
        empties = self.empty_fields()
        if empties:
            names = [name for name, edit in self.edits.items() if edit in empties]
            self.problem.setText(self.tr("还没填:%1").replace("%1", "、".join(names)))
            self.problem.setVisible(True)
            empties[0].setFocus()
            return
        super().accept()

    def values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}


class RedLineDialog(QDialog):
    """Shows red-line hits. Warnings can be copied anyway; a block needs an explicit reason to override."""

    def __init__(self, text: str, hits: Sequence[RuleHit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redLineDialog")
        self.blocked = any(h.severity == "block" for h in hits)
        self.setWindowTitle(self.tr("红线提醒") if not self.blocked else self.tr("红线拦截"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("这条回复含有禁止使用的词,不能直接发给客户。")
            if self.blocked
            else self.tr("这条回复里有需要注意的用词,请确认后再发。")
        )
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: bold; color: %s;" % ("#c92a2a" if self.blocked else "#e67700"))
        layout.addWidget(head)
        body = QTextBrowser()
        body.setObjectName("redLineDetails")
        body.setOpenLinks(False)
        body.setHtml(self._html(text, hits))
        body.setMinimumHeight(200)
        layout.addWidget(body)
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText(self.tr("越过红线的理由(必填,会记录在使用记录里)"))
        self.reason.setVisible(self.blocked)
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("越过红线并复制") if self.blocked else self.tr("仍然复制"))
        self.copy_button.setObjectName("copyAnyway")
        cancel = QPushButton(self.tr("不复制"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._cancel = cancel
        if self.blocked:
            self.reason.textChanged.connect(self._reason_changed)
            self._reason_changed("")
            self.reason.setFocus()
        else:
            self.copy_button.setDefault(True)
            self.copy_button.setFocus()

    def _reason_changed(self, text: str) -> None:
        """With a reason typed, Enter overrides (越过红线并复制 becomes the default); without one, Enter cancels."""
        ok = bool(text.strip())
        self.copy_button.setEnabled(ok)
        self.copy_button.setDefault(ok)
        self._cancel.setDefault(not ok)

    def _html(self, text: str, hits: Sequence[RuleHit]) -> str:
        marked: list[str] = []
        position = 0
        for hit in sorted(hits, key=lambda h: h.start):
            if hit.start < position:
                continue
            color = "#ffc9c9" if hit.severity == "block" else "#ffec99"
            marked.append(html.escape(text[position : hit.start]))
            marked.append(
                f'<span style="background:{color}; color:#000;"><b>{html.escape(text[hit.start : hit.end])}</b></span>'
            )
            position = hit.end
        marked.append(html.escape(text[position:]))
        parts = [f"<p>{''.join(marked).replace(chr(10), '<br>')}</p><hr>"]
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            if (hit.text, hit.reason) in seen:
                continue
            seen.add((hit.text, hit.reason))
            level = self.tr("拦截") if hit.severity == "block" else self.tr("提醒")
            parts.append(f"<p><b>「{html.escape(hit.text)}」</b> · {level}<br>{html.escape(hit.reason)}")
            if hit.suggestion:
                advice = self.tr("建议:")
                parts.append(f"<br><span style='color:#2b8a3e;'>{advice}{html.escape(hit.suggestion)}</span>")
            parts.append("</p>")
        return "".join(parts)

    def override_reason(self) -> str:
        return self.reason.text().strip()
