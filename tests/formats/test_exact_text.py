"""Replies survive CSV and XLSX exactly (a leading carriage return included), and the formula guard's apostrophe is
added only where a spreadsheet could run the text as a formula."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.formats import export_file, import_file
from csdesk.formats.safety import guard_formula, unguard_formula
from csdesk.formats.tabular import decode_ooxml, encode_ooxml

REPLIES = [
    "\r开头是回车", "\r\n开头是回车换行", "中间\r回车", "结尾回车\r", "-", "+86 138 0000 0000", "-5", "- 亲,在的",
    "=1+1", "@客服", "'-带引号", "'=带引号的公式", "\t制表符开头", "-cmd|' /c calc'!A0", "+SUM(A1)", "_x000D_字面",
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_replies_round_trip_exactly(suffix: str, lib: Library, other_lib: Library, tmp_path: Path) -> None:
    for reply in REPLIES:
        lib.create(EntryDraft(reply=reply, title=f"t{REPLIES.index(reply)}"))
    path = tmp_path / f"话术{suffix}"
    export_file(lib, path)
    import_file(other_lib, path)
    assert sorted(e.reply for e in other_lib.entries.all()) == sorted(REPLIES)


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("-", False), ("+86 138 0000 0000", False), ("-5", False), ("- 亲,在的", False), ("\r开头", False),
        ("=1+1", True), ("@SUM(1)", True), ("+SUM(A1)", True), ("-cmd|' /c calc'!A0", True), ("\t=x", True),
        ("'=x", True), ("普通回复", False),
    ],
)  # fmt: skip
def test_formula_guard_only_where_a_formula_could_run(text: str, guarded: bool) -> None:
    written = guard_formula(text)
    assert written.startswith("'") is (guarded or text.startswith("'")) or written == text
    assert (written != text) is guarded
    assert unguard_formula(written) == text


def test_csv_shows_no_apostrophe_for_phone_numbers_and_dashes(lib: Library, tmp_path: Path) -> None:
    lib.create(EntryDraft(reply="+86 138 0000 0000", title="电话"))
    lib.create(EntryDraft(reply="-", title="横线"))
    path = tmp_path / "话术.csv"
    export_file(lib, path)
    text = path.read_text(encoding="utf-8-sig")
    assert ",+86 138 0000 0000," in text and ",-," in text and "'" not in text


def test_office_escapes() -> None:
    for text in ("\r", "a\rb", "_x000D_", "_x005F_", "x_x0041_y"):
        assert decode_ooxml(encode_ooxml(text)) == text
    assert decode_ooxml("_x000D_\n两行") == "\r\n两行"  # how Excel writes a CR LF inside a cell
