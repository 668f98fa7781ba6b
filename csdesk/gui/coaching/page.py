"""The 测试与培训 tab: A/B tests, flash cards, SOP walk-throughs, the quiz, drills and the quiz results, one sub-tab each."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from csdesk.core.library import Change, Library
from csdesk.gui.coaching.abtests import AbTestsPage
from csdesk.gui.coaching.sopwalk import SopWalkPage
from csdesk.gui.coaching.training import DrillPage, FlashCardsPage, QuizPage, ResultsPage
from csdesk.gui.workspace.events import LibraryEvents


class CoachingPage(QTabWidget):
    """测试与培训: A/B 测试 · 闪卡 · 流程走查 · 考核 · 情景演练 · 考核成绩."""

    def __init__(
        self,
        lib: Library,
        events: LibraryEvents | None = None,
        parent: QWidget | None = None,
        *,
        gate: Callable[[str], bool] | None = None,
    ) -> None:
        """``gate(reason)``: True when the supervisor may go on (the main window asks the PIN); None: always."""
        super().__init__(parent)
        self.setObjectName("coachingPage")
        self.setDocumentMode(True)
        self.setWindowTitle(self.tr("测试与培训"))  # the main window's tab title
        self.abtests = AbTestsPage(lib)
        if gate is not None:
            self.abtests.gate = gate
        self.cards = FlashCardsPage(lib)
        self.quiz = QuizPage(lib)
        if gate is not None:
            self.quiz.gate = gate
        self.walk = SopWalkPage(lib)
        self.drills = DrillPage(lib)
        self.results = ResultsPage(lib)
        self.addTab(self.abtests, self.tr("A/B 测试"))
        self.addTab(self.cards, self.tr("闪卡"))
        self.addTab(self.walk, self.tr("流程走查"))
        self.addTab(self.quiz, self.tr("考核"))
        self.addTab(self.drills, self.tr("情景演练"))
        self.addTab(self.results, self.tr("考核成绩"))
        self.currentChanged.connect(self._refresh)
        if events is not None:
            events.changed.connect(self._library_changed)

    def _refresh(self, index: int) -> None:
        """Each page reads the library afresh when it is shown (tests, results and drills change elsewhere)."""
        page = self.widget(index)
        if page is self.abtests:
            self.abtests.refresh()
        elif page is self.results:
            self.results.refresh()
        elif page is self.drills and self.drills.drill is None:
            self.drills.reload()
        elif page is self.walk:
            self.walk.reload()

    def _library_changed(self, change: Change) -> None:
        if change.kind in ("entries", "shops") and self.currentWidget() is self.cards:
            self.cards.load()
        if change.kind in ("sops", "entries", "shops") and self.currentWidget() is self.walk:
            self.walk.reload()
