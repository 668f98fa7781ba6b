"""Fuzzing (fast profile, part of the default run): every importer, the renderer, the rule checker and the query
path. The long profile (10,000+ cases per importer) is tests/benchmarks/bench_fuzz.py; ``CSDESK_FUZZ_EXAMPLES``
sets the number of cases here too."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from csdesk.core.library import Library
from tests.fuzzing import files, import_case, strategies_for_text

EXAMPLES = int(os.environ.get("CSDESK_FUZZ_EXAMPLES", "25"))
FILES = files()
_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 100,  # the default run is reproducible; the long one explores
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    library = Library.open(tmp_path_factory.mktemp("fuzz") / "home", demo=False)
    yield library
    library.close()


@pytest.mark.parametrize("name", list(FILES))
def test_importer_accepts_or_refuses_cleanly(name: str, lib: Library) -> None:
    suffix, fmt, strategy = FILES[name]
    folder = Path(tempfile.mkdtemp(prefix="csdesk-fuzz-"))

    @_settings
    @given(strategy)
    def case(data: bytes) -> None:
        import_case(lib, folder, name, suffix, fmt, data)

    case()


def test_render_check_and_search_never_fail(lib: Library) -> None:
    from tests.fuzzing import text_case

    @_settings
    @given(strategies_for_text())
    def case(sample: tuple[str, dict[str, str]]) -> None:
        text_case(lib, *sample)

    case()
