"""Shared fixtures: every test runs with a temporary home and config folder and never touches the user's files.

``QT_QPA_PLATFORM=offscreen`` is set here, before anything imports Qt, so GUI tests run without a display.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the run: the unpacked sentence model (80 MB) is made once, not once per test."""
    return tmp_path_factory.mktemp("csdesk-cache")


@pytest.fixture(autouse=True)
def _isolated_paths(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _session_cache: Path
) -> None:
    """Point CSDESK_CONFIG_DIR and CSDESK_HOME at temporary folders for every test (the cache: for the run)."""
    base = tmp_path_factory.mktemp("csdesk-env")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("CSDESK_CACHE_DIR", str(_session_cache))
    monkeypatch.setenv("CSDESK_HOME", str(base / "home"))
    # Lexical search only (deterministic, no model load per library); tests of the meaning layer opt in.
    monkeypatch.setenv("CSDESK_EMBEDDER", "off")


@pytest.fixture
def demo_lib(tmp_path: Path) -> Iterator[object]:
    """A library with the demo content in a temporary home, closed at teardown."""
    from csdesk.core.library import Library

    lib = Library.open(tmp_path / "home", demo=True)
    try:
        yield lib
    finally:
        lib.close()
