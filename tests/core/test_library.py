"""The Library façade: storage, entries, categories, trash, history, assets, customers, SOPs, logs, index repair."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from csdesk.core.errors import HomeError, NotFoundError, ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft, Rule


def test_new_home_gets_demo_and_empty_home_does_not(tmp_path: Path) -> None:
    with Library.open(tmp_path / "demo") as lib:
        stats = lib.stats()
        assert stats["entries"] >= 80
        assert stats["shops"] >= 3  # two shops plus 通用
        assert stats["customers"] >= 3 and stats["sops"] >= 1 and stats["assets"] >= 2
        assert any(s.is_shared and s.name == "通用" for s in lib.shops())
    with Library.open(tmp_path / "empty", demo=False) as lib:
        assert lib.stats()["entries"] == 0
        assert lib.rules(), "built-in red-line rules come with every library"


def test_home_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "afile"
    path.write_text("x")
    with pytest.raises(HomeError, match="文件"):
        Library.open(path)


def test_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "library.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(HomeError, match="无法打开"):
        Library.open(home)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Library.open(home, demo=False).close()
    conn = sqlite3.connect(home / "library.sqlite3")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(HomeError, match="更新版本"):
        Library.open(home)


def test_schema_settings(empty_lib: Library) -> None:
    db = empty_lib.database
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.user_version >= 1


def test_create_get_update_and_search(empty_lib: Library) -> None:
    empty_lib.add_shop("测试店", "淘宝")
    entry = empty_lib.create(
        EntryDraft(
            reply="亲,这款面料是棉麻混纺,透气不闷热。",
            question="这个是什么面料?",
            similar=("材质是什么", "是纯棉的吗"),
            shop="测试店",
            category="售前/材质",
            code="cz1",
            tags=("品质关注型",),
        )
    )
    assert entry.title == "这个是什么面料?"  # title defaults to the question
    assert entry.category_path == "售前/材质" and entry.shop_name == "测试店"
    assert entry.created_by == "测试员"
    assert empty_lib.get(entry.id) == entry
    assert [h.entry_id for h in empty_lib.search("面料")] == [entry.id]
    updated = empty_lib.update(entry.id, reply="亲,这款是莫代尔面料,柔软垂顺。")
    assert updated.reply.startswith("亲,这款是莫代尔")
    assert [h.entry_id for h in empty_lib.search("莫代尔")] == [entry.id]
    assert empty_lib.search("棉麻") == []


def test_title_defaults_to_reply_start(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="在的亲,有什么可以帮您?\n第二行"))
    assert entry.title == "在的亲,有什么可以帮您?"


def test_validation(empty_lib: Library) -> None:
    with pytest.raises(NotFoundError):
        empty_lib.create(EntryDraft(reply="a", shop="没有的店"))
    empty_lib.add_shop("店A")
    empty_lib.add_shop("店B")
    with pytest.raises(ValidationError):
        empty_lib.create(EntryDraft(reply="  "))
    empty_lib.create(EntryDraft(reply="a", code="hi", shop="店A"))
    with pytest.raises(ValidationError, match="已被"):
        empty_lib.create(EntryDraft(reply="b", code="HI", shop="店A"))
    # the same code in another shop is fine
    empty_lib.create(EntryDraft(reply="b", code="hi", shop="店B"))
    with pytest.raises(ValidationError):
        empty_lib.create(EntryDraft(reply="c", category="售前//尺码"))
    with pytest.raises(NotFoundError):
        empty_lib.get("00000000-0000-0000-0000-000000000000")


def test_failed_bulk_create_changes_nothing(empty_lib: Library) -> None:
    drafts = [
        EntryDraft(reply="一", code="x1"),
        EntryDraft(reply="二", code="x2"),
        EntryDraft(reply="三", code="x1"),
    ]
    with pytest.raises(ValidationError):
        empty_lib.create_many(drafts)
    assert empty_lib.count_entries() == 0
    assert empty_lib.categories() == []


def test_find_by_code_across_shops(empty_lib: Library) -> None:
    empty_lib.add_shop("店A")
    empty_lib.add_shop("店B")
    a = empty_lib.create(EntryDraft(reply="A", code="fh", shop="店A"))
    b = empty_lib.create(EntryDraft(reply="B", code="fh", shop="店B"))
    shared = empty_lib.create(EntryDraft(reply="通用", code="hi"))
    with pytest.raises(ValidationError, match="--shop"):
        empty_lib.find("fh")
    assert empty_lib.find("FH", shop="店A").id == a.id
    assert empty_lib.find("fh", shop="店B").id == b.id
    assert empty_lib.find("hi", shop="店A").id == shared.id  # 通用 is part of every shop
    assert empty_lib.find(a.id).id == a.id
    with pytest.raises(NotFoundError):
        empty_lib.find("nope", shop="店A")


def test_trash_restore_and_purge(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="退货地址请看订单详情", code="th"))
    empty_lib.delete(entry.id)
    assert empty_lib.count_entries() == 0
    assert [e.id for e in empty_lib.trash()] == [entry.id]
    assert empty_lib.search("退货") == []
    # the code is free again while the entry is in the trash
    other = empty_lib.create(EntryDraft(reply="另一条", code="th"))
    restored = empty_lib.restore(entry.id)
    assert restored.deleted_at is None and restored.code == ""  # its code was taken meanwhile
    assert [h.entry_id for h in empty_lib.search("退货")] == [entry.id]
    empty_lib.delete(other.id)
    assert empty_lib.purge() == 1
    with pytest.raises(NotFoundError):
        empty_lib.get(other.id)


def test_history_and_restore_version(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="第一版", category="售后"))
    empty_lib.update(entry.id, reply="第二版", category="售后/物流")
    history = empty_lib.history(entry.id)
    assert [v.action for v in history] == ["update", "create"]
    assert history[0].changed_by == "测试员"
    restored = empty_lib.restore_version(entry.id, 1)
    assert restored.reply == "第一版" and restored.category_path == "售后"
    assert len(empty_lib.history(entry.id)) == 3


def test_categories_move_merge_rename(empty_lib: Library) -> None:
    pre = empty_lib.ensure_category(None, "售前")
    size = empty_lib.ensure_category(None, "售前/尺码")
    after = empty_lib.ensure_category(None, "售后")
    assert pre and size and after
    entry = empty_lib.create(EntryDraft(reply="尺码表请看详情页", category=size))
    empty_lib.move_category(size, after)
    assert empty_lib.get(entry.id).category_path == "售后/尺码"
    assert [h.entry_id for h in empty_lib.search("尺码", category=after)] == [entry.id]
    assert empty_lib.search("尺码", category=pre) == []
    with pytest.raises(ValidationError):
        empty_lib.move_category(after, size)  # under its own child
    empty_lib.rename_category(size, "码数")
    assert empty_lib.get(entry.id).category_path == "售后/码数"
    empty_lib.merge_category(after, pre)
    assert empty_lib.get(entry.id).category_path == "售前/码数"
    with pytest.raises(ValidationError):
        empty_lib.delete_category(pre)  # not empty


def test_bulk_tags_and_enable(empty_lib: Library) -> None:
    ids = [e.id for e in empty_lib.create_many([EntryDraft(reply=f"回复{i}") for i in range(3)])]
    empty_lib.add_tags(ids[:2], ["老客户"])
    assert [e.id for e in empty_lib.entries(tag="老客户")] == ids[:2]
    empty_lib.remove_tags(ids[:1], ["老客户"])
    assert [e.id for e in empty_lib.entries(tag="老客户")] == ids[1:2]
    empty_lib.update_many(ids, enabled=False)
    assert empty_lib.search("回复") == []


def test_assets_are_content_addressed(empty_lib: Library, tmp_path: Path) -> None:
    source = tmp_path / "chart.png"
    source.write_bytes(b"\x89PNG fake image")
    first = empty_lib.add_asset(source, folder="尺码表", title="尺码表")
    again = empty_lib.add_asset(source, folder="尺码表")
    assert again.id == first.id
    copy = tmp_path / "copy.png"
    copy.write_bytes(source.read_bytes())
    elsewhere = empty_lib.add_asset(copy, folder="质检报告")
    assert elsewhere.id != first.id and elsewhere.sha256 == first.sha256
    assert empty_lib.asset_path(first) == empty_lib.asset_path(elsewhere)
    assert empty_lib.asset_path(first).read_bytes() == source.read_bytes()
    assert first.kind == "image"
    entry = empty_lib.create(EntryDraft(reply="尺码表发您"))
    empty_lib.link_asset(entry.id, first.id)
    assert empty_lib.get(entry.id).asset_ids == (first.id,)
    assert {a.id for a in empty_lib.unused_assets()} == {elsewhere.id}
    empty_lib.delete_asset(elsewhere.id)
    assert empty_lib.asset_path(first).exists()  # still used by the first asset


def test_asset_size_limit(empty_lib: Library, tmp_path: Path) -> None:
    empty_lib.set_setting("max_asset_bytes", 10)
    big = tmp_path / "video.mp4"
    big.write_bytes(b"0" * 100)
    with pytest.raises(ValidationError, match="上限"):
        empty_lib.add_asset(big)
    assert empty_lib.assets() == []


def test_customers_and_tag_boost(empty_lib: Library) -> None:
    plain = empty_lib.create(EntryDraft(reply="这款连衣裙有现货,今天下单明天发。", title="现货发货"))
    aimed = empty_lib.create(
        EntryDraft(reply="这款连衣裙有现货,下单还送小样哦。", title="现货加赠", tags=("犹豫型",))
    )
    customer = empty_lib.save_customer(
        "小美", tags=["犹豫型"], notes="身高165 平时穿M", birthday="1995-03-08"
    )
    assert empty_lib.customer("小美") == customer
    boosted = empty_lib.search("连衣裙现货", customer_tags=customer.tags)
    assert boosted[0].entry_id == aimed.id
    assert {h.entry_id for h in boosted} == {plain.id, aimed.id}
    with pytest.raises(ValidationError, match="生日"):
        empty_lib.save_customer("小美", birthday="3月8日")
    updated = empty_lib.set_customer_tag(customer.id, "老客户", True)
    assert set(updated.tags) == {"犹豫型", "老客户"}


def test_variant_aimed_at_customer_tag(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="这款可以放心拍。", title="放心拍"))
    variant = empty_lib.add_variant(
        entry.id, "这款可以放心拍,下单送试吃装。", label="犹豫型", target_tag="犹豫型"
    )
    hit = empty_lib.search("放心拍", customer_tags=["犹豫型"])[0]
    assert hit.variant_id == variant.id
    assert empty_lib.render(entry, variant_id=variant.id).text.endswith("试吃装。")
    assert empty_lib.search("放心拍")[0].variant_id is None


def test_render_fills_defaults_and_reports_missing(empty_lib: Library) -> None:
    empty_lib.add_shop("小馋猫零食铺", "淘宝")
    empty_lib.set_setting("agent_name", "小圆")
    entry = empty_lib.create(
        EntryDraft(
            reply="{客户昵称}您好,我是{店铺名}的{客服名},订单{订单号}已发出 {不是占位符}", shop="小馋猫零食铺"
        )
    )
    result = empty_lib.render(entry, {"客户昵称": "阿花"})
    assert result.text.startswith("阿花您好,我是小馋猫零食铺的测试员,订单{订单号}已发出 {不是占位符}")
    assert result.missing == ("订单号",)
    empty_lib.add_placeholder("会员等级")
    assert "会员等级" in empty_lib.placeholder_names()
    # without an explicit agent, the library setting names the agent
    with Library.open(empty_lib.home) as other:
        assert "小圆" in other.render(entry.id).text


def test_rules_check_with_shop_scope(empty_lib: Library) -> None:
    shop = empty_lib.add_shop("女装店")
    empty_lib.add_rule(
        Rule(None, "不起球", severity="warn", reason="无法保证", suggestion="不易起球", shop_id=shop.id)
    )
    assert empty_lib.check("这件绝不起球") == [] or all(
        h.text != "不起球" for h in empty_lib.check("这件不起球")
    )
    hits = empty_lib.check("这件不起球", shop="女装店")
    assert any(h.text == "不起球" and h.severity == "warn" for h in hits)
    assert any(h.severity == "block" for h in empty_lib.check("全网最低价"))
    assert empty_lib.check("最近几天发货") == []


def test_sops(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="我马上帮您查一下物流", code="wl"))
    sop = empty_lib.save_sop("客户说没收到货", [("查物流", entry.id), ("联系快递", None)])
    assert [s.instruction for s in sop.steps] == ["查物流", "联系快递"]
    assert sop.steps[0].entry_id == entry.id
    with pytest.raises(ValidationError):
        empty_lib.save_sop("坏流程", [("  ", None)])


def test_logs_mask_personal_data(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="好的"))
    empty_lib.log_search("13812345678 的订单 123456789012345678 到哪了", hits=0, copied=False)
    empty_lib.log_copy(entry.id, query="单号 SF1234567890123 查一下")
    logged = empty_lib.search_log()[0]["query"]
    assert "13812345678" not in logged and "123456789012345678" not in logged
    usage = empty_lib.database.one("SELECT query FROM usage_log")
    assert usage is not None and "SF1234567890123" not in usage[0]
    assert empty_lib.usage_counts() == {entry.id: 1}


def test_empty_query_lists_most_used(empty_lib: Library) -> None:
    _, b = empty_lib.create_many([EntryDraft(reply="甲"), EntryDraft(reply="乙")])
    for _ in range(3):
        empty_lib.log_copy(b.id)
    assert empty_lib.search("")[0].entry_id == b.id


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
        assert not lib.index_is_current()
        assert len(lib.search("发货说明")) == 1


def test_two_libraries_on_one_home_share_writes(tmp_path: Path) -> None:
    """The GUI and the CLI open the same home: writes from one are searchable from the other."""
    home = tmp_path / "home"
    with Library.open(home, demo=False) as gui, Library.open(home) as cli:
        entry = cli.create(EntryDraft(reply="命令行加的发票说明"))
        assert [h.entry_id for h in gui.search("发票")] == [entry.id]
        gui.update(entry.id, reply="界面改过的发票说明")
        assert cli.get(entry.id).reply == "界面改过的发票说明"


def test_doctor_reports_missing_asset_file(empty_lib: Library, tmp_path: Path) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4 test")
    asset = empty_lib.add_asset(source, folder="质检报告")
    empty_lib.asset_path(asset).unlink()
    report = empty_lib.doctor()
    assert not report.ok and any("缺失" in p for p in report.problems)


def test_demo_search_quality(demo_lib: Library) -> None:
    """The searches an agent makes on the first day find the obvious entry."""
    top = demo_lib.search("尺码", limit=5)
    assert top and all("尺码" in (h.entry.title + h.entry.reply + h.entry.question) for h in top[:3])
    assert demo_lib.search("cm1")[0].entry.code == "cm1"
    assert demo_lib.search("chima")
    pasted = demo_lib.search("你好,我身高165体重110斤,穿什么码合适啊", limit=3)
    assert pasted and "尺码" in pasted[0].entry.title


def test_delete_shop_refuses_while_it_holds_entries(empty_lib: Library) -> None:
    """Deleting a shop never destroys entries outside the trash: live or trashed entries block it."""
    empty_lib.add_shop("临时店")
    entry = empty_lib.create(EntryDraft(reply="店里的发货规则", shop="临时店", category="售后/发货"))
    with pytest.raises(ValidationError, match="1 个条目"):
        empty_lib.delete_shop("临时店")
    empty_lib.delete(entry.id)
    with pytest.raises(ValidationError, match="回收站"):
        empty_lib.delete_shop("临时店")
    assert empty_lib.get(entry.id).shop_name == "临时店"
    empty_lib.purge([entry.id])
    empty_lib.delete_shop("临时店")
    assert "临时店" not in [s.name for s in empty_lib.shops()]
    assert empty_lib.search("发货规则") == []
    with pytest.raises(ValidationError):
        empty_lib.delete_shop("通用")


def test_update_customer_keeps_id(empty_lib: Library) -> None:
    shop = empty_lib.add_shop("女装店")
    customer = empty_lib.save_customer("小美", tags=["犹豫型"])
    renamed = empty_lib.update_customer(customer.id, nickname="小美美", shop=shop.id, notes="穿M")
    assert renamed.id == customer.id and renamed.nickname == "小美美" and renamed.shop_id == shop.id
    assert renamed.tags == ("犹豫型",) and renamed.notes == "穿M"
    other = empty_lib.save_customer("阿花", shop="女装店")
    with pytest.raises(ValidationError, match="已存在"):
        empty_lib.update_customer(other.id, nickname="小美美")
    with pytest.raises(ValidationError, match="生日"):
        empty_lib.update_customer(other.id, birthday="明天")
    assert empty_lib.customer_by_id(other.id).nickname == "阿花"


def test_rolled_back_outer_transaction_leaves_index_untouched(empty_lib: Library) -> None:
    """Writes inside a caller's transaction reach the index only when it commits (imports rely on this)."""
    kept = empty_lib.create(EntryDraft(reply="保留的发票说明"))
    with pytest.raises(RuntimeError), empty_lib.database.transaction():
        empty_lib.create(EntryDraft(reply="回滚的发票说明"))
        empty_lib.update(kept.id, reply="改过又回滚的发票说明")
        raise RuntimeError("import failed")
    assert empty_lib.index_is_current()
    assert [h.entry.reply for h in empty_lib.search("发票")] == ["保留的发票说明"]
    with empty_lib.database.transaction():
        added = empty_lib.create(EntryDraft(reply="提交的发票说明"))
    assert [h.entry_id for h in empty_lib.search("提交")] == [added.id]
    assert empty_lib.index_is_current()


def test_backup_is_a_working_copy_and_old_ones_are_pruned(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="备份里的话术"))
    path = empty_lib.backup("test")
    assert path.parent == empty_lib.layout.backups and path.exists()
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT reply FROM entries WHERE id = ?", (entry.id,)).fetchone() == ("备份里的话术",)
    copy.close()
    for _ in range(4):
        empty_lib.backup("again", keep=3)
    names = [p.name for p in empty_lib.backups()]
    assert len([n for n in names if n.endswith("-again.sqlite3")]) == 3  # each kind is pruned on its own
    assert len([n for n in names if n.endswith("-test.sqlite3")]) == 1
