"""The index never claims what it does not hold: entries written while another program held the index's writer
lock, or by a program that exited or was killed before indexing them, are found by the next search anywhere.

"Program L" is a Whoosh writer opened on the home's index (the lock file is what other programs see); the CLI runs
as a real subprocess; the GUI's library is a ``Library`` open in this process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.core.search import SearchIndex


@contextmanager
def writer_lock_held(home: Path) -> Iterator[None]:
    """Another program holding the index's writer lock for as long as the block runs."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ix = whoosh_index.open_dir(str(home / "index"))
        writer = ix.writer()
    try:
        yield
    finally:
        writer.cancel()
        ix.close()


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CSDESK_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "csdesk.cli", "--home", str(home), *args],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def _csv(path: Path, prefix: str, n: int) -> Path:
    rows = ["标题,回复,问题"] + [f"{prefix}{i}号,{prefix}回复{i},{prefix}问题{i}" for i in range(n)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _unsearchable(lib: Library) -> list[str]:
    """Live, enabled entries that a search by their own title does not return."""
    missing = []
    for entry in lib.entries.all():
        if entry.enabled and entry.id not in {h.entry_id for h in lib.search(entry.title, limit=50)}:
            missing.append(entry.title)
    return missing


def test_cli_import_while_locked_then_gui_edit_loses_nothing(tmp_path: Path) -> None:
    """The reported interleaving: GUI open; L holds the lock; the CLI imports and exits; the GUI edits one entry."""
    home = tmp_path / "home"
    gui = Library.open(home, demo=False)
    try:
        first = gui.create(EntryDraft(reply="您好,今天发货。", question="什么时候发货", title="发货时间"))
        with writer_lock_held(home):
            proc = _cli(home, "import", str(_csv(tmp_path / "rows.csv", "导入条目", 30)), "--shop", "")
            assert proc.returncode == 0, proc.stderr
            assert "Traceback" not in proc.stderr
        gui.update(first.id, reply="您好,明天发货。")  # stamps the index: must apply the CLI's rows too
        assert gui.index.is_current()
        assert _unsearchable(gui) == []
        assert [h.entry.title for h in gui.search("导入条目17号")][:1] == ["导入条目17号"]
        assert gui.health.doctor(repair=False).ok
    finally:
        gui.close()
    with Library.open(home) as again:
        assert _unsearchable(again) == []


def test_own_write_is_found_by_the_next_search_while_another_program_writes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        lib.create(EntryDraft(reply="先有的回复", question="先有的问题", title="先有条目"))
        with writer_lock_held(home):
            made = lib.create(EntryDraft(reply="七天无理由退货", question="能退货吗", title="退货政策"))
            assert made.id in [h.entry_id for h in lib.search("退货政策")]
            lib.update(made.id, title="退换政策")
            assert made.id in [h.entry_id for h in lib.search("退换政策")]
            lib.delete(made.id)
            assert made.id not in [h.entry_id for h in lib.search("退换政策")]
        lib.index.catch_up()
        assert lib.index.is_current() and lib.health.doctor(repair=False).ok


def test_two_clis_while_locked_then_a_fresh_open(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Library.open(home, demo=False).close()
    with writer_lock_held(home):
        for name in ("甲", "乙"):
            proc = _cli(home, "import", str(_csv(tmp_path / f"{name}.csv", f"{name}批", 20)), "--shop", "")
            assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        proc = _cli(home, "search", "甲批5号")  # a search while locked finds them too, without waiting
        assert proc.returncode == 0 and "甲批5号" in proc.stdout, proc.stdout + proc.stderr
    with Library.open(home) as lib:
        assert lib.entries.count() == 40
        assert _unsearchable(lib) == []
        assert lib.health.doctor(repair=False).ok


def test_a_program_killed_before_indexing_loses_no_entry(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Library.open(home, demo=False).close()
    script = textwrap.dedent(f"""
        import os, signal
        from csdesk.core.library import Library
        from csdesk.core.models import EntryDraft
        lib = Library.open({str(home)!r})
        lib.entries.create_many([EntryDraft(reply=f"被杀前写入{{i}}", title=f"被杀条目{{i}}") for i in range(15)])
        print("written", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    with writer_lock_held(home):
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL and "written" in proc.stdout, proc.stderr
    with Library.open(home) as lib:
        assert lib.entries.count() == 15
        assert _unsearchable(lib) == []


def test_a_gui_with_a_team_update_in_between(tmp_path: Path) -> None:
    """The GUI's library sees another program's import (a team update is one) on its next search."""
    home = tmp_path / "home"
    with Library.open(home, demo=False) as gui:
        gui.create(EntryDraft(reply="本店回复", title="本店条目"))
        proc = _cli(home, "import", str(_csv(tmp_path / "team.csv", "团队条目", 10)), "--shop", "")
        assert proc.returncode == 0, proc.stderr
        assert [h.entry.title for h in gui.search("团队条目3号")][:1] == ["团队条目3号"]
        assert _unsearchable(gui) == []


def test_gui_open_while_a_team_update_runs_under_a_held_lock(tmp_path: Path) -> None:
    """The GUI has the library open; another program holds the lock; the CLI takes a team update and exits."""
    publisher_home, folder, home = tmp_path / "lead", tmp_path / "team", tmp_path / "agent"
    with Library.open(publisher_home, demo=False) as lead:
        shop = lead.shops.add("团队店", "淘宝")
        for i in range(12):
            lead.create(EntryDraft(reply=f"团队回复{i}", title=f"团队话术{i}", shop=shop.name))
    folder.mkdir()
    proc = _cli(publisher_home, "team", "publish", str(folder))
    assert proc.returncode == 0, proc.stderr
    gui = Library.open(home, demo=False)
    try:
        mine = gui.create(EntryDraft(reply="自己的回复", title="自己的话术"))
        with writer_lock_held(home):
            proc = _cli(home, "team", "update", str(folder))
            assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
            assert [h.entry.title for h in gui.search("团队话术7")][:1] == [
                "团队话术7"
            ]  # overlay, no waiting
        gui.update(mine.id, reply="改过的回复")
        assert gui.index.is_current() and _unsearchable(gui) == []
    finally:
        gui.close()
    with Library.open(home) as again:
        assert again.entries.count() == 13 and _unsearchable(again) == []


def test_doctor_finds_and_repairs_an_index_that_lost_an_entry(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        kept = lib.create(EntryDraft(reply="保留的回复", title="保留条目"))
        lost = lib.create(EntryDraft(reply="丢失的回复", title="丢失条目"))
        # a program with the old bug: deletes a document and stamps the index as current
        SearchIndex(home / "index").sync(lambda held: ([], [lost.id], lib.index.generation))
        report = lib.health.doctor(repair=False)
        assert not report.ok and any("搜不到" in p for p in report.problems)
        assert lost.id not in [h.entry_id for h in lib.search("丢失条目")]
        repaired = lib.health.doctor()
        assert repaired.repaired and lib.health.doctor(repair=False).ok
        assert lost.id in [h.entry_id for h in lib.search("丢失条目")]
        assert kept.id in [h.entry_id for h in lib.search("保留条目")]


def test_an_index_that_claims_more_entries_than_the_database_is_rebuilt_on_open(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        gone = lib.create(EntryDraft(reply="会被删掉", title="幽灵条目"))
    # another program deletes the row without touching the index or the generation (a restored backup, say)
    import sqlite3

    conn = sqlite3.connect(home / "library.sqlite3")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM entries WHERE id = ?", (gone.id,))
    conn.commit()
    conn.close()
    with Library.open(home) as lib:
        assert lib.index.check_against_database() == []
        assert lib.search("幽灵条目") == []


def test_big_write_streams_its_documents(empty_lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write of many changed entries (an import) reads their documents as the index writer takes them: the
    same index as a list would give, and an entry deleted in the same transaction is left out."""
    from csdesk.core.areas import index as index_area

    monkeypatch.setattr(index_area, "_STREAMED_DOCS", 50)
    streamed: list[int] = []
    original = index_area.IndexArea._streamed_docs_and_deletes

    def spy(self: index_area.IndexArea, ids: list[str]) -> object:
        result = original(self, ids)
        streamed.append(len(result[0]))
        return result

    monkeypatch.setattr(index_area.IndexArea, "_streamed_docs_and_deletes", spy)
    with empty_lib.database.transaction():
        ids = empty_lib.entries.create_many_ids(
            [EntryDraft(reply=f"换货流程第{i}步", code=f"hh{i}") for i in range(600)]
        )
        empty_lib.entries.delete(ids[7])
    assert streamed == [599]
    assert empty_lib.index.check_against_database() == []
    found = {hit.entry_id for hit in empty_lib.index.search("换货流程", limit=1000)}
    assert found == set(ids) - {ids[7]}
