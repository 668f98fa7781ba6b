"""The shared team library in the GUI: the agent's app follows the team folder; the supervisor publishes to it.

:class:`TeamSync` checks the folder set in the library setting ``team_folder`` at start and every five minutes, and
applies a newer version in a worker (``csdesk.team``: atomic import, personal entries kept). The models refresh
through the library's change listeners like after any other write. A damaged or half-copied bundle leaves the
library untouched; the next check tries again. :class:`PublishDialog` publishes the library (or some shops) as the
next team version.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk import team, teamupdate
from csdesk.core import redlines
from csdesk.core.library import Change, Library
from csdesk.core.models import Entry
from csdesk.formats.base import ImportReport
from csdesk.gui.errors import error_text, ui_language
from csdesk.gui.workers import Task, run_in_thread
from csdesk.gui.workspace.events import LibraryEvents

log = logging.getLogger(__name__)

SETTING_FOLDER = "team_folder"
CHECK_INTERVAL_MS = 5 * 60 * 1000
START_DELAY_MS = 1500
"""The first check waits a moment so the window opens (and a stale index starts rebuilding) first."""


def team_folder(lib: Library) -> Path | None:
    """The team folder set in the library, or None."""
    value = str(lib.setting(SETTING_FOLDER, "") or "").strip()
    return Path(value).expanduser() if value else None


def folder_problem(text: str) -> str:
    """Why ``text`` cannot be the team folder (in the UI language), or "" when it can (an empty text is fine: no
    team library)."""
    text = text.strip()
    if not text:
        return ""
    folder = Path(text).expanduser()
    if not folder.is_dir():
        return QCoreApplication.translate(
            "TeamLibrary", "文件夹「%1」不存在。请检查路径,或共享盘是否已连接。"
        ).replace("%1", str(folder))
    if not os.access(folder, os.R_OK | os.X_OK):
        return QCoreApplication.translate(
            "TeamLibrary", "文件夹「%1」无法读取。请检查共享盘的访问权限。"
        ).replace("%1", str(folder))
    return ""


def version_text(lib: Library) -> str:
    version = int(lib.setting(team.SETTING_VERSION, 0) or 0)
    if not version:
        return QCoreApplication.translate("TeamLibrary", "还没有应用过团队话术库。")
    return QCoreApplication.translate("TeamLibrary", "当前团队版本:第 %1 版").replace("%1", str(version))


def update_text(
    version: int,
    report: ImportReport | None = None,
    *,
    shown: int = 5,
    waiting: team.TeamUpdate | None = None,
) -> str:
    """The notice after an update: who published it and their note, what changed (added / changed / removed, by
    title), then what the agent must know (a team entry that came without its shortcut code because one of the
    agent's own entries has it, a row left alone)."""
    text = QCoreApplication.translate("TeamLibrary", "团队话术库已更新到第 %1 版").replace("%1", str(version))
    if waiting is not None and waiting.publisher:
        text += "\n" + QCoreApplication.translate("TeamLibrary", "发布人:%1").replace("%1", waiting.publisher)
    if waiting is not None and waiting.note:
        text += "\n" + QCoreApplication.translate("TeamLibrary", "说明:%1").replace("%1", waiting.note)
    if report is None:
        return text
    language = ui_language()
    for line in teamupdate.change_lines(report, language=language):
        text += "\n" + line
    notes = [p.localized(language) for p in report.warnings]
    notes += [
        f"{o.location(language)} 「{o.title}」: {o.localized_detail(language)}".strip()
        for o in report.conflicting
    ]
    if not notes:
        return text
    text += "\n" + QCoreApplication.translate("TeamLibrary", "有 %1 条需要注意:").replace(
        "%1", str(len(notes))
    )
    text += "\n" + "\n".join(notes[:shown])
    if len(notes) > shown:
        text += "\n" + QCoreApplication.translate("TeamLibrary", "……另有 %1 条").replace(
            "%1", str(len(notes) - shown)
        )
    return text


class TeamSync(QObject):
    """Follows the team folder: ``check_now()`` (also run by the timer) applies a newer version in a worker.

    ``updated(version, text)`` after a new version was applied; ``failed(text)`` when the check or the import
    failed (nothing changed); ``checked(text, ok)`` after every check, with a one-line result.
    """

    updated = Signal(int, str)
    failed = Signal(str)
    checked = Signal(str, bool)

    def __init__(self, lib: Library, events: LibraryEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._task: Task | None = None
        self._waiting: team.TeamUpdate | None = None
        self.clash_dialog: ClashDialog | None = None
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.check_now)
        events.changed.connect(self._library_changed)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def folder(self) -> Path | None:
        return team_folder(self.lib)

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """Start following the folder (when one is set): a first check after ``delay_ms``, then every 5 minutes."""
        if self._stopped:
            return
        if self.folder() is None:
            self.timer.stop()
            self._first.stop()
            return
        self.timer.start()
        self._first.start(delay_ms)

    def check_now(self) -> bool:
        """Check the folder and apply a newer version, in a worker; False when no folder is set or a check is
        still running (never two at once)."""
        folder = self.folder()
        if folder is None or self._task is not None or self._stopped:
            return False
        lib = self.lib
        replace_demo = self._ask_demo()

        def work(progress: Callable[[int, int], bool]) -> tuple[int, ImportReport | None]:
            waiting = team.check_for_update(lib, folder)
            if waiting is None:
                return 0, None
            self._waiting = waiting
            return team.apply_update_report(lib, folder, progress=progress, replace_demo=replace_demo)

        self._task = run_in_thread(work, self._done, self._failed, with_progress=True, owner=self)
        return True

    def _ask_demo(self) -> bool | None:
        """Before the first team update of a home that holds untouched demo content: ask once whether the team
        library replaces it (the answer is remembered by the update); None when there is nothing to ask."""
        count = teamupdate.demo_question(self.lib)
        if not count:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("TeamLibrary", "团队话术库"),
            QCoreApplication.translate(
                "TeamLibrary",
                "这台电脑的话术库里有 %1 条没改过的演示内容。用团队话术库替换它们吗?\n"
                "演示内容会移入回收站,可以恢复;你自己写的和改过的条目不受影响。",
            ).replace("%1", str(count)),
        )
        box.setObjectName("teamDemoQuestion")
        replace = box.addButton(
            QCoreApplication.translate("TeamLibrary", "替换演示内容"), QMessageBox.ButtonRole.AcceptRole
        )
        replace.setObjectName("replaceDemo")
        keep = box.addButton(
            QCoreApplication.translate("TeamLibrary", "保留"), QMessageBox.ButtonRole.RejectRole
        )
        keep.setObjectName("keepDemo")
        box.setDefaultButton(replace)
        box.exec()
        answer = box.clickedButton() is replace
        self.lib.set_setting(teamupdate.SETTING_DEMO, answer)  # asked once, even if nothing is published yet
        return answer

    def shutdown(self) -> None:
        self._stopped = True
        self.timer.stop()
        self._first.stop()
        if self._task is not None:
            self._task.cancel()

    def _done(self, result: object) -> None:
        self._task = None
        version, report = result if isinstance(result, tuple) else (result, None)
        if isinstance(version, int) and version > 0 and report is not None:
            text = update_text(version, report, waiting=self._waiting)
            if teamupdate.clashes(self.lib, pending_only=True):
                # the agent's own edited entries clash with team codes: show both, let them choose once
                self.clash_dialog = ClashDialog(self.lib)
                self.clash_dialog.show()
            log.info("team library updated to version %s", version)
            self.updated.emit(version, text)
            self.checked.emit(text, True)
        else:
            self.checked.emit(
                QCoreApplication.translate("TeamLibrary", "没有新版本。") + " " + version_text(self.lib), True
            )

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        text = error_text(exc)
        log.info("team library check failed: %s", exc)
        self.failed.emit(text)
        self.checked.emit(text, False)

    def _library_changed(self, change: Change) -> None:
        if change.kind == "settings" and SETTING_FOLDER in change.ids:
            self.start(0)


class PublishDialog(QDialog):
    """Publish the library, or some of its shops, as the next team version (supervisor mode)."""

    published = Signal(int)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle(self.tr("发布到团队库"))
        self.setMinimumWidth(480)
        self.lib = lib
        self.task: Task | None = None
        form = QFormLayout()
        self.shop_list = QListWidget()
        self.shop_list.setObjectName("publishShops")
        self.shop_list.setMaximumHeight(180)
        for shop in lib.shops.all():
            item = QListWidgetItem(shop.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.shop_list.addItem(item)
        form.addRow(self.tr("店铺"), self.shop_list)
        self.folder_edit = QLineEdit(str(lib.setting(SETTING_FOLDER, "") or ""))
        self.folder_edit.setObjectName("publishFolder")
        self.folder_edit.setPlaceholderText(self.tr("共享盘上的团队话术库文件夹"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("文件夹"), row)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("publishNote")
        self.note_edit.setPlaceholderText(self.tr("这一版改了什么(客服更新时会看到)"))
        form.addRow(self.tr("说明"), self.note_edit)
        note = QLabel(self.tr("个人条目不会发布。客服的 csdesk 会在 5 分钟内自动更新到新版本。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text); font-size: 9pt;")
        form.addRow("", note)
        self.red_lines = QPlainTextEdit()
        self.red_lines.setObjectName("publishRedLines")
        self.red_lines.setReadOnly(True)
        self.red_lines.setVisible(False)
        self.red_lines.setMaximumHeight(160)
        self._red_lines_confirmed: tuple[str, ...] | None = None
        """The findings the supervisor has seen: a second 发布 with the same ones publishes."""
        form.addRow("", self.red_lines)
        self.status_label = QLabel()
        self.status_label.setObjectName("publishStatus")
        self.status_label.setWordWrap(True)
        self.publish_button = QPushButton(self.tr("发布"))
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self.publish)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择团队话术库文件夹"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def selected_shops(self) -> list[str]:
        return [
            item.text()
            for item in (self.shop_list.item(i) for i in range(self.shop_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def publish(self) -> bool:
        """Publish in a worker; False when the form is incomplete or a publish is running."""
        if self.task is not None:
            return False
        names = self.selected_shops()
        text = self.folder_edit.text().strip()
        if not names:
            self.status_label.setText(self.tr("请至少选择一个店铺。"))
            return False
        if not text:
            self.status_label.setText(self.tr("请选择发布到的文件夹。"))
            return False
        folder = Path(text).expanduser()
        shops: Sequence[str] | None = None if len(names) == self.shop_list.count() else names
        lib = self.lib
        if not self._red_lines_seen(shops):
            return False
        change_note = self.note_edit.text()

        def work() -> int:
            # team.publish marks the version applied when it is the publisher's own folder (never imported back)
            return team.publish(lib, folder, shops=shops, note=change_note)

        self.status_label.setText(self.tr("正在发布…"))
        self.publish_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.task = run_in_thread(work, self._done, self._failed, owner=self)
        return True

    def _red_lines_seen(self, shops: Sequence[str] | None) -> bool:
        """List the red-line hits of what would be published, before anything is written; True once the
        supervisor has seen exactly these (the second click on 发布) or there are none."""
        findings = redlines.publish_findings(self.lib, shops)
        lines = tuple(f.line(ui_language()) for f in findings)
        if not lines or lines == self._red_lines_confirmed:
            return True
        self._red_lines_confirmed = lines
        self.red_lines.setPlainText("\n".join(lines))
        self.red_lines.setVisible(True)
        count = len({(f.title, f.shop, f.path) for f in findings})
        self.status_label.setText(
            self.tr("%1 条话术含红线词(见上)。确认无误请再点「发布」。").replace("%1", str(count))
        )
        self.publish_button.setText(self.tr("仍然发布"))
        return False

    def _done(self, version: object) -> None:
        self.task = None
        self.publish_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.status_label.setText(self.tr("已发布第 %1 版").replace("%1", str(version)))
        self.close_button.setFocus()
        if isinstance(version, int):
            self.published.emit(version)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.publish_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.status_label.setText(self.tr("发布失败:") + error_text(exc))

    def reject(self) -> None:
        if self.task is None:
            super().reject()


class ClashDialog(QDialog):
    """A team entry and the agent's own edited entry want the same shortcut code: the agent sees both replies and
    chooses once (remembered: later updates do not ask again)."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamClashDialog")
        self.setWindowTitle(self.tr("快捷编码冲突"))
        self.setMinimumWidth(560)
        self.lib = lib
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("团队话术库的条目和你自己改过的条目用了同一个快捷编码。选一次,以后的更新会记住。")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        for item in teamupdate.clashes(lib, pending_only=True):
            layout.addWidget(self._clash_box(item))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def _clash_box(self, item: dict[str, object]) -> QGroupBox:
        code, shop = str(item["code"]), str(item["shop"])
        box = QGroupBox(f"/{code}({shop})")
        form = QFormLayout(box)
        for key, label in (("mine", self.tr("你的")), ("team", self.tr("团队的"))):
            entry = _live_entry(self.lib, str(item[key]))
            text = QLabel(f"「{entry.title}」{entry.reply}" if entry else "")
            text.setWordWrap(True)
            form.addRow(label, text)
        row = QHBoxLayout()
        for choice, label in (("mine", self.tr("用我的")), ("team", self.tr("用团队的"))):
            button = QPushButton(label)
            button.setObjectName(f"choose_{choice}_{code}")
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(code, shop, c, box))
            self.buttons[(code, choice)] = button
            row.addWidget(button)
        form.addRow("", row)
        return box

    def _choose(self, code: str, shop: str, choice: str, box: QGroupBox) -> None:
        teamupdate.choose(self.lib, code, choice, shop=shop)
        box.setEnabled(False)
        box.setTitle(box.title() + " ✓")


def _live_entry(lib: Library, entry_id: str) -> Entry | None:
    from csdesk.core.errors import NotFoundError

    try:
        return lib.get(entry_id) if entry_id else None
    except NotFoundError:
        return None
