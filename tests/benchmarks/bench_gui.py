"""The real GUI on a big library: start-up, typing in the workspace, the workbench's entry table, one edit, GC.

Run (offscreen, no display needed)::

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui.py [--home /tmp/big100k] [--size 100000]
        [--queries 20] [--seed 7] [--gc-freeze]

The library is built once (the corpus of ``bench_search.py``: ``generate`` with the same seed, filled with
``Library.create_many`` and one index rebuild, plus 3,000 copies in the usage log, an agent name and a supervisor
PIN) and reused while ``bench-gui.json`` in the home says it has the same size and seed.

The measurements run in a fresh process (``--measure``), which holds what the app holds and nothing of the
generated corpus; it starts the app through ``csdesk.gui.app.main`` with its settings in a temporary folder.
Measured, with ``time.perf_counter``:

- start: process start → the main window shown with the event loop running (and the first paint of the window);
- typing: ``--queries`` queries of each kind of ``bench_search.py`` typed into the workspace's search box (a
  pasted message in one ``setText``, the others one character at a time, 60 ms apart, as keystrokes arrive), time
  from the last ``setText`` to the results shown (``results_ready`` handled by the workspace);
- stalls: a ``QTimer`` ticking every 5 ms records the longest gap between ticks in each phase, i.e. the longest
  time the event loop could not run (> 100 ms is a visible freeze);
- the 管理 tab opened the first time, until its entry table holds every entry and the window has painted; then
  the table filtered (text and tag filters) and sorted by title, code and use count;
- one edit saved in the entry editor (supervisor mode) until ``Library.search`` finds the new word;
- garbage collection: ``gc.callbacks`` times every collection; reported per generation (count, max ms).
  ``--gc-freeze`` calls ``gc.collect(); gc.freeze()`` once the window is up and again once the table is loaded.

Text filters in the table include the 300 ms the page waits for a pause in typing at this size.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

T0 = time.perf_counter()  # process start, as near as Python gets

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PIN = "246810"
MARKER = "bench-gui.json"


# --------------------------------------------------------------------------------------------------- building
def ensure_library(home: Path, size: int, seed: int, per_kind: int) -> dict[str, Any]:
    """The library of ``size`` generated entries at ``home`` (built when missing); returns its marker data."""
    marker = home / MARKER
    if marker.exists():
        data = json.loads(marker.read_text(encoding="utf-8"))
        if (
            data.get("size") == size
            and data.get("seed") == seed
            and len(data["queries"]["pasted"]) >= per_kind
        ):
            return data
    import shutil

    from bench_search import fill_library, generate, make_queries

    from csdesk.core import pin

    if home.exists():
        shutil.rmtree(home)
    started = time.perf_counter()
    docs = generate(size, seed)
    queries = make_queries(docs, max(per_kind, 40), seed)
    lib, _ = fill_library(home, docs, lambda done: print(f"  {done} entries", flush=True))
    del docs
    rnd = random.Random(seed + 3)
    ids = [r[0] for r in lib._db.all("SELECT id FROM entries")]
    with lib._db.transaction():
        for entry_id in rnd.sample(ids, 3000):
            lib.log_copy(entry_id, query="bench")
    lib.set_setting("agent_name", "压测主管")
    pin.set_pin(lib, PIN)
    lib.close()
    data = {
        "size": size,
        "seed": seed,
        "fill_s": round(time.perf_counter() - started, 1),
        "queries": {kind: [[q, f"店铺{s}"] for q, s in qs] for kind, qs in queries.items()},
    }
    marker.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data


# --------------------------------------------------------------------------------------------------- measuring
class GcTimer:
    """Times every collection of Python's cyclic garbage collector through ``gc.callbacks``."""

    def __init__(self) -> None:
        self.times: list[tuple[int, float, float]] = []  # (generation, ms, when)
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.times.append((info["generation"], (time.perf_counter() - self._start) * 1000, self._start))

    def summary(self, since: float = 0.0) -> dict[str, tuple[int, float]]:
        out: dict[str, tuple[int, float]] = {}
        for gen in (0, 1, 2):
            ms = [t for g, t, when in self.times if g == gen and when >= since]
            out[str(gen)] = (len(ms), max(ms, default=0.0))
        return out


class StallMeter:
    """A 5 ms timer on the GUI thread; the longest gap between two ticks is the longest the event loop stalled."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0
        self.gaps: list[float] = []

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000
        self.last = now
        self.gaps.append(gap)
        self.worst = max(self.worst, gap)

    def start(self) -> None:
        self.reset()
        self.timer.start()

    def reset(self) -> float:
        worst, self.worst, self.gaps = self.worst, 0.0, []
        self.last = time.perf_counter()
        return worst

    def over(self, ms: float) -> int:
        return sum(1 for g in self.gaps if g > ms)


def wait_until(app: Any, condition: Callable[[], bool], timeout: float = 120.0) -> float:
    """Run the event loop until ``condition``; returns the ms it took (raises on timeout)."""
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError("condition not met")
        time.sleep(0.0005)
    return (time.perf_counter() - started) * 1000


def pause(app: Any, ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.0005)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


def measure(home: Path, per_kind: int, freeze: bool) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    gc_timer = GcTimer()
    data = json.loads((home / MARKER).read_text(encoding="utf-8"))
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="csdesk-bench-cfg-")
    app = QApplication([sys.argv[0]])
    result: dict[str, Any] = {"size": data["size"], "freeze": freeze}

    from csdesk.gui import app as app_module
    from csdesk.gui.manage import entry_table

    loads: list[float] = []
    original_reload = entry_table.EntryTableModel.reload

    def timed_reload(self: Any) -> None:
        t = time.perf_counter()
        original_reload(self)
        loads.append((time.perf_counter() - t) * 1000)

    entry_table.EntryTableModel.reload = timed_reload  # type: ignore[method-assign]

    class FirstPaint(QObject):
        at = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.at and event.type() == QEvent.Type.Paint and watched.objectName() == "mainWindow":
                self.at = time.perf_counter()
            return False

    first_paint = FirstPaint()
    app.installEventFilter(first_paint)

    def driver() -> None:
        try:
            run_driver()
        finally:
            app.quit()

    def run_driver() -> None:
        shown = time.perf_counter()
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible())
        wait_until(app, lambda: bool(first_paint.at), 10)
        result["start_ms"] = (shown - T0) * 1000
        result["first_paint_ms"] = (first_paint.at - T0) * 1000
        result["startup_table_load_ms"] = sum(loads)
        lib = window.lib
        wait_until(app, lambda: lib.index.is_current(), 120)
        if freeze:
            gc.collect()
            gc.freeze()
        stalls = StallMeter()
        stalls.start()
        pause(app, 300)
        stalls.reset()

        # ---------------------------------------------------------------- typing in the workspace
        workspace = window.workspace
        shown_queries: list[str] = []
        workspace.controller.results_ready.connect(lambda _h, q, _c: shown_queries.append(q))
        kinds: dict[str, list[float]] = {}
        typing_stall = 0.0
        typing_over = 0
        gc_since = time.perf_counter()
        for kind, queries in data["queries"].items():
            times = kinds.setdefault(kind, [])
            for query, shop in queries[:per_kind]:
                index = workspace.shop_combo.findText(shop, Qt.MatchFlag.MatchContains)
                if index >= 0 and workspace.shop_combo.currentIndex() != index:
                    workspace.shop_combo.setCurrentIndex(index)
                    wait_until(app, workspace.wait_idle)
                workspace.search.clear()
                wait_until(app, workspace.wait_idle)
                pause(app, 20)
                stalls.reset()
                steps = [query] if kind == "pasted" else [query[: i + 1] for i in range(len(query))]
                for step in steps[:-1]:
                    workspace.search.setText(step)
                    pause(app, 60)
                del shown_queries[:]
                t = time.perf_counter()
                workspace.search.setText(steps[-1])
                wait_until(app, lambda q=steps[-1]: q in shown_queries and workspace.wait_idle(), 30)
                times.append((time.perf_counter() - t) * 1000)
                typing_stall = max(typing_stall, stalls.reset())
                typing_over += stalls.over(100)
        result["typing"] = {k: (statistics.median(v), percentile(v, 95), max(v)) for k, v in kinds.items()}
        everything = [t for v in kinds.values() for t in v]
        result["typing_all"] = (statistics.median(everything), percentile(everything, 95), max(everything))
        result["typing_stall"] = typing_stall
        result["typing_stalls_over_100"] = typing_over
        result["typing_gc"] = gc_timer.summary(gc_since)
        workspace.search.clear()
        wait_until(app, workspace.wait_idle)

        # ---------------------------------------------------------------- the 管理 tab, first open
        manage = window.manage
        tabs = window.tabs
        manage_index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "管理")
        page = manage.entries_page
        loads.clear()
        stalls.reset()
        t = time.perf_counter()
        tabs.setCurrentIndex(manage_index)
        result["manage_switch_ms"] = (time.perf_counter() - t) * 1000
        wait_until(app, lambda: page.model.rowCount() >= data["size"], 120)
        pause(app, 50)
        result["manage_open_ms"] = (time.perf_counter() - t) * 1000 - 50
        result["manage_open_stall"] = stalls.reset()
        result["manage_table_load_ms"] = sum(loads)
        result["manage_open_gc"] = gc_timer.summary(t)
        if freeze:  # and again with the table's 100,000 entries in memory
            gc.collect()
            gc.freeze()
        after_load = time.perf_counter()

        def table_op(name: str, fn: Callable[[], None]) -> None:
            pause(app, 30)
            stalls.reset()
            t = time.perf_counter()
            fn()
            pause(app, 50)
            elapsed = (time.perf_counter() - t) * 1000 - 50
            result.setdefault("table_ops", []).append((name, elapsed, stalls.reset(), page.proxy.rowCount()))

        from csdesk.gui.manage.entry_table import Column, FilterMode

        def set_text(text: str) -> Callable[[], None]:
            def typed() -> None:  # as typed: the page may wait for a pause in typing before it filters
                page.filter_edit.setText(text)
                wait_until(app, lambda: page.proxy.text == text.casefold(), 10)

            return typed

        table_op("filter: text 尺码", set_text("尺码"))
        table_op("filter: text 尺码偏大", set_text("尺码偏大"))
        table_op("filter: cleared", set_text(""))
        table_op("filter: tag 犹豫型", lambda: page.set_filter(FilterMode.TAG, "犹豫型"))
        table_op("filter: never used", lambda: page.set_filter(FilterMode.NEVER_USED, ""))
        table_op("filter: all", lambda: page.set_filter(FilterMode.ALL, ""))
        table_op("sort: title", lambda: page.view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder))
        table_op(
            "sort: title, descending",
            lambda: page.view.sortByColumn(Column.TITLE, Qt.SortOrder.DescendingOrder),
        )
        table_op("sort: code", lambda: page.view.sortByColumn(Column.CODE, Qt.SortOrder.AscendingOrder))
        table_op("sort: uses", lambda: page.view.sortByColumn(Column.USES, Qt.SortOrder.DescendingOrder))
        table_op("filter while sorted: 尺码", set_text("尺码"))
        table_op("filter: cleared (sorted)", set_text(""))

        # ---------------------------------------------------------------- one edit, until searchable
        assert manage.session.unlock(PIN).ok
        edit_times: list[float] = []
        edit_stalls: list[float] = []
        rnd = random.Random(11)
        for i in range(5):
            row = rnd.randrange(page.proxy.rowCount())
            page.view.selectRow(row)
            pause(app, 50)
            editor = page.editor
            assert editor.entry is not None
            word = f"压测新词{i}{chr(0x4E00 + rnd.randrange(20000))}"
            editor.title_edit.setText(editor.title_edit.text() + word)
            pause(app, 30)
            stalls.reset()
            t = time.perf_counter()
            assert editor.save()
            shop = editor.entry.shop_name
            wait_until(app, lambda w=word, s=shop: bool(lib.search(w, shop=s)), 30)
            edit_times.append((time.perf_counter() - t) * 1000)
            pause(app, 50)
            edit_stalls.append(stalls.reset())
        result["edit"] = (statistics.median(edit_times), max(edit_times), max(edit_stalls))
        result["gc_all"] = gc_timer.summary()
        result["gc_after_load"] = gc_timer.summary(after_load)
        result["gc_objects"] = len(gc.get_objects())
        result["gc_gen2_max_after_start"] = max(
            (ms for g, ms, when in gc_timer.times if g == 2 and when >= gc_since), default=0.0
        )
        stalls.timer.stop()
        window.workspace.search.clear()

    QTimer.singleShot(0, driver)
    app_module.main(["csdesk"], home=str(home), demo=False)
    return result


# --------------------------------------------------------------------------------------------------- report
def report(r: dict[str, Any], command: str) -> str:
    lines = [
        f"`{command}` ({time.strftime('%Y-%m-%d')}, {r['size']:,} entries, gc.freeze {'on' if r['freeze'] else 'off'})",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| start → main window shown (first paint) | {r['start_ms']:.0f} ms ({r['first_paint_ms']:.0f} ms) |",
        f"| of which the entry table loaded at start-up | {r['startup_table_load_ms']:.0f} ms |",
    ]
    for kind, (p50, p95, worst) in r["typing"].items():
        lines.append(
            f"| typing, {kind}: last key → results shown, p50 / p95 / max | {p50:.0f} / {p95:.0f} / {worst:.0f} ms |"
        )
    p50, p95, worst = r["typing_all"]
    lines.append(f"| typing, all kinds: p50 / p95 / max | {p50:.0f} / {p95:.0f} / {worst:.0f} ms |")
    lines.append(
        f"| typing: longest event-loop stall (stalls > 100 ms) | {r['typing_stall']:.0f} ms "
        f"({r['typing_stalls_over_100']}) |"
    )
    gc_typing = r["typing_gc"]
    lines.append(f"| typing: GC gen2 runs, longest | {gc_typing['2'][0]} runs, {gc_typing['2'][1]:.0f} ms |")
    lines.append(
        f"| 管理 first open: until {r['size']:,} rows shown (longest stall) | {r['manage_open_ms']:.0f} ms "
        f"({r['manage_open_stall']:.0f} ms) |"
    )
    for name, elapsed, stall, rows in r["table_ops"]:
        lines.append(f"| table {name} → {rows:,} rows (longest stall) | {elapsed:.0f} ms ({stall:.0f} ms) |")
    e50, emax, estall = r["edit"]
    lines.append(
        f"| one edit saved → searchable, p50 / max (longest stall) | {e50:.0f} / {emax:.0f} ms ({estall:.0f} ms) |"
    )
    g = r["gc_all"]
    lines.append(
        f"| GC, whole run: gen0 / gen1 / gen2 longest (gen2 runs) | {g['0'][1]:.1f} / {g['1'][1]:.1f} / "
        f"{g['2'][1]:.0f} ms ({g['2'][0]}) |"
    )
    g = r["manage_open_gc"]
    lines.append(f"| GC gen2 while the 管理 table loads: runs, longest | {g['2'][0]}, {g['2'][1]:.0f} ms |")
    g = r["gc_after_load"]
    lines.append(
        f"| GC after the table loaded (table work, edits): gen2 runs, longest; gen1 longest | {g['2'][0]}, "
        f"{g['2'][1]:.0f} ms; {g['1'][1]:.1f} ms |"
    )
    lines.append(f"| objects tracked by the GC at the end | {r['gc_objects']:,} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", default="/tmp/big100k")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20, help="queries per kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() once the window is up")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    home = Path(args.home)
    if args.measure:
        print("RESULT " + json.dumps(measure(home, args.queries, args.gc_freeze), ensure_ascii=False))
        return
    data = ensure_library(home, args.size, args.seed, args.queries)
    print(f"library at {home}: {data['size']:,} entries (filled in {data['fill_s']} s)", flush=True)
    if args.build_only:
        return
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    cmd = [sys.executable, __file__, "--measure", "--home", str(home), "--queries", str(args.queries)]
    if args.gc_freeze:
        cmd.append("--gc-freeze")
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if out.returncode != 0 or line is None:
        sys.stderr.write(out.stdout[-4000:] + out.stderr[-8000:])
        raise SystemExit(1)
    Path(tempfile.gettempdir(), "bench-gui-last.json").write_text(line[7:], encoding="utf-8")
    command = "python tests/benchmarks/bench_gui.py" + (" --gc-freeze" if args.gc_freeze else "")
    print(report(json.loads(line[7:]), command))


if __name__ == "__main__":
    main()
