"""The 数据 page in the supervisor's workbench, on the synthetic week of tests/insight/synthetic.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPlainTextEdit

from csdesk.core.library import Library
from csdesk.gui.insight.page import InsightPage
from csdesk.gui.manage.page_support import EntryPickerDialog
from csdesk.gui.settings import Settings
from tests.gui.clicks import click_check_box
from tests.gui.test_workspace import on_modal
from tests.insight.synthetic import week_library


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = week_library(tmp_path / "home")
    yield library
    library.close()


@pytest.fixture
def page(qtbot: Any, lib: Library, settings: Settings) -> Iterator[InsightPage]:
    from csdesk.gui.manage.workbench import ManageWorkbench

    bench = ManageWorkbench(lib, settings)
    qtbot.addWidget(bench)
    bench.resize(1300, 860)
    bench.show()
    bench.session.set_initial_pin("1234")
    insight = bench.extra_pages["InsightPage"]
    assert isinstance(insight, InsightPage)
    bench.nav.setCurrentRow(bench.pages.indexOf(insight))
    labels = [bench.nav.item(i).text() for i in range(bench.nav.count())]
    assert "数据" in labels
    choose_week(qtbot, insight)
    yield insight
    bench.shutdown()


def choose_week(qtbot: Any, page: InsightPage) -> None:
    page.period_combo.setCurrentIndex(page.period_combo.findData(0))  # 自定义
    page.from_edit.setDate(QDate(2026, 5, 4))
    page.to_edit.setDate(QDate(2026, 5, 10))
    qtbot.waitUntil(lambda: page.gap_table.rowCount() == 2)


def test_figures_charts_and_tables(page: InsightPage, qtbot: Any) -> None:
    assert ">12<" in page.figures["copies"].text()
    assert ">2<" in page.figures["overrides"].text()
    assert ">1<" in page.figures["never"].text()
    series = page.time_chart.chart().series()[0]
    assert [int(p.y()) for p in series.points()] == [3, 2, 2, 1, 3, 0, 1]
    assert page.top_table.item(0, 1).text() == "尺码推荐" and page.top_table.item(0, 4).text() == "6"
    assert page.idle_table.item(0, 1).text() == "节日问候"
    assert page.override_table.item(0, 5).text() == "2"
    assert page.gap_table.item(0, 0).text() == "发新疆吗" and page.gap_table.item(0, 1).text() == "6"


def test_shop_and_agent_filters(page: InsightPage, qtbot: Any) -> None:
    page.agent_combo.setCurrentIndex(page.agent_combo.findData("李四"))
    assert ">4<" in page.figures["copies"].text()
    qtbot.waitUntil(lambda: page.gap_table.rowCount() == 2)
    page.agent_combo.setCurrentIndex(0)
    page.shop_combo.setCurrentIndex(page.shop_combo.findText("乙店"))
    assert ">4<" in page.figures["copies"].text()
    qtbot.waitUntil(lambda: "没有" in page.gap_status.text())


def test_a_gap_becomes_a_new_entry(page: InsightPage, lib: Library, qtbot: Any) -> None:
    page.gap_table.selectRow(0)
    assert page.gap_new.isEnabled()

    def write_reply(dialog: Any) -> None:
        dialog.findChild(QPlainTextEdit, "gapReply").setPlainText("新疆可以发,补运费 15 元。")
        dialog.accept()

    seen = on_modal(qtbot, write_reply)
    qtbot.mouseClick(page.gap_new, Qt.MouseButton.LeftButton)
    assert seen
    entry = next(e for e in lib.entries.all() if e.question == "发新疆吗")
    assert set(entry.similar) == {"新疆能发吗", "新疆包邮吗"}
    qtbot.waitUntil(lambda: page.gap_table.rowCount() == 1)


def test_an_empty_reply_is_refused(
    page: InsightPage, lib: Library, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    page.gap_table.selectRow(0)
    on_modal(qtbot, lambda dialog: dialog.accept())
    qtbot.mouseClick(page.gap_new, Qt.MouseButton.LeftButton)
    assert shown and ("回复" in shown[0] or "reply" in shown[0])
    assert not [e for e in lib.entries.all() if e.question == "发新疆吗"]


def test_a_gap_becomes_similar_questions(
    page: InsightPage, lib: Library, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fabric = lib.ids["fabric"]  # type: ignore[attr-defined]
    monkeypatch.setattr(EntryPickerDialog, "pick", staticmethod(lambda *_a, **_k: fabric))
    page.gap_table.selectRow(1)
    qtbot.mouseClick(page.gap_similar, Qt.MouseButton.LeftButton)
    assert lib.get(fabric).similar == ("起球吗",)
    qtbot.waitUntil(lambda: page.gap_table.rowCount() == 1)


def test_gap_actions_need_supervisor_mode(page: InsightPage, qtbot: Any) -> None:
    bench = page.parent()
    while bench is not None and not hasattr(bench, "session"):
        bench = bench.parent()
    assert bench is not None
    bench.session.lock()
    page.gap_table.selectRow(0)
    assert not page.gap_new.isEnabled() and not page.gap_dismiss.isEnabled()


def test_report_and_cheatsheet_buttons(
    page: InsightPage, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    target = tmp_path / "week.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF") and infos
    target = tmp_path / "week.xlsx"
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    assert target.stat().st_size > 3000
    target = tmp_path / "sheet.pdf"
    qtbot.mouseClick(page.cheatsheet_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")


def test_team_usage_is_written_and_read(
    page: InsightPage, lib: Library, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csdesk.core.insight.teamusage import export_usage
    from csdesk.gui.workers import wait_for_all

    team = tmp_path / "team"
    team.mkdir()
    lib.set_setting("team_folder", str(team))
    agent = week_library(tmp_path / "agent")
    (team / "usage").mkdir()
    export_usage(agent, team / "usage")
    agent.close()
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    qtbot.mouseClick(page.team_button, Qt.MouseButton.LeftButton)
    assert "复制 17 条" in infos[0]
    assert ">24<" in page.figures["copies"].text()
    qtbot.mouseClick(page.team_button, Qt.MouseButton.LeftButton)
    assert "已读过的 26 条" in infos[1] and ">24<" in page.figures["copies"].text()
    page.team_timer.timeout.emit()  # the half-hourly write of this machine's own usage
    assert wait_for_all(10000)
    assert len(list((team / "usage").glob("主管-*.csdesk-usage.json"))) == 2  # the agent's and this machine's


def test_logging_is_switched_off_in_the_settings(lib: Library, settings: Settings, qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from csdesk.gui.settingsdialog import SettingsDialog

    dialog = SettingsDialog(lib, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.usage_logging.isChecked()
    click_check_box(qtbot, dialog.usage_logging)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert lib.setting("usage_logging") is False
    before = lib.database.scalar("SELECT COUNT(*) FROM usage_log")
    lib.log_copy(lib.ids["size"], shop="甲店")  # type: ignore[attr-defined]
    assert lib.database.scalar("SELECT COUNT(*) FROM usage_log") == before


def test_the_team_timer_outliving_its_library_is_harmless(tmp_path: Path, qtbot: Any) -> None:
    closed = week_library(tmp_path / "closed")
    page = InsightPage(closed)
    qtbot.addWidget(page)
    closed.close()
    assert page.write_team_usage() is None
    assert not page.team_timer.isActive()
