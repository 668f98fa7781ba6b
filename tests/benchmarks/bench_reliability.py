"""Reliability figures for the README: kills survived by kind, and hostile files refused.

    python tests/benchmarks/bench_reliability.py [--kills-per-kind 35] [--entries 1000] [--lanes 2] [--skip-hostile]

Kills: a worker (tests/killing.py) repeats an operation (import, export, reindex, restore, edits, backup, team update, team publish) on a copy of
a library and is killed with SIGKILL at a random moment; the next open must find an intact database, imports and
restores all or nothing, every acknowledged edit, the entries searchable, no leftovers in the home or the export
folder, and any export file complete. Hostile files: every file of tests/formats/hostile_files.py must be refused
with a CsdeskError and leave the library unchanged.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from csdesk.core import leftovers
from tests.killing import (
    KINDS,
    KillResult,
    fresh_copy,
    kill_once,
    make_import_file,
    make_library,
    make_team_folder,
)


def kills(per_kind: int, entries: int, seed: int, lanes: int) -> int:
    rng = random.Random(seed)
    base = Path(tempfile.mkdtemp(prefix="csdesk-kills-"))
    template = base / "template" / "home"
    make_library(template, entries)
    done: Counter[str] = Counter()
    mid: Counter[str] = Counter()
    failed: list[str] = []
    longest = {
        "import": 2.0,
        "export": 1.5,
        "reindex": 1.5,
        "restore": 1.5,
        "edits": 1.5,
        "backup": 1.0,
        "team": 3.0,
        "publish": 1.5,
    }
    plan = [(kind, rng.uniform(0.0, longest[kind])) for kind in KINDS for _ in range(per_kind)]
    rng.shuffle(plan)
    make_team_folder(base / "template")  # the team folder's template, built before the lanes copy it
    started = time.perf_counter()
    leftovers.STALE_AFTER_S = 0.0  # every killed worker is dead when its home is checked

    def one(number: int, kind: str, delay: float) -> KillResult:
        work = base / f"kill-{number}"
        home = fresh_copy(template, work / "home")
        folder = work / "out"
        folder.mkdir()
        make_import_file(folder)
        make_team_folder(folder)
        result = kill_once(kind, home, folder, delay)
        shutil.rmtree(work, ignore_errors=True)
        return result

    with ThreadPoolExecutor(lanes) as pool:
        futures = [pool.submit(one, number, kind, delay) for number, (kind, delay) in enumerate(plan, 1)]
        results = [future.result() for future in futures]
    print(f"{len(plan)} kills in {time.perf_counter() - started:.0f} s, {lanes} at a time")
    for result in results:
        kind = result.kind
        done[kind] += 1
        mid[kind] += bool(result.leftovers)
        if result.problems:
            failed.append(f"{kind} (delay {result.delay:.2f} s): {result.problems}")
    print("\nkind       kills  left something to clean  problems")
    for kind in KINDS:
        problems = sum(1 for f in failed if f.startswith(kind))
        print(f"{kind:10} {done[kind]:5}  {mid[kind]:23}  {problems}")
    print(f"all        {sum(done.values()):5}  {sum(mid.values()):23}  {len(failed)}")
    for line in failed:
        print("FAILED", line)
    return len(failed)


def hostile() -> int:
    from csdesk.core.errors import CsdeskError
    from csdesk.core.library import Library
    from csdesk.formats import import_file
    from tests.formats.hostile_files import HOSTILE
    from tests.fuzzing import fingerprint

    folder = Path(tempfile.mkdtemp(prefix="csdesk-hostile-"))
    refused = 0
    with Library.open(folder / "home", demo=True) as lib:
        for kind, make in HOSTILE.items():
            path = make(folder)
            before = fingerprint(lib)
            started = time.perf_counter()
            try:
                import_file(lib, path)
                outcome = "IMPORTED (should have been refused)"
            except CsdeskError as exc:
                same = fingerprint(lib) == before
                refused += same
                outcome = (
                    f"refused in {time.perf_counter() - started:.2f} s{'' if same else ', LIBRARY CHANGED'}: "
                    + (exc.english.splitlines()[0][:110])
                )
            print(f"{kind:32} {outcome}")
    print(f"hostile files refused, library unchanged: {refused}/{len(HOSTILE)}")
    return len(HOSTILE) - refused


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills-per-kind", type=int, default=35)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-kills", action="store_true")
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--lanes", type=int, default=2, help="kills run side by side")
    args = parser.parse_args()
    bad = 0 if args.skip_hostile else hostile()
    if not args.skip_kills:
        bad += kills(args.kills_per_kind, args.entries, args.seed, args.lanes)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
