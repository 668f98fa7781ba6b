"""Batch work yields the CPU: a lowered thread or process runs at batch priority, the rest keeps its own."""

from __future__ import annotations

import contextlib
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


def _nice_of_a_cli_run(tmp_path: Path, command: list[str], *, terminal: bool, env: dict[str, str]) -> int:
    """The CLI in a process of its own (lowering is for good: the test process must keep its priority), its
    stdout a pseudo-terminal (a person reading) or a pipe (a script)."""
    args = [*command, str(tmp_path / "blank.xlsx")] if command == ["template"] else command
    probe = (
        "import os, sys\n"
        "from csdesk.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('NICE', os.getpriority(os.PRIO_PROCESS, 0), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    argv = [sys.executable, "-c", probe, "--home", str(tmp_path / "home"), *args]
    full_env = {k: v for k, v in os.environ.items() if k != "CSDESK_PRIORITY"}
    full_env.update({"CSDESK_LANG": "en", **env})
    if not terminal:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=full_env)
        assert result.returncode == 0, result.stderr
        stderr = result.stderr
    else:
        import pty

        master, slave = pty.openpty()
        shown: list[bytes] = []

        def drain() -> None:  # a pseudo-terminal nobody reads blocks its writer once full
            with contextlib.suppress(OSError):
                while chunk := os.read(master, 4096):
                    shown.append(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        proc = subprocess.run(
            argv, stdout=slave, stderr=subprocess.PIPE, text=True, timeout=120, env=full_env
        )
        os.close(slave)
        reader.join(timeout=5)
        os.close(master)
        assert proc.returncode == 0, proc.stderr
        stderr = proc.stderr
    return int(stderr.split("NICE")[-1].split()[0])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX nice and pseudo-terminals")
@pytest.mark.parametrize(
    ("command", "terminal", "env", "lowered"),
    [
        (["template"], True, {}, True),  # batch work, even when a person watches it
        (["search", "发货"], True, {}, False),  # a person reads the answer
        (["search", "发货"], False, {}, True),  # a script or a pipe runs it, maybe in a loop
        (["show", "fh"], False, {"CSDESK_PRIORITY": "normal"}, False),  # a bot that answers from the CLI
        (["template"], False, {"CSDESK_PRIORITY": "normal"}, False),
        (["search", "发货"], True, {"CSDESK_PRIORITY": "batch"}, True),
        (
            ["search", "发货"],
            True,
            {"CSDESK_PRIORITY": "whatever"},
            False,
        ),  # an unknown value changes nothing
    ],
)
def test_batch_work_and_scripted_commands_run_at_batch_priority_a_person_at_a_terminal_does_not(
    tmp_path: Path, command: list[str], terminal: bool, env: dict[str, str], lowered: bool
) -> None:
    nice = _nice_of_a_cli_run(tmp_path, command, terminal=terminal, env=env)
    start = os.getpriority(os.PRIO_PROCESS, 0)
    assert nice == (max(start, priority.BATCH_NICENESS) if lowered else start)
