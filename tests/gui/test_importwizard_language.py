"""The import wizard shows a file's problems and the rows' details in the language of the UI, not the
environment's (CSDESK_LANG is for the command line)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from pytestqt.qtbot import QtBot

from csdesk.core.library import Library
from csdesk.gui.importwizard import ImportWizard

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff]")


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "home", demo=False, agent="测试员")
    yield library
    library.close()


@pytest.fixture
def ui_language(qapp: Any) -> Iterator[Any]:
    previous = qapp.property("csdesk_language")
    yield lambda language: qapp.setProperty("csdesk_language", language)
    qapp.setProperty("csdesk_language", previous)


def _rows(wizard: ImportWizard) -> list[list[str]]:
    model = wizard.preview_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _preview(qtbot: QtBot, wizard: ImportWizard, path: Path) -> list[list[str]]:
    wizard.path_edit.setText(str(path))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_PREVIEW, timeout=10000)
    return _rows(wizard)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_rejected_rows_in_the_ui_language(
    qtbot: QtBot,
    lib: Library,
    tmp_path: Path,
    ui_language: Any,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN" if language == "en" else "en")  # the UI's choice wins
    ui_language(language)
    path = tmp_path / "bad.csv"
    path.write_text("title,code,reply\nGreeting,hi there,Hello!\nEmpty,,\n", encoding="utf-8")
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    rows = _preview(qtbot, wizard, path)
    messages = [row[4] for row in rows]
    where = [row[1] for row in rows]
    assert len(rows) == 2
    if language == "en":
        assert any("The code 'hi there' must have no spaces" in m for m in messages)
        assert any("neither a reply nor a question" in m for m in messages)
        assert all(not CJK.search(re.sub(r"'[^']*'", "", m)) for m in messages)
        assert where[0].startswith("bad.csv row 2 ")
    else:
        assert any("不能含空格" in m for m in messages) and any("既没有回复也没有问题" in m for m in messages)
        assert where[0].startswith("bad.csv 第 2 行 ")


def test_outcome_details_in_the_ui_language(
    qtbot: QtBot, lib: Library, tmp_path: Path, ui_language: Any
) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("title,code,reply\nGreeting,hi,Hello!\n", encoding="utf-8")
    from csdesk.formats import import_file

    import_file(lib, path)
    path.write_text("title,code,reply\nGreeting,hi,Hello again!\n", encoding="utf-8")
    ui_language("en")
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    (row,) = _preview(qtbot, wizard, path)
    assert row[1] == "row 2" and row[4] == "matched by code; updates reply"
    ui_language("zh_CN")
    wizard.preview()
    qtbot.waitUntil(lambda: _rows(wizard)[0][4] != "matched by code; updates reply", timeout=10000)
    assert _rows(wizard)[0][1] == "第 2 行" and _rows(wizard)[0][4] == "按快捷编码匹配,更新:回复"
