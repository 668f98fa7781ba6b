"""流程走查: a new agent walks an SOP step by step before using it with customers (training, not the workspace's
copying view).

Each step shows its instruction, the script it points to (the linked entry's reply with its guidance and basis),
and what the instruction names (another SOP, an entry by ``/code`` or 「title」, as the workspace's SOP view links
them). → or Enter goes on, ← goes back; at the last step Enter marks the SOP walked and opens the next one not yet
walked. The SOPs are the chosen shop's (with the shared ones); which SOPs each agent has walked is kept in the
library (setting ``sop_walkthroughs``), so the progress line "已走完 2 / 4 个流程" survives a restart.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Entry, Sop
from csdesk.gui.manage.page_support import fill_shop_combo
from csdesk.gui.workspace.steplinks import step_links

WALKED_SETTING = "sop_walkthroughs"
"""Library setting: {agent name: [ids of the SOPs they walked to the end]}."""


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class SopWalkPage(QWidget):
    """Pick an SOP, then step through it: instruction, script, linked entries; ←/→ and Enter, a progress bar."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sopWalk")
        self.lib = lib
        self.sops: list[Sop] = []
        self.sop: Sop | None = None
        self.step = 0
        self.shop = QComboBox()
        self.shop.setObjectName("walkShop")
        fill_shop_combo(self.shop, lib.shops.all(), self.tr("所有店铺"), None)
        self.overall = QLabel()
        self.overall.setObjectName("walkOverall")
        self.status = QLabel()
        self.status.setObjectName("walkStatus")
        self.status.setStyleSheet("color: green;")
        self.list = QListWidget()
        self.list.setObjectName("walkSops")
        self.title = QLabel()
        self.title.setObjectName("walkTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.counter = QLabel()
        self.counter.setObjectName("walkCounter")
        self.progress = QProgressBar()
        self.progress.setObjectName("walkProgress")
        self.progress.setTextVisible(False)
        self.view = QTextBrowser()
        self.view.setObjectName("walkStep")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the SOP list
        self.view.setOpenLinks(False)
        self.prev_button = QPushButton(self.tr("← 上一步"))
        self.prev_button.setObjectName("walkPrev")
        self.next_button = QPushButton()
        self.next_button.setObjectName("walkNext")
        for button in (self.prev_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("店铺")))
        top.addWidget(self.shop)
        top.addStretch(1)
        top.addWidget(self.overall)
        head = QHBoxLayout()
        head.addWidget(self.counter)
        head.addWidget(self.progress, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.prev_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        right = QWidget()
        r_layout = QVBoxLayout(right)
        r_layout.setContentsMargins(0, 0, 0, 0)
        r_layout.addWidget(self.title)
        r_layout.addLayout(head)
        r_layout.addWidget(self.view, 1)
        r_layout.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 800])
        hint = QLabel(self.tr("↑/↓ 选流程,→ 或回车下一步,← 上一步;走到最后一步按回车算走完。"))
        hint.setStyleSheet("color: gray;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(hint)
        self.shop.currentIndexChanged.connect(lambda _i: self.reload())
        self.list.currentRowChanged.connect(self._pick)
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.list.installEventFilter(self)
        self.reload()

    # -- keys ----------------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Shown (the tab opened by a click leaves the focus on the tab bar, where → would switch tabs): the keys
        go to the SOP list at once."""
        super().showEvent(event)
        self.list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """←/→/Enter in the SOP list walk the steps (the list keeps ↑/↓ to pick an SOP)."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            key = event.key()
            if key == Qt.Key.Key_Left:
                self.go(-1)
                return True
            if key in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.go(1)
                return True
        return super().eventFilter(watched, event)

    # -- the walked SOPs -----------------------------------------------------------------------------------
    def _walked(self) -> set[int]:
        data = self.lib.setting(WALKED_SETTING, {}) or {}
        ids = data.get(self.lib.agent or "", []) if isinstance(data, dict) else []
        return {int(i) for i in ids if isinstance(i, int)}

    def _mark_walked(self, sop_id: int) -> None:
        data = self.lib.setting(WALKED_SETTING, {}) or {}
        if not isinstance(data, dict):
            data = {}
        agent = self.lib.agent or ""
        data[agent] = sorted(self._walked() | {sop_id})
        self.lib.set_setting(WALKED_SETTING, data)

    # -- loading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        shop = self.shop.currentData()
        try:
            self.sops = [s for s in self.lib.sops.all(shop="*" if shop is None else shop) if s.steps]
        except CsdeskError:
            self.sops = []
        keep = self.sop.id if self.sop is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        for sop in self.sops:
            self.list.addItem(QListWidgetItem(sop.name))
        self.list.blockSignals(False)
        self._mark_list()
        row = next((i for i, s in enumerate(self.sops) if s.id == keep), 0)
        if self.sops:
            self.list.setCurrentRow(row)
            self._pick(row)
        else:
            self.sop = None
            self._show()

    def _mark_list(self) -> None:
        walked = self._walked()
        for row, sop in enumerate(self.sops):
            item = self.list.item(row)
            item.setText(("✓ " if sop.id in walked else "   ") + sop.name)
        done = sum(1 for s in self.sops if s.id in walked)
        self.overall.setText(
            self.tr("已走完 %1 / %2 个流程").replace("%1", str(done)).replace("%2", str(len(self.sops)))
        )

    def _pick(self, row: int) -> None:
        self.sop = self.sops[row] if 0 <= row < len(self.sops) else None
        self.step = 0
        self._show()

    # -- walking -------------------------------------------------------------------------------------------
    def go(self, delta: int) -> None:
        """One step back or on; on from the last step marks the SOP walked and opens the next one not walked."""
        sop = self.sop
        if sop is None:
            return
        last = len(sop.steps) - 1
        if delta > 0 and self.step >= last:
            self._mark_walked(sop.id)
            self._mark_list()
            walked = self._walked()
            row = self.sops.index(sop)
            later = [i for i in range(row + 1, len(self.sops)) if self.sops[i].id not in walked]
            self.status.setText(self.tr("✓ 已走完「%1」。").replace("%1", sop.name))
            if later:
                self.list.setCurrentRow(later[0])
            else:
                self._show(finished=True)
            return
        self.step = max(0, min(last, self.step + delta))
        self._show()

    def _entry(self, entry_id: str | None) -> Entry | None:
        if not entry_id:
            return None
        try:
            return self.lib.get(entry_id)
        except CsdeskError:
            return None

    def _show(self, *, finished: bool = False) -> None:
        sop = self.sop
        self.prev_button.setEnabled(sop is not None and self.step > 0)
        self.next_button.setEnabled(sop is not None)
        if sop is None:
            self.title.setText(self.tr("这里没有流程:换一个店铺,或请主管在「管理 → 流程 SOP」里添加。"))
            self.counter.clear()
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.view.clear()
            self.next_button.setText(self.tr("下一步 →"))
            return
        total = len(sop.steps)
        self.title.setText(sop.name)
        self.progress.setRange(0, total)
        if finished:
            self.counter.setText(self.tr("全部走完"))
            self.progress.setValue(total)
            self.view.setHtml(
                "<h3 style='color: green'>"
                + _html(self.tr("已走完「%1」,这个店铺的流程都走过了。").replace("%1", sop.name))
                + "</h3>"
            )
            self.next_button.setText(self.tr("再走一遍 →"))
            self.step = -1  # on from here starts again at the first step
            return
        self.step = max(0, self.step)
        self.counter.setText(
            self.tr("第 %1 / %2 步").replace("%1", str(self.step + 1)).replace("%2", str(total))
        )
        self.progress.setValue(self.step + 1)
        last = self.step == total - 1
        self.next_button.setText(self.tr("走完 ✓(回车)") if last else self.tr("下一步 →(回车)"))
        self.view.setHtml(self._step_html(sop))

    def _step_html(self, sop: Sop) -> str:
        step = sop.steps[self.step]
        script, points, basis = _html(self.tr("话术")), _html(self.tr("话术要点")), _html(self.tr("依据"))
        flow, related = _html(self.tr("流程")), _html(self.tr("相关"))
        parts = []
        if sop.description and self.step == 0:
            parts.append(f"<p style='color: gray'>{_html(sop.description)}</p>")
        parts.append(f"<p style='font-size: 16px'><b>{self.step + 1}. {_html(step.instruction)}</b></p>")
        entry = self._entry(step.entry_id)
        if entry is not None:
            code = f" · /{html.escape(entry.code)}" if entry.code else ""
            parts.append(f"<h4>{script}:{_html(entry.title)}{code}</h4>")
            parts.append(f"<p>{_html(entry.reply)}</p>")
            if entry.guidance:
                parts.append(f"<p><b>{points}</b>:{_html(entry.guidance)}</p>")
            if entry.basis:
                parts.append(f"<p><b>{basis}</b>:{_html(entry.basis)}</p>")
        shop_name = self.shop.currentText() if self.shop.currentData() is not None else None
        links = step_links(self.lib, step.instruction, shop=shop_name, current=sop.id)
        named = [f"{flow}「{_html(s.name)}」" for s in links.sops]
        named += [
            f"{_html(e.title)}" + (f" /{html.escape(e.code)}" if e.code else "") + f":{_html(e.reply)}"
            for e in links.entries
            if entry is None or e.id != entry.id
        ]
        if named:
            parts.append(f"<p><b>{related}</b></p><ul>")
            parts += [f"<li>{n}</li>" for n in named]
            parts.append("</ul>")
        if entry is None and not named:
            nothing = _html(self.tr("这一步没有固定话术,按说明处理。"))
            parts.append(f"<p style='color: gray'>{nothing}</p>")
        return "".join(parts)
