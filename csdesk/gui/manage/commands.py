"""Undoable edits of the library, and the plumbing the workbench pages share.

Every edit a supervisor (or an agent, on their own entries) makes goes through a :class:`LibraryCommand` on the
workbench's one ``QUndoStack``: ``apply`` calls the Library API forward, ``revert`` backward, and each command keeps
what it needs (before/after field values, the trashed ids …) to do both.

A command runs once *before* it is pushed (:meth:`CommandRunner.push`): when the library refuses it (a duplicate
code, an empty reply) the user sees the message and nothing lands on the stack. Objects that come back under a new id
when re-created (a variant, a category, a shop) are followed through :class:`IdMap`, so later commands still find
them after an undo/redo round trip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from csdesk.core.errors import CsdeskError, NotFoundError, PermissionDeniedError
from csdesk.core.library import Change, Library

log = logging.getLogger(__name__)


class IdMap:
    """Old id → current id, for objects that get a new id when an undo/redo re-creates them (a rule, a tag, a
    category …), so older commands on the stack still find them."""

    def __init__(self) -> None:
        self._map: dict[tuple[str, Any], Any] = {}

    def resolve(self, kind: str, value: Any) -> Any:
        seen = set()
        while (kind, value) in self._map and value not in seen:
            seen.add(value)
            value = self._map[(kind, value)]
        return value

    def remap(self, kind: str, old: Any, new: Any) -> None:
        if old != new:
            self._map[(kind, old)] = new


class AppliedCommand(QUndoCommand):
    """An edit that ran once (``apply``) before it was pushed, so the push's own ``redo`` is skipped.

    ``redo``/``undo`` call ``apply``/``revert``; a failure is kept in ``error`` and goes to :meth:`failed` (a Python
    exception must not cross into Qt). :class:`CommandRunner` then puts the stack index back, for every command
    kind, so the stack never claims a step that did not happen. Subclasses decide whether :meth:`failed` shows the
    message at once (the pages) or leaves it to the runner.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._skip_next = False
        self.error: BaseException | None = None

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def failed(self, exc: Exception) -> None:
        raise NotImplementedError

    def skip_next(self) -> None:
        self._skip_next = True

    def _run(self, fn: Callable[[], None]) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        self.error = None
        try:
            fn()
        except Exception as exc:
            self.error = exc
            self.failed(exc)

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)


class LibraryCommand(AppliedCommand):
    """Base of the runner's commands: subclasses implement ``apply`` and ``revert``; errors are kept in ``error``."""

    supervisor = True
    """Whether undoing/redoing needs supervisor mode (False for an agent's own entries)."""

    def __init__(self, lib: Library, text: str) -> None:
        super().__init__(text)
        self.lib = lib
        self.ids = IdMap()

    def failed(self, exc: Exception) -> None:
        pass  # kept in ``error``; the runner shows it

    # helpers
    def cat(self, category_id: int | None) -> int | None:
        return None if category_id is None else self.ids.resolve("category", category_id)

    def shop(self, shop_id: int) -> int:
        return int(self.ids.resolve("shop", shop_id))

    def fields_for_update(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "shop" in out:
            out["shop"] = self.shop(int(out["shop"]))
        if "category" in out:
            out["category"] = self.cat(out["category"])
        return out


# ----------------------------------------------------------------------------------------------------------
# Plumbing: the edit guard, change notifications and the runner
# ----------------------------------------------------------------------------------------------------------
_GUARD_ATTRIBUTE = "_csdesk_edit_guard"


def set_edit_guard(stack: QUndoStack, guard: Callable[[QUndoCommand], bool]) -> None:
    """Every new edit pushed onto ``stack`` (by the runner or a page's ``push_edit``) must pass ``guard``."""
    setattr(stack, _GUARD_ATTRIBUTE, guard)


def edit_allowed(stack: QUndoStack, command: QUndoCommand) -> bool:
    guard = getattr(stack, _GUARD_ATTRIBUTE, None)
    return True if guard is None else bool(guard(command))


def purged_entries(lib: Library, command: QUndoCommand) -> list[str]:
    """The entries ``command`` works on (``entry_id``/``entry_ids``) that no longer exist: purged from the trash."""
    ids = list(getattr(command, "entry_ids", None) or [])
    single = getattr(command, "entry_id", None)
    if isinstance(single, str):
        ids.append(single)
    if not ids:
        return []
    have = {e.id for e in lib.get_many(ids)}
    return [i for i in ids if i not in have]


def purged_error(count: int) -> NotFoundError:
    """What an undo/redo says when its entries were deleted for good (the trash was emptied) meanwhile."""
    return NotFoundError(
        f"已彻底删除,无法撤销:{count} 个条目已从回收站清除。",
        f"Deleted for good, cannot be undone: {count} entries were purged from the trash.",
    )


def _require_entries(lib: Library, command: QUndoCommand) -> None:
    """Refuse before changing anything when some of the command's entries were purged (no half-done undo)."""
    gone = purged_entries(lib, command)
    if gone:
        raise purged_error(len(gone))


def locked_error() -> PermissionDeniedError:
    """What a refused edit says: supervisor mode locked (by hand or after idle time) since the page was opened."""
    return PermissionDeniedError(
        "主管模式已锁定(空闲太久或已手动锁定),这次修改没有保存。请先进入主管模式再修改。",
        "Supervisor mode is locked (idle too long, or locked by hand); this change was not saved. "
        "Enter supervisor mode first.",
    )


class LibraryRelay(QObject):
    """Library change notifications, delivered on the GUI thread and coalesced (one per kind per event-loop turn).

    ``changed(kind, ids)``: ``ids`` is an empty tuple when everything of that kind may have changed.
    """

    changed = Signal(str, object)
    _raw = Signal(object)

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._pending: dict[str, set[str] | None] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        self._raw.connect(self._collect)
        lib.add_listener(self._listener)

    def _listener(self, change: Change) -> None:
        if shiboken6.isValid(self):
            self._raw.emit(change)  # queued when a worker thread wrote

    def _collect(self, change: Change) -> None:
        kinds = ("entries", "shops", "categories") if change.kind == "all" else (change.kind,)
        for kind in kinds:
            if not change.ids or change.kind == "all":
                self._pending[kind] = None
            else:
                known = self._pending.get(kind, set())
                if known is not None:
                    known.update(change.ids)
                    self._pending[kind] = known
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for kind, ids in pending.items():
            self.changed.emit(kind, tuple(sorted(ids)) if ids else ())

    def close(self) -> None:
        self.lib.remove_listener(self._listener)


class CommandRunner(QObject):
    """Pushes commands onto the shared stack and runs undo/redo, showing library errors instead of raising.

    ``allowed(command)`` says whether the command may be undone/redone now; when it returns False,
    ``permission_needed`` is emitted (the workbench asks for the supervisor PIN) and nothing happens.
    """

    permission_needed = Signal()

    def __init__(
        self, lib: Library, stack: QUndoStack, relay: LibraryRelay, widget: QWidget,
        allowed: Callable[[QUndoCommand], bool] = lambda _c: True,
    ) -> None:  # fmt: skip
        super().__init__(widget)
        self.lib = lib
        self.stack = stack
        self.relay = relay
        self.widget = widget
        self.allowed = allowed
        self.ids = IdMap()
        self.before_edit: Callable[[], None] | None = None
        """Called before an allowed edit runs (the workbench asks for the agent name the first time)."""

    def push(self, command: LibraryCommand) -> bool:
        """Run ``command`` now; on success put it on the stack (without running it twice)."""
        command.ids = self.ids
        if not self.allowed(command) or not edit_allowed(self.stack, command):
            self._show(locked_error())
            return False
        if self.before_edit is not None:
            self.before_edit()
        try:
            command.apply()
        except CsdeskError as exc:
            self._show(exc)
            self.relay.flush()
            return False
        command.skip_next()
        self.stack.push(command)
        self.relay.flush()
        return True

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        index = self.stack.index() - 1 if undo else self.stack.index()
        if index < 0 or index >= self.stack.count():
            return
        command = self.stack.command(index)
        if not self.allowed(command):
            self.permission_needed.emit()
            return
        if undo:
            self.stack.undo()
        else:
            self.stack.redo()
        error = getattr(command, "error", None)
        if isinstance(command, AppliedCommand) and error is not None:
            # put the stack index back without running the command again (the runner's and the pages' commands)
            command.error = None
            command.skip_next()
            if undo:
                self.stack.redo()
            else:
                self.stack.undo()
            if isinstance(error, NotFoundError) and (gone := purged_entries(self.lib, command)):
                error = purged_error(len(gone))
            if isinstance(command, LibraryCommand):
                self._show(error)  # a page command has shown its own message
        self.relay.flush()

    def _show(self, exc: BaseException) -> None:
        from csdesk.gui.errors import show_error

        if isinstance(exc, NotFoundError):
            log.info("undo/redo target is gone: %s", exc)
        show_error(self.widget, exc)


_MOVED = {
    "csdesk.gui.manage.entry_commands": (
        "ENTRY_FIELDS",
        "entry_fields",
        "CreateEntryCommand",
        "EditEntryCommand",
        "DeleteEntriesCommand",
        "RestoreEntriesCommand",
        "BulkSetCommand",
        "BulkTagsCommand",
        "RestoreVersionCommand",
        "VARIANT_FIELDS",
        "AddVariantCommand",
        "EditVariantCommand",
        "DeleteVariantCommand",
        "ExampleCommand",
        "AssetLinkCommand",
    ),
    "csdesk.gui.manage.structure_commands": (
        "CreateCategoryCommand",
        "RenameCategoryCommand",
        "MoveCategoryCommand",
        "MergeCategoryCommand",
        "DeleteCategoryCommand",
        "AddShopCommand",
        "EditShopCommand",
        "DeleteShopCommand",
    ),
}


def __getattr__(name: str) -> Any:
    """The entry, category and shop commands live in their own modules; the old ``commands.X`` names still work."""
    import importlib

    for module, names in _MOVED.items():
        if name in names:
            return getattr(importlib.import_module(module), name)
    raise AttributeError(name)
