"""Batch work yields the CPU to the agent's window.

An agent's PC is often a 2-core office machine running the chat client, a browser and csdesk. When a supervisor's
script imports a file, a team update arrives or the meaning layer embeds a whole library, that work must not make
the agent's next search wait for a CPU: measured with ``tests/benchmarks/bench_sharing.py``, a search's own work
grows by about a third under sharing, while its wall time grew by more than twice that, waiting for a core.

So batch commands of the CLI lower their own process priority, and long background threads of the app (the vector
build) lower theirs; interactive work (searching, copying, the window) keeps the normal priority. Lowering is
always allowed without privileges; nothing here raises a priority. Where the platform offers no way, nothing
happens.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading

log = logging.getLogger(__name__)

BATCH_NICENESS = 10
"""How much lower than normal (POSIX nice steps; Windows uses its "below normal" class)."""

_WINDOWS_BELOW_NORMAL_CLASS = 0x4000
_WINDOWS_THREAD_BELOW_NORMAL = -1


def lower_this_process() -> bool:
    """Run the rest of this process at batch priority; False when the platform did not allow it."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            return bool(kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _WINDOWS_BELOW_NORMAL_CLASS))
        current = os.getpriority(os.PRIO_PROCESS, 0)
        if current < BATCH_NICENESS:
            os.setpriority(os.PRIO_PROCESS, 0, BATCH_NICENESS)
        return True
    except (OSError, AttributeError):
        log.debug("could not lower the process priority", exc_info=True)
        return False


def lower_this_thread() -> bool:
    """Run the calling thread at batch priority (Linux and Windows; elsewhere False, nothing changes).

    On Linux a thread has its own nice value, set through its native id; other POSIX systems share one value per
    process, and lowering it there would slow the window too, so they are left alone.
    """
    with contextlib.suppress(OSError, AttributeError):
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            return bool(kernel32.SetThreadPriority(kernel32.GetCurrentThread(), _WINDOWS_THREAD_BELOW_NORMAL))
        if sys.platform.startswith("linux"):
            tid = threading.get_native_id()
            if os.getpriority(os.PRIO_PROCESS, tid) < BATCH_NICENESS:
                os.setpriority(os.PRIO_PROCESS, tid, BATCH_NICENESS)
            return True
    return False
