"""Noticing changes made outside this process (the CLI, a team update in another csdesk, another window's process).

SQLite's ``PRAGMA data_version`` (``Library.data_version``) changes when *another connection* commits. A
:class:`LibraryWatch` polls it on a timer; a change that no write of this process explains is announced to the
library's listeners as ``Change("all")`` (``Library.notify_outside_change``), so the open workbench and workspace
reload their counts, trees and tables instead of showing stale ones until a restart.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from csdesk.core.library import Change, Library

log = logging.getLogger(__name__)


class LibraryWatch(QObject):
    """Poll ``lib.data_version`` every ``interval_ms``; announce outside changes. Stops with its parent."""

    _wrote_here = Signal()

    def __init__(self, lib: Library, parent: QObject | None = None, *, interval_ms: int = 1500) -> None:
        super().__init__(parent)
        self.lib = lib
        self._seen = self._version()
        self._wrote_here.connect(self._resync, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        lib.add_listener(self._listener)
        self.destroyed.connect(lambda *_: lib.remove_listener(self._listener))
        self.timer.start()

    def _version(self) -> int | None:
        try:
            return self.lib.data_version
        except Exception:  # closed, or the database is busy: try again next time
            return None

    def _listener(self, change: Change) -> None:
        # this process wrote (maybe through a worker's own connection, which moves data_version too): its listeners
        # already heard of it, so the version it leaves is the new baseline (read on the GUI thread, queued)
        if shiboken6.isValid(self) and change.kind != "all":
            self._wrote_here.emit()

    def _resync(self) -> None:
        version = self._version()
        if version is not None:
            self._seen = version

    def check(self) -> bool:
        """True when an outside change was found (and announced)."""
        version = self._version()
        if version is None or version == self._seen:
            return False
        self._seen = version
        log.info("the library was changed outside this window; reloading")
        self.lib.notify_outside_change()
        return True

    def stop(self) -> None:
        self.timer.stop()
        self.lib.remove_listener(self._listener)
