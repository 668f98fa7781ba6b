"""The customer panel: paste a nickname, see and change what is known about the customer in one click.

Tags show as chips grouped by tag group; a click adds or removes the tag (creating the customer on the fly).
The panel's customer fills {客户昵称}, keys the remembered placeholder values and ranks entries and variants aimed at
the customer's tags first.
"""

from __future__ import annotations

import logging
from datetime import date

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Change, Library
from csdesk.core.models import Customer, Tag, TagGroup
from csdesk.gui.errors import show_error
from csdesk.gui.flowlayout import FlowLayout
from csdesk.gui.theme import follow_font
from csdesk.gui.workspace.models import CustomerListModel

log = logging.getLogger(__name__)


class ChipHost(QWidget):
    """The widget holding one tag group's chips: as tall as its wrapped lines need at its width.

    FlowLayout answers heightForWidth, but a QSplitter or a box layout with too little room squeezes the widget to
    its minimum height, which knows nothing of the wrapping; the minimum height follows the width here instead.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        needed = self.flow.heightForWidth(width)
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)


def _chip_style(color: str) -> str:
    color = color or "#868e96"
    return (
        f"QToolButton {{ border: 1px solid {color}; border-radius: 10px; padding: 2px 9px; color: palette(text);"
        f" background: transparent; }}"
        f"QToolButton:checked {{ background: {color}; color: white; font-weight: bold; }}"
        f"QToolButton:hover {{ border-width: 2px; }}"
    )


class CustomerPanel(QWidget):
    customer_changed = Signal(object, str)
    """(Customer or None, nickname as typed)."""
    expanded_changed = Signal(bool)
    """The panel folded to its nickname line (False) or opened (True): the workspace gives it room accordingly."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._shop: str | None = None
        self._customer: Customer | None = None
        self._chips: dict[str, QToolButton] = {}
        self._session_tags: set[str] = set()
        """Tags clicked while no nickname is typed: they rank this chat's replies, nothing is saved."""
        self._opened = False
        """The agent opened the folded panel by hand (it opens by itself once a nickname is typed)."""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        head = QHBoxLayout()
        title = QLabel(self.tr("当前客户"))
        title.setStyleSheet("font-weight: bold;")
        head.addWidget(title)
        self.nickname = QLineEdit()
        self.nickname.setObjectName("customerNickname")
        self.nickname.setPlaceholderText(self.tr("粘贴或输入客户昵称"))
        self.nickname.setClearButtonEnabled(True)
        head.addWidget(self.nickname, 1)
        self.create_button = QPushButton(self.tr("建档"))
        self.create_button.setObjectName("createCustomer")
        self.create_button.setToolTip(self.tr("把这位客户记下来,以后输入昵称就能看到标签和备注"))
        self.create_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.create_button.clicked.connect(self.create_customer)
        head.addWidget(self.create_button)
        self.expand_button = QToolButton()
        self.expand_button.setObjectName("expandCustomer")
        self.expand_button.setCheckable(True)
        self.expand_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.expand_button.setToolTip(self.tr("展开 / 收起客户标签和备注"))
        self.expand_button.clicked.connect(self._expand_clicked)
        head.addWidget(self.expand_button)
        outer.addLayout(head)
        self.body = QWidget()
        self.body.setObjectName("customerBody")
        outer.addWidget(self.body)
        outer.addStretch(1)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.status = QLabel()
        self.status.setObjectName("customerStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.status)

        self._chip_host = QWidget()
        self._chip_layout = QVBoxLayout(self._chip_host)
        self._chip_layout.setContentsMargins(0, 0, 0, 0)
        self._chip_layout.setSpacing(4)
        layout.addWidget(self._chip_host)

        self.details = QWidget()
        self.details.setObjectName("customerDetails")
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.birthday = QLineEdit()
        self.birthday.setObjectName("customerBirthday")
        self.birthday.setPlaceholderText(self.tr("如 1995-03-08 或 03-08"))
        self.after_sale = QLineEdit()
        self.after_sale.setObjectName("customerAfterSale")
        self.after_sale.setPlaceholderText(self.tr("退过货、投诉过……"))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("customerNotes")
        self.notes.setPlaceholderText(self.tr("身高体重、常穿尺码、口味、忌口……"))
        self.notes.setMaximumHeight(72)
        form.addRow(self.tr("生日"), self.birthday)
        form.addRow(self.tr("售后记录"), self.after_sale)
        form.addRow(self.tr("备注"), self.notes)
        layout.addWidget(self.details)
        self.save_button = QPushButton(self.tr("保存客户信息"))
        self.save_button.setObjectName("saveCustomer")
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_button.clicked.connect(self.save_details)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        self._completer_model = CustomerListModel(self)
        completer = QCompleter(self._completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.nickname.setCompleter(completer)
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(200)
        self._lookup_timer.timeout.connect(self.lookup)
        self.nickname.textChanged.connect(lambda _t: self._lookup_timer.start())
        self.nickname.returnPressed.connect(self.lookup)
        completer.activated.connect(lambda _t: self.lookup())

        self.rebuild_chips()
        self._show(None)

    # -- public --------------------------------------------------------------------------------------------
    @property
    def customer(self) -> Customer | None:
        return self._customer

    @property
    def expanded(self) -> bool:
        return not self.body.isHidden()

    def active_tags(self) -> tuple[str, ...]:
        """The tags replies are ranked for: the customer's, or the ones clicked for a chat without a nickname."""
        if self._customer is not None:
            return tuple(self._customer.tags)
        if not self.current_nickname():
            return tuple(sorted(self._session_tags))
        return ()

    def set_expanded(self, expanded: bool) -> None:
        """Open or fold the panel by hand (a typed nickname keeps it open)."""
        self._opened = expanded
        self._update_fold()

    def _expand_clicked(self, checked: bool) -> None:
        self.set_expanded(checked)

    def _update_fold(self) -> None:
        expanded = self._opened or bool(self.current_nickname())
        self.expand_button.blockSignals(True)
        self.expand_button.setChecked(expanded)
        self.expand_button.blockSignals(False)
        self.expand_button.setText(self.tr("收起 ▴") if expanded else self.tr("客户标签 ▾"))
        self.expand_button.setVisible(not self.current_nickname())
        if self.body.isHidden() == expanded:
            self.body.setVisible(expanded)
            self.updateGeometry()
            self.expanded_changed.emit(expanded)

    def current_nickname(self) -> str:
        return self.nickname.text().strip()

    def set_shop(self, shop: str | None) -> None:
        self._shop = shop
        try:
            self._completer_model.set_customers(self._lib.customers.all(shop=shop))
        except CsdeskError:
            self._completer_model.set_customers([])
        if self.current_nickname():
            self.lookup()

    def set_compact(self, compact: bool) -> None:
        """Side-panel mode: nickname, status and tags only (birthday, after-sale marks, notes and save folded away)."""
        self.details.setVisible(not compact)
        self.save_button.setVisible(not compact)

    def set_nickname(self, nickname: str) -> None:
        self.nickname.setText(nickname)
        self.lookup()

    def on_library_change(self, change: Change) -> None:
        if change.kind in ("tags", "all"):
            self.rebuild_chips()
            self._show(self._customer)
        if change.kind in ("customers", "all"):
            self.set_shop(self._shop)

    # -- lookup and editing --------------------------------------------------------------------------------
    def lookup(self) -> None:
        self._lookup_timer.stop()
        nickname = self.current_nickname()
        customer = None
        if nickname:
            try:
                customer = self._lib.customers.get(nickname, shop=self._shop)
            except CsdeskError:
                customer = None
        changed = (customer, nickname) != (self._customer, getattr(self, "_last_nickname", ""))
        self._last_nickname = nickname
        self._show(customer)
        if changed:
            self.customer_changed.emit(customer, nickname)

    def create_customer(self) -> Customer | None:
        nickname = self.current_nickname()
        if not nickname:
            self.nickname.setFocus()
            return None
        try:
            customer = self._lib.customers.save(
                nickname,
                shop=self._shop,
                notes=self.notes.toPlainText().strip(),
                birthday=self.birthday.text().strip(),
                after_sale=self.after_sale.text().strip(),
            )
        except CsdeskError as exc:
            show_error(self, exc)
            return None
        self._show(customer)
        self.customer_changed.emit(customer, nickname)
        return customer

    def save_details(self) -> None:
        if self._customer is None:
            self.create_customer()
            return
        try:
            customer = self._lib.customers.save(
                self._customer.nickname,
                shop=self._shop_of(self._customer),
                notes=self.notes.toPlainText().strip(),
                birthday=self.birthday.text().strip(),
                after_sale=self.after_sale.text().strip(),
            )
        except CsdeskError as exc:
            show_error(self, exc)
            return
        self._show(customer)
        self.status.setText(self.tr("已保存"))

    def toggle_tag(self, tag: str, present: bool) -> None:
        if not self.current_nickname():  # a chat without a nickname: rank for these tags, save nothing
            if present:
                self._session_tags.add(tag)
            else:
                self._session_tags.discard(tag)
            self._show(None)
            self.customer_changed.emit(None, "")
            return
        customer = self._customer or self.create_customer()
        if customer is None:
            self._show(None)
            return
        try:
            updated = self._lib.customers.set_tag(customer.id, tag, present)
        except CsdeskError as exc:
            show_error(self, exc)
            return
        self._show(updated)
        self.customer_changed.emit(updated, self.current_nickname())

    @staticmethod
    def _shop_of(customer: Customer) -> str | int | None:
        return customer.shop_id

    # -- display -------------------------------------------------------------------------------------------
    def rebuild_chips(self) -> None:
        while self._chip_layout.count():
            item = self._chip_layout.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self._chips.clear()
        self._group_labels: list[QLabel] = []
        self.chip_hosts: list[ChipHost] = []
        groups: list[TagGroup] = self._lib.tags.groups()
        tags: list[Tag] = self._lib.tags.all()
        for group in groups:
            members = [t for t in tags if t.group_id == group.id]
            if not members:
                continue
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(group.name)
            label.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
            label.setStyleSheet("color: palette(placeholder-text);")
            follow_font(label, 0.9)
            self._group_labels.append(label)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            row_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            host = ChipHost()
            host.setObjectName(f"chips_{group.name}")
            flow = host.flow
            for tag in members:
                chip = QToolButton()
                chip.setObjectName(f"chip_{tag.name}")
                chip.setText(tag.name)
                chip.setCheckable(True)
                chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                chip.setCursor(Qt.CursorShape.PointingHandCursor)
                chip.setToolTip(tag.description or tag.name)
                chip.setStyleSheet(_chip_style(tag.color or group.color))
                chip.clicked.connect(lambda checked, name=tag.name: self.toggle_tag(name, checked))
                flow.addWidget(chip)
                self._chips[tag.name] = chip
            row_layout.addWidget(host, 1)
            self._chip_layout.addWidget(row)
            self.chip_hosts.append(host)
        self._fit_group_labels()

    def _fit_group_labels(self) -> None:
        """One column for the group names, as wide as the longest at the current font (a fixed 64 px cut
        客户类型 at font 16)."""
        labels = [label for label in getattr(self, "_group_labels", []) if shiboken6.isValid(label)]
        if not labels:
            return
        width = max(label.fontMetrics().horizontalAdvance(label.text()) for label in labels) + 6
        for label in labels:
            label.setFixedWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._fit_group_labels)  # the labels follow the font a moment later

    def chip(self, tag: str) -> QToolButton | None:
        return self._chips.get(tag)

    def _show(self, customer: Customer | None) -> None:
        self._customer = customer
        nickname = self.current_nickname()
        have = set(customer.tags) if customer is not None else set() if nickname else self._session_tags
        for name, chip in self._chips.items():
            chip.blockSignals(True)
            chip.setChecked(name in have)
            chip.blockSignals(False)
        self._update_fold()
        for widget, value in (
            (self.birthday, customer.birthday if customer else ""),
            (self.after_sale, customer.after_sale if customer else ""),
        ):
            if not widget.hasFocus():
                widget.setText(value)
        if not self.notes.hasFocus():
            self.notes.setPlainText(customer.notes if customer else "")
        self.create_button.setVisible(bool(nickname) and customer is None)
        for editor in (self.birthday, self.after_sale, self.notes, self.save_button):
            editor.setEnabled(bool(nickname))
        if not nickname:
            self.status.setText(
                self.tr(
                    "填了客户昵称,回复里的 {客户昵称} 会自动填好;点标签,适合他的话术排在前面(不填昵称不保存)。"
                )
            )
        elif customer is None:
            self.status.setText(self.tr("新客户:点标签或「建档」就会记下来"))
        else:
            bits = [self.tr("已建档")]
            extra = [t for t in customer.tags if t not in self._chips]
            if extra:
                bits.append("、".join(extra))
            if customer.birthday and _is_birthday(customer.birthday):
                bits.append(self.tr("今天生日!"))
            self.status.setText(" · ".join(bits))


def _is_birthday(text: str, today: date | None = None) -> bool:
    today = today or date.today()
    return text[-5:] == today.strftime("%m-%d")
