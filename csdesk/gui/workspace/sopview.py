"""The SOP view (流程): pick a scenario, follow its steps in order, copy each step's reply with the same keys.

Enter copies the selected step's reply, Ctrl+1…Ctrl+9 the n-th step's, from the step list and from the scenario
list alike; Up/Down move within a list, Right/Left go from the scenarios to the steps and back. Showing the tab puts
the focus on the steps. The scenarios are the current shop's: switching the shop (or showing the tab) reloads them.
They are first loaded when the tab is first shown, not at start-up: the first scenario's first step renders a reply
through the red-line checker, which the app's first view does not need yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QListView, QSplitter, QVBoxLayout, QWidget

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Change, Library
from csdesk.core.models import Entry, Sop, SopStep
from csdesk.gui.errors import error_text
from csdesk.gui.theme import follow_font
from csdesk.gui.workspace.copier import Copier, CopyRequest
from csdesk.gui.workspace.delegate import ResultDelegate
from csdesk.gui.workspace.events import LibraryEvents
from csdesk.gui.workspace.models import SopListModel, SopStepModel
from csdesk.gui.workspace.preview import PreviewPane
from csdesk.gui.workspace.steplinks import step_links

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class StepList(QListView):
    copy_requested = Signal(int)
    """1-based step number, or 0 for the selected step."""
    side_requested = Signal(int)
    """-1: Left (to the scenario list), +1: Right (to the steps)."""

    def event(self, event: QEvent) -> bool:
        # Ctrl+digit is ours even where a shortcut elsewhere would claim it
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._copy_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _copy_key(event: QKeyEvent) -> int | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
            return 0
        if mods == Qt.KeyboardModifier.ControlModifier and event.key() in _DIGITS:
            return _DIGITS[Qt.Key(event.key())]
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        n = self._copy_key(event)
        if n is not None:
            self.copy_requested.emit(n)
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not event.modifiers():
            self.side_requested.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)


class SopView(QWidget):
    def __init__(
        self,
        lib: Library,
        copier: Copier,
        events: LibraryEvents,
        *,
        shop: Callable[[], str | None] = lambda: None,
        customer: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sopView")
        self._lib = lib
        self._copier = copier
        self._shop = shop
        self._customer = customer
        self.sop_model = SopListModel(self)
        self.sop_list = StepList()  # the same keys: Enter / Ctrl+n copy the steps of the selected scenario
        self.sop_list.setObjectName("sopList")
        self.sop_list.setModel(self.sop_model)
        self.sop_list.setStyleSheet("QListView::item { padding: 6px; }")
        follow_font(self.sop_list, 1.1)
        self.step_model = SopStepModel(self)
        self.steps = StepList()
        self.steps.setObjectName("sopSteps")
        self.steps.setModel(self.step_model)
        self.steps.setItemDelegate(ResultDelegate(self.steps))
        self.steps.setFrameShape(QFrame.Shape.StyledPanel)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)  # may show library text
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: palette(placeholder-text);")
        self.preview = PreviewPane(lib)
        self.preview.hide_hint()  # the step list has its own key hint

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("处理流程"))
        title.setStyleSheet("font-weight: bold;")
        left_layout.addWidget(title)
        left_layout.addWidget(self.sop_list, 1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.description)
        middle_layout.addWidget(self.steps, 1)
        hint = QLabel(self.tr("↑↓ 选步骤 · Enter 复制这一步的话术 · Ctrl+1…9 复制第几步 · ←→ 流程 / 步骤"))
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        follow_font(hint, 0.9)
        middle_layout.addWidget(hint)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(middle)
        split.addWidget(self.preview)
        split.setSizes([200, 520, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(split)

        self.sop_list.selectionModel().currentChanged.connect(self._sop_changed)
        self.steps.selectionModel().currentChanged.connect(self._step_changed)
        self.steps.copy_requested.connect(self.copy_step)
        self.preview.link_activated.connect(self._link_activated)
        self.sop_list.copy_requested.connect(self.copy_step)
        self.steps.side_requested.connect(lambda d: self.sop_list.setFocus() if d < 0 else None)
        self.sop_list.side_requested.connect(lambda d: self.focus_steps() if d > 0 else None)
        self.sop_list.clicked.connect(lambda _index: self.focus_steps())
        self._shown_shop: str | None = None
        self._loaded = False
        self.steps.doubleClicked.connect(lambda index: self.copy_step(index.row() + 1))
        events.changed.connect(self._library_changed)

    def focus_steps(self) -> None:
        self.steps.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.steps.currentIndex().isValid() and self.step_model.rowCount():
            self.steps.setCurrentIndex(self.step_model.index(0, 0))

    def set_shop(self, shop: str | None) -> None:
        """The workspace's shop changed: its scenarios now (at once when visible, else when the tab is shown)."""
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded or self._shop() != self._shown_shop:
            self.reload()
        QTimer.singleShot(0, self.focus_steps)

    def reload(self) -> None:
        self._loaded = True
        self._shown_shop = self._shop()
        current = self.current_sop()
        try:
            sops = self._lib.sops.all(shop=self._shop())
        except CsdeskError:
            sops = self._lib.sops.all()
        self.sop_model.set_sops(sops)
        row = next((i for i, s in enumerate(sops) if current and s.id == current.id), 0)
        if sops:
            self.sop_list.setCurrentIndex(self.sop_model.index(row, 0))
        else:
            self.step_model.set_steps([])
            self.preview.clear(self.tr("这个店铺还没有处理流程。主管可以在「管理」里添加。"))

    def current_sop(self) -> Sop | None:
        index = self.sop_list.currentIndex()
        return self.sop_model.sop(index.row()) if index.isValid() else None

    def select_sop(self, row: int) -> None:
        self.sop_list.setCurrentIndex(self.sop_model.index(row, 0))

    def _sop_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        sop = self.sop_model.sop(current.row())
        if sop is None:
            return
        self.description.setText(sop.description)
        ids = [s.entry_id for s in sop.steps if s.entry_id]
        entries = {e.id: e for e in self._lib.get_many(ids)}
        self.step_model.set_steps([(s, entries.get(s.entry_id) if s.entry_id else None) for s in sop.steps])
        if sop.steps:
            self.steps.selectionModel().setCurrentIndex(
                self.step_model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _step_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        step = self.step_model.step(current.row())
        if step is None:
            return
        instruction, entry = step
        if entry is None:
            self._show_step_links(instruction)
            return
        try:
            result = self._copier.render(self._request(entry))
        except CsdeskError as exc:
            self.preview.clear(error_text(exc))
            return
        self.preview.show_entry(entry, None, result)

    def _show_step_links(self, step: SopStep) -> None:
        """A step without a script: its instruction, and links to the SOPs and entries it names."""
        links = step_links(self._lib, step.instruction, shop=self._shop(), current=step.sop_id)
        items = [(f"sop:{sop.id}", self.tr("流程「%1」").replace("%1", sop.name)) for sop in links.sops]
        items += [
            (
                f"entry:{entry.id}",
                self.tr("话术「%1」").replace("%1", entry.title) + (f" /{entry.code}" if entry.code else ""),
            )
            for entry in links.entries
        ]
        self.preview.show_message(step.instruction, items)

    def _link_activated(self, href: str) -> None:
        """A SOP link selects that SOP (its first step); an entry link shows the entry in the preview."""
        kind, _, key = href.partition(":")
        if kind == "sop":
            row = next((i for i, s in enumerate(self.sop_model.items()) if str(s.id) == key), -1)
            if row >= 0:
                self.select_sop(row)
                self.focus_steps()
        elif kind == "entry":
            entries = self._lib.get_many([key])
            if entries:
                try:
                    result = self._copier.render(self._request(entries[0]))
                except CsdeskError as exc:
                    self.preview.clear(error_text(exc))
                    return
                self.preview.show_entry(entries[0], None, result)

    def _request(self, entry: Entry) -> CopyRequest:
        return CopyRequest(entry, shop=self._shop(), customer=self._customer(), query="")

    def copy_step(self, n: int) -> bool:
        row = self.steps.currentIndex().row() if n == 0 else n - 1
        step = self.step_model.step(row)
        if step is None:
            return False
        self.steps.selectionModel().setCurrentIndex(
            self.step_model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        sop_step: SopStep = step[0]
        entry = step[1]
        if entry is None:
            return False
        request = self._request(entry)
        sop = self.current_sop()
        request.query = f"SOP:{sop.name if sop else sop_step.sop_id}"
        done = self._copier.copy(request, parent=self.window(), anchor=self)
        if done and row + 1 < self.step_model.rowCount():
            self.steps.selectionModel().setCurrentIndex(
                self.step_model.index(row + 1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        return done

    def _library_changed(self, change: Change) -> None:
        if self._loaded and change.kind in ("sops", "entries", "shops", "all"):
            self.reload()
