"""Big index writes with a helper process (csdesk/core/indexbuild.py): the same index as one process writes, a
helper that fails or is left alone never costs an entry, and nothing is left behind."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from csdesk.core import helperproc, indexbuild
from csdesk.core.helperproc import Helper
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def _drafts(n: int, start: int = 0) -> list[EntryDraft]:
    words = ["尺码", "发货", "退款", "面料", "保修", "发票", "赠品"]
    return [
        EntryDraft(
            reply=f"亲,关于{words[i % 7]}的问题已经为您查好了,编号{i}",
            title=f"{words[i % 7]}{words[(i + 3) % 7]}说明{i}",
            code=f"k{i}",
            question=f"请问{words[i % 7]}怎么样",
            tags=("老客户",) if i % 3 == 0 else (),
            shop="店铺甲" if i % 2 else None,
            category="售后/物流" if i % 5 == 0 else None,
        )
        for i in range(start, start + n)
    ]


def _searchable(lib: Library, n: int) -> None:
    assert lib.index.check_against_database() == []
    for i in (0, 1, n // 2, n - 1):
        hits = lib.search(f"k{i}", shop="店铺甲" if i % 2 else None, limit=3)
        assert hits and hits[0].entry.code == f"k{i}", i
    hits = lib.search("发货", tags=["老客户"], limit=500)
    wanted = {d.code for d in _drafts(n) if "老客户" in d.tags and "发货" in d.title + d.reply}
    assert {h.entry.code for h in hits} == wanted


def _index_files(home: Path) -> set[str]:
    return {p.name for p in (home / "index").iterdir() if p.is_file()}


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper for writes of 40 entries or more (the real threshold is 20,000)."""
    monkeypatch.setattr(indexbuild, "PARALLEL_MIN_DOCS", 40)
    monkeypatch.setattr("csdesk.core.search._BULK_UPDATE_DOCS", 40)
    monkeypatch.setattr("csdesk.core.areas.index._STREAMED_DOCS", 40)


def test_a_big_import_is_written_by_two_processes_into_one_index(
    tmp_path: Path, small_threshold: None
) -> None:
    started: list[int] = []
    real_start = Helper.start.__func__  # type: ignore[attr-defined]

    def counting_start(cls: type, function: str, folder: str, database: str, ids: list[str]) -> object:
        started.append(len(ids))
        return real_start(cls, function, folder, database, ids)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Helper, "start", classmethod(counting_start))
        with Library.open(tmp_path / "home", demo=False) as lib:
            lib.shops.ensure("店铺甲")
            lib.entries.create_many_ids(_drafts(120), action="import")
            assert started == [60]  # the helper wrote the first half
            _searchable(lib, 120)
            segments = [name for name in _index_files(tmp_path / "home") if name.endswith(".trm")]
            assert len(segments) == 2
    with Library.open(tmp_path / "home", demo=False) as lib:  # a fresh program reads the same
        _searchable(lib, 120)


def test_a_rebuild_with_a_helper_equals_one_written_alone(tmp_path: Path, small_threshold: None) -> None:
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        lib.shops.ensure("店铺甲")
        lib.entries.create_many_ids(_drafts(90), action="import")
        queries = ["尺码", "退款多久", "k7", "fahuo", "面料说明", "请问赠品"]
        shared = {q: [h.entry_id for h in lib.search(q, limit=50)] for q in queries}
        seen: list[tuple[int, int]] = []
        assert lib.index.rebuild(progress=lambda done, total: seen.append((done, total)) is None)
        assert seen[-1] == (90, 90)
        assert {q: [h.entry_id for h in lib.search(q, limit=50)] for q in queries} == shared
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(indexbuild, "PARALLEL_MIN_DOCS", 10**9)  # one process
            assert lib.index.rebuild()
            assert {q: [h.entry_id for h in lib.search(q, limit=50)] for q in queries} == shared
        _searchable(lib, 90)
    assert not [p for p in home.iterdir() if p.name.startswith(".index.")]  # no building folder left


def test_a_helper_that_fails_costs_nothing(
    tmp_path: Path, small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper cannot read the database (here: pointed at a missing one): this process writes its share."""
    real_start = Helper.start.__func__  # type: ignore[attr-defined]

    def broken_start(cls: type, function: str, folder: str, database: str, ids: list[str]) -> object:
        return real_start(cls, function, folder, str(tmp_path / "missing.sqlite3"), ids)

    monkeypatch.setattr(Helper, "start", classmethod(broken_start))
    with Library.open(tmp_path / "home", demo=False) as lib:
        lib.shops.ensure("店铺甲")
        lib.entries.create_many_ids(_drafts(100), action="import")
        _searchable(lib, 100)


def test_a_helper_that_cannot_start_costs_nothing(
    tmp_path: Path, small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(helperproc.sys, "executable", str(tmp_path / "no-such-python"))
    with Library.open(tmp_path / "home", demo=False) as lib:
        lib.shops.ensure("店铺甲")
        lib.entries.create_many_ids(_drafts(100), action="import")
        _searchable(lib, 100)


def test_a_helper_ends_when_its_program_does(tmp_path: Path) -> None:
    """A program killed mid-import closes the helper's stdin: the helper ends at once, and its unlisted segment
    files go with the next commit."""
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        lib.shops.ensure("店铺甲")
        lib.entries.create_many_ids(_drafts(60), action="import")
        ids = [e.id for e in lib.entries.all()] * 400  # a long job: 24,000 documents
    helper = Helper.start(
        "csdesk.core.indexbuild:build_share", str(home / "index"), str(home / "library.sqlite3"), ids
    )
    assert helper is not None
    time.sleep(0.5)
    process = helper._process
    assert process.poll() is None  # still working
    assert process.stdin is not None
    process.stdin.close()  # what the system does when the program that started it is killed
    process.wait(timeout=10)
    with Library.open(home, demo=False) as lib:
        lib.create(EntryDraft(reply="之后的一条编辑", code="after"))  # a commit: unlisted files are deleted
        assert lib.index.check_against_database() == []
        listed = {p.name for p in (home / "index").iterdir() if p.name.endswith(".trm")}
        assert len(listed) <= 2


def test_the_helper_runs_from_a_source_checkout_and_says_nothing(tmp_path: Path) -> None:
    """Started as ``python -m csdesk.core.helperproc`` with the checkout on its path; garbage on its stdin ends it
    quietly (no traceback reaches the user's terminal)."""
    proc = subprocess.run(
        [sys.executable, "-m", "csdesk.core.helperproc"],
        input=b"not a job",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stderr == b"" and proc.stdout == b""


def test_a_helper_runs_only_csdesk_functions_and_reports_failure(tmp_path: Path) -> None:
    helper = Helper.start("os:getcwd")
    assert helper is not None
    assert helper.result(30) == (False, None)
    helper.stop()
    helper = Helper.start("csdesk.core.textnorm:fold", "ＡＢＣ 尺碼")
    assert helper is not None
    done, value = helper.result(30)
    helper.stop()
    assert done and value == "abc 尺码"


def test_an_import_s_red_lines_checked_by_two_processes_equal_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half of a big import's texts are checked by a helper: the same findings, in the same order, shop-scoped
    rules included; and when the helper fails, this process checks its half too."""
    from csdesk.core import redlines
    from csdesk.core.models import Rule

    rows = []
    for i in range(60):
        reply = ["全网最低价,放心买", "加微信返现", "正常的回复,没有问题", "本店独家特供"][i % 4] + str(i)
        rows.append(
            (
                SimpleNamespace(
                    row=i + 2,
                    path="",
                    fields={"reply": reply},
                    variants=[{"reply": "最好的选择"}] if i % 5 == 0 else None,
                ),
                f"标题{i}",
                "店铺甲" if i % 3 else "通用",
            )
        )
    with Library.open(tmp_path / "home", demo=False) as lib:
        lib.shops.ensure("店铺甲")
        lib.rules.add(
            Rule(
                id=None,
                pattern="正常的回复",
                severity="warn",
                reason="只在店铺甲提醒",
                shop_id=lib.shops.get("店铺甲").id,
            )
        )
        alone = redlines.scan_rows(lib, rows)
        assert {f.shop for f in alone if f.word == "正常的回复"} == {"店铺甲"}
        monkeypatch.setattr(redlines, "PARALLEL_MIN_TEXTS", 10)
        started: list[int] = []
        real_start = Helper.start.__func__  # type: ignore[attr-defined]

        def counting_start(cls: type, function: str, *args: object) -> object:
            started.append(len(args[1]))  # type: ignore[arg-type]
            return real_start(cls, function, *args)

        monkeypatch.setattr(Helper, "start", classmethod(counting_start))
        assert redlines.scan_rows(lib, rows) == alone
        assert started == [36]  # half of the 72 texts (60 replies, 12 variants)
        monkeypatch.setattr(redlines, "check_texts", None)  # the helper cannot run its job
        monkeypatch.setattr(
            Helper,
            "start",
            classmethod(lambda cls, function, *args: real_start(cls, "csdesk.core.redlines:no_such", *args)),
        )
        assert redlines.scan_rows(lib, rows) == alone


def test_a_helper_ends_cleanly_after_its_answer() -> None:
    """Exit status 0 and nothing on stderr once the answer is read and stdin closed (no abort in shutdown)."""
    import pickle
    import struct

    process = subprocess.Popen(
        [sys.executable, "-m", "csdesk.core.helperproc"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    job = pickle.dumps(("csdesk.core.textnorm:fold", ("ＡＢ",)))
    process.stdin.write(struct.pack("<Q", len(job)) + job)
    process.stdin.flush()
    answer = process.stdout.read()
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    assert process.stderr.read() == b""
    size = struct.unpack("<Q", answer[:8])[0]
    assert pickle.loads(answer[8 : 8 + size]) == ("ok", "ab")


def test_a_big_update_replaces_the_documents_it_changes(tmp_path: Path) -> None:
    """An import of 500+ rows into entries the index holds deletes their old documents (and only those)."""
    with Library.open(tmp_path / "home", demo=False) as lib:
        lib.shops.ensure("店铺甲")
        ids = lib.entries.create_many_ids(_drafts(700), action="import")
        lib.create(EntryDraft(reply="不在这次更新里的条目", code="keep"))
        lib.entries.update_each({i: {"reply": f"改过的回复{n}"} for n, i in enumerate(ids[:600])})
        assert lib.index.check_against_database() == []
        assert lib.index._whoosh.doc_count() == 701
        assert [h.entry.code for h in lib.search("改过的回复599", limit=1)] == ["k599"]
        old_text = {h.entry.code for h in lib.search("已经为您查好了", limit=1000)}
        assert old_text == {f"k{n}" for n in range(600, 700)}  # the old replies are gone from the index
        assert [h.entry.code for h in lib.search("keep", limit=1)] == ["keep"]


def test_red_lines_checked_while_the_import_plans_equal_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper starts on a big file's texts before the plan, with each row's shop as the file names it; a row the
    plan moves to another shop (matched to an entry there) is checked again for that shop; the same findings as
    one process, whether the helper answers or fails."""
    from csdesk.core import redlines
    from csdesk.core.models import Rule
    from csdesk.formats import import_file

    moved = "3f2b1c4d-0000-4000-8000-000000000001"  # the id of an entry of 店铺甲: row 1 is matched into it
    table = tmp_path / "big.csv"
    lines = ["编号,标题,回复,快捷编码"]
    for i in range(40):
        reply = ["全网最低价放心买", "正常的回复没有问题", "本店独家特供", "加微信返现"][i % 4]
        lines.append(f"{moved if i == 1 else ''},条目{i},{reply}{i},c{i}")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(home: Path) -> list[str]:
        with Library.open(home, demo=False) as lib:
            shop = lib.shops.ensure("店铺甲")
            lib.rules.add(
                Rule(id=None, pattern="正常的回复", severity="warn", reason="店铺甲", shop_id=shop.id)
            )
            lib.create(EntryDraft(reply="旧回复", code="old", shop="店铺甲", id=moved))
            report = import_file(lib, table, dry_run=True)
            return [f.line() for f in report.red_lines]

    alone = run(tmp_path / "one")
    assert any("正常的回复" in line and "店铺甲" in line for line in alone)
    monkeypatch.setattr(redlines, "PARALLEL_MIN_TEXTS", 10)
    early_starts: list[int] = []
    real_start = redlines.EarlyCheck.start.__func__  # type: ignore[attr-defined]

    def counting(cls: type, lib: Library, rows: Any) -> Any:
        early = real_start(cls, lib, rows)
        early_starts.append(len(early.jobs) if early is not None else 0)
        return early

    monkeypatch.setattr(redlines.EarlyCheck, "start", classmethod(counting))
    assert run(tmp_path / "two") == alone
    assert early_starts == [26]  # two thirds of the 40 texts
    real_helper_start = Helper.start.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(
        Helper,
        "start",
        classmethod(lambda cls, fn, *a: real_helper_start(cls, "csdesk.core.redlines:nothing", *a)),
    )
    assert run(tmp_path / "three") == alone  # the helper fails: every text is checked here
