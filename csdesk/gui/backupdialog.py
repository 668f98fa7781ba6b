"""Backups in the GUI: the restore dialog (File → 备份与恢复…, supervisor mode) and the automatic backups of a running
app (one at start when the library changed since the newest backup, then at an interval while it keeps changing).

The work is :class:`csdesk.core.backups.Backups`; this module only shows it and runs it off the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.assetstore import human_size
from csdesk.core.backups import DEFAULT_INTERVAL_S, Backup, Backups
from csdesk.core.library import Library
from csdesk.gui.errors import show_error, ui_language
from csdesk.gui.workers import run_in_thread

log = logging.getLogger(__name__)

START_DELAY_MS = 5000
"""The start-up backup waits until the window is up and a stale index has started rebuilding."""


def menu_text() -> str:
    """The File menu entry that opens :class:`BackupDialog`."""
    return QCoreApplication.translate("BackupDialog", "备份与恢复…")


def supervisor_reason() -> str:
    """Why the PIN is asked before the dialog opens."""
    return QCoreApplication.translate("BackupDialog", "恢复备份会替换整个话术库,需要主管模式。")


class BackupScheduler(QObject):
    """Automatic backups while the app runs: ``start`` once shortly after opening, ``interval`` every
    ``interval_s`` seconds; each only when the library changed since the newest backup (see Backups.auto)."""

    def __init__(
        self, lib: Library, parent: QObject | None = None, *, interval_s: int = DEFAULT_INTERVAL_S
    ) -> None:
        super().__init__(parent)
        self._lib = lib
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_s * 1000)
        self.timer.timeout.connect(lambda: self.run("interval"))
        QTimer.singleShot(START_DELAY_MS, self, lambda: self.run("start"))
        self.timer.start()

    def run(self, kind: str) -> None:
        if self._busy:
            return
        self._busy = True
        run_in_thread(lambda: Backups(self._lib).auto(kind), self._done, self._failed, owner=self)

    def _done(self, _backup: object) -> None:
        self._busy = False

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("automatic backup failed: %s", exc)


class BackupDialog(QDialog):
    """The library's backups, newest first: back up now, or restore the selected one (undoable)."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.store = Backups(lib)
        self.setWindowTitle(self.tr("备份与恢复"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "csdesk 在启动时、使用中定时、导入和团队更新前自动备份话术库(数据库和素材文件)。"
                "恢复前会先备份当前状态,恢复后可以再恢复那份「恢复前」的备份来撤销。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("类型"), self.tr("大小")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.create_button = QPushButton(self.tr("立即备份"))
        self.create_button.clicked.connect(lambda: self._create())
        self.restore_button = QPushButton(self.tr("恢复所选备份…"))
        self.restore_button.clicked.connect(lambda: self._restore())
        row.addWidget(self.create_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.backups: list[Backup] = []
        self.reload()

    def reload(self) -> None:
        language = ui_language()
        self.backups = self.store.list()
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            for column, text in enumerate(
                (f"{backup.created:%Y-%m-%d %H:%M:%S}", backup.label(language), human_size(backup.size))
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(backup.id)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected(self) -> Backup | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.backups[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and self.create_button.isEnabled())

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.create_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)
        self.status.setText(text)

    def _create(self) -> None:
        self._set_busy(True, self.tr("正在备份……"))
        run_in_thread(lambda: self.store.create("manual"), self._created, self._failed, owner=self)

    def _created(self, backup: object) -> None:
        self.reload()
        self._set_busy(False, self.tr("已备份。"))

    def _restore(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("恢复备份"),
            self.tr("把话术库恢复到 %1 的状态?\n当前状态会先备份(可以撤销)。").replace(
                "%1", f"{backup.created:%Y-%m-%d %H:%M:%S}"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._set_busy(True, self.tr("正在恢复……"))
        run_in_thread(lambda: self.store.restore(backup.id), self._restored, self._failed, owner=self)

    def _restored(self, result: object) -> None:
        self.reload()
        self._set_busy(False, self.tr("已恢复。要撤销,请恢复最新的「恢复前」备份。"))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, exc)
