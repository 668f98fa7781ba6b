"""The outcome bar: after a copy made under an A/B test, one key (F8 达成 / Shift+F8 没达成) or click marks the chat.

It sits under the workspace's result list and never takes the focus or blocks the next copy: a new copy simply
replaces what it offers; an offer nobody answers stays unmarked.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from csdesk.core import abtest
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library

log = logging.getLogger(__name__)

MET_KEY = "F8"
MISSED_KEY = "Shift+F8"


class OutcomeBar(QFrame):
    """Offers to mark the outcome of the last copy made under a running A/B test."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("abOutcomeBar")
        self.lib = lib
        self.pending: abtest.PendingCopy | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.met_button = QPushButton()
        self.met_button.setObjectName("abMet")
        self.missed_button = QPushButton()
        self.missed_button.setObjectName("abMissed")
        self.close_button = QPushButton("×")
        self.close_button.setToolTip(self.tr("不标记"))
        self.close_button.setFixedWidth(28)
        for button in (self.met_button, self.missed_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.met_button)
        layout.addWidget(self.missed_button)
        layout.addWidget(self.close_button)
        self.met_button.clicked.connect(lambda: self.mark(True))
        self.missed_button.clicked.connect(lambda: self.mark(False))
        self.close_button.clicked.connect(self.dismiss)
        self.met_shortcut = QShortcut(QKeySequence(MET_KEY), self, context=Qt.ShortcutContext.WindowShortcut)
        self.missed_shortcut = QShortcut(
            QKeySequence(MISSED_KEY), self, context=Qt.ShortcutContext.WindowShortcut
        )
        self.met_shortcut.activated.connect(lambda: self.mark(True))
        self.missed_shortcut.activated.connect(lambda: self.mark(False))
        self.dismiss()

    def copied(self, entry_id: str, _text: str = "") -> None:
        """After any copy: offer to mark it when it was made under a test (connected to ``Copier.copied``)."""
        try:
            pending = abtest.last_copy(self.lib, entry_id, within_seconds=10)
        except CsdeskError:
            log.warning("could not read the A/B test of %s", entry_id, exc_info=True)
            pending = None
        if pending is None:
            return
        self.pending = pending
        goal = pending.test.goal_label
        who = pending.customer or self.tr("这位客户")
        self.label.setText(
            self.tr("A/B 测试「%1」:%2 %3 了吗?")
            .replace("%1", pending.test.name)
            .replace("%2", who)
            .replace("%3", goal)
        )
        self.met_button.setText(self.tr("✓ %1(F8)").replace("%1", goal))
        self.missed_button.setText(self.tr("✗ 没有(Shift+F8)"))
        self.met_shortcut.setEnabled(True)
        self.missed_shortcut.setEnabled(True)
        self.show()

    def mark(self, met: bool) -> None:
        if self.pending is None:
            return
        try:
            abtest.mark_outcome(self.lib, self.pending.copy_id, met)
        except CsdeskError:
            log.warning("could not mark the outcome", exc_info=True)
        self.dismiss()

    def dismiss(self) -> None:
        self.pending = None
        self.met_shortcut.setEnabled(False)
        self.missed_shortcut.setEnabled(False)
        self.hide()
