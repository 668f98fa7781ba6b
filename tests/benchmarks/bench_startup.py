"""Start-up: process start → the workspace's search box has the focus and takes keys, median of N runs, against
PySide6's own floor measured in the same session.

    python tests/benchmarks/bench_startup.py [--runs 5] [--platform xcb|offscreen|both] [--first]
                                             [--display :N] [--compare DIR]

Each run is a fresh ``python`` process started by this script; the clock starts just before ``Popen``, so the
interpreter and every import count. The app's child runs what the ``csdesk`` command runs (``csdesk.cli.main`` with
``--home``), with a probe hooked into the QApplication it creates (tests/startup_probe.py): it prints ``FOCUS`` and
the CPU time it has used when the search box receives the focus, then types ``th`` (pinyin initials of 退货) into it
and prints how long the results for it took to show (Whoosh is loaded once the window is shown, so this is where a
late load would show). The floor, run alternately with the app so both see the same load: a bare PySide6 process that
shows a QMainWindow with one focused QLineEdit. CPU seconds are given beside the wall-clock ones: on a loaded machine
they move much less.

``--first`` also times the very first start (a new home: the demo library is created behind the start-up splash,
the index built after the first paint), each run in a new home. Platforms: ``xcb`` is a real X11 window under a
window manager — a private Xvfb (1366×768) with openbox is started unless ``--display`` names one — and
``offscreen`` is Qt's windowless platform. Python may write its bytecode cache (as an installed csdesk has one); a
warm-up run of each kind is not counted. The machine's load average is printed with the figures.

``--compare DIR`` also runs the csdesk in DIR (a checkout or ``git archive`` of another commit, put first on
PYTHONPATH), alternately with the others, for a before/after in one session.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.startup_probe import csdesk_script

PROBE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

KEYS = "th"

class Probe(QObject):
    focused = False

    def eventFilter(self, obj, event):
        if not self.focused and event.type() == QEvent.Type.FocusIn and obj.objectName() == "searchBox":
            self.focused = True
            print("FOCUS", time.process_time(), flush=True)
            if APP:
                QTimer.singleShot(0, lambda: self.type_into(obj))
            else:
                QTimer.singleShot(0, QApplication.instance().quit)
        return False

    def type_into(self, box):
        self.typed = time.perf_counter()
        QTest.keyClicks(box, KEYS)
        self.poll()

    def poll(self):
        window = box_window()
        controller = window.workspace.controller
        if controller.query == KEYS and not controller.is_busy() and window.workspace.result_model.rowCount():
            print(f"RESULTS {time.perf_counter() - self.typed:.4f}", flush=True)
            QTimer.singleShot(0, window.quit)
            return
        QTimer.singleShot(2, self.poll)

def box_window():
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
"""

FLOOR = (
    PROBE.replace("APP:", "False:")
    + r"""
from PySide6.QtWidgets import QLineEdit, QMainWindow

app = QApplication(sys.argv[:1])
probe = Probe()
app.installEventFilter(probe)
window = QMainWindow()
edit = QLineEdit()
edit.setObjectName("searchBox")
window.setCentralWidget(edit)
window.resize(1280, 720)
window.show()
edit.setFocus()
sys.exit(app.exec())
"""
)

# The probe is run once csdesk.gui.app has made the QApplication (PySide6 is loaded there, after the core).
APP = csdesk_script(
    f"PROBE = {PROBE!r}\n"
    + r"""
def install(app):
    namespace = {"APP": True}
    exec(compile(PROBE.replace("APP:", "True:"), "probe", "exec"), namespace)
    app._probe = namespace["Probe"]()
    app.installEventFilter(app._probe)
"""
)


class Run(NamedTuple):
    focus: float
    """Seconds from before ``Popen`` to the search box's focus."""
    cpu: float
    """CPU seconds the child had used by then (all its threads): much less at the mercy of the machine's load."""
    results: float
    """Seconds from the first typed key to its results on screen (the app only)."""


def run_once(code: str, args: list[str], env: dict[str, str]) -> Run:
    """One child process; nan for what it did not report."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=tempfile.gettempdir(),  # not a checkout: ``python -c`` puts the working folder first on sys.path
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    focus = cpu = results = float("nan")
    for line in child.stdout:
        if line.startswith("FOCUS"):
            focus = time.perf_counter() - start
            cpu = float(line.split()[1])
        elif line.startswith("RESULTS"):
            results = float(line.split()[1])
    try:
        child.wait(60)
    except subprocess.TimeoutExpired:  # a child that never focuses: nan, and stopped
        child.kill()
        child.wait()
    return Run(focus, cpu, results)


@contextlib.contextmanager
def x_display(display: str | None) -> Iterator[str]:
    """``display``, or a private Xvfb (1366×768) with openbox on a free display number, stopped afterwards."""
    if display:
        yield display
        return
    if not shutil.which("Xvfb") or not shutil.which("openbox"):
        raise SystemExit("xcb needs Xvfb and openbox (or --display :N)")
    number = next(n for n in range(140, 240) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    name = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", "1366x768x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL
    )
    manager = None
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.05)
        manager = subprocess.Popen(
            ["openbox"],
            env={**os.environ, "DISPLAY": name},
            stderr=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)  # openbox takes the screen
        yield name
    finally:
        for process in (manager, server):
            if process is not None:
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(5)


def median(values: list[float]) -> float:
    kept = [v for v in values if v == v]
    return statistics.median(kept) if kept else float("nan")


def fmt(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:.2f}" for v in values) + "]"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} CPUs"


def bench(platform: str, args: argparse.Namespace, base_env: dict[str, str], work: Path) -> None:
    env = {**base_env, "QT_QPA_PLATFORM": platform}
    home = work / f"home-{platform}"
    kinds = {"csdesk": env}
    if args.compare:
        kinds[f"csdesk in {args.compare}"] = {**env, "PYTHONPATH": str(args.compare)}
    for kind_env in kinds.values():
        run_once(APP, [str(home)], kind_env)  # creates the demo library; warms the bytecode cache
    run_once(FLOOR, [], env)
    floor: list[Run] = []
    runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):  # alternately, so all see the same load
        floor.append(run_once(FLOOR, [], env))
        for kind, kind_env in kinds.items():
            runs[kind].append(run_once(APP, [str(home)], kind_env))
    print(f"platform {platform}, {args.runs} runs each, {load()}")
    f, f_cpu = median([r.focus for r in floor]), median([r.cpu for r in floor])
    print(
        f"  PySide6 floor (window + focused line edit): median {f:.2f} s  {fmt([r.focus for r in floor])}"
        f"  CPU {f_cpu:.2f} s"
    )
    for kind in kinds:
        a, cpu = median([r.focus for r in runs[kind]]), median([r.cpu for r in runs[kind]])
        typed = [r.results for r in runs[kind]]
        print(f"  {kind}, demo library (104 entries): median {a:.2f} s  {fmt([r.focus for r in runs[kind]])}")
        print(f"    {a / f:.1f} × the floor; CPU {cpu:.2f} s ({cpu / f_cpu:.1f} × the floor's)")
        print(
            f"    first typed key (th) → its results shown: median {median(typed) * 1000:.0f} ms  {fmt(typed)} s"
        )
    if args.first:
        first: list[float] = []
        first_floor: list[float] = []
        for n in range(args.runs):
            first_floor.append(run_once(FLOOR, [], env).focus)
            first.append(run_once(APP, [str(work / f"first-{platform}-{n}")], env).focus)
        f, a = median(first_floor), median(first)
        print(
            f"  first start (new home: demo created behind the splash): median {a:.2f} s  {fmt(first)}"
            f"  ({a / f:.1f} × the floor {f:.2f} s)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", choices=("xcb", "offscreen", "both"), default="both")
    parser.add_argument(
        "--display", help="an X display with a window manager (default: a private Xvfb + openbox)"
    )
    parser.add_argument("--first", action="store_true", help="also time the first start (demo creation)")
    parser.add_argument("--compare", type=Path, help="also time the csdesk in this folder (another commit)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "QT_QPA_PLATFORM")}
    env.update({"XDG_CONFIG_HOME": str(work / "xdg"), "CSDESK_CONFIG_DIR": str(work / "config")})
    env.update({"XDG_RUNTIME_DIR": str(work / "runtime")})
    (work / "runtime").mkdir(mode=0o700)
    print(f"{load()} at the start")
    try:
        if args.platform in ("xcb", "both"):
            with x_display(args.display) as display:
                bench("xcb", args, {**env, "DISPLAY": display}, work)
        if args.platform in ("offscreen", "both"):
            bench("offscreen", args, env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
