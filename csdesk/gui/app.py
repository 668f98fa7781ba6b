"""Starting the desktop app (``csdesk`` with no subcommand, or the ``csdesk-gui`` launcher without a console).

QApplication, language and theme from the settings, one instance per library home (a second start brings the
running window forward and exits 0), the library opened without blocking on the search index (a stale index is
rebuilt in a worker with a progress bar), the main window, the tray.

Start-up order: the window is built with only what its first view needs and shown; the search index is checked
(loading Whoosh) in a worker while the window system maps and paints it, which the first typed search gains from;
the meaning layer (numpy and the embedder) starts 1.5 s after the first paint. The search box takes keys as soon as
the window is up (measured by tests/benchmarks/bench_startup.py). A new home's demo library is created behind a
small progress window (:mod:`csdesk.gui.splash`).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from csdesk.core.errors import CsdeskError, say
from csdesk.core.paths import resolve_home
from csdesk.gui import i18n
from csdesk.gui.errors import error_text
from csdesk.gui.settings import Settings
from csdesk.gui.single_instance import InstanceServer, send_message, send_to_any
from csdesk.gui.theme import apply_font, apply_theme
from csdesk.gui.workers import run_in_thread, wait_for_all

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.gui.mainwindow import MainWindow

log = logging.getLogger(__name__)


def _application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    from PySide6.QtCore import QLoggingCategory

    # Qt Multimedia probes optional system libraries (PipeWire, VA-API) on the first video and reports each miss on
    # stderr: an agent's terminal would fill with lines about libraries csdesk does not need.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg.info=false")
    app = QApplication(list(argv))
    app.setApplicationName("csdesk")
    app.setOrganizationName("csdesk")
    app.setApplicationDisplayName("csdesk")
    app.setDesktopFileName("csdesk")
    return app


def toggle_running_instance(home: str | None = None) -> bool:
    """Ask the instance running for ``home`` to toggle its palette (``csdesk --toggle``); False if none runs.

    Without ``home``: the default home's instance, else any running instance (one started with ``--home``)."""
    if QCoreApplication.instance() is None:
        QCoreApplication([sys.argv[0] if sys.argv else "csdesk"])
    if home is not None:
        return send_message(resolve_home(home), "toggle")
    return send_to_any(resolve_home(None), "toggle") is not None


def not_running_message(home: str | None = None) -> str:
    """What ``csdesk --toggle`` says when no instance answered: which home it looked for."""
    where = str(resolve_home(home))
    if home is None:
        return say(
            f"csdesk 没有在运行(找过话术库 {where} 和其他正在运行的 csdesk)。"
            "如果 csdesk 用 --home 启动,请同样加上 --home。",
            f"csdesk is not running (looked for the library {where} and any other running csdesk). "
            "If csdesk was started with --home, give the same --home.",
        )
    return say(
        f"没有找到为话术库 {where} 运行的 csdesk。",
        f"No csdesk is running for the library {where}.",
    )


def no_display_message() -> str | None:
    """Why Qt cannot show a window here, or None: on Linux without DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM
    Qt would abort (SIGABRT) with its own English message about the xcb plugin."""
    if not sys.platform.startswith("linux"):
        return None
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return say(
        "没有可用的图形界面(未设置 DISPLAY 或 WAYLAND_DISPLAY),无法启动 csdesk 窗口。"
        "请在桌面会话中启动;在终端里可以使用 csdesk search、csdesk show 等子命令(csdesk --help)。",
        "No graphical display is available (DISPLAY and WAYLAND_DISPLAY are not set), so the csdesk window "
        "cannot start. Start it from a desktop session; in a terminal use the subcommands such as "
        "'csdesk search' and 'csdesk show' (csdesk --help).",
    )


MEANING_DELAY_MS = 1500
"""The meaning layer starts this long after the first paint: loading numpy and the embedder holds the interpreter
for a few hundred ms, which the agent's first typed searches (lexical) should not share."""


def start_meaning(lib: Library) -> None:
    """Start the meaning layer in a thread of its own (not the pool, whose threads the searches need): its vectors
    build in the background, and search is lexical until then."""
    threading.Thread(target=lib.answers.start, name="csdesk-meaning-start", daemon=True).start()


def check_index(lib: Library, window: MainWindow) -> None:
    """Is the search index usable? Asked in a worker (it loads Whoosh and warms the search path); a stale one is
    rebuilt with the window's progress bar, one behind only by logged edits is caught up at once (or by the retry
    timer)."""

    def check() -> bool:
        # the red-line checker (the first list's preview needs it), Whoosh and the pinyin table (the first typed
        # search does): built here rather than on the GUI thread or in the search's worker
        lib.check("")
        lib.index.warm()
        if lib.index.needs_rebuild():
            return True
        lib.index.catch_up(timeout=0.0)
        return False

    def checked(stale: object) -> None:
        if stale:
            window.rebuild_index()

    run_in_thread(
        check, checked, lambda exc: log.warning("checking the search index failed: %s", exc), owner=window
    )


def main(argv: list[str] | None = None, *, home: str | None = None, demo: bool | None = None) -> int:
    """Run the GUI until the agent quits; returns the process exit code.

    ``demo``: whether a new library gets the demo content (None: unless ``--no-demo`` is in ``argv``).
    """
    argv = list(sys.argv if argv is None else argv) or ["csdesk"]
    if demo is None:
        demo = "--no-demo" not in argv[1:]
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    problem = None if QApplication.instance() is not None else no_display_message()
    if problem:
        print(f"csdesk: {problem}", file=sys.stderr)
        return 2
    app = _application([a for a in argv if a != "--no-demo"])
    settings = Settings()
    i18n.install(i18n.resolve_language(settings.get("language")))
    apply_theme(app, settings.get("theme"))
    apply_font(app, int(settings.get("font_size")))

    home_path = resolve_home(home)
    if send_message(home_path, "show"):
        log.info("csdesk is already running for %s; brought it forward", home_path)
        return 0
    server = InstanceServer(home_path)
    server.listen()

    from csdesk.gui.splash import open_library

    try:
        lib = open_library(home_path, demo=demo)  # a new home's demo is created behind a progress window
    except CsdeskError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "无法打开话术库"), error_text(exc))
        server.close()
        return 1

    from csdesk.gui.mainwindow import MainWindow

    window = MainWindow(lib, settings)
    server.message_received.connect(window.handle_message)
    window.apply_quit_policy()  # and again whenever close_to_tray changes
    from csdesk.gui.backupdialog import BackupScheduler

    BackupScheduler(lib, window)  # a backup at start when the library changed, then at an interval
    window.after_first_paint(lambda: start_meaning(lib), MEANING_DELAY_MS)
    if settings.get("start_minimized") and window.tray.available:
        window.hide()
        window.run_deferred()
    else:
        window.show()
        window.bring_forward()
    # the search index is checked (and Whoosh loaded) while the window system maps and paints the window
    check_index(lib, window)
    try:
        return app.exec()
    finally:
        window.shutdown()
        server.close()
        wait_for_all(10000)
        window.deleteLater()
        lib.close()


if __name__ == "__main__":
    raise SystemExit(main())
