"""One running csdesk per library home.

The first instance listens on a QLocalServer named from a hash of the home path (and the user); a second start
connects, sends a message (``show``, ``toggle`` or ``palette``) and exits. ``csdesk --toggle`` uses the same door,
which is how Wayland desktops (no global hotkey grab) get a shortcut for the palette.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
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
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        # A crashed instance can leave its socket file behind; nobody answered, so take it over.
        QLocalServer.removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("single-instance server could not listen: %s", self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

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
