"""Team library: publish, check, apply; personal entries survive; broken publications change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csdesk.core import team
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from tests.formats.conftest import snapshot


def test_publish_and_update_keep_personal_entries(demo: Library, lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    assert team.publish(demo, folder) == 1
    info = json.loads((folder / "version.json").read_text(encoding="utf-8"))
    assert info["version"] == 1 and info["publisher"] == "测试员" and info["published_at"]
    personal = lib.create(
        EntryDraft(reply="我自己的开场白", title="我的欢迎语", code="hy", origin="personal")
    )
    imported = lib.create(EntryDraft(reply="以前导入的", title="导入的", origin="import"))
    update = team.check_for_update(lib, folder)
    assert update is not None and update.version == 1 and update.message == "团队话术库已更新到第 1 版"
    assert team.apply_update(lib, folder) == 1
    assert lib.setting("team_version") == 1
    assert team.check_for_update(lib, folder) is None
    team_entries = [e for e in lib.entries() if e.origin == "team"]
    assert len(team_entries) == len(demo.entries()) - 1  # the demo's own 'hy' clashes with the agent's code
    assert lib.get(personal.id).reply == "我自己的开场白" and lib.get(imported.id).deleted_at is None

    gone = next(e for e in demo.entries(shop="小馋猫零食铺"))
    changed = next(e for e in demo.entries(shop="栖木女装旗舰店"))
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
    assert not [e for e in lib.entries() if e.title == "私人"]
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
