"""A code repeated in a snippet tool's file (Espanso, 千牛, TextExpander) becomes one entry with variants and a
warning listing the codes — the file is never refused for it (an Espanso hub package with 31,000 triggers was)."""

from __future__ import annotations

from pathlib import Path

from csdesk.core.library import Library
from csdesk.formats import import_file
from csdesk.formats.qianniu import encode_phrase


def test_espanso_repeated_triggers_become_variants(lib: Library, tmp_path: Path) -> None:
    package = tmp_path / "translate.yml"
    lines = ["matches:"]
    for i in range(3000):  # a translation package: every fifth trigger repeats an earlier one
        word = f"w{i % 2400}"
        lines.append(f'  - trigger: ":{word}"\n    replace: "{word} 的意思 {i}"')
    lines.append('  - trigger: ":w0"\n    replace: "w0 的意思 0"')  # an exact repeat: dropped
    lines.append('  - trigger: ":w1"\n    label: "正式说法"\n    replace: "w1 的正式说法"')
    package.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(lib, package)
    assert len(report.added) == 2400 and not report.conflicting
    w0 = lib.find("w0")
    assert w0.reply == "w0 的意思 0" and [v.reply for v in w0.variants] == ["w0 的意思 2400"]
    w1 = lib.find("w1")
    assert [v.label for v in w1.variants][-1] == "正式说法" and len(w1.variants) == 2
    (warning,) = [w for w in report.warnings if "不止一次" in w.message]
    assert warning.message.startswith("600 个快捷编码") and "w0(3 次)" in warning.message
    assert "……另有 570 个" in warning.message
    assert "600 shortcut codes" in warning.english and "w0 (3 times)" in warning.english


def test_repeated_trigger_without_reply_is_listed(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "m.yml"
    path.write_text(
        'matches:\n  - trigger: ":a"\n    replace: "甲"\n  - trigger: ":a"\n    replace: ""\n',
        encoding="utf-8",
    )
    report = import_file(lib, path)
    assert len(report.added) == 1 and lib.find("a").variants == ()
    (empty,) = [w for w in report.warnings if "没有回复" in w.message]
    assert "m.yml:matches[1]" in empty.message and "no reply" in empty.english


def test_qianniu_and_textexpander_repeated_codes(lib: Library, tmp_path: Path) -> None:
    qianniu = tmp_path / "qianniu.csv"
    rows = [
        ("kd", "亲,今天发货", "物流"),
        ("kd", "亲,明天发货\n请放心", "物流"),
        ("th", "七天无理由", "售后"),
    ]
    body = "".join(f"{code},{encode_phrase(text)},{group}\n" for code, text, group in rows)
    qianniu.write_bytes(("快捷编码,快捷短语,快捷短语分组\n" + body).encode("gbk"))
    report = import_file(lib, qianniu, format="qianniu")
    assert len(report.added) == 2
    assert [v.reply for v in lib.find("kd").variants] == ["亲,明天发货\n请放心"]
    assert any("千牛" in w.message and "kd(2 次)" in w.message for w in report.warnings)
    assert any("Qianniu" in w.english for w in report.warnings)

    te = tmp_path / "te.csv"
    te.write_text("zz,第一种,问候\nzz,第二种,问候2\nyy,另一条,别的\n", encoding="utf-8")
    report = import_file(lib, te, format="textexpander")
    assert len(report.added) == 2
    zz = lib.find("zz")
    assert zz.reply == "第一种" and [(v.label, v.reply) for v in zz.variants] == [("问候2", "第二种")]


def test_the_entry_table_still_refuses_a_repeated_code(lib: Library, tmp_path: Path) -> None:
    import pytest

    from csdesk.core.errors import ImportRejected

    table = tmp_path / "t.csv"
    table.write_text("标题,快捷编码,回复\nA,x1,一\nB,x1,二\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        import_file(lib, table)
