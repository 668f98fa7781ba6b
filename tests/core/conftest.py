"""Core fixtures: temporary library homes. Nothing here imports Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.core.library import Library


@pytest.fixture
def empty_lib(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "home", demo=False, agent="测试员")
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo home built per session; tests get a copy (building it costs ~1 s)."""
    home = tmp_path_factory.mktemp("demo") / "home"
    Library.open(home, demo=True).close()
    return home


@pytest.fixture
def demo_home(tmp_path: Path, _demo_template: Path) -> Path:
    import shutil

    target = tmp_path / "home"
    shutil.copytree(_demo_template, target)
    return target


@pytest.fixture
def demo_lib(demo_home: Path) -> Iterator[Library]:
    lib = Library.open(demo_home, agent="测试员")
    yield lib
    lib.close()
