"""The supervisor's workbench: the "管理" page of the main window.

One frame hosts every management page (entries, categories, shops, trash here; assets, tags & customers, rules, SOPs
from ``*_page.py`` modules when they are present), one shared undo stack with 撤销/重做, and the supervisor lock.
Agents see everything read-only except their own personal entries; a PIN unlocks the rest until idle time locks it.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.library import Library
from csdesk.gui.library_watch import LibraryWatch
from csdesk.gui.manage.categories import CategoriesPage
from csdesk.gui.manage.commands import CommandRunner, LibraryRelay, set_edit_guard
from csdesk.gui.manage.entries_page import EntriesPage
from csdesk.gui.manage.history import HistoryDialog
from csdesk.gui.manage.shops import ShopsPage
from csdesk.gui.manage.supervisor import AgentNameDialog, PinDialog, SupervisorSession
from csdesk.gui.manage.trash import TrashPage
from csdesk.gui.settings import Settings

log = logging.getLogger(__name__)

OPTIONAL_PAGES: tuple[tuple[str, str, object], ...] = (
    ("csdesk.gui.manage.assets_page", "AssetsPage", QT_TRANSLATE_NOOP("ManageWorkbench", "素材")),
    ("csdesk.gui.manage.tags_page", "TagsPage", QT_TRANSLATE_NOOP("ManageWorkbench", "标签与客户")),
    ("csdesk.gui.manage.rules_page", "RulesPage", QT_TRANSLATE_NOOP("ManageWorkbench", "红线规则")),
    ("csdesk.gui.manage.sops_page", "SopsPage", QT_TRANSLATE_NOOP("ManageWorkbench", "流程与案例")),
    ("csdesk.gui.insight.page", "InsightPage", QT_TRANSLATE_NOOP("ManageWorkbench", "数据")),
)
"""Pages written separately; a module that is missing is simply not shown."""


def _cleanup(relay: LibraryRelay, session: SupervisorSession) -> Any:
    def run(*_args: object) -> None:
        relay.close()
        session.shutdown()

    return run


class ManageWorkbench(QWidget):
    """The management frame. ``ManageWorkbench(lib, settings)``; embed it as the main window's 管理 page."""

    def __init__(self, lib: Library, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.relay = LibraryRelay(lib, self)
        self.watch = LibraryWatch(
            lib, self
        )  # the CLI or a team update wrote: the open pages (and workspace) reload
        self.session = SupervisorSession(lib, settings, self)
        self.runner = CommandRunner(lib, self.undo_stack, self.relay, self, allowed=self._allowed)
        self.runner.permission_needed.connect(self._permission_needed)
        self.runner.before_edit = self.ensure_agent_name
        set_edit_guard(self.undo_stack, self._allowed)  # the pages' push_edit asks the same question
        self._idle_draft: dict[str, Any] | None = None
        self._asked_agent_name = False

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.mode_label = QLabel()
        self.undo_action = QAction(self.tr("撤销"), self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = QAction(self.tr("重做"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_action.triggered.connect(self.runner.undo)
        self.redo_action.triggered.connect(self.runner.redo)
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button = QToolButton()
        self.redo_button.setDefaultAction(self.redo_action)
        self.lock_button = QPushButton()
        self.pin_button = QPushButton(self.tr("修改 PIN…"))
        self.publish_action = QAction(self.tr("发布到团队库…"), self)
        self.publish_action.setToolTip(
            self.tr("把话术库发布到团队话术库文件夹,客服的 csdesk 会自动更新(主管模式)")
        )
        self.publish_action.triggered.connect(self.publish_to_team)
        self.publish_button = QToolButton()
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setDefaultAction(self.publish_action)
        bar.addWidget(self.mode_label, 1)
        bar.addWidget(self.publish_button)
        bar.addSpacing(12)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.redo_button)
        bar.addSpacing(12)
        bar.addWidget(self.pin_button)
        bar.addWidget(self.lock_button)
        layout.addLayout(bar)

        body = QHBoxLayout()
        self.nav = QListWidget()
        self.nav.setFixedWidth(112)
        self.nav.setSpacing(2)
        self.pages = QStackedWidget()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)

        self.entries_page = EntriesPage(lib, self.runner, self.session, self)
        self.categories_page = CategoriesPage(lib, self.runner, self)
        self.shops_page = ShopsPage(lib, self.runner, self)
        self.trash_page = TrashPage(lib, self.runner, self)
        self.extra_pages: dict[str, QWidget] = {}
        self._add_page(self.tr("条目"), self.entries_page)
        self._add_page(self.tr("分类"), self.categories_page)
        self._add_page(self.tr("店铺"), self.shops_page)
        for module_name, class_name, label in OPTIONAL_PAGES:
            page = self._optional_page(module_name, class_name)
            if page is not None:
                self.extra_pages[class_name] = page
                self._add_page(self.tr(str(label)), page)
        self._add_page(self.tr("回收站"), self.trash_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count()))
        self.nav.setFixedWidth(max(112, widest + 40))  # 标签与客户 / "Tags & customers" on one line

        self.lock_button.clicked.connect(self.toggle_lock)
        self.pin_button.clicked.connect(self.change_pin)
        self.session.changed.connect(self._mode_changed)
        self.session.idle_locking.connect(self._idle_locking)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_undo())
        self.undo_stack.cleanChanged.connect(lambda _c: self._update_undo())
        self.relay.changed.connect(self._library_changed)
        self.entries_page.editor.history_requested.connect(self.show_history)
        self.trash_page.history_requested.connect(self.show_history)
        self.destroyed.connect(_cleanup(self.relay, self.session))
        self._mode_changed(False)
        self._update_undo()

    def shutdown(self) -> None:
        """Stop timers and listening to the library (call before closing the library)."""
        self.entries_page.editor._live.stop()
        self.watch.stop()
        self.relay.close()
        self.session.shutdown()

    # pages
    def _add_page(self, label: str, page: QWidget) -> None:
        self.pages.addWidget(page)
        self.nav.addItem(label)

    def _optional_page(self, module_name: str, class_name: str) -> QWidget | None:
        try:
            module = importlib.import_module(module_name)
            page_class = getattr(module, class_name)
        except (ImportError, AttributeError):
            return None
        try:
            page = page_class(self.lib, self.undo_stack, self)
        except Exception:
            log.exception("could not open the %s page", class_name)
            return None
        return page if isinstance(page, QWidget) else None

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    # supervisor mode
    def _allowed(self, command: QUndoCommand) -> bool:
        return self.session.is_unlocked or not getattr(command, "supervisor", True)

    def _permission_needed(self) -> None:
        self.request_unlock()

    def request_unlock(self, reason: str = "") -> bool:
        mode = "unlock" if self.session.has_pin() else "set"
        dialog = PinDialog(self.session, mode, self, reason=reason)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self.ensure_agent_name()
        return accepted

    def request_supervisor(self, reason: str = "") -> bool:
        """True in supervisor mode, else after the PIN was entered (File → 导入… asks this first)."""
        return self.session.is_unlocked or self.request_unlock(reason)

    def request_import(self) -> bool:
        """Importing changes the library (the replace mode trashes entries): it needs supervisor mode."""
        return self.request_supervisor(
            self.tr("导入会修改话术库(「替换」还会把条目移入回收站),需要主管模式。")
        )

    def ensure_agent_name(self) -> None:
        """No name yet: ask once per session, so entries record who changed them (更新人).

        The answer is the editor name, not {客服名}: a supervisor unlocking on an agent's machine must not make that
        machine's replies greet customers as "主管-林"."""
        if self.lib.agent or self._asked_agent_name:
            return
        self._asked_agent_name = True
        name = AgentNameDialog.ask(self)
        if name:
            self.lib.set_setting("editor_name", name)

    def toggle_lock(self) -> None:
        if self.session.is_unlocked:
            self.lock()
        else:
            self.request_unlock()

    def lock(self) -> bool:
        """Lock by hand. Unsaved library edits in the editor are saved or discarded first; Cancel keeps it open."""
        editor = self.entries_page.editor
        if editor.has_library_draft() and not editor.maybe_save():
            return False  # Cancel, or the save was refused (the message says why): stay unlocked
        self.session.lock()
        return True

    def _idle_locking(self) -> None:
        """Idle time is up: nobody is there to answer a question, so the draft is put aside, not lost."""
        self._keep_draft()

    def _keep_draft(self) -> None:
        editor = self.entries_page.editor
        if self._idle_draft is None and editor.has_library_draft():
            self._idle_draft = editor.take_draft()

    def _offer_idle_draft(self) -> None:
        draft, self._idle_draft = self._idle_draft, None
        if draft is None:
            return
        title = draft["values"].get("title") or self.tr("新条目")
        answer = QMessageBox.question(
            self,
            self.tr("恢复未保存的修改?"),
            self.tr(
                "主管模式锁定时,条目「%1」有未保存的修改,已为你保留。要恢复到编辑器里继续修改吗?"
            ).replace("%1", title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.show_page(self.entries_page)
        if draft.get("entry_id"):
            self.entries_page.select_entry(str(draft["entry_id"]))
        if not self.entries_page.editor.restore_draft(draft):
            QMessageBox.information(
                self, self.tr("无法恢复"), self.tr("这个条目已经被删除,未保存的修改无法恢复。")
            )

    def change_pin(self) -> None:
        PinDialog(self.session, "change", self).exec()

    def publish_dialog(self) -> QDialog | None:
        """The dialog that publishes to the team library, or None outside supervisor mode."""
        if not self.session.is_unlocked:
            return None
        from csdesk.gui.teamlibrary import PublishDialog

        return PublishDialog(self.lib, self)

    def publish_to_team(self) -> None:
        dialog = self.publish_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    def _mode_changed(self, unlocked: bool) -> None:
        if not unlocked:
            self._keep_draft()  # locked some other way (idle, another window): the editor is about to turn read-only
        if unlocked:
            self.mode_label.setText(self.tr("主管模式:可以修改话术库。空闲一段时间后自动锁定。"))
            self.lock_button.setText(self.tr("锁定"))
        elif self._idle_draft is not None:
            self.mode_label.setText(self.tr("已锁定:未保存的条目修改已保留,进入主管模式后可以恢复。"))
        else:
            self.mode_label.setText(self.tr("只读:修改话术库需要进入主管模式。个人条目可以随时新建和修改。"))
            self.lock_button.setText(
                self.tr("进入主管模式…") if self.session.has_pin() else self.tr("设置主管 PIN…")
            )
        self.pin_button.setVisible(unlocked)
        self.publish_action.setEnabled(unlocked)
        self.entries_page.apply_permissions()
        for page in (self.categories_page, self.shops_page, self.trash_page, *self.extra_pages.values()):
            setter = getattr(page, "set_editable", None)
            if setter is not None:
                setter(unlocked)
        if unlocked and self._idle_draft is not None:
            QTimer.singleShot(0, self._offer_idle_draft)  # after the PIN dialog has closed

    # undo / redo
    def _update_undo(self) -> None:
        if not shiboken6.isValid(self.undo_stack) or not shiboken6.isValid(self.undo_action):
            return  # the stack clears itself while the workbench is destroyed
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        undo_text, redo_text = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setToolTip(
            self.tr("撤销:%1 (Ctrl+Z)").replace("%1", undo_text) if undo_text else self.tr("撤销 (Ctrl+Z)")
        )
        self.redo_action.setToolTip(
            self.tr("重做:%1 (Ctrl+Shift+Z)").replace("%1", redo_text)
            if redo_text
            else self.tr("重做 (Ctrl+Shift+Z)")
        )

    # history
    def show_history(self, entry_id: str) -> None:
        try:
            entry = self.lib.get(entry_id)
        except Exception as exc:
            from csdesk.gui.errors import show_error

            show_error(self, exc)
            return
        dialog = HistoryDialog(
            self.lib, self.runner, entry_id, can_restore=self.entries_page.can_edit(entry), parent=self
        )
        dialog.exec()

    # library changes
    def _library_changed(self, kind: str, ids: tuple[str, ...]) -> None:
        if kind == "entries":
            self.entries_page.entries_changed(ids)
            self.trash_page.reload()
            self.categories_page.model.reload()
            self.categories_page.view.expandAll()
            self.shops_page.reload()
        elif kind in ("categories", "shops"):
            self.entries_page.structure_changed()
            self.categories_page.reload_shops() if kind == "shops" else self.categories_page.reload()
            self.shops_page.reload()
            self.trash_page.reload()
        elif kind == "tags":
            # renamed tags: the rows were refreshed through "entries"; the editor's tag list and lists follow
            self.entries_page.editor.tags_changed()
        elif kind == "rules":
            self.entries_page.editor.rules_changed()
        elif kind == "usage":
            self.entries_page.model.refresh_usage(ids)
        elif kind == "settings" and "supervisor_pin" in ids and not self.session.is_unlocked:
            self._mode_changed(False)
