"""Library change notifications, delivered on the GUI thread.

``Library.add_listener`` calls back on whichever thread wrote; this object re-emits the change as a Qt signal so
widgets update in the GUI thread (queued connection when the writer was a worker).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from csdesk.core.library import Change, Library


class LibraryEvents(QObject):
    changed = Signal(object)
    """A :class:`csdesk.core.library.Change`."""

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        lib.add_listener(self._on_change)

    def _on_change(self, change: Change) -> None:
        try:
            self.changed.emit(change)
        except RuntimeError:  # the Qt side is gone (window closed while a worker wrote)
            self._lib.remove_listener(self._on_change)

    def detach(self) -> None:
        self._lib.remove_listener(self._on_change)
