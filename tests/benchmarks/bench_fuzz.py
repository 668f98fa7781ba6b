"""Long fuzzing profile: N cases (default 10,000) per importer, plus the renderer, rule checker and query path.

    python tests/benchmarks/bench_fuzz.py [--cases 10000] [--only "csv (UTF-8),xlsx,text"]

Prints, per target, the cases run and the internal errors (anything but a CsdeskError; 0 expected). A refused file
that changed the library fails the run. Exit status 1 when any target had an internal error.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hypothesis import HealthCheck, given, settings

from csdesk.core.library import Library
from tests.fuzzing import CASES, INTERNAL, files, import_case, strategies_for_text, text_case


def _importer_case(
    profile: Any, lib: Library, folder: Path, name: str, suffix: str, fmt: str, strategy: Any
) -> Any:
    @profile
    @given(strategy)
    def case(data: bytes) -> None:
        import_case(lib, folder, name, suffix, fmt, data)

    return case


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument(
        "--only", default="", help="comma-separated target names (as printed); 'text' for the rest"
    )
    args = parser.parse_args()
    profile = settings(
        max_examples=args.cases, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    folder = Path(tempfile.mkdtemp(prefix="csdesk-fuzz-"))
    failures: dict[str, str] = {}
    with Library.open(folder / "home", demo=False) as lib:
        wanted = [w for w in args.only.split(",") if w]
        targets = {
            name: spec for name, spec in files().items() if not wanted or any(w == name for w in wanted)
        }
        for name, (suffix, fmt, strategy) in targets.items():
            started = time.perf_counter()

            try:
                _importer_case(profile, lib, folder, name, suffix, fmt, strategy)()
            except Exception:
                failures[name] = traceback.format_exc(limit=6)
            print(f"{name:24} {CASES[name]:>7} cases  {INTERNAL[name]} internal errors  "
                  f"{time.perf_counter() - started:6.1f} s", flush=True)  # fmt: skip
        if not wanted or "text" in wanted:

            @profile
            @given(strategies_for_text())
            def text(sample: tuple[str, dict[str, str]]) -> None:
                text_case(lib, *sample)

            try:
                text()
            except Exception:
                failures["text"] = traceback.format_exc(limit=6)
            for target in ("renderer", "rule checker", "query"):
                print(f"{target:24} {CASES[target]:>7} cases  {INTERNAL[target]} internal errors", flush=True)
    for name, trace in failures.items():
        print(f"\n--- {name}\n{trace}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
