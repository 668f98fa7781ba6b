"""Killing csdesk in the middle of long operations, and checking what it left: shared by tests/core/test_kills.py
(one kill per kind) and tests/benchmarks/bench_reliability.py (hundreds).

``python -m tests.killing KIND HOME FOLDER`` runs one operation of KIND over and over on the library in HOME (FOLDER
holds the files it imports or exports) and prints a line after each acknowledged step; the parent kills it with
SIGKILL at a random moment and calls :func:`check_after_kill`.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("import", "export", "reindex", "restore", "edits", "backup", "team", "publish")
IMPORT_ROWS = 2000
TEAM_ENTRIES = 500
_team_template: Path | None = None
REPO = Path(__file__).resolve().parent.parent


def make_library(home: Path, entries: int) -> None:
    """A library of ``entries`` entries with one asset and one manual backup, its index built."""
    from csdesk.core.library import Library
    from csdesk.core.models import EntryDraft

    with Library.open(home, demo=False) as lib:
        picture = home.parent / "图.png"
        picture.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512))
        lib.assets.add(picture, folder="图片")
        lib.entries.create_many(
            [
                EntryDraft(
                    reply=f"第{i}条回复 亲,发货时间是下单后48小时内 编号{i}", title=f"话术{i}", code=f"k{i}"
                )
                for i in range(entries)
            ]
        )
        lib.health.backup("manual")


def make_import_file(folder: Path) -> Path:
    path = folder / "导入.csv"
    lines = ["标题,回复"] + [f"导入{i},导入的回复{i} 退换货说明" for i in range(IMPORT_ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def make_team_folder(folder: Path) -> Path:
    """``folder/team``: a team folder holding a published version of :data:`TEAM_ENTRIES` entries (built once per
    process, copied after)."""
    global _team_template
    if _team_template is None or not _team_template.exists():
        import tempfile

        from csdesk import team
        from csdesk.core.library import Library
        from csdesk.core.models import EntryDraft

        base = Path(tempfile.mkdtemp(prefix="csdesk-team-"))
        with Library.open(base / "publisher", demo=False) as lib:
            lib.entries.create_many(
                [
                    EntryDraft(reply=f"团队回复{i} 亲,七天无理由退换", title=f"团队话术{i}", code=f"t{i}")
                    for i in range(TEAM_ENTRIES)
                ]
            )
            team.publish(lib, base / "team", note="kills")
        _team_template = base / "team"
    target = folder / "team"
    if not target.exists():
        shutil.copytree(_team_template, target)
    return target


def _work(kind: str, home: Path, folder: Path) -> None:
    """The child: do ``kind`` forever, printing what was acknowledged."""
    from csdesk.core.backups import Backups
    from csdesk.core.library import Library
    from csdesk.formats import export_file, import_file

    lib = Library.open(home, demo=False)
    print("ready", flush=True)
    step = 0
    while True:
        step += 1
        if kind == "import":
            import_file(lib, folder / "导入.csv")
            print("imported", flush=True)
            return
        if kind == "export":
            export_file(lib, folder / ("导出.csdesk" if step % 2 else "导出.xlsx"))
        elif kind == "reindex":
            lib.index.rebuild()
        elif kind == "restore":
            store = Backups(lib)
            manual = [b for b in store.list() if b.kind == "manual"]
            store.restore(manual[-1].id)
        elif kind == "backup":
            Backups(lib).create("interval")
        elif kind == "team":  # the team update an agent's csdesk applies (a backup first, then the import)
            from csdesk import team

            team.apply_update(lib, folder / "team", force=True)
        elif kind == "publish":
            from csdesk import team

            team.publish(lib, folder / "published", note=f"第{step}版")
        elif kind == "edits":
            entry = lib.entries.all()[step % 50]
            lib.update(entry.id, reply=f"改过的回复 第{step}次")
            print(f"edit {entry.id} {step}", flush=True)
            continue
        print(f"{kind} {step}", flush=True)


@dataclass
class KillResult:
    kind: str
    delay: float
    acknowledged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    """What the kill left before the next open cleaned up."""


def kill_once(kind: str, home: Path, folder: Path, delay: float, *, when: str = "") -> KillResult:
    """Start the worker, SIGKILL it ``delay`` s after it is ready (or, with ``when``, as soon as a file matching that
    glob — relative to the home's parent — appears: mid-operation for sure), then check the home and the folder."""
    before = _entry_count(home)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.killing", kind, str(home), str(folder)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert process.stdout is not None
    ready = process.stdout.readline()
    result = KillResult(kind, delay)
    if ready.strip() != "ready":
        process.kill()
        result.problems.append(
            f"worker did not start: {ready!r} {process.stderr.read() if process.stderr else ''}"
        )
        return result
    if when:
        deadline = time.monotonic() + 60
        while not _appeared(home.parent, when) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.002)
    else:
        time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate()
    result.acknowledged = out.splitlines()
    if "Traceback" in err:
        result.problems.append(f"traceback before the kill: {err[-2000:]}")
    result.leftovers = [p.name for p in _leftovers(home, folder)]
    result.problems += check_after_kill(kind, home, folder, before, result.acknowledged)
    return result


def _appeared(folder: Path, pattern: str) -> bool:
    try:
        return any(folder.glob(pattern))
    except OSError:  # a folder vanished while it was listed
        return False


def _entry_count(home: Path) -> int:
    db = sqlite3.connect(f"file:{home / 'library.sqlite3'}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0])
    finally:
        db.close()


def check_after_kill(kind: str, home: Path, folder: Path, before: int, acknowledged: list[str]) -> list[str]:
    """What is wrong with ``home`` and ``folder`` after a kill (empty: nothing): integrity, all-or-nothing imports
    and restores, acknowledged edits, searchability, leftovers after the next open, complete exports."""
    from csdesk.core import leftovers
    from csdesk.core.library import Library
    from csdesk.formats import read_file

    problems: list[str] = []
    db = sqlite3.connect(home / "library.sqlite3")
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity check failed")
    finally:
        db.close()
    saved = leftovers.STALE_AFTER_S
    leftovers.STALE_AFTER_S = 0.0  # the killed program is dead: no need to wait for its folders to age
    try:
        lib = Library.open(home, demo=False)
    finally:
        leftovers.STALE_AFTER_S = saved
    try:
        after = lib.entries.count()
        if kind == "import" and after not in (before, before + IMPORT_ROWS):
            problems.append(f"partial import: {before} entries before, {after} after")
        if kind == "import" and "imported" in acknowledged and after != before + IMPORT_ROWS:
            problems.append("an acknowledged import is missing")
        if kind in ("restore", "export", "reindex", "backup", "publish") and after != before:
            problems.append(f"{kind} changed the number of entries: {before} → {after}")
        if kind == "team" and after not in (before, before + TEAM_ENTRIES):
            problems.append(f"partial team update: {before} entries before, {after} after")
        acknowledged_team = any(line.startswith("team ") for line in acknowledged)
        if kind == "team" and acknowledged_team and after != before + TEAM_ENTRIES:
            problems.append(f"an acknowledged team update is missing: {before} → {after}")
        last: dict[str, int] = {}
        for line in acknowledged:
            if line.startswith("edit "):
                _, entry_id, step = line.split()
                last[entry_id] = int(step)
        for entry_id, step in last.items():
            reply = lib.get(entry_id).reply
            done = int(reply.rsplit("第", 1)[1].rstrip("次")) if reply.startswith("改过的回复") else -1
            if done < step:
                problems.append(f"lost acknowledged edit of {entry_id}: step {step}, found {reply!r}")
        sample = lib.entries.all()[:1]
        if sample and not lib.search(sample[0].reply):
            problems.append("an entry is not searchable after the next open")
        if not lib.health.doctor(repair=False).ok:
            problems.append(f"doctor: {lib.health.doctor(repair=False).problems}")
    finally:
        lib.close()
    left = _leftovers(home, folder)
    if left:
        problems.append(f"leftovers: {[p.name for p in left]}")
    for name in ("导出.csdesk", "导出.xlsx", "published/library.csdesk"):
        if (folder / name).exists():
            try:
                read_file(folder / name)
            except Exception as exc:
                problems.append(f"export {name} is incomplete: {exc}")
    return problems


def _leftovers(home: Path, folder: Path) -> list[Path]:
    return [
        *home.glob(".index.building-*"),
        *home.glob(".index.old-*"),
        *(home / "backups").glob(".*partial*"),
        *folder.glob(".csdesk-*"),
        *folder.glob("*.tmp"),
        *(p for sub in ("team", "published") for p in (folder / sub).glob(".*tmp*")),
    ]


def fresh_copy(template: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target)
    return target


def random_delay(rng: random.Random, longest: float) -> float:
    return rng.uniform(0.0, longest)


if __name__ == "__main__":
    _work(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
