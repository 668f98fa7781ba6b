"""Hostile and broken files: each is refused with a message that names the file, in Chinese and English, and the
library is unchanged."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.formats import import_file
from tests.formats.conftest import snapshot
from tests.formats.hostile_files import HOSTILE


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_file_is_refused_with_a_message_naming_it(kind: str, demo: Library, tmp_path: Path) -> None:
    path = HOSTILE[kind](tmp_path)
    before = snapshot(demo)
    started = time.perf_counter()
    with pytest.raises(CsdeskError) as caught:
        import_file(demo, path)
    assert time.perf_counter() - started < 30
    error = caught.value
    assert path.name in error.message and path.name in error.english
    assert error.message != error.english
    assert "SECRET" not in error.message
    assert snapshot(demo) == before


def test_oversize_field_names_the_limit(demo: Library, tmp_path: Path) -> None:
    path = HOSTILE["oversize CSV field"](tmp_path)
    with pytest.raises(CsdeskError) as caught:
        import_file(demo, path)
    assert "100000" in caught.value.message and "「回复」" in caught.value.message
    assert "per field" in caught.value.english


@pytest.mark.parametrize(
    "error",
    [
        RecursionError(), TypeError(), AttributeError(), KeyError("x"), IndexError(), ValueError(), OverflowError(),
        MemoryError(), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), NotImplementedError("zip file version 6.4"),
        __import__("zlib").error(), __import__("zipfile").BadZipFile(), EOFError(), __import__("struct").error(),
        __import__("xml.etree.ElementTree", fromlist=["ParseError"]).ParseError("unclosed token"),
    ],
)  # fmt: skip
def test_every_parser_failure_becomes_a_message(error: BaseException, tmp_path: Path) -> None:
    from csdesk.formats.hostile import guarded_read

    def reader(path: Path) -> None:
        raise error

    path = tmp_path / "坏文件.xlsx"
    with pytest.raises(CsdeskError) as caught:
        guarded_read(reader, path)  # type: ignore[arg-type]
    assert "坏文件.xlsx" in caught.value.message and "坏文件.xlsx" in caught.value.english
    assert "话术库没有任何改动" in caught.value.message and "unchanged" in caught.value.english
