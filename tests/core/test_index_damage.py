"""A segment file the index names but that is empty or cut short (Whoosh: ``FileFormatError: Unknown file header
b''``, seen once in a long fuzz run) never reaches the user as a traceback: the library rebuilds the index and every
entry is found again, in this process, after a fresh open and from the CLI.

How such a file can come about: Whoosh writes a segment's files without fsync, then the TOC that names them; a
machine that stops (power, a full disk) between the two can leave a TOC naming files whose data never reached the
disk (0 bytes or cut short). A SIGKILL alone cannot (the page cache survives the process), which is why the kill
benchmark never produced one. The tests plant such files directly, and also record the sizes the index's meta file
expects as the damaged ones, so the cheap size check cannot catch it first: the read itself must.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from tests.core.test_index_consistency import writer_lock_held


def _newest(index: Path, suffix: str) -> Path:
    return max(index.glob(f"*{suffix}"), key=lambda p: (p.stat().st_mtime_ns, p.name))


def _plant(index: Path, victim: Path, data: bytes) -> None:
    """Replace ``victim`` with ``data`` and make the meta file expect exactly that size."""
    victim.write_bytes(data)
    meta_path = index / "csdesk-index.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if victim.name in meta.get("files", {}):
        meta["files"][victim.name] = len(data)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")


def _titles(lib: Library, query: str) -> set[str]:
    return {h.entry.title for h in lib.search(query, limit=50)}


@pytest.mark.parametrize(
    "suffix,cut", [(".trm", 0), (".trm", 7), (".pst", 0), ("._stored.col", 0), (".toc", 0), (".toc", 9)]
)
def test_an_empty_or_cut_segment_file_is_rebuilt_without_a_traceback(
    demo_home: Path, suffix: str, cut: int, capfd: pytest.CaptureFixture[str]
) -> None:
    with Library.open(demo_home) as lib:
        made = {lib.create(EntryDraft(title=f"植入条目{i}", reply="回复")).title for i in range(3)}
        assert lib.index.is_current()
    index = demo_home / "index"
    victim = _newest(index, suffix)
    _plant(index, victim, victim.read_bytes()[:cut])
    with Library.open(demo_home) as lib:
        assert _titles(lib, "植入条目") >= made
        assert _titles(lib, "漏气")  # the demo entries too
        assert lib.health.doctor(repair=False).ok
    with Library.open(demo_home) as lib:
        assert _titles(lib, "植入条目") >= made
    proc = subprocess.run(
        [sys.executable, "-m", "csdesk.cli", "--home", str(demo_home), "search", "植入条目"],
        capture_output=True, text=True, env={**os.environ, "CSDESK_LANG": "en"}, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "植入条目0" in proc.stdout
    captured = capfd.readouterr()
    assert "Traceback" not in proc.stderr + captured.err


def test_a_damaged_segment_met_while_the_index_lags_is_no_traceback(
    demo_home: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The overlay path (entries the index does not hold yet, scored with the index's idf) reads the index too."""
    with Library.open(demo_home) as lib:
        lib.create(EntryDraft(title="植入条目旧", reply="回复"))
        index = demo_home / "index"
        with writer_lock_held(demo_home):
            fresh = lib.create(EntryDraft(title="植入条目新", reply="回复"))  # the index lags on this one
            victim = _newest(index, ".trm")
            _plant(index, victim, b"")
            lib.index._whoosh._drop_reader()  # as a program that opens the damaged version for the first time
            assert fresh.id in {h.entry_id for h in lib.search("植入条目", limit=50)}
        assert _titles(lib, "植入条目") >= {"植入条目旧", "植入条目新"}
    with Library.open(demo_home) as lib:
        assert _titles(lib, "植入条目") >= {"植入条目旧", "植入条目新"}
        assert lib.health.doctor(repair=False).ok
    assert "Traceback" not in capfd.readouterr().err
