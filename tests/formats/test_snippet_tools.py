"""千牛, Espanso, Beeftext and TextExpander files: real-shaped fixtures, round trips, warnings, hostile input."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from csdesk.core.errors import CsdeskError, ImportRejected
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.formats import detect_format, export_file, import_file
from tests.formats.conftest import snapshot


def by_code(lib: Library) -> dict[str, tuple[str, str, str]]:
    return {e.code: (e.title, e.reply, e.category_path) for e in lib.entries.all()}


# -- 千牛 ----------------------------------------------------------------------------------------------------------
def test_qianniu_gbk_csv(lib: Library, fixtures: Path) -> None:
    path = fixtures / "qianniu_phrases_gbk.csv"
    assert detect_format(path) == "qianniu-csv"
    report = import_file(lib, path, shop="小馋猫零食铺")
    assert len(report.added) == 5 and report.extras == {"shops": 1}
    entries = by_code(lib)
    assert entries["cm"] == ("亲,身高体重发一下哦", "亲,身高体重发一下哦\n我帮您推荐尺码", "售前")
    assert entries["th"][2] == "未分组" and entries["th"][1].count("\n") == 2
    assert {e.shop_name for e in lib.entries.all()} == {"小馋猫零食铺"}


def test_qianniu_older_header(lib: Library, fixtures: Path) -> None:
    import_file(lib, fixtures / "qianniu_old_header.csv")
    assert by_code(lib)["kd"][1] == "默认发中通快递,需要顺丰请补运费差价"
    assert len(lib.entries.all()) == 2


@pytest.mark.parametrize("fmt,suffix", [("qianniu-csv", ".csv"), ("qianniu-xlsx", ".xlsx")])
def test_qianniu_round_trip_and_limits(
    lib: Library, other_lib: Library, tmp_path: Path, fmt: str, suffix: str
) -> None:
    lib.shops.add("店")
    lib.create(
        EntryDraft(reply="第一行,带逗号\n第二行", title="t1", code="ab", category="售前/尺码", shop="店")
    )
    lib.create(EntryDraft(reply="=1+1 不是公式", title="t2", code="toolong", shop="店"))
    lib.create(
        EntryDraft(reply="长" * 431, title="t3", code="c3", category="一个非常非常长的分组名字", shop="店")
    )
    lib.create(EntryDraft(reply="没有分组", title="t4", code="c4", shop="店"))
    path = tmp_path / f"qn{suffix}"
    report = export_file(lib, path, format=fmt)
    columns = sorted(w.column for w in report.warnings if w.column)
    assert {"快捷编码", "快捷短语", "快捷短语分组"} <= set(columns)
    if suffix == ".csv":
        raw = path.read_bytes().decode("gb18030")
        assert "&#13;" in raw and "&#44;" in raw and "'=1+1" in raw
    import_file(other_lib, path, format=fmt, shop="店")
    mine = {e.code: (e.reply, e.category_path or "未分组") for e in lib.entries.all()}
    theirs = {e.code: (e.reply, e.category_path) for e in other_lib.entries.all()}
    assert theirs == mine


def test_qianniu_without_phrase_column_is_rejected(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text("快捷编码,别的\nhy,x\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="快捷短语"):
        import_file(lib, path, format="qianniu-csv")


# -- Espanso -------------------------------------------------------------------------------------------------------
def test_espanso_package_folder(lib: Library, fixtures: Path) -> None:
    package = fixtures / "espanso_package"
    assert detect_format(package) == "espanso"
    report = import_file(lib, package)
    entries = by_code(lib)
    assert entries["hy"] == ("欢迎语", "亲,欢迎光临小馋猫零食铺~有什么可以帮您?", "")
    assert entries["fh"][1] == "付款后 48 小时内发货\n今天是 {今天},节假日顺延"
    assert entries["dd"][1] == "您的订单号是 {{clipboard}},我帮您查一下"
    assert entries["ip"][1] == "{{output}}"
    assert entries["ming"][1] == "您好 {name},您的快递单号是 {number}"
    assert entries["th"][2] == "售后"
    regex = next(e for e in lib.entries.all() if not e.code)
    assert regex.reply == "退款 {{n}} 元已提交"
    text = "\n".join(str(w) for w in report.warnings)
    for expected in ("fahuo", "clipboard", "shell", "$|$", "正则", "表单"):
        assert expected in text, expected
    assert all(w.path for w in report.warnings)


def test_espanso_package_zip_and_single_file(lib: Library, fixtures: Path, tmp_path: Path) -> None:
    archive = tmp_path / "cs-phrases.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in (fixtures / "espanso_package").iterdir():
            zf.write(file, f"cs-phrases/0.1.0/{file.name}")
    assert detect_format(archive) == "espanso"
    assert len(import_file(lib, archive, dry_run=True).added) == 7
    single = tmp_path / "base.yml"
    shutil.copy(fixtures / "espanso_package" / "package.yml", single)
    assert len(import_file(lib, single).added) == 6


def test_espanso_round_trip(demo: Library, other_lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "csdesk.yml"
    demo.create(EntryDraft(reply="  前后有空格\n\n多行 ", title="空格", code="kg"))
    report = export_file(demo, path, shops=["通用"])
    assert any("占位符" in w.message for w in report.warnings)
    import_file(other_lib, path)
    mine = {e.code: (e.title, e.reply) for e in demo.entries.all(shop="通用") if e.code}
    theirs = {e.code: (e.title, e.reply) for e in other_lib.entries.all()}
    assert theirs == mine


def test_espanso_bad_yaml_and_hostile(lib: Library, tmp_path: Path) -> None:
    before = snapshot(lib)
    bad = tmp_path / "bad.yml"
    bad.write_text("matches:\n  - trigger: ':a'\n    replace: [unclosed\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="YAML"):
        import_file(lib, bad)
    python_tag = tmp_path / "evil.yml"
    python_tag.write_text("matches: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        import_file(lib, python_tag)
    slip = tmp_path / "slip.zip"
    with zipfile.ZipFile(slip, "w") as zf:
        zf.writestr("../../package.yml", "matches: []")
    with pytest.raises(CsdeskError, match="压缩包之外"):
        import_file(lib, slip, format="espanso")
    png = tmp_path / "pic.yml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    with pytest.raises(CsdeskError, match="PNG"):
        import_file(lib, png)
    assert snapshot(lib) == before


# -- Beeftext ------------------------------------------------------------------------------------------------------
def test_beeftext_json(lib: Library, fixtures: Path) -> None:
    path = fixtures / "beeftext_combos.json"
    assert detect_format(path) == "beeftext"
    report = import_file(lib, path)
    entries = {e.code: e for e in lib.entries.all()}
    assert entries["hy"].reply == "亲,欢迎光临~今天是 {今天}" and entries["hy"].category_path == "售前"
    assert entries["cf"].reply == "亲,{称呼},您拍下的宝贝还没付款哦" and not entries["cf"].enabled
    assert "#{clipboard}" in entries["cd"].reply and entries["cd"].category_path == "售后"
    text = "\n".join(str(w) for w in report.warnings)
    assert (
        "#{clipboard}" in text
        and "#{powershell" in text
        and "combos[2].snippet" in text
        and "#{cursor}" in text
    )


def test_beeftext_csv_needs_format(lib: Library, fixtures: Path) -> None:
    path = fixtures / "beeftext_combos.csv"
    with pytest.raises(CsdeskError, match="--format"):
        detect_format(path)
    import_file(lib, path, format="beeftext-csv")
    assert by_code(lib)["fh"] == ("发货", "48小时内发货\n节假日顺延", "")


# -- TextExpander --------------------------------------------------------------------------------------------------
def test_textexpander_plist(lib: Library, fixtures: Path) -> None:
    path = fixtures / "textexpander_group.textexpander"
    assert detect_format(path) == "textexpander"
    report = import_file(lib, path)
    entries = by_code(lib)
    assert set(entries) == {";hy", ";th", ";mt"}  # the shell snippet is reported, not imported
    assert entries[";th"][1] == "亲,{退货原因},我们帮您处理\n%clipboard" and entries[";th"][2] == "客服常用"
    text = "\n".join(str(w) for w in report.warnings)
    assert (
        "Shell" in text
        and "snippetsTE2[2]" in text
        and "%clipboard" in text
        and "富文本" in text
        and "%@+1D" in text
    )


def test_textexpander_csv(lib: Library, fixtures: Path) -> None:
    path = fixtures / "textexpander_snippets.csv"
    report = import_file(lib, path, format="textexpander-csv")
    assert by_code(lib)["rq"] == ("日期", "今天是 {今天},请稍等", "")
    assert any("%|" in w.message and w.row == 2 for w in report.warnings)


def test_textexpander_wrong_file(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "x.textexpander"
    path.write_bytes(b"PK\x03\x04" + bytes(40))
    with pytest.raises(CsdeskError, match="ZIP"):
        import_file(lib, path)
