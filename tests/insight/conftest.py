"""Fixtures of the insight tests: the synthetic week of synthetic.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.core.library import Library
from tests.insight.synthetic import week_library


@pytest.fixture
def week_lib(tmp_path: Path) -> Iterator[Library]:
    lib = week_library(tmp_path / "home")
    yield lib
    lib.close()
