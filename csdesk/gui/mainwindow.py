"""The main window: 工作台 (workspace), 流程 SOP, 管理 (supervisor workbench, when installed), menus, status bar.

It owns what lives as long as the app: the copier (one copy flow for every page), the palette, the global hotkey,
the tray icon, and the background index rebuild with its progress bar.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from csdesk.core.library import Change, Library
from csdesk.core.resources import resource_path
from csdesk.gui.errors import show_error
from csdesk.gui.hotkey import GlobalHotkey
from csdesk.gui.settings import Settings
from csdesk.gui.teamlibrary import TeamSync
from csdesk.gui.tray import Tray
from csdesk.gui.workers import Task, run_in_thread
from csdesk.gui.workspace.copier import Copier
from csdesk.gui.workspace.events import LibraryEvents
from csdesk.gui.workspace.palette import Palette
from csdesk.gui.workspace.sopview import SopView
from csdesk.gui.workspace.toast import Toast
from csdesk.gui.workspace.windowing import bring_to_front
from csdesk.gui.workspace.workspace import Workspace

log = logging.getLogger(__name__)

COMPACT_WIDTH = 480


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons/csdesk.svg")))


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that resizes it: it fills the tab when there is room, scrolls when not."""
    area = QScrollArea()
    area.setObjectName(f"{page.objectName() or 'page'}Scroll")
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def _optional(module: str, name: str) -> Any:
    """A class from a module a colleague ships separately, or None when it is not installed (yet)."""
    try:
        imported = __import__(module, fromlist=[name])
    except ImportError:
        log.info("%s is not available", module)
        return None
    return getattr(imported, name, None)


class MainWindow(QMainWindow):
    def __init__(self, lib: Library, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.settings = settings
        self._quitting = False
        self._shut_down = False
        self._index_task: Task | None = None
        self._normal_geometry: QByteArray | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("csdesk 客服话术"))
        self.setWindowIcon(app_icon())
        self.resize(1280, 800)

        self.events = LibraryEvents(lib, self)
        self.copier = Copier(lib, settings, self)
        self.workspace = Workspace(lib, settings, self.copier, self.events)
        self.sop_view = SopView(
            lib,
            self.copier,
            self.events,
            shop=lambda: self.workspace.shop,
            customer=lambda: self.workspace.nickname,
        )
        self.workspace.shop_changed.connect(self.sop_view.set_shop)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pages")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.workspace, self.tr("工作台"))
        self.tabs.addTab(self.sop_view, self.tr("流程 SOP"))
        # The workbench is built when its tab is first opened (or ``manage`` is first asked for): building it took
        # two thirds of the main window's start-up, and an agent may never open it.
        self._manage: QWidget | None = None
        self._manage_state = "absent"  # absent | pending | built | failed
        self._manage_area: QScrollArea | None = None
        if importlib.util.find_spec("csdesk.gui.manage.workbench") is not None:
            placeholder = QLabel(self.tr("正在打开管理页…"))
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # scrolled: the workbench's wide editors must not set the minimum width of the whole window
            # (the side-panel mode is 480 px wide, a big font needs room) — a tab's minimum is the window's
            self._manage_area = scrolling(placeholder)
            self._manage_area.setObjectName("manageScroll")
            self.tabs.addTab(self._manage_area, self.tr("管理"))
            self._manage_state = "pending"
        coaching = _optional("csdesk.gui.coaching.page", "CoachingPage")  # A/B tests and training (issue 16)
        self.coaching = coaching(lib, self.events) if coaching is not None else None
        if self.coaching is not None:
            self.tabs.addTab(scrolling(self.coaching), self.coaching.windowTitle())  # scrolled, as 管理
        self.tabs.currentChanged.connect(self._page_changed)
        self.setCentralWidget(self.tabs)
        for number in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Alt+{number + 1}"), self)
            shortcut.activated.connect(lambda n=number: self.tabs.setCurrentIndex(n))

        self.palette_window = Palette(
            lib,
            self.copier,
            shop=lambda: self.workspace.shop,
            customer=lambda: (self.workspace.nickname, self.workspace.controller.customer_tags),
            events=self.events,
            parent=self,
        )
        self.workspace.shop_changed.connect(self.palette_window.follow_shop)
        self._build_menus()
        self._build_status_bar()

        self.hotkey = GlobalHotkey(self)
        self.hotkey.activated.connect(self.palette_window.toggle)
        self.tray = Tray(app_icon(), self)
        self.tray.show_requested.connect(self.bring_forward)
        self.tray.palette_requested.connect(self.palette_window.summon)
        self.tray.on_top_toggled.connect(lambda on: self.settings.set("always_on_top", on))
        self.tray.quit_requested.connect(self.quit)
        self.settings.changed.connect(self._setting_changed)
        self.events.changed.connect(self._library_changed)
        self.workspace.status_message.connect(lambda text: self.statusBar().showMessage(text, 3000))

        self.team = TeamSync(lib, self.events, self)
        self.team_toast: Toast | None = None
        self.team.updated.connect(self._team_updated)
        self.team.failed.connect(self._team_failed)
        self.team.checked.connect(self._team_checked)
        self.team.start()

        self.register_hotkey()
        self.apply_quit_policy()
        geometry = settings.get("window_geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        self.fit_to_screen()
        if settings.get("always_on_top"):
            self.set_always_on_top(True)

    # -- building ------------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        wizard = _optional("csdesk.gui.importwizard", "ImportWizard")
        export = _optional("csdesk.gui.importwizard", "ExportDialog")
        self.import_action: QAction | None = None
        self.export_action: QAction | None = None
        if wizard is not None:
            self.import_action = file_menu.addAction(self.tr("导入…"), lambda: self._run_import(wizard))
        if export is not None:
            self.export_action = file_menu.addAction(self.tr("导出…"), lambda: self._run_dialog(export))
        if wizard is not None or export is not None:
            file_menu.addSeparator()
        from csdesk.gui.backupdialog import menu_text

        self.backup_action = file_menu.addAction(menu_text(), self.open_backups)
        self.settings_action = file_menu.addAction(self.tr("设置…"), self.open_settings)
        # StandardKey.Preferences is empty on Linux and Windows: Ctrl+, there too
        preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        comma = QKeySequence("Ctrl+,")
        self.settings_action.setShortcuts([*preferences, *([] if comma in preferences else [comma])])
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("退出"), self.quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        self.palette_action = view_menu.addAction(
            self.tr("快速搜索浮窗"), lambda: self.palette_window.summon()
        )
        self.palette_action.setShortcut(QKeySequence("Ctrl+K"))
        self.on_top_action = view_menu.addAction(self.tr("窗口置顶(侧边栏模式)"))
        self.on_top_action.setCheckable(True)
        self.on_top_action.setChecked(bool(self.settings.get("always_on_top")))
        self.on_top_action.toggled.connect(lambda on: self.settings.set("always_on_top", on))
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(self._focus_search)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.home_label = QLabel(self.tr("话术库:%1").replace("%1", str(self.lib.home)))
        self.home_label.setObjectName("homeLabel")
        self.home_label.setToolTip(str(self.lib.home))
        # a long path is cut off rather than widening the window (the side panel is narrow)
        self.home_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("indexProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("正在建立搜索索引 %p%"))
        self.progress.setVisible(False)
        self.team_label = QLabel()
        self.team_label.setObjectName("teamWarning")
        self.team_label.setStyleSheet("color: #b35c00;")
        self.team_label.setVisible(False)
        bar.addWidget(self.home_label, 1)
        bar.addPermanentWidget(self.team_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.count_label)
        # the side panel folds the status bar away (at font 16 its line is what a 768 px screen lacks): it comes
        # back while the index is built or the team library warns, and messages show as a toast meanwhile
        self.progress.installEventFilter(self)
        self.team_label.installEventFilter(self)
        bar.messageChanged.connect(self._panel_message)
        self._panel_toast: Toast | None = None
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 %1 条话术").replace("%1", str(self.lib.entries.count())))

    # -- actions -------------------------------------------------------------------------------------------
    def _run_import(self, cls: Any) -> None:
        """An import changes the library (replace mode trashes entries): supervisor mode first, when the workbench
        is there to ask for the PIN (a build without it has no supervisor mode)."""
        gate = getattr(self.manage, "request_import", None)
        if gate is not None and not gate():
            return
        self._run_dialog(cls)

    def _run_dialog(self, cls: Any) -> None:
        try:
            cls(self.lib, self).exec()
        except Exception as exc:
            show_error(self, exc)

    def open_backups(self) -> None:
        """The restore dialog (csdesk/gui/backupdialog.py): restoring changes the whole library, so supervisor
        mode first when the workbench is there to ask for the PIN."""
        from csdesk.gui.backupdialog import BackupDialog, supervisor_reason

        gate = getattr(self.manage, "request_supervisor", None)
        if gate is not None and not gate(supervisor_reason()):
            return
        self._run_dialog(BackupDialog)

    def open_settings(self) -> None:
        from csdesk.gui.settingsdialog import SettingsDialog

        dialog = SettingsDialog(
            self.lib, self.settings, hotkey_active=self.hotkey.active, team=self.team, parent=self
        )
        dialog.exec()
        dialog.deleteLater()

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.workspace)
        self.workspace.focus_search()

    @property
    def manage(self) -> QWidget | None:
        """The supervisor workbench (built on first use), or None when it is not installed or failed to open."""
        if self._manage_state == "pending":
            self._build_manage()
        return self._manage

    def _build_manage(self) -> None:
        self._manage_state = "failed"
        workbench = _optional("csdesk.gui.manage.workbench", "ManageWorkbench")
        if workbench is None or self._manage_area is None:
            return
        try:
            self._manage = workbench(self.lib, self.settings, self)
        except Exception:  # a colleague's page must not stop the agent's workspace from working
            log.exception("the manage workbench failed to open")
            self._manage = None
            failed = QLabel(self.tr("管理页打开失败,详情见日志。"))
            failed.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._manage_area.setWidget(failed)
            return
        self._manage_state = "built"
        self._manage_area.setWidget(self._manage)

    def _page_changed(self, index: int) -> None:
        if self._manage_area is not None and self.tabs.widget(index) is self._manage_area:
            _ = self.manage  # built now, on first opening
        if self.tabs.widget(index) is self.workspace:
            QTimer.singleShot(0, self.workspace.focus_search)
        elif self.tabs.widget(index) is self.sop_view:
            QTimer.singleShot(0, self.sop_view.focus_steps)

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        bring_to_front(self)
        self._focus_search()

    def handle_message(self, message: str) -> None:
        """A message from a second start or ``csdesk --toggle`` (see single_instance)."""
        if message == "toggle":
            self.palette_window.toggle()
        elif message == "palette":
            self.palette_window.summon()
        else:
            self.bring_forward()

    def register_hotkey(self) -> bool:
        sequence = str(self.settings.get("hotkey") or "")
        if not sequence:
            self.hotkey.unregister()
            return False
        ok = self.hotkey.register(sequence)
        if not ok:
            log.info("global hotkey %s not registered", sequence)
        return ok

    def set_always_on_top(self, on: bool) -> None:
        """Always on top, as a slim side panel at the right edge of the screen."""
        was_visible = self.isVisible()
        if on and self._normal_geometry is None:
            self._normal_geometry = self.saveGeometry()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        self.workspace.set_compact(on)
        self.home_label.setVisible(not on)  # the library path is the widest thing in the status bar
        self._fit_status_bar(on)
        if on:
            # the one-column layout's smaller minimum must be known before the panel's geometry is set, or the
            # two-column minimum (wider, taller) clamps it
            self._place_side_panel()
            QTimer.singleShot(0, self, lambda: self._place_side_panel() if self._normal_geometry else None)
        elif self._normal_geometry is not None:
            self.setMinimumSize(0, 0)  # the layout's own minimum again
            self.restoreGeometry(self._normal_geometry)
            self._normal_geometry = None
        self.fit_to_screen()
        if self.on_top_action.isChecked() != on:
            self.on_top_action.setChecked(on)
        self.tray.on_top_action.blockSignals(True)
        self.tray.on_top_action.setChecked(on)
        self.tray.on_top_action.blockSignals(False)
        if was_visible:
            self.show()

    def _fit_status_bar(self, compact: bool | None = None) -> None:
        """Side panel: the status bar only while it shows index progress or a team warning."""
        if compact is None:
            compact = self.workspace.compact
        bar = self.statusBar()
        needed = self.progress.isVisibleTo(bar) or self.team_label.isVisibleTo(bar)
        bar.setVisible(not compact or needed)

    def _panel_message(self, text: str) -> None:
        if text and self.workspace.compact and not self.statusBar().isVisible() and self.isVisible():
            if self._panel_toast is None:
                self._panel_toast = Toast(self)
            self._panel_toast.show_message(text, anchor=self.workspace.search)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.workspace.compact and self.isVisible():
            QTimer.singleShot(0, self, self._keep_panel_whole)
        return handled

    def _keep_panel_whole(self) -> None:
        """Side panel: when what is shown needs more height (an entry with pictures and a video), the window grows
        to it (within the screen) instead of letting the preview's rows overlap."""
        need = self.minimumSizeHint().height()
        if self.workspace.compact and self.height() < need:
            self.resize(self.width(), need)
            self.fit_to_screen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.progress, self.team_label) and event.type() in (
            QEvent.Type.ShowToParent,
            QEvent.Type.HideToParent,
        ):
            QTimer.singleShot(0, self, self._fit_status_bar)
        return super().eventFilter(watched, event)

    def _place_side_panel(self) -> None:
        # the one-column layout's smaller minimum must be in force before the panel's geometry is set: the window
        # kept the two-column minimum (wider) on xcb and clamped the panel to it
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.setMinimumSize(layout.totalMinimumSize())
        area = self._screen_area()
        width = min(COMPACT_WIDTH, area.width())
        # the whole height but a title bar: at font 16 the panel needs it
        height = max(200, area.height() - 40)
        self.setGeometry(
            area.right() + 1 - width, area.top() + min(32, area.height() - height), width, height
        )
        # then the layout's own minimum again: it follows what is shown (an entry with pictures and a video needs
        # more than one without), where a fixed minimum let the preview's rows overlap
        self.setMinimumSize(0, 0)
        self.fit_to_screen()

    def _screen_area(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def fit_to_screen(self) -> None:
        """Keep the window, frame included, inside the screen's available area (a restored geometry, the side
        panel, big fonts); the window's minimum size allows it, the pages scroll or wrap instead."""
        area = self._screen_area()
        geometry, frame = self.geometry(), self.frameGeometry()
        left, top = geometry.x() - frame.x(), geometry.y() - frame.y()
        extra_w, extra_h = frame.width() - geometry.width(), frame.height() - geometry.height()
        width = max(1, min(geometry.width(), area.width() - extra_w))
        height = max(1, min(geometry.height(), area.height() - extra_h))
        x = min(max(frame.x(), area.left()), area.right() + 1 - width - extra_w) + left
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - height - extra_h) + top
        if (x, y, width, height) != (geometry.x(), geometry.y(), geometry.width(), geometry.height()):
            self.setGeometry(x, y, width, height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.fit_to_screen)  # the frame is known once shown

    def apply_quit_policy(self) -> None:
        """Quit when the window closes unless it goes to the tray: follows the setting while the app runs."""
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.setQuitOnLastWindowClosed(not self.tray.available or not self.settings.get("close_to_tray"))

    # -- index ---------------------------------------------------------------------------------------------
    def rebuild_index(self) -> None:
        """Rebuild the search index in a worker, with a progress bar; the window stays usable."""
        if self._index_task is not None:
            return
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)

        def progress(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        def finished(_result: object) -> None:
            self._index_task = None
            self.progress.setVisible(False)
            self.statusBar().showMessage(self.tr("搜索索引已就绪"), 3000)
            self.workspace.controller.refresh()

        def failed(exc: BaseException) -> None:
            self._index_task = None
            self.progress.setVisible(False)
            show_error(self, exc, self.tr("建立搜索索引失败"))

        self._index_task = run_in_thread(
            lambda progress: self.lib.index.rebuild(progress=progress),
            finished,
            failed,
            on_progress=progress,
            owner=self,
        )

    # -- team library ------------------------------------------------------------------------------------
    def check_team_library(self) -> bool:
        """Check the team folder now (in a worker); False when none is set or a check is still running."""
        return self.team.check_now()

    def _team_updated(self, _version: int, text: str) -> None:
        self.team_label.setVisible(False)
        self.statusBar().showMessage(text, 10000)
        if self.team_toast is None:
            self.team_toast = Toast(self)
        self.team_toast.show_message(text, anchor=self, timeout_ms=5000)

    def _team_checked(self, _text: str, ok: bool) -> None:
        if ok:
            self.team_label.setVisible(False)

    def _team_failed(self, text: str) -> None:
        first_line = text.splitlines()[0] if text else ""
        metrics = QFontMetrics(self.team_label.font())
        self.team_label.setText(metrics.elidedText("⚠ " + first_line, Qt.TextElideMode.ElideMiddle, 460))
        self.team_label.setToolTip(text)
        self.team_label.setVisible(True)
        self.statusBar().showMessage(first_line, 15000)

    # -- reacting ------------------------------------------------------------------------------------------
    def _setting_changed(self, key: str) -> None:
        app = QCoreApplication.instance()
        if key == "always_on_top":
            self.set_always_on_top(bool(self.settings.get(key)))
        elif key == "hotkey":
            self.register_hotkey()
        elif key == "close_to_tray":
            self.apply_quit_policy()
        elif key in ("theme", "font_size") and app is not None:
            from PySide6.QtWidgets import QApplication

            from csdesk.gui.theme import apply_font, apply_theme

            if isinstance(app, QApplication):
                apply_theme(app, self.settings.get("theme"))
                apply_font(app, int(self.settings.get("font_size")))

    def _library_changed(self, change: Change) -> None:
        if change.kind in ("entries", "shops", "all"):
            self._update_count()

    # -- closing -------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quitting and self.settings.get("close_to_tray") and self.tray.available:
            event.ignore()
            self.hide()
            self.palette_window.hide()
            return
        self.shutdown()
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.setQuitOnLastWindowClosed(
                True
            )  # closing without the tray ends the app, whatever was set at start
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save the window, log an abandoned search, release the hotkey and tray, stop background work."""
        if self._shut_down:
            return
        self._shut_down = True
        if self._normal_geometry is None:
            self.settings.set("window_geometry", bytes(self.saveGeometry().data()))
        self.workspace.shutdown()
        self.hotkey.unregister()
        self.tray.hide()
        self.palette_window.hide()
        self.team.shutdown()
        if self.team_toast is not None:
            self.team_toast.hide()
        self.events.detach()
        if self._index_task is not None:
            self._index_task.cancel()
        self.settings.sync()

    def quit(self) -> None:
        self._quitting = True
        self.close()
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
