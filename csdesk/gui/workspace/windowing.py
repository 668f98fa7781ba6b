"""Bringing a window to the front, where the platform can (offscreen/minimal platforms cannot raise), and giving
the focus back to the window that had it."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import shutil
import subprocess
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_HEADLESS = ("offscreen", "minimal")


def bring_to_front(widget: QWidget, *, activate: bool = True) -> None:
    if QGuiApplication.platformName() in _HEADLESS:
        return
    widget.raise_()
    if activate:
        widget.activateWindow()


def on_top_hint() -> Qt.WindowType:
    """WindowStaysOnTopHint, except on headless platforms (which cannot stack windows and warn about it)."""
    if QGuiApplication.platformName() in _HEADLESS:
        return Qt.WindowType.Widget
    return Qt.WindowType.WindowStaysOnTopHint


def floating_flags() -> Qt.WindowType:
    """A frameless tool window above the others (headless platforms: a plain frameless window, see above)."""
    if QGuiApplication.platformName() in _HEADLESS:
        return Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
    return Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint


# -- the window that had the focus before the palette ----------------------------------------------------------
# Windows: GetForegroundWindow / SetForegroundWindow. X11: _NET_ACTIVE_WINDOW on the root window, read and asked
# for (a client message, as pagers do) through libX11 by ctypes; without libX11, ``xdotool`` when installed.
# Anything else (Wayland, headless): 0 / False, and the desktop decides where the focus goes.


def _x11_platform() -> bool:
    return sys.platform.startswith("linux") and QGuiApplication.platformName() == "xcb"


class _XClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _XClientMessage), ("pad", ctypes.c_long * 24)]


_CLIENT_MESSAGE = 33
_XA_WINDOW = 33
_SUBSTRUCTURE_MASK = (1 << 19) | (1 << 20)  # SubstructureNotifyMask | SubstructureRedirectMask


def _xlib() -> Any:
    path = ctypes.util.find_library("X11")
    if not path:
        return None
    x = ctypes.CDLL(path)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XGetWindowProperty.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
        ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p),
    ]  # fmt: skip
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    return x


def _x11_active_window() -> int:
    x = _xlib()
    if x is None:
        return 0
    display = x.XOpenDisplay(None)
    if not display:
        return 0
    try:
        root = x.XDefaultRootWindow(display)
        atom = x.XInternAtom(display, b"_NET_ACTIVE_WINDOW", 1)
        if not atom:
            return 0
        kind, fmt, count, after = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = x.XGetWindowProperty(
            display, root, atom, 0, 1, 0, _XA_WINDOW, ctypes.byref(kind), ctypes.byref(fmt),
            ctypes.byref(count), ctypes.byref(after), ctypes.byref(data),
        )  # fmt: skip
        if status != 0 or not data.value:
            return 0
        try:
            if fmt.value != 32 or count.value < 1:
                return 0
            return int(ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0])  # format 32 comes as longs
        finally:
            x.XFree(data)
    finally:
        x.XCloseDisplay(display)


def _x11_activate(window: int) -> bool:
    x = _xlib()
    if x is None:
        return False
    display = x.XOpenDisplay(None)
    if not display:
        return False
    try:
        root = x.XDefaultRootWindow(display)
        event = _XEvent()
        message = event.xclient
        message.type = _CLIENT_MESSAGE
        message.send_event = 1
        message.display = display
        message.window = window
        message.message_type = x.XInternAtom(display, b"_NET_ACTIVE_WINDOW", 0)
        message.format = 32
        message.data[0] = (
            2  # source: a pager (window managers honour it; an application's request may be ignored)
        )
        message.data[1] = 0  # CurrentTime
        ok = bool(x.XSendEvent(display, root, 0, _SUBSTRUCTURE_MASK, ctypes.byref(event)))
        x.XFlush(display)
        return ok
    finally:
        x.XCloseDisplay(display)


def _xdotool(*args: str) -> str | None:
    tool = shutil.which("xdotool")
    if not tool:
        return None
    try:
        done = subprocess.run([tool, *args], capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def active_window() -> int:
    """The platform id of the window that has the focus now (0 when the platform does not tell)."""
    try:
        if sys.platform == "win32":
            return int(ctypes.windll.user32.GetForegroundWindow())  # type: ignore[attr-defined]
        if _x11_platform():
            found = _x11_active_window() if ctypes.util.find_library("X11") else 0
            if not found:
                text = _xdotool("getactivewindow")
                found = int(text) if text and text.isdigit() else 0
            return found
    except (OSError, ValueError, AttributeError):
        log.debug("could not read the active window", exc_info=True)
    return 0


def activate_window(window: int) -> bool:
    """Give the focus back to ``window`` (an id from :func:`active_window`); False when it could not be asked."""
    if not window:
        return False
    try:
        if sys.platform == "win32":
            return bool(ctypes.windll.user32.SetForegroundWindow(window))  # type: ignore[attr-defined]
        if _x11_platform():
            if ctypes.util.find_library("X11") and _x11_activate(window):
                return True
            return _xdotool("windowactivate", str(window)) is not None
    except (OSError, ValueError, AttributeError):
        log.debug("could not activate window %s", window, exc_info=True)
    return False


class ForegroundWindow:
    """Remembers the window that was active before a window of ours showed, to give it the focus back.

    ``remember()`` before showing, ``restore()`` after hiding. The platform layer is the two functions above
    (``active_window``/``activate_window``), looked up at call time so tests can replace them.
    """

    def __init__(self) -> None:
        self.window = 0

    def remember(self) -> None:
        self.window = active_window()

    def restore(self) -> bool:
        return activate_window(self.window) if self.window else False
