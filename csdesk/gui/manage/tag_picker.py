"""The entry editor's tag picker: chips for the entry's tags, a box that completes from the existing entry tags.

Entry tags used to be typed free into a line edit, so 价格敏感 and 价格敏感型 piled up. Here a tag is picked from the
list (``lib.entry_tags.names()``, matched anywhere in the name); a new one only through the explicit
「新建标签「x」」 choice at the end of the list. Enter on text that is not an existing tag adds nothing and says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.areas.entry_tags import check_name
from csdesk.core.errors import CsdeskError
from csdesk.gui.errors import error_text
from csdesk.gui.flowlayout import FlowLayout
from csdesk.gui.manage.page_support import ok_cancel_buttons, split_words

NEW_ROLE = Qt.ItemDataRole.UserRole + 1
"""On the completer's last row: the name a 「新建标签」 choice creates."""


class TagPicker(QWidget):
    """The entry's tags as removable chips, and a box to add one: pick an existing tag, or create one on purpose."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._names: list[str] = []
        self._read_only = False
        self._hint_for = ""
        self.chips: list[QToolButton] = []
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("输入查找条目标签,从列表中选择"))
        self.edit.setMinimumWidth(200)
        self.choices = QStandardItemModel(self)
        self.completer = QCompleter(self.choices, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.edit)  # not setCompleter: a pick never writes its text into the box
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self.edit.textChanged.connect(self._offer)
        self.edit.returnPressed.connect(self._enter)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)  # shows typed text
        self.hint.setStyleSheet("color: #a05a00;")
        self.hint.hide()
        self.flow = FlowLayout(spacing=4)
        self.flow.addWidget(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.flow)
        layout.addWidget(self.hint)

    # --- the entry's tags -------------------------------------------------------------------------------------
    def tags(self) -> tuple[str, ...]:
        return tuple(self._tags)

    def set_tags(self, tags: Iterable[str]) -> None:
        """Show ``tags`` (loading an entry): no ``changed``, the box and the hint are cleared."""
        self._tags = list(dict.fromkeys(t for t in tags if t))
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.hint.hide()
        self._rebuild_chips()

    def set_names(self, names: Sequence[str]) -> None:
        """The existing entry tags the box completes from."""
        self._names = list(names)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.edit.setVisible(not read_only)
        for chip in self.chips:
            chip.setEnabled(not read_only)

    def add_tag(self, name: str) -> None:
        if name and name not in self._tags:
            self._tags.append(name)
            self._rebuild_chips()
            self.changed.emit()

    def remove_tag(self, name: str) -> None:
        if name in self._tags:
            self._tags.remove(name)
            self._rebuild_chips()
            self.changed.emit()

    def _rebuild_chips(self) -> None:
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        self.flow.removeWidget(self.edit)
        known = set(self._names)
        for name in self._tags:
            chip = QToolButton(self)
            new = name not in known
            chip.setText(("✚ " if new else "") + name + "  ✕")
            chip.setToolTip(
                self.tr("新建的条目标签「{0}」,保存条目后加入列表。点一下去掉").format(name)
                if new
                else self.tr("点一下从这个条目去掉条目标签「{0}」").format(name)
            )
            chip.setProperty("tag", name)
            chip.setEnabled(not self._read_only)
            chip.clicked.connect(lambda _checked=False, n=name: self.remove_tag(n))
            self.flow.addWidget(chip)
            self.chips.append(chip)
        self.flow.addWidget(self.edit)
        self.updateGeometry()

    # --- the box and its list --------------------------------------------------------------------------------
    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()  # the completer makes its popup on first use: never None here
        assert popup is not None
        return popup

    def _offer(self, text: str) -> None:
        """Refill the list for ``text``: existing tags that contain it (those starting with it first), then the
        「新建标签」 choice unless ``text`` is a tag already."""
        if text.strip() != self._hint_for:
            self.hint.hide()
        wanted = text.strip().casefold()
        self.choices.clear()
        if not wanted:
            self._popup().hide()
            return
        matches = [n for n in self._names if wanted in n.casefold() and n not in self._tags]
        matches.sort(key=lambda n: (not n.casefold().startswith(wanted), len(n), n))
        for name in matches[:50]:
            self.choices.appendRow(QStandardItem(name))
        if text.strip() not in self._names and text.strip() not in self._tags:
            item = QStandardItem(self.tr("新建标签「{0}」").format(text.strip()))
            item.setData(text.strip(), NEW_ROLE)
            item.setToolTip(self.tr("作为新的条目标签加到这个条目上"))
            font = self.font()
            font.setItalic(True)  # set apart from the existing tags above it
            item.setFont(font)
            self.choices.appendRow(item)
        if self.choices.rowCount() and self.edit.isVisible():
            self.completer.complete()
            # nothing preselected: Enter alone never picks (a typo never becomes a tag); ↓ or a click chooses
            self._popup().setCurrentIndex(QModelIndex())

    def _picked(self, index: QModelIndex) -> None:
        new = index.data(NEW_ROLE)
        name = str(new if new else index.data())
        self._hint_for = ""
        if new:
            try:
                name = check_name(name)
            except CsdeskError as exc:
                self._say(error_text(exc))
                return
        self.edit.clear()
        self.add_tag(name)

    def _enter(self) -> None:
        """Enter adds only existing tags (a 、-separated list too); anything else waits for a deliberate choice."""
        if self._popup().isVisible() and self._popup().currentIndex().isValid():
            return  # the completer takes this Enter as the pick
        typed = split_words(self.edit.text())
        if not typed:
            return
        by_fold = {n.casefold(): n for n in self._names}
        unknown = [t for t in typed if t.casefold() not in by_fold]
        for word in typed:
            if word.casefold() in by_fold:
                self.add_tag(by_fold[word.casefold()])
        if not unknown:
            self.edit.clear()
            return
        self.edit.setText(unknown[0])
        # the list again (after the completer has closed it for this Enter): near names and 「新建标签」
        QTimer.singleShot(0, lambda: self._offer(self.edit.text()))
        self._hint_for = unknown[0]
        self._say(
            self.tr("「{0}」不是已有的条目标签:从列表中选一个相近的,或选「新建标签「{0}」」。").format(
                "、".join(unknown)
            )
        )

    def _say(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.show()


class TagPickDialog(QDialog):
    """Several entries get entry tags at once (条目 → 加条目标签…): the same picker, no free typing."""

    def __init__(self, names: Sequence[str], prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("加条目标签"))
        self.picker = TagPicker(self)
        self.picker.set_names(names)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        layout.addStretch(1)
        layout.addWidget(ok_cancel_buttons(self, self.tr("加上"), self.tr("取消")))
        self.setMinimumWidth(420)

    def tags(self) -> tuple[str, ...]:
        return self.picker.tags()
