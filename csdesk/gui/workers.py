"""Slow work off the UI thread.

``run_in_thread(fn, on_done, on_error, progress=...)`` runs ``fn`` on the global QThreadPool and calls back on the
GUI thread. ``fn`` never touches widgets; it may accept a ``progress`` callable (done, total) → bool (False means
the user cancelled).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Task(QRunnable):
    """One piece of background work; keep a reference to cancel it."""

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool = False) -> None:
        super().__init__()
        self.signals = _Signals()
        self._fn = fn
        self._with_progress = with_progress
        self.cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.cancelled = True

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self._fn(progress=self._progress) if self._with_progress else self._fn()
        except Exception as exc:
            if not _is_user_error(exc):
                log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def _is_user_error(exc: BaseException) -> bool:
    from csdesk.core.errors import CsdeskError

    return isinstance(exc, CsdeskError)


_running: set[Task] = set()


def run_in_thread(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    with_progress: bool = False,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
) -> Task:
    """Run ``fn`` on the pool; callbacks run on the GUI thread, and are skipped once ``owner`` (the widget or
    controller that asked) has been deleted, so a late result never reaches a closed window."""
    task = Task(fn, with_progress=with_progress or on_progress is not None)
    _running.add(task)
    if owner is not None:
        on_done = _guarded(owner, on_done)
        on_error = _guarded(owner, on_error)
        on_progress = _guarded(owner, on_progress)

    def finished(_: object = None) -> None:
        _running.discard(task)

    if on_done:
        task.signals.done.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    task.signals.done.connect(finished)
    task.signals.failed.connect(finished)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def _guarded(owner: QObject, callback: Callable[..., None] | None) -> Callable[..., None] | None:
    if callback is None:
        return None

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)

    return call


def wait_for_all(timeout_ms: int = 5000) -> bool:
    """Block until background tasks finish (app exit and tests: no thread is left behind)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
