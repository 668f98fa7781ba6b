"""Creating a library is atomic: concurrent first opens, an interrupted demo load, a lost ``initialised`` mark."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from csdesk.core import demo as demo_module
from csdesk.core.library import Library

ROOT = Path(__file__).resolve().parents[2]

OPEN_AND_SEARCH = """
import json, sys
from csdesk.core.library import Library
with Library.open(sys.argv[1]) as lib:
    hits = lib.search("尺码")
    print(json.dumps({"entries": lib.entries.count(), "hits": len(hits)}))
"""


def test_concurrent_first_opens_create_one_library(tmp_path: Path) -> None:
    """Four processes open the same new home at once: all succeed and see one complete demo library."""
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CSDESK_LANG": "zh_CN"}
    command = [sys.executable, "-c", OPEN_AND_SEARCH, str(home)]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, "encoding": "utf-8"}
    procs = [subprocess.Popen(command, env=env, **pipes) for _ in range(4)]
    results = [(p.wait(timeout=180), *p.communicate()) for p in procs]
    for code, out, err in results:
        assert code == 0, err
        assert '"hits": 0' not in out
    with Library.open(home) as lib:
        entries = lib.entries.count()
        assert entries >= 80
        assert all(f'"entries": {entries}' in out for _, out, _ in results)
        codes = [e.code for e in lib.entries.all() if e.code]
        assert len(codes) == len(
            set(zip(codes, [e.shop_id for e in lib.entries.all() if e.code], strict=True))
        )
        builtin = [r for r in lib.rules.all() if r.source != "shop"]
        assert len({(r.pattern, r.source) for r in builtin}) == len(builtin), "built-in rules loaded once"


def test_interrupted_demo_load_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    real_load = demo_module.load_demo

    def load_then_die(lib: Library) -> None:
        real_load(lib)
        raise KeyboardInterrupt  # the agent closed the window (or the machine went down) mid-way

    monkeypatch.setattr(demo_module, "load_demo", load_then_die)
    with pytest.raises(KeyboardInterrupt):
        Library.open(home)
    raw = sqlite3.connect(home / "library.sqlite3")
    assert raw.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0
    assert raw.execute("SELECT value FROM meta WHERE key = 'initialised'").fetchone() is None
    raw.close()
    monkeypatch.setattr(demo_module, "load_demo", real_load)
    with Library.open(home) as lib:  # the next start simply starts over
        assert lib.entries.count() >= 80
        assert lib.search("尺码")


def test_lost_initialised_mark_keeps_the_library(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Library.open(home) as lib:
        entries, rules = lib.entries.count(), len(lib.rules.all())
    raw = sqlite3.connect(home / "library.sqlite3")
    raw.execute("DELETE FROM meta WHERE key = 'initialised'")
    raw.commit()
    raw.close()
    for _ in range(2):
        with Library.open(home) as lib:
            assert lib.entries.count() == entries
            assert len(lib.rules.all()) == rules
            assert lib.search("尺码")


def test_new_library_index_is_built_once_after_commit(tmp_path: Path) -> None:
    with Library.open(tmp_path / "home") as lib:
        assert lib.index.is_current()
        assert lib.search("尺码")
    with Library.open(tmp_path / "empty", demo=False, build_index=False) as lib:
        assert lib.is_empty
        assert lib.search("尺码") == []
