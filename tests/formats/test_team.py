"""Team library: publish, check, apply; personal entries survive; broken publications change nothing."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from csdesk import team
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.formats import export_file
from tests.formats.conftest import snapshot


def test_publish_and_update_keep_personal_entries(demo: Library, lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    assert team.publish(demo, folder) == 1
    info = json.loads((folder / "version.json").read_text(encoding="utf-8"))
    assert info["version"] == 1 and info["publisher"] == "测试员" and info["published_at"]
    personal = lib.create(
        EntryDraft(reply="我自己的开场白", title="我的欢迎语", code="hy", origin="personal")
    )
    personal = lib.update(personal.id, title="我的欢迎语")  # edited once: the agent's, it keeps its code
    lib.update(personal.id, reply="我自己的开场白")
    imported = lib.create(EntryDraft(reply="以前导入的", title="导入的", origin="import"))
    update = team.check_for_update(lib, folder)
    assert update is not None and update.version == 1 and update.message == "团队话术库已更新到第 1 版"
    version, first = team.apply_update_report(lib, folder)
    assert version == 1 and first is not None
    assert lib.setting("team_version") == 1
    assert team.check_for_update(lib, folder) is None
    team_entries = [e for e in lib.entries.all() if e.origin == "team"]
    # the demo's own 'hy' clashes with the agent's code: imported without the code, and the report says so
    assert len(team_entries) == len(demo.entries.all()) and not first.conflicting
    demo_hy = demo.find("hy")
    assert lib.get(demo_hy.id).code == "" and lib.get(personal.id).code == "hy"
    (clash,) = [w for w in first.warnings if "hy" in w.message]
    assert "我的欢迎语" in clash.message and clash.column == "快捷编码" and clash.path
    assert lib.get(personal.id).reply == "我自己的开场白" and lib.get(imported.id).deleted_at is None

    gone = next(e for e in demo.entries.all(shop="小馋猫零食铺"))
    changed = next(e for e in demo.entries.all(shop="栖木女装旗舰店"))
    demo.delete(gone.id)
    demo.update(changed.id, reply="第二版的回复")
    demo.create(EntryDraft(reply="第二版新增", title="新增条目", shop="木几家居旗舰店"))
    demo.create(EntryDraft(reply="主管自己的", title="私人", origin="personal"))
    assert team.publish(demo, folder) == 2
    version, report = team.apply_update_report(lib, folder)
    assert version == 2 and report is not None
    assert [o.entry_id for o in report.removed] == [gone.id]
    assert [o.entry_id for o in report.updated] == [changed.id] and len(report.added) == 1
    assert lib.get(gone.id).deleted_at is not None
    assert lib.get(changed.id).reply == "第二版的回复" and lib.get(changed.id).origin_ref == "团队第 2 版"
    assert lib.get(personal.id).deleted_at is None and lib.get(imported.id).deleted_at is None
    assert not [e for e in lib.entries.all() if e.title == "私人"]
    assert team.apply_update(lib, folder) == 2  # nothing new


def test_broken_publication_changes_nothing(demo: Library, lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    team.publish(demo, folder)
    bundle = folder / "library.csdesk"
    good = bundle.read_bytes()
    bundle.write_bytes(good[: len(good) // 2])  # a copy still in progress
    before = snapshot(lib)
    assert team.check_for_update(lib, folder) is not None
    with pytest.raises(CsdeskError, match="没有复制完整"):
        team.apply_update(lib, folder)
    (folder / "version.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CsdeskError, match="版本文件"):
        team.check_for_update(lib, folder)
    with pytest.raises(CsdeskError, match="不存在"):
        team.check_for_update(lib, tmp_path / "missing")
    assert snapshot(lib) == before and lib.setting("team_version") is None
    bundle.write_bytes(good)
    (folder / "version.json").write_text(json.dumps({"version": 1}), encoding="utf-8")
    assert team.apply_update(lib, folder) == 1


def test_code_clash_with_a_personal_entry_is_imported_and_reported(lib: Library, tmp_path: Path) -> None:
    supervisor = Library.open(tmp_path / "supervisor", demo=False, agent="主管")
    try:
        welcome = supervisor.create(EntryDraft(reply="团队统一欢迎语", title="团队欢迎", code="hy"))
        folder = tmp_path / "share"
        team.publish(supervisor, folder)
        mine = lib.create(EntryDraft(reply="我的", title="我的欢迎语", code="hy", origin="personal"))
        lib.update(mine.id, reply="我的!")  # edited: the agent's own (a never-edited one gives the code up)
        version, report = team.apply_update_report(lib, folder)
        assert version == 1 and report is not None and [o.entry_id for o in report.added] == [welcome.id]
        assert lib.get(welcome.id).code == "" and lib.get(mine.id).code == "hy"
        assert any("我的欢迎语" in w.message for w in report.warnings)
        # the agent frees the code: the next version gives the team entry its code back
        lib.update(mine.id, code="hy2")
        supervisor.update(welcome.id, reply="团队统一欢迎语 v2")
        team.publish(supervisor, folder)
        version, report = team.apply_update_report(lib, folder)
        assert version == 2 and report is not None and not report.warnings
        assert lib.get(welcome.id).code == "hy" and lib.get(welcome.id).reply == "团队统一欢迎语 v2"
    finally:
        supervisor.close()


def test_publisher_never_imports_its_own_publication(demo: Library, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    before = len(demo.entries.all())
    assert team.publish(demo, folder) == 1
    assert team.check_for_update(demo, folder) is None
    assert team.apply_update_report(demo, folder) == (1, None)
    assert team.apply_update_report(demo, folder, force=True) == (1, None)
    assert len(demo.entries.all()) == before and not [e for e in demo.entries.all() if e.origin == "team"]
    demo.set_setting("team_folder", str(folder))
    assert team.publish(demo, folder) == 2 and demo.setting("team_version") == 2


@pytest.mark.skipif(not hasattr(os, "umask") or os.name != "posix", reason="POSIX file modes")
def test_published_files_get_the_ordinary_file_mode(demo: Library, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = tmp_path / "share"
        team.publish(demo, folder)
        export = tmp_path / "all.csdesk"
        export_file(demo, export)
    finally:
        os.umask(old)
    for path in (folder / "library.csdesk", folder / "version.json", export):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_newer_team_bundle_asks_for_a_newer_csdesk(demo: Library, lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    team.publish(demo, folder)
    bundle = folder / "library.csdesk"
    with zipfile.ZipFile(bundle) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 99
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(bundle, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    info = json.loads((folder / "version.json").read_text(encoding="utf-8"))
    info["sha256"] = hashlib.sha256(bundle.read_bytes()).hexdigest()
    (folder / "version.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(CsdeskError) as caught:
        team.apply_update(lib, folder)
    assert "升级" in caught.value.message and "没有复制完整" not in caught.value.message
    assert "newer csdesk" in caught.value.english and lib.setting("team_version") is None


def test_team_updates_keep_the_entries_history_and_its_authors(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    supervisor = Library.open(tmp_path / "supervisor", demo=False, agent="李主管")
    entry = supervisor.create(EntryDraft(reply="亲,明天发货", title="发货"))
    assert team.publish(supervisor, folder) == 1
    team.apply_update(lib, folder)
    supervisor.update(entry.id, reply="亲,今天发货")
    assert team.publish(supervisor, folder) == 2
    supervisor.close()
    version, report = team.apply_update_report(lib, folder)
    assert version == 2 and report is not None and report.extras.get("history") == 1
    history = list(reversed(lib.entries.history(entry.id)))
    # the supervisor's create and edit, each followed by the update that brought it
    assert [(v.action, v.changed_by) for v in history] == [
        ("create", "李主管"),
        ("import", "测试员"),
        ("update", "李主管"),
        ("update", "测试员"),
    ]
    assert history[2].data["reply"] == "亲,今天发货"


def test_what_a_killed_publisher_left_is_cleaned_by_the_next_publish_and_by_doctor(
    demo: Library, tmp_path: Path
) -> None:
    """A publish writes through a locked hidden temporary file (as an export does) into a folder the library
    remembers: a publisher killed mid-way leaves that file, which the next publish, the next open and doctor
    remove; one still locked by a living writer stays. (tests/core/test_kills.py kills a real publish.)"""
    import fcntl
    import time

    from csdesk.core import leftovers

    folder = tmp_path / "team"
    team.publish(demo, folder)
    dead = folder / ".csdesk-library.csdesk-dead.tmp"  # a killed publisher's: no lock held any more
    dead.write_bytes(b"PK\x03\x04 half")
    old_style = folder / ".library.k2j3.csdesk.tmp"  # an older csdesk's unlocked one, hours old
    old_style.write_bytes(b"")
    hours_ago = time.time() - leftovers.NO_LOCKS_STALE_AFTER_S - 60
    os.utime(old_style, (hours_ago, hours_ago))
    young_old_style = folder / ".learned.json.tmp"  # possibly being written right now: kept
    young_old_style.write_bytes(b"{")
    live = folder / ".csdesk-version.json-live.tmp"
    with live.open("wb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        assert team.publish(demo, folder) == 2
        assert not dead.exists() and not old_style.exists()
        assert live.exists() and young_old_style.exists()
    dead.write_bytes(b"half again")
    report = demo.health.doctor(repair=True)
    assert not dead.exists() and not live.exists()
    assert any("team publications" in m.english for m in report.repaired)
    assert young_old_style.exists()
    assert team._read_version(folder) is not None and (folder / team.BUNDLE_NAME).is_file()
