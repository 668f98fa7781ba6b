"""The main window: 工作台 (workspace), 流程 SOP, 管理 (supervisor workbench, when installed), menus, status bar.

It owns what lives as long as the app: the copier (one copy flow for every page), the palette, the global hotkey,
the tray icon, and the background index rebuild with its progress bar.

Start-up: the window is built with what the workspace shows first; the 管理 and 测试与培训 pages are built when their
tab is first opened (:mod:`csdesk.gui.lazypage`), the palette when first summoned, the team library's sync when
first asked for; the first list, the hotkey and the team folder's sync wait until the window has painted
(:meth:`MainWindow.after_first_paint`; csdesk.gui.app checks the index and starts the meaning layer).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Signal
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
    QLabel,
    QMainWindow,
    QProgressBar,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from csdesk.core.library import Change, Library
from csdesk.core.resources import resource_path
from csdesk.gui.errors import show_error
from csdesk.gui.hotkey import GlobalHotkey
from csdesk.gui.lazypage import LazyPage, installed
from csdesk.gui.settings import Settings
from csdesk.gui.tray import Tray
from csdesk.gui.workers import Task, run_in_thread
from csdesk.gui.workspace.copier import Copier
from csdesk.gui.workspace.events import LibraryEvents
from csdesk.gui.workspace.sopview import SopView
from csdesk.gui.workspace.toast import Toast
from csdesk.gui.workspace.windowing import bring_to_front
from csdesk.gui.workspace.workspace import Workspace

if TYPE_CHECKING:
    from csdesk.gui.teamlibrary import TeamSync
    from csdesk.gui.workspace.palette import Palette

log = logging.getLogger(__name__)

COMPACT_WIDTH = 480
DEFERRED_AT_THE_LATEST_MS = 2000
"""What waits for the first paint runs this long after the window was shown if no paint has come by then."""
HOTKEY_DELAY_MS = 500
TEAM_DELAY_MS = 1000
"""After the first paint: the global hotkey is registered, the team folder's sync starts (its first check comes
1.5 s later). Neither is needed by the first typed search, which loads the search index meanwhile."""


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons/csdesk.svg")))


def _optional(module: str, name: str) -> Any:
    """A class from a module a colleague ships separately, or None when it is not installed (yet)."""
    try:
        imported = __import__(module, fromlist=[name])
    except ImportError:
        log.info("%s is not available", module)
        return None
    return getattr(imported, name, None)


class MainWindow(QMainWindow):
    first_painted = Signal()
    """The window has painted for the first time (the agent sees it): the deferred start-up work runs next."""

    def __init__(self, lib: Library, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.settings = settings
        self._quitting = False
        self._shut_down = False
        self._index_task: Task | None = None
        self._normal_geometry: QByteArray | None = None
        self._painted = False
        self._after_paint: list[tuple[int, Callable[[], object]]] = []
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("csdesk 客服话术"))
        self.setWindowIcon(app_icon())
        self.resize(1280, 800)

        self.events = LibraryEvents(lib, self)
        self.copier = Copier(lib, settings, self)
        self.workspace = Workspace(lib, settings, self.copier, self.events)
        # the first list and its preview (the red-line checker's first build) come right after the first paint
        self.workspace.controller.hold()
        self.after_first_paint(self.workspace.controller.release)
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
        # The workbench and the 测试与培训 page are built when their tab is first opened (or ``manage`` /
        # ``coaching`` is first asked for): building them took more than half of the main window's start-up, and an
        # agent may never open them.
        self._lazy_pages: list[LazyPage] = []
        self._manage_page: LazyPage | None = None
        if installed("csdesk.gui.manage.workbench"):
            self._manage_page = self._lazy_page(
                self.tr("管理"),
                self._build_manage,
                name="manageScroll",
                waiting=self.tr("正在打开管理页…"),
                failed=self.tr("管理页打开失败,详情见日志。"),
            )
        self._coaching_page: LazyPage | None = None
        if installed("csdesk.gui.coaching.page"):  # A/B tests and training (issue 16)
            self._coaching_page = self._lazy_page(
                QCoreApplication.translate("CoachingPage", "测试与培训"),  # the page's own title
                self._build_coaching,
                name="coachingPageScroll",
                waiting=self.tr("正在打开测试与培训…"),
                failed=self.tr("测试与培训页打开失败,详情见日志。"),
            )
        self.tabs.currentChanged.connect(self._page_changed)
        self.setCentralWidget(self.tabs)
        for number in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Alt+{number + 1}"), self)
            shortcut.activated.connect(lambda n=number: self.tabs.setCurrentIndex(n))

        self._palette: Palette | None = None  # built when first summoned (see palette_window)
        self._build_menus()
        self._build_status_bar()

        self.hotkey = GlobalHotkey(self)
        self.hotkey.activated.connect(lambda: self.palette_window.toggle())
        self.tray = Tray(app_icon(), self)
        self.tray.show_requested.connect(self.bring_forward)
        self.tray.palette_requested.connect(lambda: self.palette_window.summon())
        self.tray.on_top_toggled.connect(lambda on: self.settings.set("always_on_top", on))
        self.tray.quit_requested.connect(self.quit)
        self.settings.changed.connect(self._setting_changed)
        self.events.changed.connect(self._library_changed)
        self.workspace.status_message.connect(lambda text: self.statusBar().showMessage(text, 3000))

        # the team sync: built when first asked for, started a second after the first paint
        self._team: TeamSync | None = None
        self.team_toast: Toast | None = None
        self.after_first_paint(lambda: self.team.start(), TEAM_DELAY_MS)
        self.after_first_paint(self.register_hotkey, HOTKEY_DELAY_MS)  # (finding libX11 runs ldconfig)
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
        self.import_action: QAction | None = None
        self.export_action: QAction | None = None
        if installed("csdesk.gui.importwizard"):  # imported when first used (the formats come with it)
            self.import_action = file_menu.addAction(
                self.tr("导入…"),
                lambda: self._run_import(_optional("csdesk.gui.importwizard", "ImportWizard")),
            )
            self.export_action = file_menu.addAction(
                self.tr("导出…"),
                lambda: self._run_dialog(_optional("csdesk.gui.importwizard", "ExportDialog")),
            )
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
        if cls is None:  # (a module shipped separately that lacks the dialog: logged by _optional)
            return
        try:
            cls(self.lib, self).exec()
        except Exception as exc:
            show_error(self, exc)

    def _supervisor_gate(self, reason: str) -> bool:
        """Supervisor mode for a change outside the workbench (A/B tests, quiz settings): open while the library
        has no PIN (as on the command line), else the workbench's PIN dialog."""
        from csdesk.core import pin

        gate = getattr(self.manage, "request_supervisor", None) if pin.has_pin(self.lib) else None
        return gate is None or bool(gate(reason))

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
            self.lib,
            self.settings,
            hotkey_active=self.hotkey.active,
            team=self.team,
            supervisor=getattr(self._manage_page.built() if self._manage_page else None, "session", None),
            unlock=self._unlock_for_settings,
            parent=self,
        )
        dialog.exec()
        dialog.deleteLater()

    def _unlock_for_settings(self) -> Any:
        """The Settings dialog's 进入主管模式…: the workbench asks for the PIN; its session, or None."""
        manage = self.manage
        gate = getattr(manage, "request_supervisor", None)
        if gate is None or not gate(self.tr("锁定时间和复制前检查红线是主管设置,需要主管模式。")):
            return None
        return getattr(manage, "session", None)

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.workspace)
        self.workspace.focus_search()

    @property
    def manage(self) -> QWidget | None:
        """The supervisor workbench (built on first use), or None when it is not installed or failed to open."""
        return self._manage_page.page() if self._manage_page is not None else None

    @property
    def coaching(self) -> Any:
        """The 测试与培训 page (CoachingPage, built on first use), or None when not installed or failed to open."""
        return self._coaching_page.page() if self._coaching_page is not None else None

    @property
    def palette_window(self) -> Palette:
        """The palette, built when first summoned (or asked for): the workspace's first view does not need it."""
        if self._palette is None:
            from csdesk.gui.workspace.palette import Palette

            self._palette = Palette(
                self.lib,
                self.copier,
                shop=lambda: self.workspace.shop,
                customer=lambda: (self.workspace.nickname, self.workspace.controller.customer_tags),
                events=self.events,
                parent=self,
            )
            self.workspace.shop_changed.connect(self._palette.follow_shop)
        return self._palette

    @property
    def team(self) -> TeamSync:
        """The team library's sync (csdesk.gui.teamlibrary), built when first asked for; started after the first
        paint (its modules bring the file formats with them)."""
        if self._team is None:
            from csdesk.gui.teamlibrary import TeamSync

            self._team = TeamSync(self.lib, self.events, self)
            self._team.updated.connect(self._team_updated)
            self._team.failed.connect(self._team_failed)
            self._team.checked.connect(self._team_checked)
        return self._team

    def _lazy_page(self, title: str, build: Callable[[], QWidget | None], **texts: str) -> LazyPage:
        page = LazyPage(self.tabs, title, build, **texts)
        self._lazy_pages.append(page)
        return page

    def _build_optional(self, module: str, name: str, *args: object) -> QWidget | None:
        cls = _optional(module, name)
        return cls(*args) if cls is not None else None

    def _build_coaching(self) -> QWidget | None:
        cls = _optional("csdesk.gui.coaching.page", "CoachingPage")
        return cls(self.lib, self.events, gate=self._supervisor_gate) if cls is not None else None

    def _build_manage(self) -> QWidget | None:
        return self._build_optional(
            "csdesk.gui.manage.workbench", "ManageWorkbench", self.lib, self.settings, self
        )

    # -- start-up ------------------------------------------------------------------------------------------
    def after_first_paint(self, work: Callable[[], object], delay_ms: int = 0) -> None:
        """Run ``work`` ``delay_ms`` after the window has painted for the first time (counted from now if it has):
        what the first view does not need waits until the agent sees the window. Each runs in its own turn of the
        event loop, so keys typed meanwhile are handled between them; what the first typed search does not need
        either waits a little longer (``delay_ms``), so it does not compete with loading the search index."""
        if self._painted:
            QTimer.singleShot(delay_ms, self, lambda: self._run_unless_shut_down(work))
        else:
            self._after_paint.append((delay_ms, work))

    def _run_unless_shut_down(self, work: Callable[[], object]) -> None:
        if not self._shut_down:  # (the window closed meanwhile: its library may be closed too)
            work()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if not self._painted and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self.run_deferred)  # after this paint has reached the screen
        elif event.type() == QEvent.Type.LayoutRequest and self.workspace.compact and self.isVisible():
            QTimer.singleShot(0, self, self._keep_panel_whole)
        return handled

    def run_deferred(self) -> None:
        """Start what waited for the first paint (now, also when the window starts hidden in the tray)."""
        if self._painted:
            return
        self._painted = True
        self.first_painted.emit()
        for delay_ms, work in self._after_paint:
            QTimer.singleShot(delay_ms, self, lambda work=work: self._run_unless_shut_down(work))
        self._after_paint.clear()

    def _page_changed(self, index: int) -> None:
        for page in self._lazy_pages:
            if self.tabs.widget(index) is page.area:
                page.page()  # built now, on first opening
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
        if not self._painted:  # (a platform that never sends the window itself a paint: the work still runs)
            QTimer.singleShot(DEFERRED_AT_THE_LATEST_MS, self, self.run_deferred)

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
            if self._palette is not None:
                self._palette.hide()
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
        if self._palette is not None:
            self._palette.hide()
        if self._team is not None:
            self._team.shutdown()
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
