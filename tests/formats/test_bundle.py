"""csdesk bundle: exact round trip, versions, tampering and hostile archives."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.formats import export_file, import_file
from csdesk.formats.bundle import FORMAT_VERSION
from tests.formats.conftest import snapshot


def full_view(lib: Library) -> dict[str, Any]:
    shop_names = {s.id: s.name for s in lib.shops.all()}
    return {
        "shops": [(s.name, s.platform, s.is_shared) for s in lib.shops.all()],
        "categories": [(shop_names[c.shop_id], c.path, c.sort_order) for c in lib.categories.all("*")],
        "entries": sorted(
            (e.id, e.shop_name, e.category_path, e.title, e.code, e.question, e.similar, e.scenario, e.reply,
             e.guidance, e.basis, e.tags, e.enabled, e.sort_order,
             tuple((v.id, v.label, v.reply, v.target_tag, v.ab_group, v.enabled) for v in e.variants),
             tuple((x.kind, x.dialogue, x.comment) for x in e.examples), e.asset_ids)
            for e in lib.entries.all()
        ),
        "tags": sorted((t.name, t.color, t.description) for t in lib.tags.all()),
        "tag_groups": [(g.name, g.color) for g in lib.tags.groups()],
        "customers": sorted(
            (c.nickname, shop_names.get(c.shop_id or -1), c.tags, c.notes, c.birthday, c.after_sale)
            for c in lib.customers.all()
        ),
        "rules": [
            (r.pattern, r.kind, r.severity, r.reason, r.suggestion, r.exceptions, r.source,
             shop_names.get(r.shop_id or -1), r.enabled, r.builtin)
            for r in lib.rules.all()
        ],
        "sops": [
            (s.name, shop_names.get(s.shop_id or -1), s.description, [(st.instruction, st.entry_id) for st in s.steps])
            for s in lib.sops.all()
        ],
        "assets": sorted(
            (a.id, a.sha256, a.folder, a.title, a.filename, a.mime, a.size, lib.assets.path(a).read_bytes())
            for a in lib.assets.all()
        ),
        "placeholders": [(p.name, p.description) for p in lib.placeholders.all()],
    }  # fmt: skip


def test_export_import_gives_back_the_same_library(demo: Library, other_lib: Library, tmp_path: Path) -> None:
    rule = next(r for r in demo.rules.all() if r.builtin)
    assert rule.id is not None
    demo.rules.update(rule.id, enabled=False)
    path = tmp_path / "all.csdesk"
    report = export_file(demo, path, include_customers=True)
    assert report.entries == len(demo.entries.all()) and not report.warnings
    imported = import_file(other_lib, path)
    assert len(imported.added) == report.entries and not imported.warnings
    assert full_view(other_lib) == full_view(demo)
    # lossless: where each entry came from is kept (the demo's entries stay demo entries)
    assert sorted((e.id, e.origin, e.created_at) for e in other_lib.entries.all()) == sorted(
        (e.id, e.origin, e.created_at) for e in demo.entries.all()
    )
    again = import_file(other_lib, path)
    assert not again.added and not again.updated and again.extras == {}


def test_manifest_lists_checksums(demo: Library, tmp_path: Path) -> None:
    path = tmp_path / "x.csdesk"
    export_file(demo, path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == "csdesk-bundle" and manifest["format_version"] == FORMAT_VERSION
        assert manifest["created_at"] and manifest["csdesk_version"]
        for name, digest in manifest["members"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
        assert any(n.startswith("assets/") for n in archive.namelist())
        data = json.loads(archive.read("data.json"))
    assert "customers" not in data


def test_shop_subset_only_carries_linked_assets(demo: Library, tmp_path: Path) -> None:
    path = tmp_path / "one.csdesk"
    export_file(demo, path, shops=["栖木女装旗舰店"])
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("data.json"))
    shop_entries = [e for e in data["entries"] if e["shop"] == "栖木女装旗舰店"]
    assert len(shop_entries) == len(demo.entries.all(shop="栖木女装旗舰店"))
    # besides the shop's own entries only the 通用 entries its SOPs link to
    linked_by_sops = {st["entry"] for s in data["sops"] for st in s["steps"]}
    assert all(e["id"] in linked_by_sops for e in data["entries"] if e["shop"] != "栖木女装旗舰店")
    assert {e["shop"] for e in data["entries"]} == {"栖木女装旗舰店", "通用"}
    linked = {a for e in data["entries"] for a in e["assets"]}
    assert {a["id"] for a in data["assets"]} == linked


def test_builtin_rule_severity_and_scope_travel(demo: Library, other_lib: Library, tmp_path: Path) -> None:
    rule = next(r for r in demo.rules.all() if r.builtin and r.pattern == "最佳")
    assert rule.id is not None and rule.severity != "warn"
    shop = demo.shops.get("栖木女装旗舰店")
    demo.rules.update(rule.id, severity="warn", shop_id=shop.id)
    path = tmp_path / "all.csdesk"
    export_file(demo, path)
    import_file(other_lib, path)
    (moved,) = [r for r in other_lib.rules.all() if r.builtin and r.pattern == "最佳" and r.kind == rule.kind]
    assert moved.severity == "warn"
    assert moved.shop_id is not None and other_lib.shops.get(moved.shop_id).name == "栖木女装旗舰店"
    # an older bundle without severity and shop in its built-in records leaves the rule as it is
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("data.json"))
    for item in data["builtin_rules"]:
        item.pop("severity"), item.pop("shop")
        if item["pattern"] == "最佳":
            item["enabled"] = False
    import_file(other_lib, _bundle(tmp_path / "old.csdesk", {"builtin_rules": data["builtin_rules"]}))
    (kept,) = [r for r in other_lib.rules.all() if r.builtin and r.pattern == "最佳" and r.kind == rule.kind]
    assert (kept.severity, kept.shop_id, kept.enabled) == ("warn", moved.shop_id, False)


def _bundle(path: Path, data: dict[str, Any], *, version: int = FORMAT_VERSION, extra: dict[str, bytes] | None = None,
            manifest_extra: dict[str, str] | None = None) -> Path:  # fmt: skip
    payload = json.dumps(data, ensure_ascii=False).encode()
    members = {"data.json": hashlib.sha256(payload).hexdigest(), **(manifest_extra or {})}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.json", payload)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
            members.setdefault(name, hashlib.sha256(content).hexdigest())
        manifest = {"format": "csdesk-bundle", "format_version": version, "created_at": "2025-01-01T00:00:00Z",
                    "csdesk_version": "0.0.1", "members": members}  # fmt: skip
        archive.writestr("manifest.json", json.dumps(manifest))
    return path


def test_version_1_is_migrated(lib: Library, tmp_path: Path) -> None:
    data = {
        "shops": [{"name": "旧店", "platform": "淘宝"}],
        "entries": [{"id": "0c6f7c3e-4d7a-4d8e-9a57-1f0d7e3c2b10", "shop": "旧店", "title": "发货",
                     "reply": "48 小时内发货", "similar": "几天发货|多久发", "tags": "物流|发货", "code": "fh"}],
        "sops": [{"name": "催发货", "shop": "旧店", "steps": [["查订单", "0c6f7c3e-4d7a-4d8e-9a57-1f0d7e3c2b10"], ["回复客户"]]}],
    }  # fmt: skip
    report = import_file(lib, _bundle(tmp_path / "v1.csdesk", data, version=1))
    assert any("旧版" in w.message for w in report.warnings)
    (entry,) = lib.entries.all()
    assert (
        entry.similar == ("几天发货", "多久发")
        and entry.tags == ("物流", "发货")
        and entry.shop_name == "旧店"
    )
    (sop,) = lib.sops.all()
    assert [(s.instruction, s.entry_id) for s in sop.steps] == [("查订单", entry.id), ("回复客户", None)]


def test_newer_version_is_refused(lib: Library, tmp_path: Path) -> None:
    before = snapshot(lib)
    with pytest.raises(CsdeskError, match="更新版本") as caught:
        import_file(lib, _bundle(tmp_path / "v9.csdesk", {"entries": []}, version=FORMAT_VERSION + 1))
    assert "newer" in caught.value.english
    assert snapshot(lib) == before


def test_tampered_and_hostile_bundles_change_nothing(demo: Library, lib: Library, tmp_path: Path) -> None:
    good = tmp_path / "good.csdesk"
    export_file(demo, good)
    before = snapshot(lib)
    # checksum mismatch: data.json replaced after the manifest was written
    tampered = tmp_path / "tampered.csdesk"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "data.json":
                content = content.replace("欢迎".encode(), "恶意".encode())
            dst.writestr(info, content)
    with pytest.raises(CsdeskError, match="校验"):
        import_file(lib, tampered)
    # an asset whose bytes do not match its name/manifest
    broken_asset = tmp_path / "asset.csdesk"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken_asset, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("assets/"):
                content = b"not the picture"
            dst.writestr(info, content)
    with pytest.raises(CsdeskError, match="校验"):
        import_file(lib, broken_asset)
    # a member outside the target, a member missing from the manifest, a symlink
    with pytest.raises(CsdeskError, match="压缩包之外"):
        import_file(lib, _bundle(tmp_path / "slip.csdesk", {}, extra={"../../evil.txt": b"x"}))
    with pytest.raises(CsdeskError, match="压缩包之外"):
        import_file(lib, _bundle(tmp_path / "abs.csdesk", {}, extra={"C:/Windows/evil.txt": b"x"}))
    stray = tmp_path / "stray.csdesk"
    _bundle(stray, {})
    with zipfile.ZipFile(stray, "a") as archive:
        archive.writestr("assets/unlisted.png", b"x")
    with pytest.raises(CsdeskError, match="清单里没有"):
        import_file(lib, stray)
    link = tmp_path / "link.csdesk"
    _bundle(link, {})
    with zipfile.ZipFile(link, "a") as archive:
        info = zipfile.ZipInfo("assets/link.png")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(CsdeskError, match="符号链接"):
        import_file(lib, link)
    # a PNG named .csdesk, a text file named .csdesk, a zip without a manifest
    png = tmp_path / "picture.csdesk"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(CsdeskError, match="PNG"):
        import_file(lib, png)
    text = tmp_path / "text.csdesk"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(CsdeskError, match="不是csdesk"):
        import_file(lib, text)
    plain = tmp_path / "plain.csdesk"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("readme.txt", "x")
    with pytest.raises(CsdeskError, match="manifest"):
        import_file(lib, plain)
    # zip bomb: a highly compressible member
    bomb = tmp_path / "bomb.csdesk"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", b" " * (50 * 1024 * 1024))
        archive.writestr("manifest.json", "{}")
    with pytest.raises(CsdeskError, match="压缩炸弹"):
        import_file(lib, bomb)
    # malformed data: errors listed with their JSON path
    with pytest.raises(CsdeskError, match=r"entries\[0\]"):
        import_file(lib, _bundle(tmp_path / "bad.csdesk", {"entries": [{"title": "空"}]}))
    assert snapshot(lib) == before


def test_merge_into_existing_library_keeps_ids_and_updates(
    demo: Library, other_lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "all.csdesk"
    export_file(demo, path)
    import_file(other_lib, path)
    entry = next(e for e in demo.entries.all() if e.variants)
    demo.update(entry.id, reply="改过的回复")
    demo.variants.add(entry.id, "新增的变体", label="C")
    export_file(demo, path)
    report = import_file(other_lib, path)
    assert [o.entry_id for o in report.updated] == [entry.id]
    mine = other_lib.get(entry.id)
    assert mine.reply == "改过的回复" and [v.reply for v in mine.variants] == [
        v.reply for v in demo.get(entry.id).variants
    ]


def test_a_bundle_keeps_each_entrys_history_and_authors(other_lib: Library, tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "supervisor", demo=False, agent="李主管")
    entry = lib.create(EntryDraft(reply="亲,明天发货", title="发货"))
    lib.update(entry.id, reply="亲,今天发货")
    lib.variants.add(entry.id, "大促期间48小时内发货", label="大促")
    lib.examples.add(entry.id, "good", "客户:几天到\n客服:今天发")
    own = [(v.action, v.changed_at, v.changed_by) for v in reversed(lib.entries.history(entry.id))]
    path = tmp_path / "with-history.csdesk"
    export_file(lib, path)
    lib.close()
    report = import_file(other_lib, path)
    assert report.extras["history"] == 4 and "保留的历史版本 4 项" in report.summary_zh()
    assert "4 earlier version(s) of entry history kept" in report.summary_en()
    history = list(reversed(other_lib.entries.history(entry.id)))
    # the file's four versions with their authors and times, then this import: one version, not one per part
    assert [(v.action, v.changed_at, v.changed_by) for v in history[:4]] == own
    assert {v.changed_by for v in history[:4]} == {"李主管"}
    assert [v.version for v in history] == [1, 2, 3, 4, 5]
    assert (history[4].action, history[4].changed_by) == ("import", "测试员")
    assert other_lib.entries.history(entry.id)[1].data["reply"] == "亲,今天发货"
    # the same file again brings nothing new, and its versions are not doubled
    again = import_file(other_lib, path)
    assert again.extras.get("history", 0) == 0 and len(other_lib.entries.history(entry.id)) == 5
    # an old version from the file can be restored in the other library
    restored = other_lib.entries.restore_version(entry.id, 1)
    assert restored.reply == "亲,明天发货" and restored.variants == ()


def test_a_bundle_with_a_damaged_history_is_refused_and_changes_nothing(lib: Library, tmp_path: Path) -> None:
    entry_id = "0c6f7c3e-4d7a-4d8e-9a57-1f0d7e3c2b10"
    data = {
        "entries": [{"id": entry_id, "title": "发货", "reply": "48 小时内发货"}],
        "history": {entry_id: [{"action": "create", "changed_at": "2026-01-01T00:00:00Z", "changed_by": "x",
                                "data": {"reply": "旧", "variants": [{"id": "v", "reply": 5}]}}]},
    }  # fmt: skip
    before = snapshot(lib)
    with pytest.raises(CsdeskError) as caught:
        import_file(lib, _bundle(tmp_path / "bad-history.csdesk", data))
    assert "history" in str(caught.value.problems if hasattr(caught.value, "problems") else caught.value)
    assert snapshot(lib) == before
    data["history"] = ["not an object"]
    with pytest.raises(CsdeskError):
        import_file(lib, _bundle(tmp_path / "bad-history2.csdesk", data))
    assert snapshot(lib) == before
