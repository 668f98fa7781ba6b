"""A global hotkey that summons the palette from any application.

* Windows: ``RegisterHotKey`` through ctypes, WM_HOTKEY caught by a QAbstractNativeEventFilter.
* X11: ``XGrabKey`` on the root window through ctypes (libX11), in a thread of its own with its own display
  connection; a key press is forwarded to the GUI thread with a Signal. No extra dependency.
* Wayland and headless platforms allow no global grab: :func:`support` says so, and a desktop shortcut running
  ``csdesk --toggle`` does the job instead.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import select
import sys
import threading
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence

log = logging.getLogger(__name__)


@functools.cache
def _libx11() -> str | None:
    """libX11's file name, or None. ``ctypes.util`` (and the ``ldconfig`` run behind find_library) is loaded here,
    when a hotkey is registered after the window is up, not at start-up."""
    import ctypes.util

    return ctypes.util.find_library("X11")


def support() -> tuple[bool, str]:
    """(available, explanation in the UI language) for the current platform."""
    platform = QGuiApplication.platformName() if QGuiApplication.instance() else ""
    if sys.platform == "win32":
        return True, QCoreApplication.translate("Hotkey", "全局快捷键可用。")
    if platform == "xcb":
        if _libx11():
            return True, QCoreApplication.translate("Hotkey", "全局快捷键可用(X11)。")
        return False, QCoreApplication.translate("Hotkey", "找不到 libX11,无法注册全局快捷键。")
    if platform == "wayland":
        return False, QCoreApplication.translate(
            "Hotkey",
            "Wayland 不允许程序抢占全局快捷键。请在系统设置里添加一个自定义快捷键,命令为:csdesk --toggle",
        )
    return False, QCoreApplication.translate(
        "Hotkey", "当前显示环境不支持全局快捷键。可以用命令 csdesk --toggle 呼出搜索框。"
    )


def split_sequence(sequence: str) -> tuple[Qt.KeyboardModifier, Qt.Key] | None:
    """The modifiers and key of the first chord of a QKeySequence string (``Ctrl+Alt+Space``)."""
    seq = QKeySequence(sequence)
    if seq.isEmpty():
        return None
    combo = seq[0]  # type: ignore[index, unused-ignore]
    return combo.keyboardModifiers(), combo.key()


class GlobalHotkey(QObject):
    """Register one global hotkey; ``activated`` fires on the GUI thread when it is pressed."""

    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend: _Backend | None = None
        self.sequence = ""

    def register(self, sequence: str) -> bool:
        self.unregister()
        available, _why = support()
        parts = split_sequence(sequence)
        if not available or parts is None:
            return False
        backend: _Backend = (
            _WindowsBackend(self.activated.emit)
            if sys.platform == "win32"
            else _X11Backend(self.activated.emit)
        )
        if not backend.register(*parts):
            return False
        self._backend = backend
        self.sequence = sequence
        return True

    def unregister(self) -> None:
        if self._backend is not None:
            self._backend.unregister()
            self._backend = None
        self.sequence = ""

    @property
    def active(self) -> bool:
        return self._backend is not None


class _Backend:
    def __init__(self, callback: Any) -> None:
        self._callback = callback

    def register(self, modifiers: Qt.KeyboardModifier, key: Qt.Key) -> bool:
        raise NotImplementedError

    def unregister(self) -> None:
        raise NotImplementedError


# --------------------------------------------------------------------------------------------------------------
# Windows
# --------------------------------------------------------------------------------------------------------------
_WM_HOTKEY = 0x0312
_VK_NAMED = {
    Qt.Key.Key_Space: 0x20, Qt.Key.Key_Return: 0x0D, Qt.Key.Key_Tab: 0x09, Qt.Key.Key_Escape: 0x1B,
    Qt.Key.Key_Insert: 0x2D, Qt.Key.Key_Delete: 0x2E, Qt.Key.Key_Home: 0x24, Qt.Key.Key_End: 0x23,
    Qt.Key.Key_PageUp: 0x21, Qt.Key.Key_PageDown: 0x22, Qt.Key.Key_QuoteLeft: 0xC0, Qt.Key.Key_Period: 0xBE,
    Qt.Key.Key_Comma: 0xBC, Qt.Key.Key_Slash: 0xBF, Qt.Key.Key_Semicolon: 0xBA,
}  # fmt: skip


def windows_virtual_key(key: Qt.Key) -> int:
    value = int(key.value)
    if ord("A") <= value <= ord("Z") or ord("0") <= value <= ord("9"):
        return value
    if int(Qt.Key.Key_F1.value) <= value <= int(Qt.Key.Key_F24.value):
        return 0x70 + value - int(Qt.Key.Key_F1.value)
    return _VK_NAMED.get(key, 0)


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, hotkey_id: int, callback: Any) -> None:
        super().__init__()
        self._id = hotkey_id
        self._callback = callback

    def nativeEventFilter(self, event_type: Any, message: Any) -> tuple[bool, int]:
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            if msg.message == _WM_HOTKEY and msg.wParam == self._id:
                self._callback()
                return True, 0
        return False, 0


class _WindowsBackend(_Backend):
    _next_id = 0xC5D0

    def register(self, modifiers: Qt.KeyboardModifier, key: Qt.Key) -> bool:
        vk = windows_virtual_key(key)
        if not vk:
            return False
        mods = 0x4000  # MOD_NOREPEAT
        for qt_mod, win_mod in (
            (Qt.KeyboardModifier.AltModifier, 0x1), (Qt.KeyboardModifier.ControlModifier, 0x2),
            (Qt.KeyboardModifier.ShiftModifier, 0x4), (Qt.KeyboardModifier.MetaModifier, 0x8),
        ):  # fmt: skip
            if modifiers & qt_mod:
                mods |= win_mod
        _WindowsBackend._next_id += 1
        self._id = _WindowsBackend._next_id
        user32 = ctypes.windll.user32  # type: ignore[attr-defined]
        if not user32.RegisterHotKey(None, self._id, mods, vk):
            log.warning("RegisterHotKey failed (taken by another program?)")
            return False
        self._filter = _WindowsFilter(self._id, self._callback)
        app = QCoreApplication.instance()
        if app is not None:
            app.installNativeEventFilter(self._filter)
        return True

    def unregister(self) -> None:
        ctypes.windll.user32.UnregisterHotKey(None, self._id)  # type: ignore[attr-defined]
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self._filter)


# --------------------------------------------------------------------------------------------------------------
# X11
# --------------------------------------------------------------------------------------------------------------
_SHIFT, _LOCK, _CONTROL, _MOD1, _MOD2, _MOD4 = 1, 2, 4, 8, 16, 64
_KEY_PRESS = 2
_GRAB_MODE_ASYNC = 1
_X_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_x_errors: list[int] = []


@_X_ERROR_HANDLER
def _record_x_error(_display: int, _event: int) -> int:
    _x_errors.append(1)  # BadAccess when another program holds the key; never let Xlib exit the process
    return 0


def x11_keysym_name(key: Qt.Key) -> str:
    value = int(key.value)
    if ord("A") <= value <= ord("Z"):
        return chr(value).lower()
    if ord("0") <= value <= ord("9"):
        return chr(value)
    if int(Qt.Key.Key_F1.value) <= value <= int(Qt.Key.Key_F35.value):
        return f"F{value - int(Qt.Key.Key_F1.value) + 1}"
    names = {
        Qt.Key.Key_Space: "space", Qt.Key.Key_Return: "Return", Qt.Key.Key_Tab: "Tab", Qt.Key.Key_Escape: "Escape",
        Qt.Key.Key_Insert: "Insert", Qt.Key.Key_Delete: "Delete", Qt.Key.Key_Home: "Home", Qt.Key.Key_End: "End",
        Qt.Key.Key_PageUp: "Prior", Qt.Key.Key_PageDown: "Next", Qt.Key.Key_QuoteLeft: "grave",
        Qt.Key.Key_Period: "period", Qt.Key.Key_Comma: "comma", Qt.Key.Key_Slash: "slash",
        Qt.Key.Key_Semicolon: "semicolon",
    }  # fmt: skip
    return names.get(key, "")


class _X11Backend(_Backend):
    def register(self, modifiers: Qt.KeyboardModifier, key: Qt.Key) -> bool:
        name = x11_keysym_name(key)
        path = _libx11()
        if not name or not path:
            return False
        mods = 0
        for qt_mod, x_mod in (
            (Qt.KeyboardModifier.ShiftModifier, _SHIFT), (Qt.KeyboardModifier.ControlModifier, _CONTROL),
            (Qt.KeyboardModifier.AltModifier, _MOD1), (Qt.KeyboardModifier.MetaModifier, _MOD4),
        ):  # fmt: skip
            if modifiers & qt_mod:
                mods |= x_mod
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._ok = False
        self._thread = threading.Thread(
            target=self._run, args=(path, name, mods), name="csdesk-hotkey", daemon=True
        )
        self._thread.start()
        self._ready.wait(2.0)
        if not self._ok:
            self._stop.set()
        return self._ok

    def _run(self, path: str, name: str, mods: int) -> None:
        x = ctypes.CDLL(path)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XStringToKeysym.restype = ctypes.c_ulong
        x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x.XKeysymToKeycode.restype = ctypes.c_ubyte
        x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x.XGrabKey.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
        ]
        x.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XSetErrorHandler.argtypes = [_X_ERROR_HANDLER]
        x.XSetErrorHandler.restype = ctypes.c_void_p
        display = x.XOpenDisplay(None)
        if not display:
            self._ready.set()
            return
        try:
            x.XSetErrorHandler(_record_x_error)
            root = x.XDefaultRootWindow(display)
            keycode = x.XKeysymToKeycode(display, x.XStringToKeysym(name.encode()))
            variants = [mods | extra for extra in (0, _LOCK, _MOD2, _LOCK | _MOD2)]  # Caps/NumLock on or off
            _x_errors.clear()
            for variant in variants:
                x.XGrabKey(display, keycode, variant, root, 1, _GRAB_MODE_ASYNC, _GRAB_MODE_ASYNC)
            x.XSync(display, 0)
            self._ok = bool(keycode) and not _x_errors
            self._ready.set()
            if not self._ok:
                log.warning("XGrabKey failed for %s (taken by another program?)", name)
                return
            fd = x.XConnectionNumber(display)
            event = (ctypes.c_long * 32)()
            while not self._stop.is_set():
                readable, _w, _e = select.select([fd], [], [], 0.25)
                while readable and x.XPending(display):
                    x.XNextEvent(display, ctypes.byref(event))
                    if ctypes.cast(event, ctypes.POINTER(ctypes.c_int))[0] == _KEY_PRESS:
                        self._callback()
            for variant in variants:
                x.XUngrabKey(display, keycode, variant, root)
            x.XSync(display, 0)
        finally:
            x.XCloseDisplay(display)

    def unregister(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(1.0)
