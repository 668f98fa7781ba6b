"""Fixes from the format audit: nothing lost in silence, malformed files rejected with locations, bundles lossless."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from csdesk.core.errors import CsdeskError, ImportRejected
from csdesk.core.library import Library
from csdesk.formats import ImportCancelled, export_file, import_file, read_file, safety, write_template
from tests.formats.conftest import snapshot


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "encoding", "column"),
    [
        ("标题,回复\n发货,亲,48小时内发货,节假日顺延\n", "utf-8", "C"),
        ("快捷编码,快捷短语,快捷短语分组\nhy,亲,欢迎光临,售前\n", "gbk", "D"),
    ],
)
def test_cells_past_the_header_are_row_errors(
    lib: Library, tmp_path: Path, text: str, encoding: str, column: str
) -> None:
    path = _write(tmp_path / "phrases.csv", text, encoding)
    before = snapshot(lib)
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, path, dry_run=True)
    (problem,) = caught.value.errors
    assert (problem.file, problem.row, problem.column) == ("phrases.csv", 2, column)
    assert "逗号" in problem.message and "没有表头" in problem.message
    with pytest.raises(ImportRejected):
        import_file(lib, path)
    assert snapshot(lib) == before
    _write(path, '标题,回复\n发货,"亲,48小时内发货,节假日顺延"\n,\n')
    assert [o.title for o in import_file(lib, path).added] == ["发货"]
    assert lib.entries.all()[0].reply == "亲,48小时内发货,节假日顺延"


def test_extra_cells_in_header_less_snippet_csv(lib: Library, tmp_path: Path) -> None:
    path = _write(tmp_path / "te.csv", "abbreviation,content,label\nhy,亲,欢迎,多余\n")
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, path, format="textexpander-csv")
    assert [(p.row, p.column) for p in caught.value.errors] == [(2, "D")]


def _asset_files(lib: Library) -> list[Path]:
    root = lib.layout.assets
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_cancelled_bundle_import_leaves_no_asset_files(demo: Library, lib: Library, tmp_path: Path) -> None:
    bundle = tmp_path / "all.csdesk"
    export_file(demo, bundle)
    assert demo.assets.all()
    before = snapshot(lib)
    with pytest.raises(ImportCancelled):
        import_file(lib, bundle, progress=lambda done, total: False)
    assert snapshot(lib) == before and _asset_files(lib) == []
    report = import_file(lib, bundle)
    assert report.added and len(_asset_files(lib)) == len({a.sha256 for a in demo.assets.all()})


def _rewrite(good: Path, target: Path, mutate: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the bundle ``good`` with data.json changed by ``mutate`` and a manifest that matches again."""
    with zipfile.ZipFile(good) as src:
        members = {n: src.read(n) for n in src.namelist()}
    data = json.loads(members["data.json"])
    mutate(data)
    members["data.json"] = json.dumps(data, ensure_ascii=False).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["data.json"] = hashlib.sha256(members["data.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as dst:
        for name, content in members.items():
            dst.writestr(name, content)
    return target


@pytest.fixture
def demo_bundle(demo: Library, tmp_path: Path) -> Path:
    path = tmp_path / "demo.csdesk"
    export_file(demo, path, include_customers=True)
    return path


def _rejected_paths(lib: Library, path: Path) -> list[str]:
    before = snapshot(lib)
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, path, dry_run=True)
    with pytest.raises(ImportRejected):
        import_file(lib, path)
    assert snapshot(lib) == before
    assert all(p.file == path.name for p in caught.value.errors)
    return [p.path for p in caught.value.errors]


def test_every_member_checksum_is_verified_when_reading(
    demo_bundle: Path, lib: Library, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.csdesk"
    with zipfile.ZipFile(demo_bundle) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            dst.writestr(info, b"changed" if info.filename.startswith("assets/") else content)
    for dry_run in (True, False):
        with pytest.raises(CsdeskError, match="校验值不符"):
            import_file(lib, broken, dry_run=dry_run)
    with pytest.raises(CsdeskError, match="校验值不符"):
        read_file(broken)


def test_dry_run_finds_what_the_real_import_would_fail_on(
    demo_bundle: Path, lib: Library, tmp_path: Path
) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["customers"][0]["birthday"] = "13月45日"
        data["categories"][0]["path"] = "售前//" + "很" * 300
        data["placeholders"] = [{"name": "坏{名}"}]
        data["asset_folders"] = ["a/b"]

    paths = _rejected_paths(lib, _rewrite(demo_bundle, tmp_path / "bad.csdesk", mutate))
    assert {"customers[0].birthday", "categories[0].path", "placeholders[0].name", "asset_folders[0]"} <= set(
        paths
    )


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(assets=5), "assets"),
        (lambda d: d.update(asset_folders=5), "asset_folders"),
        (lambda d: d["rules"].append({"pattern": "最便宜", "exceptions": 5}), "rules[{last}].exceptions"),
        (lambda d: d["sops"][0].update(steps="abc"), "sops[0].steps"),
        (lambda d: d["tag_groups"][0].update(tags="abc"), "tag_groups[0].tags"),
        (lambda d: d["entries"][0].update(assets=5), "entries[0].assets"),
        (lambda d: d["entries"][0].update(variants="abc"), "entries[0].variants"),
        (lambda d: d["entries"][0].update(reply={"x": 1}), "entries[0].reply"),
        (lambda d: d["customers"][0].update(tags="vip"), "customers[0].tags"),
        (lambda d: d.update(entries=5), "entries"),
    ],
)
def test_malformed_bundle_data_is_rejected_with_paths(
    demo_bundle: Path, lib: Library, tmp_path: Path, change: Callable[[dict[str, Any]], None], where: str
) -> None:
    def mutate(data: dict[str, Any]) -> None:
        change(data)
        if "{last}" in where:
            data["__last"] = len(data["rules"]) - 1

    target = _rewrite(demo_bundle, tmp_path / "bad.csdesk", mutate)
    with zipfile.ZipFile(target) as archive:
        last = json.loads(archive.read("data.json")).get("__last")
    assert where.format(last=last) in _rejected_paths(lib, target)


def test_bundle_keeps_origin_and_creation_stamps(demo: Library, lib: Library, tmp_path: Path) -> None:
    from csdesk import team
    from csdesk.core.models import EntryDraft

    demo.create(EntryDraft(reply="我自己的", title="私人条目", origin="personal"))
    demo.create(EntryDraft(reply="团队发的", title="团队条目", origin="team", origin_ref="团队第 3 版"))
    demo.database.execute("UPDATE entries SET created_at = '2024-01-02T03:04:05Z', created_by = '老主管'")
    path = tmp_path / "all.csdesk"
    export_file(demo, path)
    import_file(lib, path)

    def stamps(library: Library) -> list[tuple[str, ...]]:
        return sorted(
            (e.id, e.origin, e.origin_ref, e.created_at, e.created_by) for e in library.entries.all()
        )

    assert stamps(lib) == stamps(demo)
    assert {e.origin for e in lib.entries.all()} >= {"personal", "team"}
    # a team update still makes every published entry a team entry
    folder = tmp_path / "share"
    team.publish(demo, folder)
    fresh = Library.open(tmp_path / "fresh", demo=False)
    try:
        team.apply_update(fresh, folder)
        assert {e.origin for e in fresh.entries.all()} == {"team"}
        assert {e.created_by for e in fresh.entries.all()} == {"老主管"}
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("m.yml", 'matches:\n  - trigger: ":hy"\n    replace: "新的欢迎语"\n', None),
        ("te.csv", "abbreviation,content,label\nhy,新的欢迎语,\n", "textexpander"),
    ],
)
def test_merge_without_a_label_keeps_the_title(
    lib: Library, tmp_path: Path, name: str, text: str, fmt: str | None
) -> None:
    from csdesk.core.models import EntryDraft

    entry = lib.create(EntryDraft(reply="旧的", title="欢迎语", code="hy"))
    report = import_file(lib, _write(tmp_path / name, text), format=fmt)
    assert [o.entry_id for o in report.updated] == [entry.id] and "标题" not in report.updated[0].detail
    assert (lib.get(entry.id).title, lib.get(entry.id).reply) == ("欢迎语", "新的欢迎语")


def test_shop_export_carries_the_shared_entries_its_sops_link_to(
    demo: Library, other_lib: Library, tmp_path: Path
) -> None:
    from csdesk import team
    from csdesk.core.models import EntryDraft

    shop = "栖木女装旗舰店"
    shared = demo.create(EntryDraft(reply="通用的退货说明", title="通用退货"))
    own = next(e for e in demo.entries.all(shop=shop))
    demo.sops.save("退货流程", [("先安抚", own.id), ("发退货说明", shared.id)], shop=shop)
    path = tmp_path / "one.csdesk"
    report = export_file(demo, path, shops=[shop])
    assert any("已一起导出" in w.message and w.file == "one.csdesk" for w in report.warnings)
    import_file(other_lib, path)
    (sop,) = [s for s in other_lib.sops.all() if s.name == "退货流程"]
    assert [st.entry_id for st in sop.steps] == [own.id, shared.id]
    assert other_lib.get(shared.id).shop_name == "通用"
    # a team version of one shop brings the linked 通用 entry and leaves the team's other 通用 entries alone
    folder = tmp_path / "share"
    team.publish(demo, folder)
    agent = Library.open(tmp_path / "agent", demo=False)
    try:
        team.apply_update(agent, folder)
        shared_before = {e.id for e in agent.entries.all(shop=agent.shops.get(None).id)}
        team.publish(demo, folder, shops=[shop])
        _version, update = team.apply_update_report(agent, folder)
        assert update is not None and not update.removed
        assert {e.id for e in agent.entries.all(shop=agent.shops.get(None).id)} == shared_before
    finally:
        agent.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_table_round_trip_keeps_enabled_and_sort_order(
    demo: Library, other_lib: Library, tmp_path: Path, suffix: str
) -> None:
    entries = demo.entries.all()
    demo.update(entries[0].id, enabled=False)
    demo.update(entries[1].id, sort_order=7)
    demo.update(entries[2].id, sort_order=-3, enabled=False)
    path = tmp_path / f"all{suffix}"
    export_file(demo, path)
    import_file(other_lib, path)

    def view(lib: Library) -> list[tuple[object, ...]]:
        return sorted((e.id, e.title, e.enabled, e.sort_order) for e in lib.entries.all())

    assert view(other_lib) == view(demo)
    assert not import_file(other_lib, path).updated
    # an empty cell leaves the value alone; a bad one is an error with its row and column
    (table := tmp_path / "edit.csv").write_text(
        f"编号,启用,排序\n{entries[0].id},,\n{entries[1].id},也许,一\n", encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as caught:
        import_file(other_lib, table)
    assert [(p.row, p.column) for p in caught.value.errors] == [(3, "启用"), (3, "排序")]
    table.write_text(f"编号,启用,排序\n{entries[0].id},是,\n{entries[1].id},,2\n", encoding="utf-8")
    import_file(other_lib, table)
    assert other_lib.get(entries[0].id).enabled and other_lib.get(entries[0].id).sort_order == 0
    assert other_lib.get(entries[1].id).sort_order == 2 and other_lib.get(entries[1].id).enabled


def test_bundle_import_with_shop_imports_only_that_shop(
    demo: Library, other_lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "all.csdesk"
    export_file(demo, path, include_customers=True)
    shop = "栖木女装旗舰店"
    report = import_file(other_lib, path, shop=shop)
    assert any(f"只导入店铺「{shop}」" in w.message for w in report.warnings)
    shops = {e.shop_name for e in other_lib.entries.all()}
    assert shop in shops and shops <= {shop, "通用"}
    own = {e.id for e in demo.entries.all(shop=shop)}
    assert own <= {e.id for e in other_lib.entries.all()}
    assert [s.name for s in other_lib.shops.all() if not s.is_shared] == [shop]
    assert all(s.shop_id == other_lib.shops.get(shop).id for s in other_lib.sops.all())
    assert all(c.shop_id == other_lib.shops.get(shop).id for c in other_lib.customers.all())
    linked = {a for e in other_lib.entries.all() for a in e.asset_ids}
    assert {a.id for a in other_lib.assets.all()} == linked
    with pytest.raises(CsdeskError, match="没有店铺「没有的店」"):
        import_file(other_lib, path, shop="没有的店", dry_run=True)


def test_espanso_non_text_values_and_lossy_options(lib: Library, tmp_path: Path) -> None:
    bad = _write(
        tmp_path / "bad.yml",
        "matches:\n"
        '  - trigger: ":a"\n    replace: {text: 1}\n'
        '  - trigger: [":b", {x: 1}]\n    replace: "b"\n'
        '  - trigger: ":c"\n    replace: "c"\n    label: [1, 2]\n',
    )
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, bad, dry_run=True)
    assert [p.path for p in caught.value.errors] == [
        "bad.yml:matches[0]",
        "bad.yml:matches[1]",
        "bad.yml:matches[2]",
    ]
    lossy = _write(
        tmp_path / "lossy.yml",
        "matches:\n"
        '  - trigger: ":hy"\n    replace: "您好"\n    propagate_case: true\n    word: true\n'
        '  - trigger: ":md"\n    markdown: "**粗体**"\n'
        "  - trigger: 123\n    replace: 456\n",
    )
    report = import_file(lib, lossy)
    warned = {w.path: w.message for w in report.warnings}
    assert "propagate_case" in warned["lossy.yml:matches[0]"] and "word" in warned["lossy.yml:matches[0]"]
    assert "Markdown" in warned["lossy.yml:matches[1]"]
    assert lib.find("123").reply == "456"


def test_xlsx_expansion_is_capped_below_the_archive_limit(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csdesk.formats import tabular

    assert tabular.MAX_WORKBOOK_EXPANDED <= 512 * 1024 * 1024 < safety.MAX_ARCHIVE_EXPANDED
    path = tmp_path / "t.xlsx"
    write_template(path)
    monkeypatch.setattr(tabular, "MAX_WORKBOOK_EXPANDED", 1024)
    with pytest.raises(CsdeskError, match="解压后超过"):
        import_file(lib, path, dry_run=True)


def test_cells_under_a_blank_header_are_row_errors(lib: Library, tmp_path: Path) -> None:
    path = _write(tmp_path / "gap.csv", "标题,,回复\n发货,多出来的,48小时内发货\n退货,,七天无理由\n")
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, path)
    assert [(p.row, p.column) for p in caught.value.errors] == [(2, "B")]
