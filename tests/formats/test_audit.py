"""Fixes from the format audit: nothing lost in silence, malformed files rejected with locations, bundles lossless."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.core.errors import ImportRejected
from csdesk.core.library import Library
from csdesk.formats import import_file
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
    assert lib.entries()[0].reply == "亲,48小时内发货,节假日顺延"


def test_extra_cells_in_header_less_snippet_csv(lib: Library, tmp_path: Path) -> None:
    path = _write(tmp_path / "te.csv", "abbreviation,content,label\nhy,亲,欢迎,多余\n")
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, path, format="textexpander-csv")
    assert [(p.row, p.column) for p in caught.value.errors] == [(2, "D")]
