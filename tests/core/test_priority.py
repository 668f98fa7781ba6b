"""Batch work yields the CPU: a lowered thread or process runs at batch priority, the rest keeps its own."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from csdesk.core import priority

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")


@linux_only
def test_a_lowered_thread_runs_at_batch_priority_and_the_caller_keeps_its_own() -> None:
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[int] = []

    def work() -> None:
        assert priority.lower_this_thread()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [max(before, priority.BATCH_NICENESS)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX nice")
@pytest.mark.parametrize(("command", "lowered"), [(["template"], True), (["search", "发货"], False)])
def test_batch_commands_run_at_batch_priority_searches_do_not(
    tmp_path: Path, command: list[str], lowered: bool
) -> None:
    """The CLI in a process of its own (lowering is for good: the test process must keep its priority)."""
    args = [*command, str(tmp_path / "blank.xlsx")] if command == ["template"] else command
    probe = (
        "import atexit, os, sys\n"
        "from csdesk.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('NICE', os.getpriority(os.PRIO_PROCESS, 0), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "--home", str(tmp_path / "home"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CSDESK_LANG": "en"},
    )
    assert result.returncode == 0, result.stderr
    nice = int(result.stderr.split("NICE")[-1].split()[0])
    start = os.getpriority(os.PRIO_PROCESS, 0)
    assert nice == (max(start, priority.BATCH_NICENESS) if lowered else start)
