"""Import wizard and export dialog: preview without writing, import in the background, cancel, export."""

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
from csdesk.formats import ImportCancelled, export_file, import_file
from csdesk.gui import importwizard
from csdesk.gui.importwizard import ExportDialog, ImportWizard

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(autouse=True)
def _chinese_ui(qapp: Any) -> Iterator[None]:
    previous = qapp.property("csdesk_language")
    qapp.setProperty("csdesk_language", "zh")
    yield
    qapp.setProperty("csdesk_language", previous)


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "home", demo=False, agent="测试员")
    yield library
    library.close()


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8-sig")
    return path


def _rows(wizard: ImportWizard) -> list[list[str]]:
    model = wizard.preview_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _preview(qtbot: QtBot, wizard: ImportWizard, path: Path) -> list[list[str]]:
    """Choose ``path``, press 下一步 and wait for the preview; its rows as shown."""
    wizard.path_edit.setText(str(path))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_PREVIEW, timeout=10000)
    return _rows(wizard)


def test_preview_then_import(qtbot: QtBot, qtmodeltester: Any, lib: Library, tmp_path: Path) -> None:
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    wizard.path_edit.setText(str(FIXTURES / "qianniu_phrases_gbk.csv"))
    assert wizard.chosen_format() == "qianniu-csv"
    wizard.shop_combo.setEditText("小馋猫零食铺")
    assert wizard.chosen_shop() == "小馋猫零食铺"
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_PREVIEW, timeout=10000)
    assert wizard.preview_model.rowCount() == 5 and set(wizard.preview_model.kinds()) == {"新增"}
    qtmodeltester.check(wizard.preview_model)
    assert lib.is_empty  # a preview writes nothing
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_DONE, timeout=10000)
    assert "新增 5 条" in wizard.done_label.text()
    assert {e.shop_name for e in lib.entries.all()} == {"小馋猫零食铺"} and len(lib.entries.all()) == 5
    wizard.show()  # laid out as a person sees it
    _assert_sized_to_result(wizard)


def _assert_sized_to_result(wizard: ImportWizard) -> None:
    """The result dialog is about as big as its text and the 关闭 button, and shows all of the text."""
    label, scroll = wizard.done_label, wizard.done_scroll
    text_height = label.heightForWidth(scroll.viewport().width())
    assert text_height <= scroll.viewport().height() + 2  # nothing cut, no scrolling for a short report
    spare = wizard.height() - text_height - wizard.close_button.sizeHint().height()
    assert spare < 80, (wizard.size(), text_height)  # margins and spacing only, not an empty box
    longest = max(label.fontMetrics().horizontalAdvance(line) for line in label.text().splitlines())
    assert wizard.width() < max(longest, 360) + 120, (wizard.width(), longest)
    assert wizard.width() < 860 and wizard.height() < 560


def test_a_long_result_scrolls_inside_a_capped_dialog(qtbot: QtBot, lib: Library, tmp_path: Path) -> None:
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard._import_failed(ImportCancelled())  # the short one first
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_DONE)
    _assert_sized_to_result(wizard)
    wizard.done_label.setText("\n".join(f"提醒第 {i} 行:这一行说明一个问题" for i in range(80)))
    wizard._fit_to_result()
    assert wizard.height() < 560 and wizard.done_scroll.verticalScrollBar().maximum() > 0


def test_rejected_file_shows_errors_and_cannot_import(qtbot: QtBot, lib: Library, tmp_path: Path) -> None:
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    _preview(qtbot, wizard, _csv(tmp_path, "标题,回复,分类\n好,回复,\n坏,,\n分类坏,x,a//b\n"))
    assert wizard.preview_model.kinds() == ["错误", "错误"]
    assert not wizard.next_button.isEnabled() and "2 处错误" in wizard.preview_label.text()
    assert lib.is_empty


def test_ambiguous_file_asks_for_format(qtbot: QtBot, lib: Library, tmp_path: Path) -> None:
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    wizard.path_edit.setText(str(_csv(tmp_path, "hy,您好,欢迎\n")))
    assert "--format" in wizard.detected_label.text() or "格式" in wizard.detected_label.text()
    wizard.format_combo.setCurrentIndex(wizard.format_combo.findData("textexpander-csv"))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_PREVIEW, timeout=10000)
    assert wizard.preview_model.kinds() == ["新增"]


def _start_one_row_import(qtbot: QtBot, lib: Library, tmp_path: Path) -> ImportWizard:
    """A wizard on a one-row CSV, through 预览 to 导入 (clicked as a person does); the import is running."""
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    _preview(qtbot, wizard, _csv(tmp_path, "标题,回复\n一,回复一\n"))
    wizard.next_button.click()
    return wizard


def test_cancel_leaves_library_alone(
    qtbot: QtBot, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importwizard.import_file

    def slow_import(library: Library, path: Path, **kwargs: Any) -> Any:
        progress = kwargs.pop("progress", None)
        if progress is None:
            return real(library, path, **kwargs)
        import time

        for step in range(500):
            if progress(step, 500) is False:
                raise ImportCancelled()
            time.sleep(0.01)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(importwizard, "import_file", slow_import)
    wizard = _start_one_row_import(qtbot, lib, tmp_path)
    qtbot.waitUntil(lambda: wizard.progress_bar.maximum() == 500, timeout=10000)
    wizard.close_button.click()  # 取消
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_DONE, timeout=10000)
    assert "取消" in wizard.done_label.text() and lib.is_empty


def test_while_the_index_follows_the_wizard_says_so_and_cannot_cancel(
    qtbot: QtBot, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the rows are written, import_file reports progress(0, 0) while the search index catches up: the bar
    turns busy, the label says what happens, and 取消 is off (nothing is left to cancel); then the result shows."""
    import threading

    real = importwizard.import_file
    release = threading.Event()

    def import_then_index(library: Library, path: Path, **kwargs: Any) -> Any:
        progress = kwargs.pop("progress", None)
        report = real(library, path, **kwargs)
        if progress is not None:
            progress(1, 1)
            progress(0, 0)
            release.wait(10)
        return report

    monkeypatch.setattr(importwizard, "import_file", import_then_index)
    wizard = _start_one_row_import(qtbot, lib, tmp_path)
    qtbot.waitUntil(lambda: "搜索索引" in wizard.running_label.text(), timeout=10000)
    assert wizard.progress_bar.maximum() == 0  # busy: no count
    assert not wizard.close_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == wizard.PAGE_DONE, timeout=10000)
    assert wizard.close_button.isEnabled() and "1" in wizard.done_label.text()


def test_export_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    demo = Library.open(tmp_path / "demo", demo=True)
    try:
        dialog = ExportDialog(demo)
        qtbot.addWidget(dialog)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
        target = tmp_path / "out.xlsx"
        dialog.path_edit.setText(str(target))
        dialog.shop_list.item(1).setCheckState(dialog.shop_list.item(1).checkState().Unchecked)
        dialog.customers_check.setChecked(True)
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.task is None and target.exists(), timeout=10000)
        assert "已导出" in dialog.status_label.text()
        expected = sum(len(demo.entries.all(shop=s.id)) for s in demo.shops.all()[:1] + demo.shops.all()[2:])
        assert f"{expected} 条" in dialog.status_label.text()
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("bundle"))
        assert dialog.path_edit.text().endswith(".csdesk")
    finally:
        demo.close()


def test_wizard_previews_updates(qtbot: QtBot, lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    lib.shops.add("店")
    from csdesk.core.models import EntryDraft

    lib.create(EntryDraft(reply="旧", title="一", code="a", shop="店"))
    export_file(lib, path)
    path.write_text(path.read_text(encoding="utf-8-sig").replace(",旧,", ",新,"), encoding="utf-8-sig")
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    _preview(qtbot, wizard, path)
    assert wizard.preview_model.kinds() == ["更新"]


# -- the language of the UI, not the environment's (CSDESK_LANG is for the command line) ----------------------

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff]")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_rejected_rows_in_the_ui_language(
    qtbot: QtBot,
    lib: Library,
    tmp_path: Path,
    qapp: Any,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN" if language == "en" else "en")  # the UI's choice wins
    qapp.setProperty("csdesk_language", language)
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


def test_outcome_details_in_the_ui_language(qtbot: QtBot, lib: Library, tmp_path: Path, qapp: Any) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("title,code,reply\nGreeting,hi,Hello!\n", encoding="utf-8")
    import_file(lib, path)
    path.write_text("title,code,reply\nGreeting,hi,Hello again!\n", encoding="utf-8")
    qapp.setProperty("csdesk_language", "en")
    wizard = ImportWizard(lib)
    qtbot.addWidget(wizard)
    (row,) = _preview(qtbot, wizard, path)
    assert row[1] == "row 2" and row[4] == "matched by code; updates reply"
    qapp.setProperty("csdesk_language", "zh_CN")
    wizard.preview()
    qtbot.waitUntil(lambda: _rows(wizard)[0][4] != "matched by code; updates reply", timeout=10000)
    assert _rows(wizard)[0][1] == "第 2 行" and _rows(wizard)[0][4] == "按快捷编码匹配,更新:回复"
