"""lib.index — the search index: rebuilds, staleness, sharing a home."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_index_rebuilt_when_missing_or_corrupt(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        entry = lib.create(EntryDraft(reply="保质期十二个月", code="bzq"))
    index_dir = home / "index"
    for path in index_dir.rglob("*"):
        if path.is_file():
            path.write_bytes(b"garbage")
    with Library.open(home) as lib:
        assert [h.entry_id for h in lib.search("保质期")] == [entry.id]
    import shutil

    shutil.rmtree(index_dir)
    with Library.open(home) as lib:
        assert [h.entry_id for h in lib.search("bzq")] == [entry.id]


def test_stale_index_from_another_writer_is_rebuilt(tmp_path: Path) -> None:
    """A write the index did not see (another process crashed mid-way) is detected by the generation number."""
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        lib.create(EntryDraft(reply="第一条"))
    conn = sqlite3.connect(home / "library.sqlite3")
    conn.execute("UPDATE entries SET reply = '偷偷改过的发货说明'")
    conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'index_generation'")
    conn.commit()
    conn.close()
    with Library.open(home, build_index=False) as lib:
        assert not lib.index.is_current()
        assert len(lib.search("发货说明")) == 1


def test_two_libraries_on_one_home_share_writes(tmp_path: Path) -> None:
    """The GUI and the CLI open the same home: writes from one are searchable from the other."""
    home = tmp_path / "home"
    with Library.open(home, demo=False) as gui, Library.open(home) as cli:
        entry = cli.create(EntryDraft(reply="命令行加的发票说明"))
        assert [h.entry_id for h in gui.search("发票")] == [entry.id]
        gui.update(entry.id, reply="界面改过的发票说明")
        assert cli.get(entry.id).reply == "界面改过的发票说明"
