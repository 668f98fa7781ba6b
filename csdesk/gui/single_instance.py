"""One running csdesk per library home.

The first instance listens on a QLocalServer named from a hash of the home path (and the user); a second start
connects, sends a message (``show``, ``toggle`` or ``palette``) and exits. ``csdesk --toggle`` uses the same door,
which is how Wayland desktops (no global hotkey grab) get a shortcut for the palette.

A running instance also leaves a note (its home) in a per-user folder, :func:`registry_dir`: ``csdesk --toggle``
without ``--home`` finds the instance started with ``--home`` or ``CSDESK_HOME`` too, not only the default home's.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MESSAGES = ("show", "toggle", "palette")
TIMEOUT_MS = 1000


def server_name(home: str | os.PathLike[str]) -> str:
    """A short, stable socket name for this user and home folder."""
    try:
        user = getpass.getuser()
    except Exception:
        user = ""
    resolved = (
        str(Path(home).expanduser().resolve()).casefold()
        if os.name == "nt"
        else str(Path(home).expanduser().resolve())
    )
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()[:16]
    return f"csdesk-{digest}"


def registry_dir() -> Path:
    """Where running instances note their home (one file per instance, named like its socket)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    try:
        user = getpass.getuser()
    except Exception:
        user = "user"
    base = Path(runtime) if runtime and Path(runtime).is_dir() else Path(tempfile.gettempdir())
    return base / f"csdesk-{user}-instances"


def running_homes() -> list[Path]:
    """Homes of instances that noted themselves as running, newest first (stale notes are filtered by the caller
    trying to connect)."""
    folder = registry_dir()
    try:
        notes = sorted(folder.glob("csdesk-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    homes: list[Path] = []
    for note in notes:
        try:
            homes.append(Path(note.read_text(encoding="utf-8").strip()))
        except OSError:
            continue
    return homes


def send_to_any(preferred: str | os.PathLike[str], message: str) -> Path | None:
    """Deliver ``message`` to the instance for ``preferred``, else to any running instance; the home that took it."""
    candidates = [Path(preferred), *(h for h in running_homes() if server_name(h) != server_name(preferred))]
    for home in candidates:
        if send_message(home, message):
            return home
    return None


def send_message(home: str | os.PathLike[str], message: str) -> bool:
    """Deliver ``message`` to the instance running for ``home``; False when none is running."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(home))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(message.encode() + b"\n")
    socket.flush()
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.waitForReadyRead(TIMEOUT_MS)  # the server answers "ok" once it acted
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for messages from later starts; ``message_received(text)`` fires on the GUI thread."""

    message_received = Signal(str)

    def __init__(self, home: str | os.PathLike[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(home)
        self.home = Path(home)
        self._note: Path | None = None
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        ok = self._server.listen(self.name)
        if not ok:
            # A crashed instance can leave its socket file behind; nobody answered, so take it over.
            QLocalServer.removeServer(self.name)
            ok = self._server.listen(self.name)
        if not ok:
            log.warning("single-instance server could not listen: %s", self._server.errorString())
        else:
            self._write_note()
        return ok

    def _write_note(self) -> None:
        note = registry_dir() / self.name
        try:
            note.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            note.write_text(str(self.home.expanduser().resolve()), encoding="utf-8")
        except OSError:
            log.warning("could not note the running instance in %s", note, exc_info=True)
            return
        self._note = note

    def close(self) -> None:
        self._server.close()
        if self._note is not None:
            try:
                self._note.unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove %s", self._note, exc_info=True)
            self._note = None

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            text = bytes(socket.readLine().data()).decode(errors="replace").strip()
            if text in MESSAGES:
                self.message_received.emit(text)
            socket.write(b"ok\n")
            socket.flush()
