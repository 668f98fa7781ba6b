"""The settings dialog, built over the one registry (csdesk/gui/settings.py) plus library-level values.

The agent name and the team folder are library settings (``agent_name``, the core records it in logs;
``team_folder``, the core's team library reads it); the library home is saved in the user config file and takes
effect on the next start. A team folder that does not exist or cannot be read is refused and nothing is saved.
The 主管设置 box (the lock timeout, the copy check) is the registry's ``supervisor`` options: shown to everyone,
changeable only in supervisor mode (the box's 进入主管模式… button asks for the PIN).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.library import Library
from csdesk.core.paths import write_user_config
from csdesk.core.redlines import COPY_CHECK_SETTING
from csdesk.gui import hotkey
from csdesk.gui.errors import show_error
from csdesk.gui.settings import Settings
from csdesk.gui.teamlibrary import SETTING_FOLDER, folder_problem, version_text
from csdesk.gui.theme import follow_font

if TYPE_CHECKING:
    from csdesk.gui.manage.supervisor import SupervisorSession
    from csdesk.gui.teamlibrary import TeamSync


class SettingsDialog(QDialog):
    def __init__(
        self,
        lib: Library,
        settings: Settings,
        *,
        hotkey_active: bool = False,
        team: TeamSync | None = None,
        supervisor: SupervisorSession | None = None,
        unlock: Callable[[], SupervisorSession | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``supervisor``: the workbench's session when it is open (None: locked); ``unlock`` asks for the PIN and
        returns the unlocked session (None when cancelled or there is no workbench)."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(520)
        self._lib = lib
        self._settings = settings
        self._team = team
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.agent_name = QLineEdit(str(lib.setting("agent_name", "") or ""))
        self.agent_name.setObjectName("agentName")
        self.agent_name.setPlaceholderText(self.tr("回复里的 {客服名},也记在使用记录里"))
        form.addRow(self.tr("客服名"), self.agent_name)

        self.hotkey = QKeySequenceEdit(QKeySequence(str(settings.get("hotkey"))))
        self.hotkey.setObjectName("hotkeyEdit")
        self.hotkey.setMaximumSequenceLength(1)
        self.hotkey.setClearButtonEnabled(True)
        available, why = hotkey.support()
        note = QLabel(why)
        note.setWordWrap(True)
        _dim(note)
        if available and not hotkey_active and settings.get("hotkey"):
            note.setText(why + " " + self.tr("当前快捷键没能注册,可能被别的程序占用了,换一个试试。"))
        hotkey_box = QVBoxLayout()
        hotkey_box.addWidget(self.hotkey)
        hotkey_box.addWidget(note)
        form.addRow(Settings.label(settings.option("hotkey")), hotkey_box)

        self.choices: dict[str, QComboBox] = {}
        for key in ("language", "theme"):
            option = settings.option(key)
            combo = QComboBox()
            combo.setObjectName(f"{key}Combo")
            for value, label in option.choices:
                combo.addItem(_translate(label), value)
            combo.setCurrentIndex(max(0, combo.findData(settings.get(key))))
            self.choices[key] = combo
            if key == "language":  # the note belongs to the language, right under its combo
                self.language_note = QLabel(self.tr("界面语言在重启后生效。"))
                self.language_note.setObjectName("languageNote")
                _dim(self.language_note)
                language_box = QVBoxLayout()
                language_box.addWidget(combo)
                language_box.addWidget(self.language_note)
                form.addRow(Settings.label(option), language_box)
            else:
                form.addRow(Settings.label(option), combo)

        self.font_size = QSpinBox()
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(0, 24)
        self.font_size.setSpecialValueText(self.tr("默认"))
        self.font_size.setValue(int(settings.get("font_size")))
        form.addRow(Settings.label(settings.option("font_size")), self.font_size)

        self.checks: dict[str, QCheckBox] = {}
        for key in (
            "start_minimized",
            "close_to_tray",
            "always_on_top",
            "check_before_copy",
            "copy_assets_with_reply",
        ):
            box = QCheckBox(Settings.label(settings.option(key)))
            box.setObjectName(f"{key}Check")
            box.setChecked(bool(settings.get(key)))
            self.checks[key] = box
            form.addRow("", box)
        # a library setting (the core's log_copy / log_search read it), hence not in the registry above
        self.usage_logging = QCheckBox(self.tr("记录复制和搜索(主管的「数据」页统计用)"))
        self.usage_logging.setObjectName("usageLoggingCheck")
        self.usage_logging.setChecked(lib.setting("usage_logging", True) is not False)
        form.addRow("", self.usage_logging)

        self.home = QLineEdit(str(lib.home))
        self.home.setObjectName("homeEdit")
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        home_row = QHBoxLayout()
        home_row.addWidget(self.home, 1)
        home_row.addWidget(browse)
        home_box = QVBoxLayout()
        home_box.addLayout(home_row)
        home_note = QLabel(self.tr("换话术库文件夹后,需要重启 csdesk 才会生效。"))
        _dim(home_note)
        home_box.addWidget(home_note)
        form.addRow(self.tr("话术库位置"), home_box)

        self.team_folder = QLineEdit(str(lib.setting(SETTING_FOLDER, "") or ""))
        self.team_folder.setObjectName("teamFolderEdit")
        self.team_folder.setPlaceholderText(self.tr("共享盘上的文件夹,主管在这里发布团队话术库"))
        team_browse = QPushButton(self.tr("选择…"))
        team_browse.clicked.connect(self._browse_team)
        self.team_check = QPushButton(self.tr("立即检查"))
        self.team_check.setObjectName("teamCheckButton")
        self.team_check.setEnabled(team is not None)
        self.team_check.clicked.connect(self.check_team_now)
        team_row = QHBoxLayout()
        team_row.addWidget(self.team_folder, 1)
        team_row.addWidget(team_browse)
        team_row.addWidget(self.team_check)
        self.team_version = QLabel(version_text(lib))
        self.team_version.setObjectName("teamVersion")
        _dim(self.team_version)
        self.team_status = QLabel()
        self.team_status.setObjectName("teamStatus")
        self.team_status.setWordWrap(True)
        self.team_status.setVisible(False)
        team_box = QVBoxLayout()
        team_box.addLayout(team_row)
        team_box.addWidget(self.team_version)
        team_box.addWidget(self.team_status)
        form.addRow(self.tr("团队话术库文件夹"), team_box)
        if team is not None:
            team.checked.connect(self._team_checked)

        self._session: SupervisorSession | None = None
        self._unlock = unlock
        self.supervisor_box = self._build_supervisor_box()
        self._watch_session(supervisor)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.supervisor_box)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """Tall enough for the wrapped notes at the width it opens with (a form sizes them for one long line,
        which cut the hotkey note to a strip)."""
        super().showEvent(event)
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    # --- supervisor settings --------------------------------------------------------------------------------
    def _build_supervisor_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("主管设置"), self)
        box.setObjectName("supervisorBox")
        form = QFormLayout(box)
        self.idle_minutes = QSpinBox(box)
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(0, 480)
        self.idle_minutes.setSuffix(self.tr(" 分钟"))
        self.idle_minutes.setSpecialValueText(self.tr("从不自动锁定"))
        form.addRow(Settings.label(self._settings.option("supervisor_idle_minutes")), self.idle_minutes)
        self.copy_check = QCheckBox(Settings.label(self._settings.option(COPY_CHECK_SETTING)), box)
        self.copy_check.setObjectName("copyCheckRedLines")
        self.copy_check.setToolTip(
            self.tr("关掉后,客服复制含禁止词的回复时不再被拦下(仍会记录)。整个话术库生效。")
        )
        form.addRow("", self.copy_check)
        self.supervisor_note = QLabel(box)
        self.supervisor_note.setObjectName("supervisorNote")
        _dim(self.supervisor_note)
        self.unlock_button = QPushButton(self.tr("进入主管模式…"), box)
        self.unlock_button.setObjectName("supervisorUnlock")
        self.unlock_button.clicked.connect(lambda _checked=False: self._ask_unlock())
        note_row = QHBoxLayout()
        note_row.addWidget(self.supervisor_note, 1)
        note_row.addWidget(self.unlock_button)
        form.addRow(note_row)
        return box

    def _watch_session(self, session: SupervisorSession | None) -> None:
        if session is not None and session is not self._session:
            self._session = session
            session.changed.connect(self._session_changed)  # a bound slot: gone with the dialog
        self._supervisor_state()

    def _session_changed(self, _unlocked: bool) -> None:
        self._supervisor_state()

    def supervisor_unlocked(self) -> bool:
        return self._session is not None and self._session.is_unlocked

    def _supervisor_state(self) -> None:
        """Fields enabled in supervisor mode; locked, they show the saved values again (nothing half-changed)."""
        unlocked = self.supervisor_unlocked()
        if not unlocked:
            self.idle_minutes.setValue(int(self._settings.get("supervisor_idle_minutes")))
            self.copy_check.setChecked(bool(self._settings.library_get(self._lib, COPY_CHECK_SETTING)))
        self.idle_minutes.setEnabled(unlocked)
        self.copy_check.setEnabled(unlocked)
        self.supervisor_note.setText(
            self.tr("主管模式:可以修改。") if unlocked else self.tr("只有主管模式才能修改这些设置。")
        )
        self.unlock_button.setVisible(not unlocked and self._unlock is not None)

    def _ask_unlock(self) -> None:
        if self._unlock is not None:
            self._watch_session(self._unlock())

    def _apply_supervisor(self) -> None:
        """Save the supervisor fields, only while supervisor mode is on (locked meanwhile: nothing)."""
        if not self.supervisor_unlocked():
            return
        self._settings.set("supervisor_idle_minutes", self.idle_minutes.value())
        self._settings.library_set(self._lib, COPY_CHECK_SETTING, self.copy_check.isChecked())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择话术库文件夹"), self.home.text())
        if folder:
            self.home.setText(folder)

    def _browse_team(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择团队话术库文件夹"), self.team_folder.text()
        )
        if folder:
            self.team_folder.setText(folder)

    def _team_message(self, text: str, *, error: bool = False) -> None:
        self.team_status.setText(text)
        self.team_status.setStyleSheet("color: #b00020;" if error else "")
        self.team_status.setVisible(bool(text))

    def _valid_team_folder(self) -> bool:
        problem = folder_problem(self.team_folder.text())
        if problem:
            self._team_message(problem, error=True)
            self.team_folder.setFocus()
            return False
        return True

    def _save_team_folder(self) -> None:
        text = self.team_folder.text().strip()
        value = str(Path(text).expanduser()) if text else ""
        if value != str(self._lib.setting(SETTING_FOLDER, "") or ""):
            self._lib.set_setting(SETTING_FOLDER, value)

    def check_team_now(self) -> bool:
        """Save the team folder in the field (when it is usable) and check it now; the result shows below."""
        if self._team is None or not self._valid_team_folder():
            return False
        if not self.team_folder.text().strip():
            self._team_message(self.tr("请先填写团队话术库文件夹。"), error=True)
            return False
        self._save_team_folder()  # a changed folder starts a check by itself
        self._team.check_now()
        if self._team.busy:
            self._team_message(self.tr("正在检查…"))
        return True

    def _team_checked(self, text: str, ok: bool) -> None:
        self.team_version.setText(version_text(self._lib))
        self._team_message(text, error=not ok)

    def accept(self) -> None:
        if not self._valid_team_folder():
            return
        try:
            self.apply()
        except CsdeskError as exc:
            show_error(self, exc)
            return
        super().accept()

    def apply(self) -> None:
        settings = self._settings
        problem = folder_problem(self.team_folder.text())
        if problem:
            raise ValidationError(problem)  # before anything is saved
        self._save_team_folder()
        name = self.agent_name.text().strip()
        if name != str(self._lib.setting("agent_name", "") or ""):
            self._lib.set_setting("agent_name", name)
        settings.set("hotkey", self.hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText))
        for key, combo in self.choices.items():
            settings.set(key, combo.currentData())
        settings.set("font_size", self.font_size.value())
        for key, box in self.checks.items():
            settings.set(key, box.isChecked())
        if self.usage_logging.isChecked() != (self._lib.setting("usage_logging", True) is not False):
            self._lib.set_setting("usage_logging", self.usage_logging.isChecked())
        self._apply_supervisor()
        home = self.home.text().strip()
        if home and Path(home).expanduser() != Path(self._lib.home):
            write_user_config(home=str(Path(home).expanduser()))
        settings.sync()


def _dim(label: QLabel) -> None:
    """A note under a field: dimmed, a little smaller than the body text (follows the font size setting)."""
    label.setStyleSheet("color: palette(placeholder-text);")
    label.setWordWrap(True)
    follow_font(label, 0.9)


def _translate(text: str) -> str:
    return QCoreApplication.translate("Settings", text)
