"""A second Python process for a share of CPU-heavy, pure work (a big import's red-line scan and index).

csdesk's big jobs are pure Python and run on one core while the machine has at least two. A helper process takes a
share: it runs one module-level function (named ``"module:function"``) on arguments that pickle, and sends the
result back. Callers split their work, start a helper on one part, do the other part themselves, then collect; if
the helper cannot start, fails or dies, they do its part too. The helper only ever saves time: it never decides
anything, and nothing it does is visible until the caller uses its result.

Started as ``python -m csdesk.core.helperproc`` (not through :mod:`multiprocessing`, whose spawn would import the
caller's main script again: a script using the library without a ``__main__`` guard would run twice; and not a
fork, unsafe beside Qt's threads and unavailable on Windows). The job goes to its stdin as one pickle, the answer
comes back on its stdout; stdin stays open while it works, and it ends itself as soon as stdin closes (the program
that started it ended or was killed). Its stderr is discarded: a helper never prints a traceback at the user.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_LENGTH = struct.Struct("<Q")


class Helper:
    """One running helper process and the one job it was given."""

    def __init__(self, process: subprocess.Popen[bytes], function: str) -> None:
        self._process = process
        self._function = function

    @classmethod
    def start(cls, function: str, *args: Any) -> Helper | None:
        """Start ``function(*args)`` in a helper process; None when no process could be started."""
        import csdesk

        env = dict(os.environ)
        # the helper imports csdesk from where this program did (a source checkout as well as an install)
        root = str(Path(csdesk.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "csdesk.core.helperproc"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console window on Windows
            )
            assert process.stdin is not None
            job = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
            process.stdin.write(_LENGTH.pack(len(job)) + job)
            process.stdin.flush()
            return cls(process, function)
        except Exception:
            log.info(
                "a helper process for %s could not start; working in one process", function, exc_info=True
            )
            return None

    def result(self, timeout: float) -> tuple[bool, Any]:
        """``(True, value)`` the job returned, or ``(False, None)``: it failed, died, or ran past ``timeout`` s."""
        answer: list[bytes] = []

        def read() -> None:
            assert self._process.stdout is not None
            with contextlib.suppress(Exception):
                answer.append(self._process.stdout.read())

        reader = threading.Thread(target=read, name="csdesk-helper-read", daemon=True)
        reader.start()
        reader.join(timeout)
        if not answer or len(answer[0]) < _LENGTH.size:
            log.info("the helper process for %s ended without an answer", self._function)
            return False, None
        try:
            size = _LENGTH.unpack(answer[0][: _LENGTH.size])[0]
            status, value = pickle.loads(answer[0][_LENGTH.size : _LENGTH.size + size])
        except Exception:
            log.info("the helper process for %s answered something unreadable", self._function, exc_info=True)
            return False, None
        if status != "ok":
            log.info("the helper process for %s failed: %s", self._function, value)
            return False, None
        return True, value

    def stop(self) -> None:
        """End the helper (it ends by itself once its stdin closes) and reap it."""
        with contextlib.suppress(Exception):
            if self._process.stdin is not None:
                self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=5)
        with contextlib.suppress(Exception):
            if self._process.stdout is not None:
                self._process.stdout.close()


def _main() -> None:
    """The helper process: read the job from stdin, run it, send the answer to stdout; quiet whatever happens,
    and gone as soon as stdin closes."""
    import warnings

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        size = _LENGTH.unpack(stdin.read(_LENGTH.size))[0]
        function, args = pickle.loads(stdin.read(size))
    except Exception:
        return
    _exit_when_closed(stdin)
    answer: tuple[str, Any]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module, _, name = str(function).partition(":")
            if not module.startswith("csdesk."):
                raise ValueError(f"not a csdesk function: {function}")
            answer = ("ok", getattr(importlib.import_module(module), name)(*args))
    except BaseException as exc:  # the caller does this share itself; a traceback would only alarm the user
        answer = ("error", f"{type(exc).__name__}: {exc}")
    with contextlib.suppress(Exception):
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(_LENGTH.pack(len(data)) + data)
        stdout.flush()


def _exit_when_closed(stdin: Any) -> None:
    """End the helper at once when its parent closes stdin or ends (killed mid-import)."""

    def watch() -> None:
        with contextlib.suppress(Exception):
            while stdin.read(1):
                pass
        os._exit(0)

    threading.Thread(target=watch, name="csdesk-helper-watch", daemon=True).start()


if __name__ == "__main__":
    _main()
    # At once, without the interpreter's shutdown: the stdin watcher may still be blocked in a read, and a daemon
    # thread ending the process during finalisation aborts it (a crash report on some systems).
    os._exit(0)
