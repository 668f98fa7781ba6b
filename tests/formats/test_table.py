"""Entry table: CSV and XLSX import/export, encodings, errors, modes, hostile files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from csdesk.core.errors import CsdeskError, ImportRejected
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.formats import (
    FORMATS,
    ImportCancelled,
    detect_format,
    export_file,
    import_file,
    safety,
    write_template,
)
from tests.formats.conftest import snapshot

HEADER = "编号,店铺,分类,标题,快捷编码,问题,相似问法,场景,回复,回复思路,依据,标签\n"


def entry_view(lib: Library) -> list[tuple[object, ...]]:
    return sorted(
        (e.id, e.shop_name, e.category_path, e.title, e.code, e.question, e.similar, e.scenario, e.reply, e.guidance,
         e.basis, e.tags)
        for e in lib.entries.all()
    )  # fmt: skip


def test_registry_lists_formats() -> None:
    assert {"csv", "xlsx", "bundle", "qianniu-csv", "espanso", "beeftext", "textexpander"} <= set(FORMATS)
    assert FORMATS["csv"].can_import and FORMATS["csv"].can_export
    assert FORMATS["beeftext"].can_import and not FORMATS["beeftext"].can_export


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_is_exact(demo: Library, other_lib: Library, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"all{suffix}"
    report = export_file(demo, path)
    assert report.entries == len(demo.entries.all())
    imported = import_file(other_lib, path)
    assert len(imported.added) == report.entries
    assert entry_view(other_lib) == entry_view(demo)
    assert all(e.origin == "import" and e.origin_ref == path.name for e in other_lib.entries.all())
    again = import_file(other_lib, path)
    assert not again.added and not again.updated and len(again.unchanged) == report.entries


def test_workbook_carries_rules_tags_customers_sops(
    demo: Library, other_lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "all.xlsx"
    export_file(demo, path, include_customers=True)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["条目", "规则", "标签", "客户", "流程", "店铺", "说明"]
    report = import_file(other_lib, path)
    assert not report.warnings
    assert sorted(c.nickname for c in other_lib.customers.all()) == sorted(
        c.nickname for c in demo.customers.all()
    )
    assert [(s.name, [st.instruction for st in s.steps]) for s in other_lib.sops.all()] == [
        (s.name, [st.instruction for st in s.steps]) for s in demo.sops.all()
    ]
    linked = [st.entry_id for s in demo.sops.all() for st in s.steps]
    assert [st.entry_id for s in other_lib.sops.all() for st in s.steps] == linked

    def own(lib):
        return sorted((r.pattern, r.kind, r.severity, r.reason) for r in lib.rules.all() if not r.builtin)

    assert own(other_lib) == own(demo)
    assert sorted(t.name for t in other_lib.tags.all()) == sorted(t.name for t in demo.tags.all())
    second = import_file(other_lib, path)
    assert second.extras == {} and not second.updated


def test_workbook_keeps_tag_group_colours_and_shop_platforms(
    lib: Library, other_lib: Library, tmp_path: Path
) -> None:
    lib.shops.add("旗舰店", platform="天猫")
    lib.create(EntryDraft(reply="在的亲", title="问候", shop="旗舰店"))
    lib.shops.add("京东自营", platform="京东")  # no entries: the 店铺 sheet still carries it
    group = lib.tags.add_group("会员", "#E4572E")
    lib.tags.add("金卡", group=group.id, color="#17BEBB", description="年消费过万")
    path = tmp_path / "all.xlsx"
    export_file(lib, path)
    assert [c.value for c in openpyxl.load_workbook(path)["店铺"][1]] == ["店铺", "平台"]
    report = import_file(other_lib, path)
    assert report.extras["shops"] == 2
    assert {s.name: s.platform for s in other_lib.shops.all() if not s.is_shared} == {
        "旗舰店": "天猫",
        "京东自营": "京东",
    }
    assert [(g.name, g.color) for g in other_lib.tags.groups()] == [("会员", "#E4572E")]
    assert [(t.name, t.color, t.description) for t in other_lib.tags.all()] == [
        ("金卡", "#17BEBB", "年消费过万")
    ]
    assert import_file(other_lib, path).extras == {}
    # merge: a changed platform and group colour update the existing shop and group; skip leaves them alone
    lib.shops.update("旗舰店", platform="淘宝")
    lib.tags.update_group(group.id, color="#4C8DFF")
    lib.tags.update(lib.tags.all()[0].id, color="#FFC914")
    export_file(lib, path)
    assert import_file(other_lib, path, mode="skip").extras == {}
    assert other_lib.shops.get("旗舰店").platform == "天猫"
    report = import_file(other_lib, path)
    assert report.extras == {"shop_platforms": 1, "tags": 2}
    assert other_lib.shops.get("旗舰店").platform == "淘宝"
    assert [g.color for g in other_lib.tags.groups()] == ["#4C8DFF"]
    assert [t.color for t in other_lib.tags.all()] == ["#FFC914"]


def test_bad_colour_or_platform_is_a_located_error_and_nothing_is_imported(
    lib: Library, tmp_path: Path
) -> None:
    lib.shops.add("旗舰店", platform="天猫")
    workbook = openpyxl.Workbook()
    workbook.active.title = "条目"
    workbook["条目"].append(["标题", "回复"])
    workbook["条目"].append(["问候", "在的亲"])
    tags = workbook.create_sheet("标签")
    tags.append(["标签组", "标签", "颜色", "标签组颜色"])
    tags.append(["会员", "金卡", "#17BEBB", "red"])
    tags.append(["会员", "银卡", "#12345", ""])
    shops = workbook.create_sheet("店铺")
    shops.append(["店铺", "平台"])
    shops.append(["旗舰店", "亚马逊"])
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    before = snapshot(lib)
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, path)
    found = sorted((p.file, p.row, p.column) for p in caught.value.errors)
    assert found == [
        ("bad.xlsx「店铺」", 2, "平台"), ("bad.xlsx「标签」", 2, "标签组颜色"), ("bad.xlsx「标签」", 3, "颜色"),
    ]  # fmt: skip
    colour = next(p for p in caught.value.errors if p.column == "标签组颜色")
    assert "「red」" in colour.message and "#E4572E" in colour.english
    assert snapshot(lib) == before and lib.tags.groups() == [] and lib.shops.get("旗舰店").platform == "天猫"


def test_old_workbook_without_colours_or_shop_sheet_imports(lib: Library, tmp_path: Path) -> None:
    lib.shops.add("旗舰店", platform="天猫")
    lib.tags.add_group("会员", "#E4572E")
    workbook = openpyxl.Workbook()
    workbook.active.title = "条目"
    workbook["条目"].append(["店铺", "标题", "回复"])
    workbook["条目"].append(["旗舰店", "问候", "在的亲"])
    tags = workbook.create_sheet("标签")
    tags.append(["标签组", "标签", "说明"])
    tags.append(["会员", "金卡", "年消费过万"])
    path = tmp_path / "old.xlsx"
    workbook.save(path)
    report = import_file(lib, path)
    assert len(report.added) == 1 and report.extras == {"tags": 1}
    assert lib.shops.get("旗舰店").platform == "天猫"
    assert [(g.name, g.color) for g in lib.tags.groups()] == [("会员", "#E4572E")]


def test_customers_only_when_asked(demo: Library, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    export_file(demo, path)
    assert "客户" not in openpyxl.load_workbook(path).sheetnames


def test_export_selected_shops(demo: Library, tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    report = export_file(demo, path, shops=["小馋猫零食铺"])
    assert report.entries == len(demo.entries.all(shop="小馋猫零食铺"))
    with pytest.raises(CsdeskError, match="没有名为"):
        export_file(demo, path, shops=["不存在的店"])


def test_csv_written_with_bom_and_formula_guard(lib: Library, other_lib: Library, tmp_path: Path) -> None:
    lib.create(EntryDraft(reply='=HYPERLINK("http://x")', title="公式", code="f1"))
    lib.create(EntryDraft(reply="+86 客服电话", title="加号", code="f2"))
    lib.create(EntryDraft(reply="-5 元优惠", title="减号", code="f3"))
    lib.create(EntryDraft(reply="@所有人", title="艾特", code="f4"))
    lib.create(EntryDraft(reply="'=已经带引号", title="引号", code="f5"))
    csv_path, xlsx_path = tmp_path / "f.csv", tmp_path / "f.xlsx"
    export_file(lib, csv_path)
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert (
        "'=HYPERLINK" in text
        and ",+86 客服电话," in text  # nothing a spreadsheet could run: no apostrophe (README "Reliability")
        and ",-5 元优惠," in text
        and "'@所有人" in text
        and "''=已经" in text
    )
    export_file(lib, xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path)["条目"]
    for row in sheet.iter_rows(min_row=2):
        assert row[8].data_type == "s"
    import_file(other_lib, csv_path)
    assert entry_view(other_lib) == entry_view(lib)
    third = Library.open(tmp_path / "h3", demo=False)
    import_file(third, xlsx_path)
    assert entry_view(third) == entry_view(lib)
    third.close()


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings(lib: Library, tmp_path: Path, encoding: str) -> None:
    path = _write(
        tmp_path / "t.csv", "标题,回复,快捷编码,分类\n尺码,亲，165 穿 M 码哦,cm,售前/尺码\n", encoding
    )
    import_file(lib, path)
    (entry,) = lib.entries.all()
    assert (entry.title, entry.reply, entry.code, entry.category_path) == (
        "尺码",
        "亲，165 穿 M 码哦",
        "cm",
        "售前/尺码",
    )


@pytest.mark.parametrize("encoding", ["big5", "shift_jis", "cp1252"])
def test_other_encodings_are_refused_clearly(lib: Library, tmp_path: Path, encoding: str) -> None:
    text = {
        "big5": "標題,回復\n尺碼問題,親，您好，這件衣服的尺碼偏大，建議選小一號，謝謝您的耐心等候與支持\n",
        "shift_jis": "タイトル,返信\nサイズ,こんにちは、このサイズは少し大きめです。ありがとうございます\n",
        "cp1252": "title,reply\ncafé,Merci beaucoup à bientôt — très élégant\n",
    }[encoding]
    path = _write(tmp_path / "t.csv", text, encoding)
    before = snapshot(lib)
    with pytest.raises(CsdeskError, match="编码") as caught:
        import_file(lib, path, format="csv")
    assert "UTF-8" in caught.value.english
    assert snapshot(lib) == before


def test_english_headers_pipes_and_defaults(lib: Library, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "en.csv",
        "Question,Reply,Similar,Tags,Shop,Extra\n"
        "什么时候发货,48 小时内发货,几天发货|多久发货,物流|发货,新店,x\n"
        ',"没有问题的回复第一行\n第二行",,,,\n',
        "utf-8",
    )
    report = import_file(lib, path)
    assert [w.column for w in report.warnings] == ["Extra"]
    first, second = sorted(lib.entries.all(), key=lambda e: e.title)
    assert {first.title, second.title} == {"什么时候发货", "没有问题的回复第一行"}
    asked = next(e for e in lib.entries.all() if e.question)
    assert (
        asked.similar == ("几天发货", "多久发货")
        and asked.tags == ("物流", "发货")
        and asked.shop_name == "新店"
    )
    other = next(e for e in lib.entries.all() if not e.question)
    assert other.shop_name == "通用" and other.reply == "没有问题的回复第一行\n第二行"


def test_errors_are_all_listed_with_rows_and_nothing_changes(lib: Library, tmp_path: Path) -> None:
    lib.create(EntryDraft(reply="已有", title="已有", code="old"))
    path = _write(
        tmp_path / "bad.csv",
        HEADER
        + ",,,只有标题,,,,,,,,\n"  # row 2: no reply, no question
        + ",,售前//尺码,a,,,,,回复a,,,\n"  # row 3: bad category
        + ",店A,,b,dup,,,,回复b,,,\n"  # row 4
        + ",店A,,c,DUP,,,,回复c,,,\n"  # row 5: code clash within file (case-insensitive)
        + "not-a-uuid,,,d,,,,,回复d,,,\n"  # row 6: id not a UUID
        + ",,,e,has space,,,,回复e,,,\n"  # row 7: bad code
        + ",,,fine,,,,,好的,,,\n",
        "utf-8",
    )
    before = snapshot(lib)
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, path)
    found = [(p.row, p.column) for p in caught.value.errors]
    assert found == [(2, "回复"), (3, "分类"), (5, "快捷编码"), (6, "编号"), (7, "快捷编码")]
    assert all(p.file == "bad.csv" for p in caught.value.errors)
    assert "第 5 行" in str(caught.value) and "nothing was imported" in caught.value.english
    assert snapshot(lib) == before


def test_same_code_in_different_shops_is_fine(lib: Library, tmp_path: Path) -> None:
    path = _write(tmp_path / "ok.csv", "店铺,标题,回复,快捷编码\nA店,x,回复,hy\nB店,y,回复,hy\n", "utf-8")
    assert len(import_file(lib, path).added) == 2


def test_dry_run_changes_nothing(demo: Library, tmp_path: Path) -> None:
    path = tmp_path / "all.xlsx"
    export_file(demo, path, include_customers=True)
    _write(tmp_path / "new.csv", "标题,回复,店铺\n新条目,新回复,全新店铺\n", "utf-8")
    before = snapshot(demo)
    report = import_file(demo, tmp_path / "new.csv", dry_run=True)
    assert report.dry_run and len(report.added) == 1 and report.extras == {"shops": 1}
    assert "预览" in report.summary_zh() and "would" in report.summary_en()
    import_file(demo, path, dry_run=True, mode="replace")
    assert snapshot(demo) == before


def test_merge_updates_only_the_columns_the_file_has(lib: Library, tmp_path: Path) -> None:
    entry = lib.create(
        EntryDraft(
            reply="原回复", title="原标题", code="yh", question="原问题", tags=("旧",), scenario="场景"
        )
    )
    path = _write(tmp_path / "m.csv", "快捷编码,标签\nyh,新标签|第二个\n", "utf-8")
    report = import_file(lib, path)
    assert [o.entry_id for o in report.updated] == [entry.id] and "标签" in report.updated[0].detail
    after = lib.get(entry.id)
    assert after.tags == ("新标签", "第二个") and after.reply == "原回复" and after.scenario == "场景"
    by_id = _write(tmp_path / "i.csv", f"编号,回复\n{entry.id},按编号改的回复\n", "utf-8")
    import_file(lib, by_id)
    assert lib.get(entry.id).reply == "按编号改的回复"
    by_title = _write(tmp_path / "t.csv", "标题,依据\n原标题,活动规则第 3 条\n", "utf-8")
    import_file(lib, by_title)
    assert lib.get(entry.id).basis == "活动规则第 3 条" and len(lib.entries.all()) == 1


def test_skip_and_replace(lib: Library, tmp_path: Path) -> None:
    lib.shops.add("A店")
    lib.shops.add("B店")
    kept = lib.create(EntryDraft(reply="A 店的旧条目", title="旧", shop="A店", code="old"))
    other = lib.create(EntryDraft(reply="B 店不受影响", title="B", shop="B店"))
    same = lib.create(EntryDraft(reply="会被更新", title="同名", shop="A店", code="same"))
    path = _write(
        tmp_path / "r.csv",
        "店铺,标题,快捷编码,回复\nA店,同名,same,更新后的回复\nA店,新的,new,新回复\n",
        "utf-8",
    )
    skipped = import_file(lib, path, mode="skip")
    assert len(skipped.skipped) == 1 and len(skipped.added) == 1
    assert lib.get(same.id).reply == "会被更新"
    replaced = import_file(lib, path, mode="replace")
    assert [o.entry_id for o in replaced.removed] == [kept.id]
    assert lib.get(kept.id).deleted_at is not None  # in the trash, restorable
    assert lib.get(other.id).deleted_at is None
    assert lib.get(same.id).reply == "更新后的回复"


def test_replace_with_shop_option(lib: Library, tmp_path: Path) -> None:
    lib.shops.add("C店")
    old = lib.create(EntryDraft(reply="旧", title="旧", shop="C店"))
    path = _write(tmp_path / "s.csv", "标题,回复\n新,新回复\n", "utf-8")
    report = import_file(lib, path, shop="C店", mode="replace")
    assert report.added[0].shop == "C店" and [o.entry_id for o in report.removed] == [old.id]


def test_conflicts_are_reported_not_applied(lib: Library, tmp_path: Path) -> None:
    lib.create(EntryDraft(reply="一", title="重名", code="a1"))
    lib.create(EntryDraft(reply="二", title="重名", code="a2"))
    taken = lib.create(EntryDraft(reply="三", title="别的", code="zz"))
    mine = lib.create(EntryDraft(reply="四", title="我的", code="mine"))
    path = _write(
        tmp_path / "c.csv",
        f"编号,标题,回复,快捷编码\n,重名,更新谁?,\n{mine.id},我的,四,zz\n,全新,全新回复,\n",
        "utf-8",
    )
    report = import_file(lib, path)
    assert [o.row for o in report.conflicting] == [2, 3]
    assert len(report.added) == 1
    assert lib.get(taken.id).code == "zz" and lib.get(mine.id).code == "mine"


def test_cancel_leaves_nothing(lib: Library, tmp_path: Path) -> None:
    lib.create(EntryDraft(reply="已有的回复", title="已有"))
    rows = "".join(f"条目{i},回复{i},c{i}\n" for i in range(450))
    path = _write(tmp_path / "many.csv", "标题,回复,快捷编码\n" + rows, "utf-8")
    before = snapshot(lib)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 200

    with pytest.raises(ImportCancelled):
        import_file(lib, path, progress=progress)
    assert snapshot(lib) == before and calls
    assert [h.title for h in lib.search("条目1")] == []
    assert [h.title for h in lib.search("已有")] == ["已有"]
    done = import_file(lib, path, progress=lambda d, t: True)
    assert len(done.added) == 450 and lib.search("条目1")


def test_template_is_empty_and_annotated(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["条目", "规则", "标签", "客户", "流程", "店铺", "说明"]
    sheet = workbook["条目"]
    assert [c.value for c in sheet[1]] == [*HEADER.strip().split(","), "启用", "排序"]
    assert sheet["I1"].comment is not None and sheet.max_row == 1
    report = import_file(lib, path)
    assert not report.added and not report.warnings
    write_template(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes().startswith(b"\xef\xbb\xbf" + HEADER.split(",")[0].encode())


def test_hostile_and_wrong_files(lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(lib)
    text_as_xlsx = _write(tmp_path / "text.xlsx", "标题,回复\n", "utf-8")
    with pytest.raises(CsdeskError, match="不是Excel"):
        import_file(lib, text_as_xlsx)
    png = tmp_path / "image.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(CsdeskError, match="PNG"):
        import_file(lib, png, format="csv")
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(CsdeskError, match="xls"):
        import_file(lib, xls)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", b"\x00" * (20 * 1024 * 1024))
    with pytest.raises(CsdeskError, match="压缩炸弹"):
        import_file(lib, bomb)
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("../../outside.txt", "x")
    with pytest.raises(CsdeskError, match="压缩包之外"):
        import_file(lib, evil)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", "<not really a workbook")
    with pytest.raises(CsdeskError, match="无法作为 Excel"):
        import_file(lib, damaged)
    big = _write(tmp_path / "big.csv", "标题,回复\n" + "a,b\n" * 1000, "utf-8")
    monkeypatch.setattr(safety, "MAX_TABLE_BYTES", 1000)
    with pytest.raises(CsdeskError, match="上限"):
        import_file(lib, big)
    assert snapshot(lib) == before


def test_detect_format(tmp_path: Path) -> None:
    assert detect_format(_write(tmp_path / "a.csv", HEADER, "utf-8-sig")) == "csv"
    assert (
        detect_format(_write(tmp_path / "b.csv", "快捷编码,快捷短语,快捷短语分组\n", "gbk")) == "qianniu-csv"
    )
    assert (
        detect_format(_write(tmp_path / "c.csv", "abbreviation,content,label\n", "utf-8"))
        == "textexpander-csv"
    )
    with pytest.raises(CsdeskError, match="--format") as caught:
        detect_format(_write(tmp_path / "d.csv", "hy,您好,欢迎\n", "utf-8"))
    assert "TextExpander" in str(caught.value)
    with pytest.raises(CsdeskError, match="--format"):
        detect_format(_write(tmp_path / "e.doc", "x", "utf-8"))
